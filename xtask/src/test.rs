//! `cargo xtask test`: every test layer, counted, continuing after a failing layer.

use std::path::Path;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use crate::server::{DemoServer, ServerOptions};
use crate::tools::Tools;
use crate::{build, cmd, server};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// `cargo fmt --check` and clippy (native workspace and the app for wasm32), `-D warnings`.
    Lint,
    /// `cargo test -p storefront`: unit, API decoding and sanitizer tests.
    Native,
    /// `cargo test -p demo-server`: the API contract.
    Contract,
    /// `cargo test -p xtask`: this tool's own parsers.
    Xtask,
    /// `cargo test -p storefront --target wasm32-unknown-unknown --tests` in Chromium:
    /// every file in `tests/`.
    Wasm,
    /// Playwright against two demo servers (documented and open-source editions).
    E2e,
    /// The nginx recipe in deploy/ (root and /shop/) in front of a demo server: HTTP checks
    /// and the @smoke tests through it (deploy.rs).
    Deploy,
}

impl Layer {
    /// The order layers run in: lint first, because it is fast.
    pub const ALL: [Layer; 7] = [
        Layer::Lint,
        Layer::Native,
        Layer::Contract,
        Layer::Xtask,
        Layer::Wasm,
        Layer::E2e,
        Layer::Deploy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Lint => "lint",
            Layer::Native => "native",
            Layer::Contract => "contract",
            Layer::Xtask => "xtask",
            Layer::Wasm => "wasm",
            Layer::E2e => "e2e",
            Layer::Deploy => "deploy",
        }
    }

    /// The fewest tests the layer must run (passed, failed or flaky; skipped ones don't
    /// count). Below it the missing tests count as failed, so a layer that silently runs
    /// nothing (a deleted test file, a filter that matches nothing, a runner that finds no
    /// tests) cannot pass. Minimums a little under the real counts (December 2026: native
    /// 69, contract 108, xtask 38, wasm 45 = 9 components + 36 sanitizer, e2e 122 before the
    /// ground-for-commerce specs), not exact counts: raise them as the layers grow.
    pub fn floor(self) -> u64 {
        match self {
            Layer::Lint => LINT_CHECKS.len() as u64,
            Layer::Native => 62,
            Layer::Contract => 100,
            Layer::Xtask => 34,
            Layer::Wasm => 40,
            Layer::E2e => 110,
            // 9 HTTP checks and 8 smoke tests per deploy (root, sub-path), plus the redirect.
            Layer::Deploy => 30,
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

/// One check of the lint layer: `cargo <args>`, needing the rustup `component`.
struct LintCheck {
    name: &'static str,
    component: &'static str,
    subcommand: &'static str,
    /// Needs the wasm32 target installed.
    wasm: bool,
    args: &'static [&'static str],
}

/// Each counts as one test of the lint layer.
const LINT_CHECKS: [LintCheck; 3] = [
    LintCheck {
        name: "rustfmt",
        component: "rustfmt",
        subcommand: "fmt",
        wasm: false,
        args: &["fmt", "--all", "--check"],
    },
    LintCheck {
        name: "clippy (workspace, native)",
        component: "clippy",
        subcommand: "clippy",
        wasm: false,
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    },
    LintCheck {
        name: "clippy (storefront, wasm32)",
        component: "clippy",
        subcommand: "clippy",
        wasm: true,
        args: &[
            "clippy",
            "-p",
            "storefront",
            "--target",
            crate::tools::WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    },
];

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

    /// Tests that ran: passed, failed or flaky.
    fn ran(self) -> u64 {
        self.passed + self.failed + self.flaky
    }
}

/// What a layer's command reported.
#[derive(Debug, Default, PartialEq)]
struct LayerRun {
    counts: Counts,
    /// Why the layer could not build, start or be counted. Its whole floor then counts
    /// as failed.
    error: Option<String>,
    /// Lines for the summary about failures the counts already include (lint checks).
    notes: Vec<String>,
}

impl LayerRun {
    fn broken(error: String) -> LayerRun {
        LayerRun {
            error: Some(error),
            ..LayerRun::default()
        }
    }
}

struct Outcome {
    layer: Layer,
    counts: Counts,
    seconds: f64,
    /// Why the layer failed beyond its failing tests, for the summary.
    problems: Vec<String>,
}

/// Applies a layer's floor to what it reported. A layer that could not build or start
/// counts its whole floor as failed (at least one); a layer that ran fewer tests than
/// its floor counts the missing ones as failed. Returns the counts for the summary and
/// the summary lines that say why, each starting with the layer's name.
pub fn apply_floor(
    name: &str,
    floor: u64,
    counts: Counts,
    error: Option<&str>,
) -> (Counts, Vec<String>) {
    let mut counts = counts;
    if let Some(error) = error {
        let failed = counts.failed.max(floor).max(1);
        let problem =
            format!("{name}: {error}; counted as {failed} failed (the layer's floor is {floor})");
        counts.failed = failed;
        return (counts, vec![problem]);
    }
    let ran = counts.ran();
    if ran >= floor {
        return (counts, Vec::new());
    }
    let missing = floor - ran;
    let what = match (counts.passed + counts.flaky, counts.failed) {
        (0, 0) => "no tests ran".to_string(),
        (passed, 0) => format!("{passed} passed"),
        (passed, failed) => format!("{passed} passed and {failed} failed"),
    };
    let problem = format!(
        "{name}: {what}, below the floor of {floor} (the {missing} missing count as failed)"
    );
    counts.failed += missing;
    (counts, vec![problem])
}

/// Runs `layers` in order and prints the summary; returns the process exit code.
pub fn run(tools: &mut Tools, layers: &[Layer]) -> i32 {
    let mut outcomes = Vec::new();
    for &layer in layers {
        cmd::header(&format!("layer {}", layer.name()));
        let started = Instant::now();
        let report = run_layer(tools, layer).unwrap_or_else(LayerRun::broken);
        if let Some(e) = &report.error {
            eprintln!("error: layer {}: {e}", layer.name());
        }
        let (counts, floor_problems) = apply_floor(
            layer.name(),
            layer.floor(),
            report.counts,
            report.error.as_deref(),
        );
        let mut problems = report.notes;
        problems.extend(floor_problems);
        let seconds = started.elapsed().as_secs_f64();
        println!("<== layer {} done in {seconds:.1}s", layer.name());
        outcomes.push(Outcome {
            layer,
            counts,
            seconds,
            problems,
        });
    }
    print_summary(&outcomes)
}

/// What the layer reported; `Err` when it could not be set up or started at all.
fn run_layer(tools: &mut Tools, layer: Layer) -> Result<LayerRun, String> {
    match layer {
        Layer::Lint => Ok(lint(tools)),
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
            // `--tests`: every test target (each file in tests/, and the lib's and bin's
            // unit tests, which have no browser tests and report nothing), so a new test
            // file runs without being listed here.
            let args = [
                "-p",
                "storefront",
                "--target",
                crate::tools::WASM_TARGET,
                "--tests",
            ];
            cargo_test(
                tools,
                &args,
                &[("CHROMEDRIVER", chromedriver.to_string_lossy().as_ref())],
            )
        }
        Layer::E2e => e2e(tools),
        Layer::Deploy => crate::deploy::run(tools).map(|r| LayerRun {
            counts: r.counts,
            error: r.error,
            notes: r.notes,
        }),
    }
}

