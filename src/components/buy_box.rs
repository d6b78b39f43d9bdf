//! The product page's buy box: the SKU picker (Saleor model, `storefront-patterns.md` §2.1),
//! price and stock that follow the SKU, a quantity stepper capped at stock, the add-to-cart
//! button, and the schema.org `Product` JSON-LD that follows the selection.
//!
//! The URL holds the SKU (`?sku=`) once the selection is complete, so a shared link opens the
//! same variant; an incomplete selection leaves no `sku` in the address.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::cards::Price;
use super::data_view::Loaded;
use crate::api;
use crate::api::queries::{use_query, Query};
use crate::domain::cart::{CartLine, LineKey};
use crate::domain::sku::{Selection, SkuIndex, ValueState};
use crate::domain::{ArchiveDetail, Money, Slug};
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;

/// Below this many pieces the stock line says "only N left".
const LOW_STOCK: u32 = 5;
/// AnqiCMS's "unlimited" stock and anything near it reads as plain "in stock".
const PLENTY: u32 = 1_000_000;

/// What the shop knows of the product for selling it.
#[derive(Clone)]
struct Product {
    detail: ArchiveDetail,
    options: Option<SkuIndex>,
}

#[component]
pub fn BuyBox(
    detail: ArchiveDetail,
    /// The route's slug: the options are read by it.
    slug: Option<Slug>,
    /// The page's read of the options, when it started one with the record.
    options: Option<Query<Option<SkuIndex>>>,
    /// The selected SKU's own image, for the gallery.
    sku_image: RwSignal<Option<String>>,
) -> impl IntoView {
    let options = options
        .unwrap_or_else(|| use_query(api::shop::product_options_by_slug, move || slug.clone()));
    let fallback_detail = detail.clone();
    view! {
        <Loaded
            query=options
            fallback=move || view! {
                <Price money=fallback_detail.summary.price class="price price--large" />
                <div class="buy-box buy-box--loading" aria-busy="true"><span class="skeleton skeleton--text"></span></div>
            }
            view={move |options: Option<SkuIndex>| {
                let product = Product { detail: detail.clone(), options };
                view! { <Picker product sku_image /> }.into_any()
            }}
        />
    }
}

