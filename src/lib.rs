//! Storefront: a Leptos storefront for AnqiCMS sites.
//!
//! `App` sets up i18n, the query cache, the session and the router; the site is connected
//! (the language list and the settings) before the routes render, and a failed connection
//! shows the setup screen.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{ProtectedParentRoute, Route, Router, Routes, RoutingProgress};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};
use wasm_bindgen::JsCast;

pub mod api;
pub mod components;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod sanitize;
pub mod state;
pub mod storage;

#[cfg(test)]
mod layering;

rust_i18n::i18n!("locales", fallback = "en");

use components::shell::{Shell, ShellSkeleton};
use domain::routes::segment;
use domain::Locale;
use i18n::I18n;
use pages::setup::SetupScreen;
use state::Session;

const LANGUAGE_KEY: &str = "storefront.language";

/// Replaces the static shell in `#app` with the running app.
pub fn mount() {
    // The entry route's chunk is fetched now, in parallel with the site connection the
    // routes wait for, instead of after it.
    pages::lazy::preload_entry_route();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::mount::mount_to_body(App);
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, App).forget();
    pages::lazy::install_preloading();
}

/// The language a shopper chose before, else the site owner's default.
fn initial_locale() -> Locale {
    let stored = storage::get_string(LANGUAGE_KEY);
    let tag = stored.unwrap_or_else(|| api::api_config().default_language);
    Locale::from_tag(&tag)
}

/// Switches UI and content language, and remembers the choice. Each language is its own
/// AnqiCMS site, so nothing cached for the previous one is shown again.
pub fn set_language(i18n: I18n, locale: Locale) {
    if i18n.locale.get_untracked() == locale {
        return;
    }
    storage::set_string(LANGUAGE_KEY, locale.tag());
    api::queries::clear_all();
    i18n.locale.set(locale);
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    api::queries::provide_query_client();
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    // Restored once, after the first connection; a language switch re-connects the site,
    // not the session.
    let session = Session::start();
    provide_context(session);
    let cart = state::cart::CartStore::new();
    provide_context(cart);
    let favorites = state::favorites::Favorites::new(session);
    provide_context(favorites);

    let site = LocalResource::new(move || api::startup::connect(i18n.locale.get()));
    let (is_routing, set_is_routing) = signal(false);

    view! {
        <Html {..} lang=move || i18n.locale.get().tag() />
        <Title formatter=|title: String| title />
        <Router base=config::router_base() set_is_routing>
            <RoutingProgress is_routing max_time=Duration::from_millis(700) />
            <Transition fallback=ShellSkeleton>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(state) => {
                            provide_context(state);
                            session.restore_once();
                            session.refresh_for_site();
                            cart.start();
                            favorites.reload();
                            view! {
                                <ModulesAfterPaint />
                                <Shell><AppRoutes /></Shell>
                            }
                            .into_any()
                        }
                        Err(problem) => view! {
                            <SetupScreen problem on_retry=move || site.refetch() />
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </Router>
    }
}

/// Once the page's content has painted, reads the module table if no read has needed it
/// yet: CMS links in content and menus are recognised by the modules' url_tokens.
#[component]
fn ModulesAfterPaint() -> impl IntoView {
    let shown = components::data_view::content_shown();
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if !shown.get() || started.get_value() {
            return;
        }
        started.set_value(true);
        wasm_bindgen_futures::spawn_local(async {
            api::site::module_kinds().await;
        });
    });
}

/// `pathname` + `search` as the router reports them (its `search` has no leading `?`).
pub fn path_and_query(pathname: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        pathname.to_string()
    } else {
        format!("{pathname}?{search}")
    }
}

