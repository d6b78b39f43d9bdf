//! Payment (§6.10): `order/payment`, `payment/check`, and the demo's hosted pay page.
//!
//! `wechat` answers a real QR PNG encoding the demo's "scan" URL: opening it (as a phone
//! would) pays. `alipay`, `paypal` and `stripe` answer a `jump_url` to a hosted page with
//! pay and cancel buttons that lead back to the shop's order page. `balance` pays at once
//! when it covers the order. Paying moves a goods order to 1 and a vip order to 3. With
//! `no_need_login` guests pay their orders (user_id 0) too, but not with a balance.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use super::order as order_routes;
use super::read_json;
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, html_escape, ApiResult};
use crate::repo::order;
use crate::{qr, AppState};

/// How long `payment/check` waits for a payment, polling once a second, as the real one.
const CHECK_WAIT_SECONDS: u64 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
struct PaymentReq {
    order_id: String,
    pay_way: String,
}

pub(crate) struct Payment {
    pub(crate) payment_id: String,
    pub(crate) order_id: String,
    pub(crate) site_id: i64,
    pub(crate) pay_way: String,
    pub(crate) amount: i64,
    pub(crate) status: i64,
    /// `0` for a guest's order (`no_need_login`).
    pub(crate) user_id: i64,
}

pub(crate) fn payment_by_order(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
) -> rusqlite::Result<Option<Payment>> {
    conn.query_row(
        "SELECT payment_id, order_id, site_id, pay_way, amount, status, user_id FROM payments WHERE site_id = ?1 AND order_id = ?2",
        params![site_id, order_id],
        payment_from_row,
    )
    .optional()
}

fn payment_by_id(conn: &Connection, payment_id: &str) -> rusqlite::Result<Option<Payment>> {
    conn.query_row(
        "SELECT payment_id, order_id, site_id, pay_way, amount, status, user_id FROM payments WHERE payment_id = ?1",
        params![payment_id],
        payment_from_row,
    )
    .optional()
}

fn payment_from_row(r: &rusqlite::Row) -> rusqlite::Result<Payment> {
    Ok(Payment {
        payment_id: r.get(0)?,
        order_id: r.get(1)?,
        site_id: r.get(2)?,
        pay_way: r.get(3)?,
        amount: r.get(4)?,
        status: r.get(5)?,
        user_id: r.get(6)?,
    })
}

/// Marks the payment and its order paid (once: a second call changes nothing).
fn settle(conn: &Connection, payment: &Payment, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE payments SET status = 1, paid_time = ?2, updated_time = ?2 WHERE payment_id = ?1 AND status = 0",
        params![payment.payment_id, now],
    )?;
    let moved = conn.execute(
        "UPDATE orders SET status = CASE WHEN type = 'vip' THEN 3 ELSE 1 END, paid_time = ?3,
           finished_time = CASE WHEN type = 'vip' THEN ?3 ELSE finished_time END, updated_time = ?3
         WHERE site_id = ?1 AND order_id = ?2 AND status = 0",
        params![payment.site_id, payment.order_id, now],
    )?;
    if moved > 0 {
        // A vip order is complete once paid: the group is granted, commissions are paid.
        crate::repo::retailer::after_paid(conn, payment.site_id, &payment.order_id, now)?;
    }
    Ok(())
}

/// `POST /api/order/payment` `{"order_id","pay_way"}`: one payment row per order, reused.
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let guests = order_routes::guest_orders(&state, &ctx)?;
    if ctx.user.is_none() && !guests {
        return Ok(reply::need_login());
    }
    let req: PaymentReq = read_json(&body)?;
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(found) = order::by_order_id(&conn, site_id, &req.order_id)?
        .filter(|o| order_routes::may_reach(&ctx, o, guests))
    else {
        return Ok(reply::fail("order is not operational"));
    };
    if found.status != 0 {
        return Ok(reply::fail("the order does not need payment"));
    }
    let now = auth::now();
    let existing = payment_by_order(&conn, site_id, &found.order_id)?;
    let pay_way = if req.pay_way.is_empty() {
        existing
            .as_ref()
            .map(|p| p.pay_way.clone())
            .unwrap_or_default()
    } else {
        req.pay_way.clone()
    };
    if !["wechat", "alipay", "paypal", "stripe", "balance"].contains(&pay_way.as_str()) {
        return Ok(reply::fail("unable to create payment order"));
    }
    let payment = match existing {
        Some(mut p) => {
            conn.execute(
                "UPDATE payments SET pay_way = ?2, amount = ?3, updated_time = ?4 WHERE payment_id = ?1",
                params![p.payment_id, pay_way, found.amount, now],
            )?;
            p.pay_way = pay_way.clone();
            p.amount = found.amount;
            p
        }
        None => {
            let payment_id = format!("P{}{}", found.order_id, auth::random_hex(4));
            conn.execute(
                "INSERT INTO payments (site_id, payment_id, order_id, user_id, pay_way, amount, status, created_time, updated_time)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)",
                params![site_id, payment_id, found.order_id, found.user_id, pay_way, found.amount, now],
            )?;
            Payment {
                payment_id,
                order_id: found.order_id.clone(),
                site_id,
                pay_way: pay_way.clone(),
                amount: found.amount,
                status: 0,
                user_id: found.user_id,
            }
        }
    };
    let page = format!("{}/__pay/{}", ctx.urls.origin, payment.payment_id);
    match pay_way.as_str() {
        "balance" => {
            // A guest order belongs to nobody, so there is no balance to pay it with.
            let paid = conn.execute(
                "UPDATE users SET balance = balance - ?3 WHERE site_id = ?1 AND id = ?2 AND balance >= ?3",
                params![site_id, found.user_id, payment.amount],
            )?;
            if paid == 0 {
                return Ok(reply::fail("balance not enough"));
            }
            settle(&conn, &payment, now)?;
            Ok(reply::ok_msg(
                "payment successful",
                json!({"payment_id": payment.payment_id, "order_id": payment.order_id, "status": 1}),
            ))
        }
        "wechat" => match qr::png_data_uri(&format!("{page}/scan")) {
            Some(code_url) => Ok(reply::ok(
                json!({"pay_way": "wechat", "code_url": code_url}),
            )),
            None => Ok(reply::fail("unable to create payment order")),
        },
        way => Ok(reply::ok(json!({"pay_way": way, "jump_url": page}))),
    }
}

