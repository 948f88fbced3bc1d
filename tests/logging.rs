//! What the log shows at ALL (into a file sink) while real transfers run against the local
//! server with STS credentials: INFO once per call, DEBUG per request, TRACE the headers, WARN per
//! retry, ERROR once per failed call — but INFO for the server's 4xx/304 answer and a cancel;
//! nothing at WARN or above for a clean run — and never the access key secret, the STS token, an
//! `Authorization` value or a URL signature.

mod common;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use common::*;
use oss_c_sdk::call_log::traced;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::config::Config;
use oss_c_sdk::error::ClientCode;
use oss_c_sdk::http::{Discard, Method, Source};
use oss_c_sdk::log::{self, Level};
use oss_c_sdk::ops::by_url::url_request;
use oss_c_sdk::ops::upload::{put_object, Upload as Put};
use oss_c_sdk::outcome::{judge, Outcome};
use oss_c_sdk::upload::{self, Upload};
use oss_c_sdk::{download, object};
use oss_server::{FaultKind, FaultRule};

/// The level and the sink are process-wide: one test at a time touches them.
static LOG: Mutex<()> = Mutex::new(());
const TOKEN: &str = "CAIS-sts-token-only-the-log-test-knows";
const PART: i64 = 100 * 1024;

/// Every log line into a file, at ALL, until dropped.
struct Capture {
    path: PathBuf,
    _one_at_a_time: MutexGuard<'static, ()>,
}

impl Capture {
    fn start(dir: &Path) -> Capture {
        let guard = LOG.lock().unwrap_or_else(|p| p.into_inner());
        let path = dir.join("sdk.log");
        let file = Mutex::new(File::create(&path).expect("log file"));
        log::set_sink(Some(Arc::new(move |text: &str| {
            let _ = file.lock().unwrap().write_all(text.as_bytes());
        })));
        log::set_level(Level::All);
        Capture { path, _one_at_a_time: guard }
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.path).expect("log file")
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        log::set_level(Level::Warn);
        log::set_sink(None);
    }
}

fn sts_fixture() -> Fixture {
    Fixture::start_with(|c| c.credentials.security_token = Some(TOKEN.into()))
}

/// Log records (a record may span lines: TRACE header dumps) at `level`.
fn records<'a>(text: &'a str, level: &str) -> Vec<&'a str> {
    let tag = format!("] [{level}] [");
    let mut out = Vec::new();
    let starts: Vec<usize> = text.match_indices("\n[").map(|(i, _)| i + 1).chain([0]).collect();
    let mut starts: Vec<usize> = starts.into_iter().filter(|&i| text[i..].starts_with('[')).collect();
    starts.sort_unstable();
    starts.dedup();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let record = &text[start..end];
        if record.contains(&tag) {
            out.push(record);
        }
    }
    out
}

/// The one INFO record of `operation`.
fn info_of<'a>(text: &'a str, operation: &str) -> &'a str {
    let found: Vec<&str> =
        records(text, "INFO").into_iter().filter(|r| r.contains(&format!("] {operation}"))).collect();
    assert_eq!(found.len(), 1, "one INFO line for {operation}:\n{text}");
    found[0]
}

/// No secret of `config` (nor any signature) anywhere in `text`.
fn assert_no_secrets(text: &str, config: &Config, urls: &[String]) {
    assert!(!text.contains(&config.credentials.access_key_secret), "the access key secret is in the log");
    assert!(!text.contains(TOKEN), "the STS token is in the log");
    for key in ["Authorization: ", "Signature=", "x-oss-signature=", "security-token="] {
        for (at, _) in text.match_indices(key) {
            let after = &text[at + key.len()..];
            assert!(after.starts_with("***"), "{key} not masked: {}", &after[..after.len().min(60)]);
        }
    }
    for url in urls {
        for (name, value) in url.split(['?', '&']).filter_map(|p| p.split_once('=')) {
            if name.eq_ignore_ascii_case("Signature") || name == "x-oss-signature" {
                assert!(!text.contains(value), "a URL signature is in the log");
            }
        }
    }
}

fn put(client: &Client, key: &str, data: &[u8]) -> Outcome {
    let buffers = [data];
    let source = Put { source: Source::Buffers(&buffers), mime_name: None, enable_crc: true };
    put_object(client, &mut client.session()?, &object(key), source, None).map(|(answer, _)| answer)
}

