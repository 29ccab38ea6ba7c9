//! `specialize_differential`: random programs, each call made through the
//! general compiled function and through the function specialized on a
//! random choice of its integer arguments (see
//! `minijit_tests::specialize`).
//!
//! ```text
//! cargo run --release -p minijit-tests --bin specialize_differential -- \
//!     --seed S --count N [--jobs J] [--save DIR]
//! ```
//!
//! Program `i` is `gen::program(S + i)`; its fixed parameters are drawn
//! from the same seed. A failing program is saved to DIR (default
//! `target/specialize-failures`) as a test file whose header lists the
//! disagreeing calls and what was fixed. Ends with `N passed, M failed`
//! and exit status 1 when something failed.

use clap::Parser;
use minijit_tests::cli::RunArgs;
use minijit_tests::gen;
use minijit_tests::specialize::check;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Checks specialized functions against the general ones on random
/// programs.
#[derive(clap::Parser)]
#[command(name = "specialize_differential")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
    calls: u64,
    runaways: u64,
}

fn main() {
    let args = Args::parse();
    let save = args.run.save_dir("target/specialize-failures");
    if let Err(e) = std::fs::create_dir_all(&save) {
        eprintln!(
            "specialize_differential: cannot create {}: {e}",
            save.display()
        );
        std::process::exit(2);
    }
    let start = Instant::now();
    let next = AtomicU64::new(0);
    let totals = Mutex::new(Totals::default());
    std::thread::scope(|scope| {
        for _ in 0..args.run.jobs() {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= args.run.count {
                    return;
                }
                let seed = args.run.seed.wrapping_add(i);
                let g = gen::program(seed);
                let (failures, calls, runaways) = match check(&g, seed) {
                    Ok(c) => (c.failures, c.calls, c.runaways),
                    Err(e) => (vec![e], 0, 0),
                };
                let mut t = totals.lock().unwrap();
                t.calls += calls as u64;
                t.runaways += runaways as u64;
                if failures.is_empty() {
                    t.passed += 1;
                } else {
                    t.failed += 1;
                    let path = save.join(format!("seed-{seed}.py"));
                    let mut text = format!("# specialization differs (seed {seed})\n");
                    for f in &failures {
                        text += &format!("#   {f}\n");
                    }
                    text += &g.test_file();
                    let _ = std::fs::write(&path, text);
                    eprintln!("FAIL seed {seed}: {}: {}", failures[0], path.display());
                }
                let n = t.passed + t.failed;
                if n % 10_000 == 0 {
                    eprintln!(
                        "progress: {n}/{} programs, {} failed, {:.0} programs/s",
                        args.run.count,
                        t.failed,
                        n as f64 / start.elapsed().as_secs_f64()
                    );
                }
            });
        }
    });
    let t = totals.into_inner().unwrap();
    eprintln!(
        "{} calls compared ({} skipped: the general call ran out of fuel) in {:.1} s",
        t.calls,
        t.runaways,
        start.elapsed().as_secs_f64()
    );
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed > 0 {
        std::process::exit(1);
    }
}
