//! The browsing history as the pages see it (the rules are `domain::history`).

use crate::api;
use crate::domain::history::{History, Viewed};
use crate::storage;

const KEY: &str = "storefront.history";

fn key() -> String {
    format!("{KEY}:{}", api::client::site_id().unwrap_or(0))
}

pub fn load() -> History {
    storage::get_string(&key())
        .map(|t| History::parse(&t))
        .unwrap_or_default()
}

/// Records a product view; `false` when the browser could not keep it.
pub fn record(entry: Viewed) -> bool {
    let mut history = load();
    history.record(entry);
    storage::try_set_string(&key(), &history.to_text())
}

pub fn clear() {
    storage::remove(&key());
}
