//! `cargo xtask lighthouse`: Lighthouse (npm, pinned) with Debian's Chromium, mobile defaults,
//! against the release build served by the demo server (documented edition), for the home
//! page, a product list and a product page. A benchmark: it prints figures and whether the
//! goals are met, and fails only when it cannot measure.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::cmd;
use crate::server::{self, DemoServer, ServerOptions};
use crate::tools::Tools;

/// The version measured to work offline with Debian's Chromium (shared/toolchain.md).
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";

/// Issue 8's goals, on every page.
const GOAL_PERFORMANCE: u32 = 95;
const GOAL_ACCESSIBILITY: u32 = 100;

/// (label, path): home, a product list and a seeded product (demo-server/src/seed/data.rs;
/// the same product as e2e/support/routes.js's "product detail").
pub const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("product list", "/products"),
    ("product page", "/product/cast-iron-dutch-oven"),
];

/// Headless and quiet: no sandbox (root on the build machines), and none of Chromium's own
/// calls to internet services, which the build network cannot reach.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-quic \
--no-first-run --disable-background-networking --disable-component-update --disable-sync";

/// One page's figures from a Lighthouse JSON report.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub performance: Option<u32>,
    pub accessibility: Option<u32>,
    pub best_practices: Option<u32>,
    pub seo: Option<u32>,
    pub lcp_ms: Option<f64>,
    pub tbt_ms: Option<f64>,
    pub cls: Option<f64>,
    /// Failing audits that count, `category: id: title (what they point at)`: accessibility
    /// first (its goal is 100), then best practices and SEO.
    pub failures: Vec<String>,
}

impl Scores {
    pub fn meets_goals(&self) -> bool {
        self.performance.is_some_and(|p| p >= GOAL_PERFORMANCE)
            && self.accessibility.is_some_and(|a| a >= GOAL_ACCESSIBILITY)
    }
}

/// Reads the figures out of a Lighthouse report (`lhr` JSON).
pub fn parse_report(report: &Value) -> Scores {
    let category = |id: &str| {
        report["categories"][id]["score"]
            .as_f64()
            .map(|s| (s * 100.0).round() as u32)
    };
    let numeric = |id: &str| report["audits"][id]["numericValue"].as_f64();
    Scores {
        performance: category("performance"),
        accessibility: category("accessibility"),
        best_practices: category("best-practices"),
        seo: category("seo"),
        lcp_ms: numeric("largest-contentful-paint"),
        tbt_ms: numeric("total-blocking-time"),
        cls: numeric("cumulative-layout-shift"),
        failures: ["accessibility", "best-practices", "seo"]
            .into_iter()
            .flat_map(|category| failures(report, category))
            .collect(),
    }
}

/// The audits of `category` that count (weight > 0) and did not pass, with up to three of
/// the elements each one names (selector, or the HTML snippet when there is none).
fn failures(report: &Value, category: &str) -> Vec<String> {
    let Some(refs) = report["categories"][category]["auditRefs"].as_array() else {
        return Vec::new();
    };
    refs.iter()
        .filter(|r| r["weight"].as_f64().unwrap_or(0.0) > 0.0)
        .filter_map(|r| r["id"].as_str())
        .filter_map(|id| {
            let audit = &report["audits"][id];
            let failed = audit["score"].as_f64().is_some_and(|s| s < 1.0);
            failed.then(|| {
                let items = audit["details"]["items"].as_array();
                let nodes: Vec<String> = items
                    .into_iter()
                    .flatten()
                    .take(3)
                    .filter_map(|item| {
                        // An element (accessibility), else a console line or a URL.
                        let node = &item["node"];
                        node["selector"]
                            .as_str()
                            .or_else(|| node["snippet"].as_str())
                            .or_else(|| item["description"].as_str())
                            .or_else(|| item["url"].as_str())
                            // A console line can be a whole stack: its first line says it.
                            .map(|text| text.lines().next().unwrap_or("").to_string())
                    })
                    .collect();
                let count = items.map_or(0, Vec::len);
                let title = audit["title"].as_str().unwrap_or("");
                if nodes.is_empty() {
                    format!("{category}: {id}: {title}")
                } else {
                    format!("{category}: {id}: {title} ({count}: {})", nodes.join(", "))
                }
            })
        })
        .collect()
}

