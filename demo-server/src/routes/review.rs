//! Documented edition only (§12; the open-source build answers these paths with the HTML
//! 404): the wishlist and product reviews.

use axum::body::Bytes;
use axum::extract::State;
use axum::Extension;
use serde::Deserialize;
use serde_json::Value;

use super::{int_value, read_json};
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::archive;
use crate::repo::review::{self, NewReview, NewWish, WishJson};
use crate::repo::{module, order, thumb_path};
use crate::AppState;

/// At most this many review images.
pub const MAX_IMAGES: usize = 9;
const MAX_TEXT: usize = 2_000;

fn paging(p: &Params, default: i64) -> (i64, i64) {
    let size = p.i64_or("pageSize", default).clamp(1, 100);
    let current = p.i64_or("current", 1).clamp(1, 1_000_000);
    ((current - 1) * size, size)
}

/// `GET /api/wishlist/list?current=&pageSize=` (login): highest priority first, then
/// newest. `price` is the current price, `origin_price` the price when added.
pub async fn wishlist(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let (offset, limit) = paging(&p, 20);
    let conn = state.db();
    let site_id = ctx.site.id;
    let (rows, total) = review::wishes(&conn, site_id, me.id, offset, limit)?;
    let modules = module::list(&conn, site_id)?;
    let mut items = Vec::new();
    for w in rows {
        let a = archive::get(&conn, site_id, w.archive_id)?;
        let price = review::current_price(&conn, site_id, w.archive_id, w.sku_id)?
            .unwrap_or(w.origin_price);
        let logo = a
            .as_ref()
            .and_then(|a| a.images.first().cloned())
            .unwrap_or_default();
        items.push(WishJson {
            id: w.id,
            archive_id: w.archive_id,
            sku_id: w.sku_id,
            title: a.as_ref().map(|a| a.title.clone()).unwrap_or_default(),
            thumb: ctx.urls.abs(&thumb_path(&logo)),
            link: a
                .as_ref()
                .map(|a| archive::link(a, &ctx.urls, &modules))
                .unwrap_or_default(),
            remark: w.remark,
            origin_price: w.origin_price,
            target_price: w.target_price,
            price,
            priority: w.priority,
            created_time: w.created_time,
        });
    }
    Ok(reply::ok_list(total, items, true))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WishReq {
    archive_id: Value,
    sku_id: Value,
    remark: Option<String>,
    target_price: Option<Value>,
    priority: Option<Value>,
}

/// `POST /api/wishlist/add` `{archive_id, sku_id?, remark?, target_price?, priority?}`
/// (login): adds a record, or updates the note/target/priority of the same product and
/// SKU (what is not sent is kept; `origin_price` always is).
pub async fn wishlist_add(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: WishReq = read_json(&body)?;
    let site = &ctx.site;
    let archive_id = int_value(&req.archive_id).unwrap_or(0);
    let sku_id = int_value(&req.sku_id).unwrap_or(0).max(0);
    let conn = state.db();
    if archive_id <= 0 || archive::get(&conn, site.id, archive_id)?.is_none() {
        return Ok(reply::fail(reply::say(
            site,
            "文档不存在",
            "The document does not exist",
        )));
    }
    let Some(price) = review::current_price(&conn, site.id, archive_id, sku_id)? else {
        return Ok(reply::fail(reply::say(
            site,
            "所选规格不存在",
            "The selected specification does not exist",
        )));
    };
    let target = req
        .target_price
        .as_ref()
        .map(|v| int_value(v).unwrap_or(0).max(0));
    let priority = req
        .priority
        .as_ref()
        .map(|v| int_value(v).unwrap_or(0).clamp(0, 100));
    let remark: Option<String> = req
        .remark
        .as_ref()
        .map(|r| r.trim().chars().take(250).collect());
    let now = auth::now();
    let id = match review::wish_of(&conn, site.id, me.id, archive_id, sku_id)? {
        Some(w) => {
            review::update_wish(
                &conn,
                w.id,
                remark.as_deref().unwrap_or(&w.remark),
                target.unwrap_or(w.target_price),
                priority.unwrap_or(w.priority),
                now,
            )?;
            w.id
        }
        None => review::insert_wish(
            &conn,
            site.id,
            me.id,
            &NewWish {
                archive_id,
                sku_id,
                remark: remark.as_deref().unwrap_or(""),
                origin_price: price,
                target_price: target.unwrap_or(0),
                priority: priority.unwrap_or(0),
                now,
            },
        )?,
    };
    let Some(w) = review::wish(&conn, site.id, id)? else {
        return Ok(reply::fail("wishlist save failed"));
    };
    let a = archive::get(&conn, site.id, archive_id)?;
    let modules = module::list(&conn, site.id)?;
    let logo = a
        .as_ref()
        .and_then(|a| a.images.first().cloned())
        .unwrap_or_default();
    Ok(reply::ok_msg(
        reply::say(site, "已加入心愿单", "Added to your wishlist"),
        WishJson {
            id: w.id,
            archive_id,
            sku_id,
            title: a.as_ref().map(|a| a.title.clone()).unwrap_or_default(),
            thumb: ctx.urls.abs(&thumb_path(&logo)),
            link: a
                .as_ref()
                .map(|a| archive::link(a, &ctx.urls, &modules))
                .unwrap_or_default(),
            remark: w.remark,
            origin_price: w.origin_price,
            target_price: w.target_price,
            price,
            priority: w.priority,
            created_time: w.created_time,
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IdReq {
    id: Value,
}

/// `POST /api/wishlist/delete` `{id}` (login): the record id, own records only.
pub async fn wishlist_delete(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: IdReq = read_json(&body)?;
    let id = int_value(&req.id).unwrap_or(0);
    if review::delete_wish(&state.db(), ctx.site.id, me.id, id)? == 0 {
        return Ok(reply::fail(reply::say(
            &ctx.site,
            "心愿单记录不存在",
            "The wishlist record does not exist",
        )));
    }
    Ok(reply::ok(Value::Null))
}

/// `GET /api/review/list?archive_id=&score=&current=&pageSize=`: approved reviews only,
/// newest first; `score` 1–5 keeps one score (the shop draws the distribution from five
/// `score=N&pageSize=1` totals).
pub async fn reviews(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let (offset, limit) = paging(&p, 10);
    let score = p.i64_or("score", 0);
    let score = if (1..=5).contains(&score) { score } else { 0 };
    let conn = state.db();
    let (rows, total) = review::approved(
        &conn,
        ctx.site.id,
        p.i64_or("archive_id", 0).max(0),
        score,
        offset,
        limit,
    )?;
    let items: Vec<_> = rows
        .iter()
        .map(|r| review::review_json(r, &ctx.urls))
        .collect();
    Ok(reply::ok_list(total, items, true))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PublishReq {
    archive_id: Value,
    sku_id: Value,
    order_id: Value,
    score: Value,
    content: String,
    images: Vec<Value>,
    user_name: String,
}

/// `POST /api/review/publish` (login) `{archive_id, sku_id?, order_id?, score, content,
/// images?, user_name?}`: a pending review (status 0). With `order_id` it must be the
/// user's own completed order containing the product, reviewed once per product.
pub async fn publish(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(me) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: PublishReq = read_json(&body)?;
    let site = &ctx.site;
    let say = |zh: &'static str, en: &'static str| Ok(reply::fail(reply::say(site, zh, en)));
    let archive_id = int_value(&req.archive_id).unwrap_or(0);
    let conn = state.db();
    if archive_id <= 0 || archive::get(&conn, site.id, archive_id)?.is_none() {
        return say("文档不存在", "The document does not exist");
    }
    let score = int_value(&req.score).unwrap_or(0);
    if !(1..=5).contains(&score) {
        return say("评分须为 1 到 5 分", "The score must be from 1 to 5");
    }
    let content = req.content.trim();
    if content.is_empty() {
        return say("请填写评价内容", "Please write your review");
    }
    if content.chars().count() > MAX_TEXT {
        return say("评价内容太长", "The review is too long");
    }
    if req.images.len() > MAX_IMAGES {
        return say("最多上传 9 张图片", "At most 9 images");
    }
    let mut images = Vec::new();
    for v in &req.images {
        match v.as_str().map(str::trim) {
            Some(s)
                if s.starts_with("http://")
                    || s.starts_with("https://")
                    || s.starts_with("/uploads/") =>
            {
                images.push(s.to_string())
            }
            _ => return say("图片地址无效", "An image address is invalid"),
        }
    }
    let order_id = match &req.order_id {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    if !order_id.is_empty() {
        let found = order::by_order_id(&conn, site.id, &order_id)?.filter(|o| o.user_id == me.id);
        let Some(o) = found else {
            return say("订单不存在", "The order does not exist");
        };
        if o.status != 3 {
            return say("订单尚未完成", "The order is not completed yet");
        }
        if !order::details(&conn, site.id, &order_id)?
            .iter()
            .any(|d| d.goods_id == archive_id)
        {
            return say(
                "订单中没有该商品",
                "The order does not contain this product",
            );
        }
        if review::reviewed(&conn, site.id, &order_id, archive_id)? {
            return say(
                "您已评价过该订单中的这件商品",
                "You have already reviewed this product for this order",
            );
        }
    }
    let user_name = match req.user_name.trim() {
        "" => me.user_name.clone(),
        name => name.chars().take(50).collect(),
    };
    let id = review::insert_review(
        &conn,
        site.id,
        &NewReview {
            archive_id,
            sku_id: int_value(&req.sku_id).unwrap_or(0).max(0),
            order_id: &order_id,
            user_id: me.id,
            user_name: &user_name,
            score,
            content,
            images: &images,
            status: 0,
            reply: "",
            hostile: false,
            now: auth::now(),
        },
    )?;
    let Some(saved) = review::review(&conn, id)? else {
        return Ok(reply::fail("review failed"));
    };
    Ok(reply::ok_msg(
        reply::say(
            site,
            "提交成功，审核后显示",
            "submitted, shown after review",
        ),
        review::review_json(&saved, &ctx.urls),
    ))
}
