//! The upload half of the matrix's harness: one iteration's local file (random size, part size,
//! threads, checkpoint on or off), the key's state before the upload (absent, or another object
//! half the time), and the judge that looks at the object at the key after every run: exactly
//! the file, or the previous state with a clear error — anything else is a wrong object. A failed
//! run without checkpoint must also leave no multipart upload behind (ListMultipartUploads).

use crate::common::*;
use crate::harness::{IterationResult, Outcome, Rng};
use oss_c_sdk::client::Client;
use oss_c_sdk::http::Response;
use oss_c_sdk::ops::multipart::{self as mp, UploadsRequest};
use oss_c_sdk::outcome::Failure;
use oss_c_sdk::upload::{self, checkpoint, Upload};
use oss_server::{FaultKind, FaultRule};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

pub struct UploadCase {
    pub key: String,
    /// The file's bytes (what a correct upload stores).
    pub data: Vec<u8>,
    /// The object at the key before the upload (`None`: no object).
    pub previous: Option<Vec<u8>>,
    pub path: PathBuf,
    pub part_size: u64,
    pub threads: i32,
    pub checkpoint: bool,
}

impl UploadCase {
    /// A fresh file of 200 KiB .. 2 MiB (never a round number), parts of 100–256 KiB.
    pub fn new(fx: &Fixture, rng: &mut Rng, n: usize) -> UploadCase {
        let size = rng.range(200 << 10, 2 << 20) as usize;
        let key = format!("up-{n}/object.bin");
        let previous = rng.chance(0.5).then(|| content(rng.range(1, 300 << 10) as usize, rng.next()));
        if let Some(bytes) = &previous {
            fx.put(&key, bytes);
        }
        let case = UploadCase {
            key,
            data: content(size, rng.next()),
            previous,
            path: fx.path(&format!("up-{n}.bin")),
            part_size: rng.pick(&[100 << 10, 128 << 10, 160 << 10, 256 << 10]),
            threads: rng.range(1, 4) as i32,
            checkpoint: rng.chance(0.5),
        };
        case.write_file(&case.data);
        case
    }

    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }

    /// Writes the file, dated an hour back: any later write gives it another modification time
    /// (however coarse the file system's clock), which the engine must notice.
    pub fn write_file(&self, bytes: &[u8]) {
        std::fs::write(&self.path, bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&self.path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
    }

    pub fn checkpoint_path(&self) -> PathBuf {
        checkpoint::default_path(&self.path)
    }

    pub fn upload(&self) -> Upload {
        Upload {
            object: object(&self.key),
            path: self.path.clone(),
            part_size: self.part_size as i64,
            threads: self.threads,
            checkpoint: self.checkpoint.then(|| self.checkpoint_path()),
            enable_crc: true,
            retry: quick_retry(),
        }
    }

    /// One run, judged; `on_progress` (if any) sees every report and may ask for a cancel.
    pub fn run(&self, fx: &Fixture, client: &Client, on_progress: Option<&mut dyn FnMut(u64) -> bool>) -> Outcome {
        let cancel = AtomicBool::new(false);
        let result = match on_progress {
            None => upload::run(client, &self.upload(), None, None),
            Some(f) => {
                let mut progress = |done: u64, _: u64| {
                    if f(done) {
                        cancel.store(true, Ordering::Relaxed);
                    }
                };
                upload::run(client, &self.upload(), Some(&cancel), Some(&mut progress))
            }
        };
        self.judge(fx, &result.map(|(answer, _)| answer))
    }

    /// What is at the key now, given what the run returned.
    pub fn judge(&self, fx: &Fixture, result: &Result<Response, Failure>) -> Outcome {
        let stored = std::fs::read(fx.storage.path().join(BUCKET).join(&self.key)).ok();
        let is_file = stored.as_ref() == Some(&self.data);
        match result {
            Ok(_) if is_file => Outcome::Correct,
            Ok(_) => {
                Outcome::Wrong(format!("success, but the object is {:?} bytes, not the file", stored.map(|s| s.len())))
            }
            Err(f) => {
                let e = &f.error;
                if !is_file && stored != self.previous {
                    return Outcome::Wrong(format!(
                        "failure ({e}), and the object is neither the file nor the previous one"
                    ));
                }
                if !self.checkpoint && uploads_left(fx, &self.key) > 0 {
                    return Outcome::Wrong(format!("failure ({e}) without checkpoint left a multipart upload behind"));
                }
                if e.code() != 0 && !e.error_code().is_empty() && !e.message().is_empty() {
                    Outcome::ClearError { code: e.code(), error_code: e.error_code().to_string() }
                } else {
                    Outcome::Wrong(format!("an error that says nothing: {e:?}"))
                }
            }
        }
    }

    /// Body bytes the server received for the key so far (parts, including every attempt and
    /// the parts of abandoned runs, and the completion documents).
    pub fn received(&self, fx: &Fixture) -> u64 {
        wait_idle(fx, 300);
        fx.server.counters(BUCKET, &self.key).received_bytes
    }

    /// The iteration's result: bytes received beyond the file's size when it ended correct.
    pub fn result(&self, fx: &Fixture, outcome: Outcome) -> IterationResult {
        let refetched = (outcome == Outcome::Correct).then(|| self.received(fx).saturating_sub(self.size()));
        IterationResult { outcome, refetched }
    }

    /// The upload id the checkpoint names.
    pub fn checkpoint_upload_id(&self) -> Option<String> {
        let bytes = std::fs::read(self.checkpoint_path()).ok()?;
        oss_c_sdk::transfer::journal::parse::<checkpoint::UploadJournal>(&bytes).map(|p| p.identity.upload_id)
    }

    /// Throttles the key's request bodies (per connection) while `body` runs.
    pub fn throttled<T>(&self, fx: &Fixture, bytes_per_sec: u64, body: impl FnOnce() -> T) -> T {
        let rule = FaultRule::new(FaultKind::Throttle { bytes_per_sec }).object(BUCKET, &self.key).on_request();
        let id = fx.server.faults().add(rule);
        let out = body();
        fx.server.faults().remove(id);
        out
    }

    /// One run with the checkpoint on, cancelled once `fraction` of the file is reported sent
    /// (the key's bodies throttled so that parts are in flight). A wrong outcome is returned as
    /// the iteration's result; a correct cancel gives `Ok`.
    pub fn interrupt(&self, fx: &Fixture, fraction: f64) -> Result<(), IterationResult> {
        let stop_at = ((self.size() as f64 * fraction) as u64).max(1);
        let client = fx.client();
        let outcome = self.throttled(fx, 4 << 20, || self.run(fx, &client, Some(&mut |done| done >= stop_at)));
        match outcome {
            Outcome::ClearError { error_code, .. } if error_code == "AbortedByCaller" => Ok(()),
            other => Err(IterationResult { outcome: other, refetched: None }),
        }
    }
}

/// Multipart uploads in progress for `key`.
pub fn uploads_left(fx: &Fixture, key: &str) -> usize {
    let client = fx.client();
    let list = UploadsRequest { prefix: key.to_string(), ..UploadsRequest::default() };
    let (_, page) = mp::list_uploads(&client, &mut client.session().unwrap(), BUCKET, &list).unwrap();
    page.uploads.iter().filter(|u| u.key == key).count()
}
