//! Global value numbering: removes an instruction when one that computes
//! the same operation on the same operands dominates it, and uses the
//! earlier result instead.
//!
//! Needs: a verified function. Keeps: every result and exception, and the
//! control flow (so its analyses, [`Cfg`]). Only `const`, unary, binary
//! and `select` instructions and index and byte checks are numbered;
//! calls, loads, `fuel`, frame instructions and terminators never are. A
//! trapping operation (checked `add`, `floordiv`, a check, ...) is a
//! deterministic function of its operands: when an identical one
//! dominates it, that one ran first with the same operands and did not
//! trap, so this one would not trap either and would give the same value.
//! So an index checked for a read is not checked again for the write
//! after it (`x[i] = x[i] + 1`): the messages differ, but the second
//! never raises.
//!
//! The walk goes down the dominator tree (with an explicit stack: functions
//! may be deep) keeping a table of the expressions available in the
//! current block, scoped so that leaving a subtree forgets what it added.
//! Operands of commutative operations are put in order, and `gt`/`ge`/`ugt`
//! are read as `lt`/`le`/`ult` with the operands swapped, so `add v1, v2`
//! meets `add v2, v1` and `gt v1, v2` meets `lt v2, v1`.
//!
//! Constants are merged across the whole function first: one instruction
//! per value, at the start of the entry block.

use crate::ir::dom::Cfg;
use crate::ir::subst::make_identity;
use crate::ir::{BinaryOp, Block, Function, Inst, InstKind, Value, ValueDef};
use crate::reuse::KEEP_FOR_VALUES;
use alloc::vec::Vec;

/// Removes instructions of `func` that recompute a dominating result;
/// returns whether it changed anything.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func` (the
/// control flow stays as it is).
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_with(func, cfg, &mut Tables::default())
}

/// The tables of a run, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// The value that replaces each removed result (itself for the others).
    replacement: Vec<Value>,
    table: ScopedTable,
    /// Each frame of the walk down the dominator tree: a block, how many
    /// of its children have been entered, and the table size to go back
    /// to when leaving it.
    stack: Vec<(Block, usize, usize)>,
    /// The constants moving to the entry.
    constants: Vec<Inst>,
}

