//! Where a compile allocates: heap allocations (and reallocations) and the
//! bytes they ask for, stage by stage (front end, every optimizer pass,
//! backend), for one compile of each file:
//! `cargo run --release -p host --example compile_allocs FILE...`.
//!
//! Counts, unlike times, do not move with the machine's load, so a change
//! that saves allocations shows here exactly. This example counts through
//! the system allocator, not the host's (it does not link the host
//! library): the counts are the compiler's own either way.
use minijit::{frontend, opt};
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

/// Runs `f`, adding what it allocated to `row` under `name`.
fn stage<T>(
    row: &mut Vec<(&'static str, (usize, usize))>,
    name: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let (calls, bytes) = counted();
    let out = f();
    let (c, b) = counted();
    row.push((name, (c - calls, b - bytes)));
    out
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: compile_allocs FILE...");
        std::process::exit(2);
    }
    let options = minijit::Options::default();
    let lowering = frontend::lower::LowerOptions {
        fuel: options.fuel,
        ..Default::default()
    };
    for path in paths {
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        let mut row = Vec::new();
        let compiled = (|| {
            let tokens = stage(&mut row, "lex", || frontend::lexer::tokenize(&source))?;
            let ast = stage(&mut row, "parse", || {
                frontend::parser::parse(&source, &tokens)
            })?;
            let checked = stage(&mut row, "check", || {
                frontend::check::check(&ast, &options.hosts)
            })?;
            let mut module = stage(&mut row, "lower", || {
                frontend::lower::lower(&ast, &checked, &options.hosts, lowering)
            })?;
            // The passes, summed over functions as `opt::optimize` runs them.
            let mut passes = vec![(0, 0); opt::PASSES.len()];
            opt::optimize_with(&mut module, |k, pass| {
                let (calls, bytes) = counted();
                let changed = pass();
                let (c, b) = counted();
                passes[k].0 += c - calls;
                passes[k].1 += b - bytes;
                changed
            });
            row.extend(opt::PASSES.iter().copied().zip(passes));
            stage(&mut row, "backend", || {
                minijit::backend::x86_64::compile(&module)
            })
        })();
        if let Err(e) = compiled {
            eprintln!("{path}: {}", e.message);
            std::process::exit(2);
        }
        let total = row
            .iter()
            .fold((0, 0), |(c, b), (_, (c2, b2))| (c + c2, b + b2));
        println!("{path}: {} allocations, {} bytes", total.0, total.1);
        for (name, (calls, bytes)) in &row {
            println!("{name:>14} {calls:6} {bytes:9} bytes");
        }
    }
}
