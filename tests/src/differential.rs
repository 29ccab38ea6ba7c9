//! One program through the three: checked CPython (see
//! [`crate::checked`]), the reference interpreter on unoptimized IR, and
//! the JIT on optimized machine code; the verdict, and the test file that
//! records a failure.

use crate::checked::Answers;
use crate::gen::Generated;
use minijit::interp::Interpreter;
use minijit::{CallError, Limits, Options, Trap};

/// Fuel for the interpreter: far more than any generated call needs; a
/// call that runs out means the program does not end (a generator or
/// shrinker bug, never compared).
pub const FUEL: u64 = 20_000_000;

/// minijit's answers: one per call from the interpreter and from the JIT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinijitAnswers {
    /// The interpreter's, on unoptimized IR.
    pub interp: Vec<String>,
    /// The JIT's, on optimized code.
    pub jit: Vec<String>,
    /// The JIT's on code compiled with fuel (and a budget of [`FUEL`]),
    /// when asked for ([`run_minijit_with`]); empty otherwise.
    pub fuel_jit: Vec<String>,
    /// The interpreter's on the optimized IR, only when the JIT and the
    /// interpreter disagree (it tells the optimizer's bugs from the
    /// backend's); empty otherwise.
    pub optimized_interp: Vec<String>,
}

/// Why a program could not be compared, or how it disagreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// All three agree on every call; the answers.
    Agree(Vec<String>),
    /// The oracle ran out of fuel: the program does not end (not compared).
    Runaway,
    /// A failure of the kind [`Verdict::signature`] names.
    Fail {
        /// What kind of failure (stable while shrinking).
        signature: String,
        /// The lines that explain it, one per call or the error.
        report: Vec<String>,
    },
}

impl Verdict {
    /// The kind of failure, if this is one: `refused`, `cpython error`,
    /// or which of the three differ (`jit differs`, ...).
    pub fn signature(&self) -> Option<&str> {
        match self {
            Verdict::Fail { signature, .. } => Some(signature),
            _ => None,
        }
    }
}

fn name_of(r: Result<i64, CallError>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(CallError::Trap(e)) => e.trap.name().to_string(),
        Err(other) => format!("error: {other}"),
    }
}

/// Runs the calls in the interpreter (unoptimized IR, with fuel) and the
/// JIT (optimized, default limits); `Err` is the rendered compile error.
///
/// # Errors
/// The rendered diagnostic when minijit refuses the program.
pub fn run_minijit(g: &Generated) -> Result<MinijitAnswers, String> {
    run_minijit_with(g, false)
}

/// [`run_minijit`], and with `fuel_jit` also the JIT on code compiled with
/// fuel instructions (the loop headers and entries change).
///
/// # Errors
/// The rendered diagnostic when minijit refuses the program.
pub fn run_minijit_with(g: &Generated, fuel_jit: bool) -> Result<MinijitAnswers, String> {
    let fueled = Options {
        fuel: true,
        ..Options::default()
    };
    let render = |e: minijit::CompileError| e.render("generated.py", &g.source);
    let oracle = minijit::compile_to_ir(&g.source, &fueled).map_err(render)?;
    let program = minijit::compile(&g.source, &Options::default()).map_err(render)?;
    let mut interp = Interpreter::new(&oracle).with_fuel(Some(FUEL));
    let mut answers = MinijitAnswers {
        interp: Vec::new(),
        jit: Vec::new(),
        fuel_jit: Vec::new(),
        optimized_interp: Vec::new(),
    };
    for (name, args) in &g.calls {
        let answer = match oracle.function_id(name) {
            Some(f) => name_of(interp.call_ints(f, args)),
            None => format!("error: no function {name}"),
        };
        let runaway = answer == Trap::FuelExhausted.name();
        answers.interp.push(answer);
        if runaway {
            // Do not run the rest (the JIT has no fuel).
            return Ok(answers);
        }
    }
    let loaded = host::jit::load(&program).map_err(|e| format!("cannot load: {e}"))?;
    let limits = host::jit::with_full_stack(&program, &Limits::default());
    for (name, args) in &g.calls {
        let answer = match program.function(name) {
            Some(f) => name_of(loaded.call_ints(f, args, &limits)),
            None => format!("error: no function {name}"),
        };
        answers.jit.push(answer);
    }
    if fuel_jit {
        let program = minijit::compile(&g.source, &fueled).map_err(render)?;
        let loaded = host::jit::load(&program).map_err(|e| format!("cannot load: {e}"))?;
        let limits = Limits {
            fuel: Some(FUEL),
            ..host::jit::with_full_stack(&program, &Limits::default())
        };
        for (name, args) in &g.calls {
            let answer = match program.function(name) {
                Some(f) => name_of(loaded.call_ints(f, args, &limits)),
                None => format!("error: no function {name}"),
            };
            answers.fuel_jit.push(answer);
        }
    }
    if answers.interp != answers.jit {
        // Terminates: the same program ended in the oracle.
        let mut optimized = Interpreter::new(program.ir());
        for (name, args) in &g.calls {
            let answer = match program.ir().function_id(name) {
                Some(f) => name_of(optimized.call_ints(f, args)),
                None => format!("error: no function {name}"),
            };
            answers.optimized_interp.push(answer);
        }
    }
    Ok(answers)
}

