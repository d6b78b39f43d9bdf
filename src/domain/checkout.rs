//! Checkout: the address, the steps, the order the shop places, and the rule that finds an
//! order a timed-out "place order" may have created, so a retry never makes a second one.

use super::cart::LineKey;
use super::order::{OrderKind, OrderStatus};
use super::Money;

/// A delivery address as AnqiCMS stores it (`OrderAddress`). The server overwrites every
/// field on save, so the whole object is always sent.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Address {
    /// 0 for a new address.
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub province: String,
    pub city: String,
    pub town: String,
    pub address_info: String,
    pub postcode: String,
}

/// A field the shopper must fill in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressField {
    Name,
    Phone,
    AddressInfo,
}

impl Address {
    /// What is missing before the address can carry an order (the server checks nothing).
    pub fn missing(&self) -> Vec<AddressField> {
        let mut missing = Vec::new();
        if self.name.trim().is_empty() {
            missing.push(AddressField::Name);
        }
        if self.phone.trim().is_empty() {
            missing.push(AddressField::Phone);
        }
        if self.address_info.trim().is_empty() {
            missing.push(AddressField::AddressInfo);
        }
        missing
    }

    /// One line for lists: "Li Lei · 138… · Zhejiang Hangzhou West Lake Rd 1".
    /// A field by its wire name (the address form's fields).
    pub fn field(&self, name: &str) -> &str {
        match name {
            "name" => &self.name,
            "phone" => &self.phone,
            "email" => &self.email,
            "province" => &self.province,
            "city" => &self.city,
            "town" => &self.town,
            "address_info" => &self.address_info,
            "postcode" => &self.postcode,
            _ => "",
        }
    }

    pub fn summary(&self) -> String {
        let place = [&self.province, &self.city, &self.town, &self.address_info]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [self.name.trim(), self.phone.trim(), place.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The checkout's steps, in order; the URL holds the current one (`?step=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckoutStep {
    Address,
    /// Only where the server has coupons (documented edition).
    Coupon,
    Review,
}

impl CheckoutStep {
    pub fn slug(self) -> &'static str {
        match self {
            CheckoutStep::Address => "address",
            CheckoutStep::Coupon => "coupon",
            CheckoutStep::Review => "review",
        }
    }

    /// The step an address names; anything else starts at the address. A coupon step on a
    /// server without coupons is the review.
    pub fn from_slug(slug: &str, with_coupons: bool) -> CheckoutStep {
        match slug {
            "coupon" if with_coupons => CheckoutStep::Coupon,
            "coupon" | "review" => CheckoutStep::Review,
            _ => CheckoutStep::Address,
        }
    }

    /// The steps a checkout walks through.
    pub fn all(with_coupons: bool) -> Vec<CheckoutStep> {
        if with_coupons {
            vec![
                CheckoutStep::Address,
                CheckoutStep::Coupon,
                CheckoutStep::Review,
            ]
        } else {
            vec![CheckoutStep::Address, CheckoutStep::Review]
        }
    }

    /// The step after this one.
    pub fn next(self, with_coupons: bool) -> CheckoutStep {
        let steps = CheckoutStep::all(with_coupons);
        steps
            .iter()
            .position(|s| *s == self)
            .and_then(|i| steps.get(i + 1))
            .copied()
            .unwrap_or(CheckoutStep::Review)
    }
}

/// The coupon a checkout uses: none, one of the shopper's codes, or a code typed in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum CouponChoice {
    #[default]
    None,
    /// A claimed code, by its id (`coupon_code_id`).
    Held(i64),
    /// A code the shopper typed (`coupon_code`).
    Typed(String),
}

impl CouponChoice {
    /// The form kept in session storage, so a reload keeps the choice.
    pub fn to_stored(&self) -> String {
        match self {
            CouponChoice::None => "none".into(),
            CouponChoice::Held(id) => format!("held:{id}"),
            CouponChoice::Typed(code) => format!("typed:{code}"),
        }
    }

    /// `None` when nothing usable was stored (then the shop may suggest the best coupon).
    pub fn from_stored(text: &str) -> Option<CouponChoice> {
        if text == "none" {
            return Some(CouponChoice::None);
        }
        if let Some(id) = text.strip_prefix("held:") {
            return id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(CouponChoice::Held);
        }
        text.strip_prefix("typed:")
            .map(str::trim)
            .filter(|code| !code.is_empty() && code.len() <= 64)
            .map(|code| CouponChoice::Typed(code.to_string()))
    }
}

