//! The upload's coordinator, on the caller's thread: check the file, plan the parts, start or
//! resume the multipart upload, hand the missing parts to the shared worker pool
//! (`transfer::workers`), collect their progress (the workers write their own journal records
//! and put their parts' records in the shared map), complete with the parts in order and compare
//! the combined CRC-64 with the object's. A failure without checkpoint aborts the upload, so no
//! part is left billed; with one, the upload id and its parts stay for the next run.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use super::checkpoint::{self, file_state, Identity, PartRecord};
use super::resume::{self, Start};
use super::worker::{Sent, Shared};
use super::{Upload, MIN_PART_SIZE};
use crate::client::{Client, ObjectRef};
use crate::config::DEFAULT_SEND_BUFFER;
use crate::crc64;
use crate::error::{codes, ClientCode, Error};
use crate::ops::multipart as mp;
use crate::ops::Parsed;
use crate::outcome::Failure;
use crate::transfer::finish::{check_crc, suffixed};
use crate::transfer::lock::LockFile;
use crate::transfer::plan::{effective_part_size, effective_threads, plan_span, Part, Span};
use crate::transfer::progress::{progress_chunk, Reporter};
use crate::transfer::workers::{Collect, Pool};
use crate::xml::multipart::CompletePart;

/// An upload's receive buffer per connection, bytes (see `upload_client`).
const UPLOAD_RECEIVE_BUFFER: usize = 16 * 1024;
/// The largest send buffer of an upload's connection, bytes (see `upload_client`).
const MAX_SEND_BUFFER: usize = 256 * 1024;
/// What the send buffers of an upload's connections take together at most, bytes.
const SEND_BUFFER_BUDGET: u64 = 3 * MAX_SEND_BUFFER as u64;

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
    // `<checkpoint>.lock`: a second upload of this file to this key (same checkpoint) fails
    // clearly instead of sharing the upload id.
    let holder = "another upload of this file to this key";
    let _lock = cp.as_deref().map(|cp| LockFile::take(suffixed(cp, ".lock"), holder)).transpose()?;
    let threads = effective_threads(u.threads);
    let client = &upload_client(client, part_size, threads);
    let mut session = client.session()?;
    let Start { upload_id, journal, done } = resume::start(client, &mut session, &init, &parts, cp.as_deref(), &fresh)?;
    let journal = journal.map(Mutex::new);
    let shared = Shared {
        client,
        object: &init,
        upload_id: &upload_id,
        file: &file,
        retry: &u.retry,
        journal: journal.as_ref(),
        stop: Arc::new(AtomicBool::new(false)),
        done: Mutex::new(done),
        progress_chunk: progress_chunk(size),
    };
    let sent = send_parts(&shared, &parts, threads, cancel, progress);
    let mut done = shared.done.into_inner().unwrap_or_else(|p| p.into_inner());
    // A file that changed explains a failure better than what it caused (a short read of a
    // truncated file fails the part's request), and no object may be built from it.
    let outcome = unchanged_since(&file, &u.path, (size, mtime_ns, inode))
        .and(sent)
        .and_then(|()| finish(client, &mut session, &complete, &upload_id, &parts, &mut done, u));
    match (&outcome, journal.map(|j| j.into_inner().unwrap_or_else(|p| p.into_inner()))) {
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

/// Sends the parts not yet stored with `threads` workers; collects their progress on this thread.
fn send_parts(
    shared: &Shared,
    parts: &[Part],
    threads: usize,
    cancel: Option<&AtomicBool>,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Result<(), Failure> {
    let total: u64 = parts.iter().map(|p| p.len).sum();
    let (missing, stored) = {
        let done = shared.done.lock().unwrap_or_else(|p| p.into_inner());
        let missing: Vec<Part> = parts.iter().filter(|p| !done.contains_key(&p.index)).copied().collect();
        (missing, done.values().map(|r| r.len).sum())
    };
    let mut tally = Tally { reporter: progress.map(|callback| Reporter::new(total, callback)), counted: stored };
    tally.offer();
    let pool = Pool { threads, stop: &shared.stop, cancel, cancelled: "the upload was cancelled" };
    let failure = pool.run(shared, missing, &mut tally);
    // What the workers counted but had not sent yet: the parts stored say it exactly.
    tally.counted =
        tally.counted.max(shared.done.lock().unwrap_or_else(|p| p.into_inner()).values().map(|r| r.len).sum());
    tally.offer();
    failure.map_or(Ok(()), Err)
}

/// What the collecting thread keeps up to date while the parts are sent.
struct Tally<'p> {
    reporter: Option<Reporter<'p>>,
    /// Bytes of the parts stored before this run, and those the workers reported since.
    counted: u64,
}

impl Tally<'_> {
    fn offer(&mut self) {
        if let Some(r) = self.reporter.as_mut() {
            r.offer(self.counted);
        }
    }
}

