//! PutObject (streamed, Content-MD5 checked), and the content replacement a fault performs.

use std::io::Read;

use base64::Engine;

use super::acl::{acl_header, OBJECT_ACLS};
use super::{tagging, OpContext};
use crate::callback;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::store::record::STORAGE_CLASSES;
use crate::store::{ObjectAttrs, ObjectRecord, PutOptions, Store};

/// Standard headers an object keeps and returns on GET and HEAD, as given at upload.
pub const STORED_HEADERS: &[&str] =
    &["Content-Disposition", "Content-Encoding", "Cache-Control", "Expires", "Content-Language"];

pub fn put_object(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    if ctx.header("x-oss-copy-source").is_some() {
        return super::copy::copy_object(ctx, bucket, key);
    }
    let chunked = ctx.header("transfer-encoding").is_some();
    if ctx.header("content-length").is_none() && !chunked {
        return Err(OssError::new(411, "MissingContentLength", "You must provide the Content-Length HTTP header."));
    }
    check_body_size(ctx)?;
    let bucket_record = ctx.state.store.require_bucket(bucket)?;
    let callback = callback::requested(ctx)?;
    let options = PutOptions {
        attrs: object_attrs(ctx, &bucket_record.attrs.storage_class)?,
        content_md5: content_md5(ctx)?,
        forbid_overwrite: forbid_overwrite(ctx),
        ..PutOptions::default()
    };
    let record = ctx.state.store.put_object(bucket, key, body, &options)?;
    callback::answer(ctx, callback.as_ref(), bucket, &record, stored(&record))
}

/// The most one PutObject body or one part may hold.
const MAX_BODY_SIZE: u64 = 5 << 30;

/// 400 EntityTooLarge for a `Content-Length` over 5 GiB, before any of the body is read.
pub fn check_body_size(ctx: &OpContext) -> Result<(), OssError> {
    if ctx.header("content-length").and_then(|v| v.parse::<u64>().ok()).is_some_and(|n| n > MAX_BODY_SIZE) {
        return Err(OssError::new(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.")
            .with_detail("MaxSizeAllowed", MAX_BODY_SIZE.to_string()));
    }
    Ok(())
}

pub fn forbid_overwrite(ctx: &OpContext) -> bool {
    ctx.header("x-oss-forbid-overwrite").is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// The decoded `Content-MD5` header, if any (400 InvalidDigest when it is not 16 bytes of base64).
pub fn content_md5(ctx: &OpContext) -> Result<Option<[u8; 16]>, OssError> {
    let Some(text) = ctx.header("content-md5") else {
        return Ok(None);
    };
    let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).ok();
    let digest: [u8; 16] = bytes
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| OssError::new(400, "InvalidDigest", "The Content-MD5 you specified is not valid."))?;
    Ok(Some(digest))
}

/// What a writing request says about the object: Content-Type, the stored standard headers,
/// `x-oss-meta-*`, `x-oss-storage-class` (default: the bucket's), `x-oss-object-acl`,
/// `x-oss-tagging`.
pub fn object_attrs(ctx: &OpContext, bucket_storage_class: &str) -> Result<ObjectAttrs, OssError> {
    let mut attrs = ObjectAttrs::default();
    if let Some(content_type) = ctx.header("content-type").filter(|t| !t.is_empty()) {
        attrs.content_type = content_type.to_string();
    }
    attrs.headers =
        STORED_HEADERS.iter().filter_map(|name| ctx.header(name).map(|v| (name.to_string(), v.to_string()))).collect();
    attrs.user_meta = user_meta(ctx);
    attrs.storage_class = match ctx.header("x-oss-storage-class") {
        Some(class) if STORAGE_CLASSES.contains(&class) => class.to_string(),
        Some(class) => {
            return Err(OssError::invalid_argument(format!("Unsupported storage class {class:?}."))
                .with_detail("ArgumentName", "x-oss-storage-class")
                .with_detail("ArgumentValue", class))
        }
        None => bucket_storage_class.to_string(),
    };
    if let Some(acl) = acl_header(ctx, "x-oss-object-acl", OBJECT_ACLS)? {
        attrs.acl = acl;
    }
    attrs.tags = tagging::header_tags(ctx)?.unwrap_or_default();
    Ok(attrs)
}

pub fn user_meta(ctx: &OpContext) -> Vec<(String, String)> {
    ctx.head
        .headers
        .iter()
        .filter(|(n, _)| n.to_ascii_lowercase().starts_with("x-oss-meta-"))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .collect()
}

/// The answer to a write: ETag, the whole object's CRC-64, and its MD5.
pub fn stored(record: &ObjectRecord) -> Response {
    let mut response = Response::new(200, Body::Empty)
        .with_header("ETag", record.etag.clone())
        .with_header("x-oss-hash-crc64ecma", record.crc64.to_string());
    if let Some(md5) = super::get::content_md5(&record.etag) {
        response = response.with_header("Content-MD5", md5);
    }
    response
}

/// Replaces an object with different bytes of the same size (each byte XOR 0x5A), keeping its
/// attributes: a new ETag, CRC and Last-Modified, as if someone uploaded a new version while a
/// client was downloading.
pub fn replace_content(store: &Store, bucket: &str, key: &str) -> Result<ObjectRecord, OssError> {
    let (file, record) = store.open_object(bucket, key)?;
    let mut flipped = XorReader { inner: file.take(record.size), mask: 0x5A };
    let options = PutOptions { attrs: record.attrs.clone(), ..PutOptions::default() };
    store.put_object(bucket, key, &mut flipped, &options)
}

struct XorReader<R> {
    inner: R,
    mask: u8,
}

impl<R: Read> Read for XorReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        buf[..n].iter_mut().for_each(|b| *b ^= self.mask);
        Ok(n)
    }
}
