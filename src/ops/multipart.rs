//! Multipart uploads, one request each: initiate, upload a part (from buffers or a file range,
//! its CRC-64 checked against the server's), copy a part from another object, complete, abort,
//! and the two listings. The resumable upload engine (`crate::upload`) is built on these.

use md5::{Digest, Md5};

use crate::client::{Client, ObjectRef};
use crate::error::{codes, Error};
use crate::http::{Body, Method, Response, Session, Source};
use crate::mime;
use crate::outcome::{Failure, Outcome};
use crate::sign::uri_encode;
use crate::transfer::retry::RetryPolicy;
use crate::xml::multipart::{self as doc, CompletePart, PartListing, UploadListing};

use super::upload::{put_body, Upload};
use super::{exchange, exchange_document, exchange_idempotent, idempotent_document, retry, Parsed};

fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

fn upload_query(upload_id: &str) -> Vec<(String, String)> {
    vec![pair("uploadId", upload_id)]
}

/// One part of one upload.
#[derive(Clone, Copy, Debug)]
pub struct PartOf<'a> {
    pub upload_id: &'a str,
    pub number: u32,
}

fn part_query(part: PartOf) -> Vec<(String, String)> {
    vec![pair("partNumber", part.number.to_string()), pair("uploadId", part.upload_id)]
}

/// InitiateMultipartUpload with the object's headers (Content-Type from the key's extension when
/// the caller set none, as the official SDK does): the new upload id. Each attempt creates an
/// upload, so only an answered 5xx (the server created nothing) is tried again.
pub fn initiate(client: &Client, session: &mut Session, object: &ObjectRef) -> Parsed<String> {
    let mut extra = Vec::new();
    if !object.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
        extra.push(pair("Content-Type", mime::content_type_for(&object.key)));
    }
    let request = client.object_request(Method::Post, object, &extra, &[pair("uploads", "")])?;
    let answered_5xx = |f: &Failure| matches!(f.error, Error::Service { status: 500..=599, .. });
    let stop = session.stop_flag();
    retry::when(&RetryPolicy::default(), stop.as_deref(), answered_5xx, |_| {
        exchange_document(session, &request, None, doc::parse_initiate)
    })
}

/// UploadPart `part`: the answer (its `ETag` names the part) and its body.
/// Transient failures send the whole part again (the server keeps the last body sent under a
/// number, so a repeat is harmless).
pub fn upload_part(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    part: PartOf,
    upload: Upload,
    policy: &RetryPolicy,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Parsed<Vec<u8>> {
    let request = client.object_request(Method::Put, object, &[], &part_query(part))?;
    put_body(session, &request, upload, policy, progress)
}

/// Where a copied part comes from: an object and, optionally, an inclusive byte range.
#[derive(Clone, Debug)]
pub struct CopySource<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    pub range: Option<(i64, i64)>,
}

/// UploadPartCopy: `part` on `dest` is `source` (its range, if given): the
/// part's ETag and modification time.
pub fn upload_part_copy(
    client: &Client,
    session: &mut Session,
    source: &CopySource,
    dest: &ObjectRef,
    part: PartOf,
) -> Parsed<(String, String)> {
    crate::names::check(source.bucket, source.key, false)?;
    let mut headers = vec![pair("x-oss-copy-source", format!("/{}/{}", source.bucket, uri_encode(source.key, true)))];
    if let Some((first, last)) = source.range {
        headers.push(pair("x-oss-copy-source-range", format!("bytes={first}-{last}")));
    }
    let request = client.object_request(Method::Put, dest, &headers, &part_query(part))?;
    idempotent_document(session, &request, doc::parse_copy_part)
}

/// CompleteMultipartUpload with `parts` (the object's headers carry a callback, if any): the
/// answer and its body (a callback's reply). With `x-oss-complete-all: yes` and no parts, no
/// document is sent. A completion whose answer was lost is retried (by us, or by libcurl on a
/// reused connection that died); the retry finds the upload gone (404 `NoSuchUpload`), and the
/// object counts as completed when its ETag is the composite ETag of exactly these parts.
pub fn complete(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload_id: &str,
    parts: &[CompletePart],
    policy: &RetryPolicy,
) -> Parsed<Vec<u8>> {
    let complete_all = object.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("x-oss-complete-all") && v == "yes");
    // The document is made while it is sent: at 10,000 parts it would be ~1 MiB held at once.
    let document = doc::CompleteDocument(parts);
    let source = if complete_all && parts.is_empty() { Source::Empty } else { Source::Pieces(&document) };
    let headers = [pair("Content-Type", "application/x-www-form-urlencoded")];
    let request = client.object_request(Method::Post, object, &headers, &upload_query(upload_id))?;
    let stop = session.stop_flag();
    retry::idempotent(policy, stop.as_deref(), |_| {
        let mut body = Body::new(source);
        match exchange_document(session, &request, Some(&mut body), |b| Ok(b.to_vec())) {
            Err(failure) if is_no_such_upload(&failure) => {
                match completed_earlier(client, session, object, parts).map_err(Failure::from)? {
                    Some(head) => Ok((head, Vec::new())),
                    None => Err(failure),
                }
            }
            other => other,
        }
    })
}

pub fn is_no_such_upload(failure: &Failure) -> bool {
    matches!(&failure.error, Error::Service { status: 404, code, .. } if code == "NoSuchUpload")
}

