//! `aos_table_t` (`apr_table_t`): an ordered string multimap with case-insensitive keys, laid
//! out like APR's so existing programs compile and iterate it unchanged.
//!
//! Like APR, the table is an `apr_array_header_t` whose `elts` is a C array of
//! `apr_table_entry_t`; `apr_table_elts(t)` returns that header. The table, its entry array and
//! copies of every key and value all live in the table's pool: nothing to free separately, and
//! the whole table goes away with the pool. When the array grows, the new one is allocated from
//! the pool too (the old one stays until the pool is destroyed, as in APR).
//!
//! A table is not thread-safe (neither is APR's): one thread at a time may change it.

use std::ffi::{c_char, c_int, CStr};
use std::{mem, ptr, slice};

use super::boundary::{c_str, entry, entry_or, try_c_str, try_mut, try_ref};
use super::pool::{aos_pool_t, apr_pool_t};

/// APR's dynamic array header. For a table, `elts` points to `nelts` `apr_table_entry_t`s
/// (`elt_size == sizeof(apr_table_entry_t)`), in insertion order.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct apr_array_header_t {
    /// The pool the array is allocated from.
    pub pool: *mut apr_pool_t,
    /// Size of one element in bytes.
    pub elt_size: c_int,
    /// Number of elements in use.
    pub nelts: c_int,
    /// Number of elements allocated.
    pub nalloc: c_int,
    /// The elements.
    pub elts: *mut c_char,
}

/// The SDK's name for `apr_array_header_t`.
pub type aos_array_header_t = apr_array_header_t;

/// One table entry. Iterate a table with
/// `const apr_array_header_t *a = apr_table_elts(t); const apr_table_entry_t *e = (const apr_table_entry_t *)a->elts;`
/// `for (int i = 0; i < a->nelts; i++) use(e[i].key, e[i].val);`
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct apr_table_entry_t {
    /// The key, NUL-terminated, as first added.
    pub key: *mut c_char,
    /// The value, NUL-terminated.
    pub val: *mut c_char,
    /// APR's checksum of the key's first four bytes, upper-cased (kept for layout compatibility).
    pub key_checksum: u32,
}

/// The SDK's name for `apr_table_entry_t`.
pub type aos_table_entry_t = apr_table_entry_t;

/// The table. Its layout starts with the array header, as APR's does; C sees it as an opaque type
/// (`cbindgen.toml` excludes it from the generated header, which declares it by hand).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct apr_table_t {
    a: apr_array_header_t,
}

/// The SDK's name for `apr_table_t`.
pub type aos_table_t = apr_table_t;

/// The most entries a table pre-allocates, however many the caller asks for.
const MAX_INITIAL_ENTRIES: usize = 1024;
const ENTRY_SIZE: usize = mem::size_of::<apr_table_entry_t>();

/// APR's key checksum: the first four bytes, zero-padded, big-endian, with the ASCII case bit
/// cleared.
fn key_checksum(key: &[u8]) -> u32 {
    let mut sum = 0u32;
    for i in 0..4 {
        sum = (sum << 8) | u32::from(*key.get(i).unwrap_or(&0));
    }
    sum & 0xdfdf_dfdf
}

impl apr_table_t {
    /// Allocates an empty table in `pool` with room for `capacity` entries. Null if memory is
    /// exhausted.
    pub fn new_in(pool: &apr_pool_t, capacity: usize) -> *mut apr_table_t {
        let nalloc = capacity.clamp(1, MAX_INITIAL_ENTRIES);
        let elts = pool.alloc(nalloc * ENTRY_SIZE) as *mut c_char;
        if elts.is_null() {
            return ptr::null_mut();
        }
        pool.alloc_value(apr_table_t {
            a: apr_array_header_t {
                pool: pool as *const apr_pool_t as *mut apr_pool_t,
                elt_size: ENTRY_SIZE as c_int,
                nelts: 0,
                nalloc: nalloc as c_int,
                elts,
            },
        })
    }

    fn pool(&self) -> &apr_pool_t {
        // SAFETY: a table never outlives the pool it was allocated from.
        unsafe { &*self.a.pool }
    }

    fn entries_mut(&mut self) -> &mut [apr_table_entry_t] {
        if self.a.elts.is_null() || self.a.nelts <= 0 {
            return &mut [];
        }
        // SAFETY: `elts` holds `nelts` initialised entries (we keep nelts <= nalloc).
        unsafe { slice::from_raw_parts_mut(self.a.elts as *mut apr_table_entry_t, self.a.nelts as usize) }
    }

    fn entries(&self) -> &[apr_table_entry_t] {
        if self.a.elts.is_null() || self.a.nelts <= 0 {
            return &[];
        }
        // SAFETY: as in `entries_mut`.
        unsafe { slice::from_raw_parts(self.a.elts as *const apr_table_entry_t, self.a.nelts as usize) }
    }

