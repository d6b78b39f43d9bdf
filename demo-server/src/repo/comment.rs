//! Comments (§5.7, §6.12). The list shows every status with email and IP, as AnqiCMS does.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Comment {
    pub id: i64,
    pub site_id: i64,
    pub archive_id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub email: String,
    pub ip: String,
    pub vote_count: i64,
    pub content: String,
    pub parent_id: i64,
    pub to_uid: i64,
    pub status: i64,
    pub created_time: i64,
    pub updated_time: i64,
}

const COLS: &str =
    "id, site_id, archive_id, user_id, user_name, email, ip, vote_count, content, parent_id, \
to_uid, status, created_time, updated_time";

fn from_row(r: &Row) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: r.get(0)?,
        site_id: r.get(1)?,
        archive_id: r.get(2)?,
        user_id: r.get(3)?,
        user_name: r.get(4)?,
        email: r.get(5)?,
        ip: r.get(6)?,
        vote_count: r.get(7)?,
        content: r.get(8)?,
        parent_id: r.get(9)?,
        to_uid: r.get(10)?,
        status: r.get(11)?,
        created_time: r.get(12)?,
        updated_time: r.get(13)?,
    })
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Comment>> {
    conn.query_row(
        &format!("SELECT {COLS} FROM comments WHERE site_id = ?1 AND id = ?2"),
        rusqlite::params![site_id, id],
        from_row,
    )
    .optional()
}

pub struct ListFilter {
    pub archive_id: i64,
    pub user_id: i64,
    /// `id desc` (default), `id asc`, `vote_count desc`…: whitelisted by [`order_sql`].
    pub order: String,
    pub offset: i64,
    pub limit: i64,
}

/// `order` values AnqiCMS's list takes, mapped to SQL; anything else is `id DESC`.
pub fn order_sql(order: &str) -> &'static str {
    match order.trim().to_ascii_lowercase().as_str() {
        "id asc" => "id ASC",
        "vote_count desc" => "vote_count DESC, id DESC",
        "vote_count asc" => "vote_count ASC, id ASC",
        "created_time asc" => "created_time ASC, id ASC",
        "created_time desc" => "created_time DESC, id DESC",
        _ => "id DESC",
    }
}

pub fn list(
    conn: &Connection,
    site_id: i64,
    f: &ListFilter,
) -> rusqlite::Result<(Vec<Comment>, i64)> {
    let mut conds = vec!["site_id = ?1".to_string()];
    let mut args: Vec<rusqlite::types::Value> = vec![site_id.into()];
    if f.archive_id > 0 {
        args.push(f.archive_id.into());
        conds.push(format!("archive_id = ?{}", args.len()));
    }
    if f.user_id > 0 {
        args.push(f.user_id.into());
        conds.push(format!("user_id = ?{}", args.len()));
    }
    let filter = conds.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM comments WHERE {filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {COLS} FROM comments WHERE {filter} ORDER BY {} LIMIT {} OFFSET {}",
        order_sql(&f.order),
        f.limit,
        f.offset
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

pub struct NewComment<'a> {
    pub archive_id: i64,
    pub user_id: i64,
    pub user_name: &'a str,
    pub email: &'a str,
    pub ip: &'a str,
    pub content: &'a str,
    pub parent_id: i64,
    pub to_uid: i64,
    pub status: i64,
    pub hostile: bool,
    pub vote_count: i64,
    pub now: i64,
}

pub fn insert(conn: &Connection, site_id: i64, c: &NewComment) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO comments (site_id, archive_id, user_id, user_name, email, ip, vote_count, content, parent_id,
            to_uid, status, hostile, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        rusqlite::params![
            site_id,
            c.archive_id,
            c.user_id,
            c.user_name,
            c.email,
            c.ip,
            c.vote_count,
            c.content,
            c.parent_id,
            c.to_uid,
            c.status,
            c.hostile as i64,
            c.now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records a praise; `true` when it is the user's first for that comment (only then does
/// `vote_count` go up).
pub fn praise(conn: &Connection, comment_id: i64, user_id: i64) -> rusqlite::Result<bool> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO comment_praises (comment_id, user_id) VALUES (?1, ?2)",
        rusqlite::params![comment_id, user_id],
    )?;
    if added > 0 {
        conn.execute(
            "UPDATE comments SET vote_count = vote_count + 1 WHERE id = ?1",
            [comment_id],
        )?;
    }
    Ok(added > 0)
}

pub fn set_status(conn: &Connection, id: i64, status: i64, now: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE comments SET status = ?2, updated_time = ?3 WHERE id = ?1",
        rusqlite::params![id, status, now],
    )
}

/// `(count since `since`, newest created_time)` of the comments from `ip` on the site.
pub fn from_ip_since(
    conn: &Connection,
    site_id: i64,
    ip: &str,
    since: i64,
) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT COUNT(*), COALESCE(MAX(created_time), 0) FROM comments
         WHERE site_id = ?1 AND ip = ?2 AND created_time >= ?3",
        rusqlite::params![site_id, ip, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub archive_id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub email: String,
    pub ip: String,
    pub vote_count: i64,
    pub content: String,
    pub parent_id: i64,
    pub to_uid: i64,
    pub status: i64,
    pub item_title: String,
    pub parent: Option<Box<CommentJson>>,
    pub active: bool,
}

pub fn to_json(c: &Comment, parent: Option<&Comment>) -> CommentJson {
    CommentJson {
        id: c.id,
        created_time: c.created_time,
        updated_time: c.updated_time,
        archive_id: c.archive_id,
        user_id: c.user_id,
        user_name: c.user_name.clone(),
        email: c.email.clone(),
        ip: c.ip.clone(),
        vote_count: c.vote_count,
        content: c.content.clone(),
        parent_id: c.parent_id,
        to_uid: c.to_uid,
        status: c.status,
        item_title: String::new(),
        parent: parent.map(|p| Box::new(to_json(p, None))),
        active: false,
    }
}
