//! Physical frames: handed out from the usable regions of the bootloader's
//! memory map, and taken back when the JIT unmaps a module's code.
//!
//! Freed frames form a list threaded through the frames themselves (each
//! holds the address of the next), reached through the bootloader's mapping
//! of all physical memory; so freeing needs no heap, and the heap itself can
//! be built on these frames.

use bootloader_api::info::{MemoryRegion, MemoryRegionKind};
use x86_64::structures::paging::{FrameAllocator, FrameDeallocator, PhysFrame, Size4KiB};
use x86_64::{PhysAddr, VirtAddr};

const FRAME_SIZE: u64 = 4096;

/// Frames of the boot memory map, plus the ones given back.
pub struct Frames {
    regions: &'static [MemoryRegion],
    /// The region [`Frames::next`] is in.
    region: usize,
    /// The lowest never-used frame address in `regions[region]`.
    next: u64,
    /// The most recently freed frame, if any.
    free_list: Option<PhysAddr>,
    physical_memory_offset: VirtAddr,
    /// Frames handed out and not given back.
    pub in_use: usize,
}

impl Frames {
    /// Frames from the usable regions of `regions`.
    ///
    /// # Safety
    /// `regions` must be the boot memory map, whose usable regions are
    /// unused by anything else, and all physical memory must be mapped at
    /// `physical_memory_offset`. Only one `Frames` may exist.
    pub unsafe fn new(
        regions: &'static [MemoryRegion],
        physical_memory_offset: VirtAddr,
    ) -> Frames {
        Frames {
            regions,
            region: 0,
            next: 0,
            free_list: None,
            physical_memory_offset,
            in_use: 0,
        }
    }

    /// Usable memory in the boot memory map, in bytes.
    pub fn usable_bytes(&self) -> u64 {
        self.usable().map(|r| r.end - r.start).sum()
    }

    fn usable(&self) -> impl Iterator<Item = &MemoryRegion> {
        self.regions
            .iter()
            .filter(|r| r.kind == MemoryRegionKind::Usable)
    }

    fn next_fresh(&mut self) -> Option<PhysAddr> {
        while let Some(region) = self.regions.get(self.region) {
            let start = self.next.max(region.start.next_multiple_of(FRAME_SIZE));
            // Frame 0 stays unused so that no frame has the null address.
            let start = start.max(FRAME_SIZE);
            if region.kind == MemoryRegionKind::Usable && start + FRAME_SIZE <= region.end {
                self.next = start + FRAME_SIZE;
                return Some(PhysAddr::new(start));
            }
            self.region += 1;
            self.next = 0;
        }
        None
    }

    fn link(&self, frame: PhysAddr) -> *mut u64 {
        (self.physical_memory_offset + frame.as_u64()).as_mut_ptr()
    }
}

// SAFETY: every frame is handed out once until it is given back: fresh
// frames come from usable regions in increasing order, freed ones from the
// list, which holds each only once (see `deallocate_frame`).
unsafe impl FrameAllocator<Size4KiB> for Frames {
    fn allocate_frame(&mut self) -> Option<PhysFrame> {
        let frame = match self.free_list {
            Some(frame) => {
                // SAFETY: a listed frame is ours and holds the next link.
                let next = unsafe { self.link(frame).read() };
                self.free_list = (next != 0).then(|| PhysAddr::new(next));
                frame
            }
            None => self.next_fresh()?,
        };
        self.in_use += 1;
        Some(PhysFrame::containing_address(frame))
    }
}

impl FrameDeallocator<Size4KiB> for Frames {
    /// # Safety
    /// `frame` must come from this allocator and be mapped nowhere else.
    unsafe fn deallocate_frame(&mut self, frame: PhysFrame) {
        let next = self.free_list.map_or(0, PhysAddr::as_u64);
        // SAFETY: the caller gives the frame back, so this kernel owns it
        // again; it is reachable through the physical-memory mapping.
        unsafe { self.link(frame.start_address()).write(next) };
        self.free_list = Some(frame.start_address());
        self.in_use -= 1;
    }
}
