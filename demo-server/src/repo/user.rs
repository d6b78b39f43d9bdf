//! Users and user groups (§5.8).

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;

use crate::urls::Urls;

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub user_name: String,
    pub real_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub avatar_url: String,
    pub introduce: String,
    pub group_id: i64,
    pub status: i64,
    pub balance: i64,
    pub invite_code: String,
    pub last_login: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub password_hash: String,
    pub salt: String,
    /// Distribution and VIP (§6.14): the inviter, retailer flag, earnings, group expiry.
    pub parent_id: i64,
    pub is_retailer: i64,
    pub total_reward: i64,
    pub expire_time: i64,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub level: i64,
    pub status: i64,
    pub price: i64,
    pub setting: Value,
    pub created_time: i64,
    pub updated_time: i64,
}

const USER_COLS: &str = "id, user_name, real_name, first_name, last_name, email, phone, avatar_url, \
introduce, group_id, status, balance, invite_code, last_login, created_time, updated_time, password_hash, salt, \
parent_id, is_retailer, total_reward, expire_time";

fn user_from_row(r: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        user_name: r.get(1)?,
        real_name: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        avatar_url: r.get(7)?,
        introduce: r.get(8)?,
        group_id: r.get(9)?,
        status: r.get(10)?,
        balance: r.get(11)?,
        invite_code: r.get(12)?,
        last_login: r.get(13)?,
        created_time: r.get(14)?,
        updated_time: r.get(15)?,
        password_hash: r.get(16)?,
        salt: r.get(17)?,
        parent_id: r.get(18)?,
        is_retailer: r.get(19)?,
        total_reward: r.get(20)?,
        expire_time: r.get(21)?,
    })
}

pub fn find(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        &format!("SELECT {USER_COLS} FROM users WHERE site_id = ?1 AND id = ?2"),
        rusqlite::params![site_id, id],
        user_from_row,
    )
    .optional()
}

pub fn group(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Group>> {
    conn.query_row(
        "SELECT id, title, description, level, status, price, setting, created_time, updated_time
         FROM user_groups WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, id],
        |r| {
            Ok(Group {
                id: r.get(0)?,
                title: r.get(1)?,
                description: r.get(2)?,
                level: r.get(3)?,
                status: r.get(4)?,
                price: r.get(5)?,
                setting: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null),
                created_time: r.get(7)?,
                updated_time: r.get(8)?,
            })
        },
    )
    .optional()
}

