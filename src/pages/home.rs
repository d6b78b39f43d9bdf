//! `/`: banners, recommended products, latest articles; title and description from the
//! home-page TDK setting.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::api::queries::use_query;
use crate::components::cards::CardGrid;
use crate::components::data_view::Loaded;
use crate::components::page_meta::PageMeta;
use crate::components::skeleton::CardGridSkeleton;
use crate::config::link;
use crate::domain::listing::ListingQuery;
use crate::domain::{
    ArchiveSummary, Banner, ContentKind, ListingScope, ModuleRef, NavTarget, Paged, Route,
};
use crate::i18n::use_i18n;
use crate::state::use_site;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let product_module = ModuleRef::FirstOf(ContentKind::Product);
    let article_module = ModuleRef::FirstOf(ContentKind::Article);

    let seo = use_query(api::site::home_seo, || ());
    let banners = use_query(api::site::banners, || ());
    let recommended = use_query(api::content::flagged, move || (product_module, 'c', 8));
    let latest_scope = ListingScope {
        module: Some(article_module),
        ..Default::default()
    };
    let first_page = ListingQuery {
        page: 1,
        ..Default::default()
    };
    let latest = use_query(api::content::archives, move || {
        (latest_scope.clone(), first_page.clone(), 6)
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
            <Loaded
                query=banners
                fallback=|| view! { <div class="skeleton skeleton--banner"></div> }
                view={|list: Vec<Banner>| view! { <BannerStrip banners=list /> }.into_any()}
            />
        </section>
        <section class="section" aria-labelledby="home-recommended">
            <div class="section__head">
                <h2 class="section__title" id="home-recommended">{move || i18n.t("home.recommended")}</h2>
                <A href=link(&Route::Products.path()) attr:class="section__more">{move || i18n.t("home.all_products")}</A>
            </div>
            <Loaded
                query=recommended
                fallback=|| view! { <CardGridSkeleton count=4 /> }
                view={|items: Vec<ArchiveSummary>| view! { <CardGrid items /> }.into_any()}
            />
        </section>
        <section class="section" aria-labelledby="home-latest">
            <div class="section__head">
                <h2 class="section__title" id="home-latest">{move || i18n.t("home.latest")}</h2>
                <A href=link(&Route::Articles.path()) attr:class="section__more">{move || i18n.t("home.all_articles")}</A>
            </div>
            <Loaded
                query=latest
                fallback=|| view! { <CardGridSkeleton count=3 /> }
                view={|page: Paged<ArchiveSummary>| view! { <CardGrid items=page.items /> }.into_any()}
            />
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
                    let body = match banner.link {
                        Some(NavTarget::Internal(route)) => {
                            view! { <A href=link(&route)>{image}{caption}</A> }.into_any()
                        }
                        Some(NavTarget::External(url)) => {
                            view! { <a href=url rel="noopener">{image}{caption}</a> }.into_any()
                        }
                        None => view! { {image}{caption} }.into_any(),
                    };
                    view! { <li class="banner-strip__item">{body}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