/// Compares CPython's answers with minijit's.
pub fn verdict(
    g: &Generated,
    cpython: &Answers,
    minijit: &Result<MinijitAnswers, String>,
) -> Verdict {
    let fail = |signature: &str, report: Vec<String>| Verdict::Fail {
        signature: signature.to_string(),
        report,
    };
    let m = match minijit {
        Err(e) => {
            // The message without its place: `refused: name `x1` is not defined`.
            let first = e.lines().next().unwrap_or_default();
            let message = first.split_once("error: ").map_or(first, |(_, m)| m);
            let signature = format!("refused: {message}");
            return fail(&signature, e.lines().map(String::from).collect());
        }
        Ok(m) => m,
    };
    if m.interp.iter().any(|a| a == Trap::FuelExhausted.name()) {
        return Verdict::Runaway;
    }
    let c = match cpython {
        Err(e) => return fail("cpython error", vec![e.clone()]),
        Ok(c) => c,
    };
    let mut signature = None;
    let mut report = Vec::new();
    for (i, (name, args)) in g.calls.iter().enumerate() {
        let (cp, it, jit) = (&c[i], &m.interp[i], &m.jit[i]);
        if let Some(fj) = m.fuel_jit.get(i).filter(|fj| *fj != jit) {
            let args: Vec<String> = args.iter().map(i64::to_string).collect();
            report.push(format!(
                "{name}({}): JIT {jit}, JIT compiled with fuel {fj}",
                args.join(", ")
            ));
            signature.get_or_insert("fuel jit differs");
        }
        let args: Vec<String> = args.iter().map(i64::to_string).collect();
        let call = format!("{name}({})", args.join(", "));
        if cp == it && it == jit {
            report.push(format!("{call}: all three {cp}"));
            continue;
        }
        let optimized = m
            .optimized_interp
            .get(i)
            .map(|o| format!(" (interpreter on optimized IR {o})"))
            .unwrap_or_default();
        report.push(format!(
            "{call}: CPython {cp}, interpreter {it}, JIT {jit}{optimized}"
        ));
        signature.get_or_insert(if cp == it {
            "jit differs"
        } else if cp == jit {
            "interpreter differs"
        } else if it == jit {
            "cpython differs"
        } else {
            "all differ"
        });
    }
    match signature {
        None => Verdict::Agree(c.clone()),
        Some(s) => fail(s, report),
    }
}

/// A test file recording a failure: a header that explains it, the
/// program, and its `# call:` lines.
pub fn failure_file(g: &Generated, verdict: &Verdict, origin: &str) -> String {
    let mut text = String::new();
    if let Verdict::Fail { signature, report } = verdict {
        text += &format!("# minijit differential failure: {signature} ({origin})\n");
        for line in report {
            text += &format!("#   {line}\n");
        }
    }
    text + &g.test_file()
}
