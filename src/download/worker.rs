//! The download's work on the shared worker pool (`transfer::workers`): each worker has one
//! `Session` (one keep-alive connection) for all the runs of parts it takes, one ranged request
//! per run. It retries transient failures, continuing from the last byte written, and sends
//! small events back to the coordinator: progress, part done (as each part completes); a run
//! that fails for good is the worker's failure.

use super::checkpoint::PartRecord;
use super::sink::{RunSink, RunState, SinkEvent};
use super::staging::{staging_bytes, SharedFile, Staging};
use crate::client::{Client, ObjectRef};
use crate::error::{ClientCode, Error};
use crate::http::{Method, Session};
use crate::outcome::{self, Failure};
use crate::transfer::plan::Run;
use crate::transfer::retry::{sleep_unless_stopped, Jitter, RetryPolicy};
use crate::transfer::workers::{Events, Work};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

pub enum Event {
    /// More bytes are on disk.
    Progress(u64),
    Done {
        index: u32,
        record: PartRecord,
    },
}

/// What every worker of one download shares (borrowed from the coordinator).
pub struct Shared<'a> {
    pub client: &'a Client,
    /// The object, with `If-Match` and `x-oss-range-behavior` already added.
    pub object: &'a ObjectRef,
    pub file: &'a SharedFile<'a>,
    pub temp_path: &'a Path,
    pub object_size: u64,
    /// Object offset of the file's first byte (a ranged download's start).
    pub file_base: u64,
    /// Bytes the whole download fetches (sizes the progress events).
    pub span_len: u64,
    /// Set by the coordinator to stop everyone (failure or cancellation).
    pub stop: &'a AtomicBool,
    pub policy: RetryPolicy,
    /// The workers' jitter seeds start here (one apart).
    pub seed: u64,
    /// How many workers share the download (sizes each one's staging buffer).
    pub threads: usize,
}

impl Work for Shared<'_> {
    type Job = Run;
    type Event = Event;
    /// The worker's connection, its own jitter so that workers do not retry in step, and its
    /// bytes on their way to the file.
    type State = (Session, Jitter, Staging);

    fn start(&self, worker: usize) -> Result<Self::State, Failure> {
        Ok((
            self.client.session()?,
            Jitter::new(self.seed.wrapping_add(worker as u64)),
            Staging::new(staging_bytes(self.threads)),
        ))
    }

    fn work(&self, state: &mut Self::State, run: Run, events: &Events<'_, Event>) -> Result<(), Failure> {
        let (session, jitter, staging) = state;
        fetch_run(self, Worker { session, staging }, run, events, jitter)
    }
}

/// What a worker keeps from run to run.
struct Worker<'w> {
    session: &'w mut Session,
    staging: &'w mut Staging,
}

/// One run, with retries; its parts are reported done as they complete.
fn fetch_run(
    shared: &Shared<'_>,
    mut worker: Worker<'_>,
    run: Run,
    events: &Events<'_, Event>,
    jitter: &mut Jitter,
) -> Result<(), Failure> {
    let (offset, len) = (run.offset(), run.end() - run.offset());
    let mut state = RunState::new(run);
    let (mut attempts, mut fruitless) = (0u32, 0u32);
    loop {
        attempts += 1;
        let before = state.cursor;
        let failure = match attempt(shared, &mut worker, &mut state, events) {
            Ok(()) if state.is_complete() => {
                crate::sys::start_writeback(shared.file.file(), offset, len);
                return Ok(());
            }
            // The sink saw every byte the server promised, yet fewer than asked.
            Ok(()) => Failure::from(Error::transport(ClientCode::ReadBodyError, "ranged answer ended early")),
            Err(f) => f,
        };
        fruitless = if state.cursor > before { 0 } else { fruitless + 1 };
        let give_up = shared.stop.load(Ordering::Relaxed)
            || !failure.error.is_transient()
            || attempts >= shared.policy.max_total
            || fruitless >= shared.policy.max_fruitless;
        if give_up {
            return Err(failure);
        }
        sleep_unless_stopped(
            shared.policy.before_retry(attempts, fruitless, &failure.error, jitter.next_u64()),
            shared.stop,
        );
    }
}

fn attempt(
    shared: &Shared<'_>,
    worker: &mut Worker<'_>,
    state: &mut RunState,
    events: &Events<'_, Event>,
) -> Result<(), Failure> {
    let range = [("Range".to_string(), state.range_header())];
    let request = shared.client.object_request(Method::Get, shared.object, &range, &[])?;
    let mut forward = |event: SinkEvent| {
        events.send(match event {
            SinkEvent::Progress(n) => Event::Progress(n),
            SinkEvent::PartDone(index, record) => Event::Done { index, record },
        });
    };
    let mut sink = RunSink {
        state,
        file: shared.file,
        staging: worker.staging,
        temp_path: shared.temp_path,
        object_size: shared.object_size,
        file_base: shared.file_base,
        stop: shared.stop,
        unreported: 0,
        progress_chunk: crate::transfer::progress::progress_chunk(shared.span_len),
        events: &mut forward,
    };
    let result = worker.session.execute_abortable(&request, &mut sink, Some(shared.stop));
    // Whatever the exchange's outcome, what it staged goes to the file: a retry continues after
    // it. Bytes that could not be written fail the run (not a transient error), never a retry.
    sink.flush()?;
    let response = result?;
    outcome::judge(response).map(drop)
}
