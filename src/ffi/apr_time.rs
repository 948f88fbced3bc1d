//! APR's time calls SDK programs make directly: `apr_time_now` and `apr_sleep`. Times are
//! microseconds since the Unix epoch (`apr_time_t`), intervals microseconds
//! (`apr_interval_time_t`). The conversion macros (`apr_time_from_sec`, `apr_time_sec`,
//! `apr_time_msec` ..., `APR_USEC_PER_SEC`) are in the header trailer (cbindgen.toml), as APR
//! defines them in `apr_time.h`.
#![deny(unsafe_op_in_unsafe_fn)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::boundary::{entry, entry_or};

/// Microseconds since 1970-01-01 00:00:00 UTC.
pub type apr_time_t = i64;
/// A duration in microseconds.
pub type apr_interval_time_t = i64;

/// Microseconds in a second (`APR_USEC_PER_SEC`).
pub const USEC_PER_SEC: i64 = 1_000_000;

/// Microseconds since the epoch of a system time (negative before 1970).
pub fn micros_since_epoch(t: SystemTime) -> apr_time_t {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_micros()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_micros()).unwrap_or(i64::MAX),
    }
}

/// The current time, microseconds since the epoch.
#[no_mangle]
pub extern "C" fn apr_time_now() -> apr_time_t {
    entry_or("apr_time_now", 0, || micros_since_epoch(SystemTime::now()))
}

/// Sleeps for `t` microseconds (nothing for `t` <= 0).
#[no_mangle]
pub extern "C" fn apr_sleep(t: apr_interval_time_t) {
    entry("apr_sleep", || {
        if t > 0 {
            std::thread::sleep(Duration::from_micros(t as u64));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_microseconds_and_sleep_waits() {
        let before = apr_time_now();
        assert!(before > 1_600_000_000 * USEC_PER_SEC);
        apr_sleep(2000);
        apr_sleep(-5);
        assert!(apr_time_now() - before >= 2000);
        assert_eq!(micros_since_epoch(UNIX_EPOCH + Duration::from_millis(1500)), 1_500_000);
        assert_eq!(micros_since_epoch(UNIX_EPOCH - Duration::from_secs(1)), -1_000_000);
    }
}
