//! CopyObject (PUT with `x-oss-copy-source: /bucket/key[?versionId=..]`, the key URL-encoded):
//! `x-oss-metadata-directive` COPY (default) or REPLACE, `x-oss-tagging-directive` Copy or
//! Replace, `x-oss-copy-source-if-*` conditions, the CopyObjectResult document.

use super::{put, restore, tagging, OpContext};
use crate::conditions::{self, Condition};
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::iso_time::iso8601_millis;
use crate::percent;

fn bad_source(value: &str) -> OssError {
    OssError::invalid_argument("x-oss-copy-source must be /bucket/key (URL-encoded).")
        .with_detail("ArgumentName", "x-oss-copy-source")
        .with_detail("ArgumentValue", value)
}

/// Bucket, key and version of `x-oss-copy-source`.
pub(super) fn parse_source(value: &str) -> Result<(String, String, Option<String>), OssError> {
    let (path, query) = value.split_once('?').unwrap_or((value, ""));
    let path = path.strip_prefix('/').unwrap_or(path);
    let (bucket, key) = path.split_once('/').ok_or_else(|| bad_source(value))?;
    let key = percent::decode(key).map_err(|_| bad_source(value))?;
    if key.is_empty() {
        return Err(bad_source(value));
    }
    let version =
        query.split('&').find_map(|p| p.strip_prefix("versionId=")).map(|v| percent::decode(v).unwrap_or_default());
    Ok((bucket.to_string(), key, version))
}

/// The `x-oss-copy-source-if-*` headers as the plain conditional headers they mirror.
pub(super) fn source_conditions(ctx: &OpContext) -> Vec<(String, String)> {
    [
        ("x-oss-copy-source-if-match", "If-Match"),
        ("x-oss-copy-source-if-none-match", "If-None-Match"),
        ("x-oss-copy-source-if-unmodified-since", "If-Unmodified-Since"),
        ("x-oss-copy-source-if-modified-since", "If-Modified-Since"),
    ]
    .iter()
    .filter_map(|(from, to)| ctx.header(from).map(|v| (to.to_string(), v.to_string())))
    .collect()
}

fn directive(ctx: &OpContext, header: &'static str, default: &str) -> Result<bool, OssError> {
    let value = ctx.header(header).unwrap_or(default);
    match value.to_ascii_uppercase().as_str() {
        "COPY" => Ok(false),
        "REPLACE" => Ok(true),
        _ => Err(OssError::invalid_argument(format!("{header} must be COPY or REPLACE."))
            .with_detail("ArgumentName", header)
            .with_detail("ArgumentValue", value)),
    }
}

pub fn copy_object(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let (src_bucket, src_key, version) = parse_source(ctx.header("x-oss-copy-source").unwrap_or(""))?;
    if version.as_deref().is_some_and(|v| v != "null") {
        return Err(OssError::new(404, "NoSuchVersion", "The specified version does not exist."));
    }
    let replace_meta = directive(ctx, "x-oss-metadata-directive", "COPY")?;
    let replace_tags = directive(ctx, "x-oss-tagging-directive", "COPY")?;
    let dst_bucket = ctx.state.store.require_bucket(bucket)?;
    let (_, source) = super::get::open_readable(ctx, &src_bucket, &src_key, true)?;
    if !restore::readable(&source) {
        return Err(OssError::new(403, "InvalidObjectState", "The operation is not valid for the object's state"));
    }
    if conditions::evaluate(&source_conditions(ctx), &source.meta())? == Condition::NotModified {
        return Ok(Response::new(304, Body::NotModified));
    }
    let requested = put::object_attrs(ctx, &source.attrs.storage_class)?;
    let mut attrs = if replace_meta { requested.clone() } else { source.attrs.clone() };
    attrs.storage_class =
        ctx.header("x-oss-storage-class").map_or(dst_bucket.attrs.storage_class, |_| requested.storage_class.clone());
    attrs.acl = requested.acl.clone();
    attrs.tags = if replace_tags { tagging::header_tags(ctx)?.unwrap_or_default() } else { source.attrs.tags.clone() };
    let record = ctx.state.store.copy_object(&source, bucket, key, attrs, put::forbid_overwrite(ctx))?;
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CopyObjectResult><ETag>{}</ETag><LastModified>{}</LastModified></CopyObjectResult>\n",
        crate::xml::escape(&record.etag),
        iso8601_millis(record.last_modified)
    );
    Ok(Response::xml(200, xml)
        .with_header("ETag", record.etag.clone())
        .with_header("x-oss-hash-crc64ecma", record.crc64.to_string()))
}

#[cfg(test)]
mod tests {
    use super::parse_source;

    #[test]
    fn copy_source_forms() {
        assert_eq!(parse_source("/b-1/dir/a%20b").unwrap(), ("b-1".into(), "dir/a b".into(), None));
        assert_eq!(parse_source("b-1/k?versionId=CAEQ").unwrap(), ("b-1".into(), "k".into(), Some("CAEQ".into())));
        assert_eq!(parse_source("/b-1/%E2%82%AC%2B").unwrap().1, "€+");
        assert!(parse_source("/b-1").is_err());
        assert!(parse_source("/b-1/").is_err());
    }
}
