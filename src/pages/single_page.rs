//! `/page/:slug`: a single page such as "About us" or "Contact".

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::data_view::{loaded, DataView};
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::TextSkeleton;
use crate::domain::{SinglePage, Slug};

#[component]
pub fn SinglePagePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").and_then(|s| Slug::parse(&s))));
    let page = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            match slug {
                Some(slug) => api::content::page(&slug).await,
                None => Err(api::ApiError::NotFound),
            }
        }
    });
    view! {
        <DataView fallback=|| view! { <TextSkeleton lines=8 /> }>
                {move || Suspend::new(async move { loaded(page.await.map(|page| view! { <PageBody page /> }), move || page.refetch()) })}
            </DataView>
    }
}

/// The body of a single page; also used when a category route points at one.
#[component]
pub fn PageBody(page: SinglePage) -> impl IntoView {
    let seo = page.seo.clone();
    view! {
        <PageMeta title=seo.title description=seo.description canonical=seo.canonical />
        <article class="article">
            <header class="article__header"><h1 class="page-title">{page.title}</h1></header>
            {page.image.map(|src| view! { <img class="article__hero" src=src alt="" width="1200" height="630" /> })}
            <RichHtml html=page.content_html />
        </article>
    }
}
