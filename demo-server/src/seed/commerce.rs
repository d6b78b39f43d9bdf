//! The shop's state around the demo users, seeded after the content: the `safe` and
//! `plugin_order` switches, coupons with their claimed codes, and orders in every state.
//!
//! Unlike the content (fixed to [`super::SEED_NOW`]), these timestamps are relative to the
//! moment of seeding: coupons must be valid, expired or not yet started *now*, and orders
//! must look some days old, never "just placed".

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::{mix, Lang, DAY, DEMO_USER, VIP_USER};
use crate::repo::coupon::{self, Coupon, FIXED, PERCENT};
use crate::repo::order::{self, NewLine, NewOrder};
use crate::repo::site::{self, PLUGIN_ORDER, SAFE};

const HOUR: i64 = 3_600;

/// The seeded captcha switch: off on the main site, on on the English one, so both login
/// paths are exercised.
fn seeded_captcha(lang: Lang) -> bool {
    lang == Lang::En
}

/// Writes the switch documents as seeded (`no_need_login` as given).
fn write_switches(tx: &Connection, lang: Lang, no_need_login: bool) -> rusqlite::Result<()> {
    let site = lang.site_id();
    tx.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        params![
            site,
            SAFE,
            json!({"captcha": i64::from(seeded_captcha(lang)), "content_limit": 0, "daily_limit": 0, "interval_limit": 0})
                .to_string()
        ],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO settings (site_id, kind, value) VALUES (?1, ?2, ?3)",
        params![
            site,
            PLUGIN_ORDER,
            json!({"no_need_login": no_need_login, "auto_close_minute": 0, "auto_finish_day": 10})
                .to_string()
        ],
    )?;
    Ok(())
}

fn has_setting(tx: &Transaction, site: i64, kind: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT COUNT(*) FROM settings WHERE site_id = ?1 AND kind = ?2",
        params![site, kind],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// Seeds whatever of the commerce state a site lacks (a fresh database lacks all of it;
/// one made before these tables existed lacks it too). Idempotent.
pub fn seed_if_missing(conn: &mut Connection, now: i64) -> rusqlite::Result<()> {
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
        if !has_setting(&tx, site, SAFE)? || !has_setting(&tx, site, PLUGIN_ORDER)? {
            write_switches(&tx, lang, false)?;
        }
        let coupons: i64 = tx.query_row(
            "SELECT COUNT(*) FROM coupons WHERE site_id = ?1",
            [site],
            |r| r.get(0),
        )?;
        if coupons == 0 {
            seed_coupons(&tx, lang, now)?;
            seed_orders(&tx, lang, now)?;
        }
    }
    tx.commit()
}

/// A seeded coupon; times are in days from the moment of seeding, names and descriptions
/// `(zh, en)`.
struct CouponSeed {
    id: i64,
    money_type: i64,
    /// Type 1: cents off; type 2: percent off.
    money: i64,
    max_cents: i64,
    min_cents: i64,
    product: Option<&'static str>,
    start_days: i64,
    /// `None`: no expiry.
    end_days: Option<i64>,
    total: i64,
    claimed: i64,
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
}

