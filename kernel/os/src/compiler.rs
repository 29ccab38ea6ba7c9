//! The prompt's compile context: every line compiles the whole program
//! typed so far again, through one [`Compiler`] whose buffers live in the
//! compile heap ([`allocator::in_workspace`]) and stay there from line to
//! line, so that a line allocates little beyond what its compile returns
//! (linked_list_allocator walks its list of free blocks for each).
//!
//! The context is kept only while it holds at most [`KEEP_FRACTION`] of
//! the compile heap (the rest is the next compile's room); past that, and
//! after a line that panicked, the heap is emptied and the context
//! forgotten (its blocks went with the heap), and the next line starts a
//! new one.

use crate::allocator;
use minijit::{CompileError, Compiler, HostDecl, Options, Program};
use spin::Mutex;

/// The context, between the lines that use it; out of here while one
/// compiles with it, so that a panic halfway leaves nothing locked.
static CONTEXT: Mutex<Option<Compiler>> = Mutex::new(None);

/// The most of the compile heap the context may keep between lines: one
/// eighth (4 MiB of the default 32; a context holds about four fifths of
/// what its largest compile needed).
const KEEP_FRACTION: usize = 8;

/// Compiles `source` as the prompt does (with fuel, so that every call
/// ends, and the host function `print(e, ...)`, as on the command line),
/// through the context.
///
/// Called only inside [`allocator::in_workspace`] with [`keep`], which
/// keeps the context's blocks there after the line.
pub fn compile(source: &str) -> Result<Program, CompileError> {
    let mut compiler = CONTEXT.lock().take().unwrap_or_default();
    let options = Options {
        fuel: true,
        hosts: alloc::vec![HostDecl::print()],
        ..Options::default()
    };
    let compiled = compiler.compile(source, &options);
    *CONTEXT.lock() = Some(compiler);
    compiled
}

/// Whether the compile heap may keep its blocks after a line that ended
/// normally, `used` bytes of it: all of them are the context's (the line
/// dropped everything else it made). If not, the context is forgotten
/// here, as the heap is then emptied.
pub fn keep(used: usize) -> bool {
    let keep = used <= allocator::workspace_size() / KEEP_FRACTION;
    if !keep {
        // SAFETY: the caller empties the heap the context's blocks are in.
        unsafe { abandon() };
    }
    keep
}

/// Forgets the context without dropping it.
///
/// # Safety
/// The compile heap its blocks are in is (about to be) emptied wholesale:
/// they are never freed one by one.
pub unsafe fn abandon() {
    core::mem::forget(CONTEXT.lock().take());
}
