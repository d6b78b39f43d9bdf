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

// ---------------------------------------------------------------------------------------
// Guestbook
// ---------------------------------------------------------------------------------------

async fn post_form(app: &App, uri: &str, body: &str) -> Resp {
    let req = axum::http::Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body.to_string()))
        .expect("request");
    app.send(req).await
}

async fn entries(app: &App) -> Vec<Value> {
    app.json("/__test/guestbook")
        .await
        .as_array()
        .expect("array")
        .clone()
}

#[tokio::test]
async fn guestbook_fields_have_every_kind_with_options() {
    let app = App::new();
    for (site, interests) in [(1, "感兴趣的品类"), (2, "Interests")] {
        let fields = app
            .items(&format!("/api/guestbook/fields?site_id={site}"))
            .await;
        for f in &fields {
            assert_shape(f, CUSTOM_FIELD);
        }
        let kinds: Vec<&str> = fields.iter().filter_map(|f| f["type"].as_str()).collect();
        for kind in ["text", "textarea", "radio", "select", "checkbox", "image"] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
        let by = |name: &str| {
            fields
                .iter()
                .find(|f| f["field_name"] == name)
                .cloned()
                .expect(name)
        };
        assert_eq!(by("user_name")["required"], true);
        assert_eq!(by("user_name")["is_system"], true);
        assert_eq!(by("content")["type"], "textarea");
        let checkbox = by("interests");
        assert_eq!(checkbox["name"], interests);
        assert_eq!(checkbox["required"], true);
        assert_eq!(
            checkbox["content"].as_str().map(|c| c.lines().count()),
            Some(4)
        );
        assert!(by("topic")["content"]
            .as_str()
            .is_some_and(|c| c.contains('\n')));
        assert!(by("contact").get("required").is_none(), "omitempty");
    }
}

#[tokio::test]
async fn guestbook_json_reads_only_strings_and_cannot_pass_the_captcha() {
    let app = App::new();
    // Main site (no captcha): a checkbox array is dropped, so the required check fails.
    let v = app
        .post_json(
            "/api/guestbook.html",
            json!({"user_name": "Li Lei", "content": "你好",
        "interests": ["家居生活", "服饰"], "contact": 13800000000_i64}),
        )
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "感兴趣的品类是必填项"}));
    let v = app
        .post_json(
            "/api/guestbook.html",
            json!({"content": "你好", "interests": "服饰"}),
        )
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "姓名是必填项"}));
    let v = app
        .post_json(
            "/api/guestbook.html",
            json!({"user_name": "Li Lei", "content": "你好",
        "interests": "服饰", "contact": 13800000000_i64, "topic": "产品咨询"}),
        )
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "感谢您的留言，我们会尽快与您联系！");
    let stored = &entries(&app).await[0];
    assert_eq!(stored["user_name"], "Li Lei");
    assert_eq!(stored["contact"], "", "a number is dropped");
    assert_eq!(stored["values"]["interests"], "服饰");
    assert_eq!(stored["extra"]["咨询类型"], "产品咨询", "by display name");

    // English site: the captcha is on and the JSON endpoint never finds it.
    let (cid, answer) = app.captcha(2).await;
    let v = app
        .post_json(
            "/api/guestbook.html?site_id=2",
            json!({"user_name": "Ann", "content": "Hello",
        "interests": "Digital", "captcha_id": cid, "captcha": answer}),
        )
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "captcha is wrong"}));
}