fn upload_job(key: &str, path: &Path) -> Upload {
    Upload {
        object: object(key),
        path: path.to_path_buf(),
        part_size: PART,
        threads: 2,
        checkpoint: None,
        enable_crc: true,
        retry: quick_retry(),
    }
}

/// A put, a HEAD, a GET to a file, a resumable download, a resumable upload and a GET through a
/// presigned URL, each as one call; returns the presigned URL.
fn transfers(fx: &Fixture, config: Config, tag: &str) -> String {
    let data = content(3 * PART as usize + 17, 5);
    let key = format!("{tag}/object.bin");
    let client = || Client::new(config.clone()).expect("client");
    traced("oss_put_object_from_buffer", || put(&client(), &key, &data)).expect("put");
    traced("oss_head_object", || object::head_object(&client(), &mut client().session()?, &object(&key)))
        .expect("head");
    let to = fx.path(&format!("{tag}-get.bin"));
    traced("oss_get_object_to_file", || {
        let c = client();
        object::get_object_to_file(&c, &mut c.session()?, &object(&key), &to, true, None)
    })
    .expect("get");
    let d = download(object(&key), &fx.path(&format!("{tag}-resumable.bin")), PART, 3, None);
    traced("oss_resumable_download_file", || download::run(&client(), &d, None, None)).expect("download");
    assert_eq!(std::fs::read(&d.path).unwrap(), data);
    let file = fx.path(&format!("{tag}-up.bin"));
    std::fs::write(&file, &data).unwrap();
    let job = upload_job(&format!("{tag}/uploaded.bin"), &file);
    traced("oss_resumable_upload_file", || upload::run(&client(), &job, None, None).map(|(a, _)| a)).expect("upload");
    let expires = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 600;
    let url = client().signed_url(Method::Get, &object(&key), expires).expect("signed url");
    traced("oss_get_object_to_buffer_by_url", || {
        let request = url_request(Method::Get, &url, &[])?;
        judge(client().session()?.execute(&request, &mut Discard)?)
    })
    .expect("get by url");
    url
}

#[test]
fn a_clean_run_logs_info_debug_and_trace_and_nothing_at_warn_or_above() {
    let fx = sts_fixture();
    let capture = Capture::start(fx.work.path());
    let urls = [transfers(&fx, fx.config(), "v1"), transfers(&fx, fx.config_v4(), "v4")];
    let text = capture.text();

    for level in ["FATAL", "ERROR", "WARN"] {
        assert!(records(&text, level).is_empty(), "nothing at {level} in a clean run:\n{text}");
    }
    let download = info_of(&text, "oss_resumable_download_file bucket=test-bucket key=v1/object.bin");
    assert!(download.contains("v1/object.bin done: status=200"), "{download}");
    assert!(download.contains(&format!("bytes={}", 3 * PART + 17)), "{download}");
    assert!(download.contains("parts=4") && download.contains("retries=0"), "{download}");
    let requests: u32 = download.split("requests=").nth(1).and_then(|r| r.split(' ').next()?.parse().ok()).unwrap();
    assert!((2..=5).contains(&requests), "a HEAD and one request per run: {download}");
    let upload = info_of(&text, "oss_resumable_upload_file bucket=test-bucket key=v4/uploaded.bin");
    assert!(upload.contains("parts=4") && upload.contains("retries=0") && upload.contains("time="), "{upload}");
    for op in ["oss_put_object_from_buffer", "oss_head_object", "oss_get_object_to_file"] {
        assert!(info_of(&text, &format!("{op} bucket=test-bucket key=v4/")).contains("request_id="), "{op}");
    }
    assert_eq!(records(&text, "INFO").len(), 12, "one INFO line per call:\n{text}");

    let debug = records(&text, "DEBUG");
    for method in ["PUT ", "HEAD ", "GET ", "POST "] {
        let line = debug.iter().find(|r| r.contains(&format!("] {method}http://"))).expect(method);
        assert!(line.contains(" -> 20") && line.contains("request_id=") && line.contains("ttfb="), "{line}");
    }
    let by_url: Vec<_> = debug.iter().filter(|r| r.contains("oss_get_object_to_buffer_by_url")).collect();
    assert_eq!(by_url.len(), 2, "{text}");
    assert!(by_url[0].contains("Signature=***") && by_url[1].contains("x-oss-signature=***"), "{by_url:?}");

    let trace = records(&text, "TRACE");
    assert!(trace.iter().any(|r| r.contains("\n  > Authorization: ***") && r.contains("\n  < x-oss-request-id: ")));
    assert!(trace.iter().any(|r| r.contains("\n  > x-oss-security-token: ***")));
    assert_no_secrets(&text, &fx.config(), &urls);
}

