//! The resumable engine against the local OSS server: sizes around part
//! boundaries, thread counts, resume fetching only what is missing, retries
//! through cuts and 503 storms, stalls, corruption, objects replaced
//! mid-download, untrustworthy checkpoints, the lock, cancellation, user
//! headers on every part, and progress.

mod common;

use common::*;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::download;
use oss_server::{FaultKind, FaultRule, Trigger};
use std::path::Path;
use std::time::Duration;

#[test]
fn sizes_around_part_boundaries() {
    let fx = Fixture::start();
    let client = fx.client();
    let ps = 64 * 1024;
    for (i, size) in [0usize, 1, ps - 1, ps, ps + 1, 3 * ps + 17].into_iter().enumerate() {
        let data = content(size, i as u64);
        let key = format!("size-{size}");
        fx.put(&key, &data);
        let dest = fx.path(&key);
        let d = download(object(&key), &dest, ps as i64, 3, Some(cp(&dest)));
        let resp = run(&client, &d).unwrap_or_else(|f| panic!("size {size}: {}", f.error));
        assert_eq!(resp.status, 200);
        assert_eq!(sha256_file(&dest), sha256(&data), "size {size}");
        assert!(!cp(&dest).exists() && !fx.path(&format!("{key}.tmp")).exists());
    }
}

#[test]
fn thread_counts_including_out_of_range() {
    let fx = Fixture::start();
    let data = content(2 << 20, 9);
    fx.put("k", &data);
    let client = fx.client();
    for threads in [1, 3, 16, 1024, 0, -5, 1025] {
        let dest = fx.path(&format!("t{threads}"));
        run(&client, &download(object("k"), &dest, 100 * 1024, threads, None))
            .unwrap_or_else(|f| panic!("{threads}: {}", f.error));
        assert_eq!(sha256_file(&dest), sha256(&data), "threads {threads}");
    }
}

#[test]
fn part_size_zero_negative_and_too_small_are_normalised() {
    let fx = Fixture::start();
    let data = content(300_000, 10);
    fx.put("k", &data);
    let client = fx.client();
    for ps in [0, -1, 1] {
        let dest = fx.path(&format!("ps{ps}"));
        run(&client, &download(object("k"), &dest, ps, 4, None)).unwrap();
        assert_eq!(sha256_file(&dest), sha256(&data));
    }
    // Part size 1 over 300,000 bytes would be 300,000 parts: raised to 30.
    let before = fx.server.counters(BUCKET, "k").requests;
    run(&client, &download(object("k"), &fx.path("x"), 1, 4, None)).unwrap();
    let requests = fx.server.counters(BUCKET, "k").requests - before;
    assert!(requests <= 10_001 + 1, "{requests}");
}

#[test]
fn ten_thousand_parts() {
    // Part size 1 over 64 MiB: raised to ceil(size / 10000), so 10,000 parts
    // go through the plan, the workers and the journal — fetched in ranged
    // requests of many consecutive parts each, but recorded one by one.
    let fx = Fixture::start();
    let data = content(64 << 20, 11);
    fx.put("big", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 16 << 20 }).object(BUCKET, "big"));
    let client = fx.client();
    let dest = fx.path("big");
    let d = download(object("big"), &dest, 1, 8, Some(cp(&dest)));
    assert_eq!(run_cancelled_at(&client, &d, 24 << 20).unwrap_err().error.code(), -997);
    let journal = std::fs::read_to_string(cp(&dest)).unwrap();
    let recorded = journal.lines().count() - 1;
    assert!((3000..10_000).contains(&recorded), "{recorded} part records");
    fx.server.faults().clear();
    run(&client, &d).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    let gets = fx.server.requests(BUCKET, "big").iter().filter(|r| r.method == "GET").count();
    assert!(gets <= 100, "{gets} GETs for 10,000 parts");
}

