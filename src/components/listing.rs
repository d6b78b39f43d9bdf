//! A listing of articles or products driven entirely by the URL: page, sort, facet filters
//! and price range are read from the query string and changed by links (or a GET form), so
//! every state deep-links, survives a reload and works with Back.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::cards::CardGrid;
use super::data_view::Loaded;
use super::pagination::Pagination;
use super::skeleton::CardGridSkeleton;
use crate::api;
use crate::api::queries::use_query;
use crate::config::link;
use crate::domain::listing::{ListingQuery, Sort, PAGE_SIZE};
use crate::domain::{ArchiveSummary, ContentKind, Facet, ListingScope, ModuleRef, Money, Paged};
use crate::i18n::use_i18n;

/// The query string of the current URL as a [`ListingQuery`].
pub fn use_listing_query() -> Memo<ListingQuery> {
    let params = use_query_map();
    Memo::new(move |_| {
        params.with(|map| ListingQuery::from_pairs(map.into_iter().map(|(k, v)| (k.as_ref(), v))))
    })
}

/// Results, sort, facets and pagination for one scope (a module, a category, a search).
#[component]
pub fn Listing(
    /// The route path the listing lives at, for its links.
    path: String,
    scope: ListingScope,
    kind: ContentKind,
    /// The module whose filterable fields become facets; `None` shows no facets.
    facet_module: Option<ModuleRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let results = use_query(api::content::archives, move || {
        (scope.clone(), query.get(), PAGE_SIZE)
    });
    let results_path = path.clone();
    view! {
        <div class="listing" class:listing--with-facets=facet_module.is_some()>
        // Keeps the outline h1 → h2 → h3 (facet names, card titles) for screen readers.
        <h2 class="visually-hidden">{move || i18n.t("listing.heading")}</h2>
            {facet_module.map(|module| view! { <FacetPanel module path=path.clone() query /> })}
            <div class="listing__results">
                <SortBar path=path.clone() query kind />
                <Loaded
                    query=results
                    fallback=|| view! { <CardGridSkeleton /> }
                    view={move |page: Paged<ArchiveSummary>| {
                        let path = results_path.clone();
                        let q = query.get_untracked();
                        if page.items.is_empty() {
                            return view! { <EmptyResults path query=q /> }.into_any();
                        }
                        let count = page.total.to_string();
                        view! {
                            <p class="listing__count" role="status">
                                {move || i18n.t_with("listing.results", &[("count", &count)])}
                            </p>
                            <CardGrid items=page.items />
                            <Pagination path query=q total=page.total page_size=PAGE_SIZE />
                        }
                        .into_any()
                    }}
                />
            </div>
        </div>
    }
}

#[component]
fn EmptyResults(path: String, query: ListingQuery) -> impl IntoView {
    let i18n = use_i18n();
    let clear_href = link(&format!("{path}{}", query.cleared().to_query_string()));
    let refined = query.has_refinements();
    let search = query.search.clone().unwrap_or_default();
    view! {
        <div class="empty-state" role="status">
            <p>
                {move || if search.is_empty() || refined {
                    i18n.t("listing.empty")
                } else {
                    i18n.t_with("listing.empty_search", &[("q", &search)])
                }}
            </p>
            {refined.then(|| view! { <a class="button" href=clear_href>{move || i18n.t("listing.clear")}</a> })}
        </div>
    }
}

/// Sort choices as links (they work before the wasm loads and keep the URL the state).
#[component]
fn SortBar(path: String, query: Memo<ListingQuery>, kind: ContentKind) -> impl IntoView {
    let i18n = use_i18n();
    let options = Sort::ALL
        .into_iter()
        .filter(move |sort| kind == ContentKind::Product || sort.applies_to_articles())
        .map(|sort| {
            let path = path.clone();
            let href = move || link(&format!("{path}{}", query.get().with_sort(sort).to_query_string()));
            let current = move || (query.get().sort == sort).then_some("true");
            let label_key = format!("listing.sort.{}", sort.key());
            view! {
                <li><a class="chip" href=href aria-current=current>{move || i18n.t(&label_key)}</a></li>
            }
        })
        .collect_view();
    view! {
        <nav class="sort-bar" aria-label=move || i18n.t("listing.sort_label")>
            <span class="sort-bar__label" aria-hidden="true">{move || i18n.t("listing.sort_label")}</span>
            <ul class="chip-list">{options}</ul>
        </nav>
    }
}

