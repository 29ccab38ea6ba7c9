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
//! reads its result. The pass counts the reads of every value and removes
//! each instruction that may go once nothing reads its result, taking its
//! reads off its operands (a worklist, so whole dead chains go at once):
//! as no instruction reads its own result, even through others (each
//! definition dominates its reads), what goes is exactly what is not
//! needed, and a function with nothing dead costs one count. Block
//! parameters are not removed here (see [`super::dead_params`]); a value
//! passed to one counts as read.

use crate::ir::dom::Cfg;
use crate::ir::{BinaryOp, Function, Inst, InstKind, UnaryOp, ValueDef};
use crate::ops;
use crate::reuse::{refill, KEEP_FOR_VALUES};
use alloc::vec::Vec;

/// Removes dead instructions and unreachable blocks; whether it changed.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func`, which it
/// forgets when a block leaves the layout (removing instructions keeps
/// the control flow).
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_with(func, cfg, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next (their contents
/// mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    reads: Vec<u32>,
    work: Vec<Inst>,
    dead: Vec<bool>,
}

/// [`run_in`] with the tables of `tables` (emptied after a function too
/// large to keep them for, as every pass's).
pub fn run_with(func: &mut Function, cfg: &mut Cfg, tables: &mut Tables) -> bool {
    let changed = drop_unreachable_blocks_in(func, cfg) | remove_unread(func, tables);
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *tables = Tables::default();
    }
    changed
}

