//! `/cart`: the cart in full. Before checkout it checks each line against the catalogue, so a
//! product that became unavailable, changed price or has less stock says so here.

use leptos::prelude::*;

use crate::api;
use crate::components::cart::{CartContents, CartNoticeView};
use crate::components::page_meta::PageMeta;
use crate::domain::cart::{CurrentOffer, LineChange, LineKey};
use crate::domain::Slug;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    cart.ensure_loaded();
    let changes = RwSignal::new(Vec::<(LineKey, LineChange)>::new());
    // The catalogue's figures for the lines, read once the cart is loaded and again when
    // its set of lines changes (not on every quantity step).
    let keys = Memo::new(move |_| {
        cart.cart
            .with(|c| c.lines.iter().map(|l| l.key).collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        if !cart.loaded.get() {
            return;
        }
        let keys = keys.get();
        leptos::task::spawn_local(async move {
            let (offers, unknown) = current_offers(&keys).await;
            let found = cart.cart.with_untracked(|c| c.changes_against(&offers));
            // Lines whose check could not be made say nothing rather than "unavailable".
            let _ = changes.try_set(
                found
                    .into_iter()
                    .filter(|(k, _)| !unknown.contains(k))
                    .collect(),
            );
        });
    });
    let title = Signal::derive(move || i18n.t("cart.title"));
    view! {
        <PageMeta title />
        <section class="cart-page">
            <h1 class="page-title">{move || title.get()}</h1>
            <CartNoticeView />
            <CartContents changes=changes />
        </section>
    }
}

/// Today's price and stock of each line, from the product (and its SKUs), and the lines
/// that could not be checked (an outage): those are not called unavailable.
async fn current_offers(keys: &[LineKey]) -> (Vec<CurrentOffer>, Vec<LineKey>) {
    let mut offers = Vec::new();
    let mut unknown = Vec::new();
    let mut archives: Vec<i64> = keys.iter().map(|k| k.archive_id).collect();
    archives.sort_unstable();
    archives.dedup();
    for archive_id in archives {
        let lines = keys.iter().copied().filter(|k| k.archive_id == archive_id);
        let detail =
            match api::queries::fetch(api::content::archive, Some(Slug::Id(archive_id))).await {
                Ok(detail) => detail,
                // Gone from the catalogue: no offer, so the line reads "unavailable".
                Err(api::ApiError::NotFound) => continue,
                Err(_) => {
                    unknown.extend(lines);
                    continue;
                }
            };
        let options = api::queries::fetch(api::shop::product_options, archive_id).await;
        for key in lines {
            match (key.sku_id, &options) {
                (None, _) => offers.push(CurrentOffer {
                    key,
                    unit_price: detail.summary.price,
                    stock: Some(detail.stock),
                }),
                (Some(sku), Ok(Some(index))) => {
                    if let Some(s) = index.skus().iter().find(|s| s.id == sku) {
                        offers.push(CurrentOffer {
                            key,
                            unit_price: s.price,
                            stock: Some(s.stock),
                        });
                    }
                }
                // The product lost its options: the SKU is gone.
                (Some(_), Ok(None)) => {}
                (Some(_), Err(_)) => unknown.push(key),
            }
        }
    }
    (offers, unknown)
}
