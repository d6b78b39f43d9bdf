//! Project automation, run as `cargo xtask <command>` (alias in .cargo/config.toml).
//!
//! - `demo`: build the app and run the demo server on http://127.0.0.1:8080/
//! - `dist`: release build into `dist/`, precompressed, with a size table
//! - `lighthouse`: Lighthouse scores of three pages served by the demo server (a benchmark)
//! - `test`: every test layer (lint, native, contract, xtask, wasm, e2e, deploy) and a summary line
//!
//! Missing tools are installed into the git-ignored `.tools/` directory (see tools.rs).

mod build;
mod cmd;
mod csp;
mod deploy;
mod lighthouse;
mod server;
mod split;
mod test;
mod tools;

use std::path::{Path, PathBuf};

use test::Layer;
use tools::Tools;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  demo [--port 8080] [--edition documented|open-source]
        build dist/ (release, precompressed) and the demo server, then run it
        in the foreground with its data in .data/
  dist  release build into dist/ with .br and .gz beside each text asset,
        a table of asset sizes, and the Content-Security-Policy header for the
        build (also written to dist/csp.txt)
  test [--layer lint|native|contract|xtask|wasm|e2e|deploy]...
        run the test layers (all by default, in this order), continue after a
        failing layer, and end with the line `N passed, N failed`. lint is
        `cargo fmt --check` and clippy -D warnings (native, and the app for
        wasm32), one test per check. Each layer has a minimum test count (a
        floor): a layer that runs fewer tests fails by the missing ones, and
        one that cannot build or start fails its whole floor
  bench prints benchmark figures (not a test): the SKU picker's availability
        recompute after one click on a 1,000-SKU product, min/median/max,
        natively and in headless Chromium (release wasm)
  lighthouse [--dist DIR]
        prints Lighthouse scores (mobile defaults, Debian's Chromium) and LCP,
        TBT and CLS for home, /products and a product page served by the demo
        server, against the goals (performance >= 95, accessibility 100);
        a benchmark: exits 0 when goals are missed. Builds dist/ as `dist`
        does, or measures DIR (precompressed first if it has no index.html.br).
        Lighthouse is installed into .tools/npm

options:
  --skip-install  check tools, but do not install missing ones
  -h, --help      show this help

Tools go into .tools/ (cargo binaries in .tools/bin, npm tools in .tools/npm);
chromium and chromedriver come from apt (needs root or passwordless sudo).";

#[derive(Debug, PartialEq)]
enum Task {
    Demo { port: u16, edition: Option<String> },
    Dist,
    Test { layers: Vec<Layer> },
    Bench,
    SplitWasm,
    Lighthouse { dist: Option<PathBuf> },
    Help,
}

#[derive(Debug, PartialEq)]
struct Args {
    task: Task,
    skip_install: bool,
}

fn main() {
    cmd::elapsed(); // start the clock
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match parse_args(&args) {
        Ok(args) => run(args),
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}

fn run(args: Args) -> i32 {
    let root = workspace_root();
    let mut tools = Tools::new(&root, !args.skip_install);
    let result = match args.task {
        Task::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Task::Dist => dist(&mut tools),
        Task::Bench => bench(&mut tools),
        Task::SplitWasm => split::run_hook(),
        Task::Lighthouse { dist } => lighthouse::run(&mut tools, dist.as_deref()),
        Task::Demo { port, edition } => demo(&mut tools, port, edition.as_deref()),
        Task::Test { layers } => return test::run(&mut tools, &layers),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("\nerror: {e}");
            1
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn ensure_build_tools(tools: &mut Tools) -> Result<(), String> {
    cmd::header("tools");
    tools.ensure_build_tools()
}

/// `cargo xtask bench`: figures, not pass/fail. The native run is an example; the browser
/// run is a wasm-bindgen test built only with the `bench` feature, so the wasm test layer
/// never picks it up.
fn bench(tools: &mut Tools) -> Result<(), String> {
    cmd::header("bench: SKU recompute, native (release)");
    cmd::run(tools.cargo().args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "storefront",
        "--example",
        "sku_bench",
    ]))?;
    cmd::header("bench: SKU recompute, headless Chromium (release wasm)");
    tools.ensure_wasm_target()?;
    tools.ensure_wasm_bindgen()?;
    tools.ensure_browser()?;
    let chromedriver = tools
        .which("chromedriver")
        .ok_or("chromedriver not found")?;
    cmd::run(
        tools
            .cargo()
            .args([
                "test",
                "--release",
                "-p",
                "storefront",
                "--target",
                tools::WASM_TARGET,
                "--features",
                "bench",
                "--test",
                "sku_bench_web",
                "--",
                "--nocapture",
            ])
            .env("CHROMEDRIVER", chromedriver),
    )
}

fn dist(tools: &mut Tools) -> Result<(), String> {
    ensure_build_tools(tools)?;
    build::build_dist(tools)?;
    println!("\ndist/ ready ({:.1}s)", cmd::elapsed());
    Ok(())
}

fn demo(tools: &mut Tools, port: u16, edition: Option<&str>) -> Result<(), String> {
    ensure_build_tools(tools)?;
    build::build_dist(tools)?;
    let binary = build::build_demo_server(tools)?;
    let root = tools.root();
    let data_dir = root.join(".data");
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| format!("creating {}: {e}", data_dir.display()))?;
    cmd::header(&format!("demo server on http://127.0.0.1:{port}/"));
    server::run_foreground(&server::ServerOptions {
        binary: &binary,
        dist: &root.join("dist"),
        data_dir: &data_dir,
        port,
        edition,
        test_controls: false,
    })
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut rest = args.iter().map(String::as_str);
    let command = rest.next().unwrap_or("help");
    let mut skip_install = false;
    let mut port = 8080;
    let mut edition = None;
    let mut layers = Vec::new();
    let mut dist = None;
    while let Some(arg) = rest.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .or_else(|| rest.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match (command, flag) {
            (_, "-h" | "--help") => {
                return Ok(Args {
                    task: Task::Help,
                    skip_install,
                })
            }
            (_, "--skip-install") => skip_install = true,
            ("demo", "--port") => {
                let v = value()?;
                port = v
                    .parse()
                    .map_err(|_| format!("--port: `{v}` is not a port number"))?;
            }
            ("demo", "--edition") => {
                let v = value()?;
                if !["documented", "open-source"].contains(&v) {
                    return Err(format!(
                        "--edition: `{v}` is not `documented` or `open-source`"
                    ));
                }
                edition = Some(v.to_string());
            }
            ("lighthouse", "--dist") => dist = Some(PathBuf::from(value()?)),
            ("test", "--layer") => {
                for name in value()?.split(',') {
                    let layer = Layer::parse(name.trim())?;
                    if !layers.contains(&layer) {
                        layers.push(layer);
                    }
                }
            }
            _ => return Err(format!("unknown option `{arg}` for `{command}`")),
        }
    }
    let task = match command {
        "demo" => Task::Demo { port, edition },
        "dist" => Task::Dist,
        "bench" => Task::Bench,
        // trunk's post_build hook (Trunk.toml), not for people: it needs trunk's environment.
        "split-wasm" => Task::SplitWasm,
        "lighthouse" => Task::Lighthouse { dist },
        "test" if layers.is_empty() => Task::Test {
            layers: Layer::ALL.to_vec(),
        },
        "test" => {
            // Run in the usual order whatever order the flags came in.
            let ordered = Layer::ALL
                .into_iter()
                .filter(|l| layers.contains(l))
                .collect();
            Task::Test { layers: ordered }
        }
        "help" | "-h" | "--help" => Task::Help,
        other => return Err(format!("unknown command `{other}`")),
    };
    Ok(Args { task, skip_install })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Args, String> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse_args(&args)
    }

    #[test]
    fn parses_demo_options() {
        assert_eq!(
            parse("demo").unwrap().task,
            Task::Demo {
                port: 8080,
                edition: None
            }
        );
        assert_eq!(
            parse("demo --port 9000 --edition=open-source")
                .unwrap()
                .task,
            Task::Demo {
                port: 9000,
                edition: Some("open-source".into())
            }
        );
        assert!(parse("demo --port x").unwrap_err().contains("not a port"));
        assert!(parse("demo --edition pro").unwrap_err().contains("`pro`"));
        assert!(parse("demo --port").unwrap_err().contains("needs a value"));
    }

    #[test]
    fn parses_test_layers_in_canonical_order() {
        let args = parse("test --layer e2e --layer native,wasm --skip-install").unwrap();
        assert!(args.skip_install);
        assert_eq!(
            args.task,
            Task::Test {
                layers: vec![Layer::Native, Layer::Wasm, Layer::E2e]
            }
        );
        assert_eq!(
            parse("test --layer wasm --layer=lint").unwrap().task,
            Task::Test {
                layers: vec![Layer::Lint, Layer::Wasm]
            }
        );
        assert_eq!(
            parse("test").unwrap().task,
            Task::Test {
                layers: Layer::ALL.to_vec()
            }
        );
        assert!(parse("test --layer unit").is_err());
    }

    #[test]
    fn parses_bench() {
        assert_eq!(parse("bench").unwrap().task, Task::Bench);
        assert!(parse("bench --layer e2e").is_err());
    }

    #[test]
    fn parses_lighthouse() {
        assert_eq!(
            parse("lighthouse").unwrap().task,
            Task::Lighthouse { dist: None }
        );
        assert_eq!(
            parse("lighthouse --dist=/tmp/d --skip-install")
                .unwrap()
                .task,
            Task::Lighthouse {
                dist: Some(PathBuf::from("/tmp/d"))
            }
        );
        assert!(parse("lighthouse --dist")
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse("dist --dist x")
            .unwrap_err()
            .contains("unknown option"));
    }

    #[test]
    fn rejects_unknown_things() {
        assert!(parse("deploy").unwrap_err().contains("unknown command"));
        assert!(parse("dist --port 1")
            .unwrap_err()
            .contains("unknown option"));
        assert_eq!(parse("").unwrap().task, Task::Help);
        assert_eq!(parse("test --help").unwrap().task, Task::Help);
    }
}
