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
        // demo and vip have a seeded address; a new shopper has none.
        let token = app.fresh_user("bookless").await;
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
    let token = app.fresh_user("addresser").await;
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
    let mallory = app.fresh_user("mallory").await;
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
            &[("token", mallory.as_str())],
        )
        .await
        .json();
    assert_eq!(theirs["code"], -1);
    assert_eq!(theirs["msg"], "address does not exist");
    let mallory_list = app
        .json_with("/api/order/addresses", &[("token", mallory.as_str())])
        .await;
    assert!(mallory_list["data"].is_null(), "{mallory_list}");
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

/// A product without specifications (kitchen goods have none): (id, price, stock).
async fn plain_product(app: &App) -> (i64, i64, i64) {
    let d = app
        .json("/api/archive/detail?filename=cast-iron-dutch-oven")
        .await;
    let field = |k: &str| d["data"][k].as_i64().expect(k);
    (field("id"), field("price"), field("stock"))
}

/// An in-stock SKU of the merino sweater: (product id, sku id, price, stock).
async fn stocked_sku(app: &App) -> (i64, i64, i64, i64) {
    let info = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await;
    let product = info["data"]["id"].as_i64().expect("id");
    let skus = info["data"]["skus"].as_array().cloned().unwrap_or_default();
    let sku = skus
        .iter()
        .find(|s| s["stock"].as_i64().unwrap_or(0) > 1)
        .expect("an in-stock sku");
    let field = |k: &str| sku[k].as_i64().expect(k);
    (product, field("id"), field("price"), field("stock"))
}

async fn archive_stock(app: &App, id: i64) -> i64 {
    app.json(&format!("/api/archive/detail?id={id}")).await["data"]["stock"]
        .as_i64()
        .expect("stock")
}

#[tokio::test]
async fn creating_an_order_prices_lines_from_the_database() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (id, price, _) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"details": [{"goods_id": id, "quantity": 2, "price": 1, "amount": 1}]})
                .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(r["code"], 0, "{r}");
    let order = &r["data"];
    assert_eq!(order["amount"], price * 2, "client prices are ignored");
    assert_eq!(order["origin_amount"], price * 2);
    assert_eq!(order["status"], 0);
    assert_eq!(order["type"], "goods");
    assert!(order["details"].is_null(), "the create answer has no lines");
    assert!(order.get("order_address").is_none());
    let order_id = order["order_id"].as_str().expect("order_id");
    let row = order["id"].as_i64().expect("id");
    assert_eq!(order_id.len(), 18, "{order_id}");
    assert!(
        order_id.ends_with(&format!("{:04}", row % 10_000)),
        "{order_id}"
    );

    // The single-item shortcut, with quantity 0 meaning 1.
    let single = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id, "quantity": 0}).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(single["data"]["amount"], price);
}

#[tokio::test]
async fn the_documented_edition_checks_and_reserves_stock_and_a_cancel_gives_it_back() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (product, sku_id, _, sku_stock) = stocked_sku(&app).await;
    let too_many = app
        .post(
            "/api/order/create",
            &json!({"details": [{"goods_id": product, "goods_sku_id": sku_id, "quantity": sku_stock + 1}]})
                .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(too_many["code"], -1, "{too_many}");
    assert!(too_many["msg"]
        .as_str()
        .is_some_and(|m| m.contains("out of stock")));

    // "Unlimited" stock (9,999,999) is still reserved on this edition.
    let (id, _, stock) = plain_product(&app).await;
    let placed = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id, "quantity": 2}).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(placed["code"], 0, "{placed}");
    assert_eq!(archive_stock(&app, id).await, stock - 2);
    let order_id = placed["data"]["order_id"]
        .as_str()
        .expect("order_id")
        .to_string();
    let cancelled = app
        .post(
            "/api/order/cancel",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(cancelled["code"], 0, "{cancelled}");
    assert_eq!(archive_stock(&app, id).await, stock);
    // A closed order cannot be cancelled again on this edition.
    let again = app
        .post(
            "/api/order/cancel",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(again["code"], -1);
}

#[tokio::test]
async fn a_sku_line_costs_the_skus_price_and_takes_its_stock() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (product, sku_id, sku_price, sku_stock) = stocked_sku(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"details": [{"goods_id": product, "goods_sku_id": sku_id, "quantity": 1}]})
                .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(r["data"]["amount"], sku_price, "{r}");
    let after = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await;
    let left = after["data"]["skus"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["id"] == sku_id).cloned())
        .expect("sku");
    assert_eq!(left["stock"], sku_stock - 1);
    let detail = app
        .json_with(
            &format!(
                "/api/order/detail?order_id={}",
                r["data"]["order_id"].as_str().unwrap_or("")
            ),
            &auth,
        )
        .await;
    assert_eq!(detail["data"]["details"][0]["goods_item_id"], sku_id);
}

