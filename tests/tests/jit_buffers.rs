//! Buffers and host functions in machine code, against the interpreter
//! (`minijit_tests::buffers`: results, exceptions with their messages, the
//! final contents of every buffer and the host calls made must be the
//! same). The IR is written by hand in the text form (the front end for
//! buffers lands separately) and compiled as it is.

use minijit::ir::text::parse_module;
use minijit::Program;
use minijit_tests::buffers::{compile, Case, Val};

const EDGE_INDEXES: [i64; 8] = [0, 1, -1, 2, 3, 4, i64::MIN, i64::MAX];

/// [`EDGE_INDEXES`] and the edges of a buffer of `len` items, counted from
/// either end.
fn indexes_around(len: usize) -> Vec<i64> {
    let n = len as i64;
    let mut indexes = EDGE_INDEXES.to_vec();
    indexes.extend([n - 1, n, n + 1, -n, -n - 1, -n + 1, -2]);
    indexes
}

fn bytes_of(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 37 + 200) as u8).collect()
}

fn list_of(n: usize) -> Vec<i64> {
    (0..n as i64).map(|i| i * 1_000_000_007 - 3).collect()
}

const ACCESS: &str = "
function get_bytes(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.bytes v2, v1
    v4 = load.bytes v0, v3
    ret v4
}

function get_bytearray(bytearray, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.bytearray v2, v1
    v4 = load.bytearray v0, v3
    ret v4
}

function get_list(list, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.list v2, v1
    v4 = load.list v0, v3
    ret v4
}

function set_bytearray(bytearray, int, int) -> none {
block0(v0, v1, v2, v3):
    v4 = check_byte v3
    v5 = check_index.bytearray.store v2, v1
    store.bytearray v0, v5, v4
    v6 = const 0
    ret v6
}

function set_list(list, int, int) -> none {
block0(v0, v1, v2, v3):
    v5 = check_index.list.store v2, v1
    store.list v0, v5, v3
    v6 = const 0
    ret v6
}

function last_plus_first(list) -> int {
block0(v0, v1):
    v2 = const 1
    v3 = sub v1, v2
    v4 = check_index.list v3, v1
    v5 = load.list v0, v4
    v6 = const 0
    v7 = check_index.list v6, v1
    v8 = load.list v0, v7
    v9 = add.wrap v5, v8
    ret v9
}

function constant_indexes(bytearray, list) -> int {
block0(v0, v1, v2, v3):
    v4 = const 2
    v5 = check_index.bytearray v4, v1
    v6 = load.bytearray v0, v5
    v7 = const 255
    v8 = check_byte v7
    v9 = check_index.bytearray.store v4, v1
    store.bytearray v0, v9, v8
    v10 = const 1
    v11 = check_index.list.store v10, v3
    v12 = const -5
    store.list v2, v11, v12
    v13 = const 3
    v14 = check_index.list.store v13, v3
    v15 = const -9223372036854775807
    store.list v2, v14, v15
    v18 = check_index.list v10, v3
    v16 = load.list v2, v18
    v17 = add.wrap v6, v16
    ret v17
}

function constant_out_of_range(list, int) -> int {
block0(v0, v1, v2):
    br v2, block1, block2
block1:
    v3 = const -1
    v4 = check_index.list v3, v1
    v5 = load.list v0, v4
    ret v5
block2:
    v6 = const 9223372036854775807
    v7 = check_index.list.store v6, v1
    store.list v0, v7, v6
    ret v6
}

function bad_bytes(bytearray, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v9 = const 7
    v4 = check_byte v9
    v5 = check_index.bytearray.store v3, v1
    store.bytearray v0, v5, v4
    v6 = check_byte v2
    v7 = const 1
    v8 = check_index.bytearray.store v7, v1
    store.bytearray v0, v8, v6
    ret v6
}

function write_then_trap(list, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = const 111
    v5 = check_index.list.store v3, v1
    store.list v0, v5, v4
    v6 = check_index.list.store v2, v1
    store.list v0, v6, v4
    ret v4
}
";

