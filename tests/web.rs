//! Components mounted in a real headless Chromium (wasm-bindgen-test), asserting on the DOM.
//! Run: `cargo xtask test --layer wasm`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::expect_used,
    reason = "browser test set-up: a missing document or body is a broken harness, and expect says which step"
)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use storefront::api::ApiError;
use storefront::components::cards::Price;
use storefront::components::error_panel::ErrorMessage;
use storefront::components::pagination::Pagination;
use storefront::components::rich_html::RichHtml;
use storefront::domain::listing::ListingQuery;
use storefront::domain::{Locale, Money};
use storefront::i18n::I18n;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, so tests do not see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let div = document.create_element("div").expect("create div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

/// Polls `done` every 10 ms until it holds; fails the test after 2 s, naming `what` and
/// showing the container's HTML. Tests wait on a condition, never for a fixed time.
async fn wait_until(root: &web_sys::HtmlElement, what: &str, done: impl Fn() -> bool) {
    const TIMEOUT_MS: f64 = 2_000.0;
    let started = js_sys::Date::now();
    while !done() {
        assert!(
            js_sys::Date::now() - started < TIMEOUT_MS,
            "timed out after {TIMEOUT_MS} ms waiting for {what}: {}",
            root.inner_html()
        );
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

fn select(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect()
}

#[wasm_bindgen_test]
async fn pagination_links_carry_the_query_and_mark_the_current_page() {
    let root = container();
    let query = ListingQuery::from_pairs([("color", "Red"), ("page", "2")]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Pagination path="/products".to_string() query total=50 page_size=12 /> }
    });
    leptos::task::tick().await;
    let current = select(&root, "a[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text_content().as_deref(), Some("2"));
    let hrefs: Vec<String> = select(&root, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(
        hrefs.contains(&"/products?color=Red&page=3".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/products?color=Red".to_string()),
        "page 1 has no page param: {hrefs:?}"
    );
    assert_eq!(select(&root, "a[rel=next]").len(), 1);
}

#[wasm_bindgen_test]
async fn errors_without_a_retry_handler_show_no_dead_button() {
    let root = container();
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        || view! { <ErrorMessage error=ApiError::Timeout /> },
    );
    leptos::task::tick().await;
    assert_eq!(select(&root, "[role=alert]").len(), 1);
    assert!(select(&root, "button").is_empty());
}

#[wasm_bindgen_test]
async fn pagination_is_hidden_for_a_single_page() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <Pagination path="/tags".to_string() query=ListingQuery::default() total=5 page_size=12 /> }
    });
    leptos::task::tick().await;
    assert!(select(&root, "nav").is_empty());
}

#[wasm_bindgen_test]
async fn error_message_offers_a_working_retry() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let on_retry = Callback::new(move |_| retries.update(|n| *n += 1));
        view! { <ErrorMessage error=ApiError::Timeout on_retry /> }
    });
    leptos::task::tick().await;
    assert_eq!(select(&root, "[role=alert]").len(), 1);
    let button: web_sys::HtmlElement = select(&root, "button").remove(0).unchecked_into();
    button.click();
    button.click();
    leptos::task::tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn not_found_errors_also_offer_a_way_home() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <ErrorMessage error=ApiError::NotFound on_retry=Callback::new(|_| ()) /> }
    });
    leptos::task::tick().await;
    assert_eq!(
        select(&root, "button").len(),
        1,
        "a retry, since AnqiCMS may only be briefly empty"
    );
    assert_eq!(select(&root, "a[href='/']").len(), 1);
}

#[wasm_bindgen_test]
async fn rich_html_never_runs_hostile_markup() {
    let root = container();
    let hostile = r#"<p>ok</p><script>window.__xss=1</script><img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=1">x</a><svg onload="window.__xss=1"></svg>"#;
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <RichHtml html=hostile /> });
    wait_until(&root, "the sanitized markup to render", || {
        !select(&root, "p").is_empty()
    })
    .await;
    // An injected onerror fires in the same task that marks its image broken, so once
    // every image has finished (`complete`, loaded or failed) any such handler has run.
    wait_until(&root, "every image to finish loading or fail", || {
        select(&root, "img").iter().all(|img| {
            js_sys::Reflect::get(img, &"complete".into())
                .map(|c| c.as_bool() == Some(true))
                .unwrap_or(false)
        })
    })
    .await;
    assert!(select(&root, "script, svg, [onerror], [onload]").is_empty());
    assert!(select(&root, "a[href^=javascript]").is_empty());
    assert_eq!(select(&root, "p").len(), 1);
    let xss = js_sys::Reflect::get(&js_sys::global(), &"__xss".into()).expect("global lookup");
    assert!(xss.is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn price_follows_the_locale() {
    let root = container();
    let i18n = I18n {
        locale: RwSignal::new(Locale::ZhCn),
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(i18n);
        view! { <Price money=Money::from_cents(129_900) /> <Price money=Money::from_cents(0) /> }
    });
    leptos::task::tick().await;
    let text = |root: &web_sys::HtmlElement| {
        select(root, ".price")
            .iter()
            .filter_map(|e| e.text_content())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        text(&root),
        vec!["¥1,299.00".to_string(), "免费".to_string()]
    );
    i18n.locale.set(Locale::En);
    leptos::task::tick().await;
    assert_eq!(
        text(&root),
        vec!["CN¥1,299.00".to_string(), "Free".to_string()]
    );
}

