//! The resumable upload engine against the local OSS server: parallel parts from the file, the
//! checkpoint and a resume that sends only the missing parts (proved by the server's per-part
//! counters), faults on part bodies and on the completion, and no upload left behind after a
//! failure without checkpoint.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::crc64;
use oss_c_sdk::http::Response;
use oss_c_sdk::ops::multipart::{self as mp, UploadsRequest};
use oss_c_sdk::outcome::Failure;
use oss_c_sdk::upload::{self, checkpoint, Upload};
use oss_server::{FaultKind, FaultRule};

const PART: u64 = 100 * 1024;

fn file_of(fx: &Fixture, name: &str, len: usize, seed: u64) -> (PathBuf, Vec<u8>) {
    let data = content(len, seed);
    let path = fx.path(name);
    std::fs::write(&path, &data).unwrap();
    (path, data)
}

fn job(key: &str, path: &Path, threads: i32, checkpoint: bool) -> Upload {
    Upload {
        object: object(key),
        path: path.to_path_buf(),
        part_size: PART as i64,
        threads,
        checkpoint: checkpoint.then(|| checkpoint::default_path(path)),
        enable_crc: true,
        retry: quick_retry(),
    }
}

fn run(client: &Client, u: &Upload) -> Result<Response, Failure> {
    upload::run(client, u, None, None).map(|(answer, _)| answer)
}

