//! What came back: status, headers in arrival order, body size, timings,
//! and (for error answers only) the body, to be read as OSS error XML.

use super::error_xml::{parse_error_body, parse_x_oss_err};
use crate::error::{codes, Error};

/// Microseconds since the Unix epoch, like `apr_time_t`, as the controller
/// records them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    pub start_us: i64,
    pub first_byte_us: i64,
    pub finish_us: i64,
}

#[derive(Clone, Debug, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Body bytes delivered to the sink (2xx) or captured (errors).
    pub body_bytes: u64,
    pub timings: Timings,
    /// The body of a non-2xx answer, capped; empty for 2xx.
    pub(crate) error_body: Vec<u8>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// First value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn request_id(&self) -> Option<&str> {
        self.header("x-oss-request-id")
    }

    pub fn content_length(&self) -> Option<u64> {
        self.header("Content-Length").and_then(|v| v.trim().parse().ok())
    }

    /// The whole-object CRC-64 the server reports, if any.
    pub fn server_crc64(&self) -> Option<u64> {
        self.header("x-oss-hash-crc64ecma").and_then(|v| v.trim().parse().ok())
    }

    /// The service error this answer stands for, or `None` for a 2xx.
    /// Fields come from the error XML body, else from HEAD's `x-oss-err`,
    /// else from the status line; the request id falls back to the header.
    pub fn service_error(&self) -> Option<Error> {
        if self.is_success() {
            return None;
        }
        let parsed = parse_error_body(&self.error_body).or_else(|| self.header("x-oss-err").and_then(parse_x_oss_err));
        let (code, message, body_request_id) = match parsed {
            Some(b) => (b.code, b.message, b.request_id),
            None => (fallback_code(self.status).to_string(), fallback_message(self.status, &self.error_body), None),
        };
        let request_id = body_request_id.or_else(|| self.request_id().map(str::to_string)).unwrap_or_default();
        Some(Error::Service { status: self.status, code, message, request_id })
    }

    /// Parses one header line as libcurl hands it over (`Name: value\r\n`
    /// or a status line). Status lines reset the headers, so only the final
    /// answer's headers survive an interim `100 Continue`. Public for the
    /// fuzz target (fuzz/fuzz_targets/response_headers.rs).
    pub fn absorb_header_line(&mut self, line: &[u8]) {
        let line = String::from_utf8_lossy(line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.starts_with("HTTP/") {
            self.headers.clear();
            self.status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        } else if let Some((name, value)) = line.split_once(':') {
            self.headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

/// When the body says nothing usable, the official SDK's generic codes.
fn fallback_code(status: u16) -> &'static str {
    match status {
        500..=599 => codes::SERVER,
        400..=499 => codes::CLIENT,
        _ => codes::UNKNOWN,
    }
}

fn fallback_message(status: u16, body: &[u8]) -> String {
    let snippet: String =
        String::from_utf8_lossy(&body[..body.len().min(256)]).chars().filter(|c| !c.is_control()).collect();
    if snippet.is_empty() {
        format!("HTTP status {status} with no error body")
    } else {
        format!("HTTP status {status}: {snippet}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_and_status_lines() {
        let mut r = Response::default();
        r.absorb_header_line(b"HTTP/1.1 100 Continue\r\n");
        r.absorb_header_line(b"X-Early: 1\r\n");
        r.absorb_header_line(b"HTTP/1.1 206 Partial Content\r\n");
        r.absorb_header_line(b"Content-Length: 10\r\n");
        r.absorb_header_line(b"ETag: \"AB:CD\"\r\n");
        r.absorb_header_line(b"\r\n");
        assert_eq!(r.status, 206);
        assert_eq!(r.header("content-length"), Some("10"));
        assert_eq!(r.header("etag"), Some("\"AB:CD\""));
        assert_eq!(r.header("x-early"), None);
        assert_eq!(r.content_length(), Some(10));
    }

    #[test]
    fn service_error_prefers_body_then_x_oss_err_then_status() {
        let mut r = Response { status: 404, ..Default::default() };
        r.headers.push(("x-oss-request-id".into(), "HDRID".into()));
        r.error_body = b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>BODYID</RequestId></Error>".to_vec();
        let e = r.service_error().unwrap();
        assert_eq!((e.code(), e.error_code(), e.message(), e.request_id()), (404, "NoSuchKey", "gone", Some("BODYID")));

        r.error_body = b"<html>proxy error</html>".to_vec();
        let e = r.service_error().unwrap();
        assert_eq!((e.error_code(), e.request_id()), ("ClientError", Some("HDRID")));
        assert!(e.message().contains("proxy error"));

        let mut r = Response { status: 503, ..Default::default() };
        let e = r.service_error().unwrap();
        assert_eq!(e.error_code(), "ServerError");
        r.status = 200;
        assert!(r.service_error().is_none());
    }
}
