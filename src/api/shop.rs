//! The documented edition's shop routes (§12): a product's SKUs and the server cart.
//!
//! The open-source server has none of these; callers ask [`super::capabilities`] first and
//! keep a local cart instead. Cart writes go through [`post`], so they are never cancelled
//! with a view and never retried.

use serde::{Deserialize, Serialize};

use super::client::{get_shared, post};
use super::site::modules;
use super::wire::{WireArchive, WireSkuInfo};
use super::ApiError;
use crate::domain::cart::{CartLine, LineKey};
use crate::domain::sku::SkuIndex;
use crate::domain::{Feature, Money, Slug};

/// `GET /api/archive/sku?id=`: the product's option groups and SKUs, indexed for the picker
/// (cache key: the archive id).
pub async fn sku_index(archive_id: i64) -> Result<SkuIndex, ApiError> {
    let reply = get_shared::<WireSkuInfo>("archive/sku", &[("id", archive_id.to_string())]).await?;
    Ok(reply.required()?.into_index())
}

/// A product's options for the picker: its SKU index on a server that has SKUs, `None`
/// on one that has not (the open-source edition sells the archive itself). Cache key: the
/// archive id.
pub async fn product_options(archive_id: i64) -> Result<Option<SkuIndex>, ApiError> {
    // Through the cache: the cart asks at the same time on a first visit, and one probe
    // must serve both.
    let features = super::queries::fetch(super::capabilities::detect, ()).await?;
    if !features.has(Feature::Skus) {
        return Ok(None);
    }
    let index = sku_index(archive_id).await?;
    Ok(index.has_options().then_some(index))
}

/// The product page's options, read by the route's slug (cache key), so the read goes out
/// with the record's instead of after it. When the edition is not known yet, this read is
/// also the edition probe ([`super::capabilities::probing`]): the open-source server's HTML
/// 404 here means it has no SKUs.
pub async fn product_options_by_slug(slug: Option<Slug>) -> Result<Option<SkuIndex>, ApiError> {
    let slug = slug.ok_or(ApiError::NotFound)?;
    let known = super::capabilities::known();
    if known.is_some_and(|features| !features.has(Feature::Skus)) {
        return Ok(None);
    }
    let params = match &slug {
        Slug::Id(id) => [("id", id.to_string())],
        Slug::Token(token) => [("filename", token.clone())],
    };
    let read = get_shared::<WireSkuInfo>("archive/sku", &params);
    match super::capabilities::probing(read).await {
        Ok(reply) => {
            let index = reply.required()?.into_index();
            Ok(index.has_options().then_some(index))
        }
        Err(ApiError::NotJson | ApiError::Http { status: 404 }) if known.is_none() => Ok(None),
        Err(error) => Err(error),
    }
}

/// One line of `GET /api/cart/list`: the archive's fields plus the line's own.
#[derive(Deserialize, Default)]
#[serde(default)]
struct WireCartItem {
    #[serde(flatten)]
    archive: WireArchive,
    cart_id: i64,
    sku_id: i64,
    sku_title: Option<String>,
    quantity: i64,
    amount: i64,
}

impl WireCartItem {
    fn into_line(self) -> Option<CartLine> {
        let quantity = u32::try_from(self.quantity).ok().filter(|q| *q > 0)?;
        // The server prices the line; the unit price is its amount over the quantity, and
        // the archive's (or SKU's) price when the amount is missing.
        let unit = if self.amount > 0 {
            self.amount / i64::from(quantity)
        } else {
            self.archive.price.max(0)
        };
        let sku_id = (self.sku_id > 0).then_some(self.sku_id);
        let variant = self.sku_title.unwrap_or_default().trim().to_string();
        // A SKU line's stock is the SKU's, which the list does not carry.
        let stock = match sku_id {
            Some(_) => None,
            None => Some(u32::try_from(self.archive.stock.max(0)).unwrap_or(u32::MAX)),
        };
        let summary = self.archive.into_summary(&modules());
        Some(CartLine {
            key: LineKey {
                archive_id: summary.id,
                sku_id,
            },
            cart_id: (self.cart_id > 0).then_some(self.cart_id),
            title: summary.title,
            variant,
            image: summary.thumb,
            unit_price: Money::from_cents(unit),
            quantity,
            stock,
        })
    }
}

