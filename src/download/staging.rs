//! Positioned writes into the one temp file every worker of a download shares, gathered per
//! worker and taken in turn.
//!
//! Why gathered: libcurl hands a body to its write callback in pieces of at most 16 KiB, and a
//! write system call per piece is 65,536 calls per GiB. Why in turn: the kernel serialises
//! writers of one file on the inode's lock, and writers that find it held spin on it — measured
//! on tmpfs with 3 workers, a fifth of the download's CPU was `rwsem_spin_on_owner`. A lock of our
//! own, tried first, lets a worker that finds the file busy go on gathering instead of spinning;
//! only a worker whose buffer is full waits for its turn, asleep. Waiting every time the buffer
//! reached its size instead left the cores idle a quarter of the time and made 16 threads 1.21×
//! slower than the official SDK (bench/results.md, before this change).

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::Mutex;

/// How many bytes a worker gathers before it tries to write them: large enough that the
/// per-call cost of a write disappears (a 1 GiB download, 3 threads, into tmpfs: client CPU
/// 0.85 s with 128 KiB, 1.1 s with 64 KiB), small enough to cost little memory per worker.
const STAGING_BYTES: usize = 128 * 1024;
/// What the workers of one download gather together before trying to write (the default 3
/// threads get the full size each); with many threads each gets less, down to a floor.
const STAGING_BUDGET: usize = 3 * STAGING_BYTES;
const MIN_STAGING: usize = 64 * 1024;

/// One worker's gathering size when `threads` workers share the download. Its buffer holds
/// twice that: room to go on gathering while another worker writes. Measured (1 GiB into
/// tmpfs, 5 runs, wall against the official SDK's): 3 threads 0.88 vs 1.13 s, 8 threads 0.91
/// vs 1.11 s, 16 threads 0.89 vs 1.17 s; a fixed 128 KiB at every thread count was 0.72 s at 8
/// and 16 threads but cost 1 and 2 MiB more peak RSS.
pub fn staging_bytes(threads: usize) -> usize {
    (STAGING_BUDGET / threads.max(1)).clamp(MIN_STAGING, STAGING_BYTES)
}

/// The temp file, and the lock its writers take in turn.
pub struct SharedFile<'a> {
    file: &'a File,
    turn: Mutex<()>,
}

impl<'a> SharedFile<'a> {
    pub fn new(file: &'a File) -> Self {
        Self { file, turn: Mutex::new(()) }
    }

    pub fn file(&self) -> &'a File {
        self.file
    }

    /// Writes `bytes` at `offset` once it is this writer's turn.
    fn write_at(&self, bytes: &[u8], offset: u64) -> io::Result<()> {
        // Nothing the lock guards can be left half-changed by a panic: a poisoned lock is fine.
        let _turn = self.turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.file.write_all_at(bytes, offset)
    }

    /// Writes `bytes` at `offset` if no other writer is at it; `None` when one is.
    fn try_write_at(&self, bytes: &[u8], offset: u64) -> Option<io::Result<()>> {
        let _turn = match self.turn.try_lock() {
            Ok(turn) => turn,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        Some(self.file.write_all_at(bytes, offset))
    }
}

/// One worker's bytes received but not yet written: always one contiguous stretch of the file.
pub struct Staging {
    /// Room for twice `gather`.
    bytes: Vec<u8>,
    /// File offset of `bytes[0]`.
    at: u64,
    /// Past this many bytes the worker writes them if the file is free.
    gather: usize,
}

impl Staging {
    /// Tries to write once `gather` bytes are staged, and waits for its turn at twice that; a
    /// piece of `gather` bytes or more goes straight to the file.
    pub fn new(gather: usize) -> Self {
        Self { bytes: Vec::with_capacity(2 * gather), at: 0, gather }
    }

    /// Takes `bytes`, which belong at file offset `at` (right after what is staged, if anything
    /// is). Returns how many bytes reached the file meanwhile.
    pub fn add(&mut self, out: &SharedFile<'_>, at: u64, bytes: &[u8]) -> io::Result<u64> {
        debug_assert!(self.bytes.is_empty() || self.at + self.bytes.len() as u64 == at, "staged bytes are contiguous");
        let mut written = 0;
        if !self.bytes.is_empty() && self.bytes.len() + bytes.len() > self.gather {
            match out.try_write_at(&self.bytes, self.at) {
                Some(result) => written += self.clear_after(result)?,
                // Another worker is writing: gather on while there is room, else wait.
                None if self.bytes.len() + bytes.len() <= self.bytes.capacity() => {}
                None => written += self.flush(out)?,
            }
        }
        if self.bytes.is_empty() && bytes.len() >= self.gather {
            out.write_at(bytes, at)?;
            return Ok(written + bytes.len() as u64);
        }
        if self.bytes.is_empty() {
            self.at = at;
        }
        self.bytes.extend_from_slice(bytes);
        Ok(written)
    }

