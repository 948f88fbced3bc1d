//! Multipart upload: InitiateMultipartUpload, UploadPart, CompleteMultipartUpload and
//! AbortMultipartUpload (UploadPartCopy is in `multipart_copy.rs`, the listings in
//! `multipart_list.rs`, the documents in `multipart_xml.rs`).

use std::io::Read;

use super::multipart_xml::{self, Text, MAX_COMPLETE_DOCUMENT};
use super::put::{check_body_size, content_md5, forbid_overwrite, object_attrs};
use super::OpContext;
use crate::callback;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::store::MAX_PART_NUMBER;
use crate::xml;

/// `encoding-type`: absent or `url`.
pub fn text_encoding(ctx: &OpContext) -> Result<Text, OssError> {
    match ctx.query("encoding-type") {
        None | Some("") => Ok(Text { url_encoded: false }),
        Some("url") => Ok(Text { url_encoded: true }),
        Some(_) => Err(OssError::invalid_argument("Argument encoding-type must be url.")),
    }
}

/// The `uploadId` query parameter (an empty one names no upload).
pub fn upload_id<'a>(ctx: &'a OpContext) -> Result<&'a str, OssError> {
    match ctx.query("uploadId") {
        Some(id) if !id.is_empty() => Ok(id),
        Some(_) => Err(crate::store::no_such_upload("")),
        None => Err(OssError::invalid_argument("uploadId is required.").with_detail("ArgumentName", "uploadId")),
    }
}

/// The `partNumber` query parameter: 1 to 10,000.
fn part_number(ctx: &OpContext) -> Result<u32, OssError> {
    let text = ctx.query("partNumber").unwrap_or("");
    text.parse::<u32>().ok().filter(|n| (1..=MAX_PART_NUMBER).contains(n)).ok_or_else(|| {
        OssError::invalid_argument("Part number must be an integer between 1 and 10000, inclusive.")
            .with_detail("ArgumentName", "partNumber")
            .with_detail("ArgumentValue", text)
    })
}

/// `POST /bucket/key?uploads`: the headers and `x-oss-meta-*` given here are the object's.
pub fn initiate(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let text = text_encoding(ctx)?;
    let bucket_record = ctx.state.store.require_bucket(bucket)?;
    let attrs = object_attrs(ctx, &bucket_record.attrs.storage_class)?;
    let upload = ctx.state.store.initiate_upload(bucket, key, &attrs, forbid_overwrite(ctx))?;
    Ok(Response::xml(200, multipart_xml::initiate_result(bucket, key, &upload.upload_id, &text)))
}

/// `PUT /bucket/key?partNumber=N&uploadId=ID`, with a body or with `x-oss-copy-source`.
pub fn upload_part(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let number = part_number(ctx)?;
    let upload_id = upload_id(ctx)?;
    if ctx.header("x-oss-copy-source").is_some() {
        return super::multipart_copy::upload_part_copy(ctx, bucket, key, upload_id, number);
    }
    if ctx.header("content-length").is_none() && ctx.header("transfer-encoding").is_none() {
        return Err(OssError::new(411, "MissingContentLength", "You must provide the Content-Length HTTP header."));
    }
    check_body_size(ctx)?;
    let md5 = content_md5(ctx)?;
    let part = ctx.state.store.put_part(bucket, key, upload_id, number, body, md5)?;
    Ok(Response::new(200, Body::Empty)
        .with_header("ETag", part.etag)
        .with_header("x-oss-hash-crc64ecma", part.crc64.to_string()))
}

/// `POST /bucket/key?uploadId=ID` with the part list, or with `x-oss-complete-all: yes` and
/// no body (every uploaded part, in part-number order).
pub fn complete(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let upload_id = upload_id(ctx)?;
    let text = text_encoding(ctx)?;
    // Checked before the completion, so a bad callback leaves the upload as it was.
    let callback = callback::requested(ctx)?;
    let all = ctx.header("x-oss-complete-all").is_some_and(|v| v.trim().eq_ignore_ascii_case("yes"));
    let listed = if all {
        let mut probe = [0u8; 1];
        if body.read(&mut probe).unwrap_or(0) > 0 {
            return Err(OssError::invalid_argument(
                "x-oss-complete-all: yes cannot be combined with a part list in the request body.",
            ));
        }
        None
    } else {
        let document = xml::read_document(body, MAX_COMPLETE_DOCUMENT)?;
        Some(multipart_xml::parse_complete(&document)?)
    };
    let record = ctx.state.store.complete_upload(bucket, key, upload_id, listed.as_deref(), forbid_overwrite(ctx))?;
    let host = ctx.header("host").unwrap_or("localhost");
    let document = multipart_xml::complete_result(bucket, host, &record, &text);
    let written = Response::xml(200, document)
        .with_header("ETag", record.etag.clone())
        .with_header("x-oss-hash-crc64ecma", record.crc64.to_string());
    callback::answer(ctx, callback.as_ref(), bucket, &record, written)
}

/// `DELETE /bucket/key?uploadId=ID`: 204, or 404 NoSuchUpload.
pub fn abort(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    ctx.state.store.abort_upload(bucket, key, upload_id(ctx)?)?;
    Ok(Response::new(204, Body::Empty))
}
