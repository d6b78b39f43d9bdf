//! `/account/orders/:order_id`: one order — status, lines, amounts, address, shipping — and,
//! while it awaits payment, the payment methods the site owner lists in `config.json`.
//!
//! WeChat shows the QR and waits for `payment/check` (a long poll, again and again until
//! paid or cancelled); `?pay=wechat` keeps that state over a reload. The redirect methods
//! leave for the hosted pay page, which comes back with `?payment=paid|cancelled`. Balance
//! pays at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::api::orders::{PayWay, PaymentStart};
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::checkout::{Milestone, Order};
use crate::domain::order::{OrderAction, OrderKind, OrderStatus, OrderTab};
use crate::domain::time::iso_date;
use crate::i18n::use_i18n;
use crate::pages::orders::{orders_path, status_key};
use crate::state::write::Write;

#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <OrderOf guest=false /> }
}

/// `/order/:order_id`: an order placed without an account (`guest_checkout` sites). No
/// actions but paying: cancelling and the rest need the account AnqiCMS ties them to.
#[component]
pub fn GuestOrderPage() -> impl IntoView {
    view! { <OrderOf guest=true /> }
}

/// The page of an order, under the account or as a guest's.
fn order_route(id: String, guest: bool) -> crate::domain::Route {
    if guest {
        crate::domain::Route::GuestOrder(id)
    } else {
        crate::domain::Route::Order(id)
    }
}

#[component]
fn OrderOf(guest: bool) -> impl IntoView {
    // What the shopper just did: the order is read again after it, and the notice must
    // outlive the view of the old state.
    let done = RwSignal::new(None::<OrderAction>);
    let params = use_params_map();
    let order_id = Memo::new(move |_| params.with(|p| p.get("order_id")).unwrap_or_default());
    let order = use_query(api::orders::order, move || order_id.get());
    view! {
        <Loaded
            query=order
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |order: Order| view! { <OrderView order guest done /> }.into_any()}
            missing_is_404=true
        />
    }
}

#[component]
fn OrderView(order: Order, guest: bool, done: RwSignal<Option<OrderAction>>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let returned = query.with_untracked(|q| q.get("payment"));
    let title = {
        let id = order.order_id.clone();
        Signal::derive(move || i18n.t_with("order.title", &[("id", &id)]))
    };
    let status = order.status;
    let created = iso_date(order.created_at).unwrap_or_default();
    let payable = status.is_some_and(OrderStatus::can_pay);
    let order_id = order.order_id.clone();
    view! {
        <PageMeta title />
        <article class="order">
            <h1 class="page-title">{move || title.get()}</h1>
            <p class="order__status" data-status=format!("{status:?}")>
                <span class="chip">{move || i18n.t(status_key(status))}</span>
                " "<time>{created}</time>
            </p>
            {match (returned.as_deref(), status) {
                (_, Some(OrderStatus::AwaitingShipment)) => Some(view! {
                    <p class="notice notice--success" role="status">{move || i18n.t("order.paid")}</p>
                }.into_any()),
                (Some("cancelled"), _) => Some(view! {
                    <p class="notice notice--info" role="status">{move || i18n.t("order.payment_cancelled")}</p>
                }.into_any()),
                _ => None,
            }}
            <ul class="checkout-review__lines">
                {order.lines.iter().map(|line| view! {
                    <li class="checkout-line">
                        <span class="checkout-line__title">{line.title.clone()}</span>
                        <span class="checkout-line__quantity">"× "{line.quantity}</span>
                        <Price money=line.amount class="price checkout-line__amount" />
                    </li>
                }).collect_view()}
            </ul>
            <dl class="checkout-totals">
                {(order.origin_amount != order.amount).then(|| view! {
                    <div><dt>{move || i18n.t("checkout.subtotal")}</dt><dd><Price money=order.origin_amount class="price order__origin" /></dd></div>
                })}
                {(!order.discount.is_free()).then(|| view! {
                    <div><dt>{move || i18n.t("checkout.coupon_discount")}</dt><dd class="checkout-totals__discount">"−"<Price money=order.discount class="price order__discount" /></dd></div>
                })}
                <div class="checkout-totals__total">
                    <dt>{move || i18n.t("checkout.total")}</dt>
                    <dd><Price money=order.amount class="price order__amount" /></dd>
                </div>
            </dl>
            <Timeline order=order.clone() />
            {order.address.clone().map(|a| view! {
                <section class="order__address">
                    <h2 class="section__title">{move || i18n.t("checkout.deliver_to")}</h2>
                    <p>{a.summary()}</p>
                </section>
            })}
            {(!order.tracking_number.is_empty()).then(|| view! {
                <section class="order__shipping-info">
                    <h2 class="section__title">{move || i18n.t("order.shipping")}</h2>
                    <dl class="facts">
                        <div><dt>{move || i18n.t("order.express_company")}</dt><dd class="order__express">{order.express_company.clone()}</dd></div>
                        <div><dt>{move || i18n.t("order.tracking_number")}</dt><dd class="order__tracking">{order.tracking_number.clone()}</dd></div>
                    </dl>
                </section>
            })}
            {payable.then(|| view! { <PaymentPanel order_id=order_id.clone() guest /> })}
            {(!guest && status == Some(OrderStatus::Completed) && order.kind == OrderKind::Goods).then(|| view! {
                <crate::components::reviews::OrderReviews order_id=order_id.clone()
                    lines=order.lines.iter().map(|l| (l.archive_id, l.title.clone())).collect() />
            })}
            {(!guest).then(|| view! {
                <OrderActions order_id=order_id.clone() status kind=order.kind done />
                <p><A href=link(&orders_path(OrderTab::All, 1))>{move || i18n.t("orders.back")}</A></p>
            })}
        </article>
    }
}

