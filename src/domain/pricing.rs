//! Coupon and discount maths, in integer cents. On the documented edition the server's
//! checkout preview is the truth; these figures are the open-source edition's estimate (shown
//! as such) and the coupon list's "saves ¥x" hints.
//!
//! Rounding follows AnqiCMS (Go integer division truncates): a discounted price is
//! `price × rate / 100` truncated, and a percentage discount is truncated too, so an estimate
//! never promises a shopper more than the server gives.

use super::Money;

/// How a coupon takes money off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CouponKind {
    /// A fixed amount off (never more than the amount it applies to).
    Fixed(Money),
    /// A percentage off (`percent` 1–100), optionally capped.
    PercentOff { percent: u8, cap: Option<Money> },
}

/// A coupon as the shopper holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Coupon {
    pub id: i64,
    /// The claimed code's id (`coupon_code_id`), when the shopper holds one.
    pub code_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub kind: CouponKind,
    /// The order amount it needs; `0` for none.
    pub min_amount: Money,
    /// A coupon for one product (its archive id): its minimum and discount count only that
    /// product's lines. `None` for the whole shop.
    pub product: Option<i64>,
    /// Unix seconds; `None` for no expiry.
    pub valid_from: Option<i64>,
    pub expires_at: Option<i64>,
    pub used: bool,
}

/// Why a coupon does not apply to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CouponRefusal {
    Used,
    NotYetValid,
    Expired,
    BelowMinimum {
        missing: Money,
    },
    /// A product coupon, and the product is not in the order.
    NotForTheseProducts,
}

impl Coupon {
    /// The discount this coupon gives on `amount` at time `now`, or why it gives none.
    pub fn discount_on(&self, amount: Money, now: i64) -> Result<Money, CouponRefusal> {
        if self.used {
            return Err(CouponRefusal::Used);
        }
        if self.valid_from.is_some_and(|from| now < from) {
            return Err(CouponRefusal::NotYetValid);
        }
        if self.expires_at.is_some_and(|end| now >= end) {
            return Err(CouponRefusal::Expired);
        }
        if amount < self.min_amount {
            return Err(CouponRefusal::BelowMinimum {
                missing: Money::from_cents(self.min_amount.cents - amount.cents),
            });
        }
        Ok(self.kind.discount_on(amount))
    }
}

impl Coupon {
    /// The discount on an order's lines (archive id, amount at the member price), counting
    /// only the coupon's product when it has one.
    pub fn discount_on_lines(
        &self,
        lines: &[(i64, Money)],
        now: i64,
    ) -> Result<Money, CouponRefusal> {
        let base = lines
            .iter()
            .filter(|(archive_id, _)| self.product.is_none_or(|p| p == *archive_id))
            .fold(0i64, |sum, (_, amount)| sum.saturating_add(amount.cents));
        if self.product.is_some() && !lines.iter().any(|(id, _)| Some(*id) == self.product) {
            return Err(CouponRefusal::NotForTheseProducts);
        }
        self.discount_on(Money::from_cents(base), now)
    }
}

impl CouponKind {
    pub fn discount_on(self, amount: Money) -> Money {
        let amount = amount.cents.max(0);
        let off = match self {
            CouponKind::Fixed(value) => value.cents.max(0),
            CouponKind::PercentOff { percent, cap } => {
                let percent = i64::from(percent.min(100));
                let off = amount.saturating_mul(percent) / 100;
                match cap {
                    Some(cap) if cap.cents > 0 => off.min(cap.cents),
                    _ => off,
                }
            }
        };
        Money::from_cents(off.min(amount))
    }
}

/// The best coupon for an order: the largest discount, then the one expiring first.
pub fn best_coupon(coupons: &[Coupon], amount: Money, now: i64) -> Option<&Coupon> {
    coupons
        .iter()
        .filter_map(|c| c.discount_on(amount, now).ok().map(|d| (c, d)))
        .filter(|(_, d)| d.cents > 0)
        .max_by(|(a, da), (b, db)| {
            da.cmp(db).then_with(|| {
                // Sooner expiry wins a tie, so the reversed comparison.
                let a_end = a.expires_at.unwrap_or(i64::MAX);
                let b_end = b.expires_at.unwrap_or(i64::MAX);
                b_end.cmp(&a_end)
            })
        })
        .map(|(c, _)| c)
}

