//! Command-line parsing.

use std::path::PathBuf;

use demo_server::{Edition, Options};

fn parse(args: &[&str]) -> Result<Options, String> {
    Options::from_args(args.iter().map(|s| s.to_string()))
}

#[test]
fn defaults() {
    let o = parse(&[]).expect("defaults");
    assert_eq!(o.port, 8080);
    assert_eq!(o.host, "127.0.0.1");
    assert_eq!(o.dist, PathBuf::from("dist"));
    assert_eq!(o.data_dir, Some(PathBuf::from(".data")));
    assert_eq!(o.edition, Edition::Documented);
    assert!(!o.test_controls && !o.api_closed && !o.no_need_login);
}

#[test]
fn every_flag() {
    let o = parse(&[
        "--port",
        "0",
        "--dist",
        "web",
        "--data-dir",
        "/tmp/x",
        "--edition",
        "open-source",
        "--test-controls",
        "--api-closed",
        "--host",
        "0.0.0.0",
        "--no-need-login",
    ])
    .expect("flags");
    assert_eq!(o.port, 0);
    assert_eq!(o.dist, PathBuf::from("web"));
    assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/x")));
    assert_eq!(o.edition, Edition::OpenSource);
    assert!(o.test_controls && o.api_closed && o.no_need_login);
    assert_eq!(o.host, "0.0.0.0");
    let eq = parse(&["--port=9000", "--edition=documented"]).expect("= form");
    assert_eq!(eq.port, 9000);
    assert_eq!(eq.edition, Edition::Documented);
}

#[test]
fn rejects_bad_input() {
    assert!(parse(&["--port"]).is_err());
    assert!(parse(&["--port", "http"]).is_err());
    assert!(parse(&["--edition", "enterprise"]).is_err());
    assert!(parse(&["--frobnicate"]).is_err());
    assert!(parse(&["--help"]).is_err());
    assert!(parse(&["--help"])
        .err()
        .is_some_and(|usage| usage.contains("[--no-need-login]")));
}