/// Runs every lint check, each counted as one test; a check that cannot run fails.
fn lint(tools: &mut Tools) -> LayerRun {
    let mut run = LayerRun::default();
    for check in &LINT_CHECKS {
        cmd::header(&format!("lint: {}", check.name));
        let result = (|| {
            if check.wasm {
                tools.ensure_wasm_target()?;
            }
            tools.ensure_cargo_component(check.component, check.subcommand)?;
            cmd::run(tools.cargo().args(check.args))
        })();
        match result {
            Ok(()) => run.counts.passed += 1,
            Err(e) => {
                eprintln!("error: lint: {}: {e}", check.name);
                run.counts.failed += 1;
                run.notes.push(format!("lint: {} failed: {e}", check.name));
            }
        }
    }
    run
}

/// `cargo test --no-fail-fast <args>`, counting its `test result:` lines.
fn cargo_test(tools: &Tools, args: &[&str], env: &[(&str, &str)]) -> Result<LayerRun, String> {
    let mut command = tools.cargo();
    command.arg("test").arg("--no-fail-fast").args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let (status, output) = cmd::run_tee(&mut command)?;
    let counts = parse_cargo_test_output(&output);
    let (counts, error) = judge(status, counts, "cargo test");
    Ok(LayerRun {
        counts,
        error,
        notes: Vec::new(),
    })
}

