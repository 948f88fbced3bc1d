//! `aos_buf_t` (a byte buffer that is also a list node, for bodies as lists of buffers) and
//! `aos_file_buf_t` (a file range as a body), with their functions, as the official `aos_buf.h`
//! declares them. `aos_buf_size(b)` is a macro in the header trailer.
//!
//! A buffer's bytes run from `pos` to `last` (what is there), inside `start`..`end` (what was
//! allocated). Everything is allocated from the caller's pool.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::{mem, ptr};

use super::apr_file::{apr_file_info_get, apr_file_open, apr_file_seek, apr_file_t, apr_finfo_t};
use super::boundary::{entry, entry_or, try_c_str, try_mut, try_ref};
use super::define::aos_error_code_e;
use super::list::aos_list_t;
use super::pool::aos_pool_t;

/// A buffer in a list of buffers. The data is `pos`..`last`; `start`..`end` is the memory.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_buf_t {
    /// Links the buffer into a body list (`aos_list_add_tail(&b->node, &list)`).
    pub node: aos_list_t,
    /// First byte of data.
    pub pos: *mut u8,
    /// One past the last byte of data.
    pub last: *mut u8,
    /// Start of the memory.
    pub start: *mut u8,
    /// One past the end of the memory.
    pub end: *mut u8,
}

/// A range of an open file used as a body. `owner` is a one-bit field in the official header; it
/// is a whole `uint32_t` here (same offset and size; see `aos_http_controller_t`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_file_buf_t {
    pub node: aos_list_t,
    /// First byte of the range.
    pub file_pos: i64,
    /// One past the last byte of the range.
    pub file_last: i64,
    pub file: *mut apr_file_t,
    /// Whether the body owns (closes) the file.
    pub owner: u32,
}

impl aos_buf_t {
    /// The buffer's data (empty when `pos` is NULL or not before `last`).
    ///
    /// # Safety
    /// `pos`..`last` is readable memory that outlives `'a`.
    unsafe fn data<'a>(&self) -> &'a [u8] {
        if self.pos.is_null() || self.last <= self.pos {
            return &[];
        }
        // SAFETY: the caller promises `pos`..`last` readable.
        unsafe { std::slice::from_raw_parts(self.pos, self.last.offset_from(self.pos) as usize) }
    }
}

/// The buffers of a body list, first to last.
///
/// # Safety
/// `list` is NULL or a list of `aos_buf_t` nodes (linked through `node`).
unsafe fn buffers<'a>(list: *const aos_list_t) -> impl Iterator<Item = &'a aos_buf_t> {
    // `node` is the first field, so a node's address is its buffer's.
    const _: () = assert!(mem::offset_of!(aos_buf_t, node) == 0);
    // SAFETY: the caller promises a list of buffers.
    unsafe { aos_list_t::nodes(list) }.map(|node| {
        // SAFETY: every node of the list is the `node` field of a live aos_buf_t.
        unsafe { &*(node as *const aos_buf_t) }
    })
}

/// The data of each buffer of a body list, in order (a body sent as it is, never flattened).
///
/// # Safety
/// `list` is NULL or a list of `aos_buf_t` nodes whose data stays readable and unchanged for `'a`.
pub unsafe fn list_slices<'a>(list: *const aos_list_t) -> Vec<&'a [u8]> {
    // SAFETY: the caller promises a list of buffers with readable data.
    unsafe { buffers(list) }.map(|b| unsafe { b.data() }).collect()
}

/// A new buffer in `pool` holding a copy of `bytes`, its node initialised. NULL if memory is
/// exhausted.
pub fn buffer_with(pool: &aos_pool_t, bytes: &[u8]) -> *mut aos_buf_t {
    let Some(total) = mem::size_of::<aos_buf_t>().checked_add(bytes.len()) else {
        return ptr::null_mut();
    };
    let b = pool.alloc(total) as *mut aos_buf_t;
    if b.is_null() {
        return b;
    }
    // SAFETY: `b` has room for the header followed by the bytes; the pool is 16-byte aligned.
    unsafe {
        let data = (b as *mut u8).add(mem::size_of::<aos_buf_t>());
        ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
        let end = data.add(bytes.len());
        b.write(aos_buf_t { node: aos_list_t::default(), pos: data, last: end, start: data, end });
        aos_list_t::init(&mut (*b).node);
    }
    b
}

