//! The frame around every page: header with logo, navigation, search, language and account;
//! footer with contact details, friend links and the ICP number.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::error_panel::SignInLink;
use crate::api;
use crate::api::queries::use_query;
use crate::config::link;
use crate::domain::links::safe_href;
use crate::domain::{Contact, FriendLink, Locale, NavItem, NavTarget, Route};
use crate::i18n::use_i18n;
use crate::state::{use_session, use_site};

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
            <super::cart::CartDrawer />
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
    // The menu is read once the page's content has painted: the fallback menu stands in.
    let shown = super::data_view::content_shown();
    let name = site.info.name.clone();
    let logo = site.info.logo.clone();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href=link(&Route::Home.path()) attr:class="site-logo">
                    {match logo {
                        Some(src) => view! { <img class="site-logo__image" src=src alt="" width="32" height="32" /> }.into_any(),
                        None => view! { <span class="site-logo__mark" aria-hidden="true"></span> }.into_any(),
                    }}
                    <span class="site-logo__name">{name}</span>
                </A>
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
                    <super::cart::CartButton />
                </div>
            </div>
            <nav
                id="primary-nav"
                class="primary-nav"
                class:primary-nav--open=move || menu_open.get()
                aria-label=move || i18n.t("nav.primary")
            >
                <Show when=move || shown.get() fallback=|| view! { <FallbackNav /> }>
                    <CmsNav />
                </Show>
            </nav>
        </header>
    }
}

