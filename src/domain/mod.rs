//! Plain-Rust domain model. Pages and components speak these types; `crate::api` maps the
//! AnqiCMS wire format onto them, so another backend (apifm, 软猫引擎) only needs an adapter.

pub mod account;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod cms_links;
pub mod comments;
pub mod earnings;
pub mod favorites;
pub mod guestbook;
pub mod history;
pub mod links;
pub mod listing;
pub mod locale;
pub mod money;
pub mod order;
pub mod pricing;
pub mod routes;
pub mod site;
pub mod sku;
pub mod time;
pub mod wishlist;

pub use catalog::*;
pub use listing::*;
pub use locale::Locale;
pub use money::Money;
pub use routes::Route;
pub use site::*;
