//! Storefront: a Leptos storefront for AnqiCMS sites.
//!
//! `App` sets up i18n, the session and the router; the site is probed once (settings,
//! languages, edition) before the routes render, and a failed probe shows the setup screen.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes, RoutingProgress};
use leptos_router::path;
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

rust_i18n::i18n!("locales", fallback = "en");

use components::shell::{Shell, ShellSkeleton};
use domain::Locale;
use i18n::I18n;
use pages::setup::SetupScreen;
use state::{Session, SiteState};

const LANGUAGE_KEY: &str = "storefront.language";

/// Replaces the static shell in `#app` with the running app.
pub fn mount() {
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
}

/// The language a shopper chose before, else the site owner's default.
fn initial_locale() -> Locale {
    let stored = storage::get_string(LANGUAGE_KEY);
    let tag = stored.unwrap_or_else(|| api::api_config().default_language);
    Locale::from_tag(&tag)
}

/// Switches UI and content language, and remembers the choice.
pub fn set_language(i18n: I18n, locale: Locale) {
    storage::set_string(LANGUAGE_KEY, locale.tag());
    i18n.locale.set(locale);
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    let session = Session {
        user: RwSignal::new(None),
    };
    provide_context(session);
    state::install_session(session);

    // Re-runs when the language changes: each language is its own AnqiCMS site.
    let site = LocalResource::new(move || pages::setup::probe_site(i18n.locale.get()));
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
                            view! { <Shell><AppRoutes /></Shell> }.into_any()
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

/// Every route of the shop. Documented in README.md.
#[component]
fn AppRoutes() -> impl IntoView {
    use pages::*;
    view! {
        <Routes fallback=not_found::NotFound>
            <Route path=path!("/") view=home::Home />
            <Route path=path!("/products") view=catalog::ProductsPage />
            <Route path=path!("/articles") view=catalog::ArticlesPage />
            <Route path=path!("/category/:slug") view=category::CategoryPage />
            <Route path=path!("/product/:slug") view=archive::ArchivePage />
            <Route path=path!("/article/:slug") view=archive::ArchivePage />
            <Route path=path!("/page/:slug") view=single_page::SinglePagePage />
            <Route path=path!("/tags") view=tags::TagsPage />
            <Route path=path!("/tag/:slug") view=tags::TagPage />
            <Route path=path!("/search") view=search::SearchPage />
            <Route path=path!("/login") view=login::LoginPage />
            <Route path=path!("/setup") view=setup::SetupPage />
        </Routes>
    }
}

/// The site state provided once the probe succeeded.
pub fn use_site() -> SiteState {
    use_context::<SiteState>().unwrap_or_else(|| SiteState {
        info: Default::default(),
        capabilities: domain::Capabilities {
            edition: domain::Edition::OpenSource,
        },
        languages: Vec::new(),
        modules: Vec::new(),
    })
}
