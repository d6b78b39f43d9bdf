//! The cart in the frame: the header button with its badge, the drawer that opens after an
//! add, and the line list the drawer and the `/cart` page share.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::cards::Price;
use super::error_panel::ErrorMessage;
use crate::config::link;
use crate::domain::cart::{CartLine, LineChange, LineKey};
use crate::domain::{ContentKind, Route, Slug};
use crate::i18n::use_i18n;
use crate::state::cart::{use_cart, CartNotice};

/// The header's cart button: the item count as a badge; it opens the drawer.
#[component]
pub fn CartButton() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let count = move || cart.item_count();
    let label = move || {
        let n = count().to_string();
        i18n.t_with("cart.button", &[("n", &n)])
    };
    view! {
        <button
            type="button"
            class="cart-button"
            aria-haspopup="dialog"
            aria-label=label
            on:click=move |_| {
                cart.ensure_loaded();
                cart.drawer_open.set(true);
            }
        >
            <span class="cart-button__icon" aria-hidden="true"></span>
            <span class="cart-button__badge" aria-hidden="true" class:cart-button__badge--empty=move || count() == 0>
                {count}
            </span>
        </button>
    }
}

/// The cart drawer: a modal `<dialog>` (focus stays inside, Escape closes it) that opens
/// after an add or from the header button and closes on navigation.
#[component]
pub fn CartDrawer() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        cart.drawer_open.set(false);
    });
    Effect::new(move |_| {
        let open = cart.drawer_open.get();
        if let Some(el) = dialog.get() {
            if open && !el.open() {
                let _ = el.show_modal();
            } else if !open && el.open() {
                el.close();
            }
        }
    });
    let close = move || cart.drawer_open.set(false);
    view! {
        <dialog
            node_ref=dialog
            class="cart-drawer"
            aria-labelledby="cart-drawer-title"
            on:close=move |_| close()
            on:click=move |ev| {
                // A click on the backdrop (the dialog itself, outside its panel) closes it.
                let on_backdrop = ev
                    .target()
                    .zip(dialog.get())
                    .is_some_and(|(target, el)| {
                        let el: &web_sys::EventTarget = el.as_ref();
                        &target == el
                    });
                if on_backdrop {
                    close();
                }
            }
        >
            <div class="cart-drawer__panel">
                <header class="cart-drawer__header">
                    <h2 id="cart-drawer-title" class="cart-drawer__title">{move || i18n.t("cart.title")}</h2>
                    <button type="button" class="button button--quiet cart-drawer__close" on:click=move |_| close()>
                        {move || i18n.t("cart.close")}
                    </button>
                </header>
                <CartNoticeView />
                <CartContents compact=true />
            </div>
        </dialog>
    }
}

