//! `aos_pool_t` (`apr_pool_t`): the memory pool every C-visible value lives in.
//!
//! A pool is an arena: small allocations are bump-allocated from 8 KiB chunks, large ones get
//! their own block, and everything is freed at once by `apr_pool_destroy`. Pools form a tree:
//! destroying a parent first destroys its children, then runs the registered cleanups, then frees
//! the memory. Unlike APR's pools, allocation is thread-safe (a mutex per pool), because the
//! download workers build response values from several threads.
//!
//! Rust code that hands values to C allocates them here ([`apr_pool_t::alloc_value`],
//! [`apr_pool_t::strdup`]) so C frees them the way it always has: with the pool.

use std::alloc::{alloc, dealloc, Layout};
use std::ffi::{c_char, c_int, c_void};
use std::mem;
use std::ptr::{self, NonNull};
use std::sync::{Mutex, MutexGuard};

use super::boundary::{entry, entry_or, try_mut, try_ref};

/// Every allocation is aligned to this (enough for any C scalar, `long double` included).
const ALIGN: usize = 16;
/// Size of the chunks small allocations are carved from.
const CHUNK_SIZE: usize = 8192;
/// Allocations above this size get their own block instead of wasting a chunk's tail.
const LARGE_ALLOCATION: usize = 1024;

/// A memory pool (arena). Opaque: create it with `aos_pool_create`, allocate with
/// `aos_palloc`/`aos_pcalloc`/`aos_pstrdup`, free everything at once with `aos_pool_destroy`.
///
/// Destroying a pool destroys its child pools first. Allocation from one pool is thread-safe;
/// destroying a pool while another thread still uses it is not.
pub struct apr_pool_t {
    state: Mutex<PoolState>,
}

/// The SDK's name for `apr_pool_t`.
pub type aos_pool_t = apr_pool_t;

/// One block of memory from the global allocator, freed on drop.
struct Block {
    ptr: NonNull<u8>,
    layout: Layout,
}

impl Block {
    fn new(size: usize) -> Option<Block> {
        let layout = Layout::from_size_align(size, ALIGN).ok()?;
        // SAFETY: `size` is never zero (callers round up to at least ALIGN).
        let ptr = NonNull::new(unsafe { alloc(layout) })?;
        Some(Block { ptr, layout })
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: allocated in `Block::new` with this layout, freed exactly once.
        unsafe { dealloc(self.ptr.as_ptr(), self.layout) }
    }
}

type Cleanup = Box<dyn FnOnce() + Send>;

struct PoolState {
    /// Null for a root pool; cleared by the parent when it destroys this pool.
    parent: *mut apr_pool_t,
    children: Vec<*mut apr_pool_t>,
    chunks: Vec<Block>,
    /// Bytes used in the last chunk.
    used: usize,
    large: Vec<Block>,
    cleanups: Vec<Cleanup>,
}

// SAFETY: the raw pointers are pool handles, only dereferenced under the protocol described in
// `destroy`; the state itself is only touched under the pool's mutex.
unsafe impl Send for PoolState {}

impl PoolState {
    fn alloc(&mut self, size: usize) -> Option<NonNull<u8>> {
        let size = size.max(1).checked_add(ALIGN - 1)? & !(ALIGN - 1);
        if size > LARGE_ALLOCATION {
            let block = Block::new(size)?;
            let ptr = block.ptr;
            self.large.push(block);
            return Some(ptr);
        }
        if self.chunks.is_empty() || self.used + size > CHUNK_SIZE {
            self.chunks.push(Block::new(CHUNK_SIZE)?);
            self.used = 0;
        }
        let chunk = self.chunks.last()?;
        // SAFETY: `used + size <= CHUNK_SIZE`, so the result stays inside the chunk.
        let ptr = unsafe { chunk.ptr.as_ptr().add(self.used) };
        self.used += size;
        NonNull::new(ptr)
    }
}

impl apr_pool_t {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        // A panic while holding the lock leaves the state consistent (every step is a push).
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates a pool, as a child of `parent` when it is not null. The handle belongs to the
    /// caller (or to the parent, which destroys it with itself).
    ///
    /// # Safety
    /// `parent` is null or a live pool.
    pub unsafe fn create(parent: *mut apr_pool_t) -> *mut apr_pool_t {
        let pool = Box::into_raw(Box::new(apr_pool_t {
            state: Mutex::new(PoolState {
                parent,
                children: Vec::new(),
                chunks: Vec::new(),
                used: 0,
                large: Vec::new(),
                cleanups: Vec::new(),
            }),
        }));
        // SAFETY: `parent` is NULL or a live pool, as this function's contract.
        if let Some(parent) = unsafe { parent.as_ref() } {
            parent.lock().children.push(pool);
        }
        pool
    }

