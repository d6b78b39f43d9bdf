//! Every route of the shop, typed. Links are built from [`Route`] and the router's path
//! definitions use the segment constants below, so a route's spelling lives in one place.
//!
//! Paths here are router paths: they never carry the deploy's sub-path (`<base href>`), which
//! the view layer adds.

use super::catalog::{ContentKind, Slug};

/// Static first segments of the routes (used by `lib.rs`'s route table).
pub mod segment {
    pub const PRODUCTS: &str = "products";
    pub const ARTICLES: &str = "articles";
    pub const CATEGORY: &str = "category";
    pub const PRODUCT: &str = "product";
    pub const ARTICLE: &str = "article";
    pub const PAGE: &str = "page";
    pub const TAGS: &str = "tags";
    pub const TAG: &str = "tag";
    pub const SEARCH: &str = "search";
    pub const LOGIN: &str = "login";
    pub const ACCOUNT: &str = "account";
    pub const SETUP: &str = "setup";
    pub const CART: &str = "cart";
    pub const REGISTER: &str = "register";
    pub const CHECKOUT: &str = "checkout";
    /// `/account/orders/:order_id`
    pub const ORDERS: &str = "orders";
    pub const ORDER_ID: &str = "order_id";
    /// `/order/:order_id`: a guest's order (sites that allow ordering without an account).
    pub const ORDER: &str = "order";
    /// `/account/coupons`
    pub const COUPONS: &str = "coupons";
    /// `/account/favorites?page=`
    pub const FAVORITES: &str = "favorites";
    /// `/account/wishlist?page=` (documented edition)
    pub const WISHLIST: &str = "wishlist";
    /// `/history`: the products this browser viewed (kept locally, so guests have it too).
    pub const HISTORY: &str = "history";
    /// `/guestbook`: the contact form.
    pub const GUESTBOOK: &str = "guestbook";
    /// `/retailer`: the distribution dashboard.
    pub const RETAILER: &str = "retailer";
    /// `/account/profile`, `/account/password`, `/account/vip`
    pub const PROFILE: &str = "profile";
    pub const PASSWORD: &str = "password";
    pub const VIP: &str = "vip";
    /// `/account/password/reset`: the mailed reset link's page (not protected).
    pub const RESET: &str = "reset";
    /// The parameter name of every `/:slug` route.
    pub const SLUG: &str = "slug";
}

/// A place in the shop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Products,
    Articles,
    Category(Slug),
    /// A product or article page; the kind picks the prefix.
    Archive(ContentKind, Slug),
    Page(Slug),
    Tags,
    Tag(Slug),
    Search(String),
    /// Sign-in, returning to `next` (a router path) afterwards.
    Login {
        next: Option<String>,
    },
    Account,
    Setup,
    Cart,
    Checkout,
    /// The shopper's orders (`?status=` tab, `?page=`).
    Orders,
    /// One of the shopper's orders, by its AnqiCMS order number.
    Order(String),
    /// The shopper's coupons (`?tab=`).
    Coupons,
    /// An order placed without an account, by its number.
    GuestOrder(String),
    /// The shopper's profile and avatar.
    Profile,
    /// Changing the password.
    Password,
    /// The VIP groups to buy.
    Vip,
    /// Setting a new password from the mailed reset link (not signed in).
    PasswordReset,
    /// Registration, returning to `next` like sign-in.
    Register {
        next: Option<String>,
    },
    /// The shopper's favorites (`?page=`).
    Favorites,
    /// The shopper's wishlist (`?page=`).
    Wishlist,
    /// Recently viewed products.
    History,
    Guestbook,
    Retailer,
}

impl Route {
    /// The router path, with any query string.
    pub fn path(&self) -> String {
        use segment::*;
        match self {
            Route::Home => "/".into(),
            Route::Products => format!("/{PRODUCTS}"),
            Route::Articles => format!("/{ARTICLES}"),
            Route::Category(slug) => format!("/{CATEGORY}/{}", slug.segment()),
            Route::Archive(kind, slug) => {
                let prefix = match kind {
                    ContentKind::Product => PRODUCT,
                    ContentKind::Article => ARTICLE,
                };
                match slug {
                    // AnqiCMS's own pattern: a bare `/{module}/{n}` is category n there, so
                    // the shop's id links say `.html` and never collide with it.
                    Slug::Id(id) => format!("/{prefix}/{id}.html"),
                    Slug::Token(_) => format!("/{prefix}/{}", slug.segment()),
                }
            }
            Route::Page(slug) => format!("/{PAGE}/{}", slug.segment()),
            Route::Tags => format!("/{TAGS}"),
            Route::Tag(slug) => format!("/{TAG}/{}", slug.segment()),
            Route::Search(q) if q.trim().is_empty() => format!("/{SEARCH}"),
            Route::Search(q) => format!("/{SEARCH}?q={}", encode_query(q.trim())),
            Route::Login { next: None } => format!("/{LOGIN}"),
            Route::Login { next: Some(next) } => {
                format!("/{LOGIN}?next={}", encode_query(next))
            }
            Route::Account => format!("/{ACCOUNT}"),
            Route::Setup => format!("/{SETUP}"),
            Route::Cart => format!("/{CART}"),
            Route::Checkout => format!("/{CHECKOUT}"),
            Route::Orders => format!("/{ACCOUNT}/{ORDERS}"),
            Route::Order(id) => format!("/{ACCOUNT}/{ORDERS}/{}", encode_component(id)),
            Route::Coupons => format!("/{ACCOUNT}/{COUPONS}"),
            Route::GuestOrder(id) => format!("/{ORDER}/{}", encode_component(id)),
            Route::Profile => format!("/{ACCOUNT}/{PROFILE}"),
            Route::Password => format!("/{ACCOUNT}/{PASSWORD}"),
            Route::Vip => format!("/{ACCOUNT}/{VIP}"),
            Route::PasswordReset => format!("/{ACCOUNT}/{PASSWORD}/{RESET}"),
            Route::Register { next: None } => format!("/{REGISTER}"),
            Route::Register { next: Some(next) } => {
                format!("/{REGISTER}?next={}", encode_query(next))
            }
            Route::Favorites => format!("/{ACCOUNT}/{FAVORITES}"),
            Route::Wishlist => format!("/{ACCOUNT}/{WISHLIST}"),
            Route::History => format!("/{HISTORY}"),
            Route::Guestbook => format!("/{GUESTBOOK}"),
            Route::Retailer => format!("/{RETAILER}"),
        }
    }

