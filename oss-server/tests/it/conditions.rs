//! Conditional GETs and HEADs (412 / 304), and `x-oss-traffic-limit`.

use std::time::{Duration, Instant};

use crate::client::Request;
use crate::support::{TestServer, BUCKET};

#[test]
fn each_condition() {
    let t = TestServer::start();
    let meta = t.put_object("k", b"conditional");
    let modified = meta.last_modified_http();
    let before = httpdate::fmt_http_date(meta.last_modified_time() - Duration::from_secs(60));
    let after = httpdate::fmt_http_date(meta.last_modified_time() + Duration::from_secs(60));
    let with = |name: &str, value: &str| t.send(Request::new("GET", BUCKET, "k").header(name, value));

    assert_eq!(with("If-Match", &meta.etag).status, 200);
    let failed = with("If-Match", "\"0000\"");
    assert_eq!((failed.status, failed.error_code().as_str()), (412, "PreconditionFailed"));
    assert_eq!(with("If-Unmodified-Since", &after).status, 200);
    assert_eq!(with("If-Unmodified-Since", &modified).status, 200);
    assert_eq!(with("If-Unmodified-Since", &before).status, 412);

    let not_modified = with("If-None-Match", &meta.etag);
    assert_eq!(not_modified.status, 304);
    assert!(not_modified.body.is_empty());
    assert_eq!(not_modified.header("ETag"), Some(meta.etag.as_str()));
    assert_eq!(with("If-None-Match", "\"0000\"").status, 200);
    assert_eq!(with("If-Modified-Since", &modified).status, 304);
    assert_eq!(with("If-Modified-Since", &before).status, 200);

    let head = t.send(Request::new("HEAD", BUCKET, "k").header("If-Match", "\"0000\""));
    assert_eq!(head.status, 412);
    assert!(head.header("x-oss-err").is_some());
    let head = t.send(Request::new("HEAD", BUCKET, "k").header("If-None-Match", &meta.etag));
    assert_eq!(head.status, 304);

    // The connection stays usable after a 304 (no body was sent).
    let mut conn = t.connect();
    for _ in 0..2 {
        let request =
            crate::sign::sign_v1(Request::new("GET", BUCKET, "k").header("If-None-Match", &meta.etag), &t.keys);
        conn.send(&request.to_bytes(&t.server.endpoint())).unwrap();
        assert_eq!(conn.read_response(false).unwrap().status, 304);
    }
}

#[test]
fn traffic_limit_throttles_one_answer() {
    let t = TestServer::start();
    let data = oss_server::generate_content(5, 20 * 1024);
    t.put_object("k", &data);
    // 245760 bit/s = 30 KiB/s: 20 KiB take about two thirds of a second.
    let started = Instant::now();
    let slow = t.send(Request::new("GET", BUCKET, "k").header("x-oss-traffic-limit", "245760"));
    let elapsed = started.elapsed();
    assert_eq!(slow.body, data);
    assert!(elapsed >= Duration::from_millis(550), "{elapsed:?}");

    let started = Instant::now();
    assert_eq!(t.get("k").body, data);
    assert!(started.elapsed() * 2 < elapsed, "other answers are not throttled");

    for bad in ["100", "838860801", "fast"] {
        let r = t.send(Request::new("GET", BUCKET, "k").header("x-oss-traffic-limit", bad));
        assert_eq!((r.status, r.error_code().as_str()), (400, "InvalidArgument"), "{bad}");
    }
}
