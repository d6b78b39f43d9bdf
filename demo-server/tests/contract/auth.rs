//! Login, register, the token (header or cookie), `Update-Token`, user detail, `/logout`.

use axum::http::StatusCode;
use base64::Engine;
use serde_json::{json, Value};

use crate::common::*;

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("claims JSON")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::test]
async fn login_returns_the_user_with_token_and_sets_an_http_only_cookie() {
    let app = App::new();
    let r = app
        .post_json(
            "/api/login",
            json!({"user_name": "demo", "password": "demo123456"}),
        )
        .await;
    let v = r.json();
    assert_eq!(v["code"], 0);
    assert!(v["msg"].is_string());
    let user = &v["data"];
    assert_shape(user, USER);
    assert_eq!(user["user_name"], "demo");
    assert_eq!(user["email"], "demo@example.com");
    assert_shape(&user["group"], USER_GROUP);
    assert_eq!(user["group"]["level"], 1);
    assert!(user["full_avatar_url"]
        .as_str()
        .is_some_and(|u| u.starts_with("http://127.0.0.1/uploads/")));
    assert!(
        user["avatar_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("/uploads/")),
        "relative"
    );
    let token = user["token"].as_str().expect("token");
    assert_eq!(token.split('.').count(), 3);
    let c = claims(token);
    assert_eq!(c["userId"], "1", "claims are strings");
    let exp: i64 = c["t"].as_str().and_then(|t| t.parse().ok()).expect("t");
    assert!(exp > now() + 29 * 86_400, "password logins last ~30 days");

    let cookie = r.header("set-cookie").expect("cookie");
    assert!(cookie.starts_with(&format!("token={token};")), "{cookie}");
    assert!(
        cookie.starts_with(&format!("token={token}; Path=/; HttpOnly")),
        "{cookie}"
    );
}

#[tokio::test]
async fn login_by_email_or_phone_and_generic_failures() {
    let app = App::new();
    for login in [
        json!({"email": "vip@example.com"}),
        json!({"phone": "13900139000"}),
        json!({"user_name": "vip@example.com"}),
    ] {
        let mut body = login.clone();
        body["password"] = json!("vip123456");
        let v = app.post_json("/api/login", body).await.json();
        assert_eq!(v["data"]["user_name"], "vip", "{login}");
    }
    assert_eq!(
        app.post_json(
            "/api/login",
            json!({"user_name": "demo", "password": "wrong-password"})
        )
        .await
        .json(),
        json!({"code": -1, "msg": "login failed"})
    );
    assert_eq!(
        app.post_json(
            "/api/login",
            json!({"user_name": "nobody", "password": "whatever1"})
        )
        .await
        .json(),
        json!({"code": -1, "msg": "login failed"})
    );
    let short = app
        .post_json(
            "/api/login",
            json!({"user_name": "demo", "password": "123"}),
        )
        .await
        .json();
    assert_eq!(short["code"], -1);
    let bad = app.post("/api/login", "{not json", &[]).await;
    assert_eq!(bad.status, StatusCode::OK);
    let bad = bad.json();
    assert_eq!(bad["code"], -1);
    assert!(
        bad["msg"].as_str().is_some_and(|m| !m.is_empty()),
        "decoder error text"
    );
}

#[tokio::test]
async fn user_detail_needs_a_token_and_has_null_msg() {
    let app = App::new();
    let need = json!({"code": 1001, "msg": "This operation requires login"});
    assert_eq!(app.json("/api/user/detail").await, need);
    assert_eq!(
        app.json_with("/api/user/detail", &[("token", "garbage")])
            .await,
        need
    );

    let token = app.login("demo", "demo123456").await;
    // Authorization: Bearer and ?token= are not read.
    assert_eq!(
        app.json_with(
            "/api/user/detail",
            &[("authorization", &format!("Bearer {token}"))]
        )
        .await,
        need
    );
    assert_eq!(
        app.json(&format!("/api/user/detail?token={token}")).await,
        need
    );

    let v = app
        .json_with("/api/user/detail", &[("token", &token)])
        .await;
    assert_shape(&v, "code:int msg:null data:obj");
    assert!(v["msg"].is_null());
    assert_shape(&v["data"], USER);
    assert_eq!(v["data"]["token"], "");
    assert!(v["data"]["group"].is_null());
    assert_eq!(v["data"]["link"], "http://127.0.0.1/people/1.html");

    let via_cookie = app
        .json_with(
            "/api/user/detail",
            &[("cookie", &format!("lang=en; token={token}"))],
        )
        .await;
    assert_eq!(via_cookie["data"]["user_name"], "demo");
    let header_case = app
        .json_with("/api/user/detail", &[("Token", &token)])
        .await;
    assert_eq!(header_case["code"], 0);
    // The header wins over the cookie.
    let vip = app.login("vip", "vip123456").await;
    let both = app
        .json_with(
            "/api/user/detail",
            &[("token", &vip), ("cookie", &format!("token={token}"))],
        )
        .await;
    assert_eq!(both["data"]["user_name"], "vip");
}

#[tokio::test]
async fn expired_and_foreign_tokens_count_as_anonymous() {
    let app = App::new();
    let expired = app
        .post_json(
            "/__test/token",
            json!({"user_name": "demo", "expires_in": -10}),
        )
        .await
        .json()["token"]
        .as_str()
        .expect("token")
        .to_string();
    assert_eq!(
        app.json_with("/api/user/detail", &[("token", &expired)])
            .await["code"],
        1001
    );
    // Public endpoints keep working with a bad token.
    assert_eq!(
        app.json_with("/api/archive/list", &[("token", &expired)])
            .await["code"],
        0
    );
    // Tokens are signed per site.
    let token = app.login("demo", "demo123456").await;
    assert_eq!(
        app.json_with("/api/user/detail?site_id=2", &[("token", &token)])
            .await["code"],
        1001
    );
    let en_token = app.login_en("demo", "demo123456").await;
    assert_eq!(
        app.json_with("/api/user/detail?site_id=2", &[("token", &en_token)])
            .await["code"],
        0
    );
}

#[tokio::test]
async fn each_site_signs_with_its_own_secret() {
    let app = App::new();
    let token_for = |site: i64| {
        let app = &app;
        async move {
            app.post_json(
                "/__test/token",
                json!({"user_name": "demo", "expires_in": 600, "site_id": site}),
            )
            .await
            .json()["token"]
                .as_str()
                .expect("token")
                .to_string()
        }
    };
    let zh = token_for(1).await;
    let en = token_for(2).await;
    // Same user id, same claims shape, different signatures.
    assert_eq!(claims(&zh)["userId"], claims(&en)["userId"]);
    assert_ne!(zh.rsplit('.').next(), en.rsplit('.').next());
    for (token, site, code) in [(&zh, 1, 0), (&zh, 2, 1001), (&en, 2, 0), (&en, 1, 1001)] {
        let uri = format!("/api/user/detail?site_id={site}");
        assert_eq!(
            app.json_with(&uri, &[("token", token)]).await["code"],
            code,
            "{uri}"
        );
        let cookie = format!("token={token}");
        assert_eq!(
            app.json_with(&uri, &[("cookie", &cookie)]).await["code"],
            code,
            "{uri} (cookie)"
        );
    }
}

#[tokio::test]
async fn update_token_is_sent_when_the_token_expires_within_an_hour() {
    let app = App::new();
    let short = app
        .post_json(
            "/__test/token",
            json!({"user_name": "demo", "expires_in": 600}),
        )
        .await
        .json()["token"]
        .as_str()
        .expect("token")
        .to_string();
    for path in [
        "/api/user/detail",
        "/api/archive/list?limit=1",
        "/api/setting/system",
    ] {
        let r = app.get_with(path, &[("token", &short)]).await;
        let renewed = r
            .header("update-token")
            .unwrap_or_else(|| panic!("{path}: no Update-Token"));
        let c = claims(renewed);
        assert_eq!(c["userId"], "1");
        let exp: i64 = c["t"].as_str().and_then(|t| t.parse().ok()).expect("t");
        assert!(
            (exp - now() - 86_400).abs() < 60,
            "renewed tokens last 24 h"
        );
        // The renewed token works.
        assert_eq!(
            app.json_with("/api/user/detail", &[("token", renewed)])
                .await["code"],
            0
        );
    }
    let fresh = app.login("demo", "demo123456").await;
    assert!(app
        .get_with("/api/user/detail", &[("token", &fresh)])
        .await
        .header("update-token")
        .is_none());
    let two_hours = app
        .post_json(
            "/__test/token",
            json!({"user_name": "demo", "expires_in": 7200}),
        )
        .await
        .json()["token"]
        .as_str()
        .expect("token")
        .to_string();
    assert!(app
        .get_with("/api/user/detail", &[("token", &two_hours)])
        .await
        .header("update-token")
        .is_none());
    assert!(app
        .get("/api/user/detail")
        .await
        .header("update-token")
        .is_none());
}

#[tokio::test]
async fn register_creates_a_user_and_logs_in() {
    let app = App::new();
    let r = app
        .post_json(
            "/api/register",
            json!({"user_name": "alice", "password": "alice-secret", "email": "alice@example.com", "captcha_id": "x", "captcha": "y"}),
        )
        .await;
    let v = r.json();
    assert_eq!(v["code"], 0, "{v}");
    assert_shape(&v["data"], USER);
    assert_eq!(v["data"]["group_id"], 1);
    assert_eq!(v["data"]["status"], 1);
    let token = v["data"]["token"].as_str().expect("token");
    assert!(r
        .header("set-cookie")
        .is_some_and(|c| c.starts_with("token=") && c.contains("HttpOnly")));
    assert_eq!(
        app.json_with("/api/user/detail", &[("token", token)]).await["data"]["user_name"],
        "alice"
    );
    app.login("alice", "alice-secret").await;

    for (body, why) in [
        (
            json!({"user_name": "alice", "password": "another1", "email": "a2@example.com"}),
            "duplicate name",
        ),
        (
            json!({"user_name": "bob", "password": "another1", "email": "alice@example.com"}),
            "duplicate email",
        ),
        (
            json!({"user_name": "bob", "password": "another1"}),
            "no email or phone",
        ),
        (
            json!({"user_name": "bob", "password": "123", "email": "bob@example.com"}),
            "short password",
        ),
        (
            json!({"user_name": "", "password": "another1", "email": "bob@example.com"}),
            "no name",
        ),
        (
            json!({"user_name": "bob", "password": "another1", "email": "not-an-email"}),
            "bad email",
        ),
    ] {
        let v = app.post_json("/api/register", body).await.json();
        assert_eq!(v["code"], -1, "{why}: {v}");
        assert!(v["msg"].is_string());
    }
    let phone = app
        .post_json(
            "/api/register",
            json!({"user_name": "carol", "password": "carol-secret", "phone": "13700137000"}),
        )
        .await
        .json();
    assert_eq!(phone["code"], 0, "{phone}");
}

#[tokio::test]
async fn logout_json_clears_the_cookie_with_code_1001() {
    let app = App::new();
    let r = app.get("/logout?return=json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["code"], 1001);
    assert!(v["msg"].as_str().is_some_and(|m| !m.is_empty()));
    let cookie = r.header("set-cookie").expect("cookie");
    assert!(
        cookie.starts_with("token=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    let html = app.get("/logout").await;
    assert_eq!(html.status, StatusCode::FOUND);
    assert!(html
        .header("set-cookie")
        .is_some_and(|c| c.contains("Max-Age=0")));
    // There is no API logout.
    app.get("/api/logout").await.assert_html_404();
}

fn png_size(data_uri: &str) -> (u32, u32) {
    let b64 = data_uri
        .strip_prefix("data:image/png;base64,")
        .expect("a PNG data URI");
    let png = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

#[tokio::test]
async fn the_english_site_answers_a_240_by_76_png_captcha_and_the_main_site_none() {
    let app = App::new();
    let off = app.json("/api/captcha").await;
    assert_eq!(
        off,
        json!({"code": 0, "msg": "", "data": {"captcha_off": true}})
    );
    let on = app.json("/api/captcha?site_id=2").await;
    assert_eq!(on["code"], 0, "{on}");
    assert_shape(&on["data"], "captcha_off:bool captcha_id:str captcha:str");
    assert_eq!(on["data"]["captcha_off"], false);
    let image = on["data"]["captcha"].as_str().expect("captcha");
    assert_eq!(png_size(image), (240, 76));
    let id = on["data"]["captcha_id"].as_str().expect("id");
    assert!(
        id.len() >= 16 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    let answer = app.json(&format!("/__test/captcha/{id}")).await;
    let text = answer["answer"].as_str().expect("answer");
    assert_eq!(text.chars().count(), 4);
    assert!(
        text.chars()
            .all(|c| "1234567890qwertyuipkjhgfdsazxcvbnm".contains(c)),
        "{text}"
    );
    let other = app.json("/api/captcha?site_id=2").await;
    assert_ne!(
        other["data"]["captcha_id"], on["data"]["captcha_id"],
        "a fresh id each time"
    );
    let unknown = app.get("/__test/captcha/nope").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["ok"], false);
}

async fn login_en(app: &App, body: Value) -> Value {
    app.post_json("/api/login?site_id=2", body).await.json()
}

#[tokio::test]
async fn login_on_a_captcha_site_needs_the_right_answer_once() {
    let app = App::new();
    let wrong = json!({"code": -1, "msg": "The captcha is wrong"});
    // Without a captcha, even with the right password.
    assert_eq!(
        login_en(&app, json!({"user_name": "demo", "password": "demo123456"})).await,
        wrong
    );
    // Checked before the password: a bad password still says "captcha".
    assert_eq!(
        login_en(&app, json!({"user_name": "demo", "password": "x"})).await,
        wrong
    );
    // A wrong answer, and then the id is used up even for the right one.
    let (id, answer) = app.captcha(2).await;
    assert_eq!(
        login_en(
            &app,
            json!({"user_name": "demo", "password": "demo123456",
            "captcha_id": id, "captcha": "zzzz"})
        )
        .await,
        wrong
    );
    assert_eq!(
        login_en(
            &app,
            json!({"user_name": "demo", "password": "demo123456",
            "captcha_id": id, "captcha": answer})
        )
        .await,
        wrong,
        "a tried id is gone"
    );
    let gone = app.get(&format!("/__test/captcha/{id}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    // The right answer, in upper case, works once.
    let (id, answer) = app.captcha(2).await;
    let ok = login_en(
        &app,
        json!({"user_name": "demo", "password": "demo123456",
        "captcha_id": id, "captcha": answer.to_uppercase()}),
    )
    .await;
    assert_eq!(ok["code"], 0, "{ok}");
    assert_eq!(ok["data"]["user_name"], "demo");
    assert_eq!(
        login_en(
            &app,
            json!({"user_name": "demo", "password": "demo123456",
            "captcha_id": id, "captcha": answer})
        )
        .await,
        wrong,
        "single use"
    );
    // The answer with a wrong password: the generic failure.
    let (id, answer) = app.captcha(2).await;
    assert_eq!(
        login_en(
            &app,
            json!({"user_name": "demo", "password": "wrong-password",
            "captcha_id": id, "captcha": answer})
        )
        .await,
        json!({"code": -1, "msg": "login failed"})
    );
    // A captcha from the English site still logs in on the main site (its switch is off).
    assert_eq!(app.login("demo", "demo123456").await.split('.').count(), 3);
}

#[tokio::test]
async fn the_captcha_message_follows_the_site_language_and_register_ignores_it() {
    let app = App::new();
    app.post_json("/__test/setting", json!({"site_id": 1, "captcha": true}))
        .await;
    let zh = app
        .post_json(
            "/api/login",
            json!({"user_name": "demo", "password": "demo123456"}),
        )
        .await
        .json();
    assert_eq!(zh, json!({"code": -1, "msg": "验证码错误"}));
    // Register never checks the captcha (a real quirk), on either site.
    for (site, name) in [(1, "cap-zh"), (2, "cap-en")] {
        let r = app
            .post_json(
                &format!("/api/register?site_id={site}"),
                json!({"user_name": name, "password": "secret-123", "email": format!("{name}@example.com"),
                       "captcha_id": "nope", "captcha": "nope"}),
            )
            .await
            .json();
        assert_eq!(r["code"], 0, "{site}: {r}");
    }
}

#[tokio::test]
async fn the_setting_control_switches_the_captcha_and_reset_restores_the_seed() {
    let app = App::new();
    let r = app
        .post_json("/__test/setting", json!({"captcha": false}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["ok"], true);
    assert_eq!(
        v["sites"].as_array().map(Vec::len),
        Some(2),
        "every site: {v}"
    );
    assert_eq!(
        app.json("/api/captcha?site_id=2").await["data"],
        json!({"captcha_off": true})
    );
    let plain = login_en(&app, json!({"user_name": "demo", "password": "demo123456"})).await;
    assert_eq!(plain["code"], 0, "{plain}");
    app.post_json("/__test/setting", json!({"site_id": 1, "captcha": true}))
        .await;
    assert_eq!(app.json("/api/captcha").await["data"]["captcha_off"], false);
    app.post("/__test/reset", "", &[]).await;
    assert_eq!(app.json("/api/captcha").await["data"]["captcha_off"], true);
    assert_eq!(
        app.json("/api/captcha?site_id=2").await["data"]["captcha_off"],
        false
    );
    let unknown = app
        .post_json("/__test/setting", json!({"site_id": 99, "captcha": true}))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
