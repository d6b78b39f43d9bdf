//! The account routes (§6.9): profile update with the overwrite quirk, avatar upload,
//! password change, email verify and reset through the outbox; attachments (§6.15).

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::common::*;

/// A multipart body: `(name, file_name, bytes)` parts. Returns the Content-Type and body.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----demo-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn post_multipart(
    app: &App,
    uri: &str,
    token: Option<&str>,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Resp {
    let (ct, body) = multipart(parts);
    let mut b = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header("content-type", ct);
    if let Some(t) = token {
        b = b.header("token", t);
    }
    app.send(b.body(Body::from(body)).expect("request")).await
}

/// A `w`×`h` picture with a diagonal gradient, encoded as `format`.
pub fn picture(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .expect("encode");
    out.into_inner()
}

/// The path and query of an absolute URL on the test host.
pub fn local(url: &str) -> String {
    url.strip_prefix("http://127.0.0.1")
        .unwrap_or_else(|| panic!("not a local URL: {url}"))
        .to_string()
}

async fn detail(app: &App, token: &str) -> Value {
    let v = app.json_with("/api/user/detail", &[("token", token)]).await;
    assert_eq!(v["code"], 0, "{v}");
    v["data"].clone()
}

async fn post_as(app: &App, token: &str, uri: &str, body: Value) -> Value {
    app.post(uri, &body.to_string(), &[("token", token)])
        .await
        .json()
}