/// Every route of the shop, spelled by `domain::routes`. Documented in README.md.
#[component]
fn AppRoutes() -> impl IntoView {
    use pages::lazy::{LazyPage, Page};
    use pages::*;
    let session = state::use_session();
    let location = use_location();
    // Where a signed-out shopper who opened an account page goes: sign-in, then back here.
    let to_sign_in = move || {
        let here = path_and_query(
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
        );
        domain::Route::login_from(&here).path()
    };
    // The router re-renders a protected route whenever its condition's signals change, so
    // the condition is a memo: a session change that keeps the answer (the shopper's new
    // name after a profile save) leaves the open page as it is.
    let may_enter = Memo::new(move |_| session.may_enter_protected());
    let slug = || ParamSegment(segment::SLUG);
    let guest_checkout = state::use_config().guest_checkout;
    view! {
        <Routes fallback=not_found::NotFoundOrCmsLink>
            <Route path=StaticSegment("") view=|| view! { <LazyPage page=Page::Home /> } />
            <Route path=StaticSegment(segment::PRODUCTS) view=|| view! { <LazyPage page=Page::Products /> } />
            <Route path=StaticSegment(segment::ARTICLES) view=|| view! { <LazyPage page=Page::Articles /> } />
            <Route path=(StaticSegment(segment::CATEGORY), slug()) view=|| view! { <LazyPage page=Page::Category /> } />
            <Route path=(StaticSegment(segment::PRODUCT), slug()) view=|| view! { <LazyPage page=Page::Archive /> } />
            <Route path=(StaticSegment(segment::ARTICLE), slug()) view=|| view! { <LazyPage page=Page::Archive /> } />
            <Route path=(StaticSegment(segment::PAGE), slug()) view=|| view! { <LazyPage page=Page::Single /> } />
            <Route path=StaticSegment(segment::TAGS) view=|| view! { <LazyPage page=Page::Tags /> } />
            <Route path=(StaticSegment(segment::TAG), slug()) view=|| view! { <LazyPage page=Page::Tag /> } />
            <Route path=StaticSegment(segment::SEARCH) view=|| view! { <LazyPage page=Page::Search /> } />
            <Route path=StaticSegment(segment::LOGIN) view=|| view! { <LazyPage page=Page::Login /> } />
            <Route path=StaticSegment(segment::SETUP) view=|| view! { <LazyPage page=Page::Setup /> } />
            <Route path=StaticSegment(segment::CART) view=|| view! { <LazyPage page=Page::Cart /> } />
            <Route path=StaticSegment(segment::REGISTER) view=|| view! { <LazyPage page=Page::Register /> } />
            <Route path=StaticSegment(segment::HISTORY) view=|| view! { <LazyPage page=Page::History /> } />
            <Route path=StaticSegment(segment::GUESTBOOK) view=|| view! { <LazyPage page=Page::Guestbook /> } />
            // A guest's order (`guest_checkout` sites): AnqiCMS shows an order placed without
            // an account to whoever has its number.
            <Route path=(StaticSegment(segment::ORDER), ParamSegment(segment::ORDER_ID)) view=|| view! { <LazyPage page=Page::GuestOrder /> } />
            // The mailed reset link is opened signed out: defined before, and outside, the
            // protected `/account`.
            <Route path=(StaticSegment(segment::ACCOUNT), StaticSegment(segment::PASSWORD), StaticSegment(segment::RESET)) view=|| view! { <LazyPage page=Page::PasswordReset /> } />
            <ProtectedParentRoute
                path=StaticSegment(segment::ACCOUNT)
                view=account::AccountAreaLayout
                condition=move || may_enter.get()
                redirect_path=to_sign_in
                fallback=account::AccountPending
            >
                <Route path=StaticSegment("") view=|| view! { <LazyPage page=Page::AccountOverview /> } />
                <Route path=StaticSegment(segment::ORDERS) view=|| view! { <LazyPage page=Page::Orders /> } />
                <Route path=StaticSegment(segment::COUPONS) view=|| view! { <LazyPage page=Page::Coupons /> } />
                <Route path=StaticSegment(segment::FAVORITES) view=|| view! { <LazyPage page=Page::Favorites /> } />
                <Route path=StaticSegment(segment::WISHLIST) view=|| view! { <LazyPage page=Page::Wishlist /> } />
                <Route path=(StaticSegment(segment::ORDERS), ParamSegment(segment::ORDER_ID)) view=|| view! { <LazyPage page=Page::Order /> } />
                <Route path=StaticSegment(segment::PROFILE) view=|| view! { <LazyPage page=Page::Profile /> } />
                <Route path=StaticSegment(segment::PASSWORD) view=|| view! { <LazyPage page=Page::Password /> } />
                <Route path=StaticSegment(segment::VIP) view=|| view! { <LazyPage page=Page::Vip /> } />
            </ProtectedParentRoute>
            <ProtectedParentRoute
                path=StaticSegment(segment::RETAILER)
                view=account::AccountLayout
                condition=move || session.may_enter_protected()
                redirect_path=to_sign_in
                fallback=account::AccountPending
            >
                <Route path=StaticSegment("") view=|| view! { <LazyPage page=Page::Retailer /> } />
            </ProtectedParentRoute>
            // Ordering needs an account (AnqiCMS's default), so checkout is protected like the
            // account, unless the site owner says the server takes guests' orders.
            <ProtectedParentRoute
                path=StaticSegment(segment::CHECKOUT)
                view=account::AccountLayout
                condition=move || {
                    if guest_checkout {
                        session.is_signed_in().map(|_| true)
                    } else {
                        session.may_enter_protected()
                    }
                }
                redirect_path=to_sign_in
                fallback=account::AccountPending
            >
                <Route path=StaticSegment("") view=|| view! { <LazyPage page=Page::Checkout /> } />
            </ProtectedParentRoute>
        </Routes>
    }
}
