//! The frame around every page: header with logo, navigation, search, language and account;
//! footer with contact details, friend links and the ICP number.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::api;
use crate::config::link;
use crate::domain::{Locale, NavItem, NavTarget};
use crate::i18n::use_i18n;
use crate::state::Session;
use crate::use_site;

/// What shows while the site is probed: the same frame as the static shell in index.html.
#[component]
pub fn ShellSkeleton() -> impl IntoView {
    view! {
        <div class="shell">
            <header class="site-header">
                <div class="site-header__inner">
                    <span class="site-logo">
                        <span class="site-logo__mark" aria-hidden="true"></span>
                        <span class="skeleton skeleton--text" style="width:7rem"></span>
                    </span>
                </div>
            </header>
            <main class="page" aria-busy="true">
                <div class="skeleton skeleton--banner"></div>
                <super::skeleton::CardGridSkeleton count=4 />
            </main>
        </div>
    }
}

/// Header, main content and footer.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    // Restore the session from a stored token; an expired one simply yields no user.
    leptos::task::spawn_local(async move {
        if let Ok(found) = api::account::current_user().await {
            session.user.set(found);
        }
    });
    view! {
        <div class="shell">
            // `<base href>` would resolve a bare "#main" to the home page, so focus it directly.
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || i18n.t("app.skip_to_content")}
            </a>
            <SiteHeader />
            <main id="main" class="page" tabindex="-1">
                // Data views render their own errors; this catches anything else a page throws.
                <ErrorBoundary fallback=|errors| view! {
                    <super::error_panel::ErrorPanel errors on_retry=reload_page />
                }>
                    {children()}
                </ErrorBoundary>
            </main>
            <SiteFooter />
        </div>
    }
}

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
    // Still a fragment link: the address shows #main on the same page, as without the base.
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let here = format!(
            "{}{}#main",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
        }
    }
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let (menu_open, set_menu_open) = signal(false);
    let location = use_location();
    // Close the mobile menu whenever the route changes.
    Effect::new(move |_| {
        location.pathname.track();
        set_menu_open.set(false);
    });
    let nav = LocalResource::new(api::site::navigation);
    let name = site.info.name.clone();
    let logo = site.info.logo.clone();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-logo" href=link("/")>
                    {match logo {
                        Some(src) => view! { <img class="site-logo__image" src=src alt="" width="32" height="32" /> }.into_any(),
                        None => view! { <span class="site-logo__mark" aria-hidden="true"></span> }.into_any(),
                    }}
                    <span class="site-logo__name">{name}</span>
                </a>
                <button
                    type="button"
                    class="menu-toggle"
                    aria-controls="primary-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-toggle__bars" aria-hidden="true"></span>
                    <span class="visually-hidden">{move || i18n.t("app.menu")}</span>
                </button>
                <SearchForm />
                <div class="site-header__tools">
                    <LanguageSwitch />
                    <AccountLink />
                </div>
            </div>
            <nav
                id="primary-nav"
                class="primary-nav"
                class:primary-nav--open=move || menu_open.get()
                aria-label=move || i18n.t("nav.primary")
            >
                <Transition fallback=|| view! { <FallbackNav /> }>
                    {move || Suspend::new(async move {
                        match nav.await {
                            Ok(items) if !items.is_empty() => view! { <NavList items /> }.into_any(),
                            // The menu is optional: without it the shop still has its routes.
                            _ => view! { <FallbackNav /> }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

/// Home, products and articles, when the CMS menu is empty or unavailable.
#[component]
fn FallbackNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="nav-list">
            <li><a href=link("/")>{move || i18n.t("nav.home")}</a></li>
            <li><a href=link("/products")>{move || i18n.t("nav.products")}</a></li>
            <li><a href=link("/articles")>{move || i18n.t("nav.articles")}</a></li>
        </ul>
    }
}

/// The CMS menu; children become dropdowns on wide screens and indented lists on phones.
#[component]
fn NavList(items: Vec<NavItem>, #[prop(optional)] nested: bool) -> AnyView {
    let location = use_location();
    let entries = items
        .into_iter()
        .map(|item| {
            let (href, external) = match item.target {
                NavTarget::Internal(path) => (path, false),
                NavTarget::External(url) => (url, true),
            };
            let current_path = href.clone();
            let is_current = move || !external && location.pathname.get() == current_path;
            let target_href = if external { href } else { link(&href) };
            let has_children = !item.children.is_empty();
            // Recursion needs a type-erased view, hence `AnyView`.
            let children =
                has_children.then(|| view! { <NavList items=item.children nested=true /> });
            view! {
                <li class="nav-list__item" class:nav-list__item--parent=has_children>
                    <a
                        href=target_href
                        aria-current=move || is_current().then_some("page")
                        rel=external.then_some("noopener")
                    >
                        {item.title}
                    </a>
                    {children}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="nav-list" class:nav-list--sub=nested>{entries}</ul> }.into_any()
}

/// A GET form to `/search`, so it also works before the wasm runs.
#[component]
fn SearchForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|el| el.value()).unwrap_or_default();
        let q = q.trim();
        let target = if q.is_empty() {
            "/search".to_string()
        } else {
            format!(
                "/search?q={}",
                crate::domain::listing::encode_query_component(q)
            )
        };
        navigate(&target, Default::default());
    };
    view! {
        <form class="search-form" role="search" action=link("/search") method="get" on:submit=on_submit>
            <label class="visually-hidden" for="site-search">{move || i18n.t("app.search")}</label>
            <input
                id="site-search"
                node_ref=input
                type="search"
                name="q"
                placeholder=move || i18n.t("app.search_placeholder")
                autocomplete="off"
            />
            <button type="submit" class="search-form__submit">{move || i18n.t("app.search")}</button>
        </form>
    }
}

/// Switches between the shop's languages (each is an AnqiCMS site).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switch" role="group" aria-label=move || i18n.t("app.language")>
            {Locale::ALL
                .into_iter()
                .map(|locale| view! {
                    <button
                        type="button"
                        class="language-switch__option"
                        lang=locale.tag()
                        aria-pressed=move || (i18n.locale.get() == locale).to_string()
                        on:click=move |_| crate::set_language(i18n, locale)
                    >
                        {locale.native_name()}
                    </button>
                })
                .collect_view()}
        </div>
    }
}

