//! The request-preparation helpers of the official `oss_util.h` that programs can use on their
//! own: bucket/object name checks (the safe core's rules, `crate::url`) with their ready-made
//! error statuses, the part-size rule, a `Range` header from offset and size, and IPv4 checks.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};
use std::sync::OnceLock;

use super::boundary::{entry, entry_or, try_c_str, try_mut, try_ref};
use super::config::oss_request_options_t;
use super::define::aos_error_code_e;
use super::pool::apr_pool_t;
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::{aos_table_t, apr_table_t};

/// The string's bytes as text, or `None` when NULL, empty or not UTF-8.
fn text(s: *const aos_string_t) -> Option<String> {
    // SAFETY: an entry point's string is NULL or describes `len` readable bytes.
    let bytes = unsafe { s.as_ref()?.as_bytes()? };
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// 1 if `str` is a valid bucket name (3 to 63 of `a-z`, `0-9`, `-`, not starting or ending with
/// `-`), else 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn oss_is_valid_bucket_name(str: *const aos_string_t) -> c_int {
    entry_or("oss_is_valid_bucket_name", 0, || {
        text(str).map_or(0, |s| c_int::from(crate::names::validate_bucket(&s).is_ok()))
    })
}

/// 1 if `str` is a valid object name with `strict` checking (`oss_is_valid_object_name_ex`).
#[no_mangle]
pub unsafe extern "C" fn oss_is_valid_object_name(str: *const aos_string_t) -> c_int {
    // SAFETY: the same contract.
    unsafe { oss_is_valid_object_name_ex(str, 1) }
}

/// 1 if `str` is a valid object name (1 to 1023 bytes; with `strict`, not starting with `?`),
/// else 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn oss_is_valid_object_name_ex(str: *const aos_string_t, strict: c_int) -> c_int {
    entry_or("oss_is_valid_object_name_ex", 0, || {
        // Object names are bytes: check the length rules on the bytes, not UTF-8 text.
        // SAFETY: NULL or `len` readable bytes.
        let Some(bytes) = (unsafe { str.as_ref().and_then(|s| s.as_bytes()) }) else {
            return 0;
        };
        let lossy = String::from_utf8_lossy(bytes);
        let ok = bytes.len() <= 1023 && crate::names::validate_object(&lossy, strict != 0).is_ok();
        c_int::from(ok)
    })
}

/// A status that lives as long as the process (the official functions return a static one).
struct StaticStatus(*mut aos_status_t);
// SAFETY: written once at creation, never freed; callers only read it.
unsafe impl Send for StaticStatus {}
// SAFETY: as above.
unsafe impl Sync for StaticStatus {}

fn static_status(
    cell: &'static OnceLock<StaticStatus>,
    code: &'static [c_char],
    message: &'static std::ffi::CStr,
) -> *mut aos_status_t {
    cell.get_or_init(|| {
        StaticStatus(Box::into_raw(Box::new(aos_status_t {
            code: aos_error_code_e::AOSE_INVALID_ARGUMENT as c_int,
            error_code: code.as_ptr() as *mut c_char,
            error_msg: message.as_ptr() as *mut c_char,
            req_id: std::ptr::null_mut(),
        })))
    })
    .0
}

/// The process-wide status for an invalid bucket name: AOSE_INVALID_ARGUMENT,
/// "BucketNameInvalidError". Do not change it.
#[no_mangle]
pub extern "C" fn oss_get_bucket_name_invalid_error() -> *mut aos_status_t {
    static CELL: OnceLock<StaticStatus> = OnceLock::new();
    entry("oss_get_bucket_name_invalid_error", || {
        static_status(
            &CELL,
            &super::consts::AOS_BUCKET_NAME_INVALID_ERROR,
            c"The bucket name is invalid, please check.",
        )
    })
}

/// The process-wide status for an invalid object name: AOSE_INVALID_ARGUMENT,
/// "ObjectNameInvalidError". Do not change it.
#[no_mangle]
pub extern "C" fn oss_get_object_name_invalid_error() -> *mut aos_status_t {
    static CELL: OnceLock<StaticStatus> = OnceLock::new();
    entry("oss_get_object_name_invalid_error", || {
        static_status(
            &CELL,
            &super::consts::AOS_OBJECT_NAME_INVALID_ERROR,
            c"The object name is invalid, please check.",
        )
    })
}

/// Raises `*part_size` so that `filesize` needs at most 10,000 parts (`OSS_MAX_PART_NUM`).
/// Nothing for a NULL `part_size`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_part_size(filesize: i64, part_size: *mut i64) {
    entry("oss_get_part_size", || {
        let part_size = try_mut!(part_size);
        const MAX_PARTS: i64 = 10_000;
        if *part_size <= 0 || filesize > part_size.saturating_mul(MAX_PARTS) {
            *part_size = (filesize.max(0) + MAX_PARTS - 1) / MAX_PARTS;
        }
    })
}

/// Sets `Range: bytes=<offset>-<offset + size - 1>` in `headers` (the string in `pool`).
/// Nothing for NULL arguments or `size` < 1.
#[no_mangle]
pub unsafe extern "C" fn oss_headers_add_range(
    pool: *mut apr_pool_t,
    headers: *mut apr_table_t,
    offset: i64,
    size: i64,
) {
    entry("oss_headers_add_range", || {
        let _ = try_ref!(pool);
        let table = try_mut!(headers);
        let Some(last) = offset.checked_add(size - 1).filter(|_| size >= 1 && offset >= 0) else {
            return;
        };
        table.set(b"Range", format!("bytes={offset}-{last}").as_bytes());
    })
}

/// `table` itself, or a new table of `table_size` entries in `options->pool` when it is NULL.
/// NULL if both `table` and `options` (or its pool) are NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_table_create_if_null(
    options: *const oss_request_options_t,
    table: *mut aos_table_t,
    table_size: c_int,
) -> *mut aos_table_t {
    entry("aos_table_create_if_null", || {
        if !table.is_null() {
            return table;
        }
        let options = try_ref!(options);
        let pool = try_ref!(options.pool);
        apr_table_t::new_in(pool, table_size.max(0) as usize)
    })
}

/// 1 if `str` is a dotted-quad IPv4 address other than 0.0.0.0 and 255.255.255.255, else 0
/// (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn is_valid_ip(str: *const c_char) -> c_int {
    entry_or("is_valid_ip", 0, || {
        let text = try_c_str!(str, 0).to_str().unwrap_or("");
        let ok = text.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| !ip.is_unspecified() && !ip.is_broadcast());
        c_int::from(ok)
    })
}
