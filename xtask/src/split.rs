//! `cargo xtask split-wasm`: trunk's post_build hook that splits the app's wasm into a main
//! module and lazily loaded chunks.
//!
//! Trunk 0.21 has no split step: it runs `cargo build`, `wasm-bindgen` and (here, disabled)
//! `wasm-opt` on the whole module. This hook takes the same cargo output (linked with
//! `--emit-relocs`, see .cargo/config.toml), splits it at the `#[wasm_split]` points with
//! `wasm_split_cli_support`, runs `wasm-bindgen` on the main part and `wasm-opt` on every
//! part, and replaces trunk's two files in the staging directory under trunk's own names,
//! so the `index.html` trunk wrote stays valid (its `integrity` hashes are rewritten).
//! Chunks and the JS link module get content hashes in their names, so they can be cached
//! forever like trunk's files. So `trunk build --release`, the site owner's command, gives
//! the split bundle.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::cmd;

/// The cargo binary trunk builds (`data-bin` in index.html).
const APP_BIN: &str = "storefront";
/// What the split tool names the link module in the main wasm's imports until its content
/// (and so its hash) is known. Same length as the final `./__wasm_split.<22 hex>.js`, so
/// the name can be patched in place in the wasm's import section.
const LINK_PLACEHOLDER: &str = "./__wasm_split.______________________.js";
/// Hex digits of the content hash in chunk names, as many as trunk's own hashes have.
const CHUNK_HASH_HEX: usize = 16;
/// Hex digits of the link module's hash: what fits the placeholder.
const LINK_HASH_HEX: usize = 22;
/// The versions trunk is pinned to in Trunk.toml (`[tools]`): the hook runs the same tools.
const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// Trunk's hook environment.
struct HookEnv {
    staging: PathBuf,
    release: bool,
    source: PathBuf,
}

impl HookEnv {
    fn from_env() -> Result<HookEnv, String> {
        let var = |name: &str| {
            std::env::var(name)
                .map_err(|_| format!("{name} is not set: run this as trunk's post_build hook"))
        };
        Ok(HookEnv {
            staging: PathBuf::from(var("TRUNK_STAGING_DIR")?),
            release: var("TRUNK_PROFILE")? == "release",
            source: PathBuf::from(var("TRUNK_SOURCE_DIR")?),
        })
    }
}

