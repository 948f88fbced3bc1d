//! Single-request object operations: HEAD, GetObjectMeta and GET-to-file.
//! GET-to-file streams into `<file>.tmp`, checks the whole-object CRC-64
//! when it received the whole object, syncs, and only then renames onto the
//! target: a failure never creates or changes the target file.

use crate::client::{Client, ObjectRef};
use crate::crc64::Crc64;
use crate::error::{codes, ClientCode, Error, Result};
use crate::http::{BodySink, Method, Response, Session};
use crate::progress::ProgressGate;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A failed operation: what went wrong, and the server's answer when there
/// was one (its headers still go back to the caller).
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    /// Boxed: a failure travels far, a response is large.
    pub response: Option<Box<Response>>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, response: None }
    }
}

pub type Outcome = std::result::Result<Response, Failure>;

/// Turns a completed exchange into success (2xx) or a failure carrying the
/// service error and the response.
fn judge(response: Response) -> Outcome {
    match response.service_error() {
        None => Ok(response),
        Some(error) => Err(Failure { error, response: Some(Box::new(response)) }),
    }
}

/// A sink for answers that have no body we want (HEAD, a 416 probe).
pub struct Discard;

impl BodySink for Discard {
    fn begin(&mut self, _: &Response) -> Result<()> {
        Ok(())
    }
    fn write(&mut self, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

pub fn head_object(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Head, object, &[], &[])?;
    judge(session.execute(&request, &mut Discard)?)
}

/// `HEAD ?objectMeta`: size, ETag, Last-Modified and CRC without user meta.
pub fn get_object_meta(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Head, object, &[], &[("objectMeta".into(), String::new())])?;
    judge(session.execute(&request, &mut Discard)?)
}

/// The whole-object CRC-64 the server reports, if any.
pub fn server_crc64(response: &Response) -> Option<u64> {
    response.header("x-oss-hash-crc64ecma").and_then(|v| v.trim().parse().ok())
}

/// `path` with `suffix` appended to its file name (`a/b` -> `a/b.tmp`).
pub fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut os = path.as_os_str().to_owned();
    os.push(suffix);
    PathBuf::from(os)
}

/// `<path>.tmp`, where downloads live until verified.
pub fn temp_path(path: &Path) -> PathBuf {
    suffixed(path, ".tmp")
}

/// Streams a body into a file in order, with a running CRC and progress.
struct FileSink<'p> {
    file: File,
    path: PathBuf,
    crc: Crc64,
    written: u64,
    gate: Option<ProgressGate>,
    progress: Option<&'p mut dyn FnMut(u64, u64)>,
}

impl BodySink for FileSink<'_> {
    fn begin(&mut self, head: &Response) -> Result<()> {
        let gate = ProgressGate::new(head.content_length().unwrap_or(0));
        self.gate = Some(gate);
        self.report();
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.file
            .write_all(bytes)
            .map_err(|e| Error::io(ClientCode::FileWriteError, codes::WRITE_FILE, "cannot write", &self.path, &e))?;
        self.crc.update(bytes);
        self.written += bytes.len() as u64;
        self.report();
        Ok(())
    }
}

impl FileSink<'_> {
    fn report(&mut self) {
        if let (Some(gate), Some(callback)) = (self.gate.as_mut(), self.progress.as_mut()) {
            if let Some(done) = gate.offer(self.written) {
                callback(done, gate.total());
            }
        }
    }
}

/// GET into `path` through `<path>.tmp`. With `enable_crc`, a whole-object
/// answer (200) is checked against `x-oss-hash-crc64ecma`; a ranged answer
/// (206) cannot be, as the header covers the whole object.
pub fn get_object_to_file(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    path: &Path,
    enable_crc: bool,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let request = client.object_request(Method::Get, object, &[], &[])?;
    let tmp = temp_path(path);
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)
        .map_err(|e| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot open", &tmp, &e))?;
    let mut sink = FileSink { file, path: tmp.clone(), crc: Crc64::new(), written: 0, gate: None, progress };
    let outcome = session.execute(&request, &mut sink).map_err(Failure::from).and_then(judge).and_then(|response| {
        if enable_crc && response.status == 200 {
            if let Some(expected) = server_crc64(&response) {
                let actual = sink.crc.value();
                if actual != expected {
                    let error = Error::Inconsistent {
                        message: format!("CRC-64 of the received body is {actual}, the server reports {expected}"),
                        request_id: response.request_id().map(str::to_string),
                    };
                    return Err(Failure { error, response: Some(Box::new(response)) });
                }
            }
        }
        sink.file
            .sync_all()
            .map_err(|e| Error::io(ClientCode::FileFlushError, codes::WRITE_FILE, "cannot sync", &tmp, &e))?;
        fs::rename(&tmp, path)
            .map_err(|e| Error::io(ClientCode::FileWriteError, codes::RENAME_FILE, "cannot rename onto", path, &e))?;
        Ok(response)
    });
    if outcome.is_err() {
        // Best effort: the temp file is ours and worthless now.
        let _ = fs::remove_file(&tmp);
    }
    outcome
}
