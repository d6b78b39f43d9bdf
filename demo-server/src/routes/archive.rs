//! `/api/archive/*` (§6.1–6.5, §6.10 password check).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Extension;
use serde::Serialize;
use serde_json::{json, Value};

use super::parse_limit;
use crate::auth::ReqCtx;
use crate::params::{id_list, Params};
use crate::reply::{self, ApiResult};
use crate::repo::archive::{self, Archive, ArchiveData, ArchiveJson, Env, ListFilter, View};
use crate::repo::category::{self, Category, TYPE_ARCHIVE};
use crate::repo::module::{self, CustomFieldJson, Module};
use crate::AppState;

/// The site's `max_limit` (AnqiCMS default).
pub const MAX_LIMIT: i64 = 100;

fn env<'a>(ctx: &'a ReqCtx, modules: &'a [Module], categories: &'a [Category]) -> Env<'a> {
    Env {
        site_id: ctx.site.id,
        urls: &ctx.urls,
        modules,
        categories,
        user: ctx.user.as_ref(),
        group: ctx.group.as_ref(),
    }
}

/// `price=min-max` / `min` in cents; `~` and `,` also separate. 0 means "no bound".
pub fn parse_price(raw: &str) -> (Option<i64>, Option<i64>) {
    let raw = raw.trim();
    let (lo, hi) = match raw.find(['-', '~', ',']) {
        Some(i) => (&raw[..i], Some(&raw[i + 1..])),
        None => (raw, None),
    };
    let bound = |s: &str| s.trim().parse::<i64>().ok().filter(|v| *v > 0);
    (bound(lo), hi.and_then(bound))
}

/// `GET /api/archive/list`
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let modules = module::list(&conn, site_id)?;
    let categories = category::all(&conn, site_id)?;
    let list_type = p.non_empty("type").unwrap_or("list");

    let (mut offset, limit) = parse_limit(p.str("limit"), 10, MAX_LIMIT);
    if list_type == "page" {
        // Saturating: `page` is request data and must not overflow into a panic.
        offset = (p.i64_or("page", 1).max(1) - 1).saturating_mul(limit);
    }
    let mut f = ListFilter {
        order: archive::order_sql(p.str("order")),
        offset,
        limit,
        ..ListFilter::default()
    };

    let mut module_id = p.i64_or("moduleId", 0);
    if let Some(raw) = p.non_empty("categoryId") {
        let child = p.bool_or("child", true);
        let mut ids = Vec::new();
        // Unknown ids are ignored; the first known category decides the module.
        for (n, id) in id_list(raw).into_iter().enumerate() {
            if let Some(c) = categories.iter().find(|c| c.id == id) {
                if n == 0 || module_id == 0 {
                    module_id = c.module_id;
                }
                if child {
                    ids.extend(category::with_descendants(&categories, id));
                } else {
                    ids.push(id);
                }
            }
        }
        if !ids.is_empty() {
            f.category_ids = Some(ids);
        }
    }
    f.exclude_category_ids = id_list(p.str("excludeCategoryId"));
    if let Some(parent) = Some(p.i64_or("parentId", 0)).filter(|v| *v > 0) {
        f.parent_id = Some(parent);
    }
    if let Some(author) = Some(p.i64_or("authorId", 0)).filter(|v| *v > 0) {
        f.author_id = Some(author);
    }
    match p.non_empty("userId") {
        // `self` without a login matches nobody rather than everybody.
        Some("self") => f.author_id = Some(ctx.user.as_ref().map(|u| u.id).unwrap_or(-1)),
        Some(v) => {
            if let Some(id) = v.parse::<i64>().ok().filter(|v| *v > 0) {
                f.author_id = Some(id);
            }
        }
        None => {}
    }
    f.flag = p.non_empty("flag").map(String::from);
    f.q = p.non_empty("q").map(String::from);
    f.tag_id = Some(p.i64_or("tagId", 0)).filter(|v| *v > 0);
    if module_id > 0 {
        f.module_id = Some(module_id);
        // Custom-field filters only work once the module is known (as in AnqiCMS).
        if let Some(m) = modules.iter().find(|m| m.id == module_id) {
            for def in &m.fields {
                if let Some(v) = p.non_empty(&def.field_name) {
                    let values: Vec<String> = v
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    if !values.is_empty() {
                        f.fields.push((def.field_name.clone(), values));
                    }
                }
            }
        }
    }
    (f.price_min, f.price_max) = parse_price(p.str("price"));

    let view = View {
        category: p.bool_or("showCategory", false),
        content: p.bool_or("showContent", false),
        extra: p.bool_or("showExtra", false),
        tags: p.bool_or("showTag", false),
        flag: p.bool_or("showFlag", false),
    };

    // Drafts live in their own table in AnqiCMS; the demo has none.
    if p.bool_or("draft", false) {
        return Ok(reply::ok_list(0, Vec::<ArchiveJson>::new(), true));
    }

    let (rows, total) = if list_type == "related" {
        (related(&conn, site_id, &p, &f)?, 0)
    } else {
        archive::list(&conn, site_id, &f, list_type == "page")?
    };
    let env = env(&ctx, &modules, &categories);
    let mut items = Vec::with_capacity(rows.len());
    for a in &rows {
        let mut j = archive::to_json(&conn, &env, a, view)?;
        if view.content {
            gate_content(&env, a, &mut j, false);
        }
        items.push(j);
    }
    // `total` is only real with type=page; type=list reports 0 (AnqiCMS's cache-miss value).
    let total = if list_type == "page" { total } else { 0 };
    Ok(reply::ok_list(total, items, true))
}

