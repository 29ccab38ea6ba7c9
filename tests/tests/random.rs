//! Random programs (see `minijit_tests::gen`) through the interpreter on
//! unoptimized IR (the oracle), the interpreter on optimized IR, and the
//! JIT: the same result or the same exception, every time.

use minijit::{CallError, Limits, Options};
use minijit_tests::gen;

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
        let g = gen::program(seed);
        let program = match minijit::compile(&g.source, &Options::default()) {
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
            let f = program.function(name).unwrap();
            let id = minijit::ir::FuncId::new(f.index);
            let interp = outcome(minijit::interp::Interpreter::new(&oracle).call(id, args));
            let optimized = outcome(minijit::interp::Interpreter::new(program.ir()).call(id, args));
            assert_eq!(
                interp, optimized,
                "seed {seed}: {name}{args:?} (optimized IR)\n{}",
                g.source
            );
            let limits = host::jit::with_full_stack(&program, &Limits::default());
            let jit = outcome(loaded.call(f, args, &limits));
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
