//! Starting, probing and stopping demo servers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The endpoint that answers once the server is ready.
pub const READY_PATH: &str = "/api/setting/system";

pub struct ServerOptions<'a> {
    pub binary: &'a Path,
    pub dist: &'a Path,
    pub data_dir: &'a Path,
    pub port: u16,
    pub edition: Option<&'a str>,
    pub test_controls: bool,
}

impl ServerOptions<'_> {
    fn command(&self) -> Command {
        let mut command = Command::new(self.binary);
        command
            .arg("--port")
            .arg(self.port.to_string())
            .arg("--dist")
            .arg(self.dist)
            .arg("--data-dir")
            .arg(self.data_dir);
        if let Some(edition) = self.edition {
            command.args(["--edition", edition]);
        }
        if self.test_controls {
            command.arg("--test-controls");
        }
        command.stdin(Stdio::null());
        command
    }
}

/// A running demo server. Stopped (killed) on [`DemoServer::stop`] or when dropped, so an
/// early return or a panic does not leave it behind.
pub struct DemoServer {
    label: String,
    pub url: String,
    addr: SocketAddr,
    child: Option<Child>,
    readers: Vec<JoinHandle<()>>,
}

impl DemoServer {
    /// Starts a server whose output is prefixed with `[label]`.
    pub fn start(label: &str, options: &ServerOptions) -> Result<DemoServer, String> {
        let mut command = options.command();
        println!("$ {}", crate::cmd::describe(&command));
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", options.binary.display()))?;
        let mut readers = Vec::new();
        if let Some(out) = child.stdout.take() {
            readers.push(forward(out, format!("[{label}] "), false));
        }
        if let Some(err) = child.stderr.take() {
            readers.push(forward(err, format!("[{label}] "), true));
        }
        let addr = SocketAddr::from(([127, 0, 0, 1], options.port));
        Ok(DemoServer {
            label: label.to_string(),
            url: format!("http://{addr}"),
            addr,
            child: Some(child),
            readers,
        })
    }

    /// Waits until `GET /api/setting/system` answers 2xx.
    pub fn wait_ready(&mut self, timeout: Duration) -> Result<(), String> {
        let label = self.label.clone();
        let child = self
            .child
            .as_mut()
            .ok_or_else(|| format!("{label} server already stopped"))?;
        wait_ready(child, self.addr, timeout).map_err(|e| format!("{label} server: {e}"))?;
        println!("[{label}] ready at {}/", self.url);
        Ok(())
    }

    /// Kills the server and waits for it and its output to finish.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            match child.try_wait() {
                Ok(Some(status)) => println!("[{}] had already exited ({status})", self.label),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    println!("[{}] stopped", self.label);
                }
            }
        }
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Copies a child's output to ours line by line, each line prefixed.
fn forward(stream: impl Read + Send + 'static, prefix: String, to_stderr: bool) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        for line in reader.split(b'\n') {
            let Ok(line) = line else { break };
            let text = format!(
                "{prefix}{}\n",
                String::from_utf8_lossy(&line).trim_end_matches('\r')
            );
            if to_stderr {
                let _ = std::io::stderr().write_all(text.as_bytes());
            } else {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
        }
    })
}

/// Polls `GET /api/setting/system` until it answers 2xx, the child exits, or time is up.
pub fn wait_ready(child: &mut Child, addr: SocketAddr, timeout: Duration) -> Result<(), String> {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("exited before it was ready ({status})"));
        }
        let last = match http_status(addr, READY_PATH, Duration::from_secs(2)) {
            Ok(code) if (200..300).contains(&code) => return Ok(()),
            Ok(code) => format!("GET {READY_PATH} answered {code}"),
            Err(e) => e,
        };
        if started.elapsed() > timeout {
            return Err(format!("not ready after {}s ({last})", timeout.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Sends `GET path` over plain HTTP/1.1 and returns the status code.
pub fn http_status(addr: SocketAddr, path: &str, timeout: Duration) -> Result<u16, String> {
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect {addr}: {e}"))?;
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    // One write, so the request does not go out in pieces.
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send to {addr}: {e}"))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.contains(&b'\n') && head.len() < 4096 {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("read from {addr}: {e}")),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let first = text.lines().next().unwrap_or_default();
    parse_status_line(first).ok_or_else(|| format!("not an HTTP answer from {addr}: {first:?}"))
}

/// `HTTP/1.1 200 OK` → 200.
pub fn parse_status_line(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    if !words.next()?.starts_with("HTTP/") {
        return None;
    }
    words.next()?.parse().ok()
}

/// `n` distinct free TCP ports on 127.0.0.1 (all held open until all are chosen).
pub fn free_ports(n: usize) -> Result<Vec<u16>, String> {
    let listeners = (0..n)
        .map(|_| {
            TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("finding a free port: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    listeners
        .iter()
        .map(|l| {
            l.local_addr()
                .map(|a| a.port())
                .map_err(|e| format!("finding a free port: {e}"))
        })
        .collect()
}

/// A fresh, empty temporary directory for one server's data.
pub fn temp_data_dir(name: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("storefront-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Runs a server in the foreground (for `cargo xtask demo`): prints the URL prominently
/// once it answers, then waits for it to exit (Ctrl-C stops both).
pub fn run_foreground(options: &ServerOptions) -> Result<(), String> {
    let mut command = options.command();
    println!("$ {}", crate::cmd::describe(&command));
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", options.binary.display()))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], options.port));
    match wait_ready(&mut child, addr, Duration::from_secs(60)) {
        Ok(()) => {
            let line = "=".repeat(60);
            println!("\n{line}\n\n    Storefront demo running at  http://{addr}/\n\n    Press Ctrl-C to stop.\n\n{line}\n");
        }
        Err(e) if e.starts_with("exited") => return Err(format!("demo-server {e}")),
        Err(e) => eprintln!("warning: demo-server {e}; still waiting for it (http://{addr}/)"),
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for demo-server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("demo-server exited ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_http_status_lines() {
        assert_eq!(parse_status_line("HTTP/1.1 200 OK"), Some(200));
        assert_eq!(
            parse_status_line("HTTP/1.0 503 Service Unavailable"),
            Some(503)
        );
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH"), None);
        assert_eq!(parse_status_line(""), None);
    }

    #[test]
    fn free_ports_are_distinct() {
        let ports = free_ports(2).unwrap();
        assert_eq!(ports.len(), 2);
        assert_ne!(ports[0], ports[1]);
    }

    #[test]
    fn probes_a_tiny_http_server() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            // Read the whole request head: one read may return only part of it.
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).unwrap();
                assert!(n > 0, "connection closed mid-request: {request:?}");
                request.extend_from_slice(&buf[..n]);
            }
            let request = String::from_utf8_lossy(&request);
            assert!(
                request.starts_with("GET /api/setting/system HTTP/1.1\r\n"),
                "{request}"
            );
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
                .unwrap();
        });
        assert_eq!(
            http_status(addr, READY_PATH, Duration::from_secs(5)),
            Ok(200)
        );
        server.join().unwrap();
    }
}
