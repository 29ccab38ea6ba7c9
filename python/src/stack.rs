//! How much stack a call may give compiled code: compiled code runs on the
//! calling Python thread's own stack (a call on a fresh thread would cost
//! tens of microseconds), so each call measures what is left below it.
//!
//! Needs: the thread's stack bounds, asked once per thread from
//! `pthread_getattr_np` (the main thread's size comes from its rlimit).
//! Gives: the bytes between the caller's stack pointer and the bottom of
//! its stack, less a margin for Rust, the trampoline and signal handlers.

use std::cell::Cell;

/// Stack kept free below compiled frames for what runs around them.
const MARGIN: usize = 128 << 10;

/// What is assumed when the thread's bounds cannot be found: Python's own
/// smallest thread stack is larger than this.
const FALLBACK: usize = 256 << 10;

thread_local! {
    /// The lowest usable address of this thread's stack (0: not asked yet).
    static STACK_LOW: Cell<usize> = const { Cell::new(0) };
}

/// Bytes of stack a call made from here may use.
#[inline]
pub fn available() -> usize {
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    let low = STACK_LOW.with(|low| {
        if low.get() == 0 {
            low.set(lowest_address(here));
        }
        low.get()
    });
    here.saturating_sub(low).saturating_sub(MARGIN)
}

/// The bottom of the current thread's stack, above its guard page.
fn lowest_address(here: usize) -> usize {
    // SAFETY: `attr` is initialized by pthread_getattr_np before it is read
    // and destroyed once; the out-pointers are valid locals.
    unsafe {
        let mut attr = std::mem::zeroed::<libc::pthread_attr_t>();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return here.saturating_sub(FALLBACK);
        }
        let mut address = std::ptr::null_mut::<libc::c_void>();
        let mut size = 0usize;
        let status = libc::pthread_attr_getstack(&attr, &mut address, &mut size);
        let mut guard = 0usize;
        libc::pthread_attr_getguardsize(&attr, &mut guard);
        libc::pthread_attr_destroy(&mut attr);
        if status != 0 || size == 0 {
            return here.saturating_sub(FALLBACK);
        }
        (address as usize).saturating_add(guard)
    }
}
