//! What the transfer engines share: the temp file a transfer writes into
//! and how a finished file is verified, synced and put in place. The
//! download engine (`download`) and single GETs (`object`) use it today;
//! the upload engine will share it (with the journal, retry policy,
//! progress and worker pool, which still live in `download`).

pub mod finish;
pub mod target;
