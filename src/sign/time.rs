//! The two time formats signing needs, from a `SystemTime` the caller owns.

use std::time::{SystemTime, UNIX_EPOCH};

/// RFC 1123, as in the `Date` header: `Sat, 16 Dec 2023 16:20:57 GMT`.
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

/// ISO 8601 basic, as in `x-oss-date`: `20231216T162057Z`.
pub fn iso8601_basic(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day)
/// (Howard Hinnant's well-known civil calendar algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_the_vector_time() {
        let t = UNIX_EPOCH + Duration::from_secs(1_702_743_657);
        assert_eq!(iso8601_basic(t), "20231216T162057Z");
        assert_eq!(http_date(t), "Sat, 16 Dec 2023 16:20:57 GMT");
    }

    #[test]
    fn handles_leap_days_and_epoch() {
        assert_eq!(iso8601_basic(UNIX_EPOCH), "19700101T000000Z");
        // 2024-02-29 12:00:00 UTC
        assert_eq!(iso8601_basic(UNIX_EPOCH + Duration::from_secs(1_709_208_000)), "20240229T120000Z");
    }
}
