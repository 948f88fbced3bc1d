//! The multipart calls, one request each: `oss_init_multipart_upload`, `oss_upload_part_from_buffer`,
//! `oss_upload_part_from_file` (and their `oss_do_*` forms), `oss_upload_part_copy`,
//! `oss_complete_multipart_upload` (and `oss_do_*`, which passes parameters and keeps the answer's
//! body, a callback's reply) and `oss_abort_multipart_upload`. The listings are in `listing.rs`.

use std::ffi::c_int;
use std::ptr;

use super::buf::list_slices;
use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::object_upload::open;
use super::params::{oss_complete_part_content_t, oss_upload_file_t, oss_upload_part_copy_params_t};
use super::progress::{oss_progress_callback, Progress};
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::error::{codes, Error};
use crate::http::Source;
use crate::ops::multipart::{self as mp, part_number, CopySource, PartOf};
use crate::ops::upload::Upload;
use crate::outcome::Failure;
use crate::transfer::retry::RetryPolicy;
use crate::xml::multipart::CompletePart;

fn invalid(message: impl Into<String>) -> Failure {
    Error::invalid_argument(codes::CLIENT, message).into()
}

/// The upload id argument: required, UTF-8.
///
/// # Safety
/// `id` is NULL or a valid, readable `aos_string_t`.
unsafe fn required_id(id: *const aos_string_t) -> Result<String, Failure> {
    // SAFETY: this function's contract.
    let id = unsafe { request::text(id, "upload id") }?;
    if id.is_empty() {
        return Err(invalid("no upload id given"));
    }
    Ok(id)
}

/// Starts a multipart upload of `object`; its id goes into `*upload_id` (in `options->pool`).
/// Content-Type comes from `headers`, else from the key's extension; `headers` also carry
/// metadata, ACL and storage class for the object the upload will become.
#[no_mangle]
pub unsafe extern "C" fn oss_init_multipart_upload(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *mut aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_init_multipart_upload", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            ptr::null(),
            |call, client, obj| {
                let out = upload_id.as_mut().ok_or_else(|| invalid("no upload id string given"))?;
                let (answer, id) = mp::initiate(client, &mut client.session()?, obj)?;
                *out = aos_string_t::from_pool(call.pool(), &id);
                Ok(answer)
            },
        )
    }
}

/// What a part's body is, as the C caller gave it.
#[derive(Clone, Copy)]
enum PartBody {
    Buffers(*const aos_list_t),
    File(*const oss_upload_file_t),
}

/// The C arguments of the four part uploads.
struct PartArgs {
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_num: c_int,
    body: PartBody,
    progress: oss_progress_callback,
    headers: *const aos_table_t,
    params: *const aos_table_t,
    resp_body: *mut aos_list_t,
}

/// The file range `[file_pos, file_last)` of an `oss_upload_file_t`, clamped to the file as the
/// official SDK clamps it; the file is opened (and a missing one refused) before any request.
///
/// # Safety
/// `f` is a valid `oss_upload_file_t` whose file name is readable.
unsafe fn file_range(f: &oss_upload_file_t) -> Result<(std::fs::File, u64, u64), Failure> {
    // SAFETY: this function's contract.
    let path = unsafe { request::path(&f.filename, "file name") }?;
    let (file, size) = open(&path)?;
    let start = u64::try_from(f.file_pos).unwrap_or(0).min(size);
    let end = u64::try_from(f.file_last).unwrap_or(0).min(size);
    if end < start {
        return Err(invalid(format!("file_last {} is before file_pos {}", f.file_last, f.file_pos)));
    }
    Ok((file, start, end - start))
}

