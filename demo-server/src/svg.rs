//! Placeholder product/article images, drawn as small SVGs so the demo needs no binary
//! assets and no downloads. Deterministic: the same label and hue give the same bytes.

use crate::reply::html_escape;

/// Draws a `width`×`height` picture with a hue-based gradient, a few shapes and the
/// label wrapped over up to three lines.
pub fn render(label: &str, hue: i64, width: i64, height: i64) -> String {
    let hue = hue.rem_euclid(360);
    let hue2 = (hue + 40) % 360;
    let font = (width.min(height) / 12).clamp(14, 64);
    let lines = wrap(label, ((width as f64 * 0.8) / font as f64 * 1.1) as usize);
    let line_h = font * 13 / 10;
    let block = line_h * lines.len() as i64;
    let mut y = height / 2 - block / 2 + font;
    let mut text = String::new();
    for line in &lines {
        text.push_str(&format!(
            "<text x=\"50%\" y=\"{y}\" text-anchor=\"middle\" font-size=\"{font}\">{}</text>",
            html_escape(line)
        ));
        y += line_h;
    }
    let (cx1, cy1, r1) = (width * 4 / 5, height / 5, width.min(height) / 3);
    let (cx2, cy2, r2) = (width / 6, height * 5 / 6, width.min(height) / 4);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{label}\">\
<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">\
<stop offset=\"0\" stop-color=\"hsl({hue},62%,58%)\"/><stop offset=\"1\" stop-color=\"hsl({hue2},58%,38%)\"/>\
</linearGradient></defs>\
<rect width=\"{width}\" height=\"{height}\" fill=\"url(#g)\"/>\
<circle cx=\"{cx1}\" cy=\"{cy1}\" r=\"{r1}\" fill=\"#fff\" fill-opacity=\".12\"/>\
<circle cx=\"{cx2}\" cy=\"{cy2}\" r=\"{r2}\" fill=\"#000\" fill-opacity=\".08\"/>\
<rect x=\"{fx}\" y=\"{fy}\" width=\"{fw}\" height=\"{fh}\" rx=\"{rx}\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\".35\" stroke-width=\"2\"/>\
<g fill=\"#fff\" font-family=\"system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif\" font-weight=\"600\">{text}</g>\
<text x=\"{wx}\" y=\"{wy}\" fill=\"#fff\" fill-opacity=\".7\" font-family=\"system-ui,sans-serif\" font-size=\"{small}\" text-anchor=\"end\">AnQi Select</text>\
</svg>",
        label = html_escape(label),
        fx = width / 20,
        fy = height / 20,
        fw = width - width / 10,
        fh = height - height / 10,
        rx = font / 2,
        wx = width - width / 14,
        wy = height - height / 14,
        small = (font / 2).max(10),
    )
}

/// Greedy wrapping that counts CJK characters as one unit and breaks Latin text at spaces.
fn wrap(label: &str, max_units: usize) -> Vec<String> {
    let max_units = max_units.max(6);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut units = 0usize;
    for word in split_words(label) {
        let w = word.chars().count();
        if units + w > max_units && !current.is_empty() {
            lines.push(current.trim().to_string());
            current.clear();
            units = 0;
        }
        current.push_str(&word);
        units += w;
    }
    if !current.trim().is_empty() {
        lines.push(current.trim().to_string());
    }
    if lines.len() > 3 {
        lines.truncate(3);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// Latin words keep their trailing space; every CJK character is its own "word".
fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            cur.push(c);
            if c == ' ' {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_escaped_and_small() {
        let svg = render(
            "Mug <&> \"Blue\" 蓝色马克杯 with a rather long descriptive title",
            200,
            800,
            800,
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("&lt;&amp;&gt;"));
        assert!(!svg.contains("<&>"));
        assert!(svg.len() < 3_500, "{}", svg.len());
        assert_eq!(
            svg,
            render(
                "Mug <&> \"Blue\" 蓝色马克杯 with a rather long descriptive title",
                200,
                800,
                800
            )
        );
    }
}
