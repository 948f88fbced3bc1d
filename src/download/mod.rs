//! The resumable download engine: plan, byte ranges, workers,
//! positioned-write sink, checkpoint journal, retry policy, and the
//! coordinator that runs them.

pub mod checkpoint;
pub mod plan;
pub mod range;
pub mod resumable;
pub mod retry;
mod sink;
mod target;
mod worker;

pub use resumable::{run, Download};
