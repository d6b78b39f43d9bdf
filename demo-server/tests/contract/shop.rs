//! Documented-edition SKUs and cart (§12).

use serde_json::{json, Value};

use crate::common::*;

async fn product_id(app: &App, slug: &str) -> i64 {
    app.json(&format!("/api/archive/detail?filename={slug}"))
        .await["data"]["id"]
        .as_i64()
        .expect("id")
}

#[tokio::test]
async fn sku_of_a_product_with_colour_and_size_specs() {
    let app = App::new();
    let v = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await;
    assert_shape(&v, OK_ENVELOPE);
    let d = &v["data"];
    assert_shape(d, SKU);
    assert_eq!(d["currency"], "CNY");
    assert_eq!(d["currency_symbol"], "¥");
    assert_eq!(d["wholesale_rules"], json!([]));
    let options = d["options"].as_array().expect("options");
    assert_eq!(options.len(), 2);
    for o in options {
        assert_shape(o, SKU_OPTION);
        for val in o["values"].as_array().expect("values") {
            assert_shape(val, SKU_VALUE);
        }
    }
    assert_eq!(options[0]["values"].as_array().map(Vec::len), Some(3));
    assert_eq!(options[1]["values"].as_array().map(Vec::len), Some(4));
    let skus = d["skus"].as_array().expect("skus");
    assert_eq!(skus.len(), 12, "3 colours × 4 sizes");
    let value_ids: Vec<Value> = options
        .iter()
        .flat_map(|o| o["values"].as_array().cloned().unwrap_or_default())
        .map(|v| v["id"].clone())
        .collect();
    let mut stock = 0;
    for s in skus {
        assert_shape(s, SKU_ITEM);
        assert!(s["image"]
            .as_str()
            .is_some_and(|i| i.starts_with("http://127.0.0.1/uploads/")));
        let ids = s["option_ids"].as_array().expect("option ids");
        assert_eq!(ids.len(), 2);
        assert!(ids.iter().all(|i| value_ids.contains(i)));
        let p = s["price"].as_i64().expect("price");
        assert!(
            p >= d["min_price"].as_i64().unwrap_or(0) && p <= d["max_price"].as_i64().unwrap_or(0)
        );
        stock += s["stock"].as_i64().unwrap_or(0);
    }
    assert_eq!(d["stock"].as_i64(), Some(stock));
    assert!(d["min_price"].as_i64() < d["max_price"].as_i64());
    assert_eq!(d["price"], d["min_price"]);
    assert!(
        skus.iter().any(|s| s["stock"] == 0),
        "some combinations are sold out"
    );
}

#[tokio::test]
async fn sku_of_a_product_without_specs_is_empty() {
    let app = App::new();
    let id = product_id(&app, "gan-65w-charger").await;
    let d = app.json(&format!("/api/archive/sku?id={id}")).await["data"].clone();
    assert_shape(&d, SKU);
    assert_eq!(d["options"], json!([]));
    assert_eq!(d["skus"], json!([]));
    assert_eq!(d["price"], 14900);
    assert_eq!(d["min_price"], 14900);
    assert_eq!(d["max_price"], 14900);
    assert_eq!(app.json("/api/archive/sku?id=99999").await["code"], -1);
}

#[tokio::test]
async fn empty_cart_is_total_0_and_data_null() {
    let app = App::new();
    let expected = json!({"code": 0, "msg": "", "total": 0, "data": null});
    assert_eq!(app.json("/api/cart/list").await, expected);
    assert_eq!(
        app.json_with("/api/cart/list", &[("cart", "fresh-guest")])
            .await,
        expected
    );
    let token = app.login("demo", "demo123456").await;
    assert_eq!(
        app.json_with("/api/cart/list", &[("token", &token)]).await,
        expected
    );
}

