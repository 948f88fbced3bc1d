//! The parameter and result structs of object, listing and multipart requests, laid out as the
//! official `oss_define.h` declares them, and their `oss_create_*` constructors (defaults as the
//! official `oss_util.c` sets them: empty strings, initialised list heads, `max_ret` 1000).
//!
//! Results come back as lists of `*_content_t` elements linked through their `node`; walk them
//! with `aos_list_for_each_entry`.

#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};

use super::boundary::{entry, try_ref, try_some};
use super::list::aos_list_t;
use super::oss_enums::{oss_acl_e, oss_storage_class_type_e};
use super::pool::aos_pool_t;
use super::pool_value::{empty_string, zeroed_in, ZeroValid};
use super::string::aos_string_t;

/// ACL and storage class of a bucket to create.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_create_bucket_params_t {
    pub acl: oss_acl_e,
    pub storage_class: oss_storage_class_type_e,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_create_bucket_params_t {}

/// One object of a listing (`oss_list_object_params_t.object_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_object_content_t {
    pub node: aos_list_t,
    pub key: aos_string_t,
    pub last_modified: aos_string_t,
    pub etag: aos_string_t,
    pub size: aos_string_t,
    pub owner_id: aos_string_t,
    pub owner_display_name: aos_string_t,
    pub storage_class: aos_string_t,
    pub r#type: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_object_content_t {}

/// One bucket of a service listing (`oss_list_buckets_params_t.bucket_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_bucket_content_t {
    pub node: aos_list_t,
    pub create_date: aos_string_t,
    pub extranet_endpoint: aos_string_t,
    pub intranet_endpoint: aos_string_t,
    pub location: aos_string_t,
    pub name: aos_string_t,
    pub storage_class: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_bucket_content_t {}

/// One common prefix of a delimited listing (`oss_list_object_params_t.common_prefix_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_object_common_prefix_t {
    pub node: aos_list_t,
    pub prefix: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_object_common_prefix_t {}

/// One unfinished multipart upload (`oss_list_multipart_upload_params_t.upload_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_multipart_upload_content_t {
    pub node: aos_list_t,
    pub key: aos_string_t,
    pub upload_id: aos_string_t,
    pub initiated: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_multipart_upload_content_t {}

/// One uploaded part (`oss_list_upload_part_params_t.part_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_part_content_t {
    pub node: aos_list_t,
    pub part_number: aos_string_t,
    pub size: aos_string_t,
    pub etag: aos_string_t,
    pub last_modified: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_part_content_t {}

/// One part named in a complete-multipart-upload request (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_complete_part_content_t {
    pub node: aos_list_t,
    pub part_number: aos_string_t,
    pub etag: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_complete_part_content_t {}

/// A part number and its ETag.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_upload_part_t {
    pub part_num: c_int,
    pub etag: *mut c_char,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_upload_part_t {}

/// Input (prefix, marker, delimiter, `max_ret`) and output (truncation, next marker, objects,
/// common prefixes) of an object listing.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_object_params_t {
    pub prefix: aos_string_t,
    pub marker: aos_string_t,
    pub delimiter: aos_string_t,
    pub max_ret: c_int,
    pub truncated: c_int,
    pub next_marker: aos_string_t,
    pub object_list: aos_list_t,
    pub common_prefix_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_object_params_t {}

/// Input and output of a service (bucket) listing.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_buckets_params_t {
    pub prefix: aos_string_t,
    pub marker: aos_string_t,
    pub max_keys: c_int,
    pub truncated: c_int,
    pub next_marker: aos_string_t,
    pub owner_id: aos_string_t,
    pub owner_name: aos_string_t,
    pub bucket_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_buckets_params_t {}

/// Input and output of a list-parts request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_upload_part_params_t {
    pub part_number_marker: aos_string_t,
    pub max_ret: c_int,
    pub truncated: c_int,
    pub next_part_number_marker: aos_string_t,
    pub part_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_upload_part_params_t {}

/// Input and output of a list-multipart-uploads request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_multipart_upload_params_t {
    pub prefix: aos_string_t,
    pub key_marker: aos_string_t,
    pub upload_id_marker: aos_string_t,
    pub delimiter: aos_string_t,
    pub max_ret: c_int,
    pub truncated: c_int,
    pub next_key_marker: aos_string_t,
    pub next_upload_id_marker: aos_string_t,
    pub upload_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_multipart_upload_params_t {}

/// Source, destination, upload id, part number and byte range of an upload-part-copy request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_upload_part_copy_params_t {
    pub source_bucket: aos_string_t,
    pub source_object: aos_string_t,
    pub dest_bucket: aos_string_t,
    pub dest_object: aos_string_t,
    pub upload_id: aos_string_t,
    pub part_num: c_int,
    pub range_start: i64,
    pub range_end: i64,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_upload_part_copy_params_t {}

/// A file range used as a request body: `file_pos`..`file_last` of `filename`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_upload_file_t {
    pub filename: aos_string_t,
    pub file_pos: i64,
    pub file_last: i64,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_upload_file_t {}

/// One key of a multi-object delete request (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_object_key_t {
    pub node: aos_list_t,
    pub key: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_object_key_t {}

/// A file-name suffix and its MIME type.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_content_type_t {
    pub suffix: *mut c_char,
    pub r#type: *mut c_char,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_content_type_t {}

/// One object or bucket tag (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_tag_content_t {
    pub node: aos_list_t,
    pub key: aos_string_t,
    pub value: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_tag_content_t {}

