//! What the transfer engines share: the temp file a transfer writes into,
//! how a finished file is verified, synced and put in place, and how often
//! progress is reported. The download engine (`download`) and single GETs
//! (`object`) use it today; the upload engine will share it, with the
//! journal, retry policy and worker pool, which still live in `download`
//! until a second user shows what their shared shape is.

pub mod finish;
pub mod progress;
pub mod target;
