//! A resumable download as the caller describes it, and the call that runs
//! it (see `coordinator` for how).

use super::coordinator::Coordinator;
use crate::client::{Client, ObjectRef};
use crate::outcome::Outcome;
use crate::transfer::retry::RetryPolicy;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// One resumable download, as plain values.
#[derive(Clone, Debug)]
pub struct Download {
    /// A `Range: bytes=...` among its headers means "download just these
    /// bytes" (see `range.rs`); the file then holds exactly them.
    pub object: ObjectRef,
    pub path: PathBuf,
    /// As the caller gave it; `plan` normalises it.
    pub part_size: i64,
    pub threads: i32,
    /// Where the journal lives, when checkpointing is on: a file, or a
    /// directory to create it in (see `checkpoint::locate`).
    pub checkpoint: Option<PathBuf>,
    pub enable_crc: bool,
    pub retry: RetryPolicy,
}

/// Runs the download. `cancel`, when set from another thread, stops it
/// promptly with `AOSE_ABORT_CALLBACK`, keeping the checkpoint.
pub fn run(
    client: &Client,
    d: &Download,
    cancel: Option<&AtomicBool>,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let mut coordinator = Coordinator::prepare_or_resume(client, d, cancel, progress)?;
    coordinator.transfer();
    coordinator.finish()
}
