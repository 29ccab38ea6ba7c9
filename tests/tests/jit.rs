//! Machine code as a host runs it: W^X pages, traps that leave the code
//! usable, recursion and fuel limits, large programs, many modules.

use host::jit::{load, Loaded};
use minijit::{compile, CallError, Limits, Options, Program, Trap};

fn program(source: &str) -> Program {
    compile(source, &minijit_tests::options())
        .unwrap_or_else(|e| panic!("{}", e.render("test", source)))
}

fn call(
    program: &Program,
    loaded: &Loaded<'_>,
    name: &str,
    args: &[i64],
    limits: &Limits,
) -> Result<i64, Trap> {
    let f = program.function(name).expect("function exists");
    match loaded.call_ints(f, args, &host::jit::with_full_stack(program, limits)) {
        Ok(v) => Ok(v),
        Err(CallError::Trap(e)) => Err(e.trap),
        Err(other) => panic!("{name}: {other}"),
    }
}

/// Calls `name` of `program` (compiled from `source`) with each argument
/// list, demanding the answer of the reference interpreter on the
/// unoptimized IR; how many of those answers were RecursionError.
fn recursion_errors_as_interpreted(
    source: &str,
    program: &Program,
    name: &str,
    calls: impl IntoIterator<Item = Vec<i64>>,
) -> usize {
    let oracle = minijit::compile_to_ir(source, &Options::default()).unwrap();
    let index = oracle.functions.iter().position(|f| f.name == name);
    let id = minijit::ir::FuncId::new(index.expect("function exists"));
    let loaded = load(program).unwrap();
    let mut raised = 0;
    for args in calls {
        let want = match minijit::interp::Interpreter::new(&oracle).call_ints(id, &args) {
            Ok(v) => Ok(v),
            Err(CallError::Trap(e)) => Err(e.trap),
            Err(other) => panic!("{name}: {other}"),
        };
        raised += usize::from(want == Err(Trap::RecursionError));
        let got = call(program, &loaded, name, &args, &Limits::default());
        assert_eq!(got, want, "{name}{args:?}");
    }
    raised
}

const TRAPS: &str = "
def div(a, b):
    return a // b

def add(a, b):
    return a + b

def check(x):
    assert x > 0, \"x must be positive\"
    return x

def shift(a, n):
    return a << n

def steps(a, b, c):
    s = 0
    for i in range(a, b, c):
        s += i
    return s

def maybe(c):
    if c:
        y = 1
    return y

def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1

def spin():
    while True:
        pass
";

#[test]
fn every_trap_leaves_the_code_callable() {
    let program = compile(
        TRAPS,
        &Options {
            fuel: true,
            ..Options::default()
        },
    )
    .unwrap();
    let loaded = load(&program).unwrap();
    let limits = Limits {
        fuel: Some(10_000),
        ..Limits::default()
    };
    let cases: [(&str, &[i64], Trap); 8] = [
        ("div", &[1, 0], Trap::ZeroDivisionError),
        ("div", &[i64::MIN, -1], Trap::OverflowError),
        ("add", &[i64::MAX, 1], Trap::OverflowError),
        ("check", &[0], Trap::AssertionError),
        ("shift", &[1, -1], Trap::ValueError),
        ("steps", &[0, 10, 0], Trap::ValueError),
        ("maybe", &[0], Trap::UnboundLocalError),
        ("down", &[5000], Trap::RecursionError),
    ];
    for (name, args, trap) in cases {
        assert_eq!(
            call(&program, &loaded, name, args, &limits),
            Err(trap),
            "{name}{args:?}"
        );
        // The same code, called again, answers correctly.
        assert_eq!(call(&program, &loaded, "div", &[-7, 2], &limits), Ok(-4));
        assert_eq!(call(&program, &loaded, "down", &[10], &limits), Ok(10));
    }
    assert_eq!(
        call(&program, &loaded, "spin", &[], &limits),
        Err(Trap::FuelExhausted)
    );
    assert_eq!(
        call(&program, &loaded, "steps", &[10, 0, -3], &limits),
        Ok(10 + 7 + 4 + 1)
    );
}

