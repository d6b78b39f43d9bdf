//! Distribution (§6.14, contract7 "Retailer / distribution"): invites, the sharer's and
//! parent's cut fixed at order create, commissions paid once when the order completes,
//! withdrawals (success answered with code -1) and their test control, and the seeded
//! retailer whose statistics agree with its lists. Both editions.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

const COMMISSION: &str = "id:int created_time:int updated_time:int user_id:int order_id:str \
order_amount:int amount:int status:int withdraw_id:int remark:str order:obj|null user_name:str can_withdraw:bool";
const WITHDRAW: &str =
    "id:int created_time:int updated_time:int user_id:int amount:int success_time:int \
withdraw_way:int status:int error_times:int last_time:int remark:str user_name:str";
const STATISTICS: &str =
    "can_withdraw_amount:int paid_withdraw_amount:int unfinished_withdraw_amount:int member_count:int";

const RETAILER_ID: i64 = 3;
const SUBMITTED: &str = "withdrawal application submitted";

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

async fn get_auth(app: &App, uri: &str, token: &str) -> Value {
    app.json_with(uri, &[("token", token)]).await
}

/// Every row of a paged retailer list (pages of 100), checking `total` on the way.
async fn all(app: &App, path: &str, token: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 1..=50 {
        let v = get_auth(app, &format!("{path}?current={page}&pageSize=100"), token).await;
        assert_shape(&v, LIST_ENVELOPE);
        let total = v["total"].as_u64().unwrap_or(0) as usize;
        match v["data"].as_array() {
            Some(rows) if !rows.is_empty() => out.extend(rows.iter().cloned()),
            _ => {
                assert_eq!(out.len(), total, "{path}");
                return out;
            }
        }
        if out.len() >= total {
            assert_eq!(out.len(), total, "{path}");
            return out;
        }
    }
    out
}

async fn me(app: &App, token: &str) -> Value {
    get_auth(app, "/api/user/detail", token).await["data"].clone()
}

async fn stats(app: &App, token: &str) -> Value {
    let v = get_auth(app, "/api/retailer/statistics", token).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_shape(&v["data"], STATISTICS);
    v["data"].clone()
}

/// Registers `name` invited by `inviter` and returns (token, user).
async fn register(
    app: &App,
    name: &str,
    invite_id: Value,
    cookie: Option<&str>,
) -> (String, Value) {
    let body = json!({"user_name": name, "password": "fresh-secret",
        "email": format!("{name}@example.com"), "invite_id": invite_id});
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
    let v = app
        .post("/api/register", &body.to_string(), &headers)
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    (
        v["data"]["token"].as_str().unwrap_or("").to_string(),
        v["data"].clone(),
    )
}

async fn product(app: &App, slug: &str) -> (i64, i64) {
    let v = app
        .json(&format!("/api/archive/detail?filename={slug}"))
        .await;
    (
        v["data"]["id"].as_i64().expect("id"),
        v["data"]["price"].as_i64().expect("price"),
    )
}

/// Orders one piece of `slug`, pays and ships it by the test control; returns the order.
async fn order_paid_and_shipped(app: &App, token: &str, slug: &str) -> Value {
    let (id, _) = product(app, slug).await;
    let created = post_auth(
        app,
        "/api/order/create",
        token,
        json!({"details": [{"goods_id": id, "quantity": 1}]}),
    )
    .await;
    assert_eq!(created["code"], 0, "{created}");
    let order_id = created["data"]["order_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    for action in ["pay", "ship"] {
        control(
            app,
            "/__test/order",
            json!({"order_id": order_id, "action": action}),
        )
        .await;
    }
    created["data"].clone()
}

fn sum(rows: &[Value], key: &str, keep: impl Fn(&Value) -> bool) -> i64 {
    rows.iter()
        .filter(|r| keep(r))
        .filter_map(|r| r[key].as_i64())
        .sum()
}