/// A zeroed listing entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_object_content(p: *mut aos_pool_t) -> *mut oss_list_object_content_t {
    entry("oss_create_list_object_content", || {
        let value = try_some!(zeroed_in::<oss_list_object_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed common prefix in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_object_common_prefix(
    p: *mut aos_pool_t,
) -> *mut oss_list_object_common_prefix_t {
    entry("oss_create_list_object_common_prefix", || {
        let value = try_some!(zeroed_in::<oss_list_object_common_prefix_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed part entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_part_content(p: *mut aos_pool_t) -> *mut oss_list_part_content_t {
    entry("oss_create_list_part_content", || {
        let value = try_some!(zeroed_in::<oss_list_part_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed upload entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_multipart_upload_content(
    p: *mut aos_pool_t,
) -> *mut oss_list_multipart_upload_content_t {
    entry("oss_create_list_multipart_upload_content", || {
        let value = try_some!(zeroed_in::<oss_list_multipart_upload_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed complete-part entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_complete_part_content(p: *mut aos_pool_t) -> *mut oss_complete_part_content_t {
    entry("oss_create_complete_part_content", || {
        let value = try_some!(zeroed_in::<oss_complete_part_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed bucket entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_bucket_content(p: *mut aos_pool_t) -> *mut oss_list_bucket_content_t {
    entry("oss_create_list_bucket_content", || {
        let value = try_some!(zeroed_in::<oss_list_bucket_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed object key in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_oss_object_key(p: *mut aos_pool_t) -> *mut oss_object_key_t {
    entry("oss_create_oss_object_key", || {
        let value = try_some!(zeroed_in::<oss_object_key_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed tag in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_tag_content(p: *mut aos_pool_t) -> *mut oss_tag_content_t {
    entry("oss_create_tag_content", || {
        let value = try_some!(zeroed_in::<oss_tag_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// Listing parameters: empty prefix, marker and delimiter, `max_ret` 1000, `truncated` 1, empty
/// result lists. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_object_params(p: *mut aos_pool_t) -> *mut oss_list_object_params_t {
    entry("oss_create_list_object_params", || {
        let value = try_some!(zeroed_in::<oss_list_object_params_t>(try_ref!(p)));
        value.prefix = empty_string();
        value.marker = empty_string();
        value.delimiter = empty_string();
        value.max_ret = PER_RET_NUM;
        value.truncated = 1;
        value.object_list.make_empty();
        value.common_prefix_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// Service listing parameters: empty strings, `max_keys` 0 (the server's default), an empty
/// bucket list. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_buckets_params(p: *mut aos_pool_t) -> *mut oss_list_buckets_params_t {
    entry("oss_create_list_buckets_params", || {
        let value = try_some!(zeroed_in::<oss_list_buckets_params_t>(try_ref!(p)));
        value.prefix = empty_string();
        value.marker = empty_string();
        value.next_marker = empty_string();
        value.owner_id = empty_string();
        value.owner_name = empty_string();
        value.bucket_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// List-parts parameters: empty marker, `max_ret` 1000, `truncated` 1, an empty part list. NULL
/// if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_upload_part_params(p: *mut aos_pool_t) -> *mut oss_list_upload_part_params_t {
    entry("oss_create_list_upload_part_params", || {
        let value = try_some!(zeroed_in::<oss_list_upload_part_params_t>(try_ref!(p)));
        value.part_number_marker = empty_string();
        value.max_ret = PER_RET_NUM;
        value.truncated = 1;
        value.part_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// List-uploads parameters: empty prefix, markers and delimiter, `max_ret` 1000, `truncated` 1,
/// an empty upload list. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_multipart_upload_params(
    p: *mut aos_pool_t,
) -> *mut oss_list_multipart_upload_params_t {
    entry("oss_create_list_multipart_upload_params", || {
        let value = try_some!(zeroed_in::<oss_list_multipart_upload_params_t>(try_ref!(p)));
        value.prefix = empty_string();
        value.key_marker = empty_string();
        value.upload_id_marker = empty_string();
        value.delimiter = empty_string();
        value.max_ret = PER_RET_NUM;
        value.truncated = 1;
        value.upload_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed upload-part-copy parameter block in the pool. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_upload_part_copy_params(p: *mut aos_pool_t) -> *mut oss_upload_part_copy_params_t {
    entry("oss_create_upload_part_copy_params", || {
        let value = try_some!(zeroed_in::<oss_upload_part_copy_params_t>(try_ref!(p)));
        std::ptr::from_mut(value)
    })
}

/// A zeroed file range in the pool. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_upload_file(p: *mut aos_pool_t) -> *mut oss_upload_file_t {
    entry("oss_create_upload_file", || {
        let value = try_some!(zeroed_in::<oss_upload_file_t>(try_ref!(p)));
        std::ptr::from_mut(value)
    })
}

/// A block of `size` bytes in the pool whose first bytes are an initialised list node: the common
/// start of every `*_content_t` result element. NULL if `p` is NULL, `size` is smaller than a
/// node, or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_api_result_content(p: *mut aos_pool_t, size: usize) -> *mut std::ffi::c_void {
    entry("oss_create_api_result_content", || {
        let pool = try_ref!(p);
        if size < std::mem::size_of::<aos_list_t>() {
            return std::ptr::null_mut();
        }
        let block = pool.calloc(size) as *mut aos_list_t;
        // SAFETY: zero-filled, 16-byte aligned and at least a node long.
        if let Some(node) = unsafe { block.as_mut() } {
            node.make_empty();
        }
        block.cast()
    })
}

/// `OSS_PER_RET_NUM`: the default (and largest) number of entries one listing returns.
const PER_RET_NUM: c_int = 1000;
