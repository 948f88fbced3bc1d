//! Trying a request again when that is safe: transient failures (connection errors, timeouts,
//! short bodies, 5xx) of requests whose repetition changes nothing — GET, HEAD, DELETE, a PUT of a
//! body that can be re-sent, a copy — are retried with the download engine's backoff. A wait
//! between attempts ends early when the call is cancelled (the session's stop flag): the next
//! attempt then stops at once (`Session` refuses to start a transfer once stopped).

use std::sync::atomic::AtomicBool;

use crate::outcome::Failure;
use crate::transfer::retry::{jitter_seed, sleep_unless_stopped, Jitter, RetryPolicy};

/// Runs `attempt` (given the attempt number, from 0) until it succeeds, fails for good, or has
/// failed transiently `policy.max_fruitless` times in a row. `stop` (the session's, see
/// `Session::stop_flag`) cuts a wait short.
pub fn idempotent<T>(
    policy: &RetryPolicy,
    stop: Option<&AtomicBool>,
    attempt: impl FnMut(u32) -> Result<T, Failure>,
) -> Result<T, Failure> {
    when(policy, stop, |failure| failure.error.is_transient(), attempt)
}

/// [`idempotent`] for a request only some of whose failures may be repeated (`retryable` says
/// which): a request that creates something anew each time is repeated only when the server
/// said it failed, never after an answer that may have been lost.
pub fn when<T>(
    policy: &RetryPolicy,
    stop: Option<&AtomicBool>,
    retryable: impl Fn(&Failure) -> bool,
    mut attempt: impl FnMut(u32) -> Result<T, Failure>,
) -> Result<T, Failure> {
    // Seeded only when a retry waits: the seed asks the kernel (the process id), a system call
    // per request that most requests would make for nothing.
    let mut jitter: Option<Jitter> = None;
    let mut tries = 0;
    loop {
        match attempt(tries) {
            Err(failure) if retryable(&failure) && tries + 1 < policy.max_fruitless => {
                tries += 1;
                let draw = jitter.get_or_insert_with(|| Jitter::new(jitter_seed())).next_u64();
                let pause = policy.before_retry(tries, tries - 1, &failure.error, draw);
                match stop {
                    Some(stop) => sleep_unless_stopped(pause, stop),
                    None => std::thread::sleep(pause),
                }
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use std::time::Duration;

    fn quick() -> RetryPolicy {
        RetryPolicy {
            max_fruitless: 4,
            base: Duration::from_millis(1),
            cap: Duration::from_millis(2),
            ..Default::default()
        }
    }

    fn service(status: u16) -> Failure {
        Failure::from(Error::Service { status, code: "X".into(), message: String::new(), request_id: String::new() })
    }

    #[test]
    fn transient_failures_are_retried_up_to_the_limit_and_others_are_not() {
        let mut calls = 0;
        let result: Result<(), Failure> = idempotent(&quick(), None, |_| {
            calls += 1;
            Err(service(503))
        });
        assert_eq!((result.unwrap_err().error.code(), calls), (503, 4));

        calls = 0;
        let result: Result<(), Failure> = idempotent(&quick(), None, |_| {
            calls += 1;
            Err(service(404))
        });
        assert_eq!((result.unwrap_err().error.code(), calls), (404, 1));

        let result = idempotent(&quick(), None, |n| if n < 2 { Err(service(500)) } else { Ok(n) });
        assert_eq!(result.unwrap(), 2);
    }

    /// A cancel during the wait between attempts ends the wait at once (here a minute, drawn
    /// uniformly: a wait that ignored the stop would outlast the bound 29 times in 30).
    #[test]
    fn a_stop_cuts_the_wait_between_attempts_short() {
        let slow = RetryPolicy {
            max_fruitless: 2,
            base: Duration::from_secs(60),
            cap: Duration::from_secs(60),
            ..Default::default()
        };
        let stop = AtomicBool::new(false);
        let started = std::time::Instant::now();
        let mut calls = 0;
        let result: Result<(), Failure> = idempotent(&slow, Some(&stop), |_| {
            calls += 1;
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            Err(service(503))
        });
        assert_eq!((result.unwrap_err().error.code(), calls), (503, 2));
        assert!(started.elapsed() < Duration::from_secs(2), "waited {:?}", started.elapsed());
    }
}