#[tokio::test]
async fn the_open_source_edition_neither_checks_nor_takes_stock_nor_checks_states() {
    let app = App::open_source();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (id, price, stock) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id, "quantity": stock + 5}).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(r["code"], 0, "{r}");
    assert_eq!(r["data"]["amount"], price * (stock + 5));
    assert_eq!(archive_stock(&app, id).await, stock);
    let order_id = r["data"]["order_id"]
        .as_str()
        .expect("order_id")
        .to_string();
    // "finish" on an unpaid order: the open-source server does it anyway.
    let finished = app
        .post(
            "/api/order/finish",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(finished["code"], 0);
    let detail = app
        .json_with(&format!("/api/order/detail?order_id={order_id}"), &auth)
        .await;
    assert_eq!(detail["data"]["status"], 3);
    assert!(detail["data"]["finished_time"].as_i64().unwrap_or(0) > 0);
}

#[tokio::test]
async fn the_address_sent_with_an_order_is_saved_and_shown_on_its_detail() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (id, _, _) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id, "quantity": 1,
                    "address": {"name": "王小明", "phone": "13800000000", "address_info": "张江路 1 号"}})
            .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(r["code"], 0, "{r}");
    let address_id = r["data"]["address_id"].as_i64().expect("address id");
    assert!(address_id > 0);
    let book = app.json_with("/api/order/addresses", &auth).await;
    assert_eq!(book["data"][0]["id"], address_id);
    let order_id = r["data"]["order_id"].as_str().unwrap_or("");
    let detail = app
        .json_with(&format!("/api/order/detail?order_id={order_id}"), &auth)
        .await;
    assert_eq!(detail["code"], 0);
    assert_shape(&detail["data"]["order_address"], ORDER_ADDRESS);
    assert_eq!(detail["data"]["order_address"]["name"], "王小明");
    let line = &detail["data"]["details"][0];
    assert_eq!(line["goods_id"], id);
    assert_eq!(line["goods"]["id"], id);

    // Another shopper sees neither the order nor can use the address.
    let vip = app.login("vip", "vip123456").await;
    let theirs = app
        .json_with(
            &format!("/api/order/detail?order_id={order_id}"),
            &[("token", vip.as_str())],
        )
        .await;
    assert_eq!(theirs["code"], -1);
    let stolen = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id, "address": {"id": address_id, "name": "x"}}).to_string(),
            &[("token", vip.as_str())],
        )
        .await
        .json();
    assert_eq!(stolen["code"], -1);
    assert_eq!(stolen["msg"], "address does not exist");
}

#[tokio::test]
async fn my_orders_page_filter_and_the_refund_quirk() {
    let app = App::new();
    // demo and vip have seeded orders; a new shopper starts with none.
    let token = app.fresh_user("orderer").await;
    let auth = [("token", token.as_str())];
    let empty = app.json_with("/api/orders", &auth).await;
    assert_eq!(empty["code"], 0);
    assert!(empty["data"].is_null(), "no orders is data null: {empty}");
    assert_eq!(empty["total"], 0);
    let (id, _, _) = plain_product(&app).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let r = app
            .post(
                "/api/order/create",
                &json!({"goods_id": id}).to_string(),
                &auth,
            )
            .await
            .json();
        ids.push(r["data"]["order_id"].as_str().unwrap_or("").to_string());
    }
    let page = app
        .json_with("/api/orders?current=1&pageSize=2", &auth)
        .await;
    assert_eq!(page["total"], 3);
    let items = page["data"].as_array().expect("orders");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["order_id"], ids[2].as_str(), "newest first");
    assert_eq!(items[0]["details"][0]["goods"]["id"], id);
    assert_eq!(items[0]["user"]["user_name"], "orderer");
    let second = app
        .json_with("/api/orders?current=2&pageSize=2", &auth)
        .await;
    assert_eq!(second["data"].as_array().map(Vec::len), Some(1));

    app.post(
        "/api/order/cancel",
        &json!({"order_id": ids[0]}).to_string(),
        &auth,
    )
    .await;
    let closed = app.json_with("/api/orders?status=closed", &auth).await;
    assert_eq!(closed["total"], 1);
    let waiting = app.json_with("/api/orders?status=waiting", &auth).await;
    assert_eq!(waiting["total"], 2);
    let bogus = app.json_with("/api/orders?status=bogus", &auth).await;
    assert_eq!(bogus["total"], 3, "an unknown filter means all");

    // A refund needs a paid order on this edition: refused while unpaid.
    let refused = app
        .post(
            "/api/order/refund",
            &json!({"order_id": ids[1]}).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(refused["code"], -1);
}

#[tokio::test]
async fn a_refund_on_the_open_source_edition_sets_refund_status_8_and_leaves_status() {
    let app = App::open_source();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (id, _, _) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id}).to_string(),
            &auth,
        )
        .await
        .json();
    let order_id = r["data"]["order_id"].as_str().unwrap_or("").to_string();
    let refund = app
        .post(
            "/api/order/refund",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(refund["code"], 0);
    let detail = app
        .json_with(&format!("/api/order/detail?order_id={order_id}"), &auth)
        .await;
    assert_eq!(detail["data"]["refund_status"], 8);
    assert_eq!(detail["data"]["status"], 0);
    let refunding = app.json_with("/api/orders?status=refunding", &auth).await;
    assert_eq!(
        refunding["total"], 0,
        "the status filter misses refund applications"
    );
}

