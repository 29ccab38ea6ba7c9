//! Unit tests of the interpreter, on IR built with the `Function` builder.

use super::*;
use crate::ir::{BinaryOp, InstKind as K, UnaryOp, ValueList};
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

// ---------------------------------------------------------------- helpers

/// Appends `kind` to `block` and returns its result.
fn val(f: &mut Function, block: Block, kind: K) -> Value {
    let inst = f.append_inst(block, kind);
    f.result(inst)
}

/// Ends `from` with `jump to(args)`.
fn jump(f: &mut Function, from: Block, to: Block, args: &[Value]) {
    let dest = f.make_call(to, args);
    f.append_inst(from, K::Jump(dest));
}

/// Ends `from` with `br c, then, otherwise`.
fn branch(
    f: &mut Function,
    from: Block,
    c: Value,
    (t, t_args): (Block, &[Value]),
    (e, e_args): (Block, &[Value]),
) {
    let targets = [f.make_call(t, t_args), f.make_call(e, e_args)];
    f.append_inst(from, K::Branch(c, targets));
}

/// Appends a call of `callee` with `args` to `block`; returns its result.
fn call(f: &mut Function, block: Block, callee: FuncId, args: &[Value]) -> Value {
    let args = f.make_list(args);
    val(f, block, K::Call(callee, args))
}

fn module(functions: Vec<Function>) -> Module {
    Module {
        functions,
        hosts: Vec::new(),
    }
}

/// Calls function 0 of `m` with a fresh default interpreter.
fn run(m: &Module, args: &[i64]) -> Result<i64, CallError> {
    Interpreter::new(m).call_ints(FuncId(0), args)
}

fn exception(trap: Trap, message: &'static str) -> CallError {
    CallError::Trap(Exception::new(trap, message))
}

/// Asserts that `r` is [`CallError::Malformed`] with a message containing
/// `part`.
#[track_caller]
fn assert_malformed(r: Result<i64, CallError>, part: &str) {
    match r {
        Err(CallError::Malformed(m)) => assert!(m.contains(part), "{m:?} lacks {part:?}"),
        other => panic!("expected malformed IR ({part}), got {other:?}"),
    }
}

/// `f(a) = op a`.
fn unary_fn(op: UnaryOp) -> Function {
    let mut f = Function::new("unary");
    let entry = f.create_block();
    let a = f.append_block_param(entry);
    let r = val(&mut f, entry, K::Unary(op, a));
    f.append_inst(entry, K::Return(r));
    f
}

/// `f(a, b) = a op b`.
fn binary_fn(op: BinaryOp) -> Function {
    let mut f = Function::new("binary");
    let entry = f.create_block();
    let a = f.append_block_param(entry);
    let b = f.append_block_param(entry);
    let r = val(&mut f, entry, K::Binary(op, a, b));
    f.append_inst(entry, K::Return(r));
    f
}

/// `chain(n) = 1 if n <= 1 else chain(n - 1) + 1`: a call chain `n` frames
/// deep that returns its depth. Calls itself as function `self_id`; spends
/// one unit of fuel per frame when `fuel` is set.
fn chain(self_id: FuncId, fuel: bool) -> Function {
    let mut f = Function::new("chain");
    let entry = f.create_block();
    let n = f.append_block_param(entry);
    let done = f.create_block();
    let deeper = f.create_block();
    if fuel {
        f.append_inst(entry, K::Fuel);
    }
    let one = val(&mut f, entry, K::Const(1));
    let c = val(&mut f, entry, K::Binary(BinaryOp::Le, n, one));
    branch(&mut f, entry, c, (done, &[]), (deeper, &[]));
    f.append_inst(done, K::Return(one));
    let m = val(&mut f, deeper, K::Binary(BinaryOp::Sub, n, one));
    let r = call(&mut f, deeper, self_id, &[m]);
    let s = val(&mut f, deeper, K::Binary(BinaryOp::Add, r, one));
    f.append_inst(deeper, K::Return(s));
    f
}

