//! SelectObject (`POST ?x-oss-process=csv/select`) and CreateSelectObjectMeta
//! (`POST ?x-oss-process=csv/meta`): an XML request, a framed answer decoded while it streams
//! (`select_frame`), result bytes handed on as they arrive. With `OutputRawData` the server may
//! answer the bare result instead (`x-oss-select-output-raw: true`).
//!
//! The HTTP status says only that the scan started (206); the scan's outcome is the end frame's
//! status, so a 2xx answer whose end frame reports an error is that error, with the code and
//! message OSS put in the frame (`ErrorCode.message`). To a file, the result goes through
//! `<file>.tmp` and is renamed onto the file only when the end frame reported success.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::fetch::MemorySink;
use super::select_frame::{Decoder, End, FrameError};
use super::{content_md5, pair};
use crate::client::{Client, ObjectRef};
use crate::error::{codes, ClientCode, Error, Result};
use crate::http::{Body, BodySink, Method, Request, Response, Session, Source};
use crate::outcome::{judge, Failure, Outcome};
use crate::transfer::finish;
use crate::transfer::progress::ProgressGate;
use crate::xml::select::{meta_request, select_request, MetaOptions, SelectOptions};

/// The error code of a failed scan whose end frame names none (the official SDK's).
const SELECT_ERROR: &str = "SelectObjectError";
const META_ERROR: &str = "CreateSelectObjectMetaError";

impl From<FrameError> for Error {
    fn from(e: FrameError) -> Error {
        let code = match e {
            FrameError::Crc { .. } => ClientCode::SelectObjectCrcError,
            _ => ClientCode::ServiceError,
        };
        Error::transport(code, e.to_string())
    }
}

/// What CreateSelectObjectMeta counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MetaCounts {
    pub splits: u32,
    pub rows: u64,
    pub columns: u32,
}

/// Decodes the answer's frames (or passes raw output through) into `out`, reporting progress
/// over the answer's bytes.
struct Frames<'o, 'p> {
    decoder: Option<Decoder>,
    raw_allowed: bool,
    out: &'o mut dyn FnMut(&[u8]) -> Result<()>,
    received: u64,
    /// The answer's request id, for errors found in its body.
    request_id: Option<String>,
    gate: Option<ProgressGate>,
    progress: Option<&'p mut dyn FnMut(u64, u64)>,
}

impl<'o, 'p> Frames<'o, 'p> {
    fn new(
        raw_allowed: bool,
        out: &'o mut dyn FnMut(&[u8]) -> Result<()>,
        progress: Option<&'p mut dyn FnMut(u64, u64)>,
    ) -> Self {
        let decoder = Some(Decoder::new());
        Frames { decoder, raw_allowed, out, received: 0, request_id: None, gate: None, progress }
    }
}

impl BodySink for Frames<'_, '_> {
    fn begin(&mut self, head: &Response) -> Result<()> {
        let raw = head.header("x-oss-select-output-raw").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        if raw && self.raw_allowed {
            self.decoder = None;
        }
        self.request_id = head.request_id().map(str::to_string);
        self.gate = Some(ProgressGate::new(head.content_length().unwrap_or(0)));
        self.report();
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.received += bytes.len() as u64;
        match self.decoder.as_mut() {
            Some(decoder) => decoder.feed(bytes, self.out)?,
            None => (self.out)(bytes)?,
        }
        self.report();
        Ok(())
    }
}

impl Frames<'_, '_> {
    fn report(&mut self) {
        if let (Some(gate), Some(callback)) = (self.gate.as_mut(), self.progress.as_mut()) {
            if let Some(done) = gate.offer(self.received) {
                callback(done, gate.total());
            }
        }
    }
}

/// The signed POST with its document.
fn request(client: &Client, object: &ObjectRef, process: &str, document: &str) -> Result<Request> {
    let headers = [
        pair("Content-MD5", content_md5(document.as_bytes())),
        pair("Content-Type", "application/x-www-form-urlencoded"),
    ];
    client.object_request(Method::Post, object, &headers, &[pair("x-oss-process", process)])
}

/// Sends `request` with `document`, decodes the answer through `frames`: the answer and its end
/// frame (`None` for raw output).
fn exchange(session: &mut Session, request: &Request, document: &str, frames: &mut Frames) -> Parsed {
    let buffers = [document.as_bytes()];
    let mut body = Body::new(Source::Buffers(&buffers));
    let sent = session.execute_with_body(request, &mut body, frames);
    let response = judge(sent.map_err(|e| with_request_id(e, frames.request_id.as_deref()))?)?;
    match frames.decoder.take().map(Decoder::finish) {
        None => Ok((response, None)),
        Some(Ok(end)) => Ok((response, Some(end))),
        Some(Err(e)) => Err(Failure::answered(with_request_id(e.into(), response.request_id()), response)),
    }
}

