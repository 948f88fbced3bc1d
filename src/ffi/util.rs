//! The helpers of the official `aos_util.h`: URL encoding and decoding, base64, hex, integer
//! parsing, MD5 / SHA-256 / HMAC digests, the HTTP date strings and method names. The encodings
//! and digests are the safe core's (`crate::codec`, `crate::sign::time`); these functions check
//! and convert C arguments and write into the caller's buffers, which must be as large as the
//! official documentation says (3 bytes per source byte for URL encoding, 4/3 for base64, ...).
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int, c_longlong, c_ulonglong, c_void, CStr};
use std::ptr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::apr_time::{apr_time_exp_t, apr_time_t};
use super::boundary::{entry, entry_or, try_c_str, try_ref};
use super::define::aos_error_code_e;
use super::pool::aos_pool_t;
use crate::codec;
use crate::sign as time;

const OK: c_int = aos_error_code_e::AOSE_OK as c_int;
const INVALID_ARGUMENT: c_int = aos_error_code_e::AOSE_INVALID_ARGUMENT as c_int;
const INTERNAL_ERROR: c_int = aos_error_code_e::AOSE_INTERNAL_ERROR as c_int;

/// `AOS_MAX_GMT_TIME_LEN`: the size of the date buffers below.
const MAX_GMT_TIME_LEN: usize = 128;

/// The bytes at `p`, or `None` for NULL / a negative length.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes.
unsafe fn input<'a>(p: *const c_void, len: c_int) -> Option<&'a [u8]> {
    let len = usize::try_from(len).ok()?;
    if p.is_null() {
        return (len == 0).then_some(&[][..]);
    }
    // SAFETY: the caller promises `len` readable bytes.
    Some(unsafe { std::slice::from_raw_parts(p as *const u8, len) })
}

/// Copies `bytes` to `dest`, optionally followed by a NUL.
///
/// # Safety
/// `dest` has room for `bytes.len()` (+1 with `nul`) bytes.
unsafe fn output(dest: *mut c_char, bytes: &[u8], nul: bool) {
    // SAFETY: the caller promises room for the bytes (and the NUL).
    unsafe {
        ptr::copy_nonoverlapping(bytes.as_ptr(), dest as *mut u8, bytes.len());
        if nul {
            *dest.add(bytes.len()) = 0;
        }
    }
}

/// Percent-encodes the string `src` into `dest` (NUL-terminated; room for 3 bytes per source
/// byte + 1): `A-Za-z0-9-_.~` stay, a space becomes `%20`, every other byte `%XX`; with `slash`
/// non-zero, `/` stays too. AOSE_INVALID_ARGUMENT (and `dest` empty) if `src` is longer than
/// `maxSrcSize` bytes or an argument is NULL.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_url_encode_ex(
    dest: *mut c_char,
    src: *const c_char,
    maxSrcSize: c_int,
    slash: c_int,
) -> c_int {
    entry_or("aos_url_encode_ex", INVALID_ARGUMENT, || {
        if dest.is_null() {
            return INVALID_ARGUMENT;
        }
        let src = try_c_str!(src, INVALID_ARGUMENT).to_bytes();
        if usize::try_from(maxSrcSize).map_or(true, |max| src.len() > max) {
            // SAFETY: `dest` is non-NULL and has room for at least the NUL.
            unsafe { *dest = 0 };
            return INVALID_ARGUMENT;
        }
        // SAFETY: the caller gives 3 bytes per source byte + 1.
        unsafe { output(dest, &codec::url_encode(src, slash != 0), true) };
        OK
    })
}

/// `aos_url_encode_ex` with `/` encoded too.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_url_encode(dest: *mut c_char, src: *const c_char, maxSrcSize: c_int) -> c_int {
    // SAFETY: the same contract.
    unsafe { aos_url_encode_ex(dest, src, maxSrcSize, 0) }
}