/// Two sibling data views, the first failing: the error must show in the first only, and the
/// second must show its content (a boundary catching its neighbour's error is a real bug).
#[wasm_bindgen_test]
async fn sibling_data_views_keep_their_own_errors() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        // Inside an outer transition, as the app's site probe wraps every page.
        let outer = LocalResource::new(|| async { 1 });
        view! { <Transition fallback=|| "booting">{move || Suspend::new(async move { outer.await; view! { <Siblings /> } })}</Transition> }
    });
    // Settled: each section shows its error or its value (the failure lands last, at 30 ms).
    let settled =
        |id: &str| !select(&root, &format!("#{id} [role=alert], #{id} .value")).is_empty();
    wait_until(&root, "both data views to settle", || {
        settled("first") && settled("second")
    })
    .await;
    // Let anything the failure sets off (a boundary re-rendering) run before checking.
    leptos::task::tick().await;
    assert_eq!(
        select(&root, "#first [role=alert]").len(),
        1,
        "{}",
        root.inner_html()
    );
    assert!(
        select(&root, "#second [role=alert]").is_empty(),
        "{}",
        root.inner_html()
    );
    assert_eq!(
        select(&root, "#second .value").len(),
        1,
        "{}",
        root.inner_html()
    );
}

#[component]
fn Siblings() -> impl IntoView {
    use storefront::api::queries::Query;
    use storefront::components::data_view::Loaded;
    // Staggered like real requests: the later failure must not land in the earlier view.
    let failing = LocalResource::new(|| async {
        gloo_timers::future::TimeoutFuture::new(30).await;
        Err::<i32, _>(ApiError::Timeout)
    });
    let working = LocalResource::new(|| async {
        gloo_timers::future::TimeoutFuture::new(5).await;
        Ok::<_, ApiError>(7)
    });
    let failing = Query::uncached(failing);
    let working = Query::uncached(working);
    view! {
        <section id="first">
            <Loaded query=failing fallback=|| "loading" view={|v: i32| view! { <p class="value">{v}</p> }.into_any()} />
        </section>
        <section id="second">
            <Loaded query=working fallback=|| "loading" view={|v: i32| view! { <p class="value">{v}</p> }.into_any()} />
        </section>
    }
}

thread_local! {
    static CALLS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A query function that counts how often it really runs.
async fn counted(key: u32) -> Result<u32, ApiError> {
    CALLS.with(|c| c.set(c.get() + 1));
    gloo_timers::future::TimeoutFuture::new(5).await;
    Ok(key * 10)
}

#[component]
fn CountedView(id: &'static str) -> impl IntoView {
    use storefront::api::queries::use_query;
    use storefront::components::data_view::Loaded;
    let query = use_query(counted, || 4);
    view! {
        <section id=id>
            <Loaded query fallback=|| "loading" view={|v: u32| view! { <p class="value">{v}</p> }.into_any()} />
        </section>
    }
}

#[wasm_bindgen_test]
async fn the_query_cache_shares_requests_and_paints_cached_data_at_once() {
    CALLS.with(|c| c.set(0));
    let client = std::rc::Rc::new(std::cell::Cell::new(None));
    let root = container();
    let show = RwSignal::new(true);
    let client_slot = client.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        client_slot.set(Some(storefront::api::queries::provide_query_client()));
        view! {
            <Show when=move || show.get()>
                <CountedView id="a" />
                <CountedView id="b" />
            </Show>
        }
    });
    wait_until(&root, "both views to show the value", || {
        select(&root, "#a .value").len() == 1 && select(&root, "#b .value").len() == 1
    })
    .await;
    assert_eq!(CALLS.with(|c| c.get()), 1, "two views, one request");
    assert!(root.inner_html().contains("40"));

    // Leave and come back (Back): the cached value is in the DOM in the same tick, before
    // any request could have answered.
    show.set(false);
    leptos::task::tick().await;
    assert!(select(&root, "#a").is_empty());
    let before = CALLS.with(|c| c.get());
    show.set(true);
    // Microtask ticks only: no timer, animation frame or network answer can run between
    // them, so a value that shows here came from the cache, not from a new request.
    let mut calls_at_paint = None;
    for _ in 0..200 {
        if select(&root, "#a .value").len() == 1 && select(&root, "#b .value").len() == 1 {
            calls_at_paint = Some(CALLS.with(|c| c.get()));
            break;
        }
        leptos::task::tick().await;
    }
    assert_eq!(calls_at_paint, Some(before), "no request before the paint");
    // …and it is revalidated in the background after the paint.
    wait_until(&root, "the background revalidation", || {
        CALLS.with(|c| c.get()) > before
    })
    .await;
    assert!(client.take().is_some());
}