#[tokio::test]
async fn orders_need_a_login() {
    let app = App::new();
    assert_eq!(app.json("/api/orders").await["code"], 1001);
    assert_eq!(app.json("/api/order/detail?order_id=1").await["code"], 1001);
    for path in [
        "/api/order/create",
        "/api/order/cancel",
        "/api/order/finish",
        "/api/order/refund",
    ] {
        let r = app
            .post_json(path, json!({"goods_id": 1, "order_id": "1"}))
            .await;
        assert_eq!(r.json()["code"], 1001, "{path}");
    }
}

async fn order_detail(app: &App, token: &str, order_id: &str) -> serde_json::Value {
    app.json_with(
        &format!("/api/order/detail?order_id={order_id}"),
        &[("token", token)],
    )
    .await["data"]
        .clone()
}

async fn control(app: &App, path: &str, body: serde_json::Value) -> serde_json::Value {
    let r = app.post_json(path, body).await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{path}: {}", r.text());
    r.json()
}

#[tokio::test]
async fn test_controls_walk_an_order_through_payment_shipping_and_receipt() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (id, _, _) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id}).to_string(),
            &auth,
        )
        .await
        .json();
    let order_id = r["data"]["order_id"].as_str().unwrap_or("").to_string();

    // Finishing before shipping is refused on the documented edition.
    let early = app
        .post(
            "/api/order/finish",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(early["code"], -1);

    assert_eq!(
        control(
            &app,
            "/__test/order",
            json!({"order_id": order_id, "action": "pay"})
        )
        .await["status"],
        1
    );
    assert!(
        order_detail(&app, &token, &order_id).await["paid_time"]
            .as_i64()
            .unwrap_or(0)
            > 0
    );
    control(
        &app,
        "/__test/order",
        json!({"order_id": order_id, "action": "ship", "express_company": "顺丰速运", "tracking_number": "SF1234567890"}),
    )
    .await;
    let shipped = order_detail(&app, &token, &order_id).await;
    assert_eq!(shipped["status"], 2);
    assert_eq!(shipped["express_company"], "顺丰速运");
    assert_eq!(shipped["tracking_number"], "SF1234567890");
    assert!(shipped["end_time"].as_i64() > shipped["deliver_time"].as_i64());

    let finished = app
        .post(
            "/api/order/finish",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(finished["code"], 0, "{finished}");
    assert_eq!(order_detail(&app, &token, &order_id).await["status"], 3);

    // A refund application on the completed order, then the merchant's decisions.
    let applied = app
        .post(
            "/api/order/refund",
            &json!({ "order_id": order_id }).to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(applied["code"], 0);
    assert_eq!(
        order_detail(&app, &token, &order_id).await["refund_status"],
        8
    );
    control(
        &app,
        "/__test/order",
        json!({"order_id": order_id, "action": "reject_refund"}),
    )
    .await;
    let rejected = order_detail(&app, &token, &order_id).await;
    assert_eq!(
        (
            rejected["status"].clone(),
            rejected["refund_status"].clone()
        ),
        (json!(3), json!(0))
    );
    app.post(
        "/api/order/refund",
        &json!({ "order_id": order_id }).to_string(),
        &auth,
    )
    .await;
    control(
        &app,
        "/__test/order",
        json!({"order_id": order_id, "action": "approve_refund"}),
    )
    .await;
    assert_eq!(order_detail(&app, &token, &order_id).await["status"], 9);
}

#[tokio::test]
async fn test_controls_close_unpaid_orders_and_set_stock() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    let (product, sku_id, _, _) = stocked_sku(&app).await;
    control(
        &app,
        "/__test/stock",
        json!({"archive_id": product, "sku_id": sku_id, "stock": 1}),
    )
    .await;
    let info = app.json(&format!("/api/archive/sku?id={product}")).await;
    let sku = info["data"]["skus"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["id"] == sku_id).cloned())
        .expect("sku");
    assert_eq!(sku["stock"], 1);
    let two = app
        .post(
            "/api/order/create",
            &json!({"details": [{"goods_id": product, "goods_sku_id": sku_id, "quantity": 2}]})
                .to_string(),
            &auth,
        )
        .await
        .json();
    assert_eq!(two["code"], -1, "only one left: {two}");

    let (id, _, stock) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id}).to_string(),
            &auth,
        )
        .await
        .json();
    let order_id = r["data"]["order_id"].as_str().unwrap_or("").to_string();
    assert_eq!(archive_stock(&app, id).await, stock - 1);
    assert_eq!(
        control(
            &app,
            "/__test/order",
            json!({"order_id": order_id, "action": "close"})
        )
        .await["status"],
        -1
    );
    assert_eq!(
        archive_stock(&app, id).await,
        stock,
        "closing gives the stock back"
    );
    let bad = app
        .post_json(
            "/__test/order",
            json!({"order_id": order_id, "action": "teleport"}),
        )
        .await;
    assert_eq!(bad.status, axum::http::StatusCode::BAD_REQUEST);
    let unknown = app
        .post_json("/__test/stock", json!({"archive_id": 999_999, "stock": 1}))
        .await;
    assert_eq!(unknown.status, axum::http::StatusCode::BAD_REQUEST);
}