/// The coupons of each site (the same ids on both). See the README for who holds what.
const COUPONS: &[CouponSeed] = &[
    CouponSeed {
        id: 1,
        money_type: FIXED,
        money: 1_000,
        max_cents: 0,
        min_cents: 0,
        product: None,
        start_days: -30,
        end_days: None,
        total: 0,
        claimed: 128,
        name: ("无门槛立减 ¥10", "¥10 off, no minimum"),
        description: ("全场通用，任意金额可用", "Any order, any amount"),
    },
    CouponSeed {
        id: 2,
        money_type: FIXED,
        money: 2_000,
        max_cents: 0,
        min_cents: 19_900,
        product: None,
        start_days: -20,
        end_days: Some(60),
        total: 500,
        claimed: 213,
        name: ("满 ¥199 减 ¥20", "¥20 off orders over ¥199"),
        description: (
            "全场通用，满 199 元可用",
            "Storewide, on orders of ¥199 or more",
        ),
    },
    CouponSeed {
        id: 3,
        money_type: PERCENT,
        money: 15,
        max_cents: 3_000,
        min_cents: 10_000,
        product: None,
        start_days: -10,
        end_days: Some(30),
        total: 0,
        claimed: 76,
        name: ("满 ¥100 享 85 折", "15% off over ¥100"),
        description: ("最高减 ¥30，全场通用", "Up to ¥30 off, storewide"),
    },
    CouponSeed {
        id: 4,
        money_type: FIXED,
        money: 5_000,
        max_cents: 0,
        min_cents: 40_000,
        product: Some("merino-wool-sweater"),
        start_days: -15,
        end_days: Some(45),
        total: 200,
        claimed: 58,
        name: ("美利奴羊毛衫专享 ¥50", "¥50 off the Merino Wool Sweater"),
        description: (
            "仅限美利奴羊毛衫，该商品满 ¥400 可用",
            "Merino Wool Sweater only, when it comes to ¥400 or more",
        ),
    },
    CouponSeed {
        id: 5,
        money_type: FIXED,
        money: 10_000,
        max_cents: 0,
        min_cents: 50_000,
        product: None,
        start_days: -12,
        end_days: Some(7),
        total: 1,
        claimed: 1,
        name: ("限量 1 张：满 ¥500 减 ¥100", "Only one: ¥100 off over ¥500"),
        description: (
            "限量发行，先到先得",
            "A single code, first come first served",
        ),
    },
    CouponSeed {
        id: 6,
        money_type: FIXED,
        money: 3_000,
        max_cents: 0,
        min_cents: 15_000,
        product: None,
        start_days: 10,
        end_days: Some(40),
        total: 1_000,
        claimed: 0,
        name: (
            "年终大促：满 ¥150 减 ¥30",
            "Year-end sale: ¥30 off over ¥150",
        ),
        description: ("活动开始后可领取", "Claimable once the sale starts"),
    },
    CouponSeed {
        id: 7,
        money_type: FIXED,
        money: 1_500,
        max_cents: 0,
        min_cents: 9_900,
        product: None,
        start_days: -50,
        end_days: Some(-5),
        total: 300,
        claimed: 164,
        name: (
            "秋季焕新：满 ¥99 减 ¥15",
            "Autumn refresh: ¥15 off over ¥99",
        ),
        description: ("已结束", "This offer has ended"),
    },
    CouponSeed {
        id: 8,
        money_type: PERCENT,
        money: 10,
        max_cents: 5_000,
        min_cents: 0,
        product: None,
        start_days: -70,
        end_days: Some(-40),
        total: 0,
        claimed: 91,
        name: ("国庆 9 折", "National Day: 10% off"),
        description: ("最高减 ¥50，已结束", "Up to ¥50 off; this offer has ended"),
    },
    CouponSeed {
        id: 9,
        money_type: FIXED,
        money: 500,
        max_cents: 0,
        min_cents: 0,
        product: None,
        start_days: -90,
        end_days: None,
        total: 0,
        claimed: 342,
        name: ("新人专享 ¥5", "Welcome gift: ¥5 off"),
        description: ("每位用户限领 1 张", "One per shopper"),
    },
];

/// Claimed codes: `(user, coupon id, days ago claimed)`. Used ones are marked by the order
/// that used them (see [`ORDERS`]).
const CODES: &[(&str, i64, i64)] = &[
    (DEMO_USER.0, 9, 59),
    (DEMO_USER.0, 7, 30),
    (DEMO_USER.0, 1, 25),
    (VIP_USER.0, 5, 11),
    (DEMO_USER.0, 2, 12),
    (VIP_USER.0, 3, 5),
    (DEMO_USER.0, 4, 3),
];

fn user_id(tx: &Transaction, site: i64, name: &str) -> rusqlite::Result<Option<i64>> {
    tx.query_row(
        "SELECT id FROM users WHERE site_id = ?1 AND user_name = ?2",
        params![site, name],
        |r| r.get(0),
    )
    .optional()
}

