//! `/__test/hostile`: the hostile CMS state switches on and off on both sites, reset undoes
//! it, and the hostile values come back through the normal routes in the normal shapes.

use serde_json::{json, Value};

use crate::common::*;

const JS: &str = "javascript:top.__xss=1";
const IMG_SVG: &str =
    r#"data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="top.__xss=1"/>"#;
const TEXT_IMG: &str = r#"<img src=x onerror="top.__xss=1">"#;
const TEXT_SCRIPT: &str = "<script>top.__xss=1</script>";
const TEXT_TITLE: &str = "</title><script>top.__xss=1</script>";
const TEXT_BREAKOUT: &str = r#""><img src=x onerror=top.__xss=1>"#;

/// The nav links the hostile state adds to both menus.
const NAV_LINKS: &[&str] = &[
    "javascript:top.__xss=1",
    " JaVaScRiPt:top.__xss=1",
    "java\tscript:top.__xss=1",
    "java\nscript:top.__xss=1",
    "\u{1}javascript:top.__xss=1",
    "&#106;avascript:top.__xss=1",
    "javascript&colon;top.__xss=1",
    "javascript://%0Atop.__xss=1",
    "javascript:top.__xssTrap?.()",
    "vbscript:top.__xss=1",
    "data:text/html,<script>top.__xss=1</script>",
];

/// Every read the storefront makes that the hostile state touches, per site.
const READS: &[&str] = &[
    "/api/setting/system",
    "/api/setting/contact",
    "/api/setting/index",
    "/api/nav/list?typeId=1",
    "/api/nav/list?typeId=2",
    "/api/nav/list?typeId=1&showType=list",
    "/api/banner/list",
    "/api/friendlink/list",
    "/api/archive/list?type=page&limit=5",
    "/api/archive/list?moduleId=2&categoryId=5&type=page",
    "/api/category/list?moduleId=2&all=true",
    "/api/page/list",
    "/api/tag/list?limit=20",
    "/api/archive/detail?id=26",
];

async fn snapshot(app: &App) -> Vec<Value> {
    let mut out = Vec::new();
    for site in [1, 2] {
        for path in READS {
            let sep = if path.contains('?') { '&' } else { '?' };
            out.push(app.json(&format!("{path}{sep}site_id={site}")).await);
        }
    }
    out
}

async fn hostile(app: &App, on: bool) {
    let r = app.post_json("/__test/hostile", json!({ "on": on })).await;
    assert_eq!(r.json(), json!({"ok": true}));
}

fn flatten(items: &[Value], out: &mut Vec<Value>) {
    for item in items {
        out.push(item.clone());
        if let Some(children) = item["nav_list"].as_array() {
            flatten(children, out);
        }
    }
}

#[tokio::test]
async fn switches_on_and_off_and_reset_undoes_it() {
    let app = App::new();
    let seeded = snapshot(&app).await;

    hostile(&app, true).await;
    let on = snapshot(&app).await;
    for (i, (a, b)) in seeded.iter().zip(&on).enumerate() {
        if READS[i % READS.len()] != "/api/archive/detail?id=26" {
            assert_ne!(a, b, "{} should change", READS[i % READS.len()]);
        }
    }
    // Switching on twice is the same state.
    hostile(&app, true).await;
    assert_eq!(snapshot(&app).await, on);

    hostile(&app, false).await;
    assert_eq!(snapshot(&app).await, seeded, "off restores the seed");
    hostile(&app, false).await;
    assert_eq!(snapshot(&app).await, seeded, "off twice is harmless");

    hostile(&app, true).await;
    assert_eq!(app.post("/__test/reset", "", &[]).await.json()["ok"], true);
    assert_eq!(snapshot(&app).await, seeded, "reset undoes it");
    let detail = app
        .json("/api/archive/detail?filename=xss-hostile-product")
        .await;
    assert_eq!(detail["code"], -1);
}

#[tokio::test]
async fn rejects_a_body_without_on() {
    let app = App::new();
    let r = app.post_json("/__test/hostile", json!({})).await;
    assert_eq!(r.status, axum::http::StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["ok"], false);
}

