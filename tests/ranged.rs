//! Byte ranges and checkpoint directories in the resumable engine, against
//! the local OSS server: a caller's `Range` downloads exactly those bytes
//! (parts planned inside it, every part request inside it, the answer
//! described as the ranged GET would be), an unsatisfiable range gets the
//! server's 416, a malformed one fails before any request, a ranged download
//! resumes only into the same range, and a checkpoint directory holds one
//! journal per download.

mod common;

use common::*;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::download::{self, Download};
use oss_server::{FaultKind, FaultRule};
use std::path::PathBuf;

fn ranged(key: &str, range: &str) -> ObjectRef {
    ObjectRef { headers: vec![("Range".into(), range.into())], ..object(key) }
}

/// Cancels `d` once `stop_at` bytes are reported; the checkpoint stays.
fn interrupted(client: &Client, d: &Download, stop_at: u64) {
    let f = run_cancelled_at(client, d, stop_at).unwrap_err();
    assert_eq!(f.error.code(), -997, "{}", f.error);
}

#[test]
fn a_range_downloads_exactly_those_bytes() {
    let fx = Fixture::start();
    let size = (1 << 20) + 17;
    let data = content(size, 30);
    fx.put("k", &data);
    let client = fx.client();
    let ps = 64 * 1024u64;
    // (header, first byte, last byte) — inside one part, across parts, one
    // byte, the last byte, an end past the object (clamped), open-ended,
    // suffixes (one longer than the object).
    let cases: Vec<(String, usize, usize)> = vec![
        ("bytes=10-99".into(), 10, 99),
        ("bytes=65000-300000".into(), 65_000, 300_000),
        ("bytes=0-0".into(), 0, 0),
        (format!("bytes={}-{}", size - 1, size - 1), size - 1, size - 1),
        ("bytes=1000000-99999999".into(), 1_000_000, size - 1),
        ("bytes=123457-".into(), 123_457, size - 1),
        ("bytes=-70000".into(), size - 70_000, size - 1),
        ("bytes=-99999999".into(), 0, size - 1),
        (" Bytes=5 - 200000 ".into(), 5, 200_000),
    ];
    for (i, (header, first, last)) in cases.iter().enumerate() {
        let (header, first, last) = (header.as_str(), *first, *last);
        let dest = fx.path(&format!("r{i}"));
        fx.server.reset_counters();
        let before = fx.server.requests(BUCKET, "k").len();
        let resp =
            run(&client, &download(ranged("k", header), &dest, ps as i64, 3, Some(fx.path(&format!("r{i}.cp")))))
                .unwrap_or_else(|f| panic!("{header}: {}", f.error));
        assert_eq!(std::fs::read(&dest).unwrap(), &data[first..=last], "{header}");
        let len = (last - first + 1) as u64;
        assert_eq!(resp.status, 206, "{header}");
        assert_eq!(resp.content_length(), Some(len), "{header}");
        assert_eq!(resp.header("Content-Range"), Some(format!("bytes {first}-{last}/{size}").as_str()), "{header}");
        assert!(resp.header("x-oss-hash-crc64ecma").is_some(), "the whole object's CRC is still reported");
        assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, len, "{header}: only the range was fetched");
        // Every request lies inside the range; consecutive small parts share
        // requests (runs), so there are at most as many as planned parts.
        let gets: Vec<_> =
            fx.server.requests(BUCKET, "k")[before..].iter().filter(|r| r.method == "GET").cloned().collect();
        assert!(!gets.is_empty() && gets.len() as u64 <= len.div_ceil(ps), "{header}: {} requests", gets.len());
        for r in &gets {
            let (a, b) = r.header("Range").unwrap().trim_start_matches("bytes=").split_once('-').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            assert!(first <= a && a <= b && b <= last, "{header}: part {a}-{b}");
        }
        assert!(!fx.path(&format!("r{i}.cp")).exists() && !fx.path(&format!("r{i}.tmp")).exists());
    }
}

