//! Finding and installing the build and test tools.
//!
//! Everything project-specific lives in the git-ignored `<workspace>/.tools`:
//! cargo binaries in `.tools/bin` (trunk, wasm-bindgen, wasm-bindgen-test-runner) and npm
//! tools in `.tools/npm` (wasm-opt from binaryen). Both directories go first on `PATH`
//! for every command xtask runs. Chromium and chromedriver come from Debian's apt.
//!
//! Each `ensure_*` first runs `<tool> --version` and compares versions, so a second run
//! is a no-op; only a missing or wrong tool is installed. Results are remembered, so a
//! failed install is attempted once per xtask run, not once per test layer.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd;

/// trunk 0.22 needs a newer rustc than the project's 1.95; 0.21.14 is the pinned version.
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm `binaryen@132` provides `wasm-opt version 132` (Trunk.toml pins `version_132`).
/// Debian's binaryen 108 produces a wasm that crashes at start-up: never use it.
pub const BINARYEN_VERSION: &str = "132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
const APT_BROWSER_PACKAGES: &[&str] = &["chromium", "chromium-driver"];
const APT_NGINX_PACKAGES: &[&str] = &["nginx", "libnginx-mod-http-brotli-static"];
/// Where Debian's libnginx-mod-http-brotli-static installs the module.
pub const NGINX_BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

pub struct Tools {
    root: PathBuf,
    install: bool,
    path: OsString,
    apt_updated: bool,
    done: HashMap<&'static str, Result<(), String>>,
}

/// What `<tool> --version` said.
#[derive(Debug, PartialEq)]
enum Found {
    Ok(PathBuf),
    Missing,
    Wrong { path: PathBuf, version: String },
}

