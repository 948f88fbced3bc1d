//! Each fault kind, observed from a real client socket, and the per-object counters.

use std::io::Read;
use std::time::{Duration, Instant};

use oss_server::{FaultKind, FaultRule, Trigger};

use crate::client::{Conn, Request};
use crate::sign::sign_v1;
use crate::support::{md5_hex_upper, TestServer, BUCKET};

const SIZE: usize = 100_000;

fn setup() -> (TestServer, Vec<u8>) {
    let t = TestServer::start();
    let data = oss_server::generate_content(11, SIZE);
    t.put_object("obj", &data);
    (t, data)
}

/// Sends a signed GET on a new connection and reads all it can: (response, closed after it).
fn get_and_observe(t: &TestServer, request: Request) -> (crate::client::RawResponse, bool) {
    let mut conn = t.connect();
    conn.send(&sign_v1(request, &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let response = conn.read_response(false).unwrap();
    // A complete answer leaves the connection open (keep-alive): only a short one is probed.
    let closed = !response.complete && conn.closed_by_server();
    (response, closed)
}

fn get_obj(t: &TestServer) -> (crate::client::RawResponse, bool) {
    get_and_observe(t, Request::new("GET", BUCKET, "obj"))
}

#[test]
fn cut_after_n_bytes_then_eof_and_counters_show_a_resume() {
    let (t, data) = setup();
    t.server
        .faults()
        .add(FaultRule::new(FaultKind::CutAfter { bytes: 12_345, reset: false }).object(BUCKET, "obj").once());
    let (cut, closed) = get_obj(&t);
    assert_eq!(cut.status, 200);
    assert_eq!(cut.header("Content-Length"), Some("100000"), "the full length is promised");
    assert!(!cut.complete);
    assert_eq!(cut.body, &data[..12_345], "exactly N body bytes");
    assert!(closed, "then EOF");

    // A resumed download asks only for the rest.
    let rest = t.send(Request::new("GET", BUCKET, "obj").header("Range", "bytes=12345-"));
    assert_eq!(rest.status, 206);
    assert_eq!(rest.body, &data[12_345..]);
    let counters = t.server.counters(BUCKET, "obj");
    assert_eq!(counters.requests, 2);
    assert_eq!(counters.body_bytes, SIZE as u64, "nothing was fetched twice");
    t.server.reset_counters();
    assert_eq!(t.server.counters(BUCKET, "obj").requests, 0);
    assert_eq!(t.get("obj").body, data);
    assert_eq!(t.server.counters(BUCKET, "obj").body_bytes, SIZE as u64);
}

#[test]
fn cut_with_reset_every_kth_and_seeded_probability() {
    let (t, data) = setup();
    let id = t
        .server
        .faults()
        .add(FaultRule::new(FaultKind::CutAfter { bytes: 1000, reset: false }).trigger(Trigger::EveryKth(2)));
    let lengths: Vec<usize> = (0..4).map(|_| get_obj(&t).0.body.len()).collect();
    assert_eq!(lengths, [SIZE, 1000, SIZE, 1000]);
    assert!(t.server.faults().remove(id));

    t.server.faults().add(FaultRule::new(FaultKind::CutAfter { bytes: 5000, reset: true }).once());
    let mut conn = t.connect();
    conn.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let response = conn.read_response(false);
    // With an RST the client may lose buffered bytes: it sees at most the first 5000, never all.
    if let Ok(response) = response {
        assert!(!response.complete && response.body.len() <= 5000 && response.body[..] == data[..response.body.len()]);
    }
    t.server.faults().clear();

    // Probability draws repeat for the same seed.
    let pattern = |seed: u64| {
        let t = TestServer::start_with(|c| c.seed = seed);
        t.put_object("obj", &data);
        t.server
            .faults()
            .add(FaultRule::new(FaultKind::CutAfter { bytes: 10, reset: false }).trigger(Trigger::Probability(0.5)));
        (0..12).map(|_| get_obj(&t).0.complete).collect::<Vec<bool>>()
    };
    let first = pattern(42);
    assert_eq!(first, pattern(42));
    assert!(first.contains(&true) && first.contains(&false), "{first:?}");
}

#[test]
fn error_status_for_the_next_k_requests() {
    let (t, data) = setup();
    t.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "obj").times(2));
    for _ in 0..2 {
        let r = t.get("obj");
        assert_eq!((r.status, r.error_code().as_str()), (503, "ServiceUnavailable"));
        assert!(r.header("x-oss-request-id").is_some() && r.header("x-oss-ec").is_some());
    }
    assert_eq!(t.get("obj").body, data);

    t.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 500 }).all_methods().once());
    let head = t.send(Request::new("HEAD", BUCKET, "obj"));
    assert_eq!(head.status, 500);
    assert!(head.header("x-oss-err").is_some(), "a HEAD error carries x-oss-err");
    assert_eq!(t.send(Request::new("HEAD", BUCKET, "obj")).status, 200);

    // GET-only rules leave other methods alone; all-method rules do not.
    t.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }));
    assert_eq!(t.send(Request::new("PUT", BUCKET, "new").body(b"x")).status, 200);
    t.server.faults().clear();
    t.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).all_methods());
    assert_eq!(t.send(Request::new("PUT", BUCKET, "new").body(b"x")).status, 503);
}

