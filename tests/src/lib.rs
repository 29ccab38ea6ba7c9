//! Shared helpers for the integration tests: finding test files, reading
//! their `# call:` / `# expect:` lines, asking CPython, running minijit.

pub mod buffers;
pub mod checked;
pub mod differential;
pub mod fuzz;
pub mod gen;
pub mod ir_gen;
pub mod shrink;

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

/// Whether golden files should be rewritten (`BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

/// A call written in a test file: `f(1, -2)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The function called.
    pub func: String,
    /// Its arguments.
    pub args: Vec<i64>,
}

impl Call {
    /// Parses `name(arg, ...)`.
    pub fn parse(text: &str) -> Option<Call> {
        let text = text.trim();
        let open = text.find('(')?;
        let inner = text[open + 1..].strip_suffix(')')?;
        let func = text[..open].trim().to_string();
        let args = inner
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| a.replace('_', "").parse().ok())
            .collect::<Option<Vec<i64>>>()?;
        Some(Call { func, args })
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args: Vec<String> = self.args.iter().map(i64::to_string).collect();
        write!(f, "{}({})", self.func, args.join(", "))
    }
}

/// What a call gave: a value, or the name of the exception it raised.
pub type Outcome = Result<i64, String>;

/// Formats an outcome as the oracle prints it: `42` or `ZeroDivisionError`.
pub fn show(outcome: &Outcome) -> String {
    match outcome {
        Ok(v) => v.to_string(),
        Err(name) => name.clone(),
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
    minijit::compile_to_ir(&source, &minijit::Options::default())
        .unwrap_or_else(|e| panic!("{}", e.render(&file.display().to_string(), &source)))
}

/// Compiles a source file to machine code, panicking with the diagnostic.
pub fn compile_program(file: &Path) -> minijit::Program {
    let source = std::fs::read_to_string(file).expect("test file is readable");
    minijit::compile(&source, &minijit::Options::default())
        .unwrap_or_else(|e| panic!("{}", e.render(&file.display().to_string(), &source)))
}

/// Runs `call` as machine code (default limits).
pub fn run_jit(program: &minijit::Program, loaded: &host::jit::Loaded<'_>, call: &Call) -> Outcome {
    let func = program
        .function(&call.func)
        .unwrap_or_else(|| panic!("no function {}", call.func));
    let limits = host::jit::with_full_stack(program, &minijit::Limits::default());
    match loaded.call_ints(func, &call.args, &limits) {
        Ok(v) => Ok(v),
        Err(CallError::Trap(e)) => Err(e.trap.name().to_string()),
        Err(other) => panic!("{call}: {other}"),
    }
}

/// Runs `call` in the reference interpreter.
pub fn interpret(module: &ir::Module, call: &Call) -> Outcome {
    let func = module
        .function_id(&call.func)
        .unwrap_or_else(|| panic!("no function {}", call.func));
    match Interpreter::new(module).call_ints(func, &call.args) {
        Ok(v) => Ok(v),
        Err(CallError::Trap(e)) => Err(e.trap.name().to_string()),
        Err(other) => panic!("{call}: {other}"),
    }
}
