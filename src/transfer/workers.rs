//! The worker pool both engines run their parts on: `threads` scoped threads (never more than
//! there are jobs) take jobs from one queue, each making its own state (its session: its own
//! keep-alive connection) when it takes its first job, and send small events back. The caller's
//! thread alone collects them (so only it calls the progress callback; the engine decides who
//! writes its journal: the collector for downloads, each worker for its own part for uploads),
//! looks at the caller's cancel flag while it waits, and on the first failure or a cancel sets
//! the stop flag, which the workers (and their requests in flight) obey. `run` returns once
//! every worker has stopped, with the first failure; later ones are consequences of stopping.

use crate::error::Error;
use crate::outcome::Failure;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the caller's thread looks at the cancel flag while no event comes.
const POLL: Duration = Duration::from_millis(100);

/// What every worker of one transfer does (shared by reference between them).
pub trait Work: Sync {
    type Job: Send;
    type Event: Send;
    /// One worker's own state, made on the worker's thread when it takes its first job.
    type State;

    /// `worker` numbers the workers from 0 (a seed for each one's jitter, say).
    fn start(&self, worker: usize) -> Result<Self::State, Failure>;

    /// One job, its events sent as they happen. An error ends this worker and stops the pool.
    fn work(&self, state: &mut Self::State, job: Self::Job, events: &Events<'_, Self::Event>) -> Result<(), Failure>;
}

/// What the caller's thread does with the workers' events.
pub trait Collect<E> {
    /// One event; an error stops the pool like a worker's failure.
    fn event(&mut self, event: E) -> Result<(), Failure>;

    /// Called whenever no event waits: the moment to write what a burst of events left buffered.
    fn idle(&mut self) -> Result<(), Failure>;
}

/// A worker's way back to the caller's thread.
pub struct Events<'a, E> {
    tx: &'a Sender<Message<E>>,
}

impl<E> Events<'_, E> {
    pub fn send(&self, event: E) {
        // The receiver lives until every worker has stopped: a send cannot fail.
        let _ = self.tx.send(Message::Event(event));
    }
}

enum Message<E> {
    Event(E),
    Failed(Failure),
}

/// One run of the pool: how many workers, the flag that stops them, the caller's cancel flag.
pub struct Pool<'a> {
    pub threads: usize,
    /// Set by the pool on the first failure or a cancel; the workers' requests watch it too.
    pub stop: &'a AtomicBool,
    pub cancel: Option<&'a AtomicBool>,
    /// The message of the failure a cancel ends the transfer with.
    pub cancelled: &'a str,
}

impl Pool<'_> {
    /// Runs every job on the workers and collects their events on this thread until all of them
    /// have stopped. Each job is taken by exactly one worker; after a failure or a cancel, jobs
    /// not yet taken are left. Returns the first failure.
    pub fn run<W: Work>(&self, work: &W, jobs: Vec<W::Job>, collect: &mut impl Collect<W::Event>) -> Option<Failure> {
        let workers = self.threads.min(jobs.len());
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        jobs.into_iter().for_each(|job| job_tx.send(job).expect("the queue is open"));
        drop(job_tx);
        let (event_tx, event_rx) = crossbeam_channel::unbounded();
        std::thread::scope(|scope| {
            for index in 0..workers {
                let (jobs, tx) = (&job_rx, event_tx.clone());
                scope.spawn(move || {
                    if let Err(failure) = serve(work, index, jobs, &Events { tx: &tx }, self.stop) {
                        let _ = tx.send(Message::Failed(failure));
                    }
                });
            }
            drop(event_tx);
            self.collect(&event_rx, collect)
        })
    }

    /// The caller's side: events, buffered writes when idle, the cancel flag; until every worker
    /// has dropped its sender.
    fn collect<E>(&self, events: &Receiver<Message<E>>, collect: &mut impl Collect<E>) -> Option<Failure> {
        let mut failure: Option<Failure> = None;
        let mut fail = |f: Failure| {
            failure.get_or_insert(f);
            self.stop.store(true, Ordering::Relaxed);
        };
        loop {
            match events.recv_timeout(POLL) {
                Ok(Message::Event(event)) => collect.event(event).unwrap_or_else(&mut fail),
                Ok(Message::Failed(f)) => fail(f),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if events.is_empty() {
                collect.idle().unwrap_or_else(&mut fail);
            }
            if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) && !self.stop.load(Ordering::Relaxed) {
                fail(Error::Aborted { message: self.cancelled.to_string() }.into());
            }
        }
        failure
    }
}

