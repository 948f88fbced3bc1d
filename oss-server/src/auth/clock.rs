//! Request dates: parsing the two formats OSS clients send, and the 15-minute skew rule.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::errors::OssError;

/// OSS refuses requests whose date is more than 15 minutes away from its clock.
pub const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// Parses an RFC 1123 date (`Sat, 16 Dec 2023 16:20:57 GMT`) or an ISO 8601 basic one
/// (`20231216T162057Z`, what V4 and some V1 clients put in `x-oss-date`).
pub fn parse_request_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    httpdate::parse_http_date(text).ok().or_else(|| parse_iso8601_basic(text))
}

pub fn parse_iso8601_basic(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = text.get(range)?;
        digits.bytes().all(|c| c.is_ascii_digit()).then(|| digits.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let (hour, minute, second) = (number(9..11)?, number(11..13)?, number(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year as i64, month as i64, day as i64);
    let seconds = u64::try_from(days).ok()? * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(seconds))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn check_skew(request_time: SystemTime, now: SystemTime) -> Result<(), OssError> {
    let skew = match now.duration_since(request_time) {
        Ok(d) => d,
        Err(e) => e.duration(),
    };
    if skew > MAX_SKEW {
        Err(OssError::new(
            403,
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
        )
        .with_detail("RequestTime", httpdate::fmt_http_date(request_time))
        .with_detail("ServerTime", httpdate::fmt_http_date(now)))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_agree() {
        let a = parse_request_date("Sat, 16 Dec 2023 16:20:57 GMT").unwrap();
        let b = parse_request_date("20231216T162057Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.duration_since(UNIX_EPOCH).unwrap().as_secs(), 1_702_743_657);
        assert!(parse_request_date("20231316T162057Z").is_none());
        assert!(parse_request_date("yesterday").is_none());
    }

    #[test]
    fn skew_limit() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(check_skew(now - Duration::from_secs(14 * 60), now).is_ok());
        assert!(check_skew(now + Duration::from_secs(14 * 60), now).is_ok());
        assert_eq!(check_skew(now - Duration::from_secs(16 * 60), now).unwrap_err().code, "RequestTimeTooSkewed");
        assert_eq!(check_skew(now + Duration::from_secs(16 * 60), now).unwrap_err().code, "RequestTimeTooSkewed");
    }
}
