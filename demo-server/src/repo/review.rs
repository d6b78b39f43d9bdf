//! Documented edition (§12): the wishlist (with the price when added, a target price, a
//! note and a priority) and product reviews (listed only once approved).

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::json_strings;
use crate::urls::Urls;

// ----------------------------------------------------------------------------- wishlist

#[derive(Debug, Clone)]
pub struct Wish {
    pub id: i64,
    pub user_id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub remark: String,
    pub origin_price: i64,
    pub target_price: i64,
    pub priority: i64,
    pub created_time: i64,
}

const WISH_COLS: &str =
    "id, user_id, archive_id, sku_id, remark, origin_price, target_price, priority, created_time";

fn wish_from_row(r: &Row) -> rusqlite::Result<Wish> {
    Ok(Wish {
        id: r.get(0)?,
        user_id: r.get(1)?,
        archive_id: r.get(2)?,
        sku_id: r.get(3)?,
        remark: r.get(4)?,
        origin_price: r.get(5)?,
        target_price: r.get(6)?,
        priority: r.get(7)?,
        created_time: r.get(8)?,
    })
}

pub fn wish(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Wish>> {
    conn.query_row(
        &format!("SELECT {WISH_COLS} FROM wishlists WHERE site_id = ?1 AND id = ?2"),
        rusqlite::params![site_id, id],
        wish_from_row,
    )
    .optional()
}

pub fn wish_of(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    archive_id: i64,
    sku_id: i64,
) -> rusqlite::Result<Option<Wish>> {
    conn.query_row(
        &format!(
            "SELECT {WISH_COLS} FROM wishlists WHERE site_id = ?1 AND user_id = ?2 AND archive_id = ?3 AND sku_id = ?4"
        ),
        rusqlite::params![site_id, user_id, archive_id, sku_id],
        wish_from_row,
    )
    .optional()
}

/// The user's records, highest priority first, then newest; and the total.
pub fn wishes(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Wish>, i64)> {
    let total = conn.query_row(
        "SELECT COUNT(*) FROM wishlists WHERE site_id = ?1 AND user_id = ?2",
        rusqlite::params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {WISH_COLS} FROM wishlists WHERE site_id = ?1 AND user_id = ?2
         ORDER BY priority DESC, id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![site_id, user_id, limit, offset],
        wish_from_row,
    )?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

pub struct NewWish<'a> {
    pub archive_id: i64,
    pub sku_id: i64,
    pub remark: &'a str,
    pub origin_price: i64,
    pub target_price: i64,
    pub priority: i64,
    pub now: i64,
}

pub fn insert_wish(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    w: &NewWish,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO wishlists (site_id, user_id, archive_id, sku_id, remark, origin_price, target_price,
            priority, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![
            site_id,
            user_id,
            w.archive_id,
            w.sku_id,
            w.remark,
            w.origin_price,
            w.target_price,
            w.priority,
            w.now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Updates the note, target and priority of a record; `origin_price` never changes.
pub fn update_wish(
    conn: &Connection,
    id: i64,
    remark: &str,
    target_price: i64,
    priority: i64,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE wishlists SET remark = ?2, target_price = ?3, priority = ?4, updated_time = ?5 WHERE id = ?1",
        rusqlite::params![id, remark, target_price, priority, now],
    )?;
    Ok(())
}

pub fn delete_wish(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    id: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM wishlists WHERE site_id = ?1 AND user_id = ?2 AND id = ?3",
        rusqlite::params![site_id, user_id, id],
    )
}

/// The current price of a product, or of one of its SKUs.
pub fn current_price(
    conn: &Connection,
    site_id: i64,
    archive_id: i64,
    sku_id: i64,
) -> rusqlite::Result<Option<i64>> {
    if sku_id > 0 {
        conn.query_row(
            "SELECT price FROM skus WHERE site_id = ?1 AND archive_id = ?2 AND id = ?3",
            rusqlite::params![site_id, archive_id, sku_id],
            |r| r.get(0),
        )
        .optional()
    } else {
        conn.query_row(
            "SELECT price FROM archives WHERE site_id = ?1 AND id = ?2",
            rusqlite::params![site_id, archive_id],
            |r| r.get(0),
        )
        .optional()
    }
}

#[derive(Debug, Serialize)]
pub struct WishJson {
    pub id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub title: String,
    pub thumb: String,
    pub link: String,
    pub remark: String,
    pub origin_price: i64,
    pub target_price: i64,
    pub price: i64,
    pub priority: i64,
    pub created_time: i64,
}

// ------------------------------------------------------------------------------ reviews

#[derive(Debug, Clone)]
pub struct Review {
    pub id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub order_id: String,
    pub user_id: i64,
    pub user_name: String,
    pub score: i64,
    pub content: String,
    pub images: Vec<String>,
    pub status: i64,
    pub reply: String,
    pub created_time: i64,
}

const REVIEW_COLS: &str =
    "id, archive_id, sku_id, order_id, user_id, user_name, score, content, images, status, reply, created_time";

fn review_from_row(r: &Row) -> rusqlite::Result<Review> {
    Ok(Review {
        id: r.get(0)?,
        archive_id: r.get(1)?,
        sku_id: r.get(2)?,
        order_id: r.get(3)?,
        user_id: r.get(4)?,
        user_name: r.get(5)?,
        score: r.get(6)?,
        content: r.get(7)?,
        images: json_strings(&r.get::<_, String>(8)?),
        status: r.get(9)?,
        reply: r.get(10)?,
        created_time: r.get(11)?,
    })
}

pub fn review(conn: &Connection, id: i64) -> rusqlite::Result<Option<Review>> {
    conn.query_row(
        &format!("SELECT {REVIEW_COLS} FROM reviews WHERE id = ?1"),
        [id],
        review_from_row,
    )
    .optional()
}

/// Approved reviews of a product (every product with `archive_id` 0), optionally of one
/// score, newest first; and the total.
pub fn approved(
    conn: &Connection,
    site_id: i64,
    archive_id: i64,
    score: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Review>, i64)> {
    let filter =
        "site_id = ?1 AND status = 1 AND (?2 = 0 OR archive_id = ?2) AND (?3 = 0 OR score = ?3)";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM reviews WHERE {filter}"),
        rusqlite::params![site_id, archive_id, score],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {REVIEW_COLS} FROM reviews WHERE {filter} ORDER BY created_time DESC, id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![site_id, archive_id, score, limit, offset],
        review_from_row,
    )?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

pub fn reviewed(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    archive_id: i64,
) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT COUNT(*) FROM reviews WHERE site_id = ?1 AND order_id = ?2 AND archive_id = ?3",
        rusqlite::params![site_id, order_id, archive_id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

pub struct NewReview<'a> {
    pub archive_id: i64,
    pub sku_id: i64,
    pub order_id: &'a str,
    pub user_id: i64,
    pub user_name: &'a str,
    pub score: i64,
    pub content: &'a str,
    pub images: &'a [String],
    pub status: i64,
    pub reply: &'a str,
    pub hostile: bool,
    pub now: i64,
}

pub fn insert_review(conn: &Connection, site_id: i64, r: &NewReview) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO reviews (site_id, archive_id, sku_id, order_id, user_id, user_name, score, content, images,
            status, reply, hostile, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        rusqlite::params![
            site_id,
            r.archive_id,
            r.sku_id,
            r.order_id,
            r.user_id,
            r.user_name,
            r.score,
            r.content,
            serde_json::to_string(r.images).unwrap_or_else(|_| "[]".into()),
            r.status,
            r.reply,
            r.hostile as i64,
            r.now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_review_status(
    conn: &Connection,
    id: i64,
    status: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE reviews SET status = ?2, updated_time = ?3 WHERE id = ?1",
        rusqlite::params![id, status, now],
    )
}

#[derive(Debug, Serialize)]
pub struct ReviewJson {
    pub id: i64,
    pub created_time: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub order_id: String,
    pub user_id: i64,
    pub user_name: String,
    pub score: i64,
    pub content: String,
    pub images: Vec<String>,
    pub status: i64,
    pub reply: String,
}

pub fn review_json(r: &Review, urls: &Urls) -> ReviewJson {
    ReviewJson {
        id: r.id,
        created_time: r.created_time,
        archive_id: r.archive_id,
        sku_id: r.sku_id,
        order_id: r.order_id.clone(),
        user_id: r.user_id,
        user_name: r.user_name.clone(),
        score: r.score,
        content: r.content.clone(),
        images: r.images.iter().map(|i| urls.abs(i)).collect(),
        status: r.status,
        reply: r.reply.clone(),
    }
}
