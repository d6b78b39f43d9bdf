//! Entry point: a readable panic message, the runtime config, then the app.

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let config = storefront::config::load().await;
        storefront::api::client::configure(config);
        storefront::mount();
    });
}