#[tokio::test]
async fn guestbook_form_endpoint_with_captcha_joins_checkboxes_and_checks_required() {
    let app = App::new();
    let (cid, answer) = app.captcha(2).await;
    let body = format!(
        "user_name=Ann+Lee&contact=%2B44+20+7946+0000&email=ann%40example.com&content=Do+you+ship+to+the+UK%3F\
&topic=Order&contact_time=Evening&interests=Home+%26+Living&interests=Outdoor&captcha_id={cid}&captcha={answer}&return=json"
    );
    let v = post_form(&app, "/guestbook.html?site_id=2", &body)
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(
        v["msg"],
        "Thank you for your message! We will get back to you soon."
    );
    let e = &entries(&app).await[0];
    assert_eq!(e["site_id"], 2);
    assert_eq!(e["values"]["interests"], "Home & Living,Outdoor");
    assert_eq!(e["values"]["contact_time"], "Evening");
    assert_eq!(e["contact"], "+44 20 7946 0000");
    assert_eq!(e["content"], "Do you ship to the UK?");
    assert_eq!(e["extra"]["Interests"], "Home & Living,Outdoor");

    // Wrong or missing captcha, then the required checks (with a good captcha each time).
    let v = post_form(
        &app,
        "/guestbook.html?site_id=2&return=json",
        "user_name=A&content=B&interests=Digital",
    )
    .await
    .json();
    assert_eq!(v, json!({"code": -1, "msg": "captcha is wrong"}));
    let (cid, answer) = app.captcha(2).await;
    let v = post_form(
        &app,
        "/guestbook.html?site_id=2&return=json",
        &format!("user_name=A&content=B&captcha_id={cid}&captcha={answer}"),
    )
    .await
    .json();
    assert_eq!(v, json!({"code": -1, "msg": "Interests is required"}));
    let (cid, answer) = app.captcha(2).await;
    let v = post_form(
        &app,
        "/guestbook.html?site_id=2&return=json",
        &format!("content=B&interests%5B%5D=Digital&captcha_id={cid}&captcha={answer}"),
    )
    .await
    .json();
    assert_eq!(v, json!({"code": -1, "msg": "Name is required"}));
    // `name[]` works too, and without return=json the answer is an HTML page.
    let (cid, answer) = app.captcha(2).await;
    let r = post_form(&app, "/guestbook.html?site_id=2",
        &format!("user_name=Bo&content=Hi+there&interests%5B%5D=Digital&interests%5B%5D=Apparel&captcha_id={cid}&captcha={answer}")).await;
    assert_eq!(r.status.as_u16(), 200);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(
        r.text().contains("Thank you for your message!"),
        "{}",
        r.text()
    );
    assert_eq!(
        entries(&app).await[0]["values"]["interests"],
        "Digital,Apparel"
    );
    assert_eq!(
        entries(&app).await.len(),
        2,
        "the refused ones were not stored"
    );
}

