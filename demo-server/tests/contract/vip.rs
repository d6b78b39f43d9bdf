//! User groups and buying one (§5.8, §6.9, contract7 "VIP groups"): the list by level with
//! `favorable_price`, the detail, and an order of type `vip` that, once paid, moves the
//! buyer into the group until `now + expire_day` days, on both editions.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

async fn control(app: &App, path: &str, body: Value) -> Value {
    let r = app.post_json(path, body).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
    r.json()
}

async fn post_auth(app: &App, path: &str, token: &str, body: Value) -> Value {
    app.post(path, &body.to_string(), &[("token", token)])
        .await
        .json()
}

/// The `data` list of a signed-in GET (`null` → empty).
async fn items(app: &App, uri: &str, token: &str) -> Vec<Value> {
    let v = app.json_with(uri, &[("token", token)]).await;
    assert_eq!(v["code"], 0, "{uri}: {v}");
    v["data"].as_array().cloned().unwrap_or_default()
}

async fn me(app: &App, token: &str) -> Value {
    let v = app.json_with("/api/user/detail", &[("token", token)]).await;
    assert_eq!(v["code"], 0, "{v}");
    v["data"].clone()
}

/// Pays an order by WeChat: the QR's scan URL, as a phone would open it.
async fn pay_by_scan(app: &App, token: &str, order_id: &str) {
    let pay = post_auth(
        app,
        "/api/order/payment",
        token,
        json!({"order_id": order_id, "pay_way": "wechat"}),
    )
    .await;
    assert_eq!(pay["code"], 0, "{pay}");
    let payment = control(app, "/__test/payment", json!({ "order_id": order_id })).await;
    let scan = app.get(payment["scan_url"].as_str().unwrap_or("")).await;
    assert_eq!(scan.status, StatusCode::OK, "{}", scan.text());
}

#[tokio::test]
async fn groups_need_a_login_and_come_by_level_with_html_benefits() {
    for app in [App::new(), App::open_source()] {
        assert_eq!(app.json("/api/user/groups").await["code"], 1001);
        assert_eq!(app.json("/api/user/group/detail?id=2").await["code"], 1001);
        let token = app.login("demo", "demo123456").await;
        let v = app
            .json_with("/api/user/groups", &[("token", token.as_str())])
            .await;
        assert_shape(&v, OK_ENVELOPE);
        let groups = v["data"].as_array().expect("groups").clone();
        assert_all(&groups, USER_GROUP);
        let levels: Vec<i64> = groups.iter().filter_map(|g| g["level"].as_i64()).collect();
        assert_eq!(levels, vec![1, 2, 3]);
        let prices: Vec<i64> = groups.iter().filter_map(|g| g["price"].as_i64()).collect();
        assert_eq!(
            prices,
            vec![0, 9_900, 29_900],
            "cents; only the default is free"
        );
        for g in &groups {
            let desc = g["description"].as_str().unwrap_or("");
            assert!(desc.starts_with("<ul><li>"), "benefits are HTML: {desc}");
            let setting = &g["setting"];
            for key in ["share_reward", "parent_reward", "discount", "expire_day"] {
                assert!(setting[key].is_i64(), "{key}: {setting}");
            }
            // demo's group has no discount: no favourable price.
            assert_eq!(g["favorable_price"], 0, "{g}");
        }
        assert_eq!(groups[1]["setting"]["expire_day"], 365);
        assert_eq!(groups[1]["setting"]["share_reward"], 10);
        assert_eq!(groups[1]["setting"]["parent_reward"], 5);
        assert_eq!(groups[0]["setting"]["expire_day"], 0);

        let detail = app
            .json_with("/api/user/group/detail?id=3", &[("token", token.as_str())])
            .await;
        assert_eq!(detail["code"], 0, "{detail}");
        assert_shape(&detail["data"], USER_GROUP);
        assert_eq!(detail["data"]["id"], 3);
        assert_eq!(detail["data"]["price"], 29_900);
        let unknown = app
            .json_with("/api/user/group/detail?id=77", &[("token", token.as_str())])
            .await;
        assert_eq!(unknown["code"], -1, "{unknown}");
        assert_eq!(unknown["msg"], "user group does not exist");
    }
}

#[tokio::test]
async fn favorable_price_is_the_price_at_the_users_own_discount() {
    let app = App::new();
    let token = app.login("vip", "vip123456").await;
    let groups = items(&app, "/api/user/groups", &token).await;
    // vip's group takes 90 %.
    let favourable: Vec<i64> = groups
        .iter()
        .filter_map(|g| g["favorable_price"].as_i64())
        .collect();
    assert_eq!(favourable, vec![0, 8_910, 26_910]);
    // vip's own group runs for a while yet.
    let mine = me(&app, &token).await;
    assert_eq!(mine["group_id"], 3);
    assert!(
        mine["expire_time"].as_i64().unwrap_or(0) > now() + 100 * DAY,
        "{mine}"
    );
}

#[tokio::test]
async fn the_hostile_state_adds_a_group_with_a_hostile_description() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    control(&app, "/__test/hostile", json!({"on": true})).await;
    let groups = items(&app, "/api/user/groups", &token).await;
    let hostile = groups
        .iter()
        .find(|g| g["id"] == 901)
        .expect("hostile group");
    assert_shape(hostile, USER_GROUP);
    assert!(hostile["description"]
        .as_str()
        .unwrap_or("")
        .contains("top.__xss=1"));
    assert!(hostile["title"].as_str().unwrap_or("").contains("onerror"));
    assert_eq!(groups.last().map(|g| g["id"].clone()), Some(json!(901)));
    control(&app, "/__test/hostile", json!({"on": false})).await;
    let groups = items(&app, "/api/user/groups", &token).await;
    assert_eq!(groups.len(), 3);
}

