//! What a failed data view shows: a clear message and, where it can help, a retry button.

use leptos::prelude::*;

use crate::api::ApiError;
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
                {unauthorized.then(|| view! {
                    <a class="button" href=crate::config::link("/login")>{move || i18n.t("account.sign_in")}</a>
                })}
                {(error == ApiError::NotFound).then(|| view! {
                    <a class="button button--quiet" href=crate::config::link("/")>{move || i18n.t("app.home_link")}</a>
                })}
            </div>
        </div>
    }
}