impl Tools {
    /// `install = false` (`--skip-install`) only checks, and reports what is missing.
    pub fn new(root: &Path, install: bool) -> Tools {
        let root = root.to_path_buf();
        let path = cmd::prepend_path(&[
            root.join(".tools/bin"),
            root.join(".tools/npm/node_modules/.bin"),
        ]);
        Tools {
            root,
            install,
            path,
            apt_updated: false,
            done: HashMap::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn which(&self, program: &str) -> Option<PathBuf> {
        cmd::which(program, &self.path)
    }

    /// A command for `program` (looked up on the tools `PATH`), run in the workspace root
    /// with that `PATH` and `TRUNK_SKIP_VERSION_CHECK=true`.
    pub fn command(&self, program: &str) -> Command {
        let resolved = if program.contains('/') {
            PathBuf::from(program)
        } else {
            self.which(program)
                .unwrap_or_else(|| PathBuf::from(program))
        };
        let mut command = Command::new(resolved);
        command
            .current_dir(&self.root)
            .env("PATH", &self.path)
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }

    /// `cargo` (the one running xtask, from `$CARGO`) set up like [`Tools::command`].
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .current_dir(&self.root)
            .env("PATH", &self.path)
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }

    /// Runs `check` once per xtask run and remembers the result.
    fn once(
        &mut self,
        key: &'static str,
        check: impl FnOnce(&mut Tools) -> Result<(), String>,
    ) -> Result<(), String> {
        if let Some(result) = self.done.get(key) {
            return result.clone();
        }
        let result = check(self);
        self.done.insert(key, result.clone());
        result
    }

    /// The wasm target, trunk, wasm-bindgen-cli and wasm-opt: what `trunk build` needs.
    pub fn ensure_build_tools(&mut self) -> Result<(), String> {
        self.ensure_wasm_target()?;
        self.ensure_trunk()?;
        self.ensure_wasm_bindgen()?;
        self.ensure_wasm_opt()
    }

    pub fn ensure_wasm_target(&mut self) -> Result<(), String> {
        self.once("wasm-target", |t| {
            if t.wasm_target_installed() {
                println!("rust target {WASM_TARGET}: installed");
                return Ok(());
            }
            t.require_install(&format!("rust target {WASM_TARGET} not installed"))?;
            if t.which("rustup").is_none() {
                return Err(format!(
                    "rust target {WASM_TARGET} not installed and rustup not found: \
                     install the target for your toolchain"
                ));
            }
            cmd::run(t.command("rustup").args(["target", "add", WASM_TARGET]))
        })
    }

    /// A cargo subcommand that ships as a rustup component: `component` is `rustfmt`
    /// (for `cargo fmt`) or `clippy` (for `cargo clippy`).
    pub fn ensure_cargo_component(
        &mut self,
        component: &'static str,
        subcommand: &'static str,
    ) -> Result<(), String> {
        self.once(component, |t| {
            let version = |t: &Tools| {
                cmd::output_text(t.cargo().args([subcommand, "--version"]))
                    .map(|text| text.trim().to_string())
            };
            if let Ok(text) = version(t) {
                println!("cargo {subcommand}: {text}");
                return Ok(());
            }
            t.require_install(&format!("`cargo {subcommand}` not available"))?;
            if t.which("rustup").is_none() {
                return Err(format!(
                    "`cargo {subcommand}` not available and rustup not found: \
                     install the {component} component for your toolchain"
                ));
            }
            cmd::run(t.command("rustup").args(["component", "add", component]))?;
            version(t)
                .map(|text| println!("cargo {subcommand}: {text}"))
                .map_err(|e| format!("after installing {component}: {e}"))
        })
    }

    fn wasm_target_installed(&self) -> bool {
        if self.which("rustup").is_some() {
            if let Ok(list) =
                cmd::output_text(
                    self.command("rustup")
                        .args(["target", "list", "--installed"]),
                )
            {
                return list.lines().any(|l| l.trim() == WASM_TARGET);
            }
        }
        // No rustup: ask rustc where the target's standard library would be.
        cmd::output_text(self.command("rustc").args([
            "--print",
            "target-libdir",
            "--target",
            WASM_TARGET,
        ]))
        .map(|dir| Path::new(dir.trim()).is_dir())
        .unwrap_or(false)
    }

    pub fn ensure_trunk(&mut self) -> Result<(), String> {
        self.once("trunk", |t| {
            t.ensure_version("trunk", TRUNK_VERSION, |t| {
                // --no-default-features: no TLS, no update check, 4 minutes quicker to build.
                let root = t.root.join(".tools");
                cmd::run(
                    t.cargo()
                        .arg("install")
                        .arg("--locked")
                        .arg(format!("trunk@{TRUNK_VERSION}"))
                        .arg("--no-default-features")
                        .arg("--root")
                        .arg(root),
                )
            })
        })
    }

    /// wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock (trunk and
    /// wasm-bindgen-test-runner refuse any other).
    pub fn ensure_wasm_bindgen(&mut self) -> Result<(), String> {
        self.once("wasm-bindgen", |t| {
            let lock_path = t.root.join("Cargo.lock");
            let lock = std::fs::read_to_string(&lock_path)
                .map_err(|e| format!("reading {}: {e}", lock_path.display()))?;
            let version = locked_version(&lock, "wasm-bindgen")?;
            let install = |t: &mut Tools| {
                // Not --locked: its lockfile can name crate versions newer than the
                // registry mirror has (webpki-roots), which makes a locked install fail.
                let root = t.root.join(".tools");
                cmd::run(
                    t.cargo()
                        .args(["install", "wasm-bindgen-cli", "--version"])
                        .arg(&version)
                        .arg("--root")
                        .arg(root),
                )
            };
            t.ensure_version("wasm-bindgen", &version, install)?;
            t.ensure_version("wasm-bindgen-test-runner", &version, install)
        })
    }

    /// wasm-opt from npm's binaryen, installed in `.tools/npm`.
    pub fn ensure_wasm_opt(&mut self) -> Result<(), String> {
        self.once("wasm-opt", |t| {
            t.ensure_version("wasm-opt", BINARYEN_VERSION, |t| {
                let dir = t.root.join(".tools/npm");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("creating {}: {e}", dir.display()))?;
                let manifest = dir.join("package.json");
                if !manifest.exists() {
                    // Keeps npm from looking for a package.json in parent directories.
                    std::fs::write(&manifest, "{\"private\": true}\n")
                        .map_err(|e| format!("writing {}: {e}", manifest.display()))?;
                }
                t.require_program("npm", "install Node.js 18 or newer with npm")?;
                cmd::run(
                    t.command("npm")
                        .current_dir(&dir)
                        .args(["install", "--no-audit", "--no-fund"])
                        .arg(format!("binaryen@{BINARYEN_VERSION}")),
                )
            })
        })
    }