/// The cart's notice (a failed change, a capped quantity, storage trouble), dismissible.
#[component]
pub fn CartNoticeView() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    move || {
        cart.notice.get().map(|notice| {
            let (class, body) = match notice {
                CartNotice::Failed { title, error } => {
                    let detail = error.detail();
                    (
                        "notice notice--error",
                        view! {
                            <p class="notice__title">{i18n.t(error.message_key())}</p>
                            <p>{i18n.t_with("cart.change_failed", &[("title", &title)])}</p>
                            {detail.map(|d| view! { <p class="notice__detail">{d}</p> })}
                        }
                        .into_any(),
                    )
                }
                CartNotice::Unconfirmed { title, error } => (
                    "notice notice--error",
                    view! {
                        <p class="notice__title">{i18n.t(error.message_key())}</p>
                        <p>{i18n.t_with("cart.unconfirmed", &[("title", &title)])}</p>
                    }
                    .into_any(),
                ),
                CartNotice::NotApplied { title } => (
                    "notice notice--error",
                    view! { <p>{i18n.t_with("cart.not_applied", &[("title", &title)])}</p> }.into_any(),
                ),
                CartNotice::NotSaved => (
                    "notice notice--warning",
                    view! { <p>{i18n.t("cart.not_saved")}</p> }.into_any(),
                ),
                CartNotice::Capped { title, to } => {
                    let to = to.to_string();
                    (
                        "notice notice--info",
                        view! { <p>{i18n.t_with("cart.capped", &[("title", &title), ("n", &to)])}</p> }
                            .into_any(),
                    )
                }
                CartNotice::Unavailable { title } => (
                    "notice notice--warning",
                    view! { <p>{i18n.t_with("cart.unavailable", &[("title", &title)])}</p> }.into_any(),
                ),
                CartNotice::MergeFailed { lines } => {
                    let n = lines.to_string();
                    (
                        "notice notice--error",
                        view! {
                            <p>{i18n.t_with("cart.merge_failed", &[("n", &n)])}</p>
                            <button type="button" class="button" on:click=move |_| cart.retry_merge()>
                                {i18n.t("cart.merge_retry")}
                            </button>
                        }
                        .into_any(),
                    )
                }
            };
            view! {
                <div class=class role="alert">
                    {body}
                    <button type="button" class="button button--quiet notice__dismiss" on:click=move |_| cart.notice.set(None)>
                        {i18n.t("cart.dismiss")}
                    </button>
                </div>
            }
        })
    }
}

/// The lines and the subtotal, or the empty or failed state. `compact` is the drawer's
/// form, which links on to the cart page. Lines are keyed, so a quantity change re-renders
/// only its figures and the stepper keeps focus.
#[component]
pub fn CartContents(
    #[prop(optional)] compact: bool,
    /// What changed since each line was added (the cart page checks the catalogue).
    #[prop(optional, into)]
    changes: Signal<Vec<(LineKey, LineChange)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let is_empty = Memo::new(move |_| cart.cart.with(|c| c.is_empty()));
    let state = Memo::new(move |_| (cart.loaded.get(), cart.load_error.get(), is_empty.get()));
    move || {
        match state.get() {
        (false, _, _) => view! { <p class="cart__loading" aria-busy="true">{i18n.t("cart.loading")}</p> }.into_any(),
        (true, Some(error), _) => view! {
            <div class="cart__failed">
                <ErrorMessage error />
                <button type="button" class="button" on:click=move |_| cart.reload()>{i18n.t("app.retry")}</button>
            </div>
        }
        .into_any(),
        (true, None, true) => view! {
            <div class="cart__empty">
                <p>{i18n.t("cart.empty")}</p>
                <A href=link(&Route::Products.path()) attr:class="button">{i18n.t("cart.browse")}</A>
            </div>
        }
        .into_any(),
        (true, None, false) => view! {
            <ul class="cart-lines">
                <For
                    each=move || cart.cart.with(|c| c.lines.iter().map(|l| l.key).collect::<Vec<_>>())
                    key=|key| *key
                    let:key
                >
                    <CartLineView key changes />
                </For>
            </ul>
            <div class="cart-summary">
                <p class="cart-summary__row">
                    <span>{move || { let n = cart.item_count().to_string(); i18n.t_with("cart.subtotal", &[("n", &n)]) }}</span>
                    {move || view! { <Price money=cart.cart.with(|c| c.subtotal()) class="price cart-summary__total" /> }}
                </p>
                {compact.then(|| view! {
                    <A href=link(&Route::Cart.path()) attr:class="button button--quiet button--block">{move || i18n.t("cart.view")}</A>
                })}
                <A href=link(&format!("{}?step=address", Route::Checkout.path())) attr:class="button button--primary button--block cart-summary__checkout">
                    {move || i18n.t("cart.checkout")}
                </A>
            </div>
        }
        .into_any(),
    }
    }
}

