//! `/account`: the protected parent of the shopper's own pages. The router only renders it
//! for a signed-in shopper; a signed-out one is sent to sign-in with `?next=`, and while the
//! session is still being restored a placeholder shows instead of either.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_location;

use crate::api;
use crate::api::queries::use_query;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::account::{Account, Group, Membership};
use crate::domain::order::OrderTab;
use crate::domain::time::iso_date;
use crate::domain::{Feature, Route, SessionState};
use crate::i18n::use_i18n;
use crate::pages::orders::{orders_path, tab_key};
use crate::state::{use_feature, use_session};

/// The account navigation: one line per page (its route and label key). Other areas add
/// their own page here with one line.
fn account_nav() -> Vec<(Route, &'static str)> {
    vec![
        (Route::Account, "acct.nav.overview"),
        (Route::Orders, "orders.title"),
        (Route::Coupons, "coupon.title"),
        (Route::Profile, "acct.nav.profile"),
        (Route::Password, "acct.nav.password"),
        (Route::Vip, "acct.nav.vip"),
        (Route::Favorites, "favorites.title"),
        (Route::Wishlist, "wishlist.title"),
        (Route::History, "history.title"),
        (Route::Retailer, "retailer.title"),
    ]
}

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

/// `/account/*`: the account navigation beside the page.
#[component]
pub fn AccountAreaLayout() -> impl IntoView {
    let session = use_session();
    let unverified = move || session.state.with(|s| *s == SessionState::Unverified);
    view! {
        <section class="account-area account-area--nav">
            <AccountNav />
            <div class="account-area__page">
                <Show when=unverified fallback=|| view! { <Outlet /> }>
                    {move || session.check_failure.get().map(|error| view! {
                        <ErrorMessage error on_retry=Callback::new(move |()| session.check_again()) />
                    })}
                </Show>
            </div>
        </section>
    }
}

#[component]
fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let sign_out = crate::state::use_sign_out();
    let busy = RwSignal::new(false);
    let on_sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        // Once the session has ended, the protected page itself sends the shopper to
        // sign-in (the router's redirect), like the header's button does here.
        leptos::task::spawn_local(sign_out.clone().run());
    };
    view! {
        <nav class="account-nav" aria-label=move || i18n.t("acct.nav.label")>
            <ul class="account-nav__list">
                {account_nav().into_iter().map(|(route, key)| {
                    let path = route.path();
                    let href = link(&path);
                    let current = move || (location.pathname.get() == path).then_some("page");
                    view! {
                        <li><A href attr:class="account-nav__link" attr:aria-current=current>{move || i18n.t(key)}</A></li>
                    }
                }).collect_view()}
                <li>
                    <button type="button" class="button button--quiet account-nav__sign-out"
                        disabled=move || busy.get() on:click=on_sign_out>
                        {move || i18n.t("account.sign_out")}
                    </button>
                </li>
            </ul>
        </nav>
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

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// `/account`: who is signed in, their orders by status, balance, coupons, favorites and
/// membership.
#[component]
pub fn AccountOverview() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("account.overview"));
    let account = use_query(api::account::account, || ());
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <Loaded
            query=account
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |account: Account| view! { <OverviewOf account /> }.into_any()}
        />
        <OrderCounts />
    }
}

#[component]
fn OverviewOf(account: Account) -> impl IntoView {
    let i18n = use_i18n();
    let coupons_offered = use_feature(Feature::Coupons);
    let favorites = use_query(api::account::favorites_total, || ());
    let profile = account.profile.clone();
    let name = profile.display_name();
    let email = profile.email.clone();
    let verified = account.email_verified;
    view! {
        <section class="account-summary" data-account-id=account.id>
            {account.avatar.clone().map(|src| view! {
                <img class="account-summary__avatar" src=src alt="" width="96" height="96" />
            })}
            <dl class="facts">
                <div><dt>{move || i18n.t("acct.name")}</dt><dd data-account-name="">{name}</dd></div>
                <div><dt>{move || i18n.t("acct.login_name")}</dt><dd data-account-user="">{profile.user_name.clone()}</dd></div>
                {(!email.is_empty()).then(|| view! {
                    <div>
                        <dt>{move || i18n.t("account.email")}</dt>
                        <dd>
                            <span data-account-email="">{email.clone()}</span>" "
                            <span class="chip" data-email-verified=verified.to_string()>
                                {move || if verified { i18n.t("acct.verified") } else { i18n.t("acct.unverified") }}
                            </span>
                        </dd>
                    </div>
                })}
                <div><dt>{move || i18n.t("acct.balance")}</dt><dd data-account-balance="">{i18n.money(account.balance)}</dd></div>
                <div>
                    <dt>{move || i18n.t("acct.favorites")}</dt>
                    <dd data-account-favorites="">{move || match favorites.get() {
                        Some(Ok(n)) => n.to_string(),
                        Some(Err(_)) => "—".to_string(),
                        None => "…".to_string(),
                    }}</dd>
                </div>
                {move || coupons_offered.get().then(|| view! { <CouponCount /> })}
                <MembershipFact account=account.clone() />
            </dl>
            {(!email.is_empty() && !verified).then(|| view! { <VerifyEmail email=email.clone() /> })}
        </section>
    }
}

