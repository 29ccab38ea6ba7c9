//! The kernel's heaps, both `linked_list_allocator` on pages mapped from
//! boot memory-map frames: the main heap, and a workspace that the prompt
//! compiles in. minijit needs `alloc` to compile (and the interpreter keeps
//! its frames on the heap).
//!
//! A compile cannot fail softly when memory runs out: Rust's `alloc` calls
//! the panic handler. So what the prompt compiles runs in the workspace
//! ([`in_workspace`]): every allocation made meanwhile comes from there,
//! a panic (running out of it, or a fault of the compiler) comes back to
//! the caller through [`recovery::catch_panic`], and the workspace is
//! emptied wholesale afterwards, whatever the frames left behind owned;
//! after a line that ended normally, only the prompt's compile context
//! may be left there, kept for the next line ([`crate::compiler`]).
//! The main heap is never touched by a compile, so the kernel goes on.

use crate::paging::{self, MapError, PAGE_SIZE};
use crate::recovery;
use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use linked_list_allocator::{Heap, LockedHeap};
use x86_64::structures::paging::PageTableFlags;
use x86_64::VirtAddr;

/// Main heap size: compiling the demo programs takes well under a MiB; the
/// rest is room for the interpreter and the prompt's definitions.
pub const HEAP_SIZE: u64 = 8 << 20;

/// The workspace's size unless the launcher says otherwise
/// (`--compile-heap MIB`).
pub const DEFAULT_WORKSPACE_MIB: u64 = 32;

/// The most the launcher may ask for: QEMU's default 128 MiB holds it
/// beside the main heap, the code and the page tables.
pub const MAX_WORKSPACE_MIB: u64 = 64;

static MAIN: LockedHeap = LockedHeap::empty();
static WORKSPACE: LockedHeap = LockedHeap::empty();

/// Whether new allocations come from the workspace (inside
/// [`in_workspace`]).
static IN_WORKSPACE: AtomicBool = AtomicBool::new(false);

/// Set when the workspace could not satisfy an allocation: the panic that
/// follows is running out of memory, not a fault of the compiler.
static WORKSPACE_FULL: AtomicBool = AtomicBool::new(false);

/// The workspace's address range (set once by [`init`]).
static WORKSPACE_START: AtomicUsize = AtomicUsize::new(0);
static WORKSPACE_END: AtomicUsize = AtomicUsize::new(0);

/// Allocates from the workspace inside [`in_workspace`], else from the
/// main heap; frees and grows each block in the heap it came from.
struct Heaps;

#[global_allocator]
static HEAPS: Heaps = Heaps;

fn in_workspace_range(ptr: *mut u8) -> bool {
    let at = ptr as usize;
    WORKSPACE_START.load(Ordering::Relaxed) <= at && at < WORKSPACE_END.load(Ordering::Relaxed)
}

fn heap_of(ptr: *mut u8) -> &'static LockedHeap {
    if in_workspace_range(ptr) {
        &WORKSPACE
    } else {
        &MAIN
    }
}

