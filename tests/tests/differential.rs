//! Differential tests: every test program runs in CPython, in the
//! reference interpreter and as machine code; results or exception names
//! must match.

use minijit_tests::*;

#[test]
fn programs_agree_with_cpython() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in files_in("tests/programs", "py") {
        let source = std::fs::read_to_string(&file).unwrap();
        // The interpreter runs the unoptimized IR (the oracle); the JIT
        // runs optimized code.
        let oracle = compile_file(&file);
        let program = compile_program(&file);
        let loaded = host::jit::load(&program).unwrap();
        let mut check = |call: &Call, want: &str, source_of_truth: &str| {
            let interp = interpret(&oracle, call);
            let jit = run_jit(&program, &loaded, call);
            checked += 1;
            if interp != want || jit != want {
                failures.push(format!(
                    "{}: {call}: {source_of_truth} {want}, interpreter {interp}, JIT {jit}",
                    file.display()
                ));
            }
        };
        let calls = calls(&source);
        let want = cpython(&file);
        assert_eq!(want.len(), calls.len(), "{}", file.display());
        for (call, want) in calls.iter().zip(&want) {
            check(call, want, "CPython");
        }
        for (call, want) in expectations(&source) {
            check(&call, &want, "expected");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} calls disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 100, "only {checked} calls ran");
}

/// The benchmark programs with small arguments: `(file, function, args)`.
const BENCH_CALLS: [(&str, &str, &[&str]); 12] = [
    (
        "checksum.py",
        "checksum",
        &["bytearray(3000)", "2463534242"],
    ),
    ("collatz.py", "collatz_longest", &["3000"]),
    ("fib.py", "fib", &["18"]),
    ("gcd.py", "gcd_sum", &["60"]),
    ("heapsort.py", "heapsort", &["[0] * 700", "12345"]),
    (
        "histogram.py",
        "histogram",
        &["bytearray(5000)", "[0] * 256", "42"],
    ),
    ("mandel.py", "mandel", &["24"]),
    ("primes.py", "count_primes", &["5000"]),
    ("sieve.py", "sieve", &["bytearray(5000)"]),
    ("sum_loop.py", "sum_loop", &["20000"]),
    ("tak.py", "tak", &["12", "6", "2"]),
    ("xorshift.py", "xorshift", &["20000"]),
];

#[test]
fn benchmarks_with_small_arguments_agree_with_cpython() {
    let dir = repo_root().join("bench");
    let bench_files = bench_programs();
    assert_eq!(
        bench_files.len(),
        BENCH_CALLS.len(),
        "every benchmark has a small call here"
    );
    for (name, func, args) in BENCH_CALLS {
        let file = dir.join(name);
        let oracle = compile_file(&file);
        let program = compile_program(&file);
        let loaded = host::jit::load(&program).unwrap();
        let call = Call {
            func: func.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        // Ask CPython through a temporary copy that carries the call line.
        let source = std::fs::read_to_string(&file).unwrap();
        let tmp = std::env::temp_dir().join(format!("minijit-bench-{}-{name}", std::process::id()));
        std::fs::write(&tmp, format!("{source}\n# call: {call}\n")).unwrap();
        let want = cpython(&tmp);
        std::fs::remove_file(&tmp).ok();
        assert_eq!(
            vec![interpret(&oracle, &call)],
            want,
            "{name}: {call} (interpreter)"
        );
        assert_eq!(
            vec![run_jit(&program, &loaded, &call)],
            want,
            "{name}: {call} (JIT)"
        );
    }
}
