//! One program through the three: checked CPython (see
//! [`crate::checked`]), the reference interpreter on unoptimized IR, and
//! the JIT on optimized machine code; the verdict, and the test file that
//! records a failure.

use crate::checked::Answers;
use crate::gen::{call_text, Arg, Generated};
use crate::Messages;
use minijit::interp::Interpreter;
use minijit::{CallError, Host, Limits, Options, Trap};

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

/// Runs one call through `run` with fresh buffers and `print` captured;
/// the answer as the oracle writes it.
fn answer_with(
    args: &[Arg],
    run: impl FnOnce(&mut [minijit::Arg<'_>], &mut (dyn Host + Send)) -> Result<Option<i64>, CallError>,
) -> String {
    answer_with_messages(args, Messages::AsOracle, run)
}

/// `answer_with`, the exceptions' messages written as `messages` says.
pub fn answer_with_messages(
    args: &[Arg],
    messages: Messages,
    run: impl FnOnce(&mut [minijit::Arg<'_>], &mut (dyn Host + Send)) -> Result<Option<i64>, CallError>,
) -> String {
    let mut buffers = args.to_vec();
    let mut printed = String::new();
    let result = {
        let mut call_args: Vec<minijit::Arg<'_>> = buffers.iter_mut().map(|a| a.as_arg()).collect();
        let mut host = crate::print_into(&mut printed);
        run(&mut call_args, &mut host)
    };
    crate::outcome_with(result, &buffers, &printed, messages)
}

/// Whether an answer is the interpreter running out of fuel.
fn is_runaway(answer: &str) -> bool {
    answer.split(" | ").next() == Some(Trap::FuelExhausted.name())
}

/// Runs the calls in the interpreter (unoptimized IR, with fuel) and the
/// JIT (optimized, default limits); `Err` is the rendered compile error.
/// Programs compile with `print` declared ([`crate::options`]).
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
    let options = crate::options();
    let fueled = Options {
        fuel: true,
        ..crate::options()
    };
    let render = |e: minijit::CompileError| e.render("generated.py", &g.source);
    let oracle = minijit::compile_to_ir(&g.source, &fueled).map_err(render)?;
    let program = minijit::compile(&g.source, &options).map_err(render)?;
    let mut interp = Interpreter::new(&oracle).with_fuel(Some(FUEL));
    let mut answers = MinijitAnswers {
        interp: Vec::new(),
        jit: Vec::new(),
        fuel_jit: Vec::new(),
        optimized_interp: Vec::new(),
    };
    for (name, args) in &g.calls {
        let answer = match oracle.function_id(name) {
            Some(f) => answer_with(args, |a, host| interp.call(f, a, host)),
            None => format!("error: no function {name}"),
        };
        let runaway = is_runaway(&answer);
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
            Some(f) => answer_with(args, |a, host| loaded.call(f, a, &limits, host)),
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
                Some(f) => answer_with(args, |a, host| loaded.call(f, a, &limits, host)),
                None => format!("error: no function {name}"),
            };
            answers.fuel_jit.push(answer);
        }
    }
    if answers.interp != answers.jit {
        // Terminates: the same program ended in the oracle.
        let module = program.ir().expect("crate::options() keeps the IR");
        let mut optimized = Interpreter::new(module);
        for (name, args) in &g.calls {
            let answer = match module.function_id(name) {
                Some(f) => answer_with(args, |a, host| optimized.call(f, a, host)),
                None => format!("error: no function {name}"),
            };
            answers.optimized_interp.push(answer);
        }
    }
    Ok(answers)
}

/// The `# call:` lines of a test program, their arguments parsed for the
/// parameters they go to (a buffer in the command line's syntax).
///
/// # Panics
/// If the program does not compile or a line is malformed.
pub fn calls_of(source: &str) -> Vec<crate::gen::Call> {
    let module = minijit::compile_to_ir(source, &crate::options())
        .unwrap_or_else(|e| panic!("{}", e.render("program", source)));
    crate::calls(source)
        .into_iter()
        .map(|c| {
            let f = module
                .function_id(&c.func)
                .unwrap_or_else(|| panic!("{c}: no such function"));
            let args = crate::parse_args(&module.function(f).signature, &c);
            (c.func, args)
        })
        .collect()
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
    if m.interp.iter().any(|a| is_runaway(a)) {
        return Verdict::Runaway;
    }
    let c = match cpython {
        Err(e) => return fail("cpython error", vec![e.clone()]),
        Ok(c) => c,
    };
    let mut signature = None;
    let mut report = Vec::new();
    for (i, call) in g.calls.iter().enumerate() {
        let (cp, it, jit) = (&c[i], &m.interp[i], &m.jit[i]);
        let call = call_text(call);
        if let Some(fj) = m.fuel_jit.get(i).filter(|fj| *fj != jit) {
            report.push(format!("{call}: JIT {jit}, JIT compiled with fuel {fj}"));
            signature.get_or_insert("fuel jit differs");
        }
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
