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

// ---------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------

pub const COMMENT: &str = "id:int created_time:int updated_time:int archive_id:int user_id:int user_name:str \
email:str ip:str vote_count:int content:str parent_id:int to_uid:int status:int item_title:str parent:obj|null active:bool";

pub async fn article_id(app: &App, slug: &str) -> i64 {
    product_id(app, slug).await
}

async fn comments(app: &App, uri: &str) -> Vec<Value> {
    app.items(uri).await
}

#[tokio::test]
async fn comment_list_leaks_every_status_with_email_and_ip_and_threads_by_parent() {
    let app = App::new();
    let id = article_id(&app, "third-anniversary").await;
    for site in [1, 2] {
        let v = app
            .json(&format!(
                "/api/comment/list?id={id}&limit=50&site_id={site}"
            ))
            .await;
        assert_shape(&v, LIST_ENVELOPE);
        let items = v["data"].as_array().expect("data");
        assert_all(items, COMMENT);
        assert_eq!(v["total"], items.len() as i64);
        let statuses: Vec<i64> = items.iter().filter_map(|c| c["status"].as_i64()).collect();
        for s in 0..=3 {
            assert!(
                statuses.contains(&s),
                "status {s} listed on site {site}: {statuses:?}"
            );
        }
        assert!(items.iter().all(|c| c["archive_id"] == id));
        let pending = items.iter().find(|c| c["status"] == 0).expect("pending");
        assert!(
            pending["email"].as_str().is_some_and(|e| e.contains('@')),
            "email leaks"
        );
        assert!(
            pending["ip"].as_str().is_some_and(|ip| !ip.is_empty()),
            "ip leaks"
        );
        // A reply carries its parent object (whose own parent is null).
        let reply = items
            .iter()
            .find(|c| c["parent_id"].as_i64() > Some(0))
            .expect("reply");
        assert_eq!(reply["parent"]["id"], reply["parent_id"]);
        assert_shape(&reply["parent"], COMMENT);
        assert!(reply["parent"]["parent"].is_null());
        assert!(items.iter().filter(|c| c["status"] == 1).count() >= 4);
    }
    // Newest first by default; paging with page+limit and limit "offset,n".
    let all = comments(&app, &format!("/api/comment/list?id={id}&limit=50")).await;
    let ids: Vec<i64> = all.iter().filter_map(|c| c["id"].as_i64()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted);
    let page2 = comments(&app, &format!("/api/comment/list?id={id}&limit=2&page=2")).await;
    assert_eq!(page2[0]["id"], ids[2]);
    let offset = comments(&app, &format!("/api/comment/list?id={id}&limit=3,2")).await;
    assert_eq!(offset[0]["id"], ids[3]);
    let asc = comments(
        &app,
        &format!("/api/comment/list?id={id}&order=id%20asc&limit=1"),
    )
    .await;
    assert_eq!(asc[0]["id"], *ids.last().expect("ids"));
    // No comments: total 0, data null.
    let v = app.json("/api/comment/list?id=99999").await;
    assert_eq!(v["total"], 0);
    assert!(v["data"].is_null());
}

async fn publish(app: &App, site: i64, body: Value, headers: &[(&str, &str)]) -> Value {
    app.post(
        &format!("/api/comment/publish?site_id={site}"),
        &body.to_string(),
        headers,
    )
    .await
    .json()
}

