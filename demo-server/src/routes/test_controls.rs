//! `/__test/*` controls for end-to-end tests, mounted only with `--test-controls`.
//!
//! * `POST /__test/fault` `{"path","kind","delay_ms"?}`: every later request to `path` fails that way.
//! * `POST /__test/reset`: clears all faults and switches the content API back on.
//! * `POST /__test/api-open` `{"open":bool}`: switches the content API.
//! * `POST /__test/token` `{"user_name","expires_in","site_id"?}`: a token expiring in `expires_in` s.
//! * `POST /__test/hostile` `{"on":bool}`: switches the hostile CMS data (`seed::hostile`) on
//!   every site; `/__test/reset` switches it off.
//! * `POST /__test/order` `{"order_id","action","site_id"?,"express_company"?,"tracking_number"?}`:
//!   what the merchant or the clock does to an order. `action` is `pay` (goods → 1, vip → 3),
//!   `ship` (→ 2 with the express company and tracking number), `approve_refund` (→ 9),
//!   `reject_refund` (refund_status back to 0) or `close` (an unpaid order auto-closing, → -1).
//! * `POST /__test/order` `finish`: a shipped order completing by itself (→ 3, as
//!   `auto_finish_day` does), which pays its commissions like `order/finish`.
//! * `POST /__test/withdraw` `{"id","action":"approve"|"pay"|"fail","remark"?,"site_id"?}`:
//!   the merchant's decision on a withdrawal (→ 1; → 2 with `success_time`; → -1 with
//!   `remark`, its commissions back to status 0). Paid and failed ones are final (400).
//! * `POST /__test/retailer` `{"user_name","is_retailer","site_id"?}`: makes a user a retailer
//!   or not (1/0 or a bool).
//! * `POST /__test/payment` `{"order_id","site_id"?}`: the order's payment and the URLs its
//!   QR code and hosted page open (what a phone scanning the WeChat QR would read).
//! * `POST /__test/stock` `{"archive_id","sku_id"?,"stock","site_id"?}`: sets a product's or a
//!   SKU's stock.
//! * `GET /__test/captcha/{captcha_id}`: `{"answer":"ab12"}` of a live captcha (404 when
//!   unknown or expired), without using it up.
//! * `POST /__test/setting` `{"site_id"?,"captcha"?,"no_need_login"?}`: switches `Safe.captcha`
//!   and `PluginOrder.no_need_login` on one site, or on every site without `site_id`.
//!   `/__test/reset` restores the seeded captcha switches (main site off, English site on)
//!   and `no_need_login` as `--no-need-login` set it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::faults::Fault;
use crate::repo::{order, retailer, site, user};
use crate::{auth, reply, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__test/fault", post(fault))
        .route("/__test/reset", post(reset))
        .route("/__test/api-open", post(api_open))
        .route("/__test/token", post(token))
        .route("/__test/hostile", post(hostile))
        .route("/__test/order", post(order_control))
        .route("/__test/stock", post(stock))
        .route("/__test/payment", post(payment_control))
        .route("/__test/captcha/{captcha_id}", get(captcha_answer))
        .route("/__test/setting", post(setting))
        .merge(super::test_social::routes())
        .route("/__test/withdraw", post(withdraw_control))
        .route("/__test/retailer", post(retailer_control))
}

