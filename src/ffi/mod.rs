//! The C layer: the only module with `extern "C"`, `#[repr(C)]` types and raw pointers.
//!
//! Every exported function converts its C arguments, delegates to safe code and converts the
//! answer back, inside the panic boundary of [`boundary`]. `build.rs` runs cbindgen over this
//! module (and only this module) to produce `include/oss_api.h`, so every `pub` item here with a
//! C representation ends up in the public header together with its doc comment.
#![allow(non_camel_case_types)]
// Every unsafe operation sits in its own `unsafe` block with a `// SAFETY:` reason, even inside an
// `unsafe fn`: the reason is what a reviewer checks.
#![deny(unsafe_op_in_unsafe_fn)]
// The exported functions are called from C, where `# Safety` sections are never read; each doc
// comment (which cbindgen copies into the header) states which pointers may be NULL and what
// the rest must point to.
#![allow(clippy::missing_safety_doc)]

pub mod apr_file;
pub mod apr_guard;
pub mod apr_str;
pub mod apr_time;
pub mod boundary;
pub mod bucket;
pub mod bucket_config;
pub mod bucket_rules;
pub mod buf;
pub mod cancel;
pub mod checkpoint_types;
pub mod config;
pub mod consts;
pub mod crc;
pub mod define;
pub mod global_pool;
pub mod http_io;
pub mod list;
pub mod listing;
pub mod live;
pub mod live_calls;
pub mod log;
pub mod log_format;
pub mod log_output;
pub mod multipart;
pub mod object;
pub mod object_manage;
pub mod object_upload;
pub mod oss_enums;
pub mod oss_names;
pub mod params;
pub mod pool;
pub mod pool_value;
pub mod progress;
pub mod query;
pub mod request;
pub mod resumable;
pub mod resumable_upload;
pub mod select;
pub mod select_calls;
pub mod signed_url;
pub mod status;
pub mod status_ops;
pub mod string;
pub mod string_ops;
pub mod table;
pub mod transport;
pub mod util;
