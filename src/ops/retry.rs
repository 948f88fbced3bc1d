//! Trying a request again when that is safe: transient failures (connection errors, timeouts,
//! short bodies, 5xx) of requests whose repetition changes nothing — GET, HEAD, DELETE, a PUT of a
//! body that can be re-sent, a copy — are retried with the download engine's backoff.

use crate::outcome::Failure;
use crate::transfer::retry::{jitter_seed, Jitter, RetryPolicy};

/// Runs `attempt` (given the attempt number, from 0) until it succeeds, fails for good, or has
/// failed transiently `policy.max_fruitless` times in a row.
pub fn idempotent<T>(policy: &RetryPolicy, attempt: impl FnMut(u32) -> Result<T, Failure>) -> Result<T, Failure> {
    when(policy, |failure| failure.error.is_transient(), attempt)
}

/// [`idempotent`] for a request only some of whose failures may be repeated (`retryable` says
/// which): a request that creates something anew each time is repeated only when the server
/// said it failed, never after an answer that may have been lost.
pub fn when<T>(
    policy: &RetryPolicy,
    retryable: impl Fn(&Failure) -> bool,
    mut attempt: impl FnMut(u32) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut jitter = Jitter::new(jitter_seed());
    let mut tries = 0;
    loop {
        match attempt(tries) {
            Err(failure) if retryable(&failure) && tries + 1 < policy.max_fruitless => {
                tries += 1;
                std::thread::sleep(policy.before_retry(tries, tries - 1, &failure.error, jitter.next_u64()));
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
        let result: Result<(), Failure> = idempotent(&quick(), |_| {
            calls += 1;
            Err(service(503))
        });
        assert_eq!((result.unwrap_err().error.code(), calls), (503, 4));

        calls = 0;
        let result: Result<(), Failure> = idempotent(&quick(), |_| {
            calls += 1;
            Err(service(404))
        });
        assert_eq!((result.unwrap_err().error.code(), calls), (404, 1));

        let result = idempotent(&quick(), |n| if n < 2 { Err(service(500)) } else { Ok(n) });
        assert_eq!(result.unwrap(), 2);
    }
}