#[component]
fn CouponCount() -> impl IntoView {
    let i18n = use_i18n();
    let codes = use_query(api::coupons::my_codes, || {
        (api::coupons::CodeStatus::Unused, 1)
    });
    view! {
        <div>
            <dt>{move || i18n.t("acct.coupons")}</dt>
            <dd data-account-coupons="">{move || match codes.get() {
                Some(Ok(page)) => page.total.to_string(),
                Some(Err(_)) => "—".to_string(),
                None => "…".to_string(),
            }}</dd>
        </div>
    }
}

/// The shopper's group and when it runs out.
#[component]
fn MembershipFact(account: Account) -> impl IntoView {
    let i18n = use_i18n();
    let groups = use_query(api::account::groups, || ());
    let group_id = account.group_id;
    let expire = account.expire_time;
    move || {
        let groups: Vec<Group> = groups.get().and_then(Result::ok).unwrap_or_default();
        let group = groups.iter().find(|g| g.id == group_id).cloned();
        let paid = group.as_ref().is_some_and(Group::for_sale);
        let status = Membership::of(paid, expire, now_seconds());
        let title = group.map(|g| g.title).unwrap_or_default();
        let until = match status {
            Membership::Active { until } => Some(i18n.t_with(
                "acct.vip_until",
                &[("date", &iso_date(until).unwrap_or_default())],
            )),
            Membership::Expired { at } => Some(i18n.t_with(
                "acct.vip_expired",
                &[("date", &iso_date(at).unwrap_or_default())],
            )),
            Membership::Permanent => Some(i18n.t("acct.vip_permanent")),
            Membership::Regular => None,
        };
        view! {
            <div>
                <dt>{i18n.t("acct.group")}</dt>
                <dd data-account-group=group_id>
                    {title}
                    {until.map(|u| view! { " " <span class="account-summary__expiry" data-vip-expiry="">{u}</span> })}
                    " "<A href=link(&Route::Vip.path())>{i18n.t("acct.vip_link")}</A>
                </dd>
            </div>
        }
    }
}

/// "Send the verification mail" for an address that is not verified yet.
#[component]
fn VerifyEmail(email: String) -> impl IntoView {
    let i18n = use_i18n();
    let send = crate::state::write::Write::<Result<Option<String>, api::ApiError>>::new();
    let email = StoredValue::new(email);
    view! {
        <div class="account-summary__verify">
            <button type="button" class="button button--quiet" data-send-verify=""
                disabled=move || send.pending.get()
                on:click=move |_| {
                    let email = email.get_value();
                    send.run(async move {
                        api::account::send_mail(&email, api::account::MailPurpose::Verify).await
                    });
                }>
                {move || i18n.t("acct.send_verify")}
            </button>
            {move || send.value.get().map(|outcome| match outcome {
                Ok(msg) => view! {
                    <p class="notice notice--success" role="status" data-verify-sent="">
                        {i18n.t("acct.verify_sent")}{msg.map(|m| format!(" ({m})"))}
                    </p>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </div>
    }
}

/// How many orders each status holds, each a link to its tab.
#[component]
fn OrderCounts() -> impl IntoView {
    let i18n = use_i18n();
    let counts = use_query(api::orders::order_counts, || ());
    view! {
        <section class="account-orders" aria-labelledby="account-orders-title">
            <h2 class="section__title" id="account-orders-title">{move || i18n.t("orders.title")}</h2>
            <Loaded
                query=counts
                fallback=|| view! { <div class="skeleton skeleton--text"></div> }
                view={move |counts: Vec<(OrderTab, u64)>| view! {
                    <ul class="account-orders__counts">
                        {counts.into_iter().map(|(tab, n)| view! {
                            <li>
                                <A href=link(&orders_path(tab, 1)) attr:class="account-orders__count" attr:data-count-tab=tab.slug()>
                                    <span class="account-orders__n">{n}</span>" "
                                    <span>{move || i18n.t(tab_key(tab))}</span>
                                </A>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()}
            />
        </section>
    }
}
