//! `minijit bench`: compile time and run time of benchmark programs, beside
//! the reference interpreter and CPython, measured in one run.

use crate::Failure;
use host::args::{self, Parsed};
use host::diagnostic;
use host::jit;
use minijit::interp::Interpreter;
use minijit::{
    compile, CallError, CompileError, Compiler, HostDecl, Limits, Options, ParamKind, Program,
};
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One benchmark's figures.
struct Row {
    name: String,
    compile_us: f64,
    /// The compile time through one context kept from compile to compile.
    reused_us: f64,
    jit: Duration,
    interp: Option<Duration>,
    cpython: Option<Duration>,
}

/// Runs the benchmarks in `files`, printing each row as it is measured.
pub fn run(
    files: &[PathBuf],
    rounds: usize,
    with_interp: bool,
    with_cpython: bool,
) -> Result<(), Failure> {
    let files = expand(files)?;
    let secs =
        |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{:.4}", d.as_secs_f64()));
    let ratio = |d: Option<Duration>, jit: Duration| {
        d.map_or("-".to_string(), |d| {
            format!("{:.1}x", d.as_secs_f64() / jit.as_secs_f64())
        })
    };
    let progress = Progress::new();
    for (i, file) in files.iter().enumerate() {
        let r = bench_one(file, rounds, with_interp, with_cpython, &progress);
        progress.clear();
        let r = r?;
        // The header comes with the first row, not before an error.
        if i == 0 {
            outln!("| bench | compile µs | reused µs | minijit s | interpreter s | CPython s | vs interpreter | vs CPython |");
            outln!("|---|---:|---:|---:|---:|---:|---:|---:|");
        }
        outln!(
            "| {} | {:.1} | {:.1} | {:.4} | {} | {} | {} | {} |",
            r.name,
            r.compile_us,
            r.reused_us,
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
    progress: &Progress,
) -> Result<Row, Failure> {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    progress.show(&name, "compiling");
    // Bounded as every command's source is (`bench /dev/zero` read until
    // the memory ran out).
    let cannot =
        |e: &dyn std::fmt::Display| Failure::usage(format!("cannot read {}: {e}", file.display()));
    let bytes =
        host::files::read_capped(file, host::files::MAX_SOURCE_BYTES).map_err(|e| cannot(&e))?;
    let source = String::from_utf8(bytes).map_err(|_| cannot(&"not valid UTF-8"))?;
    let (func, texts) =
        bench_call(&source).map_err(|e| Failure::usage(format!("{} {e}", file.display())))?;
    let options = Options {
        hosts: vec![HostDecl::print()],
        ..Options::default()
    };
    // The program run keeps its IR for the interpreter; the compiles timed
    // below do not.
    let keeping_ir = Options {
        keep_ir: true,
        ..options.clone()
    };
    let program = compile(&source, &keeping_ir).map_err(|e| Failure {
        message: diagnostic::render(&e, &file.display().to_string(), &source),
        status: 2,
    })?;
    let target = program
        .function(&func)
        .ok_or_else(|| Failure::usage(format!("{name}: no function `{func}` is defined")))?;
    let signature = program.signature(target).expect("the program's function");
    if signature.params.len() != texts.len() {
        let wrong = CallError::WrongArgCount {
            expected: signature.params.len(),
            got: texts.len(),
        };
        return Err(Failure::usage(format!("{name}: `{func}` {wrong}")));
    }
    let args = texts
        .iter()
        .zip(&signature.params)
        .map(|(t, &k)| args::parse(t, args::Kind::of(k)))
        .collect::<Result<Vec<Parsed>, String>>()
        .map_err(|e| Failure::usage(format!("{name}: {e}")))?;

    progress.show(
        &name,
        &format!(
            "compile time ({} compiles)",
            2 * (COMPILE_WARMUP + COMPILE_SAMPLES)
        ),
    );
    // Compile time in steady state, afresh and through one context kept
    // from compile to compile (as a program that compiles one program
    // after another would keep it), alternated so that both see the same
    // load: the first compiles of a process also pay for page faults and
    // cold caches, so they are run and dropped.
    let mut compiler = Compiler::new();
    for _ in 0..COMPILE_WARMUP {
        drop(compile(&source, &options));
        drop(compiler.compile(&source, &options));
    }
    let timed = |compile: &mut dyn FnMut() -> Result<Program, CompileError>| {
        let t = Instant::now();
        let p = compile();
        let d = t.elapsed();
        drop(p);
        d
    };
    let (mut fresh, mut reused) = (Vec::new(), Vec::new());
    for _ in 0..COMPILE_SAMPLES {
        fresh.push(timed(&mut || compile(&source, &options)));
        reused.push(timed(&mut || compiler.compile(&source, &options)));
    }
    let micros = |samples| median(samples).as_secs_f64() * 1e6;
    let (compile_us, reused_us) = (micros(fresh), micros(reused));

    let loaded = jit::load(&program).map_err(|e| Failure::usage(e.to_string()))?;
    let limits = jit::with_full_stack(&program, &Limits::default());
    let runs = if rounds == 1 { "run" } else { "runs" };
    progress.show(&name, &format!("machine code ({rounds} {runs})"));
    let mut jit_result = None;
    let jit_time = median(
        (0..rounds)
            .map(|_| {
                // Each round starts from the arguments as written.
                let mut fresh = args.clone();
                let mut call_args: Vec<_> = fresh.iter_mut().map(|p| p.as_arg()).collect();
                let t = Instant::now();
                jit_result =
                    Some(loaded.call(target, &mut call_args, &limits, &mut crate::print_host));
                t.elapsed()
            })
            .collect(),
    );
    let jit_value = match jit_result {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(Failure::usage(format!("{name}: the call failed: {e}"))),
        None => return Err(Failure::usage(format!("{name}: no run was made"))),
    };
    let interp = with_interp
        .then(|| {
            progress.show(&name, "interpreter");
            time_interp(&program, target.index(), &args, jit_value, &name)
        })
        .transpose()?;
    let cpython = with_cpython
        .then(|| {
            progress.show(&name, "CPython");
            time_cpython(file, &func, &texts, &signature.params, jit_value, &name)
        })
        .transpose()?;
    Ok(Row {
        name,
        compile_us,
        reused_us,
        jit: jit_time,
        interp,
        cpython,
    })
}

fn time_interp(
    program: &Program,
    index: usize,
    args: &[Parsed],
    want: Option<i64>,
    name: &str,
) -> Result<Duration, Failure> {
    let id = minijit::ir::FuncId::new(index);
    let module = program
        .ir()
        .ok_or_else(|| Failure::usage(format!("{name}: no IR kept")))?;
    let mut interp = Interpreter::new(module);
    let mut fresh = args.to_vec();
    let mut call_args: Vec<_> = fresh.iter_mut().map(|p| p.as_arg()).collect();
    let t = Instant::now();
    let got = interp.call(id, &mut call_args, &mut crate::print_host);
    let d = t.elapsed();
    match got {
        Ok(v) if v == want => Ok(d),
        Ok(v) => Err(Failure::usage(format!(
            "{name}: the interpreter gave {}, the machine code {}",
            shown(v),
            shown(want)
        ))),
        Err(e) => Err(Failure::usage(format!(
            "{name}: the interpreter failed ({e}), the machine code gave {}",
            shown(want)
        ))),
    }
}

/// A result as Python prints it.
fn shown(v: Option<i64>) -> String {
    v.map_or_else(|| "None".to_string(), |v| v.to_string())
}

/// The line the CPython side writes its result and time on, on stderr:
/// the program's own `print` output goes to stdout and cannot be taken for it.
const CPYTHON_RESULT: &str = "minijit-bench-result";

/// Times the call inside CPython (import excluded; buffer arguments are
/// made before the clock starts) and checks its result.
fn time_cpython(
    file: &Path,
    func: &str,
    args: &[String],
    kinds: &[ParamKind],
    want: Option<i64>,
    name: &str,
) -> Result<Duration, Failure> {
    // A buffer argument is one of the command line's spellings, each a
    // Python expression of bytes, bytearray, lists and integers, or
    // `@FILE`, whose bytes the script reads as the parameter's kind.
    let script = "import importlib.util as u, sys, time\n\
        s = u.spec_from_file_location('m', sys.argv[1]); m = u.module_from_spec(s); s.loader.exec_module(m)\n\
        f = getattr(m, sys.argv[2])\n\
        env = {'__builtins__': {}, 'bytes': bytes, 'bytearray': bytearray}\n\
        def arg(x):\n\
        \x20   kind, _, text = x.partition(':')\n\
        \x20   if text.startswith('@'):\n\
        \x20       data = open(text[1:], 'rb').read()\n\
        \x20       return bytearray(data) if kind == 'bytearray' else data\n\
        \x20   return int(text) if text.lstrip('+-').replace('_', '').isdigit() else eval(text, env)\n\
        a = [arg(x) for x in sys.argv[3:]]\n\
        t = time.perf_counter(); r = f(*a); d = time.perf_counter() - t\n\
        sys.stdout.flush(); print('minijit-bench-result', r, d, file=sys.stderr)\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .arg(func)
        .args(
            args.iter()
                .zip(kinds)
                .map(|(text, kind)| format!("{}:{text}", kind.name())),
        )
        .output()
        .map_err(|e| Failure::usage(format!("cannot run python3: {e}")))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut words = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(CPYTHON_RESULT))
        .unwrap_or_default()
        .split_whitespace();
    let result: Option<Option<i64>> = words.next().and_then(|w| match w {
        "None" => Some(None),
        w => w.parse().ok().map(Some),
    });
    let secs: Option<f64> = words.next().and_then(|w| w.parse().ok());
    match (result, secs) {
        (Some(r), Some(s)) if r == want => Ok(Duration::from_secs_f64(s)),
        (Some(r), Some(_)) => Err(Failure::usage(format!(
            "{name}: CPython gave {}, minijit {}",
            shown(r),
            shown(want)
        ))),
        _ => {
            // CPython raised, or could not run the program: its last words.
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            Err(Failure::usage(format!(
                "{name}: CPython gave no result ({}), minijit {}",
                last.unwrap_or("no output").trim(),
                shown(want)
            )))
        }
    }
}

/// What is being measured, as one line on stderr that the next overwrites,
/// for a terminal only: piped or redirected, stderr stays as clean as the
/// table on stdout.
struct Progress {
    on_terminal: bool,
    /// Characters of the line shown now (to blank it out).
    shown: Cell<usize>,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            on_terminal: std::io::stderr().is_terminal(),
            shown: Cell::new(0),
        }
    }

    /// Shows `bench: NAME: STAGE...` in place of the line before.
    fn show(&self, name: &str, stage: &str) {
        if self.on_terminal {
            let line = format!("bench: {name}: {stage}...");
            self.clear();
            let mut stderr = std::io::stderr();
            let _ = write!(stderr, "{line}");
            let _ = stderr.flush();
            self.shown.set(line.chars().count());
        }
    }

    /// Blanks the line out, before a row or an error is printed.
    fn clear(&self) {
        if self.on_terminal && self.shown.get() > 0 {
            let mut stderr = std::io::stderr();
            let _ = write!(stderr, "\r{}\r", " ".repeat(self.shown.get()));
            let _ = stderr.flush();
            self.shown.set(0);
        }
    }
}

