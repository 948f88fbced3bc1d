//! Deterministic pseudo-random object content, for `--create-object`, the admin API and the
//! benchmark: real bytes (not a sparse file, not a repeated pattern) that are cheap to make.

use std::io::Read;

use crate::splitmix::mix;

/// A reader yielding `len` bytes; the byte at offset `i` depends only on `seed` and `i`
/// (a counter-based generator), so content never depends on how the reader is read.
pub struct PseudoRandomReader {
    seed: u64,
    position: u64,
    len: u64,
}

impl PseudoRandomReader {
    pub fn new(seed: u64, len: u64) -> PseudoRandomReader {
        PseudoRandomReader { seed: mix(seed), position: 0, len }
    }
}

impl Read for PseudoRandomReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min((self.len - self.position).min(usize::MAX as u64) as usize);
        let mut filled = 0;
        while filled < n {
            let word_index = (self.position + filled as u64) / 8;
            let skip = ((self.position + filled as u64) % 8) as usize;
            let word = mix(self.seed ^ word_index.wrapping_mul(0xD6E8_FEB8_6659_FD93)).to_le_bytes();
            let take = (8 - skip).min(n - filled);
            buf[filled..filled + take].copy_from_slice(&word[skip..skip + take]);
            filled += take;
        }
        self.position += n as u64;
        Ok(n)
    }
}

/// The whole content in memory (for small objects in tests).
pub fn generate(seed: u64, len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    let mut reader = PseudoRandomReader::new(seed, len as u64);
    let mut filled = 0;
    while filled < len {
        filled += reader.read(&mut out[filled..]).unwrap_or(0);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_seed_dependent() {
        let a = super::generate(1, 1000);
        assert_eq!(a, super::generate(1, 1000));
        assert_ne!(a, super::generate(2, 1000));
        assert_eq!(&super::generate(1, 1003)[..1000], &a[..], "a prefix does not depend on the length");
        assert!(a.iter().filter(|b| **b == 0).count() < 50, "looks random");
        let mut odd_reads = Vec::new();
        let mut reader = super::PseudoRandomReader::new(1, 1000);
        let mut buf = [0u8; 7];
        for _ in 0..200 {
            let n = std::io::Read::read(&mut reader, &mut buf).unwrap();
            odd_reads.extend_from_slice(&buf[..n]);
        }
        assert_eq!(odd_reads, a, "read sizes do not change the content");
    }
}
