//! The select's answer being built: result records (CSV fields or whole JSON lines) gathered into
//! data frames of up to `FRAME_BYTES`, a continuous frame after `FRAME_BYTES` scanned without
//! output, and the end frame — or, with `OutputRawData`, the bare result.

use super::{csv, frame};
use crate::errors::OssError;
use crate::http::response::{Body, Response};

/// Result bytes per data frame, and scanned bytes between keep-alive (continuous) frames.
const FRAME_BYTES: usize = 64 * 1024;

pub struct Output {
    pub field_delimiter: Vec<u8>,
    pub record_delimiter: Vec<u8>,
    pub quote: u8,
    pub raw: bool,
    pub crc: bool,
    body: Vec<u8>,
    pending: Vec<u8>,
    last_frame_at: usize,
}

impl Output {
    pub fn new(field_delimiter: Vec<u8>, record_delimiter: Vec<u8>, quote: u8, raw: bool, crc: bool) -> Output {
        let (body, pending, last_frame_at) = (Vec::new(), Vec::new(), 0);
        Output { field_delimiter, record_delimiter, quote, raw, crc, body, pending, last_frame_at }
    }

    /// One CSV record.
    pub fn record(&mut self, fields: &[&str]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.pending.extend_from_slice(&self.field_delimiter);
            }
            csv::write_field(&mut self.pending, f, &self.field_delimiter, &self.record_delimiter, self.quote);
        }
        self.pending.extend_from_slice(&self.record_delimiter);
    }

    /// One record written as it is (a JSON object).
    pub fn line(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        self.pending.extend_from_slice(&self.record_delimiter);
    }

    /// Emits pending data (when enough, or `force`) or a keep-alive frame after a long silence.
    pub fn flush(&mut self, scanned: usize, force: bool) {
        if self.raw {
            self.body.append(&mut self.pending);
        } else if self.pending.len() >= FRAME_BYTES || (force && !self.pending.is_empty()) {
            frame::push(&mut self.body, frame::DATA, scanned as u64, &self.pending, self.crc);
            self.pending.clear();
            self.last_frame_at = scanned;
        } else if scanned - self.last_frame_at >= FRAME_BYTES {
            frame::push(&mut self.body, frame::CONTINUOUS, scanned as u64, &[], self.crc);
            self.last_frame_at = scanned;
        }
    }

    /// The answer: 206 with the frames and an end frame carrying `error` (`Code.message`) if the
    /// scan stopped on one; with raw output, 200 and the result, or the error as an HTTP 400.
    pub fn answer(mut self, scanned: usize, error: Option<String>) -> Result<Response, OssError> {
        self.flush(scanned, true);
        if self.raw {
            if let Some(e) = error {
                let message = e.split_once('.').map_or(e.as_str(), |(_, m)| m);
                return Err(OssError::new(400, "InvalidDataFormat", message.to_string()));
            }
            return Ok(Response::new(200, Body::Bytes(self.body)).with_header("x-oss-select-output-raw", "true"));
        }
        let (status, message) = match &error {
            Some(e) => (400, e.as_str()),
            None => (200, ""),
        };
        frame::select_end(&mut self.body, scanned as u64, status, message, self.crc);
        Ok(Response::new(206, Body::Bytes(self.body))
            .with_header("Content-Type", "application/octet-stream")
            .with_header("x-oss-select-output-raw", "false"))
    }
}
