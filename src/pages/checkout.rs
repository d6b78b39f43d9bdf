//! `/checkout?step=address|coupon|review`: the cart becomes an order. The coupon step is
//! there when the server has coupons (documented edition), and so is the server's priced
//! preview on the review; the open-source edition's review shows the shop's own estimate,
//! marked as such. The step is in the address, so
//! Back walks the steps and a reload stays where it was; focus moves to each step's heading.
//! "Place order" happens exactly once: a second click waits for the first, and after an
//! answer that never came the shop looks for the order among the shopper's recent orders
//! before it offers to try again.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::api::coupons::{CouponOffer, OfferFilter, PricedOrder};
use crate::api::queries::Query;
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::Price;
use crate::components::coupons::{claim_needs_reread, coupon_terms, refusal_text, CouponCard};
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::checkout::{
    matching_recent_order, Address, AddressField, CheckoutStep, CouponChoice,
};
use crate::domain::pricing::{estimate, Coupon, GroupRate, OrderTotals};
use crate::domain::Feature;
use crate::domain::Route;
use crate::i18n::use_i18n;
use crate::state::cart::use_cart;
use crate::state::write::Write;
use crate::storage;

/// The chosen address id, kept for this tab so a reload keeps the choice.
const CHOSEN_ADDRESS_KEY: &str = "storefront.checkout.address";
/// The chosen coupon ([`CouponChoice::to_stored`]), for the same reason.
const CHOSEN_COUPON_KEY: &str = "storefront.checkout.coupon";
/// A new address being typed, so a session that ends mid-checkout loses none of it.
const ADDRESS_DRAFT_KEY: &str = "storefront.checkout.address_draft";

fn checkout_path(step: CheckoutStep) -> String {
    format!("{}?step={}", Route::Checkout.path(), step.slug())
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    cart.ensure_loaded();
    let query = use_query_map();
    let coupons = crate::state::use_feature(Feature::Coupons);
    let preview = crate::state::use_feature(Feature::CheckoutPreview);
    let session = crate::state::use_session();
    let guest = Memo::new(move |_| !session.signed_in());
    let with_coupons = Memo::new(move |_| !guest.get() && coupons.get());
    let step = Memo::new(move |_| {
        CheckoutStep::from_slug(
            &query.with(|q| q.get("step")).unwrap_or_default(),
            with_coupons.get(),
        )
    });
    let chosen = RwSignal::new(
        storage::session_get(CHOSEN_ADDRESS_KEY).and_then(|id| id.parse::<i64>().ok()),
    );
    let coupon = RwSignal::new(
        storage::session_get(CHOSEN_COUPON_KEY).and_then(|c| CouponChoice::from_stored(&c)),
    );
    let ctx = Checkout {
        chosen,
        coupon,
        with_coupons,
        priced_by_server: Memo::new(move |_| !guest.get() && preview.get()),
        guest,
    };
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
                {move || CheckoutStep::all(with_coupons.get()).into_iter().map(|s| view! {
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
                    CheckoutStep::Address => view! { <AddressStep ctx /> }.into_any(),
                    CheckoutStep::Coupon => view! { <CouponStep ctx /> }.into_any(),
                    CheckoutStep::Review => view! { <ReviewStep ctx /> }.into_any(),
                }
            }}
        </section>
    }
}

/// The address a guest typed (kept in this tab), when it has every required field.
fn guest_address() -> Option<Address> {
    let typed: Vec<(String, String)> = storage::session_get(ADDRESS_DRAFT_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())?;
    let field = |name: &str| {
        typed
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let address = Address {
        id: 0,
        name: field("name"),
        phone: field("phone"),
        email: String::new(),
        province: field("province"),
        city: field("city"),
        town: String::new(),
        address_info: field("address_info"),
        postcode: field("postcode"),
    };
    address.missing().is_empty().then_some(address)
}

/// What the steps share: the choices so far, and what the server offers.
#[derive(Clone, Copy)]
struct Checkout {
    chosen: RwSignal<Option<i64>>,
    /// `None`: nothing chosen yet (the coupon step then suggests the best one).
    coupon: RwSignal<Option<CouponChoice>>,
    with_coupons: Memo<bool>,
    priced_by_server: Memo<bool>,
    /// Checking out without an account (`guest_checkout` sites): the address is typed, not
    /// saved to an address book, and there are no coupons or server preview (both need
    /// an account).
    guest: Memo<bool>,
}

impl Checkout {
    fn choose_coupon(self, choice: CouponChoice) {
        storage::session_set(CHOSEN_COUPON_KEY, &choice.to_stored());
        self.coupon.set(Some(choice));
    }

    fn coupon_now(self) -> CouponChoice {
        if !self.with_coupons.get_untracked() {
            return CouponChoice::None;
        }
        self.coupon.get_untracked().unwrap_or_default()
    }
}

fn step_key(step: CheckoutStep) -> &'static str {
    match step {
        CheckoutStep::Address => "checkout.step_address",
        CheckoutStep::Coupon => "checkout.step_coupon",
        CheckoutStep::Review => "checkout.step_review",
    }
}