/// Lines per page of `cart/list`; a cart longer than this is read page by page.
const CART_PAGE: u32 = 100;

/// `GET /api/cart/list`, every page: the cart of the signed-in shopper, else of the guest
/// `cart` token.
pub async fn cart_lines() -> Result<Vec<CartLine>, ApiError> {
    let mut lines = Vec::new();
    for current in 1..=20u32 {
        let params = [
            ("current", current.to_string()),
            ("pageSize", CART_PAGE.to_string()),
        ];
        let reply = get_shared::<Vec<WireCartItem>>("cart/list", &params).await?;
        let total = reply.total.unwrap_or(0);
        let page = reply.list();
        let received = page.len();
        lines.extend(page.into_iter().filter_map(WireCartItem::into_line));
        if received < CART_PAGE as usize || lines.len() as u64 >= total {
            break;
        }
    }
    Ok(lines)
}

#[derive(Serialize)]
struct CartLineBody {
    archive_id: i64,
    sku_id: i64,
    quantity: u32,
}

#[derive(Serialize)]
struct CartRemoveBody {
    id: i64,
}

/// `POST /api/cart/add`: adds `quantity` to the line (the server adds up an existing line).
pub async fn cart_add(key: LineKey, quantity: u32) -> Result<(), ApiError> {
    post_line("cart/add", key, quantity).await
}

/// `POST /api/cart/update`: sets the line's quantity.
pub async fn cart_update(key: LineKey, quantity: u32) -> Result<(), ApiError> {
    post_line("cart/update", key, quantity).await
}

/// A cart write naming a line by product and SKU. The server answers the line it saved; an
/// empty answer saved nothing we can show.
async fn post_line(path: &str, key: LineKey, quantity: u32) -> Result<(), ApiError> {
    let body = CartLineBody {
        archive_id: key.archive_id,
        sku_id: key.sku_id.unwrap_or(0),
        quantity,
    };
    post::<serde_json::Value, _>(path, &body)
        .await?
        .required()?;
    Ok(())
}

/// `POST /api/cart/remove` with the cart **record** id.
pub async fn cart_remove(cart_id: i64) -> Result<(), ApiError> {
    post::<serde_json::Value, _>("cart/remove", &CartRemoveBody { id: cart_id }).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cart_item_becomes_a_line_priced_by_the_server() {
        let body = r#"{"id":54,"title":"Merino","url_token":"merino","module_id":2,"price":32900,"stock":61,
            "thumb":"https://shop.example/uploads/t.webp","cart_id":7,"sku_id":102,"sku_title":"红 / M",
            "quantity":2,"amount":65800,"origin_amount":65800,"order_extra":"","is_wholesale":false}"#;
        let item: WireCartItem = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        let line = item.into_line().unwrap_or_else(|| panic!("no line"));
        assert_eq!(
            line.key,
            LineKey {
                archive_id: 54,
                sku_id: Some(102)
            }
        );
        assert_eq!(line.cart_id, Some(7));
        assert_eq!(line.unit_price, Money::from_cents(32900));
        assert_eq!(line.quantity, 2);
        assert_eq!(line.variant, "红 / M");
        assert_eq!(line.stock, None);
    }

    #[test]
    fn a_line_without_quantity_or_with_nonsense_is_dropped_not_a_panic() {
        for body in [
            r#"{"id":1,"quantity":0}"#,
            r#"{"id":1,"quantity":-3}"#,
            r#"{"id":1,"quantity":99999999999}"#,
        ] {
            let item: WireCartItem = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
            assert!(item.into_line().is_none(), "{body}");
        }
        let item: WireCartItem =
            serde_json::from_str(r#"{"id":3,"price":500,"stock":-1,"quantity":1}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        let line = item.into_line().unwrap_or_else(|| panic!("no line"));
        assert_eq!(line.unit_price, Money::from_cents(500));
        assert_eq!(line.stock, Some(0));
        assert_eq!(line.key.sku_id, None);
    }
}