#[test]
fn retries_warn_and_the_servers_answers_and_a_cancel_log_at_info() {
    let fx = sts_fixture();
    let data = content(3 * PART as usize, 6);
    fx.put("flaky.bin", &data);
    fx.put("here.bin", b"here");
    let capture = Capture::start(fx.work.path());
    let client = || fx.client();

    fx.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "flaky.bin").times(2));
    let d = download(object("flaky.bin"), &fx.path("flaky.bin"), PART, 2, None);
    traced("oss_resumable_download_file", || download::run(&client(), &d, None, None)).expect("rides out two 503s");

    let file = fx.path("up.bin");
    std::fs::write(&file, &data).unwrap();
    let rule = FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "up.bin").on_request();
    fx.server.faults().add(rule.operation("UploadPart").part(2).once());
    let job = upload_job("up.bin", &file);
    traced("oss_resumable_upload_file", || upload::run(&client(), &job, None, None).map(|(a, _)| a)).expect("upload");

    // What a program asks the server and the server answers: not an error of the library.
    let missing = traced("oss_get_object_to_file", || {
        let c = client();
        object::get_object_to_file(&c, &mut c.session()?, &object("missing"), &fx.path("missing"), true, None)
    });
    assert_eq!(missing.unwrap_err().error.code(), 404);
    let head =
        traced("oss_head_object", || object::head_object(&client(), &mut client().session()?, &object("missing")));
    assert_eq!(head.unwrap_err().error.code(), 404);
    let etag = object::head_object(&client(), &mut client().session().unwrap(), &object("here.bin")).expect("head");
    let etag = etag.header("ETag").expect("ETag").to_string();
    let unchanged = ObjectRef { headers: vec![("If-None-Match".into(), etag)], ..object("here.bin") };
    let not_modified = traced("oss_get_object_to_file", || {
        let c = client();
        object::get_object_to_file(&c, &mut c.session()?, &unchanged, &fx.path("here.bin"), true, None)
    });
    assert_eq!(not_modified.unwrap_err().error.code(), 304);
    // The program's own cancel (its flag set before the call: no request goes out).
    let cancelled = traced("oss_get_object_to_file", || {
        let c = Client { stop: Some(Arc::new(AtomicBool::new(true))), ..client() };
        object::get_object_to_file(&c, &mut c.session()?, &object("here.bin"), &fx.path("here.bin"), true, None)
    });
    assert_eq!(cancelled.unwrap_err().error.code(), ClientCode::AbortCallback as i32);
    let text = capture.text();

    let warn = records(&text, "WARN");
    assert_eq!(warn.len(), 3, "one WARN per retry:\n{text}");
    for (n, record) in warn.iter().enumerate() {
        let (op, key) =
            if n < 2 { ("oss_resumable_download_file", "flaky.bin") } else { ("oss_resumable_upload_file", "up.bin") };
        assert!(record.contains(&format!("] {op} bucket=test-bucket key={key}: retry ")), "{record}");
        assert!(record.contains("after status=503 code=") && record.contains("backoff="), "{record}");
    }
    assert!(info_of(&text, "oss_resumable_download_file").contains("retries=2"), "{text}");
    assert!(info_of(&text, "oss_resumable_upload_file").contains("retries=1"), "{text}");
    assert!(records(&text, "ERROR").is_empty() && records(&text, "FATAL").is_empty(), "no ERROR:\n{text}");

    for (op, key, status, code) in [
        ("oss_get_object_to_file", "missing", "404", "NoSuchKey"),
        ("oss_head_object", "missing", "404", "NoSuchKey"),
        ("oss_get_object_to_file", "here.bin", "304", ""),
    ] {
        let line = info_of(&text, &format!("{op} bucket=test-bucket key={key} answered"));
        assert!(line.contains(&format!(" answered: status={status} code={code}")), "{line}");
        assert!(!line.contains("request_id=- ") && line.contains("requests=1 retries=0"), "{line}");
    }
    let line = info_of(&text, "oss_get_object_to_file bucket=test-bucket key=here.bin cancelled");
    assert!(line.contains(" cancelled: status=-997 code=AbortedByCaller "), "{line}");
    assert!(records(&text, "DEBUG").iter().any(|r| r.contains(" -> 503 ")), "the 503s at DEBUG");
    assert_no_secrets(&text, &fx.config(), &[]);
}

