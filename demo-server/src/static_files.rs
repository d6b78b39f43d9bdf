//! Hosting `dist/` the way a good static host does: SPA fallback, precompressed variants
//! chosen by `Accept-Encoding`, immutable caching for content-hashed names only, and the
//! generated `/uploads/...` images.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{reply, svg, AppState};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";

/// Everything no route matched. `/api/...` (any method) and non-GET requests get the
/// HTML 404, exactly like AnqiCMS's catch-all; other GETs are static files or the SPA.
pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path();
    let is_api = path == "/api" || path.starts_with("/api/");
    if is_api
        || path.starts_with("/__test/")
        || !matches!(*req.method(), Method::GET | Method::HEAD)
    {
        return reply::html_404();
    }
    let mut resp = serve_dist(&state.opts().dist, req).await;
    // On every file of dist/, not only the HTML: a worker script (the service worker) is
    // governed by the policy of its own response, and a static host's server-wide header
    // (the nginx recipe's) does the same. API answers stay as AnqiCMS sends them.
    if let Some(policy) = state.csp() {
        resp.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy.clone());
    }
    resp
}

pub async fn serve_dist(dist: &Path, req: Request) -> Response {
    let index = dist.join("index.html");
    if !index.is_file() {
        return not_built();
    }
    let request_path = req.uri().path().to_string();
    let svc = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(&index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let mut resp = match svc.oneshot(req).await {
        Ok(r) => r.into_response(),
        Err(never) => match never {},
    };
    let cache = if is_hashed_asset(&request_path) && real_file(dist, &request_path).is_some() {
        IMMUTABLE
    } else {
        // index.html, the SPA fallback, config.json, robots.txt…: revalidate every time so a
        // new deploy is picked up at once.
        NO_CACHE
    };
    if resp.status().is_success() || resp.status() == StatusCode::NOT_MODIFIED {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    // mime_guess gives bare `text/html`; pin the charset as static hosts usually do.
    let bare_text = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|ct| ct.starts_with("text/") && !ct.contains("charset"))
        .map(|ct| format!("{ct}; charset=utf-8"));
    if let Some(ct) = bare_text.and_then(|ct| HeaderValue::from_str(&ct).ok()) {
        resp.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    // The body depends on Accept-Encoding whenever a .br/.gz sibling may exist.
    if !resp.headers().contains_key(header::VARY) {
        resp.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    resp
}

/// The file a request path names inside `dist`, if it exists (no `..` escapes).
fn real_file(dist: &Path, request_path: &str) -> Option<PathBuf> {
    let rel = Path::new(request_path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = dist.join(rel);
    full.is_file().then_some(full)
}

/// trunk's content-hashed names: `name-<16 hex>.ext` or `name-<16 hex>_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let bytes = name.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'-'
            && bytes.len() > i + 17
            && bytes[i + 1..i + 17]
                .iter()
                .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
            && matches!(bytes[i + 17], b'.' | b'_')
    })
}

fn not_built() -> Response {
    let body = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Storefront demo</title></head>\n\
<body>\n<h1>Storefront demo</h1>\n<p>The API is running, but the app is not built: run <code>cargo xtask demo</code>.</p>\n\
<p>Try <a href=\"/api/setting/system\">/api/setting/system</a>.</p>\n</body>\n</html>\n";
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(reply::HTML_UTF8),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE)),
        ],
        body,
    )
        .into_response()
}

/// `GET /uploads/...`: a file uploaded through the API (avatars, attachments, guestbook
/// images; `no-cache`, since an avatar keeps its path when replaced), else the generated
/// picture registered for that path at seed time.
pub async fn uploads(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let uploaded = crate::repo::upload::get(&state.db(), &path);
    if let Ok(Some((content_type, body))) = uploaded {
        let ct = HeaderValue::from_str(&content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE)),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            body,
        )
            .into_response();
    }
    let found = {
        let conn = state.db();
        conn.query_row(
            "SELECT label, hue, width, height FROM uploads WHERE path = ?1",
            [&path],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
    };
    match found {
        Ok((label, hue, w, h)) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ),
            ],
            svg::render(&label, hue, w, h),
        )
            .into_response(),
        Err(_) => reply::html_404(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed_asset("/storefront-3f2a9c0d1e2b4a5c_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/storefront-3f2a9c0d1e2b4a5c.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/style-0123456789abcdeg.css"));
        assert!(!is_hashed_asset("/style-0123456789abcde.css"));
    }
}
