//! Coupons and the priced checkout preview (documented edition, §12).
//!
//! The docs call `money`, `max_money` and `min_money` floats in yuan. They are read as the
//! decimal text the JSON carries and turned into cents by [`Money::parse_major`]: no float
//! arithmetic ever touches them, and an amount with more than two decimals is refused
//! rather than rounded.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::{get_shared, post};
use super::ApiError;
use crate::domain::cart::LineKey;
use crate::domain::checkout::{Address, CouponChoice};
use crate::domain::pricing::{Coupon, CouponKind, OrderTotals};
use crate::domain::Money;

/// A JSON amount in yuan (number or string) as cents; `None` when it is not a plain
/// non-negative amount with at most two decimals.
fn yuan(value: &Value) -> Option<Money> {
    match value {
        Value::Number(n) => Money::parse_major(&n.to_string()),
        Value::String(s) => Money::parse_major(s),
        _ => None,
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct WireCoupon {
    id: i64,
    name: Option<String>,
    description: Option<String>,
    money_type: i64,
    money: Value,
    max_money: Value,
    min_money: Value,
    archive_id: i64,
    start_time: i64,
    end_time: i64,
    total: i64,
    claimed_count: i64,
    claimed: bool,
    code: Option<Box<WireCode>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct WireCode {
    id: i64,
    coupon_id: i64,
    code: Option<String>,
    status: i64,
    coupon: Option<WireCoupon>,
}

impl WireCoupon {
    /// `None` for a coupon whose amounts cannot be read: shown wrong, it would promise a
    /// discount the server will not give.
    fn kind(&self) -> Option<CouponKind> {
        match self.money_type {
            1 => Some(CouponKind::Fixed(yuan(&self.money)?)),
            2 => {
                // 15.0 → 15 %; a fraction of a percent is dropped (never promise more).
                let percent = yuan(&self.money)?.cents / 100;
                let percent = u8::try_from(percent)
                    .ok()
                    .filter(|p| (1..=100).contains(p))?;
                let cap = match &self.max_money {
                    Value::Null => None,
                    v => yuan(v).filter(|c| !c.is_free()),
                };
                Some(CouponKind::PercentOff { percent, cap })
            }
            _ => None,
        }
    }

    fn into_coupon(self, code: Option<(i64, String, bool)>) -> Option<Coupon> {
        let kind = self.kind()?;
        let min_amount = match &self.min_money {
            Value::Null => Money::default(),
            v => yuan(v)?,
        };
        let (code_id, code, used) = match code {
            Some((id, text, used)) => (Some(id), text, used),
            None => (None, String::new(), false),
        };
        Some(Coupon {
            id: self.id,
            code_id,
            code,
            name: self.name.unwrap_or_default().trim().to_string(),
            kind,
            min_amount,
            product: (self.archive_id > 0).then_some(self.archive_id),
            valid_from: (self.start_time > 0).then_some(self.start_time),
            expires_at: (self.end_time > 0).then_some(self.end_time),
            used,
        })
    }
}

impl WireCode {
    fn into_coupon(self) -> Option<Coupon> {
        let coupon = self.coupon?;
        if coupon.id != self.coupon_id && self.coupon_id > 0 {
            return None;
        }
        let text = self.code.unwrap_or_default().trim().to_string();
        coupon.into_coupon(Some((self.id, text, self.status == 1)))
    }
}

/// A coupon the shop offers now, as the signed-in shopper sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct CouponOffer {
    /// With `code_id` set when the shopper holds it.
    pub coupon: Coupon,
    pub description: String,
    /// How many are left to claim; `None` for no limit.
    pub remaining: Option<u64>,
}

impl CouponOffer {
    pub fn claimed(&self) -> bool {
        self.coupon.code_id.is_some()
    }
}

/// What `/api/coupon/valid` is asked for (also its cache key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OfferFilter {
    /// Only coupons whose minimum this order amount meets.
    pub amount: Option<Money>,
    /// Only the shop's and this product's coupons.
    pub archive_id: Option<i64>,
}

/// `GET /api/coupon/valid`: the coupons valid now, with the shopper's codes.
pub async fn offers(filter: OfferFilter) -> Result<Vec<CouponOffer>, ApiError> {
    let mut params = Vec::new();
    if let Some(amount) = filter.amount {
        params.push(("amount", amount.cents.max(0).to_string()));
    }
    if let Some(id) = filter.archive_id {
        params.push(("archive_id", id.to_string()));
    }
    let reply = get_shared::<Vec<WireCoupon>>("coupon/valid", &params).await?;
    Ok(reply
        .list()
        .into_iter()
        .filter_map(|wire| {
            let description = wire.description.clone().unwrap_or_default();
            let remaining = (wire.total > 0)
                .then(|| u64::try_from(wire.total - wire.claimed_count).unwrap_or(0));
            let code = wire
                .code
                .as_deref()
                .filter(|c| c.id > 0 && (wire.claimed || c.status == 0))
                .map(|c| (c.id, c.code.clone().unwrap_or_default(), c.status == 1));
            let coupon = wire.into_coupon(code)?;
            Some(CouponOffer {
                coupon,
                description: description.trim().to_string(),
                remaining,
            })
        })
        .collect())
}

#[derive(Serialize)]
struct ClaimBody {
    id: i64,
}

/// `POST /api/coupon/code`: claims a coupon; the code the shopper now holds.
pub async fn claim(coupon_id: i64) -> Result<Coupon, ApiError> {
    let wire = post::<WireCode, _>("coupon/code", &ClaimBody { id: coupon_id })
        .await?
        .required()?;
    let id = wire.id;
    match wire.into_coupon() {
        Some(coupon) => Ok(coupon),
        // The claim went through even if its echo cannot be read: say so, not "failed".
        None if id > 0 => Err(ApiError::Malformed(
            "claimed coupon without its terms".into(),
        )),
        None => Err(ApiError::Malformed("claim answer without a code".into())),
    }
}

/// The "my coupons" filters of `/api/coupon/codes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeStatus {
    Unused,
    Used,
    Expired,
}

