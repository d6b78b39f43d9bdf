//! The shopper's own account: the profile AnqiCMS overwrites as a whole, the VIP membership
//! and its expiry, the avatar check made before an upload, and the review score summary.

use super::Money;

/// The fields `POST /api/user/detail` reads. The server overwrites `user_name`, `real_name`,
/// `first_name`, `last_name` and `introduce` with what is sent, empty strings included, so an
/// update always carries every one of them; `email` and `phone` can only be set while empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub user_name: String,
    pub real_name: String,
    pub first_name: String,
    pub last_name: String,
    pub introduce: String,
    pub email: String,
    pub phone: String,
}

impl Profile {
    /// Whether the shopper may still set the email address (the server refuses a change).
    pub fn email_editable(&self) -> bool {
        self.email.trim().is_empty()
    }

    pub fn phone_editable(&self) -> bool {
        self.phone.trim().is_empty()
    }

    /// What to send when the shopper edited `stored` into `edited`: the whole set, trimmed,
    /// with the stored email/phone kept where they can no longer change. Nothing the form
    /// does not show can be lost, because every overwritten field is in the form.
    pub fn update_from(stored: &Profile, edited: &Profile) -> Profile {
        let keep_or = |editable: bool, stored: &str, edited: &str| {
            if editable {
                edited.trim().to_string()
            } else {
                stored.to_string()
            }
        };
        Profile {
            user_name: edited.user_name.trim().to_string(),
            real_name: edited.real_name.trim().to_string(),
            first_name: edited.first_name.trim().to_string(),
            last_name: edited.last_name.trim().to_string(),
            introduce: edited.introduce.trim().to_string(),
            email: keep_or(stored.email_editable(), &stored.email, &edited.email),
            phone: keep_or(stored.phone_editable(), &stored.phone, &edited.phone),
        }
    }

    /// The name the shop greets the shopper with: the real name if there is one.
    pub fn display_name(&self) -> String {
        let first_last = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let found = [
            self.real_name.trim(),
            first_last.trim(),
            self.user_name.trim(),
        ]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_default()
        .to_string();
        found
    }
}

/// The signed-in shopper as the account pages show them (`GET /api/user/detail`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Account {
    pub id: i64,
    pub profile: Profile,
    pub email_verified: bool,
    /// Checked by the one URL rule.
    pub avatar: Option<String>,
    pub balance: Money,
    pub group_id: i64,
    /// Unix seconds; 0 = none.
    pub expire_time: i64,
    pub is_retailer: bool,
}

/// A user group (`GET /api/user/groups`): the VIP levels a shopper can buy.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: i64,
    pub title: String,
    /// CMS HTML: rendered only through the sanitizer.
    pub description: String,
    pub level: i64,
    pub price: Money,
    /// The price for this shopper when they have a discount.
    pub favorable_price: Option<Money>,
    pub expire_days: i64,
}

impl Group {
    /// A group that can be bought (the default group costs nothing and is everyone's).
    pub fn for_sale(&self) -> bool {
        self.price.cents > 0
    }

    pub fn price_to_pay(&self) -> Money {
        match self.favorable_price {
            Some(p) if p.cents > 0 && p < self.price => p,
            _ => self.price,
        }
    }
}

/// Where a shopper's membership stands at `now` (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Membership {
    /// The default group, or no group at all.
    Regular,
    /// A paid group that runs until `until`.
    Active { until: i64 },
    /// A paid group whose time ran out at `at` (the server keeps the group id).
    Expired { at: i64 },
    /// A paid group without an end.
    Permanent,
}

impl Membership {
    /// `paid_group` says whether the shopper's group is one that is sold (price > 0).
    pub fn of(paid_group: bool, expire_time: i64, now: i64) -> Membership {
        if !paid_group {
            return Membership::Regular;
        }
        match expire_time {
            t if t <= 0 => Membership::Permanent,
            t if t > now => Membership::Active { until: t },
            t => Membership::Expired { at: t },
        }
    }

    /// Whole days left, rounded up (an expiry later today is "1 day").
    pub fn days_left(self, now: i64) -> Option<i64> {
        match self {
            Membership::Active { until } => Some((until - now + 86_399) / 86_400),
            _ => None,
        }
    }
}

/// The image types AnqiCMS's avatar route takes.
pub const IMAGE_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];
/// The demo's (and a sensible) avatar limit: 2 MB.
pub const AVATAR_MAX_BYTES: u64 = 2 * 1024 * 1024;
/// The attachment limit of the demo server: 5 MB.
pub const ATTACHMENT_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// Why a picked file will not be uploaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    NotAnImage,
    TooLarge,
    Empty,
}