#[tokio::test]
async fn user_detail_update_overwrites_every_name_field_and_sets_phone_only_while_empty() {
    let app = App::new();
    let token = app.fresh_user("profile").await;
    let v = post_as(
        &app,
        &token,
        "/api/user/detail",
        json!({"user_name": "profile", "real_name": "Pat Rofile", "introduce": "Hello there",
               "phone": "13700137000", "email": "changed@example.com"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "saved");
    assert_shape(&v["data"], USER);
    let d = detail(&app, &token).await;
    assert_eq!(d["real_name"], "Pat Rofile");
    assert_eq!(d["introduce"], "Hello there");
    assert_eq!(d["phone"], "13700137000", "phone set while empty");
    assert_eq!(d["email"], "profile@example.com", "email only while empty");

    // The overwrite quirk: fields not sent become "".
    let v = post_as(
        &app,
        &token,
        "/api/user/detail",
        json!({"user_name": "profile"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let d = detail(&app, &token).await;
    assert_eq!(d["real_name"], "", "real_name emptied: {d}");
    assert_eq!(d["introduce"], "", "introduce emptied");
    assert_eq!(d["phone"], "13700137000", "phone is kept");

    // A first name makes real_name "first last"; a set phone cannot change.
    let v = post_as(
        &app,
        &token,
        "/api/user/detail",
        json!({"user_name": "profile2", "first_name": "Ada", "last_name": "Lovelace",
               "real_name": "ignored", "introduce": "", "phone": "13600136000"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let d = detail(&app, &token).await;
    assert_eq!(d["user_name"], "profile2");
    assert_eq!(d["real_name"], "Ada Lovelace");
    assert_eq!(d["first_name"], "Ada");
    assert_eq!(d["phone"], "13700137000");

    // Another user's name is refused; so is a phone someone has, or an invalid one.
    let v = post_as(
        &app,
        &token,
        "/api/user/detail",
        json!({"user_name": "demo"}),
    )
    .await;
    assert_eq!(v["code"], -1, "{v}");
    let other = app
        .post_json(
            "/api/register",
            json!({"user_name": "nophone", "password": "secret-1",
        "email": "nophone@example.com"}),
        )
        .await
        .json();
    let other = other["data"]["token"].as_str().expect("token").to_string();
    let v = post_as(
        &app,
        &other,
        "/api/user/detail",
        json!({"user_name": "nophone", "phone": "13800138000"}),
    )
    .await;
    assert_eq!(v["code"], -1, "demo's phone: {v}");
    let v = post_as(
        &app,
        &other,
        "/api/user/detail",
        json!({"user_name": "nophone", "phone": "12345"}),
    )
    .await;
    assert_eq!(v["code"], -1, "invalid phone: {v}");
    assert_eq!(
        app.post_json("/api/user/detail", json!({"user_name": "x"}))
            .await
            .json()["code"],
        1001
    );
}

#[tokio::test]
async fn avatar_upload_crops_to_256_square_and_is_served_under_uploads_user() {
    let app = App::new();
    let token = app.fresh_user("face").await;
    let id = detail(&app, &token).await["id"].as_i64().expect("id");
    let png = picture(400, 300, image::ImageFormat::Png);
    let r = post_multipart(
        &app,
        "/api/user/avatar",
        Some(&token),
        &[("file", Some("me.png"), &png)],
    )
    .await;
    let v = r.json();
    assert_eq!(v["code"], 0, "{v}");
    let url = v["data"]["avatar_url"]
        .as_str()
        .expect("avatar_url")
        .to_string();
    assert!(
        url.starts_with(&format!("http://127.0.0.1/uploads/user/{id}.png")),
        "{url}"
    );

    let d = detail(&app, &token).await;
    assert!(
        d["avatar_url"]
            .as_str()
            .is_some_and(|a| a.starts_with(&format!("/uploads/user/{id}.png"))),
        "relative: {d}"
    );
    assert_eq!(d["full_avatar_url"], url.as_str());

    let served = app.get(&local(&url)).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), Some("image/png"));
    let img = image::load_from_memory(&served.body).expect("a picture");
    assert_eq!((img.width(), img.height()), (256, 256));

    // A JPEG stays a JPEG; the English site has its own directory.
    let en = app.login_en("demo", "demo123456").await;
    let jpg = picture(300, 500, image::ImageFormat::Jpeg);
    let v = post_multipart(
        &app,
        "/api/user/avatar?site_id=2",
        Some(&en),
        &[("file", Some("me.jpg"), &jpg)],
    )
    .await
    .json();
    assert_eq!(v["code"], 0, "{v}");
    let url = v["data"]["avatar_url"].as_str().expect("url");
    assert!(
        url.starts_with("http://127.0.0.1/uploads/en/user/1.jpg"),
        "{url}"
    );
    let served = app.get(&local(url)).await;
    assert_eq!(served.header("content-type"), Some("image/jpeg"));
    let img = image::load_from_memory(&served.body).expect("a picture");
    assert_eq!((img.width(), img.height()), (256, 256));
}

#[tokio::test]
async fn avatar_upload_rejects_other_types_big_files_and_bad_bodies_with_a_message() {
    let app = App::new();
    // English messages on the English site, Chinese ones on the main site.
    let token = app.login_en("demo", "demo123456").await;
    let before = app
        .json_with("/api/user/detail?site_id=2", &[("token", &token)])
        .await["data"]["avatar_url"]
        .clone();
    let uri = "/api/user/avatar?site_id=2";
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let v = post_multipart(&app, uri, Some(&token), &[("file", Some("x.png"), svg)])
        .await
        .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "Only jpg, png, gif and webp images can be uploaded"})
    );

    let mut big = picture(10, 10, image::ImageFormat::Png);
    big.resize(2 * 1024 * 1024 + 1, 0);
    let v = post_multipart(&app, uri, Some(&token), &[("file", Some("big.png"), &big)])
        .await
        .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "The image must not be larger than 2 MB"})
    );

    let broken = b"\x89PNG\r\n\x1a\n not really a png";
    let v = post_multipart(&app, uri, Some(&token), &[("file", Some("b.png"), broken)])
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "The image could not be read"}));

    let v = post_multipart(&app, uri, Some(&token), &[("other", None, b"x")])
        .await
        .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "Please choose a picture to upload"})
    );

    let v = app.post(uri, "{}", &[("token", &token)]).await.json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "Please upload the file as multipart/form-data"})
    );

    let zh = app.login("demo", "demo123456").await;
    let v = post_multipart(
        &app,
        "/api/user/avatar",
        Some(&zh),
        &[("file", Some("x.png"), svg)],
    )
    .await
    .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "只能上传 jpg、png、gif 或 webp 图片"})
    );
    let v = post_multipart(
        &app,
        "/api/user/avatar",
        Some(&zh),
        &[("file", Some("big.png"), &big)],
    )
    .await
    .json();
    assert_eq!(v, json!({"code": -1, "msg": "图片不能大于 2 MB"}));

    let png = picture(20, 20, image::ImageFormat::Png);
    let v = post_multipart(
        &app,
        "/api/user/avatar",
        None,
        &[("file", Some("x.png"), &png)],
    )
    .await
    .json();
    assert_eq!(v["code"], 1001);
    // Nothing changed.
    let after = app
        .json_with("/api/user/detail?site_id=2", &[("token", &token)])
        .await["data"]["avatar_url"]
        .clone();
    assert_eq!(after, before);
}

