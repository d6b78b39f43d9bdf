//! `/products` and `/articles`: every archive of a module, with sort, filters and pages.

use leptos::prelude::*;

use crate::components::listing::Listing;
use crate::components::page_meta::PageMeta;
use crate::domain::{ContentKind, ListingScope, ModuleRef, Route};
use crate::i18n::use_i18n;

#[component]
pub fn ProductsPage() -> impl IntoView {
    view! { <ModuleListing kind=ContentKind::Product title_key="nav.products" /> }
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    view! { <ModuleListing kind=ContentKind::Article title_key="nav.articles" /> }
}

#[component]
fn ModuleListing(kind: ContentKind, title_key: &'static str) -> impl IntoView {
    let module = ModuleRef::FirstOf(kind);
    let path = Route::listing(kind).path();
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(title_key));
    let scope = ListingScope {
        module: Some(module),
        ..Default::default()
    };
    let facet_module = (kind == ContentKind::Product).then_some(module);
    view! {
        <PageMeta title />
        <header class="page-header">
            <h1 class="page-title">{move || title.get()}</h1>
        </header>
        <Listing path scope kind facet_module />
    }
}
