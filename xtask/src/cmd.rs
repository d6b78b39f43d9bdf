//! Running external commands: step headers with elapsed time, streaming output to the
//! terminal (and capturing it where it must be parsed), and `PATH` lookups.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Seconds since xtask started (the clock starts on first use; `main` starts it).
pub fn elapsed() -> f64 {
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Prints a step header such as `==> [   12.3s] trunk build --release`.
pub fn header(title: &str) {
    println!("\n==> [{:>7.1}s] {title}", elapsed());
}

/// A readable one-line form of a command: `$ program arg arg (in dir)`.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    // Show `cargo`, not `/root/.rustup/toolchains/…/bin/cargo`.
    let name = program.file_name().unwrap_or(program.as_os_str());
    let mut text = name.to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        let arg = arg.to_string_lossy();
        if arg.is_empty() || arg.contains(char::is_whitespace) {
            text.push_str(&format!("'{arg}'"));
        } else {
            text.push_str(&arg);
        }
    }
    text
}

fn announce(cmd: &Command) -> String {
    let desc = describe(cmd);
    match cmd.get_current_dir() {
        Some(dir) => println!("$ {desc}    (in {})", dir.display()),
        None => println!("$ {desc}"),
    }
    desc
}

fn finished(desc: &str, started: Instant, status: ExitStatus) -> Result<(), String> {
    let secs = started.elapsed().as_secs_f64();
    if status.success() {
        println!("    ok: {desc} ({secs:.1}s)");
        Ok(())
    } else {
        Err(format!("`{desc}` failed ({status}) after {secs:.1}s"))
    }
}

/// Runs a command with inherited stdio (its output goes straight to the terminal).
/// An error if it cannot be started or exits unsuccessfully.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let desc = announce(cmd);
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{desc}`: {e}"))?;
    finished(&desc, started, status)
}

/// Runs a command whose stdout is both streamed to our stdout and captured (stderr is
/// inherited, so cargo keeps its colours and progress on a terminal). Returns the exit
/// status and the captured stdout; an error only if the command cannot be started.
pub fn run_tee(cmd: &mut Command) -> Result<(ExitStatus, String), String> {
    let desc = announce(cmd);
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{desc}`: {e}"))?;
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let mut out = std::io::stdout();
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    let _ = out.write_all(&line);
                    let _ = out.flush();
                    captured.push_str(&String::from_utf8_lossy(&line));
                }
                Err(e) => {
                    eprintln!("warning: reading output of `{desc}`: {e}");
                    break;
                }
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{desc}`: {e}"))?;
    let secs = started.elapsed().as_secs_f64();
    println!("    {desc}: {status} ({secs:.1}s)");
    Ok((status, captured))
}

/// Runs a command quietly; returns (stdout, stderr), or an error if it fails.
pub fn capture(cmd: &mut Command) -> Result<(String, String), String> {
    let desc = describe(cmd);
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run `{desc}`: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() {
        Ok((stdout, stderr))
    } else {
        Err(format!(
            "`{desc}` failed ({}): {}{}",
            out.status,
            stdout.trim(),
            stderr.trim()
        ))
    }
}

/// Runs a command quietly and returns its stdout and stderr joined (for `--version`).
pub fn output_text(cmd: &mut Command) -> Result<String, String> {
    capture(cmd).map(|(stdout, stderr)| stdout + &stderr)
}

/// Finds an executable called `name` in the directories of `path` (a `PATH` value).
pub fn which(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// `dirs` in front of the current `PATH`.
pub fn prepend_path(dirs: &[PathBuf]) -> OsString {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let all: Vec<PathBuf> = dirs
        .iter()
        .cloned()
        .chain(std::env::split_paths(&current))
        .collect();
    std::env::join_paths(all).unwrap_or(current)
}

/// `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Removes ANSI colour sequences (`ESC [ … letter`) from a line of terminal output.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.clone().next() == Some('[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_in_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(143_210), "143,210");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }

    #[test]
    fn strips_colour_codes() {
        assert_eq!(
            strip_ansi("test result: \u{1b}[32mok\u{1b}[0m. 3 passed"),
            "test result: ok. 3 passed"
        );
        assert_eq!(strip_ansi("plain"), "plain");
    }

    #[test]
    fn describes_commands_readably() {
        let mut cmd = Command::new("/usr/bin/cargo");
        cmd.args(["test", "-p", "storefront", "with space"]);
        assert_eq!(describe(&cmd), "cargo test -p storefront 'with space'");
    }

    #[test]
    fn which_finds_only_executables() {
        let dir = std::env::temp_dir().join(format!("xtask-which-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain = dir.join("not-a-tool");
        std::fs::write(&plain, "x").unwrap();
        let path = std::env::join_paths([&dir]).unwrap();
        assert_eq!(which("not-a-tool", &path), None);
        assert_eq!(which("missing", &path), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o755)).unwrap();
            assert_eq!(which("not-a-tool", &path), Some(plain.clone()));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
