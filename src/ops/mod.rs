//! The operations of the SDK, one file per family: typed arguments in, the server's answer (and
//! what its document says) out. Each builds its request with `Client`, sends it on the caller's
//! `Session`, and turns the answer into an `Outcome`.

pub mod fetch;
pub mod listing;
pub mod manage;
pub mod multipart;
pub mod retry;
pub mod upload;

use crate::error::{ClientCode, Error, Result};
use crate::http::{Body, BodySink, Request, Response, Session};
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
