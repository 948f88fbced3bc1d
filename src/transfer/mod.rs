//! What the transfer engines share: the worker pool their parts run on, the checkpoint journal's
//! format and I/O, the lock that keeps two transfers off the same files, the plan of parts, the
//! retry policy, the temp file a download writes into, how a finished file is verified, synced
//! and put in place, and how often progress is reported. The download engine (`download`), the
//! upload engine (`upload`) and single requests (`object`, `ops`) use it.

pub mod finish;
pub mod journal;
pub mod lock;
pub mod plan;
pub mod progress;
pub mod retry;
pub mod target;
pub mod workers;
