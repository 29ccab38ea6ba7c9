//! Where compile time goes: times each stage of the pipeline (front end,
//! every optimizer pass, backend) over many compiles of one file:
//! `cargo run --release -p host --example compile_stages FILE [N]`.
// Link the host library for its allocator, as the `minijit` binary does.
use host as _;
use minijit::{frontend, opt};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: u32 = args.next().map_or(10_000, |s| s.parse().expect("N"));
    let source = std::fs::read_to_string(path).unwrap();
    let mut stages: Vec<(&str, Duration)> = Vec::new();
    let mut add = |i: &mut usize, name: &'static str, t: Instant| {
        if stages.len() <= *i {
            stages.push((name, Duration::ZERO));
        }
        stages[*i].1 += t.elapsed();
        *i += 1;
    };
    // The passes, timed as `opt::optimize` runs them (function by
    // function, with the analyses it keeps), summed per pass.
    let mut passes = vec![Duration::ZERO; opt::PASSES.len()];
    let options = minijit::Options::default();
    let lowering = frontend::lower::LowerOptions {
        fuel: options.fuel,
        ..Default::default()
    };
    for _ in 0..n {
        let mut i = 0;
        let t = Instant::now();
        let tokens = frontend::lexer::tokenize(&source).unwrap();
        add(&mut i, "lex", t);
        let t = Instant::now();
        let ast = frontend::parser::parse(&source, &tokens).unwrap();
        add(&mut i, "parse", t);
        let t = Instant::now();
        let checked = frontend::check::check(&ast, &options.hosts).unwrap();
        add(&mut i, "check", t);
        let t = Instant::now();
        let mut module = frontend::lower::lower(&ast, &checked, &options.hosts, lowering).unwrap();
        add(&mut i, "lower", t);
        opt::optimize_with(&mut module, |k, pass| {
            let t = Instant::now();
            let changed = pass();
            passes[k] += t.elapsed();
            changed
        });
        let t = Instant::now();
        let code = minijit::backend::x86_64::compile(&module).unwrap();
        add(&mut i, "backend", t);
        std::hint::black_box(code);
    }
    let backend = stages.pop().expect("the backend's time");
    stages.extend(opt::PASSES.iter().copied().zip(passes));
    stages.push(backend);
    let total: Duration = stages.iter().map(|s| s.1).sum();
    for (name, d) in &stages {
        println!(
            "{name:>14} {:7.2} µs {:5.1}%",
            d.as_secs_f64() * 1e6 / f64::from(n),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "{:>14} {:7.2} µs",
        "total",
        total.as_secs_f64() * 1e6 / f64::from(n)
    );
}
