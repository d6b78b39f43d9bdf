//! Cart lines and their maths, shared by the server cart (documented edition) and the local
//! cart (open-source edition, sent as `details[]` to `/api/order/create`). Amounts are
//! integer cents; every sum saturates instead of overflowing.

use super::Money;

/// What a line is: a product, and the SKU when the product has options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineKey {
    pub archive_id: i64,
    pub sku_id: Option<i64>,
}

/// One line of the cart, as the shopper sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct CartLine {
    pub key: LineKey,
    /// The server cart's row id (`cart/update` and `cart/remove` take it); `None` locally.
    pub cart_id: Option<i64>,
    pub title: String,
    /// "Red / L": the SKU's option values, empty without options.
    pub variant: String,
    pub image: Option<String>,
    /// The unit price when the line was added or last priced.
    pub unit_price: Money,
    pub quantity: u32,
    /// Known stock, to cap the stepper; `None` when not known.
    pub stock: Option<u32>,
}

impl CartLine {
    pub fn amount(&self) -> Money {
        Money::from_cents(
            self.unit_price
                .cents
                .saturating_mul(i64::from(self.quantity)),
        )
    }

    /// The largest quantity this line may have: the stock when known, and at most
    /// [`MAX_LINE_QUANTITY`].
    pub fn max_quantity(&self) -> u32 {
        self.stock
            .map_or(MAX_LINE_QUANTITY, |s| s.min(MAX_LINE_QUANTITY))
    }
}

/// A quantity no shopper types on purpose; it keeps sums far from overflow.
pub const MAX_LINE_QUANTITY: u32 = 9_999;

/// The cart: lines in the order they were first added.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cart {
    pub lines: Vec<CartLine>,
}

/// What happened to an add or a quantity change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityOutcome {
    /// The line has the quantity asked for.
    Applied,
    /// Less than asked: the stock (or the per-line maximum) capped it.
    Capped { to: u32 },
    /// Nothing can be added: no stock.
    Unavailable,
}

impl Cart {
    pub fn line(&self, key: LineKey) -> Option<&CartLine> {
        self.lines.iter().find(|l| l.key == key)
    }

    /// Number of items (the header badge), not lines.
    pub fn item_count(&self) -> u32 {
        self.lines
            .iter()
            .fold(0u32, |n, l| n.saturating_add(l.quantity))
    }