/// Runs `u`, cancelling once `stop_at` bytes are reported stored.
fn run_cancelled_at(client: &Client, u: &Upload, stop_at: u64) -> Result<Response, Failure> {
    let cancel = AtomicBool::new(false);
    let mut progress = |done: u64, _: u64| {
        if done >= stop_at {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    upload::run(client, u, Some(&cancel), Some(&mut progress)).map(|(answer, _)| answer)
}

/// Runs `u` with a progress callback; every report must be monotonic and within the total, the last
/// the total exactly: a part sent again (cut, corrupted, answer lost) is never counted twice.
fn run_with_exact_progress(client: &Client, u: &Upload, size: u64) -> Result<Response, Failure> {
    let mut seen = Vec::new();
    let mut progress = |done: u64, total: u64| seen.push((done, total));
    let outcome = upload::run(client, u, None, Some(&mut progress)).map(|(answer, _)| answer);
    assert!(seen.windows(2).all(|w| w[1].0 >= w[0].0), "monotonic: {seen:?}");
    assert!(seen.iter().all(|&(done, total)| total == size && done <= size), "within the total: {seen:?}");
    if outcome.is_ok() {
        assert_eq!(seen.last(), Some(&(size, size)));
    }
    outcome
}

fn uploads_left(client: &Client) -> usize {
    let (_, page) =
        mp::list_uploads(client, &mut client.session().unwrap(), BUCKET, &UploadsRequest::default()).unwrap();
    page.uploads.len()
}

fn assert_stored(fx: &Fixture, key: &str, data: &[u8]) {
    let meta = fx.server.object_meta(BUCKET, key).expect("the object exists");
    assert_eq!((meta.size, meta.crc64), (data.len() as u64, crc64::checksum(data)));
}

#[test]
fn a_file_is_uploaded_in_parallel_parts_with_smooth_progress() {
    let fx = Fixture::start();
    let client = fx.client();
    let (path, data) = file_of(&fx, "f.txt", 25 * PART as usize + 1234, 1);
    let mut seen = Vec::new();
    let mut progress = |done: u64, total: u64| seen.push((done, total));
    let u = job("dir/f.txt", &path, 3, false);
    let (answer, body) = upload::run(&client, &u, None, Some(&mut progress)).expect("upload");
    assert_eq!(answer.server_crc64(), Some(crc64::checksum(&data)));
    assert!(String::from_utf8_lossy(&body).contains("CompleteMultipartUploadResult"));
    assert_stored(&fx, "dir/f.txt", &data);
    assert_eq!(fx.server.object_meta(BUCKET, "dir/f.txt").unwrap().content_type, "text/plain");
    assert!(seen.windows(2).all(|w| w[1].0 >= w[0].0), "monotonic");
    assert_eq!(seen.last(), Some(&(data.len() as u64, data.len() as u64)));
    assert!(seen.len() > 20, "smooth: {} reports", seen.len());
    assert_eq!(uploads_left(&client), 0);

    // An empty file is an empty object; a missing one fails before any request.
    let (empty, _) = file_of(&fx, "empty", 0, 0);
    run(&client, &job("empty", &empty, 2, true)).expect("empty");
    assert_stored(&fx, "empty", b"");
    fx.server.reset_counters();
    let e = run(&client, &job("missing", &fx.path("nope"), 2, true)).unwrap_err();
    assert_eq!((e.error.code(), e.error.error_code()), (-985, "OpenFileFail"));
    assert_eq!(fx.server.counters(BUCKET, "missing").requests, 0);
}

#[test]
fn a_cancelled_upload_resumes_sending_only_the_missing_parts() {
    let fx = Fixture::start();
    let client = fx.client();
    let (path, data) = file_of(&fx, "big.bin", 40 * PART as usize, 2);
    let u = job("big", &path, 2, true);
    let e = run_cancelled_at(&client, &u, 15 * PART).unwrap_err();
    assert_eq!(e.error.error_code(), "AbortedByCaller");
    assert!(checkpoint::default_path(&path).exists(), "the checkpoint stays");
    assert_eq!(uploads_left(&client), 1, "the upload stays for the resume");
    let (_, page) = mp::list_uploads(&client, &mut client.session().unwrap(), BUCKET, &Default::default()).unwrap();
    let id = page.uploads[0].upload_id.clone();
    let before = fx.server.upload_counters(&id);
    let sent_before: Vec<u32> = before.parts.iter().map(|(n, _)| *n).collect();
    assert!(sent_before.len() >= 15 && sent_before.len() < 40, "{sent_before:?}");
    reset_counters_when_idle(&fx);

    let mut first = None;
    let mut progress = |done: u64, _: u64| {
        first.get_or_insert(done);
    };
    upload::run(&client, &u, None, Some(&mut progress)).expect("resume");
    assert!(first.unwrap() >= 14 * PART, "the first report counts the parts already stored: {first:?}");
    assert_stored(&fx, "big", &data);
    let after = fx.server.upload_counters(&id);
    let resent: Vec<u32> = after.parts.iter().map(|(n, _)| *n).filter(|n| sent_before.contains(n)).collect();
    // Parts in flight at the cancel (at most one per worker) may be sent again; nothing else.
    assert!(resent.len() <= 2, "resent {resent:?}");
    assert!(after.received_bytes <= (40 - sent_before.len() as u64 + 2) * PART + 4096);
    assert!(!checkpoint::default_path(&path).exists(), "the checkpoint is removed on success");
    assert_eq!(uploads_left(&client), 0);
}

#[test]
fn a_changed_file_or_a_vanished_upload_starts_over() {
    let fx = Fixture::start();
    let client = fx.client();
    let (path, _) = file_of(&fx, "c.bin", 10 * PART as usize, 3);
    let u = job("c", &path, 1, true);
    run_cancelled_at(&client, &u, 3 * PART).unwrap_err();
    assert_eq!(uploads_left(&client), 1);
    // The file changes: the old upload is aborted, a new one carries the new bytes.
    let (_, data) = file_of(&fx, "c.bin", 10 * PART as usize + 5, 4);
    run(&client, &u).expect("a new upload");
    assert_stored(&fx, "c", &data);
    assert_eq!(uploads_left(&client), 0);

    // The upload is aborted by someone else between runs: a new upload.
    run_cancelled_at(&client, &u, 3 * PART).unwrap_err();
    let (_, page) = mp::list_uploads(&client, &mut client.session().unwrap(), BUCKET, &Default::default()).unwrap();
    mp::abort(&client, &mut client.session().unwrap(), &object("c"), &page.uploads[0].upload_id).unwrap();
    run(&client, &u).expect("starts over");
    assert_stored(&fx, "c", &data);

    // A journal torn in its last record resumes from the records before it; one torn in its
    // header is not trusted and starts over (the old upload cannot be named, so it stays).
    for keep in [|len: usize| len - 7, |len: usize| len / 8] {
        run_cancelled_at(&client, &u, 3 * PART).unwrap_err();
        let cp = checkpoint::default_path(&path);
        let bytes = std::fs::read(&cp).unwrap();
        std::fs::write(&cp, &bytes[..keep(bytes.len())]).unwrap();
        fx.server.faults().clear();
        run(&client, &u).expect("a torn journal");
        assert_stored(&fx, "c", &data);
    }
    assert_eq!(uploads_left(&client), 1, "only the upload of the journal torn in its header");
}

#[test]
fn faults_on_parts_and_completion_are_ridden_out_and_proved_by_the_counters() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "faulty";
    let (path, data) = file_of(&fx, "faulty.bin", 8 * PART as usize, 5);
    let on = |kind| FaultRule::new(kind).object(BUCKET, key).on_request();
    fx.server.faults().add(on(FaultKind::ErrorStatus { status: 503 }).operation("UploadPart").part(2).once());
    let cut = FaultKind::CutAfter { bytes: 50_000, reset: false };
    fx.server.faults().add(on(cut).operation("UploadPart").part(5).once());
    fx.server.faults().add(on(FaultKind::LostResponse).operation("UploadPart").part(7).once());
    fx.server.faults().add(on(FaultKind::ErrorStatus { status: 500 }).operation("CompleteMultipartUpload").once());
    let size = data.len() as u64;
    let answer = run_with_exact_progress(&client, &job(key, &path, 3, false), size).expect("upload");
    assert_eq!(answer.server_crc64(), Some(crc64::checksum(&data)));
    assert_stored(&fx, key, &data);
    // Part 7 arrived twice (its answer was lost), part 5 once cut after 50,000 bytes, part 2 at
    // most twice: everything else exactly once (plus the completion documents).
    let received = fx.server.counters(BUCKET, key).received_bytes;
    assert!(received >= size + PART + 50_000, "{received}");
    assert!(received <= size + 3 * PART + 8192, "{received}");
}

#[test]
fn a_failure_without_checkpoint_leaves_no_upload_behind() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "doomed";
    let (path, _) = file_of(&fx, "doomed.bin", 6 * PART as usize, 6);
    let rule = FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, key).on_request();
    fx.server.faults().add(rule.operation("UploadPart").part(4));
    let e = run(&client, &job(key, &path, 2, false)).unwrap_err();
    assert_eq!(e.error.code(), 503);
    assert_eq!(uploads_left(&client), 0, "aborted");
    assert!(fx.server.object_meta(BUCKET, key).is_err());

    // With a checkpoint, the same failure keeps the upload for the next run.
    let e = run(&client, &job(key, &path, 2, true)).unwrap_err();
    assert_eq!(e.error.code(), 503);
    assert_eq!(uploads_left(&client), 1, "kept");
}

