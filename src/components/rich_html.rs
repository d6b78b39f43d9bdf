//! HTML from the CMS, inserted only after the allowlist sanitizer has run.

use leptos::prelude::*;

use crate::sanitize::sanitize_html;

/// Untrusted HTML rendered as content. The sanitizer drops scripts, event handlers and
/// `javascript:` URLs before `inner_html` ever sees them.
#[component]
pub fn RichHtml(
    #[prop(into)] html: String,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let safe = sanitize_html(&html);
    let class = if class.is_empty() { "prose" } else { class };
    view! { <div class=class inner_html=safe></div> }
}
