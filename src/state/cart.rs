//! The shopper's cart, app-wide: the server cart on the documented edition, a local cart in
//! storage on the open-source one. Views read [`CartStore`] signals and call its methods; the
//! store decides which backend answers.
//!
//! Every change is optimistic: the line changes at once, is marked busy while its request
//! runs, and goes back to what it was (with a message) when the request fails. Requests run
//! in `spawn_local` tasks owned by nobody, so leaving the page never cancels one, and none is
//! ever retried on its own.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError};
use crate::domain::cart::{Cart, CartLine, LineKey, QuantityOutcome};
use crate::domain::{Feature, Money};
use crate::storage;

/// The local cart (open-source edition).
const LOCAL_CART_KEY: &str = "storefront.cart.local";
/// Guest lines that could not be moved into the shopper's server cart at sign-in.
const PENDING_MERGE_KEY: &str = "storefront.cart.merge";
/// Unit prices as they were when each server-cart line was added, to show changes.
const ADDED_PRICES_KEY: &str = "storefront.cart.prices";
/// The stored format's version; an unknown version is set aside, never misread.
const FORMAT_VERSION: u32 = 1;

/// Which cart answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CartBackend {
    /// Not known yet (the edition is being detected).
    Unknown,
    /// `/api/cart/*` (documented edition).
    Server,
    /// Storage in this browser (open-source edition).
    Local,
}

/// What the cart tells the shopper after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum CartNotice {
    /// A request failed; the line is back as it was.
    Failed { title: String, error: ApiError },
    /// No answer came (a timeout, a lost connection): the change may or may not have been
    /// made, so the cart was read again and shows what the server holds.
    Unconfirmed { title: String, error: ApiError },
    /// The browser would not store the cart: it is kept for this visit only.
    NotSaved,
    /// Less than asked for: stock capped the quantity.
    Capped { title: String, to: u32 },
    /// Nothing could be added: out of stock.
    Unavailable { title: String },
    /// The server answered, but its cart does not show the change: the cart now shows
    /// what the server holds.
    NotApplied { title: String },
    /// Guest lines that could not be moved at sign-in (kept, with a button to try again).
    MergeFailed { lines: usize },
}

#[derive(Clone, Copy)]
pub struct CartStore {
    pub cart: RwSignal<Cart>,
    pub backend: RwSignal<CartBackend>,
    /// Whether the first load has finished (the badge and pages wait for it).
    pub loaded: RwSignal<bool>,
    /// Why the cart could not be read (the cart page shows it with a retry).
    pub load_error: RwSignal<Option<ApiError>>,
    busy: RwSignal<Vec<LineKey>>,
    pub drawer_open: RwSignal<bool>,
    pub notice: RwSignal<Option<CartNotice>>,
    /// Server-cart lines' unit prices when they were added.
    added_prices: RwSignal<HashMap<LineKey, Money>>,
    /// Guest lines kept for a later merge.
    pub pending_merge: RwSignal<Vec<CartLine>>,
    load_started: StoredValue<bool>,
}

pub fn use_cart() -> CartStore {
    expect_context::<CartStore>()
}

impl CartStore {
    /// Creates the store. Nothing is requested yet; [`CartStore::start`] decides.
    pub fn new() -> CartStore {
        CartStore {
            cart: RwSignal::new(Cart::default()),
            backend: RwSignal::new(CartBackend::Unknown),
            loaded: RwSignal::new(false),
            load_error: RwSignal::new(None),
            busy: RwSignal::new(Vec::new()),
            drawer_open: RwSignal::new(false),
            notice: RwSignal::new(None),
            added_prices: RwSignal::new(read_prices()),
            pending_merge: RwSignal::new(read_lines(PENDING_MERGE_KEY).unwrap_or_default()),
            load_started: StoredValue::new(false),
        }
    }

