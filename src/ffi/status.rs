//! `aos_status_t`: the result every request function returns, allocated in the caller's pool.
//!
//! `aos_status_is_ok`, `aos_http_is_ok` and `aos_status_set` are inline/macros in the header
//! trailer (cbindgen.toml), as in the official SDK. Rust code builds statuses with
//! [`status_new`].

use std::ffi::{c_char, c_int};
use std::ptr;

use super::boundary::{c_str, entry, try_ref};
use super::pool::{aos_pool_t, apr_pool_t};

/// The outcome of a request. `code` is the HTTP status for an answer from the server (2xx is
/// success, see `aos_status_is_ok`) or a negative `AOSE_*` value for a client-side failure.
/// The strings live in the pool the status was allocated from; any of them may be NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_status_s {
    /// HTTP status (> 0) or a negative `aos_error_code_e` value.
    pub code: c_int,
    /// The server's error `Code` (e.g. "NoSuchKey") or the SDK's client error code (e.g.
    /// "OpenFileFail"); NULL on success.
    pub error_code: *mut c_char,
    /// A human-readable message; NULL on success.
    pub error_msg: *mut c_char,
    /// The server's request id (`x-oss-request-id`), when there was an answer.
    pub req_id: *mut c_char,
}

/// The SDK's name for `aos_status_s`.
pub type aos_status_t = aos_status_s;

/// Builds a status in `pool`: `code`, and pool copies of the strings (`None` stays NULL).
/// Returns null only if memory is exhausted.
///
/// This is how the request functions hand their outcome to C, e.g.
/// `status_new(pool, -985, Some("OpenFileFail"), Some("cannot open /x.tmp: ..."), None)`.
pub fn status_new(
    pool: &apr_pool_t,
    code: i32,
    error_code: Option<&str>,
    message: Option<&str>,
    request_id: Option<&str>,
) -> *mut aos_status_t {
    let copy = |s: Option<&str>| s.map_or(ptr::null_mut(), |s| pool.strdup(s));
    pool.alloc_value(aos_status_s {
        code,
        error_code: copy(error_code),
        error_msg: copy(message),
        req_id: copy(request_id),
    })
}

/// Allocates a status in the pool with `code` 0 and NULL strings. NULL if `p` is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_status_create(p: *mut aos_pool_t) -> *mut aos_status_t {
    entry("aos_status_create", || {
        try_ref!(p).alloc_value(aos_status_s {
            code: 0,
            error_code: ptr::null_mut(),
            error_msg: ptr::null_mut(),
            req_id: ptr::null_mut(),
        })
    })
}

/// Copies a status and its strings into the pool `p`. NULL if `p` or `src` is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_status_dup(p: *mut aos_pool_t, src: *mut aos_status_t) -> *mut aos_status_t {
    entry("aos_status_dup", || {
        let (pool, src) = (try_ref!(p), try_ref!(src));
        // SAFETY: a status's strings are NULL or NUL-terminated (the caller's status is valid).
        let copy = |s: *mut c_char| unsafe { c_str(s) }.map_or(ptr::null_mut(), |s| pool.strdup_bytes(s.to_bytes()));
        pool.alloc_value(aos_status_s {
            code: src.code,
            error_code: copy(src.error_code),
            error_msg: copy(src.error_msg),
            req_id: copy(src.req_id),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn build_create_and_dup() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let s = status_new(&*pool, 404, Some("NoSuchKey"), Some("gone"), Some("rid"));
            assert_eq!((*s).code, 404);
            assert_eq!(CStr::from_ptr((*s).error_code).to_bytes(), b"NoSuchKey");
            let other = apr_pool_t::create(ptr::null_mut());
            let d = aos_status_dup(other, s);
            assert_eq!((*d).code, 404);
            assert_ne!((*d).error_msg, (*s).error_msg);
            assert_eq!(CStr::from_ptr((*d).req_id).to_bytes(), b"rid");
            apr_pool_t::destroy(pool);
            assert_eq!(CStr::from_ptr((*d).error_msg).to_bytes(), b"gone");
            let ok = status_new(&*other, 200, None, None, None);
            assert!((*ok).error_code.is_null() && (*ok).req_id.is_null());
            let z = aos_status_create(other);
            assert_eq!((*z).code, 0);
            assert!(aos_status_create(ptr::null_mut()).is_null());
            assert!(aos_status_dup(other, ptr::null_mut()).is_null());
            apr_pool_t::destroy(other);
        }
    }
}
