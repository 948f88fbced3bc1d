//! SelectObject (SQL over CSV/JSON objects) parameter structs, laid out as the official
//! `oss_define.h` declares them, and their constructors with the official defaults (empty strings,
//! -1 `OSS_INVALID_VALUE` for "not set" flags, compression "None" for meta requests).

#![deny(unsafe_op_in_unsafe_fn)]

use super::boundary::{entry, try_ref, try_some};
use super::pool::aos_pool_t;
use super::pool_value::{empty_string, static_string, zeroed_in, ZeroValid};
use super::string::aos_string_t;

/// How the object is read: compression, header line, delimiters, quote and comment characters, range.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_select_object_input_param_t {
    pub compression_type: aos_string_t,
    pub file_header_info: aos_string_t,
    pub record_delimiter: aos_string_t,
    pub field_delimiter: aos_string_t,
    pub quote_character: aos_string_t,
    pub comment_character: aos_string_t,
    pub range: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_select_object_input_param_t {}

/// How results are written: delimiters and flags (-1: not set).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_select_object_output_param_t {
    pub record_delimiter: aos_string_t,
    pub field_delimiter: aos_string_t,
    pub keep_all_columns: i32,
    pub output_rawdata: i32,
    pub enable_payload_crc: i32,
    pub output_header: i32,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_select_object_output_param_t {}

/// Whether partial records are skipped.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_select_object_option_param_t {
    pub skip_partial_data_record: i32,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_select_object_option_param_t {}

/// Input, output and option parameters of a SelectObject request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_select_object_params_t {
    pub input_param: oss_select_object_input_param_t,
    pub output_param: oss_select_object_output_param_t,
    pub option_param: oss_select_object_option_param_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_select_object_params_t {}

/// Input (compression, delimiters, overwrite) and output (splits, rows, columns) of a
/// CreateSelectObjectMeta request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_select_object_meta_params_t {
    pub compression_type: aos_string_t,
    pub record_delimiter: aos_string_t,
    pub field_delimiter: aos_string_t,
    pub quote_character: aos_string_t,
    pub over_write_if_existing: i32,
    pub splits_count: u32,
    pub rows_count: u64,
    pub columns_count: u32,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_select_object_meta_params_t {}

/// Select parameters: empty strings, `keep_all_columns`, `output_rawdata` and `enable_payload_crc`
/// -1 (not set), `output_header` and `skip_partial_data_record` 0. NULL if `p` is NULL or memory is
/// exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_select_object_params(p: *mut aos_pool_t) -> *mut oss_select_object_params_t {
    entry("oss_create_select_object_params", || {
        let value = try_some!(zeroed_in::<oss_select_object_params_t>(try_ref!(p)));
        value.input_param.compression_type = empty_string();
        value.input_param.file_header_info = empty_string();
        value.input_param.record_delimiter = empty_string();
        value.input_param.field_delimiter = empty_string();
        value.input_param.quote_character = empty_string();
        value.input_param.comment_character = empty_string();
        value.input_param.range = empty_string();
        value.output_param.record_delimiter = empty_string();
        value.output_param.field_delimiter = empty_string();
        value.output_param.keep_all_columns = -1;
        value.output_param.output_rawdata = -1;
        value.output_param.enable_payload_crc = -1;
        std::ptr::from_mut(value)
    })
}

/// Select-meta parameters: compression "None", empty delimiters and quote, `over_write_if_existing`
/// -1 (not set). NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_select_object_meta_params(
    p: *mut aos_pool_t,
) -> *mut oss_select_object_meta_params_t {
    entry("oss_create_select_object_meta_params", || {
        let value = try_some!(zeroed_in::<oss_select_object_meta_params_t>(try_ref!(p)));
        value.compression_type = static_string(c"None");
        value.record_delimiter = empty_string();
        value.field_delimiter = empty_string();
        value.quote_character = empty_string();
        value.over_write_if_existing = -1;
        std::ptr::from_mut(value)
    })
}
