//! What every request function shares: turning its C arguments into core
//! values (a `Client`, an `ObjectRef`, a path) and its outcome back into a
//! pool-allocated `aos_status_t`, the response header table and the
//! controller's timings.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::ptr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

use super::boundary::guard;
use super::config::{oss_request_options_t, read_request_options};
use super::pool::apr_pool_t;
use super::status::{aos_status_t, status_new};
use super::string::aos_string_t;
use super::table::{aos_table_t, table_from_pairs, table_to_pairs};
use crate::client::{Client, ObjectRef};
use crate::error::{codes, ClientCode, Error};
use crate::http::Response;
use crate::outcome::Outcome;

/// Where statuses go when the caller gave no pool to put them in (NULL
/// options or NULL `options->pool`): a process-wide pool, never destroyed.
/// Only misuse reaches it, and each such call costs a few dozen bytes.
fn orphan_pool() -> &'static apr_pool_t {
    struct PoolPtr(*mut apr_pool_t);
    // SAFETY: the pool is internally synchronised (allocation takes its mutex)
    // and lives for the whole process.
    unsafe impl Send for PoolPtr {}
    unsafe impl Sync for PoolPtr {}
    static POOL: OnceLock<PoolPtr> = OnceLock::new();
    // SAFETY: a root pool (NULL parent), never destroyed.
    let ptr = POOL.get_or_init(|| PoolPtr(unsafe { apr_pool_t::create(ptr::null_mut()) })).0;
    // SAFETY: created above, never freed.
    unsafe { &*ptr }
}

/// The pool results of this call live in.
///
/// # Safety
/// `options` is NULL or points to a valid `oss_request_options_t` whose
/// `pool` is NULL or a live pool.
pub unsafe fn result_pool<'a>(options: *const oss_request_options_t) -> &'a apr_pool_t {
    options.as_ref().and_then(|o| o.pool.as_ref()).unwrap_or_else(orphan_pool)
}

/// The status for a failure.
pub fn error_status(pool: &apr_pool_t, error: &Error) -> *mut aos_status_t {
    status_new(pool, error.code(), Some(error.error_code()), Some(error.message()), error.request_id())
}

/// The status for a server answer (2xx): its code and request id.
pub fn response_status(pool: &apr_pool_t, response: &Response) -> *mut aos_status_t {
    status_new(pool, i32::from(response.status), None, None, response.request_id())
}

/// Reads the options into a client.
///
/// # Safety
/// As `read_request_options`.
pub unsafe fn client(options: *const oss_request_options_t) -> Result<Client, Error> {
    let config = read_request_options(options).map_err(|e| Error::invalid_argument(codes::CLIENT, e.to_string()))?;
    Client::new(config)
}

/// An `aos_string_t` argument as bytes; `None` for NULL or empty.
///
/// # Safety
/// `s` is NULL or points to a valid `aos_string_t` whose data is readable.
unsafe fn bytes<'a>(s: *const aos_string_t) -> Option<&'a [u8]> {
    s.as_ref().and_then(|s| s.as_bytes())
}

/// The object a call is about, with the caller's headers and parameters.
///
/// # Safety
/// Pointers are NULL or valid (`aos_string_t`s readable, tables live).
pub unsafe fn object_ref(
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
) -> Result<ObjectRef, Error> {
    let (bucket, key) = crate::names::from_bytes(bytes(bucket).unwrap_or_default(), bytes(object).unwrap_or_default())?;
    Ok(ObjectRef { bucket, key, headers: table_to_pairs(headers), query: table_to_pairs(params) })
}

/// A file path argument (any bytes but NUL; need not be UTF-8).
///
/// # Safety
/// `s` is NULL or points to a valid, readable `aos_string_t`.
pub unsafe fn path(s: *const aos_string_t, what: &str) -> Result<PathBuf, Error> {
    match bytes(s) {
        Some(b) if !b.contains(&0) => Ok(PathBuf::from(OsString::from_vec(b.to_vec()))),
        Some(_) => {
            Err(Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, format!("the {what} contains a NUL byte")))
        }
        None => Err(Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, format!("no {what} given"))),
    }
}

/// Hands an outcome to C: the response headers (when there was an answer)
/// into `*resp_headers`, the controller's times, and the status.
///
/// # Safety
/// `options` as in `result_pool`; `resp_headers` is NULL or writable.
pub unsafe fn finish(
    options: *const oss_request_options_t,
    resp_headers: *mut *mut aos_table_t,
    outcome: Outcome,
) -> *mut aos_status_t {
    let pool = result_pool(options);
    let (response, status) = match &outcome {
        Ok(response) => (Some(response), response_status(pool, response)),
        Err(failure) => (failure.response.as_deref(), error_status(pool, &failure.error)),
    };
    if let Some(response) = response {
        if let Some(out) = resp_headers.as_mut() {
            *out = table_from_pairs(pool, response.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        if let Some(ctl) = options.as_ref().map(|o| o.ctl).filter(|c| !c.is_null()) {
            // Threads sharing one controller finish requests at the same time: atomic
            // stores keep their timings from racing (each field is an aligned int64_t).
            let store = |field: *mut i64, value: i64| AtomicI64::from_ptr(field).store(value, Ordering::Relaxed);
            store(ptr::addr_of_mut!((*ctl).start_time), response.timings.start_us);
            store(ptr::addr_of_mut!((*ctl).first_byte_time), response.timings.first_byte_us);
            store(ptr::addr_of_mut!((*ctl).finish_time), response.timings.finish_us);
        }
    }
    status
}

/// Runs a request function's `body` behind the panic boundary and hands its
/// outcome to C (`finish`); a panic becomes an `AOSE_INTERNAL_ERROR` status.
///
/// # Safety
/// As `finish`.
pub unsafe fn call(
    name: &'static str,
    options: *const oss_request_options_t,
    resp_headers: *mut *mut aos_table_t,
    body: impl FnOnce() -> Outcome,
) -> *mut aos_status_t {
    match guard(name, None, || Some(body())) {
        Some(outcome) => guard(name, ptr::null_mut(), || finish(options, resp_headers, outcome)),
        None => guard(name, ptr::null_mut(), || {
            error_status(result_pool(options), &Error::internal("internal error (caught at the C boundary)"))
        }),
    }
}
