//! Archives (documents and products, §5.1) and the list query of §6.1.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::category::{self, Category, CategoryJson};
use super::module::{token_of, CustomFieldJson, Module};
use super::tag::{self, TagJson};
use super::user::{discount, Group, User};
use super::{is_false, json_strings, thumb_path};
use crate::urls::Urls;

#[derive(Debug, Clone)]
pub struct Archive {
    pub id: i64,
    pub parent_id: i64,
    pub module_id: i64,
    pub category_id: i64,
    pub title: String,
    pub seo_title: String,
    pub url_token: String,
    pub keywords: String,
    pub description: String,
    pub content: String,
    pub images: Vec<String>,
    pub price: i64,
    pub stock: i64,
    pub read_level: i64,
    pub password: String,
    pub sort: i64,
    pub views: i64,
    pub comment_count: i64,
    pub user_id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    /// AnqiCMS's custom permanent link; when set it is the archive's `link`.
    pub fixed_link: String,
}

const COLS: &str = "a.id, a.parent_id, a.module_id, a.category_id, a.title, a.seo_title, a.url_token, \
a.keywords, a.description, a.content, a.images, a.price, a.stock, a.read_level, a.password, a.sort, \
a.views, a.comment_count, a.user_id, a.created_time, a.updated_time, a.fixed_link";

fn from_row(r: &Row) -> rusqlite::Result<Archive> {
    Ok(Archive {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        module_id: r.get(2)?,
        category_id: r.get(3)?,
        title: r.get(4)?,
        seo_title: r.get(5)?,
        url_token: r.get(6)?,
        keywords: r.get(7)?,
        description: r.get(8)?,
        content: r.get(9)?,
        images: json_strings(&r.get::<_, String>(10)?),
        price: r.get(11)?,
        stock: r.get(12)?,
        read_level: r.get(13)?,
        password: r.get(14)?,
        sort: r.get(15)?,
        views: r.get(16)?,
        comment_count: r.get(17)?,
        user_id: r.get(18)?,
        created_time: r.get(19)?,
        updated_time: r.get(20)?,
        fixed_link: r.get(21)?,
    })
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Archive>> {
    conn.prepare_cached(&format!(
        "SELECT {COLS} FROM archives a WHERE a.site_id = ?1 AND a.id = ?2 AND a.status = 1"
    ))?
    .query_row(rusqlite::params![site_id, id], from_row)
    .optional()
}

pub fn by_token(conn: &Connection, site_id: i64, token: &str) -> rusqlite::Result<Option<Archive>> {
    conn.prepare_cached(&format!(
        "SELECT {COLS} FROM archives a WHERE a.site_id = ?1 AND a.url_token = ?2 AND a.status = 1"
    ))?
    .query_row(rusqlite::params![site_id, token], from_row)
    .optional()
}

/// Previous (largest smaller id) or next (smallest larger id) archive in the same category.
pub fn neighbour(
    conn: &Connection,
    site_id: i64,
    a: &Archive,
    prev: bool,
) -> rusqlite::Result<Option<Archive>> {
    let sql = if prev {
        format!("SELECT {COLS} FROM archives a WHERE a.site_id = ?1 AND a.category_id = ?2 AND a.id < ?3 AND a.status = 1 ORDER BY a.id DESC LIMIT 1")
    } else {
        format!("SELECT {COLS} FROM archives a WHERE a.site_id = ?1 AND a.category_id = ?2 AND a.id > ?3 AND a.status = 1 ORDER BY a.id ASC LIMIT 1")
    };
    conn.prepare_cached(&sql)?
        .query_row(rusqlite::params![site_id, a.category_id, a.id], from_row)
        .optional()
}

/// Looks an archive up the way detail/params do: `id`, or `filename`/`url_token`, where
/// the special tokens `prev`/`next` (with `id`) mean the neighbour in the same category.
pub fn lookup(
    conn: &Connection,
    site_id: i64,
    id: i64,
    token: Option<&str>,
) -> rusqlite::Result<Option<Archive>> {
    let by_id = if id > 0 {
        get(conn, site_id, id)?
    } else {
        None
    };
    match token {
        Some(t @ ("prev" | "next")) => match by_id {
            Some(a) => neighbour(conn, site_id, &a, t == "prev"),
            None => Ok(None),
        },
        Some(t) => by_token(conn, site_id, t),
        None => Ok(by_id),
    }
}

pub fn flags(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT flag FROM archive_flags WHERE site_id = ?1 AND archive_id = ?2 ORDER BY rowid",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, id], |r| r.get(0))?;
    rows.collect()
}

pub fn field_values(
    conn: &Connection,
    site_id: i64,
    id: i64,
) -> rusqlite::Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT field_name, value FROM archive_fields WHERE site_id = ?1 AND archive_id = ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    rows.collect()
}