    /// Destroys a pool: unlinks it from its parent, destroys its children, runs its cleanups
    /// (last registered first) and frees its memory.
    ///
    /// # Safety
    /// `pool` is a live pool no other thread uses any more; it is dangling afterwards.
    pub unsafe fn destroy(pool: *mut apr_pool_t) {
        // SAFETY: `pool` is live (this function's contract), and so is its parent while it is
        // linked: a parent clears `parent` of each child before destroying itself.
        unsafe {
            let parent = (*pool).lock().parent;
            if let Some(parent) = parent.as_ref() {
                parent.lock().children.retain(|&child| child != pool);
            }
            Self::destroy_detached(pool);
        }
    }

    /// Destroys a pool that no parent refers to any more.
    ///
    /// # Safety
    /// As [`destroy`](Self::destroy), and no parent lists `pool`.
    unsafe fn destroy_detached(pool: *mut apr_pool_t) {
        // Take the lists out and release the lock before recursing, so children (and cleanups
        // that allocate from or look at this pool) never find it locked.
        // SAFETY: `pool` is live until the `Box::from_raw` below.
        let (children, cleanups) = {
            let mut state = unsafe { &*pool }.lock();
            (mem::take(&mut state.children), mem::take(&mut state.cleanups))
        };
        for child in children {
            // SAFETY: a child stays live until its parent destroys it, here; unlinked first.
            unsafe {
                (*child).lock().parent = ptr::null_mut();
                Self::destroy_detached(child);
            }
        }
        for cleanup in cleanups.into_iter().rev() {
            // A panicking cleanup must not leak the rest of the pool.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(cleanup));
        }
        // SAFETY: created by `Box::into_raw` in `create`, freed exactly once, here.
        drop(unsafe { Box::from_raw(pool) });
    }

    /// Allocates `size` bytes (uninitialised, 16-byte aligned) that live until the pool is
    /// destroyed. Null if memory is exhausted. Zero bytes still yields a unique pointer.
    pub fn alloc(&self, size: usize) -> *mut u8 {
        self.lock().alloc(size).map_or(ptr::null_mut(), NonNull::as_ptr)
    }

    /// Like [`alloc`](Self::alloc), zero-filled.
    pub fn calloc(&self, size: usize) -> *mut u8 {
        let p = self.alloc(size);
        if !p.is_null() {
            // SAFETY: `p` points to at least `size` writable bytes.
            unsafe { ptr::write_bytes(p, 0, size) };
        }
        p
    }

    /// Moves a plain value (a C struct: no destructor runs at pool destruction) into the pool.
    /// Null if memory is exhausted.
    pub fn alloc_value<T: Copy>(&self, value: T) -> *mut T {
        assert!(mem::align_of::<T>() <= ALIGN, "pool values are at most 16-byte aligned");
        let p = self.alloc(mem::size_of::<T>()) as *mut T;
        if !p.is_null() {
            // SAFETY: freshly allocated, large and aligned enough for a T.
            unsafe { p.write(value) };
        }
        p
    }

    /// Copies bytes into the pool as a NUL-terminated C string. A NUL inside `bytes` ends the
    /// string early as C sees it. Null if memory is exhausted.
    pub fn strdup_bytes(&self, bytes: &[u8]) -> *mut c_char {
        let Some(size) = bytes.len().checked_add(1) else {
            return ptr::null_mut();
        };
        let p = self.alloc(size);
        if !p.is_null() {
            // SAFETY: `p` has room for the bytes and the terminator.
            unsafe {
                ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
                *p.add(bytes.len()) = 0;
            }
        }
        p as *mut c_char
    }

    /// Copies a Rust string into the pool as a C string. Null if memory is exhausted.
    pub fn strdup(&self, s: &str) -> *mut c_char {
        self.strdup_bytes(s.as_bytes())
    }

    /// Registers `f` to run when the pool is destroyed (after its children, before its memory is
    /// freed; the last registered runs first). Use it to release Rust resources tied to values
    /// handed to C.
    pub fn register_cleanup(&self, f: impl FnOnce() + Send + 'static) {
        self.lock().cleanups.push(Box::new(f));
    }

    /// Number of live child pools (for tests).
    #[cfg(test)]
    fn child_count(&self) -> usize {
        self.lock().children.len()
    }
}

