//! The image captcha of `GET /api/captcha` and `POST /api/login` (§6.9): a 240×76 PNG with
//! 4 characters from AnqiCMS's alphabet, drawn with a hand-made 5×7 bitmap font scaled up,
//! with noise lines over it. Answers live in memory for [`TTL_SECS`] and work once, as in
//! base64Captcha's memory store.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::qr::{self, Channels};

/// base64Captcha's `TxtSimpleCharaters` as AnqiCMS configures it (no `o`, `l`).
pub const ALPHABET: &str = "1234567890qwertyuipkjhgfdsazxcvbnm";
pub const WIDTH: usize = 240;
pub const HEIGHT: usize = 76;
pub const LENGTH: usize = 4;
/// How long an answer is kept.
pub const TTL_SECS: i64 = 600;
/// A bound on the store, so a client hammering `/api/captcha` cannot grow it forever.
const MAX_ENTRIES: usize = 10_000;

/// 5 columns × 7 rows per glyph, `#` is ink. Lower-case letters sit on the same baseline
/// as digits; descenders are squeezed into the last two rows.
fn glyph(c: char) -> Option<[&'static str; 7]> {
    Some(match c {
        '0' => [
            ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.",
        ],
        '1' => [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        '2' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
        ],
        '3' => [
            "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.",
        ],
        '4' => [
            "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.",
        ],
        '5' => [
            "#####", "#....", "####.", "....#", "....#", "#...#", ".###.",
        ],
        '6' => [
            "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.",
        ],
        '7' => [
            "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",
        ],
        '8' => [
            ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.",
        ],
        '9' => [
            ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",
        ],
        'a' => [
            ".....", ".....", ".###.", "....#", ".####", "#...#", ".####",
        ],
        'b' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####.",
        ],
        'c' => [
            ".....", ".....", ".###.", "#....", "#....", "#...#", ".###.",
        ],
        'd' => [
            "....#", "....#", ".##.#", "#..##", "#...#", "#...#", ".####",
        ],
        'e' => [
            ".....", ".....", ".###.", "#...#", "#####", "#....", ".###.",
        ],
        'f' => [
            "..##.", ".#..#", ".#...", "###..", ".#...", ".#...", ".#...",
        ],
        'g' => [
            ".....", ".....", ".####", "#...#", ".####", "....#", ".###.",
        ],
        'h' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'i' => [
            "..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.",
        ],
        'j' => [
            "...#.", ".....", "..##.", "...#.", "...#.", "#..#.", ".##..",
        ],
        'k' => [
            "#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#.",
        ],
        'm' => [
            ".....", ".....", "##.#.", "#.#.#", "#.#.#", "#...#", "#...#",
        ],
        'n' => [
            ".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'p' => [
            ".....", ".....", "####.", "#...#", "####.", "#....", "#....",
        ],
        'q' => [
            ".....", ".....", ".####", "#...#", ".####", "....#", "....#",
        ],
        'r' => [
            ".....", ".....", "#.##.", "##..#", "#....", "#....", "#....",
        ],
        's' => [
            ".....", ".....", ".####", "#....", ".###.", "....#", "####.",
        ],
        't' => [
            ".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##.",
        ],
        'u' => [
            ".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#",
        ],
        'v' => [
            ".....", ".....", "#...#", "#...#", "#...#", ".#.#.", "..#..",
        ],
        'w' => [
            ".....", ".....", "#...#", "#...#", "#.#.#", "#.#.#", ".#.#.",
        ],
        'x' => [
            ".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#",
        ],
        'y' => [
            ".....", ".....", "#...#", "#...#", ".####", "....#", ".###.",
        ],
        'z' => [
            ".....", ".....", "#####", "...#.", "..#..", ".#...", "#####",
        ],
        _ => return None,
    })
}

/// splitmix64 over a seed taken from [`crate::auth::random_hex`]: the demo needs
/// unpredictable-enough pictures, not cryptographic ones.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let hex = crate::auth::random_hex(16);
        Rng(u64::from_str_radix(&hex, 16).unwrap_or(0x2545_F491_4F6C_DD1D))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1).max(1) as u64;
        lo + (self.next() % span) as i64
    }
}

/// A fresh random answer of [`LENGTH`] characters from [`ALPHABET`].
pub fn random_answer() -> String {
    let chars: Vec<char> = ALPHABET.chars().collect();
    let mut rng = Rng::new();
    (0..LENGTH)
        .map(|_| chars[(rng.next() % chars.len() as u64) as usize])
        .collect()
}

struct Canvas {
    pixels: Vec<u8>,
}

impl Canvas {
    fn put(&mut self, x: i64, y: i64, rgb: [u8; 3]) {
        if (0..WIDTH as i64).contains(&x) && (0..HEIGHT as i64).contains(&y) {
            let i = (y as usize * WIDTH + x as usize) * 3;
            self.pixels[i..i + 3].copy_from_slice(&rgb);
        }
    }

    /// A 2-pixel-thick line (Bresenham).
    fn line(&mut self, (mut x0, mut y0): (i64, i64), (x1, y1): (i64, i64), rgb: [u8; 3]) {
        let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
        let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
        let mut err = dx + dy;
        loop {
            self.put(x0, y0, rgb);
            self.put(x0, y0 + 1, rgb);
            if x0 == x1 && y0 == y1 {
                break;
            }
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x0 += sx;
            }
            if e2 <= dx {
                err += dx;
                y0 += sy;
            }
        }
    }
}

