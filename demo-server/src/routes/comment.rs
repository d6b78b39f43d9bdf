//! Comments (§6.12): the list leaks every status with email and IP (the shop must keep
//! `status == 1` and never show those fields), publish runs SafeVerify (§8), praise.

use axum::body::Bytes;
use axum::extract::State;
use axum::Extension;
use serde::Deserialize;
use serde_json::Value;

use super::safe::{self, ClientIp, Submission};
use super::{int_value, parse_limit, read_json};
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::archive;
use crate::repo::comment::{self, CommentJson, ListFilter, NewComment};
use crate::AppState;

/// `GET /api/comment/list?id=&user_id=&order=&page=&limit=` (OPEN): every status, with
/// `email`, `ip` and the `parent` comment; `limit` is `n` or `offset,n` (default 10).
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let (mut offset, limit) = parse_limit(p.str("limit"), 10, 100);
    let page = p.i64_or("page", 1).clamp(1, 100_000);
    if page > 1 {
        offset = (page - 1) * limit;
    }
    let conn = state.db();
    let site_id = ctx.site.id;
    let (rows, total) = comment::list(
        &conn,
        site_id,
        &ListFilter {
            archive_id: p.i64_or("id", 0).max(0),
            user_id: p.i64_or("user_id", 0).max(0),
            order: p.str("order").to_string(),
            offset,
            limit,
        },
    )?;
    let mut items: Vec<CommentJson> = Vec::with_capacity(rows.len());
    for c in &rows {
        let parent = if c.parent_id > 0 {
            comment::get(&conn, site_id, c.parent_id)?
        } else {
            None
        };
        items.push(comment::to_json(c, parent.as_ref()));
    }
    Ok(reply::ok_list(total, items, true))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PublishReq {
    archive_id: Value,
    parent_id: Value,
    user_name: String,
    email: String,
    content: String,
    captcha_id: String,
    captcha: String,
    /// The real server lets the body set the stored IP; the limits still count the
    /// caller's own address.
    ip: String,
}

/// `POST /api/comment/publish` (OPEN, JSON). A signed-in user's name replaces
/// `user_name`; the archive is not validated. Status 0, or 1 when the group has
/// `content_no_verify`.
pub async fn publish(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    ip: ClientIp,
    body: Bytes,
) -> ApiResult {
    let req: PublishReq = read_json(&body)?;
    let site = &ctx.site;
    let content = req.content.trim();
    let user_name = match &ctx.user {
        Some(u) => u.user_name.clone(),
        None => req.user_name.trim().to_string(),
    };
    let sub = Submission {
        captcha_id: &req.captcha_id,
        captcha: &req.captcha,
        content,
        values: vec![&user_name, req.email.trim(), content],
    };
    let verdict = safe::verify(&state, &ctx, &ip, &sub, |since| {
        comment::from_ip_since(&state.db(), site.id, &ip.0, since)
    })?;
    if let Err(msg) = verdict {
        return Ok(reply::fail(msg));
    }
    if content.is_empty() {
        return Ok(reply::fail(reply::say(
            site,
            "请填写评论内容",
            "Please write your comment",
        )));
    }
    if user_name.is_empty() {
        return Ok(reply::fail(reply::say(
            site,
            "请填写您的称呼",
            "Please fill in your name",
        )));
    }
    let conn = state.db();
    let parent = match int_value(&req.parent_id).filter(|id| *id > 0) {
        Some(id) => comment::get(&conn, site.id, id)?,
        None => None,
    };
    let no_verify = ctx
        .group
        .as_ref()
        .and_then(|g| g.setting.get("content_no_verify"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
        && ctx.user.is_some();
    let stored_ip = if req.ip.trim().is_empty() {
        ip.0.clone()
    } else {
        req.ip.trim().chars().take(64).collect()
    };
    let id = comment::insert(
        &conn,
        site.id,
        &NewComment {
            archive_id: int_value(&req.archive_id).unwrap_or(0).max(0),
            user_id: ctx.user.as_ref().map(|u| u.id).unwrap_or(0),
            user_name: &user_name,
            email: req.email.trim(),
            ip: &stored_ip,
            content,
            parent_id: parent.as_ref().map(|p| p.id).unwrap_or(0),
            to_uid: parent.as_ref().map(|p| p.user_id).unwrap_or(0),
            status: i64::from(no_verify),
            hostile: false,
            vote_count: 0,
            now: auth::now(),
        },
    )?;
    let Some(saved) = comment::get(&conn, site.id, id)? else {
        return Ok(reply::fail("publish failed"));
    };
    Ok(reply::ok_msg(
        reply::say(site, "发布成功", "published successfully"),
        comment::to_json(&saved, parent.as_ref()),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PraiseReq {
    id: Value,
}

/// `POST /api/comment/praise` (OPEN, UA) `{id}`: the comment with `vote_count + 1` and
/// `active: true`. A repeat praise adds no row, yet the answer still shows +1.
pub async fn praise(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: PraiseReq = read_json(&body)?;
    let site = &ctx.site;
    let conn = state.db();
    let Some(c) = comment::get(&conn, site.id, int_value(&req.id).unwrap_or(0))? else {
        return Ok(reply::fail(reply::say(
            site,
            "评论不存在",
            "The comment does not exist",
        )));
    };
    comment::praise(&conn, c.id, user.id)?;
    let mut data = comment::to_json(&c, None);
    data.vote_count = c.vote_count + 1;
    data.active = true;
    data.item_title = archive::get(&conn, site.id, c.archive_id)?
        .map(|a| a.title)
        .unwrap_or_default();
    Ok(reply::ok(data))
}
