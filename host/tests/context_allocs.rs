//! A compile context ([`minijit::Compiler`]) allocates little in a second
//! compile beyond what the compile returns: its first compile makes every
//! stage's tables, the next ones fill them again. Counted by an allocator
//! that counts the calls made on the test's own thread.

use minijit::{Compiler, Observer, Options, Stage};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the calls of each thread.
struct Counting;

thread_local! {
    /// Allocations and reallocations, and frees, made on this thread.
    static COUNTS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

fn count(allocs: usize, frees: usize) {
    // `try_with`: a thread being torn down has no counts to keep.
    let _ = COUNTS.try_with(|c| {
        let (a, f) = c.get();
        c.set((a + allocs, f + frees));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(1, 0);
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(0, 1);
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(1, 0);
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The allocations (with reallocations) and the frees `f` makes.
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (a, d) = COUNTS.with(Cell::get);
    let out = f();
    let (a2, d2) = COUNTS.with(Cell::get);
    (out, a2 - a, d2 - d)
}

/// The benchmark programs' sources.
fn benchmarks() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("bench/ is readable")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let source = std::fs::read_to_string(&p).expect("a readable program");
            (p.display().to_string(), source)
        })
        .filter(|(_, source)| source.lines().any(|l| l.starts_with("# bench:")))
        .collect()
}

/// The allocations of each stage of one compile (the passes summed).
#[derive(Debug, Default)]
struct Allocations {
    lex: usize,
    parse: usize,
    check: usize,
    lower: usize,
    optimize: usize,
    backend: usize,
}

/// Counts each stage's allocations into `made`.
#[derive(Default)]
struct Counter {
    made: Allocations,
    /// The count when the stage at hand started.
    at_start: usize,
}

impl Observer for Counter {
    fn starts(&mut self, _: Stage) {
        self.at_start = COUNTS.with(Cell::get).0;
    }

    fn ends(&mut self, stage: Stage) {
        let made = COUNTS.with(Cell::get).0 - self.at_start;
        let a = &mut self.made;
        *match stage {
            Stage::Lex => &mut a.lex,
            Stage::Parse => &mut a.parse,
            Stage::Check => &mut a.check,
            Stage::Lower => &mut a.lower,
            Stage::Pass(_) => &mut a.optimize,
            Stage::Backend => &mut a.backend,
        } += made;
    }
}

/// Compiles `source` with `compiler`, counting each stage's allocations.
fn compile(compiler: &mut Compiler, source: &str, options: &Options) -> Allocations {
    let mut counter = Counter::default();
    let program = compiler.compile_observed(source, options, &mut counter);
    program.expect("a benchmark compiles");
    counter.made
}

/// A second compile of each benchmark in the buffers of the first
/// allocates, in the front end, only the IR it returns (and the text of a
/// string literal), and in the backend only the code and the trap table
/// it returns (and a list for the out-of-line moves of a function's
/// branches), where the first compile made every table; the optimizer
/// allocates less too (its passes' debug checks allocate in both).
#[test]
fn a_second_compile_allocates_little_beyond_what_it_returns() {
    let options = Options::default();
    let benchmarks = benchmarks();
    assert!(benchmarks.len() >= 10);
    for (name, source) in &benchmarks {
        let mut compiler = Compiler::new();
        let first = compile(&mut compiler, source, &options);
        let second = compile(&mut compiler, source, &options);
        let third = compile(&mut compiler, source, &options);
        eprintln!("{name}: {first:?}\n  then {second:?}");
        assert_eq!((second.lex, second.check), (0, 0), "{name}: {second:?}");
        assert!(second.parse <= 1, "{name}: {second:?}");
        assert!(second.backend <= 8, "{name}: {second:?}");
        assert!(second.lower < first.lower, "{name}: {first:?} {second:?}");
        assert!(
            second.optimize < first.optimize,
            "{name}: {first:?} {second:?}"
        );
        let total = |a: &Allocations| a.lex + a.parse + a.check + a.lower + a.optimize + a.backend;
        assert!(
            total(&third) <= total(&second),
            "{name}: {second:?} {third:?}"
        );
    }
}

/// A new context allocates nothing until it compiles, and a compile that
/// fails in the front end allocates no more than its error in a context
/// that compiled before.
#[test]
fn a_context_allocates_little_for_nothing() {
    let ((), allocs, _) = counted(|| drop(Compiler::new()));
    assert_eq!(allocs, 0);
    let mut compiler = Compiler::new();
    let options = Options::default();
    compiler
        .compile("def f(x):\n    return x + 1\n", &options)
        .unwrap();
    let (error, allocs, _) = counted(|| {
        compiler
            .compile("def f(x):\n    return x +\n", &options)
            .err()
            .expect("a syntax error")
    });
    // The message, and the little the lexer's error makes of it.
    assert!(allocs <= 4, "{allocs} allocations for `{}`", error.message);
}
