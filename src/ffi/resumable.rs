//! `oss_create_resumable_clt_params_content`, `oss_resumable_download_file` and
//! `oss_resumable_download_file_ex` (progress with user data).

use std::ffi::{c_char, c_int, c_void};
use std::path::{Path, PathBuf};

use super::boundary::{c_str, entry, try_ref};
use super::config::oss_request_options_t;
use super::pool::aos_pool_t;
use super::progress::{oss_progress_callback, oss_progress_callback_ex, Progress};
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::download::{self, retry::RetryPolicy, Download};

/// How a resumable download runs.
///
/// `checkpoint_path` names the checkpoint file, or a directory to keep it
/// in: a path that is an existing directory, or that ends in '/', means
/// "a file inside this directory", named `oss-download-<32 hex>.cp` from a
/// SHA-256 of the endpoint, bucket, object, versionId and the absolute
/// target path, so downloads sharing one directory never share a
/// checkpoint and a repeated download finds its own. A path ending in '/'
/// whose directory does not exist fails with AOSE_OPEN_FILE_ERROR.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_resumable_clt_params_t {
    /// Bytes per part; zero or negative means 8 MiB. Raised so that no
    /// download has more than 10,000 parts.
    pub part_size: i64,
    /// Worker threads (each with its own connection); outside 1..1024 means 1.
    pub thread_num: i32,
    /// Keep a checkpoint so that an interrupted download resumes.
    pub enable_checkpoint: c_int,
    /// The checkpoint file, or a directory for it (see above); empty means
    /// `<filepath>.cp`.
    pub checkpoint_path: aos_string_t,
}

/// Allocates download parameters in `p` (NULL if `p` is NULL).
/// `checkpoint_path` may be NULL or empty for the default `<filepath>.cp`,
/// or name a file or a directory (see `oss_resumable_clt_params_t`); it is
/// copied into the pool.
#[no_mangle]
pub unsafe extern "C" fn oss_create_resumable_clt_params_content(
    p: *mut aos_pool_t,
    part_size: i64,
    thread_num: i32,
    enable_checkpoint: c_int,
    checkpoint_path: *const c_char,
) -> *mut oss_resumable_clt_params_t {
    entry("oss_create_resumable_clt_params_content", || {
        let pool = try_ref!(p);
        // SAFETY: NULL or NUL-terminated (this function's contract).
        let path = match unsafe { c_str(checkpoint_path) } {
            Some(s) if !s.to_bytes().is_empty() => {
                let Ok(len) = c_int::try_from(s.to_bytes().len()) else { return std::ptr::null_mut() };
                let data = pool.strdup_bytes(s.to_bytes());
                if data.is_null() {
                    return std::ptr::null_mut();
                }
                aos_string_t { len, data }
            }
            _ => aos_string_t::default(),
        };
        pool.alloc_value(oss_resumable_clt_params_t { part_size, thread_num, enable_checkpoint, checkpoint_path: path })
    })
}

/// Downloads `object` into `filepath` as `clt_params->thread_num` ranged
/// parts fetched in parallel, written in place into `<filepath>.tmp`, and
/// verified end to end (each part's range and length, the whole file's
/// CRC-64 when `enable_crc` is on). Only a complete, verified file is renamed
/// onto `filepath`; a failure never creates or changes it.
///
/// With `enable_checkpoint`, progress is journalled (in `checkpoint_path` —
/// a file, or a directory to keep it in — or `<filepath>.cp`) so that a
/// download stopped at any point — error, crash, kill,
/// `aos_http_controller_cancel` — resumes where it stopped. A journal that
/// does not belong to this object, range and target, or whose data no
/// longer checks, is discarded. `clt_params` may be NULL (one thread, 8 MiB
/// parts, no checkpoint). `headers` and `params` (may be NULL) go, signed, on
/// every request. Transient failures are retried with backoff inside each
/// part. `progress_callback` (may be NULL) is called on the caller's thread.
///
/// A `Range` header (`bytes=FIRST-LAST`, `bytes=FIRST-`, `bytes=-LENGTH`)
/// downloads just those bytes: `filepath` then holds exactly them (LAST past
/// the end is clamped), progress counts them, and the whole-object CRC-64
/// (which says nothing about a part of the object) is not compared; each
/// part's Content-Range and length still are. A range the object cannot
/// satisfy gives the server's 416 `InvalidRange`; one that is malformed,
/// inverted or lists several ranges gives AOSE_INVALID_ARGUMENT
/// `RangeInvalidError` before any request.
///
/// On success the status is the HEAD's 200 and `resp_headers` its headers;
/// for a range, 206 with `Content-Length` the range's length and a
/// `Content-Range: bytes FIRST-LAST/SIZE`.
#[no_mangle]
pub unsafe extern "C" fn oss_resumable_download_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    filepath: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    clt_params: *const oss_resumable_clt_params_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call (this function's contract).
    let progress = unsafe { Progress::forward(progress_callback) };
    let args = Args { options, bucket, object, filepath, headers, params, clt_params, resp_headers };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { resumable_download("oss_resumable_download_file", args, progress) }
}

