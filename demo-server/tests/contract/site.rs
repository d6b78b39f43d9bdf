//! Settings, navigation, banners, links, languages, modules, categories, pages, tags.

use serde_json::{json, Value};

use crate::common::*;

const SYSTEM_KEYS: &str = "SiteName:str SiteLogo:str SiteIcp:str SiteCopyright:str BaseUrl:str MobileUrl:str \
AdminUrl:str SiteClose:int SiteCloseTips:str BanSpider:int TemplateName:str TemplateType:int TemplateUrl:str \
Language:str Favicon:str DefaultSite:bool";
const CONTACT_KEYS: &str = "UserName:str Cellphone:str Address:str Email:str Wechat:str QQ:str WhatsApp:str \
Facebook:str Twitter:str Tiktok:str Pinterest:str Linkedin:str Instagram:str Youtube:str Qrcode:str";

fn no_snake_case_keys(v: &Value) {
    for key in v.as_object().expect("object").keys() {
        assert!(!key.contains('_'), "PascalCase expected, got {key}");
        assert!(
            key.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
            "{key}"
        );
    }
}

#[tokio::test]
async fn system_settings_use_pascal_case_and_absolute_urls() {
    let app = App::new();
    let v = app
        .json_with("/api/setting/system", &[("host", "127.0.0.1:8080")])
        .await;
    assert_shape(&v, OK_ENVELOPE);
    let d = &v["data"];
    assert_shape_loose(d, SYSTEM_KEYS);
    no_snake_case_keys(d);
    assert_eq!(d["SiteName"], "安企优选");
    assert_eq!(d["Language"], "zh-CN");
    assert_eq!(d["BaseUrl"], "http://127.0.0.1:8080");
    assert_eq!(d["SiteLogo"], "http://127.0.0.1:8080/uploads/zh/logo.svg");
    assert_eq!(d["DefaultSite"], true);
    assert!(
        d["ServiceHours"].is_string(),
        "extra fields appear under their name"
    );
    let en = app.json("/api/setting/system?site_id=2").await;
    assert_eq!(en["data"]["Language"], "en");
    assert_eq!(en["data"]["BaseUrl"], "http://127.0.0.1/en");
}

#[tokio::test]
async fn contact_settings_use_pascal_case() {
    let app = App::new();
    let d = app.json("/api/setting/contact").await["data"].clone();
    assert_shape_loose(&d, CONTACT_KEYS);
    no_snake_case_keys(&d);
    assert_eq!(d["Qrcode"], "http://127.0.0.1/uploads/zh/qrcode.svg");
    assert!(d["Cellphone"].as_str().is_some_and(|s| !s.is_empty()));
    let en = app.json("/api/setting/contact?site_id=2").await["data"].clone();
    assert!(en["Address"]
        .as_str()
        .is_some_and(|a| a.contains("Shanghai")));
}

#[tokio::test]
async fn index_settings_are_snake_case() {
    let app = App::new();
    let v = app.json("/api/setting/index").await;
    assert_shape(
        &v["data"],
        "seo_title:str seo_keywords:str seo_description:str sep:str",
    );
    assert!(v["data"]["seo_title"]
        .as_str()
        .is_some_and(|t| t.contains("安企优选")));
}

