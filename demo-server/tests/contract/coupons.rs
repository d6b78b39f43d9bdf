//! Documented-edition coupons (§12): the valid list, claiming, my codes, the checkout
//! preview and `order/create` taking a coupon. The seeded coupons (same ids on both sites):
//! 1 ¥10 off no minimum · 2 ¥20 off over ¥199 · 3 15 % off over ¥100, at most ¥30 ·
//! 4 ¥50 off the merino sweater (over ¥400 of it) · 5 total 1, run out · 6 not started ·
//! 7 expired (demo holds it unused) · 8 expired · 9 ¥5 welcome gift (demo used it).
//! demo holds unused 1, 2, 4; vip holds unused 3 (and used 5).

use serde_json::{json, Value};

use crate::common::*;

/// §12 coupon object (the `code` key is absent where it is nested in a code).
pub const COUPON: &str = "id:int name:str description:str money_type:int money:num max_money:num \
min_money:num archive_id:int start_time:int end_time:int total:int claimed_count:int per_user:int \
claimed:bool code?:obj|null";
/// §12 code object (`coupon` absent where it is nested in its coupon).
pub const CODE: &str =
    "id:int coupon_id:int code:str status:int order_id:str created_time:int used_time:int coupon?:obj";

fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().filter_map(|c| c["id"].as_i64()).collect()
}

fn coupon_ids(codes: &[Value]) -> Vec<i64> {
    codes
        .iter()
        .filter_map(|c| c["coupon_id"].as_i64())
        .collect()
}

async fn product(app: &App, slug: &str) -> (i64, i64, String) {
    let d = app
        .json(&format!("/api/archive/detail?filename={slug}"))
        .await;
    (
        d["data"]["id"].as_i64().expect("id"),
        d["data"]["price"].as_i64().expect("price"),
        d["data"]["title"].as_str().unwrap_or("").to_string(),
    )
}

async fn get(app: &App, token: &str, uri: &str) -> Value {
    app.json_with(uri, &[("token", token)]).await
}

async fn post(app: &App, token: &str, uri: &str, body: Value) -> Value {
    app.post(uri, &body.to_string(), &[("token", token)])
        .await
        .json()
}

