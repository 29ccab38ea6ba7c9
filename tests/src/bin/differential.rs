//! `differential`: random programs through checked CPython, the reference
//! interpreter (unoptimized IR) and the JIT (optimized code).
//!
//! ```text
//! cargo run --release -p minijit-tests --bin differential -- \
//!     --seed S --count N [--jobs J] [--save DIR] [--no-shrink] [--verify-rewrite] [--fuel-jit] [--integers]
//! cargo run --release -p minijit-tests --bin differential -- --print --seed S
//! ```
//!
//! Program `i` of a run is `gen::program(S + i)`, so `--seed S+i --count 1`
//! runs it alone; `--integers` generates programs of integers only (as
//! before buffers: `gen::integer_program`). Each job has its own CPython process and sends it
//! programs in batches while it runs them in minijit. CPython gets each
//! program in checked form as the generator renders it
//! (`Program::checked_source`); for one program in 50 (all with
//! `--verify-rewrite`) it also checks that its own `ast` rewrite of the
//! plain source gives the same tree. `--fuel-jit` also runs every call in
//! code compiled with fuel instructions (and a large budget). A program fails when
//! minijit refuses it, CPython cannot load it, the interpreter runs out of
//! fuel (the program would not end), or the three answers of a call are not
//! the same; a failing program is shrunk and saved to DIR (default
//! `target/differential-failures`) as a test file whose header gives the three
//! answers. Prints progress and ends with `N passed, M failed`; exit
//! status 1 when something failed, 3 when a batch hangs (its seeds are in
//! DIR/inflight-JOB.txt, and printed).

use clap::Parser;
use minijit_tests::checked::CheckedCpython;
use minijit_tests::cli::RunArgs;
use minijit_tests::differential::{failure_file, run_minijit_with, verdict, Verdict};
use minijit_tests::gen::{self, Generated};
use minijit_tests::shrink::shrink;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Args {
    seed: u64,
    count: u64,
    jobs: usize,
    save: PathBuf,
    shrink: bool,
    print: bool,
    batch: u64,
    verify_all: bool,
    fuel_jit: bool,
    features: gen::Features,
}

/// Runs random programs through checked CPython, the interpreter and the
/// JIT, and demands the same answers.
#[derive(clap::Parser)]
#[command(name = "differential")]
struct Cli {
    #[command(flatten)]
    run: RunArgs,
    /// Programs a job sends CPython at once.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=128))]
    batch: u64,
    /// Save failing programs as they are, without shrinking them.
    #[arg(long)]
    no_shrink: bool,
    /// Check CPython's rewrite of every program, not one in 50.
    #[arg(long)]
    verify_rewrite: bool,
    /// Run every call in code compiled with fuel too.
    #[arg(long)]
    fuel_jit: bool,
    /// Programs of integers only.
    #[arg(long)]
    integers: bool,
    /// Print program SEED as a test file and stop.
    #[arg(long)]
    print: bool,
}

impl Cli {
    fn settings(self) -> Args {
        Args {
            save: self.run.save_dir("target/differential-failures"),
            jobs: self.run.jobs(),
            seed: self.run.seed,
            count: self.run.count,
            shrink: !self.no_shrink,
            print: self.print,
            batch: self.batch,
            verify_all: self.verify_rewrite,
            fuel_jit: self.fuel_jit,
            features: match self.integers {
                true => gen::Features::integers(),
                false => gen::Features::all(),
            },
        }
    }
}

#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
    calls: u64,
    /// Calls by answer: `value`, `None` or the exception (see
    /// [`answer_kind`]).
    answers: BTreeMap<String, u64>,
    failures: Vec<String>,
}

struct Run {
    args: Args,
    next: AtomicU64,
    totals: Mutex<Totals>,
    start: Instant,
    /// When each job's current batch started (ms since `start`, plus one;
    /// 0 between batches): a watchdog ends the run if one hangs.
    batch_started: Vec<AtomicU64>,
}

/// What kind of answer `a` is: `value`, `None` or the exception (with
/// its message for IndexError and the byte ValueError); `+buffers` when
/// the call takes writable buffers, `+printed` when it printed.
fn answer_kind(a: &str) -> String {
    let mut parts = a.split(" | ");
    let first = parts.next().unwrap_or_default();
    let mut kind = if first.parse::<i64>().is_ok() {
        "value".to_string()
    } else {
        first.to_string()
    };
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| !p.starts_with("printed ")) {
        kind += " +buffers";
    }
    if rest.iter().any(|p| p.starts_with("printed ")) {
        kind += " +printed";
    }
    kind
}

/// A batch that runs this long is hung (the JIT looping, say).
const HUNG: Duration = Duration::from_secs(300);

impl Run {
    fn worker(&self, job: usize) -> std::io::Result<()> {
        let mut python = CheckedCpython::start()?;
        loop {
            let first = self.next.fetch_add(self.args.batch, Ordering::SeqCst);
            if first >= self.args.count {
                return Ok(());
            }
            let now = self.start.elapsed().as_millis() as u64 + 1;
            self.batch_started[job].store(now, Ordering::SeqCst);
            let last = (first + self.args.batch).min(self.args.count);
            let batch: Vec<(u64, Generated)> = (first..last)
                .map(|i| {
                    let seed = self.args.seed.wrapping_add(i);
                    (seed, gen::program_with(seed, self.args.features))
                })
                .collect();
            for (seed, g) in &batch {
                let verify = self.args.verify_all || seed % 50 == 0;
                python.send_generated(g, verify)?;
            }
            python.flush()?;
            // If the JIT crashes the process, this says where to look.
            let inflight = self.args.save.join(format!("inflight-{job}.txt"));
            std::fs::write(
                &inflight,
                format!(
                    "seeds {}..{}\n",
                    batch[0].0,
                    batch[0].0 + batch.len() as u64
                ),
            )?;
            let minijit: Vec<_> = batch
                .iter()
                .map(|(_, g)| run_minijit_with(g, self.args.fuel_jit))
                .collect();
            let mut results = Vec::new();
            for ((seed, g), m) in batch.iter().zip(&minijit) {
                let cpython = python.receive()?;
                results.push((*seed, g, verdict(g, &cpython, m)));
            }
            for (seed, g, v) in results {
                self.record(&mut python, seed, g, v)?;
            }
            self.batch_started[job].store(0, Ordering::SeqCst);
        }
    }

