//! Banners and friend links (§5.10).

use rusqlite::Connection;
use serde::Serialize;

use crate::urls::Urls;

#[derive(Debug, Serialize)]
pub struct BannerJson {
    pub logo: String,
    pub id: i64,
    pub link: String,
    pub alt: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: String,
}

pub fn banners(
    conn: &Connection,
    site_id: i64,
    kind: &str,
    urls: &Urls,
) -> rusqlite::Result<Vec<BannerJson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, logo, link, alt, description, type FROM banners
         WHERE site_id = ?1 AND type = ?2 ORDER BY sort, id",
    )?;
    let rows = stmt.query_map(rusqlite::params![site_id, kind], |r| {
        let link: String = r.get(2)?;
        Ok(BannerJson {
            id: r.get(0)?,
            logo: urls.abs(&r.get::<_, String>(1)?),
            // Stored links are site-relative paths; the API answers absolute ones.
            link: if link.starts_with('/') {
                format!("{}{}", urls.site_base, link)
            } else {
                link
            },
            alt: r.get(3)?,
            description: r.get(4)?,
            kind: r.get(5)?,
        })
    })?;
    rows.collect()
}

#[derive(Debug, Serialize)]
pub struct LinkJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub title: String,
    pub link: String,
    pub back_link: String,
    pub my_title: String,
    pub my_link: String,
    pub contact: String,
    pub remark: String,
    pub nofollow: i64,
    pub sort: i64,
    pub status: i64,
    pub checked_time: i64,
}

/// All friend links, unchecked ones included, ascending sort.
pub fn links(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<LinkJson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_time, updated_time, title, link, back_link, my_title, my_link, contact,
                remark, nofollow, sort, status, checked_time
         FROM links WHERE site_id = ?1 ORDER BY sort, id",
    )?;
    let rows = stmt.query_map([site_id], |r| {
        Ok(LinkJson {
            id: r.get(0)?,
            created_time: r.get(1)?,
            updated_time: r.get(2)?,
            title: r.get(3)?,
            link: r.get(4)?,
            back_link: r.get(5)?,
            my_title: r.get(6)?,
            my_link: r.get(7)?,
            contact: r.get(8)?,
            remark: r.get(9)?,
            nofollow: r.get(10)?,
            sort: r.get(11)?,
            status: r.get(12)?,
            checked_time: r.get(13)?,
        })
    })?;
    rows.collect()
}
