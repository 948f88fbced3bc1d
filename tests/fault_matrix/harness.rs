//! What every scenario of the matrix shares: a seeded generator, one
//! iteration's object and target ("a case"), and the judge that looks at the
//! target path after every run and says what the caller got: the correct
//! file, a clear error (and nothing at the target), or a wrong file.

use crate::common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::download::{self, retry::Jitter, Download};
use oss_c_sdk::http::Response;
use oss_c_sdk::outcome::Failure;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A small seeded generator (the engine's own splitmix64): the same seed
/// gives the same sizes, offsets and fault parameters on every machine.
pub struct Rng(Jitter);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(Jitter::new(seed))
    }
    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()]
    }
    /// In `lo..=hi`, in steps of a thousandth of the span.
    pub fn fraction(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.range(0, 1000) as f64 / 1000.0
    }
}

/// XORs 1–4 random bytes among the first `len` of the file at `path` with random masks, in place.
pub fn flip_bytes(path: &Path, len: u64, rng: &mut Rng) {
    use std::os::unix::fs::FileExt;
    let file = std::fs::OpenOptions::new().read(true).write(true).open(path).unwrap();
    for _ in 0..rng.range(1, 4) {
        let at = rng.range(0, len - 1);
        let mut byte = [0u8];
        file.read_exact_at(&mut byte, at).unwrap();
        byte[0] ^= rng.range(1, 255) as u8;
        file.write_all_at(&byte, at).unwrap();
    }
}

/// What one run left the caller with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `Ok`, and the target holds exactly the object's bytes.
    Correct,
    /// `Err` with a status code, error code and message, and no file at the target.
    ClearError { code: i32, error_code: String },
    /// Anything else: bytes at the target that are not the object, a success without
    /// the file, a failure that touched the target, or an error that says nothing.
    Wrong(String),
}

/// One iteration's result, as the table counts it.
pub struct IterationResult {
    pub outcome: Outcome,
    /// Bytes the server sent beyond the object's size over all runs of the iteration
    /// (retries, parts in flight at an interruption, discarded checkpoints); only
    /// meaningful when the iteration ended with the correct file.
    pub refetched: Option<u64>,
}

/// What one call of a scenario produced: results, each for one of its rows.
pub type Results = Vec<(usize, IterationResult)>;

pub use crate::common::quick_retry;

/// One iteration's object (random size, part size, threads) and where it goes.
pub struct Case {
    pub key: String,
    pub data: Vec<u8>,
    /// Another complete version that is also a correct answer (the object replaced
    /// mid-download: a file of wholly the old or wholly the new bytes is right).
    pub alternative: Option<Vec<u8>>,
    pub dest: PathBuf,
    pub part_size: u64,
    pub threads: i32,
}

impl Case {
    /// A fresh object of 64 KiB .. 1.5 MiB (never a round number) and a target in
    /// `dir` (the fixture's work directory unless given).
    pub fn new(fx: &Fixture, rng: &mut Rng, n: usize, dir: Option<&Path>) -> Case {
        let size = rng.range(64 << 10, 3 << 19) as usize;
        let data = content(size, rng.next());
        let key = format!("it-{n}/object.bin");
        fx.put(&key, &data);
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| fx.work.path().to_path_buf());
        Case {
            key,
            data,
            alternative: None,
            dest: dir.join(format!("out-{n}.bin")),
            part_size: rng.pick(&[32 << 10, 64 << 10, 100_000, 128 << 10, 256 << 10]),
            threads: rng.range(1, 4) as i32,
        }
    }

    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }

    pub fn checkpoint(&self) -> PathBuf {
        oss_c_sdk::download::checkpoint::default_path(&self.dest)
    }

    pub fn temp(&self) -> PathBuf {
        oss_c_sdk::transfer::finish::temp_path(&self.dest)
    }

    pub fn download(&self) -> Download {
        Download {
            object: object(&self.key),
            path: self.dest.clone(),
            part_size: self.part_size as i64,
            threads: self.threads,
            checkpoint: Some(self.checkpoint()),
            enable_crc: true,
            retry: quick_retry(),
        }
    }

    /// One run with no interruption, judged.
    pub fn run(&self, client: &Client) -> Outcome {
        let result = download::run(client, &self.download(), None, None);
        self.judge(&result)
    }

    /// One run cancelled once `stop_at` bytes are done (or earlier, if the callback
    /// decides so), judged. The caller throttles the object so that the stop lands.
    pub fn run_with(&self, client: &Client, on_progress: &mut dyn FnMut(u64, u64) -> bool) -> (Outcome, bool) {
        let result = run_cancelling(client, &self.download(), on_progress);
        let cancelled = matches!(&result, Err(f) if f.error.code() == -997);
        (self.judge(&result), cancelled)
    }

    /// What the caller has now, at the target path.
    pub fn judge(&self, result: &Result<Response, Failure>) -> Outcome {
        let on_disk = std::fs::read(&self.dest).ok();
        let matches = |bytes: &Vec<u8>| *bytes == self.data || self.alternative.as_ref() == Some(bytes);
        match (result, on_disk) {
            (Ok(_), Some(bytes)) if matches(&bytes) => Outcome::Correct,
            (Ok(_), Some(bytes)) => {
                Outcome::Wrong(format!("success, but the {}-byte file differs from the object", bytes.len()))
            }
            (Ok(_), None) => Outcome::Wrong("success, but no file at the target".into()),
            (Err(f), Some(_)) => Outcome::Wrong(format!("failure ({}), but a file at the target", f.error)),
            (Err(f), None) => {
                let e = &f.error;
                if e.code() != 0 && !e.error_code().is_empty() && !e.message().is_empty() {
                    Outcome::ClearError { code: e.code(), error_code: e.error_code().to_string() }
                } else {
                    Outcome::Wrong(format!("an error that says nothing: {e:?}"))
                }
            }
        }
    }

    /// Removes what a correct run left, so the next run starts without a target.
    pub fn clear_target(&self) {
        let _ = std::fs::remove_file(&self.dest);
    }

    /// Body bytes the server sent for this object so far, once every connection of
    /// earlier (possibly aborted) transfers has closed.
    pub fn fetched(&self, fx: &Fixture) -> u64 {
        wait_idle(fx, 300);
        fx.server.counters(BUCKET, &self.key).body_bytes
    }

    /// The iteration's result from its final outcome and the bytes served.
    pub fn result(&self, fx: &Fixture, outcome: Outcome) -> IterationResult {
        let refetched = (outcome == Outcome::Correct).then(|| self.fetched(fx).saturating_sub(self.size()));
        IterationResult { outcome, refetched }
    }
}

/// A client for the fixture with the given low-speed window (stall detection).
pub fn client_with_speed_time(fx: &Fixture, speed_time: Duration) -> Client {
    let mut config = fx.config();
    config.transfer.speed_time = speed_time;
    Client::new(config).expect("client")
}
