//! Deterministic demo content for an empty database: a Chinese main site and an English
//! sub-site (directory `/en/`), each with the default article/product modules, categories,
//! 44 articles, 45 products, tags, navigation, banners, friend links, settings and users.
//!
//! Nothing is random except the per-site token secrets; timestamps are relative to a fixed
//! date ([`SEED_NOW`]) so that two fresh databases hold identical content.
//!
//! Credentials: `demo` / `demo123456` (group level 1), `vip` / `vip123456` (level 3).
//! Password-protected archives use [`ARCHIVE_PASSWORD`] (`anqi2026`).

pub mod commerce;
mod data;
pub mod hostile;
pub mod retailer;

use rusqlite::{params, Connection, Transaction};
use serde_json::json;

use crate::auth;
use crate::repo::module::FieldDef;
use data::{Special, ARTICLES, CATEGORIES, COLORS, HOSTILE_HTML, PRODUCTS, SIZES, TAGS};

/// 2026-11-01T00:00:00Z: every seeded timestamp lies before it.
pub const SEED_NOW: i64 = 1_793_491_200;
/// The password of the password-protected archives.
pub const ARCHIVE_PASSWORD: &str = "anqi2026";
pub const DEMO_USER: (&str, &str) = ("demo", "demo123456");
pub const VIP_USER: (&str, &str) = ("vip", "vip123456");

const DAY: i64 = 86_400;

/// splitmix64: cheap deterministic pseudo-randomness for views, jitter and stock.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

impl Lang {
    fn site_id(self) -> i64 {
        match self {
            Lang::Zh => 1,
            Lang::En => 2,
        }
    }
    fn pick<T: Copy>(self, pair: (T, T)) -> T {
        match self {
            Lang::Zh => pair.0,
            Lang::En => pair.1,
        }
    }
    fn code(self) -> &'static str {
        self.pick(("zh", "en"))
    }
    fn zh(self) -> bool {
        self == Lang::Zh
    }
    fn all() -> [Lang; 2] {
        [Lang::Zh, Lang::En]
    }
}

/// Seeds both sites in one transaction when the database has no site yet.
pub fn seed_if_empty(conn: &mut Connection) -> rusqlite::Result<bool> {
    let sites: i64 = conn.query_row("SELECT COUNT(*) FROM sites", [], |r| r.get(0))?;
    if sites > 0 {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    for lang in [Lang::Zh, Lang::En] {
        seed_site(&tx, lang)?;
    }
    tx.commit()?;
    Ok(true)
}

/// See [`commerce::seed_if_missing`].
pub fn seed_commerce_if_missing(conn: &mut Connection, now: i64) -> rusqlite::Result<()> {
    commerce::seed_if_missing(conn, now)
}

pub use commerce::{apply_no_need_login, restore_switches};

/// See [`retailer::seed_if_missing`].
pub fn seed_retailer_if_missing(conn: &mut Connection, now: i64) -> rusqlite::Result<()> {
    retailer::seed_if_missing(conn, now)
}

fn upload(
    tx: &Transaction,
    path: &str,
    label: &str,
    hue: i64,
    w: i64,
    h: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO uploads (path, label, hue, width, height) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![path, label, hue, w, h],
    )?;
    Ok(())
}

fn seed_site(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    tx.execute(
        "INSERT INTO sites (id, name, language, language_name, language_emoji, dir, is_main, token_secret)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            site,
            lang.pick(("安企优选", "AnQi Select")),
            lang.pick(("zh-CN", "en")),
            lang.pick(("简体中文", "English")),
            lang.pick(("🇨🇳", "🇬🇧")),
            lang.pick(("", "en")),
            lang.zh() as i64,
            auth::random_hex(32),
        ],
    )?;
    seed_settings(tx, lang)?;
    seed_modules(tx, lang)?;
    seed_categories(tx, lang)?;
    seed_tags(tx, lang)?;
    seed_archives(tx, lang)?;
    seed_navs(tx, lang)?;
    seed_banners(tx, lang)?;
    seed_links(tx, lang)?;
    seed_users(tx, lang)?;
    let _ = code;
    Ok(())
}

fn seed_settings(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    let name = lang.pick(("安企优选", "AnQi Select"));
    upload(tx, &format!("/uploads/{code}/logo.svg"), name, 12, 320, 96)?;
    upload(
        tx,
        &format!("/uploads/{code}/qrcode.svg"),
        lang.pick(("扫码关注", "Scan me")),
        140,
        240,
        240,
    )?;
    for (kind, value) in settings_docs(lang) {
        tx.execute(
            "INSERT INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
            params![site, kind, value.to_string()],
        )?;
    }
    Ok(())
}

