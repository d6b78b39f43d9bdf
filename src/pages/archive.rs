//! `/product/:slug` and `/article/:slug`: one archive. Products show a gallery, price and
//! parameters; articles a byline. Both show content, tags and previous/next links, and
//! handle password-protected and member-only content.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::SlugParams;
use crate::api;
use crate::api::coupons::{CouponOffer, OfferFilter};
use crate::api::queries::{invalidate, use_query, Query};
use crate::components::buy_box::BuyBox;
use crate::components::comments::Comments;
use crate::components::coupons::{claim_needs_reread, CouponCard};
use crate::components::data_view::{AfterContent, Loaded, Optional};
use crate::components::error_panel::{ErrorMessage, SignInLink};
use crate::components::favorites::FavoriteButton;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::DetailSkeleton;
use crate::components::wishlist::{RecordView, WishForm};
use crate::config::link;
use crate::domain::pricing::Coupon;
use crate::domain::sku::SkuIndex;
use crate::domain::time::iso_date;
use crate::domain::{
    ArchiveDetail, ContentAccess, ContentKind, Feature, Neighbour, Param, Route, Slug, TagRef,
};
use crate::i18n::use_i18n;
use crate::state::write::Write;
use crate::state::{use_feature, use_session};

#[component]
pub fn ArchivePage() -> impl IntoView {
    // `/product/3` is AnqiCMS's URL of *category* 3 of the module whose url_token is
    // `product`; the shop's own archive links by id end in `.html`, so a bare number here
    // is a CMS link (a bookmark, a search result) and goes to the category.
    if !is_bare_number() {
        return view! { <ArchiveContent /> }.into_any();
    }
    // Recognising the CMS's category URL needs the module table (its url_tokens).
    let route = LocalResource::new(|| async {
        api::site::module_kinds().await;
    });
    view! {
        <Suspense fallback=|| view! { <DetailSkeleton /> }>
            {move || Suspend::new(async move {
                route.await;
                match cms_category_route() {
                    Some(route) => {
                        super::not_found::replace_with(route);
                        ().into_any()
                    }
                    None => view! { <ArchiveContent /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ArchiveContent() -> impl IntoView {
    let slug = SlugParams::slug();
    let archive = use_query(api::content::archive, move || slug.get());
    // A product's options go out together with its record instead of after it, and the buy
    // box shows this very query: a second view of it, mounted once it is cached, would
    // revalidate it and rebuild the picker under the shopper's first clicks. (Under /article/
    // a product's buy box starts the read itself.)
    let options = on_product_route()
        .then(|| use_query(api::shop::product_options_by_slug, move || slug.get()));
    view! {
        <Loaded
            query=archive
            fallback=|| view! { <DetailSkeleton /> }
            view={move |detail: ArchiveDetail| view! { <ArchiveView detail slug=slug.get_untracked() options /> }.into_any()}
            missing_is_404=true
        />
    }
    .into_any()
}

fn on_product_route() -> bool {
    let path = crate::config::route_path(&use_location().pathname.get_untracked());
    path.starts_with(&format!("/{}/", crate::domain::routes::segment::PRODUCT))
}

fn is_bare_number() -> bool {
    let path = use_location().pathname.get_untracked();
    let last = path.rsplit('/').next().unwrap_or("");
    !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())
}

fn cms_category_route() -> Option<String> {
    let path = use_location().pathname.get_untracked();
    api::site::resolve_own_link(&path).filter(|route| {
        let category = format!("/{}/", crate::domain::routes::segment::CATEGORY);
        route.starts_with(&category)
    })
}

#[component]
fn ArchiveView(
    detail: ArchiveDetail,
    /// The route's slug: the key of the reads made by it (options, parameters).
    slug: Option<Slug>,
    /// The product's options, when the page started reading them with the record.
    options: Option<Query<Option<SkuIndex>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The archive's module decides the layout (set when it was read); the route prefix is
    // only cosmetic.
    let kind = detail.summary.kind;
    let seo = detail.seo.clone();
    let description = if seo.description.is_empty() {
        detail.summary.description.clone()
    } else {
        seo.description
    };
    let title = detail.summary.title.clone();
    let crumb = detail.category.clone();
    view! {
        <PageMeta title=seo.title description canonical=seo.canonical />
        <nav class="breadcrumb" aria-label=move || i18n.t("nav.breadcrumb")>
            <ol>
                <li><A href=link(&Route::Home.path()) exact=true>{move || i18n.t("nav.home")}</A></li>
                {crumb.map(|c| { let href = link(&c.href()); view! { <li><A href=href>{c.title}</A></li> } })}
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        {match kind {
            ContentKind::Product => view! { <ProductLayout detail slug options /> }.into_any(),
            ContentKind::Article => view! { <ArticleLayout detail slug /> }.into_any(),
        }}
    }
}

#[component]
fn ProductLayout(
    detail: ArchiveDetail,
    slug: Option<Slug>,
    options: Option<Query<Option<SkuIndex>>>,
) -> impl IntoView {
    // The chosen SKU's own picture, shown in place of the gallery's main image.
    let sku_image = RwSignal::new(None::<String>);
    let images = if detail.images.is_empty() {
        detail.summary.thumb.clone().into_iter().collect()
    } else {
        detail.images.clone()
    };
    view! {
        <article class="detail detail--product">
            <Gallery images title=detail.summary.title.clone() sku_image />
            <div class="detail__summary">
                <h1 class="page-title">{detail.summary.title.clone()}</h1>
                <FavoriteButton archive_id=detail.summary.id title=detail.summary.title.clone() large=true />
                <RecordView detail=detail.clone() />
                {(!detail.summary.description.is_empty())
                    .then(|| view! { <p class="page-lead">{detail.summary.description.clone()}</p> })}
                <BuyBox detail=detail.clone() slug=slug.clone() options sku_image />
                <ProductCoupons archive_id=detail.summary.id />
                <WishForm archive_id=detail.summary.id />
                <AfterContent><Params slug=slug.clone() title_key="detail.params" /></AfterContent>
            </div>
        </article>
        <section class="detail__content">
            <Body detail=detail.clone() />
            <TagList tags=detail.tags.clone() />
            <AfterContent><Neighbours id=detail.summary.id /></AfterContent>
        </section>
        <crate::components::reviews::ProductReviews archive_id=detail.summary.id />
    }
}

#[component]
fn ArticleLayout(detail: ArchiveDetail, slug: Option<Slug>) -> impl IntoView {
    let i18n = use_i18n();
    let date = iso_date(detail.summary.created_at);
    let views = detail.summary.views.to_string();
    let hero = detail.images.first().cloned();
    view! {
        <article class="article">
            <header class="article__header">
                <h1 class="page-title">{detail.summary.title.clone()}</h1>
                <p class="article__meta">
                    {date.map(|d| { let label = d.clone(); view! { <time datetime=d>{label}</time> } })}
                    <span>{move || i18n.t_with("detail.views", &[("n", &views)])}</span>
                </p>
            </header>
            {hero.map(|src| view! {
                <img class="article__hero" src=src alt="" width="1200" height="630" fetchpriority="high" />
            })}
            <Body detail=detail.clone() />
            // After the body, which it would push down when it arrives after the paint.
            <AfterContent><Params slug=slug.clone() title_key="detail.details" /></AfterContent>
            <TagList tags=detail.tags.clone() />
            <AfterContent><Neighbours id=detail.summary.id /></AfterContent>
        </article>
        <Comments archive_id=detail.summary.id />
    }
}

/// The content, or what stands in its way: a password form or a membership notice.
#[component]
fn Body(detail: ArchiveDetail) -> impl IntoView {
    match detail.access {
        ContentAccess::Open => view! { <RichHtml html=detail.content_html /> }.into_any(),
        ContentAccess::PasswordRequired => {
            view! { <PasswordGate id=detail.summary.id /> }.into_any()
        }
        ContentAccess::LevelRequired { level } => view! { <LevelNotice level /> }.into_any(),
    }
}

/// Asks for the archive password and shows the content once it matches.
#[component]
fn PasswordGate(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let unlock = Action::new_local(move |password: &String| {
        let password = password.clone();
        async move { api::content::unlock(id, &password).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second submit while the first is in flight would only race it.
        if unlock.pending().get_untracked() {
            return;
        }
        let password = input.get().map(|el| el.value()).unwrap_or_default();
        if !password.is_empty() {
            unlock.dispatch(password);
        }
    };
    view! {
        {move || match unlock.value().get() {
            Some(Ok(Some(content))) => view! { <RichHtml html=content /> }.into_any(),
            outcome => {
                let wrong = matches!(outcome, Some(Ok(None)));
                let failure = match outcome {
                    Some(Err(err)) => Some(err),
                    _ => None,
                };
                view! {
                    <form class="gate" on:submit=on_submit>
                        <p class="gate__lead">{move || i18n.t("detail.locked")}</p>
                        <label class="field">
                            <span class="field__label">{move || i18n.t("detail.password_label")}</span>
                            <input node_ref=input type="password" name="password" autocomplete="off" required />
                        </label>
                        {wrong.then(|| view! { <p class="field__error" role="alert">{move || i18n.t("detail.wrong_password")}</p> })}
                        <button type="submit" class="button" disabled=move || unlock.pending().get()>
                            {move || if unlock.pending().get() { i18n.t("detail.unlocking") } else { i18n.t("detail.unlock") }}
                        </button>
                    </form>
                    {failure.map(|error| view! { <ErrorMessage error /> })}
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn LevelNotice(level: i64) -> impl IntoView {
    let i18n = use_i18n();
    let level = level.to_string();
    let session = use_session();
    view! {
        <div class="gate" role="note">
            <p class="gate__lead">{move || i18n.t_with("detail.level_required", &[("level", &level)])}</p>
            {move || (!session.signed_in()).then(|| view! {
                <SignInLink label_key="detail.sign_in_to_read" />
            })}
        </div>
    }
}

/// Main image with thumbnails; choosing a thumbnail swaps the main image.
#[component]
fn Gallery(
    images: Vec<String>,
    title: String,
    sku_image: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (selected, set_selected) = signal(0usize);
    // Choosing a SKU shows its picture; choosing a thumbnail afterwards shows that one.
    let (sku_shown, set_sku_shown) = signal(true);
    Effect::new(move |_| {
        sku_image.track();
        set_sku_shown.set(true);
    });
    let main_images = images.clone();
    let main = move || {
        sku_image
            .get()
            .filter(|_| sku_shown.get())
            .or_else(|| main_images.get(selected.get()).cloned())
    };
    let count = images.len();
    view! {
        <div class="gallery" role="group" aria-label=move || i18n.t("detail.gallery")>
            <div class="gallery__main">
                {move || main().map(|src| view! {
                    <img src=src alt=title.clone() width="800" height="800" fetchpriority="high" decoding="async" />
                })}
            </div>
            {(count > 1).then(|| view! {
                <ul class="gallery__thumbs">
                    {images.into_iter().enumerate().map(|(i, src)| {
                        let n = (i + 1).to_string();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="gallery__thumb"
                                    aria-pressed=move || (selected.get() == i).to_string()
                                    on:click=move |_| {
                                        set_selected.set(i);
                                        set_sku_shown.set(false);
                                    }
                                >
                                    <img src=src alt="" width="80" height="80" loading="lazy" />
                                    <span class="visually-hidden">{move || i18n.t_with("detail.image_n", &[("n", &n)])}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// The archive's custom fields, read after the record painted and left out when they fail.
#[component]
fn Params(slug: Option<Slug>, title_key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query(api::content::archive_params, move || slug.clone());
    view! {
        <Optional
            query=params
            view={move |params: Vec<Param>| {
                (!params.is_empty()).then(|| view! {
                    <section class="params">
                        <h2 class="section__title">{move || i18n.t(title_key)}</h2>
                        <dl class="params__list">
                            {params.into_iter().map(|p| view! { <div class="params__row"><dt>{p.name}</dt><dd>{p.value}</dd></div> }).collect_view()}
                        </dl>
                    </section>
                }).into_any()
            }}
        />
    }
}

#[component]
fn TagList(tags: Vec<TagRef>) -> impl IntoView {
    let i18n = use_i18n();
    (!tags.is_empty()).then(|| view! {
        <section class="tag-list" aria-label=move || i18n.t("detail.tags")>
            <ul class="chip-list">
                {tags.into_iter().map(|t| { let href = link(&t.href()); view! { <li><A href=href attr:class="chip">{t.title}</A></li> } }).collect_view()}
            </ul>
        </section>
    })
}

/// Previous/next in the same category. Secondary content: a failure hides it quietly.
#[component]
fn Neighbours(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let neighbours = use_query(api::content::neighbours, move || id);
    view! {
        <Optional query=neighbours view={move |(prev, next): (Option<Neighbour>, Option<Neighbour>)| {
            (prev.is_some() || next.is_some()).then(|| view! {
                <nav class="neighbours">
                    {prev.map(|n| view! {
                        <A href=link(&n.href) attr:class="neighbours__link" attr:rel="prev">
                            <span class="neighbours__label">{move || i18n.t("detail.previous")}</span>
                            <span>{n.title}</span>
                        </A>
                    })}
                    {next.map(|n| view! {
                        <A href=link(&n.href) attr:class="neighbours__link neighbours__link--next" attr:rel="next">
                            <span class="neighbours__label">{move || i18n.t("detail.next")}</span>
                            <span>{n.title}</span>
                        </A>
                    })}
                </nav>
            }).into_any()
        }} />
    }
}

/// The coupons that apply to this product, claimable here (documented edition). A guest is
/// offered sign-in instead, and back to this product after it.
#[component]
fn ProductCoupons(archive_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let offered = use_feature(Feature::Coupons);
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
                    <p class="product-coupons product-coupons--guest">
                        <A href=sign_in>{move || i18n.t("coupon.sign_in_to_claim")}</A>
                    </p>
                }
                .into_any(),
            );
        }
        Some(view! { <ProductCouponList archive_id /> }.into_any())
    }
}

#[component]
fn ProductCouponList(archive_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let filter = OfferFilter {
        amount: None,
        archive_id: Some(archive_id),
    };
    let offers = use_query(api::coupons::offers, move || filter);
    let claim = Write::<Result<Coupon, api::ApiError>>::new();
    Effect::new(move |_| {
        if claim.value.get().as_ref().is_some_and(claim_needs_reread) {
            invalidate(api::coupons::offers, OfferFilter::default());
            invalidate(api::coupons::offers, filter);
        }
    });
    view! {
        <Optional
            query=offers
            view={move |offers: Vec<CouponOffer>| {
                if offers.is_empty() {
                    return ().into_any();
                }
                view! {
                    <section class="product-coupons" aria-labelledby="product-coupons-title">
                        <h2 id="product-coupons-title" class="section__title">{move || i18n.t("coupon.for_product")}</h2>
                        <ul class="coupon-list coupon-list--compact">
                            {offers.into_iter().map(|offer| view! { <CouponCard offer claim /> }).collect_view()}
                        </ul>
                        {move || match claim.value.get() {
                            Some(Ok(_)) => Some(view! { <p class="notice notice--success" role="status">{i18n.t("coupon.claimed_notice")}</p> }.into_any()),
                            Some(Err(api::ApiError::Unauthorized)) | None => None,
                            Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                        }}
                    </section>
                }.into_any()
            }}
        />
    }
}
