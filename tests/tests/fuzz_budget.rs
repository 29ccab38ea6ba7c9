//! The fuzz targets of `fuzz/` on stable, with a fixed budget: each test
//! feeds deterministic pseudo-random and mutated inputs to the same target
//! body (`minijit_tests::fuzz`) that cargo-fuzz runs for minutes.
//! `MINIJIT_FUZZ_BUDGET` sets the inputs per target (default 3000).

use minijit_tests::fuzz::{self, mutate};
use minijit_tests::gen;
use minijit_tests::rng::Rng;
use minijit_tests::{bench_programs, files_in, repo_root};

fn budget() -> usize {
    std::env::var("MINIJIT_FUZZ_BUDGET")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000)
}

/// Source files to start mutating from: the language tests, the error
/// corpus, the benchmarks and some generated programs.
fn source_seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = ["tests/programs", "tests/errors"]
        .iter()
        .flat_map(|dir| files_in(dir, "py"))
        .chain(bench_programs())
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    seeds.extend((0..20).map(|s| gen::program(s).source.into_bytes()));
    seeds
}

/// IR texts to start mutating from: the golden files and the IR of the
/// language tests.
fn ir_seeds() -> Vec<Vec<u8>> {
    let root = repo_root().join("tests/golden");
    let mut seeds = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let rel = dir
            .strip_prefix(repo_root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        seeds.extend(
            files_in(&rel, "ir")
                .into_iter()
                .map(|f| std::fs::read(f).unwrap()),
        );
    }
    for file in files_in("tests/programs", "py").into_iter().take(20) {
        let source = std::fs::read_to_string(file).unwrap();
        let module = minijit::compile_to_ir(&source, &minijit_tests::options()).unwrap();
        seeds.push(module.to_string().into_bytes());
    }
    seeds
}

fn run_mutated(seeds: &[Vec<u8>], seed: u64, target: fn(&[u8])) {
    assert!(!seeds.is_empty());
    let mut rng = Rng::new(seed);
    for _ in 0..budget() {
        let mut input = rng.pick(seeds).clone();
        for _ in 0..1 + rng.below(3) {
            input = mutate(&mut rng, &input);
        }
        target(&input);
    }
}

#[test]
fn frontend_never_panics_on_mutated_sources() {
    run_mutated(&source_seeds(), 11, fuzz::frontend);
}

#[test]
fn frontend_never_panics_on_random_bytes() {
    let mut rng = Rng::new(12);
    for _ in 0..budget() {
        let len = rng.below(200);
        let input: Vec<u8> = (0..len)
            .map(|_| match rng.below(3) {
                0 => rng.next_u64() as u8,
                // Mostly printable, so that the lexer gets past the start.
                _ => {
                    b" \n\t()=:+-*/%<>!&|^~,#\"'0123456789abcdefxyz_defreturnifwhile"[rng.below(57)]
                }
            })
            .collect();
        fuzz::frontend(&input);
    }
}

#[test]
fn ir_parser_and_verifier_never_panic_on_mutated_ir() {
    run_mutated(&ir_seeds(), 13, fuzz::ir_text);
}

#[test]
fn ir_seeds_round_trip() {
    for seed in ir_seeds() {
        fuzz::ir_text(&seed);
    }
}

#[test]
fn random_ir_agrees_between_interpreter_and_jit() {
    let mut rng = Rng::new(14);
    let mut compared = 0;
    for _ in 0..budget() {
        let len = rng.below(400);
        let input: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        compared += fuzz::ir_exec(&input);
    }
    assert!(compared > budget() / 2, "only {compared} calls compared");
}

/// Mutants of the language tests that minijit accepts must be Python that
/// CPython accepts too, and their `# call:` lines (those still naming a
/// function of the right arity) must give the same answers in checked
/// CPython, the interpreter and the JIT.
#[test]
fn accepted_mutants_agree_with_cpython() {
    use minijit_tests::checked::CheckedCpython;
    use minijit_tests::differential::{run_minijit, verdict, Verdict};
    use minijit_tests::gen::Generated;
    let seeds: Vec<Vec<u8>> = files_in("tests/programs", "py")
        .into_iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let mut rng = Rng::new(15);
    let mut python = CheckedCpython::start().unwrap();
    let mut ran = 0;
    // Each accepted mutant runs all its calls three ways: a smaller budget.
    let mutants = budget() / 6;
    for _ in 0..mutants {
        let mut input = rng.pick(&seeds).clone();
        for _ in 0..1 + rng.below(2) {
            input = mutate(&mut rng, &input);
        }
        let Ok(source) = std::str::from_utf8(&input) else {
            continue;
        };
        let Ok(module) = minijit::compile_to_ir(source, &minijit_tests::options()) else {
            continue;
        };
        let calls: Vec<gen::Call> = source
            .lines()
            .filter_map(|l| l.strip_prefix("# call:"))
            .filter_map(minijit_tests::Call::parse)
            .filter(|c| {
                module
                    .function_id(&c.func)
                    .is_some_and(|f| module.function(f).params().len() == c.args.len())
            })
            .filter_map(|c| Some((c.func.clone(), gen::ints(&c.ints()?))))
            .collect();
        let g = Generated::from_source(source, calls);
        let cpython = python.run(source, &g.calls).unwrap();
        match verdict(&g, &cpython, &run_minijit(&g)) {
            Verdict::Agree(_) | Verdict::Runaway => ran += 1,
            failure => panic!("{failure:?}\n{source}"),
        }
    }
    assert!(ran > mutants / 20, "only {ran} mutants accepted");
}
