//! `cargo xtask test --layer deploy`: the site owner's deploy, tested. Debian's nginx runs
//! the recipes in `deploy/` (root and `/shop/` sub-path) in front of one demo server, and
//! through each the layer checks the HTTP contract (precompressed wasm, immutable hashed
//! assets, no-cache documents, SPA fallback, real 404s, /api passed through, the CSP of the
//! build) and runs the e2e `@smoke` tests.
//!
//! The root deploy serves `dist/` as the e2e layer built it (rebuilt only when a source is
//! newer); the sub-path deploy is a second `trunk build --release --public-url /shop/` into a
//! temporary folder (cargo's build is cached, so only wasm-bindgen, wasm-opt and the
//! compression run again).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::server::{DemoServer, ServerOptions};
use crate::test::{parse_playwright_stats, Counts};
use crate::tools::Tools;
use crate::{build, cmd, server};

/// The sub-path the second build is deployed under (as in deploy/README.md).
pub const SUB_PATH: &str = "/shop";
use crate::tools::NGINX_BROTLI_MODULE as BROTLI_MODULE;
const MIME_TYPES: &str = "/etc/nginx/mime.types";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

/// What the layer reports: counts, an error that voids the run (its floor then counts as
/// failed), and summary lines about failures the counts include.
pub struct Report {
    pub counts: Counts,
    pub error: Option<String>,
    pub notes: Vec<String>,
}

/// One deploy under test: a dist served by nginx from a recipe.
struct Variant {
    name: &'static str,
    recipe: &'static str,
    /// "" for the root deploy, "/shop" for the sub-path one.
    base: &'static str,
    dist: PathBuf,
}

