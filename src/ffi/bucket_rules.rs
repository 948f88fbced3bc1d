//! Bucket configuration structs (lifecycle, CORS, referer, website, logging rules), bucket info
//! and statistics, laid out as the official `oss_define.h` declares them, and their
//! `oss_create_*` constructors with the official defaults (`days` and `max_age_seconds` INT_MAX
//! meaning "not set", empty strings, initialised list heads).

#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};

use super::boundary::{entry, try_mut, try_ref, try_some};
use super::list::aos_list_t;
use super::pool::aos_pool_t;
use super::pool_value::{empty_string, zeroed_in, ZeroValid};
use super::string::aos_string_t;

/// An expiry given as days after creation or as a creation date (`days` INT_MAX: not set).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_lifecycle_rule_date_t {
    pub days: c_int,
    pub created_before_date: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_lifecycle_rule_date_t {}

/// One lifecycle rule (a list of these): id, prefix, status, expiry, multipart-abort expiry, tags.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_lifecycle_rule_content_t {
    pub node: aos_list_t,
    pub id: aos_string_t,
    pub prefix: aos_string_t,
    pub status: aos_string_t,
    pub days: c_int,
    pub date: aos_string_t,
    pub created_before_date: aos_string_t,
    pub abort_multipart_upload_dt: oss_lifecycle_rule_date_t,
    pub tag_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_lifecycle_rule_content_t {}

/// One string of a CORS rule's origin/method/header lists.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_sub_cors_rule_t {
    pub node: aos_list_t,
    pub rule: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_sub_cors_rule_t {}

/// One CORS rule (a list of these); `max_age_seconds` INT_MAX means not set.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_cors_rule_t {
    pub node: aos_list_t,
    pub allowed_origin_list: aos_list_t,
    pub allowed_method_list: aos_list_t,
    pub allowed_head_list: aos_list_t,
    pub expose_head_list: aos_list_t,
    pub max_age_seconds: c_int,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_cors_rule_t {}

/// One allowed referer (`oss_referer_config_t.referer_list`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_referer_t {
    pub node: aos_list_t,
    pub referer: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_referer_t {}

/// A bucket's referer whitelist and whether an empty referer is allowed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_referer_config_t {
    pub referer_list: aos_list_t,
    pub allow_empty_referer: c_int,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_referer_config_t {}

/// A bucket's static-website index suffix and error-document key.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_website_config_t {
    pub suffix_str: aos_string_t,
    pub key_str: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_website_config_t {}

/// A bucket's access-logging target bucket and prefix.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_logging_config_content_t {
    pub node: aos_list_t,
    pub target_bucket: aos_string_t,
    pub prefix: aos_string_t,
    pub logging_enabled: c_int,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_logging_config_content_t {}

/// What GetBucketInfo answers.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_bucket_info_t {
    pub created_date: aos_string_t,
    pub extranet_endpoint: aos_string_t,
    pub intranet_endpoint: aos_string_t,
    pub location: aos_string_t,
    pub owner_id: aos_string_t,
    pub owner_name: aos_string_t,
    pub acl: aos_string_t,
    pub storage_class: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_bucket_info_t {}

/// What GetBucketStat answers.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_bucket_stat_t {
    pub storage_in_bytes: u64,
    pub object_count: u64,
    pub multipart_upload_count: u64,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_bucket_stat_t {}

