//! How compile time and memory grow with the size of a program.
//!
//! Generates programs of growing size in several shapes (one long function
//! of ifs and loops, a long `if`/`elif` dispatch, call chains and cycles,
//! long `and` chains and sums, many locals, many locals assigned again in
//! `if`s or live across many `if`s or loops, many divisions, many small
//! functions, straight-line code, buffer accesses), compiles each (source
//! to machine code, the whole pipeline) and prints the median compile time
//! (after half a second of unmeasured compiles of the same program) and the
//! peak heap in use during the compile, with the growth exponent between
//! sizes: 1.0 is linear, 2.0 quadratic.
//!
//! `cargo run --release -p host --example scale [-- OPTIONS]`
//!
//! - `--sizes 1000,10000,100000`: sizes in lines (terms for the one-line shapes)
//! - `--only SHAPE,...`: some shapes only
//! - `--stages SHAPE SIZE`: where one compile's time goes, stage by stage
//! - `--source SHAPE SIZE`: print the program of that shape and size (to
//!   time or profile it elsewhere: `compile_stages`, `compile_loop`)
//! - `--budget SECS`: skip larger sizes of a shape once one compile took longer (default 5)
//! - `--list`: the shapes' names, one per line
use minijit::{Compiler, Observer, Options, Stage};
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

// The host's allocator (the `minijit` binary's), wrapped below.
#[path = "../src/allocator.rs"]
mod allocator;

/// The host's allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the host's allocator unchanged; the counters only
// observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { allocator::Allocator.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { allocator::Allocator.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from this allocator with this layout.
        unsafe { allocator::Allocator.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        note_alloc(new_size);
        // SAFETY: `ptr` came from this allocator with this layout.
        unsafe { allocator::Allocator.realloc(ptr, layout, new_size) }
    }
}

