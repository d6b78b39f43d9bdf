//! Sign-in, the current user, sign-out.
//!
//! AnqiCMS signs tokens per site and each language is its own site, so signing in signs in
//! on every language site at once and keeps one token per site: switching language keeps
//! the shopper signed in without asking for the password again.

use serde::Serialize;

use super::client::{
    clear_all_tokens, get_shared, get_site_path, post, post_to_site, site_id, store_token,
    store_token_for, token,
};
use super::wire::WireUser;
use super::ApiError;
use crate::domain::User;

#[derive(Serialize)]
struct Login<'a> {
    user_name: &'a str,
    password: &'a str,
    remember: bool,
}

/// Signs in on the current site, then on the other language sites (`other_sites`), keeping
/// each site's token. Only the current site's answer decides success: a language site that
/// refuses simply has no token, and the shopper signs in there when they switch.
pub async fn login(user_name: &str, password: &str, other_sites: &[i64]) -> Result<User, ApiError> {
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
    let current = site_id();
    let others = other_sites
        .iter()
        .copied()
        .filter(|site| Some(*site) != current)
        .map(|site| {
            let body = &body;
            async move {
                if let Ok(Some(wire)) = post_to_site::<WireUser, _>(site, "login", body)
                    .await
                    .map(|reply| reply.data)
                {
                    if let Some(token) = wire.token.filter(|t| !t.is_empty()) {
                        store_token_for(Some(site), &token);
                    }
                }
            }
        });
    futures::future::join_all(others).await;
    Ok(wire.into_user())
}

/// The signed-in user, or `None` without a (valid) token for this site.
pub async fn current_user(_: ()) -> Result<Option<User>, ApiError> {
    if token().is_none() {
        return Ok(None);
    }
    match get_shared::<WireUser>("user/detail", &[]).await {
        Ok(reply) => Ok(reply.data.filter(|u| u.id > 0).map(WireUser::into_user)),
        Err(ApiError::Unauthorized) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Forgets every site's token and clears AnqiCMS's HttpOnly cookie. `/logout` answers
/// `code: 1001` on success, so that "error" is the expected outcome.
pub async fn logout(sites: &[i64]) {
    clear_all_tokens(sites);
    let _ = get_site_path::<serde_json::Value>("logout?return=json").await;
}
