//! The Content-Security-Policy the demo server sends with the built app, as a site owner's
//! host does (issue 8's strict policy): computed once at start from `<dist>/index.html`,
//! with a `'sha256-…'` source for each inline `<script>` (trunk's module loader and the
//! crash banner), so scripts run without `'unsafe-inline'`.
//!
//! Written here on purpose, not shared with xtask (which prints the same policy for
//! `cargo xtask dist`): if one side computes the hashes wrongly, the e2e run under this
//! header shows it instead of both agreeing on the same mistake.

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// `None` when `dist` has no readable index.html: the "not built" page needs no policy.
pub fn policy_for_dist(dist: &Path) -> Option<String> {
    let html = std::fs::read_to_string(dist.join("index.html")).ok()?;
    Some(policy(&html))
}

/// The policy for one index.html.
pub fn policy(html: &str) -> String {
    let mut hashes: Vec<String> = Vec::new();
    for script in inline_script_texts(html) {
        let source = format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script)));
        if !hashes.contains(&source) {
            hashes.push(source);
        }
    }
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script_src.extend(hashes);
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", script_src.join(" ")),
        // The app sets style="" attributes.
        "style-src 'self' 'unsafe-inline'".to_string(),
        // config.json may point images and the API at another origin.
        "img-src 'self' data: blob: https: http:".to_string(),
        "connect-src 'self' https: http:".to_string(),
        "font-src 'self' data:".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "frame-ancestors 'self'".to_string(),
        "form-action 'self'".to_string(),
    ]
    .join("; ")
}

/// The raw text of each `<script>` without `src`. A script element's content is raw text:
/// it runs to the first `</script` (any case) and is hashed byte for byte. A `<script>` in
/// an HTML comment would only add a harmless extra hash, so comments are not parsed.
fn inline_script_texts(html: &str) -> Vec<&str> {
    let folded = html.to_ascii_lowercase(); // ASCII folding keeps byte offsets
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = folded[rest..].find("<script").map(|i| rest + i) {
        let name_end = open + "<script".len();
        let Some(gt) = folded[name_end..].find('>').map(|i| name_end + i) else {
            break;
        };
        let close = folded[gt + 1..]
            .find("</script")
            .map_or(html.len(), |i| gt + 1 + i);
        // `<scripts>` or `<script-x>` is another element.
        let is_script = folded[name_end..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace());
        if is_script && !names_src(&folded[name_end..gt]) {
            found.push(&html[gt + 1..close]);
        }
        rest = close.max(name_end);
    }
    found
}

/// Whether an open tag's attribute text (lowercased) has a `src` attribute. Quoted values
/// are blanked first, so `title="src"` or `alt='a src=b'` does not count.
fn names_src(attributes: &str) -> bool {
    let mut unquoted = String::with_capacity(attributes.len());
    let mut quote = None;
    for c in attributes.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                unquoted.push(' ');
            }
            None => unquoted.push(c),
        }
    }
    let spaced = unquoted.replace('=', " = ");
    let mut words = spaced
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .filter(|w| !w.is_empty());
    while let Some(word) = words.next() {
        if word == "src" {
            return true;
        }
        if word == "=" {
            words.next(); // an unquoted value, e.g. `title=src`
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<script src=\"/a.js\"></script><Script type=\"module\">alert(1)</SCRIPT>\
                    <script title='src' data-src=x alt=src>b()</script><scripts>c()</scripts>";
        assert_eq!(inline_script_texts(html), ["alert(1)", "b()"]);
        // printf '%s' 'alert(1)' | openssl dgst -sha256 -binary | base64
        let p = policy(html);
        assert!(p.contains(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=' 'sha256-"
        ));
        assert!(p.contains("; object-src 'none'; base-uri 'self'; "));
        assert!(!p.contains("'unsafe-eval'"));
        assert_eq!(p.matches("'sha256-").count(), 2);
    }

    #[test]
    fn no_index_html_no_policy() {
        assert_eq!(policy_for_dist(Path::new("/nonexistent/dist")), None);
    }
}
