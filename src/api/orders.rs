//! Orders and payment (§6.10): the address book, placing an order, reading orders back, and
//! paying. Every write goes through [`post`]: never cancelled with a view, never retried.

use serde::{Deserialize, Serialize};

use super::client::{get_long_poll, get_shared, post};
use super::site::modules;
use super::wire::WireArchive;
use super::ApiError;
use crate::domain::cart::LineKey;
use crate::domain::checkout::{Address, CouponChoice, Order, OrderLine};
use crate::domain::order::{OrderAction, OrderKind, OrderStatus, OrderTab};
use crate::domain::Money;

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub(super) struct WireAddress {
    id: i64,
    name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    province: Option<String>,
    city: Option<String>,
    town: Option<String>,
    country: Option<String>,
    address_info: Option<String>,
    company: Option<String>,
    postcode: Option<String>,
}

fn text(value: Option<String>) -> String {
    value.unwrap_or_default().trim().to_string()
}

impl WireAddress {
    fn into_address(self) -> Address {
        Address {
            id: self.id.max(0),
            name: text(self.name),
            phone: text(self.phone),
            email: text(self.email),
            province: text(self.province),
            city: text(self.city),
            town: text(self.town),
            address_info: text(self.address_info),
            postcode: text(self.postcode),
        }
    }

