//! The built-in demo `minijit` runs with no arguments: a sample program
//! compiled to machine code, its IR and its code, then calls through the
//! JIT beside the reference interpreter, and a trap caught.

use crate::Failure;
use host::{diagnostic, disasm, jit};
use minijit::interp::Interpreter;
use minijit::{compile, compile_to_ir, CallError, Limits, Options};
use std::time::{Duration, Instant};

const SAMPLE: &str = "\
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def sum_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

def div(a, b):
    return a // b
";

/// The function whose IR and machine code are shown.
const SHOWN: &str = "sum_squares";

/// Calls that return; both engines must give the same answer.
const CALLS: [(&str, &[i64]); 3] = [
    ("fib", &[27]),
    ("sum_squares", &[3_000_000]),
    ("div", &[-7, 2]),
];

/// Calls that raise, then one more call after them.
const TRAPS: [(&str, &[i64]); 3] = [
    ("div", &[1, 0]),
    ("sum_squares", &[4_000_000]),
    ("fib", &[20]),
];

/// Shows the sample program, its optimized IR and machine code, and calls
/// through both the JIT and the interpreter.
///
/// # Errors
/// A failure (exit 1) if the two disagree: the demo checks itself.
pub fn run() -> Result<(), Failure> {
    outln!(
        "minijit demo: Python compiled to x86-64 machine code, beside the reference interpreter."
    );
    outln!("(`minijit --help` shows how to run your own files.)\n");
    outln!("--- source ---\n{SAMPLE}");
    let internal = |e: minijit::CompileError| Failure {
        message: diagnostic::render(&e, "<demo>", SAMPLE),
        status: 2,
    };
    let keeping_ir = Options {
        keep_ir: true,
        debug_info: true,
        ..Options::default()
    };
    let program = compile(SAMPLE, &keeping_ir).map_err(internal)?;
    let unoptimized = compile_to_ir(SAMPLE, &Options::default()).map_err(internal)?;
    let mut loaded = jit::load(&program).map_err(|e| Failure::usage(e.to_string()))?;
    // Under gdb, the demo's frames have names and lines too.
    if let Err(e) = loaded.register_with_debuggers(&program, "<demo>") {
        errln!("minijit: cannot describe the code to debuggers: {e}");
    }
    outln!(
        "Compiled {} functions to {} bytes of machine code at {:#x}.\n",
        program.functions().count(),
        program.code_size(),
        loaded.address()
    );
    if let Some(f) = program
        .ir()
        .and_then(|m| m.functions.iter().find(|f| f.name == SHOWN))
    {
        outln!("--- optimized IR of {SHOWN} (`minijit ir --opt FILE`) ---\n{f}");
    }
    outln!("--- machine code of {SHOWN} (`minijit asm FILE FUNC`) ---");
    out!("{}", disasm::disassemble(&program, Some(SHOWN)));

    let mut interp = Interpreter::new(&unoptimized);
    let mut call = |name: &str, args: &[i64]| -> Result<Both, Failure> {
        let missing = || Failure::usage(format!("demo function {name} missing"));
        let func = program.function(name).ok_or_else(missing)?;
        let id = unoptimized.function_id(name).ok_or_else(missing)?;
        let t = Instant::now();
        let mut jit_args = minijit::ints(args);
        // SAFETY: the default limits let the code use 128 KiB of stack,
        // and the main thread, a few frames deep here, has megabytes.
        let jit_result = unsafe {
            loaded.code().call(
                func,
                &mut jit_args,
                &Limits::default(),
                &mut minijit::NoHost,
            )
        }
        .map(|v| v.unwrap_or(0));
        let jit_time = t.elapsed();
        let t = Instant::now();
        let interp_result = interp.call_ints(id, args);
        let interp_time = t.elapsed();
        let args: Vec<String> = args.iter().map(i64::to_string).collect();
        let both = Both {
            call: format!("{name}({})", args.join(", ")),
            jit: jit_result,
            jit_time,
            interp: interp_result,
            interp_time,
        };
        if both.jit != both.interp {
            return Err(Failure {
                message: format!(
                    "minijit demo: {}: the JIT gave {:?} but the interpreter {:?}",
                    both.call, both.jit, both.interp
                ),
                status: 1,
            });
        }
        Ok(both)
    };

    outln!("--- calls: the machine code (JIT) beside the reference interpreter ---");
    outln!(
        "{:<22} {:>20} {:>10} {:>20} {:>10}",
        "call",
        "JIT",
        "time",
        "interpreter",
        "time"
    );
    for (name, args) in CALLS {
        let both = call(name, args)?;
        let (Ok(jit), Ok(interp)) = (&both.jit, &both.interp) else {
            return Err(Failure::usage(format!("demo call {} raised", both.call)));
        };
        // Below a few microseconds the clock says little.
        let faster = if both.jit_time > Duration::from_micros(50) {
            let ratio = both.interp_time.as_secs_f64() / both.jit_time.as_secs_f64();
            format!(", JIT {ratio:.0}x faster")
        } else {
            String::new()
        };
        outln!(
            "{:<22} {jit:>20} {:>10} {interp:>20} {:>10}   same answer{faster}",
            both.call,
            millis(both.jit_time),
            millis(both.interp_time),
        );
    }

    outln!("\n--- traps: a Python exception comes back as a value; the process goes on ---");
    for (name, args) in TRAPS {
        let both = call(name, args)?;
        match &both.jit {
            Err(CallError::Trap(e)) => {
                outln!("{} -> {e}   (JIT and interpreter alike)", both.call);
            }
            Ok(v) => outln!("{} = {v}   (the same code, called again)", both.call),
            Err(e) => return Err(Failure::usage(format!("demo call {}: {e}", both.call))),
        }
    }
    Ok(())
}

/// One call's results and times in both engines.
struct Both {
    call: String,
    jit: Result<i64, CallError>,
    jit_time: Duration,
    interp: Result<i64, CallError>,
    interp_time: Duration,
}

fn millis(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}
