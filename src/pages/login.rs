//! `/login`: a minimal sign-in so the header can show the signed-in shopper.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::i18n::use_i18n;
use crate::state::Session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let query = use_query_map();
    let user_name = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let login = Action::new_local(move |(name, secret): &(String, String)| {
        let (name, secret) = (name.clone(), secret.clone());
        let navigate = navigate.clone();
        async move {
            let user = api::account::login(&name, &secret).await?;
            // Publish the user and go back where the shopper came from (same-site paths only).
            session.user.set(Some(user));
            let next = query
                .with_untracked(|q| q.get("next"))
                .filter(|n| n.starts_with('/') && !n.starts_with("//"));
            navigate(&next.unwrap_or_else(|| "/".into()), Default::default());
            Ok::<(), api::ApiError>(())
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if login.pending().get_untracked() {
            return;
        }
        let read = |node: NodeRef<leptos::html::Input>| {
            node.get().map(|el| el.value()).unwrap_or_default()
        };
        login.dispatch((read(user_name), read(password)));
    };
    let title = Signal::derive(move || i18n.t("account.title"));
    view! {
        <PageMeta title />
        <section class="auth">
            <h1 class="page-title">{move || title.get()}</h1>
            <form class="auth__form" on:submit=on_submit>
                <label class="field">
                    <span class="field__label">{move || i18n.t("account.user_name")}</span>
                    <input node_ref=user_name name="user_name" autocomplete="username" required />
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t("account.password")}</span>
                    <input node_ref=password name="password" type="password" autocomplete="current-password" required minlength="6" />
                </label>
                {move || match login.value().get() {
                    Some(Err(api::ApiError::Refused { .. })) => Some(view! {
                        <p class="field__error" role="alert">{move || i18n.t("account.failed")}</p>
                    }.into_any()),
                    Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                    _ => None,
                }}
                <button type="submit" class="button button--block" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { i18n.t("account.signing_in") } else { i18n.t("account.sign_in") }}
                </button>
            </form>
        </section>
    }
}
