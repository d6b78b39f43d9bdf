//! Documented-edition shop data: product SKUs and the cart (§12).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::archive::ArchiveJson;

#[derive(Debug, Clone, Serialize)]
pub struct OptionValueJson {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionJson {
    pub id: i64,
    pub title: String,
    pub values: Vec<OptionValueJson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkuJson {
    pub id: i64,
    pub title: String,
    pub price: i64,
    pub stock: i64,
    pub image: String,
    pub option_ids: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Sku {
    pub id: i64,
    pub archive_id: i64,
    pub title: String,
    pub price: i64,
    pub stock: i64,
    pub image: String,
    pub option_ids: Vec<i64>,
}

pub fn options(
    conn: &Connection,
    site_id: i64,
    archive_id: i64,
) -> rusqlite::Result<Vec<OptionJson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title FROM sku_options WHERE site_id = ?1 AND archive_id = ?2 ORDER BY sort, id",
    )?;
    let opts: Vec<(i64, String)> = stmt
        .query_map(rusqlite::params![site_id, archive_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut values_stmt = conn.prepare_cached(
        "SELECT id, title FROM sku_option_values WHERE site_id = ?1 AND option_id = ?2 ORDER BY sort, id",
    )?;
    opts.into_iter()
        .map(|(id, title)| {
            let values = values_stmt
                .query_map(rusqlite::params![site_id, id], |r| {
                    Ok(OptionValueJson {
                        id: r.get(0)?,
                        title: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(OptionJson { id, title, values })
        })
        .collect()
}

fn sku_from_row(r: &rusqlite::Row) -> rusqlite::Result<Sku> {
    Ok(Sku {
        id: r.get(0)?,
        archive_id: r.get(1)?,
        title: r.get(2)?,
        price: r.get(3)?,
        stock: r.get(4)?,
        image: r.get(5)?,
        option_ids: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
    })
}

pub fn skus(conn: &Connection, site_id: i64, archive_id: i64) -> rusqlite::Result<Vec<Sku>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, archive_id, title, price, stock, image, option_ids FROM skus
         WHERE site_id = ?1 AND archive_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, archive_id], sku_from_row)?;
    rows.collect()
}

pub fn sku(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Sku>> {
    conn.query_row(
        "SELECT id, archive_id, title, price, stock, image, option_ids FROM skus WHERE site_id = ?1 AND id = ?2",
        rusqlite::params![site_id, id],
        sku_from_row,
    )
    .optional()
}

#[derive(Debug, Clone)]
pub struct CartLine {
    pub id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub quantity: i64,
    pub order_extra: String,
}

/// Cart lines of an owner (`user:<id>` or `cart:<token>`), oldest first.
pub fn lines(conn: &Connection, site_id: i64, owner: &str) -> rusqlite::Result<Vec<CartLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, archive_id, sku_id, quantity, order_extra FROM cart_items
         WHERE site_id = ?1 AND owner = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, owner], |r| {
        Ok(CartLine {
            id: r.get(0)?,
            archive_id: r.get(1)?,
            sku_id: r.get(2)?,
            quantity: r.get(3)?,
            order_extra: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// What `/api/cart/add` puts in the cart.
pub struct NewLine<'a> {
    pub archive_id: i64,
    pub sku_id: i64,
    pub quantity: i64,
    pub order_extra: &'a str,
}

/// Adds a line, or raises the quantity of the existing line for the same product and SKU.
pub fn add(
    conn: &Connection,
    site_id: i64,
    owner: &str,
    line: &NewLine,
    now: i64,
) -> rusqlite::Result<i64> {
    let NewLine {
        archive_id,
        sku_id,
        quantity,
        order_extra,
    } = *line;
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM cart_items WHERE site_id = ?1 AND owner = ?2 AND archive_id = ?3 AND sku_id = ?4",
            rusqlite::params![site_id, owner, archive_id, sku_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        conn.execute(
            "UPDATE cart_items SET quantity = MIN(quantity + ?2, 9999), updated_time = ?3,
                 order_extra = CASE WHEN ?4 = '' THEN order_extra ELSE ?4 END
             WHERE id = ?1",
            rusqlite::params![id, quantity, now, order_extra],
        )?;
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO cart_items (site_id, owner, archive_id, sku_id, quantity, order_extra, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![site_id, owner, archive_id, sku_id, quantity, order_extra, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Sets the quantity of the owner's line for a product/SKU; returns false when absent.
pub fn set_quantity(
    conn: &Connection,
    site_id: i64,
    owner: &str,
    archive_id: i64,
    sku_id: i64,
    quantity: i64,
    now: i64,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE cart_items SET quantity = ?5, updated_time = ?6
         WHERE site_id = ?1 AND owner = ?2 AND archive_id = ?3 AND sku_id = ?4",
        rusqlite::params![site_id, owner, archive_id, sku_id, quantity, now],
    )?;
    Ok(n > 0)
}

pub fn remove(conn: &Connection, site_id: i64, owner: &str, id: i64) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "DELETE FROM cart_items WHERE site_id = ?1 AND owner = ?2 AND id = ?3",
        rusqlite::params![site_id, owner, id],
    )?;
    Ok(n > 0)
}

/// A cart row: the archive's fields plus the cart's own.
#[derive(Debug, Serialize)]
pub struct CartItemJson {
    #[serde(flatten)]
    pub archive: ArchiveJson,
    pub cart_id: i64,
    pub sku_id: i64,
    pub sku_title: String,
    pub quantity: i64,
    pub amount: i64,
    pub origin_amount: i64,
    pub order_extra: String,
    pub is_wholesale: bool,
}
