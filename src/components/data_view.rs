//! The one loading/error frame every data view uses: a skeleton during the first load, the
//! content once ready, and the error with a retry in place of the content on failure.
//!
//! Errors are rendered where they happen rather than thrown to an `<ErrorBoundary>`: with
//! several sibling boundaries whose resources resolve at different times, leptos 0.8 routed a
//! failure into a neighbouring boundary (seen on the home page: the banner error appeared in
//! the product shelf and hid it). A data view that renders its own `Result` cannot misplace it.

use leptos::prelude::*;

use super::error_panel::ErrorMessage;
use crate::api::ApiError;

/// A `<Transition>` around async content; children are type-erased so the suspense machinery
/// is compiled once rather than once per page.
#[component]
pub fn DataView(
    /// What shows during the first load (later loads keep the old content visible).
    #[prop(into)]
    fallback: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    view! { <Transition fallback=move || fallback.run()>{children()}</Transition> }
}

/// The loaded view, or the error message with a retry that calls `retry`.
pub fn loaded<V: IntoView + 'static>(
    result: Result<V, ApiError>,
    retry: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    match result {
        Ok(view) => view.into_any(),
        Err(error) => error_view(error, Callback::new(move |_| retry())),
    }
}

fn error_view(error: ApiError, on_retry: Callback<()>) -> AnyView {
    view! { <ErrorMessage error on_retry /> }.into_any()
}