#[component]
fn CartLineView(key: LineKey, changes: Signal<Vec<(LineKey, LineChange)>>) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let line = Memo::new(move |_| cart.cart.with(|c| c.line(key).cloned()));
    let Some(first) = line.get_untracked() else {
        return ().into_any();
    };
    let busy = move || cart.is_busy(key);
    let quantity = move || line.with(|l| l.as_ref().map_or(0, |l| l.quantity));
    let max = move || line.with(|l| l.as_ref().map_or(0, CartLine::max_quantity));
    let href = link(&Route::Archive(ContentKind::Product, Slug::Id(key.archive_id)).path());
    let href = match key.sku_id {
        Some(sku) => format!("{href}?sku={sku}"),
        None => href,
    };
    let title = first.title.clone();
    let labelled = move |label: &'static str| {
        let title = title.clone();
        move || i18n.t_with(label, &[("title", &title)])
    };
    let money = move |m: crate::domain::Money| {
        let symbol = crate::state::use_config().currency_symbol;
        m.format(i18n.locale.get(), &symbol)
    };
    let change_note = move || {
        let change = changes.with(|c| c.iter().find(|(k, _)| *k == key).map(|(_, ch)| *ch));
        match change {
            Some(LineChange::Unavailable) => Some(i18n.t("cart.line_unavailable")),
            Some(LineChange::PriceChanged { was, now }) => Some(i18n.t_with(
                "cart.price_changed",
                &[("was", &money(was)), ("now", &money(now))],
            )),
            Some(LineChange::StockBelowQuantity { stock }) => {
                Some(i18n.t_with("cart.stock_below", &[("n", &stock.to_string())]))
            }
            None => cart.price_when_added(key).map(|was| {
                let now = line
                    .with(|l| l.as_ref().map(|l| l.unit_price))
                    .unwrap_or(was);
                i18n.t_with(
                    "cart.price_changed",
                    &[("was", &money(was)), ("now", &money(now))],
                )
            }),
        }
    };
    let unit_price = move || {
        line.with(|l| l.as_ref().map(|l| l.unit_price))
            .unwrap_or_default()
    };
    let amount = move || {
        line.with(|l| l.as_ref().map(CartLine::amount))
            .unwrap_or_default()
    };
    view! {
        <li class="cart-line" aria-busy=move || busy().to_string()>
            {match first.image.clone() {
                Some(src) => view! { <img class="cart-line__image" src=src alt="" width="72" height="72" loading="lazy" /> }.into_any(),
                None => view! { <span class="cart-line__image cart-line__image--none" aria-hidden="true"></span> }.into_any(),
            }}
            <div class="cart-line__body">
                <A href=href attr:class="cart-line__title">{first.title.clone()}</A>
                {(!first.variant.is_empty()).then(|| view! { <p class="cart-line__variant">{first.variant.clone()}</p> })}
                {move || view! { <Price money=unit_price() class="price cart-line__price" /> }}
                {move || change_note().map(|note| view! { <p class="cart-line__change">{note}</p> })}
                <div class="cart-line__actions">
                    <div class="stepper" role="group" aria-label=labelled("cart.quantity_of")>
                        <button
                            type="button"
                            class="stepper__button"
                            aria-label=labelled("cart.less")
                            disabled=move || { busy() || quantity() <= 1 }
                            on:click=move |_| cart.set_quantity(key, quantity().saturating_sub(1))
                        >"−"</button>
                        <span class="stepper__value" aria-live="polite">{quantity}</span>
                        <button
                            type="button"
                            class="stepper__button"
                            aria-label=labelled("cart.more")
                            disabled=move || { busy() || quantity() >= max() }
                            on:click=move |_| cart.set_quantity(key, quantity().saturating_add(1))
                        >"+"</button>
                    </div>
                    <button type="button" class="button button--quiet cart-line__remove" aria-label=labelled("cart.remove") disabled=busy on:click=move |_| cart.remove(key)>
                        {move || i18n.t("cart.remove_short")}
                    </button>
                </div>
            </div>
            {move || view! { <Price money=amount() class="price cart-line__amount" /> }}
        </li>
    }
    .into_any()
}
