//! `oss_list_object`, `oss_delete_objects` and `oss_delete_objects_by_prefix`: the calls that walk
//! or change many keys of a bucket; `oss_list_upload_part` and `oss_list_multipart_upload`: the
//! listings of multipart uploads.

use std::ffi::c_int;

use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::params::{
    oss_list_multipart_upload_content_t, oss_list_multipart_upload_params_t, oss_list_object_common_prefix_t,
    oss_list_object_content_t, oss_list_object_params_t, oss_list_part_content_t, oss_list_upload_part_params_t,
    oss_object_key_t,
};
use super::pool::aos_pool_t;
use super::pool_value::{push_entry, ZeroValid};
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::client::Client;
use crate::error::{codes, Error};
use crate::http::{Response, Session};
use crate::ops::listing::{list_objects, ListRequest};
use crate::ops::manage;
use crate::ops::multipart::{self as mp, UploadsRequest};
use crate::outcome::Failure;
use crate::xml::listing::{ObjectListing, ObjectSummary};

/// DeleteMultipleObjects takes at most this many keys.
const DELETE_BATCH: usize = 1000;

fn out_of_memory() -> Failure {
    Error::internal("out of memory for a list entry").into()
}

/// [`push_entry`], failing with a status when memory is exhausted.
///
/// # Safety
/// As [`push_entry`].
#[allow(clippy::mut_from_ref)] // an arena: each call hands out a distinct, new allocation
pub(crate) unsafe fn push<T: ZeroValid>(
    pool: &aos_pool_t,
    list: *mut aos_list_t,
    node: impl Fn(&mut T) -> &mut aos_list_t,
) -> Result<&mut T, Failure> {
    // SAFETY: this function's contract.
    unsafe { push_entry(pool, list, node) }.ok_or_else(out_of_memory)
}

/// Fills the caller's listing params from a page, as the official SDK does: objects and common
/// prefixes appended to the params' lists, `truncated` and `next_marker` set.
///
/// # Safety
/// The params' lists are initialised (`oss_create_list_object_params` does it).
unsafe fn fill(pool: &aos_pool_t, params: &mut oss_list_object_params_t, page: &ObjectListing) -> Result<(), Failure> {
    let string = |s: &str| aos_string_t::from_pool(pool, s);
    for o in &page.objects {
        // SAFETY: this function's contract.
        let entry = unsafe { push::<oss_list_object_content_t>(pool, &mut params.object_list, |e| &mut e.node) }?;
        let ObjectSummary { key, last_modified, etag, size, owner_id, owner_display_name, storage_class, object_type } =
            o;
        entry.key = string(key);
        entry.last_modified = string(last_modified);
        entry.etag = string(etag);
        entry.size = string(size);
        entry.owner_id = string(owner_id);
        entry.owner_display_name = string(owner_display_name);
        entry.storage_class = string(storage_class);
        entry.r#type = string(object_type);
    }
    for prefix in &page.common_prefixes {
        // SAFETY: this function's contract.
        let entry =
            unsafe { push::<oss_list_object_common_prefix_t>(pool, &mut params.common_prefix_list, |e| &mut e.node) }?;
        entry.prefix = string(prefix);
    }
    params.truncated = c_int::from(page.truncated);
    params.next_marker = string(&page.next_marker);
    Ok(())
}