/// The `system`, `contact` and `index` settings documents as seeded.
fn settings_docs(lang: Lang) -> [(&'static str, serde_json::Value); 3] {
    let code = lang.code();
    let name = lang.pick(("安企优选", "AnQi Select"));
    // The API's PascalCase keys are the Go field names; extra fields appear under their name.
    let system = json!({
        "SiteName": name,
        "SiteLogo": format!("/uploads/{code}/logo.svg"),
        "SiteIcp": "沪ICP备2026012345号-1",
        "SiteCopyright": lang.pick(("© 2026 安企优选 版权所有", "© 2026 AnQi Select. All rights reserved.")),
        "BaseUrl": "",
        "MobileUrl": "",
        "AdminUrl": "",
        "SiteClose": 0,
        "SiteCloseTips": "",
        "BanSpider": 0,
        "TemplateName": "default",
        "TemplateType": 0,
        "TemplateUrl": "",
        "Language": lang.pick(("zh-CN", "en")),
        "Favicon": "/favicon.svg",
        "DefaultSite": lang.zh(),
        "ServiceHours": lang.pick(("每天 9:00–21:00", "Daily 9:00–21:00 (UTC+8)")),
        "FreeShippingThreshold": "9900",
    });
    let contact = json!({
        "UserName": lang.pick(("王晓安", "Grace Wang")),
        "Cellphone": "400-820-2026",
        "Address": lang.pick(("上海市浦东新区张江路 666 号 8 楼", "8F, 666 Zhangjiang Road, Pudong, Shanghai, China")),
        "Email": "service@anqi-select.example",
        "Wechat": "anqi-select",
        "QQ": "800820260",
        "WhatsApp": "+86 138 2026 0666",
        "Facebook": "https://www.facebook.com/anqiselect",
        "Twitter": "https://x.com/anqiselect",
        "Tiktok": "https://www.tiktok.com/@anqiselect",
        "Pinterest": "",
        "Linkedin": "https://www.linkedin.com/company/anqiselect",
        "Instagram": "https://www.instagram.com/anqiselect",
        "Youtube": "https://www.youtube.com/@anqiselect",
        "Qrcode": format!("/uploads/{code}/qrcode.svg"),
        "WorkingHours": lang.pick(("周一至周日 9:00–21:00", "Mon–Sun 9:00–21:00 (UTC+8)")),
    });
    let index = json!({
        "seo_title": lang.pick(("安企优选 - 品质生活好物商城", "AnQi Select - Good Things for Everyday Life")),
        "seo_keywords": lang.pick(("安企优选,厨房用品,家纺床品,数码配件,服饰鞋包,运动户外", "AnQi Select,kitchen,bedding,digital accessories,apparel,outdoor")),
        "seo_description": lang.pick((
            "安企优选精选厨房、家纺、数码、服饰与户外好物，正品保障，30 天无忧退换。",
            "AnQi Select curates kitchen, bedding, digital, apparel and outdoor essentials. Genuine products and 30-day free returns.",
        )),
        "sep": " - ",
    });
    [("system", system), ("contact", contact), ("index", index)]
}

fn field(name: &str, field_name: &str, kind: &str, is_filter: bool, content: String) -> FieldDef {
    FieldDef {
        name: name.into(),
        field_name: field_name.into(),
        kind: kind.into(),
        required: false,
        is_system: false,
        is_filter,
        follow_level: false,
        content,
        default: String::new(),
        remark: String::new(),
    }
}

fn seed_modules(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let article_fields = vec![
        field(
            lang.pick(("作者", "Author")),
            "author",
            "text",
            false,
            String::new(),
        ),
        field(
            lang.pick(("来源", "Source")),
            "source",
            "text",
            false,
            String::new(),
        ),
    ];
    let product_fields = vec![
        field(
            lang.pick(("颜色", "Colour")),
            "color",
            "select",
            true,
            lang.pick(COLORS).join("\n"),
        ),
        field(
            lang.pick(("尺码", "Size")),
            "size",
            "select",
            true,
            SIZES.join("\n"),
        ),
        field(
            lang.pick(("材质", "Material")),
            "material",
            "text",
            false,
            String::new(),
        ),
        field(
            lang.pick(("产地", "Origin")),
            "origin",
            "text",
            false,
            String::new(),
        ),
    ];
    let modules = [
        (
            1,
            "article",
            "news",
            lang.pick(("文章", "Articles")),
            lang.pick(("文章中心", "Articles")),
            lang.pick(("标题", "Title")),
            article_fields,
        ),
        (
            2,
            "product",
            "product",
            lang.pick(("产品", "Products")),
            lang.pick(("产品中心", "Products")),
            lang.pick(("产品名称", "Product name")),
            product_fields,
        ),
    ];
    for (id, table, token, name, title, title_name, fields) in modules {
        tx.execute(
            "INSERT INTO modules (site_id, id, table_name, url_token, title, name, title_name, fields, is_system, status, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 1, ?9, ?9)",
            params![
                site,
                id,
                table,
                token,
                title,
                name,
                title_name,
                serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()),
                SEED_NOW - 400 * DAY
            ],
        )?;
    }
    Ok(())
}

