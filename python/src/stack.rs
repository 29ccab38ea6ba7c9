//! How much stack a call may give compiled code: compiled code runs on the
//! calling Python thread's own stack (a call on a fresh thread would cost
//! tens of microseconds), so each call measures what is left below it.
//!
//! Needs: the thread's stack bounds, asked once per thread from
//! `pthread_getattr_np` (the main thread's size comes from its rlimit).
//! Gives: the bytes between the caller's stack pointer and the bottom of
//! its stack, less a margin for Rust, the trampoline and signal handlers;
//! and whether a host call (`print`) made from compiled code has room for
//! the Python it runs.

use std::cell::Cell;

/// Stack kept free below compiled frames for what runs around them: this
/// much, or a quarter of a smaller thread's stack (Python lets threads
/// have 32 KiB).
const MARGIN: usize = 128 << 10;

/// Stack a host call needs before it runs Python (a `write` method, for
/// `print`): this much, or half of a smaller thread's stack. Python's
/// own code recursing a thousand levels in C (`repr` of a nested list)
/// takes a few hundred KiB.
const CALLBACK_ROOM: usize = 1 << 20;

/// What is assumed when the thread's bounds cannot be found (never seen
/// on Linux): a small stack, so that the margins stay on the safe side.
const FALLBACK: usize = 256 << 10;

/// A thread's stack: its lowest usable address and its size in bytes.
#[derive(Clone, Copy)]
struct Stack {
    low: usize,
    size: usize,
}

thread_local! {
    /// This thread's stack (`low` 0: not asked yet).
    static STACK: Cell<Stack> = const { Cell::new(Stack { low: 0, size: 0 }) };
}

/// Where the stack is now, and this thread's stack.
#[inline]
fn here() -> (usize, Stack) {
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    let stack = STACK.with(|stack| {
        if stack.get().low == 0 {
            stack.set(bounds(here));
        }
        stack.get()
    });
    (here, stack)
}

/// Bytes of stack a call made from here may use.
#[inline]
pub fn available() -> usize {
    let (here, stack) = here();
    let margin = MARGIN.min(stack.size / 4);
    here.saturating_sub(stack.low).saturating_sub(margin)
}

/// Whether a host call made from here may run Python ([`CALLBACK_ROOM`]).
pub fn room_for_callback() -> bool {
    let (here, stack) = here();
    here.saturating_sub(stack.low) >= CALLBACK_ROOM.min(stack.size / 2)
}

/// The current thread's stack, above its guard page.
fn bounds(here: usize) -> Stack {
    let fallback = Stack {
        low: here.saturating_sub(FALLBACK),
        size: FALLBACK,
    };
    // SAFETY: `attr` is initialized by pthread_getattr_np before it is read
    // and destroyed once; the out-pointers are valid locals.
    unsafe {
        let mut attr = std::mem::zeroed::<libc::pthread_attr_t>();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return fallback;
        }
        let mut address = std::ptr::null_mut::<libc::c_void>();
        let mut size = 0usize;
        let status = libc::pthread_attr_getstack(&attr, &mut address, &mut size);
        let mut guard = 0usize;
        libc::pthread_attr_getguardsize(&attr, &mut guard);
        libc::pthread_attr_destroy(&mut attr);
        if status != 0 || size <= guard {
            return fallback;
        }
        Stack {
            low: (address as usize).saturating_add(guard),
            size: size - guard,
        }
    }
}
