//! `SafeVerify` (§8), shared by comment publish and the guestbook: the captcha when the
//! site's captcha is on (unless the user's group has `content_no_captcha`), `content_limit`
//! (minimum runes), `content_forbidden` (newline-separated words, checked in every
//! submitted value), and `interval_limit` / `daily_limit` per IP, skipped for loopback
//! addresses while `loopback_exempt` is on (the default, as the real server skips
//! 127.0.0.1). The switches live in the site's `safe` settings document.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use serde_json::Value;

use crate::auth::ReqCtx;
use crate::reply;
use crate::repo::site::{self, SAFE};
use crate::AppState;

/// The caller's address: `X-Real-IP`, then the first `X-Forwarded-For`, then
/// `CF-Connecting-IP` (as Iris is configured), then the socket's peer; `127.0.0.1` when
/// none is known (the in-process tests).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl ClientIp {
    pub fn is_loopback(&self) -> bool {
        self.0
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
            || self.0 == "localhost"
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty() && v.len() <= 64)
                .map(str::to_string)
        };
        let ip = header("x-real-ip")
            .or_else(|| header("x-forwarded-for"))
            .or_else(|| header("cf-connecting-ip"))
            .or_else(|| {
                parts
                    .extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip().to_string())
            })
            .unwrap_or_else(|| "127.0.0.1".to_string());
        Ok(ClientIp(ip))
    }
}

/// The anti-spam switches of a site.
#[derive(Debug, Clone)]
pub struct Rules {
    pub captcha: bool,
    pub content_limit: i64,
    pub content_forbidden: Vec<String>,
    pub interval_limit: i64,
    pub daily_limit: i64,
    pub loopback_exempt: bool,
}

pub fn rules(conn: &rusqlite::Connection, site_id: i64) -> rusqlite::Result<Rules> {
    let doc = site::setting(conn, site_id, SAFE)?;
    let int = |k: &str| doc.get(k).and_then(Value::as_i64).unwrap_or(0).max(0);
    Ok(Rules {
        captcha: int("captcha") == 1,
        content_limit: int("content_limit"),
        content_forbidden: doc
            .get("content_forbidden")
            .and_then(Value::as_str)
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect(),
        interval_limit: int("interval_limit"),
        daily_limit: int("daily_limit"),
        loopback_exempt: doc
            .get("loopback_exempt")
            .and_then(Value::as_bool)
            .unwrap_or(true),
    })
}

/// The messages (English site / Chinese site).
pub fn msg_captcha(s: &crate::Site) -> &'static str {
    reply::say(s, "验证码错误", "captcha is wrong")
}
pub fn msg_too_short(s: &crate::Site) -> &'static str {
    reply::say(s, "内容太短", "content is too short")
}
pub fn msg_forbidden(s: &crate::Site) -> &'static str {
    reply::say(s, "内容包含违禁词", "content contains forbidden words")
}
pub fn msg_too_fast(s: &crate::Site) -> &'static str {
    reply::say(
        s,
        "发布太快了，请稍后再试",
        "posting too fast, please try again later",
    )
}
pub fn msg_daily(s: &crate::Site) -> &'static str {
    reply::say(s, "今日发布次数已达上限", "daily limit reached")
}

/// What one submission brings to the check.
pub struct Submission<'a> {
    pub captcha_id: &'a str,
    pub captcha: &'a str,
    /// The text `content_limit` measures.
    pub content: &'a str,
    /// Every submitted value (`content_forbidden` looks in all of them).
    pub values: Vec<&'a str>,
}

/// Runs the checks in AnqiCMS's order. `recent(since)` answers `(count, newest time)` of
/// this IP's posts since `since`. `Err` is the message for `code:-1`.
pub fn verify(
    state: &AppState,
    ctx: &ReqCtx,
    ip: &ClientIp,
    sub: &Submission,
    recent: impl Fn(i64) -> rusqlite::Result<(i64, i64)>,
) -> Result<Result<(), &'static str>, rusqlite::Error> {
    let site = &ctx.site;
    let rules = rules(&state.db(), site.id)?;
    let now = crate::auth::now();
    let no_captcha = ctx
        .group
        .as_ref()
        .and_then(|g| g.setting.get("content_no_captcha"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
        && ctx.user.is_some();
    // An id sent is used up whatever happens, as at login.
    let solved = !sub.captcha_id.trim().is_empty()
        && state
            .captchas()
            .verify(sub.captcha_id.trim(), sub.captcha, now);
    if rules.captcha && !no_captcha && !solved {
        return Ok(Err(msg_captcha(site)));
    }
    if rules.content_limit > 0 && (sub.content.trim().chars().count() as i64) < rules.content_limit
    {
        return Ok(Err(msg_too_short(site)));
    }
    if rules.content_forbidden.iter().any(|w| {
        let w = w.to_lowercase();
        sub.values.iter().any(|v| v.to_lowercase().contains(&w))
    }) {
        return Ok(Err(msg_forbidden(site)));
    }
    if rules.loopback_exempt && ip.is_loopback() {
        return Ok(Ok(()));
    }
    if rules.interval_limit > 0 {
        let (n, _) = recent(now - rules.interval_limit)?;
        if n > 0 {
            return Ok(Err(msg_too_fast(site)));
        }
    }
    if rules.daily_limit > 0 {
        let (n, _) = recent(now - 86_400)?;
        if n >= rules.daily_limit {
            return Ok(Err(msg_daily(site)));
        }
    }
    Ok(Ok(()))
}
