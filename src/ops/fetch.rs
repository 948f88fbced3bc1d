//! GetObject into memory: the body goes to the caller's sink (the C layer's buffer list) as it
//! arrives, bounded by `max_memory_size`, with its CRC-64 checked when the whole object came.

use crate::client::{Client, ObjectRef};
use crate::crc64::Crc64;
use crate::error::{ClientCode, Error, Result};
use crate::http::{BodySink, Method, Request, Response, Session};
use crate::outcome::{judge, Outcome};
use crate::transfer::finish::check_crc;
use crate::transfer::progress::ProgressGate;
use crate::transfer::retry::RetryPolicy;

use super::retry;

/// Where the body of a GET goes in memory. `reset` starts over (a retried GET delivers the body
/// again from its first byte).
pub trait MemorySink {
    fn reset(&mut self);
    fn write(&mut self, bytes: &[u8]) -> Result<()>;
}

/// Wraps the caller's sink: counts and bounds the bytes, computes their CRC, reports progress.
struct Bounded<'s, 'p> {
    sink: &'s mut dyn MemorySink,
    limit: u64,
    received: u64,
    crc: Crc64,
    gate: Option<ProgressGate>,
    progress: Option<&'p mut dyn FnMut(u64, u64)>,
}

impl BodySink for Bounded<'_, '_> {
    fn begin(&mut self, head: &Response) -> Result<()> {
        if let Some(len) = head.content_length().filter(|&len| len > self.limit) {
            return Err(over_memory(len, self.limit));
        }
        self.gate = Some(ProgressGate::new(head.content_length().unwrap_or(0)));
        self.report();
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.received += bytes.len() as u64;
        if self.received > self.limit {
            return Err(over_memory(self.received, self.limit));
        }
        self.crc.update(bytes);
        self.sink.write(bytes)?;
        self.report();
        Ok(())
    }
}

impl Bounded<'_, '_> {
    fn report(&mut self) {
        if let (Some(gate), Some(callback)) = (self.gate.as_mut(), self.progress.as_mut()) {
            if let Some(done) = gate.offer(self.received) {
                callback(done, gate.total());
            }
        }
    }
}

fn over_memory(len: u64, limit: u64) -> Error {
    Error::transport(
        ClientCode::OverMemory,
        format!("the body ({len} bytes) is larger than max_memory_size ({limit} bytes)"),
    )
}

/// GET `object` into `sink`, at most `limit` bytes. Transient failures are retried (the sink is
/// reset first). With `enable_crc`, a whole object (no Range asked for) whose CRC-64 differs from
/// the server's is `InconsistentError`.
pub fn get_object_to_memory(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    enable_crc: bool,
    limit: u64,
    sink: &mut dyn MemorySink,
    progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let request = client.object_request(Method::Get, object, &[], &[])?;
    get_request_to_memory(session, &request, enable_crc, limit, sink, progress)
}

/// Sends a GET `request` (signed, or a presigned URL) into `sink`, as `get_object_to_memory`.
pub fn get_request_to_memory(
    session: &mut Session,
    request: &Request,
    enable_crc: bool,
    limit: u64,
    sink: &mut dyn MemorySink,
    mut progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Outcome {
    let whole_object = !request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Range"));
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |_| {
        sink.reset();
        let mut bounded = Bounded {
            sink: &mut *sink,
            limit,
            received: 0,
            crc: Crc64::new(),
            gate: None,
            progress: progress.as_mut().map(|p| &mut **p as &mut dyn FnMut(u64, u64)),
        };
        let answer = judge(session.execute(request, &mut bounded)?)?;
        if enable_crc && whole_object {
            check_crc("the received body", bounded.crc.value(), answer)
        } else {
            Ok(answer)
        }
    })
}
