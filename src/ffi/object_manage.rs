//! The object calls that move no object bytes through us: `oss_copy_object`, `oss_delete_object`,
//! the ACL, tagging and symlink calls, and `oss_restore_object(_with_tier)`.

use std::ffi::c_int;
use std::ptr;

use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::listing::push;
use super::oss_enums::{acl_name, tier_name};
use super::params::oss_tag_content_t;
use super::pool::aos_pool_t;
use super::request::{self, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::error::{codes, Error};
use crate::ops::manage;
use crate::outcome::Failure;
use crate::xml::object::Tags;

fn invalid(message: impl Into<String>) -> Failure {
    Error::invalid_argument(codes::CLIENT, message).into()
}

/// Copies `source_bucket`/`source_object` to `dest_bucket`/`dest_object` on the server.
/// `headers` (may be NULL) go with the request: `x-oss-metadata-directive: REPLACE` with new
/// metadata, `x-oss-copy-source-if-*` conditions, `x-oss-storage-class`...
#[no_mangle]
pub unsafe extern "C" fn oss_copy_object(
    options: *const oss_request_options_t,
    source_bucket: *const aos_string_t,
    source_object: *const aos_string_t,
    dest_bucket: *const aos_string_t,
    dest_object: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_copy_object", options, resp_headers).on_object(
            dest_bucket,
            dest_object,
            headers,
            ptr::null(),
            |_, client, dest| {
                let source = request::object_ref(source_bucket, source_object, ptr::null(), ptr::null())?;
                let session = &mut client.session()?;
                manage::copy_object(client, session, &source.bucket, &source.key, dest).map(|(answer, _)| answer)
            },
        )
    }
}

/// Deletes an object; deleting one that does not exist succeeds (204), as on OSS.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_object(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_delete_object", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| manage::delete_object(client, &mut client.session()?, obj),
        )
    }
}

/// Sets the object's ACL (`OSS_ACL_PRIVATE`, `OSS_ACL_PUBLIC_READ`, `OSS_ACL_PUBLIC_READ_WRITE`,
/// `OSS_ACL_DEFAULT`); another value is `AOSE_INVALID_ARGUMENT` before any request.
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_acl(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    oss_acl: c_int,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_put_object_acl", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| {
                let acl = acl_name(oss_acl).ok_or_else(|| invalid(format!("{oss_acl} is not an oss_acl_e")))?;
                manage::put_object_acl(client, &mut client.session()?, obj, acl)
            },
        )
    }
}

/// The object's ACL into `*oss_acl` (a string in `options->pool`: "private", "public-read",
/// "public-read-write" or "default").
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_acl(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    oss_acl: *mut aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_object_acl", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |call, client, obj| {
                let out = oss_acl.as_mut().ok_or_else(|| invalid("no oss_acl string given"))?;
                let (answer, acl) = manage::get_object_acl(client, &mut client.session()?, obj)?;
                *out = aos_string_t::from_pool(call.pool(), &acl.grant);
                Ok(answer)
            },
        )
    }
}

/// The `(key, value)` pairs of a list of `oss_tag_content_t`.
///
/// # Safety
/// `list` is an initialised list of tags whose strings are readable.
pub(crate) unsafe fn tags_of(list: *const aos_list_t) -> Result<Vec<(String, String)>, Failure> {
    let mut tags = Vec::new();
    // SAFETY: this function's contract; `node` is the first field of a tag.
    for node in unsafe { aos_list_t::nodes(list) } {
        let tag = node as *const oss_tag_content_t;
        // SAFETY: as above.
        let (key, value) =
            unsafe { (request::text(&(*tag).key, "tag key")?, request::text(&(*tag).value, "tag value")?) };
        tags.push((key, value));
    }
    Ok(tags)
}

/// Appends `tags` to `list` as `oss_tag_content_t`s in `pool`, in order.
///
/// # Safety
/// `list` is an initialised list.
pub(crate) unsafe fn push_tags(pool: &aos_pool_t, list: *mut aos_list_t, tags: &Tags) -> Result<(), Failure> {
    for (key, value) in tags {
        // SAFETY: this function's contract; `node` is the tag's own node.
        let tag = unsafe { push::<oss_tag_content_t>(pool, list, |t| &mut t.node) }?;
        tag.key = aos_string_t::from_pool(pool, key);
        tag.value = aos_string_t::from_pool(pool, value);
    }
    Ok(())
}

