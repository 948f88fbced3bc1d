//! The local OSS-compatible server (see README).