#[test]
fn progress_counts_the_range() {
    let fx = Fixture::start();
    let data = content(2 << 20, 31);
    fx.put("k", &data);
    let mut calls = Vec::new();
    let mut cb = |done: u64, total: u64| calls.push((done, total));
    let d = download(ranged("k", "bytes=100000-1099999"), &fx.path("k"), 128 * 1024, 2, None);
    download::run(&fx.client(), &d, None, Some(&mut cb)).unwrap();
    assert_eq!(calls.first(), Some(&(0, 1_000_000)));
    assert_eq!(calls.last(), Some(&(1_000_000, 1_000_000)));
    assert!(calls.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 == 1_000_000));
}

#[test]
fn an_unsatisfiable_range_gets_the_servers_416() {
    let fx = Fixture::start();
    fx.put("k", &content(1000, 32));
    fx.put("empty", b"");
    let client = fx.client();
    for (key, header) in [
        ("k", "bytes=1000-2000"),
        ("k", "bytes=5000-"),
        ("k", "bytes=-0"),
        ("empty", "bytes=0-"),
        ("empty", "bytes=-5"),
    ] {
        let dest = fx.path("out");
        let f = run(&client, &download(ranged(key, header), &dest, 0, 2, Some(fx.path("out.cp")))).unwrap_err();
        assert_eq!((f.error.code(), f.error.error_code()), (416, "InvalidRange"), "{key} {header}: {}", f.error);
        let id = f.error.request_id().unwrap_or_default();
        assert_eq!(id.len(), 24, "the server's request id: {id:?}");
        assert_eq!(f.response.as_ref().map(|r| r.status), Some(416));
        assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "{header}: nothing created");
    }
}

#[test]
fn a_malformed_range_fails_before_any_request() {
    let fx = Fixture::start();
    fx.put("k", &content(1000, 33));
    for header in ["bytes=9-3", "bytes=0-1,5-6", "items=0-1", "bytes=", "bytes=x-"] {
        let f = run(&fx.client(), &download(ranged("k", header), &fx.path("out"), 0, 2, None)).unwrap_err();
        assert_eq!((f.error.code(), f.error.error_code()), (-994, "RangeInvalidError"), "{header}");
        assert!(f.error.message().contains(header), "{}", f.error.message());
    }
    assert_eq!(fx.server.counters(BUCKET, "k").requests, 0);
    assert_eq!(listing(fx.work.path()), Vec::<String>::new());
}

#[test]
fn the_whole_object_crc_checks_whole_object_ranges_only() {
    let fx = Fixture::start();
    fx.put("k", &content(1 << 20, 34));
    fx.server.faults().add(FaultRule::new(FaultKind::FlipByte { offset: 700_000, xor: 1 }).object(BUCKET, "k"));
    let client = fx.client();
    // A range that is the whole object is checked like a whole-object download.
    let f = run(&client, &download(ranged("k", "bytes=0-"), &fx.path("a"), 128 * 1024, 3, None)).unwrap_err();
    assert_eq!(f.error.error_code(), "InconsistentError");
    // A range that avoids the damaged byte is right, and is not compared with
    // a CRC that describes other bytes too.
    let data = content(1 << 20, 34);
    run(&client, &download(ranged("k", "bytes=0-699999"), &fx.path("b"), 128 * 1024, 3, None)).unwrap();
    assert_eq!(std::fs::read(fx.path("b")).unwrap(), &data[..700_000]);
}