    /// Iterates over (key, value) pairs in order, skipping entries a C program left NULL.
    pub fn iter(&self) -> impl Iterator<Item = (&CStr, &CStr)> + '_ {
        self.entries().iter().filter_map(|e| {
            // SAFETY: non-null keys/values are NUL-terminated strings in the pool.
            unsafe { Some((c_str(e.key)?, c_str(e.val)?)) }
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of the first entry whose key equals `key` ignoring ASCII case.
    pub fn get(&self, key: &[u8]) -> Option<&CStr> {
        self.iter().find(|(k, _)| k.to_bytes().eq_ignore_ascii_case(key)).map(|(_, v)| v)
    }

    /// Appends an entry with pool copies of `key` and `val`. Returns false if memory is exhausted.
    pub fn add(&mut self, key: &[u8], val: &[u8]) -> bool {
        let (k, v) = (self.pool().strdup_bytes(key), self.pool().strdup_bytes(val));
        if k.is_null() || v.is_null() || !self.reserve_one() {
            return false;
        }
        let entry = apr_table_entry_t { key: k, val: v, key_checksum: key_checksum(key) };
        // SAFETY: `reserve_one` made room for one more entry at index `nelts`.
        unsafe { (self.a.elts as *mut apr_table_entry_t).add(self.a.nelts as usize).write(entry) };
        self.a.nelts += 1;
        true
    }

    /// Replaces every entry of `key` by one with value `val`, at the position of the first (the
    /// first's key spelling is kept); appends if there was none. False if memory is exhausted.
    pub fn set(&mut self, key: &[u8], val: &[u8]) -> bool {
        let Some(first) = self.position(key) else {
            return self.add(key, val);
        };
        let v = self.pool().strdup_bytes(val);
        if v.is_null() {
            return false;
        }
        self.entries_mut()[first].val = v;
        self.remove_matching(key, first + 1);
        true
    }

    /// Removes every entry of `key`, keeping the order of the others.
    pub fn unset(&mut self, key: &[u8]) {
        self.remove_matching(key, 0);
    }

    fn position(&self, key: &[u8]) -> Option<usize> {
        self.entries().iter().position(|e| Self::matches(e, key))
    }

    fn matches(entry: &apr_table_entry_t, key: &[u8]) -> bool {
        // SAFETY: non-null keys are NUL-terminated strings in the pool.
        unsafe { c_str(entry.key) }.is_some_and(|k| k.to_bytes().eq_ignore_ascii_case(key))
    }

    /// Removes matching entries at index >= `from`, compacting in place.
    fn remove_matching(&mut self, key: &[u8], from: usize) {
        let entries = self.entries_mut();
        let mut kept = from;
        for i in from..entries.len() {
            if !Self::matches(&entries[i], key) {
                entries[kept] = entries[i];
                kept += 1;
            }
        }
        self.a.nelts = kept as c_int;
    }

    /// Makes room for one more entry, moving the array to a pool block twice the size if full.
    fn reserve_one(&mut self) -> bool {
        if self.a.nelts < self.a.nalloc && !self.a.elts.is_null() {
            return true;
        }
        let Some(nalloc) = (self.a.nalloc.max(1) as usize).checked_mul(2).filter(|&n| n <= c_int::MAX as usize) else {
            return false;
        };
        let Some(bytes) = nalloc.checked_mul(ENTRY_SIZE) else {
            return false;
        };
        let elts = self.pool().alloc(bytes) as *mut c_char;
        if elts.is_null() {
            return false;
        }
        let used = self.entries().len();
        if used > 0 {
            // SAFETY: both arrays hold at least `used` entries and do not overlap.
            unsafe { ptr::copy_nonoverlapping(self.a.elts, elts, used * ENTRY_SIZE) };
        }
        self.a.elts = elts;
        self.a.nalloc = nalloc as c_int;
        true
    }
}

/// Creates an empty table in the pool with room for `nelts` entries (it grows as needed).
/// NULL if `p` is NULL. `aos_table_make(p, nelts)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_table_make(p: *mut apr_pool_t, nelts: c_int) -> *mut apr_table_t {
    entry("apr_table_make", || apr_table_t::new_in(try_ref!(p), nelts.max(0) as usize))
}

/// Appends an entry; `key` and `val` are copied into the table's pool. Existing entries with the
/// same key are kept. Does nothing if any argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_table_add(t: *mut apr_table_t, key: *const c_char, val: *const c_char) {
    entry("apr_table_add", || {
        let (t, key, val) = (try_mut!(t), try_c_str!(key), try_c_str!(val));
        t.add(key.to_bytes(), val.to_bytes());
    })
}