/// The one implementation behind the four part uploads: part number and upload id checked, the
/// file (if any) opened before any request, the part sent (retried whole on transient failures;
/// CRC-64 checked with `enable_crc`), the answer's body into `resp_body`.
///
/// # Safety
/// Every pointer of `a` is NULL or valid for the call; `call` was made under the same contract.
unsafe fn upload_part(call: Call, a: PartArgs) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call.
    let mut progress = unsafe { Progress::forward(a.progress) };
    // SAFETY: this function's contract.
    unsafe {
        call.on_object(a.bucket, a.object, a.headers, a.params, |call, client, obj| {
            let number = part_number(i64::from(a.part_num))?;
            let id = required_id(a.upload_id)?;
            let part = PartOf { upload_id: &id, number };
            let enable_crc = client.config.transfer.enable_crc;
            let policy = RetryPolicy::default();
            let sent = match a.body {
                PartBody::Buffers(list) => {
                    if list.is_null() {
                        return Err(invalid("no buffer list given"));
                    }
                    let buffers = list_slices(list);
                    let upload = Upload { source: Source::Buffers(&buffers), mime_name: None, enable_crc };
                    mp::upload_part(client, &mut client.session()?, obj, part, upload, &policy, progress.as_fn())
                }
                PartBody::File(f) => {
                    let f = f.as_ref().ok_or_else(|| invalid("no upload file given"))?;
                    let (file, offset, len) = file_range(f)?;
                    let source = Source::FileRange { file: &file, offset, len };
                    let upload = Upload { source, mime_name: None, enable_crc };
                    mp::upload_part(client, &mut client.session()?, obj, part, upload, &policy, progress.as_fn())
                }
            };
            request::hand_body(call.pool(), a.resp_body, &sent);
            Ok(sent?.0)
        })
    }
}

/// Uploads the concatenated buffers of `buffer` as part `part_num` (1–10000) of `upload_id`; the
/// part's ETag is the `ETag` response header. With `enable_crc` the part's CRC-64 is checked
/// against the server's.
#[no_mangle]
pub unsafe extern "C" fn oss_upload_part_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_num: c_int,
    buffer: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_upload_part_from_buffer(
            options,
            bucket,
            object,
            upload_id,
            part_num,
            buffer,
            None,
            ptr::null_mut(),
            ptr::null_mut(),
            resp_headers,
            ptr::null_mut(),
        )
    }
}

/// `oss_upload_part_from_buffer` with progress (bytes sent, total), extra `headers` and query
/// `params`, and `resp_body` (may be NULL) for the answer's body.
#[no_mangle]
pub unsafe extern "C" fn oss_do_upload_part_from_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_num: c_int,
    buffer: *mut aos_list_t,
    progress_callback: oss_progress_callback,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let body = PartBody::Buffers(buffer);
    let args =
        PartArgs { bucket, object, upload_id, part_num, body, progress: progress_callback, headers, params, resp_body };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { upload_part(Call::new("oss_do_upload_part_from_buffer", options, resp_headers), args) }
}

/// Uploads bytes `file_pos`..`file_last` (end exclusive, clamped to the file) of
/// `upload_file->filename` as part `part_num`, read in pieces while sending (never whole in
/// memory). A file that cannot be opened fails with `AOSE_OPEN_FILE_ERROR` before any request.
#[no_mangle]
pub unsafe extern "C" fn oss_upload_part_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_num: c_int,
    upload_file: *mut oss_upload_file_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_upload_part_from_file(
            options,
            bucket,
            object,
            upload_id,
            part_num,
            upload_file,
            None,
            ptr::null_mut(),
            ptr::null_mut(),
            resp_headers,
            ptr::null_mut(),
        )
    }
}

/// `oss_upload_part_from_file` with progress, extra `headers` and query `params`, and `resp_body`.
#[no_mangle]
pub unsafe extern "C" fn oss_do_upload_part_from_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_num: c_int,
    upload_file: *mut oss_upload_file_t,
    progress_callback: oss_progress_callback,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    let body = PartBody::File(upload_file);
    let args =
        PartArgs { bucket, object, upload_id, part_num, body, progress: progress_callback, headers, params, resp_body };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { upload_part(Call::new("oss_do_upload_part_from_file", options, resp_headers), args) }
}

