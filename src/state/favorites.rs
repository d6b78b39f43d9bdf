//! The hearts: which products the shopper marked, for guests in the browser and for a
//! signed-in shopper on the server, and the sync of a guest's marks on sign-in.
//!
//! `favorite/add` is a toggle, so every heart follows [`Heart`]'s rules (one request at a
//! time, the answer is the truth, a failure is read again), and the sign-in sync adds only
//! what `favorite/check` says is missing ([`sync_plan`]).

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api;
use crate::api::ApiError;
use crate::domain::favorites::{sync_plan, Heart, LocalFavorites};
use crate::state::Session;
use crate::storage;

const KEY: &str = "storefront.favorites";

/// Each language is its own AnqiCMS site with its own archive ids.
fn key() -> String {
    format!("{KEY}:{}", api::client::site_id().unwrap_or(0))
}

#[derive(Clone, Copy)]
pub struct Favorites {
    session: Session,
    local: RwSignal<LocalFavorites>,
    hearts: RwSignal<HashMap<i64, Heart>>,
    to_check: StoredValue<Vec<i64>>,
    check_scheduled: StoredValue<bool>,
    /// The browser refused to keep a guest's favorite (storage full or disabled).
    pub not_stored: RwSignal<bool>,
    /// The last heart that failed, and why.
    pub failure: RwSignal<Option<(i64, ApiError)>>,
    /// Bumped when the server's favorites changed (the favorites page re-reads).
    pub changed: RwSignal<u32>,
}

impl Favorites {
    pub fn new(session: Session) -> Favorites {
        let favorites = Favorites {
            session,
            local: RwSignal::new(LocalFavorites::default()),
            hearts: RwSignal::new(HashMap::new()),
            to_check: StoredValue::new(Vec::new()),
            check_scheduled: StoredValue::new(false),
            not_stored: RwSignal::new(false),
            failure: RwSignal::new(None),
            changed: RwSignal::new(0),
        };
        // Who is signed in decides where hearts come from; a new sign-in syncs a guest's.
        let user_id = Memo::new(move |_| session.state.with(|s| s.user().map(|u| u.id)));
        Effect::new(move |previous: Option<Option<i64>>| {
            let now = user_id.get();
            if previous.is_some_and(|p| p != now) || previous.is_none() {
                favorites.hearts.set(HashMap::new());
                if now.is_some() {
                    favorites.sync_local();
                }
            }
            now
        });
        favorites
    }

    /// Reads the guest favorites of the current site (at start and after a language switch).
    pub fn reload(self) {
        let local = storage::get_string(&key())
            .map(|t| LocalFavorites::parse(&t))
            .unwrap_or_default();
        self.local.set(local);
        self.hearts.set(HashMap::new());
    }

    /// The heart's state: `None` while not known.
    pub fn shown(self, id: i64) -> Option<bool> {
        if self.session.signed_in() {
            self.hearts
                .with(|h| h.get(&id).and_then(|heart| heart.favorite))
        } else {
            Some(self.local.with(|l| l.contains(id)))
        }
    }

    pub fn busy(self, id: i64) -> bool {
        self.session.signed_in()
            && self
                .hearts
                .with(|h| h.get(&id).is_some_and(|x| x.in_flight))
    }

    /// Asks the server about `id` (batched with the other hearts on the page) unless known.
    pub fn watch(self, id: i64) {
        if !self.session.signed_in() || self.hearts.with_untracked(|h| h.contains_key(&id)) {
            return;
        }
        self.to_check.update_value(|ids| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        });
        if self.check_scheduled.get_value() {
            return;
        }
        self.check_scheduled.set_value(true);
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            let _ = self.check_scheduled.try_set_value(false);
            let Some(ids) = self.to_check.try_update_value(std::mem::take) else {
                return;
            };
            self.check_now(ids).await;
        });
    }

    async fn check_now(self, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        self.hearts.update(|h| {
            for id in &ids {
                h.entry(*id).or_default().in_flight = true;
            }
        });
        let answer = api::favorites::check(ids.clone()).await;
        if let Err(error) = &answer {
            if let Some(first) = ids.first() {
                self.failure.set(Some((*first, error.clone())));
            }
        }
        self.hearts.update(|h| {
            for id in &ids {
                let heart = h.entry(*id).or_default();
                heart.checked(answer.as_ref().ok().map(|held| held.contains(id)));
            }
        });
    }

    /// A click on the heart of `id`.
    pub fn click(self, id: i64) {
        self.failure.set(None);
        if !self.session.signed_in() {
            let mut local = self.local.get_untracked();
            local.toggle(id);
            let stored = storage::try_set_string(&key(), &local.to_text());
            self.not_stored.set(!stored);
            self.local.set(local);
            return;
        }
        let mut send = false;
        let mut unknown = false;
        self.hearts.update(|h| {
            let heart = h.entry(id).or_default();
            send = heart.click();
            unknown = !send && !heart.in_flight && heart.favorite.is_none();
        });
        if unknown {
            // A failed read or toggle left the heart unknown: this click reads it again.
            leptos::task::spawn_local(async move { self.check_now(vec![id]).await });
            return;
        }
        if !send {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = api::favorites::toggle(id).await;
            let recheck = match &answer {
                Ok(favorite) => {
                    self.hearts.update(|h| {
                        h.entry(id).or_default().answered(Some(*favorite));
                    });
                    self.changed.update(|n| *n += 1);
                    false
                }
                Err(error) => {
                    self.failure.set(Some((id, error.clone())));
                    let mut recheck = false;
                    self.hearts
                        .update(|h| recheck = h.entry(id).or_default().answered(None));
                    recheck && !matches!(error, ApiError::Unauthorized)
                }
            };
            if recheck {
                self.check_now(vec![id]).await;
                self.changed.update(|n| *n += 1);
            }
        });
    }

    /// `favorite/delete` (idempotent, unlike the toggle) went through for `id`.
    pub fn removed(self, id: i64) {
        self.hearts
            .update(|h| h.entry(id).or_default().checked(Some(false)));
        self.changed.update(|n| *n += 1);
    }

    /// After sign-in: adds the guest's favorites the server lacks, then forgets them locally.
    fn sync_local(self) {
        let local = self.local.get_untracked();
        if local.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let Ok(held) = api::favorites::check(local.ids().to_vec()).await else {
                // Kept locally; the next sign-in tries again.
                return;
            };
            let mut remaining = local.clone();
            for id in &held {
                remaining.remove(*id);
            }
            for id in sync_plan(&local, &held) {
                match api::favorites::toggle(id).await {
                    Ok(true) => remaining.remove(id),
                    // It was added meanwhile (another tab): the toggle removed it, so put
                    // it back once, and trust that answer.
                    Ok(false) => {
                        if let Ok(true) = api::favorites::toggle(id).await {
                            remaining.remove(id);
                        }
                    }
                    // The server refuses the archive (it is gone): nothing to keep.
                    Err(ApiError::Refused { .. }) => remaining.remove(id),
                    Err(_) => break,
                }
            }
            let stored = if remaining.is_empty() {
                storage::remove(&key());
                true
            } else {
                storage::try_set_string(&key(), &remaining.to_text())
            };
            let _ = self.not_stored.try_set(!stored);
            let _ = self.local.try_set(remaining);
            let _ = self.hearts.try_set(HashMap::new());
            let _ = self.changed.try_update(|n| *n += 1);
        });
    }
}

pub fn use_favorites() -> Option<Favorites> {
    use_context::<Favorites>()
}
