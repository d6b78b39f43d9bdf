//! Tags (§5.4).

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{is_zero, thumb_path};
use crate::urls::Urls;

#[derive(Debug, Clone)]
pub struct Tag {
    pub id: i64,
    pub title: String,
    pub url_token: String,
    pub first_letter: String,
    pub seo_title: String,
    pub keywords: String,
    pub description: String,
    pub content: String,
    pub logo: String,
    pub category_id: i64,
    pub status: i64,
    pub created_time: i64,
    pub updated_time: i64,
    /// Demo-only (AnqiCMS computes tag links): set by the hostile test state.
    pub fixed_link: String,
}

const COLS: &str =
    "t.id, t.title, t.url_token, t.first_letter, t.seo_title, t.keywords, t.description, \
t.content, t.logo, t.category_id, t.status, t.created_time, t.updated_time, t.fixed_link";

fn from_row(r: &Row) -> rusqlite::Result<Tag> {
    Ok(Tag {
        id: r.get(0)?,
        title: r.get(1)?,
        url_token: r.get(2)?,
        first_letter: r.get(3)?,
        seo_title: r.get(4)?,
        keywords: r.get(5)?,
        description: r.get(6)?,
        content: r.get(7)?,
        logo: r.get(8)?,
        category_id: r.get(9)?,
        status: r.get(10)?,
        created_time: r.get(11)?,
        updated_time: r.get(12)?,
        fixed_link: r.get(13)?,
    })
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Tag>> {
    conn.query_row(
        &format!("SELECT {COLS} FROM tags t WHERE t.site_id = ?1 AND t.id = ?2"),
        rusqlite::params![site_id, id],
        from_row,
    )
    .optional()
}

pub fn by_token(conn: &Connection, site_id: i64, token: &str) -> rusqlite::Result<Option<Tag>> {
    conn.query_row(
        &format!("SELECT {COLS} FROM tags t WHERE t.site_id = ?1 AND t.url_token = ?2"),
        rusqlite::params![site_id, token],
        from_row,
    )
    .optional()
}

/// Tags of one archive, in tag id order.
pub fn of_archive(conn: &Connection, site_id: i64, archive_id: i64) -> rusqlite::Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM tags t JOIN tag_archives ta ON ta.site_id = t.site_id AND ta.tag_id = t.id
         WHERE t.site_id = ?1 AND ta.archive_id = ?2 ORDER BY t.id"
    ))?;
    let rows = stmt.query_map(rusqlite::params![site_id, archive_id], from_row)?;
    rows.collect()
}

#[derive(Default)]
pub struct TagFilter {
    pub item_id: Option<i64>,
    pub category_ids: Vec<i64>,
    pub letter: Option<String>,
    pub q: Option<String>,
    pub order: String,
    pub offset: i64,
    pub limit: i64,
}

/// `(page, total)` for `/api/tag/list`; the total is always counted.
pub fn list(conn: &Connection, site_id: i64, f: &TagFilter) -> rusqlite::Result<(Vec<Tag>, i64)> {
    let mut wh = vec!["t.site_id = ?".to_string(), "t.status = 1".to_string()];
    let mut args: Vec<SqlValue> = vec![site_id.into()];
    if let Some(item) = f.item_id {
        wh.push("EXISTS (SELECT 1 FROM tag_archives ta WHERE ta.site_id = t.site_id AND ta.tag_id = t.id AND ta.archive_id = ?)".into());
        args.push(item.into());
    }
    if !f.category_ids.is_empty() {
        wh.push(format!(
            "t.category_id IN ({})",
            vec!["?"; f.category_ids.len()].join(",")
        ));
        args.extend(f.category_ids.iter().map(|&i| SqlValue::from(i)));
    }
    if let Some(letter) = &f.letter {
        wh.push("t.first_letter = ?".into());
        args.push(letter.to_uppercase().into());
    }
    if let Some(q) = &f.q {
        wh.push("t.title LIKE '%' || ? || '%'".into());
        args.push(q.clone().into());
    }
    let where_sql = wh.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM tags t WHERE {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut page_args = args.clone();
    page_args.push(f.limit.into());
    page_args.push(f.offset.into());
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM tags t WHERE {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
        f.order
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(page_args.iter()), from_row)?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Validated `order` for tags (identifier columns only), default `id desc`.
pub fn order_sql(order: &str) -> String {
    const COLUMNS: &[&str] = &[
        "id",
        "title",
        "url_token",
        "first_letter",
        "created_time",
        "updated_time",
        "category_id",
    ];
    let parts: Vec<String> = order
        .split(',')
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let col = words.next()?.trim_matches('`');
            let col = col.rsplit('.').next().unwrap_or(col);
            if !COLUMNS.contains(&col) {
                return None;
            }
            let dir = match words.next().map(str::to_ascii_lowercase).as_deref() {
                Some("desc") => " DESC",
                Some("asc") => " ASC",
                _ => "",
            };
            Some(format!("t.{col}{dir}"))
        })
        .collect();
    if parts.is_empty() {
        "t.id DESC".into()
    } else {
        parts.join(", ")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TagJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub category_id: i64,
    pub seo_title: String,
    pub keywords: String,
    pub url_token: String,
    pub description: String,
    pub first_letter: String,
    pub template: String,
    pub logo: String,
    pub status: i64,
    pub link: String,
    pub thumb: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub content: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category_title: String,
    #[serde(skip_serializing_if = "is_zero")]
    pub item_id: i64,
}

/// `with_content` only for the detail endpoint.
pub fn to_json(t: &Tag, urls: &Urls, with_content: bool) -> TagJson {
    TagJson {
        id: t.id,
        created_time: t.created_time,
        updated_time: t.updated_time,
        title: t.title.clone(),
        category_id: t.category_id,
        seo_title: t.seo_title.clone(),
        keywords: t.keywords.clone(),
        url_token: t.url_token.clone(),
        description: t.description.clone(),
        first_letter: t.first_letter.clone(),
        template: String::new(),
        logo: urls.abs(&t.logo),
        status: t.status,
        link: if t.fixed_link.is_empty() {
            urls.tag(t.id)
        } else {
            t.fixed_link.clone()
        },
        thumb: urls.abs(&thumb_path(&t.logo)),
        content: if with_content {
            urls.absolutise_content(&t.content)
        } else {
            String::new()
        },
        category_title: String::new(),
        item_id: 0,
    }
}
