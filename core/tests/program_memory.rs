//! A compiled program keeps only what calls need: its code, entry points,
//! signatures and trap messages. Measured with a counting allocator: after
//! a compile, the heap holds at most the code size plus 1 KB more than
//! before it for each benchmark program (the IR and the compiler's tables
//! are gone), unless the IR was asked for. A program of many functions or
//! trap messages holds a few bytes more for each: a function's name and
//! entry, a message's text.

mod common;

use common::programs;
use minijit::{HostDecl, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; the counter
// only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), SeqCst);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), SeqCst);
        // SAFETY: `ptr` came from this allocator with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.fetch_sub(layout.size(), SeqCst);
        IN_USE.fetch_add(new_size, SeqCst);
        // SAFETY: `ptr` came from this allocator with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What a program compiled from `source` takes.
struct Held {
    /// Bytes the heap holds for it.
    bytes: usize,
    /// Its code size.
    code: usize,
    /// What its tables need at least: an entry and a name for each
    /// function, and the text of the trap messages.
    table: usize,
}

/// What a program compiled from `source` takes. (One test in this binary,
/// so nothing else allocates meanwhile; the smaller of two compiles, in
/// case something did.)
fn held(source: &str, options: &Options) -> Held {
    let mut least = usize::MAX;
    let (mut code, mut table) = (0, 0);
    for _ in 0..2 {
        let before = IN_USE.load(SeqCst);
        let program = minijit::compile(source, options).unwrap_or_else(|e| panic!("{}", e.message));
        least = least.min(IN_USE.load(SeqCst).saturating_sub(before));
        code = program.code_size();
        table = program
            .functions()
            .map(|(name, _)| 16 + name.len())
            .sum::<usize>()
            + program.traps().text_len();
        drop(program);
    }
    Held {
        bytes: least,
        code,
        table,
    }
}

#[test]
fn a_program_holds_its_code_and_at_most_1_kb_more() {
    let lean = Options {
        hosts: vec![HostDecl::print()],
        ..Options::default()
    };
    let keeping_ir = Options {
        keep_ir: true,
        ..lean.clone()
    };
    let files = programs();
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let Held { bytes, code, table } = held(&source, &lean);
        eprintln!("{}: {bytes} bytes held, {code} of code", file.display());
        let bench = file.parent().is_some_and(|d| d.ends_with("bench"));
        let allowed = if bench {
            code + 1024
        } else {
            code + table + 1024
        };
        assert!(
            bytes <= allowed,
            "{}: a program of {code} bytes of code holds {bytes} bytes",
            file.display()
        );
        // Asked for, the IR stays (and is many times the code).
        let with_ir = held(&source, &keeping_ir).bytes;
        assert!(with_ir > bytes + code, "{}: {with_ir}", file.display());
    }
}
