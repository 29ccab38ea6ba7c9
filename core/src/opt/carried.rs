//! Carried results: an operation on a block's parameters that every way
//! into the block has just computed, on the arguments that way passes,
//! arrives as a parameter of its own instead of being computed again.
//!
//! Needs: a verified function. Keeps: every result and exception, and the
//! control flow (so its analyses, [`Cfg`]).
//!
//! The shape it is for is a rotated loop: the loop test at the bottom
//! computes `zr * zr` on the values it passes back to the top, where the
//! body computes `zr * zr` again on the parameter they arrive in (mandel's
//! escape loop, twice per iteration; the sieve's `p * p`). GVN cannot see
//! it: the two are different expressions until the parameter is read as
//! the argument.
//!
//! For `r = op(x, y)` in block `B` other than the entry, `op` a
//! multiplication or division (cheaper operations are not worth the
//! register and the move that carry them, and a comparison carried would
//! no longer fuse with its branch),
//! where an operand is a parameter of `B` and the others are defined
//! outside `B` (so above it: the function is in SSA form), each edge into
//! `B` translates the operation, reading each parameter as the argument
//! the edge passes, and looks for the translation among the instructions
//! of the edge's source block (which all run before the edge is taken) or,
//! with constant operands, computes it. If every edge has a value, `B`
//! gets a new parameter, each edge passes its value, and `r`'s uses read
//! the parameter. A trapping operation (checked `mul`) counts as in GVN:
//! the one found ran on the same operands and did not trap, so `r` would
//! not either and would give the same value (a checked `mul` found also
//! stands for a `mul.wrap`, whose product the range analysis proved exact;
//! not the other way round); a constant operation that would trap is left
//! alone. Looking in the source block only (not in the
//! blocks that dominate it) keeps the pass free of the dominator tree and
//! finds what a loop test computed.
//!
//! A loop of one block is its own way in: what it computes before its
//! branch back, on the values it passes, is what the next round's
//! operation would compute (and if that is `r` itself, the edge passes
//! the parameters unchanged and `r` stays what it was).

use crate::ir::dom::Cfg;
use crate::ir::subst::{make_identity, replace_uses};
use crate::ir::{BinaryOp, Block, Function, Inst, InstKind, Value, ValueDef};
use crate::reuse::{refill, KEEP_FOR_VALUES};
use alloc::vec::Vec;

