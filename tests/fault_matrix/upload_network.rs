//! Upload faults on the wire, injected by the local OSS server on the request side: each
//! iteration writes a fresh file of random size, installs a rule with random (seeded)
//! parameters on UploadPart or CompleteMultipartUpload, uploads with random part size, threads
//! and checkpoint on or off, and judges the object at the key.

use crate::common::*;
use crate::harness::{client_with_speed_time, Outcome, Results, Rng};
use crate::network::{probability, WINDOW};
use crate::upload_case::UploadCase;
use oss_server::{FaultKind, FaultRule};
use std::time::Duration;

fn rule(case: &UploadCase, kind: FaultKind, op: &str) -> FaultRule {
    FaultRule::new(kind).object(BUCKET, &case.key).on_request().operation(op)
}

/// Runs one upload with `rules` installed, then removes them; judged.
fn with_rules(fx: &Fixture, case: &UploadCase, rules: Vec<FaultRule>, speed_time: Duration) -> Outcome {
    let ids: Vec<u64> = rules.into_iter().map(|r| fx.server.faults().add(r)).collect();
    let outcome = case.run(fx, &client_with_speed_time(fx, speed_time), None);
    for id in ids {
        fx.server.faults().remove(id);
    }
    outcome
}

fn judged(fx: &Fixture, case: &UploadCase, rules: Vec<FaultRule>, speed_time: Duration) -> Results {
    let outcome = with_rules(fx, case, rules, speed_time);
    vec![(0, case.result(fx, outcome))]
}

pub fn cut(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = UploadCase::new(fx, rng, n);
    let kind = FaultKind::CutAfter { bytes: rng.range(0, case.part_size - 1), reset: rng.chance(0.5) };
    let r = rule(&case, kind, "UploadPart").trigger(probability(rng, 0.2, 0.6));
    judged(fx, &case, vec![r], WINDOW)
}

/// `lo..=hi` 500s or 503s in a row (each after the whole body was read), on UploadPart or on
/// CompleteMultipartUpload.
fn storm(fx: &Fixture, rng: &mut Rng, n: usize, lo: u64, hi: u64) -> Results {
    let case = UploadCase::new(fx, rng, n);
    let op = rng.pick(&["UploadPart", "CompleteMultipartUpload"]);
    let r = rule(&case, FaultKind::ErrorStatus { status: rng.pick(&[500, 503]) }, op).times(rng.range(lo, hi));
    judged(fx, &case, vec![r], WINDOW)
}

/// Up to 9 in a row: within the retry budget (10 attempts), so always the file.
pub fn short_storm(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    storm(fx, rng, n, 1, 9)
}

/// 10 to 40 in a row: past the budget when they land on one part or on the completion.
pub fn long_storm(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    storm(fx, rng, n, 10, 40)
}

/// The server stops reading a part's body part-way, until the client gives up (1 s low-speed
/// window) or for a pause shorter than the window.
pub fn stall(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = UploadCase::new(fx, rng, n);
    let after = rng.range(0, case.part_size - 1);
    let duration = if rng.chance(0.7) { None } else { Some(Duration::from_millis(rng.range(50, 800))) };
    let r = rule(&case, FaultKind::Stall { after, duration }, "UploadPart").times(rng.range(1, 2));
    judged(fx, &case, vec![r], Duration::from_secs(1))
}

/// Parts stored, their answers never sent: the part is sent again (harmless, same bytes).
pub fn lost_part(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = UploadCase::new(fx, rng, n);
    let r = rule(&case, FaultKind::LostResponse, "UploadPart").trigger(probability(rng, 0.1, 0.3));
    judged(fx, &case, vec![r], WINDOW)
}

/// The completion carried out, its answer never sent: the retry finds the upload gone and the
/// object that is exactly these parts.
pub fn lost_complete(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = UploadCase::new(fx, rng, n);
    let r = rule(&case, FaultKind::LostResponse, "CompleteMultipartUpload").once();
    judged(fx, &case, vec![r], WINDOW)
}

/// Without checkpoint, a part that always fails (503 or a cut, on every attempt): the upload
/// fails and is aborted — ListMultipartUploads shows nothing left for the key (the judge checks).
pub fn no_checkpoint_failure(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let mut case = UploadCase::new(fx, rng, n);
    case.checkpoint = false;
    let parts = case.size().div_ceil(case.part_size);
    let part = rng.range(1, parts);
    // The cut lands inside the part (the last one may be short).
    let len = case.part_size.min(case.size() - (part - 1) * case.part_size);
    let kind = if rng.chance(0.5) {
        FaultKind::ErrorStatus { status: 503 }
    } else {
        FaultKind::CutAfter { bytes: rng.range(0, len - 1), reset: rng.chance(0.5) }
    };
    judged(fx, &case, vec![rule(&case, kind, "UploadPart").part(part as u32)], WINDOW)
}
