//! `oss_resumable_upload_file` (the upload engine: parallel parts, checkpoint, resume, cancel
//! through `aos_http_controller_cancel`) and `oss_upload_file` (the official SDK's one-connection
//! multipart upload of a file, continuing an upload id it is given).

use std::ptr;

use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::progress::{oss_progress_callback, Progress};
use super::request::{self, Call};
use super::resumable::{oss_resumable_clt_params_t, TransferParams};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::transfer::retry::RetryPolicy;
use crate::upload::{self, checkpoint, Upload};

/// Uploads the file `filepath` as `object` with a multipart upload: `clt_params` (may be NULL:
/// default part size, one thread, no checkpoint) gives the part size (raised to 100 KiB and to at
/// most 10,000 parts), `thread_num` workers (outside 1..1024: 1), each with its own connection,
/// reading its part from the file while sending it, and the checkpoint (`enable_checkpoint`:
/// `checkpoint_path`, a file or a directory, default `<filepath>.ucp`). A missing or unreadable
/// file fails with `AOSE_OPEN_FILE_ERROR` before any request. Each part's CRC-64 is checked, and,
/// with `enable_crc`, the object's against the combined part CRCs (`AOSE_CRC_INCONSISTENT_ERROR`).
/// Transient failures are retried with backoff. Without checkpoint a failed upload is aborted on
/// the server; with one, the next call continues it (a changed file starts over).
/// `headers` (Content-Type, else from the key's extension; metadata, ACL, storage class) go on
/// the initiation, `x-oss-callback*` headers and `params` on the completion, whose headers and
/// body (may be NULL) come back in `resp_headers` and `resp_body`. `progress_callback` (may be
/// NULL) is called on the caller's thread. `aos_http_controller_cancel` on `options->ctl` stops it.
#[no_mangle]
pub unsafe extern "C" fn oss_resumable_upload_file(
    options: *mut oss_request_options_t,
    bucket: *mut aos_string_t,
    object: *mut aos_string_t,
    filepath: *mut aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    clt_params: *mut oss_resumable_clt_params_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call (this function's contract).
    let mut progress = unsafe { Progress::forward(progress_callback) };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_resumable_upload_file", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            params,
            |call, _, obj| {
                let client = &call.engine_client()?;
                let path = request::path(filepath, "file path")?;
                let transfer = TransferParams::read(clt_params, &path, checkpoint::default_path)?;
                let u = Upload {
                    object: obj.clone(),
                    path,
                    part_size: transfer.part_size,
                    threads: transfer.threads,
                    checkpoint: transfer.checkpoint,
                    enable_crc: client.config.transfer.enable_crc,
                    retry: RetryPolicy::default(),
                };
                let sent = upload::run(client, &u, call.cancel_flag(), progress.as_fn());
                request::hand_body(call.pool(), resp_body, &sent);
                Ok(sent?.0)
            },
        )
    }
}

/// The official SDK's simple multipart upload of `filepath`: with `upload_id->data` NULL a new
/// upload is started and its id put in `*upload_id` (in `options->pool`); otherwise the upload
/// continues after the parts the server lists. Parts of `part_size` bytes (raised so there are at
/// most 10,000) are sent one after another, then the upload is completed with `headers`. The
/// file is checked before any request.
#[no_mangle]
pub unsafe extern "C" fn oss_upload_file(
    options: *mut oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *mut aos_string_t,
    filepath: *mut aos_string_t,
    part_size: i64,
    headers: *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_upload_file", options, ptr::null_mut()).on_object(
            bucket,
            object,
            headers,
            ptr::null(),
            |call, client, obj| {
                let out = upload_id.as_mut().ok_or_else(|| {
                    crate::error::Error::invalid_argument(crate::error::codes::CLIENT, "no upload id string given")
                })?;
                let path = request::path(filepath, "file path")?;
                let mut id = match out.as_bytes() {
                    Some(_) => Some(request::text(out, "upload id")?),
                    None => None,
                };
                let had_id = id.is_some();
                let outcome =
                    upload::sequential::upload_file(client, &mut client.session()?, obj, &mut id, &path, part_size);
                if let (false, Some(id)) = (had_id, id) {
                    *out = aos_string_t::from_pool(call.pool(), &id);
                }
                outcome.map(|(answer, _)| answer)
            },
        )
    }
}