/// Makes `list` an answer's body as the official SDK hands one over (its `aos_list_movelist`):
/// what the list held is dropped unread — it may be uninitialised, or link buffers of a pool
/// destroyed since, as the official samples pass it — and it becomes one buffer holding a copy
/// of `bytes` (empty for no bytes). NULL: nowhere. False if memory is exhausted (the list is then
/// empty).
///
/// # Safety
/// `list` is NULL or valid for writes and stays at its address while the list is used.
pub unsafe fn set_body(pool: &aos_pool_t, list: *mut aos_list_t, bytes: &[u8]) -> bool {
    if list.is_null() {
        return true;
    }
    // SAFETY: writable (this function's contract); the old links are not followed.
    unsafe { aos_list_t::init(list) };
    if bytes.is_empty() {
        return true;
    }
    let b = buffer_with(pool, bytes);
    if b.is_null() {
        return false;
    }
    // SAFETY: initialised just above, and a new, unlinked node.
    unsafe { aos_list_t::add_tail(&mut (*b).node, list) };
    true
}

/// The data of a body list, concatenated (empty for NULL).
///
/// # Safety
/// `list` is NULL or a list of `aos_buf_t` nodes whose data is readable.
pub unsafe fn list_bytes(list: *const aos_list_t) -> Vec<u8> {
    let mut all = Vec::new();
    // SAFETY: the caller promises a list of buffers.
    for b in unsafe { buffers(list) } {
        // SAFETY: each buffer's data is readable.
        all.extend_from_slice(unsafe { b.data() });
    }
    all
}

/// Creates an empty buffer with room for `size` bytes (the memory follows the header, in the
/// pool). Its node is initialised. NULL if `p` is NULL, `size` is negative or memory is
/// exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_create_buf(p: *mut aos_pool_t, size: c_int) -> *mut aos_buf_t {
    entry("aos_create_buf", || {
        let pool = try_ref!(p);
        let Ok(size) = usize::try_from(size) else {
            return ptr::null_mut();
        };
        let Some(total) = mem::size_of::<aos_buf_t>().checked_add(size) else {
            return ptr::null_mut();
        };
        let b = pool.alloc(total) as *mut aos_buf_t;
        if b.is_null() {
            return b;
        }
        // SAFETY: `b` has room for the header followed by `size` bytes.
        unsafe {
            let data = (b as *mut u8).add(mem::size_of::<aos_buf_t>());
            b.write(aos_buf_t { node: aos_list_t::default(), pos: data, last: data, start: data, end: data.add(size) });
            aos_list_t::init(&mut (*b).node);
        }
        b
    })
}

/// A buffer over the caller's `size` bytes at `data` (not copied: they must outlive the buffer).
/// NULL if `p` is NULL, `size` is negative, or `data` is NULL with a positive size.
#[no_mangle]
pub unsafe extern "C" fn aos_buf_pack(p: *mut aos_pool_t, data: *const c_void, size: c_int) -> *mut aos_buf_t {
    entry("aos_buf_pack", || {
        let pool = try_ref!(p);
        let Ok(size) = usize::try_from(size) else {
            return ptr::null_mut();
        };
        if data.is_null() && size > 0 {
            return ptr::null_mut();
        }
        let start = data as *mut u8;
        // A NULL `data` of size 0 stays NULL (no arithmetic on it).
        let end = if size == 0 { start } else { start.wrapping_add(size) };
        let b = pool.alloc_value(aos_buf_t { node: aos_list_t::default(), pos: start, last: end, start, end });
        if !b.is_null() {
            // SAFETY: freshly allocated in the pool.
            unsafe { aos_list_t::init(&mut (*b).node) };
        }
        b
    })
}

/// Total data bytes of the buffers in a body list. 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_buf_list_len(list: *mut aos_list_t) -> i64 {
    // SAFETY: `list` is NULL or a list of buffers (the function's contract).
    entry_or("aos_buf_list_len", 0, || unsafe { buffers(list) }.map(|b| unsafe { b.data() }.len() as i64).sum())
}

/// The data of a body list, concatenated into one NUL-terminated string in the pool. NULL if `p`
/// or `list` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_buf_list_content(p: *mut aos_pool_t, list: *mut aos_list_t) -> *mut c_char {
    entry("aos_buf_list_content", || {
        let pool = try_ref!(p);
        let _ = try_ref!(list);
        // SAFETY: a list of buffers (the function's contract).
        pool.strdup_bytes(&unsafe { list_bytes(list) })
    })
}

