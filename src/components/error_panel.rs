//! What a failed data view shows: a clear message and, where it can help, a retry button.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::config::link;
use crate::domain::Route;
use crate::i18n::use_i18n;

/// Renders the first error of an `<ErrorBoundary>` and offers a retry.
#[component]
pub fn ErrorPanel(
    errors: ArcRwSignal<Errors>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let first = move || {
        errors.with(|errors| {
            errors
                .iter()
                .next()
                .map(|(_, error)| match error.downcast_ref::<ApiError>() {
                    Some(api_error) => api_error.clone(),
                    None => ApiError::Malformed(error.to_string()),
                })
        })
    };
    view! { {move || first().map(|error| view! { <ErrorMessage error on_retry /> })} }
}

/// One error as a message box with a retry; `Unauthorized` adds a sign-in link and `NotFound`
/// a way home. Without `on_retry` (a form the shopper can simply submit again) no retry shows.
#[component]
pub fn ErrorMessage(
    error: ApiError,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = error.message_key();
    let detail = error.detail();
    let retryable = error.is_retryable() && on_retry.is_some();
    let unauthorized = error == ApiError::Unauthorized;
    view! {
        <div class="notice notice--error" role="alert">
            <p class="notice__title">{move || i18n.t(key)}</p>
            {detail.map(|d| view! { <p class="notice__detail">{d}</p> })}
            <div class="notice__actions">
                {retryable.then(|| view! {
                    <button type="button" class="button" on:click=move |_| {
                        if let Some(retry) = on_retry {
                            retry.run(());
                        }
                    }>
                        {move || i18n.t("app.retry")}
                    </button>
                })}
                {unauthorized.then(|| view! { <SignInLink label_key="account.sign_in" class="button" /> })}
                {(error == ApiError::NotFound).then(|| view! {
                    <a class="button button--quiet" href=link(&Route::Home.path())>{move || i18n.t("app.home_link")}</a>
                })}
            </div>
        </div>
    }
}

/// A link to sign-in that comes back to the page the shopper is on (`?next=`). `here`
/// follows the route where the link outlives a navigation (the header); without it the
/// address at render time is used, which is right for views that re-render per route.
#[component]
pub fn SignInLink(
    label_key: &'static str,
    #[prop(default = "button")] class: &'static str,
    #[prop(optional, into)] here: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = move || {
        let here = match here {
            Some(here) => here.get(),
            None => current_address(),
        };
        link(&Route::login_from(&here).path())
    };
    view! { <a class=class href=href>{move || i18n.t(label_key)}</a> }
}

/// This page's router path and query, from the address bar (the router base stripped).
fn current_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let path = location.pathname().unwrap_or_default();
    let base = crate::config::router_base();
    let path = path.strip_prefix(&base).unwrap_or(&path).to_string();
    format!("{path}{}", location.search().unwrap_or_default())
}
