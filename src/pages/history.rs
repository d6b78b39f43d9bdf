//! `/history`: the last products this browser viewed, newest first, with a way to clear
//! them. Kept in the browser only (nothing is sent to the server), so it is open to guests
//! too and needs no sign-in.

use leptos::prelude::*;

use crate::components::cards::Price;
use crate::components::page_meta::PageMeta;
use crate::config::link;
use crate::domain::time::iso_date;
use crate::domain::{Money, Route};
use crate::i18n::use_i18n;
use crate::state::history;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(history::load());
    let title = Signal::derive(move || i18n.t("history.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <p class="page-lead">{move || i18n.t("history.lead")}</p>
        {move || {
            let list = entries.get();
            if list.is_empty() {
                return view! {
                    <p class="empty-state" role="status" data-history-empty="">{i18n.t("history.empty")}</p>
                    <p><a class="button" href=link(&Route::Products.path())>{i18n.t("favorites.browse")}</a></p>
                }.into_any();
            }
            view! {
                <button type="button" class="button button--quiet" data-history-clear=""
                    on:click=move |_| {
                        history::clear();
                        entries.set(history::load());
                    }>
                    {i18n.t("history.clear")}
                </button>
                <ol class="history-list">
                    {list.entries().iter().cloned().map(|entry| {
                        let date = iso_date(entry.viewed_at);
                        view! {
                            <li class="history-list__item" data-history=entry.id>
                                <a class="history-list__link" href=link(&entry.path)>
                                    {entry.thumb.map(|src| view! {
                                        <img src=src alt="" width="64" height="64" loading="lazy" />
                                    })}
                                    <span class="history-list__title">{entry.title}</span>
                                </a>
                                <Price money=Money::from_cents(entry.price_cents) />
                                {date.map(|d| { let label = d.clone(); view! { <time class="card__meta" datetime=d>{label}</time> } })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}
