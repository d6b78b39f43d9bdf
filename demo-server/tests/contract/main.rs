//! Contract tests: every implemented route checked against `shared/anqicms-api.md`.
//! One test binary (modules below) to keep link time low on 2-core CI machines.

mod account;
mod archive;
mod auth;
mod cli;
mod common;
mod coupons;
mod hostile;
mod hosting;
mod orders;
mod retailer;
mod routing;
mod shop;
mod site;
mod social;
mod vip;
