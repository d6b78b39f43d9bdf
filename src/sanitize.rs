//! Allowlist HTML sanitizer for CMS content, built on the browser's own HTML parser.
//!
//! AnqiCMS article bodies, product descriptions and category descriptions arrive as HTML
//! written by editors — or by whoever got hold of an editor account — so they are treated as
//! hostile. [`sanitized_fragment`] keeps a small set of formatting elements and attributes and
//! drops everything else; [`html_to_text`] flattens HTML into plain text for meta
//! descriptions and card excerpts.
//!
//! # Why this is safe
//!
//! 1. **The browser parses.** The input goes through `DOMParser` (`text/html`), so it is
//!    understood exactly as the browser understands HTML: no second parser of our own that
//!    could disagree about where a comment, a `<noscript>` or an SVG `<style>` ends (the root
//!    of mutation XSS). A `DOMParser` document has no browsing context: its scripts never
//!    run, its images and frames never load, its `<meta refresh>` and `<base>` do nothing.
//! 2. **Nothing is re-serialized.** We never turn the parsed tree back into a string for the
//!    browser to parse again. Instead we *build* clean nodes in the live document: elements
//!    from the allowlist via `createElement`, only the allowlisted attributes via
//!    `setAttribute`, text via `createTextNode`. Whatever odd string a text node or an
//!    attribute holds, it stays text.
//! 3. **URLs go through one rule.** Every URL attribute passes
//!    [`crate::domain::links::safe_href`] / [`safe_src`](crate::domain::links::safe_src),
//!    and the normalized value those return is the one written.
//!
//! Only elements in the HTML namespace are ever copied. SVG, MathML, templates, scripts,
//! styles, embedded documents and form controls are dropped with everything inside them;
//! other unknown elements are unwrapped, keeping their content.
//!
//! The walk is iterative (an explicit stack, no recursion), so no nesting depth can overflow
//! the wasm stack, and the output nesting is capped at [`MAX_DEPTH`].
//!
//! Needs a browser: on native targets there is no DOM, so [`sanitized_fragment`] is
//! browser-only and is tested with wasm-bindgen-test in Chromium (`tests/sanitize_web.rs`).

use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, Node};

use crate::domain::links;

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// Parses untrusted HTML with the browser's parser and returns clean nodes, owned by the live
/// document, ready to append anywhere.
///
/// Only allowlisted elements and attributes survive (see the module docs). Links to other
/// sites get `rel="noopener noreferrer nofollow"` and `target="_blank"`; images get
/// `loading="lazy"`, `decoding="async"` and an empty `alt` unless they say otherwise; media
/// get `controls`. `None` only when there is no browser document or the parser is
/// unavailable, in which case nothing should be shown.
#[must_use]
pub fn sanitized_fragment(html: &str) -> Option<DocumentFragment> {
    let document = web_sys::window()?.document()?;
    let body = parse_inert(html)?;
    let fragment = document.create_document_fragment();
    copy_clean(&document, &body, &fragment);
    Some(fragment)
}

/// Flattens HTML to plain text of at most `max_chars` characters.
///
/// Tags are removed (the content of `script`, `style` and the other dropped elements is
/// discarded), character references are decoded, block-level boundaries become spaces and
/// all whitespace runs collapse to one space. Text longer than `max_chars` is cut at a
/// character boundary — at a word boundary when that costs only a few characters — and ends
/// in `…`, which counts towards `max_chars`. Meant for meta descriptions and card excerpts;
/// the result is plain text and must still be escaped wherever it is used.
#[must_use]
pub fn html_to_text(input: &str, max_chars: usize) -> String {
    let mut text = TextCollector::new(max_chars);
    collect_text(input, &mut text);
    text.finish()
}

// ---------------------------------------------------------------------------
// Parsing and copying
// ---------------------------------------------------------------------------

