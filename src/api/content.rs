//! Articles, products, categories, single pages and tags.
//!
//! Reads take their key by value, so each function is also its query-cache scope
//! (`api::queries::use_query(content::archive, ...)`).

use serde::Serialize;

use super::client::{get_shared as get, post};
use super::site::{kinds_for_module, module_kinds};
use super::wire::*;
use super::ApiError;
use crate::domain::*;

/// Archive rows with their kinds, once the module list says which module holds what.
async fn summaries(list: Vec<WireArchive>) -> Vec<ArchiveSummary> {
    let kinds = module_kinds().await;
    list.into_iter()
        .filter(WireArchive::is_archive)
        .map(|wire| wire.into_summary(&kinds))
        .collect()
}

/// One page of `/api/archive/list` (`type=page`, so `total` is real).
pub async fn archives(
    (scope, query, limit): (ListingScope, ListingQuery, u32),
) -> Result<Paged<ArchiveSummary>, ApiError> {
    let mut params: Vec<(&str, String)> = vec![
        ("type", "page".into()),
        ("page", query.page.max(1).to_string()),
        ("limit", limit.to_string()),
        ("order", query.sort.api_order().into()),
    ];
    if let Some(module) = scope.module {
        let module = module_kinds().await.resolve(module);
        params.push(("moduleId", module.to_string()));
    }
    if let Some(category) = scope.category_id {
        params.push(("categoryId", category.to_string()));
    }
    if let Some(q) = &query.search {
        params.push(("q", q.clone()));
    }
    if let Some(price) = query.api_price() {
        params.push(("price", price));
    }
    for (field, value) in &query.filters {
        params.push((field.as_str(), value.clone()));
    }
    let reply = get::<Vec<WireArchive>>("archive/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    let items = summaries(reply.list()).await;
    Ok(Paged {
        total: total.max(items.len() as u64),
        items,
    })
}

/// The newest archives carrying a flag letter (home page shelves).
pub async fn flagged(
    (module, flag, limit): (ModuleRef, char, u32),
) -> Result<Vec<ArchiveSummary>, ApiError> {
    let module_id = module_kinds().await.resolve(module);
    let params = [
        ("moduleId", module_id.to_string()),
        ("flag", flag.to_string()),
        ("limit", limit.to_string()),
    ];
    let reply = get::<Vec<WireArchive>>("archive/list", &params).await?;
    Ok(summaries(reply.list()).await)
}

fn slug_params(slug: &Slug) -> Vec<(&'static str, String)> {
    match slug {
        Slug::Id(id) => vec![("id", id.to_string())],
        Slug::Token(token) => vec![("filename", token.clone())],
    }
}

/// One record by id or url_token. No usable slug, a not-found refusal, `data: null` and an
/// empty record (id 0) are all "not found": the page shows its 404, not a retry.
async fn record<W: serde::de::DeserializeOwned + WireRecord>(
    path: &str,
    slug: Option<Slug>,
) -> Result<W, ApiError> {
    let wire = get::<W>(path, &slug_params(&slug.ok_or(ApiError::NotFound)?))
        .await
        .map_err(ApiError::missing_record)?
        .required()?;
    if wire.id() == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(wire)
}

/// An article or product. `None` is a route segment that cannot be a slug: not found, like
/// a slug the server does not know. Its parameters are a separate read ([`archive_params`]),
/// made after the record has painted.
pub async fn archive(slug: Option<Slug>) -> Result<ArchiveDetail, ApiError> {
    let wire = record::<WireArchive>("archive/detail", slug).await?;
    let kinds = kinds_for_module(wire.module_id).await;
    Ok(wire.into_detail(&kinds))
}

/// An archive's custom fields in the module's order (cache key: the slug). Secondary: the
/// page leaves the section out when this fails.
pub async fn archive_params(slug: Option<Slug>) -> Result<Vec<Param>, ApiError> {
    let mut params = slug_params(&slug.ok_or(ApiError::NotFound)?);
    params.push(("sorted", "true".into()));
    let fields = get::<Vec<WireCustomField>>("archive/params", &params)
        .await?
        .list();
    Ok(fields
        .into_iter()
        .filter_map(WireCustomField::into_param)
        .collect())
}

/// The previous and next archive in the same category; either may be absent.
pub async fn neighbours(id: i64) -> Result<(Option<Neighbour>, Option<Neighbour>), ApiError> {
    let params = [("id", id.to_string())];
    let kinds = module_kinds().await;
    let to_neighbour = |wire: Option<WireArchive>| {
        wire.filter(|w| w.id > 0).map(|w| {
            let summary = w.into_summary(&kinds);
            Neighbour {
                href: summary.href(),
                title: summary.title,
            }
        })
    };
    let (prev, next) = futures::join!(
        get::<WireArchive>("archive/prev", &params),
        get::<WireArchive>("archive/next", &params)
    );
    let (prev, next) = (to_neighbour(prev?.data), to_neighbour(next?.data));
    Ok((prev, next))
}

#[derive(Serialize)]
struct PasswordCheck<'a> {
    id: i64,
    password: &'a str,
}

