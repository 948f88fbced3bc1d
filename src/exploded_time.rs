//! Calendar fields of a time in microseconds since the epoch, in UTC or at a fixed offset, and
//! back: what APR's `apr_time_exp_gmt` / `apr_time_exp_get` and the SDK's date strings need.
//! Proleptic Gregorian, any year an `i64` of days can hold.

use crate::utc::civil_from_days;

const USEC_PER_SEC: i64 = 1_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// Broken-down time, numbered as C's `struct tm` (months from 0, years from 1900, Sunday = 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exploded {
    pub usec: i32,
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    pub mday: i32,
    pub mon: i32,
    pub year: i32,
    pub wday: i32,
    pub yday: i32,
    /// Seconds east of UTC.
    pub gmtoff: i32,
}

/// Days from 1970-01-01 to (year, month 1..=12, day 1..) — the inverse of `civil_from_days`
/// (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The fields of `t` (microseconds since the epoch) seen at `gmtoff` seconds east of UTC.
/// `None` if the year does not fit C's `int` fields.
pub fn explode(t: i64, gmtoff: i32) -> Option<Exploded> {
    let local = t.checked_add(i64::from(gmtoff).checked_mul(USEC_PER_SEC)?)?;
    let secs = local.div_euclid(USEC_PER_SEC);
    let days = secs.div_euclid(SECS_PER_DAY);
    let rem = secs.rem_euclid(SECS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let yday = days - days_from_civil(year, 1, 1);
    Some(Exploded {
        usec: local.rem_euclid(USEC_PER_SEC) as i32,
        sec: (rem % 60) as i32,
        min: (rem / 60 % 60) as i32,
        hour: (rem / 3600) as i32,
        mday: day as i32,
        mon: month as i32 - 1,
        year: i32::try_from(year - 1900).ok()?,
        wday: (days + 4).rem_euclid(7) as i32,
        yday: yday as i32,
        gmtoff,
    })
}

/// Microseconds since the epoch of the fields (read as local time at `gmtoff`; `wday` and
/// `yday` are ignored, out-of-range months and days carry over as `mktime` does). `None` on
/// overflow.
pub fn implode(e: &Exploded) -> Option<i64> {
    let months = i64::from(e.year) * 12 + i64::from(e.mon);
    let (year, month) = (months.div_euclid(12) + 1900, months.rem_euclid(12) + 1);
    let days = days_from_civil(year, month, 1) + i64::from(e.mday) - 1;
    let secs =
        days * SECS_PER_DAY + i64::from(e.hour) * 3600 + i64::from(e.min) * 60 + i64::from(e.sec) - i64::from(e.gmtoff);
    secs.checked_mul(USEC_PER_SEC)?.checked_add(i64::from(e.usec))
}

/// English three-letter day names, Sunday first (HTTP dates).
pub const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// English three-letter month names (HTTP dates).
pub const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `YYYYMMDD` of an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), or `None` if it is not one.
pub fn http_date_day(gmt: &str) -> Option<String> {
    let mut parts = gmt.split_whitespace();
    let _weekday = parts.next()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? + 1;
    let year: u32 = parts.next()?.parse().ok()?;
    Some(format!("{year:04}{month:02}{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explode_and_implode_round_trip() {
        // 2024-02-29 12:00:00.000123 UTC, a Thursday, day 59 of the year.
        let t = 1_709_208_000 * USEC_PER_SEC + 123;
        let e = explode(t, 0).unwrap();
        assert_eq!((e.year, e.mon, e.mday, e.hour, e.min, e.sec, e.usec), (124, 1, 29, 12, 0, 0, 123));
        assert_eq!((e.wday, e.yday), (4, 59));
        assert_eq!(implode(&e), Some(t));
        let east = explode(t, 9 * 3600).unwrap();
        assert_eq!((east.hour, east.mday), (21, 29));
        assert_eq!(implode(&east), Some(t));
        let before = explode(-1, 0).unwrap();
        assert_eq!(
            (before.year, before.mon, before.mday, before.hour, before.sec, before.usec),
            (69, 11, 31, 23, 59, 999_999)
        );
        assert_eq!(before.wday, 3);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn http_date_days() {
        assert_eq!(http_date_day("Sun, 06 Nov 1994 08:49:37 GMT").as_deref(), Some("19941106"));
        assert_eq!(http_date_day("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date_day(""), None);
    }
}
