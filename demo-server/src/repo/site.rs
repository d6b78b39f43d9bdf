//! Sites (languages) and their settings documents.

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use crate::Site;

pub fn load_sites(conn: &Connection) -> rusqlite::Result<Vec<Site>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, language, language_name, language_emoji, dir, is_main, token_secret
         FROM sites ORDER BY is_main DESC, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Site {
            id: r.get(0)?,
            name: r.get(1)?,
            language: r.get(2)?,
            language_name: r.get(3)?,
            language_emoji: r.get(4)?,
            dir: r.get(5)?,
            is_main: r.get::<_, i64>(6)? != 0,
            token_secret: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// A settings document (`system`, `contact`, `index`) as stored, or `{}`.
pub fn setting(conn: &Connection, site_id: i64, kind: &str) -> rusqlite::Result<Value> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE site_id = ?1 AND kind = ?2",
            rusqlite::params![site_id, kind],
            |r| r.get(0),
        )
        .optional()?;
    Ok(raw
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(|| Value::Object(Default::default())))
}