/// `fib(n) = n if n < 2 else fib(n - 1) + fib(n - 2)`, as function 0.
fn fib() -> Function {
    let mut f = Function::new("fib");
    let entry = f.create_block();
    let n = f.append_block_param(entry);
    let small = f.create_block();
    let big = f.create_block();
    let two = val(&mut f, entry, K::Const(2));
    let c = val(&mut f, entry, K::Binary(BinaryOp::Lt, n, two));
    branch(&mut f, entry, c, (small, &[]), (big, &[]));
    f.append_inst(small, K::Return(n));
    let one = val(&mut f, big, K::Const(1));
    let n1 = val(&mut f, big, K::Binary(BinaryOp::Sub, n, one));
    let n2 = val(&mut f, big, K::Binary(BinaryOp::Sub, n, two));
    let a = call(&mut f, big, FuncId(0), &[n1]);
    let b = call(&mut f, big, FuncId(0), &[n2]);
    let s = val(&mut f, big, K::Binary(BinaryOp::Add, a, b));
    f.append_inst(big, K::Return(s));
    f
}

/// `count(n)`: counts `i` from 0 up to `n` in a loop and returns it; spends
/// fuel at its entry and at every loop header, `n + 2` units in all.
fn count_with_fuel() -> Function {
    let mut f = Function::new("count");
    let entry = f.create_block();
    let n = f.append_block_param(entry);
    let header = f.create_block();
    let i = f.append_block_param(header);
    let body = f.create_block();
    let exit = f.create_block();
    f.append_inst(entry, K::Fuel);
    let zero = val(&mut f, entry, K::Const(0));
    jump(&mut f, entry, header, &[zero]);
    f.append_inst(header, K::Fuel);
    let c = val(&mut f, header, K::Binary(BinaryOp::Lt, i, n));
    branch(&mut f, header, c, (body, &[]), (exit, &[]));
    let one = val(&mut f, body, K::Const(1));
    let next = val(&mut f, body, K::Binary(BinaryOp::Add, i, one));
    jump(&mut f, body, header, &[next]);
    f.append_inst(exit, K::Return(i));
    f
}

const SAMPLES: [i64; 17] = [
    0,
    1,
    -1,
    2,
    -2,
    3,
    -7,
    7,
    10,
    62,
    63,
    64,
    1000,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
];

// ------------------------------------------------------------- operations

#[test]
fn const_returns_its_value() {
    for c in [0, 42, -1, i64::MIN, i64::MAX] {
        let mut f = Function::new("k");
        let entry = f.create_block();
        let v = val(&mut f, entry, K::Const(c));
        f.append_inst(entry, K::Return(v));
        assert_eq!(run(&module(vec![f]), &[]), Ok(c));
    }
}

#[test]
fn unary_ops_agree_with_ops() {
    for op in UnaryOp::ALL {
        let m = module(vec![unary_fn(op)]);
        let mut interp = Interpreter::new(&m);
        for a in SAMPLES {
            let expected = ops::unary(op, a).map_err(CallError::Trap);
            assert_eq!(
                interp.call_ints(FuncId(0), &[a]),
                expected,
                "{} {a}",
                op.name()
            );
        }
    }
}

#[test]
fn binary_ops_agree_with_ops() {
    for op in BinaryOp::ALL {
        let m = module(vec![binary_fn(op)]);
        let mut interp = Interpreter::new(&m);
        for a in SAMPLES {
            for b in SAMPLES {
                let expected = ops::binary(op, a, b).map_err(CallError::Trap);
                assert_eq!(
                    interp.call_ints(FuncId(0), &[a, b]),
                    expected,
                    "{a} {} {b}",
                    op.name()
                );
            }
        }
    }
}

#[test]
fn arithmetic_follows_python() {
    let cases: &[(BinaryOp, i64, i64, i64)] = &[
        (BinaryOp::FloorDiv, -7, 2, -4),
        (BinaryOp::FloorDiv, 7, -2, -4),
        (BinaryOp::Mod, -7, 2, 1),
        (BinaryOp::Mod, 7, -2, -1),
        (BinaryOp::Pow, 2, 10, 1024),
        (BinaryOp::Pow, -2, 63, i64::MIN),
        (BinaryOp::Shr, -5, 64, -1),
        (BinaryOp::Shr, 5, 1000, 0),
        (BinaryOp::Shl, -1, 63, i64::MIN),
        (BinaryOp::AddWrap, i64::MAX, 1, i64::MIN),
        (BinaryOp::SubWrap, i64::MIN, 1, i64::MAX),
        (BinaryOp::Ult, 1, -1, 1),
        (BinaryOp::Ugt, 1, -1, 0),
        (BinaryOp::Lt, 1, -1, 0),
    ];
    for &(op, a, b, expected) in cases {
        let m = module(vec![binary_fn(op)]);
        assert_eq!(run(&m, &[a, b]), Ok(expected), "{a} {} {b}", op.name());
    }
}

