//! The runtime configuration: `config.json` beside `index.html`, read once at start so one
//! build serves any AnqiCMS site. A missing or broken file is reported on the setup screen
//! while the defaults (same-origin API) keep the shop working.

use std::cell::RefCell;

use gloo_net::http::Request;
use serde::Deserialize;

use crate::domain::{Capabilities, Feature};

/// What a site owner edits in `config.json` next to `index.html`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
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
    /// `"documented"` or `"open-source"`: names the AnqiCMS edition so the shop skips its
    /// start-up probe. `features` wins when both are given.
    pub edition: Option<String>,
    /// The optional features the server offers (`server_cart`, `skus`, `coupons`,
    /// `checkout_preview`, `reviews`, `wishlist`), for servers between the two editions.
    pub features: Option<Vec<String>>,
    /// The payment methods offered on an order, in this order: `wechat`, `alipay`,
    /// `paypal`, `stripe`, `balance` (what the AnqiCMS payment settings have switched on).
    pub payment_methods: Vec<String>,
    /// `true` when AnqiCMS's order plugin allows ordering without an account
    /// (`no_need_login`): guests then check out with a typed address and pay, and follow
    /// their order at `/order/<number>`.
    pub guest_checkout: bool,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            api_base: String::new(),
            site_id: None,
            default_language: "zh-CN".into(),
            currency_symbol: "¥".into(),
            request_timeout_ms: 10_000,
            edition: None,
            features: None,
            payment_methods: vec!["wechat".into(), "alipay".into(), "balance".into()],
            guest_checkout: false,
        }
    }
}

impl ApiConfig {
    /// The API root, e.g. `https://shop.example/api` or `/api`.
    pub fn api_root(&self) -> String {
        format!("{}/api", self.api_base.trim_end_matches('/'))
    }

    /// The features the site owner declared, if any; `None` means "detect them".
    pub fn declared_capabilities(&self) -> Option<Capabilities> {
        if let Some(features) = &self.features {
            return Some(Capabilities::of(
                features.iter().filter_map(|key| Feature::from_key(key)),
            ));
        }
        match self.edition.as_deref().map(str::trim) {
            Some("documented") => Some(Capabilities::documented()),
            Some("open-source") | Some("opensource") => Some(Capabilities::NONE),
            _ => None,
        }
    }
}

