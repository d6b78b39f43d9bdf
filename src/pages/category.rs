//! `/category/:slug`: a category's description and its archives. Navigation may point a
//! category id at a single page, which is rendered as one.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use super::single_page::PageBody;
use crate::api;
use crate::api::content::{CategoryOrPage, ListingScope};
use crate::components::data_view::{loaded, DataView};
use crate::components::listing::Listing;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::{CardGridSkeleton, TextSkeleton};
use crate::config::link;
use crate::domain::{Category, ContentKind, Slug};
use crate::i18n::use_i18n;
use crate::use_site;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").and_then(|s| Slug::parse(&s))));
    let category = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            match slug {
                Some(slug) => api::content::category(&slug).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <DataView fallback=|| view! { <TextSkeleton lines=2 /><CardGridSkeleton /> }>
                {move || Suspend::new(async move { loaded(category.await.map(|found| match found {
                        Some(CategoryOrPage::Category(category)) => view! { <CategoryView category /> }.into_any(),
                        Some(CategoryOrPage::Page(page)) => view! { <PageBody page /> }.into_any(),
                        None => view! { <NotFound /> }.into_any(),
                    }), move || category.refetch()) })}
            </DataView>
    }
}

#[component]
fn CategoryView(category: Category) -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let kind = site.kind_of(category.module_id);
    let scope = ListingScope {
        category_id: Some(category.id),
        ..Default::default()
    };
    let facet_module = (kind == ContentKind::Product).then_some(category.module_id);
    let path = category.href();
    let seo = category.seo.clone();
    let title = category.title.clone();
    let children = LocalResource::new(api::content::all_categories);
    let parent_id = category.id;
    let has_intro = !category.content_html.trim().is_empty();
    view! {
        <PageMeta title=seo.title description=seo.description canonical=seo.canonical />
        <nav class="breadcrumb" aria-label=move || i18n.t("nav.breadcrumb")>
            <ol>
                <li><a href=link("/")>{move || i18n.t("nav.home")}</a></li>
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1 class="page-title">{title}</h1>
            {(!category.description.is_empty()).then(|| view! { <p class="page-lead">{category.description.clone()}</p> })}
        </header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let subcategories: Vec<Category> =
                    children.await.unwrap_or_default().into_iter().filter(|c| c.parent_id == parent_id).collect();
                (!subcategories.is_empty()).then(|| view! {
                    <nav class="subcategories" aria-label=move || i18n.t("listing.subcategories")>
                        <ul class="chip-list">
                            {subcategories.into_iter().map(|c| {
                                let href = link(&c.href());
                                view! { <li><a class="chip" href=href>{c.title}</a></li> }
                            }).collect_view()}
                        </ul>
                    </nav>
                })
            })}
        </Transition>
        {has_intro.then(|| view! { <RichHtml html=category.content_html class="prose prose--intro" /> })}
        <Listing path scope kind facet_module />
    }
}
