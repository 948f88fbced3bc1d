//! The operations of the SDK, one file per family: typed arguments in, the server's answer (and
//! what its document says) out. Each builds its request with `Client`, sends it on the caller's
//! `Session`, and turns the answer into an `Outcome`.

pub mod bucket;
pub mod bucket_config;
pub mod by_url;
pub mod fetch;
pub mod listing;
pub mod live;
pub mod manage;
pub mod multipart;
pub mod retry;
pub mod select;
pub mod select_frame;
pub mod upload;

use md5::{Digest, Md5};

use crate::download::retry::RetryPolicy;
use crate::error::{ClientCode, Error, Result};
use crate::http::{Body, BodySink, Request, Response, Session, Source};
use crate::outcome::{judge, Failure, Outcome};
use crate::xml::XmlError;

/// A successful answer and what its document says.
pub type Parsed<T> = std::result::Result<(Response, T), Failure>;

/// No OSS answer document comes near this; a larger one is refused, not buffered.
const MAX_DOCUMENT: usize = 16 << 20;

/// Collects an answer's document.
#[derive(Default)]
struct Document(Vec<u8>);

impl BodySink for Document {
    fn begin(&mut self, _: &Response) -> Result<()> {
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if self.0.len() + bytes.len() > MAX_DOCUMENT {
            return Err(Error::transport(ClientCode::OverMemory, "the server's answer document is too large"));
        }
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

/// Sends `request` (with `body`, if any) and reads its answer document with `parse`: a document
/// that does not parse is a failure that still carries the answer (its headers and request id
/// reach the caller).
pub fn exchange_document<T>(
    session: &mut Session,
    request: &Request,
    body: Option<&mut Body>,
    parse: impl FnOnce(&[u8]) -> std::result::Result<T, XmlError>,
) -> Parsed<T> {
    let mut document = Document::default();
    let response = match body {
        Some(body) => session.execute_with_body(request, body, &mut document)?,
        None => session.execute(request, &mut document)?,
    };
    let response = judge(response)?;
    match parse(&document.0) {
        Ok(value) => Ok((response, value)),
        Err(e) => {
            let error = Error::Parse {
                message: format!("cannot read the server's answer: {e}"),
                request_id: response.request_id().map(str::to_string),
            };
            Err(Failure::answered(error, response))
        }
    }
}

/// Sends `request` (with `body`, if any) whose answer has no document we read.
pub fn exchange(session: &mut Session, request: &Request, body: Option<&mut Body>) -> Outcome {
    let mut discard = crate::http::Discard;
    let response = match body {
        Some(body) => session.execute_with_body(request, body, &mut discard)?,
        None => session.execute(request, &mut discard)?,
    };
    judge(response)
}

/// A `(name, value)` pair for a request's headers or query.
pub(crate) fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// A query naming one sub-resource (`?acl`, `?lifecycle` ...).
pub(crate) fn sub_resource(name: &str) -> Vec<(String, String)> {
    vec![pair(name, "")]
}

/// The base64 MD5 OSS wants as Content-MD5 of an XML body.
pub(crate) fn content_md5(body: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// The headers an XML request body travels with: its Content-MD5 (OSS checks it when present,
/// and some calls require it) and its type.
pub(crate) fn xml_headers(document: &str) -> Vec<(String, String)> {
    vec![pair("Content-MD5", content_md5(document.as_bytes())), pair("Content-Type", "application/xml")]
}

/// Sends `request` with `document` as its body; the answer has no document we read. Retried when
/// `retried` (the body is in memory, so every attempt re-sends it whole).
pub(crate) fn exchange_xml(session: &mut Session, request: &Request, document: &str, retried: bool) -> Outcome {
    let buffers = [document.as_bytes()];
    let stop = session.stop_flag();
    let mut attempt = |_| exchange(session, request, Some(&mut Body::new(Source::Buffers(&buffers))));
    if retried {
        retry::idempotent(&RetryPolicy::default(), stop.as_deref(), attempt)
    } else {
        attempt(0)
    }
}

/// A request whose whole answer is the status and headers, retried (it is idempotent).
pub(crate) fn exchange_idempotent(session: &mut Session, request: &Request) -> Outcome {
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |_| exchange(session, request, None))
}

/// A request whose repetition is harmless (a GET, a copy), its answer document read by `parse`,
/// retried.
pub(crate) fn idempotent_document<T>(
    session: &mut Session,
    request: &Request,
    parse: impl Fn(&[u8]) -> std::result::Result<T, XmlError>,
) -> Parsed<T> {
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |_| exchange_document(session, request, None, &parse))
}
