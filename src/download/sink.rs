//! Where a run's bytes go: positioned writes into the temp file at their
//! offset (gathered per worker, see `staging`), a running CRC-64 per part,
//! each part reported done the moment its last byte is written — even
//! mid-stream — and checks that the server sent exactly the bytes asked for
//! before a single one is written.

use super::checkpoint::PartRecord;
use super::staging::{SharedFile, Staging};
use crate::crc64::Crc64;
use crate::error::{ClientCode, Error, Result};
use crate::http::{BodySink, Response};
use crate::transfer::plan::{Part, Run};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the sink tells its worker as bytes land.
pub enum SinkEvent {
    /// This many more bytes are on disk.
    Progress(u64),
    /// A part is complete, with the CRC of its bytes.
    PartDone(u32, PartRecord),
}

/// A run in progress; survives across retries, so a retry continues at
/// `cursor`, inside the current part, with the CRC of its bytes so far.
pub struct RunState {
    parts: Vec<Part>,
    /// Position in `parts` of the part being written.
    current: usize,
    /// Absolute offset of the next byte to take (bytes before it are written or staged; after
    /// an exchange, once the sink is flushed, written).
    pub cursor: u64,
    crc: Crc64,
}

impl RunState {
    pub fn new(run: Run) -> Self {
        let cursor = run.offset();
        Self { parts: run.parts, current: 0, cursor, crc: Crc64::new() }
    }

    pub fn is_complete(&self) -> bool {
        self.current == self.parts.len()
    }

    fn end(&self) -> u64 {
        let last = self.parts[self.parts.len() - 1];
        last.offset + last.len
    }

    /// `bytes=cursor-end` for the next attempt.
    pub fn range_header(&self) -> String {
        format!("bytes={}-{}", self.cursor, self.end() - 1)
    }
}

pub struct RunSink<'a> {
    pub state: &'a mut RunState,
    pub file: &'a SharedFile<'a>,
    /// This worker's bytes on their way to the file.
    pub staging: &'a mut Staging,
    pub temp_path: &'a Path,
    pub object_size: u64,
    /// Object offset of the file's first byte: byte `cursor` of the object
    /// goes to file offset `cursor - file_base`.
    pub file_base: u64,
    pub stop: &'a AtomicBool,
    /// Bytes written (not just staged) but not yet reported.
    pub unreported: u64,
    pub progress_chunk: u64,
    pub events: &'a mut dyn FnMut(SinkEvent),
}

fn protocol_error(head: &Response, message: String) -> Error {
    Error::Transport { code: ClientCode::ServiceError, message, request_id: head.request_id().map(str::to_string) }
}

impl RunSink<'_> {
    pub fn flush_progress(&mut self) {
        if self.unreported > 0 {
            (self.events)(SinkEvent::Progress(self.unreported));
            self.unreported = 0;
        }
    }

    /// Writes what is staged and reports it: called when a part ends and when an exchange
    /// ends, whatever its outcome, so that a retry continues from bytes in the file.
    pub fn flush(&mut self) -> Result<()> {
        let written = self.staging.flush(self.file).map_err(|e| Error::write_failed(self.temp_path, &e))?;
        self.unreported += written;
        self.flush_progress();
        Ok(())
    }
}

impl BodySink for RunSink<'_> {
    fn begin(&mut self, head: &Response) -> Result<()> {
        let end = self.state.end() - 1;
        let expected = format!("bytes {}-{end}/{}", self.state.cursor, self.object_size);
        if head.status != 206 {
            return Err(protocol_error(
                head,
                format!("expected 206 for range {}, got {}", self.state.range_header(), head.status),
            ));
        }
        match head.header("Content-Range") {
            Some(got) if got.trim() == expected => {}
            got => return Err(protocol_error(head, format!("expected Content-Range {expected:?}, got {got:?}"))),
        }
        let want = end + 1 - self.state.cursor;
        if head.content_length() != Some(want) {
            return Err(protocol_error(
                head,
                format!("expected Content-Length {want}, got {:?}", head.content_length()),
            ));
        }
        Ok(())
    }

    fn write(&mut self, mut bytes: &[u8]) -> Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(Error::Aborted { message: "download stopped".into() });
        }
        if self.state.cursor + bytes.len() as u64 > self.state.end() {
            return Err(Error::transport(ClientCode::ServiceError, "server sent more bytes than the range asked for"));
        }
        while !bytes.is_empty() {
            let part = self.state.parts[self.state.current];
            let part_end = part.offset + part.len;
            let n = (bytes.len() as u64).min(part_end - self.state.cursor) as usize;
            let at = self.state.cursor - self.file_base;
            let written =
                self.staging.add(self.file, at, &bytes[..n]).map_err(|e| Error::write_failed(self.temp_path, &e))?;
            self.unreported += written;
            self.state.crc.update(&bytes[..n]);
            self.state.cursor += n as u64;
            bytes = &bytes[n..];
            if self.state.cursor == part_end {
                // The part's bytes in the file, and counted by the coordinator, before it is recorded.
                self.flush()?;
                let record = PartRecord { len: part.len, crc: std::mem::take(&mut self.state.crc).value() };
                (self.events)(SinkEvent::PartDone(part.index, record));
                self.state.current += 1;
            } else if self.unreported >= self.progress_chunk {
                self.flush_progress();
            }
        }
        Ok(())
    }
}