/// Replaces the object's tags with those of `tag_list` (a list of `oss_tag_content_t`).
#[no_mangle]
pub unsafe extern "C" fn oss_put_object_tagging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    tag_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_put_object_tagging", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| {
                if tag_list.is_null() {
                    return Err(invalid("no tag list given"));
                }
                let tags = tags_of(tag_list)?;
                manage::put_object_tagging(client, &mut client.session()?, obj, &tags)
            },
        )
    }
}

/// Appends the object's tags to `tag_list` (an initialised list) as `oss_tag_content_t`s in
/// `options->pool`, in the server's order.
#[no_mangle]
pub unsafe extern "C" fn oss_get_object_tagging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    tag_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_object_tagging", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |call, client, obj| {
                if tag_list.is_null() {
                    return Err(invalid("no tag list given"));
                }
                let (answer, tags) = manage::get_object_tagging(client, &mut client.session()?, obj)?;
                push_tags(call.pool(), tag_list, &tags)?;
                Ok(answer)
            },
        )
    }
}

/// Removes every tag of the object.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_object_tagging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_delete_object_tagging", options, resp_headers).on_object(
            bucket,
            object,
            ptr::null(),
            ptr::null(),
            |_, client, obj| manage::delete_object_tagging(client, &mut client.session()?, obj),
        )
    }
}

/// Makes `sym_object` a symlink to `target_object` (a key of the same bucket).
#[no_mangle]
pub unsafe extern "C" fn oss_put_symlink(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    sym_object: *const aos_string_t,
    target_object: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: the same arguments, under the same contract.
    unsafe { oss_do_put_symlink(options, bucket, sym_object, target_object, ptr::null_mut(), resp_headers) }
}

/// `oss_put_symlink` with `headers` (may be NULL): metadata, `x-oss-storage-class`,
/// `x-oss-object-acl`, `x-oss-forbid-overwrite`...
#[no_mangle]
pub unsafe extern "C" fn oss_do_put_symlink(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    sym_object: *const aos_string_t,
    target_object: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_do_put_symlink", options, resp_headers).on_object(
            bucket,
            sym_object,
            headers,
            ptr::null(),
            |_, client, link| {
                let target = request::text(target_object, "symlink target")?;
                manage::put_symlink(client, &mut client.session()?, link, &target)
            },
        )
    }
}

/// The symlink's target comes back in `resp_headers` as `x-oss-symlink-target`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_symlink(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    sym_object: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_get_symlink", options, resp_headers).on_object(
            bucket,
            sym_object,
            ptr::null(),
            ptr::null(),
            |_, client, link| manage::get_symlink(client, &mut client.session()?, link),
        )
    }
}

/// Starts restoring an Archive object (202; a repeat while it runs is 409
/// `RestoreAlreadyInProgress`). `headers` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn oss_restore_object(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_restore_object", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            ptr::null(),
            |_, client, obj| manage::restore_object(client, &mut client.session()?, obj, None),
        )
    }
}

/// Restores a ColdArchive object for `day` days at retrieval speed `tier` (`OSS_TIER_EXPEDITED`,
/// `OSS_TIER_STANDARD`, `OSS_TIER_BULK`); a tier outside the enum or `day` < 1 is
/// `AOSE_INVALID_ARGUMENT` before any request.
#[no_mangle]
pub unsafe extern "C" fn oss_restore_object_with_tier(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    object: *const aos_string_t,
    tier: c_int,
    day: c_int,
    headers: *mut aos_table_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_restore_object_with_tier", options, resp_headers).on_object(
            bucket,
            object,
            headers,
            ptr::null(),
            |_, client, obj| {
                let tier = tier_name(tier).ok_or_else(|| invalid(format!("{tier} is not an oss_tier_type_e")))?;
                let days =
                    u32::try_from(day).ok().filter(|&d| d >= 1).ok_or_else(|| invalid("day must be 1 or more"))?;
                manage::restore_object(client, &mut client.session()?, obj, Some((days, tier)))
            },
        )
    }
}
