//! Building the app with trunk into `dist/`, precompressing it, reporting sizes, and
//! building the demo server.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cmd;
use crate::tools::Tools;

/// Extensions worth precompressing (text formats and wasm).
const COMPRESSIBLE: &[&str] = &["html", "css", "js", "wasm", "json", "txt", "svg"];
/// Extensions index.html loads on first paint: what "initial transfer" adds up.
const INITIAL_KINDS: &[&str] = &["css", "js", "wasm"];

/// One file in `dist/` and its sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    /// Path relative to `dist/`, with `/` separators.
    pub name: String,
    pub raw: u64,
    pub gzip: Option<u64>,
    pub brotli: Option<u64>,
    /// Loaded by index.html (index.html itself included).
    pub initial: bool,
    /// Has a content hash in its name (safe to cache forever).
    pub hashed: bool,
}

/// `cargo fetch`, `trunk build --release` into `dist/`, then precompression and the size
/// table. The tools must already be ensured.
pub fn build_dist(tools: &Tools) -> Result<Vec<Asset>, String> {
    let dist = tools.root().join("dist");
    cmd::header("cargo fetch (trunk builds offline)");
    cmd::run(tools.cargo().arg("fetch"))?;

    cmd::header("trunk build --release");
    cmd::run(
        tools
            .command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist),
    )?;

    cmd::header("precompress dist/ (brotli -q 11, gzip -9)");
    let assets = compress_dist(&dist)?;
    print_size_table(&assets);
    print_route_table(&dist, &assets)?;
    crate::csp::print_for_dist(&dist)?;
    Ok(assets)
}

/// `cargo build -p demo-server` (debug profile: the release profile is tuned for wasm);
/// returns the path of the binary.
pub fn build_demo_server(tools: &Tools) -> Result<PathBuf, String> {
    cmd::header("cargo build -p demo-server");
    cmd::run(tools.cargo().args(["build", "-p", "demo-server"]))?;
    let binary = target_dir(tools)?.join("debug").join("demo-server");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("{} not found after cargo build", binary.display()))
    }
}

/// The workspace's target directory (honours `CARGO_TARGET_DIR` and cargo config).
pub fn target_dir(tools: &Tools) -> Result<PathBuf, String> {
    let (json, _) =
        cmd::capture(
            tools
                .cargo()
                .args(["metadata", "--format-version", "1", "--no-deps"]),
        )?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("parsing `cargo metadata`: {e}"))?;
    value["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` has no target_directory".to_string())
}

/// Writes `<file>.br` and `<file>.gz` beside every compressible file in `dist` and returns
/// the size of every asset.
pub fn compress_dist(dist: &Path) -> Result<Vec<Asset>, String> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("reading {}: {e}", index_path.display()))?;
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.sort();

    let mut assets = Vec::new();
    for name in files {
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let path = dist.join(&name);
        let data = std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        let (gzip, brotli) = if COMPRESSIBLE.contains(&extension(&name)) {
            // Two cores: gzip on a second thread while brotli (the slow one) runs here.
            let (gz, br) = std::thread::scope(|s| {
                let gz = s.spawn(|| gzip(&data));
                let br = brotli(&data);
                (
                    gz.join()
                        .unwrap_or_else(|_| Err("gzip thread panicked".into())),
                    br,
                )
            });
            let (gz, br) = (gz?, br?);
            write(&sibling(&path, "gz"), &gz)?;
            write(&sibling(&path, "br"), &br)?;
            (Some(gz.len() as u64), Some(br.len() as u64))
        } else {
            (None, None)
        };
        let initial = name == "index.html"
            || (INITIAL_KINDS.contains(&extension(&name)) && references(&index, &name));
        assets.push(Asset {
            hashed: is_hashed(file_name(&name)),
            name,
            raw: data.len() as u64,
            gzip,
            brotli,
            initial,
        });
    }
    Ok(assets)
}

