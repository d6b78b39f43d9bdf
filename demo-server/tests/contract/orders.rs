//! The address book (§6.10): both editions, login required, newest first, full overwrite.

use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn the_address_book_needs_a_login() {
    let app = App::new();
    for path in ["/api/order/addresses", "/api/order/address"] {
        assert_eq!(app.json(path).await["code"], 1001, "{path}");
    }
    let r = app
        .post_json("/api/order/address", json!({"name": "x"}))
        .await;
    assert_eq!(r.json()["code"], 1001);
}

#[tokio::test]
async fn an_empty_book_is_null_data_and_the_latest_is_record_not_found() {
    for app in [App::new(), App::open_source()] {
        let token = app.login("demo", "demo123456").await;
        let auth = [("token", token.as_str())];
        let list = app.json_with("/api/order/addresses", &auth).await;
        assert_eq!(list["code"], 0, "{list}");
        assert!(list["data"].is_null(), "{list}");
        assert!(list["msg"].is_null(), "msg is null here: {list}");
        let latest = app.json_with("/api/order/address", &auth).await;
        assert_eq!(latest["code"], -1);
        assert_eq!(latest["msg"], "record not found");
    }
}

#[tokio::test]
async fn saving_creates_lists_newest_first_and_overwrites_every_field() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let first = app
        .post(
            "/api/order/address",
            &json!({"name": "王小明", "phone": "13800000000", "province": "上海市", "city": "上海市",
                    "town": "浦东新区", "address_info": "张江路 1 号", "postcode": "201203"})
            .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(first["code"], 0, "{first}");
    assert_shape(&first["data"], ORDER_ADDRESS);
    let first_id = first["data"]["id"].as_i64().expect("id");
    assert!(first_id > 0);
    assert_eq!(first["data"]["status"], 1);

    let second = app
        .post(
            "/api/order/address",
            &json!({"name": "李雷", "phone": "13900000000", "address_info": "科苑路 2 号"})
                .to_string(),
            &auth,
        )
        .await
        .json();
    let second_id = second["data"]["id"].as_i64().expect("id");

    // Overwriting the first with only a name blanks the rest, as AnqiCMS does.
    let updated = app
        .post(
            "/api/order/address",
            &json!({"id": first_id, "name": "王小明"}).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(updated["code"], 0, "{updated}");
    assert_eq!(updated["data"]["id"], first_id);
    assert_eq!(updated["data"]["phone"], "");
    assert_eq!(updated["data"]["address_info"], "");

    let list = app.json_with("/api/order/addresses", &auth).await;
    let items = list["data"].as_array().expect("list");
    assert_all(items, ORDER_ADDRESS);
    let ids: Vec<i64> = items.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(
        ids,
        vec![second_id, first_id],
        "newest created first; an edit does not reorder"
    );
    let latest = app.json_with("/api/order/address", &auth).await;
    assert_eq!(latest["data"]["id"], second_id);
}

#[tokio::test]
async fn another_users_address_cannot_be_read_or_overwritten() {
    let app = App::open_source();
    let demo = app.login("demo", "demo123456").await;
    let vip = app.login("vip", "vip123456").await;
    let mine = app
        .post(
            "/api/order/address",
            &json!({"name": "Demo", "phone": "1"}).to_string(),
            &[("token", demo.as_str())],
        )
        .await
        .json();
    let id = mine["data"]["id"].as_i64().expect("id");
    let theirs = app
        .post(
            "/api/order/address",
            &json!({"id": id, "name": "Mallory"}).to_string(),
            &[("token", vip.as_str())],
        )
        .await
        .json();
    assert_eq!(theirs["code"], -1);
    assert_eq!(theirs["msg"], "address does not exist");
    let vip_list = app
        .json_with("/api/order/addresses", &[("token", vip.as_str())])
        .await;
    assert!(vip_list["data"].is_null(), "{vip_list}");
    let still = app
        .json_with("/api/order/address", &[("token", demo.as_str())])
        .await;
    assert_eq!(still["data"]["name"], "Demo");
}

#[tokio::test]
async fn a_malformed_address_body_is_a_refusal_not_a_crash() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let r = app
        .post(
            "/api/order/address",
            "{not json",
            &[("token", token.as_str())],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    assert_eq!(r.json()["code"], -1);
}
