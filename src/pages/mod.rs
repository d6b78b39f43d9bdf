//! One module per route. Each page loads its own data and sets its own metadata.

pub mod account;
pub mod archive;
pub mod cart;
pub mod catalog;
pub mod category;
pub mod checkout;
pub mod coupons;
pub mod favorites;
pub mod guestbook;
pub mod history;
pub mod home;
pub mod lazy;
pub mod login;
pub mod not_found;
pub mod order;
pub mod orders;
pub mod password;
pub mod profile;
pub mod register;
pub mod retailer;
pub mod search;
pub mod setup;
pub mod single_page;
pub mod tags;
pub mod vip;
pub mod wishlist;

use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::domain::Slug;

/// The parameter of every `/:slug` route.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct SlugParams {
    pub slug: Option<String>,
}

impl SlugParams {
    /// The route's slug by the one rule ([`Slug::parse`]); `None` is a 404.
    pub fn slug() -> Memo<Option<Slug>> {
        let params = use_params::<SlugParams>();
        Memo::new(move |_| {
            params
                .get()
                .ok()
                .and_then(|p| p.slug)
                .and_then(|s| Slug::parse(&s))
        })
    }
}

/// The `?page=` of a paged account list (1 when absent or not a page number).
pub fn page_param(query: Memo<leptos_router::params::ParamsMap>) -> Memo<u32> {
    Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    })
}
