//! The Content-Security-Policy for a build: the fixed policy of issue 8 plus one
//! `'sha256-…'` source per inline `<script>` of the built index.html (trunk writes the
//! module loader inline, and index.html has the crash banner script), so no
//! `'unsafe-inline'` is needed.
//!
//! The demo server computes the same policy with its own code (it shares nothing with
//! xtask), and the nginx recipe includes the line written to `dist/csp.txt`.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// Every directive but `script-src`'s hashes, in the order the header lists them.
/// `style-src` keeps `'unsafe-inline'` because the app sets `style=""` attributes; images
/// and the API may come from another origin named in config.json.
const BEFORE_HASHES: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const AFTER_HASHES: &str = "style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob: https: http:; connect-src 'self' https: http:; \
font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; \
form-action 'self'";

/// The header's name, for `Name: value` lines.
pub const HEADER: &str = "Content-Security-Policy";

/// The policy value for a build whose index.html is `index_html`.
pub fn policy_for(index_html: &str) -> String {
    let mut script_src = BEFORE_HASHES.to_string();
    let mut seen = Vec::new();
    for body in inline_scripts(index_html) {
        let source = hash_source(body);
        // Two identical scripts need one source.
        if !seen.contains(&source) {
            script_src.push(' ');
            script_src.push_str(&source);
            seen.push(source);
        }
    }
    format!("{script_src}; {AFTER_HASHES}")
}

/// After a build: prints the `Content-Security-Policy: …` line for `dist/index.html` and
/// writes the value to `dist/csp.txt` unless the build's post_build hook already did. A
/// csp.txt that disagrees with index.html is an error: nginx would send a stale policy.
pub fn print_for_dist(dist: &Path) -> Result<String, String> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("reading {}: {e}", index_path.display()))?;
    let policy = policy_for(&index);
    let txt = dist.join("csp.txt");
    match std::fs::read_to_string(&txt) {
        Ok(written) if written.trim_end() == policy => {}
        Ok(written) => {
            return Err(format!(
                "{} does not match {}:\n  csp.txt:    {}\n  index.html: {policy}",
                txt.display(),
                index_path.display(),
                written.trim_end()
            ))
        }
        Err(_) => std::fs::write(&txt, format!("{policy}\n"))
            .map_err(|e| format!("writing {}: {e}", txt.display()))?,
    }
    println!("\n{HEADER}: {policy}");
    Ok(policy)
}

/// `'sha256-<base64>'` of a script's text: the browser hashes the UTF-8 bytes of the
/// element's content exactly as written, whitespace included.
pub fn hash_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of every `<script>` element without a `src` attribute, in document order.
/// HTML comments are skipped (a `<script>` inside one is not an element). Script content is
/// raw text in HTML: it ends at the first `</script` whatever the case, with no entity
/// decoding, which is what this returns.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase(); // same byte offsets: ASCII case only
    let mut scripts = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let next_script = find_tag(&lower, "<script", at);
        let next_comment = lower[at..].find("<!--").map(|i| i + at);
        let start = match (next_script, next_comment) {
            (Some(s), Some(c)) if c < s => {
                // Skip the comment (an unterminated one runs to the end).
                at = lower[c + 4..]
                    .find("-->")
                    .map_or(html.len(), |i| c + 4 + i + 3);
                continue;
            }
            (Some(s), _) => s,
            (None, _) => break,
        };
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let attributes = &html[start + "<script".len()..tag_end];
        let body_start = tag_end + 1;
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(html.len(), |i| body_start + i);
        if !has_src(attributes) {
            scripts.push(&html[body_start..body_end]);
        }
        at = body_end;
    }
    scripts
}

/// The next `<script` that is a tag name, not the start of `<scripts` or `<script-x`.
fn find_tag(lower: &str, tag: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = lower[at..].find(tag) {
        let start = at + i;
        let after = lower[start + tag.len()..].chars().next();
        if matches!(
            after,
            None | Some('>' | '/' | ' ' | '\t' | '\n' | '\r' | '\x0c')
        ) {
            return Some(start);
        }
        at = start + tag.len();
    }
    None
}

