//! The guestbook (§6.13): its field definitions, and a submission through AnqiCMS's form
//! endpoint `POST /guestbook.html` (`return=json`).
//!
//! The JSON endpoint `/api/guestbook.html` is never used: it drops checkbox answers (arrays),
//! cannot carry a file, and cannot pass when the site's captcha is on. The form endpoint
//! takes all three, so every submission goes there as multipart `FormData`.

use serde::Deserialize;

use super::client::{get_shared, post_site_form};
use super::ApiError;
use crate::domain::guestbook::Field;

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireField {
    name: Option<String>,
    field_name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    required: bool,
    content: Option<String>,
}

pub async fn fields(_: ()) -> Result<Vec<Field>, ApiError> {
    let list = get_shared::<Vec<WireField>>("guestbook/fields", &[])
        .await?
        .list();
    Ok(list
        .into_iter()
        .filter_map(|w| {
            Field::new(
                w.name.as_deref().unwrap_or(""),
                w.field_name.as_deref().unwrap_or(""),
                w.kind.as_deref().unwrap_or("text"),
                w.required,
                w.content.as_deref().unwrap_or(""),
            )
        })
        .collect())
}

/// Sends the filled form (`form` read from the page's `<form>`, so a checkbox's values stay
/// repeated and an image goes as a file) with the captcha. Answers the site's thank-you text.
pub async fn submit(
    form: web_sys::FormData,
    captcha: Option<(String, String)>,
) -> Result<Option<String>, ApiError> {
    if let Some((id, answer)) = captcha {
        let _ = form.set_with_str("captcha_id", &id);
        let _ = form.set_with_str("captcha", answer.trim());
    }
    let _ = form.set_with_str("return", "json");
    let reply = post_site_form::<serde_json::Value>("guestbook.html", form).await?;
    Ok(reply.msg.filter(|m| !m.trim().is_empty()))
}