async fn new_order(app: &App, token: &str) -> String {
    let (id, _, _) = plain_product(app).await;
    let r = app
        .post(
            "/api/order/create",
            &json!({"goods_id": id}).to_string(),
            &[("token", token)],
        )
        .await
        .json();
    r["data"]["order_id"].as_str().unwrap_or("").to_string()
}

async fn pay(app: &App, token: &str, order_id: &str, way: &str) -> serde_json::Value {
    app.post(
        "/api/order/payment",
        &json!({"order_id": order_id, "pay_way": way}).to_string(),
        &[("token", token)],
    )
    .await
    .json()
}

#[tokio::test]
async fn balance_pays_at_once_when_it_covers_the_order() {
    let app = App::new();
    let vip = app.login("vip", "vip123456").await;
    let before = app
        .json_with("/api/user/detail", &[("token", vip.as_str())])
        .await["data"]["balance"]
        .as_i64()
        .unwrap_or(0);
    let order_id = new_order(&app, &vip).await;
    let amount = order_detail(&app, &vip, &order_id).await["amount"]
        .as_i64()
        .unwrap_or(0);
    let paid = pay(&app, &vip, &order_id, "balance").await;
    assert_eq!(paid["code"], 0, "{paid}");
    assert_eq!(paid["msg"], "payment successful");
    assert_eq!(paid["data"]["status"], 1);
    assert_eq!(paid["data"]["order_id"], order_id.as_str());
    assert_eq!(order_detail(&app, &vip, &order_id).await["status"], 1);
    let after = app
        .json_with("/api/user/detail", &[("token", vip.as_str())])
        .await["data"]["balance"]
        .as_i64()
        .unwrap_or(0);
    assert_eq!(after, before - amount);
    // Paying a paid order again is refused.
    assert_eq!(pay(&app, &vip, &order_id, "balance").await["code"], -1);

    // demo's ¥80 does not cover the Dutch oven.
    let demo = app.login("demo", "demo123456").await;
    let demo_order = new_order(&app, &demo).await;
    let short = pay(&app, &demo, &demo_order, "balance").await;
    assert_eq!(short["code"], -1);
    assert_eq!(short["msg"], "balance not enough");
    assert_eq!(order_detail(&app, &demo, &demo_order).await["status"], 0);
}

#[tokio::test]
async fn wechat_answers_a_qr_png_and_scanning_it_pays() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let order_id = new_order(&app, &token).await;
    let answer = pay(&app, &token, &order_id, "wechat").await;
    assert_eq!(answer["code"], 0, "{answer}");
    assert_eq!(answer["data"]["pay_way"], "wechat");
    assert!(answer["data"]["code_url"]
        .as_str()
        .is_some_and(|u| u.starts_with("data:image/png;base64,iVBORw0KGgo")));
    let payment = control(&app, "/__test/payment", json!({ "order_id": order_id })).await;
    assert_eq!(payment["status"], 0);
    let scanned = app.get(payment["scan_url"].as_str().unwrap_or("")).await;
    assert_eq!(scanned.status, axum::http::StatusCode::OK);
    assert!(scanned.text().contains("data-paid"));
    assert_eq!(order_detail(&app, &token, &order_id).await["status"], 1);
    let check = app
        .json_with(
            &format!("/api/payment/check?order_id={order_id}"),
            &[("token", token.as_str())],
        )
        .await;
    assert_eq!(check["code"], 0);
    assert_eq!(check["msg"], "payment successful");
}

#[tokio::test]
async fn redirect_methods_send_the_shopper_to_a_hosted_page_and_back() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    for way in ["alipay", "paypal", "stripe"] {
        let order_id = new_order(&app, &token).await;
        let answer = pay(&app, &token, &order_id, way).await;
        assert_eq!(answer["data"]["pay_way"], way, "{answer}");
        let jump = answer["data"]["jump_url"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let path = jump
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap_or_default();
        assert!(path.starts_with("/__pay/"), "{jump}");
        let hosted = app.get(&path).await;
        assert!(hosted.text().contains("data-amount"));
        let cancelled = app.post(&format!("{path}/cancel"), "", &[]).await;
        assert_eq!(cancelled.status, axum::http::StatusCode::SEE_OTHER);
        assert_eq!(
            cancelled.header("location"),
            Some(format!("/account/orders/{order_id}?payment=cancelled").as_str())
        );
        assert_eq!(order_detail(&app, &token, &order_id).await["status"], 0);
        let paid = app.post(&format!("{path}/pay"), "", &[]).await;
        assert_eq!(
            paid.header("location"),
            Some(format!("/account/orders/{order_id}?payment=paid").as_str())
        );
        assert_eq!(order_detail(&app, &token, &order_id).await["status"], 1);
    }
}