/// Decodes `%XX` escapes and `+` (a space) of the string `in_` into `out` (NUL-terminated; as
/// large as `in_`). 0, or -1 for a malformed escape (`out` then holds what came before it) or a
/// NULL `out`. A NULL `in_` gives an empty `out`.
#[no_mangle]
pub unsafe extern "C" fn aos_url_decode(in_: *const c_char, out: *mut c_char) -> c_int {
    entry_or("aos_url_decode", -1, || {
        if out.is_null() {
            return -1;
        }
        // SAFETY: NULL or a NUL-terminated string.
        let src = unsafe { super::boundary::c_str(in_) }.map_or(&[][..], CStr::to_bytes);
        let (bytes, answer) = match codec::url_decode(src) {
            Ok(bytes) => (bytes, 0),
            Err(prefix) => (prefix, -1),
        };
        // SAFETY: the decoded text is never longer than the input; `out` is as large.
        unsafe { output(out, &bytes, true) };
        answer
    })
}

/// Base64-encodes `inLen` bytes of `in_` into `out` (no NUL is written; room for
/// 4 * ceil(inLen / 3) bytes) and returns the number of characters written. 0 for NULL
/// arguments or a negative length.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_base64_encode(in_: *const u8, inLen: c_int, out: *mut c_char) -> c_int {
    entry_or("aos_base64_encode", 0, || {
        if out.is_null() {
            return 0;
        }
        // SAFETY: `inLen` readable bytes at `in_` (the function's contract).
        let Some(src) = (unsafe { input(in_.cast(), inLen) }) else {
            return 0;
        };
        let encoded = codec::base64_encode(src);
        // SAFETY: the caller gives room for the encoding.
        unsafe { output(out, encoded.as_bytes(), false) };
        c_int::try_from(encoded.len()).unwrap_or(c_int::MAX)
    })
}

/// Writes the lower-case hex of `srclen` bytes of `src` to `dest` (NUL-terminated; NULL `dest`
/// writes nothing) and, if `len` is not NULL, the size needed (2 * srclen + 1) to `*len`.
/// AOSE_INVALID_ARGUMENT for a NULL `src` or a negative length.
#[no_mangle]
pub unsafe extern "C" fn aos_encode_hex(
    dest: *mut c_char,
    src: *const c_void,
    srclen: c_int,
    len: *mut c_int,
) -> c_int {
    entry_or("aos_encode_hex", INVALID_ARGUMENT, || {
        let _ = try_ref!(src.cast::<u8>(), INVALID_ARGUMENT);
        // SAFETY: `srclen` readable bytes at `src` (the function's contract).
        let Some(bytes) = (unsafe { input(src, srclen) }) else {
            return INVALID_ARGUMENT;
        };
        if !dest.is_null() {
            // SAFETY: the caller gives room for 2 * srclen + 1 bytes.
            unsafe { output(dest, codec::hex_lower(bytes).as_bytes(), true) };
        }
        // SAFETY: NULL or a writable int.
        if let Some(len) = unsafe { len.as_mut() } {
            *len = srclen.saturating_mul(2).saturating_add(1);
        }
        OK
    })
}

/// Stores the end of the parsed number in `*endptr` (when not NULL): `nptr + used`, or `nptr`
/// itself when nothing was parsed.
///
/// # Safety
/// `endptr` is NULL or writable; `nptr` has at least `used` bytes.
unsafe fn set_end(endptr: *mut *mut c_char, nptr: *const c_char, used: usize) {
    // SAFETY: NULL or a writable pointer, as the caller promises.
    if let Some(end) = unsafe { endptr.as_mut() } {
        *end = nptr.wrapping_add(used) as *mut c_char;
    }
}

/// `strtoll`: parses a signed integer in `base` (0 detects `0x` / `0`), saturating at the
/// limits, locale-independent. 0 for a NULL `nptr`.
#[no_mangle]
pub unsafe extern "C" fn aos_strtoll(nptr: *const c_char, endptr: *mut *mut c_char, base: c_int) -> c_longlong {
    entry_or("aos_strtoll", 0, || {
        let text = try_c_str!(nptr, 0);
        let parsed = codec::parse_i64(text.to_bytes(), u32::try_from(base).unwrap_or(1));
        // SAFETY: `endptr` is NULL or writable; `used` is within the string.
        unsafe { set_end(endptr, nptr, parsed.used) };
        parsed.value
    })
}

