//! The SelectObject calls (`oss_select_object_to_buffer`, `oss_select_object_to_file` and their
//! `oss_do_*` forms) and `oss_create_select_object_meta`: the C parameter structs (`select.rs`)
//! read into the core's options, the work done by `ops::select`.

use std::ptr;

use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::object::into_buffer_list;
use super::progress::{oss_progress_callback, Progress};
use super::request::{self, Call};
use super::select::{oss_select_object_meta_params_t, oss_select_object_params_t};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::error::{codes, Error};
use crate::ops::select::{create_select_object_meta, select_object_to_file, select_object_to_memory};
use crate::xml::select::{CsvInput, CsvOutput, MetaOptions, SelectOptions};

/// The bytes of a string field; unset (NULL or empty) is empty.
fn field(s: &aos_string_t) -> Vec<u8> {
    // SAFETY: a field of a parameter struct the caller filled with valid strings (the calls'
    // contract).
    unsafe { s.as_bytes() }.unwrap_or_default().to_vec()
}

fn text(s: &aos_string_t) -> String {
    String::from_utf8_lossy(&field(s)).into_owned()
}

/// -1 (`OSS_INVALID_VALUE`) is "not set"; any other value is a C truth value.
fn flag(value: i32) -> Option<bool> {
    (value != -1).then_some(value != 0)
}

/// The core's options from the C parameters; NULL is the defaults.
fn select_options(params: Option<&oss_select_object_params_t>) -> SelectOptions {
    let Some(p) = params else { return SelectOptions::default() };
    let (i, o) = (&p.input_param, &p.output_param);
    SelectOptions {
        input: CsvInput {
            compression: text(&i.compression_type),
            file_header_info: text(&i.file_header_info),
            record_delimiter: field(&i.record_delimiter),
            field_delimiter: field(&i.field_delimiter),
            quote_character: field(&i.quote_character),
            comment_character: field(&i.comment_character),
            range: text(&i.range),
        },
        output: CsvOutput {
            record_delimiter: field(&o.record_delimiter),
            field_delimiter: field(&o.field_delimiter),
            keep_all_columns: flag(o.keep_all_columns),
            output_raw_data: flag(o.output_rawdata),
            enable_payload_crc: flag(o.enable_payload_crc),
            output_header: o.output_header > 0,
        },
        skip_partial_data_record: p.option_param.skip_partial_data_record > 0,
    }
}

/// The SQL text: required.
///
/// # Safety
/// `expression` is NULL or a valid, readable `aos_string_t`.
unsafe fn sql_text<'a>(expression: *const aos_string_t) -> Result<&'a [u8], Error> {
    // SAFETY: this function's contract.
    unsafe { expression.as_ref().and_then(|s| s.as_bytes()) }
        .ok_or_else(|| Error::invalid_argument(codes::CLIENT, "no SQL expression given"))
}

/// `oss_do_select_object_to_buffer` without headers, parameters or progress.
#[no_mangle]
pub unsafe extern "C" fn oss_select_object_to_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expression: *const aos_string_t,
    select_params: *mut oss_select_object_params_t,
    buffer: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_select_object_to_buffer(
            options,
            bucket,
            object,
            expression,
            select_params,
            ptr::null_mut(),
            ptr::null_mut(),
            buffer,
            None,
            resp_headers,
        )
    }
}

/// Runs the SQL `expression` on a CSV object; `buffer` becomes the result, as `aos_buf_t`s in
/// `options->pool` (what it held before is dropped unread, as for `oss_get_object_to_buffer`; on
/// failure it holds the server's error document), at most the controller's `max_memory_size`
/// bytes. A scan that fails after it started (the end frame's status) is a failed status with the
/// frame's code and message; a frame whose CRC-32 is wrong is `AOSE_SELECT_OBJECT_CRC_ERROR`.
/// `select_params`, `headers`, `params` and `progress_callback` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn oss_do_select_object_to_buffer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expression: *const aos_string_t,
    select_params: *mut oss_select_object_params_t,
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
        Call::new("oss_do_select_object_to_buffer", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            params,
            |call, client, obj| {
                let (sql, select) = (sql_text(expression)?, select_options(select_params.as_ref()));
                let limit = client.config.transfer.max_memory_size;
                into_buffer_list(call, buffer, |sink| {
                    let session = &mut client.session()?;
                    select_object_to_memory(client, session, obj, sql, &select, limit, sink, progress.as_fn())
                })
            },
        )
    }
}

/// `oss_do_select_object_to_file` without headers, parameters or progress.
#[no_mangle]
pub unsafe extern "C" fn oss_select_object_to_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expression: *const aos_string_t,
    select_params: *mut oss_select_object_params_t,
    filename: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe {
        oss_do_select_object_to_file(
            options,
            bucket,
            object,
            expression,
            select_params,
            ptr::null_mut(),
            ptr::null_mut(),
            filename,
            None,
            resp_headers,
        )
    }
}

/// Runs the SQL `expression` on a CSV object into `filename`: the result goes to
/// `<filename>.tmp`, synced and renamed onto `filename` only when the scan succeeded, so a
/// failure never creates or changes `filename`. Otherwise as `oss_do_select_object_to_buffer`.
#[no_mangle]
pub unsafe extern "C" fn oss_do_select_object_to_file(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    expression: *const aos_string_t,
    select_params: *mut oss_select_object_params_t,
    headers: *mut aos_table_t,
    params: *mut aos_table_t,
    filename: *mut aos_string_t,
    progress_callback: oss_progress_callback,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the caller's callback, valid for the call (this function's contract).
    let mut progress = unsafe { Progress::forward(progress_callback) };
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_do_select_object_to_file", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            params,
            |_, client, obj| {
                let (sql, path) = (sql_text(expression)?, request::path(filename, "file name")?);
                let select = select_options(select_params.as_ref());
                let session = &mut client.session()?;
                select_object_to_file(client, session, obj, sql, &select, &path, progress.as_fn())
            },
        )
    }
}

/// CreateSelectObjectMeta on a CSV object: on success `meta_params`'s `splits_count`,
/// `rows_count` and `columns_count` are filled from the answer; its delimiters, quote and
/// `over_write_if_existing` are sent (NULL: the defaults, and nothing is filled).
#[no_mangle]
pub unsafe extern "C" fn oss_create_select_object_meta(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    meta_params: *mut oss_select_object_meta_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_create_select_object_meta", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| {
                let meta = meta_params.as_mut();
                let options = meta.as_deref().map_or_else(MetaOptions::default, |m| MetaOptions {
                    record_delimiter: field(&m.record_delimiter),
                    field_delimiter: field(&m.field_delimiter),
                    quote_character: field(&m.quote_character),
                    overwrite_if_exists: flag(m.over_write_if_existing),
                });
                let (answer, counts) = create_select_object_meta(client, &mut client.session()?, obj, &options)?;
                if let Some(m) = meta {
                    (m.splits_count, m.rows_count, m.columns_count) = (counts.splits, counts.rows, counts.columns);
                }
                Ok(answer)
            },
        )
    }
}
