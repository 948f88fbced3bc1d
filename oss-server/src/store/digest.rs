//! Hashing bytes while they are written: MD5 (the ETag, `Content-MD5`) and CRC-64 of every byte
//! an upload sends.
//!
//! MD5 cannot be split across cores and costs about six times what receiving, CRC-64 and writing
//! cost together, so a large body is hashed on a second thread while the first one reads, runs
//! the CRC and writes: a few fixed buffers go round between them (memory flat in the body's
//! size), and one upload is then bounded by one core's MD5 rather than by MD5 plus everything
//! else. Small bodies are hashed inline, where a thread would cost more than it saves.

use std::io::{self, Read, Write};
use std::sync::{mpsc, Mutex, PoisonError};

use super::data::Digests;
use super::fast_md5::FastMd5;

/// Bytes read (and written) per step.
const BUFFER: usize = 256 * 1024;
/// A body is hashed inline up to this size, then by the hashing thread.
const INLINE_BYTES: u64 = 1024 * 1024;
/// Buffers of one body at most: being filled, written, or waiting for or in the MD5.
const BUFFERS: usize = 4;

/// MD5 and CRC-64 of everything copied through it.
pub struct StreamDigest {
    md5: FastMd5,
    crc: crc64fast::Digest,
    size: u64,
}

impl StreamDigest {
    pub fn new() -> StreamDigest {
        StreamDigest { md5: FastMd5::new(), crc: crc64fast::Digest::new(), size: 0 }
    }

    /// Copies `from` into `to` with fixed buffers (memory flat in object size).
    pub fn copy(&mut self, from: &mut dyn Read, to: &mut dyn Write) -> io::Result<()> {
        let mut buffer = vec![0u8; BUFFER];
        while self.size < INLINE_BYTES {
            let n = fill(from, &mut buffer)?;
            if n == 0 {
                return Ok(());
            }
            self.md5.update(&buffer[..n]);
            self.write(&buffer[..n], to)?;
        }
        self.copy_pipelined(from, to, buffer)
    }

    /// CRC, write and count one piece (MD5 is the caller's).
    fn write(&mut self, data: &[u8], to: &mut dyn Write) -> io::Result<()> {
        self.crc.write(data);
        to.write_all(data)?;
        self.size += data.len() as u64;
        Ok(())
    }

    /// The rest of the body with MD5 on a scoped thread fed through bounded channels.
    fn copy_pipelined(&mut self, from: &mut dyn Read, to: &mut dyn Write, first: Vec<u8>) -> io::Result<()> {
        let (full_tx, full_rx) = mpsc::sync_channel::<(Vec<u8>, usize)>(BUFFERS);
        let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
        // Locked by the MD5 thread for its whole life; by this one only if no thread started.
        let md5 = Mutex::new(std::mem::take(&mut self.md5));
        let shared = &md5;
        let result = std::thread::scope(|scope| {
            let hasher = std::thread::Builder::new().name("oss-md5".into()).spawn_scoped(scope, move || {
                let mut md5 = shared.lock().unwrap_or_else(PoisonError::into_inner);
                for (buffer, n) in full_rx {
                    md5.update(&buffer[..n]);
                    // The reader may have finished (or failed) already: then the buffer is freed.
                    let _ = empty_tx.send(buffer);
                }
            });
            let Ok(hasher) = hasher else {
                // No thread to be had: hash inline like a small body.
                return self.copy_inline(from, to, first, &mut shared.lock().unwrap_or_else(PoisonError::into_inner));
            };
            let fed = self.feed(from, to, first, &full_tx, &empty_rx);
            drop(full_tx);
            let joined = hasher.join().map_err(|_| io::Error::other("the MD5 thread panicked"));
            fed.and(joined)
        });
        self.md5 = md5.into_inner().unwrap_or_else(PoisonError::into_inner);
        result
    }

