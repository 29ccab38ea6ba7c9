//! Random programs (see `minijit_tests::gen`) through the interpreter on
//! unoptimized IR (the oracle), the interpreter on optimized IR, and the
//! JIT: the same result or the same exception, every time.

use minijit::{CallError, Limits, Options};
use minijit_tests::gen;

/// The arguments of a call of an integer program.
fn ints(args: &[gen::Arg]) -> Vec<i64> {
    args.iter()
        .map(|a| match a {
            gen::Arg::Int(v) => *v,
            other => panic!("a buffer argument {other:?} in an integer program"),
        })
        .collect()
}

fn outcome(r: Result<i64, CallError>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(CallError::Trap(e)) => e.trap.name().to_string(),
        Err(other) => format!("error: {other}"),
    }
}

#[test]
fn random_programs_agree_between_interpreter_and_jit() {
    let seeds = std::env::var("MINIJIT_RANDOM_PROGRAMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400u64);
    let mut calls = 0usize;
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for seed in 0..seeds {
        let g = gen::integer_program(seed);
        let program = match minijit::compile(&g.source, &minijit_tests::options()) {
            Ok(p) => p,
            Err(e) => panic!(
                "seed {seed}: generated program refused:\n{}\n{}",
                e.render("gen", &g.source),
                g.source
            ),
        };
        let oracle = minijit::compile_to_ir(&g.source, &Options::default()).unwrap();
        let loaded = host::jit::load(&program).unwrap();
        for (name, args) in &g.calls {
            let args = &ints(args);
            let f = program.function(name).unwrap();
            let id = minijit::ir::FuncId::new(f.index());
            let interp = outcome(minijit::interp::Interpreter::new(&oracle).call_ints(id, args));
            let optimized = outcome(
                minijit::interp::Interpreter::new(program.ir().unwrap()).call_ints(id, args),
            );
            assert_eq!(
                interp, optimized,
                "seed {seed}: {name}{args:?} (optimized IR)\n{}",
                g.source
            );
            let limits = host::jit::with_full_stack(&program, &Limits::default());
            let jit = outcome(loaded.call_ints(f, args, &limits));
            assert_eq!(interp, jit, "seed {seed}: {name}{args:?}\n{}", g.source);
            calls += 1;
            let kind = if interp.parse::<i64>().is_ok() {
                "value".to_string()
            } else {
                interp
            };
            *outcomes.entry(kind).or_default() += 1;
        }
    }
    eprintln!("{seeds} programs, {calls} calls: {outcomes:?}");
    assert!(calls as u64 > seeds);
    assert!(
        outcomes.get("value").copied().unwrap_or(0) * 4 > calls,
        "too few calls return a value"
    );
}

/// How many programs the CPython sample runs (`MINIJIT_CPYTHON_PROGRAMS`).
fn cpython_sample() -> u64 {
    std::env::var("MINIJIT_CPYTHON_PROGRAMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600)
}

/// Runs `programs` through checked CPython (which also checks that its own
/// `ast` rewrite of each is the checked form the generator rendered), the
/// interpreter and the JIT; panics unless all three agree on every call.
/// Counts the answers by kind: `value`, `None` or the exception as
/// answered, with ` +buffers` / ` +printed` when the answer has them.
fn agree_with_checked_cpython(
    seeds: std::ops::Range<u64>,
    generate: fn(u64) -> gen::Generated,
) -> std::collections::BTreeMap<String, usize> {
    use minijit_tests::checked::CheckedCpython;
    use minijit_tests::differential::{run_minijit, verdict, Verdict};
    let mut python = CheckedCpython::start().expect("python3 runs (CI installs it)");
    let programs: Vec<gen::Generated> = seeds.clone().map(generate).collect();
    // CPython works on a batch while minijit runs the one before; a batch
    // is small enough that neither pipe fills up.
    let batches: Vec<&[gen::Generated]> = programs.chunks(32).collect();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    let mut sent = 0;
    for (i, g) in seeds.zip(&programs).enumerate() {
        let (seed, g) = (g.0, g.1);
        if i == sent * 32 {
            for next in batches[sent] {
                python.send_generated(next, true).unwrap();
            }
            python.flush().unwrap();
            sent += 1;
        }
        let minijit = run_minijit(g);
        let cpython = python.receive().unwrap();
        match verdict(g, &cpython, &minijit) {
            Verdict::Agree(answers) => {
                for a in answers {
                    let mut parts = a.split(" | ");
                    let first = parts.next().unwrap_or_default();
                    let mut kind = if first.parse::<i64>().is_ok() {
                        "value".to_string()
                    } else {
                        first.to_string()
                    };
                    for part in parts {
                        let extra = if part.starts_with("printed ") {
                            " +printed"
                        } else {
                            " +buffers"
                        };
                        if !kind.ends_with(extra) {
                            kind += extra;
                        }
                    }
                    *kinds.entry(kind).or_default() += 1;
                }
            }
            other => panic!("seed {seed}: {other:?}\n{}", g.test_file()),
        }
    }
    eprintln!("answers: {kinds:?}");
    kinds
}

/// A fixed-seed sample of what `differential --integers` runs: checked
/// CPython, the interpreter and the JIT agree on every call.
#[test]
fn random_programs_agree_with_checked_cpython() {
    let kinds = agree_with_checked_cpython(
        7_000_000..7_000_000 + cpython_sample(),
        gen::integer_program,
    );
    // Every exception of the language comes up in the sample.
    for name in [
        "value",
        "OverflowError",
        "ZeroDivisionError",
        "ValueError",
        "AssertionError",
        "UnboundLocalError",
        "RecursionError",
    ] {
        assert!(
            kinds.contains_key(name),
            "no call answered {name}: {kinds:?}"
        );
    }
}

/// The same with buffers, None functions and `print` (what `differential`
/// runs by default): every buffer answer of the language comes up.
#[test]
fn random_buffer_programs_agree_with_checked_cpython() {
    let kinds =
        agree_with_checked_cpython(7_100_000..7_100_000 + cpython_sample() / 2, gen::program);
    let seen = |want: &str| kinds.keys().any(|k| k.starts_with(want));
    for want in [
        "value +buffers",
        "None",
        "IndexError: index out of range",
        "IndexError: bytearray index out of range",
        "IndexError: list index out of range",
        "IndexError: list assignment index out of range",
        "ValueError: byte must be in range(0, 256)",
    ] {
        assert!(seen(want), "no call answered {want}: {kinds:?}");
    }
    assert!(
        kinds.keys().any(|k| k.ends_with("+printed")),
        "nothing printed: {kinds:?}"
    );
}

/// The checked CPython counts frames as minijit does: a chain 1000 deep
/// runs, the 1001st call raises RecursionError, called directly or from
/// another function.
#[test]
fn checked_cpython_recursion_limit_matches_minijit() {
    use minijit_tests::checked::CheckedCpython;
    let source =
        "def down(n):\n    if n <= 1:\n        return n * 1 + 0\n    return down(n - 1) + 1\n\n\
                  def via(n):\n    return down(n) - 1\n";
    let calls: Vec<gen::Call> = [
        ("down", 999),
        ("down", 1000),
        ("down", 1001),
        ("via", 998),
        ("via", 999),
        ("via", 1000),
    ]
    .iter()
    .map(|(f, n)| (f.to_string(), gen::ints(&[*n])))
    .collect();
    let mut python = CheckedCpython::start().unwrap();
    let cpython = python.run(source, &calls).unwrap().unwrap();
    assert_eq!(
        cpython,
        [
            "999",
            "1000",
            "RecursionError",
            "997",
            "998",
            "RecursionError"
        ]
    );
    let g = gen::Generated::from_source(source, calls);
    let minijit = minijit_tests::differential::run_minijit(&g).unwrap();
    assert_eq!(minijit.interp, cpython);
    assert_eq!(minijit.jit, cpython);
    // The script's own self-test says the same.
    let out = std::process::Command::new("python3")
        .arg(minijit_tests::repo_root().join("tests/checked_cpython.py"))
        .arg("--self-test")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Runs a saved regression program (tests/regressions) through checked
/// CPython (which rewrites the file itself), the interpreter and the JIT.
fn check_regression(name: &str) {
    use minijit_tests::checked::CheckedCpython;
    use minijit_tests::differential::{run_minijit, verdict, Verdict};
    let path = minijit_tests::repo_root()
        .join("tests/regressions")
        .join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    let calls = minijit_tests::differential::calls_of(&source);
    assert!(!calls.is_empty(), "{name} has no `# call:` line");
    let g = gen::Generated::from_source(&source, calls);
    let cpython = CheckedCpython::start()
        .unwrap()
        .run(&source, &g.calls)
        .unwrap();
    match verdict(&g, &cpython, &run_minijit(&g)) {
        Verdict::Agree(_) => {}
        other => panic!("{name}: {other:?}"),
    }
}

/// One test per file of tests/regressions; a known compiler bug would be
/// `#[ignore]`d with a comment that says what goes wrong.
macro_rules! regression {
    ($(#[$attr:meta])* $test:ident, $file:literal) => {
        $(#[$attr])*
        #[test]
        fn $test() {
            check_regression($file);
        }
    };
}

regression!(
    regression_recursion_limit_boundary,
    "recursion_limit_boundary.py"
);
regression!(regression_range_at_the_edges, "range_at_the_edges.py");
regression!(
    regression_unbound_after_short_circuit,
    "unbound_after_short_circuit.py"
);

#[test]
fn every_regression_file_has_a_test() {
    let this_file = include_str!("random.rs");
    for file in minijit_tests::files_in("tests/regressions", "py") {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            this_file.contains(&format!("\"{name}\"")),
            "tests/regressions/{name} has no regression!(...) line in tests/tests/random.rs"
        );
    }
}

/// The shrinker cuts a program down to what keeps its failure: here the
/// "failure" is a call that raises ZeroDivisionError in the interpreter.
#[test]
fn shrinking_keeps_the_failure_and_cuts_the_rest() {
    use minijit_tests::differential::run_minijit;
    let divides_by_zero = |g: &gen::Generated| {
        run_minijit(g).is_ok_and(|m| m.interp.iter().any(|a| a == "ZeroDivisionError"))
    };
    let (seed, g) = (0..)
        .map(|s| (s, gen::integer_program(s)))
        .find(|(_, g)| g.source.len() > 1500 && divides_by_zero(g))
        .unwrap();
    let small = minijit_tests::shrink::shrink(&g, 3000, divides_by_zero);
    assert!(divides_by_zero(&small), "seed {seed}");
    assert_eq!(small.calls.len(), 1, "seed {seed}:\n{}", small.test_file());
    assert!(
        small.source.len() * 4 < g.source.len(),
        "seed {seed}: shrunk from {} to {} bytes only:\n{}",
        g.source.len(),
        small.source.len(),
        small.test_file()
    );
    eprintln!("{}", small.test_file());
}

/// Checked CPython answers every `# call:` of the language tests as CPython
/// does, and also every `# expect:` (where plain CPython differs by design:
/// big intermediates, float results, the recursion limit) as minijit must.
#[test]
fn checked_cpython_answers_the_language_tests_like_minijit() {
    use minijit_tests::checked::CheckedCpython;
    let mut python = CheckedCpython::start().unwrap();
    let mut checked = 0;
    for file in minijit_tests::files_in("tests/programs", "py") {
        let source = std::fs::read_to_string(&file).unwrap();
        // `# call:` answers are CPython's; tests/differential.rs checks that
        // the interpreter gives them, so ask it (faster than CPython).
        let oracle = minijit_tests::compile_file(&file);
        let mut calls: Vec<(minijit_tests::Call, String)> = minijit_tests::calls(&source)
            .into_iter()
            .map(|c| {
                let want = minijit_tests::interpret(&oracle, &c);
                (c, want)
            })
            .collect();
        calls.extend(minijit_tests::expectations(&source));
        let requests: Vec<gen::Call> = calls
            .iter()
            .map(|(c, _)| {
                let f = oracle.function_id(&c.func).expect("the function exists");
                let args = minijit_tests::parse_args(&oracle.function(f).signature, c);
                (c.func.clone(), args)
            })
            .collect();
        let answers = python
            .run(&source, &requests)
            .unwrap()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for ((call, want), got) in calls.iter().zip(&answers) {
            assert_eq!(got, want, "{}: {call}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} calls");
}

/// Other limits than the defaults: recursion limits from 1 up (exact, as
/// the language promises: the oracle is the unoptimized IR), and small fuel
/// budgets (the JIT must stop exactly where the interpreter running the
/// same optimized IR does).
#[test]
fn random_programs_agree_under_other_limits() {
    use minijit::interp::Interpreter;
    let fueled = Options {
        fuel: true,
        keep_ir: true,
        ..Options::default()
    };
    let mut calls = 0;
    for seed in 8_000_000..8_000_120 {
        let g = gen::integer_program(seed);
        let oracle = minijit::compile_to_ir(&g.source, &Options::default()).unwrap();
        let program = minijit::compile(&g.source, &Options::default()).unwrap();
        let loaded = host::jit::load(&program).unwrap();
        let with_fuel = minijit::compile(&g.source, &fueled).unwrap();
        let loaded_with_fuel = host::jit::load(&with_fuel).unwrap();
        for (name, args) in &g.calls {
            let args = &ints(args);
            let id = oracle.function_id(name).unwrap();
            for limit in [1, 2, 7, 40] {
                let limits = Limits {
                    recursion_limit: limit,
                    ..Limits::default()
                };
                let limits = host::jit::with_full_stack(&program, &limits);
                let want = outcome(
                    Interpreter::new(&oracle)
                        .with_recursion_limit(limit)
                        .call_ints(id, args),
                );
                let jit = outcome(loaded.call_ints(program.function(name).unwrap(), args, &limits));
                assert_eq!(
                    want, jit,
                    "seed {seed}: {name}{args:?}, recursion limit {limit}"
                );
                calls += 1;
            }
            for fuel in [0, 1, 3, 10, 100] {
                let limits = Limits {
                    fuel: Some(fuel),
                    ..host::jit::with_full_stack(&with_fuel, &Limits::default())
                };
                let want = outcome(
                    Interpreter::new(with_fuel.ir().unwrap())
                        .with_fuel(Some(fuel))
                        .call_ints(id, args),
                );
                let f = with_fuel.function(name).unwrap();
                let jit = outcome(loaded_with_fuel.call_ints(f, args, &limits));
                assert_eq!(want, jit, "seed {seed}: {name}{args:?}, fuel {fuel}");
                calls += 1;
            }
        }
    }
    assert!(calls > 1000, "only {calls} calls");
}
