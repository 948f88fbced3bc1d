//! What every request function shares: turning its C arguments into core
//! values (a `Client`, an `ObjectRef`, a path) and its outcome back into a
//! pool-allocated `aos_status_t`, the response header table and the
//! controller's timings.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::OnceLock;

use super::boundary::{entry, entry_or};
use super::buf::set_body;
use super::cancel::Registration;
use super::config::{aos_http_controller_t, oss_request_options_t, read_request_options};
use super::list::aos_list_t;
use super::pool::apr_pool_t;
use super::status::{aos_status_t, status_new};
use super::string::aos_string_t;
use super::table::{aos_table_t, table_from_pairs, table_to_pairs};
use crate::client::{Client, ObjectRef};
use crate::error::{codes, ClientCode, Error};
use crate::http::Response;
use crate::ops::Parsed;
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
    // SAFETY: as this function's contract.
    unsafe { options.as_ref().and_then(|o| o.pool.as_ref()) }.unwrap_or_else(orphan_pool)
}

/// The status for a failure.
pub fn error_status(pool: &apr_pool_t, error: &Error) -> *mut aos_status_t {
    status_new(pool, error.code(), Some(error.error_code()), Some(error.message()), error.request_id())
}

/// The status for a server answer (2xx): its code and request id.
pub fn response_status(pool: &apr_pool_t, response: &Response) -> *mut aos_status_t {
    status_new(pool, i32::from(response.status), None, None, response.request_id())
}

/// An `aos_string_t` argument as bytes; `None` for NULL or empty.
///
/// # Safety
/// `s` is NULL or points to a valid `aos_string_t` whose data is readable.
unsafe fn bytes<'a>(s: *const aos_string_t) -> Option<&'a [u8]> {
    // SAFETY: as this function's contract.
    unsafe { s.as_ref().and_then(|s| s.as_bytes()) }
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
    // SAFETY: as this function's contract.
    let (bucket, key, headers, query) = unsafe {
        (
            bytes(bucket).unwrap_or_default(),
            bytes(object).unwrap_or_default(),
            table_to_pairs(headers),
            table_to_pairs(params),
        )
    };
    let (bucket, key) = crate::names::from_bytes(bucket, key)?;
    Ok(ObjectRef { bucket, key, headers, query })
}

/// Hands what a request brought back to the caller's `resp_body` (NULL: nowhere) as the official
/// SDK does, success or not: the answer's body, or the error document the server sent (empty when
/// none came). The list's old content is dropped unread ([`set_body`]).
///
/// # Safety
/// `list` is NULL or valid for writes (an entry point's contract).
pub unsafe fn hand_body(pool: &apr_pool_t, list: *mut aos_list_t, sent: &Parsed<Vec<u8>>) {
    let bytes = match sent {
        Ok((_, body)) => body.as_slice(),
        Err(failure) => failure.error_body(),
    };
    // SAFETY: this function's contract. Out of memory leaves an empty list; the status says how
    // the request went.
    unsafe { set_body(pool, list, bytes) };
}

/// A text argument (a prefix, a marker, a target key): UTF-8; NULL or empty is "".
///
/// # Safety
/// `s` is NULL or points to a valid, readable `aos_string_t`.
pub unsafe fn text(s: *const aos_string_t, what: &str) -> Result<String, Error> {
    // SAFETY: as this function's contract.
    let raw = unsafe { bytes(s) }.unwrap_or_default();
    String::from_utf8(raw.to_vec())
        .map_err(|_| Error::invalid_argument(codes::CLIENT, format!("the {what} is not UTF-8")))
}

/// A file path argument (any bytes but NUL; need not be UTF-8).
///
/// # Safety
/// `s` is NULL or points to a valid, readable `aos_string_t`.
pub unsafe fn path(s: *const aos_string_t, what: &str) -> Result<PathBuf, Error> {
    // SAFETY: as this function's contract.
    match unsafe { bytes(s) } {
        Some(b) if !b.contains(&0) => Ok(PathBuf::from(OsString::from_vec(b.to_vec()))),
        Some(_) => {
            Err(Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, format!("the {what} contains a NUL byte")))
        }
        None => Err(Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, format!("no {what} given"))),
    }
}

/// What every request function shares: its name (for the log), the options (configuration,
/// controller, result pool) and where the response headers go. An entry point makes one and runs
/// its body through [`Call::run`]:
///
/// ```ignore
/// // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
/// unsafe {
///     Call::new("oss_head_object", options, resp_headers).on_object(bucket, object, headers, ptr::null(), |_, c, o| {
///         object::head_object(c, &mut c.session()?, o)
///     })
/// }
/// ```
///
/// or, when the arguments are more than one object's, `call.run(|call| { … call.client()? … })`.
pub struct Call {
    name: &'static str,
    options: *const oss_request_options_t,
    resp_headers: *mut *mut aos_table_t,
    /// Registered under the controller while [`Call::run`] runs: `aos_http_controller_cancel`.
    cancel: Option<Registration>,
}

impl Call {
    /// # Safety
    /// `options` is NULL or valid, and so is everything reachable from it (config strings,
    /// controller, pool); `resp_headers` is NULL or writable. Both stay so while the `Call` lives.
    pub unsafe fn new(
        name: &'static str,
        options: *const oss_request_options_t,
        resp_headers: *mut *mut aos_table_t,
    ) -> Call {
        Call { name, options, resp_headers, cancel: None }
    }