fn list(v: &Value) -> Vec<Value> {
    v["data"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn coupon_routes_need_a_login() {
    let app = App::new();
    for uri in ["/api/coupon/valid", "/api/coupon/codes"] {
        assert_eq!(app.json(uri).await["code"], 1001, "{uri}");
    }
    for uri in ["/api/coupon/code", "/api/order/checkout"] {
        let r = app.post_json(uri, json!({"id": 1, "goods_id": 2})).await;
        assert_eq!(r.json()["code"], 1001, "{uri}");
    }
}

#[tokio::test]
async fn valid_lists_what_the_shopper_can_use_or_claim_newest_first() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let v = get(&app, &demo, "/api/coupon/valid").await;
    assert_eq!(v["code"], 0, "{v}");
    assert!(v["msg"].is_null(), "{v}");
    assert!(v.get("total").is_none(), "{v}");
    let items = list(&v);
    assert_all(&items, COUPON);
    // Not 5 (run out), 6 (not started), 7 and 8 (expired), 9 (demo used their one).
    assert_eq!(ids(&items), vec![4, 3, 2, 1], "{v}");
    for c in &items {
        let held = c["id"] != 3;
        assert_eq!(c["claimed"], held, "{c}");
        if held {
            assert_shape(&c["code"], CODE);
            assert!(c["code"].get("coupon").is_none(), "no nested coupon: {c}");
            assert_eq!(c["code"]["coupon_id"], c["id"]);
            assert_eq!(c["code"]["status"], 0);
        } else {
            assert!(c["code"].is_null(), "{c}");
        }
    }
    let by_id = |id: i64| {
        items
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    let fixed = by_id(2);
    assert_eq!(fixed["money_type"], 1);
    assert!(fixed["money"].is_f64(), "money is a float: {fixed}");
    assert_eq!(fixed["money"], json!(20.0));
    assert_eq!(fixed["max_money"], json!(0.0));
    assert_eq!(fixed["min_money"], json!(199.0));
    assert_eq!(fixed["total"], 500);
    assert_eq!(fixed["claimed_count"], 213);
    assert_eq!(fixed["per_user"], 1);
    assert!(fixed["end_time"].as_i64() > fixed["start_time"].as_i64());
    let percent = by_id(3);
    assert_eq!(percent["money_type"], 2);
    assert_eq!(percent["money"], json!(15.0), "15 % off");
    assert_eq!(percent["max_money"], json!(30.0));
    assert_eq!(percent["min_money"], json!(100.0));
    assert_eq!(by_id(1)["end_time"], 0, "no expiry");
    assert_eq!(by_id(1)["min_money"], json!(0.0));
    let (sweater, _, _) = product(&app, "merino-wool-sweater").await;
    assert_eq!(by_id(4)["archive_id"], sweater);
    assert_eq!(by_id(1)["archive_id"], 0);

    // A brand-new shopper can claim every live one, the welcome gift included.
    let fresh = app.fresh_user("newcomer").await;
    let theirs = list(&get(&app, &fresh, "/api/coupon/valid").await);
    assert_eq!(ids(&theirs), vec![9, 4, 3, 2, 1]);
    assert!(theirs
        .iter()
        .all(|c| c["claimed"] == false && c["code"].is_null()));
}

#[tokio::test]
async fn valid_filters_by_amount_and_product_and_an_empty_list_is_null() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let (sweater, _, _) = product(&app, "merino-wool-sweater").await;
    let (oven, _, _) = product(&app, "cast-iron-dutch-oven").await;
    let valid = |q: String| {
        let (app, demo) = (&app, &demo);
        async move { get(app, demo, &format!("/api/coupon/valid?{q}")).await }
    };
    assert_eq!(ids(&list(&valid("amount=15000".into()).await)), vec![3, 1]);
    assert_eq!(
        ids(&list(&valid("amount=19900".into()).await)),
        vec![3, 2, 1],
        "the minimum itself is enough"
    );
    assert_eq!(ids(&list(&valid("amount=5000".into()).await)), vec![1]);
    assert_eq!(
        ids(&list(&valid("amount=bogus".into()).await)),
        vec![4, 3, 2, 1],
        "ignored"
    );
    assert_eq!(
        ids(&list(&valid(format!("archive_id={sweater}")).await)),
        vec![4, 3, 2, 1]
    );
    assert_eq!(
        ids(&list(&valid(format!("archive_id={oven}")).await)),
        vec![3, 2, 1],
        "shop-wide ones and the oven's (none)"
    );
    assert_eq!(
        ids(&list(
            &valid(format!("archive_id={oven}&amount=10000")).await
        )),
        vec![3, 1]
    );
    // Nothing has a minimum below zero.
    let none = valid("amount=-1".into()).await;
    assert_eq!(none["code"], 0);
    assert!(none["data"].is_null(), "an empty list is null: {none}");
}

#[tokio::test]
async fn claiming_gives_one_code_per_shopper_and_counts_it() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let r = post(&app, &demo, "/api/coupon/code", json!({"id": 3})).await;
    assert_eq!(r["code"], 0, "{r}");
    assert_eq!(r["msg"], "领取成功");
    let code = &r["data"];
    assert_shape(code, CODE);
    assert_shape(&code["coupon"], COUPON);
    assert!(code["coupon"].get("code").is_none(), "{code}");
    assert_eq!(code["coupon_id"], 3);
    assert_eq!(code["status"], 0);
    assert_eq!(code["order_id"], "");
    assert_eq!(code["used_time"], 0);
    assert_eq!(code["coupon"]["claimed"], true);
    assert_eq!(code["coupon"]["claimed_count"], 77, "76 seeded + this one");
    let text = code["code"].as_str().unwrap_or("");
    assert!(
        text.starts_with("AQ15-") && text.len() == 10,
        "AQ<figure>-XXXXX: {text}"
    );

    // A second claim, with the id as a string this time: refused, nothing created.
    let again = post(&app, &demo, "/api/coupon/code", json!({"id": "3"})).await;
    assert_eq!(again, json!({"code": -1, "msg": "您已领取过此优惠券"}));
    let held = list(&get(&app, &demo, "/api/coupon/codes").await);
    assert_eq!(held.iter().filter(|c| c["coupon_id"] == 3).count(), 1);
    let valid = list(&get(&app, &demo, "/api/coupon/valid").await);
    let three = valid
        .iter()
        .find(|c| c["id"] == 3)
        .cloned()
        .unwrap_or_default();
    assert_eq!(three["claimed"], true);
    assert_eq!(three["claimed_count"], 77);
    assert_eq!(three["code"]["id"], code["id"]);
    // A used one counts too: demo used the welcome gift.
    assert_eq!(
        post(&app, &demo, "/api/coupon/code", json!({"id": 9})).await["msg"],
        "您已领取过此优惠券"
    );
    for (id, msg) in [
        (json!(5), "优惠券已领完"),
        (json!(6), "优惠券活动尚未开始"),
        (json!(7), "优惠券已过期"),
        (json!(8), "优惠券已过期"),
        (json!(999), "优惠券不存在"),
        (json!("abc"), "优惠券不存在"),
        (Value::Null, "优惠券不存在"),
    ] {
        let r = post(&app, &demo, "/api/coupon/code", json!({ "id": id })).await;
        assert_eq!(r, json!({"code": -1, "msg": msg}), "{id}");
    }
    let bad = app
        .post("/api/coupon/code", "{not json", &[("token", demo.as_str())])
        .await
        .json();
    assert_eq!(bad["code"], -1);
}