fn category_content(lang: Lang, slug: &str, title: &str, description: &str) -> String {
    let body = match (slug, lang.zh()) {
        ("about", true) => "<p>安企优选创立于 2023 年，总部位于上海。我们相信好东西不必昂贵，而是经得起时间的检验。</p><h2>我们的承诺</h2><ul><li>每一件商品都经过自建实验室检测</li><li>30 天无忧退换</li><li>7×24 小时在线客服</li></ul>".to_string(),
        ("about", false) => "<p>AnQi Select was founded in 2023 and is based in Shanghai. We believe good things need not be expensive; they need to stand the test of time.</p><h2>Our promise</h2><ul><li>Every product is tested in our own lab</li><li>30-day free returns</li><li>Customer service online 24/7</li></ul>".to_string(),
        ("contact", true) => "<p>客服热线：400-820-2026（每天 9:00–21:00）</p><p>邮箱：service@anqi-select.example</p><p>地址：上海市浦东新区张江路 666 号 8 楼</p>".to_string(),
        ("contact", false) => "<p>Phone: 400-820-2026 (daily 9:00–21:00, UTC+8)</p><p>Email: service@anqi-select.example</p><p>Address: 8F, 666 Zhangjiang Road, Pudong, Shanghai, China</p>".to_string(),
        ("shipping", true) => "<h2>配送</h2><p>订单满 99 元包邮，江浙沪次日达，其他地区 2–4 天送达。</p><h2>退换货</h2><p>签收后 30 天内可无理由退换，定制商品除外。</p>".to_string(),
        ("shipping", false) => "<h2>Delivery</h2><p>Free shipping on orders over ¥99. Next-day delivery around Shanghai, 2–4 days elsewhere.</p><h2>Returns</h2><p>Return anything within 30 days of delivery, except made-to-order items.</p>".to_string(),
        (_, true) => format!("<p>{description}</p><p>在「{title}」频道，我们按品质、口碑与性价比精选每一件商品与文章。</p>"),
        (_, false) => format!("<p>{description}</p><p>Everything in {title} is chosen for quality, reputation and value.</p>"),
    };
    // Hostile markup in one archive category and one single page (see data::HOSTILE_HTML).
    if slug == "kitchen" || slug == "about" {
        format!("{body}\n{HOSTILE_HTML}")
    } else {
        body
    }
}

fn seed_categories(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    for (i, c) in CATEGORIES.iter().enumerate() {
        let title = lang.pick(c.title);
        let description = lang.pick(c.description);
        let image = format!("/uploads/{code}/category-{}.svg", c.slug);
        upload(tx, &image, title, (c.id * 29) % 360, 800, 450)?;
        tx.execute(
            "INSERT INTO categories (site_id, id, parent_id, module_id, type, title, seo_title, keywords, url_token,
                description, content, sort, images, logo, status, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?15)",
            params![
                site,
                c.id,
                c.parent_id,
                c.module_id,
                c.kind,
                title,
                format!("{title}{}", lang.pick((" - 安企优选", " - AnQi Select"))),
                title,
                c.slug,
                description,
                category_content(lang, c.slug, title, description),
                i as i64,
                json!([image]).to_string(),
                image,
                SEED_NOW - (300 - i as i64) * DAY
            ],
        )?;
    }
    Ok(())
}

fn tag_id(slug: &str) -> i64 {
    TAGS.iter()
        .position(|t| t.0 == slug)
        .map(|i| i as i64 + 1)
        .unwrap_or(0)
}

fn seed_tags(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    for (i, (slug, title, letter)) in TAGS.iter().enumerate() {
        let title = lang.pick(*title);
        let first = if lang.zh() {
            letter.to_string()
        } else {
            title
                .chars()
                .next()
                .map(|c| c.to_ascii_uppercase().to_string())
                .unwrap_or_default()
        };
        let description = if lang.zh() {
            format!("与「{title}」相关的商品与文章。")
        } else {
            format!("Products and articles about {title}.")
        };
        tx.execute(
            "INSERT INTO tags (site_id, id, title, url_token, first_letter, seo_title, keywords, description, content,
                logo, category_id, status, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '', 0, 1, ?10, ?10)",
            params![
                site,
                i as i64 + 1,
                title,
                slug,
                first,
                title,
                title,
                description,
                format!("<p>{description}</p>"),
                SEED_NOW - (200 - i as i64) * DAY
            ],
        )?;
    }
    Ok(())
}

/// One archive to insert, whichever module it belongs to.
struct Row {
    module_id: i64,
    category_slug: &'static str,
    slug: &'static str,
    title: &'static str,
    price: i64,
    special: Special,
    /// Index within its own module's list (drives flags and tags).
    n: usize,
    product: Option<&'static data::ProductSeed>,
}

fn category_id(slug: &str) -> i64 {
    CATEGORIES
        .iter()
        .find(|c| c.slug == slug)
        .map(|c| c.id)
        .unwrap_or(0)
}

fn seed_archives(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    // Interleave articles and products so ids (and dates) mix both modules, as on a real site.
    let mut rows = Vec::new();
    for i in 0..ARTICLES.len().max(PRODUCTS.len()) {
        if let Some(a) = ARTICLES.get(i) {
            rows.push(Row {
                module_id: 1,
                category_slug: a.category,
                slug: a.slug,
                title: lang.pick(a.title),
                price: 0,
                special: a.special,
                n: i,
                product: None,
            });
        }
        if let Some(p) = PRODUCTS.get(i) {
            rows.push(Row {
                module_id: 2,
                category_slug: p.category,
                slug: p.slug,
                title: lang.pick(p.title),
                price: p.price,
                special: p.special,
                n: i,
                product: Some(p),
            });
        }
    }
    let total = rows.len() as i64;
    let mut sku_ids = SkuIds::default();
    for (idx, row) in rows.iter().enumerate() {
        let id = idx as i64 + 1;
        insert_archive(tx, lang, id, total, row, &mut sku_ids)?;
    }
    Ok(())
}

