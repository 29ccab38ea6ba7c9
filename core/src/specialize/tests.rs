//! Specialized functions answer as the general ones do with the fixed
//! values: results, exceptions, output and recursion depth.

use super::*;
use crate::interp::Interpreter;
use crate::ir::text::parse_module;
use crate::ir::{BinaryOp, HostDecl};
use crate::test_fixtures::Rng;
use crate::{compile_to_ir, CallError, Exception, Options};
use alloc::string::ToString;

const POWMOD: &str = "\
def powmod(b, e, m):
    r = 1
    b = b % m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r
";

fn ir(source: &str) -> Module {
    compile_to_ir(source, &Options::default()).unwrap()
}

/// `general(args)` and `specialized(free args)` in the interpreter, with
/// a recursion limit, for every argument vector given.
fn assert_same_answers(source: &str, name: &str, fixed: &Fixed, calls: &[Vec<i64>]) {
    let module = ir(source);
    let general = module.function_id(name).unwrap();
    let s = specialize(&module, general, fixed).unwrap();
    for args in calls {
        let free: Vec<i64> = args
            .iter()
            .zip(fixed)
            .filter(|(_, f)| f.is_none())
            .map(|(&a, _)| a)
            .collect();
        let with_fixed: Vec<i64> = args
            .iter()
            .zip(fixed)
            .map(|(&a, f)| f.unwrap_or(a))
            .collect();
        let want = Interpreter::new(&module)
            .with_recursion_limit(200)
            .call_ints(general, &with_fixed);
        let got = Interpreter::new(&s.module)
            .with_recursion_limit(200)
            .call_ints(s.func, &free);
        assert_eq!(got, want, "{name}{args:?} fixed {fixed:?}\n{}", s.module);
    }
}