pub fn run(tools: &mut Tools) -> Result<Report, String> {
    tools.ensure_build_tools()?;
    tools.ensure_browser()?;
    tools.ensure_e2e_packages()?;
    tools.ensure_nginx()?;
    let nginx = tools
        .which("nginx")
        .or_else(|| Some(PathBuf::from("/usr/sbin/nginx")).filter(|p| p.is_file()))
        .ok_or("nginx not found")?;
    let root = tools.root().to_path_buf();
    let dist = root.join("dist");
    if needs_build(&root, &dist) {
        build::build_dist(tools)?;
    } else {
        println!(
            "dist/ is newer than every source: testing it as built ({})",
            dist.display()
        );
    }

    let work = std::env::temp_dir().join(format!("storefront-deploy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let result = run_in(tools, &nginx, &dist, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run_in(tools: &Tools, nginx: &Path, dist: &Path, work: &Path) -> Result<Report, String> {
    // The sub-path build lives at <webroot>/shop, as the sub-path recipe expects.
    let webroot = work.join("www");
    let shop_dist = webroot.join(SUB_PATH.trim_start_matches('/'));
    cmd::header(&format!(
        "trunk build --release --public-url {SUB_PATH}/ (the sub-path deploy)"
    ));
    cmd::run(tools.cargo().arg("fetch"))?;
    cmd::run(
        tools
            .command("trunk")
            .args(["build", "--release", "--public-url"])
            .arg(format!("{SUB_PATH}/"))
            .arg("--dist")
            .arg(&shop_dist),
    )?;
    build::compress_dist(&shop_dist)?;

    let binary = build::build_demo_server(tools)?;
    let ports = server::free_ports(3)?;
    let data_dir = work.join("data");
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| format!("creating {}: {e}", data_dir.display()))?;
    cmd::header("start the demo server (documented edition) and nginx (root, sub-path)");
    let mut demo = DemoServer::start(
        "deploy-demo",
        &ServerOptions {
            binary: &binary,
            dist,
            data_dir: &data_dir,
            port: ports[0],
            edition: Some("documented"),
            test_controls: true,
        },
    )?;
    demo.wait_ready(Duration::from_secs(60))?;
    let upstream = format!("127.0.0.1:{}", ports[0]);

    let variants = [
        Variant {
            name: "root",
            recipe: "nginx.conf",
            base: "",
            dist: dist.to_path_buf(),
        },
        Variant {
            name: "sub-path",
            recipe: "nginx-subpath.conf",
            base: SUB_PATH,
            dist: shop_dist.clone(),
        },
    ];
    let mut report = Report {
        counts: Counts::default(),
        error: None,
        notes: Vec::new(),
    };
    let mut servers = Vec::new();
    for (variant, port) in variants.iter().zip(&ports[1..]) {
        let prefix = work.join(format!("nginx-{}", variant.name));
        let site = site_config(tools.root(), variant, *port, &upstream, &webroot, &prefix)?;
        let server = Nginx::start(nginx, &prefix, &site, *port)?;
        servers.push(server);
    }
    for (variant, server) in variants.iter().zip(&mut servers) {
        server.wait_ready(variant.base, Duration::from_secs(20))?;
        cmd::header(&format!(
            "deploy {}: HTTP checks through nginx ({}{}/)",
            variant.name, server.url, variant.base
        ));
        let checks = http_checks(server.addr, variant);
        for (name, result) in checks {
            match result {
                Ok(()) => {
                    println!("  ok      {}: {name}", variant.name);
                    report.counts.passed += 1;
                }
                Err(e) => {
                    println!("  FAILED  {}: {name}: {e}", variant.name);
                    report.counts.failed += 1;
                    report
                        .notes
                        .push(format!("deploy: {} {name} failed: {e}", variant.name));
                }
            }
        }
        let url = format!("{}{}/", server.url, variant.base);
        match smoke(tools, variant.name, &url, &demo.url) {
            Ok((counts, error)) => {
                add(&mut report.counts, counts);
                if let Some(e) = error {
                    report
                        .error
                        .get_or_insert(format!("{} smoke tests: {e}", variant.name));
                }
            }
            Err(e) => {
                report
                    .error
                    .get_or_insert(format!("{} smoke tests: {e}", variant.name));
            }
        }
    }
    if report.counts.failed > 0 || report.error.is_some() {
        for server in &servers {
            server.print_error_log();
        }
    }
    drop(servers);
    demo.stop();
    Ok(report)
}

fn add(total: &mut Counts, more: Counts) {
    total.passed += more.passed;
    total.failed += more.failed;
    total.flaky += more.flaky;
    total.skipped += more.skipped;
}

/// The app's sources: when one is newer than `dist/index.html`, dist/ is rebuilt.
const SOURCES: &[&str] = &[
    "src",
    "style",
    "public",
    "locales",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
];

/// True when `dist/` is missing or older than a source (then `cargo xtask test` without the
/// e2e layer still tests the current code).
fn needs_build(root: &Path, dist: &Path) -> bool {
    let built = match dist
        .join("index.html")
        .metadata()
        .and_then(|m| m.modified())
    {
        Ok(time) => time,
        Err(_) => return true,
    };
    SOURCES
        .iter()
        .filter_map(|name| newest(&root.join(name)))
        .any(|time| time > built)
}

fn newest(path: &Path) -> Option<SystemTime> {
    let meta = path.metadata().ok()?;
    let own = meta.modified().ok();
    if !meta.is_dir() {
        return own;
    }
    let entries = std::fs::read_dir(path).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| newest(&e.path()))
        .chain(own)
        .max()
}

/// Fills a recipe's `@NAME@` placeholders; every one must be known and every value a plain
/// nginx word (no whitespace, quotes, `;`, braces or `$`), so a value cannot change the config.
pub fn fill(template: &str, values: &[(&str, String)]) -> Result<String, String> {
    let mut text = template.to_string();
    for (name, value) in values {
        if value.is_empty()
            || value
                .chars()
                .any(|c| c.is_whitespace() || "\"';{}$#".contains(c))
        {
            return Err(format!("{name}: {value:?} cannot go into an nginx config"));
        }
        text = text.replace(&format!("@{name}@"), value);
    }
    // Only config lines count: the comments name the placeholders too.
    let left: Vec<&str> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .filter(|l| placeholder_in(l))
        .collect();
    if left.is_empty() {
        Ok(text)
    } else {
        Err(format!("placeholders left unfilled: {}", left.join(" | ")))
    }
}

