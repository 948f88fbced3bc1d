//! Errors answered before a request body is read: `Expect: 100-continue` gets the error instead
//! of `100 Continue`, and a client still sending a large body reads the answer rather than a
//! reset connection.

use crate::client::Request;
use crate::sign::sign_v1;
use crate::support::{TestServer, BUCKET};
use std::io::{Read, Write};

const BIG: usize = 64 << 20;

/// The request head of a signed PUT, with the body's length and extra headers.
fn put_head(t: &TestServer, bucket: &str, key: &str, len: usize, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut request = Request::new("PUT", bucket, key).header("Content-Length", &len.to_string());
    for (name, value) in extra {
        request = request.header(name, value);
    }
    sign_v1(request, &t.keys).to_bytes(&t.server.endpoint())
}

#[test]
fn expect_continue_gets_the_error_without_100_or_100_then_success() {
    let t = TestServer::start();
    let mut conn = t.connect();
    conn.send(&put_head(&t, "no-such-bucket", "k", BIG, &[("Expect", "100-continue")])).unwrap();
    // The raw bytes: the first status line must be the error, not an interim 100.
    let mut first = [0u8; 12];
    conn.stream.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 404", "{}", String::from_utf8_lossy(&first));

    let mut conn = t.connect();
    conn.send(&put_head(&t, BUCKET, "k", 5, &[("Expect", "100-continue")])).unwrap();
    let mut interim = [0u8; 25];
    conn.stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    conn.send(b"hello").unwrap();
    let done = conn.read_response(false).unwrap();
    assert_eq!(done.status, 200);
    assert_eq!(t.get("k").body, b"hello");
}

/// Like curl or Python's requests: sends `head` and all `BIG` body bytes (a failed write is
/// the failure "Failed sending data to the peer"), then reads the answer.
fn send_everything_then_read(t: &TestServer, head: Vec<u8>) -> crate::client::RawResponse {
    let mut conn = t.connect();
    conn.send(&head).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for i in 0..BIG / chunk.len() {
        conn.stream.write_all(&chunk).unwrap_or_else(|e| panic!("sending MiB {i} of the body failed: {e}"));
    }
    conn.read_response(false).expect("the answer")
}

#[test]
fn a_client_still_sending_reads_the_early_error() {
    let t = TestServer::start();
    for round in 0..3 {
        let response = send_everything_then_read(&t, put_head(&t, "no-such-bucket", "k", BIG, &[]));
        assert_eq!((response.status, response.error_code().as_str()), (404, "NoSuchBucket"), "round {round}");
        assert!(response.complete);
        assert_eq!(response.header("Connection"), Some("close"));
        let bad_md5 = put_head(&t, BUCKET, "k2", BIG, &[("Content-MD5", "not base64!")]);
        let response = send_everything_then_read(&t, bad_md5);
        assert_eq!((response.status, response.error_code().as_str()), (400, "InvalidDigest"), "round {round}");
    }
    assert_eq!(t.get("k2").status, 404, "nothing was written");
}
