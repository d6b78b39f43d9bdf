//! Turns AnqiCMS's own front-end URLs into the shop's routes.
//!
//! Links written in the CMS (nav items, banners, friend links, rich content, the `link`
//! fields of archives, categories, pages and tags) point at AnqiCMS's HTML site, built with
//! its rewrite rules (`provider/rewrite.go`, `provider/uri.go`). The default ("number")
//! mode and the "named" mode 1 give:
//!
//! | AnqiCMS URL | rule | shop route |
//! | --- | --- | --- |
//! | `/` | home | `/` |
//! | `/{module}/{id}.html`, `/{module}/{filename}.html` (`_{page}` before `.html`, `/c-{ids}` after the id) | archive | `/product/{slug}`, `/article/{slug}` |
//! | `/{module}`, `/{module}_{page}` (also `/{module}.html`, the admin's custom-rule examples) | archiveIndex | `/products`, `/articles` (`?page=`) |
//! | `/{module}/{catid}`, `/{module}/{catname}`, plus `/{page}` | category | `/category/{slug}` (`?page=`) |
//! | `/{id}.html`, `/{filename}.html` | page (single page) | `/page/{slug}` |
//! | `/tags`, `/tags/{page}` | tagIndex | `/tags` (`?page=`) |
//! | `/tag/{id}`, `/tag/{filename}`, plus `/{page}` | tag | `/tag/{slug}` (`?page=`) |
//! | `/search`, `/search/{module}` with `?q=` | search | `/search?q=` |
//!
//! Each may sit under the site's BaseUrl (with its sub-directory, if any) and a language
//! directory (`/en/…`), or be site-relative. Modes 2 and 3 (`/{catname}/…`) need the
//! category tokens and are not recognised; neither are custom rules or `/people/…`.
//!
//! The resolver is deliberately strict: anything that is not an http(s) or site-relative
//! URL on one of the site's own origins answers `None`, so `javascript:`, `data:`, foreign
//! hosts and oddities stay with the caller's external-link handling. A `Some` route is
//! rebuilt from decoded, re-encoded parts and always starts with a single `/`.

use super::catalog::{ContentKind, Slug};
use super::routes::{encode_component, Route};

/// What the resolver knows about one AnqiCMS site.
#[derive(Clone, Copy, Debug)]
pub struct CmsSite<'a> {
    /// The site's own origins, optionally with a sub-directory: BaseUrl, the API origin,
    /// the page origin (`http://127.0.0.1:8080`, `https://shop.example/cms`). Hosts compare
    /// case-insensitively; a port equal to the scheme's default counts as absent, so
    /// `http://shop.example` also covers `https://shop.example`.
    pub origins: &'a [&'a str],
    /// Language directories of directory-type sites (`["en"]`), stripped from the path.
    pub language_dirs: &'a [&'a str],
    /// Every module's url_token and what it holds (`[("news", Article), ("product", Product)]`).
    pub modules: &'a [(&'a str, ContentKind)],
}

/// The shop route for one of the site's own AnqiCMS URLs, e.g. `/product/26.html` →
/// `/product/26`. `None` when the URL is external, not http(s), or not one of AnqiCMS's
/// default patterns; the caller then treats it as an external link.
///
/// List routes keep the query string (facets, `q`), minus AnqiCMS's `lang` and `site_id`;
/// a page number from the path becomes `page=`. Detail routes drop the query. A fragment is
/// kept on every route.
pub fn resolve_cms_link(raw: &str, site: &CmsSite) -> Option<String> {
    let url = clean(raw)?;
    let (before_fragment, fragment) = split_once_or_all(&url, '#');
    let (target, query) = split_once_or_all(before_fragment, '?');

    let path = if let Some(rest) = target.strip_prefix("//") {
        own_path(None, rest, site)?
    } else if target.starts_with('/') {
        relative_path(target, site)?
    } else {
        let (scheme, rest) = target.split_once(':')?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        own_path(Some(scheme.as_str()), rest.strip_prefix("//")?, site)?
    };

    let segments = strip_language(path, site.language_dirs);
    let route = route_for(&segments, site)?;
    let mut out = route.path;
    if route.keeps_query {
        let pairs = query_pairs(query, route.page);
        if !pairs.is_empty() {
            out.push('?');
            out.push_str(&pairs.join("&"));
        }
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let fragment = percent_decode(fragment)?;
        out.push('#');
        out.push_str(&encode_component(&fragment));
    }
    Some(out)
}