fn bad_request(msg: String) -> Response {
    reply::json_body(StatusCode::BAD_REQUEST, &json!({"ok": false, "error": msg}))
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

async fn fault(State(state): State<AppState>, body: Bytes) -> Response {
    match parse::<Fault>(&body) {
        Ok(f) => {
            state.faults().set(f);
            reply::json_body(StatusCode::OK, &json!({"ok": true}))
        }
        Err(msg) => bad_request(msg),
    }
}

async fn reset(State(state): State<AppState>) -> Response {
    state.faults().clear();
    state.set_api_open(true);
    if let Err(e) = state.set_hostile(false) {
        return server_error(e);
    }
    let no_need_login = state.opts().no_need_login;
    if let Err(e) = crate::seed::restore_switches(&mut state.db(), no_need_login) {
        return server_error(e);
    }
    reply::json_body(StatusCode::OK, &json!({"ok": true}))
}

fn server_error(e: rusqlite::Error) -> Response {
    reply::json_body(
        StatusCode::INTERNAL_SERVER_ERROR,
        &json!({"ok": false, "error": e.to_string()}),
    )
}

#[derive(Deserialize)]
struct Hostile {
    on: bool,
}

async fn hostile(State(state): State<AppState>, body: Bytes) -> Response {
    match parse::<Hostile>(&body) {
        Ok(req) => match state.set_hostile(req.on) {
            Ok(()) => reply::json_body(StatusCode::OK, &json!({"ok": true})),
            Err(e) => server_error(e),
        },
        Err(msg) => bad_request(msg),
    }
}

#[derive(Deserialize)]
struct ApiOpen {
    open: bool,
}

async fn api_open(State(state): State<AppState>, body: Bytes) -> Response {
    match parse::<ApiOpen>(&body) {
        Ok(req) => {
            state.set_api_open(req.open);
            reply::json_body(StatusCode::OK, &json!({"ok": true, "open": req.open}))
        }
        Err(msg) => bad_request(msg),
    }
}

#[derive(Deserialize)]
struct TokenReq {
    user_name: String,
    expires_in: i64,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn token(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<TokenReq>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site = match req.site_id {
        Some(id) => match state.site(id) {
            Some(s) => s.clone(),
            None => return bad_request(format!("unknown site {id}")),
        },
        None => state.main_site().clone(),
    };
    let found = user::find_for_login(&state.db(), site.id, &req.user_name);
    match found {
        Ok(Some(u)) => {
            let token = auth::sign_token(&site, u.id, auth::now().saturating_add(req.expires_in));
            reply::json_body(StatusCode::OK, &json!({"token": token}))
        }
        Ok(None) => bad_request(format!("unknown user {}", req.user_name)),
        Err(e) => bad_request(e.to_string()),
    }
}

#[derive(Deserialize)]
struct OrderControl {
    order_id: String,
    action: String,
    #[serde(default)]
    site_id: Option<i64>,
    #[serde(default)]
    express_company: String,
    #[serde(default)]
    tracking_number: String,
}

/// Shipped orders complete by themselves this long after delivery (`end_time`).
const AUTO_FINISH_AFTER: i64 = 10 * 86_400;

async fn order_control(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<OrderControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let conn = state.db();
    let found = match order::by_order_id(&conn, site_id, &req.order_id) {
        Ok(Some(found)) => found,
        Ok(None) => return bad_request(format!("unknown order {}", req.order_id)),
        Err(e) => return server_error(e),
    };
    let now = auth::now();
    let sql: (&str, Vec<rusqlite::types::Value>) = match req.action.as_str() {
        "pay" => (
            "UPDATE orders SET status = ?3, paid_time = ?4, updated_time = ?4 WHERE site_id = ?1 AND order_id = ?2",
            vec![if found.kind == "vip" { 3 } else { 1 }.into(), now.into()],
        ),
        "ship" => (
            "UPDATE orders SET status = 2, deliver_time = ?3, end_time = ?4, express_company = ?5,
               tracking_number = ?6, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
            vec![
                now.into(),
                (now + AUTO_FINISH_AFTER).into(),
                req.express_company.clone().into(),
                req.tracking_number.clone().into(),
            ],
        ),
        "approve_refund" => (
            "UPDATE orders SET status = 9, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
            vec![now.into()],
        ),
        "reject_refund" => (
            "UPDATE orders SET refund_status = 0, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
            vec![now.into()],
        ),
        "close" => (
            "UPDATE orders SET status = -1, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
            vec![now.into()],
        ),
        "finish" => (
            "UPDATE orders SET status = 3, finished_time = ?3, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
            vec![now.into()],
        ),
        other => return bad_request(format!("unknown action {other}")),
    };
    let mut values: Vec<rusqlite::types::Value> = vec![site_id.into(), req.order_id.clone().into()];
    values.extend(sql.1);
    let closing = req.action == "close" && found.status == 0;
    let applied = conn
        .execute(sql.0, rusqlite::params_from_iter(values))
        .and_then(|n| {
            // Closing an unpaid order gives its reserved stock and its coupon code back,
            // as a cancel does.
            if closing && state.opts().edition == crate::Edition::Documented {
                super::order::release_stock(&conn, site_id, &req.order_id)?;
            }
            if closing {
                crate::repo::coupon::release(&conn, site_id, &req.order_id)?;
            }
            match req.action.as_str() {
                // Paying a vip order completes it: the group and the commissions.
                "pay" if found.status == 0 => {
                    retailer::after_paid(&conn, site_id, &req.order_id, now)?;
                }
                "finish" => retailer::complete(&conn, site_id, &req.order_id, now)?,
                "approve_refund" => {
                    retailer::cancel_commissions(&conn, site_id, &req.order_id, now)?;
                }
                _ => {}
            }
            Ok(n)
        });
    match applied {
        Ok(_) => match order::by_order_id(&conn, site_id, &req.order_id) {
            Ok(Some(updated)) => reply::json_body(
                StatusCode::OK,
                &json!({"ok": true, "status": updated.status}),
            ),
            Ok(None) => bad_request("order vanished".into()),
            Err(e) => server_error(e),
        },
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct StockControl {
    archive_id: i64,
    #[serde(default)]
    sku_id: i64,
    stock: i64,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn stock(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<StockControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let conn = state.db();
    let result = if req.sku_id > 0 {
        conn.execute(
            "UPDATE skus SET stock = ?4 WHERE site_id = ?1 AND archive_id = ?2 AND id = ?3",
            rusqlite::params![site_id, req.archive_id, req.sku_id, req.stock.max(0)],
        )
        .and_then(|n| {
            // The product's stock is the sum over its SKUs, as seeded.
            conn.execute(
                "UPDATE archives SET stock = (SELECT COALESCE(SUM(stock), 0) FROM skus
                   WHERE site_id = ?1 AND archive_id = ?2) WHERE site_id = ?1 AND id = ?2",
                rusqlite::params![site_id, req.archive_id],
            )
            .map(|_| n)
        })
    } else {
        conn.execute(
            "UPDATE archives SET stock = ?3 WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site_id, req.archive_id, req.stock.max(0)],
        )
    };
    match result {
        Ok(0) => bad_request("no such product or SKU".into()),
        Ok(_) => reply::json_body(StatusCode::OK, &json!({"ok": true})),
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct PaymentControl {
    order_id: String,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn payment_control(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<PaymentControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let found = super::payment::payment_by_order(&state.db(), site_id, &req.order_id);
    match found {
        Ok(Some(p)) => reply::json_body(
            StatusCode::OK,
            &json!({"ok": true, "payment_id": p.payment_id, "pay_way": p.pay_way, "status": p.status,
                    "page_url": format!("/__pay/{}", p.payment_id),
                    "scan_url": format!("/__pay/{}/scan", p.payment_id)}),
        ),
        Ok(None) => bad_request(format!("no payment for order {}", req.order_id)),
        Err(e) => server_error(e),
    }
}

async fn captcha_answer(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.captchas().peek(&id, auth::now()) {
        Some(answer) => reply::json_body(StatusCode::OK, &json!({ "answer": answer })),
        None => reply::json_body(
            StatusCode::NOT_FOUND,
            &json!({"ok": false, "error": format!("unknown captcha {id}")}),
        ),
    }
}

#[derive(Deserialize)]
struct SettingControl {
    #[serde(default)]
    site_id: Option<i64>,
    #[serde(default)]
    captcha: Option<bool>,
    #[serde(default)]
    no_need_login: Option<bool>,
}

async fn setting(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<SettingControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let sites: Vec<i64> = match req.site_id {
        Some(id) if state.site(id).is_none() => return bad_request(format!("unknown site {id}")),
        Some(id) => vec![id],
        None => state.sites().iter().map(|s| s.id).collect(),
    };
    let conn = state.db();
    let mut answer = Vec::new();
    for id in sites {
        let applied = (|| -> rusqlite::Result<serde_json::Value> {
            if let Some(on) = req.captcha {
                site::set_captcha(&conn, id, on)?;
            }
            if let Some(on) = req.no_need_login {
                site::set_no_need_login(&conn, id, on)?;
            }
            Ok(json!({
                "site_id": id,
                "captcha": site::captcha_on(&conn, id)?,
                "no_need_login": site::no_need_login(&conn, id)?,
            }))
        })();
        match applied {
            Ok(v) => answer.push(v),
            Err(e) => return server_error(e),
        }
    }
    reply::json_body(StatusCode::OK, &json!({"ok": true, "sites": answer}))
}

#[derive(Deserialize)]
struct WithdrawControl {
    id: i64,
    action: String,
    #[serde(default)]
    remark: String,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn withdraw_control(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<WithdrawControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let mut conn = state.db();
    let decided = conn.transaction().and_then(|tx| {
        let out =
            retailer::decide_withdraw(&tx, site_id, req.id, &req.action, &req.remark, auth::now())?;
        tx.commit()?;
        Ok(out)
    });
    match decided {
        Ok(Ok(w)) => reply::json_body(
            StatusCode::OK,
            &json!({"ok": true, "status": w.status, "withdraw": w}),
        ),
        Ok(Err(msg)) => bad_request(msg),
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct RetailerControl {
    user_name: String,
    is_retailer: serde_json::Value,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn retailer_control(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<RetailerControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let on = match &req.is_retailer {
        serde_json::Value::Bool(b) => *b,
        v => super::int_value(v).is_some_and(|n| n != 0),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let conn = state.db();
    match conn.execute(
        "UPDATE users SET is_retailer = ?3 WHERE site_id = ?1 AND user_name = ?2",
        rusqlite::params![site_id, req.user_name, i64::from(on)],
    ) {
        Ok(0) => bad_request(format!("unknown user {}", req.user_name)),
        Ok(_) => reply::json_body(
            StatusCode::OK,
            &json!({"ok": true, "is_retailer": i64::from(on)}),
        ),
        Err(e) => server_error(e),
    }
}
