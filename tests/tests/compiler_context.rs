//! A compile context ([`minijit::Compiler`]) reused across compiles gives
//! exactly what a fresh compile gives: the same code, trap table, entry
//! points, IR and debug information, or the same error, whatever it
//! compiled before (other programs, the same one, programs that failed
//! halfway, a program large enough that the context frees its buffers).

use minijit::backend::x86_64::runtime::TrapTable;
use minijit::ir::Module;
use minijit::{CompileError, Compiler, DebugInfo, HostDecl, Options, Program, Signature};
use minijit_tests::{bench_programs, files_in, gen};

/// Everything a compile gives that a caller can see.
#[derive(Debug, PartialEq)]
enum Outcome {
    Program {
        bytes: Vec<u8>,
        traps: TrapTable,
        functions: Vec<(String, usize, Signature)>,
        fuel: bool,
        stack: usize,
        ir: Option<Module>,
        debug: Option<DebugInfo>,
    },
    Module(Module),
    Error(String),
}

fn program(compiled: Result<Program, impl std::fmt::Debug>) -> Outcome {
    let program = match compiled {
        Ok(p) => p,
        Err(e) => return Outcome::Error(format!("{e:?}")),
    };
    let functions = program
        .functions()
        .map(|(name, offset)| {
            let func = program.function(name).expect("its own function");
            let signature = program.signature(func).expect("its own signature");
            (name.to_string(), offset, signature)
        })
        .collect();
    Outcome::Program {
        bytes: program.bytes().to_vec(),
        traps: program.traps().clone(),
        functions,
        fuel: program.has_fuel(),
        stack: program.stack_needed(1000),
        ir: program.ir().cloned(),
        debug: program.debug_info().cloned(),
    }
}

fn module(compiled: Result<Module, CompileError>) -> Outcome {
    match compiled {
        Ok(m) => Outcome::Module(m),
        Err(e) => Outcome::Error(format!("{e:?}")),
    }
}

/// The sources: the benchmarks, the language tests, the programs that do
/// not compile (each fails in a different stage: lexer, parser, checker,
/// lowering), the golden files, and generated programs.
fn sources() -> Vec<(String, String)> {
    let mut files = bench_programs();
    for dir in [
        "tests/programs",
        "tests/errors",
        "tests/regressions",
        "tests/golden/lower",
        "tests/golden/opt",
        "tests/golden/asm",
        "tests/golden/specialize",
    ] {
        files.extend(files_in(dir, "py"));
    }
    let mut sources: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let source = std::fs::read_to_string(f).expect("a readable test file");
            (f.display().to_string(), source)
        })
        .collect();
    for seed in 0..60 {
        sources.push((format!("generated {seed}"), gen::program(seed).source));
    }
    // Larger than what a context keeps its buffers after (64 KiB): the
    // next compile starts from nothing again.
    let mut large = String::new();
    for i in 0..1200 {
        large += &format!("def f{i}(x):\n    y = x * {i} + 1\n    return y // 3 + f{i}_k\n");
    }
    for i in 0..1200 {
        large += &format!("f{i}_k = {i}\n");
    }
    assert!(large.len() > 64 << 10);
    sources.push(("large".to_string(), large));
    sources
}

/// The options compiles run with: the default, the test programs' (`print`
/// declared, the IR kept), and fuel with debug information; and a host
/// declared twice, which every compile refuses.
fn option_sets() -> Vec<Options> {
    vec![
        Options::default(),
        minijit_tests::options(),
        Options {
            fuel: true,
            debug_info: true,
            keep_ir: true,
            ..Options::default()
        },
        Options {
            hosts: vec![HostDecl::print(), HostDecl::print()],
            ..Options::default()
        },
    ]
}

/// Compiles every source with `options` through `compiler` in `order`,
/// each as it would be fresh.
fn compile_all(
    compiler: &mut Compiler,
    sources: &[(String, String)],
    order: impl Iterator<Item = usize>,
    options: &Options,
) {
    for i in order {
        let (name, source) = &sources[i];
        let fresh = program(minijit::compile(source, options));
        let reused = program(compiler.compile(source, options));
        assert_eq!(reused, fresh, "{name}, compiled after others");
    }
}

#[test]
fn a_reused_context_compiles_as_a_fresh_one() {
    let sources = sources();
    let n = sources.len();
    for options in option_sets() {
        let mut compiler = Compiler::new();
        compile_all(&mut compiler, &sources, 0..n, &options);
        compile_all(&mut compiler, &sources, (0..n).rev(), &options);
        // Each one twice in a row, and every one after the one before.
        compile_all(&mut compiler, &sources, (0..2 * n).map(|i| i / 2), &options);
    }
}