#[tokio::test]
async fn nav_tree_nests_nav_list_and_list_mode_flattens() {
    let app = App::new();
    let tree = app.items("/api/nav/list").await;
    fn walk(items: &[Value], level: i64, count: &mut usize) {
        for n in items {
            assert_shape(n, NAV);
            assert_eq!(n["level"], level);
            *count += 1;
            if let Some(children) = n.get("nav_list") {
                walk(children.as_array().expect("nav_list"), level + 1, count);
            }
        }
    }
    let mut count = 0;
    walk(&tree, 0, &mut count);
    assert_eq!(tree[0]["nav_type"], 0, "home first");
    assert_eq!(tree[0]["link"], "http://127.0.0.1/");
    let products = tree
        .iter()
        .find(|n| n["page_id"] == 5)
        .expect("products nav");
    assert_eq!(products["nav_type"], 1);
    let home_living = products["nav_list"]
        .as_array()
        .expect("children")
        .iter()
        .find(|n| n["page_id"] == 6)
        .expect("home living");
    assert_eq!(
        home_living["nav_list"].as_array().map(Vec::len),
        Some(2),
        "two levels of children"
    );
    let external = tree
        .iter()
        .find(|n| n["nav_type"] == 2)
        .expect("external link");
    assert_eq!(external["link"], "https://www.anqicms.com/");

    let flat = app.items("/api/nav/list?showType=list").await;
    assert_eq!(flat.len(), count);
    assert!(flat.iter().all(|n| n.get("nav_list").is_none()));
    assert!(flat
        .iter()
        .any(|n| n["level"] == 2 && n["parent_titles"].as_array().map(Vec::len) == Some(2)));

    // Category navs link like the category list does.
    let cats = app.items("/api/category/list?parentId=6").await;
    let kitchen = cats.iter().find(|c| c["id"] == 7).expect("kitchen");
    let kitchen_nav = flat
        .iter()
        .find(|n| n["page_id"] == 7)
        .expect("kitchen nav");
    assert_eq!(kitchen_nav["link"], kitchen["link"]);

    let footer = app.items("/api/nav/list?typeId=2").await;
    assert!(footer
        .iter()
        .any(|n| n["nav_type"] == 3 && n["link"].as_str().is_some_and(|l| l.ends_with(".html"))));
    assert!(app.json("/api/nav/list?typeId=9").await["data"].is_null());
}

