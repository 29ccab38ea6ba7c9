//! Loop-invariant code motion: moves instructions whose operands do not
//! change inside a loop out of it, into the loop's preheader.
//!
//! Needs: a verified function. Keeps: every result and exception. Gives:
//! every natural loop (see [`super::loops`]) that has something to move a
//! preheader, a block that is the only way into the loop from outside and
//! ends by jumping to its header: a new block that takes the header's
//! arguments on the entry edges and passes them on, unless such a block is
//! already there.
//!
//! An instruction is invariant when each operand is defined outside the
//! loop or by an invariant instruction already moved. What moves:
//! - pure operations that never trap (`const`, `select`, `bnot`, bitwise
//!   operations, comparisons, the `.wrap` arithmetic) from anywhere in the
//!   loop: running them once more or once less is never observable;
//! - operations that may trap, only from the start of the header: before
//!   the first instruction there that could trap or has an effect (`fuel`,
//!   `call`, frame instructions) and was not moved itself. The preheader
//!   always goes on to the header, which reaches that point without any
//!   effect, so the moved operation traps exactly when the first iteration
//!   would have trapped there, with the same exception; and when it does
//!   not trap, no later iteration can (same operands, same result).
//!
//! Inner loops go first, so an instruction can leave a nest of loops one
//! level at a time: a preheader of an inner loop is a block of the outer
//! loop.

use super::loops::{find_loops, Loop};
use crate::ir::dom::{predecessors, DomTree};
use crate::ir::{Block, BlockCall, Function, Inst, InstKind, UnaryOp, Value};
use alloc::vec;
use alloc::vec::Vec;

/// Where a hoisted result is defined until its preheader is known: no
/// block, so outside every loop.
const PENDING: Block = Block(u32::MAX);

/// Hoists loop-invariant instructions of `func` into loop preheaders
/// (creating those where something moves); returns whether it changed
/// anything.
pub fn run(func: &mut Function) -> bool {
    let dom = DomTree::compute(func);
    let preds = predecessors(func);
    let mut loops = find_loops(func, &dom, &preds);
    if loops.is_empty() {
        return false;
    }
    let mut changed = false;
    let mut in_loop = vec![false; func.blocks.len()];
    let mut def_block = definition_blocks(func);
    for i in (0..loops.len()).rev() {
        mark(&mut in_loop, &loops[i], true);
        let hoisted = take_invariants(func, &loops[i], &in_loop, &mut def_block);
        if !hoisted.is_empty() {
            changed = true;
            let header = loops[i].header;
            let existing = existing_preheader(func, &dom, &preds, &loops[i], &in_loop);
            let preheader = existing.unwrap_or_else(|| {
                let p = create_preheader(func, &preds[header.index()], header, &in_loop);
                in_loop.push(false);
                def_block.resize(func.values.len(), None);
                for v in &func.blocks[p.index()].params {
                    def_block[v.index()] = Some(p);
                }
                // The new block belongs to the loops around this one (which
                // come earlier in the list: not yet processed).
                for outer in &mut loops[..i] {
                    if let Some(at) = outer.blocks.iter().position(|&b| b == header) {
                        outer.blocks.insert(at, p);
                    }
                }
                p
            });
            for inst in &hoisted {
                if let Some(r) = func.insts[inst.index()].result {
                    def_block[r.index()] = Some(preheader);
                }
            }
            let insts = &mut func.blocks[preheader.index()].insts;
            let at = insts.len() - 1;
            insts.splice(at..at, hoisted);
        }
        mark(&mut in_loop, &loops[i], false);
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
    preds: &[Vec<Block>],
    lp: &Loop,
    in_loop: &[bool],
) -> Option<Block> {
    let mut outside = preds[lp.header.index()]
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
    let args: Vec<Value> = (0..func.blocks[header.index()].params.len())
        .map(|_| func.append_block_param(preheader))
        .collect();
    func.append_inst(
        preheader,
        InstKind::Jump(BlockCall {
            block: header,
            args,
        }),
    );
    for &pred in preds {
        if in_loop[pred.index()] {
            continue;
        }
        let Some(term) = func.terminator(pred) else {
            continue;
        };
        for dest in func.insts[term.index()].kind.successors_mut() {
            if dest.block == header {
                dest.block = preheader;
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
/// the instruction), or `None` for values not defined in the layout.
fn definition_blocks(func: &Function) -> Vec<Option<Block>> {
    let mut def_block = vec![None; func.values.len()];
    for &b in &func.layout {
        let data = &func.blocks[b.index()];
        for p in &data.params {
            def_block[p.index()] = Some(b);
        }
        for inst in &data.insts {
            if let Some(r) = func.insts[inst.index()].result {
                def_block[r.index()] = Some(b);
            }
        }
    }
    def_block
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

fn motion(kind: &InstKind) -> Motion {
    match kind {
        InstKind::Const(_) | InstKind::Select(..) => Motion::Free,
        InstKind::Unary(UnaryOp::BitNot, _) => Motion::Free,
        InstKind::Unary(UnaryOp::Neg | UnaryOp::Abs, _) => Motion::Traps,
        InstKind::Binary(op, ..) if op.can_trap() => Motion::Traps,
        InstKind::Binary(..) => Motion::Free,
        _ => Motion::Fixed,
    }
}

/// Takes the invariant instructions of `lp` (marked in `in_loop`) out of
/// their blocks and returns them in order; their results are recorded as
/// defined outside the loop (at [`PENDING`] until they are placed).
fn take_invariants(
    func: &mut Function,
    lp: &Loop,
    in_loop: &[bool],
    def_block: &mut [Option<Block>],
) -> Vec<Inst> {
    let mut hoisted = Vec::new();
    for &b in &lp.blocks {
        // Whether every instruction so far in the header is moved or can
        // neither trap nor have an effect.
        let mut clean_prefix = b == lp.header;
        let mut insts = core::mem::take(&mut func.blocks[b.index()].insts);
        insts.retain(|&inst| {
            let data = &func.insts[inst.index()];
            let how = motion(&data.kind);
            let mut invariant = match how {
                Motion::Free => true,
                Motion::Traps => clean_prefix,
                Motion::Fixed => false,
            };
            if invariant {
                data.kind.for_each_arg(|v| {
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
    hoisted
}