#[derive(Default)]
struct SkuIds {
    option: i64,
    value: i64,
    sku: i64,
}

fn insert_archive(
    tx: &Transaction,
    lang: Lang,
    id: i64,
    total: i64,
    row: &Row,
    ids: &mut SkuIds,
) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    let h = mix(id as u64 * 31 + row.module_id as u64);
    // Newest ids last; about two days apart, with a few hours of jitter.
    let created = SEED_NOW - (total - id + 1) * 2 * DAY - (h % (20 * 3600)) as i64;
    let updated = created + (h % (3 * DAY as u64)) as i64;
    let views = 40 + (h % 4_800) as i64;
    let cat_id = category_id(row.category_slug);
    let cat = CATEGORIES.iter().find(|c| c.id == cat_id);
    let cat_title = cat.map(|c| lang.pick(c.title)).unwrap_or("");

    let image_count = 2 + (h % 3) as usize;
    let hue = (h % 360) as i64;
    let images: Vec<String> = (1..=image_count)
        .map(|k| format!("/uploads/{code}/{}-{k}.svg", row.slug))
        .collect();
    for (k, path) in images.iter().enumerate() {
        let label = if k == 0 {
            row.title.to_string()
        } else {
            format!("{} · {}", row.title, lang.pick(("细节", "detail")))
        };
        upload(tx, path, &label, (hue + 35 * k as i64) % 360, 800, 800)?;
    }

    let colors = lang.pick(COLORS);
    let color = colors[(h >> 8) as usize % colors.len()];
    let size = SIZES[(h >> 16) as usize % SIZES.len()];

    let (description, content, keywords, fields): (String, String, String, Vec<(&str, String)>) =
        match row.product {
            Some(p) => {
                let material = lang.pick(p.material);
                let origin = lang.pick(p.origin);
                let (hl_zh, hl_en) = data::highlights(row.category_slug);
                let highlights = if lang.zh() { hl_zh } else { hl_en };
                let description = if lang.zh() {
                    format!(
                        "{}，{}材质，产自{}。{}。",
                        row.title, material, origin, highlights[0]
                    )
                } else {
                    format!(
                        "{} in {}, made in {}. {}.",
                        row.title, material, origin, highlights[0]
                    )
                };
                let labels = lang.pick((
                    ["材质", "产地", "颜色", "尺码"],
                    ["Material", "Origin", "Colour", "Size"],
                ));
                let mut html = format!(
                "<p>{description}</p>\n<h2>{}</h2>\n<ul>{}</ul>\n<p><img src=\"{}\" alt=\"{}\"></p>\n<h2>{}</h2>\n<table><tbody>\
<tr><th>{}</th><td>{material}</td></tr><tr><th>{}</th><td>{origin}</td></tr><tr><th>{}</th><td>{color}</td></tr><tr><th>{}</th><td>{size}</td></tr>\
</tbody></table>\n<h2>{}</h2>\n<p>{}</p>",
                lang.pick(("产品亮点", "Highlights")),
                highlights.iter().map(|h| format!("<li>{h}</li>")).collect::<String>(),
                images[1],
                row.title,
                lang.pick(("规格参数", "Specifications")),
                labels[0],
                labels[1],
                labels[2],
                labels[3],
                lang.pick(("售后服务", "After-sales service")),
                lang.pick(("支持 30 天无忧退换，满 99 元包邮。", "30-day free returns; free shipping on orders over ¥99.")),
            );
                if row.special == Special::Xss {
                    html = format!("{html}\n{HOSTILE_HTML}");
                }
                let keywords = format!("{cat_title},{material}");
                let fields = vec![
                    ("color", color.to_string()),
                    ("size", size.to_string()),
                    ("material", material.to_string()),
                    ("origin", origin.to_string()),
                ];
                (description, html, keywords, fields)
            }
            None => {
                let t = data::article_text(row.category_slug, lang.zh());
                let description = if lang.zh() {
                    format!("{}。{}", row.title, t[0])
                } else {
                    format!("{}. {}", row.title, t[0])
                };
                let mut html = format!(
                "<p>{}</p>\n<h2>{}</h2>\n<p>{}</p>\n<p><img src=\"{}\" alt=\"{}\"></p>\n<h2>{}</h2>\n<p>{}</p>\n<blockquote>{}</blockquote>",
                t[0], t[1], t[2], images[1], row.title, t[3], t[4], t[5]
            );
                if row.special == Special::Xss {
                    html = format!("{html}\n{HOSTILE_HTML}");
                }
                let authors = lang.pick((
                    ["林晓", "陈思远", "周以宁", "安企编辑部"],
                    ["Lin Xiao", "Chen Siyuan", "Zhou Yining", "AnQi Editors"],
                ));
                let fields = vec![
                    (
                        "author",
                        authors[(h >> 4) as usize % authors.len()].to_string(),
                    ),
                    ("source", lang.pick(("安企优选", "AnQi Select")).to_string()),
                ];
                (description, html, cat_title.to_string(), fields)
            }
        };

    let (read_level, password) = match row.special {
        Special::ReadLevel(l) => (l, ""),
        Special::Password => (0, ARCHIVE_PASSWORD),
        _ => (0, ""),
    };
    // A sold-out and a low-stock product for the storefront's stock states.
    let stock = match row.slug {
        "fingerless-cycling-gloves" => 0,
        "goose-down-comforter" => 5,
        _ => 9_999_999,
    };
    tx.execute(
        "INSERT INTO archives (site_id, id, parent_id, module_id, category_id, title, seo_title, url_token, keywords,
            description, content, images, price, stock, read_level, password, sort, views, comment_count, user_id,
            status, created_time, updated_time)
         VALUES (?1, ?2, 0, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, ?16, 0, 1, ?17, ?18)",
        params![
            site,
            id,
            row.module_id,
            cat_id,
            row.title,
            row.slug,
            keywords,
            description,
            content,
            serde_json::to_string(&images).unwrap_or_else(|_| "[]".into()),
            row.price,
            stock,
            read_level,
            password,
            views,
            // No comments are seeded, so the count stays 0.
            0,
            created,
            updated
        ],
    )?;
    for (name, value) in &fields {
        tx.execute(
            "INSERT INTO archive_fields (site_id, archive_id, field_name, value) VALUES (?1, ?2, ?3, ?4)",
            params![site, id, name, value],
        )?;
    }

    // Flags, stored one row per letter in AnqiCMS's canonical order.
    let n = row.n;
    let is_product = row.module_id == 2;
    let mut flags = Vec::new();
    if (is_product && n.is_multiple_of(7)) || (!is_product && n.is_multiple_of(5)) {
        flags.push("h");
    }
    if (is_product && n.is_multiple_of(3)) || (!is_product && n.is_multiple_of(4)) {
        flags.push("c");
    }
    if (is_product && (1..=4).contains(&n)) || (!is_product && (1..=3).contains(&n)) {
        flags.push("f");
    }
    if is_product || n.is_multiple_of(2) {
        flags.push("p");
    }
    for flag in flags {
        tx.execute(
            "INSERT INTO archive_flags (site_id, archive_id, flag) VALUES (?1, ?2, ?3)",
            params![site, id, flag],
        )?;
    }

    for tag in archive_tags(row) {
        tx.execute(
            "INSERT OR IGNORE INTO tag_archives (site_id, tag_id, archive_id) VALUES (?1, ?2, ?3)",
            params![site, tag_id(tag), id],
        )?;
    }

    if is_product
        && matches!(row.category_slug, "bedding" | "apparel" | "outdoor")
        && row.special == Special::None
    {
        seed_skus(tx, lang, id, row, &images[0], color, ids)?;
    }
    Ok(())
}