pub fn run_hook() -> Result<(), String> {
    let env = HookEnv::from_env()?;
    let started = std::time::Instant::now();
    let stem = trunk_stem(&env.staging)?;
    let input = cargo_wasm(&env)?;
    let wasm = read(&input)?;
    // The output depends only on the cargo wasm, trunk's name for it and the profile, so a
    // second trunk build of the same code (`--public-url /shop/`) reuses it: the split and
    // wasm-opt are minutes under Node.
    let mut key = wasm.clone();
    key.extend_from_slice(stem.as_bytes());
    key.push(u8::from(env.release));
    let root = env.source.join("target").join("wasm-split");
    let out = root.join(format!("out-{}", hex_hash(&key, CHUNK_HASH_HEX)));
    let done = out.join(".complete");
    if !done.is_file() {
        if root.exists() {
            std::fs::remove_dir_all(&root)
                .map_err(|e| format!("clearing {}: {e}", root.display()))?;
        }
        let work = root.join("work");
        std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
        std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
        split_into(&env, &stem, &input, &wasm, &work, &out)?;
        write(&done, b"")?;
    } else {
        println!(
            "wasm-split: reusing {} (same wasm as the last build)",
            out.display()
        );
    }
    copy_dir(&out, &env.staging)?;
    let _ = std::fs::remove_file(env.staging.join(".complete"));

    let index_path = env.staging.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("reading {}: {e}", index_path.display()))?;
    let index = refresh_integrity(&index, &env.staging)?;
    write(&index_path, index.as_bytes())?;
    // What the service worker (public/sw.js) stores at install: the shell, not the chunks
    // (those are kept as pages are visited, so a phone never downloads the whole shop).
    write(
        &env.staging.join("precache.json"),
        precache_list(&env.staging)?.as_bytes(),
    )?;
    // early.js fetches the entry route's chunks alongside the main wasm: it gets their names
    // from chunks.json, written into it here (it is not hashed, and never cached).
    let early_path = env.staging.join("early.js");
    if early_path.is_file() {
        let early = std::fs::read_to_string(&early_path)
            .map_err(|e| format!("reading {}: {e}", early_path.display()))?;
        let manifest = std::fs::read_to_string(env.staging.join("chunks.json"))
            .map_err(|e| format!("reading chunks.json: {e}"))?;
        write(&early_path, with_area_files(&early, &manifest)?.as_bytes())?;
    }
    // The CSP for this index.html (its inline scripts' hashes), for nginx and the demo server.
    write(
        &env.staging.join("csp.txt"),
        crate::csp::policy_for(&index).as_bytes(),
    )?;

    println!(
        "wasm-split: main {} bytes, {:.1}s",
        std::fs::metadata(env.staging.join(format!("{stem}_bg.wasm")))
            .map(|m| m.len())
            .unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Splits `wasm` in `work` and writes every file the staging directory gets into `out`.
fn split_into(
    env: &HookEnv,
    stem: &str,
    input: &Path,
    wasm: &[u8],
    work: &Path,
    out: &Path,
) -> Result<(), String> {
    let main_split = work.join("main.wasm");
    let main_module = format!("./{stem}.js");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(wasm);
        opts.output_dir = work;
        opts.main_out_path = &main_split;
        opts.main_module = &main_module;
        opts.link_name = LINK_PLACEHOLDER;
        opts
    })
    .map_err(|e| format!("wasm-split on {}: {e:?}", input.display()))?;

    // Chunks first: their hashed names go into the link module, whose hashed name goes into
    // the main wasm, which wasm-bindgen then turns into the JS trunk's index.html imports.
    let link_path = work.join(LINK_PLACEHOLDER.trim_start_matches("./"));
    let mut link_js = std::fs::read_to_string(&link_path)
        .map_err(|e| format!("reading the split link module {}: {e}", link_path.display()))?;
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    if env.release {
        check_wasm_opt()?;
        wasm_opt_all(&split.split_modules)?;
    }
    for chunk in &split.split_modules {
        let old_name = file_name(chunk)?;
        let data = read(chunk)?;
        let new_name = hashed_name(&old_name, ".wasm", &data);
        let quoted = format!("\"./{old_name}\"");
        if !link_js.contains(&quoted) {
            return Err(format!("the link module does not load {old_name}"));
        }
        link_js = link_js.replace(&quoted, &format!("\"./{new_name}\""));
        outputs.push((chunk.clone(), new_name));
    }
    let link_name = format!(
        "__wasm_split.{}.js",
        hex_hash(link_js.as_bytes(), LINK_HASH_HEX)
    );
    let final_link = format!("./{link_name}");
    debug_assert_eq!(final_link.len(), LINK_PLACEHOLDER.len());
    patch_bytes(&main_split, LINK_PLACEHOLDER, &final_link)?;

    let bindgen_out = work.join("bindgen");
    wasm_bindgen(&main_split, &bindgen_out, stem)?;
    let main_wasm = bindgen_out.join(format!("{stem}_bg.wasm"));
    if env.release {
        wasm_opt(&main_wasm)?;
    }

    // Trunk's two files are replaced, the rest added.
    copy(&main_wasm, &out.join(format!("{stem}_bg.wasm")))?;
    copy(
        &bindgen_out.join(format!("{stem}.js")),
        &out.join(format!("{stem}.js")),
    )?;
    copy_dir(&bindgen_out.join("snippets"), &out.join("snippets"))?;
    write(&out.join(&link_name), link_js.as_bytes())?;
    for (chunk, name) in &outputs {
        copy(chunk, &out.join(name))?;
    }
    // Which chunk files each split point needs, by final name (`cargo xtask dist` sums them
    // per entry route; the e2e tests check what a route fetches).
    let manifest = prefetch_manifest(&split.prefetch_map, &outputs)?;
    write(&out.join("chunks.json"), manifest.as_bytes())?;
    println!("wasm-split: {} chunks", outputs.len());
    Ok(())
}

/// The JS, CSS and main wasm of the build, relative to index.html (no chunks, no sw.js).
fn precache_list(staging: &Path) -> Result<String, String> {
    let entries =
        std::fs::read_dir(staging).map_err(|e| format!("reading {}: {e}", staging.display()))?;
    let mut files: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let kind = name.rsplit('.').next().unwrap_or("");
            matches!(kind, "js" | "css" | "wasm")
                && name != "sw.js"
                && !name.starts_with("split_")
                && !name.starts_with("chunk_")
        })
        .collect();
    files.sort();
    serde_json::to_string(&files).map_err(|e| format!("writing precache.json: {e}"))
}

/// Trunk's hashed base name, `storefront-<hash>`, from its `_bg.wasm` in the staging dir.
fn trunk_stem(staging: &Path) -> Result<String, String> {
    let entries =
        std::fs::read_dir(staging).map_err(|e| format!("reading {}: {e}", staging.display()))?;
    let mut stems = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            if stem == APP_BIN || stem.starts_with(&format!("{APP_BIN}-")) {
                stems.push(stem.to_string());
            }
        }
    }
    match stems.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no {APP_BIN}*_bg.wasm in {}: did trunk build the app?",
            staging.display()
        )),
        _ => Err(format!(
            "several {APP_BIN} wasm files in {}",
            staging.display()
        )),
    }
}