#[test]
fn assertion_messages_reach_the_caller() {
    let program = program(TRAPS);
    let loaded = load(&program).unwrap();
    let f = program.function("check").unwrap();
    match loaded.call_ints(f, &[-1], &Limits::default()) {
        Err(CallError::Trap(e)) => assert_eq!(e.to_string(), "AssertionError: x must be positive"),
        other => panic!("{other:?}"),
    }
}

/// A bare `assert` raises without arguments (CPython's `AssertionError()`),
/// `assert e, ""` with an empty message (`AssertionError('')`), in one
/// module, in machine code as in the interpreter; both print alike.
#[test]
fn a_bare_assert_differs_from_an_empty_message() {
    let source = "def f(a):\n    assert a > 0\n    assert a > 1, \"\"\n    return a\n";
    let program = program(source);
    let loaded = load(&program).unwrap();
    let f = program.function("f").unwrap();
    let module = minijit::compile_to_ir(source, &Options::default()).unwrap();
    for (arg, bare) in [(0, true), (1, false)] {
        let Err(CallError::Trap(e)) = loaded.call_ints(f, &[arg], &Limits::default()) else {
            panic!("f({arg}) raises");
        };
        assert_eq!(e.to_string(), "AssertionError");
        assert_eq!(e.bare, bare, "f({arg})");
        let interp = minijit::interp::Interpreter::new(&module)
            .call_ints(minijit::ir::FuncId::new(0), &[arg]);
        assert_eq!(interp, Err(CallError::Trap(e)), "f({arg})");
    }
}

#[test]
fn recursion_limit_is_exact_and_never_overflows_the_stack() {
    let program = program(TRAPS);
    let loaded = load(&program).unwrap();
    let limits = Limits::default();
    // down(n) is n + 1 frames deep.
    assert_eq!(call(&program, &loaded, "down", &[999], &limits), Ok(999));
    assert_eq!(
        call(&program, &loaded, "down", &[1000], &limits),
        Err(Trap::RecursionError)
    );
    let deep = Limits {
        recursion_limit: 200_000,
        ..Limits::default()
    };
    assert_eq!(
        call(&program, &loaded, "down", &[199_999], &deep),
        Ok(199_999)
    );
    assert_eq!(
        call(&program, &loaded, "down", &[200_000], &deep),
        Err(Trap::RecursionError)
    );
}

#[test]
fn a_small_stack_budget_raises_recursion_error_early_not_a_crash() {
    let program = program(TRAPS);
    let loaded = load(&program).unwrap();
    let f = program.function("down").unwrap();
    // A budget of 4 KiB holds far fewer than 900 frames (each takes at
    // least a return address and the depth bookkeeping).
    let limits = Limits {
        stack_bytes: 4096,
        ..Limits::default()
    };
    let result = loaded.call_ints(f, &[900], &limits);
    assert!(
        matches!(result, Err(CallError::Trap(ref e)) if e.trap == Trap::RecursionError),
        "{result:?}"
    );
    let result = loaded.call_ints(f, &[20], &limits);
    assert_eq!(result, Ok(20));
}

/// No mapping of this process is writable and executable at once while
/// compiled code exists.
#[test]
fn code_pages_are_never_writable_and_executable() {
    let program = program(TRAPS);
    let loaded = load(&program).unwrap();
    assert_eq!(
        call(&program, &loaded, "add", &[2, 3], &Limits::default()),
        Ok(5)
    );
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let mut executable = 0;
    for line in maps.lines() {
        let perms = line.split_whitespace().nth(1).unwrap();
        assert!(
            !(perms.contains('w') && perms.contains('x')),
            "W+X mapping: {line}"
        );
        executable += perms.contains('x') as usize;
    }
    assert!(executable > 0);
    drop(loaded);
}

#[test]
fn code_larger_than_a_page_runs() {
    let mut source = String::new();
    for i in 0..200 {
        source += &format!("def f{i}(x):\n    return x * {i} + f{}(x)\n\n", i + 1);
    }
    source += "def f200(x):\n    return x\n";
    let program = program(&source);
    assert!(
        program.code_size() > 2 * 4096,
        "{} bytes",
        program.code_size()
    );
    let loaded = load(&program).unwrap();
    let want: i64 = (0..200).sum::<i64>() * 3 + 3;
    assert_eq!(
        call(&program, &loaded, "f0", &[3], &Limits::default()),
        Ok(want)
    );
}