/// Lists one page of `bucket`: keys after `params->marker` starting with `params->prefix`, at
/// most `params->max_ret` (1–1000), rolled up at `params->delimiter` into common prefixes. The
/// objects (`oss_list_object_content_t`) and common prefixes (`oss_list_object_common_prefix_t`)
/// are appended to the params' lists, in key order; `truncated` and `next_marker` say how to ask
/// for the next page. Names are sent URL-encoded by the server and decoded here, so any key
/// (control characters included) comes back intact.
#[no_mangle]
pub unsafe extern "C" fn oss_list_object(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    params: *mut oss_list_object_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_list_object", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let params = params.as_mut().ok_or_else(|| Failure::from(invalid("no params given")))?;
            let list = ListRequest {
                prefix: request::text(&params.prefix, "prefix")?,
                marker: request::text(&params.marker, "marker")?,
                delimiter: request::text(&params.delimiter, "delimiter")?,
                max_keys: u32::try_from(params.max_ret).ok().filter(|&n| n > 0),
                url_encoded: true,
            };
            let (answer, page) = list_objects(client, &mut client.session()?, bucket, &list, &[])?;
            fill(call.pool(), params, &page)?;
            Ok(answer)
        })
    }
}

fn invalid(message: &str) -> Error {
    Error::invalid_argument(codes::CLIENT, message)
}

/// The keys of a list of `oss_object_key_t`.
///
/// # Safety
/// `list` is an initialised list of keys whose strings are readable.
unsafe fn keys_of(list: *const aos_list_t) -> Result<Vec<String>, Failure> {
    // SAFETY: this function's contract; `node` is the first field of a key entry.
    let nodes = unsafe { aos_list_t::nodes(list) };
    nodes
        .map(|node| unsafe { request::text(&(*(node as *const oss_object_key_t)).key, "key") }.map_err(Failure::from))
        .collect()
}

/// Deletes the keys of `object_list` (a list of `oss_object_key_t`, at most 1000) in one
/// request. Unless `is_quiet`, the keys the server reports deleted are appended to
/// `deleted_object_list` (may be NULL) as `oss_object_key_t`s in `options->pool`.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_objects(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object_list: *mut aos_list_t,
    is_quiet: c_int,
    resp_headers: *mut *mut aos_table_t,
    deleted_object_list: *mut aos_list_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_delete_objects", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            if object_list.is_null() {
                return Err(invalid("no object list given").into());
            }
            let keys = keys_of(object_list)?;
            if keys.is_empty() || keys.len() > DELETE_BATCH {
                return Err(invalid("the object list must hold 1 to 1000 keys").into());
            }
            let (answer, deleted) =
                manage::delete_objects(client, &mut client.session()?, bucket, &keys, is_quiet != 0)?;
            if !deleted_object_list.is_null() {
                for key in &deleted {
                    let entry = push::<oss_object_key_t>(call.pool(), deleted_object_list, |e| &mut e.node)?;
                    entry.key = aos_string_t::from_pool(call.pool(), key);
                }
            }
            Ok(answer)
        })
    }
}

/// Deletes every object whose key starts with `prefix` (an empty or NULL prefix means the whole
/// bucket): pages through the listing 1000 keys at a time and deletes each page in one quiet
/// request. The status is the last request's.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_objects_by_prefix(
    options: *mut oss_request_options_t,
    bucket: *const aos_string_t,
    prefix: *const aos_string_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_delete_objects_by_prefix", options, std::ptr::null_mut()).on_bucket(
            bucket,
            |_, client, bucket| {
                let prefix = request::text(prefix, "prefix")?;
                delete_by_prefix(client, &mut client.session()?, bucket, &prefix)
            },
        )
    }
}

/// Lists and deletes pages of keys under `prefix` until none is left.
fn delete_by_prefix(client: &Client, session: &mut Session, bucket: &str, prefix: &str) -> Result<Response, Failure> {
    let mut list = ListRequest {
        prefix: prefix.to_string(),
        max_keys: Some(DELETE_BATCH as u32),
        url_encoded: true,
        ..ListRequest::default()
    };
    loop {
        let (listed, page) = list_objects(client, session, bucket, &list, &[])?;
        if page.objects.is_empty() {
            return Ok(listed);
        }
        let keys: Vec<String> = page.objects.into_iter().map(|o| o.key).collect();
        let (deleted, _) = manage::delete_objects(client, session, bucket, &keys, true)?;
        if !page.truncated {
            return Ok(deleted);
        }
        // Deleted keys no longer list; the marker only skips what a failed delete might leave.
        list.marker = keys.last().cloned().unwrap_or_default();
    }
}