/// Tag slugs for an archive: one by category plus a few by rule.
fn archive_tags(row: &Row) -> Vec<&'static str> {
    let n = row.n;
    let mut tags = vec![match row.category_slug {
        "kitchen" | "bedding" => "home-decor",
        "digital" => "smart-gadgets",
        "apparel" => "gift-ideas",
        "outdoor" => "travel",
        "company-news" => "brand-story",
        "industry-news" => "trends",
        _ => "how-to",
    }];
    if row.module_id == 2 {
        if n.is_multiple_of(6) {
            tags.push("new-arrivals");
        }
        if n % 5 == 1 {
            tags.push("best-sellers");
        }
        if n % 7 == 3 {
            tags.push("limited-offer");
        }
        if row.category_slug == "outdoor" && n.is_multiple_of(2) {
            tags.push("fitness");
        }
        let slug = row.slug;
        if ["bamboo", "linen", "organic", "silk", "glass"]
            .iter()
            .any(|w| slug.contains(w))
        {
            tags.push("eco-friendly");
        }
        if [
            "yixing", "ceramic", "leather", "qipao", "teapot", "cashmere",
        ]
        .iter()
        .any(|w| slug.contains(w))
        {
            tags.push("handmade");
        }
        if ["gift", "tea", "silk", "cashmere", "scarf"]
            .iter()
            .any(|w| slug.contains(w))
        {
            tags.push("gift-ideas");
        }
    } else {
        if n % 4 == 1 {
            tags.push("new-arrivals");
        }
        if row.slug.contains("gift") {
            tags.push("gift-ideas");
        }
        if row.slug.contains("camping")
            || row.slug.contains("running")
            || row.slug.contains("fitness")
        {
            tags.push("fitness");
        }
    }
    tags
}

/// The shapes of specification the seed covers (§ "Seed products of four kinds"; products
/// without specifications are the fourth kind).
enum SkuPlan {
    /// One group: colour only.
    OneGroup,
    /// Colour × size, every combination.
    TwoGroups,
    /// Colour × size × width, with some combinations never made and some sold out.
    ThreeGroups,
    /// 10 × 10 × 10 = 1,000 SKUs, for the picker's benchmark and its worst case.
    Large,
}

