//! Favorites (§6.11): one row per user and archive.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// ArchiveFavorite (§5.10).
#[derive(Debug, Clone, Serialize)]
pub struct Favorite {
    pub id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub user_id: i64,
    pub created_time: i64,
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Favorite> {
    Ok(Favorite {
        id: r.get(0)?,
        archive_id: r.get(1)?,
        sku_id: r.get(2)?,
        user_id: r.get(3)?,
        created_time: r.get(4)?,
    })
}

const COLS: &str = "id, archive_id, sku_id, user_id, created_time";

pub fn find(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    archive_id: i64,
) -> rusqlite::Result<Option<Favorite>> {
    conn.query_row(
        &format!(
            "SELECT {COLS} FROM favorites WHERE site_id = ?1 AND user_id = ?2 AND archive_id = ?3"
        ),
        rusqlite::params![site_id, user_id, archive_id],
        from_row,
    )
    .optional()
}

/// The user's favorites among `archive_ids`, in the order asked.
pub fn of_archives(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    archive_ids: &[i64],
) -> rusqlite::Result<Vec<Favorite>> {
    let mut out = Vec::new();
    for &id in archive_ids {
        if let Some(f) = find(conn, site_id, user_id, id)? {
            if !out.iter().any(|o: &Favorite| o.id == f.id) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

pub fn add(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    archive_id: i64,
    sku_id: i64,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO favorites (site_id, user_id, archive_id, sku_id, created_time)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![site_id, user_id, archive_id, sku_id, now],
    )?;
    Ok(())
}

pub fn delete(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    archive_id: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM favorites WHERE site_id = ?1 AND user_id = ?2 AND archive_id = ?3",
        rusqlite::params![site_id, user_id, archive_id],
    )
}

/// One page of the user's favorites, newest first, with the total; rows whose archive is
/// gone are skipped by the join.
pub fn page(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Favorite>, i64)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM favorites f JOIN archives a ON a.site_id = f.site_id AND a.id = f.archive_id
         WHERE f.site_id = ?1 AND f.user_id = ?2 AND a.status = 1",
        rusqlite::params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT f.id, f.archive_id, f.sku_id, f.user_id, f.created_time FROM favorites f
         JOIN archives a ON a.site_id = f.site_id AND a.id = f.archive_id
         WHERE f.site_id = ?1 AND f.user_id = ?2 AND a.status = 1
         ORDER BY f.id DESC LIMIT ?3 OFFSET ?4",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, user_id, limit, offset], from_row)?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}
