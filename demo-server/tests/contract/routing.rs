//! Envelope, unknown routes, editions, `?lang=`, CORS, the API switch and injected faults.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use demo_server::Options;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn json_envelope_has_utf8_content_type_and_code_msg_data() {
    let app = App::new();
    let r = app.get("/api/setting/index").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let v = r.json();
    assert_shape(&v, OK_ENVELOPE);
    assert_eq!(v["code"], 0);
    assert_eq!(v["msg"], "");
}

#[tokio::test]
async fn unknown_api_paths_are_html_404_for_get_and_post() {
    let app = App::new();
    app.get("/api/does/not/exist").await.assert_html_404();
    app.post("/api/does/not/exist", "{}", &[])
        .await
        .assert_html_404();
    app.get("/api").await.assert_html_404();
    // Iris has no path correction: a trailing slash does not match.
    app.get("/api/archive/list/").await.assert_html_404();
}

#[tokio::test]
async fn wrong_method_on_a_known_route_is_html_404_not_405() {
    let app = App::new();
    app.get("/api/login").await.assert_html_404();
    app.post("/api/archive/list", "{}", &[])
        .await
        .assert_html_404();
    app.post("/logout", "", &[]).await.assert_html_404();
}

const SECTION_12_GETS: &[&str] = &[
    "/api/archive/sku?id=2",
    "/api/cart/list",
    "/api/coupon/valid",
    "/api/coupon/codes",
    "/api/orders/statistics",
    "/api/wishlist/list",
    "/api/review/list",
];
const SECTION_12_POSTS: &[&str] = &[
    "/api/cart/add",
    "/api/cart/update",
    "/api/cart/remove",
    "/api/order/checkout",
    "/api/coupon/code",
    "/api/wishlist/add",
    "/api/wishlist/delete",
    "/api/review/publish",
];

