//! The AnqiCMS response envelope and the non-JSON answers (HTML 404, error pages).
//!
//! Business outcomes are always HTTP 200 with `code` 0 / -1 / 1001; only routing misses,
//! panics and the limiter use other statuses, and those are never JSON.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

pub const JSON_UTF8: &str = "application/json; charset=utf-8";
pub const HTML_UTF8: &str = "text/html; charset=utf-8";

pub const MSG_NEED_LOGIN: &str = "This operation requires login";
pub const MSG_API_CLOSED: &str = "API not open, please enable it in the admin";

/// The message for the site's language: Chinese on `zh*` sites, English elsewhere.
pub fn say<'a>(site: &crate::Site, zh: &'a str, en: &'a str) -> &'a str {
    if site.language.starts_with("zh") {
        zh
    } else {
        en
    }
}

/// Cents as `12.00`, for messages.
pub fn yuan_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// Serialises `body` with the exact Content-Type AnqiCMS (Iris) uses.
pub fn json_body<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8))],
            bytes,
        )
            .into_response(),
        Err(err) => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("serialisation failed: {err}"),
        ),
    }
}

/// The envelope, as a struct so the keys come out in AnqiCMS's order (code, msg, total,
/// data) rather than serde_json's sorted map order.
#[derive(Serialize)]
pub struct Envelope<'a, T: Serialize> {
    pub code: i64,
    /// `None` serialises as `null` (user detail, address endpoints).
    pub msg: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub data: T,
}

/// `{"code":0,"msg":"","data":…}`
pub fn ok<T: Serialize>(data: T) -> Response {
    ok_msg("", data)
}

/// `{"code":0,"msg":<msg>,"data":…}` for the few successes that carry a message.
pub fn ok_msg<T: Serialize>(msg: &str, data: T) -> Response {
    json_body(
        StatusCode::OK,
        &Envelope {
            code: 0,
            msg: Some(msg),
            total: None,
            data,
        },
    )
}

/// A list with a `total`. Go serialises a nil slice as `null`, which several endpoints
/// return for "no rows" (§3); `null_when_empty` reproduces that where the contract says so.
pub fn ok_list<T: Serialize>(total: i64, items: Vec<T>, null_when_empty: bool) -> Response {
    json_body(
        StatusCode::OK,
        &Envelope {
            code: 0,
            msg: Some(""),
            total: Some(total),
            data: list_data(items, null_when_empty),
        },
    )
}

/// A list without a `total` key (category list, nav list, …).
pub fn ok_items<T: Serialize>(items: Vec<T>, null_when_empty: bool) -> Response {
    ok(list_data(items, null_when_empty))
}

fn list_data<T: Serialize>(items: Vec<T>, null_when_empty: bool) -> Option<Vec<T>> {
    if items.is_empty() && null_when_empty {
        None
    } else {
        Some(items)
    }
}

/// `{"code":-1,"msg":…}` (HTTP 200).
pub fn fail(msg: impl Into<String>) -> Response {
    json_body(StatusCode::OK, &json!({"code": -1, "msg": msg.into()}))
}

/// `{"code":1001,"msg":"This operation requires login"}` (HTTP 200).
pub fn need_login() -> Response {
    json_body(
        StatusCode::OK,
        &json!({"code": 1001, "msg": MSG_NEED_LOGIN}),
    )
}

pub fn api_closed() -> Response {
    fail(MSG_API_CLOSED)
}

/// The HTML 404 page that AnqiCMS renders for unknown routes, `/api/...` included. The
/// storefront detects the open-source edition by exactly this answer, so it must never be JSON.
pub fn html_404() -> Response {
    let body = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>404 Not Found</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
</head>\n<body>\n<div class=\"error-page\">\n<h1>404</h1>\n<p>Not Found: the page you requested does not exist.</p>\n\
<p><a href=\"/\">Back to home</a></p>\n</div>\n</body>\n</html>\n";
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(HTML_UTF8)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// A plain HTML error page (the Recover middleware's 500 page, for instance).
pub fn error_page(status: StatusCode, detail: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{code} {reason}</title></head>\n\
<body>\n<h1>{code} {reason}</h1>\n<p>{detail}</p>\n</body>\n</html>\n",
        code = status.as_u16(),
        reason = status.canonical_reason().unwrap_or("Error"),
        detail = html_escape(detail),
    );
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(HTML_UTF8))],
        body,
    )
        .into_response()
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A handler failure, rendered as the `code:-1` envelope (AnqiCMS passes DB error texts
/// straight through as `msg`).
#[derive(Debug)]
pub struct ApiError(pub String);

impl ApiError {
    pub fn new(msg: impl Into<String>) -> ApiError {
        ApiError(msg.into())
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> ApiError {
        ApiError(err.to_string())
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(err: serde_json::Error) -> ApiError {
        ApiError(err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        fail(self.0)
    }
}

pub type ApiResult = Result<Response, ApiError>;
