//! `/checkout?step=address|review`: the cart becomes an order. The step is in the address, so
//! Back walks the steps and a reload stays where it was; focus moves to each step's heading.
//! "Place order" happens exactly once: a second click waits for the first, and after an
//! answer that never came the shop looks for the order among the shopper's recent orders
//! before it offers to try again.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::checkout::{matching_recent_order, Address, AddressField, CheckoutStep};
use crate::domain::pricing::{estimate, GroupRate};
use crate::domain::Route;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::storage;

/// The chosen address id, kept for this tab so a reload keeps the choice.
const CHOSEN_ADDRESS_KEY: &str = "storefront.checkout.address";

fn checkout_path(step: CheckoutStep) -> String {
    format!("{}?step={}", Route::Checkout.path(), step.slug())
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    cart.ensure_loaded();
    let query = use_query_map();
    let step = Memo::new(move |_| {
        CheckoutStep::from_slug(&query.with(|q| q.get("step")).unwrap_or_default())
    });
    let chosen = RwSignal::new(
        storage::session_get(CHOSEN_ADDRESS_KEY).and_then(|id| id.parse::<i64>().ok()),
    );
    let title = Signal::derive(move || i18n.t("checkout.title"));
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus follows the step, so a screen reader hears where the shopper is.
    Effect::new(move |previous: Option<CheckoutStep>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
    let empty = Memo::new(move |_| cart.loaded.get() && cart.cart.with(|c| c.is_empty()));
    view! {
        <PageMeta title />
        <section class="checkout">
            <h1 class="page-title">{move || title.get()}</h1>
            <ol class="checkout__steps">
                {[CheckoutStep::Address, CheckoutStep::Review].into_iter().map(|s| view! {
                    <li aria-current=move || (step.get() == s).then_some("step")>{move || i18n.t(step_key(s))}</li>
                }).collect_view()}
            </ol>
            <h2 class="checkout__heading" tabindex="-1" node_ref=heading>{move || i18n.t(step_key(step.get()))}</h2>
            {move || {
                if !cart.loaded.get() {
                    return view! { <p aria-busy="true">{i18n.t("cart.loading")}</p> }.into_any();
                }
                if empty.get() {
                    return view! {
                        <div class="cart__empty">
                            <p>{i18n.t("cart.empty")}</p>
                            <A href=link(&Route::Products.path()) attr:class="button">{i18n.t("cart.browse")}</A>
                        </div>
                    }.into_any();
                }
                match step.get() {
                    CheckoutStep::Address => view! { <AddressStep chosen /> }.into_any(),
                    CheckoutStep::Review => view! { <ReviewStep chosen /> }.into_any(),
                }
            }}
        </section>
    }
}

fn step_key(step: CheckoutStep) -> &'static str {
    match step {
        CheckoutStep::Address => "checkout.step_address",
        CheckoutStep::Review => "checkout.step_review",
    }
}

