//! The one URL rule for every URL that comes from the CMS or from the address bar.
//!
//! Banner links, logos, article bodies, product images and the sign-in `?next=` path are all
//! written by people we do not trust, and a single `javascript:` URL in an `href` runs script
//! in the shop's origin. Every place that puts such a URL into the DOM goes through one of
//! these functions, so there is exactly one rule to test and to fix.
//!
//! The checks mirror what the browser does before it looks at a URL's scheme: the HTML parser
//! decodes character references (`&colon;`, `&#106;`), then the WHATWG URL parser trims C0
//! controls and spaces at both ends and deletes tabs and newlines everywhere. We do the same,
//! judge the result, and hand back *that* string, so what reaches the DOM is exactly what was
//! checked. Anything odd (an unknown scheme, a control character left inside) is refused
//! rather than interpreted: a lost link is a cosmetic bug, a wrong guess is an XSS.
//!
//! Plain Rust with no browser types, so it is unit-tested natively.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a URL is for; it decides which schemes pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    /// `<a href>`: web pages, `mailto:`, `tel:`.
    Link,
    /// `<img src>`, logos, posters: web URLs and inline raster images.
    Image,
}

/// Inline images we accept. SVG is excluded: an SVG document can carry script.
const INLINE_IMAGE_PREFIXES: &[&str] = &[
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
];

/// A URL that is safe as an `<a href>`, in the exact form to write, or `None`.
///
/// Allowed: `http:`, `https:`, `mailto:`, `tel:` and relative URLs (`/x`, `x`, `?q`, `#f`,
/// and `//host`, which is an ordinary external web link). Everything else is refused:
/// `javascript:`, `vbscript:`, `data:`, `file:` and any other scheme, however it is cased,
/// entity-encoded or split with tabs, newlines and control characters.
#[must_use]
pub fn safe_href(raw: &str) -> Option<String> {
    checked(raw, Use::Link)
}

/// A URL that is safe as an `<img src>` (or a logo, poster or `srcset` entry), or `None`.
///
/// Like [`safe_href`] without `mailto:`/`tel:`, plus inline PNG, JPEG, GIF and WebP images
/// (`data:image/png;base64,…`). `data:image/svg+xml` is refused: SVG can carry script.
#[must_use]
pub fn safe_src(raw: &str) -> Option<String> {
    checked(raw, Use::Image)
}

/// Whether a URL already accepted by [`safe_href`] leaves the site (`http(s):` or `//host`),
/// so the link needs `rel="noopener noreferrer"`. Browsers read `\` as `/` in web URLs, so
/// `\\host` counts as external too.
#[must_use]
pub fn is_external(url: &str) -> bool {
    let is_slash = |byte: Option<&u8>| matches!(byte, Some(b'/' | b'\\'));
    let bytes = url.as_bytes();
    let protocol_relative = is_slash(bytes.first()) && is_slash(bytes.get(1));
    protocol_relative
        || scheme(url).is_some_and(|scheme| {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        })
}

fn checked(raw: &str, usage: Use) -> Option<String> {
    let url = clean_up(&decode_entities(raw));
    if url.is_empty() || url.chars().any(|c| c.is_ascii_control()) {
        // Controls left inside (NUL, ESC…) make browsers disagree on what the URL is.
        return None;
    }
    if !scheme_allowed(&url, usage) {
        return None;
    }
    // A value that was entity-encoded twice (`&amp;#106;avascript:`) is harmless as an
    // attribute value, but would turn dangerous if anything ever decoded it once more:
    // judge the fully decoded form as well.
    let mut deeper = url.clone();
    for _ in 0..4 {
        let next = clean_up(&decode_entities(&deeper));
        if next == deeper {
            break;
        }
        if !scheme_allowed(&next, usage) {
            return None;
        }
        deeper = next;
    }
    Some(url)
}

fn scheme_allowed(url: &str, usage: Use) -> bool {
    let Some(scheme) = scheme(url) else {
        return true; // a relative URL stays on a web scheme
    };
    let is = |name: &str| scheme.eq_ignore_ascii_case(name);
    is("http")
        || is("https")
        || (usage == Use::Link && (is("mailto") || is("tel")))
        || (usage == Use::Image && is_inline_image(url))
}

fn is_inline_image(url: &str) -> bool {
    INLINE_IMAGE_PREFIXES.iter().any(|prefix| {
        // `get` rather than slicing: the cut may fall inside a multi-byte character.
        url.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    })
}

/// The WHATWG URL parser's clean-up before it reads the scheme: trim C0 controls and spaces
/// at both ends, delete tab, LF and CR everywhere. `" java\tscript:"` is `javascript:` to a
/// browser, so it must be to us.
fn clean_up(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The text before a `:` that comes before any `/`, `?` or `#`. Some such prefixes
/// (`java script:`) are a relative path to a browser; calling them a scheme anyway means
/// they are refused, which errs on the safe side and keeps the rule simple.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    url[end..].starts_with(':').then(|| &url[..end])
}

