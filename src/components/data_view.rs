//! The one loading/error frame every data view uses: a skeleton while loading, the content
//! once ready, an error panel with retry on failure. Children are type-erased, so the
//! suspense and error machinery is compiled once rather than once per page.

use leptos::prelude::*;

use super::error_panel::ErrorPanel;

/// `<Transition>` + `<ErrorBoundary>` around async content. `on_retry` refetches.
#[component]
pub fn DataView(
    /// What shows during the first load (later loads keep the old content visible).
    #[prop(into)]
    fallback: ViewFn,
    #[prop(into)] on_retry: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Transition fallback=move || fallback.run()>
            <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry /> }>
                {children()}
            </ErrorBoundary>
        </Transition>
    }
}