#[tokio::test]
async fn claim_refusals_speak_english_on_the_english_site() {
    let app = App::new();
    let demo = app.login_en("demo", "demo123456").await;
    for (id, msg) in [
        (1, "You have already claimed this coupon"),
        (5, "This coupon has run out"),
        (6, "This coupon cannot be used yet"),
        (7, "This coupon has expired"),
        (42, "The coupon does not exist"),
    ] {
        let r = post(
            &app,
            &demo,
            "/api/coupon/code?site_id=2",
            json!({ "id": id }),
        )
        .await;
        assert_eq!(r, json!({"code": -1, "msg": msg}), "{id}");
    }
    let ok = post(&app, &demo, "/api/coupon/code?site_id=2", json!({"id": 3})).await;
    assert_eq!(ok["msg"], "Coupon claimed");
    assert_eq!(ok["data"]["coupon"]["name"], "15% off over ¥100");
}

#[tokio::test]
async fn my_codes_filter_by_status_page_and_count() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let all = get(&app, &demo, "/api/coupon/codes").await;
    assert_eq!(all["code"], 0, "{all}");
    assert!(all["msg"].is_null(), "{all}");
    assert_eq!(all["total"], 5);
    let codes = list(&all);
    assert_all(&codes, CODE);
    for c in &codes {
        assert_shape(&c["coupon"], COUPON);
        assert_eq!(c["coupon"]["id"], c["coupon_id"]);
    }
    assert_eq!(
        coupon_ids(&codes),
        vec![4, 2, 1, 7, 9],
        "newest claim first"
    );
    let times: Vec<i64> = codes
        .iter()
        .filter_map(|c| c["created_time"].as_i64())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    let status = |s: &'static str| {
        let (app, demo) = (&app, &demo);
        async move { get(app, demo, &format!("/api/coupon/codes?status={s}")).await }
    };
    let unused = status("0").await;
    assert_eq!(unused["total"], 3);
    assert_eq!(coupon_ids(&list(&unused)), vec![4, 2, 1]);
    assert!(list(&unused).iter().all(|c| c["coupon"]["claimed"] == true));
    let used = status("1").await;
    assert_eq!(used["total"], 1);
    let welcome = &list(&used)[0];
    assert_eq!(welcome["coupon_id"], 9);
    assert_eq!(welcome["status"], 1);
    assert!(welcome["used_time"].as_i64().unwrap_or(0) > 0);
    assert_eq!(welcome["coupon"]["claimed"], false, "nothing unused of it");
    let order_id = welcome["order_id"].as_str().unwrap_or("").to_string();
    let order = get(
        &app,
        &demo,
        &format!("/api/order/detail?order_id={order_id}"),
    )
    .await;
    assert_eq!(order["data"]["coupon_code_id"], welcome["id"].to_string());
    assert_eq!(order["data"]["discount_amount"], 500);
    let expired = status("2").await;
    assert_eq!(expired["total"], 1);
    assert_eq!(coupon_ids(&list(&expired)), vec![7]);
    assert_eq!(list(&expired)[0]["status"], 0, "expired but never used");
    assert_eq!(status("7").await["total"], 5, "an unknown status is all");

    let page = get(&app, &demo, "/api/coupon/codes?pageSize=2&current=3").await;
    assert_eq!(page["total"], 5);
    assert_eq!(coupon_ids(&list(&page)), vec![9]);
    let past = get(&app, &demo, "/api/coupon/codes?pageSize=2&current=4").await;
    assert!(past["data"].is_null(), "{past}");
    assert_eq!(past["total"], 5);

    let fresh = app.fresh_user("codeless").await;
    let none = get(&app, &fresh, "/api/coupon/codes").await;
    assert_eq!(none["code"], 0);
    assert!(none["data"].is_null(), "{none}");
    assert_eq!(none["total"], 0);
    // vip holds the 15 % one unused and used the only code of the limited one.
    let vip = app.login("vip", "vip123456").await;
    let theirs = get(&app, &vip, "/api/coupon/codes").await;
    assert_eq!(coupon_ids(&list(&theirs)), vec![3, 5]);
    assert_eq!(
        get(&app, &vip, "/api/coupon/codes?status=0").await["total"],
        1
    );
}

