//! `/api/tag/*` (§6.7).

use axum::extract::State;
use axum::Extension;

use super::parse_limit;
use crate::auth::ReqCtx;
use crate::params::{id_list, Params};
use crate::reply::{self, ApiResult};
use crate::repo::archive::{self, Env, ListFilter, View};
use crate::repo::module;
use crate::repo::tag::{self, Tag, TagFilter};
use crate::AppState;

fn lookup(conn: &rusqlite::Connection, site_id: i64, p: &Params) -> rusqlite::Result<Option<Tag>> {
    let id = p.i64_or("id", 0);
    if id > 0 {
        return tag::get(conn, site_id, id);
    }
    match p.non_empty("filename").or_else(|| p.non_empty("url_token")) {
        Some(t) => tag::by_token(conn, site_id, t),
        None => Ok(None),
    }
}

/// `(offset, limit)` where `page` works without `type=page` (unlike the archive list).
fn paging(p: &Params) -> (i64, i64) {
    let (offset, limit) = parse_limit(p.str("limit"), 10, 100);
    let page = p.i64_or("page", 1).max(1);
    if page > 1 {
        ((page - 1).saturating_mul(limit), limit)
    } else {
        (offset, limit)
    }
}

/// `GET /api/tag/list`: `total` always counted; `data: null` when nothing matches.
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let (offset, limit) = paging(&p);
    let f = TagFilter {
        item_id: Some(p.i64_or("itemId", 0)).filter(|v| *v > 0),
        category_ids: id_list(p.str("categoryId")),
        letter: p.non_empty("letter").map(String::from),
        q: p.non_empty("q").map(String::from),
        order: tag::order_sql(p.str("order")),
        offset,
        limit,
    };
    let (tags, total) = tag::list(&conn, ctx.site.id, &f)?;
    let items: Vec<_> = tags
        .iter()
        .map(|t| tag::to_json(t, &ctx.urls, false))
        .collect();
    Ok(reply::ok_list(total, items, true))
}

/// `GET /api/tag/detail`
pub async fn detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    match lookup(&conn, ctx.site.id, &p)? {
        Some(t) => Ok(reply::ok(tag::to_json(&t, &ctx.urls, true))),
        None => Ok(reply::fail("record not found")),
    }
}

/// `GET /api/tag/data/list`: archives of a tag, `total` always computed, flags filled.
pub async fn data_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let Some(t) = lookup(&conn, site_id, &p)? else {
        return Ok(reply::fail("record not found"));
    };
    let (offset, limit) = paging(&p);
    let f = ListFilter {
        tag_id: Some(t.id),
        order: archive::order_sql(p.str("order")),
        offset,
        limit,
        ..ListFilter::default()
    };
    let (rows, total) = archive::list(&conn, site_id, &f, true)?;
    let modules = module::list(&conn, site_id)?;
    let env = Env {
        site_id,
        urls: &ctx.urls,
        modules: &modules,
        categories: &[],
        user: ctx.user.as_ref(),
        group: ctx.group.as_ref(),
    };
    let view = View {
        flag: true,
        ..View::default()
    };
    let items = rows
        .iter()
        .map(|a| archive::to_json(&conn, &env, a, view))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(reply::ok_list(total, items, false))
}
