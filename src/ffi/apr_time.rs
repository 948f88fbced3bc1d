//! APR's time calls SDK programs make directly: `apr_time_now` and `apr_sleep`. Times are
//! microseconds since the Unix epoch (`apr_time_t`), intervals microseconds
//! (`apr_interval_time_t`). The conversion macros (`apr_time_from_sec`, `apr_time_sec`,
//! `apr_time_msec` ..., `APR_USEC_PER_SEC`) are in the header trailer (cbindgen.toml), as APR
//! defines them in `apr_time.h`.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::boundary::{entry, entry_or, try_mut, try_ref};
use crate::exploded_time::{self, Exploded, MONTHS, WEEKDAYS};

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

/// A time broken into calendar fields, as APR's `apr_time_exp_t` (numbered like `struct tm`:
/// months from 0, years from 1900, Sunday = 0).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct apr_time_exp_t {
    pub tm_usec: i32,
    pub tm_sec: i32,
    pub tm_min: i32,
    pub tm_hour: i32,
    pub tm_mday: i32,
    pub tm_mon: i32,
    pub tm_year: i32,
    pub tm_wday: i32,
    pub tm_yday: i32,
    /// Non-zero during daylight saving time.
    pub tm_isdst: i32,
    /// Seconds east of UTC.
    pub tm_gmtoff: i32,
}

impl From<Exploded> for apr_time_exp_t {
    fn from(e: Exploded) -> Self {
        apr_time_exp_t {
            tm_usec: e.usec,
            tm_sec: e.sec,
            tm_min: e.min,
            tm_hour: e.hour,
            tm_mday: e.mday,
            tm_mon: e.mon,
            tm_year: e.year,
            tm_wday: e.wday,
            tm_yday: e.yday,
            tm_isdst: 0,
            tm_gmtoff: e.gmtoff,
        }
    }
}

impl apr_time_exp_t {
    fn exploded(&self) -> Exploded {
        Exploded {
            usec: self.tm_usec,
            sec: self.tm_sec,
            min: self.tm_min,
            hour: self.tm_hour,
            mday: self.tm_mday,
            mon: self.tm_mon,
            year: self.tm_year,
            wday: self.tm_wday,
            yday: self.tm_yday,
            gmtoff: self.tm_gmtoff,
        }
    }
}

/// Fills `*result` with the fields of `input` seen at `offs` seconds east of UTC. EINVAL for a
/// NULL `result` or a year out of range.
#[no_mangle]
pub unsafe extern "C" fn apr_time_exp_tz(result: *mut apr_time_exp_t, input: apr_time_t, offs: i32) -> c_int {
    entry_or("apr_time_exp_tz", libc::EINVAL, || {
        let result = try_mut!(result, libc::EINVAL);
        match exploded_time::explode(input, offs) {
            Some(e) => {
                *result = e.into();
                0
            }
            None => libc::EINVAL,
        }
    })
}

/// Fills `*result` with the UTC fields of `input`. EINVAL for a NULL `result`.
#[no_mangle]
pub unsafe extern "C" fn apr_time_exp_gmt(result: *mut apr_time_exp_t, input: apr_time_t) -> c_int {
    // SAFETY: the same contract.
    unsafe { apr_time_exp_tz(result, input, 0) }
}

/// Fills `*result` with the local-time fields of `input` (the process's time zone, daylight
/// saving included). EINVAL for a NULL `result`.
#[no_mangle]
pub unsafe extern "C" fn apr_time_exp_lt(result: *mut apr_time_exp_t, input: apr_time_t) -> c_int {
    entry_or("apr_time_exp_lt", libc::EINVAL, || {
        let result = try_mut!(result, libc::EINVAL);
        let secs = input.div_euclid(USEC_PER_SEC) as libc::time_t;
        // SAFETY: an all-zero `struct tm` is valid; localtime_r only writes it.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        // SAFETY: valid pointers to a time and a writable `struct tm` (thread-safe variant).
        if unsafe { libc::localtime_r(&secs, &mut tm) }.is_null() {
            return libc::EINVAL;
        }
        let Some(e) = exploded_time::explode(input, tm.tm_gmtoff as i32) else {
            return libc::EINVAL;
        };
        *result = e.into();
        result.tm_isdst = tm.tm_isdst;
        0
    })
}