/// Appends `len` bytes of `str` to the buffer; when the room left is short, the data moves to a
/// new pool block twice the needed size. Nothing happens for NULL arguments or `len` <= 0.
#[no_mangle]
pub unsafe extern "C" fn aos_buf_append_string(p: *mut aos_pool_t, b: *mut aos_buf_t, str: *const c_char, len: c_int) {
    entry("aos_buf_append_string", || {
        let pool = try_ref!(p);
        let b = try_mut!(b);
        if str.is_null() || len <= 0 {
            return;
        }
        let len = len as usize;
        // SAFETY: the caller gives `len` readable bytes at `str`.
        let extra = unsafe { std::slice::from_raw_parts(str as *const u8, len) };
        let room = if b.last.is_null() || b.end < b.last { 0 } else { b.end as usize - b.last as usize };
        if room >= len {
            // SAFETY: `last`..`last + len` lies inside the buffer's memory.
            unsafe {
                ptr::copy_nonoverlapping(extra.as_ptr(), b.last, len);
                b.last = b.last.add(len);
            }
            return;
        }
        // SAFETY: the buffer's data is readable.
        let old = unsafe { b.data() };
        let Some(capacity) = old.len().checked_add(len).and_then(|n| n.checked_mul(2)) else {
            return;
        };
        let block = pool.alloc(capacity);
        if block.is_null() {
            return;
        }
        // SAFETY: `block` has `capacity` >= old + len bytes; the old data does not overlap it.
        unsafe {
            ptr::copy_nonoverlapping(old.as_ptr(), block, old.len());
            ptr::copy_nonoverlapping(extra.as_ptr(), block.add(old.len()), len);
            b.start = block;
            b.pos = block;
            b.last = block.add(old.len() + len);
            b.end = block.add(capacity);
        }
    })
}

/// A zeroed `aos_file_buf_t` in the pool (no file). NULL if `p` is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_create_file_buf(p: *mut aos_pool_t) -> *mut aos_file_buf_t {
    entry("aos_create_file_buf", || try_ref!(p).calloc(mem::size_of::<aos_file_buf_t>()) as *mut aos_file_buf_t)
}

const OPEN_FILE_ERROR: c_int = aos_error_code_e::AOSE_OPEN_FILE_ERROR as c_int;
const FILE_INFO_ERROR: c_int = aos_error_code_e::AOSE_FILE_INFO_ERROR as c_int;
const INVALID_ARGUMENT: c_int = aos_error_code_e::AOSE_INVALID_ARGUMENT as c_int;

/// Opens `path` with APR flags into `fb` (owned by it).
fn open_into(p: *mut aos_pool_t, path: &CStr, flags: i32, fb: &mut aos_file_buf_t) -> c_int {
    // User read/write, group read (APR_FPROT_UREAD | UWRITE | GREAD).
    let perm = 0x0400 | 0x0200 | 0x0040;
    // SAFETY: valid out-pointer, NUL-terminated path, pool checked by the caller.
    if unsafe { apr_file_open(&mut fb.file, path.as_ptr(), flags, perm, p) } != 0 {
        return OPEN_FILE_ERROR;
    }
    fb.owner = 1;
    aos_error_code_e::AOSE_OK as c_int
}

/// Opens `path` for reading into `fb`: the range is the whole file (`file_pos` 0, `file_last`
/// its size). AOSE_OK, AOSE_OPEN_FILE_ERROR, AOSE_FILE_INFO_ERROR, or AOSE_INVALID_ARGUMENT for
/// NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn aos_open_file_for_read(
    p: *mut aos_pool_t,
    path: *const c_char,
    fb: *mut aos_file_buf_t,
) -> c_int {
    entry_or("aos_open_file_for_read", INVALID_ARGUMENT, || {
        let _ = try_ref!(p, INVALID_ARGUMENT);
        let path = try_c_str!(path, INVALID_ARGUMENT);
        let fb = try_mut!(fb, INVALID_ARGUMENT);
        let opened = open_into(p, path, 0x1, fb);
        if opened != 0 {
            return opened;
        }
        // SAFETY: an all-zero apr_finfo_t is valid (NULL pointers, APR_NOFILE, zeros).
        let mut finfo: apr_finfo_t = unsafe { mem::zeroed() };
        // SAFETY: the file was just opened.
        if unsafe { apr_file_info_get(&mut finfo, 0x100, fb.file) } != 0 {
            return FILE_INFO_ERROR;
        }
        fb.file_pos = 0;
        fb.file_last = finfo.size;
        0
    })
}

