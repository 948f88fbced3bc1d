//! The HTTP request and response structs of the official `aos_transport.h`, which programs reach
//! through the public headers (a signed URL is generated from an `aos_http_request_t`), with their
//! constructors. The library's own transport is libcurl behind the safe core: these structs only
//! carry what a program puts in or reads out; the official transport internals (curl handles,
//! read/write callbacks) are not rebuilt.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int, c_void};

use super::boundary::{entry, try_ref, try_some};
use super::buf::aos_file_buf_t;
use super::list::aos_list_t;
use super::pool::aos_pool_t;
use super::pool_value::{zeroed_in, ZeroValid};
use super::table::{aos_table_t, apr_table_t};

/// HTTP methods of a request.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum http_method_e {
    HTTP_GET,
    HTTP_HEAD,
    HTTP_PUT,
    HTTP_POST,
    HTTP_DELETE,
}

/// Where a request or response body lives.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum aos_http_body_type_e {
    BODY_IN_MEMORY = 0,
    BODY_IN_FILE,
    BODY_IN_CALLBACK,
}

/// The official transport's body reader (kept for layout; the library does not call it).
pub type aos_read_http_body_pt =
    Option<unsafe extern "C" fn(req: *mut aos_http_request_s, buffer: *mut c_char, len: c_int) -> c_int>;
/// The official transport's body writer (kept for layout; the library does not call it).
pub type aos_write_http_body_pt =
    Option<unsafe extern "C" fn(resp: *mut aos_http_response_s, buffer: *const c_char, len: c_int) -> c_int>;
/// Progress callback with (bytes so far, total bytes) — the same as `oss_progress_callback`.
pub type aos_progress_pt = Option<unsafe extern "C" fn(consumed_bytes: i64, total_bytes: i64)>;

/// An HTTP request as the official SDK describes one: method, addressing, headers, query
/// parameters and a body (a buffer list or a file).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_http_request_s {
    pub host: *mut c_char,
    pub proto: *mut c_char,
    pub signed_url: *mut c_char,
    pub method: http_method_e,
    pub uri: *mut c_char,
    pub resource: *mut c_char,
    pub headers: *mut aos_table_t,
    pub query_params: *mut aos_table_t,
    /// The body as a list of `aos_buf_t`.
    pub body: aos_list_t,
    pub body_len: i64,
    pub file_path: *mut c_char,
    pub file_buf: *mut aos_file_buf_t,
    pub pool: *mut aos_pool_t,
    pub user_data: *mut c_void,
    pub read_body: aos_read_http_body_pt,
    pub r#type: aos_http_body_type_e,
    pub progress_callback: aos_progress_pt,
    pub crc64: u64,
    pub consumed_bytes: i64,
    pub normalize_url: c_int,
}

/// The SDK's name for `aos_http_request_s`.
pub type aos_http_request_t = aos_http_request_s;

/// An HTTP response as the official SDK describes one: status, headers and a body.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_http_response_s {
    /// HTTP status, -1 until there is one.
    pub status: c_int,
    pub headers: *mut aos_table_t,
    /// The body as a list of `aos_buf_t`.
    pub body: aos_list_t,
    pub body_len: i64,
    pub file_path: *mut c_char,
    pub file_buf: *mut aos_file_buf_t,
    pub content_length: i64,
    pub pool: *mut aos_pool_t,
    pub user_data: *mut c_void,
    pub write_body: aos_write_http_body_pt,
    pub r#type: aos_http_body_type_e,
    pub progress_callback: aos_progress_pt,
    pub crc64: u64,
}

/// The SDK's name for `aos_http_response_s`.
pub type aos_http_response_t = aos_http_response_s;

// SAFETY: pointers, integers, an empty list, `None` callbacks and variant 0 of each enum.
unsafe impl ZeroValid for aos_http_request_s {}
// SAFETY: as above.
unsafe impl ZeroValid for aos_http_response_s {}

/// A GET request in the pool: empty header and query tables, an empty in-memory body. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_http_request_create(p: *mut aos_pool_t) -> *mut aos_http_request_t {
    entry("aos_http_request_create", || {
        let pool = try_ref!(p);
        let req = try_some!(zeroed_in::<aos_http_request_s>(pool));
        req.method = http_method_e::HTTP_GET;
        req.headers = apr_table_t::new_in(pool, 5);
        req.query_params = apr_table_t::new_in(pool, 3);
        req.body.make_empty();
        req.pool = p;
        std::ptr::from_mut(req)
    })
}

/// A response in the pool: status -1, an empty header table, an empty in-memory body. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_http_response_create(p: *mut aos_pool_t) -> *mut aos_http_response_t {
    entry("aos_http_response_create", || {
        let pool = try_ref!(p);
        let resp = try_some!(zeroed_in::<aos_http_response_s>(pool));
        resp.status = -1;
        resp.headers = apr_table_t::new_in(pool, 10);
        resp.body.make_empty();
        resp.pool = p;
        std::ptr::from_mut(resp)
    })
}