// SAFETY: each call goes to one `LockedHeap`, a sound allocator; a block
// is freed or grown only by the heap that gave it (told by its address,
// as the two heaps do not overlap).
unsafe impl GlobalAlloc for Heaps {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !IN_WORKSPACE.load(Ordering::Relaxed) {
            // SAFETY: forwarded with the caller's layout.
            return unsafe { MAIN.alloc(layout) };
        }
        // SAFETY: forwarded with the caller's layout.
        let ptr = unsafe { WORKSPACE.alloc(layout) };
        if ptr.is_null() {
            WORKSPACE_FULL.store(true, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this heap with this layout.
        unsafe { heap_of(ptr).dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A block grows where it lives: a main-heap table grown inside
        // a compile must not move into the workspace, which is emptied.
        let heap = heap_of(ptr);
        // SAFETY: `new_size` is valid for `layout.align()`, as the caller
        // promised.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: forwarded with a valid layout.
        let new = unsafe { heap.alloc(new_layout) };
        if new.is_null() {
            if core::ptr::eq(heap, &WORKSPACE) {
                WORKSPACE_FULL.store(true, Ordering::Relaxed);
            }
            return new;
        }
        // SAFETY: both blocks are valid for the smaller size and distinct.
        unsafe { core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        // SAFETY: `ptr` came from `heap` with `layout`.
        unsafe { heap.dealloc(ptr, layout) };
        new
    }
}

/// Maps [`HEAP_SIZE`] bytes of data pages at `start` for the main heap,
/// and `workspace_mib` MiB after them for the workspace (none with 0: the
/// demo, which never prompts, keeps its boot short); the address after
/// both.
///
/// # Safety
/// Call once, with `start` page-aligned in a region nothing else maps.
pub unsafe fn init(start: VirtAddr, workspace_mib: u64) -> Result<VirtAddr, MapError> {
    let flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE | PageTableFlags::NO_EXECUTE;
    let workspace_size = workspace_mib << 20;
    paging::map(start, (HEAP_SIZE + workspace_size) / PAGE_SIZE, flags)?;
    let workspace = start + HEAP_SIZE;
    // SAFETY: the pages were just mapped writable, belong to nobody else,
    // and stay mapped for the rest of the run.
    unsafe {
        MAIN.lock().init(start.as_mut_ptr(), HEAP_SIZE as usize);
        if workspace_size > 0 {
            WORKSPACE
                .lock()
                .init(workspace.as_mut_ptr(), workspace_size as usize);
        }
    }
    WORKSPACE_START.store(workspace.as_u64() as usize, Ordering::Relaxed);
    WORKSPACE_END.store(
        (workspace + workspace_size).as_u64() as usize,
        Ordering::Relaxed,
    );
    Ok(workspace + workspace_size)
}

/// The workspace's size in bytes.
pub fn workspace_size() -> usize {
    WORKSPACE.lock().size()
}

/// Whether nothing holds either heap's lock.
pub fn is_free() -> bool {
    !MAIN.is_locked() && !WORKSPACE.is_locked()
}

/// Whether the workspace could not hold an allocation since
/// [`in_workspace`] began.
pub fn ran_out() -> bool {
    WORKSPACE_FULL.load(Ordering::Relaxed)
}

/// Why [`in_workspace`] came back without an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// An allocation did not fit in what the workspace had left.
    OutOfMemory,
    /// Anything else panicked (the panic handler printed its message).
    Panicked,
}

/// Runs `f` with every new allocation in the workspace, then empties the
/// workspace, unless `f` returned and `keep(bytes still allocated)` says
/// to keep them. A panic inside `f` (an allocation the workspace cannot
/// hold, or a fault of the code `f` runs) ends `f` there and returns
/// here (see the panic handler in `main.rs`): its frames are dropped
/// without running destructors, and what they own in the workspace goes
/// with it. Nested calls run `f` in the workspace already in use.
///
/// # Safety
/// `f` must leave nothing it allocated reachable from outside once it
/// returns or panics: its answer holds no reference into the workspace
/// (a `Copy` answer is no heap block, but a leaked `&'static` would be),
/// and it stores no new block into what it borrows, but for what `keep`
/// keeps (after a panic, and when `keep` declines, nothing may refer to
/// it any more). What it owns from outside must need no `Drop` (a panic
/// would skip it), and what it borrows must not be left broken by a
/// panic halfway through a change.
pub unsafe fn in_workspace<R: Copy>(
    keep: impl FnOnce(usize) -> bool,
    f: impl FnOnce() -> R,
) -> Result<R, Interrupted> {
    if IN_WORKSPACE.load(Ordering::Relaxed) {
        return Ok(f());
    }
    WORKSPACE_FULL.store(false, Ordering::Relaxed);
    IN_WORKSPACE.store(true, Ordering::Relaxed);
    let mut f = Some(f);
    let mut answer = None;
    // SAFETY: as the caller promised for `f`.
    let caught = unsafe {
        recovery::catch_panic(&mut || {
            if let Some(f) = f.take() {
                answer = Some(f());
            }
        })
    };
    IN_WORKSPACE.store(false, Ordering::Relaxed);
    let ended = caught.is_ok() && answer.is_some();
    // Asked with the heap unlocked: `keep` may free blocks.
    let used = WORKSPACE.lock().used();
    if !ended || !keep(used) {
        empty_workspace();
    }
    match (caught, answer) {
        (Ok(()), Some(answer)) => Ok(answer),
        _ if ran_out() => Err(Interrupted::OutOfMemory),
        _ => Err(Interrupted::Panicked),
    }
}

/// Forgets every block in the workspace: it is whole and free again.
fn empty_workspace() {
    let mut heap = WORKSPACE.lock();
    let (bottom, size) = (heap.bottom(), heap.size());
    if size == 0 {
        return;
    }
    // SAFETY: the workspace's pages stay mapped and nothing refers to
    // blocks in them any more (the contract of `in_workspace`).
    *heap = unsafe { Heap::new(bottom, size) };
}
