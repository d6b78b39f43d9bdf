//! Checkout: the address, the steps, the order the shop places, and the rule that finds an
//! order a timed-out "place order" may have created, so a retry never makes a second one.

use super::cart::LineKey;
use super::order::OrderStatus;
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
    Review,
}

impl CheckoutStep {
    pub fn slug(self) -> &'static str {
        match self {
            CheckoutStep::Address => "address",
            CheckoutStep::Review => "review",
        }
    }

    /// The step an address names; anything else starts at the address.
    pub fn from_slug(slug: &str) -> CheckoutStep {
        match slug {
            "review" => CheckoutStep::Review,
            _ => CheckoutStep::Address,
        }
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
    pub amount: Money,
    pub created_at: i64,
    pub paid_at: i64,
    pub remark: String,
    pub lines: Vec<OrderLine>,
    pub address: Option<Address>,
    pub express_company: String,
    pub tracking_number: String,
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
            amount: Money::from_cents(100),
            created_at,
            paid_at: 0,
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
        assert_eq!(CheckoutStep::from_slug("review"), CheckoutStep::Review);
        assert_eq!(CheckoutStep::from_slug("nonsense"), CheckoutStep::Address);
        assert_eq!(CheckoutStep::Review.slug(), "review");
    }
}
