//! Start-up probe and the setup screen. A site owner who deployed `dist/` against a wrong
//! address, a closed API or a missing proxy sees what is wrong and how to fix it, instead of
//! a blank shop. `/setup` shows the same diagnosis on demand.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::page_meta::PageMeta;
use crate::domain::{Edition, Locale};
use crate::i18n::use_i18n;
use crate::state::SiteState;

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
    fn classify(error: ApiError) -> StartupProblem {
        match error {
            ApiError::Network(detail) => StartupProblem::Unreachable(detail),
            ApiError::Timeout => StartupProblem::Unreachable("timeout".into()),
            ApiError::Refused { message, .. } => StartupProblem::ApiClosed(message),
            ApiError::NotJson | ApiError::Http { status: 404 } => StartupProblem::NotAnApi,
            other => StartupProblem::Other(other),
        }
    }

    /// Translation keys of the problem and its fix.
    fn keys(&self) -> (&'static str, &'static str) {
        match self {
            StartupProblem::Unreachable(_) => ("setup.unreachable", "setup.unreachable_fix"),
            StartupProblem::ApiClosed(_) => ("setup.closed", "setup.closed_fix"),
            StartupProblem::NotAnApi => ("setup.not_api", "setup.not_api_fix"),
            StartupProblem::Other(_) => ("setup.other", "setup.other_fix"),
        }
    }

    fn server_message(&self) -> Option<String> {
        match self {
            StartupProblem::Unreachable(detail) => Some(detail.clone()).filter(|d| !d.is_empty()),
            StartupProblem::ApiClosed(message) => message.clone(),
            StartupProblem::NotAnApi => None,
            StartupProblem::Other(error) => Some(error.to_string()),
        }
    }
}

/// Connects to the site for `locale`: languages pick the AnqiCMS site, the system settings
/// prove the API is open, then modules and the edition are read.
pub async fn probe_site(locale: Locale) -> Result<SiteState, StartupProblem> {
    let languages = api::site::languages()
        .await
        .map_err(StartupProblem::classify)?;
    let configured = api::api_config().site_id;
    let site_id = languages
        .iter()
        .find(|site| Locale::from_tag(&site.language) == locale)
        .map(|site| site.site_id)
        .or(configured);
    api::set_site_id(site_id);
    // Concurrent, because every round trip here delays the first paint of real content.
    let (info, modules, capabilities) = futures::join!(
        api::site::site_info(),
        api::site::module_kinds(),
        api::capabilities::detect()
    );
    let info = info.map_err(StartupProblem::classify)?;
    // Modules only refine layouts; default ids (1 article, 2 product) work without them.
    let modules = modules.unwrap_or_default();
    Ok(SiteState {
        info,
        capabilities,
        languages,
        modules,
    })
}

/// Shown instead of the shop when the probe fails.
#[component]
pub fn SetupScreen(problem: StartupProblem, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (problem_key, fix_key) = problem.keys();
    let server_message = problem.server_message();
    view! {
        <main class="page setup" id="main">
            <h1 class="page-title">{move || i18n.t("setup.title")}</h1>
            <p class="page-lead">{move || i18n.t("setup.intro")}</p>
            <ConfigFacts />
            <section class="notice notice--error" role="alert">
                <h2 class="notice__title">{move || i18n.t("setup.problem")}": "{move || i18n.t(problem_key)}</h2>
                {server_message.map(|m| view! {
                    <p class="notice__detail">{move || i18n.t("setup.server_message")}": "<code>{m.clone()}</code></p>
                })}
                <h2 class="notice__title">{move || i18n.t("setup.fix")}</h2>
                <p>{move || i18n.t(fix_key)}</p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    {move || i18n.t("setup.reload")}
                </button>
            </section>
        </main>
    }
}

/// The configuration in effect, and any problem reading config.json.
#[component]
fn ConfigFacts() -> impl IntoView {
    let i18n = use_i18n();
    let config = api::api_config();
    let api_root = config.api_root();
    let site_id = api::client::site_id()
        .map(|id| id.to_string())
        .unwrap_or_else(|| "—".into());
    let config_problem = crate::config::load_problem();
    view! {
        <dl class="facts">
            <div><dt>{move || i18n.t("setup.api_url")}</dt><dd><code>{api_root}</code></dd></div>
            <div><dt>{move || i18n.t("setup.site_id")}</dt><dd><code>{site_id}</code></dd></div>
            {config_problem.map(|p| view! { <div><dt>"config.json"</dt><dd><code>{p}</code></dd></div> })}
        </dl>
    }
}

/// `/setup`: the diagnosis while the shop works, for site owners checking a deployment.
#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let site = crate::use_site();
    let edition_key = match site.capabilities.edition {
        Edition::Documented => "setup.edition_documented",
        Edition::OpenSource => "setup.edition_open_source",
    };
    let title = Signal::derive(move || i18n.t("setup.title"));
    view! {
        <PageMeta title />
        <section class="setup">
            <h1 class="page-title">{move || title.get()}</h1>
            <p class="notice notice--success" role="status">{move || i18n.t("setup.healthy")}</p>
            <ConfigFacts />
            <dl class="facts">
                <div><dt>{move || i18n.t("setup.edition")}</dt><dd data-edition=format!("{:?}", site.capabilities.edition)>{move || i18n.t(edition_key)}</dd></div>
            </dl>
        </section>
    }
}