#[component]
fn Picker(product: Product, sku_image: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let index = StoredValue::new(product.options.clone());
    let detail = StoredValue::new(product.detail.clone());

    let sku_in_url = move || {
        query
            .with(|q| q.get("sku"))
            .map(|raw| raw.trim().parse::<i64>().ok())
    };
    // The selection the address names; `Err` when it names no SKU of this product.
    let from_url = move |raw: Option<Option<i64>>| -> Result<Option<Selection>, ()> {
        index.with_value(|index| {
            let Some(index) = index else {
                return Ok(None);
            };
            match raw {
                None => Ok(None),
                Some(Some(id)) => index.selection_of_sku(id).map(Some).ok_or(()),
                Some(None) => Err(()),
            }
        })
    };
    let initial = index.with_value(|i| {
        i.as_ref()
            .map(SkuIndex::initial_selection)
            .unwrap_or_default()
    });
    let first = from_url(sku_in_url());
    let link_problem = RwSignal::new(first.is_err());
    let selection = RwSignal::new(first.ok().flatten().unwrap_or(initial));
    // Back/Forward or a cart link to another SKU of this product changes `?sku=`.
    Effect::new(move |_| {
        if let Ok(Some(from_address)) = from_url(sku_in_url()) {
            if selection.get_untracked() != from_address {
                selection.set(from_address);
            }
        }
    });

    let states = Memo::new(move |_| {
        selection
            .with(|s| index.with_value(|i| i.as_ref().map(|i| i.states(s)).unwrap_or_default()))
    });
    let resolved = Memo::new(move |_| {
        selection.with(|s| index.with_value(|i| i.as_ref().and_then(|i| i.resolved(s).cloned())))
    });
    let missing = Memo::new(move |_| {
        selection.with(|s| {
            index.with_value(|i| {
                i.as_ref()
                    .and_then(|i| i.missing_group(s).map(|g| g.name.clone()))
            })
        })
    });
    let has_options = index.with_value(Option::is_some);
    Effect::new(move |_| sku_image.set(resolved.get().and_then(|s| s.image)));

    // Price and stock: the SKU's once chosen, else the range / the product's own.
    let price = move || match resolved.get() {
        Some(sku) => PriceShown::One(sku.price),
        None => index.with_value(|i| match i.as_ref().and_then(SkuIndex::price_range) {
            Some((low, high)) if low != high => PriceShown::Range(low, high),
            Some((low, _)) => PriceShown::One(low),
            None => PriceShown::One(detail.with_value(|d| d.summary.price)),
        }),
    };
    let stock = move || -> Option<u32> {
        if has_options {
            resolved.get().map(|s| s.stock)
        } else {
            Some(detail.with_value(|d| d.stock))
        }
    };
    let sold_out = move || {
        if has_options {
            index.with_value(|i| {
                i.as_ref()
                    .is_some_and(|i| i.skus().iter().all(|s| s.stock == 0))
            }) || stock() == Some(0)
        } else {
            stock() == Some(0)
        }
    };
    let quantity = RwSignal::new(1u32);
    let max_quantity = move || {
        stock()
            .unwrap_or(1)
            .clamp(1, crate::domain::cart::MAX_LINE_QUANTITY)
    };
    Effect::new(move |_| {
        let max = max_quantity();
        if quantity.get_untracked() > max {
            quantity.set(max);
        }
    });

    let write_url = move |next: &Selection| {
        let sku = index.with_value(|i| i.as_ref().and_then(|i| i.resolved(next).map(|s| s.id)));
        // The router's pathname includes the deploy's base ("/shop/product/x") and navigate
        // adds the base again: navigate with the route path alone.
        let path = crate::config::route_path(&location.pathname.get_untracked());
        let target = match sku {
            Some(id) => format!("{path}?sku={id}"),
            None => path,
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let choose = std::rc::Rc::new(move |group: usize, value: usize| {
        let next = index.with_value(|i| {
            i.as_ref()
                .map(|i| selection.with_untracked(|s| i.click(s, group, value)))
        });
        if let Some(next) = next {
            link_problem.set(false);
            selection.set(next.clone());
            write_url(&next);
        }
    });

    let add = move |_| {
        let Some(stock_now) = stock() else {
            // Incomplete: the button names the group; move focus to it.
            focus_first_missing();
            return;
        };
        let d = detail.get_value();
        let sku = resolved.get_untracked();
        let line = CartLine {
            key: LineKey {
                archive_id: d.summary.id,
                sku_id: sku.as_ref().map(|s| s.id),
            },
            cart_id: None,
            title: d.summary.title.clone(),
            variant: sku
                .as_ref()
                .map(|s| {
                    index.with_value(|i| i.as_ref().map(|i| i.variant_name(s)).unwrap_or_default())
                })
                .unwrap_or_default(),
            image: sku
                .as_ref()
                .and_then(|s| s.image.clone())
                .or_else(|| d.summary.thumb.clone()),
            unit_price: sku.as_ref().map_or(d.summary.price, |s| s.price),
            quantity: quantity.get_untracked(),
            stock: Some(stock_now),
        };
        cart.add(line);
    };
    let button_label = move || {
        if sold_out() {
            i18n.t("buy.sold_out")
        } else if let Some(group) = missing.get() {
            i18n.t_with("buy.choose", &[("group", &group)])
        } else {
            i18n.t("buy.add_to_cart")
        }
    };

    let groups = index.with_value(|i| i.as_ref().map(|i| i.groups().to_vec()).unwrap_or_default());
    view! {
        <div class="buy-box">
            <p class="buy-box__price">
                {move || match price() {
                    PriceShown::One(m) => view! { <Price money=m class="price price--large" /> }.into_any(),
                    PriceShown::Range(low, high) => view! {
                        <span class="price price--large">
                            <Price money=low class="price" />"–"<Price money=high class="price" />
                        </span>
                    }.into_any(),
                }}
            </p>
            {move || link_problem.get().then(|| view! {
                <p class="notice notice--warning" role="alert">{i18n.t("buy.link_missing")}</p>
            })}
            {groups.into_iter().enumerate().map(|(g, group)| {
                let label_id = format!("sku-group-{}", group.id);
                let name = group.name.clone();
                let value_names: Vec<String> = group.values.iter().map(|v| v.name.clone()).collect();
                let choose = choose.clone();
                view! {
                    <fieldset class="sku-group" data-group=name.clone()>
                        <legend id=label_id class="sku-group__name">
                            {name.clone()}
                            {move || {
                                let chosen = selection.with(|s| s.value_of(g)).and_then(|v| value_names.get(v).cloned());
                                chosen.map(|c| view! { <span class="sku-group__chosen">": "{c}</span> })
                            }}
                        </legend>
                        <div class="sku-group__values">
                            {group.values.iter().enumerate().map(|(v, value)| {
                                let state = move || states.with(|s| s.get(g).and_then(|row| row.get(v)).copied()).unwrap_or(ValueState::OutOfStock);
                                let title = value.name.clone();
                                let choose = choose.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="sku-value"
                                        class:sku-value--incompatible=move || state() == ValueState::Incompatible
                                        aria-pressed=move || (state() == ValueState::Selected).to_string()
                                        disabled=move || state().is_disabled()
                                        on:click=move |_| choose(g, v)
                                    >
                                        {title}
                                        {move || (state() == ValueState::OutOfStock).then(|| view! {
                                            <span class="visually-hidden">{i18n.t("buy.value_sold_out")}</span>
                                        })}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <p class="buy-box__stock" role="status">
                {move || match (stock(), has_options) {
                    _ if sold_out() => i18n.t("buy.sold_out"),
                    (None, _) => String::new(),
                    (Some(0), _) => i18n.t("buy.sold_out"),
                    (Some(n), _) if n <= LOW_STOCK => i18n.t_with("buy.only_left", &[("n", &n.to_string())]),
                    (Some(n), _) if n >= PLENTY => i18n.t("buy.in_stock"),
                    (Some(n), _) => i18n.t_with("buy.in_stock_n", &[("n", &n.to_string())]),
                }}
            </p>
            <div class="buy-box__actions">
                <div class="stepper" role="group" aria-label=move || i18n.t("buy.quantity")>
                    <button type="button" class="stepper__button" aria-label=move || i18n.t("buy.less")
                        disabled=move || { quantity.get() <= 1 }
                        on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1).max(1))>"−"</button>
                    <span class="stepper__value" aria-live="polite">{move || quantity.get()}</span>
                    <button type="button" class="stepper__button" aria-label=move || i18n.t("buy.more")
                        disabled=move || { quantity.get() >= max_quantity() || stock().is_none() }
                        on:click=move |_| quantity.update(|q| *q = (*q + 1).min(max_quantity()))>"+"</button>
                </div>
                <button
                    type="button"
                    class="button button--primary buy-box__add"
                    disabled=sold_out
                    on:click=add
                >
                    {button_label}
                </button>
            </div>
        </div>
        <ProductJsonLd detail=product.detail resolved price=Signal::derive(price) sold_out=Signal::derive(sold_out) />
    }
}

#[derive(Clone, Copy, PartialEq)]
enum PriceShown {
    One(Money),
    Range(Money, Money),
}

fn focus_first_missing() {
    use wasm_bindgen::JsCast;
    let target = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(
                ".sku-group:not(:has([aria-pressed=\"true\"])) .sku-value:not([disabled])",
            )
            .ok()
            .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}

/// schema.org `Product` with its offers: the SKU's price once chosen, else the range.
#[component]
fn ProductJsonLd(
    detail: ArchiveDetail,
    resolved: Memo<Option<crate::domain::sku::Sku>>,
    price: Signal<PriceShown>,
    sold_out: Signal<bool>,
) -> impl IntoView {
    let base = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": detail.summary.title,
        "description": detail.summary.description,
        "image": detail.images.first().cloned().or(detail.summary.thumb.clone()),
        "url": detail.seo.canonical,
    });
    let json = move || {
        let mut product = base.clone();
        let availability = if sold_out.get() {
            "https://schema.org/OutOfStock"
        } else {
            "https://schema.org/InStock"
        };
        let offers = match price.get() {
            PriceShown::Range(low, high) => serde_json::json!({
                "@type": "AggregateOffer",
                "priceCurrency": CURRENCY,
                "lowPrice": low.to_major_string(),
                "highPrice": high.to_major_string(),
                "availability": availability,
            }),
            PriceShown::One(m) => serde_json::json!({
                "@type": "Offer",
                "priceCurrency": CURRENCY,
                "price": m.to_major_string(),
                "availability": availability,
            }),
        };
        product["offers"] = offers;
        if let Some(sku) = resolved.get() {
            product["sku"] = serde_json::Value::String(sku.id.to_string());
            if let Some(image) = sku.image {
                product["image"] = serde_json::Value::String(image);
            }
        }
        // Inserted as a text node, never parsed as HTML; "</" is escaped anyway so the
        // text stays inert if a server ever renders it.
        serde_json::to_string(&product)
            .unwrap_or_default()
            .replace("</", "<\\/")
    };
    view! { <script type="application/ld+json" class="product-json-ld">{json}</script> }
}

/// AnqiCMS prices are in the site's currency; its SKU route names it "CNY".
const CURRENCY: &str = "CNY";
