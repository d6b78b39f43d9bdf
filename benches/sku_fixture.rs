//! The benchmark's product, shared by the native and the in-browser run: 3 option groups ×
//! 10 values, the shape of the demo server's large product. About one combination in 20
//! is missing and one in 7 is out of stock, so clicks meet all four value states.

use storefront::domain::sku::{OptionGroup, OptionValue, Sku, SkuIndex};
use storefront::domain::Money;

pub fn thousand_sku_product() -> SkuIndex {
    let groups: Vec<OptionGroup> = (0..3)
        .map(|g| OptionGroup {
            id: g + 1,
            name: format!("group {g}"),
            values: (0..10)
                .map(|v| OptionValue {
                    id: (g + 1) * 100 + v,
                    name: format!("value {v}"),
                })
                .collect(),
        })
        .collect();
    let mut skus = Vec::with_capacity(1000);
    for a in 0..10_i64 {
        for b in 0..10_i64 {
            for c in 0..10_i64 {
                let n = a * 100 + b * 10 + c;
                if n % 20 == 19 {
                    continue;
                }
                skus.push(Sku {
                    id: n + 1,
                    value_ids: vec![100 + a, 200 + b, 300 + c],
                    price: Money::from_cents(10_000 + 100 * c),
                    stock: if n % 7 == 3 { 0 } else { 5 },
                    image: None,
                });
            }
        }
    }
    SkuIndex::new(groups, skus)
}

/// A fixed sequence of clicks (group, value), the same on every run.
pub fn clicks(count: usize) -> Vec<(usize, usize)> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let group = ((state >> 33) % 3) as usize;
            let value = ((state >> 40) % 10) as usize;
            (group, value)
        })
        .collect()
}

/// Min, median and max of `samples` (milliseconds per click), formatted for the output.
pub fn summary(samples: &mut [f64], clicks: usize) -> String {
    samples.sort_by(f64::total_cmp);
    let (Some(min), Some(max)) = (samples.first(), samples.last()) else {
        return "no samples".into();
    };
    let median = samples[samples.len() / 2];
    format!(
        "min {min:.4} ms · median {median:.4} ms · max {max:.4} ms per click ({} samples, {clicks} clicks)",
        samples.len()
    )
}
