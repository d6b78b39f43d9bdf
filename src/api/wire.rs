//! The AnqiCMS JSON shapes (contract §5) and their mapping onto the domain model. Fields are
//! `Option` with a container default, so `null` and missing keys decode instead of failing;
//! only a wrong JSON type is an error. Field names are the server's snake_case, except the
//! settings endpoints, which use PascalCase Go field names.

use serde::Deserialize;
use serde_json::Value;

use crate::domain::links::{safe_href, safe_src};
use crate::domain::sku::{OptionGroup, OptionValue, Sku, SkuIndex};
use crate::domain::*;

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireArchive {
    pub id: i64,
    pub title: Option<String>,
    pub seo_title: Option<String>,
    pub url_token: Option<String>,
    pub keywords: Option<String>,
    pub description: Option<String>,
    pub module_id: i64,
    pub category_id: i64,
    pub views: i64,
    /// Products only; AnqiCMS's "unlimited" is 9,999,999.
    pub stock: i64,
    pub images: Option<Vec<String>>,
    pub logo: Option<String>,
    pub thumb: Option<String>,
    pub price: i64,
    pub read_level: i64,
    pub has_password: bool,
    pub password_valid: Option<bool>,
    pub has_ordered: bool,
    pub created_time: i64,
    pub updated_time: i64,
    pub flag: Option<String>,
    #[serde(rename = "type")]
    pub row_type: Option<String>,
    pub content: Option<String>,
    pub canonical_url: Option<String>,
    pub link: Option<String>,
    pub category: Option<WireCategory>,
    pub tags: Option<Vec<WireTag>>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireCategory {
    pub id: i64,
    pub title: Option<String>,
    pub seo_title: Option<String>,
    pub keywords: Option<String>,
    pub url_token: Option<String>,
    pub description: Option<String>,
    pub content: Option<String>,
    pub module_id: i64,
    pub parent_id: i64,
    #[serde(rename = "type")]
    pub category_type: i64,
    pub images: Option<Vec<String>>,
    pub logo: Option<String>,
    pub thumb: Option<String>,
    pub link: Option<String>,
    pub has_children: bool,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireTag {
    pub id: i64,
    pub title: Option<String>,
    pub seo_title: Option<String>,
    pub keywords: Option<String>,
    pub url_token: Option<String>,
    pub description: Option<String>,
    pub first_letter: Option<String>,
    pub link: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireModule {
    pub id: i64,
    pub table_name: Option<String>,
    pub url_token: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireNav {
    pub id: i64,
    pub title: Option<String>,
    pub nav_type: i64,
    pub page_id: i64,
    pub link: Option<String>,
    pub nav_list: Option<Vec<WireNav>>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireBanner {
    pub logo: Option<String>,
    pub link: Option<String>,
    pub alt: Option<String>,
    pub description: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireLink {
    pub title: Option<String>,
    pub link: Option<String>,
    pub nofollow: i64,
    pub status: i64,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireLanguage {
    pub id: i64,
    pub name: Option<String>,
    pub language: Option<String>,
    pub language_name: Option<String>,
    pub is_main: bool,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireFilterGroup {
    pub name: Option<String>,
    pub field_name: Option<String>,
    pub items: Option<Vec<WireFilterItem>>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireFilterItem {
    pub label: Option<String>,
    pub value: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireCustomField {
    pub name: Option<String>,
    pub field_name: Option<String>,
    pub value: Value,
}

/// `/api/setting/system`: Go field names, PascalCase.
#[derive(Deserialize, Default, Debug)]
#[serde(default, rename_all = "PascalCase")]
pub struct WireSystem {
    pub site_name: Option<String>,
    pub site_logo: Option<String>,
    pub site_icp: Option<String>,
    pub site_copyright: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
}

/// `/api/setting/contact`: PascalCase as well.
#[derive(Deserialize, Default, Debug)]
#[serde(default, rename_all = "PascalCase")]
pub struct WireContact {
    pub user_name: Option<String>,
    pub cellphone: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
}

/// `/api/setting/index`: the home page's title, keywords, description (snake_case here).
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireIndexTdk {
    pub seo_title: Option<String>,
    pub seo_keywords: Option<String>,
    pub seo_description: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireUser {
    pub id: i64,
    pub user_name: Option<String>,
    pub real_name: Option<String>,
    pub email: Option<String>,
    pub full_avatar_url: Option<String>,
    pub token: Option<String>,
}

/// `/api/archive/password/check`: `status` tells whether the password matched.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WirePasswordCheck {
    pub status: bool,
    pub content: Option<String>,
}

fn text(value: Option<String>) -> String {
    value.unwrap_or_default().trim().to_string()
}

/// An image URL that passed the one URL rule, or `None` for the empty values AnqiCMS uses
/// ("" or a bare storage root "…/") and for anything unsafe.
pub fn image(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.ends_with('/'))
        .and_then(|v| safe_src(&v))
}

/// Where a CMS-written link leads: AnqiCMS's own URLs become shop routes, other safe URLs
/// stay external, and anything the URL rule refuses is no link at all.
pub fn link_target(value: Option<String>) -> Option<NavTarget> {
    let checked = safe_href(value.as_deref().unwrap_or("").trim())?;
    Some(match super::site::resolve_own_link(&checked) {
        Some(route) => NavTarget::Internal(route),
        None => NavTarget::External(checked),
    })
}

/// The content kind of a module from its table name.
pub fn kind_of_module(module: &WireModule) -> ContentKind {
    match module.table_name.as_deref() {
        Some("product") => ContentKind::Product,
        Some(_) => ContentKind::Article,
        None => ModuleKinds::default().kind_of(module.id),
    }
}

impl WireArchive {
    /// Full-text search may append category/tag pseudo-rows; only `type == ""` are archives.
    pub fn is_archive(&self) -> bool {
        self.row_type.as_deref().unwrap_or("").is_empty()
    }

    pub fn into_summary(self, kinds: &ModuleKinds) -> ArchiveSummary {
        let thumb = image(self.thumb).or_else(|| image(self.logo));
        ArchiveSummary {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            kind: kinds.kind_of(self.module_id),
            module_id: self.module_id,
            title: text(self.title),
            description: text(self.description),
            thumb,
            price: Money::from_cents(self.price),
            category_id: self.category_id,
            created_at: self.created_time,
            views: self.views,
            flags: self
                .flag
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphabetic())
                .collect(),
            locked: self.has_password || self.read_level > 0,
        }
    }

    pub fn into_detail(mut self, kinds: &ModuleKinds) -> ArchiveDetail {
        let access = if self.has_password && self.password_valid != Some(true) {
            ContentAccess::PasswordRequired
        } else if self.read_level > 0 && !self.has_ordered {
            ContentAccess::LevelRequired {
                level: self.read_level,
            }
        } else {
            ContentAccess::Open
        };
        let seo = Seo {
            title: text(self.seo_title.take()).if_empty(|| text(self.title.clone())),
            description: text(self.description.clone()),
            keywords: text(self.keywords.take()),
            canonical: canonical(self.canonical_url.take()).or_else(|| canonical(self.link.take())),
        };
        let images: Vec<String> = self
            .images
            .take()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| image(Some(i)))
            .collect();
        let category = self
            .category
            .take()
            .filter(|c| c.id > 0)
            .map(WireCategory::into_ref);
        let tags = self
            .tags
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(WireTag::into_ref)
            .collect();
        let content_html = match access {
            ContentAccess::Open => self.content.take().unwrap_or_default(),
            _ => String::new(),
        };
        let updated_at = self.updated_time;
        let stock = u32::try_from(self.stock.max(0)).unwrap_or(u32::MAX);
        ArchiveDetail {
            summary: self.into_summary(kinds),
            images,
            content_html,
            access,
            category,
            tags,
            updated_at,
            stock,
            seo,
        }
    }
}

/// An absolute canonical URL from the CMS, through the URL rule.
fn canonical(value: Option<String>) -> Option<String> {
    let value = value?;
    let value = value.trim();
    let absolute = value.starts_with("http://") || value.starts_with("https://");
    (absolute && !value.ends_with('/'))
        .then(|| safe_href(value))
        .flatten()
}

trait IfEmpty {
    fn if_empty(self, fallback: impl FnOnce() -> String) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, fallback: impl FnOnce() -> String) -> String {
        if self.is_empty() {
            fallback()
        } else {
            self
        }
    }
}

impl WireCategory {
    pub fn is_single_page(&self) -> bool {
        self.category_type == 3
    }

    pub fn into_ref(self) -> CategoryRef {
        CategoryRef {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            title: text(self.title),
        }
    }

    pub fn into_category(self) -> Category {
        let title = text(self.title);
        Category {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            seo: Seo {
                title: text(self.seo_title).if_empty(|| title.clone()),
                description: text(self.description.clone()),
                keywords: text(self.keywords),
                canonical: image(self.link),
            },
            title,
            description: text(self.description),
            content_html: self.content.unwrap_or_default(),
            module_id: self.module_id,
            parent_id: self.parent_id,
            image: image(self.logo).or_else(|| image(self.thumb)),
        }
    }

    pub fn into_page(self) -> SinglePage {
        let title = text(self.title);
        SinglePage {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            seo: Seo {
                title: text(self.seo_title).if_empty(|| title.clone()),
                description: text(self.description),
                keywords: text(self.keywords),
                canonical: image(self.link),
            },
            title,
            content_html: self.content.unwrap_or_default(),
            image: image(self.logo).or_else(|| image(self.thumb)),
        }
    }
}

impl WireTag {
    pub fn into_ref(self) -> TagRef {
        TagRef {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            title: text(self.title),
        }
    }

    pub fn into_tag(self) -> Tag {
        let title = text(self.title);
        Tag {
            id: self.id,
            slug: Slug::new(self.url_token.as_deref().unwrap_or(""), self.id),
            seo: Seo {
                title: text(self.seo_title).if_empty(|| title.clone()),
                description: text(self.description.clone()),
                keywords: text(self.keywords),
                canonical: image(self.link),
            },
            title,
            description: text(self.description),
            first_letter: text(self.first_letter),
        }
    }
}

impl WireFilterGroup {
    /// Drops the "All" pseudo-item and empty groups: the storefront renders its own "All".
    pub fn into_facet(self) -> Option<Facet> {
        let field = text(self.field_name);
        if field.is_empty() || field == "price" || field == "category" {
            return None;
        }
        let options: Vec<String> = self
            .items
            .unwrap_or_default()
            .into_iter()
            .filter_map(|item| item.value.map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
            .collect();
        (!options.is_empty()).then(|| Facet {
            name: text(self.name).if_empty(|| field.clone()),
            field,
            options,
        })
    }
}

impl WireCustomField {
    /// A displayable parameter row; fields hidden by `follow_level` arrive as empty objects.
    pub fn into_param(self) -> Option<Param> {
        let name = text(self.name);
        let value = match self.value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => {
                if b {
                    "✓".into()
                } else {
                    String::new()
                }
            }
            Value::Array(items) => items
                .into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        (!name.is_empty() && !value.is_empty()).then_some(Param { name, value })
    }
}

impl WireBanner {
    pub fn into_banner(self) -> Option<Banner> {
        Some(Banner {
            image: image(self.logo)?,
            alt: text(self.alt),
            description: text(self.description),
            link: link_target(self.link),
        })
    }
}

impl WireLink {
    pub fn into_link(self) -> Option<FriendLink> {
        let url = safe_href(&text(self.link)).unwrap_or_default();
        let title = text(self.title);
        let is_web = url.starts_with("http://") || url.starts_with("https://");
        (is_web && !title.is_empty()).then_some(FriendLink {
            title,
            url,
            nofollow: self.nofollow == 1 || self.status == 2,
        })
    }
}

impl WireUser {
    pub fn into_user(self) -> User {
        let user_name = text(self.user_name);
        User {
            id: self.id,
            display_name: text(self.real_name).if_empty(|| user_name.clone()),
            user_name,
            email: text(self.email),
            avatar: image(self.full_avatar_url),
        }
    }
}

impl WireLanguage {
    pub fn into_site(self) -> LanguageSite {
        let language = text(self.language);
        LanguageSite {
            site_id: self.id,
            name: text(self.language_name)
                .if_empty(|| text(self.name))
                .if_empty(|| language.clone()),
            language,
            is_main: self.is_main,
        }
    }
}

/// Resolves AnqiCMS navigation to app routes. `nav_type` 0 is home, 1 a category or single
/// page (`page_id`), 2 an external link, 3 an archive. `slugs` looks up url_tokens of
/// categories and pages so links stay readable; unknown ids fall back to numeric routes.
pub fn nav_items(
    navs: Vec<WireNav>,
    resolve_category: &dyn Fn(i64) -> Option<String>,
) -> Vec<NavItem> {
    navs.into_iter()
        .filter_map(|nav| {
            let title = text(nav.title);
            if title.is_empty() {
                return None;
            }
            let target = match nav.nav_type {
                0 => NavTarget::Internal("/".into()),
                1 => NavTarget::Internal(
                    resolve_category(nav.page_id)
                        .unwrap_or_else(|| Route::Category(Slug::Id(nav.page_id)).path()),
                ),
                3 => NavTarget::Internal(
                    Route::Archive(ContentKind::Article, Slug::Id(nav.page_id)).path(),
                ),
                // External entries are CMS-written URLs: checked, and resolved to a shop route
                // when they point at the site's own AnqiCMS pages. A refused one is dropped.
                _ => match link_target(nav.link) {
                    Some(target) => target,
                    None => return None,
                },
            };
            let children = nav_items(nav.nav_list.unwrap_or_default(), resolve_category);
            Some(NavItem {
                title,
                target,
                children,
            })
        })
        .collect()
}

/// `GET /api/archive/sku` (documented edition). `min_price`/`max_price` are left out on
/// purpose: the docs call them floats, and the range is computed from the SKUs in cents.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireSkuInfo {
    pub id: i64,
    pub price: i64,
    pub stock: i64,
    pub options: Option<Vec<WireSkuOption>>,
    pub skus: Option<Vec<WireSku>>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireSkuOption {
    pub id: i64,
    pub title: Option<String>,
    pub values: Option<Vec<WireSkuValue>>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireSkuValue {
    pub id: i64,
    pub title: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct WireSku {
    pub id: i64,
    pub title: Option<String>,
    pub price: i64,
    pub stock: i64,
    pub image: Option<String>,
    pub option_ids: Option<Vec<i64>>,
}

impl WireSkuInfo {
    /// The picker's index. Negative stock reads as none; stock beyond `u32` (AnqiCMS's
    /// "unlimited" is 9,999,999) is clamped.
    pub fn into_index(self) -> SkuIndex {
        let groups = self
            .options
            .unwrap_or_default()
            .into_iter()
            .filter(|o| o.id > 0)
            .map(|o| OptionGroup {
                id: o.id,
                name: text(o.title),
                values: o
                    .values
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|v| v.id > 0)
                    .map(|v| OptionValue {
                        id: v.id,
                        name: text(v.title),
                    })
                    .collect(),
            })
            .filter(|g| !g.values.is_empty())
            .collect();
        let skus = self
            .skus
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.id > 0)
            .map(|s| Sku {
                id: s.id,
                value_ids: s.option_ids.unwrap_or_default(),
                price: Money::from_cents(s.price.max(0)),
                stock: u32::try_from(s.stock.max(0)).unwrap_or(u32::MAX),
                image: image(s.image),
            })
            .collect();
        SkuIndex::new(groups, skus)
    }
}

/// A record the detail routes answer with; id 0 is AnqiCMS's empty record.
pub trait WireRecord {
    fn id(&self) -> i64;
}

impl WireRecord for WireArchive {
    fn id(&self) -> i64 {
        self.id
    }
}

impl WireRecord for WireCategory {
    fn id(&self) -> i64 {
        self.id
    }
}

impl WireRecord for WireTag {
    fn id(&self) -> i64 {
        self.id
    }
}
