//! `/`: banners, recommended products, latest articles; title and description from the
//! home-page TDK setting.

use leptos::prelude::*;

use crate::api;
use crate::api::content::ListingScope;
use crate::components::cards::CardGrid;
use crate::components::data_view::{loaded, DataView};
use crate::components::page_meta::PageMeta;
use crate::components::skeleton::CardGridSkeleton;
use crate::config::link;
use crate::domain::listing::ListingQuery;
use crate::domain::Banner;
use crate::i18n::use_i18n;
use crate::use_site;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let product_module = site.product_module();
    let article_module = site.article_module();

    let seo = LocalResource::new(api::site::home_seo);
    let banners = LocalResource::new(api::site::banners);
    let recommended = LocalResource::new(move || api::content::flagged(product_module, 'c', 8));
    let latest = LocalResource::new(move || async move {
        let scope = ListingScope {
            module_id: Some(article_module),
            ..Default::default()
        };
        let query = ListingQuery {
            page: 1,
            ..Default::default()
        };
        api::content::archives(&scope, &query, 6)
            .await
            .map(|page| page.items)
    });

    let site_name = site.info.name.clone();
    let title = Signal::derive(move || {
        seo.get()
            .and_then(|r| r.ok())
            .map(|s| s.title)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| site_name.clone())
    });
    let description = Signal::derive(move || {
        seo.get()
            .and_then(|r| r.ok())
            .map(|s| s.description)
            .unwrap_or_default()
    });

    view! {
        <PageMeta title description />
        <h1 class="visually-hidden">{move || title.get()}</h1>
        <section class="home-banners" aria-label=move || i18n.t("home.banners")>
            <DataView fallback=|| view! { <div class="skeleton skeleton--banner"></div> }>
                    {move || Suspend::new(async move { loaded(banners.await.map(|list| view! { <BannerStrip banners=list /> }), move || banners.refetch()) })}
                </DataView>
        </section>
        <section class="section" aria-labelledby="home-recommended">
            <div class="section__head">
                <h2 class="section__title" id="home-recommended">{move || i18n.t("home.recommended")}</h2>
                <a class="section__more" href=link("/products")>{move || i18n.t("home.all_products")}</a>
            </div>
            <DataView fallback=|| view! { <CardGridSkeleton count=4 /> }>
                    {move || Suspend::new(async move { loaded(recommended.await.map(|items| view! { <CardGrid items /> }), move || recommended.refetch()) })}
                </DataView>
        </section>
        <section class="section" aria-labelledby="home-latest">
            <div class="section__head">
                <h2 class="section__title" id="home-latest">{move || i18n.t("home.latest")}</h2>
                <a class="section__more" href=link("/articles")>{move || i18n.t("home.all_articles")}</a>
            </div>
            <DataView fallback=|| view! { <CardGridSkeleton count=3 /> }>
                    {move || Suspend::new(async move { loaded(latest.await.map(|items| view! { <CardGrid items /> }), move || latest.refetch()) })}
                </DataView>
        </section>
    }
}

/// A swipeable strip of banners (CSS scroll snap; no script needed to browse it).
#[component]
fn BannerStrip(banners: Vec<Banner>) -> impl IntoView {
    if banners.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class="banner-strip">
            {banners
                .into_iter()
                .enumerate()
                .map(|(i, banner)| {
                    // The first banner is the likely largest paint: load it first.
                    let image = view! {
                        <img
                            class="banner-strip__image"
                            src=banner.image
                            alt=banner.alt.clone()
                            width="1200"
                            height="480"
                            loading=if i == 0 { "eager" } else { "lazy" }
                            fetchpriority=if i == 0 { "high" } else { "auto" }
                        />
                    };
                    let caption = (!banner.description.is_empty())
                        .then(|| view! { <p class="banner-strip__caption">{banner.description}</p> });
                    let body = match banner.href {
                        Some(href) => view! { <a href=href>{image}{caption}</a> }.into_any(),
                        None => view! { {image}{caption} }.into_any(),
                    };
                    view! { <li class="banner-strip__item">{body}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
