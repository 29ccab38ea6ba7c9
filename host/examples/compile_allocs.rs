//! Where a compile allocates: heap allocations (and reallocations) and the
//! bytes they ask for, stage by stage (front end, every optimizer pass,
//! backend), for a compile of each file afresh and for a second compile
//! of it through the same compile context (a `minijit::Compiler`, which
//! keeps each stage's buffers; the IR and the code it returns are
//! allocated again):
//! `cargo run --release -p host --example compile_allocs FILE...`.
//!
//! Counts, unlike times, do not move with the machine's load, so a change
//! that saves allocations shows here exactly. This example counts through
//! the system allocator, not the host's (it does not link the host
//! library): the counts are the compiler's own either way.
use minijit::{Compiler, Observer, Stage};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting what is asked of it.
struct Counting;

static CALLS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

fn count(bytes: usize) {
    CALLS.fetch_add(1, Relaxed);
    BYTES.fetch_add(bytes, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Calls and bytes counted so far.
fn counted() -> (usize, usize) {
    (CALLS.load(Relaxed), BYTES.load(Relaxed))
}

/// Allocations and bytes per stage (each pass summed over functions, as
/// the optimizer runs them function by function), indexed by
/// [`Stage::index`], and the counts when the stage at hand started.
struct Counts {
    at_start: (usize, usize),
    per_stage: Vec<(usize, usize)>,
}

impl Observer for Counts {
    fn starts(&mut self, _: Stage) {
        self.at_start = counted();
    }

    fn ends(&mut self, stage: Stage) {
        let (calls, bytes) = counted();
        let row = &mut self.per_stage[stage.index()];
        row.0 += calls - self.at_start.0;
        row.1 += bytes - self.at_start.1;
    }
}

/// Compiles `source` with `compiler`, counting each stage's allocations.
fn compile(
    compiler: &mut Compiler,
    source: &str,
    options: &minijit::Options,
) -> Result<Vec<(usize, usize)>, minijit::CompileError> {
    let mut counts = Counts {
        at_start: (0, 0),
        per_stage: vec![(0, 0); Stage::COUNT],
    };
    compiler.compile_observed(source, options, &mut counts)?;
    Ok(counts.per_stage)
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: compile_allocs FILE...");
        std::process::exit(2);
    }
    let options = minijit::Options::default();
    for path in paths {
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        let mut compiler = Compiler::new();
        let rows = compile(&mut compiler, &source, &options)
            .and_then(|fresh| Ok((fresh, compile(&mut compiler, &source, &options)?)));
        let (fresh, reused) = match rows {
            Ok(rows) => rows,
            Err(e) => {
                eprintln!("{path}: {}", e.message);
                std::process::exit(2);
            }
        };
        let total =
            |row: &[(usize, usize)]| row.iter().fold((0, 0), |(c, b), (c2, b2)| (c + c2, b + b2));
        let (fresh_total, reused_total) = (total(&fresh), total(&reused));
        println!(
            "{path}: {} allocations, {} bytes; again in the same buffers: {} allocations, {} bytes",
            fresh_total.0, fresh_total.1, reused_total.0, reused_total.1
        );
        println!(
            "{:>14} {:>6} {:>9}   {:>6} {:>9}",
            "", "afresh", "bytes", "again", "bytes"
        );
        for stage in Stage::all() {
            let ((calls, bytes), (again, again_bytes)) =
                (fresh[stage.index()], reused[stage.index()]);
            let name = stage.name();
            println!("{name:>14} {calls:6} {bytes:9}   {again:6} {again_bytes:9}");
        }
    }
}