/// The wasm cargo linked for this profile (before wasm-bindgen).
fn cargo_wasm(env: &HookEnv) -> Result<PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env.source.join("target"));
    let profile = if env.release { "release" } else { "debug" };
    let path = target
        .join(crate::tools::WASM_TARGET)
        .join(profile)
        .join(format!("{APP_BIN}.wasm"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found after trunk's cargo build",
            path.display()
        ))
    }
}

fn wasm_bindgen(input: &Path, out_dir: &Path, out_name: &str) -> Result<(), String> {
    let (version, _) = cmd::capture(Command::new("wasm-bindgen").arg("--version"))
        .map_err(|e| format!("wasm-bindgen (on PATH, as trunk uses it): {e}"))?;
    if !version.contains(WASM_BINDGEN_VERSION) {
        return Err(format!(
            "wasm-bindgen on PATH is `{}`, {WASM_BINDGEN_VERSION} needed (Cargo.lock)",
            version.trim()
        ));
    }
    cmd::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
            .arg("--out-name")
            .arg(out_name)
            .arg("--out-dir")
            .arg(out_dir)
            .arg(input),
    )
}

/// `wasm-opt` on every chunk, on as many threads as there are cores: under Node each run
/// takes seconds, and there are dozens of chunks.
fn wasm_opt_all(chunks: &[PathBuf]) -> Result<(), String> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(chunk) = chunks.get(i) else {
                        return Ok(());
                    };
                    wasm_opt(chunk)?;
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a wasm-opt thread panicked".into()))
            })
            .collect()
    });
    results.into_iter().collect()
}

/// The wasm-opt on PATH must be binaryen 132, as Trunk.toml pins it for trunk.
fn check_wasm_opt() -> Result<(), String> {
    let (version, _) = cmd::capture(Command::new("wasm-opt").arg("--version"))
        .map_err(|e| format!("wasm-opt (on PATH, as trunk uses it): {e}"))?;
    let wanted = format!("version {}", crate::tools::BINARYEN_VERSION);
    if version.contains(&wanted) {
        Ok(())
    } else {
        Err(format!(
            "wasm-opt on PATH is `{}`, binaryen {} needed (Debian's 108 breaks the app)",
            version.trim(),
            crate::tools::BINARYEN_VERSION
        ))
    }
}

/// `wasm-opt -Oz` in place, the level index.html asked trunk for before the split moved it here.
fn wasm_opt(path: &Path) -> Result<(), String> {
    let optimized = path.with_extension("opt.wasm");
    cmd::run(
        Command::new("wasm-opt")
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .arg(path)
            .arg("-o")
            .arg(&optimized),
    )?;
    std::fs::rename(&optimized, path).map_err(|e| format!("replacing {}: {e}", path.display()))
}

/// `name.wasm` → `name-<hash>.wasm`.
fn hashed_name(name: &str, extension: &str, data: &[u8]) -> String {
    let stem = name.strip_suffix(extension).unwrap_or(name);
    format!("{stem}-{}{extension}", hex_hash(data, CHUNK_HASH_HEX))
}

fn hex_hash(data: &[u8], digits: usize) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
        .chars()
        .take(digits)
        .collect()
}

