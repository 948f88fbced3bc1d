//! Unique request ids shaped like OSS's: 24 upper-case hex characters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

static SEQUENCE: AtomicU64 = AtomicU64::new(0);
static SALT: OnceLock<u64> = OnceLock::new();

/// A number never returned before by this process: a bijective scramble of (salt + sequence),
/// so unique within the process and unalike across runs.
pub fn unique_u64() -> u64 {
    let salt = *SALT.get_or_init(|| {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
        nanos ^ (u64::from(std::process::id()) << 32)
    });
    crate::splitmix::mix(salt.wrapping_add(SEQUENCE.fetch_add(1, Ordering::Relaxed)))
}

fn unix_seconds() -> u32 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as u32
}

pub fn next_request_id() -> String {
    format!("{:08X}{:016X}", unix_seconds(), unique_u64())
}

/// A name unique across processes and restarts (seconds, process id, `unique_u64`): data-file
/// ids and temp names, where a collision would overwrite another object's bytes.
pub fn unique_name() -> String {
    format!("{:08x}{:08x}{:016x}", unix_seconds(), std::process::id(), unique_u64())
}

#[cfg(test)]
mod tests {
    #[test]
    fn unique_and_shaped() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| super::next_request_id()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids
            .iter()
            .all(|id| id.len() == 24 && id.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))));
    }
}
