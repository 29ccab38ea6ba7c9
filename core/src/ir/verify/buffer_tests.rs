//! Unit tests of the verifier's buffer and host-function rules, each with IR
//! text it refuses and IR text it accepts.

use super::tests::{complaint, complaint_about};
use super::*;
use crate::call::Arg;
use crate::interp::Interpreter;
use crate::ir::HostId;
use crate::test_fixtures::parse;
use alloc::string::ToString;

/// A realistic module: a loop summing a `bytes` buffer, a `list` swap (of
/// items 0 and -1), a checked `bytearray` store, calls passing buffers on
/// and a host call.
pub(super) const BUFFERS: &str = "host print(...) -> none
host ticks() -> int

function sum(bytes) -> int {
block0(v0, v1):
    v2 = const 0
    v3 = lt v2, v1
    br v3, block1(v2, v2), block2(v2)
block1(v4, v5):
    fuel
    v6 = check_index.bytes v4, v1
    v7 = load.bytes v0, v6
    v8 = add v5, v7
    v9 = const 1
    v10 = add.wrap v4, v9
    v11 = lt v10, v1
    br v11, block1(v10, v8), block2(v8)
block2(v12):
    ret v12
}

function swap(list, int, int) -> none {
block0(v0, v1, v2, v3):
    v4 = check_index.list.from_end v3, v1
    v5 = load.list v0, v4
    v6 = check_index.list v2, v1
    v7 = load.list v0, v6
    v8 = check_index.list.store v2, v1
    store.list v0, v8, v5
    v9 = check_index.list.store.from_end v3, v1
    store.list v0, v9, v7
    v10 = const 0
    ret v10
}

function put(bytearray, int, int) -> none {
block0(v0, v1, v2, v3):
    v4 = check_byte v3
    v5 = check_index.bytearray.store v2, v1
    store.bytearray v0, v5, v4
    v6 = const 0
    ret v6
}

function main(bytes, bytearray, list) -> int {
block0(v0, v1, v2, v3, v4, v5):
    v6 = call sum(v0, v1)
    v7 = const 0
    v8 = call put(v2, v3, v7, v6)
    v9 = const -1
    v10 = call swap(v4, v5, v7, v9)
    v11 = call_host print(v6, v1, v5)
    v12 = call_host ticks()
    v13 = add v6, v12
    ret v13
}
";

/// The checked verifier's complaint about `text`, as displayed.
fn checked_complaint_about(text: &str) -> String {
    verify_checked(&parse(text))
        .expect_err("the checked verifier accepted it")
        .to_string()
}

/// `f` with one parameter of every kind (addresses v0, v2, v4 with
/// lengths v1, v3, v5; the integer v6) and `body` after its entry label,
/// beside callees that take an integer (`g`), a `bytes` (`gb`) and two
/// `bytes` (`gbb`).
fn in_f(body: &str) -> String {
    format!(
        "host print(...) -> none

function f(bytes, bytearray, list, int) -> int {{
block0(v0, v1, v2, v3, v4, v5, v6):
{body}
}}

function g {{
block0(v0):
    ret v0
}}

function gb(bytes) -> int {{
block0(v0, v1):
    ret v1
}}

function gbb(bytes, bytes) -> int {{
block0(v0, v1, v2, v3):
    ret v3
}}
"
    )
}

/// `complaint_about(in_f(body))` without its function and block: `f`'s
/// entry block, or another block the message names.
fn complaint_in_f(body: &str) -> String {
    let text = complaint_about(&in_f(body));
    text.strip_prefix("in function f: block0: ")
        .or_else(|| text.strip_prefix("in function f: "))
        .unwrap_or(&text)
        .to_string()
}

