//! Documented-edition endpoints (§12): product SKUs and the cart. Registered only with
//! `--edition documented`; the open-source build answers these paths with the HTML 404.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::Extension;
use serde::Deserialize;
use serde_json::json;

use super::read_json;
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiError, ApiResult};
use crate::repo::archive::{self, Env, View};
use crate::repo::{module, shop};
use crate::AppState;

/// Upper bound for a cart line, so amounts can never overflow.
const MAX_QUANTITY: i64 = 9_999;

/// `GET /api/archive/sku?id=` or `?filename=`. Products without specifications answer
/// with empty `options`/`skus` and the archive's own price and stock.
pub async fn sku(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let token = p.non_empty("filename").or_else(|| p.non_empty("url_token"));
    let Some(a) = archive::lookup(&conn, site_id, p.i64_or("id", 0), token)? else {
        return Ok(reply::fail("no archive found"));
    };
    let options = shop::options(&conn, site_id, a.id)?;
    let skus = shop::skus(&conn, site_id, a.id)?;
    let (min_price, max_price, stock) = if skus.is_empty() {
        (a.price, a.price, a.stock)
    } else {
        (
            skus.iter().map(|s| s.price).min().unwrap_or(a.price),
            skus.iter().map(|s| s.price).max().unwrap_or(a.price),
            skus.iter().map(|s| s.stock).sum(),
        )
    };
    let skus_json: Vec<shop::SkuJson> = skus
        .into_iter()
        .map(|s| shop::SkuJson {
            id: s.id,
            title: s.title,
            price: s.price,
            stock: s.stock,
            image: ctx.urls.abs(&s.image),
            option_ids: s.option_ids,
        })
        .collect();
    Ok(reply::ok(json!({
        "id": a.id,
        "title": a.title,
        "currency": "CNY",
        "currency_symbol": "¥",
        "price": a.price,
        "min_price": min_price,
        "max_price": max_price,
        "user_limit": 0,
        "quota_used": 0,
        "order_count": a.views / 25,
        "stock": stock,
        "options": options,
        "skus": skus_json,
        "wholesale_rules": [],
    })))
}

/// The cart owner: the logged-in user, else the anonymous `cart` token (header, then cookie).
fn owner(ctx: &ReqCtx, headers: &HeaderMap) -> Option<String> {
    if let Some(u) = &ctx.user {
        return Some(format!("user:{}", u.id));
    }
    headers
        .get("cart")
        .and_then(|v| v.to_str().ok())
        .or_else(|| auth::cookie(headers, "cart"))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 128)
        .map(|t| format!("cart:{t}"))
}

