//! Sign-in, the current user, sign-out.
//!
//! AnqiCMS signs tokens per site and each language is its own site, so signing in signs in
//! on every language site at once and keeps one token per site: switching language keeps
//! the shopper signed in without asking for the password again.

use serde::{Deserialize, Serialize};

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
    /// Only on a site whose captcha is on (§8): the picture's id and what the shopper read.
    #[serde(skip_serializing_if = "str::is_empty")]
    captcha_id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    captcha: &'a str,
}

/// A captcha picture to read (`GET /api/captcha`).
#[derive(Clone, Debug, PartialEq)]
pub struct Captcha {
    pub id: String,
    /// A `data:image/…;base64,…` URI, checked by [`crate::domain::links::safe_src`].
    pub image: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireCaptcha {
    captcha_off: bool,
    captcha_id: Option<String>,
    captcha: Option<String>,
}

/// `GET /api/captcha`: `None` when the site has captcha off. Never cached: each picture
/// works for one attempt.
pub async fn captcha() -> Result<Option<Captcha>, ApiError> {
    let wire = super::client::get::<WireCaptcha>("captcha", &[])
        .await?
        .required()?;
    if wire.captcha_off {
        return Ok(None);
    }
    let id = wire.captcha_id.unwrap_or_default();
    // The picture becomes an `src`: it passes the one URL rule like every CMS URL.
    match wire
        .captcha
        .and_then(|raw| crate::domain::links::safe_src(raw.trim()))
    {
        Some(image) if !id.is_empty() => Ok(Some(Captcha { id, image })),
        _ => Err(ApiError::Malformed("captcha without a picture".into())),
    }
}

/// Signs in on the current site, then on the other language sites (`other_sites`), keeping
/// each site's token. Only the current site's answer decides success: a language site that
/// refuses simply has no token, and the shopper signs in there when they switch.
pub async fn login(
    user_name: &str,
    password: &str,
    captcha: Option<(&str, &str)>,
    other_sites: &[i64],
) -> Result<User, ApiError> {
    let (captcha_id, answer) = captcha.unwrap_or(("", ""));
    let body = Login {
        user_name: user_name.trim(),
        password,
        remember: true,
        captcha_id,
        captcha: answer.trim(),
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

#[derive(Serialize)]
struct Register<'a> {
    user_name: &'a str,
    password: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    email: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    phone: &'a str,
    /// The inviter's user id (a retailer's invite link `/register?invite=<id>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    invite_id: Option<i64>,
}

/// What a registration led to.
#[derive(Clone, Debug, PartialEq)]
pub enum Registered {
    /// Registered and signed in (the answer carried a token).
    SignedIn(User),
    /// The site verifies email first: no token yet; the server's message says what to do.
    VerifyEmail(Option<String>),
}

/// `POST /api/register` on the current site. `contact` is an email address or a phone
/// number (AnqiCMS needs one of them); the server checks both and answers in its words.
pub async fn register(
    user_name: &str,
    password: &str,
    contact: &str,
) -> Result<Registered, ApiError> {
    register_invited(user_name, password, contact, None).await
}

/// [`register`] through an invite link: the new account's `parent_id` is the inviter.
pub async fn register_invited(
    user_name: &str,
    password: &str,
    contact: &str,
    invite_id: Option<i64>,
) -> Result<Registered, ApiError> {
    let contact = contact.trim();
    let is_email = contact.contains('@');
    let body = Register {
        user_name: user_name.trim(),
        password,
        email: if is_email { contact } else { "" },
        phone: if is_email { "" } else { contact },
        invite_id: invite_id.filter(|id| *id > 0),
    };
    let reply = post::<WireUser, _>("register", &body).await?;
    let msg = reply.msg.clone();
    let wire = reply.required()?;
    match wire.token.as_deref() {
        Some(token) if !token.is_empty() => {
            store_token(token);
            Ok(Registered::SignedIn(wire.into_user()))
        }
        _ => Ok(Registered::VerifyEmail(msg)),
    }
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
