//! `/account/favorites?page=`: the signed-in shopper's favorites, paged, each removable.
//! A guest's favorites live in the browser until sign-in, when they are added to these.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::favorites::FAVORITES_PAGE_SIZE;
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::ArchiveCard;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::PageLinks;
use crate::config::link;
use crate::domain::{ArchiveSummary, Paged, Route};
use crate::i18n::use_i18n;
use crate::state::favorites::use_favorites;
use crate::state::write::Write;

fn page_path(page: u32) -> String {
    if page > 1 {
        format!("{}?page={page}", Route::Favorites.path())
    } else {
        Route::Favorites.path()
    }
}

#[component]
pub fn FavoritesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = super::page_param(query);
    let list = use_query(api::favorites::list, move || page.get());
    let remove = Write::<Result<i64, api::ApiError>>::new();
    if let Some(favorites) = use_favorites() {
        // A heart toggled anywhere (this page's cards too) changes the list.
        Effect::new(move |first: Option<()>| {
            favorites.changed.track();
            if first.is_some() {
                invalidate(api::favorites::list, page.get_untracked());
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(id)) = remove.value.get() {
                favorites.removed(id);
            }
        });
    }
    let title = Signal::derive(move || i18n.t("favorites.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        {move || match remove.value.get() {
            Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
            _ => None,
        }}
        <Loaded
            query=list
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<ArchiveSummary>| {
                if paged.items.is_empty() {
                    return view! {
                        <p class="empty-state" role="status" data-favorites-empty="">{i18n.t("favorites.empty")}</p>
                        <p><a class="button" href=link(&Route::Products.path())>{i18n.t("favorites.browse")}</a></p>
                    }.into_any();
                }
                let total = paged.total;
                view! {
                    <h2 class="visually-hidden">{i18n.t("favorites.list")}</h2>
                    <ul class="favorite-list">
                        {paged.items.into_iter().map(|item| {
                            let id = item.id;
                            let name = item.title.clone();
                            view! {
                                <li class="favorite-list__item" data-favorite=id>
                                    <ArchiveCard item />
                                    <button type="button" class="button button--quiet"
                                        disabled=move || remove.pending.get()
                                        on:click=move |_| {
                                            remove.clear();
                                            remove.run(async move { api::favorites::remove(id).await.map(|()| id) });
                                        }>
                                        {move || i18n.t_with("favorites.remove", &[("title", &name)])}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <PageLinks current=page.get_untracked() total page_size=FAVORITES_PAGE_SIZE href=Callback::new(|p: u32| link(&page_path(p))) />
                }.into_any()
            }}
        />
    }
}
