//! liboss_c_sdk: a C-ABI-compatible replacement for the download surface of the
//! Alibaba Cloud OSS C SDK.
//!
//! `ffi` is the only module that knows about C; everything else is safe Rust.

pub mod ffi;

pub mod client;
pub mod codec;
pub mod config;
pub mod crc64;
pub mod download;
pub mod error;
pub mod exploded_time;
pub mod http;
pub mod log;
pub mod object;
pub mod progress;
pub mod sign;
pub mod url;
pub mod utc;
