//! Money in integer cents (分). AnqiCMS stores every amount in cents; floats never touch it.

use super::Locale;

/// An amount in the smallest currency unit. `0` is a real price (free), not "missing".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money {
    pub cents: i64,
}

impl Money {
    pub const fn from_cents(cents: i64) -> Money {
        Money { cents }
    }

    /// Whole currency units (yuan) to cents, saturating instead of overflowing.
    pub const fn from_major(units: i64) -> Money {
        Money {
            cents: units.saturating_mul(100),
        }
    }

    pub fn is_free(self) -> bool {
        self.cents == 0
    }

    /// Parses a shopper-typed amount in major units ("12", "12.5", "12.50", "1,299") into cents.
    /// Returns `None` for anything that is not a non-negative amount with at most two decimals.
    pub fn parse_major(input: &str) -> Option<Money> {
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != ' ')
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        let (whole, fraction) = match cleaned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (cleaned.as_str(), ""),
        };
        if fraction.len() > 2
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
            || (whole.is_empty() && fraction.is_empty())
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction_cents: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().ok()? * 10,
            _ => fraction.parse().ok()?,
        };
        whole
            .checked_mul(100)?
            .checked_add(fraction_cents)
            .map(Money::from_cents)
    }

    /// Formats for display, e.g. `¥1,299.00` (zh-CN) or `CN¥1,299.00` (en, as `Intl` does
    /// for a currency that is not the reader's own). `symbol` comes from the site config.
    pub fn format(self, locale: Locale, symbol: &str) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let whole = group_thousands(abs / 100);
        let fraction = abs % 100;
        let symbol = match (locale, symbol) {
            (Locale::En, "¥") => "CN¥",
            (_, s) => s,
        };
        format!("{sign}{symbol}{whole}.{fraction:02}")
    }

    /// The amount in major units without symbol or grouping, for form fields ("12.5" → "12.50").
    pub fn to_major_string(self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        if abs.is_multiple_of(100) {
            format!("{sign}{}", abs / 100)
        } else {
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

fn group_thousands(mut value: u64) -> String {
    let mut groups = Vec::new();
    loop {
        if value < 1000 {
            groups.push(value.to_string());
            break;
        }
        groups.push(format!("{:03}", value % 1000));
        value /= 1000;
    }
    groups.reverse();
    groups.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        assert_eq!(
            Money::from_cents(129_900).format(Locale::ZhCn, "¥"),
            "¥1,299.00"
        );
        assert_eq!(
            Money::from_cents(129_900).format(Locale::En, "¥"),
            "CN¥1,299.00"
        );
        assert_eq!(Money::from_cents(990).format(Locale::ZhCn, "¥"), "¥9.90");
        assert_eq!(Money::from_cents(5).format(Locale::En, "$"), "$0.05");
        assert_eq!(Money::from_cents(0).format(Locale::ZhCn, "¥"), "¥0.00");
        assert_eq!(
            Money::from_cents(-1_234_567).format(Locale::ZhCn, "¥"),
            "-¥12,345.67"
        );
        assert_eq!(
            Money::from_cents(10_000_000_000).format(Locale::ZhCn, "¥"),
            "¥100,000,000.00"
        );
    }

    #[test]
    fn parses_major_units() {
        assert_eq!(Money::parse_major("12"), Some(Money::from_cents(1200)));
        assert_eq!(Money::parse_major(" 12.5 "), Some(Money::from_cents(1250)));
        assert_eq!(Money::parse_major("12.05"), Some(Money::from_cents(1205)));
        assert_eq!(
            Money::parse_major("1,299"),
            Some(Money::from_cents(129_900))
        );
        assert_eq!(Money::parse_major(".5"), Some(Money::from_cents(50)));
        assert_eq!(Money::parse_major("0"), Some(Money::from_cents(0)));
        for bad in [
            "",
            "abc",
            "-3",
            "1.234",
            "1e3",
            ".",
            "12.3.4",
            "99999999999999999999",
        ] {
            assert_eq!(Money::parse_major(bad), None, "{bad}");
        }
    }

    #[test]
    fn major_string_round_trips() {
        for cents in [0, 5, 50, 1200, 1250, 129_999] {
            let money = Money::from_cents(cents);
            assert_eq!(Money::parse_major(&money.to_major_string()), Some(money));
        }
        assert_eq!(Money::from_major(12).cents, 1200);
        assert_eq!(Money::from_major(i64::MAX).cents, i64::MAX);
    }

    #[test]
    fn zero_is_a_price() {
        assert!(Money::from_cents(0).is_free());
        assert!(!Money::from_cents(1).is_free());
    }
}