/// `GET /api/cart/list` (guest or user): `current`/`pageSize` paging, `total` = lines.
pub async fn cart_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    p: Params,
) -> ApiResult {
    let Some(owner) = owner(&ctx, &headers) else {
        return Ok(reply::ok_list(0, Vec::<shop::CartItemJson>::new(), true));
    };
    let conn = state.db();
    let site_id = ctx.site.id;
    let lines = shop::lines(&conn, site_id, &owner)?;
    let total = lines.len() as i64;
    let page_size = p.i64_or("pageSize", 20).clamp(1, 100);
    let current = p.i64_or("current", 1).max(1);
    let modules = module::list(&conn, site_id)?;
    let env = Env {
        site_id,
        urls: &ctx.urls,
        modules: &modules,
        categories: &[],
        user: ctx.user.as_ref(),
        group: ctx.group.as_ref(),
    };
    let mut items = Vec::new();
    for line in lines
        .iter()
        .skip(
            (current - 1)
                .saturating_mul(page_size)
                .min(i64::from(u32::MAX)) as usize,
        )
        .take(page_size as usize)
    {
        let Some(a) = archive::get(&conn, site_id, line.archive_id)? else {
            continue;
        };
        let sku = if line.sku_id > 0 {
            shop::sku(&conn, site_id, line.sku_id)?
        } else {
            None
        };
        let mut j = archive::to_json(&conn, &env, &a, View::default())?;
        let unit = sku.as_ref().map(|s| s.price).unwrap_or(a.price);
        j.price = unit;
        items.push(shop::CartItemJson {
            archive: j,
            cart_id: line.id,
            sku_id: line.sku_id,
            sku_title: sku.map(|s| s.title).unwrap_or_default(),
            quantity: line.quantity,
            amount: unit.saturating_mul(line.quantity),
            origin_amount: unit.saturating_mul(line.quantity),
            order_extra: line.order_extra.clone(),
            is_wholesale: false,
        });
    }
    Ok(reply::ok_list(total, items, true))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CartLineReq {
    archive_id: i64,
    sku_id: i64,
    quantity: i64,
    order_extra: serde_json::Value,
    id: i64,
}

fn extra_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Validates the product and (optional) SKU of a cart request.
fn check_goods(
    conn: &rusqlite::Connection,
    site_id: i64,
    req: &CartLineReq,
) -> Result<(), ApiError> {
    if archive::get(conn, site_id, req.archive_id)?.is_none() {
        return Err(ApiError::new("no archive found"));
    }
    if req.sku_id > 0 {
        let sku = shop::sku(conn, site_id, req.sku_id)?;
        if sku.is_none_or(|s| s.archive_id != req.archive_id) {
            return Err(ApiError::new("the selected specification does not exist"));
        }
    }
    Ok(())
}

/// `POST /api/cart/add`: adds a line or raises the existing line's quantity. A guest
/// without a `cart` token gets one as a cookie.
pub async fn cart_add(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let req: CartLineReq = read_json(&body)?;
    let (owner, new_token) = match owner(&ctx, &headers) {
        Some(o) => (o, None),
        None => {
            let t = auth::random_hex(32);
            (format!("cart:{t}"), Some(t))
        }
    };
    let conn = state.db();
    let site_id = ctx.site.id;
    check_goods(&conn, site_id, &req)?;
    let quantity = req.quantity.clamp(1, MAX_QUANTITY);
    let extra = extra_string(&req.order_extra);
    let line = shop::NewLine {
        archive_id: req.archive_id,
        sku_id: req.sku_id.max(0),
        quantity,
        order_extra: &extra,
    };
    let id = shop::add(&conn, site_id, &owner, &line, auth::now())?;
    let mut resp = reply::ok_msg(
        "Added to cart",
        json!({"id": id, "archive_id": req.archive_id, "sku_id": req.sku_id.max(0), "quantity": quantity}),
    );
    if let Some(t) = new_token
        .and_then(|t| HeaderValue::from_str(&format!("cart={t}; Path=/; Max-Age=2592000")).ok())
    {
        resp.headers_mut().append(header::SET_COOKIE, t);
    }
    Ok(resp)
}

/// `POST /api/cart/update`: sets the quantity of a product/SKU line (0 removes it).
pub async fn cart_update(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let req: CartLineReq = read_json(&body)?;
    let Some(owner) = owner(&ctx, &headers) else {
        return Ok(reply::fail("cart item not found"));
    };
    let conn = state.db();
    let site_id = ctx.site.id;
    let lines = shop::lines(&conn, site_id, &owner)?;
    let Some(line) = lines
        .iter()
        .find(|l| l.archive_id == req.archive_id && l.sku_id == req.sku_id.max(0))
    else {
        return Ok(reply::fail("cart item not found"));
    };
    if req.quantity <= 0 {
        shop::remove(&conn, site_id, &owner, line.id)?;
    } else {
        shop::set_quantity(
            &conn,
            site_id,
            &owner,
            req.archive_id,
            line.sku_id,
            req.quantity.min(MAX_QUANTITY),
            auth::now(),
        )?;
    }
    Ok(reply::ok_msg(
        "Updated",
        json!({"id": line.id, "quantity": req.quantity.clamp(0, MAX_QUANTITY)}),
    ))
}

/// `POST /api/cart/remove` with the cart **record** id.
pub async fn cart_remove(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let req: CartLineReq = read_json(&body)?;
    let Some(owner) = owner(&ctx, &headers) else {
        return Ok(reply::fail("cart item not found"));
    };
    if shop::remove(&state.db(), ctx.site.id, &owner, req.id)? {
        Ok(reply::ok_msg("Removed", serde_json::Value::Null))
    } else {
        Ok(reply::fail("cart item not found"))
    }
}
