//! The fault matrix (reliability measured, not assumed): every fault kind a resumable download meets,
//! run for many seeded iterations against the local OSS server, with what the
//! caller ended up with counted per kind — the correct file, a clear error,
//! or a wrong file (any bytes at the target path that are not the object).
//! Zero wrong files is asserted; so is that each kind fails only in the ways
//! it may (a flipped byte must end in `InconsistentError`, never a success).
//! The upload kinds ("upload: …", `upload_*.rs`) judge the object at the key
//! instead: exactly the file, or the previous state with a clear error (and,
//! without checkpoint, no multipart upload left) — never a wrong object.
//!
//! The table goes to `target/reliability.md` (markdown) and
//! `target/reliability.jsonl` (one JSON object per row) and is printed.
//!
//!   cargo test --release --test fault_matrix -- --nocapture
//!   OSS_MATRIX_ITERATIONS=200 OSS_MATRIX_SEED=7 cargo test --release --test fault_matrix -- --nocapture
//!   OSS_MATRIX_ONLY=upload: cargo test --test fault_matrix -- --nocapture   (only those kinds)
//!
//! Iterations per kind default to 30 (kinds that cost seconds each run
//! fewer; the torn checkpoint runs one iteration per byte boundary).

#[path = "../common/mod.rs"]
mod common;
mod disk;
mod harness;
mod local;
mod network;
mod report;
mod upload_case;
mod upload_local;
mod upload_network;

use common::Fixture;
use harness::{Results, Rng};
use report::Row;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

struct RowSpec {
    name: &'static str,
    /// Error codes this row may end in (anything else fails the test).
    allowed_errors: &'static [&'static str],
    /// Every iteration must end in one of the allowed errors (never a success).
    must_fail: bool,
}

