//! The last requests made for objects, kept in memory so a test can check
//! what a client actually sent (headers, query) on every request — e.g. that
//! a downloader repeats the caller's headers on each part. Bounded: only the
//! newest `CAPACITY` requests are kept. `Authorization` is never recorded.

use std::collections::VecDeque;
use std::sync::Mutex;

const CAPACITY: usize = 20_000;

/// One request for an object, as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    pub bucket: String,
    pub key: String,
    /// Decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Headers in order, names as sent, minus `Authorization`.
    pub headers: Vec<(String, String)>,
}

impl RecordedRequest {
    /// First value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
pub struct RequestLog {
    entries: Mutex<VecDeque<RecordedRequest>>,
}

impl RequestLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<RecordedRequest>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn record(
        &self,
        method: &str,
        bucket: &str,
        key: &str,
        query: &[(String, String)],
        headers: &[(String, String)],
    ) {
        let entry = RecordedRequest {
            method: method.to_string(),
            bucket: bucket.to_string(),
            key: key.to_string(),
            query: query.to_vec(),
            headers: headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("authorization")).cloned().collect(),
        };
        let mut entries = self.lock();
        if entries.len() == CAPACITY {
            entries.pop_front();
        }
        entries.push_back(entry);
    }

    /// The recorded requests for one object, oldest first.
    pub fn for_object(&self, bucket: &str, key: &str) -> Vec<RecordedRequest> {
        self.lock().iter().filter(|r| r.bucket == bucket && r.key == key).cloned().collect()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_and_never_authorization() {
        let log = RequestLog::default();
        let headers = vec![
            ("Authorization".to_string(), "OSS ak:sig".to_string()),
            ("Range".to_string(), "bytes=0-1".to_string()),
        ];
        for i in 0..CAPACITY + 5 {
            log.record("GET", "b", &format!("k{}", i % 2), &[], &headers);
        }
        let k0 = log.for_object("b", "k0");
        assert_eq!(k0.len() + log.for_object("b", "k1").len(), CAPACITY);
        assert_eq!(k0[0].header("range"), Some("bytes=0-1"));
        assert_eq!(k0[0].header("authorization"), None);
        log.clear();
        assert!(log.for_object("b", "k0").is_empty());
    }
}