#[test]
fn many_modules_live_in_one_process() {
    let programs: Vec<Program> = (0..50)
        .map(|i| {
            program(&format!(
                "def k():\n    return {i}\n\ndef twice(x):\n    return 2 * x + k()\n"
            ))
        })
        .collect();
    let loaded: Vec<Loaded<'_>> = programs.iter().map(|p| load(p).unwrap()).collect();
    for (i, (p, l)) in programs.iter().zip(&loaded).enumerate() {
        assert_eq!(
            call(p, l, "twice", &[10], &Limits::default()),
            Ok(20 + i as i64)
        );
    }
}

#[test]
fn same_source_gives_the_same_bytes() {
    let a = program(TRAPS);
    let b = program(TRAPS);
    assert_eq!(a.bytes(), b.bytes());
}

#[test]
fn more_than_six_parameters_pass_through_the_stack() {
    let source = "
def f(a, b, c, d, e, p, h, i, j, k):
    return a - b + 3 * c - d + e * p - h + i // 2 - j + k * k

def g(x):
    return f(x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9) + f(1, 2, 3, 4, 5, 6, 7, 8, 9, x)
";
    let program = program(source);
    let loaded = load(&program).unwrap();
    let f = |a: i64, b: i64, c: i64, d: i64, e: i64, g: i64, h: i64, i: i64, j: i64, k: i64| {
        a - b + 3 * c - d + e * g - h + i.div_euclid(2) - j + k * k
    };
    for x in [-5i64, 0, 7, 1000] {
        let want = f(
            x,
            x + 1,
            x + 2,
            x + 3,
            x + 4,
            x + 5,
            x + 6,
            x + 7,
            x + 8,
            x + 9,
        ) + f(1, 2, 3, 4, 5, 6, 7, 8, 9, x);
        assert_eq!(
            call(&program, &loaded, "g", &[x], &Limits::default()),
            Ok(want),
            "g({x})"
        );
    }
    assert_eq!(
        call(
            &program,
            &loaded,
            "f",
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &Limits::default()
        ),
        Ok(f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
    );
}

#[test]
fn misaligned_or_short_memory_is_refused() {
    let program = program(TRAPS);
    let mut buffer = vec![0u8; program.code_size() + 64];
    let base = buffer.as_ptr() as usize;
    let aligned = (16 - base % 16) % 16;
    let short = program.code_size() - 1;
    assert!(matches!(
        program.write_code(&mut buffer[aligned..aligned + short], 0),
        Err(minijit::LoadError::TooSmall { .. })
    ));
    let misaligned = aligned + 1;
    assert_eq!(
        program.write_code(&mut buffer[misaligned..], 0).err(),
        Some(minijit::LoadError::Misaligned)
    );
    assert_eq!(
        program.write_code(&mut buffer[aligned..], 8).err(),
        Some(minijit::LoadError::Misaligned)
    );
    assert!(program.write_code(&mut buffer[aligned..], 64).is_ok());
}

/// An inlined call still takes a frame: RecursionError comes at exactly
/// the same call as in the interpreter on unoptimized IR.
#[test]
fn inlined_calls_count_against_the_recursion_limit() {
    let source = "
def leaf(x):
    return x + 1

def middle(x):
    return leaf(x) * 2

def down(n):
    if n == 0:
        return middle(0)
    return down(n - 1)
";
    let program = program(source);
    let optimized = program.ir().expect("minijit_tests::options() keeps the IR");
    assert!(
        optimized.to_string().contains("frame_enter"),
        "the small callees are inlined:\n{optimized}"
    );
    let calls = [990, 996, 997, 998, 999, 1000].map(|n| vec![n]);
    recursion_errors_as_interpreted(source, &program, "down", calls);
    let loaded = load(&program).unwrap();
    // down(997) runs 998 frames of down, then middle and leaf: 1000.
    assert_eq!(
        call(&program, &loaded, "down", &[997], &Limits::default()),
        Ok(2)
    );
    assert_eq!(
        call(&program, &loaded, "down", &[998], &Limits::default()),
        Err(Trap::RecursionError)
    );
}

/// A function unrolled into itself counts the frames of its copies:
/// RecursionError comes at exactly the call the interpreter raises it at,
/// whether the deepest frame is a copy or a real call.
#[test]
fn unrolled_recursion_counts_against_the_recursion_limit() {
    let source = "
def walk(n, k):
    if n <= 0:
        return k
    if k % 3 == 0:
        return walk(n - 1, k + 1) + 1
    return walk(n - 2, k + 2) - 1
";
    let program = program(source);
    let optimized = program.ir().expect("minijit_tests::options() keeps the IR");
    assert!(
        optimized.to_string().contains("frame_enter"),
        "walk is unrolled into itself:\n{optimized}"
    );
    let calls = (1300..1500).flat_map(|n| [0, 1, 2].map(|k| vec![n, k]));
    let raised = recursion_errors_as_interpreted(source, &program, "walk", calls);
    // Both answers occur: the limit falls inside the range tried.
    assert!((1..600).contains(&raised), "{raised} of 600 raised");
}

/// Two inlined calls in a row share one frame (the second `frame_enter`
/// could not fail where the first did not), and still RecursionError comes
/// at exactly the interpreter's call: a call from inside the second frame
/// is one deeper than its caller, as it was.
#[test]
fn inlined_calls_in_a_row_share_a_frame_and_keep_the_limit() {
    let source = "
def leaf(x):
    return x + 1

def twice(x):
    return leaf(x) * leaf(x + 1)

def deep(n):
    if n <= 0:
        return 0
    return deep(n - 1) + 1

def down(n, k):
    if n == 0:
        return twice(k) + leaf(deep(k)) + leaf(k)
    return down(n - 1, k)
";
    let program = program(source);
    let optimized = program.ir().expect("minijit_tests::options() keeps the IR");
    let text = optimized.to_string();
    let down_ir = &text[text.find("function down").expect("down is in the module")..];
    let enters = down_ir.matches("frame_enter").count();
    assert!(
        (1..4).contains(&enters),
        "four inlined calls, fewer frames:\n{optimized}"
    );
    let calls = [990, 994, 995, 996, 997, 998, 999]
        .into_iter()
        .flat_map(|n| [0, 1, 2, 3].map(|k| vec![n, k]));
    let raised = recursion_errors_as_interpreted(source, &program, "down", calls);
    assert!((1..28).contains(&raised), "{raised} of 28 raised");
}

/// IR compiled as it is (no optimizer) runs, and invalid IR is an error.
#[test]
fn unoptimized_ir_compiles_and_runs() {
    let text = "function f {\nblock0(v0, v1):\n    v2 = sub v0, v1\n    ret v2\n}\n";
    let program = minijit::compile_ir(minijit::ir::text::parse_module(text).unwrap()).unwrap();
    let loaded = load(&program).unwrap();
    assert_eq!(
        call(&program, &loaded, "f", &[7, 3], &Limits::default()),
        Ok(4)
    );
    // v1 does not dominate its use.
    let broken = "function f {\nblock0(v0):\n    br v0, block1, block2\nblock1:\n    \
                  v1 = const 1\n    jump block2\nblock2:\n    ret v1\n}\n";
    let err = minijit::compile_ir(
        minijit::ir::text::parse_module(broken).unwrap_or_else(|e| panic!("{}", e.message)),
    );
    assert!(err.is_err_and(|e| e.message.starts_with("invalid IR: in function f")));
}

/// Regression (found by the random-program differential test): a
/// comparison fused into a `select` whose result is never read was left
/// pending, and the next branch tested its flags instead of its own
/// condition. Unoptimized IR keeps the dead `select` that shows it.
#[test]
fn a_dead_select_does_not_leak_its_fused_comparison() {
    let text = "
function f {
block0(v0, v1, v2):
    v3 = lt v0, v1
    v4 = select v3, v0, v1
    br v2, block1, block2
block1:
    v5 = const 10
    ret v5
block2:
    v6 = const 20
    ret v6
}
";
    let program = minijit::compile_ir(minijit::ir::text::parse_module(text).unwrap()).unwrap();
    let loaded = load(&program).unwrap();
    let limits = Limits::default();
    for (a, b, c, want) in [(1, 2, 0, 20), (1, 2, 1, 10), (2, 1, 0, 20), (2, 1, 1, 10)] {
        assert_eq!(
            call(&program, &loaded, "f", &[a, b, c], &limits),
            Ok(want),
            "f({a}, {b}, {c})"
        );
    }
}

/// `down(n)` recurses n deep, in IR text (compiled as it is).
const DOWN_IR: &str = "
function down {
block0(v0):
    v1 = const 0
    v2 = eq v0, v1
    br v2, block1, block2
block1:
    ret v1
block2:
    v3 = const 1
    v4 = sub v0, v3
    v5 = call down(v4)
    v6 = add v5, v3
    ret v6
}
";

/// A function whose frame holds `n` spilled values: each is live until
/// the sum at the end reads it.
fn huge_frame_ir(n: usize) -> String {
    let mut text = String::from("function huge {\nblock0(v0):\n    v1 = const 1\n");
    for i in 2..n + 2 {
        let previous = if i == 2 { 0 } else { i - 1 };
        text += &format!("    v{i} = add.wrap v{previous}, v1\n");
    }
    let mut sum = 1;
    for i in 2..n + 2 {
        text += &format!("    v{} = add.wrap v{sum}, v{i}\n", n + i);
        sum = n + i;
    }
    text += &format!("    ret v{sum}\n}}\n");
    text
}

/// The deepest `down(n)` that answers under `limits` (its depth is n + 1).
fn deepest_down(text: &str, limits: &Limits) -> i64 {
    let program = minijit::compile_ir(minijit::ir::text::parse_module(text).unwrap()).unwrap();
    let loaded = load(&program).unwrap();
    let f = program.function("down").unwrap();
    let (mut ok, mut too_deep) = (0i64, i64::from(limits.recursion_limit));
    while too_deep - ok > 1 {
        let mid = (ok + too_deep) / 2;
        match loaded.call_ints(f, &[mid], limits) {
            Ok(v) => {
                assert_eq!(v, mid);
                ok = mid;
            }
            Err(CallError::Trap(e)) if e.trap == Trap::RecursionError => too_deep = mid,
            Err(e) => panic!("down({mid}): {e}"),
        }
    }
    ok
}

/// Each prologue checks its own frame against the stack limit, so a huge
/// frame elsewhere in the module (here 24 KB of spills) does not shrink
/// the recursion another function can reach in the same stack budget.
#[test]
fn a_huge_frame_elsewhere_does_not_lower_the_reachable_depth() {
    let huge = huge_frame_ir(3000);
    let with_huge = format!("{DOWN_IR}\n{huge}");
    let program =
        minijit::compile_ir(minijit::ir::text::parse_module(&with_huge).unwrap()).unwrap();
    assert!(
        program.stack_needed(1) > 24_000,
        "the frame is {} bytes",
        program.stack_needed(1)
    );
    let loaded = load(&program).unwrap();
    let huge_fn = program.function("huge").unwrap();
    assert_eq!(
        loaded.call_ints(huge_fn, &[5], &Limits::default()),
        Ok((0..3001).map(|i| 5 + i).sum::<i64>() - 5 + 1)
    );
    let limits = Limits {
        recursion_limit: 1_000_000,
        stack_bytes: 256 << 10,
        ..Limits::default()
    };
    let alone = deepest_down(DOWN_IR, &limits);
    let beside_huge = deepest_down(&with_huge, &limits);
    assert_eq!(alone, beside_huge);
    // A frame of down is a few dozen bytes: thousands fit in 256 KiB
    // (dividing the budget by the largest frame would allow 10).
    assert!(alone > 256 * 1024 / 64, "{alone}");
}

#[test]
fn an_entry_call_whose_arguments_outgrow_the_stack_budget_is_a_recursion_error() {
    // 40,000 arguments take 320 KB of stack before the first prologue
    // checks anything: more than the call's thread has beyond the budget.
    let params: Vec<String> = (0..40_000).map(|i| format!("p{i}")).collect();
    let source = format!("def f({}):\n    return p0 - p39999\n", params.join(", "));
    let program = program(&source);
    let loaded = load(&program).unwrap();
    let f = program.function("f").unwrap();
    let args: Vec<i64> = (0..40_000).collect();
    let small = Limits {
        stack_bytes: 8 << 10,
        ..Limits::default()
    };
    match loaded.call_ints(f, &args, &small) {
        Err(CallError::Trap(e)) => assert_eq!(e.trap, Trap::RecursionError),
        other => panic!("{other:?}"),
    }
    let enough = host::jit::with_full_stack(&program, &Limits::default());
    assert_eq!(loaded.call_ints(f, &args, &enough), Ok(-39_999));
}
