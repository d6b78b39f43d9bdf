//! The retailer's earnings chart: commissions summed per day, week or month, in integer
//! cents, over a fixed window ending now (UTC+8, like every date the shop shows). Empty
//! buckets are kept (a gap in earnings is information); cancelled commissions count nothing.

use super::time::civil_from_days;

const ZONE: i64 = 8 * 3600;
const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// The last 30 days.
    Days,
    /// The last 12 weeks, Monday to Sunday.
    Weeks,
    /// The last 12 months.
    Months,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Days, Span::Weeks, Span::Months];

    pub fn key(self) -> &'static str {
        match self {
            Span::Days => "day",
            Span::Weeks => "week",
            Span::Months => "month",
        }
    }

    pub fn from_key(key: &str) -> Span {
        Span::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or(Span::Days)
    }

    fn count(self) -> usize {
        match self {
            Span::Days => 30,
            Span::Weeks | Span::Months => 12,
        }
    }
}

/// One bar: its first day (`YYYY-MM-DD`, or `YYYY-MM` for a month) and its sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub cents: i64,
}

/// A commission as the chart counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Earning {
    pub at: i64,
    pub cents: i64,
    /// AnqiCMS's commission status; `-1` (cancelled) is not earned.
    pub status: i64,
}

/// Days since 1970-01-01 of a civil date (the inverse of `civil_from_days`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn local_day(unix: i64) -> i64 {
    (unix + ZONE).div_euclid(DAY)
}

/// The bucket index (0 = the oldest in the window) a local day falls in, for a window whose
/// last bucket contains `today`.
fn bucket_key(span: Span, day: i64) -> i64 {
    match span {
        Span::Days => day,
        // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
        Span::Weeks => (day + 3).div_euclid(7),
        Span::Months => {
            let (y, m, _) = civil_from_days(day);
            y * 12 + i64::from(m) - 1
        }
    }
}

fn label(span: Span, key: i64) -> String {
    match span {
        Span::Days => {
            let (y, m, d) = civil_from_days(key);
            format!("{y:04}-{m:02}-{d:02}")
        }
        Span::Weeks => {
            let (y, m, d) = civil_from_days(key * 7 - 3);
            format!("{y:04}-{m:02}-{d:02}")
        }
        Span::Months => {
            let (y, m) = (key.div_euclid(12), key.rem_euclid(12) + 1);
            format!("{y:04}-{m:02}")
        }
    }
}

/// The window's buckets, oldest first, each with the sum of the earnings that fall in it.
pub fn buckets(span: Span, now: i64, earnings: &[Earning]) -> Vec<Bucket> {
    let last = bucket_key(span, local_day(now));
    let first = last - span.count() as i64 + 1;
    let mut sums = vec![0i64; span.count()];
    for e in earnings.iter().filter(|e| e.status != -1 && e.cents > 0) {
        let key = bucket_key(span, local_day(e.at));
        if (first..=last).contains(&key) {
            if let Some(slot) = usize::try_from(key - first)
                .ok()
                .and_then(|i| sums.get_mut(i))
            {
                *slot = slot.saturating_add(e.cents);
            }
        }
    }
    (first..=last)
        .zip(sums)
        .map(|(key, cents)| Bucket {
            label: label(span, key),
            cents,
        })
        .collect()
}

/// The y-axis top: the largest bucket rounded up to a "nice" figure (1, 2 or 5 × 10ⁿ cents),
/// at least 100 cents so an empty chart still has a scale.
pub fn scale_top(buckets: &[Bucket]) -> i64 {
    let max = buckets.iter().map(|b| b.cents).max().unwrap_or(0).max(100);
    let mut unit = 1i64;
    while unit.saturating_mul(10) <= max {
        unit = unit.saturating_mul(10);
    }
    for factor in [1, 2, 5, 10] {
        let top = unit.saturating_mul(factor);
        if top >= max {
            return top;
        }
    }
    unit.saturating_mul(10)
}

/// Sanity helper for tests and labels: the Unix time of a local date's midnight.
pub fn local_midnight(year: i64, month: u32, day: u32) -> i64 {
    days_from_civil(year, month, day) * DAY - ZONE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(at: i64, cents: i64) -> Earning {
        Earning {
            at,
            cents,
            status: 0,
        }
    }

    #[test]
    fn civil_dates_round_trip() {
        for day in [-1000, 0, 59, 60, 11_016, 20_000, 30_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn days_sum_in_cents_in_china_time() {
        // Now: 2026-12-03 10:00 in Beijing.
        let now = local_midnight(2026, 12, 3) + 10 * 3600;
        let today = local_midnight(2026, 12, 3);
        let items = [
            e(today + 60, 150),
            e(today + 3600, 250),
            // 23:59 the day before (15:59 UTC): yesterday, not today.
            e(today - 60, 99),
            // Cancelled: not earned.
            Earning {
                at: today + 5,
                cents: 1000,
                status: -1,
            },
            // Older than the window.
            e(today - 40 * DAY, 7),
        ];
        let b = buckets(Span::Days, now, &items);
        assert_eq!(b.len(), 30);
        assert_eq!(
            b[29],
            Bucket {
                label: "2026-12-03".into(),
                cents: 400
            }
        );
        assert_eq!(
            b[28],
            Bucket {
                label: "2026-12-02".into(),
                cents: 99
            }
        );
        assert_eq!(b[0].label, "2026-11-04");
        assert_eq!(b.iter().map(|x| x.cents).sum::<i64>(), 499);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-12-03 is a Thursday; its week starts Monday 2026-11-30.
        let now = local_midnight(2026, 12, 3) + 3600;
        let b = buckets(
            Span::Weeks,
            now,
            &[
                e(local_midnight(2026, 11, 30), 5),
                e(local_midnight(2026, 11, 29), 7),
            ],
        );
        assert_eq!(b.len(), 12);
        assert_eq!(
            b[11],
            Bucket {
                label: "2026-11-30".into(),
                cents: 5
            }
        );
        assert_eq!(
            b[10],
            Bucket {
                label: "2026-11-23".into(),
                cents: 7
            }
        );

        let m = buckets(
            Span::Months,
            now,
            &[
                e(local_midnight(2026, 1, 1), 11),
                e(local_midnight(2025, 12, 31), 13),
                e(local_midnight(2026, 12, 1), 17),
            ],
        );
        assert_eq!(m.len(), 12);
        assert_eq!(
            m[0],
            Bucket {
                label: "2026-01".into(),
                cents: 11
            }
        );
        assert_eq!(
            m[11],
            Bucket {
                label: "2026-12".into(),
                cents: 17
            }
        );
        assert_eq!(
            m.iter().map(|x| x.cents).sum::<i64>(),
            28,
            "December 2025 is outside the window"
        );
    }

    #[test]
    fn the_scale_is_a_round_figure_above_the_largest_bar() {
        let bars = |c: &[i64]| {
            c.iter()
                .map(|&cents| Bucket {
                    label: String::new(),
                    cents,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(scale_top(&bars(&[])), 100);
        assert_eq!(scale_top(&bars(&[0, 0])), 100);
        assert_eq!(scale_top(&bars(&[101])), 200);
        assert_eq!(scale_top(&bars(&[450, 20])), 500);
        assert_eq!(scale_top(&bars(&[501])), 1000);
        assert_eq!(scale_top(&bars(&[1000])), 1000);
        assert_eq!(scale_top(&bars(&[123_456])), 200_000);
        assert_eq!(Span::from_key("week"), Span::Weeks);
        assert_eq!(Span::from_key("nope"), Span::Days);
    }
}