/// One worker: jobs until the queue is empty, the pool stops, or a job fails.
fn serve<W: Work>(
    work: &W,
    index: usize,
    jobs: &Receiver<W::Job>,
    events: &Events<'_, W::Event>,
    stop: &AtomicBool,
) -> Result<(), Failure> {
    let mut state = None;
    while !stop.load(Ordering::Relaxed) {
        let Ok(job) = jobs.recv() else { break };
        if state.is_none() {
            state = Some(work.start(index)?);
        }
        work.work(state.as_mut().expect("made above"), job, events)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Mutex;

    /// Jobs are numbers; `fail_on` fails that job; `block_on` waits (bounded) for the stop flag.
    struct Numbers<'a> {
        stop: &'a AtomicBool,
        started: AtomicUsize,
        taken: Mutex<Vec<u32>>,
        fail_on: Option<u32>,
        block_on: Option<u32>,
    }

    impl Work for Numbers<'_> {
        type Job = u32;
        type Event = u32;
        type State = usize;

        fn start(&self, worker: usize) -> Result<usize, Failure> {
            self.started.fetch_add(1, Ordering::Relaxed);
            Ok(worker)
        }

        fn work(&self, _: &mut usize, job: u32, events: &Events<'_, u32>) -> Result<(), Failure> {
            self.taken.lock().unwrap().push(job);
            if Some(job) == self.fail_on {
                return Err(Error::internal(format!("job {job} failed")).into());
            }
            if Some(job) == self.block_on {
                for _ in 0..500 {
                    if self.stop.load(Ordering::Relaxed) {
                        return Err(Error::Aborted { message: "stopped".into() }.into());
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            events.send(job);
            Ok(())
        }
    }

    fn numbers(stop: &AtomicBool, fail_on: Option<u32>, block_on: Option<u32>) -> Numbers<'_> {
        Numbers { stop, started: AtomicUsize::new(0), taken: Mutex::new(Vec::new()), fail_on, block_on }
    }

    /// Keeps every event and counts the idle calls; `cancel_after` sets the cancel flag.
    struct Tally<'a> {
        seen: Vec<u32>,
        idles: usize,
        cancel_after: Option<(usize, &'a AtomicBool)>,
    }

    impl Collect<u32> for Tally<'_> {
        fn event(&mut self, event: u32) -> Result<(), Failure> {
            self.seen.push(event);
            if let Some((n, cancel)) = self.cancel_after {
                if self.seen.len() >= n {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            Ok(())
        }

        fn idle(&mut self) -> Result<(), Failure> {
            self.idles += 1;
            Ok(())
        }
    }

    fn pool<'a>(threads: usize, stop: &'a AtomicBool, cancel: Option<&'a AtomicBool>) -> Pool<'a> {
        Pool { threads, stop, cancel, cancelled: "cancelled by the test" }
    }

    #[test]
    fn every_job_is_done_exactly_once_and_its_events_reach_the_caller() {
        let stop = AtomicBool::new(false);
        let work = numbers(&stop, None, None);
        let mut tally = Tally { seen: Vec::new(), idles: 0, cancel_after: None };
        let failure = pool(4, &stop, None).run(&work, (0..1000).collect(), &mut tally);
        assert!(failure.is_none());
        let mut taken = work.taken.into_inner().unwrap();
        taken.sort_unstable();
        assert_eq!(taken, (0..1000).collect::<Vec<_>>());
        tally.seen.sort_unstable();
        assert_eq!(tally.seen, (0..1000).collect::<Vec<_>>());
        assert!(tally.idles >= 1);
        assert!((1..=4).contains(&work.started.load(Ordering::Relaxed)));
    }

    #[test]
    fn never_more_workers_than_jobs_and_none_without_jobs() {
        let stop = AtomicBool::new(false);
        let work = numbers(&stop, None, None);
        let mut tally = Tally { seen: Vec::new(), idles: 0, cancel_after: None };
        assert!(pool(8, &stop, None).run(&work, vec![7], &mut tally).is_none());
        assert_eq!((work.started.load(Ordering::Relaxed), tally.seen), (1, vec![7]));
        let none = numbers(&stop, None, None);
        let mut tally = Tally { seen: Vec::new(), idles: 0, cancel_after: None };
        assert!(pool(8, &stop, None).run(&none, Vec::new(), &mut tally).is_none());
        assert_eq!(none.started.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn the_first_failure_stops_the_others_and_is_the_one_returned() {
        let stop = AtomicBool::new(false);
        // Job 0 blocks until stopped (its own failure comes second); job 1 fails first.
        let work = numbers(&stop, Some(1), Some(0));
        let mut tally = Tally { seen: Vec::new(), idles: 0, cancel_after: None };
        let failure = pool(2, &stop, None).run(&work, (0..1000).collect(), &mut tally).expect("a failure");
        assert!(matches!(&failure.error, Error::Internal { message } if message == "job 1 failed"));
        assert!(stop.load(Ordering::Relaxed));
        // Each worker took one job and stopped: the other 998 were left.
        let taken: BTreeSet<u32> = work.taken.into_inner().unwrap().into_iter().collect();
        assert_eq!(taken, BTreeSet::from([0, 1]));
        assert!(tally.seen.is_empty());
    }

    #[test]
    fn a_cancel_stops_the_workers_with_the_callers_message() {
        let stop = AtomicBool::new(false);
        let cancel = AtomicBool::new(false);
        // One job never ends by itself: only the stop flag a cancel sets ends it.
        let work = numbers(&stop, None, Some(3));
        let mut tally = Tally { seen: Vec::new(), idles: 0, cancel_after: Some((2, &cancel)) };
        let failure = pool(2, &stop, Some(&cancel)).run(&work, (0..1000).collect(), &mut tally).expect("cancelled");
        assert!(matches!(&failure.error, Error::Aborted { message } if message == "cancelled by the test"));
        assert!(stop.load(Ordering::Relaxed));
        assert!(!tally.seen.contains(&3), "the blocked job was stopped, not finished");
    }
}