fn sku_plan(slug: &str) -> SkuPlan {
    match slug {
        "mulberry-silk-pillowcase" => SkuPlan::OneGroup,
        "trail-running-shoes" => SkuPlan::ThreeGroups,
        "lightweight-down-jacket" => SkuPlan::Large,
        _ => SkuPlan::TwoGroups,
    }
}

/// Specifications for a product: option groups and one SKU per made combination. Larger
/// sizes cost a little more, and a few combinations are sold out.
fn seed_skus(
    tx: &Transaction,
    lang: Lang,
    archive_id: i64,
    row: &Row,
    image: &str,
    color: &str,
    ids: &mut SkuIds,
) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let colors = lang.pick(COLORS);
    let start = colors.iter().position(|c| *c == color).unwrap_or(0);
    let three_colors: Vec<String> = (0..3)
        .map(|k| colors[(start + k) % colors.len()].to_string())
        .collect();
    let sizes: Vec<String> = SIZES.iter().map(|s| s.to_string()).collect();
    let colour = lang.pick(("颜色", "Colour")).to_string();
    let size = lang.pick(("尺码", "Size")).to_string();
    let plan = sku_plan(row.slug);
    let groups: Vec<(String, Vec<String>)> = match plan {
        SkuPlan::OneGroup => vec![(colour, three_colors)],
        SkuPlan::TwoGroups => vec![(colour, three_colors), (size, sizes)],
        SkuPlan::ThreeGroups => vec![
            (colour, three_colors),
            (size, sizes),
            (
                lang.pick(("鞋宽", "Width")).to_string(),
                vec![
                    lang.pick(("标准", "Standard")).to_string(),
                    lang.pick(("加宽", "Wide")).to_string(),
                ],
            ),
        ],
        SkuPlan::Large => {
            let shades = lang.pick(("色号", "Shade"));
            vec![
                (
                    colour,
                    (1..=10).map(|n| format!("{shades} {n:02}")).collect(),
                ),
                (
                    size,
                    ["XS", "S", "M", "L", "XL", "2XL", "3XL", "4XL", "5XL", "6XL"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                ),
                (
                    lang.pick(("衣长", "Length")).to_string(),
                    (0..10).map(|k| format!("{} cm", 58 + k * 2)).collect(),
                ),
            ]
        }
    };
    let mut value_ids: Vec<Vec<(i64, String)>> = Vec::new();
    for (sort, (title, values)) in groups.iter().enumerate() {
        ids.option += 1;
        tx.execute(
            "INSERT INTO sku_options (site_id, id, archive_id, title, sort) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![site, ids.option, archive_id, title, sort as i64],
        )?;
        let mut vals = Vec::new();
        for (vs, v) in values.iter().enumerate() {
            ids.value += 1;
            tx.execute(
                "INSERT INTO sku_option_values (site_id, id, option_id, title, sort) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![site, ids.value, ids.option, v, vs as i64],
            )?;
            vals.push((ids.value, v.clone()));
        }
        value_ids.push(vals);
    }
    let step = ((row.price / 20) / 100 * 100).max(100);
    // Every combination of value positions, first group slowest.
    let mut combos: Vec<Vec<usize>> = vec![Vec::new()];
    for group in &value_ids {
        combos = combos
            .into_iter()
            .flat_map(|prefix| {
                (0..group.len()).map(move |v| {
                    let mut next = prefix.clone();
                    next.push(v);
                    next
                })
            })
            .collect();
    }
    for (n, combo) in combos.iter().enumerate() {
        let h = mix((archive_id * 10_000 + n as i64) as u64);
        let size_index = combo.get(1).copied().unwrap_or(0) as i64;
        let made = match plan {
            // Wide shoes are not made in S, and the third colour has no XL.
            SkuPlan::ThreeGroups => {
                !((combo[2] == 1 && combo[1] == 0) || (combo[0] == 2 && combo[1] == 3))
            }
            _ => true,
        };
        if !made {
            continue;
        }
        let stock = match (row.slug, &plan) {
            // The sold-out product: every combination is out of stock.
            ("fingerless-cycling-gloves", _) => 0,
            // The low-stock product: 5 pieces left in two combinations.
            ("goose-down-comforter", _) => [2, 3].get(n).copied().unwrap_or(0),
            // Shoes: the first colour in M, standard width, is sold out (a deep-link case).
            (_, SkuPlan::ThreeGroups) if combo == &[0, 1, 0] => 0,
            _ if h.is_multiple_of(7) => 0,
            _ => 3 + (h % 60) as i64,
        };
        let price = row.price + step * (size_index - 1).max(0);
        let title = combo
            .iter()
            .enumerate()
            .map(|(g, &v)| value_ids[g][v].1.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        let option_ids: Vec<i64> = combo
            .iter()
            .enumerate()
            .map(|(g, &v)| value_ids[g][v].0)
            .collect();
        ids.sku += 1;
        tx.execute(
            "INSERT INTO skus (site_id, id, archive_id, title, price, stock, image, option_ids)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                site,
                ids.sku,
                archive_id,
                title,
                price,
                stock,
                image,
                json!(option_ids).to_string()
            ],
        )?;
    }
    // With specifications, the product's stock is the sum over its SKUs.
    tx.execute(
        "UPDATE archives SET stock = (SELECT COALESCE(SUM(stock), 0) FROM skus WHERE site_id = ?1 AND archive_id = ?2)
         WHERE site_id = ?1 AND id = ?2",
        params![site, archive_id],
    )?;
    Ok(())
}