/// The object's HEAD answer if it is the completion of `parts` (its ETag is their composite).
fn completed_earlier(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    parts: &[CompletePart],
) -> Result<Option<Response>, Error> {
    let Some(expected) = composite_etag(parts) else { return Ok(None) };
    let plain = ObjectRef { bucket: object.bucket.clone(), key: object.key.clone(), ..ObjectRef::default() };
    let request = client.object_request(Method::Head, &plain, &[], &[])?;
    let head = match exchange(session, &request, None) {
        Ok(head) => head,
        Err(failure) if failure.error.code() == 404 => return Ok(None),
        Err(failure) => return Err(failure.error),
    };
    let etag = head.header("ETag").unwrap_or_default().trim_matches('"').to_ascii_uppercase();
    Ok((etag == expected).then_some(head))
}

/// OSS's ETag of a multipart object: the MD5 of the parts' binary MD5s, then `-<count>`. `None`
/// when a part's ETag is not an MD5 (then the completion cannot be recognised).
pub fn composite_etag(parts: &[CompletePart]) -> Option<String> {
    if parts.is_empty() {
        return None;
    }
    let mut md5 = Md5::new();
    for part in parts {
        let hex = part.etag.trim_matches('"');
        if hex.len() != 32 {
            return None;
        }
        for i in (0..32).step_by(2) {
            md5.update([u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?]);
        }
    }
    let digest: String = md5.finalize().iter().map(|b| format!("{b:02X}")).collect();
    Some(format!("{digest}-{}", parts.len()))
}

/// AbortMultipartUpload: the upload and its parts are gone.
pub fn abort(client: &Client, session: &mut Session, object: &ObjectRef, upload_id: &str) -> Outcome {
    let request = client.object_request(Method::Delete, object, &[], &upload_query(upload_id))?;
    exchange_idempotent(session, &request)
}

/// ListParts: one page of `upload_id`'s parts after `marker` (a part number; empty: from the
/// first), at most `max_parts` (1–1000).
pub fn list_parts(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload_id: &str,
    marker: &str,
    max_parts: Option<u32>,
) -> Parsed<PartListing> {
    let mut query = upload_query(upload_id);
    if !marker.is_empty() {
        query.push(pair("part-number-marker", marker));
    }
    if let Some(max) = max_parts {
        query.push(pair("max-parts", max.to_string()));
    }
    let request = client.object_request(Method::Get, object, &[], &query)?;
    idempotent_document(session, &request, doc::parse_list_parts)
}

/// Every part of `upload_id`, page after page.
pub fn all_parts(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload_id: &str,
) -> Parsed<Vec<doc::PartSummary>> {
    let mut marker = String::new();
    let mut parts = Vec::new();
    loop {
        let (answer, page) = list_parts(client, session, object, upload_id, &marker, None)?;
        let last = page.parts.last().map(|p| p.number.to_string());
        parts.extend(page.parts);
        match last {
            Some(last) if page.truncated && last != marker => marker = last,
            _ => return Ok((answer, parts)),
        }
    }
}

/// What ListMultipartUploads lists: uploads of keys after `key_marker` (and, for that key, ids
/// after `upload_id_marker`) starting with `prefix`, rolled up at `delimiter`.
#[derive(Clone, Debug, Default)]
pub struct UploadsRequest {
    pub prefix: String,
    pub delimiter: String,
    pub key_marker: String,
    pub upload_id_marker: String,
    pub max_uploads: Option<u32>,
}

pub fn list_uploads(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    list: &UploadsRequest,
) -> Parsed<UploadListing> {
    let mut query = vec![pair("uploads", ""), pair("encoding-type", "url")];
    for (name, value) in [
        ("prefix", &list.prefix),
        ("delimiter", &list.delimiter),
        ("key-marker", &list.key_marker),
        ("upload-id-marker", &list.upload_id_marker),
    ] {
        if !value.is_empty() {
            query.push(pair(name, value.clone()));
        }
    }
    if let Some(max) = list.max_uploads {
        query.push(pair("max-uploads", max.to_string()));
    }
    let request = client.bucket_request(Method::Get, bucket, &[], query)?;
    idempotent_document(session, &request, doc::parse_list_uploads)
}

/// A part number the server accepts (1–10000), else `InvalidArgument` before any request.
pub fn part_number(number: i64) -> Result<u32, Error> {
    u32::try_from(number)
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or_else(|| Error::invalid_argument(codes::CLIENT, format!("part number {number} is not within 1..10000")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_composite_etag_is_the_md5_of_the_part_md5s() {
        let etag = |data: &[u8]| format!("\"{}\"", hex(&Md5::digest(data)));
        let parts = [CompletePart { number: 1, etag: etag(b"a") }, CompletePart { number: 2, etag: etag(b"b") }];
        let mut joined = Md5::digest(b"a").to_vec();
        joined.extend_from_slice(&Md5::digest(b"b"));
        assert_eq!(composite_etag(&parts).unwrap(), format!("{}-2", hex(&Md5::digest(&joined))));
        assert_eq!(composite_etag(&[CompletePart { number: 1, etag: "xyz".into() }]), None);
        assert_eq!(composite_etag(&[]), None);
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    #[test]
    fn part_numbers_outside_the_servers_range_are_refused() {
        assert_eq!(part_number(1).unwrap(), 1);
        assert_eq!(part_number(10_000).unwrap(), 10_000);
        for bad in [0, -1, 10_001, i64::MAX] {
            assert!(part_number(bad).is_err(), "{bad}");
        }
    }
}
