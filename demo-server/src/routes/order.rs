//! The address book (§6.10), on both editions. Orders and payment build on it.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;

use super::read_json;
use crate::auth::{self, ReqCtx};
use crate::reply::{self, ApiResult};
use crate::repo::order::{self, Address};
use crate::AppState;

/// `GET /api/order/addresses`: newest first, `msg: null`, `data: null` when there are none.
pub async fn addresses(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let list = order::addresses(&state.db(), ctx.site.id, user.id)?;
    Ok(reply::json_body(
        StatusCode::OK,
        &reply::Envelope {
            code: 0,
            msg: None::<&str>,
            total: None,
            data: (!list.is_empty()).then_some(list),
        },
    ))
}

/// `GET /api/order/address`: the newest address, or -1 "record not found".
pub async fn latest_address(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    match order::addresses(&state.db(), ctx.site.id, user.id)?
        .into_iter()
        .next()
    {
        Some(address) => Ok(reply::ok(address)),
        None => Ok(reply::fail("record not found")),
    }
}

/// `POST /api/order/address`: creates one, or overwrites every field of the user's own `id`.
pub async fn save_address(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let input: Address = read_json(&body)?;
    match order::save(&state.db(), ctx.site.id, user.id, &input, auth::now())? {
        Some(address) => Ok(reply::ok(address)),
        None => Ok(reply::fail("address does not exist")),
    }
}