impl Collect<Sent> for Tally<'_> {
    fn event(&mut self, Sent(bytes): Sent) -> Result<(), Failure> {
        self.counted += bytes;
        self.offer();
        Ok(())
    }

    /// Nothing to write here: each worker records its own parts (see `worker`).
    fn idle(&mut self) -> Result<(), Failure> {
        Ok(())
    }
}

/// The client the upload's requests go out with: its answers are small documents (a part's is
/// headers only), so a small receive buffer does (libcurl's own default, against the 512 KiB a
/// download wants, per connection). Its bodies are large: a larger send buffer takes a part in
/// fewer reads and sends (256 KiB against libcurl's 64 KiB: ~20% less CPU for parts of 1 MiB and
/// more), but libcurl allocates it anew for every request and each thread's heap keeps it: with
/// 10,000 small parts it cost ~1 MiB of peak RSS for no gain, at 16 threads 4 MiB. So a part of 4
/// reads or fewer keeps 64 KiB, and the threads share a budget of three 256 KiB buffers.
fn upload_client(client: &Client, part_size: u64, threads: usize) -> Client {
    let mut client = client.clone();
    client.config.transfer.receive_buffer = UPLOAD_RECEIVE_BUFFER;
    let share = SEND_BUFFER_BUDGET / threads.max(1) as u64;
    let send = (part_size / 4).min(share).clamp(DEFAULT_SEND_BUFFER as u64, MAX_SEND_BUFFER as u64);
    client.config.transfer.send_buffer = send as usize;
    client
}

/// Completes the upload with every part in order, then compares the parts' combined CRC-64 with
/// the object's (when every part's is known). The ETags move from `done` into the completion's
/// list (the journal keeps them for a next run): at 10,000 parts a copy would be ~0.5 MiB more.
fn finish(
    client: &Client,
    session: &mut crate::http::Session,
    complete: &ObjectRef,
    upload_id: &str,
    parts: &[Part],
    done: &mut BTreeMap<u32, PartRecord>,
    u: &Upload,
) -> Parsed<Vec<u8>> {
    if done.len() != parts.len() {
        return Err(Error::internal("not every part was uploaded").into());
    }
    let crcs: Option<Vec<(u64, u64)>> = done.values().map(|r| r.crc.map(|c| (c, r.len))).collect();
    let list: Vec<CompletePart> = done
        .iter_mut()
        .map(|(index, r)| CompletePart { number: index + 1, etag: std::mem::take(&mut r.etag) })
        .collect();
    let (answer, body) = mp::complete(client, session, complete, upload_id, &list, &u.retry)?;
    match crcs {
        Some(crcs) if u.enable_crc => {
            let combined = crcs.iter().fold(0, |acc, &(crc, len)| crc64::combine(acc, crc, len));
            Ok((check_crc("the uploaded object", combined, answer)?, body))
        }
        _ => Ok((answer, body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Credentials};

    #[test]
    fn the_upload_sizes_its_curl_buffers_by_part_and_threads() {
        let creds = Credentials { access_key_id: "ak".into(), access_key_secret: "sk".into(), security_token: None };
        let client = Client::new(Config::new("127.0.0.1:9000", creds)).unwrap();
        let buffers = |part: u64, threads: usize| {
            let t = upload_client(&client, part, threads).config.transfer;
            (t.receive_buffer / 1024, t.send_buffer / 1024)
        };
        // Small parts keep libcurl's 64 KiB; large ones get 256 KiB, shared out beyond 3 threads.
        assert_eq!(buffers(105 << 10, 3), (16, 64));
        assert_eq!(buffers(512 << 10, 3), (16, 128));
        assert_eq!(buffers(1 << 20, 3), (16, 256));
        assert_eq!(buffers(8 << 20, 1), (16, 256));
        assert_eq!(buffers(8 << 20, 6), (16, 128));
        assert_eq!(buffers(8 << 20, 16), (16, 64));
        // The caller's client keeps its own (a download's 512 KiB receive buffer).
        assert_eq!(client.config.transfer.receive_buffer, 512 << 10);
    }
}