/// Everything `/api/archive/list` can filter on, already validated.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub module_id: Option<i64>,
    /// `None` = no category filter; `Some` = the ids (descendants already included).
    pub category_ids: Option<Vec<i64>>,
    pub exclude_category_ids: Vec<i64>,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub flag: Option<String>,
    pub q: Option<String>,
    pub tag_id: Option<i64>,
    /// Custom-field equality / IN filters: `(field_name, values)`.
    pub fields: Vec<(String, Vec<String>)>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub exclude_id: Option<i64>,
    pub id_below: Option<i64>,
    pub id_above: Option<i64>,
    /// A validated ORDER BY clause (see [`order_sql`]).
    pub order: String,
    pub offset: i64,
    pub limit: i64,
}

/// Runs the list query; counts the total only when asked (`type=page`).
pub fn list(
    conn: &Connection,
    site_id: i64,
    f: &ListFilter,
    count: bool,
) -> rusqlite::Result<(Vec<Archive>, i64)> {
    let mut wh: Vec<String> = vec!["a.site_id = ?".into(), "a.status = 1".into()];
    let mut args: Vec<SqlValue> = vec![site_id.into()];
    let placeholders = |n: usize| vec!["?"; n].join(",");
    if let Some(m) = f.module_id {
        wh.push("a.module_id = ?".into());
        args.push(m.into());
    }
    if let Some(ids) = &f.category_ids {
        wh.push(format!(
            "a.category_id IN ({})",
            placeholders(ids.len().max(1))
        ));
        if ids.is_empty() {
            args.push(SqlValue::Null);
        }
        args.extend(ids.iter().map(|&i| SqlValue::from(i)));
    }
    if !f.exclude_category_ids.is_empty() {
        wh.push(format!(
            "a.category_id NOT IN ({})",
            placeholders(f.exclude_category_ids.len())
        ));
        args.extend(f.exclude_category_ids.iter().map(|&i| SqlValue::from(i)));
    }
    if let Some(p) = f.parent_id {
        wh.push("a.parent_id = ?".into());
        args.push(p.into());
    }
    if let Some(u) = f.author_id {
        wh.push("a.user_id = ?".into());
        args.push(u.into());
    }
    if let Some(flag) = &f.flag {
        wh.push("EXISTS (SELECT 1 FROM archive_flags fl WHERE fl.site_id = a.site_id AND fl.archive_id = a.id AND fl.flag = ?)".into());
        args.push(flag.clone().into());
    }
    if let Some(q) = &f.q {
        wh.push("a.title LIKE '%' || ? || '%'".into());
        args.push(q.clone().into());
    }
    if let Some(t) = f.tag_id {
        wh.push("EXISTS (SELECT 1 FROM tag_archives ta WHERE ta.site_id = a.site_id AND ta.archive_id = a.id AND ta.tag_id = ?)".into());
        args.push(t.into());
    }
    for (name, values) in &f.fields {
        wh.push(format!(
            "EXISTS (SELECT 1 FROM archive_fields af WHERE af.site_id = a.site_id AND af.archive_id = a.id AND af.field_name = ? AND af.value IN ({}))",
            placeholders(values.len())
        ));
        args.push(name.clone().into());
        args.extend(values.iter().map(|v| SqlValue::from(v.clone())));
    }
    if let Some(min) = f.price_min {
        wh.push("a.price >= ?".into());
        args.push(min.into());
    }
    if let Some(max) = f.price_max {
        wh.push("a.price <= ?".into());
        args.push(max.into());
    }
    if let Some(id) = f.exclude_id {
        wh.push("a.id != ?".into());
        args.push(id.into());
    }
    if let Some(id) = f.id_below {
        wh.push("a.id < ?".into());
        args.push(id.into());
    }
    if let Some(id) = f.id_above {
        wh.push("a.id > ?".into());
        args.push(id.into());
    }
    let where_sql = wh.join(" AND ");
    let total = if count {
        conn.query_row(
            &format!("SELECT COUNT(*) FROM archives a WHERE {where_sql}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?
    } else {
        0
    };
    let mut page_args = args;
    page_args.push(f.limit.into());
    page_args.push(f.offset.into());
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM archives a WHERE {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
        f.order
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(page_args.iter()), from_row)?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Columns `order` may name. AnqiCMS lets any identifier through to MySQL (an unknown one
/// is a DB error); we accept the real columns and drop the rest, like its regex drops
/// non-identifiers.
const ORDER_COLUMNS: &[&str] = &[
    "id",
    "parent_id",
    "module_id",
    "category_id",
    "title",
    "url_token",
    "price",
    "stock",
    "read_level",
    "sort",
    "views",
    "comment_count",
    "user_id",
    "created_time",
    "updated_time",
];

pub const DEFAULT_ORDER: &str = "a.created_time DESC, a.id DESC";

/// Validates an `order` parameter such as `views desc,id desc`: each part must be an
/// identifier (optionally `` `quoted` `` or `table.`-prefixed) with an optional direction,
/// or `rand`. Invalid parts are skipped; nothing valid means the default order.
pub fn order_sql(order: &str) -> String {
    let parts: Vec<String> = order
        .split(',')
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let raw = words.next()?;
            if raw.eq_ignore_ascii_case("rand") || raw.eq_ignore_ascii_case("rand()") {
                return Some("RANDOM()".to_string());
            }
            let col = raw.rsplit('.').next().unwrap_or(raw).trim_matches('`');
            if col.is_empty() || !col.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return None;
            }
            let col = col.to_ascii_lowercase();
            if !ORDER_COLUMNS.contains(&col.as_str()) {
                return None;
            }
            let dir = match words.next().map(str::to_ascii_lowercase).as_deref() {
                Some("desc") => " DESC",
                Some("asc") => " ASC",
                _ => "",
            };
            Some(format!("a.{col}{dir}"))
        })
        .collect();
    if parts.is_empty() {
        DEFAULT_ORDER.to_string()
    } else {
        // A deterministic tie-break so paging never repeats or skips rows.
        format!("{}, a.id DESC", parts.join(", "))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchiveData {
    pub id: i64,
    pub content: String,
}

/// The Archive wire shape (§5.1). Field order follows the Go struct.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveJson {
    pub id: i64,
    pub parent_id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub seo_title: String,
    pub url_token: String,
    pub keywords: String,
    pub description: String,
    pub module_id: i64,
    pub category_id: i64,
    pub views: i64,
    pub comment_count: i64,
    pub images: Option<Vec<String>>,
    pub template: String,
    pub canonical_url: String,
    pub fixed_link: String,
    pub user_id: i64,
    pub price: i64,
    pub stock: i64,
    pub read_level: i64,
    pub password: String,
    pub sort: i64,
    pub has_pseudo: i64,
    pub keyword_id: i64,
    pub origin_url: String,
    pub origin_title: String,
    pub origin_id: i64,
    pub category: Option<CategoryJson>,
    pub module_name: String,
    pub data: Option<ArchiveData>,
    pub logo: String,
    pub thumb: String,
    pub link: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagJson>,
    pub has_ordered: bool,
    pub favorable_price: i64,
    pub has_password: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub password_valid: bool,
    pub category_titles: Option<Vec<String>>,
    pub category_ids: Option<Vec<i64>>,
    pub flag: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub relations: Option<Vec<i64>>,
    pub content: String,
    pub is_favorite: bool,
    pub extra: Option<BTreeMap<String, CustomFieldJson>>,
}

/// Which optional parts to fill (list `show*` flags; detail fills everything).
#[derive(Debug, Default, Clone, Copy)]
pub struct View {
    pub category: bool,
    pub content: bool,
    pub extra: bool,
    pub tags: bool,
    pub flag: bool,
}

impl View {
    pub fn detail() -> View {
        View {
            category: true,
            content: true,
            extra: true,
            tags: true,
            flag: true,
        }
    }
}

/// Request-wide lookups shared by every row.
pub struct Env<'a> {
    pub site_id: i64,
    pub urls: &'a Urls,
    pub modules: &'a [Module],
    pub categories: &'a [Category],
    pub user: Option<&'a User>,
    pub group: Option<&'a Group>,
}

impl Env<'_> {
    /// `CheckArchiveHasOrder`: only computed for logged-in users. Free archives, the
    /// user's own archives and a sufficient group level count as "ordered".
    pub fn has_ordered(&self, a: &Archive) -> bool {
        let Some(user) = self.user else {
            return false;
        };
        (a.price == 0 && a.read_level == 0)
            || (a.user_id != 0 && a.user_id == user.id)
            || (a.read_level > 0 && self.group.is_some_and(|g| g.level >= a.read_level))
    }

    /// `true` when the caller may read the body of a read-level archive.
    pub fn may_read(&self, a: &Archive) -> bool {
        a.read_level == 0 || self.has_ordered(a)
    }
}

