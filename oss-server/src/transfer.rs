//! Sending an object's bytes: `sendfile(2)` straight from the page cache when nothing shapes
//! the body (plain TCP, no fault, no traffic limit), otherwise a positioned-read/write loop with
//! a 256 KiB buffer that applies throttling, stalls, cuts and flipped bytes.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::counters::{Counted, ObjectCounter};
use crate::stream::Stream;

const COPY_BUFFER: usize = 256 * 1024;
/// Bytes per `sendfile` call: large enough to be cheap, small enough to notice a shutdown.
const SENDFILE_CHUNK: usize = 16 * 1024 * 1024;
/// Longest single sleep, so a shutdown or a vanished client is noticed quickly.
const SLEEP_SLICE: Duration = Duration::from_millis(50);
/// A stall "until the client goes away" still ends after this long.
const MAX_STALL: Duration = Duration::from_secs(600);

/// How the body of one answer is altered (by faults or `x-oss-traffic-limit`).
#[derive(Debug, Default, Clone)]
pub struct BodyShaping {
    /// Send at most this many body bytes, then close.
    pub cut_after: Option<u64>,
    /// Close with an RST rather than a FIN when cutting.
    pub reset: bool,
    /// Send this many bytes fewer than Content-Length, then close.
    pub short_by: Option<u64>,
    /// After this many body bytes, pause for the duration (or until the client leaves).
    pub stall: Option<(u64, Option<Duration>)>,
    pub bytes_per_sec: Option<u64>,
    /// (object offset, xor mask) pairs.
    pub flips: Vec<(u64, u8)>,
}

impl BodyShaping {
    pub fn is_plain(&self) -> bool {
        self.cut_after.is_none()
            && self.short_by.is_none()
            && self.stall.is_none()
            && self.bytes_per_sec.is_none()
            && self.flips.is_empty()
    }

    /// How many of `len` body bytes are actually sent.
    pub fn bytes_to_send(&self, len: u64) -> u64 {
        let mut n = len;
        if let Some(cut) = self.cut_after {
            n = n.min(cut);
        }
        if let Some(short) = self.short_by {
            n = n.min(len.saturating_sub(short));
        }
        n
    }
}

#[derive(Debug)]
pub enum TransferEnd {
    /// Every byte was sent.
    Complete,
    /// A fault ended the body early on purpose: the connection must be closed now.
    Truncated,
    /// The client went away, timed out, or the server is stopping.
    Failed(io::Error),
}

pub struct Transfer<'a> {
    pub stop: &'a AtomicBool,
    pub counter: Option<&'a ObjectCounter>,
}

