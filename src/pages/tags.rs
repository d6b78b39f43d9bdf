//! `/tags`: every tag, paged. `/tag/:slug`: the archives carrying one tag.

use leptos::prelude::*;
use leptos_router::components::A;

use super::SlugParams;
use crate::api;
use crate::api::queries::use_query;
use crate::components::cards::CardGrid;
use crate::components::data_view::Loaded;
use crate::components::listing::use_listing_query;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::components::skeleton::{CardGridSkeleton, TextSkeleton};
use crate::config::link;
use crate::domain::listing::PAGE_SIZE;
use crate::domain::{ArchiveSummary, Paged, Route, Tag};
use crate::i18n::use_i18n;

const TAGS_PER_PAGE: u32 = 60;

#[component]
pub fn TagsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let tags = use_query(api::content::tags, move || {
        (query.get().page, TAGS_PER_PAGE)
    });
    let title = Signal::derive(move || i18n.t("tags.title"));
    view! {
        <PageMeta title />
        <header class="page-header"><h1 class="page-title">{move || title.get()}</h1></header>
        <Loaded
            query=tags
            fallback=|| view! { <TextSkeleton lines=3 /> }
            view={move |page: Paged<Tag>| if page.items.is_empty() && page.total == 0 {
                view! { <p class="empty-state">{move || i18n.t("tags.empty")}</p> }.into_any()
            } else { view! {
                <ul class="chip-list chip-list--cloud">
                    {page.items.into_iter().map(|t| {
                        let href = link(&t.href());
                        view! { <li><A href=href attr:class="chip">{t.title}</A></li> }
                    }).collect_view()}
                </ul>
                <Pagination path=Route::Tags.path() query=query.get_untracked() total=page.total page_size=TAGS_PER_PAGE />
            }.into_any() }}
        />
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    let slug = SlugParams::slug();
    let tag = use_query(api::content::tag, move || slug.get());
    view! {
        <Loaded
            query=tag
            fallback=|| view! { <TextSkeleton lines=1 /><CardGridSkeleton /> }
            view={|tag: Tag| view! { <TagView tag /> }.into_any()}
            missing_is_404=true
        />
    }
}

#[component]
fn TagView(tag: Tag) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let tag_id = tag.id;
    let path = tag.href();
    let archives = use_query(api::content::tag_archives, move || {
        (tag_id, query.get().page, PAGE_SIZE)
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
        <Loaded
            query=archives
            fallback=|| view! { <CardGridSkeleton /> }
            view={move |page: Paged<ArchiveSummary>| view! {
                <CardGrid items=page.items />
                <Pagination path=path.clone() query=query.get_untracked() total=page.total page_size=PAGE_SIZE />
            }.into_any()}
        />
    }
}
