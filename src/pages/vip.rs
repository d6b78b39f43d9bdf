//! `/account/vip`: the user groups a shopper can buy, with their price and benefits (the
//! description is CMS HTML, shown through the sanitizer). Buying places an order of type
//! `vip` and opens that order's page, whose payment panel is the shop's one payment flow;
//! once paid the overview shows the group and its expiry.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::api::queries::use_query;
use crate::components::cards::Price;
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::config::link;
use crate::domain::account::{Account, Group};
use crate::domain::Route;
use crate::i18n::use_i18n;
use crate::state::write::Write;

#[component]
pub fn VipPage() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("acct.vip.title"));
    let groups = use_query(api::account::groups, || ());
    let account = use_query(api::account::account, || ());
    let mine = move || {
        account
            .get()
            .and_then(Result::ok)
            .map(|a: Account| a.group_id)
    };
    let buy = Write::<Result<String, api::ApiError>>::new();
    let buying = RwSignal::new(None::<i64>);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(order_id)) = buy.value.get() {
            buy.clear();
            navigate(&link(&Route::Order(order_id).path()), Default::default());
        }
    });
    let on_buy = Callback::new(move |group_id: i64| {
        if buy.pending.get_untracked() {
            return;
        }
        buying.set(Some(group_id));
        buy.run(async move {
            api::orders::place_vip_order(group_id)
                .await
                .map(|placed| placed.order_id)
        });
    });
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <p>{move || i18n.t("acct.vip.intro")}</p>
        {move || match buy.value.get() {
            Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
            _ => None,
        }}
        <Loaded
            query=groups
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |groups: Vec<Group>| {
                let for_sale: Vec<Group> = groups.into_iter().filter(Group::for_sale).collect();
                if for_sale.is_empty() {
                    return view! { <p class="notice notice--info">{i18n.t("acct.vip.none")}</p> }.into_any();
                }
                view! {
                    <ul class="vip-groups">
                        {for_sale.into_iter().map(|group| {
                            let id = group.id;
                            let heading = format!("vip-group-{id}");
                            let price = group.price_to_pay();
                            let discounted = price != group.price;
                            let days = group.expire_days;
                            let description = group.description.clone();
                            view! {
                                <li class="vip-group" data-group-id=id>
                                    <h2 class="vip-group__title" id=heading>{group.title.clone()}</h2>
                                    <p class="vip-group__price">
                                        <Price money=price class="price vip-group__amount" />
                                        {discounted.then(|| view! { " " <s><Price money=group.price class="price price--old" /></s> })}
                                        {(days > 0).then(|| view! {
                                            " "<span class="vip-group__days">{move || i18n.t_with("acct.vip.days", &[("n", &days.to_string())])}</span>
                                        })}
                                    </p>
                                    <RichHtml html=Signal::stored(description) class="prose vip-group__benefits" />
                                    {move || if mine() == Some(id) {
                                        view! { <p class="chip" data-vip-current="">{i18n.t("acct.vip.current")}</p> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="button" data-vip-buy=id
                                                disabled=move || buy.pending.get()
                                                on:click=move |_| on_buy.run(id)>
                                                {move || if buy.pending.get() && buying.get() == Some(id) {
                                                    i18n.t("acct.vip.buying")
                                                } else {
                                                    i18n.t("acct.vip.buy")
                                                }}
                                            </button>
                                        }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        />
    }
}