/// Replaces every occurrence of `from` by `to` (same length) in the file.
fn patch_bytes(path: &Path, from: &str, to: &str) -> Result<(), String> {
    if from.len() != to.len() {
        return Err(format!("cannot patch `{from}` with `{to}`: lengths differ"));
    }
    let mut data = read(path)?;
    let (needle, replacement) = (from.as_bytes(), to.as_bytes());
    let mut found = 0;
    let mut i = 0;
    while i + needle.len() <= data.len() {
        if &data[i..i + needle.len()] == needle {
            data[i..i + needle.len()].copy_from_slice(replacement);
            found += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    if found == 0 {
        return Err(format!("`{from}` not found in {}", path.display()));
    }
    write(path, &data)
}

/// The line of public/early.js that the chunk manifest replaces.
const AREA_FILES_PLACEHOLDER: &str = "var AREA_FILES = {};";

/// early.js with the build's `{ area: [chunk files] }` in place of its empty placeholder.
fn with_area_files(early: &str, manifest: &str) -> Result<String, String> {
    if early.matches(AREA_FILES_PLACEHOLDER).count() != 1 {
        return Err(format!(
            "early.js must contain `{AREA_FILES_PLACEHOLDER}` exactly once (the split hook writes the chunk names there)"
        ));
    }
    Ok(early.replacen(
        AREA_FILES_PLACEHOLDER,
        &format!("var AREA_FILES = {};", manifest.trim()),
        1,
    ))
}

/// `{ split point: [chunk file names] }`, with the final (hashed) names.
fn prefetch_manifest(
    map: &std::collections::HashMap<String, Vec<String>>,
    outputs: &[(PathBuf, String)],
) -> Result<String, String> {
    let mut by_stem = std::collections::HashMap::new();
    for (path, name) in outputs {
        let original = file_name(path)?;
        by_stem.insert(original.trim_end_matches(".wasm").to_string(), name.clone());
    }
    let mut object = serde_json::Map::new();
    let mut splits: Vec<_> = map.iter().collect();
    splits.sort();
    for (split, files) in splits {
        let names: Vec<serde_json::Value> = files
            .iter()
            .filter_map(|f| by_stem.get(f.trim_end_matches(".wasm")).cloned())
            .map(serde_json::Value::String)
            .collect();
        object.insert(split.clone(), serde_json::Value::Array(names));
    }
    serde_json::to_string(&serde_json::Value::Object(object))
        .map_err(|e| format!("writing chunks.json: {e}"))
}

/// Trunk writes `integrity="sha384-…"` for the JS and wasm it links; the split replaced both
/// files, so the hashes are recomputed from the files now in the staging directory.
pub fn refresh_integrity(index: &str, staging: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(index.len());
    let mut rest = index;
    while let Some(start) = rest.find("<link") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        out.push_str(&refresh_tag(tag, staging)?);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn refresh_tag(tag: &str, staging: &Path) -> Result<String, String> {
    let (Some(href), Some(old)) = (attribute(tag, "href"), attribute(tag, "integrity")) else {
        return Ok(tag.to_string());
    };
    let Some(algorithm) = old.split('-').next().filter(|a| *a == "sha384") else {
        return Ok(tag.to_string());
    };
    let file = href.rsplit('/').next().unwrap_or(href);
    let path = staging.join(file);
    if !path.is_file() {
        return Ok(tag.to_string());
    }
    let digest = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(read(&path)?));
    Ok(tag.replace(old, &format!("{algorithm}-{digest}")))
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn file_name(path: &Path) -> Result<String, String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{} has no file name", path.display()))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    std::fs::write(path, data).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("reading {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chunk_manifest_goes_into_early_js_once() {
        let early = "a();\n  var AREA_FILES = {};\n  b();";
        let done = with_area_files(early, "{\"area_home\":[\"x-1.wasm\"]}\n").unwrap_or_default();
        assert_eq!(
            done,
            "a();\n  var AREA_FILES = {\"area_home\":[\"x-1.wasm\"]};\n  b();"
        );
        assert!(with_area_files("no placeholder", "{}").is_err());
        assert!(with_area_files("var AREA_FILES = {}; var AREA_FILES = {};", "{}").is_err());
        // The shipped early.js has the placeholder.
        let shipped = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/early.js"),
        )
        .unwrap_or_default();
        assert!(with_area_files(&shipped, "{}").is_ok());
    }

    #[test]
    fn hashed_names_keep_the_stem_and_extension() {
        let name = hashed_name("split_cart.wasm", ".wasm", b"abc");
        assert!(name.starts_with("split_cart-"), "{name}");
        assert!(name.ends_with(".wasm"), "{name}");
        assert_eq!(
            name.len(),
            "split_cart-".len() + CHUNK_HASH_HEX + ".wasm".len()
        );
        assert!(crate::build::is_hashed(&name), "{name}");
    }

    #[test]
    fn the_final_link_name_fits_the_placeholder() {
        let final_link = format!("./__wasm_split.{}.js", hex_hash(b"x", LINK_HASH_HEX));
        assert!(crate::build::is_hashed(final_link.trim_start_matches("./")));
        assert_eq!(final_link.len(), LINK_PLACEHOLDER.len());
    }

    #[test]
    fn integrity_is_recomputed_from_the_replaced_file() {
        let dir = std::env::temp_dir().join(format!("xtask-sri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join("app-1.js"), b"new").ok();
        let html = r#"<link rel="modulepreload" href="/shop/app-1.js" crossorigin="anonymous" integrity="sha384-OLD"><link rel="icon" href="x.svg">"#;
        let out = refresh_integrity(html, &dir).unwrap_or_default();
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(b"new"));
        assert!(
            out.contains(&format!("integrity=\"sha384-{expected}\"")),
            "{out}"
        );
        assert!(out.contains(r#"<link rel="icon" href="x.svg">"#), "{out}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