#[tokio::test]
async fn comment_publish_needs_the_captcha_on_the_english_site_and_goes_pending() {
    let app = App::new();
    let id = article_id(&app, "hangzhou-smart-warehouse").await;
    let body = json!({"archive_id": id, "user_name": "Guest", "email": "guest@example.com",
        "content": "A guest comment with a captcha"});
    let v = publish(&app, 2, body.clone(), &[]).await;
    assert_eq!(v, json!({"code": -1, "msg": "captcha is wrong"}));
    let (cid, _) = app.captcha(2).await;
    let mut wrong = body.clone();
    wrong["captcha_id"] = json!(cid);
    wrong["captcha"] = json!("zzzz");
    assert_eq!(
        publish(&app, 2, wrong, &[]).await["msg"],
        "captcha is wrong"
    );

    let (cid, answer) = app.captcha(2).await;
    let mut right = body.clone();
    right["captcha_id"] = json!(cid);
    right["captcha"] = json!(answer.to_uppercase());
    let v = publish(&app, 2, right.clone(), &[]).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "published successfully");
    assert_shape(&v["data"], COMMENT);
    assert_eq!(v["data"]["status"], 0, "pending until moderated");
    assert_eq!(v["data"]["ip"], "127.0.0.1");
    let new_id = v["data"]["id"].as_i64().expect("id");
    // The captcha works once.
    assert_eq!(
        publish(&app, 2, right, &[]).await["msg"],
        "captcha is wrong"
    );

    // Listed at once (pending), approved by the test control.
    let listed = comments(&app, &format!("/api/comment/list?id={id}&site_id=2")).await;
    assert_eq!(listed[0]["id"], new_id);
    assert_eq!(listed[0]["status"], 0);
    let r = app
        .post_json("/__test/comment", json!({"id": new_id, "status": 1}))
        .await;
    assert_eq!(r.json()["ok"], true);
    let listed = comments(&app, &format!("/api/comment/list?id={id}&site_id=2")).await;
    assert_eq!(listed[0]["status"], 1);
    assert_eq!(
        app.post_json("/__test/comment", json!({"id": 999999, "status": 1}))
            .await
            .status
            .as_u16(),
        400
    );

    // The main site has no captcha; a signed-in user's name replaces user_name, and a
    // reply gets its parent and to_uid.
    let token = app.login("demo", "demo123456").await;
    let parent = comments(
        &app,
        &format!("/api/comment/list?id={id}&order=id%20asc&limit=1"),
    )
    .await[0]
        .clone();
    let v = publish(
        &app,
        1,
        json!({"archive_id": id, "parent_id": parent["id"], "user_name": "ignored",
        "content": "回复一下"}),
        &[("token", &token)],
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "发布成功");
    assert_eq!(v["data"]["user_name"], "demo");
    assert_eq!(v["data"]["user_id"], 1);
    assert_eq!(v["data"]["parent_id"], parent["id"]);
    assert_eq!(v["data"]["to_uid"], parent["user_id"]);
    assert_eq!(v["data"]["parent"]["id"], parent["id"]);
    let v = publish(
        &app,
        1,
        json!({"archive_id": id, "user_name": "x", "content": "  "}),
        &[],
    )
    .await;
    assert_eq!(v["code"], -1, "empty content: {v}");
    let v = publish(
        &app,
        1,
        json!({"archive_id": id, "content": "no name"}),
        &[],
    )
    .await;
    assert_eq!(v["code"], -1, "a guest needs a name: {v}");
    let v = app.post("/api/comment/publish", "{bad", &[]).await.json();
    assert_eq!(v["code"], -1);
}

#[tokio::test]
async fn comment_safe_verify_length_forbidden_words_interval_and_daily_limits() {
    let app = App::new();
    let id = article_id(&app, "sustainable-textiles").await;
    let set = |body: Value| async {
        let r = app.post_json("/__test/setting", body).await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.text());
        r.json()
    };
    let v = set(json!({"site_id": 2, "captcha": false, "content_limit": 10,
        "content_forbidden": "casino\nfree money", "interval_limit": 0, "daily_limit": 0}))
    .await;
    assert_eq!(v["sites"][0]["content_limit"], 10);
    assert_eq!(v["sites"][0]["content_forbidden"], "casino\nfree money");
    assert_eq!(v["sites"][0]["loopback_exempt"], true);
    let post = |content: &'static str, headers: &'static [(&'static str, &'static str)]| {
        let body = json!({"archive_id": id, "user_name": "Tester", "email": "t@example.com", "content": content});
        let app = &app;
        async move { publish(app, 2, body, headers).await }
    };
    assert_eq!(
        post("too short", &[]).await,
        json!({"code": -1, "msg": "content is too short"})
    );
    assert_eq!(
        post("Visit our CASINO tonight", &[]).await,
        json!({"code": -1, "msg": "content contains forbidden words"})
    );
    assert_eq!(
        post("this is free money for all", &[]).await["msg"],
        "content contains forbidden words"
    );
    // Chinese messages on the main site.
    set(json!({"site_id": 1, "content_limit": 10})).await;
    let v = publish(
        &app,
        1,
        json!({"archive_id": id, "user_name": "测试", "content": "太短"}),
        &[],
    )
    .await;
    assert_eq!(v, json!({"code": -1, "msg": "内容太短"}));

    // Interval: loopback callers are exempt by default; another IP is not.
    set(json!({"site_id": 2, "interval_limit": 60})).await;
    assert_eq!(post("first long enough comment", &[]).await["code"], 0);
    assert_eq!(
        post("second long enough comment", &[]).await["code"],
        0,
        "loopback exempt"
    );
    const REMOTE: &[(&str, &str)] = &[("x-real-ip", "203.0.113.77")];
    let v = post("remote long enough comment", REMOTE).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["data"]["ip"], "203.0.113.77");
    assert_eq!(
        post("remote again, too quickly", REMOTE).await,
        json!({"code": -1, "msg": "posting too fast, please try again later"})
    );
    // Switching the exemption off applies the limit to loopback too.
    set(json!({"site_id": 2, "loopback_exempt": false})).await;
    assert_eq!(
        post("loopback now limited too", &[]).await["msg"],
        "posting too fast, please try again later"
    );

    // Daily limit (no interval): the IP's posts of the last day count.
    set(json!({"site_id": 2, "interval_limit": 0, "daily_limit": 2, "loopback_exempt": true}))
        .await;
    const OTHER: &[(&str, &str)] = &[("x-forwarded-for", "198.51.100.200, 10.0.0.1")];
    assert_eq!(post("daily one long enough", OTHER).await["code"], 0);
    assert_eq!(post("daily two long enough", OTHER).await["code"], 0);
    assert_eq!(
        post("daily three long enough", OTHER).await,
        json!({"code": -1, "msg": "daily limit reached"})
    );

    // Reset restores the defaults: no limits, loopback exempt, captcha on (English site).
    app.post_json("/__test/reset", json!({})).await;
    let v = set(json!({"site_id": 2})).await;
    let s = &v["sites"][0];
    assert_eq!(
        (
            s["content_limit"].as_i64(),
            s["interval_limit"].as_i64(),
            s["daily_limit"].as_i64()
        ),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!(s["content_forbidden"], "");
    assert_eq!(s["loopback_exempt"], true);
    assert_eq!(s["captcha"], true);
}

