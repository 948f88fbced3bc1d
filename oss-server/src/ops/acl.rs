//! ACLs of buckets and objects: the allowed values, the AccessControlPolicy document, and who
//! may do what without signing (public-read, public-read-write).

use super::OpContext;
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::store::record::ACL_DEFAULT;
use crate::store::Store;
use crate::xml::escape;

pub const BUCKET_ACLS: &[&str] = &["private", "public-read", "public-read-write"];
pub const OBJECT_ACLS: &[&str] = &["default", "private", "public-read", "public-read-write"];

/// The `x-oss-acl` / `x-oss-object-acl` header, checked against `allowed`.
pub fn acl_header(ctx: &OpContext, name: &str, allowed: &[&str]) -> Result<Option<String>, OssError> {
    match ctx.header(name) {
        None => Ok(None),
        Some(value) if allowed.contains(&value) => Ok(Some(value.to_string())),
        Some(value) => Err(OssError::invalid_argument(format!("no such bucket access control exists: {value:?}"))
            .with_detail("ArgumentName", name)
            .with_detail("ArgumentValue", value)),
    }
}

/// The `<Owner>` element every answer naming an owner carries (the one account is the key id).
pub fn owner_xml(ctx: &OpContext) -> String {
    let id = escape(&ctx.state.config.credentials.access_key_id);
    format!("<Owner><ID>{id}</ID><DisplayName>{id}</DisplayName></Owner>")
}

pub fn policy_response(ctx: &OpContext, grant: &str) -> Response {
    Response::xml(
        200,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy>{}<AccessControlList><Grant>{grant}</Grant></AccessControlList></AccessControlPolicy>\n",
            owner_xml(ctx)
        ),
    )
}

pub fn get_bucket_acl(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let record = ctx.state.store.require_bucket(bucket)?;
    Ok(policy_response(ctx, &record.attrs.acl))
}

pub fn put_bucket_acl(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    let acl = acl_header(ctx, "x-oss-acl", BUCKET_ACLS)?
        .ok_or_else(|| OssError::invalid_argument("PutBucketAcl needs the x-oss-acl header."))?;
    ctx.state.store.require_bucket(bucket)?;
    ctx.state.store.set_bucket_acl(bucket, &acl)?;
    Ok(Response::new(200, Body::Empty))
}

pub fn get_object_acl(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let record = ctx.state.store.require_object(bucket, key)?;
    Ok(policy_response(ctx, &record.attrs.acl))
}

pub fn put_object_acl(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let acl = acl_header(ctx, "x-oss-object-acl", OBJECT_ACLS)?
        .ok_or_else(|| OssError::invalid_argument("PutObjectACL needs the x-oss-object-acl header."))?;
    ctx.state.store.update_object(bucket, key, &|record| {
        record.attrs.acl = acl.clone();
        Ok(())
    })?;
    Ok(Response::new(200, Body::Empty))
}

/// Whether an unsigned request may do `method` here, by the ACLs: an object's own ACL wins
/// unless it is `default`, which defers to the bucket's. Reads need public-read or
/// public-read-write; object writes need public-read-write; bucket-level writes and
/// sub-resources other than reading an object always need a signature.
pub fn anonymous_allowed(store: &Store, bucket: &str, key: Option<&str>, method: &str, has_subresource: bool) -> bool {
    let Ok(Some(bucket_record)) = store.bucket(bucket) else {
        return false;
    };
    let read = matches!(method, "GET" | "HEAD");
    if has_subresource || (key.is_none() && !read) {
        return false;
    }
    let object_acl = key.and_then(|k| store.object(bucket, k).ok().flatten()).map(|r| r.attrs.acl);
    let acl = match object_acl {
        Some(acl) if acl != ACL_DEFAULT => acl,
        _ => bucket_record.attrs.acl,
    };
    acl == "public-read-write" || (read && acl == "public-read")
}
