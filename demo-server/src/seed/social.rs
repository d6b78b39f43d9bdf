//! The shopper-side seed (issue 7): comments on a few articles of both sites (approved
//! threads, plus pending and spam ones carrying email and IP, as the comment list leaks
//! them), the guestbook's field definitions, and product reviews (documented edition).
//! Timestamps are fixed relative to [`SEED_NOW`], so the content is deterministic.
//!
//! The hostile test state adds hostile comments and reviews (marked `hostile = 1`) through
//! [`insert_hostile`] / [`remove_hostile`], called by `seed::hostile`.

use rusqlite::{params, Connection, Transaction};
use serde_json::json;

use super::hostile::{
    ARTICLE_ID, IMG_BREAKOUT, IMG_JS, PRODUCT_ID, TEXT_BREAKOUT, TEXT_IMG, TEXT_SCRIPT, TEXT_SVG,
};
use super::{archive_id_by_slug, upload, Lang, DAY, SEED_NOW};
use crate::repo::comment::{self, NewComment};
use crate::repo::guestbook::GUESTBOOK;
use crate::repo::module::FieldDef;
use crate::repo::review::{self, NewReview};

/// Articles with seeded comments (the first carries the full thread).
pub const COMMENTED_ARTICLES: [&str; 3] = [
    "third-anniversary",
    "hangzhou-smart-warehouse",
    "sustainable-textiles",
];

/// Seeds what a site lacks of this module's content. Idempotent.
pub fn seed_if_missing(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for lang in Lang::all() {
        let site = lang.site_id();
        let exists: i64 =
            tx.query_row("SELECT COUNT(*) FROM sites WHERE id = ?1", [site], |r| {
                r.get(0)
            })?;
        if exists == 0 {
            continue;
        }
        let count = |table: &str| -> rusqlite::Result<i64> {
            tx.query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE site_id = ?1 AND hostile = 0"),
                [site],
                |r| r.get(0),
            )
        };
        if count("comments")? == 0 {
            seed_comments(&tx, lang)?;
        }
        if count("reviews")? == 0 {
            seed_reviews(&tx, lang)?;
        }
        let has_guestbook: i64 = tx.query_row(
            "SELECT COUNT(*) FROM settings WHERE site_id = ?1 AND kind = ?2",
            params![site, GUESTBOOK],
            |r| r.get(0),
        )?;
        if has_guestbook == 0 {
            seed_guestbook(&tx, lang)?;
        }
    }
    tx.commit()
}

/// One seeded comment: `(reply_to index or None, user_id, user_name, email, ip, status,
/// votes, days before SEED_NOW, (zh, en) content)`.
type CommentSeed = (
    Option<usize>,
    i64,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    (&'static str, &'static str),
);

const THREAD: &[CommentSeed] = &[
    (None, 1, "demo", "demo@example.com", "203.0.113.10", 1, 12, 30,
        ("三周年快乐！从第一年就开始在这里买东西，品质一直很稳定。", "Happy third anniversary! I have been shopping here since year one and the quality has been steady.")),
    (Some(0), 2, "vip", "vip@example.com", "203.0.113.11", 1, 5, 29,
        ("同感，尤其是客服回复很快。", "Same here, and customer service always answers quickly.")),
    (Some(1), 0, "Lina", "lina@example.net", "198.51.100.7", 1, 2, 28,
        ("请问周年庆的优惠券还能领吗？", "Can we still claim the anniversary coupon?")),
    (None, 0, "Marco", "marco@example.org", "198.51.100.23", 1, 3, 27,
        ("直播抽奖很有意思，期待明年。", "The live-stream giveaway was fun, looking forward to next year.")),
    (None, 0, "Pending Pete", "pete@example.com", "198.51.100.99", 0, 0, 2,
        ("这条评论还在审核中。", "This comment is still waiting for moderation.")),
    (None, 0, "Cheap Watches", "spam@spam.example", "192.0.2.66", 3, 0, 1,
        ("便宜名表，点击 http://spam.example 购买！", "Cheap watches, buy now at http://spam.example !")),
    (None, 0, "Maybe Spam", "maybe@spam.example", "192.0.2.67", 2, 0, 1,
        ("好文章！欢迎访问我的网站。", "Great article! Please visit my website.")),
];

