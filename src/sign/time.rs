//! The two time formats signing needs, from a `SystemTime` the caller owns.

use std::time::SystemTime;

/// RFC 1123, as in the `Date` header: `Sat, 16 Dec 2023 16:20:57 GMT`.
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

/// ISO 8601 basic, as in `x-oss-date`: `20231216T162057Z`.
pub fn iso8601_basic(t: SystemTime) -> String {
    let u = crate::utc::from_system_time(t);
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", u.year, u.month, u.day, u.hour, u.minute, u.second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

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
