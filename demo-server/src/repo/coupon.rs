//! Coupons and the codes users claim (documented edition, §12): rows, queries, the wire
//! shapes and the discount maths.
//!
//! Money is stored in cents like everything else; the docs say the coupon's `money` and
//! `max_money` are floats, so the wire gives yuan floats built from the cents' decimal text
//! (2000 → 20.0, 1550 → 15.5), never a binary-rounding surprise like 15.499999.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::reply::{say, yuan_text};
use crate::Site;

/// `money_type` 1: a fixed amount off.
pub const FIXED: i64 = 1;
/// `money_type` 2: a percentage off, optionally capped.
pub const PERCENT: i64 = 2;

#[derive(Debug, Clone, Default)]
pub struct Coupon {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub money_type: i64,
    /// Type 1: cents off.
    pub money_cents: i64,
    /// Type 2: percent off, 1–100.
    pub percent: i64,
    /// Type 2: the cap in cents; 0 = none.
    pub max_cents: i64,
    /// The amount (of the base, see [`base`]) the order needs; 0 = none.
    pub min_cents: i64,
    /// 0 = the whole shop; otherwise only orders with that product, which alone counts.
    pub archive_id: i64,
    pub start_time: i64,
    /// 0 = no expiry.
    pub end_time: i64,
    /// How many codes may be claimed; 0 = unlimited.
    pub total: i64,
    pub claimed: i64,
    pub per_user: i64,
}

impl Coupon {
    pub fn started(&self, now: i64) -> bool {
        self.start_time <= now
    }

    pub fn expired(&self, now: i64) -> bool {
        self.end_time > 0 && now > self.end_time
    }

    pub fn run_out(&self) -> bool {
        self.total > 0 && self.claimed >= self.total
    }

    /// How many codes one user may hold over time, used ones included (at least one).
    pub fn per_user_limit(&self) -> i64 {
        self.per_user.max(1)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Code {
    pub id: i64,
    pub coupon_id: i64,
    pub user_id: i64,
    pub code: String,
    /// 0 unused, 1 used.
    pub status: i64,
    pub order_id: String,
    pub created_time: i64,
    pub used_time: i64,
}

const COUPON_COLS: &str = "id, name, description, money_type, money_cents, percent, max_cents, \
min_cents, archive_id, start_time, end_time, total, claimed, per_user";

fn coupon_from_row(r: &Row) -> rusqlite::Result<Coupon> {
    Ok(Coupon {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        money_type: r.get(3)?,
        money_cents: r.get(4)?,
        percent: r.get(5)?,
        max_cents: r.get(6)?,
        min_cents: r.get(7)?,
        archive_id: r.get(8)?,
        start_time: r.get(9)?,
        end_time: r.get(10)?,
        total: r.get(11)?,
        claimed: r.get(12)?,
        per_user: r.get(13)?,
    })
}

const CODE_COLS: &str =
    "cc.id, cc.coupon_id, cc.user_id, cc.code, cc.status, cc.order_id, cc.created_time, cc.used_time";

fn code_from_row(r: &Row) -> rusqlite::Result<Code> {
    Ok(Code {
        id: r.get(0)?,
        coupon_id: r.get(1)?,
        user_id: r.get(2)?,
        code: r.get(3)?,
        status: r.get(4)?,
        order_id: r.get(5)?,
        created_time: r.get(6)?,
        used_time: r.get(7)?,
    })
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Coupon>> {
    conn.query_row(
        &format!("SELECT {COUPON_COLS} FROM coupons WHERE site_id = ?1 AND id = ?2"),
        params![site_id, id],
        coupon_from_row,
    )
    .optional()
}

/// Every coupon of the site, newest first.
pub fn all(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<Coupon>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COUPON_COLS} FROM coupons WHERE site_id = ?1 ORDER BY created_time DESC, id DESC"
    ))?;
    let rows = stmt.query_map([site_id], coupon_from_row)?;
    rows.collect()
}

/// Every code the user holds or held, newest first.
pub fn codes_of(conn: &Connection, site_id: i64, user_id: i64) -> rusqlite::Result<Vec<Code>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CODE_COLS} FROM coupon_codes cc WHERE cc.site_id = ?1 AND cc.user_id = ?2
         ORDER BY cc.created_time DESC, cc.id DESC"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id], code_from_row)?;
    rows.collect()
}

