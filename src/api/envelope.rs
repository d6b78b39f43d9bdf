//! Decoding an AnqiCMS answer: `{code, msg, data, total?}` behind HTTP 200, with its quirks
//! (`data: null` for empty lists, `msg` null or absent, HTML pages for unknown routes, JSON
//! followed by junk after a server panic). Pure functions, so native tests cover them.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::ApiError;

/// A successful (`code: 0`) answer.
#[derive(Debug, PartialEq)]
pub struct Reply<T> {
    /// `None` when the server sent `null` or nothing: for lists that means "empty".
    pub data: Option<T>,
    pub total: Option<u64>,
    pub msg: Option<String>,
}

impl<T> Reply<T> {
    /// The data, or `NotFound` when the server had none.
    pub fn required(self) -> Result<T, ApiError> {
        self.data.ok_or(ApiError::NotFound)
    }
}

impl<T> Reply<Vec<T>> {
    /// A list, with `null` read as empty.
    pub fn list(self) -> Vec<T> {
        self.data.unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct Head {
    code: i64,
    #[serde(default)]
    msg: Option<String>,
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Body<T> {
    #[serde(default)]
    data: Option<T>,
    #[serde(default)]
    total: Option<u64>,
}

/// Turns status, content type and body text into a typed reply or a typed error.
pub fn decode<T: DeserializeOwned>(
    status: u16,
    content_type: &str,
    body: &str,
) -> Result<Reply<T>, ApiError> {
    match status {
        200 => {}
        429 => return Err(ApiError::RateLimited),
        408 => return Err(ApiError::Timeout),
        _ => return Err(ApiError::Http { status }),
    }
    let trimmed = body.trim_start();
    if !trimmed.starts_with('{') {
        // AnqiCMS's catch-all HTML, a proxy's error page, a limiter's plain text.
        return Err(
            if content_type.contains("json") && !trimmed.starts_with('<') {
                ApiError::Malformed(excerpt(trimmed))
            } else {
                ApiError::NotJson
            },
        );
    }
    let head: Head = first_value(trimmed)?;
    match head.code {
        0 => {
            let body: Body<T> = first_value(trimmed)?;
            Ok(Reply {
                data: body.data,
                total: body.total,
                msg: head.msg,
            })
        }
        1001 => Err(ApiError::Unauthorized),
        code => Err(ApiError::Refused {
            code,
            message: head.msg,
        }),
    }
}

/// Reads the first JSON value and ignores whatever follows: some AnqiCMS handlers write a
/// second object, or panic after writing the first.
fn first_value<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<T>();
    match stream.next() {
        Some(Ok(value)) => Ok(value),
        Some(Err(err)) => Err(ApiError::Malformed(err.to_string())),
        None => Err(ApiError::Malformed("empty body".into())),
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(80).collect()
}
