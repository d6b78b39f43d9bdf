//! The hostile test state (`POST /__test/hostile`): a CMS whose data is hostile.
//!
//! Switching it on adds rows with ids from [`FIRST_ID`] on every site (nav items in both
//! menus, banners, friend links, a category, a single page, a tag, a product and an
//! article) and puts hostile text into the settings documents. Switching it off deletes
//! those rows and writes the seeded settings back, so the database is exactly as seeded.
//!
//! Every script payload sets `top.__xss` (a few call `top.__xssTrap?.()`), so a browser
//! test can tell whether anything executed. The values are listed in the README.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{json, Value};

use super::data::HOSTILE_HTML;
use super::{settings_docs, Lang, DAY, SEED_NOW};

/// Hostile rows use ids from here on, far above the seeded ones.
pub const FIRST_ID: i64 = 900;

/// Hostile `href` values, one nav item (per menu) each: `(label, link)`.
pub const LINKS: &[(&str, &str)] = &[
    ("XSS javascript", "javascript:top.__xss=1"),
    ("XSS mixed case", " JaVaScRiPt:top.__xss=1"),
    ("XSS tab", "java\tscript:top.__xss=1"),
    ("XSS newline", "java\nscript:top.__xss=1"),
    ("XSS control char", "\u{1}javascript:top.__xss=1"),
    ("XSS entity", "&#106;avascript:top.__xss=1"),
    ("XSS colon entity", "javascript&colon;top.__xss=1"),
    ("XSS comment newline", "javascript://%0Atop.__xss=1"),
    ("XSS trap", "javascript:top.__xssTrap?.()"),
    ("XSS vbscript", "vbscript:top.__xss=1"),
    ("XSS data", "data:text/html,<script>top.__xss=1</script>"),
];

/// Hostile text for titles and other plain-text fields.
pub const TEXT_IMG: &str = r#"<img src=x onerror="top.__xss=1">"#;
pub const TEXT_SCRIPT: &str = "<script>top.__xss=1</script>";
pub const TEXT_BREAKOUT: &str = r#""><img src=x onerror=top.__xss=1>"#;
pub const TEXT_TITLE: &str = "</title><script>top.__xss=1</script>";
pub const TEXT_SVG: &str = "<svg onload=top.__xss=1>";

/// Hostile image values (passed on as stored while the state is on).
pub const IMG_JS: &str = "javascript:top.__xss=1";
pub const IMG_SVG: &str =
    r#"data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="top.__xss=1"/>"#;
pub const IMG_BREAKOUT: &str = r#"x" onerror="top.__xss=1"#;

/// The hostile `link` of the archives, category, page and tag.
pub const LINK_JS: &str = "javascript:top.__xss=1";

pub const PRODUCT_ID: i64 = 901;
pub const ARTICLE_ID: i64 = 902;
pub const CATEGORY_ID: i64 = 901;
pub const PAGE_ID: i64 = 902;
pub const TAG_ID: i64 = 901;
pub const PRODUCT_TOKEN: &str = "xss-hostile-product";
pub const ARTICLE_TOKEN: &str = "xss-hostile-article";
pub const CATEGORY_TOKEN: &str = "xss-hostile-category";
pub const PAGE_TOKEN: &str = "xss-hostile-page";
pub const TAG_TOKEN: &str = "xss-hostile-tag";
/// The hostile user group (`/api/user/groups`, bought like any other).
pub const GROUP_ID: i64 = 901;

