//! Navigation menus (§5.6).

use rusqlite::Connection;
use serde::Serialize;

use super::category::{self, Category};
use super::module::Module;
use super::thumb_path;
use crate::urls::Urls;

#[derive(Debug, Clone)]
pub struct Nav {
    pub id: i64,
    pub type_id: i64,
    pub parent_id: i64,
    pub title: String,
    pub sub_title: String,
    pub description: String,
    pub nav_type: i64,
    pub page_id: i64,
    pub link: String,
    pub logo: String,
    pub style: String,
    pub sort: i64,
    pub status: i64,
    pub created_time: i64,
    pub updated_time: i64,
}

/// All menu items of one menu (`type_id`) in display order; no status filter, as in AnqiCMS.
pub fn of_type(conn: &Connection, site_id: i64, type_id: i64) -> rusqlite::Result<Vec<Nav>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, type_id, parent_id, title, sub_title, description, nav_type, page_id, link, logo,
                style, sort, status, created_time, updated_time
         FROM navs WHERE site_id = ?1 AND type_id = ?2 ORDER BY sort, id",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, type_id], |r| {
        Ok(Nav {
            id: r.get(0)?,
            type_id: r.get(1)?,
            parent_id: r.get(2)?,
            title: r.get(3)?,
            sub_title: r.get(4)?,
            description: r.get(5)?,
            nav_type: r.get(6)?,
            page_id: r.get(7)?,
            link: r.get(8)?,
            logo: r.get(9)?,
            style: r.get(10)?,
            sort: r.get(11)?,
            status: r.get(12)?,
            created_time: r.get(13)?,
            updated_time: r.get(14)?,
        })
    })?;
    rows.collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct NavJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub sub_title: String,
    pub description: String,
    pub parent_id: i64,
    pub nav_type: i64,
    pub page_id: i64,
    pub type_id: i64,
    pub link: String,
    pub logo: String,
    pub style: String,
    pub sort: i64,
    pub status: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nav_list: Vec<NavJson>,
    pub is_current: bool,
    pub spacer: String,
    pub level: i64,
    pub thumb: String,
    pub parent_titles: Option<Vec<String>>,
}

pub struct NavEnv<'a> {
    pub urls: &'a Urls,
    pub modules: &'a [Module],
    pub categories: &'a [Category],
    pub archive_link: &'a dyn Fn(i64) -> String,
}

/// The absolute link of a menu item by its `nav_type`.
fn link_of(n: &Nav, env: &NavEnv) -> String {
    match n.nav_type {
        0 => env.urls.home(),
        1 => env
            .categories
            .iter()
            .find(|c| c.id == n.page_id)
            .map(|c| category::link(c, env.urls, env.modules))
            .unwrap_or_default(),
        3 => (env.archive_link)(n.page_id),
        _ => n.link.clone(),
    }
}

fn to_json(n: &Nav, env: &NavEnv, level: i64, parents: &[String]) -> NavJson {
    NavJson {
        id: n.id,
        created_time: n.created_time,
        updated_time: n.updated_time,
        title: n.title.clone(),
        sub_title: n.sub_title.clone(),
        description: n.description.clone(),
        parent_id: n.parent_id,
        nav_type: n.nav_type,
        page_id: n.page_id,
        type_id: n.type_id,
        link: link_of(n, env),
        logo: env.urls.abs(&n.logo),
        style: n.style.clone(),
        sort: n.sort,
        status: n.status,
        nav_list: Vec::new(),
        is_current: false,
        spacer: if level > 0 {
            format!("{}└ ", "　".repeat(level as usize - 1))
        } else {
            String::new()
        },
        level,
        thumb: env.urls.abs(&thumb_path(&n.logo)),
        parent_titles: if parents.is_empty() {
            None
        } else {
            Some(parents.to_vec())
        },
    }
}

/// `showType=children`: a tree with `nav_list`.
pub fn tree(
    navs: &[Nav],
    env: &NavEnv,
    parent_id: i64,
    level: i64,
    parents: &[String],
) -> Vec<NavJson> {
    navs.iter()
        .filter(|n| n.parent_id == parent_id)
        .map(|n| {
            let mut j = to_json(n, env, level, parents);
            let mut next = parents.to_vec();
            next.push(n.title.clone());
            j.nav_list = tree(navs, env, n.id, level + 1, &next);
            j
        })
        .collect()
}

/// `showType=list`: the same items flattened in tree order.
pub fn flat(
    navs: &[Nav],
    env: &NavEnv,
    parent_id: i64,
    level: i64,
    parents: &[String],
    out: &mut Vec<NavJson>,
) {
    for n in navs.iter().filter(|n| n.parent_id == parent_id) {
        out.push(to_json(n, env, level, parents));
        let mut next = parents.to_vec();
        next.push(n.title.clone());
        flat(navs, env, n.id, level + 1, &next, out);
    }
}
