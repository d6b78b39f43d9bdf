//! The wishlist's "price dropped" rule.

use super::Money;

/// Whether a wished product is now cheaper than when it was wished for, or at or below the
/// shopper's target price. A price of 0 means the price is not known (a product taken off
/// sale answers 0), so it never counts as a drop.
pub fn price_dropped(current: Money, origin: Money, target: Option<Money>) -> bool {
    if current.cents <= 0 {
        return false;
    }
    let below_origin = origin.cents > 0 && current.cents < origin.cents;
    let at_target = target.is_some_and(|t| t.cents > 0 && current.cents <= t.cents);
    below_origin || at_target
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn dropped_below_origin_or_reached_target() {
        assert!(!price_dropped(m(1000), m(1000), None));
        assert!(price_dropped(m(999), m(1000), None));
        assert!(!price_dropped(m(1200), m(1000), Some(m(900))));
        assert!(price_dropped(m(900), m(1000), Some(m(900))));
        assert!(price_dropped(m(950), m(900), Some(m(950))));
        assert!(!price_dropped(m(951), m(900), Some(m(950))));
        // No origin recorded: only the target can say "dropped".
        assert!(!price_dropped(m(0), m(0), None));
        assert!(!price_dropped(m(10), m(0), Some(m(0))));
        // An unknown current price (0) is no drop, even below the origin or the target.
        assert!(!price_dropped(m(0), m(1000), Some(m(900))));
    }
}
