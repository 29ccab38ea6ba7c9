//! Loop-invariant code motion: moves instructions whose operands do not
//! change inside a loop out of it, into the loop's preheader.
//!
//! Needs: a verified function. Keeps: every result and exception. Gives:
//! a preheader to each natural loop (see [`crate::ir::loops`]) that has
//! something to move: a block that is the only way into the loop from
//! outside and ends by jumping to its header. Unless such a block is
//! already there, a new one takes the header's arguments on the entry edges
//! and passes them on. Loops with nothing to move get no new block (it
//! would cost a jump for nothing).
//!
//! An instruction is invariant when each operand is defined outside the
//! loop or by an invariant instruction already moved. What moves:
//! - pure operations that never trap (`const`, `select`, `bnot`, bitwise
//!   operations, comparisons, the `.wrap` arithmetic) from anywhere in the
//!   loop: running them once more or once less is never observable;
//! - operations that may trap (index and byte checks among them), and
//!   loads from buffers in loops that write no memory, only from the start
//!   of the header: before the first instruction there that could trap or
//!   has an effect (`fuel`, `call`, stores, frame instructions) and was not
//!   moved itself. The preheader
//!   always goes on to the header, which reaches that point without any
//!   effect, so the moved operation traps exactly when the first iteration
//!   would have trapped there, with the same exception; and when it does
//!   not trap, no later iteration can (same operands, same result).
//!
//! Inner loops go first, so an instruction can leave a nest of loops one
//! level at a time: a preheader of an inner loop is a block of the outer
//! loop.

use crate::ir::dom::{Cfg, DomTree, Predecessors};
use crate::ir::loops::{find_loops_into, Loop, LoopTables};
use crate::ir::{Block, BlockCall, Function, Inst, InstKind, UnaryOp};
use crate::reuse::refill;
use alloc::vec::Vec;

/// Where a hoisted result is defined until its preheader is known: no
/// block, so outside every loop.
const PENDING: Block = Block(u32::MAX);

