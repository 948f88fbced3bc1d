//! A hostile server and hostile arguments against the resumable engine:
//! garbage instead of HTTP, garbage header lines, a Content-Length of 2^63,
//! a Content-Range that disagrees with the request, an HTML error page, a
//! 10 MB header; header values that try to inject headers. Every case ends
//! in a clear status (or, where the answer is still usable, the correct
//! file), nothing at the target, and nothing else left behind when no
//! checkpoint was asked for. (The C API's own argument checks — NULLs,
//! sizes, strings, endpoints — are in tests/c/test_net_hostile.c.)

mod common;

use common::*;
use oss_c_sdk::client::ObjectRef;
use oss_c_sdk::download::{self, retry::RetryPolicy, Download};
use oss_c_sdk::outcome::Failure;
use oss_server::{FaultKind, FaultRule};
use std::path::Path;
use std::time::{Duration, Instant};

fn quick() -> RetryPolicy {
    RetryPolicy { base: Duration::from_millis(1), cap: Duration::from_millis(10), ..RetryPolicy::default() }
}

fn run(fx: &Fixture, obj: ObjectRef, dest: &Path, checkpoint: bool) -> Result<oss_c_sdk::http::Response, Failure> {
    let d = Download {
        object: obj,
        path: dest.to_path_buf(),
        part_size: 64 * 1024,
        threads: 3,
        checkpoint: checkpoint.then(|| oss_c_sdk::download::checkpoint::default_path(dest)),
        enable_crc: true,
        retry: quick(),
    };
    download::run(&fx.client(), &d, None, None)
}

/// Downloads `key` (300 KB) with `kind` active for every method or GETs only, and returns
/// the failure, checking that nothing at all is left in the work directory.
fn fails_cleanly(kind: FaultKind, all_methods: bool) -> Failure {
    let fx = Fixture::start();
    let data = content(300_000, 5);
    fx.put("k", &data);
    let mut rule = FaultRule::new(kind.clone()).object(BUCKET, "k");
    if all_methods {
        rule = rule.all_methods();
    }
    fx.server.faults().add(rule);
    let started = Instant::now();
    let f = run(&fx, object("k"), &fx.path("out"), false).expect_err(&format!("{kind:?} must fail"));
    assert!(started.elapsed() < Duration::from_secs(30), "{kind:?} took {:?}", started.elapsed());
    assert!(f.error.code() != 0 && !f.error.error_code().is_empty() && !f.error.message().is_empty(), "{:?}", f.error);
    assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "{kind:?}: nothing on disk");
    assert_eq!(fx.server.caught_panics(), 0);
    f
}

#[test]
fn garbage_instead_of_http() {
    for all in [false, true] {
        let f = fails_cleanly(FaultKind::GarbageResponse, all);
        assert_eq!(f.error.error_code(), "HttpIoError", "{}", f.error);
    }
}

#[test]
fn garbage_header_lines_give_the_file_or_a_clear_error() {
    let fx = Fixture::start();
    let data = content(300_000, 6);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::GarbageHeaders).object(BUCKET, "k").all_methods());
    let dest = fx.path("out");
    match run(&fx, object("k"), &dest, false) {
        Ok(_) => assert_eq!(sha256_file(&dest), sha256(&data)),
        Err(f) => {
            assert_eq!(f.error.error_code(), "HttpIoError", "{}", f.error);
            assert_eq!(listing(fx.work.path()), Vec::<String>::new());
        }
    }
}

#[test]
fn a_content_length_of_two_to_the_63() {
    // On the HEAD: an object "larger" than any file can be; on the GETs: a length that
    // disagrees with the range asked for.
    let f = fails_cleanly(FaultKind::LieContentLength { value: 1 << 63 }, true);
    assert_eq!(f.error.error_code(), "WriteFileFail", "{}", f.error);
    let f = fails_cleanly(FaultKind::LieContentLength { value: 1 << 63 }, false);
    assert!(f.error.message().contains("Content-Length"), "{}", f.error);
    let f = fails_cleanly(FaultKind::LieContentLength { value: u64::MAX }, true);
    assert_eq!(f.error.error_code(), "WriteFileFail", "{}", f.error);
}

#[test]
fn a_content_range_that_disagrees_with_the_request() {
    for shift in [1, -1, 1 << 40] {
        let f = fails_cleanly(FaultKind::LieContentRange { shift }, false);
        assert!(f.error.message().contains("Content-Range"), "{}", f.error);
    }
}

#[test]
fn an_html_error_page_instead_of_the_xml() {
    let f = fails_cleanly(FaultKind::HtmlError { status: 404 }, false);
    assert_eq!((f.error.code(), f.error.error_code()), (404, "ClientError"));
    assert!(f.error.message().contains("404 Bad Gateway"), "{}", f.error.message());
    let f = fails_cleanly(FaultKind::HtmlError { status: 403 }, true);
    assert_eq!((f.error.code(), f.error.error_code()), (403, "ClientError"));
    // 5xx are retried, then reported as the server's status.
    let f = fails_cleanly(FaultKind::HtmlError { status: 502 }, false);
    assert_eq!((f.error.code(), f.error.error_code()), (502, "ServerError"));
}

#[test]
fn a_ten_megabyte_header() {
    for all in [false, true] {
        let f = fails_cleanly(FaultKind::HugeHeader { bytes: 10 << 20 }, all);
        assert_eq!(f.error.error_code(), "HttpIoError", "{}", f.error);
    }
}

#[test]
fn header_values_cannot_inject_headers() {
    let fx = Fixture::start();
    fx.put("k", &content(1000, 7));
    for (name, value) in [
        ("x-oss-meta-a", "v\r\nX-Injected: 1"),
        ("x-oss-meta-a", "v\nX-Injected: 1"),
        ("X-Bad\r\nX-Injected", "1"),
        ("Bad Name", "1"),
        ("Bad:Name", "1"),
    ] {
        let obj = ObjectRef { headers: vec![(name.into(), value.into())], ..object("k") };
        let f = run(&fx, obj, &fx.path("out"), true).expect_err(&format!("{name:?}: {value:?} must be refused"));
        assert_eq!(f.error.code(), -994, "{}", f.error);
        assert_eq!(listing(fx.work.path()), Vec::<String>::new());
    }
    assert!(fx.server.requests(BUCKET, "k").iter().all(|r| r.header("X-Injected").is_none()), "nothing was sent");
}
