//! PutObject and AppendObject, from a list of buffers or from a file:
//! `oss_put_object_from_buffer`, `oss_put_object_from_file`, `oss_append_object_from_buffer`,
//! `oss_append_object_from_file` and their `oss_do_*` forms (parameters, progress, the answer's
//! body). Bodies stream: the buffers are sent as they are, a file is read in pieces with `pread`.

use std::fs::File;
use std::path::Path;
use std::ptr;

use super::buf::list_slices;
use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::progress::{oss_progress_callback, Progress};
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::client::{Client, ObjectRef};
use crate::error::{codes, ClientCode, Error};
use crate::http::{Session, Source};
use crate::ops::upload::{self, AppendAt, Upload};
use crate::ops::Parsed;

/// Where an upload's bytes come from, as the C caller gave them.
#[derive(Clone, Copy)]
enum Payload {
    Buffers(*const aos_list_t),
    File(*const aos_string_t),
}

/// PUT or APPEND, given a body and where progress goes.
type Send<'a> = &'a mut dyn FnMut(&Client, &mut Session, &ObjectRef, Upload, Progressing) -> Parsed<Vec<u8>>;
type Progressing<'p> = Option<&'p mut dyn FnMut(u64, u64)>;

/// The C arguments every upload entry point shares.
struct Args {
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    payload: Payload,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    progress: oss_progress_callback,
    resp_body: *mut aos_list_t,
    /// Whether the CRC-64 is checked (when `enable_crc` is on too): the plain append forms,
    /// which know no CRC of the object so far, do not check it, as in the official SDK.
    check_crc: bool,
}

impl Args {
    fn new(bucket: *const aos_string_t, object: *const aos_string_t, payload: Payload) -> Args {
        Args {
            bucket,
            object,
            payload,
            headers: ptr::null(),
            params: ptr::null(),
            progress: None,
            resp_body: ptr::null_mut(),
            check_crc: true,
        }
    }
}

/// The one implementation behind the eight entry points: arguments checked and converted, the
/// file opened before any request (a missing file is `OpenFileFail`, and nothing is sent), the
/// body sent, the answer's body copied into `resp_body`.
///
/// # Safety
/// Every pointer of `a` is NULL or valid for the call (an entry point's contract); `call` was made
/// under the same contract.
unsafe fn upload(call: Call, a: Args, send: Send) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call.
    let mut progress = unsafe { Progress::forward(a.progress) };
    // SAFETY: this function's contract.
    unsafe {
        call.on_object(a.bucket, a.object, a.headers, a.params, |call, client, obj| {
            let enable_crc = client.config.transfer.enable_crc && a.check_crc;
            let sent = match a.payload {
                Payload::Buffers(list) => {
                    if list.is_null() {
                        return Err(Error::invalid_argument(codes::CLIENT, "no buffer list given").into());
                    }
                    let buffers = list_slices(list);
                    let upload = Upload { source: Source::Buffers(&buffers), mime_name: None, enable_crc };
                    send(client, &mut client.session()?, obj, upload, progress.as_fn())
                }
                Payload::File(name) => {
                    let path = request::path(name, "file name")?;
                    let (file, len) = open(&path)?;
                    let source = Source::FileRange { file: &file, offset: 0, len };
                    let upload = Upload { source, mime_name: path.to_str(), enable_crc };
                    send(client, &mut client.session()?, obj, upload, progress.as_fn())
                }
            };
            request::hand_body(call.pool(), a.resp_body, &sent);
            Ok(sent?.0)
        })
    }
}

/// Opens the file to send and measures it, before any request.
pub(super) fn open(path: &Path) -> Result<(File, u64), Error> {
    let fail = |what: &str, e: std::io::Error| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, what, path, &e);
    let file = File::open(path).map_err(|e| fail("cannot open", e))?;
    let meta = file.metadata().map_err(|e| fail("cannot read the size of", e))?;
    if meta.is_dir() {
        return Err(Error::file(
            ClientCode::OpenFileError,
            codes::OPEN_FILE,
            format!("{} is a directory", path.display()),
        ));
    }
    Ok((file, meta.len()))
}

fn put(
    client: &Client,
    session: &mut Session,
    obj: &ObjectRef,
    upload: Upload,
    progress: Progressing,
) -> Parsed<Vec<u8>> {
    upload::put_object(client, session, obj, upload, progress)
}

/// An append at `position` continuing `init_crc`; a negative position is refused before sending.
fn append_at(
    position: i64,
    init_crc: u64,
) -> impl FnMut(&Client, &mut Session, &ObjectRef, Upload, Progressing) -> Parsed<Vec<u8>> {
    move |client, session, obj, upload, progress| {
        let position = u64::try_from(position)
            .map_err(|_| Error::invalid_argument(codes::CLIENT, format!("negative append position {position}")))?;
        upload::append_object(client, session, obj, AppendAt { position, init_crc }, upload, progress)
    }
}