/// A lifecycle rule: empty strings, `days` and `abort_multipart_upload_dt.days` INT_MAX (not
/// set), an empty tag list, its `node` initialised. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_lifecycle_rule_content(p: *mut aos_pool_t) -> *mut oss_lifecycle_rule_content_t {
    entry("oss_create_lifecycle_rule_content", || {
        let value = try_some!(zeroed_in::<oss_lifecycle_rule_content_t>(try_ref!(p)));
        value.node.make_empty();
        value.id = empty_string();
        value.prefix = empty_string();
        value.status = empty_string();
        value.date = empty_string();
        value.created_before_date = empty_string();
        value.days = c_int::MAX;
        value.abort_multipart_upload_dt.days = c_int::MAX;
        value.abort_multipart_upload_dt.created_before_date = empty_string();
        value.tag_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A CORS rule: four empty lists, `max_age_seconds` INT_MAX (not set), its `node` initialised.
/// NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_cors_rule(p: *mut aos_pool_t) -> *mut oss_cors_rule_t {
    entry("oss_create_cors_rule", || {
        let value = try_some!(zeroed_in::<oss_cors_rule_t>(try_ref!(p)));
        value.node.make_empty();
        value.allowed_origin_list.make_empty();
        value.allowed_method_list.make_empty();
        value.allowed_head_list.make_empty();
        value.expose_head_list.make_empty();
        value.max_age_seconds = c_int::MAX;
        std::ptr::from_mut(value)
    })
}

/// A logging configuration: empty target bucket and prefix, logging disabled. NULL if `p` is NULL
/// or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_logging_rule_content(p: *mut aos_pool_t) -> *mut oss_logging_config_content_t {
    entry("oss_create_logging_rule_content", || {
        let value = try_some!(zeroed_in::<oss_logging_config_content_t>(try_ref!(p)));
        value.node.make_empty();
        value.target_bucket = empty_string();
        value.prefix = empty_string();
        std::ptr::from_mut(value)
    })
}

/// A zeroed bucket-info block in the pool. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_bucket_info(p: *mut aos_pool_t) -> *mut oss_bucket_info_t {
    entry("oss_create_bucket_info", || {
        let value = try_some!(zeroed_in::<oss_bucket_info_t>(try_ref!(p)));
        std::ptr::from_mut(value)
    })
}

/// Appends a string (not copied: `rule_content` must outlive the list) to one of a CORS rule's
/// lists. Nothing happens if an argument is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_sub_cors_rule(
    p: *mut aos_pool_t,
    list: *mut aos_list_t,
    rule_content: *mut c_char,
) {
    entry("oss_create_sub_cors_rule", || {
        let pool = try_ref!(p);
        let _ = try_ref!(list);
        let _ = try_ref!(rule_content);
        let rule = try_some!(zeroed_in::<oss_sub_cors_rule_t>(pool));
        // SAFETY: a NUL-terminated string (checked non-NULL above).
        rule.rule = unsafe { string_over(rule_content) };
        // SAFETY: the caller's list is initialised; the node is new.
        unsafe { aos_list_t::add_tail(&mut rule.node, list) };
    })
}

/// Appends a referer (not copied: `refer_str` must outlive the configuration) to
/// `refer_config->referer_list` and returns its element. NULL if an argument is NULL or memory is
/// exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_and_add_refer(
    p: *mut aos_pool_t,
    refer_config: *mut oss_referer_config_t,
    refer_str: *mut c_char,
) -> *mut oss_referer_t {
    entry("oss_create_and_add_refer", || {
        let pool = try_ref!(p);
        let config = try_mut!(refer_config);
        let _ = try_ref!(refer_str);
        let refer = try_some!(zeroed_in::<oss_referer_t>(pool));
        // SAFETY: a NUL-terminated string (checked non-NULL above).
        refer.referer = unsafe { string_over(refer_str) };
        // SAFETY: the caller's configuration list is initialised; the node is new.
        unsafe { aos_list_t::add_tail(&mut refer.node, &mut config.referer_list) };
        std::ptr::from_mut(refer)
    })
}

/// An `aos_string_t` over a caller's NUL-terminated text (no copy), like `aos_str_set`.
///
/// # Safety
/// `text` is a non-NULL NUL-terminated string.
unsafe fn string_over(text: *mut c_char) -> aos_string_t {
    // SAFETY: the caller promises a NUL-terminated string.
    let len = unsafe { std::ffi::CStr::from_ptr(text) }.to_bytes().len();
    aos_string_t { len: c_int::try_from(len).unwrap_or(c_int::MAX), data: text }
}