#[tokio::test]
async fn comment_praise_needs_login_and_answers_plus_one_even_when_repeated() {
    let app = App::new();
    let id = article_id(&app, "third-anniversary").await;
    let first = comments(
        &app,
        &format!("/api/comment/list?id={id}&order=id%20asc&limit=1"),
    )
    .await[0]
        .clone();
    let votes = first["vote_count"].as_i64().expect("votes");
    let v = app
        .post_json("/api/comment/praise", json!({"id": first["id"]}))
        .await
        .json();
    assert_eq!(v["code"], 1001);
    let token = app.fresh_user("praiser").await;
    for extra in [1, 2] {
        let v = post_as(
            &app,
            &token,
            "/api/comment/praise",
            json!({"id": first["id"]}),
        )
        .await;
        assert_eq!(v["code"], 0, "{v}");
        assert_shape(&v["data"], COMMENT);
        // The answer is always the stored count + 1, also for a repeat (which stores nothing).
        assert_eq!(v["data"]["vote_count"], votes + extra);
        assert_eq!(v["data"]["active"], true);
        assert!(v["data"]["item_title"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
    }
    let after = comments(
        &app,
        &format!("/api/comment/list?id={id}&order=id%20asc&limit=1"),
    )
    .await[0]
        .clone();
    assert_eq!(after["vote_count"], votes + 1, "a repeat adds no vote");
    let v = post_as(&app, &token, "/api/comment/praise", json!({"id": 999999})).await;
    assert_eq!(v["code"], -1);
}

#[tokio::test]
async fn comments_are_open_routes_and_hostile_ones_come_with_the_switch() {
    let app = App::new();
    let id = article_id(&app, "third-anniversary").await;
    let before = comments(&app, &format!("/api/comment/list?id={id}&limit=100"))
        .await
        .len();
    app.post_json("/__test/hostile", json!({"on": true})).await;
    let during = comments(&app, &format!("/api/comment/list?id={id}&limit=100")).await;
    assert!(during.len() > before);
    assert!(during.iter().any(|c| c["status"] == 1
        && c["user_name"]
            .as_str()
            .is_some_and(|n| n.contains("onerror"))));
    assert!(during.iter().any(|c| c["content"]
        .as_str()
        .is_some_and(|n| n.contains("<script>"))));
    let hostile_article = comments(&app, "/api/comment/list?id=902&limit=100").await;
    assert!(!hostile_article.is_empty());
    app.post_json("/__test/hostile", json!({"on": false})).await;
    assert_eq!(
        comments(&app, &format!("/api/comment/list?id={id}&limit=100"))
            .await
            .len(),
        before
    );

    app.post_json("/__test/api-open", json!({"open": false}))
        .await;
    let v = app.json(&format!("/api/comment/list?id={id}")).await;
    assert_eq!(v["code"], -1);
    let v = app
        .post_json(
            "/api/comment/publish",
            json!({"archive_id": id, "user_name": "a", "content": "b"}),
        )
        .await
        .json();
    assert_eq!(v["code"], -1);
}