fn note_alloc(size: usize) {
    let now = IN_USE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(now, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A program shape: its name, what it stresses, and a generator of about
/// `n` lines (or terms).
struct Shape {
    name: &'static str,
    what: &'static str,
    make: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "ifs_loops",
        what: "one function: sequential ifs and small loops",
        make: ifs_loops,
    },
    Shape {
        name: "straight",
        what: "one function: straight-line arithmetic over a few locals",
        make: straight,
    },
    Shape {
        name: "locals",
        what: "one function: n distinct locals",
        make: locals,
    },
    Shape {
        name: "local_ifs",
        what: "one function: n/3 locals, then an `if` assigning each",
        make: local_ifs,
    },
    Shape {
        name: "live_ifs",
        what: "one function: n/3 locals live across n/3 `if`s, summed at the end",
        make: live_ifs,
    },
    Shape {
        name: "live_loops",
        what: "one function: n/3 locals live across n/3 loops, summed at the end",
        make: live_loops,
    },
    Shape {
        name: "divisions",
        what: "one block: n floor divisions by 7",
        make: divisions,
    },
    Shape {
        name: "buffers",
        what: "one function: n checked item reads and writes",
        make: buffers,
    },
    Shape {
        name: "asserts",
        what: "one function: n asserts with distinct messages",
        make: asserts,
    },
    Shape {
        name: "elif_chain",
        what: "one function: an `if`/`elif` dispatch of n/2 arms",
        make: elif_chain,
    },
    Shape {
        name: "and_chain",
        what: "one line: `and`/`or` and comparison chain of n terms",
        make: and_chain,
    },
    Shape {
        name: "flat_sum",
        what: "one line: a sum of n terms",
        make: flat_sum,
    },
    Shape {
        name: "small_fns",
        what: "n/4 independent small functions",
        make: small_fns,
    },
    Shape {
        name: "call_chain",
        what: "n/3 functions, each calling the next",
        make: call_chain,
    },
    Shape {
        name: "call_cycle",
        what: "n/4 functions calling each other in a cycle",
        make: call_cycle,
    },
];

fn ifs_loops(n: usize) -> String {
    let mut s = String::from("def f(x, y):\n    s = 0\n");
    let mut lines = 2;
    let mut k = 0;
    while lines < n {
        k += 1;
        if k % 2 == 0 {
            s += &format!(
                "    if x > {k}:\n        s = s + x - {k}\n    else:\n        y = y + 1\n"
            );
            lines += 4;
        } else {
            s += &format!(
                "    for i in range({}):\n        s = s + i * y\n        if s > 1000000:\n            s = s - 1000000\n",
                k % 5 + 1
            );
            lines += 4;
        }
    }
    s + "    return s + y\n"
}

fn straight(n: usize) -> String {
    let mut s = String::from("def f(a, b):\n    c = a + b\n");
    for i in 0..n.saturating_sub(3) {
        s += &match i % 4 {
            0 => format!("    a = (b ^ c) & {}\n", 1000 + i),
            1 => format!("    b = a * 3 + c - {i}\n"),
            2 => "    c = (c + a) % 1000003\n".to_string(),
            _ => "    b = b >> 1 | a\n".to_string(),
        };
    }
    s + "    return a + b + c\n"
}

fn locals(n: usize) -> String {
    let mut s = String::from("def f(a):\n    v0 = a\n");
    for i in 1..n.saturating_sub(2) {
        s += &format!("    v{i} = v{} + {}\n", i - 1, i % 7);
    }
    s + &format!("    return v{}\n", n.saturating_sub(3))
}

/// `def f(a):` and `count` locals computed from `a`, `v0` on.
fn with_locals(count: usize) -> String {
    let mut s = String::from("def f(a):\n");
    for i in 0..count {
        s += &format!("    v{i} = a + {}\n", i % 7);
    }
    s
}

/// The return of `a` plus the `count` locals of [`with_locals`].
fn return_sum(count: usize) -> String {
    let sum: Vec<String> = (0..count).map(|i| format!("v{i}")).collect();
    format!("    return a + {}\n", sum.join(" + "))
}

fn local_ifs(n: usize) -> String {
    let count = (n / 3).max(1);
    let mut s = with_locals(count);
    for i in 0..count {
        s += &format!("    if a > {i}:\n        v{i} = v{i} - 1\n");
    }
    s + &format!("    return v0 + v{}\n", count - 1)
}

fn live_ifs(n: usize) -> String {
    let count = (n / 3).max(1);
    let mut s = with_locals(count);
    for i in 0..count {
        s += &format!("    if a > {i}:\n        a = a - 1\n");
    }
    s + &return_sum(count)
}

fn live_loops(n: usize) -> String {
    let count = (n / 3).max(1);
    let mut s = with_locals(count);
    for _ in 0..count {
        s += "    for j in range(a):\n        a = a - j\n";
    }
    s + &return_sum(count)
}

fn divisions(n: usize) -> String {
    let mut s = String::from("def f(a, b):\n");
    for i in 0..n.saturating_sub(2) {
        s += &format!("    a = a // 7 + b + {}\n", i % 100);
    }
    s + "    return a\n"
}

fn buffers(n: usize) -> String {
    let mut s = String::from("def f(data: bytearray, i):\n    s = 0\n");
    for k in 0..n.saturating_sub(3) {
        s += &match k % 3 {
            0 => format!("    s = s + data[{}]\n", k % 64),
            1 => format!("    data[i + {}] = s & 255\n", k % 16),
            _ => format!("    s = s + data[i - {}]\n", k % 16),
        };
    }
    s + "    return s\n"
}

fn asserts(n: usize) -> String {
    let mut s = String::from("def f(a):\n");
    for i in 0..n.saturating_sub(2) {
        s += &format!("    assert a != {i}, \"a is {i}\"\n");
    }
    s + "    return a\n"
}

fn elif_chain(n: usize) -> String {
    let mut s = String::from("def f(op, acc):\n    if op == 0:\n        acc = acc + 1\n");
    for k in 1..n.saturating_sub(4) / 2 {
        s += &format!(
            "    elif op == {k}:\n        acc = acc * {} + {k}\n",
            k % 5 + 2
        );
    }
    s + "    else:\n        acc = -acc\n    return acc\n"
}

fn and_chain(n: usize) -> String {
    let mut s = String::from("def f(a, b):\n    return ");
    for i in 0..n {
        if i > 0 {
            s += if i % 3 == 0 { " or " } else { " and " };
        }
        s += &format!("a < {} < b", i * 2);
    }
    s + "\n"
}

fn flat_sum(n: usize) -> String {
    let mut s = String::from("def f(a, b):\n    return a");
    for i in 1..n {
        s += if i % 2 == 0 { " + a" } else { " - b" };
    }
    s + "\n"
}

fn small_fns(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n / 4 {
        s += &format!(
            "def f{i}(a, b):\n    if a > b:\n        return a - b + {i}\n    return b * {i}\n"
        );
    }
    s
}

fn call_chain(n: usize) -> String {
    let count = (n / 3).max(1);
    let mut s = String::new();
    for i in 0..count - 1 {
        s += &format!(
            "def f{i}(x):\n    y = f{}(x + 1)\n    return y * 2 - x\n",
            i + 1
        );
    }
    s + &format!("def f{}(x):\n    return x\n", count - 1)
}

fn call_cycle(n: usize) -> String {
    let count = (n / 4).max(1);
    let mut s = String::new();
    for i in 0..count {
        s += &format!(
            "def f{i}(x):\n    if x <= 0:\n        return {i}\n    return f{}(x - 1) + 1\n",
            (i + 1) % count
        );
    }
    s
}

/// How long each size is compiled unmeasured before its measured runs. The
/// allocator touches fresh pages for a large program's tables for the first
/// dozens of its compiles before it reuses its own memory, and every first
/// touch of a page is a page fault (about 1.7 µs on the machine of the
/// README's figures): a 10,000-line module took 270 faults a compile over
/// its first 20 compiles, and 2 a compile from the 40th on.
const WARM_UP: Duration = Duration::from_millis(500);

/// One measured compile: its duration and the peak heap above what was in
/// use before it.
fn measure(source: &str) -> Result<(Duration, usize), String> {
    let base = IN_USE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let t = Instant::now();
    let program = minijit::compile(source, &Options::default()).map_err(|e| e.to_string())?;
    let elapsed = t.elapsed();
    let peak = PEAK.load(Relaxed) - base;
    drop(std::hint::black_box(program));
    Ok((elapsed, peak))
}

fn main() {
    let mut sizes = vec![1_000, 10_000, 100_000];
    let mut only: Option<Vec<String>> = None;
    let mut budget = 5.0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&arg));
        match arg.as_str() {
            "--sizes" => {
                sizes = value()
                    .split(',')
                    .map(|s| s.parse().unwrap_or_else(|_| usage("--sizes")))
                    .collect()
            }
            "--only" => only = Some(value().split(',').map(String::from).collect()),
            "--budget" => budget = value().parse().unwrap_or_else(|_| usage("--budget")),
            "--stages" => {
                let name = value();
                let size = value().parse().unwrap_or_else(|_| usage("--stages"));
                return stages(&name, size);
            }
            "--list" => {
                return SHAPES.iter().for_each(|s| println!("{}", s.name));
            }
            "--source" => {
                let name = value();
                let size = value().parse().unwrap_or_else(|_| usage("--source"));
                let shape = SHAPES.iter().find(|s| s.name == name);
                let shape = shape.unwrap_or_else(|| usage("--source"));
                return print!("{}", (shape.make)(size));
            }
            _ => usage(&arg),
        }
    }
    println!("| shape | lines | compile ms | peak MB | µs/line | growth |");
    println!("|---|---:|---:|---:|---:|---:|");
    for shape in SHAPES {
        if only
            .as_ref()
            .is_some_and(|o| !o.iter().any(|n| n == shape.name))
        {
            continue;
        }
        let mut previous: Option<(usize, f64)> = None;
        for &n in &sizes {
            let source = (shape.make)(n);
            let lines = source.lines().count().max(n);
            // Unmeasured compiles first, for WARM_UP at least, so that the
            // median is of compiles into memory the process has used before
            // (see WARM_UP); then small sizes repeat more to steady it.
            let warm = Instant::now();
            while warm.elapsed() < WARM_UP && measure(&source).is_ok() {}
            let runs = (2_000_000 / (n * 20).max(1)).clamp(3, 9);
            let mut times = Vec::new();
            let mut peak = 0;
            for _ in 0..runs {
                match measure(&source) {
                    Ok((t, p)) => {
                        times.push(t);
                        peak = peak.max(p);
                    }
                    Err(e) => {
                        let e: String = e.chars().take(100).collect();
                        println!("| {} | {lines} | error: {e} | | | |", shape.name);
                        break;
                    }
                }
            }
            if times.is_empty() {
                break;
            }
            times.sort();
            let ms = times[times.len() / 2].as_secs_f64() * 1e3;
            let growth = previous.map_or("-".to_string(), |(pn, pms)| {
                format!("{:.2}", (ms / pms).ln() / (lines as f64 / pn as f64).ln())
            });
            println!(
                "| {} | {lines} | {ms:.2} | {:.1} | {:.2} | {growth} |",
                shape.name,
                peak as f64 / 1e6,
                ms * 1e3 / lines as f64
            );
            previous = Some((lines, ms));
            if ms > budget * 1e3 {
                println!(
                    "| {} | (larger sizes skipped: over {budget} s) | | | | |",
                    shape.name
                );
                break;
            }
        }
    }
    println!();
    for shape in SHAPES {
        println!("- {}: {}", shape.name, shape.what);
    }
}