/// The checkout preview's shape.
const PREVIEW: &str =
    "details:[obj] origin_amount:int group_discount:int discount_amount:int amount:int coupon:obj|null";
const PREVIEW_LINE: &str = "goods_id:int goods_sku_id:int title:str thumb:str quantity:int \
origin_price:int price:int origin_amount:int amount:int";

async fn checkout(app: &App, token: &str, body: Value) -> Value {
    post(app, token, "/api/order/checkout", body).await
}

#[tokio::test]
async fn checkout_prices_a_fixed_coupon_and_saves_nothing() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let (oven, price, title) = product(&app, "cast-iron-dutch-oven").await;
    let stock_before =
        app.json(&format!("/api/archive/detail?id={oven}")).await["data"]["stock"].clone();
    let books_before = get(&app, &demo, "/api/order/addresses").await["data"].clone();
    let v = checkout(
        &app,
        &demo,
        json!({"details": [{"goods_id": oven, "quantity": 1, "price": 1}], "coupon_id": 2,
               "address": {"name": "Nobody"}, "remark": "x"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let d = &v["data"];
    assert_shape(d, PREVIEW);
    assert_all(
        d["details"].as_array().map(Vec::as_slice).unwrap_or(&[]),
        PREVIEW_LINE,
    );
    let line = &d["details"][0];
    assert_eq!(line["title"], title.as_str());
    assert_eq!(
        (line["origin_price"].clone(), line["price"].clone()),
        (json!(price), json!(price))
    );
    assert!(line["thumb"]
        .as_str()
        .is_some_and(|t| t.starts_with("http://127.0.0.1/uploads/")));
    assert_eq!(d["origin_amount"], price);
    assert_eq!(d["group_discount"], 0, "demo's group has no discount");
    assert_eq!(d["discount_amount"], 2000);
    assert_eq!(d["amount"], price - 2000);
    assert_shape(&d["coupon"], CODE);
    assert_eq!(d["coupon"]["coupon_id"], 2);
    assert_eq!(d["coupon"]["status"], 0);
    assert_shape(&d["coupon"]["coupon"], COUPON);
    // A preview reserves nothing and saves no address.
    assert_eq!(
        app.json(&format!("/api/archive/detail?id={oven}")).await["data"]["stock"],
        stock_before
    );
    assert_eq!(
        get(&app, &demo, "/api/order/addresses").await["data"],
        books_before
    );
    // Without a coupon: coupon null, nothing off; the single-item fields work too.
    let plain = checkout(&app, &demo, json!({"goods_id": oven, "quantity": 2})).await;
    assert_eq!(plain["data"]["coupon"], Value::Null);
    assert_eq!(plain["data"]["discount_amount"], 0);
    assert_eq!(plain["data"]["amount"], price * 2);
}

#[tokio::test]
async fn checkout_takes_a_percentage_with_its_cap_by_code_text_or_code_id() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let claimed = post(&app, &demo, "/api/coupon/code", json!({"id": 3})).await;
    let text = claimed["data"]["code"].as_str().unwrap_or("").to_string();
    let code_id = claimed["data"]["id"].as_i64().unwrap_or(0);
    let (oven, oven_price, _) = product(&app, "cast-iron-dutch-oven").await;
    let (board, board_price, _) = product(&app, "bamboo-cutting-board-set").await;
    // 15 % of ¥599 is ¥89.85: capped at ¥30.
    let capped = checkout(
        &app,
        &demo,
        json!({"goods_id": oven, "coupon_code": text.to_lowercase()}),
    )
    .await;
    assert_eq!(capped["data"]["discount_amount"], 3000, "{capped}");
    assert_eq!(capped["data"]["amount"], oven_price - 3000);
    // 15 % of 2 × ¥89 = ¥26.70: under the cap. The code id may be a number or a string.
    for id in [json!(code_id), json!(code_id.to_string())] {
        let under = checkout(
            &app,
            &demo,
            json!({"details": [{"goods_id": board, "quantity": 2}], "coupon_code_id": id}),
        )
        .await;
        assert_eq!(
            under["data"]["discount_amount"],
            board_price * 2 * 15 / 100,
            "{under}"
        );
        assert_eq!(under["data"]["coupon"]["id"], code_id);
    }
}

#[tokio::test]
async fn checkout_refuses_a_coupon_that_does_not_apply_and_says_why() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let (coffee, coffee_price, _) = product(&app, "ceramic-pour-over-coffee-set").await;
    let (oven, _, _) = product(&app, "cast-iron-dutch-oven").await;
    let (_, _, sweater_title) = product(&app, "merino-wool-sweater").await;
    let short = checkout(&app, &demo, json!({"goods_id": coffee, "coupon_id": 2})).await;
    assert_eq!(
        short,
        json!({"code": -1, "msg": format!("还差 ¥{}.00 才能使用此优惠券", (19_900 - coffee_price) / 100)})
    );
    let en = app.login_en("demo", "demo123456").await;
    let short_en = post(
        &app,
        &en,
        "/api/order/checkout?site_id=2",
        json!({"goods_id": coffee, "coupon_id": 2}),
    )
    .await;
    assert_eq!(short_en["msg"], "Add ¥30.00 more to use this coupon");

    // The product-only coupon without its product.
    let missing = checkout(&app, &demo, json!({"goods_id": oven, "coupon_id": 4})).await;
    assert_eq!(missing["code"], -1);
    assert!(
        missing["msg"]
            .as_str()
            .is_some_and(|m| m.contains(&sweater_title)),
        "{missing}"
    );
    // Used (the welcome gift), expired (7), never claimed (3), unknown, someone else's.
    let used = list(&get(&app, &demo, "/api/coupon/codes?status=1").await);
    let used_text = used[0]["code"].as_str().unwrap_or("").to_string();
    let vip = app.login("vip", "vip123456").await;
    let vips = list(&get(&app, &vip, "/api/coupon/codes?status=0").await);
    let vip_code = vips[0]["id"].clone();
    for (coupon, msg) in [
        (json!({"coupon_code": used_text}), "优惠券已使用"),
        (json!({"coupon_id": 9}), "优惠券已使用"),
        (json!({"coupon_id": 7}), "优惠券已过期"),
        (json!({"coupon_id": 3}), "您还没有领取此优惠券"),
        (json!({"coupon_id": 999}), "优惠券不存在"),
        (json!({"coupon_code": "AQ00-NOPE0"}), "优惠券不存在"),
        (json!({"coupon_code_id": "abc"}), "优惠券不存在"),
        (json!({"coupon_code_id": vip_code}), "优惠券不存在"),
    ] {
        let mut body = coupon.clone();
        body["goods_id"] = json!(oven);
        let r = checkout(&app, &demo, body).await;
        assert_eq!(r, json!({"code": -1, "msg": msg}), "{coupon}");
    }
}

