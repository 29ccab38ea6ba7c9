//! Order facts between values (`a < b`, `a <= b`) that branch conditions
//! establish: an analysis for [`super::ranges`], which uses them to prove
//! buffer indexes in range.
//!
//! Needs: a verified function, its predecessors and dominator tree. Gives:
//! - [`entry_fact`]: what the one edge into a block says (the block runs
//!   only when the branch condition that leads there held, or failed);
//! - [`ParamBounds`]: for block parameters, values they are always below:
//!   `p < n` when every edge into `p`'s block passes an argument that the
//!   edge's condition, or a fact of a dominating block, proves below `n`.
//!   This is what a counting loop looks like after the lowering rotates it:
//!   `for i in range(len(x))` enters and repeats its body only on `i < n`.
//!
//! A fact about SSA values holds wherever the block that established it
//! dominates: both values were defined before the branch, and every path
//! from a new definition of either back into the dominated region passes
//! the branch again.

use crate::ir::dom::{DomTree, Predecessors};
use crate::ir::{BinaryOp, Block, Function, InstKind, Value, ValueDef};
use crate::reuse::refill;
use alloc::vec::Vec;

/// `lo < hi` (`strict`) or `lo <= hi`, as signed integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The smaller value.
    pub lo: Value,
    /// The larger value.
    pub hi: Value,
    /// Whether they differ.
    pub strict: bool,
}

/// How far up the dominator tree [`ParamBounds`] looks for facts about an
/// edge's argument (a bound on the cost for very deep trees; counting
/// loops need one or two levels).
const CHAIN_DEPTH: usize = 16;

/// What `cond` being true (`taken`) or false says about its operands, if it
/// is a signed comparison.
pub fn condition_fact(func: &Function, cond: Value, taken: bool) -> Option<Fact> {
    let ValueDef::Result(inst) = *func.values.get(cond.index())? else {
        return None;
    };
    let InstKind::Binary(op, x, y) = func.insts.get(inst.index())?.kind else {
        return None;
    };
    let fact = |lo, hi, strict| Some(Fact { lo, hi, strict });
    match (op, taken) {
        (BinaryOp::Lt, true) | (BinaryOp::Ge, false) => fact(x, y, true),
        (BinaryOp::Lt, false) | (BinaryOp::Ge, true) => fact(y, x, false),
        (BinaryOp::Le, true) | (BinaryOp::Gt, false) => fact(x, y, false),
        (BinaryOp::Le, false) | (BinaryOp::Gt, true) => fact(y, x, true),
        _ => None,
    }
}

/// What holds on the edge from `from` to `to`: the condition of `from`'s
/// branch, when the edge is one of two different targets.
pub fn edge_fact(func: &Function, from: Block, to: Block) -> Option<Fact> {
    let term = func.terminator(from)?;
    let InstKind::Branch(c, [t, e]) = func.insts[term.index()].kind else {
        return None;
    };
    let (t, e) = (t.block(&func.pool), e.block(&func.pool));
    if t == e {
        return None;
    }
    condition_fact(func, c, t == to)
}

/// What holds on entry to `block` because its only predecessor branched
/// there.
pub fn entry_fact(func: &Function, preds: &Predecessors, block: Block) -> Option<Fact> {
    match preds.of(block) {
        &[from] => edge_fact(func, from, block),
        _ => None,
    }
}

/// Upper bounds of block parameters: `p < n` for each `(p, n)` listed.
#[derive(Clone, Debug, Default)]
pub struct ParamBounds {
    /// Each parameter's bounds side by side: [`ParamBounds::compute`]
    /// finds all of one parameter's bounds at once.
    bounds: Vec<(Value, Value)>,
    /// For each value of the function, where its bounds start in
    /// `bounds` (`NONE` without any; the table is empty until the first
    /// bound is found): the passes ask often, so finding them takes one
    /// look.
    first: Vec<u32>,
}

/// No bound in [`ParamBounds::first`].
const NONE: u32 = u32::MAX;

