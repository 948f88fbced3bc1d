//! One call's diagnostics: the INFO line that ends a successful call and the line of a failed
//! one (operation, bucket, key, status, error code, request id, requests, retries, parts, bytes,
//! time; ERROR, or INFO for the server's 4xx answer and a cancel: [`severity`]), and the
//! counters gathered for them while the call runs.
//!
//! A call (every `oss_*` request function goes through [`traced`] at the C boundary; Rust code
//! may use it too) makes a [`CallLog`] and makes it the current one of its thread. A `Client`
//! made during the call keeps it, and the sessions it makes — also on an engine's worker
//! threads — count their requests and bytes into it and make it current on their own thread, so
//! that a retry decided there ([`crate::transfer::retry::RetryPolicy::before_retry`]) is counted
//! and named too. With even ERROR disabled nothing is made and nothing is counted.

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crate::error::{ClientCode, Error};
use crate::log::{self, Level};
use crate::log_at;
use crate::outcome::Outcome;

/// What one call has done so far.
#[derive(Debug)]
pub struct CallLog {
    operation: &'static str,
    /// ` bucket=… key=…`, from the first request the call builds.
    target: OnceLock<String>,
    started: Instant,
    requests: AtomicU64,
    retries: AtomicU64,
    parts: AtomicU64,
    sent: AtomicU64,
    received: AtomicU64,
}

thread_local! {
    /// The call this thread works for (a call's own thread, or a worker of its engine).
    static CURRENT: RefCell<Option<Arc<CallLog>>> = const { RefCell::new(None) };
}

impl CallLog {
    fn new(operation: &'static str) -> Self {
        CallLog {
            operation,
            target: OnceLock::new(),
            started: Instant::now(),
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
            parts: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            received: AtomicU64::new(0),
        }
    }

    /// The operation's name (`oss_get_object_to_file` ...).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Records which bucket (and object) the call is about; the first request decides.
    pub(crate) fn note_target(&self, bucket: &str, key: Option<&str>) {
        if self.target.get().is_none() {
            let _ = self.target.set(match key {
                Some(key) => format!(" bucket={bucket} key={key}"),
                None => format!(" bucket={bucket}"),
            });
        }
    }

    /// Counts one HTTP exchange and the body bytes it moved.
    pub(crate) fn note_exchange(&self, sent: u64, received: u64) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.sent.fetch_add(sent, Ordering::Relaxed);
        self.received.fetch_add(received, Ordering::Relaxed);
    }

    /// Logs the end of the call: INFO for a success, and for a failure the level and the word
    /// [`severity`] gives it.
    fn report(&self, outcome: &Outcome) {
        match outcome {
            Err(failure) => {
                let (level, ended) = severity(&failure.error);
                log_at!(
                    level,
                    "{} {ended}: {}; time={:.3}s requests={} retries={}",
                    self,
                    Fields(&failure.error),
                    self.started.elapsed().as_secs_f64(),
                    self.requests.load(Ordering::Relaxed),
                    self.retries.load(Ordering::Relaxed),
                );
            }
            Ok(response) => {
                log_at!(
                    Level::Info,
                    "{} done: status={} request_id={} {}",
                    self,
                    response.status,
                    response.request_id().unwrap_or("-"),
                    self.counters()
                );
            }
        }
    }

    fn counters(&self) -> String {
        let (sent, received) = (self.sent.load(Ordering::Relaxed), self.received.load(Ordering::Relaxed));
        let seconds = self.started.elapsed().as_secs_f64();
        let mb_per_s = if seconds > 0.0 { (sent + received) as f64 / seconds / 1e6 } else { 0.0 };
        format!(
            "bytes={} (sent={sent} received={received}) time={seconds:.3}s ({mb_per_s:.1} MB/s) parts={} requests={} retries={}",
            sent + received,
            self.parts.load(Ordering::Relaxed),
            self.requests.load(Ordering::Relaxed),
            self.retries.load(Ordering::Relaxed),
        )
    }
}

/// How a failed call ends in the log. The server's own 4xx answer (or a 304) is an answer the
/// program asked about — a HEAD of a missing object, a conditional GET, an append at the wrong
/// position — and a cancel is the program's own doing: INFO ("answered", "cancelled"), so that
/// nothing reaches stderr at the default level (WARN), as in the official SDK. Everything else is
/// ERROR ("failed"): transport errors and timeouts, 5xx after the retries, CRC mismatches, local
/// file and XML errors, internal errors, and arguments the library refused (the program's bug).
pub fn severity(error: &Error) -> (Level, &'static str) {
    match error {
        Error::Service { status: 304 | 400..=499, .. } => (Level::Info, "answered"),
        _ if error.code() == ClientCode::AbortCallback as i32 => (Level::Info, "cancelled"),
        _ => (Level::Error, "failed"),
    }
}

