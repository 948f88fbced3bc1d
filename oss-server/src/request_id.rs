//! Unique request ids shaped like OSS's: 24 upper-case hex characters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

static SEQUENCE: AtomicU64 = AtomicU64::new(0);
static SALT: OnceLock<u64> = OnceLock::new();

pub fn next_request_id() -> String {
    let salt = *SALT.get_or_init(|| {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
        nanos ^ (u64::from(std::process::id()) << 32)
    });
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as u32;
    // A bijective scramble of (salt + sequence): unique within the process, unalike across runs.
    let mut z = salt.wrapping_add(SEQUENCE.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    format!("{seconds:08X}{z:016X}")
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