/// The body of an inert document parsed from `html`: no scripts run, nothing loads.
fn parse_inert(html: &str) -> Option<web_sys::HtmlElement> {
    let parser = web_sys::DomParser::new().ok()?;
    // Without a doctype the parse would be in quirks mode, where `<p><table>` nests
    // differently from the shop's own (standards-mode) page; a doctype later in the input
    // is ignored by the parser.
    let html = format!("<!DOCTYPE html>{html}");
    let inert = parser
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .ok()?;
    inert.body()
}

/// What happens to an element of the parsed input.
enum Verdict {
    /// Copied, with its allowed attributes; its content is walked.
    Keep(&'static str),
    /// Not copied, but its content is walked (`<font>`, `<form>`, custom elements).
    Unwrap,
    /// Gone with everything inside it.
    Drop,
}

fn verdict(element: &Element) -> Verdict {
    // Foreign (SVG/MathML) elements are only reachable inside `<svg>`/`<math>`, which are
    // dropped; checking the namespace as well means a parser quirk cannot smuggle one in.
    if element.namespace_uri().as_deref() != Some(HTML_NAMESPACE) {
        return Verdict::Drop;
    }
    let name = element.local_name();
    if DROPPED_ELEMENTS.contains(&name.as_str()) {
        return Verdict::Drop;
    }
    match allowed_element(&name) {
        Some(name) => Verdict::Keep(name),
        None => Verdict::Unwrap,
    }
}

const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// One level of the walk: the next input node to visit, and where its clean copy goes.
struct Frame {
    next: Option<Node>,
    out: Node,
    /// How many kept elements enclose `out`.
    depth: usize,
}

/// Copies the clean version of `source`'s children into `target`.
fn copy_clean(document: &Document, source: &Node, target: &Node) {
    let mut stack = vec![Frame {
        next: source.first_child(),
        out: target.clone(),
        depth: 0,
    }];
    while let Some(frame) = stack.last_mut() {
        let Some(node) = frame.next.take() else {
            stack.pop();
            continue;
        };
        frame.next = node.next_sibling();
        let (out, depth) = (frame.out.clone(), frame.depth);
        match node.node_type() {
            Node::TEXT_NODE => {
                if let Some(text) = node.node_value() {
                    // A failed append only loses this text; there is nothing better to do.
                    let _ = out.append_child(&document.create_text_node(&text));
                }
            }
            Node::ELEMENT_NODE => {
                let Some(element) = node.dyn_ref::<Element>() else {
                    continue;
                };
                let keep = match verdict(element) {
                    Verdict::Drop => continue,
                    // Beyond the cap, start tags go but their text stays (see `MAX_DEPTH`).
                    Verdict::Keep(name) if depth < MAX_DEPTH || is_void(name) => Some(name),
                    Verdict::Keep(_) | Verdict::Unwrap => None,
                };
                let Some(name) = keep else {
                    stack.push(Frame {
                        next: node.first_child(),
                        out,
                        depth,
                    });
                    continue;
                };
                let Some(clean) = clean_element(document, element, name) else {
                    continue;
                };
                if out.append_child(&clean).is_err() || is_void(name) {
                    continue;
                }
                stack.push(Frame {
                    next: node.first_child(),
                    out: clean.into(),
                    depth: depth + 1,
                });
            }
            // Comments, processing instructions and doctypes carry nothing to show.
            _ => {}
        }
    }
}

/// A fresh `name` element in the live document with the allowed attributes of `source`,
/// then the attributes we add ourselves.
fn clean_element(document: &Document, source: &Element, name: &'static str) -> Option<Element> {
    let clean = document.create_element(name).ok()?;
    let mut external_link = false;
    // The parser has already kept only the first of duplicated attributes, as browsers do.
    for attribute in source.get_attribute_names().iter() {
        let Some(attribute) = attribute.as_string() else {
            continue;
        };
        let Some(rule) = attribute_rule(name, &attribute) else {
            continue;
        };
        let Some(value) = source
            .get_attribute(&attribute)
            .and_then(|v| rule.apply(&v))
        else {
            continue;
        };
        if name == "a" && attribute == "href" {
            external_link = links::is_external(&value);
        }
        // Only fails for invalid attribute names, and every allowlisted name is valid.
        let _ = clean.set_attribute(&attribute, &value);
    }
    add_own_attributes(&clean, name, external_link);
    Some(clean)
}

/// Attributes the site adds: safe defaults for outbound links (no `window.opener`, no
/// referrer, no SEO endorsement), lazy images, and controls on media (autoplay is never
/// allowed, so without controls a video could not be played at all).
fn add_own_attributes(element: &Element, name: &str, external_link: bool) {
    let set_default = |attribute: &str, value: &str| {
        if !element.has_attribute(attribute) {
            let _ = element.set_attribute(attribute, value);
        }
    };
    match name {
        "a" if external_link => {
            let _ = element.set_attribute("rel", "noopener noreferrer nofollow");
            let _ = element.set_attribute("target", "_blank");
        }
        "img" => {
            set_default("loading", "lazy");
            set_default("decoding", "async");
            // An image without alt is read out as its file name; CMS images are decorative
            // unless the editor said otherwise.
            set_default("alt", "");
        }
        "video" | "audio" => set_default("controls", ""),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Policy: which elements and attributes survive
// ---------------------------------------------------------------------------

/// Elements that are copied (with their allowed attributes).
#[rustfmt::skip]
const ALLOWED_ELEMENTS: &[&str] = &[
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "code", "pre", "kbd", "abbr", "time",
    "span", "div", "section", "article", "figure", "figcaption",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "a", "img", "picture", "source", "video", "audio",
];

/// Allowed elements that never have content.
const VOID_ELEMENTS: &[&str] = &["br", "hr", "img", "col", "source"];

/// Elements removed together with everything inside them: executable or embedding content,
/// form controls whose inner text means nothing on its own, document-level elements, and
/// SVG/MathML, where the parsing rules change in ways that have produced many mutation-XSS
/// bugs. `template` content lives in a separate fragment the walk never enters anyway.
#[rustfmt::skip]
const DROPPED_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select",
    "svg", "math", "title", "head", "xmp", "plaintext", "noembed", "noframes", "frameset", "frame",
    "applet", "param", "link", "meta", "base", "input", "portal", "fencedframe",
];

/// Deepest nesting of elements we build. Browsers cap their parse depth too (Chromium at
/// 512); the cap keeps hostile input like 100 000 nested `<span>`s from building an absurd
/// tree. Elements beyond the cap are unwrapped; their text is kept.
const MAX_DEPTH: usize = 256;

/// The allowlist entry for `name`, as a `'static` string.
fn allowed_element(name: &str) -> Option<&'static str> {
    ALLOWED_ELEMENTS
        .iter()
        .copied()
        .find(|&allowed| allowed == name)
}

fn is_void(name: &str) -> bool {
    VOID_ELEMENTS.contains(&name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// How the value of an allowed attribute is validated.
#[derive(Clone, Copy)]
enum AttributeRule {
    /// Free text; harmless because `setAttribute` never parses it.
    Text,
    /// A URL; the use decides which schemes are acceptable.
    Url(UrlUse),
    /// A `srcset` list, every URL of which must pass as an image URL.
    Srcset,
    /// One of a few ASCII keywords, matched case-insensitively.
    Keyword(&'static [&'static str]),
    /// A non-negative integer (`colspan`, `span`).
    Count,
    /// A possibly negative integer (`ol[start]`, `li[value]`).
    Integer,
    /// A size in pixels or percent (`width`, `height`).
    Dimension,
    /// A BCP 47 language tag such as `zh-CN`.
    LanguageTag,
    /// `ol[type]`, whose single-character values are case-sensitive.
    ListMarker,
    /// A boolean attribute such as `controls`; only its presence matters.
    Flag,
}

/// What a URL attribute is used for; it decides the acceptable schemes.
#[derive(Clone, Copy)]
enum UrlUse {
    /// `a[href]`, `cite`: web pages, `mailto:` and `tel:`.
    Link,
    /// `img[src]`, `poster`, `srcset`: web URLs and inline raster images.
    Image,
    /// `video`/`audio`/`source` `src`: web URLs only.
    Media,
}

/// The rule for `attribute` on `element`, or `None` if it is not allowed.
///
/// Everything unlisted is dropped, which covers every `on*` handler, `style`
/// (`url(javascript:)`, `expression()`), and `class`/`id`/`name` (the site's CSS is
/// token-based, and ids and names could clobber DOM globals such as `document.cookie`).
fn attribute_rule(element: &str, attribute: &str) -> Option<AttributeRule> {
    use AttributeRule as Rule;
    let rule = match (element, attribute) {
        (_, "title") => Rule::Text,
        (_, "lang") => Rule::LanguageTag,
        (_, "dir") => Rule::Keyword(&["ltr", "rtl", "auto"]),
        ("a", "href") | ("blockquote" | "q" | "del" | "ins", "cite") => Rule::Url(UrlUse::Link),
        ("img", "src") | ("video", "poster") => Rule::Url(UrlUse::Image),
        ("video" | "audio" | "source", "src") => Rule::Url(UrlUse::Media),
        ("source", "srcset") => Rule::Srcset,
        ("img", "alt") | ("time" | "del" | "ins", "datetime") | ("source", "type" | "media") => {
            Rule::Text
        }
        ("img" | "video", "width" | "height") => Rule::Dimension,
        ("img", "loading") => Rule::Keyword(&["lazy", "eager"]),
        ("img", "decoding") => Rule::Keyword(&["async", "sync", "auto"]),
        ("td" | "th", "colspan" | "rowspan") | ("col" | "colgroup", "span") => Rule::Count,
        ("td" | "th", "scope") => Rule::Keyword(&["row", "col", "rowgroup", "colgroup"]),
        ("ol", "start") | ("li", "value") => Rule::Integer,
        ("ol", "type") => Rule::ListMarker,
        ("ol", "reversed") | ("video" | "audio", "controls") => Rule::Flag,
        _ => return None,
    };
    Some(rule)
}

impl AttributeRule {
    /// The value to write for an attribute value, or `None` to drop the attribute.
    fn apply(self, value: &str) -> Option<String> {
        let trimmed = value.trim_matches(is_html_whitespace);
        match self {
            Self::Text => Some(value.to_owned()),
            Self::Url(usage) => safe_url(value, usage),
            Self::Srcset => is_safe_srcset(value).then(|| value.to_owned()),
            Self::Keyword(keywords) => keywords
                .iter()
                .find(|keyword| keyword.eq_ignore_ascii_case(trimmed))
                .map(|keyword| (*keyword).to_owned()),
            Self::Count => is_digits(trimmed).then(|| trimmed.to_owned()),
            Self::Integer => {
                let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
                is_digits(digits).then(|| trimmed.to_owned())
            }
            Self::Dimension => is_dimension(trimmed).then(|| trimmed.to_owned()),
            Self::LanguageTag => is_language_tag(trimmed).then(|| trimmed.to_owned()),
            Self::ListMarker => {
                matches!(trimmed, "1" | "a" | "A" | "i" | "I").then(|| trimmed.to_owned())
            }
            Self::Flag => Some(String::new()),
        }
    }
}

/// The normalized URL if it is acceptable for `usage`; the one URL rule lives in
/// [`crate::domain::links`].
fn safe_url(value: &str, usage: UrlUse) -> Option<String> {
    match usage {
        UrlUse::Link => links::safe_href(value),
        UrlUse::Image => links::safe_src(value),
        // An inline image is no video; media play from web URLs only.
        UrlUse::Media => links::safe_src(value).filter(|url| {
            !url.get(..5)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:"))
        }),
    }
}

/// One to nine ASCII digits — plenty for spans and list numbers, and short enough that no
/// consumer overflows.
fn is_digits(text: &str) -> bool {
    (1..=9).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `120`, `33.5` or `100%`.
fn is_dimension(text: &str) -> bool {
    is_decimal(text.strip_suffix('%').unwrap_or(text))
}

/// `2` or `1.5`.
fn is_decimal(text: &str) -> bool {
    match text.split_once('.') {
        Some((whole, fraction)) => is_digits(whole) && is_digits(fraction),
        None => is_digits(text),
    }
}

fn is_language_tag(text: &str) -> bool {
    (1..=35).contains(&text.len())
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

/// HTML's definition of whitespace (note: no vertical tab, no NBSP).
fn is_html_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

/// Checks a `srcset`, split the way the browser's srcset parser splits it: each candidate
/// starts with a whitespace-delimited URL (trailing commas removed, and a trailing comma also
/// ends the candidate), followed by descriptors up to the next comma. Mirroring the real
/// algorithm matters: a simpler split could check a different token than the one the
/// browser fetches. Every URL must pass as an image URL and every descriptor must be a plain
/// `640w`, `480h` or `1.5x`; browsers discard candidates with other descriptors anyway. That
/// also rules out `(`, inside which the browser would not split at commas, so splitting at
/// every comma is exact.
fn is_safe_srcset(value: &str) -> bool {
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c| is_html_whitespace(c) || c == ',');
        if rest.is_empty() {
            return true;
        }
        let token_end = rest.find(is_html_whitespace).unwrap_or(rest.len());
        let (token, after) = rest.split_at(token_end);
        let url = token.trim_end_matches(',');
        // The srcset is written as it came, so the URL must need no normalizing either.
        if links::safe_src(url).as_deref() != Some(url) {
            return false;
        }
        if url.len() < token.len() {
            rest = after;
            continue;
        }
        let (descriptors, next) = after.split_once(',').unwrap_or((after, ""));
        let mut descriptors = descriptors
            .split(is_html_whitespace)
            .filter(|d| !d.is_empty());
        if !descriptors.all(is_srcset_descriptor) {
            return false;
        }
        rest = next;
    }
}

/// `640w`, `480h` or `1.5x`.
fn is_srcset_descriptor(descriptor: &str) -> bool {
    descriptor.strip_suffix(['w', 'h']).is_some_and(is_digits)
        || descriptor.strip_suffix('x').is_some_and(is_decimal)
}

// ---------------------------------------------------------------------------
// Plain-text extraction
// ---------------------------------------------------------------------------

/// Feeds the text of `input` to `text`, walking the inert parse the way the sanitizer does:
/// dropped elements contribute nothing, word-separating elements become breaks.
#[cfg(target_arch = "wasm32")]
fn collect_text(input: &str, text: &mut TextCollector) {
    let Some(body) = parse_inert(input) else {
        return;
    };
    // Each level: the next node to visit, and whether leaving the level is a word break.
    let mut stack: Vec<(Option<Node>, bool)> = vec![(body.first_child(), false)];
    while !text.is_full() {
        let Some((next, _)) = stack.last_mut() else {
            break;
        };
        let Some(node) = next.take() else {
            if stack.pop().is_some_and(|(_, breaks)| breaks) {
                text.push_break();
            }
            continue;
        };
        *next = node.next_sibling();
        match node.node_type() {
            Node::TEXT_NODE => text.push_str(&node.node_value().unwrap_or_default()),
            Node::ELEMENT_NODE => {
                let Some(element) = node.dyn_ref::<Element>() else {
                    continue;
                };
                if matches!(verdict(element), Verdict::Drop) {
                    continue;
                }
                let breaks = separates_words(&element.local_name());
                if breaks {
                    text.push_break();
                }
                stack.push((node.first_child(), breaks));
            }
            _ => {}
        }
    }
}

/// Native builds never render (the app only runs in a browser, and there is no DOM here);
/// this keeps `html_to_text` from panicking should a native test reach it. It only strips
/// `<…>` runs — not a parser, and never used to make HTML safe.
#[cfg(not(target_arch = "wasm32"))]
fn collect_text(input: &str, text: &mut TextCollector) {
    let mut in_tag = false;
    for c in input.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                text.push_break();
            }
            (true, '>') => in_tag = false,
            (false, c) => text.push_char(c),
            (true, _) => {}
        }
    }
}

