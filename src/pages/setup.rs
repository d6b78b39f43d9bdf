//! Start-up probe and the setup screen. A site owner who deployed `dist/` against a wrong
//! address, a closed API or a missing proxy sees what is wrong and how to fix it, instead of
//! a blank shop. `/setup` shows the same diagnosis on demand.

use leptos::prelude::*;

pub use crate::api::startup::StartupProblem;

use crate::api;
use crate::api::queries::use_query;
use crate::components::data_view::Loaded;
use crate::components::page_meta::PageMeta;
use crate::domain::{Capabilities, Feature};
use crate::i18n::use_i18n;

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
    let capabilities = use_query(api::capabilities::detect, || ());
    let title = Signal::derive(move || i18n.t("setup.title"));
    view! {
        <PageMeta title />
        <section class="setup">
            <h1 class="page-title">{move || title.get()}</h1>
            <p class="notice notice--success" role="status">{move || i18n.t("setup.healthy")}</p>
            <ConfigFacts />
            <dl class="facts">
                <Loaded
                    query=capabilities
                    fallback=|| view! { <div class="skeleton skeleton--text"></div> }
                    view={move |capabilities: Capabilities| view! { <EditionFacts capabilities /> }.into_any()}
                />
            </dl>
        </section>
    }
}

/// The edition and the features the detection found.
#[component]
fn EditionFacts(capabilities: Capabilities) -> impl IntoView {
    let i18n = use_i18n();
    let documented = Feature::ALL.iter().all(|f| capabilities.has(*f));
    let edition_key = if documented {
        "setup.edition_documented"
    } else if capabilities.features().next().is_none() {
        "setup.edition_open_source"
    } else {
        "setup.edition_mixed"
    };
    let edition_label = if documented {
        "Documented"
    } else {
        "OpenSource"
    };
    let feature_list = capabilities.to_keys();
    let shown = if feature_list.is_empty() {
        "—".to_string()
    } else {
        feature_list.clone()
    };
    view! {
        <div><dt>{move || i18n.t("setup.edition")}</dt><dd data-edition=edition_label>{move || i18n.t(edition_key)}</dd></div>
        <div><dt>{move || i18n.t("setup.features")}</dt><dd data-features=feature_list><code>{shown}</code></dd></div>
    }
}