/// Sets `key` to `val` (copied): the first entry with that key (compared ignoring case) gets the
/// value and the other entries with that key are removed; if there is none, one is appended.
/// Does nothing if any argument is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_table_set(t: *mut apr_table_t, key: *const c_char, val: *const c_char) {
    entry("apr_table_set", || {
        let (t, key, val) = (try_mut!(t), try_c_str!(key), try_c_str!(val));
        t.set(key.to_bytes(), val.to_bytes());
    })
}

/// The value of the first entry whose key equals `key` ignoring ASCII case, or NULL (also when
/// `t` or `key` is NULL). The string lives in the table's pool.
#[no_mangle]
pub unsafe extern "C" fn apr_table_get(t: *const apr_table_t, key: *const c_char) -> *const c_char {
    entry("apr_table_get", || try_ref!(t).get(try_c_str!(key).to_bytes()).map_or(ptr::null(), CStr::as_ptr))
}

/// Removes every entry whose key equals `key` ignoring ASCII case. Does nothing if `t` or `key`
/// is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_table_unset(t: *mut apr_table_t, key: *const c_char) {
    entry("apr_table_unset", || try_mut!(t).unset(try_c_str!(key).to_bytes()))
}

/// The table's entries as an array header: `elts` is an array of `nelts` `apr_table_entry_t`
/// in insertion order. Valid until the table is next changed. NULL if `t` is NULL.
/// `aos_table_elts(t)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_table_elts(t: *const apr_table_t) -> *const apr_array_header_t {
    entry("apr_table_elts", || &try_ref!(t).a as *const apr_array_header_t)
}

/// 1 if the table is NULL or has no entries, else 0. `aos_is_empty_table(t)` is the same
/// function.
#[no_mangle]
pub unsafe extern "C" fn apr_is_empty_table(t: *const apr_table_t) -> c_int {
    entry_or("apr_is_empty_table", 1, || c_int::from(try_ref!(t, 1).is_empty()))
}

/// Allocates a table in `pool` holding the given pairs, in order (for response headers).
/// Null if memory is exhausted.
pub fn table_from_pairs<'a>(
    pool: &aos_pool_t,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> *mut aos_table_t {
    let pairs = pairs.into_iter();
    let t = apr_table_t::new_in(pool, pairs.size_hint().0);
    // SAFETY: `t` is null or a table we just allocated.
    if let Some(table) = unsafe { t.as_mut() } {
        for (k, v) in pairs {
            if !table.add(k.as_bytes(), v.as_bytes()) {
                return ptr::null_mut();
            }
        }
    }
    t
}

/// Reads a C table (headers or query parameters a caller passed in) into owned pairs, in order.
/// A NULL table is empty; keys or values that are not UTF-8 are converted lossily.
///
/// # Safety
/// `t` is NULL or a live table.
pub unsafe fn table_to_pairs(t: *const aos_table_t) -> Vec<(String, String)> {
    // SAFETY: NULL or a live table, as this function's contract.
    unsafe { t.as_ref() }.map_or_else(Vec::new, |t| {
        t.iter().map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned())).collect()
    })
}

// ---- More of APR's table calls: the `n` variants, clear, copy, overlay. ----------

/// `apr_table_add`. APR's `n` variant stores the caller's pointers without copying; this one
/// copies them like `apr_table_add`, which is what APR guarantees at least (the strings may die
/// before the table).
#[no_mangle]
pub unsafe extern "C" fn apr_table_addn(t: *mut apr_table_t, key: *const c_char, val: *const c_char) {
    // SAFETY: the same arguments, under the same contract.
    unsafe { apr_table_add(t, key, val) }
}

/// `apr_table_set` (copies, see `apr_table_addn`).
#[no_mangle]
pub unsafe extern "C" fn apr_table_setn(t: *mut apr_table_t, key: *const c_char, val: *const c_char) {
    // SAFETY: the same arguments, under the same contract.
    unsafe { apr_table_set(t, key, val) }
}

/// Removes every entry. Does nothing if `t` is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_table_clear(t: *mut apr_table_t) {
    entry("apr_table_clear", || try_mut!(t).a.nelts = 0)
}

/// Appends copies of the tables' entries, in order, to a new table in `pool`. NULL if memory is
/// exhausted.
fn concat(pool: &apr_pool_t, tables: &[&apr_table_t]) -> *mut apr_table_t {
    let total = tables.iter().map(|t| t.len()).sum();
    let out = apr_table_t::new_in(pool, total);
    // SAFETY: NULL or the table just allocated, which nothing else refers to yet.
    let Some(table) = (unsafe { out.as_mut() }) else {
        return ptr::null_mut();
    };
    for t in tables {
        for (k, v) in t.iter() {
            if !table.add(k.to_bytes(), v.to_bytes()) {
                return ptr::null_mut();
            }
        }
    }
    out
}