/// One line of an order as the shop reads it back.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderLine {
    pub archive_id: i64,
    pub title: String,
    pub image: Option<String>,
    pub unit_price: Money,
    pub quantity: u32,
    pub amount: Money,
}

/// An order, from `/api/orders` or `/api/order/detail`.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// AnqiCMS's order number (a string of digits).
    pub order_id: String,
    pub status: Option<OrderStatus>,
    pub kind: OrderKind,
    /// The lines at their list price, before the member and coupon discounts.
    pub origin_amount: Money,
    /// The coupon's discount.
    pub discount: Money,
    /// What is (to be) paid.
    pub amount: Money,
    /// Unix seconds; `0` for "not yet".
    pub created_at: i64,
    pub paid_at: i64,
    pub delivered_at: i64,
    pub finished_at: i64,
    pub remark: String,
    pub lines: Vec<OrderLine>,
    pub address: Option<Address>,
    pub express_company: String,
    pub tracking_number: String,
}

/// A milestone of an order's life, for its timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    Placed,
    Paid,
    Shipped,
    Completed,
    /// Closed unpaid, or cancelled.
    Closed,
    RefundRequested,
    Refunded,
}

impl Order {
    /// The milestones reached, oldest first, with their time where the server keeps one
    /// (`None`: reached, time unknown — AnqiCMS keeps no refund or close time on the order).
    /// A member's VIP order completes when paid; nothing is shipped.
    pub fn timeline(&self) -> Vec<(Milestone, Option<i64>)> {
        let at = |t: i64| (t > 0).then_some(t);
        let mut steps = vec![(Milestone::Placed, at(self.created_at))];
        if self.paid_at > 0 {
            steps.push((Milestone::Paid, at(self.paid_at)));
        }
        if self.delivered_at > 0 {
            steps.push((Milestone::Shipped, at(self.delivered_at)));
        }
        match self.status {
            Some(OrderStatus::Completed) => {
                steps.push((Milestone::Completed, at(self.finished_at)));
            }
            Some(OrderStatus::Closed) => steps.push((Milestone::Closed, None)),
            Some(OrderStatus::Refunding) => steps.push((Milestone::RefundRequested, None)),
            Some(OrderStatus::Refunded) => {
                steps.push((Milestone::RefundRequested, None));
                steps.push((Milestone::Refunded, None));
            }
            _ => {}
        }
        steps
    }
}

/// How long after a "place order" that got no answer an order counts as its own.
pub const MATCH_WINDOW_SECS: i64 = 10 * 60;