    /// Reads, CRCs and writes each buffer, then hands it to the MD5 thread; a new buffer is
    /// allocated only while fewer than `BUFFERS` exist, otherwise one comes back from the thread.
    fn feed(
        &mut self,
        from: &mut dyn Read,
        to: &mut dyn Write,
        first: Vec<u8>,
        full: &mpsc::SyncSender<(Vec<u8>, usize)>,
        empty: &mpsc::Receiver<Vec<u8>>,
    ) -> io::Result<()> {
        let mut spare = Some(first);
        let mut allocated = 1;
        loop {
            let mut buffer = match spare.take().or_else(|| empty.try_recv().ok()) {
                Some(buffer) => buffer,
                None if allocated < BUFFERS => {
                    allocated += 1;
                    vec![0u8; BUFFER]
                }
                None => empty.recv().map_err(|_| io::Error::other("the MD5 thread ended early"))?,
            };
            let n = fill(from, &mut buffer)?;
            if n == 0 {
                return Ok(());
            }
            self.write(&buffer[..n], to)?;
            full.send((buffer, n)).map_err(|_| io::Error::other("the MD5 thread ended early"))?;
        }
    }

    fn copy_inline(
        &mut self,
        from: &mut dyn Read,
        to: &mut dyn Write,
        mut buffer: Vec<u8>,
        md5: &mut FastMd5,
    ) -> io::Result<()> {
        loop {
            let n = fill(from, &mut buffer)?;
            if n == 0 {
                return Ok(());
            }
            md5.update(&buffer[..n]);
            self.write(&buffer[..n], to)?;
        }
    }

    pub fn finish(self) -> Digests {
        Digests { size: self.size, md5: self.md5.finalize(), crc64: self.crc.sum64() }
    }
}

impl Default for StreamDigest {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads until `buffer` is full or the body ends (fewer, larger writes and hand-overs than one
/// socket read each); 0 only at the end.
fn fill(from: &mut dyn Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match from.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A reader that computes the MD5 of what is read through it (the appended part of an
/// AppendObject, which `Content-MD5` describes).
pub struct Md5Reader<'a> {
    inner: &'a mut dyn Read,
    md5: FastMd5,
}

impl<'a> Md5Reader<'a> {
    pub fn new(inner: &'a mut dyn Read) -> Md5Reader<'a> {
        Md5Reader { inner, md5: FastMd5::new() }
    }

    pub fn finish(self) -> [u8; 16] {
        self.md5.finalize()
    }
}

impl Read for Md5Reader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.md5.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use md5::{Digest, Md5};

    use super::*;

    /// A reader that hands out at most `step` bytes a call, like a socket.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn inline_and_pipelined_copies_give_the_bytes_and_their_digests() {
        let data: Vec<u8> = (0..(5 * BUFFER as u32 + INLINE_BYTES as u32 + 12_345)).map(|i| (i % 253) as u8).collect();
        let crc = |bytes: &[u8]| {
            let mut digest = crc64fast::Digest::new();
            digest.write(bytes);
            digest.sum64()
        };
        for len in [0, 1, 1000, INLINE_BYTES as usize, INLINE_BYTES as usize + 1, data.len()] {
            let mut digest = StreamDigest::new();
            let mut copied = Vec::new();
            digest.copy(&mut Trickle { data: &data[..len], step: 70_001 }, &mut copied).unwrap();
            let digests = digest.finish();
            assert_eq!(copied, &data[..len], "{len}");
            assert_eq!(digests.size, len as u64);
            assert_eq!(digests.md5, <[u8; 16]>::from(Md5::digest(&data[..len])), "{len}");
            assert_eq!(digests.crc64, crc(&data[..len]), "{len}");
        }
    }

    #[test]
    fn a_read_error_after_the_hand_over_is_returned() {
        let data = vec![7u8; 3 * INLINE_BYTES as usize];
        let mut failing = Trickle { data: &data, step: 100_000 }.chain(ErrorReader);
        let mut digest = StreamDigest::new();
        let error = digest.copy(&mut failing, &mut io::sink()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
    }

    struct ErrorReader;

    impl Read for ErrorReader {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::ErrorKind::ConnectionReset.into())
        }
    }
}