#[tokio::test]
async fn a_product_coupon_counts_only_its_products_lines() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let info = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await;
    let sweater = info["data"]["id"].as_i64().unwrap_or(0);
    let sku = info["data"]["skus"]
        .as_array()
        .and_then(|s| {
            s.iter()
                .find(|x| x["stock"].as_i64().unwrap_or(0) > 0)
                .cloned()
        })
        .expect("an in-stock sku");
    let (oven, oven_price, _) = product(&app, "cast-iron-dutch-oven").await;
    let v = checkout(
        &app,
        &demo,
        json!({"details": [
            {"goods_id": oven, "quantity": 1},
            {"goods_id": sweater, "goods_sku_id": sku["id"], "quantity": 1}
        ], "coupon_id": 4}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let d = &v["data"];
    assert_eq!(d["details"][1]["goods_sku_id"], sku["id"]);
    assert_eq!(d["details"][1]["price"], sku["price"]);
    assert_eq!(d["discount_amount"], 5000);
    let sku_price = sku["price"].as_i64().unwrap_or(0);
    assert_eq!(d["amount"], oven_price + sku_price - 5000);
}

#[tokio::test]
async fn vip_pays_member_prices_and_the_coupon_works_on_them() {
    let app = App::new();
    let vip = app.login("vip", "vip123456").await;
    let (oven, price, _) = product(&app, "cast-iron-dutch-oven").await;
    let member = price * 90 / 100;
    let v = checkout(
        &app,
        &vip,
        json!({"details": [{"goods_id": oven, "quantity": 2}]}),
    )
    .await;
    let d = &v["data"];
    assert_eq!(d["details"][0]["origin_price"], price);
    assert_eq!(d["details"][0]["price"], member);
    assert_eq!(d["details"][0]["origin_amount"], price * 2);
    assert_eq!(d["details"][0]["amount"], member * 2);
    assert_eq!(d["origin_amount"], price * 2);
    assert_eq!(d["group_discount"], price * 2 - member * 2);
    assert_eq!(d["amount"], member * 2);
    // 15 % of the member total, capped at ¥30.
    let with = checkout(
        &app,
        &vip,
        json!({"goods_id": oven, "quantity": 1, "coupon_id": 3}),
    )
    .await;
    assert_eq!(with["data"]["discount_amount"], 3000);
    assert_eq!(with["data"]["amount"], member - 3000);
    // create stores the same numbers.
    let placed = post(
        &app,
        &vip,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_id": 3}),
    )
    .await;
    assert_eq!(placed["code"], 0, "{placed}");
    assert_eq!(placed["data"]["origin_amount"], price);
    assert_eq!(placed["data"]["amount"], member - 3000);
    assert_eq!(placed["data"]["discount_amount"], 3000);
    let order_id = placed["data"]["order_id"].as_str().unwrap_or("");
    let detail = get(
        &app,
        &vip,
        &format!("/api/order/detail?order_id={order_id}"),
    )
    .await;
    assert_eq!(detail["data"]["details"][0]["price"], member);
    assert_eq!(detail["data"]["details"][0]["origin_price"], price);
}

#[tokio::test]
async fn checkout_refuses_a_stock_shortfall_like_create() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let info = app
        .json("/api/archive/sku?filename=merino-wool-sweater")
        .await;
    let sweater = info["data"]["id"].as_i64().unwrap_or(0);
    let sku = info["data"]["skus"][0].clone();
    let too_many = sku["stock"].as_i64().unwrap_or(0) + 1;
    let body = json!({"details": [{"goods_id": sweater, "goods_sku_id": sku["id"], "quantity": too_many}]});
    let preview = checkout(&app, &demo, body.clone()).await;
    let created = post(&app, &demo, "/api/order/create", body).await;
    assert_eq!(preview["code"], -1);
    assert!(
        preview["msg"]
            .as_str()
            .is_some_and(|m| m.contains("out of stock")),
        "{preview}"
    );
    assert_eq!(preview, created, "the same refusal as create");
    let unknown = checkout(&app, &demo, json!({"goods_id": 999_999})).await;
    assert_eq!(unknown["code"], -1);
}

