//! The one HTTP client: base URL and site from the runtime config, the `token` header (one
//! token per AnqiCMS site), `Update-Token` renewal, the guest `cart` token, and a timeout.
//!
//! Reads (`get`) may be cancelled when the view that asked goes away; writes (`post`) are
//! never cancelled and never retried here: an order must be placed exactly once, so only the
//! shopper decides to try again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::envelope::{decode, Reply};
use super::ApiError;
use crate::config::ApiConfig;
use crate::domain::routes::encode_component;
use crate::storage;

thread_local! {
    // wasm is single-threaded; the client state is set once at start and on language change.
    static CONFIG: RefCell<ApiConfig> = RefCell::new(ApiConfig::default());
    static SITE_ID: Cell<Option<i64>> = const { Cell::new(None) };
    static ON_UNAUTHORIZED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

const TOKEN_KEY: &str = "storefront.token";
const CART_TOKEN_KEY: &str = "storefront.cart";

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

/// Where the token of one AnqiCMS site is kept. AnqiCMS signs tokens per site and each
/// language is its own site, so a token is only ever sent to the site that issued it.
fn token_key(site_id: Option<i64>) -> String {
    format!("{TOKEN_KEY}:{}", site_id.unwrap_or(0))
}

/// The token for the current site.
pub fn token() -> Option<String> {
    token_for(site_id())
}

pub fn token_for(site: Option<i64>) -> Option<String> {
    storage::get_string(&token_key(site)).filter(|t| !t.is_empty())
}

pub fn store_token(token: &str) {
    store_token_for(site_id(), token);
}

pub fn store_token_for(site: Option<i64>, token: &str) {
    storage::set_string(&token_key(site), token);
}

/// Forgets the current site's token (it expired or was refused).
pub fn clear_token() {
    storage::remove(&token_key(site_id()));
}

/// Forgets every site's token: the shopper signed out.
pub fn clear_all_tokens(sites: &[i64]) {
    storage::remove(&token_key(None));
    for site in sites {
        storage::remove(&token_key(Some(*site)));
    }
}

/// The guest cart's identifier (`cart`), kept so a guest's server cart survives a reload.
pub fn cart_token() -> Option<String> {
    storage::get_string(CART_TOKEN_KEY).filter(|t| !t.is_empty())
}

pub fn store_cart_token(token: &str) {
    storage::set_string(CART_TOKEN_KEY, token);
}

pub fn clear_cart_token() {
    storage::remove(CART_TOKEN_KEY);
}

/// Whether the API is on this page's origin. AnqiCMS's CORS rules do not allow a `cart`
/// header, so cross-origin the guest cart rides on AnqiCMS's own `cart` cookie instead.
fn same_origin_api() -> bool {
    let base = api_config().api_base;
    if base.is_empty() || base.starts_with('/') {
        return true;
    }
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    !origin.is_empty() && base.starts_with(&origin)
}

/// Registers what happens when the server answers `1001` (signed out). The app installs a
/// handler that updates the session, so this layer needs no knowledge of views or state.
pub fn on_unauthorized(handler: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = Some(Rc::new(handler)));
}

/// Builds `…/api/<path>?<params>&site_id=…` for the current site.
pub fn url(path: &str, params: &[(&str, String)]) -> String {
    url_for(site_id(), path, params)
}

fn url_for(site: Option<i64>, path: &str, params: &[(&str, String)]) -> String {
    let mut url = format!(
        "{}/{}",
        api_config().api_root(),
        path.trim_start_matches('/')
    );
    let mut pairs: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", k, encode_component(v)))
        .collect();
    if let Some(site) = site {
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
    let raw = send_get(url(path, params), Cancel::WithView).await?;
    finish(raw)
}

/// `GET` for the query cache: the cache shares one request between every view that shows
/// the data, so no single view's cleanup may cancel it.
pub async fn get_shared<T: DeserializeOwned>(
    path: &str,
    params: &[(&str, String)],
) -> Result<Reply<T>, ApiError> {
    let raw = send_get(url(path, params), Cancel::Never).await?;
    finish(raw)
}

/// `GET` a route that holds the request open (AnqiCMS's `payment/check` polls for up to
/// 20 s): its own, longer timeout, and cancelled with the view that waits for it.
pub async fn get_long_poll<T: DeserializeOwned>(
    path: &str,
    params: &[(&str, String)],
    timeout_ms: u32,
) -> Result<Reply<T>, ApiError> {
    let site = site_id();
    let request = Request::get(&url(path, params));
    let raw = send_as(request, None, Cancel::WithView, token_for(site), timeout_ms).await?;
    finish(raw)
}

/// `POST` a JSON body and read the envelope. Never cancelled and never retried.
pub async fn post<T: DeserializeOwned, B: Serialize>(
    path: &str,
    body: &B,
) -> Result<Reply<T>, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let raw = send(
        Request::post(&url(path, &[])),
        Some(Body::Json(json)),
        Cancel::Never,
    )
    .await?;
    finish(raw)
}

