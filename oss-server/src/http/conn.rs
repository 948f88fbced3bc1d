//! A buffered HTTP/1.1 connection: reads request heads with `httparse`, keeps the bytes that
//! follow (body or next request) for the body reader.

use std::io::{self, Read};

use crate::stream::Stream;

/// The most header bytes a request may send (request line included).
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 128;

#[derive(Debug, Clone)]
pub struct RequestHead {
    pub method: String,
    /// The request target as sent (`/bucket/key?query`).
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    pub headers: Vec<(String, String)>,
}

impl RequestHead {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }

    /// Whether the client wants the connection kept after this request.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("connection").map(str::to_ascii_lowercase).unwrap_or_default();
        let tokens: Vec<&str> = connection.split(',').map(str::trim).collect();
        if self.minor_version == 0 {
            tokens.contains(&"keep-alive")
        } else {
            !tokens.contains(&"close")
        }
    }
}

#[derive(Debug)]
pub enum HeadError {
    /// Over `MAX_HEAD_BYTES` or too many header lines: 431.
    TooLarge,
    /// Not HTTP: 400.
    Malformed(String),
    /// The client went away (or timed out) in the middle of a head.
    Closed,
}

pub struct HttpConn {
    pub stream: Stream,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl HttpConn {
    pub fn new(stream: Stream) -> HttpConn {
        HttpConn { stream, buf: vec![0; MAX_HEAD_BYTES], start: 0, end: 0 }
    }

    /// The next request head; `Ok(None)` when the client closed cleanly between requests.
    pub fn read_head(&mut self) -> Result<Option<RequestHead>, HeadError> {
        self.compact();
        loop {
            if self.end > 0 {
                let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
                let mut request = httparse::Request::new(&mut headers);
                match request.parse(&self.buf[..self.end]) {
                    Ok(httparse::Status::Complete(n)) => {
                        let head = RequestHead {
                            method: request.method.unwrap_or("").to_string(),
                            target: request.path.unwrap_or("").to_string(),
                            minor_version: request.version.unwrap_or(1),
                            headers: request
                                .headers
                                .iter()
                                .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned()))
                                .collect(),
                        };
                        self.start = n;
                        return Ok(Some(head));
                    }
                    Ok(httparse::Status::Partial) => {}
                    Err(httparse::Error::TooManyHeaders) => return Err(HeadError::TooLarge),
                    Err(e) => return Err(HeadError::Malformed(e.to_string())),
                }
            }
            if self.end >= MAX_HEAD_BYTES {
                return Err(HeadError::TooLarge);
            }
            let n = match self.stream.read(&mut self.buf[self.end..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(HeadError::Closed),
            };
            if n == 0 {
                return if self.end == 0 { Ok(None) } else { Err(HeadError::Closed) };
            }
            self.end += n;
        }
    }

    fn compact(&mut self) {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
    }

    /// Reads body bytes: what is buffered first, then straight from the socket.
    pub fn read_some(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.start < self.end {
            let n = out.len().min(self.end - self.start);
            out[..n].copy_from_slice(&self.buf[self.start..self.start + n]);
            self.start += n;
            return Ok(n);
        }
        self.stream.read(out)
    }

    pub fn read_byte(&mut self) -> io::Result<Option<u8>> {
        let mut byte = [0u8; 1];
        loop {
            match self.read_some(&mut byte) {
                Ok(0) => return Ok(None),
                Ok(_) => return Ok(Some(byte[0])),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}
