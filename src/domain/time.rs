//! Calendar dates from Unix seconds, without a date library.

/// `YYYY-MM-DD` in UTC+8 (AnqiCMS sites are overwhelmingly in China; a date off by one at
/// midnight matters more than the exact zone). `None` for unset (0 or negative) times.
pub fn iso_date(unix_seconds: i64) -> Option<String> {
    if unix_seconds <= 0 {
        return None;
    }
    let days = (unix_seconds + 8 * 3600).div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// `YYYY-MM-DD HH:MM` in the same zone as [`iso_date`].
pub fn iso_datetime(unix_seconds: i64) -> Option<String> {
    let date = iso_date(unix_seconds)?;
    let seconds_of_day = (unix_seconds + 8 * 3600).rem_euclid(86_400);
    Some(format!(
        "{date} {:02}:{:02}",
        seconds_of_day / 3600,
        seconds_of_day % 3600 / 60
    ))
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_in_china_time() {
        assert_eq!(iso_date(0), None);
        assert_eq!(iso_date(1), Some("1970-01-01".into()));
        assert_eq!(iso_date(1_714_000_000), Some("2024-04-25".into()));
        // 2024-02-29 16:30 UTC is already 1 March in Beijing.
        assert_eq!(iso_date(1_709_224_200), Some("2024-03-01".into()));
        assert_eq!(iso_date(951_782_400), Some("2000-02-29".into()));
        assert_eq!(iso_datetime(1_709_224_200), Some("2024-03-01 00:30".into()));
        assert_eq!(iso_datetime(0), None);
    }
}
