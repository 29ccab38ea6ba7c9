//! `minijit`: compile and run programs in the Python subset, show their IR.
//!
//! Exit status: 0 on success, 1 when the program stops with a Python
//! exception, 2 for compile errors and bad command-line arguments.

/// `println!` that never panics on stdout: a write that fails is noted
/// ([`note_write`]) and reported once the command is done (`minijit ... |
/// head` must not panic, nor `> /dev/full` succeed silently).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::note_write(writeln!(std::io::stdout(), $($arg)*));
    }};
}

/// `print!` as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::note_write(write!(std::io::stdout(), $($arg)*));
    }};
}

/// `eprintln!` that ignores a closed or broken stderr: a diagnostic that
/// cannot be written must not turn exit 1 or 2 into a panic's 101.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod bench;
mod demo;
mod repl;
mod repl_fix;

use host::{args, diagnostic, disasm, jit, perf_map};

use clap::{Parser, Subcommand};
use minijit::interp::Interpreter;
use minijit::{compile, compile_to_ir, Arg, CallError, HostDecl, Limits, Options, Program};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "minijit",
    version,
    about = "A small JIT compiler for a subset of Python over 64-bit integers",
    long_about = "A small JIT compiler for a subset of Python over 64-bit integers.\n\n\
        With no command, runs a short built-in demo: a sample program compiled, its \
        IR and machine code, and calls through the JIT beside the interpreter.",
    after_help = "Exit status: 0 on success, 1 when the program raises an exception, \
        2 for compile errors and bad arguments."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile FILE and call FUNC with the arguments; print the result.
    ///
    /// An integer parameter takes a decimal integer. A `bytes` or
    /// `bytearray` parameter takes b'...', bytearray(b'...'), bytes(N),
    /// bytearray(N) or @FILE; a `list[int]` parameter takes [a, b, ...] or
    /// [a] * N. `print(...)` in the program writes to stdout.
    ///
    /// With `--fix NAME=VALUE` (once per parameter to fix), FUNC is
    /// specialized: compiled again with those parameters as constants, and
    /// the ARGs are the other parameters, in order. The answer is the one
    /// FUNC gives with all the arguments. Example:
    /// `minijit run --fix m=1000003 powmod.py powmod 3 5`.
    Run {
        /// Run in the reference interpreter.
        #[arg(long)]
        interp: bool,
        /// After the result (or the exception), print the final value of
        /// each bytearray and list[int] argument, one per line, as Python's
        /// repr does.
        #[arg(long)]
        print_args: bool,
        /// Maximum depth of nested calls (the entry call is depth 1). The
        /// call's thread gets stack for that many frames; a limit whose
        /// stack the system will not map is refused, naming the largest
        /// that fits.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        recursion_limit: u32,
        /// Stop with FuelExhausted after N loop iterations and calls.
        #[arg(long, value_name = "N")]
        fuel: Option<u64>,
        /// Write /tmp/perf-PID.map, naming each compiled function's code
        /// for `perf report` (the file stays after the run).
        #[arg(long, conflicts_with = "interp")]
        perf_map: bool,
        /// Fix a parameter of FUNC to an integer (repeatable): FUNC is
        /// compiled again with that value as a constant, and then takes
        /// only the parameters left.
        #[arg(long = "fix", value_name = "NAME=VALUE", allow_hyphen_values = true)]
        fix: Vec<String>,
        /// The source file.
        file: PathBuf,
        /// The function to call.
        func: String,
        /// Arguments, one per parameter.
        #[arg(allow_negative_numbers = true)]
        args: Vec<String>,
    },
    /// Print the IR of FILE.
    Ir {
        /// Show the IR after the optimizer (what the machine code is made from).
        #[arg(long)]
        opt: bool,
        /// Show the IR after every optimizer pass, each under a `; after PASS` line.
        #[arg(long, conflicts_with = "fix")]
        passes: bool,
        /// Fix a parameter of FUNC to an integer (repeatable) and show
        /// FUNC compiled again with that value as a constant, optimized, with what it calls.
        #[arg(long = "fix", value_name = "NAME=VALUE", allow_hyphen_values = true)]
        fix: Vec<String>,
        /// The source file.
        file: PathBuf,
        /// Only this function (required with --fix; not with --passes).
        func: Option<String>,
    },
    /// Time benchmark programs (each names its call in a `# bench:` line):
    /// compile µs (median of 1,000 compiles after 300 unmeasured ones),
    /// afresh and through one reused compile context, run time, and the
    /// same call in the interpreter and CPython, side by side.
    /// Each row is printed when measured; on a terminal, stderr says what
    /// is being measured meanwhile.
    Bench {
        /// Timed runs of the machine code per benchmark (median shown).
        #[arg(long, default_value_t = 5, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        rounds: usize,
        /// Skip the reference interpreter.
        #[arg(long)]
        no_interp: bool,
        /// Skip CPython.
        #[arg(long)]
        no_cpython: bool,
        /// Benchmark files, or directories: the `.py` files in one that have a
        /// `# bench:` line, in name order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// An interactive session, as Python's: type definitions, then
    /// expressions to evaluate through the JIT (`:help` lists the commands).
    Repl,
    /// Print the machine code of FILE (or of one function), disassembled.
    Asm {
        /// Fix a parameter of FUNC to an integer (repeatable) and show
        /// FUNC compiled again with that value as a constant, with what it calls.
        #[arg(long = "fix", value_name = "NAME=VALUE", allow_hyphen_values = true)]
        fix: Vec<String>,
        /// The source file.
        file: PathBuf,
        /// Only this function.
        func: Option<String>,
    },
}

