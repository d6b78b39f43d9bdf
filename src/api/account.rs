//! Sign-in, registration, the current user, sign-out.

use serde::Serialize;

use super::client::{clear_token, get, get_site_path, post, store_token, token};
use super::wire::WireUser;
use super::ApiError;
use crate::domain::User;

#[derive(Serialize)]
struct Login<'a> {
    user_name: &'a str,
    password: &'a str,
    remember: bool,
}

/// Signs in and keeps the token for the `token` header.
pub async fn login(user_name: &str, password: &str) -> Result<User, ApiError> {
    let body = Login {
        user_name: user_name.trim(),
        password,
        remember: true,
    };
    let wire = post::<WireUser, _>("login", &body).await?.required()?;
    match wire.token.as_deref() {
        Some(token) if !token.is_empty() => store_token(token),
        _ => return Err(ApiError::Malformed("login answer without a token".into())),
    }
    Ok(wire.into_user())
}

/// The signed-in user, or `None` without a (valid) token.
pub async fn current_user() -> Result<Option<User>, ApiError> {
    if token().is_none() {
        return Ok(None);
    }
    match get::<WireUser>("user/detail", &[]).await {
        Ok(reply) => Ok(reply.data.filter(|u| u.id > 0).map(WireUser::into_user)),
        Err(ApiError::Unauthorized) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Forgets the token and clears AnqiCMS's HttpOnly cookie. `/logout` answers `code: 1001`
/// on success, so that "error" is the expected outcome.
pub async fn logout() {
    clear_token();
    let _ = get_site_path::<serde_json::Value>("logout?return=json").await;
}
