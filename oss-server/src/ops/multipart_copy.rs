//! UploadPartCopy: a part made of a range of an existing object (`x-oss-copy-source` and its
//! conditions as CopyObject reads them, `x-oss-copy-source-range: bytes=first-last`), read from
//! the source's data file.

use std::io::{Read, Seek, SeekFrom};

use super::copy::{parse_source, source_conditions};
use super::get::open_readable;
use super::multipart_xml;
use super::OpContext;
use crate::conditions::{self, Condition};
use crate::errors::OssError;
use crate::http::response::{Body, Response};

/// `bytes=first-last` within an object of `size` bytes, as (start, length); absent: all of it.
fn copy_range(header: Option<&str>, size: u64) -> Result<(u64, u64), OssError> {
    let Some(text) = header else {
        return Ok((0, size));
    };
    let parsed = text
        .trim()
        .strip_prefix("bytes=")
        .and_then(|r| r.split_once('-'))
        .and_then(|(first, last)| Some((first.trim().parse::<u64>().ok()?, last.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((first, last)) if first <= last && last < size => Ok((first, last - first + 1)),
        Some(_) => Err(OssError::new(416, "InvalidRange", "The requested range is not satisfiable.")
            .with_header("Content-Range", format!("bytes */{size}"))),
        None => Err(OssError::invalid_argument("The x-oss-copy-source-range header is invalid.")
            .with_detail("ArgumentName", "x-oss-copy-source-range")
            .with_detail("ArgumentValue", text)),
    }
}

pub fn upload_part_copy(
    ctx: &OpContext,
    bucket: &str,
    key: &str,
    upload_id: &str,
    number: u32,
) -> Result<Response, OssError> {
    let (source_bucket, source_key, version) = parse_source(ctx.header("x-oss-copy-source").unwrap_or(""))?;
    if version.as_deref().is_some_and(|v| v != "null") {
        return Err(OssError::new(404, "NoSuchVersion", "The specified version does not exist."));
    }
    let store = &ctx.state.store;
    store.upload(bucket, key, upload_id)?;
    let (mut file, source) = open_readable(ctx, &source_bucket, &source_key, false)?;
    if conditions::evaluate(&source_conditions(ctx), &source.meta())? == Condition::NotModified {
        return Ok(Response::new(304, Body::NotModified));
    }
    let (start, len) = copy_range(ctx.header("x-oss-copy-source-range"), source.size)?;
    file.seek(SeekFrom::Start(start)).map_err(crate::store::io_error)?;
    let part = store.put_part(bucket, key, upload_id, number, &mut file.take(len), None)?;
    Ok(Response::xml(200, multipart_xml::copy_part_result(&part))
        .with_header("ETag", part.etag.clone())
        .with_header("x-oss-hash-crc64ecma", part.crc64.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(copy_range(None, 10).unwrap(), (0, 10));
        assert_eq!(copy_range(Some("bytes=2-5"), 10).unwrap(), (2, 4));
        assert_eq!(copy_range(Some("bytes=0-9"), 10).unwrap(), (0, 10));
        assert_eq!(copy_range(Some("bytes=5-10"), 10).unwrap_err().code, "InvalidRange");
        assert_eq!(copy_range(Some("bytes=5-4"), 10).unwrap_err().code, "InvalidRange");
        assert_eq!(copy_range(Some("bytes=-4"), 10).unwrap_err().code, "InvalidArgument");
    }
}
