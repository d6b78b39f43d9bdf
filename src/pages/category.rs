//! `/category/:slug`: a category's description and its archives. Navigation may point a
//! category id at a single page, which is rendered as one.

use leptos::prelude::*;
use leptos_router::components::A;

use super::single_page::PageBody;
use super::SlugParams;
use crate::api;
use crate::api::queries::use_query;
use crate::components::data_view::{Loaded, Optional};
use crate::components::listing::Listing;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::{CardGridSkeleton, TextSkeleton};
use crate::config::link;
use crate::domain::{Category, CategoryOrPage, ContentKind, ListingScope, ModuleRef, Route};
use crate::i18n::use_i18n;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = SlugParams::slug();
    let category = use_query(api::content::category, move || slug.get());
    view! {
        <Loaded
            query=category
            fallback=|| view! { <TextSkeleton lines=2 /><CardGridSkeleton /> }
            view={|found: CategoryOrPage| match found {
                CategoryOrPage::Category(category) => view! { <CategoryView category /> }.into_any(),
                CategoryOrPage::Page(page) => view! { <PageBody page /> }.into_any(),
            }}
            missing_is_404=true
        />
    }
}

#[component]
fn CategoryView(category: Category) -> impl IntoView {
    let i18n = use_i18n();
    // Known: the category read waited for the module list.
    let kind = crate::api::site::modules().kind_of(category.module_id);
    let scope = ListingScope {
        category_id: Some(category.id),
        ..Default::default()
    };
    let facet_module = (kind == ContentKind::Product).then_some(ModuleRef::Id(category.module_id));
    let path = category.href();
    let seo = category.seo.clone();
    let title = category.title.clone();
    // The same cached list the menu was built from: one request per page, not two.
    let categories = use_query(api::content::all_categories, || ());
    let parent_id = category.id;
    let has_intro = !category.content_html.trim().is_empty();
    view! {
        <PageMeta title=seo.title description=seo.description canonical=seo.canonical />
        <nav class="breadcrumb" aria-label=move || i18n.t("nav.breadcrumb")>
            <ol>
                <li><A href=link(&Route::Home.path()) exact=true>{move || i18n.t("nav.home")}</A></li>
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1 class="page-title">{title}</h1>
            {(!category.description.is_empty()).then(|| view! { <p class="page-lead">{category.description.clone()}</p> })}
        </header>
        <Optional query=categories view={move |all: Vec<Category>| {
            let subcategories: Vec<Category> =
                all.into_iter().filter(|c| c.parent_id == parent_id).collect();
            (!subcategories.is_empty()).then(|| view! {
                <nav class="subcategories" aria-label=move || i18n.t("listing.subcategories")>
                    <ul class="chip-list">
                        {subcategories.into_iter().map(|c| {
                            let href = link(&c.href());
                            view! { <li><A href=href attr:class="chip">{c.title}</A></li> }
                        }).collect_view()}
                    </ul>
                </nav>
            }).into_any()
        }} />
        {has_intro.then(|| view! { <RichHtml html=category.content_html class="prose prose--intro" /> })}
        <Listing path scope kind facet_module />
    }
}
