//! Injected failures for end-to-end tests (`--test-controls` only).
//!
//! A fault is keyed by the exact request path and stays until `/__test/reset`; every
//! request to that path then fails in the chosen way, which lets the storefront's error
//! handling be tested against what real AnqiCMS deployments produce.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::{reply, AppState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum FaultKind {
    /// HTTP 500 with the HTML error page (a Go panic caught by Recover).
    #[serde(rename = "html500")]
    Html500,
    /// The Limiter plugin: HTTP 429, text/plain.
    #[serde(rename = "text429")]
    Text429,
    /// A slow server: sleep `delay_ms`, then answer normally (a `POST` does its work first
    /// and only answers late).
    #[serde(rename = "timeout")]
    Timeout,
    /// HTTP 200 application/json with a truncated body.
    #[serde(rename = "malformed")]
    Malformed,
    #[serde(rename = "code-1")]
    CodeMinus1,
    #[serde(rename = "code1001")]
    Code1001,
    #[serde(rename = "null-data")]
    NullData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Fault {
    pub path: String,
    pub kind: FaultKind,
    #[serde(default)]
    pub delay_ms: Option<u64>,
}

pub const DEFAULT_DELAY_MS: u64 = 20_000;

#[derive(Default)]
pub struct Faults(Mutex<HashMap<String, Fault>>);

impl Faults {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Fault>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set(&self, fault: Fault) {
        self.lock().insert(fault.path.clone(), fault);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn get(&self, path: &str) -> Option<Fault> {
        self.lock().get(path).cloned()
    }
}

/// Applies a registered fault before routing. The control paths themselves are exempt so
/// a test can always reset.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/__test/") {
        return next.run(req).await;
    }
    let Some(fault) = state.faults().get(path) else {
        return next.run(req).await;
    };
    match fault.kind {
        FaultKind::Html500 => reply::error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "runtime error: invalid memory address or nil pointer dereference",
        ),
        FaultKind::Text429 => (
            StatusCode::TOO_MANY_REQUESTS,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            "Too many requests from this IP.",
        )
            .into_response(),
        FaultKind::Timeout => {
            let delay = Duration::from_millis(fault.delay_ms.unwrap_or(DEFAULT_DELAY_MS));
            if req.method() == axum::http::Method::POST {
                // A write is done at once and only its answer is late, as on a Go server
                // whose handler finishes whether or not the client is still waiting: the
                // shop must find out what happened, not assume nothing did.
                let done = tokio::spawn(next.run(req));
                tokio::time::sleep(delay).await;
                return done.await.unwrap_or_else(|_| {
                    reply::error_page(StatusCode::INTERNAL_SERVER_ERROR, "handler failed")
                });
            }
            tokio::time::sleep(delay).await;
            next.run(req).await
        }
        FaultKind::Malformed => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(reply::JSON_UTF8),
            )],
            r#"{"code":0,"msg":"","data":[{"id":1,"title":"trunc"#,
        )
            .into_response(),
        FaultKind::CodeMinus1 => reply::json_body(
            StatusCode::OK,
            &json!({"code": -1, "msg": "simulated failure"}),
        ),
        FaultKind::Code1001 => reply::need_login(),
        FaultKind::NullData => reply::json_body(
            StatusCode::OK,
            &json!({"code": 0, "msg": null, "data": null}),
        ),
    }
}
