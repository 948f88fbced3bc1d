//! Bad input never panics or leaves a stuck thread: malformed requests, oversized heads, bad
//! percent-encoding, path traversal, unknown methods, vanishing clients, idle connections,
//! the connection limit, keep-alive and shutdown.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use oss_server::{FaultKind, FaultRule};

use crate::client::Request;
use crate::sign::sign_v1;
use crate::support::{TestServer, BUCKET};

fn raw_exchange(t: &TestServer, bytes: &[u8]) -> (crate::client::RawResponse, bool) {
    let mut conn = t.connect();
    conn.send(bytes).unwrap();
    let response = conn.read_response(false).expect("an answer before closing");
    // These answers all close the connection: EOF comes at once, not after the read timeout.
    let closed = conn.closed_by_server();
    (response, closed)
}

#[test]
fn malformed_and_oversized_requests_get_4xx_and_a_close() {
    let t = TestServer::start();
    let (r, closed) = raw_exchange(&t, b"THIS IS NOT HTTP\r\n\r\n");
    assert_eq!(r.status, 400);
    assert!(closed);

    let mut huge = b"GET /test-bucket/k HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    huge.extend_from_slice(&vec![b'a'; 70 * 1024]);
    huge.extend_from_slice(b"\r\n\r\n");
    let (r, closed) = raw_exchange(&t, &huge);
    assert_eq!(r.status, 431);
    assert!(closed);

    let mut many = b"GET /test-bucket/k HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..300 {
        many.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(raw_exchange(&t, &many).0.status, 431);

    let (r, _) = raw_exchange(&t, b"GET /test-bucket/k HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    assert_eq!(r.status, 400);
    let (r, _) = raw_exchange(&t, b"GET /test-bucket/k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
    assert_eq!(r.status, 400);

    // A malformed Range is simply ignored (legacy behaviour).
    t.put_object("k", b"0123456789");
    let r = t.send(Request::new("GET", BUCKET, "k").header("Range", "bytes=--5,x"));
    assert_eq!((r.status, r.body.as_slice()), (200, &b"0123456789"[..]));

    // The server is still fine.
    assert_eq!(t.get("k").status, 200);
    assert!(t.wait_for_no_connections(Duration::from_secs(3)));
    assert_eq!(t.server.caught_panics(), 0);
}

#[test]
fn unknown_methods_and_bad_percent_encoding() {
    let t = TestServer::start();
    for method in ["PATCH", "BREW", "OPTIONS"] {
        let r = t.send(Request::new(method, BUCKET, "k"));
        assert_eq!((r.status, r.error_code().as_str()), (405, "MethodNotAllowed"), "{method}");
    }
    for path in ["/test-bucket/a%zz", "/test-bucket/a%", "/test-bucket/k?x=%4", "/test-bucket/%ff%fe"] {
        let request = Request { raw_path: Some(path.into()), ..Request::new("GET", BUCKET, "k") };
        let r = t.send_raw(&request);
        assert_eq!(r.status, 400, "{path}");
    }
}

#[test]
fn keys_that_look_like_paths_are_only_keys() {
    let t = TestServer::start();
    let outside = t.root.path().parent().unwrap().join(format!("escaped-{}", std::process::id()));
    let _ = std::fs::remove_file(&outside);
    let escaped_name = outside.file_name().unwrap().to_str().unwrap().to_string();
    let keys = [
        format!("../../{escaped_name}"),
        format!("../{escaped_name}"),
        "a/./b".to_string(),
        "a//b".to_string(),
        "x/../../../y".to_string(),
        "..".to_string(),
        "k".repeat(1023),
    ];
    for key in &keys {
        let put = t.send(Request::new("PUT", BUCKET, key).body(key.as_bytes()));
        assert_eq!(put.status, 200, "{key}: {}", put.text());
    }
    for key in &keys {
        assert_eq!(t.get(key).body, key.as_bytes(), "{key}");
    }
    assert!(!outside.exists(), "nothing was written outside the root");
    // The raw forms of the same keys address the same objects.
    let raw = Request {
        raw_path: Some(format!("/test-bucket%2F..%2F..%2F{escaped_name}")),
        ..Request::new("GET", BUCKET, &keys[0])
    };
    assert_eq!(t.send(raw).body, keys[0].as_bytes());

    // A key starting with '/' (path style `/bucket//key`): reads find nothing, writes are refused.
    let lead =
        Request { raw_path: Some("/test-bucket//etc/passwd".into()), ..Request::new("GET", BUCKET, "/etc/passwd") };
    let get = t.send(lead.clone());
    assert_eq!((get.status, get.error_code().as_str()), (404, "NoSuchKey"));
    let put = t.send(Request { method: "PUT".into(), ..lead }.body(b"evil"));
    assert_eq!((put.status, put.error_code().as_str()), (400, "InvalidObjectName"));
    let long = t.send(Request::new("PUT", BUCKET, &"k".repeat(1024)).body(b"x"));
    assert_eq!((long.status, long.error_code().as_str()), (400, "InvalidObjectName"));
    assert_eq!(t.send(Request::new("GET", BUCKET, "").query("prefix", "kkk")).text().matches("<Key>").count(), 1);
}

#[test]
fn keep_alive_serves_several_requests_on_one_socket() {
    let t = TestServer::start();
    t.put_object("k", b"hello");
    let mut conn = t.connect();
    let endpoint = t.server.endpoint();
    let exchanges = [
        (Request::new("GET", BUCKET, "k"), 200, &b"hello"[..]),
        (Request::new("HEAD", BUCKET, "k"), 200, &b""[..]),
        (Request::new("GET", BUCKET, "missing"), 404, &b""[..]),
        (Request::new("PUT", BUCKET, "k2").body(b"second"), 200, &b""[..]),
        (Request::new("GET", BUCKET, "k2"), 200, &b"second"[..]),
        (Request::new("GET", BUCKET, "k").header("Range", "bytes=1-2"), 206, &b"el"[..]),
    ];
    for (request, status, body) in exchanges {
        let is_head = request.method == "HEAD";
        let expect_body = request.method == "GET" && status != 404;
        conn.send(&sign_v1(request, &t.keys).to_bytes(&endpoint)).unwrap();
        let r = conn.read_response(is_head).unwrap();
        assert_eq!(r.status, status);
        assert_eq!(r.header("Connection"), Some("keep-alive"));
        if expect_body {
            assert_eq!(r.body, body);
        }
    }
    assert_eq!(t.server.live_connections(), 1, "all on one connection");
    // Connection: close is honoured.
    conn.send(&sign_v1(Request::new("GET", BUCKET, "k").header("Connection", "close"), &t.keys).to_bytes(&endpoint))
        .unwrap();
    let r = conn.read_response(false).unwrap();
    assert_eq!(r.header("Connection"), Some("close"));
    assert!(conn.closed_by_server());

    // HTTP/1.0 without keep-alive is closed after one answer.
    let mut conn = t.connect();
    let request = sign_v1(Request::new("GET", BUCKET, "k"), &t.keys).to_bytes(&endpoint);
    let text = String::from_utf8(request).unwrap().replacen("HTTP/1.1", "HTTP/1.0", 1);
    conn.send(text.as_bytes()).unwrap();
    assert_eq!(conn.read_response(false).unwrap().body, b"hello");
    assert!(conn.closed_by_server());
}

#[test]
fn vanishing_clients_end_their_threads() {
    let t = TestServer::start();
    let big = oss_server::generate_content(2, 8 * 1024 * 1024);
    t.put_object("big", &big);
    // Mid-download: read a little, then leave.
    for _ in 0..3 {
        let mut conn = t.connect();
        conn.send(&sign_v1(Request::new("GET", BUCKET, "big"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
        let mut some = [0u8; 1024];
        conn.stream.read_exact(&mut some).unwrap();
    }
    // Mid-upload: promise a megabyte, send a kilobyte, leave.
    let mut upload = sign_v1(Request::new("PUT", BUCKET, "partial").body(&vec![7u8; 1024 * 1024]), &t.keys)
        .to_bytes(&t.server.endpoint());
    upload.truncate(upload.len() - 1023 * 1024);
    let mut conn = t.connect();
    conn.stream.write_all(&upload).unwrap();
    drop(conn);
    // Mid-head.
    let mut conn = t.connect();
    conn.stream.write_all(b"GET /test-bucket/big HTTP/1.1\r\nHost: x\r\nX-Half").unwrap();
    drop(conn);

    assert!(t.wait_for_no_connections(Duration::from_secs(5)), "every connection thread ended");
    assert_eq!(t.get("partial").status, 404, "a torn upload stores nothing");
    assert_eq!(std::fs::read_dir(t.root.path().join(".oss-tmp")).unwrap().count(), 0);
    assert_eq!(t.get("big").body.len(), big.len(), "still serving");
    assert_eq!(t.server.caught_panics(), 0);
}

#[test]
fn idle_connections_time_out_and_the_connection_limit_holds() {
    let t = TestServer::start_with(|c| {
        c.idle_timeout = Duration::from_millis(500);
        c.max_connections = 2;
    });
    let mut first = t.connect();
    let _second = t.connect();
    let deadline = Instant::now() + Duration::from_secs(3);
    while t.server.live_connections() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut third = t.connect();
    assert!(third.closed_by_server(), "beyond the limit a connection is closed at once");
    let started = Instant::now();
    assert!(first.closed_by_server(), "an idle connection is closed");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(t.wait_for_no_connections(Duration::from_secs(3)));
}

#[test]
fn dropping_the_server_ends_stalled_and_idle_connections() {
    let t = TestServer::start();
    t.put_object("obj", &oss_server::generate_content(1, 100_000));
    t.server.faults().add(FaultRule::new(FaultKind::Stall { after: 10, duration: None }));
    let mut stalled = t.connect();
    stalled.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let mut idle = t.connect();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    drop(t);
    assert!(started.elapsed() < Duration::from_secs(3), "drop returned promptly: {:?}", started.elapsed());
    let mut rest = Vec::new();
    let _ = stalled.stream.read_to_end(&mut rest);
    assert!(idle.closed_by_server());
}

#[test]
fn random_garbage_never_panics() {
    let t = TestServer::start();
    t.put_object("k", b"0123456789");
    // A fixed xorshift stream: the same garbage every run.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: &[&[u8]] = &[
        b"GET ",
        b"PUT ",
        b"HEAD ",
        b"DELETE ",
        b"/test-bucket/k",
        b"/-/admin/faults?kind=",
        b"%",
        b"%2F",
        b"?",
        b"&",
        b"=",
        b" HTTP/1.1\r\n",
        b"Host: ",
        b"test-bucket.x",
        b"\r\n",
        b"Range: bytes=",
        b"-",
        b",",
        b"Content-Length: ",
        b"Transfer-Encoding: chunked\r\n",
        b"Authorization: OSS4-HMAC-SHA256 Credential=",
        b"Authorization: OSS a:",
        b"x-oss-range-behavior: standard\r\n",
        b"Expect: 100-continue\r\n",
        b"If-Match: ",
        b"x-oss-traffic-limit: ",
        b"\xff\xfe",
        b"0",
        b"99999999999999999999",
        b"/",
        b"..",
        b"\r\n\r\n",
    ];
    for _ in 0..150 {
        let mut request = Vec::new();
        for _ in 0..(next() % 14 + 1) {
            request.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        request.extend_from_slice(b"\r\n\r\n");
        let mut conn = t.connect();
        conn.stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        let _ = conn.stream.write_all(&request);
        let mut answer = [0u8; 512];
        let _ = conn.stream.read(&mut answer);
    }
    assert_eq!(t.server.caught_panics(), 0);
    assert_eq!(t.get("k").body, b"0123456789", "still serving");
    t.server.faults().clear();
    assert!(t.wait_for_no_connections(Duration::from_secs(5)));
}
