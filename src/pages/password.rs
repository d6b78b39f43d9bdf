//! `/account/password` (changing it, signed in), `/account/password/reset` (a new one from
//! the mailed link, signed out: not under the protected `/account`), and the "forgot your
//! password?" request on the sign-in page.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::account::MailPurpose;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::Route;
use crate::i18n::use_i18n;
use crate::state::write::Write;

/// The shortest password AnqiCMS takes.
const MIN_PASSWORD: usize = 6;

fn read(node: NodeRef<leptos::html::Input>) -> String {
    node.get_untracked()
        .map(|el| el.value())
        .unwrap_or_default()
}

/// What is wrong with a new password and its repetition, before asking the server.
fn new_password_problem(password: &str, repeat: &str) -> Option<&'static str> {
    if password.trim().chars().count() < MIN_PASSWORD {
        Some("acct.password.too_short")
    } else if password != repeat {
        Some("acct.password.mismatch")
    } else {
        None
    }
}

#[component]
fn NewPasswordFields(
    password: NodeRef<leptos::html::Input>,
    repeat: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="field__label" for="new-password">{move || i18n.t("acct.password.new")}</label>
            <input id="new-password" node_ref=password name="password" type="password"
                autocomplete="new-password" required minlength="6" />
        </div>
        <div class="field">
            <label class="field__label" for="repeat-password">{move || i18n.t("acct.password.repeat")}</label>
            <input id="repeat-password" node_ref=repeat name="repeat" type="password"
                autocomplete="new-password" required minlength="6" />
        </div>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("acct.password.title"));
    let old = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let repeat = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<&'static str>);
    let change = Write::<Result<(), api::ApiError>>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if change.pending.get_untracked() {
            return;
        }
        let (old_value, new_value) = (read(old), read(password));
        problem.set(new_password_problem(&new_value, &read(repeat)));
        if problem.get_untracked().is_some() {
            change.clear();
            return;
        }
        change.run(async move { api::account::change_password(&old_value, &new_value).await });
    };
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <form class="password-form" on:submit=on_submit>
            <div class="field">
                <label class="field__label" for="old-password">{move || i18n.t("acct.password.old")}</label>
                <input id="old-password" node_ref=old name="old_password" type="password"
                    autocomplete="current-password" required />
            </div>
            <NewPasswordFields password repeat />
            {move || problem.get().map(|key| view! { <p class="field__error" role="alert">{i18n.t(key)}</p> })}
            {move || change.value.get().map(|outcome| match outcome {
                Ok(()) => view! {
                    <p class="notice notice--success" role="status" data-password-changed="">{i18n.t("acct.password.changed")}</p>
                }.into_any(),
                Err(error) => {
                    // A lost answer is not a refusal: the server may have changed it.
                    let lost = matches!(error, api::ApiError::Timeout | api::ApiError::Network(_));
                    view! {
                        <ErrorMessage error />
                        {lost.then(|| view! {
                            <p class="notice notice--info" data-password-maybe="">{i18n.t("acct.password.maybe_changed")}</p>
                        })}
                    }.into_any()
                }
            })}
            <button type="submit" class="button" disabled=move || change.pending.get()>
                {move || i18n.t("acct.password.submit")}
            </button>
        </form>
    }
}

/// `/account/password/reset?email=&token=&code=`: the page the mailed reset link opens.
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let title = Signal::derive(move || i18n.t("acct.reset.title"));
    let param = move |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let (email, token, code) = (param("email"), param("token"), param("code"));
    let complete = !email.is_empty() && !token.is_empty();
    let link_parts = StoredValue::new((email.clone(), token, code));
    let password = NodeRef::<leptos::html::Input>::new();
    let repeat = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<&'static str>);
    let reset = Write::<Result<(), api::ApiError>>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if reset.pending.get_untracked() {
            return;
        }
        let new_value = read(password);
        problem.set(new_password_problem(&new_value, &read(repeat)));
        if problem.get_untracked().is_some() {
            reset.clear();
            return;
        }
        let (email, token, code) = link_parts.get_value();
        reset.run(
            async move { api::account::reset_password(&email, &token, &code, &new_value).await },
        );
    };
    let done = move || matches!(reset.value.get(), Some(Ok(())));
    view! {
        <PageMeta title />
        <section class="auth">
            <h1 class="page-title">{move || title.get()}</h1>
            {if !complete {
                view! { <p class="notice notice--info" role="alert">{move || i18n.t("acct.reset.bad_link")}</p> }.into_any()
            } else {
                view! {
                    <Show when=done fallback=move || view! {
                        <form class="auth__form reset-form" on:submit=on_submit>
                            <p>{move || i18n.t_with("acct.reset.for", &[("email", &link_parts.get_value().0)])}</p>
                            <NewPasswordFields password repeat />
                            {move || problem.get().map(|key| view! { <p class="field__error" role="alert">{i18n.t(key)}</p> })}
                            {move || match reset.value.get() {
                                Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
                                _ => None,
                            }}
                            <button type="submit" class="button button--block" disabled=move || reset.pending.get()>
                                {move || i18n.t("acct.reset.submit")}
                            </button>
                        </form>
                    }>
                        <p class="notice notice--success" role="status" data-password-reset="">
                            {move || i18n.t("acct.reset.done")}" "
                            <A href=link(&Route::Login { next: Some(Route::Account.path()) }.path())>{move || i18n.t("account.sign_in")}</A>
                        </p>
                    </Show>
                }.into_any()
            }}
        </section>
    }
}

/// "Forgot your password?" on the sign-in page: the reset mail is sent to an address.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    let i18n = use_i18n();
    let email = NodeRef::<leptos::html::Input>::new();
    let send = Write::<Result<Option<String>, api::ApiError>>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending.get_untracked() {
            return;
        }
        let address = read(email);
        send.run(async move { api::account::send_mail(&address, MailPurpose::Reset).await });
    };
    view! {
        <details class="forgot">
            <summary>{move || i18n.t("acct.forgot.title")}</summary>
            <form class="forgot__form" on:submit=on_submit>
                <div class="field">
                    <label class="field__label" for="forgot-email">{move || i18n.t("acct.forgot.email")}</label>
                    <input id="forgot-email" node_ref=email name="email" type="email" autocomplete="email" required />
                </div>
                {move || send.value.get().map(|outcome| match outcome {
                    Ok(_) => view! {
                        <p class="notice notice--success" role="status" data-reset-sent="">{i18n.t("acct.forgot.sent")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                })}
                <button type="submit" class="button button--quiet" disabled=move || send.pending.get()>
                    {move || i18n.t("acct.forgot.submit")}
                </button>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_password_is_checked_before_it_is_sent() {
        assert_eq!(
            new_password_problem("12345", "12345"),
            Some("acct.password.too_short")
        );
        assert_eq!(
            new_password_problem("123456", "123457"),
            Some("acct.password.mismatch")
        );
        assert_eq!(new_password_problem("123456", "123456"), None);
    }
}