pub fn code(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Code>> {
    conn.query_row(
        &format!("SELECT {CODE_COLS} FROM coupon_codes cc WHERE cc.site_id = ?1 AND cc.id = ?2"),
        params![site_id, id],
        code_from_row,
    )
    .optional()
}

/// A code by its text, ignoring case and surrounding blanks (shoppers type them).
pub fn code_by_text(conn: &Connection, site_id: i64, text: &str) -> rusqlite::Result<Option<Code>> {
    conn.query_row(
        &format!(
            "SELECT {CODE_COLS} FROM coupon_codes cc WHERE cc.site_id = ?1 AND UPPER(cc.code) = UPPER(?2)"
        ),
        params![site_id, text.trim()],
        code_from_row,
    )
    .optional()
}

/// The `status` filter of `/api/coupon/codes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFilter {
    All,
    /// `0`: unused and not expired.
    Unused,
    /// `1`: used.
    Used,
    /// `2`: unused, and the coupon's `end_time` has passed.
    Expired,
}

impl CodeFilter {
    pub fn parse(v: &str) -> CodeFilter {
        match v.trim() {
            "0" => CodeFilter::Unused,
            "1" => CodeFilter::Used,
            "2" => CodeFilter::Expired,
            _ => CodeFilter::All,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            CodeFilter::All => "1 = 1",
            CodeFilter::Unused => "cc.status = 0 AND (c.end_time = 0 OR c.end_time >= ?3)",
            CodeFilter::Used => "cc.status = 1",
            CodeFilter::Expired => "cc.status = 0 AND c.end_time > 0 AND c.end_time < ?3",
        }
    }
}

/// A page of the user's codes (newest first) and how many match the filter.
pub fn page(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    filter: CodeFilter,
    now: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Code>, i64)> {
    let from = format!(
        "FROM coupon_codes cc JOIN coupons c ON c.site_id = cc.site_id AND c.id = cc.coupon_id
         WHERE cc.site_id = ?1 AND cc.user_id = ?2 AND ?3 = ?3 AND {}",
        filter.sql()
    );
    let total = conn.query_row(
        &format!("SELECT COUNT(*) {from}"),
        params![site_id, user_id, now],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {CODE_COLS} {from} ORDER BY cc.created_time DESC, cc.id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id, now, limit, offset], code_from_row)?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Why a coupon cannot be claimed or used; [`Refusal::message`] says it to the shopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such coupon or code, or the code is someone else's.
    NotFound,
    NotStarted,
    Expired,
    RunOut,
    /// The user already holds (or held) as many codes as `per_user` allows.
    AlreadyClaimed,
    /// `coupon_id` was sent, but the user holds no unused code of it.
    NotClaimed,
    Used,
    /// The base is `short` cents below the coupon's minimum.
    BelowMinimum {
        short: i64,
    },
    /// A product-only coupon, and the order lacks the product.
    ProductMissing {
        title: String,
    },
}

impl Refusal {
    pub fn message(&self, site: &Site) -> String {
        match self {
            Refusal::NotFound => say(site, "优惠券不存在", "The coupon does not exist").into(),
            Refusal::NotStarted => {
                say(site, "优惠券活动尚未开始", "This coupon cannot be used yet").into()
            }
            Refusal::Expired => say(site, "优惠券已过期", "This coupon has expired").into(),
            Refusal::RunOut => say(site, "优惠券已领完", "This coupon has run out").into(),
            Refusal::AlreadyClaimed => say(
                site,
                "您已领取过此优惠券",
                "You have already claimed this coupon",
            )
            .into(),
            Refusal::NotClaimed => say(
                site,
                "您还没有领取此优惠券",
                "You have not claimed this coupon",
            )
            .into(),
            Refusal::Used => say(site, "优惠券已使用", "This coupon has already been used").into(),
            Refusal::BelowMinimum { short } => {
                let amount = yuan_text(*short);
                if site.language.starts_with("zh") {
                    format!("还差 ¥{amount} 才能使用此优惠券")
                } else {
                    format!("Add ¥{amount} more to use this coupon")
                }
            }
            Refusal::ProductMissing { title } => {
                if site.language.starts_with("zh") {
                    format!("此优惠券仅限「{title}」使用，订单中没有该商品")
                } else {
                    format!("This coupon is only for {title}, which is not in the order")
                }
            }
        }
    }
}

/// The amount a coupon works on: the member amounts of every line, or only of the
/// coupon's product's lines (`None` when the order has none of them). Lines are
/// `(goods_id, member amount)`.
pub fn base(c: &Coupon, lines: &[(i64, i64)]) -> Option<i64> {
    let mut matched = false;
    let mut sum = 0i64;
    for &(goods_id, amount) in lines {
        if c.archive_id == 0 || goods_id == c.archive_id {
            matched = true;
            sum = sum.saturating_add(amount);
        }
    }
    matched.then_some(sum)
}