#[test]
fn operations_trap_with_python_exceptions() {
    use Trap::*;
    let cases: &[(BinaryOp, i64, i64, Trap, &str)] = &[
        (
            BinaryOp::FloorDiv,
            7,
            0,
            ZeroDivisionError,
            msg::DIVISION_BY_ZERO,
        ),
        (
            BinaryOp::Mod,
            7,
            0,
            ZeroDivisionError,
            "integer modulo by zero",
        ),
        (
            BinaryOp::FloorDiv,
            i64::MIN,
            -1,
            OverflowError,
            msg::OVERFLOW,
        ),
        (BinaryOp::Add, i64::MAX, 1, OverflowError, msg::OVERFLOW),
        (BinaryOp::Sub, i64::MIN, 1, OverflowError, msg::OVERFLOW),
        (BinaryOp::Mul, i64::MAX, 2, OverflowError, msg::OVERFLOW),
        (BinaryOp::Pow, 2, 63, OverflowError, msg::OVERFLOW),
        (
            BinaryOp::Pow,
            0,
            -1,
            ZeroDivisionError,
            msg::ZERO_NEGATIVE_POWER,
        ),
        (BinaryOp::Pow, 2, -1, ValueError, msg::NEGATIVE_POWER),
        (BinaryOp::Shl, 1, 64, OverflowError, msg::OVERFLOW),
        (BinaryOp::Shl, 1, -1, ValueError, msg::NEGATIVE_SHIFT),
        (BinaryOp::Shr, 1, -1, ValueError, msg::NEGATIVE_SHIFT),
    ];
    for &(op, a, b, trap, message) in cases {
        let m = module(vec![binary_fn(op)]);
        assert_eq!(
            run(&m, &[a, b]),
            Err(exception(trap, message)),
            "{a} {} {b}",
            op.name()
        );
    }
    for op in [UnaryOp::Neg, UnaryOp::Abs] {
        let m = module(vec![unary_fn(op)]);
        assert_eq!(
            run(&m, &[i64::MIN]),
            Err(exception(OverflowError, msg::OVERFLOW))
        );
    }
}

#[test]
fn select_picks_by_truth() {
    let mut f = Function::new("select");
    let entry = f.create_block();
    let c = f.append_block_param(entry);
    let a = f.append_block_param(entry);
    let b = f.append_block_param(entry);
    let r = val(&mut f, entry, K::Select(c, a, b));
    f.append_inst(entry, K::Return(r));
    let m = module(vec![f]);
    let mut interp = Interpreter::new(&m);
    for (cond, expected) in [(1, 10), (0, 20), (-1, 10), (2, 10), (i64::MIN, 10)] {
        assert_eq!(interp.call_ints(FuncId(0), &[cond, 10, 20]), Ok(expected));
    }
}

#[test]
fn branch_takes_the_first_target_when_true() {
    // f(c) = 1 if c else 2, through two targets of one block with
    // different arguments.
    let mut f = Function::new("branch");
    let entry = f.create_block();
    let c = f.append_block_param(entry);
    let exit = f.create_block();
    let r = f.append_block_param(exit);
    let one = val(&mut f, entry, K::Const(1));
    let two = val(&mut f, entry, K::Const(2));
    branch(&mut f, entry, c, (exit, &[one]), (exit, &[two]));
    f.append_inst(exit, K::Return(r));
    let m = module(vec![f]);
    let mut interp = Interpreter::new(&m);
    for (cond, expected) in [(1, 1), (0, 2), (-5, 1), (i64::MAX, 1)] {
        assert_eq!(interp.call_ints(FuncId(0), &[cond]), Ok(expected));
    }
}

#[test]
fn trap_instruction_carries_its_message_or_the_default() {
    let build = |trap, message: Option<&str>| {
        let mut f = Function::new("t");
        let entry = f.create_block();
        f.append_inst(entry, K::trap(trap, message.map(ToString::to_string)));
        module(vec![f])
    };
    let with_message = build(Trap::AssertionError, Some("x must be positive"));
    let err = run(&with_message, &[]).unwrap_err();
    assert_eq!(
        err,
        CallError::Trap(Exception::with_message(
            Trap::AssertionError,
            "x must be positive"
        ))
    );
    assert_eq!(err.to_string(), "AssertionError: x must be positive");

    // A bare assert raises without arguments; `assert e, ""` with an empty
    // one. Both print alike.
    let bare_assert = build(Trap::AssertionError, None);
    let err = run(&bare_assert, &[]).unwrap_err();
    assert_eq!(err.to_string(), "AssertionError");
    assert!(matches!(err, CallError::Trap(Exception { bare: true, .. })));
    let empty_message = build(Trap::AssertionError, Some(""));
    let err = run(&empty_message, &[]).unwrap_err();
    assert_eq!(err.to_string(), "AssertionError");
    assert!(matches!(
        err,
        CallError::Trap(Exception { bare: false, .. })
    ));

    for trap in Trap::ALL {
        let m = build(trap, None);
        assert_eq!(run(&m, &[]), Err(Exception::from(trap).into()));
    }
}