#[test]
fn loads_and_stores_at_every_edge_agree_with_the_interpreter() {
    let program = compile(ACCESS);
    let case = Case::new(&program);
    for len in [0usize, 1, 3, 4, 300] {
        for i in indexes_around(len) {
            let i = Val::Int(i);
            case.check("get_bytes", &[Val::Bytes(bytes_of(len)), i.clone()]);
            case.check("get_bytearray", &[Val::ByteArray(bytes_of(len)), i.clone()]);
            case.check("get_list", &[Val::List(list_of(len)), i.clone()]);
            for v in [0, 1, 127, 128, 255, 256, -1, i64::MIN, i64::MAX] {
                let v = Val::Int(v);
                case.check(
                    "set_bytearray",
                    &[Val::ByteArray(bytes_of(len)), i.clone(), v.clone()],
                );
                case.check("set_list", &[Val::List(list_of(len)), i.clone(), v]);
            }
            case.check("write_then_trap", &[Val::List(list_of(len)), i.clone()]);
            case.check(
                "constant_out_of_range",
                &[Val::List(list_of(len)), i.clone()],
            );
            case.check("bad_bytes", &[Val::ByteArray(bytes_of(len)), i]);
        }
        case.check("last_plus_first", &[Val::List(list_of(len))]);
        case.check(
            "constant_indexes",
            &[Val::ByteArray(bytes_of(len)), Val::List(list_of(len))],
        );
    }
}

#[test]
fn exceptions_carry_cpython_messages_and_writes_before_them_stay() {
    let program = compile(ACCESS);
    let case = Case::new(&program);
    let got = case.check("get_bytes", &[Val::Bytes(vec![1, 2]), Val::Int(2)]);
    assert_eq!(got.result, Err("IndexError: index out of range".into()));
    let got = case.check("get_bytearray", &[Val::ByteArray(vec![]), Val::Int(0)]);
    assert_eq!(
        got.result,
        Err("IndexError: bytearray index out of range".into())
    );
    let got = case.check("get_list", &[Val::List(vec![5]), Val::Int(-1)]);
    assert_eq!(
        got.result,
        Err("IndexError: list index out of range".into())
    );
    let got = case.check("set_list", &[Val::List(vec![5]), Val::Int(1), Val::Int(0)]);
    assert_eq!(
        got.result,
        Err("IndexError: list assignment index out of range".into())
    );
    let got = case.check(
        "set_bytearray",
        &[Val::ByteArray(vec![5]), Val::Int(9), Val::Int(256)],
    );
    assert_eq!(
        got.result,
        Err("ValueError: byte must be in range(0, 256)".into()),
        "the byte is checked before the index"
    );
    let got = case.check("write_then_trap", &[Val::List(vec![0, 0]), Val::Int(2)]);
    assert_eq!(got.args, [Val::List(vec![111, 0]), Val::Int(2)]);
    let got = case.check("bad_bytes", &[Val::ByteArray(vec![0, 0]), Val::Int(-1)]);
    assert_eq!(got.args[0], Val::ByteArray(vec![7, 0]));
    let got = case.check(
        "set_bytearray",
        &[Val::ByteArray(vec![0; 3]), Val::Int(-1), Val::Int(200)],
    );
    assert_eq!(
        got.result,
        Err("IndexError: bytearray index out of range".into())
    );
    let got = case.check(
        "set_bytearray",
        &[Val::ByteArray(vec![0; 3]), Val::Int(2), Val::Int(200)],
    );
    assert_eq!(got.args[0], Val::ByteArray(vec![0, 0, 200]));
}

/// Checks counting a negative index from the end, in each form the
/// emitter has: the index dying at the check (the result takes its
/// register) or living on, the length in a register or on the stack (the
/// fourth buffer's, the eighth and ninth values), an unused result, a
/// constant index.
const FROM_END: &str = "
function get(list, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.list.from_end v2, v1
    v4 = load.list v0, v3
    ret v4
}