/// `oss_resumable_download_file` with a progress callback that also receives
/// `user_data` (passed through untouched; may be NULL, as may
/// `progress_callback`). Everything else is identical.
#[no_mangle]
pub unsafe extern "C" fn oss_resumable_download_file_ex(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    filepath: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    clt_params: *const oss_resumable_clt_params_t,
    progress_callback: oss_progress_callback_ex,
    user_data: *mut c_void,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the caller's callback and its data, valid for the call (this function's contract).
    let progress = unsafe { Progress::forward_with_data(progress_callback, user_data) };
    let args = Args { options, bucket, object, filepath, headers, params, clt_params, resp_headers };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { resumable_download("oss_resumable_download_file_ex", args, progress) }
}

/// What `oss_resumable_clt_params_t` asks of a transfer (NULL: default part size, one thread, no
/// checkpoint).
pub(super) struct TransferParams {
    pub part_size: i64,
    pub threads: i32,
    pub checkpoint: Option<PathBuf>,
}

impl TransferParams {
    /// The caller's parameters for the transfer of the local file `path`; with checkpointing on
    /// and no `checkpoint_path`, the checkpoint is `default_path(path)`.
    ///
    /// # Safety
    /// `clt_params` is NULL or valid, its string readable.
    pub(super) unsafe fn read(
        clt_params: *const oss_resumable_clt_params_t,
        path: &Path,
        default_path: fn(&Path) -> PathBuf,
    ) -> Result<TransferParams, crate::error::Error> {
        // SAFETY: this function's contract.
        let Some(params) = (unsafe { clt_params.as_ref() }) else {
            return Ok(TransferParams { part_size: 0, threads: 1, checkpoint: None });
        };
        let checkpoint = match params.enable_checkpoint {
            0 => None,
            // SAFETY (both blocks): the caller's parameters are valid, their string included.
            _ => Some(match unsafe { params.checkpoint_path.as_bytes() } {
                Some(_) => unsafe { request::path(&params.checkpoint_path, "checkpoint path") }?,
                None => default_path(path),
            }),
        };
        Ok(TransferParams { part_size: params.part_size, threads: params.thread_num, checkpoint })
    }
}

/// The C arguments both entry points share.
struct Args {
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    filepath: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    clt_params: *const oss_resumable_clt_params_t,
    resp_headers: *mut *mut aos_table_t,
}

/// The one implementation behind both entry points: argument checks,
/// conversion, the download inside the panic boundary (stopped by
/// `aos_http_controller_cancel`, see `cancel.rs`), and the status.
///
/// # Safety
/// As `oss_resumable_download_file`: every pointer is NULL or valid.
unsafe fn resumable_download(name: &'static str, a: Args, mut progress: Progress) -> *mut aos_status_t {
    // SAFETY: this function's contract.
    let call = unsafe { Call::new(name, a.options, a.resp_headers) };
    call.run(|call| {
        let mut client = call.engine_client()?;
        // SAFETY: this function's contract.
        let (object, path) = unsafe {
            (request::object_ref(a.bucket, a.object, a.headers, a.params)?, request::path(a.filepath, "file path")?)
        };
        // SAFETY: this function's contract.
        let params = unsafe { TransferParams::read(a.clt_params, &path, download::checkpoint::default_path) }?;
        client.config.transfer.share_receive_buffer(params.threads);
        let d = Download {
            object,
            path,
            part_size: params.part_size,
            threads: params.threads,
            checkpoint: params.checkpoint,
            enable_crc: client.config.transfer.enable_crc,
            retry: RetryPolicy::default(),
        };
        download::run(&client, &d, call.cancel_flag(), progress.as_fn())
    })
}
