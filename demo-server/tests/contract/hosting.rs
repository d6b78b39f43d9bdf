//! Static hosting of `dist/` (against a temporary directory), generated uploads, and the
//! server over real TCP (in-process on port 0, and the binary itself).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::StatusCode;
use demo_server::{AppState, Options};

use crate::common::*;

const WASM: &str = "storefront-3f2a9c0d1e2b4a5c_bg.wasm";
const CSS: &str = "style-0123456789abcdef.css";

/// A fresh temporary directory (removed on drop).
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "demo-server-test-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A dist directory like trunk's output, with precompressed siblings. The `.br`/`.gz`
/// contents are markers (not real compression): the test checks which file was chosen.
fn fake_dist() -> TempDir {
    let d = TempDir::new("dist");
    let write = |name: &str, body: &[u8]| std::fs::write(d.0.join(name), body).expect("write");
    write(
        "index.html",
        b"<!DOCTYPE html><html><head><title>app</title></head><body>INDEX</body></html>",
    );
    write("index.html.br", b"INDEX-BR");
    write("index.html.gz", b"INDEX-GZ");
    write("robots.txt", b"User-agent: *\nAllow: /\n");
    write("config.json", br#"{"api_base":""}"#);
    write(WASM, b"\0asm-raw");
    write(&format!("{WASM}.br"), b"WASM-BR");
    write(&format!("{WASM}.gz"), b"WASM-GZ");
    write(CSS, b"body{margin:0}");
    d
}

fn app_with_dist(dist: &TempDir) -> App {
    App::with(Options {
        dist: dist.0.clone(),
        ..options()
    })
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[tokio::test]
async fn spa_fallback_serves_index_html_with_200_and_no_cache() {
    let dist = fake_dist();
    let app = app_with_dist(&dist);
    for path in [
        "/",
        "/products/kitchen",
        "/product/12.html",
        "/en/news/3.html",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("text/html")),
            "{path}"
        );
        assert_eq!(
            r.text(),
            "<!DOCTYPE html><html><head><title>app</title></head><body>INDEX</body></html>",
            "{path}"
        );
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn real_files_are_served_as_themselves() {
    let dist = fake_dist();
    let app = app_with_dist(&dist);
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/plain")));
    assert!(robots.text().starts_with("User-agent"));
    assert_eq!(robots.header("cache-control"), Some("no-cache"));
    let config = app.get("/config.json").await;
    assert!(config
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    assert_eq!(
        config.header("cache-control"),
        Some("no-cache"),
        "config.json is unhashed"
    );
    let css = app.get(&format!("/{CSS}")).await;
    assert!(css
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/css")));
    assert_eq!(css.header("cache-control"), Some(IMMUTABLE));
}

#[tokio::test]
async fn precompressed_variants_follow_accept_encoding() {
    let dist = fake_dist();
    let app = app_with_dist(&dist);
    let path = format!("/{WASM}");
    let br = app
        .get_with(&path, &[("accept-encoding", "gzip, deflate, br")])
        .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.text(), "WASM-BR");
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert_eq!(br.header("cache-control"), Some(IMMUTABLE));
    assert!(br
        .header("vary")
        .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));

    let gz = app.get_with(&path, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gz.text(), "WASM-GZ");

    let raw = app.get(&path).await;
    assert_eq!(raw.header("content-encoding"), None);
    assert_eq!(&raw.body[..], b"\0asm-raw");
    assert_eq!(raw.header("content-type"), Some("application/wasm"));

    // The SPA fallback is precompressed too.
    let index = app
        .get_with("/some/route", &[("accept-encoding", "br")])
        .await;
    assert_eq!(index.header("content-encoding"), Some("br"));
    assert_eq!(index.text(), "INDEX-BR");
    assert_eq!(index.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn hashed_looking_names_that_do_not_exist_are_not_cached_forever() {
    let dist = fake_dist();
    let app = app_with_dist(&dist);
    let r = app.get("/storefront-ffffffffffffffff_bg.wasm").await;
    assert_eq!(r.status, StatusCode::OK, "SPA fallback");
    assert_eq!(r.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn api_and_non_get_requests_never_fall_back_to_the_app() {
    let dist = fake_dist();
    let app = app_with_dist(&dist);
    app.get("/api/unknown").await.assert_html_404();
    app.post("/products/kitchen", "", &[])
        .await
        .assert_html_404();
    assert_eq!(app.json("/api/setting/system").await["code"], 0);
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works_and_pages_explain() {
    let app = App::new(); // dist points at a directory that does not exist
    let r = app.get("/products").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    let text = r.text();
    assert!(
        text.contains("the app is not built") && text.contains("cargo xtask demo"),
        "{text}"
    );
    assert_eq!(app.json("/api/archive/list").await["code"], 0);
}

/// Issue 8's strict CSP: computed at start from dist/index.html, one hash per inline script.
#[tokio::test]
async fn the_app_is_served_with_a_csp_that_hashes_its_inline_scripts() {
    let dist = TempDir::new("csp");
    std::fs::write(
        dist.0.join("index.html"),
        "<!DOCTYPE html><html><head><script type=\"module\">alert(1)</script>\
         <script src=\"/app.js\"></script></head><body></body></html>",
    )
    .expect("write");
    std::fs::write(dist.0.join(CSS), "body{margin:0}").expect("write");
    let app = app_with_dist(&dist);
    for path in ["/", "/index.html", "/products/kitchen", &format!("/{CSS}")] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"));
        // printf '%s' 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            csp.contains(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=';"
            ),
            "{path}: {csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'self'",
            "form-action 'self'",
            "style-src 'self' 'unsafe-inline'",
        ] {
            assert!(
                csp.contains(directive),
                "{path}: {directive} missing in {csp}"
            );
        }
    }
    // The API answers as AnqiCMS does, without the app's policy.
    let api = app.get("/api/setting/system").await;
    assert_eq!(api.header("content-security-policy"), None);
}

#[tokio::test]
async fn without_index_html_there_is_no_csp() {
    let app = App::new(); // dist does not exist
    let r = app.get("/products").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-security-policy"), None);
}

#[tokio::test]
async fn uploads_are_generated_svgs_for_every_seeded_image() {
    let app = App::new();
    let r = app.get("/uploads/zh/logo.svg").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("image/svg+xml"));
    assert!(r.text().starts_with("<svg") && r.text().contains("安企优选"));
    app.get("/uploads/zh/missing.svg").await.assert_html_404();

    let items = app.items("/api/archive/list?limit=100&site_id=2").await;
    let mut checked = 0;
    for a in items.iter().take(12) {
        for img in a["images"].as_array().expect("images") {
            let url = img.as_str().expect("url");
            let path = url.trim_start_matches("http://127.0.0.1");
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            let svg = r.text();
            assert!(
                (500..4_000).contains(&svg.len()),
                "{path}: {} bytes",
                svg.len()
            );
            checked += 1;
        }
    }
    assert!(checked >= 24);
    let banner = app.items("/api/banner/list").await;
    let path = banner[0]["logo"]
        .as_str()
        .expect("logo")
        .trim_start_matches("http://127.0.0.1")
        .to_string();
    assert!(app.get(&path).await.text().contains("width=\"1200\""));
}

/// A raw HTTP/1.1 GET over a std TcpStream (no client crate needed).
fn http_get(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("head/body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, head.to_string(), body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_real_tcp_on_port_0() {
    let dist = fake_dist();
    let state = AppState::new(Options {
        dist: dist.0.clone(),
        ..options()
    })
    .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    assert_ne!(port, 0);
    tokio::spawn(async move {
        let _ = axum::serve(listener, demo_server::router(state)).await;
    });
    let (system, robots) = tokio::task::spawn_blocking(move || {
        (
            http_get(port, "/api/setting/system"),
            http_get(port, "/robots.txt"),
        )
    })
    .await
    .expect("join");
    assert_eq!(system.0, 200);
    assert!(system
        .1
        .to_ascii_lowercase()
        .contains("content-type: application/json"));
    // The body may be chunked; it is small enough to contain the site name either way.
    assert!(
        system.2.contains("\"SiteName\":\"安企优选\""),
        "{}",
        system.2
    );
    assert!(system
        .2
        .contains(&format!("\"BaseUrl\":\"http://127.0.0.1:{port}\"")));
    assert_eq!(robots.0, 200);
    assert!(robots.2.contains("User-agent: *"));
}

/// Runs the real binary: start-up line, file database, re-open without re-seeding.
#[test]
fn binary_prints_its_url_and_persists_the_database() {
    let data = TempDir::new("data");
    let dist = fake_dist();
    let start = || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_demo-server"))
            .args(["--port", "0", "--host", "127.0.0.1", "--test-controls"])
            .arg("--data-dir")
            .arg(&data.0)
            .arg("--dist")
            .arg(&dist.0)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("spawn demo-server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        (child, line)
    };
    let (mut child, line) = start();
    let port: u16 = line
        .trim()
        .strip_prefix("Storefront demo: http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected start-up line: {line:?}"));
    let (status, _, body) = http_get(port, "/api/user/detail");
    assert_eq!(status, 200);
    assert!(body.contains("1001"));
    let (status, _, body) = http_get(port, "/robots.txt");
    assert_eq!(status, 200);
    assert!(body.contains("User-agent"));
    child.kill().expect("kill our child");
    let _ = child.wait();
    assert!(data.0.join("anqicms-demo.sqlite").is_file());

    // Second start on the same data dir: migrations are idempotent, no duplicate seed.
    let (mut child, line) = start();
    let port: u16 = line
        .trim()
        .trim_start_matches("Storefront demo: http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .expect("port");
    let (status, _, body) = http_get(port, "/api/archive/list?type=page&limit=1&moduleId=2");
    assert_eq!(status, 200);
    assert!(body.contains("\"total\":45"), "{body}");
    child.kill().expect("kill our child");
    let _ = child.wait();
}

#[tokio::test]
async fn api_json_and_uploads_are_gzipped_when_asked_like_behind_nginx() {
    let app = App::new();
    let gz = app
        .get_with(
            "/api/archive/list?moduleId=2&limit=20",
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(gz.status, StatusCode::OK);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(&gz.body[..2], &[0x1f, 0x8b], "a gzip stream");
    let plain = app.get("/api/archive/list?moduleId=2&limit=20").await;
    assert_eq!(plain.header("content-encoding"), None);
    assert!(gz.body.len() < plain.body.len() / 2, "JSON compresses well");
    let svg = app
        .get_with("/uploads/zh/banner-1.svg", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(svg.header("content-encoding"), Some("gzip"));
}
