//! Faults on the caller's side: an interruption at a random point, the
//! checkpoint torn at every byte boundary of its last record, the temp file
//! truncated, grown or changed between runs, and the target directory
//! removed mid-run. Each starts from a download cancelled part-way (its
//! object throttled so that the cancel lands), then damages what it left.

use crate::common::*;
use crate::harness::{flip_bytes, Case, IterationResult, Outcome, Results, Rng};
use oss_c_sdk::download::checkpoint;
use oss_server::{FaultKind, FaultRule};
use std::fs;

/// Bytes the checkpoint at `bytes` records as done.
fn recorded(bytes: &[u8]) -> u64 {
    checkpoint::parse(bytes).map_or(0, |p| p.parts.values().map(|r| r.len).sum())
}

/// Throttles the case's object while `body` runs.
fn throttled<T>(fx: &Fixture, case: &Case, body: impl FnOnce() -> T) -> T {
    let id = fx
        .server
        .faults()
        .add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: 2 << 20 }).object(BUCKET, &case.key));
    let out = body();
    fx.server.faults().remove(id);
    out
}

/// Starts the download and cancels it once `fraction` of the object is done. Returns
/// the bytes the server sent for the cancelled run. A small object can finish in the
/// burst that crosses the mark; then (the file being correct) it is tried again with
/// the mark halved.
pub fn interrupt(fx: &Fixture, case: &Case, fraction: f64) -> u64 {
    let mut fraction = fraction;
    for _ in 0..6 {
        let before = case.fetched(fx);
        let stop_at = ((case.size() as f64 * fraction) as u64).max(1);
        let (outcome, cancelled) = throttled(fx, case, || case.run_with(&fx.client(), &mut |done, _| done >= stop_at));
        if cancelled {
            assert!(case.checkpoint().exists() && case.temp().exists() && !case.dest.exists());
            return case.fetched(fx) - before;
        }
        assert_eq!(outcome, Outcome::Correct, "an uncancelled run must give the file");
        case.clear_target();
        fraction /= 2.0;
    }
    panic!("the cancel never landed");
}

/// Resumes, judges, and checks that the run fetched exactly `expected` bytes when it
/// ended with the correct file (no faults are active: any excess is waste).
fn resume(fx: &Fixture, case: &Case, first_run: u64, expected: Option<u64>, what: &str) -> IterationResult {
    let before = case.fetched(fx);
    let outcome = case.run(&fx.client());
    let resumed = case.fetched(fx) - before;
    if let (Outcome::Correct, Some(expected)) = (&outcome, expected) {
        assert_eq!(resumed, expected, "{what}: the resume fetched {resumed} bytes, {expected} were missing");
    }
    let refetched = (outcome == Outcome::Correct).then(|| (first_run + resumed).saturating_sub(case.size()));
    IterationResult { outcome, refetched }
}

/// A case with about 20 parts, so a checkpoint has records to damage.
fn case_with_parts(fx: &Fixture, rng: &mut Rng, n: usize) -> Case {
    let mut case = Case::new(fx, rng, n, None);
    case.part_size = (case.size() / 20).max(8 << 10);
    case
}

pub fn interrupted(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let first = interrupt(fx, &case, rng.fraction(0.05, 0.95));
    let done = recorded(&fs::read(case.checkpoint()).unwrap());
    // In flight at the cancel: at most one part per thread, sent and not recorded.
    let in_flight = first - done;
    assert!(in_flight <= case.threads as u64 * case.part_size, "{in_flight} bytes in flight");
    let result = resume(fx, &case, first, Some(case.size() - done), "interrupted");
    case.clear_target();
    vec![(0, result)]
}

/// One interrupted download; then, for every length from "last record absent" to
/// "last record whole", the checkpoint cut to that length and resumed.
pub fn torn(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = case_with_parts(fx, rng, n);
    let first = interrupt(fx, &case, rng.fraction(0.3, 0.8));
    let temp = fs::read(case.temp()).unwrap();
    let journal = fs::read(case.checkpoint()).unwrap();
    let body = &journal[..journal.len() - 1];
    // The journal has a header line and at least one record: the last starts after a newline.
    let last_start = body.iter().rposition(|&b| b == b'\n').expect("a record after the header") + 1;
    let mut results = Vec::new();
    for cut in last_start..=journal.len() {
        fs::write(case.temp(), &temp).unwrap();
        fs::write(case.checkpoint(), &journal[..cut]).unwrap();
        let missing = case.size() - recorded(&journal[..cut]);
        results.push((0, resume(fx, &case, first, Some(missing), &format!("journal cut at {cut}"))));
        case.clear_target();
    }
    results
}

pub fn temp_resized(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = case_with_parts(fx, rng, n);
    let first = interrupt(fx, &case, rng.fraction(0.2, 0.9));
    let file = fs::OpenOptions::new().write(true).open(case.temp()).unwrap();
    let new_len = match rng.range(0, 2) {
        0 => rng.range(0, case.size() - 1),
        1 => case.size() + rng.range(1, 64 << 10),
        _ => 0,
    };
    file.set_len(new_len).unwrap();
    drop(file);
    // A temp file of the wrong size cannot be trusted: everything is fetched again.
    let result = resume(fx, &case, first, Some(case.size()), "temp resized");
    case.clear_target();
    vec![(0, result)]
}

pub fn temp_changed(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = case_with_parts(fx, rng, n);
    let first = interrupt(fx, &case, rng.fraction(0.3, 0.9));
    flip_bytes(&case.temp(), case.size(), rng);
    // Records whose bytes no longer check are dropped: their parts come again.
    let result = resume(fx, &case, first, None, "temp changed");
    case.clear_target();
    vec![(0, result)]
}

/// Row 0: the run during which the directory goes; row 1: the next run, once it is back.
pub fn directory_removed(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let dir = fx.work.path().join(format!("dir-{n}"));
    fs::create_dir(&dir).unwrap();
    let case = Case::new(fx, rng, n, Some(&dir));
    let stop_at = (case.size() as f64 * rng.fraction(0.05, 0.95)) as u64;
    let mut removed = false;
    let (outcome, _) = throttled(fx, &case, || {
        case.run_with(&fx.client(), &mut |done, _| {
            if done >= stop_at && !removed {
                fs::remove_dir_all(&dir).unwrap();
                removed = true;
            }
            false
        })
    });
    assert!(removed && !dir.exists(), "iteration {n}: the directory came back");
    let first = IterationResult { outcome, refetched: None };
    fs::create_dir(&dir).unwrap();
    let second = case.result(fx, case.run(&fx.client()));
    fs::remove_dir_all(&dir).unwrap();
    vec![(0, first), (1, second)]
}