/// What the browser would make of an href: leading/trailing C0 controls and spaces
/// stripped, tabs and newlines removed, `\` read as `/` (http(s) URLs only, but nothing
/// else gets past the scheme check). Other control characters give up.
fn clean(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    Some(cleaned)
}

fn split_once_or_all(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

/// `scheme://host[:port][/base]`, parsed. `base` holds the decoded path segments.
struct Origin {
    host: String,
    port: Option<u16>,
    base: Vec<String>,
}

/// Splits `authority/path` (the part after `//`) into host, port and the raw path.
fn parse_authority<'a>(
    scheme: Option<&str>,
    rest: &'a str,
) -> Option<(String, Option<u16>, &'a str)> {
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    // Own links never carry credentials; `https://shop.example@evil.example/` is evil.
    if authority.contains('@') || authority.contains('%') {
        return None;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']')?;
        (
            format!("[{}]", inside.to_ascii_lowercase()),
            after.strip_prefix(':'),
        )
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    let host = host.trim_end_matches('.').to_string();
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._[]:".contains(c))
    {
        return None;
    }
    let port = match port.filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    let default = match scheme {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    let port =
        port.filter(|p| Some(*p) != default && !(scheme.is_none() && (*p == 80 || *p == 443)));
    Some((host, port, path))
}

fn parse_origin(raw: &str) -> Option<Origin> {
    let raw = raw.trim();
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, port, path) = parse_authority(Some(&scheme), rest)?;
    Some(Origin {
        host,
        port,
        base: segments(path)?,
    })
}

/// The path of an absolute (`scheme` given) or protocol-relative URL, relative to the
/// matching origin's base directory; `None` for a foreign host.
fn own_path(scheme: Option<&str>, rest: &str, site: &CmsSite) -> Option<Vec<String>> {
    let (host, port, path) = parse_authority(scheme, rest)?;
    let path = segments(path)?;
    let mut matching: Vec<Origin> = site
        .origins
        .iter()
        .filter_map(|o| parse_origin(o))
        .filter(|o| o.host == host && o.port == port)
        .collect();
    matching.sort_by_key(|o| std::cmp::Reverse(o.base.len()));
    matching
        .iter()
        .find_map(|o| path.strip_prefix(o.base.as_slice()).map(<[String]>::to_vec))
}

/// A site-relative path (`/product/26.html`). When the origins have sub-directories, the
/// path must sit under one of them.
fn relative_path(path: &str, site: &CmsSite) -> Option<Vec<String>> {
    let path = segments(path)?;
    let mut bases: Vec<Vec<String>> = site
        .origins
        .iter()
        .filter_map(|o| parse_origin(o))
        .map(|o| o.base)
        .collect();
    if bases.is_empty() {
        bases.push(Vec::new());
    }
    bases.sort_by_key(|b| std::cmp::Reverse(b.len()));
    bases
        .iter()
        .find_map(|b| path.strip_prefix(b.as_slice()).map(<[String]>::to_vec))
}

/// Decoded, non-empty path segments with `.`/`..` resolved as a browser does. A segment
/// that decodes to a `/`, a control character or invalid UTF-8 gives up.
fn segments(path: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in path.split('/') {
        let seg = percent_decode(raw)?;
        if seg.contains(['/', '\\']) || seg.chars().any(|c| c.is_control()) {
            return None;
        }
        match seg.as_str() {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(seg),
        }
    }
    Some(out)
}

