//! Site-wide endpoints: settings, navigation, banners, friend links, languages, modules,
//! captcha (§6.6, §6.8, §6.9).

use std::collections::HashMap;

use axum::extract::State;
use axum::Extension;
use serde::Serialize;
use serde_json::{json, Value};

use crate::auth::ReqCtx;
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::{archive, category, misc, module, nav, site};
use crate::urls::Urls;
use crate::AppState;

/// AnqiCMS absolutises these even when empty, giving `"<storage>/"`.
fn abs_always(urls: &Urls, path: &str) -> String {
    if path.starts_with("http") || path.starts_with("//") || urls.keeps_raw(path) {
        path.to_string()
    } else {
        format!("{}/{}", urls.origin, path.trim_start_matches('/'))
    }
}

fn set(doc: &mut Value, key: &str, value: String) {
    if let Value::Object(map) = doc {
        map.insert(key.to_string(), Value::String(value));
    }
}

fn get_str<'a>(doc: &'a Value, key: &str) -> &'a str {
    doc.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `GET /api/setting/system`: PascalCase Go field names, plus one key per extra field.
pub async fn system(State(state): State<AppState>, Extension(ctx): Extension<ReqCtx>) -> ApiResult {
    let mut doc = site::setting(&state.db(), ctx.site.id, "system")?;
    let logo = abs_always(&ctx.urls, get_str(&doc, "SiteLogo"));
    set(&mut doc, "SiteLogo", logo);
    let favicon = ctx.urls.abs(get_str(&doc, "Favicon"));
    set(&mut doc, "Favicon", favicon);
    // BaseUrl unset in the admin: AnqiCMS fills it from the request.
    if get_str(&doc, "BaseUrl").is_empty() {
        set(&mut doc, "BaseUrl", ctx.urls.site_base.clone());
    }
    if get_str(&doc, "TemplateUrl").is_empty() {
        let template = get_str(&doc, "TemplateName").to_string();
        set(
            &mut doc,
            "TemplateUrl",
            format!("{}/static/{}", ctx.urls.origin, template),
        );
    }
    Ok(reply::ok(doc))
}

/// `GET /api/setting/contact`: PascalCase too.
pub async fn contact(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let mut doc = site::setting(&state.db(), ctx.site.id, "contact")?;
    let qr = abs_always(&ctx.urls, get_str(&doc, "Qrcode"));
    set(&mut doc, "Qrcode", qr);
    Ok(reply::ok(doc))
}

/// `GET /api/setting/index`: the home-page TDK, snake_case.
pub async fn index(State(state): State<AppState>, Extension(ctx): Extension<ReqCtx>) -> ApiResult {
    let doc = site::setting(&state.db(), ctx.site.id, "index")?;
    Ok(reply::ok(doc))
}

/// `GET /api/nav/list`: `typeId` (default 1), `showType=children` (tree) or `list`.
pub async fn nav_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let site_id = ctx.site.id;
    let navs = nav::of_type(&conn, site_id, p.i64_or("typeId", 1))?;
    let modules = module::list(&conn, site_id)?;
    let categories = category::all(&conn, site_id)?;
    let mut archive_links = HashMap::new();
    for n in navs.iter().filter(|n| n.nav_type == 3) {
        if let Some(a) = archive::get(&conn, site_id, n.page_id)? {
            archive_links.insert(n.page_id, archive::link(&a, &ctx.urls, &modules));
        }
    }
    let archive_link = |id: i64| archive_links.get(&id).cloned().unwrap_or_default();
    let env = nav::NavEnv {
        urls: &ctx.urls,
        modules: &modules,
        categories: &categories,
        archive_link: &archive_link,
    };
    let items = if p.str("showType") == "list" {
        let mut out = Vec::new();
        nav::flat(&navs, &env, 0, 0, &[], &mut out);
        out
    } else {
        nav::tree(&navs, &env, 0, 0, &[])
    };
    Ok(reply::ok_items(items, true))
}

/// `GET /api/banner/list?type=default`
pub async fn banner_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let kind = p.non_empty("type").unwrap_or("default");
    let items = misc::banners(&state.db(), ctx.site.id, kind, &ctx.urls)?;
    Ok(reply::ok_items(items, false))
}

/// `GET /api/friendlink/list`
pub async fn friend_links(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let items = misc::links(&state.db(), ctx.site.id)?;
    Ok(reply::ok_items(items, false))
}

#[derive(Serialize)]
struct LanguageJson {
    id: i64,
    name: String,
    status: bool,
    parent_id: i64,
    language_icon: String,
    language_emoji: String,
    language_name: String,
    language: String,
    is_main: bool,
    is_current: bool,
    link: String,
    base_url: String,
}

/// `GET /api/languages`: the main site first, `is_current` on the answering site.
/// The sub-site is directory-type (`/en/`), so its links carry the directory.
pub async fn languages(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let main_id = state.main_site().id;
    let items: Vec<LanguageJson> = state
        .sites()
        .iter()
        .map(|s| {
            let urls = Urls::new(ctx.urls.origin.clone(), &s.dir);
            LanguageJson {
                id: s.id,
                name: s.name.clone(),
                status: true,
                parent_id: if s.is_main { 0 } else { main_id },
                language_icon: String::new(),
                language_emoji: s.language_emoji.clone(),
                language_name: s.language_name.clone(),
                language: s.language.clone(),
                is_main: s.is_main,
                is_current: s.id == ctx.site.id,
                link: urls.home(),
                base_url: urls.site_base.clone(),
            }
        })
        .collect();
    Ok(reply::ok_items(items, true))
}

/// `GET /api/module/list`
pub async fn module_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    let modules = module::list(&state.db(), ctx.site.id)?;
    Ok(reply::ok_items(
        modules.iter().map(module::module_json).collect(),
        false,
    ))
}

/// `GET /api/module/detail?id=` or `?filename=<url_token>`
pub async fn module_detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    let conn = state.db();
    let id = p.i64_or("id", 0);
    let found = if id > 0 {
        module::get(&conn, ctx.site.id, id)?
    } else if let Some(token) = p.non_empty("filename") {
        module::by_token(&conn, ctx.site.id, token)?
    } else {
        None
    };
    match found {
        Some(m) => Ok(reply::ok(module::module_json(&m))),
        None => Ok(reply::fail("model does not exist")),
    }
}

/// `GET /api/captcha`: `{"captcha_off":true}` while the site's `Safe.captcha` is off;
/// otherwise a fresh id and its 240×76 PNG, the answer kept for 10 minutes, single use.
pub async fn captcha(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
) -> ApiResult {
    if !site::captcha_on(&state.db(), ctx.site.id)? {
        return Ok(reply::ok(json!({"captcha_off": true})));
    }
    let answer = crate::captcha::random_answer();
    let Some(image) = crate::captcha::render_data_uri(&answer) else {
        return Ok(reply::fail("captcha generation failed"));
    };
    let id = state.captchas().issue(&answer, crate::auth::now());
    Ok(reply::ok(json!({
        "captcha_off": false,
        "captcha_id": id,
        "captcha": image,
    })))
}
