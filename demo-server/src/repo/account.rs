//! The account side of users (§6.9): profile updates, avatar, password, the verified-email
//! flag, and the mail outbox that stands in for the SMTP server.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::user::User;

/// `email_verified` (a column of its own, read beside the user row).
pub fn email_verified(conn: &Connection, site_id: i64, user_id: i64) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT email_verified FROM users WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site_id, user_id],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .unwrap_or(0)
        != 0)
}

pub fn set_email_verified(conn: &Connection, site_id: i64, user_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET email_verified = 1 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, user_id],
    )?;
    Ok(())
}

/// The profile fields `POST /api/user/detail` writes (already resolved by the handler).
pub struct Profile<'a> {
    pub user_name: &'a str,
    pub real_name: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub introduce: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
}

pub fn update_profile(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    p: &Profile,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET user_name = ?3, real_name = ?4, first_name = ?5, last_name = ?6, introduce = ?7,
            phone = ?8, email = ?9, updated_time = ?10 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![
            site_id,
            user_id,
            p.user_name,
            p.real_name,
            p.first_name,
            p.last_name,
            p.introduce,
            p.phone,
            p.email,
            now
        ],
    )?;
    Ok(())
}

/// Whether another user of the site has `value` in `column`.
pub fn taken_by_other(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    column: &str,
    value: &str,
) -> rusqlite::Result<bool> {
    debug_assert!(matches!(column, "user_name" | "email" | "phone"));
    conn.query_row(
        &format!("SELECT COUNT(*) FROM users WHERE site_id = ?1 AND id != ?2 AND {column} = ?3"),
        rusqlite::params![site_id, user_id, value],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

pub fn set_avatar(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    avatar_url: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET avatar_url = ?3, updated_time = ?4 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, user_id, avatar_url, now],
    )?;
    Ok(())
}

pub fn set_password(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    password: &str,
    now: i64,
) -> rusqlite::Result<()> {
    let salt = crate::auth::random_hex(16);
    let hash = crate::auth::hash_password(&salt, password);
    conn.execute(
        "UPDATE users SET password_hash = ?3, salt = ?4, updated_time = ?5 WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, user_id, hash, salt, now],
    )?;
    Ok(())
}

pub fn by_email(conn: &Connection, site_id: i64, email: &str) -> rusqlite::Result<Option<User>> {
    let email = email.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM users WHERE site_id = ?1 AND email = ?2 COLLATE NOCASE",
            rusqlite::params![site_id, email],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => super::user::find(conn, site_id, id),
        None => Ok(None),
    }
}

/// The token of the verify and reset links: a hash of the email and the password hash
/// (AnqiCMS: md5 of the same), so a reset link stops working once the password changed.
pub fn mail_token(u: &User) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(u.email.to_lowercase().as_bytes());
    h.update(u.password_hash.as_bytes());
    let mut s = crate::auth::hex(&h.finalize());
    s.truncate(32);
    s
}

#[derive(Debug, Clone, Serialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_time: i64,
}

pub fn send(conn: &Connection, site_id: i64, mail: &Mail) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outbox (site_id, to_email, subject, body, link, created_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![site_id, mail.to, mail.subject, mail.body, mail.link, mail.created_time],
    )?;
    Ok(())
}

/// The outbox, newest first; only mails to `to` (any case) when given.
pub fn outbox(conn: &Connection, to: Option<&str>) -> rusqlite::Result<Vec<Mail>> {
    let mut stmt = conn.prepare(
        "SELECT to_email, subject, body, link, created_time FROM outbox
         WHERE ?1 IS NULL OR to_email = ?1 COLLATE NOCASE ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([to], |r| {
        Ok(Mail {
            to: r.get(0)?,
            subject: r.get(1)?,
            body: r.get(2)?,
            link: r.get(3)?,
            created_time: r.get(4)?,
        })
    })?;
    rows.collect()
}