const SHORT_THREAD: &[CommentSeed] = &[
    (
        None,
        0,
        "Wang Wei",
        "wangwei@example.cn",
        "203.0.113.40",
        1,
        4,
        20,
        (
            "发货确实快了很多，昨天下单今天就到了。",
            "Shipping really is faster: ordered yesterday, arrived today.",
        ),
    ),
    (
        Some(0),
        1,
        "demo",
        "demo@example.com",
        "203.0.113.10",
        1,
        1,
        19,
        (
            "我这边也是，杭州发货的。",
            "Same for me, shipped from Hangzhou.",
        ),
    ),
    (
        None,
        0,
        "Anonymous",
        "anon@example.com",
        "198.51.100.50",
        0,
        0,
        3,
        ("仓库可以参观吗？", "Can the warehouse be visited?"),
    ),
];

const SINGLE: &[CommentSeed] = &[
    (
        None,
        2,
        "vip",
        "vip@example.com",
        "203.0.113.11",
        1,
        7,
        15,
        (
            "希望更多产品用上这种面料。",
            "I hope more products will use these fabrics.",
        ),
    ),
    (
        None,
        0,
        "Eco Fan",
        "eco@example.org",
        "198.51.100.61",
        0,
        0,
        1,
        ("有没有认证信息？", "Is there certification information?"),
    ),
];

fn insert_thread(
    tx: &Transaction,
    lang: Lang,
    archive_id: i64,
    seeds: &[CommentSeed],
    hostile: bool,
) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let mut ids: Vec<(i64, i64)> = Vec::new();
    for (reply_to, user_id, user_name, email, ip, status, votes, days, text) in seeds {
        let parent = reply_to.and_then(|i| ids.get(i).copied());
        let id = comment::insert(
            tx,
            site,
            &NewComment {
                archive_id,
                user_id: *user_id,
                user_name,
                email,
                ip,
                content: lang.pick(*text),
                parent_id: parent.map(|p| p.0).unwrap_or(0),
                to_uid: parent.map(|p| p.1).unwrap_or(0),
                status: *status,
                hostile,
                vote_count: *votes,
                now: SEED_NOW - days * DAY,
            },
        )?;
        ids.push((id, *user_id));
    }
    Ok(())
}

fn seed_comments(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    for (slug, seeds) in COMMENTED_ARTICLES
        .iter()
        .zip([THREAD, SHORT_THREAD, SINGLE])
    {
        let id = archive_id_by_slug(tx, site, slug)?;
        insert_thread(tx, lang, id, seeds, false)?;
    }
    Ok(())
}

fn gb_field(
    lang: Lang,
    name: (&str, &str),
    field_name: &str,
    kind: &str,
    required: bool,
    is_system: bool,
    options: (&str, &str),
) -> FieldDef {
    FieldDef {
        name: lang.pick(name).to_string(),
        field_name: field_name.to_string(),
        kind: kind.to_string(),
        required,
        is_system,
        is_filter: false,
        follow_level: false,
        content: lang.pick(options).to_string(),
        default: String::new(),
        remark: String::new(),
    }
}