#[tokio::test]
async fn create_uses_the_code_once_and_a_cancel_gives_it_back() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let (oven, price, _) = product(&app, "cast-iron-dutch-oven").await;
    let unused = list(&get(&app, &demo, "/api/coupon/codes?status=0").await);
    let code = unused
        .iter()
        .find(|c| c["coupon_id"] == 2)
        .cloned()
        .expect("demo holds coupon 2");
    let code_id = code["id"].as_i64().unwrap_or(0);
    let placed = post(
        &app,
        &demo,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_code_id": code_id}),
    )
    .await;
    assert_eq!(placed["code"], 0, "{placed}");
    let order = &placed["data"];
    assert_eq!(order["discount_amount"], 2000);
    assert_eq!(order["origin_amount"], price);
    assert_eq!(order["amount"], price - 2000);
    assert_eq!(order["coupon_code_id"], code_id.to_string());
    let order_id = order["order_id"].as_str().unwrap_or("").to_string();
    let detail = get(
        &app,
        &demo,
        &format!("/api/order/detail?order_id={order_id}"),
    )
    .await;
    assert_eq!(detail["data"]["discount_amount"], 2000);
    assert_eq!(detail["data"]["coupon_code_id"], code_id.to_string());

    // The code is used by that order, and gone from the valid list.
    let used = list(&get(&app, &demo, "/api/coupon/codes?status=1").await);
    let mine = used
        .iter()
        .find(|c| c["id"] == code_id)
        .cloned()
        .expect("used now");
    assert_eq!(mine["order_id"], order_id.as_str());
    assert!(mine["used_time"].as_i64().unwrap_or(0) > 0);
    assert!(!ids(&list(&get(&app, &demo, "/api/coupon/valid").await)).contains(&2));
    // A second order with the same code is refused, and leaves nothing behind.
    let before = get(&app, &demo, "/api/orders").await["total"].clone();
    let second = post(
        &app,
        &demo,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_code_id": code_id}),
    )
    .await;
    assert_eq!(second, json!({"code": -1, "msg": "优惠券已使用"}));
    assert_eq!(get(&app, &demo, "/api/orders").await["total"], before);
    let preview = checkout(
        &app,
        &demo,
        json!({"goods_id": oven, "coupon_code_id": code_id}),
    )
    .await;
    assert_eq!(preview["msg"], "优惠券已使用");

    // Cancelling the unpaid order gives the code back.
    let cancelled = post(
        &app,
        &demo,
        "/api/order/cancel",
        json!({ "order_id": order_id }),
    )
    .await;
    assert_eq!(cancelled["code"], 0, "{cancelled}");
    let back = list(&get(&app, &demo, "/api/coupon/codes?status=0").await);
    let again = back
        .iter()
        .find(|c| c["id"] == code_id)
        .cloned()
        .expect("unused again");
    assert_eq!(
        (again["order_id"].clone(), again["used_time"].clone()),
        (json!(""), json!(0))
    );
    assert!(ids(&list(&get(&app, &demo, "/api/coupon/valid").await)).contains(&2));

    // So does the merchant closing an unpaid order.
    let reused = post(
        &app,
        &demo,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_id": 2}),
    )
    .await;
    assert_eq!(reused["data"]["discount_amount"], 2000, "{reused}");
    let reused_id = reused["data"]["order_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    app.post_json(
        "/__test/order",
        json!({"order_id": reused_id, "action": "close"}),
    )
    .await;
    assert_eq!(
        get(&app, &demo, "/api/coupon/codes?status=0").await["total"],
        3
    );
}