    /// At start-up: load the cart when that costs no edition probe (the features are known,
    /// or a cart of either kind exists), so an ordinary first visit to an open-source shop
    /// makes no request that answers 404.
    pub fn start(self) {
        let has_local = storage::get_string(LOCAL_CART_KEY).is_some();
        if api::capabilities::known().is_some() || api::client::cart_token().is_some() || has_local
        {
            self.ensure_loaded();
        }
    }

    /// Loads the cart once (detecting the edition if needed).
    pub fn ensure_loaded(self) {
        if self.load_started.get_value() {
            return;
        }
        self.load_started.set_value(true);
        leptos::task::spawn_local(async move {
            self.load().await;
        });
    }

    /// Reads the cart again (after a sign-in, a retry, or an order).
    pub fn reload(self) {
        self.load_started.set_value(true);
        leptos::task::spawn_local(async move {
            self.load().await;
        });
    }

    async fn backend_now(self) -> CartBackend {
        let known = self.backend.get_untracked();
        if known != CartBackend::Unknown {
            return known;
        }
        // Through the cache, so the buy box asking at the same time shares the one probe.
        let features = api::queries::fetch(api::capabilities::detect, ())
            .await
            .unwrap_or_default();
        let backend = if features.has(Feature::ServerCart) {
            CartBackend::Server
        } else {
            CartBackend::Local
        };
        self.backend.set(backend);
        backend
    }

    async fn load(self) {
        match self.backend_now().await {
            CartBackend::Local => {
                let lines = match read_lines(LOCAL_CART_KEY) {
                    Some(lines) => lines,
                    None => {
                        set_aside_unreadable(LOCAL_CART_KEY);
                        Vec::new()
                    }
                };
                self.cart.set(Cart { lines });
                self.load_error.set(None);
            }
            CartBackend::Server | CartBackend::Unknown => {
                // Nobody to ask for: a guest without a cart token has an empty cart.
                if api::client::token().is_none() && api::client::cart_token().is_none() {
                    self.cart.set(Cart::default());
                    self.load_error.set(None);
                } else {
                    match api::shop::cart_lines().await {
                        Ok(lines) => {
                            self.cart.set(Cart {
                                lines: self.keep_known_stock(lines),
                            });
                            self.load_error.set(None);
                        }
                        Err(error) => self.load_error.set(Some(error)),
                    }
                }
            }
        }
        self.loaded.set(true);
    }

    /// The server list has no SKU stock: keep what the product page told us.
    fn keep_known_stock(self, mut lines: Vec<CartLine>) -> Vec<CartLine> {
        let known = self.cart.get_untracked();
        for line in &mut lines {
            if line.stock.is_none() {
                line.stock = known.line(line.key).and_then(|l| l.stock);
            }
        }
        lines
    }

    pub fn is_busy(self, key: LineKey) -> bool {
        self.busy.with(|b| b.contains(&key))
    }

    pub fn item_count(self) -> u32 {
        self.cart.with(Cart::item_count)
    }

    /// The unit price when the line was added, if it differs from today's.
    pub fn price_when_added(self, key: LineKey) -> Option<Money> {
        let now = self.cart.with(|c| c.line(key).map(|l| l.unit_price))?;
        self.added_prices
            .with(|p| p.get(&key).copied())
            .filter(|was| *was != now)
    }

    /// Adds a line (from the product page). The drawer opens at once; a cart not read yet
    /// is read first, so the add lands on the real cart.
    pub fn add(self, line: CartLine) {
        if self.loaded.get_untracked() {
            self.apply_add(line);
            return;
        }
        self.drawer_open.set(true);
        self.load_started.set_value(true);
        leptos::task::spawn_local(async move {
            self.load().await;
            self.apply_add(line);
        });
    }

