//! Test harness: an in-process app (in-memory database) driven with `oneshot`, plus a
//! tiny JSON shape checker for the contract's §5 shapes.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use demo_server::{AppState, Edition, Options};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub struct App {
    pub router: Router,
}

pub fn options() -> Options {
    Options {
        data_dir: None,
        dist: std::path::PathBuf::from("/nonexistent-dist-for-tests"),
        test_controls: true,
        ..Options::default()
    }
}

impl App {
    /// Documented edition, test controls on, API open.
    pub fn new() -> App {
        App::with(options())
    }

    pub fn with(opts: Options) -> App {
        let state = AppState::new(opts).expect("app state");
        App {
            router: demo_server::router(state),
        }
    }

    pub fn open_source() -> App {
        App::with(Options {
            edition: Edition::OpenSource,
            ..options()
        })
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let resp = self.router.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.into_body().collect().await.expect("body").to_bytes();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Resp {
        let mut b = Request::builder().method(Method::GET).uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    pub async fn post(&self, uri: &str, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header("content-type", "application/json");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    pub async fn post_json(&self, uri: &str, body: Value) -> Resp {
        self.post(uri, &body.to_string(), &[]).await
    }

    /// GET and parse the JSON envelope (HTTP 200 asserted).
    pub async fn json(&self, uri: &str) -> Value {
        let r = self.get(uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
        r.json()
    }

    pub async fn json_with(&self, uri: &str, headers: &[(&str, &str)]) -> Value {
        let r = self.get_with(uri, headers).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
        r.json()
    }

    /// Logs in and returns the token.
    pub async fn login(&self, user: &str, password: &str) -> String {
        let r = self
            .post_json(
                "/api/login",
                serde_json::json!({"user_name": user, "password": password}),
            )
            .await;
        let v = r.json();
        assert_eq!(v["code"], 0, "login failed: {v}");
        v["data"]["token"].as_str().expect("token").to_string()
    }

    /// A captcha for the site and its answer, read through the test control:
    /// `(captcha_id, answer)`.
    pub async fn captcha(&self, site_id: i64) -> (String, String) {
        let v = self.json(&format!("/api/captcha?site_id={site_id}")).await;
        assert_eq!(v["data"]["captcha_off"], false, "captcha is on: {v}");
        let id = v["data"]["captcha_id"]
            .as_str()
            .expect("captcha_id")
            .to_string();
        let answer = self.json(&format!("/__test/captcha/{id}")).await["answer"]
            .as_str()
            .expect("answer")
            .to_string();
        (id, answer)
    }

    /// Logs in on the English site (captcha on, as seeded) and returns the token.
    pub async fn login_en(&self, user: &str, password: &str) -> String {
        let (captcha_id, captcha) = self.captcha(2).await;
        let v = self
            .post_json(
                "/api/login?site_id=2",
                serde_json::json!({"user_name": user, "password": password,
                    "captcha_id": captcha_id, "captcha": captcha}),
            )
            .await
            .json();
        assert_eq!(v["code"], 0, "login failed: {v}");
        v["data"]["token"].as_str().expect("token").to_string()
    }

    /// Registers a fresh shopper (no orders, no coupons, no address) and returns the token.
    pub async fn fresh_user(&self, name: &str) -> String {
        let v = self
            .post_json(
                "/api/register",
                serde_json::json!({"user_name": name, "password": "fresh-secret",
                    "email": format!("{name}@example.com")}),
            )
            .await
            .json();
        assert_eq!(v["code"], 0, "register failed: {v}");
        v["data"]["token"].as_str().expect("token").to_string()
    }

    /// The `data` array of a list endpoint (`null` → empty).
    pub async fn items(&self, uri: &str) -> Vec<Value> {
        let v = self.json(uri).await;
        assert_eq!(v["code"], 0, "{uri}: {v}");
        match &v["data"] {
            Value::Null => Vec::new(),
            Value::Array(a) => a.clone(),
            other => panic!("{uri}: data is not a list: {other}"),
        }
    }
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        assert!(
            self.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "not JSON: {:?} {}",
            self.header("content-type"),
            self.text()
        );
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// AnqiCMS's answer for unknown routes: HTTP 404, an HTML page, never JSON.
    pub fn assert_html_404(&self) {
        assert_eq!(self.status, StatusCode::NOT_FOUND, "{}", self.text());
        assert!(
            self.header("content-type")
                .is_some_and(|c| c.starts_with("text/html")),
            "{:?}",
            self.header("content-type")
        );
        assert!(
            serde_json::from_slice::<Value>(&self.body).is_err(),
            "404 body must not be JSON"
        );
        assert!(self.text().contains("<html"), "{}", self.text());
    }
}

// ---------------------------------------------------------------------------------------
// Shape checking. A spec is a whitespace-separated list of `key:type` entries; `key?`
// marks an optional key; types are `int str bool null obj arr any num` or `[elem]`,
// alternatives joined with `|`. `strict` also rejects keys the spec does not list.
// ---------------------------------------------------------------------------------------

fn type_matches(v: &Value, ty: &str) -> bool {
    if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return v
            .as_array()
            .is_some_and(|a| a.iter().all(|e| type_matches(e, inner)));
    }
    match ty {
        "int" => v.is_i64() || v.is_u64(),
        "num" => v.is_number(),
        "str" => v.is_string(),
        "bool" => v.is_boolean(),
        "null" => v.is_null(),
        "obj" => v.is_object(),
        "arr" => v.is_array(),
        "any" => true,
        other => panic!("unknown type in spec: {other}"),
    }
}

pub fn check_shape(v: &Value, spec: &str, strict: bool) -> Result<(), String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("expected an object, got {v}"))?;
    let mut known = Vec::new();
    for entry in spec.split_whitespace() {
        let (key, types) = entry
            .split_once(':')
            .unwrap_or_else(|| panic!("bad spec entry {entry}"));
        let (key, optional) = match key.strip_suffix('?') {
            Some(k) => (k, true),
            None => (key, false),
        };
        known.push(key);
        match obj.get(key) {
            None if optional => {}
            None => return Err(format!("missing key `{key}` in {v}")),
            Some(val) => {
                if !types.split('|').any(|t| type_matches(val, t)) {
                    return Err(format!("key `{key}` should be {types}, got {val}"));
                }
            }
        }
    }
    if strict {
        if let Some(extra) = obj.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(format!("unexpected key `{extra}` in {v}"));
        }
    }
    Ok(())
}