fn archive_id_by_slug(tx: &Transaction, site: i64, slug: &str) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT id FROM archives WHERE site_id = ?1 AND url_token = ?2",
        params![site, slug],
        |r| r.get(0),
    )
}

/// `(id, type_id, parent_id, title, sub_title, nav_type, page_id, link)`
type NavSeed<'a> = (i64, i64, i64, &'a str, &'a str, i64, i64, &'a str);

fn seed_navs(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let cat_title = |id: i64| {
        CATEGORIES
            .iter()
            .find(|c| c.id == id)
            .map(|c| lang.pick(c.title))
            .unwrap_or("")
    };
    let featured = archive_id_by_slug(tx, site, "ceramic-pour-over-coffee-set")?;
    let navs: Vec<NavSeed> = vec![
        (1, 1, 0, lang.pick(("首页", "Home")), "Home", 0, 0, ""),
        (2, 1, 0, cat_title(5), "Products", 1, 5, ""),
        (3, 1, 2, cat_title(6), "Home & Living", 1, 6, ""),
        (4, 1, 3, cat_title(7), "Kitchen", 1, 7, ""),
        (5, 1, 3, cat_title(8), "Bedding", 1, 8, ""),
        (6, 1, 2, cat_title(9), "Digital", 1, 9, ""),
        (7, 1, 2, cat_title(10), "Apparel", 1, 10, ""),
        (8, 1, 2, cat_title(11), "Outdoor", 1, 11, ""),
        (9, 1, 0, cat_title(1), "News", 1, 1, ""),
        (10, 1, 9, cat_title(2), "Company", 1, 2, ""),
        (11, 1, 9, cat_title(3), "Industry", 1, 3, ""),
        (12, 1, 9, cat_title(4), "Guides", 1, 4, ""),
        (13, 1, 0, cat_title(12), "About", 1, 12, ""),
        (14, 1, 0, cat_title(13), "Contact", 1, 13, ""),
        (
            15,
            1,
            0,
            lang.pick(("AnqiCMS 官网", "AnqiCMS")),
            "AnqiCMS",
            2,
            0,
            "https://www.anqicms.com/",
        ),
        (16, 2, 0, cat_title(14), "Shipping", 1, 14, ""),
        (17, 2, 0, cat_title(12), "About", 1, 12, ""),
        (18, 2, 0, cat_title(13), "Contact", 1, 13, ""),
        (
            19,
            2,
            0,
            lang.pick(("本周推荐", "Pick of the Week")),
            "Featured",
            3,
            featured,
            "",
        ),
    ];
    for (i, (id, type_id, parent, title, sub, nav_type, page_id, link)) in
        navs.into_iter().enumerate()
    {
        tx.execute(
            "INSERT INTO navs (site_id, id, type_id, parent_id, title, sub_title, description, nav_type, page_id, link,
                logo, style, sort, status, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8, ?9, '', '', ?10, 1, ?11, ?11)",
            params![site, id, type_id, parent, title, sub, nav_type, page_id, link, i as i64, SEED_NOW - 250 * DAY],
        )?;
    }
    Ok(())
}

/// `(group, link, title, description, hue)`
type BannerSeed = (&'static str, &'static str, data::Bi, data::Bi, i64);

fn seed_banners(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    let items: [BannerSeed; 5] = [
        (
            "default",
            "/product/10",
            ("秋冬新品上市", "Autumn–Winter New Arrivals"),
            (
                "天然面料，温暖一整季",
                "Natural fabrics to keep you warm all season",
            ),
            20,
        ),
        (
            "default",
            "/product/7",
            ("厨房好物 低至 7 折", "Kitchen Favourites up to 30% Off"),
            (
                "锅具、刀具、茶具限时特惠",
                "Limited-time deals on cookware, knives and tea ware",
            ),
            200,
        ),
        (
            "default",
            "/12.html",
            ("会员日 双倍积分", "Member Day: Double Points"),
            (
                "每月 18 日，会员消费享双倍积分",
                "Double points for members on the 18th of every month",
            ),
            280,
        ),
        (
            "promo",
            "/product/11",
            ("露营季 装备焕新", "Camping Season Gear-Up"),
            (
                "帐篷、睡袋、露营椅一站购齐",
                "Tents, chairs and more in one place",
            ),
            110,
        ),
        (
            "promo",
            "/product/9",
            (
                "数码配件满 199 减 30",
                "¥30 Off Digital Accessories over ¥199",
            ),
            (
                "快充、耳机、键盘都参加",
                "Chargers, earbuds and keyboards included",
            ),
            320,
        ),
    ];
    for (i, (kind, link, title, desc, hue)) in items.iter().enumerate() {
        let logo = format!("/uploads/{code}/banner-{}.svg", i + 1);
        upload(tx, &logo, lang.pick(*title), *hue, 1200, 400)?;
        tx.execute(
            "INSERT INTO banners (site_id, id, type, logo, link, alt, description, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![site, i as i64 + 1, kind, logo, link, lang.pick(*title), lang.pick(*desc), i as i64],
        )?;
    }
    Ok(())
}