fn list_files(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("reading {}: {e}", dir.display()))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue; // e.g. trunk's dist/.stage left behind by a failed build
        }
        if path.is_dir() {
            list_files(base, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            let parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    std::fs::write(path, data).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// `dist/app.wasm` → `dist/app.wasm.br`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn extension(name: &str) -> &str {
    match file_name(name).rsplit_once('.') {
        Some((_, ext)) => ext,
        None => "",
    }
}

fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

pub fn gzip(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(data).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

pub fn brotli(data: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// Does `html` refer to the dist file `name` (in an `href`, `src` or a quoted import)?
/// The name must stand alone: preceded by `/`, a quote or `=`, followed by a quote, `?`,
/// `#`, `>` or whitespace, so `style.css` does not match `mystyle.css`.
pub fn references(html: &str, name: &str) -> bool {
    html.match_indices(name).any(|(at, _)| {
        let before = html[..at].chars().next_back();
        let after = html[at + name.len()..].chars().next();
        matches!(before, Some('/' | '"' | '\'' | '='))
            && matches!(
                after,
                None | Some('"' | '\'' | '?' | '#' | '>' | ')') | Some(' ' | '\n' | '\t')
            )
    })
}

/// Does a file name carry trunk's content hash? trunk names assets `<stem>-<hash>.<ext>`
/// with the hash in lowercase hex (a u64, so up to 16 digits), and the wasm
/// `<stem>-<hash>_bg.wasm`: `storefront-5c3a2e1f0b9d8c7a_bg.wasm`, `style-0d1e2f3a4b5c6d7e.css`.
pub fn is_hashed(file_name: &str) -> bool {
    // The split hook's link module: `__wasm_split.<22 hex>.js`.
    if let Some(hash) = file_name
        .strip_prefix("__wasm_split.")
        .and_then(|rest| rest.strip_suffix(".js"))
    {
        return hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let stem = match file_name.split_once('.') {
        Some((stem, _)) => stem,
        None => file_name,
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((base, hash)) => {
            !base.is_empty()
                && (8..=16).contains(&hash.len())
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        None => false,
    }
}

/// Totals over the assets index.html loads: (raw, gzip, brotli). Uncompressed files
/// count at their raw size.
pub fn initial_transfer(assets: &[Asset]) -> (u64, u64, u64) {
    assets
        .iter()
        .filter(|a| a.initial)
        .fold((0, 0, 0), |(raw, gz, br), a| {
            (
                raw + a.raw,
                gz + a.gzip.unwrap_or(a.raw),
                br + a.brotli.unwrap_or(a.raw),
            )
        })
}

pub fn print_size_table(assets: &[Asset]) {
    let width = assets
        .iter()
        .map(|a| a.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let size = |n: Option<u64>| n.map(cmd::group_digits).unwrap_or_else(|| "-".into());
    println!();
    println!(
        "  {:<width$}  {:>11}  {:>11}  {:>11}",
        "asset", "raw", "gzip", "brotli"
    );
    for a in assets {
        let mark = if a.initial { '*' } else { ' ' };
        println!(
            "{mark} {:<width$}  {:>11}  {:>11}  {:>11}",
            a.name,
            cmd::group_digits(a.raw),
            size(a.gzip),
            size(a.brotli)
        );
    }
    let total = |f: fn(&Asset) -> u64| assets.iter().map(f).sum::<u64>();
    println!(
        "  {:<width$}  {:>11}  {:>11}  {:>11}",
        format!("total ({} files)", assets.len()),
        cmd::group_digits(total(|a| a.raw)),
        cmd::group_digits(total(|a| a.gzip.unwrap_or(a.raw))),
        cmd::group_digits(total(|a| a.brotli.unwrap_or(a.raw)))
    );
    println!("* = index.html and the CSS, JS and wasm it references");
    for a in assets
        .iter()
        .filter(|a| a.initial && a.name != "index.html" && !a.hashed)
    {
        println!(
            "warning: {} has no content hash in its name (is trunk's filehash off?)",
            a.name
        );
    }
    let (raw, gz, br) = initial_transfer(assets);
    println!(
        "initial transfer (raw):    {} bytes",
        cmd::group_digits(raw)
    );
    println!("initial transfer (gzip):   {} bytes", cmd::group_digits(gz));
    println!("initial transfer (brotli): {} bytes", cmd::group_digits(br));
}

/// The entry routes whose first paint is measured, and the page split point each needs.
const ENTRY_ROUTES: [(&str, &str); 4] = [
    ("/", "area_home"),
    ("/products", "area_listing"),
    ("/product/<slug>", "area_detail"),
    ("/article/<slug>", "area_detail"),
];
/// The issue's goal for what must arrive before an entry route's first paint.
const FIRST_PAINT_GOAL: u64 = 150_000;

/// What must arrive before first paint, per entry route: index.html, its CSS and JS, the main
/// wasm, the JS modules those import (the split link module), and the route's chunks from
/// `chunks.json`. Then every chunk no entry route needs.
pub fn print_route_table(dist: &Path, assets: &[Asset]) -> Result<(), String> {
    let manifest_path = dist.join("chunks.json");
    let Ok(manifest) = std::fs::read_to_string(&manifest_path) else {
        println!("\nno chunks.json: the build is not split (is the trunk hook in Trunk.toml?)");
        return Ok(());
    };
    let manifest: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_str(&manifest).map_err(|e| format!("reading chunks.json: {e}"))?;
    let brotli_of = |name: &str| {
        assets
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.brotli.unwrap_or(a.raw))
            .unwrap_or(0)
    };
    let shared: Vec<&Asset> = assets
        .iter()
        .filter(|a| a.initial || file_name(&a.name).starts_with("__wasm_split."))
        .collect();
    let shared_bytes: u64 = shared.iter().map(|a| a.brotli.unwrap_or(a.raw)).sum();
    println!(
        "\nbefore first paint, per entry route (brotli bytes; goal <= {}):",
        cmd::group_digits(FIRST_PAINT_GOAL)
    );
    println!(
        "  {:<18} {:>10} {:>10} {:>10}  goal",
        "route", "shell", "chunks", "total"
    );
    let mut needed = std::collections::BTreeSet::new();
    for (route, split) in ENTRY_ROUTES {
        let chunks = manifest.get(split).cloned().unwrap_or_default();
        let chunk_bytes: u64 = chunks.iter().map(|c| brotli_of(c)).sum();
        needed.extend(chunks);
        let total = shared_bytes + chunk_bytes;
        let verdict = if total <= FIRST_PAINT_GOAL {
            "met"
        } else {
            "over"
        };
        println!(
            "  {:<18} {:>10} {:>10} {:>10}  {verdict}",
            route,
            cmd::group_digits(shared_bytes),
            cmd::group_digits(chunk_bytes),
            cmd::group_digits(total)
        );
    }
    println!(
        "  shell = {}",
        shared
            .iter()
            .map(|a| format!(
                "{} {}",
                a.name,
                cmd::group_digits(a.brotli.unwrap_or(a.raw))
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut rest: Vec<&Asset> = assets
        .iter()
        .filter(|a| a.name.ends_with(".wasm") && !a.initial && !needed.contains(&a.name))
        .collect();
    rest.sort_by_key(|a| std::cmp::Reverse(a.brotli.unwrap_or(a.raw)));
    let rest_bytes: u64 = rest.iter().map(|a| a.brotli.unwrap_or(a.raw)).sum();
    println!(
        "the other {} chunks, loaded when needed: {} bytes brotli",
        rest.len(),
        cmd::group_digits(rest_bytes)
    );
    for a in rest {
        let splits: Vec<&str> = manifest
            .iter()
            .filter(|(_, files)| files.contains(&a.name))
            .map(|(split, _)| split.as_str())
            .collect();
        println!(
            "  {:>10}  {}  ({})",
            cmd::group_digits(a.brotli.unwrap_or(a.raw)),
            a.name,
            splits.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<!DOCTYPE html><html lang="en"><head>
<link rel="stylesheet" href="/style-0d1e2f3a4b5c6d7e.css" integrity="sha384-x"/>
<link rel="modulepreload" href="/storefront-5c3a2e1f0b9d8c7a.js" crossorigin="anonymous">
<link rel="preload" href="/storefront-5c3a2e1f0b9d8c7a_bg.wasm" as="fetch" type="application/wasm">
<script type="module">
import init, * as bindings from '/storefront-5c3a2e1f0b9d8c7a.js';
const wasm = await init({ module_or_path: '/storefront-5c3a2e1f0b9d8c7a_bg.wasm' });
</script></head><body></body></html>"#;

    #[test]
    fn detects_hashed_asset_names() {
        assert!(is_hashed("storefront-5c3a2e1f0b9d8c7a_bg.wasm"));
        assert!(is_hashed("storefront-5c3a2e1f0b9d8c7a.js"));
        assert!(is_hashed("style-0d1e2f3a4b5c6d7e.css"));
        assert!(
            is_hashed("demo-server-c3a2e1f0b9d8c7a.js"),
            "15 digits: a leading zero is dropped"
        );
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("robots.txt"));
        assert!(!is_hashed("style.css"));
        assert!(!is_hashed("demo-server.js"));
        assert!(!is_hashed("app-NOTHEXNOTHEX.js"));
        assert!(
            !is_hashed("app-0123456789abcdef0.js"),
            "17 digits is too long for a u64"
        );
        assert!(!is_hashed("-0123456789abcdef.js"));
    }

    #[test]
    fn finds_the_files_index_html_references() {
        assert!(references(INDEX, "style-0d1e2f3a4b5c6d7e.css"));
        assert!(references(INDEX, "storefront-5c3a2e1f0b9d8c7a.js"));
        assert!(references(INDEX, "storefront-5c3a2e1f0b9d8c7a_bg.wasm"));
        assert!(!references(INDEX, "robots.txt"));
        assert!(!references(r#"<link href="/mystyle.css">"#, "style.css"));
        assert!(references(r#"<link href="style.css?v=1">"#, "style.css"));
        assert!(references(
            r#"<link href="/assets/app.css">"#,
            "assets/app.css"
        ));
    }

    #[test]
    fn sums_the_initial_transfer() {
        let asset = |name: &str, raw, gzip, brotli, initial| Asset {
            name: name.into(),
            raw,
            gzip,
            brotli,
            initial,
            hashed: false,
        };
        let assets = [
            asset("index.html", 1000, Some(500), Some(400), true),
            asset("app_bg.wasm", 10_000, Some(4000), Some(3000), true),
            asset("favicon.ico", 300, None, None, true),
            asset("robots.txt", 50, Some(60), Some(40), false),
        ];
        assert_eq!(initial_transfer(&assets), (11_300, 4800, 3700));
    }

    #[test]
    fn compresses_round_trip() {
        let data = "<p>hello storefront</p>\n".repeat(200);
        let br = brotli(data.as_bytes()).unwrap();
        let gz = gzip(data.as_bytes()).unwrap();
        assert!(br.len() < data.len() && gz.len() < data.len());

        let mut unbr = Vec::new();
        std::io::copy(&mut brotli::Decompressor::new(&br[..], 4096), &mut unbr).unwrap();
        assert_eq!(unbr, data.as_bytes());
        let mut ungz = Vec::new();
        std::io::copy(&mut flate2::read::GzDecoder::new(&gz[..]), &mut ungz).unwrap();
        assert_eq!(ungz, data.as_bytes());
    }

    #[test]
    fn compresses_a_dist_directory() {
        let dist = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("img")).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(
            dist.join("storefront-5c3a2e1f0b9d8c7a_bg.wasm"),
            vec![0u8; 5000],
        )
        .unwrap();
        std::fs::write(dist.join("robots.txt"), "User-agent: *\n").unwrap();
        std::fs::write(dist.join("img/logo.png"), [1u8, 2, 3]).unwrap();

        let assets = compress_dist(&dist).unwrap();
        let names: Vec<&str> = assets.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "img/logo.png",
                "index.html",
                "robots.txt",
                "storefront-5c3a2e1f0b9d8c7a_bg.wasm"
            ]
        );
        assert!(dist.join("index.html.br").exists() && dist.join("index.html.gz").exists());
        assert!(dist.join("robots.txt.br").exists());
        assert!(
            !dist.join("img/logo.png.br").exists(),
            "png is not compressible"
        );
        let wasm = &assets[3];
        assert!(wasm.initial && wasm.hashed && wasm.brotli.unwrap() < 100);
        assert!(!assets[2].initial);

        // A second run skips the .br/.gz it wrote and gives the same answer.
        assert_eq!(compress_dist(&dist).unwrap(), assets);
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
