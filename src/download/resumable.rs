//! The coordinator of one resumable download, running on the caller's
//! thread: HEAD the object, plan the parts (of the whole object, or of the
//! caller's `Range`), lock and prepare the temp file, load (and re-verify)
//! the checkpoint, run the workers, record each part as it lands, report
//! progress, and finish: combine the part CRCs, compare with the server's
//! (whole-object downloads), sync, rename onto the target, delete the
//! checkpoint.
//!
//! Only this thread touches the checkpoint and calls the progress callback.

use super::checkpoint::{self, Identity, Journal, PartRecord};
use super::plan::{self, Part, Plan, Span};
use super::range::{self, RangeSpec};
use super::retry::{self, Jitter, RetryPolicy};
use super::target::TempTarget;
use super::worker::{self, Event, Shared};
use crate::client::{Client, ObjectRef};
use crate::crc64;
use crate::error::{ClientCode, Error, Result};
use crate::http::Response;
use crate::object::{self, Failure, Outcome};
use crate::progress::ProgressGate;
use crossbeam_channel::RecvTimeoutError;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// One resumable download, as plain values.
#[derive(Clone, Debug)]
pub struct Download {
    /// A `Range: bytes=...` among its headers means "download just these
    /// bytes" (see `range.rs`); the file then holds exactly them.
    pub object: ObjectRef,
    pub path: PathBuf,
    /// As the caller gave it; `plan` normalises it.
    pub part_size: i64,
    pub threads: i32,
    /// Where the journal lives, when checkpointing is on: a file, or a
    /// directory to create it in (see `checkpoint::locate`).
    pub checkpoint: Option<PathBuf>,
    pub enable_crc: bool,
    pub retry: RetryPolicy,
}

/// How often the coordinator looks at the cancel flag while waiting.
const POLL: Duration = Duration::from_millis(100);