#[test]
fn every_entry_point_of_a_reused_context_compiles_as_a_fresh_one() {
    let sources = sources();
    let options = minijit_tests::options();
    let mut compiler = Compiler::new();
    for (name, source) in &sources {
        let fresh = module(minijit::compile_to_ir(source, &options));
        assert_eq!(
            module(compiler.compile_to_ir(source, &options)),
            fresh,
            "{name}"
        );
        let Outcome::Module(ir) = fresh else {
            continue;
        };
        let fresh = program(minijit::compile_ir_optimized_with(ir.clone(), &options));
        let reused = program(compiler.compile_ir_optimized_with(ir.clone(), &options));
        assert_eq!(reused, fresh, "{name} from IR");
        // The front end's IR has unchecked loads (`for v in data`), which
        // the checked verifier may refuse: the same way both times.
        let fresh = program(minijit::compile_ir(ir.clone()));
        assert_eq!(
            program(compiler.compile_ir(ir.clone())),
            fresh,
            "{name} checked"
        );
        // The first function with its first parameter fixed, if it is an
        // integer (a buffer is refused, the same way both times).
        let Some(f) = ir.functions.first() else {
            continue;
        };
        let mut fixed = vec![None; f.signature.params.len()];
        if let Some(first) = fixed.first_mut() {
            *first = Some(7);
        }
        let fresh = program(minijit::compile_specialized(
            source, &options, &f.name, &fixed,
        ));
        let reused = program(compiler.compile_specialized(source, &options, &f.name, &fixed));
        assert_eq!(reused, fresh, "{name} specialized");
        let specializations = [minijit::Specialization {
            general: &f.name,
            fixed: &fixed,
            name: "specialized_here",
        }];
        let fresh = program(minijit::compile_specializing(
            source,
            &options,
            &specializations,
        ));
        let reused = program(compiler.compile_specializing(source, &options, &specializations));
        assert_eq!(reused, fresh, "{name} specializing");
    }
}

/// What an observer of a compile was told, in order: each stage's start
/// (`true`) and end.
#[derive(Default)]
struct Told(Vec<(minijit::Stage, bool)>);

impl minijit::Observer for Told {
    fn starts(&mut self, stage: minijit::Stage) {
        self.0.push((stage, true));
    }

    fn ends(&mut self, stage: minijit::Stage) {
        self.0.push((stage, false));
    }
}

/// An observed compile gives what a compile gives, and tells its observer
/// of every stage it runs, in the pipeline's order, each ended before the
/// next starts: the front end's four, `inline`, each function's run of
/// the other passes, the backend; a compile that fails stops telling at
/// the stage that failed, once it has ended.
#[test]
fn an_observed_compile_tells_each_stage_in_order() {
    use minijit::Stage;
    let options = minijit_tests::options();
    let mut compiler = Compiler::new();
    for (name, source) in &sources() {
        let mut told = Told::default();
        let observed = program(compiler.compile_observed(source, &options, &mut told));
        assert_eq!(
            observed,
            program(minijit::compile(source, &options)),
            "{name}"
        );
        assert_eq!(told.0.len() % 2, 0, "{name}: {:?}", told.0);
        let (starts, ends): (Vec<_>, Vec<_>) = told.0.chunks(2).map(|p| (p[0], p[1])).unzip();
        for (&(started, s), &(ended, e)) in starts.iter().zip(&ends) {
            assert!(s && !e && started == ended, "{name}: {:?}", told.0);
        }
        let functions = minijit::compile_to_ir(source, &options).map_or(0, |m| m.functions.len());
        let mut pipeline = vec![
            Stage::Lex,
            Stage::Parse,
            Stage::Check,
            Stage::Lower,
            Stage::Pass(0),
        ];
        for _ in 0..functions {
            pipeline.extend((1..minijit::opt::PASSES.len()).map(Stage::Pass));
        }
        pipeline.push(Stage::Backend);
        let stages: Vec<Stage> = starts.iter().map(|&(s, _)| s).collect();
        match observed {
            Outcome::Error(_) => assert!(pipeline.starts_with(&stages), "{name}: {stages:?}"),
            _ => assert_eq!(stages, pipeline, "{name}"),
        }
    }
    let names: Vec<&str> = Stage::all().map(Stage::name).collect();
    assert_eq!(names.len(), Stage::COUNT);
    assert_eq!(names[..4], ["lex", "parse", "check", "lower"]);
    assert_eq!(names[4..Stage::COUNT - 1], minijit::opt::PASSES);
    assert!(Stage::all().enumerate().all(|(i, s)| s.index() == i));
}
