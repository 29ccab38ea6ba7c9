//! Where compile time goes: times each stage of the pipeline (front end,
//! every optimizer pass, backend) over many compiles of one file, each
//! compile afresh and, alternated with it, again in one set of buffers
//! kept from compile to compile (as a `minijit::Compiler` keeps them):
//! `cargo run --release -p host --example compile_stages FILE [N]`.
// Link the host library for its allocator, as the `minijit` binary does.
use host as _;
use minijit::{backend, frontend, opt};
use std::time::{Duration, Instant};

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

/// Time per stage: the front end's four, every pass (summed over
/// functions as `opt::optimize` runs them), the backend.
struct Times {
    front: [Duration; 4],
    passes: Vec<Duration>,
    backend: Duration,
}

impl Times {
    fn new() -> Times {
        Times {
            front: [Duration::ZERO; 4],
            passes: vec![Duration::ZERO; opt::PASSES.len()],
            backend: Duration::ZERO,
        }
    }

    /// Every stage's name and time, in pipeline order.
    fn rows(&self) -> Vec<(&'static str, Duration)> {
        let mut rows: Vec<(&str, Duration)> = ["lex", "parse", "check", "lower"]
            .into_iter()
            .zip(self.front)
            .collect();
        rows.extend(opt::PASSES.iter().copied().zip(self.passes.iter().copied()));
        rows.push(("backend", self.backend));
        rows
    }
}

/// Compiles `source` in the buffers of `stages`, adding each stage's time
/// to `times`.
fn compile(stages: &mut Stages, source: &str, options: &minijit::Options, times: &mut Times) {
    let lowering = frontend::lower::LowerOptions {
        fuel: options.fuel,
        ..Default::default()
    };
    let t = Instant::now();
    let tokens = stages.lexer.tokenize(source).unwrap();
    times.front[0] += t.elapsed();
    let t = Instant::now();
    let ast = stages.parser.parse(source, tokens).unwrap();
    times.front[1] += t.elapsed();
    let t = Instant::now();
    let checked = stages.checker.check(ast, &options.hosts).unwrap();
    times.front[2] += t.elapsed();
    let t = Instant::now();
    let mut module = stages
        .lowerer
        .lower(ast, checked, &options.hosts, lowering)
        .unwrap();
    times.front[3] += t.elapsed();
    stages.optimizer.optimize_with(&mut module, |k, pass| {
        let t = Instant::now();
        let changed = pass();
        times.passes[k] += t.elapsed();
        changed
    });
    let t = Instant::now();
    let code = stages.backend.compile(&module, false).unwrap();
    times.backend += t.elapsed();
    std::hint::black_box(code);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: u32 = args.next().map_or(10_000, |s| s.parse().expect("N"));
    let source = std::fs::read_to_string(path).unwrap();
    let options = minijit::Options::default();
    let (mut fresh, mut reused) = (Times::new(), Times::new());
    let mut kept = Stages::default();
    for _ in 0..n {
        compile(&mut Stages::default(), &source, &options, &mut fresh);
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