/// Decodes numeric character references (`&#106;`, `&#x6A`, with or without `;`) and the
/// named ones that matter in URLs. An attribute value from the CMS may still be
/// entity-encoded, and `javascript&colon;` is `javascript:` once an HTML parser sees it.
/// Unknown names stay as they are.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match decode_reference(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference right after `&` stands for, and how many bytes it used.
fn decode_reference(after_amp: &str) -> Option<(char, usize)> {
    if let Some(number) = after_amp.strip_prefix('#') {
        let (radix, digits_at) = match number.as_bytes().first() {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = &after_amp[digits_at..];
        let len = digits
            .bytes()
            .take_while(|byte| byte.is_ascii_digit() || (radix == 16 && byte.is_ascii_hexdigit()))
            .count();
        if len == 0 {
            return None;
        }
        // Overlong numbers (`&#0000000106;`) are legal; saturate rather than overflow.
        let value = digits[..len].bytes().fold(0u32, |acc, byte| {
            let digit = char::from(byte).to_digit(radix).unwrap_or(0);
            acc.saturating_mul(radix).saturating_add(digit)
        });
        // As in HTML: NUL, surrogates and out-of-range values become U+FFFD.
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, digits_at + len + semicolon));
    }
    let name_len = after_amp
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if !after_amp[name_len..].starts_with(';') {
        return None;
    }
    let c = named_reference(&after_amp[..name_len])?;
    Some((c, name_len + 1))
}

/// Named references that can build or hide a scheme, plus the common escapes CMS editors emit.
fn named_reference(name: &str) -> Option<char> {
    let c = match name {
        "Tab" => '\t',
        "NewLine" => '\n',
        "colon" => ':',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "sol" => '/',
        "bsol" => '\\',
        "quest" => '?',
        "num" => '#',
        "period" => '.',
        "lpar" => '(',
        "rpar" => ')',
        "excl" => '!',
        "equals" => '=',
        "percnt" => '%',
        "plus" => '+',
        "comma" => ',',
        "semi" => ';',
        "commat" => '@',
        "lowbar" => '_',
        "hyphen" | "dash" => '-',
        _ => return None,
    };
    Some(c)
}

/// The sign-in return path (`?next=`) if it is safe to navigate to, or `None`.
///
/// `raw` is the query value as the router hands it over (already percent-decoded once); it
/// must be the **full** path as the browser shows it, base included, which is what
/// [`next_param`] produces from `location.pathname + location.search`. `base` is the
/// router base: `""` at the site root, or like `"/shop"` (a trailing `/` is ignored).
///
/// Only a same-origin absolute path under `base` passes: exactly one leading `/` followed
/// by something other than `/` or `\` (or exactly `/`), no `\` or ASCII control character
/// anywhere, no `.`/`..` segments (the path is never resolved, so it cannot climb out of
/// the base), and the same again after percent-decoding, so `/%5Cevil` and `/%2F%2Fevil`
/// cannot turn into `/\evil` or `///evil` further down the line.
///
/// **The result is relative to the router**: `base` is stripped (`"/shop/account"` →
/// `"/account"`, `"/shop"` → `"/"`), because the router's `navigate` adds the base again.
/// Navigate with it via the router, never by assigning it to `window.location`.
#[must_use]
pub fn safe_next(raw: &str, base: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    if !is_safe_path(raw) {
        return None;
    }
    if base.is_empty() {
        return Some(raw.to_owned());
    }
    let rest = raw.strip_prefix(base)?;
    let relative = match rest.as_bytes().first() {
        None => "/".to_owned(),
        Some(b'/') => rest.to_owned(),
        Some(b'?' | b'#') => format!("/{rest}"),
        // `/shopping` is not under `/shop`.
        Some(_) => return None,
    };
    // `/shop//evil.example` would leave `//evil.example` once the base is gone.
    is_safe_path(&relative).then_some(relative)
}

/// [`is_plain_path`] for `path` and for every percent-decoded layer of it: `%255C` is `%5C`
/// after one round and `\` after two.
fn is_safe_path(path: &str) -> bool {
    let mut layer = path.to_owned();
    for _ in 0..4 {
        if !is_plain_path(&layer) {
            return false;
        }
        let decoded = percent_decode_str(&layer).decode_utf8_lossy().into_owned();
        if decoded == layer {
            return true;
        }
        layer = decoded;
    }
    // Still encoded after four rounds: nobody legitimate does that.
    false
}