const fn row(name: &'static str, allowed_errors: &'static [&'static str]) -> RowSpec {
    RowSpec { name, allowed_errors, must_fail: false }
}

const fn failing(name: &'static str, allowed_errors: &'static [&'static str]) -> RowSpec {
    RowSpec { name, allowed_errors, must_fail: true }
}

struct Scenario {
    rows: Vec<RowSpec>,
    /// Share of the base iteration count this kind runs.
    weight: f64,
    run: fn(&Fixture, &mut Rng, usize) -> Results,
}

fn scenarios() -> Vec<Scenario> {
    let io: &'static [&'static str] = &["HttpIoError"];
    let disk_row = if disk::tmpfs_available() {
        "disk full (a tmpfs smaller than the object)"
    } else {
        "disk full (RLIMIT_FSIZE below the object's size)"
    };
    vec![
        Scenario {
            rows: vec![row("connection cut at a random offset (FIN or RST, p 0.2–0.6)", io)],
            weight: 1.0,
            run: network::cut,
        },
        Scenario {
            rows: vec![row("5xx storm within the retry budget (1–9 in a row; the HEAD too, half the time)", &[])],
            weight: 1.0,
            run: network::short_storm,
        },
        Scenario {
            rows: vec![row(
                "5xx storm past the retry budget (10–40 in a row; the HEAD too, half the time)",
                &["ServiceUnavailable", "InternalError"],
            )],
            weight: 1.0,
            run: network::long_storm,
        },
        Scenario {
            rows: vec![row("first-byte delay (0–1.5 s, p 0.1–0.3; 1 s stall window)", &[])],
            weight: 0.5,
            run: network::delay,
        },
        Scenario {
            rows: vec![row("stall mid-body (1–2 per download; 1 s stall window)", &[])],
            weight: 0.5,
            run: network::stall,
        },
        Scenario { rows: vec![row("throttled (4–32 MiB/s)", &[])], weight: 1.0, run: network::throttle },
        Scenario {
            rows: vec![row("short body (1–1000 bytes missing, p 0.2–0.6)", io)],
            weight: 1.0,
            run: network::short,
        },
        Scenario {
            rows: vec![failing("flipped byte (random offset and mask)", &["InconsistentError"])],
            weight: 1.0,
            run: network::flip,
        },
        Scenario {
            rows: vec![row("object replaced mid-download", &["PreconditionFailed"])],
            weight: 1.0,
            run: network::replaced,
        },
        Scenario {
            rows: vec![row(
                "all transient faults at once (cuts, resets, 503s, delays, short bodies, throttling)",
                &["HttpIoError", "ServiceUnavailable"],
            )],
            weight: 1.0,
            run: network::chaos,
        },
        Scenario {
            rows: vec![row("interrupted at a random point, resumed", &[])],
            weight: 1.0,
            run: local::interrupted,
        },
        Scenario {
            rows: vec![row("checkpoint's last record torn at every byte boundary, resumed", &[])],
            weight: 0.05,
            run: local::torn,
        },
        Scenario {
            rows: vec![row("temp file truncated or grown between runs, resumed", &[])],
            weight: 1.0,
            run: local::temp_resized,
        },
        Scenario {
            rows: vec![row("temp file bytes changed between runs, resumed", &[])],
            weight: 1.0,
            run: local::temp_changed,
        },
        Scenario {
            rows: vec![failing("target directory removed mid-run", &["RenameFileFail"]), row("… then run again", &[])],
            weight: 0.5,
            run: local::directory_removed,
        },
        Scenario {
            rows: vec![failing(disk_row, &["WriteFileFail", "OpenFileFail"]), row("… then room made: resumed", &[])],
            weight: 0.5,
            run: disk::disk_full,
        },
        // Uploads: the object at the key is exactly the file, or the previous state with a clear
        // error (and, without checkpoint, no multipart upload left).
        Scenario {
            rows: vec![row("upload: connection cut while sending a part (FIN or RST, p 0.2–0.6)", io)],
            weight: 0.5,
            run: upload_network::cut,
        },
        Scenario {
            rows: vec![row("upload: 5xx storm within the retry budget (1–9 in a row, on UploadPart or Complete)", &[])],
            weight: 0.5,
            run: upload_network::short_storm,
        },
        Scenario {
            rows: vec![row(
                "upload: 5xx storm past the retry budget (10–40 in a row, on UploadPart or Complete)",
                &["ServiceUnavailable", "InternalError"],
            )],
            weight: 0.5,
            run: upload_network::long_storm,
        },
        Scenario {
            rows: vec![row("upload: stalled body reads (1–2 per upload; 1 s stall window)", &[])],
            weight: 0.2,
            run: upload_network::stall,
        },
        Scenario {
            rows: vec![row("upload: response lost after a stored part (p 0.1–0.3)", &[])],
            weight: 0.5,
            run: upload_network::lost_part,
        },
        Scenario {
            rows: vec![row("upload: response lost after a successful Complete", &[])],
            weight: 0.5,
            run: upload_network::lost_complete,
        },
        Scenario {
            rows: vec![
                failing("upload: local file modified mid-upload (1–4 bytes, same size)", &["OpenFileFail"]),
                row("… then run again", &[]),
            ],
            weight: 0.5,
            run: upload_local::modified,
        },
        Scenario {
            rows: vec![
                failing("upload: local file truncated mid-upload", &["OpenFileFail"]),
                row("… then run again", &[]),
            ],
            weight: 0.5,
            run: upload_local::truncated,
        },
        Scenario {
            rows: vec![row("upload: aborted by someone else between runs, resumed", &[])],
            weight: 0.5,
            run: upload_local::aborted_by_other,
        },
        Scenario {
            rows: vec![row("upload: checkpoint's last record torn at every byte boundary, resumed", &[])],
            weight: 0.034,
            run: upload_local::torn,
        },
        Scenario {
            rows: vec![row("upload: interrupted 1–3 times at random points, resumed (bytes ≤ bound)", &[])],
            weight: 0.5,
            run: upload_local::interrupted,
        },
        Scenario {
            rows: vec![failing(
                "upload: a part failing every attempt, no checkpoint: no multipart upload left",
                &["ServiceUnavailable", "HttpIoError"],
            )],
            weight: 0.5,
            run: upload_network::no_checkpoint_failure,
        },
    ]
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A scenario's rows, or the message of the panic that stopped it.
type ScenarioResult = Result<Vec<Row>, String>;

/// Runs one scenario's iterations on its own server.
fn run_scenario(s: &Scenario, seed: u64, base: u64) -> ScenarioResult {
    let mut rows: Vec<Row> = s.rows.iter().map(|r| Row::new(r.name)).collect();
    let started = Instant::now();
    let iterations = ((base as f64 * s.weight).round() as usize).max(1);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // The server syncs every part and completion: on a tmpfs that costs nothing, which keeps
        // the upload kinds (dozens of syncs per iteration) quick.
        let memory = Path::new("/dev/shm");
        let in_memory = s.rows[0].name.starts_with("upload:") && memory.is_dir();
        let fx = Fixture::start_in(in_memory.then_some(memory), |c| c.seed = seed);
        let mut rng = Rng::new(seed);
        for n in 0..iterations {
            for (index, result) in (s.run)(&fx, &mut rng, n) {
                rows[index].add(n, result);
            }
        }
        assert_eq!(fx.server.caught_panics(), 0, "the server panicked");
    }));
    let seconds = started.elapsed().as_secs_f64();
    for r in &mut rows {
        r.seconds = seconds;
    }
    outcome.map(|()| rows).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// What is wrong with a row, if anything.