/// The tables [`ParamBounds::compute_with`] works in, kept from one
/// function to the next to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    entry: EntryFacts,
    /// The values some edge says the parameter at hand's argument is below.
    candidates: Vec<Value>,
    /// For the block at hand, the strict facts on the edge from its
    /// `e`-th predecessor, `edge_facts[fact_start[e]..fact_start[e + 1]]`
    /// as `(lo, hi)` (only strict facts bound a parameter).
    edge_facts: Vec<(Value, Value)>,
    fact_start: Vec<usize>,
    /// The argument each edge passes to the parameter at hand.
    args: Vec<Option<Value>>,
}

impl ParamBounds {
    /// The bounds of every parameter of the reachable blocks, found in
    /// reverse postorder (so the entries of a loop are seen before its
    /// body); a parameter whose argument on some edge is another
    /// parameter uses that one's bounds as found so far.
    pub fn compute(func: &Function, dom: &DomTree, preds: &Predecessors) -> ParamBounds {
        let mut bounds = ParamBounds::default();
        bounds.compute_with(func, dom, preds, &mut Tables::default());
        bounds
    }

    /// [`ParamBounds::compute`] into these tables (whatever they held),
    /// working in the tables `t` of an earlier computation.
    pub fn compute_with(
        &mut self,
        func: &Function,
        dom: &DomTree,
        preds: &Predecessors,
        t: &mut Tables,
    ) {
        let bounds = self;
        bounds.clear();
        let has_params = |&b: &Block| !func.block_params(b).is_empty();
        if !dom.rpo().iter().any(has_params) {
            return;
        }
        let Tables {
            entry,
            candidates,
            edge_facts,
            fact_start,
            args,
        } = t;
        entry.compute(func, dom, preds);
        for &block in dom.rpo() {
            let params = func.block_params(block);
            let incoming = preds.of(block);
            if params.is_empty() || incoming.is_empty() {
                continue;
            }
            edge_facts.clear();
            fact_start.clear();
            fact_start.push(0);
            for &from in incoming {
                for_each_fact_on_edge(func, dom, entry, from, block, |f| {
                    if f.strict {
                        edge_facts.push((f.lo, f.hi));
                    }
                });
                fact_start.push(edge_facts.len());
            }
            // Candidates come from these facts or from bounds found
            // earlier: without either, no parameter here has one.
            if edge_facts.is_empty() && bounds.is_empty() {
                continue;
            }
            let facts_of = |e: usize| &edge_facts[fact_start[e]..fact_start[e + 1]];
            for (k, &p) in params.iter().enumerate() {
                args.clear();
                args.extend(incoming.iter().map(|&from| edge_arg(func, from, block, k)));
                // Candidates: what some edge says its argument is below.
                candidates.clear();
                for (e, arg) in args.iter().enumerate() {
                    let Some(arg) = *arg else {
                        continue;
                    };
                    for &(lo, hi) in facts_of(e) {
                        if lo == arg && !candidates.contains(&hi) {
                            candidates.push(hi);
                        }
                    }
                    for n in bounds.of(arg) {
                        if n != p && !candidates.contains(&n) {
                            candidates.push(n);
                        }
                    }
                }
                for &n in candidates.iter() {
                    let holds = incoming.iter().enumerate().all(|(e, &from)| {
                        args[e].is_some_and(|a| {
                            // The dearest test, `stride`, last.
                            a == p
                                || facts_of(e).contains(&(a, n))
                                || bounds.below(a, n)
                                || stride(func, from, block, k).is_some_and(|(_, m)| m == n)
                        })
                    });
                    if holds && !bounds.below(p, n) {
                        bounds.insert(func.values.len(), p, n);
                    }
                }
            }
        }
    }

    /// Forgets every bound (keeping the tables).
    pub fn clear(&mut self) {
        self.bounds.clear();
        self.first.clear();
    }

