//! Test controls of the shopper's side (issue 7), merged into [`super::test_controls`]:
//!
//! * `GET /__test/outbox?to=<email>`: the mails sent (verify, reset), newest first:
//!   `[{to, subject, body, link, created_time}]`; `link` is the absolute URL in the mail.
//! * `POST /__test/comment` `{id, status}`: moderates a comment (0 pending, 1 approved,
//!   2 suspected spam, 3 spam).
//! * `GET /__test/guestbook`: the stored guestbook entries, newest first:
//!   `[{id, site_id, user_name, contact, content, ip, status, values:{field_name: value},
//!   extra:{display name: value}, created_time}]`.
//! * `POST /__test/review` `{id, status}`: moderates a review (1 approved, shown).
//! * `POST /__test/price` `{archive_id, sku_id?, price, site_id?}`: sets a product's or a
//!   SKU's current price (a wishlist's "price dropped" case).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::params::Params;
use crate::repo::account;
use crate::{reply, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__test/outbox", get(outbox))
        .route("/__test/comment", post(comment_status))
        .route("/__test/guestbook", get(guestbook_entries))
        .route("/__test/review", post(review_status))
        .route("/__test/price", post(price))
}

async fn review_status(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<StatusControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let changed =
        crate::repo::review::set_review_status(&state.db(), req.id, req.status, crate::auth::now());
    ok_or_unknown(changed, "review", req.id, req.status)
}

#[derive(Deserialize)]
struct PriceControl {
    archive_id: i64,
    #[serde(default)]
    sku_id: i64,
    price: i64,
    #[serde(default)]
    site_id: Option<i64>,
}

async fn price(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<PriceControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let site_id = req.site_id.unwrap_or(state.main_site().id);
    let conn = state.db();
    let changed = if req.sku_id > 0 {
        conn.execute(
            "UPDATE skus SET price = ?4 WHERE site_id = ?1 AND archive_id = ?2 AND id = ?3",
            rusqlite::params![site_id, req.archive_id, req.sku_id, req.price.max(0)],
        )
    } else {
        conn.execute(
            "UPDATE archives SET price = ?3 WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site_id, req.archive_id, req.price.max(0)],
        )
    };
    match changed {
        Ok(0) => bad_request("no such product or SKU".into()),
        Ok(_) => reply::json_body(
            StatusCode::OK,
            &json!({"ok": true, "price": req.price.max(0)}),
        ),
        Err(e) => server_error(e),
    }
}

async fn guestbook_entries(State(state): State<AppState>) -> Response {
    match crate::repo::guestbook::all(&state.db()) {
        Ok(entries) => reply::json_body(StatusCode::OK, &entries),
        Err(e) => server_error(e),
    }
}

fn bad_request(msg: String) -> Response {
    reply::json_body(StatusCode::BAD_REQUEST, &json!({"ok": false, "error": msg}))
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

fn ok_or_unknown(changed: rusqlite::Result<usize>, what: &str, id: i64, status: i64) -> Response {
    match changed {
        Ok(0) => bad_request(format!("unknown {what} {id}")),
        Ok(_) => reply::json_body(
            StatusCode::OK,
            &json!({"ok": true, "id": id, "status": status}),
        ),
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct StatusControl {
    id: i64,
    status: i64,
}

async fn comment_status(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match parse::<StatusControl>(&body) {
        Ok(r) => r,
        Err(msg) => return bad_request(msg),
    };
    let changed =
        crate::repo::comment::set_status(&state.db(), req.id, req.status, crate::auth::now());
    ok_or_unknown(changed, "comment", req.id, req.status)
}

pub(super) fn server_error(e: rusqlite::Error) -> Response {
    reply::json_body(
        StatusCode::INTERNAL_SERVER_ERROR,
        &json!({"ok": false, "error": e.to_string()}),
    )
}

async fn outbox(State(state): State<AppState>, p: Params) -> Response {
    match account::outbox(&state.db(), p.non_empty("to")) {
        Ok(mails) => reply::json_body(StatusCode::OK, &mails),
        Err(e) => server_error(e),
    }
}
