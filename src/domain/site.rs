//! Site-wide data: settings, navigation, languages, and what the backend can do.

/// The shop's identity, from the system settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteInfo {
    pub name: String,
    pub logo: Option<String>,
    pub icp: String,
    pub copyright: String,
    pub base_url: String,
    pub language: String,
}

/// The footer's contact block, from the contact settings (read after the page painted).
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

/// The site that serves `locale`: its language site, else the configured one (also when
/// multi-language is off and the list is empty).
pub fn site_for_locale(
    languages: &[LanguageSite],
    locale: super::Locale,
    configured: Option<i64>,
) -> Option<i64> {
    languages
        .iter()
        .find(|site| super::Locale::from_tag(&site.language) == locale)
        .map(|site| site.site_id)
        .or(configured)
}

/// Something the connected backend may or may not offer. Pages ask "can I use X" through
/// [`Capabilities::has`], never "which edition is this".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// `/api/cart/*` with a guest `cart` token; without it the cart lives in the browser.
    ServerCart,
    /// `/api/archive/sku`: option groups and SKUs with their own price and stock.
    Skus,
    /// `/api/coupon/*`.
    Coupons,
    /// `/api/order/checkout`: the server prices the order before it is placed.
    CheckoutPreview,
    /// Product reviews.
    Reviews,
    /// The documented edition's wishlist (the open-source build has favourites instead).
    Wishlist,
}

impl Feature {
    pub const ALL: [Feature; 6] = [
        Feature::ServerCart,
        Feature::Skus,
        Feature::Coupons,
        Feature::CheckoutPreview,
        Feature::Reviews,
        Feature::Wishlist,
    ];

    /// The name a site owner writes in `config.json`'s `features` list.
    pub fn key(self) -> &'static str {
        match self {
            Feature::ServerCart => "server_cart",
            Feature::Skus => "skus",
            Feature::Coupons => "coupons",
            Feature::CheckoutPreview => "checkout_preview",
            Feature::Reviews => "reviews",
            Feature::Wishlist => "wishlist",
        }
    }

    pub fn from_key(key: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.key() == key.trim())
    }
}

/// The set of features the backend offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Capabilities {
    bits: u8,
}

impl Capabilities {
    /// The open-source AnqiCMS: none of the optional features.
    pub const NONE: Capabilities = Capabilities { bits: 0 };

    /// The documented (commercial) AnqiCMS API: every optional feature.
    pub fn documented() -> Capabilities {
        Capabilities::of(Feature::ALL)
    }

    pub fn of(features: impl IntoIterator<Item = Feature>) -> Capabilities {
        let bits = features
            .into_iter()
            .fold(0u8, |bits, feature| bits | (1 << feature as u8));
        Capabilities { bits }
    }

    pub fn has(self, feature: Feature) -> bool {
        self.bits & (1 << feature as u8) != 0
    }

    pub fn features(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// A compact form for caching: the feature keys joined by commas.
    pub fn to_keys(self) -> String {
        self.features()
            .map(Feature::key)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads [`Capabilities::to_keys`] back; unknown keys are ignored.
    pub fn from_keys(keys: &str) -> Capabilities {
        Capabilities::of(keys.split(',').filter_map(Feature::from_key))
    }
}

/// What the shop knows of the connected site when it starts: its identity and the backend's
/// features. The language sites and the module table live in `api::site` (the table is read
/// when a read needs it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteState {
    pub info: SiteInfo,
    /// The backend's features if known without asking (declared or detected recently);
    /// `None` until something that needs them has run the detection.
    pub capabilities: Option<Capabilities>,
}

/// Who is using the shop. It starts `Unknown` until the stored token has been checked, so
/// protected routes wait instead of redirecting a signed-in shopper to sign-in.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum SessionState {
    #[default]
    Unknown,
    Anonymous,
    SignedIn(User),
    /// A token is stored, but the server could not be asked about it (an outage, not a
    /// refusal). Not signed out — the token stays — but nobody can be shown as signed in.
    Unverified,
}

impl SessionState {
    /// `None` while unknown: the shape the router's protected routes expect.
    pub fn is_signed_in(&self) -> Option<bool> {
        match self {
            SessionState::Unknown => None,
            SessionState::Anonymous | SessionState::Unverified => Some(false),
            SessionState::SignedIn(_) => Some(true),
        }
    }

    /// Whether a protected route renders (`None`: not yet known). An unverified session
    /// enters, so the page can say the check failed and offer a retry: sending the
    /// shopper to the sign-in form over an outage would ask for a password they need not give.
    pub fn may_enter_protected(&self) -> Option<bool> {
        match self {
            SessionState::Unknown => None,
            SessionState::Anonymous => Some(false),
            SessionState::SignedIn(_) | SessionState::Unverified => Some(true),
        }
    }

    pub fn user(&self) -> Option<&User> {
        match self {
            SessionState::SignedIn(user) => Some(user),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;

    fn language(site_id: i64, tag: &str) -> LanguageSite {
        LanguageSite {
            site_id,
            language: tag.into(),
            name: tag.into(),
            is_main: site_id == 1,
        }
    }

    #[test]
    fn the_locale_picks_its_site_else_the_configured_one() {
        let sites = [language(1, "zh-CN"), language(2, "en")];
        assert_eq!(site_for_locale(&sites, Locale::En, None), Some(2));
        assert_eq!(site_for_locale(&sites, Locale::ZhCn, Some(9)), Some(1));
        assert_eq!(site_for_locale(&[], Locale::En, Some(9)), Some(9));
        assert_eq!(site_for_locale(&[], Locale::En, None), None);
    }

    #[test]
    fn capabilities_are_a_feature_set() {
        assert!(!Capabilities::NONE.has(Feature::ServerCart));
        let documented = Capabilities::documented();
        assert!(Feature::ALL.iter().all(|f| documented.has(*f)));
        let some = Capabilities::of([Feature::Skus, Feature::Coupons]);
        assert!(some.has(Feature::Skus) && some.has(Feature::Coupons));
        assert!(!some.has(Feature::ServerCart));
        assert_eq!(some.to_keys(), "skus,coupons");
        assert_eq!(Capabilities::from_keys("skus, coupons,bogus"), some);
        assert_eq!(Capabilities::from_keys(""), Capabilities::NONE);
    }

    #[test]
    fn the_session_is_unknown_until_restored() {
        assert_eq!(SessionState::default().is_signed_in(), None);
        assert_eq!(SessionState::Anonymous.is_signed_in(), Some(false));
        let user = User {
            id: 1,
            user_name: "demo".into(),
            display_name: "Demo".into(),
            email: String::new(),
            avatar: None,
        };
        let signed_in = SessionState::SignedIn(user.clone());
        assert_eq!(signed_in.is_signed_in(), Some(true));
        assert_eq!(signed_in.user(), Some(&user));
        assert_eq!(signed_in.may_enter_protected(), Some(true));
    }

    #[test]
    fn an_unverified_session_enters_protected_routes_but_shows_nobody() {
        let unverified = SessionState::Unverified;
        assert_eq!(unverified.is_signed_in(), Some(false));
        assert_eq!(unverified.user(), None);
        assert_eq!(unverified.may_enter_protected(), Some(true));
        assert_eq!(SessionState::Anonymous.may_enter_protected(), Some(false));
        assert_eq!(SessionState::Unknown.may_enter_protected(), None);
    }
}
