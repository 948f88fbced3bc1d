//! The upload's work on the shared worker pool (`transfer::workers`): each worker has its own
//! session (its own keep-alive connection) and takes parts from the pool's queue, each sent
//! with `pread` straight from the file in the pieces libcurl asks for (never a whole part in
//! memory), its CRC-64 computed while sending and checked against the server's, transient
//! failures retried with backoff by sending the whole part again. A worker appends its part's
//! record to the journal itself (one write) before it takes another part: a kill then costs at
//! most the one part each worker had in flight, whatever the collecting thread was doing. The
//! record also goes straight into the shared map of stored parts, which the coordinator reads once
//! the pool has ended; the only events are progress, sent in chunks (a wake-up of the collecting
//! thread per network read cost more CPU than the reads). A part that fails for good is the
//! worker's failure.

use std::collections::BTreeMap;
use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::checkpoint::{Journal, PartRecord};
use crate::client::{Client, ObjectRef};
use crate::error::Error;
use crate::http::{Session, Source};
use crate::ops::multipart::{self as mp, PartOf};
use crate::ops::upload::Upload;
use crate::outcome::Failure;
use crate::transfer::plan::Part;
use crate::transfer::retry::RetryPolicy;
use crate::transfer::workers::{Events, Work};

/// How many times a part whose stored CRC-64 differs from the sent one is sent again.
const CORRUPT_RESENDS: u32 = 3;

/// This many more bytes were sent for the first time (a part sent again counts only past the
/// furthest its earlier attempts got), or belong to parts now stored.
pub struct Sent(pub u64);

/// What every worker shares.
pub struct Shared<'a> {
    pub client: &'a Client,
    pub object: &'a ObjectRef,
    pub upload_id: &'a str,
    pub file: &'a File,
    pub retry: &'a RetryPolicy,
    /// The checkpoint, when there is one: each finished part's record goes in at once.
    pub journal: Option<&'a Mutex<Journal>>,
    /// Set by the coordinator on a failure or a cancel: stops the workers, even mid-part.
    pub stop: Arc<AtomicBool>,
    /// The parts stored, by index: those of earlier runs, and each worker's as it finishes one.
    pub done: Mutex<BTreeMap<u32, PartRecord>>,
    /// How many bytes a worker counts before it sends them as one event.
    pub progress_chunk: u64,
}

/// One worker's own: its session, and the bytes it counted but has not reported yet.
pub struct Worker {
    session: Session,
    unreported: u64,
}

/// Counts `bytes` more into `unreported`; sends them once they make a chunk.
fn count(unreported: &mut u64, bytes: u64, chunk: u64, events: &Events<'_, Sent>) {
    *unreported += bytes;
    if *unreported >= chunk {
        events.send(Sent(std::mem::take(unreported)));
    }
}

impl Work for Shared<'_> {
    type Job = Part;
    type Event = Sent;
    type State = Worker;

    fn start(&self, _worker: usize) -> Result<Worker, Failure> {
        let mut session = self.client.session()?;
        session.stop_on(self.stop.clone());
        Ok(Worker { session, unreported: 0 })
    }

    fn work(&self, worker: &mut Worker, part: Part, events: &Events<'_, Sent>) -> Result<(), Failure> {
        let index = part.index;
        let Worker { session, unreported } = worker;
        // The furthest any attempt of this part got: a retry counts only what lies beyond it.
        let mut high = 0u64;
        let mut sent = |done: u64, _total: u64| {
            if done > high {
                count(unreported, done - std::mem::replace(&mut high, done), self.progress_chunk, events);
            }
        };
        let source = Source::FileRange { file: self.file, offset: part.offset, len: part.len };
        // The part's CRC is always checked: the journal and the final check rely on it.
        let upload = Upload { source, mime_name: None, enable_crc: true };
        let number = PartOf { upload_id: self.upload_id, number: index + 1 };
        let mut send = |session: &mut Session| {
            let progress = Some(&mut sent as &mut dyn FnMut(u64, u64));
            mp::upload_part(self.client, session, self.object, number, upload, self.retry, progress)
        };
        let mut outcome = send(session);
        // A part stored with other bytes than were sent (corrupted on the way) is replaced by
        // sending it again, a few times at most.
        for _ in 0..CORRUPT_RESENDS {
            let corrupted = matches!(&outcome, Err(f) if matches!(f.error, Error::Inconsistent { .. }));
            if !corrupted || self.stop.load(Ordering::Relaxed) {
                break;
            }
            outcome = send(session);
        }
        let (answer, _) = outcome?;
        let Some(etag) = answer.header("ETag") else {
            return Err(Failure::answered(Error::internal("the part's answer has no ETag"), answer));
        };
        let record = PartRecord { len: part.len, crc: answer.server_crc64(), etag: etag.to_string() };
        if let Some(journal) = self.journal {
            let mut journal = journal.lock().unwrap_or_else(|p| p.into_inner());
            journal.record(index + 1, &record).and_then(|()| journal.flush())?;
        }
        self.done.lock().unwrap_or_else(|p| p.into_inner()).insert(index, record);
        // What the body never reported (an empty part) is stored all the same.
        count(unreported, part.len - high, self.progress_chunk, events);
        Ok(())
    }
}
