//! Connecting to the site at start-up (and on a language switch): which AnqiCMS site serves
//! the language, whether its API is open, its modules and its features. A failure becomes a
//! [`StartupProblem`] that the setup screen explains to the site owner.

use super::{capabilities, client, site, ApiError};
use crate::domain::links::safe_href;
use crate::domain::{site_for_locale, Locale, SiteState};

/// Why the shop cannot start, with the server's words when there are any.
#[derive(Clone, Debug, PartialEq)]
pub enum StartupProblem {
    /// No answer at all (wrong host, CORS, offline, timeout).
    Unreachable(String),
    /// `code: -1` from a content route: the admin has not enabled the API.
    ApiClosed(Option<String>),
    /// An HTML page or a 404 where the API should be.
    NotAnApi,
    /// Anything else the server said.
    Other(ApiError),
}

impl StartupProblem {
    pub fn classify(error: ApiError) -> StartupProblem {
        match error {
            ApiError::Network(detail) => StartupProblem::Unreachable(detail),
            ApiError::Timeout => StartupProblem::Unreachable("timeout".into()),
            ApiError::Refused { message, .. } => StartupProblem::ApiClosed(message),
            ApiError::NotJson | ApiError::Http { status: 404 } => StartupProblem::NotAnApi,
            other => StartupProblem::Other(other),
        }
    }

    /// Translation keys of the problem and its fix.
    pub fn keys(&self) -> (&'static str, &'static str) {
        match self {
            StartupProblem::Unreachable(_) => ("setup.unreachable", "setup.unreachable_fix"),
            StartupProblem::ApiClosed(_) => ("setup.closed", "setup.closed_fix"),
            StartupProblem::NotAnApi => ("setup.not_api", "setup.not_api_fix"),
            StartupProblem::Other(_) => ("setup.other", "setup.other_fix"),
        }
    }

    pub fn server_message(&self) -> Option<String> {
        match self {
            StartupProblem::Unreachable(detail) => Some(detail.clone()).filter(|d| !d.is_empty()),
            StartupProblem::ApiClosed(message) => message.clone(),
            StartupProblem::NotAnApi => None,
            StartupProblem::Other(error) => Some(error.to_string()),
        }
    }
}

/// Connects to the site for `locale`: the language list picks the AnqiCMS site (read once
/// per page load), then the system settings prove the API is open and name the shop. The
/// module table is read when a read needs it, not here: every round trip here delays the
/// first paint of real content (early.js starts all of them at once).
pub async fn connect(locale: Locale) -> Result<SiteState, StartupProblem> {
    let languages = site::language_sites()
        .await
        .map_err(StartupProblem::classify)?;
    let site_id = site_for_locale(&languages, locale, client::api_config().site_id);
    client::set_site_id(site_id);
    site::begin_connection();
    let info = site::site_info().await.map_err(StartupProblem::classify)?;
    site::remember_origins(own_origins(&info.base_url));
    Ok(SiteState {
        info,
        // Only what is known without a request: the probe runs where an answer is needed.
        capabilities: capabilities::known(),
    })
}

/// The origins AnqiCMS writes into its links: its BaseUrl, the API's origin and this page's.
fn own_origins(base_url: &str) -> Vec<String> {
    let page = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let api = client::api_config().api_base;
    [base_url.to_string(), api, page]
        .into_iter()
        .filter(|o| o.starts_with("http://") || o.starts_with("https://"))
        .filter_map(|o| safe_href(o.trim_end_matches('/')))
        .collect()
}
