//! The AnqiCMS HTTP API: one typed client (`client`), the wire format (`wire`), and one module
//! per area. Everything here returns domain types or [`ApiError`]; there is no view code.
//! `../shared/anqicms-api.md` is the contract these functions follow.

pub mod account;
pub mod capabilities;
pub mod client;
pub mod content;
pub mod envelope;
pub mod error;
pub mod site;
pub mod wire;

#[cfg(test)]
mod tests;

pub use client::{api_config, set_site_id, ApiConfig};
pub use error::ApiError;
