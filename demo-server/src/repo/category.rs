//! Categories and single pages (§5.3; pages are categories with `type` 3).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::module::{token_of, Module};
use super::{json_strings, thumb_path};
use crate::urls::Urls;

pub const TYPE_ARCHIVE: i64 = 1;
pub const TYPE_PAGE: i64 = 3;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: i64,
    pub parent_id: i64,
    pub module_id: i64,
    pub kind: i64,
    pub title: String,
    pub seo_title: String,
    pub keywords: String,
    pub url_token: String,
    pub description: String,
    pub content: String,
    pub sort: i64,
    pub images: Vec<String>,
    pub logo: String,
    pub status: i64,
    pub created_time: i64,
    pub updated_time: i64,
    /// Demo-only (AnqiCMS computes category links): set by the hostile test state.
    pub fixed_link: String,
}

const COLS: &str =
    "id, parent_id, module_id, type, title, seo_title, keywords, url_token, description, \
content, sort, images, logo, status, created_time, updated_time, fixed_link";

fn from_row(r: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        module_id: r.get(2)?,
        kind: r.get(3)?,
        title: r.get(4)?,
        seo_title: r.get(5)?,
        keywords: r.get(6)?,
        url_token: r.get(7)?,
        description: r.get(8)?,
        content: r.get(9)?,
        sort: r.get(10)?,
        images: json_strings(&r.get::<_, String>(11)?),
        logo: r.get(12)?,
        status: r.get(13)?,
        created_time: r.get(14)?,
        updated_time: r.get(15)?,
        fixed_link: r.get(16)?,
    })
}

/// Every category and page of a site in display order (sort, then id).
pub fn all(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<Category>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM categories WHERE site_id = ?1 ORDER BY sort, id"
    ))?;
    let rows = stmt.query_map([site_id], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Category>> {
    conn.prepare_cached(&format!(
        "SELECT {COLS} FROM categories WHERE site_id = ?1 AND id = ?2"
    ))?
    .query_row(rusqlite::params![site_id, id], from_row)
    .optional()
}

pub fn by_token(
    conn: &Connection,
    site_id: i64,
    token: &str,
) -> rusqlite::Result<Option<Category>> {
    conn.query_row(
        &format!("SELECT {COLS} FROM categories WHERE site_id = ?1 AND url_token = ?2"),
        rusqlite::params![site_id, token],
        from_row,
    )
    .optional()
}

/// `id` and all its descendants.
pub fn with_descendants(all: &[Category], id: i64) -> Vec<i64> {
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(all.iter().filter(|c| c.parent_id == parent).map(|c| c.id));
        i += 1;
    }
    out
}

/// Archive counts per category (direct, visible archives).
pub fn archive_counts(conn: &Connection, site_id: i64) -> rusqlite::Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT category_id, COUNT(*) FROM archives WHERE site_id = ?1 AND status = 1 GROUP BY category_id",
    )?;
    let rows = stmt.query_map([site_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub seo_title: String,
    pub keywords: String,
    pub url_token: String,
    pub description: String,
    pub content: String,
    pub module_id: i64,
    pub parent_id: i64,
    #[serde(rename = "type")]
    pub kind: i64,
    pub sort: i64,
    pub template: String,
    pub detail_template: String,
    pub is_inherit: i64,
    pub images: Option<Vec<String>>,
    pub logo: String,
    pub archive_count: i64,
    pub status: i64,
    pub spacer: String,
    pub has_children: bool,
    pub link: String,
    pub thumb: String,
    pub is_current: bool,
    pub parent_titles: Option<Vec<String>>,
}

/// The canonical link of a category or page (a stored `fixed_link` wins; only the hostile
/// test state sets one).
pub fn link(c: &Category, urls: &Urls, modules: &[Module]) -> String {
    if !c.fixed_link.is_empty() {
        c.fixed_link.clone()
    } else if c.kind == TYPE_PAGE {
        urls.page(c.id)
    } else {
        urls.category(token_of(modules, c.module_id), c.id)
    }
}

/// Builds the wire shape. `with_link` is false where AnqiCMS leaves `link` empty.
pub fn to_json(
    c: &Category,
    urls: &Urls,
    modules: &[Module],
    with_link: bool,
    archive_count: i64,
) -> CategoryJson {
    let logo = if c.logo.is_empty() {
        c.images.first().cloned().unwrap_or_default()
    } else {
        c.logo.clone()
    };
    CategoryJson {
        id: c.id,
        created_time: c.created_time,
        updated_time: c.updated_time,
        title: c.title.clone(),
        seo_title: c.seo_title.clone(),
        keywords: c.keywords.clone(),
        url_token: c.url_token.clone(),
        description: c.description.clone(),
        content: urls.absolutise_content(&c.content),
        module_id: c.module_id,
        parent_id: c.parent_id,
        kind: c.kind,
        sort: c.sort,
        template: String::new(),
        detail_template: String::new(),
        is_inherit: 0,
        images: if c.images.is_empty() {
            None
        } else {
            Some(c.images.iter().map(|i| urls.abs(i)).collect())
        },
        logo: urls.abs(&logo),
        archive_count,
        status: c.status,
        spacer: String::new(),
        has_children: false,
        link: if with_link {
            link(c, urls, modules)
        } else {
            String::new()
        },
        thumb: urls.abs(&thumb_path(&logo)),
        is_current: false,
        parent_titles: None,
    }
}

/// Flattened tree order with `spacer`, `has_children` and `parent_titles`, as
/// `GetCategoriesFromCache(..., all=true)` produces.
pub fn flatten_tree(
    cats: &[Category],
    parent_id: i64,
    depth: usize,
    out: &mut Vec<(Category, usize, Vec<String>)>,
    titles: &[String],
) {
    for c in cats.iter().filter(|c| c.parent_id == parent_id) {
        out.push((c.clone(), depth, titles.to_vec()));
        let mut next = titles.to_vec();
        next.push(c.title.clone());
        flatten_tree(cats, c.id, depth + 1, out, &next);
    }
}
