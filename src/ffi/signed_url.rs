//! Presigned URLs: `oss_gen_signed_url` (V1 or V4, as the configuration says), and the calls that
//! send a request to such a URL without signing it — `oss_put_object_from_buffer_by_url`,
//! `oss_put_object_from_file_by_url`, `oss_get_object_to_buffer_by_url`,
//! `oss_get_object_to_file_by_url`, `oss_head_object_by_url`, `oss_get_object_meta_by_url`.

use std::ffi::{c_char, c_int};
use std::ptr;

use super::boundary::{entry, try_ref};
use super::buf::list_slices;
use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::object::PoolBuffers;
use super::object_upload::open;
use super::request::{self, result_pool, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::{aos_table_t, table_to_pairs};
use super::transport::aos_http_request_t;
use crate::error::{codes, Error};
use crate::http::{Discard, Method, Request, Source};
use crate::log::{self, Level};
use crate::ops::by_url::url_request;
use crate::ops::fetch::get_request_to_memory;
use crate::ops::upload::{put_body, Upload};
use crate::outcome::{judge, Failure};
use crate::transfer::retry::RetryPolicy;

/// `http_method_e` as the caller stored it (read as an `int`: any value may be there).
fn method_of(value: c_int) -> Option<Method> {
    [Method::Get, Method::Head, Method::Put, Method::Post, Method::Delete].get(usize::try_from(value).ok()?).copied()
}

/// A URL for `req->method` on `object` that works without credentials until `expires` (seconds
/// since the epoch): V1 (`OSSAccessKeyId`, `Expires`, `Signature`) or V4 (`x-oss-credential`,
/// `x-oss-expires`, `x-oss-signature` ...) as `options->config->signature_version` says, with the
/// STS token when there is one. `req->headers` (Content-Type, Content-MD5, x-oss-*) and
/// `req->query_params` (may be NULL) are signed into it: the request made with the URL must carry
/// the same. The string lives in `options->pool`; NULL for an invalid bucket or object name, a
/// negative `expires`, or other bad input (the reason is logged at WARN, the URL never).
#[no_mangle]
pub unsafe extern "C" fn oss_gen_signed_url(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expires: i64,
    req: *mut aos_http_request_t,
) -> *mut c_char {
    entry("oss_gen_signed_url", || {
        let req = try_ref!(req);
        let _ = try_ref!(options);
        // SAFETY: every pointer argument is NULL or valid for the call (this function's contract);
        // `method` is read as the int it is in C memory.
        let (pool, signed) = unsafe {
            let method = *ptr::addr_of!(req.method).cast::<c_int>();
            let signed = signed_url(options, bucket, object, expires, method, req.headers, req.query_params);
            (result_pool(options), signed)
        };
        match signed {
            Ok(url) => pool.strdup(&url),
            Err(error) => {
                log::write(Level::Warn, file!(), line!(), &format!("oss_gen_signed_url: {error}"));
                ptr::null_mut()
            }
        }
    })
}

/// # Safety
/// As `oss_gen_signed_url`.
unsafe fn signed_url(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expires: i64,
    method: c_int,
    headers: *const aos_table_t,
    params: *const aos_table_t,
) -> Result<String, Error> {
    let invalid = |what: &str| Error::invalid_argument(codes::CLIENT, what.to_string());
    let method = method_of(method).ok_or_else(|| invalid("req->method is not an http_method_e"))?;
    let expires = u64::try_from(expires).map_err(|_| invalid("expires is negative"))?;
    // SAFETY: this function's contract.
    let (client, object) = unsafe {
        (
            Call::new("oss_gen_signed_url", options, ptr::null_mut()).client()?,
            request::object_ref(bucket, object, headers, params)?,
        )
    };
    client.signed_url(method, &object, expires)
}

/// The request for a signed URL argument, with the caller's headers and extra query `params`.
///
/// # Safety
/// Each pointer is NULL or valid for the call.
unsafe fn by_url(
    method: Method,
    signed_url: *const aos_string_t,
    headers: *const aos_table_t,
    params: *const aos_table_t,
) -> Result<Request, Failure> {
    // SAFETY: this function's contract.
    let (url, headers, params) =
        unsafe { (request::text(signed_url, "signed URL")?, table_to_pairs(headers), table_to_pairs(params)) };
    let mut url = url;
    for (name, value) in &params {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&crate::sign::uri_encode(name, false));
        if !value.is_empty() {
            url.push('=');
            url.push_str(&crate::sign::uri_encode(value, false));
        }
    }
    Ok(url_request(method, &url, &headers)?)
}

