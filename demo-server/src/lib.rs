//! A faithful imitation of the AnqiCMS HTTP API (open-source server v3.5.8 plus the
//! "documented" edition's shop extras) backed by a seeded SQLite database, which also
//! hosts the built storefront from `dist/` like a good static host.
//!
//! The contract it follows is `shared/anqicms-api.md`. This crate deliberately shares no
//! types with the storefront app: it writes its own JSON so that a change on one side
//! cannot silently "fix" the other.

pub mod auth;
pub mod captcha;
pub mod csp;
pub mod db;
pub mod faults;
pub mod imaging;
pub mod middleware;
pub mod params;
pub mod qr;
pub mod reply;
pub mod repo;
pub mod routes;
pub mod seed;
pub mod static_files;
pub mod svg;
pub mod urls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

pub use routes::router;

/// Which AnqiCMS build to imitate. The storefront tells them apart by whether
/// `GET /api/archive/sku` and `GET /api/cart/list` answer with JSON or with the HTML 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The commercial build described by the official docs: cart, SKUs, …
    Documented,
    /// `fesiong/anqicms` v3.5.8: every §12 route is an HTML 404.
    OpenSource,
}

/// Start-up options (the CLI flags).
#[derive(Debug, Clone)]
pub struct Options {
    pub host: String,
    pub port: u16,
    pub dist: PathBuf,
    /// `None` keeps the database in memory (used by the in-process tests).
    pub data_dir: Option<PathBuf>,
    pub edition: Edition,
    pub test_controls: bool,
    pub api_closed: bool,
    /// `PluginOrder.no_need_login` on every site at start-up: guests may create and pay
    /// orders. Without the flag it starts off (a test control can switch it).
    pub no_need_login: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: "127.0.0.1".into(),
            port: 8080,
            dist: PathBuf::from("dist"),
            data_dir: Some(PathBuf::from(".data")),
            edition: Edition::Documented,
            test_controls: false,
            api_closed: false,
            no_need_login: false,
        }
    }
}

pub const USAGE: &str =
    "usage: demo-server [--port 8080] [--host 127.0.0.1] [--dist dist] [--data-dir .data] \
[--edition documented|open-source] [--test-controls] [--api-closed] [--no-need-login]";

impl Options {
    /// Parses the CLI arguments (without the program name). Hand-written to avoid a
    /// parser dependency; accepts both `--flag value` and `--flag=value`.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Options, String> {
        let mut opts = Options::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| -> Result<String, String> {
                inline
                    .clone()
                    .or_else(|| it.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match flag.as_str() {
                "--port" => {
                    let v = value("--port")?;
                    opts.port = v.parse().map_err(|_| format!("invalid port: {v}"))?;
                }
                "--host" => opts.host = value("--host")?,
                "--dist" => opts.dist = PathBuf::from(value("--dist")?),
                "--data-dir" => opts.data_dir = Some(PathBuf::from(value("--data-dir")?)),
                "--edition" => {
                    opts.edition = match value("--edition")?.as_str() {
                        "documented" => Edition::Documented,
                        "open-source" | "opensource" => Edition::OpenSource,
                        other => return Err(format!("unknown edition: {other}")),
                    }
                }
                "--test-controls" => opts.test_controls = true,
                "--api-closed" => opts.api_closed = true,
                "--no-need-login" => opts.no_need_login = true,
                "-h" | "--help" => return Err(USAGE.to_string()),
                other => return Err(format!("unknown argument: {other}\n{USAGE}")),
            }
        }
        Ok(opts)
    }
}

/// One site of the multi-language install (the main Chinese site and the English one).
#[derive(Debug, Clone)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub language: String,
    pub language_name: String,
    pub language_emoji: String,
    /// Language directory of a directory-type sub-site ("" for the main site, "en").
    pub dir: String,
    pub is_main: bool,
    pub token_secret: String,
}