/// `POST` to another language site than the current one (signing in on every site at once).
/// Never cancelled and never retried.
pub async fn post_to_site<T: DeserializeOwned, B: Serialize>(
    site: i64,
    path: &str,
    body: &B,
) -> Result<Reply<T>, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let request = Request::post(&url_for(Some(site), path, &[]));
    let timeout_ms = api_config().request_timeout_ms;
    let raw = send_as(
        request,
        Some(Body::Json(json)),
        Cancel::Never,
        token_for(Some(site)),
        timeout_ms,
    )
    .await?;
    // This site's refusal says nothing about the current site's session.
    decode(raw.status, &raw.content_type, &raw.body)
}

/// `GET` a path outside `/api` (AnqiCMS's `/logout`).
pub async fn get_site_path<T: DeserializeOwned>(path: &str) -> Result<Reply<T>, ApiError> {
    let base = api_config().api_base;
    let url = format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    // `/logout` changes the session: never cancelled.
    let raw = send(Request::get(&url), None, Cancel::Never).await?;
    finish(raw)
}

/// `POST` a multipart form to a path outside `/api` (AnqiCMS's form endpoints such as
/// `/guestbook.html`), asking for a JSON answer (`return=json`). The browser writes the
/// multipart body (a repeated field stays repeated; a file goes as a file). Never cancelled
/// and never retried.
pub async fn post_site_form<T: DeserializeOwned>(
    path: &str,
    form: web_sys::FormData,
) -> Result<Reply<T>, ApiError> {
    let base = api_config().api_base;
    let mut url = format!(
        "{}/{}?return=json",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    if let Some(site) = site_id() {
        url.push_str(&format!("&site_id={site}"));
    }
    let timeout_ms = api_config().request_timeout_ms;
    let raw = send_as(
        Request::post(&url),
        Some(Body::Form(form)),
        Cancel::Never,
        token_for(site_id()),
        timeout_ms,
    )
    .await?;
    finish(raw)
}

/// A request body: JSON text, or a form the browser encodes as multipart.
enum Body {
    Json(String),
    Form(web_sys::FormData),
}

/// What came back, before decoding.
pub struct RawReply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    /// A fresh token from `Update-Token`, for the site the request went to.
    pub renewed_token: Option<String>,
}

pub(super) fn finish<T: DeserializeOwned>(raw: RawReply) -> Result<Reply<T>, ApiError> {
    let result = decode(raw.status, &raw.content_type, &raw.body);
    if matches!(result, Err(ApiError::Unauthorized)) {
        // The token is missing, expired or from another site: forget it so the next request
        // is anonymous, and let the app update the session.
        clear_token();
        if let Some(handler) = ON_UNAUTHORIZED.with(|h| h.borrow().clone()) {
            handler();
        }
    }
    result
}

/// Whether a request may be cancelled when the calling view goes away.
#[derive(Clone, Copy, PartialEq)]
enum Cancel {
    /// A read for one view: cancelling it on fast navigation saves bandwidth.
    WithView,
    /// A write, or a read shared through the cache: it runs to its end.
    Never,
}

/// The `cart` header a request carries, if any.
fn cart_header() -> Option<String> {
    cart_token().filter(|_| same_origin_api())
}

/// A read: the answer early.js started for this very URL and these headers if there is one
/// (taken once), else a request of its own.
async fn send_get(url: String, cancel: Cancel) -> Result<RawReply, ApiError> {
    let site = site_id();
    let early = super::early::take(&url, token_for(site).as_deref(), cart_header().as_deref());
    let Some(early) = early else {
        return send(Request::get(&url), None, cancel).await;
    };
    let raw = super::early::answer(early).await?;
    if let Some(renewed) = raw.renewed_token.as_deref() {
        store_token_for(site, renewed);
    }
    Ok(raw)
}

/// The transport. Kept non-generic so each typed call adds only its decoding to the wasm.
async fn send(
    builder: RequestBuilder,
    json_body: Option<Body>,
    cancel: Cancel,
) -> Result<RawReply, ApiError> {
    let site = site_id();
    let timeout_ms = api_config().request_timeout_ms;
    let raw = send_as(builder, json_body, cancel, token_for(site), timeout_ms).await?;
    if let Some(renewed) = raw.renewed_token.as_deref() {
        // AnqiCMS renews a token that expires within the hour; keep the fresh one.
        store_token_for(site, renewed);
    }
    Ok(raw)
}

async fn send_as(
    builder: RequestBuilder,
    json_body: Option<Body>,
    cancel: Cancel,
    token: Option<String>,
    timeout_ms: u32,
) -> Result<RawReply, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = Rc::new(Cell::new(false));

    if cancel == Cancel::WithView {
        // Abort when the view that asked goes away (fast navigation), as hackernews' api.rs
        // does.
        let on_leave = SendWrapper::new(controller.clone());
        on_cleanup(move || {
            if let Some(controller) = on_leave.take() {
                controller.abort();
            }
        });
    }
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };

    let mut builder = builder
        .abort_signal(signal.as_ref())
        .header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("token", &token);
    }
    if let Some(cart) = cart_header() {
        builder = builder.header("cart", &cart);
    }
    let request = match json_body {
        Some(Body::Json(body)) => builder
            .header("Content-Type", "application/json")
            .body(body),
        // No Content-Type: the browser sets multipart with its boundary.
        Some(Body::Form(form)) => builder.body(form),
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
    Ok(RawReply {
        status: response.status(),
        content_type: response.headers().get("content-type").unwrap_or_default(),
        body,
        renewed_token: response
            .headers()
            .get("Update-Token")
            .filter(|t| !t.is_empty()),
    })
}