/// The same as `aos_open_file_for_read`.
#[no_mangle]
pub unsafe extern "C" fn aos_open_file_for_all_read(
    p: *mut aos_pool_t,
    path: *const c_char,
    fb: *mut aos_file_buf_t,
) -> c_int {
    // SAFETY: the same contract.
    unsafe { aos_open_file_for_read(p, path, fb) }
}

/// Opens `path` for reading the range `file_pos`..`file_last` (clamped to the file) into `fb`,
/// positioned at the range's start. Answers as `aos_open_file_for_read`.
#[no_mangle]
pub unsafe extern "C" fn aos_open_file_for_range_read(
    p: *mut aos_pool_t,
    path: *const c_char,
    file_pos: i64,
    file_last: i64,
    fb: *mut aos_file_buf_t,
) -> c_int {
    // SAFETY: the same contract.
    let opened = unsafe { aos_open_file_for_read(p, path, fb) };
    if opened != 0 {
        return opened;
    }
    entry_or("aos_open_file_for_range_read", INVALID_ARGUMENT, || {
        let fb = try_mut!(fb, INVALID_ARGUMENT);
        fb.file_pos = file_pos.clamp(0, fb.file_last);
        fb.file_last = file_last.clamp(fb.file_pos, fb.file_last);
        let mut offset = fb.file_pos;
        // SAFETY: the file is open.
        unsafe { apr_file_seek(fb.file, libc::SEEK_SET, &mut offset) };
        0
    })
}

/// Opens (creates or truncates) `path` for writing into `fb`. AOSE_OK, AOSE_OPEN_FILE_ERROR, or
/// AOSE_INVALID_ARGUMENT for NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn aos_open_file_for_write(
    p: *mut aos_pool_t,
    path: *const c_char,
    fb: *mut aos_file_buf_t,
) -> c_int {
    entry_or("aos_open_file_for_write", INVALID_ARGUMENT, || {
        let _ = try_ref!(p, INVALID_ARGUMENT);
        // WRITE | CREATE | TRUNCATE
        open_into(p, try_c_str!(path, INVALID_ARGUMENT), 0x2 | 0x4 | 0x10, try_mut!(fb, INVALID_ARGUMENT))
    })
}

/// Opens (creates if missing, keeps the content) `path` for writing into `fb`. Answers as
/// `aos_open_file_for_write`.
#[no_mangle]
pub unsafe extern "C" fn aos_open_file_for_write_notrunc(
    p: *mut aos_pool_t,
    path: *const c_char,
    fb: *mut aos_file_buf_t,
) -> c_int {
    entry_or("aos_open_file_for_write_notrunc", INVALID_ARGUMENT, || {
        let _ = try_ref!(p, INVALID_ARGUMENT);
        open_into(p, try_c_str!(path, INVALID_ARGUMENT), 0x2 | 0x4, try_mut!(fb, INVALID_ARGUMENT))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::pool::apr_pool_t;

    #[test]
    fn create_append_pack_and_list() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let b = aos_create_buf(pool, 4);
            assert_eq!((*b).end.offset_from((*b).start), 4);
            aos_buf_append_string(pool, b, c"ab".as_ptr(), 2);
            assert_eq!((*b).data(), b"ab");
            aos_buf_append_string(pool, b, c"cdefg".as_ptr(), 5);
            assert_eq!((*b).data(), b"abcdefg");
            assert_eq!((*b).end.offset_from((*b).start), 14);
            let text = b"xyz";
            let packed = aos_buf_pack(pool, text.as_ptr().cast(), 3);
            assert_eq!((*packed).pos as *const u8, text.as_ptr());
            let mut head = aos_list_t::default();
            aos_list_t::init(&mut head);
            assert_eq!(aos_buf_list_len(&mut head), 0);
            aos_list_t::add_tail(&mut (*b).node, &mut head);
            aos_list_t::add_tail(&mut (*packed).node, &mut head);
            assert_eq!(aos_buf_list_len(&mut head), 10);
            assert_eq!(CStr::from_ptr(aos_buf_list_content(pool, &mut head)).to_bytes(), b"abcdefgxyz");
            assert!(aos_create_buf(pool, -1).is_null());
            assert!(aos_create_buf(ptr::null_mut(), 1).is_null());
            assert!(aos_buf_pack(pool, ptr::null(), 3).is_null());
            assert_eq!(aos_buf_list_len(ptr::null_mut()), 0);
            assert!(aos_buf_list_content(pool, ptr::null_mut()).is_null());
            aos_buf_append_string(pool, ptr::null_mut(), c"a".as_ptr(), 1);
            apr_pool_t::destroy(pool);
        }
    }
}