/// Rich content of the hostile archives, category, page and tag: hostile links and
/// elements that touch `top`, then the seed's `window.__xss` block.
pub const CONTENT: &str = r#"<h2>Hostile content</h2>
<p><a href="javascript:top.__xss=1">javascript link</a></p>
<p><a href=" JaVaScRiPt:top.__xss=1">mixed-case link</a></p>
<p><a href="java&#9;script:top.__xss=1">entity-tab link</a></p>
<p><a href="&#106;avascript:top.__xss=1">entity link</a></p>
<p><a href="javascript&colon;top.__xss=1">colon-entity link</a></p>
<p><a href="javascript://%0Atop.__xss=1">comment-newline link</a></p>
<p><a href="vbscript:top.__xss=1">vbscript link</a></p>
<p><a href="data:text/html,&lt;script&gt;top.__xss=1&lt;/script&gt;">data link</a></p>
<p><a href="/product/26.html" onclick="top.__xss=1">own link with a handler</a></p>
<p><img src="javascript:top.__xss=1" alt="javascript src"><img src="x" onerror="top.__xss=1" alt="onerror"></p>
<script>top.__xss=1</script>
<svg><script>top.__xss=1</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror="top.__xss=1"></style></mglyph></table></mtext></math>
<iframe srcdoc="<script>top.__xss=1</script>"></iframe>
<p style="background:url(javascript:top.__xss=1)">styled</p>
<form><button formaction="javascript:top.__xss=1">submit</button></form>
<details open ontoggle="top.__xss=1"><summary>details</summary></details>
<input autofocus onfocus="top.__xss=1">
<noscript><p title="</noscript><img src=x onerror=top.__xss=1>"></p></noscript>
<base href="javascript:top.__xss=1//">
<meta http-equiv="refresh" content="0;url=javascript:top.__xss=1">"#;

/// Whether the hostile rows are present.
pub fn is_on(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM navs WHERE id > ?1 LIMIT 1",
            [FIRST_ID],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_some())
}

/// Puts every site into the hostile state (from scratch, so calling it twice is fine).
pub fn enable(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    remove(&tx)?;
    for lang in Lang::all() {
        insert(&tx, lang)?;
    }
    tx.commit()
}

/// Back to the seeded data on every site; a no-op when the state is off.
pub fn disable(conn: &mut Connection) -> rusqlite::Result<()> {
    if !is_on(conn)? {
        return Ok(());
    }
    let tx = conn.transaction()?;
    remove(&tx)?;
    for lang in Lang::all() {
        write_settings(&tx, lang, settings_docs(lang))?;
    }
    tx.commit()
}

fn remove(tx: &Transaction) -> rusqlite::Result<()> {
    for sql in [
        "DELETE FROM navs WHERE id > ?1",
        "DELETE FROM banners WHERE id > ?1",
        "DELETE FROM links WHERE id > ?1",
        "DELETE FROM archives WHERE id > ?1",
        "DELETE FROM archive_flags WHERE archive_id > ?1",
        "DELETE FROM archive_fields WHERE archive_id > ?1",
        "DELETE FROM tag_archives WHERE archive_id > ?1 OR tag_id > ?1",
        "DELETE FROM cart_items WHERE archive_id > ?1",
        "DELETE FROM categories WHERE id > ?1",
        "DELETE FROM tags WHERE id > ?1",
        "DELETE FROM user_groups WHERE id > ?1",
    ] {
        tx.execute(sql, [FIRST_ID])?;
    }
    Ok(())
}

