//! The address book and orders (§6.10), on both editions. Payment builds on it.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;
use serde_json::{json, Value};

use super::read_json;
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::coupon::{self, Refusal};
use crate::repo::order::{self, Address};
use crate::repo::{archive, retailer, shop, site, user};
use crate::{AppState, Edition};

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

/// A line of `details[]`, or the single-item fields. Prices sent by the client are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LineReq {
    goods_id: i64,
    quantity: i64,
    /// Documented edition: the SKU (`goods_sku_id`; `goods_item_id` is ignored as on the
    /// open-source server).
    goods_sku_id: i64,
}

/// The body of `order/create` and `order/checkout`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CreateReq {
    #[serde(rename = "type")]
    kind: String,
    goods_id: i64,
    quantity: i64,
    goods_sku_id: i64,
    details: Option<Vec<LineReq>>,
    remark: String,
    address: Option<Address>,
    /// Documented edition: the coupon, by code row id (number or numeric string), by the
    /// code's text, or by coupon id (then the user's unused code of it). The open-source
    /// server ignores all three.
    coupon_code_id: Value,
    coupon_code: Value,
    coupon_id: Value,
}

impl CreateReq {
    fn wanted(&self) -> Vec<&LineReq> {
        match &self.details {
            Some(d) if !d.is_empty() => d.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// A line priced from the database: the list price, and what the shopper pays per piece
/// (the member price: the group's `discount` percentage of it, on the documented edition).
struct Priced {
    line: order::NewLine,
    title: String,
    /// The stored image path (the SKU's, else the product's first).
    image: String,
}

/// Prices the requested lines exactly as `order/create` stores them, checking what create
/// checks (existence, one seller, the SKU, stock on the documented edition). `Err` is the
/// refusal to answer. Also returns the real server's default remark.
fn price_lines(
    conn: &rusqlite::Connection,
    ctx: &ReqCtx,
    req: &CreateReq,
    documented: bool,
) -> Result<Result<(Vec<Priced>, String), Response>, reply::ApiError> {
    let single = LineReq {
        goods_id: req.goods_id,
        quantity: req.quantity,
        goods_sku_id: req.goods_sku_id,
    };
    let mut wanted = req.wanted();
    if wanted.is_empty() {
        wanted.push(&single);
    }
    // The open-source server applies the *inviter's* group discount (§6.10); the
    // documented edition prices at the shopper's own member price.
    let discount = if documented {
        user::discount(ctx.group.as_ref())
    } else {
        inviter_discount(conn, ctx)?
    };
    let site_id = ctx.site.id;
    let mut lines = Vec::with_capacity(wanted.len());
    let mut seller = None;
    // The real server's default remark: the first goods' title and "...".
    let mut default_remark = String::new();
    for line in wanted {
        let Some(goods) = archive::get(conn, site_id, line.goods_id)? else {
            return Ok(Err(reply::fail("goods does not exist")));
        };
        if default_remark.is_empty() {
            default_remark = format!("{}...", goods.title);
        }
        if *seller.get_or_insert(goods.user_id) != goods.user_id {
            return Ok(Err(reply::fail("cross-store ordering is not supported")));
        }
        // Quantity 0 means 1, as on the real server.
        let quantity = line.quantity.max(1);
        let sku = if documented && line.goods_sku_id > 0 {
            match shop::sku(conn, site_id, line.goods_sku_id)? {
                Some(s) if s.archive_id == goods.id => Some(s),
                _ => return Ok(Err(reply::fail("specification does not exist"))),
            }
        } else {
            None
        };
        let (price, stock) = sku
            .as_ref()
            .map_or((goods.price, goods.stock), |s| (s.price, s.stock));
        if documented && stock < quantity {
            return Ok(Err(reply::fail(format!("{} is out of stock", goods.title))));
        }
        let member = if discount > 0 {
            price.saturating_mul(discount) / 100
        } else {
            price
        };
        let image = sku
            .as_ref()
            .map(|s| s.image.clone())
            .filter(|i| !i.is_empty())
            .or_else(|| goods.images.first().cloned())
            .unwrap_or_default();
        lines.push(Priced {
            line: order::NewLine {
                goods_id: goods.id,
                goods_item_id: sku.map_or(0, |s| s.id),
                origin_price: price,
                price: member,
                quantity,
            },
            title: goods.title,
            image,
        });
    }
    Ok(Ok((lines, default_remark)))
}

/// The open-source pricing rule: the discount of the shopper's inviter's group (0 without
/// an inviter, and for guests).
fn inviter_discount(conn: &rusqlite::Connection, ctx: &ReqCtx) -> rusqlite::Result<i64> {
    let Some(parent_id) = ctx.user.as_ref().map(|u| u.parent_id).filter(|&p| p > 0) else {
        return Ok(0);
    };
    let Some(parent) = user::find(conn, ctx.site.id, parent_id)? else {
        return Ok(0);
    };
    let group = user::group(conn, ctx.site.id, parent.group_id)?;
    Ok(user::discount(group.as_ref()))
}

/// How the request names its coupon.
enum CouponPick {
    None,
    CodeId(i64),
    Text(String),
    Coupon(i64),
    /// Something that cannot name a code (`coupon_code_id: "abc"`).
    Invalid,
}

fn coupon_pick(req: &CreateReq) -> CouponPick {
    let given = |v: &Value| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty() && s.trim() != "0",
        Value::Number(n) => n.as_f64() != Some(0.0),
        _ => true,
    };
    if given(&req.coupon_code_id) {
        return match super::int_value(&req.coupon_code_id) {
            Some(id) if id > 0 => CouponPick::CodeId(id),
            _ => CouponPick::Invalid,
        };
    }
    if given(&req.coupon_code) {
        return match &req.coupon_code {
            Value::String(s) => CouponPick::Text(s.trim().to_string()),
            Value::Number(n) => CouponPick::Text(n.to_string()),
            _ => CouponPick::Invalid,
        };
    }
    if given(&req.coupon_id) {
        return match super::int_value(&req.coupon_id) {
            Some(id) if id > 0 => CouponPick::Coupon(id),
            _ => CouponPick::Invalid,
        };
    }
    CouponPick::None
}

/// A coupon code that applies to the priced lines, with its discount.
struct Applied {
    code: coupon::Code,
    coupon: coupon::Coupon,
    discount: i64,
}

/// Finds the user's code the request names and checks it applies now to these lines.
fn resolve_coupon(
    conn: &rusqlite::Connection,
    site_id: i64,
    user_id: Option<i64>,
    pick: CouponPick,
    lines: &[Priced],
    now: i64,
) -> rusqlite::Result<Result<Option<Applied>, Refusal>> {
    if matches!(pick, CouponPick::None) {
        return Ok(Ok(None));
    }
    // A guest holds no codes.
    let Some(user_id) = user_id else {
        return Ok(Err(Refusal::NotFound));
    };
    let code = match pick {
        CouponPick::CodeId(id) => coupon::code(conn, site_id, id)?,
        CouponPick::Text(text) => coupon::code_by_text(conn, site_id, &text)?,
        CouponPick::Coupon(coupon_id) => {
            let mine: Vec<coupon::Code> = coupon::codes_of(conn, site_id, user_id)?
                .into_iter()
                .filter(|k| k.coupon_id == coupon_id)
                .collect();
            match mine.iter().find(|k| k.status == 0) {
                Some(k) => Some(k.clone()),
                None if coupon::get(conn, site_id, coupon_id)?.is_none() => None,
                None if !mine.is_empty() => return Ok(Err(Refusal::Used)),
                None => return Ok(Err(Refusal::NotClaimed)),
            }
        }
        CouponPick::None | CouponPick::Invalid => None,
    };
    // Someone else's code is as good as none.
    let Some(code) = code.filter(|k| k.user_id == user_id) else {
        return Ok(Err(Refusal::NotFound));
    };
    let Some(c) = coupon::get(conn, site_id, code.coupon_id)? else {
        return Ok(Err(Refusal::NotFound));
    };
    let amounts: Vec<(i64, i64)> = lines
        .iter()
        .map(|l| (l.line.goods_id, l.line.amount()))
        .collect();
    let base = coupon::base(&c, &amounts);
    let title = || {
        archive::get(conn, site_id, c.archive_id)
            .ok()
            .flatten()
            .map(|a| a.title)
            .unwrap_or_else(|| format!("#{}", c.archive_id))
    };
    let discount = match coupon::applies(&c, &code, base, now, title) {
        Ok(discount) => discount,
        Err(refusal) => return Ok(Err(refusal)),
    };
    Ok(Ok(Some(Applied {
        code,
        coupon: c,
        discount,
    })))
}

/// `POST /api/order/checkout` (documented edition): the priced preview of what `create`
/// would store, with the member prices, the group discount and the coupon's discount.
/// Nothing is saved (not the address either).
pub async fn checkout(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let req: CreateReq = read_json(&body)?;
    let conn = state.db();
    let (lines, _) = match price_lines(&conn, &ctx, &req, true)? {
        Ok(priced) => priced,
        Err(refusal) => return Ok(refusal),
    };
    let now = auth::now();
    let applied = match resolve_coupon(
        &conn,
        ctx.site.id,
        Some(user.id),
        coupon_pick(&req),
        &lines,
        now,
    )? {
        Ok(applied) => applied,
        Err(refusal) => return Ok(reply::fail(refusal.message(&ctx.site))),
    };
    let origin_amount = lines
        .iter()
        .fold(0i64, |sum, l| sum.saturating_add(l.line.origin_amount()));
    let member = lines
        .iter()
        .fold(0i64, |sum, l| sum.saturating_add(l.line.amount()));
    let discount = applied.as_ref().map_or(0, |a| a.discount);
    let details: Vec<Value> = lines
        .iter()
        .map(|l| {
            json!({
                "goods_id": l.line.goods_id,
                "goods_sku_id": l.line.goods_item_id,
                "title": l.title,
                "thumb": ctx.urls.abs(&crate::repo::thumb_path(&l.image)),
                "quantity": l.line.quantity,
                "origin_price": l.line.origin_price,
                "price": l.line.price,
                "origin_amount": l.line.origin_amount(),
                "amount": l.line.amount(),
            })
        })
        .collect();
    Ok(reply::ok(json!({
        "details": details,
        "origin_amount": origin_amount,
        "group_discount": origin_amount.saturating_sub(member),
        "discount_amount": discount,
        "amount": member.saturating_sub(discount),
        "coupon": match &applied {
            Some(a) => serde_json::to_value(coupon::code_json(&a.code, &a.coupon, true))?,
            None => Value::Null,
        },
    })))
}

/// Whether guests may order on the site (`PluginOrder.no_need_login`).
pub(crate) fn guest_orders(state: &AppState, ctx: &ReqCtx) -> rusqlite::Result<bool> {
    site::no_need_login(&state.db(), ctx.site.id)
}

/// Who may read or pay an order: its owner, and, while `no_need_login` is on, anyone for
/// a guest order (user_id 0). Another user's order stays private either way.
pub(crate) fn may_reach(ctx: &ReqCtx, found: &order::Order, guest_orders: bool) -> bool {
    ctx.user.as_ref().is_some_and(|u| u.id == found.user_id) || (guest_orders && found.user_id == 0)
}

/// `POST /api/order/create`: prices every line from the database, saves the address when one
/// is sent, and on the documented edition checks and reserves stock (the open-source server
/// does neither check nor decrement) and takes the coupon, marking its code used. All of it
/// happens in one transaction, so a refusal leaves nothing behind. With `no_need_login` a
/// guest may order too: the order has user_id 0.
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    if ctx.user.is_none() && !guest_orders(&state, &ctx)? {
        return Ok(reply::need_login());
    }
    let user_id = ctx.user.as_ref().map(|u| u.id);
    let req: CreateReq = read_json(&body)?;
    if req.kind == "vip" {
        return create_vip(&state, &ctx, &req);
    }
    let documented = state.opts().edition == Edition::Documented;
    let mut conn = state.db();
    let site_id = ctx.site.id;
    let (priced, default_remark) = match price_lines(&conn, &ctx, &req, documented)? {
        Ok(priced) => priced,
        Err(refusal) => return Ok(refusal),
    };
    let now = auth::now();
    let tx = conn.transaction()?;
    let applied = if documented {
        match resolve_coupon(&tx, site_id, user_id, coupon_pick(&req), &priced, now)? {
            Ok(applied) => applied,
            Err(refusal) => return Ok(reply::fail(refusal.message(&ctx.site))),
        }
    } else {
        None
    };
    let address_id = match (&req.address, user_id) {
        (Some(address), Some(user_id)) => match order::save(&tx, site_id, user_id, address, now)? {
            Some(saved) => saved.id,
            None => return Ok(reply::fail("address does not exist")),
        },
        // A guest's address is always a new one, kept with the guest order: an `id` must
        // not reach into someone's address book.
        (Some(address), None) => {
            user::match_or_create_guest(
                &tx,
                site_id,
                &address.email,
                &address.phone,
                super::user::DEFAULT_GROUP_ID,
                now,
            )?;
            let fresh = Address {
                id: 0,
                ..address.clone()
            };
            order::save(&tx, site_id, 0, &fresh, now)?.map_or(0, |saved| saved.id)
        }
        (None, _) => 0,
    };
    let kind = if req.kind.is_empty() {
        "goods"
    } else {
        req.kind.as_str()
    };
    let remark = if req.remark.is_empty() {
        default_remark
    } else {
        req.remark.clone()
    };
    let lines: Vec<order::NewLine> = priced.into_iter().map(|p| p.line).collect();
    let coupon_code_id = applied
        .as_ref()
        .map(|a| a.code.id.to_string())
        .unwrap_or_default();
    let new = order::NewOrder {
        user_id: user_id.unwrap_or(0),
        address_id,
        remark: &remark,
        kind,
        lines: &lines,
        discount_amount: applied.as_ref().map_or(0, |a| a.discount),
        coupon_code_id: &coupon_code_id,
    };
    let mut created = order::create(&tx, site_id, &new, now)?;
    let share = retailer::share_for(&tx, site_id, created.user_id, created.amount)?;
    retailer::set_share(&tx, site_id, &created.order_id, &share)?;
    created = with_share(created, &share);
    if let Some(a) = &applied {
        if !coupon::mark_used(&tx, site_id, a.code.id, &created.order_id, now)? {
            // Dropping the transaction rolls the order back.
            return Ok(reply::fail(Refusal::Used.message(&ctx.site)));
        }
    }
    if documented {
        reserve_stock(&tx, site_id, &lines, -1)?;
    }
    tx.commit()?;
    let mut data = serde_json::to_value(&created)?;
    data["details"] = Value::Null;
    Ok(reply::ok(data))
}

fn with_share(mut o: order::Order, share: &retailer::Share) -> order::Order {
    o.share_user_id = share.share_user_id;
    o.share_parent_user_id = share.share_parent_user_id;
    o.share_amount = share.share_amount;
    o.share_parent_amount = share.share_parent_amount;
    o
}

/// `order/create` with `type: "vip"`: buys the user group `goods_id` (top level or
/// `details[0]`). One line (goods_id = group id, quantity 1); the amount is the group's
/// price at the shopper's own group discount (what `favorable_price` shows), the list price
/// without one. No address, stock or coupon; a login is needed (a guest has no group).
/// Paying it completes it (status 3) and grants the group (`repo::retailer::grant_vip`).
fn create_vip(state: &AppState, ctx: &ReqCtx, req: &CreateReq) -> ApiResult {
    let Some(buyer) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let group_id = req
        .wanted()
        .first()
        .map(|l| l.goods_id)
        .filter(|&id| id > 0)
        .unwrap_or(req.goods_id);
    let mut conn = state.db();
    let site_id = ctx.site.id;
    let Some(g) = user::group(&conn, site_id, group_id)? else {
        return Ok(reply::fail("user group does not exist"));
    };
    if g.price <= 0 {
        return Ok(reply::fail("this user group cannot be bought"));
    }
    let price = super::group::member_price(&g, ctx.group.as_ref());
    let now = auth::now();
    let lines = [order::NewLine {
        goods_id: g.id,
        goods_item_id: 0,
        origin_price: g.price,
        price,
        quantity: 1,
    }];
    let remark = if req.remark.is_empty() {
        format!("{}...", g.title)
    } else {
        req.remark.clone()
    };
    let tx = conn.transaction()?;
    let created = order::create(
        &tx,
        site_id,
        &order::NewOrder {
            user_id: buyer.id,
            address_id: 0,
            remark: &remark,
            kind: "vip",
            lines: &lines,
            discount_amount: 0,
            coupon_code_id: "",
        },
        now,
    )?;
    let share = retailer::share_for(&tx, site_id, buyer.id, created.amount)?;
    retailer::set_share(&tx, site_id, &created.order_id, &share)?;
    tx.commit()?;
    let mut data = serde_json::to_value(with_share(created, &share))?;
    data["details"] = Value::Null;
    Ok(reply::ok(data))
}

/// Takes (`sign` -1) or gives back (+1) the stock of order lines.
fn reserve_stock(
    conn: &rusqlite::Connection,
    site_id: i64,
    lines: &[order::NewLine],
    sign: i64,
) -> rusqlite::Result<()> {
    for l in lines {
        let delta = sign.saturating_mul(l.quantity);
        if l.goods_item_id > 0 {
            conn.execute(
                "UPDATE skus SET stock = MAX(stock + ?3, 0) WHERE site_id = ?1 AND id = ?2",
                rusqlite::params![site_id, l.goods_item_id, delta],
            )?;
        }
        conn.execute(
            "UPDATE archives SET stock = MAX(stock + ?3, 0) WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site_id, l.goods_id, delta],
        )?;
    }
    Ok(())
}

/// Gives an order's reserved stock back (a cancel, or an unpaid order closing).
pub(crate) fn release_stock(
    conn: &rusqlite::Connection,
    site_id: i64,
    order_id: &str,
) -> rusqlite::Result<()> {
    let lines: Vec<order::NewLine> = order::details(conn, site_id, order_id)?
        .into_iter()
        .map(|d| order::NewLine {
            goods_id: d.goods_id,
            goods_item_id: d.goods_item_id,
            origin_price: d.origin_price,
            price: d.price,
            quantity: d.quantity,
        })
        .collect();
    reserve_stock(conn, site_id, &lines, 1)
}

/// An order with its lines (each with its `goods` archive, or for a `vip` order its
/// `group`) and, for the detail, the address.
pub(crate) fn order_json(
    conn: &rusqlite::Connection,
    ctx: &ReqCtx,
    found: &order::Order,
    with_address: bool,
) -> Result<Value, reply::ApiError> {
    let mut data = serde_json::to_value(found)?;
    let lines = order::details(conn, ctx.site.id, &found.order_id)?;
    let mut details = Vec::with_capacity(lines.len());
    for line in lines {
        let mut value = serde_json::to_value(&line)?;
        if found.kind == "vip" {
            value["goods"] = Value::Null;
            value["group"] = match user::group(conn, ctx.site.id, line.goods_id)? {
                Some(g) => serde_json::to_value(super::group::group_for(&g, ctx))?,
                None => Value::Null,
            };
            details.push(value);
            continue;
        }
        value["goods"] = match archive::get(conn, ctx.site.id, line.goods_id)? {
            Some(goods) => json!({"id": goods.id, "title": goods.title, "price": goods.price,
                "url_token": goods.url_token,
                "thumb": goods.images.first().map(|i| ctx.urls.abs(i)).unwrap_or_default()}),
            None => Value::Null,
        };
        value["group"] = Value::Null;
        details.push(value);
    }
    data["details"] = if details.is_empty() {
        Value::Null
    } else {
        Value::Array(details)
    };
    if with_address && found.address_id > 0 {
        if let Some(address) = order::address(conn, ctx.site.id, found.address_id)? {
            data["order_address"] = serde_json::to_value(address)?;
        }
    }
    Ok(data)
}

/// `GET /api/orders`: `status` word filter (§6.10), `current`/`pageSize`, newest first.
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let status = match p.str("status") {
        "waiting" => Some(0),
        "paid" => Some(1),
        "delivery" => Some(2),
        "finished" => Some(3),
        "refunding" => Some(8),
        "closed" => Some(-1),
        _ => None,
    };
    // Clamped so a hostile `current` cannot overflow the offset.
    let page = p.i64_or("current", 1).clamp(1, 1_000_000);
    let size = p.i64_or("pageSize", 20).clamp(1, 100);
    let conn = state.db();
    let (orders, total) =
        order::list(&conn, ctx.site.id, user.id, status, (page - 1) * size, size)?;
    let mut items = Vec::with_capacity(orders.len());
    for found in &orders {
        let mut value = order_json(&conn, &ctx, found, false)?;
        value["user"] =
            serde_json::to_value(crate::repo::user::user_json(user, &ctx.urls, "", None))?;
        items.push(value);
    }
    Ok(reply::ok_list(total, items, true))
}