#[test]
fn a_multi_gib_sparse_object() {
    // 2 GiB + 3 bytes of zeros: offsets past 2^31 and a short last part.
    let fx = Fixture::start();
    let size = (2u64 << 30) + 3;
    let meta =
        oss_server::store_object(fx.storage.path(), BUCKET, "huge", &mut std::io::Read::take(std::io::repeat(0), size))
            .unwrap();
    let dest = fx.path("huge");
    let resp = run(&fx.client(), &download(object("huge"), &dest, 64 << 20, 4, Some(cp(&dest)))).unwrap();
    assert_eq!(resp.content_length(), Some(size));
    assert_eq!(std::fs::metadata(&dest).unwrap().len(), size);
    // The engine compared the combined part CRCs with the server's; check the file independently.
    let mut crc = oss_c_sdk::crc64::Crc64::new();
    let mut file = std::fs::File::open(&dest).unwrap();
    let mut buf = vec![0u8; 8 << 20];
    loop {
        let n = std::io::Read::read(&mut file, &mut buf).unwrap();
        if n == 0 {
            break;
        }
        crc.update(&buf[..n]);
    }
    assert_eq!(crc.value(), meta.crc64);
}

#[test]
fn resume_fetches_only_the_missing_parts() {
    let fx = Fixture::start();
    let ps = 256 * 1024u64;
    let data = content(40 * ps as usize, 12);
    fx.put("k", &data);
    // Throttled, so that the server has not already pushed the whole object
    // into socket buffers when the cancel lands (it did on a loaded machine).
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 8 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dest = fx.path("k");
    // First run: throttled, cancelled half-way, which keeps the checkpoint.
    let throttle =
        fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 4 << 20 }).object(BUCKET, "k"));
    let d = download(object("k"), &dest, ps as i64, 4, Some(cp(&dest)));
    let mut seen = 0u64;
    let f = run_cancelling(&client, &d, &mut |done, _| {
        seen = done;
        done >= 20 * ps
    })
    .unwrap_err();
    assert_eq!(f.error.code(), -997, "{}", f.error);
    assert!(cp(&dest).exists() && fx.path("k.tmp").exists() && !dest.exists());
    let fetched_first = fx.server.counters(BUCKET, "k").body_bytes;
    assert!(fetched_first < data.len() as u64);
    fx.server.faults().remove(throttle);

    reset_counters_when_idle(&fx);
    let mut first_report = None;
    let mut progress = |done: u64, _total: u64| {
        first_report.get_or_insert(done);
    };
    download::run(&client, &d, None, Some(&mut progress)).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    let fetched_second = fx.server.counters(BUCKET, "k").body_bytes;
    let missing = data.len() as u64 - first_report.unwrap();
    assert!(first_report.unwrap() >= 15 * ps, "first report {first_report:?} after {seen}");
    // What was in flight at the cancel, at most one run per thread, is fetched again.
    let in_flight = 4 * ps.max(oss_c_sdk::download::plan::RUN_BYTES);
    assert!(fetched_second <= missing + in_flight, "fetched {fetched_second}, missing {missing}");
    assert!(fetched_second + fetched_first <= data.len() as u64 + in_flight);
    assert!(!cp(&dest).exists() && !fx.path("k.tmp").exists());
}

#[test]
fn connection_cuts_and_503_storms_are_survived() {
    let fx = Fixture::start_with(|c| c.seed = 42);
    let data = content(4 << 20, 13);
    fx.put("k", &data);
    let client = fx.client();
    let faults = [
        FaultRule::new(FaultKind::CutAfter { bytes: 30_000, reset: false })
            .object(BUCKET, "k")
            .trigger(Trigger::Probability(0.5)),
        FaultRule::new(FaultKind::CutAfter { bytes: 1, reset: true }).object(BUCKET, "k").trigger(Trigger::EveryKth(2)),
        FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "k").times(12),
        FaultRule::new(FaultKind::ShortBody { missing: 100 }).object(BUCKET, "k").trigger(Trigger::EveryKth(3)),
    ];
    for (i, rule) in faults.into_iter().enumerate() {
        let id = fx.server.faults().add(rule.clone());
        let dest = fx.path(&format!("f{i}"));
        run(&client, &download(object("k"), &dest, 256 * 1024, 4, Some(cp(&dest))))
            .unwrap_or_else(|f| panic!("{rule:?}: {}", f.error));
        assert_eq!(sha256_file(&dest), sha256(&data), "{rule:?}");
        fx.server.faults().remove(id);
    }
}

