//! A QR code as a PNG data URI, as AnqiCMS answers a WeChat payment (`code_url`), and the
//! small PNG writer it shares with the captcha image.

use std::io::Write;

use base64::Engine;
use qrcode::{Color, QrCode};

/// Pixels per module and the quiet zone around the code, in modules.
const SCALE: usize = 6;
const QUIET: usize = 4;

/// `data:image/png;base64,…` of a QR code for `text`, or `None` if it does not fit a code.
pub fn png_data_uri(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = Vec::with_capacity(side * side);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x / SCALE) as isize - QUIET as isize,
                (y / SCALE) as isize - QUIET as isize,
            );
            let dark = mx >= 0
                && my >= 0
                && (mx as usize) < modules
                && (my as usize) < modules
                && colors[my as usize * modules + mx as usize] == Color::Dark;
            pixels.push(if dark { 0 } else { 255 });
        }
    }
    Some(data_uri(&png(side, side, Channels::Gray, &pixels)?))
}

/// The pixel layout of [`png`]'s input: 8 bits per channel.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Gray,
    Rgb,
}

impl Channels {
    fn count(self) -> usize {
        match self {
            Channels::Gray => 1,
            Channels::Rgb => 3,
        }
    }

    /// The PNG colour type (IHDR byte 9).
    fn color_type(self) -> u8 {
        match self {
            Channels::Gray => 0,
            Channels::Rgb => 2,
        }
    }
}

/// A PNG file of `width × height` pixels, rows top to bottom, no interlacing. `None` when
/// `pixels` does not hold exactly that many pixels or the deflate fails.
pub fn png(width: usize, height: usize, channels: Channels, pixels: &[u8]) -> Option<Vec<u8>> {
    let row = width * channels.count();
    if pixels.len() != row * height || width == 0 || height == 0 {
        return None;
    }
    // One filter byte (0, "none") before every row.
    let mut raw = Vec::with_capacity((row + 1) * height);
    for line in pixels.chunks(row) {
        raw.push(0);
        raw.extend_from_slice(line);
    }
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(&raw).ok()?;
    let idat = deflate.finish().ok()?;

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&u32::try_from(width).ok()?.to_be_bytes());
    ihdr.extend_from_slice(&u32::try_from(height).ok()?.to_be_bytes());
    ihdr.extend_from_slice(&[8, channels.color_type(), 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    Some(png)
}

/// `data:image/png;base64,…`
pub fn data_uri(png: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&crc.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_png_is_a_valid_png_data_uri() {
        let uri = png_data_uri("http://127.0.0.1:8080/__pay/abc/scan").unwrap_or_default();
        let b64 = uri.strip_prefix("data:image/png;base64,").unwrap_or("");
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap_or_default();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[12..16], b"IHDR");
        assert!(
            png.ends_with(&[0xAE, 0x42, 0x60, 0x82]),
            "IEND's CRC closes the file"
        );
    }

    #[test]
    fn the_writer_refuses_a_pixel_count_that_does_not_fit() {
        assert!(png(2, 2, Channels::Rgb, &[0; 12]).is_some());
        assert!(png(2, 2, Channels::Rgb, &[0; 11]).is_none());
        assert!(png(0, 2, Channels::Gray, &[]).is_none());
    }
}
