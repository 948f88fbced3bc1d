//! The coordinator of one resumable download, running on the caller's
//! thread, in four phases:
//! - prepare or resume: HEAD the object, plan the parts (of the whole object,
//!   or of the caller's `Range`), lock and prepare the temp file, load (and
//!   re-verify) the checkpoint;
//! - dispatch: the missing parts, as runs, go to the shared worker pool
//!   (`transfer::workers`);
//! - collect: record each part as it lands, report progress (the pool stops
//!   everyone on the first failure or a cancel);
//! - finish: combine the part CRCs, compare with the server's (whole-object
//!   downloads), sync, rename onto the target, delete the checkpoint.
//!
//! Only this thread touches the checkpoint and calls the progress callback.

use super::checkpoint::{self, Journal, PartRecord};
use super::range::{self, RangeSpec};
use super::resume;
use super::source;
use super::staging::SharedFile;
use super::worker::{Event, Shared};
use super::Download;
use crate::client::{Client, ObjectRef};
use crate::crc64;
use crate::error::{codes, ClientCode, Error, Result};
use crate::http::Response;
use crate::outcome::{Failure, Outcome};
use crate::transfer::finish;
use crate::transfer::plan::{self, Plan, Run, Span};
use crate::transfer::progress::Reporter;
use crate::transfer::retry;
use crate::transfer::target::TempTarget;
use crate::transfer::workers::{Collect, Pool};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A download whose parts are planned and whose temp file is ready.
pub struct Coordinator<'a, 'p> {
    client: &'a Client,
    download: &'a Download,
    cancel: Option<&'a AtomicBool>,
    /// The object as every part request sees it (`source::pinned_object`).
    pinned: ObjectRef,
    head: Response,
    /// Whether the caller asked for a `Range` (the answer is then a 206).
    ranged: bool,
    plan: Plan,
    temp: TempTarget,
    tally: Tally<'p>,
}

/// What the collect phase keeps up to date.
struct Tally<'a> {
    journal: Option<Journal>,
    /// Each part's CRC once it is on disk.
    crcs: Vec<Option<u64>>,
    done_bytes: u64,
    /// The caller's progress callback behind the gate that paces it.
    progress: Option<Reporter<'a>>,
    /// The first failure; later ones are consequences of stopping.
    failure: Option<Failure>,
}

impl<'a, 'p> Coordinator<'a, 'p> {
    /// Phase 1: everything up to the first part request. Fails before any
    /// request when the range could never be honoured or the files could
    /// never be written.
    pub fn prepare_or_resume(
        client: &'a Client,
        download: &'a Download,
        cancel: Option<&'a AtomicBool>,
        progress: Option<&'p mut dyn FnMut(u64, u64)>,
    ) -> std::result::Result<Self, Failure> {
        let range_value = source::header(&download.object.headers, "Range");
        let range: Option<RangeSpec> = range_value.as_deref().map(range::parse).transpose()?;
        // The HEAD and every part carry the caller's headers except the range:
        // parts ask for their own bytes.
        let object =
            ObjectRef { headers: source::without(&download.object.headers, &["Range"]), ..download.object.clone() };
        let checkpoint = locate_checkpoint(client, &object, download)?;
        // The server is asked before the target is looked at, as the official SDK does (a missing
        // object is its 404 whatever the target's directory); the target is checked before any
        // byte is fetched.
        let head = source::head_with_retries(client, &object, &download.retry, cancel)?;
        check_directory(&download.path, "target")?;
        finish::refuse_directory(&download.path)?;
        let span = resolve_span(client, &object, &head, range.zip(range_value.as_deref()))?;
        let plan = plan::plan_span(span.object_size, span.span, download.part_size);
        let temp = TempTarget::open_locked(finish::temp_path(&download.path))?;
        let identity = source::identity(client, &object, &head, &plan, &temp.path, range.is_some());
        let (journal, done) = match resume::prepare(&temp, &plan, checkpoint.as_deref(), &identity) {
            Ok(state) => state,
            Err(e) => {
                if temp.created {
                    temp.remove();
                }
                return Err(e.into());
            }
        };
        let progress = progress.map(|callback| Reporter::new(plan.span.len, callback));
        let mut tally = Tally::new(journal, &plan, &done, progress);
        // A resumed download first reports the bytes already there.
        tally.report(tally.done_bytes);
        let pinned = source::pinned_object(&object, &head);
        Ok(Self { client, download, cancel, pinned, head, ranged: range.is_some(), plan, temp, tally })
    }

    /// Phases 2 and 3: the workers fetch the missing parts while this thread
    /// collects what they report, until every worker has stopped.
    pub fn transfer(&mut self) {
        let runs = dispatch(&self.plan, &self.tally.crcs, self.download.threads);
        let threads = plan::effective_threads(self.download.threads);
        let stop = AtomicBool::new(false);
        let file = SharedFile::new(&self.temp.file);
        let shared = Shared {
            client: self.client,
            object: &self.pinned,
            file: &file,
            temp_path: &self.temp.path,
            object_size: self.plan.object_size,
            file_base: self.plan.span.start,
            span_len: self.plan.span.len,
            stop: &stop,
            policy: self.download.retry.clone(),
            seed: retry::jitter_seed(),
            threads,
        };
        let pool = Pool { threads, stop: &stop, cancel: self.cancel, cancelled: "download cancelled by the caller" };
        self.tally.failure = pool.run(&shared, runs, &mut self.tally);
    }

