//! Connecting to the site at start-up (and on a language switch): which AnqiCMS site serves
//! the language, whether its API is open, its modules and its features. A failure becomes a
//! [`StartupProblem`] that the setup screen explains to the site owner.

use std::cell::Cell;

use super::{capabilities, client, site, ApiError};
use crate::domain::links::safe_href;
use crate::domain::LanguageSite;
use crate::domain::{reached_site, site_for_locale, Locale, SiteState};

thread_local! {
    // The site a connection assumed and the language it was for, until the language list
    // has confirmed it ([`name_assumed_site`]).
    static ASSUMED: Cell<Option<(Option<i64>, Locale)>> = const { Cell::new(None) };
}

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

/// Connects to the site for `locale`. Only the system settings are awaited: they prove the
/// API is open and name the shop. Which site serves the language comes from the language
/// list, but a signed-out shopper in the site owner's default language is almost always on
/// the site that answers without `site_id`, so the shop reads that one at once and checks
/// the list after the first paint ([`confirm_site`]); every round trip here delays the
/// first paint of real content. Modules are read when a read needs them.
pub async fn connect(locale: Locale) -> Result<SiteState, StartupProblem> {
    let config = client::api_config();
    let configured = config.site_id;
    let (site_id, site_confirmed) = match site::known_languages() {
        Some(languages) => (site_for_locale(&languages, locale, configured), true),
        None if may_assume_site(locale, &config.default_language) => (configured, false),
        None => {
            let languages = site::language_sites()
                .await
                .map_err(StartupProblem::classify)?;
            (site_for_locale(&languages, locale, configured), true)
        }
    };
    client::set_site_id(site_id);
    ASSUMED.with(|a| a.set((!site_confirmed).then_some((site_id, locale))));
    site::begin_connection();
    let info = site::site_info().await.map_err(StartupProblem::classify)?;
    site::remember_origins(own_origins(&info.base_url));
    Ok(SiteState {
        info,
        // Only what is known without a request: the probe runs where an answer is needed.
        capabilities: capabilities::known(),
        site_id,
        site_confirmed,
    })
}

/// Whether the site can be assumed before the language list answers: nobody is signed in
/// (tokens are kept per site, so a signed-in shopper's site must be known to restore the
/// session) and the shopper reads the site owner's default language.
fn may_assume_site(locale: Locale, default_language: &str) -> bool {
    !client::any_token_stored() && Locale::from_tag(default_language) == locale
}

/// What the language list says about a connection made on an assumed site.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SiteCheck {
    /// The reads reached the right site (now named by its id, so a token is kept under it).
    Right,
    /// Another site serves the language: connect again, to it.
    Wrong,
    /// The list could not be read: the shop stays on the site it assumed.
    Unknown,
}

/// Reads the language list (after the first paint) and says whether an assumed site was
/// the right one.
pub async fn confirm_site(state: &SiteState, locale: Locale) -> SiteCheck {
    let Ok(languages) = site::language_sites().await else {
        return SiteCheck::Unknown;
    };
    if state.site_confirmed {
        return SiteCheck::Right;
    }
    let wanted = site_for_locale(&languages, locale, client::api_config().site_id);
    if reached_site(state.site_id, wanted, &languages) {
        SiteCheck::Right
    } else {
        SiteCheck::Wrong
    }
}

/// Names an assumed site by its id as soon as the language list has confirmed it (called
/// when the list arrives, before anyone awaiting it resumes): a token stored from then on
/// is kept under the id, as when the list came first, so a sign-in right after the paint
/// survives the next visit, which reads the list first.
pub(super) fn name_assumed_site(languages: &[LanguageSite]) {
    let Some((assumed, locale)) = ASSUMED.with(Cell::get) else {
        return;
    };
    let wanted = site_for_locale(languages, locale, client::api_config().site_id);
    if reached_site(assumed, wanted, languages) {
        ASSUMED.with(|a| a.set(None));
        if assumed != wanted {
            client::name_site(wanted);
        }
    }
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