fn product(
    tx: &Transaction,
    site: i64,
    slug: &str,
) -> rusqlite::Result<Option<(i64, i64, String)>> {
    tx.query_row(
        "SELECT id, price, title FROM archives WHERE site_id = ?1 AND url_token = ?2",
        params![site, slug],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
}

fn seed_coupons(tx: &Transaction, lang: Lang, now: i64) -> rusqlite::Result<()> {
    let site = lang.site_id();
    for c in COUPONS {
        let archive_id = match c.product {
            Some(slug) => product(tx, site, slug)?.map_or(0, |p| p.0),
            None => 0,
        };
        let start = now + c.start_days * DAY;
        tx.execute(
            "INSERT INTO coupons (site_id, id, name, description, money_type, money_cents, percent, max_cents,
               min_cents, archive_id, start_time, end_time, total, claimed, per_user, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?15)",
            params![
                site,
                c.id,
                lang.pick(c.name),
                lang.pick(c.description),
                c.money_type,
                if c.money_type == FIXED { c.money } else { 0 },
                if c.money_type == PERCENT { c.money } else { 0 },
                c.max_cents,
                c.min_cents,
                archive_id,
                start,
                c.end_days.map_or(0, |d| now + d * DAY),
                c.total,
                c.claimed,
                // Created a little before it starts, so "newest first" follows the ids.
                now - (100 - c.id) * DAY,
            ],
        )?;
    }
    for (n, (name, coupon_id, days)) in CODES.iter().enumerate() {
        let (Some(user), Some(c)) = (user_id(tx, site, name)?, coupon::get(tx, site, *coupon_id)?)
        else {
            continue;
        };
        let entropy = mix((site * 1_000 + *coupon_id * 10 + n as i64) as u64);
        tx.execute(
            "INSERT INTO coupon_codes (site_id, coupon_id, user_id, code, status, order_id, created_time, used_time)
             VALUES (?1, ?2, ?3, ?4, 0, '', ?5, 0)",
            params![site, c.id, user, coupon::code_text(&c, entropy), now - days * DAY - 5 * HOUR],
        )?;
    }
    Ok(())
}

/// A seeded order's state: `status` and `refund_status` (8 = the shopper applied).
#[derive(Clone, Copy)]
enum State {
    Unpaid,
    Paid,
    Shipped,
    Completed,
    /// `status` stays 1 or 3 with `refund_status` 8.
    RefundApplied(i64),
    Refunded,
    Closed,
}

/// `(user, days ago, hour of that day, state, lines (slug, nth in-stock SKU, quantity),
/// coupon id used)`. Chronological per user, so ids and dates agree.
type OrderSeed = (
    &'static str,
    i64,
    i64,
    State,
    &'static [(&'static str, Option<usize>, i64)],
    Option<i64>,
);