/// Makes part `params->part_num` of `params->upload_id` (on `dest_bucket`/`dest_object`) the
/// bytes `range_start`..=`range_end` of `source_bucket`/`source_object`. The range is always sent,
/// as the official SDK sends it.
#[no_mangle]
pub unsafe extern "C" fn oss_upload_part_copy(
    options: *const oss_request_options_t,
    params: *mut oss_upload_part_copy_params_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_upload_part_copy", options, resp_headers).run(|call| {
            let p = params.as_ref().ok_or_else(|| invalid("no params given"))?;
            let client = call.client()?;
            let dest = request::object_ref(&p.dest_bucket, &p.dest_object, headers, ptr::null())?;
            let source_bucket = request::text(&p.source_bucket, "source bucket")?;
            let source_key = request::text(&p.source_object, "source object")?;
            let source =
                CopySource { bucket: &source_bucket, key: &source_key, range: Some((p.range_start, p.range_end)) };
            let number = part_number(i64::from(p.part_num))?;
            let id = required_id(&p.upload_id)?;
            let part = PartOf { upload_id: &id, number };
            let (answer, _) = mp::upload_part_copy(&client, &mut client.session()?, &source, &dest, part)?;
            Ok(answer)
        })
    }
}

/// The parts of a list of `oss_complete_part_content_t`, in list order.
///
/// # Safety
/// `list` is an initialised list of complete-part entries whose strings are readable.
unsafe fn complete_parts(list: *const aos_list_t) -> Result<Vec<CompletePart>, Failure> {
    // SAFETY: this function's contract; `node` is the first field of an entry.
    let nodes = unsafe { aos_list_t::nodes(list) };
    let mut parts = Vec::new();
    for node in nodes {
        // SAFETY: as above: every node of the list is an entry's first field.
        let entry = unsafe { &*(node as *const oss_complete_part_content_t) };
        // SAFETY: the entry's strings are readable (this function's contract).
        let (number, etag) =
            unsafe { (request::text(&entry.part_number, "part number")?, request::text(&entry.etag, "ETag")?) };
        let number = number.trim().parse::<i64>().map_err(|_| invalid(format!("part number {number:?}")))?;
        parts.push(CompletePart { number: part_number(number)?, etag });
    }
    Ok(parts)
}

/// Completes `upload_id` with the parts of `part_list` (`oss_complete_part_content_t`, part
/// numbers ascending). `headers` may carry a callback (`x-oss-callback`) or
/// `x-oss-complete-all: yes` (then an empty list sends no document).
#[no_mangle]
pub unsafe extern "C" fn oss_complete_multipart_upload(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_list: *mut aos_list_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_complete_multipart_upload(
            options,
            bucket,
            object,
            upload_id,
            part_list,
            headers,
            ptr::null_mut(),
            resp_headers,
            ptr::null_mut(),
        )
    }
}

/// `oss_complete_multipart_upload` with query `params` and `resp_body` (may be NULL), which
/// receives the answer's body: the `CompleteMultipartUploadResult`, or a callback's reply.
#[no_mangle]
pub unsafe extern "C" fn oss_do_complete_multipart_upload(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    part_list: *mut aos_list_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
    resp_body: *mut aos_list_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_do_complete_multipart_upload", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            params,
            |call, client, obj| {
                if part_list.is_null() {
                    return Err(invalid("no part list given"));
                }
                let parts = complete_parts(part_list)?;
                let id = required_id(upload_id)?;
                let sent = mp::complete(client, &mut client.session()?, obj, &id, &parts, &RetryPolicy::default());
                request::hand_body(call.pool(), resp_body, &sent);
                Ok(sent?.0)
            },
        )
    }
}

/// Aborts `upload_id`: the upload and its parts are removed from the server.
#[no_mangle]
pub unsafe extern "C" fn oss_abort_multipart_upload(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_abort_multipart_upload", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| mp::abort(client, &mut client.session()?, obj, &required_id(upload_id)?),
        )
    }
}