/// What the payment panel is doing.
#[derive(Clone, Debug, PartialEq)]
enum Paying {
    Choosing,
    Starting(PayWay),
    WaitingForScan(String),
    Failed(api::ApiError),
}

#[component]
fn PaymentPanel(order_id: String, guest: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let methods: Vec<PayWay> = crate::state::use_config()
        .payment_methods
        .iter()
        .filter_map(|m| PayWay::from_key(m))
        // A guest has no balance to pay from.
        .filter(|way| !(guest && *way == PayWay::Balance))
        .collect();
    let state = RwSignal::new(Paying::Choosing);
    let order_id = StoredValue::new(order_id);
    // Set when the shopper stops waiting or leaves: the poll loop ends at its next turn.
    let waiting = RwSignal::new(false);
    on_cleanup(move || {
        let _ = waiting.try_set(false);
    });
    let paid = Callback::new(move |()| {
        let _ = waiting.try_set(false);
        let id = order_id.get_value();
        invalidate(api::orders::order, id.clone());
        // Reload the order: it now reads "awaiting shipment" with the paid notice.
        navigate(
            &crate::config::link(&order_route(id, guest).path()),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    let wait_for_scan = Callback::new(move |()| {
        let _ = waiting.try_set(true);
        let Some(id) = order_id.try_get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            loop {
                // Stopped, or the panel is gone (`try_` reads: it may be disposed by now).
                if !waiting.try_get_untracked().unwrap_or(false) {
                    return;
                }
                let asked_at = js_sys::Date::now();
                match api::orders::payment_settled(&id).await {
                    Ok(true) => {
                        if waiting.try_get_untracked().unwrap_or(false)
                            && state.try_get_untracked().is_some()
                        {
                            paid.run(());
                        }
                        return;
                    }
                    // "Unpaid" after the server's 20 s: ask again. A server that says so
                    // at once is not hammered: at most one question every 2 s.
                    Ok(false) => {
                        let elapsed = js_sys::Date::now() - asked_at;
                        if elapsed < 2_000.0 {
                            gloo_timers::future::TimeoutFuture::new((2_000.0 - elapsed) as u32)
                                .await;
                        }
                    }
                    Err(api::ApiError::Aborted) => return,
                    Err(error) => {
                        let _ = state.try_set(Paying::Failed(error));
                        let _ = waiting.try_set(false);
                        return;
                    }
                }
            }
        });
    });
    let start = {
        let navigate = use_navigate();
        Callback::new(move |way: PayWay| {
            if matches!(
                state.get_untracked(),
                Paying::Starting(_) | Paying::WaitingForScan(_)
            ) {
                return;
            }
            let _ = state.try_set(Paying::Starting(way));
            let navigate = navigate.clone();
            let id = order_id.get_value();
            leptos::task::spawn_local(async move {
                let outcome = api::orders::pay(&id, way).await;
                // The panel may have gone while the request ran (a sign-out, a new page).
                if state.try_get_untracked().is_none() {
                    return;
                }
                match outcome {
                    Ok(PaymentStart::Paid) => paid.run(()),
                    Ok(PaymentStart::Qr(qr)) => {
                        let _ = state.try_set(Paying::WaitingForScan(qr));
                        // The address remembers the wait, so a reload resumes it.
                        let here = order_route(id.clone(), guest).path();
                        navigate(
                            &crate::config::link(&format!("{here}?pay=wechat")),
                            NavigateOptions {
                                replace: true,
                                scroll: false,
                                ..Default::default()
                            },
                        );
                        wait_for_scan.run(());
                    }
                    Ok(PaymentStart::Redirect(url)) => {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().assign(&url);
                        }
                    }
                    // A refused session: the protected route is on its way to sign-in.
                    Err(api::ApiError::Unauthorized) => {}
                    Err(error) => {
                        let _ = state.try_set(Paying::Failed(error));
                    }
                }
            });
        })
    };
    // A reload while waiting for the scan: show the QR again and keep waiting.
    if query.with_untracked(|q| q.get("pay")).as_deref() == Some("wechat")
        && methods.contains(&PayWay::Wechat)
    {
        start.run(PayWay::Wechat);
    }
    let stop = {
        let navigate = use_navigate();
        Callback::new(move |()| {
            let _ = waiting.try_set(false);
            let _ = state.try_set(Paying::Choosing);
            let here = order_route(order_id.get_value(), guest).path();
            navigate(
                &crate::config::link(&here),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        })
    };
    view! {
        <section class="payment" aria-labelledby="payment-title">
            <h2 id="payment-title" class="section__title">{move || i18n.t("payment.title")}</h2>
            {move || match state.get() {
                Paying::WaitingForScan(qr) => {
                    view! {
                        <div class="payment__qr">
                            <img src=qr alt=move || i18n.t("payment.qr_alt") width="240" height="240" />
                            <p role="status" class="payment__waiting">{i18n.t("payment.waiting")}</p>
                            <button type="button" class="button button--quiet" on:click=move |_| stop.run(())>{i18n.t("payment.stop")}</button>
                        </div>
                    }.into_any()
                }
                other => {
                    let busy = matches!(other, Paying::Starting(_));
                    let failure = match other { Paying::Failed(e) => Some(e), _ => None };
                    view! {
                        {failure.map(|error| view! { <ErrorMessage error /> })}
                        <div class="payment__methods">
                            {methods.iter().map(|way| {
                                let way = *way;
                                view! {
                                    <button type="button" class="button payment__method" data-pay-way=way.key() disabled=busy
                                        on:click=move |_| start.run(way)>
                                        {i18n.t(&format!("payment.way.{}", way.key()))}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

fn milestone_key(step: Milestone) -> &'static str {
    match step {
        Milestone::Placed => "order.timeline.placed",
        Milestone::Paid => "order.timeline.paid",
        Milestone::Shipped => "order.timeline.shipped",
        Milestone::Completed => "order.timeline.completed",
        Milestone::Closed => "order.timeline.closed",
        Milestone::RefundRequested => "order.timeline.refund_requested",
        Milestone::Refunded => "order.timeline.refunded",
    }
}

/// What happened to the order, oldest first, with the date where the server keeps one.
#[component]
fn Timeline(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="order__timeline-section">
            <h2 class="section__title">{move || i18n.t("order.timeline.title")}</h2>
            <ol class="timeline">
                {order.timeline().into_iter().map(|(step, at)| {
                    let date = at.and_then(crate::domain::time::iso_datetime);
                    view! {
                        <li class="timeline__step" data-milestone=format!("{step:?}")>
                            <span class="timeline__label">{move || i18n.t(milestone_key(step))}</span>
                            {date.map(|d| view! { <time class="timeline__time">{d}</time> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

fn action_key(action: OrderAction) -> &'static str {
    match action {
        OrderAction::Pay => "order.action.pay",
        OrderAction::Cancel => "order.action.cancel",
        OrderAction::ConfirmReceipt => "order.action.confirm_receipt",
        OrderAction::RequestRefund => "order.action.refund",
    }
}

fn question_key(action: OrderAction) -> &'static str {
    match action {
        OrderAction::Cancel => "order.confirm.cancel",
        OrderAction::ConfirmReceipt => "order.confirm.confirm_receipt",
        _ => "order.confirm.refund",
    }
}

fn done_key(action: OrderAction) -> &'static str {
    match action {
        OrderAction::Cancel => "order.done.cancel",
        OrderAction::ConfirmReceipt => "order.done.confirm_receipt",
        _ => "order.done.refund",
    }
}

/// Why an order action did not happen.
#[derive(Clone, Debug, PartialEq)]
enum ActionFailure {
    Api(api::ApiError),
    /// The server answered "done", but the order is as it was.
    NotApplied,
}

/// Forgets every cached view of the shopper's orders: one changed state.
fn orders_changed(order_id: &str) {
    invalidate(api::orders::order, order_id.to_string());
    // The scan first: the counts and the refunds tab read it through the cache.
    invalidate(api::orders::refunds, ());
    invalidate(api::orders::order_counts, ());
    for tab in OrderTab::ALL {
        for page in 1..=10 {
            invalidate(api::orders::orders_page, (tab, page));
        }
    }
}

/// Cancel, confirm receipt and request a refund: offered only where the order's state
/// allows them (the server checks nothing), each confirmed in a dialog first. A second
/// click while one runs does nothing, and the page then shows the server's new state, so
/// nothing is done twice.
#[component]
fn OrderActions(
    order_id: String,
    status: Option<OrderStatus>,
    kind: OrderKind,
    done: RwSignal<Option<OrderAction>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let actions: Vec<OrderAction> = status
        .map(|s| s.actions())
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a.needs_confirmation())
        .collect();
    let asking = RwSignal::new(None::<OrderAction>);
    let write = Write::<Result<OrderAction, ActionFailure>>::new();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let reason = NodeRef::<leptos::html::Textarea>::new();
    let order_id = StoredValue::new(order_id);
    let open = move |action: OrderAction| {
        write.clear();
        asking.set(Some(action));
        if let Some(el) = dialog.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        }
    };
    let close = move || {
        if let Some(el) = dialog.get() {
            el.close();
        }
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(action) = asking.get_untracked() else {
            return;
        };
        let text = reason.get().map(|el| el.value()).unwrap_or_default();
        let id = order_id.get_value();
        let expected = status.and_then(|s| s.after(action, kind));
        write.run(async move {
            let answer = api::orders::act_on_order(&id, action, &text).await;
            if answer == Err(api::ApiError::Unauthorized) {
                return Err(ActionFailure::Api(api::ApiError::Unauthorized));
            }
            // Whatever the answer said, the order as the server holds it now is the truth:
            // a lost answer may have been a success, and a "success" may have changed
            // nothing. Asking again is a read, so it is safe.
            match (answer, api::orders::order_now(&id).await) {
                (_, Ok(order)) if order.status.is_some() && order.status == expected => Ok(action),
                (Ok(()), Ok(_)) => Err(ActionFailure::NotApplied),
                (Ok(()), Err(_)) => Ok(action),
                (Err(error), _) => Err(ActionFailure::Api(error)),
            }
        });
    };
    Effect::new(move |_| {
        if let Some(Ok(action)) = write.value.get() {
            close();
            let _ = done.try_set(Some(action));
            if let Some(id) = order_id.try_get_value() {
                orders_changed(&id);
            }
        }
    });
    // Closed after a failure: the order may have moved on meanwhile (another tab, the
    // merchant), so it is read again and the buttons follow its real state. Not before:
    // the message stays in the dialog, beside "try again".
    let closed = move || {
        let _ = asking.try_set(None);
        if write
            .value
            .try_get_untracked()
            .flatten()
            .is_some_and(|r| r.is_err())
        {
            write.clear();
            if let Some(id) = order_id.try_get_value() {
                orders_changed(&id);
            }
        }
    };
    if actions.is_empty() {
        return view! {
            {move || done.get().map(|a| view! {
                <p class="notice notice--success" role="status" data-done=format!("{a:?}")>{i18n.t(done_key(a))}</p>
            })}
        }
        .into_any();
    }
    view! {
        {move || done.get().map(|a| view! {
            <p class="notice notice--success" role="status" data-done=format!("{a:?}")>{i18n.t(done_key(a))}</p>
        })}
        <div class="order__actions">
            {actions.into_iter().map(|action| view! {
                <button type="button" class="button order__action" data-action=format!("{action:?}")
                    on:click=move |_| open(action)>
                    {move || i18n.t(action_key(action))}
                </button>
            }).collect_view()}
        </div>
        <dialog node_ref=dialog class="confirm-dialog" aria-labelledby="confirm-title"
            on:close=move |_| closed()>
            <form class="confirm-dialog__panel" on:submit=confirm>
                <h2 id="confirm-title" class="confirm-dialog__title">
                    {move || asking.get().map(|a| i18n.t(question_key(a)))}
                </h2>
                {move || (asking.get() == Some(OrderAction::RequestRefund)).then(|| view! {
                    <label class="field">
                        <span class="field__label">{i18n.t("order.refund_reason")}</span>
                        <textarea node_ref=reason name="reason" rows="3" maxlength="200" required></textarea>
                    </label>
                })}
                {move || match write.value.get() {
                    Some(Err(ActionFailure::NotApplied)) => Some(view! {
                        <p class="notice notice--error" role="alert"><span class="notice__title">{i18n.t("order.not_applied")}</span></p>
                    }.into_any()),
                    // A refused session: the protected route is on its way to sign-in.
                    Some(Err(ActionFailure::Api(api::ApiError::Unauthorized))) | Some(Ok(_)) | None => None,
                    Some(Err(ActionFailure::Api(error))) => Some(view! { <ErrorMessage error /> }.into_any()),
                }}
                <div class="confirm-dialog__actions">
                    <button type="button" class="button button--quiet" on:click=move |_| close()>
                        {move || i18n.t("order.keep")}
                    </button>
                    <button type="submit" class="button button--primary confirm-dialog__confirm" disabled=move || write.pending.get()>
                        {move || if write.pending.get() { i18n.t("order.working") } else { asking.get().map(|a| i18n.t(action_key(a))).unwrap_or_default() }}
                    </button>
                </div>
            </form>
        </dialog>
    }
    .into_any()
}
