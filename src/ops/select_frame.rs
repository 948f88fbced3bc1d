//! The framed answer of SelectObject and CreateSelectObjectMeta, decoded as it arrives.
//!
//! A frame is a 12-byte header — version (1 byte), frame type (3 bytes), payload length (4),
//! header checksum (4) — then the payload — an 8-byte offset in the scanned object, then data —
//! then a 4-byte CRC-32 of the payload (0 when the server did not compute one). Every integer is
//! big-endian. Data frames carry result bytes; continuous frames only keep the connection alive
//! during long scans; exactly one end frame closes the answer and holds the scan's outcome:
//!
//! ```text
//! select end:  offset(8) scanned bytes(8) status(4) error message
//! meta end:    offset(8) scanned bytes(8) status(4) splits(4) rows(8) columns(4) error message
//! ```
//!
//! The decoder holds one header and the end frame's payload at most (bounded), never a data
//! frame: data bytes go to the caller as they are received, whatever the buffer boundaries. The
//! header checksum is not checked: OSS documents it as reserved and neither official client reads
//! it, so its value on a real server is unknown.

use crate::codec::crc32;

pub const DATA_FRAME: u32 = 0x80_0001;
pub const CONTINUOUS_FRAME: u32 = 0x80_0004;
pub const SELECT_END_FRAME: u32 = 0x80_0005;
pub const META_END_FRAME: u32 = 0x80_0006;

/// The header plus the payload's offset field: what is read before any payload byte.
const HEAD: usize = 20;
const OFFSET: u32 = 8;
/// An end frame's payload is a few counters and an error message: more is not an OSS answer.
const MAX_END_PAYLOAD: usize = 64 * 1024;

/// Why a byte stream is not a valid frame sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    UnknownType(u32),
    /// A payload shorter than its offset field, or an end frame too short or too long.
    BadLength {
        kind: u32,
        length: u32,
    },
    Crc {
        frame: u64,
        expected: u32,
        actual: u32,
    },
    AfterEnd,
    /// The stream stopped inside a frame, or before the end frame.
    Truncated,
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::UnknownType(t) => write!(f, "unknown select frame type {t:#x}"),
            FrameError::BadLength { kind, length } => {
                write!(f, "select frame type {kind:#x} with an impossible payload length {length}")
            }
            FrameError::Crc { frame, expected, actual } => {
                write!(f, "CRC-32 of select frame {frame} is {actual:#010x}, the server sent {expected:#010x}")
            }
            FrameError::AfterEnd => write!(f, "bytes after the select end frame"),
            FrameError::Truncated => write!(f, "the select answer ended before its end frame"),
        }
    }
}

/// What the end frame says (the payload after its offset field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    pub kind: u32,
    pub payload: Vec<u8>,
}

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

impl End {
    /// The scan's HTTP-like status (200 when it succeeded).
    pub fn status(&self) -> u32 {
        be(&self.payload[8..12]) as u32
    }

    /// Splits, rows and columns of a meta end frame.
    pub fn meta_counts(&self) -> Option<(u32, u64, u32)> {
        (self.kind == META_END_FRAME)
            .then(|| (be(&self.payload[12..16]) as u32, be(&self.payload[16..24]), be(&self.payload[24..28]) as u32))
    }

    /// The error message, as sent (OSS writes `ErrorCode.message`).
    pub fn message(&self) -> String {
        let start = if self.kind == META_END_FRAME { 28 } else { 12 };
        String::from_utf8_lossy(&self.payload[start..]).into_owned()
    }

    fn min_len(kind: u32) -> usize {
        if kind == META_END_FRAME {
            28
        } else {
            12
        }
    }
}