/// The caller's own order, or the refusal the real server gives.
fn own_order(
    conn: &rusqlite::Connection,
    ctx: &ReqCtx,
    order_id: &str,
) -> Result<Result<order::Order, Response>, reply::ApiError> {
    let Some(user) = &ctx.user else {
        return Ok(Err(reply::need_login()));
    };
    match order::by_order_id(conn, ctx.site.id, order_id)? {
        Some(found) if found.user_id == user.id => Ok(Ok(found)),
        _ => Ok(Err(reply::fail("order is not operational"))),
    }
}

/// `GET /api/order/detail?order_id=`: lines with goods, and the address. The owner's, or,
/// with `no_need_login`, a guest order for anyone who has its id.
pub async fn detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let guests = guest_orders(&state, &ctx)?;
    if ctx.user.is_none() && !guests {
        return Ok(reply::need_login());
    }
    let conn = state.db();
    match order::by_order_id(&conn, ctx.site.id, p.str("order_id"))? {
        Some(found) if may_reach(&ctx, &found, guests) => {
            Ok(reply::ok(order_json(&conn, &ctx, &found, true)?))
        }
        _ => Ok(reply::fail("order is not operational")),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OrderIdReq {
    order_id: String,
}

/// What a shopper's action does to an order.
#[derive(Clone, Copy, PartialEq)]
enum Action {
    Cancel,
    Finish,
    Refund,
}

async fn act(state: AppState, ctx: ReqCtx, body: Bytes, action: Action) -> ApiResult {
    let req: OrderIdReq = read_json(&body)?;
    let conn = state.db();
    let found = match own_order(&conn, &ctx, &req.order_id)? {
        Ok(found) => found,
        Err(refusal) => return Ok(refusal),
    };
    // The open-source server checks no state (§6.10); the documented edition does.
    if state.opts().edition == Edition::Documented {
        let allowed = match action {
            Action::Cancel => found.status == 0,
            Action::Finish => found.status == 2,
            Action::Refund => (1..=3).contains(&found.status) && found.refund_status == 0,
        };
        if !allowed {
            return Ok(reply::fail("order is not operational"));
        }
    }
    let now = auth::now();
    match action {
        Action::Cancel => {
            order::set_status(&conn, ctx.site.id, &found.order_id, -1, now)?;
            if state.opts().edition == Edition::Documented && found.status != -1 {
                release_stock(&conn, ctx.site.id, &found.order_id)?;
            }
            // An unpaid order's coupon code can be used again.
            if found.status == 0 {
                coupon::release(&conn, ctx.site.id, &found.order_id)?;
            }
        }
        Action::Finish => {
            order::set_status(&conn, ctx.site.id, &found.order_id, 3, now)?;
            // Finishing pays the sharer and the parent their commissions (once).
            retailer::complete(&conn, ctx.site.id, &found.order_id, now)?;
        }
        Action::Refund => order::apply_refund(&conn, ctx.site.id, &found.order_id, now)?,
    }
    Ok(reply::ok_msg("", Value::Null))
}

/// `POST /api/order/cancel`.
pub async fn cancel(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    act(state, ctx, body, Action::Cancel).await
}

/// `POST /api/order/finish`.
pub async fn finish(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    act(state, ctx, body, Action::Finish).await
}

/// `POST /api/order/refund`: `refund_status` 8, `status` unchanged.
pub async fn refund(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    act(state, ctx, body, Action::Refund).await
}

/// `GET /api/orders/statistics` (documented edition): the user's orders counted by state.
/// `refunding` counts refund applications (refund_status 8), which the status filter misses;
/// `wishlist` stays 0 until the demo has a wishlist.
pub async fn statistics(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let Some(user) = &ctx.user else {
        return Ok(reply::need_login());
    };
    let conn = state.db();
    let count = |condition: &str| -> rusqlite::Result<i64> {
        conn.query_row(
            &format!(
                "SELECT COUNT(*) FROM orders WHERE site_id = ?1 AND user_id = ?2 AND ({condition})"
            ),
            rusqlite::params![ctx.site.id, user.id],
            |r| r.get(0),
        )
    };
    Ok(reply::ok(json!({
        "total": count("1 = 1")?,
        "pending": count("status = 0")?,
        "processing": count("status IN (1, 2) AND refund_status = 0")?,
        "completed": count("status = 3 AND refund_status = 0")?,
        "cancelled": count("status = -1")?,
        "refunding": count("(refund_status = 8 OR status = 8) AND status != 9")?,
        "refunded": count("status = 9")?,
        "wishlist": 0,
    })))
}
