//! Loading placeholders with the shape of the content they stand for, so nothing jumps.

use leptos::prelude::*;

/// A grid of card placeholders.
#[component]
pub fn CardGridSkeleton(#[prop(default = 8)] count: usize) -> impl IntoView {
    view! {
        <div class="card-grid" aria-busy="true">
            {(0..count).map(|_| view! { <div class="skeleton skeleton--card"></div> }).collect_view()}
        </div>
    }
}

/// A title and paragraph placeholder.
#[component]
pub fn TextSkeleton(#[prop(default = 4)] lines: usize) -> impl IntoView {
    view! {
        <div class="text-skeleton" aria-busy="true">
            <div class="skeleton skeleton--title"></div>
            {(0..lines).map(|_| view! { <div class="skeleton skeleton--text"></div> }).collect_view()}
        </div>
    }
}

/// A product or article page placeholder: image and text side by side on wide screens.
#[component]
pub fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class="detail" aria-busy="true">
            <div class="skeleton skeleton--media"></div>
            <TextSkeleton lines=6 />
        </div>
    }
}