/// Runs the download. `cancel`, when set from another thread, stops it
/// promptly with `AOSE_ABORT_CALLBACK`, keeping the checkpoint.
pub fn run(
    client: &Client,
    d: &Download,
    cancel: Option<&AtomicBool>,
    mut progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    // Fail before any request when the range could never be honoured or the
    // files could never be written.
    check_directory(&d.path, "target")?;
    let range_value = d.object.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("Range")).map(|(_, v)| v.clone());
    let range: Option<RangeSpec> = range_value.as_deref().map(range::parse).transpose()?;
    // The HEAD and every part carry the caller's headers except the range:
    // parts ask for their own bytes.
    let object = ObjectRef { headers: without(&d.object.headers, &["Range"]), ..d.object.clone() };
    let checkpoint = match &d.checkpoint {
        Some(requested) => {
            let cp = checkpoint::locate(requested, &source_label(client, &object), &d.path)?;
            check_directory(&cp, "checkpoint")?;
            Some(cp)
        }
        None => None,
    };
    let head = head_with_retries(client, &object, &d.retry, cancel)?;
    let size = head
        .content_length()
        .ok_or_else(|| Error::transport(ClientCode::ServiceError, "the HEAD answer has no Content-Length"))?;
    let span = match (range, range_value.as_deref()) {
        (Some(spec), Some(value)) => {
            spec.resolve(size).ok_or_else(|| range::unsatisfiable(client, &object, &head, value))?
        }
        _ => Span::whole(size),
    };
    let plan = plan::plan_span(size, span, d.part_size);
    let temp = TempTarget::open_locked(object::temp_path(&d.path))?;
    let identity = identity(client, &object, &head, &plan, &temp.path, range.is_some());
    let (mut journal, done) = match prepare(&temp, &plan, checkpoint.as_deref(), &identity) {
        Ok(state) => state,
        Err(e) => {
            if temp.created {
                temp.remove();
            }
            return Err(e.into());
        }
    };

    let mut crcs: Vec<Option<u64>> = vec![None; plan.parts.len()];
    let mut done_bytes = 0;
    for (&index, rec) in &done {
        crcs[index as usize] = Some(rec.crc);
        done_bytes += rec.len;
    }
    let missing: Vec<Part> = plan.parts.iter().filter(|p| crcs[p.index as usize].is_none()).copied().collect();
    let total = span.len;
    let mut gate = ProgressGate::new(total);
    let mut report = |done: u64, gate: &mut ProgressGate| {
        if let (Some(cb), Some(d)) = (progress.as_mut(), gate.offer(done)) {
            cb(d, total);
        }
    };
    report(done_bytes, &mut gate);

    let pinned = pinned_object(&object, &head);
    let stop = AtomicBool::new(false);
    let mut first_failure: Option<Failure> = None;
    let shared = Shared {
        client,
        object: &pinned,
        file: &temp.file,
        temp_path: &temp.path,
        object_size: size,
        file_base: span.start,
        span_len: span.len,
        stop: &stop,
        policy: d.retry.clone(),
    };
    let threads = plan::effective_threads(d.threads);
    let runs = plan::runs(&missing, threads);
    let workers = threads.min(runs.len());
    let (job_tx, job_rx) = crossbeam_channel::unbounded();
    for run in runs {
        job_tx.send(run).expect("receiver alive");
    }
    drop(job_tx);
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    std::thread::scope(|scope| {
        let seed = jitter_seed();
        for w in 0..workers {
            let (jobs, events, shared) = (job_rx.clone(), event_tx.clone(), &shared);
            scope.spawn(move || worker::run(shared, jobs, events, seed.wrapping_add(w as u64)));
        }
        drop(event_tx);
        let fail = |failure: Failure, first: &mut Option<Failure>| {
            if first.is_none() {
                *first = Some(failure);
            }
            stop.store(true, Ordering::Relaxed);
        };
        loop {
            match event_rx.recv_timeout(POLL) {
                Ok(Event::Progress(n)) => {
                    done_bytes += n;
                    report(done_bytes, &mut gate);
                }
                Ok(Event::Done { index, record }) => {
                    crcs[index as usize] = Some(record.crc);
                    if let Some(j) = journal.as_mut() {
                        if let Err(e) = j.record(index, record) {
                            fail(e.into(), &mut first_failure);
                        }
                    }
                }
                Ok(Event::Failed { failure, .. }) => fail(failure, &mut first_failure),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            // Records go out in one write per burst: when no event waits.
            if event_rx.is_empty() {
                if let Some(Err(e)) = journal.as_mut().map(Journal::flush) {
                    fail(e.into(), &mut first_failure);
                }
            }
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) && !stop.load(Ordering::Relaxed) {
                fail(Error::Aborted { message: "download cancelled by the caller".into() }.into(), &mut first_failure);
            }
        }
    });

    // Keep every recorded part for the next run, whatever happens next.
    if let Some(Err(e)) = journal.as_mut().map(Journal::flush) {
        first_failure.get_or_insert(e.into());
    }
    if let Some(failure) = first_failure {
        abandon(temp, journal.as_ref().map(Journal::path), discards_progress(&failure.error));
        return Err(failure);
    }
    if crcs.iter().any(Option::is_none) {
        abandon(temp, journal.as_ref().map(Journal::path), false);
        return Err(Error::internal("workers stopped with parts missing").into());
    }
    let crc = plan.parts.iter().zip(&crcs).fold(0, |acc, (p, c)| crc64::combine(acc, c.expect("checked"), p.len));
    // The server's CRC-64 covers the whole object: it checks a file that is
    // the whole object, and says nothing about a part of it.
    if d.enable_crc && plan.is_whole_object() {
        if let Some(expected) = object::server_crc64(&head) {
            if crc != expected {
                abandon(temp, journal.as_ref().map(Journal::path), true);
                let error = Error::Inconsistent {
                    message: format!("CRC-64 of the downloaded file is {crc}, the server reports {expected}"),
                    request_id: head.request_id().map(str::to_string),
                };
                return Err(Failure { error, response: Some(Box::new(head)) });
            }
        }
    }
    let temp_path = temp.path.clone();
    if let Err(e) = temp.commit(&d.path) {
        // The bytes are good; a checkpoint (if any) still lets a retry finish.
        // Without one nothing can use them: the temp file goes, as on any failure.
        if journal.is_none() {
            let _ = fs::remove_file(&temp_path);
        }
        return Err(e.into());
    }
    if let Some(j) = journal {
        let _ = fs::remove_file(j.path());
    }
    report(total, &mut gate);
    Ok(if range.is_some() { ranged_answer(head, &plan) } else { head })
}