/// Per stage, its time (each pass summed over functions, as the
/// optimizer runs them function by function), the heap in use after its
/// last run and the highest peak of its runs, indexed by [`Stage::index`].
struct StageFigures {
    started: Instant,
    rows: Vec<(Duration, usize, usize)>,
}

impl Observer for StageFigures {
    fn starts(&mut self, _: Stage) {
        PEAK.store(IN_USE.load(Relaxed), Relaxed);
        self.started = Instant::now();
    }

    fn ends(&mut self, stage: Stage) {
        let (time, after, peak) = &mut self.rows[stage.index()];
        *time += self.started.elapsed();
        *after = IN_USE.load(Relaxed);
        *peak = (*peak).max(PEAK.load(Relaxed));
    }
}

/// Where the time of one compile of `name` at `size` goes.
fn stages(name: &str, size: usize) {
    let shape = SHAPES
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| usage(name));
    let source = (shape.make)(size);
    let mut figures = StageFigures {
        started: Instant::now(),
        rows: vec![(Duration::ZERO, 0, 0); Stage::COUNT],
    };
    let program = Compiler::new().compile_observed(&source, &Options::default(), &mut figures);
    drop(std::hint::black_box(program.unwrap()));
    let total: Duration = figures.rows.iter().map(|r| r.0).sum();
    println!(
        "{:>14} {:>9}    {:>6} {:>14} {:>14}",
        "stage", "time", "", "heap after", "heap peak"
    );
    for stage in Stage::all() {
        let (d, after, peak) = figures.rows[stage.index()];
        println!(
            "{:>14} {:9.2} ms {:5.1}% {:11.1} MB {:11.1} MB",
            stage.name(),
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            after as f64 / 1e6,
            peak as f64 / 1e6
        );
    }
    println!("{:>14} {:9.2} ms", "total", total.as_secs_f64() * 1e3);
}

fn usage(arg: &str) -> ! {
    eprintln!(
        "scale: bad argument {arg:?}\nusage: scale [--sizes N,...] [--only SHAPE,...] [--budget SECS] | --stages SHAPE SIZE | --source SHAPE SIZE | --list"
    );
    std::process::exit(2)
}
