//! The front end's buffers, functions returning None and host functions,
//! end to end: source compiled with `compile_to_ir` and run in the
//! reference interpreter with real buffers and a host that records what
//! `print` is given. The expected results, prints and final buffers were
//! printed by CPython 3.11 running the same calls.

use minijit::interp::Interpreter;
use minijit::ir::{HostArity, Module};
use minijit::{compile_to_ir, Arg, CallError, Exception, HostDecl, HostId, Options, Returns, Trap};

/// An argument value as written in the case table.
#[derive(Clone, Debug)]
enum V {
    I(i64),
    B(&'static [u8]),
    BA(Vec<u8>),
    L(Vec<i64>),
}
use V::*;

fn options() -> Options {
    Options {
        hosts: vec![HostDecl::print()],
        ..Options::default()
    }
}

fn compile(src: &str, options: &Options) -> Module {
    compile_to_ir(src, options).unwrap_or_else(|e| panic!("{}", e.render("test.py", src)))
}

/// The result as CPython prints it (`None`, the integer, or `Name:
/// message`).
fn outcome(result: Result<Option<i64>, CallError>) -> String {
    match result {
        Ok(Some(v)) => v.to_string(),
        Ok(None) => "None".to_string(),
        Err(CallError::Trap(e)) => format!("{}: {}", e.trap.name(), e.message),
        Err(e) => panic!("not an exception: {e}"),
    }
}

/// Calls `name` with `args`; gives the outcome, the lines `print` was
/// given (joined with `|`) and the final writable buffers (`; `).
fn run(module: &Module, name: &str, args: &[V]) -> (String, String, String) {
    let func = module
        .function_id(name)
        .unwrap_or_else(|| panic!("no {name}"));
    let mut owned = args.to_vec();
    let mut call_args: Vec<Arg<'_>> = owned
        .iter_mut()
        .map(|a| match a {
            I(v) => Arg::Int(*v),
            B(b) => Arg::Bytes(b),
            BA(b) => Arg::ByteArray(b),
            L(l) => Arg::List(l),
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut host = |id: HostId, values: &[i64]| -> Result<i64, Exception> {
        assert_eq!(module.hosts[id.index()].name, "print");
        let words: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        lines.push(words.join(" "));
        Ok(0)
    };
    let result = Interpreter::new(module).call(func, &mut call_args, &mut host);
    drop(call_args);
    let finals: Vec<String> = owned
        .iter()
        .filter_map(|a| match a {
            BA(b) => Some(format!("{b:?}")),
            L(l) => Some(format!("{l:?}")),
            _ => None,
        })
        .collect();
    (outcome(result), lines.join("|"), finals.join("; "))
}

#[test]
fn buffer_programs_match_cpython() {
    let src = include_str!("frontend/buffers.py");
    let module = compile(src, &options());
    minijit::ir::verify::verify(&module).unwrap();
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<V>, &str, &str, &str)> = vec![
    ("total", vec![L(vec![1, 2, 3, -4])], "2", "", "[1, 2, 3, -4]"),
    ("total", vec![L(vec![])], "0", "", "[]"),
    ("get_b", vec![B(&[97, 98]), I(1)], "98", "", ""),
    ("get_b", vec![B(&[97, 98]), I(-2)], "97", "", ""),
    ("get_b", vec![B(&[97, 98]), I(2)], "IndexError: index out of range", "", ""),
    ("get_b", vec![B(&[97, 98]), I(-3)], "IndexError: index out of range", "", ""),
    ("get_b", vec![B(&[]), I(0)], "IndexError: index out of range", "", ""),
    ("get_b", vec![B(&[97, 98]), I(-9223372036854775808)], "IndexError: index out of range", "", ""),
    ("get_b", vec![B(&[97, 98]), I(9223372036854775807)], "IndexError: index out of range", "", ""),
    ("get_ba", vec![BA(vec![255, 1]), I(0)], "255", "", "[255, 1]"),
    ("get_ba", vec![BA(vec![255, 1]), I(2)], "IndexError: bytearray index out of range", "", "[255, 1]"),
    ("get_ba", vec![BA(vec![255, 1]), I(-3)], "IndexError: bytearray index out of range", "", "[255, 1]"),
    ("get_l", vec![L(vec![5, -6]), I(-1)], "-6", "", "[5, -6]"),
    ("get_l", vec![L(vec![5, -6]), I(2)], "IndexError: list index out of range", "", "[5, -6]"),
    ("get_l", vec![L(vec![5, -6]), I(-3)], "IndexError: list index out of range", "", "[5, -6]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(1), I(255)], "None", "", "[0, 255, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(-1), I(7)], "None", "", "[0, 0, 7]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(3), I(7)], "IndexError: bytearray index out of range", "", "[0, 0, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(-4), I(7)], "IndexError: bytearray index out of range", "", "[0, 0, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(1), I(256)], "ValueError: byte must be in range(0, 256)", "", "[0, 0, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(1), I(-1)], "ValueError: byte must be in range(0, 256)", "", "[0, 0, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(3), I(256)], "ValueError: byte must be in range(0, 256)", "", "[0, 0, 0]"),
    ("set_ba", vec![BA(vec![0, 0, 0]), I(-9), I(-9)], "ValueError: byte must be in range(0, 256)", "", "[0, 0, 0]"),
    ("set_l", vec![L(vec![1, 2]), I(-2), I(-7)], "None", "", "[-7, 2]"),
    ("set_l", vec![L(vec![1, 2]), I(2), I(0)], "IndexError: list assignment index out of range", "", "[1, 2]"),
    ("set_l", vec![L(vec![1, 2]), I(-3), I(0)], "IndexError: list assignment index out of range", "", "[1, 2]"),
    ("set_l", vec![L(vec![]), I(0), I(0)], "IndexError: list assignment index out of range", "", "[]"),
    ("add_ba", vec![BA(vec![16]), I(0), I(239)], "None", "", "[255]"),
    ("add_ba", vec![BA(vec![16]), I(0), I(240)], "ValueError: byte must be in range(0, 256)", "", "[16]"),
    ("add_ba", vec![BA(vec![16]), I(0), I(-17)], "ValueError: byte must be in range(0, 256)", "", "[16]"),
    ("add_ba", vec![BA(vec![16]), I(1), I(999)], "IndexError: bytearray index out of range", "", "[16]"),
    ("add_ba", vec![BA(vec![16]), I(-1), I(1)], "None", "", "[17]"),
    ("add_l", vec![L(vec![10, 20]), I(-1), I(5)], "None", "", "[10, 15]"),
    ("add_l", vec![L(vec![10, 20]), I(2), I(5)], "IndexError: list index out of range", "", "[10, 20]"),
    ("add_l", vec![L(vec![-9223372036854775807, 0]), I(0), I(1)], "None", "", "[-9223372036854775808, 0]"),
    ("swap", vec![L(vec![1, 2, 3]), I(0), I(2)], "None", "", "[3, 2, 1]"),
    ("swap", vec![L(vec![1, 2, 3]), I(1), I(-1)], "None", "", "[1, 3, 2]"),
    ("swap", vec![L(vec![1, 2, 3]), I(0), I(3)], "IndexError: list index out of range", "", "[1, 2, 3]"),
    ("swap", vec![L(vec![1, 2, 3]), I(1), I(1)], "None", "", "[1, 2, 3]"),
    ("fill", vec![BA(vec![0, 0, 0]), I(5), I(1)], "IndexError: bytearray index out of range", "", "[1, 2, 3]"),
    ("fill", vec![BA(vec![0, 0, 0, 0]), I(3), I(254)], "ValueError: byte must be in range(0, 256)", "", "[254, 255, 0, 0]"),
    ("fill", vec![BA(vec![0, 0, 0, 0]), I(2), I(200)], "None", "", "[200, 201, 0, 0]"),
    ("running", vec![L(vec![1, 2, 3, 4])], "20", "", "[1, 3, 6, 10]"),
    ("running", vec![L(vec![])], "0", "", "[]"),
    ("last_item", vec![L(vec![4, 5, 6])], "2006", "", "[4, 5, 6]"),
    ("last_item", vec![L(vec![])], "UnboundLocalError: cannot access local variable 'i' where it is not associated with a value", "", "[]"),
    ("last_byte", vec![B(&[120, 121, 122])], "122", "", ""),
    ("last_byte", vec![B(&[])], "-1", "", ""),
    ("alias", vec![L(vec![1, 2, 3])], "12", "", "[2, 4, 6]"),
    ("rotate", vec![L(vec![1, 2, 3, 4])], "None", "", "[2, 3, 4, 1]"),
    ("rotate", vec![L(vec![])], "None", "", "[]"),
    ("rebind_then_store", vec![L(vec![0, 0, 0])], "72", "", "[0, 0, 7]"),
    ("rebind_then_store", vec![L(vec![0, 0])], "IndexError: list assignment index out of range", "", "[0, 0]"),
    ("target_reads_earlier", vec![L(vec![0, 0, 0])], "None", "", "[2, 0, 9]"),
    ("count", vec![B(&[98, 97, 110, 97, 110, 97]), I(97)], "3", "", ""),
    ("ends", vec![B(&[1, 2, 3])], "769", "", ""),
    ("ends", vec![B(&[])], "IndexError: index out of range", "", ""),
    ("show", vec![L(vec![7, 8])], "None", "0 7|1 8||2", "[7, 8]"),
    ("show", vec![L(vec![])], "None", "|0", "[]"),
    ("store_traced", vec![BA(vec![0, 0]), I(0), I(5)], "None", "2|1", "[5, 0]"),
    ("store_traced", vec![BA(vec![0, 0]), I(5), I(300)], "ValueError: byte must be in range(0, 256)", "2|1", "[0, 0]"),
    ("store_traced", vec![BA(vec![0, 0]), I(5), I(3)], "IndexError: bytearray index out of range", "2|1", "[0, 0]"),
    ("aug_traced", vec![L(vec![1, 2]), I(1), I(5)], "None", "1|2", "[1, 7]"),
    ("aug_traced", vec![L(vec![1, 2]), I(9), I(5)], "IndexError: list index out of range", "1", "[1, 2]"),
    ("aug_traced_ba", vec![BA(vec![1]), I(0), I(255)], "ValueError: byte must be in range(0, 256)", "1|2", "[1]"),
    ("aug_traced_ba", vec![BA(vec![1]), I(3), I(1)], "IndexError: bytearray index out of range", "1", "[1]"),
    ("tuple_traced", vec![L(vec![0, 0]), I(0), I(1)], "None", "3|4|1|2", "[10, 20]"),
    ("tuple_traced", vec![L(vec![0, 0]), I(0), I(9)], "IndexError: list assignment index out of range", "3|4|1|2", "[10, 0]"),
    ("tuple_traced", vec![L(vec![0, 0]), I(9), I(0)], "IndexError: list assignment index out of range", "3|4|1", "[0, 0]"),
    ("tuple_traced_ba", vec![BA(vec![0, 0]), I(0), I(1), I(300)], "ValueError: byte must be in range(0, 256)", "3|4|1", "[0, 0]"),
    ("tuple_traced_ba", vec![BA(vec![0, 0]), I(9), I(1), I(300)], "ValueError: byte must be in range(0, 256)", "3|4|1", "[0, 0]"),
    ("tuple_traced_ba", vec![BA(vec![0, 0]), I(9), I(1), I(3)], "IndexError: bytearray index out of range", "3|4|1", "[0, 0]"),
    ("calls_none", vec![I(3)], "3", "3|2", ""),
    ("calls_none", vec![I(9)], "9", "9|4", ""),
    ("forever_none", vec![L(vec![9, 9, 9])], "IndexError: list assignment index out of range", "", "[0, 1, 2]"),
    ("mixed_kinds", vec![B(&[0, 15]), BA(vec![0, 0]), L(vec![0, 0, 0])], "480", "", "[255, 240]; [255, 225, 0]"),
    ("mixed_kinds", vec![B(&[0, 15, 1]), BA(vec![0, 0]), L(vec![0, 0, 0])], "IndexError: bytearray index out of range", "", "[255, 240]; [255, 225, 0]"),
    ("self_xor", vec![BA(vec![1, 2, 4])], "1029", "", "[4, 0, 5]"),
    ("self_xor", vec![BA(vec![7])], "0", "", "[0]"),

    ];
    let mut optimized = module.clone();
    minijit::opt::optimize(&mut optimized);
    minijit::ir::verify::verify(&optimized).unwrap();
    let mut failures = Vec::new();
    for (name, args, result, prints, finals) in cases {
        for module in [&module, &optimized] {
            let got = run(module, name, &args);
            let want = (result.to_string(), prints.to_string(), finals.to_string());
            if got != want {
                failures.push(format!("{name}{args:?}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Host functions of fixed arity, returning an integer or nothing, and
/// one that raises.
#[test]
fn host_functions_are_called_with_their_ids() {
    let src = "def f(n):\n    log(n, 2 * n)\n    return twice(n) + twice(fail(n))\n";
    let options = Options {
        hosts: vec![
            HostDecl::new("twice", 1, Returns::Int),
            HostDecl::new("log", 2, Returns::None),
            HostDecl::new("fail", 1, Returns::Int),
        ],
        ..Options::default()
    };
    let module = compile(src, &options);
    assert_eq!(module.hosts, options.hosts);
    let f = module.function_id("f").unwrap();
    let mut logged = Vec::new();
    let mut host = |id: HostId, args: &[i64]| -> Result<i64, Exception> {
        match id.index() {
            0 => Ok(2 * args[0]),
            1 => {
                logged.push(args.to_vec());
                Ok(0)
            }
            _ if args[0] < 0 => Err(Exception::with_message(Trap::ValueError, "negative")),
            _ => Ok(args[0] + 1),
        }
    };
    let mut interp = Interpreter::new(&module);
    assert_eq!(interp.call(f, &mut [Arg::Int(3)], &mut host), Ok(Some(14)));
    let raised = interp.call(f, &mut [Arg::Int(-3)], &mut host);
    assert_eq!(outcome(raised), "ValueError: negative");
    assert_eq!(logged, [vec![3, 6], vec![-3, -6]]);
}

/// What a function returns is in its signature; a None function's value
/// is never read.
#[test]
fn signatures_follow_annotations_and_returns() {
    let src = "def f(a: bytes, b: bytearray, c: list[int], d: int, e) -> None:\n    return\n\ndef g(x: bool) -> int:\n    return x\n\ndef h():\n    print(1)\n";
    let module = compile(src, &options());
    let text = module.to_string();
    assert!(
        text.contains("function f(bytes, bytearray, list, int, int) -> none {\nblock0(v0, v1, v2, v3, v4, v5, v6, v7):"),
        "{text}"
    );
    assert!(text.contains("function g {"), "{text}");
    assert!(text.contains("function h() -> none {"), "{text}");
    assert_eq!(module.hosts[0].arity, HostArity::Any);
}

/// `file:line:col: message` of compiling `src` (with `print` declared).
fn error(src: &str) -> String {
    match compile_to_ir(src, &options()) {
        Ok(module) => panic!("{src:?} compiled:\n{module}"),
        Err(e) => {
            let (line, col) = e.line_col(src);
            format!("{line}:{col}: {}", e.message)
        }
    }
}

#[test]
fn buffer_misuse_is_refused_by_name() {
    let head = "def g(n: int, x: list[int]) -> int:\n    return n\n\ndef h(b: bytes) -> None:\n    pass\n\n";
    let cases = [
        ("def f(x: list[int]):\n    y = x\n", "8:9: a buffer cannot be assigned to a variable: `x` is a `list[int]` parameter"),
        ("def f(x: bytes):\n    return x\n", "8:12: a buffer cannot be returned: `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    return x + 1\n", "8:12: arithmetic on a buffer is not supported: `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    return -x\n", "8:13: arithmetic on a buffer is not supported: `x` is a `bytes` parameter"),
        ("def f(x: bytes, y: bytes):\n    return x == y\n", "8:12: comparing a buffer is not supported: `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    if x:\n        return 1\n    return 0\n", "8:8: the truth value of a buffer is not supported (test `len(x)`): `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    return not x\n", "8:16: the truth value of a buffer is not supported (test `len(x)`): `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    return 1 if x else 0\n", "8:17: the truth value of a buffer is not supported (test `len(x)`): `x` is a `bytes` parameter"),
        ("def f(x: bytes):\n    return x[1:2]\n", "8:12: slicing is not supported (only `b[i]`)"),
        ("def f(x: list[int]):\n    x.append(1)\n", "8:5: attribute access is not supported"),
        ("def f(x: bytes):\n    x[0] = 1\n", "8:5: `x` is a `bytes` parameter, which is read-only: its items cannot be assigned (use `bytearray`)"),
        ("def f(x: bytes):\n    x[0] += 1\n", "8:5: `x` is a `bytes` parameter, which is read-only: its items cannot be assigned (use `bytearray`)"),
        ("def f(x: bytes):\n    x = 1\n", "8:5: `x` is a `bytes` parameter: a buffer cannot be assigned to"),
        ("def f(x: bytes):\n    x += 1\n", "8:5: `x` is a `bytes` parameter: a buffer cannot be assigned to"),
        ("def f(x: bytes):\n    for x in x:\n        pass\n", "8:9: `x` is a `bytes` parameter: a buffer cannot be assigned to"),
        ("def f(x: list[int]):\n    return g(x, x)\n", "8:14: `g` takes an integer as argument 1, not a buffer: `x` is a `list[int]` parameter"),
        ("def f(n):\n    return g(n, n)\n", "8:17: `g` takes a `list[int]` as argument 2, not an integer"),
        ("def f(n):\n    return g(n, n + 1)\n", "8:17: `g` takes a `list[int]` as argument 2, not an integer"),
        ("def f(b: bytearray):\n    h(b)\n", "8:7: `h` takes a `bytes` as argument 1, not a `bytearray`"),
        ("def f(b: list[int]):\n    h(b)\n", "8:7: `h` takes a `bytes` as argument 1, not a `list[int]`"),
        ("def f(n):\n    h(y)\n", "8:7: name `y` is not defined"),
        ("def f(b: bytes):\n    return abs(b)\n", "8:16: abs() takes integers, not buffers (only `len` takes a buffer): `b` is a `bytes` parameter"),
        ("def f(b: bytes):\n    print(b)\n", "8:11: host function `print` takes integers, not buffers: `b` is a `bytes` parameter"),
        ("def f(b: bytes):\n    for i in range(b):\n        pass\n", "8:20: range() takes integers, not buffers: `b` is a `bytes` parameter"),
        ("def f(b: bytes, c: bytes):\n    return b[c]\n", "8:14: a buffer cannot be an index: `c` is a `bytes` parameter"),
        ("def f(b: bytearray, c: bytes):\n    b[0] = c\n", "8:12: a buffer cannot be stored as an item: `c` is a `bytes` parameter"),
        ("def f(n):\n    return n[0]\n", "8:12: `n` is an integer, not a buffer: it cannot be indexed"),
        ("N = 3\ndef f(n):\n    return N[0]\n", "9:12: `N` is an integer constant, not a buffer: it cannot be indexed"),
        ("def f(n):\n    return g[0]\n", "8:12: function `g` cannot be indexed"),
        ("def f(n):\n    n[0] = 1\n", "8:5: `n` is an integer, not a buffer: it cannot be indexed"),
        ("def f(n):\n    return len(n)\n", "8:16: len() takes a buffer parameter (`bytes`, `bytearray` or `list[int]`), not an integer"),
        ("def f(b: bytes):\n    return len(b[0])\n", "8:16: len() takes a buffer parameter (`bytes`, `bytearray` or `list[int]`), not an integer"),
        ("def f(b: bytes):\n    return len(b, b)\n", "8:12: len() takes exactly 1 argument but 2 were given"),
        ("def f(n):\n    for v in n:\n        pass\n", "8:14: `n` is an integer, not a buffer: only `range(...)`, a buffer parameter and `enumerate(BUFFER)` can be iterated over"),
        ("def f(n):\n    for i, v in enumerate(n):\n        pass\n", "8:27: `n` is an integer, not a buffer: only `range(...)`, a buffer parameter and `enumerate(BUFFER)` can be iterated over"),
        ("def f(b: bytes):\n    return enumerate(b)\n", "8:12: enumerate() can only be used in `for I, NAME in enumerate(BUFFER)`"),
        ("def f(b: bytes):\n    return b(1)\n", "8:12: `b` is a buffer, not a function"),
        ("def f(b: bytes):\n    return [1][0]\n", "8:12: lists are not supported"),
        ("X = len(3)\n", "7:9: len() takes a buffer parameter (`bytes`, `bytearray` or `list[int]`), not an integer"),
        ("X = Y[0]\n", "7:5: name `Y` is not defined"),
        ("def f(len):\n    return 1\n", "7:7: `len` shadows a builtin function"),
        ("def f(x: list[str]):\n    return 1\n", "7:10: only `int`, `bool`, `bytes`, `bytearray` and `list[int]` parameter annotations are supported"),
        ("def f(x: bytes):\n    y: bytes = 1\n", "8:8: only `int` and `bool` annotations are supported"),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = error(&format!("{head}{src}"));
        if got != want {
            failures.push(format!("{src:?}:\n  got  {got}\n  want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn none_and_host_misuse_is_refused() {
    let head = "def nothing(n):\n    pass\n\n";
    let cases = [
        ("def f(n):\n    return nothing(n)\n", "5:12: `nothing` returns None: it can only be called as a statement"),
        ("def f(n):\n    x = nothing(n) + 1\n    return x\n", "5:9: `nothing` returns None: it can only be called as a statement"),
        ("def f(n):\n    if print(n):\n        return 1\n    return 0\n", "5:8: `print` returns None: it can only be called as a statement"),
        ("def f(n):\n    return abs(print(n))\n", "5:16: `print` returns None: it can only be called as a statement"),
        ("def f(n):\n    if n:\n        return\n    return n\n", "6:9: a `return` of None (bare, or `return None`) in a function that returns a value elsewhere (every path must return a value, or none)"),
        ("def f(n):\n    if n:\n        return None\n    return n\n", "6:9: a `return` of None (bare, or `return None`) in a function that returns a value elsewhere (every path must return a value, or none)"),
        ("def f(n):\n    return None + n\n", "5:12: None is not supported"),
        ("def f(n):\n    if n:\n        return n\n", "4:1: function `f` can reach its end without `return`, but returns a value elsewhere (every path must return a value, or none)"),
        ("def f(n):\n    while True:\n        if n:\n            break\n        return 1\n", "4:1: function `f` can reach its end without `return`, but returns a value elsewhere (every path must return a value, or none)"),
        ("def print(n):\n    return n\n", "4:5: function `print` has the name of a host function"),
        ("print = 1\n", "4:1: constant `print` has the name of a host function"),
        ("def f(print):\n    return 1\n", "4:7: local variable `print` has the name of a host function"),
        ("def f(n):\n    print = n\n    return n\n", "5:5: local variable `print` has the name of a host function"),
        ("def f(n):\n    for print in range(n):\n        pass\n", "5:9: local variable `print` has the name of a host function"),
        ("def f(n):\n    return print\n", "5:12: function `print` cannot be used as a value (only integers are values)"),
        ("def f(n):\n    print(n, end=1)\n", "5:14: keyword arguments are not supported"),
        ("X = print(1)\n", "4:5: module-level constants cannot call functions"),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = error(&format!("{head}{src}"));
        if got != want {
            failures.push(format!("{src:?}:\n  got  {got}\n  want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Functions that never return a value, whichever way they end.
    let module = compile(
        &format!("{head}def loop(n):\n    while 1:\n        n += 1\n\ndef early(n):\n    if n:\n        return\n    nothing(n)\n"),
        &options(),
    );
    assert_eq!(module.functions.len(), 3);
    let with_arity = |hosts| Options {
        hosts,
        ..Options::default()
    };
    let two = vec![HostDecl::new("pair", 2, Returns::Int)];
    let e = compile_to_ir("def f(n):\n    return pair(n)\n", &with_arity(two)).unwrap_err();
    assert_eq!(
        e.message,
        "host function `pair` takes 2 arguments but 1 was given"
    );
    let clash = vec![HostDecl::new("len", 1, Returns::Int)];
    let e = compile_to_ir("def f(n):\n    return n\n", &with_arity(clash)).unwrap_err();
    assert_eq!(e.message, "host function `len` has the name of a builtin");
    let twice = vec![HostDecl::print(), HostDecl::print()];
    let e = compile_to_ir("def f(n):\n    return n\n", &with_arity(twice)).unwrap_err();
    assert_eq!(e.message, "host function `print` is declared twice");
    // Without the declaration, `print` is an unknown name.
    let e = compile_to_ir("def f(n):\n    print(n)\n", &Options::default()).unwrap_err();
    assert_eq!(e.message, "name `print` is not defined");
}

/// Mutations of the buffer program never make the front end panic: every
/// one compiles to IR that verifies, or is refused with an error.
#[test]
fn mutated_buffer_programs_never_panic() {
    let src: Vec<char> = include_str!("frontend/buffers.py").chars().collect();
    let fragments = [
        "[",
        "]",
        "x",
        "xs",
        "b",
        "len(",
        "enumerate(",
        ":",
        ",",
        "(",
        ")",
        "= ",
        "+= ",
        "return",
        "for v in xs:\n",
        "-1",
        "print(",
        "None",
        " bytes",
        "list[int]",
        "\n    ",
        "pass",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..1500 {
        let mut text = src.clone();
        for _ in 0..1 + next(3) {
            let at = next(text.len());
            if next(2) == 0 {
                let len = next(6).min(text.len() - at);
                text.drain(at..at + len);
            } else {
                let fragment = fragments[next(fragments.len())];
                for (i, c) in fragment.chars().enumerate() {
                    text.insert(at + i, c);
                }
            }
        }
        let text: String = text.into_iter().collect();
        let result = std::panic::catch_unwind(|| {
            if let Ok(module) = compile_to_ir(&text, &options()) {
                minijit::ir::verify::verify(&module).unwrap();
            }
        });
        assert!(result.is_ok(), "the front end panicked on:\n{text}");
    }
}