/// Combines an exit status with the counts found in the output.
pub(crate) fn judge(
    status: ExitStatus,
    counts: Option<Counts>,
    what: &str,
) -> (Counts, Option<String>) {
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
fn e2e(tools: &mut Tools) -> Result<LayerRun, String> {
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

fn playwright(tools: &Tools, e2e_dir: &Path, url: &str, oss_url: &str) -> Result<LayerRun, String> {
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
    Ok(LayerRun {
        counts,
        error,
        notes: Vec::new(),
    })
}

fn print_summary(outcomes: &[Outcome]) -> i32 {
    println!("\n==> [{:>7.1}s] summary", cmd::elapsed());
    let (text, code) = summary(outcomes);
    print!("{text}");
    code
}

/// The summary table, the problems, and the closing `N passed, N failed` line; and the
/// exit code (1 if anything failed, floors included).
fn summary(outcomes: &[Outcome]) -> (String, i32) {
    let mut text = format!(
        "{:<10} {:<7} {:>7} {:>7} {:>7} {:>8} {:>6} {:>9}\n",
        "layer", "result", "passed", "failed", "flaky", "skipped", "floor", "time"
    );
    let mut total = Counts::default();
    for o in outcomes {
        let ok = o.counts.failed == 0 && o.problems.is_empty();
        text.push_str(&format!(
            "{:<10} {:<7} {:>7} {:>7} {:>7} {:>8} {:>6} {:>8.1}s\n",
            o.layer.name(),
            if ok { "ok" } else { "FAILED" },
            o.counts.passed,
            o.counts.failed,
            o.counts.flaky,
            o.counts.skipped,
            o.layer.floor(),
            o.seconds
        ));
        total.add(o.counts);
    }
    for problem in outcomes.iter().flat_map(|o| &o.problems) {
        text.push_str(problem);
        text.push('\n');
    }
    // A problem always comes with a failed count (apply_floor and lint see to it); this
    // keeps the exit code honest even if one ever doesn't.
    let broken = outcomes.iter().any(|o| !o.problems.is_empty());
    let failed = total.failed;
    // Flaky tests passed in the end: they count as passed in the closing line.
    text.push_str(&format!(
        "{} passed, {} failed\n",
        total.passed + total.flaky,
        failed
    ));
    (text, if failed > 0 || broken { 1 } else { 0 })
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
        // A build error: no counts, but an error (its floor counts as failed in `run`).
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
            .contains("lint, native, contract, xtask, wasm, e2e"));
        assert_eq!(Layer::parse("lint"), Ok(Layer::Lint));
        assert_eq!(Layer::ALL[0], Layer::Lint, "lint runs first");
    }

    #[test]
    fn sums_several_wasm_test_files() {
        // `--tests` on wasm32: the lib and bin have no browser tests, then one result line
        // per file in tests/.
        let output = "\
     Running unittests src/lib.rs (target/wasm32-unknown-unknown/debug/deps/storefront-1.wasm)
no tests to run!
     Running unittests src/main.rs (target/wasm32-unknown-unknown/debug/deps/storefront-2.wasm)
no tests to run!
     Running tests/sanitize_web.rs (target/wasm32-unknown-unknown/debug/deps/sanitize_web-3.wasm)
Running headless tests in Chrome on `http://127.0.0.1:40001/`
test result: ok. 31 passed; 0 failed; 0 ignored; 0 filtered out; finished in 2.10s
     Running tests/web.rs (target/wasm32-unknown-unknown/debug/deps/web-4.wasm)
Running headless tests in Chrome on `http://127.0.0.1:40002/`
test result: FAILED. 7 passed; 1 failed; 0 ignored; 0 filtered out; finished in 1.50s
";
        assert_eq!(
            parse_cargo_test_output(output),
            Some(Counts {
                passed: 38,
                failed: 1,
                flaky: 0,
                skipped: 0
            })
        );
    }

    fn counts(passed: u64, failed: u64) -> Counts {
        Counts {
            passed,
            failed,
            ..Counts::default()
        }
    }

    #[test]
    fn every_layer_has_a_floor() {
        for layer in Layer::ALL {
            assert!(layer.floor() > 0, "{} has no floor", layer.name());
        }
        assert_eq!(Layer::Lint.floor(), 3, "one per lint check");
    }

    #[test]
    fn a_layer_at_or_above_its_floor_passes_unchanged() {
        assert_eq!(
            apply_floor("wasm", 8, counts(8, 0), None),
            (counts(8, 0), vec![])
        );
        assert_eq!(
            apply_floor("wasm", 8, counts(40, 0), None),
            (counts(40, 0), vec![])
        );
        // Failing tests ran: they count towards the floor and are failures already.
        assert_eq!(
            apply_floor("wasm", 8, counts(5, 3), None),
            (counts(5, 3), vec![])
        );
        // Flaky tests ran too; skipped ones did not.
        let flaky = Counts {
            passed: 6,
            flaky: 2,
            skipped: 5,
            ..Counts::default()
        };
        assert_eq!(apply_floor("e2e", 8, flaky, None), (flaky, vec![]));
    }

    #[test]
    fn a_layer_below_its_floor_fails_by_the_missing_tests() {
        assert_eq!(
            apply_floor("wasm", 8, counts(3, 0), None),
            (
                counts(3, 5),
                vec![
                    "wasm: 3 passed, below the floor of 8 (the 5 missing count as failed)"
                        .to_string()
                ]
            )
        );
        let (c, problems) = apply_floor("native", 85, counts(50, 2), None);
        assert_eq!(c, counts(50, 35));
        assert_eq!(
            problems,
            ["native: 50 passed and 2 failed, below the floor of 85 (the 33 missing count as failed)"]
        );
        let skipped_only = Counts {
            skipped: 9,
            ..Counts::default()
        };
        let (c, problems) = apply_floor("e2e", 110, skipped_only, None);
        assert_eq!(c.failed, 110);
        assert_eq!(c.passed, 0);
        assert_eq!(
            problems,
            ["e2e: no tests ran, below the floor of 110 (the 110 missing count as failed)"]
        );
    }

    #[test]
    fn a_layer_that_cannot_build_or_start_fails_its_whole_floor() {
        let (c, problems) = apply_floor(
            "e2e",
            110,
            Counts::default(),
            Some("the demo server did not start"),
        );
        assert_eq!(c, counts(0, 110));
        assert_eq!(
            problems,
            ["e2e: the demo server did not start; counted as 110 failed (the layer's floor is 110)"]
        );
        // Some tests passed before a later test binary failed to build: still the floor.
        let (c, _) = apply_floor("native", 85, counts(60, 0), Some("cargo test failed"));
        assert_eq!(c, counts(60, 85));
        // More failures than the floor are kept, and a zero floor still fails.
        assert_eq!(apply_floor("x", 3, counts(0, 9), Some("e")).0, counts(0, 9));
        assert_eq!(
            apply_floor("x", 0, Counts::default(), Some("e")).0,
            counts(0, 1)
        );
    }

    fn outcome(layer: Layer, reported: Counts, error: Option<&str>) -> Outcome {
        let (counts, problems) = apply_floor(layer.name(), layer.floor(), reported, error);
        Outcome {
            layer,
            counts,
            seconds: 1.0,
            problems,
        }
    }

    #[test]
    fn the_closing_line_counts_floor_failures() {
        let (text, code) = summary(&[
            outcome(Layer::Lint, counts(3, 0), None),
            outcome(Layer::Native, counts(90, 0), None),
            outcome(Layer::Wasm, counts(3, 0), None),
            outcome(Layer::E2e, Counts::default(), Some("npm not found")),
        ]);
        assert_eq!(code, 1, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let floor = Layer::Wasm.floor();
        assert!(
            lines.contains(
                &format!(
                    "wasm: 3 passed, below the floor of {floor} (the {} missing count as failed)",
                    floor - 3
                )
                .as_str()
            ),
            "{text}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("e2e: npm not found; counted as")),
            "{text}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("wasm") && l.contains("FAILED")),
            "{text}"
        );
        let failed = (floor - 3) + Layer::E2e.floor();
        assert_eq!(
            lines.last().copied(),
            Some(format!("96 passed, {failed} failed").as_str())
        );
    }

    #[test]
    fn an_all_green_run_exits_zero() {
        let (text, code) = summary(&[
            outcome(Layer::Lint, counts(3, 0), None),
            outcome(Layer::Wasm, counts(Layer::Wasm.floor() + 30, 0), None),
        ]);
        assert_eq!(code, 0, "{text}");
        assert_eq!(
            text.lines().last(),
            Some(format!("{} passed, 0 failed", 33 + Layer::Wasm.floor()).as_str())
        );
    }

    #[test]
    fn a_failed_lint_check_is_named_in_the_summary() {
        let run = LayerRun {
            counts: counts(2, 1),
            error: None,
            notes: vec!["lint: rustfmt failed: `cargo fmt --all --check` failed".into()],
        };
        let (counts, mut problems) = apply_floor(
            "lint",
            Layer::Lint.floor(),
            run.counts,
            run.error.as_deref(),
        );
        let mut all = run.notes;
        all.append(&mut problems);
        let (text, code) = summary(&[Outcome {
            layer: Layer::Lint,
            counts,
            seconds: 0.5,
            problems: all,
        }]);
        assert_eq!(code, 1);
        assert!(text.contains("lint: rustfmt failed"), "{text}");
        assert!(text.ends_with("2 passed, 1 failed\n"), "{text}");
    }
}
