//! The host's allocator: mimalloc, entered the cheapest way each request
//! allows. Its own file so that the `scale` example, which counts the
//! bytes in use around it, can wrap the same allocator.

use std::alloc::{GlobalAlloc, Layout};

/// mimalloc, entered through its plain functions whenever the alignment
/// asked for is one every block of that size has anyway (the rule of std's
/// system allocator: at most 16 bytes, and at most the size), and through
/// its `_aligned` ones otherwise. `mimalloc::MiMalloc` takes the `_aligned`
/// entries for every request, which first work out the alignment: extra
/// work on each of the compiler's many small tables (1.5-2.5% of the
/// instructions of compiling a benchmark program).
pub struct Allocator;

impl Allocator {
    /// The alignment every block of mimalloc has, up to its size.
    const PLAIN_ALIGN: usize = 16;

    fn plain(layout: Layout) -> bool {
        layout.align() <= Self::PLAIN_ALIGN && layout.align() <= layout.size()
    }
}

// SAFETY: each request goes to mimalloc, through an entry that returns
// blocks aligned as the layout asks (the plain ones when `plain` holds) or
// null; blocks from either entry are freed and resized by the plain ones,
// which take any mimalloc block.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if Self::plain(layout) {
            // SAFETY: a plain allocation of a nonzero size.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: forwarded with the caller's layout.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if Self::plain(layout) {
            // SAFETY: a plain allocation of a nonzero size.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: forwarded with the caller's layout.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from mimalloc (the caller's guarantee).
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align(new_size, layout.align());
        if new.is_ok_and(Self::plain) {
            // SAFETY: `ptr` came from mimalloc; the new size is nonzero.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: forwarded with the caller's arguments.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}