/// Replaces operations on block parameters that every edge into the block
/// computed already by new parameters; whether it changed anything.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`]; the control flow stays as it is, so `cfg` stays true (the pass
/// does not need it).
pub fn run_in(func: &mut Function, _cfg: &mut Cfg) -> bool {
    run_with(func, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    candidates: Vec<Candidate>,
    /// The block (one more than its number) whose results each value is,
    /// for the blocks [`candidates`] looked at.
    home: Vec<u32>,
    edges: Edges,
    index: Index,
    /// The candidates every edge has a value for (by their place in
    /// `candidates`), with where their values start in `args`: one per
    /// edge into the candidate's block, in the order of [`Edges::to`].
    found: Vec<(usize, usize)>,
    args: Vec<Arg>,
    /// Whether each instruction goes.
    removed: Vec<bool>,
    /// Each carried result and the parameter that replaces it.
    carried: Vec<(Value, Value)>,
    /// The candidates' blocks, each once.
    blocks: Vec<Block>,
    /// What each value stands for.
    subst: Vec<Value>,
}

/// [`run_in`] with the tables `t` of an earlier run to fill again.
pub fn run_with(func: &mut Function, t: &mut Tables) -> bool {
    let changed = carry(func, t);
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// [`run_with`], leaving the tables as they are.
fn carry(func: &mut Function, t: &mut Tables) -> bool {
    let Tables {
        candidates,
        home,
        edges,
        index,
        found,
        args,
        removed,
        carried,
        blocks,
        subst,
    } = t;
    find_candidates(func, candidates, home);
    if candidates.is_empty() {
        return false;
    }
    edges.compute(func, candidates);
    index.of_sources(func, edges);
    found.clear();
    args.clear();
    for (i, c) in candidates.iter().enumerate() {
        let start = args.len();
        if carried_args(func, c, edges, index, args) {
            found.push((i, start));
        } else {
            args.truncate(start);
        }
    }
    if found.is_empty() {
        return false;
    }
    refill(removed, func.insts.len(), false);
    carried.clear();
    for &(i, start) in found.iter() {
        let c = &candidates[i];
        let q = func.append_block_param(c.block);
        for ((p, k), &arg) in edges.to(c.block).zip(&args[start..]) {
            let value = match arg {
                Arg::Value(v) => v,
                Arg::Const(n) => entry_constant(func, n),
            };
            let term = func.terminator(p).expect("the edge exists");
            let mut dests = func.insts[term.index()].kind.successors_mut();
            let dest = dests.nth(k).expect("the edge exists");
            dest.push_arg(value, &mut func.pool);
        }
        carried.push((c.result, q));
        removed[c.inst.index()] = true;
    }
    // Candidates come block by block: each block once.
    blocks.clear();
    blocks.extend(candidates.iter().map(|c| c.block));
    blocks.dedup();
    for &b in blocks.iter() {
        func.blocks[b.index()].insts.retain(|i| !removed[i.index()]);
    }
    make_identity(func, subst);
    for &(r, q) in carried.iter() {
        subst[r.index()] = q;
    }
    replace_uses(func, subst);
    true
}

/// A costly binary instruction ([`costly`]) of a block other than the
/// entry, with a parameter of its block among its operands and none of its
/// block's results.
#[derive(Clone, Debug)]
struct Candidate {
    block: Block,
    inst: Inst,
    result: Value,
    op: BinaryOp,
    operands: [Value; 2],
}

/// The candidates, block by block in layout order, into `found`;
/// `home` is its table of the block whose results each value is (filled
/// on the first block with parameters).
fn find_candidates(func: &Function, found: &mut Vec<Candidate>, home: &mut Vec<u32>) {
    found.clear();
    let mut filled = false;
    for &block in func.layout.iter().skip(1) {
        let data = &func.blocks[block.index()];
        if func.pool.is_empty(data.params) {
            continue;
        }
        if !filled {
            refill(home, func.values.len(), 0);
            filled = true;
        }
        let mark = block.index() as u32 + 1;
        let first = found.len();
        for &inst in &data.insts {
            let data = &func.insts[inst.index()];
            let (op, operands) = match data.kind {
                InstKind::Binary(op, a, c) if costly(op) => (op, [a, c]),
                _ => continue,
            };
            let param =
                |v: &Value| matches!(func.values[v.index()], ValueDef::Param(b, _) if b == block);
            if let (Some(result), true) = (data.result, operands.iter().any(param)) {
                found.push(Candidate {
                    block,
                    inst,
                    result,
                    op,
                    operands,
                });
            }
        }
        if found.len() == first {
            continue;
        }
        // An operand computed in the block itself has no value on the
        // ways in.
        for &inst in &data.insts {
            if let Some(r) = func.insts[inst.index()].result {
                home[r.index()] = mark;
            }
        }
        let mut i = first;
        while i < found.len() {
            if found[i].operands.iter().any(|v| home[v.index()] == mark) {
                found.swap_remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// Pushes onto `args` what each edge into `c`'s block has of `c`'s
/// operation on the arguments it passes; whether every edge has it (if
/// not, what was pushed means nothing).
fn carried_args(
    func: &Function,
    c: &Candidate,
    edges: &Edges,
    index: &Index,
    args: &mut Vec<Arg>,
) -> bool {
    let edges = edges.to(c.block);
    if edges.len() == 0 {
        return false;
    }
    for (p, k) in edges {
        let dest = func.edge(p, k).expect("the edge exists");
        let [x, y] = c.operands.map(|v| match func.values[v.index()] {
            ValueDef::Param(b, i) if b == c.block => dest.args(&func.pool)[i as usize],
            _ => v,
        });
        // A checked `mul` that ran gave the exact product, which is what
        // a `.wrap` one proven to fit gives too.
        let ran = index.find(c.op, x, y, p).or_else(|| match c.op {
            BinaryOp::MulWrap => index.find(BinaryOp::Mul, x, y, p),
            _ => None,
        });
        let arg = ran.map(Arg::Value).or_else(|| {
            let value =
                crate::ops::binary(c.op, func.const_value(x)?, func.const_value(y)?).ok()?;
            Some(Arg::Const(value))
        });
        match arg {
            Some(arg) => args.push(arg),
            None => return false,
        }
    }
    true
}

/// What an edge passes for a carried result: a value its source block
/// computed, or a constant.
#[derive(Clone, Copy, Debug)]
enum Arg {
    Value(Value),
    Const(i64),
}

/// A `const n` of the entry block (which dominates every block), made at
/// its start if there is none.
fn entry_constant(func: &mut Function, n: i64) -> Value {
    let entry = func.entry();
    let existing = func.blocks[entry.index()].insts.iter().find_map(|&i| {
        let data = &func.insts[i.index()];
        matches!(data.kind, InstKind::Const(k) if k == n)
            .then_some(data.result)
            .flatten()
    });
    existing.unwrap_or_else(|| {
        let inst = func.create_inst(InstKind::Const(n));
        func.blocks[entry.index()].insts.insert(0, inst);
        func.result(inst)
    })
}

/// The edges into the candidates' blocks, as (target, source, index
/// among the source terminator's successors), from every block of the
/// layout, sorted by target.
#[derive(Clone, Debug, Default)]
struct Edges {
    edges: Vec<(Block, Block, usize)>,
    /// Whether each block is a candidate's.
    wanted: Vec<bool>,
}

impl Edges {
    /// The edges into the blocks of `candidates`.
    fn compute(&mut self, func: &Function, candidates: &[Candidate]) {
        let Edges { edges, wanted } = self;
        refill(wanted, func.blocks.len(), false);
        for c in candidates {
            wanted[c.block.index()] = true;
        }
        edges.clear();
        for &b in &func.layout {
            if let Some(term) = func.terminator(b) {
                for (k, dest) in func.insts[term.index()].kind.successors().enumerate() {
                    let to = dest.block(&func.pool);
                    if wanted[to.index()] {
                        edges.push((to, b, k));
                    }
                }
            }
        }
        edges.sort_by_key(|e| e.0.index());
    }

    /// The edges into `b`, as (source, successor index).
    fn to(&self, b: Block) -> impl ExactSizeIterator<Item = (Block, usize)> + '_ {
        let from = self.edges.partition_point(|e| e.0.index() < b.index());
        let to = self.edges.partition_point(|e| e.0.index() <= b.index());
        self.edges[from..to].iter().map(|&(_, p, k)| (p, k))
    }
}

/// Whether `op` costs more than the register and the move that carry its
/// result: multiplications and divisions. (A comparison carried would no
/// longer fuse with its branch; an `add` is as cheap as the move.)
fn costly(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Mul | BinaryOp::MulWrap | BinaryOp::FloorDiv | BinaryOp::Mod | BinaryOp::Pow
    )
}

/// The index's key of `op` on `a` and `b`: the operation's number, then
/// the operands (those of a commutative one in order).
fn key(op: BinaryOp, a: Value, b: Value) -> (u32, u32, u32) {
    let (a, b) = (a.index() as u32, b.index() as u32);
    if op.is_commutative() && b < a {
        (op as u32, b, a)
    } else {
        (op as u32, a, b)
    }
}

/// The costly instructions of the edges' source blocks, sorted
/// by operation and operands, with their results and blocks.
#[derive(Clone, Debug, Default)]
struct Index {
    entries: Vec<((u32, u32, u32), Value, Block)>,
    /// Whether an edge passes each value.
    passed: Vec<bool>,
    /// The edges' sources, each once.
    sources: Vec<Block>,
}

impl Index {
    /// The instructions of the edges' sources that read an argument the
    /// edges pass (a translation reads one: what a parameter becomes).
    fn of_sources(&mut self, func: &Function, edges: &Edges) {
        let Index {
            entries,
            passed,
            sources,
        } = self;
        refill(passed, func.values.len(), false);
        sources.clear();
        for &(_, from, k) in &edges.edges {
            for &a in func
                .edge(from, k)
                .expect("the edge exists")
                .args(&func.pool)
            {
                passed[a.index()] = true;
            }
            sources.push(from);
        }
        sources.sort_unstable_by_key(|b| b.index());
        sources.dedup();
        entries.clear();
        for &b in sources.iter() {
            for &i in &func.blocks[b.index()].insts {
                let data = &func.insts[i.index()];
                let (op, x, y) = match data.kind {
                    InstKind::Binary(op, a, c) if costly(op) => (op, a, c),
                    _ => continue,
                };
                if let (Some(r), true) = (data.result, passed[x.index()] || passed[y.index()]) {
                    entries.push((key(op, x, y), r, b));
                }
            }
        }
        entries.sort_unstable_by_key(|e| (e.0, e.2.index()));
    }

    /// A result of `op(a, b)` computed in `block`.
    fn find(&self, op: BinaryOp, a: Value, b: Value, block: Block) -> Option<Value> {
        let want = (key(op, a, b), block.index());
        let at = self.entries.partition_point(|e| (e.0, e.2.index()) < want);
        self.entries
            .get(at)
            .filter(|e| (e.0, e.2.index()) == want)
            .map(|e| e.1)
    }
}