#[test]
fn retries_are_bounded_and_end_in_a_clear_status() {
    let fx = Fixture::start();
    fx.put("k", &content(1 << 20, 14));
    fx.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "k"));
    let dest = fx.path("k");
    let f = run(&fx.client(), &download(object("k"), &dest, 256 * 1024, 2, None)).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (503, "ServiceUnavailable"));
    assert!(!dest.exists() && !fx.path("k.tmp").exists(), "no checkpoint: temp removed");
}

#[test]
fn a_stall_is_detected_and_retried() {
    let fx = Fixture::start();
    let data = content(1 << 20, 15);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Stall { after: 1000, duration: None }).object(BUCKET, "k").once());
    let mut config = fx.config();
    config.transfer.speed_time = Duration::from_secs(1);
    let client = Client::new(config).unwrap();
    let dest = fx.path("k");
    run(&client, &download(object("k"), &dest, 256 * 1024, 2, None)).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
}

#[test]
fn a_flipped_byte_is_caught_by_the_crc() {
    let fx = Fixture::start();
    fx.put("k", &content(1 << 20, 16));
    fx.server.faults().add(FaultRule::new(FaultKind::FlipByte { offset: 500_000, xor: 1 }).object(BUCKET, "k"));
    let dest = fx.path("k");
    let f = run(&fx.client(), &download(object("k"), &dest, 128 * 1024, 3, Some(cp(&dest)))).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (-978, "InconsistentError"));
    assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "target, temp and checkpoint all gone");
}

#[test]
fn an_object_replaced_mid_download_stops_cleanly() {
    let fx = Fixture::start();
    fx.put("k", &content(2 << 20, 17));
    fx.server
        .faults()
        .add(FaultRule::new(FaultKind::ReplaceContent { after_requests: 4 }).object(BUCKET, "k").all_methods());
    let dest = fx.path("k");
    let f = run(&fx.client(), &download(object("k"), &dest, 128 * 1024, 2, Some(cp(&dest)))).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (412, "PreconditionFailed"), "{}", f.error);
    assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "nothing at the target, no temp, no checkpoint");
    // The next call starts clean and gets the new content.
    run(&fx.client(), &download(object("k"), &dest, 128 * 1024, 2, Some(cp(&dest)))).unwrap();
    let now = fx.server.object_meta(BUCKET, "k").unwrap();
    assert_eq!(std::fs::metadata(&dest).unwrap().len(), now.size);
}

/// Starts a download, cancels it once `stop_at` bytes are done, and returns
/// what it left behind.
fn interrupted(fx: &Fixture, client: &Client, key: &str, dest: &Path, ps: u64, stop_at: u64) {
    let d = download(object(key), dest, ps as i64, 2, Some(cp(dest)));
    let f = run_cancelled_at(client, &d, stop_at).unwrap_err();
    assert_eq!(f.error.code(), -997);
    let _ = fx;
}

