//! HTML from the CMS, inserted only as nodes the allowlist sanitizer has built.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::sanitize::sanitized_fragment;

/// Untrusted HTML rendered as content.
///
/// The HTML is never handed to `inner_html`: the sanitizer parses it in an inert document
/// and builds clean nodes, which are appended to the `<div>` here. When `html` changes, the
/// old nodes are removed and the new ones inserted.
#[component]
pub fn RichHtml(
    #[prop(into)] html: Signal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let class = if class.is_empty() { "prose" } else { class };
    let container = NodeRef::<Div>::new();
    // An effect rather than a view child: the nodes come from the DOM, not from a template,
    // and the effect re-runs once the `<div>` is mounted and whenever `html` changes.
    Effect::new(move |_| {
        let html = html.get();
        let Some(div) = container.get() else {
            return;
        };
        div.set_text_content(None);
        if let Some(fragment) = sanitized_fragment(&html) {
            // Appending a fragment only fails if the div is gone, and then nothing shows anyway.
            let _ = div.append_child(&fragment);
        }
        point_cms_links_at_shop_routes(&div);
        // The module table names the CMS's URL prefixes; until it has been read, only
        // links the language list and origins recognise are pointed. Once it is, the rest.
        // After the paint, so the content never waits for the table.
        if !crate::api::site::modules_known() {
            let div = div.clone();
            crate::api::queries::after_paint(move || {
                wasm_bindgen_futures::spawn_local(async move {
                    crate::api::site::module_kinds().await;
                    point_cms_links_at_shop_routes(&div);
                });
            });
        }
    });
    view! { <div class=class node_ref=container></div> }
}

/// Editors link to AnqiCMS's own pages (`/product/26.html`, `/news/12.html`); those become
/// the shop's routes, so a click stays in the shop (the router handles same-origin links).
/// The hrefs already passed the URL rule in the sanitizer.
fn point_cms_links_at_shop_routes(container: &web_sys::HtmlDivElement) {
    let Ok(links) = container.query_selector_all("a[href]") else {
        return;
    };
    for i in 0..links.length() {
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(href) = link.get_attribute("href") else {
            continue;
        };
        // Already a shop route (a second pass once the module table is known).
        if link.has_attribute("data-shop-route") {
            continue;
        }
        if let Some(route) = crate::api::site::resolve_own_link(&href) {
            let _ = link.set_attribute("href", &crate::config::link(&route));
            let _ = link.set_attribute("data-shop-route", "");
            // A shop route is not an external link.
            let _ = link.remove_attribute("target");
        }
    }
}
