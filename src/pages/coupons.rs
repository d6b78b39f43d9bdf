//! `/account/coupons?tab=&page=`: coupons to claim, the shopper's own (unused), used and
//! expired ones. The tab and page live in the address. On a server without coupons (the
//! open-source edition) the page says so instead of failing.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::api::coupons::{CodePage, CodeStatus, CouponOffer, OfferFilter, CODES_PAGE_SIZE};
use crate::api::queries::{invalidate, use_query};
use crate::components::coupons::{claim_needs_reread, coupon_terms, CouponCard};
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::PageLinks;
use crate::config::link;
use crate::domain::pricing::Coupon;
use crate::domain::{Feature, Route};
use crate::i18n::use_i18n;
use crate::state::write::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Available,
    Mine,
    Used,
    Expired,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Available, Tab::Mine, Tab::Used, Tab::Expired];

    fn slug(self) -> &'static str {
        match self {
            Tab::Available => "available",
            Tab::Mine => "mine",
            Tab::Used => "used",
            Tab::Expired => "expired",
        }
    }

    fn from_slug(slug: &str) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.slug() == slug)
            .unwrap_or(Tab::Available)
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Available => "coupon.tab_available",
            Tab::Mine => "coupon.tab_mine",
            Tab::Used => "coupon.tab_used",
            Tab::Expired => "coupon.tab_expired",
        }
    }

    fn empty(self) -> &'static str {
        match self {
            Tab::Available => "coupon.empty_available",
            Tab::Mine => "coupon.empty_mine",
            Tab::Used => "coupon.empty_used",
            Tab::Expired => "coupon.empty_expired",
        }
    }

    fn status(self) -> CodeStatus {
        match self {
            Tab::Used => CodeStatus::Used,
            Tab::Expired => CodeStatus::Expired,
            _ => CodeStatus::Unused,
        }
    }
}

fn coupons_path(tab: Tab, page: u32) -> String {
    let mut path = format!("{}?tab={}", Route::Coupons.path(), tab.slug());
    if page > 1 {
        path.push_str(&format!("&page={page}"));
    }
    path
}

#[component]
pub fn CouponsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| Tab::from_slug(&query.with(|q| q.get("tab")).unwrap_or_default()));
    let page = super::page_param(query);
    let features = use_query(api::capabilities::detect, || ());
    let title = Signal::derive(move || i18n.t("coupon.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <Loaded
            query=features
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |features: crate::domain::Capabilities| {
                if !features.has(Feature::Coupons) {
                    return view! { <p class="notice notice--info">{i18n.t("coupon.not_offered")}</p> }.into_any();
                }
                view! {
                    <nav class="order-tabs" aria-label=move || i18n.t("coupon.tabs")>
                        <ul class="order-tabs__list">
                            {Tab::ALL.into_iter().map(|t| view! {
                                <li>
                                    <A href=link(&coupons_path(t, 1)) attr:class="order-tabs__tab" attr:data-tab=t.slug()
                                        attr:aria-current=move || (tab.get() == t).then_some("page")>
                                        {move || i18n.t(t.label())}
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    </nav>
                    {move || match tab.get() {
                        Tab::Available => view! { <Offers /> }.into_any(),
                        t => view! { <Codes tab=t page=page.get() /> }.into_any(),
                    }}
                }.into_any()
            }}
        />
    }
}

/// The coupons the shop offers now, each claimable once.
#[component]
fn Offers() -> impl IntoView {
    let i18n = use_i18n();
    let offers = use_query(api::coupons::offers, OfferFilter::default);
    let claim = Write::<Result<Coupon, api::ApiError>>::new();
    Effect::new(move |_| {
        if claim.value.get().as_ref().is_some_and(claim_needs_reread) {
            invalidate(api::coupons::offers, OfferFilter::default());
            for page in 1..=5 {
                invalidate(api::coupons::my_codes, (CodeStatus::Unused, page));
            }
        }
    });
    view! {
        {move || match claim.value.get() {
            Some(Ok(_)) => Some(view! { <p class="notice notice--success" role="status">{i18n.t("coupon.claimed_notice")}</p> }.into_any()),
            Some(Err(api::ApiError::Unauthorized)) | None => None,
            Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
        }}
        <Loaded
            query=offers
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |offers: Vec<CouponOffer>| {
                if offers.is_empty() {
                    return view! { <p class="coupons__empty">{i18n.t(Tab::Available.empty())}</p> }.into_any();
                }
                view! {
                    <ul class="coupon-list">
                        {offers.into_iter().map(|offer| view! { <CouponCard offer claim /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        />
    }
}

/// The shopper's codes under one status, paged.
#[component]
fn Codes(tab: Tab, page: u32) -> impl IntoView {
    let i18n = use_i18n();
    let codes = use_query(api::coupons::my_codes, move || (tab.status(), page));
    view! {
        <Loaded
            query=codes
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={move |found: CodePage| {
                if found.coupons.is_empty() {
                    return view! { <p class="coupons__empty">{i18n.t(tab.empty())}</p> }.into_any();
                }
                let href = Callback::new(move |p: u32| link(&coupons_path(tab, p)));
                view! {
                    <ul class="coupon-list">
                        {found.coupons.into_iter().map(|coupon| {
                            let terms = coupon_terms(&coupon);
                            view! {
                                <li class="coupon-card" data-coupon=coupon.id.to_string() data-state=tab.slug()>
                                    <p class="coupon-card__name">{coupon.name.clone()}</p>
                                    <p class="coupon-card__terms">{move || terms(i18n)}</p>
                                    {(!coupon.code.is_empty()).then(|| view! {
                                        <p class="coupon-card__code">{move || i18n.t("coupon.code")}": "<code>{coupon.code.clone()}</code></p>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <PageLinks current=page total=found.total page_size=CODES_PAGE_SIZE href />
                }.into_any()
            }}
        />
    }
}
