//! Where a compile allocates: heap allocations (and reallocations) and the
//! bytes they ask for, stage by stage (front end, every optimizer pass,
//! backend), for a compile of each file afresh and for a second compile
//! of it through the same buffers (a `minijit::Compiler` keeps each
//! stage's; the IR and the code it returns are allocated again):
//! `cargo run --release -p host --example compile_allocs FILE...`.
//!
//! Counts, unlike times, do not move with the machine's load, so a change
//! that saves allocations shows here exactly. This example counts through
//! the system allocator, not the host's (it does not link the host
//! library): the counts are the compiler's own either way.
use minijit::{backend, frontend, opt};
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

/// Each stage's name, allocations and bytes, in pipeline order.
type Row = Vec<(&'static str, (usize, usize))>;

/// Runs `f`, adding what it allocated to `row` under `name`.
fn stage<T>(row: &mut Row, name: &'static str, f: impl FnOnce() -> T) -> T {
    let (calls, bytes) = counted();
    let out = f();
    let (c, b) = counted();
    row.push((name, (c - calls, b - bytes)));
    out
}

/// Each stage's buffers, as a `minijit::Compiler` holds them.
#[derive(Default)]
struct Stages {
    lexer: frontend::lexer::Scratch,
    parser: frontend::parser::Scratch,
    checker: frontend::check::Scratch,
    lowerer: frontend::lower::Scratch,
    optimizer: opt::Scratch,
    backend: backend::x86_64::Scratch,
}

/// Compiles `source` in the buffers of `stages`, counting each stage's
/// allocations.
fn compile(
    stages: &mut Stages,
    source: &str,
    options: &minijit::Options,
) -> Result<Row, minijit::CompileError> {
    let lowering = frontend::lower::LowerOptions {
        fuel: options.fuel,
        ..Default::default()
    };
    let mut row = Vec::new();
    let tokens = stage(&mut row, "lex", || stages.lexer.tokenize(source))?;
    let ast = stage(&mut row, "parse", || stages.parser.parse(source, tokens))?;
    let checked = stage(&mut row, "check", || {
        stages.checker.check(ast, &options.hosts)
    })?;
    let mut module = stage(&mut row, "lower", || {
        stages.lowerer.lower(ast, checked, &options.hosts, lowering)
    })?;
    // The passes, summed over functions as `opt::optimize` runs them.
    let mut passes = vec![(0, 0); opt::PASSES.len()];
    stages.optimizer.optimize_with(&mut module, |k, pass| {
        let (calls, bytes) = counted();
        let changed = pass();
        let (c, b) = counted();
        passes[k].0 += c - calls;
        passes[k].1 += b - bytes;
        changed
    });
    row.extend(opt::PASSES.iter().copied().zip(passes));
    stage(&mut row, "backend", || {
        stages.backend.compile(&module, false)
    })?;
    Ok(row)
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
        let mut stages = Stages::default();
        let rows = compile(&mut stages, &source, &options)
            .and_then(|fresh| Ok((fresh, compile(&mut stages, &source, &options)?)));
        let (fresh, reused) = match rows {
            Ok(rows) => rows,
            Err(e) => {
                eprintln!("{path}: {}", e.message);
                std::process::exit(2);
            }
        };
        let total = |row: &[(&str, (usize, usize))]| {
            row.iter()
                .fold((0, 0), |(c, b), (_, (c2, b2))| (c + c2, b + b2))
        };
        let (fresh_total, reused_total) = (total(&fresh), total(&reused));
        println!(
            "{path}: {} allocations, {} bytes; again in the same buffers: {} allocations, {} bytes",
            fresh_total.0, fresh_total.1, reused_total.0, reused_total.1
        );
        println!(
            "{:>14} {:>6} {:>9}   {:>6} {:>9}",
            "", "afresh", "bytes", "again", "bytes"
        );
        for ((name, (calls, bytes)), (_, (again, again_bytes))) in fresh.iter().zip(&reused) {
            println!("{name:>14} {calls:6} {bytes:9}   {again:6} {again_bytes:9}");
        }
    }
}