/// "Sign in", or the signed-in user's name with a sign-out button.
#[component]
fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let sign_out = Action::new_local(move |_: &()| async move {
        api::account::logout().await;
        session.user.set(None);
    });
    view! {
        {move || match session.user.get() {
            Some(user) => view! {
                <span class="account">
                    <span class="account__name">{i18n.t_with("account.hello", &[("name", &user.display_name)])}</span>
                    <button type="button" class="button button--quiet" on:click=move |_| { sign_out.dispatch(()); }>
                        {i18n.t("account.sign_out")}
                    </button>
                </span>
            }
            .into_any(),
            None => view! {
                <a class="account account--anonymous" href=link("/login")>{i18n.t("account.sign_in")}</a>
            }
            .into_any(),
        }}
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let info = site.info;
    let links = LocalResource::new(api::site::friend_links);
    let contact = info.contact.clone();
    let has_contact =
        !(contact.phone.is_empty() && contact.email.is_empty() && contact.address.is_empty());
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                {has_contact.then(|| view! {
                    <section class="site-footer__block">
                        <h2 class="site-footer__heading">{move || i18n.t("footer.contact")}</h2>
                        <dl class="contact-list">
                            {(!contact.phone.is_empty()).then(|| view! {
                                <dt>{move || i18n.t("footer.phone")}</dt>
                                <dd><a href=format!("tel:{}", contact.phone)>{contact.phone.clone()}</a></dd>
                            })}
                            {(!contact.email.is_empty()).then(|| view! {
                                <dt>{move || i18n.t("footer.email")}</dt>
                                <dd><a href=format!("mailto:{}", contact.email)>{contact.email.clone()}</a></dd>
                            })}
                            {(!contact.address.is_empty()).then(|| view! {
                                <dt>{move || i18n.t("footer.address")}</dt>
                                <dd>{contact.address.clone()}</dd>
                            })}
                        </dl>
                    </section>
                })}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let links = links.await.unwrap_or_default();
                        (!links.is_empty()).then(|| view! {
                            <section class="site-footer__block">
                                <h2 class="site-footer__heading">{move || i18n.t("footer.links")}</h2>
                                <ul class="friend-links">
                                    {links.into_iter().map(|l| view! {
                                        <li>
                                            <a href=l.url rel=if l.nofollow { "nofollow noopener" } else { "noopener" }>
                                                {l.title}
                                            </a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })
                    })}
                </Transition>
                <div class="site-footer__legal">
                    {(!info.copyright.is_empty()).then(|| view! { <p>{info.copyright.clone()}</p> })}
                    {(!info.icp.is_empty()).then(|| view! {
                        <p><a href="https://beian.miit.gov.cn/" rel="noopener nofollow">{info.icp.clone()}</a></p>
                    })}
                    <p class="site-footer__powered">{move || i18n.t("footer.powered")}</p>
                </div>
            </div>
        </footer>
    }
}
