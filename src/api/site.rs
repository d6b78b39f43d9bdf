//! Site-wide data: settings, navigation, banners, links, languages, modules.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::client::get_shared as get;
use super::content::{all_categories, pages};
use super::wire::*;
use super::ApiError;
use crate::domain::*;

type SharedRead<T> = Shared<LocalBoxFuture<'static, T>>;
type LanguagesRead = SharedRead<Result<Vec<LanguageSite>, ApiError>>;

thread_local! {
    // The connected site's module table once read (`None` before), so that wire mapping
    // gives every archive its kind from the one source of truth.
    static MODULES: RefCell<Option<ModuleKinds>> = const { RefCell::new(None) };
    static MODULES_READ: RefCell<Option<SharedRead<ModuleKinds>>> = const { RefCell::new(None) };
    // The language sites, once read: the same list from every site of the install.
    static LANGUAGES: RefCell<Option<Vec<LanguageSite>>> = const { RefCell::new(None) };
    static LANGUAGES_READ: RefCell<Option<LanguagesRead>> = const { RefCell::new(None) };
    // Counts connections, so a module read for the previous site never lands in this one.
    static CONNECTION: Cell<u32> = const { Cell::new(0) };
    // What it takes to recognise the site's own AnqiCMS URLs in CMS-written links.
    static OWN_SITE: RefCell<OwnSite> = RefCell::new(OwnSite::default());
}

/// The connected site's origins, language directories and module url_tokens.
#[derive(Clone, Debug, Default)]
pub struct OwnSite {
    pub origins: Vec<String>,
    pub language_dirs: Vec<String>,
    pub modules: Vec<(String, ContentKind)>,
}

/// A new connection (start-up, language switch, retry): the module table belongs to the
/// site, so it is read again when something needs it. The language list is kept.
pub fn begin_connection() {
    CONNECTION.with(|c| c.set(c.get().wrapping_add(1)));
    MODULES.with(|m| *m.borrow_mut() = None);
    MODULES_READ.with(|r| *r.borrow_mut() = None);
    OWN_SITE.with(|own| own.borrow_mut().modules.clear());
}

/// The origins the connected site writes into its links (its BaseUrl and the API's).
pub fn remember_origins(origins: Vec<String>) {
    OWN_SITE.with(|own| own.borrow_mut().origins = origins);
}

/// The shop route behind one of the site's own AnqiCMS URLs (`/product/26.html`), if it is
/// one. The URL must already have passed [`crate::domain::links::safe_href`].
pub fn resolve_own_link(url: &str) -> Option<String> {
    OWN_SITE.with(|own| {
        let own = own.borrow();
        let origins: Vec<&str> = own.origins.iter().map(String::as_str).collect();
        let language_dirs: Vec<&str> = own.language_dirs.iter().map(String::as_str).collect();
        let modules: Vec<(&str, ContentKind)> =
            own.modules.iter().map(|(t, k)| (t.as_str(), *k)).collect();
        let site = crate::domain::cms_links::CmsSite {
            origins: &origins,
            language_dirs: &language_dirs,
            modules: &modules,
        };
        crate::domain::cms_links::resolve_cms_link(url, &site)
    })
}

/// The connected site's module kinds as far as they are known: the defaults (1 article,
/// 2 product) until the module list has been read.
pub fn modules() -> ModuleKinds {
    MODULES.with(|m| m.borrow().clone()).unwrap_or_default()
}

/// Whether the module table has been read for this connection.
pub fn modules_known() -> bool {
    MODULES.with(|m| m.borrow().is_some())
}

/// The connected site's module kinds, reading the module list once if nobody has yet. A
/// failed read leaves the defaults, which every stock AnqiCMS install matches.
pub async fn module_kinds() -> ModuleKinds {
    if let Some(known) = MODULES.with(|m| m.borrow().clone()) {
        return known;
    }
    let read = MODULES_READ.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| read_modules().boxed_local().shared())
            .clone()
    });
    read.await
}

/// The kinds needed to map a record of `module_id`: without waiting for the module list
/// when the record is in one of the two built-in modules, whose kinds never change.
pub async fn kinds_for_module(module_id: i64) -> ModuleKinds {
    match MODULES.with(|m| m.borrow().clone()) {
        Some(known) => known,
        None if module_id == 1 || module_id == 2 => ModuleKinds::default(),
        None => module_kinds().await,
    }
}

async fn read_modules() -> ModuleKinds {
    let connection = CONNECTION.with(Cell::get);
    let modules = modules_list().await.unwrap_or_default();
    let kinds = ModuleKinds::new(modules.iter().map(|(id, kind, _)| (*id, *kind)).collect());
    if CONNECTION.with(Cell::get) == connection {
        MODULES.with(|m| *m.borrow_mut() = Some(kinds.clone()));
        OWN_SITE.with(|own| {
            own.borrow_mut().modules = modules
                .into_iter()
                .filter(|(_, _, token)| !token.is_empty())
                .map(|(_, kind, token)| (token, kind))
                .collect();
        });
    }
    kinds
}

/// The language sites if they have been read in this page load.
pub fn known_languages() -> Option<Vec<LanguageSite>> {
    LANGUAGES.with(|l| l.borrow().clone())
}