#[test]
fn a_cancel_stops_a_part_in_flight_within_about_a_second() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "slow";
    let (path, _) = file_of(&fx, "slow.bin", 4 << 20, 7);
    let throttle = FaultKind::Throttle { bytes_per_sec: 200_000 };
    fx.server.faults().add(FaultRule::new(throttle).object(BUCKET, key).on_request().operation("UploadPart"));
    let mut u = job(key, &path, 1, true);
    u.part_size = 4 << 20;
    let started = std::time::Instant::now();
    let e = run_cancelled_at(&client, &u, 100_000).unwrap_err();
    assert_eq!(e.error.error_code(), "AbortedByCaller");
    // Sending the part would take 20 s at this rate.
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(uploads_left(&client), 1, "the checkpoint keeps the upload");
}

#[test]
fn a_second_upload_of_the_same_file_to_the_same_key_is_refused_while_the_first_runs() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "locked";
    let (path, data) = file_of(&fx, "locked.bin", 2 << 20, 8);
    let throttle = FaultKind::Throttle { bytes_per_sec: 2_000_000 };
    fx.server.faults().add(FaultRule::new(throttle).object(BUCKET, key).on_request().operation("UploadPart"));
    let u = job(key, &path, 2, true);
    std::thread::scope(|s| {
        let first = s.spawn(|| run(&client, &u));
        let lock = PathBuf::from(format!("{}.lock", checkpoint::default_path(&path).display()));
        for _ in 0..500 {
            if lock.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let second = run(&client, &u).unwrap_err();
        assert_eq!(second.error.error_code(), "OpenFileFail");
        assert!(second.error.message().contains("locked"), "{}", second.error.message());
        first.join().unwrap().expect("the first upload finishes");
        assert!(!lock.exists(), "the lock file is removed at the end");
    });
    assert_stored(&fx, key, &data);
}

const CHILD_ENV: &str = "OSS_UPLOAD_KILL_CHILD";

/// Not a test of its own: the child process of the kill test below. Does nothing unless that test
/// started it.
#[test]
fn upload_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else { return };
    let f: Vec<&str> = spec.split('\n').collect();
    let credentials = oss_c_sdk::config::Credentials {
        access_key_id: f[0].into(),
        access_key_secret: f[1].into(),
        security_token: None,
    };
    let client = Client::new(oss_c_sdk::config::Config::new(&format!("http://{}", f[2]), credentials)).unwrap();
    let _ = run(&client, &job(f[3], Path::new(f[4]), 2, true));
}

