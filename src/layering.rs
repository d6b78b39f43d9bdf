//! The import graph reads pages → components → domain ← api, with no back-edges. This test
//! reads the sources and fails on any `crate::…` path that points the wrong way, so the
//! layering cannot erode one convenient import at a time.

use std::fs;
use std::path::Path;

/// A layer (a directory or a file under `src/`) and the top-level modules it must not use.
const RULES: &[(&str, &[&str])] = &[
    // Plain Rust: nothing of the app, the browser or the wire.
    (
        "domain",
        &[
            "api",
            "components",
            "pages",
            "state",
            "config",
            "i18n",
            "sanitize",
            "storage",
        ],
    ),
    // Typed requests only: no views and no app state.
    ("api", &["components", "pages", "state", "i18n", "sanitize"]),
    // Components serve pages, never the other way round.
    ("components", &["pages"]),
    // Configuration and storage sit under the API client.
    ("config.rs", &["api", "components", "pages", "state"]),
    ("storage.rs", &["api", "components", "pages", "state"]),
];

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a source names through `crate::` (comments left out), with lines.
fn crate_paths(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((number + 1, name));
            }
        }
    }
    found
}

#[test]
fn no_layer_imports_against_the_graph() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for (layer, forbidden) in RULES {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "layer `{layer}` has no sources");
        for file in files {
            let source = fs::read_to_string(&file).unwrap_or_default();
            for (line, module) in crate_paths(&source) {
                if forbidden.contains(&module.as_str()) {
                    violations.push(format!(
                        "{}:{line} uses crate::{module}",
                        file.strip_prefix(&src).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    assert!(violations.is_empty(), "back-edges: {violations:#?}");
}

#[test]
fn the_scan_sees_imports_and_skips_comments() {
    let source = "use crate::api::{x, y};\n// crate::pages in a comment\nlet a = crate::state::use_session(); // crate::i18n\n";
    assert_eq!(
        crate_paths(source),
        vec![(1, "api".to_string()), (3, "state".to_string())]
    );
}
