//! Query-string access with Go/Iris semantics (`URLParamIntDefault`, `strconv.ParseBool`).
//!
//! A map-like extractor rather than typed `Query<T>` structs because archive lists accept
//! arbitrary custom-field names (`color=红色`) and because a malformed number must fall back
//! to the default instead of rejecting the request, as the Go server does.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(query: Option<&str>) -> Params {
        Params(
            form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `key`, if present (even when empty).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The value of `key`, or "" when absent.
    pub fn str(&self, key: &str) -> &str {
        self.get(key).unwrap_or("")
    }

    /// The trimmed value of `key` as a non-empty string.
    pub fn non_empty(&self, key: &str) -> Option<&str> {
        self.get(key).map(str::trim).filter(|v| !v.is_empty())
    }

    pub fn i64_or(&self, key: &str, default: i64) -> i64 {
        self.get(key)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default)
    }

    pub fn bool_or(&self, key: &str, default: bool) -> bool {
        self.get(key).and_then(parse_bool).unwrap_or(default)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Go's `strconv.ParseBool`.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// A comma-separated id list; unparsable items are skipped.
pub fn id_list(v: &str) -> Vec<i64> {
    v.split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_style() {
        let p = Params::parse(Some("a=1&b=x&c=TRUE&d=f&e=%E7%BA%A2%E8%89%B2&a=2"));
        assert_eq!(p.i64_or("a", 0), 1);
        assert_eq!(p.i64_or("b", 7), 7);
        assert!(p.bool_or("c", false));
        assert!(!p.bool_or("d", true));
        assert!(p.bool_or("zz", true));
        assert_eq!(p.str("e"), "红色");
        assert_eq!(id_list("1, 2,x,3"), vec![1, 2, 3]);
    }
}