/// One page of the shopper's codes, and how many there are.
#[derive(Clone, Debug, PartialEq)]
pub struct CodePage {
    pub coupons: Vec<Coupon>,
    pub total: u64,
}

pub const CODES_PAGE_SIZE: u32 = 10;

/// `GET /api/coupon/codes?status=&current=&pageSize=` (cache key: status and page).
pub async fn my_codes((status, page): (CodeStatus, u32)) -> Result<CodePage, ApiError> {
    let status = match status {
        CodeStatus::Unused => "0",
        CodeStatus::Used => "1",
        CodeStatus::Expired => "2",
    };
    let params = [
        ("status", status.to_string()),
        ("current", page.max(1).to_string()),
        ("pageSize", CODES_PAGE_SIZE.to_string()),
    ];
    let reply = get_shared::<Vec<WireCode>>("coupon/codes", &params).await?;
    let total = reply.total.unwrap_or(0);
    Ok(CodePage {
        coupons: reply
            .list()
            .into_iter()
            .filter_map(WireCode::into_coupon)
            .collect(),
        total,
    })
}

#[derive(Serialize)]
struct PreviewLine {
    goods_id: i64,
    goods_sku_id: i64,
    quantity: u32,
}

#[derive(Serialize)]
struct PreviewBody<'a> {
    details: Vec<PreviewLine>,
    #[serde(flatten)]
    coupon: CouponFields,
    address: &'a Value,
}

/// The coupon fields `order/checkout` and `order/create` take: a held code's id, or the
/// text of a typed code; nothing for no coupon.
#[derive(Serialize, Default)]
pub(super) struct CouponFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    coupon_code_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coupon_code: Option<String>,
}