    pub fn subtotal(&self) -> Money {
        Money::from_cents(
            self.lines
                .iter()
                .fold(0i64, |sum, l| sum.saturating_add(l.amount().cents)),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Adds `line.quantity` of a line; a line already there gets the quantities summed (as
    /// AnqiCMS's `cart/add` does), capped at stock. Fresh details (price, stock, title) of
    /// the added line replace the old ones.
    pub fn add(&mut self, line: CartLine) -> QuantityOutcome {
        let wanted = match self.line(line.key) {
            Some(existing) => existing.quantity.saturating_add(line.quantity),
            None => line.quantity,
        };
        let cap = line.max_quantity();
        if cap == 0 || wanted == 0 {
            return QuantityOutcome::Unavailable;
        }
        let quantity = wanted.min(cap);
        match self.lines.iter_mut().find(|l| l.key == line.key) {
            Some(existing) => {
                let cart_id = existing.cart_id.or(line.cart_id);
                *existing = CartLine {
                    quantity,
                    cart_id,
                    ..line
                };
            }
            None => self.lines.push(CartLine { quantity, ..line }),
        }
        if quantity < wanted {
            QuantityOutcome::Capped { to: quantity }
        } else {
            QuantityOutcome::Applied
        }
    }

    /// Sets a line's quantity (the stepper); `0` removes it. Unknown lines are ignored.
    pub fn set_quantity(&mut self, key: LineKey, quantity: u32) -> QuantityOutcome {
        if quantity == 0 {
            self.remove(key);
            return QuantityOutcome::Applied;
        }
        let Some(line) = self.lines.iter_mut().find(|l| l.key == key) else {
            return QuantityOutcome::Unavailable;
        };
        let cap = line.max_quantity();
        if cap == 0 {
            return QuantityOutcome::Unavailable;
        }
        line.quantity = quantity.min(cap);
        if line.quantity < quantity {
            QuantityOutcome::Capped { to: line.quantity }
        } else {
            QuantityOutcome::Applied
        }
    }

    pub fn remove(&mut self, key: LineKey) -> Option<CartLine> {
        let index = self.lines.iter().position(|l| l.key == key)?;
        Some(self.lines.remove(index))
    }

    /// The guest's lines merged into the signed-in shopper's cart at sign-in: nothing is
    /// lost, the same line adds up (capped at stock), and the shopper's lines come first.
    pub fn merged_with_guest(mut self, guest: &Cart) -> Cart {
        for line in &guest.lines {
            let _ = self.add(CartLine {
                cart_id: None,
                ..line.clone()
            });
        }
        self
    }

    /// The lines as `details[]` of an order: archive, SKU and quantity. Prices are never
    /// sent; the server prices lines itself.
    pub fn order_details(&self) -> Vec<(LineKey, u32)> {
        self.lines.iter().map(|l| (l.key, l.quantity)).collect()
    }

    /// Compares the cart with the catalogue's current figures, line by line, so the cart
    /// can say what changed before checkout.
    pub fn changes_against(&self, current: &[CurrentOffer]) -> Vec<(LineKey, LineChange)> {
        self.lines
            .iter()
            .filter_map(|line| {
                let change = match current.iter().find(|o| o.key == line.key) {
                    None => LineChange::Unavailable,
                    Some(offer) if offer.stock == Some(0) => LineChange::Unavailable,
                    Some(offer) if offer.unit_price != line.unit_price => {
                        LineChange::PriceChanged {
                            was: line.unit_price,
                            now: offer.unit_price,
                        }
                    }
                    Some(offer) if offer.stock.is_some_and(|s| s < line.quantity) => {
                        LineChange::StockBelowQuantity {
                            stock: offer.stock.unwrap_or_default(),
                        }
                    }
                    Some(_) => return None,
                };
                Some((line.key, change))
            })
            .collect()
    }
}

/// The catalogue's current price and stock of a line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurrentOffer {
    pub key: LineKey,
    pub unit_price: Money,
    pub stock: Option<u32>,
}

/// How a line differs from what the shopper added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineChange {
    /// Gone from the catalogue or out of stock.
    Unavailable,
    PriceChanged {
        was: Money,
        now: Money,
    },
    StockBelowQuantity {
        stock: u32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(archive_id: i64, sku_id: Option<i64>) -> LineKey {
        LineKey { archive_id, sku_id }
    }

    fn line(archive_id: i64, sku_id: Option<i64>, price: i64, quantity: u32) -> CartLine {
        CartLine {
            key: key(archive_id, sku_id),
            cart_id: None,
            title: format!("#{archive_id}"),
            variant: String::new(),
            image: None,
            unit_price: Money::from_cents(price),
            quantity,
            stock: Some(10),
        }
    }

    #[test]
    fn the_same_line_adds_up_and_other_skus_are_other_lines() {
        let mut cart = Cart::default();
        assert_eq!(
            cart.add(line(1, Some(7), 5900, 1)),
            QuantityOutcome::Applied
        );
        assert_eq!(
            cart.add(line(1, Some(7), 5900, 2)),
            QuantityOutcome::Applied
        );
        assert_eq!(
            cart.add(line(1, Some(8), 6900, 1)),
            QuantityOutcome::Applied
        );
        assert_eq!(cart.lines.len(), 2);
        assert_eq!(cart.line(key(1, Some(7))).map(|l| l.quantity), Some(3));
        assert_eq!(cart.item_count(), 4);
        assert_eq!(cart.subtotal(), Money::from_cents(3 * 5900 + 6900));
    }

    #[test]
    fn quantities_are_capped_at_stock() {
        let mut cart = Cart::default();
        assert_eq!(cart.add(line(1, None, 100, 8)), QuantityOutcome::Applied);
        assert_eq!(
            cart.add(line(1, None, 100, 5)),
            QuantityOutcome::Capped { to: 10 }
        );
        assert_eq!(
            cart.set_quantity(key(1, None), 50),
            QuantityOutcome::Capped { to: 10 }
        );
        let sold_out = CartLine {
            stock: Some(0),
            ..line(2, None, 100, 1)
        };
        assert_eq!(cart.add(sold_out), QuantityOutcome::Unavailable);
        assert!(cart.line(key(2, None)).is_none());
    }

    #[test]
    fn a_zero_quantity_removes_the_line() {
        let mut cart = Cart::default();
        cart.add(line(1, None, 100, 2));
        cart.set_quantity(key(1, None), 0);
        assert!(cart.is_empty());
        assert_eq!(cart.subtotal(), Money::from_cents(0));
    }

    #[test]
    fn a_guest_cart_merges_without_losing_anything() {
        let mut mine = Cart::default();
        mine.add(CartLine {
            cart_id: Some(41),
            ..line(1, None, 100, 2)
        });
        let mut guest = Cart::default();
        guest.add(line(1, None, 100, 3));
        guest.add(line(2, Some(5), 250, 1));
        let merged = mine.merged_with_guest(&guest);
        assert_eq!(merged.lines.len(), 2);
        assert_eq!(merged.lines[0].quantity, 5);
        assert_eq!(merged.lines[0].cart_id, Some(41));
        assert_eq!(merged.lines[1].key, key(2, Some(5)));
        assert_eq!(merged.item_count(), 6);
    }

    #[test]
    fn sums_saturate_instead_of_overflowing() {
        let mut cart = Cart::default();
        cart.add(CartLine {
            stock: None,
            ..line(1, None, i64::MAX / 2, 9_999)
        });
        cart.add(CartLine {
            stock: None,
            ..line(2, None, i64::MAX / 2, 9_999)
        });
        assert_eq!(cart.subtotal(), Money::from_cents(i64::MAX));
        assert_eq!(cart.lines[0].max_quantity(), MAX_LINE_QUANTITY);
    }

    #[test]
    fn order_details_carry_no_prices() {
        let mut cart = Cart::default();
        cart.add(line(1, Some(3), 100, 2));
        assert_eq!(cart.order_details(), vec![(key(1, Some(3)), 2)]);
    }

    #[test]
    fn changes_before_checkout_are_named_per_line() {
        let mut cart = Cart::default();
        cart.add(line(1, None, 100, 2));
        cart.add(line(2, None, 200, 3));
        cart.add(line(3, None, 300, 1));
        cart.add(line(4, None, 400, 1));
        let current = [
            CurrentOffer {
                key: key(1, None),
                unit_price: Money::from_cents(120),
                stock: Some(5),
            },
            CurrentOffer {
                key: key(2, None),
                unit_price: Money::from_cents(200),
                stock: Some(2),
            },
            CurrentOffer {
                key: key(3, None),
                unit_price: Money::from_cents(300),
                stock: Some(0),
            },
        ];
        assert_eq!(
            cart.changes_against(&current),
            vec![
                (
                    key(1, None),
                    LineChange::PriceChanged {
                        was: Money::from_cents(100),
                        now: Money::from_cents(120)
                    }
                ),
                (key(2, None), LineChange::StockBelowQuantity { stock: 2 }),
                (key(3, None), LineChange::Unavailable),
                (key(4, None), LineChange::Unavailable),
            ]
        );
    }
}
