//! Test controls of the shopper's side (issue 7), merged into [`super::test_controls`]:
//!
//! * `GET /__test/outbox?to=<email>`: the mails sent (verify, reset), newest first:
//!   `[{to, subject, body, link, created_time}]`; `link` is the absolute URL in the mail.
//! * `POST /__test/comment` `{id, status}`: moderates a comment (0 pending, 1 approved,
//!   2 suspected spam, 3 spam).

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