/// Checks a picked file before any byte is sent: its type (from the browser, with the file
/// name's extension as the fallback some systems need) and its size.
pub fn check_image(mime: &str, name: &str, size: u64, max: u64) -> Result<(), FileProblem> {
    let mime = mime.trim().to_ascii_lowercase();
    let by_type = IMAGE_TYPES.contains(&mime.as_str());
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let by_name = mime.is_empty() && ["jpg", "jpeg", "png", "gif", "webp"].contains(&ext.as_str());
    if !(by_type || by_name) {
        return Err(FileProblem::NotAnImage);
    }
    if size == 0 {
        return Err(FileProblem::Empty);
    }
    if size > max {
        return Err(FileProblem::TooLarge);
    }
    Ok(())
}

/// Upload progress as a whole percentage (0–100), in integers.
pub fn percent(loaded: u64, total: u64) -> u8 {
    if total == 0 {
        return 0;
    }
    (loaded.min(total).saturating_mul(100) / total) as u8
}

/// A product's review scores: how many approved reviews gave 1…5 stars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreSummary {
    /// `counts[0]` is one star, `counts[4]` five.
    pub counts: [u64; 5],
}

impl ScoreSummary {
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The average in tenths of a star (4.3 → 43), rounded half up; `None` without reviews.
    pub fn average_tenths(&self) -> Option<u64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let points: u64 = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u64 + 1) * n)
            .sum();
        Some((points * 20 + total) / (total * 2))
    }

    /// "4.3" from [`Self::average_tenths`].
    pub fn average_text(&self) -> Option<String> {
        self.average_tenths()
            .map(|t| format!("{}.{}", t / 10, t % 10))
    }

    /// The share of reviews with `stars` (1–5) as a whole percentage, rounded half up.
    pub fn share_percent(&self, stars: u8) -> u64 {
        let total = self.total();
        let Some(count) = (1..=5)
            .contains(&stars)
            .then(|| self.counts[usize::from(stars) - 1])
        else {
            return 0;
        };
        if total == 0 {
            return 0;
        }
        (count * 200 + total) / (total * 2)
    }
}

/// Whether a review may be written for a line: the order is completed and it has no review.
pub fn may_review(order_completed: bool, already_reviewed: bool) -> bool {
    order_completed && !already_reviewed
}

