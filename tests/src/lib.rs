//! Shared helpers for the integration tests: finding test files, reading
//! their `# call:` / `# expect:` lines, asking CPython, running minijit.

pub mod buffers;
pub mod checked;
pub mod cli;
pub mod differential;
pub mod fuzz;
pub mod gen;
pub mod ir_gen;
pub mod rng;
pub mod shrink;
pub mod specialize;

use minijit::interp::Interpreter;
use minijit::ir;
use minijit::CallError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository")
        .to_path_buf()
}

/// The files in `dir` (relative to the repository root) ending in `ext`,
/// sorted by name.
pub fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = repo_root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The benchmark programs: the `.py` files in `bench/` with a `# bench:`
/// line naming their call (`bench/compare.py`, the harness that times them,
/// is not one).
pub fn bench_programs() -> Vec<PathBuf> {
    files_in("bench", "py")
        .into_iter()
        .filter(|p| {
            let source = std::fs::read_to_string(p).expect("a readable bench file");
            source.lines().any(|l| l.starts_with("# bench:"))
        })
        .collect()
}

/// Whether golden files should be rewritten (`BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

/// A call written in a test file: `f(1, -2)`, `g(b'ab', [1, 2] * 3)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The function called.
    pub func: String,
    /// Its arguments as written (an integer, or a buffer in the command
    /// line's syntax).
    pub args: Vec<String>,
}

impl Call {
    /// Parses `name(arg, ...)`: arguments split at the commas outside
    /// brackets and quotes.
    pub fn parse(text: &str) -> Option<Call> {
        let text = text.trim();
        let open = text.find('(')?;
        let inner = text[open + 1..].strip_suffix(')')?;
        let func = text[..open].trim().to_string();
        let mut args = Vec::new();
        let (mut depth, mut quote, mut escaped, mut start) = (0i32, None, false, 0);
        for (i, c) in inner.char_indices() {
            match (quote, c) {
                (Some(_), _) if escaped => escaped = false,
                (Some(_), '\\') => escaped = true,
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') => depth -= 1,
                (None, ',') if depth == 0 => {
                    args.push(inner[start..i].trim().to_string());
                    start = i + 1;
                }
                _ => {}
            }
        }
        let last = inner[start..].trim();
        if !last.is_empty() {
            args.push(last.to_string());
        }
        if depth != 0 || quote.is_some() || args.iter().any(String::is_empty) {
            return None;
        }
        Some(Call { func, args })
    }

    /// The arguments as integers, if they all are.
    pub fn ints(&self) -> Option<Vec<i64>> {
        self.args
            .iter()
            .map(|a| a.replace('_', "").parse().ok())
            .collect()
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.func, self.args.join(", "))
    }
}

/// What a call gave, as the oracle prints it (`tests/programs/README.md`):
/// the result (`42`, `None`) or the exception (its name; `Name: message`
/// for IndexError and a byte's ValueError), then ` | ` and the final value
/// of each `bytearray` and `list[int]` argument, then ` | printed ` and
/// what `print` wrote, if anything.
pub fn answer(
    result: Result<Option<i64>, CallError>,
    call: &Call,
    args: &[host::args::Parsed],
    printed: &str,
) -> String {
    match &result {
        Ok(_) | Err(CallError::Trap(_)) => outcome(result, args, printed),
        Err(other) => panic!("{call}: {other}"),
    }
}

/// [`answer`], where an error other than a trap (a bad argument, malformed
/// IR) reads `error: ...` instead of panicking.
pub fn outcome(
    result: Result<Option<i64>, CallError>,
    args: &[host::args::Parsed],
    printed: &str,
) -> String {
    outcome_with(result, args, printed, Messages::AsOracle)
}

/// Which exceptions an outcome writes with their messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Messages {
    /// Those the oracle writes with theirs (IndexError, a byte's
    /// ValueError), the rest by name.
    AsOracle,
    /// Every one (comparing minijit with itself, where every message
    /// must agree).
    All,
}

/// [`outcome`], with the exceptions' messages as `messages` says.
pub fn outcome_with(
    result: Result<Option<i64>, CallError>,
    args: &[host::args::Parsed],
    printed: &str,
    messages: Messages,
) -> String {
    let mut out = match result {
        Ok(Some(v)) => v.to_string(),
        Ok(None) => "None".to_string(),
        Err(CallError::Trap(e)) => {
            let with_message = messages == Messages::All
                || e.trap == minijit::Trap::IndexError
                || (e.trap == minijit::Trap::ValueError
                    && e.message == minijit::trap::msg::BYTE_RANGE);
            if with_message {
                e.to_string()
            } else {
                e.trap.name().to_string()
            }
        }
        Err(other) => format!("error: {other}"),
    };
    for arg in args {
        if let Some(repr) = arg.repr_if_writable() {
            out += " | ";
            out += &repr;
        }
    }
    if !printed.is_empty() {
        out += " | printed ";
        out += &python_str_repr(printed);
    }
    out
}

