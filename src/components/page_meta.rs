//! Per-route `<title>`, description and canonical link through leptos_meta.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_location;

use crate::state::use_site;

/// Sets title ("Page · Site"), meta description and canonical URL for the current route.
/// Without an explicit canonical, the current path (and query) on this origin is used.
#[component]
pub fn PageMeta(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] description: Signal<String>,
    #[prop(into, optional)] canonical: Signal<Option<String>>,
) -> impl IntoView {
    let site_name = use_site().info.name;
    let location = use_location();
    let full_title = move || {
        let title = title.try_get().unwrap_or_default();
        match (title.is_empty(), site_name.is_empty()) {
            (true, _) => site_name.clone(),
            (false, true) => title,
            (false, false) if title == site_name => title,
            (false, false) => format!("{title} · {site_name}"),
        }
    };
    let canonical_href = move || {
        canonical.try_get().flatten().unwrap_or_else(|| {
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            format!(
                "{origin}{}{}",
                crate::config::router_base(),
                location.pathname.try_get().unwrap_or_default()
            )
        })
    };
    let description = move || {
        let text = description.try_get().unwrap_or_default();
        crate::sanitize::html_to_text(&text, 160)
    };
    // leptos_meta keeps these closures at the app level and may call them once more after
    // this page is gone (a language switch replaces the shell), so they never `get` a
    // signal that might be disposed.
    view! {
        <Title text=full_title />
        <Meta name="description" content=description />
        // `Link` takes a plain string, so it is re-created when the URL changes.
        {move || view! { <Link rel="canonical" href=canonical_href() /> }}
    }
}