    /// Chromium and chromedriver (Debian packages `chromium chromium-driver`).
    pub fn ensure_browser(&mut self) -> Result<(), String> {
        self.once("browser", |t| {
            let missing: Vec<&str> = ["chromium", "chromedriver"]
                .into_iter()
                .filter(|p| t.which(p).is_none())
                .collect();
            if missing.is_empty() {
                for program in ["chromium", "chromedriver"] {
                    let version = cmd::output_text(t.command(program).arg("--version"))
                        .ok()
                        .and_then(|text| parse_version(&text))
                        .unwrap_or_else(|| "(version unknown)".into());
                    println!(
                        "{program} {version}: {}",
                        t.which(program).unwrap_or_default().display()
                    );
                }
                return Ok(());
            }
            t.require_install(&format!("{} not found", missing.join(" and ")))?;
            t.apt_install(APT_BROWSER_PACKAGES)?;
            match ["chromium", "chromedriver"]
                .into_iter()
                .find(|p| t.which(p).is_none())
            {
                Some(p) => Err(format!("{p} still not found after apt-get install")),
                None => Ok(()),
            }
        })
    }

    /// Debian's nginx and its brotli_static module (the deploy layer's web server).
    pub fn ensure_nginx(&mut self) -> Result<(), String> {
        self.once("nginx", |t| {
            let module = Path::new(NGINX_BROTLI_MODULE);
            let have_nginx =
                |t: &Tools| t.which("nginx").is_some() || Path::new("/usr/sbin/nginx").is_file();
            if have_nginx(t) && module.is_file() {
                return Ok(());
            }
            t.require_install("nginx or its brotli_static module not found")?;
            t.apt_install(APT_NGINX_PACKAGES)?;
            if have_nginx(t) && module.is_file() {
                Ok(())
            } else {
                Err(format!(
                    "nginx or {NGINX_BROTLI_MODULE} still missing after apt-get install"
                ))
            }
        })
    }

    /// `npm ci` (with a lockfile) or `npm install` in `e2e/`, without browser downloads.
    /// Skipped when `node_modules` is newer than package.json and package-lock.json.
    pub fn ensure_e2e_packages(&mut self) -> Result<(), String> {
        self.once("e2e-packages", |t| {
            let dir = t.root.join("e2e");
            let manifest = dir.join("package.json");
            let lock = dir.join("package-lock.json");
            if !manifest.exists() {
                return Err(format!("{} not found", manifest.display()));
            }
            let installed = dir.join("node_modules/.package-lock.json");
            let playwright = dir.join("node_modules/.bin/playwright");
            if playwright.exists() && is_newer(&installed, &[&manifest, &lock]) {
                println!(
                    "e2e npm packages: up to date ({})",
                    dir.join("node_modules").display()
                );
                return Ok(());
            }
            t.require_install("e2e npm packages not installed or out of date")?;
            t.require_program("npm", "install Node.js 18 or newer with npm")?;
            let action = if lock.exists() { "ci" } else { "install" };
            cmd::run(
                t.command("npm")
                    .current_dir(&dir)
                    .args([action, "--no-audit", "--no-fund"])
                    .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
            )?;
            if playwright.exists() {
                Ok(())
            } else {
                Err(format!(
                    "{} missing after npm {action}: is @playwright/test in e2e/package.json?",
                    playwright.display()
                ))
            }
        })
    }

    /// Checks `program --version` against `wanted`; installs with `install` if allowed.
    fn ensure_version(
        &mut self,
        program: &str,
        wanted: &str,
        install: impl FnOnce(&mut Tools) -> Result<(), String>,
    ) -> Result<(), String> {
        match self.find_version(program, wanted) {
            Found::Ok(path) => {
                println!("{program} {wanted}: {}", path.display());
                Ok(())
            }
            problem => {
                let message = problem_message(program, wanted, &problem);
                self.require_install(&message)?;
                println!("{message}: installing");
                install(self)?;
                match self.find_version(program, wanted) {
                    Found::Ok(path) => {
                        println!("{program} {wanted}: {}", path.display());
                        Ok(())
                    }
                    still => Err(format!(
                        "after installing: {}",
                        problem_message(program, wanted, &still)
                    )),
                }
            }
        }
    }