#[test]
fn torn_foreign_and_stale_checkpoints_are_discarded() {
    let fx = Fixture::start();
    let ps = 128 * 1024u64;
    let data = content(32 * ps as usize, 18);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 8 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dest = fx.path("k");
    let d = download(object("k"), &dest, ps as i64, 2, Some(cp(&dest)));

    // Torn: garbage in the middle of the journal -> discarded, full refetch, correct file.
    interrupted(&fx, &client, "k", &dest, ps, 8 * ps);
    let mut journal = std::fs::read(cp(&dest)).unwrap();
    let mid = journal.len() / 2;
    journal[mid] ^= 0x55;
    std::fs::write(cp(&dest), &journal).unwrap();
    reset_counters_when_idle(&fx);
    run(&client, &d).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, data.len() as u64, "torn journal: everything refetched");

    // Stale: the temp file was damaged behind the journal's back -> the bad part is refetched.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&fx, &client, "k", &dest, ps, 8 * ps);
    let tmp = fx.path("k.tmp");
    let mut bytes = std::fs::read(&tmp).unwrap();
    bytes[10] ^= 0xFF; // inside part 0, which is recorded
    std::fs::write(&tmp, &bytes).unwrap();
    run(&client, &d).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));

    // Foreign: a journal for another part size is not used.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&fx, &client, "k", &dest, ps, 8 * ps);
    reset_counters_when_idle(&fx);
    let other = download(object("k"), &dest, 2 * ps as i64, 2, Some(cp(&dest)));
    run(&client, &other).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, data.len() as u64, "foreign journal ignored");

    // Stale object: the object changed between runs -> start clean, new content.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&fx, &client, "k", &dest, ps, 8 * ps);
    let new_data = content(32 * ps as usize, 99);
    fx.put("k", &new_data);
    run(&client, &d).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&new_data));

    // Temp file grown between runs -> discarded.
    std::fs::remove_file(&dest).unwrap();
    interrupted(&fx, &client, "k", &dest, ps, 8 * ps);
    let f = std::fs::OpenOptions::new().append(true).open(&tmp).unwrap();
    f.set_len(f.metadata().unwrap().len() + 1).unwrap();
    run(&client, &d).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&new_data));
}

#[test]
fn the_lock_refuses_a_second_concurrent_download_of_one_target() {
    let fx = Fixture::start();
    let data = content(2 << 20, 19);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 2 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dest = fx.path("k");
    let d = download(object("k"), &dest, 256 * 1024, 2, Some(cp(&dest)));
    std::thread::scope(|s| {
        let first = s.spawn(|| run(&client, &d));
        // Wait until the first holds the lock (its temp file exists).
        for _ in 0..200 {
            if fx.path("k.tmp").exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let second = run(&client, &d).unwrap_err();
        assert_eq!((second.error.code(), second.error.error_code()), (-985, "OpenFileFail"));
        assert!(second.error.message().contains("in progress"), "{}", second.error.message());
        first.join().unwrap().expect("the first download finishes");
    });
    assert_eq!(sha256_file(&dest), sha256(&data));
}

#[test]
fn cancellation_keeps_the_checkpoint_and_a_later_call_resumes() {
    let fx = Fixture::start();
    let ps = 128 * 1024u64;
    let data = content(24 * ps as usize, 20);
    fx.put("k", &data);
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 8 << 20 }).object(BUCKET, "k"));
    let client = fx.client();
    let dest = fx.path("k");
    interrupted(&fx, &client, "k", &dest, ps, 6 * ps);
    assert!(cp(&dest).exists() && !dest.exists());
    reset_counters_when_idle(&fx);
    run(&client, &download(object("k"), &dest, ps as i64, 2, Some(cp(&dest)))).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert!(fx.server.counters(BUCKET, "k").body_bytes < data.len() as u64, "resumed, not restarted");
}

