//! The request-body side of fault injection and counting: a `BodyTap` that counts the bytes
//! each request body delivers (per object, per upload and part number) and applies the
//! request-side rules' cut, stall, throttle, delay and byte flips while the body is read.

use std::io;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::counters::{ObjectCounter, UploadCounter};
use crate::faults::RequestShaping;
use crate::http::body::BodyTap;
use crate::stream::Stream;
use crate::transfer::Transfer;

/// The multipart upload a request names, and its part number.
pub type UploadTarget = Option<(Arc<UploadCounter>, Option<u32>)>;

pub struct RequestTap<'a> {
    shaping: RequestShaping,
    stop: &'a AtomicBool,
    object: Option<Arc<ObjectCounter>>,
    upload: UploadTarget,
    received: u64,
    started: Option<Instant>,
    stalled: bool,
    cut: Option<bool>,
}

impl<'a> RequestTap<'a> {
    pub fn new(
        shaping: RequestShaping,
        stop: &'a AtomicBool,
        object: Option<Arc<ObjectCounter>>,
        upload: UploadTarget,
    ) -> RequestTap<'a> {
        RequestTap { shaping, stop, object, upload, received: 0, started: None, stalled: false, cut: None }
    }

    /// The download side's waits, which end early when the server stops or the client leaves.
    fn waits(&self) -> Transfer<'_> {
        Transfer { stop: self.stop, counter: None }
    }
}

impl BodyTap for RequestTap<'_> {
    fn before_read(&mut self, stream: &Stream, mut want: usize) -> io::Result<usize> {
        let started = *self.started.get_or_insert_with(Instant::now);
        if self.received == 0 {
            if let Some(delay) = self.shaping.delay.take() {
                self.waits().sleep(delay)?;
            }
        }
        if let Some(cut) = self.shaping.cut_after {
            if self.received >= cut {
                self.cut = Some(self.shaping.reset);
                return Err(io::Error::new(io::ErrorKind::ConnectionAborted, "request body cut by an injected fault"));
            }
            want = want.min((cut - self.received).min(usize::MAX as u64) as usize);
        }
        if let (Some((after, duration)), false) = (self.shaping.stall, self.stalled) {
            if self.received >= after {
                self.stalled = true;
                self.waits().stall(stream, duration)?;
            } else {
                want = want.min((after - self.received).min(usize::MAX as u64) as usize);
            }
        }
        if let Some(rate) = self.shaping.bytes_per_sec {
            // About 50 ms worth per read keeps the pace smooth; wait until this much is due.
            want = want.min((rate / 20).max(1).min(usize::MAX as u64) as usize);
            let due = Duration::from_secs_f64(self.received as f64 / rate as f64);
            if let Some(ahead) = due.checked_sub(started.elapsed()) {
                self.waits().sleep(ahead)?;
            }
        }
        Ok(want)
    }

    fn after_read(&mut self, data: &mut [u8]) {
        let end = self.received + data.len() as u64;
        for &(offset, mask) in &self.shaping.flips {
            if (self.received..end).contains(&offset) {
                data[(offset - self.received) as usize] ^= mask;
            }
        }
        self.received = end;
        let n = data.len() as u64;
        if let Some(object) = &self.object {
            object.add_received(n);
        }
        if let Some((upload, part)) = &self.upload {
            upload.add_received(*part, n);
        }
    }

    fn cut(&self) -> Option<bool> {
        self.cut
    }
}
