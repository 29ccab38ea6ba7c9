//! The built-in demo `minijit` runs with no arguments.

use crate::Failure;
use minijit::interp::Interpreter;
use minijit::{compile_to_ir, Options};

const SAMPLE: &str = "\
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def div(a, b):
    return a // b
";

const CALLS: [(&str, &[i64]); 5] = [
    ("fib", &[20]),
    ("gcd", &[1071, 462]),
    ("div", &[-7, 2]),
    ("div", &[1, 0]),
    ("fib", &[25]),
];

/// Shows the sample program, its IR and the results of a few calls.
pub fn run() -> Result<(), Failure> {
    outln!("minijit demo: a sample program, its SSA IR and some calls.");
    outln!("(`minijit --help` shows how to run your own files.)\n");
    outln!("--- source ---\n{SAMPLE}");
    let module = compile_to_ir(SAMPLE, &Options::default()).map_err(|e| Failure {
        message: e.render("<demo>", SAMPLE),
        status: 2,
    })?;
    outln!("--- IR ---\n{module}");
    outln!("--- calls (reference interpreter) ---");
    let mut interp = Interpreter::new(&module);
    for (name, args) in CALLS {
        let id = module
            .function_id(name)
            .ok_or_else(|| Failure::usage(format!("demo function {name} missing")))?;
        let args_text: Vec<String> = args.iter().map(i64::to_string).collect();
        let call = format!("{name}({})", args_text.join(", "));
        match interp.call_ints(id, args) {
            Ok(v) => outln!("{call} = {v}"),
            Err(e) => outln!("{call} -> {e}"),
        }
    }
    Ok(())
}