/// The notice AnqiCMS puts in place of content the user's level does not cover.
pub fn read_level_notice(level: i64) -> String {
    format!("This content requires user level {level} or above")
}

/// The custom-field map of an archive; `follow_level` fields are dropped unless ordered.
pub fn extra_map(
    conn: &Connection,
    env: &Env,
    a: &Archive,
    ordered: bool,
) -> rusqlite::Result<BTreeMap<String, CustomFieldJson>> {
    let values = field_values(conn, env.site_id, a.id)?;
    let mut map = BTreeMap::new();
    if let Some(module) = env.modules.iter().find(|m| m.id == a.module_id) {
        for def in &module.fields {
            if def.follow_level && !ordered {
                continue;
            }
            map.insert(
                def.field_name.clone(),
                CustomFieldJson::from_def(def, values.get(&def.field_name).map(String::as_str)),
            );
        }
    }
    Ok(map)
}

/// `GetUrl("archive")`: the fixed link when set (site-relative ones get the base URL, others
/// are used as stored), else the rewrite rule `/{module}/{id}.html`.
pub fn link(a: &Archive, urls: &Urls, modules: &[Module]) -> String {
    if a.fixed_link.is_empty() {
        urls.archive(token_of(modules, a.module_id), a.id)
    } else if a.fixed_link.starts_with('/') {
        format!("{}{}", urls.site_base, a.fixed_link)
    } else {
        a.fixed_link.clone()
    }
}

