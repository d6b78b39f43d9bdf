//! `/page/:slug`: a single page such as "About us" or "Contact".

use leptos::prelude::*;

use super::SlugParams;
use crate::api;
use crate::api::queries::use_query;
use crate::components::data_view::Loaded;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::TextSkeleton;
use crate::domain::SinglePage;

#[component]
pub fn SinglePagePage() -> impl IntoView {
    let slug = SlugParams::slug();
    let page = use_query(api::content::page, move || slug.get());
    view! {
        <Loaded
            query=page
            fallback=|| view! { <TextSkeleton lines=8 /> }
            view={|page: SinglePage| view! { <PageBody page /> }.into_any()}
            missing_is_404=true
        />
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
