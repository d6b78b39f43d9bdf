//! The query cache (leptos-fetch): every read the pages make goes through it, so
//! - data shown in the last few minutes paints at once on Back, with no request before the
//!   paint, and is revalidated in the background right after;
//! - two views that need the same data in one page share one request;
//! - a change (sign-in, sign-out, a language switch) invalidates what it changes.
//!
//! leptos-fetch is generic over each query's key and value, and instantiating it once per
//! API function cost about 120 KB of brotli'd wasm. So it sees one query only: a type-erased
//! key (the API function's type and its key, hashed, plus the call to make) and a
//! type-erased value, downcast back to the function's own type here. Every typed call site
//! stays typed.
//!
//! The cache is keyed by the query function, its key and the AnqiCMS site (each language is
//! its own site); a language switch also clears it, so nothing of the old site lingers.

use std::any::{Any, TypeId};
use std::cell::Cell;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
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
    // Reads under way, and whether a clear waits for them (see `clear_all`).
    static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
    static CLEAR_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// A cached value of any query, downcast by [`Query`]'s typed accessors.
pub type AnyData = Rc<dyn Any>;
pub type AnyResult = Result<AnyData, ApiError>;
type Fetch = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = AnyResult>>>>;

/// One read as the cache sees it: `id` identifies it (function type + key), `fetch` makes it.
#[derive(Clone)]
struct ErasedKey {
    id: u64,
    fetch: Fetch,
}

impl Hash for ErasedKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

/// The single query function leptos-fetch knows.
async fn run(key: ErasedKey) -> AnyResult {
    let _counted = InFlight::start();
    (key.fetch)().await
}

/// Counts one read under way; its end (answer, failure or cancellation) may run a clear
/// that was waiting for the reads to finish.
struct InFlight;

impl InFlight {
    fn start() -> InFlight {
        IN_FLIGHT.with(|n| n.set(n.get() + 1));
        InFlight
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let left = IN_FLIGHT.with(|n| {
            let left = n.get().saturating_sub(1);
            n.set(left);
            left
        });
        if left == 0 && CLEAR_PENDING.with(Cell::get) {
            // leptos-fetch stores the answer right after this future returns, in the same
            // turn: clear only in a later task, once that is done.
            leptos::task::spawn_local(async {
                gloo_timers::future::TimeoutFuture::new(0).await;
                if IN_FLIGHT.with(Cell::get) == 0 && CLEAR_PENDING.with(|p| p.replace(false)) {
                    clear_now();
                }
            });
        }
    }
}

fn erase<K, T, F, Fut>(query: F, key: K) -> ErasedKey
where
    F: Fn(K) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    K: Hash + Clone + 'static,
    T: 'static,
{
    let mut hasher = DefaultHasher::new();
    TypeId::of::<F>().hash(&mut hasher);
    key.hash(&mut hasher);
    // Each language is its own AnqiCMS site with its own records under the same slugs: a
    // view still showing the old language may refetch while the switch is under way, and
    // that answer must not be what the new language's page finds in the cache.
    super::client::site_id().hash(&mut hasher);
    let fetch: Fetch = Rc::new(move || {
        let key = key.clone();
        Box::pin(async move { query(key).await.map(|data| Rc::new(data) as AnyData) })
    });
    ErasedKey {
        id: hasher.finish(),
        fetch,
    }
}

/// Reads a cached value back as the type its query function returns.
pub fn typed<T: Clone + 'static>(value: AnyResult) -> Result<T, ApiError> {
    let data = value?;
    data.downcast_ref::<T>()
        .cloned()
        // Cannot happen: an id is only ever made from `T`'s own function.
        .ok_or_else(|| ApiError::Malformed("cache type mismatch".into()))
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

/// Forgets everything cached: the shop switched to another AnqiCMS site (language), or the
/// shopper signed out.
///
/// leptos-fetch 0.4 panics ("loading_first_time means this is Some(). (bug)") when a
/// revalidation of a cached entry answers after `clear` removed that entry, and a sign-out
/// or a language switch starts exactly such reads. So while reads are under way the clear
/// waits for the last of them to end.
pub fn clear_all() {
    if IN_FLIGHT.with(Cell::get) == 0 {
        clear_now();
    } else {
        CLEAR_PENDING.with(|p| p.set(true));
    }
}

fn clear_now() {
    if let Some(client) = client() {
        client.clear();
    }
}

/// Reads through the cache from inside the API layer, or directly without one (tests).
/// Readers at the same time share one request.
pub async fn fetch<K, T, F, Fut>(query: F, key: K) -> Result<T, ApiError>
where
    F: Fn(K) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    K: Hash + Clone + 'static,
    T: Clone + 'static,
{
    match client() {
        Some(client) => {
            let result = typed(
                client
                    .fetch_query_local(run, erase(query, key.clone()))
                    .await,
            );
            // A failure is never handed to the next reader from the cache: the query that
            // reads this again (a retry of the view built on it) asks the server again.
            if result.is_err() {
                client.invalidate_query(run, erase(query, key));
            }
            result
        }
        None => query(key).await,
    }
}

/// Marks one cached query stale, refetching it where it is shown.
pub fn invalidate<K, T, F, Fut>(query: F, key: K)
where
    F: Fn(K) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    K: Hash + Clone + 'static,
    T: 'static,
{
    if let Some(client) = client() {
        client.invalidate_query(run, erase(query, key));
    }
}

