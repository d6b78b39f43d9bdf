//! `/api/archive/*`: list (§6.1), detail (§6.2), prev/next (§6.3), filters (§6.4),
//! params (§6.5) and the password check (§6.10).

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::common::*;

fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|a| a["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn list_rows_match_the_archive_shape_with_list_defaults() {
    let app = App::new();
    let v = app.json("/api/archive/list").await;
    assert_shape(&v, LIST_ENVELOPE);
    assert_eq!(v["total"], 0, "type=list reports total 0");
    let items = v["data"].as_array().expect("list").clone();
    assert_eq!(items.len(), 10, "default limit is 10");
    assert_all(&items, ARCHIVE);
    for a in &items {
        // Without show* flags the enrichments are absent.
        assert!(a["category"].is_null());
        assert_eq!(a["content"], "");
        assert!(a["extra"].is_null());
        assert_eq!(a["flag"], "");
        assert!(a.get("tags").is_none());
        assert!(a["data"].is_null());
        assert_eq!(a["password"], "");
        assert_eq!(a["type"], "");
        // Absolute URLs built from the request (no Host header → 127.0.0.1).
        let images = a["images"].as_array().expect("images");
        assert!((2..=4).contains(&images.len()));
        assert!(images.iter().all(|i| i
            .as_str()
            .is_some_and(|s| s.starts_with("http://127.0.0.1/uploads/"))));
        assert_eq!(a["logo"], images[0]);
        assert_eq!(a["thumb"], a["logo"], "SVG thumbnails equal the logo");
        assert!(a["link"].as_str().is_some_and(|l| l.starts_with("http://")));
    }
    // Newest first by default.
    let times: Vec<i64> = items
        .iter()
        .map(|a| a["created_time"].as_i64().unwrap_or(0))
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
}