// ---------------------------------------------------------- control flow

#[test]
fn loop_with_block_params_sums_a_range() {
    // sum(n) = 0 + 1 + ... + (n - 1)
    let mut f = Function::new("sum");
    let entry = f.create_block();
    let n = f.append_block_param(entry);
    let header = f.create_block();
    let i = f.append_block_param(header);
    let acc = f.append_block_param(header);
    let body = f.create_block();
    let exit = f.create_block();
    let zero = val(&mut f, entry, K::Const(0));
    jump(&mut f, entry, header, &[zero, zero]);
    let c = val(&mut f, header, K::Binary(BinaryOp::Lt, i, n));
    branch(&mut f, header, c, (body, &[]), (exit, &[]));
    let one = val(&mut f, body, K::Const(1));
    let acc2 = val(&mut f, body, K::Binary(BinaryOp::Add, acc, i));
    let i2 = val(&mut f, body, K::Binary(BinaryOp::Add, i, one));
    jump(&mut f, body, header, &[i2, acc2]);
    f.append_inst(exit, K::Return(acc));
    let m = module(vec![f]);
    let mut interp = Interpreter::new(&m);
    for n in [0i64, 1, 2, 10, 100_000] {
        assert_eq!(interp.call_ints(FuncId(0), &[n]), Ok(n * (n - 1) / 2));
    }
}

#[test]
fn block_arguments_bind_in_parallel() {
    // rotate(a, b, c, k): a block that jumps to itself k times with its
    // parameters rotated, then returns a * 100 + b * 10 + c. Binding one
    // parameter at a time would duplicate a value instead of rotating.
    let mut f = Function::new("rotate");
    let entry = f.create_block();
    let a = f.append_block_param(entry);
    let b = f.append_block_param(entry);
    let c = f.append_block_param(entry);
    let k = f.append_block_param(entry);
    let spin = f.create_block();
    let x = f.append_block_param(spin);
    let y = f.append_block_param(spin);
    let z = f.append_block_param(spin);
    let left = f.append_block_param(spin);
    let exit = f.create_block();
    jump(&mut f, entry, spin, &[a, b, c, k]);
    let zero = val(&mut f, spin, K::Const(0));
    let one = val(&mut f, spin, K::Const(1));
    let left2 = val(&mut f, spin, K::Binary(BinaryOp::Sub, left, one));
    let more = val(&mut f, spin, K::Binary(BinaryOp::Ne, left, zero));
    branch(&mut f, spin, more, (spin, &[y, z, x, left2]), (exit, &[]));
    let hundred = val(&mut f, exit, K::Const(100));
    let ten = val(&mut f, exit, K::Const(10));
    let xs = val(&mut f, exit, K::Binary(BinaryOp::Mul, x, hundred));
    let ys = val(&mut f, exit, K::Binary(BinaryOp::Mul, y, ten));
    let s = val(&mut f, exit, K::Binary(BinaryOp::Add, xs, ys));
    let s = val(&mut f, exit, K::Binary(BinaryOp::Add, s, z));
    f.append_inst(exit, K::Return(s));
    let m = module(vec![f]);
    let mut interp = Interpreter::new(&m);
    for (k, expected) in [(0, 123), (1, 231), (2, 312), (3, 123), (4, 231)] {
        assert_eq!(interp.call_ints(FuncId(0), &[1, 2, 3, k]), Ok(expected));
    }
}

// ------------------------------------------------------------------ calls