    fn apply_add(self, line: CartLine) {
        let key = line.key;
        if self.is_busy(key) {
            return;
        }
        let title = line.title.clone();
        let unit_price = line.unit_price;
        let before = self.cart.with_untracked(|c| c.line(key).cloned());
        let mut next = self.cart.get_untracked();
        let outcome = next.add(line);
        match outcome {
            QuantityOutcome::Unavailable => {
                self.notice.set(Some(CartNotice::Unavailable { title }));
                self.drawer_open.set(true);
                return;
            }
            QuantityOutcome::Capped { to } => {
                self.notice.set(Some(CartNotice::Capped {
                    title: title.clone(),
                    to,
                }));
            }
            QuantityOutcome::Applied => self.notice.set(None),
        }
        let added = next
            .line(key)
            .map(|l| l.quantity)
            .unwrap_or(0)
            .saturating_sub(before.as_ref().map_or(0, |l| l.quantity));
        self.cart.set(next);
        self.drawer_open.set(true);
        if added == 0 {
            return;
        }
        self.busy.update(|b| b.push(key));
        leptos::task::spawn_local(async move {
            let result = match self.backend_now().await {
                CartBackend::Server => {
                    ensure_guest_token();
                    api::shop::cart_add(key, added).await
                }
                _ => {
                    self.save_local();
                    Ok(())
                }
            };
            // At least: an earlier add that timed out may have landed since.
            let want = Expect::AtLeast(before.as_ref().map_or(0, |l| l.quantity) + added);
            self.finish(key, title, before, result, want).await;
            if self.backend.get_untracked() == CartBackend::Server {
                self.added_prices.update(|p| {
                    p.entry(key).or_insert(unit_price);
                });
                write_prices(&self.added_prices.get_untracked());
            }
        });
    }

    /// Sets a line's quantity (the stepper). 0 removes the line.
    pub fn set_quantity(self, key: LineKey, quantity: u32) {
        if quantity == 0 {
            self.remove(key);
            return;
        }
        if self.is_busy(key) {
            return;
        }
        let Some(before) = self.cart.with_untracked(|c| c.line(key).cloned()) else {
            return;
        };
        let mut next = self.cart.get_untracked();
        match next.set_quantity(key, quantity) {
            QuantityOutcome::Capped { to } => self.notice.set(Some(CartNotice::Capped {
                title: before.title.clone(),
                to,
            })),
            _ => self.notice.set(None),
        }
        let target = next.line(key).map_or(0, |l| l.quantity);
        if target == before.quantity {
            return;
        }
        self.cart.set(next);
        self.busy.update(|b| b.push(key));
        let title = before.title.clone();
        leptos::task::spawn_local(async move {
            let result = match self.backend_now().await {
                CartBackend::Server => api::shop::cart_update(key, target).await,
                _ => {
                    self.save_local();
                    Ok(())
                }
            };
            self.finish(key, title, Some(before), result, Expect::Exactly(target))
                .await;
        });
    }

    pub fn remove(self, key: LineKey) {
        if self.is_busy(key) {
            return;
        }
        let Some(before) = self.cart.with_untracked(|c| c.line(key).cloned()) else {
            return;
        };
        self.notice.set(None);
        self.cart.update(|c| {
            c.remove(key);
        });
        self.busy.update(|b| b.push(key));
        let title = before.title.clone();
        leptos::task::spawn_local(async move {
            let result = match self.backend_now().await {
                CartBackend::Server => match before.cart_id {
                    Some(id) => api::shop::cart_remove(id).await,
                    // Added a moment ago and not re-read yet: remove it by product and SKU.
                    None => api::shop::cart_update(key, 0).await,
                },
                _ => {
                    self.save_local();
                    Ok(())
                }
            };
            if result.is_ok() {
                self.added_prices.update(|p| {
                    p.remove(&key);
                });
                write_prices(&self.added_prices.get_untracked());
            }
            self.finish(key, title, Some(before), result, Expect::Gone)
                .await;
        });
    }