/// PUT the concatenated buffers of `buffer` as `object`. Content-Type comes from `headers`, else
/// from the key's extension. With `enable_crc`, the CRC-64 of the sent bytes is checked against
/// the server's (`InconsistentError` on a mismatch).
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    buffer: *mut aos_list_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_put_object_from_buffer(
            options,
            bucket,
            object,
            buffer,
            headers,
            ptr::null_mut(),
            None,
            resp_headers,
            ptr::null_mut(),
        )
    }
}

/// `oss_put_object_from_buffer` with query `params`, a progress callback (bytes sent, total) and
/// `resp_body` (may be NULL), which receives the answer's body (a callback's reply).
#[no_mangle]
pub unsafe extern "C" fn oss_do_put_object_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    buffer: *mut aos_list_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let args = Args {
        headers,
        params,
        progress: progress_callback,
        resp_body,
        ..Args::new(bucket, object, Payload::Buffers(buffer))
    };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { upload(Call::new("oss_do_put_object_from_buffer", options, resp_headers), args, &mut put) }
}

/// PUT the file `filename` as `object`, read in pieces as it is sent. Content-Type comes from
/// `headers`, else from the file name's extension. A file that cannot be opened fails with
/// `AOSE_OPEN_FILE_ERROR` before any request; one that shrinks while it is sent fails without
/// creating the object.
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    filename: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_put_object_from_file(
            options,
            bucket,
            object,
            filename,
            headers,
            ptr::null_mut(),
            None,
            resp_headers,
            ptr::null_mut(),
        )
    }
}

/// `oss_put_object_from_file` with query `params`, a progress callback and `resp_body`.
#[no_mangle]
pub unsafe extern "C" fn oss_do_put_object_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    filename: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let args = Args {
        headers,
        params,
        progress: progress_callback,
        resp_body,
        ..Args::new(bucket, object, Payload::File(filename))
    };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { upload(Call::new("oss_do_put_object_from_file", options, resp_headers), args, &mut put) }
}

/// Appends the buffers of `buffer` to the appendable object at `position` (0 creates it). A
/// position that is not the object's length is 409 `PositionNotEqualToLength`. This form does not
/// check CRC-64 (it does not know the object's CRC so far); `oss_do_append_object_from_buffer`
/// does.
#[no_mangle]
pub unsafe extern "C" fn oss_append_object_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    position: i64,
    buffer: *mut aos_list_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let args = Args { headers, check_crc: false, ..Args::new(bucket, object, Payload::Buffers(buffer)) };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        upload(Call::new("oss_append_object_from_buffer", options, resp_headers), args, &mut append_at(position, 0))
    }
}

/// `oss_append_object_from_buffer` with `init_crc`, the object's CRC-64 before this append (from
/// `x-oss-hash-crc64ecma` of the previous answer; 0 for a new object): with `enable_crc`, the
/// whole object's CRC the server reports is checked against it continued over the appended bytes.
/// An append whose answer was lost is retried without appending twice: a retry refused with 409
/// `PositionNotEqualToLength` succeeds when the object already ends as this append would make it.
#[no_mangle]
pub unsafe extern "C" fn oss_do_append_object_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    position: i64,
    init_crc: u64,
    buffer: *mut aos_list_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let args = Args {
        headers,
        params,
        progress: progress_callback,
        resp_body,
        ..Args::new(bucket, object, Payload::Buffers(buffer))
    };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        upload(
            Call::new("oss_do_append_object_from_buffer", options, resp_headers),
            args,
            &mut append_at(position, init_crc),
        )
    }
}

/// Appends the file `append_file` at `position`, read in pieces as it is sent; Content-Type from
/// the file name when `headers` set none. No CRC-64 check in this form (see
/// `oss_append_object_from_buffer`).
#[no_mangle]
pub unsafe extern "C" fn oss_append_object_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    position: i64,
    append_file: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let args = Args { headers, check_crc: false, ..Args::new(bucket, object, Payload::File(append_file)) };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        upload(Call::new("oss_append_object_from_file", options, resp_headers), args, &mut append_at(position, 0))
    }
}

/// `oss_append_object_from_file` with `init_crc` (see `oss_do_append_object_from_buffer`),
/// query `params`, progress and `resp_body`.
#[no_mangle]
pub unsafe extern "C" fn oss_do_append_object_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    position: i64,
    init_crc: u64,
    append_file: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let args = Args {
        headers,
        params,
        progress: progress_callback,
        resp_body,
        ..Args::new(bucket, object, Payload::File(append_file))
    };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        upload(
            Call::new("oss_do_append_object_from_file", options, resp_headers),
            args,
            &mut append_at(position, init_crc),
        )
    }
}
