//! Thread-safety under load (C callers run downloads from many threads): many resumable downloads at once in
//! one process — each with its own worker threads, all sharing one client
//! configuration and one server — through random connection cuts, 503s and
//! cancellations, repeated. ThreadSanitizer needs a nightly toolchain; this
//! is the stable stand-in: every download must end with exactly its own
//! object (no cross-talk between downloads, no torn or mixed file) or, when
//! cancelled, resume to it; nothing may panic or hang.

mod common;

use common::*;
use oss_c_sdk::download::{self, retry::RetryPolicy, Download};
use oss_server::{FaultKind, FaultRule, Trigger};
use std::time::{Duration, Instant};

const DOWNLOADS: usize = 24;
const ROUNDS: usize = 3;

#[test]
fn many_concurrent_downloads_with_faults_and_cancels() {
    let fx = Fixture::start_with(|c| c.seed = 6);
    let objects: Vec<Vec<u8>> = (0..8).map(|i| content(300_000 + i * 77_777, 100 + i as u64)).collect();
    for (i, data) in objects.iter().enumerate() {
        fx.put(&format!("o{i}"), data);
    }
    fx.server.faults().add(
        FaultRule::new(FaultKind::CutAfter { bytes: 20_000, reset: true })
            .bucket(BUCKET)
            .trigger(Trigger::Probability(0.1)),
    );
    fx.server.faults().add(
        FaultRule::new(FaultKind::ErrorStatus { status: 503 })
            .bucket(BUCKET)
            .all_methods()
            .trigger(Trigger::Probability(0.05)),
    );
    let client = fx.client();
    let started = Instant::now();
    for round in 0..ROUNDS {
        std::thread::scope(|scope| {
            for n in 0..DOWNLOADS {
                let (client, objects, fx) = (&client, &objects, &fx);
                scope.spawn(move || {
                    let which = (n + round) % objects.len();
                    let dest = fx.path(&format!("r{round}-d{n}"));
                    let d = Download {
                        object: object(&format!("o{which}")),
                        path: dest.clone(),
                        part_size: 32 * 1024 + (n as i64 % 5) * 10_000,
                        threads: 1 + (n % 6) as i32,
                        checkpoint: Some(oss_c_sdk::download::checkpoint::default_path(&dest)),
                        enable_crc: true,
                        retry: RetryPolicy {
                            base: Duration::from_millis(1),
                            cap: Duration::from_millis(20),
                            ..RetryPolicy::default()
                        },
                    };
                    // Every third download is cancelled part-way, then resumed.
                    if n % 3 == 0 {
                        let stop_at = objects[which].len() as u64 / 3;
                        if run_cancelled_at(client, &d, stop_at).is_ok() {
                            std::fs::remove_file(&dest).unwrap(); // finished before the cancel landed
                        }
                        assert!(!dest.exists());
                    }
                    download::run(client, &d, None, None)
                        .unwrap_or_else(|f| panic!("download {n} round {round}: {}", f.error));
                    assert!(std::fs::read(&dest).unwrap() == objects[which], "download {n} round {round}: wrong bytes");
                    std::fs::remove_file(&dest).unwrap();
                });
            }
        });
    }
    assert_eq!(fx.server.caught_panics(), 0);
    assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "no temp file or checkpoint left");
    assert!(started.elapsed() < Duration::from_secs(120), "took {:?}", started.elapsed());
}