#[tokio::test]
async fn password_change_then_sign_in_with_the_new_one() {
    let app = App::new();
    let token = app.fresh_user("pwuser").await;
    let v = post_as(
        &app,
        &token,
        "/api/user/password",
        json!({"old_password": "wrong-one", "password": "brand-new-1"}),
    )
    .await;
    assert_eq!(v, json!({"code": -1, "msg": "原密码错误"}));
    let v = post_as(
        &app,
        &token,
        "/api/user/password",
        json!({"old_password": "fresh-secret", "password": "short"}),
    )
    .await;
    assert_eq!(v["code"], -1);
    assert_eq!(v["msg"], "Please enter a password of at least 6 characters");
    let v = post_as(
        &app,
        &token,
        "/api/user/password",
        json!({"old_password": "fresh-secret", "password": "brand-new-1"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "密码已修改");
    let v = app
        .post_json(
            "/api/login",
            json!({"user_name": "pwuser", "password": "fresh-secret"}),
        )
        .await
        .json();
    assert_eq!(v["code"], -1, "the old password no longer works");
    app.login("pwuser", "brand-new-1").await;
    assert_eq!(
        app.post_json("/api/user/password", json!({})).await.json()["code"],
        1001
    );
}

async fn last_mail(app: &App, to: &str) -> Value {
    let v = app.json(&format!("/__test/outbox?to={to}")).await;
    let mails = v.as_array().expect("array");
    assert!(!mails.is_empty(), "no mail to {to}");
    assert_shape(
        &mails[0],
        "to:str subject:str body:str link:str created_time:int",
    );
    mails[0].clone()
}

#[tokio::test]
async fn email_verify_through_the_outbox_marks_verified_and_signs_in() {
    let app = App::new();
    let token = app.fresh_user("verifyme").await;
    assert_eq!(detail(&app, &token).await["email_verified"], false);
    let v = app
        .post_json(
            "/api/verify/email",
            json!({"email": "verifyme@example.com", "state": "verify"}),
        )
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["msg"], "please verify email");
    let v = app
        .post_json(
            "/api/verify/email",
            json!({"email": "nobody@example.com", "state": "verify"}),
        )
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "该邮箱未注册"}));
    let v = app
        .post_json(
            "/api/verify/email?site_id=2",
            json!({"email": "nobody@example.com", "state": "verify"}),
        )
        .await
        .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "The email address is not registered"})
    );

    let mail = last_mail(&app, "verifyme@example.com").await;
    assert_eq!(mail["to"], "verifyme@example.com");
    let link = mail["link"].as_str().expect("link");
    assert!(
        link.starts_with("http://127.0.0.1/api/verify/email?"),
        "{link}"
    );
    assert!(mail["body"].as_str().is_some_and(|b| b.contains(link)));
    assert!(app
        .json("/__test/outbox?to=someone-else@example.com")
        .await
        .as_array()
        .is_some_and(|a| a.is_empty()));

    // A tampered token is refused.
    let tampered = local(link).replace("token=", "token=x");
    let v = app.get(&tampered).await.json();
    assert_eq!(v, json!({"code": -1, "msg": "链接无效或已过期"}));

    let r = app.get(&local(link)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    assert_eq!(r.header("location"), Some("http://127.0.0.1/account"));
    let cookie = r.header("set-cookie").expect("login cookie").to_string();
    assert!(cookie.starts_with("token="), "{cookie}");
    let cookie_token = cookie
        .trim_start_matches("token=")
        .split(';')
        .next()
        .expect("value");
    let d = detail(&app, cookie_token).await;
    assert_eq!(d["user_name"], "verifyme", "the cookie signs in");
    assert_eq!(d["email_verified"], true);
    let v = app
        .post_json(
            "/api/login",
            json!({"user_name": "verifyme", "password": "fresh-secret"}),
        )
        .await
        .json();
    assert_eq!(v["data"]["email_verified"], true, "login shows it too");

    // return=json answers the user instead of redirecting; state=exist tells who exists.
    let v = app
        .get(&format!("{}&return=json", local(link)))
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    assert_eq!(v["data"]["email_verified"], true);
    let v = app
        .json("/api/verify/email?state=exist&email=demo@example.com")
        .await;
    assert_eq!(v["data"], json!({"id": 1, "email": "demo@example.com"}));
}