/// Python's `repr` of text made of printable ASCII and newlines (what
/// `print` of integers writes).
fn python_str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in text.chars() {
        match c {
            '\n' => out += "\\n",
            '\\' => out += "\\\\",
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The options test programs compile with: `print` declared, as on the
/// command line, and the optimized IR kept for the interpreter.
pub fn options() -> minijit::Options {
    minijit::Options {
        hosts: vec![minijit::HostDecl::print()],
        keep_ir: true,
        ..minijit::Options::default()
    }
}

/// The arguments of `call` parsed for the parameters of `signature` (the
/// command line's syntax; panics, naming the call, on a bad one).
pub fn parse_args(signature: &minijit::Signature, call: &Call) -> Vec<host::args::Parsed> {
    assert_eq!(
        signature.params.len(),
        call.args.len(),
        "{call}: argument count"
    );
    call.args
        .iter()
        .zip(&signature.params)
        .map(|(text, &kind)| {
            host::args::parse(text, host::args::Kind::of(kind))
                .unwrap_or_else(|e| panic!("{call}: {e}"))
        })
        .collect()
}

/// A host with `print`, which writes into `printed`.
pub fn print_into(
    printed: &mut String,
) -> impl FnMut(minijit::HostId, &[i64]) -> Result<i64, minijit::Exception> + Send + '_ {
    move |_, values| {
        let line: Vec<String> = values.iter().map(i64::to_string).collect();
        printed.push_str(&line.join(" "));
        printed.push('\n');
        Ok(0)
    }
}

/// The `# call:` lines of a test program, in order.
pub fn calls(source: &str) -> Vec<Call> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("# call:"))
        .map(|c| Call::parse(c).unwrap_or_else(|| panic!("malformed `# call:{c}`")))
        .collect()
}

/// The `# expect: f(1) -> 42` lines of a test program.
pub fn expectations(source: &str) -> Vec<(Call, String)> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("# expect:"))
        .map(|e| {
            let (call, want) = e
                .split_once("->")
                .unwrap_or_else(|| panic!("malformed `# expect:{e}`"));
            let call = Call::parse(call).unwrap_or_else(|| panic!("malformed call in `{e}`"));
            (call, want.trim().to_string())
        })
        .collect()
}

/// Runs every `# call:` of `file` in CPython; one outcome per call, in
/// order. Results outside the 64-bit range read as OverflowError and float
/// results (negative exponents) as ValueError, as the language specifies.
pub fn cpython(file: &Path) -> Vec<String> {
    let oracle = repo_root().join("tests/cpython_oracle.py");
    let out = Command::new("python3")
        .arg(&oracle)
        .arg(file)
        .output()
        .expect("python3 runs (CI installs it)");
    assert!(
        out.status.success(),
        "CPython oracle failed on {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("oracle output is UTF-8")
        .lines()
        .map(|l| {
            l.rsplit_once(" -> ")
                .map(|(_, r)| r.trim().to_string())
                .unwrap_or_else(|| panic!("bad oracle line {l:?}"))
        })
        .collect()
}

/// Compiles a source file to IR, panicking with the rendered diagnostic.
pub fn compile_file(file: &Path) -> ir::Module {
    let source = std::fs::read_to_string(file).expect("test file is readable");
    minijit::compile_to_ir(&source, &options())
        .unwrap_or_else(|e| panic!("{}", e.render(&file.display().to_string(), &source)))
}

/// Compiles a source file to machine code, panicking with the diagnostic.
pub fn compile_program(file: &Path) -> minijit::Program {
    let source = std::fs::read_to_string(file).expect("test file is readable");
    minijit::compile(&source, &options())
        .unwrap_or_else(|e| panic!("{}", e.render(&file.display().to_string(), &source)))
}

/// Runs `call` as machine code (default limits); the [`answer`].
pub fn run_jit(program: &minijit::Program, loaded: &host::jit::Loaded<'_>, call: &Call) -> String {
    let func = program
        .function(&call.func)
        .unwrap_or_else(|| panic!("no function {}", call.func));
    let signature = program.signature(func).expect("the program's own function");
    let mut parsed = parse_args(&signature, call);
    let limits = host::jit::with_full_stack(program, &minijit::Limits::default());
    let mut printed = String::new();
    let result = {
        let mut args: Vec<minijit::Arg<'_>> = parsed.iter_mut().map(|p| p.as_arg()).collect();
        loaded.call(func, &mut args, &limits, &mut print_into(&mut printed))
    };
    answer(result, call, &parsed, &printed)
}

/// Runs `call` in the reference interpreter; the [`answer`].
pub fn interpret(module: &ir::Module, call: &Call) -> String {
    let func = module
        .function_id(&call.func)
        .unwrap_or_else(|| panic!("no function {}", call.func));
    let mut parsed = parse_args(&module.function(func).signature, call);
    let mut printed = String::new();
    let result = {
        let mut args: Vec<minijit::Arg<'_>> = parsed.iter_mut().map(|p| p.as_arg()).collect();
        Interpreter::new(module).call(func, &mut args, &mut print_into(&mut printed))
    };
    answer(result, call, &parsed, &printed)
}