/// The discount in cents on `base`, truncating like Go's integer division: type 1 takes
/// `money` off, type 2 `base × percent / 100` capped by `max_cents`; never more than the base.
pub fn discount(c: &Coupon, base: i64) -> i64 {
    if base <= 0 {
        return 0;
    }
    let off = if c.money_type == PERCENT {
        let d = base.saturating_mul(c.percent.clamp(0, 100)) / 100;
        if c.max_cents > 0 {
            d.min(c.max_cents)
        } else {
            d
        }
    } else {
        c.money_cents.max(0)
    };
    off.clamp(0, base)
}

/// Whether the user's unused `code` of `c` applies now to an order whose base is `base`
/// (see [`base`]); `Ok` holds the discount. `product_title` names the coupon's product for
/// the refusal when the order lacks it.
pub fn applies(
    c: &Coupon,
    code: &Code,
    base: Option<i64>,
    now: i64,
    product_title: impl FnOnce() -> String,
) -> Result<i64, Refusal> {
    if code.status != 0 {
        return Err(Refusal::Used);
    }
    if !c.started(now) {
        return Err(Refusal::NotStarted);
    }
    if c.expired(now) {
        return Err(Refusal::Expired);
    }
    let Some(base) = base else {
        return Err(Refusal::ProductMissing {
            title: product_title(),
        });
    };
    if base < c.min_cents {
        return Err(Refusal::BelowMinimum {
            short: c.min_cents - base,
        });
    }
    Ok(discount(c, base))
}

/// Characters of the random part of a code: no 0/O, 1/I/L.
const CODE_CHARS: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A code's text, e.g. `AQ20-7F3K2`: `AQ`, the yuan off (type 1) or the percent (type 2),
/// and five characters taken from `entropy`.
pub fn code_text(c: &Coupon, mut entropy: u64) -> String {
    let figure = if c.money_type == PERCENT {
        c.percent
    } else {
        c.money_cents / 100
    };
    let mut tail = String::with_capacity(5);
    for _ in 0..5 {
        tail.push(char::from(
            CODE_CHARS[(entropy % CODE_CHARS.len() as u64) as usize],
        ));
        entropy /= CODE_CHARS.len() as u64;
    }
    format!("AQ{figure}-{tail}")
}

