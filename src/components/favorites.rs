//! The heart: a toggle button (`aria-pressed`) that marks a product as a favorite.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::favorites::use_favorites;
use crate::state::use_session;

/// The heart of one product. `large` is the product page's.
#[component]
pub fn FavoriteButton(
    archive_id: i64,
    title: String,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(favorites) = use_favorites() else {
        return ().into_any();
    };
    let session = use_session();
    Effect::new(move |_| {
        favorites.changed.track();
        if session.signed_in() {
            favorites.watch(archive_id);
        }
    });
    let shown = move || favorites.shown(archive_id);
    let busy = move || favorites.busy(archive_id);
    let pressed = move || (shown() == Some(true)).to_string();
    let label = move || i18n.t_with("favorites.toggle", &[("title", &title)]);
    let failure = move || {
        favorites
            .failure
            .get()
            .filter(|(id, _)| *id == archive_id)
            .map(|(_, error)| error)
    };
    let class = if large { "heart heart--large" } else { "heart" };
    view! {
        <span class="heart-wrap">
            <button
                type="button"
                class=class
                data-heart=archive_id
                aria-pressed=pressed
                aria-busy=move || busy().to_string()
                aria-label=label
                data-state=move || match shown() { Some(true) => "on", Some(false) => "off", None => "unknown" }
                on:click=move |_| favorites.click(archive_id)
            >
                <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                    <path d="M12 21s-7.5-4.6-9.6-9.2C1 8.6 2.9 5 6.4 5c2.1 0 3.5 1.1 4.3 2.4h2.6C14.1 6.1 15.5 5 17.6 5 21.1 5 23 8.6 21.6 11.8 19.5 16.4 12 21 12 21z" />
                </svg>
                {large.then(|| view! {
                    <span class="heart__text">{move || if shown() == Some(true) { i18n.t("favorites.saved") } else { i18n.t("favorites.save") }}</span>
                })}
            </button>
            {move || failure().map(|error| {
                let key = error.message_key();
                view! {
                    <span class="heart__error" role="alert">
                        {i18n.t("favorites.failed")} " " {i18n.t(key)}
                    </span>
                }
            })}
            {move || (favorites.not_stored.get() && !session.signed_in()).then(|| view! {
                <span class="heart__error" role="status">{i18n.t("favorites.not_stored")}</span>
            })}
        </span>
    }
    .into_any()
}