fn placeholder_in(line: &str) -> bool {
    line.split('@').enumerate().any(|(i, part)| {
        i % 2 == 1 && !part.is_empty() && part.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
    }) && line.matches('@').count() >= 2
}

/// The test-only location: the demo server's `/__test/*` controls, which the smoke tests
/// reset before and after every test, must reach it through nginx. The recipe itself never
/// exposes them. (Under the sub-path the recipe already passes everything outside the shop.)
const TEST_CONTROLS: &str = "
    # Added by cargo xtask test (never in the recipe): the demo server's test controls.
    location ^~ /__test/ {
        proxy_pass http://storefront_anqicms;
    }
";

/// Adds `extra` inside the recipe's last server block (before its closing brace).
pub fn insert_in_server(config: &str, extra: &str) -> Result<String, String> {
    let at = config.rfind('}').ok_or("the recipe has no server block")?;
    Ok(format!("{}{extra}{}", &config[..at], &config[at..]))
}

/// The CSP snippet the recipe includes, from the build's `csp.txt` (one line, the policy).
/// An error when csp.txt cannot go into a header (the layer then sends none, and its CSP
/// check fails).
pub fn csp_snippet(csp_txt: &str) -> Result<String, String> {
    let policy = csp_txt.trim();
    if policy.is_empty() {
        return Err("csp.txt is empty".into());
    }
    if policy.contains(['"', '$', '\n', '\r', '\\']) {
        return Err(format!(
            "csp.txt cannot go into an nginx header: {policy:?}"
        ));
    }
    Ok(format!(
        "# Generated from dist/csp.txt by cargo xtask test.\nadd_header Content-Security-Policy \"{policy}\" always;\n"
    ))
}

/// Writes the site config from the recipe (plus the test controls), the CSP snippet and the
/// nginx main config around them under `prefix`; returns the main config's path.
fn site_config(
    root: &Path,
    variant: &Variant,
    port: u16,
    upstream: &str,
    webroot: &Path,
    prefix: &Path,
) -> Result<PathBuf, String> {
    for dir in ["logs", "tmp"] {
        let path = prefix.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| format!("creating {}: {e}", path.display()))?;
    }
    let recipe_path = root.join("deploy").join(variant.recipe);
    let recipe = std::fs::read_to_string(&recipe_path)
        .map_err(|e| format!("reading {}: {e}", recipe_path.display()))?;
    let csp_path = prefix.join("storefront-csp.conf");
    let snippet = std::fs::read_to_string(variant.dist.join("csp.txt"))
        .map_err(|e| format!("{}/csp.txt: {e}", variant.dist.display()))
        .and_then(|text| csp_snippet(&text))
        .unwrap_or_else(|e| {
            println!("warning: {e}: nginx sends no CSP (the CSP check fails)");
            "# no csp.txt in this build\n".to_string()
        });
    write(&csp_path, &snippet)?;
    let text = |p: &Path| p.to_string_lossy().into_owned();
    let mut values = vec![
        ("LISTEN", format!("127.0.0.1:{port}")),
        ("SERVER_NAME", "127.0.0.1".to_string()),
        ("ANQICMS", upstream.to_string()),
        ("CSP", text(&csp_path)),
    ];
    if variant.base.is_empty() {
        values.push(("DIST", text(&variant.dist)));
    } else {
        values.push(("BASE", variant.base.to_string()));
        values.push(("WEBROOT", text(webroot)));
    }
    let mut site = fill(&recipe, &values)?;
    if variant.base.is_empty() {
        site = insert_in_server(&site, TEST_CONTROLS)?;
    }
    let site_path = prefix.join("site.conf");
    write(&site_path, &site)?;

    let p = text(prefix);
    // Root runs nginx's workers as root too (they read dist/ and write the temp folders
    // here); as any other user the `user` line does not apply.
    let user = if is_root() { "user root;\n" } else { "" };
    let main = format!(
        "# Written by cargo xtask test --layer deploy around deploy/{recipe}.
load_module {BROTLI_MODULE};
{user}daemon off;
master_process off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/logs/error.log notice;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {p}/logs/access.log;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    sendfile on;
    include {site};
}}
",
        recipe = variant.recipe,
        site = text(&site_path),
    );
    let main_path = prefix.join("nginx.conf");
    write(&main_path, &main)?;
    Ok(main_path)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