/// Unlocks a password-protected archive; `Ok(None)` means the password was wrong.
pub async fn unlock(id: i64, password: &str) -> Result<Option<String>, ApiError> {
    let reply =
        post::<WirePasswordCheck, _>("archive/password/check", &PasswordCheck { id, password })
            .await?;
    let check = reply.required()?;
    Ok(check.status.then(|| check.content.unwrap_or_default()))
}

/// The facet groups of a module (`/api/archive/filters`). The current selection is computed
/// from our URL, because the server derives it from the Referer header.
pub async fn facets(module: ModuleRef) -> Result<Vec<Facet>, ApiError> {
    let module_id = module_kinds().await.resolve(module);
    let params = [
        ("moduleId", module_id.to_string()),
        ("allText", "false".into()),
    ];
    let groups = get::<Vec<WireFilterGroup>>("archive/filters", &params)
        .await?
        .list();
    Ok(groups
        .into_iter()
        .filter_map(WireFilterGroup::into_facet)
        .collect())
}

/// A category, or a single page when the id points at one (`/category/:id` from navigation).
/// Answers once the module list is known too, because the page's layout depends on the
/// kind of the category's module ([`super::site::modules`]).
pub async fn category(slug: Option<Slug>) -> Result<CategoryOrPage, ApiError> {
    let (wire, _) = futures::join!(
        record::<WireCategory>("category/detail", slug),
        module_kinds()
    );
    let wire = wire?;
    Ok(if wire.is_single_page() {
        CategoryOrPage::Page(wire.into_page())
    } else {
        CategoryOrPage::Category(wire.into_category())
    })
}

/// Every archive category of every module, in tree order (cache key `()`).
pub async fn all_categories(_: ()) -> Result<Vec<Category>, ApiError> {
    let reply = get::<Vec<WireCategory>>("category/list", &[("all", "true".into())]).await?;
    Ok(reply
        .list()
        .into_iter()
        .map(WireCategory::into_category)
        .collect())
}

pub async fn page(slug: Option<Slug>) -> Result<SinglePage, ApiError> {
    Ok(record::<WireCategory>("page/detail", slug)
        .await?
        .into_page())
}

/// Every single page (cache key `()`).
pub async fn pages(_: ()) -> Result<Vec<SinglePage>, ApiError> {
    let reply = get::<Vec<WireCategory>>("page/list", &[]).await?;
    Ok(reply
        .list()
        .into_iter()
        .map(WireCategory::into_page)
        .collect())
}

pub async fn tags((page, limit): (u32, u32)) -> Result<Paged<Tag>, ApiError> {
    let params = [
        ("page", page.max(1).to_string()),
        ("limit", limit.to_string()),
    ];
    let reply = get::<Vec<WireTag>>("tag/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    Ok(Paged {
        items: reply.list().into_iter().map(WireTag::into_tag).collect(),
        total,
    })
}

pub async fn tag(slug: Option<Slug>) -> Result<Tag, ApiError> {
    Ok(record::<WireTag>("tag/detail", slug).await?.into_tag())
}

pub async fn tag_archives(
    (tag_id, page, limit): (i64, u32, u32),
) -> Result<Paged<ArchiveSummary>, ApiError> {
    let params = [
        ("id", tag_id.to_string()),
        ("type", "page".into()),
        ("page", page.max(1).to_string()),
        ("limit", limit.to_string()),
    ];
    let reply = get::<Vec<WireArchive>>("tag/data/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    let kinds = module_kinds().await;
    let items: Vec<ArchiveSummary> = reply
        .list()
        .into_iter()
        .map(|wire| wire.into_summary(&kinds))
        .collect();
    Ok(Paged {
        total: total.max(items.len() as u64),
        items,
    })
}