#[test]
fn user_headers_and_version_reach_the_server_on_every_part() {
    let fx = Fixture::start();
    let data = content(1 << 20, 21);
    fx.put("k", &data);
    let client = Client::new(fx.config_v4()).unwrap();
    let obj = ObjectRef {
        headers: vec![
            ("x-oss-request-payer".into(), "requester".into()),
            ("x-oss-traffic-limit".into(), "838860800".into()),
        ],
        query: vec![("versionId".into(), "null".into()), ("response-content-type".into(), "application/x-test".into())],
        ..object("k")
    };
    let dest = fx.path("k");
    let resp = run(&client, &download(obj, &dest, 128 * 1024, 3, None)).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert_eq!(resp.header("Content-Type"), Some("application/x-test"), "the HEAD carried the parameters");
    let requests = fx.server.requests(BUCKET, "k");
    let gets: Vec<_> = requests.iter().filter(|r| r.method == "GET").collect();
    assert_eq!(gets.len(), 8, "one GET per part");
    let etag = fx.server.object_meta(BUCKET, "k").unwrap().etag;
    for r in requests.iter() {
        assert_eq!(r.header("x-oss-request-payer"), Some("requester"), "{r:?}");
        assert_eq!(r.header("x-oss-traffic-limit"), Some("838860800"), "{r:?}");
        assert_eq!(r.query_param("versionId"), Some("null"), "{r:?}");
        assert_eq!(r.query_param("response-content-type"), Some("application/x-test"), "{r:?}");
    }
    for r in gets {
        assert_eq!(r.header("If-Match"), Some(etag.as_str()), "parts are pinned to the HEAD's ETag");
        assert_eq!(r.header("x-oss-range-behavior"), Some("standard"));
        assert!(r.header("Range").is_some_and(|v| v.starts_with("bytes=")));
    }
    // A condition the caller sets is honoured too: an If-Unmodified-Since in
    // the past stops the download at the HEAD with the server's 412.
    let obj = ObjectRef {
        headers: vec![("If-Unmodified-Since".into(), "Mon, 01 Jan 2001 00:00:00 GMT".into())],
        ..object("k")
    };
    let f = run(&client, &download(obj, &fx.path("u"), 128 * 1024, 3, None)).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (412, "PreconditionFailed"));
}

#[test]
fn progress_is_monotonic_smooth_and_ends_at_the_total() {
    let fx = Fixture::start();
    let data = content(8 << 20, 22);
    fx.put("k", &data);
    let mut calls = Vec::new();
    let mut cb = |done: u64, total: u64| calls.push((done, total));
    let dest = fx.path("k");
    download::run(&fx.client(), &download(object("k"), &dest, 1 << 20, 4, None), None, Some(&mut cb)).unwrap();
    assert_eq!(calls.first(), Some(&(0, data.len() as u64)));
    assert_eq!(calls.last(), Some(&(data.len() as u64, data.len() as u64)));
    assert!(calls.windows(2).all(|w| w[1].0 > w[0].0), "monotonic");
    assert!(calls.len() > 20 && calls.len() <= 102, "every ~1%: {}", calls.len());
}

#[test]
fn a_missing_object_gives_the_servers_404() {
    let fx = Fixture::start();
    let dest = fx.path("nothing");
    let f = run(&fx.client(), &download(object("nope"), &dest, 1 << 20, 2, Some(cp(&dest)))).unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (404, "NoSuchKey"));
    assert_eq!(listing(fx.work.path()), Vec::<String>::new());
}

#[test]
fn transient_failures_of_the_head_are_retried_too() {
    // A 503 storm (or a reset) that catches the HEAD must not fail the download
    // before it starts: the HEAD gets the parts' retry budget.
    let fx = Fixture::start();
    let data = content(300_000, 23);
    fx.put("k", &data);
    fx.server
        .faults()
        .add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "k").all_methods().times(5));
    let dest = fx.path("k");
    run(&fx.client(), &download(object("k"), &dest, 64 * 1024, 2, None)).unwrap();
    assert_eq!(sha256_file(&dest), sha256(&data));
    let heads = fx.server.requests(BUCKET, "k").iter().filter(|r| r.method == "HEAD").count();
    assert_eq!(heads, 6, "five 503s, then the answer");
}

#[test]
fn a_directory_target_is_refused_before_any_byte_with_or_without_a_checkpoint() {
    // The rename onto a directory could never succeed: the download is refused after the HEAD,
    // before any byte is fetched, and leaves nothing behind (no temp file, no checkpoint).
    let fx = Fixture::start();
    fx.put("k", &content(200_000, 24));
    let dest = fx.path("a-directory");
    std::fs::create_dir(&dest).unwrap();
    for checkpoint in [None, Some(cp(&dest))] {
        let f = run(&fx.client(), &download(object("k"), &dest, 64 * 1024, 2, checkpoint)).unwrap_err();
        assert_eq!((f.error.code(), f.error.error_code()), (-985, "OpenFileFail"), "{}", f.error);
        assert_eq!(listing(fx.work.path()), ["a-directory"]);
        assert_eq!(fx.server.counters(BUCKET, "k").body_bytes, 0);
    }
}