/// Elements whose boundaries separate words in plain text, so that `<p>One</p><p>Two</p>`
/// reads `One Two`, not `OneTwo`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn separates_words(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "p" | "br"
                | "hr"
                | "div"
                | "section"
                | "article"
                | "header"
                | "footer"
                | "aside"
                | "nav"
                | "main"
                | "address"
                | "blockquote"
                | "pre"
                | "figure"
                | "figcaption"
                | "ul"
                | "ol"
                | "li"
                | "dl"
                | "dt"
                | "dd"
                | "img"
                | "table"
                | "caption"
                | "colgroup"
                | "thead"
                | "tbody"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
        )
}

/// Accumulates whitespace-collapsed text, stopping once it has more than the limit (the
/// extra character tells truncation whether a word is cut).
struct TextCollector {
    text: String,
    chars: usize,
    limit: usize,
    pending_space: bool,
}

impl TextCollector {
    fn new(limit: usize) -> Self {
        TextCollector {
            text: String::new(),
            chars: 0,
            limit,
            pending_space: false,
        }
    }

    fn is_full(&self) -> bool {
        self.chars > self.limit
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            if self.is_full() {
                return;
            }
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.is_full() || c == '\0' {
            return;
        }
        // Unicode whitespace includes NBSP and the ideographic space.
        if c.is_whitespace() || c.is_control() {
            self.push_break();
            return;
        }
        if self.pending_space {
            self.text.push(' ');
            self.chars += 1;
            self.pending_space = false;
        }
        self.text.push(c);
        self.chars += 1;
    }

