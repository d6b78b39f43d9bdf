//! The user groups as sold (prices, expiry, HTML benefits, distribution percentages) and
//! the distribution state: the retailer `retailer` / `retailer123456` with a two-level team,
//! a year of distribution orders and commissions, and withdrawals in every state.
//!
//! Like the commerce seed, the distribution timestamps are relative to the moment of
//! seeding (the dashboard's day, week and month charts must have data *now*); everything
//! else is fixed. [`seed_if_missing`] also brings a data directory made before it up to
//! date.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::{mix, upload, Lang, DAY, SEED_NOW};
use crate::repo::order::{self, NewLine, NewOrder};
use crate::repo::retailer;

pub const RETAILER_USER: (&str, &str) = ("retailer", "retailer123456");
/// The password of every seeded team member.
pub const MEMBER_PASSWORD: &str = "member123456";
/// The team member whose user name is hostile markup (a first-level member).
pub const HOSTILE_MEMBER: &str = "<img src=x onerror=\"top.__xss=1\">";
/// The retailer's user id on both sites (after `demo` 1 and `vip` 2).
pub const RETAILER_ID: i64 = 3;
/// First-level members (parent = the retailer), ids 4..=23; the first three are retailers
/// themselves with four second-level members each (ids 24..=35).
pub const FIRST_LEVEL: i64 = 20;
pub const SUB_RETAILERS: i64 = 3;
pub const PER_SUB_RETAILER: i64 = 4;

const HOUR: i64 = 3_600;

/// `(id, (zh, en) title, (zh, en) benefits, level, price, discount, expire_day,
/// share_reward, parent_reward)`.
type GroupSeed = (
    i64,
    (&'static str, &'static str),
    (&'static str, &'static str),
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
);

const GROUPS: [GroupSeed; 3] = [
    (
        1,
        ("普通会员", "Member"),
        (
            "<ul><li>注册即可加入，长期有效</li><li>订单跟踪与售后</li><li>邀请好友下单可得 <strong>5%</strong> 佣金</li></ul>",
            "<ul><li>Everyone who signs up, never expires</li><li>Order tracking and after-sales service</li><li>Earn <strong>5%</strong> on orders of friends you invite</li></ul>",
        ),
        1,
        0,
        0,
        0,
        5,
        2,
    ),
    (
        2,
        ("银卡会员", "Silver"),
        (
            "<ul><li>全场 <strong>95 折</strong></li><li>有效期 365 天</li><li>邀请好友下单可得 <strong>10%</strong> 佣金，团队二级订单另得 5%</li></ul><p>到期前续费，有效期顺延。</p>",
            "<ul><li><strong>5% off</strong> everything</li><li>Valid for 365 days</li><li>Earn <strong>10%</strong> on your invitees' orders and 5% on your team's second level</li></ul><p>Renew before it ends and the year is added on.</p>",
        ),
        2,
        9_900,
        95,
        365,
        10,
        5,
    ),
    (
        3,
        ("VIP 会员", "VIP"),
        (
            "<ul><li>全场 <strong>9 折</strong></li><li>VIP 专属商品与内容</li><li>有效期 365 天</li><li>邀请好友下单可得 <strong>15%</strong> 佣金，团队二级订单另得 8%</li></ul>",
            "<ul><li><strong>10% off</strong> everything</li><li>VIP-only products and articles</li><li>Valid for 365 days</li><li>Earn <strong>15%</strong> on your invitees' orders and 8% on your team's second level</li></ul>",
        ),
        3,
        29_900,
        90,
        365,
        15,
        8,
    ),
];

/// Writes the seeded groups (insert or overwrite).
pub(super) fn write_groups(tx: &Connection, lang: Lang) -> rusqlite::Result<()> {
    let site = lang.site_id();
    for (id, title, desc, level, price, discount, expire_day, share, parent) in GROUPS {
        let setting = json!({
            "share_reward": share, "parent_reward": parent, "discount": discount,
            "expire_day": expire_day, "content_no_verify": false, "content_no_captcha": true
        });
        tx.execute(
            "INSERT OR REPLACE INTO user_groups (site_id, id, title, description, level, status, price, setting,
               created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?8)",
            params![
                site,
                id,
                lang.pick(title),
                lang.pick(desc),
                level,
                price,
                setting.to_string(),
                SEED_NOW - 380 * DAY
            ],
        )?;
    }
    Ok(())
}

/// Team member names: first level, then second level. One is hostile markup.
const MEMBERS: [&str; 32] = [
    "lily.zhang",
    "kevin.wang",
    "mia.chen",
    "oscar.liu",
    HOSTILE_MEMBER,
    "nina.zhao",
    "leo.huang",
    "ava.zhou",
    "sam.wu",
    "ella.xu",
    "max.sun",
    "zoe.ma",
    "jack.zhu",
    "ivy.hu",
    "tom.guo",
    "amy.he",
    "ben.lin",
    "cora.luo",
    "dan.gao",
    "eva.liang",
    "finn.song",
    "gina.tang",
    "hugo.han",
    "iris.feng",
    "jay.deng",
    "kate.cao",
    "liam.peng",
    "mona.zeng",
    "noah.xie",
    "olga.yu",
    "paul.dong",
    "rose.ye",
];