    /// Writes what is staged, waiting for its turn. Returns how many bytes that was. On an
    /// error the bytes are dropped: the caller fails the run, and its parts are not reported done.
    pub fn flush(&mut self, out: &SharedFile<'_>) -> io::Result<u64> {
        if self.bytes.is_empty() {
            return Ok(0);
        }
        let result = out.write_at(&self.bytes, self.at);
        self.clear_after(result)
    }

    /// Empties the buffer after a write of it; its length if the write succeeded.
    fn clear_after(&mut self, result: io::Result<()>) -> io::Result<u64> {
        let len = self.bytes.len() as u64;
        self.bytes.clear();
        result.map(|()| len)
    }

    /// Bytes received but not yet in the file.
    #[cfg(test)]
    pub fn pending(&self) -> u64 {
        self.bytes.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileExt;

    fn temp(name: &str) -> (std::path::PathBuf, File) {
        let path = std::env::temp_dir().join(format!("oss-staging-{name}-{}", std::process::id()));
        let file = File::options().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
        (path, file)
    }

    #[test]
    fn small_pieces_are_gathered_and_land_where_they_belong() {
        let (path, file) = temp("small");
        let out = SharedFile::new(&file);
        let mut staging = Staging::new(STAGING_BYTES);
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut written = 0;
        for (i, piece) in data.chunks(16 * 1024).enumerate() {
            written += staging.add(&out, 1000 + (i * 16 * 1024) as u64, piece).unwrap();
            // Nothing reaches the file until the gathering size is reached.
            assert!(written == 0 || written >= STAGING_BYTES as u64 - 16 * 1024);
            assert_eq!(written + staging.pending(), ((i + 1) * 16 * 1024).min(data.len()) as u64);
        }
        written += staging.flush(&out).unwrap();
        assert_eq!((written, staging.pending()), (data.len() as u64, 0));
        let mut back = vec![0u8; data.len()];
        file.read_exact_at(&mut back, 1000).unwrap();
        assert_eq!(back, data);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_piece_larger_than_the_buffer_goes_straight_to_the_file() {
        let (path, file) = temp("large");
        let out = SharedFile::new(&file);
        let mut staging = Staging::new(STAGING_BYTES);
        let big = vec![7u8; STAGING_BYTES + 1];
        assert_eq!(staging.add(&out, 0, &[1, 2, 3]).unwrap(), 0);
        assert_eq!(staging.add(&out, 3, &big).unwrap(), 3 + big.len() as u64);
        assert_eq!(staging.pending(), 0);
        assert_eq!(file.metadata().unwrap().len(), 3 + big.len() as u64);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn while_another_writer_has_the_file_a_worker_gathers_on_up_to_twice_its_size() {
        let (path, file) = temp("busy");
        let out = SharedFile::new(&file);
        let mut staging = Staging::new(64 * 1024);
        let piece = [5u8; 16 * 1024];
        let busy = out.turn.lock().unwrap();
        for i in 0..8u64 {
            // 8 pieces = 128 KiB: past the gathering size, within the buffer; nothing written.
            assert_eq!(staging.add(&out, i * piece.len() as u64, &piece).unwrap(), 0);
        }
        assert_eq!(staging.pending(), 128 * 1024);
        drop(busy);
        // The file is free again: the next piece past the gathering size writes what is staged.
        assert_eq!(staging.add(&out, 128 * 1024, &piece).unwrap(), 128 * 1024);
        assert_eq!((staging.pending(), file.metadata().unwrap().len()), (16 * 1024, 128 * 1024));
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn many_threads_share_the_staging_budget() {
        assert_eq!(staging_bytes(1), STAGING_BYTES);
        assert_eq!(staging_bytes(3), STAGING_BYTES);
        assert_eq!(staging_bytes(4), 96 * 1024);
        assert_eq!(staging_bytes(6), MIN_STAGING);
        assert_eq!(staging_bytes(100), MIN_STAGING);
        assert_eq!(staging_bytes(0), STAGING_BYTES);
    }
}