    /// Phase 4: keep the journal (a failure) or put the verified file in place.
    pub fn finish(mut self) -> Outcome {
        // Keep every recorded part for the next run, whatever happens next.
        if let Some(Err(e)) = self.tally.journal.as_mut().map(Journal::flush) {
            self.tally.failure.get_or_insert(e.into());
        }
        let Self { download, head, plan, temp, mut tally, ranged, .. } = self;
        let journal = tally.journal.as_ref().map(Journal::path);
        if let Some(failure) = tally.failure {
            abandon(temp, journal, discards_progress(&failure.error));
            return Err(failure);
        }
        if tally.crcs.iter().any(Option::is_none) {
            abandon(temp, journal, false);
            return Err(Error::internal("workers stopped with parts missing").into());
        }
        let crc =
            plan.parts.iter().zip(&tally.crcs).fold(0, |acc, (p, c)| crc64::combine(acc, c.expect("checked"), p.len));
        // The server's CRC-64 covers the whole object: it checks a file that is
        // the whole object, and says nothing about a part of it.
        let head = if download.enable_crc && plan.is_whole_object() {
            match finish::check_crc("the downloaded file", crc, head) {
                Ok(head) => head,
                Err(failure) => {
                    abandon(temp, journal, true);
                    return Err(failure);
                }
            }
        } else {
            head
        };
        let temp_path = temp.path.clone();
        if let Err(e) = temp.commit(&download.path) {
            // The bytes are good; a checkpoint (if any) still lets a retry finish.
            // Without one nothing can use them: the temp file goes, as on any failure.
            if tally.journal.is_none() {
                finish::remove_temp(&temp_path);
            }
            return Err(e.into());
        }
        if let Some(j) = tally.journal.take() {
            let _ = fs::remove_file(j.path());
        }
        tally.report(plan.span.len);
        Ok(if ranged { source::ranged_answer(head, &plan) } else { head })
    }
}

impl<'a> Tally<'a> {
    fn new(
        journal: Option<Journal>,
        plan: &Plan,
        done: &BTreeMap<u32, PartRecord>,
        progress: Option<Reporter<'a>>,
    ) -> Self {
        let mut crcs: Vec<Option<u64>> = vec![None; plan.parts.len()];
        let mut done_bytes = 0;
        for (&index, rec) in done {
            crcs[index as usize] = Some(rec.crc);
            done_bytes += rec.len;
        }
        Tally { journal, crcs, done_bytes, progress, failure: None }
    }

    fn report(&mut self, done: u64) {
        if let Some(reporter) = self.progress.as_mut() {
            reporter.offer(done);
        }
    }
}

/// Phase 3: what the workers report, on this thread.
impl Collect<Event> for Tally<'_> {
    fn event(&mut self, event: Event) -> std::result::Result<(), Failure> {
        match event {
            Event::Progress(n) => {
                self.done_bytes += n;
                self.report(self.done_bytes);
            }
            Event::Done { index, record } => {
                self.crcs[index as usize] = Some(record.crc);
                if let Some(j) = self.journal.as_mut() {
                    j.record(index, &record)?;
                }
            }
        }
        Ok(())
    }

    /// Records go out in one write per burst: when no event waits.
    fn idle(&mut self) -> std::result::Result<(), Failure> {
        self.journal.as_mut().map_or(Ok(()), Journal::flush).map_err(Failure::from)
    }
}

/// Phase 2: the parts not yet done, as runs (the pool starts no more workers
/// than there are runs).
fn dispatch(plan: &Plan, crcs: &[Option<u64>], threads: i32) -> Vec<Run> {
    let missing: Vec<_> = plan.parts.iter().filter(|p| crcs[p.index as usize].is_none()).copied().collect();
    plan::runs(&missing, plan::effective_threads(threads))
}

/// The object's size and the bytes to fetch: the caller's range resolved
/// against the size the HEAD reports, or the whole object.
struct Resolved {
    object_size: u64,
    span: Span,
}

fn resolve_span(
    client: &Client,
    object: &ObjectRef,
    head: &Response,
    range: Option<(RangeSpec, &str)>,
) -> std::result::Result<Resolved, Failure> {
    let size = head
        .content_length()
        .ok_or_else(|| Error::transport(ClientCode::ServiceError, "the HEAD answer has no Content-Length"))?;
    let span = match range {
        Some((spec, value)) => spec.resolve(size).ok_or_else(|| range::unsatisfiable(client, object, head, value))?,
        None => Span::whole(size),
    };
    Ok(Resolved { object_size: size, span })
}

/// Where the journal lives, when checkpointing is on; its directory must exist.
fn locate_checkpoint(client: &Client, object: &ObjectRef, download: &Download) -> Result<Option<PathBuf>> {
    let Some(requested) = &download.checkpoint else { return Ok(None) };
    let cp = checkpoint::locate(requested, &source::source_label(client, object), &download.path)?;
    check_directory(&cp, "checkpoint")?;
    Ok(Some(cp))
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
            codes::OPEN_FILE,
            format!("cannot create the {what} file {}: no such directory", path.display()),
        ));
    }
    Ok(())
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