#[test]
fn accepts_a_realistic_buffer_module_in_both_modes() {
    let module = parse(BUFFERS);
    assert_eq!(verify(&module), Ok(()));
    assert_eq!(verify_checked(&module), Ok(()));
    // And it does what it says.
    let bytes = *b"\x01\x02\x03";
    let mut bytearray = [0u8; 2];
    let mut list = [10i64, 20];
    let mut args = [
        Arg::Bytes(&bytes),
        Arg::ByteArray(&mut bytearray),
        Arg::List(&mut list),
    ];
    let mut printed = alloc::vec::Vec::new();
    let mut host = |id: HostId, args: &[i64]| {
        printed.push((id, args.to_vec()));
        Ok(100)
    };
    let main = module.function_id("main").unwrap();
    let result = Interpreter::new(&module).call(main, &mut args, &mut host);
    assert_eq!(result, Ok(Some(106)));
    assert_eq!(bytearray, [6, 0]);
    assert_eq!(list, [20, 10]);
    assert_eq!(
        printed,
        [
            (HostId(0), alloc::vec![6, 3, 2]),
            (HostId(1), alloc::vec![])
        ]
    );
}

#[test]
fn the_entry_block_takes_the_signature_s_values() {
    let text = "function f(bytes, int) -> int {\nblock0(v0, v1, v2):\n    ret v2\n}\n";
    assert_eq!(verify(&parse(text)), Ok(()));
    let text = "function f(bytes, int) -> int {\nblock0(v0, v1):\n    ret v1\n}\n";
    assert_eq!(
        complaint_about(text),
        "in function f: block0: the entry block has 2 parameters, but the signature \
         (bytes, int) -> int takes 3 values (a buffer is an address and a length)"
    );
    let mut module = parse("function f {\nblock0(v0):\n    ret v0\n}\n");
    module.functions[0].signature.params.push(ParamKind::Int);
    assert_eq!(
        complaint(&module),
        "in function f: block0: the entry block has 1 parameter, but the signature \
         (int, int) -> int takes 2 arguments"
    );
}

#[test]
fn buffer_operands_and_lengths_may_be_used_as_they_are_meant() {
    let body = "    v7 = load.bytes v0, v6
    v8 = load.bytearray v2, v6
    store.bytearray v2, v6, v7
    v9 = load.list v4, v6
    store.list v4, v6, v8
    v10 = add v1, v3
    v11 = call gb(v0, v1)
    v12 = call g(v10)
    v13 = call gbb(v0, v1, v0, v1)
    ret v9";
    assert_eq!(verify(&parse(&in_f(body))), Ok(()));
}

#[test]
fn rejects_an_address_read_as_an_integer() {
    let bytes = "v0 is the address of a bytes buffer, which only `load.bytes` and calls \
                 passing it to a bytes parameter may read";
    let bytearray = "v2 is the address of a bytearray buffer, which only `load.bytearray`, \
                     `store.bytearray` and calls passing it to a bytearray parameter may read";
    let list = "v4 is the address of a list buffer, which only `load.list`, `store.list` \
                and calls passing it to a list parameter may read";
    let cases = [
        (
            "    v7 = add v0, v6\n    ret v7",
            "`v7 = add v0, v6`",
            bytes,
        ),
        (
            "    v7 = eq v6, v2\n    ret v7",
            "`v7 = eq v6, v2`",
            bytearray,
        ),
        ("    v7 = neg v4\n    ret v7", "`v7 = neg v4`", list),
        ("    ret v0", "`ret v0`", bytes),
        (
            "    v7 = select v6, v4, v6\n    ret v7",
            "`v7 = select v6, v4, v6`",
            list,
        ),
        (
            "    br v2, block1, block1\nblock1:\n    ret v6",
            "`br v2, block1, block1`",
            bytearray,
        ),
        (
            "    jump block1(v0)\nblock1(v7):\n    ret v6",
            "`jump block1(v0)`",
            bytes,
        ),
        (
            "    v7 = check_index.bytes v0, v1\n    ret v7",
            "`v7 = check_index.bytes v0, v1`",
            bytes,
        ),
        (
            "    v7 = check_index.list v6, v4\n    ret v7",
            "`v7 = check_index.list v6, v4`",
            list,
        ),
        (
            "    v7 = check_byte v2\n    ret v7",
            "`v7 = check_byte v2`",
            bytearray,
        ),
        (
            "    v7 = call_host print(v6, v0)\n    ret v6",
            "`v7 = call_host print(v6, v0)`",
            bytes,
        ),
        ("    v7 = call g(v4)\n    ret v7", "`v7 = call g(v4)`", list),
        (
            "    v7 = load.bytes v0, v0\n    ret v7",
            "`v7 = load.bytes v0, v0`",
            bytes,
        ),
        (
            "    store.list v4, v6, v4\n    ret v6",
            "`store.list v4, v6, v4`",
            list,
        ),
    ];
    for (body, inst, why) in cases {
        assert_eq!(complaint_in_f(body), format!("{inst}: {why}"), "{body}");
    }
}

