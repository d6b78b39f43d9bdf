//! Decoding tests on JSON shaped like the contract (`../shared/anqicms-api.md`), quirks
//! included. They exercise the same decode path the browser uses, without a browser.

use super::envelope::{decode, Reply};
use super::wire::*;
use super::ApiError;
use crate::domain::*;

const JSON: &str = "application/json; charset=utf-8";

/// Fails the test with a message when a value is missing. Test-only: app code handles
/// every missing value instead of panicking, which is why `expect` stays out of `src/`.
trait OrFail<T> {
    fn or_fail(self, what: &str) -> T;
}

impl<T> OrFail<T> for Option<T> {
    fn or_fail(self, what: &str) -> T {
        self.unwrap_or_else(|| panic!("missing: {what}"))
    }
}

impl<T, E: std::fmt::Debug> OrFail<T> for Result<T, E> {
    fn or_fail(self, what: &str) -> T {
        self.unwrap_or_else(|err| panic!("{what}: {err:?}"))
    }
}

fn ok<T: serde::de::DeserializeOwned>(body: &str) -> Reply<T> {
    match decode::<T>(200, JSON, body) {
        Ok(reply) => reply,
        Err(err) => panic!("expected success, got {err:?} for {body}"),
    }
}

/// The contract's §6.1 example row, verbatim.
const ARCHIVE_ROW: &str = r#"{"id":12,"created_time":1714000000,"updated_time":1714000500,"title":"Blue mug","seo_title":"","url_token":"blue-mug","keywords":"","description":"…","module_id":2,"category_id":3,"views":10,"comment_count":0,"images":["https://shop.example/uploads/202404/01/ab.webp"],"logo":"https://shop.example/uploads/202404/01/ab.webp","thumb":"https://shop.example/uploads/202404/01/thumb_ab.webp","link":"https://shop.example/product/12.html","price":1990,"stock":9999999,"read_level":0,"password":"","has_password":false,"has_ordered":false,"favorable_price":0,"flag":"","type":"","content":"","category":null,"data":null,"extra":null,"is_favorite":false,"category_titles":null,"category_ids":null,"relations":null,"template":"","canonical_url":"","fixed_link":"","user_id":0,"sort":0,"parent_id":0,"module_name":"","has_pseudo":0,"keyword_id":0,"origin_url":"","origin_title":"","origin_id":0}"#;

