//! `/retailer`: the distribution centre (protected). A retailer sees statistics, an
//! earnings chart over days, weeks or months (inline SVG with a table of the same figures),
//! the invite link with a copy button and a QR code, the real-name form, withdrawal (with
//! AnqiCMS's 2-yuan minimum and its "success is code -1" quirk), and the team, distribution
//! orders, commissions and withdrawals as tabs. A shopper who is not a retailer is told
//! what being one means instead. The span, tab and page live in the address.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::queries::{invalidate, use_query};
use crate::api::retailer::{
    Commission, DistributionOrder, Member, RetailerInfo, Statistics, Withdrawal, Withdrawn,
    MIN_WITHDRAW, RETAILER_PAGE_SIZE,
};
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::PageLinks;
use crate::components::qr::QrCode;
use crate::config::link;
use crate::domain::earnings::{buckets, scale_top, Bucket, Earning, Span};
use crate::domain::order::OrderStatus;
use crate::domain::time::iso_date;
use crate::domain::{Paged, Route};
use crate::i18n::{use_i18n, I18n};
use crate::state::write::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Team,
    Orders,
    Commissions,
    Withdrawals,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Team, Tab::Orders, Tab::Commissions, Tab::Withdrawals];
    fn key(self) -> &'static str {
        match self {
            Tab::Team => "team",
            Tab::Orders => "orders",
            Tab::Commissions => "commissions",
            Tab::Withdrawals => "withdrawals",
        }
    }
    fn from_key(key: &str) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or(Tab::Team)
    }
    fn label(self) -> &'static str {
        match self {
            Tab::Team => "retailer.tab_team",
            Tab::Orders => "retailer.tab_orders",
            Tab::Commissions => "retailer.tab_commissions",
            Tab::Withdrawals => "retailer.tab_withdrawals",
        }
    }
}

fn address(span: Span, tab: Tab, page: u32) -> String {
    let mut path = format!(
        "{}?span={}&tab={}",
        Route::Retailer.path(),
        span.key(),
        tab.key()
    );
    if page > 1 {
        path.push_str(&format!("&page={page}"));
    }
    path
}

#[component]
pub fn RetailerPage() -> impl IntoView {
    let i18n = use_i18n();
    let info = use_query(api::retailer::info, || ());
    let title = Signal::derive(move || i18n.t("retailer.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <Loaded
            query=info
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |info: RetailerInfo| {
                if info.is_retailer {
                    view! { <Dashboard info /> }.into_any()
                } else {
                    view! { <NotRetailer /> }.into_any()
                }
            }}
        />
    }
}

#[component]
fn NotRetailer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="retailer-intro" data-not-retailer="">
            <h2 class="section__title">{move || i18n.t("retailer.intro_title")}</h2>
            <ul class="retailer-intro__list">
                <li>{move || i18n.t("retailer.intro_invite")}</li>
                <li>{move || i18n.t("retailer.intro_commission")}</li>
                <li>{move || i18n.t("retailer.intro_withdraw")}</li>
            </ul>
            <p>{move || i18n.t("retailer.intro_how")}</p>
            <p><A href=link(&Route::Guestbook.path()) attr:class="button">{move || i18n.t("retailer.intro_contact")}</A></p>
        </section>
    }
}