#[tokio::test]
async fn guestbook_form_multipart_stores_the_image_and_its_url() {
    use crate::account::{local, picture, post_multipart};
    let app = App::new();
    let png = picture(120, 80, image::ImageFormat::Png);
    let r = post_multipart(
        &app,
        "/guestbook.html?return=json",
        None,
        &[
            ("user_name", None, "王小明".as_bytes()),
            ("content", None, "附上一张图片".as_bytes()),
            ("interests", None, "数码配件".as_bytes()),
            ("interests", None, "户外运动".as_bytes()),
            ("photo", Some("photo.png"), &png),
        ],
    )
    .await;
    let v = r.json();
    assert_eq!(v["code"], 0, "{v}");
    let e = &entries(&app).await[0];
    assert_eq!(e["values"]["interests"], "数码配件,户外运动");
    let url = e["values"]["photo"].as_str().expect("photo url");
    assert!(url.starts_with("http://127.0.0.1/uploads/"), "{url}");
    let served = app.get(&local(url)).await;
    assert_eq!(served.header("content-type"), Some("image/png"));
    assert_eq!(served.body.len(), png.len());
    // A file that is not a picture is refused with the upload message.
    let r = post_multipart(
        &app,
        "/guestbook.html?return=json",
        None,
        &[
            ("user_name", None, b"x"),
            ("content", None, b"y"),
            ("interests", None, "服饰".as_bytes()),
            ("photo", Some("evil.svg"), b"<svg onload=alert(1)>"),
        ],
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"code": -1, "msg": "只能上传 jpg、png、gif 或 webp 图片"})
    );
    assert_eq!(entries(&app).await.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Documented edition: wishlist and reviews
// ---------------------------------------------------------------------------------------

pub const WISH: &str = "id:int archive_id:int sku_id:int title:str thumb:str link:str remark:str \
origin_price:int target_price:int price:int priority:int created_time:int";

pub const REVIEW: &str =
    "id:int created_time:int archive_id:int sku_id:int order_id:str user_id:int \
user_name:str score:int content:str images:[str] status:int reply:str";

#[tokio::test]
async fn wishlist_keeps_origin_price_updates_in_place_and_shows_the_current_price() {
    let app = App::new();
    let token = app.fresh_user("wisher").await;
    let auth = [("token", token.as_str())];
    let v = app.json_with("/api/wishlist/list", &auth).await;
    assert_eq!(v, json!({"code": 0, "msg": "", "total": 0, "data": null}));

    let charger = product_id(&app, "gan-65w-charger").await;
    let price = app.json(&format!("/api/archive/detail?id={charger}")).await["data"]["price"]
        .as_i64()
        .expect("price");
    let v = post_as(&app, &token, "/api/wishlist/add",
        json!({"archive_id": charger, "remark": "for the office", "target_price": price - 1000, "priority": 2})).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_shape(&v["data"], WISH);
    assert_eq!(v["data"]["origin_price"], price);
    assert_eq!(v["data"]["price"], price);
    let id = v["data"]["id"].clone();

    // A SKU of a product with specifications is its own record, at the SKU's price.
    let sweater = product_id(&app, "merino-wool-sweater").await;
    let sku = app.json(&format!("/api/archive/sku?id={sweater}")).await["data"]["skus"][0].clone();
    let v = post_as(
        &app,
        &token,
        "/api/wishlist/add",
        json!({"archive_id": sweater, "sku_id": sku["id"]}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["data"]["origin_price"], sku["price"]);
    assert_eq!(v["data"]["priority"], 0);

    // The price drops; the record keeps the price it had when added.
    let r = app
        .post_json(
            "/__test/price",
            json!({"archive_id": charger, "price": price - 1500}),
        )
        .await;
    assert_eq!(r.json()["ok"], true, "{}", r.text());
    let list = app.json_with("/api/wishlist/list", &auth).await;
    assert_shape(&list, LIST_ENVELOPE);
    assert_eq!(list["total"], 2);
    let items = list["data"].as_array().expect("data");
    assert_all(items, WISH);
    assert_eq!(items[0]["id"], id, "higher priority first");
    assert_eq!(items[0]["price"], price - 1500);
    assert_eq!(items[0]["origin_price"], price);
    assert!(
        items[0]["price"].as_i64() < items[0]["target_price"].as_i64(),
        "below the target"
    );
    assert!(items[0]["link"]
        .as_str()
        .is_some_and(|l| l.ends_with(&format!("/{charger}.html"))));

    // Adding the same product again updates the note and keeps origin_price and the target.
    let v = post_as(
        &app,
        &token,
        "/api/wishlist/add",
        json!({"archive_id": charger, "remark": "gift"}),
    )
    .await;
    assert_eq!(v["data"]["id"], id);
    assert_eq!(v["data"]["remark"], "gift");
    assert_eq!(v["data"]["origin_price"], price);
    assert_eq!(v["data"]["target_price"], price - 1000);
    assert_eq!(app.json_with("/api/wishlist/list", &auth).await["total"], 2);

    // Someone else's record cannot be deleted; one's own can.
    let other = app.fresh_user("thief").await;
    let v = post_as(&app, &other, "/api/wishlist/delete", json!({"id": id})).await;
    assert_eq!(v["code"], -1, "{v}");
    let v = post_as(&app, &token, "/api/wishlist/delete", json!({"id": id})).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(app.json_with("/api/wishlist/list", &auth).await["total"], 1);

    let v = post_as(
        &app,
        &token,
        "/api/wishlist/add",
        json!({"archive_id": 99999}),
    )
    .await;
    assert_eq!(v["code"], -1);
    let v = post_as(
        &app,
        &token,
        "/api/wishlist/add",
        json!({"archive_id": charger, "sku_id": 99999}),
    )
    .await;
    assert_eq!(v["code"], -1, "unknown SKU: {v}");
    assert_eq!(app.json("/api/wishlist/list").await["code"], 1001);
    assert_eq!(
        app.post_json("/api/wishlist/add", json!({"archive_id": charger}))
            .await
            .json()["code"],
        1001
    );
}

#[tokio::test]
async fn review_list_shows_approved_only_with_a_score_filter_and_paging() {
    let app = App::new();
    let sweater = product_id(&app, "merino-wool-sweater").await;
    let v = app
        .json(&format!(
            "/api/review/list?archive_id={sweater}&pageSize=50"
        ))
        .await;
    assert_shape(&v, LIST_ENVELOPE);
    let items = v["data"].as_array().expect("data");
    assert_all(items, REVIEW);
    assert_eq!(v["total"], items.len() as i64);
    assert!(
        items.iter().all(|r| r["status"] == 1),
        "pending reviews are hidden"
    );
    assert!(items.iter().all(|r| r["archive_id"] == sweater));
    let mut counts = [0i64; 6];
    for (score, count) in counts.iter_mut().enumerate().skip(1) {
        let v = app
            .json(&format!(
                "/api/review/list?archive_id={sweater}&score={score}&pageSize=1"
            ))
            .await;
        *count = v["total"].as_i64().expect("total");
        assert!(*count > 0, "score {score}");
        if let Some(r) = v["data"].as_array().and_then(|a| a.first()) {
            assert_eq!(r["score"], score as i64);
        }
    }
    assert_eq!(
        counts.iter().sum::<i64>(),
        v["total"].as_i64().expect("total")
    );
    assert!(
        counts[5] > counts[3],
        "a non-trivial distribution: {counts:?}"
    );
    let with_images: Vec<&Value> = items
        .iter()
        .filter(|r| r["images"].as_array().is_some_and(|i| !i.is_empty()))
        .collect();
    assert!(!with_images.is_empty());
    let img = with_images[0]["images"][0].as_str().expect("image");
    assert!(img.starts_with("http://127.0.0.1/uploads/"), "{img}");
    assert_eq!(
        app.get(&crate::account::local(img)).await.status.as_u16(),
        200
    );
    assert!(items
        .iter()
        .any(|r| r["reply"].as_str().is_some_and(|s| !s.is_empty())));
    // Newest first; paging.
    let times: Vec<i64> = items
        .iter()
        .filter_map(|r| r["created_time"].as_i64())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
    let p2 = app
        .items(&format!(
            "/api/review/list?archive_id={sweater}&pageSize=3&current=2"
        ))
        .await;
    assert_eq!(p2[0]["id"], items[3]["id"]);
    let v = app.json("/api/review/list?archive_id=99999").await;
    assert_eq!(v, json!({"code": 0, "msg": "", "total": 0, "data": null}));
    // English site has its own reviews.
    assert!(!app
        .items(&format!("/api/review/list?archive_id={sweater}&site_id=2"))
        .await
        .is_empty());
}

#[tokio::test]
async fn review_publish_is_pending_until_approved_and_checks_the_order() {
    use crate::account::{picture, post_multipart};
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    let charger = product_id(&app, "gan-65w-charger").await;
    let png = picture(200, 200, image::ImageFormat::Png);
    let up = post_multipart(
        &app,
        "/api/attachment/upload",
        Some(&token),
        &[("file", Some("r.png"), &png)],
    )
    .await
    .json();
    let logo = up["data"]["logo"].clone();

    let body =
        json!({"archive_id": charger, "score": 5, "content": "Great charger", "images": [logo]});
    assert_eq!(
        app.post_json("/api/review/publish", body.clone())
            .await
            .json()["code"],
        1001
    );
    let v = post_as(&app, &token, "/api/review/publish", body).await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "提交成功，审核后显示");
    assert_shape(&v["data"], REVIEW);
    assert_eq!(v["data"]["status"], 0);
    assert_eq!(v["data"]["user_name"], "demo");
    assert_eq!(v["data"]["images"][0], logo);
    let id = v["data"]["id"].as_i64().expect("id");
    let uri = format!("/api/review/list?archive_id={charger}&pageSize=50");
    assert!(
        app.items(&uri).await.iter().all(|r| r["id"] != id),
        "pending is hidden"
    );
    let r = app
        .post_json("/__test/review", json!({"id": id, "status": 1}))
        .await;
    assert_eq!(r.json()["ok"], true);
    assert_eq!(app.items(&uri).await[0]["id"], id, "approved, newest first");

    // Validation.
    for (bad, msg) in [
        (
            json!({"archive_id": charger, "score": 0, "content": "x"}),
            "评分须为 1 到 5 分",
        ),
        (
            json!({"archive_id": charger, "score": 6, "content": "x"}),
            "评分须为 1 到 5 分",
        ),
        (
            json!({"archive_id": charger, "score": 3, "content": "  "}),
            "请填写评价内容",
        ),
        (
            json!({"archive_id": 99999, "score": 3, "content": "x"}),
            "文档不存在",
        ),
        (
            json!({"archive_id": charger, "score": 3, "content": "x", "images": vec![logo.clone(); 10]}),
            "最多上传 9 张图片",
        ),
        (
            json!({"archive_id": charger, "score": 3, "content": "x", "images": ["javascript:alert(1)"]}),
            "图片地址无效",
        ),
    ] {
        assert_eq!(
            post_as(&app, &token, "/api/review/publish", bad).await,
            json!({"code": -1, "msg": msg})
        );
    }

    // order_id: the user's own completed order containing the product, once.
    let finished = app
        .json_with("/api/orders?pageSize=50", &[("token", &token)])
        .await["data"]
        .as_array()
        .expect("orders")
        .clone();
    let done = finished
        .iter()
        .find(|o| o["status"] == 3)
        .expect("a completed order");
    let order_id = done["order_id"].as_str().expect("order_id");
    let goods = done["details"][0]["goods_id"].as_i64().expect("goods");
    let other_goods = if goods == charger {
        product_id(&app, "canvas-tote-bag").await
    } else {
        charger
    };
    let open = finished
        .iter()
        .find(|o| o["status"] == 0)
        .expect("an unpaid order");
    let open_goods = open["details"][0]["goods_id"].clone();
    let with_order = |archive: Value, oid: &str| json!({"archive_id": archive, "order_id": oid, "score": 4, "content": "As described"});
    let v = post_as(
        &app,
        &token,
        "/api/review/publish",
        with_order(json!(goods), order_id),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["data"]["order_id"], order_id);
    let v = post_as(
        &app,
        &token,
        "/api/review/publish",
        with_order(json!(goods), order_id),
    )
    .await;
    assert_eq!(
        v,
        json!({"code": -1, "msg": "您已评价过该订单中的这件商品"})
    );
    let in_order: Vec<i64> = done["details"]
        .as_array()
        .expect("details")
        .iter()
        .filter_map(|d| d["goods_id"].as_i64())
        .collect();
    if !in_order.contains(&other_goods) {
        let v = post_as(
            &app,
            &token,
            "/api/review/publish",
            with_order(json!(other_goods), order_id),
        )
        .await;
        assert_eq!(v, json!({"code": -1, "msg": "订单中没有该商品"}));
    }
    let v = post_as(
        &app,
        &token,
        "/api/review/publish",
        with_order(open_goods, open["order_id"].as_str().expect("id")),
    )
    .await;
    assert_eq!(v, json!({"code": -1, "msg": "订单尚未完成"}));
    let vip = app.login("vip", "vip123456").await;
    let v = post_as(
        &app,
        &vip,
        "/api/review/publish",
        with_order(json!(goods), order_id),
    )
    .await;
    assert_eq!(
        v,
        json!({"code": -1, "msg": "订单不存在"}),
        "someone else's order"
    );
    let v = post_as(
        &app,
        &token,
        "/api/review/publish",
        with_order(json!(goods), "2026000000000000"),
    )
    .await;
    assert_eq!(v["code"], -1);
}

#[tokio::test]
async fn hostile_reviews_come_with_the_switch() {
    let app = App::new();
    let sweater = product_id(&app, "merino-wool-sweater").await;
    let uri = format!("/api/review/list?archive_id={sweater}&pageSize=50");
    let before = app.items(&uri).await.len();
    app.post_json("/__test/hostile", json!({"on": true})).await;
    let during = app.items(&uri).await;
    assert_eq!(
        during.len(),
        before + 2,
        "two approved hostile reviews, the pending one hidden"
    );
    assert!(during.iter().any(|r| r["user_name"]
        .as_str()
        .is_some_and(|n| n.contains("onerror"))));
    assert!(
        during
            .iter()
            .any(|r| r["images"][0] == "javascript:top.__xss=1"),
        "hostile image passed raw"
    );
    assert!(!app
        .items("/api/review/list?archive_id=901")
        .await
        .is_empty());
    app.post_json("/__test/hostile", json!({"on": false})).await;
    assert_eq!(app.items(&uri).await.len(), before);
}

#[tokio::test]
async fn open_source_has_no_wishlist_or_reviews() {
    let app = App::open_source();
    let token = app.login("demo", "demo123456").await;
    for uri in ["/api/wishlist/list", "/api/review/list?archive_id=2"] {
        app.get_with(uri, &[("token", &token)])
            .await
            .assert_html_404();
    }
    for uri in [
        "/api/wishlist/add",
        "/api/wishlist/delete",
        "/api/review/publish",
    ] {
        app.post(
            uri,
            r#"{"archive_id":2,"id":1,"score":5,"content":"x"}"#,
            &[("token", &token)],
        )
        .await
        .assert_html_404();
    }
    // The shared routes are there.
    assert_eq!(app.json("/api/comment/list?id=1").await["code"], 0);
    assert_eq!(app.json("/api/guestbook/fields").await["code"], 0);
}

#[tokio::test]
async fn faults_reach_every_new_path() {
    let app = App::new();
    let token = app.login("demo", "demo123456").await;
    for (method, path) in [
        ("GET", "/api/favorite/list"),
        ("POST", "/api/favorite/add"),
        ("POST", "/api/user/detail"),
        ("POST", "/api/user/avatar"),
        ("POST", "/api/verify/email"),
        ("POST", "/api/attachment/upload"),
        ("GET", "/api/comment/list"),
        ("POST", "/api/comment/publish"),
        ("GET", "/api/guestbook/fields"),
        ("POST", "/guestbook.html"),
        ("GET", "/api/wishlist/list"),
        ("GET", "/api/review/list"),
        ("POST", "/api/review/publish"),
    ] {
        app.post_json("/__test/fault", json!({"path": path, "kind": "code-1"}))
            .await;
        let r = if method == "GET" {
            app.get_with(path, &[("token", &token)]).await
        } else {
            app.post(path, "{}", &[("token", &token)]).await
        };
        assert_eq!(
            r.json(),
            json!({"code": -1, "msg": "simulated failure"}),
            "{path}"
        );
        app.post_json("/__test/fault", json!({"path": path, "kind": "html500"}))
            .await;
        let r = app.get_with(path, &[("token", &token)]).await;
        assert_eq!(r.status.as_u16(), 500, "{path}");
    }
    app.post_json("/__test/reset", json!({})).await;
    assert_eq!(
        app.json_with("/api/favorite/list", &[("token", &token)])
            .await["code"],
        0
    );
}