/// Facet filters from `/api/archive/filters` plus a price range. The selection is computed
/// from our URL (the server would compute it from the Referer header).
#[component]
fn FacetPanel(module: ModuleRef, path: String, query: Memo<ListingQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let facets = use_query(api::content::facets, move || module);
    let open_by_default = wide_screen() || query.get_untracked().has_refinements();
    let groups_path = path.clone();
    view! {
        <aside class="facets">
            <details class="facets__disclosure" open=open_by_default>
                <summary class="facets__summary">{move || i18n.t("listing.filters")}</summary>
                <Loaded
                    query=facets
                    fallback=|| view! { <div class="skeleton skeleton--block"></div> }
                    view={move |groups: Vec<Facet>| {
                        let path = groups_path.clone();
                        groups
                            .into_iter()
                            .map(|facet| view! { <FacetGroup facet path=path.clone() query /> })
                            .collect_view()
                            .into_any()
                    }}
                />
                <PriceRange path=path.clone() query />
                {move || {
                    let q = query.get();
                    q.has_refinements().then(|| {
                        let href = link(&format!("{path}{}", q.cleared().to_query_string()));
                        view! { <a class="facets__clear" href=href>{move || i18n.t("listing.clear")}</a> }
                    })
                }}
            </details>
        </aside>
    }
}

#[component]
fn FacetGroup(facet: Facet, path: String, query: Memo<ListingQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let field = facet.field.clone();
    let option_link = {
        let path = path.clone();
        let field = field.clone();
        move |value: Option<String>| {
            let path = path.clone();
            let field = field.clone();
            let selected_value = value.clone();
            let field_for_current = field.clone();
            let href = move || {
                link(&format!(
                    "{path}{}",
                    query
                        .get()
                        .with_filter(&field, value.as_deref())
                        .to_query_string()
                ))
            };
            let current = move || {
                (query.get().filter_value(&field_for_current) == selected_value.as_deref())
                    .then_some("true")
            };
            (href, current)
        }
    };
    let (all_href, all_current) = option_link(None);
    let heading_id = format!("facet-{}", facet.field);
    let labelled_by = heading_id.clone();
    view! {
        <section class="facet" aria-labelledby=labelled_by>
            <h3 class="facet__name" id=heading_id>{facet.name}</h3>
            <ul class="chip-list">
                <li><a class="chip" href=all_href aria-current=all_current>{move || i18n.t("listing.all")}</a></li>
                {facet
                    .options
                    .into_iter()
                    .map(|option| {
                        let (href, current) = option_link(Some(option.clone()));
                        view! { <li><a class="chip" href=href aria-current=current>{option}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A min/max price form. It is a real GET form; with the wasm running it navigates in-app.
#[component]
fn PriceRange(path: String, query: Memo<ListingQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let min_input = NodeRef::<leptos::html::Input>::new();
    let max_input = NodeRef::<leptos::html::Input>::new();
    let form_path = path.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = |node: NodeRef<leptos::html::Input>| {
            node.get().and_then(|el| Money::parse_major(&el.value()))
        };
        let next = query
            .get_untracked()
            .with_price(read(min_input), read(max_input));
        navigate(
            &format!("{form_path}{}", next.to_query_string()),
            NavigateOptions::default(),
        );
    };

    view! {
        <form class="price-range" method="get" action=link(&path) on:submit=on_submit>
            <fieldset>
                <legend class="facet__name">{move || i18n.t("listing.price")}</legend>
                <div class="price-range__inputs">
                    <label>
                        <span class="visually-hidden">{move || i18n.t("listing.min")}</span>
                        <input
                            node_ref=min_input
                            name="min"
                            type="text"
                            inputmode="decimal"
                            placeholder=move || i18n.t("listing.min")
                            prop:value=move || query.get().min_price.map(Money::to_major_string).unwrap_or_default()
                        />
                    </label>
                    <span aria-hidden="true">"–"</span>
                    <label>
                        <span class="visually-hidden">{move || i18n.t("listing.max")}</span>
                        <input
                            node_ref=max_input
                            name="max"
                            type="text"
                            inputmode="decimal"
                            placeholder=move || i18n.t("listing.max")
                            prop:value=move || query.get().max_price.map(Money::to_major_string).unwrap_or_default()
                        />
                    </label>
                    <button type="submit" class="button button--small">{move || i18n.t("listing.apply")}</button>
                </div>
                // Without the wasm, the plain form submission keeps the other refinements.
                {move || {
                    query
                        .get()
                        .filters
                        .into_iter()
                        .map(|(k, v)| view! { <input type="hidden" name=k value=v /> })
                        .collect_view()
                }}
            </fieldset>
        </form>
    }
}

fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|width| width >= 900.0)
}
