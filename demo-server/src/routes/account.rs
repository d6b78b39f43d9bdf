//! The shopper's account (§6.9): profile update (the overwrite quirk), avatar, password,
//! and the email verify/reset flow through the outbox.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use serde_json::{json, Value};

use super::read_json;
use super::upload::{msg_not_image, msg_too_big, msg_unreadable, read_multipart};
use crate::auth::{self, ReqCtx, LOGIN_TOKEN_SECS};
use crate::imaging;
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::account::{self, Mail, Profile};
use crate::repo::{upload, user};
use crate::{AppState, Site};

/// Avatars may be this large before cropping (the demo's limit).
pub const MAX_AVATAR: usize = 2 * 1024 * 1024;
/// The avatar's side after cropping.
pub const AVATAR_SIDE: u32 = 256;

const MSG_SHORT_PASSWORD: &str = "Please enter a password of at least 6 characters";

fn msg_unknown_email(site: &Site) -> &'static str {
    reply::say(site, "该邮箱未注册", "The email address is not registered")
}

fn msg_bad_link(site: &Site) -> &'static str {
    reply::say(
        site,
        "链接无效或已过期",
        "The link is invalid or has expired",
    )
}

/// The user as `GET /api/user/detail` shows it, `email_verified` included.
fn user_data(state: &AppState, ctx: &ReqCtx, id: i64, token: &str) -> ApiResult {
    let conn = state.db();
    let Some(u) = user::find(&conn, ctx.site.id, id)? else {
        return Ok(reply::need_login());
    };
    let mut data = user::user_json(&u, &ctx.urls, token, None);
    data.email_verified = account::email_verified(&conn, ctx.site.id, id)?;
    Ok(reply::ok_msg("saved", data))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DetailReq {
    user_name: String,
    real_name: String,
    first_name: String,
    last_name: String,
    introduce: String,
    phone: String,
    email: String,
}

/// `POST /api/user/detail` (UA): overwrites user_name, real_name, first_name, last_name
/// and introduce with what is sent (absent or "" included); phone and email are only set
/// while empty, and must be valid and unused. A first name makes real_name "first last".
pub async fn update_detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: DetailReq = read_json(&body)?;
    let site = &ctx.site;
    let user_name = req.user_name.trim();
    let first_name = req.first_name.trim();
    let last_name = req.last_name.trim();
    let real_name = if first_name.is_empty() {
        req.real_name.trim().to_string()
    } else {
        format!("{first_name} {last_name}").trim().to_string()
    };
    {
        let conn = state.db();
        if !user_name.is_empty()
            && account::taken_by_other(&conn, site.id, me.id, "user_name", user_name)?
        {
            return Ok(reply::fail("The user name is already registered"));
        }
        let mut phone = me.phone.clone();
        let new_phone = req.phone.trim();
        if me.phone.is_empty() && !new_phone.is_empty() {
            if !user::looks_like_phone(new_phone) {
                return Ok(reply::fail("The phone number is invalid"));
            }
            if account::taken_by_other(&conn, site.id, me.id, "phone", new_phone)? {
                return Ok(reply::fail("The phone number is already registered"));
            }
            phone = new_phone.to_string();
        }
        let mut email = me.email.clone();
        let new_email = req.email.trim();
        if me.email.is_empty() && !new_email.is_empty() {
            if !user::looks_like_email(new_email) {
                return Ok(reply::fail("The email address is invalid"));
            }
            if account::taken_by_other(&conn, site.id, me.id, "email", new_email)? {
                return Ok(reply::fail("The email address is already registered"));
            }
            email = new_email.to_string();
        }
        account::update_profile(
            &conn,
            site.id,
            me.id,
            &Profile {
                user_name,
                real_name: &real_name,
                first_name,
                last_name,
                introduce: req.introduce.trim(),
                phone: &phone,
                email: &email,
            },
            auth::now(),
        )?;
    }
    user_data(&state, &ctx, me.id, "")
}