/// Whether a tag's attribute text has a `src` attribute (not `data-src`, not a value
/// that merely contains "src").
fn has_src(attributes: &str) -> bool {
    let bytes = attributes.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip whitespace and stray slashes between attributes.
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'/' | b'>')
        {
            i += 1;
        }
        if attributes[name_start..i].eq_ignore_ascii_case("src") {
            return true;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
        if i == name_start {
            i += 1; // never loop without progress
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive<'a>(policy: &'a str, name: &str) -> &'a str {
        policy
            .split("; ")
            .find(|d| d.split(' ').next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in {policy}"))
    }

    #[test]
    fn hashes_like_the_browser() {
        // printf '%s' 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        // Whitespace counts: a script with a newline has another hash.
        // printf '%s' $'\n  alert(1)\n' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("\n  alert(1)\n"),
            "'sha256-BjA0ROBfupHLCiW2gRrYiELX3ecfNFbiR7URMIXYaeU='"
        );
        // UTF-8 bytes of non-ASCII text.
        // printf '%s' 'x="页面"' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("x=\"页面\""),
            "'sha256-ho5Ood4EQaAgid6f/5UT1wbSoa7dolI3mJ2fVuAMxPU='"
        );
    }

    #[test]
    fn writes_csp_txt_and_checks_a_written_one() {
        let dist = std::env::temp_dir().join(format!("xtask-csp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<script>alert(1)</script>").unwrap();
        let policy = print_for_dist(&dist).unwrap();
        assert!(policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"));
        let txt = std::fs::read_to_string(dist.join("csp.txt")).unwrap();
        assert_eq!(txt, format!("{policy}\n"));
        // A second run accepts the file it (or the hook) wrote…
        assert_eq!(print_for_dist(&dist).unwrap(), policy);
        // …and refuses one for another index.html.
        std::fs::write(dist.join("index.html"), "<script>alert(2)</script>").unwrap();
        assert!(print_for_dist(&dist)
            .unwrap_err()
            .contains("does not match"));
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<!doctype html><html><head>
<script src="/a.js"></script>
<SCRIPT type="module">import init from '/app.js';</SCRIPT>
<!-- <script>commented()</script> -->
<script data-src="x">one()</script>
<scripts>not a script</scripts>
<script type="text/javascript" defer
  src='/b.js'></script>
<script title="src">two()</script>
</head><body><script>
  three()
</script></body></html>"#;
        assert_eq!(
            inline_scripts(html),
            [
                "import init from '/app.js';",
                "one()",
                "two()",
                "\n  three()\n"
            ]
        );
        assert!(inline_scripts("<p>no scripts</p>").is_empty());
        assert_eq!(inline_scripts("<script>unterminated"), ["unterminated"]);
    }

    #[test]
    fn builds_the_contract_policy() {
        let html = "<head><script>alert(1)</script><script src=\"/x.js\"></script></head>\
                    <body><script>alert(1)</script></body>";
        assert_eq!(
            policy_for(html),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
             'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; \
             connect-src 'self' https: http:; font-src 'self' data:; object-src 'none'; \
             base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
        );
        let none = policy_for("<p></p>");
        assert!(none.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "));
        let script_src = directive(&none, "script-src");
        assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"));
        assert!(!none.contains("sha256"));
    }

    #[test]
    fn lists_one_hash_per_distinct_inline_script_of_a_trunk_page() {
        let html = "<html><head>\
<link rel=\"modulepreload\" href=\"/storefront-5c3a2e1f0b9d8c7a.js\">\n\
<script type=\"module\">\nimport init, * as bindings from '/storefront-5c3a2e1f0b9d8c7a.js';\n\
const wasm = await init({ module_or_path: '/storefront-5c3a2e1f0b9d8c7a_bg.wasm' });\n</script>\
</head><body><script>\n    window.addEventListener(\"error\", function () {});\n  </script></body></html>";
        let policy = policy_for(html);
        let script_src = directive(&policy, "script-src");
        assert_eq!(script_src.matches("'sha256-").count(), 2, "{script_src}");
        for body in inline_scripts(html) {
            assert!(script_src.contains(&hash_source(body)));
        }
        assert!(!script_src.contains("'unsafe-inline'"));
    }
}
