//! Per-object counters: how many requests named an object, how many body bytes were actually
//! written to sockets for it and how many request-body bytes were read for it, so a test can
//! prove a resumed download fetched only what was missing, or a resumed upload sent only that;
//! and the same per multipart upload and part number.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CounterSnapshot {
    /// Requests whose path named the object (any method, any outcome, admin API excluded).
    pub requests: u64,
    /// Response body bytes written to the socket for GETs of the object.
    pub body_bytes: u64,
    /// Request body bytes read from sockets for the object (PutObject, UploadPart, ... every
    /// attempt, cut ones included), so a test can prove what a client sent twice.
    pub received_bytes: u64,
}

/// Requests and request-body bytes of one multipart upload, in total and by part number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadCounters {
    /// Requests naming the upload id (UploadPart, ListParts, Complete, Abort).
    pub requests: u64,
    pub received_bytes: u64,
    /// Per part number: (UploadPart requests, body bytes received), ascending.
    pub parts: Vec<(u32, PartCounters)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartCounters {
    pub requests: u64,
    pub received_bytes: u64,
}

/// The live counters of one upload.
#[derive(Default)]
pub struct UploadCounter {
    totals: Mutex<UploadCounters>,
}

impl UploadCounter {
    fn lock(&self) -> std::sync::MutexGuard<'_, UploadCounters> {
        self.totals.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn part(totals: &mut UploadCounters, number: u32) -> &mut PartCounters {
        let at = match totals.parts.binary_search_by_key(&number, |(n, _)| *n) {
            Ok(at) => at,
            Err(at) => {
                totals.parts.insert(at, (number, PartCounters::default()));
                at
            }
        };
        &mut totals.parts[at].1
    }

    pub fn add_request(&self, part: Option<u32>) {
        let mut totals = self.lock();
        totals.requests += 1;
        if let Some(number) = part {
            UploadCounter::part(&mut totals, number).requests += 1;
        }
    }

    pub fn add_received(&self, part: Option<u32>, n: u64) {
        let mut totals = self.lock();
        totals.received_bytes += n;
        if let Some(number) = part {
            UploadCounter::part(&mut totals, number).received_bytes += n;
        }
    }
}

#[derive(Default)]
pub struct ObjectCounter {
    requests: AtomicU64,
    received: AtomicU64,
    /// Body bytes, and how many resets they have seen: bytes counted ahead
    /// of a send are only taken back from the count they were added to.
    body: Mutex<BodyCount>,
}

#[derive(Default)]
struct BodyCount {
    bytes: u64,
    resets: u64,
}

/// Bytes counted ahead of a send, to be taken back if not sent.
pub struct Counted {
    bytes: u64,
    resets: u64,
}

impl ObjectCounter {
    pub fn add_request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn add_received(&self, n: u64) {
        self.received.fetch_add(n, Ordering::Relaxed);
    }

    fn body(&self) -> std::sync::MutexGuard<'_, BodyCount> {
        self.body.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn add_body_bytes(&self, n: u64) -> Counted {
        let mut body = self.body();
        body.bytes += n;
        Counted { bytes: n, resets: body.resets }
    }

    /// Takes back `n` of bytes counted ahead of a send that did not send
    /// them — unless the counters were reset since (they are gone already).
    pub fn remove_body_bytes(&self, counted: &Counted, n: u64) {
        let mut body = self.body();
        if body.resets == counted.resets {
            body.bytes -= n.min(counted.bytes);
        }
    }

    fn snapshot(&self) -> CounterSnapshot {
        CounterSnapshot {
            requests: self.requests.load(Ordering::Relaxed),
            body_bytes: self.body().bytes,
            received_bytes: self.received.load(Ordering::Relaxed),
        }
    }
}

#[derive(Default)]
pub struct Counters {
    objects: Mutex<HashMap<(String, String), Arc<ObjectCounter>>>,
    uploads: Mutex<HashMap<String, Arc<UploadCounter>>>,
}

impl Counters {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), Arc<ObjectCounter>>> {
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The live counter of an object, created on first use.
    pub fn counter(&self, bucket: &str, key: &str) -> Arc<ObjectCounter> {
        self.lock().entry((bucket.to_string(), key.to_string())).or_default().clone()
    }

    pub fn get(&self, bucket: &str, key: &str) -> CounterSnapshot {
        self.lock().get(&(bucket.to_string(), key.to_string())).map(|c| c.snapshot()).unwrap_or_default()
    }

    /// Every object seen so far, sorted by bucket then key.
    pub fn all(&self) -> Vec<(String, String, CounterSnapshot)> {
        let mut all: Vec<_> = self.lock().iter().map(|((b, k), c)| (b.clone(), k.clone(), c.snapshot())).collect();
        all.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        all
    }

    /// The live counter of an upload, created on first use.
    pub fn upload(&self, upload_id: &str) -> Arc<UploadCounter> {
        let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
        uploads.entry(upload_id.to_string()).or_default().clone()
    }

    pub fn get_upload(&self, upload_id: &str) -> UploadCounters {
        let uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
        uploads.get(upload_id).map(|c| c.lock().clone()).unwrap_or_default()
    }

    /// Zeroes every counter in place, so transfers in flight keep counting into it.
    pub fn reset(&self) {
        for counter in self.uploads.lock().unwrap_or_else(|e| e.into_inner()).values() {
            *counter.lock() = UploadCounters::default();
        }
        for counter in self.lock().values() {
            counter.requests.store(0, Ordering::Relaxed);
            counter.received.store(0, Ordering::Relaxed);
            let mut body = counter.body();
            body.bytes = 0;
            body.resets += 1;
        }
    }
}
