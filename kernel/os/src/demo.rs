//! The demo: compile every program of [`crate::programs`] with the same
//! `core` crate as the host, load it with [`crate::jit`], call it, and check
//! each answer against the reference interpreter running in the kernel.
//! One line per call: `fib(20) = 6765`, `div(1, 0) -> ZeroDivisionError: ...`.

use crate::jit::{self, Loaded};
use crate::programs::{Call, Demo};
use crate::{println, timing};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use minijit::interp::Interpreter;
use minijit::{CallError, Compiler, Limits, Options, Program};

/// Stack each call may use: room for the contract's 1,000 frames of a
/// function with a few hundred locals (256 KiB gave out at depth 400 with
/// 80). The kernel stack is 4 MiB (see `main.rs`); the rest is for the
/// kernel's own frames, compiling included.
pub const CALL_STACK_BYTES: usize = 2 << 20;

/// What the demo has seen so far.
pub struct Report {
    /// Checks that failed.
    pub failures: usize,
    /// TSC when the first compiled call returned.
    pub first_result_tsc: Option<u64>,
    /// The exceptions compiled code has raised so far.
    pub raised: Vec<&'static str>,
    /// The compile context every program compiles through, one after the
    /// other (its buffers, in the main heap, serve them all).
    pub compiler: Compiler,
}

impl Report {
    /// A failed check: says why on the serial port.
    pub fn fail(&mut self, why: core::fmt::Arguments<'_>) {
        self.failures += 1;
        println!("CHECK FAILED: {why}");
    }
}

/// Compiles `demo`, reporting a compile error as a failure.
pub fn compile(demo: &Demo, report: &mut Report) -> Option<Program> {
    let options = Options {
        fuel: demo.fuel,
        // The interpreter runs the same optimized IR beside the code.
        keep_ir: true,
        ..Options::default()
    };
    compile_with(demo.name, demo.source, &options, report)
}

/// Compiles `source` (shown as `name`) with `options`, reporting a compile
/// error as a failure.
pub fn compile_with(
    name: &str,
    source: &str,
    options: &Options,
    report: &mut Report,
) -> Option<Program> {
    match report.compiler.compile(source, options) {
        Ok(program) => Some(program),
        Err(e) => {
            report.fail(format_args!("{}", e.render(name, source)));
            None
        }
    }
}

/// Loads `program`'s code (shown as `name`) into pages of its own,
/// reporting where.
pub fn load<'p>(name: &str, program: &'p Program, report: &mut Report) -> Option<Loaded<'p>> {
    match jit::load(program) {
        Ok(loaded) => {
            println!(
                "-- {name}: {} bytes of code, {} page(s) at {:#x}: mapped W+NX, written, remapped R+X",
                program.code_size(),
                loaded.pages,
                loaded.base.as_u64()
            );
            Some(loaded)
        }
        Err(e) => {
            report.fail(format_args!("{name}: cannot load the code: {e}"));
            None
        }
    }
}

/// Compiles, loads and calls every call of `demo`, then unmaps its code.
pub fn run(demo: &Demo, report: &mut Report) {
    let Some(program) = compile(demo, report) else {
        return;
    };
    let Some(loaded) = load(demo.name, &program, report) else {
        return;
    };
    for call in demo.calls {
        call_and_check(demo, &program, &loaded, call, report);
    }
}

/// `name(a, b)`.
pub fn call_text(call: &Call) -> String {
    let args: Vec<String> = call.args.iter().map(i64::to_string).collect();
    alloc::format!("{}({})", call.func, args.join(", "))
}

/// Makes `call` in compiled code, prints it, and checks it against the
/// interpreter and against the trap the call must (or must not) raise.
pub fn call_and_check(
    demo: &Demo,
    program: &Program,
    loaded: &Loaded<'_>,
    call: &Call,
    report: &mut Report,
) {
    let text = call_text(call);
    let Some(func) = program.function(call.func) else {
        report.fail(format_args!("{}: no function {}", demo.name, call.func));
        return;
    };
    let limits = Limits {
        recursion_limit: call.recursion_limit,
        fuel: call.fuel,
        stack_bytes: CALL_STACK_BYTES,
    };
    // SAFETY: main.rs asks the bootloader for a 4 MiB kernel stack and the
    // demo runs near its top, so CALL_STACK_BYTES are free below.
    let got = unsafe { loaded.call_ints(func, call.args, &limits) };
    if report.first_result_tsc.is_none() {
        report.first_result_tsc = Some(timing::rdtsc());
    }
    match &got {
        Ok(value) => println!("{text} = {value}"),
        Err(e) => println!("{text} -> {e}"),
    }
    let want = interpret(program, call);
    if got != want {
        report.fail(format_args!(
            "{text}: the interpreter says {}",
            describe(&want)
        ));
    }
    let raised = match &got {
        Err(CallError::Trap(e)) => Some(e.trap.name()),
        _ => None,
    };
    report.raised.extend(raised);
    if raised != call.trap || matches!(got, Err(ref e) if e.exception().is_none()) {
        report.fail(format_args!(
            "{text}: expected {}",
            call.trap.unwrap_or("a value")
        ));
    }
}

fn interpret(program: &Program, call: &Call) -> Result<i64, CallError> {
    let module = program.ir().ok_or(CallError::NoSuchFunction)?;
    let id = module
        .function_id(call.func)
        .ok_or(CallError::NoSuchFunction)?;
    Interpreter::new(module)
        .with_recursion_limit(call.recursion_limit)
        .with_fuel(call.fuel)
        .call_ints(id, call.args)
}

fn describe(result: &Result<i64, CallError>) -> String {
    match result {
        Ok(v) => alloc::format!("= {v}"),
        Err(e) => alloc::format!("-> {e}"),
    }
}