/// A running nginx (one process: `master_process off`), killed when dropped.
struct Nginx {
    url: String,
    addr: SocketAddr,
    prefix: PathBuf,
    child: Option<Child>,
}

impl Nginx {
    fn start(nginx: &Path, prefix: &Path, conf: &Path, port: u16) -> Result<Nginx, String> {
        let mut command = Command::new(nginx);
        command
            .arg("-p")
            .arg(prefix)
            .arg("-e")
            .arg(prefix.join("logs/error.log"))
            .arg("-c")
            .arg(conf)
            .stdin(Stdio::null());
        println!("$ {}", cmd::describe(&command));
        // Check the config first: its message is clearer than a process that exits.
        let test = Command::new(nginx)
            .arg("-t")
            .arg("-q")
            .arg("-p")
            .arg(prefix)
            .arg("-e")
            .arg(prefix.join("logs/error.log"))
            .arg("-c")
            .arg(conf)
            .output()
            .map_err(|e| format!("could not run {}: {e}", nginx.display()))?;
        if !test.status.success() {
            return Err(format!(
                "nginx -t refused {}: {}",
                conf.display(),
                String::from_utf8_lossy(&test.stderr).trim()
            ));
        }
        let child = command
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", nginx.display()))?;
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        Ok(Nginx {
            url: format!("http://{addr}"),
            addr,
            prefix: prefix.to_path_buf(),
            child: Some(child),
        })
    }

