//! Article comments (§6.12): list, publish (with the captcha and the anti-spam rules of §8),
//! praise. The list carries every status with the authors' email and IP; neither is decoded.

use serde::{Deserialize, Serialize};

use super::client::{get_shared, post};
use super::ApiError;
use crate::domain::comments::Comment;
use crate::domain::Paged;

pub const COMMENTS_PAGE_SIZE: u32 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireComment {
    id: i64,
    parent_id: i64,
    user_name: Option<String>,
    content: Option<String>,
    status: i64,
    vote_count: i64,
    created_time: i64,
}

impl WireComment {
    fn into_row(self) -> (i64, Comment) {
        (
            self.status,
            Comment {
                id: self.id,
                parent_id: self.parent_id,
                user_name: self.user_name.unwrap_or_default().trim().to_string(),
                content: self.content.unwrap_or_default().trim().to_string(),
                created_time: self.created_time,
                vote_count: self.vote_count.max(0),
            },
        )
    }
}

/// One page of an archive's comments as `(status, comment)` rows (the caller keeps status 1).
pub async fn list((archive_id, page): (i64, u32)) -> Result<Paged<(i64, Comment)>, ApiError> {
    let params = [
        ("id", archive_id.to_string()),
        ("page", page.max(1).to_string()),
        ("limit", COMMENTS_PAGE_SIZE.to_string()),
    ];
    let reply = get_shared::<Vec<WireComment>>("comment/list", &params).await?;
    let total = reply.total.unwrap_or(0);
    let items: Vec<(i64, Comment)> = reply
        .list()
        .into_iter()
        .map(WireComment::into_row)
        .collect();
    Ok(Paged {
        total: total.max(items.len() as u64),
        items,
    })
}

#[derive(Serialize)]
struct Publish<'a> {
    archive_id: i64,
    #[serde(skip_serializing_if = "is_zero")]
    parent_id: i64,
    user_name: &'a str,
    email: &'a str,
    content: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    captcha_id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    captcha: &'a str,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// What the shopper typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub parent_id: i64,
    pub user_name: String,
    pub email: String,
    pub content: String,
}

/// A published comment: whether it shows now (approved at once) and the server's words.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub shown: bool,
    pub message: Option<String>,
}

pub async fn publish(
    archive_id: i64,
    draft: Draft,
    captcha: Option<(String, String)>,
) -> Result<Published, ApiError> {
    let (captcha_id, answer) = captcha.unwrap_or_default();
    let body = Publish {
        archive_id,
        parent_id: draft.parent_id,
        user_name: draft.user_name.trim(),
        email: draft.email.trim(),
        content: draft.content.trim(),
        captcha_id: &captcha_id,
        captcha: answer.trim(),
    };
    let reply = post::<WireComment, _>("comment/publish", &body).await?;
    let message = reply.msg.clone().filter(|m| !m.trim().is_empty());
    let shown = reply.data.map(|c| c.status == 1).unwrap_or(false);
    Ok(Published { shown, message })
}

#[derive(Serialize)]
struct ById {
    id: i64,
}

/// `POST /api/comment/praise`: the comment's vote count now.
pub async fn praise(id: i64) -> Result<i64, ApiError> {
    let reply = post::<WireComment, _>("comment/praise", &ById { id }).await?;
    Ok(reply.required()?.vote_count.max(0))
}