/// [`run_in`] with the tables `t` of an earlier run to fill again.
///
/// Only an expression computed twice can go, so the first walk, in
/// reverse postorder, looks for one as it gathers the constants; without
/// one (long chains of distinct tests, straight-line code) the dominator
/// tree is not needed here, and the walk down it, which would find
/// nothing, is left out.
pub fn run_with(func: &mut Function, cfg: &mut Cfg, t: &mut Tables) -> bool {
    let Tables {
        replacement,
        table,
        stack,
        constants,
    } = t;
    let rpo = cfg.rpo(func);
    let Some(&entry) = rpo.first() else {
        return false;
    };
    make_identity(func, replacement);
    let size: usize = rpo.iter().map(|b| func.blocks[b.index()].insts.len()).sum();
    // One table serves all the walks: emptied after each.
    table.reset(func.values.len(), size);
    let (mut changed, twice) = gather_constants(func, rpo, table, replacement, constants);
    if twice {
        table.truncate(0);
        let (_, dom) = cfg.get(func);
        stack.clear();
        changed |= number_block(func, entry, table, replacement);
        stack.push((entry, 0, 0));
        while let Some((block, next_child, mark)) = stack.last_mut() {
            match dom.children(*block).get(*next_child) {
                Some(&child) => {
                    *next_child += 1;
                    let child_mark = table.len();
                    changed |= number_block(func, child, table, replacement);
                    stack.push((child, 0, child_mark));
                }
                None => {
                    table.truncate(*mark);
                    stack.pop();
                }
            }
        }
    }
    if changed {
        // Unreachable blocks are not in the tree but may still name a
        // removed result.
        for i in 0..func.layout.len() {
            let b = func.layout[i];
            if !cfg.reaches(func, b) {
                replace_uses(func, b, replacement);
            }
        }
    }
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// Moves the constants of the reachable blocks to the start of the entry
/// block, one instruction per value: a constant neither reads nor traps, so
/// it may be defined where it dominates every use. (The backend makes them
/// immediates, so they cost no register however far they reach.)
///
/// On the way, until it finds one, looks for an expression computed twice
/// in the blocks of `rpo` (a dominating copy or not), rewriting the
/// operands of the other instructions to their replacements as
/// [`number_block`] does. (A constant is met before its uses: its block
/// dominates theirs, or it comes first in theirs.)
///
/// Whether it changed anything, and whether an expression is computed
/// twice. `seen` is an empty table to note the expressions in; it is
/// left empty.
fn gather_constants(
    func: &mut Function,
    rpo: &[Block],
    seen: &mut ScopedTable,
    replacement: &mut [Value],
    constants: &mut Vec<Inst>,
) -> (bool, bool) {
    constants.clear();
    let mut changed = false;
    let mut twice = false;
    let entry = rpo[0];
    for &b in rpo {
        let mut insts = core::mem::take(&mut func.blocks[b.index()].insts);
        // Constants after other instructions move even in the entry block.
        let mut moved = b != entry;
        insts.retain(|&inst| {
            let data = &mut func.insts[inst.index()];
            let (InstKind::Const(c), Some(result)) = (&data.kind, data.result) else {
                moved = true;
                if !twice {
                    let pool = &mut func.pool;
                    data.kind
                        .for_each_arg_mut(pool, |v| *v = replacement[v.index()]);
                    if let (Some(key), Some(result)) = (Key::of(&data.kind), data.result) {
                        twice = seen.get(key).is_some();
                        seen.push(key, result);
                    }
                }
                return true;
            };
            let key = Key::constant(*c);
            match seen.get(key) {
                Some(earlier) => {
                    replacement[result.index()] = earlier;
                    data.result = None;
                    func.values[result.index()] = ValueDef::Unused;
                    changed = true;
                }
                None => {
                    seen.push(key, result);
                    constants.push(inst);
                    changed |= moved;
                }
            }
            false
        });
        func.blocks[b.index()].insts = insts;
    }
    let entry_insts = &mut func.blocks[entry.index()].insts;
    entry_insts.insert_many(0, constants.drain(..));
    seen.truncate(0);
    (changed, twice)
}

/// Rewrites every operand and branch argument of `block` to its replacement.
fn replace_uses(func: &mut Function, block: Block, replacement: &[Value]) {
    for &inst in &func.blocks[block.index()].insts {
        func.insts[inst.index()]
            .kind
            .for_each_arg_mut(&mut func.pool, |v| *v = replacement[v.index()]);
    }
}

/// Numbers the instructions of `block`, whose dominators have all been
/// numbered: in order, rewrites each instruction's operands to the values
/// replacing them, then removes it if its expression is already available;
/// whether it removed any.
fn number_block(
    func: &mut Function,
    block: Block,
    table: &mut ScopedTable,
    replacement: &mut [Value],
) -> bool {
    let mut insts = core::mem::take(&mut func.blocks[block.index()].insts);
    let before = insts.len();
    insts.retain(|&inst| {
        let data = &mut func.insts[inst.index()];
        data.kind
            .for_each_arg_mut(&mut func.pool, |v| *v = replacement[v.index()]);
        let (Some(key), Some(result)) = (Key::of(&data.kind), data.result) else {
            return true;
        };
        match table.get(key) {
            Some(earlier) => {
                replacement[result.index()] = earlier;
                data.result = None;
                func.values[result.index()] = ValueDef::Unused;
                false
            }
            None => {
                table.push(key, result);
                true
            }
        }
    });
    let changed = insts.len() != before;
    func.blocks[block.index()].insts = insts;
    changed
}

/// An expression: what an instruction computes, whatever its result.
/// Sixteen bytes, so that the table stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    /// The kind of instruction and its operation.
    op: u32,
    /// Operands (or the constant's low and high halves, for `const`).
    args: [u32; 3],
}

const CONST: u32 = 0;
const SELECT: u32 = 1;
const CHECK_INDEX: u32 = 2;
const CHECK_INDEX_FROM_END: u32 = 3;
const CHECK_BYTE: u32 = 4;
const UNARY: u32 = 0x100;
const BINARY: u32 = 0x200;