    fn wait_ready(&mut self, base: &str, timeout: Duration) -> Result<(), String> {
        let started = Instant::now();
        let path = format!("{base}/config.json");
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    self.print_error_log();
                    return Err(format!("nginx exited before it was ready ({status})"));
                }
            }
            match get(self.addr, &path, &[]) {
                Ok(_) => {
                    println!("[nginx] ready at {}{base}/", self.url);
                    return Ok(());
                }
                Err(e) if started.elapsed() > timeout => {
                    self.print_error_log();
                    return Err(format!("nginx not ready after {}s: {e}", timeout.as_secs()));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn print_error_log(&self) {
        let log = self.prefix.join("logs/error.log");
        if let Ok(text) = std::fs::read_to_string(&log) {
            let lines: Vec<&str> = text.lines().collect();
            let tail = &lines[lines.len().saturating_sub(20)..];
            if !tail.is_empty() {
                println!("--- {} (last {} lines)", log.display(), tail.len());
                for line in tail {
                    println!("{line}");
                }
            }
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
            println!("[nginx] stopped ({})", self.url);
        }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An HTTP answer: status, headers (names lower-cased, in order) and the raw body.
#[derive(Debug, Default)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Parses a whole HTTP/1.x answer (sent with `Connection: close`, so the body is the rest,
/// or its chunks).
pub fn parse_answer(raw: &[u8]) -> Result<Answer, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of the answer's head")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let status =
        server::parse_status_line(first).ok_or_else(|| format!("not an HTTP answer: {first:?}"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut answer = Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    };
    if answer
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        answer.body = dechunk(&answer.body)?;
    }
    Ok(answer)
}

/// The body of a `Transfer-Encoding: chunked` answer.
fn dechunk(mut raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a chunk size line has no end")?;
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if raw.len() < size {
            return Err("a chunk is cut short".into());
        }
        body.extend_from_slice(&raw[..size]);
        raw = raw.get(size + 2..).unwrap_or_default();
    }
}

/// `GET path` over HTTP/1.1 (as browsers ask: nginx's gzip_static answers 1.1 requests
/// only, by default) with extra request headers.
fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Result<Answer, String> {
    request(addr, "GET", path, headers, b"")
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Answer, String> {
    let timeout = Duration::from_secs(10);
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect {addr}: {e}"))?;
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut message = head.into_bytes();
    message.extend_from_slice(body);
    stream
        .write_all(&message)
        .map_err(|e| format!("send to {addr}: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("read from {addr}: {e}"))?;
    parse_answer(&raw).map_err(|e| format!("{method} {path}: {e}"))
}

type Check = (String, Result<(), String>);

fn expect_eq(what: &str, got: Option<&str>, wanted: &str) -> Result<(), String> {
    match got {
        Some(v) if v == wanted => Ok(()),
        Some(v) => Err(format!("{what} is {v:?}, expected {wanted:?}")),
        None => Err(format!("no {what}, expected {wanted:?}")),
    }
}

fn expect_status(answer: &Answer, path: &str, wanted: u16) -> Result<(), String> {
    if answer.status == wanted {
        Ok(())
    } else {
        Err(format!(
            "GET {path} answered {}, expected {wanted}",
            answer.status
        ))
    }
}

/// Content-hashed names as the recipe's regex has them: `-`, `.` or `_` then 8+ hex digits
/// (optionally `_bg`) before `.js`, `.mjs`, `.wasm` or `.css`.
pub fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "mjs" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hex = stem
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        .count();
    hex >= 8
        && stem.len() > hex
        && matches!(stem.as_bytes()[stem.len() - hex - 1], b'-' | b'.' | b'_')
}

/// The dist's top-level files (no .br/.gz siblings).
fn top_files(dist: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The HTTP contract of a deploy, each check one test.
fn http_checks(addr: SocketAddr, variant: &Variant) -> Vec<Check> {
    let base = variant.base;
    let dist = &variant.dist;
    let files = top_files(dist);
    let mut checks: Vec<Check> = Vec::new();
    let mut check =
        |name: &str, result: Result<(), String>| checks.push((name.to_string(), result));
    let index = std::fs::read(dist.join("index.html")).unwrap_or_default();
    let main_wasm = files
        .iter()
        .find(|n| n.ends_with("_bg.wasm"))
        .cloned()
        .unwrap_or_default();

    check(
        "the main wasm is sent brotli-compressed, as the .br file on disk",
        (|| {
            if main_wasm.is_empty() {
                return Err(format!("no *_bg.wasm in {}", dist.display()));
            }
            let path = format!("{base}/{main_wasm}");
            let a = get(addr, &path, &[("Accept-Encoding", "gzip, deflate, br")])?;
            expect_status(&a, &path, 200)?;
            expect_eq("Content-Encoding", a.header("content-encoding"), "br")?;
            expect_eq("Content-Type", a.header("content-type"), "application/wasm")?;
            if !a
                .header("vary")
                .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
            {
                return Err(format!(
                    "Vary is {:?}, expected Accept-Encoding",
                    a.header("vary")
                ));
            }
            let on_disk = std::fs::read(dist.join(format!("{main_wasm}.br")))
                .map_err(|e| format!("{main_wasm}.br: {e}"))?;
            if a.body != on_disk {
                return Err(format!(
                    "the body ({} bytes) is not {main_wasm}.br ({} bytes)",
                    a.body.len(),
                    on_disk.len()
                ));
            }
            // A client without brotli gets the .gz file.
            let g = get(addr, &path, &[("Accept-Encoding", "gzip")])?;
            expect_eq(
                "Content-Encoding (gzip only)",
                g.header("content-encoding"),
                "gzip",
            )
        })(),
    );

    check(
        "every hashed .js/.wasm/.css is cached as immutable",
        (|| {
            let hashed: Vec<&String> = files.iter().filter(|n| is_hashed_asset(n)).collect();
            if hashed.is_empty() {
                return Err(format!("no hashed asset in {}", dist.display()));
            }
            for name in hashed {
                let path = format!("{base}/{name}");
                let a = get(addr, &path, &[("Accept-Encoding", "br")])?;
                expect_status(&a, &path, 200)?;
                expect_eq(
                    &format!("Cache-Control of {name}"),
                    a.header("cache-control"),
                    IMMUTABLE,
                )?;
            }
            Ok(())
        })(),
    );

    check(
        "index.html, config.json and unhashed files are no-cache",
        (|| {
            let mut paths = vec![
                format!("{base}/"),
                format!("{base}/index.html"),
                format!("{base}/config.json"),
            ];
            // sw.js (if the build has one), chunks.json, robots.txt…: revalidated like documents.
            paths.extend(
                files
                    .iter()
                    .filter(|n| !is_hashed_asset(n))
                    .map(|n| format!("{base}/{n}")),
            );
            for path in paths {
                let a = get(addr, &path, &[])?;
                expect_status(&a, &path, 200)?;
                expect_eq(
                    &format!("Cache-Control of {path}"),
                    a.header("cache-control"),
                    NO_CACHE,
                )?;
            }
            let c = get(addr, &format!("{base}/config.json"), &[])?;
            if !c
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/json"))
            {
                return Err(format!(
                    "config.json has Content-Type {:?}",
                    c.header("content-type")
                ));
            }
            serde_json::from_slice::<serde_json::Value>(&c.body)
                .map(|_| ())
                .map_err(|e| format!("config.json is not JSON: {e}"))
        })(),
    );

    check(
        "a deep link is index.html with status 200 (SPA fallback)",
        (|| {
            for path in [
                format!("{base}/product/trail-running-shoes?sku=1"),
                format!("{base}/account/orders/12"),
                format!("{base}/product/26.html"),
            ] {
                let a = get(addr, &path, &[])?;
                expect_status(&a, &path, 200)?;
                if a.body != index {
                    return Err(format!("GET {path} is not index.html"));
                }
                expect_eq(
                    &format!("Cache-Control of {path}"),
                    a.header("cache-control"),
                    NO_CACHE,
                )?;
            }
            let wanted = format!("<base href=\"{base}/\"");
            if !String::from_utf8_lossy(&index).contains(&wanted) {
                return Err(format!("index.html has no {wanted}"));
            }
            Ok(())
        })(),
    );

    check(
        "a missing hashed asset is a real 404, not index.html",
        (|| {
            for name in [
                "storefront-0000000000000000_bg.wasm",
                "storefront-0000000000000000.js",
                "__wasm_split.0000000000000000000000.js",
                "split_cart-0000000000000000000000.wasm",
            ] {
                let path = format!("{base}/{name}");
                let a = get(addr, &path, &[])?;
                expect_status(&a, &path, 404)?;
                if a.body == index {
                    return Err(format!("GET {path} answered index.html"));
                }
            }
            Ok(())
        })(),
    );

    check(
        "/api reaches AnqiCMS unchanged (JSON, and its own 404 for an unknown route)",
        (|| {
            let a = get(addr, "/api/setting/system", &[])?;
            expect_status(&a, "/api/setting/system", 200)?;
            let json: serde_json::Value = serde_json::from_slice(&a.body)
                .map_err(|e| format!("/api/setting/system is not JSON: {e}"))?;
            if json.get("code").and_then(serde_json::Value::as_i64) != Some(0) {
                return Err(format!("/api/setting/system answered {}", a.text()));
            }
            let missing = get(addr, "/api/no/such/route-0123456789abcdef.js", &[])?;
            expect_status(&missing, "/api/no/such/route-0123456789abcdef.js", 404)?;
            if missing.body == index {
                return Err("an unknown /api route answered the shop's index.html".into());
            }
            // AnqiCMS's own 404 page, not one nginx made up (`<center>nginx/…</center>`).
            if missing.text().contains("<center>nginx") {
                return Err("an unknown /api route got nginx's 404, not AnqiCMS's answer".into());
            }
            Ok(())
        })(),
    );

    check(
        "/uploads images are AnqiCMS's, on this origin",
        (|| {
            let list = get(addr, "/api/archive/list?moduleId=2&limit=1", &[])?;
            let text = list.text();
            let at = text
                .find("/uploads/")
                .ok_or_else(|| format!("no /uploads URL in {text:.200}"))?;
            // The absolute URL AnqiCMS wrote must name this origin (the recipe passes the Host).
            let origin = format!("http://{addr}");
            if !text[..at].ends_with(&origin) {
                return Err(format!(
                    "the image URL is not on {origin}: {:.80}",
                    &text[at.saturating_sub(40)..]
                ));
            }
            let path: String = text[at..]
                .chars()
                .take_while(|c| !matches!(c, '"' | '\\' | '?'))
                .collect();
            let a = get(addr, &path, &[])?;
            expect_status(&a, &path, 200)?;
            if !a
                .header("content-type")
                .is_some_and(|t| t.starts_with("image/"))
            {
                return Err(format!(
                    "{path} has Content-Type {:?}",
                    a.header("content-type")
                ));
            }
            Ok(())
        })(),
    );

    check(
        "the contact form's POST /guestbook.html reaches AnqiCMS",
        (|| {
            let body = b"user_name=deploy&content=hello&contact=x";
            let a = request(
                addr,
                "POST",
                "/guestbook.html?return=json",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                body,
            )?;
            let json: serde_json::Value = serde_json::from_slice(&a.body)
                .map_err(|e| format!("answered {} {:.120}: not JSON ({e})", a.status, a.text()))?;
            if json.get("code").is_none() {
                return Err(format!("answered {}", a.text()));
            }
            Ok(())
        })(),
    );

    check(
        "the CSP header is the build's csp.txt, on documents and assets",
        (|| {
            let policy = std::fs::read_to_string(dist.join("csp.txt")).map_err(|e| {
                format!(
                    "{}/csp.txt: {e} (the build's post_build hook writes it)",
                    dist.display()
                )
            })?;
            let policy = policy.trim();
            let mut paths = vec![
                format!("{base}/"),
                format!("{base}/products?page=2"),
                format!("{base}/config.json"),
            ];
            paths.push(format!("{base}/{main_wasm}"));
            for path in paths {
                let a = get(addr, &path, &[])?;
                expect_eq(
                    &format!("Content-Security-Policy of {path}"),
                    a.header("content-security-policy"),
                    policy,
                )?;
            }
            // On a 404 too (`always`).
            let a = get(
                addr,
                &format!("{base}/storefront-0000000000000000_bg.wasm"),
                &[],
            )?;
            expect_eq(
                "Content-Security-Policy of a 404",
                a.header("content-security-policy"),
                policy,
            )
        })(),
    );

    if !base.is_empty() {
        check(
            "the bare sub-path redirects to it with a slash",
            (|| {
                let a = get(addr, base, &[])?;
                expect_status(&a, base, 301)?;
                expect_eq("Location", a.header("location"), &format!("{base}/"))
            })(),
        );
    }
    checks
}

/// Runs the e2e `@smoke` tests against `url` (STOREFRONT_URL). The open-source URL the
/// fixtures reset is the demo server itself (the smoke tests do not use that edition).
fn smoke(
    tools: &Tools,
    name: &str,
    url: &str,
    demo_url: &str,
) -> Result<(Counts, Option<String>), String> {
    cmd::header(&format!("playwright test --grep @smoke ({name}: {url})"));
    let out = build::target_dir(tools)?.join("xtask");
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let slug = name.replace(' ', "-");
    let report = out.join(format!("playwright-deploy-{slug}.json"));
    let _ = std::fs::remove_file(&report);
    let e2e_dir = tools.root().join("e2e");
    let playwright = e2e_dir.join("node_modules/.bin/playwright");
    let mut command = tools.command(&playwright.to_string_lossy());
    command
        .current_dir(&e2e_dir)
        .args([
            "test",
            "--grep",
            "@smoke",
            "--reporter=list,json",
            "--output",
        ])
        .arg(out.join(format!("deploy-{slug}-results")))
        .env("STOREFRONT_URL", url)
        .env("STOREFRONT_OSS_URL", demo_url)
        .env("PLAYWRIGHT_JSON_OUTPUT_FILE", &report)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if let Some(chromium) = tools.which("chromium") {
        command.env("CHROMIUM_PATH", chromium);
    }
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
    Ok(crate::test::judge(
        status,
        counts,
        "playwright test (smoke)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_match_the_recipe() {
        for name in [
            "storefront-5c3a2e1f0b9d8c7a_bg.wasm",
            "storefront-5c3a2e1f0b9d8c7a.js",
            "style-0d1e2f3a4b5c6d7e.css",
            "__wasm_split.0123456789abcdef012345.js",
            "split_cart-0123456789abcdef012345.wasm",
            "chunk_3_0123456789abcdef.wasm",
        ] {
            assert!(is_hashed_asset(name), "{name}");
        }
        for name in [
            "sw.js",
            "config.json",
            "index.html",
            "boot.js",
            "cafe.js",
            "deadbeef12.js",
            "a-0123456789abcdef.json",
        ] {
            assert!(!is_hashed_asset(name), "{name}");
        }
    }

    #[test]
    fn the_recipes_regex_is_the_one_the_checks_use() {
        let regex = r#"location ~ "[-._][0-9a-f]{8,}(_bg)?\.(js|mjs|wasm|css)$""#;
        for recipe in [
            include_str!("../../deploy/nginx.conf"),
            include_str!("../../deploy/nginx-subpath.conf"),
        ] {
            assert!(
                recipe.contains(regex),
                "the recipe's hashed-asset location changed: update is_hashed_asset"
            );
        }
    }

    #[test]
    fn fills_every_placeholder_or_refuses() {
        let values = |dist: &str| {
            vec![
                ("LISTEN", "127.0.0.1:8000".to_string()),
                ("SERVER_NAME", "localhost".to_string()),
                ("DIST", dist.to_string()),
                ("ANQICMS", "127.0.0.1:8001".to_string()),
                ("CSP", "/tmp/csp.conf".to_string()),
            ]
        };
        let recipe = include_str!("../../deploy/nginx.conf");
        let filled = fill(recipe, &values("/srv/dist")).unwrap();
        assert!(filled.contains("root /srv/dist;"), "{filled}");
        assert!(filled.contains("server 127.0.0.1:8001;"));
        assert!(filled.contains("include /tmp/csp.conf;"));
        // A value that would add nginx syntax is refused.
        assert!(fill(recipe, &values("/srv/x; autoindex on")).is_err());
        // The sub-path recipe needs BASE and WEBROOT too.
        let err = fill(
            include_str!("../../deploy/nginx-subpath.conf"),
            &values("/x"),
        )
        .unwrap_err();
        assert!(err.contains("@BASE@"), "{err}");
    }

    #[test]
    fn test_controls_go_inside_the_server_block() {
        let out =
            insert_in_server("upstream u {}\nserver {\n    listen 1;\n}\n", TEST_CONTROLS).unwrap();
        assert!(out.trim_end().ends_with('}'));
        let at = out.find("/__test/").unwrap();
        assert!(at > out.find("listen 1;").unwrap());
    }

    #[test]
    fn csp_snippet_quotes_the_policy_once() {
        let snippet = csp_snippet("default-src 'self'; object-src 'none'\n").unwrap();
        assert!(snippet.contains(
            "add_header Content-Security-Policy \"default-src 'self'; object-src 'none'\" always;"
        ));
        assert!(csp_snippet("a \"b\"").is_err());
        assert!(csp_snippet("a $b").is_err());
        assert!(csp_snippet("  ").is_err());
    }

    #[test]
    fn parses_answers() {
        let a = parse_answer(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nCache-Control: no-cache\r\n\r\n<h1>x</h1>").unwrap();
        assert_eq!(a.status, 404);
        assert_eq!(a.header("cache-control"), Some("no-cache"));
        assert_eq!(a.header("content-type"), Some("text/html"));
        assert_eq!(a.body, b"<h1>x</h1>");
        assert!(parse_answer(b"HTTP/1.1 200 OK\r\n").is_err());
        let chunked = parse_answer(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=1\r\n:1}\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(chunked.body, b"{\"a\":1}");
    }
}