const ORDERS: &[OrderSeed] = &[
    (
        DEMO_USER.0,
        58,
        10,
        State::Completed,
        &[
            ("cast-iron-dutch-oven", None, 1),
            ("silicone-spatula-set", None, 2),
        ],
        Some(9),
    ),
    (
        DEMO_USER.0,
        51,
        21,
        State::Refunded,
        &[("noise-cancelling-earbuds", None, 1)],
        None,
    ),
    (
        DEMO_USER.0,
        44,
        14,
        State::Closed,
        &[("german-steel-knife-set", None, 1)],
        None,
    ),
    (
        DEMO_USER.0,
        37,
        9,
        State::Completed,
        &[
            ("merino-wool-sweater", Some(0), 1),
            ("canvas-tote-bag", Some(2), 1),
        ],
        None,
    ),
    (
        DEMO_USER.0,
        29,
        19,
        State::RefundApplied(3),
        &[("memory-foam-pillow", None, 2)],
        None,
    ),
    (
        DEMO_USER.0,
        20,
        12,
        State::RefundApplied(1),
        &[("usb-c-hub-7-in-1", None, 1)],
        None,
    ),
    (
        DEMO_USER.0,
        12,
        16,
        State::Completed,
        &[
            ("yixing-clay-teapot", None, 1),
            ("bamboo-cutting-board-set", None, 1),
            ("braided-usb-c-cable", None, 3),
        ],
        None,
    ),
    (
        DEMO_USER.0,
        6,
        11,
        State::Shipped,
        &[
            ("ceramic-pour-over-coffee-set", None, 1),
            ("organic-cotton-tshirt", Some(1), 2),
        ],
        None,
    ),
    (
        DEMO_USER.0,
        3,
        20,
        State::Paid,
        &[("linen-throw-blanket", Some(0), 1)],
        None,
    ),
    (
        DEMO_USER.0,
        2,
        8,
        State::Unpaid,
        &[
            ("temperature-control-kettle", None, 1),
            ("glass-food-containers", None, 1),
        ],
        None,
    ),
    (
        VIP_USER.0,
        48,
        15,
        State::Refunded,
        &[("weighted-sleep-blanket", Some(1), 1)],
        None,
    ),
    (
        VIP_USER.0,
        40,
        10,
        State::Closed,
        &[("mechanical-keyboard-87", None, 1)],
        None,
    ),
    (
        VIP_USER.0,
        33,
        18,
        State::RefundApplied(3),
        &[("cashmere-scarf", Some(0), 1)],
        None,
    ),
    (
        VIP_USER.0,
        10,
        13,
        State::Completed,
        &[("ultralight-tent-2p", Some(0), 1)],
        Some(5),
    ),
    (
        VIP_USER.0,
        5,
        9,
        State::Shipped,
        &[("hiking-backpack-30l", Some(1), 1)],
        None,
    ),
    (
        VIP_USER.0,
        3,
        17,
        State::Paid,
        &[("gan-65w-charger", None, 2)],
        None,
    ),
    (
        VIP_USER.0,
        1,
        7,
        State::Unpaid,
        &[("yixing-clay-teapot", None, 1)],
        None,
    ),
];

/// The demo users' saved addresses (one each), created long before their orders.
fn seed_address(
    tx: &Transaction,
    lang: Lang,
    user: i64,
    name: &str,
    now: i64,
) -> rusqlite::Result<i64> {
    let a = if name == VIP_USER.0 {
        order::Address {
            name: lang.pick(("VIP 用户", "VIP")).into(),
            last_name: lang.pick(("", "User")).into(),
            phone: "13900139000".into(),
            email: "vip@example.com".into(),
            province: lang.pick(("北京市", "Beijing")).into(),
            city: lang.pick(("北京市", "Beijing")).into(),
            town: lang.pick(("朝阳区", "Chaoyang")).into(),
            country: lang.pick(("中国", "China")).into(),
            address_info: lang
                .pick((
                    "建国路 88 号 SOHO 现代城 2 号楼 1203",
                    "Rm 1203, Bldg 2, SOHO New Town, 88 Jianguo Road",
                ))
                .into(),
            postcode: "100022".into(),
            ..order::Address::default()
        }
    } else {
        order::Address {
            name: lang.pick(("演示用户", "Demo")).into(),
            last_name: lang.pick(("", "User")).into(),
            phone: "13800138000".into(),
            email: "demo@example.com".into(),
            province: lang.pick(("上海市", "Shanghai")).into(),
            city: lang.pick(("上海市", "Shanghai")).into(),
            town: lang.pick(("浦东新区", "Pudong")).into(),
            country: lang.pick(("中国", "China")).into(),
            address_info: lang
                .pick(("张江路 666 号 8 楼", "8F, 666 Zhangjiang Road"))
                .into(),
            postcode: "201203".into(),
            ..order::Address::default()
        }
    };
    let saved = order::save(tx, lang.site_id(), user, &a, now - 80 * DAY)?;
    saved
        .map(|s| s.id)
        .ok_or(rusqlite::Error::QueryReturnedNoRows)
}

/// The user's seeded code of coupon `id`, with the coupon.
fn seeded_code(
    tx: &Transaction,
    site: i64,
    id: i64,
    user: i64,
) -> rusqlite::Result<Option<(i64, Coupon)>> {
    let Some(c) = coupon::get(tx, site, id)? else {
        return Ok(None);
    };
    let code_id: Option<i64> = tx
        .query_row(
            "SELECT id FROM coupon_codes WHERE site_id = ?1 AND coupon_id = ?2 AND user_id = ?3",
            params![site, id, user],
            |r| r.get(0),
        )
        .optional()?;
    Ok(code_id.map(|code_id| (code_id, c)))
}