/// `type=related`: archives sharing a tag (`like=tag`) or the id-neighbours in the same
/// category, half before and half after.
fn related(
    conn: &rusqlite::Connection,
    site_id: i64,
    p: &Params,
    base: &ListFilter,
) -> rusqlite::Result<Vec<Archive>> {
    let Some(a) = archive::get(conn, site_id, p.i64_or("id", 0))? else {
        return Ok(Vec::new());
    };
    if p.str("like") == "tag" {
        let tags = crate::repo::tag::of_archive(conn, site_id, a.id)?;
        let mut out: Vec<Archive> = Vec::new();
        for t in tags {
            let f = ListFilter {
                tag_id: Some(t.id),
                exclude_id: Some(a.id),
                order: archive::DEFAULT_ORDER.into(),
                limit: base.limit,
                ..ListFilter::default()
            };
            for r in archive::list(conn, site_id, &f, false)?.0 {
                if out.len() < base.limit as usize && !out.iter().any(|o| o.id == r.id) {
                    out.push(r);
                }
            }
        }
        return Ok(out);
    }
    let before_n = base.limit / 2;
    let before = ListFilter {
        category_ids: Some(vec![a.category_id]),
        id_below: Some(a.id),
        order: "a.id DESC".into(),
        limit: before_n.max(1),
        ..ListFilter::default()
    };
    let mut out = archive::list(conn, site_id, &before, false)?.0;
    out.truncate(before_n as usize);
    let after = ListFilter {
        category_ids: Some(vec![a.category_id]),
        id_above: Some(a.id),
        order: "a.id ASC".into(),
        limit: (base.limit - out.len() as i64).max(1),
        ..ListFilter::default()
    };
    out.extend(archive::list(conn, site_id, &after, false)?.0);
    out.truncate(base.limit as usize);
    Ok(out)
}

/// Password and read-level gating of the body. In a list (`with_data` false) only
/// `content` exists; in a detail `data.content` carries the same text.
fn gate_content(env: &Env, a: &Archive, j: &mut ArchiveJson, with_data: bool) {
    let content = if env.may_read(a) {
        j.content.clone()
    } else {
        archive::read_level_notice(a.read_level)
    };
    j.content = content.clone();
    if with_data {
        j.data = Some(ArchiveData { id: a.id, content });
    }
    if !a.password.is_empty() && !j.password_valid {
        j.data = None;
        j.content = String::new();
    }
}

fn lookup_token(p: &Params) -> Option<&str> {
    p.non_empty("filename").or_else(|| p.non_empty("url_token"))
}

/// `GET /api/archive/detail`
pub async fn detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(a) = archive::lookup(&conn, site_id, p.i64_or("id", 0), lookup_token(&p))? else {
        return Ok(reply::fail("no archive found"));
    };
    let modules = module::list(&conn, site_id)?;
    let categories = category::all(&conn, site_id)?;
    let env = env(&ctx, &modules, &categories);
    let mut j = archive::to_json(&conn, &env, &a, View::detail())?;
    if !a.password.is_empty() {
        let supplied = p.str("password");
        j.password_valid = !supplied.is_empty() && supplied == a.password;
    }
    gate_content(&env, &a, &mut j, true);
    Ok(reply::ok(j))
}