#[tokio::test]
async fn unknown_ways_are_refused_and_an_empty_way_reuses_the_stored_one() {
    let app = App::open_source();
    let token = app.login("demo", "demo123456").await;
    let order_id = new_order(&app, &token).await;
    for way in ["offline", "bitcoin", ""] {
        let r = pay(&app, &token, &order_id, way).await;
        assert_eq!(r["code"], -1, "{way}: {r}");
        assert_eq!(r["msg"], "unable to create payment order");
    }
    assert_eq!(pay(&app, &token, &order_id, "alipay").await["code"], 0);
    let again = pay(&app, &token, &order_id, "").await;
    assert_eq!(again["data"]["pay_way"], "alipay", "{again}");
    let payment = control(&app, "/__test/payment", json!({ "order_id": order_id })).await;
    assert_eq!(payment["pay_way"], "alipay");
}

#[tokio::test]
async fn payment_check_waits_for_a_payment_that_comes_later() {
    let app = std::sync::Arc::new(App::new());
    let token = app.login("demo", "demo123456").await;
    let order_id = new_order(&app, &token).await;
    pay(&app, &token, &order_id, "alipay").await;
    let payment = control(&app, "/__test/payment", json!({ "order_id": order_id })).await;
    let page = payment["page_url"].as_str().unwrap_or("").to_string();
    let waiter = {
        let app = app.clone();
        let (token, order_id) = (token.clone(), order_id.clone());
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let v = app
                .json_with(
                    &format!("/api/payment/check?order_id={order_id}"),
                    &[("token", token.as_str())],
                )
                .await;
            (v, started.elapsed())
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.post(&format!("{page}/pay"), "", &[]).await;
    let (answer, waited) = waiter.await.expect("check task");
    assert_eq!(answer["code"], 0, "{answer}");
    assert!(
        waited >= std::time::Duration::from_secs(1),
        "it waited: {waited:?}"
    );
    assert!(
        waited < std::time::Duration::from_secs(5),
        "it answered soon after: {waited:?}"
    );
}

#[tokio::test]
async fn order_statistics_count_by_state_on_the_documented_edition() {
    let app = App::new();
    assert_eq!(app.json("/api/orders/statistics").await["code"], 1001);
    let token = app.fresh_user("counter").await;
    let auth = [("token", token.as_str())];
    let empty = app.json_with("/api/orders/statistics", &auth).await;
    assert_eq!(empty["code"], 0, "{empty}");
    assert_shape(
        &empty["data"],
        "total:int pending:int processing:int completed:int cancelled:int refunding:int refunded:int wishlist:int",
    );
    assert_eq!(empty["data"]["total"], 0);

    let unpaid = new_order(&app, &token).await;
    let cancelled = new_order(&app, &token).await;
    let shipped = new_order(&app, &token).await;
    let refunding = new_order(&app, &token).await;
    app.post(
        "/api/order/cancel",
        &json!({ "order_id": cancelled }).to_string(),
        &auth,
    )
    .await;
    for id in [&shipped, &refunding] {
        control(
            &app,
            "/__test/order",
            json!({"order_id": id, "action": "pay"}),
        )
        .await;
    }
    control(
        &app,
        "/__test/order",
        json!({"order_id": shipped, "action": "ship"}),
    )
    .await;
    app.post(
        "/api/order/refund",
        &json!({ "order_id": refunding }).to_string(),
        &auth,
    )
    .await;
    let stats = app.json_with("/api/orders/statistics", &auth).await["data"].clone();
    assert_eq!(stats["total"], 4);
    assert_eq!(stats["pending"], 1, "{unpaid}");
    assert_eq!(stats["cancelled"], 1);
    assert_eq!(
        stats["processing"], 1,
        "shipped, not the refund application"
    );
    assert_eq!(stats["refunding"], 1);
    assert_eq!(stats["completed"], 0);
    assert_eq!(stats["refunded"], 0);
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Every seeded order of a user (one page of 100).
async fn seeded_orders(app: &App, token: &str, site: i64) -> Vec<serde_json::Value> {
    let v = app
        .json_with(
            &format!("/api/orders?site_id={site}&pageSize=100"),
            &[("token", token)],
        )
        .await;
    v["data"].as_array().cloned().unwrap_or_default()
}

fn state(o: &serde_json::Value) -> (i64, i64) {
    (
        o["status"].as_i64().unwrap_or(99),
        o["refund_status"].as_i64().unwrap_or(99),
    )
}

#[tokio::test]
async fn demo_has_seeded_orders_in_every_state_on_both_sites_and_editions() {
    for app in [App::new(), App::open_source()] {
        for site in [1, 2] {
            let token = if site == 1 {
                app.login("demo", "demo123456").await
            } else {
                app.login_en("demo", "demo123456").await
            };
            let orders = seeded_orders(&app, &token, site).await;
            assert_eq!(orders.len(), 10, "site {site}");
            let mut states: Vec<(i64, i64)> = orders.iter().map(state).collect();
            states.sort();
            assert_eq!(
                states,
                vec![(-1, 0), (0, 0), (1, 0), (1, 8), (2, 0), (3, 0), (3, 0), (3, 0), (3, 8), (9, 8)],
                "closed, unpaid, paid, refund applied on a paid and a completed order, shipped, completed, refunded"
            );
            let now = now();
            let mut last = i64::MAX;
            for o in &orders {
                let created = o["created_time"].as_i64().unwrap_or(0);
                assert!(created < last, "newest first");
                last = created;
                assert!(
                    created <= now - 86_400 && created >= now - 60 * 86_400,
                    "some days old, never recent: {o}"
                );
                let lines = o["details"].as_array().cloned().unwrap_or_default();
                assert!((1..=3).contains(&lines.len()), "{o}");
                let mut origin = 0;
                let mut member = 0;
                for l in &lines {
                    assert!(l["goods"]["id"].as_i64().is_some(), "a real product: {l}");
                    let q = l["quantity"].as_i64().unwrap_or(0);
                    assert_eq!(l["amount"], l["price"].as_i64().unwrap_or(0) * q);
                    assert_eq!(
                        l["origin_amount"],
                        l["origin_price"].as_i64().unwrap_or(0) * q
                    );
                    assert_eq!(l["price"], l["origin_price"], "demo pays list prices");
                    origin += l["origin_amount"].as_i64().unwrap_or(0);
                    member += l["amount"].as_i64().unwrap_or(0);
                }
                assert_eq!(o["origin_amount"], origin);
                assert_eq!(
                    o["amount"],
                    member - o["discount_amount"].as_i64().unwrap_or(0)
                );
                assert!(o["address_id"].as_i64().unwrap_or(0) > 0);
                let status = o["status"].as_i64().unwrap_or(0);
                assert_eq!(
                    o["paid_time"].as_i64().unwrap_or(0) > 0,
                    ![0, -1].contains(&status),
                    "{o}"
                );
                if status == 2 {
                    assert!(o["express_company"].as_str().is_some_and(|s| !s.is_empty()));
                    assert!(o["tracking_number"]
                        .as_str()
                        .is_some_and(|s| s.starts_with("SF")));
                    assert!(o["deliver_time"].as_i64().unwrap_or(0) > created);
                    assert!(
                        o["end_time"].as_i64().unwrap_or(0) > now,
                        "it has not auto-completed yet"
                    );
                }
                if status == 3 {
                    assert!(o["finished_time"].as_i64().unwrap_or(0) > 0);
                    assert!(o["finished_time"].as_i64().unwrap_or(0) < now);
                }
            }
            // One completed order used the welcome coupon.
            let with_coupon: Vec<_> = orders
                .iter()
                .filter(|o| o["coupon_code_id"] != "")
                .collect();
            assert_eq!(with_coupon.len(), 1);
            assert_eq!(with_coupon[0]["discount_amount"], 500);
            assert_eq!(with_coupon[0]["status"], 3);
            // The detail has the saved address.
            let order_id = orders[0]["order_id"].as_str().unwrap_or("");
            let detail = app
                .json_with(
                    &format!("/api/order/detail?order_id={order_id}&site_id={site}"),
                    &[("token", token.as_str())],
                )
                .await;
            assert_shape(&detail["data"]["order_address"], ORDER_ADDRESS);
            assert_eq!(detail["data"]["order_address"]["phone"], "13800138000");
            let book = app
                .json_with(
                    &format!("/api/order/addresses?site_id={site}"),
                    &[("token", token.as_str())],
                )
                .await;
            assert_eq!(book["data"].as_array().map(Vec::len), Some(1));
        }
    }
}

#[tokio::test]
async fn the_seeded_orders_page_in_two_and_the_filters_and_statistics_agree() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let auth = [("token", token.as_str())];
    for (size, first, second) in [(5, 5, 5), (8, 8, 2)] {
        let one = app
            .json_with(&format!("/api/orders?pageSize={size}&current=1"), &auth)
            .await;
        let two = app
            .json_with(&format!("/api/orders?pageSize={size}&current=2"), &auth)
            .await;
        let three = app
            .json_with(&format!("/api/orders?pageSize={size}&current=3"), &auth)
            .await;
        assert_eq!(one["total"], 10);
        assert_eq!(one["data"].as_array().map(Vec::len), Some(first));
        assert_eq!(two["data"].as_array().map(Vec::len), Some(second));
        assert!(three["data"].is_null(), "two pages at size {size}");
    }
    for (filter, total) in [
        ("waiting", 1),
        ("paid", 2),
        ("delivery", 1),
        ("finished", 4),
        ("refunding", 0),
        ("closed", 1),
        ("", 10),
    ] {
        let v = app
            .json_with(&format!("/api/orders?status={filter}"), &auth)
            .await;
        assert_eq!(v["total"], total, "status={filter}");
    }
    let stats = app.json_with("/api/orders/statistics", &auth).await["data"].clone();
    assert_eq!(
        stats,
        json!({"total": 10, "pending": 1, "processing": 2, "completed": 3, "cancelled": 1,
               "refunding": 2, "refunded": 1, "wishlist": 0})
    );
}

#[tokio::test]
async fn vip_has_seeded_orders_at_member_prices_one_with_the_limited_coupon() {
    let app = App::new();
    let token = app.login("vip", "vip123456").await;
    let orders = seeded_orders(&app, &token, 1).await;
    let mut states: Vec<(i64, i64)> = orders.iter().map(state).collect();
    states.sort();
    assert_eq!(
        states,
        vec![(-1, 0), (0, 0), (1, 0), (2, 0), (3, 0), (3, 8), (9, 8)]
    );
    for o in &orders {
        for l in o["details"].as_array().cloned().unwrap_or_default() {
            assert_eq!(
                l["price"],
                l["origin_price"].as_i64().unwrap_or(0) * 90 / 100,
                "the VIP group's 10 % off: {l}"
            );
        }
    }
    let limited: Vec<_> = orders
        .iter()
        .filter(|o| o["discount_amount"] == 10_000)
        .collect();
    assert_eq!(limited.len(), 1, "the one code of the limited coupon");
    assert_ne!(limited[0]["coupon_code_id"], "");
}

#[tokio::test]
async fn seeded_orders_reserve_no_stock() {
    let app = App::new();
    for (slug, stock) in [
        ("cast-iron-dutch-oven", 9_999_999),
        ("goose-down-comforter", 5),
    ] {
        let d = app
            .json(&format!("/api/archive/detail?filename={slug}"))
            .await;
        assert_eq!(d["data"]["stock"], stock, "{slug}");
    }
}

async fn set_no_need_login(app: &App, on: bool) {
    let r = app
        .post_json("/__test/setting", json!({ "no_need_login": on }))
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn guests_cannot_order_while_no_need_login_is_off() {
    let app = App::new();
    let (id, _, _) = plain_product(&app).await;
    for (path, body) in [
        (
            "/api/order/create",
            json!({"details": [{"goods_id": id, "quantity": 1}]}),
        ),
        (
            "/api/order/payment",
            json!({"order_id": "1", "pay_way": "wechat"}),
        ),
    ] {
        assert_eq!(
            app.post_json(path, body).await.json()["code"],
            1001,
            "{path}"
        );
    }
    for path in [
        "/api/order/detail?order_id=1",
        "/api/payment/check?order_id=1",
    ] {
        assert_eq!(app.json(path).await["code"], 1001, "{path}");
    }
}

#[tokio::test]
async fn with_no_need_login_a_guest_orders_pays_and_reads_the_order() {
    let app = App::new();
    set_no_need_login(&app, true).await;
    let (id, price, stock) = plain_product(&app).await;
    let r = app
        .post_json(
            "/api/order/create",
            json!({"details": [{"goods_id": id, "quantity": 2}],
                   "address": {"id": 1, "name": "Guest", "phone": "13700137000", "email": "guest@example.com",
                               "address_info": "1 Guest Road"}}),
        )
        .await
        .json();
    assert_eq!(r["code"], 0, "{r}");
    let order = &r["data"];
    assert_eq!(order["user_id"], 0, "a guest order belongs to nobody");
    assert_eq!(order["amount"], price * 2);
    assert_eq!(
        archive_stock(&app, id).await,
        stock - 2,
        "stock is reserved as for anyone"
    );
    let order_id = order["order_id"].as_str().unwrap_or("").to_string();
    let address_id = order["address_id"].as_i64().unwrap_or(0);
    assert!(address_id > 1, "a new address, not demo's id 1: {order}");

    // demo's address book is untouched by the guest's `"id": 1`.
    let demo = app.login("demo", "demo123456").await;
    let book = app
        .json_with("/api/order/addresses", &[("token", demo.as_str())])
        .await;
    assert_eq!(book["data"][0]["name"], "演示用户");

    // Anyone with the id reads it, a signed-in shopper too.
    let detail = app
        .json(&format!("/api/order/detail?order_id={order_id}"))
        .await;
    assert_eq!(detail["code"], 0, "{detail}");
    assert_eq!(detail["data"]["order_address"]["name"], "Guest");
    assert_eq!(detail["data"]["details"][0]["goods_id"], id);
    let seen = app
        .json_with(
            &format!("/api/order/detail?order_id={order_id}"),
            &[("token", demo.as_str())],
        )
        .await;
    assert_eq!(seen["code"], 0);

    // No balance to pay with; WeChat works, and the check sees the payment.
    let balance = app
        .post_json(
            "/api/order/payment",
            json!({"order_id": order_id, "pay_way": "balance"}),
        )
        .await
        .json();
    assert_eq!(balance, json!({"code": -1, "msg": "balance not enough"}));
    let wechat = app
        .post_json(
            "/api/order/payment",
            json!({"order_id": order_id, "pay_way": "wechat"}),
        )
        .await
        .json();
    assert_eq!(wechat["code"], 0, "{wechat}");
    let payment = control(&app, "/__test/payment", json!({ "order_id": order_id })).await;
    app.get(payment["scan_url"].as_str().unwrap_or("")).await;
    let check = app
        .json(&format!("/api/payment/check?order_id={order_id}"))
        .await;
    assert_eq!(check["code"], 0, "{check}");
    assert_eq!(
        app.json(&format!("/api/order/detail?order_id={order_id}"))
            .await["data"]["status"],
        1
    );
    // Cancelling still needs a login.
    let cancel = app
        .post_json("/api/order/cancel", json!({ "order_id": order_id }))
        .await
        .json();
    assert_eq!(cancel["code"], 1001);

    // The shopper behind the address was created from it, as AnqiCMS does.
    let again = app
        .post_json(
            "/api/register",
            json!({"user_name": "someone", "password": "secret-123", "email": "guest@example.com"}),
        )
        .await
        .json();
    assert_eq!(again["msg"], "The email address is already registered");
}

#[tokio::test]
async fn with_no_need_login_a_users_orders_stay_private() {
    let app = App::new();
    set_no_need_login(&app, true).await;
    let demo = app.login("demo", "demo123456").await;
    let mine = app
        .json_with("/api/orders", &[("token", demo.as_str())])
        .await["data"][0]["order_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let anonymous = app
        .json(&format!("/api/order/detail?order_id={mine}"))
        .await;
    assert_eq!(
        anonymous,
        json!({"code": -1, "msg": "order is not operational"})
    );
    let vip = app.login("vip", "vip123456").await;
    let other = app
        .json_with(
            &format!("/api/order/detail?order_id={mine}"),
            &[("token", vip.as_str())],
        )
        .await;
    assert_eq!(other["code"], -1);
    for way in ["wechat", "balance"] {
        let pay = app
            .post_json(
                "/api/order/payment",
                json!({"order_id": mine, "pay_way": way}),
            )
            .await
            .json();
        assert_eq!(pay["msg"], "order is not operational", "{way}");
    }
    let check = app
        .json(&format!("/api/payment/check?order_id={mine}"))
        .await;
    assert_eq!(check["code"], -1);
    // A guest holds no coupon codes.
    let (id, _, _) = plain_product(&app).await;
    let coupon = app
        .post_json("/api/order/create", json!({"goods_id": id, "coupon_id": 1}))
        .await
        .json();
    assert_eq!(coupon, json!({"code": -1, "msg": "优惠券不存在"}));
    // Off again: guests are refused, and their order is no longer readable without a login.
    set_no_need_login(&app, false).await;
    assert_eq!(
        app.post_json("/api/order/create", json!({"goods_id": id}))
            .await
            .json()["code"],
        1001
    );
}

#[tokio::test]
async fn the_flag_turns_no_need_login_on_and_reset_keeps_it() {
    let app = App::with(demo_server::Options {
        no_need_login: true,
        edition: demo_server::Edition::OpenSource,
        ..options()
    });
    let (id, price, _) = plain_product(&app).await;
    let placed = app
        .post_json(
            "/api/order/create",
            json!({"details": [{"goods_id": id, "quantity": 1}], "coupon_id": 1}),
        )
        .await
        .json();
    assert_eq!(
        placed["code"], 0,
        "open-source ignores the coupon: {placed}"
    );
    assert_eq!(placed["data"]["amount"], price);
    assert_eq!(placed["data"]["user_id"], 0);
    set_no_need_login(&app, false).await;
    assert_eq!(
        app.post_json("/api/order/create", json!({"goods_id": id}))
            .await
            .json()["code"],
        1001
    );
    app.post("/__test/reset", "", &[]).await;
    assert_eq!(
        app.post_json("/api/order/create", json!({"goods_id": id}))
            .await
            .json()["code"],
        0,
        "reset restores the flag's value"
    );
}

#[tokio::test]
async fn hostile_numbers_on_the_shop_routes_are_answers_not_crashes() {
    let huge = i64::MAX;
    for app in [App::new(), App::open_source()] {
        let token = app.login("vip", "vip123456").await;
        let auth = [("token", token.as_str())];
        for uri in [
            format!("/api/orders?current={huge}&pageSize={huge}"),
            format!("/api/orders?current=-{huge}&pageSize=-1"),
        ] {
            let r = app.get_with(&uri, &auth).await;
            assert_eq!(r.status, axum::http::StatusCode::OK, "{uri}");
            assert_eq!(r.json()["code"], 0, "{uri}");
        }
        let (id, _, _) = plain_product(&app).await;
        let r = app
            .post(
                "/api/order/create",
                &json!({"goods_id": id, "quantity": huge}).to_string(),
                &auth,
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text());
        assert!(r.json()["code"].is_i64());
    }
    let app = App::new();
    let token = app.login("vip", "vip123456").await;
    let auth = [("token", token.as_str())];
    for uri in [
        format!("/api/coupon/codes?current={huge}&pageSize={huge}&status=0"),
        format!("/api/coupon/valid?amount={huge}&archive_id=-{huge}"),
    ] {
        let r = app.get_with(&uri, &auth).await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{uri}");
        assert_eq!(r.json()["code"], 0, "{uri}");
    }
    let (id, _, _) = plain_product(&app).await;
    let r = app
        .post(
            "/api/order/checkout",
            &json!({"goods_id": id, "quantity": huge, "coupon_code_id": huge}).to_string(),
            &auth,
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    assert_eq!(r.json()["code"], -1, "out of stock");
}
