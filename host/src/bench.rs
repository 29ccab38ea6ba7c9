//! `minijit bench`: compile time and run time of benchmark programs, beside
//! the reference interpreter and CPython, measured in one run.

use crate::Failure;
use host::jit;
use minijit::interp::Interpreter;
use minijit::{compile, Limits, Options, Program};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One benchmark's figures.
struct Row {
    name: String,
    compile_us: f64,
    jit: Duration,
    interp: Option<Duration>,
    cpython: Option<Duration>,
}

/// Runs the benchmarks in `files`.
pub fn run(
    files: &[PathBuf],
    rounds: usize,
    with_interp: bool,
    with_cpython: bool,
) -> Result<(), Failure> {
    let mut rows = Vec::new();
    for file in files {
        rows.push(bench_one(file, rounds.max(1), with_interp, with_cpython)?);
    }
    outln!("| bench | compile µs | minijit s | interpreter s | CPython s | vs interpreter | vs CPython |");
    outln!("|---|---:|---:|---:|---:|---:|---:|");
    let secs =
        |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{:.4}", d.as_secs_f64()));
    let ratio = |d: Option<Duration>, jit: Duration| {
        d.map_or("-".to_string(), |d| {
            format!("{:.1}x", d.as_secs_f64() / jit.as_secs_f64())
        })
    };
    for r in &rows {
        outln!(
            "| {} | {:.1} | {:.4} | {} | {} | {} | {} |",
            r.name,
            r.compile_us,
            r.jit.as_secs_f64(),
            secs(r.interp),
            secs(r.cpython),
            ratio(r.interp, r.jit),
            ratio(r.cpython, r.jit)
        );
    }
    Ok(())
}

fn bench_one(
    file: &Path,
    rounds: usize,
    with_interp: bool,
    with_cpython: bool,
) -> Result<Row, Failure> {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let source = std::fs::read_to_string(file)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
    let (func, args) = bench_call(&source).ok_or_else(|| {
        Failure::usage(format!(
            "{} has no `# bench: FUNC ARG...` line",
            file.display()
        ))
    })?;
    let program = compile(&source, &Options::default()).map_err(|e| Failure {
        message: e.render(&file.display().to_string(), &source),
        status: 2,
    })?;
    let target = program
        .function(&func)
        .filter(|&f| {
            program
                .signature(f)
                .is_some_and(|s| s.params.len() == args.len())
        })
        .ok_or_else(|| {
            Failure::usage(format!(
                "{}: cannot call {func} with {} arguments",
                name,
                args.len()
            ))
        })?;

    // Compile time in steady state: the first compiles of a process also
    // pay for page faults and cold caches, so they are run and dropped.
    for _ in 0..COMPILE_WARMUP {
        drop(compile(&source, &Options::default()));
    }
    let compile_us = median(
        (0..COMPILE_SAMPLES)
            .map(|_| {
                let t = Instant::now();
                let p = compile(&source, &Options::default());
                let d = t.elapsed();
                drop(p);
                d
            })
            .collect(),
    )
    .as_secs_f64()
        * 1e6;

    let loaded = jit::load(&program).map_err(|e| Failure::usage(e.to_string()))?;
    let limits = jit::with_full_stack(&program, &Limits::default());
    let mut jit_result = None;
    let jit_time = median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                jit_result = Some(loaded.call_ints(target, &args, &limits));
                t.elapsed()
            })
            .collect(),
    );
    let jit_value = match jit_result {
        Some(Ok(v)) => v,
        other => return Err(Failure::usage(format!("{name}: {other:?}"))),
    };
    let interp = with_interp
        .then(|| time_interp(&program, target.index(), &args, jit_value, &name))
        .transpose()?;
    let cpython = with_cpython
        .then(|| time_cpython(file, &func, &args, jit_value, &name))
        .transpose()?;
    Ok(Row {
        name,
        compile_us,
        jit: jit_time,
        interp,
        cpython,
    })
}

fn time_interp(
    program: &Program,
    index: usize,
    args: &[i64],
    want: i64,
    name: &str,
) -> Result<Duration, Failure> {
    let id = minijit::ir::FuncId::new(index);
    let mut interp = Interpreter::new(program.ir());
    let t = Instant::now();
    let got = interp.call_ints(id, args);
    let d = t.elapsed();
    match got {
        Ok(v) if v == want => Ok(d),
        other => Err(Failure::usage(format!(
            "{name}: interpreter gave {other:?}, JIT {want}"
        ))),
    }
}

/// Times the call inside CPython (import excluded) and checks its result.
fn time_cpython(
    file: &Path,
    func: &str,
    args: &[i64],
    want: i64,
    name: &str,
) -> Result<Duration, Failure> {
    let script = "import importlib.util as u, sys, time\n\
        s = u.spec_from_file_location('m', sys.argv[1]); m = u.module_from_spec(s); s.loader.exec_module(m)\n\
        f = getattr(m, sys.argv[2]); a = [int(x) for x in sys.argv[3:]]\n\
        t = time.perf_counter(); r = f(*a); d = time.perf_counter() - t\n\
        print(r, d)\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .arg(func)
        .args(args.iter().map(i64::to_string))
        .output()
        .map_err(|e| Failure::usage(format!("cannot run python3: {e}")))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = text.split_whitespace();
    let result: Option<i64> = words.next().and_then(|w| w.parse().ok());
    let secs: Option<f64> = words.next().and_then(|w| w.parse().ok());
    match (result, secs) {
        (Some(r), Some(s)) if r == want => Ok(Duration::from_secs_f64(s)),
        _ => Err(Failure::usage(format!(
            "{name}: CPython gave {text:?}, minijit {want}"
        ))),
    }
}

/// The `# bench: FUNC ARG...` line.
fn bench_call(source: &str) -> Option<(String, Vec<i64>)> {
    let line = source.lines().find_map(|l| l.strip_prefix("# bench:"))?;
    let mut words = line.split_whitespace();
    let func = words.next()?.to_string();
    let args = words
        .map(|w| w.parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    Some((func, args))
}

/// Compiles run before compile time is measured, and compiles measured (the
/// median is shown).
const COMPILE_WARMUP: usize = 300;
const COMPILE_SAMPLES: usize = 1000;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}
