//! Request bodies that stream: libcurl asks for bytes as it sends them, and the body hands out
//! the next piece of the caller's buffers or of a file range, computing CRC-64 on the way. No
//! body is ever copied into one block: a list of buffers is sent as it is, and a file range is
//! read with positioned reads (`pread`), so any number of bodies can read one file at once and
//! memory does not grow with the body's size.
//!
//! A body can be rewound (libcurl asks when it must send it again, e.g. after a redirect or a
//! refused `Expect: 100-continue`; a retry of the whole request does the same): the position and
//! the CRC start over, so the CRC always describes exactly the bytes of the last attempt.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

use crate::crc64::Crc64;

/// A body made piece by piece as it is sent: a document too large to be worth holding whole
/// (a completion naming 10,000 parts is ~1 MiB) is written one small piece at a time instead.
/// The pieces must come out the same every time (a body may be sent again).
pub trait Pieces: Sync + std::fmt::Debug {
    fn count(&self) -> usize;
    /// Appends piece `index` (below `count`) to `out`.
    fn write(&self, index: usize, out: &mut Vec<u8>);
}

/// Where a body's bytes come from.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// No body (a request that still declares `Content-Length: 0`).
    Empty,
    /// The caller's buffers, sent one after another.
    Buffers(&'a [&'a [u8]]),
    /// `len` bytes of `file` starting at `offset`.
    FileRange { file: &'a File, offset: u64, len: u64 },
    /// Pieces made as they are sent.
    Pieces(&'a dyn Pieces),
}

/// The piece of a `Source::Pieces` body being sent: which comes next, and what is left of the
/// current one.
#[derive(Default)]
struct Staged {
    next: usize,
    bytes: Vec<u8>,
    at: usize,
}

impl Staged {
    /// Copies the next bytes of `pieces` into `into`, making pieces as needed; returns how many.
    fn read(&mut self, pieces: &dyn Pieces, into: &mut [u8]) -> usize {
        let mut copied = 0;
        while copied < into.len() {
            if self.at == self.bytes.len() {
                if self.next == pieces.count() {
                    break;
                }
                self.bytes.clear();
                pieces.write(self.next, &mut self.bytes);
                (self.next, self.at) = (self.next + 1, 0);
                continue;
            }
            let n = (self.bytes.len() - self.at).min(into.len() - copied);
            into[copied..copied + n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            (self.at, copied) = (self.at + n, copied + n);
        }
        copied
    }
}

/// The length of the whole body `pieces` make.
fn pieces_len(pieces: &dyn Pieces) -> u64 {
    let mut scratch = Vec::new();
    (0..pieces.count())
        .map(|i| {
            scratch.clear();
            pieces.write(i, &mut scratch);
            scratch.len() as u64
        })
        .sum()
}

/// A request body being sent: its source, how far it got, and the CRC-64 of what was read.
pub struct Body<'a> {
    source: Source<'a>,
    len: u64,
    position: u64,
    crc: Crc64,
    staged: Staged,
    /// Told the position after every piece handed out.
    sent: Option<&'a mut dyn FnMut(u64)>,
}

impl<'a> Body<'a> {
    pub fn new(source: Source<'a>) -> Body<'a> {
        let len = match source {
            Source::Empty => 0,
            Source::Buffers(buffers) => buffers.iter().map(|b| b.len() as u64).sum(),
            Source::FileRange { len, .. } => len,
            Source::Pieces(pieces) => pieces_len(pieces),
        };
        Body { source, len, position: 0, crc: Crc64::new(), staged: Staged::default(), sent: None }
    }

    /// Calls `sent` with the bytes handed out so far after every piece (a progress report).
    pub fn with_progress(mut self, sent: &'a mut dyn FnMut(u64)) -> Body<'a> {
        self.sent = Some(sent);
        self
    }

    /// Total bytes the body will send (its `Content-Length`).
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes handed out since the start (or the last rewind).
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The CRC-64 of the bytes handed out since the start (or the last rewind): once the whole
    /// body was sent, the CRC of the body.
    pub fn crc64(&self) -> u64 {
        self.crc.value()
    }

    /// Starts over from the first byte.
    pub fn rewind(&mut self) {
        self.position = 0;
        self.crc = Crc64::new();
        self.staged = Staged::default();
    }

    /// Fills `into` with the next bytes; 0 means the body is complete. A file that became shorter
    /// than the range it promised is an error (sending fewer bytes than `Content-Length` would
    /// leave the server waiting), as is any read error.
    pub fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        let n = match self.source {
            Source::Empty => 0,
            Source::Buffers(buffers) => copy_from_buffers(buffers, self.position, into),
            Source::FileRange { file, offset, len } => {
                let want = into.len().min(usize::try_from(len - self.position).unwrap_or(usize::MAX));
                if want == 0 {
                    return Ok(0);
                }
                let n = file.read_at(&mut into[..want], offset + self.position)?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("the file ended {} bytes before the range it was to send", len - self.position),
                    ));
                }
                n
            }
            Source::Pieces(pieces) => self.staged.read(pieces, into),
        };
        self.crc.update(&into[..n]);
        self.position += n as u64;
        if let Some(sent) = self.sent.as_mut() {
            sent(self.position);
        }
        Ok(n)
    }
}

