//! `demo-server`: see the library docs and `demo-server/README.md`.

#[tokio::main]
async fn main() {
    let opts = match demo_server::Options::from_args(std::env::args().skip(1)) {
        Ok(opts) => opts,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    if let Err(err) = demo_server::run(opts).await {
        eprintln!("demo-server: {err}");
        std::process::exit(1);
    }
}