#[track_caller]
pub fn assert_shape(v: &Value, spec: &str) {
    if let Err(e) = check_shape(v, spec, true) {
        panic!("shape mismatch: {e}");
    }
}

#[track_caller]
pub fn assert_shape_loose(v: &Value, spec: &str) {
    if let Err(e) = check_shape(v, spec, false) {
        panic!("shape mismatch: {e}");
    }
}

/// Every element of a list matches `spec`.
#[track_caller]
pub fn assert_all(items: &[Value], spec: &str) {
    assert!(!items.is_empty(), "expected a non-empty list");
    for item in items {
        assert_shape(item, spec);
    }
}

pub const OK_ENVELOPE: &str = "code:int msg:str data:any";
pub const LIST_ENVELOPE: &str = "code:int msg:str total:int data:arr|null";

/// §5.1 Archive.
pub const ARCHIVE: &str = "id:int parent_id:int created_time:int updated_time:int title:str seo_title:str \
url_token:str keywords:str description:str module_id:int category_id:int views:int comment_count:int \
images:[str]|null template:str canonical_url:str fixed_link:str user_id:int price:int stock:int read_level:int \
password:str sort:int has_pseudo:int keyword_id:int origin_url:str origin_title:str origin_id:int \
category:obj|null module_name:str data:obj|null logo:str thumb:str link:str tags?:[obj] has_ordered:bool \
favorable_price:int has_password:bool password_valid?:bool category_titles:null category_ids:null flag:str \
type:str relations:null content:str is_favorite:bool extra:obj|null";