/// `strtoull`: parses an unsigned integer (a minus sign negates, as in C), saturating at the
/// maximum. 0 for a NULL `nptr`.
#[no_mangle]
pub unsafe extern "C" fn aos_strtoull(nptr: *const c_char, endptr: *mut *mut c_char, base: c_int) -> c_ulonglong {
    entry_or("aos_strtoull", 0, || {
        let text = try_c_str!(nptr, 0);
        let parsed = codec::parse_u64(text.to_bytes(), u32::try_from(base).unwrap_or(1));
        // SAFETY: `endptr` is NULL or writable; `used` is within the string.
        unsafe { set_end(endptr, nptr, parsed.used) };
        parsed.value
    })
}

/// The decimal `int64_t` at the start of `nptr` (signed; 0 for NULL or no number).
#[no_mangle]
pub unsafe extern "C" fn aos_atoi64(nptr: *const c_char) -> i64 {
    // SAFETY: the same contract.
    unsafe { aos_strtoll(nptr, ptr::null_mut(), 10) }
}

/// The decimal `uint64_t` at the start of `nptr` (0 for NULL or no number).
#[no_mangle]
pub unsafe extern "C" fn aos_atoui64(nptr: *const c_char) -> u64 {
    // SAFETY: the same contract.
    unsafe { aos_strtoull(nptr, ptr::null_mut(), 10) }
}

/// The 16-byte MD5 digest of `in_len` bytes at `in_`, in the pool (followed by a NUL). NULL if
/// `pool` or `in_` (with a non-zero length) is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_md5(pool: *mut aos_pool_t, in_: *const c_char, in_len: usize) -> *mut u8 {
    entry("aos_md5", || {
        let pool = try_ref!(pool);
        let Ok(len) = c_int::try_from(in_len) else {
            return ptr::null_mut();
        };
        // SAFETY: `in_len` readable bytes at `in_` (the function's contract).
        let bytes = match unsafe { input(in_.cast(), len) } {
            Some(bytes) => bytes,
            None => return ptr::null_mut(),
        };
        pool.strdup_bytes(&codec::md5(bytes)) as *mut u8
    })
}

/// Writes HMAC-SHA1(`key`, `message`) (20 bytes) to `hmac`. Nothing for NULL arguments or
/// negative lengths.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn HMAC_SHA1(
    hmac: *mut u8,
    key: *const u8,
    key_len: c_int,
    message: *const u8,
    message_len: c_int,
) {
    entry("HMAC_SHA1", || {
        // SAFETY: the lengths describe readable bytes (the function's contract).
        let (Some(key), Some(message)) =
            (unsafe { input(key.cast(), key_len) }, unsafe { input(message.cast(), message_len) })
        else {
            return;
        };
        if !hmac.is_null() {
            // SAFETY: the caller gives 20 bytes.
            unsafe { output(hmac.cast(), &codec::hmac_sha1(key, message), false) };
        }
    })
}

/// Writes HMAC-SHA256(`key`, `message`) (32 bytes) to `hmac`. Nothing for NULL arguments or
/// negative lengths.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_HMAC_SHA256(
    hmac: *mut c_char,
    key: *const c_char,
    key_len: c_int,
    message: *const c_char,
    message_len: c_int,
) {
    entry("aos_HMAC_SHA256", || {
        // SAFETY: the lengths describe readable bytes (the function's contract).
        let (Some(key), Some(message)) =
            (unsafe { input(key.cast(), key_len) }, unsafe { input(message.cast(), message_len) })
        else {
            return;
        };
        if !hmac.is_null() {
            // SAFETY: the caller gives 32 bytes.
            unsafe { output(hmac, &codec::hmac_sha256(key, message), false) };
        }
    })
}

/// Writes SHA-256(`message`) (32 bytes) to `hash`. Nothing for NULL arguments or a negative
/// length.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_SHA256(hash: *mut c_char, message: *const c_char, message_len: c_int) {
    entry("aos_SHA256", || {
        // SAFETY: `message_len` readable bytes (the function's contract).
        let Some(message) = (unsafe { input(message.cast(), message_len) }) else {
            return;
        };
        if !hash.is_null() {
            // SAFETY: the caller gives 32 bytes.
            unsafe { output(hash, &codec::sha256(message), false) };
        }
    })
}

