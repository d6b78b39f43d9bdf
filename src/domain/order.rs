//! Order states (AnqiCMS `order.status` and `refund_status`) and what a shopper may do in each.

/// The lifecycle state of an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderStatus {
    Closed,
    AwaitingPayment,
    AwaitingShipment,
    Shipped,
    Completed,
    Refunding,
    Refunded,
}

impl OrderStatus {
    /// Maps the server's status code; `refund_status` 8 means a refund was applied for even
    /// though `status` is unchanged (a server quirk), so it takes precedence.
    pub fn from_codes(status: i64, refund_status: i64) -> Option<OrderStatus> {
        if refund_status == 8 && status != 9 {
            return Some(OrderStatus::Refunding);
        }
        Some(match status {
            -1 => OrderStatus::Closed,
            0 => OrderStatus::AwaitingPayment,
            1 => OrderStatus::AwaitingShipment,
            2 => OrderStatus::Shipped,
            3 => OrderStatus::Completed,
            8 => OrderStatus::Refunding,
            9 => OrderStatus::Refunded,
            _ => return None,
        })
    }

    /// The server has no state checks, so the storefront only offers what makes sense.
    pub fn can_pay(self) -> bool {
        self == OrderStatus::AwaitingPayment
    }

    pub fn can_cancel(self) -> bool {
        self == OrderStatus::AwaitingPayment
    }

    pub fn can_confirm_receipt(self) -> bool {
        self == OrderStatus::Shipped
    }

    pub fn can_request_refund(self) -> bool {
        matches!(
            self,
            OrderStatus::AwaitingShipment | OrderStatus::Shipped | OrderStatus::Completed
        )
    }
}

/// What a shopper can do to an order (AnqiCMS `order/payment|cancel|finish|refund`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderAction {
    Pay,
    Cancel,
    ConfirmReceipt,
    RequestRefund,
}

impl OrderAction {
    /// Cancelling, confirming and asking for a refund cannot be undone: the shopper confirms
    /// them first. Paying leads to the payment page, which is its own confirmation.
    pub fn needs_confirmation(self) -> bool {
        self != OrderAction::Pay
    }
}

impl OrderStatus {
    /// The actions offered in this state, in the order buttons show them.
    pub fn actions(self) -> Vec<OrderAction> {
        [
            (self.can_pay(), OrderAction::Pay),
            (self.can_confirm_receipt(), OrderAction::ConfirmReceipt),
            (self.can_request_refund(), OrderAction::RequestRefund),
            (self.can_cancel(), OrderAction::Cancel),
        ]
        .into_iter()
        .filter_map(|(allowed, action)| allowed.then_some(action))
        .collect()
    }

    /// The state after `action` succeeds, or `None` when the action makes no sense here.
    /// The open-source server checks nothing, so this is what keeps a shopper from
    /// "cancelling" a shipped order. A successful payment moves a goods order to
    /// awaiting shipment; a VIP order straight to completed.
    pub fn after(self, action: OrderAction, kind: OrderKind) -> Option<OrderStatus> {
        if !self.actions().contains(&action) {
            return None;
        }
        Some(match action {
            OrderAction::Pay if kind == OrderKind::Vip => OrderStatus::Completed,
            OrderAction::Pay => OrderStatus::AwaitingShipment,
            OrderAction::Cancel => OrderStatus::Closed,
            OrderAction::ConfirmReceipt => OrderStatus::Completed,
            OrderAction::RequestRefund => OrderStatus::Refunding,
        })
    }

    /// Whether the order is done with: nothing will change it without the merchant.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Closed | OrderStatus::Completed | OrderStatus::Refunded
        )
    }
}

/// `order.type`: goods, or a membership (user group) purchase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OrderKind {
    #[default]
    Goods,
    Vip,
}

impl OrderKind {
    /// `""` (the create response without a type) is goods, the database default.
    pub fn from_wire(kind: &str) -> OrderKind {
        if kind.eq_ignore_ascii_case("vip") {
            OrderKind::Vip
        } else {
            OrderKind::Goods
        }
    }
}

/// The tabs of "my orders", with the `status` filter each sends to `/api/orders`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderTab {
    All,
    AwaitingPayment,
    AwaitingShipment,
    Shipped,
    Completed,
    Refunds,
    Closed,
}

impl OrderTab {
    pub const ALL: [OrderTab; 7] = [
        OrderTab::All,
        OrderTab::AwaitingPayment,
        OrderTab::AwaitingShipment,
        OrderTab::Shipped,
        OrderTab::Completed,
        OrderTab::Refunds,
        OrderTab::Closed,
    ];