/// A failure that ends the command with a message and an exit status.
struct Failure {
    message: String,
    status: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("minijit: error: {}", message.into()),
            status: 2,
        }
    }
}

/// The first error writing stdout, if any.
static WRITE_ERROR: std::sync::OnceLock<std::io::Error> = std::sync::OnceLock::new();

/// Keeps the first error of a write to stdout, for [`main`] to report.
fn note_write(result: std::io::Result<()>) {
    if let Err(e) = result {
        let _ = WRITE_ERROR.set(e);
    }
}

/// Whether stdout took everything written to it. When a reader went away
/// (a broken pipe: `minijit ... | head`), it wanted no more: that is no
/// failure. Any other error is (a full disk), and is said on stderr.
fn output_written() -> bool {
    use std::io::Write as _;
    note_write(std::io::stdout().flush());
    match WRITE_ERROR.get() {
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            errln!("minijit: error: cannot write the output: {e}");
            false
        }
        _ => true,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => demo::run(),
        Some(Command::Run {
            interp,
            print_args,
            recursion_limit,
            fuel,
            perf_map,
            fix,
            file,
            func,
            args,
        }) => {
            let limits = Limits {
                recursion_limit,
                fuel,
                ..Limits::default()
            };
            let how = How {
                interp,
                print_args,
                perf_map,
                fix,
            };
            run(&file, &func, &args, &limits, &how)
        }
        Some(Command::Ir {
            fix,
            file,
            func: Some(func),
            ..
        }) if !fix.is_empty() => {
            let keeping_ir = Options {
                keep_ir: true,
                ..cli_options()
            };
            load_specialized(&file, &keeping_ir, &func, &fix).map(|p| {
                if let Some(module) = p.ir() {
                    out!("{module}");
                }
            })
        }
        Some(Command::Ir {
            fix, func: None, ..
        }) if !fix.is_empty() => Err(Failure::usage(
            "--fix needs the function to specialize: minijit ir --fix NAME=VALUE FILE FUNC",
        )),
        Some(Command::Ir {
            passes: true,
            func: Some(_),
            ..
        }) => Err(Failure::usage(
            "--passes shows every function after every pass: leave FUNC out",
        )),
        Some(Command::Ir {
            opt,
            file,
            func: Some(func),
            ..
        }) => show_function_ir(&file, &func, opt),
        Some(Command::Ir {
            passes: true, file, ..
        }) => load_ir(&file, &cli_options()).map(|mut module| {
            let mut analyses = minijit::opt::ModuleAnalyses::default();
            for pass in minijit::opt::PASSES {
                minijit::opt::run_pass_with(&mut module, pass, &mut analyses);
                outln!("; after {pass}\n{module}");
            }
        }),
        Some(Command::Ir {
            opt: false, file, ..
        }) => load_ir(&file, &cli_options()).map(|m| out!("{m}")),
        Some(Command::Ir {
            opt: true, file, ..
        }) => {
            let keeping_ir = Options {
                keep_ir: true,
                ..cli_options()
            };
            load(&file, &keeping_ir).map(|p| {
                if let Some(module) = p.ir() {
                    out!("{module}");
                }
            })
        }
        Some(Command::Asm { fix, file, func }) => asm(&file, func.as_deref(), &fix),
        Some(Command::Repl) => repl::run(),
        Some(Command::Bench {
            rounds,
            no_interp,
            no_cpython,
            files,
        }) => bench::run(&files, rounds, !no_interp, !no_cpython),
    };
    let written = output_written();
    match result {
        Ok(()) if written => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(2),
        Err(failure) => {
            if !failure.message.is_empty() {
                errln!("{}", failure.message.trim_end_matches('\n'));
            }
            ExitCode::from(failure.status)
        }
    }
}