/// Copies the bytes at `position` of the concatenated `buffers` into `into`; returns how many.
fn copy_from_buffers(buffers: &[&[u8]], position: u64, into: &mut [u8]) -> usize {
    let mut skip = position;
    let mut copied = 0;
    for buffer in buffers {
        let len = buffer.len() as u64;
        if skip >= len {
            skip -= len;
            continue;
        }
        let start = skip as usize;
        skip = 0;
        let n = (buffer.len() - start).min(into.len() - copied);
        into[copied..copied + n].copy_from_slice(&buffer[start..start + n]);
        copied += n;
        if copied == into.len() {
            break;
        }
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crc64::checksum;
    use std::io::Write;

    /// Reads the whole body in pieces of `step` bytes.
    fn drain(body: &mut Body, step: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut piece = vec![0u8; step];
        loop {
            let n = body.read(&mut piece).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&piece[..n]);
        }
    }

    #[test]
    fn buffers_are_sent_in_order_whatever_the_piece_size() {
        let parts: [&[u8]; 5] = [b"hello", b"", b" ", b"wide ", b"world"];
        let all = b"hello wide world";
        for step in [1, 2, 3, 7, 16, 100] {
            let mut body = Body::new(Source::Buffers(&parts));
            assert_eq!(body.len(), all.len() as u64);
            assert_eq!(drain(&mut body, step), all, "step {step}");
            assert_eq!(body.crc64(), checksum(all));
            assert_eq!(body.position(), body.len());
        }
    }

    #[test]
    fn a_file_range_is_read_in_place_and_rewinds() {
        let mut file = tempfile::tempfile().unwrap();
        let content: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        file.write_all(&content).unwrap();
        let mut body = Body::new(Source::FileRange { file: &file, offset: 1000, len: 5000 });
        let first = drain(&mut body, 4096);
        assert_eq!(first, &content[1000..6000]);
        assert_eq!(body.crc64(), checksum(&content[1000..6000]));
        body.rewind();
        assert_eq!(body.position(), 0);
        assert_eq!(drain(&mut body, 333), first);
        assert_eq!(body.crc64(), checksum(&content[1000..6000]));
    }

    #[test]
    fn a_file_shorter_than_its_range_is_an_error() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&[1u8; 100]).unwrap();
        let mut body = Body::new(Source::FileRange { file: &file, offset: 50, len: 100 });
        let mut piece = [0u8; 64];
        assert_eq!(body.read(&mut piece).unwrap(), 50);
        assert_eq!(body.read(&mut piece).unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
    }

    /// Pieces of uneven sizes, the empty one included.
    #[derive(Debug)]
    struct Words;

    impl Pieces for Words {
        fn count(&self) -> usize {
            4
        }
        fn write(&self, index: usize, out: &mut Vec<u8>) {
            out.extend_from_slice([&b"made "[..], b"", b"piece by ", b"piece"][index]);
        }
    }

    #[test]
    fn pieces_are_made_in_order_whatever_the_read_size_and_again_after_a_rewind() {
        let all = b"made piece by piece";
        for step in [1, 2, 5, 7, 19, 100] {
            let mut body = Body::new(Source::Pieces(&Words));
            assert_eq!(body.len(), all.len() as u64);
            assert_eq!(drain(&mut body, step), all, "step {step}");
            assert_eq!(body.crc64(), checksum(all));
            body.rewind();
            assert_eq!(drain(&mut body, step + 1), all, "step {step} after a rewind");
        }
    }

    #[test]
    fn an_empty_body_sends_nothing() {
        let mut body = Body::new(Source::Empty);
        assert!(body.is_empty());
        assert_eq!(drain(&mut body, 10), b"");
        assert_eq!(body.crc64(), 0);
    }
}