    fn find_version(&self, program: &str, wanted: &str) -> Found {
        let Some(path) = self.which(program) else {
            return Found::Missing;
        };
        let version =
            match cmd::output_text(Command::new(&path).arg("--version").env("PATH", &self.path)) {
                Ok(text) => parse_version(&text)
                    .unwrap_or_else(|| format!("of unknown version ({})", text.trim())),
                Err(e) => format!("that does not run ({e})"),
            };
        if version == wanted {
            Found::Ok(path)
        } else {
            Found::Wrong { path, version }
        }
    }

    /// With `--skip-install`, turns "this needs installing" into an error.
    fn require_install(&self, problem: &str) -> Result<(), String> {
        if self.install {
            Ok(())
        } else {
            Err(format!(
                "{problem} (run without --skip-install to install it)"
            ))
        }
    }

    fn require_program(&self, program: &str, hint: &str) -> Result<(), String> {
        match self.which(program) {
            Some(_) => Ok(()),
            None => Err(format!("{program} not found: {hint}")),
        }
    }

    /// `apt-get install -y <packages>`, as root or through passwordless sudo.
    fn apt_install(&mut self, packages: &[&str]) -> Result<(), String> {
        let list = packages.join(" ");
        if self.which("apt-get").is_none() {
            return Err(format!(
                "apt-get not found: install {list} with your package manager"
            ));
        }
        let sudo = if is_root() {
            false
        } else if self.which("sudo").is_some()
            && Command::new("sudo")
                .args(["-n", "true"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false)
        {
            true
        } else {
            return Err(format!(
                "{list} must be installed, which needs root: run `sudo apt-get install -y {list}` \
                 (or run xtask as root)"
            ));
        };
        if !self.apt_updated {
            cmd::run(&mut self.apt_command(sudo, &["update"]))?;
            self.apt_updated = true;
        }
        let mut args = vec!["install", "-y"];
        args.extend_from_slice(packages);
        cmd::run(&mut self.apt_command(sudo, &args))
    }

    fn apt_command(&self, sudo: bool, args: &[&str]) -> Command {
        let mut command = if sudo {
            let mut c = self.command("sudo");
            c.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            c
        } else {
            self.command("apt-get")
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    }
}

fn problem_message(program: &str, wanted: &str, found: &Found) -> String {
    match found {
        Found::Ok(path) => format!("{program} {wanted} found ({})", path.display()),
        Found::Missing => format!("{program} not found, {wanted} needed"),
        Found::Wrong { path, version } => {
            format!(
                "{program} {version} found ({}), {wanted} needed",
                path.display()
            )
        }
    }
}

fn is_root() -> bool {
    // No libc dependency: the effective uid is in /proc/self/status ("Uid: real effective …").
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("Uid:")) {
            return line.split_whitespace().nth(2) == Some("0");
        }
    }
    cmd::output_text(Command::new("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

/// True if `path` exists and is at least as new as each of `others` that exists.
fn is_newer(path: &Path, others: &[&Path]) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let Some(mine) = modified(path) else {
        return false;
    };
    others
        .iter()
        .filter_map(|p| modified(p))
        .all(|theirs| mine >= theirs)
}

/// The version in a `--version` output: the first word that starts with a digit, e.g.
/// `trunk 0.21.14` → `0.21.14`, `wasm-opt version 132 (version_132)` → `132`,
/// `wasm-bindgen 0.2.130` → `0.2.130`, `v1.2.3` → `1.2.3`.
pub fn parse_version(output: &str) -> Option<String> {
    output.split_whitespace().find_map(|word| {
        let word = word.strip_prefix('v').unwrap_or(word);
        let word = word.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
        word.starts_with(|c: char| c.is_ascii_digit())
            .then(|| word.to_string())
    })
}

/// The version of `package` in a Cargo.lock. An error if it is absent or appears with
/// several versions (then no single wasm-bindgen-cli fits).
pub fn locked_version(lock: &str, package: &str) -> Result<String, String> {
    let mut versions = Vec::new();
    for entry in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut version = None;
        for line in entry.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                break; // another table, e.g. [metadata]
            }
            name = name.or_else(|| toml_string(line, "name"));
            version = version.or_else(|| toml_string(line, "version"));
        }
        if name == Some(package) {
            if let Some(v) = version {
                versions.push(v.to_string());
            }
        }
    }
    match versions.as_slice() {
        [] => Err(format!("no `{package}` package in Cargo.lock")),
        [one] => Ok(one.clone()),
        several => Err(format!(
            "Cargo.lock has several `{package}` versions ({}); pin one with `{package} = \"=X.Y.Z\"`",
            several.join(", ")
        )),
    }
}

