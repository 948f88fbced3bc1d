//! When to try a part again, and how long to wait first: exponential
//! backoff with full jitter, bounded both in consecutive fruitless attempts
//! and in total attempts, so a flaky link that keeps making progress is
//! ridden out while a dead one fails in bounded time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::call_log::{self, Fields};
use crate::error::Error;
use crate::log::Level;
use crate::log_at;

#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts in a row that received no new byte before giving up.
    pub max_fruitless: u32,
    /// Attempts for one part in all.
    pub max_total: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        // Ten fruitless attempts with this backoff ride out ~25 s of a 503
        // storm or a dead link before the part fails.
        Self { max_fruitless: 10, max_total: 40, base: Duration::from_millis(100), cap: Duration::from_secs(5) }
    }
}

impl RetryPolicy {
    /// The wait before attempt number `fruitless + 1`, from a random `u64`:
    /// uniformly in `[0, min(cap, base * 2^fruitless)]` ("full jitter").
    pub fn backoff(&self, fruitless: u32, random: u64) -> Duration {
        let ceiling = self.base.saturating_mul(1u32 << fruitless.min(16)).min(self.cap);
        let millis = ceiling.as_millis() as u64;
        Duration::from_millis(if millis == 0 { 0 } else { random % (millis + 1) })
    }

    /// [`backoff`](Self::backoff) for the retry about to be made (retry number `attempt`, from
    /// one, of a request, after `cause`), counted for the call and logged at WARN: the one place
    /// every retry loop (`ops::retry`, the download's HEAD and workers) reports through.
    pub fn before_retry(&self, attempt: u32, fruitless: u32, cause: &Error, random: u64) -> Duration {
        let wait = self.backoff(fruitless, random);
        let call = call_log::note_retry();
        log_at!(Level::Warn, "{call}: retry {attempt} after {}; backoff={}ms", Fields(cause), wait.as_millis());
        wait
    }
}

/// Sleeps for `total`, returning early once `stop` is set (checked every 50 ms).
pub fn sleep_unless_stopped(total: Duration, stop: &AtomicBool) {
    let deadline = Instant::now() + total;
    while !stop.load(Ordering::Relaxed) {
        let now = Instant::now();
        if now >= deadline {
            return;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(50)));
    }
}

/// A small, seedable generator for jitter (splitmix64); jitter needs no
/// cryptographic quality, only threads that don't wake in lockstep.
#[derive(Clone, Debug)]
pub struct Jitter(u64);

impl Jitter {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A seed that differs between runs and between processes started in the
/// same nanosecond, so that downloads do not retry in lockstep.
pub fn jitter_seed() -> u64 {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        let mut j = Jitter::new(7);
        for fruitless in 0..20 {
            let ceiling = (100u64 << fruitless.min(16)).min(5000);
            for _ in 0..50 {
                assert!(p.backoff(fruitless, j.next_u64()) <= Duration::from_millis(ceiling));
            }
        }
        assert_eq!(p.backoff(3, u64::MAX), Duration::from_millis(u64::MAX % 801));
    }
}