async fn neighbour(state: AppState, ctx: ReqCtx, p: Params, prev: bool) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(a) = archive::get(&conn, site_id, p.i64_or("id", 0))? else {
        return Ok(reply::fail("no archive found"));
    };
    let Some(n) = archive::neighbour(&conn, site_id, &a, prev)? else {
        return Ok(reply::ok(Value::Null));
    };
    let modules = module::list(&conn, site_id)?;
    let env = env(&ctx, &modules, &[]);
    // No category, extra or content here, as in AnqiCMS.
    let j = archive::to_json(&conn, &env, &n, View::default())?;
    Ok(reply::ok(j))
}

/// `GET /api/archive/prev`
pub async fn prev(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    neighbour(state, ctx, p, true).await
}

/// `GET /api/archive/next`
pub async fn next(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    neighbour(state, ctx, p, false).await
}

/// `GET /api/archive/params`: `sorted=true` (default) a list in module field order,
/// `sorted=false` a map. Unknown archives are `code:0, data:null` (the error is ignored).
pub async fn params(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(a) = archive::lookup(&conn, site_id, p.i64_or("id", 0), lookup_token(&p))? else {
        return Ok(reply::ok(Value::Null));
    };
    let modules = module::list(&conn, site_id)?;
    let env = env(&ctx, &modules, &[]);
    let ordered = env.has_ordered(&a);
    let values = archive::field_values(&conn, site_id, a.id)?;
    let defs = modules
        .iter()
        .find(|m| m.id == a.module_id)
        .map(|m| m.fields.clone())
        .unwrap_or_default();
    let visible = |d: &module::FieldDef| !d.follow_level || ordered;
    if p.bool_or("sorted", true) {
        let list: Vec<CustomFieldJson> = defs
            .iter()
            .map(|d| {
                if visible(d) {
                    CustomFieldJson::from_def(d, values.get(&d.field_name).map(String::as_str))
                } else {
                    CustomFieldJson::zero()
                }
            })
            .collect();
        Ok(reply::ok_items(list, true))
    } else {
        let map: BTreeMap<String, CustomFieldJson> = defs
            .iter()
            .filter(|d| visible(d))
            .map(|d| {
                (
                    d.field_name.clone(),
                    CustomFieldJson::from_def(d, values.get(&d.field_name).map(String::as_str)),
                )
            })
            .collect();
        Ok(reply::ok(map))
    }
}

#[derive(Serialize)]
struct FilterItem {
    label: String,
    value: String,
    link: String,
    is_current: bool,
    total: i64,
}

#[derive(Serialize)]
struct FilterRange {
    min: i64,
    max: i64,
    value: String,
    link: String,
}

#[derive(Serialize)]
struct FilterGroup {
    name: String,
    field_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<FilterRange>,
    items: Option<Vec<FilterItem>>,
}

/// `url.Values.Encode()`: keys sorted, form-encoded.
fn encode_query(params: &BTreeMap<String, String>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        s.append_pair(k, v);
    }
    s.finish()
}

