//! The checkpoint structs of the official `oss_resumable.h`, which a program can reach through
//! that public header (`oss_create_checkpoint_content`). The library's own checkpoints are a
//! checksummed journal (see ARCHITECTURE.md); these structs exist for source compatibility only.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_int;

use super::apr_file::apr_file_t;
use super::apr_time::apr_time_t;
use super::boundary::{entry, try_ref, try_some};
use super::pool::aos_pool_t;
use super::pool_value::{empty_string, zeroed_in, ZeroValid};
use super::string::aos_string_t;

/// One part of a transfer: index (from 0), offset, size, whether it is done, ETag and CRC-64.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_checkpoint_part_t {
    pub index: i32,
    pub offset: i64,
    pub size: i64,
    pub completed: c_int,
    pub etag: aos_string_t,
    pub crc64: u64,
}

/// The official checkpoint's content: type (`OSS_CP_UPLOAD` 1 / `OSS_CP_DOWNLOAD` 2), the local
/// file, the object, the upload id and the parts.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_checkpoint_t {
    pub md5: aos_string_t,
    pub cp_type: c_int,
    pub thefile: *mut apr_file_t,
    pub file_path: aos_string_t,
    pub file_size: i64,
    pub file_last_modified: apr_time_t,
    pub file_md5: aos_string_t,
    pub object_name: aos_string_t,
    pub object_size: i64,
    pub object_last_modified: aos_string_t,
    pub object_etag: aos_string_t,
    pub upload_id: aos_string_t,
    pub part_num: c_int,
    pub part_size: i64,
    pub parts: *mut oss_checkpoint_part_t,
}

// SAFETY: integers, pointers and strings: all-zero is valid.
unsafe impl ZeroValid for oss_checkpoint_part_t {}
// SAFETY: as above.
unsafe impl ZeroValid for oss_checkpoint_t {}

/// The most parts a checkpoint holds (`OSS_MAX_PART_NUM`).
const MAX_PARTS: usize = 10_000;

/// An empty checkpoint with room for 10,000 parts (as the official one), strings empty. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_checkpoint_content(p: *mut aos_pool_t) -> *mut oss_checkpoint_t {
    entry("oss_create_checkpoint_content", || {
        let pool = try_ref!(p);
        let parts = pool.calloc(MAX_PARTS * std::mem::size_of::<oss_checkpoint_part_t>()) as *mut oss_checkpoint_part_t;
        if parts.is_null() {
            return std::ptr::null_mut();
        }
        let cp = try_some!(zeroed_in::<oss_checkpoint_t>(pool));
        cp.parts = parts;
        for s in [
            &mut cp.md5,
            &mut cp.file_path,
            &mut cp.file_md5,
            &mut cp.object_name,
            &mut cp.object_last_modified,
            &mut cp.object_etag,
            &mut cp.upload_id,
        ] {
            *s = empty_string();
        }
        std::ptr::from_mut(cp)
    })
}
