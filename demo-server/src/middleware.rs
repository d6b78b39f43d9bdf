//! Global middleware in AnqiCMS order: CORS, the `?lang=` redirect, the API switch.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{reply, AppState};

const ALLOW_METHODS: &str = "GET,POST,PUT,DELETE,PATCH,OPTIONS";
const ALLOW_HEADERS: &str = "Content-Type, Api, Accept, Authorization, Version, Admin, Token, Key, Site-Id, Sub-Site-Id, X-Pjax, X-Pjax-Container";
const EXPOSE_HEADERS: &str = "Content-Disposition,Update-Token";

/// `middleware.Cors`: the origin is echoed only for `http://127.0.0.1*` and
/// `http://localhost*`; every `OPTIONS` request is a 204 preflight answer.
pub async fn cors(req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| {
            o.to_str().is_ok_and(|o| {
                o.starts_with("http://127.0.0.1") || o.starts_with("http://localhost")
            })
        })
        .cloned();
    let mut resp = if req.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    if let Some(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    h.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    resp
}

/// `Common`: `?lang=xx` on any URL (the API included) sets a 7-day `lang` cookie and
/// 307-redirects to the same URL without `lang`.
pub async fn lang_redirect(req: Request, next: Next) -> Response {
    let Some(query) = req.uri().query() else {
        return next.run(req).await;
    };
    let mut lang = None;
    let mut kept = Vec::new();
    for pair in query.split('&') {
        let key = pair.split('=').next().unwrap_or("");
        if key == "lang" {
            let value = form_urlencoded::parse(pair.as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            lang = Some(value);
        } else if !pair.is_empty() {
            kept.push(pair);
        }
    }
    let Some(lang) = lang else {
        return next.run(req).await;
    };
    let mut location = req.uri().path().to_string();
    if !kept.is_empty() {
        location.push('?');
        location.push_str(&kept.join("&"));
    }
    // Only characters that are safe in a cookie value and a language tag.
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(16)
        .collect();
    let cookie = format!("lang={lang}; Path=/; Max-Age=604800");
    let mut resp = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// `Common`: `?invite=CODE` on any URL stores a 30-day `invite` cookie when some user has
/// that invite code. `register` then reads the cookie with `atoi` (§6.9), so a base-36
/// code usually makes the inviter 0: shops should send `invite_id` instead.
pub async fn invite_cookie(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let code = req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "invite")
            .map(|(_, v)| v.into_owned())
    });
    let mut resp = next.run(req).await;
    let Some(code) = code.filter(|c| {
        !c.is_empty() && c.len() <= 32 && c.chars().all(|ch| ch.is_ascii_alphanumeric())
    }) else {
        return resp;
    };
    let known = state
        .db()
        .query_row(
            "SELECT COUNT(*) FROM users WHERE invite_code = ?1",
            [&code],
            |r| r.get::<_, i64>(0),
        )
        .unwrap_or(0)
        > 0;
    if known {
        if let Ok(v) = HeaderValue::from_str(&format!("invite={code}; Path=/; Max-Age=2592000")) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// `CheckApiOpen` for the content routes: `code:-1` while the API is switched off.
pub async fn require_api_open(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.api_open() {
        next.run(req).await
    } else {
        reply::api_closed()
    }
}