/// PUT the buffers of `buffer` to a URL from `oss_gen_signed_url` (method PUT). `headers` (may be
/// NULL) must be those the URL was signed with. With `enable_crc`, the CRC-64 is checked.
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_from_buffer_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    buffer: *mut aos_list_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_put_object_from_buffer_by_url", options, resp_headers).run(|call| {
            let client = call.client()?;
            let request = by_url(Method::Put, signed_url, headers, ptr::null())?;
            if buffer.is_null() {
                return Err(Error::invalid_argument(codes::CLIENT, "no buffer list given").into());
            }
            let buffers = list_slices(buffer);
            let upload = Upload {
                source: Source::Buffers(&buffers),
                mime_name: None,
                enable_crc: client.config.transfer.enable_crc,
            };
            put_body(&mut client.session()?, &request, upload, &RetryPolicy::default(), None).map(|(answer, _)| answer)
        })
    }
}

/// PUT the file `filename` to a URL from `oss_gen_signed_url`, read in pieces as it is sent. A
/// file that cannot be opened is `AOSE_OPEN_FILE_ERROR` before any request.
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_from_file_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    filename: *mut aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_put_object_from_file_by_url", options, resp_headers).run(|call| {
            let client = call.client()?;
            let request = by_url(Method::Put, signed_url, headers, ptr::null())?;
            let (file, len) = open(&request::path(filename, "file name")?)?;
            let source = Source::FileRange { file: &file, offset: 0, len };
            let upload = Upload { source, mime_name: None, enable_crc: client.config.transfer.enable_crc };
            put_body(&mut client.session()?, &request, upload, &RetryPolicy::default(), None).map(|(answer, _)| answer)
        })
    }
}

/// GET a URL from `oss_gen_signed_url` into `buffer` (its old content dropped unread), as
/// `oss_get_object_to_buffer` does (bounded by `max_memory_size`, CRC-64 checked for a whole
/// object). `params` (may be NULL) are added to the URL's query.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_to_buffer_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    buffer: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_object_to_buffer_by_url", options, resp_headers).run(|call| {
            let client = call.client()?;
            let request = by_url(Method::Get, signed_url, headers, params)?;
            if buffer.is_null() {
                return Err(Error::invalid_argument(codes::CLIENT, "no buffer list given").into());
            }
            let transfer = &client.config.transfer;
            let mut sink = PoolBuffers::new(call.pool());
            let session = &mut client.session()?;
            let got = get_request_to_memory(
                session,
                &request,
                transfer.enable_crc,
                transfer.max_memory_size,
                &mut sink,
                None,
            );
            sink.hand_over(buffer, &got);
            got
        })
    }
}

/// GET a URL from `oss_gen_signed_url` into `filename`, through `<filename>.tmp` and renamed only
/// on success, as `oss_get_object_to_file` does.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_to_file_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    filename: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_object_to_file_by_url", options, resp_headers).run(|call| {
            let client = call.client()?;
            let request = by_url(Method::Get, signed_url, headers, params)?;
            let path = request::path(filename, "file name")?;
            let crc = client.config.transfer.enable_crc;
            crate::object::get_request_to_file(&mut client.session()?, &request, &path, crc, None)
        })
    }
}

/// HEAD a URL from `oss_gen_signed_url` (signed for HEAD): the object's headers in `resp_headers`.
#[no_mangle]
pub unsafe extern "C" fn oss_head_object_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { head_by_url("oss_head_object_by_url", options, signed_url, headers, resp_headers) }
}

/// GetObjectMeta through a URL from `oss_gen_signed_url` (signed for HEAD with the `objectMeta`
/// parameter).
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_meta_by_url(
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { head_by_url("oss_get_object_meta_by_url", options, signed_url, ptr::null(), resp_headers) }
}

/// # Safety
/// Each pointer is NULL or valid for the call.
unsafe fn head_by_url(
    name: &'static str,
    options: *const oss_request_options_t,
    signed_url: *const aos_string_t,
    headers: *const aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: this function's contract.
    unsafe {
        Call::new(name, options, resp_headers).run(|call| {
            let client = call.client()?;
            let request = by_url(Method::Head, signed_url, headers, ptr::null())?;
            judge(client.session()?.execute(&request, &mut Discard)?)
        })
    }
}
