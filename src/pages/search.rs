//! `/search?q=`: archives of every module matching the words, paged.

use leptos::prelude::*;

use crate::components::listing::{use_listing_query, Listing};
use crate::components::page_meta::PageMeta;
use crate::domain::{ContentKind, ListingScope, Route};
use crate::i18n::use_i18n;

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_listing_query();
    let words = Memo::new(move |_| query.get().search.unwrap_or_default());
    let title = Signal::derive(move || {
        let q = words.get();
        if q.is_empty() {
            i18n.t("search.title")
        } else {
            i18n.t_with("search.results_for", &[("q", &q)])
        }
    });
    view! {
        <PageMeta title />
        <header class="page-header">
            <h1 class="page-title">{move || title.get()}</h1>
        </header>
        {move || {
            if words.get().is_empty() {
                view! { <p class="empty-state">{move || i18n.t("search.prompt")}</p> }.into_any()
            } else {
                // Products and articles mix in results; cards pick their own layout by kind.
                view! {
                    <Listing path=Route::Search(String::new()).path() scope=ListingScope::default() kind=ContentKind::Product facet_module=None />
                }
                .into_any()
            }
        }}
    }
}