/// An absolute same-origin path with nothing a browser or server could read differently.
fn is_plain_path(path: &str) -> bool {
    let Some(after_slash) = path.strip_prefix('/') else {
        return false; // relative paths, schemes and empty strings
    };
    if path.contains('\\') || path.chars().any(|c| c.is_ascii_control()) {
        return false;
    }
    if after_slash.starts_with('/') {
        return false; // `//host` is another origin
    }
    let path_part = path.split(['?', '#']).next().unwrap_or(path);
    !path_part.split('/').any(|segment| {
        segment == "."
            || segment == ".."
            || segment.eq_ignore_ascii_case("%2e")
            || segment.eq_ignore_ascii_case("%2e%2e")
            || segment.eq_ignore_ascii_case(".%2e")
            || segment.eq_ignore_ascii_case("%2e.")
    })
}

/// Characters left readable in a `?next=` value: the unreserved ones and `/`, so the link
/// reads `?next=/account/orders%3Fpage%3D2`. Everything else, `?`, `&`, `#`, `=`, `+`,
/// `%` and non-ASCII included, is percent-encoded.
const NEXT_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The percent-encoded `?next=` value for a sign-in link back to the current page:
/// `format!("/login?next={}", next_param(&here))`.
///
/// Pass the full path and query as the browser has them (`location.pathname +
/// location.search`, router base included): [`safe_next`] checks the value against the
/// base when the sign-in page reads it back.
#[must_use]
pub fn next_param(current_path_and_query: &str) -> String {
    utf8_percent_encode(current_path_and_query, NEXT_VALUE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// URLs that must never reach an `href` or `src`.
    const HOSTILE: &[&str] = &[
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "   javascript:alert(1)",
        "\tjavascript:alert(1)",
        "\njavascript:alert(1)",
        "\u{0}javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "\u{1f}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "\tjava\nscript:alert(1)",
        "java\u{0}script:alert(1)",
        "javascript\u{0}:alert(1)",
        "javascript:alert(1)\u{0}",
        "java script:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "javascript&#058;alert(1)",
        "javascript&#x3a;alert(1)",
        "javascript&#X3A;alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#x6a;avascript:alert(1)",
        "&#0000106avascript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
        "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "jav&Tab;ascript:alert(1)",
        "java&NewLine;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "java&#13;script:alert(1)",
        "&#x20;javascript:alert(1)",
        " &#14;  javascript:alert(1)",
        "jAvAsCrIpT&colon;alert&lpar;1&rpar;",
        "&amp;#106;avascript:alert(1)",
        "javascript&amp;colon;alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "vbscript&colon;msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "data:application/javascript,alert(1)",
        "file:///etc/passwd",
        "blob:https://evil.example/1",
        "filesystem:https://evil.example/x",
        "ftp://evil.example/",
        "x:alert(1)",
        "livescript:alert(1)",
        "\u{0}",
        "",
        "   ",
        "\t\n",
    ];

    #[test]
    fn hostile_urls_are_refused_everywhere() {
        for url in HOSTILE {
            assert_eq!(safe_href(url), None, "href {url:?}");
            assert_eq!(safe_src(url), None, "src {url:?}");
        }
    }

    #[test]
    fn good_links_pass_unchanged() {
        for url in [
            "https://example.com/a?b=1#c",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/",
            "/product/12",
            "product/12",
            "../up",
            "?page=2",
            "#reviews",
            "//cdn.example.com/x",
            "mailto:shop@example.com",
            "MAILTO:shop@example.com",
            "tel:+86-10-1234-5678",
            "/search?q=a:b",
            "/文章/关于我们",
            "https://例子.中国/路径",
        ] {
            assert_eq!(safe_href(url).as_deref(), Some(url), "{url:?}");
        }
    }

    #[test]
    fn the_checked_form_is_what_comes_back() {
        assert_eq!(safe_href("  /a\tb\n ").as_deref(), Some("/ab"));
        assert_eq!(
            safe_href("\u{1}https://x.example").as_deref(),
            Some("https://x.example")
        );
        assert_eq!(safe_href("/p?a=1&amp;b=2").as_deref(), Some("/p?a=1&b=2"));
        assert_eq!(
            safe_href("https&colon;//x.example").as_deref(),
            Some("https://x.example")
        );
        // Unknown entity names stay as written.
        assert_eq!(safe_href("/a&bogus;b").as_deref(), Some("/a&bogus;b"));
        assert_eq!(safe_href("/a&b").as_deref(), Some("/a&b"));
        assert_eq!(safe_href("/a&#").as_deref(), Some("/a&#"));
    }

    #[test]
    fn odd_numeric_references_do_not_panic() {
        for url in [
            "/&#99999999999999999999;",
            "/&#xFFFFFFFFFFFF;",
            "/&#xD800;",
            "/&#0;",
        ] {
            assert_eq!(safe_href(url).as_deref(), Some("/\u{fffd}"), "{url:?}");
        }
        assert_eq!(safe_href("&#"), Some("&#".to_owned()));
        assert_eq!(safe_href("&#x"), Some("&#x".to_owned()));
    }

    #[test]
    fn mailto_and_tel_are_links_not_images() {
        assert_eq!(safe_src("mailto:a@b.example"), None);
        assert_eq!(safe_src("tel:123"), None);
    }

    #[test]
    fn images_allow_raster_data_urls_only() {
        for url in [
            "data:image/png;base64,iVBORw0KGgo=",
            "DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=",
            "data:image/jpeg;base64,/9j/4AAQ",
            "data:image/gif;base64,R0lGODlh",
            "data:image/webp;base64,UklGR",
            "https://cdn.example.com/a.png",
            "/uploads/a.jpg",
            "//cdn.example.com/a.png",
        ] {
            assert_eq!(safe_src(url).as_deref(), Some(url), "{url:?}");
        }
        for url in [
            "data:image/png,raw",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "data:image/png;charset=utf-8;base64,x",
            "data:text/plain;base64,aGk=",
        ] {
            assert_eq!(safe_src(url), None, "{url:?}");
        }
        // Links never take data: URLs, not even images.
        assert_eq!(safe_href("data:image/png;base64,iVBORw0KGgo="), None);
    }

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://x.example"));
        assert!(is_external("HTTP://x.example"));
        assert!(is_external("//x.example"));
        assert!(is_external("\\\\x.example"));
        assert!(is_external("/\\x.example"));
        assert!(!is_external("/x"));
        assert!(!is_external("x"));
        assert!(!is_external("#x"));
        assert!(!is_external("mailto:a@b.example"));
    }

    #[test]
    fn hostile_next_paths_are_refused() {
        for next in [
            "",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/\tevil",
            "/\t/evil.example",
            "/\n/evil",
            "/\r/evil",
            "/\u{0}/evil",
            "/a\u{7f}",
            "/account\n",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "account",
            "?next=/x",
            "#x",
            " /account",
            "/%5Cevil",
            "/%5cevil",
            "/%2F%2Fevil",
            "/%2f/evil",
            "/%2F",
            "/%255Cevil",
            "/%252F%252Fevil",
            "/%09/evil",
            "/%0A/evil",
            "/%00",
            "/../evil",
            "/a/../../evil",
            "/./x",
            "/%2e%2e/evil",
            "/.%2E/evil",
            "/a/..",
            "/a\\b",
            "/x?y=\\",
        ] {
            assert_eq!(safe_next(next, ""), None, "{next:?}");
            assert_eq!(safe_next(next, "/shop"), None, "under /shop: {next:?}");
        }
    }

    #[test]
    fn good_next_paths_pass() {
        for next in [
            "/",
            "/account/orders?page=2",
            "/account",
            "/product/12#reviews",
            "/search?q=a%20b&sort=newest",
            "/search?q=http://x.example",
            "/category/%E6%89%8B%E6%9C%BA",
            "/文章",
            "/a%2Fb",
            "/a..b/c.d",
        ] {
            assert_eq!(safe_next(next, "").as_deref(), Some(next), "{next:?}");
        }
    }

    #[test]
    fn next_paths_must_stay_under_the_base() {
        assert_eq!(
            safe_next("/shop/account?x=1", "/shop").as_deref(),
            Some("/account?x=1")
        );
        assert_eq!(
            safe_next("/shop/account", "/shop/").as_deref(),
            Some("/account")
        );
        assert_eq!(safe_next("/shop", "/shop").as_deref(), Some("/"));
        assert_eq!(safe_next("/shop/", "/shop").as_deref(), Some("/"));
        assert_eq!(safe_next("/shop?x=1", "/shop").as_deref(), Some("/?x=1"));
        assert_eq!(safe_next("/shopping", "/shop"), None);
        assert_eq!(safe_next("/account", "/shop"), None);
        assert_eq!(safe_next("/", "/shop"), None);
        assert_eq!(safe_next("/shop/../admin", "/shop"), None);
        assert_eq!(safe_next("/shop//evil.example", "/shop"), None);
        assert_eq!(safe_next("/shop/%2F/evil.example", "/shop"), None);
        // A root base behaves like no base.
        assert_eq!(safe_next("/account", "/").as_deref(), Some("/account"));
    }

    #[test]
    fn next_param_round_trips_through_the_query() {
        for here in [
            "/account/orders?page=2",
            "/search?q=手机 壳&sort=price-asc#top",
            "/shop/a+b",
        ] {
            let encoded = next_param(here);
            assert!(
                !encoded.contains(['?', '&', '#', ' ', '+', '=']),
                "{encoded:?} must not break the surrounding query"
            );
            let decoded = percent_decode_str(&encoded).decode_utf8_lossy();
            assert_eq!(decoded, here);
        }
        assert_eq!(
            next_param("/account/orders?page=2"),
            "/account/orders%3Fpage%3D2"
        );
    }
}