impl Key {
    /// The expression `kind` computes, if it is one that can be numbered.
    fn of(kind: &InstKind) -> Option<Key> {
        let v = |v: &Value| v.0;
        let (op, args) = match kind {
            InstKind::Const(c) => return Some(Key::constant(*c)),
            InstKind::Unary(op, a) => (UNARY + *op as u32, [v(a), 0, 0]),
            InstKind::Binary(op, a, b) => {
                let (op, a, b) = normalize(*op, v(a), v(b));
                (BINARY + op as u32, [a, b, 0])
            }
            InstKind::Select(c, a, b) => (SELECT, [v(c), v(a), v(b)]),
            // The buffer's kind and the access only word the message.
            InstKind::CheckIndex(check, i, n) => match check.from_end {
                true => (CHECK_INDEX_FROM_END, [v(i), v(n), 0]),
                false => (CHECK_INDEX, [v(i), v(n), 0]),
            },
            InstKind::CheckByte(b) => (CHECK_BYTE, [v(b), 0, 0]),
            _ => return None,
        };
        Some(Key { op, args })
    }

    /// The expression `const c`.
    fn constant(c: i64) -> Key {
        let c = c as u64;
        Key {
            op: CONST,
            args: [c as u32, (c >> 32) as u32, 0],
        }
    }

    fn hash(self) -> u64 {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = u64::from(self.op).wrapping_mul(K);
        for a in self.args {
            h = (h.rotate_left(5) ^ u64::from(a)).wrapping_mul(K);
        }
        h
    }
}

/// One form for operations that mean the same: commutative operands in
/// order, greater-than comparisons as less-than with the operands swapped.
fn normalize(op: BinaryOp, a: u32, b: u32) -> (BinaryOp, u32, u32) {
    match op {
        BinaryOp::Gt => (BinaryOp::Lt, b, a),
        BinaryOp::Ge => (BinaryOp::Le, b, a),
        BinaryOp::Ugt => (BinaryOp::Ult, b, a),
        _ if op.is_commutative() && b < a => (op, b, a),
        _ => (op, a, b),
    }
}

/// How many entries of one chain a lookup compares before it gives up
/// (and finds nothing: a redundancy missed, never a wrong merge). A chain
/// holds the expressions available whose newest operand is one value, so
/// it is long only where one value is combined with a great many older
/// ones; the bound keeps the pass linear there too.
const MAX_CHAIN: u32 = 32;

/// A table of available expressions whose entries are removed in the
/// reverse order of their insertion: each chain runs through the entry
/// stack, newest first, so removing the newest entry unlinks the head of
/// its chain.
///
/// An expression's chain is its newest operand (the highest numbered), not
/// a hash: values are numbered about in the order they are made, so the
/// heads and entries a walk reads are those of the last few values, near
/// each other and in the caches. A hash spreads them over the whole
/// table, and in a long function every lookup missed the caches (at
/// 100,000 lines of divisions, one block, that was most of the pass's
/// time). A constant has no operand: constants are chained by hash.
#[derive(Clone, Debug, Default)]
struct ScopedTable {
    /// The newest entry of each chain, or [`ScopedTable::NONE`]: one
    /// chain per value of the function.
    heads: Vec<u32>,
    entries: Vec<Entry>,
    /// log2 of the number of chains the constants hash into (at most
    /// `heads.len()`).
    bits: u32,
}

#[derive(Clone, Debug)]
struct Entry {
    key: Key,
    value: Value,
    chain: u32,
    /// The next older entry of the same chain.
    next: u32,
}

impl ScopedTable {
    const NONE: u32 = u32::MAX;

    /// Empties the table for a function of `values` values, with room for
    /// about `n` entries.
    fn reset(&mut self, values: usize, n: usize) {
        let chains = values.max(2);
        // Not `reuse::refill`: one more caller of it for `u32` tables made
        // the compiler stop inlining it into `fold` and `ranges`, which
        // cost more than reusing this table saves (measured).
        self.heads.clear();
        self.heads.resize(chains, Self::NONE);
        self.entries.clear();
        self.entries.reserve(n);
        self.bits = chains.ilog2();
    }

