//! `/tags`: every tag, paged. `/tag/:slug`: the archives carrying one tag.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::cards::CardGrid;
use crate::components::data_view::{loaded, DataView};
use crate::components::listing::use_listing_query;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::components::skeleton::{CardGridSkeleton, TextSkeleton};
use crate::config::link;
use crate::domain::listing::PAGE_SIZE;
use crate::domain::{Slug, Tag};
use crate::i18n::use_i18n;

const TAGS_PER_PAGE: u32 = 60;

#[component]
pub fn TagsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let tags = LocalResource::new(move || {
        let page = query.get().page;
        api::content::tags(page, TAGS_PER_PAGE)
    });
    let title = Signal::derive(move || i18n.t("tags.title"));
    view! {
        <PageMeta title />
        <header class="page-header"><h1 class="page-title">{move || title.get()}</h1></header>
        <DataView fallback=|| view! { <TextSkeleton lines=3 /> }>
                {move || Suspend::new(async move { loaded(tags.await.map(|page| view! {
                        <ul class="chip-list chip-list--cloud">
                            {page.items.into_iter().map(|t| {
                                let href = link(&t.href());
                                view! { <li><a class="chip" href=href>{t.title}</a></li> }
                            }).collect_view()}
                        </ul>
                        <Pagination path="/tags".to_string() query=query.get_untracked() total=page.total page_size=TAGS_PER_PAGE />
                    }), move || tags.refetch()) })}
            </DataView>
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").and_then(|s| Slug::parse(&s))));
    let tag = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            match slug {
                Some(slug) => api::content::tag(&slug).await,
                None => Err(api::ApiError::NotFound),
            }
        }
    });
    view! {
        <DataView fallback=|| view! { <TextSkeleton lines=1 /><CardGridSkeleton /> }>
                {move || Suspend::new(async move { loaded(tag.await.map(|tag| view! { <TagView tag /> }), move || tag.refetch()) })}
            </DataView>
    }
}

#[component]
fn TagView(tag: Tag) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let tag_id = tag.id;
    let path = tag.href();
    let archives = LocalResource::new(move || {
        let page = query.get().page;
        api::content::tag_archives(tag_id, page, PAGE_SIZE)
    });
    let name = tag.title.clone();
    let heading = move || i18n.t_with("tags.tagged", &[("tag", &name)]);
    let seo = tag.seo.clone();
    view! {
            <PageMeta title=seo.title description=seo.description canonical=seo.canonical />
            <header class="page-header">
                <h1 class="page-title">{heading}</h1>
                {(!tag.description.is_empty()).then(|| view! { <p class="page-lead">{tag.description.clone()}</p> })}
            </header>
            <h2 class="visually-hidden">{move || i18n.t("listing.heading")}</h2>
        <DataView fallback=|| view! { <CardGridSkeleton /> }>
                    {
    let path = path.clone();
    move || {
    let path = path.clone();
                        Suspend::new(async move { loaded(archives.await.map(|page| view! {
                                <CardGrid items=page.items />
                                <Pagination path query=query.get_untracked() total=page.total page_size=PAGE_SIZE />
                            }), move || archives.refetch()) })
                    }}
                </DataView>
        }
}