    /// Ends a line's request: on failure the line goes back to `before`; on success the
    /// server cart is read again (new lines get their record id) and must show `want` (the
    /// line's quantity, `None` for gone), else the shopper is told it did not take.
    async fn finish(
        self,
        key: LineKey,
        title: String,
        before: Option<CartLine>,
        result: Result<(), ApiError>,
        want: Expect,
    ) {
        match result {
            Ok(()) => {
                if self.backend.get_untracked() == CartBackend::Server {
                    if let Ok(lines) = api::shop::cart_lines().await {
                        let held = lines.iter().find(|l| l.key == key).map(|l| l.quantity);
                        let applied = match want {
                            Expect::AtLeast(n) => held.unwrap_or(0) >= n,
                            Expect::Exactly(n) => held == Some(n),
                            Expect::Gone => held.is_none(),
                        };
                        if !applied {
                            self.notice.set(Some(CartNotice::NotApplied {
                                title: title.clone(),
                            }));
                        }
                        self.show_server_lines(key, lines);
                    }
                }
            }
            Err(error @ (ApiError::Timeout | ApiError::Network(_)))
                if self.backend.get_untracked() == CartBackend::Server =>
            {
                // The request may have landed: the server's cart is the truth, not `before`.
                match api::shop::cart_lines().await {
                    Ok(lines) => {
                        self.show_server_lines(key, lines);
                        self.notice
                            .set(Some(CartNotice::Unconfirmed { title, error }));
                    }
                    Err(_) => {
                        self.cart.update(|c| restore_line(c, key, before));
                        self.notice.set(Some(CartNotice::Failed { title, error }));
                    }
                }
            }
            Err(error) => {
                self.cart.update(|c| restore_line(c, key, before));
                if self.backend.get_untracked() == CartBackend::Local {
                    self.save_local();
                }
                self.notice.set(Some(CartNotice::Failed { title, error }));
            }
        }
        self.busy.update(|b| b.retain(|k| *k != key));
    }

    /// Shows the server's lines after `finished`'s request; other lines still changing keep
    /// their optimistic state until their own answer comes.
    fn show_server_lines(self, finished: LineKey, lines: Vec<CartLine>) {
        let busy: Vec<LineKey> = self
            .busy
            .get_untracked()
            .into_iter()
            .filter(|k| *k != finished)
            .collect();
        let current = self.cart.get_untracked();
        let mut fresh = self.keep_known_stock(lines);
        fresh.retain(|l| !busy.contains(&l.key));
        for line in current.lines.iter().filter(|l| busy.contains(&l.key)) {
            fresh.push(line.clone());
        }
        self.cart.set(Cart { lines: fresh });
    }

    fn save_local(self) {
        let lines = self.cart.with_untracked(|c| c.lines.clone());
        if !write_lines(LOCAL_CART_KEY, &lines) {
            self.notice.set(Some(CartNotice::NotSaved));
        }
    }

    /// Before a sign-in or registration: the guest's server lines must be read now, while
    /// the requests still go out as the guest (the sign-in sets the user's cookie).
    pub async fn before_sign_in(self) -> Vec<CartLine> {
        if api::client::cart_token().is_none() {
            return Vec::new();
        }
        if self.backend_now().await != CartBackend::Server {
            return Vec::new();
        }
        api::shop::cart_lines().await.unwrap_or_default()
    }

    /// After a sign-in: the guest's lines are added to the shopper's cart. A line that
    /// cannot be moved is kept in storage with a "try again" button; nothing is retried
    /// on its own.
    pub fn after_sign_in(self, guest_lines: Vec<CartLine>) {
        leptos::task::spawn_local(async move {
            if self.backend_now().await == CartBackend::Server {
                let mut waiting = self.pending_merge.get_untracked();
                for line in guest_lines {
                    if !waiting.iter().any(|w| w.key == line.key) {
                        waiting.push(line);
                    }
                }
                api::client::clear_cart_token();
                self.merge(waiting).await;
            }
            self.load().await;
        });
    }

    /// "Try again" for lines a sign-in could not move.
    pub fn retry_merge(self) {
        let waiting = self.pending_merge.get_untracked();
        leptos::task::spawn_local(async move {
            self.merge(waiting).await;
            self.load().await;
        });
    }

