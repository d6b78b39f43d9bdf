//! `/__test/*` controls for end-to-end tests, mounted only with `--test-controls`.
//!
//! * `POST /__test/fault` `{"path","kind","delay_ms"?}`: every later request to `path` fails that way.
//! * `POST /__test/reset`: clears all faults and switches the content API back on.
//! * `POST /__test/api-open` `{"open":bool}`: switches the content API.
//! * `POST /__test/token` `{"user_name","expires_in","site_id"?}`: a token expiring in `expires_in` s.
//! * `POST /__test/hostile` `{"on":bool}`: switches the hostile CMS data (`seed::hostile`) on
//!   every site; `/__test/reset` switches it off.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::faults::Fault;
use crate::repo::user;
use crate::{auth, reply, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__test/fault", post(fault))
        .route("/__test/reset", post(reset))
        .route("/__test/api-open", post(api_open))
        .route("/__test/token", post(token))
        .route("/__test/hostile", post(hostile))
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
