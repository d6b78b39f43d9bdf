//! Accounts: login, register, user detail, `/logout` (§4.1, §6.9).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use serde_json::json;

use super::read_json;
use crate::auth::{self, ReqCtx, LOGIN_TOKEN_SECS};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::site as site_setting;
use crate::repo::user::{self, NewUser};
use crate::AppState;

/// The default group new registrations join.
pub const DEFAULT_GROUP_ID: i64 = 1;
const COOKIE_DAY: i64 = 86_400;
const COOKIE_REMEMBER: i64 = 30 * 86_400;

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginReq {
    user_name: String,
    email: String,
    phone: String,
    password: String,
    remember: bool,
    platform: String,
    captcha_id: String,
    captcha: String,
}

fn with_cookie(mut resp: Response, token: &str, max_age: i64) -> Response {
    resp.headers_mut()
        .append(header::SET_COOKIE, ReqCtx::token_cookie(token, max_age));
    resp
}

/// `POST /api/login` (JSON). Every credential failure is the same generic -1.
pub async fn login(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let req: LoginReq = read_json(&body)?;
    if !req.platform.is_empty() && req.platform != "website" {
        // weapp/wechat/google need real third-party servers; the demo has none.
        return Ok(reply::fail("login failed"));
    }
    // The captcha comes before the credentials. An id sent is used up whatever happens,
    // so a wrong guess costs the shopper a new picture, as with base64Captcha.
    let now = auth::now();
    let solved = !req.captcha_id.is_empty()
        && state
            .captchas()
            .verify(req.captcha_id.trim(), &req.captcha, now);
    if !solved && site_setting::captcha_on(&state.db(), ctx.site.id)? {
        return Ok(reply::fail(reply::say(
            &ctx.site,
            "验证码错误",
            "The captcha is wrong",
        )));
    }
    let login = [&req.user_name, &req.email, &req.phone]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("");
    if req.password.trim().chars().count() < 6 {
        return Ok(reply::fail(
            "Please enter a password of at least 6 characters",
        ));
    }
    let conn = state.db();
    let site = &ctx.site;
    let Some(u) = user::find_for_login(&conn, site.id, login)? else {
        return Ok(reply::fail("login failed"));
    };
    if auth::hash_password(&u.salt, req.password.trim()) != u.password_hash {
        return Ok(reply::fail("login failed"));
    }
    user::touch_login(&conn, site.id, u.id, now)?;
    let group = user::group(&conn, site.id, u.group_id)?;
    let token = auth::sign_token(site, u.id, now + LOGIN_TOKEN_SECS);
    let mut data = user::user_json(&u, &ctx.urls, &token, group.as_ref());
    data.last_login = now;
    let max_age = if req.remember {
        COOKIE_REMEMBER
    } else {
        COOKIE_DAY
    };
    Ok(with_cookie(
        reply::ok_msg("login successful", data),
        &token,
        max_age,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RegisterReq {
    user_name: String,
    password: String,
    email: String,
    phone: String,
    real_name: String,
    first_name: String,
    last_name: String,
    avatar_url: String,
    /// The inviter's numeric user id (number or numeric string).
    invite_id: serde_json::Value,
}

/// The inviter of a registration: `invite_id`, overridden by a present `invite` cookie read
/// with Go's `atoi` (an invite *code* is base-36, so it usually yields 0: §6.9). Only an
/// existing user of the site becomes the parent.
fn inviter(
    conn: &rusqlite::Connection,
    site_id: i64,
    headers: &HeaderMap,
    invite_id: &serde_json::Value,
) -> rusqlite::Result<i64> {
    let id = match auth::cookie(headers, "invite") {
        Some(cookie) => cookie.trim().parse::<i64>().unwrap_or(0),
        None => super::int_value(invite_id).unwrap_or(0),
    };
    if id <= 0 {
        return Ok(0);
    }
    Ok(user::find(conn, site_id, id)?.map_or(0, |u| u.id))
}

/// `POST /api/register` (JSON). Captcha fields are accepted and, as in AnqiCMS, ignored.
pub async fn register(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let req: RegisterReq = read_json(&body)?;
    let user_name = req.user_name.trim();
    let email = req.email.trim();
    let phone = req.phone.trim();
    let password = req.password.trim();
    if user_name.is_empty() {
        return Ok(reply::fail("Please fill in the user name"));
    }
    if password.chars().count() < 6 {
        return Ok(reply::fail(
            "Please enter a password of at least 6 characters",
        ));
    }
    if email.is_empty() && phone.is_empty() {
        return Ok(reply::fail(
            "Please fill in an email address or a phone number",
        ));
    }
    if !email.is_empty() && !user::looks_like_email(email) {
        return Ok(reply::fail("The email address is invalid"));
    }
    if !phone.is_empty() && !user::looks_like_phone(phone) {
        return Ok(reply::fail("The phone number is invalid"));
    }
    let conn = state.db();
    let site = &ctx.site;
    if user::exists(&conn, site.id, "user_name", user_name)? {
        return Ok(reply::fail("The user name is already registered"));
    }
    if !email.is_empty() && user::exists(&conn, site.id, "email", email)? {
        return Ok(reply::fail("The email address is already registered"));
    }
    if !phone.is_empty() && user::exists(&conn, site.id, "phone", phone)? {
        return Ok(reply::fail("The phone number is already registered"));
    }
    let now = auth::now();
    let salt = auth::random_hex(16);
    let hash = auth::hash_password(&salt, password);
    let id = user::insert(
        &conn,
        site.id,
        &NewUser {
            user_name,
            email,
            phone,
            real_name: req.real_name.trim(),
            first_name: req.first_name.trim(),
            last_name: req.last_name.trim(),
            avatar_url: req.avatar_url.trim(),
            group_id: DEFAULT_GROUP_ID,
            password_hash: &hash,
            salt: &salt,
            now,
        },
    )?;
    let parent_id = inviter(&conn, site.id, &headers, &req.invite_id)?;
    if parent_id > 0 {
        conn.execute(
            "UPDATE users SET parent_id = ?3 WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site.id, id, parent_id],
        )?;
    }
    let Some((u, group)) = user::find_with_group(&conn, site.id, id)? else {
        return Ok(reply::fail("registration failed"));
    };
    let token = auth::sign_token(site, u.id, now + LOGIN_TOKEN_SECS);
    let data = user::user_json(&u, &ctx.urls, &token, group.as_ref());
    Ok(with_cookie(
        reply::ok_msg("registration successful", data),
        &token,
        COOKIE_DAY,
    ))
}

/// `GET /api/user/detail` (UA): `msg` is `null`, `token` "", `group` null.
pub async fn detail(State(state): State<AppState>, Extension(ctx): Extension<ReqCtx>) -> ApiResult {
    let Some(u) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let mut data = user::user_json(u, &ctx.urls, "", None);
    data.email_verified = crate::repo::account::email_verified(&state.db(), ctx.site.id, u.id)?;
    Ok(reply::json_body(
        StatusCode::OK,
        &reply::Envelope {
            code: 0,
            msg: None,
            total: None,
            data,
        },
    ))
}

/// `GET /logout`: clears the cookie. With `return=json` the success answer is, famously,
/// `code:1001`; otherwise a redirect home.
pub async fn logout(p: Params) -> Response {
    let clear = HeaderValue::from_static("token=; Path=/; Max-Age=0; HttpOnly");
    if p.str("return") == "json" {
        let mut resp =
            reply::json_body(StatusCode::OK, &json!({"code": 1001, "msg": "logged out"}));
        resp.headers_mut().append(header::SET_COOKIE, clear);
        resp
    } else {
        (
            StatusCode::FOUND,
            [
                (header::LOCATION, HeaderValue::from_static("/")),
                (header::SET_COOKIE, clear),
            ],
        )
            .into_response()
    }
}
