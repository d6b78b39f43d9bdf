//! Product and article cards for listings.

use leptos::prelude::*;

use crate::components::favorites::FavoriteButton;
use crate::config::link;
use crate::domain::time::iso_date;
use crate::domain::{ArchiveSummary, ContentKind, Money};
use crate::i18n::use_i18n;

/// A price in the shopper's locale; `0` reads "free".
#[component]
pub fn Price(money: Money, #[prop(optional)] class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let symbol = crate::state::use_config().currency_symbol;
    let text = move || {
        if money.is_free() {
            i18n.t("detail.free")
        } else {
            money.format(i18n.locale.get(), &symbol)
        }
    };
    let class = if class.is_empty() { "price" } else { class };
    view! { <span class=class>{text}</span> }
}

/// One listing entry: an image card for products, a text-first card for articles.
#[component]
pub fn ArchiveCard(item: ArchiveSummary, #[prop(optional)] eager: bool) -> impl IntoView {
    let href = link(&item.href());
    let loading = if eager { "eager" } else { "lazy" };
    let image = item.thumb.clone().map(|src| {
        view! {
            <img class="card__image" src=src alt="" loading=loading decoding="async" width="400" height="400" />
        }
    });
    let heart_title = item.title.clone();
    match item.kind {
        ContentKind::Product => view! {
            <article class="card card--product">
                <a class="card__link" href=href>
                    <div class="card__media">{image}</div>
                    <h3 class="card__title">{item.title}</h3>
                </a>
                <Price money=item.price class="price card__price" />
                <FavoriteButton archive_id=item.id title=heart_title />
            </article>
        }
        .into_any(),
        ContentKind::Article => {
            let date = iso_date(item.created_at);
            view! {
                <article class="card card--article">
                    <a class="card__link" href=href>
                        <div class="card__media card__media--wide">{image}</div>
                        <h3 class="card__title">{item.title}</h3>
                    </a>
                    <p class="card__excerpt">{item.description}</p>
                    {date.map(|d| { let label = d.clone(); view! { <time class="card__meta" datetime=d>{label}</time> } })}
                </article>
            }
            .into_any()
        }
    }
}

/// A grid of cards; the first row loads eagerly because it is the likely LCP element.
/// An empty list says so rather than leaving a silent gap.
#[component]
pub fn CardGrid(items: Vec<ArchiveSummary>) -> impl IntoView {
    if items.is_empty() {
        let i18n = use_i18n();
        return view! { <p class="empty-state" role="status">{move || i18n.t("listing.none")}</p> }
            .into_any();
    }
    view! {
        <div class="card-grid">
            {items
                .into_iter()
                .enumerate()
                .map(|(i, item)| view! { <ArchiveCard item eager=i < 2 /> })
                .collect_view()}
        </div>
    }
    .into_any()
}