#[test]
fn rejects_a_load_or_store_of_something_else_than_an_address_of_its_kind() {
    assert_eq!(
        complaint_in_f("    v7 = load.bytes v6, v6\n    ret v7"),
        "`v7 = load.bytes v6, v6`: v6 is not the address of a bytes buffer this function \
         was given"
    );
    // A length is an integer, not an address.
    assert_eq!(
        complaint_in_f("    v7 = load.list v5, v6\n    ret v7"),
        "`v7 = load.list v5, v6`: v5 is not the address of a list buffer this function \
         was given"
    );
    assert_eq!(
        complaint_in_f("    v7 = load.list v0, v6\n    ret v7"),
        "`v7 = load.list v0, v6`: v0 is the address of a bytes buffer, not of a list one"
    );
    assert_eq!(
        complaint_in_f("    v7 = const 8\n    store.bytearray v7, v6, v6\n    ret v6"),
        "`store.bytearray v7, v6, v6`: v7 is not the address of a bytearray buffer this \
         function was given"
    );
    assert_eq!(
        complaint_in_f("    store.list v2, v6, v6\n    ret v6"),
        "`store.list v2, v6, v6`: v2 is the address of a bytearray buffer, not of a list one"
    );
}

#[test]
fn rejects_a_store_into_bytes() {
    assert_eq!(
        complaint_in_f("    store.bytes v0, v6, v6\n    ret v6"),
        "`store.bytes v0, v6, v6`: a bytes buffer is read-only"
    );
    assert_eq!(
        verify(&parse(&in_f("    store.bytearray v2, v6, v6\n    ret v6"))),
        Ok(())
    );
}

#[test]
fn rejects_a_call_with_the_wrong_number_of_values() {
    assert_eq!(
        complaint_in_f("    v7 = call gb(v0)\n    ret v7"),
        "`v7 = call gb(v0)`: gb(bytes) -> int takes 2 values (a buffer is an address and \
         a length), not 1"
    );
    assert_eq!(
        complaint_in_f("    v7 = call gb(v0, v1, v6)\n    ret v7"),
        "`v7 = call gb(v0, v1, v6)`: gb(bytes) -> int takes 2 values (a buffer is an \
         address and a length), not 3"
    );
}

#[test]
fn rejects_a_buffer_argument_that_is_not_an_address_of_its_kind() {
    assert_eq!(
        complaint_in_f("    v7 = call gb(v6, v1)\n    ret v7"),
        "`v7 = call gb(v6, v1)`: parameter 1 of gb is a bytes buffer, but v6 is not the \
         address of a bytes buffer this function was given"
    );
    assert_eq!(
        complaint_in_f("    v7 = call gbb(v0, v1, v2, v3)\n    ret v7"),
        "`v7 = call gbb(v0, v1, v2, v3)`: parameter 2 of gbb is a bytes buffer, but v2 is \
         the address of a bytearray buffer, not of a bytes one"
    );
}