/// Hoists loop-invariant instructions of `func` into loop preheaders
/// (creating those where something moves); returns whether it changed
/// anything.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func`; forgets
/// them when it adds a preheader.
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_with(func, cfg, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next (their contents
/// mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    find: LoopTables,
    loops: Vec<Loop>,
    in_loop: Vec<bool>,
    def_block: Vec<Option<Block>>,
    hoisted: Vec<Inst>,
}

/// [`run_in`] with the tables of `tables`.
pub fn run_with(func: &mut Function, cfg: &mut Cfg, tables: &mut Tables) -> bool {
    // Without a cycle there is no loop, and no dominator tree to make.
    if !cfg.has_cycle(func) {
        return false;
    }
    let (preds, dom) = cfg.get(func);
    let Tables {
        find,
        loops,
        in_loop,
        def_block,
        hoisted,
    } = tables;
    find_loops_into(func, dom, preds, find, loops);
    if loops.is_empty() {
        return false;
    }
    let mut changed = false;
    let mut created = false;
    refill(in_loop, func.blocks.len(), false);
    definition_blocks(func, def_block);
    for i in (0..loops.len()).rev() {
        mark(in_loop, &loops[i], true);
        take_invariants(func, &loops[i], in_loop, def_block, hoisted);
        if !hoisted.is_empty() {
            changed = true;
            let header = loops[i].header;
            let existing = existing_preheader(func, dom, preds, &loops[i], in_loop);
            let preheader = existing.unwrap_or_else(|| {
                created = true;
                let p = create_preheader(func, preds.of(header), header, in_loop);
                in_loop.push(false);
                def_block.resize(func.values.len(), None);
                for v in func.block_params(p) {
                    def_block[v.index()] = Some(p);
                }
                // The new block belongs to the loops around this one (not
                // yet processed), just before the header.
                let mut outer = loops[i].parent;
                while let Some(o) = outer {
                    let blocks = &mut loops[o].blocks;
                    let at = blocks.iter().position(|&b| b == header);
                    blocks.insert(at.unwrap_or(blocks.len()), p);
                    outer = loops[o].parent;
                }
                p
            });
            for inst in hoisted.iter() {
                if let Some(r) = func.insts[inst.index()].result {
                    def_block[r.index()] = Some(preheader);
                }
            }
            let insts = &mut func.blocks[preheader.index()].insts;
            let at = insts.len() - 1;
            insts.insert_many(at, hoisted.drain(..));
        }
        mark(in_loop, &loops[i], false);
    }
    if created {
        cfg.forget();
    }
    changed
}

fn mark(in_loop: &mut [bool], lp: &Loop, on: bool) {
    for b in &lp.blocks {
        in_loop[b.index()] = on;
    }
}

/// The loop's preheader, if it has one: the only reachable predecessor of
/// the header from outside the loop, ending in a jump to the header.
fn existing_preheader(
    func: &Function,
    dom: &DomTree,
    preds: &Predecessors,
    lp: &Loop,
    in_loop: &[bool],
) -> Option<Block> {
    let mut outside = preds
        .of(lp.header)
        .iter()
        .filter(|&&p| !in_loop[p.index()] && dom.is_reachable(p));
    let only = *outside.next()?;
    if outside.next().is_some() {
        return None;
    }
    let term = func.terminator(only)?;
    matches!(func.kind(term), InstKind::Jump(_)).then_some(only)
}

/// Makes a block that takes the header's parameters and jumps to the
/// header, and sends every edge from outside the loop into it instead.
/// `preds` are the header's predecessors, `in_loop` marks the loop.
fn create_preheader(
    func: &mut Function,
    preds: &[Block],
    header: Block,
    in_loop: &[bool],
) -> Block {
    let preheader = func.create_block();
    for _ in 0..func.block_params(header).len() {
        func.append_block_param(preheader);
    }
    let params = func.blocks[preheader.index()].params;
    let dest = BlockCall::with_list(header, params, &mut func.pool);
    func.append_inst(preheader, InstKind::Jump(dest));
    for &pred in preds {
        if in_loop[pred.index()] {
            continue;
        }
        let Some(term) = func.terminator(pred) else {
            continue;
        };
        for dest in func.insts[term.index()].kind.successors_mut() {
            if dest.block(&func.pool) == header {
                dest.set_block(preheader, &mut func.pool);
            }
        }
    }
    // Lay it out just before the header, which it falls through to.
    func.layout.pop();
    let at = func
        .layout
        .iter()
        .position(|&b| b == header)
        .unwrap_or(func.layout.len());
    func.layout.insert(at, preheader);
    preheader
}

/// The block defining each value (a parameter's block or the block holding
/// the instruction), or `None` for values not defined in the layout, into
/// `def_block`.
fn definition_blocks(func: &Function, def_block: &mut Vec<Option<Block>>) {
    refill(def_block, func.values.len(), None);
    for &b in &func.layout {
        let data = &func.blocks[b.index()];
        for p in func.pool.get(data.params) {
            def_block[p.index()] = Some(b);
        }
        for inst in &data.insts {
            if let Some(r) = func.insts[inst.index()].result {
                def_block[r.index()] = Some(b);
            }
        }
    }
}

/// What moving an instruction could change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Motion {
    /// Nothing: a pure operation that never traps.
    Free,
    /// Where (and whether) it traps.
    Traps,
    /// An effect or a terminator: never moved.
    Fixed,
}

/// How an instruction of `kind` may move out of a loop; `loop_writes`
/// tells whether the loop stores into a buffer or calls out.
fn motion(kind: &InstKind, loop_writes: bool) -> Motion {
    match kind {
        InstKind::Const(_) | InstKind::Select(..) => Motion::Free,
        InstKind::Unary(UnaryOp::BitNot, _) => Motion::Free,
        InstKind::Unary(UnaryOp::Neg | UnaryOp::Abs, _) => Motion::Traps,
        InstKind::Binary(op, ..) if op.can_trap() => Motion::Traps,
        InstKind::Binary(..) => Motion::Free,
        InstKind::CheckIndex(..) | InstKind::CheckByte(..) => Motion::Traps,
        // A load never traps, but its index is only known to be inside
        // the buffer where the loop reads it: it moves like a check, and
        // only out of loops that write no memory (any buffer may be the
        // one it reads).
        InstKind::Load(..) if !loop_writes => Motion::Traps,
        _ => Motion::Fixed,
    }
}