/// The guestbook fields: AnqiCMS's defaults (user_name, contact, email, content) plus a
/// radio, a select, a required checkbox and an image field.
fn seed_guestbook(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let none = ("", "");
    let fields = vec![
        gb_field(
            lang,
            ("姓名", "Name"),
            "user_name",
            "text",
            true,
            true,
            none,
        ),
        gb_field(
            lang,
            ("联系电话", "Phone"),
            "contact",
            "text",
            false,
            true,
            none,
        ),
        gb_field(lang, ("邮箱", "Email"), "email", "text", false, false, none),
        gb_field(
            lang,
            ("留言内容", "Message"),
            "content",
            "textarea",
            true,
            true,
            none,
        ),
        gb_field(
            lang,
            ("咨询类型", "Topic"),
            "topic",
            "radio",
            false,
            false,
            (
                "订单问题\n产品咨询\n商务合作",
                "Order\nProduct\nPartnership",
            ),
        ),
        gb_field(
            lang,
            ("方便联系的时间", "Best time to reach you"),
            "contact_time",
            "select",
            false,
            false,
            ("上午\n下午\n晚上", "Morning\nAfternoon\nEvening"),
        ),
        gb_field(
            lang,
            ("感兴趣的品类", "Interests"),
            "interests",
            "checkbox",
            true,
            false,
            (
                "家居生活\n数码配件\n服饰\n户外运动",
                "Home & Living\nDigital\nApparel\nOutdoor",
            ),
        ),
        gb_field(
            lang,
            ("图片", "Photo"),
            "photo",
            "image",
            false,
            false,
            none,
        ),
    ];
    let doc = json!({
        "fields": fields,
        "thank_you": lang.pick((
            "感谢您的留言，我们会尽快与您联系！",
            "Thank you for your message! We will get back to you soon."
        )),
    });
    tx.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        params![lang.site_id(), GUESTBOOK, doc.to_string()],
    )?;
    Ok(())
}

/// Products with seeded reviews.
pub const REVIEWED_PRODUCTS: [&str; 3] = [
    "merino-wool-sweater",
    "gan-65w-charger",
    "ceramic-pour-over-coffee-set",
];