#[test]
fn rejects_a_forged_length() {
    assert_eq!(
        complaint_in_f("    v7 = call gb(v0, v6)\n    ret v7"),
        "`v7 = call gb(v0, v6)`: the length passed with v0 must be v1, its own, not v6"
    );
    // Even one computed from the true length.
    assert_eq!(
        complaint_in_f(
            "    v7 = const 1\n    v8 = add v1, v7\n    v9 = call gb(v0, v8)\n    ret v9"
        ),
        "`v9 = call gb(v0, v8)`: the length passed with v0 must be v1, its own, not v8"
    );
    // Or another buffer's.
    let text = "function f(bytes, bytes) -> int {
block0(v0, v1, v2, v3):
    v4 = call f(v0, v3, v2, v1)
    ret v4
}
";
    assert!(complaint_about(text).ends_with(
        "`v4 = call f(v0, v3, v2, v1)`: the length passed with v0 must be v1, its own, not v3"
    ));
    // The same buffer twice, or the two in another order, is fine.
    let text = text.replace("f(v0, v3, v2, v1)", "f(v2, v3, v0, v1)");
    assert_eq!(verify(&parse(&text)), Ok(()));
    let text = text.replace("f(v2, v3, v0, v1)", "f(v2, v3, v2, v3)");
    assert_eq!(verify(&parse(&text)), Ok(()));
}

#[test]
fn rejects_a_call_to_an_undeclared_host_function() {
    let text = "host print(...) -> none\n\nfunction f {\nblock0(v0):\n    \
                v1 = call_host print(v0)\n    ret v0\n}\n";
    let mut module = parse(text);
    assert_eq!(verify(&module), Ok(()));
    let func = &mut module.functions[0];
    let InstKind::CallHost(_, args) = func.insts[0].kind else {
        panic!("not a host call");
    };
    func.insts[0].kind = InstKind::CallHost(HostId(3), args);
    assert_eq!(
        complaint(&module),
        "in function f: block0: `v1 = call_host host3(v0)`: host3 is not declared"
    );
    // The parser's host id, once the declaration is gone.
    module.functions[0].insts[0].kind = InstKind::CallHost(HostId(0), args);
    module.hosts.clear();
    assert!(complaint(&module).ends_with("`v1 = call_host host0(v0)`: host0 is not declared"));
}

#[test]
fn rejects_a_host_call_its_arity_does_not_accept() {
    let text = "host ticks() -> int\nhost put(int, int) -> none\nhost print(...) -> none

function f {
block0(v0):
    v1 = call_host ticks()
    v2 = call_host put(v0, v1)
    v3 = call_host print()
    v4 = call_host print(v0, v1, v2, v3)
    ret v1
}
";
    assert_eq!(verify(&parse(text)), Ok(()));
    assert!(complaint_about(&text.replace("ticks()\n", "ticks(v0)\n"))
        .ends_with("block0: `v1 = call_host ticks(v0)`: ticks takes 0 arguments, not 1"));
    assert!(complaint_about(&text.replace("put(v0, v1)", "put(v0)"))
        .ends_with("`v2 = call_host put(v0)`: put takes 2 arguments, not 1"));
}

#[test]
fn the_checked_mode_requires_a_check_of_every_index() {
    // The optimizer leaves accesses it proved in range unchecked.
    let unchecked = "function f(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = lt v3, v1
    br v4, block1, block2
block1:
    v5 = load.bytes v0, v3
    ret v5
block2:
    ret v2
}
";
    assert_eq!(verify(&parse(unchecked)), Ok(()));
    assert_eq!(
        checked_complaint_about(unchecked),
        "in function f: block1: `v5 = load.bytes v0, v3`: the index v3 is not the result \
         of a `check_index.bytes` against v1, the length of v0"
    );
    let checked = unchecked.replace(
        "    v5 = load.bytes v0, v3\n",
        "    v6 = check_index.bytes v3, v1\n    v5 = load.bytes v0, v6\n",
    );
    assert_eq!(verify_checked(&parse(&checked)), Ok(()));
}