/// §5.2 CustomField.
pub const CUSTOM_FIELD: &str =
    "name:str field_name?:str type?:str value:any default:any remark?:str \
required?:bool is_system?:bool is_filter?:bool follow_level:bool content?:str";

/// §5.3 Category / single page.
pub const CATEGORY: &str = "id:int created_time:int updated_time:int title:str seo_title:str keywords:str \
url_token:str description:str content:str module_id:int parent_id:int type:int sort:int template:str \
detail_template:str is_inherit:int images:[str]|null logo:str extra?:obj archive_count:int status:int \
spacer:str has_children:bool link:str thumb:str is_current:bool parent_titles:[str]|null children?:[obj]";

/// §5.4 Tag.
pub const TAG: &str = "id:int created_time:int updated_time:int title:str category_id:int seo_title:str \
keywords:str url_token:str description:str first_letter:str template:str logo:str status:int link:str \
thumb:str content?:str category_title?:str extra?:obj item_id?:int";

/// §5.5 Module.
pub const MODULE: &str =
    "id:int created_time:int updated_time:int table_name:str name:str url_token:str \
title:str keywords:str description:str fields:[obj]|null category_fields:[obj]|null is_system:int \
title_name:str status:int link:str";

/// §5.6 Nav.
pub const NAV: &str =
    "id:int created_time:int updated_time:int title:str sub_title:str description:str \
parent_id:int nav_type:int page_id:int type_id:int link:str logo:str style:str sort:int status:int \
nav_list?:[obj] is_current:bool spacer:str level:int thumb:str parent_titles:[str]|null";

/// §5.8 User.
pub const USER: &str = "id:int created_time:int updated_time:int parent_id:int user_name:str url_token:str \
real_name:str first_name:str last_name:str birthday:int avatar_url:str introduce:str email:str \
email_verified:bool phone:str group_id:int google_id:str reset_password:bool status:int is_retailer:int \
balance:int total_reward:int invite_code:str last_login:int expire_time:int extra:obj|null token:str \
group:obj|null full_avatar_url:str link:str";

/// §5.8 UserGroup.
pub const USER_GROUP: &str =
    "id:int created_time:int updated_time:int title:str description:str level:int \
status:int price:int setting:obj favorable_price:int";

/// §5.10
pub const BANNER: &str = "logo:str id:int link:str alt:str description:str type:str";
pub const LINK: &str =
    "id:int created_time:int updated_time:int title:str link:str back_link:str my_title:str \
my_link:str contact:str remark:str nofollow:int sort:int status:int checked_time:int";
pub const LANGUAGE: &str = "id:int root_path?:str name?:str status?:bool parent_id?:int sync_time?:int \
language_icon:str language_emoji?:str language_name?:str language:str is_main:bool is_current?:bool link?:str \
base_url?:str error_msg?:str";
pub const FILTER_GROUP: &str = "name:str field_name:str range?:obj items:[obj]|null";
pub const FILTER_ITEM: &str = "label:str value:str color?:str link:str is_current:bool total:int";
pub const FILTER_RANGE: &str = "min:int max:int value:str link:str";

/// §12 documented edition.
pub const SKU: &str = "id:int title:str currency:str currency_symbol:str price:int min_price:int max_price:int \
user_limit:int quota_used:int order_count:int stock:int options:[obj] skus:[obj] wholesale_rules:arr";
pub const SKU_OPTION: &str = "id:int title:str values:[obj]";
pub const SKU_VALUE: &str = "id:int title:str";
pub const SKU_ITEM: &str = "id:int title:str price:int stock:int image:str option_ids?:[int]";

/// §5.9 OrderAddress.
pub const ORDER_ADDRESS: &str = "id:int created_time:int updated_time:int user_id:int name:str last_name:str \
phone:str email:str province:str city:str town:str country:str address_info:str company:str postcode:str status:int";
