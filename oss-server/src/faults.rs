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
    /// Carry out the request (a write is committed), then close the connection without
    /// answering: the client never learns that it succeeded.
    LostResponse,
}

/// Which body a rule's body faults (cut, stall, throttle, delay, flip, error) act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    /// The answer's body (downloads). Such rules match GETs only unless `methods` is `All`.
    #[default]
    Response,
    /// The request's body as the server reads it (uploads), for every method: `CutAfter`
    /// closes the connection after that many body bytes were received, without an answer;
    /// `Stall`, `Throttle` and `DelayFirstByte` slow the reading; `FlipByte` alters a received
    /// byte before it is stored; `ErrorStatus` reads the whole body, then answers 5xx and
    /// writes nothing. Other kinds act on the answer as usual.
    Request,
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
    pub side: Side,
    /// Only requests that are this OSS operation (`PutObject`, `UploadPart`,
    /// `CompleteMultipartUpload`, ... as `operation::name` calls them).
    pub operation: Option<String>,
    /// Only requests with this `partNumber` (UploadPart, UploadPartCopy).
    pub part: Option<u32>,
}

/// What a request is, as fault rules match it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject<'a> {
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    pub method: &'a str,
    pub operation: &'a str,
    pub part: Option<u32>,
}

impl FaultRule {
    /// A rule for every object, GETs only, firing on every request.
    pub fn new(kind: FaultKind) -> FaultRule {
        FaultRule {
            kind,
            bucket: None,
            key: None,
            methods: Methods::GetOnly,
            trigger: Trigger::Always,
            side: Side::Response,
            operation: None,
            part: None,
        }
    }

    /// Act on request bodies (uploads) rather than answers; see [`Side::Request`].
    pub fn on_request(mut self) -> FaultRule {
        self.side = Side::Request;
        self
    }

    /// Only requests that are this operation (e.g. `"UploadPart"`).
    pub fn operation(mut self, operation: &str) -> FaultRule {
        self.operation = Some(operation.to_string());
        self
    }

    /// Only UploadPart / UploadPartCopy requests for this part number.
    pub fn part(mut self, part: u32) -> FaultRule {
        self.part = Some(part);
        self
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

    fn matches(&self, subject: &Subject) -> bool {
        let method_ok = self.methods == Methods::All || subject.method == "GET" || self.side == Side::Request;
        let bucket_ok = self.bucket.is_none() || self.bucket.as_deref() == subject.bucket;
        let key_ok = self.key.is_none() || self.key.as_deref() == subject.key;
        let operation_ok = self.operation.as_deref().map_or(true, |op| op == subject.operation);
        let part_ok = self.part.is_none() || self.part == subject.part;
        method_ok && bucket_ok && key_ok && operation_ok && part_ok
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
    /// What happens to the request's body as it is read.
    pub request: RequestShaping,
    /// Close the connection after the operation instead of answering.
    pub lost_response: bool,
}

/// How the rules on the request side alter the reading of one request body.
#[derive(Debug, Default, Clone)]
pub struct RequestShaping {
    /// Close the connection (with an RST when `reset`) once this many body bytes were read.
    pub cut_after: Option<u64>,
    pub reset: bool,
    /// After this many body bytes, stop reading for the duration (or until the client leaves).
    pub stall: Option<(u64, Option<Duration>)>,
    pub bytes_per_sec: Option<u64>,
    /// Wait this long before reading the first body byte.
    pub delay: Option<Duration>,
    /// (body offset, xor mask) pairs applied to received bytes.
    pub flips: Vec<(u64, u8)>,
    /// Read the whole body, then answer this status (500 or 503) without writing anything.
    pub error_status: Option<u16>,
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
        self.plan_for(&Subject { bucket, key, method, ..Subject::default() })
    }

    /// Like `plan`, for a request whose operation (and part number) are known.
    pub fn plan_for(&self, subject: &Subject) -> FaultPlan {
        let mut plan = FaultPlan::default();
        let mut rules = self.lock();
        for entry in rules.iter_mut() {
            if !entry.installed.rule.matches(subject) {
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
            let rule = &entry.installed.rule;
            if rule.side == Side::Request && apply_to_request(&rule.kind, &mut plan.request) {
                continue;
            }
            apply(&rule.kind, &mut plan);
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
        FaultKind::LostResponse => plan.lost_response = true,
    }
}

/// Applies a request-side rule's kind to the reading of the body; false for the kinds that
/// act on the answer whichever side the rule is on.
fn apply_to_request(kind: &FaultKind, request: &mut RequestShaping) -> bool {
    match *kind {
        FaultKind::CutAfter { bytes, reset } => {
            request.cut_after = Some(request.cut_after.map_or(bytes, |c| c.min(bytes)));
            request.reset |= reset;
        }
        FaultKind::ErrorStatus { status } => request.error_status = request.error_status.or(Some(status)),
        FaultKind::DelayFirstByte { delay } => {
            request.delay = Some(request.delay.unwrap_or_default().saturating_add(delay))
        }
        FaultKind::Throttle { bytes_per_sec } => {
            request.bytes_per_sec = Some(request.bytes_per_sec.map_or(bytes_per_sec, |b| b.min(bytes_per_sec)).max(1))
        }
        FaultKind::Stall { after, duration } => request.stall = Some((after, duration)),
        FaultKind::FlipByte { offset, xor } => request.flips.push((offset, xor)),
        _ => return false,
    }
    true
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
    fn request_side_rules_match_operations_and_parts() {
        let faults = Faults::new(0);
        faults.add(
            FaultRule::new(FaultKind::CutAfter { bytes: 9, reset: true }).on_request().operation("UploadPart").part(2),
        );
        faults.add(FaultRule::new(FaultKind::LostResponse).on_request().operation("CompleteMultipartUpload"));
        let subject = |operation, part| Subject { bucket: Some("b"), key: Some("k"), method: "PUT", operation, part };
        let plan = faults.plan_for(&subject("UploadPart", Some(2)));
        assert_eq!((plan.request.cut_after, plan.request.reset), (Some(9), true));
        assert_eq!(plan.shaping.cut_after, None, "the answer is not cut");
        assert_eq!(faults.plan_for(&subject("UploadPart", Some(3))).request.cut_after, None);
        assert_eq!(faults.plan_for(&subject("PutObject", None)).request.cut_after, None);
        assert!(faults.plan_for(&subject("CompleteMultipartUpload", None)).lost_response);
        assert!(!faults.plan(Some("b"), Some("k"), "POST").lost_response, "an operation filter needs the operation");
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