#[tokio::test]
async fn links_follow_the_host_header() {
    let app = App::new();
    let v = app
        .json_with(
            "/api/archive/list?limit=1",
            &[("host", "shop.example:8080")],
        )
        .await;
    let a = &v["data"][0];
    assert!(
        a["link"]
            .as_str()
            .is_some_and(|l| l.starts_with("http://shop.example:8080/")),
        "{a}"
    );
    assert!(a["logo"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://shop.example:8080/uploads/")));
    let v = app
        .json_with(
            "/api/archive/list?limit=1",
            &[
                ("host", "a.example"),
                ("x-host", "b.example"),
                ("x-scheme", "https"),
            ],
        )
        .await;
    assert!(v["data"][0]["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("https://b.example/")));
}

#[tokio::test]
async fn type_page_gives_a_real_total_and_pages_while_type_list_gives_zero() {
    let app = App::new();
    let p1 = app
        .json("/api/archive/list?moduleId=2&type=page&limit=10&page=1")
        .await;
    assert_eq!(p1["total"], 45);
    let mut seen = HashSet::new();
    let mut pages = 0;
    for page in 1..=5 {
        let items = app
            .items(&format!(
                "/api/archive/list?moduleId=2&type=page&limit=10&page={page}"
            ))
            .await;
        pages += 1;
        for id in ids(&items) {
            assert!(seen.insert(id), "page {page} repeats {id}");
        }
    }
    assert_eq!(pages, 5);
    assert_eq!(seen.len(), 45);

    let list = app
        .json("/api/archive/list?moduleId=2&type=list&limit=10&page=2")
        .await;
    assert_eq!(list["total"], 0);
    // `page` only works with type=page.
    assert_eq!(
        ids(list["data"].as_array().expect("list")),
        ids(p1["data"].as_array().expect("list"))
    );
}

#[tokio::test]
async fn limit_accepts_offset_comma_count() {
    let app = App::new();
    let all = app.items("/api/archive/list?moduleId=1&limit=10").await;
    let window = app.items("/api/archive/list?moduleId=1&limit=2,3").await;
    assert_eq!(ids(&window), ids(&all[2..5]));
    assert_eq!(
        app.items("/api/archive/list?limit=0").await.len(),
        1,
        "min 1"
    );
    assert_eq!(
        app.items("/api/archive/list?limit=1000").await.len(),
        89,
        "everything fits under the cap"
    );
}

#[tokio::test]
async fn show_flags_enrich_rows() {
    let app = App::new();
    let items = app
        .items("/api/archive/list?moduleId=2&showFlag=true&showTag=1&showContent=t&showExtra=TRUE&showCategory=1&limit=20")
        .await;
    assert_all(&items, ARCHIVE);
    for a in &items {
        assert!(
            a["flag"].as_str().is_some_and(|f| f.contains('p')),
            "products carry p: {}",
            a["flag"]
        );
        assert_shape(&a["category"], CATEGORY);
        assert_eq!(a["category"]["id"], a["category_id"]);
        let extra = a["extra"].as_object().expect("extra map");
        for key in ["color", "size", "material", "origin"] {
            assert_shape(&extra[key], CUSTOM_FIELD);
        }
        for t in a["tags"].as_array().expect("tags") {
            assert_shape(t, TAG);
        }
        if a["has_password"] == false && a["read_level"] == 0 {
            assert!(a["content"].as_str().is_some_and(|c| c.contains("<p>")));
        }
    }
}

#[tokio::test]
async fn list_content_is_gated_like_the_detail() {
    let app = App::new();
    let items = app
        .items("/api/archive/list?moduleId=2&showContent=1&limit=100")
        .await;
    let find = |slug: &str| {
        items
            .iter()
            .find(|a| a["url_token"] == slug)
            .cloned()
            .expect(slug)
    };
    assert_eq!(find("private-preview-storm-jacket")["content"], "");
    assert_eq!(
        find("vip-collector-teapot")["content"],
        "This content requires user level 3 or above"
    );
}

#[tokio::test]
async fn q_searches_titles() {
    let app = App::new();
    let items = app
        .items("/api/archive/list?q=%E7%B4%AB%E7%A0%82&limit=50")
        .await; // 紫砂
    assert!(items.len() >= 2);
    assert!(items
        .iter()
        .all(|a| a["title"].as_str().is_some_and(|t| t.contains("紫砂"))));
    let en = app
        .items("/api/archive/list?site_id=2&q=Teapot&limit=50")
        .await;
    assert!(
        !en.is_empty()
            && en
                .iter()
                .all(|a| a["title"].as_str().is_some_and(|t| t.contains("Teapot")))
    );
}

#[tokio::test]
async fn empty_lists_are_data_null() {
    let app = App::new();
    let v = app
        .json("/api/archive/list?q=nothing-matches-this&type=page")
        .await;
    assert_eq!(v, json!({"code": 0, "msg": "", "total": 0, "data": null}));
    let v = app.json("/api/archive/list?draft=true").await;
    assert!(v["data"].is_null());
}

#[tokio::test]
async fn flag_filters_by_letter() {
    let app = App::new();
    for flag in ["c", "h", "f"] {
        let items = app
            .items(&format!(
                "/api/archive/list?flag={flag}&showFlag=1&limit=100"
            ))
            .await;
        assert!(!items.is_empty(), "{flag}");
        assert!(items.iter().all(|a| a["flag"]
            .as_str()
            .is_some_and(|f| f.split(',').any(|x| x == flag))));
        let all = app.items("/api/archive/list?showFlag=1&limit=100").await;
        let expected = all
            .iter()
            .filter(|a| {
                a["flag"]
                    .as_str()
                    .is_some_and(|f| f.split(',').any(|x| x == flag))
            })
            .count();
        assert_eq!(items.len(), expected, "{flag}");
    }
}

#[tokio::test]
async fn category_filter_includes_children_unless_child_false() {
    let app = App::new();
    // 6 = 家居生活 (home-living) → 7 kitchen, 8 bedding; it has no direct archives.
    let with_children = app
        .json("/api/archive/list?categoryId=6&type=page&limit=100")
        .await;
    let items = with_children["data"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|a| [7, 8].contains(&a["category_id"].as_i64().unwrap_or(0))));
    let kitchen = app.json("/api/archive/list?categoryId=7&type=page").await["total"]
        .as_i64()
        .unwrap_or(0);
    let bedding = app.json("/api/archive/list?categoryId=8&type=page").await["total"]
        .as_i64()
        .unwrap_or(0);
    assert_eq!(with_children["total"].as_i64(), Some(kitchen + bedding));
    let direct = app.json("/api/archive/list?categoryId=6&child=false").await;
    assert!(direct["data"].is_null());
    // Several ids, unknown ones ignored.
    let both = app
        .json("/api/archive/list?categoryId=7,8,999&type=page")
        .await;
    assert_eq!(both["total"].as_i64(), Some(kitchen + bedding));
    // excludeCategoryId
    let excl = app
        .json("/api/archive/list?categoryId=6&excludeCategoryId=8&type=page")
        .await;
    assert_eq!(excl["total"].as_i64(), Some(kitchen));
}

#[tokio::test]
async fn module_filter_separates_articles_and_products() {
    let app = App::new();
    let articles = app.items("/api/archive/list?moduleId=1&limit=100").await;
    assert_eq!(articles.len(), 44);
    assert!(articles
        .iter()
        .all(|a| a["module_id"] == 1 && a["price"] == 0));
    assert!(articles
        .iter()
        .all(|a| a["link"].as_str().is_some_and(|l| l.contains("/news/"))));
    let products = app.items("/api/archive/list?moduleId=2&limit=100").await;
    assert!(products.iter().all(|a| a["module_id"] == 2
        && a["price"]
            .as_i64()
            .is_some_and(|p| (990..=129900).contains(&p))));
    assert!(
        products.iter().any(|a| a["price"] == 990) && products.iter().any(|a| a["price"] == 129900)
    );
}

#[tokio::test]
async fn custom_field_filters_use_equality_and_in() {
    let app = App::new();
    let red = app
        .items("/api/archive/list?moduleId=2&color=%E7%BA%A2%E8%89%B2&showExtra=1&limit=100")
        .await; // 红色
    assert!(!red.is_empty());
    assert!(red.iter().all(|a| a["extra"]["color"]["value"] == "红色"));
    let blue = app
        .items("/api/archive/list?moduleId=2&color=%E8%93%9D%E8%89%B2&limit=100")
        .await;
    let both = app
        .items("/api/archive/list?moduleId=2&color=%E7%BA%A2%E8%89%B2,%E8%93%9D%E8%89%B2&limit=100")
        .await;
    assert_eq!(both.len(), red.len() + blue.len());
    let red_m = app
        .items("/api/archive/list?moduleId=2&color=%E7%BA%A2%E8%89%B2&size=M&showExtra=1&limit=100")
        .await;
    assert!(red_m
        .iter()
        .all(|a| a["extra"]["size"]["value"] == "M" && a["extra"]["color"]["value"] == "红色"));
    // Field filters need the module (AnqiCMS ignores them otherwise).
    let no_module = app
        .json("/api/archive/list?color=%E7%BA%A2%E8%89%B2&type=page")
        .await;
    assert_eq!(no_module["total"], 89);
    // English site values.
    let en = app
        .items("/api/archive/list?site_id=2&moduleId=2&color=Red&showExtra=1&limit=100")
        .await;
    assert_eq!(en.len(), red.len());
}

#[tokio::test]
async fn price_filter_is_in_cents() {
    let app = App::new();
    let all = app.items("/api/archive/list?moduleId=2&limit=100").await;
    let in_range = |lo: i64, hi: i64| {
        all.iter()
            .filter(|a| a["price"].as_i64().is_some_and(|p| p >= lo && p <= hi))
            .count()
    };
    let v = app
        .json("/api/archive/list?moduleId=2&price=10000-50000&type=page&limit=100")
        .await;
    assert_eq!(v["total"].as_i64(), Some(in_range(10000, 50000) as i64));
    assert!(v["data"]
        .as_array()
        .expect("items")
        .iter()
        .all(|a| a["price"]
            .as_i64()
            .is_some_and(|p| (10000..=50000).contains(&p))));
    // A yuan-sized range finds only the cheapest items.
    let cheap = app
        .json("/api/archive/list?moduleId=2&price=0-100&type=page")
        .await;
    assert!(
        cheap["data"].is_null(),
        "100 cents = ¥1: nothing is that cheap"
    );
    let min_only = app
        .json("/api/archive/list?moduleId=2&price=100000&type=page")
        .await;
    assert_eq!(
        min_only["total"].as_i64(),
        Some(in_range(100000, i64::MAX) as i64)
    );
    let tilde = app
        .json("/api/archive/list?moduleId=2&price=10000~50000&type=page")
        .await;
    assert_eq!(tilde["total"], v["total"]);
}

#[tokio::test]
async fn tag_id_filters_archives_of_a_tag() {
    let app = App::new();
    let tag = app.json("/api/tag/detail?filename=handmade").await;
    let id = tag["data"]["id"].as_i64().expect("tag id");
    let by_tag = app
        .items(&format!("/api/archive/list?tagId={id}&showTag=1&limit=100"))
        .await;
    assert!(!by_tag.is_empty());
    assert!(by_tag.iter().all(|a| a["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["id"] == id))));
    let data_list = app
        .json(&format!("/api/tag/data/list?id={id}&limit=100"))
        .await;
    assert_eq!(data_list["total"].as_i64(), Some(by_tag.len() as i64));
}

#[tokio::test]
async fn order_accepts_identifiers_and_ignores_anything_else() {
    let app = App::new();
    let by_views = app
        .items("/api/archive/list?order=views%20desc&limit=100")
        .await;
    let views: Vec<i64> = by_views
        .iter()
        .map(|a| a["views"].as_i64().unwrap_or(0))
        .collect();
    assert!(views.windows(2).all(|w| w[0] >= w[1]));
    let by_price = app
        .items("/api/archive/list?moduleId=2&order=price%20asc,id%20desc&limit=100")
        .await;
    let prices: Vec<i64> = by_price
        .iter()
        .map(|a| a["price"].as_i64().unwrap_or(0))
        .collect();
    assert!(prices.windows(2).all(|w| w[0] <= w[1]));
    // Injection attempts and unknown columns fall back to the default order, no error.
    let default = ids(&app.items("/api/archive/list?limit=20").await);
    for bad in [
        "id;drop%20table%20archives",
        "(select%201)",
        "nosuchcolumn%20desc",
        "views%20desc--",
    ] {
        let v = app
            .json(&format!("/api/archive/list?order={bad}&limit=20"))
            .await;
        assert_eq!(v["code"], 0, "{bad}");
        if !bad.starts_with("views") {
            assert_eq!(ids(v["data"].as_array().expect("items")), default, "{bad}");
        }
    }
}

#[tokio::test]
async fn related_lists_neighbours_in_the_same_category() {
    let app = App::new();
    let detail = app
        .json("/api/archive/detail?filename=cashmere-scarf")
        .await;
    let id = detail["data"]["id"].as_i64().expect("id");
    let cat = detail["data"]["category_id"].clone();
    let items = app
        .items(&format!("/api/archive/list?type=related&id={id}&limit=4"))
        .await;
    assert_eq!(items.len(), 4);
    assert!(items
        .iter()
        .all(|a| a["category_id"] == cat && a["id"] != id));
}

#[tokio::test]
async fn detail_by_id_filename_and_url_token_has_the_full_shape() {
    let app = App::new();
    let by_token = app
        .json("/api/archive/detail?filename=ceramic-pour-over-coffee-set")
        .await;
    assert_shape(&by_token, OK_ENVELOPE);
    let a = &by_token["data"];
    assert_shape(a, ARCHIVE);
    assert_shape(&a["category"], CATEGORY);
    assert!(a["category"]["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http")));
    assert_shape(&a["data"], "id:int content:str");
    assert_eq!(a["data"]["id"], a["id"]);
    assert_eq!(a["data"]["content"], a["content"]);
    assert!(a["flag"].as_str().is_some_and(|f| !f.is_empty()));
    for t in a["tags"].as_array().expect("tags") {
        assert_shape(t, TAG);
    }
    let extra = a["extra"].as_object().expect("extra");
    assert_eq!(extra.len(), 4);
    for f in extra.values() {
        assert_shape(f, CUSTOM_FIELD);
    }
    assert_eq!(extra["color"]["type"], "select");
    assert_eq!(extra["color"]["is_filter"], true);
    // Content images are made absolute.
    let content = a["content"].as_str().expect("content");
    assert!(
        content.contains("src=\"http://127.0.0.1/uploads/"),
        "{content}"
    );
    assert!(!content.contains("src=\"/uploads/"));

    let id = a["id"].as_i64().expect("id");
    let by_id = app.json(&format!("/api/archive/detail?id={id}")).await;
    assert_eq!(by_id["data"]["url_token"], "ceramic-pour-over-coffee-set");
    let by_url_token = app
        .json("/api/archive/detail?url_token=ceramic-pour-over-coffee-set")
        .await;
    assert_eq!(by_url_token["data"]["id"], id);
    // Articles too; their module has author/source fields.
    let article = app
        .json("/api/archive/detail?filename=third-anniversary")
        .await;
    assert_eq!(article["data"]["module_id"], 1);
    assert!(article["data"]["extra"]["author"]["value"].is_string());
}

#[tokio::test]
async fn detail_not_found_is_code_minus_1() {
    let app = App::new();
    assert_eq!(
        app.json("/api/archive/detail?id=99999").await,
        json!({"code": -1, "msg": "no archive found"})
    );
    assert_eq!(
        app.json("/api/archive/detail?filename=nope").await["code"],
        -1
    );
    assert_eq!(app.json("/api/archive/detail").await["code"], -1);
}

#[tokio::test]
async fn detail_filename_prev_next_are_neighbours() {
    let app = App::new();
    let a = app
        .json("/api/archive/detail?filename=cashmere-scarf")
        .await["data"]
        .clone();
    let id = a["id"].as_i64().expect("id");
    let prev = app
        .json(&format!("/api/archive/detail?id={id}&filename=prev"))
        .await;
    let prev2 = app.json(&format!("/api/archive/prev?id={id}")).await;
    assert_eq!(prev["data"]["id"], prev2["data"]["id"]);
    let next = app
        .json(&format!("/api/archive/detail?id={id}&filename=next"))
        .await;
    let next2 = app.json(&format!("/api/archive/next?id={id}")).await;
    assert_eq!(next["data"]["id"], next2["data"]["id"]);
}

#[tokio::test]
async fn prev_and_next_stay_in_the_category_and_are_null_at_the_ends() {
    let app = App::new();
    let in_cat = app
        .items("/api/archive/list?categoryId=10&child=false&order=id%20asc&limit=100")
        .await;
    let ids = ids(&in_cat);
    assert!(ids.len() >= 3);
    let mid = ids[1];
    let prev = app.json(&format!("/api/archive/prev?id={mid}")).await;
    assert_eq!(prev["data"]["id"], ids[0]);
    assert_shape(&prev["data"], ARCHIVE);
    assert!(prev["data"]["category"].is_null() && prev["data"]["extra"].is_null());
    assert_eq!(prev["data"]["content"], "");
    let next = app.json(&format!("/api/archive/next?id={mid}")).await;
    assert_eq!(next["data"]["id"], ids[2]);
    assert_eq!(
        app.json(&format!("/api/archive/prev?id={}", ids[0])).await,
        json!({"code": 0, "msg": "", "data": null})
    );
    let last = ids[ids.len() - 1];
    assert_eq!(
        app.json(&format!("/api/archive/next?id={last}")).await,
        json!({"code": 0, "msg": "", "data": null})
    );
    assert_eq!(app.json("/api/archive/prev?id=99999").await["code"], -1);
}

#[tokio::test]
async fn password_protected_archives_hide_content_until_the_password_matches() {
    let app = App::new();
    for slug in ["private-preview-storm-jacket", "supplier-pricing-notice"] {
        for query in ["", "&password=wrong"] {
            let a = app
                .json(&format!("/api/archive/detail?filename={slug}{query}"))
                .await["data"]
                .clone();
            assert_shape(&a, ARCHIVE);
            assert_eq!(a["has_password"], true);
            assert_eq!(a["password"], "", "never exposed");
            assert!(a["data"].is_null(), "{slug}{query}");
            assert_eq!(a["content"], "");
            assert!(a.get("password_valid").is_none());
        }
        let a = app
            .json(&format!(
                "/api/archive/detail?filename={slug}&password=anqi2026"
            ))
            .await["data"]
            .clone();
        assert_eq!(a["password_valid"], true);
        assert_eq!(a["password"], "");
        assert!(a["content"].as_str().is_some_and(|c| c.len() > 50));
        assert_eq!(a["data"]["content"], a["content"]);
    }
    // Lists blank the password too and flag it.
    let items = app.items("/api/archive/list?moduleId=2&limit=100").await;
    let row = items
        .iter()
        .find(|a| a["url_token"] == "private-preview-storm-jacket")
        .expect("row");
    assert_eq!(row["has_password"], true);
    assert_eq!(row["password"], "");
}

#[tokio::test]
async fn read_level_replaces_content_below_the_users_group_level() {
    let app = App::new();
    let notice = |n: i64| format!("This content requires user level {n} or above");
    let demo = app.login("demo", "demo123456").await;
    let vip = app.login("vip", "vip123456").await;
    for (slug, level) in [
        ("members-tea-gift-box", 1),
        ("members-buying-handbook", 1),
        ("vip-collector-teapot", 3),
        ("vip-consumer-trends-report", 3),
    ] {
        let uri = format!("/api/archive/detail?filename={slug}");
        let anon = app.json(&uri).await["data"].clone();
        assert_eq!(anon["read_level"], level);
        assert_eq!(anon["content"], notice(level), "{slug}");
        assert_eq!(anon["data"]["content"], notice(level));
        assert_eq!(anon["has_ordered"], false);

        let as_demo = app.json_with(&uri, &[("token", &demo)]).await["data"].clone();
        if level <= 1 {
            assert_ne!(as_demo["content"], notice(level), "{slug}: demo is level 1");
            assert_eq!(as_demo["has_ordered"], true);
        } else {
            assert_eq!(as_demo["content"], notice(level), "{slug}");
        }
        let as_vip = app.json_with(&uri, &[("token", &vip)]).await["data"].clone();
        assert_ne!(as_vip["content"], notice(level), "{slug}: vip is level 3");
        assert!(as_vip["content"]
            .as_str()
            .is_some_and(|c| c.contains("<p>")));
    }
}

#[tokio::test]
async fn logged_in_discount_fills_favorable_price() {
    let app = App::new();
    let vip = app.login("vip", "vip123456").await;
    let a = app
        .json_with(
            "/api/archive/detail?filename=cast-iron-dutch-oven",
            &[("token", &vip)],
        )
        .await["data"]
        .clone();
    assert_eq!(a["price"], 59900);
    assert_eq!(a["favorable_price"], 59900 * 90 / 100);
    let anon = app
        .json("/api/archive/detail?filename=cast-iron-dutch-oven")
        .await;
    assert_eq!(anon["data"]["favorable_price"], 0);
}

#[tokio::test]
async fn params_sorted_list_or_unsorted_map() {
    let app = App::new();
    let id = app
        .json("/api/archive/detail?filename=canvas-tote-bag")
        .await["data"]["id"]
        .clone();
    let sorted = app.json(&format!("/api/archive/params?id={id}")).await;
    let list = sorted["data"].as_array().expect("sorted list");
    let names: Vec<&str> = list
        .iter()
        .filter_map(|f| f["field_name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["color", "size", "material", "origin"],
        "module field order"
    );
    for f in list {
        assert_shape(f, CUSTOM_FIELD);
    }
    let map = app
        .json(&format!("/api/archive/params?id={id}&sorted=false"))
        .await;
    let map = map["data"].as_object().expect("map");
    assert_eq!(map.len(), 4);
    assert_eq!(map["color"]["value"], list[0]["value"]);
    let by_name = app
        .json("/api/archive/params?filename=canvas-tote-bag")
        .await;
    assert_eq!(by_name["data"], sorted["data"]);
    // Unknown archive: code 0 and data null (AnqiCMS ignores the error).
    assert_eq!(
        app.json("/api/archive/params?id=99999").await,
        json!({"code": 0, "msg": "", "data": null})
    );
}

#[tokio::test]
async fn filters_list_filterable_fields_with_links() {
    let app = App::new();
    let v = app.json("/api/archive/filters?moduleId=2").await;
    let groups = v["data"].as_array().expect("groups");
    assert_eq!(
        groups.len(),
        2,
        "color and size are is_filter; material/origin are not"
    );
    for g in groups {
        assert_shape(g, FILTER_GROUP);
        for item in g["items"].as_array().expect("items") {
            assert_shape(item, FILTER_ITEM);
            assert_eq!(item["total"], 0);
            assert!(item["link"]
                .as_str()
                .is_some_and(|l| l.starts_with("http://127.0.0.1/product?")));
        }
    }
    assert_eq!(groups[0]["field_name"], "color");
    let labels: Vec<&str> = groups[0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        ["红色", "蓝色", "黑色", "白色"],
        "no All item without showAll"
    );
    assert_eq!(
        app.json("/api/archive/filters").await,
        json!({"code": -1, "msg": "module not found"})
    );
}

#[tokio::test]
async fn filters_show_all_all_text_and_referer_current() {
    let app = App::new();
    let v = app.json("/api/archive/filters?moduleId=2&showAll=1").await;
    let first = &v["data"][0]["items"][0];
    assert_eq!(first["label"], "全部");
    assert_eq!(first["value"], "");
    assert_eq!(first["is_current"], true);
    let custom = app
        .json("/api/archive/filters?moduleId=2&showAll=1&allText=Any")
        .await;
    assert_eq!(custom["data"][0]["items"][0]["label"], "Any");
    let off = app
        .json("/api/archive/filters?moduleId=2&showAll=1&allText=false")
        .await;
    assert_eq!(off["data"][0]["items"][0]["label"], "红色");
    let en = app
        .json("/api/archive/filters?moduleId=2&showAll=1&site_id=2")
        .await;
    assert_eq!(en["data"][0]["items"][0]["label"], "All");
    assert_eq!(en["data"][0]["items"][1]["label"], "Red");

    // is_current comes from the Referer's query string, not from this request.
    let r = app
        .json_with(
            "/api/archive/filters?moduleId=2&showAll=1&color=%E8%93%9D%E8%89%B2",
            &[(
                "referer",
                "http://127.0.0.1/product?color=%E7%BA%A2%E8%89%B2&page=3",
            )],
        )
        .await;
    let items = r["data"][0]["items"].as_array().expect("items");
    let current: Vec<&str> = items
        .iter()
        .filter(|i| i["is_current"] == true)
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(current, ["红色"]);
    let size_link = r["data"][1]["items"][1]["link"].as_str().expect("link");
    assert!(
        size_link.contains("color=%E7%BA%A2%E8%89%B2")
            && size_link.contains("size=S")
            && !size_link.contains("page="),
        "{size_link}"
    );
}

#[tokio::test]
async fn filters_price_range_is_in_yuan() {
    let app = App::new();
    let products = app.items("/api/archive/list?moduleId=2&limit=100").await;
    let max_cents = products
        .iter()
        .filter_map(|a| a["price"].as_i64())
        .max()
        .expect("max");
    let v = app
        .json_with(
            "/api/archive/filters?moduleId=2&showPrice=1",
            &[("referer", "http://127.0.0.1/product?price=100-500")],
        )
        .await;
    let price = v["data"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["field_name"] == "price")
        .cloned()
        .expect("price group");
    assert_shape(&price, FILTER_GROUP);
    assert_eq!(price["name"], "Price");
    assert_shape(&price["range"], FILTER_RANGE);
    assert_eq!(price["range"]["min"], 0);
    assert_eq!(
        price["range"]["max"].as_i64(),
        Some((max_cents + 99) / 100),
        "ceil(cents/100)"
    );
    assert_eq!(price["range"]["max"], 1299);
    assert_eq!(price["range"]["value"], "100-500");
}

#[tokio::test]
async fn filters_show_category_lists_children_of_parent() {
    let app = App::new();
    let v = app
        .json("/api/archive/filters?moduleId=2&showCategory=1&parentId=5&categoryId=9")
        .await;
    let g = v["data"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["field_name"] == "category")
        .cloned()
        .expect("category group");
    let items = g["items"].as_array().expect("items");
    let values: Vec<&str> = items.iter().filter_map(|i| i["value"].as_str()).collect();
    assert_eq!(values, ["6", "9", "10", "11"]);
    assert!(items
        .iter()
        .all(|i| (i["value"] == "9") == (i["is_current"] == true)));
    // categoryId also decides the base of the field links.
    assert!(v["data"][0]["items"][0]["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("http://127.0.0.1/product/9?")));
}

#[tokio::test]
async fn password_check_returns_the_archive_map_or_status_false() {
    let app = App::new();
    let id = app
        .json("/api/archive/detail?filename=private-preview-storm-jacket")
        .await["data"]["id"]
        .clone();
    let ok = app
        .post_json(
            "/api/archive/password/check",
            json!({"id": id, "password": "anqi2026"}),
        )
        .await
        .json();
    assert_eq!(ok["code"], 0);
    let data = ok["data"].as_object().expect("map");
    assert_eq!(data["status"], true);
    assert!(!data.contains_key("password"), "password key removed");
    assert!(data["content"].as_str().is_some_and(|c| c.contains("<p>")));
    assert!(data["extra"].is_object());
    assert!(data.contains_key("title") && data.contains_key("link") && data.contains_key("images"));

    let wrong = app
        .post_json(
            "/api/archive/password/check",
            json!({"id": id, "password": "nope"}),
        )
        .await
        .json();
    assert_eq!(
        wrong,
        json!({"code": 0, "msg": "", "data": {"status": false, "content": ""}})
    );

    // Form bodies work too.
    let form = app
        .send(
            axum::http::Request::builder()
                .method("POST")
                .uri("/api/archive/password/check")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(format!("id={id}&password=anqi2026")))
                .expect("request"),
        )
        .await
        .json();
    assert_eq!(form["data"]["status"], true);
    // An archive without a password passes with any password.
    let free = app
        .json("/api/archive/detail?filename=canvas-tote-bag")
        .await["data"]["id"]
        .clone();
    let v = app
        .post_json(
            "/api/archive/password/check",
            json!({"id": free, "password": ""}),
        )
        .await
        .json();
    assert_eq!(v["data"]["status"], true);
    assert_eq!(
        app.post_json("/api/archive/password/check", json!({"id": 99999}))
            .await
            .json()["code"],
        -1
    );
}

#[tokio::test]
async fn hostile_html_archives_exist_on_both_sites() {
    let app = App::new();
    for site in [1, 2] {
        for slug in ["xss-test-product", "xss-test-article"] {
            let a = app
                .json(&format!(
                    "/api/archive/detail?filename={slug}&site_id={site}"
                ))
                .await;
            let content = a["data"]["content"].as_str().expect("content");
            for needle in [
                "<script>window.__xss=1</script>",
                "onerror=",
                "javascript:",
                "<svg onload",
                "<iframe",
                "<SCRIPT>",
                "url(javascript:",
            ] {
                assert!(content.contains(needle), "{slug}@{site} lacks {needle}");
            }
        }
    }
}
