//! The one HTTP client: base URL and site from the runtime config, the `token` header,
//! `Update-Token` renewal, a timeout, and cancellation when the calling view goes away.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::envelope::{decode, Reply};
use super::ApiError;
use crate::domain::listing::encode_query_component;
use crate::storage;

/// The runtime configuration a site owner edits in `config.json` next to `index.html`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ApiConfig {
    /// Origin (and path) of AnqiCMS, without the trailing `/api`. Empty means same origin.
    pub api_base: String,
    /// The AnqiCMS site to read, when not the one the host selects.
    pub site_id: Option<i64>,
    /// The language used before a shopper picks one.
    pub default_language: String,
    pub currency_symbol: String,
    pub request_timeout_ms: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            api_base: String::new(),
            site_id: None,
            default_language: "zh-CN".into(),
            currency_symbol: "¥".into(),
            request_timeout_ms: 10_000,
        }
    }
}

impl ApiConfig {
    /// The API root, e.g. `https://shop.example/api` or `/api`.
    pub fn api_root(&self) -> String {
        format!("{}/api", self.api_base.trim_end_matches('/'))
    }
}

thread_local! {
    // wasm is single-threaded; the client state is set once at start and on language change.
    static CONFIG: RefCell<ApiConfig> = RefCell::new(ApiConfig::default());
    static SITE_ID: Cell<Option<i64>> = const { Cell::new(None) };
}

const TOKEN_KEY: &str = "storefront.token";

/// Installs the runtime config. Called once before the app mounts.
pub fn configure(config: ApiConfig) {
    SITE_ID.with(|site| site.set(config.site_id));
    CONFIG.with(|c| *c.borrow_mut() = config);
}

pub fn api_config() -> ApiConfig {
    CONFIG.with(|c| c.borrow().clone())
}

/// Selects the AnqiCMS site (language) every following request reads.
pub fn set_site_id(site_id: Option<i64>) {
    SITE_ID.with(|site| site.set(site_id));
}

pub fn site_id() -> Option<i64> {
    SITE_ID.with(Cell::get)
}

pub fn token() -> Option<String> {
    storage::get_string(TOKEN_KEY).filter(|t| !t.is_empty())
}

pub fn store_token(token: &str) {
    storage::set_string(TOKEN_KEY, token);
}

pub fn clear_token() {
    storage::remove(TOKEN_KEY);
}

/// Builds `…/api/<path>?<params>&site_id=…`.
pub fn url(path: &str, params: &[(&str, String)]) -> String {
    let mut url = format!(
        "{}/{}",
        api_config().api_root(),
        path.trim_start_matches('/')
    );
    let mut pairs: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", k, encode_query_component(v)))
        .collect();
    if let Some(site) = site_id() {
        pairs.push(format!("site_id={site}"));
    }
    if !pairs.is_empty() {
        url.push('?');
        url.push_str(&pairs.join("&"));
    }
    url
}

/// `GET` a JSON envelope.
pub async fn get<T: DeserializeOwned>(
    path: &str,
    params: &[(&str, String)],
) -> Result<Reply<T>, ApiError> {
    let raw = send(Request::get(&url(path, params)), None).await?;
    finish(raw)
}

/// `POST` a JSON body and read the envelope.
pub async fn post<T: DeserializeOwned, B: Serialize>(
    path: &str,
    body: &B,
) -> Result<Reply<T>, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let raw = send(Request::post(&url(path, &[])), Some(json)).await?;
    finish(raw)
}

/// `GET` a path outside `/api` (AnqiCMS's `/logout`).
pub async fn get_site_path<T: DeserializeOwned>(path: &str) -> Result<Reply<T>, ApiError> {
    let base = api_config().api_base;
    let url = format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    let raw = send(Request::get(&url), None).await?;
    finish(raw)
}

/// What came back, before decoding.
pub struct RawReply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

fn finish<T: DeserializeOwned>(raw: RawReply) -> Result<Reply<T>, ApiError> {
    let result = decode(raw.status, &raw.content_type, &raw.body);
    if matches!(result, Err(ApiError::Unauthorized)) {
        // The token is missing, expired or from another site: forget it so the next request
        // is anonymous and the header stops claiming a session.
        clear_token();
        crate::state::notify_signed_out();
    }
    result
}

/// The transport. Kept non-generic so each typed call adds only its decoding to the wasm.
async fn send(builder: RequestBuilder, json_body: Option<String>) -> Result<RawReply, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = Rc::new(Cell::new(false));

    // Abort when the view that asked goes away (fast navigation), as hackernews' api.rs does.
    let on_leave = SendWrapper::new(controller.clone());
    on_cleanup(move || {
        if let Some(controller) = on_leave.take() {
            controller.abort();
        }
    });
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        gloo_timers::callback::Timeout::new(api_config().request_timeout_ms, move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };

    let mut builder = builder
        .abort_signal(signal.as_ref())
        .header("Accept", "application/json");
    if let Some(token) = token() {
        builder = builder.header("token", &token);
    }
    let request = match json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;

    let outcome = async {
        let response = request.send().await?;
        let body = response.text().await?;
        Ok::<_, gloo_net::Error>((response, body))
    }
    .await;
    drop(timer);
    let (response, body) = match outcome {
        Ok(pair) => pair,
        Err(_) if timed_out.get() => return Err(ApiError::Timeout),
        Err(_) if signal.as_ref().is_some_and(|s| s.aborted()) => return Err(ApiError::Aborted),
        Err(err) => return Err(ApiError::Network(err.to_string())),
    };
    if let Some(renewed) = response.headers().get("Update-Token") {
        // AnqiCMS renews a token that expires within the hour; keep the fresh one.
        if !renewed.is_empty() {
            store_token(&renewed);
        }
    }
    Ok(RawReply {
        status: response.status(),
        content_type: response.headers().get("content-type").unwrap_or_default(),
        body,
    })
}
