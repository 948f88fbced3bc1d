//! Zero-initialised C structs in a pool: what every `oss_create_*` constructor starts from.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_char;
use std::mem;

use super::list::aos_list_t;
use super::pool::apr_pool_t;
use super::string::aos_string_t;

/// A `#[repr(C)]` struct for which all-zero bytes are a valid value (integers, raw pointers,
/// `aos_string_t`, `aos_list_t` and structs of those; C enums whose zero is a variant).
///
/// # Safety
/// Implement only for types whose all-zero bit pattern is a valid value.
pub unsafe trait ZeroValid: Sized {}

/// A zeroed `T` allocated from `pool`, living as long as the pool. `None` if memory is
/// exhausted.
// A `&mut` from a `&` pool is what an arena does: every call hands out a fresh, distinct block,
// so the mutable reference aliases nothing.
#[allow(clippy::mut_from_ref)]
pub fn zeroed_in<T: ZeroValid>(pool: &apr_pool_t) -> Option<&mut T> {
    const { assert!(mem::align_of::<T>() <= 16, "pool memory is 16-byte aligned") };
    let p = pool.calloc(mem::size_of::<T>()) as *mut T;
    // SAFETY: zero-filled, sized and aligned for T, valid when zeroed (ZeroValid); the memory
    // lives in the pool, which the caller does not destroy while using the reference.
    unsafe { p.as_mut() }
}

/// The empty string `""` (pointing at static text), what the official constructors set string
/// fields to with `aos_str_set(&s, "")`.
pub fn empty_string() -> aos_string_t {
    aos_string_t { len: 0, data: c"".as_ptr() as *mut c_char }
}

/// An `aos_string_t` over static text (NUL-terminated, not copied).
pub fn static_string(text: &'static std::ffi::CStr) -> aos_string_t {
    aos_string_t { len: text.to_bytes().len() as i32, data: text.as_ptr() as *mut c_char }
}

/// A new zeroed entry in `pool` with its node initialised, appended to `list` (how results are
/// added to the caller's official lists). `None` if memory is exhausted.
///
/// # Safety
/// `list` is an initialised list; `node` returns the entry's own `aos_list_t` node.
#[allow(clippy::mut_from_ref)] // an arena: each call hands out a distinct, new allocation
pub unsafe fn push_entry<T: ZeroValid>(
    pool: &apr_pool_t,
    list: *mut aos_list_t,
    node: impl Fn(&mut T) -> &mut aos_list_t,
) -> Option<&mut T> {
    let entry = zeroed_in::<T>(pool)?;
    let link = node(entry);
    link.make_empty();
    // SAFETY: an initialised list (this function's contract) and a new, unlinked node.
    unsafe { aos_list_t::add_tail(link, list) };
    Some(entry)
}