function set(bytearray, int, int) -> none {
block0(v0, v1, v2, v3):
    v4 = check_byte v3
    v5 = check_index.bytearray.store.from_end v2, v1
    store.bytearray v0, v5, v4
    v6 = const 0
    ret v6
}

function kept(list, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.list.from_end v2, v1
    v4 = load.list v0, v3
    v5 = add.wrap v4, v2
    v6 = add.wrap v5, v3
    v7 = add.wrap v6, v1
    ret v7
}

function far(bytes, bytes, bytes, list, int) -> int {
block0(v0, v1, v2, v3, v4, v5, v6, v7, v8):
    v9 = check_index.list.from_end v8, v7
    v10 = load.list v6, v9
    ret v10
}

function unused(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = check_index.bytes.from_end v2, v1
    ret v2
}

function constant(list) -> int {
block0(v0, v1):
    v2 = const -2
    v3 = check_index.list.from_end v2, v1
    v4 = load.list v0, v3
    ret v4
}
";

#[test]
fn indexes_counted_from_the_end_agree_with_the_interpreter() {
    let program = compile(FROM_END);
    let case = Case::new(&program);
    for len in [0usize, 1, 2, 3, 300] {
        for i in indexes_around(len) {
            let i = Val::Int(i);
            case.check("get", &[Val::List(list_of(len)), i.clone()]);
            case.check("kept", &[Val::List(list_of(len)), i.clone()]);
            case.check("unused", &[Val::Bytes(bytes_of(len)), i.clone()]);
            let b = || Val::Bytes(bytes_of(2));
            let far = [b(), b(), b(), Val::List(list_of(len)), i.clone()];
            case.check("far", &far);
            for v in [0, 255, 256, -1] {
                let args = [Val::ByteArray(bytes_of(len)), i.clone(), Val::Int(v)];
                case.check("set", &args);
            }
        }
        case.check("constant", &[Val::List(list_of(len))]);
    }
    let got = case.check("get", &[Val::List(vec![4, 5, 6]), Val::Int(-3)]);
    assert_eq!(got.result, Ok(Some(4)));
    let got = case.check("get", &[Val::List(vec![4, 5, 6]), Val::Int(-4)]);
    assert_eq!(
        got.result,
        Err("IndexError: list index out of range".into())
    );
    let args = [Val::ByteArray(vec![0; 3]), Val::Int(-1), Val::Int(9)];
    assert_eq!(
        case.check("set", &args).args[0],
        Val::ByteArray(vec![0, 0, 9])
    );
}

/// Buffers passed on, as arguments 4 and 6 of seven (so that some of the
/// nine values go on the stack), and the same buffer passed twice: writes
/// through one name are read through the other.
const PASSING: &str = "
function swap_through(list, list, int, int) -> int {
block0(v0, v1, v2, v3, v4, v5):
    v6 = check_index.list v4, v1
    v7 = load.list v0, v6
    v8 = check_index.list v5, v3
    v9 = load.list v2, v8
    v10 = check_index.list.store v4, v1
    store.list v0, v10, v9
    v11 = check_index.list v5, v3
    v12 = load.list v2, v11
    v13 = check_index.list.store v5, v3
    store.list v2, v13, v7
    v14 = check_index.list v4, v1
    v15 = load.list v0, v14
    v16 = mul.wrap v12, v15
    ret v16
}

function alias(list, int, int) -> int {
block0(v0, v1, v2, v3):
    v4 = call swap_through(v0, v1, v0, v1, v2, v3)
    ret v4
}

function wide(int, int, int, bytearray, int, list, int) -> int {
block0(v0, v1, v2, v3, v4, v5, v6, v7, v8):
    v9 = check_index.bytearray v8, v4
    v10 = load.bytearray v3, v9
    v11 = check_index.list.store v8, v7
    v12 = add.wrap v10, v0
    store.list v6, v11, v12
    v13 = check_byte v1
    v14 = check_index.bytearray.store v2, v4
    store.bytearray v3, v14, v13
    v15 = add.wrap v5, v10
    ret v15
}

