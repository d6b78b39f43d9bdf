//! A QR code as inline SVG, drawn in the browser from the `qrcode` crate's module matrix.

use leptos::prelude::*;

/// The SVG path of the dark modules and the code's width in modules (without the quiet
/// zone), or `None` when the text does not fit in a QR code.
pub fn qr_path(text: &str) -> Option<(usize, String)> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::with_capacity(colors.len() * 4);
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((width, d))
}

/// The QR code of `text`, labelled for assistive technology with `label`.
#[component]
pub fn QrCode(text: String, label: String) -> impl IntoView {
    qr_path(&text).map(|(width, d)| {
        let size = width + 8;
        let view_box = format!("0 0 {size} {size}");
        view! {
            <svg class="qr" viewBox=view_box width="200" height="200" role="img" aria-label=label shape-rendering="crispEdges" data-qr="">
                <rect width="100%" height="100%" fill="#fff" />
                <path d=d fill="#000" />
            </svg>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_a_square_of_modules() {
        let (width, d) = qr_path("https://shop.example/register?invite=42").unwrap_or_default();
        // Version 3 (29 modules) holds a link of this length at the default level.
        assert!(width >= 21 && (width - 17) % 4 == 0, "width {width}");
        // The three finder patterns alone are 3 × 33 dark modules.
        assert!(d.matches('M').count() > 99);
        assert!(
            d.starts_with("M4 4h1v1h-1z"),
            "the top-left finder starts at the quiet zone"
        );
    }
}