/// Decodes frames from buffers of any size, in order.
pub struct Decoder {
    head: [u8; HEAD],
    head_len: usize,
    kind: u32,
    remaining: u32,
    crc: u32,
    tail: [u8; 4],
    tail_len: usize,
    frames: u64,
    end_payload: Vec<u8>,
    end: Option<End>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder {
            head: [0; HEAD],
            head_len: 0,
            kind: 0,
            remaining: 0,
            crc: 0,
            tail: [0; 4],
            tail_len: 0,
            frames: 0,
            end_payload: Vec::new(),
            end: None,
        }
    }

    /// Decodes `bytes`, handing each piece of data-frame payload to `data` as soon as it is
    /// received. A frame error stops at once; `data`'s own error is returned as it is.
    pub fn feed<E: From<FrameError>>(
        &mut self,
        mut bytes: &[u8],
        data: &mut dyn FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        while !bytes.is_empty() {
            if self.end.is_some() {
                return Err(FrameError::AfterEnd.into());
            }
            if self.head_len < HEAD {
                let n = (HEAD - self.head_len).min(bytes.len());
                self.head[self.head_len..self.head_len + n].copy_from_slice(&bytes[..n]);
                self.head_len += n;
                bytes = &bytes[n..];
                if self.head_len == HEAD {
                    self.start_frame()?;
                }
            } else if self.remaining > 0 {
                let n = (self.remaining as usize).min(bytes.len());
                let (piece, rest) = bytes.split_at(n);
                self.crc = crc32(self.crc, piece);
                self.remaining -= n as u32;
                bytes = rest;
                match self.kind {
                    DATA_FRAME => data(piece)?,
                    SELECT_END_FRAME | META_END_FRAME => self.end_payload.extend_from_slice(piece),
                    _ => {}
                }
            } else {
                let n = (4 - self.tail_len).min(bytes.len());
                self.tail[self.tail_len..self.tail_len + n].copy_from_slice(&bytes[..n]);
                self.tail_len += n;
                bytes = &bytes[n..];
                if self.tail_len == 4 {
                    self.end_frame()?;
                }
            }
        }
        Ok(())
    }

    /// The end frame, once the whole stream was fed.
    pub fn finish(self) -> Result<End, FrameError> {
        match self.end {
            Some(end) => Ok(end),
            None => Err(FrameError::Truncated),
        }
    }

    fn start_frame(&mut self) -> Result<(), FrameError> {
        let kind = be(&self.head[1..4]) as u32;
        let length = be(&self.head[4..8]) as u32;
        if !matches!(kind, DATA_FRAME | CONTINUOUS_FRAME | SELECT_END_FRAME | META_END_FRAME) {
            return Err(FrameError::UnknownType(kind));
        }
        let end = matches!(kind, SELECT_END_FRAME | META_END_FRAME);
        let payload = length.checked_sub(OFFSET).ok_or(FrameError::BadLength { kind, length })? as usize;
        if end && !(End::min_len(kind)..=MAX_END_PAYLOAD).contains(&payload) {
            return Err(FrameError::BadLength { kind, length });
        }
        self.kind = kind;
        self.remaining = payload as u32;
        self.crc = crc32(0, &self.head[12..20]);
        Ok(())
    }

    fn end_frame(&mut self) -> Result<(), FrameError> {
        let expected = be(&self.tail) as u32;
        // 0: the server computed no CRC (EnablePayloadCrc off).
        if expected != 0 && expected != self.crc {
            return Err(FrameError::Crc { frame: self.frames, expected, actual: self.crc });
        }
        self.frames += 1;
        if matches!(self.kind, SELECT_END_FRAME | META_END_FRAME) {
            self.end = Some(End { kind: self.kind, payload: std::mem::take(&mut self.end_payload) });
        }
        self.head_len = 0;
        self.tail_len = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One frame as OSS writes it, with its payload CRC.
    pub fn frame(kind: u32, offset: u64, data: &[u8]) -> Vec<u8> {
        let mut payload = offset.to_be_bytes().to_vec();
        payload.extend_from_slice(data);
        let mut out = vec![1];
        out.extend_from_slice(&kind.to_be_bytes()[1..]);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&payload);
        out.extend_from_slice(&crc32(0, &payload).to_be_bytes());
        out
    }

    fn end(status: u32, message: &str) -> Vec<u8> {
        let mut data = 100u64.to_be_bytes().to_vec();
        data.extend_from_slice(&status.to_be_bytes());
        data.extend_from_slice(message.as_bytes());
        frame(SELECT_END_FRAME, 100, &data)
    }

    fn decode(stream: &[u8], step: usize) -> Result<(Vec<u8>, End), FrameError> {
        let mut d = Decoder::new();
        let mut out = Vec::new();
        for chunk in stream.chunks(step) {
            d.feed(chunk, &mut |b: &[u8]| -> Result<(), FrameError> {
                out.extend_from_slice(b);
                Ok(())
            })?;
        }
        Ok((out, d.finish()?))
    }

    #[test]
    fn data_across_every_split() {
        let mut stream = frame(DATA_FRAME, 0, b"a,b\n");
        stream.extend(frame(CONTINUOUS_FRAME, 4, b""));
        stream.extend(frame(DATA_FRAME, 10, b"c,d\n"));
        stream.extend(end(200, ""));
        for step in 1..stream.len() {
            let (out, end) = decode(&stream, step).unwrap();
            assert_eq!(out, b"a,b\nc,d\n");
            assert_eq!((end.status(), end.message()), (200, String::new()));
        }
    }

    #[test]
    fn end_frame_error_and_meta_counts() {
        let (_, e) = decode(&end(400, "InvalidCast.bad value"), 7).unwrap();
        assert_eq!((e.status(), e.message().as_str()), (400, "InvalidCast.bad value"));
        let mut data = 5u64.to_be_bytes().to_vec();
        for field in [&200u32.to_be_bytes()[..], &3u32.to_be_bytes(), &42u64.to_be_bytes(), &7u32.to_be_bytes()] {
            data.extend_from_slice(field);
        }
        let (_, e) = decode(&frame(META_END_FRAME, 0, &data), 3).unwrap();
        assert_eq!(e.meta_counts(), Some((3, 42, 7)));
    }

    #[test]
    fn refuses_bad_crc_types_lengths_and_truncation() {
        let mut stream = frame(DATA_FRAME, 0, b"xyz");
        let last = stream.len() - 1;
        stream[last] ^= 1;
        assert!(matches!(decode(&stream, 5), Err(FrameError::Crc { .. })));
        assert_eq!(decode(&frame(0x80_0009, 0, b""), 64).unwrap_err(), FrameError::UnknownType(0x80_0009));
        let mut short = frame(DATA_FRAME, 0, b"");
        short[7] = 4;
        assert!(matches!(decode(&short, 64), Err(FrameError::BadLength { .. })));
        assert!(matches!(decode(&frame(SELECT_END_FRAME, 0, b"1"), 64), Err(FrameError::BadLength { .. })));
        let whole = frame(DATA_FRAME, 0, b"abc");
        assert_eq!(decode(&whole[..whole.len() - 1], 64).unwrap_err(), FrameError::Truncated);
        let mut after = end(200, "");
        after.push(0);
        assert_eq!(decode(&after, 64).unwrap_err(), FrameError::AfterEnd);
    }

    #[test]
    fn a_zero_crc_is_not_checked() {
        let mut stream = frame(DATA_FRAME, 0, b"q");
        let n = stream.len();
        stream[n - 4..].copy_from_slice(&[0; 4]);
        stream.extend(end(200, ""));
        assert_eq!(decode(&stream, 2).unwrap().0, b"q");
    }
}
