//! A guest's favorites, kept in the browser until sign-in, and the plan that syncs them.
//!
//! AnqiCMS's `favorite/add` is a toggle, so syncing must never send it blindly: the plan
//! adds only the archives the server does not already hold (read with `favorite/check`).
//! The stored text is versioned (`{"v":1,"ids":[…]}`): anything else (an older or newer
//! shape, hand-edited junk) reads as "no favorites" rather than failing.

use serde::{Deserialize, Serialize};

/// The storage format's version; a different one is ignored.
pub const VERSION: u32 = 1;
/// At most this many guest favorites are kept (the oldest go first).
pub const MAX_LOCAL: usize = 200;

/// Archive ids a guest marked, newest first, without duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalFavorites {
    ids: Vec<i64>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    ids: Vec<i64>,
}

impl LocalFavorites {
    /// Reads the stored text; anything unreadable or of another version is empty.
    pub fn parse(text: &str) -> LocalFavorites {
        let Ok(stored) = serde_json::from_str::<Stored>(text) else {
            return LocalFavorites::default();
        };
        if stored.v != VERSION {
            return LocalFavorites::default();
        }
        let mut list = LocalFavorites::default();
        for id in stored.ids.into_iter().rev() {
            list.add(id);
        }
        list
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(&Stored {
            v: VERSION,
            ids: self.ids.clone(),
        })
        .unwrap_or_default()
    }

    pub fn ids(&self) -> &[i64] {
        &self.ids
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.ids.contains(&id)
    }

    /// Marks `id` (moving it to the front); ids that are not archive ids are refused.
    pub fn add(&mut self, id: i64) {
        if id <= 0 {
            return;
        }
        self.ids.retain(|x| *x != id);
        self.ids.insert(0, id);
        self.ids.truncate(MAX_LOCAL);
    }

    pub fn remove(&mut self, id: i64) {
        self.ids.retain(|x| *x != id);
    }

    /// Flips `id`; answers whether it is a favorite now.
    pub fn toggle(&mut self, id: i64) -> bool {
        if self.contains(id) {
            self.remove(id);
            false
        } else {
            self.add(id);
            self.contains(id)
        }
    }
}

/// The ids of `local` the server does not hold yet (`on_server` as `favorite/check` read
/// it), oldest first, so after adding them in this order the server's newest-first list
/// matches the order the guest marked them in.
pub fn sync_plan(local: &LocalFavorites, on_server: &[i64]) -> Vec<i64> {
    local
        .ids()
        .iter()
        .rev()
        .copied()
        .filter(|id| !on_server.contains(id))
        .collect()
}

/// One product's heart as the signed-in shopper sees it. `favorite/add` is a toggle, so a
/// second request while one is under way would flip it back: one request at a time, the
/// answer's `is_favorite` is the truth, and after a failure the state is unknown until a
/// fresh `favorite/check` tells (the toggle may or may not have reached the server).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Heart {
    /// `None`: not known (never checked, or a toggle failed and the check is under way).
    pub favorite: Option<bool>,
    pub in_flight: bool,
}

impl Heart {
    /// A click: whether to send a toggle now. Ignored while a request is under way or while
    /// the state is unknown (a toggle from an unknown state has an unknown effect).
    pub fn click(&mut self) -> bool {
        if self.in_flight || self.favorite.is_none() {
            return false;
        }
        self.in_flight = true;
        true
    }

    /// The toggle's answer: `Some(is_favorite)`, or `None` when it failed. Answers whether
    /// the state must be read again with `favorite/check`.
    pub fn answered(&mut self, answer: Option<bool>) -> bool {
        self.favorite = answer;
        match answer {
            Some(_) => {
                self.in_flight = false;
                false
            }
            // Still "in flight" until the check answers: no click meanwhile.
            None => true,
        }
    }

    /// What `favorite/check` read (`None`: it failed too; the heart stays unknown and a
    /// click is refused until the next check).
    pub fn checked(&mut self, favorite: Option<bool>) {
        self.favorite = favorite;
        self.in_flight = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_round_trips_newest_first() {
        let mut list = LocalFavorites::default();
        list.add(3);
        list.add(7);
        list.add(3);
        assert_eq!(list.ids(), &[3, 7]);
        let text = list.to_text();
        assert_eq!(text, r#"{"v":1,"ids":[3,7]}"#);
        assert_eq!(LocalFavorites::parse(&text), list);
    }

    #[test]
    fn unreadable_or_other_versions_are_empty() {
        assert!(LocalFavorites::parse("").is_empty());
        assert!(LocalFavorites::parse("[1,2]").is_empty());
        assert!(LocalFavorites::parse(r#"{"v":2,"ids":[1]}"#).is_empty());
        assert!(LocalFavorites::parse(r#"{"v":1,"ids":["x"]}"#).is_empty());
        // Duplicates and non-ids in a stored list are cleaned on reading.
        assert_eq!(
            LocalFavorites::parse(r#"{"v":1,"ids":[5,0,-2,5,4]}"#).ids(),
            &[5, 4]
        );
    }

    #[test]
    fn toggle_flips_and_the_list_is_bounded() {
        let mut list = LocalFavorites::default();
        assert!(list.toggle(9));
        assert!(!list.toggle(9));
        assert!(list.is_empty());
        assert!(!list.toggle(0));
        for id in 1..=(MAX_LOCAL as i64 + 5) {
            list.add(id);
        }
        assert_eq!(list.ids().len(), MAX_LOCAL);
        assert_eq!(list.ids()[0], MAX_LOCAL as i64 + 5);
        assert!(!list.contains(1));
    }

    #[test]
    fn the_sync_plan_adds_only_what_the_server_lacks() {
        let mut list = LocalFavorites::default();
        for id in [1, 2, 3, 4] {
            list.add(id);
        }
        // Newest first locally is [4,3,2,1]; the plan adds oldest first.
        assert_eq!(sync_plan(&list, &[]), vec![1, 2, 3, 4]);
        assert_eq!(sync_plan(&list, &[2, 4, 99]), vec![1, 3]);
        assert!(sync_plan(&list, &[1, 2, 3, 4]).is_empty());
        assert!(sync_plan(&LocalFavorites::default(), &[1]).is_empty());
    }

    #[test]
    fn a_heart_sends_one_toggle_at_a_time_and_trusts_the_answer() {
        let mut heart = Heart::default();
        // Unknown (not checked yet): a click has an unknown effect, so nothing is sent.
        assert!(!heart.click());
        heart.checked(Some(false));
        assert!(heart.click());
        // A double click: the second is ignored while the first is under way.
        assert!(!heart.click());
        assert!(!heart.answered(Some(true)));
        assert_eq!(heart.favorite, Some(true));
        assert!(!heart.in_flight);
        // The server may answer "not a favorite" to an add (it already was one): the answer wins.
        assert!(heart.click());
        assert!(!heart.answered(Some(true)));
        assert_eq!(heart.favorite, Some(true));
    }

    #[test]
    fn a_failed_toggle_is_read_again_before_the_next_click() {
        let mut heart = Heart {
            favorite: Some(false),
            in_flight: false,
        };
        assert!(heart.click());
        assert!(heart.answered(None));
        assert_eq!(heart.favorite, None);
        assert!(!heart.click(), "no click until the check has answered");
        heart.checked(Some(true));
        assert_eq!(heart.favorite, Some(true));
        assert!(heart.click());
        assert!(heart.answered(None));
        heart.checked(None);
        assert!(!heart.click(), "still unknown after a failed check");
        heart.checked(Some(true));
        assert!(heart.click());
    }
}
