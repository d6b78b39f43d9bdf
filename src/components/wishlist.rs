//! On the product page: recording the visit in the browsing history, and adding the product
//! to the wishlist with a target price and a note (documented edition).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api;
use crate::api::favorites::WishItem;
use crate::components::error_panel::ErrorMessage;
use crate::config::link;
use crate::domain::history::Viewed;
use crate::domain::{ArchiveDetail, Feature, Money, Route};
use crate::i18n::use_i18n;
use crate::state::history;
use crate::state::write::Write;
use crate::state::{use_feature, use_session};

/// Records the product in the browsing history once, when its page shows. Draws nothing.
#[component]
pub fn RecordView(detail: ArchiveDetail) -> impl IntoView {
    let summary = detail.summary;
    let entry = Viewed {
        id: summary.id,
        path: summary.href(),
        title: summary.title,
        thumb: summary.thumb,
        price_cents: summary.price.cents,
        viewed_at: (js_sys::Date::now() / 1000.0) as i64,
    };
    // A full or disabled storage only loses the history; the page does not depend on it.
    let _ = history::record(entry);
}

/// "Add to wishlist" with a target price and a note. Shown where the server has a wishlist;
/// a guest is offered sign-in (and back here).
#[component]
pub fn WishForm(archive_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let offered = use_feature(Feature::Wishlist);
    let location = use_location();
    move || {
        if !offered.get() {
            return None;
        }
        if !session.signed_in() {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let sign_in = link(&Route::login_from(&here).path());
            return Some(
                view! {
                    <p class="wish wish--guest">
                        <a href=sign_in>{move || i18n.t("wishlist.sign_in")}</a>
                    </p>
                }
                .into_any(),
            );
        }
        Some(view! { <WishFields archive_id initial=None /> }.into_any())
    }
}

/// The target price and note; also the wishlist page's edit form (`initial`).
#[component]
pub fn WishFields(
    archive_id: i64,
    initial: Option<WishItem>,
    #[prop(optional)] on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = Write::<Result<WishItem, api::ApiError>>::new();
    Effect::new(move |_| {
        if save.value.with(|v| matches!(v, Some(Ok(_)))) {
            if let Some(done) = on_saved {
                done.run(());
            }
        }
    });
    let target = RwSignal::new(
        initial
            .as_ref()
            .and_then(|w| w.target_price)
            .map(Money::to_major_string)
            .unwrap_or_default(),
    );
    let remark = RwSignal::new(
        initial
            .as_ref()
            .map(|w| w.remark.clone())
            .unwrap_or_default(),
    );
    let invalid = RwSignal::new(false);
    let sku_id = initial.as_ref().map(|w| w.sku_id).unwrap_or(0);
    let editing = initial.is_some();
    let uid = format!(
        "wish-{archive_id}-{}",
        initial.as_ref().map(|w| w.id).unwrap_or(0)
    );
    let target_id = format!("{uid}-target");
    let remark_id = format!("{uid}-remark");
    let error_id = format!("{uid}-error");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = target.get_untracked();
        let price = if typed.trim().is_empty() {
            None
        } else {
            match Money::parse_major(&typed) {
                Some(m) => Some(m),
                None => {
                    invalid.set(true);
                    return;
                }
            }
        };
        invalid.set(false);
        save.clear();
        let note = remark.get_untracked();
        save.run(async move { api::favorites::wish(archive_id, sku_id, &note, price).await });
    };
    let body = view! {
        <form class="wish__form" on:submit=on_submit data-wish-form=archive_id>
            <label class="field" for=target_id.clone()>
                <span class="field__label">{move || i18n.t("wishlist.target")}</span>
            </label>
            <input id=target_id class="input" type="text" inputmode="decimal" name="target_price"
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || target.get()
                on:input=move |ev| target.set(event_target_value(&ev)) />
            <p id=error_id class="field__error" role="alert">
                {move || invalid.get().then(|| i18n.t("wishlist.bad_price"))}
            </p>
            <label class="field" for=remark_id.clone()>
                <span class="field__label">{move || i18n.t("wishlist.remark")}</span>
            </label>
            <textarea id=remark_id class="input" name="remark" rows="2" maxlength="250"
                prop:value=move || remark.get()
                on:input=move |ev| remark.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button" disabled=move || save.pending.get()>
                {move || if editing { i18n.t("wishlist.save") } else { i18n.t("wishlist.add") }}
            </button>
            {move || match save.value.get() {
                Some(Ok(_)) => Some(view! {
                    <p class="notice notice--success" role="status">
                        {i18n.t("wishlist.saved")} " "
                        <a href=link(&Route::Wishlist.path())>{i18n.t("wishlist.title")}</a>
                    </p>
                }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </form>
    };
    if editing {
        body.into_any()
    } else {
        view! {
            <details class="wish">
                <summary class="wish__summary">{move || i18n.t("wishlist.add_open")}</summary>
                {body}
            </details>
        }
        .into_any()
    }
}