    /// Marks a word boundary; it becomes one space if more text follows.
    fn push_break(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn finish(self) -> String {
        truncate_with_ellipsis(self.text, self.limit)
    }
}

/// How far back truncation may go to avoid cutting a Latin word in half.
const WORD_BREAK_WINDOW: usize = 20;

/// Cuts `text` to at most `max_chars` characters including the `…`. CJK text has no spaces,
/// so it is cut exactly at the limit; Latin text is cut at the last space when that space is
/// close enough.
fn truncate_with_ellipsis(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text;
    }
    let Some(budget) = max_chars.checked_sub(1) else {
        return String::new();
    };
    let cut = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(index, _)| index);
    let mut head = &text[..cut];
    let splits_word = text[cut..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if splits_word {
        if let Some(space) = head.rfind(' ') {
            if space > 0 && head[space..].chars().count() <= WORD_BREAK_WINDOW {
                head = &head[..space];
            }
        }
    }
    let mut truncated = head.trim_end().to_owned();
    truncated.push('…');
    truncated
}

// The DOM half is tested in Chromium (`tests/sanitize_web.rs`); what is plain Rust is
// tested here.
#[cfg(test)]
mod tests {
    use super::*;

    fn collected(pieces: &[&str], max_chars: usize) -> String {
        let mut text = TextCollector::new(max_chars);
        for piece in pieces {
            match *piece {
                "|" => text.push_break(),
                piece => text.push_str(piece),
            }
        }
        text.finish()
    }