/// `cargo xtask lighthouse [--dist DIR]`: without `--dist`, builds dist/ as `cargo xtask dist`
/// does; with it, measures that build as it is.
pub fn run(tools: &mut Tools, dist: Option<&Path>) -> Result<(), String> {
    cmd::header("tools");
    let lighthouse = ensure_lighthouse(tools)?;
    tools.ensure_browser()?;
    let chromium = tools.which("chromium").ok_or("chromium not found")?;
    let dist = match dist {
        Some(dir) => {
            if !dir.join("index.html").is_file() {
                return Err(format!("{} has no index.html", dir.display()));
            }
            // A bare `trunk build` output: serve it precompressed, as `dist` and a site
            // owner's host do (uncompressed costs several performance points).
            if !dir.join("index.html.br").is_file() {
                cmd::header(&format!("precompress {}", dir.display()));
                crate::build::compress_dist(dir)?;
            }
            dir.to_path_buf()
        }
        None => {
            tools.ensure_build_tools()?;
            crate::build::build_dist(tools)?;
            tools.root().join("dist")
        }
    };
    let binary = crate::build::build_demo_server(tools)?;
    let port = server::free_ports(1)?[0];
    let data_dir = server::temp_data_dir("lighthouse")?;
    // Not temp_data_dir's name: that directory is removed at the end, the reports stay.
    let out_dir = std::env::temp_dir().join(format!(
        "storefront-lighthouse-reports-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("creating {}: {e}", out_dir.display()))?;

    cmd::header("demo server (documented edition)");
    let mut demo = DemoServer::start(
        "demo",
        &ServerOptions {
            binary: &binary,
            dist: &dist,
            data_dir: &data_dir,
            port,
            edition: Some("documented"),
            test_controls: false,
        },
    )?;
    demo.wait_ready(Duration::from_secs(60))?;

    let mut rows = Vec::new();
    for (label, path) in PAGES {
        cmd::header(&format!("lighthouse {path} (mobile)"));
        let report = out_dir.join(format!("{}.json", label.replace(' ', "-")));
        let url = format!("{}{path}", demo.url);
        let result = cmd::run(
            tools
                .command(&lighthouse.to_string_lossy())
                .arg(&url)
                .args([
                    "--quiet",
                    "--output=json",
                    "--only-categories=performance,accessibility,best-practices,seo",
                ])
                .arg(format!("--output-path={}", report.display()))
                .arg(format!("--chrome-flags={CHROME_FLAGS}"))
                .env("CHROME_PATH", &chromium),
        )
        .and_then(|()| read_report(&report));
        match result {
            Ok(scores) => rows.push((*label, *path, scores)),
            Err(e) => {
                demo.stop();
                return Err(format!("lighthouse {url}: {e}"));
            }
        }
    }
    demo.stop();
    let _ = std::fs::remove_dir_all(&data_dir);

    println!();
    print_table(&rows);
    println!("reports: {}", out_dir.display());
    Ok(())
}

fn read_report(path: &Path) -> Result<Scores, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))?;
    if let Some(error) = json["runtimeError"]["message"].as_str() {
        return Err(format!("Lighthouse could not measure: {error}"));
    }
    Ok(parse_report(&json))
}

pub fn print_table(rows: &[(&str, &str, Scores)]) {
    let score = |s: Option<u32>| s.map_or_else(|| "-".to_string(), |s| s.to_string());
    let ms = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
    let width = rows
        .iter()
        .map(|(label, path, _)| label.len() + path.len() + 3)
        .max()
        .unwrap_or(4);
    println!(
        "  {:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>7}  {:>7}  {:>6}  goals",
        "page", "perf", "a11y", "bp", "seo", "LCP ms", "TBT ms", "CLS"
    );
    for (label, path, s) in rows {
        println!(
            "  {:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>7}  {:>7}  {:>6}  {}",
            format!("{label} ({path})"),
            score(s.performance),
            score(s.accessibility),
            score(s.best_practices),
            score(s.seo),
            ms(s.lcp_ms),
            ms(s.tbt_ms),
            s.cls.map_or_else(|| "-".to_string(), |c| format!("{c:.3}")),
            if s.meets_goals() { "met" } else { "MISSED" }
        );
    }
    println!(
        "goals: performance >= {GOAL_PERFORMANCE} and accessibility {GOAL_ACCESSIBILITY} on every page \
(mobile: Lighthouse's simulated slow 4G and 4x CPU slowdown)"
    );
    let met = rows.iter().filter(|(_, _, s)| s.meets_goals()).count();
    println!("{met} of {} pages meet the goals", rows.len());
    for (label, _, s) in rows {
        for failure in &s.failures {
            println!("{label}: {failure}");
        }
    }
}

