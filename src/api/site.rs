//! Site-wide data: settings, navigation, banners, links, languages, modules.

use std::collections::HashMap;

use super::client::get;
use super::content::{all_categories, pages};
use super::wire::*;
use super::ApiError;
use crate::domain::*;

/// Identity and contact details. Also the start-up probe: if this fails, the API is not
/// usable and the setup screen explains why.
pub async fn site_info() -> Result<SiteInfo, ApiError> {
    let (system, contact) = futures::join!(
        get::<WireSystem>("setting/system", &[]),
        get::<WireContact>("setting/contact", &[])
    );
    let system = system?.data.unwrap_or_default();
    // The contact block only decorates the footer; a failure there must not block the shop.
    let contact = contact.ok().and_then(|r| r.data).unwrap_or_default();
    Ok(SiteInfo {
        name: system.site_name.unwrap_or_default(),
        logo: image(system.site_logo),
        icp: system.site_icp.unwrap_or_default(),
        copyright: system.site_copyright.unwrap_or_default(),
        base_url: system.base_url.unwrap_or_default(),
        language: system.language.unwrap_or_default(),
        contact: Contact {
            name: contact.user_name.unwrap_or_default(),
            phone: contact.cellphone.unwrap_or_default(),
            email: contact.email.unwrap_or_default(),
            address: contact.address.unwrap_or_default(),
            wechat: contact.wechat.unwrap_or_default(),
        },
    })
}

/// The home page's title, description and keywords.
pub async fn home_seo() -> Result<Seo, ApiError> {
    let tdk = get::<WireIndexTdk>("setting/index", &[])
        .await?
        .data
        .unwrap_or_default();
    Ok(Seo {
        title: tdk.seo_title.unwrap_or_default(),
        description: tdk.seo_description.unwrap_or_default(),
        keywords: tdk.seo_keywords.unwrap_or_default(),
        canonical: None,
    })
}

/// The main menu with links resolved to readable app routes.
pub async fn navigation() -> Result<Vec<NavItem>, ApiError> {
    let navs = get::<Vec<WireNav>>("nav/list", &[("typeId", "1".into())])
        .await?
        .list();
    // Categories and pages give the url_tokens behind nav ids; without them links fall back
    // to numeric routes, which still work.
    let (categories, single_pages) = futures::join!(all_categories(), pages());
    let (categories, single_pages) = (
        categories.unwrap_or_default(),
        single_pages.unwrap_or_default(),
    );
    let mut routes: HashMap<i64, String> = HashMap::new();
    for category in &categories {
        routes.insert(category.id, category.href());
    }
    for page in &single_pages {
        routes.insert(page.id, page.href());
    }
    Ok(nav_items(navs, &|id| routes.get(&id).cloned()))
}

pub async fn banners() -> Result<Vec<Banner>, ApiError> {
    let list = get::<Vec<WireBanner>>("banner/list", &[("type", "default".into())])
        .await?
        .list();
    Ok(list
        .into_iter()
        .filter_map(WireBanner::into_banner)
        .collect())
}

pub async fn friend_links() -> Result<Vec<FriendLink>, ApiError> {
    let list = get::<Vec<WireLink>>("friendlink/list", &[]).await?.list();
    Ok(list.into_iter().filter_map(WireLink::into_link).collect())
}

/// The language sites; empty when multi-language is off (the server sends `null`).
pub async fn languages() -> Result<Vec<LanguageSite>, ApiError> {
    let list = get::<Vec<WireLanguage>>("languages", &[]).await?.list();
    Ok(list
        .into_iter()
        .map(WireLanguage::into_site)
        .filter(|s| s.site_id > 0)
        .collect())
}

/// Module ids with their content kind, so listings know whether to show prices.
pub async fn module_kinds() -> Result<Vec<(i64, ContentKind)>, ApiError> {
    let modules = get::<Vec<WireModule>>("module/list", &[]).await?.list();
    Ok(modules.iter().map(|m| (m.id, kind_of_module(m))).collect())
}