/// Takes the invariant instructions of `lp` (marked in `in_loop`) out of
/// their blocks into `hoisted` (emptied first), in order; their results
/// are recorded as defined outside the loop (at [`PENDING`] until they
/// are placed).
fn take_invariants(
    func: &mut Function,
    lp: &Loop,
    in_loop: &[bool],
    def_block: &mut [Option<Block>],
    hoisted: &mut Vec<Inst>,
) {
    hoisted.clear();
    let loop_writes = lp.blocks.iter().any(|b| {
        func.blocks[b.index()]
            .insts
            .iter()
            .any(|i| func.insts[i.index()].kind.writes_memory())
    });
    for &b in &lp.blocks {
        // Whether every instruction so far in the header is moved or can
        // neither trap nor have an effect.
        let mut clean_prefix = b == lp.header;
        let mut insts = core::mem::take(&mut func.blocks[b.index()].insts);
        insts.retain(|&inst| {
            let data = &func.insts[inst.index()];
            let how = motion(&data.kind, loop_writes);
            let mut invariant = match how {
                Motion::Free => true,
                Motion::Traps => clean_prefix,
                Motion::Fixed => false,
            };
            if invariant {
                data.kind.for_each_arg(&func.pool, |v| {
                    invariant &= def_block[v.index()]
                        .is_some_and(|d| !in_loop.get(d.index()).copied().unwrap_or(false));
                });
            }
            if !invariant {
                clean_prefix &= how == Motion::Free;
                return true;
            }
            if let Some(r) = data.result {
                def_block[r.index()] = Some(PENDING);
            }
            hoisted.push(inst);
            false
        });
        func.blocks[b.index()].insts = insts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interp::Interpreter;
    use crate::ir::verify::verify;
    use crate::ir::{FuncId, Module};
    use crate::test_fixtures::{call_text, parse};
    use alloc::format;
    use alloc::string::{String, ToString};

    /// What a call gives with a few fuel budgets: values or exceptions.
    fn outcome(module: &Module, f: usize, args: &[i64]) -> String {
        let mut all = String::new();
        for fuel in [0, 1, 2, 40] {
            let mut interp = Interpreter::new(module).with_fuel(Some(fuel));
            all += &call_text(interp.call_ints(FuncId::new(f), args));
            all += " ";
        }
        all
    }

    /// Runs the pass on every function of `text` that has a loop (each must
    /// change) and compares every call on edge values with the interpreter
    /// on the input.
    fn agrees_with_interpreter(text: &str) -> Module {
        let before = parse(text);
        let mut after = before.clone();
        for f in &mut after.functions {
            let loops = f.blocks.len() > 1;
            assert_eq!(run(f), loops, "{}", f.name);
        }
        verify(&after).unwrap_or_else(|e| panic!("{e}\n{after}"));
        let values = [0, 1, -1, 2, 5, i64::MIN, i64::MAX];
        for (f, func) in before.functions.iter().enumerate() {
            let arity = func.params().len() as u32;
            for n in 0..values.len().pow(arity) {
                let args: Vec<i64> = (0..arity)
                    .map(|k| values[n / values.len().pow(k) % values.len()])
                    .collect();
                let want = outcome(&before, f, &args);
                let got = outcome(&after, f, &args);
                assert_eq!(want, got, "{}{args:?}\n{after}", func.name);
            }
        }
        after
    }

    #[test]
    fn hoisting_keeps_results_and_exceptions() {
        // Loops are bounded by the fuel their bodies spend.
        agrees_with_interpreter(
            "function header_traps {
block0(v0, v1, v2):
    v3 = const 0
    v4 = const 1
    jump block1(v3, v3)
block1(v5, v6):
    v7 = floordiv v1, v2
    v8 = neg v2
    v9 = lt v5, v0
    br v9, block2, block3
block2:
    fuel
    v10 = add v6, v7
    v11 = add v10, v8
    v12 = add.wrap v5, v4
    jump block1(v12, v11)
block3:
    ret v6
}

function conditional_trap {
block0(v0, v1, v2):
    v3 = const 0
    v4 = const 1
    v5 = lt v3, v0
    br v5, block1(v3, v3), block4(v3)
block1(v6, v7):
    fuel
    v8 = eq v6, v1
    br v8, block2, block3(v7)
block2:
    v9 = mod v1, v2
    v10 = pow v2, v1
    v11 = add v9, v10
    jump block3(v11)
block3(v12):
    v13 = xor v1, v2
    v14 = add v12, v13
    v15 = add.wrap v6, v4
    v16 = lt v15, v0
    br v16, block1(v15, v14), block4(v14)
block4(v17):
    ret v17
}

function negate {
block0(v0):
    v1 = neg v0
    ret v1
}

function effect_first {
block0(v0, v1, v2):
    v3 = const 1
    jump block1(v0)
block1(v4):
    v5 = call negate(v1)
    v6 = floordiv v1, v2
    v7 = xor v1, v2
    fuel
    v8 = sub.wrap v4, v3
    v9 = add v6, v7
    br v8, block1(v8), block2
block2:
    v10 = add v5, v9
    ret v10
}

function fuel_first {
block0(v0, v1):
    v2 = const 1
    v3 = const 9
    jump block1(v0)
block1(v4):
    fuel
    v5 = abs v1
    v6 = and v4, v3
    v7 = sub.wrap v6, v2
    v8 = xor v1, v3
    br v7, block1(v7), block2
block2:
    v9 = add v5, v8
    ret v9
}

function nested {
block0(v0, v1, v2):
    v3 = const 0
    v4 = const 1
    v5 = lt v3, v0
    br v5, block1(v3, v3), block4(v3)
block1(v6, v7):
    v8 = lt v3, v1
    br v8, block2(v3, v7), block3(v7)
block2(v9, v10):
    v11 = mul.wrap v2, v2
    v12 = shl v6, v2
    v13 = floordiv v2, v6
    fuel
    v14 = add v10, v12
    v15 = add v14, v13
    v16 = add v15, v11
    v17 = add.wrap v9, v4
    v18 = lt v17, v1
    br v18, block2(v17, v16), block3(v16)
block3(v19):
    fuel
    v20 = add.wrap v6, v4
    v21 = lt v20, v0
    br v21, block1(v20, v19), block4(v19)
block4(v22):
    ret v22
}
",
        );
    }

    #[test]
    fn deep_nest_hoists_to_the_outermost_preheader() {
        // 100 nested loops `block(k)`, each counting its parameter down;
        // the innermost computes an invariant `mul.wrap v0, v0`.
        let depth = 100;
        let mut text = String::from("function f {\nblock0(v0):\n    v1 = const 1\n");
        text += "    jump block1(v0)\n";
        for k in 1..=depth {
            text += &format!("block{k}(v{}):\n", 10 + k);
            if k == depth {
                text += "    v2 = mul.wrap v0, v0\n";
                text += &format!("    v3 = xor v2, v{}\n", 10 + k);
            }
            let inner = if k == depth {
                format!("block{k}(v{})", 1000 + k)
            } else {
                format!("block{}(v0)", k + 1)
            };
            text += &format!("    v{} = sub.wrap v{}, v1\n", 1000 + k, 10 + k);
            text += &format!("    br v{}, {inner}, block{}\n", 1000 + k, 1000 + k);
            let outer = if k == 1 {
                "ret v0".to_string()
            } else {
                format!("jump block{}(v{})", k - 1, 1000 + k - 1)
            };
            text += &format!("block{}:\n    {outer}\n", 1000 + k);
        }
        text += "}\n";
        let mut module = parse(&text);
        verify(&module).unwrap();
        assert!(run(&mut module.functions[0]));
        verify(&module).unwrap_or_else(|e| panic!("{e}\n{module}"));
        let func = &module.functions[0];
        // The `mul.wrap` sits in the block before block1, which is the
        // entry: it already ended with a jump to block1.
        let entry = &func.blocks[0].insts;
        let moved = entry
            .iter()
            .any(|&i| matches!(func.kind(i), InstKind::Binary(..)));
        assert!(moved, "{module}");
    }

    /// `while n: s += x[k]; n -= 1` with `k` fixed: the check and the load
    /// leave the loop, with the same answers and exceptions; a store in the
    /// loop (to any buffer) keeps the load in.
    #[test]
    fn an_invariant_check_and_load_leave_a_loop_without_stores() {
        use crate::call::{Arg, NoHost};
        let text = "function f(bytearray, int, int) -> int {
block0(v0, v1, v2, v3):
    v4 = const 0
    v5 = const 1
    v6 = lt v4, v3
    br v6, block1(v3, v4), block2(v4)
block1(v7, v8):
    v9 = check_index.bytearray v2, v1
    v10 = load.bytearray v0, v9
    v11 = add v8, v10
    STORE
    v12 = sub v7, v5
    v13 = lt v4, v12
    br v13, block1(v12, v11), block2(v11)
block2(v14):
    ret v14
}
";
        for (store, moved) in [("", 2), ("store.bytearray v0, v9, v5", 1)] {
            let before = parse(&text.replace("STORE", store));
            let mut after = before.clone();
            run(&mut after.functions[0]);
            verify(&after).unwrap_or_else(|e| panic!("{e}\n{after}"));
            let in_loop = after.functions[0].blocks[1]
                .insts
                .iter()
                .filter(|i| {
                    matches!(
                        after.functions[0].insts[i.index()].kind,
                        InstKind::CheckIndex(..) | InstKind::Load(..)
                    )
                })
                .count();
            assert_eq!(2 - in_loop, moved, "{after}");
            for k in [-4, -1, 0, 2, 3, 9] {
                for n in [0, 1, 3] {
                    let run = |m: &Module| {
                        let mut data = [7u8, 1, 250];
                        let mut args = [Arg::ByteArray(&mut data), Arg::Int(k), Arg::Int(n)];
                        let r = Interpreter::new(m).call(FuncId(0), &mut args, &mut NoHost);
                        format!("{r:?} {data:?}")
                    };
                    assert_eq!(run(&before), run(&after), "k={k} n={n}");
                }
            }
        }
    }
}
