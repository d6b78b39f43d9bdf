//! `/products` and `/articles`: every archive of a module, with sort, filters and pages.

use leptos::prelude::*;

use crate::api::content::ListingScope;
use crate::components::listing::Listing;
use crate::components::page_meta::PageMeta;
use crate::domain::ContentKind;
use crate::i18n::use_i18n;
use crate::use_site;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let module = use_site().product_module();
    view! { <ModuleListing module kind=ContentKind::Product path="/products" title_key="nav.products" /> }
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    let module = use_site().article_module();
    view! { <ModuleListing module kind=ContentKind::Article path="/articles" title_key="nav.articles" /> }
}

#[component]
fn ModuleListing(
    module: i64,
    kind: ContentKind,
    path: &'static str,
    title_key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(title_key));
    let scope = ListingScope {
        module_id: Some(module),
        ..Default::default()
    };
    let facet_module = (kind == ContentKind::Product).then_some(module);
    view! {
        <PageMeta title />
        <header class="page-header">
            <h1 class="page-title">{move || title.get()}</h1>
        </header>
        <Listing path=path.to_string() scope kind facet_module />
    }
}