/// Seeds the groups' selling data and the distribution state on every site that lacks the
/// retailer. Idempotent.
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
        let seeded: Option<i64> = tx
            .query_row(
                "SELECT id FROM users WHERE site_id = ?1 AND user_name = ?2",
                params![site, RETAILER_USER.0],
                |r| r.get(0),
            )
            .optional()?;
        if seeded.is_none() {
            write_groups(&tx, lang)?;
            seed_site(&tx, lang, now)?;
        }
    }
    tx.commit()
}

#[allow(clippy::too_many_arguments)]
fn insert_user(
    tx: &Transaction,
    site: i64,
    id: i64,
    name: &str,
    password: &str,
    email: &str,
    phone: &str,
    real_name: &str,
    group_id: i64,
    parent_id: i64,
    is_retailer: i64,
    balance: i64,
    created: i64,
) -> rusqlite::Result<()> {
    let salt = format!("seed-{id}-{site}");
    tx.execute(
        "INSERT INTO users (site_id, id, user_name, real_name, email, phone, avatar_url, introduce, group_id,
            status, password_hash, salt, balance, invite_code, last_login, created_time, updated_time,
            parent_id, is_retailer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', '', ?7, 1, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13, ?14)",
        params![
            site,
            id,
            name,
            real_name,
            email,
            phone,
            group_id,
            crate::auth::hash_password(&salt, password),
            salt,
            balance,
            crate::repo::user::invite_code(id),
            created,
            parent_id,
            is_retailer
        ],
    )?;
    Ok(())
}

fn seed_site(tx: &Transaction, lang: Lang, now: i64) -> rusqlite::Result<()> {
    let site = lang.site_id();
    let code = lang.code();
    // vip's group runs for another half year.
    tx.execute(
        "UPDATE users SET expire_time = ?2 WHERE site_id = ?1 AND user_name = 'vip'",
        params![site, now + 180 * DAY],
    )?;
    let free_id: i64 = tx.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM users WHERE site_id = ?1",
        [site],
        |r| r.get(0),
    )?;
    // A data directory where someone registered before this seed: the team moves up.
    let base = free_id.max(RETAILER_ID);
    let retailer_id = base;
    let avatar = format!("/uploads/{code}/avatar-retailer.svg");
    upload(tx, &avatar, "RETAILER", 290, 128, 128)?;
    insert_user(
        tx,
        site,
        retailer_id,
        RETAILER_USER.0,
        RETAILER_USER.1,
        "retailer@example.com",
        "13612345678",
        lang.pick(("陈分享", "Rita Chen")),
        2,
        0,
        1,
        // ¥500.00
        50_000,
        now - 400 * DAY,
    )?;
    tx.execute(
        "UPDATE users SET avatar_url = ?3, expire_time = ?4 WHERE site_id = ?1 AND id = ?2",
        params![site, retailer_id, avatar, now + 200 * DAY],
    )?;
    // The team: ids after the retailer, joined over the last year (oldest first).
    let total = MEMBERS.len() as i64;
    let mut members = Vec::with_capacity(MEMBERS.len());
    for (i, name) in MEMBERS.iter().enumerate() {
        let i = i as i64;
        let id = retailer_id + 1 + i;
        let (parent, is_retailer) = if i < FIRST_LEVEL {
            (retailer_id, i64::from(i < SUB_RETAILERS))
        } else {
            (retailer_id + 1 + (i - FIRST_LEVEL) / PER_SUB_RETAILER, 0)
        };
        let joined = now - (370 - i * 360 / total) * DAY - (mix(i as u64) % 20) as i64 * HOUR;
        let email = if *name == HOSTILE_MEMBER {
            "hostile.member@example.com".to_string()
        } else {
            format!("{name}@example.com")
        };
        insert_user(
            tx,
            site,
            id,
            name,
            MEMBER_PASSWORD,
            &email,
            "",
            "",
            1,
            parent,
            is_retailer,
            0,
            joined,
        )?;
        members.push((id, joined));
    }
    let products: Vec<(i64, i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, price, title FROM archives WHERE site_id = ?1 AND module_id = 2 AND price > 0
               AND password = '' AND read_level = 0 AND id < 900 AND price <= 60000 ORDER BY id",
        )?;
        let rows = stmt.query_map([site], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if products.is_empty() {
        return Ok(());
    }
    seed_orders(tx, site, &members, &products, now)?;
    seed_withdrawals(tx, site, retailer_id, now)
}

