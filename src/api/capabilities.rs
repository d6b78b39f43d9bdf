//! Which AnqiCMS edition answers. The open-source server has no cart/SKU routes, and an
//! unknown `/api` GET falls into its HTML catch-all, so a JSON envelope from a documented-only
//! route means the documented edition.

use super::client::{api_config, get, site_id};
use super::ApiError;
use crate::domain::{Capabilities, Edition};
use crate::storage;

/// Detects the edition once per API base and site, caching the answer for the session.
pub async fn detect() -> Capabilities {
    let cache_key = format!(
        "storefront.edition:{}:{}",
        api_config().api_base,
        site_id().unwrap_or(0)
    );
    if let Some(cached) = storage::session_get(&cache_key) {
        match cached.as_str() {
            "documented" => {
                return Capabilities {
                    edition: Edition::Documented,
                }
            }
            "open-source" => {
                return Capabilities {
                    edition: Edition::OpenSource,
                }
            }
            _ => {}
        }
    }
    let edition = match get::<serde_json::Value>("cart/list", &[]).await {
        // Any envelope, even a refusal, proves the route exists.
        Ok(_) | Err(ApiError::Refused { .. }) | Err(ApiError::Unauthorized) => {
            Some(Edition::Documented)
        }
        Err(ApiError::NotJson) | Err(ApiError::Http { status: 404 }) => Some(Edition::OpenSource),
        // A timeout or outage says nothing: assume the smaller API and do not cache.
        Err(_) => None,
    };
    if let Some(edition) = edition {
        let label = if edition == Edition::Documented {
            "documented"
        } else {
            "open-source"
        };
        storage::session_set(&cache_key, label);
    }
    Capabilities {
        edition: edition.unwrap_or(Edition::OpenSource),
    }
}
