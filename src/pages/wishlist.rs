//! `/account/wishlist?page=` (documented edition): wished products with the price then and
//! now, a "price dropped" badge, and each record's target price and note editable. On the
//! open-source edition the page says the shop has no wishlist.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::favorites::{WishItem, WISHLIST_PAGE_SIZE};
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::PageLinks;
use crate::components::wishlist::WishFields;
use crate::config::link;
use crate::domain::wishlist::price_dropped;
use crate::domain::{Capabilities, Feature, Paged, Route};
use crate::i18n::use_i18n;
use crate::state::write::Write;

fn page_path(page: u32) -> String {
    if page > 1 {
        format!("{}?page={page}", Route::Wishlist.path())
    } else {
        Route::Wishlist.path()
    }
}

#[component]
pub fn WishlistPage() -> impl IntoView {
    let i18n = use_i18n();
    let features = use_query(api::capabilities::detect, || ());
    let title = Signal::derive(move || i18n.t("wishlist.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <Loaded
            query=features
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |features: Capabilities| {
                if features.has(Feature::Wishlist) {
                    view! { <WishList /> }.into_any()
                } else {
                    view! { <p class="notice notice--info">{i18n.t("wishlist.not_offered")}</p> }.into_any()
                }
            }}
        />
    }
}

#[component]
fn WishList() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = super::page_param(query);
    let list = use_query(api::favorites::wishlist, move || page.get());
    let remove = Write::<Result<(), api::ApiError>>::new();
    Effect::new(move |_| {
        if remove.value.with(|v| matches!(v, Some(Ok(())))) {
            invalidate(api::favorites::wishlist, page.get_untracked());
        }
    });
    view! {
        {move || match remove.value.get() {
            Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
            _ => None,
        }}
        <Loaded
            query=list
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<WishItem>| {
                if paged.items.is_empty() {
                    return view! {
                        <p class="empty-state" role="status" data-wishlist-empty="">{i18n.t("wishlist.empty")}</p>
                    }.into_any();
                }
                let total = paged.total;
                view! {
                    <ul class="wish-list">
                        {paged.items.into_iter().map(|item| view! { <WishRow item remove page /> }).collect_view()}
                    </ul>
                    <PageLinks current=page.get_untracked() total page_size=WISHLIST_PAGE_SIZE href=Callback::new(|p: u32| link(&page_path(p))) />
                }.into_any()
            }}
        />
    }
}

#[component]
fn WishRow(
    item: WishItem,
    remove: Write<Result<(), api::ApiError>>,
    page: Memo<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dropped = price_dropped(item.price, item.origin_price, item.target_price);
    let id = item.id;
    let editing = RwSignal::new(false);
    let name = item.title.clone();
    let name_for_edit = item.title.clone();
    let edit_item = item.clone();
    view! {
        <li class="wish-list__item" data-wish=id data-dropped=dropped.to_string()>
            <a class="wish-list__link" href=link(&item.path)>
                {item.thumb.clone().map(|src| view! { <img src=src alt="" width="80" height="80" loading="lazy" /> })}
                <span class="wish-list__title">{item.title.clone()}</span>
            </a>
            {dropped.then(|| view! { <span class="badge badge--sale" data-price-dropped="">{move || i18n.t("wishlist.dropped")}</span> })}
            <dl class="facts facts--compact">
                <div><dt>{move || i18n.t("wishlist.price_now")}</dt><dd><Price money=item.price /></dd></div>
                <div><dt>{move || i18n.t("wishlist.price_then")}</dt><dd><Price money=item.origin_price /></dd></div>
                {item.target_price.map(|t| view! {
                    <div><dt>{move || i18n.t("wishlist.target")}</dt><dd><Price money=t /></dd></div>
                })}
                {(!item.remark.is_empty()).then(|| view! {
                    <div><dt>{move || i18n.t("wishlist.remark")}</dt><dd class="wish-list__remark">{item.remark.clone()}</dd></div>
                })}
            </dl>
            <div class="wish-list__actions">
                <button type="button" class="button button--quiet" aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || i18n.t_with("wishlist.edit", &[("title", &name_for_edit)])}
                </button>
                <button type="button" class="button button--quiet" disabled=move || remove.pending.get()
                    on:click=move |_| {
                        remove.clear();
                        remove.run(api::favorites::unwish(id));
                    }>
                    {move || i18n.t_with("wishlist.remove", &[("title", &name)])}
                </button>
            </div>
            {move || editing.get().then(|| {
                let item = edit_item.clone();
                let archive_id = item.archive_id;
                let on_saved = Callback::new(move |()| invalidate(api::favorites::wishlist, page.get_untracked()));
                view! { <WishFields archive_id initial=Some(item) on_saved /> }
            })}
        </li>
    }
}