#[test]
fn delay_first_byte_and_throttle() {
    let (t, data) = setup();
    t.server.faults().add(FaultRule::new(FaultKind::DelayFirstByte { delay: Duration::from_millis(300) }).once());
    let mut conn = t.connect();
    let started = Instant::now();
    conn.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let mut first = [0u8; 1];
    conn.stream.read_exact(&mut first).unwrap();
    assert!(started.elapsed() >= Duration::from_millis(290), "{:?}", started.elapsed());

    t.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 200_000 }).once());
    let started = Instant::now();
    let (throttled, _) = get_obj(&t);
    assert_eq!(throttled.body, data);
    // 100 000 bytes at 200 000 B/s: half a second.
    assert!(started.elapsed() >= Duration::from_millis(450), "{:?}", started.elapsed());
}

#[test]
fn stall_mid_body_for_a_while_or_until_the_client_leaves() {
    let (t, data) = setup();
    t.server
        .faults()
        .add(FaultRule::new(FaultKind::Stall { after: 4096, duration: Some(Duration::from_millis(400)) }).once());
    let mut conn = t.connect();
    conn.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let started = Instant::now();
    let response = conn.read_response(false).unwrap();
    assert_eq!(response.body, data, "the body completes after the stall");
    assert!(started.elapsed() >= Duration::from_millis(380), "{:?}", started.elapsed());
    drop(conn);
    assert!(t.wait_for_no_connections(Duration::from_secs(3)));

    // Without a duration the server waits for the client to go away, then ends the thread.
    t.server.faults().add(FaultRule::new(FaultKind::Stall { after: 4096, duration: None }).once());
    let mut conn = t.connect();
    conn.stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    conn.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
    let mut received = Vec::new();
    let mut chunk = [0u8; 8192];
    // Bounded: stops at the read timeout once the server stalls.
    for _ in 0..100 {
        match conn.stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    }
    let head_end = received.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(&received[head_end..], &data[..4096], "exactly the bytes before the stall");
    assert_eq!(t.server.live_connections(), 1);
    drop(conn);
    assert!(t.wait_for_no_connections(Duration::from_secs(3)), "the stalled thread noticed the client left");
}

#[test]
fn short_body_then_close() {
    let (t, data) = setup();
    t.server.faults().add(FaultRule::new(FaultKind::ShortBody { missing: 10 }).once());
    let (short, closed) = get_and_observe(&t, Request::new("GET", BUCKET, "obj").header("Range", "bytes=100-199"));
    assert_eq!(short.status, 206);
    assert_eq!(short.header("Content-Length"), Some("100"));
    assert_eq!(short.body, &data[100..190]);
    assert!(!short.complete && closed);
}

#[test]
fn flipped_bytes_at_object_offsets() {
    let (t, data) = setup();
    t.server.faults().add(FaultRule::new(FaultKind::FlipByte { offset: 5000, xor: 0x01 }).object(BUCKET, "obj"));
    let whole = t.get("obj");
    assert_eq!(whole.body.len(), SIZE);
    let differing: Vec<usize> = (0..SIZE).filter(|&i| whole.body[i] != data[i]).collect();
    assert_eq!(differing, [5000]);
    assert_eq!(whole.body[5000], data[5000] ^ 0x01);
    assert_eq!(
        whole.header("ETag").unwrap(),
        format!("\"{}\"", md5_hex_upper(&data)),
        "the headers still describe the real object"
    );

    let ranged = t.send(Request::new("GET", BUCKET, "obj").header("Range", "bytes=4990-5009"));
    assert_eq!(ranged.body[10], data[5000] ^ 0x01);
    assert_eq!(ranged.body[..10], data[4990..5000]);
    let elsewhere = t.send(Request::new("GET", BUCKET, "obj").header("Range", "bytes=0-99"));
    assert_eq!(elsewhere.body, &data[..100]);
}

#[test]
fn replace_content_after_n_requests() {
    let (t, data) = setup();
    let old = t.server.object_meta(BUCKET, "obj").unwrap();
    t.server
        .faults()
        .add(FaultRule::new(FaultKind::ReplaceContent { after_requests: 2 }).object(BUCKET, "obj").all_methods());
    for _ in 0..2 {
        let r = t.get("obj");
        assert_eq!(r.header("ETag"), Some(old.etag.as_str()));
        assert_eq!(r.body, data);
    }
    let replaced = t.get("obj");
    assert_ne!(replaced.header("ETag"), Some(old.etag.as_str()));
    assert_eq!(replaced.body.len(), SIZE, "same size, different bytes");
    assert_ne!(replaced.body, data);
    assert_eq!(replaced.header("ETag").unwrap(), format!("\"{}\"", md5_hex_upper(&replaced.body)));
    assert_ne!(replaced.header("x-oss-hash-crc64ecma"), Some(old.crc64.to_string().as_str()));
    // A client pinning the old version now fails clearly.
    let pinned = t.send(Request::new("GET", BUCKET, "obj").header("If-Match", &old.etag));
    assert_eq!(pinned.status, 412);
}

#[test]
fn faults_apply_over_keep_alive_connections_too() {
    let (t, data) = setup();
    t.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).once());
    let mut conn: Conn = t.connect();
    for expected in [503, 200] {
        conn.send(&sign_v1(Request::new("GET", BUCKET, "obj"), &t.keys).to_bytes(&t.server.endpoint())).unwrap();
        let r = conn.read_response(false).unwrap();
        assert_eq!(r.status, expected);
        if expected == 200 {
            assert_eq!(r.body, data);
        }
    }
}
