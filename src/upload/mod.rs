//! The resumable upload engine: a local file becomes an object through a multipart upload, its
//! parts sent in parallel by workers that read them straight from the file, with a checkpoint
//! journal so that an interrupted upload continues where it stopped. `coordinator.rs` runs it on
//! the caller's thread; `worker.rs` sends parts; `checkpoint.rs` is the journal's upload kind.

pub mod checkpoint;
mod coordinator;
mod resume;
pub mod sequential;
mod worker;

use std::path::PathBuf;

use crate::client::ObjectRef;
use crate::transfer::retry::RetryPolicy;

pub use coordinator::run;

/// OSS refuses parts under 100 KiB (but the last) at completion; smaller requests are raised.
pub const MIN_PART_SIZE: u64 = 100 * 1024;

/// One resumable upload, as the caller asked for it.
#[derive(Clone, Debug)]
pub struct Upload {
    /// The key, with the caller's headers (Content-Type, metadata, ACL, storage class go on the
    /// initiation; `x-oss-callback*` on the completion) and parameters (sent with the completion).
    pub object: ObjectRef,
    /// The local file.
    pub path: PathBuf,
    /// Bytes per part: `<= 0` is the default, raised to 100 KiB and so that there are at most
    /// 10,000 parts.
    pub part_size: i64,
    /// Workers: outside 1..=1024 becomes 1.
    pub threads: i32,
    /// The checkpoint (a file, or a directory to create it in); `None`: no checkpoint, and a
    /// failed upload is aborted on the server.
    pub checkpoint: Option<PathBuf>,
    /// Check the whole object's CRC-64 after completion (each part's is always checked).
    pub enable_crc: bool,
    pub retry: RetryPolicy,
}