    fn record(
        &self,
        python: &mut CheckedCpython,
        seed: u64,
        g: &Generated,
        v: Verdict,
    ) -> std::io::Result<()> {
        let failure = match &v {
            Verdict::Agree(answers) => {
                let mut t = self.totals.lock().unwrap();
                t.passed += 1;
                t.calls += answers.len() as u64;
                for a in answers {
                    *t.answers.entry(answer_kind(a)).or_default() += 1;
                }
                return Ok(());
            }
            Verdict::Runaway => "runaway (the interpreter ran out of fuel)".to_string(),
            Verdict::Fail { signature, .. } => signature.clone(),
        };
        let origin = format!("seed {seed}");
        let original = failure_file(g, &v, &origin);
        std::fs::write(
            self.args.save.join(format!("seed-{seed}-original.py")),
            &original,
        )?;
        let mut path = self.args.save.join(format!("seed-{seed}.py"));
        if let (true, Some(signature)) = (self.args.shrink, v.signature()) {
            let small = shrink(g, 4000, |candidate| {
                let m = run_minijit_with(candidate, self.args.fuel_jit);
                match python.run_generated(candidate, true) {
                    Ok(c) => verdict(candidate, &c, &m).signature() == Some(signature),
                    Err(_) => false,
                }
            });
            let c = python.run_generated(&small, true)?;
            let v = verdict(&small, &c, &run_minijit_with(&small, self.args.fuel_jit));
            std::fs::write(
                &path,
                failure_file(&small, &v, &format!("{origin}, shrunk")),
            )?;
        } else {
            path = self.args.save.join(format!("seed-{seed}-original.py"));
        }
        let line = format!("seed {seed}: {failure}: {}", path.display());
        eprintln!("FAIL {line}");
        let mut t = self.totals.lock().unwrap();
        t.failed += 1;
        t.failures.push(line);
        Ok(())
    }
}

fn main() {
    let args = Cli::parse().settings();
    if args.print {
        print!(
            "{}",
            gen::program_with(args.seed, args.features).test_file()
        );
        return;
    }
    if let Err(e) = std::fs::create_dir_all(&args.save) {
        eprintln!("differential: cannot create {}: {e}", args.save.display());
        std::process::exit(2);
    }
    let start = Instant::now();
    let run = Run {
        next: AtomicU64::new(0),
        totals: Mutex::new(Totals::default()),
        start,
        batch_started: (0..args.jobs).map(|_| AtomicU64::new(0)).collect(),
        args,
    };
    eprintln!(
        "differential: seeds {}..{} ({} programs), {} jobs",
        run.args.seed,
        run.args.seed.wrapping_add(run.args.count),
        run.args.count,
        run.args.jobs
    );
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..run.args.jobs)
            .map(|job| {
                let run = &run;
                scope.spawn(move || run.worker(job))
            })
            .collect();
        scope.spawn(|| {
            let mut last = Instant::now();
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(200));
                let now = start.elapsed().as_millis() as u64 + 1;
                for (job, started) in run.batch_started.iter().enumerate() {
                    let started = started.load(Ordering::SeqCst);
                    if started != 0 && now - started > HUNG.as_millis() as u64 {
                        let inflight = run.args.save.join(format!("inflight-{job}.txt"));
                        let seeds = std::fs::read_to_string(&inflight).unwrap_or_default();
                        eprintln!("differential: job {job} hung on {}", seeds.trim());
                        let t = run.totals.lock().unwrap();
                        println!("{} passed, {} failed", t.passed, t.failed + 1);
                        std::process::exit(3);
                    }
                }
                if last.elapsed() >= Duration::from_secs(10) {
                    last = Instant::now();
                    let t = run.totals.lock().unwrap();
                    let n = t.passed + t.failed;
                    eprintln!(
                        "progress: {n}/{} programs, {} failed, {:.0} programs/s",
                        run.args.count,
                        t.failed,
                        n as f64 / start.elapsed().as_secs_f64()
                    );
                }
            }
        });
        for (job, w) in workers.into_iter().enumerate() {
            if let Err(e) = w.join().expect("worker panicked") {
                eprintln!("differential: job {job}: {e}");
                std::process::exit(2);
            }
        }
        done.store(true, Ordering::SeqCst);
    });
    for job in 0..run.args.jobs {
        let _ = std::fs::remove_file(run.args.save.join(format!("inflight-{job}.txt")));
    }
    let t = run.totals.into_inner().unwrap();
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} calls in {:.1} s ({:.0} programs/s); answers: {:?}",
        t.calls,
        secs,
        (t.passed + t.failed) as f64 / secs,
        t.answers
    );
    for f in &t.failures {
        eprintln!("failed: {f}");
    }
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed > 0 {
        std::process::exit(1);
    }
}