/// Lists one page of the parts of `upload_id`: parts after `params->part_number_marker`, at most
/// `params->max_ret` (1–1000). Each part (`oss_list_part_content_t`: number, size, ETag,
/// modification time) is appended to `params->part_list`; `truncated` and
/// `next_part_number_marker` say how to ask for the next page.
#[no_mangle]
pub unsafe extern "C" fn oss_list_upload_part(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    upload_id: *const aos_string_t,
    params: *mut oss_list_upload_part_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_list_upload_part", options, resp_headers).on_object(
            bucket,
            object,
            std::ptr::null(),
            std::ptr::null(),
            |call, client, obj| {
                let params = params.as_mut().ok_or_else(|| Failure::from(invalid("no params given")))?;
                let id = request::text(upload_id, "upload id")?;
                let marker = request::text(&params.part_number_marker, "part number marker")?;
                let max = u32::try_from(params.max_ret).ok().filter(|&n| n > 0);
                let (answer, page) = mp::list_parts(client, &mut client.session()?, obj, &id, &marker, max)?;
                let pool = call.pool();
                for part in &page.parts {
                    let entry = push::<oss_list_part_content_t>(pool, &mut params.part_list, |e| &mut e.node)?;
                    entry.part_number = aos_string_t::from_pool(pool, &part.number.to_string());
                    entry.size = aos_string_t::from_pool(pool, &part.size.to_string());
                    entry.etag = aos_string_t::from_pool(pool, &part.etag);
                    entry.last_modified = aos_string_t::from_pool(pool, &part.last_modified);
                }
                params.truncated = c_int::from(page.truncated);
                params.next_part_number_marker = aos_string_t::from_pool(pool, &page.next_part_number_marker);
                Ok(answer)
            },
        )
    }
}

/// Lists one page of the unfinished multipart uploads of `bucket`: uploads of keys starting with
/// `params->prefix`, after `key_marker` (and, for that key, after `upload_id_marker`), at most
/// `max_ret` (1–1000), rolled up at `delimiter`. Each upload (`oss_list_multipart_upload_content_t`:
/// key, upload id, initiation time) is appended to `params->upload_list`; `truncated`,
/// `next_key_marker` and `next_upload_id_marker` say how to ask for the next page.
#[no_mangle]
pub unsafe extern "C" fn oss_list_multipart_upload(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    params: *mut oss_list_multipart_upload_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_list_multipart_upload", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let params = params.as_mut().ok_or_else(|| Failure::from(invalid("no params given")))?;
            let list = UploadsRequest {
                prefix: request::text(&params.prefix, "prefix")?,
                delimiter: request::text(&params.delimiter, "delimiter")?,
                key_marker: request::text(&params.key_marker, "key marker")?,
                upload_id_marker: request::text(&params.upload_id_marker, "upload id marker")?,
                max_uploads: u32::try_from(params.max_ret).ok().filter(|&n| n > 0),
            };
            let (answer, page) = mp::list_uploads(client, &mut client.session()?, bucket, &list)?;
            let pool = call.pool();
            for upload in &page.uploads {
                let entry =
                    push::<oss_list_multipart_upload_content_t>(pool, &mut params.upload_list, |e| &mut e.node)?;
                entry.key = aos_string_t::from_pool(pool, &upload.key);
                entry.upload_id = aos_string_t::from_pool(pool, &upload.upload_id);
                entry.initiated = aos_string_t::from_pool(pool, &upload.initiated);
            }
            params.truncated = c_int::from(page.truncated);
            params.next_key_marker = aos_string_t::from_pool(pool, &page.next_key_marker);
            params.next_upload_id_marker = aos_string_t::from_pool(pool, &page.next_upload_id_marker);
            Ok(answer)
        })
    }
}