/// A time in microseconds since the epoch as a `SystemTime`.
fn system_time(t: apr_time_t) -> SystemTime {
    if t >= 0 {
        UNIX_EPOCH + Duration::from_micros(t as u64)
    } else {
        UNIX_EPOCH - Duration::from_micros(t.unsigned_abs())
    }
}

/// Writes a date string into a caller's `AOS_MAX_GMT_TIME_LEN` (128-byte) buffer.
fn write_date(datestr: *mut c_char, text: &str) -> c_int {
    if datestr.is_null() || text.len() >= MAX_GMT_TIME_LEN {
        return INTERNAL_ERROR;
    }
    // SAFETY: the caller gives 128 bytes; the text and its NUL fit.
    unsafe { output(datestr, text.as_bytes(), true) };
    OK
}

/// Writes the current time as an HTTP date (`Wed, 02 Dec 2026 04:00:00 GMT`) into `datestr`
/// (`AOS_MAX_GMT_TIME_LEN` bytes). AOSE_OK, or AOSE_INTERNAL_ERROR for a NULL buffer.
#[no_mangle]
pub unsafe extern "C" fn aos_get_gmt_str_time(datestr: *mut c_char) -> c_int {
    entry("aos_get_gmt_str_time", || write_date(datestr, &time::http_date(SystemTime::now())))
}

/// Writes the current time as ISO 8601 basic (`20261202T040000Z`) into `datestr`
/// (`AOS_MAX_GMT_TIME_LEN` bytes). AOSE_OK, or AOSE_INTERNAL_ERROR for a NULL buffer.
#[no_mangle]
pub unsafe extern "C" fn aos_get_iso8601_str_time(datestr: *mut c_char) -> c_int {
    entry("aos_get_iso8601_str_time", || write_date(datestr, &time::iso8601_basic(SystemTime::now())))
}

/// `aos_get_iso8601_str_time` for the time `now` (microseconds since the epoch).
#[no_mangle]
pub unsafe extern "C" fn aos_get_iso8601_str_time_ex(datestr: *mut c_char, now: apr_time_t) -> c_int {
    entry("aos_get_iso8601_str_time_ex", || write_date(datestr, &time::iso8601_basic(system_time(now))))
}

/// Day and month names as C strings, for the caller's format.
const WEEKDAY_NAMES: [&CStr; 7] = [c"Sun", c"Mon", c"Tue", c"Wed", c"Thu", c"Fri", c"Sat"];
const MONTH_NAMES: [&CStr; 12] =
    [c"Jan", c"Feb", c"Mar", c"Apr", c"May", c"Jun", c"Jul", c"Aug", c"Sep", c"Oct", c"Nov", c"Dec"];

/// Writes `tm` into `date` (`AOS_MAX_GMT_TIME_LEN` bytes) with the printf `format`, which must
/// take, in this order, the day name (`%s`), day of month, month name (`%s`), year, hour,
/// minute and second (ints) — e.g. `"%s, %.2d %s %.4d %.2d:%.2d:%.2d GMT"`. AOSE_OK,
/// AOSE_INVALID_ARGUMENT for NULL arguments or a day/month out of range, AOSE_INTERNAL_ERROR if
/// the result does not fit.
#[no_mangle]
pub unsafe extern "C" fn aos_convert_to_gmt_time(
    date: *mut c_char,
    format: *const c_char,
    tm: *mut apr_time_exp_t,
) -> c_int {
    entry_or("aos_convert_to_gmt_time", INVALID_ARGUMENT, || {
        let tm = try_ref!(tm, INVALID_ARGUMENT);
        let _ = try_c_str!(format, INVALID_ARGUMENT);
        let (Some(wday), Some(mon)) = (WEEKDAY_NAMES.get(tm.tm_wday as usize), MONTH_NAMES.get(tm.tm_mon as usize))
        else {
            return INVALID_ARGUMENT;
        };
        if date.is_null() {
            return INVALID_ARGUMENT;
        }
        // SAFETY: a buffer of AOS_MAX_GMT_TIME_LEN bytes and a format taking exactly these
        // arguments (the function's contract).
        let n = unsafe {
            libc::snprintf(
                date,
                MAX_GMT_TIME_LEN,
                format,
                wday.as_ptr(),
                tm.tm_mday,
                mon.as_ptr(),
                tm.tm_year + 1900,
                tm.tm_hour,
                tm.tm_min,
                tm.tm_sec,
            )
        };
        if n >= 0 && (n as usize) < MAX_GMT_TIME_LEN {
            OK
        } else {
            INTERNAL_ERROR
        }
    })
}

