//! Files uploaded through the API (stored in the database, so an in-memory test server
//! keeps them too) and the attachment records of `/api/attachment/upload` (§5.10).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::urls::Urls;

/// Stores (or replaces) the file served at `path` (`/uploads/...`).
pub fn put(
    conn: &Connection,
    path: &str,
    content_type: &str,
    body: &[u8],
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO upload_files (path, content_type, body, created_time) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![path, content_type, body, now],
    )?;
    Ok(())
}

/// `(content_type, body)` of an uploaded file.
pub fn get(conn: &Connection, path: &str) -> rusqlite::Result<Option<(String, Vec<u8>)>> {
    conn.query_row(
        "SELECT content_type, body FROM upload_files WHERE path = ?1",
        [path],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// The upload directory of a site: `/uploads` on the main site, `/uploads/<dir>` on a
/// directory-type sub-site (user ids repeat across sites; their avatars must not clash).
pub fn site_dir(site: &crate::Site) -> String {
    if site.dir.is_empty() {
        "/uploads".to_string()
    } else {
        format!("/uploads/{}", site.dir)
    }
}

pub struct NewAttachment<'a> {
    pub user_id: i64,
    pub file_name: &'a str,
    /// `/uploads/...` of the original and of its thumbnail.
    pub path: &'a str,
    pub thumb: &'a str,
    pub size: i64,
    pub md5: &'a str,
    pub width: i64,
    pub height: i64,
    pub now: i64,
}

#[derive(Serialize)]
pub struct AttachmentJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub user_id: i64,
    pub file_name: String,
    /// Relative, without the leading slash (`uploads/202612/…`), as AnqiCMS stores it.
    pub file_location: String,
    pub file_size: i64,
    pub file_md5: String,
    pub width: i64,
    pub height: i64,
    pub category_id: i64,
    pub is_image: i64,
    pub status: i64,
    pub watermark: i64,
    pub logo: String,
    pub thumb: String,
}

pub fn insert_attachment(
    conn: &Connection,
    site_id: i64,
    a: &NewAttachment,
    urls: &Urls,
) -> rusqlite::Result<AttachmentJson> {
    conn.execute(
        "INSERT INTO attachments (site_id, user_id, file_name, file_location, thumb_location, file_size,
            file_md5, width, height, created_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            site_id, a.user_id, a.file_name, a.path, a.thumb, a.size, a.md5, a.width, a.height, a.now
        ],
    )?;
    Ok(AttachmentJson {
        id: conn.last_insert_rowid(),
        created_time: a.now,
        updated_time: a.now,
        user_id: a.user_id,
        file_name: a.file_name.to_string(),
        file_location: a.path.trim_start_matches('/').to_string(),
        file_size: a.size,
        file_md5: a.md5.to_string(),
        width: a.width,
        height: a.height,
        category_id: 0,
        is_image: 1,
        status: 1,
        watermark: 0,
        logo: urls.abs(a.path),
        thumb: urls.abs(a.thumb),
    })
}