/// A cached read as a view sees it: the resource, and a retry that really asks the server
/// again (a plain `refetch` would read the cached failure back).
pub struct Query<T: 'static> {
    /// The value, type-erased so the views that show it are compiled once, not per type.
    pub resource: LocalResource<AnyResult>,
    pub retry: Callback<()>,
    /// The data already cached for the key when the view was created. leptos-fetch resolves
    /// even a cached resource a task later (so `Transition` counts its first load right);
    /// showing this meanwhile keeps Back from flashing a skeleton over data it has.
    pub cached: StoredValue<Option<AnyData>, LocalStorage>,
    data: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for Query<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Query<T> {}

impl<T: Clone + 'static> Query<T> {
    /// A query over a plain resource (no cache), e.g. in component tests.
    pub fn uncached(source: LocalResource<Result<T, ApiError>>) -> Query<T> {
        let resource =
            LocalResource::new(move || async move { source.await.map(|d| Rc::new(d) as AnyData) });
        Query {
            resource,
            retry: Callback::new(move |_| source.refetch()),
            cached: StoredValue::new_local(None),
            data: PhantomData,
        }
    }

    /// The data so far, reactively (`None` while loading and nothing is cached).
    pub fn get(self) -> Option<Result<T, ApiError>> {
        // `try_`: page titles read this from leptos_meta, which may ask once more after
        // the page is gone.
        match self.resource.try_get().flatten() {
            Some(value) => Some(typed(value)),
            None => self
                .cached
                .try_get_value()
                .flatten()
                .map(|data| typed(Ok(data))),
        }
    }

    /// The data, once loaded (to be awaited inside a `Suspend`). `Aborted` when the view
    /// that owned the query went away meanwhile.
    pub async fn value(self) -> Result<T, ApiError> {
        settled(self.resource)
            .await
            .map_or(Err(ApiError::Aborted), typed)
    }
}

/// A resource's value once it has loaded, or `None` if the resource was disposed first:
/// a `Suspend` can be polled once more after its view went away (a language switch swaps
/// the whole shell), and awaiting a disposed resource panics.
pub async fn settled(resource: LocalResource<AnyResult>) -> Option<AnyResult> {
    if resource.is_disposed() {
        return None;
    }
    Some(resource.await)
}

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
    let mount_key = erase(query, untrack(&keyer));
    let cached_at_mount = client.get_cached_query(run, mount_key.clone());
    // A request another view started (a page left before its answer came, or a sibling
    // sharing it) is not this view's: if it fails, this view asks once more after the paint
    // rather than showing another view's stale failure.
    let under_way_at_mount = cached_at_mount.is_none()
        && client
            .subscribe_is_fetching_local(run, move || mount_key.clone())
            .get_untracked();
    let cached = cached_at_mount.and_then(Result::ok);
    let keyer_for_resource = keyer.clone();
    let resource = client.local_resource(run, move || erase(query, keyer_for_resource()));
    let keyer_for_retry = keyer.clone();
    let retry = Callback::new(move |_| {
        client.invalidate_query(run, erase(query, keyer_for_retry()));
    });
    // Revalidate a cache hit once it has painted. The router may hold a new page back
    // until its data resolves, so "after the paint" is: the resource resolved (from the
    // cache, a task after creation), then two frames, then a task.
    //
    // Any read of a resource registers it with the enclosing `<Suspense>`/`<Transition>`
    // (reactive_graph's `try_read_untracked` looks the context up from the current owner),
    // so this effect reads it under an owner without contexts: reading it in place made the
    // shell's own Transition wait for the menu before anything showed.
    let component_owner = Owner::current();
    let outside_suspense = Owner::new_root(None);
    // `new_root` makes itself the current owner; the rest of the component keeps its own.
    match component_owner {
        Some(owner) => owner.set(),
        None => outside_suspense.clone().unset(),
    }
    // The key to revalidate once the resource has resolved, and whether only a failure needs it.
    let hit: StoredValue<Option<(ErasedKey, bool)>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |first_run: Option<()>| {
        let erased = erase(query, keyer());
        // Untracked: the refetch updates the cache, and must not start another.
        let cached_now = untrack(|| client.get_cached_query(run, erased.clone()).is_some());
        let pending = if cached_now {
            Some((erased, false))
        } else if first_run.is_none() && under_way_at_mount {
            Some((erased, true))
        } else {
            None
        };
        hit.set_value(pending);
    });
    Effect::new(move |_| {
        let Some(failed) =
            outside_suspense.with(|| resource.with(|value| value.as_ref().map(Result::is_err)))
        else {
            return;
        };
        let Some((stale, only_if_failed)) = hit.try_update_value(Option::take).flatten() else {
            return;
        };
        if failed || !only_if_failed {
            after_paint(move || {
                client.invalidate_query(run, stale);
            });
        }
    });
    Query {
        resource,
        retry,
        cached: StoredValue::new_local(cached),
        data: PhantomData,
    }
}

/// Runs `f` after the browser has painted: two frames, then a task. One frame is not
/// enough: the router may commit the new page's DOM in the task that follows the first
/// frame, so the first frame's paint can still show the old page.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let second_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, f).forget();
    });
    let first_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(second_frame.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(first_frame.unchecked_ref());
}
