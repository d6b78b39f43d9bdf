//! Browsing history: the last [`MAX_ENTRIES`] products viewed, newest first, kept in the
//! browser. Each entry carries what a card needs (title, link, picture, price) so the
//! history page draws without a request. The stored text is versioned; anything else reads
//! as an empty history. A stored picture passes the one URL rule again when read back
//! (storage is as untrusted as the network).

use serde::{Deserialize, Serialize};

use super::links::safe_src;

pub const VERSION: u32 = 1;
pub const MAX_ENTRIES: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewed {
    pub id: i64,
    pub title: String,
    /// The shop's router path of the product (`/product/…`).
    pub path: String,
    pub thumb: Option<String>,
    pub price_cents: i64,
    /// Unix seconds.
    pub viewed_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<Viewed>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    entries: Vec<Viewed>,
}

impl History {
    pub fn parse(text: &str) -> History {
        let Ok(stored) = serde_json::from_str::<Stored>(text) else {
            return History::default();
        };
        if stored.v != VERSION {
            return History::default();
        }
        let mut history = History::default();
        for entry in stored.entries.into_iter().rev() {
            history.record(entry);
        }
        history
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(&Stored {
            v: VERSION,
            entries: self.entries.clone(),
        })
        .unwrap_or_default()
    }

    pub fn entries(&self) -> &[Viewed] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Puts `entry` first, dropping an older visit of the same product and anything past
    /// the limit. An entry that is not a product of this shop is refused.
    pub fn record(&mut self, mut entry: Viewed) {
        if entry.id <= 0 || !is_own_path(&entry.path) {
            return;
        }
        entry.thumb = entry.thumb.as_deref().and_then(safe_src);
        entry.price_cents = entry.price_cents.max(0);
        self.entries.retain(|e| e.id != entry.id);
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// A path of this shop: rooted, and not one a browser reads as another host (`//host`, or
/// `/\host`, since browsers treat a backslash in an http(s) URL as a slash), with no
/// whitespace or control characters that the URL parser would strip.
fn is_own_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewed(id: i64) -> Viewed {
        Viewed {
            id,
            title: format!("P{id}"),
            path: format!("/product/{id}.html"),
            thumb: Some(format!("https://img.example/{id}.png")),
            price_cents: 100 * id,
            viewed_at: 1_700_000_000 + id,
        }
    }

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let mut h = History::default();
        h.record(viewed(1));
        h.record(viewed(2));
        h.record(viewed(1));
        let ids: Vec<i64> = h.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![1, 2]);
        for id in 3..=60 {
            h.record(viewed(id));
        }
        assert_eq!(h.entries().len(), MAX_ENTRIES);
        assert_eq!(h.entries()[0].id, 60);
        assert_eq!(h.entries()[MAX_ENTRIES - 1].id, 11);
        h.clear();
        assert!(h.is_empty());
    }

    #[test]
    fn round_trips_and_refuses_what_it_cannot_trust() {
        let mut h = History::default();
        h.record(viewed(4));
        h.record(viewed(5));
        assert_eq!(History::parse(&h.to_text()), h);
        assert!(History::parse("junk").is_empty());
        assert!(History::parse(r#"{"v":9,"entries":[]}"#).is_empty());

        let mut hostile = viewed(7);
        hostile.thumb = Some("javascript:alert(1)".into());
        hostile.price_cents = -5;
        h.record(hostile);
        assert_eq!(h.entries()[0].thumb, None);
        assert_eq!(h.entries()[0].price_cents, 0);
        let mut elsewhere = viewed(8);
        elsewhere.path = "//evil.example/x".into();
        h.record(elsewhere);
        assert_eq!(h.entries()[0].id, 7);
        for sneaky in ["/\\evil.example/x", "/\t/evil.example", "/ /evil"] {
            let mut entry = viewed(9);
            entry.path = sneaky.into();
            h.record(entry);
            assert_eq!(h.entries()[0].id, 7, "{sneaky:?} was kept");
        }
        // A tampered stored text goes through the same rules.
        let text = r#"{"v":1,"entries":[{"id":3,"title":"t","path":"https://evil/x","thumb":null,"price_cents":1,"viewed_at":0}]}"#;
        assert!(History::parse(text).is_empty());
    }
}
