//! A local OSS-compatible server for tests, benchmarks and demos (see README.md).
//!
//! ```no_run
//! let root = std::env::temp_dir().join("oss-root");
//! let server = oss_server::Server::start(oss_server::Config::for_tests(&root)).unwrap();
//! server.put_object("bucket", "dir/object.bin", b"hello").unwrap();
//! println!("endpoint: {}", server.endpoint());
//! server.faults().add(oss_server::FaultRule::new(oss_server::FaultKind::CutAfter { bytes: 2, reset: false }).once());
//! // ... a client downloads; afterwards:
//! let counters = server.counters("bucket", "dir/object.bin");
//! println!("{} requests, {} body bytes", counters.requests, counters.body_bytes);
//! ```

mod admin;
mod auth;
mod body_tap;
mod callback;
mod callback_client;
mod callback_hosts;
mod conditions;
mod config;
mod connection;
mod content_gen;
mod counters;
mod crc64_combine;
mod errors;
mod faults;
mod handler;
mod http;
mod iso_time;
mod lies;
mod names;
mod object_meta;
mod operation;
mod ops;
mod percent;
mod range;
mod request_id;
mod request_log;
mod routing;
mod server;
mod splitmix;
mod state;
mod store;
mod stream;
mod tls;
mod traffic_limit;
mod transfer;
mod xml;

pub use config::{Config, Credentials, TlsConfig, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_REGION};
pub use counters::{CounterSnapshot, PartCounters, UploadCounters};
pub use faults::{FaultKind, FaultRule, Faults, InstalledFault, Methods, Side, Trigger};
pub use object_meta::ObjectMeta;
pub use request_log::RecordedRequest;
pub use server::Server;

use std::io::{self, Read};
use std::path::Path;

/// `len` deterministic pseudo-random bytes: what `--create-object` and the admin API's
/// `size=` store for a given seed.
pub fn generate_content(seed: u64, len: usize) -> Vec<u8> {
    content_gen::generate(seed, len)
}

/// A reader of the same bytes as [`generate_content`], for large objects.
pub fn content_reader(seed: u64, len: u64) -> impl Read {
    content_gen::PseudoRandomReader::new(seed, len)
}

/// Stores an object under a storage root without a running server (data and metadata),
/// creating the bucket if needed. Used by `oss-server put-object` and `--create-object`; safe
/// while a server uses the same root.
pub fn store_object(root: &Path, bucket: &str, key: &str, content: &mut dyn Read) -> io::Result<ObjectMeta> {
    let store = store::Store::open(root).map_err(errors::to_io)?;
    store.ensure_bucket(bucket).map_err(errors::to_io)?;
    let record = store.put_object(bucket, key, content, &store::PutOptions::default()).map_err(errors::to_io)?;
    Ok(record.meta())
}

/// Stores `len` bytes of [`generate_content`]`(seed, len)` like [`store_object`], without
/// syncing them to disk: content that can be generated again (`--create-object`) need not wait
/// for a GiB to reach the disk.
pub fn store_generated_object(root: &Path, bucket: &str, key: &str, seed: u64, len: u64) -> io::Result<ObjectMeta> {
    let store = store::Store::open(root).map_err(errors::to_io)?;
    store.ensure_bucket(bucket).map_err(errors::to_io)?;
    let options = store::PutOptions { durability: store::Durability::Regenerable, ..Default::default() };
    let mut content = content_gen::PseudoRandomReader::new(seed, len);
    let record = store.put_object(bucket, key, &mut content, &options).map_err(errors::to_io)?;
    Ok(record.meta())
}

/// The metadata of a stored object, read without a running server.
pub fn stored_object_meta(root: &Path, bucket: &str, key: &str) -> io::Result<ObjectMeta> {
    let store = store::Store::open(root).map_err(errors::to_io)?;
    store.object_meta(bucket, key).map_err(errors::to_io)
}
