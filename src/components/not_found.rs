//! The 404 view, for unknown routes and for content that does not exist.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::Route;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("not_found.title"));
    view! {
        <PageMeta title />
        <section class="empty-state empty-state--page" data-not-found="">
            <p class="empty-state__code" aria-hidden="true">"404"</p>
            <h1 class="page-title">{move || title.get()}</h1>
            <p>{move || i18n.t("not_found.body")}</p>
            <A href=link(&Route::Home.path()) attr:class="button">{move || i18n.t("app.home_link")}</A>
        </section>
    }
}
