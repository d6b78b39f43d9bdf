//! HTML from the CMS, inserted only as nodes the allowlist sanitizer has built.

use leptos::html::Div;
use leptos::prelude::*;

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
    });
    view! { <div class=class node_ref=container></div> }
}
