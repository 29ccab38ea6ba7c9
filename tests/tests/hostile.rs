//! Hostile input to the front end: whatever the bytes, compiling gives a
//! module or a located error, never a panic or a stack overflow, and a
//! module that compiles verifies and runs without panicking.

use minijit::interp::Interpreter;
use minijit::CallError;
use minijit::{compile_to_ir, Options};
use minijit_tests::rng::{Algorithm, Rng};
use minijit_tests::{bench_programs, files_in};

/// Compiles `source`; if it compiles, verifies it and calls every function
/// with small arguments under a fuel budget. Panics only on a real bug.
fn compile_and_poke(source: &str) {
    let options = Options {
        fuel: true,
        ..Options::default()
    };
    let Ok(module) = compile_to_ir(source, &options) else {
        return;
    };
    if let Err(e) = minijit::ir::verify::verify(&module) {
        panic!("verifier rejects lowered IR: {e}\n--- source\n{source}");
    }
    for (i, f) in module.functions.iter().enumerate() {
        let args: Vec<i64> = (0..f.params().len() as i64).map(|a| a - 1).collect();
        let result = Interpreter::new(&module)
            .with_fuel(Some(10_000))
            .call_ints(minijit::ir::FuncId::new(i), &args);
        if let Err(CallError::Malformed(m)) = result {
            panic!("lowered IR is malformed: {m}\n--- source\n{source}");
        }
    }
}

/// Runs `f` on a thread with a 2 MiB stack, like a default test thread, so
/// that a stack overflow shows as a test failure rather than passing by
/// luck on a big main-thread stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic, no stack overflow");
}

#[test]
fn deep_nesting_is_refused_or_accepted_without_overflow() {
    on_small_stack(|| {
        let deep = |open: &str, close: &str, n: usize| {
            format!(
                "def f(x):\n    return {}x{}\n",
                open.repeat(n),
                close.repeat(n)
            )
        };
        for n in [10_000, 1_000, 501] {
            for (open, close) in [
                ("(", ")"),
                ("-", ""),
                ("not ", ""),
                ("~", ""),
                ("abs(", ")"),
            ] {
                if open == "(" && n < 1_000 {
                    // Parentheses add no tree level; only hundreds are refused.
                    continue;
                }
                let src = deep(open, close, n);
                assert!(
                    compile_to_ir(&src, &Options::default()).is_err(),
                    "{open} x {n}"
                );
            }
            // A flat sum is one level however long, and compiles all the
            // way; nested to the right, every term is a level.
            let sum = format!("def f(x):\n    return x{}\n", " + x".repeat(n));
            let keeping_ir = Options {
                keep_ir: true,
                ..Options::default()
            };
            let program = minijit::compile(&sum, &keeping_ir).expect("a flat sum compiles");
            let module = program.ir().expect("kept");
            assert_eq!(
                Interpreter::new(module).call_ints(minijit::ir::FuncId::new(0), &[3]),
                Ok(3 * (n as i64 + 1)),
                "sum of {n}"
            );
            let nested = deep("x + (", ")", n);
            assert!(
                compile_to_ir(&nested, &Options::default()).is_err(),
                "nested sum of {n}"
            );
            let pow = format!("def f(x):\n    return x{}\n", " ** x".repeat(n));
            assert!(
                compile_to_ir(&pow, &Options::default()).is_err(),
                "power tower of {n}"
            );
        }
        // The language asks for at least 100 levels; all stages must cope,
        // also where a level of the source is several of the tree.
        for (open, close) in [
            ("(", ")"),
            ("-", ""),
            ("not ", ""),
            ("abs(", ")"),
            ("(x + ", ")"),
            ("-(", " * 2)"),
            ("abs(-(", ") * 2 + x)"),
            ("max(x, -", ")"),
        ] {
            let src = deep(open, close, 100);
            compile_and_poke(&src);
            assert!(
                compile_to_ir(&src, &Options::default()).is_ok(),
                "{open} x 100"
            );
        }
        let mut ifs = String::from("def f(x):\n");
        for depth in 1..=100 {
            ifs += &format!("{}if x > {depth}:\n", "    ".repeat(depth));
        }
        ifs += &format!("{}return 1\n    return 0\n", "    ".repeat(101));
        compile_and_poke(&ifs);
        assert!(compile_to_ir(&ifs, &Options::default()).is_ok());
        let mut too_deep = String::from("def f(x):\n");
        for depth in 1..=2_000 {
            too_deep += &format!("{}while x:\n", " ".repeat(depth));
        }
        too_deep += &format!("{}pass\n    return 0\n", " ".repeat(2_001));
        assert!(compile_to_ir(&too_deep, &Options::default()).is_err());
    });
}

