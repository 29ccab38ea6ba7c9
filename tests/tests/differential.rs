//! Differential tests: every test program runs in CPython and in the
//! reference interpreter; results or exception names must match.

use minijit_tests::*;

#[test]
fn programs_agree_with_cpython() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in files_in("tests/programs", "py") {
        let source = std::fs::read_to_string(&file).unwrap();
        let module = compile_file(&file);
        let calls = calls(&source);
        let want = cpython(&file);
        assert_eq!(want.len(), calls.len(), "{}", file.display());
        for (call, want) in calls.iter().zip(&want) {
            let got = show(&interpret(&module, call));
            checked += 1;
            if &got != want {
                failures.push(format!("{}: {call}: CPython {want}, interpreter {got}", file.display()));
            }
        }
        for (call, want) in expectations(&source) {
            let got = show(&interpret(&module, &call));
            checked += 1;
            if got != want {
                failures.push(format!("{}: {call}: expected {want}, interpreter {got}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} calls disagree:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 100, "only {checked} calls ran");
}

/// The benchmark programs with small arguments: `(file, function, args)`.
const BENCH_CALLS: [(&str, &str, &[i64]); 8] = [
    ("collatz.py", "collatz_longest", &[3000]),
    ("fib.py", "fib", &[18]),
    ("gcd.py", "gcd_sum", &[60]),
    ("mandel.py", "mandel", &[24]),
    ("primes.py", "count_primes", &[5000]),
    ("sum_loop.py", "sum_loop", &[20000]),
    ("tak.py", "tak", &[12, 6, 2]),
    ("xorshift.py", "xorshift", &[20000]),
];

#[test]
fn benchmarks_with_small_arguments_agree_with_cpython() {
    let dir = repo_root().join("bench");
    let bench_files = files_in("bench", "py");
    assert_eq!(bench_files.len(), BENCH_CALLS.len(), "every benchmark has a small call here");
    for (name, func, args) in BENCH_CALLS {
        let file = dir.join(name);
        let module = compile_file(&file);
        let call = Call { func: func.to_string(), args: args.to_vec() };
        // Ask CPython through a temporary copy that carries the call line.
        let source = std::fs::read_to_string(&file).unwrap();
        let tmp = std::env::temp_dir().join(format!("minijit-bench-{}-{name}", std::process::id()));
        std::fs::write(&tmp, format!("{source}\n# call: {call}\n")).unwrap();
        let want = cpython(&tmp);
        std::fs::remove_file(&tmp).ok();
        assert_eq!(vec![show(&interpret(&module, &call))], want, "{name}: {call}");
    }
}
