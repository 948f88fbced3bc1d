//! The bucket calls of `oss_api.h`: create (with a storage class), delete, head, ACL, location,
//! info, stat, and the service listing of buckets. Each checks the bucket name before any
//! request; results go into the caller's structs and lists in `options->pool`.

use std::ffi::c_int;

use super::bucket_rules::{oss_bucket_info_t, oss_bucket_stat_t};
use super::config::oss_request_options_t;
use super::listing::push;
use super::oss_enums::{acl_name, storage_class_name};
use super::params::{oss_list_bucket_content_t, oss_list_buckets_params_t};
use super::pool::aos_pool_t;
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::error::{codes, Error};
use crate::ops::bucket::{self, BucketListRequest};
use crate::outcome::Failure;
use crate::xml::bucket::BucketListing;

pub(crate) fn invalid(message: impl Into<String>) -> Failure {
    Error::invalid_argument(codes::CLIENT, message).into()
}

/// The wire name of a canned ACL argument; a value outside `oss_acl_e` is refused.
fn acl(oss_acl: c_int) -> Result<&'static str, Failure> {
    acl_name(oss_acl).ok_or_else(|| invalid(format!("{oss_acl} is not an oss_acl_e")))
}

/// Creates `bucket` with the canned ACL `oss_acl` (an `oss_acl_e`).
#[no_mangle]
pub unsafe extern "C" fn oss_create_bucket(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    oss_acl: c_int,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_create_bucket", options, resp_headers).on_bucket(bucket, |_, client, bucket| {
            bucket::create_bucket(client, &mut client.session()?, bucket, Some(acl(oss_acl)?), None)
        })
    }
}

/// Creates `bucket` with the canned ACL `oss_acl` and the storage class `storage_class` (an
/// `oss_storage_class_type_e`; `OSS_STORAGE_CLASS_BUTT` sends none, as the official SDK does).
#[no_mangle]
pub unsafe extern "C" fn oss_create_bucket_with_storage_class(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    oss_acl: c_int,
    storage_class: c_int,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_create_bucket_with_storage_class", options, resp_headers).on_bucket(
            bucket,
            |_, client, bucket| {
                let class = storage_class_name(storage_class);
                if class.is_none() && storage_class != 3 {
                    return Err(invalid(format!("{storage_class} is not an oss_storage_class_type_e")));
                }
                bucket::create_bucket(client, &mut client.session()?, bucket, Some(acl(oss_acl)?), class)
            },
        )
    }
}

/// Deletes `bucket` (409 BucketNotEmpty while it holds objects or uploads).
#[no_mangle]
pub unsafe extern "C" fn oss_delete_bucket(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_delete_bucket", options, resp_headers)
            .on_bucket(bucket, |_, client, bucket| bucket::delete_bucket(client, &mut client.session()?, bucket))
    }
}

/// Whether `bucket` exists and may be read (200, 403 or 404, from the answer's headers).
#[no_mangle]
pub unsafe extern "C" fn oss_head_bucket(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_head_bucket", options, resp_headers)
            .on_bucket(bucket, |_, client, bucket| bucket::head_bucket(client, &mut client.session()?, bucket))
    }
}

/// Sets the bucket's canned ACL.
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_acl(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    oss_acl: c_int,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_put_bucket_acl", options, resp_headers).on_bucket(bucket, |_, client, bucket| {
            bucket::put_bucket_acl(client, &mut client.session()?, bucket, acl(oss_acl)?)
        })
    }
}

/// The bucket's ACL into `*oss_acl` (a string in `options->pool`).
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_acl(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    oss_acl: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_bucket_acl", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let out = oss_acl.as_mut().ok_or_else(|| invalid("no oss_acl string given"))?;
            let (answer, acl) = bucket::get_bucket_acl(client, &mut client.session()?, bucket)?;
            *out = aos_string_t::from_pool(call.pool(), &acl.grant);
            Ok(answer)
        })
    }
}

