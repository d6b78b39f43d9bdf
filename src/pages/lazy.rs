//! Route code loaded on demand: each page is a wasm-split point, so its code (and what only
//! it uses: the sanitizer, the charts, the QR code, the uploader) is a chunk fetched the
//! first time the page opens, or earlier when a link to it is hovered or focused, or when
//! the browser is idle. The build's trunk hook (xtask/src/split.rs) cuts the chunks.
//!
//! Leptos's own `#[lazy_route]` panics when a chunk fails to load (fixed only on 0.9), and a
//! panic kills the app. These split points are `fallible` instead: a failed or offline load
//! is an `Err`, shown as the usual error with a retry, and the retry fetches again (the
//! loader does not cache failures).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::skeleton::DetailSkeleton;
use crate::i18n::use_i18n;

/// A page's view once its area's chunk is loaded.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;
/// An area's chunk loaded without rendering anything (link hover, focus, idle time).
pub type PreloadFuture = Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

/// One split point per area of the shop; each page of an area is in its chunk. Per-page split
/// points made hundreds of tiny shared chunks (code two or three pages share), so pages that
/// share most of their code (all the listings, the account pages) are one chunk.
macro_rules! split_areas {
    ($( $area:ident, $preload:ident { $( $page:ident => $($path:ident)::+ ),* $(,)? } ),* $(,)?) => {
        /// Every routed page.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Page { $($($page,)*)* }

        /// The areas: one chunk (and its split point) each.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Area { $($area,)* }

        impl Page {
            pub fn area(self) -> Area {
                match self { $($(Page::$page => Area::$area,)*)* }
            }

            /// Loads the page's area if needed, then builds the page.
            pub fn load(self) -> PageFuture {
                match self.area() { $(Area::$area => Box::pin($area(self)),)* }
            }
        }

        impl Area {
            /// The area's name in the build's chunks.json.
            pub fn split_name(self) -> &'static str {
                match self { $(Area::$area => stringify!($area),)* }
            }

            pub fn preload(self) -> PreloadFuture {
                match self { $(Area::$area => Box::pin($preload()),)* }
            }
        }

        $(
            #[leptos::wasm_split::wasm_split(
                $area,
                wasm_split_path = ::leptos::wasm_split,
                preload(#[doc(hidden)] $preload),
                fallible
            )]
            fn $area(page: Page) -> Result<AnyView, SplitLoaderError> {
                // Built inside the chunk; `untrack` as the view macro does for components, so
                // the page's set-up reads don't subscribe the loader.
                Ok(untrack(|| match page {
                    $(Page::$page => super::$($path)::+().into_any(),)*
                    #[allow(unreachable_patterns)]
                    _ => ().into_any(),
                }))
            }
        )*
    };
}

split_areas! {
    area_home, preload_area_home {
        Home => home::Home,
    },
    area_listing, preload_area_listing {
        Products => catalog::ProductsPage,
        Articles => catalog::ArticlesPage,
        Category => category::CategoryPage,
        Tags => tags::TagsPage,
        Tag => tags::TagPage,
        Search => search::SearchPage,
    },
    area_detail, preload_area_detail {
        Archive => archive::ArchivePage,
        Single => single_page::SinglePagePage,
    },
    area_cart, preload_area_cart {
        Cart => cart::CartPage,
    },
    area_checkout, preload_area_checkout {
        Checkout => checkout::CheckoutPage,
    },
    area_account, preload_area_account {
        Login => login::LoginPage,
        Register => register::RegisterPage,
        PasswordReset => password::PasswordResetPage,
        AccountOverview => account::AccountOverview,
        Orders => orders::OrdersPage,
        Order => order::OrderPage,
        GuestOrder => order::GuestOrderPage,
        Coupons => coupons::CouponsPage,
        Favorites => favorites::FavoritesPage,
        Wishlist => wishlist::WishlistPage,
        Profile => profile::ProfilePage,
        Password => password::PasswordPage,
        Vip => vip::VipPage,
    },
    area_retailer, preload_area_retailer {
        Retailer => retailer::RetailerPage,
    },
    area_more, preload_area_more {
        Guestbook => guestbook::GuestbookPage,
        History => history::HistoryPage,
        Setup => setup::SetupPage,
    },
}

