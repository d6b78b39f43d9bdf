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

/// The `safe` settings document (AnqiCMS's `Safe` config): `captcha` is 1 when login (and
/// comments, guestbook) need an image captcha.
pub const SAFE: &str = "safe";
/// The `plugin_order` settings document (AnqiCMS's `PluginOrder`): `no_need_login` lets
/// guests create and pay orders.
pub const PLUGIN_ORDER: &str = "plugin_order";

/// Whether the site's `Safe.captcha` switch is on.
pub fn captcha_on(conn: &Connection, site_id: i64) -> rusqlite::Result<bool> {
    Ok(setting(conn, site_id, SAFE)?
        .get("captcha")
        .and_then(Value::as_i64)
        .unwrap_or(0)
        == 1)
}

/// Whether the site's `PluginOrder.no_need_login` switch is on.
pub fn no_need_login(conn: &Connection, site_id: i64) -> rusqlite::Result<bool> {
    Ok(setting(conn, site_id, PLUGIN_ORDER)?
        .get("no_need_login")
        .and_then(Value::as_bool)
        .unwrap_or(false))
}

/// Sets one key of a settings document, keeping the others.
pub fn set_setting_key(
    conn: &Connection,
    site_id: i64,
    kind: &str,
    key: &str,
    value: Value,
) -> rusqlite::Result<()> {
    let mut doc = setting(conn, site_id, kind)?;
    if let Value::Object(map) = &mut doc {
        map.insert(key.to_string(), value);
    }
    conn.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        rusqlite::params![site_id, kind, doc.to_string()],
    )?;
    Ok(())
}

pub fn set_captcha(conn: &Connection, site_id: i64, on: bool) -> rusqlite::Result<()> {
    set_setting_key(conn, site_id, SAFE, "captcha", Value::from(i64::from(on)))
}

pub fn set_no_need_login(conn: &Connection, site_id: i64, on: bool) -> rusqlite::Result<()> {
    set_setting_key(
        conn,
        site_id,
        PLUGIN_ORDER,
        "no_need_login",
        Value::from(on),
    )
}