/// A user group's discount rate (`UserGroup.setting.discount`): the percentage of the price
/// the member pays. AnqiCMS treats `0` as "no discount", not "free".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct GroupRate(pub u8);

impl GroupRate {
    pub fn price(self, price: Money) -> Money {
        match self.0 {
            0 | 100.. => price,
            rate => Money::from_cents(price.cents.saturating_mul(i64::from(rate)) / 100),
        }
    }
}

/// An order's figures: what the review step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderTotals {
    /// Lines at their list price.
    pub subtotal: Money,
    pub group_discount: Money,
    pub coupon_discount: Money,
    pub total: Money,
}

/// Prices `lines` (unit price, quantity) for a member of `rate`, then the coupon on what is
/// left: the coupon's minimum is checked against the member's price.
pub fn estimate(
    lines: &[(Money, u32)],
    rate: GroupRate,
    coupon: Option<&Coupon>,
    now: i64,
) -> OrderTotals {
    let (subtotal, member) = lines
        .iter()
        .fold((0i64, 0i64), |(list, member), (price, qty)| {
            let qty = i64::from(*qty);
            (
                list.saturating_add(price.cents.saturating_mul(qty)),
                member.saturating_add(rate.price(*price).cents.saturating_mul(qty)),
            )
        });
    let coupon_discount = coupon
        .and_then(|c| c.discount_on(Money::from_cents(member), now).ok())
        .unwrap_or_default();
    OrderTotals {
        subtotal: Money::from_cents(subtotal),
        group_discount: Money::from_cents(subtotal - member),
        coupon_discount,
        total: Money::from_cents(member - coupon_discount.cents),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_product_coupon_counts_only_its_product() {
        let only_shoes = Coupon {
            product: Some(7),
            ..coupon(
                CouponKind::PercentOff {
                    percent: 10,
                    cap: None,
                },
                10_000,
            )
        };
        // ¥150 of shoes and ¥500 of other things: the ¥100 minimum is met by the shoes alone,
        // and 10 % of ¥150 comes off.
        let lines = [(7, yuan(150)), (8, yuan(500))];
        assert_eq!(only_shoes.discount_on_lines(&lines, NOW), Ok(yuan(15)));
        // Shoes below the minimum: the other lines do not count towards it.
        assert_eq!(
            only_shoes.discount_on_lines(&[(7, yuan(60)), (8, yuan(500))], NOW),
            Err(CouponRefusal::BelowMinimum { missing: yuan(40) })
        );
        assert_eq!(
            only_shoes.discount_on_lines(&[(8, yuan(500))], NOW),
            Err(CouponRefusal::NotForTheseProducts)
        );
        let shop_wide = coupon(CouponKind::Fixed(yuan(20)), 0);
        assert_eq!(shop_wide.discount_on_lines(&lines, NOW), Ok(yuan(20)));
    }

    fn coupon(kind: CouponKind, min: i64) -> Coupon {
        Coupon {
            id: 1,
            code_id: Some(10),
            code: "SAVE".into(),
            name: "Save".into(),
            kind,
            min_amount: Money::from_cents(min),
            product: None,
            valid_from: None,
            expires_at: Some(NOW + 3600),
            used: false,
        }
    }

    fn yuan(n: i64) -> Money {
        Money::from_major(n)
    }

    #[test]
    fn a_fixed_coupon_takes_its_amount_but_never_more_than_the_order() {
        let c = coupon(CouponKind::Fixed(yuan(20)), 0);
        assert_eq!(c.discount_on(yuan(100), NOW), Ok(yuan(20)));
        assert_eq!(c.discount_on(yuan(15), NOW), Ok(yuan(15)));
    }

    #[test]
    fn a_percentage_is_truncated_and_capped() {
        let c = coupon(
            CouponKind::PercentOff {
                percent: 15,
                cap: Some(yuan(30)),
            },
            0,
        );
        // 15% of ¥99.99 = 1499.85 cents → 1499.
        assert_eq!(
            c.discount_on(Money::from_cents(9999), NOW),
            Ok(Money::from_cents(1499))
        );
        assert_eq!(c.discount_on(yuan(1000), NOW), Ok(yuan(30)));
        let uncapped = CouponKind::PercentOff {
            percent: 15,
            cap: None,
        };
        assert_eq!(uncapped.discount_on(yuan(1000)), yuan(150));
        let silly = CouponKind::PercentOff {
            percent: 250,
            cap: None,
        };
        assert_eq!(silly.discount_on(yuan(10)), yuan(10));
    }

    #[test]
    fn a_threshold_says_how_much_is_missing() {
        let c = coupon(CouponKind::Fixed(yuan(10)), 9900);
        assert_eq!(
            c.discount_on(Money::from_cents(9000), NOW),
            Err(CouponRefusal::BelowMinimum {
                missing: Money::from_cents(900)
            })
        );
        assert_eq!(c.discount_on(Money::from_cents(9900), NOW), Ok(yuan(10)));
    }

    #[test]
    fn expired_future_and_used_coupons_give_nothing() {
        let mut c = coupon(CouponKind::Fixed(yuan(10)), 0);
        assert_eq!(
            c.discount_on(yuan(50), NOW + 3600),
            Err(CouponRefusal::Expired)
        );
        c.valid_from = Some(NOW + 60);
        assert_eq!(
            c.discount_on(yuan(50), NOW),
            Err(CouponRefusal::NotYetValid)
        );
        c.valid_from = None;
        c.used = true;
        assert_eq!(c.discount_on(yuan(50), NOW), Err(CouponRefusal::Used));
    }

    #[test]
    fn the_best_coupon_is_the_largest_discount_then_the_soonest_to_expire() {
        let fixed = Coupon {
            id: 1,
            ..coupon(CouponKind::Fixed(yuan(20)), 0)
        };
        let percent = Coupon {
            id: 2,
            ..coupon(
                CouponKind::PercentOff {
                    percent: 10,
                    cap: None,
                },
                0,
            )
        };
        let soon = Coupon {
            id: 3,
            expires_at: Some(NOW + 60),
            ..coupon(CouponKind::Fixed(yuan(20)), 0)
        };
        let list = [fixed, percent, soon];
        assert_eq!(best_coupon(&list, yuan(100), NOW).map(|c| c.id), Some(3));
        assert_eq!(best_coupon(&list, yuan(500), NOW).map(|c| c.id), Some(2));
        assert_eq!(best_coupon(&[], yuan(500), NOW), None);
    }

    #[test]
    fn group_rate_zero_means_full_price() {
        assert_eq!(
            GroupRate(0).price(Money::from_cents(999)),
            Money::from_cents(999)
        );
        assert_eq!(
            GroupRate(90).price(Money::from_cents(999)),
            Money::from_cents(899)
        );
        assert_eq!(
            GroupRate(100).price(Money::from_cents(999)),
            Money::from_cents(999)
        );
    }

    #[test]
    fn an_estimate_applies_the_group_rate_then_the_coupon() {
        let c = coupon(CouponKind::Fixed(yuan(10)), 10_000);
        let lines = [(Money::from_cents(5900), 2), (Money::from_cents(1000), 1)];
        // List 12,800; members pay 90%: 5310×2 + 900 = 11,520; the coupon's ¥100 minimum is met.
        let totals = estimate(&lines, GroupRate(90), Some(&c), NOW);
        assert_eq!(totals.subtotal, Money::from_cents(12_800));
        assert_eq!(totals.group_discount, Money::from_cents(1_280));
        assert_eq!(totals.coupon_discount, yuan(10));
        assert_eq!(totals.total, Money::from_cents(10_520));
        // At 70% the member price (8,960) misses the minimum: no coupon discount.
        let totals = estimate(&lines, GroupRate(70), Some(&c), NOW);
        assert_eq!(totals.coupon_discount, Money::from_cents(0));
        assert_eq!(totals.total, Money::from_cents(8_960));
    }
}