fn problems(spec: &RowSpec, row: &Row) -> Vec<String> {
    let mut out = Vec::new();
    if row.wrong > 0 {
        out.push(format!("{}: {} WRONG FILES: {:?}", spec.name, row.wrong, row.wrong_details));
    }
    for code in row.errors.keys() {
        if !spec.allowed_errors.contains(&code.as_str()) {
            out.push(format!("{}: unexpected error {code} ({:?})", spec.name, row.errors));
        }
    }
    if spec.must_fail && row.correct > 0 {
        out.push(format!("{}: {} runs succeeded where the fault must make them fail", spec.name, row.correct));
    }
    if row.iterations == 0 {
        out.push(format!("{}: no iteration ran", spec.name));
    }
    out
}

#[test]
fn fault_matrix() {
    let base = env_number("OSS_MATRIX_ITERATIONS", 30);
    let seed = env_number("OSS_MATRIX_SEED", 1);
    let started = Instant::now();
    // OSS_MATRIX_ONLY=text: only the kinds whose name contains it (e.g. "upload:"), for a quick look.
    let only = std::env::var("OSS_MATRIX_ONLY").unwrap_or_default();
    let scenarios: Vec<Scenario> = scenarios().into_iter().filter(|s| s.rows[0].name.contains(&only)).collect();
    let results: Vec<Mutex<Option<ScenarioResult>>> = scenarios.iter().map(|_| Mutex::new(None)).collect();
    let next = Mutex::new(0usize);
    // Two scenarios at a time (each on its own server): this is a 2-core machine.
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                let Some(s) = scenarios.get(i) else { break };
                let scenario_seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64 + 1);
                *results[i].lock().unwrap() = Some(run_scenario(s, scenario_seed, base));
            });
        }
    });

    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for (s, result) in scenarios.iter().zip(results) {
        match result.into_inner().unwrap().expect("every scenario ran") {
            Ok(scenario_rows) => {
                for (spec, r) in s.rows.iter().zip(scenario_rows) {
                    failures.extend(problems(spec, &r));
                    rows.push(r);
                }
            }
            Err(panic) => failures.push(format!("{}: panicked: {panic}", s.rows[0].name)),
        }
    }
    let header = format!(
        "Fault matrix: seed {seed}, base {base} iterations per kind, {:.0} s on this machine.",
        started.elapsed().as_secs_f64()
    );
    let markdown = report::markdown(&rows, &header);
    let dir = report::target_dir();
    std::fs::write(dir.join("reliability.md"), &markdown).expect("write target/reliability.md");
    std::fs::write(dir.join("reliability.jsonl"), report::json_lines(&rows)).expect("write target/reliability.jsonl");
    println!("\n{markdown}");
    let wrong: usize = rows.iter().map(|r| r.wrong).sum();
    assert_eq!(wrong, 0, "wrong files at the target path: {failures:#?}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Not a test of its own: the child process of the disk-full fallback (see `disk.rs`).
/// Does nothing unless the parent started it.
#[test]
fn disk_full_child() {
    disk::child_main();
}