/// A copy of `t` in `p` (entries and strings copied). NULL if an argument is NULL or memory is
/// exhausted.
#[no_mangle]
pub unsafe extern "C" fn apr_table_copy(p: *mut apr_pool_t, t: *const apr_table_t) -> *mut apr_table_t {
    entry("apr_table_copy", || concat(try_ref!(p), &[try_ref!(t)]))
}

/// A new table in `p` with the entries of `overlay` followed by those of `base` (as APR orders
/// them). NULL if an argument is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn apr_table_overlay(
    p: *mut apr_pool_t,
    overlay: *const apr_table_t,
    base: *const apr_table_t,
) -> *mut apr_table_t {
    entry("apr_table_overlay", || concat(try_ref!(p), &[try_ref!(overlay), try_ref!(base)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe fn keys_and_values(t: *const apr_table_t) -> Vec<String> {
        // SAFETY: as this function's contract.
        unsafe { table_to_pairs(t) }.into_iter().map(|(k, v)| format!("{k}={v}")).collect()
    }

    #[test]
    fn add_set_get_unset_keep_order_and_ignore_case() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let t = apr_table_make(pool, 0);
            assert_eq!(apr_is_empty_table(t), 1);
            apr_table_add(t, c"Content-Type".as_ptr(), c"a".as_ptr());
            apr_table_add(t, c"X-A".as_ptr(), c"1".as_ptr());
            apr_table_add(t, c"x-a".as_ptr(), c"2".as_ptr());
            apr_table_add(t, c"Range".as_ptr(), c"bytes=0-1".as_ptr());
            assert_eq!(apr_is_empty_table(t), 0);
            assert_eq!(CStr::from_ptr(apr_table_get(t, c"X-a".as_ptr())).to_bytes(), b"1");
            assert_eq!(keys_and_values(t), ["Content-Type=a", "X-A=1", "x-a=2", "Range=bytes=0-1"]);
            apr_table_set(t, c"X-A".as_ptr(), c"3".as_ptr());
            assert_eq!(keys_and_values(t), ["Content-Type=a", "X-A=3", "Range=bytes=0-1"]);
            apr_table_set(t, c"New".as_ptr(), c"n".as_ptr());
            apr_table_unset(t, c"content-TYPE".as_ptr());
            assert_eq!(keys_and_values(t), ["X-A=3", "Range=bytes=0-1", "New=n"]);
            assert!(apr_table_get(t, c"missing".as_ptr()).is_null());
            assert!(apr_table_get(t, ptr::null()).is_null());
            apr_table_add(t, ptr::null(), c"v".as_ptr());
            apr_table_add(ptr::null_mut(), c"k".as_ptr(), c"v".as_ptr());
            assert_eq!(apr_is_empty_table(ptr::null()), 1);
            assert!(apr_table_elts(ptr::null()).is_null());
            apr_pool_t::destroy(pool);
        }
    }

    #[test]
    fn grows_and_iterates_through_elts() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let t = apr_table_make(pool, 1);
            for i in 0..100 {
                let k = std::ffi::CString::new(format!("k{i}")).unwrap();
                apr_table_add(t, k.as_ptr(), k.as_ptr());
            }
            let a = &*apr_table_elts(t);
            assert_eq!(a.nelts, 100);
            assert!(a.nalloc >= 100);
            assert_eq!(a.elt_size as usize, ENTRY_SIZE);
            let e = slice::from_raw_parts(a.elts as *const apr_table_entry_t, 100);
            assert_eq!(CStr::from_ptr(e[57].val).to_bytes(), b"k57");
            assert_eq!(e[0].key_checksum, key_checksum(b"K0"));
            apr_pool_t::destroy(pool);
        }
    }

    #[test]
    fn checksum_matches_apr() {
        assert_eq!(key_checksum(b"Range"), u32::from_be_bytes(*b"RANG"));
        assert_eq!(key_checksum(b"ab"), u32::from_be_bytes([b'A', b'B', 0, 0]));
        assert_eq!(key_checksum(b""), 0);
    }

    #[test]
    fn rust_helpers_round_trip() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let t = table_from_pairs(&*pool, [("ETag", "\"x\""), ("Content-Length", "5")]);
            assert_eq!(CStr::from_ptr(apr_table_get(t, c"etag".as_ptr())).to_bytes(), b"\"x\"");
            assert_eq!(table_to_pairs(t).len(), 2);
            assert!(table_to_pairs(ptr::null()).is_empty());
            apr_pool_t::destroy(pool);
        }
    }
}
