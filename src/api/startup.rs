//! Connecting to the site at start-up (and on a language switch): which AnqiCMS site serves
//! the language, whether its API is open, its modules and its features. A failure becomes a
//! [`StartupProblem`] that the setup screen explains to the site owner.

use super::{capabilities, client, site, ApiError};
use crate::domain::links::safe_href;
use crate::domain::{Locale, ModuleKinds, SiteState};

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

/// Connects to the site for `locale`: languages pick the AnqiCMS site, the system settings
/// prove the API is open, then modules and features are read (concurrently, because every
/// round trip here delays the first paint of real content).
pub async fn connect(locale: Locale) -> Result<SiteState, StartupProblem> {
    let languages = site::languages().await.map_err(StartupProblem::classify)?;
    let configured = client::api_config().site_id;
    let site_id = languages
        .iter()
        .find(|site| Locale::from_tag(&site.language) == locale)
        .map(|site| site.site_id)
        .or(configured);
    client::set_site_id(site_id);
    let (info, modules) = futures::join!(site::site_info(), site::modules_list());
    // Only what is known without a request: the probe runs where an answer is needed.
    let capabilities = capabilities::known();
    let info = info.map_err(StartupProblem::classify)?;
    // Modules only refine layouts; default ids (1 article, 2 product) work without them.
    let modules = modules.unwrap_or_default();
    let kinds = ModuleKinds::new(modules.iter().map(|(id, kind, _)| (*id, *kind)).collect());
    site::remember_modules(kinds.clone());
    site::remember_own_site(site::OwnSite {
        origins: own_origins(&info.base_url),
        language_dirs: languages
            .iter()
            .flat_map(|l| {
                let tag = l.language.to_ascii_lowercase();
                let short = tag.split(['-', '_']).next().unwrap_or("").to_string();
                [tag, short]
            })
            .filter(|dir| !dir.is_empty())
            .collect(),
        modules: modules
            .into_iter()
            .filter(|(_, _, token)| !token.is_empty())
            .map(|(_, kind, token)| (token, kind))
            .collect(),
    });
    let modules = kinds;
    Ok(SiteState {
        info,
        capabilities,
        languages,
        modules,
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
