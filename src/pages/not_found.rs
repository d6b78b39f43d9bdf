//! The 404 page, for unknown routes and for content that does not exist.

use leptos::prelude::*;

use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("not_found.title"));
    view! {
        <PageMeta title />
        <section class="empty-state empty-state--page">
            <p class="empty-state__code" aria-hidden="true">"404"</p>
            <h1 class="page-title">{move || title.get()}</h1>
            <p>{move || i18n.t("not_found.body")}</p>
            <a class="button" href=link("/")>{move || i18n.t("app.home_link")}</a>
        </section>
    }
}
