//! The guestbook (§6.13): field definitions and the thank-you text live in the site's
//! `guestbook` settings document; entries in `guestbooks`.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::module::FieldDef;
use super::site;

/// The settings document kind: `{"fields":[FieldDef…],"thank_you":"…"}`.
pub const GUESTBOOK: &str = "guestbook";

pub fn fields(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<FieldDef>> {
    let doc = site::setting(conn, site_id, GUESTBOOK)?;
    Ok(doc
        .get("fields")
        .cloned()
        .and_then(|f| serde_json::from_value(f).ok())
        .unwrap_or_default())
}

pub fn thank_you(conn: &Connection, site_id: i64) -> rusqlite::Result<String> {
    let doc = site::setting(conn, site_id, GUESTBOOK)?;
    Ok(doc
        .get("thank_you")
        .and_then(Value::as_str)
        .unwrap_or("Thank you for your message")
        .to_string())
}

pub struct NewEntry<'a> {
    pub user_name: &'a str,
    pub contact: &'a str,
    pub content: &'a str,
    pub ip: &'a str,
    /// Every field's value by `field_name`.
    pub values: &'a BTreeMap<String, String>,
    pub now: i64,
}

pub fn insert(conn: &Connection, site_id: i64, e: &NewEntry) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO guestbooks (site_id, user_name, contact, content, ip, extra, status, created_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
        rusqlite::params![
            site_id,
            e.user_name,
            e.contact,
            e.content,
            e.ip,
            serde_json::to_string(e.values).unwrap_or_else(|_| "{}".into()),
            e.now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// `(count, newest time)` of the entries from `ip` since `since`.
pub fn from_ip_since(
    conn: &Connection,
    site_id: i64,
    ip: &str,
    since: i64,
) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT COUNT(*), COALESCE(MAX(created_time), 0) FROM guestbooks
         WHERE site_id = ?1 AND ip = ?2 AND created_time >= ?3",
        rusqlite::params![site_id, ip, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A stored entry as the test control shows it: the columns, every value by field name,
/// and `extra` by display name for the non-column fields (as AnqiCMS stores them).
#[derive(Debug, Serialize)]
pub struct EntryJson {
    pub id: i64,
    pub site_id: i64,
    pub user_name: String,
    pub contact: String,
    pub content: String,
    pub ip: String,
    pub status: i64,
    pub values: BTreeMap<String, String>,
    pub extra: BTreeMap<String, String>,
    pub created_time: i64,
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<EntryJson>> {
    let mut stmt = conn.prepare(
        "SELECT id, site_id, user_name, contact, content, ip, status, extra, created_time
         FROM guestbooks ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let values: BTreeMap<String, String> =
            serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default();
        Ok(EntryJson {
            id: r.get(0)?,
            site_id: r.get(1)?,
            user_name: r.get(2)?,
            contact: r.get(3)?,
            content: r.get(4)?,
            ip: r.get(5)?,
            status: r.get(6)?,
            values,
            extra: BTreeMap::new(),
            created_time: r.get(8)?,
        })
    })?;
    let mut out: Vec<EntryJson> = rows.collect::<Result<_, _>>()?;
    for e in &mut out {
        let defs = fields(conn, e.site_id)?;
        for d in defs {
            if matches!(d.field_name.as_str(), "user_name" | "contact" | "content") {
                continue;
            }
            if let Some(v) = e.values.get(&d.field_name) {
                e.extra.insert(d.name.clone(), v.clone());
            }
        }
    }
    Ok(out)
}