    /// The module listing of a content kind.
    pub fn listing(kind: ContentKind) -> Route {
        match kind {
            ContentKind::Product => Route::Products,
            ContentKind::Article => Route::Articles,
        }
    }

    /// Sign-in that returns to `here` (the router path and query the shopper is on). The
    /// sign-in page itself is never a return target.
    pub fn login_from(here: &str) -> Route {
        let login = format!("/{}", segment::LOGIN);
        let next = (!here.is_empty() && here != "/" && !here.starts_with(&login))
            .then(|| here.to_string());
        Route::Login { next }
    }
}

/// Percent-encodes a path segment or query value: everything but RFC 3986's unreserved
/// characters, so `&`, `=`, `#`, `+`, `/` and spaces (`%20`) stay data.
pub fn encode_component(raw: &str) -> String {
    percent_encoding::utf8_percent_encode(raw, COMPONENT).to_string()
}

fn encode_query(raw: &str) -> String {
    encode_component(raw)
}

const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_every_route() {
        let token = |t: &str| Slug::Token(t.into());
        assert_eq!(Route::Home.path(), "/");
        assert_eq!(Route::Products.path(), "/products");
        assert_eq!(Route::Articles.path(), "/articles");
        assert_eq!(
            Route::Category(token("kitchen")).path(),
            "/category/kitchen"
        );
        assert_eq!(
            Route::Archive(ContentKind::Product, Slug::Id(26)).path(),
            "/product/26.html"
        );
        assert_eq!(
            Route::Archive(ContentKind::Article, token("a b")).path(),
            "/article/a%20b"
        );
        assert_eq!(Route::Page(token("about")).path(), "/page/about");
        assert_eq!(Route::Tags.path(), "/tags");
        assert_eq!(Route::Tag(Slug::Id(3)).path(), "/tag/3");
        assert_eq!(Route::Search("  ".into()).path(), "/search");
        assert_eq!(
            Route::Search("茶 & cup".into()).path(),
            "/search?q=%E8%8C%B6%20%26%20cup"
        );
        assert_eq!(Route::Account.path(), "/account");
        assert_eq!(Route::Setup.path(), "/setup");
        assert_eq!(Route::Cart.path(), "/cart");
        assert_eq!(Route::Checkout.path(), "/checkout");
        assert_eq!(Route::Orders.path(), "/account/orders");
        assert_eq!(Route::Coupons.path(), "/account/coupons");
        assert_eq!(Route::Favorites.path(), "/account/favorites");
        assert_eq!(Route::Wishlist.path(), "/account/wishlist");
        assert_eq!(Route::History.path(), "/history");
        assert_eq!(Route::Guestbook.path(), "/guestbook");
        assert_eq!(Route::Retailer.path(), "/retailer");
        assert_eq!(Route::Profile.path(), "/account/profile");
        assert_eq!(Route::Password.path(), "/account/password");
        assert_eq!(Route::Vip.path(), "/account/vip");
        assert_eq!(Route::PasswordReset.path(), "/account/password/reset");
        assert_eq!(Route::GuestOrder("2026 1".into()).path(), "/order/2026%201");
        assert_eq!(
            Route::Order("2026042911563900 12".into()).path(),
            "/account/orders/2026042911563900%2012"
        );
        assert_eq!(
            Route::Register {
                next: Some("/cart".into())
            }
            .path(),
            "/register?next=%2Fcart"
        );
    }

    #[test]
    fn sign_in_returns_to_the_page_the_shopper_was_on() {
        assert_eq!(
            Route::login_from("/products?page=2&sort=newest").path(),
            "/login?next=%2Fproducts%3Fpage%3D2%26sort%3Dnewest"
        );
        assert_eq!(Route::login_from("/").path(), "/login");
        assert_eq!(Route::login_from("/login?next=%2Fx").path(), "/login");
    }
}