/// `key = "value"` → `value`.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim()
        .strip_prefix('"')?
        .strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "abc"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-test"
version = "0.3.80"
"#;

    #[test]
    fn finds_the_locked_wasm_bindgen_version() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(locked_version(LOCK, "wasm-bindgen-test").unwrap(), "0.3.80");
    }

    #[test]
    fn reports_a_missing_package() {
        let err = locked_version(LOCK, "trunk").unwrap_err();
        assert!(err.contains("no `trunk` package"), "{err}");
    }

    #[test]
    fn reports_several_versions() {
        let lock = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n");
        let err = locked_version(&lock, "wasm-bindgen").unwrap_err();
        assert!(err.contains("0.2.130, 0.2.100"), "{err}");
    }

    #[test]
    fn ignores_keys_that_only_start_like_name() {
        assert_eq!(toml_string("names = \"x\"", "name"), None);
        assert_eq!(toml_string("name = \"x\"", "name"), Some("x"));
        assert_eq!(toml_string("name=\"x\"", "name"), Some("x"));
    }

    #[test]
    fn parses_tool_version_outputs() {
        assert_eq!(parse_version("trunk 0.21.14\n").as_deref(), Some("0.21.14"));
        assert_eq!(
            parse_version("wasm-bindgen 0.2.130").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            parse_version("wasm-bindgen-test-runner 0.2.130\n").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            parse_version("wasm-opt version 132 (version_132)").as_deref(),
            Some("132")
        );
        assert_eq!(
            parse_version("wasm-opt version 108").as_deref(),
            Some("108")
        );
        assert_eq!(
            parse_version("Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)")
                .as_deref(),
            Some("156.0.8078.79")
        );
        assert_eq!(parse_version("v20.20.2").as_deref(), Some("20.20.2"));
        assert_eq!(parse_version("no digits here"), None);
    }

    #[cfg(unix)]
    #[test]
    fn detects_a_wrong_tool_version_without_installing() {
        use std::os::unix::fs::PermissionsExt;
        let root = std::env::temp_dir().join(format!("xtask-tools-{}", std::process::id()));
        let bin = root.join(".tools/bin");
        std::fs::create_dir_all(&bin).unwrap();
        let fake = bin.join("trunk");
        std::fs::write(&fake, "#!/bin/sh\necho 'trunk 0.22.1'\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();

        let mut tools = Tools::new(&root, false);
        let err = tools.ensure_trunk().unwrap_err();
        assert_eq!(
            err,
            format!(
                "trunk 0.22.1 found ({}), 0.21.14 needed (run without --skip-install to install it)",
                fake.display()
            )
        );
        // The answer is remembered: a second call doesn't run anything.
        std::fs::remove_file(&fake).unwrap();
        assert_eq!(tools.ensure_trunk().unwrap_err(), err);

        std::fs::write(&fake, "#!/bin/sh\necho 'trunk 0.21.14'\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(Tools::new(&root, false).ensure_trunk(), Ok(()));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn explains_version_problems() {
        let wrong = Found::Wrong {
            path: PathBuf::from("/usr/bin/trunk"),
            version: "0.22.1".into(),
        };
        assert_eq!(
            problem_message("trunk", "0.21.14", &wrong),
            "trunk 0.22.1 found (/usr/bin/trunk), 0.21.14 needed"
        );
        assert_eq!(
            problem_message("trunk", "0.21.14", &Found::Missing),
            "trunk not found, 0.21.14 needed"
        );
    }
}
