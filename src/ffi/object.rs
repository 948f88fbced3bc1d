//! `oss_head_object`, `oss_get_object_meta`, `oss_get_object_to_file` and
//! `oss_do_get_object_to_file`: single requests, each on a fresh connection.

use std::ptr;

use super::buf::{aos_buf_t, buffer_with, set_body};
use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::pool::aos_pool_t;
use super::progress::{oss_progress_callback, Progress};
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::error::{codes, ClientCode, Error, Result};
use crate::object;
use crate::ops::fetch::{get_object_to_memory, MemorySink};
use crate::outcome::Outcome;

/// HEAD an object: its metadata and user meta come back in `resp_headers`.
/// `headers` (may be NULL) are sent and signed, e.g. If-Match or
/// x-oss-request-payer. Returns the status in `options->pool`.
#[no_mangle]
pub unsafe extern "C" fn oss_head_object(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *const aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_head_object", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            ptr::null(),
            |_, c, o| object::head_object(c, &mut c.session()?, o),
        )
    }
}

/// GetObjectMeta (`HEAD ?objectMeta`): Content-Length, ETag, Last-Modified
/// and the CRC-64 come back in `resp_headers`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_meta(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_object_meta", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, c, o| object::get_object_meta(c, &mut c.session()?, o),
        )
    }
}

/// GET an object into `filename`. The body goes to `<filename>.tmp`, is
/// checked against the server's CRC-64 when the whole object was received and
/// `enable_crc` is on, and is renamed onto `filename` only on success: a
/// failure never creates or changes `filename`. `headers` (Range, If-Match,
/// x-oss-traffic-limit...) and `params` (versionId, response-*...) may be NULL.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_to_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    filename: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe { oss_do_get_object_to_file(options, bucket, object, headers, params, filename, None, resp_headers) }
}

/// `oss_get_object_to_file` with a progress callback (may be NULL), called on
/// the caller's thread.
#[no_mangle]
pub unsafe extern "C" fn oss_do_get_object_to_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    filename: *const aos_string_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    let call = unsafe { Call::new("oss_do_get_object_to_file", options, resp_headers) };
    call.run(|call| {
        let client = call.client()?;
        // SAFETY: as above.
        let (obj, path) =
            unsafe { (request::object_ref(bucket, object, headers, params)?, request::path(filename, "file name")?) };
        // SAFETY: the caller's callback, valid for the call (this function's contract).
        let mut progress = unsafe { Progress::forward(progress_callback) };
        let enable_crc = client.config.transfer.enable_crc;
        object::get_object_to_file(&client, &mut client.session()?, &obj, &path, enable_crc, progress.as_fn())
    })
}

/// A GET's body as buffers in the call's pool (a retried attempt starts them over), handed to the
/// caller's list when the GET is over ([`PoolBuffers::hand_over`]).
pub(super) struct PoolBuffers<'p> {
    pool: &'p aos_pool_t,
    buffers: Vec<*mut aos_buf_t>,
}

impl MemorySink for PoolBuffers<'_> {
    fn reset(&mut self) {
        self.buffers.clear();
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let b = buffer_with(self.pool, bytes);
        if b.is_null() {
            return Err(Error::transport(ClientCode::OutMemory, "out of memory for the body"));
        }
        self.buffers.push(b);
        Ok(())
    }
}

impl<'p> PoolBuffers<'p> {
    pub(super) fn new(pool: &'p aos_pool_t) -> Self {
        PoolBuffers { pool, buffers: Vec::new() }
    }

    /// Hands the GET's outcome to the caller's `list` as the official SDK does (its
    /// `aos_list_movelist`): the body's buffers in order, or on failure the error document the
    /// server sent (empty when none came). What the list held is dropped unread: it may be
    /// uninitialised, or link buffers of a pool destroyed since (the official samples reuse one
    /// list across pools).
    ///
    /// # Safety
    /// `list` is valid for writes and stays at its address while the list is used.
    pub(super) unsafe fn hand_over(self, list: *mut aos_list_t, got: &Outcome) {
        if let Err(failure) = got {
            // SAFETY: this function's contract.
            unsafe { set_body(self.pool, list, failure.error_body()) };
            return;
        }
        // SAFETY: writable (this function's contract); the old links are not followed.
        unsafe { aos_list_t::init(list) };
        for b in self.buffers {
            // SAFETY: initialised above, and a new, unlinked buffer.
            unsafe { aos_list_t::add_tail(&mut (*b).node, list) };
        }
    }
}

/// Runs `fetch` into buffers in the call's pool and hands its outcome to `buffer`
/// ([`PoolBuffers::hand_over`]: the body, or the server's error document; NULL is refused).
///
/// # Safety
/// `buffer` is NULL or valid for writes for the call.
pub(super) unsafe fn into_buffer_list(
    call: &Call,
    buffer: *mut aos_list_t,
    fetch: impl FnOnce(&mut PoolBuffers) -> Outcome,
) -> Outcome {
    if buffer.is_null() {
        return Err(Error::invalid_argument(codes::CLIENT, "no buffer list given").into());
    }
    let mut sink = PoolBuffers::new(call.pool());
    let got = fetch(&mut sink);
    // SAFETY: writable (this function's contract).
    unsafe { sink.hand_over(buffer, &got) };
    got
}

/// GET an object into memory: `buffer` becomes its body, as `aos_buf_t`s allocated in
/// `options->pool` (what the list held before is dropped unread, as the official SDK does; on
/// failure it holds the server's error document). A body larger than the controller's
/// `max_memory_size` fails with `AOSE_OVER_MEMORY` before it is held. With `enable_crc`, the
/// CRC-64 of a whole object is checked. `headers` (Range, If-*...) and `params` (versionId,
/// response-*...) may be NULL.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_to_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    buffer: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe { oss_do_get_object_to_buffer(options, bucket, object, headers, params, buffer, None, resp_headers) }
}

/// `oss_get_object_to_buffer` with a progress callback (may be NULL), called on the caller's
/// thread.
#[no_mangle]
pub unsafe extern "C" fn oss_do_get_object_to_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    buffer: *mut aos_list_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call (this function's contract).
    let mut progress = unsafe { Progress::forward(progress_callback) };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_do_get_object_to_buffer", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            params,
            |call, client, obj| {
                let transfer = &client.config.transfer;
                let (crc, limit) = (transfer.enable_crc, transfer.max_memory_size);
                into_buffer_list(call, buffer, |sink| {
                    get_object_to_memory(client, &mut client.session()?, obj, crc, limit, sink, progress.as_fn())
                })
            },
        )
    }
}