/// The bucket's region (`oss-cn-hangzhou`) into `*oss_location`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_location(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    oss_location: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_bucket_location", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let out = oss_location.as_mut().ok_or_else(|| invalid("no oss_location string given"))?;
            let (answer, location) = bucket::get_bucket_location(client, &mut client.session()?, bucket)?;
            *out = aos_string_t::from_pool(call.pool(), &location);
            Ok(answer)
        })
    }
}

/// The bucket's creation date, endpoints, location, owner, ACL and storage class into
/// `*bucket_info` (strings in `options->pool`).
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_info(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    bucket_info: *mut oss_bucket_info_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_bucket_info", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let out = bucket_info.as_mut().ok_or_else(|| invalid("no bucket_info given"))?;
            let (answer, info) = bucket::get_bucket_info(client, &mut client.session()?, bucket)?;
            let string = |s: &str| aos_string_t::from_pool(call.pool(), s);
            out.created_date = string(&info.created_date);
            out.extranet_endpoint = string(&info.extranet_endpoint);
            out.intranet_endpoint = string(&info.intranet_endpoint);
            out.location = string(&info.location);
            out.owner_id = string(&info.owner_id);
            out.owner_name = string(&info.owner_name);
            out.acl = string(&info.acl);
            out.storage_class = string(&info.storage_class);
            Ok(answer)
        })
    }
}

/// The bytes stored, object count and multipart-upload count of the bucket into `*bucket_stat`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_stat(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    bucket_stat: *mut oss_bucket_stat_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_bucket_stat", options, resp_headers).on_bucket(bucket, |_, client, bucket| {
            let out = bucket_stat.as_mut().ok_or_else(|| invalid("no bucket_stat given"))?;
            let (answer, stat) = bucket::get_bucket_stat(client, &mut client.session()?, bucket)?;
            out.storage_in_bytes = stat.storage;
            out.object_count = stat.object_count;
            out.multipart_upload_count = stat.multipart_upload_count;
            Ok(answer)
        })
    }
}

/// Fills the caller's listing params from a page: buckets appended to `bucket_list` in the
/// server's order; `truncated`, `next_marker`, `owner_id` and `owner_name` set.
///
/// # Safety
/// `params->bucket_list` is initialised (`oss_create_list_buckets_params` does it).
unsafe fn fill(pool: &aos_pool_t, params: &mut oss_list_buckets_params_t, page: &BucketListing) -> Result<(), Failure> {
    let string = |s: &str| aos_string_t::from_pool(pool, s);
    for b in &page.buckets {
        // SAFETY: this function's contract.
        let entry = unsafe { push::<oss_list_bucket_content_t>(pool, &mut params.bucket_list, |e| &mut e.node) }?;
        entry.name = string(&b.name);
        entry.create_date = string(&b.creation_date);
        entry.extranet_endpoint = string(&b.extranet_endpoint);
        entry.intranet_endpoint = string(&b.intranet_endpoint);
        entry.location = string(&b.location);
        entry.storage_class = string(&b.storage_class);
    }
    params.truncated = c_int::from(page.truncated);
    params.next_marker = string(&page.next_marker);
    params.owner_id = string(&page.owner_id);
    params.owner_name = string(&page.owner_name);
    Ok(())
}

/// Lists the caller's buckets: those after `params->marker` starting with `params->prefix`, at
/// most `params->max_keys` (0: the server's default), appended to `params->bucket_list` as
/// `oss_list_bucket_content_t`s in the server's order.
#[no_mangle]
pub unsafe extern "C" fn oss_list_bucket(
    options: *const oss_request_options_t,
    params: *mut oss_list_buckets_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_list_bucket", options, resp_headers).run(|call| {
            let client = call.client()?;
            let params = params.as_mut().ok_or_else(|| invalid("no params given"))?;
            let list = BucketListRequest {
                prefix: request::text(&params.prefix, "prefix")?,
                marker: request::text(&params.marker, "marker")?,
                max_keys: u32::try_from(params.max_keys).ok().filter(|&n| n > 0),
            };
            let (answer, page) = bucket::list_buckets(&client, &mut client.session()?, &list)?;
            fill(call.pool(), params, &page)?;
            Ok(answer)
        })
    }
}