// Bytes are counted *before* they are handed to the socket: a client that
// has received the last byte of an answer then always finds it counted (a
// count taken after the write raced with it). Where a send is known to have
// sent less (sendfile), the difference is taken back; a failed write keeps
// its count, so the counter can overstate a broken answer, never understate.
impl Transfer<'_> {
    fn count(&self, n: u64) -> Option<Counted> {
        self.counter.map(|counter| counter.add_body_bytes(n))
    }

    fn uncount(&self, counted: Option<Counted>, n: u64) {
        if let (Some(counter), Some(counted)) = (self.counter, counted) {
            counter.remove_body_bytes(&counted, n);
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sends `len` bytes of `file` from object offset `start`.
    pub fn send_file(
        &self,
        stream: &mut Stream,
        file: &File,
        start: u64,
        len: u64,
        shaping: &BodyShaping,
    ) -> TransferEnd {
        let to_send = shaping.bytes_to_send(len);
        let result = if shaping.is_plain() && stream.is_plain() {
            self.sendfile(stream, file, start, to_send)
        } else {
            self.copy(stream, file, start, to_send, shaping)
        };
        match result {
            Err(e) => TransferEnd::Failed(e),
            Ok(()) if to_send < len => TransferEnd::Truncated,
            Ok(()) => TransferEnd::Complete,
        }
    }

    fn sendfile(&self, stream: &mut Stream, file: &File, start: u64, len: u64) -> io::Result<()> {
        let out_fd = stream.tcp().as_raw_fd();
        let in_fd = file.as_raw_fd();
        let end = start + len;
        let mut offset = start as libc::off_t;
        while (offset as u64) < end {
            if self.stopping() {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "server stopping"));
            }
            let count = ((end - offset as u64) as usize).min(SENDFILE_CHUNK);
            let counted = self.count(count as u64);
            // SAFETY: both descriptors are open for the duration of the call (we hold their
            // owners) and `offset` is a valid, exclusively borrowed off_t.
            let n = unsafe { libc::sendfile(out_fd, in_fd, &mut offset, count) };
            self.uncount(counted, (count as u64).saturating_sub(n.max(0) as u64));
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if n == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "object file shorter than its metadata"));
            }
        }
        Ok(())
    }

    fn copy(&self, stream: &mut Stream, file: &File, start: u64, len: u64, shaping: &BodyShaping) -> io::Result<()> {
        let mut buffer = vec![0u8; COPY_BUFFER.min(len.max(1) as usize)];
        let started = Instant::now();
        let mut sent = 0u64;
        let mut stalled = false;
        while sent < len {
            if self.stopping() {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "server stopping"));
            }
            let mut chunk = (len - sent).min(buffer.len() as u64);
            if let Some((after, duration)) = shaping.stall {
                if !stalled && sent >= after {
                    stalled = true;
                    stream.flush()?;
                    self.stall(stream, duration)?;
                } else if !stalled {
                    chunk = chunk.min(after - sent);
                }
            }
            if let Some(rate) = shaping.bytes_per_sec {
                // About 50 ms worth per write keeps the pace smooth.
                chunk = chunk.min((rate / 20).max(1));
            }
            let chunk = chunk as usize;
            let offset = start + sent;
            file.read_exact_at(&mut buffer[..chunk], offset)?;
            for &(flip_at, mask) in &shaping.flips {
                if (offset..offset + chunk as u64).contains(&flip_at) {
                    buffer[(flip_at - offset) as usize] ^= mask;
                }
            }
            self.count(chunk as u64);
            stream.write_all(&buffer[..chunk])?;
            sent += chunk as u64;
            if let Some(rate) = shaping.bytes_per_sec {
                let due = Duration::from_secs_f64(sent as f64 / rate as f64);
                let elapsed = started.elapsed();
                if due > elapsed {
                    stream.flush()?;
                    self.sleep(due - elapsed)?;
                }
            }
        }
        stream.flush()
    }

    pub fn sleep(&self, total: Duration) -> io::Result<()> {
        let until = Instant::now() + total.min(MAX_STALL);
        loop {
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            if self.stopping() {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "server stopping"));
            }
            std::thread::sleep((until - now).min(SLEEP_SLICE));
        }
    }

    /// Pauses mid-body; ends early (with an error) when the client hangs up.
    pub fn stall(&self, stream: &Stream, duration: Option<Duration>) -> io::Result<()> {
        let until = Instant::now() + duration.unwrap_or(MAX_STALL).min(MAX_STALL);
        while Instant::now() < until {
            if self.stopping() {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "server stopping"));
            }
            if peer_hung_up(stream) {
                return Err(io::Error::new(io::ErrorKind::ConnectionAborted, "client went away during a stall"));
            }
            std::thread::sleep((until - Instant::now()).min(SLEEP_SLICE));
        }
        Ok(())
    }
}

/// Whether the peer closed its side (or the socket failed), without consuming input.
pub fn peer_hung_up(stream: &Stream) -> bool {
    let mut poll = libc::pollfd { fd: stream.tcp().as_raw_fd(), events: libc::POLLRDHUP, revents: 0 };
    // SAFETY: one valid pollfd, zero timeout.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR) != 0
}
