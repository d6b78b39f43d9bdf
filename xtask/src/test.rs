//! `cargo xtask test`: every test layer, counted, continuing after a failing layer.

use std::path::Path;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use crate::server::{DemoServer, ServerOptions};
use crate::tools::Tools;
use crate::{build, cmd, server};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// `cargo test -p storefront`: unit, API decoding and sanitizer tests.
    Native,
    /// `cargo test -p demo-server`: the API contract.
    Contract,
    /// `cargo test -p xtask`: this tool's own parsers.
    Xtask,
    /// `cargo test -p storefront --target wasm32-unknown-unknown --test web` in Chromium.
    Wasm,
    /// Playwright against two demo servers (documented and open-source editions).
    E2e,
}

impl Layer {
    pub const ALL: [Layer; 5] = [
        Layer::Native,
        Layer::Contract,
        Layer::Xtask,
        Layer::Wasm,
        Layer::E2e,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Native => "native",
            Layer::Contract => "contract",
            Layer::Xtask => "xtask",
            Layer::Wasm => "wasm",
            Layer::E2e => "e2e",
        }
    }

    pub fn parse(name: &str) -> Result<Layer, String> {
        Layer::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                format!(
                    "unknown layer `{name}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    /// Failed at first, passed on retry (Playwright only); not included in `passed`.
    pub flaky: u64,
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.flaky += other.flaky;
        self.skipped += other.skipped;
    }
}

struct Outcome {
    layer: Layer,
    counts: Counts,
    seconds: f64,
    /// Why the layer failed beyond its failing tests (could not build, run or be counted).
    error: Option<String>,
}

/// Runs `layers` in order and prints the summary; returns the process exit code.
pub fn run(tools: &mut Tools, layers: &[Layer]) -> i32 {
    let mut outcomes = Vec::new();
    for &layer in layers {
        cmd::header(&format!("layer {}", layer.name()));
        let started = Instant::now();
        let (mut counts, error) = match run_layer(tools, layer) {
            Ok((counts, error)) => (counts, error),
            Err(e) => (Counts::default(), Some(e)),
        };
        if let Some(e) = &error {
            eprintln!("error: layer {}: {e}", layer.name());
            // A layer that could not run (or failed without a failing test) counts as failed.
            counts.failed = counts.failed.max(1);
        }
        let seconds = started.elapsed().as_secs_f64();
        println!("<== layer {} done in {seconds:.1}s", layer.name());
        outcomes.push(Outcome {
            layer,
            counts,
            seconds,
            error,
        });
    }
    print_summary(&outcomes)
}

/// Counts, plus an error when the layer's command failed in a way its counts don't show.
fn run_layer(tools: &mut Tools, layer: Layer) -> Result<(Counts, Option<String>), String> {
    match layer {
        Layer::Native => cargo_test(tools, &["-p", "storefront"], &[]),
        Layer::Contract => cargo_test(tools, &["-p", "demo-server"], &[]),
        Layer::Xtask => cargo_test(tools, &["-p", "xtask"], &[]),
        Layer::Wasm => {
            tools.ensure_wasm_target()?;
            tools.ensure_wasm_bindgen()?;
            tools.ensure_browser()?;
            let chromedriver = tools
                .which("chromedriver")
                .ok_or("chromedriver not found")?;
            let args = [
                "-p",
                "storefront",
                "--target",
                crate::tools::WASM_TARGET,
                "--test",
                "web",
            ];
            cargo_test(
                tools,
                &args,
                &[("CHROMEDRIVER", chromedriver.to_string_lossy().as_ref())],
            )
        }
        Layer::E2e => e2e(tools),
    }
}

/// `cargo test --no-fail-fast <args>`, counting its `test result:` lines.
fn cargo_test(
    tools: &Tools,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(Counts, Option<String>), String> {
    let mut command = tools.cargo();
    command.arg("test").arg("--no-fail-fast").args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let (status, output) = cmd::run_tee(&mut command)?;
    let counts = parse_cargo_test_output(&output);
    Ok(judge(status, counts, "cargo test"))
}

/// Combines an exit status with the counts found in the output.
fn judge(status: ExitStatus, counts: Option<Counts>, what: &str) -> (Counts, Option<String>) {
    match (status.success(), counts) {
        (true, Some(counts)) => (counts, None),
        (true, None) => {
            println!("note: {what} succeeded but reported no test results");
            (Counts::default(), None)
        }
        (false, Some(counts)) if counts.failed > 0 => (counts, None),
        (false, counts) => (
            counts.unwrap_or_default(),
            Some(format!("{what} failed ({status}) without a failing test: a build or runner error, see its output above")),
        ),
    }
}

/// Sums every `test result: ok. N passed; M failed; K ignored; …` line (cargo's libtest
/// and wasm-bindgen-test-runner both print them). `None` if there is no such line.
pub fn parse_cargo_test_output(output: &str) -> Option<Counts> {
    let mut total: Option<Counts> = None;
    for line in output.lines() {
        let line = cmd::strip_ansi(line);
        let Some(at) = line.find("test result:") else {
            continue;
        };
        let mut counts = Counts::default();
        let words: Vec<&str> = line[at + "test result:".len()..]
            .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            let Ok(n) = pair[0].parse::<u64>() else {
                continue;
            };
            match pair[1] {
                "passed" => counts.passed += n,
                "failed" => counts.failed += n,
                "ignored" => counts.skipped += n,
                _ => {}
            }
        }
        total.get_or_insert_with(Counts::default).add(counts);
    }
    total
}