#[tokio::test]
async fn banners_have_absolute_logos() {
    let app = App::new();
    let items = app.items("/api/banner/list").await;
    assert!(items.len() >= 3);
    assert_all(&items, BANNER);
    assert!(items.iter().all(|b| b["type"] == "default"));
    assert!(items.iter().all(|b| b["logo"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://127.0.0.1/uploads/"))));
    assert!(items
        .iter()
        .all(|b| b["link"].as_str().is_some_and(|l| l.starts_with("http"))));
    let promo = app.items("/api/banner/list?type=promo").await;
    assert!(promo.iter().all(|b| b["type"] == "promo") && !promo.is_empty());
    assert_eq!(
        app.json("/api/banner/list?type=nope").await["data"],
        json!([])
    );
}

#[tokio::test]
async fn friend_links_list_everything() {
    let app = App::new();
    let items = app.items("/api/friendlink/list").await;
    assert!(items.len() >= 4);
    assert_all(&items, LINK);
    assert!(
        items.iter().any(|l| l["status"] == 0),
        "unchecked links are listed too"
    );
}

#[tokio::test]
async fn languages_list_both_sites_main_first() {
    let app = App::new();
    let items = app.items("/api/languages").await;
    assert_eq!(items.len(), 2);
    assert_all(&items, LANGUAGE);
    assert_eq!(items[0]["is_main"], true);
    assert_eq!(items[0]["language"], "zh-CN");
    assert_eq!(items[0]["is_current"], true);
    assert_eq!(items[1]["language"], "en");
    assert_eq!(items[1]["link"], "http://127.0.0.1/en/");
    assert_eq!(items[1]["base_url"], "http://127.0.0.1/en");
    let from_en = app.items("/api/languages?site_id=2").await;
    assert_eq!(from_en[0]["is_current"], false);
    assert_eq!(from_en[1]["is_current"], true);
}

#[tokio::test]
async fn modules_list_and_detail() {
    let app = App::new();
    let items = app.items("/api/module/list").await;
    assert_all(&items, MODULE);
    assert_eq!(items[0]["table_name"], "article");
    assert_eq!(items[0]["url_token"], "news");
    assert_eq!(items[1]["table_name"], "product");
    for f in items[1]["fields"].as_array().expect("fields") {
        assert_shape(f, CUSTOM_FIELD);
    }
    let by_token = app.json("/api/module/detail?filename=product").await;
    assert_shape(&by_token["data"], MODULE);
    assert_eq!(by_token["data"]["id"], 2);
    assert_eq!(
        app.json("/api/module/detail?id=2").await["data"]["url_token"],
        "product"
    );
    assert_eq!(
        app.json("/api/module/detail?id=42").await,
        json!({"code": -1, "msg": "model does not exist"})
    );
}

#[tokio::test]
async fn category_list_scopes_by_module_and_parent_without_total() {
    let app = App::new();
    let v = app.json("/api/category/list").await;
    assert!(v.get("total").is_none(), "no total key");
    let top = v["data"].as_array().expect("list");
    assert_all(top, CATEGORY);
    assert!(top.iter().all(|c| c["parent_id"] == 0 && c["type"] == 1));
    let products = app.items("/api/category/list?moduleId=2").await;
    assert_eq!(
        products.iter().map(|c| c["id"].clone()).collect::<Vec<_>>(),
        [json!(5)]
    );
    assert_eq!(products[0]["has_children"], true);
    let children = app.items("/api/category/list?parentId=5&moduleId=1").await;
    assert_eq!(children.len(), 4, "moduleId is ignored below the top level");
    assert!(children.iter().all(|c| c["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://127.0.0.1/product/"))));
    let kitchen = app.items("/api/category/list?parentId=6").await;
    assert!(kitchen
        .iter()
        .any(|c| c["url_token"] == "kitchen" && c["archive_count"].as_i64() > Some(0)));
    assert!(app.json("/api/category/list?parentId=999").await["data"].is_null());
    assert_eq!(
        app.items("/api/category/list?parentId=5&limit=2")
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn category_list_all_flattens_the_tree() {
    let app = App::new();
    let all = app.items("/api/category/list?all=true&moduleId=2").await;
    let tokens: Vec<&str> = all.iter().filter_map(|c| c["url_token"].as_str()).collect();
    assert_eq!(
        tokens,
        [
            "products",
            "home-living",
            "kitchen",
            "bedding",
            "digital",
            "apparel",
            "outdoor"
        ]
    );
    let kitchen = &all[2];
    assert_eq!(kitchen["parent_titles"], json!(["产品中心", "家居生活"]));
    assert!(kitchen["spacer"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(all[0]["spacer"], "");
    assert!(all[0]["parent_titles"].is_null());
    let every = app.items("/api/category/list?all=1").await;
    assert!(every.len() >= 8, "at least 8 archive categories");
    assert!(
        every.iter().all(|c| c["type"] == 1),
        "single pages are not categories here"
    );
}

#[tokio::test]
async fn category_detail_by_id_or_token() {
    let app = App::new();
    let by_token = app.json("/api/category/detail?filename=kitchen").await;
    assert_shape(&by_token["data"], CATEGORY);
    assert_eq!(by_token["data"]["id"], 7);
    assert!(by_token["data"]["content"]
        .as_str()
        .is_some_and(|c| c.contains("<script>window.__xss=1</script>")));
    assert_eq!(
        app.json("/api/category/detail?catname=apparel").await["data"]["id"],
        10
    );
    assert_eq!(
        app.json("/api/category/detail?id=2").await["data"]["url_token"],
        "company-news"
    );
    // Pages are returned too (no type filter).
    assert_eq!(
        app.json("/api/category/detail?id=12").await["data"]["type"],
        3
    );
    assert_eq!(
        app.json("/api/category/detail?filename=nope").await,
        json!({"code": -1, "msg": "no category found"})
    );
}

#[tokio::test]
async fn page_list_and_detail() {
    let app = App::new();
    let v = app.json("/api/page/list").await;
    let pages = v["data"].as_array().expect("pages");
    assert_all(pages, CATEGORY);
    assert!(pages.iter().all(|p| p["type"] == 3));
    let tokens: Vec<&str> = pages
        .iter()
        .filter_map(|p| p["url_token"].as_str())
        .collect();
    assert!(tokens.contains(&"about") && tokens.contains(&"contact"));
    assert!(pages
        .iter()
        .all(|p| p["link"].as_str().is_some_and(|l| l.ends_with(".html"))));
    // `limit` does not shorten the list; rows outside the window lose link/thumb.
    let limited = app.items("/api/page/list?limit=1").await;
    assert_eq!(limited.len(), pages.len());
    assert!(limited[0]["link"].as_str().is_some_and(|l| !l.is_empty()));
    assert_eq!(limited[1]["link"], "");

    let about = app.json("/api/page/detail?filename=about").await;
    assert_shape(&about["data"], CATEGORY);
    assert_eq!(about["data"]["link"], "", "page detail leaves link unset");
    assert!(about["data"]["content"]
        .as_str()
        .is_some_and(|c| c.contains("onerror=") && c.contains("javascript:")));
    assert_eq!(
        app.json("/api/page/detail?id=13").await["data"]["url_token"],
        "contact"
    );
    assert_eq!(
        app.json("/api/page/detail?filename=nope").await,
        json!({"code": -1, "msg": "not found"})
    );
}

#[tokio::test]
async fn tag_list_counts_and_filters() {
    let app = App::new();
    let v = app.json("/api/tag/list?limit=5").await;
    assert_shape(&v, LIST_ENVELOPE);
    assert!(v["total"].as_i64() >= Some(10));
    let items = v["data"].as_array().expect("tags");
    assert_eq!(items.len(), 5);
    assert_all(items, TAG);
    assert!(
        items.iter().all(|t| t.get("content").is_none()),
        "content only in detail"
    );
    // `page` works without type=page here.
    let p2 = app.items("/api/tag/list?limit=5&page=2").await;
    assert_ne!(p2[0]["id"], items[0]["id"]);
    let archive = app
        .json("/api/archive/detail?filename=leather-crossbody-bag")
        .await["data"]
        .clone();
    let of_item = app
        .json(&format!("/api/tag/list?itemId={}", archive["id"]))
        .await;
    assert_eq!(
        of_item["total"].as_i64(),
        archive["tags"].as_array().map(|t| t.len() as i64)
    );
    let none = app.json("/api/tag/list?itemId=99999").await;
    assert_eq!(
        none,
        json!({"code": 0, "msg": "", "total": 0, "data": null})
    );
    let letter = app.items("/api/tag/list?letter=X&limit=50").await;
    assert!(!letter.is_empty() && letter.iter().all(|t| t["first_letter"] == "X"));
    let en = app.items("/api/tag/list?site_id=2&q=Gift&limit=50").await;
    assert_eq!(en.len(), 1);
    assert_eq!(en[0]["url_token"], "gift-ideas");
}

#[tokio::test]
async fn tag_detail_and_data_list() {
    let app = App::new();
    let d = app.json("/api/tag/detail?filename=eco-friendly").await;
    assert_shape(&d["data"], TAG);
    assert!(d["data"]["content"]
        .as_str()
        .is_some_and(|c| c.contains("<p>")));
    assert_eq!(
        app.json("/api/tag/detail?filename=nope").await,
        json!({"code": -1, "msg": "record not found"})
    );
    let v = app
        .json("/api/tag/data/list?filename=eco-friendly&limit=3")
        .await;
    assert_shape(&v, LIST_ENVELOPE);
    assert!(v["total"].as_i64() > Some(3), "total is always computed");
    let rows = v["data"].as_array().expect("rows");
    assert_all(rows, ARCHIVE);
    assert!(rows
        .iter()
        .all(|a| a["flag"].as_str().is_some_and(|f| !f.is_empty())));
    assert_eq!(app.json("/api/tag/data/list?id=999").await["code"], -1);
}

#[tokio::test]
async fn captcha_is_off_on_the_main_site() {
    let app = App::new();
    assert_eq!(
        app.json("/api/captcha").await,
        json!({"code": 0, "msg": "", "data": {"captcha_off": true}})
    );
}

#[tokio::test]
async fn english_site_has_its_own_content() {
    let app = App::new();
    let cats = app.items("/api/category/list?all=1&site_id=2").await;
    assert!(cats.iter().any(|c| c["title"] == "Kitchen"));
    assert!(cats.iter().all(|c| c["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://127.0.0.1/en/"))));
    let tags = app.items("/api/tag/list?site_id=2&limit=20").await;
    assert!(tags.len() >= 10);
    assert!(tags
        .iter()
        .all(|t| t["title"].as_str().is_some_and(|s| s.is_ascii())));
    let nav = app.items("/api/nav/list?site_id=2").await;
    assert_eq!(nav[0]["title"], "Home");
    assert_eq!(nav[0]["link"], "http://127.0.0.1/en/");
}
