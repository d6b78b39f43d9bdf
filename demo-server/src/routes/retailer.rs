//! The retailer (distribution) routes of §6.14, on both editions. The bookkeeping lives in
//! `repo::retailer`; these handlers page it (`current`/`pageSize`, newest first,
//! `data: null` when empty) and keep the real server's quirks: `info` needs no login and
//! shows anyone's phone and email, and a successful withdrawal answers `code: -1`.

use axum::body::Bytes;
use axum::extract::State;
use axum::Extension;
use serde::Deserialize;
use serde_json::Value;

use super::read_json;
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::retailer::{self, WithdrawRefusal, MIN_WITHDRAW};
use crate::repo::{order, user};
use crate::AppState;

/// The message of a successful withdrawal (answered with `code: -1`, the server's bug).
pub const WITHDRAW_SUBMITTED: &str = "withdrawal application submitted";
pub const WITHDRAW_NOTHING: &str = "there is no commission to withdraw";

fn page(p: &Params) -> (i64, i64) {
    let page = p.i64_or("current", 1).clamp(1, 1_000_000);
    let size = p.i64_or("pageSize", 20).clamp(1, 100);
    ((page - 1) * size, size)
}

/// `GET /api/retailer/info?retailer_id=` (no login needed): a user with the group; the
/// current user without an id; -1 "query failed" when unknown or anonymous without one.
pub async fn info(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let id = match p.i64_or("retailer_id", 0) {
        0 => ctx.user.as_ref().map_or(0, |u| u.id),
        id => id,
    };
    let conn = state.db();
    match user::find_with_group(&conn, ctx.site.id, id)? {
        Some((u, g)) if id > 0 => {
            let mut data = user::user_json(&u, &ctx.urls, "", g.as_ref());
            // A shop's own invite link is `?invite_id=<id>`; `invite_code` stays the
            // base-36 code (which the `invite` cookie cannot carry, §6.9).
            data.token = String::new();
            Ok(reply::ok(data))
        }
        _ => Ok(reply::fail("query failed")),
    }
}

/// `GET /api/retailer/statistics` (UA).
pub async fn statistics(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let stats = retailer::statistics(&state.db(), ctx.site.id, me.id)?;
    Ok(reply::ok(stats))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UpdateReq {
    real_name: String,
}

/// `POST /api/retailer/update` (UA) `{"real_name"}`: only the real name changes.
pub async fn update(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: UpdateReq = read_json(&body)?;
    let conn = state.db();
    conn.execute(
        "UPDATE users SET real_name = ?3, updated_time = ?4 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![ctx.site.id, me.id, req.real_name.trim(), auth::now()],
    )?;
    match user::find_with_group(&conn, ctx.site.id, me.id)? {
        Some((u, g)) => Ok(reply::ok_msg(
            "saved",
            user::user_json(&u, &ctx.urls, "", g.as_ref()),
        )),
        None => Ok(reply::fail("query failed")),
    }
}

/// A raw user row as lists answer it: no `full_avatar_url`, no `link`, no group.
fn raw_user(u: &user::User, ctx: &ReqCtx) -> user::UserJson {
    let mut data = user::user_json(u, &ctx.urls, "", None);
    data.full_avatar_url = String::new();
    data.link = String::new();
    data
}

/// `GET /api/retailer/orders` (UA): orders the user earns from, as the sharer or the
/// sharer's parent; the shape of `/api/orders` (`user` is the buyer).
pub async fn orders(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let (offset, limit) = page(&p);
    let conn = state.db();
    let (found, total) = order::list_shared(&conn, ctx.site.id, me.id, offset, limit)?;
    let mut items = Vec::with_capacity(found.len());
    for o in &found {
        let mut value = super::order::order_json(&conn, &ctx, o, false)?;
        value["user"] = match user::find(&conn, ctx.site.id, o.user_id)? {
            Some(buyer) => serde_json::to_value(raw_user(&buyer, &ctx))?,
            None => Value::Null,
        };
        items.push(value);
    }
    Ok(reply::ok_list(total, items, true))
}

/// `GET /api/retailer/members` (UA): both levels, newest first; `parent_id` tells the level
/// (the retailer's id: first level; a first-level member's id: second level).
pub async fn members(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let (offset, limit) = page(&p);
    let conn = state.db();
    let (ids, total) = retailer::members(&conn, ctx.site.id, me.id, offset, limit)?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(u) = user::find(&conn, ctx.site.id, id)? {
            items.push(raw_user(&u, &ctx));
        }
    }
    Ok(reply::ok_list(total, items, true))
}

/// `GET /api/retailer/commissions` (UA): newest first, each with its `order` (no lines).
pub async fn commissions(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let (offset, limit) = page(&p);
    let conn = state.db();
    let (rows, total) = retailer::commissions(&conn, ctx.site.id, me.id, offset, limit)?;
    let mut items = Vec::with_capacity(rows.len());
    for c in rows {
        let found = order::by_order_id(&conn, ctx.site.id, &c.order_id)?;
        let mut value = serde_json::to_value(&c)?;
        value["order"] = match found {
            Some(o) => {
                let mut o = serde_json::to_value(o)?;
                o["details"] = Value::Null;
                o
            }
            None => Value::Null,
        };
        items.push(value);
    }
    Ok(reply::ok_list(total, items, true))
}

/// `GET /api/retailer/withdraw` (UA): the user's withdrawals, newest first.
pub async fn withdraw_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let (offset, limit) = page(&p);
    let (rows, total) = retailer::withdraws(&state.db(), ctx.site.id, me.id, offset, limit)?;
    Ok(reply::ok_list(total, rows, true))
}

/// `POST /api/retailer/withdraw` (UA, no body): every unwithdrawn commission becomes one
/// withdrawal. Success is `{"code":-1,"msg":"withdrawal application submitted"}`.
pub async fn withdraw_apply(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let mut conn = state.db();
    let tx = conn.transaction()?;
    let outcome = retailer::apply_withdraw(&tx, ctx.site.id, me.id, auth::now())?;
    tx.commit()?;
    Ok(match outcome {
        Ok(_) => reply::fail(WITHDRAW_SUBMITTED),
        Err(WithdrawRefusal::Nothing) => reply::fail(WITHDRAW_NOTHING),
        Err(WithdrawRefusal::TooLow(total)) => reply::fail(too_low(total)),
    })
}

/// `the withdrawal amount is too low: ¥1.50 available, at least ¥2.00`.
pub fn too_low(total: i64) -> String {
    format!(
        "the withdrawal amount is too low: ¥{} available, at least ¥{}",
        reply::yuan_text(total),
        reply::yuan_text(MIN_WITHDRAW)
    )
}