    /// Every field, since the server overwrites what is not sent with "".
    fn from_address(a: &Address) -> WireAddress {
        WireAddress {
            id: a.id,
            name: Some(a.name.trim().into()),
            last_name: Some(String::new()),
            phone: Some(a.phone.trim().into()),
            email: Some(a.email.trim().into()),
            province: Some(a.province.trim().into()),
            city: Some(a.city.trim().into()),
            town: Some(a.town.trim().into()),
            country: Some(String::new()),
            address_info: Some(a.address_info.trim().into()),
            company: Some(String::new()),
            postcode: Some(a.postcode.trim().into()),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireOrderDetail {
    goods_id: i64,
    price: i64,
    amount: i64,
    quantity: i64,
    goods: Option<WireArchive>,
    /// A VIP order's line: the user group bought (`goods` is null then).
    group: Option<WireLineGroup>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireLineGroup {
    title: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireOrder {
    order_id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status: i64,
    refund_status: i64,
    origin_amount: i64,
    discount_amount: i64,
    amount: i64,
    created_time: i64,
    paid_time: i64,
    deliver_time: i64,
    finished_time: i64,
    remark: Option<String>,
    express_company: Option<String>,
    tracking_number: Option<String>,
    order_address: Option<WireAddress>,
    details: Option<Vec<WireOrderDetail>>,
}

impl WireOrder {
    fn into_order(self) -> Option<Order> {
        let order_id = text(self.order_id);
        if order_id.is_empty() {
            return None;
        }
        let kinds = modules();
        let lines = self
            .details
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let group_title = d.group.and_then(|g| g.title).unwrap_or_default();
                let goods = d.goods.map(|g| g.into_summary(&kinds));
                OrderLine {
                    archive_id: d.goods_id,
                    title: goods
                        .as_ref()
                        .map(|g| g.title.clone())
                        .unwrap_or_else(|| group_title.trim().to_string()),
                    image: goods.and_then(|g| g.thumb),
                    unit_price: Money::from_cents(d.price.max(0)),
                    quantity: u32::try_from(d.quantity.max(0)).unwrap_or(0),
                    amount: Money::from_cents(d.amount.max(0)),
                }
            })
            .collect();
        Some(Order {
            order_id,
            status: OrderStatus::from_codes(self.status, self.refund_status),
            kind: OrderKind::from_wire(self.kind.as_deref().unwrap_or_default()),
            // An order without its list total (older rows) shows what was paid.
            origin_amount: Money::from_cents(self.origin_amount.max(self.amount).max(0)),
            discount: Money::from_cents(self.discount_amount.max(0)),
            amount: Money::from_cents(self.amount.max(0)),
            created_at: self.created_time,
            paid_at: self.paid_time,
            delivered_at: self.deliver_time,
            finished_at: self.finished_time,
            remark: text(self.remark),
            lines,
            address: self
                .order_address
                .filter(|a| a.id > 0)
                .map(WireAddress::into_address),
            express_company: text(self.express_company),
            tracking_number: text(self.tracking_number),
        })
    }
}

/// An address as the server takes it: every field (the checkout preview sends it too).
pub(super) fn address_body(address: &Address) -> WireAddress {
    WireAddress::from_address(address)
}

/// `GET /api/order/addresses`: the address book, newest first (cache key `()`).
pub async fn addresses(_: ()) -> Result<Vec<Address>, ApiError> {
    let reply = get_shared::<Vec<WireAddress>>("order/addresses", &[]).await?;
    Ok(reply
        .list()
        .into_iter()
        .filter(|a| a.id > 0)
        .map(WireAddress::into_address)
        .collect())
}

/// `POST /api/order/address`: creates (id 0) or overwrites an address, sent whole.
pub async fn save_address(address: &Address) -> Result<Address, ApiError> {
    let reply =
        post::<WireAddress, _>("order/address", &WireAddress::from_address(address)).await?;
    Ok(reply.required()?.into_address())
}

#[derive(Serialize)]
struct OrderDetailBody {
    goods_id: i64,
    goods_sku_id: i64,
    quantity: u32,
}

#[derive(Serialize)]
struct CreateOrder {
    #[serde(rename = "type")]
    kind: &'static str,
    details: Vec<OrderDetailBody>,
    remark: String,
    address: WireAddress,
    /// The shopper's coupon (documented edition; the open-source server ignores it).
    #[serde(flatten)]
    coupon: super::coupons::CouponFields,
}

/// The order the server made: its number and the amount it priced.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedOrder {
    pub order_id: String,
    pub amount: Money,
}

/// `POST /api/order/create` with the cart as `details[]` (prices are never sent; the server
/// prices lines itself) and the whole address.
pub async fn place_order(
    lines: &[(LineKey, u32)],
    address: &Address,
    remark: &str,
    coupon: &CouponChoice,
) -> Result<PlacedOrder, ApiError> {
    let body = CreateOrder {
        kind: "goods",
        details: lines
            .iter()
            .map(|(key, quantity)| OrderDetailBody {
                goods_id: key.archive_id,
                goods_sku_id: key.sku_id.unwrap_or(0),
                quantity: *quantity,
            })
            .collect(),
        remark: remark.trim().to_string(),
        address: WireAddress::from_address(address),
        coupon: super::coupons::CouponFields::of(coupon),
    };
    let wire = post::<WireOrder, _>("order/create", &body)
        .await?
        .required()?;
    let amount = Money::from_cents(wire.amount.max(0));
    match text(wire.order_id) {
        id if id.is_empty() => Err(ApiError::Malformed(
            "order answer without an order number".into(),
        )),
        order_id => Ok(PlacedOrder { order_id, amount }),
    }
}

#[derive(Serialize)]
struct CreateVipOrder {
    #[serde(rename = "type")]
    kind: &'static str,
    goods_id: i64,
    details: Vec<OrderDetailBody>,
    remark: &'static str,
}

/// `POST /api/order/create` of type `vip`: buying user group `group_id` (the server prices
/// it; paying it makes the shopper a member). No address: nothing is shipped.
pub async fn place_vip_order(group_id: i64) -> Result<PlacedOrder, ApiError> {
    let body = CreateVipOrder {
        kind: "vip",
        goods_id: group_id,
        details: vec![OrderDetailBody {
            goods_id: group_id,
            goods_sku_id: 0,
            quantity: 1,
        }],
        remark: "",
    };
    let wire = post::<WireOrder, _>("order/create", &body)
        .await?
        .required()?;
    let amount = Money::from_cents(wire.amount.max(0));
    match text(wire.order_id) {
        id if id.is_empty() => Err(ApiError::Malformed(
            "order answer without an order number".into(),
        )),
        order_id => Ok(PlacedOrder { order_id, amount }),
    }
}

/// `GET /api/orders`: the newest orders (for finding an order a lost answer created).
pub async fn recent_orders() -> Result<Vec<Order>, ApiError> {
    let params = [("current", "1".to_string()), ("pageSize", "10".to_string())];
    // Not cached: this must be the server's state right now.
    let reply = super::client::get::<Vec<WireOrder>>("orders", &params).await?;
    Ok(reply
        .list()
        .into_iter()
        .filter_map(WireOrder::into_order)
        .collect())
}

/// One page of "my orders" under a tab, and how many there are in all.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderPage {
    pub orders: Vec<Order>,
    pub total: u64,
}

/// The page size of "my orders".
pub const ORDERS_PAGE_SIZE: u32 = 8;

/// The most orders the refunds tab reads to find the refunds the server cannot filter.
const REFUND_SCAN_LIMIT: u32 = 500;

/// `GET /api/orders` for a tab and page (cache key: both). The server's `refunding` filter
/// misses refunds that were applied for (`refund_status` 8 leaves `status` as it was) and
/// has no word for "refunded", so the refunds tab reads the orders and picks them here.
pub async fn orders_page((tab, page): (OrderTab, u32)) -> Result<OrderPage, ApiError> {
    let page = page.max(1);
    if tab == OrderTab::Refunds {
        let refunds = super::queries::fetch(refunds, ()).await?;
        let total = refunds.len() as u64;
        let start = ((page - 1) * ORDERS_PAGE_SIZE) as usize;
        let orders = refunds
            .into_iter()
            .skip(start)
            .take(ORDERS_PAGE_SIZE as usize)
            .collect();
        return Ok(OrderPage { orders, total });
    }
    let mut params = vec![
        ("current", page.to_string()),
        ("pageSize", ORDERS_PAGE_SIZE.to_string()),
    ];
    if tab != OrderTab::All {
        params.push(("status", tab.slug().to_string()));
    }
    let reply = get_shared::<Vec<WireOrder>>("orders", &params).await?;
    let total = reply.total.unwrap_or(0);
    let orders = reply
        .list()
        .into_iter()
        // As the server lists them: its filter is by `status` alone, so an order whose
        // refund was applied for is also here (its card says so), and the tab's count is
        // the number of cards.
        .filter_map(WireOrder::into_order)
        .collect();
    Ok(OrderPage { orders, total })
}

/// Every refund of the shopper (up to [`REFUND_SCAN_LIMIT`] orders read), newest first
/// (cache key `()`): the refunds tab's list and its count share this one scan.
pub async fn refunds(_: ()) -> Result<Vec<Order>, ApiError> {
    let tab = OrderTab::Refunds;
    const SCAN_PAGE: u32 = 100;
    let mut found = Vec::new();
    let mut page = 1;
    loop {
        let params = [
            ("current", page.to_string()),
            ("pageSize", SCAN_PAGE.to_string()),
        ];
        let reply = get_shared::<Vec<WireOrder>>("orders", &params).await?;
        let total = reply.total.unwrap_or(0);
        let batch = reply.list();
        let read = batch.len() as u32;
        found.extend(
            batch
                .into_iter()
                .filter_map(WireOrder::into_order)
                .filter(|o| o.status.is_some_and(|s| tab.contains(s))),
        );
        if read < SCAN_PAGE
            || u64::from(page * SCAN_PAGE) >= total
            || page * SCAN_PAGE >= REFUND_SCAN_LIMIT
        {
            return Ok(found);
        }
        page += 1;
    }
}

/// How many orders each tab holds (cache key `()`): the `total` of each tab's first page,
/// asked together, and the refunds counted as the refunds tab finds them.
pub async fn order_counts(_: ()) -> Result<Vec<(OrderTab, u64)>, ApiError> {
    let asks = OrderTab::ALL.into_iter().map(|tab| async move {
        let total = if tab == OrderTab::Refunds {
            super::queries::fetch(refunds, ()).await?.len() as u64
        } else {
            let mut params = vec![("current", "1".to_string()), ("pageSize", "1".to_string())];
            if tab != OrderTab::All {
                params.push(("status", tab.slug().to_string()));
            }
            let reply = get_shared::<Vec<WireOrder>>("orders", &params).await?;
            reply.total.unwrap_or(0)
        };
        Ok::<_, ApiError>((tab, total))
    });
    futures::future::join_all(asks).await.into_iter().collect()
}

#[derive(Serialize)]
struct OrderActionBody<'a> {
    order_id: &'a str,
    /// Only for a refund; the real server reads `order_id` alone and ignores it.
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: &'a str,
}