fn strip_language(mut segments: Vec<String>, dirs: &[&str]) -> Vec<String> {
    if segments.first().is_some_and(|first| {
        dirs.iter()
            .any(|d| !d.is_empty() && d.eq_ignore_ascii_case(first))
    }) {
        segments.remove(0);
    }
    segments
}

struct Resolved {
    path: String,
    keeps_query: bool,
    /// A page number taken from the path (`/product_2`, `/news/3/2`).
    page: Option<u32>,
}

fn route_for(segments: &[String], site: &CmsSite) -> Option<Resolved> {
    let list = |path: String, page: Option<u32>| Resolved {
        path,
        keeps_query: true,
        page,
    };
    let detail = |path: String| Resolved {
        path,
        keeps_query: false,
        page: None,
    };
    let module = |token: &str| {
        site.modules
            .iter()
            .find(|(t, _)| !t.is_empty() && t.eq_ignore_ascii_case(token))
            .map(|(_, kind)| *kind)
    };
    let strs: Vec<&str> = segments.iter().map(String::as_str).collect();
    match strs.as_slice() {
        [] => Some(detail(Route::Home.path())),
        [index] if index.eq_ignore_ascii_case("index.html") => Some(detail(Route::Home.path())),
        ["search"] | ["search", _] => Some(list(Route::Search(String::new()).path(), None)),
        ["tags"] => Some(list(Route::Tags.path(), None)),
        ["tags", page] => Some(list(Route::Tags.path(), Some(page_number(page)?))),
        ["tag", slug] => Some(list(Route::Tag(slug_of(slug)).path(), None)),
        ["tag", slug, page] => Some(list(
            Route::Tag(slug_of(slug)).path(),
            Some(page_number(page)?),
        )),
        [one] => {
            // `/{module}(_{page})`, also with `.html`; otherwise `/{id|filename}.html`.
            let stem = strip_html(one);
            let (name, page) = split_page(stem.unwrap_or(one));
            if let Some(kind) = module(name) {
                return Some(list(Route::listing(kind).path(), page));
            }
            let stem = stem.filter(|s| !s.is_empty())?;
            Some(detail(Route::Page(slug_of(stem)).path()))
        }
        [token, second] => {
            let kind = module(token)?;
            match strip_html(second) {
                // `/{module}/{id|filename}(_{page}).html`
                Some(stem) => {
                    let (slug, _page) = split_page(stem);
                    (!slug.is_empty()).then(|| detail(archive_path(kind, slug)))
                }
                // `/{module}/{catid|catname}`
                None => Some(list(Route::Category(slug_of(second)).path(), None)),
            }
        }
        [token, second, third] => {
            let kind = module(token)?;
            match strip_html(third) {
                // `/{module}/{id}/c-{ids}.html` (a combination page of the archive)
                Some(combine) if combine.starts_with("c-") => {
                    Some(detail(archive_path(kind, second)))
                }
                Some(_) => None,
                // `/{module}/{catid|catname}/{page}`
                None => Some(list(
                    Route::Category(slug_of(second)).path(),
                    Some(page_number(third)?),
                )),
            }
        }
        _ => None,
    }
}

fn archive_path(kind: ContentKind, slug: &str) -> String {
    Route::Archive(kind, slug_of(slug)).path()
}

/// All digits is an id (as the shop's `/:slug` routes read it), anything else a url_token.
fn slug_of(segment: &str) -> Slug {
    match segment.parse::<i64>() {
        Ok(id) if segment.bytes().all(|b| b.is_ascii_digit()) => Slug::Id(id),
        _ => Slug::Token(segment.to_string()),
    }
}

fn strip_html(segment: &str) -> Option<&str> {
    let cut = segment.len().checked_sub(5)?;
    (segment.is_char_boundary(cut) && segment[cut..].eq_ignore_ascii_case(".html"))
        .then(|| &segment[..cut])
}