#[test]
fn a_ranged_download_resumes_only_into_the_same_range() {
    let fx = Fixture::start();
    let ps = 128 * 1024u64;
    let data = content(40 * ps as usize, 35);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 8 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dest = fx.path("k");
    let cp = fx.path("k.cp");
    let (first, last) = (5 * ps + 7, 35 * ps - 1);
    let header = format!("bytes={first}-{last}");
    let d = download(ranged("k", &header), &dest, ps as i64, 2, Some(cp.clone()));
    interrupted(&client, &d, 10 * ps);
    assert!(cp.exists() && !dest.exists());
    assert!(std::fs::read_to_string(&cp).unwrap().contains(&format!("\"range\":[{first},{last}]")));

    // The same range resumes: only what is missing is fetched.
    reset_counters_when_idle(&fx);
    let mut first_report = None;
    let mut progress = |done: u64, _: u64| {
        first_report.get_or_insert(done);
    };
    download::run(&client, &d, None, Some(&mut progress)).unwrap();
    let len = last - first + 1;
    assert_eq!(std::fs::read(&dest).unwrap(), &data[first as usize..=last as usize]);
    let resumed_from = first_report.unwrap();
    assert!(resumed_from >= 8 * ps, "resumed from {resumed_from}");
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, len - resumed_from, "exactly the missing bytes");

    // Another range does not use a journal written for this one.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&client, &d, 10 * ps);
    reset_counters_when_idle(&fx);
    let other = download(ranged("k", &format!("bytes={first}-{}", last - 1)), &dest, ps as i64, 2, Some(cp.clone()));
    run(&client, &other).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), &data[first as usize..last as usize]);
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, len - 1, "another range starts over");

    // Nor does a whole-object download.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&client, &d, 10 * ps);
    reset_counters_when_idle(&fx);
    run(&client, &download(object("k"), &dest, ps as i64, 2, Some(cp.clone()))).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, data.len() as u64);
}

#[test]
fn a_checkpoint_directory_holds_one_journal_per_download() {
    let fx = Fixture::start();
    let ps = 128 * 1024u64;
    let data = content(24 * ps as usize, 36);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 8 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dir = fx.path("checkpoints");
    std::fs::create_dir(&dir).unwrap();
    let (a, b) = (fx.path("a.bin"), fx.path("b.bin"));
    let da = download(object("k"), &a, ps as i64, 2, Some(dir.clone()));
    let db = download(object("k"), &b, ps as i64, 2, Some(dir.clone()));
    interrupted(&client, &da, 6 * ps);
    assert_eq!(listing(&dir).len(), 1, "{:?}", listing(&dir));
    interrupted(&client, &db, 6 * ps);
    let journals = listing(&dir);
    assert_eq!(journals.len(), 2, "two targets, two journals: {journals:?}");
    assert!(journals.iter().all(|n| n.starts_with("oss-download-") && n.ends_with(".cp")), "{journals:?}");

    // Each resumes from its own journal, which is then removed.
    reset_counters_when_idle(&fx);
    run(&client, &da).unwrap();
    assert_eq!(sha256_file(&a), sha256(&data));
    assert!(fx.server.counters(BUCKET, "k").body_bytes < data.len() as u64, "resumed, not restarted");
    assert_eq!(listing(&dir).len(), 1);
    run(&client, &db).unwrap();
    assert_eq!(sha256_file(&b), sha256(&data));
    assert_eq!(listing(&dir), Vec::<String>::new());
}

#[test]
fn a_missing_checkpoint_directory_fails_before_any_request() {
    let fx = Fixture::start();
    fx.put("k", &content(1000, 37));
    let missing = PathBuf::from(format!("{}/no-such-dir/", fx.work.path().display()));
    let f = run(&fx.client(), &download(object("k"), &fx.path("out"), 0, 2, Some(missing))).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (-985, "OpenFileFail"));
    assert!(f.error.message().contains("no such directory"), "{}", f.error.message());
    assert_eq!(fx.server.counters(BUCKET, "k").requests, 0);
    assert_eq!(listing(fx.work.path()), Vec::<String>::new());
}

#[test]
fn the_server_is_asked_before_the_target_directory_and_a_single_get_into_a_directory_is_refused() {
    let fx = Fixture::start();
    fx.put("k", &content(300_000, 41));
    let client = fx.client();
    // A missing object in a missing directory: the server's 404, as the official SDK answers.
    let nowhere = fx.work.path().join("no-such-dir/out");
    let f = run(&client, &download(object("absent"), &nowhere, 0, 2, None)).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (404, "NoSuchKey"));
    // A single GET into a directory is refused before the request.
    let dir = fx.path("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let single =
        oss_c_sdk::object::get_object_to_file(&client, &mut client.session().unwrap(), &object("k"), &dir, true, None)
            .unwrap_err();
    assert_eq!(single.error.code(), -985);
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, 0);
    assert_eq!(listing(fx.work.path()), ["a-directory"]);
}