/// `POST /api/order/cancel|finish|refund`. The server checks no state, so callers offer an
/// action only where [`OrderStatus::actions`] allows it; `Pay` is the payment panel's.
pub async fn act_on_order(
    order_id: &str,
    action: OrderAction,
    reason: &str,
) -> Result<(), ApiError> {
    let body = OrderActionBody {
        order_id,
        reason: if action == OrderAction::RequestRefund {
            reason.trim()
        } else {
            ""
        },
    };
    match action {
        OrderAction::Cancel => post::<serde_json::Value, _>("order/cancel", &body).await?,
        OrderAction::ConfirmReceipt => post::<serde_json::Value, _>("order/finish", &body).await?,
        OrderAction::RequestRefund => post::<serde_json::Value, _>("order/refund", &body).await?,
        OrderAction::Pay => {
            return Err(ApiError::Malformed("pay is not an order action".into()));
        }
    };
    Ok(())
}

/// `GET /api/order/detail?order_id=` without the cache: the order as the server holds it
/// right now (to learn what a write whose answer was lost did).
pub async fn order_now(order_id: &str) -> Result<Order, ApiError> {
    let reply =
        super::client::get::<WireOrder>("order/detail", &[("order_id", order_id.to_string())])
            .await?;
    reply.required()?.into_order().ok_or(ApiError::NotFound)
}

/// `GET /api/order/detail?order_id=` (cache key: the order number).
pub async fn order(order_id: String) -> Result<Order, ApiError> {
    let reply = get_shared::<WireOrder>("order/detail", &[("order_id", order_id)]).await?;
    reply.required()?.into_order().ok_or(ApiError::NotFound)
}

