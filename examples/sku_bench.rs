//! Native half of `cargo xtask bench`: the time of one availability recompute after a click
//! (the new selection plus the state of every value of every group) on a 1,000-SKU product.

#[path = "../benches/sku_fixture.rs"]
mod sku_fixture;

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let built = Instant::now();
    let index = sku_fixture::thousand_sku_product();
    let build_ms = built.elapsed().as_secs_f64() * 1000.0;
    let mut selection = index.initial_selection();
    let mut samples = Vec::new();
    let clicks = sku_fixture::clicks(5_000);
    for &(group, value) in &clicks {
        let start = Instant::now();
        selection = index.click(&selection, group, value);
        black_box(index.states(&selection));
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "BENCH sku-recompute native: {} SKUs; index built in {build_ms:.3} ms; {}",
        index.skus().len(),
        sku_fixture::summary(&mut samples, clicks.len())
    );
}