/// The site's own menu, with the fallback menu while it loads or when it has none.
#[component]
fn CmsNav() -> impl IntoView {
    let nav = use_query(api::site::navigation, || ());
    view! {
        <Transition fallback=|| view! { <FallbackNav /> }>
            {move || Suspend::new(async move {
                match nav.value().await {
                    Ok(items) if !items.is_empty() => view! { <NavList items /> }.into_any(),
                    // The menu is optional: without it the shop still has its routes.
                    _ => view! { <FallbackNav /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Home, products and articles, when the CMS menu is empty or unavailable.
#[component]
fn FallbackNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="nav-list">
            <li><A href=link(&Route::Home.path()) exact=true>{move || i18n.t("nav.home")}</A></li>
            <li><A href=link(&Route::Products.path())>{move || i18n.t("nav.products")}</A></li>
            <li><A href=link(&Route::Articles.path())>{move || i18n.t("nav.articles")}</A></li>
        </ul>
    }
}

/// The CMS menu; children become dropdowns on wide screens and indented lists on phones.
/// Shop routes are router links (`<A>` marks the current one); external entries are plain
/// links whose URLs already passed the URL rule in the API layer.
#[component]
fn NavList(items: Vec<NavItem>, #[prop(optional)] nested: bool) -> AnyView {
    let entries = items
        .into_iter()
        .map(|item| {
            let has_children = !item.children.is_empty();
            // Recursion needs a type-erased view, hence `AnyView`.
            let children =
                has_children.then(|| view! { <NavList items=item.children nested=true /> });
            let anchor = match item.target {
                NavTarget::Internal(path) => {
                    let exact = path == "/";
                    view! { <A href=link(&path) exact>{item.title}</A> }.into_any()
                }
                NavTarget::External(url) => {
                    view! { <a href=url rel="noopener">{item.title}</a> }.into_any()
                }
            };
            view! {
                <li class="nav-list__item" class:nav-list__item--parent=has_children>
                    {anchor}
                    {children}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="nav-list" class:nav-list--sub=nested>{entries}</ul> }.into_any()
}

/// The router's GET `<Form>` to `/search`: a plain form submission without the wasm, an
/// in-app navigation with it.
#[component]
fn SearchForm() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Form
            action=link(&Route::Search(String::new()).path())
            method="get"
            on_form_data=std::sync::Arc::new(tidy_search_fields)
            attr:class="search-form"
            attr:role="search"
        >
            <label class="visually-hidden" for="site-search">{move || i18n.t("app.search")}</label>
            <input
                id="site-search"
                type="search"
                name="q"
                placeholder=move || i18n.t("app.search_placeholder")
                autocomplete="off"
            />
            <button type="submit" class="search-form__submit">{move || i18n.t("app.search")}</button>
        </Form>
    }
}

/// The router's `<Form>` also submits the unnamed submit button (as `=`), and a blank box
/// would give `?q=+++`; the address should read `/search?q=…` with words, or `/search`.
fn tidy_search_fields(data: &web_sys::FormData) {
    data.delete("");
    let blank = data
        .get("q")
        .as_string()
        .is_some_and(|words| words.trim().is_empty());
    if blank {
        data.delete("q");
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

/// "Sign in" (returning here), or the signed-in user's name with a sign-out button. Nothing
/// while the session is being restored, so a signed-in shopper never sees "Sign in" flash.
#[component]
fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let here = Signal::derive(move || {
        crate::path_and_query(&location.pathname.get(), &location.search.get())
    });
    let signing_out = crate::state::use_sign_out();
    let sign_out = Action::new_local(move |_: &()| signing_out.clone().run());
    view! {
        {move || match (session.is_signed_in(), session.user()) {
            (Some(true), Some(user)) => view! {
                <span class="account">
                    <A href=link(&Route::Account.path()) attr:class="account__name">
                        {i18n.t_with("account.hello", &[("name", &user.display_name)])}
                    </A>
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || sign_out.pending().get()
                        on:click=move |_| { sign_out.dispatch(()); }
                    >
                        {i18n.t("account.sign_out")}
                    </button>
                </span>
            }
            .into_any(),
            (Some(false), _) => view! {
                <SignInLink label_key="account.sign_in" class="account account--anonymous" here />
            }
            .into_any(),
            _ => view! { <span class="account account--pending" aria-hidden="true"></span> }.into_any(),
        }}
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let info = site.info;
    // Below the fold: read once the page's content has painted.
    let shown = super::data_view::content_shown();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <Show when=move || shown.get()>
                    <FooterContact />
                    <FriendLinks />
                </Show>
                <ul class="site-footer__block site-footer__nav">
                    <li><a href=crate::config::link(&crate::domain::Route::Guestbook.path())>{move || i18n.t("guestbook.title")}</a></li>
                    <li><a href=crate::config::link(&crate::domain::Route::History.path())>{move || i18n.t("history.title")}</a></li>
                </ul>
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

/// The site's contact details (AnqiCMS's contact settings), when it has any.
#[component]
fn FooterContact() -> impl IntoView {
    let i18n = use_i18n();
    let contact = use_query(api::site::contact, || ());
    view! {
        <super::data_view::Optional query=contact view={move |contact: Contact| {
            let has_contact =
                !(contact.phone.is_empty() && contact.email.is_empty() && contact.address.is_empty());
            has_contact.then(|| view! {
                <section class="site-footer__block">
                    <h2 class="site-footer__heading">{move || i18n.t("footer.contact")}</h2>
                    <dl class="contact-list">
                        {(!contact.phone.is_empty()).then(|| view! {
                            <dt>{move || i18n.t("footer.phone")}</dt>
                            <dd><a href=safe_href(&format!("tel:{}", contact.phone.replace(' ', "")))>{contact.phone.clone()}</a></dd>
                        })}
                        {(!contact.email.is_empty()).then(|| view! {
                            <dt>{move || i18n.t("footer.email")}</dt>
                            <dd><a href=safe_href(&format!("mailto:{}", contact.email.trim()))>{contact.email.clone()}</a></dd>
                        })}
                        {(!contact.address.is_empty()).then(|| view! {
                            <dt>{move || i18n.t("footer.address")}</dt>
                            <dd>{contact.address.clone()}</dd>
                        })}
                    </dl>
                </section>
            }).into_any()
        }} />
    }
}

/// The site's friend links, when it has any.
#[component]
fn FriendLinks() -> impl IntoView {
    let i18n = use_i18n();
    let links = use_query(api::site::friend_links, || ());
    view! {
        <super::data_view::Optional query=links view={move |links: Vec<FriendLink>| {
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
            }).into_any()
        }} />
    }
}