#[test]
fn huge_and_odd_literals_are_errors() {
    for lit in [
        "9223372036854775808",
        "99999999999999999999999999999999",
        "0x1_0000_0000_0000_0000",
        "0b",
        "0x",
        "1__0",
        "1_",
        "0o8",
        "012",
        "1e5",
        "1.",
        ".5",
        "3j",
    ] {
        let src = format!("def f():\n    return {lit}\n");
        let err = compile_to_ir(&src, &Options::default());
        assert!(err.is_err(), "{lit} should be refused");
    }
    let ok = "def f():\n    return 0x7fff_ffff_ffff_ffff + 0o17 + 0b1_0 + 1_000 + 00\n";
    assert!(compile_to_ir(ok, &Options::default()).is_ok());
}

/// An `if`/`elif` chain is one level however long (an opcode dispatch has
/// hundreds of arms): it compiles on a small stack, every arm and the
/// `else` answer as the interpreter says, and nesting inside an arm
/// counts from the chain's own level.
#[test]
fn a_long_elif_chain_compiles_and_runs_every_arm() {
    on_small_stack(|| {
        let arms = 5_000;
        let mut src = String::from("def f(x, y):\n    if x == 0:\n        y = 7\n");
        for k in 1..arms {
            src.push_str(&format!(
                "    elif x == {k}:\n        y = y * {k} + {}\n",
                k % 7
            ));
        }
        src.push_str(
            "    else:\n        if y > 0:\n            return -y\n        return 0\n    return y\n",
        );
        let keeping_ir = Options {
            keep_ir: true,
            ..Options::default()
        };
        let program = minijit::compile(&src, &keeping_ir).expect("a long elif chain compiles");
        let loaded = host::jit::load(&program).unwrap();
        let f = program.function("f").unwrap();
        let mut interp = Interpreter::new(program.ir().expect("kept"));
        for x in [0, 1, 2, 1234, arms - 1, arms, -1] {
            for y in [3, -5] {
                let args = || minijit::ints(&[x, y]);
                let want = interp.call(
                    minijit::ir::FuncId::new(0),
                    &mut args(),
                    &mut minijit::NoHost,
                );
                let got = loaded.call(
                    f,
                    &mut args(),
                    &minijit::Limits::default(),
                    &mut minijit::NoHost,
                );
                assert_eq!(got, want, "f({x}, {y})");
            }
        }
        let mut at = |x: i64| interp.call_ints(minijit::ir::FuncId::new(0), &[x, 3]);
        assert_eq!(at(0), Ok(7));
        assert_eq!(at(1234), Ok(3 * 1234 + 1234 % 7));
        assert_eq!(at(arms), Ok(-3));
    });
}

#[test]
fn random_bytes_never_panic() {
    on_small_stack(|| {
        let alphabet: Vec<char> = "def return if elif else while for in range break continue pass assert and or not True False ( ) : , ; = + - * // % ** << >> & | ^ ~ < > == != <= >= \n \t    x y f 0 1 -1 0x 9223372036854775807 \" ' \\ # \0 é"
            .split(' ')
            .flat_map(|w| w.chars().chain([' ']))
            .collect();
        let mut rng = Rng::with_state(Algorithm::XorShift64Star, 0x9E37_79B9_7F4A_7C15);
        for _ in 0..3_000 {
            let len = rng.below(200);
            let src: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            compile_and_poke(&src);
        }
    });
}

