//! Single-request object operations: HEAD, GetObjectMeta and GET-to-file.
//! GET-to-file streams into `<file>.tmp`, checks the whole-object CRC-64
//! when it received the whole object, syncs, and only then renames onto the
//! target: a failure never creates or changes the target file.

use crate::client::{Client, ObjectRef};
use crate::crc64::Crc64;
use crate::error::{codes, ClientCode, Error, Result};
use crate::http::{BodySink, Discard, Method, Request, Response, Session};
use crate::outcome::{judge, Failure, Outcome};
use crate::transfer::finish;
use crate::transfer::progress::ProgressGate;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The body is written in pieces of this size: libcurl hands it over in pieces of at most
/// 16 KiB, and a write system call per piece costs more than gathering them (see
/// `download::staging`, which does the same for the parallel download).
const WRITE_BUFFER: usize = 128 * 1024;

pub fn head_object(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Head, object, &[], &[])?;
    judge(session.execute(&request, &mut Discard)?)
}

/// `HEAD ?objectMeta`: size, ETag, Last-Modified and CRC without user meta.
pub fn get_object_meta(client: &Client, session: &mut Session, object: &ObjectRef) -> Outcome {
    let request = client.object_request(Method::Head, object, &[], &[("objectMeta".into(), String::new())])?;
    judge(session.execute(&request, &mut Discard)?)
}

/// Streams a body into a file in order, with a running CRC and progress.
struct FileSink<'p> {
    file: BufWriter<File>,
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
        self.file.write_all(bytes).map_err(|e| Error::write_failed(&self.path, &e))?;
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
    get_request_to_file(session, &request, path, enable_crc, progress)
}

/// Sends a GET `request` (signed, or a presigned URL) into `path`, as `get_object_to_file`.
pub fn get_request_to_file(
    session: &mut Session,
    request: &Request,
    path: &Path,
    enable_crc: bool,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    finish::refuse_directory(path)?;
    let tmp = finish::temp_path(path);
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)
        .map_err(|e| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot open", &tmp, &e))?;
    let file = BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut sink = FileSink { file, path: tmp.clone(), crc: Crc64::new(), written: 0, gate: None, progress };
    let outcome = session.execute(request, &mut sink).map_err(Failure::from).and_then(judge).and_then(|response| {
        let response = if enable_crc && response.status == 200 {
            finish::check_crc("the received body", sink.crc.value(), response)?
        } else {
            response
        };
        sink.file.flush().map_err(|e| Error::write_failed(&tmp, &e))?;
        finish::commit(sink.file.get_ref(), &tmp, path)?;
        Ok(response)
    });
    if outcome.is_err() {
        finish::remove_temp(&tmp);
    }
    outcome
}
