//! Product reviews (documented edition only: the capability `reviews`). The list answers
//! approved reviews only; the score distribution is five `score=N&pageSize=1` totals.

use serde::{Deserialize, Serialize};

use super::client::{get_shared, post};
use super::ApiError;
use crate::domain::account::{Review, ReviewDraft, ScoreSummary};

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireReview {
    id: i64,
    created_time: i64,
    user_name: Option<String>,
    score: i64,
    content: Option<String>,
    images: Option<Vec<String>>,
    status: i64,
    reply: Option<String>,
}

impl WireReview {
    fn into_review(self) -> Option<Review> {
        // The list is approved-only by contract; a pending one that slips through is not shown.
        if self.id <= 0 || self.status != 1 {
            return None;
        }
        Some(Review {
            id: self.id,
            user_name: self.user_name.unwrap_or_default().trim().to_string(),
            score: u8::try_from(self.score.clamp(1, 5)).unwrap_or(5),
            content: self.content.unwrap_or_default(),
            images: self
                .images
                .unwrap_or_default()
                .into_iter()
                .filter_map(|url| super::wire::image(Some(url)))
                .collect(),
            reply: self.reply.unwrap_or_default().trim().to_string(),
            created_at: self.created_time,
        })
    }
}

/// One page of a product's reviews.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewPage {
    pub reviews: Vec<Review>,
    pub total: u64,
}

pub const REVIEWS_PAGE_SIZE: u32 = 5;

/// `GET /api/review/list?archive_id=&current=&pageSize=` (cache key: archive and page).
pub async fn reviews((archive_id, page): (i64, u32)) -> Result<ReviewPage, ApiError> {
    let params = [
        ("archive_id", archive_id.to_string()),
        ("current", page.max(1).to_string()),
        ("pageSize", REVIEWS_PAGE_SIZE.to_string()),
    ];
    let reply = get_shared::<Vec<WireReview>>("review/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    Ok(ReviewPage {
        reviews: reply
            .list()
            .into_iter()
            .filter_map(WireReview::into_review)
            .collect(),
        total,
    })
}

/// The score distribution (cache key: the archive): how many approved reviews gave each
/// score, from five `score=N&pageSize=1` totals asked together.
pub async fn summary(archive_id: i64) -> Result<ScoreSummary, ApiError> {
    let asks = (1..=5u8).map(|score| async move {
        let params = [
            ("archive_id", archive_id.to_string()),
            ("score", score.to_string()),
            ("current", "1".to_string()),
            ("pageSize", "1".to_string()),
        ];
        let reply = get_shared::<serde_json::Value>("review/list", &params).await?;
        Ok::<_, ApiError>(reply.total.unwrap_or(0))
    });
    let totals = futures::future::join_all(asks).await;
    let mut counts = [0u64; 5];
    for (slot, total) in counts.iter_mut().zip(totals) {
        *slot = total?;
    }
    Ok(ScoreSummary { counts })
}

#[derive(Serialize)]
struct PublishBody<'a> {
    archive_id: i64,
    order_id: &'a str,
    score: u8,
    content: &'a str,
    images: &'a [String],
}

/// `POST /api/review/publish` from an order line. Answers the server's message
/// ("submitted, shown after review"); a second review of the line is its refusal.
pub async fn publish(draft: &ReviewDraft) -> Result<Option<String>, ApiError> {
    let body = PublishBody {
        archive_id: draft.archive_id,
        order_id: &draft.order_id,
        score: draft.score,
        content: draft.content.trim(),
        images: &draft.images,
    };
    Ok(post::<serde_json::Value, _>("review/publish", &body)
        .await?
        .msg)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireAttachment {
    logo: Option<String>,
}

/// `POST /api/attachment/upload` (multipart `file`) with progress: the image's URL.
pub async fn upload_image(
    file: &web_sys::File,
    on_progress: impl Fn(u64, u64) + 'static,
) -> Result<String, ApiError> {
    let wire =
        super::upload::upload::<WireAttachment>("attachment/upload", "file", file, on_progress)
            .await?
            .required()?;
    super::wire::image(wire.logo)
        .ok_or_else(|| ApiError::Malformed("upload answer without a usable URL".into()))
}