/// Lighthouse from npm in `.tools/npm`, installed when missing or another version.
fn ensure_lighthouse(tools: &mut Tools) -> Result<PathBuf, String> {
    let dir = tools.root().join(".tools/npm");
    let binary = dir.join("node_modules/.bin/lighthouse");
    let version = |binary: &Path| {
        cmd::output_text(tools.command(&binary.to_string_lossy()).arg("--version"))
            .map(|text| text.trim().to_string())
    };
    match version(&binary) {
        Ok(found) if found == LIGHTHOUSE_VERSION => {
            println!("lighthouse {found}: {}", binary.display());
            return Ok(binary);
        }
        Ok(found) => println!("lighthouse {found} found, {LIGHTHOUSE_VERSION} wanted"),
        Err(_) => println!("lighthouse not installed"),
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let manifest = dir.join("package.json");
    if !manifest.exists() {
        // Keeps npm from looking for a package.json in parent directories.
        std::fs::write(&manifest, "{\"private\": true}\n")
            .map_err(|e| format!("writing {}: {e}", manifest.display()))?;
    }
    if tools.which("npm").is_none() {
        return Err("npm not found: install Node.js 18 or newer with npm".into());
    }
    cmd::run(
        tools
            .command("npm")
            .current_dir(&dir)
            .args(["install", "--no-audit", "--no-fund"])
            .arg(format!("lighthouse@{LIGHTHOUSE_VERSION}")),
    )?;
    match version(&binary) {
        Ok(found) if found == LIGHTHOUSE_VERSION => Ok(binary),
        Ok(found) => Err(format!(
            "lighthouse {found} after installing {LIGHTHOUSE_VERSION}"
        )),
        Err(e) => Err(format!("lighthouse after npm install: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Value {
        serde_json::json!({
            "categories": {
                "performance": { "score": 0.934 },
                "accessibility": { "score": 0.96, "auditRefs": [
                    { "id": "color-contrast", "weight": 7 },
                    { "id": "image-alt", "weight": 10 },
                    { "id": "aria-allowed-attr", "weight": 10 },
                    { "id": "accesskeys", "weight": 0 }
                ] },
                "best-practices": { "score": 1.0, "auditRefs": [ { "id": "errors-in-console", "weight": 1 } ] },
                "seo": { "score": 0.92 }
            },
            "audits": {
                "largest-contentful-paint": { "numericValue": 2841.6 },
                "total-blocking-time": { "numericValue": 12.0 },
                "cumulative-layout-shift": { "numericValue": 0.0123 },
                "color-contrast": { "score": 0, "title": "Background and foreground colors do not have a sufficient contrast ratio.",
                    "details": { "items": [
                        { "node": { "selector": "div.price > span", "snippet": "<span>" } },
                        { "node": { "snippet": "<a class=\"chip\">" } }
                    ] } },
                "image-alt": { "score": 1, "title": "Image elements have [alt] attributes" },
                "aria-allowed-attr": { "score": null, "title": "n/a" },
                "accesskeys": { "score": 0, "title": "weight 0 does not count" },
                "errors-in-console": { "score": 0, "title": "Browser errors were logged to the console",
                    "details": { "items": [ { "source": "network", "description": "Failed to load resource: 404", "url": "http://x/a" } ] } }
            }
        })
    }

    #[test]
    fn reads_scores_metrics_and_failing_audits() {
        let s = parse_report(&report());
        assert_eq!(s.performance, Some(93));
        assert_eq!(s.accessibility, Some(96));
        assert_eq!(s.best_practices, Some(100));
        assert_eq!(s.seo, Some(92));
        assert_eq!(s.lcp_ms, Some(2841.6));
        assert_eq!(s.tbt_ms, Some(12.0));
        assert_eq!(s.cls, Some(0.0123));
        assert_eq!(
            s.failures,
            [
                "accessibility: color-contrast: Background and foreground colors do not have a \
                 sufficient contrast ratio. (2: div.price > span, <a class=\"chip\">)",
                "best-practices: errors-in-console: Browser errors were logged to the console \
                 (1: Failed to load resource: 404)"
            ]
        );
        assert!(!s.meets_goals());
    }

    #[test]
    fn goals_need_both_scores() {
        let mut s = parse_report(&report());
        s.performance = Some(95);
        s.accessibility = Some(100);
        assert!(s.meets_goals());
        s.performance = None;
        assert!(!s.meets_goals(), "a missing score is not a met goal");
        assert_eq!(parse_report(&serde_json::json!({})).performance, None);
    }

    #[test]
    fn the_product_page_is_a_seeded_product() {
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo-server/src/seed/data.rs");
        let data = std::fs::read_to_string(&seed).unwrap();
        let (_, product) = PAGES[2];
        let slug = product.strip_prefix("/product/").unwrap();
        assert!(
            data.contains(&format!("\"{slug}\"")),
            "{slug} is not in {}",
            seed.display()
        );
    }
}
