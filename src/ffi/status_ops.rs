//! The `aos_status.h` functions beyond create/dup (which are in `status.rs`): whether a failed
//! request is worth repeating, and a status from an answer's error document in a buffer list.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};
use std::ptr;

use super::boundary::{entry, entry_or, try_ref};
use super::buf::list_bytes;
use super::consts::AOS_UNKNOWN_ERROR_CODE;
use super::define::aos_error_code_e;
use super::list::aos_list_t;
use super::pool::aos_pool_t;
use super::status::aos_status_t;
use crate::http::parse_error_body;

/// 1 if the failure in `s` is transient — a 5xx answer, or a connection failure, timeout or
/// service error on the client side — else 0 (also for NULL and successes).
#[no_mangle]
pub unsafe extern "C" fn aos_should_retry(s: *mut aos_status_t) -> c_int {
    entry_or("aos_should_retry", 0, || {
        let code = try_ref!(s, 0).code;
        let transient = code / 100 == 5
            || [
                aos_error_code_e::AOSE_CONNECTION_FAILED,
                aos_error_code_e::AOSE_REQUEST_TIMEOUT,
                aos_error_code_e::AOSE_FAILED_CONNECT,
                aos_error_code_e::AOSE_SERVICE_ERROR,
            ]
            .iter()
            .any(|&c| c as c_int == code);
        c_int::from(code / 100 != 2 && transient)
    })
}

/// Fills `s` (or, if NULL, a new status in `p`) from an answer with HTTP status `code` and body
/// `bc` (a list of `aos_buf_t`): for a non-2xx `code`, `error_code`, `error_msg` and `req_id`
/// come from the OSS error document (`<Error><Code>..`), or `error_code` is "UnknownError" when
/// the body is empty or not such a document. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_status_parse_from_body(
    p: *mut aos_pool_t,
    bc: *mut aos_list_t,
    code: c_int,
    s: *mut aos_status_t,
) -> *mut aos_status_t {
    entry("aos_status_parse_from_body", || {
        let pool = try_ref!(p);
        let s = if s.is_null() {
            pool.alloc_value(aos_status_t {
                code: 0,
                error_code: ptr::null_mut(),
                error_msg: ptr::null_mut(),
                req_id: ptr::null_mut(),
            })
        } else {
            s
        };
        // SAFETY: the caller's status, or the one just allocated (NULL only when out of memory).
        let Some(status) = (unsafe { s.as_mut() }) else {
            return ptr::null_mut();
        };
        status.code = code;
        if code / 100 == 2 {
            return s;
        }
        // SAFETY: `bc` is NULL or a list of buffers (the function's contract).
        match parse_error_body(&unsafe { list_bytes(bc) }) {
            Some(body) => {
                status.error_code = pool.strdup(&body.code);
                status.error_msg = pool.strdup(&body.message);
                if let Some(id) = body.request_id {
                    status.req_id = pool.strdup(&id);
                }
            }
            None => status.error_code = AOS_UNKNOWN_ERROR_CODE.as_ptr() as *mut c_char,
        }
        s
    })
}
