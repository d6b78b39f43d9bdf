//! The shopper-side seed (issue 7): comments on a few articles of both sites (approved
//! threads, plus pending and spam ones carrying email and IP, as the comment list leaks
//! them), the guestbook's field definitions, and product reviews (documented edition).
//! Timestamps are fixed relative to [`SEED_NOW`], so the content is deterministic.
//!
//! The hostile test state adds hostile comments and reviews (marked `hostile = 1`) through
//! [`insert_hostile`] / [`remove_hostile`], called by `seed::hostile`.

use rusqlite::{Connection, Transaction};

use super::hostile::{
    ARTICLE_ID, IMG_BREAKOUT, IMG_JS, PRODUCT_ID, TEXT_BREAKOUT, TEXT_IMG, TEXT_SCRIPT, TEXT_SVG,
};
use super::{archive_id_by_slug, Lang, DAY, SEED_NOW};
use crate::repo::comment::{self, NewComment};

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
    let _ = (PRODUCT_ID, IMG_JS, IMG_BREAKOUT);
    Ok(())
}

/// Removes every hostile comment and review (and their praises).
pub(super) fn remove_hostile(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM comment_praises WHERE comment_id IN (SELECT id FROM comments WHERE hostile = 1)",
        [],
    )?;
    tx.execute("DELETE FROM comments WHERE hostile = 1", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