#[test]
fn calls_pass_arguments_and_return_results() {
    // main(a, b) = sub2(b, a) * 10 + sub2(a, b), where sub2(x, y) = x - y:
    // argument order and result slots must not mix.
    let mut main = Function::new("main");
    let entry = main.create_block();
    let a = main.append_block_param(entry);
    let b = main.append_block_param(entry);
    let r1 = call(&mut main, entry, FuncId(1), &[b, a]);
    let r2 = call(&mut main, entry, FuncId(1), &[a, b]);
    let ten = val(&mut main, entry, K::Const(10));
    let t = val(&mut main, entry, K::Binary(BinaryOp::Mul, r1, ten));
    let s = val(&mut main, entry, K::Binary(BinaryOp::Add, t, r2));
    main.append_inst(entry, K::Return(s));
    let m = module(vec![main, binary_fn(BinaryOp::Sub)]);
    assert_eq!(run(&m, &[5, 3]), Ok(-20 + 2));
}

#[test]
fn recursive_fib() {
    let m = module(vec![fib()]);
    let mut interp = Interpreter::new(&m);
    let (mut a, mut b) = (0i64, 1i64);
    for n in 0..=20 {
        assert_eq!(interp.call_ints(FuncId(0), &[n]), Ok(a));
        (a, b) = (b, a + b);
    }
    assert_eq!(interp.call_ints(FuncId(0), &[25]), Ok(75025));
}

#[test]
fn mutual_recursion() {
    // is_even(n) = 1 if n == 0 else is_odd(n - 1), and the other way round.
    let parity = |name, other: FuncId, at_zero: i64| {
        let mut f = Function::new(name);
        let entry = f.create_block();
        let n = f.append_block_param(entry);
        let zero_block = f.create_block();
        let rest = f.create_block();
        let zero = val(&mut f, entry, K::Const(0));
        let c = val(&mut f, entry, K::Binary(BinaryOp::Eq, n, zero));
        branch(&mut f, entry, c, (zero_block, &[]), (rest, &[]));
        let r = val(&mut f, zero_block, K::Const(at_zero));
        f.append_inst(zero_block, K::Return(r));
        let one = val(&mut f, rest, K::Const(1));
        let m = val(&mut f, rest, K::Binary(BinaryOp::Sub, n, one));
        let r = call(&mut f, rest, other, &[m]);
        f.append_inst(rest, K::Return(r));
        f
    };
    let m = module(vec![
        parity("is_even", FuncId(1), 1),
        parity("is_odd", FuncId(0), 0),
    ]);
    let mut interp = Interpreter::new(&m);
    for n in 0..50 {
        assert_eq!(interp.call_ints(FuncId(0), &[n]), Ok((n % 2 == 0) as i64));
        assert_eq!(interp.call_ints(FuncId(1), &[n]), Ok((n % 2 == 1) as i64));
    }
}

// -------------------------------------------------------- recursion limit

#[test]
fn default_recursion_limit_allows_exactly_1000_frames() {
    let m = module(vec![chain(FuncId(0), false)]);
    let mut interp = Interpreter::new(&m);
    assert_eq!(interp.call_ints(FuncId(0), &[1000]), Ok(1000));
    assert_eq!(
        interp.call_ints(FuncId(0), &[1001]),
        Err(exception(Trap::RecursionError, msg::RECURSION))
    );
    assert_eq!(
        interp
            .call_ints(FuncId(0), &[1001])
            .unwrap_err()
            .to_string(),
        "RecursionError: maximum recursion depth exceeded"
    );
}

#[test]
fn custom_recursion_limits_are_exact() {
    let m = module(vec![chain(FuncId(0), false)]);
    for limit in [1u32, 2, 5, 37, 2000] {
        let mut interp = Interpreter::new(&m).with_recursion_limit(limit);
        let limit = i64::from(limit);
        assert_eq!(interp.call_ints(FuncId(0), &[limit]), Ok(limit));
        assert_eq!(
            interp.call_ints(FuncId(0), &[limit + 1]),
            Err(exception(Trap::RecursionError, msg::RECURSION)),
            "limit {limit}"
        );
    }
}

#[test]
fn recursion_limit_zero_refuses_even_the_entry_call() {
    let m = module(vec![binary_fn(BinaryOp::Add)]);
    let mut interp = Interpreter::new(&m).with_recursion_limit(0);
    assert_eq!(
        interp.call_ints(FuncId(0), &[1, 2]),
        Err(exception(Trap::RecursionError, msg::RECURSION))
    );
}