#[tokio::test]
async fn a_refused_coupon_on_create_leaves_no_order_and_no_reserved_stock() {
    let app = App::new();
    let demo = app.login("demo", "demo123456").await;
    let (coffee, _, _) = product(&app, "ceramic-pour-over-coffee-set").await;
    let stock =
        app.json(&format!("/api/archive/detail?id={coffee}")).await["data"]["stock"].clone();
    let before = get(&app, &demo, "/api/orders").await["total"].clone();
    let r = post(
        &app,
        &demo,
        "/api/order/create",
        json!({"goods_id": coffee, "coupon_id": 2,
        "address": {"name": "Should not be saved"}}),
    )
    .await;
    assert_eq!(r["msg"], "还差 ¥30.00 才能使用此优惠券");
    assert_eq!(get(&app, &demo, "/api/orders").await["total"], before);
    assert_eq!(
        app.json(&format!("/api/archive/detail?id={coffee}")).await["data"]["stock"],
        stock
    );
    let book = list(&get(&app, &demo, "/api/order/addresses").await);
    assert!(book.iter().all(|a| a["name"] != "Should not be saved"));
}

#[tokio::test]
async fn the_open_source_edition_ignores_coupons_and_member_prices() {
    let app = App::open_source();
    for uri in ["/api/coupon/valid", "/api/coupon/codes"] {
        app.get(uri).await.assert_html_404();
    }
    let vip = app.login("vip", "vip123456").await;
    for uri in ["/api/coupon/code", "/api/order/checkout"] {
        app.post(uri, r#"{"id":3,"goods_id":2}"#, &[("token", vip.as_str())])
            .await
            .assert_html_404();
    }
    let (oven, price, _) = product(&app, "cast-iron-dutch-oven").await;
    let placed = post(
        &app,
        &vip,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_id": 3, "coupon_code_id": 1, "coupon_code": "AQ15-XXXXX",
               "discount_amount": 9999}),
    )
    .await;
    assert_eq!(placed["code"], 0, "{placed}");
    assert_eq!(
        placed["data"]["amount"], price,
        "no coupon and no member price here"
    );
    assert_eq!(placed["data"]["discount_amount"], 0);
    assert_eq!(placed["data"]["coupon_code_id"], "");
    // Not even a refusal for a code that does not exist.
    let bogus = post(
        &app,
        &vip,
        "/api/order/create",
        json!({"goods_id": oven, "coupon_code_id": "abc"}),
    )
    .await;
    assert_eq!(bogus["code"], 0, "{bogus}");
}