/// Counts from a Playwright JSON report's `stats`: `expected` → passed, `unexpected` →
/// failed, `flaky`, `skipped`.
pub fn parse_playwright_stats(json: &str) -> Result<Counts, String> {
    let report: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| format!("the Playwright JSON report is not valid JSON: {e}"))?;
    let stats = report
        .get("stats")
        .ok_or("the Playwright JSON report has no `stats`")?;
    let field = |name: &str| {
        stats
            .get(name)
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| format!("the Playwright JSON report has no number `stats.{name}`"))
    };
    Ok(Counts {
        passed: field("expected")?,
        failed: field("unexpected")?,
        flaky: field("flaky")?,
        skipped: field("skipped")?,
    })
}

/// Builds dist and the demo server, starts a documented and an open-source server, and
/// runs Playwright against them.
fn e2e(tools: &mut Tools) -> Result<(Counts, Option<String>), String> {
    tools.ensure_build_tools()?;
    tools.ensure_browser()?;
    tools.ensure_e2e_packages()?;
    build::build_dist(tools)?;
    let binary = build::build_demo_server(tools)?;
    let root = tools.root().to_path_buf();
    let dist = root.join("dist");
    let e2e_dir = root.join("e2e");

    cmd::header("start demo servers (documented, open-source)");
    let ports = server::free_ports(2)?;
    let mut servers = Vec::new();
    let mut data_dirs = Vec::new();
    for (edition, port) in ["documented", "open-source"].into_iter().zip(ports) {
        let data_dir = server::temp_data_dir(&format!("e2e-{edition}"))?;
        let options = ServerOptions {
            binary: &binary,
            dist: &dist,
            data_dir: &data_dir,
            port,
            edition: Some(edition),
            test_controls: true,
        };
        data_dirs.push(data_dir.clone());
        servers.push(DemoServer::start(edition, &options)?);
    }
    let result = (|| {
        for server in &mut servers {
            server.wait_ready(Duration::from_secs(60))?;
        }
        playwright(tools, &e2e_dir, &servers[0].url, &servers[1].url)
    })();
    cmd::header("stop demo servers");
    for mut server in servers {
        server.stop();
    }
    for dir in data_dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

fn playwright(
    tools: &Tools,
    e2e_dir: &Path,
    url: &str,
    oss_url: &str,
) -> Result<(Counts, Option<String>), String> {
    cmd::header("playwright test");
    let report = build::target_dir(tools)?
        .join("xtask")
        .join("playwright-report.json");
    if let Some(parent) = report.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    let _ = std::fs::remove_file(&report);
    let playwright = e2e_dir.join("node_modules/.bin/playwright");
    let mut command = tools.command(&playwright.to_string_lossy());
    command
        .current_dir(e2e_dir)
        .args(["test", "--reporter=list,json"])
        .env("STOREFRONT_URL", url)
        .env("STOREFRONT_OSS_URL", oss_url)
        // _FILE is honoured by current Playwright, _NAME (an absolute path works too) by older ones.
        .env("PLAYWRIGHT_JSON_OUTPUT_FILE", &report)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if let Some(chromium) = tools.which("chromium") {
        command.env("CHROMIUM_PATH", chromium);
    }
    // Output goes straight to the terminal; the counts come from the JSON report.
    let (status, _) = cmd::run_tee(&mut command)?;
    let counts = match std::fs::read_to_string(&report) {
        Ok(json) => Some(parse_playwright_stats(&json)?),
        Err(e) => {
            eprintln!(
                "error: no Playwright JSON report at {}: {e}",
                report.display()
            );
            None
        }
    };
    let (counts, error) = judge(status, counts, "playwright test");
    Ok((counts, error))
}

fn print_summary(outcomes: &[Outcome]) -> i32 {
    let mut total = Counts::default();
    println!("\n==> [{:>7.1}s] summary", cmd::elapsed());
    println!(
        "{:<10} {:<7} {:>7} {:>7} {:>7} {:>8} {:>9}",
        "layer", "result", "passed", "failed", "flaky", "skipped", "time"
    );
    for o in outcomes {
        let ok = o.counts.failed == 0 && o.error.is_none();
        println!(
            "{:<10} {:<7} {:>7} {:>7} {:>7} {:>8} {:>8.1}s",
            o.layer.name(),
            if ok { "ok" } else { "FAILED" },
            o.counts.passed,
            o.counts.failed,
            o.counts.flaky,
            o.counts.skipped,
            o.seconds
        );
        total.add(o.counts);
    }
    for o in outcomes {
        if let Some(e) = &o.error {
            println!("{}: {e}", o.layer.name());
        }
    }
    let failed = total.failed;
    // Flaky tests passed in the end: they count as passed in the closing line.
    println!("{} passed, {} failed", total.passed + total.flaky, failed);
    if failed > 0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let output = "\
running 12 tests
test money::tests::formats ... ok
test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 3 tests
test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.20s

   Doc-tests storefront
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            parse_cargo_test_output(output),
            Some(Counts {
                passed: 14,
                failed: 1,
                flaky: 0,
                skipped: 1
            })
        );
    }

    #[test]
    fn reads_wasm_bindgen_test_runner_lines() {
        let output = "Running headless tests in Chrome on `http://127.0.0.1:39231/`\n\
                      test result: ok. 5 passed; 0 failed; 2 ignored; 0 filtered out; finished in 1.23s\n";
        assert_eq!(
            parse_cargo_test_output(output),
            Some(Counts {
                passed: 5,
                failed: 0,
                flaky: 0,
                skipped: 2
            })
        );
    }

    #[test]
    fn reads_coloured_result_lines() {
        let output = "test result: \u{1b}[31mFAILED\u{1b}[0m. 1 passed; 2 failed; 0 ignored\n";
        assert_eq!(
            parse_cargo_test_output(output),
            Some(Counts {
                passed: 1,
                failed: 2,
                flaky: 0,
                skipped: 0
            })
        );
    }

    #[test]
    fn no_result_lines_means_none() {
        assert_eq!(
            parse_cargo_test_output("error[E0425]: cannot find value `x`\n"),
            None
        );
        assert_eq!(parse_cargo_test_output(""), None);
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"config": {}, "suites": [], "errors": [],
            "stats": {"startTime": "2026-11-22T12:00:00.000Z", "duration": 5210.5,
                      "expected": 20, "skipped": 2, "unexpected": 1, "flaky": 3}}"#;
        assert_eq!(
            parse_playwright_stats(json),
            Ok(Counts {
                passed: 20,
                failed: 1,
                flaky: 3,
                skipped: 2
            })
        );
    }

    #[test]
    fn rejects_broken_playwright_reports() {
        assert!(parse_playwright_stats("not json")
            .unwrap_err()
            .contains("not valid JSON"));
        assert!(parse_playwright_stats("{}")
            .unwrap_err()
            .contains("no `stats`"));
        let err = parse_playwright_stats(r#"{"stats": {"expected": 1}}"#).unwrap_err();
        assert!(err.contains("stats.unexpected"), "{err}");
    }

    #[cfg(unix)]
    fn status(code: i32) -> ExitStatus {
        use std::os::unix::process::ExitStatusExt;
        ExitStatus::from_raw(code << 8)
    }

    #[cfg(unix)]
    #[test]
    fn judges_failures_without_failing_tests() {
        let some = |passed, failed| {
            Some(Counts {
                passed,
                failed,
                ..Counts::default()
            })
        };
        assert_eq!(
            judge(status(0), some(3, 0), "x"),
            (some(3, 0).unwrap(), None)
        );
        // Failing tests explain the exit status.
        assert_eq!(
            judge(status(101), some(3, 1), "x"),
            (some(3, 1).unwrap(), None)
        );
        // A build error: no counts, but an error (counted as 1 failed by `run`).
        let (counts, error) = judge(status(101), None, "cargo test");
        assert_eq!(counts, Counts::default());
        assert!(error.unwrap().contains("cargo test failed"));
        // Tests passed but the command still failed (e.g. a later test binary didn't build).
        assert!(judge(status(101), some(3, 0), "x").1.is_some());
    }

    #[test]
    fn parses_layer_names() {
        assert_eq!(Layer::parse("e2e"), Ok(Layer::E2e));
        assert_eq!(Layer::parse("wasm"), Ok(Layer::Wasm));
        assert!(Layer::parse("unit")
            .unwrap_err()
            .contains("native, contract, xtask, wasm, e2e"));
    }
}