/// `name_12` → (`name`, page 12), as AnqiCMS's lazy `(.+?)(_(\d+))?` reads it.
fn split_page(stem: &str) -> (&str, Option<u32>) {
    if let Some((name, digits)) = stem.rsplit_once('_') {
        if !name.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(page) = digits.parse::<u32>() {
                return (name, Some(page));
            }
        }
    }
    (stem, None)
}

fn page_number(segment: &str) -> Option<u32> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}

/// Re-encoded `key=value` pairs. The path's page number replaces any `page` pair; page 1
/// is dropped, as are AnqiCMS's own `lang` (a 307 on every URL) and `site_id`.
fn query_pairs(query: Option<&str>, page: Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(k), Some(v)) = (form_decode(k), form_decode(v)) else {
            continue;
        };
        if k.is_empty() || k == "lang" || k == "site_id" || (k == "page" && page.is_some()) {
            continue;
        }
        out.push(format!("{}={}", encode_component(&k), encode_component(&v)));
    }
    if let Some(page) = page.filter(|p| *p > 1) {
        out.push(format!("page={page}"));
    }
    out
}

fn form_decode(s: &str) -> Option<String> {
    percent_decode(&s.replace('+', " "))
}

/// Strict percent-decoding: a malformed escape or invalid UTF-8 gives `None`.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULES: &[(&str, ContentKind)] = &[
        ("news", ContentKind::Article),
        ("product", ContentKind::Product),
    ];

    fn site() -> CmsSite<'static> {
        CmsSite {
            origins: &[
                "http://127.0.0.1:8080",
                "https://Shop.Example/",
                "https://cms.example/sub",
            ],
            language_dirs: &["en"],
            modules: MODULES,
        }
    }

    fn check(cases: &[(&str, Option<&str>)]) {
        let site = site();
        let mut failures = Vec::new();
        for (raw, want) in cases {
            let got = resolve_cms_link(raw, &site);
            if got.as_deref() != *want {
                failures.push(format!("{raw:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn default_number_mode() {
        check(&[
            ("/", Some("/")),
            ("/product/26.html", Some("/product/26.html")),
            ("/news/12.html", Some("/article/12.html")),
            ("/product", Some("/products")),
            ("/news", Some("/articles")),
            ("/product/3", Some("/category/3")),
            ("/news/2", Some("/category/2")),
            ("/12.html", Some("/page/12")),
            ("/tag/5", Some("/tag/5")),
            ("/tags", Some("/tags")),
            ("/search?q=teapot", Some("/search?q=teapot")),
            ("/search/product?q=teapot", Some("/search?q=teapot")),
            ("/search", Some("/search")),
        ]);
    }

    #[test]
    fn named_mode_tokens() {
        check(&[
            (
                "/product/merino-wool-sweater.html",
                Some("/product/merino-wool-sweater"),
            ),
            (
                "/news/supplier-pricing-notice.html",
                Some("/article/supplier-pricing-notice"),
            ),
            ("/product/kitchen", Some("/category/kitchen")),
            ("/news/company-news", Some("/category/company-news")),
            ("/about.html", Some("/page/about")),
            ("/tag/eco-friendly", Some("/tag/eco-friendly")),
            // The admin's example custom rules write the module index with `.html`.
            ("/product.html", Some("/products")),
            ("/news.html", Some("/articles")),
            ("/index.html", Some("/")),
        ]);
    }

    #[test]
    fn page_numbers() {
        check(&[
            ("/product_2", Some("/products?page=2")),
            ("/product_1", Some("/products")),
            ("/product/3/2", Some("/category/3?page=2")),
            ("/product/kitchen/4", Some("/category/kitchen?page=4")),
            ("/tag/5/3", Some("/tag/5?page=3")),
            ("/tags/2", Some("/tags?page=2")),
            // Multi-page archive content and combination pages open the archive itself.
            ("/product/26_2.html", Some("/product/26.html")),
            ("/news/how-to-brew_3.html", Some("/article/how-to-brew")),
            ("/product/26/c-27-28.html", Some("/product/26.html")),
            // The path's page wins over a `page` pair.
            ("/product_3?page=9", Some("/products?page=3")),
            ("/product?page=2", Some("/products?page=2")),
            ("/product/3/x", None),
            ("/tags/x", None),
        ]);
    }

    #[test]
    fn language_directory_and_absolute_urls() {
        check(&[
            ("/en/product/26.html", Some("/product/26.html")),
            ("/EN/news/12.html", Some("/article/12.html")),
            ("/en/", Some("/")),
            ("/en", Some("/")),
            ("/en/about.html", Some("/page/about")),
            (
                "http://127.0.0.1:8080/product/26.html",
                Some("/product/26.html"),
            ),
            (
                "http://127.0.0.1:8080/en/product/26.html",
                Some("/product/26.html"),
            ),
            ("http://127.0.0.1:8080", Some("/")),
            ("http://127.0.0.1:8080?x=1", Some("/")),
            ("HTTP://127.0.0.1:8080/tag/5", Some("/tag/5")),
            (
                "https://shop.example/product/26.html",
                Some("/product/26.html"),
            ),
            (
                "https://SHOP.example./product/26.html",
                Some("/product/26.html"),
            ),
            (
                "http://shop.example:80/product/26.html",
                Some("/product/26.html"),
            ),
            (
                "http://shop.example/product/26.html",
                Some("/product/26.html"),
            ),
            ("https://shop.example:443/news", Some("/articles")),
            ("//shop.example/product/26.html", Some("/product/26.html")),
            ("//127.0.0.1:8080/product/26.html", Some("/product/26.html")),
            // Base URL with a sub-directory.
            (
                "https://cms.example/sub/product/26.html",
                Some("/product/26.html"),
            ),
            ("https://cms.example/sub/en/12.html", Some("/page/12")),
            ("https://cms.example/product/26.html", None),
            ("/sub/product/26.html", Some("/product/26.html")),
            // Backslashes are slashes to a browser.
            (
                "http:\\\\127.0.0.1:8080\\product\\26.html",
                Some("/product/26.html"),
            ),
        ]);
    }

    #[test]
    fn foreign_hosts_and_other_schemes_stay_external() {
        check(&[
            ("https://evil.example/product/26.html", None),
            ("http://127.0.0.1:9090/product/26.html", None),
            ("http://127.0.0.1/product/26.html", None),
            ("https://shop.example.evil.example/product/26.html", None),
            ("https://shop.example@evil.example/product/26.html", None),
            ("https://evil.example@shop.example/product/26.html", None),
            ("//evil.example/product/26.html", None),
            ("/\\evil.example/product/26.html", None),
            ("https://shop.example%2Eevil.example/product/26.html", None),
            ("https://www.anqicms.com/", None),
            ("javascript:alert(1)", None),
            (" JaVaScRiPt:top.__xss=1", None),
            ("java\tscript:top.__xss=1", None),
            ("&#106;avascript:top.__xss=1", None),
            ("vbscript:msgbox(1)", None),
            ("data:text/html,<script>top.__xss=1</script>", None),
            ("javascript://127.0.0.1:8080/%0Atop.__xss=1", None),
            ("mailto:shop@example.com", None),
            ("tel:+8613800138000", None),
            ("ftp://127.0.0.1:8080/product/26.html", None),
            ("http:/product/26.html", None),
            ("", None),
            ("   ", None),
            ("#top", None),
            ("?q=x", None),
            ("product/26.html", None),
        ]);
    }

    #[test]
    fn unrecognised_paths_stay_external() {
        check(&[
            ("/people/3.html", None),
            ("/uploads/202611/a.svg", None),
            ("/unknown/26.html", None),
            ("/unknown/3", None),
            ("/product/26/extra/more", None),
            ("/product/26/7.html", None),
            ("/.html", None),
            ("/products", None),
            ("/category/kitchen", None),
        ]);
    }

    #[test]
    fn queries_fragments_slashes_and_encoding() {
        check(&[
            ("/product/26.html?from=nav", Some("/product/26.html")),
            ("/product/26.html#reviews", Some("/product/26.html#reviews")),
            ("/about.html?x=1#returns", Some("/page/about#returns")),
            (
                "/product?color=%E7%BA%A2%E8%89%B2&size=M",
                Some("/products?color=%E7%BA%A2%E8%89%B2&size=M"),
            ),
            (
                "/product/3?sort=price&lang=en&site_id=2",
                Some("/category/3?sort=price"),
            ),
            ("/search?q=wool+sweater", Some("/search?q=wool%20sweater")),
            ("/search?q=%3Cscript%3E", Some("/search?q=%3Cscript%3E")),
            ("/search?q=a&&=b&c", Some("/search?q=a&c=")),
            ("/product/", Some("/products")),
            ("/product/3/", Some("/category/3")),
            ("/product/26.html/", Some("/product/26.html")),
            (
                "//127.0.0.1:8080//product//26.html",
                Some("/product/26.html"),
            ),
            ("/en/../product/26.html", Some("/product/26.html")),
            ("/news/./12.html", Some("/article/12.html")),
            ("/product/merino%2Dwool.html", Some("/product/merino-wool")),
            (
                "/product/%E7%BE%8A%E6%AF%9B.html",
                Some("/product/%E7%BE%8A%E6%AF%9B"),
            ),
            ("/product/羊毛.html", Some("/product/%E7%BE%8A%E6%AF%9B")),
            ("/tag/%E6%96%B0%E5%93%81", Some("/tag/%E6%96%B0%E5%93%81")),
            (
                "/product/a%22onmouseover%3D1.html",
                Some("/product/a%22onmouseover%3D1"),
            ),
            ("/product/26.HTML", Some("/product/26.html")),
            ("/PRODUCT/26.html", Some("/product/26.html")),
            ("  /product/26.html\n", Some("/product/26.html")),
            ("/prod\nuct/26.html", Some("/product/26.html")),
            ("/product/a%2Fb.html", None),
            ("/product/%ZZ.html", None),
            ("/product/%FF.html", None),
            ("/product/%00.html", None),
            (
                "/product/26.html#%E2%9C%93",
                Some("/product/26.html#%E2%9C%93"),
            ),
            (
                "/product/26.html#\"><x>",
                Some("/product/26.html#%22%3E%3Cx%3E"),
            ),
        ]);
    }

    #[test]
    fn no_origins_means_site_relative_only() {
        let site = CmsSite {
            origins: &[],
            language_dirs: &[],
            modules: MODULES,
        };
        assert_eq!(
            resolve_cms_link("/product/26.html", &site).as_deref(),
            Some("/product/26.html")
        );
        assert_eq!(resolve_cms_link("/en/product/26.html", &site), None);
        assert_eq!(
            resolve_cms_link("http://127.0.0.1:8080/product/26.html", &site),
            None
        );
    }

    #[test]
    fn every_route_is_a_single_slash_path() {
        let site = site();
        for raw in [
            "/product/26.html",
            "/product/%2F%2Fevil.html",
            "/%2F%2Fevil.example",
            "/..//evil.example/product/1.html",
            "http://127.0.0.1:8080/..//evil.example",
            "/search?q=//evil",
        ] {
            if let Some(route) = resolve_cms_link(raw, &site) {
                assert!(
                    route.starts_with('/') && !route.starts_with("//"),
                    "{raw} → {route}"
                );
                assert!(!route.contains('\\'), "{raw} → {route}");
            }
        }
    }
}
