//! Specialized functions answer as the general ones: random programs with
//! random fixed arguments (the offline run is the
//! `specialize_differential` binary).

use minijit_tests::gen;
use minijit_tests::specialize::check;

#[test]
fn random_programs_answer_the_same_specialized() {
    let mut calls = 0;
    let mut failures = Vec::new();
    for seed in 0..150 {
        let g = gen::program(seed);
        let checked = check(&g, seed).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        calls += checked.calls;
        failures.extend(checked.failures.iter().map(|f| format!("seed {seed}: {f}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(calls > 300, "only {calls} calls compared");
}
