//! PutObject and AppendObject: a body streamed from the caller's buffers or a file, its CRC-64
//! computed while sending and compared with the one the server reports for what it stored.

use crate::client::{Client, ObjectRef};
use crate::crc64;
use crate::error::{Error, Result};
use crate::http::{Body, Method, Request, Response, Session, Source};
use crate::mime;
use crate::outcome::Failure;
use crate::transfer::finish::check_crc;
use crate::transfer::progress::Reporter;
use crate::transfer::retry::RetryPolicy;

use super::{exchange, exchange_document, retry, Parsed};

/// What an upload sends and how it is checked.
#[derive(Clone, Copy, Debug)]
pub struct Upload<'a> {
    pub source: Source<'a>,
    /// The name whose extension gives the Content-Type when the caller set none: the local file's
    /// name for uploads from a file, else the key.
    pub mime_name: Option<&'a str>,
    pub enable_crc: bool,
}

/// The caller's Content-Type, or one from the name's extension.
fn content_type(object: &ObjectRef, upload: &Upload) -> Vec<(String, String)> {
    if object.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
        return Vec::new();
    }
    let name = upload.mime_name.unwrap_or(&object.key);
    vec![("Content-Type".to_string(), mime::content_type_for(name).to_string())]
}

/// PUT an object; the answer's body (a callback's reply, when the caller asked for one) comes
/// back with it. A lost connection or a 5xx is retried (the body is sent again from its start: the
/// same bytes, so repeating is harmless); with `enable_crc` a CRC-64 that differs from the
/// server's is `InconsistentError`.
pub fn put_object(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload: Upload,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Parsed<Vec<u8>> {
    let request = client.object_request(Method::Put, object, &content_type(object, &upload), &[])?;
    put_body(session, &request, upload, &RetryPolicy::default(), progress)
}

/// Sends `request` (a PUT whose repetition is harmless: PutObject, UploadPart) with the upload's
/// body, retrying transient failures with the whole body again; with `enable_crc` the CRC-64 of
/// what was sent is compared with the server's. The answer's body comes back with it.
pub fn put_body(
    session: &mut Session,
    request: &Request,
    upload: Upload,
    policy: &RetryPolicy,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Parsed<Vec<u8>> {
    let mut reporter = progress.map(|callback| Reporter::new(Body::new(upload.source).len(), callback));
    let stop = session.stop_flag();
    retry::idempotent(policy, stop.as_deref(), |_| {
        let mut sent = |done: u64| reporter.as_mut().map_or((), |r| r.offer(done));
        let mut body = Body::new(upload.source).with_progress(&mut sent);
        let (answer, reply) = exchange_document(session, request, Some(&mut body), |b| Ok(b.to_vec()))?;
        let answer = if upload.enable_crc { check_crc("the uploaded body", body.crc64(), answer)? } else { answer };
        Ok((answer, reply))
    })
}

/// Where an append starts, and the CRC-64 of the object before it (0 for a new object): the
/// server reports the CRC of the whole object, which is that CRC continued over the new bytes.
#[derive(Clone, Copy, Debug)]
pub struct AppendAt {
    pub position: u64,
    pub init_crc: u64,
}

/// AppendObject at `at.position`. An append is not idempotent, so it is retried only in a way
/// that cannot append twice: when a retry is refused with 409 PositionNotEqualToLength, the
/// object is looked at — if it now ends exactly where this append would have ended, with the CRC
/// this append would have produced, the lost attempt was applied and that is success.
pub fn append_object(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    at: AppendAt,
    upload: Upload,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Parsed<Vec<u8>> {
    let query = [("append".to_string(), String::new()), ("position".to_string(), at.position.to_string())];
    let request = client.object_request(Method::Post, object, &content_type(object, &upload), &query)?;
    let body_len = Body::new(upload.source).len();
    let mut reporter = progress.map(|callback| Reporter::new(body_len, callback));
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |attempt| {
        let mut sent = |done: u64| reporter.as_mut().map_or((), |r| r.offer(done));
        let mut body = Body::new(upload.source).with_progress(&mut sent);
        let outcome = exchange_document(session, &request, Some(&mut body), |b| Ok(b.to_vec()));
        let crc = crc64::combine(at.init_crc, body.crc64(), body_len);
        match outcome {
            Ok((answer, reply)) if upload.enable_crc => {
                Ok((check_crc("the object after the append", crc, answer)?, reply))
            }
            Ok(answered) => Ok(answered),
            Err(failure) if attempt > 0 && is_position_conflict(&failure) => {
                // The refusal may have come before the body was sent: the CRC of the whole body is
                // read again from the source.
                let body_crc = whole_body_crc(upload.source).map_err(Failure::from)?;
                let crc = crc64::combine(at.init_crc, body_crc, body_len);
                let applied = already_applied(client, session, object, at.position + body_len, crc);
                applied.map_err(Failure::from)?.map(|head| (head, Vec::new())).ok_or(failure)
            }
            Err(failure) => Err(failure),
        }
    })
}

/// The CRC-64 of a whole body, read from its source.
fn whole_body_crc(source: Source) -> Result<u64> {
    let mut body = Body::new(source);
    let mut piece = vec![0u8; 64 * 1024];
    loop {
        match body.read(&mut piece) {
            Ok(0) => return Ok(body.crc64()),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::file(
                    crate::error::ClientCode::FileReadError,
                    crate::error::codes::HTTP_IO,
                    format!("cannot read the body again: {e}"),
                ))
            }
        }
    }
}

fn is_position_conflict(failure: &Failure) -> bool {
    matches!(&failure.error, Error::Service { status: 409, code, .. } if code == "PositionNotEqualToLength")
}

/// The object's answer if it is exactly what the append would have made (length and CRC-64).
fn already_applied(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    len: u64,
    crc: u64,
) -> Result<Option<Response>> {
    let plain = ObjectRef { bucket: object.bucket.clone(), key: object.key.clone(), ..ObjectRef::default() };
    let request = client.object_request(Method::Head, &plain, &[], &[])?;
    let head = match exchange(session, &request, None) {
        Ok(head) => head,
        Err(failure) => return Err(failure.error),
    };
    let applied = head.content_length() == Some(len) && head.server_crc64() == Some(crc);
    Ok(applied.then(|| with_next_position(head, len)))
}

/// A HEAD answer standing in for the append's own: it says where the next append goes.
fn with_next_position(mut head: Response, len: u64) -> Response {
    head.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("x-oss-next-append-position"));
    head.headers.push(("x-oss-next-append-position".to_string(), len.to_string()));
    head
}
