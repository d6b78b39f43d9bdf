//! The router's fallback. A shop served beside AnqiCMS receives AnqiCMS's own URLs
//! (`/news/12.html`, `/product`, `/about.html`) from links written in the CMS, bookmarks and
//! search engines; those are sent on to the shop's route for the same content. Anything else
//! is the 404 page.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::not_found::NotFound;

/// Replaces the current history entry with `route`, once the current render is over:
/// navigating from inside the router's own render (as `<Redirect>` does) disposes the
/// view that is still being built, which panics in a suspense.
pub fn replace_with(route: String) {
    let navigate = use_navigate();
    leptos::task::spawn_local(async move {
        navigate(
            &route,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
}

#[component]
pub fn NotFoundOrCmsLink() -> impl IntoView {
    let location = use_location();
    let here = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked(),
        location.hash.get_untracked()
    );
    // The CMS's URL prefixes are its modules' url_tokens: known once the table is read.
    let target = LocalResource::new(move || {
        let here = here.clone();
        async move {
            api::site::module_kinds().await;
            api::site::resolve_own_link(&here).filter(|route| *route != here)
        }
    });
    let navigate = use_navigate();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let navigate = navigate.clone();
                Suspend::new(async move {
                    match target.await {
                        Some(route) => {
                            navigate(
                                &route,
                                NavigateOptions {
                                    replace: true,
                                    ..Default::default()
                                },
                            );
                            ().into_any()
                        }
                        None => view! { <NotFound /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
