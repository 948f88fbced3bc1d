//! Request bodies: `Content-Length` or chunked framing, read straight from the connection.
//! `Expect: 100-continue` is answered only when a handler actually starts reading the body.

use std::io::{self, Read, Write};

use super::conn::{HttpConn, RequestHead};
use crate::stream::Stream;

/// Most bytes a chunk-size or trailer line may take.
const MAX_LINE: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Length(u64),
    Chunked,
}

/// How the request's body is delimited; a bad Content-Length is an error (400).
pub fn framing(head: &RequestHead) -> Result<Framing, String> {
    if let Some(te) = head.header("transfer-encoding") {
        if te.eq_ignore_ascii_case("chunked") {
            return Ok(Framing::Chunked);
        }
        return Err(format!("unsupported Transfer-Encoding {te:?}"));
    }
    let lengths: Vec<&str> =
        head.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.trim()).collect();
    match lengths.as_slice() {
        [] => Ok(Framing::Length(0)),
        [one] if !one.is_empty() && one.bytes().all(|b| b.is_ascii_digit()) => {
            one.parse().map(Framing::Length).map_err(|_| "Content-Length is too large".to_string())
        }
        _ => Err("invalid Content-Length".to_string()),
    }
}

enum State {
    Fixed(u64),
    ChunkSize,
    ChunkData(u64),
    ChunkEnd,
    Done,
}

/// Watches a request body as it is read (fault injection, counters), without the HTTP layer
/// knowing what for.
pub trait BodyTap {
    /// How many of `want` bytes to read now (it may wait first, to stall or slow the body);
    /// an error ends the body there (an injected cut).
    fn before_read(&mut self, stream: &Stream, want: usize) -> io::Result<usize>;
    /// Sees, and may alter, the bytes just read.
    fn after_read(&mut self, data: &mut [u8]);
    /// Whether the tap cut the body, and if so whether the connection is to end with an RST.
    fn cut(&self) -> Option<bool>;
}

pub struct BodyReader<'a> {
    conn: &'a mut HttpConn,
    state: State,
    continue_pending: bool,
    tap: Option<Box<dyn BodyTap + 'a>>,
}

impl<'a> BodyReader<'a> {
    pub fn new(conn: &'a mut HttpConn, framing: Framing, expect_continue: bool) -> BodyReader<'a> {
        let state = match framing {
            Framing::Length(0) => State::Done,
            Framing::Length(n) => State::Fixed(n),
            Framing::Chunked => State::ChunkSize,
        };
        let continue_pending = expect_continue && !matches!(state, State::Done);
        BodyReader { conn, state, continue_pending, tap: None }
    }

    pub fn set_tap(&mut self, tap: Box<dyn BodyTap + 'a>) {
        self.tap = Some(tap);
    }

    /// Whether a tap cut the body (`Some(reset)`): the connection must close without an answer.
    pub fn cut(&self) -> Option<bool> {
        self.tap.as_ref().and_then(|tap| tap.cut())
    }

    /// Reads up to `remaining` body bytes straight from the connection, through the tap.
    fn read_data(&mut self, out: &mut [u8], remaining: u64) -> io::Result<usize> {
        let mut want = out.len().min(remaining.min(usize::MAX as u64) as usize);
        if want == 0 {
            return Ok(0);
        }
        if let Some(tap) = self.tap.as_mut() {
            want = tap.before_read(&self.conn.stream, want)?.clamp(1, want);
        }
        let n = self.conn.read_some(&mut out[..want])?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(tap) = self.tap.as_mut() {
            tap.after_read(&mut out[..n]);
        }
        Ok(n)
    }

    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done)
    }

    /// Whether the client may still be waiting for `100 Continue` before sending the body.
    pub fn continue_pending(&self) -> bool {
        self.continue_pending
    }

    /// The bytes a Content-Length body still holds (None when chunked).
    pub fn fixed_remaining(&self) -> Option<u64> {
        match self.state {
            State::Fixed(n) => Some(n),
            State::Done => Some(0),
            _ => None,
        }
    }

    fn line(&mut self) -> io::Result<String> {
        let mut line = Vec::new();
        loop {
            match self.conn.read_byte()? {
                None => return Err(io::ErrorKind::UnexpectedEof.into()),
                Some(b'\n') => break,
                Some(b) => line.push(b),
            }
            if line.len() > MAX_LINE {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "chunk line too long"));
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        String::from_utf8(line).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk line is not text"))
    }
}

impl Read for BodyReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.continue_pending {
            self.continue_pending = false;
            self.conn.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            self.conn.stream.flush()?;
        }
        loop {
            match self.state {
                State::Done => return Ok(0),
                State::Fixed(remaining) => {
                    let n = self.read_data(out, remaining)?;
                    self.state = if remaining == n as u64 { State::Done } else { State::Fixed(remaining - n as u64) };
                    return Ok(n);
                }
                State::ChunkSize => {
                    let line = self.line()?;
                    let size_text = line.split(';').next().unwrap_or("").trim();
                    let size = u64::from_str_radix(size_text, 16)
                        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
                    if size == 0 {
                        // Trailers, up to the empty line.
                        while !self.line()?.is_empty() {}
                        self.state = State::Done;
                    } else {
                        self.state = State::ChunkData(size);
                    }
                }
                State::ChunkData(remaining) => {
                    let n = self.read_data(out, remaining)?;
                    self.state =
                        if remaining == n as u64 { State::ChunkEnd } else { State::ChunkData(remaining - n as u64) };
                    return Ok(n);
                }
                State::ChunkEnd => {
                    if !self.line()?.is_empty() {
                        return Err(io::Error::new(io::ErrorKind::InvalidData, "chunk not followed by CRLF"));
                    }
                    self.state = State::ChunkSize;
                }
            }
        }
    }
}
