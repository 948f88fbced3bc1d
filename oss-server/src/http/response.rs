//! Answers: status, headers and body, and the wire form of a response head.

use std::fs::File;

use base64::Engine;

use crate::errors::OssError;

pub enum Body {
    /// No body; `Content-Length: 0`.
    Empty,
    /// A HEAD answer: the `Content-Length` a GET would have, no body.
    HeadOnly(u64),
    /// No body and no `Content-Length` (304).
    NotModified,
    Bytes(Vec<u8>),
    /// `len` bytes of an object file from object offset `start`.
    File {
        file: File,
        start: u64,
        len: u64,
    },
}

impl Body {
    pub fn content_length(&self) -> Option<u64> {
        match self {
            Body::Empty => Some(0),
            Body::HeadOnly(n) => Some(*n),
            Body::NotModified => None,
            Body::Bytes(b) => Some(b.len() as u64),
            Body::File { len, .. } => Some(*len),
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// `x-oss-traffic-limit`, in bytes per second, for this answer's body.
    pub bytes_per_sec: Option<u64>,
}

impl Response {
    pub fn new(status: u16, body: Body) -> Response {
        Response { status, headers: Vec::new(), body, bytes_per_sec: None }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn xml(status: u16, xml: String) -> Response {
        Response::new(status, Body::Bytes(xml.into_bytes())).with_header("Content-Type", "application/xml")
    }

    pub fn json(status: u16, json: String) -> Response {
        Response::new(status, Body::Bytes(json.into_bytes())).with_header("Content-Type", "application/json")
    }

    /// An OSS error: XML body, or for HEAD no body and the XML base64-encoded in `x-oss-err`.
    pub fn error(error: &OssError, request_id: &str, host_id: &str, is_head: bool) -> Response {
        let xml = error.to_xml(request_id, host_id);
        let mut response = if is_head {
            Response::new(error.status, Body::Empty)
                .with_header("Content-Type", "application/xml")
                .with_header("x-oss-err", base64::engine::general_purpose::STANDARD.encode(xml.as_bytes()))
        } else {
            Response::xml(error.status, xml)
        };
        response = response.with_header("x-oss-ec", error.ec());
        for (name, value) in &error.headers {
            response = response.with_header(name, value.clone());
        }
        response
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        412 => "Precondition Failed",
        416 => "Requested Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// The bytes of a response head. `Content-Length` and `Connection` are added here so every
/// answer frames its body the same way.
pub fn head_bytes(status: u16, headers: &[(String, String)], content_length: Option<u64>, keep_alive: bool) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(name);
        head.push_str(": ");
        // Header values come from our own code or stored metadata; never let one break framing.
        head.push_str(&value.replace(['\r', '\n'], " "));
        head.push_str("\r\n");
    }
    if let Some(length) = content_length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    head.into_bytes()
}