#[test]
fn the_checked_mode_requires_the_check_of_the_kind_access_and_length() {
    let text = |check: &str, access: &str| {
        format!(
            "function f(list, list, int) -> int {{
block0(v0, v1, v2, v3, v4):
    v5 = {check}
    {access}
    ret v4
}}
"
        )
    };
    let load = "v6 = load.list v0, v5";
    let store = "store.list v0, v5, v4";
    let good = [
        ("check_index.list v4, v1", load),
        ("check_index.list.store v4, v1", store),
    ];
    for (check, access) in good {
        assert_eq!(
            verify_checked(&parse(&text(check, access))),
            Ok(()),
            "{check}"
        );
    }
    let bad = [
        // Another buffer's length.
        ("check_index.list v4, v3", load, ""),
        ("check_index.list.store v4, v3", store, ".store"),
        // The other access.
        ("check_index.list.store v4, v1", load, ""),
        ("check_index.list v4, v1", store, ".store"),
        // Another kind.
        ("check_index.bytes v4, v1", load, ""),
        // Not a check at all.
        ("add v4, v1", load, ""),
    ];
    for (check, access, wanted) in bad {
        let text = text(check, access);
        assert_eq!(verify(&parse(&text)), Ok(()), "{check}");
        assert!(
            checked_complaint_about(&text).ends_with(&format!(
                "`: the index v5 is not the result of a `check_index.list{wanted}` against \
                 v1, the length of v0"
            )),
            "{check} for {access}"
        );
    }
}

/// A check against anything but a length could pass in compiled code (an
/// unsigned compare) where the interpreter raises (a signed one): against
/// a negative bound, with nothing read through its result.
#[test]
fn the_checked_mode_checks_indexes_only_against_lengths() {
    let text = |check: &str| {
        format!(
            "function f(list, int, int) -> int {{
block0(v0, v1, v2, v3):
    v4 = {check}
    ret v4
}}
"
        )
    };
    for check in [
        "check_index.list v2, v1",
        "check_index.bytes.from_end v2, v1",
    ] {
        assert_eq!(verify_checked(&parse(&text(check))), Ok(()), "{check}");
    }
    for check in [
        "check_index.list v2, v3",
        "check_index.list.from_end v3, v2",
    ] {
        assert_eq!(verify(&parse(&text(check))), Ok(()), "{check}");
        let length = &check[check.len() - 2..];
        assert_eq!(
            checked_complaint_about(&text(check)),
            format!(
                "in function f: block0: `v4 = {check}`: {length} is not the length of a \
                 buffer this function was given"
            )
        );
    }
}

#[test]
fn the_checked_mode_requires_a_check_of_every_stored_byte() {
    let text = "function f(bytearray, int, int) -> none {
block0(v0, v1, v2, v3):
    v4 = check_index.bytearray.store v2, v1
    store.bytearray v0, v4, v3
    ret v2
}
";
    assert_eq!(verify(&parse(text)), Ok(()));
    assert_eq!(
        checked_complaint_about(text),
        "in function f: block0: `store.bytearray v0, v4, v3`: the byte v3 is not the result \
         of a `check_byte`"
    );
    let checked = text.replace(
        "    store.bytearray v0, v4, v3\n",
        "    v5 = check_byte v3\n    store.bytearray v0, v4, v5\n",
    );
    assert_eq!(verify_checked(&parse(&checked)), Ok(()));
}

#[test]
fn compile_ir_refuses_unchecked_accesses() {
    let text = "function f(bytes) -> int {
block0(v0, v1):
    v2 = const 0
    v3 = load.bytes v0, v2
    ret v3
}
";
    let Err(err) = crate::compile_ir(parse(text)) else {
        panic!("compile_ir accepted it");
    };
    assert_eq!(
        err.message,
        "invalid IR: in function f: block0: `v3 = load.bytes v0, v2`: the index v2 is not \
         the result of a `check_index.bytes` against v1, the length of v0"
    );
}
