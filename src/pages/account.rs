//! `/account`: the protected parent of the shopper's own pages. The router only renders it
//! for a signed-in shopper; a signed-out one is sent to sign-in with `?next=`, and while the
//! session is still being restored a placeholder shows instead of either.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::{Route, SessionState};
use crate::i18n::use_i18n;
use crate::state::use_session;

/// The frame of every account page. When the stored sign-in could not be checked (the
/// server did not answer), it says so with a retry instead of the page.
#[component]
pub fn AccountLayout() -> impl IntoView {
    let session = use_session();
    let unverified = move || session.state.with(|s| *s == SessionState::Unverified);
    view! {
        <section class="account-area">
            <Show when=unverified fallback=|| view! { <Outlet /> }>
                {move || session.check_failure.get().map(|error| view! {
                    <ErrorMessage error on_retry=Callback::new(move |()| session.check_again()) />
                })}
            </Show>
        </section>
    }
}

/// Shown while the stored session is being checked.
#[component]
pub fn AccountPending() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="account-area" aria-busy="true">
            <p class="visually-hidden" role="status">{move || i18n.t("account.checking")}</p>
            <div class="skeleton skeleton--text" style="width:12rem"></div>
        </section>
    }
}

/// `/account`: who is signed in.
#[component]
pub fn AccountOverview() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let title = Signal::derive(move || i18n.t("account.overview"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        {move || session.user().map(|user| view! {
            <dl class="facts">
                <div><dt>{move || i18n.t("account.user_name")}</dt><dd data-account-name="">{user.user_name.clone()}</dd></div>
                {(!user.email.is_empty()).then(|| view! {
                    <div><dt>{move || i18n.t("account.email")}</dt><dd>{user.email.clone()}</dd></div>
                })}
            </dl>
        })}
        <ul class="account-links">
            <li><A href=link(&Route::Orders.path())>{move || i18n.t("orders.title")}</A></li>
            <li><A href=link(&Route::Coupons.path())>{move || i18n.t("coupon.title")}</A></li>
            <li><A href=link(&Route::Favorites.path())>{move || i18n.t("favorites.title")}</A></li>
            <li><A href=link(&Route::Wishlist.path())>{move || i18n.t("wishlist.title")}</A></li>
            <li><A href=link(&Route::History.path())>{move || i18n.t("history.title")}</A></li>
            <li><A href=link(&Route::Retailer.path())>{move || i18n.t("retailer.title")}</A></li>
        </ul>
    }
}