function caller(bytearray, list, int) -> int {
block0(v0, v1, v2, v3, v4):
    v5 = const 10
    v6 = const 200
    v7 = const 1
    v8 = call wide(v5, v6, v7, v0, v1, v4, v2, v3, v4)
    v9 = call wide(v4, v8, v4, v0, v1, v8, v2, v3, v7)
    ret v9
}
";

#[test]
fn buffers_pass_on_through_registers_and_the_stack_and_alias() {
    let program = compile(PASSING);
    let case = Case::new(&program);
    for len in [0usize, 1, 2, 5] {
        for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1), (0, 4), (-1, 0), (4, 4)] {
            let got = case.check(
                "alias",
                &[Val::List(list_of(len)), Val::Int(i), Val::Int(j)],
            );
            if len >= 2 && (i, j) == (0, 1) {
                // x[0], x[1] = x[1], x[0] through two names; then x[1] * x[0]
                // read back through them: the writes are seen.
                let l = list_of(len);
                assert_eq!(
                    got.args[0],
                    Val::List([vec![l[1], l[0]], l[2..].to_vec()].concat())
                );
            }
            case.check(
                "swap_through",
                &[
                    Val::List(list_of(len)),
                    Val::List(list_of(len + 1)),
                    Val::Int(i),
                    Val::Int(j),
                ],
            );
        }
        for k in [-1, 0, 1, 2, 3] {
            case.check(
                "caller",
                &[
                    Val::ByteArray(bytes_of(len)),
                    Val::List(list_of(len)),
                    Val::Int(k),
                ],
            );
        }
    }
}

/// Host functions with 0, 1, 6, 7 and 10 arguments, one that raises, one
/// that returns nothing, calls in a loop and in recursion, and values live
/// across the calls in every register the allocator has.
const HOSTS: &str = "
host zero() -> int
host one(int) -> int
host six(int, int, int, int, int, int) -> int
host seven(int, int, int, int, int, int, int) -> int
host ten(int, int, int, int, int, int, int, int, int, int) -> int
host fail() -> none
host picky(int) -> int
host print(...) -> none

function arities(int) -> int {
block0(v0):
    v1 = call_host zero()
    v2 = call_host one(v0)
    v3 = const -9223372036854775808
    v4 = call_host six(v0, v1, v2, v3, v0, v1)
    v5 = call_host seven(v4, v3, v2, v1, v0, v4, v3)
    v6 = const 5
    v7 = call_host ten(v0, v1, v2, v3, v4, v5, v6, v0, v1, v2)
    v8 = call_host print(v7, v6)
    v9 = add.wrap v7, v5
    ret v9
}

function raises(list, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = check_index.list.store v3, v1
    store.list v0, v4, v2
    br v2, block1, block2
block1:
    v5 = call_host fail()
    ret v2
block2:
    v6 = call_host picky(v2)
    ret v6
}

function pressure(int, int) -> int {
block0(v0, v1):
    v2 = add.wrap v0, v1
    v3 = sub.wrap v0, v1
    v4 = mul.wrap v0, v1
    v5 = xor v0, v1
    v6 = add.wrap v2, v3
    v7 = add.wrap v4, v5
    v8 = mul.wrap v6, v7
    v9 = sub.wrap v8, v0
    v10 = xor v9, v4
    v11 = add.wrap v10, v2
    v12 = mul.wrap v11, v3
    v13 = add.wrap v12, v5
    v14 = xor v13, v6
    v15 = sub.wrap v14, v7
    v16 = call_host six(v2, v3, v4, v5, v6, v7)
    v17 = call_host one(v16)
    v18 = add.wrap v0, v1
    v19 = add.wrap v18, v2
    v20 = add.wrap v19, v3
    v21 = add.wrap v20, v4
    v22 = add.wrap v21, v5
    v23 = add.wrap v22, v6
    v24 = add.wrap v23, v7
    v25 = add.wrap v24, v8
    v26 = add.wrap v25, v9
    v27 = add.wrap v26, v10
    v28 = add.wrap v27, v11
    v29 = add.wrap v28, v12
    v30 = add.wrap v29, v13
    v31 = add.wrap v30, v14
    v32 = add.wrap v31, v15
    v33 = add.wrap v32, v16
    v34 = add.wrap v33, v17
    ret v34
}