#[component]
fn AddressStep(ctx: Checkout) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let chosen = ctx.chosen;
    let go_on = Callback::new(move |()| {
        let next = CheckoutStep::Address.next(ctx.with_coupons.get_untracked());
        navigate(&link(&checkout_path(next)), NavigateOptions::default());
    });
    if ctx.guest.get_untracked() {
        // No address book without an account: the typed address is kept in this tab.
        return view! {
            <p class="checkout__guest-note">{move || i18n.t("checkout.guest_note")}</p>
            <AddressForm local=true on_saved=Callback::new(move |_: Address| go_on.run(())) />
        }
        .into_any();
    }
    let book = use_query(api::orders::addresses, || ());
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
                // The address being edited; `None` while adding a new one.
                let editing = RwSignal::new(None::<Address>);
                view! {
                    {has_any.then(|| view! {
                        <fieldset class="address-book">
                            <legend class="visually-hidden">{move || i18n.t("checkout.pick_address")}</legend>
                            {addresses.iter().map(|a| {
                                let id = a.id;
                                let summary = a.summary();
                                let this = a.clone();
                                let edit_label = i18n.t_with("checkout.edit_address_of", &[("address", &summary)]);
                                view! {
                                    <div class="address-option__row">
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
                                    <button type="button" class="button button--quiet address-option__edit" data-address-id=id.to_string()
                                        aria-label=edit_label
                                        on:click=move |_| {
                                            editing.set(Some(this.clone()));
                                            adding.set(true);
                                        }>
                                        {move || i18n.t("checkout.edit_address")}
                                    </button>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="checkout__actions">
                            <button type="button" class="button button--quiet" on:click=move |_| {
                                editing.set(None);
                                adding.set(true);
                            }>
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
                        view! { <AddressForm editing=editing.get() on_saved=Callback::new(move |saved: Address| {
                            storage::session_remove(ADDRESS_DRAFT_KEY);
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
    .into_any()
}

/// A new address. Required fields are checked here (the server checks none), and a failed
/// save keeps what was typed.
#[component]
fn AddressForm(
    on_saved: Callback<Address>,
    /// Kept in this tab only (a guest's address), not saved to the address book.
    #[prop(optional)]
    local: bool,
    /// An address of the book to change: the form starts with its fields, and the save
    /// sends the whole object with its id (the server overwrites every field).
    #[prop(default = None)]
    editing: Option<Address>,
) -> impl IntoView {
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
    // What was typed before a sign-in interrupted it (`field=value` lines).
    let draft: Vec<(String, String)> = match &editing {
        Some(a) => fields
            .iter()
            .map(|f| (f.to_string(), a.field(f).to_string()))
            .collect(),
        None => storage::session_get(ADDRESS_DRAFT_KEY)
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default(),
    };
    let editing_draftless = editing.is_some();
    let base = editing.unwrap_or_default();
    let refs_draft = refs.clone();
    let keep_draft = move || {
        // An edit is not a new address being typed: nothing to keep for later.
        if editing_draftless {
            return;
        }
        let typed: Vec<(String, String)> = fields
            .iter()
            .zip(refs_draft.iter())
            .map(|(f, r)| {
                (
                    f.to_string(),
                    r.get().map(|el| el.value()).unwrap_or_default(),
                )
            })
            .collect();
        if let Ok(text) = serde_json::to_string(&typed) {
            storage::session_set(ADDRESS_DRAFT_KEY, &text);
        }
    };
    let missing = RwSignal::new(Vec::<AddressField>::new());
    let save = Write::<Result<Address, api::ApiError>>::new();
    let refs_submit = refs.clone();
    let keep_draft_on_submit = keep_draft.clone();
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
        // Fields the form does not show keep what the address had.
        let address = Address {
            id: base.id,
            name: value(0),
            phone: value(1),
            email: base.email.clone(),
            province: value(2),
            city: value(3),
            town: base.town.clone(),
            address_info: value(4),
            postcode: value(5),
        };
        let gaps = address.missing();
        missing.set(gaps.clone());
        if gaps.is_empty() {
            if local {
                keep_draft_on_submit();
                on_saved.run(address);
            } else {
                save.run(async move { api::orders::save_address(&address).await });
            }
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
                let typed = draft.iter().find(|(f, _)| f == field).map(|(_, v)| v.clone()).unwrap_or_default();
                let keep_draft = keep_draft.clone();
                view! {
                    <label class="field">
                        <span class="field__label">{move || i18n.t(label_key(field))}</span>
                        <input
                            node_ref=node
                            name=field
                            value=typed
                            on:input=move |_| keep_draft()
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

/// Coupons for this order: the shopper's codes that apply (the best one suggested), the
/// shop's coupons that could be claimed on the spot, and a field for a code. Each shows what
/// it takes off this cart; the review then shows the server's own figure.
#[component]
fn CouponStep(ctx: Checkout) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let offers = use_query(api::coupons::offers, OfferFilter::default);
    let lines = Memo::new(move |_| {
        cart.cart.with(|c| {
            c.lines
                .iter()
                .map(|l| (l.key.archive_id, l.amount()))
                .collect::<Vec<_>>()
        })
    });
    let claim = Write::<Result<Coupon, api::ApiError>>::new();
    let typed = NodeRef::<leptos::html::Input>::new();
    let checking = Write::<Result<(String, PricedOrder), api::ApiError>>::new();
    Effect::new(move |_| {
        let outcome = claim.value.get();
        if let Some(Ok(coupon)) = &outcome {
            if let Some(id) = coupon.code_id {
                ctx.choose_coupon(CouponChoice::Held(id));
            }
        }
        if outcome.as_ref().is_some_and(claim_needs_reread) {
            invalidate(api::coupons::offers, OfferFilter::default());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok((code, _))) = checking.value.get() {
            ctx.choose_coupon(CouponChoice::Typed(code));
        }
    });
    let apply_typed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = typed.get().map(|el| el.value()).unwrap_or_default();
        let code = code.trim().to_string();
        if code.is_empty() {
            return;
        }
        let details = cart.cart.with_untracked(|c| c.order_details());
        // The server says whether the code applies to this order (and why not).
        checking.run(async move {
            let choice = CouponChoice::Typed(code.clone());
            let priced = api::coupons::preview(&details, &choice, None).await?;
            Ok((code, priced))
        });
    };
    let go_on = move |_| {
        if ctx.coupon.get_untracked().is_none() {
            ctx.choose_coupon(CouponChoice::None);
        }
        navigate(
            &link(&checkout_path(CheckoutStep::Review)),
            NavigateOptions::default(),
        );
    };
    let now = || (js_sys::Date::now() / 1000.0) as i64;
    view! {
        <Loaded
            query=offers
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |offers: Vec<CouponOffer>| {
                let held: Vec<Coupon> = offers.iter().filter(|o| o.claimed()).map(|o| o.coupon.clone()).collect();
                // First visit: suggest the coupon that saves the most.
                if ctx.coupon.get_untracked().is_none() {
                    let amounts = lines.get_untracked();
                    let best = held
                        .iter()
                        .filter_map(|c| c.discount_on_lines(&amounts, now()).ok().map(|d| (c, d)))
                        .filter(|(_, d)| !d.is_free())
                        .max_by_key(|(_, d)| d.cents)
                        .and_then(|(c, _)| c.code_id);
                    if let Some(id) = best {
                        ctx.choose_coupon(CouponChoice::Held(id));
                    }
                }
                let claimable: Vec<CouponOffer> = offers.into_iter().filter(|o| !o.claimed()).collect();
                view! {
                    <fieldset class="coupon-picker">
                        <legend class="visually-hidden">{move || i18n.t("checkout.pick_coupon")}</legend>
                        <label class="coupon-option" data-coupon="none">
                            <input type="radio" name="coupon"
                                prop:checked=move || matches!(ctx.coupon.get(), Some(CouponChoice::None) | None)
                                on:change=move |_| ctx.choose_coupon(CouponChoice::None) />
                            <span>{move || i18n.t("checkout.no_coupon")}</span>
                        </label>
                        {held.into_iter().map(|coupon| {
                            let id = coupon.code_id.unwrap_or_default();
                            let outcome = {
                                let coupon = coupon.clone();
                                move || lines.with(|l| coupon.discount_on_lines(l, now()))
                            };
                            let usable = { let o = outcome.clone(); move || o().is_ok_and(|d| !d.is_free()) };
                            let terms = coupon_terms(&coupon);
                            view! {
                                <label class="coupon-option" data-coupon=coupon.id.to_string() data-code-id=id.to_string()>
                                    <input type="radio" name="coupon"
                                        disabled={let u = usable.clone(); move || !u()}
                                        prop:checked=move || ctx.coupon.get() == Some(CouponChoice::Held(id))
                                        on:change=move |_| ctx.choose_coupon(CouponChoice::Held(id)) />
                                    <span class="coupon-option__name">{coupon.name.clone()}</span>
                                    <span class="coupon-option__terms">{move || terms(i18n)}</span>
                                    <span class="coupon-option__saving">{move || match outcome() {
                                        Ok(d) if !d.is_free() => i18n.t_with("checkout.coupon_saves", &[("amount", &i18n.money(d))]),
                                        Ok(_) => i18n.t("checkout.coupon_nothing"),
                                        Err(refusal) => refusal_text(i18n, refusal),
                                    }}</span>
                                </label>
                            }
                        }).collect_view()}
                        {move || match ctx.coupon.get() {
                            Some(CouponChoice::Typed(code)) => Some(view! {
                                <label class="coupon-option" data-coupon="typed">
                                    <input type="radio" name="coupon" checked=true />
                                    <span class="coupon-option__name">{code}</span>
                                </label>
                            }),
                            _ => None,
                        }}
                    </fieldset>
                    {(!claimable.is_empty()).then(|| view! {
                        <section class="coupon-offers">
                            <h3>{move || i18n.t("checkout.claim_more")}</h3>
                            <ul class="coupon-list">
                                {claimable.into_iter().map(|offer| view! { <CouponCard offer claim /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {move || claim.value.get().and_then(Result::err).filter(|e| *e != api::ApiError::Unauthorized).map(|error| view! { <ErrorMessage error /> })}
                }.into_any()
            }}
        />
        <form class="coupon-code" on:submit=apply_typed>
            <label class="field">
                <span class="field__label">{move || i18n.t("checkout.coupon_code")}</span>
                <input node_ref=typed name="coupon_code" autocomplete="off" autocapitalize="characters" maxlength="64" />
            </label>
            <button type="submit" class="button" disabled=move || checking.pending.get()>{move || i18n.t("checkout.apply")}</button>
            {move || match checking.value.get() {
                Some(Ok((code, priced))) => Some(view! {
                    <p class="notice notice--success" role="status">{i18n.t_with("checkout.code_applied", &[("code", &code), ("amount", &i18n.money(priced.totals.coupon_discount))])}</p>
                }.into_any()),
                Some(Err(api::ApiError::Unauthorized)) | None => None,
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
            }}
        </form>
        <div class="checkout__actions">
            <A href=link(&checkout_path(CheckoutStep::Address)) attr:class="button button--quiet">{move || i18n.t("checkout.back")}</A>
            <button type="button" class="button button--primary" on:click=go_on>{move || i18n.t("checkout.continue")}</button>
        </div>
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
fn ReviewStep(ctx: Checkout) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let chosen = ctx.chosen;
    let book = if ctx.guest.get_untracked() {
        Query::uncached(LocalResource::new(|| async {
            Ok::<_, api::ApiError>(guest_address().into_iter().collect::<Vec<_>>())
        }))
    } else {
        use_query(api::orders::addresses, || ())
    };
    let guest = ctx.guest.get_untracked();
    let remark = NodeRef::<leptos::html::Textarea>::new();
    // When an earlier attempt got no answer: when it started. Trying again looks for the
    // order it may have made before placing another.
    let unconfirmed_since = StoredValue::new(None::<i64>);
    let place = Write::<Placing>::new();
    let coupon = ctx.coupon_now();
    let place_order = move |address: Address, note: String, coupon: CouponChoice| {
        async move {
            let lines = cart.cart.with_untracked(|c| c.order_details());
            // A guest has no order list to look in: the retry is the shopper's call, and the
            // notice said what that risks.
            if let Some(earlier) = unconfirmed_since.get_value().filter(|_| !guest) {
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
            match api::orders::place_order(&lines, &address, &note, &coupon).await {
                Ok(placed) => Placing::Placed(placed.order_id),
                // The answer was lost: the order may exist. Look before offering a retry.
                Err(error @ (api::ApiError::Timeout | api::ApiError::Network(_))) if guest => {
                    Placing::Unconfirmed(error)
                }
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
            // The coupon is spent, and the next checkout starts fresh.
            storage::session_remove(CHOSEN_COUPON_KEY);
            invalidate(api::coupons::offers, OfferFilter::default());
            invalidate(api::orders::order_counts, ());
            let page = if guest {
                storage::session_remove(ADDRESS_DRAFT_KEY);
                Route::GuestOrder(order_id)
            } else {
                Route::Order(order_id)
            };
            navigate(
                &link(&page.path()),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let estimated = move || {
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
                let coupon_for_submit = coupon.clone();
                let by_server = ctx.priced_by_server.get_untracked();
                // The server's figures (documented edition): asked again when the cart changes.
                let preview_address = address.clone();
                let preview_coupon = coupon.clone();
                // Only where the server has the preview: elsewhere the route does not exist.
                let priced = by_server.then(|| Query::uncached(LocalResource::new(move || {
                    let details = cart.cart.with(|c| c.order_details());
                    let address = preview_address.clone();
                    let coupon = preview_coupon.clone();
                    async move { api::coupons::preview(&details, &coupon, Some(&address)).await }
                })));
                let back_step = if ctx.with_coupons.get_untracked() { CheckoutStep::Coupon } else { CheckoutStep::Address };
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
                        {if let Some(priced) = priced {
                            view! {
                                <Loaded
                                    query=priced
                                    fallback=|| view! { <div class="skeleton skeleton--text" aria-busy="true"></div> }
                                    view={move |priced: PricedOrder| view! {
                                        <Totals totals=priced.totals estimated=false />
                                    }.into_any()}
                                />
                                {move || matches!(priced.get(), Some(Err(api::ApiError::Refused { .. }))).then(|| view! {
                                    <div class="checkout__actions">
                                        <A href=link(&checkout_path(back_step)) attr:class="button">{i18n.t("checkout.change_coupon")}</A>
                                    </div>
                                })}
                            }.into_any()
                        } else {
                            view! { {move || view! { <Totals totals=estimated() estimated=true /> }} }.into_any()
                        }}
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
                                    <p>{if guest { i18n.t("checkout.unconfirmed_guest") } else { i18n.t("checkout.unconfirmed") }}</p>
                                </div>
                            }.into_any()),
                            _ => None,
                        }}
                        <div class="checkout__actions">
                            <A href=link(&checkout_path(back_step)) attr:class="button button--quiet">{move || i18n.t("checkout.back")}</A>
                            <button
                                type="button"
                                class="button button--primary checkout__place"
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
                                    place.run(place_order(submit_address.clone(), note, coupon_for_submit.clone()));
                                }
                            >
                                {move || if place.pending.get() { i18n.t("checkout.placing") } else { i18n.t("checkout.place") }}
                            </button>
                        </div>
                    </div>
                }.into_any()
            }}
        />
    }
}

/// The order's figures. `estimated`: the shop's own sums (open-source edition), said so.
#[component]
fn Totals(totals: OrderTotals, estimated: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="checkout-totals" data-estimated=estimated.to_string()>
            <div><dt>{move || i18n.t("checkout.subtotal")}</dt><dd><Price money=totals.subtotal class="price checkout-totals__subtotal" /></dd></div>
            {(!totals.group_discount.is_free()).then(|| view! {
                <div><dt>{move || i18n.t("checkout.member_discount")}</dt><dd class="checkout-totals__discount">"−"<Price money=totals.group_discount class="price checkout-totals__member" /></dd></div>
            })}
            {(!totals.coupon_discount.is_free()).then(|| view! {
                <div><dt>{move || i18n.t("checkout.coupon_discount")}</dt><dd class="checkout-totals__discount">"−"<Price money=totals.coupon_discount class="price checkout-totals__coupon" /></dd></div>
            })}
            <div class="checkout-totals__total"><dt>{move || i18n.t("checkout.total")}</dt><dd><Price money=totals.total class="price checkout-totals__amount" /></dd></div>
        </dl>
        {estimated.then(|| view! { <p class="checkout-totals__note">{move || i18n.t("checkout.estimated")}</p> })}
    }
}
