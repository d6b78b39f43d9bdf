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

#[cfg(test)]
mod tests {
    use super::*;

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