#[tokio::test]
async fn nav_banners_links_and_settings_carry_the_payloads() {
    let app = App::new();
    hostile(&app, true).await;
    for site in [1, 2] {
        for type_id in [1, 2] {
            let v = app
                .json(&format!("/api/nav/list?typeId={type_id}&site_id={site}"))
                .await;
            assert_shape(&v, OK_ENVELOPE);
            let mut all = Vec::new();
            flatten(v["data"].as_array().expect("items"), &mut all);
            for n in &all {
                assert_shape(n, NAV);
            }
            let external: Vec<&Value> = all.iter().filter(|n| n["nav_type"] == 2).collect();
            for link in NAV_LINKS {
                assert!(
                    external.iter().any(|n| n["link"] == *link),
                    "menu {type_id} site {site}: {link:?}"
                );
            }
            let titled = all
                .iter()
                .find(|n| n["title"] == format!("{TEXT_IMG}Menu"))
                .expect("hostile title");
            assert_eq!(titled["link"], "/12.html");
            assert_eq!(titled["sub_title"], TEXT_SCRIPT);
            assert_eq!(titled["logo"], JS);
            assert_eq!(titled["thumb"], JS);
            if type_id == 1 {
                let products = all.iter().find(|n| n["id"] == 2).expect("products nav");
                let child = products["nav_list"]
                    .as_array()
                    .expect("children")
                    .iter()
                    .find(|c| c["title"] == "<svg onload=top.__xss=1>Child")
                    .expect("hostile child");
                assert_eq!(child["link"], JS);
                assert_eq!(child["level"], 1);
            }
        }

        let banners = app.items(&format!("/api/banner/list?site_id={site}")).await;
        assert_all(&banners, BANNER);
        assert_eq!(banners.len(), 6, "3 seeded + 3 hostile");
        assert_eq!(banners[0]["link"], JS);
        assert_eq!(banners[0]["logo"], JS);
        assert_eq!(banners[0]["alt"], TEXT_IMG);
        assert_eq!(banners[1]["link"], " JaVaScRiPt:top.__xss=1");
        assert_eq!(banners[1]["logo"], IMG_SVG);
        assert_eq!(banners[2]["logo"], r#"x" onerror="top.__xss=1"#);
        assert_eq!(banners[2]["alt"], TEXT_TITLE);
        assert!(banners.iter().all(|b| b["type"] == "default"));
        let promo = app
            .items(&format!("/api/banner/list?type=promo&site_id={site}"))
            .await;
        assert_eq!(promo.len(), 2, "other groups are untouched");

        let links = app
            .items(&format!("/api/friendlink/list?site_id={site}"))
            .await;
        assert_all(&links, LINK);
        assert!(links
            .iter()
            .any(|l| l["title"] == TEXT_IMG && l["link"] == JS));
        assert!(links
            .iter()
            .any(|l| l["link"] == "data:text/html,<script>top.__xss=1</script>"));

        let system = app
            .json(&format!("/api/setting/system?site_id={site}"))
            .await["data"]
            .clone();
        assert!(system["SiteName"]
            .as_str()
            .is_some_and(|s| s.ends_with(TEXT_IMG)));
        assert_eq!(system["SiteLogo"], JS);
        assert_eq!(system["SiteCopyright"], format!("© 2026 {TEXT_SCRIPT}"));
        assert_eq!(system["SiteIcp"], TEXT_BREAKOUT);
        assert_eq!(
            system["DefaultSite"],
            site == 1,
            "other keys keep their types"
        );
        let contact = app
            .json(&format!("/api/setting/contact?site_id={site}"))
            .await["data"]
            .clone();
        assert_eq!(contact["Cellphone"], format!("{TEXT_SCRIPT}400-820-2026"));
        assert_eq!(contact["Email"], format!("{TEXT_BREAKOUT}@example.com"));
        assert_eq!(contact["Address"], format!("{TEXT_IMG}Shanghai"));
        assert_eq!(contact["Wechat"], JS);
        assert_eq!(contact["Qrcode"], JS);
        let index = app
            .json(&format!("/api/setting/index?site_id={site}"))
            .await;
        assert_shape(
            &index["data"],
            "seo_title:str seo_keywords:str seo_description:str sep:str",
        );
        assert_eq!(index["data"]["seo_title"], TEXT_TITLE);
    }
}

#[tokio::test]
async fn archives_category_page_and_tag_carry_the_payloads() {
    let app = App::new();
    hostile(&app, true).await;
    for site in [1, 2] {
        let q = format!("site_id={site}");
        let d = app
            .json(&format!(
                "/api/archive/detail?filename=xss-hostile-product&{q}"
            ))
            .await;
        assert_eq!(d["code"], 0);
        let a = &d["data"];
        assert_shape(a, ARCHIVE);
        assert_eq!(a["id"], 901);
        assert_eq!(a["title"], format!("{TEXT_IMG}Hostile product"));
        assert_eq!(a["seo_title"], TEXT_TITLE);
        assert_eq!(a["description"], TEXT_SCRIPT);
        assert_eq!(a["keywords"], TEXT_BREAKOUT);
        assert_eq!(a["link"], JS);
        assert_eq!(a["fixed_link"], JS);
        assert_eq!(a["logo"], IMG_SVG);
        assert_eq!(a["thumb"], IMG_SVG);
        assert_eq!(a["images"][1], JS);
        let content = a["content"].as_str().expect("content");
        assert!(content.contains(r#"<a href="javascript:top.__xss=1">"#));
        assert!(content.contains(r#"<img src="javascript:top.__xss=1""#));
        assert!(content.contains("window.__xss"), "the seed's block too");
        assert_eq!(a["data"]["content"], a["content"]);
        assert_eq!(a["extra"]["material"]["value"], TEXT_SCRIPT);
        assert_eq!(a["category"]["link"], JS);
        let tags = a["tags"].as_array().expect("tags");
        assert_eq!(tags.len(), 1);
        assert_shape(&tags[0], TAG);
        assert_eq!(tags[0]["link"], JS);

        let article = app.json(&format!("/api/archive/detail?id=902&{q}")).await["data"].clone();
        assert_shape(&article, ARCHIVE);
        assert_eq!(article["module_id"], 1);
        assert_eq!(article["logo"], JS);
        assert_eq!(article["link"], JS);

        // The newest archives, so they lead every default list.
        let list = app
            .json(&format!("/api/archive/list?type=page&limit=3&{q}"))
            .await;
        assert_shape(&list, LIST_ENVELOPE);
        let rows = list["data"].as_array().expect("rows");
        assert_all(rows, ARCHIVE);
        let ids: Vec<i64> = rows.iter().filter_map(|r| r["id"].as_i64()).collect();
        assert_eq!(&ids[..2], &[902, 901]);
        assert_eq!(rows[1]["link"], JS);
        let in_products = app
            .items(&format!("/api/archive/list?categoryId=5&limit=1&{q}"))
            .await;
        assert_eq!(
            in_products[0]["id"], 901,
            "the category sits under products"
        );
        let params = app.json(&format!("/api/archive/params?id=901&{q}")).await;
        assert!(params.to_string().contains("top.__xss"), "{params}");

        let cats = app
            .items(&format!("/api/category/list?moduleId=2&all=true&{q}"))
            .await;
        assert_all(&cats, CATEGORY);
        let cat = cats.iter().find(|c| c["id"] == 901).expect("category");
        assert_eq!(cat["title"], format!("{TEXT_IMG}Hostile category"));
        assert_eq!(cat["seo_title"], TEXT_TITLE);
        assert_eq!(cat["description"], TEXT_SCRIPT);
        assert_eq!(cat["url_token"], "xss-hostile-category");
        assert_eq!(cat["parent_id"], 5);
        assert_eq!(cat["link"], JS);
        assert_eq!(cat["logo"], JS);
        assert_eq!(cat["thumb"], JS);
        assert_eq!(cat["images"][0], IMG_SVG);
        let detail = app
            .json(&format!(
                "/api/category/detail?filename=xss-hostile-category&{q}"
            ))
            .await;
        assert_shape(&detail["data"], CATEGORY);
        assert!(detail["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("javascript:top.__xss=1")));

        let pages = app.items(&format!("/api/page/list?{q}")).await;
        assert_all(&pages, CATEGORY);
        let page = pages.iter().find(|p| p["id"] == 902).expect("page");
        assert_eq!(page["type"], 3);
        assert_eq!(page["link"], JS);
        let page = app
            .json(&format!("/api/page/detail?filename=xss-hostile-page&{q}"))
            .await;
        assert_shape(&page["data"], CATEGORY);
        assert_eq!(page["data"]["title"], format!("{TEXT_IMG}Hostile page"));

        let tag = app
            .json(&format!("/api/tag/detail?filename=xss-hostile-tag&{q}"))
            .await;
        assert_shape(&tag["data"], TAG);
        assert_eq!(tag["data"]["title"], format!("{TEXT_IMG}Hostile tag"));
        assert_eq!(tag["data"]["link"], JS);
        assert_eq!(tag["data"]["logo"], JS);
        assert!(tag["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("top.__xss")));
        let tagged = app.json(&format!("/api/tag/data/list?id=901&{q}")).await;
        assert_eq!(tagged["total"], 2);
        let tags = app.items(&format!("/api/tag/list?limit=50&{q}")).await;
        assert_all(&tags, TAG);
        assert!(tags.iter().any(|t| t["id"] == 901));
    }
}

#[tokio::test]
async fn seeded_images_stay_absolute_while_hostile() {
    let app = App::new();
    hostile(&app, true).await;
    let banners = app.items("/api/banner/list").await;
    assert!(banners[3]["logo"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://")));
    let a = app.json("/api/archive/detail?id=26").await["data"].clone();
    assert!(a["logo"].as_str().is_some_and(|l| l.starts_with("http://")));
    assert!(a["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://") && l.ends_with("/26.html")));
}