fn random_calls(n: usize, width: usize) -> Vec<Vec<i64>> {
    let mut rng = Rng::new(0x5eed_1234);
    let edges = [0, 1, -1, 2, 7, 63, 64, i64::MAX, i64::MIN, 1_000_003];
    (0..n)
        .map(|_| {
            (0..width)
                .map(|_| {
                    if rng.chance(50) {
                        edges[rng.below(edges.len())]
                    } else {
                        (rng.next_u64() % 2001) as i64 - 1000
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn fixed_modulus_drops_the_parameter_and_the_division() {
    let module = ir(POWMOD);
    let f = module.function_id("powmod").unwrap();
    let s = specialize(&module, f, &[None, None, Some(1_000_003)]).unwrap();
    let powmod = s.module.function(s.func);
    assert_eq!(powmod.name, "powmod");
    assert_eq!(powmod.signature.params, vec![ParamKind::Int; 2]);
    let divides = powmod.insts.iter().any(|d| {
        matches!(
            d.kind,
            InstKind::Binary(BinaryOp::Mod | BinaryOp::FloorDiv, ..)
        )
    });
    assert!(!divides, "{}", s.module);
    assert_eq!(
        Interpreter::new(&s.module).call_ints(s.func, &[3, 1_000_001]),
        Ok(pow_mod(3, 1_000_001, 1_000_003))
    );
}

fn pow_mod(mut b: i64, mut e: i64, m: i64) -> i64 {
    let mut r = 1;
    b %= m;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    r
}

#[test]
fn every_choice_of_fixed_parameters_answers_as_the_general_function() {
    let calls = random_calls(40, 3);
    for mask in 0..8u32 {
        for fixed_values in [[5, 3, 1_000_003], [-7, 0, 0], [i64::MIN, 64, -13]] {
            let fixed: Vec<Option<i64>> = (0..3)
                .map(|i| (mask >> i & 1 == 1).then_some(fixed_values[i]))
                .collect();
            assert_same_answers(POWMOD, "powmod", &fixed, &calls);
        }
    }
}

#[test]
fn recursion_calls_the_specialized_copy_and_fails_at_the_same_depth() {
    let source = "\
def walk(n, m):
    if n == 0:
        return 0
    return walk(n - 1, m) + n % m
";
    let module = ir(source);
    let f = module.function_id("walk").unwrap();
    let s = specialize(&module, f, &[None, Some(10)]).unwrap();
    assert_eq!(s.copies, 1);
    assert_eq!(s.module.functions.len(), 1, "{}", s.module);
    let calls: Vec<Vec<i64>> = [0, 1, 5, 198, 199, 200, 201, 500]
        .iter()
        .map(|&n| vec![n, 0])
        .collect();
    assert_same_answers(source, "walk", &[None, Some(10)], &calls);
    // The specialized function past the limit raises as the general one.
    let deep = Interpreter::new(&s.module)
        .with_recursion_limit(200)
        .call_ints(s.func, &[200]);
    assert!(matches!(deep, Err(CallError::Trap(e)) if e.trap == crate::Trap::RecursionError));
}

#[test]
fn callees_receiving_a_fixed_value_are_specialized_too() {
    let source = "\
def mulmod(a, b, m):
    return a * b % m

def outer(x, m):
    t = 0
    for i in range(x):
        t = (t + mulmod(i, i, m)) % m
    return t + mulmod(x, 3, 7)
";
    let module = ir(source);
    let f = module.function_id("outer").unwrap();
    let s = specialize_unoptimized(&module, f, &[None, Some(97)]).unwrap();
    // outer, mulmod with m = 97; mulmod(x, 3, 7) passes no fixed value on.
    assert_eq!(s.copies, 2, "{}", s.module);
    let text = s.module.to_string();
    assert!(text.contains("call mulmod.1("), "{text}");
    assert!(text.contains("call mulmod("), "{text}");
    // Short loops: `x` is a trip count.
    let calls: Vec<Vec<i64>> = (-3..40).map(|x| vec![x, 0]).collect();
    assert_same_answers(source, "outer", &[None, Some(97)], &calls);
    assert_same_answers(source, "outer", &[None, Some(0)], &calls);
    assert_same_answers(source, "outer", &[None, Some(-5)], &calls);
}

#[test]
fn past_the_cap_calls_go_to_the_general_functions() {
    let mut source = String::new();
    let n = MAX_COPIES + 6;
    for i in 0..n {
        let next = if i + 1 < n {
            format!("f{}(x, m)", i + 1)
        } else {
            "x % m".to_string()
        };
        source += &format!("def f{i}(x, m):\n    return {next} + 1\n\n");
    }
    let module = ir(&source);
    let f0 = module.function_id("f0").unwrap();
    let s = specialize_unoptimized(&module, f0, &[None, Some(9)]).unwrap();
    assert_eq!(s.copies, MAX_COPIES);
    assert!(s.module.function_id("f64").is_some(), "{}", s.module);
    assert_same_answers(&source, "f0", &[None, Some(9)], &random_calls(20, 2));
    assert_same_answers(&source, "f0", &[None, Some(0)], &random_calls(5, 2));
}

#[test]
fn a_fixed_zero_divisor_raises_as_the_general_function_does() {
    let source = "def f(a, m):\n    return a // m + a % m\n";
    assert_same_answers(source, "f", &[None, Some(0)], &random_calls(10, 2));
    assert_same_answers(source, "f", &[Some(5), Some(0)], &[vec![0, 0]]);
}

#[test]
fn output_comes_in_the_same_order() {
    let source = "\
def show(n, k):
    for i in range(n):
        print(i, k, i % k)
    return k
";
    let options = Options {
        hosts: vec![HostDecl::print()],
        ..Options::default()
    };
    let module = compile_to_ir(source, &options).unwrap();
    let f = module.function_id("show").unwrap();
    let s = specialize(&module, f, &[None, Some(3)]).unwrap();
    let run = |m: &Module, func: FuncId, args: &[i64]| {
        let mut lines = Vec::new();
        let mut host = |_: crate::HostId, v: &[i64]| -> Result<i64, Exception> {
            lines.push(v.to_vec());
            Ok(0)
        };
        let mut args: Vec<crate::Arg<'_>> = args.iter().map(|&a| crate::Arg::Int(a)).collect();
        let result = Interpreter::new(m).call(func, &mut args, &mut host);
        (result, lines)
    };
    assert_eq!(run(&s.module, s.func, &[5]), run(&module, f, &[5, 3]));
}

#[test]
fn an_entry_that_loops_gets_a_new_entry() {
    let text = "\
function count {
block0(v0, v1):
    v2 = const 0
    v3 = le v0, v2
    br v3, block1, block2
block1:
    ret v1
block2:
    v4 = const 1
    v5 = sub v0, v4
    v6 = add v1, v4
    jump block0(v5, v6)
}
";
    let module = parse_module(text).unwrap();
    let f = FuncId::new(0);
    for fixed in [[Some(5), None], [None, Some(7)], [Some(3), Some(4)]] {
        let s = specialize(&module, f, &fixed).unwrap();
        assert!(crate::ir::verify::verify(&s.module).is_ok(), "{}", s.module);
        for x in [-1, 0, 1, 10] {
            let full: Vec<i64> = fixed.iter().map(|v| v.unwrap_or(x)).collect();
            let free: Vec<i64> = fixed.iter().filter(|v| v.is_none()).map(|_| x).collect();
            assert_eq!(
                Interpreter::new(&s.module).call_ints(s.func, &free),
                Interpreter::new(&module).call_ints(f, &full)
            );
        }
    }
}

#[test]
fn bad_requests_are_errors() {
    let module = ir("def f(a, b: bytes):\n    return a + len(b)\n");
    let f = module.function_id("f").unwrap();
    assert_eq!(
        specialize(&module, FuncId::new(7), &[]),
        Err(SpecializeError::UnknownFunction(FuncId::new(7)))
    );
    let wrong = specialize(&module, f, &[Some(1)]).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "`f` has 2 parameters but 1 fixed value was given"
    );
    let buffer = specialize(&module, f, &[None, Some(1)]).unwrap_err();
    assert_eq!(
        buffer.to_string(),
        "parameter 2 of `f` is a bytes buffer: only integer parameters can be fixed"
    );
    let s = specialize(&module, f, &[Some(4), None]).unwrap();
    assert_eq!(
        s.module.function(s.func).signature.params,
        vec![ParamKind::Buffer(crate::BufKind::Bytes)]
    );
}

#[test]
fn parameter_names_come_from_the_source() {
    assert_eq!(
        crate::parameter_names(POWMOD, "powmod"),
        Ok(Some(vec!["b".into(), "e".into(), "m".into()]))
    );
    assert_eq!(crate::parameter_names(POWMOD, "nope"), Ok(None));
    assert!(crate::parameter_names("def (", "f").is_err());
}

#[test]
fn specialize_into_replaces_a_stub_that_calls_the_general_function() {
    let source = format!(
        "{POWMOD}\ndef powmod_m(b, e):\n    return powmod(b, e, 1000003)\n\ndef use_it(x):\n    return powmod_m(x, x)\n"
    );
    let mut module = ir(&source);
    let general = module.function_id("powmod").unwrap();
    let stub = module.function_id("powmod_m").unwrap();
    let use_it = module.function_id("use_it").unwrap();
    let before: Vec<_> = (0..30)
        .map(|x| Interpreter::new(&module).call_ints(use_it, &[x]))
        .collect();
    let id = specialize_into(
        &mut module,
        general,
        &[None, None, Some(1_000_003)],
        "powmod_m",
    )
    .unwrap();
    assert_eq!(id, stub);
    assert!(
        crate::ir::verify::verify_checked(&module).is_ok(),
        "{module}"
    );
    // The stub no longer calls the general function: it is the copy.
    assert!(!module.function(stub).to_string().contains("call powmod("));
    let after: Vec<_> = (0..30)
        .map(|x| Interpreter::new(&module).call_ints(use_it, &[x]))
        .collect();
    assert_eq!(after, before);
    let wrong = specialize_into(&mut module, general, &[None, Some(3), Some(5)], "powmod_m");
    assert!(matches!(
        wrong,
        Err(SpecializeError::SignatureMismatch { .. })
    ));
    let fresh = specialize_into(&mut module, general, &[Some(2), None, Some(5)], "pow2").unwrap();
    assert_eq!(module.function(fresh).name, "pow2");
    assert_eq!(
        Interpreter::new(&module).call_ints(fresh, &[10]),
        Ok(1024 % 5)
    );
}

#[test]
fn copies_never_take_a_name_the_module_has() {
    // IR from text may have dotted names; `h.1` is the name the copy of
    // `h` would get, and `g.general` the one the general `g` would.
    let text = "\
function g {
block0(v0, v1):
    v2 = call h(v0, v1)
    v3 = call h.1(v2)
    v4 = call g.general(v3)
    v5 = call g(v4, v2)
    ret v5
}

function h {
block0(v0, v1):
    v2 = add v0, v1
    ret v2
}

function h.1 {
block0(v0):
    ret v0
}

function g.general {
block0(v0):
    ret v0
}
";
    let module = parse_module(text).unwrap();
    let s = specialize_unoptimized(&module, FuncId::new(0), &[None, Some(5)]).unwrap();
    assert!(crate::ir::verify::verify(&s.module).is_ok(), "{}", s.module);
    let names: Vec<&str> = s.module.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names[0], "g");
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    let mut into = module.clone();
    let id = specialize_into(&mut into, FuncId::new(0), &[None, Some(5)], "h").unwrap_err();
    assert!(matches!(id, SpecializeError::SignatureMismatch { .. }));
    let id = specialize_into(&mut into, FuncId::new(0), &[None, Some(5)], "g.general").unwrap();
    assert!(crate::ir::verify::verify(&into).is_ok(), "{into}");
    assert_eq!(into.function(id).name, "g.general");
}

#[test]
fn compile_specializing_names_what_it_refuses() {
    let source = "def f(a, b):\n    return a * b\n";
    let options = Options {
        hosts: alloc::vec![HostDecl::print()],
        ..Options::default()
    };
    let refused = |general: &str, name: &str| {
        let s = crate::Specialization {
            general,
            fixed: &[Some(2), None],
            name,
        };
        match crate::compile_specializing(source, &options, &[s]) {
            Err(e) => e.to_string(),
            Ok(_) => alloc::format!("`{general}` as `{name}` compiled"),
        }
    };
    assert_eq!(
        refused("g", "g2"),
        "specialization 1: no function `g` in the source"
    );
    assert_eq!(
        refused("f", "print"),
        "specialization 1: the specialized function's name `print` is the name of a host function"
    );
    assert_eq!(
        refused("f", "range"),
        "specialization 1: the specialized function's name `range` is the name `for` loops use"
    );
    for name in ["", "f 2", "def", "True", "\nx", "#c\nx", "\u{FEFF}x"] {
        let shown = name.replace('\n', "\u{FFFD}");
        assert_eq!(
            refused("f", name),
            alloc::format!(
                "specialization 1: the specialized function's name `{shown}` is not a name a \
                 program can call"
            )
        );
    }
    // A builtin's name other than those `for` loops use is the program's
    // to take, as a `def` may.
    assert_eq!(refused("f", "abs"), "`f` as `abs` compiled");
    assert_eq!(refused("f", "double"), "`f` as `double` compiled");
}
