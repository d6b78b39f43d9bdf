//! Favorites (§6.11, both editions) and the wishlist (documented edition).
//!
//! `favorite/add` is a toggle: [`toggle`] reports what the server says now, and callers
//! never use it to "add" without having checked first.

use serde::{Deserialize, Serialize};

use super::client::{get_shared as get, post};
use super::site::module_kinds;
use super::wire::{image, WireArchive};
use super::ApiError;
use crate::domain::{ArchiveSummary, Money, Paged};

pub const FAVORITES_PAGE_SIZE: u32 = 12;

/// One page of the signed-in shopper's favorites (`GET /api/favorite/list`, no `msg`).
pub async fn list(page: u32) -> Result<Paged<ArchiveSummary>, ApiError> {
    let params = [
        ("current", page.max(1).to_string()),
        ("pageSize", FAVORITES_PAGE_SIZE.to_string()),
    ];
    let reply = get::<Vec<WireArchive>>("favorite/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    let kinds = module_kinds().await;
    let items: Vec<ArchiveSummary> = reply
        .list()
        .into_iter()
        .filter(|a| a.id > 0)
        .map(|a| a.into_summary(&kinds))
        .collect();
    Ok(Paged {
        total: total.max(items.len() as u64),
        items,
    })
}

#[derive(Serialize)]
struct CheckMany<'a> {
    archive_ids: &'a [i64],
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireFavorite {
    archive_id: i64,
}

/// Which of `ids` the shopper holds as favorites (`POST /api/favorite/check`). A read,
/// though it is a POST.
pub async fn check(ids: Vec<i64>) -> Result<Vec<i64>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let reply =
        post::<Vec<WireFavorite>, _>("favorite/check", &CheckMany { archive_ids: &ids }).await?;
    Ok(reply
        .list()
        .into_iter()
        .map(|f| f.archive_id)
        .filter(|id| ids.contains(id))
        .collect())
}

#[derive(Serialize)]
struct One {
    archive_id: i64,
}

#[derive(Deserialize)]
struct WireToggled {
    is_favorite: bool,
}

/// `POST /api/favorite/add`, a TOGGLE: whether the archive is a favorite now.
pub async fn toggle(archive_id: i64) -> Result<bool, ApiError> {
    let reply = post::<WireToggled, _>("favorite/add", &One { archive_id }).await?;
    Ok(reply.required()?.is_favorite)
}

/// `POST /api/favorite/delete` (always code 0).
pub async fn remove(archive_id: i64) -> Result<(), ApiError> {
    post::<serde_json::Value, _>("favorite/delete", &One { archive_id }).await?;
    Ok(())
}

// ---- Wishlist (documented edition) ----

pub const WISHLIST_PAGE_SIZE: u32 = 10;

/// One wishlist record.
#[derive(Clone, Debug, PartialEq)]
pub struct WishItem {
    pub id: i64,
    pub archive_id: i64,
    pub sku_id: i64,
    pub title: String,
    pub thumb: Option<String>,
    /// The product's page in the shop.
    pub path: String,
    pub remark: String,
    pub origin_price: Money,
    /// `None`: no target price set.
    pub target_price: Option<Money>,
    pub price: Money,
    pub created_time: i64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireWish {
    id: i64,
    archive_id: i64,
    sku_id: i64,
    title: Option<String>,
    thumb: Option<String>,
    remark: Option<String>,
    origin_price: i64,
    target_price: i64,
    price: i64,
    created_time: i64,
}

impl WireWish {
    fn into_item(self) -> WishItem {
        // The shop's own product page by id; the CMS `link` is not needed.
        WishItem {
            id: self.id,
            archive_id: self.archive_id,
            sku_id: self.sku_id,
            title: self.title.unwrap_or_default().trim().to_string(),
            thumb: image(self.thumb),
            path: crate::domain::Route::Archive(
                crate::domain::ContentKind::Product,
                crate::domain::Slug::Id(self.archive_id),
            )
            .path(),
            remark: self.remark.unwrap_or_default(),
            origin_price: Money::from_cents(self.origin_price.max(0)),
            target_price: (self.target_price > 0).then(|| Money::from_cents(self.target_price)),
            price: Money::from_cents(self.price.max(0)),
            created_time: self.created_time,
        }
    }
}

pub async fn wishlist(page: u32) -> Result<Paged<WishItem>, ApiError> {
    let params = [
        ("current", page.max(1).to_string()),
        ("pageSize", WISHLIST_PAGE_SIZE.to_string()),
    ];
    let reply = get::<Vec<WireWish>>("wishlist/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    let items: Vec<WishItem> = reply
        .list()
        .into_iter()
        .filter(|w| w.id > 0)
        .map(WireWish::into_item)
        .collect();
    Ok(Paged {
        total: total.max(items.len() as u64),
        items,
    })
}

#[derive(Serialize)]
struct WishAdd<'a> {
    archive_id: i64,
    #[serde(skip_serializing_if = "is_zero")]
    sku_id: i64,
    remark: &'a str,
    target_price: i64,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// Adds or updates (same archive + SKU) a wishlist record.
pub async fn wish(
    archive_id: i64,
    sku_id: i64,
    remark: &str,
    target_price: Option<Money>,
) -> Result<WishItem, ApiError> {
    let body = WishAdd {
        archive_id,
        sku_id,
        remark: remark.trim(),
        target_price: target_price.map(|m| m.cents).unwrap_or(0),
    };
    let reply = post::<WireWish, _>("wishlist/add", &body).await?;
    Ok(reply.required()?.into_item())
}

#[derive(Serialize)]
struct ById {
    id: i64,
}

pub async fn unwish(id: i64) -> Result<(), ApiError> {
    post::<serde_json::Value, _>("wishlist/delete", &ById { id }).await?;
    Ok(())
}