fn seed_links(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let links = [
        (
            ("AnqiCMS 安企内容管理系统", "AnqiCMS"),
            "https://www.anqicms.com/",
            1,
        ),
        (("Leptos 框架", "Leptos"), "https://leptos.dev/", 1),
        (
            ("Rust 编程语言", "The Rust Programming Language"),
            "https://www.rust-lang.org/",
            1,
        ),
        (("SQLite 数据库", "SQLite"), "https://www.sqlite.org/", 0),
        (("开源中国", "OSChina"), "https://www.oschina.net/", 0),
    ];
    for (i, (title, url, status)) in links.iter().enumerate() {
        tx.execute(
            "INSERT INTO links (site_id, id, title, link, back_link, my_title, my_link, contact, remark, nofollow, sort,
                status, checked_time, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, '', ?5, '', '', '', ?6, ?7, ?8, ?9, ?9, ?9)",
            params![
                site,
                i as i64 + 1,
                lang.pick(*title),
                url,
                lang.pick(("安企优选", "AnQi Select")),
                (i >= 3) as i64,
                i as i64,
                status,
                SEED_NOW - (90 - i as i64) * DAY
            ],
        )?;
    }
    Ok(())
}

fn seed_users(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    retailer::write_groups(tx, lang)?;
    let users = [
        (
            1,
            DEMO_USER,
            "demo@example.com",
            "13800138000",
            lang.pick(("演示用户", "Demo User")),
            1,
        ),
        (
            2,
            VIP_USER,
            "vip@example.com",
            "13900139000",
            lang.pick(("VIP 用户", "VIP User")),
            3,
        ),
    ];
    for (id, (name, password), email, phone, real_name, group) in users {
        let salt = format!("seed-{name}-{site}");
        let avatar = format!("/uploads/{code}/avatar-{name}.svg");
        upload(
            tx,
            &avatar,
            &name.to_uppercase(),
            if id == 1 { 200 } else { 45 },
            128,
            128,
        )?;
        tx.execute(
            "INSERT INTO users (site_id, id, user_name, real_name, email, phone, avatar_url, introduce, group_id, status,
                password_hash, salt, balance, invite_code, last_login, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, 1, ?9, ?10, ?13, ?11, 0, ?12, ?12)",
            params![
                site,
                id,
                name,
                real_name,
                email,
                phone,
                avatar,
                group,
                auth::hash_password(&salt, password),
                salt,
                crate::repo::user::invite_code(id),
                SEED_NOW - (120 - id) * DAY,
                // A balance to pay with: ¥80 for demo (less than some orders), ¥2,000 for vip.
                if name == "vip" { 200_000 } else { 8_000 }
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_counts_and_determinism() {
        let mut a = crate::db::open(None).expect("open");
        crate::db::migrate(&mut a).expect("migrate");
        assert!(seed_if_empty(&mut a).expect("seed"));
        assert!(!seed_if_empty(&mut a).expect("second seed is a no-op"));
        for site in [1, 2] {
            let count = |sql: &str| -> i64 { a.query_row(sql, [site], |r| r.get(0)).expect(sql) };
            assert!(
                count("SELECT COUNT(*) FROM archives WHERE site_id = ?1 AND module_id = 1") >= 40
            );
            assert!(
                count("SELECT COUNT(*) FROM archives WHERE site_id = ?1 AND module_id = 2") >= 40
            );
            assert!(count("SELECT COUNT(*) FROM categories WHERE site_id = ?1 AND type = 1") >= 8);
            assert!(count("SELECT COUNT(*) FROM tags WHERE site_id = ?1") >= 10);
            assert!(count("SELECT COUNT(*) FROM links WHERE site_id = ?1") >= 4);
            assert_eq!(
                count("SELECT COUNT(*) FROM archives a WHERE site_id = ?1 AND module_id = 2 AND (SELECT COUNT(*) FROM archive_fields f WHERE f.site_id = a.site_id AND f.archive_id = a.id AND f.field_name IN ('color','size')) != 2"),
                0,
                "every product has a colour and a size"
            );
            assert_eq!(
                count("SELECT COUNT(*) FROM tags t WHERE site_id = ?1 AND NOT EXISTS (SELECT 1 FROM tag_archives ta WHERE ta.site_id = t.site_id AND ta.tag_id = t.id)"),
                0,
                "every tag is used"
            );
        }
        let mut b = crate::db::open(None).expect("open");
        crate::db::migrate(&mut b).expect("migrate");
        seed_if_empty(&mut b).expect("seed");
        let dump = |c: &Connection| -> Vec<(i64, String, i64, i64)> {
            let mut s = c
                .prepare(
                    "SELECT id, content, created_time, views FROM archives ORDER BY site_id, id",
                )
                .expect("prepare");
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .expect("query");
            rows.collect::<Result<_, _>>().expect("rows")
        };
        assert_eq!(dump(&a), dump(&b), "seeding is deterministic");
    }
}