/// Every group, by level (then id).
pub fn groups(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<Group>> {
    let ids: Vec<i64> = {
        let mut stmt =
            conn.prepare("SELECT id FROM user_groups WHERE site_id = ?1 ORDER BY level, id")?;
        let rows = stmt.query_map([site_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(group(conn, site_id, id)?);
    }
    Ok(out)
}

/// A percentage from a group's `setting` (`discount`, `share_reward`, `parent_reward`).
pub fn setting_i64(g: Option<&Group>, key: &str) -> i64 {
    g.and_then(|g| g.setting.get(key))
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

pub fn find_with_group(
    conn: &Connection,
    site_id: i64,
    id: i64,
) -> rusqlite::Result<Option<(User, Option<Group>)>> {
    let Some(user) = find(conn, site_id, id)? else {
        return Ok(None);
    };
    let g = group(conn, site_id, user.group_id)?;
    Ok(Some((user, g)))
}

/// Login lookup as in AnqiCMS: by email when the value looks like one, by phone when it
/// contains a mainland mobile number, else by user name.
pub fn find_for_login(
    conn: &Connection,
    site_id: i64,
    login: &str,
) -> rusqlite::Result<Option<User>> {
    let column = if looks_like_email(login) {
        "email"
    } else if looks_like_phone(login) {
        "phone"
    } else {
        "user_name"
    };
    conn.query_row(
        &format!(
            "SELECT {USER_COLS} FROM users WHERE site_id = ?1 AND {column} = ?2 AND {column} != ''"
        ),
        rusqlite::params![site_id, login],
        user_from_row,
    )
    .optional()
}

pub fn exists(
    conn: &Connection,
    site_id: i64,
    column: &str,
    value: &str,
) -> rusqlite::Result<bool> {
    // `column` is always one of our literals, never request data.
    debug_assert!(matches!(column, "user_name" | "email" | "phone"));
    conn.query_row(
        &format!("SELECT COUNT(*) FROM users WHERE site_id = ?1 AND {column} = ?2"),
        rusqlite::params![site_id, value],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

pub struct NewUser<'a> {
    pub user_name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub real_name: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub avatar_url: &'a str,
    pub group_id: i64,
    pub password_hash: &'a str,
    pub salt: &'a str,
    pub now: i64,
}

pub fn insert(conn: &Connection, site_id: i64, u: &NewUser) -> rusqlite::Result<i64> {
    let id: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM users WHERE site_id = ?1",
        [site_id],
        |r| r.get(0),
    )?;
    let real_name = if !u.first_name.is_empty() {
        format!("{} {}", u.first_name, u.last_name)
            .trim()
            .to_string()
    } else {
        u.real_name.to_string()
    };
    conn.execute(
        "INSERT INTO users (site_id, id, user_name, real_name, first_name, last_name, email, phone,
            avatar_url, group_id, status, password_hash, salt, invite_code, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?13, ?14, ?14)",
        rusqlite::params![
            site_id,
            id,
            u.user_name,
            real_name,
            u.first_name,
            u.last_name,
            u.email,
            u.phone,
            u.avatar_url,
            u.group_id,
            u.password_hash,
            u.salt,
            invite_code(id),
            u.now
        ],
    )?;
    Ok(id)
}

/// AnqiCMS's guest checkout (`no_need_login`): the shopper behind an address, matched by
/// email and then phone, or created from it (user name = the email or phone, a random
/// password nobody knows, group `group_id`). `None` when the address has neither a valid
/// email nor a mobile number. The order itself still belongs to nobody (user_id 0).
pub fn match_or_create_guest(
    conn: &Connection,
    site_id: i64,
    email: &str,
    phone: &str,
    group_id: i64,
    now: i64,
) -> rusqlite::Result<Option<i64>> {
    let email = email.trim();
    let phone = phone.trim();
    for (column, value) in [("email", email), ("phone", phone)] {
        if value.is_empty() {
            continue;
        }
        let found: Option<i64> = conn
            .query_row(
                &format!("SELECT id FROM users WHERE site_id = ?1 AND {column} = ?2"),
                rusqlite::params![site_id, value],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    let email = if looks_like_email(email) { email } else { "" };
    let phone = if looks_like_phone(phone) { phone } else { "" };
    let base = if email.is_empty() { phone } else { email };
    if base.is_empty() {
        return Ok(None);
    }
    let mut user_name = base.to_string();
    let mut n = 1;
    while exists(conn, site_id, "user_name", &user_name)? {
        n += 1;
        user_name = format!("{base}-{n}");
    }
    let salt = crate::auth::random_hex(16);
    let hash = crate::auth::hash_password(&salt, &crate::auth::random_hex(32));
    insert(
        conn,
        site_id,
        &NewUser {
            user_name: &user_name,
            email,
            phone,
            real_name: "",
            first_name: "",
            last_name: "",
            avatar_url: "",
            group_id,
            password_hash: &hash,
            salt: &salt,
            now,
        },
    )
    .map(Some)
}

pub fn touch_login(conn: &Connection, site_id: i64, id: i64, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET last_login = ?3 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, id, now],
    )?;
    Ok(())
}

/// Base-36 invite codes, like AnqiCMS's.
pub fn invite_code(id: i64) -> String {
    let mut n = (id as u64)
        .wrapping_mul(2_654_435_761)
        .wrapping_add(1_000_000)
        % 2_176_782_336;
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Contains `1[3-9]\d{9}`.
pub fn looks_like_phone(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(11).any(|w| {
        w[0] == b'1' && (b'3'..=b'9').contains(&w[1]) && w[2..].iter().all(u8::is_ascii_digit)
    })
}

#[derive(Serialize)]
pub struct GroupJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub description: String,
    pub level: i64,
    pub status: i64,
    pub price: i64,
    pub setting: Value,
    pub favorable_price: i64,
}

pub fn group_json(g: &Group) -> GroupJson {
    GroupJson {
        id: g.id,
        created_time: g.created_time,
        updated_time: g.updated_time,
        title: g.title.clone(),
        description: g.description.clone(),
        level: g.level,
        status: g.status,
        price: g.price,
        setting: g.setting.clone(),
        favorable_price: 0,
    }
}

/// The discount percentage of a group (`setting.discount`); 0 means none.
pub fn discount(g: Option<&Group>) -> i64 {
    g.and_then(|g| g.setting.get("discount"))
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

#[derive(Serialize)]
pub struct UserJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub parent_id: i64,
    pub user_name: String,
    pub url_token: String,
    pub real_name: String,
    pub first_name: String,
    pub last_name: String,
    pub birthday: i64,
    pub avatar_url: String,
    pub introduce: String,
    pub email: String,
    pub email_verified: bool,
    pub phone: String,
    pub group_id: i64,
    pub google_id: String,
    pub reset_password: bool,
    pub status: i64,
    pub is_retailer: i64,
    pub balance: i64,
    pub total_reward: i64,
    pub invite_code: String,
    pub last_login: i64,
    pub expire_time: i64,
    pub extra: Option<Value>,
    pub token: String,
    pub group: Option<GroupJson>,
    pub full_avatar_url: String,
    pub link: String,
}

/// A single-user read: `full_avatar_url` and `link` filled, `password` never serialised.
pub fn user_json(u: &User, urls: &Urls, token: &str, group: Option<&Group>) -> UserJson {
    UserJson {
        id: u.id,
        created_time: u.created_time,
        updated_time: u.updated_time,
        parent_id: u.parent_id,
        user_name: u.user_name.clone(),
        url_token: String::new(),
        real_name: u.real_name.clone(),
        first_name: u.first_name.clone(),
        last_name: u.last_name.clone(),
        birthday: 0,
        avatar_url: u.avatar_url.clone(),
        introduce: u.introduce.clone(),
        email: u.email.clone(),
        email_verified: false,
        phone: u.phone.clone(),
        group_id: u.group_id,
        google_id: String::new(),
        reset_password: false,
        status: u.status,
        is_retailer: u.is_retailer,
        balance: u.balance,
        total_reward: u.total_reward,
        invite_code: u.invite_code.clone(),
        last_login: u.last_login,
        expire_time: u.expire_time,
        extra: None,
        token: token.to_string(),
        group: group.map(group_json),
        full_avatar_url: urls.abs(&u.avatar_url),
        link: urls.user(u.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_classification() {
        assert!(looks_like_email("demo@example.com"));
        assert!(!looks_like_email("demo"));
        assert!(looks_like_phone("13800138000"));
        assert!(!looks_like_phone("12345"));
        assert_ne!(invite_code(1), invite_code(2));
    }
}
