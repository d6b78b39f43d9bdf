//! Multipart bodies (`axum::extract::Multipart`) and `POST /api/attachment/upload` (§6.15).

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::Extension;

use crate::auth::{self, ReqCtx};
use crate::imaging;
use crate::reply::{self, ApiError, ApiResult};
use crate::repo::upload::{self, NewAttachment};
use crate::{AppState, Site};

/// The body limit of the upload routes: above every per-route maximum, so those answer
/// their own clear `-1` instead of the extractor's 413.
pub const BODY_LIMIT: usize = 12 * 1024 * 1024;
/// Attachments (and guestbook images) may be this large.
pub const MAX_ATTACHMENT: usize = 5 * 1024 * 1024;
/// The longest side of an attachment's `thumb_` sibling.
pub const THUMB_SIDE: u32 = 300;

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// `Some` for a file part (even with an empty name).
    pub file_name: Option<String>,
    pub bytes: Bytes,
}

impl Part {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

fn bad_body(site: &Site) -> ApiError {
    ApiError::new(reply::say(
        site,
        "请以 multipart/form-data 上传文件",
        "Please upload the file as multipart/form-data",
    ))
}

/// Every part of a multipart body; a body that is not multipart, or too large, is -1.
pub async fn read_multipart(req: Request, site: &Site) -> Result<Vec<Part>, ApiError> {
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|_| bad_body(site))?;
    let mut parts = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(too_large_or_broken(site, e.status().as_u16())),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| too_large_or_broken(site, e.status().as_u16()))?;
        parts.push(Part {
            name,
            file_name,
            bytes,
        });
    }
    Ok(parts)
}

fn too_large_or_broken(site: &Site, status: u16) -> ApiError {
    if status == 413 {
        ApiError::new(reply::say(site, "文件太大", "The file is too large"))
    } else {
        bad_body(site)
    }
}

pub fn msg_not_image(site: &Site) -> String {
    reply::say(
        site,
        "只能上传 jpg、png、gif 或 webp 图片",
        "Only jpg, png, gif and webp images can be uploaded",
    )
    .to_string()
}

pub fn msg_too_big(site: &Site, mb: usize) -> String {
    if site.language.starts_with("zh") {
        format!("图片不能大于 {mb} MB")
    } else {
        format!("The image must not be larger than {mb} MB")
    }
}

pub fn msg_unreadable(site: &Site) -> String {
    reply::say(site, "图片无法识别", "The image could not be read").to_string()
}

/// A stored picture: its `/uploads/...` path, its `thumb_` sibling and its size.
pub struct Stored {
    pub path: String,
    pub thumb: String,
    pub width: u32,
    pub height: u32,
    pub md5: String,
}

/// Checks, decodes and stores an uploaded picture under `<site uploads>/<yyyymm>/` with a
/// `thumb_` sibling (§10's thumbnail rule). Errors are the user-facing message.
pub async fn store_image(
    state: &AppState,
    site: &Site,
    bytes: Bytes,
    max: usize,
) -> Result<Stored, String> {
    if bytes.len() > max {
        return Err(msg_too_big(site, max / (1024 * 1024)));
    }
    let Some(kind) = imaging::sniff(&bytes) else {
        return Err(msg_not_image(site));
    };
    let unreadable = msg_unreadable(site);
    let work = bytes.clone();
    let decoded = tokio::task::spawn_blocking(move || {
        let img = imaging::decode(&work, kind)?;
        let thumb = imaging::encode(&imaging::fit(&img, THUMB_SIDE), kind)?;
        Ok::<_, String>((img.width(), img.height(), thumb))
    })
    .await
    .map_err(|_| unreadable.clone())?;
    let (width, height, (thumb_bytes, thumb_kind)) = decoded.map_err(|_| unreadable)?;
    let md5 = {
        use sha2::{Digest, Sha256};
        let mut s = auth::hex(&Sha256::digest(&bytes));
        s.truncate(32);
        s
    };
    let now = auth::now();
    let dir = format!("{}/{}", upload::site_dir(site), month_dir(now));
    let name = format!("{}{}", &md5[..16], auth::random_hex(8));
    let path = format!("{dir}/{name}.{}", kind.ext());
    let thumb = format!("{dir}/thumb_{name}.{}", kind.ext());
    let conn = state.db();
    upload::put(&conn, &path, kind.mime(), &bytes, now).map_err(|e| e.to_string())?;
    // The thumbnail keeps the original's name; a gif/webp one is re-encoded as PNG and
    // served with that type.
    upload::put(&conn, &thumb, thumb_kind.mime(), &thumb_bytes, now).map_err(|e| e.to_string())?;
    Ok(Stored {
        path,
        thumb,
        width,
        height,
        md5,
    })
}

/// `yyyymm` of a Unix time (UTC), AnqiCMS's upload sub-directory.
pub fn month_dir(t: i64) -> String {
    // Civil-from-days (Howard Hinnant), enough for a directory name.
    let days = t.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}")
}

/// `POST /api/attachment/upload` (OPEN; login optional): multipart `file` (or `file1`),
/// images only, at most 5 MB. Answers the Attachment with absolute `logo`/`thumb`.
pub async fn attachment(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    req: Request,
) -> ApiResult {
    let parts = read_multipart(req, &ctx.site).await?;
    let Some(file) = ["file", "file1"]
        .iter()
        .find_map(|n| parts.iter().find(|p| p.name == *n && !p.bytes.is_empty()))
    else {
        return Ok(reply::fail(reply::say(
            &ctx.site,
            "请选择要上传的文件",
            "Please choose a file to upload",
        )));
    };
    let stored = match store_image(&state, &ctx.site, file.bytes.clone(), MAX_ATTACHMENT).await {
        Ok(s) => s,
        Err(msg) => return Ok(reply::fail(msg)),
    };
    let file_name = file
        .file_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| stored.path.rsplit('/').next().unwrap_or("").to_string());
    let conn = state.db();
    let json = upload::insert_attachment(
        &conn,
        ctx.site.id,
        &NewAttachment {
            user_id: ctx.user.as_ref().map(|u| u.id).unwrap_or(0),
            file_name: &file_name,
            path: &stored.path,
            thumb: &stored.thumb,
            size: file.bytes.len() as i64,
            md5: &stored.md5,
            width: i64::from(stored.width),
            height: i64::from(stored.height),
            now: auth::now(),
        },
        &ctx.urls,
    )?;
    Ok(reply::ok_msg(
        reply::say(&ctx.site, "上传成功", "Uploaded"),
        json,
    ))
}

#[cfg(test)]
mod tests {
    use super::month_dir;

    #[test]
    fn month_dirs() {
        assert_eq!(month_dir(0), "197001");
        assert_eq!(month_dir(1_793_491_200), "202611");
        assert_eq!(month_dir(1_795_000_000), "202611");
        assert_eq!(month_dir(1_796_083_200), "202612");
    }
}
