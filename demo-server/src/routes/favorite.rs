//! Favorites (§6.11), on both editions: list and check answer without a `msg` key, and
//! `favorite/add` is a toggle.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{int_value, read_json};
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::archive::{self, Env, View};
use crate::repo::favorite::{self, Favorite};
use crate::repo::module;
use crate::AppState;

/// `{code, total, data}`: the favorite list's envelope has no `msg`.
#[derive(Serialize)]
struct NoMsgList<T: Serialize> {
    code: i64,
    total: i64,
    data: Option<Vec<T>>,
}

/// `{code, data}` of `favorite/check`.
#[derive(Serialize)]
struct NoMsg<T: Serialize> {
    code: i64,
    data: Option<Vec<T>>,
}

/// `GET /api/favorite/list?current=&pageSize=` (UA): raw archives, `password` not blanked.
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let page_size = p.i64_or("pageSize", 20).clamp(1, 100);
    let current = p.i64_or("current", 1).clamp(1, 1_000_000);
    let conn = state.db();
    let site_id = ctx.site.id;
    let (rows, total) = favorite::page(
        &conn,
        site_id,
        user.id,
        (current - 1) * page_size,
        page_size,
    )?;
    let modules = module::list(&conn, site_id)?;
    let env = Env {
        site_id,
        urls: &ctx.urls,
        modules: &modules,
        categories: &[],
        user: None,
        group: None,
    };
    let mut items = Vec::new();
    for f in rows {
        if let Some(a) = archive::get(&conn, site_id, f.archive_id)? {
            let mut j = archive::to_json(&conn, &env, &a, View::default())?;
            j.password = a.password.clone();
            items.push(j);
        }
    }
    Ok(reply::json_body(
        StatusCode::OK,
        &NoMsgList {
            code: 0,
            total,
            data: (!items.is_empty()).then_some(items),
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CheckReq {
    archive_id: Value,
    archive_ids: Vec<Value>,
}

/// `POST /api/favorite/check` `{archive_id}` and/or `{archive_ids:[…]}` (UA): the
/// existing favorites among them, `null` when none.
pub async fn check(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: CheckReq = read_json(&body)?;
    let mut ids: Vec<i64> = int_value(&req.archive_id).into_iter().collect();
    ids.extend(req.archive_ids.iter().filter_map(int_value));
    ids.truncate(200);
    let found: Vec<Favorite> = favorite::of_archives(&state.db(), ctx.site.id, user.id, &ids)?;
    Ok(reply::json_body(
        StatusCode::OK,
        &NoMsg {
            code: 0,
            data: (!found.is_empty()).then_some(found),
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddReq {
    archive_id: Value,
    sku_id: Value,
}

/// `POST /api/favorite/add` `{archive_id, sku_id?}` (UA): a TOGGLE. An existing favorite
/// is removed (`is_favorite: false`), otherwise added (`true`); an unknown archive is -1.
pub async fn add(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: AddReq = read_json(&body)?;
    let archive_id = int_value(&req.archive_id).unwrap_or(0);
    let conn = state.db();
    let site_id = ctx.site.id;
    if archive_id <= 0 || archive::get(&conn, site_id, archive_id)?.is_none() {
        return Ok(reply::fail(reply::say(
            &ctx.site,
            "文档不存在",
            "The document does not exist",
        )));
    }
    let is_favorite = if favorite::find(&conn, site_id, user.id, archive_id)?.is_some() {
        favorite::delete(&conn, site_id, user.id, archive_id)?;
        false
    } else {
        let sku_id = int_value(&req.sku_id).unwrap_or(0).max(0);
        favorite::add(&conn, site_id, user.id, archive_id, sku_id, auth::now())?;
        true
    };
    Ok(reply::ok(json!({ "is_favorite": is_favorite })))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteReq {
    archive_id: Value,
}

/// `POST /api/favorite/delete` `{archive_id}` (UA): always `code:0`.
pub async fn delete(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: DeleteReq = read_json(&body)?;
    if let Some(id) = int_value(&req.archive_id) {
        favorite::delete(&state.db(), ctx.site.id, user.id, id)?;
    }
    Ok(reply::ok(Value::Null))
}
