//! App-wide reactive state provided through context: the site being shown and the session.

use leptos::prelude::*;

use crate::api;
use crate::domain::*;

/// Everything known about the connected site after start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteState {
    pub info: SiteInfo,
    pub capabilities: Capabilities,
    pub languages: Vec<LanguageSite>,
    pub modules: Vec<(i64, ContentKind)>,
}

impl SiteState {
    pub fn kind_of(&self, module_id: i64) -> ContentKind {
        self.modules
            .iter()
            .find(|(id, _)| *id == module_id)
            .map(|(_, kind)| *kind)
            .unwrap_or_else(|| api::wire::default_kind(module_id))
    }

    /// The first module holding products (id 2 in a default install).
    pub fn product_module(&self) -> i64 {
        self.modules
            .iter()
            .find(|(_, k)| *k == ContentKind::Product)
            .map(|(id, _)| *id)
            .unwrap_or(2)
    }

    pub fn article_module(&self) -> i64 {
        self.modules
            .iter()
            .find(|(_, k)| *k == ContentKind::Article)
            .map(|(id, _)| *id)
            .unwrap_or(1)
    }
}

/// The session: who is signed in. Set after sign-in or when a stored token still works;
/// cleared on sign-out and whenever the API answers `1001`.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<User>>,
}

impl Session {
    pub fn signed_in(self) -> bool {
        self.user.with(Option::is_some)
    }
}

thread_local! {
    static SESSION: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// Registers the session so the API client can report an expired token.
pub fn install_session(session: Session) {
    SESSION.with(|s| s.set(Some(session)));
}

/// Called by the API client on `code: 1001`: the header stops showing a user.
pub fn notify_signed_out() {
    if let Some(session) = SESSION.with(std::cell::Cell::get) {
        if session.user.try_get_untracked().flatten().is_some() {
            session.user.set(None);
        }
    }
}

/// Runtime configuration for views (currency symbol and the like).
pub fn use_config() -> api::ApiConfig {
    api::api_config()
}