/// The switches of `minijit run` that choose how it runs and what it shows.
struct How {
    /// In the reference interpreter rather than as machine code.
    interp: bool,
    /// The final buffers after the result.
    print_args: bool,
    /// Write perf's symbol map of the machine code.
    perf_map: bool,
    /// `--fix NAME=VALUE`: the parameters to specialize the function on.
    fix: Vec<String>,
}

fn run(
    file: &Path,
    func: &str,
    args: &[String],
    limits: &Limits,
    how: &How,
) -> Result<(), Failure> {
    let options = Options {
        fuel: limits.fuel.is_some(),
        // For `gdb --args minijit run ...` (see `register_with_debuggers`);
        // the interpreter's runs are not described to debuggers.
        debug_info: !how.interp,
        ..cli_options()
    };
    let specializing = !how.fix.is_empty();
    let program = if specializing {
        let options = Options {
            keep_ir: how.interp,
            ..options.clone()
        };
        load_specialized(file, &options, func, &how.fix)?
    } else {
        load(file, &options)?
    };
    let target = program
        .function(func)
        .ok_or_else(|| Failure::usage(format!("no function `{func}` in {}", file.display())))?;
    let signature = program
        .signature(target)
        .expect("the function is the program's");
    if signature.params.len() != args.len() {
        let n = signature.params.len();
        return Err(Failure::usage(format!(
            "`{func}` takes {n} argument{}{} but {} {} given",
            if n == 1 { "" } else { "s" },
            if specializing {
                " besides the fixed ones"
            } else {
                ""
            },
            args.len(),
            if args.len() == 1 { "was" } else { "were" }
        )));
    }
    let mut parsed = args
        .iter()
        .zip(&signature.params)
        .enumerate()
        .map(|(i, (text, &kind))| {
            args::parse(text, args::Kind::of(kind))
                .map_err(|e| Failure::usage(format!("argument {} of `{func}`: {e}", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut call_args: Vec<Arg<'_>> = parsed.iter_mut().map(args::Parsed::as_arg).collect();
    let mut host = print_host;
    let result = if how.interp {
        // With --fix, the specialized IR that the program was made from.
        let module = match program.ir() {
            Some(specialized) => specialized.clone(),
            None => load_ir(file, &options)?,
        };
        let id = minijit::ir::FuncId::new(target.index());
        // Frames beyond the memory there is would end the process.
        let memory = available_memory().unwrap_or(usize::MAX);
        Interpreter::new(&module)
            .with_limits(limits.clone())
            .with_frame_memory(memory)
            .call(id, &mut call_args, &mut host)
    } else {
        let mut loaded = jit::load(&program).map_err(|e| Failure::usage(e.to_string()))?;
        if let Err(e) = loaded.register_with_debuggers(&program, &file.to_string_lossy()) {
            errln!("minijit: cannot describe the code to debuggers: {e}");
        }
        if how.perf_map {
            perf_map::write(&program, loaded.address()).map_err(|e| {
                let path = perf_map::path(std::process::id());
                Failure::usage(format!("cannot write {}: {e}", path.display()))
            })?;
        }
        let full = jit::with_full_stack(&program, limits);
        match loaded.call(target, &mut call_args, &full, &mut host) {
            Err(CallError::NotRun(_)) if !jit::can_start_call(full.stack_bytes) => {
                return Err(stack_too_large(&program, limits.recursion_limit, file));
            }
            result => result,
        }
    };
    drop(call_args);
    let outcome = match result {
        Ok(Some(value)) => {
            outln!("{value}");
            Ok(())
        }
        Ok(None) => {
            outln!("None");
            Ok(())
        }
        Err(CallError::Trap(exception)) => {
            // Written here, as it is: an assert's message may end in line
            // breaks, which Python writes before its own (the exit path
            // trims a diagnostic's). With --print-args the exception line
            // comes before the final values.
            errln!("{exception}");
            Err(Failure {
                message: String::new(),
                status: 1,
            })
        }
        Err(other) => return Err(Failure::usage(other.to_string())),
    };
    if how.print_args {
        for arg in &parsed {
            if let Some(repr) = arg.repr_if_writable() {
                outln!("{repr}");
            }
        }
    }
    outcome
}

/// The error for a recursion limit whose stack cannot be had: what it
/// needs, and the largest limit that would run now.
fn stack_too_large(program: &Program, limit: u32, file: &Path) -> Failure {
    let needed = program.stack_needed(limit);
    let base = program.stack_needed(0);
    let per_call = program.stack_needed(1).saturating_sub(base).max(1);
    let largest = jit::largest_call_stack(needed).saturating_sub(base) / per_call;
    Failure::usage(format!(
        "--recursion-limit {limit} is too large for the memory available: calls nested that \
         deep in {} may need {} of stack, and no thread can get so much here; the \
         largest limit accepted now is about {}",
        file.display(),
        size(needed),
        two_digits_down(largest)
    ))
}

/// `bytes` in GiB, or in MiB below 1 GiB (`ulimit -v` can make even that
/// too much).
fn size(bytes: usize) -> String {
    const MIB: f64 = (1u64 << 20) as f64;
    match bytes as f64 / MIB {
        mib if mib < 1024.0 => format!("{mib:.1} MiB"),
        mib => format!("{:.1} GiB", mib / 1024.0),
    }
}

/// The memory the process could get now: what the system has available
/// (`MemAvailable` of `/proc/meminfo`), and no more than its address-space
/// limit leaves (`ulimit -v`, from `/proc/self/limits` and the `VmSize` of
/// `/proc/self/status`); `None` where none of that can be read.
fn available_memory() -> Option<usize> {
    let field = |text: &str, name: &str, at: usize| -> Option<usize> {
        let line = text.lines().find(|l| l.starts_with(name))?;
        line.get(name.len()..)?
            .split_whitespace()
            .nth(at)?
            .parse()
            .ok()
    };
    let system = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| field(&info, "MemAvailable:", 0))
        .and_then(|kib| kib.checked_mul(1024));
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| field(&limits, "Max address space", 0));
    let used = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| field(&status, "VmSize:", 0))
        .and_then(|kib| kib.checked_mul(1024));
    let address_space = limit
        .zip(used)
        .map(|(limit, used)| limit.saturating_sub(used));
    match (system, address_space) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `n` rounded down to two significant digits (a little to spare).
fn two_digits_down(n: usize) -> usize {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    n / unit * unit
}

/// What every command compiles with: the command line's one host
/// function, `print` ([`print_host`]), declared, so that `ir` and `asm`
/// take what `run` takes.
fn cli_options() -> Options {
    Options {
        hosts: vec![HostDecl::print()],
        ..Options::default()
    }
}

/// The command line's one host function, `print(e, ...)`: the integers
/// separated by one space, then a newline, on stdout. Never inlined, so
/// that `break minijit::print_host` stops in every build (the gdb test
/// does).
#[inline(never)]
fn print_host(_: minijit::HostId, values: &[i64]) -> Result<i64, minijit::Exception> {
    let line: Vec<String> = values.iter().map(i64::to_string).collect();
    outln!("{}", line.join(" "));
    Ok(0)
}

fn asm(file: &Path, func: Option<&str>, fix: &[String]) -> Result<(), Failure> {
    let program =
        match (func, fix.is_empty()) {
            (_, true) => load(file, &cli_options())?,
            (Some(name), false) => load_specialized(file, &cli_options(), name, fix)?,
            (None, false) => return Err(Failure::usage(
                "--fix needs the function to specialize: minijit asm --fix NAME=VALUE FILE FUNC",
            )),
        };
    if let Some(name) = func {
        if program.function(name).is_none() {
            return Err(Failure::usage(format!(
                "no function `{name}` in {}",
                file.display()
            )));
        }
    }
    out!("{}", disasm::disassemble(&program, func));
    Ok(())
}

/// Reads and compiles a source file; errors are rendered as diagnostics.
fn load(file: &Path, options: &Options) -> Result<Program, Failure> {
    with_source(file, |name, source| {
        compile(source, options).map_err(|e| compile_failure(&e, name, source))
    })
}

/// Reads a source file and compiles `func` specialized on the `--fix`
/// arguments `fixes` (see [`host::fix`]); the program holds `func`, taking
/// the parameters not fixed, and what it calls.
fn load_specialized(
    file: &Path,
    options: &Options,
    func: &str,
    fixes: &[String],
) -> Result<Program, Failure> {
    let fixes = fixes
        .iter()
        .map(|f| host::fix::parse(f))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::usage)?;
    with_source(file, |name, source| {
        let failure = |e: minijit::CompileError| compile_failure(&e, name, source);
        let module = compile_to_ir(source, options).map_err(failure)?;
        let fixed = host::fix::fixed_for(source, &module, func, &fixes)
            .map_err(Failure::usage)?
            .ok_or_else(|| Failure::usage(format!("no function `{func}` in {name}")))?;
        // SAFETY: the front end made `module` above.
        unsafe { minijit::compile_specialized_ir(&module, options, func, &fixed) }
            .map_err(|e| Failure::usage(e.message.clone()))
    })
}

/// `minijit ir FILE FUNC` without `--fix`: one function's IR, unoptimized
/// or (`optimized`) as the optimizer leaves it.
fn show_function_ir(file: &Path, func: &str, optimized: bool) -> Result<(), Failure> {
    let options = Options {
        keep_ir: true,
        ..cli_options()
    };
    let program;
    let unoptimized;
    let module = if optimized {
        program = load(file, &options)?;
        program.ir().expect("compiled with keep_ir")
    } else {
        unoptimized = load_ir(file, &options)?;
        &unoptimized
    };
    match module.function_id(func) {
        Some(id) => {
            outln!("{}", module.function(id));
            Ok(())
        }
        None => Err(Failure::usage(format!(
            "no function `{func}` in {}",
            file.display()
        ))),
    }
}

/// The unoptimized IR of a file: what the reference interpreter runs.
fn load_ir(file: &Path, options: &Options) -> Result<minijit::ir::Module, Failure> {
    with_source(file, |name, source| {
        compile_to_ir(source, options).map_err(|e| compile_failure(&e, name, source))
    })
}

fn compile_failure(e: &minijit::CompileError, name: &str, source: &str) -> Failure {
    Failure {
        message: diagnostic::render(e, name, source),
        status: 2,
    }
}

/// Reads a source file and hands its name and text to `f`; unreadable or
/// non-UTF-8 files are located errors.
fn with_source<T>(
    file: &Path,
    f: impl FnOnce(&str, &str) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let name = file.display().to_string();
    let bytes = host::files::read_capped(file, host::files::MAX_SOURCE_BYTES)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    match std::str::from_utf8(&bytes) {
        Ok(source) => f(&name, source),
        Err(e) => {
            // Shown as the other errors are, with the line and a caret: the
            // text up to the first bad byte is as it was, and the bad bytes
            // show as U+FFFD.
            let at = e.valid_up_to();
            let shown = String::from_utf8_lossy(&bytes);
            let span = minijit::error::Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8());
            let error = minijit::CompileError::new(span, "source is not valid UTF-8");
            Err(compile_failure(&error, &name, &shown))
        }
    }
}
