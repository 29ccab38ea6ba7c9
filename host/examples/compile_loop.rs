//! Compiles a file many times (for profiling the compiler), each time
//! afresh (`minijit::compile`) and then through one reused context
//! (`minijit::Compiler`), and reports both:
//! `cargo run --release -p host --example compile_loop FILE [N] [fresh|reused]`
//! (the last argument runs only one of the two, for a profiler).
// Link the host library for its allocator, as the `minijit` binary does.
use host as _;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(20_000, |s| s.parse().expect("N"));
    let only = args.next();
    let source = std::fs::read_to_string(path).unwrap();
    let options = minijit::Options::default();
    let run = |name: &str, compile: &mut dyn FnMut() -> minijit::Program| {
        if only.as_deref().is_some_and(|o| o != name) {
            return;
        }
        let t = Instant::now();
        let mut size = 0;
        for _ in 0..n {
            size += compile().code_size();
        }
        println!(
            "{name:>6}: {:.1} µs per compile ({size} bytes total)",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    };
    run("fresh", &mut || {
        minijit::compile(&source, &options).unwrap()
    });
    let mut compiler = minijit::Compiler::new();
    run("reused", &mut || {
        compiler.compile(&source, &options).unwrap()
    });
}