#[component]
fn AddressStep(chosen: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let book = use_query(api::orders::addresses, || ());
    let go_on = Callback::new(move |()| {
        navigate(
            &link(&checkout_path(CheckoutStep::Review)),
            NavigateOptions::default(),
        );
    });
    view! {
        <Loaded
            query=book
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |addresses: Vec<Address>| {
                // A saved choice that is gone falls back to the newest address.
                if chosen.get_untracked().is_none_or(|id| !addresses.iter().any(|a| a.id == id)) {
                    chosen.set(addresses.first().map(|a| a.id));
                }
                let has_any = !addresses.is_empty();
                let adding = RwSignal::new(!has_any);
                view! {
                    {has_any.then(|| view! {
                        <fieldset class="address-book">
                            <legend class="visually-hidden">{move || i18n.t("checkout.pick_address")}</legend>
                            {addresses.iter().map(|a| {
                                let id = a.id;
                                let summary = a.summary();
                                view! {
                                    <label class="address-option">
                                        <input
                                            type="radio"
                                            name="address"
                                            value=id.to_string()
                                            prop:checked=move || chosen.get() == Some(id)
                                            on:change=move |_| {
                                                chosen.set(Some(id));
                                                storage::session_set(CHOSEN_ADDRESS_KEY, &id.to_string());
                                            }
                                        />
                                        <span>{summary}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="checkout__actions">
                            <button type="button" class="button button--quiet" on:click=move |_| adding.set(true)>
                                {move || i18n.t("checkout.add_address")}
                            </button>
                            <button
                                type="button"
                                class="button button--primary"
                                disabled=move || chosen.get().is_none()
                                on:click=move |_| {
                                    if let Some(id) = chosen.get_untracked() {
                                        storage::session_set(CHOSEN_ADDRESS_KEY, &id.to_string());
                                    }
                                    go_on.run(());
                                }
                            >
                                {move || i18n.t("checkout.continue")}
                            </button>
                        </div>
                    })}
                    {move || adding.get().then(|| {
                        view! { <AddressForm on_saved=Callback::new(move |saved: Address| {
                            storage::session_set(CHOSEN_ADDRESS_KEY, &saved.id.to_string());
                            chosen.set(Some(saved.id));
                            invalidate(api::orders::addresses, ());
                            go_on.run(());
                        }) /> }
                    })}
                }
                .into_any()
            }}
        />
    }
}

/// A new address. Required fields are checked here (the server checks none), and a failed
/// save keeps what was typed.
#[component]
fn AddressForm(on_saved: Callback<Address>) -> impl IntoView {
    let i18n = use_i18n();
    let fields = [
        "name",
        "phone",
        "province",
        "city",
        "address_info",
        "postcode",
    ];
    let refs: Vec<NodeRef<leptos::html::Input>> = fields.iter().map(|_| NodeRef::new()).collect();
    let missing = RwSignal::new(Vec::<AddressField>::new());
    let save = Write::<Result<Address, api::ApiError>>::new();
    let refs_submit = refs.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending.get_untracked() {
            return;
        }
        let value = |i: usize| {
            refs_submit[i]
                .get()
                .map(|el| el.value())
                .unwrap_or_default()
        };
        let address = Address {
            id: 0,
            name: value(0),
            phone: value(1),
            email: String::new(),
            province: value(2),
            city: value(3),
            town: String::new(),
            address_info: value(4),
            postcode: value(5),
        };
        let gaps = address.missing();
        missing.set(gaps.clone());
        if gaps.is_empty() {
            save.run(async move { api::orders::save_address(&address).await });
        }
    };
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value.get() {
            on_saved.run(saved);
        }
    });
    let label_key = |field: &str| match field {
        "name" => "checkout.name",
        "phone" => "checkout.phone",
        "province" => "checkout.province",
        "city" => "checkout.city",
        "address_info" => "checkout.address_info",
        _ => "checkout.postcode",
    };
    let required = |field: &str| matches!(field, "name" | "phone" | "address_info");
    view! {
        <form class="address-form" on:submit=on_submit novalidate>
            {fields.iter().zip(refs.iter()).map(|(field, node)| {
                let field = *field;
                let node = *node;
                let error_of = match field {
                    "name" => Some(AddressField::Name),
                    "phone" => Some(AddressField::Phone),
                    "address_info" => Some(AddressField::AddressInfo),
                    _ => None,
                };
                let invalid = move || error_of.is_some_and(|f| missing.with(|m| m.contains(&f)));
                view! {
                    <label class="field">
                        <span class="field__label">{move || i18n.t(label_key(field))}</span>
                        <input
                            node_ref=node
                            name=field
                            required=required(field)
                            aria-invalid=move || invalid().to_string()
                            autocomplete=match field { "name" => "name", "phone" => "tel", "postcode" => "postal-code", "address_info" => "street-address", "city" => "address-level2", _ => "address-level1" }
                        />
                        {move || invalid().then(|| view! { <span class="field__error" role="alert">{i18n.t("checkout.required")}</span> })}
                    </label>
                }
            }).collect_view()}
            // A refused session is the sign-in form's business: the protected route is leaving.
            {move || save.value.get().and_then(Result::err).filter(|e| *e != api::ApiError::Unauthorized).map(|error| view! { <ErrorMessage error /> })}
            <button type="submit" class="button button--primary" disabled=move || save.pending.get()>
                {move || if save.pending.get() { i18n.t("checkout.saving") } else { i18n.t("checkout.save_address") }}
            </button>
        </form>
    }
}

/// What "place order" has come to.
#[derive(Clone, Debug, PartialEq)]
enum Placing {
    Placed(String),
    /// No answer came, and no matching order was found: the shopper may try again.
    Unconfirmed(api::ApiError),
    Failed(api::ApiError),
}