#[component]
fn Dashboard(info: RetailerInfo) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let span =
        Memo::new(move |_| Span::from_key(&query.with(|q| q.get("span")).unwrap_or_default()));
    let tab = Memo::new(move |_| Tab::from_key(&query.with(|q| q.get("tab")).unwrap_or_default()));
    let page = super::page_param(query);
    let stats = use_query(api::retailer::statistics, || ());
    let id = info.id;
    // Owned here, not by the box inside the statistics view: the figures are re-read after
    // a withdrawal, which redraws that view, and the outcome must stay on screen.
    let withdraw = Write::<Result<Withdrawn, api::ApiError>>::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        // Whatever came back (AnqiCMS reports success as an error, an answer can be lost),
        // the figures are read again: they are the truth.
        if withdraw.value.with(Option::is_some) {
            reread_after_withdraw();
        }
    });
    view! {
        <p class="page-lead">
            {move || i18n.t_with("retailer.group", &[
                ("group", &info.group_title),
                ("share", &info.share_reward.to_string()),
                ("parent", &info.parent_reward.to_string()),
            ])}
        </p>
        <Loaded
            query=stats
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |s: Statistics| view! { <StatCards s /> <WithdrawBox s withdraw confirming /> }.into_any()}
        />
        <WithdrawOutcome withdraw />
        <EarningsChart span tab />
        <InviteBox id />
        <RealNameForm current=info.real_name.clone() />
        <nav class="order-tabs" aria-label=move || i18n.t("retailer.tabs")>
            <ul class="order-tabs__list">
                {Tab::ALL.into_iter().map(|t| view! {
                    <li>
                        <A href=move || link(&address(span.get(), t, 1)) attr:class="order-tabs__tab" attr:data-tab=t.key()
                            attr:aria-current=move || (tab.get() == t).then_some("page")>
                            {move || i18n.t(t.label())}
                        </A>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        {move || {
            let p = page.get();
            let href = Callback::new(move |n: u32| link(&address(span.get_untracked(), tab.get_untracked(), n)));
            match tab.get() {
                Tab::Team => view! { <TeamList id page=p href /> }.into_any(),
                Tab::Orders => view! { <OrderList id page=p href /> }.into_any(),
                Tab::Commissions => view! { <CommissionList page=p href /> }.into_any(),
                Tab::Withdrawals => view! { <WithdrawList page=p href /> }.into_any(),
            }
        }}
    }
}

#[component]
fn StatCards(s: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="stat-cards" aria-label=move || i18n.t("retailer.stats")>
            <li class="stat-card" data-stat="can_withdraw"><span class="stat-card__label">{move || i18n.t("retailer.can_withdraw")}</span><Price money=s.can_withdraw class="stat-card__value" /></li>
            <li class="stat-card" data-stat="paid"><span class="stat-card__label">{move || i18n.t("retailer.paid")}</span><Price money=s.paid_withdraw class="stat-card__value" /></li>
            <li class="stat-card" data-stat="unfinished"><span class="stat-card__label">{move || i18n.t("retailer.unfinished")}</span><Price money=s.unfinished class="stat-card__value" /></li>
            <li class="stat-card" data-stat="members"><span class="stat-card__label">{move || i18n.t("retailer.members")}</span><span class="stat-card__value">{s.members}</span></li>
        </ul>
    }
}

/// Re-reads everything a withdrawal changes.
fn reread_after_withdraw() {
    invalidate(api::retailer::statistics, ());
    invalidate(api::retailer::all_commissions, ());
    for page in 1..=5 {
        invalidate(api::retailer::withdrawals, page);
        invalidate(api::retailer::commissions, page);
    }
}

#[component]
fn WithdrawOutcome(withdraw: Write<Result<Withdrawn, api::ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match withdraw.value.get() {
        Some(Ok(Withdrawn::Submitted)) => Some(view! { <p class="notice notice--success" role="status" data-withdrawn="">{i18n.t("retailer.withdrawn")}</p> }.into_any()),
        Some(Ok(Withdrawn::Unknown(error))) => Some(view! {
            <div class="notice notice--info" role="status" data-withdraw-unknown="">
                <p>{i18n.t("retailer.withdraw_unknown")}</p>
                <p class="notice__detail">{i18n.t(error.message_key())}</p>
            </div>
        }.into_any()),
        Some(Err(error)) => Some(view! { <div data-withdraw-error=""><ErrorMessage error /></div> }.into_any()),
        None => None,
    }
    }
}

