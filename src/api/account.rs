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
use crate::domain::account::{Account, Group, Profile};
use crate::domain::{Money, User};

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

// ----- The account area (issue 7): profile, avatar, password, email, VIP groups. -----

/// `GET /api/user/detail` as the account pages read it (every profile field).
#[derive(Deserialize, Default)]
#[serde(default)]
struct WireAccount {
    id: i64,
    user_name: Option<String>,
    real_name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    introduce: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    email_verified: bool,
    full_avatar_url: Option<String>,
    balance: i64,
    group_id: i64,
    expire_time: i64,
    is_retailer: i64,
}

fn text(value: Option<String>) -> String {
    value.unwrap_or_default().trim().to_string()
}

impl WireAccount {
    fn into_account(self) -> Account {
        Account {
            id: self.id,
            profile: Profile {
                user_name: text(self.user_name),
                real_name: text(self.real_name),
                first_name: text(self.first_name),
                last_name: text(self.last_name),
                introduce: self.introduce.unwrap_or_default(),
                email: text(self.email),
                phone: text(self.phone),
            },
            email_verified: self.email_verified,
            avatar: super::wire::image(self.full_avatar_url),
            balance: Money::from_cents(self.balance),
            group_id: self.group_id,
            expire_time: self.expire_time,
            is_retailer: self.is_retailer == 1,
        }
    }
}

/// The signed-in shopper's account (cache key `()`); `Unauthorized` without a session.
pub async fn account(_: ()) -> Result<Account, ApiError> {
    let wire = get_shared::<WireAccount>("user/detail", &[])
        .await?
        .required()?;
    if wire.id <= 0 {
        return Err(ApiError::Unauthorized);
    }
    Ok(wire.into_account())
}

#[derive(Serialize)]
struct ProfileBody<'a> {
    user_name: &'a str,
    real_name: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    introduce: &'a str,
    email: &'a str,
    phone: &'a str,
}

/// `POST /api/user/detail` with the whole field set ([`Profile::update_from`] made it).
/// Answers the server's message ("saved").
pub async fn save_profile(profile: &Profile) -> Result<Option<String>, ApiError> {
    let body = ProfileBody {
        user_name: &profile.user_name,
        real_name: &profile.real_name,
        first_name: &profile.first_name,
        last_name: &profile.last_name,
        introduce: &profile.introduce,
        email: &profile.email,
        phone: &profile.phone,
    };
    let reply = post::<serde_json::Value, _>("user/detail", &body).await?;
    Ok(reply.msg)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireAvatar {
    avatar_url: Option<String>,
}

/// `POST /api/user/avatar` (multipart `file`), reporting progress; answers the new avatar's
/// URL (checked by the URL rule).
pub async fn upload_avatar(
    file: &web_sys::File,
    on_progress: impl Fn(u64, u64) + 'static,
) -> Result<String, ApiError> {
    let wire = super::upload::upload::<WireAvatar>("user/avatar", "file", file, on_progress)
        .await?
        .required()?;
    super::wire::image(wire.avatar_url)
        .ok_or_else(|| ApiError::Malformed("avatar answer without a usable URL".into()))
}

#[derive(Serialize)]
struct PasswordBody<'a> {
    old_password: &'a str,
    password: &'a str,
}

/// `POST /api/user/password`.
pub async fn change_password(old_password: &str, password: &str) -> Result<(), ApiError> {
    let body = PasswordBody {
        old_password,
        password,
    };
    post::<serde_json::Value, _>("user/password", &body).await?;
    Ok(())
}

/// What a mail is for (`POST /api/verify/email`'s `state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailPurpose {
    Verify,
    Reset,
}

#[derive(Serialize)]
struct MailBody<'a> {
    email: &'a str,
    state: &'a str,
}

/// `POST /api/verify/email`: sends the verification or reset mail. Answers the server's
/// message ("please verify email").
pub async fn send_mail(email: &str, purpose: MailPurpose) -> Result<Option<String>, ApiError> {
    let body = MailBody {
        email: email.trim(),
        state: match purpose {
            MailPurpose::Verify => "verify",
            MailPurpose::Reset => "reset",
        },
    };
    Ok(post::<serde_json::Value, _>("verify/email", &body)
        .await?
        .msg)
}

#[derive(Serialize)]
struct ResetBody<'a> {
    email: &'a str,
    token: &'a str,
    code: &'a str,
    password: &'a str,
}

/// `POST /api/password/reset` with the mail's `email`, `token` and `code`.
pub async fn reset_password(
    email: &str,
    token: &str,
    code: &str,
    password: &str,
) -> Result<(), ApiError> {
    let body = ResetBody {
        email,
        token,
        code,
        password,
    };
    post::<serde_json::Value, _>("password/reset", &body).await?;
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireGroupSetting {
    expire_day: i64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireGroup {
    id: i64,
    title: Option<String>,
    description: Option<String>,
    level: i64,
    status: i64,
    price: i64,
    favorable_price: i64,
    setting: Option<WireGroupSetting>,
}

impl WireGroup {
    fn into_group(self) -> Group {
        Group {
            id: self.id,
            title: text(self.title),
            description: self.description.unwrap_or_default(),
            level: self.level,
            price: Money::from_cents(self.price.max(0)),
            favorable_price: (self.favorable_price > 0)
                .then(|| Money::from_cents(self.favorable_price)),
            expire_days: self.setting.map(|s| s.expire_day).unwrap_or(0),
        }
    }
}

/// `GET /api/user/groups` (cache key `()`): every group by level. A group the server marks
/// disabled (`status` 0 where the field is present) is left out.
pub async fn groups(_: ()) -> Result<Vec<Group>, ApiError> {
    let mut groups: Vec<Group> = get_shared::<Vec<WireGroup>>("user/groups", &[])
        .await?
        .list()
        .into_iter()
        .filter(|g| g.id > 0 && g.status >= 0)
        .map(WireGroup::into_group)
        .collect();
    groups.sort_by_key(|g| (g.level, g.id));
    Ok(groups)
}

/// How many favorites the shopper has (`GET /api/favorite/list?pageSize=1`'s `total`; the
/// route answers without `msg`). Cache key `()`.
pub async fn favorites_total(_: ()) -> Result<u64, ApiError> {
    let params = [("current", "1".to_string()), ("pageSize", "1".to_string())];
    let reply = get_shared::<serde_json::Value>("favorite/list", &params).await?;
    Ok(reply.total.unwrap_or(0))
}
