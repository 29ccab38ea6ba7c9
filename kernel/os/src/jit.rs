//! Running compiled code with page tables the kernel controls. For each
//! module: map fresh frames writable and non-executable, let `core` write
//! the code, remap the pages read-only and executable (flushing each from
//! the TLB), call; on drop, unmap the pages and free their frames. No page
//! is ever writable and executable at once.

use crate::paging::{self, MapError, PAGE_SIZE};
use core::sync::atomic::{AtomicU64, Ordering};
use minijit::{Arg, CallError, Code, FuncRef, Host, Limits, LoadError, Program};
use spin::Mutex;
use x86_64::structures::paging::PageTableFlags;
use x86_64::VirtAddr;

/// Data pages: the code is written through these.
pub const WRITABLE: PageTableFlags = PageTableFlags::PRESENT
    .union(PageTableFlags::WRITABLE)
    .union(PageTableFlags::NO_EXECUTE);
/// Code pages: present, not writable, executable.
pub const EXECUTABLE: PageTableFlags = PageTableFlags::PRESENT;

/// The next free address of the code window (see [`init`]).
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The modules loaded and not dropped yet, as (first page, pages): a
/// panic that ends a line of the prompt skips the drop of its module,
/// and [`unmap_abandoned`] then frees its pages. (A fixed table: no heap,
/// which a panic may have run out.)
static LIVE: Mutex<[Option<(u64, u64)>; 16]> = Mutex::new([None; 16]);

/// Unmaps the modules whose [`Loaded`] was never dropped (a panic ended
/// the code that held it).
///
/// # Safety
/// No `Loaded` may be alive: their pages go.
pub unsafe fn unmap_abandoned() {
    for slot in LIVE.lock().iter_mut() {
        if let Some((base, pages)) = slot.take() {
            // SAFETY: the module's `Loaded` is gone (the caller says so)
            // without having unmapped its pages, which came from `map`.
            unsafe { paging::unmap(VirtAddr::new(base), pages) };
        }
    }
}

/// Sets the virtual window code is mapped in; each module gets fresh
/// addresses there, with an unmapped guard page after it.
pub fn init(window: VirtAddr) {
    NEXT.store(window.as_u64(), Ordering::SeqCst);
}

/// Why a module could not be loaded.
#[derive(Debug)]
pub enum JitError {
    /// Page tables or frames.
    Map(MapError),
    /// minijit refused the memory.
    Load(LoadError),
}

impl core::fmt::Display for JitError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            JitError::Map(e) => write!(f, "mapping code pages: {e}"),
            JitError::Load(e) => write!(f, "writing code: {e}"),
        }
    }
}

/// Reserves `pages` pages of virtual address space, plus a guard page.
pub fn reserve(pages: u64) -> VirtAddr {
    assert!(NEXT.load(Ordering::SeqCst) != 0, "jit::init ran");
    VirtAddr::new(NEXT.fetch_add((pages + 1) * PAGE_SIZE, Ordering::SeqCst))
}

/// A program's code in executable pages of its own.
pub struct Loaded<'p> {
    code: Code<'p>,
    /// The first code page.
    pub base: VirtAddr,
    /// How many pages the code takes.
    pub pages: u64,
}

/// Maps pages for `program`, writes its code, and makes them executable.
pub fn load(program: &Program) -> Result<Loaded<'_>, JitError> {
    let size = program.code_size().max(1) as u64;
    let pages = size.div_ceil(PAGE_SIZE);
    let base = reserve(pages);
    paging::map(base, pages, WRITABLE).map_err(JitError::Map)?;
    let len = (pages * PAGE_SIZE) as usize;
    let written = {
        // SAFETY: the pages were just mapped writable and nothing else
        // refers to them; this slice ends before they are remapped.
        let memory = unsafe { core::slice::from_raw_parts_mut(base.as_mut_ptr::<u8>(), len) };
        program.write_code(memory, base.as_u64() as usize)
    };
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            // SAFETY: nothing refers to the pages any more.
            unsafe { paging::unmap(base, pages) };
            return Err(JitError::Load(e));
        }
    };
    // SAFETY: the slice written through is gone.
    unsafe { paging::protect(base, pages, EXECUTABLE) };
    // SAFETY: the pages hold exactly the bytes written and are now mapped
    // executable until `Loaded` is dropped, which drops `code` with it.
    let code = unsafe { written.executable() };
    if let Some(slot) = LIVE.lock().iter_mut().find(|s| s.is_none()) {
        *slot = Some((base.as_u64(), pages));
    }
    Ok(Loaded { code, base, pages })
}

impl Loaded<'_> {
    /// Calls `func`.
    ///
    /// # Errors
    /// The trap the program raised, or a bad call.
    ///
    /// # Safety
    /// The current stack must have `limits.stack_bytes` to spare.
    pub unsafe fn call(
        &self,
        func: FuncRef,
        args: &mut [Arg<'_>],
        limits: &Limits,
        host: &mut dyn Host,
    ) -> Result<Option<i64>, CallError> {
        // SAFETY: the caller vouches for the stack; the code is mapped.
        unsafe { self.code.call(func, args, limits, host) }
    }

    /// Calls a function of integers that returns one, with no host
    /// functions (a `None` function gives 0).
    ///
    /// # Errors
    /// As [`Loaded::call`].
    ///
    /// # Safety
    /// As [`Loaded::call`].
    pub unsafe fn call_ints(
        &self,
        func: FuncRef,
        args: &[i64],
        limits: &Limits,
    ) -> Result<i64, CallError> {
        let mut args = minijit::ints(args);
        // SAFETY: as the caller promised.
        unsafe { self.call(func, &mut args, limits, &mut minijit::NoHost) }.map(|v| v.unwrap_or(0))
    }
}

impl Drop for Loaded<'_> {
    fn drop(&mut self) {
        let me = Some((self.base.as_u64(), self.pages));
        if let Some(slot) = LIVE.lock().iter_mut().find(|s| **s == me) {
            *slot = None;
        }
        // SAFETY: `code` goes with `self`, so nothing can call into the
        // pages any more; their frames came from `paging::map`.
        unsafe { paging::unmap(self.base, self.pages) };
    }
}