/// After "place order" timed out or lost its connection, the order may exist anyway. This
/// finds it among the shopper's recent orders: awaiting payment, created since the attempt
/// started (less a little clock skew), with exactly the same lines. The newest wins.
pub fn matching_recent_order<'a>(
    recent: &'a [Order],
    lines: &[(LineKey, u32)],
    attempt_started_at: i64,
) -> Option<&'a Order> {
    let mut wanted: Vec<(i64, u32)> = lines.iter().map(|(k, q)| (k.archive_id, *q)).collect();
    wanted.sort_unstable();
    recent
        .iter()
        .filter(|o| o.status == Some(OrderStatus::AwaitingPayment))
        .filter(|o| o.created_at >= attempt_started_at - 60)
        .filter(|o| o.created_at <= attempt_started_at + MATCH_WINDOW_SECS)
        .filter(|o| {
            let mut have: Vec<(i64, u32)> =
                o.lines.iter().map(|l| (l.archive_id, l.quantity)).collect();
            have.sort_unstable();
            have == wanted
        })
        .max_by_key(|o| o.created_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(id: &str, created_at: i64, status: OrderStatus, lines: &[(i64, u32)]) -> Order {
        Order {
            order_id: id.into(),
            status: Some(status),
            kind: OrderKind::Goods,
            origin_amount: Money::from_cents(100),
            discount: Money::default(),
            amount: Money::from_cents(100),
            created_at,
            paid_at: 0,
            delivered_at: 0,
            finished_at: 0,
            remark: String::new(),
            lines: lines
                .iter()
                .map(|&(archive_id, quantity)| OrderLine {
                    archive_id,
                    title: String::new(),
                    image: None,
                    unit_price: Money::from_cents(50),
                    quantity,
                    amount: Money::from_cents(50 * i64::from(quantity)),
                })
                .collect(),
            address: None,
            express_company: String::new(),
            tracking_number: String::new(),
        }
    }

    #[test]
    fn the_steps_skip_the_coupon_where_the_server_has_none() {
        assert_eq!(
            CheckoutStep::from_slug("coupon", true),
            CheckoutStep::Coupon
        );
        assert_eq!(
            CheckoutStep::from_slug("coupon", false),
            CheckoutStep::Review
        );
        assert_eq!(
            CheckoutStep::from_slug("bogus", true),
            CheckoutStep::Address
        );
        assert_eq!(CheckoutStep::Address.next(true), CheckoutStep::Coupon);
        assert_eq!(CheckoutStep::Address.next(false), CheckoutStep::Review);
        assert_eq!(CheckoutStep::Coupon.next(true), CheckoutStep::Review);
        assert_eq!(CheckoutStep::all(false).len(), 2);
    }

    #[test]
    fn a_coupon_choice_survives_storage_and_bad_data_is_not_misread() {
        for choice in [
            CouponChoice::None,
            CouponChoice::Held(17),
            CouponChoice::Typed("AQ20-7F3K2".into()),
        ] {
            assert_eq!(CouponChoice::from_stored(&choice.to_stored()), Some(choice));
        }
        for junk in ["", "held:x", "held:-3", "typed:  ", "17"] {
            assert_eq!(CouponChoice::from_stored(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_timeline_lists_what_happened_in_order() {
        let mut o = order("1", 100, OrderStatus::Completed, &[(1, 1)]);
        o.paid_at = 200;
        o.delivered_at = 300;
        o.finished_at = 400;
        assert_eq!(
            o.timeline(),
            vec![
                (Milestone::Placed, Some(100)),
                (Milestone::Paid, Some(200)),
                (Milestone::Shipped, Some(300)),
                (Milestone::Completed, Some(400)),
            ]
        );
        let mut refunded = order("2", 100, OrderStatus::Refunded, &[(1, 1)]);
        refunded.paid_at = 150;
        assert_eq!(
            refunded.timeline(),
            vec![
                (Milestone::Placed, Some(100)),
                (Milestone::Paid, Some(150)),
                (Milestone::RefundRequested, None),
                (Milestone::Refunded, None),
            ]
        );
        let closed = order("3", 100, OrderStatus::Closed, &[(1, 1)]);
        assert_eq!(
            closed.timeline(),
            vec![(Milestone::Placed, Some(100)), (Milestone::Closed, None)]
        );
    }

    fn key(archive_id: i64) -> LineKey {
        LineKey {
            archive_id,
            sku_id: None,
        }
    }

    #[test]
    fn a_timed_out_order_is_found_by_its_lines_and_time() {
        let started = 1_000_000;
        let recent = vec![
            order(
                "old",
                started - 3_600,
                OrderStatus::AwaitingPayment,
                &[(1, 2), (2, 1)],
            ),
            order(
                "paid",
                started + 5,
                OrderStatus::AwaitingShipment,
                &[(1, 2), (2, 1)],
            ),
            order(
                "other",
                started + 6,
                OrderStatus::AwaitingPayment,
                &[(1, 1)],
            ),
            order(
                "mine",
                started + 3,
                OrderStatus::AwaitingPayment,
                &[(2, 1), (1, 2)],
            ),
        ];
        let lines = [(key(1), 2), (key(2), 1)];
        let found = matching_recent_order(&recent, &lines, started).map(|o| o.order_id.as_str());
        assert_eq!(found, Some("mine"));
        assert_eq!(
            matching_recent_order(&recent, &[(key(3), 1)], started),
            None
        );
    }

    #[test]
    fn an_address_says_what_is_missing_and_sums_itself_up() {
        let mut address = Address::default();
        assert_eq!(
            address.missing(),
            vec![
                AddressField::Name,
                AddressField::Phone,
                AddressField::AddressInfo
            ]
        );
        address.name = "李雷".into();
        address.phone = "13800000000".into();
        address.city = "杭州".into();
        address.address_info = "西湖路 1 号".into();
        assert!(address.missing().is_empty());
        assert_eq!(address.summary(), "李雷 · 13800000000 · 杭州 西湖路 1 号");
    }

    #[test]
    fn the_step_comes_from_the_address_and_defaults_to_the_first() {
        assert_eq!(
            CheckoutStep::from_slug("review", true),
            CheckoutStep::Review
        );
        assert_eq!(
            CheckoutStep::from_slug("nonsense", false),
            CheckoutStep::Address
        );
        assert_eq!(CheckoutStep::Review.slug(), "review");
    }
}