/// The member price of `price` for a user's group (`discount` percent; 0 = none), as
/// `order/create` prices it on the documented edition.
fn member_price(tx: &Transaction, site: i64, user: i64, price: i64) -> rusqlite::Result<i64> {
    let setting: String = tx.query_row(
        "SELECT g.setting FROM users u JOIN user_groups g ON g.site_id = u.site_id AND g.id = u.group_id
         WHERE u.site_id = ?1 AND u.id = ?2",
        params![site, user],
        |r| r.get(0),
    )?;
    let discount = serde_json::from_str::<serde_json::Value>(&setting)
        .ok()
        .and_then(|v| v.get("discount").and_then(serde_json::Value::as_i64))
        .unwrap_or(0);
    Ok(if discount > 0 {
        price * discount / 100
    } else {
        price
    })
}

/// Orders in every state for `demo` and `vip`, priced from the seeded products (member
/// prices for vip), with the demo's saved address. Seeded orders reserve no stock, so the
/// seeded stock numbers stay as they are.
fn seed_orders(tx: &Transaction, lang: Lang, now: i64) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let mut addresses = std::collections::HashMap::new();
    for (name, days, hour, state, wanted, coupon_id) in ORDERS {
        let Some(user) = user_id(tx, site, name)? else {
            continue;
        };
        let address_id = match addresses.get(name) {
            Some(id) => *id,
            None => {
                let id = seed_address(tx, lang, user, name, now)?;
                addresses.insert(*name, id);
                id
            }
        };
        let mut lines = Vec::new();
        let mut remark = String::new();
        for (slug, sku, quantity) in wanted.iter() {
            let Some((goods_id, price, title)) = product(tx, site, slug)? else {
                continue;
            };
            if remark.is_empty() {
                remark = format!("{title}...");
            }
            let (goods_item_id, price) = match sku {
                Some(nth) => tx
                    .query_row(
                        "SELECT id, price FROM skus WHERE site_id = ?1 AND archive_id = ?2 AND stock > 0
                         ORDER BY id LIMIT 1 OFFSET ?3",
                        params![site, goods_id, *nth as i64],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?
                    .unwrap_or((0, price)),
                None => (0, price),
            };
            lines.push(NewLine {
                goods_id,
                goods_item_id,
                origin_price: price,
                price: member_price(tx, site, user, price)?,
                quantity: *quantity,
            });
        }
        if lines.is_empty() {
            continue;
        }
        let created = now - days * DAY - ((now / HOUR) % 24 - hour).rem_euclid(24) * HOUR;
        // A coupon: the user's seeded code of it, applied with the real maths.
        let code: Option<(i64, Coupon)> = match coupon_id {
            Some(id) => seeded_code(tx, site, *id, user)?,
            None => None,
        };
        let discount = code.as_ref().map_or(0, |(_, c)| {
            let amounts: Vec<(i64, i64)> = lines.iter().map(|l| (l.goods_id, l.amount())).collect();
            coupon::base(c, &amounts).map_or(0, |b| coupon::discount(c, b))
        });
        let code_id = code
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default();
        let placed = order::create(
            tx,
            site,
            &NewOrder {
                user_id: user,
                address_id,
                remark: &remark,
                kind: "goods",
                lines: &lines,
                discount_amount: discount,
                coupon_code_id: &code_id,
            },
            created,
        )?;
        if let Some((id, _)) = &code {
            coupon::mark_used(tx, site, *id, &placed.order_id, created)?;
        }
        let paid = created + 15 * 60;
        let delivered = created + DAY;
        let (status, refund, paid_time, deliver_time, finished_time) = match state {
            State::Unpaid => (0, 0, 0, 0, 0),
            State::Paid => (1, 0, paid, 0, 0),
            State::Shipped => (2, 0, paid, delivered, 0),
            State::Completed => (3, 0, paid, delivered, created + 4 * DAY),
            State::RefundApplied(1) => (1, 8, paid, 0, 0),
            State::RefundApplied(_) => (3, 8, paid, delivered, created + 4 * DAY),
            // Refunded after it arrived: the application's 8 stays, as approving leaves it.
            State::Refunded => (9, 8, paid, delivered, 0),
            State::Closed => (-1, 0, 0, 0, 0),
        };
        let (express, tracking) = if deliver_time > 0 {
            (
                lang.pick(("顺丰速运", "SF Express")).to_string(),
                format!(
                    "SF{:010}",
                    mix((site * 100_000 + placed.id) as u64) % 10_000_000_000
                ),
            )
        } else {
            (String::new(), String::new())
        };
        let updated = [
            paid_time,
            deliver_time,
            finished_time,
            created + HOUR * i64::from(status == -1),
        ]
        .into_iter()
        .max()
        .unwrap_or(created);
        tx.execute(
            "UPDATE orders SET status = ?2, refund_status = ?3, paid_time = ?4, deliver_time = ?5,
               finished_time = ?6, end_time = ?7, express_company = ?8, tracking_number = ?9, updated_time = ?10
             WHERE id = ?1",
            params![
                placed.id,
                status,
                refund,
                paid_time,
                deliver_time,
                finished_time,
                if deliver_time > 0 { deliver_time + 10 * DAY } else { 0 },
                express,
                tracking,
                updated
            ],
        )?;
    }
    Ok(())
}