thread_local! {
    static LOAD_PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Fetches and parses `config.json` relative to the document's `<base href>`.
pub async fn load() -> ApiConfig {
    match fetch().await {
        Ok(config) => config,
        Err(problem) => {
            web_sys::console::warn_1(&format!("config.json: {problem}; using defaults").into());
            LOAD_PROBLEM.with(|p| *p.borrow_mut() = Some(problem));
            ApiConfig::default()
        }
    }
}

async fn fetch() -> Result<ApiConfig, String> {
    // early.js read the preloaded file already; fetching it again would cost a request.
    if let Some(text) = early_config_text().await {
        return parse(&text);
    }
    let response = Request::get("config.json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if response.status() != 200 {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    parse(&text)
}

/// The config.json text `public/early.js` read (index.html preloads it), so the app does
/// not fetch it a second time; `None` without early.js or when it could not read the file.
/// The rest of early.js's work is taken by the API client (`api::early`).
async fn early_config_text() -> Option<String> {
    use js_sys::{Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let key = JsValue::from_str("__early");
    let early = Reflect::get(&window, &key).ok().filter(JsValue::is_object);
    let Some(early) = early else {
        // early.js has not run yet: mark the app as started so that, if it runs now, it does
        // not repeat the reads the app is about to make.
        let _ = Reflect::set(&window, &key, &js_sys::Object::new());
        return None;
    };
    let promise: Promise = Reflect::get(&early, &JsValue::from_str("config"))
        .ok()?
        .dyn_into()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// Parses the file; unknown keys are ignored and missing ones take their defaults.
pub fn parse(text: &str) -> Result<ApiConfig, String> {
    if !text.trim_start().starts_with('{') {
        // A host's SPA fallback answers a missing file with index.html.
        return Err("not a JSON file (is it deployed next to index.html?)".into());
    }
    let mut config: ApiConfig = serde_json::from_str(text).map_err(|e| e.to_string())?;
    config.api_base = config.api_base.trim().trim_end_matches('/').to_string();
    if config.api_base.ends_with("/api") {
        // A common slip: the app appends /api itself.
        config.api_base.truncate(config.api_base.len() - 4);
    }
    if config.request_timeout_ms < 1000 {
        config.request_timeout_ms = ApiConfig::default().request_timeout_ms;
    }
    Ok(config)
}

/// Why config.json could not be used, if it could not.
pub fn load_problem() -> Option<String> {
    LOAD_PROBLEM.with(|p| p.borrow().clone())
}

thread_local! {
    static ROUTER_BASE: String = compute_router_base();
}

/// An app-internal href: the route path under the deploy's sub-path ("/shop/product/x").
pub fn link(path: &str) -> String {
    ROUTER_BASE.with(|base| format!("{base}{path}"))
}

/// The route path of a browser pathname: without the deploy's sub-path ("/shop/product/x"
/// gives "/product/x"). The router's `pathname` includes the base, and `navigate` adds it.
pub fn route_path(pathname: &str) -> String {
    ROUTER_BASE.with(|base| strip_base(base, pathname))
}

fn strip_base(base: &str, pathname: &str) -> String {
    match pathname.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(route) if route.starts_with('/') => route.to_string(),
        _ => pathname.to_string(),
    }
}

/// The router base, computed once per page load.
pub fn router_base() -> String {
    ROUTER_BASE.with(Clone::clone)
}

/// The path the app is served from, from `<base href>` (trunk's `--public-url`), without a
/// trailing slash: "" at the root, "/shop" under a sub-path. The router uses it as its base.
fn compute_router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_paths_lose_the_sub_path_only() {
        assert_eq!(strip_base("/shop", "/shop/product/x"), "/product/x");
        assert_eq!(strip_base("/shop", "/shop"), "/");
        assert_eq!(strip_base("/shop", "/shopping/x"), "/shopping/x");
        assert_eq!(strip_base("", "/cart"), "/cart");
    }

    #[test]
    fn parses_with_defaults_and_fixes_common_slips() {
        let Ok(config) = parse(r#"{"api_base":"https://shop.example/api/","site_id":2}"#) else {
            panic!("a valid config must parse");
        };
        assert_eq!(config.api_base, "https://shop.example");
        assert_eq!(config.site_id, Some(2));
        assert_eq!(config.request_timeout_ms, 10_000);
        assert_eq!(config.api_root(), "https://shop.example/api");
        let Ok(config) = parse(r#"{"request_timeout_ms": 5, "extra": true}"#) else {
            panic!("unknown keys must be ignored");
        };
        assert_eq!(config.request_timeout_ms, 10_000);
        assert_eq!(config.api_root(), "/api");
        assert_eq!(config.declared_capabilities(), None);
    }

    #[test]
    fn a_site_owner_can_name_the_edition_or_the_features() {
        let declared = |text: &str| parse(text).ok().and_then(|c| c.declared_capabilities());
        assert_eq!(
            declared(r#"{"edition":"open-source"}"#),
            Some(Capabilities::NONE)
        );
        assert_eq!(
            declared(r#"{"edition":"documented"}"#),
            Some(Capabilities::documented())
        );
        assert_eq!(
            declared(r#"{"edition":"documented","features":["skus","nonsense"]}"#),
            Some(Capabilities::of([Feature::Skus]))
        );
        assert_eq!(declared(r#"{"edition":"something else"}"#), None);
    }

    #[test]
    fn rejects_html_and_broken_json() {
        assert!(parse("<!doctype html><html>").is_err());
        assert!(parse("{\"api_base\": ").is_err());
        assert!(parse("").is_err());
    }
}
