//! A tiny raw HTTP/1.1 client for the tests: it sends exactly the bytes a test wants
//! (malformed ones included) and reports exactly what came back, truncation included.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the body had every byte Content-Length promised.
    pub complete: bool,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `<Code>` of an OSS error body.
    pub fn error_code(&self) -> String {
        xml_element(&self.text(), "Code").unwrap_or_default()
    }
}

pub fn xml_element(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    Some(xml[start..end].to_string())
}

/// One client connection, reusable for keep-alive.
pub struct Conn<S = TcpStream> {
    pub stream: S,
    buf: Vec<u8>,
}

impl Conn<TcpStream> {
    pub fn connect(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connect to the test server");
        stream.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
        stream.set_write_timeout(Some(READ_TIMEOUT)).unwrap();
        Conn::over(stream)
    }
}

impl<S: Read + Write> Conn<S> {
    pub fn over(stream: S) -> Conn<S> {
        Conn { stream, buf: Vec::new() }
    }

    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)?;
        self.stream.flush()
    }

    fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 64 * 1024];
        let n = self.stream.read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// Reads one response. `head_request`: the answer to a HEAD has no body.
    pub fn read_response(&mut self, head_request: bool) -> io::Result<RawResponse> {
        let (status, headers, head_len) = loop {
            let mut parsed_headers = [httparse::EMPTY_HEADER; 64];
            let mut response = httparse::Response::new(&mut parsed_headers);
            match response.parse(&self.buf) {
                Ok(httparse::Status::Complete(n)) => {
                    let status = response.code.unwrap_or(0);
                    let headers: Vec<(String, String)> = response
                        .headers
                        .iter()
                        .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned()))
                        .collect();
                    // Interim answers (100 Continue) precede the real one.
                    if status == 100 {
                        self.buf.drain(..n);
                        continue;
                    }
                    break (status, headers, n);
                }
                Ok(httparse::Status::Partial) => {
                    if self.fill()? == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "connection closed before a response head",
                        ));
                    }
                }
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
            }
        };
        self.buf.drain(..head_len);
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok());
        let bodiless = head_request || status == 304 || status == 204;
        let mut complete = true;
        let body = match length {
            _ if bodiless => Vec::new(),
            Some(length) => {
                while self.buf.len() < length {
                    match self.fill() {
                        Ok(0) | Err(_) => {
                            complete = false;
                            break;
                        }
                        Ok(_) => {}
                    }
                }
                let take = length.min(self.buf.len());
                self.buf.drain(..take).collect()
            }
            None => {
                while let Ok(n) = self.fill() {
                    if n == 0 {
                        break;
                    }
                }
                std::mem::take(&mut self.buf)
            }
        };
        Ok(RawResponse { status, headers, body, complete })
    }

    /// Whether the server closed the connection (EOF or reset) rather than sending more bytes
    /// or staying silent for the read timeout.
    pub fn closed_by_server(&mut self) -> bool {
        match self.fill() {
            Ok(n) => n == 0,
            Err(e) => !matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut),
        }
    }
}

/// Percent-encodes a key for a request path (slashes kept).
pub fn encode_path(text: &str) -> String {
    let mut out = String::new();
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn encode_component(text: &str) -> String {
    encode_path(text).replace('/', "%2F")
}

/// A request to build, sign and send.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub bucket: Option<String>,
    pub key: Option<String>,
    /// Decoded query parameters.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// A raw path to send instead of the one made from bucket and key.
    pub raw_path: Option<String>,
    /// A bucket-level request sent and signed as `/bucket` (no trailing slash), as the
    /// official C SDK does with an IP endpoint.
    pub bare_bucket: bool,
}

impl Request {
    pub fn new(method: &str, bucket: &str, key: &str) -> Request {
        Request {
            method: method.into(),
            bucket: Some(bucket.into()),
            key: (!key.is_empty()).then(|| key.into()),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            raw_path: None,
            bare_bucket: false,
        }
    }

    pub fn bare_bucket(mut self) -> Request {
        self.bare_bucket = true;
        self
    }

    /// The resource path signatures cover: `/bucket/key`, `/bucket/` (or `/bucket`), `/`.
    pub fn resource(&self) -> String {
        match (&self.bucket, &self.key) {
            (Some(b), Some(k)) => format!("/{b}/{k}"),
            (Some(b), None) if self.bare_bucket => format!("/{b}"),
            (Some(b), None) => format!("/{b}/"),
            _ => "/".into(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn query(mut self, name: &str, value: &str) -> Request {
        self.query.push((name.into(), value.into()));
        self
    }

    pub fn body(mut self, body: &[u8]) -> Request {
        self.body = body.to_vec();
        self
    }

    pub fn path(&self) -> String {
        let mut path = self.raw_path.clone().unwrap_or_else(|| match (&self.bucket, &self.key) {
            (Some(b), Some(k)) => format!("/{b}/{}", encode_path(k)),
            _ => self.resource(),
        });
        for (i, (name, value)) in self.query.iter().enumerate() {
            path.push(if i == 0 { '?' } else { '&' });
            path.push_str(&encode_component(name));
            if !value.is_empty() {
                path.push('=');
                path.push_str(&encode_component(value));
            }
        }
        path
    }

    pub fn to_bytes(&self, host: &str) -> Vec<u8> {
        let mut text = format!("{} {} HTTP/1.1\r\n", self.method, self.path());
        if !self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            text.push_str(&format!("Host: {host}\r\n"));
        }
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        let framed = self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding") || n.eq_ignore_ascii_case("content-length"));
        if !framed && (!self.body.is_empty() || self.method == "PUT" || self.method == "POST") {
            text.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        text.push_str("\r\n");
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}