    /// The client the options describe; inside [`Call::run`], its sessions stop when the call is
    /// cancelled.
    pub fn client(&self) -> Result<Client, Error> {
        // SAFETY: `Call::new`'s contract.
        let config = unsafe { read_request_options(self.options) }
            .map_err(|e| Error::invalid_argument(codes::CLIENT, e.to_string()))?;
        let mut client = Client::new(config)?;
        client.stop = self.cancel.as_ref().map(|r| r.flag.clone());
        Ok(client)
    }

    /// The client for a resumable engine, whose sessions do not stop on the cancel flag by
    /// themselves: the engine watches [`Call::cancel_flag`], stops its workers, and still sends its
    /// clean-up afterwards (an upload without checkpoint is aborted on the server).
    pub fn engine_client(&self) -> Result<Client, Error> {
        Ok(Client { stop: None, ..self.client()? })
    }

    /// Set once `aos_http_controller_cancel` cancels this call (inside [`Call::run`]).
    pub fn cancel_flag(&self) -> Option<&AtomicBool> {
        self.cancel.as_ref().map(|r| &*r.flag)
    }

    /// The caller's controller, or NULL.
    pub fn controller(&self) -> *mut aos_http_controller_t {
        // SAFETY: `Call::new`'s contract.
        unsafe { self.options.as_ref() }.map_or(ptr::null_mut(), |o| o.ctl)
    }

    /// Runs `body` behind the panic boundary as one traced call (`call_log::traced`: its INFO or
    /// ERROR line), cancellable through the options' controller, and hands its outcome to C
    /// ([`Call::finish`]); a panic becomes an `AOSE_INTERNAL_ERROR` status.
    pub fn run(mut self, body: impl FnOnce(&Call) -> Outcome) -> *mut aos_status_t {
        self.cancel = Some(Registration::new(self.controller()));
        match entry_or(self.name, None, || Some(crate::call_log::traced(self.name, || body(&self)))) {
            Some(outcome) => entry(self.name, || self.finish(outcome)),
            None => entry(self.name, || {
                error_status(self.pool(), &Error::internal("internal error (caught at the C boundary)"))
            }),
        }
    }

    /// [`Call::run`] for the common shape "one operation on one object": the client, then the
    /// object (names checked, the caller's headers and parameters), then `op`.
    ///
    /// # Safety
    /// Each argument is NULL or valid for the call (an entry point's contract).
    pub unsafe fn on_object(
        self,
        bucket: *const aos_string_t,
        object: *const aos_string_t,
        headers: *const aos_table_t,
        params: *const aos_table_t,
        op: impl FnOnce(&Call, &Client, &ObjectRef) -> Outcome,
    ) -> *mut aos_status_t {
        self.run(|call| {
            let client = call.client()?;
            // SAFETY: this function's contract.
            let object = unsafe { object_ref(bucket, object, headers, params) }?;
            op(call, &client, &object)
        })
    }

    /// [`Call::run`] for an operation on a bucket: the client, then the bucket name (checked),
    /// then `op`.
    ///
    /// # Safety
    /// `bucket` is NULL or valid for the call (an entry point's contract).
    pub unsafe fn on_bucket(
        self,
        bucket: *const aos_string_t,
        op: impl FnOnce(&Call, &Client, &str) -> Outcome,
    ) -> *mut aos_status_t {
        self.run(|call| {
            let client = call.client()?;
            // SAFETY: this function's contract.
            let bucket = crate::names::bucket_from_bytes(unsafe { bytes(bucket) }.unwrap_or_default())?;
            op(call, &client, &bucket)
        })
    }

    /// The pool the results of this call go into (statuses, strings, list entries).
    pub fn pool(&self) -> &apr_pool_t {
        // SAFETY: `Call::new`'s contract.
        unsafe { result_pool(self.options) }
    }

    /// Hands an outcome to C: the response headers (when there was an answer) into
    /// `*resp_headers`, the controller's times, and the status.
    fn finish(&self, outcome: Outcome) -> *mut aos_status_t {
        let pool = self.pool();
        let (response, status) = match &outcome {
            Ok(response) => (Some(response), response_status(pool, response)),
            Err(failure) => (failure.response.as_deref(), error_status(pool, &failure.error)),
        };
        if let Some(response) = response {
            // SAFETY: `Call::new`'s contract: NULL or writable.
            if let Some(out) = unsafe { self.resp_headers.as_mut() } {
                *out = table_from_pairs(pool, response.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            }
            store_timings(self.controller(), response);
        }
        status
    }
}

/// Records the request's timings in the controller (NULL: nowhere).
fn store_timings(ctl: *mut aos_http_controller_t, response: &Response) {
    if ctl.is_null() {
        return;
    }
    // Threads sharing one controller finish requests at the same time: atomic stores keep their
    // timings from racing (each field is an aligned int64_t).
    // SAFETY: a live controller (the caller's options); the fields are aligned `int64_t`s that
    // only ever change through such atomic stores while requests run.
    unsafe {
        let store = |field: *mut i64, value: i64| AtomicI64::from_ptr(field).store(value, Ordering::Relaxed);
        store(ptr::addr_of_mut!((*ctl).start_time), response.timings.start_us);
        store(ptr::addr_of_mut!((*ctl).first_byte_time), response.timings.first_byte_us);
        store(ptr::addr_of_mut!((*ctl).finish_time), response.timings.finish_us);
    }
}