/// Builds the wire shape of one archive. Content here is the stored body; callers that
/// gate it (password, read level) overwrite `content`/`data` afterwards.
pub fn to_json(
    conn: &Connection,
    env: &Env,
    a: &Archive,
    view: View,
) -> rusqlite::Result<ArchiveJson> {
    let urls = env.urls;
    let ordered = env.has_ordered(a);
    let logo = a.images.first().cloned().unwrap_or_default();
    let category = if view.category {
        env.categories
            .iter()
            .find(|c| c.id == a.category_id)
            .map(|c| category::to_json(c, urls, env.modules, true, 0))
    } else {
        None
    };
    let tags = if view.tags {
        tag::of_archive(conn, env.site_id, a.id)?
            .iter()
            .map(|t| tag::to_json(t, urls, false))
            .collect()
    } else {
        Vec::new()
    };
    let flag = if view.flag {
        flags(conn, env.site_id, a.id)?.join(",")
    } else {
        String::new()
    };
    let extra = if view.extra {
        Some(extra_map(conn, env, a, ordered)?)
    } else {
        None
    };
    let content = if view.content {
        urls.absolutise_content(&a.content)
    } else {
        String::new()
    };
    let favorable_price = match env.user {
        Some(_) if a.price > 0 => {
            let d = discount(env.group);
            if d > 0 {
                a.price * d / 100
            } else {
                0
            }
        }
        _ => 0,
    };
    Ok(ArchiveJson {
        id: a.id,
        parent_id: a.parent_id,
        created_time: a.created_time,
        updated_time: a.updated_time,
        title: a.title.clone(),
        seo_title: a.seo_title.clone(),
        url_token: a.url_token.clone(),
        keywords: a.keywords.clone(),
        description: a.description.clone(),
        module_id: a.module_id,
        category_id: a.category_id,
        views: a.views,
        comment_count: a.comment_count,
        images: if a.images.is_empty() {
            None
        } else {
            Some(a.images.iter().map(|i| urls.abs(i)).collect())
        },
        template: String::new(),
        canonical_url: String::new(),
        fixed_link: a.fixed_link.clone(),
        user_id: a.user_id,
        price: a.price,
        stock: a.stock,
        read_level: a.read_level,
        password: String::new(),
        sort: a.sort,
        has_pseudo: 0,
        keyword_id: 0,
        origin_url: String::new(),
        origin_title: String::new(),
        origin_id: 0,
        category,
        module_name: String::new(),
        data: None,
        logo: urls.abs(&logo),
        thumb: urls.abs(&thumb_path(&logo)),
        link: link(a, urls, env.modules),
        tags,
        has_ordered: ordered,
        favorable_price,
        has_password: !a.password.is_empty(),
        password_valid: false,
        category_titles: None,
        category_ids: None,
        flag,
        kind: String::new(),
        relations: None,
        content,
        is_favorite: false,
        extra,
    })
}