#[test]
fn archive_list_decodes_the_contract_example() {
    let body = format!(r#"{{"code":0,"msg":"","total":42,"data":[{ARCHIVE_ROW}]}}"#);
    let reply = ok::<Vec<WireArchive>>(&body);
    assert_eq!(reply.total, Some(42));
    let rows = reply.list();
    assert_eq!(rows.len(), 1);
    let card = rows
        .into_iter()
        .next()
        .map(|wire| wire.into_summary(&ModuleKinds::default()))
        .or_fail("one row");
    assert_eq!(card.slug, Slug::Token("blue-mug".into()));
    assert_eq!(card.kind, ContentKind::Product);
    assert_eq!(card.price, Money::from_cents(1990));
    assert_eq!(
        card.thumb.as_deref(),
        Some("https://shop.example/uploads/202404/01/thumb_ab.webp")
    );
    assert_eq!(card.href(), "/product/blue-mug");
    assert!(!card.locked);
}

#[test]
fn null_data_is_an_empty_list() {
    let reply = ok::<Vec<WireArchive>>(r#"{"code":0,"msg":"","total":0,"data":null}"#);
    assert!(reply.list().is_empty());
    // `data` missing altogether reads the same way.
    let reply = ok::<Vec<WireArchive>>(r#"{"code":0}"#);
    assert!(reply.list().is_empty());
}

#[test]
fn msg_may_be_null_or_absent() {
    let user = r#"{"id":7,"user_name":"demo","real_name":"","email":"d@example.com","full_avatar_url":"","token":""}"#;
    let reply = ok::<WireUser>(&format!(r#"{{"code":0,"msg":null,"data":{user}}}"#));
    assert_eq!(reply.msg, None);
    let found = reply.required().map(WireUser::into_user).or_fail("user");
    assert_eq!(found.display_name, "demo");
    assert_eq!(found.avatar, None);
    // Favorite list: no msg key at all.
    let reply = ok::<Vec<WireArchive>>(r#"{"code":0,"total":0,"data":null}"#);
    assert_eq!(reply.msg, None);
}

#[test]
fn settings_use_pascal_case_keys() {
    let body = r#"{"code":0,"msg":"","data":{"SiteName":"安企优选","SiteLogo":"https://shop.example/","SiteIcp":"京ICP备12345678号","SiteCopyright":"© 2026","BaseUrl":"https://shop.example","MobileUrl":"","AdminUrl":"","SiteClose":0,"SiteCloseTips":"","BanSpider":0,"TemplateName":"default","TemplateType":0,"TemplateUrl":"","Language":"zh-CN","Favicon":"","DefaultSite":true,"自定义":"x"}}"#;
    let system = ok::<WireSystem>(body).required().or_fail("system");
    assert_eq!(system.site_name.as_deref(), Some("安企优选"));
    assert_eq!(system.site_icp.as_deref(), Some("京ICP备12345678号"));
    // An empty logo comes back as the bare storage root; it is not an image.
    assert_eq!(image(system.site_logo), None);
    let contact = r#"{"code":0,"msg":"","data":{"UserName":"客服","Cellphone":"400-800-1234","Address":"上海","Email":"hi@example.com","Wechat":"anqi","QQ":"","Qrcode":"https://shop.example/"}}"#;
    let contact = ok::<WireContact>(contact).required().or_fail("contact");
    assert_eq!(contact.cellphone.as_deref(), Some("400-800-1234"));
    // snake_case keys would not have matched: the PascalCase renames are what decode these.
    let wrong_case = ok::<WireSystem>(r#"{"code":0,"data":{"site_name":"x"}}"#)
        .required()
        .or_fail("obj");
    assert_eq!(wrong_case.site_name, None);
}

#[test]
fn html_bodies_and_bad_statuses_are_typed_errors() {
    let page = "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>";
    assert_eq!(
        decode::<Vec<WireArchive>>(200, "text/html", page).err(),
        Some(ApiError::NotJson)
    );
    assert_eq!(
        decode::<Vec<WireArchive>>(404, "text/html", page).err(),
        Some(ApiError::Http { status: 404 })
    );
    assert_eq!(
        decode::<Vec<WireArchive>>(500, "text/html", page).err(),
        Some(ApiError::Http { status: 500 })
    );
    assert_eq!(
        decode::<Vec<WireArchive>>(429, "text/plain", "Too many requests from this IP.").err(),
        Some(ApiError::RateLimited)
    );
    assert_eq!(
        decode::<Vec<WireArchive>>(408, "", "").err(),
        Some(ApiError::Timeout)
    );
    assert!(matches!(
        decode::<Vec<WireArchive>>(200, JSON, r#"{"code":0,"data":[{"id":"#),
        Err(ApiError::Malformed(_))
    ));
    assert!(matches!(
        decode::<Vec<WireArchive>>(200, JSON, ""),
        Err(ApiError::Malformed(_))
    ));
    // A wrong JSON type inside data is malformed, not a panic.
    assert!(matches!(
        decode::<Vec<WireArchive>>(200, JSON, r#"{"code":0,"data":{"id":1}}"#),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn codes_map_to_errors() {
    assert_eq!(
        decode::<Vec<WireArchive>>(200, JSON, r#"{"code":-1,"msg":"API not open"}"#).err(),
        Some(ApiError::Refused {
            code: -1,
            message: Some("API not open".into())
        })
    );
    assert_eq!(
        decode::<WireUser>(
            200,
            JSON,
            r#"{"code":1001,"msg":"This operation requires login"}"#
        )
        .err(),
        Some(ApiError::Unauthorized)
    );
    assert_eq!(
        decode::<WireUser>(200, JSON, r#"{"code":-1}"#).err(),
        Some(ApiError::Refused {
            code: -1,
            message: None
        })
    );
}

#[test]
fn trailing_junk_after_the_first_object_is_ignored() {
    // `/api/archive/order/check` writes a reply and then panics; comment publish can write two.
    let reply = ok::<bool>(r#"{"code":0,"msg":"","data":false}<html>500</html>"#);
    assert_eq!(reply.data, Some(false));
    let reply = ok::<serde_json::Value>(r#"{"code":0,"msg":"","data":1}{"code":-1,"msg":"db"}"#);
    assert_eq!(reply.data, Some(serde_json::json!(1)));
}

#[test]
fn detail_maps_access_and_content() {
    let protected = r#"{"id":5,"title":"Secret","module_id":1,"has_password":true,"content":"","data":null,"read_level":0}"#;
    let detail = serde_json::from_str::<WireArchive>(protected)
        .or_fail("json")
        .into_detail(&ModuleKinds::default());
    assert_eq!(detail.access, ContentAccess::PasswordRequired);
    assert!(detail.content_html.is_empty());

    let unlocked = r#"{"id":5,"title":"Secret","module_id":1,"has_password":true,"password_valid":true,"content":"<p>hi</p>"}"#;
    let detail = serde_json::from_str::<WireArchive>(unlocked)
        .or_fail("json")
        .into_detail(&ModuleKinds::default());
    assert_eq!(detail.access, ContentAccess::Open);
    assert_eq!(detail.content_html, "<p>hi</p>");

    let gated = r#"{"id":6,"title":"VIP","module_id":1,"read_level":3,"has_ordered":false,"content":"This content requires user level 3 or above"}"#;
    let detail = serde_json::from_str::<WireArchive>(gated)
        .or_fail("json")
        .into_detail(&ModuleKinds::default());
    assert_eq!(detail.access, ContentAccess::LevelRequired { level: 3 });
    assert!(
        detail.content_html.is_empty(),
        "the server's notice is replaced by ours"
    );

    let full = r#"{"id":7,"title":"Mug","seo_title":"Best mug","url_token":"mug","module_id":2,"price":990,"images":["https://s/a.svg","",null],"category":{"id":3,"title":"Kitchen","url_token":"kitchen"},"tags":[{"id":1,"title":"Gift","url_token":"gift"}],"content":"<p>x</p>","canonical_url":"","link":"https://s/product/7.html"}"#;
    let detail = serde_json::from_str::<WireArchive>(full);
    // `null` inside `images` is a wrong type for a string: the whole row is malformed.
    assert!(detail.is_err());
    let full = full.replace(",null]", "]");
    let detail = serde_json::from_str::<WireArchive>(&full)
        .or_fail("json")
        .into_detail(&ModuleKinds::default());
    assert_eq!(detail.images, vec!["https://s/a.svg".to_string()]);
    assert_eq!(detail.seo.title, "Best mug");
    assert_eq!(
        detail.seo.canonical.as_deref(),
        Some("https://s/product/7.html")
    );
    assert_eq!(
        detail.category.map(|c| c.href()),
        Some("/category/kitchen".into())
    );
    assert_eq!(
        detail.tags.first().map(TagRef::href),
        Some("/tag/gift".into())
    );
}

#[test]
fn search_pseudo_rows_are_dropped() {
    let row: WireArchive =
        serde_json::from_str(r#"{"id":3,"title":"Kitchen","type":"category"}"#).or_fail("json");
    assert!(!row.is_archive());
    let row: WireArchive =
        serde_json::from_str(r#"{"id":3,"title":"Mug","type":""}"#).or_fail("json");
    assert!(row.is_archive());
}

#[test]
fn filters_params_and_navigation_map_to_the_domain() {
    let groups = r#"[{"name":"颜色","field_name":"color","items":[{"label":"全部","value":"","link":"","is_current":true,"total":0},{"label":"红色","value":"红色","link":"?color=红色","is_current":false,"total":0}]},{"name":"价格","field_name":"price","range":{"min":0,"max":1299,"value":"","link":""},"items":[]}]"#;
    let facets: Vec<Facet> = serde_json::from_str::<Vec<WireFilterGroup>>(groups)
        .or_fail("json")
        .into_iter()
        .filter_map(WireFilterGroup::into_facet)
        .collect();
    assert_eq!(
        facets,
        vec![Facet {
            field: "color".into(),
            name: "颜色".into(),
            options: vec!["红色".into()]
        }]
    );

    let params = r#"[{"name":"材质","field_name":"material","value":"陶瓷"},{"name":"","value":null,"default":null,"follow_level":false},{"name":"尺寸","value":["S","M"]},{"name":"重量","value":350}]"#;
    let params: Vec<Param> = serde_json::from_str::<Vec<WireCustomField>>(params)
        .or_fail("json")
        .into_iter()
        .filter_map(WireCustomField::into_param)
        .collect();
    assert_eq!(params.len(), 3, "the hidden follow_level field is dropped");
    assert_eq!(params[1].value, "S, M");
    assert_eq!(params[2].value, "350");

    let navs = r#"[{"id":1,"title":"首页","nav_type":0,"page_id":0,"link":"https://s/"},{"id":2,"title":"产品","nav_type":1,"page_id":4,"link":"https://s/product","nav_list":[{"id":3,"title":"厨房","nav_type":1,"page_id":9,"link":""}]},{"id":4,"title":"博客","nav_type":2,"link":"https://blog.example"}]"#;
    let navs: Vec<WireNav> = serde_json::from_str(navs).or_fail("json");
    let items = nav_items(navs, &|id| {
        (id == 4).then(|| "/category/products".to_string())
    });
    assert_eq!(items[0].target, NavTarget::Internal("/".into()));
    assert_eq!(
        items[1].target,
        NavTarget::Internal("/category/products".into())
    );
    assert_eq!(
        items[1].children[0].target,
        NavTarget::Internal("/category/9".into())
    );
    assert_eq!(
        items[2].target,
        NavTarget::External("https://blog.example".into())
    );
}

#[test]
fn friend_links_keep_only_web_links() {
    let links = r#"[{"title":"AnqiCMS","link":"https://www.anqicms.com","nofollow":0,"status":1},{"title":"Bad","link":"javascript:alert(1)","nofollow":0},{"title":"Spam","link":"https://spam.example","nofollow":1}]"#;
    let links: Vec<FriendLink> = serde_json::from_str::<Vec<WireLink>>(links)
        .or_fail("json")
        .into_iter()
        .filter_map(WireLink::into_link)
        .collect();
    assert_eq!(links.len(), 2);
    assert!(links[1].nofollow);
}

#[test]
fn hostile_cms_urls_never_become_links_or_images() {
    // Nav entries of the external type: refused URLs drop the entry, safe ones stay.
    let navs = r#"[{"id":1,"title":"A","nav_type":2,"link":"javascript:alert(1)"},{"id":2,"title":"B","nav_type":2,"link":" JaVaScRiPt:top.__xss=1"},{"id":3,"title":"C","nav_type":2,"link":"java\tscript:x"},{"id":4,"title":"D","nav_type":2,"link":"&#106;avascript:x"},{"id":5,"title":"E","nav_type":2,"link":"vbscript:x"},{"id":6,"title":"F","nav_type":2,"link":"data:text/html,<script>x</script>"},{"id":7,"title":"Mail","nav_type":2,"link":"mailto:a@b.example"}]"#;
    let navs: Vec<WireNav> = serde_json::from_str(navs).or_fail("json");
    let items = nav_items(navs, &|_| None);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        items[0].target,
        NavTarget::External("mailto:a@b.example".into())
    );

    // Banners: a script link is no link; a script or SVG "image" drops the banner.
    let banners = r#"[{"logo":"https://s/a.png","link":"javascript:top.__xss=1","alt":"x"},{"logo":"javascript:top.__xss=1","link":"/"},{"logo":"data:image/svg+xml,<svg onload=x>","link":"/"},{"logo":"data:image/png;base64,AAAA","link":"https://ok.example/"}]"#;
    let banners: Vec<Banner> = serde_json::from_str::<Vec<WireBanner>>(banners)
        .or_fail("json")
        .into_iter()
        .filter_map(WireBanner::into_banner)
        .collect();
    assert_eq!(banners.len(), 2, "{banners:?}");
    assert_eq!(banners[0].link, None);
    assert_eq!(
        banners[1].link,
        Some(NavTarget::External("https://ok.example/".into()))
    );

    assert_eq!(image(Some("javascript:alert(1)".into())), None);
    assert_eq!(
        image(Some(" https://s/x.png ".into())).as_deref(),
        Some("https://s/x.png")
    );
}

/// `/api/archive/sku` as the documented edition answers it (the demo server's shape), with
/// a SKU naming an unknown value and an "unlimited" stock.
#[test]
fn archive_sku_decodes_into_the_picker_index() {
    let body = r#"{"code":0,"msg":null,"data":{"id":54,"title":"Merino","currency":"CNY","currency_symbol":"¥","price":29900,"min_price":29900.0,"max_price":32900.5,"user_limit":0,"quota_used":0,"order_count":3,"stock":61,
      "options":[{"id":1,"title":" 颜色 ","values":[{"id":11,"title":"红"},{"id":12,"title":"蓝"}]},{"id":2,"title":"尺码","values":[{"id":21,"title":"S"},{"id":22,"title":"M"}]},{"id":3,"title":"empty","values":null}],
      "skus":[{"id":101,"title":"红 / S","price":29900,"stock":0,"image":"https://shop.example/uploads/a.webp","option_ids":[11,21]},
              {"id":102,"title":"红 / M","price":32900,"stock":99999999,"image":"javascript:alert(1)","option_ids":[11,22]},
              {"id":103,"title":"蓝 / S","price":29900,"stock":-4,"image":"","option_ids":[12,21]},
              {"id":104,"title":"bad","price":1,"stock":5,"image":"","option_ids":[12,99]}],
      "wholesale_rules":[]}}"#;
    let reply = ok::<WireSkuInfo>(body);
    let index = reply.data.or_fail("sku data").into_index();
    assert_eq!(index.groups().len(), 2, "a group without values is dropped");
    assert_eq!(index.groups()[0].name, "颜色");
    let ids: Vec<i64> = index.skus().iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![101, 102, 103]);
    let red_m = index.selection_of_sku(102).or_fail("red/M");
    let sku = index.resolved(&red_m).or_fail("resolved");
    assert_eq!(sku.price, Money::from_cents(32900));
    assert_eq!(sku.stock, 99_999_999);
    assert_eq!(sku.image, None, "an unsafe image URL is dropped");
    assert_eq!(
        index.skus()[0].image.as_deref(),
        Some("https://shop.example/uploads/a.webp")
    );
    assert_eq!(index.skus()[2].stock, 0);
    assert_eq!(
        index.price_range(),
        Some((Money::from_cents(32900), Money::from_cents(32900))),
        "only red/M can be bought"
    );
}
