//! Page tables: the kernel maps, remaps and unmaps its own pages through
//! the bootloader's mapping of all physical memory (so `OffsetPageTable`
//! is enough), taking frames from [`crate::memory`].
//!
//! The bootloader has turned on EFER.NXE (so a mapping can forbid
//! execution) and CR0.WP (so read-only mappings bind the kernel too); the
//! JIT's W^X discipline rests on both, and [`init`] checks them.

use crate::memory::Frames;
use spin::Mutex;
use x86_64::registers::control::{Cr0, Cr0Flags, Cr3, Efer, EferFlags};
use x86_64::structures::paging::mapper::MapToError;
use x86_64::structures::paging::{
    FrameAllocator, FrameDeallocator, Mapper, OffsetPageTable, Page, PageTable, PageTableFlags,
    Size4KiB,
};
use x86_64::VirtAddr;

/// Bytes in a page.
pub const PAGE_SIZE: u64 = 4096;

struct Paging {
    table: OffsetPageTable<'static>,
    frames: Frames,
}

static PAGING: Mutex<Option<Paging>> = Mutex::new(None);

/// Why pages could not be mapped.
#[derive(Debug)]
pub enum MapError {
    /// No free physical frame was left.
    OutOfFrames,
    /// A page of the range was already mapped.
    AlreadyMapped,
}

impl core::fmt::Display for MapError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            MapError::OutOfFrames => "out of physical frames",
            MapError::AlreadyMapped => "page already mapped",
        })
    }
}

/// Takes over the active page tables.
///
/// # Safety
/// All physical memory must be mapped at `physical_memory_offset`, and
/// `frames` must hand out only frames that nothing else uses. Call once.
pub unsafe fn init(physical_memory_offset: VirtAddr, frames: Frames) -> Result<(), &'static str> {
    if !Efer::read().contains(EferFlags::NO_EXECUTE_ENABLE) {
        return Err("EFER.NXE is off: pages cannot be made non-executable");
    }
    if !Cr0::read().contains(Cr0Flags::WRITE_PROTECT) {
        return Err("CR0.WP is off: read-only pages would not bind the kernel");
    }
    let (level_4, _) = Cr3::read();
    let table =
        (physical_memory_offset + level_4.start_address().as_u64()).as_mut_ptr::<PageTable>();
    // SAFETY: CR3 names the active level-4 table, which the caller says is
    // reachable at this offset; this is the only reference made to it.
    let table = unsafe { OffsetPageTable::new(&mut *table, physical_memory_offset) };
    *PAGING.lock() = Some(Paging { table, frames });
    Ok(())
}

/// Whether nothing holds the page tables' lock (a panic that interrupted
/// a change of them must not be resumed from: they may be half changed).
pub fn is_free() -> bool {
    !PAGING.is_locked()
}

fn with<R>(f: impl FnOnce(&mut Paging) -> R) -> R {
    f(PAGING.lock().as_mut().expect("paging::init ran"))
}

fn pages(start: VirtAddr, count: u64) -> impl Iterator<Item = Page<Size4KiB>> {
    let first = Page::containing_address(start);
    (0..count).map(move |i| first + i)
}

/// The start of a 512 GiB slice of the lower half that nothing maps (an
/// empty level-4 entry), for the kernel's own mappings.
pub fn unused_region() -> Option<VirtAddr> {
    with(|p| {
        let level_4 = p.table.level_4_table();
        // Entry 0 is skipped: low addresses catch null-pointer bugs.
        (1..256)
            .find(|&i| level_4[i].is_unused())
            .map(|i| VirtAddr::new((i as u64) << 39))
    })
}

/// Maps `count` pages from `start` (page-aligned) to fresh frames: all of
/// them, or (on an error) none.
pub fn map(start: VirtAddr, count: u64, flags: PageTableFlags) -> Result<(), MapError> {
    with(|p| {
        for (done, page) in pages(start, count).enumerate() {
            let mapped = match p.frames.allocate_frame() {
                // SAFETY: the frame is fresh and the page is in a region
                // this kernel owns; the mapping aliases no Rust reference.
                Some(frame) => unsafe { p.table.map_to(page, frame, flags, &mut p.frames) }
                    .map_err(|e| (Some(frame), e)),
                None => Err((None, MapToError::FrameAllocationFailed)),
            };
            let (frame, e) = match mapped {
                Ok(flush) => {
                    flush.flush();
                    continue;
                }
                Err(failed) => failed,
            };
            if let Some(frame) = frame {
                // SAFETY: the frame was never mapped.
                unsafe { p.frames.deallocate_frame(frame) };
            }
            // All or nothing: the pages mapped so far go again.
            for page in pages(start, done as u64) {
                if let Ok((frame, flush)) = p.table.unmap(page) {
                    flush.flush();
                    // SAFETY: mapped just above, and now mapped nowhere.
                    unsafe { p.frames.deallocate_frame(frame) };
                }
            }
            return Err(match e {
                MapToError::FrameAllocationFailed => MapError::OutOfFrames,
                _ => MapError::AlreadyMapped,
            });
        }
        Ok(())
    })
}

/// Changes the flags of `count` mapped pages from `start` and flushes each
/// from the TLB, so the new protection holds from the next access on.
///
/// # Safety
/// No live Rust reference may rely on the old permissions (e.g. a `&mut`
/// into pages made read-only).
pub unsafe fn protect(start: VirtAddr, count: u64, flags: PageTableFlags) {
    with(|p| {
        for page in pages(start, count) {
            // SAFETY: the caller vouches for references into the page.
            let flush = unsafe { p.table.update_flags(page, flags) };
            flush.expect("protect: page is mapped").flush();
        }
    });
}

/// Unmaps `count` pages from `start`, flushes them from the TLB and gives
/// their frames back.
///
/// # Safety
/// Nothing may use the pages any more, and their frames must have come
/// from [`map`].
pub unsafe fn unmap(start: VirtAddr, count: u64) {
    with(|p| {
        for page in pages(start, count) {
            let (frame, flush) = p.table.unmap(page).expect("unmap: page is mapped");
            flush.flush();
            // SAFETY: the frame came from `map` and is now mapped nowhere.
            unsafe { p.frames.deallocate_frame(frame) };
        }
    });
}

/// Frames in use by the kernel's own mappings (heap, code, page tables).
pub fn frames_in_use() -> usize {
    with(|p| p.frames.in_use)
}

/// Usable memory in the boot memory map, in bytes.
pub fn usable_bytes() -> u64 {
    with(|p| p.frames.usable_bytes())
}