/// 150 orders by team members over the last 365 days, the newest hours old. Completed ones
/// pay their commissions at completion; the last days' are still paid or shipped; a few
/// were closed or refunded before completion (no commission).
fn seed_orders(
    tx: &Transaction,
    site: i64,
    members: &[(i64, i64)],
    products: &[(i64, i64, String)],
    now: i64,
) -> rusqlite::Result<()> {
    const COUNT: i64 = 150;
    for n in 0..COUNT {
        let seed = mix((n * 7919 + 17) as u64);
        // Oldest first: spread over the year, denser lately; the newest hours ago.
        let age = (COUNT - 1 - n) * 364 * DAY / (COUNT - 1) + (seed % 20) as i64 * HOUR + 2 * HOUR;
        let created = now - age;
        // A buyer who had joined by then.
        let eligible: Vec<&(i64, i64)> = members.iter().filter(|(_, j)| *j < created).collect();
        let Some(&&(buyer, _)) = eligible.get((seed % eligible.len().max(1) as u64) as usize)
        else {
            continue;
        };
        let (goods_id, price, title) = &products[(seed >> 8) as usize % products.len()];
        let quantity = 1 + ((seed >> 16) % 3) as i64;
        let lines = [NewLine {
            goods_id: *goods_id,
            goods_item_id: 0,
            origin_price: *price,
            price: *price,
            quantity,
        }];
        let remark = format!("{title}...");
        let placed = order::create(
            tx,
            site,
            &NewOrder {
                user_id: buyer,
                address_id: 0,
                remark: &remark,
                kind: "goods",
                lines: &lines,
                discount_amount: 0,
                coupon_code_id: "",
            },
            created,
        )?;
        let share = retailer::share_for(tx, site, buyer, placed.amount)?;
        retailer::set_share(tx, site, &placed.order_id, &share)?;
        let paid = created + 10 * 60;
        let delivered = created + DAY;
        let finished = created + 5 * DAY;
        let (status, paid_time, deliver_time, finished_time) = if n % 37 == 11 {
            (-1, 0, 0, 0)
        } else if n % 41 == 20 {
            (9, paid, delivered, 0)
        } else if finished > now {
            if delivered > now {
                (1, paid, 0, 0)
            } else {
                (2, paid, delivered, 0)
            }
        } else {
            (3, paid, delivered, finished)
        };
        let refund = if status == 9 { 8 } else { 0 };
        tx.execute(
            "UPDATE orders SET status = ?2, refund_status = ?3, paid_time = ?4, deliver_time = ?5,
               finished_time = ?6, end_time = ?7, updated_time = ?8 WHERE id = ?1",
            params![
                placed.id,
                status,
                refund,
                paid_time,
                deliver_time,
                finished_time,
                if deliver_time > 0 {
                    deliver_time + 10 * DAY
                } else {
                    0
                },
                [created, paid_time, deliver_time, finished_time]
                    .into_iter()
                    .max()
                    .unwrap_or(created)
            ],
        )?;
        if status == 3 {
            for (user, amount) in [
                (share.share_user_id, share.share_amount),
                (share.share_parent_user_id, share.share_parent_amount),
            ] {
                retailer::pay_commission(
                    tx,
                    site,
                    user,
                    (&placed.order_id, placed.amount),
                    amount,
                    0,
                    finished_time,
                )?;
            }
        }
    }
    Ok(())
}

/// Eleven monthly withdrawals by the retailer, each taking every commission not yet
/// withdrawn at that moment, as `/api/retailer/withdraw` does: the oldest paid (2), one
/// failed (-1: its commissions came back and went into the next one), the second newest
/// agreed (1), the newest waiting (0). The last month's commissions stay withdrawable.
fn seed_withdrawals(tx: &Transaction, site: i64, user: i64, now: i64) -> rusqlite::Result<()> {
    for k in (1..=11i64).rev() {
        let at = now - k * 30 * DAY;
        let amount: i64 = tx.query_row(
            "SELECT COALESCE(SUM(amount), 0) FROM commissions WHERE site_id = ?1 AND user_id = ?2
               AND status = 0 AND created_time <= ?3",
            params![site, user, at],
            |r| r.get(0),
        )?;
        if amount < retailer::MIN_WITHDRAW {
            continue;
        }
        let (status, success, remark) = match k {
            1 => (0, 0, ""),
            2 => (1, 0, ""),
            6 => (-1, 0, "the payee's real name does not match the account"),
            _ => (2, at + 2 * DAY, ""),
        };
        let updated = match status {
            0 => at,
            1 => at + DAY,
            _ => at + 2 * DAY,
        };
        tx.execute(
            "INSERT INTO withdraws (site_id, user_id, amount, success_time, withdraw_way, status, error_times,
               last_time, remark, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?7)",
            params![
                site,
                user,
                amount,
                success,
                status,
                i64::from(status == -1),
                updated,
                remark,
                at
            ],
        )?;
        if status != -1 {
            let id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE commissions SET status = 1, withdraw_id = ?4, updated_time = ?3
                 WHERE site_id = ?1 AND user_id = ?2 AND status = 0 AND created_time <= ?3",
                params![site, user, at, id],
            )?;
        }
    }
    Ok(())
}
