//! Dead code elimination: removes instructions whose results nothing needs
//! and that cannot trap, and blocks no path from the entry reaches.
//!
//! Needs: a verified function. Keeps: every effect, so every result and
//! exception. Calls, `fuel`, `frame_enter`/`frame_exit`, terminators and
//! every operation that can trap stay, unless its operands are constants
//! that prove it cannot trap (`x // 3`, `x % c` for `c != 0`, `x >> 5`,
//! ...). Unreachable blocks only leave the layout; their data stays.
//!
//! An instruction is needed if it has an effect or if a needed instruction
//! reads its result (a worklist from the effects back through operands, so
//! whole dead chains go at once). Block parameters are not removed here
//! (see [`super::dead_params`]); a value passed to one counts as read.

use crate::ir::{BinaryOp, Function, InstKind, UnaryOp, ValueDef};
use crate::ops;
use alloc::vec;
use alloc::vec::Vec;

/// Removes dead instructions and unreachable blocks; whether it changed.
pub fn run(func: &mut Function) -> bool {
    let mut changed = drop_unreachable_blocks(func);
    let mut needed = vec![false; func.insts.len()];
    let mut work = Vec::new();
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            if !removable(func, &func.insts[inst.index()].kind) {
                needed[inst.index()] = true;
                work.push(inst);
            }
        }
    }
    while let Some(inst) = work.pop() {
        func.insts[inst.index()].kind.for_each_arg(|v| {
            if let Some(ValueDef::Result(def)) = func.values.get(v.index()) {
                if !needed[def.index()] {
                    needed[def.index()] = true;
                    work.push(*def);
                }
            }
        });
    }
    for i in 0..func.layout.len() {
        let b = func.layout[i].index();
        let before = func.blocks[b].insts.len();
        let mut insts = core::mem::take(&mut func.blocks[b].insts);
        insts.retain(|&inst| {
            if needed[inst.index()] {
                return true;
            }
            if let Some(r) = func.insts[inst.index()].result {
                func.values[r.index()] = ValueDef::Unused;
            }
            false
        });
        changed |= insts.len() != before;
        func.blocks[b].insts = insts;
    }
    changed
}

/// Removes the blocks no path from the entry reaches from the layout,
/// keeping the order of the others; whether any went.
pub fn drop_unreachable_blocks(func: &mut Function) -> bool {
    let reachable = reachable_blocks(func);
    let before = func.layout.len();
    func.layout.retain(|b| reachable[b.index()]);
    func.layout.len() != before
}

/// Whether a path from the entry reaches each block (by index).
pub fn reachable_blocks(func: &Function) -> Vec<bool> {
    let mut reachable = vec![false; func.blocks.len()];
    let entry = func.entry();
    reachable[entry.index()] = true;
    let mut work = vec![entry];
    while let Some(b) = work.pop() {
        for s in func.successors(b) {
            if !reachable[s.index()] {
                reachable[s.index()] = true;
                work.push(s);
            }
        }
    }
    reachable
}

/// Whether an instruction of this kind may go when nothing reads its
/// result: it has one, has no effect and cannot trap.
pub fn removable(func: &Function, kind: &InstKind) -> bool {
    let known = |v| super::fold::const_value(func, v);
    match *kind {
        InstKind::Const(_) | InstKind::Select(..) | InstKind::Unary(UnaryOp::BitNot, _) => true,
        InstKind::Unary(op, a) => known(a).is_some_and(|x| ops::unary(op, x).is_ok()),
        InstKind::Binary(op, a, b) => !op.can_trap() || cannot_trap(op, known(a), known(b)),
        _ => false,
    }
}

/// Whether `a op b` cannot trap for any value of an operand whose constant
/// is not known (`None`).
pub fn cannot_trap(op: BinaryOp, a: Option<i64>, b: Option<i64>) -> bool {
    use BinaryOp::*;
    if let (Some(x), Some(y)) = (a, b) {
        return ops::binary(op, x, y).is_ok();
    }
    match (op, a, b) {
        _ if !op.can_trap() => true,
        (Add | Sub, _, Some(0)) | (Add, Some(0), _) => true,
        (Mul, _, Some(0 | 1)) | (Mul, Some(0 | 1), _) => true,
        // Only a zero divisor traps, and `MIN // -1` overflows.
        (FloorDiv, _, Some(c)) => c != 0 && c != -1,
        (Mod, _, Some(c)) => c != 0,
        (Shr, _, Some(c)) => c >= 0,
        (Shl, _, Some(0)) | (Shl, Some(0), Some(0..)) => true,
        (Pow, _, Some(0 | 1)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::text::parse_module;
    use crate::ir::verify::verify;
    use alloc::string::ToString;

    #[test]
    fn cannot_trap_agrees_with_ops() {
        let edges = [0, 1, -1, 2, -2, 3, 63, 64, -64, i64::MAX, i64::MIN];
        for op in BinaryOp::ALL {
            for c in edges {
                for x in edges {
                    if cannot_trap(op, None, Some(c)) {
                        assert!(ops::binary(op, x, c).is_ok(), "{} {x}, {c}", op.name());
                    }
                    if cannot_trap(op, Some(c), None) {
                        assert!(ops::binary(op, c, x).is_ok(), "{} {c}, {x}", op.name());
                    }
                }
            }
        }
    }

    #[test]
    fn dead_chains_go_and_effects_stay() {
        let text = "function f {
block0(v0):
    v1 = const 3
    v2 = add.wrap v0, v1
    v3 = xor v2, v2
    v4 = add v0, v1
    v5 = floordiv v0, v1
    v6 = call f(v0)
    ret v0
}
";
        let mut module = parse_module(text).unwrap();
        assert!(run(&mut module.functions[0]));
        assert_eq!(verify(&module), Ok(()));
        let out = module.to_string();
        assert_eq!(
            out,
            "function f {\nblock0(v0):\n    v1 = const 3\n    v4 = add v0, v1\n    \
             v6 = call f(v0)\n    ret v0\n}\n"
        );
        assert!(!run(&mut module.functions[0]));
    }
}