    #[test]
    fn text_collapses_whitespace_and_breaks() {
        assert_eq!(collected(&["  a \n\t b\u{3000}c  "], 100), "a b c");
        assert_eq!(collected(&["One", "|", "Two", "|"], 100), "One Two");
        assert_eq!(collected(&["|", "bo", "ld"], 100), "bold");
        assert_eq!(collected(&["a\0b", "\u{a0}c"], 100), "ab c");
    }

    #[test]
    fn text_truncates_at_char_boundaries() {
        assert_eq!(collected(&["中文内容测试"], 4), "中文内…");
        assert_eq!(collected(&["中文内容"], 4), "中文内容");
        assert_eq!(collected(&["😀😀😀"], 2), "😀…");
    }

    #[test]
    fn text_truncation_prefers_word_boundaries() {
        assert_eq!(collected(&["The quick brown fox jumps"], 12), "The quick…");
        assert_eq!(collected(&["The quick brown fox"], 11), "The quick…");
        assert_eq!(
            collected(&["Supercalifragilisticexpialidocious"], 10),
            "Supercali…"
        );
    }

    #[test]
    fn text_truncation_edge_cases() {
        assert_eq!(collected(&["abc"], 3), "abc");
        assert_eq!(collected(&["abcd"], 1), "…");
        assert_eq!(collected(&["abcd"], 0), "");
        assert_eq!(collected(&[""], 10), "");
    }