#[tokio::test]
async fn retailer_routes_need_a_login_but_info_does_not() {
    let app = App::new();
    for path in [
        "/api/retailer/statistics",
        "/api/retailer/orders",
        "/api/retailer/members",
        "/api/retailer/commissions",
        "/api/retailer/withdraw",
    ] {
        assert_eq!(app.json(path).await["code"], 1001, "{path}");
    }
    for path in ["/api/retailer/withdraw", "/api/retailer/update"] {
        assert_eq!(app.post(path, "{}", &[]).await.json()["code"], 1001);
    }
    // Anyone may read a retailer (phone and email included, as the real server leaks).
    let info = app
        .json(&format!("/api/retailer/info?retailer_id={RETAILER_ID}"))
        .await;
    assert_eq!(info["code"], 0, "{info}");
    assert_shape(&info["data"], USER);
    assert_eq!(info["data"]["user_name"], "retailer");
    assert_eq!(info["data"]["is_retailer"], 1);
    assert_eq!(info["data"]["email"], "retailer@example.com");
    assert_shape(&info["data"]["group"], USER_GROUP);
    assert_eq!(info["data"]["group"]["setting"]["share_reward"], 10);
    for uri in ["/api/retailer/info", "/api/retailer/info?retailer_id=9999"] {
        assert_eq!(
            app.json(uri).await,
            json!({"code": -1, "msg": "query failed"}),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_seeded_retailer_has_a_two_level_team_a_year_of_commissions_and_every_withdrawal_state()
{
    for app in [App::new(), App::open_source()] {
        let token = app.login("retailer", "retailer123456").await;
        let user = me(&app, &token).await;
        assert_eq!(user["id"], RETAILER_ID);
        assert_eq!(user["is_retailer"], 1);
        assert!(user["balance"].as_i64().unwrap_or(0) > 0);
        assert_ne!(user["real_name"], "");
        // The own info without an id.
        let info = get_auth(&app, "/api/retailer/info", &token).await;
        assert_eq!(info["data"]["id"], RETAILER_ID);

        let members = all(&app, "/api/retailer/members", &token).await;
        assert!(members.len() >= 30, "{}", members.len());
        assert_all(&members, USER);
        let first: Vec<i64> = members
            .iter()
            .filter(|m| m["parent_id"] == RETAILER_ID)
            .filter_map(|m| m["id"].as_i64())
            .collect();
        let second: Vec<&Value> = members
            .iter()
            .filter(|m| m["parent_id"] != RETAILER_ID)
            .collect();
        assert_eq!((first.len(), second.len()), (20, 12));
        for m in &second {
            let parent = m["parent_id"].as_i64().unwrap_or(0);
            assert!(first.contains(&parent), "{m}");
            let parent_row = members.iter().find(|p| p["id"] == parent).expect("parent");
            assert_eq!(
                parent_row["is_retailer"], 1,
                "a second level hangs off a retailer"
            );
        }
        // Raw rows, and one hostile name the shop must print as text.
        assert!(members
            .iter()
            .all(|m| m["link"] == "" && m["full_avatar_url"] == ""));
        assert!(members
            .iter()
            .any(|m| m["user_name"] == "<img src=x onerror=\"top.__xss=1\">"));

        let commissions = all(&app, "/api/retailer/commissions", &token).await;
        assert_all(&commissions, COMMISSION);
        let withdrawable = sum(&commissions, "amount", |c| c["status"] == 0);
        let withdrawn = sum(&commissions, "amount", |c| c["status"] == 1);
        assert!(withdrawable >= 200 && withdrawn > 0);
        assert_eq!(
            user["total_reward"],
            json!(sum(&commissions, "amount", |_| true))
        );
        // A year of them: in the last week, and nearly a year ago.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let ages: Vec<i64> = commissions
            .iter()
            .filter_map(|c| c["created_time"].as_i64())
            .map(|t| now - t)
            .collect();
        assert!(ages.iter().any(|a| *a < 7 * 86_400));
        assert!(ages.iter().any(|a| *a > 300 * 86_400));
        assert!(ages.iter().all(|a| *a >= 0 && *a < 366 * 86_400));

        let withdraws = all(&app, "/api/retailer/withdraw", &token).await;
        assert_all(&withdraws, WITHDRAW);
        for state in [0, 1, 2, -1] {
            assert!(
                withdraws.iter().any(|w| w["status"] == state),
                "state {state}"
            );
        }
        for w in &withdraws {
            assert_eq!(
                w["success_time"].as_i64().unwrap_or(0) > 0,
                w["status"] == 2
            );
        }
        assert!(withdraws
            .iter()
            .filter(|w| w["status"] == -1)
            .all(|w| w["remark"] != ""));
        // Each withdrawal (except failed ones) holds exactly its commissions.
        for w in withdraws.iter().filter(|w| w["status"] != -1) {
            let held = sum(&commissions, "amount", |c| c["withdraw_id"] == w["id"]);
            assert_eq!(json!(held), w["amount"], "{w}");
        }

        let orders = all(&app, "/api/retailer/orders", &token).await;
        assert!(orders.len() >= 100);
        for o in &orders {
            assert!(
                o["share_user_id"] == RETAILER_ID || o["share_parent_user_id"] == RETAILER_ID,
                "{o}"
            );
            assert!(o["user"]["parent_id"].as_i64().unwrap_or(0) > 0);
        }
        let my_cut = |o: &Value| -> i64 {
            let mut n = 0;
            if o["share_user_id"] == RETAILER_ID {
                n += o["share_amount"].as_i64().unwrap_or(0);
            }
            if o["share_parent_user_id"] == RETAILER_ID {
                n += o["share_parent_amount"].as_i64().unwrap_or(0);
            }
            n
        };
        let unfinished: i64 = orders
            .iter()
            .filter(|o| (o["status"] == 1 || o["status"] == 2) && o["refund_status"] == 0)
            .map(my_cut)
            .sum();
        assert!(unfinished > 0, "some orders are still on their way");
        // Only completed orders paid commissions.
        let completed: i64 = orders.iter().filter(|o| o["status"] == 3).map(my_cut).sum();
        assert_eq!(completed, sum(&commissions, "amount", |_| true));

        let s = stats(&app, &token).await;
        assert_eq!(s["can_withdraw_amount"], json!(withdrawable));
        assert_eq!(
            s["paid_withdraw_amount"],
            json!(sum(&withdraws, "amount", |w| w["status"] == 2))
        );
        assert_eq!(s["unfinished_withdraw_amount"], json!(unfinished));
        assert_eq!(s["member_count"], json!(members.len()));

        // demo and vip are no retailers, and have no team.
        for (name, password) in [("demo", "demo123456"), ("vip", "vip123456")] {
            let t = app.login(name, password).await;
            assert_eq!(me(&app, &t).await["is_retailer"], 0);
            let s = stats(&app, &t).await;
            assert_eq!(s["member_count"], 0);
            assert!(get_auth(&app, "/api/retailer/members", &t).await["data"].is_null());
        }
    }
}

#[tokio::test]
async fn an_invite_id_sets_the_parent_and_an_invite_cookie_overrides_it() {
    let app = App::new();
    let (_, numeric) = register(&app, "invited1", json!(RETAILER_ID), None).await;
    assert_eq!(numeric["parent_id"], RETAILER_ID);
    let (_, text) = register(&app, "invited2", json!("3"), None).await;
    assert_eq!(text["parent_id"], RETAILER_ID);
    let (_, unknown) = register(&app, "invited3", json!(99_999), None).await;
    assert_eq!(unknown["parent_id"], 0);
    let (_, none) = register(&app, "invited4", Value::Null, None).await;
    assert_eq!(none["parent_id"], 0);
    // §6.9: the cookie wins, read with atoi: an invite *code* gives 0 …
    let code = app
        .json(&format!("/api/retailer/info?retailer_id={RETAILER_ID}"))
        .await["data"]["invite_code"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let cookie = format!("invite={code}");
    let (_, by_code) = register(&app, "invited5", json!(RETAILER_ID), Some(&cookie)).await;
    assert_eq!(by_code["parent_id"], 0);
    // … and a numeric cookie is the inviter even when the body names another one.
    let (_, by_cookie) = register(&app, "invited6", json!(1), Some("invite=3")).await;
    assert_eq!(by_cookie["parent_id"], RETAILER_ID);
    // The team grew.
    let token = app.login("retailer", "retailer123456").await;
    assert_eq!(stats(&app, &token).await["member_count"], 32 + 3);
}

/// retailer (3) → sub (a retailer the control makes) → buyer; the buyer's completed order
/// pays sub its share_reward and retailer its parent_reward, once.
async fn two_commissions_on_completion(app: &App, oss: bool) {
    let (sub_token, sub) = register(app, "subseller", json!(RETAILER_ID), None).await;
    let sub_id = sub["id"].as_i64().expect("id");
    let flagged = control(
        app,
        "/__test/retailer",
        json!({"user_name": "subseller", "is_retailer": 1}),
    )
    .await;
    assert_eq!(flagged["is_retailer"], 1);
    let (buyer_token, buyer) = register(app, "teambuyer", json!(sub_id), None).await;
    assert_eq!(buyer["parent_id"], json!(sub_id));
    let retailer_token = app.login("retailer", "retailer123456").await;
    let before = stats(app, &retailer_token).await;
    let reward_before = me(app, &retailer_token).await["total_reward"]
        .as_i64()
        .unwrap_or(0);

    let (_, price) = product(app, "gan-65w-charger").await;
    let order = order_paid_and_shipped(app, &buyer_token, "gan-65w-charger").await;
    // The buyer's inviter is sub (group 1, no discount), so both editions charge the price.
    assert_eq!(order["amount"], json!(price));
    // Member 5 % (sub's share_reward), Silver 5 % (retailer's parent_reward), truncated.
    let share = price * 5 / 100;
    let parent_share = price * 5 / 100;
    assert_eq!(order["share_user_id"], json!(sub_id));
    assert_eq!(order["share_amount"], json!(share));
    assert_eq!(order["share_parent_user_id"], RETAILER_ID);
    assert_eq!(order["share_parent_amount"], json!(parent_share));
    let order_id = order["order_id"].as_str().unwrap_or("").to_string();

    // Shipped, not complete: nothing paid yet, but it counts as unfinished.
    assert!(get_auth(app, "/api/retailer/commissions", &sub_token).await["data"].is_null());
    let mid = stats(app, &retailer_token).await;
    assert_eq!(
        mid["unfinished_withdraw_amount"],
        json!(before["unfinished_withdraw_amount"].as_i64().unwrap_or(0) + parent_share)
    );
    let seen = get_auth(app, "/api/retailer/orders?pageSize=1", &retailer_token).await;
    assert_eq!(seen["data"][0]["order_id"], json!(order_id));
    assert_eq!(seen["data"][0]["user"]["user_name"], "teambuyer");

    let finish = post_auth(
        app,
        "/api/order/finish",
        &buyer_token,
        json!({"order_id": order_id}),
    )
    .await;
    assert_eq!(finish["code"], 0, "{finish}");
    if oss {
        // The open-source server checks no state: finishing again must not pay twice.
        let again = post_auth(
            app,
            "/api/order/finish",
            &buyer_token,
            json!({"order_id": order_id}),
        )
        .await;
        assert_eq!(again["code"], 0);
    }
    let sub_rows = all(app, "/api/retailer/commissions", &sub_token).await;
    assert_eq!(sub_rows.len(), 1, "{sub_rows:?}");
    assert_eq!(sub_rows[0]["amount"], json!(share));
    assert_eq!(sub_rows[0]["order_id"], json!(order_id));
    assert_eq!(sub_rows[0]["order_amount"], json!(price));
    assert_eq!(sub_rows[0]["status"], 0);
    assert_eq!(sub_rows[0]["order"]["order_id"], json!(order_id));
    let top = get_auth(app, "/api/retailer/commissions?pageSize=1", &retailer_token).await;
    assert_eq!(top["data"][0]["order_id"], json!(order_id));
    assert_eq!(top["data"][0]["amount"], json!(parent_share));
    assert_eq!(me(app, &sub_token).await["total_reward"], json!(share));
    assert_eq!(
        me(app, &retailer_token).await["total_reward"],
        json!(reward_before + parent_share)
    );
    let after = stats(app, &retailer_token).await;
    assert_eq!(
        after["can_withdraw_amount"],
        json!(before["can_withdraw_amount"].as_i64().unwrap_or(0) + parent_share)
    );
    assert_eq!(
        after["unfinished_withdraw_amount"],
        before["unfinished_withdraw_amount"]
    );
    // sub's team is the buyer; the retailer's now has sub and the buyer too.
    let sub_members = all(app, "/api/retailer/members", &sub_token).await;
    assert_eq!(sub_members.len(), 1);
    assert_eq!(after["member_count"], json!(32 + 2));
}

#[tokio::test]
async fn a_team_members_completed_order_pays_the_sharer_and_the_parent() {
    two_commissions_on_completion(&App::new(), false).await;
}

#[tokio::test]
async fn a_team_members_completed_order_pays_commissions_on_the_open_source_edition() {
    two_commissions_on_completion(&App::open_source(), true).await;
}

#[tokio::test]
async fn the_auto_finish_control_pays_too_and_refunds_or_cancellations_pay_nothing() {
    let app = App::new();
    let (token, _) = register(&app, "firstlevel", json!(RETAILER_ID), None).await;
    let retailer = app.login("retailer", "retailer123456").await;
    let before = stats(&app, &retailer).await["can_withdraw_amount"]
        .as_i64()
        .unwrap_or(0);
    // Cancelled while unpaid.
    let (id, price) = product(&app, "gan-65w-charger").await;
    let created = post_auth(&app, "/api/order/create", &token, json!({"goods_id": id})).await;
    // A first-level buyer: the retailer is the sharer (Silver: 10 %), nobody above it.
    assert_eq!(created["data"]["share_user_id"], RETAILER_ID);
    assert_eq!(created["data"]["share_amount"], json!(price / 10));
    assert_eq!(created["data"]["share_parent_user_id"], 0);
    assert_eq!(created["data"]["share_parent_amount"], 0);
    let cancelled_id = created["data"]["order_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let cancel = post_auth(
        &app,
        "/api/order/cancel",
        &token,
        json!({"order_id": cancelled_id}),
    )
    .await;
    assert_eq!(cancel["code"], 0);
    // Refunded after payment, before completion.
    let refunded = order_paid_and_shipped(&app, &token, "gan-65w-charger").await;
    let refunded_id = refunded["order_id"].as_str().unwrap_or("").to_string();
    let apply = post_auth(
        &app,
        "/api/order/refund",
        &token,
        json!({"order_id": refunded_id}),
    )
    .await;
    assert_eq!(apply["code"], 0);
    control(
        &app,
        "/__test/order",
        json!({"order_id": refunded_id, "action": "approve_refund"}),
    )
    .await;
    assert_eq!(
        stats(&app, &retailer).await["can_withdraw_amount"],
        json!(before)
    );
    // Completed by the clock (the control's `finish`).
    let auto = order_paid_and_shipped(&app, &token, "gan-65w-charger").await;
    let auto_id = auto["order_id"].as_str().unwrap_or("").to_string();
    let done = control(
        &app,
        "/__test/order",
        json!({"order_id": auto_id, "action": "finish"}),
    )
    .await;
    assert_eq!(done["status"], 3);
    control(
        &app,
        "/__test/order",
        json!({"order_id": auto_id, "action": "finish"}),
    )
    .await;
    assert_eq!(
        stats(&app, &retailer).await["can_withdraw_amount"],
        json!(before + price / 10),
        "paid once"
    );
}

#[tokio::test]
async fn withdrawing_reports_success_with_code_minus_one_and_the_control_decides() {
    for app in [App::new(), App::open_source()] {
        let token = app.login("retailer", "retailer123456").await;
        let before = stats(&app, &token).await;
        let amount = before["can_withdraw_amount"].as_i64().unwrap_or(0);
        assert!(amount >= 200);
        let r = app
            .post("/api/retailer/withdraw", "", &[("token", token.as_str())])
            .await;
        assert_eq!(r.json(), json!({"code": -1, "msg": SUBMITTED}));
        let after = stats(&app, &token).await;
        assert_eq!(after["can_withdraw_amount"], 0);
        let newest = get_auth(&app, "/api/retailer/withdraw?pageSize=1", &token).await;
        let w = &newest["data"][0];
        assert_shape(w, WITHDRAW);
        assert_eq!(w["status"], 0);
        assert_eq!(w["amount"], json!(amount));
        let id = w["id"].as_i64().expect("id");
        let commissions = all(&app, "/api/retailer/commissions", &token).await;
        assert_eq!(
            sum(&commissions, "amount", |c| c["withdraw_id"] == id
                && c["status"] == 1),
            amount
        );
        // Nothing left to withdraw.
        let again = app
            .post("/api/retailer/withdraw", "", &[("token", token.as_str())])
            .await;
        assert_eq!(
            again.json(),
            json!({"code": -1, "msg": "there is no commission to withdraw"})
        );

        // approve → 1, pay → 2 with success_time; then final.
        let approved = control(
            &app,
            "/__test/withdraw",
            json!({"id": id, "action": "approve"}),
        )
        .await;
        assert_eq!(approved["status"], 1);
        let paid = control(&app, "/__test/withdraw", json!({"id": id, "action": "pay"})).await;
        assert_eq!(paid["status"], 2);
        assert!(paid["withdraw"]["success_time"].as_i64().unwrap_or(0) > 0);
        let s = stats(&app, &token).await;
        assert_eq!(
            s["paid_withdraw_amount"],
            json!(before["paid_withdraw_amount"].as_i64().unwrap_or(0) + amount)
        );
        let r = app
            .post_json("/__test/withdraw", json!({"id": id, "action": "fail"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "a paid withdrawal is final"
        );
        let commissions = all(&app, "/api/retailer/commissions", &token).await;
        assert!(commissions
            .iter()
            .filter(|c| c["withdraw_id"] == id)
            .all(|c| c["status"] == 1));

        // The seeded waiting one fails: its commissions come back.
        let rows = all(&app, "/api/retailer/withdraw", &token).await;
        let waiting = rows
            .iter()
            .find(|w| w["status"] == 0)
            .expect("a seeded waiting withdrawal");
        let waiting_id = waiting["id"].as_i64().expect("id");
        let failed = control(
            &app,
            "/__test/withdraw",
            json!({"id": waiting_id, "action": "fail", "remark": "account closed"}),
        )
        .await;
        assert_eq!(failed["status"], -1);
        assert_eq!(failed["withdraw"]["remark"], "account closed");
        assert_eq!(
            stats(&app, &token).await["can_withdraw_amount"],
            waiting["amount"]
        );
        let r = app
            .post_json(
                "/__test/withdraw",
                json!({"id": waiting_id, "action": "bogus"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // …and can be withdrawn again.
        let r = app
            .post("/api/retailer/withdraw", "", &[("token", token.as_str())])
            .await;
        assert_eq!(r.json()["msg"], SUBMITTED);
    }
}

#[tokio::test]
async fn a_withdrawal_below_two_yuan_is_refused() {
    let app = App::new();
    // A fresh retailer whose only commission is 10 % of a ¥9.90 strap: 99 cents.
    let (token, _) = register(&app, "smallseller", Value::Null, None).await;
    control(
        &app,
        "/__test/retailer",
        json!({"user_name": "smallseller", "is_retailer": true}),
    )
    .await;
    let seller = app.login("smallseller", "fresh-secret").await;
    let seller_id = me(&app, &seller).await["id"].clone();
    let (buyer, _) = register(&app, "smallbuyer", seller_id, None).await;
    let (_, price) = product(&app, "smart-watch-strap").await;
    let order = order_paid_and_shipped(&app, &buyer, "smart-watch-strap").await;
    let order_id = order["order_id"].as_str().unwrap_or("").to_string();
    post_auth(
        &app,
        "/api/order/finish",
        &buyer,
        json!({"order_id": order_id}),
    )
    .await;
    // A new member's group (Member) shares 5 %.
    let cut = price * 5 / 100;
    assert!(cut < 200);
    assert_eq!(stats(&app, &token).await["can_withdraw_amount"], json!(cut));
    let r = app
        .post("/api/retailer/withdraw", "", &[("token", token.as_str())])
        .await;
    let v = r.json();
    assert_eq!(v["code"], -1);
    assert_eq!(
        v["msg"],
        format!(
            "the withdrawal amount is too low: ¥{}.{:02} available, at least ¥2.00",
            cut / 100,
            cut % 100
        )
    );
    assert!(get_auth(&app, "/api/retailer/withdraw", &token).await["data"].is_null());
    // Taking the retailer flag away: the next orders pay nothing.
    control(
        &app,
        "/__test/retailer",
        json!({"user_name": "smallseller", "is_retailer": 0}),
    )
    .await;
    let next = order_paid_and_shipped(&app, &buyer, "smart-watch-strap").await;
    assert_eq!(next["share_user_id"], 0);
    assert_eq!(next["share_amount"], 0);
    let r = app
        .post_json(
            "/__test/retailer",
            json!({"user_name": "nobody", "is_retailer": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn update_sets_only_the_real_name() {
    let app = App::new();
    let token = app.login("retailer", "retailer123456").await;
    let before = me(&app, &token).await;
    let v = post_auth(
        &app,
        "/api/retailer/update",
        &token,
        json!({"real_name": "Rita C.", "user_name": "hijack", "email": "x@example.com"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let after = me(&app, &token).await;
    assert_eq!(after["real_name"], "Rita C.");
    assert_eq!(after["user_name"], before["user_name"]);
    assert_eq!(after["email"], before["email"]);
}

#[tokio::test]
async fn the_open_source_edition_prices_at_the_inviters_group_discount() {
    let app = App::open_source();
    // The retailer's group (Silver) takes 95 %: on the open-source server its invitees pay that.
    let (token, _) = register(&app, "ossinvitee", json!(RETAILER_ID), None).await;
    let (id, price) = product(&app, "gan-65w-charger").await;
    let created = post_auth(&app, "/api/order/create", &token, json!({"goods_id": id})).await;
    let amount = price * 95 / 100;
    assert_eq!(created["data"]["amount"], json!(amount), "{created}");
    assert_eq!(created["data"]["share_amount"], json!(amount / 10));
    // The documented edition prices at the buyer's own group (Member: none).
    let documented = App::new();
    let (token, _) = register(&documented, "docinvitee", json!(RETAILER_ID), None).await;
    let created = post_auth(
        &documented,
        "/api/order/create",
        &token,
        json!({"goods_id": id}),
    )
    .await;
    assert_eq!(created["data"]["amount"], json!(price));
}