/// Removes the instructions of the layout whose results nothing reads
/// (and that may go: see [`removable`]); whether any went.
fn remove_unread(func: &mut Function, tables: &mut Tables) -> bool {
    let mut changed = false;
    let Tables { reads, work, dead } = tables;
    // How many times the instructions of the layout read each value.
    refill(reads, func.values.len(), 0);
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            func.insts[inst.index()]
                .kind
                .for_each_arg(&func.pool, |v| reads[v.index()] += 1);
        }
    }
    // The instructions to remove; each goes on the list once, when
    // nothing is left reading its result.
    work.clear();
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            let data = &func.insts[inst.index()];
            if data.result.is_some_and(|r| reads[r.index()] == 0) && removable(func, &data.kind) {
                work.push(inst);
            }
        }
    }
    if work.is_empty() {
        return changed;
    }
    refill(dead, func.insts.len(), false);
    for &inst in work.iter() {
        dead[inst.index()] = true;
    }
    while let Some(inst) = work.pop() {
        func.insts[inst.index()].kind.for_each_arg(&func.pool, |v| {
            reads[v.index()] -= 1;
            if reads[v.index()] != 0 {
                return;
            }
            if let Some(&ValueDef::Result(def)) = func.values.get(v.index()) {
                if !dead[def.index()] && removable(func, &func.insts[def.index()].kind) {
                    dead[def.index()] = true;
                    work.push(def);
                }
            }
        });
    }
    for i in 0..func.layout.len() {
        let b = func.layout[i].index();
        let before = func.blocks[b].insts.len();
        let mut insts = core::mem::take(&mut func.blocks[b].insts);
        insts.retain(|&inst| {
            if !dead[inst.index()] {
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
    let reachable = crate::ir::dom::reachable_blocks(func);
    let before = func.layout.len();
    func.layout.retain(|b| reachable[b.index()]);
    func.layout.len() != before
}

/// [`drop_unreachable_blocks`], asking the depth-first search of `cfg` if
/// it has one (for a verified function the blocks it reaches are the
/// same), else walking in its tables, and forgetting the analyses when a
/// block goes.
pub fn drop_unreachable_blocks_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    let before = func.layout.len();
    {
        let reachable = cfg.reachable_now(func);
        func.layout.retain(|&b| reachable(b));
    }
    let dropped = func.layout.len() != before;
    if dropped {
        cfg.forget();
    }
    dropped
}

/// Whether an instruction of this kind may go when nothing reads its
/// result: it has one, has no effect and cannot trap.
pub fn removable(func: &Function, kind: &InstKind) -> bool {
    let known = |v| func.const_value(v);
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
    use crate::ir::verify::verify;
    use crate::test_fixtures::parse;
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
        let mut module = parse(text);
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

/// Random IR, through each pass alone, the pipeline and random sequences of
/// passes: every result verifies and the interpreter gives the same result
/// or exception (with fuel in every block a back edge reaches, so every
/// program ends).
#[cfg(test)]
pub(crate) mod random_ir {
    use crate::interp::Interpreter;
    use crate::ir::dom::DomTree;
    use crate::ir::verify::verify;
    use crate::ir::{BinaryOp, Block, BlockCall, FuncId, Function, InstKind, Module, UnaryOp};
    use crate::ir::{Inst, Value};
    use crate::test_fixtures::{call_text, Rng};
    use crate::trap::Trap;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec;
    use alloc::vec::Vec;

    const VALUES: [i64; 12] = [0, 1, -1, 2, 3, -4, 63, 64, i64::MAX, i64::MIN, 7, -1 << 32];

    fn insert_before_terminator(f: &mut Function, b: Block, kind: InstKind) -> Inst {
        let inst = f.create_inst(kind);
        let insts = &mut f.blocks[b.index()].insts;
        let at = insts.len() - 1;
        insts.insert(at, inst);
        inst
    }

    /// A random edge out of block `i` of `n`, mostly forward.
    fn target(rng: &mut Rng, f: &mut Function, i: usize, n: usize) -> BlockCall {
        let t = if i + 1 < n && rng.chance(75) {
            i + 1 + rng.below(n - i - 1)
        } else {
            1 + rng.below(n - 1)
        };
        let placeholder = f.block_params(Block(0))[0];
        let args = vec![placeholder; f.block_params(Block::new(t)).len()];
        f.make_call(Block::new(t), &args)
    }

    /// A function of two parameters: first the control flow (with
    /// placeholder operands), then instructions whose operands come from
    /// the dominating blocks.
    pub(crate) fn function(rng: &mut Rng) -> Function {
        let mut f = Function::new("f");
        let n = 2 + rng.below(9);
        for b in 0..n {
            let block = f.create_block();
            for _ in 0..if b == 0 { 2 } else { rng.below(4) } {
                f.append_block_param(block);
            }
        }
        let p0 = f.block_params(Block(0))[0];
        let mut loops_to = vec![false; n];
        loops_to[0] = true;
        for i in 0..n {
            let kind = match rng.below(10) {
                0 => InstKind::Return(p0),
                _ if i == n - 1 && rng.chance(60) => InstKind::Return(p0),
                1 if rng.chance(30) => InstKind::trap(Trap::AssertionError, Some("no".into())),
                2..=4 => InstKind::Jump(target(rng, &mut f, i, n)),
                _ => {
                    let t = target(rng, &mut f, i, n);
                    let e = if rng.chance(15) {
                        t.copy(&mut f.pool)
                    } else {
                        target(rng, &mut f, i, n)
                    };
                    InstKind::Branch(p0, [t, e])
                }
            };
            for dest in kind.successors() {
                let to = dest.block(&f.pool).index();
                loops_to[to] |= to <= i;
            }
            f.append_inst(Block::new(i), kind);
        }
        for (b, _) in loops_to.iter().enumerate().filter(|(_, &l)| l) {
            let fuel = f.create_inst(InstKind::Fuel);
            f.blocks[b].insts.insert(0, fuel);
        }
        let dom = DomTree::compute(&f);
        let mut order = dom.rpo().to_vec();
        order.extend((0..n).map(Block::new).filter(|&b| !dom.is_reachable(b)));
        let mut available_at_end: Vec<Vec<Value>> = vec![Vec::new(); n];
        for b in order {
            let mut avail = match dom.idom(b) {
                Some(d) if d != b => available_at_end[d.index()].clone(),
                _ => available_at_end[0].clone(),
            };
            avail.extend(f.block_params(b).iter().copied());
            if avail.is_empty() || rng.chance(20) {
                let c = insert_before_terminator(&mut f, b, InstKind::Const(rng.pick(&VALUES)));
                avail.push(f.result(c));
            }
            for _ in 0..rng.below(7) {
                let (x, y, z) = (rng.pick(&avail), rng.pick(&avail), rng.pick(&avail));
                let kind = match rng.below(12) {
                    0 | 1 => InstKind::Const(rng.pick(&VALUES)),
                    2..=6 => InstKind::Binary(
                        rng.pick(&BinaryOp::ALL),
                        x,
                        if rng.chance(30) { x } else { y },
                    ),
                    7 => InstKind::Unary(rng.pick(&UnaryOp::ALL), x),
                    8 | 9 => InstKind::Select(x, y, z),
                    10 if rng.chance(20) => InstKind::Call(FuncId(0), f.make_list(&[x, y])),
                    10 => InstKind::Call(FuncId(1), f.make_list(&[x])),
                    _ if rng.chance(50) => InstKind::FrameEnter,
                    _ => InstKind::FrameExit,
                };
                let inst = insert_before_terminator(&mut f, b, kind);
                avail.extend(f.insts[inst.index()].result);
            }
            let term = *f.blocks[b.index()].insts.last().unwrap();
            f.insts[term.index()]
                .kind
                .for_each_arg_mut(&mut f.pool, |v| *v = rng.pick(&avail));
            available_at_end[b.index()] = avail;
        }
        f
    }

    /// `g(x) = x * 3`, for the inliner.
    pub(crate) fn helper() -> Function {
        let mut g = Function::new("g");
        let b = g.create_block();
        let x = g.append_block_param(b);
        let three = g.append_inst(b, InstKind::Const(3));
        let three = g.result(three);
        let product = g.append_inst(b, InstKind::Binary(BinaryOp::Mul, x, three));
        let product = g.result(product);
        g.append_inst(b, InstKind::Return(product));
        g
    }

    fn outcomes(module: &Module) -> Vec<String> {
        let args = [
            [0, 0],
            [1, -1],
            [5, 3],
            [i64::MIN, 2],
            [i64::MAX, 63],
            [-7, 64],
        ];
        args.iter()
            .map(|a| {
                let mut interp = Interpreter::new(module)
                    .with_fuel(Some(60))
                    .with_recursion_limit(6);
                call_text(interp.call_ints(FuncId(0), a))
            })
            .collect()
    }

    #[test]
    fn passes_keep_results_of_random_ir() {
        let names = ["inline", "fold", "simplify_cfg", "dce", "dead_params"];
        for seed in 1..400u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let module = Module {
                functions: vec![function(&mut rng), helper()],
                hosts: vec![],
            };
            assert_eq!(verify(&module), Ok(()), "seed {seed}: generator\n{module}");
            let want = outcomes(&module);
            let mut sequences: Vec<Vec<&str>> = names.iter().map(|&n| vec![n]).collect();
            sequences.push(crate::opt::PASSES.to_vec());
            sequences.extend((0..3).map(|_| (0..6).map(|_| rng.pick(&names)).collect()));
            for sequence in sequences {
                let mut m = module.clone();
                for pass in &sequence {
                    let before = m.clone();
                    let changed = crate::opt::run_pass(&mut m, pass).unwrap();
                    let context = || format!("seed {seed}, {pass} in {sequence:?}\n{before}\n{m}");
                    assert_eq!(verify(&m), Ok(()), "{}", context());
                    assert_eq!(outcomes(&m), want, "{}", context());
                    assert!(changed || before == m, "{}", context());
                }
            }
        }
    }
}