#[tokio::test]
async fn open_source_edition_answers_section_12_routes_with_the_html_404() {
    let app = App::open_source();
    for path in SECTION_12_GETS {
        app.get(path).await.assert_html_404();
    }
    for path in SECTION_12_POSTS {
        app.post(path, r#"{"archive_id":2,"quantity":1}"#, &[])
            .await
            .assert_html_404();
    }
    // ...while the open-source routes still answer JSON.
    assert_eq!(app.json("/api/archive/list").await["code"], 0);
}

#[tokio::test]
async fn documented_edition_answers_the_detection_endpoints_with_json() {
    let app = App::new();
    let sku = app.json("/api/archive/sku?id=2").await;
    assert_eq!(sku["code"], 0, "{sku}");
    let cart = app.json("/api/cart/list").await;
    assert_eq!(cart["code"], 0, "{cart}");
    // The coupon routes and the checkout preview answer JSON (1001 for a guest).
    for path in ["/api/coupon/valid", "/api/coupon/codes"] {
        assert_eq!(app.json(path).await["code"], 1001, "{path}");
    }
    for path in ["/api/coupon/code", "/api/order/checkout"] {
        assert_eq!(
            app.post(path, "{}", &[]).await.json()["code"],
            1001,
            "{path}"
        );
    }
}

#[tokio::test]
async fn lang_query_redirects_307_without_lang_and_sets_a_cookie() {
    let app = App::new();
    let r = app
        .get("/api/archive/list?moduleId=2&lang=en&limit=3")
        .await;
    assert_eq!(r.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        r.header("location"),
        Some("/api/archive/list?moduleId=2&limit=3")
    );
    let cookie = r.header("set-cookie").expect("lang cookie");
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");

    let r = app.get("/?lang=zh-CN").await;
    assert_eq!(r.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(r.header("location"), Some("/"));
    // Without `lang` nothing redirects.
    assert_eq!(
        app.get("/api/archive/list?language=en").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn cors_echoes_only_local_http_origins() {
    let app = App::new();
    let pre = app
        .send(
            axum::http::Request::builder()
                .method("OPTIONS")
                .uri("/api/archive/list")
                .header("origin", "http://localhost:3000")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(pre.status, StatusCode::NO_CONTENT);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(pre.header("access-control-allow-credentials"), Some("true"));
    assert!(pre
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("Token")));

    let local = app
        .get_with(
            "/api/setting/system",
            &[("origin", "http://127.0.0.1:8080")],
        )
        .await;
    assert_eq!(
        local.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert!(local
        .header("access-control-expose-headers")
        .is_some_and(|h| h.contains("Update-Token")));

    for origin in [
        "https://localhost:3000",
        "https://shop.example",
        "http://evil.example",
    ] {
        let r = app
            .get_with("/api/setting/system", &[("origin", origin)])
            .await;
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
    }
}

const OPEN_ROUTES: &[&str] = &[
    "/api/archive/list",
    "/api/archive/detail?id=1",
    "/api/archive/filters?moduleId=2",
    "/api/archive/params?id=2",
    "/api/archive/prev?id=3",
    "/api/archive/next?id=3",
    "/api/category/list",
    "/api/category/detail?id=1",
    "/api/page/list",
    "/api/page/detail?id=12",
    "/api/module/list",
    "/api/module/detail?id=1",
    "/api/setting/system",
    "/api/setting/contact",
    "/api/setting/index",
    "/api/languages",
    "/api/friendlink/list",
    "/api/nav/list",
    "/api/banner/list",
    "/api/tag/list",
    "/api/tag/detail?id=1",
    "/api/tag/data/list?id=1",
];

#[tokio::test]
async fn api_closed_flag_turns_every_content_route_into_code_minus_1() {
    let app = App::with(Options {
        api_closed: true,
        ..options()
    });
    for path in OPEN_ROUTES {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let v = r.json();
        assert_eq!(
            v,
            json!({"code": -1, "msg": "API not open, please enable it in the admin"}),
            "{path}"
        );
    }
    // Account routes are not behind CheckApiOpen.
    assert_eq!(app.json("/api/captcha").await["code"], 0);
    app.login("demo", "demo123456").await;
}

#[tokio::test]
async fn test_controls_switch_the_api_and_reset_reopens_it() {
    let app = App::new();
    let r = app
        .post_json("/__test/api-open", json!({"open": false}))
        .await;
    assert_eq!(r.json()["ok"], true);
    assert_eq!(app.json("/api/nav/list").await["code"], -1);
    app.post_json("/__test/api-open", json!({"open": true}))
        .await;
    assert_eq!(app.json("/api/nav/list").await["code"], 0);
    app.post_json("/__test/api-open", json!({"open": false}))
        .await;
    assert_eq!(app.post("/__test/reset", "", &[]).await.json()["ok"], true);
    assert_eq!(app.json("/api/nav/list").await["code"], 0);
}

#[tokio::test]
async fn test_controls_are_absent_without_the_flag() {
    let app = App::with(Options {
        test_controls: false,
        ..options()
    });
    for path in [
        "/__test/fault",
        "/__test/reset",
        "/__test/api-open",
        "/__test/token",
        "/__test/hostile",
    ] {
        app.post(path, r#"{"path":"/api/nav/list","kind":"code-1"}"#, &[])
            .await
            .assert_html_404();
    }
    assert_eq!(app.json("/api/nav/list").await["code"], 0);
}

async fn set_fault(app: &App, path: &str, kind: &str) {
    let r = app
        .post_json("/__test/fault", json!({"path": path, "kind": kind}))
        .await;
    assert_eq!(r.json(), json!({"ok": true}), "{kind}");
}

#[tokio::test]
async fn every_fault_kind_fails_exactly_as_specified() {
    let app = App::new();
    let path = "/api/archive/list";

    set_fault(&app, path, "html500").await;
    let r = app.get(path).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(r.text().contains("<html"));

    set_fault(&app, path, "text429").await;
    let r = app.get(path).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/plain")));
    assert_eq!(r.text(), "Too many requests from this IP.");

    set_fault(&app, path, "malformed").await;
    let r = app.get(path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    assert!(
        serde_json::from_slice::<serde_json::Value>(&r.body).is_err(),
        "must be invalid JSON"
    );

    set_fault(&app, path, "code-1").await;
    assert_eq!(
        app.get(path).await.json(),
        json!({"code": -1, "msg": "simulated failure"})
    );

    set_fault(&app, path, "code1001").await;
    assert_eq!(
        app.get(path).await.json(),
        json!({"code": 1001, "msg": "This operation requires login"})
    );

    set_fault(&app, path, "null-data").await;
    assert_eq!(
        app.get(path).await.json(),
        json!({"code": 0, "msg": null, "data": null})
    );

    // Other paths are untouched; reset clears everything.
    assert_eq!(app.json("/api/nav/list").await["code"], 0);
    app.post("/__test/reset", "", &[]).await;
    let v = app.json(path).await;
    assert_eq!(v["code"], 0);
    assert!(v["data"].is_array());
}

/// Every path the storefront calls, with its method: the e2e fault matrix covers them all.
const APP_PATHS: &[(&str, &str)] = &[
    ("GET", "/api/setting/system"),
    ("GET", "/api/setting/contact"),
    ("GET", "/api/setting/index"),
    ("GET", "/api/nav/list"),
    ("GET", "/api/banner/list"),
    ("GET", "/api/friendlink/list"),
    ("GET", "/api/languages"),
    ("GET", "/api/module/list"),
    ("GET", "/api/category/list"),
    ("GET", "/api/category/detail"),
    ("GET", "/api/page/list"),
    ("GET", "/api/page/detail"),
    ("GET", "/api/tag/list"),
    ("GET", "/api/tag/detail"),
    ("GET", "/api/tag/data/list"),
    ("GET", "/api/archive/list"),
    ("GET", "/api/archive/detail"),
    ("GET", "/api/archive/params"),
    ("GET", "/api/archive/filters"),
    ("GET", "/api/archive/prev"),
    ("GET", "/api/archive/next"),
    ("POST", "/api/archive/password/check"),
    ("POST", "/api/login"),
    ("GET", "/api/user/detail"),
    ("GET", "/api/cart/list"),
    ("GET", "/api/captcha"),
    ("GET", "/api/coupon/valid"),
    ("GET", "/api/coupon/codes"),
    ("POST", "/api/coupon/code"),
    ("POST", "/api/order/checkout"),
];

#[tokio::test]
async fn every_fault_kind_works_on_every_path_the_app_calls() {
    let app = App::new();
    let kinds = [
        "html500",
        "text429",
        "timeout",
        "malformed",
        "code-1",
        "code1001",
        "null-data",
    ];
    for (method, path) in APP_PATHS {
        for kind in kinds {
            let r = app
                .post_json(
                    "/__test/fault",
                    json!({"path": path, "kind": kind, "delay_ms": 1}),
                )
                .await;
            assert_eq!(r.json(), json!({"ok": true}), "{path} {kind}");
            let uri = format!("{path}?id=1&site_id=2");
            let r = if *method == "POST" {
                app.post(&uri, r#"{"id":1,"password":"x","user_name":"demo"}"#, &[])
                    .await
            } else {
                app.get(&uri).await
            };
            let ctx = format!("{method} {path} {kind}: {} {}", r.status, r.text());
            match kind {
                "html500" => {
                    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{ctx}");
                    assert!(r.text().contains("<html"), "{ctx}");
                }
                "text429" => {
                    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{ctx}");
                    assert_eq!(r.text(), "Too many requests from this IP.", "{ctx}");
                }
                // Slept, then routed normally: the real JSON envelope.
                "timeout" => {
                    assert_eq!(r.status, StatusCode::OK, "{ctx}");
                    assert!(r.json()["code"].is_i64(), "{ctx}");
                }
                "malformed" => {
                    assert_eq!(r.status, StatusCode::OK, "{ctx}");
                    assert!(
                        serde_json::from_slice::<serde_json::Value>(&r.body).is_err(),
                        "{ctx}"
                    );
                }
                "code-1" => assert_eq!(
                    r.json(),
                    json!({"code": -1, "msg": "simulated failure"}),
                    "{ctx}"
                ),
                "code1001" => assert_eq!(r.json()["code"], 1001, "{ctx}"),
                _ => assert_eq!(
                    r.json(),
                    json!({"code": 0, "msg": null, "data": null}),
                    "{ctx}"
                ),
            }
        }
    }
    // One reset clears the lot.
    app.post("/__test/reset", "", &[]).await;
    for (method, path) in APP_PATHS {
        let r = if *method == "POST" {
            app.post(path, "{}", &[]).await
        } else {
            app.get(path).await
        };
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.json()["code"].is_i64(), "{path}");
    }
}

#[tokio::test]
async fn timeout_fault_delays_then_answers_normally() {
    let app = App::new();
    let r = app
        .post_json(
            "/__test/fault",
            json!({"path": "/api/setting/index", "kind": "timeout", "delay_ms": 150}),
        )
        .await;
    assert_eq!(r.json()["ok"], true);
    let start = Instant::now();
    let v = app.json("/api/setting/index").await;
    assert!(start.elapsed() >= Duration::from_millis(150));
    assert_eq!(v["code"], 0);
    assert!(v["data"]["seo_title"].is_string());
}

#[tokio::test]
async fn fault_control_rejects_unknown_kinds() {
    let app = App::new();
    let r = app
        .post_json("/__test/fault", json!({"path": "/x", "kind": "explode"}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["ok"], false);
}

#[tokio::test]
async fn site_id_switches_the_site_and_unknown_ids_fall_back_to_main() {
    let app = App::new();
    assert_eq!(
        app.json("/api/setting/system?site_id=2").await["data"]["SiteName"],
        "AnQi Select"
    );
    assert_eq!(
        app.json("/api/setting/system?site_id=1").await["data"]["SiteName"],
        "安企优选"
    );
    assert_eq!(
        app.json("/api/setting/system?site_id=99").await["data"]["SiteName"],
        "安企优选"
    );
    let en = app
        .items("/api/archive/list?site_id=2&moduleId=2&limit=50")
        .await;
    assert!(en.iter().any(|a| a["title"] == "Mulberry Silk Pillowcase"));
    assert!(en
        .iter()
        .all(|a| a["link"].as_str().is_some_and(|l| l.contains("/en/"))));
}

#[tokio::test]
async fn hostile_numbers_never_become_server_errors() {
    let app = App::new();
    for path in [
        "/api/archive/list?type=page&page=9223372036854775807&limit=100",
        "/api/archive/list?limit=-5,-5",
        "/api/archive/list?limit=99999999999999999999999",
        "/api/archive/list?moduleId=2&price=9223372036854775807-1",
        "/api/tag/list?page=9223372036854775807&limit=100",
        "/api/tag/data/list?id=1&page=9223372036854775807",
        "/api/cart/list?current=9223372036854775807&pageSize=100",
        "/api/archive/detail?id=-1",
        "/api/archive/prev?id=9223372036854775807",
        "/api/category/list?limit=9223372036854775807,9223372036854775807",
    ] {
        let r = app.get_with(path, &[("cart", "g")]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
        let code = r.json()["code"].as_i64();
        assert!(matches!(code, Some(0) | Some(-1)), "{path}");
    }
    let r = app
        .post(
            "/api/cart/add",
            r#"{"archive_id":2,"quantity":9223372036854775807}"#,
            &[("cart", "g")],
        )
        .await;
    assert_eq!(r.json()["code"], 0);
    app.post(
        "/api/cart/add",
        r#"{"archive_id":2,"quantity":9223372036854775807}"#,
        &[("cart", "g")],
    )
    .await;
    let list = app.json_with("/api/cart/list", &[("cart", "g")]).await;
    assert_eq!(list["data"][0]["quantity"], 9_999);
    let r = app
        .post_json(
            "/__test/token",
            json!({"user_name": "demo", "expires_in": i64::MAX}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
