//! Absolute URLs, built the way AnqiCMS does when the site has no BaseUrl configured:
//! from the request (`X-Host` wins over `Host`; `X-Scheme: https` or `X-Server-Port: 443`
//! switch the scheme). Links follow AnqiCMS's default numeric rewrite rules.

use axum::http::HeaderMap;

#[derive(Debug, Clone)]
pub struct Urls {
    /// `http://host:port`: also the storage URL for local uploads.
    pub origin: String,
    /// `origin` plus the language directory of a directory-type sub-site (`/en`).
    pub site_base: String,
    /// The hostile test state (`/__test/hostile`): image values that are not site paths
    /// (`javascript:…`, `data:…`, `x" onerror=…`) are passed on as stored instead of
    /// getting the storage URL prefixed, as a compromised server would send them.
    pub hostile: bool,
}

impl Urls {
    pub fn from_request(headers: &HeaderMap, uri_authority: Option<&str>, site_dir: &str) -> Urls {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let host = header("x-host")
            .or_else(|| header("host"))
            .or(uri_authority)
            .filter(|h| is_sane_host(h))
            .unwrap_or("127.0.0.1");
        let https = header("x-scheme").is_some_and(|s| s.eq_ignore_ascii_case("https"))
            || header("x-server-port") == Some("443");
        let origin = format!("{}://{}", if https { "https" } else { "http" }, host);
        Urls::new(origin, site_dir)
    }

    pub fn new(origin: String, site_dir: &str) -> Urls {
        let site_base = if site_dir.is_empty() {
            origin.clone()
        } else {
            format!("{origin}/{site_dir}")
        };
        Urls {
            origin,
            site_base,
            hostile: false,
        }
    }

    pub fn with_hostile(mut self, hostile: bool) -> Urls {
        self.hostile = hostile;
        self
    }

    /// In the hostile state, a non-empty value that is not a site path stays as stored.
    pub fn keeps_raw(&self, path: &str) -> bool {
        self.hostile && !path.is_empty() && !path.starts_with('/')
    }

    /// Makes a stored upload path absolute (storage URL = origin for local storage).
    /// Empty stays empty; `http…` and `//…` are left alone.
    pub fn abs(&self, path: &str) -> String {
        if path.is_empty()
            || path.starts_with("http")
            || path.starts_with("//")
            || self.keeps_raw(path)
        {
            path.to_string()
        } else if path.starts_with('/') {
            format!("{}{}", self.origin, path)
        } else {
            format!("{}/{}", self.origin, path)
        }
    }

    pub fn home(&self) -> String {
        format!("{}/", self.site_base)
    }

    /// `archive===/{module}/{id}.html`
    pub fn archive(&self, module_token: &str, id: i64) -> String {
        format!("{}/{}/{}.html", self.site_base, module_token, id)
    }

    /// `category===/{module}/{catid}`
    pub fn category(&self, module_token: &str, id: i64) -> String {
        format!("{}/{}/{}", self.site_base, module_token, id)
    }

    /// `archiveIndex===/{module}(_{page})` (`provider/rewrite.go`, number mode)
    pub fn module_index(&self, module_token: &str) -> String {
        format!("{}/{}", self.site_base, module_token)
    }

    /// `page===/{id}.html`
    pub fn page(&self, id: i64) -> String {
        format!("{}/{}.html", self.site_base, id)
    }

    /// `tag===/tag/{id}`
    pub fn tag(&self, id: i64) -> String {
        format!("{}/tag/{}", self.site_base, id)
    }

    pub fn user(&self, id: i64) -> String {
        format!("{}/people/{}.html", self.site_base, id)
    }

    /// Rich content: `<img src="/…">` gets the base URL prefixed, like the Go regexp
    /// `(?i)<img.*?src="(.+?)".*?>` does for every src not starting with `http`.
    pub fn absolutise_content(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + 64);
        let mut rest = html;
        while let Some(pos) = find_ci(rest, "<img") {
            let (before, tag_start) = rest.split_at(pos);
            out.push_str(before);
            let tag_end = tag_start
                .find('>')
                .map(|i| i + 1)
                .unwrap_or(tag_start.len());
            let tag = &tag_start[..tag_end];
            out.push_str(&self.fix_img_tag(tag));
            rest = &tag_start[tag_end..];
        }
        out.push_str(rest);
        out
    }

    fn fix_img_tag(&self, tag: &str) -> String {
        let Some(src_at) = find_ci(tag, "src=\"") else {
            return tag.to_string();
        };
        let value_start = src_at + 5;
        let Some(value_len) = tag[value_start..].find('"') else {
            return tag.to_string();
        };
        let value = &tag[value_start..value_start + value_len];
        if value.is_empty() || value.starts_with("http") {
            return tag.to_string();
        }
        format!(
            "{}{}{}",
            &tag[..value_start],
            self.abs(value),
            &tag[value_start + value_len..]
        )
    }
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Rejects Host values that would let a request inject markup or paths into our links.
fn is_sane_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_links_and_absolutises() {
        let u = Urls::new("http://127.0.0.1:8080".into(), "en");
        assert_eq!(
            u.archive("product", 12),
            "http://127.0.0.1:8080/en/product/12.html"
        );
        assert_eq!(
            u.abs("/uploads/a.svg"),
            "http://127.0.0.1:8080/uploads/a.svg"
        );
        assert_eq!(u.abs(""), "");
        assert_eq!(u.abs("https://cdn/x.png"), "https://cdn/x.png");
        let html = r#"<p>x</p><IMG alt="a" src="/uploads/a.svg"><img src="http://x/y.png"><img src=x onerror="y">"#;
        let fixed = u.absolutise_content(html);
        assert!(fixed.contains(r#"<IMG alt="a" src="http://127.0.0.1:8080/uploads/a.svg">"#));
        assert!(fixed.contains(r#"<img src="http://x/y.png">"#));
        assert!(fixed.contains(r#"<img src=x onerror="y">"#));
    }
}