/// `POST /api/user/avatar` (UA, multipart `file`): jpg/png/gif/webp up to 2 MB, cropped to
/// its centre square and resized to 256×256, stored at `/uploads/user/<id>.<ext>`
/// (`/uploads/<dir>/user/…` on a sub-site) as JPEG for a JPEG and PNG otherwise.
/// `avatar_url` gets `?t=<time>` so a browser does not show the old picture.
pub async fn avatar(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    req: Request,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let site = &ctx.site;
    let parts = read_multipart(req, site).await?;
    let Some(file) = parts
        .into_iter()
        .find(|p| p.name == "file" && !p.bytes.is_empty())
    else {
        return Ok(reply::fail(reply::say(
            site,
            "请选择要上传的图片",
            "Please choose a picture to upload",
        )));
    };
    if file.bytes.len() > MAX_AVATAR {
        return Ok(reply::fail(msg_too_big(site, MAX_AVATAR / (1024 * 1024))));
    }
    let Some(kind) = imaging::sniff(&file.bytes) else {
        return Ok(reply::fail(msg_not_image(site)));
    };
    let bytes = file.bytes;
    let encoded = tokio::task::spawn_blocking(move || {
        let img = imaging::decode(&bytes, kind)?;
        imaging::encode(&imaging::square(&img, AVATAR_SIDE), kind)
    })
    .await;
    let Ok(Ok((png_or_jpeg, out_kind))) = encoded else {
        return Ok(reply::fail(msg_unreadable(site)));
    };
    let now = auth::now();
    let path = format!(
        "{}/user/{}.{}",
        upload::site_dir(site),
        me.id,
        out_kind.ext()
    );
    let avatar_url = format!("{path}?t={now}");
    {
        let conn = state.db();
        upload::put(&conn, &path, out_kind.mime(), &png_or_jpeg, now)?;
        account::set_avatar(&conn, site.id, me.id, &avatar_url, now)?;
    }
    Ok(reply::ok_msg(
        reply::say(site, "上传成功", "Uploaded"),
        json!({ "avatar_url": ctx.urls.abs(&avatar_url) }),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordReq {
    old_password: String,
    password: String,
}

/// `POST /api/user/password` (UA) `{old_password, password}`.
pub async fn password(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: PasswordReq = read_json(&body)?;
    let password = req.password.trim();
    if password.chars().count() < 6 {
        return Ok(reply::fail(MSG_SHORT_PASSWORD));
    }
    if auth::hash_password(&me.salt, req.old_password.trim()) != me.password_hash {
        return Ok(reply::fail(reply::say(
            &ctx.site,
            "原密码错误",
            "The old password is wrong",
        )));
    }
    account::set_password(&state.db(), ctx.site.id, me.id, password, auth::now())?;
    Ok(reply::ok_msg(
        reply::say(&ctx.site, "密码已修改", "Password changed"),
        Value::Null,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SendMailReq {
    email: String,
    state: String,
}

/// `POST /api/verify/email` `{email, state:"verify"|"reset"}`: writes the mail (with its
/// link) to the outbox. An unknown address is -1.
pub async fn send_mail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let req: SendMailReq = read_json(&body)?;
    let site = &ctx.site;
    let conn = state.db();
    let Some(u) = account::by_email(&conn, site.id, &req.email)? else {
        return Ok(reply::fail(msg_unknown_email(site)));
    };
    let reset = req.state == "reset";
    let code = format!(
        "{:06}",
        u64::from_str_radix(&auth::random_hex(8), 16).unwrap_or(0) % 1_000_000
    );
    let mut link = format!("{}/api/verify/email?", ctx.urls.origin);
    link.push_str(
        &form_urlencoded::Serializer::new(String::new())
            .append_pair("email", &u.email)
            .append_pair("token", &account::mail_token(&u))
            .append_pair("code", &code)
            .append_pair("state", if reset { "reset" } else { "verify" })
            .append_pair("site_id", &site.id.to_string())
            .finish(),
    );
    let (subject, intro) = match (reset, site.language.starts_with("zh")) {
        (true, true) => ("重置您的密码", "请打开下面的链接设置新密码："),
        (true, false) => (
            "Reset your password",
            "Open the link below to choose a new password:",
        ),
        (false, true) => ("验证您的邮箱", "请打开下面的链接完成邮箱验证："),
        (false, false) => (
            "Verify your email address",
            "Open the link below to verify your email address:",
        ),
    };
    account::send(
        &conn,
        site.id,
        &Mail {
            to: u.email.clone(),
            subject: format!("{subject} - {}", site.name),
            body: format!("{} {},\n\n{intro}\n{link}\n\n{code}\n", "Hi", u.user_name),
            link,
            created_time: auth::now(),
        },
    )?;
    Ok(reply::ok_msg("please verify email", Value::Null))
}

fn redirect(location: &str, cookie: Option<HeaderValue>) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    if let Some(c) = cookie {
        resp.headers_mut().append(header::SET_COOKIE, c);
    }
    resp
}

/// `GET /api/verify/email?email=&token=&code=&state=&return=json`: the mail's link.
/// `state=exist` tells whether the address is registered (`{id, email}`); `state=reset`
/// sends the browser to the shop's reset page with the same email, token and code;
/// otherwise the email is marked verified, the login cookie set, and the browser sent to
/// the shop's account page. `return=json` answers JSON instead of redirecting.
pub async fn open_link(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let site = &ctx.site;
    let json = p.str("return") == "json";
    let conn = state.db();
    let found = account::by_email(&conn, site.id, p.str("email"))?;
    if p.str("state") == "exist" {
        return Ok(match found {
            Some(u) => reply::ok(json!({"id": u.id, "email": u.email})),
            None => reply::fail(msg_unknown_email(site)),
        });
    }
    let Some(u) = found else {
        return Ok(reply::fail(msg_unknown_email(site)));
    };
    if p.str("token").trim() != account::mail_token(&u) {
        return Ok(reply::fail(msg_bad_link(site)));
    }
    if p.str("state") == "reset" {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("email", &u.email)
            .append_pair("token", p.str("token").trim())
            .append_pair("code", p.str("code"))
            .finish();
        let location = format!("{}/account/password/reset?{query}", ctx.urls.origin);
        return Ok(if json {
            reply::ok(json!({"email": u.email, "token": p.str("token").trim(),
                "code": p.str("code"), "location": location}))
        } else {
            redirect(&location, None)
        });
    }
    account::set_email_verified(&conn, site.id, u.id)?;
    let token = auth::sign_token(site, u.id, auth::now() + LOGIN_TOKEN_SECS);
    let cookie = ReqCtx::token_cookie(&token, 86_400);
    if json {
        drop(conn);
        let mut resp = user_data(&state, &ctx, u.id, "")?;
        resp.headers_mut().append(header::SET_COOKIE, cookie);
        return Ok(resp);
    }
    Ok(redirect(
        &format!("{}/account", ctx.urls.origin),
        Some(cookie),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetReq {
    email: String,
    token: String,
    code: String,
    password: String,
}

/// `POST /api/password/reset` `{email, token, code, password}`: the token must be the
/// mailed one (it changes with the password, so a link works once); `code` is not checked,
/// as in AnqiCMS.
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let req: ResetReq = read_json(&body)?;
    let _ = &req.code;
    let site = &ctx.site;
    let conn = state.db();
    let Some(u) = account::by_email(&conn, site.id, &req.email)? else {
        return Ok(reply::fail(msg_bad_link(site)));
    };
    if req.token.trim().is_empty() || req.token.trim() != account::mail_token(&u) {
        return Ok(reply::fail(msg_bad_link(site)));
    }
    let password = req.password.trim();
    if password.chars().count() < 6 {
        return Ok(reply::fail(MSG_SHORT_PASSWORD));
    }
    account::set_password(&conn, site.id, u.id, password, auth::now())?;
    Ok(reply::ok_msg(
        reply::say(site, "密码已重置", "Your password has been reset"),
        Value::Null,
    ))
}
