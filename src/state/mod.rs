//! App-wide reactive state provided through context: the site being shown and the session.

pub mod cart;
pub mod favorites;
pub mod history;
pub mod write;

use leptos::prelude::*;

use crate::api;
use crate::domain::{Feature, SessionState, SiteState, User};

/// Who is signed in. `Unknown` until the stored token has been checked once at start-up;
/// then `Anonymous` or `SignedIn`. A language switch keeps it (each site has its own token).
#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    /// Why the last check of the stored token got no answer (`SessionState::Unverified`).
    pub check_failure: RwSignal<Option<api::ApiError>>,
    restore_started: StoredValue<bool>,
}

impl Session {
    /// A session in the `Unknown` state, kept in step with the API: any `1001` answer means
    /// the token is gone, so the shopper is shown as signed out.
    pub fn start() -> Session {
        let session = Session {
            state: RwSignal::new(SessionState::Unknown),
            check_failure: RwSignal::new(None),
            restore_started: StoredValue::new(false),
        };
        api::client::on_unauthorized(move || {
            // Not now, inside the request's own task: the sign-out sends protected pages to
            // sign-in and disposes them, and the page whose request this was must first
            // finish its turn. A macrotask later the change runs on a settled tree.
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                if session.state.try_get_untracked().is_some_and(|s| {
                    matches!(s, SessionState::SignedIn(_) | SessionState::Unverified)
                }) {
                    session.state.set(SessionState::Anonymous);
                }
            });
        });
        session
    }

    /// Checks the stored token, once per page load: called when the site is first connected
    /// (the token belongs to a site, so the site must be known). Later connections (a
    /// language switch) keep the session as it is.
    pub fn restore_once(self) {
        if self.restore_started.get_value() {
            return;
        }
        self.restore_started.set_value(true);
        self.check_stored_token();
    }

    /// Asks again after a failed check (the retry of "could not check your sign-in").
    pub fn check_again(self) {
        if self.state.get_untracked() == SessionState::Unverified {
            self.state.set(SessionState::Unknown);
            self.check_stored_token();
        }
    }

    fn check_stored_token(self) {
        leptos::task::spawn_local(async move {
            let (restored, failure) = match api::account::current_user(()).await {
                Ok(Some(user)) => (SessionState::SignedIn(user), None),
                Ok(None) => (SessionState::Anonymous, None),
                // An outage is not a sign-out: the token stays, nobody is shown as signed
                // in, and protected pages say the check failed (with a retry).
                Err(error) => (SessionState::Unverified, Some(error)),
            };
            // A sign-in that finished meanwhile wins over the stored token's answer.
            if self.state.get_untracked() == SessionState::Unknown {
                self.check_failure.set(failure);
                self.state.set(restored);
            }
        });
    }

    /// `None` while unknown; whether `/account` and its children render.
    pub fn may_enter_protected(self) -> Option<bool> {
        self.state.with(SessionState::may_enter_protected)
    }

    /// After a language switch: the signed-in shopper's details as the new site has them
    /// (names are per site). The session stays signed in meanwhile; it only ends if the new
    /// site has no valid token for the shopper.
    pub fn refresh_for_site(self) {
        if self.state.get_untracked().user().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::account::current_user(()).await {
                Ok(Some(user)) => self.state.set(SessionState::SignedIn(user)),
                Ok(None) => self.state.set(SessionState::Anonymous),
                // An outage keeps what is shown; the next request will tell.
                Err(_) => {}
            }
        });
    }

    pub fn user(self) -> Option<User> {
        self.state.with(|s| s.user().cloned())
    }

    pub fn signed_in(self) -> bool {
        self.state.with(|s| s.user().is_some())
    }

    /// `None` while the session is still being restored.
    pub fn is_signed_in(self) -> Option<bool> {
        self.state.with(SessionState::is_signed_in)
    }

    pub fn signed_in_as(self, user: User) {
        self.state.set(SessionState::SignedIn(user));
    }

    pub fn signed_out(self) {
        self.state.set(SessionState::Anonymous);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Whether the backend offers `feature`: `false` until the detection has answered, and when
/// it fails. A memo, so a revalidation of the capabilities that keeps the answer does not
/// rebuild what depends on it (which would read its data again and drop its notices).
pub fn use_feature(feature: Feature) -> Memo<bool> {
    let features = api::queries::use_query(api::capabilities::detect, || ());
    Memo::new(move |_| {
        features
            .get()
            .and_then(Result::ok)
            .is_some_and(|f| f.has(feature))
    })
}

/// The site state provided once the start-up connection succeeded.
pub fn use_site() -> SiteState {
    use_context::<SiteState>().unwrap_or_default()
}

/// Runtime configuration for views (currency symbol and the like).
pub fn use_config() -> crate::config::ApiConfig {
    api::api_config()
}

/// Signing out, from wherever the shopper does it (the header, the account navigation).
/// It owns what it needs, so it finishes even when the view that started it is gone.
#[derive(Clone)]
pub struct SignOut {
    session: Session,
    cart: cart::CartStore,
}

impl SignOut {
    /// Forgets every site's token (and AnqiCMS's cookie), the guest cart token (the server
    /// merged that cart into the shopper's at sign-in), the server cart shown, and every
    /// cached read: orders, coupons and the profile were this shopper's, and Back must not
    /// show them to whoever uses the browser next.
    pub async fn run(self) {
        api::account::logout(&api::site::known_site_ids()).await;
        api::client::clear_cart_token();
        let _ = self.session.state.try_set(SessionState::Anonymous);
        self.cart.after_sign_out();
        api::queries::clear_all();
    }
}

pub fn use_sign_out() -> SignOut {
    SignOut {
        session: use_session(),
        cart: cart::use_cart(),
    }
}
