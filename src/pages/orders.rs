//! `/account/orders?status=&page=`: the shopper's orders under status tabs, each tab with
//! its count, paged. The tab and page live in the address, so Back and reload keep them.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::orders::{OrderPage, ORDERS_PAGE_SIZE};
use crate::api::queries::use_query;
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::PageLinks;
use crate::config::link;
use crate::domain::checkout::Order;
use crate::domain::order::{OrderStatus, OrderTab};
use crate::domain::time::iso_date;
use crate::domain::Route;
use crate::i18n::use_i18n;

/// The address of a tab's page (page 1 is left out, as listings do).
pub fn orders_path(tab: OrderTab, page: u32) -> String {
    let mut path = Route::Orders.path();
    let mut query = Vec::new();
    if tab != OrderTab::All {
        query.push(format!("status={}", tab.slug()));
    }
    if page > 1 {
        query.push(format!("page={page}"));
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }
    path
}

pub fn tab_key(tab: OrderTab) -> &'static str {
    match tab {
        OrderTab::All => "orders.tab.all",
        OrderTab::AwaitingPayment => "orders.tab.awaiting_payment",
        OrderTab::AwaitingShipment => "orders.tab.awaiting_shipment",
        OrderTab::Shipped => "orders.tab.shipped",
        OrderTab::Completed => "orders.tab.completed",
        OrderTab::Refunds => "orders.tab.refunds",
        OrderTab::Closed => "orders.tab.closed",
    }
}

pub fn status_key(status: Option<OrderStatus>) -> &'static str {
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
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        OrderTab::from_slug(&query.with(|q| q.get("status")).unwrap_or_default())
    });
    let page = super::page_param(query);
    let counts = use_query(api::orders::order_counts, || ());
    let orders = use_query(api::orders::orders_page, move || (tab.get(), page.get()));
    // The counts failed with the list (the same server): when the list comes back, so do they.
    Effect::new(move |_| {
        let list_ok = orders.get().is_some_and(|r| r.is_ok());
        let counts_failed = untrack(|| counts.get()).is_some_and(|r| r.is_err());
        if list_ok && counts_failed {
            counts.retry.run(());
        }
    });
    let title = Signal::derive(move || i18n.t("orders.title"));
    let count_of = move |t: OrderTab| {
        counts
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.iter().find(|(c, _)| *c == t).map(|(_, n)| *n))
    };
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <nav class="order-tabs" aria-label=move || i18n.t("orders.tabs")>
            <ul class="order-tabs__list">
                {OrderTab::ALL.into_iter().map(|t| view! {
                    <li>
                        <A
                            href=link(&orders_path(t, 1))
                            attr:class="order-tabs__tab"
                            attr:data-tab=t.slug()
                            attr:aria-current=move || (tab.get() == t).then_some("page")
                        >
                            <span>{move || i18n.t(tab_key(t))}</span>
                            {move || count_of(t).map(|n| view! {
                                <span class="order-tabs__count" data-count=n.to_string()>{n}</span>
                            })}
                        </A>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        <Loaded
            query=orders
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |found: OrderPage| {
                let current_tab = tab.get_untracked();
                if found.orders.is_empty() {
                    return view! {
                        <div class="orders__empty">
                            <p>{move || i18n.t("orders.empty")}</p>
                            <A href=link(&Route::Products.path()) attr:class="button">{move || i18n.t("cart.browse")}</A>
                        </div>
                    }.into_any();
                }
                let href = Callback::new(move |p: u32| link(&orders_path(current_tab, p)));
                view! {
                    <ul class="order-list">
                        {found.orders.into_iter().map(|order| view! { <OrderCard order /> }).collect_view()}
                    </ul>
                    <PageLinks current=page.get_untracked() total=found.total page_size=ORDERS_PAGE_SIZE href />
                }.into_any()
            }}
        />
    }
}

/// One order in the list: number, date, state, what was bought, and the amount.
#[component]
fn OrderCard(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let href = link(&Route::Order(order.order_id.clone()).path());
    let status = order.status;
    let first = order
        .lines
        .first()
        .map(|l| l.title.clone())
        .unwrap_or_default();
    let more = order.lines.len().saturating_sub(1);
    let items: u32 = order.lines.iter().map(|l| l.quantity).sum();
    let created = iso_date(order.created_at).unwrap_or_default();
    let label = {
        let id = order.order_id.clone();
        move || i18n.t_with("order.title", &[("id", &id)])
    };
    view! {
        <li class="order-card" data-order-id=order.order_id.clone() data-status=status.map(|s| format!("{s:?}")).unwrap_or_default()>
            <A href attr:class="order-card__link">
                <span class="order-card__head">
                    <span class="order-card__id">{label}</span>
                    <span class="chip">{move || i18n.t(status_key(status))}</span>
                </span>
                <span class="order-card__body">
                    <span class="order-card__title">
                        {first}
                        {(more > 0).then_some(move || i18n.t_with("orders.and_more", &[("n", &more.to_string())]))}
                    </span>
                    <time class="order-card__date">{created}</time>
                </span>
                <span class="order-card__foot">
                    <span>{move || i18n.t_with("orders.items", &[("n", &items.to_string())])}</span>
                    <Price money=order.amount class="price order-card__amount" />
                </span>
            </A>
        </li>
    }
}
