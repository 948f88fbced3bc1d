//! Fault injection: rules that make the server misbehave on purpose, switchable at run time
//! (in-process through `Faults`, or through the admin API), deterministic for a given seed.
//!
//! Each rule targets every object, a bucket, or one object; GETs only or every method; and
//! fires according to its trigger. A request collects every rule that fires into a
//! `FaultPlan`, applied when the answer is written.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::lies::Lies;
use crate::transfer::BodyShaping;

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// Send `bytes` body bytes, then close the connection (FIN; with `reset`, an RST instead).
    CutAfter { bytes: u64, reset: bool },
    /// Answer with this status (500 InternalError or 503 ServiceUnavailable) instead.
    ErrorStatus { status: u16 },
    /// Wait before the first byte of the answer.
    DelayFirstByte { delay: Duration },
    /// Send the body at most this fast.
    Throttle { bytes_per_sec: u64 },
    /// After `after` body bytes, pause for `duration` (or, when `None`, until the client goes away).
    Stall { after: u64, duration: Option<Duration> },
    /// Promise the full Content-Length, send `missing` bytes fewer, then close.
    ShortBody { missing: u64 },
    /// XOR the byte at this object offset with `xor` whenever a body carries it.
    FlipByte { offset: u64, xor: u8 },
    /// After `after_requests` matching requests, replace the object's content with different
    /// bytes of the same size (new ETag, new CRC) — once.
    ReplaceContent { after_requests: u64 },
    /// Answer with seeded random bytes instead of HTTP, then close.
    GarbageResponse,
    /// Put lines that are not headers (binary, NUL, no colon, non-UTF-8) before the real ones.
    GarbageHeaders,
    /// Claim this `Content-Length` (the body sent is unchanged; the connection closes after).
    LieContentLength { value: u64 },
    /// Move both ends of `Content-Range` by `shift` bytes (the body is unchanged).
    LieContentRange { shift: i64 },
    /// Answer with this status and an HTML body instead of OSS's error XML (HEAD: no
    /// body and no `x-oss-err`).
    HtmlError { status: u16 },
    /// Add one header line of this many bytes (capped at 64 MiB).
    HugeHeader { bytes: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Trigger {
    /// Every matching request.
    Always,
    /// The next `n` matching requests (`Times(1)` = once).
    Times(u64),
    /// Every k-th matching request (the k-th, 2k-th, ...).
    EveryKth(u64),
    /// Each matching request with probability p (seeded, so runs repeat).
    Probability(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Methods {
    GetOnly,
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    pub kind: FaultKind,
    /// `None`: every bucket.
    pub bucket: Option<String>,
    /// `None`: every object (of `bucket`, or of every bucket).
    pub key: Option<String>,
    pub methods: Methods,
    pub trigger: Trigger,
}

impl FaultRule {
    /// A rule for every object, GETs only, firing on every request.
    pub fn new(kind: FaultKind) -> FaultRule {
        FaultRule { kind, bucket: None, key: None, methods: Methods::GetOnly, trigger: Trigger::Always }
    }

    pub fn object(mut self, bucket: &str, key: &str) -> FaultRule {
        self.bucket = Some(bucket.to_string());
        self.key = Some(key.to_string());
        self
    }

    pub fn bucket(mut self, bucket: &str) -> FaultRule {
        self.bucket = Some(bucket.to_string());
        self
    }

    pub fn all_methods(mut self) -> FaultRule {
        self.methods = Methods::All;
        self
    }

    pub fn trigger(mut self, trigger: Trigger) -> FaultRule {
        self.trigger = trigger;
        self
    }

    pub fn once(self) -> FaultRule {
        self.trigger(Trigger::Times(1))
    }

    pub fn times(self, n: u64) -> FaultRule {
        self.trigger(Trigger::Times(n))
    }

    fn matches(&self, bucket: Option<&str>, key: Option<&str>, method: &str) -> bool {
        let method_ok = self.methods == Methods::All || method == "GET";
        let bucket_ok = self.bucket.is_none() || self.bucket.as_deref() == bucket;
        let key_ok = self.key.is_none() || self.key.as_deref() == key;
        method_ok && bucket_ok && key_ok
    }
}

/// A rule installed in the injector, with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalledFault {
    pub id: u64,
    pub rule: FaultRule,
    /// Requests the rule matched.
    pub matched: u64,
    /// Requests it fired on.
    pub fired: u64,
}

/// What the faults firing on one request do to its answer.
#[derive(Debug, Default, Clone)]
pub struct FaultPlan {
    pub error_status: Option<u16>,
    pub delay: Option<Duration>,
    pub shaping: BodyShaping,
    pub replace_content: bool,
    pub lies: Lies,
}

struct Entry {
    installed: InstalledFault,
    rng: u64,
}

pub struct Faults {
    seed: u64,
    next_id: AtomicU64,
    rules: Mutex<Vec<Entry>>,
}

impl Faults {
    pub fn new(seed: u64) -> Faults {
        Faults { seed, next_id: AtomicU64::new(1), rules: Mutex::new(Vec::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Installs a rule and returns its id.
    pub fn add(&self, rule: FaultRule) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        // Each rule draws from its own stream, so one rule's draws do not depend on others'.
        let rng = crate::splitmix::mix(self.seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        self.lock().push(Entry { installed: InstalledFault { id, rule, matched: 0, fired: 0 }, rng });
        id
    }

    pub fn remove(&self, id: u64) -> bool {
        let mut rules = self.lock();
        let before = rules.len();
        rules.retain(|e| e.installed.id != id);
        rules.len() != before
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn list(&self) -> Vec<InstalledFault> {
        self.lock().iter().map(|e| e.installed.clone()).collect()
    }

    /// Counts the request against every matching rule and collects what fires.
    pub fn plan(&self, bucket: Option<&str>, key: Option<&str>, method: &str) -> FaultPlan {
        let mut plan = FaultPlan::default();
        let mut rules = self.lock();
        for entry in rules.iter_mut() {
            if !entry.installed.rule.matches(bucket, key, method) {
                continue;
            }
            entry.installed.matched += 1;
            let fires = match entry.installed.rule.kind {
                // Fires exactly once, on the first request after the N it lets through.
                FaultKind::ReplaceContent { after_requests } => {
                    after_requests.checked_add(1) == Some(entry.installed.matched)
                }
                _ => match entry.installed.rule.trigger {
                    Trigger::Always => true,
                    Trigger::Times(n) => entry.installed.fired < n,
                    Trigger::EveryKth(k) => k > 0 && entry.installed.matched % k == 0,
                    Trigger::Probability(p) => {
                        entry.rng = crate::splitmix::mix(entry.rng);
                        ((entry.rng >> 11) as f64 / (1u64 << 53) as f64) < p
                    }
                },
            };
            if !fires {
                continue;
            }
            entry.installed.fired += 1;
            apply(&entry.installed.rule.kind, &mut plan);
        }
        plan
    }
}

fn apply(kind: &FaultKind, plan: &mut FaultPlan) {
    let shaping = &mut plan.shaping;
    match *kind {
        FaultKind::CutAfter { bytes, reset } => {
            shaping.cut_after = Some(shaping.cut_after.map_or(bytes, |c| c.min(bytes)));
            shaping.reset |= reset;
        }
        FaultKind::ErrorStatus { status } => plan.error_status = plan.error_status.or(Some(status)),
        FaultKind::DelayFirstByte { delay } => plan.delay = Some(plan.delay.unwrap_or_default().saturating_add(delay)),
        FaultKind::Throttle { bytes_per_sec } => {
            shaping.bytes_per_sec = Some(shaping.bytes_per_sec.map_or(bytes_per_sec, |b| b.min(bytes_per_sec)).max(1))
        }
        FaultKind::Stall { after, duration } => shaping.stall = Some((after, duration)),
        FaultKind::ShortBody { missing } => shaping.short_by = Some(shaping.short_by.unwrap_or(0).max(missing)),
        FaultKind::FlipByte { offset, xor } => shaping.flips.push((offset, xor)),
        FaultKind::ReplaceContent { .. } => plan.replace_content = true,
        FaultKind::GarbageResponse => plan.lies.garbage_response = true,
        FaultKind::GarbageHeaders => plan.lies.garbage_headers = true,
        FaultKind::LieContentLength { value } => plan.lies.content_length = Some(value),
        FaultKind::LieContentRange { shift } => plan.lies.content_range_shift = Some(shift),
        FaultKind::HtmlError { status } => plan.lies.html_error = plan.lies.html_error.or(Some(status)),
        FaultKind::HugeHeader { bytes } => plan.lies.huge_header = Some(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(faults: &Faults, requests: usize) -> Vec<bool> {
        (0..requests).map(|_| faults.plan(Some("b"), Some("k"), "GET").error_status.is_some()).collect()
    }

    #[test]
    fn triggers() {
        let faults = Faults::new(7);
        faults.add(FaultRule::new(FaultKind::ErrorStatus { status: 503 }).times(2));
        assert_eq!(fired(&faults, 4), [true, true, false, false]);
        faults.clear();
        faults.add(FaultRule::new(FaultKind::ErrorStatus { status: 500 }).trigger(Trigger::EveryKth(3)));
        assert_eq!(fired(&faults, 6), [false, false, true, false, false, true]);
    }

    #[test]
    fn probability_is_seeded() {
        let run = |seed| {
            let faults = Faults::new(seed);
            faults.add(FaultRule::new(FaultKind::ErrorStatus { status: 500 }).trigger(Trigger::Probability(0.5)));
            fired(&faults, 64)
        };
        assert_eq!(run(1), run(1));
        assert_ne!(run(1), run(2));
        let hits = run(1).iter().filter(|f| **f).count();
        assert!((16..=48).contains(&hits), "{hits}");
    }

    #[test]
    fn targets_and_methods() {
        let faults = Faults::new(0);
        faults.add(FaultRule::new(FaultKind::ErrorStatus { status: 500 }).object("b", "k"));
        assert!(faults.plan(Some("b"), Some("k"), "GET").error_status.is_some());
        assert!(faults.plan(Some("b"), Some("other"), "GET").error_status.is_none());
        assert!(faults.plan(Some("b"), Some("k"), "HEAD").error_status.is_none(), "GET only by default");
        faults.clear();
        faults.add(FaultRule::new(FaultKind::ErrorStatus { status: 500 }).bucket("b").all_methods());
        assert!(faults.plan(Some("b"), Some("x"), "PUT").error_status.is_some());
        assert!(faults.plan(Some("c"), Some("x"), "PUT").error_status.is_none());
    }

    #[test]
    fn absurd_parameters_do_not_overflow() {
        let faults = Faults::new(0);
        faults.add(FaultRule::new(FaultKind::ReplaceContent { after_requests: u64::MAX }));
        faults.add(FaultRule::new(FaultKind::DelayFirstByte { delay: Duration::MAX }));
        faults.add(FaultRule::new(FaultKind::DelayFirstByte { delay: Duration::MAX }));
        let plan = faults.plan(Some("b"), Some("k"), "GET");
        assert!(!plan.replace_content);
        assert_eq!(plan.delay, Some(Duration::MAX));
    }

    #[test]
    fn replace_fires_once_after_n() {
        let faults = Faults::new(0);
        let id = faults.add(FaultRule::new(FaultKind::ReplaceContent { after_requests: 2 }));
        let fires: Vec<bool> = (0..5).map(|_| faults.plan(Some("b"), Some("k"), "GET").replace_content).collect();
        assert_eq!(fires, [false, false, true, false, false]);
        assert!(faults.remove(id));
        assert!(faults.list().is_empty());
    }
}
