//! Page links for listings: real `<a href>`s carrying the whole query string.

use leptos::prelude::*;

use crate::config::link;
use crate::domain::listing::{page_count, page_window, ListingQuery};
use crate::i18n::use_i18n;

/// Previous / numbered / next links. Hidden when everything fits on one page.
#[component]
pub fn Pagination(path: String, query: ListingQuery, total: u64, page_size: u32) -> impl IntoView {
    let current = query.page;
    let href = Callback::new(move |page: u32| {
        link(&format!(
            "{path}{}",
            query.with_page(page).to_query_string()
        ))
    });
    view! { <PageLinks current total page_size href /> }
}

/// The page links themselves, for any listing whose address `href` spells for a page.
#[component]
pub fn PageLinks(
    current: u32,
    total: u64,
    page_size: u32,
    href: Callback<u32, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = page_count(total, page_size);
    if pages <= 1 {
        return ().into_any();
    }
    let current = current.clamp(1, pages);
    let href = move |page: u32| href.run(page);
    let previous = (current > 1).then(|| href(current - 1));
    let next = (current < pages).then(|| href(current + 1));
    let numbers = page_window(current, pages)
        .into_iter()
        .map(|slot| match slot {
            Some(page) if page == current => view! {
                <li><a class="pagination__page" href=href(page) aria-current="page">{page}</a></li>
            }
            .into_any(),
            Some(page) => view! {
                <li><a class="pagination__page" href=href(page)>{page}</a></li>
            }
            .into_any(),
            None => view! { <li class="pagination__gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="pagination" aria-label=move || i18n.t("listing.pagination")>
            <p class="pagination__status">
                {move || i18n.t_with("listing.page_of", &[("page", &current.to_string()), ("pages", &pages.to_string())])}
            </p>
            <ul class="pagination__list">
                {previous.map(|h| view! {
                    <li><a class="pagination__step" href=h rel="prev">{move || i18n.t("listing.previous")}</a></li>
                })}
                {numbers}
                {next.map(|h| view! {
                    <li><a class="pagination__step" href=h rel="next">{move || i18n.t("listing.next")}</a></li>
                })}
            </ul>
        </nav>
    }
    .into_any()
}