fn write_settings(
    tx: &Transaction,
    lang: Lang,
    docs: [(&'static str, Value); 3],
) -> rusqlite::Result<()> {
    for (kind, value) in docs {
        tx.execute(
            "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
            params![lang.site_id(), kind, value.to_string()],
        )?;
    }
    Ok(())
}

fn set(doc: &mut Value, key: &str, value: &str) {
    if let Value::Object(map) = doc {
        map.insert(key.to_string(), Value::String(value.to_string()));
    }
}

fn insert(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let name = lang.pick(("安企优选", "AnQi Select"));
    let time = SEED_NOW + DAY;

    // Settings: the seeded documents with hostile values in the fields a shop shows.
    let mut docs = settings_docs(lang);
    for (kind, doc) in docs.iter_mut() {
        let values: Vec<(&str, String)> = match *kind {
            "system" => vec![
                ("SiteName", format!("{name}{TEXT_IMG}")),
                ("SiteLogo", IMG_JS.into()),
                ("SiteCopyright", format!("© 2026 {TEXT_SCRIPT}")),
                ("SiteIcp", TEXT_BREAKOUT.into()),
                ("ServiceHours", TEXT_SVG.into()),
            ],
            "contact" => vec![
                ("UserName", TEXT_IMG.into()),
                ("Cellphone", format!("{TEXT_SCRIPT}400-820-2026")),
                ("Email", format!("{TEXT_BREAKOUT}@example.com")),
                ("Address", format!("{TEXT_IMG}Shanghai")),
                ("Wechat", LINK_JS.into()),
                ("WhatsApp", LINK_JS.into()),
                ("Facebook", LINK_JS.into()),
                ("Twitter", " JaVaScRiPt:top.__xss=1".into()),
                (
                    "Youtube",
                    "data:text/html,<script>top.__xss=1</script>".into(),
                ),
                ("Qrcode", IMG_JS.into()),
                ("WorkingHours", TEXT_SVG.into()),
            ],
            _ => vec![
                ("seo_title", TEXT_TITLE.into()),
                ("seo_keywords", TEXT_BREAKOUT.into()),
                ("seo_description", TEXT_IMG.into()),
            ],
        };
        for (key, value) in values {
            set(doc, key, &value);
        }
    }
    write_settings(tx, lang, docs)?;

    // Nav items of the external type (2) in the main menu (1) and the footer (2): one per
    // hostile link, one with a hostile title (safe link), one child of "Products" (nav 2).
    let mut id = FIRST_ID;
    for type_id in [1, 2] {
        let mut rows: Vec<(i64, String, &str, &str)> =
            vec![(0, format!("{TEXT_IMG}Menu"), TEXT_SCRIPT, "/12.html")];
        rows.extend(
            LINKS
                .iter()
                .map(|(label, link)| (0, label.to_string(), "", *link)),
        );
        if type_id == 1 {
            rows.push((2, format!("{TEXT_SVG}Child"), "", LINK_JS));
        }
        for (sort, (parent, title, sub_title, link)) in rows.into_iter().enumerate() {
            id += 1;
            tx.execute(
                "INSERT INTO navs (site_id, id, type_id, parent_id, title, sub_title, description, nav_type, page_id,
                    link, logo, style, sort, status, created_time, updated_time)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 2, 0, ?8, ?9, '', ?10, 1, ?11, ?11)",
                params![
                    site,
                    id,
                    type_id,
                    parent,
                    title,
                    sub_title,
                    TEXT_BREAKOUT,
                    link,
                    if sort == 0 { IMG_JS } else { "" },
                    100 + sort as i64,
                    time
                ],
            )?;
        }
    }

    // Banners in the default group, sorted before the seeded ones.
    let banners = [
        (LINK_JS, IMG_JS, TEXT_IMG, TEXT_SCRIPT),
        (" JaVaScRiPt:top.__xss=1", IMG_SVG, TEXT_BREAKOUT, TEXT_SVG),
        (
            "data:text/html,<script>top.__xss=1</script>",
            IMG_BREAKOUT,
            TEXT_TITLE,
            TEXT_IMG,
        ),
    ];
    for (i, (link, logo, alt, description)) in banners.iter().enumerate() {
        tx.execute(
            "INSERT INTO banners (site_id, id, type, logo, link, alt, description, sort)
             VALUES (?1, ?2, 'default', ?3, ?4, ?5, ?6, ?7)",
            params![
                site,
                FIRST_ID + 1 + i as i64,
                logo,
                link,
                alt,
                description,
                -10 + i as i64
            ],
        )?;
    }

    // Friend links.
    let links = [
        (TEXT_IMG, LINK_JS),
        (TEXT_BREAKOUT, "data:text/html,<script>top.__xss=1</script>"),
        ("XSS mixed case", " JaVaScRiPt:top.__xss=1"),
    ];
    for (i, (title, link)) in links.iter().enumerate() {
        tx.execute(
            "INSERT INTO links (site_id, id, title, link, back_link, my_title, my_link, contact, remark, nofollow, sort,
                status, checked_time, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, ?7, 0, ?8, 1, ?9, ?9, ?9)",
            params![
                site,
                FIRST_ID + 1 + i as i64,
                title,
                link,
                LINK_JS,
                TEXT_SCRIPT,
                TEXT_IMG,
                100 + i as i64,
                time
            ],
        )?;
    }

    // A product category (child of "products", 5) and a single page.
    for (cat_id, parent, module, kind, token) in [
        (CATEGORY_ID, 5, 2, 1, CATEGORY_TOKEN),
        (PAGE_ID, 0, 0, 3, PAGE_TOKEN),
    ] {
        tx.execute(
            "INSERT INTO categories (site_id, id, parent_id, module_id, type, title, seo_title, keywords, url_token,
                description, content, sort, images, logo, status, created_time, updated_time, fixed_link)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 100, ?12, ?13, 1, ?14, ?14, ?15)",
            params![
                site,
                cat_id,
                parent,
                module,
                kind,
                format!("{TEXT_IMG}Hostile {}", if kind == 1 { "category" } else { "page" }),
                TEXT_TITLE,
                TEXT_BREAKOUT,
                token,
                TEXT_SCRIPT,
                format!("{CONTENT}\n{HOSTILE_HTML}"),
                json!([IMG_SVG, IMG_BREAKOUT]).to_string(),
                IMG_JS,
                time,
                LINK_JS
            ],
        )?;
    }

    // A tag on both hostile archives.
    tx.execute(
        "INSERT INTO tags (site_id, id, title, url_token, first_letter, seo_title, keywords, description, content,
            logo, category_id, status, created_time, updated_time, fixed_link)
         VALUES (?1, ?2, ?3, ?4, 'X', ?5, ?6, ?7, ?8, ?9, 0, 1, ?10, ?10, ?11)",
        params![
            site,
            TAG_ID,
            format!("{TEXT_IMG}Hostile tag"),
            TAG_TOKEN,
            TEXT_TITLE,
            TEXT_BREAKOUT,
            TEXT_SCRIPT,
            CONTENT,
            IMG_JS,
            time,
            LINK_JS
        ],
    )?;

    // The newest product (in the hostile category) and the newest article (in "guides", 4).
    let archives = [
        (
            PRODUCT_ID,
            2,
            CATEGORY_ID,
            PRODUCT_TOKEN,
            "product",
            1990,
            json!([IMG_SVG, IMG_JS, IMG_BREAKOUT]),
        ),
        (
            ARTICLE_ID,
            1,
            4,
            ARTICLE_TOKEN,
            "article",
            0,
            json!([IMG_JS, IMG_SVG]),
        ),
    ];
    for (archive_id, module, category, token, noun, price, images) in archives {
        tx.execute(
            "INSERT INTO archives (site_id, id, parent_id, module_id, category_id, title, seo_title, url_token, keywords,
                description, content, images, price, stock, read_level, password, sort, views, comment_count, user_id,
                status, created_time, updated_time, fixed_link)
             VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 99, 0, '', 0, 1, 0, 0, 1, ?13, ?13, ?14)",
            params![
                site,
                archive_id,
                module,
                category,
                format!("{TEXT_IMG}Hostile {noun}"),
                TEXT_TITLE,
                token,
                TEXT_BREAKOUT,
                TEXT_SCRIPT,
                format!("{CONTENT}\n{HOSTILE_HTML}"),
                images.to_string(),
                price,
                time,
                LINK_JS
            ],
        )?;
        let fields: &[(&str, &str)] = if module == 2 {
            &[
                ("color", lang.pick(("红色", "Red"))),
                ("size", "M"),
                ("material", TEXT_SCRIPT),
                ("origin", TEXT_BREAKOUT),
            ]
        } else {
            &[("author", TEXT_IMG), ("source", LINK_JS)]
        };
        for (field, value) in fields {
            tx.execute(
                "INSERT INTO archive_fields (site_id, archive_id, field_name, value) VALUES (?1, ?2, ?3, ?4)",
                params![site, archive_id, field, value],
            )?;
        }
        for flag in ["h", "c", "f", "p"] {
            tx.execute(
                "INSERT INTO archive_flags (site_id, archive_id, flag) VALUES (?1, ?2, ?3)",
                params![site, archive_id, flag],
            )?;
        }
        tx.execute(
            "INSERT INTO tag_archives (site_id, tag_id, archive_id) VALUES (?1, ?2, ?3)",
            params![site, TAG_ID, archive_id],
        )?;
    }
    // A user group whose title and benefits are hostile (level 9, after the seeded ones).
    tx.execute(
        "INSERT INTO user_groups (site_id, id, title, description, level, status, price, setting,
           created_time, updated_time) VALUES (?1, ?2, ?3, ?4, 9, 1, 1990, ?5, ?6, ?6)",
        params![
            site,
            GROUP_ID,
            format!("{TEXT_IMG}Hostile group"),
            format!("<ul><li>{TEXT_SVG}</li><li>{TEXT_BREAKOUT}</li></ul>{CONTENT}"),
            json!({"share_reward": 1, "parent_reward": 1, "discount": 99, "expire_day": 30,
                   "content_no_verify": false, "content_no_captcha": true})
            .to_string(),
            time
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(conn: &Connection) -> Vec<String> {
        let mut out = Vec::new();
        for table in [
            "settings",
            "navs",
            "banners",
            "links",
            "categories",
            "tags",
            "archives",
            "archive_flags",
            "archive_fields",
            "tag_archives",
            "user_groups",
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2, 3"))
                .expect("prepare");
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut row = Vec::new();
                    for i in 0..columns {
                        row.push(format!("{:?}", r.get_ref(i)?));
                    }
                    Ok(format!("{table}: {}", row.join("|")))
                })
                .expect("query");
            out.extend(rows.map(|r| r.expect("row")));
        }
        out
    }

    /// Every script payload reports through `top`.
    #[test]
    fn payloads_report_through_top() {
        for (_, link) in LINKS {
            assert!(link.contains("top.__xss"), "{link}");
        }
        for text in [TEXT_IMG, TEXT_SCRIPT, TEXT_BREAKOUT, TEXT_TITLE, TEXT_SVG] {
            assert!(text.contains("top.__xss=1"), "{text}");
        }
        for img in [IMG_JS, IMG_SVG, IMG_BREAKOUT] {
            assert!(img.contains("top.__xss=1"), "{img}");
        }
    }

    #[test]
    fn enable_twice_then_disable_restores_the_seed_exactly() {
        let mut conn = crate::db::open(None).expect("open");
        crate::db::migrate(&mut conn).expect("migrate");
        super::super::seed_if_empty(&mut conn).expect("seed");
        let seeded = dump(&conn);
        assert!(!is_on(&conn).expect("is_on"));
        disable(&mut conn).expect("disable while off");
        assert_eq!(dump(&conn), seeded);
        enable(&mut conn).expect("enable");
        let hostile = dump(&conn);
        assert_ne!(hostile, seeded);
        enable(&mut conn).expect("enable again");
        assert_eq!(dump(&conn), hostile, "enabling is idempotent");
        assert!(is_on(&conn).expect("is_on"));
        disable(&mut conn).expect("disable");
        assert!(!is_on(&conn).expect("is_on"));
        assert_eq!(dump(&conn), seeded);
    }
}