function looped(bytearray, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    jump block1(v3, v3)
block1(v4, v5):
    v6 = lt v4, v1
    br v6, block2, block3
block2:
    v7 = check_index.bytearray v4, v1
    v8 = load.bytearray v0, v7
    v9 = call_host one(v8)
    v10 = const 255
    v11 = and v9, v10
    v12 = check_byte v11
    v13 = check_index.bytearray.store v4, v1
    store.bytearray v0, v13, v12
    v14 = call_host picky(v2)
    v15 = add.wrap v5, v9
    v16 = const 1
    v17 = add v4, v16
    jump block1(v17, v15)
block3:
    ret v5
}

function recurse(list, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = le v2, v3
    br v4, block1, block2
block1:
    v5 = call_host zero()
    ret v5
block2:
    v6 = const 1
    v7 = sub v2, v6
    v8 = call_host one(v2)
    v9 = call recurse(v0, v1, v7)
    v10 = check_index.list v7, v1
    v11 = load.list v0, v10
    v12 = add.wrap v9, v11
    v13 = xor v12, v8
    v14 = check_index.list.store v7, v1
    store.list v0, v14, v13
    ret v13
}
";

#[test]
fn host_calls_agree_with_the_interpreter() {
    let program = compile(HOSTS);
    let case = Case::new(&program);
    for x in [0, 1, -1, 42, i64::MIN, i64::MAX] {
        let got = case.check("arities", &[Val::Int(x)]);
        let arities: Vec<usize> = got.host_calls.iter().map(|(_, a)| a.len()).collect();
        assert_eq!(arities, [0, 1, 6, 7, 10, 2]);
        for y in [0, 3, -7, 1 << 40] {
            case.check("pressure", &[Val::Int(x), Val::Int(y)]);
        }
    }
    for len in [0usize, 1, 4, 9] {
        for k in [0, 1, 3, 10] {
            case.check("looped", &[Val::ByteArray(bytes_of(len)), Val::Int(k)]);
            case.check("recurse", &[Val::List(list_of(len)), Val::Int(k)]);
        }
    }
    // Deeper than the recursion limit: RecursionError, with the buffer
    // untouched and a thousand host calls made first.
    let got = case.check("recurse", &[Val::List(list_of(3)), Val::Int(5000)]);
    assert_eq!(
        got.result,
        Err("RecursionError: maximum recursion depth exceeded".into())
    );
}

#[test]
fn a_host_function_that_raises_leaves_the_code_callable() {
    let program = compile(HOSTS);
    let case = Case::new(&program);
    for round in 0..3 {
        let got = case.check("raises", &[Val::List(vec![9, 9]), Val::Int(1)]);
        assert_eq!(got.result, Err("ValueError: the host said no".into()));
        assert_eq!(got.args[0], Val::List(vec![1, 9]), "round {round}");
        let got = case.check("raises", &[Val::List(vec![9]), Val::Int(0)]);
        assert!(got.result.is_ok());
        case.check("raises", &[Val::List(vec![9]), Val::Int(10)]);
        let got = case.check("looped", &[Val::ByteArray(vec![1, 2, 3]), Val::Int(3)]);
        assert_eq!(got.result, Err("AssertionError: picky about 3".into()));
        case.check("arities", &[Val::Int(round)]);
    }
}

/// Six host results live to the end leave only stack slots for the
/// buffers' addresses, lengths and the indexes: the base comes through
/// r10, the index through r11, and a wide value stored at a spilled index
/// folds the address into r10 first (`lea r10, [r10+r11*8]`).
const SPILLED: &str = "host h1(int) -> int

