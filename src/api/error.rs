//! Every way a request can fail, as a value. Nothing in the API layer panics.

use std::fmt;

/// A failed API call. Each variant maps to a message a shopper can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, connection refused).
    Network(String),
    /// No answer within the configured time.
    Timeout,
    /// A non-200 status: 404 means the route does not exist on this server.
    Http { status: u16 },
    /// 429 or a rate-limit page from the server's limiter.
    RateLimited,
    /// A 200 answer whose body is HTML or text instead of the JSON envelope.
    NotJson,
    /// A JSON envelope that does not have the expected shape.
    Malformed(String),
    /// `code: 1001`: the token is missing or expired.
    Unauthorized,
    /// `code: -1` (or any other code): the server refused with a message.
    Refused { code: i64, message: Option<String> },
    /// A successful envelope without the data the page needs.
    NotFound,
    /// The request was cancelled because its view went away.
    Aborted,
}

impl ApiError {
    /// The translation key of the message shown to shoppers.
    pub fn message_key(&self) -> &'static str {
        match self {
            ApiError::Network(_) => "error.network",
            ApiError::Timeout => "error.timeout",
            ApiError::Http { status } if *status >= 500 => "error.server",
            ApiError::Http { status: 404 } => "error.missing_route",
            ApiError::Http { .. } => "error.http",
            ApiError::RateLimited => "error.rate_limited",
            ApiError::NotJson => "error.not_json",
            ApiError::Malformed(_) => "error.malformed",
            ApiError::Unauthorized => "error.unauthorized",
            ApiError::Refused { .. } => "error.refused",
            ApiError::NotFound => "error.not_found",
            ApiError::Aborted => "error.aborted",
        }
    }

    /// Server-supplied detail worth showing (AnqiCMS messages are already localized).
    pub fn detail(&self) -> Option<String> {
        match self {
            ApiError::Refused { message, .. } => message.clone().filter(|m| !m.trim().is_empty()),
            ApiError::Http { status } => Some(format!("HTTP {status}")),
            ApiError::Network(detail) | ApiError::Malformed(detail) if !detail.is_empty() => {
                Some(detail.clone())
            }
            _ => None,
        }
    }

    /// Reads a detail route's refusal: AnqiCMS answers a missing record with `code: -1` and
    /// Go's error text ("no archive found", "not found", gorm's "record not found"), which
    /// is not a failure to retry but a page that does not exist.
    pub fn missing_record(self) -> ApiError {
        match &self {
            ApiError::Refused {
                message: Some(message),
                ..
            } if is_not_found_text(message) => ApiError::NotFound,
            _ => self,
        }
    }

    /// Whether trying again could help. Even "not found" and "sign in" may be a passing
    /// server state (AnqiCMS has no status codes to tell), so only a cancellation is final.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, ApiError::Aborted)
    }
}

fn is_not_found_text(message: &str) -> bool {
    let message = message.trim().to_ascii_lowercase();
    ["not found", "no archive", "not exist", "record not found"]
        .iter()
        .any(|needle| message.contains(needle))
        || ["不存在", "未找到", "找不到"]
            .iter()
            .any(|n| message.contains(n))
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(d) => write!(f, "network error: {d}"),
            ApiError::Timeout => write!(f, "the server did not answer in time"),
            ApiError::Http { status } => write!(f, "HTTP status {status}"),
            ApiError::RateLimited => write!(f, "too many requests"),
            ApiError::NotJson => write!(f, "the server answered with a page instead of JSON"),
            ApiError::Malformed(d) => write!(f, "unreadable answer: {d}"),
            ApiError::Unauthorized => write!(f, "sign-in required"),
            ApiError::Refused { code, message } => {
                write!(f, "refused ({code}): {}", message.as_deref().unwrap_or(""))
            }
            ApiError::NotFound => write!(f, "not found"),
            ApiError::Aborted => write!(f, "cancelled"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_record_is_not_found_but_other_refusals_stay_errors() {
        let refused = |m: &str| ApiError::Refused {
            code: -1,
            message: Some(m.into()),
        };
        for missing in [
            "no archive found",
            "record not found",
            "Not Found",
            "文档不存在",
        ] {
            assert_eq!(
                refused(missing).missing_record(),
                ApiError::NotFound,
                "{missing}"
            );
        }
        assert_eq!(
            refused("simulated failure").missing_record(),
            refused("simulated failure")
        );
        assert_eq!(ApiError::Timeout.missing_record(), ApiError::Timeout);
    }
}