#[tokio::test]
async fn password_reset_through_the_outbox_link_works_once() {
    let app = App::new();
    app.fresh_user("forgetful").await;
    let v = app
        .post_json(
            "/api/verify/email",
            json!({"email": "forgetful@example.com", "state": "reset"}),
        )
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    let mail = last_mail(&app, "forgetful@example.com").await;
    let link = mail["link"].as_str().expect("link");
    assert!(link.contains("state=reset"), "{link}");

    let r = app.get(&local(link)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let location = r.header("location").expect("location").to_string();
    let query = location
        .strip_prefix("http://127.0.0.1/account/password/reset?")
        .unwrap_or_else(|| panic!("the shop's reset page: {location}"));
    let params: std::collections::HashMap<String, String> =
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
    assert_eq!(params["email"], "forgetful@example.com");
    assert!(params.contains_key("code"));
    let token = params["token"].clone();
    let v = app
        .get(&format!("{}&return=json", local(link)))
        .await
        .json();
    assert_eq!(v["data"]["token"], token.as_str(), "{v}");

    let v = app
        .post_json(
            "/api/password/reset",
            json!({"email": "forgetful@example.com", "token": "wrong",
        "code": params["code"], "password": "reset-pass-1"}),
        )
        .await
        .json();
    assert_eq!(v, json!({"code": -1, "msg": "链接无效或已过期"}));
    let v = app
        .post_json(
            "/api/password/reset",
            json!({"email": "forgetful@example.com", "token": token,
        "code": params["code"], "password": "abc"}),
        )
        .await
        .json();
    assert_eq!(v["code"], -1, "short password: {v}");
    let v = app
        .post_json(
            "/api/password/reset",
            json!({"email": "forgetful@example.com", "token": token,
        "code": "not-checked", "password": "reset-pass-1"}),
        )
        .await
        .json();
    assert_eq!(v["code"], 0, "{v}");
    app.login("forgetful", "reset-pass-1").await;
    // The token hashed the old password: the link is spent.
    let v = app
        .post_json(
            "/api/password/reset",
            json!({"email": "forgetful@example.com", "token": token,
        "code": "", "password": "again-pass-1"}),
        )
        .await
        .json();
    assert_eq!(v["code"], -1, "{v}");
    assert_eq!(app.get(&local(link)).await.json()["code"], -1);
}

#[tokio::test]
async fn attachment_upload_answers_the_attachment_with_absolute_logo_and_thumb() {
    let app = App::new();
    let png = picture(640, 480, image::ImageFormat::Png);
    // Login is optional.
    let r = post_multipart(
        &app,
        "/api/attachment/upload",
        None,
        &[("file", Some("photo.png"), &png)],
    )
    .await;
    let v = r.json();
    assert_eq!(v["code"], 0, "{v}");
    let a = &v["data"];
    assert_shape(a, "id:int created_time:int updated_time:int user_id:int file_name:str file_location:str \
file_size:int file_md5:str width:int height:int category_id:int is_image:int status:int watermark:int logo:str thumb:str");
    assert_eq!(a["file_name"], "photo.png");
    assert_eq!(
        (a["width"].as_i64(), a["height"].as_i64()),
        (Some(640), Some(480))
    );
    assert_eq!(a["file_size"], png.len() as i64);
    assert_eq!(a["is_image"], 1);
    let location = a["file_location"].as_str().expect("location");
    assert!(
        location.starts_with("uploads/") && location.ends_with(".png"),
        "relative: {location}"
    );
    let logo = a["logo"].as_str().expect("logo");
    assert_eq!(logo, format!("http://127.0.0.1/{location}"));
    let thumb = a["thumb"].as_str().expect("thumb");
    assert!(thumb.contains("/thumb_"), "{thumb}");
    let full = app.get(&local(logo)).await;
    assert_eq!(
        full.body.len(),
        png.len(),
        "the original is served as uploaded"
    );
    let small = image::load_from_memory(&app.get(&local(thumb)).await.body).expect("thumb");
    assert!(small.width() <= 300 && small.height() <= 300);

    // A signed-in upload records the user; `file1` works too; non-images are refused.
    let token = app.login("demo", "demo123456").await;
    let v = post_multipart(
        &app,
        "/api/attachment/upload",
        Some(&token),
        &[("file1", Some("a.png"), &png)],
    )
    .await
    .json();
    assert_eq!(v["data"]["user_id"], 1, "{v}");
    let v = post_multipart(
        &app,
        "/api/attachment/upload?site_id=2",
        None,
        &[("file", Some("a.txt"), b"hello")],
    )
    .await
    .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "Only jpg, png, gif and webp images can be uploaded"})
    );
    let mut big = picture(10, 10, image::ImageFormat::Png);
    big.resize(5 * 1024 * 1024 + 1, 0);
    let v = post_multipart(
        &app,
        "/api/attachment/upload?site_id=2",
        None,
        &[("file", Some("big.png"), &big)],
    )
    .await
    .json();
    assert_eq!(
        v,
        json!({"code": -1, "msg": "The image must not be larger than 5 MB"})
    );

    // An OPEN route: refused while the API is switched off.
    app.post_json("/__test/api-open", json!({"open": false}))
        .await;
    let v = post_multipart(
        &app,
        "/api/attachment/upload",
        None,
        &[("file", Some("photo.png"), &png)],
    )
    .await
    .json();
    assert_eq!(v["code"], -1);
    assert_eq!(v["msg"], "API not open, please enable it in the admin");
}
