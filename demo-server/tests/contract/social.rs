//! Favorites (§6.11), comments (§6.12, §8), guestbook (§6.13), and the documented
//! edition's wishlist and reviews (§12).

use serde_json::{json, Value};

use crate::common::*;

pub async fn product_id(app: &App, slug: &str) -> i64 {
    app.json(&format!("/api/archive/detail?filename={slug}"))
        .await["data"]["id"]
        .as_i64()
        .expect("id")
}

/// POST with a token, parsed.
pub async fn post_as(app: &App, token: &str, uri: &str, body: Value) -> Value {
    app.post(uri, &body.to_string(), &[("token", token)])
        .await
        .json()
}

pub const FAVORITE: &str = "id:int archive_id:int sku_id:int user_id:int created_time:int";

#[tokio::test]
async fn favorites_toggle_check_list_without_msg_and_delete() {
    let app = App::new();
    let token = app.fresh_user("fan").await;
    let sweater = product_id(&app, "merino-wool-sweater").await;
    let charger = product_id(&app, "gan-65w-charger").await;

    // Empty: no msg key, data null, total 0.
    let v = app
        .json_with("/api/favorite/list", &[("token", &token)])
        .await;
    assert_eq!(v, json!({"code": 0, "total": 0, "data": null}));
    let v = post_as(
        &app,
        &token,
        "/api/favorite/check",
        json!({"archive_id": sweater}),
    )
    .await;
    assert_eq!(v, json!({"code": 0, "data": null}));

    // The toggle: true, then false, then true again.
    let add = json!({"archive_id": sweater, "sku_id": 3});
    let v = post_as(&app, &token, "/api/favorite/add", add.clone()).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["data"], json!({"is_favorite": true}));
    let v = post_as(&app, &token, "/api/favorite/add", add.clone()).await;
    assert_eq!(
        v["data"],
        json!({"is_favorite": false}),
        "second add removes"
    );
    let v = post_as(&app, &token, "/api/favorite/add", add).await;
    assert_eq!(v["data"]["is_favorite"], true);
    let v = post_as(
        &app,
        &token,
        "/api/favorite/add",
        json!({"archive_id": charger.to_string()}),
    )
    .await;
    assert_eq!(
        v["data"]["is_favorite"], true,
        "numeric string ids work: {v}"
    );

    // Check: existing ones only, ArchiveFavorite shape, no msg.
    let v = post_as(
        &app,
        &token,
        "/api/favorite/check",
        json!({"archive_id": sweater, "archive_ids": [charger, 9999]}),
    )
    .await;
    assert!(v.get("msg").is_none(), "{v}");
    let found = v["data"].as_array().expect("data");
    assert_all(found, FAVORITE);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["archive_id"], sweater);
    assert_eq!(found[0]["sku_id"], 3);

    // List: newest first, archives, no msg; paging by current/pageSize.
    let v = app
        .json_with("/api/favorite/list?pageSize=1", &[("token", &token)])
        .await;
    assert!(v.get("msg").is_none(), "no msg key: {v}");
    assert_eq!(v["total"], 2);
    let items = v["data"].as_array().expect("data");
    assert_eq!(items.len(), 1);
    assert_shape(&items[0], ARCHIVE);
    assert_eq!(items[0]["id"], charger);
    assert!(items[0]["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://")));
    let v = app
        .json_with(
            "/api/favorite/list?pageSize=1&current=2",
            &[("token", &token)],
        )
        .await;
    assert_eq!(v["data"][0]["id"], sweater);

    // Delete: always code 0, also for what is not a favorite.
    for _ in 0..2 {
        let v = post_as(
            &app,
            &token,
            "/api/favorite/delete",
            json!({"archive_id": sweater}),
        )
        .await;
        assert_eq!(v["code"], 0, "{v}");
    }
    let v = app
        .json_with("/api/favorite/list", &[("token", &token)])
        .await;
    assert_eq!(v["total"], 1);

    // Someone else's favorites are their own.
    let other = app.fresh_user("other-fan").await;
    let v = app
        .json_with("/api/favorite/list", &[("token", &other)])
        .await;
    assert_eq!(v["total"], 0);
}

#[tokio::test]
async fn favorites_need_login_reject_unknown_archives_and_keep_the_password() {
    let app = App::new();
    for (uri, body) in [
        ("/api/favorite/check", json!({"archive_id": 1})),
        ("/api/favorite/add", json!({"archive_id": 1})),
        ("/api/favorite/delete", json!({"archive_id": 1})),
    ] {
        let v = app.post_json(uri, body).await.json();
        assert_eq!(v["code"], 1001, "{uri}: {v}");
    }
    assert_eq!(app.json("/api/favorite/list").await["code"], 1001);

    let token = app.login("demo", "demo123456").await;
    let v = post_as(
        &app,
        &token,
        "/api/favorite/add",
        json!({"archive_id": 99999}),
    )
    .await;
    assert_eq!(v["code"], -1, "{v}");
    assert!(v["msg"].as_str().is_some_and(|m| !m.is_empty()));
    let v = post_as(&app, &token, "/api/favorite/add", json!({})).await;
    assert_eq!(v["code"], -1);
    let v = app
        .post("/api/favorite/add", "{oops", &[("token", &token)])
        .await
        .json();
    assert_eq!(v["code"], -1, "malformed JSON: {v}");

    // The list does not blank `password` (the archive detail does).
    let locked = product_id(&app, "private-preview-storm-jacket").await;
    post_as(
        &app,
        &token,
        "/api/favorite/add",
        json!({"archive_id": locked}),
    )
    .await;
    let v = app
        .json_with("/api/favorite/list", &[("token", &token)])
        .await;
    assert_eq!(v["data"][0]["id"], locked);
    assert_eq!(v["data"][0]["password"], "anqi2026");
}

#[tokio::test]
async fn favorites_exist_on_the_open_source_edition_too() {
    let app = App::open_source();
    let token = app.login("demo", "demo123456").await;
    let v = post_as(&app, &token, "/api/favorite/add", json!({"archive_id": 2})).await;
    assert_eq!(v["data"]["is_favorite"], true, "{v}");
    let v = app
        .json_with("/api/favorite/list", &[("token", &token)])
        .await;
    assert_eq!(v["total"], 1);
}