    #[test]
    fn native_fallback_strips_tags_without_panicking() {
        assert_eq!(
            html_to_text("<p>One</p><p>Two &amp; <b", 100),
            "One Two &amp;"
        );
        assert_eq!(html_to_text("", 10), "");
    }

    #[test]
    fn typed_attributes_are_validated() {
        use AttributeRule as Rule;
        assert_eq!(Rule::Integer.apply(" -2 ").as_deref(), Some("-2"));
        assert_eq!(Rule::Integer.apply("x"), None);
        assert_eq!(Rule::Count.apply("1234567890"), None);
        assert_eq!(Rule::Dimension.apply("100%").as_deref(), Some("100%"));
        assert_eq!(Rule::Dimension.apply("12px"), None);
        assert_eq!(Rule::LanguageTag.apply("zh-CN").as_deref(), Some("zh-CN"));
        assert_eq!(Rule::LanguageTag.apply("x y"), None);
        assert_eq!(
            Rule::Keyword(&["ltr", "rtl"]).apply("RTL").as_deref(),
            Some("rtl")
        );
        assert_eq!(Rule::ListMarker.apply("A").as_deref(), Some("A"));
        assert_eq!(Rule::ListMarker.apply("b"), None);
        assert_eq!(Rule::Flag.apply("anything").as_deref(), Some(""));
    }