/// Writes `tm` into `date` (`AOS_MAX_GMT_TIME_LEN` bytes) with the printf `format`, which must
/// take year, month (1..12), day, hour, minute and second (ints) — e.g.
/// `"%.4d%.2d%.2dT%.2d%.2d%.2dZ"`. Answers as `aos_convert_to_gmt_time`.
#[no_mangle]
pub unsafe extern "C" fn aos_convert_to_iso8601_time(
    date: *mut c_char,
    format: *const c_char,
    tm: *mut apr_time_exp_t,
) -> c_int {
    entry_or("aos_convert_to_iso8601_time", INVALID_ARGUMENT, || {
        let tm = try_ref!(tm, INVALID_ARGUMENT);
        let _ = try_c_str!(format, INVALID_ARGUMENT);
        if date.is_null() {
            return INVALID_ARGUMENT;
        }
        // SAFETY: as in aos_convert_to_gmt_time.
        let n = unsafe {
            libc::snprintf(
                date,
                MAX_GMT_TIME_LEN,
                format,
                tm.tm_year + 1900,
                tm.tm_mon + 1,
                tm.tm_mday,
                tm.tm_hour,
                tm.tm_min,
                tm.tm_sec,
            )
        };
        if n >= 0 && (n as usize) < MAX_GMT_TIME_LEN {
            OK
        } else {
            INTERNAL_ERROR
        }
    })
}

/// Writes the day of an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT` gives `19941106`) into
/// `datestr` (`AOS_MAX_SHORT_TIME_LEN` bytes). 0; AOSE_INVALID_ARGUMENT (and an empty `datestr`)
/// if `gmt` is not such a date; 0 without writing for a NULL `gmt`, as the official SDK.
#[no_mangle]
pub unsafe extern "C" fn aos_get_gmt_time_date(gmt: *const c_char, datestr: *mut c_char) -> c_int {
    entry_or("aos_get_gmt_time_date", INVALID_ARGUMENT, || {
        let gmt = try_c_str!(gmt, 0);
        if datestr.is_null() {
            return INVALID_ARGUMENT;
        }
        let day = gmt.to_str().ok().and_then(crate::exploded_time::http_date_day).filter(|d| d.len() == 8);
        // SAFETY: the caller gives AOS_MAX_SHORT_TIME_LEN (10) bytes: 8 digits and the NUL fit.
        unsafe { output(datestr, day.as_deref().unwrap_or("").as_bytes(), true) };
        if day.is_some() {
            0
        } else {
            INVALID_ARGUMENT
        }
    })
}

/// The name of an `http_method_e` value ("GET", "HEAD", "PUT", "POST", "DELETE"), or "UNKNOWN".
#[no_mangle]
pub extern "C" fn aos_http_method_to_string(method: c_int) -> *const c_char {
    entry("aos_http_method_to_string", || {
        let name: &'static CStr = match method {
            0 => c"GET",
            1 => c"HEAD",
            2 => c"PUT",
            3 => c"POST",
            4 => c"DELETE",
            _ => c"UNKNOWN",
        };
        name.as_ptr()
    })
}

/// Sorts `size` C strings in place by byte value (`strcmp` order). Nothing for a NULL array;
/// NULL entries sort first.
#[no_mangle]
pub unsafe extern "C" fn aos_gnome_sort(headers: *mut *const c_char, size: c_int) {
    entry("aos_gnome_sort", || {
        let Ok(size) = usize::try_from(size) else {
            return;
        };
        if headers.is_null() || size == 0 {
            return;
        }
        // SAFETY: the caller gives `size` string pointers.
        let all = unsafe { std::slice::from_raw_parts_mut(headers, size) };
        // SAFETY: every entry is NULL or a NUL-terminated string.
        all.sort_by(|a, b| unsafe { super::boundary::c_str(*a).cmp(&super::boundary::c_str(*b)) });
    })
}
