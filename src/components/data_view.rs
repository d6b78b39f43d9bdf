//! The one loading/error frame every data view uses: a skeleton during the first load, the
//! content once ready, and the error with a retry in place of the content on failure.
//!
//! Errors are rendered where they happen rather than thrown to an `<ErrorBoundary>`: with
//! several sibling boundaries whose resources resolve at different times, leptos 0.8 routed a
//! failure into a neighbouring boundary (seen on the home page: the banner error appeared in
//! the product shelf and hid it). A data view that renders its own `Result` cannot misplace it.

use std::cell::Cell;

use leptos::prelude::*;

use super::error_panel::ErrorMessage;
use super::not_found::NotFound;
use crate::api::queries::{settled, typed, AnyData, AnyResult, Query};
use crate::api::ApiError;

/// Shows a cached query: `fallback` during the first load (later loads keep the old content
/// visible), `view` with the data, or the error with a retry that asks the server again.
/// With `missing_is_404`, "this does not exist" shows the 404 page instead of an error: the
/// right answer for a detail route's main record.
#[component]
pub fn Loaded<T>(
    query: Query<T>,
    #[prop(into)] fallback: ViewFn,
    #[prop(into)] view: Callback<T, AnyView>,
    #[prop(optional)] missing_is_404: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    // Only this downcast is per type; the suspense machinery below is compiled once.
    let show = Callback::new(move |result: AnyResult| typed::<T>(result).map(|d| view.run(d)));
    erased_loaded(
        query.resource,
        query.cached,
        query.retry,
        fallback,
        show,
        missing_is_404,
    )
}

fn erased_loaded(
    resource: LocalResource<AnyResult>,
    cached: StoredValue<Option<AnyData>, LocalStorage>,
    retry: Callback<()>,
    fallback: ViewFn,
    show: Callback<AnyResult, Result<AnyView, ApiError>>,
    missing_is_404: bool,
) -> AnyView {
    // Data the cache already holds stands in for the skeleton until the resource resolves.
    let fallback = move || match cached
        .try_with_value(Clone::clone)
        .flatten()
        .and_then(|data| show.run(Ok(data)).ok())
    {
        Some(view) => view,
        None => fallback.run().into_any(),
    };
    view! {
        <Transition fallback>
            {move || Suspend::new(async move {
                // `None`: the view went away (a language switch replaces the whole shell)
                // while this waited; there is nothing left to render into.
                let Some(result) = settled(resource).await.and_then(|r| show.try_run(r)) else {
                    return ().into_any();
                };
                mark_content_shown();
                match result {
                    Ok(view) => view,
                    Err(ApiError::NotFound) if missing_is_404 => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// Secondary data (previous/next links, subcategories): shown when it loads, quietly left
/// out when it fails, because the page is complete without it.
#[component]
pub fn Optional<T>(query: Query<T>, #[prop(into)] view: Callback<T, AnyView>) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let show = Callback::new(move |result: AnyResult| typed::<T>(result).map(|d| view.run(d)));
    erased_optional(query.resource, query.cached, show)
}

fn erased_optional(
    resource: LocalResource<AnyResult>,
    cached: StoredValue<Option<AnyData>, LocalStorage>,
    show: Callback<AnyResult, Result<AnyView, ApiError>>,
) -> AnyView {
    let fallback = move || {
        cached
            .try_with_value(Clone::clone)
            .flatten()
            .and_then(|data| show.run(Ok(data)).ok())
    };
    view! {
        <Transition fallback>
            {move || Suspend::new(async move {
                settled(resource).await.and_then(|r| show.try_run(r)).and_then(Result::ok)
            })}
        </Transition>
    }
    .into_any()
}

/// Renders `children` once the page's main content has painted ([`content_shown`]): for
/// secondary sections below it, whose reads must not hold the first paint back.
#[component]
pub fn AfterContent(children: ChildrenFn) -> impl IntoView {
    let shown = content_shown();
    view! { <Show when=move || shown.get()>{children()}</Show> }
}

thread_local! {
    static CONTENT_SHOWN: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static FALLBACK_ARMED: Cell<bool> = const { Cell::new(false) };
}

/// How long secondary reads wait on a page that never shows a [`Loaded`] view.
const SECONDARY_FALLBACK_MS: u32 = 1500;

/// Whether the page's main content has painted (the first [`Loaded`] view of this page
/// load, or 1.5 s at the latest). Secondary reads (the CMS menu, the footer's contact block
/// and friend links) wait for it, so a cold page's first paint waits only for what it shows.
pub fn content_shown() -> ArcRwSignal<bool> {
    let shown = CONTENT_SHOWN.with(Clone::clone);
    if !FALLBACK_ARMED.with(|armed| armed.replace(true)) {
        let late = shown.clone();
        gloo_timers::callback::Timeout::new(SECONDARY_FALLBACK_MS, move || late.set(true)).forget();
    }
    shown
}

fn mark_content_shown() {
    let shown = CONTENT_SHOWN.with(Clone::clone);
    if shown.get_untracked() {
        return;
    }
    // After the frame that paints the content, not before it: the view resolved here may
    // still wait inside an outer transition, so wait until the page's main area is in the
    // document and nothing in it says it is still loading.
    crate::api::queries::after_paint(move || when_main_settled(shown));
}

fn when_main_settled(shown: ArcRwSignal<bool>) {
    if shown.get_untracked() {
        return;
    }
    let settled = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main#main").ok().flatten())
        .is_some_and(|main| matches!(main.query_selector("[aria-busy=\"true\"]"), Ok(None)));
    if settled {
        shown.set(true);
    } else {
        // Checked again after the next paint; the fallback timer ends the wait at the latest.
        crate::api::queries::after_paint(move || when_main_settled(shown));
    }
}