#[test]
fn mutated_programs_never_panic() {
    let mut sources: Vec<String> = files_in("tests/programs", "py")
        .into_iter()
        .chain(bench_programs())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    sources.retain(|s| s.len() < 20_000);
    on_small_stack(move || {
        let tokens = [
            "(",
            ")",
            ":",
            "\n",
            "    ",
            "\t",
            "return ",
            "while True:\n",
            "break",
            "x",
            "-",
            "**",
            "//",
            " if ",
            " else ",
            "0",
            "9223372036854775807",
            "not ",
            "and ",
            ",",
            "=",
            "def ",
        ];
        let mut rng = Rng::with_state(Algorithm::XorShift64Star, 42);
        for round in 0..2_000 {
            let base = &sources[round % sources.len()];
            let mut chars: Vec<char> = base.chars().collect();
            for _ in 0..1 + rng.below(4) {
                if chars.is_empty() {
                    break;
                }
                let at = rng.below(chars.len());
                match rng.below(3) {
                    0 => {
                        let end = (at + rng.below(8)).min(chars.len());
                        chars.drain(at..end);
                    }
                    1 => {
                        let t = tokens[rng.below(tokens.len())];
                        chars.splice(at..at, t.chars());
                    }
                    _ => {
                        let from = rng.below(chars.len());
                        let c = chars[from];
                        chars.insert(at, c);
                    }
                }
            }
            let src: String = chars.into_iter().collect();
            compile_and_poke(&src);
        }
    });
}

/// Calls that do not fit the function are errors, never undefined
/// behaviour: wrong counts, wrong kinds, a function of another program, a
/// fuel budget the code cannot count; the interpreter says the same.
#[test]
fn calls_that_do_not_fit_the_signature_are_refused() {
    use minijit::interp::Interpreter;
    use minijit::{Arg, CallError, Limits, NoHost, ParamKind};
    let source = "def f(b: bytearray, n: int) -> int:\n    return len(b) + n\n";
    let program = minijit::compile(source, &minijit_tests::options()).unwrap();
    let other = minijit::compile(source, &minijit::Options::default()).unwrap();
    let loaded = host::jit::load(&program).unwrap();
    let f = program.function("f").unwrap();
    let limits = Limits::default();
    let mut data = [1u8, 2, 3];
    let mut list = [1i64];
    let bytes = [0u8; 4];
    let cases: Vec<(Vec<Arg<'_>>, CallError)> = vec![
        (
            vec![Arg::Int(1)],
            CallError::WrongArgCount {
                expected: 2,
                got: 1,
            },
        ),
        (
            vec![Arg::Int(1), Arg::Int(2)],
            CallError::WrongArgKind {
                index: 0,
                expected: ParamKind::Buffer(minijit::BufKind::ByteArray),
                got: ParamKind::Int,
            },
        ),
        (
            vec![Arg::Bytes(&bytes), Arg::Int(2)],
            CallError::WrongArgKind {
                index: 0,
                expected: ParamKind::Buffer(minijit::BufKind::ByteArray),
                got: ParamKind::Buffer(minijit::BufKind::Bytes),
            },
        ),
        (
            vec![Arg::ByteArray(&mut data), Arg::List(&mut list)],
            CallError::WrongArgKind {
                index: 1,
                expected: ParamKind::Int,
                got: ParamKind::Buffer(minijit::BufKind::List),
            },
        ),
    ];
    let module = program.ir().expect("minijit_tests::options() keeps the IR");
    for (mut args, want) in cases {
        assert_eq!(
            loaded.call(f, &mut args, &limits, &mut NoHost),
            Err(want.clone())
        );
        let id = module.function_id("f").unwrap();
        assert_eq!(
            Interpreter::new(module).call(id, &mut args, &mut NoHost),
            Err(want)
        );
    }
    // A FuncRef from another program, even of the same source, is refused.
    let foreign = other.function("f").unwrap();
    let mut data = [1u8, 2, 3];
    let mut args = [Arg::ByteArray(&mut data), Arg::Int(4)];
    assert_eq!(
        loaded.call(foreign, &mut args, &limits, &mut NoHost),
        Err(CallError::NoSuchFunction)
    );
    assert_eq!(program.signature(foreign), None);
    // A fuel budget needs code compiled with fuel.
    let with_fuel = Limits {
        fuel: Some(10),
        ..Limits::default()
    };
    assert_eq!(
        loaded.call(f, &mut args, &with_fuel, &mut NoHost),
        Err(CallError::FuelNotCompiled)
    );
    // The right call answers, empty buffer included.
    assert_eq!(loaded.call(f, &mut args, &limits, &mut NoHost), Ok(Some(7)));
    let mut empty: [u8; 0] = [];
    let mut args = [Arg::ByteArray(&mut empty), Arg::Int(-1)];
    assert_eq!(
        loaded.call(f, &mut args, &limits, &mut NoHost),
        Ok(Some(-1))
    );
}

