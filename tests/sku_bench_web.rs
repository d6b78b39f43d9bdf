//! In-browser half of `cargo xtask bench` (headless Chromium, release wasm): the same
//! recompute as `examples/sku_bench.rs`. Chromium coarsens `performance.now()` (to 0.1 ms
//! without cross-origin isolation), so each sample times 10 consecutive clicks and is
//! divided by 10; 1,000 samples cover 10,000 clicks. Built only with `--features bench`,
//! so the wasm test layer never runs it: it prints figures and asserts nothing.

#![cfg(target_arch = "wasm32")]

#[path = "../benches/sku_fixture.rs"]
mod sku_fixture;

use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CLICKS_PER_SAMPLE: usize = 10;
const SAMPLES: usize = 1_000;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

#[wasm_bindgen_test]
fn sku_recompute_in_chromium() {
    let built = now_ms();
    let index = sku_fixture::thousand_sku_product();
    let build_ms = now_ms() - built;
    let clicks = sku_fixture::clicks(SAMPLES * CLICKS_PER_SAMPLE);
    let mut selection = index.initial_selection();
    let mut samples = Vec::with_capacity(SAMPLES);
    for batch in clicks.chunks(CLICKS_PER_SAMPLE) {
        let start = now_ms();
        for &(group, value) in batch {
            selection = index.click(&selection, group, value);
            black_box(index.states(&selection));
        }
        samples.push((now_ms() - start) / CLICKS_PER_SAMPLE as f64);
    }
    console_log!(
        "BENCH sku-recompute chromium (wasm): {} SKUs; index built in {build_ms:.3} ms; {} (a sample is the mean of {CLICKS_PER_SAMPLE} clicks)",
        index.skus().len(),
        sku_fixture::summary(&mut samples, clicks.len())
    );
}