/// The `--no-need-login` flag: sets the switch on every site for this run.
pub fn apply_no_need_login(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    for lang in Lang::all() {
        site::set_no_need_login(conn, lang.site_id(), on)?;
    }
    Ok(())
}

/// `/__test/reset`: the captcha switches as seeded, `no_need_login` as the flag set it.
pub fn restore_switches(conn: &mut Connection, no_need_login: bool) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for lang in Lang::all() {
        write_switches(&tx, lang, no_need_login)?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, sql: &str, site: i64) -> i64 {
        conn.query_row(sql, [site], |r| r.get(0)).unwrap_or(-1)
    }

    #[test]
    fn the_commerce_seed_runs_once_per_site_and_is_consistent() {
        let mut conn = crate::db::open(None).expect("open");
        crate::db::migrate(&mut conn).expect("migrate");
        super::super::seed_if_empty(&mut conn).expect("seed");
        let now = 1_800_000_000;
        seed_if_missing(&mut conn, now).expect("commerce");
        seed_if_missing(&mut conn, now).expect("a second run is a no-op");
        for site in [1, 2] {
            assert_eq!(
                count(
                    &conn,
                    "SELECT COUNT(*) FROM coupons WHERE site_id = ?1",
                    site
                ),
                9
            );
            assert_eq!(
                count(
                    &conn,
                    "SELECT COUNT(*) FROM coupon_codes WHERE site_id = ?1",
                    site
                ),
                7
            );
            assert_eq!(
                count(
                    &conn,
                    "SELECT COUNT(*) FROM orders WHERE site_id = ?1",
                    site
                ),
                17
            );
            assert_eq!(
                count(&conn, "SELECT COUNT(*) FROM coupons c WHERE site_id = ?1 AND claimed < (SELECT COUNT(*) FROM coupon_codes k WHERE k.site_id = c.site_id AND k.coupon_id = c.id)", site),
                0,
                "claimed counts every code"
            );
            assert_eq!(
                count(&conn, "SELECT COUNT(*) FROM coupon_codes WHERE site_id = ?1 AND status = 1 AND order_id NOT IN (SELECT order_id FROM orders WHERE site_id = ?1)", site),
                0,
                "used codes name their order"
            );
            assert_eq!(
                count(&conn, "SELECT COUNT(*) FROM orders WHERE site_id = ?1 AND (created_time > 1800000000 - 86400 OR created_time < 1800000000 - 60 * 86400)", site),
                0,
                "orders are one to sixty days old"
            );
            assert!(site::captcha_on(&conn, site).expect("captcha") == (site == 2));
            assert!(!site::no_need_login(&conn, site).expect("no_need_login"));
        }
    }
}
