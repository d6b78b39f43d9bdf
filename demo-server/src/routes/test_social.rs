//! Test controls of the shopper's side (issue 7), merged into [`super::test_controls`]:
//!
//! * `GET /__test/outbox?to=<email>`: the mails sent (verify, reset), newest first:
//!   `[{to, subject, body, link, created_time}]`; `link` is the absolute URL in the mail.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::json;

use crate::params::Params;
use crate::repo::account;
use crate::{reply, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/__test/outbox", get(outbox))
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