/// The captcha picture of `answer` as a PNG file.
pub fn render(answer: &str) -> Option<Vec<u8>> {
    let mut rng = Rng::new();
    let background = [
        rng.range(232, 250) as u8,
        rng.range(236, 252) as u8,
        rng.range(240, 255) as u8,
    ];
    let mut canvas = Canvas {
        pixels: background.repeat(WIDTH * HEIGHT),
    };
    // Speckles first, so the glyphs stay on top of them.
    for _ in 0..260 {
        let (x, y) = (
            rng.range(0, WIDTH as i64 - 1),
            rng.range(0, HEIGHT as i64 - 1),
        );
        let shade = rng.range(150, 215) as u8;
        canvas.put(x, y, [shade, shade, rng.range(150, 230) as u8]);
    }
    const SCALE: i64 = 6;
    let slot = (WIDTH as i64 - 20) / LENGTH as i64;
    for (i, c) in answer.chars().enumerate() {
        let rows = glyph(c)?;
        let ink = [
            rng.range(20, 110) as u8,
            rng.range(20, 110) as u8,
            rng.range(40, 140) as u8,
        ];
        let left = 10 + i as i64 * slot + rng.range(4, slot - 5 * SCALE - 4);
        let top = rng.range(6, HEIGHT as i64 - 7 * SCALE - 6);
        // A slight slant per character: each glyph row shifts by up to 2 px.
        let slant = rng.range(-2, 2);
        for (gy, row) in rows.iter().enumerate() {
            let shift = slant * (3 - gy as i64);
            for (gx, cell) in row.bytes().enumerate() {
                if cell != b'#' {
                    continue;
                }
                for py in 0..SCALE {
                    for px in 0..SCALE {
                        canvas.put(
                            left + gx as i64 * SCALE + px + shift,
                            top + gy as i64 * SCALE + py,
                            ink,
                        );
                    }
                }
            }
        }
    }
    for _ in 0..5 {
        let from = (rng.range(0, 40), rng.range(0, HEIGHT as i64 - 1));
        let to = (
            rng.range(WIDTH as i64 - 40, WIDTH as i64 - 1),
            rng.range(0, HEIGHT as i64 - 1),
        );
        let rgb = [
            rng.range(60, 200) as u8,
            rng.range(60, 200) as u8,
            rng.range(60, 200) as u8,
        ];
        canvas.line(from, to, rgb);
    }
    qr::png(WIDTH, HEIGHT, Channels::Rgb, &canvas.pixels)
}

/// `data:image/png;base64,…` of [`render`].
pub fn render_data_uri(answer: &str) -> Option<String> {
    render(answer).map(|png| qr::data_uri(&png))
}

struct Entry {
    answer: String,
    expires_at: i64,
}

/// Issued answers by captcha id.
#[derive(Default)]
pub struct Store {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Store {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `answer` under a new random id until `now + TTL_SECS`; returns the id.
    pub fn issue(&self, answer: &str, now: i64) -> String {
        let id = crate::auth::random_hex(20);
        let mut entries = self.lock();
        entries.retain(|_, e| e.expires_at > now);
        if entries.len() >= MAX_ENTRIES {
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, e)| e.expires_at)
                .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            id.clone(),
            Entry {
                answer: answer.to_string(),
                expires_at: now + TTL_SECS,
            },
        );
        id
    }

    /// Removes the id (it works once, right or wrong) and says whether `given` was its
    /// unexpired answer, compared case-insensitively.
    pub fn verify(&self, id: &str, given: &str, now: i64) -> bool {
        match self.lock().remove(id) {
            Some(e) => e.expires_at > now && e.answer.eq_ignore_ascii_case(given.trim()),
            None => false,
        }
    }

    /// The answer of a live id, without using it up (the `/__test/captcha` control).
    pub fn peek(&self, id: &str, now: i64) -> Option<String> {
        self.lock()
            .get(id)
            .filter(|e| e.expires_at > now)
            .map(|e| e.answer.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_the_alphabet_has_a_well_formed_glyph() {
        for c in ALPHABET.chars() {
            let rows = glyph(c).unwrap_or_else(|| panic!("no glyph for {c}"));
            assert!(rows.iter().all(|r| r.len() == 5), "{c}");
            assert!(rows.iter().any(|r| r.contains('#')), "{c}");
        }
        let mut seen = std::collections::HashSet::new();
        for c in ALPHABET.chars() {
            assert!(seen.insert(glyph(c)), "{c} looks like another glyph");
        }
    }

    #[test]
    fn answers_use_the_alphabet_and_render_as_a_240_by_76_png() {
        for _ in 0..20 {
            let answer = random_answer();
            assert_eq!(answer.chars().count(), LENGTH);
            assert!(answer.chars().all(|c| ALPHABET.contains(c)), "{answer}");
            let png = render(&answer).unwrap_or_default();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
            assert_eq!(&png[16..20], &240u32.to_be_bytes());
            assert_eq!(&png[20..24], &76u32.to_be_bytes());
        }
    }

    #[test]
    fn an_id_works_once_and_expires() {
        let store = Store::default();
        let id = store.issue("ab12", 1_000);
        assert_eq!(store.peek(&id, 1_000).as_deref(), Some("ab12"));
        assert!(store.verify(&id, "AB12", 1_001), "case-insensitive");
        assert!(!store.verify(&id, "ab12", 1_002), "single use");
        let wrong = store.issue("ab12", 1_000);
        assert!(!store.verify(&wrong, "ab13", 1_001));
        assert!(
            !store.verify(&wrong, "ab12", 1_001),
            "a wrong try uses it up"
        );
        let late = store.issue("zz99", 1_000);
        assert!(store.peek(&late, 1_000 + TTL_SECS).is_none());
        assert!(!store.verify(&late, "zz99", 1_000 + TTL_SECS));
    }
}
