//! Site-wide data: settings, navigation, languages, and what the backend can do.

/// The shop's identity and footer data, from the system and contact settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteInfo {
    pub name: String,
    pub logo: Option<String>,
    pub icp: String,
    pub copyright: String,
    pub base_url: String,
    pub language: String,
    pub contact: Contact,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub wechat: String,
}

/// Where a navigation entry leads, already resolved to an app route where possible.
#[derive(Clone, Debug, PartialEq)]
pub enum NavTarget {
    Internal(String),
    External(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct NavItem {
    pub title: String,
    pub target: NavTarget,
    pub children: Vec<NavItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FriendLink {
    pub title: String,
    pub url: String,
    pub nofollow: bool,
}

/// One language site of a multi-language AnqiCMS install.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageSite {
    pub site_id: i64,
    pub language: String,
    pub name: String,
    pub is_main: bool,
}

/// Which AnqiCMS build answers. Detected once per site and cached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    /// The documented (commercial) API: server cart, SKUs, coupons, checkout, reviews, wishlist.
    Documented,
    /// The open-source server: the storefront keeps the cart itself and uses favourites.
    OpenSource,
}

/// What the connected backend offers, so features degrade instead of failing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub edition: Edition,
}

impl Capabilities {
    pub fn server_cart(self) -> bool {
        self.edition == Edition::Documented
    }

    pub fn skus(self) -> bool {
        self.edition == Edition::Documented
    }
}

/// The signed-in shopper, as the header shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    pub id: i64,
    pub user_name: String,
    pub display_name: String,
    pub email: String,
    pub avatar: Option<String>,
}
