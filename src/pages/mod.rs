//! One module per route. Each page loads its own data and sets its own metadata.

pub mod archive;
pub mod catalog;
pub mod category;
pub mod home;
pub mod login;
pub mod not_found;
pub mod search;
pub mod setup;
pub mod single_page;
pub mod tags;