/// Creates a memory pool in `*newpool`: a root pool if `parent` is NULL, otherwise a child that
/// `parent` destroys with itself.
///
/// Returns 0 (APR_SUCCESS) on success, EINVAL if `newpool` is NULL, ENOMEM if memory is
/// exhausted. `aos_pool_create(newpool, parent)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_pool_create(newpool: *mut *mut apr_pool_t, parent: *mut apr_pool_t) -> c_int {
    entry_or("apr_pool_create", libc::ENOMEM, || {
        let newpool = try_mut!(newpool, libc::EINVAL);
        // SAFETY: `parent` is NULL or a live pool, as this function's contract.
        *newpool = unsafe { apr_pool_t::create(parent) };
        0
    })
}

/// Destroys a pool, its child pools and everything allocated from them. NULL is ignored.
/// `aos_pool_destroy(p)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_pool_destroy(p: *mut apr_pool_t) {
    entry("apr_pool_destroy", || {
        if !p.is_null() {
            // SAFETY: a live pool the caller is done with, as this function's contract.
            unsafe { apr_pool_t::destroy(p) }
        }
    })
}

/// Allocates `size` bytes from the pool, aligned to 16 bytes, uninitialised. NULL if `p` is NULL
/// or memory is exhausted. `aos_palloc(p, size)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_palloc(p: *mut apr_pool_t, size: usize) -> *mut c_void {
    entry("apr_palloc", || try_ref!(p).alloc(size) as *mut c_void)
}

/// Like `apr_palloc`, zero-filled. `aos_pcalloc(p, size)` is the same function.
#[no_mangle]
pub unsafe extern "C" fn apr_pcalloc(p: *mut apr_pool_t, size: usize) -> *mut c_void {
    entry("apr_pcalloc", || try_ref!(p).calloc(size) as *mut c_void)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn allocations_are_aligned_and_distinct() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let mut seen = Vec::new();
            for size in [0usize, 1, 3, 16, 17, 1000, 1025, 5000, 8192, 7] {
                let p = (*pool).alloc(size);
                assert!(!p.is_null());
                assert_eq!(p as usize % ALIGN, 0);
                ptr::write_bytes(p, 0xAB, size);
                seen.push(p as usize);
            }
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), 10);
            let z = (*pool).calloc(100);
            assert!(std::slice::from_raw_parts(z, 100).iter().all(|&b| b == 0));
            apr_pool_t::destroy(pool);
        }
    }

    #[test]
    fn parent_destroys_children_and_runs_cleanups() {
        unsafe {
            let ran = Arc::new(AtomicUsize::new(0));
            let root = apr_pool_t::create(ptr::null_mut());
            let child = apr_pool_t::create(root);
            let grandchild = apr_pool_t::create(child);
            let early = apr_pool_t::create(root);
            assert_eq!((*root).child_count(), 2);
            apr_pool_t::destroy(early);
            assert_eq!((*root).child_count(), 1);
            for pool in [root, child, grandchild] {
                let ran = ran.clone();
                (*pool).register_cleanup(move || {
                    ran.fetch_add(1, Ordering::SeqCst);
                });
                assert!(!(*pool).strdup("x").is_null());
            }
            apr_pool_t::destroy(root);
            assert_eq!(ran.load(Ordering::SeqCst), 3);
        }
    }

    #[test]
    fn allocation_is_thread_safe() {
        struct Handle(*mut apr_pool_t);
        unsafe impl Send for Handle {}
        unsafe impl Sync for Handle {}
        let pool = Arc::new(Handle(unsafe { apr_pool_t::create(ptr::null_mut()) }));
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let pool = pool.clone();
                std::thread::spawn(move || {
                    let pool = unsafe { &*pool.0 };
                    let mut ptrs = Vec::new();
                    for i in 0..2000usize {
                        let size = (i * 7 + t) % 1500;
                        let p = pool.alloc(size);
                        unsafe { ptr::write_bytes(p, t as u8, size) };
                        ptrs.push((p as usize, size));
                    }
                    ptrs
                })
            })
            .collect();
        let mut all: Vec<(usize, usize)> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
        all.sort_unstable();
        for pair in all.windows(2) {
            assert!(pair[0].0 + pair[0].1 <= pair[1].0, "overlapping allocations");
        }
        unsafe { apr_pool_t::destroy(pool.0) };
    }

    #[test]
    fn c_entry_points_check_their_arguments() {
        unsafe {
            assert_eq!(apr_pool_create(ptr::null_mut(), ptr::null_mut()), libc::EINVAL);
            assert!(apr_palloc(ptr::null_mut(), 8).is_null());
            assert!(apr_pcalloc(ptr::null_mut(), 8).is_null());
            apr_pool_destroy(ptr::null_mut());
            let mut p = ptr::null_mut();
            assert_eq!(apr_pool_create(&mut p, ptr::null_mut()), 0);
            assert!(!apr_palloc(p, 8).is_null());
            apr_pool_destroy(p);
        }
    }
}
