//! The guestbook (§6.13): the field definitions, the JSON endpoint (only string values are
//! read, so checkbox arrays are dropped, and it cannot pass the captcha) and the form
//! endpoint `POST /guestbook.html` (urlencoded or multipart, `return=json`, captcha fields,
//! repeated checkbox values joined with ",", image fields as files).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::Value;

use super::safe::{self, ClientIp, Submission};
use super::upload::{self, read_multipart};
use crate::auth::{self, ReqCtx};
use crate::params::Params;
use crate::reply::{self, ApiError, ApiResult};
use crate::repo::guestbook::{self, NewEntry};
use crate::repo::module::CustomFieldJson;
use crate::{AppState, Site};

/// `GET /api/guestbook/fields` (OPEN).
pub async fn fields(State(state): State<AppState>, Extension(ctx): Extension<ReqCtx>) -> ApiResult {
    let defs = guestbook::fields(&state.db(), ctx.site.id)?;
    Ok(reply::ok(
        defs.iter()
            .map(CustomFieldJson::definition)
            .collect::<Vec<_>>(),
    ))
}

/// What a submission carries, whatever its encoding.
#[derive(Default)]
struct Form {
    /// `(name, value)` pairs in order; `name[]` is kept as sent.
    values: Vec<(String, String)>,
    /// Files of multipart bodies: `(name, bytes)`.
    files: Vec<(String, Bytes)>,
    captcha_id: String,
    captcha: String,
}

fn required_msg(site: &Site, name: &str) -> String {
    if site.language.starts_with("zh") {
        format!("{name}是必填项")
    } else {
        format!("{name} is required")
    }
}

/// Validates and stores one submission; `Err` is the -1 message.
async fn submit(
    state: &AppState,
    ctx: &ReqCtx,
    ip: &ClientIp,
    form: Form,
) -> Result<Result<String, String>, ApiError> {
    let site = &ctx.site;
    let defs = guestbook::fields(&state.db(), site.id)?;
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for d in &defs {
        let array_name = format!("{}[]", d.field_name);
        let picked: Vec<&str> = form
            .values
            .iter()
            .filter(|(k, _)| *k == d.field_name || *k == array_name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let value = if d.kind == "checkbox" {
            picked.join(",")
        } else {
            picked.first().copied().unwrap_or("").to_string()
        };
        values.insert(d.field_name.clone(), value);
    }
    let content = values.get("content").cloned().unwrap_or_default();
    let user_name = values.get("user_name").cloned().unwrap_or_default();
    let all: Vec<&str> = values.values().map(String::as_str).collect();
    let sub = Submission {
        captcha_id: &form.captcha_id,
        captcha: &form.captcha,
        content: &content,
        values: all,
    };
    let verdict = safe::verify(state, ctx, ip, &sub, |since| {
        guestbook::from_ip_since(&state.db(), site.id, &ip.0, since)
    })?;
    if let Err(msg) = verdict {
        return Ok(Err(msg.to_string()));
    }
    if safe::rules(&state.db(), site.id)?.interval_limit > 0 && user_name.len() > 50 {
        return Ok(Err(
            reply::say(site, "名字太长", "The name is too long").to_string()
        ));
    }
    for d in &defs {
        let has_file = d.kind == "image"
            && form
                .files
                .iter()
                .any(|(n, b)| n == &d.field_name && !b.is_empty());
        if d.required && !has_file && values.get(&d.field_name).is_none_or(|v| v.is_empty()) {
            return Ok(Err(required_msg(site, &d.name)));
        }
    }
    for d in defs.iter().filter(|d| d.kind == "image") {
        let Some((_, bytes)) = form
            .files
            .iter()
            .find(|(n, b)| n == &d.field_name && !b.is_empty())
        else {
            continue;
        };
        match upload::store_image(state, site, bytes.clone(), upload::MAX_ATTACHMENT).await {
            Ok(stored) => {
                values.insert(d.field_name.clone(), ctx.urls.abs(&stored.path));
            }
            Err(msg) => return Ok(Err(msg)),
        }
    }
    let conn = state.db();
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    guestbook::insert(
        &conn,
        site.id,
        &NewEntry {
            user_name: &get("user_name"),
            contact: &get("contact"),
            content: &get("content"),
            ip: &ip.0,
            values: &values,
            now: auth::now(),
        },
    )?;
    Ok(Ok(guestbook::thank_you(&conn, site.id)?))
}

/// `POST /api/guestbook.html` (OPEN, JSON `{"<field_name>": "value", …}`): only string
/// values are read; the captcha is looked for among form fields only, so with the site's
/// captcha on this endpoint always fails (as on the real server).
pub async fn submit_json(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    ip: ClientIp,
    body: Bytes,
) -> ApiResult {
    let map: serde_json::Map<String, Value> = super::read_json(&body)?;
    let form = Form {
        values: map
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect(),
        ..Form::default()
    };
    Ok(match submit(&state, &ctx, &ip, form).await? {
        Ok(thanks) => reply::ok_msg(&thanks, Value::Null),
        Err(msg) => reply::fail(msg),
    })
}

fn html_answer(site: &Site, ok: bool, msg: &str) -> Response {
    let title = match (ok, site.language.starts_with("zh")) {
        (true, true) => "提交成功",
        (true, false) => "Thank you",
        (false, true) => "提交失败",
        (false, false) => "Not sent",
    };
    let body = format!(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
<body>\n<h1>{title}</h1>\n<p>{}</p>\n<p><a href=\"javascript:history.back()\">&larr;</a></p>\n</body>\n</html>\n",
        reply::html_escape(msg)
    );
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(reply::HTML_UTF8),
        )],
        body,
    )
        .into_response()
}

/// `POST /guestbook.html` (form-encoded or multipart; `?site_id=` picks the site as on the
/// API). `return=json` (query or field) answers the JSON envelope, otherwise a small HTML
/// page. `captcha_id`/`captcha` are read from the fields; checkbox values come repeated
/// (`interests=a&interests=b`, or `interests[]=…`) and are stored joined with ",";
/// image fields are files, stored under `/uploads` with their URL kept.
pub async fn submit_form(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    ip: ClientIp,
    p: Params,
    req: Request,
) -> Response {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/"));
    let mut form = Form::default();
    let read: Result<(), ApiError> = async {
        if is_multipart {
            for part in read_multipart(req, &ctx.site).await? {
                if part.file_name.is_some() {
                    form.files.push((part.name.clone(), part.bytes.clone()));
                } else {
                    form.values.push((part.name.clone(), part.text()));
                }
            }
        } else {
            let body = Bytes::from_request(req, &())
                .await
                .map_err(|_| ApiError::new("invalid form"))?;
            form.values = form_urlencoded::parse(&body).into_owned().collect();
        }
        Ok(())
    }
    .await;
    let pick = |form: &Form, k: &str| {
        form.values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let json = p.str("return") == "json" || pick(&form, "return") == "json";
    form.captcha_id = pick(&form, "captcha_id");
    form.captcha = pick(&form, "captcha");
    let outcome = match read {
        Ok(()) => submit(&state, &ctx, &ip, form).await,
        Err(e) => Err(e),
    };
    let (ok, msg) = match outcome {
        Ok(Ok(thanks)) => (true, thanks),
        Ok(Err(msg)) => (false, msg),
        Err(ApiError(msg)) => (false, msg),
    };
    match (json, ok) {
        (true, true) => reply::ok_msg(&msg, Value::Null),
        (true, false) => reply::fail(msg),
        (false, _) => html_answer(&ctx.site, ok, &msg),
    }
}
