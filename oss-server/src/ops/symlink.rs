//! PutSymlink and GetSymlink (`?symlink`). GET and HEAD through a symlink serve its target
//! (`get::open_readable`).

use super::{put, OpContext};
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::names::check_key;
use crate::percent;

pub fn put_symlink(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let raw = ctx.header("x-oss-symlink-target").ok_or_else(|| {
        OssError::new(400, "MissingArgument", "PutSymlink needs the x-oss-symlink-target header.")
            .with_detail("ArgumentName", "x-oss-symlink-target")
    })?;
    // SDKs send the target URL-encoded.
    let target =
        percent::decode(raw).map_err(|_| OssError::invalid_argument("x-oss-symlink-target is not URL-encoded."))?;
    check_key(&target)?;
    let bucket_record = ctx.state.store.require_bucket(bucket)?;
    let attrs = put::object_attrs(ctx, &bucket_record.attrs.storage_class)?;
    let record = ctx.state.store.put_symlink(bucket, key, &target, attrs, put::forbid_overwrite(ctx))?;
    Ok(put::stored(&record))
}

pub fn get_symlink(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let record = ctx.state.store.require_object(bucket, key)?;
    let target = record
        .symlink_target
        .as_deref()
        .ok_or_else(|| OssError::new(400, "NotSymlink", "The specified object is not a symlink."))?;
    let mut response = Response::new(200, Body::Empty)
        .with_header("x-oss-symlink-target", percent::encode(target, true))
        .with_header("ETag", record.etag.clone())
        .with_header("Last-Modified", super::get::last_modified_http(&record));
    for (name, value) in &record.attrs.user_meta {
        response = response.with_header(name, value.clone());
    }
    Ok(response)
}
