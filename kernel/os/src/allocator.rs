//! The kernel heap: `linked_list_allocator` on pages mapped from boot
//! memory-map frames. minijit needs `alloc` to compile (and the interpreter
//! keeps its frames on the heap).

use crate::paging::{self, MapError, PAGE_SIZE};
use linked_list_allocator::LockedHeap;
use x86_64::structures::paging::PageTableFlags;
use x86_64::VirtAddr;

/// Heap size: compiling the demo programs takes well under a MiB; the rest
/// is room for the interpreter and for larger programs.
pub const HEAP_SIZE: u64 = 8 << 20;

#[global_allocator]
static HEAP: LockedHeap = LockedHeap::empty();

/// Maps [`HEAP_SIZE`] bytes of data pages at `start` and hands them to the
/// allocator.
///
/// # Safety
/// Call once, with `start` page-aligned in a region nothing else maps.
pub unsafe fn init(start: VirtAddr) -> Result<(), MapError> {
    let flags = PageTableFlags::PRESENT | PageTableFlags::WRITABLE | PageTableFlags::NO_EXECUTE;
    paging::map(start, HEAP_SIZE / PAGE_SIZE, flags)?;
    // SAFETY: the pages were just mapped writable, belong to nobody else,
    // and stay mapped for the rest of the run.
    unsafe { HEAP.lock().init(start.as_mut_ptr(), HEAP_SIZE as usize) };
    Ok(())
}

/// The bytes of the heap not in use now (perhaps in pieces).
pub fn free() -> usize {
    HEAP.lock().free()
}
