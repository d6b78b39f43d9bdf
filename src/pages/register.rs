//! `/register`: a new shopper's account (user name, password, and an email address or a
//! phone number), then signed in and back to `?next=` like the sign-in page. A guest's
//! server cart is merged into the new account.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::api::account::Registered;
use crate::api::queries::invalidate;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::{link, router_base};
use crate::domain::links::safe_next;
use crate::domain::Route;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::use_session;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cart = use_cart();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = move || {
        query
            .with_untracked(|q| q.get("next"))
            .and_then(|raw| safe_next(&raw, &router_base()))
    };
    let user_name = NodeRef::<leptos::html::Input>::new();
    let contact = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let register = Action::new_local(move |(name, secret, reach): &(String, String, String)| {
        let (name, secret, reach) = (name.clone(), secret.clone(), reach.clone());
        let navigate = navigate.clone();
        async move {
            let guest_lines = cart.before_sign_in().await;
            let invite = query
                .with_untracked(|q| q.get("invite"))
                .and_then(|i| i.trim().parse::<i64>().ok());
            let outcome = api::account::register_invited(&name, &secret, &reach, invite).await?;
            if let Registered::SignedIn(user) = &outcome {
                session.signed_in_as(user.clone());
                cart.after_sign_in(guest_lines);
                invalidate(api::account::current_user, ());
                navigate(&next().unwrap_or_else(|| "/".into()), Default::default());
            }
            Ok::<Registered, api::ApiError>(outcome)
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One registration at a time: a double click must not race a second account.
        if register.pending().get_untracked() {
            return;
        }
        let read = |node: NodeRef<leptos::html::Input>| {
            node.get().map(|el| el.value()).unwrap_or_default()
        };
        register.dispatch((read(user_name), read(password), read(contact)));
    };
    let sign_in_href = move || {
        let login = Route::Login { next: next() }.path();
        link(&login)
    };
    let title = Signal::derive(move || i18n.t("register.title"));
    view! {
        <PageMeta title />
        <section class="auth">
            <h1 class="page-title">{move || title.get()}</h1>
            <form class="auth__form auth__form--register" on:submit=on_submit>
                <label class="field">
                    <span class="field__label">{move || i18n.t("register.user_name")}</span>
                    <input node_ref=user_name name="user_name" autocomplete="username" required maxlength="64" />
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t("register.contact")}</span>
                    <input node_ref=contact name="contact" autocomplete="email" inputmode="email" required maxlength="128" />
                    <span class="field__hint">{move || i18n.t("register.contact_hint")}</span>
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t("account.password")}</span>
                    <input node_ref=password name="password" type="password" autocomplete="new-password" required minlength="6" />
                </label>
                {move || match register.value().get() {
                    Some(Ok(Registered::VerifyEmail(msg))) => Some(view! {
                        <p class="notice notice--info" role="status">
                            {i18n.t("register.verify_email")}
                            {msg.map(|m| view! { " " <span>{m}</span> })}
                        </p>
                    }.into_any()),
                    Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                    _ => None,
                }}
                <button type="submit" class="button button--block" disabled=move || register.pending().get()>
                    {move || if register.pending().get() { i18n.t("register.submitting") } else { i18n.t("register.submit") }}
                </button>
            </form>
            <p class="auth__switch">
                {move || i18n.t("register.have_account")}" "
                <A href=sign_in_href>{move || i18n.t("account.sign_in")}</A>
            </p>
        </section>
    }
}