    /// The URL's `?status=` word (also AnqiCMS's filter word, where it has one).
    pub fn slug(self) -> &'static str {
        match self {
            OrderTab::All => "all",
            OrderTab::AwaitingPayment => "waiting",
            OrderTab::AwaitingShipment => "paid",
            OrderTab::Shipped => "delivery",
            OrderTab::Completed => "finished",
            OrderTab::Refunds => "refunding",
            OrderTab::Closed => "closed",
        }
    }

    /// Unknown words show every order, as the server does.
    pub fn from_slug(slug: &str) -> OrderTab {
        OrderTab::ALL
            .into_iter()
            .find(|t| t.slug() == slug)
            .unwrap_or(OrderTab::All)
    }

    /// Whether an order in `status` belongs under this tab. The server's `refunding`
    /// filter misses refunds applied for (refund_status 8 leaves status unchanged), so
    /// the refunds tab is also checked here, on the mapped status.
    pub fn contains(self, status: OrderStatus) -> bool {
        match self {
            OrderTab::All => true,
            OrderTab::AwaitingPayment => status == OrderStatus::AwaitingPayment,
            OrderTab::AwaitingShipment => status == OrderStatus::AwaitingShipment,
            OrderTab::Shipped => status == OrderStatus::Shipped,
            OrderTab::Completed => status == OrderStatus::Completed,
            OrderTab::Refunds => matches!(status, OrderStatus::Refunding | OrderStatus::Refunded),
            OrderTab::Closed => status == OrderStatus::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_machine_moves_only_along_allowed_actions() {
        use OrderAction::*;
        use OrderStatus::*;
        let goods = OrderKind::Goods;
        assert_eq!(AwaitingPayment.after(Pay, goods), Some(AwaitingShipment));
        assert_eq!(AwaitingPayment.after(Pay, OrderKind::Vip), Some(Completed));
        assert_eq!(AwaitingPayment.after(Cancel, goods), Some(Closed));
        assert_eq!(Shipped.after(ConfirmReceipt, goods), Some(Completed));
        assert_eq!(Shipped.after(RequestRefund, goods), Some(Refunding));
        assert_eq!(Shipped.after(Cancel, goods), None);
        assert_eq!(Closed.after(Pay, goods), None);
        assert_eq!(Refunding.after(RequestRefund, goods), None);
        assert_eq!(Completed.after(ConfirmReceipt, goods), None);
        for status in [Closed, Completed, Refunded] {
            assert!(status.is_final());
        }
        assert!(!Shipped.is_final());
    }

    #[test]
    fn actions_are_listed_per_state() {
        use OrderAction::*;
        assert_eq!(OrderStatus::AwaitingPayment.actions(), vec![Pay, Cancel]);
        assert_eq!(OrderStatus::AwaitingShipment.actions(), vec![RequestRefund]);
        assert_eq!(
            OrderStatus::Shipped.actions(),
            vec![ConfirmReceipt, RequestRefund]
        );
        assert_eq!(OrderStatus::Closed.actions(), vec![]);
        assert!(Cancel.needs_confirmation() && !Pay.needs_confirmation());
    }

    #[test]
    fn order_kind_defaults_to_goods() {
        assert_eq!(OrderKind::from_wire(""), OrderKind::Goods);
        assert_eq!(OrderKind::from_wire("goods"), OrderKind::Goods);
        assert_eq!(OrderKind::from_wire("vip"), OrderKind::Vip);
    }

    #[test]
    fn tabs_round_trip_and_catch_the_refund_quirk() {
        for tab in OrderTab::ALL {
            assert_eq!(OrderTab::from_slug(tab.slug()), tab);
        }
        assert_eq!(OrderTab::from_slug("bogus"), OrderTab::All);
        let applied = OrderStatus::from_codes(2, 8).unwrap_or(OrderStatus::Closed);
        assert!(OrderTab::Refunds.contains(applied));
        assert!(!OrderTab::Shipped.contains(applied));
        assert!(OrderTab::Refunds.contains(OrderStatus::Refunded));
    }

    #[test]
    fn maps_codes_and_the_refund_quirk() {
        assert_eq!(
            OrderStatus::from_codes(0, 0),
            Some(OrderStatus::AwaitingPayment)
        );
        assert_eq!(OrderStatus::from_codes(2, 0), Some(OrderStatus::Shipped));
        assert_eq!(OrderStatus::from_codes(1, 8), Some(OrderStatus::Refunding));
        assert_eq!(OrderStatus::from_codes(9, 8), Some(OrderStatus::Refunded));
        assert_eq!(OrderStatus::from_codes(-1, 0), Some(OrderStatus::Closed));
        assert_eq!(OrderStatus::from_codes(42, 0), None);
    }

    #[test]
    fn offers_only_sensible_actions() {
        assert!(OrderStatus::AwaitingPayment.can_pay());
        assert!(OrderStatus::AwaitingPayment.can_cancel());
        assert!(!OrderStatus::Shipped.can_cancel());
        assert!(OrderStatus::Shipped.can_confirm_receipt());
        assert!(OrderStatus::Completed.can_request_refund());
        assert!(!OrderStatus::Refunding.can_request_refund());
        assert!(!OrderStatus::Closed.can_pay());
    }
}
