//! `aos_list_t`: the SDK's intrusive, circular, doubly linked list (a node is embedded in each
//! element; the head is a node of its own that points at itself when the list is empty).
//!
//! C programs use the operations as `static inline` functions and macros from the header trailer
//! (`aos_list_init`, `aos_list_add_tail`, `aos_list_for_each_entry` ...), as with the official
//! `aos_list.h`. The Rust side only needs to initialise heads inside the structs it creates, append
//! nodes, and walk a caller's list (buffer lists).
#![deny(unsafe_op_in_unsafe_fn)]

use std::ptr;

/// A list node, or a list head. An empty head points at itself (`aos_list_init`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_list_s {
    /// The next node (the head again after the last one).
    pub next: *mut aos_list_s,
    /// The previous node (the head again before the first one).
    pub prev: *mut aos_list_s,
}

/// The SDK's name for `aos_list_s`.
pub type aos_list_t = aos_list_s;

impl Default for aos_list_s {
    /// A zeroed node: not a valid list until [`aos_list_s::init`] points it at itself.
    fn default() -> Self {
        aos_list_s { next: ptr::null_mut(), prev: ptr::null_mut() }
    }
}

impl aos_list_s {
    /// Makes `head` an empty list (pointing at itself), like `aos_list_init`.
    ///
    /// # Safety
    /// `head` is valid for writes and stays at this address while the list is used.
    pub unsafe fn init(head: *mut aos_list_s) {
        // SAFETY: the caller promises a writable node.
        unsafe {
            (*head).next = head;
            (*head).prev = head;
        }
    }

    /// Makes this node an empty list head in place (pointing at itself). The value must not move
    /// afterwards, which holds for the pool-allocated structs it is used on.
    pub fn make_empty(&mut self) {
        let this: *mut aos_list_s = self;
        self.next = this;
        self.prev = this;
    }

    /// Appends `node` before `head` (at the end of the list), like `aos_list_add_tail`.
    ///
    /// # Safety
    /// `head` is an initialised list, `node` a writable node not in any list.
    pub unsafe fn add_tail(node: *mut aos_list_s, head: *mut aos_list_s) {
        // SAFETY: the caller promises an initialised head (so `prev` is a live node) and a
        // writable, unlinked node.
        unsafe {
            let prev = (*head).prev;
            (*node).next = head;
            (*node).prev = prev;
            (*prev).next = node;
            (*head).prev = node;
        }
    }

    /// The nodes of the list at `head`, first to last. A NULL or zeroed (never initialised) head
    /// yields nothing.
    ///
    /// # Safety
    /// `head` is NULL or a list whose nodes stay valid and linked while the iterator is used.
    pub unsafe fn nodes(head: *const aos_list_s) -> impl Iterator<Item = *mut aos_list_s> {
        // SAFETY: NULL or a valid head, as the caller promises.
        let first = unsafe { head.as_ref() }.map_or(ptr::null_mut(), |h| h.next);
        let mut current = first;
        std::iter::from_fn(move || {
            if current.is_null() || ptr::eq(current, head) {
                return None;
            }
            let node = current;
            // SAFETY: a node of a valid list.
            current = unsafe { (*node).next };
            Some(node)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_tail_and_walk() {
        let mut head = aos_list_s::default();
        let mut a = aos_list_s::default();
        let mut b = aos_list_s::default();
        unsafe {
            assert_eq!(aos_list_s::nodes(&head).count(), 0, "a zeroed head is empty");
            assert_eq!(aos_list_s::nodes(ptr::null()).count(), 0);
            aos_list_s::init(&mut head);
            assert_eq!(aos_list_s::nodes(&head).count(), 0);
            aos_list_s::add_tail(&mut a, &mut head);
            aos_list_s::add_tail(&mut b, &mut head);
            let nodes: Vec<_> = aos_list_s::nodes(&head).collect();
            assert_eq!(nodes, vec![&mut a as *mut _, &mut b as *mut _]);
            assert_eq!(head.prev, &mut b as *mut _);
            assert_eq!(b.next, &mut head as *mut _);
        }
    }
}