function spilled(bytearray, list, int, int) -> int {
block0(v0, v1, v2, v3, v4, v5):
    v6 = call_host h1(v4)
    v7 = call_host h1(v6)
    v8 = call_host h1(v7)
    v9 = call_host h1(v8)
    v10 = call_host h1(v9)
    v11 = call_host h1(v10)
    v12 = check_index.list.store v4, v3
    v13 = const -9223372036854775807
    store.list v2, v12, v13
    v14 = check_index.list.store v5, v3
    store.list v2, v14, v5
    v15 = check_byte v5
    v16 = check_index.bytearray.store v4, v1
    store.bytearray v0, v16, v15
    v17 = check_index.bytearray v5, v1
    v18 = load.bytearray v0, v17
    v19 = check_index.list v4, v3
    v20 = load.list v2, v19
    v21 = add.wrap v6, v7
    v22 = add.wrap v21, v8
    v23 = add.wrap v22, v9
    v24 = add.wrap v23, v10
    v25 = add.wrap v24, v11
    v26 = add.wrap v25, v18
    v27 = add.wrap v26, v20
    ret v27
}
";

#[test]
fn spilled_bases_indexes_and_values_agree_with_the_interpreter() {
    let program = compile(SPILLED);
    let case = Case::new(&program);
    for len in [0usize, 1, 2, 5] {
        for (i, v) in [(0, 0), (1, 0), (0, 1), (1, 255), (0, 256), (-1, 0), (4, 4)] {
            case.check(
                "spilled",
                &[
                    Val::ByteArray(bytes_of(len)),
                    Val::List(list_of(len)),
                    Val::Int(i),
                    Val::Int(v),
                ],
            );
        }
    }
}

/// No host address is in the code: the bridge is reached through the
/// context, so the same bytes serve every process and embedder.
#[test]
fn code_with_host_calls_holds_no_host_address() {
    let a = compile(HOSTS).program;
    let b = compile(HOSTS).program;
    assert_eq!(a.bytes(), b.bytes());
    let bridge_bytes = |p: &Program| {
        p.bytes()
            .windows(4)
            .filter(|w| w == &[0x41, 0xFF, 0x57, 0x28])
            .count()
    };
    // call [r15+40] once per call_host in the module.
    assert_eq!(bridge_bytes(&a), HOSTS.matches("call_host").count());
}

/// Random functions over three buffers (loads, stores,
/// both checks, trapping and wrapping arithmetic, host calls of every
/// arity, a call passing one list twice, some in a loop) run both ways on
/// random buffers, and optimized through the JIT.
/// `MINIJIT_RANDOM_BUFFERS=N` runs N programs instead of 300.
#[test]
fn random_buffer_programs_agree_with_the_interpreter() {
    let count: u64 = std::env::var("MINIJIT_RANDOM_BUFFERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut outcomes = [0usize; 2];
    for seed in 0..count {
        let mut rng = minijit_tests::buffers::rng(seed);
        let text = minijit_tests::buffers::random_module(&mut rng);
        let program = compile(&text);
        let case = Case::new(&program);
        // The optimized program must do the same (as the front end's
        // programs will be compiled).
        let mut module = parse_module(&text).unwrap();
        minijit::ir::verify::verify_checked(&module).unwrap();
        minijit::opt::optimize(&mut module);
        // SAFETY: the module passed the checked verifier before the
        // optimizer, which drops only the checks it proves needless.
        let optimized = minijit_tests::buffers::Compiled {
            program: unsafe { minijit::compile_ir_unchecked(module.clone()) }.unwrap(),
            module,
        };
        let optimized_case = Case::new(&optimized);
        for _ in 0..4 {
            let args = minijit_tests::buffers::random_args(&mut rng);
            let got = case.check("f", &args);
            assert_eq!(
                optimized_case.jit("f", &args),
                got,
                "optimized, seed {seed}:\n{text}\n{}",
                optimized.module
            );
            outcomes[usize::from(got.result.is_ok())] += 1;
        }
    }
    // Both kinds of ending are exercised.
    eprintln!("{outcomes:?}");
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
