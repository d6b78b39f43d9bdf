//! Coupons as the shopper sees them: their terms in words, and a card to claim one.

use leptos::prelude::*;

use crate::api;
use crate::api::coupons::CouponOffer;
use crate::domain::pricing::{Coupon, CouponKind, CouponRefusal};
use crate::i18n::use_i18n;
use crate::state::write::Write;

/// A coupon's terms in words: "¥20 off", "15% off, up to ¥30", its minimum and expiry.
pub fn coupon_terms(
    coupon: &Coupon,
) -> impl Fn(crate::i18n::I18n) -> String + Clone + Send + Sync + 'static {
    let coupon = coupon.clone();
    move |i18n| {
        let off = match coupon.kind {
            CouponKind::Fixed(amount) => {
                i18n.t_with("coupon.fixed", &[("amount", &i18n.money(amount))])
            }
            CouponKind::PercentOff {
                percent,
                cap: Some(cap),
            } => i18n.t_with(
                "coupon.percent_capped",
                &[("percent", &percent.to_string()), ("cap", &i18n.money(cap))],
            ),
            CouponKind::PercentOff { percent, cap: None } => {
                i18n.t_with("coupon.percent", &[("percent", &percent.to_string())])
            }
        };
        let min = (!coupon.min_amount.is_free())
            .then(|| i18n.t_with("coupon.min", &[("amount", &i18n.money(coupon.min_amount))]));
        let until = coupon
            .expires_at
            .and_then(crate::domain::time::iso_date)
            .map(|d| i18n.t_with("coupon.until", &[("date", &d)]));
        [Some(off), min, until]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Why a coupon does not apply, in words.
pub fn refusal_text(i18n: crate::i18n::I18n, refusal: CouponRefusal) -> String {
    match refusal {
        CouponRefusal::Used => i18n.t("coupon.used"),
        CouponRefusal::NotYetValid => i18n.t("coupon.not_yet"),
        CouponRefusal::Expired => i18n.t("coupon.expired"),
        CouponRefusal::BelowMinimum { missing } => {
            i18n.t_with("coupon.below_minimum", &[("amount", &i18n.money(missing))])
        }
        CouponRefusal::NotForTheseProducts => i18n.t("coupon.other_products"),
    }
}

/// Whether a claim may have changed what the shopper holds, so the coupon lists are read
/// again: it went through, its answer was lost (it may have gone through: the list then says
/// "claimed" rather than offering a second claim), or the server refused it (run out, already
/// held).
pub fn claim_needs_reread(outcome: &Result<Coupon, api::ApiError>) -> bool {
    matches!(
        outcome,
        Ok(_)
            | Err(api::ApiError::Timeout
                | api::ApiError::Network(_)
                | api::ApiError::Refused { .. })
    )
}

/// A coupon the shop offers, with a claim button (or "claimed" once the shopper holds it).
/// `claim` is the page's one claim at a time: a double click claims once.
#[component]
pub fn CouponCard(
    offer: CouponOffer,
    claim: Write<Result<Coupon, api::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = offer.coupon.id;
    let terms = coupon_terms(&offer.coupon);
    let held = offer.claimed();
    // Claimed in this visit: the card says so before the list is read again.
    let claimed_now = move || claim.value.with(|v| matches!(v, Some(Ok(c)) if c.id == id));
    let run_out = offer.remaining == Some(0);
    view! {
        <li class="coupon-card" data-coupon=id.to_string()>
            <p class="coupon-card__name">{offer.coupon.name.clone()}</p>
            <p class="coupon-card__terms">{move || terms(i18n)}</p>
            {(!offer.description.is_empty()).then(|| view! { <p class="coupon-card__description">{offer.description.clone()}</p> })}
            {offer.remaining.filter(|n| *n > 0).map(|n| view! {
                <p class="coupon-card__left">{move || i18n.t_with("coupon.left", &[("n", &n.to_string())])}</p>
            })}
            {move || if held || claimed_now() {
                view! { <p class="chip coupon-card__held">{i18n.t("coupon.held")}</p> }.into_any()
            } else if run_out {
                view! { <p class="chip coupon-card__gone">{i18n.t("coupon.run_out")}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="button coupon-card__claim"
                        disabled=move || claim.pending.get()
                        on:click=move |_| claim.run(async move { api::coupons::claim(id).await })>
                        {i18n.t("coupon.claim")}
                    </button>
                }.into_any()
            }}
        </li>
    }
}
