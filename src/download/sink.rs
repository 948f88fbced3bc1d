//! Where a part's bytes go: positioned writes straight into the temp file at
//! the part's offset (no buffering, no copies beyond libcurl's buffer), a
//! running CRC-64, and checks that the server sent exactly the bytes asked
//! for before a single one is written.

use crate::crc64::Crc64;
use crate::download::plan::Part;
use crate::error::{codes, ClientCode, Error, Result};
use crate::http::{BodySink, Response};
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Progress goes back in chunks: fine enough for the coordinator's 1% steps
/// (1/200 of what is fetched), coarse enough not to flood the channel.
pub fn progress_chunk(fetched: u64) -> u64 {
    (fetched / 200).clamp(16 * 1024, 1024 * 1024)
}

/// A part in progress; survives across retries, so a retry continues at
/// `cursor` with the CRC of the bytes already written.
pub struct PartState {
    pub part: Part,
    /// Absolute offset of the next byte to write.
    pub cursor: u64,
    pub crc: Crc64,
}

impl PartState {
    pub fn new(part: Part) -> Self {
        Self { part, cursor: part.offset, crc: Crc64::new() }
    }

    pub fn is_complete(&self) -> bool {
        self.cursor == self.part.offset + self.part.len
    }

    /// `bytes=cursor-end` for the next attempt.
    pub fn range_header(&self) -> String {
        format!("bytes={}-{}", self.cursor, self.part.end_inclusive())
    }
}

pub struct PartSink<'a> {
    pub state: &'a mut PartState,
    pub file: &'a File,
    pub temp_path: &'a Path,
    pub object_size: u64,
    /// Object offset of the file's first byte: byte `cursor` of the object
    /// goes to file offset `cursor - file_base`.
    pub file_base: u64,
    pub stop: &'a AtomicBool,
    /// Bytes written but not yet reported.
    pub unreported: u64,
    pub progress_chunk: u64,
    pub report: &'a mut dyn FnMut(u64),
}

fn protocol_error(head: &Response, message: String) -> Error {
    Error::Transport { code: ClientCode::ServiceError, message, request_id: head.request_id().map(str::to_string) }
}

impl PartSink<'_> {
    pub fn flush_progress(&mut self) {
        if self.unreported > 0 {
            (self.report)(self.unreported);
            self.unreported = 0;
        }
    }
}

impl BodySink for PartSink<'_> {
    fn begin(&mut self, head: &Response) -> Result<()> {
        let end = self.state.part.end_inclusive();
        let expected = format!("bytes {}-{end}/{}", self.state.cursor, self.object_size);
        if head.status != 206 {
            return Err(protocol_error(head, format!("expected 206 for range {}, got {}", self.state.range_header(), head.status)));
        }
        match head.header("Content-Range") {
            Some(got) if got.trim() == expected => {}
            got => return Err(protocol_error(head, format!("expected Content-Range {expected:?}, got {got:?}"))),
        }
        let want = end + 1 - self.state.cursor;
        if head.content_length() != Some(want) {
            return Err(protocol_error(head, format!("expected Content-Length {want}, got {:?}", head.content_length())));
        }
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(Error::Aborted { message: "download stopped".into() });
        }
        let end = self.state.part.offset + self.state.part.len;
        if self.state.cursor + bytes.len() as u64 > end {
            return Err(Error::transport(ClientCode::ServiceError, "server sent more bytes than the range asked for"));
        }
        self.file
            .write_all_at(bytes, self.state.cursor - self.file_base)
            .map_err(|e| Error::io(ClientCode::FileWriteError, codes::WRITE_FILE, "cannot write", self.temp_path, &e))?;
        self.state.crc.update(bytes);
        self.state.cursor += bytes.len() as u64;
        self.unreported += bytes.len() as u64;
        if self.unreported >= self.progress_chunk {
            self.flush_progress();
        }
        Ok(())
    }
}
