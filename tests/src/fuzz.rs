//! The fuzz targets' bodies, shared by the cargo-fuzz targets in `fuzz/`
//! (nightly, run for minutes) and the stable budget tests in
//! `tests/tests/fuzz_budget.rs` (CI, seconds). Each panics on a finding.
//!
//! | target | input | must hold |
//! |---|---|---|
//! | [`frontend`] | source text | `compile_to_ir` never panics; what it accepts verifies and compiles to machine code; errors render |
//! | [`ir_text`] | IR text | `parse_module` and `verify` never panic; verified IR prints and parses back to the same module, and the optimizer and backend take it |
//! | [`ir_exec`] | choices for [`crate::ir_gen`] | valid IR gives the same outcome in the interpreter, the interpreter on optimized IR, and the JIT on optimized IR |

use crate::ir_gen;
use crate::rng::Rng;
use minijit::interp::Interpreter;
use minijit::ir::{text::parse_module, verify::verify, FuncId, Module};
use minijit::{CallError, Limits, Options, Trap};

/// Recursion limit for [`ir_exec`] (small: generated recursion is not
/// bounded otherwise).
pub const IR_RECURSION_LIMIT: u32 = 16;
/// Fuel for [`ir_exec`]; a call that runs out on either side is not compared.
pub const IR_FUEL: u64 = 200_000;

/// Source text through the front end (and, when accepted, the rest).
pub fn frontend(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    // Host functions as the command line and an embedder declare them.
    let hosts = vec![
        minijit::HostDecl::print(),
        minijit::HostDecl::new("ticks", 0, minijit::Returns::Int),
        minijit::HostDecl::new("log", 2, minijit::Returns::None),
    ];
    for options in [
        Options {
            hosts: hosts.clone(),
            ..Options::default()
        },
        Options {
            fuel: true,
            hosts: hosts.clone(),
            ..Options::default()
        },
    ] {
        match minijit::compile_to_ir(source, &options) {
            Err(e) => {
                let _ = e.render("fuzz.py", source);
            }
            Ok(module) => {
                if let Err(e) = verify(&module) {
                    panic!("the front end made IR that does not verify: {e}\n{module}");
                }
                if let Err(e) = minijit::compile(source, &options) {
                    panic!("accepted by compile_to_ir, refused by compile: {e:?}");
                }
            }
        }
    }
}

/// IR text through the parser and the verifier; verified modules also
/// through printing, the optimizer and the backend.
pub fn ir_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let module = match parse_module(text) {
        Err(e) => {
            let _ = e.render("fuzz.ir", text);
            return;
        }
        Ok(m) => m,
    };
    if verify(&module).is_err() {
        let _ = module.to_string();
        return;
    }
    let printed = module.to_string();
    let again = parse_module(&printed)
        .unwrap_or_else(|e| panic!("printed IR does not parse: {}\n{printed}", e.message));
    assert_eq!(again.to_string(), printed, "print, parse, print differs");
    assert!(
        again == module,
        "print then parse gives another module:\n{printed}"
    );
    let mut optimized = module.clone();
    minijit::opt::optimize(&mut optimized);
    if let Err(e) = verify(&optimized) {
        panic!("the optimizer broke verified IR: {e}\nbefore:\n{module}\nafter:\n{optimized}");
    }
    if let Err(e) = minijit::backend::x86_64::compile(&optimized) {
        panic!("the backend refused verified IR: {e:?}\n{optimized}");
    }
}

fn outcome(r: Result<i64, CallError>, who: &str, module: &Module) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(CallError::Trap(e)) => e.trap.name().to_string(),
        Err(other) => panic!("{who}: {other}\n{module}"),
    }
}