/// Claims a code of coupon `id` for the user. Run it inside a transaction: the claimed
/// counter and the new code change together, and a second claim (past `per_user`) is
/// refused before anything is written. Returns the code and the updated coupon.
pub fn claim(
    conn: &Connection,
    site_id: i64,
    id: i64,
    user_id: i64,
    now: i64,
) -> rusqlite::Result<Result<(Code, Coupon), Refusal>> {
    let Some(c) = get(conn, site_id, id)? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !c.started(now) {
        return Ok(Err(Refusal::NotStarted));
    }
    if c.expired(now) {
        return Ok(Err(Refusal::Expired));
    }
    let held: i64 = conn.query_row(
        "SELECT COUNT(*) FROM coupon_codes WHERE site_id = ?1 AND coupon_id = ?2 AND user_id = ?3",
        params![site_id, id, user_id],
        |r| r.get(0),
    )?;
    if held >= c.per_user_limit() {
        return Ok(Err(Refusal::AlreadyClaimed));
    }
    let counted = conn.execute(
        "UPDATE coupons SET claimed = claimed + 1, updated_time = ?3
         WHERE site_id = ?1 AND id = ?2 AND (total = 0 OR claimed < total)",
        params![site_id, id, now],
    )?;
    if counted == 0 {
        return Ok(Err(Refusal::RunOut));
    }
    // Codes are unique across sites; on the rare clash draw again.
    let mut attempt = 0;
    let code_id = loop {
        let entropy = u64::from_str_radix(&crate::auth::random_hex(15), 16).unwrap_or(0);
        let text = code_text(&c, entropy);
        let inserted = conn.execute(
            "INSERT INTO coupon_codes (site_id, coupon_id, user_id, code, status, order_id, created_time, used_time)
             VALUES (?1, ?2, ?3, ?4, 0, '', ?5, 0)",
            params![site_id, id, user_id, text, now],
        );
        match inserted {
            Ok(_) => break conn.last_insert_rowid(),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation && attempt < 8 =>
            {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let code = code(conn, site_id, code_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let coupon = get(conn, site_id, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    Ok(Ok((code, coupon)))
}

/// Marks an unused code used by `order_id`; false when it was not unused any more.
pub fn mark_used(
    conn: &Connection,
    site_id: i64,
    code_id: i64,
    order_id: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE coupon_codes SET status = 1, order_id = ?3, used_time = ?4
         WHERE site_id = ?1 AND id = ?2 AND status = 0",
        params![site_id, code_id, order_id, now],
    )?;
    Ok(n > 0)
}

/// Gives the codes an order used back (an unpaid order cancelled or closed).
pub fn release(conn: &Connection, site_id: i64, order_id: &str) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE coupon_codes SET status = 0, order_id = '', used_time = 0
         WHERE site_id = ?1 AND order_id = ?2 AND status = 1",
        params![site_id, order_id],
    )
}

/// Cents as a JSON float in yuan, through the decimal text so 1550 is exactly 15.5.
pub fn yuan(cents: i64) -> f64 {
    yuan_text(cents).parse().unwrap_or(0.0)
}

/// The coupon object. `code` is `None` where the shape leaves the key out (inside a code
/// object), `Some(None)` for `"code": null`.
#[derive(Debug, Serialize)]
pub struct CouponJson {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub money_type: i64,
    /// Type 1: yuan off. Type 2: percent off (15.0 = 15 % off).
    pub money: f64,
    /// Type 2: the cap in yuan; 0 = none. Type 1: 0.
    pub max_money: f64,
    /// The amount the order needs, in yuan; 0 = none.
    pub min_money: f64,
    pub archive_id: i64,
    pub start_time: i64,
    pub end_time: i64,
    pub total: i64,
    pub claimed_count: i64,
    pub per_user: i64,
    /// Whether the signed-in user holds an unused code of it.
    pub claimed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Option<CodeJson>>,
}

/// The code object; `coupon` is left out where it is nested in its coupon.
#[derive(Debug, Serialize)]
pub struct CodeJson {
    pub id: i64,
    pub coupon_id: i64,
    pub code: String,
    pub status: i64,
    pub order_id: String,
    pub created_time: i64,
    pub used_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon: Option<Box<CouponJson>>,
}

fn coupon_fields(c: &Coupon, claimed: bool, code: Option<Option<CodeJson>>) -> CouponJson {
    let percent = c.money_type == PERCENT;
    CouponJson {
        id: c.id,
        name: c.name.clone(),
        description: c.description.clone(),
        money_type: c.money_type,
        money: if percent {
            yuan(c.percent.saturating_mul(100))
        } else {
            yuan(c.money_cents)
        },
        max_money: if percent { yuan(c.max_cents) } else { 0.0 },
        min_money: yuan(c.min_cents),
        archive_id: c.archive_id,
        start_time: c.start_time,
        end_time: c.end_time,
        total: c.total,
        claimed_count: c.claimed,
        per_user: c.per_user,
        claimed,
        code,
    }
}

fn bare_code(k: &Code, coupon: Option<Box<CouponJson>>) -> CodeJson {
    CodeJson {
        id: k.id,
        coupon_id: k.coupon_id,
        code: k.code.clone(),
        status: k.status,
        order_id: k.order_id.clone(),
        created_time: k.created_time,
        used_time: k.used_time,
        coupon,
    }
}

/// A coupon as the valid list shows it, with the user's unused code if they hold one.
pub fn coupon_json(c: &Coupon, held: Option<&Code>) -> CouponJson {
    coupon_fields(c, held.is_some(), Some(held.map(|k| bare_code(k, None))))
}

/// A code with its coupon (`claimed`: whether the user holds an unused code of it).
pub fn code_json(k: &Code, c: &Coupon, claimed: bool) -> CodeJson {
    bare_code(k, Some(Box::new(coupon_fields(c, claimed, None))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(off: i64, min: i64) -> Coupon {
        Coupon {
            money_type: FIXED,
            money_cents: off,
            min_cents: min,
            per_user: 1,
            ..Coupon::default()
        }
    }

    fn percent(p: i64, cap: i64, min: i64) -> Coupon {
        Coupon {
            money_type: PERCENT,
            percent: p,
            max_cents: cap,
            min_cents: min,
            per_user: 1,
            ..Coupon::default()
        }
    }

    #[test]
    fn fixed_amounts_never_exceed_the_base() {
        assert_eq!(discount(&fixed(1000, 0), 5000), 1000);
        assert_eq!(discount(&fixed(1000, 0), 990), 990);
        assert_eq!(discount(&fixed(1000, 0), 0), 0);
        assert_eq!(discount(&fixed(-5, 0), 100), 0);
    }

    #[test]
    fn percentages_truncate_like_go_and_respect_the_cap() {
        // 15 % of 199.99 is 29.9985: truncated to 2999 cents.
        assert_eq!(discount(&percent(15, 0, 0), 19_999), 2_999);
        assert_eq!(discount(&percent(15, 3000, 0), 19_999), 2_999);
        assert_eq!(discount(&percent(15, 3000, 0), 59_900), 3_000, "capped");
        assert_eq!(discount(&percent(15, 0, 0), 59_900), 8_985, "no cap");
        assert_eq!(discount(&percent(100, 0, 0), 4_900), 4_900);
        assert_eq!(
            discount(&percent(150, 0, 0), 4_900),
            4_900,
            "never above the base"
        );
        assert_eq!(discount(&percent(15, 3000, 0), 1), 0);
    }

    #[test]
    fn the_base_is_the_whole_order_or_the_coupons_product() {
        let lines = [(4, 59_900), (8, 39_900), (4, 100)];
        assert_eq!(base(&fixed(1000, 0), &lines), Some(99_900));
        let only = Coupon {
            archive_id: 4,
            ..fixed(1000, 0)
        };
        assert_eq!(base(&only, &lines), Some(60_000));
        let absent = Coupon {
            archive_id: 99,
            ..fixed(1000, 0)
        };
        assert_eq!(base(&absent, &lines), None);
    }

    #[test]
    fn applies_checks_use_time_and_threshold_in_order() {
        let unused = Code::default();
        let title = || "Sweater".to_string();
        let c = Coupon {
            start_time: 100,
            end_time: 200,
            ..fixed(2000, 19_900)
        };
        assert_eq!(applies(&c, &unused, Some(20_000), 150, title), Ok(2000));
        assert_eq!(
            applies(&c, &unused, Some(18_700), 150, title),
            Err(Refusal::BelowMinimum { short: 1_200 })
        );
        assert_eq!(
            applies(&c, &unused, Some(20_000), 99, title),
            Err(Refusal::NotStarted)
        );
        assert_eq!(
            applies(&c, &unused, Some(20_000), 201, title),
            Err(Refusal::Expired)
        );
        assert_eq!(
            applies(&c, &unused, Some(20_000), 200, title),
            Ok(2000),
            "end_time itself is still valid"
        );
        let used = Code {
            status: 1,
            ..Code::default()
        };
        assert_eq!(
            applies(&c, &used, Some(20_000), 150, title),
            Err(Refusal::Used)
        );
        assert_eq!(
            applies(&c, &unused, None, 150, title),
            Err(Refusal::ProductMissing {
                title: "Sweater".into()
            })
        );
    }

    #[test]
    fn money_is_yuan_with_at_most_two_decimals() {
        assert_eq!(yuan(2000), 20.0);
        assert_eq!(yuan(1550), 15.5);
        assert_eq!(yuan(1), 0.01);
        assert_eq!(yuan(0), 0.0);
        let j = serde_json::to_string(&coupon_json(&percent(15, 3000, 10_000), None))
            .unwrap_or_default();
        assert!(j.contains(r#""money":15.0"#), "{j}");
        assert!(j.contains(r#""max_money":30.0"#), "{j}");
        assert!(j.contains(r#""min_money":100.0"#), "{j}");
        assert!(j.contains(r#""code":null"#), "{j}");
    }

    #[test]
    fn codes_look_like_aq20_and_five_characters() {
        let t = code_text(&fixed(2000, 0), 123_456_789);
        assert!(t.starts_with("AQ20-"), "{t}");
        assert_eq!(t.len(), 10);
        assert!(code_text(&percent(15, 0, 0), 1).starts_with("AQ15-"));
        assert_ne!(code_text(&fixed(2000, 0), 1), code_text(&fixed(2000, 0), 2));
    }

    #[test]
    fn refusals_speak_the_sites_language() {
        let zh = Site {
            id: 1,
            name: String::new(),
            language: "zh-CN".into(),
            language_name: String::new(),
            language_emoji: String::new(),
            dir: String::new(),
            is_main: true,
            token_secret: String::new(),
        };
        let en = Site {
            language: "en".into(),
            ..zh.clone()
        };
        let short = Refusal::BelowMinimum { short: 1_200 };
        assert_eq!(short.message(&zh), "还差 ¥12.00 才能使用此优惠券");
        assert_eq!(short.message(&en), "Add ¥12.00 more to use this coupon");
    }
}