#[test]
fn deep_recursion_does_not_use_the_host_stack() {
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let m = module(vec![chain(FuncId(0), false)]);
            let mut interp = Interpreter::new(&m).with_recursion_limit(1_000_000);
            let deep = interp.call_ints(FuncId(0), &[200_000]);
            let mut interp = interp.with_recursion_limit(200_000);
            let at_limit = interp.call_ints(FuncId(0), &[200_000]);
            let past_limit = interp.call_ints(FuncId(0), &[200_001]);
            (deep, at_limit, past_limit)
        })
        .unwrap();
    let (deep, at_limit, past_limit) = worker.join().unwrap();
    assert_eq!(deep, Ok(200_000));
    assert_eq!(at_limit, Ok(200_000));
    assert_eq!(
        past_limit,
        Err(exception(Trap::RecursionError, msg::RECURSION))
    );
}

#[test]
fn frames_beyond_the_memory_allowed_stop_the_call_not_the_process() {
    let m = module(vec![chain(FuncId(0), false)]);
    // Room for a few thousand frames: 1,000 deep runs, 100,000 does not.
    let mut interp = Interpreter::new(&m)
        .with_recursion_limit(1_000_000)
        .with_frame_memory(1 << 20);
    assert_eq!(interp.call_ints(FuncId(0), &[1000]), Ok(1000));
    match interp.call_ints(FuncId(0), &[100_000]) {
        Err(CallError::NotRun(message)) => {
            assert!(message.contains("interpreter's frames"), "{message}");
            assert!(message.ends_with("than the 1.0 MiB allowed"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The interpreter is still usable afterwards.
    assert_eq!(interp.call_ints(FuncId(0), &[10]), Ok(10));
}

// ------------------------------------------------------------------- fuel

#[test]
fn fuel_budget_is_exact() {
    let m = module(vec![count_with_fuel()]);
    for n in [0i64, 1, 5, 100] {
        let needed = n as u64 + 2;
        let mut enough = Interpreter::new(&m).with_fuel(Some(needed));
        assert_eq!(enough.call_ints(FuncId(0), &[n]), Ok(n));
        let mut short = Interpreter::new(&m).with_fuel(Some(needed - 1));
        assert_eq!(
            short.call_ints(FuncId(0), &[n]),
            Err(exception(Trap::FuelExhausted, msg::FUEL))
        );
    }
    let mut none = Interpreter::new(&m).with_fuel(Some(0));
    assert_eq!(
        none.call_ints(FuncId(0), &[0]).unwrap_err().to_string(),
        "FuelExhausted: the call ran out of fuel"
    );
}

#[test]
fn without_a_budget_fuel_does_nothing() {
    let m = module(vec![count_with_fuel()]);
    let mut interp = Interpreter::new(&m);
    assert_eq!(interp.call_ints(FuncId(0), &[1_000_000]), Ok(1_000_000));
    let mut interp = Interpreter::new(&m).with_fuel(Some(3)).with_fuel(None);
    assert_eq!(interp.call_ints(FuncId(0), &[100]), Ok(100));
}

#[test]
fn each_call_gets_a_fresh_budget_shared_by_its_callees() {
    // chain(n) spends one unit per frame, so n units for the whole chain.
    let m = module(vec![chain(FuncId(0), true)]);
    let mut interp = Interpreter::new(&m).with_fuel(Some(10));
    for _ in 0..3 {
        assert_eq!(interp.call_ints(FuncId(0), &[10]), Ok(10));
    }
    assert_eq!(
        interp.call_ints(FuncId(0), &[11]),
        Err(exception(Trap::FuelExhausted, msg::FUEL))
    );
    assert_eq!(interp.call_ints(FuncId(0), &[10]), Ok(10));
}

// ------------------------------------------------------ reuse and API errors

#[test]
fn a_trap_leaves_the_interpreter_usable() {
    // g(n) = 1 // 0 if n == 0 else g(n - 1): traps n frames deep.
    let mut g = Function::new("g");
    let entry = g.create_block();
    let n = g.append_block_param(entry);
    let bottom = g.create_block();
    let rest = g.create_block();
    let zero = val(&mut g, entry, K::Const(0));
    let c = val(&mut g, entry, K::Binary(BinaryOp::Eq, n, zero));
    branch(&mut g, entry, c, (bottom, &[]), (rest, &[]));
    let one = val(&mut g, bottom, K::Const(1));
    let q = val(&mut g, bottom, K::Binary(BinaryOp::FloorDiv, one, zero));
    g.append_inst(bottom, K::Return(q));
    let one = val(&mut g, rest, K::Const(1));
    let m1 = val(&mut g, rest, K::Binary(BinaryOp::Sub, n, one));
    let r = call(&mut g, rest, FuncId(1), &[m1]);
    g.append_inst(rest, K::Return(r));
    let m = module(vec![fib(), g]);

    let mut interp = Interpreter::new(&m);
    assert_eq!(
        interp.call_ints(FuncId(1), &[50]),
        Err(exception(Trap::ZeroDivisionError, msg::DIVISION_BY_ZERO))
    );
    assert_eq!(interp.call_ints(FuncId(0), &[15]), Ok(610));
    assert_eq!(
        interp.call_ints(FuncId(1), &[5000]),
        Err(exception(Trap::RecursionError, msg::RECURSION))
    );
    assert_eq!(interp.call_ints(FuncId(0), &[15]), Ok(610));
    assert_eq!(interp.call_ints(FuncId(0), &[16]), Ok(987));
}

#[test]
fn unknown_function_is_an_error() {
    let m = module(vec![fib()]);
    let mut interp = Interpreter::new(&m);
    assert_eq!(
        interp.call_ints(FuncId(1), &[1]),
        Err(CallError::NoSuchFunction)
    );
    assert_eq!(
        interp.call_ints(FuncId(u32::MAX), &[1]),
        Err(CallError::NoSuchFunction)
    );
    let empty = Module::default();
    assert_eq!(
        Interpreter::new(&empty).call_ints(FuncId(0), &[]),
        Err(CallError::NoSuchFunction)
    );
}

#[test]
fn wrong_argument_count_is_an_error() {
    let m = module(vec![binary_fn(BinaryOp::Add)]);
    let mut interp = Interpreter::new(&m);
    assert_eq!(
        interp.call_ints(FuncId(0), &[1]),
        Err(CallError::WrongArgCount {
            expected: 2,
            got: 1
        })
    );
    assert_eq!(
        interp.call_ints(FuncId(0), &[1, 2, 3]),
        Err(CallError::WrongArgCount {
            expected: 2,
            got: 3
        })
    );
    assert_eq!(interp.call_ints(FuncId(0), &[1, 2]), Ok(3));
}

#[test]
fn call_errors_display() {
    assert_eq!(
        CallError::NoSuchFunction.to_string(),
        "no such function in this program"
    );
    assert_eq!(
        CallError::WrongArgCount {
            expected: 2,
            got: 1
        }
        .to_string(),
        "takes 2 arguments but 1 was given"
    );
    let e = Exception::new(Trap::ZeroDivisionError, msg::MODULO_BY_ZERO);
    let err = CallError::from(e.clone());
    assert_eq!(err.exception(), Some(&e));
    assert_eq!(err.to_string(), "ZeroDivisionError: integer modulo by zero");
    assert_eq!(CallError::NoSuchFunction.exception(), None);
    assert!(CallError::Malformed("x".into())
        .to_string()
        .starts_with("malformed IR"));
}

// ------------------------------------------------------------ malformed IR

#[test]
fn block_without_terminator_is_malformed() {
    let mut f = Function::new("open");
    let entry = f.create_block();
    val(&mut f, entry, K::Const(1));
    let m = module(vec![f]);
    let err = run(&m, &[]).unwrap_err();
    assert_eq!(
        err,
        CallError::Malformed("in `open`: block0 ends without a terminator".into())
    );

    let mut f = Function::new("empty_block");
    f.create_block();
    assert_malformed(
        run(&module(vec![f]), &[]),
        "block0 ends without a terminator",
    );
}

#[test]
fn function_without_blocks_is_malformed() {
    let m = module(vec![Function::new("nothing")]);
    assert_malformed(run(&m, &[]), "has no blocks");
    // ... also when it is reached through a call.
    let mut main = Function::new("main");
    let entry = main.create_block();
    let r = call(&mut main, entry, FuncId(1), &[]);
    main.append_inst(entry, K::Return(r));
    let m = module(vec![main, Function::new("nothing")]);
    assert_malformed(run(&m, &[]), "has no blocks");
}

#[test]
fn out_of_range_values_are_malformed() {
    // Read by each kind of instruction.
    let kinds = [
        K::Return(Value(99)),
        K::Unary(UnaryOp::Neg, Value(99)),
        K::Binary(BinaryOp::Add, Value(0), Value(99)),
        K::Select(Value(0), Value(99), Value(0)),
        K::Call(FuncId(0), ValueList::EMPTY),
    ];
    for kind in kinds {
        let mut f = Function::new("bad");
        let entry = f.create_block();
        f.append_block_param(entry);
        let kind = match kind {
            K::Call(callee, _) => K::Call(callee, f.make_list(&[Value(99)])),
            other => other,
        };
        let terminates = kind.is_terminator();
        let inst = f.append_inst(entry, kind);
        if !terminates {
            let r = f.result(inst);
            f.append_inst(entry, K::Return(r));
        }
        assert_malformed(run(&module(vec![f]), &[1]), "v99 is out of range");
    }
}

#[test]
fn call_arguments_cannot_reach_into_the_callee_frame() {
    // The caller has values v0..v1; v2 would be the callee's first register
    // once its frame is pushed.
    let mut f = Function::new("peek");
    let entry = f.create_block();
    let n = f.append_block_param(entry);
    let r = call(&mut f, entry, FuncId(1), &[Value(2)]);
    f.append_inst(entry, K::Return(r));
    assert_eq!((n, r), (Value(0), Value(1)));
    let m = module(vec![f, unary_fn(UnaryOp::BitNot)]);
    assert_malformed(run(&m, &[1]), "v2 is out of range");
}

#[test]
fn bad_results_and_instructions_are_malformed() {
    let base = || {
        let mut f = Function::new("f");
        let entry = f.create_block();
        let c = f.append_inst(entry, K::Const(5));
        let r = f.result(c);
        f.append_inst(entry, K::Return(r));
        (f, c)
    };
    let (mut f, c) = base();
    f.insts[c.index()].result = None;
    assert_malformed(run(&module(vec![f]), &[]), "inst0 has no result value");

    let (mut f, c) = base();
    f.insts[c.index()].result = Some(Value(1000));
    assert_malformed(run(&module(vec![f]), &[]), "v1000 is out of range");

    let (mut f, _) = base();
    f.blocks[0].insts.insert(0, Inst(1000));
    assert_malformed(run(&module(vec![f]), &[]), "inst1000 does not exist");

    let (mut f, _) = base();
    f.layout[0] = Block(7);
    assert_malformed(run(&module(vec![f]), &[]), "entry block7 does not exist");

    // A call whose result has no register.
    let mut f = Function::new("f");
    let entry = f.create_block();
    let call = f.append_inst(entry, K::Call(FuncId(0), ValueList::EMPTY));
    f.insts[call.index()].result = None;
    let zero = val(&mut f, entry, K::Const(0));
    f.append_inst(entry, K::Return(zero));
    assert_malformed(run(&module(vec![f]), &[]), "inst0 has no result value");
}

#[test]
fn bad_jumps_and_calls_are_malformed() {
    // A jump to a block that does not exist.
    let mut f = Function::new("f");
    let entry = f.create_block();
    jump(&mut f, entry, Block(9), &[]);
    assert_malformed(run(&module(vec![f]), &[]), "block9 does not exist");

    // A jump with too few arguments.
    let mut f = Function::new("f");
    let entry = f.create_block();
    let next = f.create_block();
    let p = f.append_block_param(next);
    jump(&mut f, entry, next, &[]);
    f.append_inst(next, K::Return(p));
    assert_malformed(
        run(&module(vec![f]), &[]),
        "gets 0 arguments for 1 parameters",
    );

    // A call to a function that does not exist, and one with the wrong
    // number of arguments.
    let cases = [
        (FuncId(5), vec![], "calls fn5, which does not exist"),
        (
            FuncId(1),
            vec![Value(0)],
            "passes 1 arguments to `binary`, which takes 2",
        ),
    ];
    for (callee, args, problem) in cases {
        let mut f = Function::new("f");
        let entry = f.create_block();
        val(&mut f, entry, K::Const(0));
        let r = call(&mut f, entry, callee, &args);
        f.append_inst(entry, K::Return(r));
        let m = module(vec![f, binary_fn(BinaryOp::Add)]);
        assert_malformed(run(&m, &[]), problem);
    }
}

#[test]
fn lists_outside_the_pool_are_malformed() {
    // A handle made in another function's larger pool.
    let mut other = Function::new("other");
    other.make_list(&[Value(0); 8]);
    let far = other.make_list(&[Value(0)]);
    let mut f = Function::new("f");
    let entry = f.create_block();
    let r = val(&mut f, entry, K::Call(FuncId(0), far));
    f.append_inst(entry, K::Return(r));
    assert_malformed(run(&module(vec![f]), &[]), "outside the function's pool");
}