/// `paths`, each directory replaced by its `.py` files that have a
/// `# bench:` line, in name order (other files there, such as scripts,
/// are not benchmarks).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let cannot =
            |e: std::io::Error| Failure::usage(format!("cannot read {}: {e}", path.display()));
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(cannot)? {
            let file = entry.map_err(cannot)?.path();
            let is_bench = file.extension().is_some_and(|e| e == "py")
                && std::fs::read_to_string(&file)
                    .is_ok_and(|s| s.lines().any(|l| l.starts_with("# bench:")));
            if is_bench {
                found.push(file);
            }
        }
        if found.is_empty() {
            return Err(Failure::usage(format!(
                "{} holds no .py file with a `# bench:` line",
                path.display()
            )));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// The `# bench: FUNC ARG...` line, split as a POSIX shell splits it:
/// the function and the arguments, or what is wrong with the line.
fn bench_call(source: &str) -> Result<(String, Vec<String>), &'static str> {
    let line = source
        .lines()
        .find_map(|l| l.strip_prefix("# bench:"))
        .ok_or("has no `# bench: FUNC ARG...` line")?;
    let mut words = shell_words(line)
        .ok_or("has a `# bench:` line with a quote that is never closed")?
        .into_iter();
    let func = words
        .next()
        .ok_or("has a `# bench:` line that names no function")?;
    if func.contains(['(', ')', ',']) {
        return Err("has a `# bench:` line written as a call: write `# bench: FUNC ARG...`, the arguments apart");
    }
    Ok((func, words.collect()))
}

/// `line` split into words as a POSIX shell splits it: blanks separate
/// words, `'...'` keeps everything, `"..."` keeps everything but `\"`,
/// `\\`, and a backslash outside quotes keeps the next character. `None`
/// for an unterminated quote.
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

/// Compiles run before compile time is measured, and compiles measured (the
/// median is shown).
const COMPILE_WARMUP: usize = 300;
const COMPILE_SAMPLES: usize = 1000;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::shell_words;

    #[test]
    fn bench_lines_split_as_a_shell_splits_them() {
        let split = |s: &str| shell_words(s).map(|w| w.join("|"));
        assert_eq!(
            split(" heapsort '[0] * 500000' 12345").as_deref(),
            Some("heapsort|[0] * 500000|12345")
        );
        assert_eq!(
            split(r#" f "b'a b'" x\ y"#).as_deref(),
            Some("f|b'a b'|x y")
        );
        assert_eq!(split(r#" f "a\"b" ''"#).as_deref(), Some(r#"f|a"b|"#));
        assert_eq!(split(" f 'open"), None);
    }
}
