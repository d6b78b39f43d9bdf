//! The shop's state around the demo users, seeded after the content: the `safe` and
//! `plugin_order` switches, coupons with their claimed codes, and orders in every state.
//!
//! Unlike the content (fixed to [`super::SEED_NOW`]), these timestamps are relative to the
//! moment of seeding: coupons must be valid, expired or not yet started *now*, and orders
//! must look some days old, never "just placed".

use rusqlite::{params, Connection, Transaction};
use serde_json::json;

use super::Lang;
use crate::repo::site::{self, PLUGIN_ORDER, SAFE};

/// The seeded captcha switch: off on the main site, on on the English one, so both login
/// paths are exercised.
fn seeded_captcha(lang: Lang) -> bool {
    lang == Lang::En
}

/// Writes the switch documents as seeded (`no_need_login` as given).
fn write_switches(tx: &Connection, lang: Lang, no_need_login: bool) -> rusqlite::Result<()> {
    let site = lang.site_id();
    tx.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        params![
            site,
            SAFE,
            json!({"captcha": i64::from(seeded_captcha(lang)), "content_limit": 0, "daily_limit": 0, "interval_limit": 0})
                .to_string()
        ],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        params![
            site,
            PLUGIN_ORDER,
            json!({"no_need_login": no_need_login, "auto_close_minute": 0, "auto_finish_day": 10})
                .to_string()
        ],
    )?;
    Ok(())
}

fn has_setting(tx: &Transaction, site: i64, kind: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT COUNT(*) FROM settings WHERE site_id = ?1 AND kind = ?2",
        params![site, kind],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// Seeds whatever of the commerce state a site lacks (a fresh database lacks all of it;
/// one made before these tables existed lacks it too). Idempotent.
pub fn seed_if_missing(conn: &mut Connection, now: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for lang in Lang::all() {
        let site = lang.site_id();
        let exists: i64 =
            tx.query_row("SELECT COUNT(*) FROM sites WHERE id = ?1", [site], |r| {
                r.get(0)
            })?;
        if exists == 0 {
            continue;
        }
        if !has_setting(&tx, site, SAFE)? || !has_setting(&tx, site, PLUGIN_ORDER)? {
            write_switches(&tx, lang, false)?;
        }
        let _ = now;
    }
    tx.commit()
}

/// The `--no-need-login` flag: sets the switch on every site for this run.
pub fn apply_no_need_login(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    for lang in Lang::all() {
        site::set_no_need_login(conn, lang.site_id(), on)?;
    }
    Ok(())
}

/// `/__test/reset`: the captcha switches as seeded, `no_need_login` as the flag set it.
pub fn restore_switches(conn: &mut Connection, no_need_login: bool) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for lang in Lang::all() {
        write_switches(&tx, lang, no_need_login)?;
    }
    tx.commit()
}
