//! The enums of the official `oss_define.h`: canned ACLs, storage classes and restore tiers, and
//! the name each has on the wire (`get_oss_acl_str` ...). The name functions take an `int` (the
//! official prototypes take the enum, which C converts implicitly): C may pass any value, and an
//! out-of-range value must not become an invalid Rust enum.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};
use std::ptr;

use super::boundary::entry;

/// A canned ACL for a bucket or object.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum oss_acl_e {
    /// Only the owner may read and write.
    OSS_ACL_PRIVATE = 0,
    /// Anyone may read.
    OSS_ACL_PUBLIC_READ = 1,
    /// Anyone may read and write.
    OSS_ACL_PUBLIC_READ_WRITE = 2,
    /// An object inherits its bucket's ACL.
    OSS_ACL_DEFAULT = 3,
}

/// A storage class. `OSS_STORAGE_CLASS_BUTT` is the official "no class" marker.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum oss_storage_class_type_e {
    OSS_STORAGE_CLASS_STANDARD = 0,
    /// Infrequent access.
    OSS_STORAGE_CLASS_IA = 1,
    OSS_STORAGE_CLASS_ARCHIVE = 2,
    OSS_STORAGE_CLASS_BUTT = 3,
    OSS_STORAGE_CLASS_COLD_ARCHIVE = 4,
}

/// How fast an archived object is restored.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum oss_tier_type_e {
    OSS_TIER_EXPEDITED = 0,
    OSS_TIER_STANDARD = 1,
    OSS_TIER_BULK = 2,
}

/// The wire name of an ACL value, `None` outside the enum.
pub fn acl_name(oss_acl: c_int) -> Option<&'static str> {
    acl_c_name(oss_acl).and_then(|name| name.to_str().ok())
}

fn acl_c_name(oss_acl: c_int) -> Option<&'static std::ffi::CStr> {
    [c"private", c"public-read", c"public-read-write", c"default"].get(usize::try_from(oss_acl).ok()?).copied()
}

/// The wire name of a storage class, `None` for `OSS_STORAGE_CLASS_BUTT` and outside the enum.
pub fn storage_class_name(storage_class: c_int) -> Option<&'static str> {
    storage_class_c_name(storage_class).and_then(|name| name.to_str().ok())
}

fn storage_class_c_name(storage_class: c_int) -> Option<&'static std::ffi::CStr> {
    match storage_class {
        0 => Some(c"Standard"),
        1 => Some(c"IA"),
        2 => Some(c"Archive"),
        4 => Some(c"ColdArchive"),
        _ => None,
    }
}

/// The wire name of a restore tier, `None` outside the enum.
pub fn tier_name(tier: c_int) -> Option<&'static str> {
    tier_c_name(tier).and_then(|name| name.to_str().ok())
}

fn tier_c_name(tier: c_int) -> Option<&'static std::ffi::CStr> {
    [c"Expedited", c"Standard", c"Bulk"].get(usize::try_from(tier).ok()?).copied()
}

/// The wire name of an ACL (`x-oss-acl` values), or NULL for a value outside the enum.
#[no_mangle]
pub extern "C" fn get_oss_acl_str(oss_acl: c_int) -> *const c_char {
    entry("get_oss_acl_str", || acl_c_name(oss_acl).map_or(ptr::null(), |name| name.as_ptr()))
}

/// The wire name of a storage class, or NULL for `OSS_STORAGE_CLASS_BUTT` and values outside
/// the enum.
#[no_mangle]
pub extern "C" fn get_oss_storage_class_str(storage_class: c_int) -> *const c_char {
    entry("get_oss_storage_class_str", || storage_class_c_name(storage_class).map_or(ptr::null(), |name| name.as_ptr()))
}

/// The wire name of a restore tier, or NULL for a value outside the enum.
#[no_mangle]
pub extern "C" fn get_oss_tier_type_str(tier: c_int) -> *const c_char {
    entry("get_oss_tier_type_str", || tier_c_name(tier).map_or(ptr::null(), |name| name.as_ptr()))
}
