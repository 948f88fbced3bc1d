//! Faults on the wire, injected by the local OSS server: each iteration puts a
//! fresh object of random size, installs a rule with random (seeded)
//! parameters, downloads with random part size and thread count, and judges
//! what is at the target.

use crate::common::*;
use crate::harness::{client_with_speed_time, Case, IterationResult, Results, Rng};
use oss_server::{FaultKind, FaultRule, Trigger};
use std::time::Duration;

/// Runs one case with `rules` installed for its object, then removes them.
fn with_rules(fx: &Fixture, case: &Case, rules: Vec<FaultRule>, speed_time: Duration) -> IterationResult {
    let ids: Vec<u64> = rules.into_iter().map(|r| fx.server.faults().add(r)).collect();
    let outcome = case.run(&client_with_speed_time(fx, speed_time));
    for id in ids {
        fx.server.faults().remove(id);
    }
    case.result(fx, outcome)
}

fn rule(case: &Case, kind: FaultKind) -> FaultRule {
    FaultRule::new(kind).object(BUCKET, &case.key)
}

pub fn probability(rng: &mut Rng, lo: f64, hi: f64) -> Trigger {
    Trigger::Probability(lo + (hi - lo) * rng.range(0, 1000) as f64 / 1000.0)
}

/// The low-speed window of the kinds that do not stall (stalls use 1 s).
pub const WINDOW: Duration = Duration::from_secs(5);

pub fn cut(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let kind = FaultKind::CutAfter { bytes: rng.range(0, case.part_size - 1), reset: rng.chance(0.5) };
    let trigger = probability(rng, 0.2, 0.6);
    vec![(0, with_rules(fx, &case, vec![rule(&case, kind).trigger(trigger)], WINDOW))]
}

/// `n` 500s or 503s in a row on the object (the HEAD too, half the time).
fn storm(fx: &Fixture, rng: &mut Rng, n: usize, lo: u64, hi: u64) -> Results {
    let case = Case::new(fx, rng, n, None);
    let status = rng.pick(&[500, 503]);
    let mut r = rule(&case, FaultKind::ErrorStatus { status }).times(rng.range(lo, hi));
    if rng.chance(0.5) {
        r = r.all_methods();
    }
    vec![(0, with_rules(fx, &case, vec![r], WINDOW))]
}

/// Up to 9 in a row: within the retry budget (10 fruitless attempts), so it must always
/// end with the file.
pub fn short_storm(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    storm(fx, rng, n, 1, 9)
}

/// 10 to 40 in a row: past the budget when they land on one part (or the HEAD).
pub fn long_storm(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    storm(fx, rng, n, 10, 40)
}

pub fn delay(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let ms = rng.range(0, 1500);
    let mut r =
        rule(&case, FaultKind::DelayFirstByte { delay: Duration::from_millis(ms) }).trigger(probability(rng, 0.1, 0.3));
    if rng.chance(0.5) {
        r = r.all_methods();
    }
    // A 1 s low-speed window: delays past it time out and are retried.
    vec![(0, with_rules(fx, &case, vec![r], Duration::from_secs(1)))]
}

pub fn stall(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let after = rng.range(0, case.part_size - 1);
    // Until the client gives up, or a pause shorter than the window.
    let duration = if rng.chance(0.7) { None } else { Some(Duration::from_millis(rng.range(50, 800))) };
    let r = rule(&case, FaultKind::Stall { after, duration }).times(rng.range(1, 2));
    vec![(0, with_rules(fx, &case, vec![r], Duration::from_secs(1)))]
}

pub fn throttle(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let r = rule(&case, FaultKind::Throttle { bytes_per_sec: rng.range(4 << 20, 32 << 20) });
    vec![(0, with_rules(fx, &case, vec![r], WINDOW))]
}

pub fn short(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let r = rule(&case, FaultKind::ShortBody { missing: rng.range(1, 1000) }).trigger(probability(rng, 0.2, 0.6));
    vec![(0, with_rules(fx, &case, vec![r], WINDOW))]
}

pub fn flip(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let offset = rng.range(0, case.size() - 1);
    let xor = rng.range(1, 255) as u8;
    // Every answer that carries the offset is corrupted (retries cannot heal it).
    let result = with_rules(fx, &case, vec![rule(&case, FaultKind::FlipByte { offset, xor })], WINDOW);
    // A corrupted download is worthless: its temp file and checkpoint go too.
    assert!(!case.temp().exists() && !case.checkpoint().exists(), "iteration {n}: leftovers after a CRC mismatch");
    vec![(0, result)]
}

pub fn replaced(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let mut case = Case::new(fx, rng, n, None);
    // The server replaces the object with each byte XOR 0x5A: wholly that is right too.
    case.alternative = Some(case.data.iter().map(|b| b ^ 0x5A).collect());
    let parts = case.size().div_ceil(case.part_size);
    let r = rule(&case, FaultKind::ReplaceContent { after_requests: rng.range(0, parts + 1) }).all_methods();
    vec![(0, with_rules(fx, &case, vec![r], WINDOW))]
}

/// Every transient fault at once, each with its own probability.
pub fn chaos(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let case = Case::new(fx, rng, n, None);
    let p = |rng: &mut Rng| probability(rng, 0.05, 0.2);
    let rules = vec![
        rule(&case, FaultKind::CutAfter { bytes: rng.range(0, case.part_size - 1), reset: false }).trigger(p(rng)),
        rule(&case, FaultKind::CutAfter { bytes: rng.range(0, case.part_size - 1), reset: true }).trigger(p(rng)),
        rule(&case, FaultKind::ErrorStatus { status: 503 }).all_methods().trigger(p(rng)),
        rule(&case, FaultKind::DelayFirstByte { delay: Duration::from_millis(rng.range(0, 300)) }).trigger(p(rng)),
        rule(&case, FaultKind::ShortBody { missing: rng.range(1, 1000) }).trigger(p(rng)),
        rule(&case, FaultKind::Throttle { bytes_per_sec: 16 << 20 }).trigger(p(rng)),
    ];
    vec![(0, with_rules(fx, &case, rules, WINDOW))]
}