#[test]
fn killed_uploads_resume_and_send_at_most_the_parts_in_flight_again() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "killed";
    let (path, data) = file_of(&fx, "killed.bin", 40 * PART as usize, 9);
    let throttle = FaultKind::Throttle { bytes_per_sec: 300_000 };
    fx.server.faults().add(FaultRule::new(throttle).object(BUCKET, key).on_request().operation("UploadPart"));
    let c = fx.credentials();
    let spec = [&c.access_key_id, &c.access_key_secret, &fx.server.endpoint(), key, &path.display().to_string()]
        .map(|s| s.to_string())
        .join("\n");
    let kills = 3u64;
    let mut seed = 0x5eed_u64;
    for _ in 0..kills {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "upload_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &spec)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the child");
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(std::time::Duration::from_millis(300 + (seed >> 33) % 700));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
    }
    assert!(fx.server.object_meta(BUCKET, key).is_err(), "no run finished before its kill");
    wait_idle(&fx, 200);
    run(&client, &job(key, &path, 2, true)).expect("the last run completes");
    assert_stored(&fx, key, &data);
    assert_eq!(uploads_left(&client), 0, "one upload id across the runs, completed");
    // Each kill can lose what was in flight: at most one part per worker.
    let received = fx.server.counters(BUCKET, key).received_bytes;
    let bound = data.len() as u64 + kills * 2 * PART + 8192;
    assert!(received <= bound, "{received} bytes received, at most {bound} allowed");
}

#[test]
fn a_file_changed_during_the_upload_is_a_clear_error_and_builds_no_object() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "changing";
    let (path, _) = file_of(&fx, "changing.bin", 10 * PART as usize, 10);
    let throttle = FaultKind::Throttle { bytes_per_sec: 2_000_000 };
    fx.server.faults().add(FaultRule::new(throttle).object(BUCKET, key).on_request().operation("UploadPart"));
    // Changed in place (same size), then (last, without checkpoint) truncated: the short read that
    // fails a part's request must still be reported as the change it is.
    for (checkpoint, truncate) in [(false, false), (true, false), (false, true)] {
        let mut changed = false;
        let mut progress = |done: u64, _: u64| {
            if done >= 3 * PART && !changed {
                changed = true;
                // Other bytes, a later modification time.
                std::thread::sleep(std::time::Duration::from_millis(20));
                let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
                if truncate {
                    f.set_len(PART).unwrap();
                } else {
                    std::io::Write::write_all(&mut f, b"changed").unwrap();
                }
            }
        };
        let e = upload::run(&client, &job(key, &path, 2, checkpoint), None, Some(&mut progress)).unwrap_err();
        assert!(changed);
        assert_eq!((e.error.code(), e.error.error_code()), (-982, "OpenFileFail"), "{}", e.error.message());
        assert!(e.error.message().contains("changed"));
        assert!(fx.server.object_meta(BUCKET, key).is_err(), "no object");
    }
    assert_eq!(uploads_left(&client), 1, "only the checkpointed run keeps its upload");
}

#[test]
fn a_stalled_part_body_is_given_up_after_the_low_speed_window_and_sent_again() {
    let fx = Fixture::start();
    let mut config = fx.config();
    config.transfer.speed_time = std::time::Duration::from_secs(1);
    let client = Client::new(config).unwrap();
    let key = "stalled";
    let (path, data) = file_of(&fx, "stalled.bin", 6 * PART as usize, 11);
    let stall = FaultKind::Stall { after: 10_000, duration: None };
    fx.server
        .faults()
        .add(FaultRule::new(stall).object(BUCKET, key).on_request().operation("UploadPart").part(3).once());
    let started = std::time::Instant::now();
    run_with_exact_progress(&client, &job(key, &path, 2, false), data.len() as u64).expect("upload");
    assert!(started.elapsed() < std::time::Duration::from_secs(15), "{:?}", started.elapsed());
    assert_stored(&fx, key, &data);
    // Part 3 was received twice (10,000 bytes, then whole), everything else once.
    let received = fx.server.counters(BUCKET, key).received_bytes;
    assert!(received >= data.len() as u64 + 10_000 && received <= data.len() as u64 + PART + 8192, "{received}");
}

#[test]
fn a_part_corrupted_on_the_way_is_sent_again_and_one_always_corrupted_fails_with_a_crc_error() {
    let fx = Fixture::start();
    let client = fx.client();
    let key = "flipped";
    let (path, data) = file_of(&fx, "flipped.bin", 4 * PART as usize, 12);
    let flip = || FaultRule::new(FaultKind::FlipByte { offset: 7, xor: 1 }).object(BUCKET, key).on_request();
    let id = fx.server.faults().add(flip().operation("UploadPart").part(2).once());
    run_with_exact_progress(&client, &job(key, &path, 2, false), data.len() as u64).expect("part 2 sent again");
    assert_stored(&fx, key, &data);
    let received = fx.server.counters(BUCKET, key).received_bytes;
    assert!(received >= data.len() as u64 + PART && received <= data.len() as u64 + PART + 8192, "{received}");
    fx.server.faults().remove(id);

    fx.server.faults().add(flip().operation("UploadPart").part(2));
    let e = run(&client, &job("flipped", &path, 2, false)).unwrap_err();
    assert_eq!(e.error.code(), -978, "{}", e.error.message());
    assert_eq!(uploads_left(&client), 0, "aborted");
    assert_stored(&fx, key, &data); // the earlier object is untouched
}