    /// Adds `p < n`; `p`'s bounds are added one after another, with no
    /// other parameter's between them.
    fn insert(&mut self, values: usize, p: Value, n: Value) {
        if self.first.is_empty() {
            refill(&mut self.first, values, NONE);
        }
        let first = &mut self.first[p.index()];
        if *first == NONE {
            *first = self.bounds.len() as u32;
        }
        debug_assert!(self.bounds[*first as usize..].iter().all(|&(q, _)| q == p));
        self.bounds.push((p, n));
    }

    /// The values `p` is known to lie below.
    pub fn of(&self, p: Value) -> impl Iterator<Item = Value> + '_ {
        let start = match self.first.get(p.index()) {
            Some(&first) if first != NONE => first as usize,
            _ => self.bounds.len(),
        };
        self.bounds[start..]
            .iter()
            .take_while(move |&&(q, _)| q == p)
            .map(|&(_, n)| n)
    }

    /// Whether `p < n` is known.
    pub fn below(&self, p: Value, n: Value) -> bool {
        self.of(p).any(|m| m == n)
    }

    /// Whether no bound is known (nothing to use).
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }
}

/// A counting loop's step with a stride: whether the edge from `from` to
/// `to` passes to parameter `k` (call it `p`) the value `p +wrap s`, and
/// is taken only when `(n -wrap p) >u s` (how the lowering tests that a
/// `range(start, n, s)` loop has another item). Then, if `p < n`, the
/// value passed is below `n` too, whatever `s`: with `d = n - p` in
/// `1..2^64`, `d >u s` means `p + s < n` for `s >= 0`, and for a negative
/// `s` either `p + s` (below `p`) or, when it wraps, `p + s + 2^64`, which
/// the test keeps below `n`. Gives `(s, n)`.
pub fn stride(func: &Function, from: Block, to: Block, k: usize) -> Option<(Value, Value)> {
    let p = *func.pool.get(func.blocks.get(to.index())?.params).get(k)?;
    let term = func.terminator(from)?;
    let InstKind::Branch(c, [t, e]) = func.insts[term.index()].kind else {
        return None;
    };
    if t.block(&func.pool) != to || e.block(&func.pool) == to {
        return None;
    }
    let arg = *t.args(&func.pool).get(k)?;
    let def = |v: Value| match func.values.get(v.index()) {
        Some(&ValueDef::Result(i)) => func.insts.get(i.index()).map(|d| &d.kind),
        _ => None,
    };
    let &InstKind::Binary(BinaryOp::AddWrap, x, step) = def(arg)? else {
        return None;
    };
    let step = match (x == p, step == p) {
        (true, _) => step,
        (false, true) => x,
        _ => return None,
    };
    let &InstKind::Binary(BinaryOp::Ugt, d, s2) = def(c)? else {
        return None;
    };
    let &InstKind::Binary(BinaryOp::SubWrap, n, x) = def(d)? else {
        return None;
    };
    (s2 == step && x == p).then_some((step, n))
}

/// The argument the edges from `from` to `to` pass to `to`'s parameter
/// `k`: `None` when a branch with both targets at `to` passes two
/// different values (each edge would need its own proof, and such an edge
/// has no condition to give one).
fn edge_arg(func: &Function, from: Block, to: Block, k: usize) -> Option<Value> {
    let term = func.terminator(from)?;
    let mut args = func.insts[term.index()].kind.successors().filter_map(|d| {
        let (block, args) = d.parts(&func.pool);
        (block == to).then(|| args.get(k).copied())
    });
    let first = args.next()??;
    args.all(|a| a == Some(first)).then_some(first)
}

/// The entry fact of every block of the layout (the edges of
/// [`ParamBounds::compute`] come from those), with what it takes to find
/// those of a block's dominators without visiting the blocks between:
/// most blocks have none.
#[derive(Clone, Debug, Default)]
struct EntryFacts {
    fact: Vec<Option<Fact>>,
    /// Each block's depth in the dominator tree (0 for the entry and for
    /// blocks not reached).
    depth: Vec<u32>,
    /// The block nearest to each, itself or up the dominator tree, that
    /// has an entry fact.
    nearest: Vec<Option<Block>>,
}

