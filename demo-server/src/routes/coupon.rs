//! Coupons (documented edition, §12): the valid list, claiming a code, my codes.
//! Registered only with `--edition documented`; the open-source build answers these paths
//! with the HTML 404, like the cart.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use serde::Deserialize;
use serde_json::Value;

use super::{int_value, read_json};
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::coupon::{self, CodeFilter, Refusal};
use crate::AppState;

/// The list envelope these routes answer: `msg: null`, `data: null` when empty.
fn list<T: serde::Serialize>(total: Option<i64>, items: Vec<T>) -> axum::response::Response {
    reply::json_body(
        StatusCode::OK,
        &reply::Envelope {
            code: 0,
            msg: None,
            total,
            data: (!items.is_empty()).then_some(items),
        },
    )
}

/// `GET /api/coupon/valid?amount=<cents>&archive_id=<id>`: the coupons usable or claimable
/// now, newest first, each with the user's unused code. Left out: not started, expired, run
/// out (unless the user holds a code), and those the user has used up their `per_user` of.
/// `amount` keeps those whose minimum it meets; `archive_id` keeps shop-wide ones and that
/// product's.
pub async fn valid(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let amount = p.non_empty("amount").and_then(|v| v.parse::<i64>().ok());
    let archive_id = p.i64_or("archive_id", 0);
    let now = auth::now();
    let conn = state.db();
    let codes = coupon::codes_of(&conn, ctx.site.id, user.id)?;
    let mut items = Vec::new();
    for c in coupon::all(&conn, ctx.site.id)? {
        if !c.started(now) || c.expired(now) {
            continue;
        }
        let held = codes.iter().find(|k| k.coupon_id == c.id && k.status == 0);
        let taken = codes.iter().filter(|k| k.coupon_id == c.id).count() as i64;
        if held.is_none() && (c.run_out() || taken >= c.per_user_limit()) {
            continue;
        }
        if amount.is_some_and(|a| c.min_cents > a) {
            continue;
        }
        if archive_id > 0 && c.archive_id != 0 && c.archive_id != archive_id {
            continue;
        }
        items.push(coupon::coupon_json(&c, held));
    }
    Ok(list(None, items))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ClaimReq {
    /// The coupon id, a number or a numeric string.
    id: Value,
}

/// `POST /api/coupon/code` `{"id": coupon_id}`: claims a code. The counter and the code
/// change in one transaction; a claim past `per_user` is refused.
pub async fn claim(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: ClaimReq = read_json(&body)?;
    let Some(id) = int_value(&req.id).filter(|id| *id > 0) else {
        return Ok(reply::fail(Refusal::NotFound.message(&ctx.site)));
    };
    let mut conn = state.db();
    let tx = conn.transaction()?;
    match coupon::claim(&tx, ctx.site.id, id, user.id, auth::now())? {
        Ok((code, c)) => {
            tx.commit()?;
            Ok(reply::ok_msg(
                reply::say(&ctx.site, "领取成功", "Coupon claimed"),
                coupon::code_json(&code, &c, true),
            ))
        }
        Err(refusal) => Ok(reply::fail(refusal.message(&ctx.site))),
    }
}

/// `GET /api/coupon/codes?status=&current=&pageSize=`: the user's codes, newest first, with
/// `total`. `status` 0 unused (and not expired), 1 used, 2 expired; anything else all.
pub async fn codes(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let filter = CodeFilter::parse(p.str("status"));
    let page = p.i64_or("current", 1).clamp(1, 1_000_000);
    let size = p.i64_or("pageSize", 20).clamp(1, 100);
    let now = auth::now();
    let conn = state.db();
    let site_id = ctx.site.id;
    let (found, total) = coupon::page(
        &conn,
        site_id,
        user.id,
        filter,
        now,
        (page - 1) * size,
        size,
    )?;
    let mine = coupon::codes_of(&conn, site_id, user.id)?;
    let mut items = Vec::with_capacity(found.len());
    for k in &found {
        let Some(c) = coupon::get(&conn, site_id, k.coupon_id)? else {
            continue;
        };
        let held = mine.iter().any(|m| m.coupon_id == c.id && m.status == 0);
        items.push(coupon::code_json(k, &c, held));
    }
    Ok(list(Some(total), items))
}