/// `(user_id, user_name, score, status, image count, days ago, (zh, en) text, (zh, en) reply)`
type ReviewSeed = (
    i64,
    &'static str,
    i64,
    i64,
    usize,
    i64,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

const NO_REPLY: (&str, &str) = ("", "");

const SWEATER_REVIEWS: &[ReviewSeed] = &[
    (
        1,
        "demo",
        5,
        1,
        2,
        40,
        ("很暖和，一点也不扎。", "Very warm and not itchy at all."),
        ("感谢支持！", "Thank you for your support!"),
    ),
    (
        2,
        "vip",
        5,
        1,
        0,
        35,
        (
            "第二件了，颜色很正。",
            "My second one; the colour is spot on.",
        ),
        NO_REPLY,
    ),
    (
        0,
        "Lina",
        4,
        1,
        1,
        30,
        ("尺码偏大半码。", "Runs half a size large."),
        NO_REPLY,
    ),
    (
        0,
        "Marco",
        4,
        1,
        0,
        25,
        ("质量不错，发货快。", "Good quality, fast delivery."),
        NO_REPLY,
    ),
    (
        0,
        "Wang Wei",
        3,
        1,
        0,
        20,
        (
            "还可以，洗后略有缩水。",
            "Fine, shrank a little after washing.",
        ),
        NO_REPLY,
    ),
    (
        0,
        "Sam",
        2,
        1,
        1,
        15,
        ("袖口起球了。", "The cuffs started pilling."),
        (
            "很抱歉，客服会联系您处理。",
            "We are sorry, our service team will contact you.",
        ),
    ),
    (
        0,
        "Kim",
        1,
        1,
        0,
        10,
        ("收到时有一个小洞。", "Arrived with a small hole."),
        ("已为您安排换货。", "A replacement is on its way."),
    ),
    (
        0,
        "Pending Pete",
        5,
        0,
        0,
        2,
        ("待审核的好评。", "A glowing review waiting for moderation."),
        NO_REPLY,
    ),
    (
        0,
        "Angry Andy",
        1,
        0,
        0,
        1,
        ("待审核的差评。", "A bad review waiting for moderation."),
        NO_REPLY,
    ),
];

const CHARGER_REVIEWS: &[ReviewSeed] = &[
    (
        2,
        "vip",
        5,
        1,
        1,
        28,
        ("体积小，功率足。", "Tiny and powerful."),
        NO_REPLY,
    ),
    (
        0,
        "Leo",
        4,
        1,
        0,
        22,
        ("发热略高。", "Gets a little warm."),
        NO_REPLY,
    ),
    (
        0,
        "Mia",
        4,
        1,
        0,
        12,
        ("出差必备。", "A travel essential."),
        NO_REPLY,
    ),
    (
        0,
        "Pending Pat",
        2,
        0,
        0,
        1,
        ("等待审核。", "Waiting for moderation."),
        NO_REPLY,
    ),
];

const COFFEE_REVIEWS: &[ReviewSeed] = &[
    (
        1,
        "demo",
        5,
        1,
        1,
        18,
        ("釉色漂亮，出水顺畅。", "Beautiful glaze, pours smoothly."),
        ("谢谢您的认可！", "Thank you!"),
    ),
    (
        0,
        "Noah",
        3,
        1,
        0,
        9,
        ("滤杯有点小。", "The dripper is a bit small."),
        NO_REPLY,
    ),
];

fn insert_reviews(
    tx: &Transaction,
    lang: Lang,
    archive_id: i64,
    seeds: &[ReviewSeed],
    image_base: usize,
) -> rusqlite::Result<usize> {
    let site = lang.site_id();
    let code = lang.code();
    let mut n = image_base;
    for (user_id, user_name, score, status, image_count, days, text, reply) in seeds {
        let mut images = Vec::new();
        for _ in 0..*image_count {
            n += 1;
            let path = format!("/uploads/{code}/review-{n}.svg");
            upload(
                tx,
                &path,
                &format!("Review {n}"),
                (n as i64 * 47) % 360,
                480,
                480,
            )?;
            images.push(path);
        }
        review::insert_review(
            tx,
            site,
            &NewReview {
                archive_id,
                sku_id: 0,
                order_id: "",
                user_id: *user_id,
                user_name,
                score: *score,
                content: lang.pick(*text),
                images: &images,
                status: *status,
                reply: lang.pick(*reply),
                hostile: false,
                now: SEED_NOW - days * DAY,
            },
        )?;
    }
    Ok(n)
}

/// Approved reviews of several scores (some with images, some with a shop reply) and
/// pending ones that the list must not show.
fn seed_reviews(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let mut n = 0;
    for (slug, seeds) in
        REVIEWED_PRODUCTS
            .iter()
            .zip([SWEATER_REVIEWS, CHARGER_REVIEWS, COFFEE_REVIEWS])
    {
        let id = archive_id_by_slug(tx, site, slug)?;
        n = insert_reviews(tx, lang, id, seeds, n)?;
    }
    Ok(())
}

/// Hostile comments: approved ones (a thread) whose name and text are hostile, on the
/// first commented article and on the hostile article; a pending one with hostile email.
const HOSTILE_COMMENTS: &[CommentSeed] = &[
    (
        None,
        0,
        TEXT_IMG,
        "x@example.com",
        "203.0.113.90",
        1,
        1,
        0,
        (TEXT_SCRIPT, TEXT_SCRIPT),
    ),
    (
        Some(0),
        0,
        TEXT_BREAKOUT,
        "y@example.com",
        "203.0.113.91",
        1,
        0,
        0,
        (TEXT_IMG, TEXT_IMG),
    ),
    (
        Some(1),
        0,
        TEXT_SVG,
        TEXT_BREAKOUT,
        TEXT_SVG,
        1,
        0,
        0,
        (TEXT_BREAKOUT, TEXT_BREAKOUT),
    ),
    (
        None,
        0,
        TEXT_SCRIPT,
        TEXT_IMG,
        TEXT_IMG,
        0,
        0,
        0,
        (TEXT_SVG, TEXT_SVG),
    ),
];

/// Adds the hostile comments and reviews of one site.
pub(super) fn insert_hostile(tx: &Transaction, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let article = archive_id_by_slug(tx, site, COMMENTED_ARTICLES[0])?;
    for archive_id in [article, ARTICLE_ID] {
        insert_thread(tx, lang, archive_id, HOSTILE_COMMENTS, true)?;
    }
    let product = archive_id_by_slug(tx, site, REVIEWED_PRODUCTS[0])?;
    let hostile_images = vec![IMG_JS.to_string(), IMG_BREAKOUT.to_string()];
    for archive_id in [product, PRODUCT_ID] {
        for (user_name, content, reply, images, status) in [
            (
                TEXT_IMG,
                TEXT_SCRIPT,
                TEXT_BREAKOUT,
                hostile_images.clone(),
                1,
            ),
            (TEXT_SVG, TEXT_BREAKOUT, TEXT_IMG, Vec::new(), 1),
            (TEXT_SCRIPT, TEXT_IMG, "", Vec::new(), 0),
        ] {
            review::insert_review(
                tx,
                site,
                &NewReview {
                    archive_id,
                    sku_id: 0,
                    order_id: "",
                    user_id: 0,
                    user_name,
                    score: 5,
                    content,
                    images: &images,
                    status,
                    reply,
                    hostile: true,
                    now: SEED_NOW + DAY,
                },
            )?;
        }
    }
    Ok(())
}

/// Removes every hostile comment and review (and their praises).
pub(super) fn remove_hostile(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM comment_praises WHERE comment_id IN (SELECT id FROM comments WHERE hostile = 1)",
        [],
    )?;
    tx.execute("DELETE FROM comments WHERE hostile = 1", [])?;
    tx.execute("DELETE FROM reviews WHERE hostile = 1", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .expect("prepare");
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut row = Vec::new();
                for i in 0..columns {
                    row.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(row.join("|"))
            })
            .expect("query");
        rows.map(|r| r.expect("row")).collect()
    }

    #[test]
    fn the_hostile_switch_adds_and_removes_exactly_its_comments_and_reviews() {
        let mut conn = crate::db::open(None).expect("open");
        crate::db::migrate(&mut conn).expect("migrate");
        super::super::seed_if_empty(&mut conn).expect("seed");
        seed_if_missing(&mut conn).expect("social");
        let seeded = (rows(&conn, "comments"), rows(&conn, "reviews"));
        super::super::hostile::enable(&mut conn).expect("enable");
        let on = (rows(&conn, "comments"), rows(&conn, "reviews"));
        assert!(on.0.len() > seeded.0.len() && on.1.len() > seeded.1.len());
        let hostile_names: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM comments WHERE hostile = 1 AND user_name LIKE '%onerror%'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert!(hostile_names > 0);
        super::super::hostile::disable(&mut conn).expect("disable");
        assert_eq!((rows(&conn, "comments"), rows(&conn, "reviews")), seeded);
    }

    #[test]
    fn seeds_once_with_every_status() {
        let mut conn = crate::db::open(None).expect("open");
        crate::db::migrate(&mut conn).expect("migrate");
        super::super::seed_if_empty(&mut conn).expect("seed");
        seed_if_missing(&mut conn).expect("social");
        fn n(conn: &Connection, sql: &str) -> i64 {
            conn.query_row(sql, [], |r| r.get(0)).expect(sql)
        }
        let first = n(&conn, "SELECT COUNT(*) FROM comments");
        seed_if_missing(&mut conn).expect("again");
        assert_eq!(
            n(&conn, "SELECT COUNT(*) FROM comments"),
            first,
            "idempotent"
        );
        for status in 0..=3 {
            assert!(
                n(
                    &conn,
                    &format!(
                        "SELECT COUNT(*) FROM comments WHERE site_id = 2 AND status = {status}"
                    )
                ) > 0,
                "status {status}"
            );
        }
        assert!(
            n(
                &conn,
                "SELECT COUNT(*) FROM comments WHERE parent_id > 0 AND status = 1"
            ) >= 3
        );
    }
}