/// What a ranged download answers: the HEAD's headers described as the
/// ranged GET of those bytes would be (206, their `Content-Length`, a
/// `Content-Range`); `x-oss-hash-crc64ecma` still describes the whole object.
fn ranged_answer(mut head: Response, plan: &Plan) -> Response {
    head.status = 206;
    head.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("Content-Length") && !n.eq_ignore_ascii_case("Content-Range"));
    head.headers.push(("Content-Length".into(), plan.span.len.to_string()));
    head.headers.push((
        "Content-Range".into(),
        format!("bytes {}-{}/{}", plan.span.start, plan.span.end_inclusive(), plan.object_size),
    ));
    head
}

/// The HEAD, retried on transient failures (a reset, a 503 storm) like a part
/// is, so that a download does not fail before it starts on a fault it would
/// ride out a moment later. A cancel stops the waiting.
fn head_with_retries(
    client: &Client,
    object: &ObjectRef,
    policy: &RetryPolicy,
    cancel: Option<&AtomicBool>,
) -> Outcome {
    let never = AtomicBool::new(false);
    let cancel = cancel.unwrap_or(&never);
    let mut jitter = Jitter::new(jitter_seed());
    let mut session = client.session()?;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match object::head_object(client, &mut session, object) {
            Err(f) if f.error.is_transient() && attempts < policy.max_fruitless && !cancel.load(Ordering::Relaxed) => {
                retry::sleep_unless_stopped(policy.backoff(attempts - 1, jitter.next_u64()), cancel);
            }
            other => return other,
        }
    }
}

/// The directory `path` would be created in must exist.
fn check_directory(path: &Path, what: &str) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.file_name().is_none() || !dir.is_dir() {
        return Err(Error::file(
            ClientCode::OpenFileError,
            crate::error::codes::OPEN_FILE,
            format!("cannot create the {what} file {}: no such directory", path.display()),
        ));
    }
    Ok(())
}

/// Headers minus the named ones (case-insensitive).
fn without(headers: &[(String, String)], names: &[&str]) -> Vec<(String, String)> {
    headers.iter().filter(|(n, _)| !names.iter().any(|x| n.eq_ignore_ascii_case(x))).cloned().collect()
}

/// The object as every part request sees it: pinned to the ETag the HEAD
/// returned, and asking for standard (strict) range behaviour.
fn pinned_object(object: &ObjectRef, head: &Response) -> ObjectRef {
    let mut headers = without(&object.headers, &["If-Match", "x-oss-range-behavior"]);
    if let Some(etag) = head.header("ETag") {
        headers.push(("If-Match".into(), etag.to_string()));
    }
    headers.push(("x-oss-range-behavior".into(), "standard".into()));
    ObjectRef { headers, ..object.clone() }
}

/// The server as the checkpoint knows it: scheme, authority, CNAME-ness.
fn endpoint_label(client: &Client) -> String {
    let scheme = if client.endpoint.https { "https" } else { "http" };
    format!("{scheme}://{}{}", client.endpoint.authority, if client.config.is_cname { " (cname)" } else { "" })
}

