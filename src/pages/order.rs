//! `/account/orders/:order_id`: one order — status, lines, amounts, address, shipping — and,
//! while it awaits payment, the payment methods the site owner lists in `config.json`.
//!
//! WeChat shows the QR and waits for `payment/check` (a long poll, again and again until
//! paid or cancelled); `?pay=wechat` keeps that state over a reload. The redirect methods
//! leave for the hosted pay page, which comes back with `?payment=paid|cancelled`. Balance
//! pays at once.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::api::orders::{PayWay, PaymentStart};
use crate::api::queries::{invalidate, use_query};
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::domain::checkout::Order;
use crate::domain::order::OrderStatus;
use crate::domain::time::iso_date;
use crate::i18n::use_i18n;

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let order_id = Memo::new(move |_| params.with(|p| p.get("order_id")).unwrap_or_default());
    let order = use_query(api::orders::order, move || order_id.get());
    view! {
        <Loaded
            query=order
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={|order: Order| view! { <OrderView order /> }.into_any()}
            missing_is_404=true
        />
    }
}

fn status_key(status: Option<OrderStatus>) -> &'static str {
    match status {
        Some(OrderStatus::AwaitingPayment) => "order.status.awaiting_payment",
        Some(OrderStatus::AwaitingShipment) => "order.status.awaiting_shipment",
        Some(OrderStatus::Shipped) => "order.status.shipped",
        Some(OrderStatus::Completed) => "order.status.completed",
        Some(OrderStatus::Refunding) => "order.status.refunding",
        Some(OrderStatus::Refunded) => "order.status.refunded",
        Some(OrderStatus::Closed) => "order.status.closed",
        None => "order.status.unknown",
    }
}

#[component]
fn OrderView(order: Order) -> impl IntoView {
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
                <div class="checkout-totals__total">
                    <dt>{move || i18n.t("checkout.total")}</dt>
                    <dd><Price money=order.amount class="price order__amount" /></dd>
                </div>
            </dl>
            {order.address.clone().map(|a| view! {
                <section class="order__address">
                    <h2 class="section__title">{move || i18n.t("checkout.deliver_to")}</h2>
                    <p>{a.summary()}</p>
                </section>
            })}
            {(!order.tracking_number.is_empty()).then(|| view! {
                <p class="order__shipping">{order.express_company.clone()}" "{order.tracking_number.clone()}</p>
            })}
            {payable.then(|| view! { <PaymentPanel order_id=order_id.clone() /> })}
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
fn PaymentPanel(order_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let methods: Vec<PayWay> = crate::state::use_config()
        .payment_methods
        .iter()
        .filter_map(|m| PayWay::from_key(m))
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
            &crate::config::link(&crate::domain::Route::Order(id).path()),
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
                        let here = crate::domain::Route::Order(id.clone()).path();
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
            let here = crate::domain::Route::Order(order_id.get_value()).path();
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
