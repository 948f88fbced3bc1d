//! Endpoint + bucket + key -> URL.