    async fn merge(self, lines: Vec<CartLine>) {
        let mut failed = Vec::new();
        for line in lines {
            if api::shop::cart_add(line.key, line.quantity).await.is_err() {
                failed.push(line);
            }
        }
        if failed.is_empty() {
            storage::remove(PENDING_MERGE_KEY);
        } else {
            write_lines(PENDING_MERGE_KEY, &failed);
            self.notice.set(Some(CartNotice::MergeFailed {
                lines: failed.len(),
            }));
        }
        self.pending_merge.set(failed);
    }

    /// After signing out: the server cart was the shopper's, so it is no longer shown.
    pub fn after_sign_out(self) {
        if self.backend.get_untracked() == CartBackend::Server {
            self.cart.set(Cart::default());
        }
    }

    /// After an order was placed from the cart: the ordered lines leave the cart. A line the
    /// server cart would not let go of stays in it, visible, rather than being retried.
    pub fn ordered(self) {
        let ordered = self.cart.get_untracked();
        self.cart.set(Cart::default());
        if self.backend.get_untracked() == CartBackend::Local {
            self.save_local();
            return;
        }
        self.added_prices.set(HashMap::new());
        storage::remove(ADDED_PRICES_KEY);
        leptos::task::spawn_local(async move {
            for line in &ordered.lines {
                let _ = match line.cart_id {
                    Some(id) => api::shop::cart_remove(id).await,
                    None => api::shop::cart_update(line.key, 0).await,
                };
            }
            self.load().await;
        });
    }
}

impl Default for CartStore {
    fn default() -> Self {
        CartStore::new()
    }
}

/// What the server's cart must show after a change went through.
#[derive(Clone, Copy)]
enum Expect {
    AtLeast(u32),
    Exactly(u32),
    Gone,
}

/// A guest's first server-cart line: the token that names the cart. Same-origin it travels
/// as the `cart` header; cross-origin the server's own `cart` cookie does the job.
fn ensure_guest_token() {
    if api::client::token().is_none() && api::client::cart_token().is_none() {
        api::client::store_cart_token(&random_token());
    }
}

fn random_token() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // No Web Crypto (very old browsers): a time-and-Math.random token is still unique.
        let seed = (js_sys::Date::now() as u64) ^ ((js_sys::Math::random() * 1e15) as u64);
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn restore_line(cart: &mut Cart, key: LineKey, before: Option<CartLine>) {
    match before {
        Some(line) => match cart.lines.iter_mut().find(|l| l.key == key) {
            Some(existing) => *existing = line,
            None => cart.lines.push(line),
        },
        None => {
            cart.remove(key);
        }
    }
}

/// A cart line as stored: plain fields, so the format is ours and versioned.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct StoredLine {
    archive_id: i64,
    #[serde(default)]
    sku_id: Option<i64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    variant: String,
    #[serde(default)]
    image: Option<String>,
    unit_price: i64,
    quantity: u32,
    #[serde(default)]
    stock: Option<u32>,
}

#[derive(Serialize, Deserialize)]
struct StoredCart {
    version: u32,
    lines: Vec<StoredLine>,
}