fn version_id(object: &ObjectRef) -> Option<String> {
    object.query.iter().find(|(k, _)| k == "versionId").map(|(_, v)| v.clone())
}

/// Which object (endpoint, bucket, key, version), for naming a checkpoint
/// inside a directory.
fn source_label(client: &Client, object: &ObjectRef) -> String {
    format!("{}\n{}\n{}\n{}", endpoint_label(client), object.bucket, object.key, version_id(object).unwrap_or_default())
}

fn identity(client: &Client, object: &ObjectRef, head: &Response, plan: &Plan, temp: &Path, ranged: bool) -> Identity {
    Identity {
        endpoint: endpoint_label(client),
        bucket: object.bucket.clone(),
        key: object.key.clone(),
        version_id: version_id(object),
        size: plan.object_size,
        etag: head.header("ETag").unwrap_or_default().to_string(),
        last_modified: head.header("Last-Modified").unwrap_or_default().to_string(),
        part_size: plan.part_size,
        temp_path_hex: Identity::encode_path(temp),
        range: ranged.then(|| [plan.span.start, plan.span.end_inclusive()]),
    }
}

/// Decides what is already done. With a checkpoint that belongs to this
/// download and a temp file of the right size, every recorded part is read
/// back and its CRC checked (a record is trusted only if the bytes agree);
/// anything else starts clean: an empty temp file of the download's size
/// and, with checkpointing, a new journal.
fn prepare(
    temp: &TempTarget,
    plan: &Plan,
    checkpoint: Option<&Path>,
    identity: &Identity,
) -> Result<(Option<Journal>, BTreeMap<u32, PartRecord>)> {
    let Some(cp) = checkpoint else {
        temp.reset(plan.span.len)?;
        return Ok((None, BTreeMap::new()));
    };
    if let Some((journal, records)) = Journal::resume(cp, identity) {
        if temp.len()? == plan.span.len {
            if let Some(verified) = verify_records(temp, plan, &records) {
                return Ok((Some(journal), verified));
            }
        }
    }
    temp.reset(plan.span.len)?;
    Ok((Some(Journal::create(cp, identity)?), BTreeMap::new()))
}

/// The records whose bytes in the temp file still have the recorded CRC;
/// `None` if a record does not fit the plan at all (not our journal).
fn verify_records(
    temp: &TempTarget,
    plan: &Plan,
    records: &BTreeMap<u32, PartRecord>,
) -> Option<BTreeMap<u32, PartRecord>> {
    let mut good = BTreeMap::new();
    let mut buf = vec![0u8; 1 << 20];
    for (&index, &rec) in records {
        let part = plan.parts.get(index as usize)?;
        if part.len != rec.len {
            return None;
        }
        let mut crc = crc64::Crc64::new();
        let mut offset = plan.file_offset(part);
        let end = offset + part.len;
        let mut readable = true;
        while offset < end {
            let n = ((end - offset) as usize).min(buf.len());
            if temp.file.read_exact_at(&mut buf[..n], offset).is_err() {
                readable = false;
                break;
            }
            crc.update(&buf[..n]);
            offset += n as u64;
        }
        if readable && crc.value() == rec.crc {
            good.insert(index, rec);
        }
    }
    Some(good)
}

/// Whether a failure makes the partial download worthless: the object
/// changed under us (412 on a pinned part) or the bytes are inconsistent.
fn discards_progress(error: &Error) -> bool {
    matches!(error, Error::Inconsistent { .. }) || matches!(error, Error::Service { status: 412, .. })
}

/// After a failure: keep temp file and journal for a later resume, unless
/// there is no journal or the progress is worthless.
fn abandon(temp: TempTarget, journal: Option<&Path>, worthless: bool) {
    match journal {
        Some(cp) if worthless => {
            let _ = fs::remove_file(cp);
            temp.remove();
        }
        Some(_) => {}
        None => temp.remove(),
    }
}

fn jitter_seed() -> u64 {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}
