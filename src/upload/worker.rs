//! One upload worker: its own session (its own keep-alive connection), parts taken from a shared
//! queue, each sent with `pread` straight from the file in the pieces libcurl asks for (never a
//! whole part in memory), its CRC-64 computed while sending and checked against the server's,
//! transient failures retried with backoff by sending the whole part again. Small events go back
//! to the coordinator, which alone keeps the journal and reports progress.

use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use super::checkpoint::PartRecord;
use crate::client::{Client, ObjectRef};
use crate::error::Error;
use crate::http::Source;
use crate::ops::multipart::{self as mp, PartOf};
use crate::ops::upload::Upload;
use crate::outcome::Failure;
use crate::transfer::plan::Part;
use crate::transfer::retry::RetryPolicy;

/// How many times a part whose stored CRC-64 differs from the sent one is sent again.
const CORRUPT_RESENDS: u32 = 3;

pub enum Event {
    /// Bytes of part `index` sent so far in its current attempt (monotonic within the part).
    Sent {
        index: u32,
        done: u64,
    },
    Done {
        index: u32,
        record: PartRecord,
    },
    Failed(Failure),
}

/// What every worker shares.
pub struct Shared<'a> {
    pub client: &'a Client,
    pub object: &'a ObjectRef,
    pub upload_id: &'a str,
    pub file: &'a File,
    pub retry: &'a RetryPolicy,
    /// Set by the coordinator on a failure or a cancel: stops the workers, even mid-part.
    pub stop: Arc<AtomicBool>,
}

/// Takes parts until the queue is empty or the coordinator says stop.
pub fn work(shared: &Shared, jobs: &Receiver<Part>, events: &Sender<Event>) {
    let mut session = match shared.client.session() {
        Ok(session) => session,
        Err(e) => {
            let _ = events.send(Event::Failed(e.into()));
            return;
        }
    };
    session.stop_on(shared.stop.clone());
    while let Ok(part) = jobs.recv() {
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        let index = part.index;
        let mut sent = |done: u64, _total: u64| {
            let _ = events.send(Event::Sent { index, done });
        };
        let source = Source::FileRange { file: shared.file, offset: part.offset, len: part.len };
        // The part's CRC is always checked: the journal and the final check rely on it.
        let upload = Upload { source, mime_name: None, enable_crc: true };
        let number = PartOf { upload_id: shared.upload_id, number: index + 1 };
        let mut outcome =
            mp::upload_part(shared.client, &mut session, shared.object, number, upload, shared.retry, Some(&mut sent));
        // A part stored with other bytes than were sent (corrupted on the way) is replaced by
        // sending it again, a few times at most.
        for _ in 0..CORRUPT_RESENDS {
            match &outcome {
                Err(f) if matches!(f.error, Error::Inconsistent { .. }) && !shared.stop.load(Ordering::Relaxed) => {
                    let progress = Some(&mut sent as &mut dyn FnMut(u64, u64));
                    outcome = mp::upload_part(
                        shared.client,
                        &mut session,
                        shared.object,
                        number,
                        upload,
                        shared.retry,
                        progress,
                    );
                }
                _ => break,
            }
        }
        let event = match outcome {
            Ok((answer, _)) => match answer.header("ETag") {
                Some(etag) => Event::Done {
                    index,
                    record: PartRecord { len: part.len, crc: answer.server_crc64(), etag: etag.to_string() },
                },
                None => Event::Failed(Failure::answered(Error::internal("the part's answer has no ETag"), answer)),
            },
            Err(failure) => Event::Failed(failure),
        };
        let failed = matches!(event, Event::Failed(_));
        if events.send(event).is_err() || failed {
            return;
        }
    }
}
