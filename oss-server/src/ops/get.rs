//! GetObject (whole, ranged, conditional, throttled), HeadObject and GetObjectMeta.

use base64::Engine;

use std::fs::File;

use super::{restore, tagging, OpContext};
use crate::conditions::{self, Condition};
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::range::{self, RangeDecision};
use crate::store::ObjectRecord;
use crate::traffic_limit;

/// `response-*` query parameters override these answer headers.
const RESPONSE_OVERRIDES: &[(&str, &str)] = &[
    ("response-content-type", "Content-Type"),
    ("response-content-language", "Content-Language"),
    ("response-expires", "Expires"),
    ("response-cache-control", "Cache-Control"),
    ("response-content-disposition", "Content-Disposition"),
    ("response-content-encoding", "Content-Encoding"),
];

fn object_headers(ctx: &OpContext, record: &ObjectRecord, response: Response) -> Response {
    let mut response = response
        .with_header("ETag", record.etag.clone())
        .with_header("Last-Modified", last_modified_http(record))
        .with_header("Accept-Ranges", "bytes")
        .with_header("x-oss-object-type", record.object_type.clone())
        .with_header("x-oss-storage-class", record.attrs.storage_class.clone())
        .with_header("x-oss-hash-crc64ecma", record.crc64.to_string());
    if record.object_type == "Appendable" {
        // Where the next append must start: OSS tells it on HEAD and GET, and clients (the
        // official C SDK's samples) read it there instead of keeping the last append's answer.
        response = response.with_header("x-oss-next-append-position", record.size.to_string());
    }
    if let Some(md5) = content_md5(&record.etag) {
        response = response.with_header("Content-MD5", md5);
    }
    if let Some((name, value)) = tagging::tag_count_header(&record.attrs.tags) {
        response = response.with_header(name, value);
    }
    if let Some(value) = restore::header(record) {
        response = response.with_header("x-oss-restore", value);
    }
    let overridden =
        |name: &str| RESPONSE_OVERRIDES.iter().any(|(p, h)| h.eq_ignore_ascii_case(name) && ctx.query(p).is_some());
    for (name, value) in record.attrs.headers.iter().chain(&record.attrs.user_meta) {
        if !overridden(name) {
            response = response.with_header(name, value.clone());
        }
    }
    let mut content_type = record.attrs.content_type.clone();
    for (param, header) in RESPONSE_OVERRIDES {
        if let Some(value) = ctx.query(param) {
            if *header == "Content-Type" {
                content_type = value.to_string();
            } else {
                response = response.with_header(header, value);
            }
        }
    }
    response.with_header("Content-Type", content_type)
}

pub fn last_modified_http(record: &ObjectRecord) -> String {
    record.meta().last_modified_http()
}

/// The base64 MD5 OSS also sends, recovered from the hex ETag.
pub fn content_md5(etag: &str) -> Option<String> {
    let hex = etag.trim_matches('"');
    if hex.len() != 32 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..16).map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()).collect();
    Some(base64::engine::general_purpose::STANDARD.encode(bytes?))
}

/// Opens what a GET of `key` serves: the object, or a symlink's target. Archive objects are
/// readable only while restored (403 InvalidObjectState otherwise); a HEAD may always look.
pub fn open_readable(
    ctx: &OpContext,
    bucket: &str,
    key: &str,
    is_head: bool,
) -> Result<(File, ObjectRecord), OssError> {
    let (mut file, mut record) = ctx.state.store.open_object(bucket, key)?;
    if let Some(target) = record.symlink_target.clone() {
        (file, record) = ctx.state.store.open_object(bucket, &target).map_err(|e| {
            if e.code == "NoSuchKey" {
                OssError::new(404, "SymlinkTargetNotExist", "The symlink target object does not exist.")
                    .with_detail("SymlinkTarget", target)
            } else {
                e
            }
        })?;
    }
    if !is_head && !restore::readable(&record) {
        return Err(OssError::new(403, "InvalidObjectState", "The operation is not valid for the object's state"));
    }
    Ok((file, record))
}

pub fn get_object(ctx: &OpContext, bucket: &str, key: &str, is_head: bool) -> Result<Response, OssError> {
    let limit = traffic_limit::parse(ctx.header("x-oss-traffic-limit"), ctx.query("x-oss-traffic-limit"))?;
    let (file, record) = open_readable(ctx, bucket, key, is_head)?;
    let meta = record.meta();
    if conditions::evaluate(&ctx.head.headers, &meta)? == Condition::NotModified {
        return Ok(Response::new(304, Body::NotModified)
            .with_header("ETag", meta.etag.clone())
            .with_header("Last-Modified", meta.last_modified_http()));
    }
    if is_head {
        return Ok(object_headers(ctx, &record, Response::new(200, Body::HeadOnly(meta.size))));
    }
    let standard = ctx.header("x-oss-range-behavior").is_some_and(|v| v.eq_ignore_ascii_case("standard"));
    let mut response = match range::decide(ctx.header("range"), meta.size, standard) {
        RangeDecision::Whole => Response::new(200, Body::File { file, start: 0, len: meta.size }),
        RangeDecision::Partial { start, end } => Response::new(206, Body::File { file, start, len: end - start + 1 })
            .with_header("Content-Range", format!("bytes {start}-{end}/{}", meta.size)),
        RangeDecision::Unsatisfiable => {
            return Err(OssError::new(416, "InvalidRange", "The requested range cannot be satisfied.")
                .with_detail("RangeRequested", ctx.header("range").unwrap_or(""))
                .with_detail("ActualObjectSize", meta.size.to_string())
                .with_header("Content-Range", format!("bytes */{}", meta.size)));
        }
    };
    response.bytes_per_sec = limit;
    Ok(object_headers(ctx, &record, response))
}

/// `HEAD ?objectMeta`: the lightweight metadata answer (no Content-Type, no user meta).
pub fn get_object_meta(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let meta = ctx.state.store.object_meta(bucket, key)?;
    Ok(Response::new(200, Body::HeadOnly(meta.size))
        .with_header("ETag", meta.etag.clone())
        .with_header("Last-Modified", meta.last_modified_http())
        .with_header("x-oss-last-access-time", meta.last_modified_http())
        .with_header("x-oss-hash-crc64ecma", meta.crc64.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn md5_from_etag() {
        assert_eq!(super::content_md5("\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"").unwrap(), "XrY7u+Ae7tCTyyK7j1rNww==");
        assert_eq!(super::content_md5("\"short\""), None);
    }
}
