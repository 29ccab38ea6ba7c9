//! Where compile time goes: times each stage of the pipeline (front end,
//! every optimizer pass, backend) over many compiles of one file, each
//! compile afresh and, alternated with it, again in one compile context
//! (a `minijit::Compiler`, which keeps its buffers from compile to compile):
//! `cargo run --release -p host --example compile_stages FILE [N]`.
// Link the host library for its allocator, as the `minijit` binary does.
use host as _;
use minijit::{Compiler, Observer, Stage};
use std::time::{Duration, Instant};

/// Time per stage (each pass summed over functions, as the optimizer runs
/// them function by function), indexed by [`Stage::index`].
struct Times {
    started: Instant,
    spent: Vec<Duration>,
}

impl Times {
    fn new() -> Times {
        Times {
            started: Instant::now(),
            spent: vec![Duration::ZERO; Stage::COUNT],
        }
    }

    /// Every stage's name and time, in pipeline order.
    fn rows(&self) -> Vec<(&'static str, Duration)> {
        Stage::all()
            .map(|s| (s.name(), self.spent[s.index()]))
            .collect()
    }
}

impl Observer for Times {
    fn starts(&mut self, _: Stage) {
        self.started = Instant::now();
    }

    fn ends(&mut self, stage: Stage) {
        self.spent[stage.index()] += self.started.elapsed();
    }
}

/// Compiles `source` with `compiler`, adding each stage's time to `times`.
fn compile(compiler: &mut Compiler, source: &str, options: &minijit::Options, times: &mut Times) {
    let program = compiler.compile_observed(source, options, times);
    std::hint::black_box(program.unwrap());
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: u32 = args.next().map_or(10_000, |s| s.parse().expect("N"));
    let source = std::fs::read_to_string(path).unwrap();
    let options = minijit::Options::default();
    let (mut fresh, mut reused) = (Times::new(), Times::new());
    let mut kept = Compiler::new();
    for _ in 0..n {
        compile(&mut Compiler::new(), &source, &options, &mut fresh);
        compile(&mut kept, &source, &options, &mut reused);
    }
    let (fresh, reused) = (fresh.rows(), reused.rows());
    let total = |rows: &[(&str, Duration)]| rows.iter().map(|r| r.1).sum::<Duration>();
    let (fresh_total, reused_total) = (total(&fresh), total(&reused));
    let us = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(n);
    let share = |d: Duration, of: Duration| 100.0 * d.as_secs_f64() / of.as_secs_f64();
    println!("{:>14} {:>17}   {:>17}", "", "afresh", "in kept buffers");
    for ((name, a), (_, b)) in fresh.iter().zip(&reused) {
        println!(
            "{name:>14} {:7.2} µs {:5.1}%   {:7.2} µs {:5.1}%",
            us(*a),
            share(*a, fresh_total),
            us(*b),
            share(*b, reused_total)
        );
    }
    println!(
        "{:>14} {:7.2} µs {:>6}   {:7.2} µs",
        "total",
        us(fresh_total),
        "",
        us(reused_total)
    );
}
