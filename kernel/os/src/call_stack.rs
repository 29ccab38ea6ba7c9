//! Stacks for calls whose frames need more than the kernel stack spares.
//!
//! Compiled code runs on the stack it is called on, and the language
//! promises a chain of 1,000 calls (the default recursion limit): for a
//! function with thousands of locals that is more than the kernel stack's
//! [`CALL_STACK_BYTES`]. Such a call gets a stack of its own, in a window
//! of address space reserved once ([`MAX_STACK_BYTES`] and an unmapped
//! guard page below): the pages it needs, at the window's top, are mapped
//! for the call and freed after it.

use crate::demo::CALL_STACK_BYTES;
use crate::jit;
use crate::paging::{self, MapError, PAGE_SIZE};
use core::arch::global_asm;
use core::sync::atomic::{AtomicU64, Ordering};
use x86_64::VirtAddr;

/// The largest stack a call may get: 1,000 frames of a function with
/// about 4,000 locals, well inside what QEMU's default memory leaves free
/// beside the heaps. A call that needs more runs on the kernel stack and
/// reaches RecursionError where that runs out.
pub const MAX_STACK_BYTES: usize = 48 << 20;

// minijit_call_on_stack(target: rdi, arg: rsi, top: rdx): calls
// target(arg) with the stack pointer at `top` (16-byte aligned, so the
// callee sees the usual alignment after the return address), then
// returns on the stack it was called on, kept in rbp.
global_asm!(
    ".global minijit_call_on_stack",
    "minijit_call_on_stack:",
    "push rbp",
    "mov rbp, rsp",
    "mov rsp, rdx",
    "mov rax, rdi",
    "mov rdi, rsi",
    "call rax",
    "mov rsp, rbp",
    "pop rbp",
    "ret",
);

unsafe extern "sysv64" {
    fn minijit_call_on_stack(target: unsafe extern "sysv64" fn(usize), arg: usize, top: u64);
}

/// The top of the window the stacks are mapped in (0 until the first).
static WINDOW_TOP: AtomicU64 = AtomicU64::new(0);

/// The pages of the stack mapped now (0 when none): a panic during the
/// call leaves them mapped, and [`unmap_abandoned`] then frees them.
static MAPPED_PAGES: AtomicU64 = AtomicU64::new(0);

/// Unmaps the stack a call left mapped when a panic ended it.
///
/// # Safety
/// No call may be running on it.
pub unsafe fn unmap_abandoned() {
    let pages = MAPPED_PAGES.swap(0, Ordering::Relaxed);
    let top = WINDOW_TOP.load(Ordering::Relaxed);
    if pages != 0 && top != 0 {
        // SAFETY: nothing runs on the stack (the caller says so); its
        // pages came from `paging::map`.
        unsafe { paging::unmap(VirtAddr::new(top) - pages * PAGE_SIZE, pages) };
    }
}

/// Runs `f` on a stack of `bytes` (at most [`MAX_STACK_BYTES`], rounded up
/// to whole pages) mapped for it, then frees the stack. Not reentrant: `f`
/// must not call this again.
///
/// # Errors
/// The pages could not be mapped (or `bytes` is too large); `f` did not
/// run.
pub fn run_on_stack(bytes: usize, f: &mut dyn FnMut()) -> Result<(), MapError> {
    /// Calls the closure `arg` points to.
    unsafe extern "sysv64" fn run(arg: usize) {
        // SAFETY: `arg` is the `&mut &mut dyn FnMut()` made below, alive
        // for the whole call.
        let f = unsafe { &mut *(arg as *mut &mut dyn FnMut()) };
        f();
    }
    let pages = (bytes as u64).div_ceil(PAGE_SIZE);
    let window_pages = MAX_STACK_BYTES as u64 / PAGE_SIZE;
    if pages > window_pages {
        return Err(MapError::OutOfFrames);
    }
    let top = match WINDOW_TOP.load(Ordering::Relaxed) {
        0 => {
            // The guard page first, then the window.
            let guard = jit::reserve(window_pages + 1);
            let top = guard + (window_pages + 1) * PAGE_SIZE;
            WINDOW_TOP.store(top.as_u64(), Ordering::Relaxed);
            top
        }
        top => VirtAddr::new(top),
    };
    let bottom = top - pages * PAGE_SIZE;
    paging::map(bottom, pages, jit::WRITABLE)?;
    MAPPED_PAGES.store(pages, Ordering::Relaxed);
    let mut f = f;
    // SAFETY: the pages from `bottom` to `top` were just mapped writable
    // for this call alone; `run` is safe to call with the address of `f`.
    unsafe { minijit_call_on_stack(run, &raw mut f as usize, top.as_u64()) };
    // SAFETY: the call has returned, so nothing uses the stack any more.
    unsafe { paging::unmap(bottom, pages) };
    MAPPED_PAGES.store(0, Ordering::Relaxed);
    Ok(())
}

/// The stack bytes a call of `program`'s code needs beyond those of its
/// frames: the host function's (`print`) and the Rust frames between.
pub const AROUND_THE_CODE: usize = 64 << 10;

/// Whether a call whose frames need `needed` bytes must get a stack of its
/// own: more than the kernel stack spares, and no more than
/// [`MAX_STACK_BYTES`] with what runs around the code.
pub fn needs_own_stack(needed: usize) -> bool {
    needed > CALL_STACK_BYTES && needed + AROUND_THE_CODE <= MAX_STACK_BYTES
}
