//! OSS's XML documents: every request body we build and every answer we read, one file per
//! document family, over two small tools — [`parse`], which reads a document into a tree of
//! [`Element`]s (bounded in depth and size, so a hostile answer cannot exhaust the stack or
//! memory), and [`Writer`], which builds one with every text escaped.
//!
//! Answers are small (a listing page holds at most 1000 entries), so a tree is simpler and safer
//! than streaming: a document is either read whole or refused, never half-applied.

mod tree;
mod writer;

pub mod bucket;
pub mod bucket_config;
pub mod listing;
pub mod live;
pub mod multipart;
pub mod object;
pub mod select;

pub use tree::{parse, Element, XmlError};
pub use writer::Writer;
