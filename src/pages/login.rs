//! `/login`: sign-in, returning to the page the shopper came from (`?next=`, checked by the
//! one rule in `domain::links::safe_next`, so it can never lead off the site).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
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
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let cart = use_cart();
    let navigate = use_navigate();
    let query = use_query_map();
    let user_name = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let captcha_answer = NodeRef::<leptos::html::Input>::new();
    // The site's captcha (§8), when it has one switched on. A picture works for one
    // attempt, so a failed sign-in asks for a new one.
    let captcha = LocalResource::new(api::account::captcha);
    let login = Action::new_local(
        move |(name, secret, answer): &(String, String, Option<(String, String)>)| {
            let (name, secret, answer) = (name.clone(), secret.clone(), answer.clone());
            let navigate = navigate.clone();
            async move {
                // Every language site gets its token (the list was read at start-up).
                let sites: Vec<i64> = api::site::language_sites()
                    .await
                    .map(|list| list.iter().map(|l| l.site_id).collect())
                    .unwrap_or_default();
                // The guest's server cart is read while the requests still go out as the guest.
                let guest_lines = cart.before_sign_in().await;
                let answer = answer
                    .as_ref()
                    .map(|(id, text)| (id.as_str(), text.as_str()));
                let user = match api::account::login(&name, &secret, answer, &sites).await {
                    Ok(user) => user,
                    Err(error) => {
                        if answer.is_some() {
                            captcha.refetch();
                        }
                        return Err(error);
                    }
                };
                session.signed_in_as(user);
                cart.after_sign_in(guest_lines);
                invalidate(api::account::current_user, ());
                let next = query
                    .with_untracked(|q| q.get("next"))
                    .and_then(|raw| safe_next(&raw, &router_base()));
                navigate(&next.unwrap_or_else(|| "/".into()), Default::default());
                Ok::<(), api::ApiError>(())
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second submit while the first is in flight would only race it.
        if login.pending().get_untracked() {
            return;
        }
        let read = |node: NodeRef<leptos::html::Input>| {
            node.get().map(|el| el.value()).unwrap_or_default()
        };
        let answer = captcha
            .get_untracked()
            .and_then(Result::ok)
            .flatten()
            .map(|c| (c.id, read(captcha_answer)));
        login.dispatch((read(user_name), read(password), answer));
    };
    let title = Signal::derive(move || i18n.t("account.title"));
    // Registration keeps the same return target.
    let register_href = move || {
        let next = query
            .with(|q| q.get("next"))
            .and_then(|raw| safe_next(&raw, &router_base()));
        link(&Route::Register { next }.path())
    };
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
                {move || match captcha.get() {
                    Some(Ok(Some(picture))) => Some(view! {
                        <div class="field captcha">
                            <label class="field__label" for="captcha-answer">{i18n.t("account.captcha")}</label>
                            <div class="captcha__row">
                                <img class="captcha__image" src=picture.image alt=i18n.t("account.captcha_alt") width="240" height="76" />
                                <button type="button" class="button button--quiet captcha__new" on:click=move |_| captcha.refetch()>
                                    {i18n.t("account.captcha_new")}
                                </button>
                            </div>
                            <input id="captcha-answer" node_ref=captcha_answer name="captcha" autocomplete="off"
                                autocapitalize="none" spellcheck="false" inputmode="text" required maxlength="8" />
                        </div>
                    }.into_any()),
                    // Without the picture the sign-in is refused: say why, with a retry.
                    Some(Err(error)) => Some(view! {
                        <ErrorMessage error on_retry=Callback::new(move |()| captcha.refetch()) />
                    }.into_any()),
                    _ => None,
                }}
                {move || match login.value().get() {
                    // A 1001 from the sign-in route itself means these credentials, not an
                    // expired session: "please sign in" would be nonsense on this form.
                    Some(Err(api::ApiError::Refused { .. } | api::ApiError::Unauthorized)) => Some(view! {
                        <p class="field__error" role="alert">{move || {
                            if matches!(captcha.get(), Some(Ok(Some(_)))) {
                                i18n.t("account.failed_captcha")
                            } else {
                                i18n.t("account.failed")
                            }
                        }}</p>
                    }.into_any()),
                    Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                    _ => None,
                }}
                <button type="submit" class="button button--block" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { i18n.t("account.signing_in") } else { i18n.t("account.sign_in") }}
                </button>
            </form>
            <super::password::ForgotPassword />
            <p class="auth__switch">
                {move || i18n.t("register.no_account")}" "
                <A href=register_href>{move || i18n.t("register.title")}</A>
            </p>
        </section>
    }
}