/// How the shopper pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayWay {
    Balance,
    Wechat,
    Alipay,
    Paypal,
    Stripe,
}

impl PayWay {
    pub fn key(self) -> &'static str {
        match self {
            PayWay::Balance => "balance",
            PayWay::Wechat => "wechat",
            PayWay::Alipay => "alipay",
            PayWay::Paypal => "paypal",
            PayWay::Stripe => "stripe",
        }
    }

    pub fn from_key(key: &str) -> Option<PayWay> {
        Some(match key {
            "balance" => PayWay::Balance,
            "wechat" => PayWay::Wechat,
            "alipay" => PayWay::Alipay,
            "paypal" => PayWay::Paypal,
            "stripe" => PayWay::Stripe,
            _ => return None,
        })
    }
}

/// What starting a payment gave.
#[derive(Clone, Debug, PartialEq)]
pub enum PaymentStart {
    /// Paid at once (balance).
    Paid,
    /// A QR code to scan (a `data:image/png` URI).
    Qr(String),
    /// A hosted pay page to go to.
    Redirect(String),
}

#[derive(Serialize)]
struct PayBody<'a> {
    order_id: &'a str,
    pay_way: &'a str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WirePayment {
    code_url: Option<String>,
    jump_url: Option<String>,
    status: i64,
}

/// `POST /api/order/payment`.
pub async fn pay(order_id: &str, way: PayWay) -> Result<PaymentStart, ApiError> {
    let body = PayBody {
        order_id,
        pay_way: way.key(),
    };
    let wire = post::<WirePayment, _>("order/payment", &body)
        .await?
        .required()?;
    if way == PayWay::Balance {
        return if wire.status == 1 {
            Ok(PaymentStart::Paid)
        } else {
            Err(ApiError::Malformed(
                "balance payment without a status".into(),
            ))
        };
    }
    // The QR is an image we show; the jump URL a page we open: both pass the URL rule.
    if let Some(qr) = wire
        .code_url
        .filter(|u| u.starts_with("data:image/png;base64,"))
    {
        return Ok(PaymentStart::Qr(qr));
    }
    match wire
        .jump_url
        .and_then(|u| crate::domain::links::safe_href(u.trim()))
    {
        Some(url) => Ok(PaymentStart::Redirect(url)),
        None => Err(ApiError::Malformed(
            "payment answer without a QR or a pay page".into(),
        )),
    }
}

/// Longer than the server's 20 s poll, so its own "unpaid" answer arrives first.
const PAYMENT_CHECK_TIMEOUT_MS: u32 = 35_000;

/// `GET /api/payment/check?order_id=`: waits (up to 20 s on the server) and says whether the
/// order is paid. `Ok(false)` is the server's "unpaid".
pub async fn payment_settled(order_id: &str) -> Result<bool, ApiError> {
    let params = [("order_id", order_id.to_string())];
    match get_long_poll::<serde_json::Value>("payment/check", &params, PAYMENT_CHECK_TIMEOUT_MS)
        .await
    {
        Ok(_) => Ok(true),
        Err(ApiError::Refused { code: -1, .. }) => Ok(false),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_reads_its_lines_address_and_quirky_refund_state() {
        let body = r#"{"order_id":"202604291156390012","status":1,"refund_status":8,"amount":65800,
            "created_time":1777000000,"paid_time":1777000100,"remark":"","express_company":"","tracking_number":"",
            "order_address":{"id":3,"name":"李雷","phone":"13800000000","address_info":"西湖路 1 号"},
            "details":[{"goods_id":54,"price":32900,"amount":65800,"quantity":2,"goods":{"id":54,"title":"Merino"}}]}"#;
        let wire: WireOrder = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        let order = wire.into_order().unwrap_or_else(|| panic!("no order"));
        assert_eq!(order.status, Some(OrderStatus::Refunding));
        assert_eq!(order.lines[0].quantity, 2);
        assert_eq!(order.lines[0].title, "Merino");
        assert_eq!(order.amount, Money::from_cents(65800));
        assert_eq!(order.address.map(|a| a.name), Some("李雷".into()));
    }

    #[test]
    fn an_address_is_always_sent_whole() {
        let json = serde_json::to_value(WireAddress::from_address(&Address {
            id: 7,
            name: " 李雷 ".into(),
            ..Address::default()
        }))
        .unwrap_or_default();
        for field in [
            "id",
            "name",
            "last_name",
            "phone",
            "email",
            "province",
            "city",
            "town",
            "country",
            "address_info",
            "company",
            "postcode",
        ] {
            assert!(
                json.get(field).is_some_and(|v| !v.is_null()),
                "{field} missing"
            );
        }
        assert_eq!(json["name"], "李雷");
    }
}