/// `GET /api/payment/check?order_id=`: `code 0` once paid; otherwise polls once a second
/// for up to 20 s, then `-1 "unpaid"`.
pub async fn check(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let guests = order_routes::guest_orders(&state, &ctx)?;
    if ctx.user.is_none() && !guests {
        return Ok(reply::need_login());
    }
    let order_id = p.str("order_id").to_string();
    for attempt in 0..=CHECK_WAIT_SECONDS {
        let status = {
            let conn = state.db();
            match order::by_order_id(&conn, ctx.site.id, &order_id)?
                .filter(|o| order_routes::may_reach(&ctx, o, guests))
            {
                Some(found) => found.status,
                None => return Ok(reply::fail("order is not operational")),
            }
        };
        if status != 0 {
            return Ok(reply::ok_msg("payment successful", Value::Null));
        }
        if attempt < CHECK_WAIT_SECONDS {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
    Ok(reply::fail("unpaid"))
}

fn page(title: &str, body: &str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
             <title>{title}</title></head><body style=\"font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem\">{body}</body></html>",
            title = html_escape(title)
        ),
    )
        .into_response()
}

/// Where the hosted page sends the shopper back: the shop's page for the order (a guest's
/// order, `user_id` 0, has its own page outside the account).
fn back_to_shop(payment: &Payment, outcome: &str) -> Response {
    let page = if payment.user_id == 0 {
        "/order"
    } else {
        "/account/orders"
    };
    let location = format!(
        "{page}/{}?payment={outcome}",
        html_escape(&payment.order_id)
    );
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// `GET /__pay/{payment_id}`: the demo gateway's page, with pay and cancel buttons.
pub async fn hosted_page(
    State(state): State<AppState>,
    Path(payment_id): Path<String>,
) -> Response {
    let found = payment_by_id(&state.db(), &payment_id).ok().flatten();
    let Some(payment) = found else {
        return page("Unknown payment", "<p>This payment does not exist.</p>");
    };
    let id = html_escape(&payment.payment_id);
    let amount = format!("¥{}.{:02}", payment.amount / 100, payment.amount % 100);
    let state_line = if payment.status == 1 {
        "<p data-paid>Paid.</p>"
    } else {
        ""
    };
    page(
        "Demo payment",
        &format!(
            "<h1>Demo {way} payment</h1><p>Order {order}: <strong data-amount>{amount}</strong></p>{state_line}\
             <form method=\"post\" action=\"/__pay/{id}/pay\"><button type=\"submit\">Pay {amount}</button></form>\
             <form method=\"post\" action=\"/__pay/{id}/cancel\"><button type=\"submit\">Cancel</button></form>",
            way = html_escape(&payment.pay_way),
            order = html_escape(&payment.order_id),
        ),
    )
}

/// `POST /__pay/{payment_id}/pay`: pays and returns to the shop.
pub async fn hosted_pay(State(state): State<AppState>, Path(payment_id): Path<String>) -> Response {
    let conn = state.db();
    match payment_by_id(&conn, &payment_id) {
        Ok(Some(payment)) => match settle(&conn, &payment, auth::now()) {
            Ok(()) => back_to_shop(&payment, "paid"),
            Err(e) => page("Error", &html_escape(&e.to_string())),
        },
        _ => page("Unknown payment", "<p>This payment does not exist.</p>"),
    }
}

/// `POST /__pay/{payment_id}/cancel`: returns to the shop, unpaid.
pub async fn hosted_cancel(
    State(state): State<AppState>,
    Path(payment_id): Path<String>,
) -> Response {
    match payment_by_id(&state.db(), &payment_id) {
        Ok(Some(payment)) => back_to_shop(&payment, "cancelled"),
        _ => page("Unknown payment", "<p>This payment does not exist.</p>"),
    }
}

/// `GET /__pay/{payment_id}/scan`: what the WeChat QR opens; scanning pays.
pub async fn scan(State(state): State<AppState>, Path(payment_id): Path<String>) -> Response {
    let conn = state.db();
    match payment_by_id(&conn, &payment_id) {
        Ok(Some(payment)) => match settle(&conn, &payment, auth::now()) {
            Ok(()) => page(
                "Paid",
                "<h1 data-paid>Paid</h1><p>You can return to the shop.</p>",
            ),
            Err(e) => page("Error", &html_escape(&e.to_string())),
        },
        _ => page("Unknown payment", "<p>This payment does not exist.</p>"),
    }
}