/// The language sites, read once per page load (a failed read is tried again next time).
pub async fn language_sites() -> Result<Vec<LanguageSite>, ApiError> {
    if let Some(known) = known_languages() {
        return Ok(known);
    }
    let read = LANGUAGES_READ.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| read_languages().boxed_local().shared())
            .clone()
    });
    read.await
}

async fn read_languages() -> Result<Vec<LanguageSite>, ApiError> {
    let answer = languages().await;
    match &answer {
        Ok(list) => {
            LANGUAGES.with(|l| *l.borrow_mut() = Some(list.clone()));
            let dirs = list
                .iter()
                .flat_map(|l| {
                    let tag = l.language.to_ascii_lowercase();
                    let short = tag.split(['-', '_']).next().unwrap_or("").to_string();
                    [tag, short]
                })
                .filter(|dir| !dir.is_empty())
                .collect();
            OWN_SITE.with(|own| own.borrow_mut().language_dirs = dirs);
        }
        Err(_) => LANGUAGES_READ.with(|slot| *slot.borrow_mut() = None),
    }
    answer
}

/// The ids of every language site known, for forgetting each site's token on sign-out.
pub fn known_site_ids() -> Vec<i64> {
    known_languages()
        .unwrap_or_default()
        .iter()
        .map(|l| l.site_id)
        .collect()
}

/// The shop's identity. Also the start-up probe: if this fails, the API is not usable and
/// the setup screen explains why.
pub async fn site_info() -> Result<SiteInfo, ApiError> {
    // `data: null` here is no site at all (a broken install or a proxy answering for it):
    // the setup screen must say so rather than show a shop without a name.
    let system = get::<WireSystem>("setting/system", &[])
        .await?
        .data
        .ok_or_else(|| ApiError::Malformed("setting/system answered without data".into()))?;
    Ok(SiteInfo {
        name: system.site_name.unwrap_or_default(),
        logo: image(system.site_logo),
        icp: system.site_icp.unwrap_or_default(),
        copyright: system.site_copyright.unwrap_or_default(),
        base_url: system.base_url.unwrap_or_default(),
        language: system.language.unwrap_or_default(),
    })
}

/// The footer's contact details (cache key `()`). Only decoration: the footer leaves the
/// block out when this fails.
pub async fn contact(_: ()) -> Result<Contact, ApiError> {
    let contact = get::<WireContact>("setting/contact", &[])
        .await?
        .data
        .unwrap_or_default();
    Ok(Contact {
        name: contact.user_name.unwrap_or_default(),
        phone: contact.cellphone.unwrap_or_default(),
        email: contact.email.unwrap_or_default(),
        address: contact.address.unwrap_or_default(),
        wechat: contact.wechat.unwrap_or_default(),
    })
}

/// The home page's title, description and keywords (cache key `()`).
pub async fn home_seo(_: ()) -> Result<Seo, ApiError> {
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

/// The main menu with links resolved to readable app routes (cache key `()`).
pub async fn navigation(_: ()) -> Result<Vec<NavItem>, ApiError> {
    // Its links are CMS URLs, recognised by the modules' url_tokens.
    module_kinds().await;
    let navs = get::<Vec<WireNav>>("nav/list", &[("typeId", "1".into())])
        .await?
        .list();
    // Categories and pages give the url_tokens behind nav ids; without them links fall back
    // to numeric routes, which still work.
    // Through the cache: the category page needs the same list, and fetches it once.
    let (categories, single_pages) = futures::join!(
        super::queries::fetch(all_categories, ()),
        super::queries::fetch(pages, ())
    );
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

pub async fn banners(_: ()) -> Result<Vec<Banner>, ApiError> {
    // Its links are CMS URLs, recognised by the modules' url_tokens (early.js reads the
    // table together with the banners on the home page).
    let params = [("type", "default".to_string())];
    let (list, _) = futures::join!(
        get::<Vec<WireBanner>>("banner/list", &params),
        module_kinds()
    );
    let list = list?.list();
    Ok(list
        .into_iter()
        .filter_map(WireBanner::into_banner)
        .collect())
}

pub async fn friend_links(_: ()) -> Result<Vec<FriendLink>, ApiError> {
    let list = get::<Vec<WireLink>>("friendlink/list", &[]).await?.list();
    Ok(list.into_iter().filter_map(WireLink::into_link).collect())
}

/// The language sites; empty when multi-language is off (the server sends `null`).
async fn languages() -> Result<Vec<LanguageSite>, ApiError> {
    let list = get::<Vec<WireLanguage>>("languages", &[]).await?.list();
    Ok(list
        .into_iter()
        .map(WireLanguage::into_site)
        .filter(|s| s.site_id > 0)
        .collect())
}

/// Modules: id, content kind and url_token, so listings know whether to show prices and
/// links to `/{url_token}/…` can be recognised.
pub async fn modules_list() -> Result<Vec<(i64, ContentKind, String)>, ApiError> {
    let modules = get::<Vec<WireModule>>("module/list", &[]).await?.list();
    Ok(modules
        .iter()
        .map(|m| {
            let token = m.url_token.clone().unwrap_or_default().trim().to_string();
            (m.id, kind_of_module(m), token)
        })
        .collect())
}