#[component]
fn WithdrawBox(
    s: Statistics,
    withdraw: Write<Result<Withdrawn, api::ApiError>>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let enough = s.can_withdraw.cents >= MIN_WITHDRAW.cents;
    let amount = s.can_withdraw;
    view! {
        <section class="withdraw" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title" class="section__title">{move || i18n.t("retailer.withdraw_title")}</h2>
            {if enough {
                view! {
                    {move || if confirming.get() {
                        view! {
                            <div class="withdraw__confirm" role="group" aria-labelledby="withdraw-confirm-text">
                                <p id="withdraw-confirm-text">{i18n.t_with("retailer.withdraw_confirm", &[("amount", &i18n.money(amount))])}</p>
                                <button type="button" class="button" data-withdraw-confirm="" disabled=move || withdraw.pending.get()
                                    on:click=move |_| {
                                        withdraw.clear();
                                        withdraw.run(async move {
                                            let outcome = api::retailer::withdraw().await;
                                            let _ = confirming.try_set(false);
                                            outcome
                                        });
                                    }>
                                    {i18n.t("retailer.withdraw_yes")}
                                </button>
                                <button type="button" class="button button--quiet" on:click=move |_| confirming.set(false)>
                                    {i18n.t("retailer.withdraw_no")}
                                </button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button" data-withdraw="" on:click=move |_| confirming.set(true)>
                                {i18n.t_with("retailer.withdraw", &[("amount", &i18n.money(amount))])}
                            </button>
                        }.into_any()
                    }}
                }.into_any()
            } else {
                view! {
                    <p class="notice notice--info" data-withdraw-minimum="">
                        {move || i18n.t_with("retailer.withdraw_minimum", &[("min", &i18n.money(MIN_WITHDRAW)), ("amount", &i18n.money(amount))])}
                    </p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn EarningsChart(span: Memo<Span>, tab: Memo<Tab>) -> impl IntoView {
    let i18n = use_i18n();
    let all = use_query(api::retailer::all_commissions, || ());
    view! {
        <section class="earnings" aria-labelledby="earnings-title">
            <h2 id="earnings-title" class="section__title">{move || i18n.t("retailer.earnings")}</h2>
            <nav aria-label=move || i18n.t("retailer.span")>
                <ul class="chip-list">
                    {Span::ALL.into_iter().map(|s| view! {
                        <li><A href=move || link(&address(s, tab.get(), 1)) attr:class="chip" attr:data-span=s.key()
                            attr:aria-current=move || (span.get() == s).then_some("page")>
                            {move || i18n.t(span_label(s))}
                        </A></li>
                    }).collect_view()}
                </ul>
            </nav>
            <Loaded
                query=all
                fallback=|| view! { <div class="skeleton skeleton--card"></div> }
                view={move |list: Vec<Commission>| {
                    let earnings: Vec<Earning> = list.iter().map(|c| Earning { at: c.created_time, cents: c.amount.cents, status: c.status }).collect();
                    view! {
                        {move || {
                            let now = (js_sys::Date::now() / 1000.0) as i64;
                            let bars = buckets(span.get(), now, &earnings);
                            view! { <Chart bars span=span.get() i18n /> }
                        }}
                    }.into_any()
                }}
            />
        </section>
    }
}

fn span_label(span: Span) -> &'static str {
    match span {
        Span::Days => "retailer.span_days",
        Span::Weeks => "retailer.span_weeks",
        Span::Months => "retailer.span_months",
    }
}

#[component]
fn Chart(bars: Vec<Bucket>, span: Span, i18n: I18n) -> impl IntoView {
    const W: i64 = 600;
    const H: i64 = 200;
    const PAD: i64 = 24;
    let top = scale_top(&bars);
    let total: i64 = bars.iter().map(|b| b.cents).sum();
    let n = bars.len().max(1) as i64;
    let slot = (W - PAD) / n;
    let bar_w = (slot * 7 / 10).max(1);
    let title = i18n.t_with(
        "retailer.chart_title",
        &[("span", &i18n.t(span_label(span)))],
    );
    let first = bars.first().map(|b| b.label.clone()).unwrap_or_default();
    let last = bars.last().map(|b| b.label.clone()).unwrap_or_default();
    let desc = i18n.t_with(
        "retailer.chart_desc",
        &[
            ("from", &first),
            ("to", &last),
            (
                "total",
                &i18n.money(crate::domain::Money::from_cents(total)),
            ),
        ],
    );
    let rects = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            // Integer pixels: the height is the bar's share of the scale, in cents.
            let h = (b.cents.saturating_mul(H - PAD) / top.max(1)).clamp(0, H - PAD);
            let x = PAD + i as i64 * slot + (slot - bar_w) / 2;
            let y = H - PAD - h;
            view! { <rect class="earnings__bar" x=x y=y width=bar_w height=h /> }
        })
        .collect_view();
    let top_label = i18n.money(crate::domain::Money::from_cents(top));
    let rows = bars
        .into_iter()
        .map(|b| view! { <tr><th scope="row">{b.label}</th><td><Price money=crate::domain::Money::from_cents(b.cents) /></td></tr> })
        .collect_view();
    view! {
        <figure class="earnings__figure">
            <svg class="earnings__chart" viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="earnings-svg-title earnings-svg-desc" data-chart=span.key()>
                <title id="earnings-svg-title">{title.clone()}</title>
                <desc id="earnings-svg-desc">{desc.clone()}</desc>
                <line x1=PAD y1=H - PAD x2=W y2=H - PAD class="earnings__axis" />
                <line x1=PAD y1=0 x2=PAD y2=H - PAD class="earnings__axis" />
                <text x=PAD + 4 y=12 class="earnings__tick">{top_label}</text>
                <text x=PAD y=H - 6 class="earnings__tick">{first}</text>
                <text x=W y=H - 6 text-anchor="end" class="earnings__tick">{last}</text>
                {rects}
            </svg>
            <figcaption>{desc}</figcaption>
        </figure>
        <details class="earnings__table">
            <summary>{move || i18n.t("retailer.chart_table")}</summary>
            <table data-earnings-table="">
                <caption>{title}</caption>
                <thead><tr><th scope="col">{move || i18n.t("retailer.period")}</th><th scope="col">{move || i18n.t("retailer.amount")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

#[component]
fn InviteBox(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let path = format!("{}?invite={id}", Route::Register { next: None }.path());
    let url = format!("{origin}{}", link(&path));
    let copied = RwSignal::new(None::<bool>);
    let url_for_copy = url.clone();
    let copy = move |_| {
        let text = url_for_copy.clone();
        leptos::task::spawn_local(async move {
            let done = copy_text(&text).await;
            let _ = copied.try_set(Some(done));
        });
    };
    view! {
        <section class="invite" aria-labelledby="invite-title">
            <h2 id="invite-title" class="section__title">{move || i18n.t("retailer.invite")}</h2>
            <p>{move || i18n.t("retailer.invite_lead")}</p>
            <label class="field">
                <span class="field__label">{move || i18n.t("retailer.invite_link")}</span>
                <input class="input" readonly=true value=url.clone() data-invite-link="" on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            </label>
            <button type="button" class="button" data-copy-invite="" on:click=copy>{move || i18n.t("retailer.copy")}</button>
            <span role="status" class="invite__status">
                {move || copied.get().map(|ok| if ok { i18n.t("retailer.copied") } else { i18n.t("retailer.copy_failed") })}
            </span>
            <QrCode text=url label=i18n.t("retailer.qr_label") />
        </section>
    }
}

/// `navigator.clipboard.writeText`, through reflection (no extra web-sys features); `false`
/// when the browser refuses (no permission, not a secure context).
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(navigator) = js_sys::Reflect::get(&window, &"navigator".into()) else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
fn RealNameForm(current: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(current);
    // The saved name is what the field shows; the cached record is not re-read here, since
    // that would redraw the whole dashboard (and this form with its message) at once.
    let save = Write::<Result<(), api::ApiError>>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.clear();
        let value = name.get_untracked();
        save.run(async move { api::retailer::update_real_name(&value).await });
    };
    view! {
        <form class="real-name" on:submit=on_submit data-real-name="">
            <label class="field">
                <span class="field__label">{move || i18n.t("retailer.real_name")}</span>
                <input class="input" name="real_name" autocomplete="name" maxlength="50"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="button" disabled=move || save.pending.get()>{move || i18n.t("retailer.save")}</button>
            {move || match save.value.get() {
                Some(Ok(())) => Some(view! { <p class="notice notice--success" role="status">{i18n.t("retailer.saved")}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </form>
    }
}

fn date(at: i64) -> String {
    iso_date(at).unwrap_or_default()
}

#[component]
fn TeamList(id: i64, page: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_query(api::retailer::members, move || (id, page));
    view! {
        <Loaded query=list fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<Member>| {
                if paged.items.is_empty() {
                    return view! { <p class="empty-state">{i18n.t("retailer.no_team")}</p> }.into_any();
                }
                let total = paged.total;
                view! {
                    <ul class="team-list">
                        {paged.items.into_iter().map(|m| view! {
                            <li class="team-list__item" data-member=m.id>
                                <span class="team-list__name">{m.name}</span>
                                <span class="badge">{i18n.t(if m.direct { "retailer.level_1" } else { "retailer.level_2" })}</span>
                                <span class="card__meta">{date(m.joined)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <PageLinks current=page total page_size=RETAILER_PAGE_SIZE href />
                }.into_any()
            }} />
    }
}

#[component]
fn OrderList(id: i64, page: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_query(api::retailer::orders, move || (id, page));
    view! {
        <Loaded query=list fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<DistributionOrder>| {
                if paged.items.is_empty() {
                    return view! { <p class="empty-state">{i18n.t("retailer.no_orders")}</p> }.into_any();
                }
                let total = paged.total;
                view! {
                    <table class="retailer-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("retailer.order")}</th>
                            <th scope="col">{i18n.t("retailer.status")}</th>
                            <th scope="col">{i18n.t("retailer.amount")}</th>
                            <th scope="col">{i18n.t("retailer.reward")}</th>
                        </tr></thead>
                        <tbody>
                            {paged.items.into_iter().map(|o| view! {
                                <tr data-distribution-order=o.order_id.clone()>
                                    <th scope="row">{o.order_id.clone()}<br /><span class="card__meta">{date(o.created_time)}</span></th>
                                    <td>{i18n.t(super::orders::status_key(OrderStatus::from_codes(o.status, 0)))}</td>
                                    <td><Price money=o.amount /></td>
                                    <td><Price money=o.reward /></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <PageLinks current=page total page_size=RETAILER_PAGE_SIZE href />
                }.into_any()
            }} />
    }
}

fn commission_status(status: i64) -> &'static str {
    match status {
        0 => "retailer.commission_open",
        1 => "retailer.commission_withdrawn",
        -1 => "retailer.commission_cancelled",
        _ => "retailer.status_unknown",
    }
}

fn withdraw_status(status: i64) -> &'static str {
    match status {
        0 => "retailer.withdraw_waiting",
        1 => "retailer.withdraw_agreed",
        2 => "retailer.withdraw_paid",
        -1 => "retailer.withdraw_failed",
        _ => "retailer.status_unknown",
    }
}

#[component]
fn CommissionList(page: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_query(api::retailer::commissions, move || page);
    view! {
        <Loaded query=list fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<Commission>| {
                if paged.items.is_empty() {
                    return view! { <p class="empty-state">{i18n.t("retailer.no_commissions")}</p> }.into_any();
                }
                let total = paged.total;
                view! {
                    <table class="retailer-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("retailer.order")}</th>
                            <th scope="col">{i18n.t("retailer.buyer")}</th>
                            <th scope="col">{i18n.t("retailer.amount")}</th>
                            <th scope="col">{i18n.t("retailer.status")}</th>
                        </tr></thead>
                        <tbody>
                            {paged.items.into_iter().map(|c| view! {
                                <tr data-commission=c.id data-order=c.order_id.clone() data-status=c.status>
                                    <th scope="row">{c.order_id.clone()}<br /><span class="card__meta">{date(c.created_time)}</span></th>
                                    <td>{c.buyer.clone()}</td>
                                    <td><Price money=c.amount /></td>
                                    <td>{i18n.t(commission_status(c.status))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <PageLinks current=page total page_size=RETAILER_PAGE_SIZE href />
                }.into_any()
            }} />
    }
}

#[component]
fn WithdrawList(page: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_query(api::retailer::withdrawals, move || page);
    view! {
        <Loaded query=list fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |paged: Paged<Withdrawal>| {
                if paged.items.is_empty() {
                    return view! { <p class="empty-state">{i18n.t("retailer.no_withdrawals")}</p> }.into_any();
                }
                let total = paged.total;
                view! {
                    <table class="retailer-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("retailer.applied")}</th>
                            <th scope="col">{i18n.t("retailer.amount")}</th>
                            <th scope="col">{i18n.t("retailer.status")}</th>
                        </tr></thead>
                        <tbody>
                            {paged.items.into_iter().map(|w| view! {
                                <tr data-withdrawal=w.id data-status=w.status>
                                    <th scope="row">{date(w.created_time)}</th>
                                    <td><Price money=w.amount /></td>
                                    <td>
                                        {i18n.t(withdraw_status(w.status))}
                                        {(w.success_time > 0).then(|| view! { <br /><span class="card__meta">{date(w.success_time)}</span> })}
                                        {(!w.remark.is_empty()).then(|| view! { <br /><span class="card__meta">{w.remark.clone()}</span> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <PageLinks current=page total page_size=RETAILER_PAGE_SIZE href />
                }.into_any()
            }} />
    }
}
