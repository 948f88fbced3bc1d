//! liboss_c_sdk: a C-ABI-compatible replacement for the download surface of the
//! Alibaba Cloud OSS C SDK.
//!
//! `ffi` is the only module that knows about C; everything else is safe Rust
//! but for `sys`, the few system calls std does not wrap.
#![deny(unsafe_code)]

#[allow(unsafe_code)]
pub mod ffi;
#[allow(unsafe_code)]
mod sys;

pub mod call_log;
pub mod client;
pub mod codec;
pub mod config;
pub mod crc64;
pub mod download;
pub mod error;
pub mod exploded_time;
pub mod http;
pub mod log;
pub mod mime;
pub mod names;
pub mod object;
pub mod ops;
pub mod outcome;
pub mod sign;
pub mod transfer;
pub mod upload;
pub mod url;
pub mod utc;
pub mod xml;