    #[test]
    fn url_attributes_use_the_link_rules() {
        assert_eq!(safe_url(" java\tscript:alert(1)", UrlUse::Link), None);
        assert_eq!(
            safe_url("mailto:a@b.cn", UrlUse::Link).as_deref(),
            Some("mailto:a@b.cn")
        );
        assert_eq!(safe_url("mailto:a@b.cn", UrlUse::Image), None);
        let png = "data:image/png;base64,iVBORw0KGgo=";
        assert_eq!(safe_url(png, UrlUse::Image).as_deref(), Some(png));
        assert_eq!(safe_url(png, UrlUse::Media), None);
        assert_eq!(safe_url("/v.mp4", UrlUse::Media).as_deref(), Some("/v.mp4"));
    }

    #[test]
    fn srcsets_are_split_like_the_browser_splits_them() {
        for good in [
            "/a.webp 1x, /a@2x.webp 2x",
            "data:image/png;base64,AAAA 1x,/b.png 2x",
            "/s.jpg 480w,/m.jpg, /l.jpg 1.5x",
            // Without whitespace the comma does not split: this is one relative URL.
            "/a.png,javascript:alert(1)",
        ] {
            assert!(is_safe_srcset(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "/a.png 1x, javascript:alert(1) 2x",
            "/a.png 1x (x, y), javascript:alert(1)",
            "/a.png 1x, jav\tascript:alert(1) 2x",
            "/a.png 2q",
            "/a.png 1x,javascript:alert(1)",
            "/a.png 1x, javascript&colon;alert(1) 2x",
        ] {
            assert!(!is_safe_srcset(bad), "{bad}");
        }
    }
}