/// `GET /api/archive/filters` (§6.4). Like AnqiCMS, `is_current` and the links are
/// derived from the query string of the `Referer`, not from this request.
pub async fn filters(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    headers: HeaderMap,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(m) = module::get(&conn, site_id, p.i64_or("moduleId", 0))? else {
        return Ok(reply::fail("module not found"));
    };
    let modules = module::list(&conn, site_id)?;
    let all_text_param = p.str("allText");
    let show_all = p.bool_or("showAll", false) && all_text_param != "false";
    let all_text = match all_text_param {
        "" | "false" => {
            if ctx.site.language.starts_with("zh") {
                "全部".to_string()
            } else {
                "All".to_string()
            }
        }
        other => other.to_string(),
    };

    let referer_query: BTreeMap<String, String> = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.split_once('?')
                .map(|(_, q)| q.split('#').next().unwrap_or(q).to_string())
        })
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();

    let category_id = p.i64_or("categoryId", 0);
    let base = match category::get(&conn, site_id, category_id)?.filter(|_| category_id > 0) {
        Some(c) => category::link(&c, &ctx.urls, &modules),
        None => ctx.urls.module_index(&m.url_token),
    };
    let link_with = |field: &str, value: &str| {
        let mut q = referer_query.clone();
        q.insert(field.to_string(), value.to_string());
        format!("{base}?{}", encode_query(&q))
    };

    let mut groups = Vec::new();
    for def in m.fields.iter().filter(|d| d.is_filter && d.is_choice()) {
        let options = def.options();
        if options.is_empty() {
            continue;
        }
        let current: Vec<&str> = referer_query
            .get(&def.field_name)
            .map(|v| v.split(',').collect())
            .unwrap_or_default();
        let mut items = Vec::new();
        if show_all {
            items.push(FilterItem {
                label: all_text.clone(),
                value: String::new(),
                link: link_with(&def.field_name, ""),
                is_current: current.is_empty(),
                total: 0,
            });
        }
        for opt in options {
            items.push(FilterItem {
                is_current: current.contains(&opt.as_str()),
                link: link_with(&def.field_name, &opt),
                label: opt.clone(),
                value: opt,
                total: 0,
            });
        }
        groups.push(FilterGroup {
            name: def.name.clone(),
            field_name: def.field_name.clone(),
            range: None,
            items: Some(items),
        });
    }
    if p.bool_or("showPrice", false) {
        let max_cents: i64 = conn.query_row(
            "SELECT COALESCE(MAX(price), 0) FROM archives WHERE site_id = ?1 AND module_id = ?2 AND status = 1",
            rusqlite::params![site_id, m.id],
            |r| r.get(0),
        )?;
        let value = referer_query.get("price").cloned().unwrap_or_default();
        groups.push(FilterGroup {
            name: "Price".into(),
            field_name: "price".into(),
            // The one place prices are in yuan: max = ceil(max cents / 100).
            range: Some(FilterRange {
                min: 0,
                max: (max_cents + 99) / 100,
                link: link_with("price", &value),
                value,
            }),
            items: None,
        });
    }
    if p.bool_or("showCategory", false) {
        let parent_id = p.i64_or("parentId", 0);
        let cats = category::all(&conn, site_id)?;
        let items: Vec<FilterItem> = cats
            .iter()
            .filter(|c| {
                c.module_id == m.id
                    && c.parent_id == parent_id
                    && c.kind == TYPE_ARCHIVE
                    && c.status == 1
            })
            .map(|c| FilterItem {
                label: c.title.clone(),
                value: c.id.to_string(),
                link: category::link(c, &ctx.urls, &modules),
                is_current: c.id == category_id,
                total: 0,
            })
            .collect();
        groups.push(FilterGroup {
            name: "Category".into(),
            field_name: "category".into(),
            range: None,
            items: if items.is_empty() { None } else { Some(items) },
        });
    }
    Ok(reply::ok_items(groups, true))
}

/// `POST /api/archive/password/check`: JSON `{"id","password"}`, falling back to a form.
pub async fn password_check(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    body: Bytes,
) -> ApiResult {
    let (id, password) = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(o)) => (
            o.get("id")
                .and_then(|v| {
                    v.as_i64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                })
                .unwrap_or(0),
            o.get("password")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        ),
        _ => {
            let form = Params::parse(std::str::from_utf8(&body).ok());
            (form.i64_or("id", 0), form.str("password").to_string())
        }
    };
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(a) = archive::get(&conn, site_id, id)? else {
        return Ok(reply::fail("no archive found"));
    };
    if !a.password.is_empty() && a.password != password {
        return Ok(reply::ok(json!({"status": false, "content": ""})));
    }
    let modules = module::list(&conn, site_id)?;
    let categories = category::all(&conn, site_id)?;
    let env = env(&ctx, &modules, &categories);
    let mut j = archive::to_json(&conn, &env, &a, View::detail())?;
    j.password_valid = true;
    gate_content(&env, &a, &mut j, true);
    let mut map = match serde_json::to_value(j)? {
        Value::Object(m) => m,
        _ => return Ok(reply::fail("no archive found")),
    };
    map.remove("password");
    map.insert("status".into(), Value::Bool(true));
    Ok(reply::ok(Value::Object(map)))
}

#[cfg(test)]
mod tests {
    use super::parse_price;

    #[test]
    fn price_ranges() {
        assert_eq!(parse_price("1000-5000"), (Some(1000), Some(5000)));
        assert_eq!(parse_price("1000"), (Some(1000), None));
        assert_eq!(parse_price("1000~5000"), (Some(1000), Some(5000)));
        assert_eq!(parse_price("0,5000"), (None, Some(5000)));
        assert_eq!(parse_price("x-y"), (None, None));
        assert_eq!(parse_price(""), (None, None));
    }
}