    fn chain(&self, key: Key) -> u32 {
        match key.op {
            CONST => (key.hash() >> (64 - self.bits)) as u32,
            _ => key.args[0].max(key.args[1]).max(key.args[2]),
        }
    }

    fn get(&self, key: Key) -> Option<Value> {
        let mut i = self.heads[self.chain(key) as usize];
        for _ in 0..MAX_CHAIN {
            let entry = self.entries.get(i as usize)?;
            if entry.key == key {
                return Some(entry.value);
            }
            i = entry.next;
        }
        None
    }

    fn push(&mut self, key: Key, value: Value) {
        let chain = self.chain(key);
        let next = self.heads[chain as usize];
        self.heads[chain as usize] = self.entries.len() as u32;
        self.entries.push(Entry {
            key,
            value,
            chain,
            next,
        });
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    /// Forgets the entries pushed since the table had `len` entries.
    fn truncate(&mut self, len: usize) {
        while self.entries.len() > len {
            if let Some(entry) = self.entries.pop() {
                self.heads[entry.chain as usize] = entry.next;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{Arg, NoHost};
    use crate::interp::Interpreter;
    use crate::ir::verify::verify;
    use crate::test_fixtures::{outcome, parse};
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn merging_keeps_results_and_exceptions() {
        let before = parse(
            "function f {
block0(v0, v1, v2):
    v3 = floordiv v0, v1
    br v2, block1, block2
block1:
    v4 = floordiv v0, v1
    v5 = shl v0, v2
    v6 = mul v5, v4
    jump block3(v6)
block2:
    v7 = shl v0, v2
    v8 = abs v1
    jump block3(v7)
block3(v9):
    v10 = shl v0, v2
    v11 = floordiv v0, v1
    v12 = abs v1
    v13 = pow v9, v10
    v14 = add v13, v11
    v15 = sub v14, v12
    ret v15
}
",
        );
        let mut after = before.clone();
        assert!(run(&mut after.functions[0]));
        verify(&after).unwrap_or_else(|e| panic!("{e}\n{after}"));
        let values = [0, 1, -1, 2, 3, 63, 64, i64::MIN, i64::MAX];
        for &a in &values {
            for &b in &values {
                for &c in &values {
                    let args = [a, b, c];
                    assert_eq!(outcome(&before, 0, &args), outcome(&after, 0, &args));
                }
            }
        }
    }

    /// `x[i] = x[i] + 1; x[i] = v; x[i] = v` over a bytearray: the
    /// store's check of `i` is the load's, the second byte check the
    /// first's; a check that does not count from the end is another check.
    #[test]
    fn an_index_checked_once_is_not_checked_again() {
        let before = parse(
            "function f(bytearray, int, int) -> int {
block0(v0, v1, v2, v3):
    v4 = const 1
    v5 = check_index.bytearray.from_end v2, v1
    v6 = load.bytearray v0, v5
    v7 = add v6, v4
    v8 = check_byte v7
    v9 = check_index.bytearray.store.from_end v2, v1
    store.bytearray v0, v9, v8
    v10 = check_byte v3
    v11 = check_index.bytearray.store v2, v1
    store.bytearray v0, v11, v10
    v12 = check_byte v3
    v13 = check_index.bytearray.store.from_end v2, v1
    store.bytearray v0, v13, v12
    ret v6
}
",
        );
        let mut after = before.clone();
        assert!(run(&mut after.functions[0]));
        verify(&after).unwrap_or_else(|e| panic!("{e}\n{after}"));
        let text = format!("{after}");
        assert_eq!(text.matches("check_index").count(), 2, "{text}");
        assert_eq!(text.matches("check_byte").count(), 2, "{text}");
        for i in [-4, -3, -1, 0, 2, 3] {
            for v in [0, 255, 256, -1] {
                let run = |m: &crate::ir::Module| {
                    let mut data = [7u8, 255, 1];
                    let mut args = [Arg::ByteArray(&mut data), Arg::Int(i), Arg::Int(v)];
                    let r = Interpreter::new(m).call(crate::ir::FuncId(0), &mut args, &mut NoHost);
                    (format!("{r:?}"), data)
                };
                assert_eq!(run(&before), run(&after), "x[{i}], {v}");
            }
        }
    }

    #[test]
    fn without_a_repeated_expression_only_constants_merge() {
        // The constants merge (and every use, in the unreachable block
        // too, names the one left); no expression repeats, so nothing
        // else changes and the dominator tree is never made. (`sub v0, v5`
        // and `sub v3, v0` differ: `sub` does not commute.)
        let before = parse(
            "function f {
block0(v0):
    v1 = const 7
    v2 = add v0, v1
    br v2, block1, block2
block1:
    v3 = const 7
    v4 = mul v0, v3
    ret v4
block2:
    v5 = const 7
    v6 = sub v0, v5
    ret v6
block3:
    v7 = sub v3, v0
    ret v7
}
",
        );
        let mut after = before.clone();
        let mut cfg = Cfg::default();
        assert!(run_in(&mut after.functions[0], &mut cfg));
        assert!(cfg.known().is_none(), "no dominator tree was needed");
        verify(&after).unwrap_or_else(|e| panic!("{e}\n{after}"));
        let text = format!("{after}");
        assert_eq!(text.matches("const 7").count(), 1, "{text}");
        for kept in ["add v0, v1", "mul v0, v1", "sub v0, v1", "sub v1, v0"] {
            assert!(text.contains(kept), "{kept} in {text}");
        }
        for x in [-3, 0, 7, i64::MAX] {
            assert_eq!(outcome(&before, 0, &[x]), outcome(&after, 0, &[x]));
        }
    }

    #[test]
    fn deep_dominator_tree() {
        // A chain of 20,000 blocks, each recomputing the same sum and
        // constant: one of each is left, and the walk does not recurse.
        let n = 20_000;
        let mut text = String::from("function f {\nblock0(v0):\n    jump block1\n");
        for i in 1..n {
            let (c, sum) = (2 * i, 2 * i + 1);
            text += &format!("block{i}:\n    v{c} = const 1\n    v{sum} = add v0, v{c}\n");
            text += &format!("    jump block{}\n", i + 1);
        }
        text += &format!("block{n}:\n    ret v3\n}}\n");
        let mut module = parse(&text);
        assert!(run(&mut module.functions[0]));
        verify(&module).unwrap();
        let func = &module.functions[0];
        let left: usize = func
            .layout
            .iter()
            .map(|b| func.blocks[b.index()].insts.len())
            .sum();
        // The constant, the add, one jump per block but the last, the return.
        assert_eq!(left, 2 + n as usize + 1);
        assert_eq!(outcome(&module, 0, &[41]), "42");
    }

    /// The table finds an expression by its newest operand's chain,
    /// forgets what a scope added, and compares at most [`MAX_CHAIN`]
    /// entries of one chain: an expression older than that in a chain is
    /// not found (a redundancy missed, which only costs a recomputation).
    #[test]
    fn a_chain_is_searched_only_so_far() {
        let add = |a: u32, b: u32| Key::of(&InstKind::Binary(BinaryOp::Add, Value(a), Value(b)));
        let mut table = ScopedTable::default();
        table.reset(200, 0);
        // `add v100, v0` .. `add v100, v(MAX_CHAIN)`: one chain, v100's.
        for k in 0..=MAX_CHAIN {
            table.push(add(100, k).unwrap(), Value(101 + k));
        }
        assert_eq!(table.get(add(1, 100).unwrap()), Some(Value(102)));
        assert_eq!(
            table.get(add(100, MAX_CHAIN).unwrap()),
            Some(Value(101 + MAX_CHAIN))
        );
        assert_eq!(table.get(add(0, 100).unwrap()), None, "past the bound");
        let mark = table.len();
        table.push(add(7, 8).unwrap(), Value(150));
        table.push(Key::constant(-5), Value(151));
        assert_eq!(table.get(add(8, 7).unwrap()), Some(Value(150)));
        assert_eq!(table.get(Key::constant(-5)), Some(Value(151)));
        table.truncate(mark);
        assert_eq!(table.get(add(8, 7).unwrap()), None);
        assert_eq!(table.get(Key::constant(-5)), None);
        assert_eq!(table.get(add(100, 1).unwrap()), Some(Value(102)));
    }
}
