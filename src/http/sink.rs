//! Where a response body goes: the trait every consumer of a body
//! implements, and the sink for answers whose body nobody wants.

use super::Response;
use crate::error::Result;

/// Where a successful answer's body goes, as it arrives.
pub trait BodySink {
    /// Called once, after the headers of a 2xx answer and before its first
    /// body byte (also for an empty body): the place to check status,
    /// Content-Range and length before writing anything.
    fn begin(&mut self, head: &Response) -> Result<()>;
    /// Called for each received buffer, in order.
    fn write(&mut self, bytes: &[u8]) -> Result<()>;
}

/// A sink for answers that have no body we want (HEAD, a 416 probe).
pub struct Discard;

impl BodySink for Discard {
    fn begin(&mut self, _: &Response) -> Result<()> {
        Ok(())
    }
    fn write(&mut self, _: &[u8]) -> Result<()> {
        Ok(())
    }
}
