//! The AnqiCMS HTTP API: one typed client (`client`), the wire format (`wire`), one module per
//! area, and the query cache (`queries`). Everything here returns domain types or
//! [`ApiError`]; there is no view code. `../shared/anqicms-api.md` is the contract these
//! functions follow.

pub mod account;
pub mod capabilities;
pub mod client;
pub mod comments;
pub mod content;
pub mod coupons;
pub mod early;
pub mod envelope;
pub mod error;
pub mod favorites;
pub mod guestbook;
pub mod orders;
pub mod queries;
pub mod retailer;
pub mod reviews;
pub mod shop;
pub mod site;
pub mod startup;
pub mod upload;
pub mod wire;

#[cfg(test)]
mod tests;

pub use client::{api_config, set_site_id};
pub use error::ApiError;
