//! Compiles a file many times (for profiling the compiler):
//! `cargo run --release -p host --example compile_loop FILE [N]`.
// Link the host library for its allocator, as the `minijit` binary does.
use host as _;
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(20_000, |s| s.parse().expect("N"));
    let source = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    let mut size = 0;
    for _ in 0..n {
        size += minijit::compile(&source, &minijit::Options::default())
            .unwrap()
            .code_size();
    }
    println!(
        "{:.1} µs per compile ({size} bytes total)",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
