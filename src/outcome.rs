//! What an operation answers: the server's response, or a [`Failure`] that
//! carries the error and, when the server answered, its response too (the C
//! caller still gets the headers of a failed request).

use crate::error::Error;
use crate::http::Response;

/// A failed operation: what went wrong, and the server's answer when there
/// was one (its headers still go back to the caller).
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    /// Boxed: a failure travels far, a response is large.
    pub response: Option<Box<Response>>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, response: None }
    }
}

impl Failure {
    /// A failure that came with an answer from the server.
    pub fn answered(error: Error, response: Response) -> Self {
        Failure { error, response: Some(Box::new(response)) }
    }

    /// The error document the server sent (its first 64 KiB), empty when none came.
    pub fn error_body(&self) -> &[u8] {
        self.response.as_ref().map_or(&[], |r| &r.error_body)
    }
}

pub type Outcome = std::result::Result<Response, Failure>;

/// Turns a completed exchange into success (2xx) or a failure carrying the
/// service error and the response.
pub fn judge(response: Response) -> Outcome {
    match response.service_error() {
        None => Ok(response),
        Some(error) => Err(Failure::answered(error, response)),
    }
}