/// The time the fields of `*input` describe (local time at `input->tm_gmtoff`); `wday`/`yday`
/// are ignored. EINVAL for NULL arguments or overflow.
#[no_mangle]
pub unsafe extern "C" fn apr_time_exp_get(result: *mut apr_time_t, input: *mut apr_time_exp_t) -> c_int {
    entry_or("apr_time_exp_get", libc::EINVAL, || {
        let result = try_mut!(result, libc::EINVAL);
        match exploded_time::implode(&try_ref!(input, libc::EINVAL).exploded()) {
            Some(t) => {
                *result = t;
                0
            }
            None => libc::EINVAL,
        }
    })
}

/// The time the fields of `*input` describe, read as UTC (`tm_gmtoff` ignored).
#[no_mangle]
pub unsafe extern "C" fn apr_time_exp_gmt_get(result: *mut apr_time_t, input: *mut apr_time_exp_t) -> c_int {
    entry_or("apr_time_exp_gmt_get", libc::EINVAL, || {
        let mut fields = *try_ref!(input, libc::EINVAL);
        fields.tm_gmtoff = 0;
        // SAFETY: valid pointers for the call.
        unsafe { apr_time_exp_get(result, &mut fields) }
    })
}

/// `APR_RFC822_DATE_LEN`: the buffer size `apr_rfc822_date` needs.
pub const APR_RFC822_DATE_LEN: usize = 30;

/// Writes `t` as an RFC 822 / HTTP date (`Sat, 08 Jan 2000 18:31:41 GMT`) into `date_str`
/// (`APR_RFC822_DATE_LEN` bytes). EINVAL for a NULL buffer or a year outside 0..=9999.
#[no_mangle]
pub unsafe extern "C" fn apr_rfc822_date(date_str: *mut c_char, t: apr_time_t) -> c_int {
    entry_or("apr_rfc822_date", libc::EINVAL, || {
        if date_str.is_null() {
            return libc::EINVAL;
        }
        let Some(e) = exploded_time::explode(t, 0).filter(|e| (-1900..=8099).contains(&e.year)) else {
            return libc::EINVAL;
        };
        let text = format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            WEEKDAYS[e.wday as usize],
            e.mday,
            MONTHS[e.mon as usize],
            e.year + 1900,
            e.hour,
            e.min,
            e.sec
        );
        // SAFETY: the caller gives APR_RFC822_DATE_LEN bytes; the text is 29 plus the NUL.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), date_str as *mut u8, text.len());
            *date_str.add(text.len()) = 0;
        }
        0
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

    #[test]
    fn exploded_times_and_dates() {
        let mut e = apr_time_exp_t::default();
        let t = 1_709_208_000 * USEC_PER_SEC + 5;
        unsafe {
            assert_eq!(apr_time_exp_gmt(&mut e, t), 0);
            assert_eq!((e.tm_year, e.tm_mon, e.tm_mday, e.tm_wday, e.tm_usec), (124, 1, 29, 4, 5));
            let mut back = 0;
            assert_eq!(apr_time_exp_gmt_get(&mut back, &mut e), 0);
            assert_eq!(back, t);
            assert_eq!(apr_time_exp_lt(&mut e, t), 0);
            assert_eq!(apr_time_exp_get(&mut back, &mut e), 0);
            assert_eq!(back, t);
            let mut date = [0 as c_char; APR_RFC822_DATE_LEN];
            assert_eq!(apr_rfc822_date(date.as_mut_ptr(), t), 0);
            assert_eq!(std::ffi::CStr::from_ptr(date.as_ptr()).to_str().unwrap(), "Thu, 29 Feb 2024 12:00:00 GMT");
            assert_eq!(apr_time_exp_gmt(std::ptr::null_mut(), t), libc::EINVAL);
            assert_eq!(apr_rfc822_date(std::ptr::null_mut(), t), libc::EINVAL);
        }
    }
}