type Parsed = std::result::Result<(Response, Option<End>), Failure>;

/// A transport error (a bad frame, found in the answer's body) with the answer's request id.
fn with_request_id(error: Error, request_id: Option<&str>) -> Error {
    match error {
        Error::Transport { code, message, request_id: None } => {
            Error::Transport { code, message, request_id: request_id.map(str::to_string) }
        }
        other => other,
    }
}

/// The answer, judged by its end frame: a failed scan is a service error with the frame's status,
/// its code (the message's `Code.` prefix, else `fallback`) and message; a successful one takes the
/// frame's status (200) as the official SDK does.
fn judge_end(end: &End, mut response: Response, fallback: &str) -> Outcome {
    let status = u16::try_from(end.status()).unwrap_or(500);
    if (200..300).contains(&status) {
        response.status = status;
        return Ok(response);
    }
    let text = end.message();
    let (code, message) = match text.split_once('.') {
        Some((code, rest)) if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            (code.to_string(), rest.to_string())
        }
        _ => (fallback.to_string(), text.clone()),
    };
    let request_id = response.request_id().unwrap_or_default().to_string();
    Err(Failure::answered(Error::Service { status, code, message, request_id }, response))
}

/// SelectObject: the result bytes go to `out` as they arrive. Not retried: `out` may already have
/// taken bytes when a transfer fails.
pub fn select_object(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    expression: &[u8],
    options: &SelectOptions,
    out: &mut dyn FnMut(&[u8]) -> Result<()>,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let document = select_request(expression, options);
    let request = request(client, object, "csv/select", &document)?;
    let mut frames = Frames::new(true, out, progress);
    match exchange(session, &request, &document, &mut frames)? {
        (response, None) => Ok(response),
        (response, Some(end)) => judge_end(&end, response, SELECT_ERROR),
    }
}

/// SelectObject into memory: at most `limit` result bytes (more is `AOSE_OVER_MEMORY`).
#[allow(clippy::too_many_arguments)]
pub fn select_object_to_memory(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    expression: &[u8],
    options: &SelectOptions,
    limit: u64,
    sink: &mut dyn MemorySink,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let mut held = 0u64;
    let mut out = |bytes: &[u8]| -> Result<()> {
        held += bytes.len() as u64;
        if held > limit {
            let message = format!("the select result ({held} bytes so far) is larger than max_memory_size ({limit})");
            return Err(Error::transport(ClientCode::OverMemory, message));
        }
        sink.write(bytes)
    };
    select_object(client, session, object, expression, options, &mut out, progress)
}

/// SelectObject into `path`, through `<path>.tmp`, renamed only after a successful end frame.
pub fn select_object_to_file(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    expression: &[u8],
    options: &SelectOptions,
    path: &Path,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    finish::refuse_directory(path)?;
    let tmp = finish::temp_path(path);
    let mut file = create(&tmp)?;
    let mut out = |bytes: &[u8]| -> Result<()> { file.write_all(bytes).map_err(|e| Error::write_failed(&tmp, &e)) };
    let outcome = select_object(client, session, object, expression, options, &mut out, progress)
        .and_then(|response| Ok(finish::commit(&file, &tmp, path).map(|()| response)?));
    if outcome.is_err() {
        finish::remove_temp(&tmp);
    }
    outcome
}

fn create(tmp: &Path) -> Result<File> {
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(tmp)
        .map_err(|e| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot open", tmp, &e))
}

/// CreateSelectObjectMeta: the object's splits, rows and columns from the meta end frame.
pub fn create_select_object_meta(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    options: &MetaOptions,
) -> std::result::Result<(Response, MetaCounts), Failure> {
    let document = meta_request(options);
    let request = request(client, object, "csv/meta", &document)?;
    let mut ignore = |_: &[u8]| -> Result<()> { Ok(()) };
    let mut frames = Frames::new(false, &mut ignore, None);
    let (response, end) = exchange(session, &request, &document, &mut frames)?;
    let end = end.ok_or_else(|| Error::internal("meta answers are always framed"))?;
    let response = judge_end(&end, response, META_ERROR)?;
    let Some((splits, rows, columns)) = end.meta_counts() else {
        let error = Error::transport(ClientCode::ServiceError, "the meta answer ended with a select end frame");
        return Err(Failure::answered(with_request_id(error, response.request_id()), response));
    };
    Ok((response, MetaCounts { splits, rows, columns }))
}
