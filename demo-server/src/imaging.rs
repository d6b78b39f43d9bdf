//! Uploaded pictures (avatars, attachments, guestbook images) with the `image` crate:
//! the type is sniffed from the bytes (never trusted from the file name or the part's
//! Content-Type), decoded under size limits, cropped and resized, and re-encoded.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The picture types the demo accepts, as AnqiCMS's avatar upload lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Gif,
    Webp,
}

impl Kind {
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Gif => "gif",
            Kind::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Png => ImageFormat::Png,
            Kind::Gif => ImageFormat::Gif,
            Kind::Webp => ImageFormat::WebP,
        }
    }
}

/// The type of `bytes` by their magic number; `None` for anything but jpg/png/gif/webp.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    match image::guess_format(bytes).ok()? {
        ImageFormat::Jpeg => Some(Kind::Jpeg),
        ImageFormat::Png => Some(Kind::Png),
        ImageFormat::Gif => Some(Kind::Gif),
        ImageFormat::WebP => Some(Kind::Webp),
        _ => None,
    }
}

/// Largest side a decoded upload may have (a decompression bomb stays small).
pub const MAX_SIDE: u32 = 8_000;

/// Decodes a sniffed picture; an error text for a broken or oversized one.
pub fn decode(bytes: &[u8], kind: Kind) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|e| e.to_string())
}

/// The centre square of `img`, resized to `side`×`side` (the avatar rule).
pub fn square(img: &DynamicImage, side: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    let edge = w.min(h).max(1);
    let cropped = img.crop_imm((w - edge.min(w)) / 2, (h - edge.min(h)) / 2, edge, edge);
    cropped.resize_exact(side, side, image::imageops::FilterType::Triangle)
}

/// A copy that fits in `max`×`max` (never enlarged).
pub fn fit(img: &DynamicImage, max: u32) -> DynamicImage {
    if img.width() <= max && img.height() <= max {
        img.clone()
    } else {
        img.thumbnail(max, max)
    }
}

/// Encodes as JPEG when the upload was a JPEG, else as PNG (the only encoders built in).
/// Returns the bytes and the kind they are.
pub fn encode(img: &DynamicImage, source: Kind) -> Result<(Vec<u8>, Kind), String> {
    let mut out = Cursor::new(Vec::new());
    let kind = if source == Kind::Jpeg {
        let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        rgb.write_with_encoder(enc).map_err(|e| e.to_string())?;
        Kind::Jpeg
    } else {
        img.write_to(&mut out, ImageFormat::Png)
            .map_err(|e| e.to_string())?;
        Kind::Png
    };
    Ok((out.into_inner(), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, _| {
            image::Rgb([(x % 256) as u8, 10, 200])
        }));
        encode(&img, Kind::Png).expect("encode").0
    }

    #[test]
    fn sniffs_decodes_and_squares() {
        let bytes = png(300, 120);
        assert_eq!(sniff(&bytes), Some(Kind::Png));
        assert_eq!(sniff(b"GIF89a...."), Some(Kind::Gif));
        assert_eq!(sniff(b"%PDF-1.4 hello"), None);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        let img = decode(&bytes, Kind::Png).expect("decode");
        let sq = square(&img, 256);
        assert_eq!((sq.width(), sq.height()), (256, 256));
        let small = fit(&img, 100);
        assert_eq!((small.width(), small.height()), (100, 40));
        assert!(decode(b"\x89PNG\r\n\x1a\nbroken", Kind::Png).is_err());
        let (jpeg, kind) = encode(&sq, Kind::Jpeg).expect("jpeg");
        assert_eq!(kind, Kind::Jpeg);
        assert_eq!(sniff(&jpeg), Some(Kind::Jpeg));
    }
}