/// Renders a page from its chunk: a skeleton while it loads, the page when it has, and the
/// usual error with a retry when the chunk could not be fetched (offline, server error).
#[component]
pub fn LazyPage(page: Page) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <DetailSkeleton /> }>
            {move || {
                attempt.track();
                // The loader's future holds the chunk's JS promise, which is not Send.
                Suspend::new(send_wrapper::SendWrapper::new(async move {
                    match page.load().await {
                        Ok(page) => page,
                        Err(_) => view! {
                            <ChunkFailed on_retry=move || attempt.update(|n| *n += 1) />
                        }
                        .into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}

/// The page's code did not arrive. Nothing the shopper entered is lost: forms live in the
/// page that failed to load, and the cart and session are in the main module.
#[component]
fn ChunkFailed(#[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error chunk-error" role="alert">
            <p class="notice__title">{move || i18n.t("error.page_code")}</p>
            <div class="notice__actions">
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    {move || i18n.t("app.retry")}
                </button>
            </div>
        </div>
    }
}

/// Starts loading the chunk of the page `path` (inside the router base) leads to, if it is
/// not loaded yet. Errors are dropped: the page itself shows them if it is opened.
pub fn preload_path(path: &str) {
    if let Some(page) = page_for(path) {
        preload_area(page.area());
    }
}

fn preload_area(area: Area) {
    // wasm-bindgen's executor: the entry route's preload starts before Leptos has set its own.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = area.preload().await;
    });
}

/// Preloads the chunk of the page the browser opened.
pub fn preload_entry_route() {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let Ok(path) = location.pathname() else {
        return;
    };
    let base = crate::config::router_base();
    preload_path(
        path.strip_prefix(base.trim_end_matches('/'))
            .unwrap_or(&path),
    );
}

/// The page a path opens, by the same segments the routes use (`None`: not a page route).
pub fn page_for(path: &str) -> Option<Page> {
    use crate::domain::routes::segment as s;
    let path = path.split(['?', '#']).next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let page = match parts.as_slice() {
        [] => Page::Home,
        [first, rest @ ..] => match (*first, rest) {
            (x, []) if x == s::PRODUCTS => Page::Products,
            (x, []) if x == s::ARTICLES => Page::Articles,
            (x, [_]) if x == s::CATEGORY => Page::Category,
            (x, [_]) if x == s::PRODUCT || x == s::ARTICLE => Page::Archive,
            (x, [_]) if x == s::PAGE => Page::Single,
            (x, []) if x == s::TAGS => Page::Tags,
            (x, [_]) if x == s::TAG => Page::Tag,
            (x, []) if x == s::SEARCH => Page::Search,
            (x, []) if x == s::LOGIN => Page::Login,
            (x, []) if x == s::CART => Page::Cart,
            (x, []) if x == s::REGISTER => Page::Register,
            (x, []) if x == s::HISTORY => Page::History,
            (x, []) if x == s::GUESTBOOK => Page::Guestbook,
            (x, []) if x == s::SETUP => Page::Setup,
            (x, []) if x == s::CHECKOUT => Page::Checkout,
            (x, []) if x == s::RETAILER => Page::Retailer,
            (x, [_]) if x == s::ORDER => Page::GuestOrder,
            (x, []) if x == s::ACCOUNT => Page::AccountOverview,
            (x, [y]) if x == s::ACCOUNT && *y == s::ORDERS => Page::Orders,
            (x, [y, _]) if x == s::ACCOUNT && *y == s::ORDERS => Page::Order,
            (x, [y]) if x == s::ACCOUNT && *y == s::COUPONS => Page::Coupons,
            (x, [y]) if x == s::ACCOUNT && *y == s::FAVORITES => Page::Favorites,
            (x, [y]) if x == s::ACCOUNT && *y == s::WISHLIST => Page::Wishlist,
            (x, [y]) if x == s::ACCOUNT && *y == s::PROFILE => Page::Profile,
            (x, [y]) if x == s::ACCOUNT && *y == s::PASSWORD => Page::Password,
            (x, [y, z]) if x == s::ACCOUNT && *y == s::PASSWORD && *z == s::RESET => {
                Page::PasswordReset
            }
            (x, [y]) if x == s::ACCOUNT && *y == s::VIP => Page::Vip,
            _ => return None,
        },
    };
    Some(page)
}

/// Preloads on hover, focus or touch of any same-app link, once per page kind, and the
/// pages shoppers usually open next when the browser is idle. Installed once by the shell.
pub fn install_preloading() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let on_intent = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if let Some(path) = app_path(&anchor) {
            preload_path(&path);
        }
    });
    for kind in ["pointerover", "focusin", "touchstart"] {
        let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            on_intent.as_ref().unchecked_ref(),
            &{
                let options = web_sys::AddEventListenerOptions::new();
                options.set_passive(true);
                options
            },
        );
    }
    on_intent.forget();

    // Idle time: the areas a shopper usually opens next (never checkout or the account:
    // most visits don't get there, and phones pay for the bytes).
    let idle = Closure::<dyn Fn()>::new(|| {
        for next in [Area::area_listing, Area::area_detail, Area::area_cart] {
            preload_area(next);
        }
    });
    if window
        .request_idle_callback(idle.as_ref().unchecked_ref())
        .is_err()
    {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            idle.as_ref().unchecked_ref(),
            2_000,
        );
    }
    idle.forget();
}

/// The link's path inside the router base, if it is a link into this app.
fn app_path(anchor: &web_sys::Element) -> Option<String> {
    let href = anchor.get_attribute("href")?;
    let url =
        web_sys::Url::new_with_base(&href, &web_sys::window()?.location().href().ok()?).ok()?;
    let here = web_sys::window()?.location().origin().ok()?;
    if url.origin() != here {
        return None;
    }
    Some(crate::config::route_path(&url.pathname()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_page() {
        assert_eq!(page_for("/"), Some(Page::Home));
        assert_eq!(page_for("/products?page=2"), Some(Page::Products));
        assert_eq!(page_for("/product/red-shoe"), Some(Page::Archive));
        assert_eq!(page_for("/article/news#top"), Some(Page::Archive));
        assert_eq!(page_for("/account/orders/12"), Some(Page::Order));
        assert_eq!(page_for("/account/orders"), Some(Page::Orders));
        assert_eq!(
            page_for("/account/password/reset"),
            Some(Page::PasswordReset)
        );
        assert_eq!(page_for("/order/abc"), Some(Page::GuestOrder));
        assert_eq!(page_for("/checkout"), Some(Page::Checkout));
        assert_eq!(page_for("/no/such/page/here"), None);
        assert_eq!(page_for("/product"), None);
    }

    #[test]
    fn pages_of_one_area_share_its_chunk() {
        assert_eq!(Page::Products.area(), Page::Search.area());
        assert_eq!(Page::Login.area(), Page::Orders.area());
        assert_ne!(Page::Cart.area(), Page::Checkout.area());
        assert_eq!(Page::Checkout.area().split_name(), "area_checkout");
    }
}