impl EntryFacts {
    /// The entry facts of `func`, in these tables (whatever they held).
    fn compute(&mut self, func: &Function, dom: &DomTree, preds: &Predecessors) {
        let n = func.blocks.len();
        let facts = self;
        refill(&mut facts.fact, n, None);
        refill(&mut facts.depth, n, 0);
        refill(&mut facts.nearest, n, None);
        for &b in &func.layout {
            let fact = entry_fact(func, preds, b);
            facts.fact[b.index()] = fact;
            facts.nearest[b.index()] = fact.map(|_| b);
        }
        // In reverse postorder, a block's dominator comes first.
        for &b in dom.rpo() {
            if let Some(up) = dom.idom(b) {
                facts.depth[b.index()] = facts.depth[up.index()] + 1;
                if facts.fact[b.index()].is_none() {
                    facts.nearest[b.index()] = facts.nearest[up.index()];
                }
            }
        }
    }
}

/// Calls `f` with the facts that hold on the edge from `from` to `to`: the
/// edge's own condition and the entry facts of `from` and of the blocks
/// above it in the dominator tree, [`CHAIN_DEPTH`] levels up, `from`'s
/// first.
fn for_each_fact_on_edge(
    func: &Function,
    dom: &DomTree,
    entry: &EntryFacts,
    from: Block,
    to: Block,
    mut f: impl FnMut(Fact),
) {
    if let Some(fact) = edge_fact(func, from, to) {
        f(fact);
    }
    let depth = entry.depth[from.index()];
    let mut block = entry.nearest[from.index()];
    while let Some(b) = block {
        if depth - entry.depth[b.index()] >= CHAIN_DEPTH as u32 {
            break;
        }
        if let Some(fact) = entry.fact[b.index()] {
            f(fact);
        }
        block = dom.idom(b).and_then(|up| entry.nearest[up.index()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::parse_one;

    fn bounds_of(text: &str) -> (Function, ParamBounds) {
        let func = parse_one(text);
        let preds = Predecessors::compute(&func);
        let dom = DomTree::compute_from(&func, &preds);
        let bounds = ParamBounds::compute(&func, &dom, &preds);
        (func, bounds)
    }

    /// `for i in range(n)` as the lowering rotates it: `i < n` in the body.
    #[test]
    fn a_counting_loop_index_is_below_its_bound() {
        let (_, bounds) = bounds_of(
            "function up {
block0(v0):
    v1 = const 0
    v6 = const 1
    v2 = lt v1, v0
    br v2, block1(v1), block2
block1(v3):
    v7 = add.wrap v3, v6
    v8 = lt v7, v0
    br v8, block1(v7), block2
block2:
    ret v0
}
",
        );
        assert!(bounds.below(Value(3), Value(0)));
        assert!(!bounds.below(Value(3), Value(1)));
    }

    /// Two counters, each below two bounds: every parameter's bounds are
    /// found, and a value with none (or past the function's values) has
    /// none.
    #[test]
    fn each_parameter_keeps_all_its_bounds() {
        let (_, bounds) = bounds_of(
            "function f {
block0(v0, v9):
    v1 = const 0
    v6 = const 1
    v2 = lt v1, v0
    br v2, block3, block2
block3:
    v12 = lt v1, v9
    br v12, block1(v1, v1), block2
block1(v3, v4):
    v7 = add.wrap v3, v6
    v8 = lt v7, v0
    br v8, block4, block2
block4:
    v10 = lt v7, v9
    br v10, block1(v7, v7), block2
block2:
    ret v0
}
",
        );
        for p in [Value(3), Value(4)] {
            let mut of: Vec<Value> = bounds.of(p).collect();
            of.sort();
            assert_eq!(of, [Value(0), Value(9)], "bounds of {p}");
        }
        for v in [Value(0), Value(7), Value(12), Value(1000)] {
            assert_eq!(bounds.of(v).count(), 0, "bounds of {v}");
        }
    }

    /// An edge without the condition (here the loop's back edge tests
    /// another bound) proves nothing.
    #[test]
    fn one_unproven_edge_is_enough_to_lose_the_bound() {
        let (_, bounds) = bounds_of(
            "function f {
block0(v0, v9):
    v1 = const 0
    v6 = const 1
    v2 = lt v1, v0
    br v2, block1(v1), block2
block1(v3):
    v7 = add.wrap v3, v6
    v8 = lt v7, v9
    br v8, block1(v7), block2
block2:
    ret v0
}
",
        );
        assert!(bounds.is_empty());
    }

    /// A preheader between the guard and the loop keeps the guard's fact
    /// (it holds in every block the guarded edge dominates).
    #[test]
    fn facts_reach_through_a_preheader() {
        let (_, bounds) = bounds_of(
            "function f {
block0(v0):
    v1 = const 0
    v6 = const 1
    v2 = lt v1, v0
    br v2, block3, block2
block3:
    jump block1(v1)
block1(v3):
    v7 = add.wrap v3, v6
    v8 = gt v0, v7
    br v8, block1(v7), block2
block2:
    ret v0
}
",
        );
        assert!(bounds.below(Value(3), Value(0)));
    }

    /// A branch whose two targets are the loop's block passes, on one
    /// edge, a value that is not below the bound: no bound.
    #[test]
    fn two_edges_to_one_block_each_need_their_proof() {
        let (_, bounds) = bounds_of(
            "function f {
block0(v0, v2):
    v1 = const 0
    v4 = lt v1, v0
    br v4, block1(v1), block2
block1(v5):
    v8 = const 1
    v10 = gt v2, v1
    v11 = add v0, v8
    br v10, block1(v5), block1(v11)
block2:
    ret v1
}
",
        );
        assert!(bounds.is_empty());
    }

    /// The facts found on an edge are the edge's own and the entry facts
    /// of `from` and the blocks up to [`CHAIN_DEPTH`] levels above it, in
    /// that order: checked against a walk of every level, on random
    /// functions and on a chain of tests deeper than the bound.
    #[test]
    fn edge_facts_come_from_a_few_levels_of_dominators() {
        use crate::test_fixtures::Rng;
        let check = |func: &Function| {
            let preds = Predecessors::compute(func);
            let dom = DomTree::compute_from(func, &preds);
            let mut entry = EntryFacts::default();
            entry.compute(func, &dom, &preds);
            let mut edges = 0;
            for &to in &func.layout {
                for &from in preds.of(to) {
                    let mut found = alloc::vec::Vec::new();
                    for_each_fact_on_edge(func, &dom, &entry, from, to, |f| found.push(f));
                    let mut walked: alloc::vec::Vec<Fact> =
                        edge_fact(func, from, to).into_iter().collect();
                    let mut block = Some(from);
                    for _ in 0..CHAIN_DEPTH {
                        let Some(b) = block else { break };
                        walked.extend(entry_fact(func, &preds, b));
                        block = dom.idom(b);
                    }
                    assert_eq!(found, walked, "{from} -> {to}\n{func}");
                    edges += 1;
                }
            }
            edges
        };
        let mut text =
            alloc::string::String::from("function deep {\nblock0(v0, v1):\n    jump block1\n");
        for i in 1..=40 {
            text += &alloc::format!(
                "block{i}:\n    v{c} = lt v0, v1\n    br v{c}, block{next}, block41\n",
                c = i + 1,
                next = i + 1
            );
        }
        text += "block41:\n    ret v0\n}\n";
        let deep = parse_one(&text);
        assert!(check(&deep) > 40);
        for seed in 1..200u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            check(&crate::opt::dce::random_ir::function(&mut rng));
        }
    }
}
