//! One write from a page at a time, whose answer cannot outlive the page.

use leptos::prelude::*;

/// A write from a page: like an `Action`, but its answer lands in the page's own signals
/// with `try_set`, so an answer that arrives after the page has gone (a refused session
/// sends the shopper to sign-in) changes nothing. One at a time; never retried.
pub struct Write<O: Send + Sync + 'static> {
    pub pending: RwSignal<bool>,
    pub value: RwSignal<Option<O>>,
}

impl<O: Send + Sync + 'static> Clone for Write<O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O: Send + Sync + 'static> Copy for Write<O> {}

impl<O: Send + Sync + 'static> Default for Write<O> {
    fn default() -> Self {
        Self::new()
    }
}

impl<O: Send + Sync + 'static> Write<O> {
    pub fn new() -> Self {
        Write {
            pending: RwSignal::new(false),
            value: RwSignal::new(None),
        }
    }

    pub fn run(self, work: impl std::future::Future<Output = O> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let outcome = work.await;
            let _ = self.value.try_set(Some(outcome));
            let _ = self.pending.try_set(false);
        });
    }

    /// Forgets the last answer (a dialog closed, a new attempt about to be offered).
    pub fn clear(self) {
        let _ = self.value.try_set(None);
    }
}