#[tokio::test]
async fn guest_cart_add_update_remove() {
    let app = App::new();
    let guest = [("cart", "guest-123")];
    let tote = product_id(&app, "canvas-tote-bag").await;
    let sku = app.json(&format!("/api/archive/sku?id={tote}")).await["data"]["skus"][5].clone();
    let sku_id = sku["id"].as_i64().expect("sku id");

    let add = app
        .post(
            "/api/cart/add",
            &json!({"archive_id": tote, "sku_id": sku_id, "quantity": 2}).to_string(),
            &guest,
        )
        .await
        .json();
    assert_eq!(add["code"], 0, "{add}");
    // Adding the same product and SKU again raises the quantity.
    app.post(
        "/api/cart/add",
        &json!({"archive_id": tote, "sku_id": sku_id, "quantity": 1}).to_string(),
        &guest,
    )
    .await;
    let list = app.json_with("/api/cart/list", &guest).await;
    assert_shape(&list, LIST_ENVELOPE);
    assert_eq!(list["total"], 1);
    let item = &list["data"][0];
    assert_shape_loose(item, ARCHIVE);
    assert_shape_loose(item, "cart_id:int quantity:int amount:int origin_amount:int order_extra:str is_wholesale:bool sku_id:int");
    assert_eq!(item["id"], tote);
    assert_eq!(item["quantity"], 3);
    assert_eq!(item["sku_id"], sku_id);
    assert_eq!(
        item["amount"].as_i64(),
        sku["price"].as_i64().map(|p| p * 3)
    );

    let upd = app
        .post(
            "/api/cart/update",
            &json!({"archive_id": tote, "sku_id": sku_id, "quantity": 5}).to_string(),
            &guest,
        )
        .await
        .json();
    assert_eq!(upd["code"], 0);
    assert_eq!(
        app.json_with("/api/cart/list", &guest).await["data"][0]["quantity"],
        5
    );

    // Another guest and the anonymous caller see nothing.
    assert!(app
        .json_with("/api/cart/list", &[("cart", "someone-else")])
        .await["data"]
        .is_null());
    assert!(
        app.json_with("/api/cart/list", &[("cookie", "cart=guest-123")])
            .await["data"]
            .is_array(),
        "cookie works too"
    );

    let cart_id = item["cart_id"].as_i64().expect("cart id");
    let rm = app
        .post(
            "/api/cart/remove",
            &json!({"id": cart_id}).to_string(),
            &guest,
        )
        .await
        .json();
    assert_eq!(rm["code"], 0);
    assert!(app.json_with("/api/cart/list", &guest).await["data"].is_null());
    assert_eq!(
        app.post(
            "/api/cart/remove",
            &json!({"id": cart_id}).to_string(),
            &guest
        )
        .await
        .json()["code"],
        -1
    );
}

#[tokio::test]
async fn cart_add_without_a_token_issues_a_cart_cookie_and_users_have_their_own_cart() {
    let app = App::new();
    let kettle = product_id(&app, "temperature-control-kettle").await;
    let r = app
        .post_json(
            "/api/cart/add",
            json!({"archive_id": kettle, "quantity": 1}),
        )
        .await;
    assert_eq!(r.json()["code"], 0);
    let cookie = r.header("set-cookie").expect("cart cookie").to_string();
    assert!(cookie.starts_with("cart="), "{cookie}");
    let pair = cookie.split(';').next().expect("pair").to_string();
    assert_eq!(
        app.json_with("/api/cart/list", &[("cookie", &pair)]).await["total"],
        1
    );

    let token = app.login("vip", "vip123456").await;
    let user = [("token", token.as_str())];
    app.post(
        "/api/cart/add",
        &json!({"archive_id": kettle, "quantity": 4}).to_string(),
        &user,
    )
    .await;
    let list = app.json_with("/api/cart/list", &user).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["data"][0]["quantity"], 4);
    assert_eq!(list["data"][0]["amount"], 19900 * 4);
}

#[tokio::test]
async fn cart_rejects_unknown_products_and_foreign_skus() {
    let app = App::new();
    let guest = [("cart", "guest-x")];
    let v = app
        .post(
            "/api/cart/add",
            r#"{"archive_id":99999,"quantity":1}"#,
            &guest,
        )
        .await
        .json();
    assert_eq!(v["code"], -1);
    let tote = product_id(&app, "canvas-tote-bag").await;
    let other_sku = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await["data"]["skus"][0]["id"]
        .clone();
    let v = app
        .post(
            "/api/cart/add",
            &json!({"archive_id": tote, "sku_id": other_sku, "quantity": 1}).to_string(),
            &guest,
        )
        .await
        .json();
    assert_eq!(v["code"], -1);
    let v = app.post("/api/cart/add", "nope", &guest).await.json();
    assert_eq!(v["code"], -1);
}
