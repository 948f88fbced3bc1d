//! The upload's coordinator, on the caller's thread: check the file, plan the parts, start or
//! resume the multipart upload, hand the missing parts to the workers, collect their events
//! (journal records, progress), complete with the parts in order and compare the combined CRC-64
//! with the object's. A failure without checkpoint aborts the upload, so no part is left billed;
//! with one, the upload id and its parts stay for the next run.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::RecvTimeoutError;

use super::checkpoint::{self, file_state, Identity, Journal, PartRecord};
use super::resume::{self, Start};
use super::worker::{self, Event, Shared};
use super::{Upload, MIN_PART_SIZE};
use crate::client::{Client, ObjectRef};
use crate::crc64;
use crate::error::{codes, ClientCode, Error};
use crate::ops::multipart as mp;
use crate::ops::Parsed;
use crate::outcome::Failure;
use crate::transfer::finish::check_crc;
use crate::transfer::plan::{effective_part_size, effective_threads, plan_span, Part, Span};
use crate::transfer::progress::Reporter;
use crate::xml::multipart::CompletePart;

/// Runs the upload. `cancel`, set from another thread, stops it within about a second, parts in
/// flight included (the checkpoint, if any, stays); `progress` is called on this thread with (bytes stored, file size),
/// the first time with what a resumed upload already has.
pub fn run(
    client: &Client,
    u: &Upload,
    cancel: Option<&AtomicBool>,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Parsed<Vec<u8>> {
    let (file, meta) = open(&u.path)?;
    let (size, mtime_ns, inode) = file_state(&meta);
    let part_size = effective_part_size(size, u.part_size).max(MIN_PART_SIZE);
    let mut parts = plan_span(size, Span::whole(size), part_size as i64).parts;
    if parts.is_empty() {
        // An empty file is one empty part: a completion needs at least one.
        parts.push(Part { index: 0, offset: 0, len: 0 });
    }
    let (init, complete) = split_headers(&u.object);
    let fresh = Identity {
        endpoint: client.config.endpoint.clone(),
        bucket: u.object.bucket.clone(),
        key: u.object.key.clone(),
        upload_id: String::new(),
        size,
        mtime_ns,
        inode,
        part_size,
        path_hex: Identity::encode_path(&std::path::absolute(&u.path).unwrap_or_else(|_| u.path.clone())),
    };
    let source = format!("{}\n{}\n{}\n", client.config.endpoint, u.object.bucket, u.object.key);
    let cp = u.checkpoint.as_deref().map(|req| checkpoint::locate(req, &source, &u.path)).transpose()?;
    let _lock = cp.as_deref().map(Lock::take).transpose()?;
    let mut session = client.session()?;
    let Start { upload_id, mut journal, mut done } =
        resume::start(client, &mut session, &init, &parts, cp.as_deref(), &fresh)?;
    let shared = Shared {
        client,
        object: &init,
        upload_id: &upload_id,
        file: &file,
        retry: &u.retry,
        stop: Arc::new(AtomicBool::new(false)),
    };
    let threads = effective_threads(u.threads);
    let sent = send_parts(&shared, &parts, threads, &mut done, journal.as_mut(), cancel, progress);
    // A file that changed explains a failure better than what it caused (a short read of a
    // truncated file fails the part's request), and no object may be built from it.
    let outcome = unchanged_since(&file, &u.path, (size, mtime_ns, inode))
        .and(sent)
        .and_then(|()| finish(client, &mut session, &complete, &upload_id, &parts, &done, u));
    match (&outcome, journal) {
        (Ok(_), Some(journal)) => {
            let _ = std::fs::remove_file(journal.path());
        }
        (Err(failure), Some(journal)) if is_crc_mismatch(failure) => {
            // The upload is complete on the server: nothing is left to resume.
            let _ = std::fs::remove_file(journal.path());
        }
        (Err(_), None) => {
            let _ = mp::abort(client, &mut session, &init, &upload_id);
        }
        _ => {}
    }
    outcome
}

/// `<checkpoint>.lock`, held under an exclusive advisory lock for the whole upload, so that a
/// second upload of this file to this key (same checkpoint) fails clearly instead of sharing the
/// upload id. The lock dies with the process; the file is removed when the upload ends (a killed
/// upload leaves an empty, unlocked one behind, which the next run reuses).
struct Lock {
    path: std::path::PathBuf,
    _file: File,
}

impl Lock {
    fn take(cp: &Path) -> Result<Lock, Error> {
        let path = crate::transfer::finish::suffixed(cp, ".lock");
        let fail = |e: &std::io::Error| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot lock", &path, e);
        let file = std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(&path);
        let file = file.map_err(|e| fail(&e))?;
        match crate::sys::try_lock_exclusive(&file) {
            Ok(()) => Ok(Lock { path, _file: file }),
            Err(e) if crate::sys::is_lock_contended(&e) => Err(Error::file(
                ClientCode::OpenFileError,
                codes::OPEN_FILE,
                format!("{} is locked: another upload of this file to this key is in progress", path.display()),
            )),
            Err(e) => Err(fail(&e)),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Refuses to complete when the file changed while its parts were read (size, modification time
/// or inode): the parts may mix old and new bytes, and no object is built from such a read.
fn unchanged_since(file: &File, path: &Path, was: (u64, i128, u64)) -> Result<(), Failure> {
    let now = file.metadata().map(|m| file_state(&m)).ok();
    if now == Some(was) && std::fs::metadata(path).map(|m| file_state(&m)).ok() == Some(was) {
        return Ok(());
    }
    let message = format!("{} changed while it was uploaded", path.display());
    Err(Error::file(ClientCode::FileReadError, codes::OPEN_FILE, message).into())
}

fn is_crc_mismatch(failure: &Failure) -> bool {
    matches!(failure.error, Error::Inconsistent { .. })
}

/// Opens the file to upload, before any request: missing, unreadable or a directory is
/// `OpenFileFail`.
pub(super) fn open(path: &Path) -> Result<(File, std::fs::Metadata), Error> {
    let fail = |what: &str, e: std::io::Error| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, what, path, &e);
    let file = File::open(path).map_err(|e| fail("cannot open", e))?;
    let meta = file.metadata().map_err(|e| fail("cannot read the size of", e))?;
    if meta.is_dir() {
        let message = format!("{} is a directory", path.display());
        return Err(Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, message));
    }
    Ok((file, meta))
}

/// The object as the initiation sees it (the caller's headers but the callback's, no query) and
/// as the completion sees it (the callback headers and the caller's query).
fn split_headers(object: &ObjectRef) -> (ObjectRef, ObjectRef) {
    let is_callback = |name: &str| name.to_ascii_lowercase().starts_with("x-oss-callback");
    let (callback, others): (Vec<_>, Vec<_>) = object.headers.iter().cloned().partition(|(n, _)| is_callback(n));
    let base = ObjectRef { bucket: object.bucket.clone(), key: object.key.clone(), ..ObjectRef::default() };
    let init = ObjectRef { headers: others, ..base.clone() };
    let complete = ObjectRef { headers: callback, query: object.query.clone(), ..base };
    (init, complete)
}

/// Sends the parts not in `done` with `threads` workers; collects their events on this thread.
fn send_parts(
    shared: &Shared,
    parts: &[Part],
    threads: usize,
    done: &mut BTreeMap<u32, PartRecord>,
    mut journal: Option<&mut Journal>,
    cancel: Option<&AtomicBool>,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Result<(), Failure> {
    let total: u64 = parts.iter().map(|p| p.len).sum();
    let mut stored: u64 = done.values().map(|r| r.len).sum();
    let mut reporter = progress.map(|callback| Reporter::new(total, callback));
    if let Some(r) = reporter.as_mut() {
        r.offer(stored);
    }
    let missing: Vec<Part> = parts.iter().filter(|p| !done.contains_key(&p.index)).copied().collect();
    let (job_tx, job_rx) = crossbeam_channel::unbounded();
    missing.iter().for_each(|p| job_tx.send(*p).expect("the queue is open"));
    drop(job_tx);
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let mut failure: Option<Failure> = None;
    std::thread::scope(|scope| {
        for _ in 0..threads.min(missing.len()) {
            let (jobs, events) = (job_rx.clone(), event_tx.clone());
            scope.spawn(move || worker::work(shared, &jobs, &events));
        }
        drop(event_tx);
        let mut in_flight: HashMap<u32, u64> = HashMap::new();
        loop {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) && failure.is_none() {
                failure = Some(Error::Aborted { message: "the upload was cancelled".into() }.into());
                shared.stop.store(true, Ordering::Relaxed);
            }
            let event = match event_rx.recv_timeout(Duration::from_millis(100)) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            match event {
                Event::Sent { index, done } => {
                    in_flight.insert(index, done);
                }
                Event::Done { index, record } => {
                    in_flight.remove(&index);
                    stored += record.len;
                    if let Some(j) = journal.as_deref_mut() {
                        if let Err(e) = j.record(index + 1, &record) {
                            failure.get_or_insert(e.into());
                            shared.stop.store(true, Ordering::Relaxed);
                        }
                    }
                    done.insert(index, record);
                }
                Event::Failed(f) => {
                    failure.get_or_insert(f);
                    shared.stop.store(true, Ordering::Relaxed);
                }
            }
            if let Some(r) = reporter.as_mut() {
                r.offer(stored + in_flight.values().sum::<u64>());
            }
            // Records are written when no event waits: one write for a burst of finished parts.
            if event_rx.is_empty() {
                if let Some(j) = journal.as_deref_mut() {
                    let _ = j.flush();
                }
            }
        }
    });
    if let Some(j) = journal {
        j.flush().map_err(Failure::from)?;
    }
    failure.map_or(Ok(()), Err)
}

/// Completes the upload with every part in order, then compares the parts' combined CRC-64 with
/// the object's (when every part's is known).
fn finish(
    client: &Client,
    session: &mut crate::http::Session,
    complete: &ObjectRef,
    upload_id: &str,
    parts: &[Part],
    done: &BTreeMap<u32, PartRecord>,
    u: &Upload,
) -> Parsed<Vec<u8>> {
    let list: Vec<CompletePart> =
        done.iter().map(|(index, r)| CompletePart { number: index + 1, etag: r.etag.clone() }).collect();
    if list.len() != parts.len() {
        return Err(Error::internal("not every part was uploaded").into());
    }
    let (answer, body) = mp::complete(client, session, complete, upload_id, &list, &u.retry)?;
    let crcs: Option<Vec<(u64, u64)>> = done.values().map(|r| r.crc.map(|c| (c, r.len))).collect();
    match crcs {
        Some(crcs) if u.enable_crc => {
            let combined = crcs.iter().fold(0, |acc, &(crc, len)| crc64::combine(acc, crc, len));
            Ok((check_crc("the uploaded object", combined, answer)?, body))
        }
        _ => Ok((answer, body)),
    }
}