/// Random valid IR: the interpreter on it, the interpreter on the
/// optimized IR and the JIT on the optimized IR give the same outcomes.
/// Returns how many calls were compared (not those that ran out of fuel).
pub fn ir_exec(data: &[u8]) -> usize {
    let p = ir_gen::module(data);
    if let Err(e) = verify(&p.module) {
        panic!("ir_gen made invalid IR: {e}\n{}", p.module);
    }
    let mut optimized = p.module.clone();
    minijit::opt::optimize(&mut optimized);
    if let Err(e) = verify(&optimized) {
        panic!(
            "the optimizer broke valid IR: {e}\nbefore:\n{}\nafter:\n{optimized}",
            p.module
        );
    }
    // (The input reproduces the IR; the optimized copy serves the reports below.)
    // SAFETY: the generated IR has no buffers, so it reads and writes no
    // memory but its own frames.
    let program = unsafe { minijit::compile_ir_unchecked(optimized.clone()) }
        .unwrap_or_else(|e| panic!("the backend refused valid IR: {e:?}"));
    let optimized = &optimized;
    let code = host::jit::load(&program).expect("executable pages");
    let limits = Limits {
        recursion_limit: IR_RECURSION_LIMIT,
        fuel: Some(IR_FUEL),
        stack_bytes: program.stack_needed(IR_RECURSION_LIMIT),
    };
    let mut compared = 0;
    let fuel = Trap::FuelExhausted.name();
    for (f, args) in &p.calls {
        let run = |m: &Module| {
            Interpreter::new(m)
                .with_recursion_limit(IR_RECURSION_LIMIT)
                .with_fuel(Some(IR_FUEL))
                .call_ints(FuncId::new(*f), args)
        };
        let reference = outcome(run(&p.module), "interpreter", &p.module);
        let opt = outcome(run(optimized), "interpreter on optimized IR", optimized);
        let jit = outcome(
            code.call_ints(
                program.function(&optimized.functions[*f].name).unwrap(),
                args,
                &limits,
            ),
            "JIT",
            optimized,
        );
        if [&reference, &opt, &jit].contains(&&fuel.to_string()) {
            continue;
        }
        compared += 1;
        assert!(
            reference == opt && opt == jit,
            "f{f}{args:?}: interpreter {reference}, interpreter on optimized IR {opt}, JIT {jit}\n\
             IR:\n{}\noptimized:\n{optimized}",
            p.module
        );
    }
    compared
}

/// Pieces of source and IR text that mutations splice in.
pub const DICTIONARY: &[&str] = &[
    "def ",
    "return ",
    "if ",
    "elif ",
    "else:",
    "while ",
    "for ",
    " in range(",
    "break",
    "continue",
    "pass",
    "assert ",
    "and ",
    "or ",
    "not ",
    " if ",
    " else ",
    "(",
    ")",
    ":",
    ",",
    "\n",
    "    ",
    "\t",
    "\\\n",
    "#",
    "\"\"\"",
    "\"",
    "=",
    "+=",
    "**=",
    "//",
    "%",
    "**",
    "<<",
    ">>",
    "~",
    "-",
    "9223372036854775807",
    "9223372036854775808",
    "0x",
    "0b",
    "0o",
    "_",
    "1e3",
    "0.5",
    "abs(",
    "min(",
    "max(",
    "int(",
    "bool(",
    ": int",
    "-> int",
    "True",
    "False",
    "None",
    "lambda",
    "function ",
    "block",
    "v",
    " = const ",
    " = add ",
    " = call ",
    "jump ",
    "br ",
    "ret ",
    "trap ",
    "fuel",
    "frame_enter",
    "frame_exit",
    "select ",
    "umulhi ",
    "mul.wrap ",
    "{",
    "}",
    ";",
];

/// A mutation of `input`: bytes flipped, inserted or deleted, dictionary
/// words spliced in, lines duplicated, swapped or dropped, or a cut.
pub fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, rng.next_u64() as u8),
            2 if at < out.len() => {
                let end = (at + 1 + rng.below(8)).min(out.len());
                out.drain(at..end);
            }
            3 | 4 => {
                let word = rng.pick(DICTIONARY).as_bytes();
                out.splice(at..at, word.iter().copied());
            }
            5 => out.truncate(at),
            _ => {
                let mut lines: Vec<Vec<u8>> =
                    out.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                match rng.below(3) {
                    0 => {
                        let line = lines[i].clone();
                        lines.insert(j, line);
                    }
                    1 => lines.swap(i, j),
                    _ => {
                        lines.remove(i);
                    }
                }
                out = lines.join(&b'\n');
            }
        }
    }
    out
}
