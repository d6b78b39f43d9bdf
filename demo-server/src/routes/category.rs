//! `/api/category/*` and `/api/page/*` (§6.6).

use axum::extract::State;
use axum::Extension;

use super::parse_limit;
use crate::auth::ReqCtx;
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::category::{self, Category, CategoryJson, TYPE_ARCHIVE, TYPE_PAGE};
use crate::repo::module;
use crate::AppState;

fn lookup(
    conn: &rusqlite::Connection,
    site_id: i64,
    p: &Params,
    token_keys: &[&str],
) -> rusqlite::Result<Option<Category>> {
    let id = p.i64_or("id", 0);
    if id > 0 {
        return category::get(conn, site_id, id);
    }
    match token_keys.iter().find_map(|k| p.non_empty(k)) {
        Some(token) => category::by_token(conn, site_id, token),
        None => Ok(None),
    }
}

/// `GET /api/category/list`: visible archive categories only; no `total` key.
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let modules = module::list(&conn, site_id)?;
    let counts = category::archive_counts(&conn, site_id)?;
    let cats: Vec<Category> = category::all(&conn, site_id)?
        .into_iter()
        .filter(|c| c.status == 1 && c.kind == TYPE_ARCHIVE)
        .collect();
    let module_id = p.i64_or("moduleId", 0);
    let parent_id = p.i64_or("parentId", 0);
    let has_children = |id: i64| cats.iter().any(|c| c.parent_id == id);
    let count = |id: i64| counts.get(&id).copied().unwrap_or(0);

    let mut items: Vec<CategoryJson> = if p.bool_or("all", false) {
        let scoped: Vec<Category> = cats
            .iter()
            .filter(|c| module_id == 0 || c.module_id == module_id)
            .cloned()
            .collect();
        let mut flat = Vec::new();
        category::flatten_tree(&scoped, 0, 0, &mut flat, &[]);
        flat.into_iter()
            .map(|(c, depth, parents)| {
                let mut j = category::to_json(&c, &ctx.urls, &modules, true, count(c.id));
                j.spacer = if depth > 0 {
                    format!("{}└ ", "　".repeat(depth - 1))
                } else {
                    String::new()
                };
                j.has_children = has_children(c.id);
                j.parent_titles = if parents.is_empty() {
                    None
                } else {
                    Some(parents)
                };
                j
            })
            .collect()
    } else {
        // moduleId only applies to the top level (parentId=0), as in AnqiCMS.
        cats.iter()
            .filter(|c| {
                c.parent_id == parent_id
                    && (parent_id != 0 || module_id == 0 || c.module_id == module_id)
            })
            .map(|c| {
                let mut j = category::to_json(c, &ctx.urls, &modules, true, count(c.id));
                j.has_children = has_children(c.id);
                j
            })
            .collect()
    };
    if p.non_empty("limit").is_some() {
        let (offset, limit) = parse_limit(p.str("limit"), 10, 1000);
        items = items
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect();
    }
    Ok(reply::ok_items(items, true))
}

/// `GET /api/category/detail`: any category by id or token, hidden ones and pages too.
pub async fn detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(c) = lookup(&conn, site_id, &p, &["filename", "catname"])? else {
        return Ok(reply::fail("no category found"));
    };
    let modules = module::list(&conn, site_id)?;
    let counts = category::archive_counts(&conn, site_id)?;
    let all = category::all(&conn, site_id)?;
    let mut j = category::to_json(
        &c,
        &ctx.urls,
        &modules,
        true,
        counts.get(&c.id).copied().unwrap_or(0),
    );
    j.has_children = all.iter().any(|x| x.parent_id == c.id);
    Ok(reply::ok(j))
}

/// `GET /api/page/list`: the whole list, whatever `limit` says; only the rows inside the
/// limit window get `link`/`thumb` (an AnqiCMS quirk clients must survive).
pub async fn page_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let modules = module::list(&conn, site_id)?;
    let pages: Vec<Category> = category::all(&conn, site_id)?
        .into_iter()
        .filter(|c| c.status == 1 && c.kind == TYPE_PAGE)
        .collect();
    let (offset, limit) = if p.non_empty("limit").is_some() {
        parse_limit(p.str("limit"), 10, 1000)
    } else {
        (0, pages.len().max(1) as i64)
    };
    let items: Vec<CategoryJson> = pages
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let in_window = (i as i64) >= offset && (i as i64) < offset + limit;
            let mut j = category::to_json(c, &ctx.urls, &modules, in_window, 0);
            if !in_window {
                j.thumb = String::new();
            }
            j
        })
        .collect();
    Ok(reply::ok_items(items, false))
}

/// `GET /api/page/detail`: any category by id (no type check); `link` is not set.
pub async fn page_detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(c) = lookup(&conn, site_id, &p, &["filename"])? else {
        return Ok(reply::fail("not found"));
    };
    let modules = module::list(&conn, site_id)?;
    Ok(reply::ok(category::to_json(
        &c, &ctx.urls, &modules, false, 0,
    )))
}
