//! The router's fallback. A shop served beside AnqiCMS receives AnqiCMS's own URLs
//! (`/news/12.html`, `/product`, `/about.html`) from links written in the CMS, bookmarks and
//! search engines; those are sent on to the shop's route for the same content. Anything else
//! is the 404 page.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::not_found::NotFound;

#[component]
pub fn NotFoundOrCmsLink() -> impl IntoView {
    let location = use_location();
    let here = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked(),
        location.hash.get_untracked()
    );
    let target = api::site::resolve_own_link(&here).filter(|route| *route != here);
    match target {
        Some(route) => view! {
            <Redirect path=route options=NavigateOptions { replace: true, ..Default::default() } />
        }
        .into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