/// The most images a review takes.
pub const REVIEW_MAX_IMAGES: usize = 9;

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Profile {
        Profile {
            user_name: "ann".into(),
            real_name: "Ann Lee".into(),
            first_name: "Ann".into(),
            last_name: "Lee".into(),
            introduce: "hi".into(),
            email: "ann@example.com".into(),
            phone: String::new(),
        }
    }

    #[test]
    fn an_update_sends_every_field_and_keeps_a_set_email() {
        let mut edited = stored();
        edited.introduce = "".into();
        edited.email = "other@example.com".into();
        edited.phone = " 13800138000 ".into();
        edited.user_name = " ann2 ".into();
        let sent = Profile::update_from(&stored(), &edited);
        assert_eq!(sent.introduce, "", "an emptied field is sent empty");
        assert_eq!(sent.email, "ann@example.com", "a set email cannot change");
        assert_eq!(sent.phone, "13800138000", "an empty phone may be set");
        assert_eq!(sent.user_name, "ann2");
        assert_eq!(sent.real_name, "Ann Lee");
        assert!(!stored().email_editable());
        assert!(stored().phone_editable());
    }

    #[test]
    fn the_display_name_prefers_the_real_name() {
        assert_eq!(stored().display_name(), "Ann Lee");
        let mut p = stored();
        p.real_name.clear();
        assert_eq!(p.display_name(), "Ann Lee");
        p.first_name.clear();
        p.last_name.clear();
        assert_eq!(p.display_name(), "ann");
    }

    #[test]
    fn membership_follows_the_expiry() {
        let now = 1_000_000;
        assert_eq!(Membership::of(false, now + 10, now), Membership::Regular);
        assert_eq!(Membership::of(true, 0, now), Membership::Permanent);
        assert_eq!(
            Membership::of(true, now + 10, now),
            Membership::Active { until: now + 10 }
        );
        assert_eq!(
            Membership::of(true, now, now),
            Membership::Expired { at: now }
        );
        assert_eq!(Membership::of(true, now + 10, now).days_left(now), Some(1));
        assert_eq!(
            Membership::of(true, now + 30 * 86_400, now).days_left(now),
            Some(30)
        );
        assert_eq!(Membership::Permanent.days_left(now), None);
    }

    #[test]
    fn a_group_is_sold_at_its_favorable_price() {
        let mut g = Group {
            id: 2,
            title: "VIP".into(),
            description: String::new(),
            level: 1,
            price: Money::from_cents(9900),
            favorable_price: Some(Money::from_cents(8900)),
            expire_days: 30,
        };
        assert!(g.for_sale());
        assert_eq!(g.price_to_pay(), Money::from_cents(8900));
        g.favorable_price = Some(Money::from_cents(0));
        assert_eq!(g.price_to_pay(), Money::from_cents(9900));
        g.price = Money::from_cents(0);
        assert!(!g.for_sale());
    }

    #[test]
    fn images_are_checked_by_type_and_size_before_upload() {
        let max = AVATAR_MAX_BYTES;
        assert_eq!(check_image("image/png", "a.png", 10, max), Ok(()));
        assert_eq!(check_image("image/webp", "a", max, max), Ok(()));
        assert_eq!(
            check_image("image/png", "a.png", max + 1, max),
            Err(FileProblem::TooLarge)
        );
        assert_eq!(
            check_image("image/svg+xml", "a.svg", 10, max),
            Err(FileProblem::NotAnImage)
        );
        assert_eq!(
            check_image("application/pdf", "a.png", 10, max),
            Err(FileProblem::NotAnImage)
        );
        assert_eq!(check_image("", "photo.JPG", 10, max), Ok(()));
        assert_eq!(
            check_image("image/gif", "a.gif", 0, max),
            Err(FileProblem::Empty)
        );
        assert_eq!(percent(50, 200), 25);
        assert_eq!(percent(300, 200), 100);
        assert_eq!(percent(1, 0), 0);
    }

    #[test]
    fn the_score_summary_is_integer_maths() {
        let none = ScoreSummary::default();
        assert_eq!(none.average_tenths(), None);
        assert_eq!(none.share_percent(5), 0);
        // 5,5,4 → 4.666… → 4.7
        let s = ScoreSummary {
            counts: [0, 0, 0, 1, 2],
        };
        assert_eq!(s.total(), 3);
        assert_eq!(s.average_tenths(), Some(47));
        assert_eq!(s.average_text().as_deref(), Some("4.7"));
        assert_eq!(s.share_percent(5), 67);
        assert_eq!(s.share_percent(4), 33);
        assert_eq!(s.share_percent(1), 0);
        assert_eq!(s.share_percent(6), 0);
        // 1 and 2 → 1.5 exactly; 4.45 rounds half up to 4.5 (1×4 + 1×5 ... )
        let t = ScoreSummary {
            counts: [1, 1, 0, 0, 0],
        };
        assert_eq!(t.average_text().as_deref(), Some("1.5"));
        let five = ScoreSummary {
            counts: [0, 0, 0, 0, 7],
        };
        assert_eq!(five.average_text().as_deref(), Some("5.0"));
        assert!(may_review(true, false));
        assert!(!may_review(true, true));
        assert!(!may_review(false, false));
    }
}

/// An approved product review as the product page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub id: i64,
    pub user_name: String,
    /// 1–5.
    pub score: u8,
    pub content: String,
    /// Checked by the one URL rule.
    pub images: Vec<String>,
    /// The shop's answer, if any.
    pub reply: String,
    pub created_at: i64,
}

/// A review being written from an order line.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDraft {
    pub archive_id: i64,
    pub order_id: String,
    pub score: u8,
    pub content: String,
    pub images: Vec<String>,
}

impl ReviewDraft {
    /// What must change before it can be sent (a translation key), if anything.
    pub fn problem(&self) -> Option<&'static str> {
        if !(1..=5).contains(&self.score) {
            Some("review.need_score")
        } else if self.content.trim().is_empty() {
            Some("review.need_text")
        } else if self.images.len() > REVIEW_MAX_IMAGES {
            Some("review.too_many")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;

    #[test]
    fn a_draft_needs_a_score_text_and_at_most_nine_images() {
        let mut d = ReviewDraft {
            archive_id: 1,
            order_id: "o".into(),
            score: 0,
            content: " ".into(),
            images: vec![],
        };
        assert_eq!(d.problem(), Some("review.need_score"));
        d.score = 6;
        assert_eq!(d.problem(), Some("review.need_score"));
        d.score = 5;
        assert_eq!(d.problem(), Some("review.need_text"));
        d.content = "good".into();
        assert_eq!(d.problem(), None);
        d.images = vec!["https://x/a.png".into(); 10];
        assert_eq!(d.problem(), Some("review.too_many"));
    }
}