impl CouponFields {
    pub(super) fn of(choice: &CouponChoice) -> CouponFields {
        match choice {
            CouponChoice::None => CouponFields::default(),
            CouponChoice::Held(id) => CouponFields {
                coupon_code_id: Some(*id),
                coupon_code: None,
            },
            CouponChoice::Typed(code) => CouponFields {
                coupon_code_id: None,
                coupon_code: Some(code.trim().to_string()),
            },
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WirePreview {
    coupon: Option<WireCode>,
    origin_amount: i64,
    group_discount: i64,
    discount_amount: i64,
    amount: i64,
    details: Option<Vec<WirePreviewLine>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WirePreviewLine {
    goods_id: i64,
    goods_sku_id: i64,
    price: i64,
    amount: i64,
    quantity: i64,
}

/// The server's figures for an order, before it is placed.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedOrder {
    pub totals: OrderTotals,
    /// The coupon the server applied, when one was asked for and applies.
    pub coupon: Option<Coupon>,
    /// Each line's amount at the shopper's price.
    pub lines: Vec<(LineKey, Money)>,
}

/// `POST /api/order/checkout`: the server prices the cart with the shopper's group discount
/// and the coupon. A read, though it is a POST: nothing changes on the server, so it may be
/// asked again freely. A coupon that does not apply is refused (-1, with the reason).
pub async fn preview(
    lines: &[(LineKey, u32)],
    coupon: &CouponChoice,
    address: Option<&Address>,
) -> Result<PricedOrder, ApiError> {
    let address = address
        .map(|a| serde_json::to_value(super::orders::address_body(a)).unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    let body = PreviewBody {
        details: lines
            .iter()
            .map(|(key, quantity)| PreviewLine {
                goods_id: key.archive_id,
                goods_sku_id: key.sku_id.unwrap_or(0),
                quantity: *quantity,
            })
            .collect(),
        coupon: CouponFields::of(coupon),
        address: &address,
    };
    let wire = post::<WirePreview, _>("order/checkout", &body)
        .await?
        .required()?;
    if wire.amount < 0 || wire.origin_amount < 0 {
        return Err(ApiError::Malformed("negative amount in the preview".into()));
    }
    Ok(PricedOrder {
        coupon: wire.coupon.and_then(WireCode::into_coupon),
        totals: OrderTotals {
            subtotal: Money::from_cents(wire.origin_amount),
            group_discount: Money::from_cents(wire.group_discount.max(0)),
            coupon_discount: Money::from_cents(wire.discount_amount.max(0)),
            total: Money::from_cents(wire.amount),
        },
        lines: wire
            .details
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let key = LineKey {
                    archive_id: d.goods_id,
                    sku_id: (d.goods_sku_id > 0).then_some(d.goods_sku_id),
                };
                let amount = if d.amount > 0 {
                    d.amount
                } else {
                    d.price.saturating_mul(d.quantity.max(0))
                };
                (key, Money::from_cents(amount.max(0)))
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> WireCoupon {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn float_yuan_become_cents_without_float_maths() {
        let fixed = parse(r#"{"id":1,"name":"¥20 off","money_type":1,"money":20.0,"max_money":0,"min_money":199.5}"#)
            .into_coupon(None)
            .unwrap_or_else(|| panic!("unreadable"));
        assert_eq!(fixed.kind, CouponKind::Fixed(Money::from_cents(2000)));
        assert_eq!(fixed.min_amount, Money::from_cents(19950));
        let percent =
            parse(r#"{"id":2,"money_type":2,"money":15.0,"max_money":30.0,"min_money":"100"}"#)
                .into_coupon(None)
                .unwrap_or_else(|| panic!("unreadable"));
        assert_eq!(
            percent.kind,
            CouponKind::PercentOff {
                percent: 15,
                cap: Some(Money::from_cents(3000))
            }
        );
        assert_eq!(percent.min_amount, Money::from_cents(10000));
    }

    #[test]
    fn an_amount_that_cannot_be_read_exactly_drops_the_coupon() {
        // Three decimals, a float artefact, a negative, an unknown kind: shown, each would
        // promise a discount the server might not give.
        for json in [
            r#"{"id":1,"money_type":1,"money":0.125}"#,
            r#"{"id":1,"money_type":1,"money":0.30000000000000004}"#,
            r#"{"id":1,"money_type":1,"money":-5}"#,
            r#"{"id":1,"money_type":3,"money":5}"#,
            r#"{"id":1,"money_type":2,"money":150}"#,
        ] {
            assert!(parse(json).into_coupon(None).is_none(), "{json}");
        }
    }

    #[test]
    fn a_code_carries_its_coupon_and_whether_it_was_used() {
        let code: WireCode = serde_json::from_str(
            r#"{"id":17,"coupon_id":3,"code":"AQ20-7F3K2","status":1,
                "coupon":{"id":3,"name":"¥10","money_type":1,"money":10,"archive_id":26,"end_time":1900000000}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let coupon = code.into_coupon().unwrap_or_else(|| panic!("unreadable"));
        assert_eq!(coupon.code_id, Some(17));
        assert_eq!(coupon.code, "AQ20-7F3K2");
        assert!(coupon.used);
        assert_eq!(coupon.product, Some(26));
        assert_eq!(coupon.expires_at, Some(1_900_000_000));
    }
}
