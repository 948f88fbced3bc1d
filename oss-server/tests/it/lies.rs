//! The fault kinds that break the protocol (`garbage`, `garbage_headers`, `length`, `range`,
//! `html`, `huge_header`), as raw bytes on a client socket.

use std::io::Read;

use oss_server::{FaultKind, FaultRule};

use crate::client::{Conn, Request};
use crate::sign::sign_v1;
use crate::support::{TestServer, BUCKET};

const SIZE: usize = 10_000;

/// Sends a signed request and reads every byte until the server closes (it always does
/// after a lie).
fn raw(t: &TestServer, request: Request) -> Vec<u8> {
    let mut conn = Conn::connect(t.addr());
    conn.send(&sign_v1(request, &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let mut out = Vec::new();
    conn.stream.read_to_end(&mut out).expect("the server closes");
    out
}

fn with_rule(kind: FaultKind, request: Request) -> (Vec<u8>, Vec<u8>) {
    let t = TestServer::start();
    let data = oss_server::generate_content(3, SIZE);
    t.put_object("obj", &data);
    t.server.faults().add(FaultRule::new(kind).object(BUCKET, "obj").all_methods());
    let bytes = raw(&t, request);
    assert_eq!(t.server.caught_panics(), 0);
    (bytes, data)
}

fn split(answer: &[u8]) -> (String, &[u8]) {
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    (String::from_utf8_lossy(&answer[..end]).into_owned(), &answer[end..])
}

#[test]
fn garbage_instead_of_http() {
    let (bytes, _) = with_rule(FaultKind::GarbageResponse, Request::new("GET", BUCKET, "obj"));
    assert_eq!(bytes.len(), 4096);
    assert!(!bytes.starts_with(b"HTTP/"));
}

#[test]
fn garbage_header_lines_before_the_real_ones() {
    let (bytes, data) = with_rule(FaultKind::GarbageHeaders, Request::new("GET", BUCKET, "obj"));
    assert!(bytes.starts_with(b"HTTP/1.1 200 OK\r\n\x00\x01\x02 binary\xff\xfe\r\nNoColonOnThisLine\r\n"));
    let (head, body) = split(&bytes);
    assert!(head.contains("\r\nContent-Length: 10000\r\n") && head.contains("Connection: close"));
    assert_eq!(body, data);
}

#[test]
fn a_content_length_of_two_to_the_63() {
    let (bytes, data) = with_rule(FaultKind::LieContentLength { value: 1 << 63 }, Request::new("GET", BUCKET, "obj"));
    let (head, body) = split(&bytes);
    assert!(head.contains("\r\nContent-Length: 9223372036854775808\r\n"), "{head}");
    assert_eq!(body, data, "the real body, then close");
    let (bytes, _) = with_rule(FaultKind::LieContentLength { value: 1 << 63 }, Request::new("HEAD", BUCKET, "obj"));
    assert!(String::from_utf8_lossy(&bytes).contains("\r\nContent-Length: 9223372036854775808\r\n"));
}

#[test]
fn a_content_range_that_disagrees_with_the_request() {
    let (bytes, data) = with_rule(
        FaultKind::LieContentRange { shift: 7 },
        Request::new("GET", BUCKET, "obj").header("Range", "bytes=100-199"),
    );
    let (head, body) = split(&bytes);
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert!(head.contains("\r\nContent-Range: bytes 107-206/10000\r\n"), "{head}");
    assert_eq!(body, &data[100..200], "the body is still the one asked for");
}

#[test]
fn an_html_error_page_instead_of_xml() {
    let (bytes, _) = with_rule(FaultKind::HtmlError { status: 502 }, Request::new("GET", BUCKET, "obj"));
    let (head, body) = split(&bytes);
    assert!(head.starts_with("HTTP/1.1 502"), "{head}");
    assert!(head.contains("Content-Type: text/html") && !head.contains("x-oss-err"));
    assert!(String::from_utf8_lossy(body).contains("<h1>502 Bad Gateway</h1>"));
    let (bytes, _) = with_rule(FaultKind::HtmlError { status: 404 }, Request::new("HEAD", BUCKET, "obj"));
    let (head, body) = split(&bytes);
    assert!(head.starts_with("HTTP/1.1 404") && !head.contains("x-oss-err") && body.is_empty(), "{head}");
}

#[test]
fn a_ten_megabyte_header() {
    let (bytes, data) = with_rule(FaultKind::HugeHeader { bytes: 10 << 20 }, Request::new("GET", BUCKET, "obj"));
    let (head, body) = split(&bytes);
    assert!(head.len() > 10 << 20);
    assert!(head.contains("\r\nX-Oss-Padding: aaaa"));
    assert_eq!(body, data);
}