#[test]
fn failures_past_the_retries_and_bad_bytes_log_one_error_each() {
    let fx = sts_fixture();
    fx.put("storm.bin", &content(2 * PART as usize, 7));
    fx.put("flipped.bin", &content(PART as usize, 8));
    let capture = Capture::start(fx.work.path());
    let client = || fx.client();

    // Every GET of storm.bin answers 503: the download gives up after its retry budget.
    fx.server.faults().add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "storm.bin"));
    let d = download(object("storm.bin"), &fx.path("storm.bin"), PART, 2, None);
    let storm = traced("oss_resumable_download_file", || download::run(&client(), &d, None, None));
    assert_eq!(storm.unwrap_err().error.code(), 503);
    // One byte of flipped.bin flipped in transit: the CRC-64 check refuses the file.
    fx.server
        .faults()
        .add(FaultRule::new(FaultKind::FlipByte { offset: 1000, xor: 0xFF }).object(BUCKET, "flipped.bin"));
    let flipped = traced("oss_get_object_to_file", || {
        let c = client();
        object::get_object_to_file(&c, &mut c.session()?, &object("flipped.bin"), &fx.path("flipped.bin"), true, None)
    });
    assert_eq!(flipped.unwrap_err().error.code(), ClientCode::CrcInconsistentError as i32);
    let text = capture.text();

    let errors = records(&text, "ERROR");
    assert_eq!(errors.len(), 2, "one ERROR per failed call:\n{text}");
    let e = errors[0];
    assert!(
        e.contains("] oss_resumable_download_file bucket=test-bucket key=storm.bin failed: status=503 code=ServiceUnavailable request_id="),
        "{e}"
    );
    assert!(!e.contains("request_id=- ") && !e.contains("retries=0"), "{e}");
    let e = errors[1];
    assert!(
        e.contains("] oss_get_object_to_file bucket=test-bucket key=flipped.bin failed: status=-978 code=InconsistentError request_id="),
        "{e}"
    );
    assert!(!e.contains("request_id=- ") && e.contains("requests=1 retries=0"), "{e}");
    let warn = records(&text, "WARN");
    assert!(!warn.is_empty() && warn.iter().all(|w| w.contains("key=storm.bin: retry ")), "{text}");
    assert!(records(&text, "FATAL").is_empty(), "{text}");
    assert_no_secrets(&text, &fx.config(), &[]);
}

#[test]
fn below_the_level_nothing_is_written() {
    let fx = sts_fixture();
    let capture = Capture::start(fx.work.path());
    log::set_level(Level::Warn);
    fx.put("quiet.bin", b"quiet");
    traced("oss_head_object", || object::head_object(&fx.client(), &mut fx.client().session()?, &object("quiet.bin")))
        .expect("head");
    // A program that checks whether an object exists: the 404 is its answer, not an error.
    let absent =
        traced("oss_head_object", || object::head_object(&fx.client(), &mut fx.client().session()?, &object("absent")));
    assert_eq!(absent.unwrap_err().error.code(), 404);
    log::set_level(Level::Off);
    let failed = traced("oss_get_object_to_file", || {
        let c = Client::new(Config { endpoint: "http://127.0.0.1:1".into(), ..fx.config() })?;
        object::get_object_to_file(&c, &mut c.session()?, &object("quiet.bin"), &fx.path("quiet.bin"), true, None)
    });
    assert!(failed.is_err());
    assert_eq!(capture.text(), "", "a success and a 404 at WARN, a refused connection at OFF: nothing");
}
