//! The query cache (leptos-fetch): every read the pages make goes through it, so
//! - data shown in the last few minutes paints at once on Back, with no request before the
//!   paint, and is revalidated in the background right after;
//! - two views that need the same data in one page share one request;
//! - a change (sign-in, sign-out, a language switch) invalidates what it changes.
//!
//! The cache is keyed by the query function and its key. Each language is its own AnqiCMS
//! site, so a language switch clears the cache instead of keying every query by site.

use std::cell::Cell;
use std::future::Future;
use std::hash::Hash;
use std::time::Duration;

use leptos::prelude::*;
use leptos_fetch::{QueryClient, QueryOptions};
use wasm_bindgen::JsCast;

use super::ApiError;

/// How long data nobody shows stays cached: "the last few minutes".
const KEEP_UNUSED: Duration = Duration::from_secs(5 * 60);

thread_local! {
    // The API layer's own reads (navigation needs the category list too) use the same cache.
    static CLIENT: Cell<Option<QueryClient>> = const { Cell::new(None) };
}

/// Creates the app's cache and provides it as context. Called once, in `App`.
pub fn provide_query_client() -> QueryClient {
    let client = QueryClient::new()
        .with_options(QueryOptions::new().with_gc_time(KEEP_UNUSED))
        .provide();
    CLIENT.with(|c| c.set(Some(client)));
    client
}

fn client() -> Option<QueryClient> {
    CLIENT.with(Cell::get)
}

/// Forgets everything cached: the shop switched to another AnqiCMS site (language).
pub fn clear_all() {
    if let Some(client) = client() {
        client.clear();
    }
}

/// Reads through the cache from inside the API layer, or directly without one (tests).
pub async fn fetch<K, V, F, Fut>(query: F, key: K) -> V
where
    F: Fn(K) -> Fut + Copy + 'static,
    Fut: Future<Output = V> + 'static,
    K: Hash + Clone + 'static,
    V: Clone + 'static,
{
    match client() {
        Some(client) => client.fetch_query_local(query, key).await,
        None => query(key).await,
    }
}

/// Marks one cached query stale, refetching it where it is shown.
pub fn invalidate<K, V, F, Fut>(query: F, key: K)
where
    F: Fn(K) -> Fut + Copy + 'static,
    Fut: Future<Output = V> + 'static,
    K: Hash + Clone + 'static,
    V: Clone + 'static,
{
    if let Some(client) = client() {
        client.invalidate_query(query, key);
    }
}

/// A cached read as a view sees it: the resource, and a retry that really asks the server
/// again (a plain `refetch` would read the cached failure back).
pub struct Query<T: 'static> {
    pub resource: LocalResource<Result<T, ApiError>>,
    pub retry: Callback<()>,
    /// The data already cached for the key when the view was created. leptos-fetch resolves
    /// even a cached resource a task later (so `Transition` counts its first load right);
    /// showing this meanwhile keeps Back from flashing a skeleton over data it has.
    pub cached: StoredValue<Option<T>, LocalStorage>,
}

impl<T: 'static> Query<T> {
    /// A query over a plain resource (no cache), e.g. in component tests.
    pub fn uncached(resource: LocalResource<Result<T, ApiError>>) -> Query<T> {
        Query {
            resource,
            retry: Callback::new(move |_| resource.refetch()),
            cached: StoredValue::new_local(None),
        }
    }
}

impl<T: 'static> Clone for Query<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Query<T> {}

/// A cached read whose key follows `keyer` (reactive: a new key loads new data).
///
/// When the data is already cached it is shown at once, and revalidated once the page has
/// painted, so Back costs no request before the paint and still ends up fresh.
pub fn use_query<K, T, F, Fut>(
    query: F,
    keyer: impl Fn() -> K + Clone + Send + Sync + 'static,
) -> Query<T>
where
    F: Fn(K) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    K: Hash + Clone + PartialEq + 'static,
    T: Clone + 'static,
{
    let Some(client) = use_context::<QueryClient>().or_else(client) else {
        // No cache (a component test without `App`): an ordinary resource.
        let keyer_for_resource = keyer.clone();
        return Query::uncached(LocalResource::new(move || query(keyer_for_resource())));
    };
    let cached = client
        .get_cached_query(query, untrack(&keyer))
        .and_then(Result::ok);
    let resource = client.local_resource(query, keyer.clone());
    let keyer_for_retry = keyer.clone();
    let retry = Callback::new(move |_| {
        client.invalidate_query(query, keyer_for_retry());
    });
    // Revalidate a cache hit after the paint. Effects run after the view is mounted; the
    // extra animation frame lets the browser paint the cached content first.
    Effect::new(move |previous: Option<K>| {
        let key = keyer();
        let is_new_key = previous.as_ref() != Some(&key);
        let cached = client.get_cached_query(query, key.clone());
        if is_new_key && cached.is_some() {
            let stale_key = key.clone();
            after_paint(move || {
                client.invalidate_query(query, stale_key);
            });
        }
        key
    });
    Query {
        resource,
        retry,
        cached: StoredValue::new_local(cached),
    }
}

/// Runs `f` after the browser's next paint (a frame, then a task).
fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let task = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, f).forget();
    });
    let _ = window.request_animation_frame(task.unchecked_ref());
}