/// IR from outside, optimized: a branch whose two edges go to one block,
/// one passing an index past the end, keeps its index check (the order
/// facts once took the other edge's proof for both).
#[test]
fn two_edges_into_one_loop_block_keep_the_index_check() {
    use minijit::{Arg, CallError, Limits, NoHost};
    let text = "function f(list, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = lt v3, v1
    br v4, block1(v3, v3), block2
block1(v5, v20):
    v6 = check_index.list v5, v1
    v7 = load.list v0, v6
    v8 = const 1
    v9 = ge v20, v8
    br v9, block4, block3
block3:
    v10 = gt v2, v3
    v12 = const 7
    v13 = and v2, v12
    v11 = add v1, v13
    v21 = add v20, v8
    br v10, block1(v5, v21), block1(v11, v21)
block4:
    ret v7
block2:
    ret v3
}
";
    let module = minijit::ir::text::parse_module(text).unwrap();
    let program = minijit::compile_ir_optimized(module.clone()).unwrap();
    let loaded = host::jit::load(&program).unwrap();
    let f = program.function("f").unwrap();
    for k in [0, 5, -3, 8] {
        let run = |jit: bool| {
            let mut list = [1i64, 2, 3];
            let mut args = [Arg::List(&mut list), Arg::Int(k)];
            if jit {
                loaded.call(f, &mut args, &Limits::default(), &mut NoHost)
            } else {
                Interpreter::new(&module).call(minijit::ir::FuncId(0), &mut args, &mut NoHost)
            }
        };
        let want = run(false);
        assert_eq!(run(true), want, "k = {k}\n{module}");
        if k <= 0 {
            let message = want
                .as_ref()
                .err()
                .and_then(CallError::exception)
                .map(|e| e.to_string());
            assert_eq!(
                message.as_deref(),
                Some("IndexError: list index out of range")
            );
        }
    }
}

#[test]
fn host_declarations_a_program_cannot_call_are_refused() {
    use minijit::ir::{HostDecl, Returns};
    let compile_with = |hosts: Vec<HostDecl>| {
        let options = Options {
            hosts,
            ..Options::default()
        };
        compile_to_ir("def f():\n    return 1\n", &options).map(|_| ())
    };
    let refused = |name: &str, why: &str| {
        let error = compile_with(vec![HostDecl::new(name, 1, Returns::Int)]).unwrap_err();
        // (Shown with a control character replaced, as diagnostics show text.)
        let shown = name.replace(['\n', '\u{c}'], "\u{FFFD}");
        assert_eq!(error.message, format!("host function `{shown}` {why}"));
    };
    for name in [
        "",
        "a b",
        "def",
        "True",
        "None",
        "1x",
        " x",
        "x\n",
        "x#",
        "é",
        "f(x)",
        "\nx",
        "#c\nx",
        "\\\nx",
        "\u{c}x",
        "\u{FEFF}x",
    ] {
        refused(name, "is not a name a program can call");
    }
    refused("abs", "has the name of a builtin");
    for name in ["x", "_", "match", "log2", "__x"] {
        assert_eq!(
            compile_with(vec![HostDecl::new(name, 1, Returns::Int)]),
            Ok(())
        );
    }
    // The first name declared again is named (20,000 declarations: the
    // check is n log n, so many cost little).
    let many = |dup: bool| {
        let mut hosts: Vec<HostDecl> = (0..20_000)
            .map(|i| HostDecl::new(format!("h{i}"), 0, Returns::None))
            .collect();
        if dup {
            hosts.push(HostDecl::new("h123", 1, Returns::Int));
            hosts.push(HostDecl::new("h12", 1, Returns::Int));
        }
        compile_with(hosts)
    };
    assert_eq!(many(false), Ok(()));
    let error = many(true).unwrap_err();
    assert_eq!(error.message, "host function `h123` is declared twice");
}