/// Shared server state. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    db: Mutex<Connection>,
    pub opts: Options,
    pub sites: Vec<Site>,
    api_open: AtomicBool,
    /// Mirrors whether the database is in the hostile test state (`seed::hostile`).
    hostile: AtomicBool,
    pub faults: faults::Faults,
    /// Issued captcha answers (`/api/captcha`), in memory as in AnqiCMS.
    pub captchas: captcha::Store,
    /// The Content-Security-Policy for the files of `dist/`, from its index.html at start.
    pub csp: Option<axum::http::HeaderValue>,
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl AppState {
    /// Opens (or creates) the database, runs the migrations and seeds an empty database.
    pub fn new(opts: Options) -> Result<AppState, BoxError> {
        let path = match &opts.data_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                Some(dir.join("anqicms-demo.sqlite"))
            }
            None => None,
        };
        let mut conn = db::open(path.as_deref())?;
        db::migrate(&mut conn)?;
        seed::seed_if_empty(&mut conn)?;
        // A data directory from before the commerce seed gets its coupons, orders and
        // switches; the flag then decides `no_need_login` for this run.
        seed::seed_commerce_if_missing(&mut conn, auth::now())?;
        seed::social::seed_if_missing(&mut conn)?;
        // The retailer, its team and a year of distribution (also added to older ones).
        seed::seed_retailer_if_missing(&mut conn, auth::now())?;
        seed::apply_no_need_login(&conn, opts.no_need_login)?;
        let sites = repo::site::load_sites(&conn)?;
        if sites.is_empty() {
            return Err("the database has no sites".into());
        }
        // A data directory left in the hostile state by a test run stays hostile until a
        // test control switches it off.
        let hostile = seed::hostile::is_on(&conn)?;
        let csp = csp::policy_for_dist(&opts.dist)
            .and_then(|p| axum::http::HeaderValue::from_str(&p).ok());
        Ok(AppState(Arc::new(Inner {
            db: Mutex::new(conn),
            api_open: AtomicBool::new(!opts.api_closed),
            hostile: AtomicBool::new(hostile),
            opts,
            sites,
            faults: faults::Faults::default(),
            captchas: captcha::Store::default(),
            csp,
        })))
    }

    /// The single SQLite connection. Queries are sub-millisecond on this small database,
    /// so a mutex is simpler than a pool; the guard is `!Send`, which stops handlers from
    /// holding it across an `.await`.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.0
            .db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn opts(&self) -> &Options {
        &self.0.opts
    }

    pub fn sites(&self) -> &[Site] {
        &self.0.sites
    }

    pub fn main_site(&self) -> &Site {
        self.0
            .sites
            .iter()
            .find(|s| s.is_main)
            .unwrap_or(&self.0.sites[0])
    }

    pub fn site(&self, id: i64) -> Option<&Site> {
        self.0.sites.iter().find(|s| s.id == id)
    }

    pub fn api_open(&self) -> bool {
        self.0.api_open.load(Ordering::Relaxed)
    }

    pub fn set_api_open(&self, open: bool) {
        self.0.api_open.store(open, Ordering::Relaxed);
    }

    /// Whether the database holds the hostile test data (`/__test/hostile`).
    pub fn hostile(&self) -> bool {
        self.0.hostile.load(Ordering::Relaxed)
    }

    /// Switches the hostile test data on or off on every site.
    pub fn set_hostile(&self, on: bool) -> rusqlite::Result<()> {
        let mut conn = self.db();
        if on {
            seed::hostile::enable(&mut conn)?;
        } else {
            seed::hostile::disable(&mut conn)?;
        }
        self.0.hostile.store(on, Ordering::Relaxed);
        Ok(())
    }

    pub fn faults(&self) -> &faults::Faults {
        &self.0.faults
    }

    pub fn captchas(&self) -> &captcha::Store {
        &self.0.captchas
    }

    /// `None` when dist/ had no index.html at start.
    pub fn csp(&self) -> Option<&axum::http::HeaderValue> {
        self.0.csp.as_ref()
    }
}

/// Binds the listener, prints the one start-up line and serves until the process ends.
pub async fn run(opts: Options) -> Result<(), BoxError> {
    let state = AppState::new(opts.clone())?;
    let listener = tokio::net::TcpListener::bind((opts.host.as_str(), opts.port)).await?;
    let addr: SocketAddr = listener.local_addr()?;
    // Printed after bind(): from here on the kernel queues connections, so scripts that
    // wait for this line can connect immediately. Port 0 prints the real port.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "Storefront demo: http://{}:{}/",
            opts.host,
            addr.port()
        )?;
        out.flush()?;
    }
    // With the peer address, so the anti-spam limits (§8) can tell loopback callers apart.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}
