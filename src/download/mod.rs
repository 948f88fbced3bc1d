//! The resumable download engine: plan, byte ranges, workers,
//! positioned-write sink, checkpoint journal, retry policy, and the
//! coordinator that runs them.

pub mod checkpoint;
mod coordinator;
pub mod range;
pub mod resumable;
mod resume;
mod sink;
mod source;
mod staging;
mod worker;

/// The plan moved to `transfer` (uploads share it); the old path stays for callers.
pub use crate::transfer::plan;
/// The retry policy moved to `transfer` (uploads share it); the old path stays for callers.
pub use crate::transfer::retry;
pub use resumable::{run, Download};