/// Buys group 3 as a fresh user and checks the order, the payment and the account.
async fn buy_vip_then_check(app: &App, name: &str, top_level: bool) {
    let token = app.fresh_user(name).await;
    let before = me(app, &token).await;
    assert_eq!(before["group_id"], 1);
    assert_eq!(before["expire_time"], 0);
    let body = if top_level {
        json!({"type": "vip", "goods_id": 3})
    } else {
        json!({"type": "vip", "details": [{"goods_id": 3, "quantity": 1}]})
    };
    let created = post_auth(app, "/api/order/create", &token, body).await;
    assert_eq!(created["code"], 0, "{created}");
    let order = &created["data"];
    assert_eq!(order["type"], "vip");
    assert_eq!(
        order["amount"], 29_900,
        "a member without discount pays the price"
    );
    assert_eq!(order["origin_amount"], 29_900);
    assert_eq!(order["status"], 0);
    let order_id = order["order_id"].as_str().expect("order_id").to_string();

    let detail = app
        .json_with(
            &format!("/api/order/detail?order_id={order_id}"),
            &[("token", token.as_str())],
        )
        .await;
    let lines = detail["data"]["details"].as_array().expect("lines").clone();
    assert_eq!(lines.len(), 1, "{detail}");
    assert_eq!(lines[0]["goods_id"], 3);
    assert_eq!(lines[0]["quantity"], 1);
    assert!(lines[0]["goods"].is_null());
    assert_shape(&lines[0]["group"], USER_GROUP);
    assert_eq!(lines[0]["group"]["id"], 3);

    // Unpaid: nothing changes yet.
    assert_eq!(me(app, &token).await["group_id"], 1);
    let t0 = now();
    pay_by_scan(app, &token, &order_id).await;
    let paid = app
        .json_with(
            &format!("/api/order/detail?order_id={order_id}"),
            &[("token", token.as_str())],
        )
        .await;
    assert_eq!(paid["data"]["status"], 3, "a paid vip order is complete");
    assert!(paid["data"]["finished_time"].as_i64().unwrap_or(0) >= t0);
    let after = me(app, &token).await;
    assert_eq!(after["group_id"], 3, "{after}");
    let expire = after["expire_time"].as_i64().unwrap_or(0);
    assert!(
        (t0 + 365 * DAY..=now() + 365 * DAY).contains(&expire),
        "{expire}"
    );

    // Buying the same group again while it runs adds the year to the current expiry.
    let again = post_auth(
        app,
        "/api/order/create",
        &token,
        json!({"type": "vip", "goods_id": 3}),
    )
    .await;
    // Now a VIP, the shopper pays the VIP price.
    assert_eq!(again["data"]["amount"], 26_910, "{again}");
    let again_id = again["data"]["order_id"].as_str().unwrap_or("").to_string();
    let control_pay = control(
        app,
        "/__test/order",
        json!({"order_id": again_id, "action": "pay"}),
    )
    .await;
    assert_eq!(control_pay["status"], 3);
    let renewed = me(app, &token).await;
    assert_eq!(renewed["expire_time"], json!(expire + 365 * DAY));
}

#[tokio::test]
async fn buying_a_group_moves_the_user_into_it_until_the_expiry() {
    buy_vip_then_check(&App::new(), "vipbuyer", false).await;
}

#[tokio::test]
async fn buying_a_group_works_on_the_open_source_edition_with_a_top_level_goods_id() {
    buy_vip_then_check(&App::open_source(), "ossvip", true).await;
}

#[tokio::test]
async fn a_group_bought_by_balance_is_granted_at_once_and_a_switch_starts_afresh() {
    let app = App::new();
    // vip (group 3, until some months ahead, ¥2,000 balance) buys Silver at 90 %.
    let token = app.login("vip", "vip123456").await;
    let created = post_auth(
        &app,
        "/api/order/create",
        &token,
        json!({"type": "vip", "details": [{"goods_id": 2}]}),
    )
    .await;
    assert_eq!(created["data"]["amount"], 8_910, "{created}");
    let order_id = created["data"]["order_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let balance_before = me(&app, &token).await["balance"].as_i64().unwrap_or(0);
    let t0 = now();
    let pay = post_auth(
        &app,
        "/api/order/payment",
        &token,
        json!({"order_id": order_id, "pay_way": "balance"}),
    )
    .await;
    assert_eq!(pay["code"], 0, "{pay}");
    let after = me(&app, &token).await;
    assert_eq!(after["group_id"], 2);
    assert_eq!(after["balance"], json!(balance_before - 8_910));
    // Another group: the expiry counts from now, not from the old group's.
    let expire = after["expire_time"].as_i64().unwrap_or(0);
    assert!((t0 + 365 * DAY..=now() + 365 * DAY).contains(&expire));
}

#[tokio::test]
async fn a_free_or_unknown_group_cannot_be_bought_and_guests_must_sign_in() {
    for app in [App::new(), App::open_source()] {
        let token = app.login("demo", "demo123456").await;
        let free = post_auth(
            &app,
            "/api/order/create",
            &token,
            json!({"type": "vip", "goods_id": 1}),
        )
        .await;
        assert_eq!(
            free,
            json!({"code": -1, "msg": "this user group cannot be bought"})
        );
        let unknown = post_auth(
            &app,
            "/api/order/create",
            &token,
            json!({"type": "vip", "goods_id": 55}),
        )
        .await;
        assert_eq!(
            unknown,
            json!({"code": -1, "msg": "user group does not exist"})
        );
        let guest = app
            .post_json("/api/order/create", json!({"type": "vip", "goods_id": 3}))
            .await
            .json();
        assert_eq!(guest["code"], 1001);
    }
}
