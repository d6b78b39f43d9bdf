//! User tokens (HS256 JWT, written by hand to avoid a JWT crate), password hashing and
//! the per-request context that AnqiCMS's `ParseUserToken` middleware establishes.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::params::Params;
use crate::repo::user::{Group, User};
use crate::urls::Urls;
use crate::{AppState, Site};

type HmacSha256 = Hmac<Sha256>;

/// Tokens issued by password login and register: 24 h + 29 d, as in the Go source.
pub const LOGIN_TOKEN_SECS: i64 = 30 * 86_400;
/// Tokens issued by `Update-Token` renewal.
pub const RENEWED_TOKEN_SECS: i64 = 86_400;
/// A valid token closer than this to its expiry gets an `Update-Token` header.
pub const RENEW_WINDOW_SECS: i64 = 3_600;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The HMAC key: `"<site TokenSecret>-user-token"`, so tokens are per site.
fn key(site: &Site) -> String {
    format!("{}-user-token", site.token_secret)
}

/// Signs `{"userId":"<id>","t":"<unix expiry>"}` (both strings, as AnqiCMS does).
pub fn sign_token(site: &Site, user_id: i64, expires_at: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = serde_json::json!({"userId": user_id.to_string(), "t": expires_at.to_string()});
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    let mut mac =
        HmacSha256::new_from_slice(key(site).as_bytes()).expect("HMAC accepts any key length");
    mac.update(signing_input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{sig}")
}

/// Returns `(user_id, expires_at)` for a correctly signed, unexpired token.
/// Anything else is `None`: AnqiCMS silently treats bad tokens as anonymous.
pub fn verify_token(site: &Site, token: &str, now: i64) -> Option<(i64, i64)> {
    let mut parts = token.trim().split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).ok()?).ok()?;
    if header.get("alg")?.as_str()? != "HS256" {
        return None;
    }
    let mut mac = HmacSha256::new_from_slice(key(site).as_bytes()).ok()?;
    mac.update(format!("{h}.{p}").as_bytes());
    mac.verify_slice(&URL_SAFE_NO_PAD.decode(s).ok()?).ok()?;
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).ok()?).ok()?;
    let user_id = claim_i64(claims.get("userId")?)?;
    let expires_at = claim_i64(claims.get("t")?)?;
    (expires_at > now && user_id > 0).then_some((user_id, expires_at))
}

fn claim_i64(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::String(s) => s.parse().ok(),
        serde_json::Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// Salted SHA-256; enough for a demo database that only ever holds demo accounts.
pub fn hash_password(salt: &str, password: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b":");
    h.update(password.as_bytes());
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hard-to-guess string without a `rand` dependency: time, pid, a counter and the
/// address of a stack value, hashed.
pub fn random_hex(len: usize) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let marker = 0u8;
    let mut h = Sha256::new();
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update((&marker as *const u8 as usize).to_le_bytes());
    let mut s = hex(&h.finalize());
    s.truncate(len.min(64));
    s
}

/// Reads one cookie from the `Cookie` header(s).
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The token from the `token` header (any case), else the `token` cookie. `Authorization:
/// Bearer` and `?token=` are deliberately ignored, as in AnqiCMS.
pub fn request_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
        .or_else(|| cookie(headers, "token").filter(|v| !v.is_empty()))
}

/// Who is asking and for which site: inserted by [`api_context`] for every `/api` route.
#[derive(Debug, Clone)]
pub struct ReqCtx {
    pub site: Site,
    pub urls: Urls,
    pub user: Option<User>,
    pub group: Option<Group>,
}

impl ReqCtx {
    pub fn user_level(&self) -> i64 {
        self.group.as_ref().map(|g| g.level).unwrap_or(0)
    }

    /// `Set-Cookie` for a freshly issued login token.
    pub fn token_cookie(token: &str, max_age: i64) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "token={token}; Path=/; HttpOnly; Max-Age={max_age}"
        ))
        .unwrap_or_else(|_| HeaderValue::from_static("token=; Path=/; HttpOnly"))
    }
}

/// `ParseUserToken`: picks the site (`?site_id=N` when that site exists, else the main
/// site), reads the optional token and loads the user with their group. A token expiring
/// within the hour earns an `Update-Token` header carrying a fresh 24 h token.
pub async fn api_context(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let params = Params::parse(req.uri().query());
    let site = params
        .get("site_id")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|id| state.site(id))
        .unwrap_or_else(|| state.main_site())
        .clone();
    let urls = Urls::from_request(
        req.headers(),
        req.uri().authority().map(|a| a.as_str()),
        &site.dir,
    )
    .with_hostile(state.hostile());
    let now = now();
    let mut renewal = None;
    let mut user = None;
    let mut group = None;
    if let Some((user_id, expires_at)) =
        request_token(req.headers()).and_then(|t| verify_token(&site, t, now))
    {
        let loaded = {
            let conn = state.db();
            crate::repo::user::find_with_group(&conn, site.id, user_id)
        };
        if let Ok(Some((u, g))) = loaded {
            if expires_at - now < RENEW_WINDOW_SECS {
                renewal = Some(sign_token(&site, u.id, now + RENEWED_TOKEN_SECS));
            }
            user = Some(u);
            group = g;
        }
    }
    req.extensions_mut().insert(ReqCtx {
        site,
        urls,
        user,
        group,
    });
    let mut resp = next.run(req).await;
    if let Some(token) = renewal.and_then(|t| HeaderValue::from_str(&t).ok()) {
        resp.headers_mut().insert("update-token", token);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            id: 1,
            name: "s".into(),
            language: "zh-CN".into(),
            language_name: "中文".into(),
            language_emoji: "".into(),
            dir: "".into(),
            is_main: true,
            token_secret: "secret".into(),
        }
    }

    #[test]
    fn token_round_trip_and_rejections() {
        let s = site();
        let t = sign_token(&s, 7, 2_000);
        assert_eq!(verify_token(&s, &t, 1_000), Some((7, 2_000)));
        assert_eq!(verify_token(&s, &t, 2_000), None, "expired");
        let mut other = site();
        other.token_secret = "other".into();
        assert_eq!(verify_token(&other, &t, 1_000), None, "other site's secret");
        let mut tampered = t.clone();
        tampered.push('x');
        assert_eq!(verify_token(&s, &tampered, 1_000), None);
        assert_eq!(verify_token(&s, "garbage", 1_000), None);
    }

    #[test]
    fn password_hash_is_salted() {
        assert_ne!(hash_password("a", "pw"), hash_password("b", "pw"));
        assert_eq!(hash_password("a", "pw"), hash_password("a", "pw"));
    }
}
