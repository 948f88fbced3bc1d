//! Every range form in the legacy behaviour and with `x-oss-range-behavior: standard`.

use crate::client::Request;
use crate::support::{crc64, TestServer, BUCKET};

const SIZE: usize = 1000;

fn get_range(t: &TestServer, range: &str, standard: bool) -> crate::client::RawResponse {
    let mut request = Request::new("GET", BUCKET, "obj").header("Range", range);
    if standard {
        request = request.header("x-oss-range-behavior", "standard");
    }
    t.send(request)
}

fn setup() -> (TestServer, Vec<u8>) {
    let t = TestServer::start();
    let data = oss_server::generate_content(1, SIZE);
    t.put_object("obj", &data);
    (t, data)
}

#[test]
fn legacy_behaviour() {
    let (t, data) = setup();
    let whole_crc = crc64(&data).to_string();
    for (range, start, end) in
        [("bytes=0-499", 0, 499), ("bytes=500-", 500, 999), ("bytes=-100", 900, 999), ("bytes=999-999", 999, 999)]
    {
        let r = get_range(&t, range, false);
        assert_eq!(r.status, 206, "{range}");
        assert_eq!(r.header("Content-Range"), Some(format!("bytes {start}-{end}/{SIZE}").as_str()), "{range}");
        assert_eq!(r.body, &data[start..=end], "{range}");
        assert_eq!(r.header("x-oss-hash-crc64ecma"), Some(whole_crc.as_str()), "whole-object CRC on a ranged answer");
    }
    // Invalid or unsatisfiable: the whole object with 200.
    for range in [
        "bytes=500-2000",
        "bytes=1000-",
        "bytes=1000-2000",
        "bytes=-2000",
        "bytes=-0",
        "bytes=5-2",
        "bytes=abc",
        "items=0-1",
        "bytes=0-1,3-4",
    ] {
        let r = get_range(&t, range, false);
        assert_eq!(r.status, 200, "{range}");
        assert_eq!(r.body, data, "{range}");
        assert!(r.header("Content-Range").is_none(), "{range}");
    }
}

#[test]
fn standard_behaviour() {
    let (t, data) = setup();
    for (range, start, end) in [
        ("bytes=0-499", 0, 499),
        ("bytes=500-", 500, 999),
        ("bytes=-100", 900, 999),
        ("bytes=500-2000", 500, 999),
        ("bytes=-2000", 0, 999),
    ] {
        let r = get_range(&t, range, true);
        assert_eq!(r.status, 206, "{range}");
        assert_eq!(r.header("Content-Range"), Some(format!("bytes {start}-{end}/{SIZE}").as_str()), "{range}");
        assert_eq!(r.header("Content-Length"), Some((end - start + 1).to_string().as_str()));
        assert_eq!(r.body, &data[start..=end], "{range}");
    }
    for range in ["bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=5-2", "bytes=abc"] {
        let r = get_range(&t, range, true);
        assert_eq!((r.status, r.error_code().as_str()), (416, "InvalidRange"), "{range}");
        assert_eq!(r.header("Content-Range"), Some("bytes */1000"), "{range}");
    }
    let multi = get_range(&t, "bytes=0-1,3-4", true);
    assert_eq!((multi.status, multi.body.len()), (200, SIZE), "multi-range is not supported by OSS: ignored");
}

#[test]
fn ranges_of_an_empty_object() {
    let t = TestServer::start();
    t.put_object("empty", b"");
    let legacy = t.send(Request::new("GET", BUCKET, "empty").header("Range", "bytes=0-"));
    assert_eq!((legacy.status, legacy.body.len()), (200, 0));
    let standard = t.send(
        Request::new("GET", BUCKET, "empty").header("Range", "bytes=0-").header("x-oss-range-behavior", "standard"),
    );
    assert_eq!(standard.status, 416);
}
