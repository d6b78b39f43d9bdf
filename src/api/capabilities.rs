//! What the connected AnqiCMS offers, detected once per browser and API base.
//!
//! The open-source server has no cart/SKU routes, and an unknown `/api` GET falls into its
//! HTML catch-all, so a JSON envelope from a documented-only route means the documented
//! edition and all of its features. The probe's 404 shows in the browser's console on an
//! open-source server, so it runs only when something needs the answer, never on an
//! ordinary page load. On a product page the options read (`archive/sku`) is the probe
//! ([`probing`]); elsewhere `cart/list` is. The answer is kept in `localStorage` with the API
//! base it belongs to and re-checked once a day. A site owner can skip the probe entirely by
//! naming the edition or the features in `config.json`.

use std::cell::{Cell, RefCell};
use std::future::Future;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::client::{api_config, get_shared};
use super::ApiError;
use crate::domain::Capabilities;
use crate::storage;

const CACHE_KEY: &str = "storefront.capabilities";
/// How long a detected answer is trusted before it is checked again.
const MAX_AGE_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

type PendingAnswer = Shared<LocalBoxFuture<'static, Option<Capabilities>>>;

thread_local! {
    // Detected in this page load: also kept when the storage cannot keep it.
    static DETECTED: Cell<Option<Capabilities>> = const { Cell::new(None) };
    // A documented-only read under way that will tell the edition ([`probing`]).
    static PENDING: RefCell<Option<PendingAnswer>> = const { RefCell::new(None) };
}

/// What is known without a request: declared in `config.json`, detected in this page load,
/// or detected in this browser within the last day.
pub fn known() -> Option<Capabilities> {
    let config = api_config();
    if let Some(declared) = config.declared_capabilities() {
        return Some(declared);
    }
    if let Some(detected) = DETECTED.with(Cell::get) {
        return Some(detected);
    }
    storage::get_string(CACHE_KEY)
        .and_then(|text| read_cache(&text, &config.api_base, js_sys::Date::now()))
}

/// The backend's features: [`known`], else the answer of a documented-only read under way
/// ([`probing`]), else a fresh probe (cache key `()`).
pub async fn detect(_: ()) -> Result<Capabilities, ApiError> {
    if let Some(known) = known() {
        return Ok(known);
    }
    if let Some(pending) = PENDING.with(|p| p.borrow().clone()) {
        if let Some(found) = pending.await {
            return Ok(found);
        }
    }
    match probe().await {
        Some(found) => {
            remember(found);
            Ok(found)
        }
        // A timeout or outage says nothing: assume the smaller API and do not cache.
        None => Ok(Capabilities::NONE),
    }
}

/// Runs `read` of a route only the documented edition has (the product page's
/// `archive/sku`) so that its answer also tells the edition when that is not known yet: a
/// [`detect`] meanwhile waits for it instead of sending a probe of its own. This saves a
/// cold product page its separate probe.
pub async fn probing<T>(read: impl Future<Output = Result<T, ApiError>>) -> Result<T, ApiError> {
    if known().is_some() {
        return read.await;
    }
    let (tell, told) = futures::channel::oneshot::channel::<Option<Capabilities>>();
    let registered = PENDING.with(|slot| {
        let mut slot = slot.borrow_mut();
        let free = slot.is_none();
        if free {
            // A read dropped before its answer tells nothing (`Canceled` is `None`).
            *slot = Some(
                async move { told.await.ok().flatten() }
                    .boxed_local()
                    .shared(),
            );
        }
        free
    });
    let answer = read.await;
    let found = edition_of(&answer);
    if let Some(found) = found {
        remember(found);
    }
    if registered {
        PENDING.with(|slot| *slot.borrow_mut() = None);
        let _ = tell.send(found);
    }
    answer
}

fn remember(found: Capabilities) {
    DETECTED.with(|d| d.set(Some(found)));
    let entry = write_cache(&api_config().api_base, js_sys::Date::now(), found);
    storage::set_string(CACHE_KEY, &entry);
}

async fn probe() -> Option<Capabilities> {
    edition_of(&get_shared::<serde_json::Value>("cart/list", &[]).await)
}

/// What an answer from a documented-only route says: any envelope, even a refusal, proves
/// the route exists; the HTML catch-all or a 404 proves it does not; anything else (an
/// outage, a timeout) says nothing.
fn edition_of<T>(answer: &Result<T, ApiError>) -> Option<Capabilities> {
    match answer {
        Ok(_) | Err(ApiError::Refused { .. }) | Err(ApiError::Unauthorized) => {
            Some(Capabilities::documented())
        }
        Err(ApiError::NotJson) | Err(ApiError::Http { status: 404 }) => Some(Capabilities::NONE),
        Err(_) => None,
    }
}

/// `api_base \t detected-at-ms \t feature keys`.
fn write_cache(api_base: &str, now_ms: f64, found: Capabilities) -> String {
    format!("{api_base}\t{}\t{}", now_ms as i64, found.to_keys())
}

/// The cached answer, if it was detected for this API base within the last day.
fn read_cache(text: &str, api_base: &str, now_ms: f64) -> Option<Capabilities> {
    let mut parts = text.split('\t');
    let (base, at, keys) = (parts.next()?, parts.next()?, parts.next()?);
    let at: f64 = at.parse::<i64>().ok()? as f64;
    let fresh = now_ms >= at && now_ms - at < MAX_AGE_MS;
    (base == api_base && fresh).then(|| Capabilities::from_keys(keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Feature;

    #[test]
    fn the_cache_belongs_to_one_api_base_and_expires() {
        let found = Capabilities::of([Feature::ServerCart, Feature::Skus]);
        let text = write_cache("https://a.example", 1_000.0, found);
        assert_eq!(read_cache(&text, "https://a.example", 2_000.0), Some(found));
        assert_eq!(read_cache(&text, "https://b.example", 2_000.0), None);
        assert_eq!(
            read_cache(&text, "https://a.example", 1_000.0 + MAX_AGE_MS),
            None
        );
        // A clock that went backwards does not make an old answer eternal.
        assert_eq!(read_cache(&text, "https://a.example", 10.0), None);
        let none = write_cache("", 5.0, Capabilities::NONE);
        assert_eq!(read_cache(&none, "", 6.0), Some(Capabilities::NONE));
        assert_eq!(read_cache("garbage", "", 6.0), None);
    }
}