#[component]
fn ReviewStep(chosen: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let book = use_query(api::orders::addresses, || ());
    let remark = NodeRef::<leptos::html::Textarea>::new();
    // When an earlier attempt got no answer: when it started. Trying again looks for the
    // order it may have made before placing another.
    let unconfirmed_since = StoredValue::new(None::<i64>);
    let place = Write::<Placing>::new();
    let place_order = move |address: Address, note: String| {
        async move {
            let lines = cart.cart.with_untracked(|c| c.order_details());
            if let Some(earlier) = unconfirmed_since.get_value() {
                match api::orders::recent_orders().await {
                    Ok(recent) => {
                        if let Some(order) = matching_recent_order(&recent, &lines, earlier) {
                            return Placing::Placed(order.order_id.clone());
                        }
                    }
                    // Still no answer: placing now could make a second order.
                    Err(error) => return Placing::Unconfirmed(error),
                }
            }
            let started = unconfirmed_since
                .get_value()
                .unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64);
            match api::orders::place_order(&lines, &address, &note).await {
                Ok(placed) => Placing::Placed(placed.order_id),
                // The answer was lost: the order may exist. Look before offering a retry.
                Err(error @ (api::ApiError::Timeout | api::ApiError::Network(_))) => {
                    match api::orders::recent_orders().await {
                        Ok(recent) => match matching_recent_order(&recent, &lines, started) {
                            Some(order) => Placing::Placed(order.order_id.clone()),
                            None => {
                                unconfirmed_since.set_value(Some(started));
                                Placing::Unconfirmed(error)
                            }
                        },
                        Err(_) => {
                            unconfirmed_since.set_value(Some(started));
                            Placing::Unconfirmed(error)
                        }
                    }
                }
                Err(error) => Placing::Failed(error),
            }
        }
    };
    Effect::new(move |_| {
        if let Some(Placing::Placed(order_id)) = place.value.get() {
            cart.ordered();
            navigate(
                &link(&Route::Order(order_id).path()),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let totals = move || {
        let lines: Vec<_> = cart
            .cart
            .with(|c| c.lines.iter().map(|l| (l.unit_price, l.quantity)).collect());
        estimate(&lines, GroupRate(100), None, 0)
    };
    view! {
        <Loaded
            query=book
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |addresses: Vec<Address>| {
                // No choice kept (a new tab, a shared link): the newest address, as the
                // address step would have preselected.
                let address = chosen
                    .get_untracked()
                    .and_then(|id| addresses.iter().find(|a| a.id == id))
                    .or_else(|| addresses.first())
                    .cloned();
                let Some(address) = address else {
                    return view! {
                        <p class="notice notice--warning" role="alert">{i18n.t("checkout.no_address")}</p>
                        <A href=link(&checkout_path(CheckoutStep::Address)) attr:class="button">{i18n.t("checkout.step_address")}</A>
                    }.into_any();
                };
                let summary = address.summary();
                let submit_address = address.clone();
                view! {
                    <div class="checkout-review">
                        <section class="checkout-review__address">
                            <h3>{move || i18n.t("checkout.deliver_to")}</h3>
                            <p data-address="">{summary}</p>
                            <A href=link(&checkout_path(CheckoutStep::Address))>{move || i18n.t("checkout.change")}</A>
                        </section>
                        <ul class="checkout-review__lines">
                            {cart.cart.get_untracked().lines.into_iter().map(|line| view! {
                                <li class="checkout-line">
                                    <span class="checkout-line__title">{line.title.clone()}{(!line.variant.is_empty()).then(|| format!(" · {}", line.variant))}</span>
                                    <span class="checkout-line__quantity">"× "{line.quantity}</span>
                                    <Price money=line.amount() class="price checkout-line__amount" />
                                </li>
                            }).collect_view()}
                        </ul>
                        <dl class="checkout-totals">
                            <div><dt>{move || i18n.t("checkout.subtotal")}</dt><dd>{move || view! { <Price money=totals().subtotal /> }}</dd></div>
                            <div class="checkout-totals__total"><dt>{move || i18n.t("checkout.total")}</dt><dd>{move || view! { <Price money=totals().total class="price checkout-totals__amount" /> }}</dd></div>
                        </dl>
                        <p class="checkout-totals__note">{move || i18n.t("checkout.estimated")}</p>
                        <label class="field">
                            <span class="field__label">{move || i18n.t("checkout.remark")}</span>
                            <textarea node_ref=remark name="remark" rows="2" maxlength="200"></textarea>
                        </label>
                        {move || match place.value.get() {
                            // A refused session: the protected route is on its way to sign-in.
                            Some(Placing::Failed(api::ApiError::Unauthorized)) => None,
                            Some(Placing::Failed(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                            Some(Placing::Unconfirmed(error)) => Some(view! {
                                <div class="notice notice--error" role="alert">
                                    <p class="notice__title">{i18n.t(error.message_key())}</p>
                                    <p>{i18n.t("checkout.unconfirmed")}</p>
                                </div>
                            }.into_any()),
                            _ => None,
                        }}
                        <button
                            type="button"
                            class="button button--primary button--block checkout__place"
                            disabled=move || place.pending.get() || matches!(place.value.get(), Some(Placing::Placed(_)))
                            on:click=move |_| {
                                // Exactly once: a second click while the first is under way
                                // does nothing, and a placed order is never placed again.
                                if place.pending.get_untracked()
                                    || matches!(place.value.get_untracked(), Some(Placing::Placed(_)))
                                {
                                    return;
                                }
                                let note = remark.get().map(|el| el.value()).unwrap_or_default();
                                place.run(place_order(submit_address.clone(), note));
                            }
                        >
                            {move || if place.pending.get() { i18n.t("checkout.placing") } else { i18n.t("checkout.place") }}
                        </button>
                    </div>
                }.into_any()
            }}
        />
    }
}

/// A write from a page: like an `Action`, but its answer lands in the page's own signals
/// with `try_set`, so an answer that arrives after the page has gone (a refused session
/// sends the shopper to sign-in) changes nothing. One at a time; never retried.
struct Write<O: Send + Sync + 'static> {
    pending: RwSignal<bool>,
    value: RwSignal<Option<O>>,
}

impl<O: Send + Sync + 'static> Clone for Write<O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O: Send + Sync + 'static> Copy for Write<O> {}

impl<O: Send + Sync + 'static> Write<O> {
    fn new() -> Self {
        Write {
            pending: RwSignal::new(false),
            value: RwSignal::new(None),
        }
    }

    fn run(self, work: impl std::future::Future<Output = O> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let outcome = work.await;
            let _ = self.value.try_set(Some(outcome));
            let _ = self.pending.try_set(false);
        });
    }
}
