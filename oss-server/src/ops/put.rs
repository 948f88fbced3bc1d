//! PutObject (streamed, Content-MD5 checked), and the content replacement a fault performs.

use std::io::Read;

use base64::Engine;

use super::OpContext;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::object_meta::ObjectMeta;
use crate::storage::{PutOptions, Storage};

pub fn put_object(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    if ctx.header("x-oss-copy-source").is_some() {
        return Err(OssError::new(501, "NotImplemented", "CopyObject is not implemented by this server."));
    }
    let chunked = ctx.header("transfer-encoding").is_some();
    if ctx.header("content-length").is_none() && !chunked {
        return Err(OssError::new(411, "MissingContentLength", "You must provide the Content-Length HTTP header."));
    }
    let content_md5 = match ctx.header("content-md5") {
        None => None,
        Some(text) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).ok();
            let digest: [u8; 16] = bytes
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| OssError::new(400, "InvalidDigest", "The Content-MD5 you specified is not valid."))?;
            Some(digest)
        }
    };
    let user_meta = ctx
        .head
        .headers
        .iter()
        .filter(|(n, _)| n.to_ascii_lowercase().starts_with("x-oss-meta-"))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let options = PutOptions {
        content_type: ctx.header("content-type").filter(|t| !t.is_empty()).map(str::to_string),
        user_meta,
        content_md5,
        forbid_overwrite: ctx.header("x-oss-forbid-overwrite").is_some_and(|v| v.eq_ignore_ascii_case("true")),
    };
    let meta = ctx.state.storage.put_object(bucket, key, body, &options)?;
    Ok(stored(&meta))
}

fn stored(meta: &ObjectMeta) -> Response {
    Response::new(200, Body::Empty)
        .with_header("ETag", meta.etag.clone())
        .with_header("x-oss-hash-crc64ecma", meta.crc64.to_string())
}

/// Replaces an object with different bytes of the same size (each byte XOR 0x5A), keeping its
/// content type and user metadata: a new ETag, CRC and Last-Modified, as if someone uploaded a
/// new version while a client was downloading.
pub fn replace_content(storage: &Storage, bucket: &str, key: &str) -> Result<ObjectMeta, OssError> {
    let (file, meta) = storage.open_object(bucket, key)?;
    let mut flipped = XorReader { inner: file, mask: 0x5A };
    let options = PutOptions {
        content_type: Some(meta.content_type.clone()),
        user_meta: meta.user_meta.clone(),
        ..PutOptions::default()
    };
    storage.put_object(bucket, key, &mut flipped, &options)
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