/// `oss_get_object_to_file bucket=b key=k`: which call a line is about.
impl fmt::Display for CallLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.operation, self.target.get().map_or("", String::as_str))
    }
}

/// An error as key=value fields: `status=404 code=NoSuchKey request_id=… message="…"`.
pub struct Fields<'a>(pub &'a Error);

impl fmt::Display for Fields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        write!(
            f,
            "status={} code={} request_id={} message=\"{}\"",
            e.code(),
            e.error_code(),
            e.request_id().filter(|id| !id.is_empty()).unwrap_or("-"),
            e.message()
        )
    }
}

/// Runs one call: with logging on, its `CallLog` is the thread's current one while `body` runs,
/// and its end is logged once (INFO for a success, [`severity`] for a failure).
pub fn traced(operation: &'static str, body: impl FnOnce() -> Outcome) -> Outcome {
    if !log::enabled(Level::Error) {
        return body();
    }
    let call = Arc::new(CallLog::new(operation));
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(call.clone()))));
    let outcome = body();
    call.report(&outcome);
    outcome
}

/// Puts the thread's previous call back when a call ends (also when it panics).
struct Restore(Option<Arc<CallLog>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
    }
}

/// The call this thread works for, if any.
pub fn current() -> Option<Arc<CallLog>> {
    CURRENT.try_with(|c| c.borrow().clone()).ok().flatten()
}

/// Makes `call` the current one of this thread (a worker of an engine adopts its call when its
/// session sends the first request).
pub(crate) fn adopt(call: &Arc<CallLog>) {
    let _ = CURRENT.try_with(|c| {
        let mut current = c.borrow_mut();
        if !current.as_ref().is_some_and(|now| Arc::ptr_eq(now, call)) {
            *current = Some(call.clone());
        }
    });
}

/// Records how many parts the current call's transfer has (its plan decides).
pub(crate) fn note_parts(parts: usize) {
    if let Some(call) = current() {
        call.parts.store(parts as u64, Ordering::Relaxed);
    }
}

/// Counts a retry for the current call and returns its name for the WARN line ("request"
/// outside a call).
pub(crate) fn note_retry() -> String {
    match current() {
        Some(call) => {
            call.retries.fetch_add(1, Ordering::Relaxed);
            call.to_string()
        }
        None => String::from("request"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Failure;

    #[test]
    fn a_call_is_current_while_it_runs_and_counts_what_happens() {
        assert!(current().is_none());
        let mut seen = None;
        let _ = traced("oss_test_call", || {
            let call = current().expect("current inside the call");
            call.note_target("b", Some("k"));
            call.note_target("other", None);
            call.note_exchange(3, 4);
            note_parts(7);
            assert_eq!(note_retry(), "oss_test_call bucket=b key=k");
            seen = Some(call);
            Err(Failure::from(Error::internal("x")))
        });
        assert!(current().is_none(), "the previous (no) call is back");
        if let Some(call) = seen {
            let counters = call.counters();
            assert!(counters.contains("bytes=7 (sent=3 received=4)"), "{counters}");
            assert!(counters.contains("parts=7 requests=1 retries=1"), "{counters}");
        } else {
            // ERROR disabled by another test's level: nothing was made.
            assert!(!log::enabled(Level::Error));
        }
    }

    #[test]
    fn the_servers_4xx_answer_and_a_cancel_are_info_everything_else_error() {
        use crate::error::codes;
        let service =
            |status| Error::Service { status, code: "Code".into(), message: "m".into(), request_id: "R".into() };
        for status in [304, 400, 403, 404, 409, 412, 499] {
            assert_eq!(severity(&service(status)), (Level::Info, "answered"), "{status}");
        }
        let cancelled = [
            Error::Aborted { message: "stopped".into() },
            Error::transport(ClientCode::AbortCallback, "aborted by callback"),
        ];
        for e in &cancelled {
            assert_eq!(severity(e), (Level::Info, "cancelled"), "{e}");
        }
        let failed = [
            service(300),
            service(500),
            service(503),
            Error::transport(ClientCode::RequestTimeout, "timeout"),
            Error::transport(ClientCode::FailedConnect, "refused"),
            Error::Inconsistent { message: "crc".into(), request_id: Some("R".into()) },
            Error::file(ClientCode::OpenFileError, codes::OPEN_FILE, "no such file"),
            Error::Parse { message: "xml".into(), request_id: None },
            Error::invalid_argument(codes::BUCKET_NAME_INVALID, "bad bucket"),
            Error::internal("bug"),
        ];
        for e in &failed {
            assert_eq!(severity(e), (Level::Error, "failed"), "{e}");
        }
    }

    #[test]
    fn fields_name_everything_a_status_holds() {
        let e =
            Error::Service { status: 404, code: "NoSuchKey".into(), message: "gone".into(), request_id: "R1".into() };
        assert_eq!(Fields(&e).to_string(), "status=404 code=NoSuchKey request_id=R1 message=\"gone\"");
    }
}