fn encode_lines(lines: &[CartLine]) -> String {
    let stored = StoredCart {
        version: FORMAT_VERSION,
        lines: lines
            .iter()
            .map(|l| StoredLine {
                archive_id: l.key.archive_id,
                sku_id: l.key.sku_id,
                title: l.title.clone(),
                variant: l.variant.clone(),
                image: l.image.clone(),
                unit_price: l.unit_price.cents,
                quantity: l.quantity,
                stock: l.stock,
            })
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// The stored lines; `None` when the text is not a cart this version can read.
fn decode_lines(text: &str) -> Option<Vec<CartLine>> {
    let stored: StoredCart = serde_json::from_str(text).ok()?;
    if stored.version != FORMAT_VERSION {
        return None;
    }
    let mut cart = Cart::default();
    for s in stored.lines {
        if s.archive_id <= 0 || s.quantity == 0 || s.unit_price < 0 {
            continue;
        }
        // Through `add`, so duplicates add up and the quantity cap holds.
        let _ = cart.add(CartLine {
            key: LineKey {
                archive_id: s.archive_id,
                sku_id: s.sku_id.filter(|id| *id > 0),
            },
            cart_id: None,
            title: s.title,
            variant: s.variant,
            // Stored by us from checked URLs, but storage is editable: check again.
            image: s.image.and_then(|src| api::wire::image(Some(src))),
            unit_price: Money::from_cents(s.unit_price),
            quantity: s.quantity,
            stock: s.stock,
        });
    }
    Some(cart.lines)
}

/// The lines under `key`: empty when nothing is stored, `None` when the text is unreadable.
fn read_lines(key: &str) -> Option<Vec<CartLine>> {
    match storage::get_string(key) {
        None => Some(Vec::new()),
        Some(text) => decode_lines(&text),
    }
}

fn write_lines(key: &str, lines: &[CartLine]) -> bool {
    if lines.is_empty() {
        storage::remove(key);
        return true;
    }
    storage::try_set_string(key, &encode_lines(lines))
}

/// An unreadable cart (another version, or edited by hand) is kept aside, not overwritten.
fn set_aside_unreadable(key: &str) {
    if let Some(text) = storage::get_string(key) {
        storage::try_set_string(&format!("{key}.unreadable"), &text);
        storage::remove(key);
    }
}

fn read_prices() -> HashMap<LineKey, Money> {
    storage::get_string(ADDED_PRICES_KEY)
        .and_then(|text| serde_json::from_str::<Vec<(i64, Option<i64>, i64)>>(&text).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|(archive_id, sku_id, cents)| {
            (LineKey { archive_id, sku_id }, Money::from_cents(cents))
        })
        .collect()
}

fn write_prices(prices: &HashMap<LineKey, Money>) {
    let list: Vec<(i64, Option<i64>, i64)> = prices
        .iter()
        .map(|(k, m)| (k.archive_id, k.sku_id, m.cents))
        .collect();
    storage::try_set_string(
        ADDED_PRICES_KEY,
        &serde_json::to_string(&list).unwrap_or_default(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(archive_id: i64, sku_id: Option<i64>, quantity: u32) -> CartLine {
        CartLine {
            key: LineKey { archive_id, sku_id },
            cart_id: None,
            title: format!("#{archive_id}"),
            variant: String::new(),
            image: None,
            unit_price: Money::from_cents(1990),
            quantity,
            stock: Some(5),
        }
    }

    #[test]
    fn the_local_cart_survives_a_round_trip() {
        let lines = vec![line(1, None, 2), line(2, Some(9), 1)];
        let text = encode_lines(&lines);
        assert_eq!(decode_lines(&text), Some(lines));
    }

    #[test]
    fn another_version_or_garbage_is_unreadable_not_misread() {
        assert_eq!(decode_lines(r#"{"version":2,"lines":[]}"#), None);
        assert_eq!(decode_lines("{not json"), None);
        assert_eq!(decode_lines(r#"[1,2,3]"#), None);
    }

    #[test]
    fn stored_nonsense_lines_are_dropped_and_duplicates_add_up() {
        let text = r#"{"version":1,"lines":[
            {"archive_id":0,"unit_price":1,"quantity":1},
            {"archive_id":3,"unit_price":-5,"quantity":1},
            {"archive_id":4,"unit_price":100,"quantity":0},
            {"archive_id":5,"sku_id":0,"unit_price":100,"quantity":2,"stock":3},
            {"archive_id":5,"unit_price":100,"quantity":2,"stock":3}
        ]}"#;
        let lines = decode_lines(text).unwrap_or_else(|| panic!("unreadable"));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].key.sku_id, None);
        // 2 + 2 capped at the stock of 3.
        assert_eq!(lines[0].quantity, 3);
    }
}
