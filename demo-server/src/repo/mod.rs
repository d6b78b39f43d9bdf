//! Database access plus the JSON shapes of §5 of the contract. Each submodule owns one
//! kind of record: its row struct, its queries and its wire struct.

pub mod account;
pub mod archive;
pub mod category;
pub mod coupon;
pub mod favorite;
pub mod misc;
pub mod module;
pub mod nav;
pub mod order;
pub mod retailer;
pub mod shop;
pub mod site;
pub mod tag;
pub mod upload;
pub mod user;

/// Stored image lists are JSON arrays of relative `/uploads/...` paths.
pub fn json_strings(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// AnqiCMS's thumbnail rule (§10): SVGs and remote images are their own thumbnail;
/// local raster images get a `thumb_` sibling. Values with a scheme (only the hostile test
/// state stores `javascript:`/`data:` images) are their own thumbnail too.
pub fn thumb_path(path: &str) -> String {
    if path.is_empty()
        || path.starts_with("http")
        || path.starts_with("//")
        || path.contains(':')
        || path.to_ascii_lowercase().ends_with(".svg")
    {
        return path.to_string();
    }
    match path.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/thumb_{file}"),
        None => format!("thumb_{path}"),
    }
}

pub fn is_false(b: &bool) -> bool {
    !*b
}

pub fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbs() {
        assert_eq!(thumb_path("/uploads/a/b.svg"), "/uploads/a/b.svg");
        assert_eq!(thumb_path("/uploads/a/b.webp"), "/uploads/a/thumb_b.webp");
        assert_eq!(thumb_path(""), "");
    }
}
