//! The resumable download engine: plan, byte ranges, workers,
//! positioned-write sink, checkpoint journal, retry policy, and the
//! coordinator that runs them.

pub mod checkpoint;
mod coordinator;
pub mod plan;
pub mod range;
pub mod resumable;
mod resume;
pub mod retry;
mod sink;
mod source;
mod worker;

pub use resumable::{run, Download};
