//! Range facts: computes an interval for every value and drops the checks
//! that the intervals (and the order facts of [`super::facts`]) prove can
//! never fire.
//!
//! Needs: a verified function. Keeps: every result and exception:
//! - `add`, `sub`, `mul` and `shl` whose result is proven to fit in 64 bits
//!   (and, for `shl`, whose count is proven to lie in 0..=63) become their
//!   `.wrap` forms, which compute the same value without the check;
//! - a comparison whose answer the intervals decide becomes a constant;
//! - a `check_index i, n` goes when `0 <= i` is proven by the intervals and
//!   `i < n` by the intervals, a branch condition or an earlier check that
//!   dominates it; a `check_byte v` when `v` is proven to lie in 0..=255.
//!   Its result is then its operand.
//! - a `check_index.from_end i, n` (a negative `i` counts from the end)
//!   becomes a plain check where `i` is proven never negative, and a plain
//!   check of `add.wrap i, n` where it is proven always negative.
//!
//! The analysis is an abstract interpretation over intervals: blocks in
//! reverse postorder, a block parameter taking the union of the intervals
//! its arguments have so far, repeated until nothing changes. A parameter
//! whose interval keeps growing is widened after a few rounds (the bound
//! that moves goes to the end of the range), so loops converge quickly; a few rounds of narrowing then take
//! back what widening lost where something inside the loop bounds the
//! values (`x & mask`, `x % d`). Branch conditions narrow the intervals of
//! block parameters through [`ParamBounds`] (`p < n` caps `p` below the
//! largest `n`), and each argument an edge passes by what the edge's own
//! branch condition implies of it (`implied`: `zr * zr + zi * zi <= K`
//! bounds `zr` on the way back into mandel's loop, `n > 0` the `n` a
//! rotated loop starts from); the order
//! facts themselves are used for index checks.

use super::facts::{self, entry_fact, stride, Fact, ParamBounds};
use super::fold::def_kind;
use crate::call::MAX_BUFFER_ITEMS;
use crate::ir::dom::{Cfg, DomTree, Predecessors};
use crate::ir::{
    dom, BinaryOp, Block, BufKind, Function, IndexCheck, Inst, InstKind, InstList, UnaryOp, Value,
    ValueDef,
};
use crate::reuse::{empty_with_room, refill, take_emptied, take_refilled, KEEP_FOR_VALUES};
use alloc::borrow::Cow;
use alloc::vec;
use alloc::vec::Vec;

/// A closed interval of 64-bit values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// Smallest possible value.
    pub lo: i64,
    /// Largest possible value.
    pub hi: i64,
}

impl Range {
    /// Every value.
    pub const FULL: Range = Range {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    /// No value: the interval of a value not reached (yet).
    pub const EMPTY: Range = Range {
        lo: i64::MAX,
        hi: i64::MIN,
    };

    /// Whether this is [`Range::EMPTY`].
    pub fn is_empty(self) -> bool {
        self.lo > self.hi
    }

    /// This interval, or every value for [`Range::EMPTY`].
    fn or_full(self) -> Range {
        if self.is_empty() {
            Range::FULL
        } else {
            self
        }
    }

    fn exactly(v: i64) -> Range {
        Range { lo: v, hi: v }
    }

    /// `[lo, hi]` from 128-bit bounds, or everything if they leave i64.
    fn from_wide(lo: i128, hi: i128) -> Range {
        match (i64::try_from(lo), i64::try_from(hi)) {
            (Ok(lo), Ok(hi)) => Range { lo, hi },
            _ => Range::FULL,
        }
    }

    /// Whether the exact bounds fit (so the operation cannot overflow).
    fn fits(lo: i128, hi: i128) -> bool {
        i64::try_from(lo).is_ok() && i64::try_from(hi).is_ok()
    }

    fn union(self, other: Range) -> Range {
        Range {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    fn non_negative(self) -> bool {
        self.lo >= 0
    }

    /// The values in both (possibly [`Range::EMPTY`]).
    fn intersect(self, other: Range) -> Range {
        Range {
            lo: self.lo.max(other.lo),
            hi: self.hi.min(other.hi),
        }
    }

    /// Whether every value of `self` lies in `[lo, hi]` (never for an
    /// empty interval: nothing is known about a value not reached).
    fn within(self, lo: i64, hi: i64) -> bool {
        !self.is_empty() && lo <= self.lo && self.hi <= hi
    }
}

/// Rounds of growth a block parameter may have before it is widened.
const WIDEN_AFTER: u32 = 2;

/// Rounds after which the analysis gives up (it never needs that many).
const MAX_ROUNDS: u32 = 100;

/// A step that has not run yet.
const NEVER: u32 = u32::MAX;

/// One step of a round of the analysis, in the order of the sweep.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Evaluate instruction `inst`, whose result is `result`.
    Eval(Inst, Value),
    /// A jump passes `arg` to the block parameter `param`, the argument in
    /// slot `.2` of the incoming table.
    Flow(Value, Value, u32),
    /// Narrowing: the parameter becomes the union of all its arguments.
    Join(Value),
}

/// The interval of every value that can decide whether a checked `add`,
/// `sub`, `mul` or `shl` overflows, a comparison's answer, or a check
/// ([`Range::EMPTY`] for the others and for values not reached); `bounds`
/// caps block parameters.
///
/// Only those values (the operands and, transitively, what their intervals
/// are computed from) are evaluated: an interval depends on nothing else,
/// so each comes out exactly as if every value had been.
pub fn analyze(func: &Function, bounds: &ParamBounds) -> Vec<Range> {
    let rpo = dom::reverse_postorder(func);
    let order = Order {
        blocks: &rpo,
        acyclic: false,
    };
    analyze_in_order(
        func,
        order,
        bounds,
        Wanted::Decisions,
        &mut Tables::default(),
    )
    .ranges
}

/// The tables of the analysis, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated: most
/// functions are small, and making a score of tables for one costs more
/// than filling them.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    flows: Flows,
    sweep: Sweep,
    /// Counting sorts' cursors.
    fill: Vec<u32>,
    /// [`Flows::compute`]'s values of a branch condition.
    tree: Vec<Value>,
    /// [`needed_values`]'s work list.
    stack: Vec<Value>,
    /// [`Sweep::build`]'s blocks reached.
    reached: Vec<bool>,
    /// [`Sweep::fixed_point`]'s growth counts.
    growth: Vec<u32>,
    /// The clocks of [`Sweep::fixed_point`] and [`narrow`].
    changed_at: Vec<u32>,
    ran_at: Vec<u32>,
    /// Intervals and answers to fill for the next analysis ([`Found`]),
    /// given back by [`Kept`] when it takes newer ones.
    ranges: Vec<Range>,
    evaluated: Vec<bool>,
    /// The bounds of block parameters ([`CheckFacts`], which holds them
    /// while it lives), and the tables they are found in.
    bounds: ParamBounds,
    facts: facts::Tables,
    /// [`Removed`]'s substitution and instructions that go.
    subst: Vec<Value>,
    dropped: Vec<bool>,
    /// The checked arithmetic each round of [`run_keeping`] proved cannot
    /// overflow ([`wrap`]).
    wraps: Vec<Inst>,
    later_wraps: Vec<Inst>,
    /// The checks counting an always negative index from the end, with
    /// their blocks; whether each instruction is one, and their blocks
    /// ([`count_from_end`]).
    negative: Vec<(Block, Inst)>,
    marked: Vec<bool>,
    blocks: Vec<Block>,
    /// [`drop_checks`]' facts in force and its path down the dominator
    /// tree.
    in_force: InForce,
    path: Vec<(Block, usize, Mark)>,
}

/// The values whose intervals an analysis is for (it evaluates them and
/// what they are computed from).
#[derive(Clone, Copy)]
enum Wanted<'a> {
    /// Those that can decide an overflow, a comparison or a check (what
    /// [`analyze`] promises).
    Decisions,
    /// Only these.
    Only(&'a [Value]),
}

/// What an analysis found: the intervals, and which of them are its
/// answers (the values it evaluated, needed or not reached; the others
/// are [`Range::EMPTY`] without meaning).
struct Found {
    ranges: Vec<Range>,
    evaluated: Vec<bool>,
}

/// The reverse postorder of a function's reachable blocks, and whether
/// they are known to have no cycle (then no argument flows back, and the
/// sweep needs none of what repeating it takes).
#[derive(Clone, Copy)]
struct Order<'a> {
    blocks: &'a [Block],
    acyclic: bool,
}

/// [`analyze`] for the `wanted` values, with the reverse postorder of
/// `func`'s blocks given (a caller with a [`DomTree`] has it already).
fn analyze_in_order(
    func: &Function,
    order: Order<'_>,
    bounds: &ParamBounds,
    wanted: Wanted<'_>,
    t: &mut Tables,
) -> Found {
    let flows = Flows::compute(func, order.blocks, bounds, t);
    let needed = needed_values(func, order.blocks, &flows, bounds, wanted, t);
    let sweep = Sweep::build(func, order, &flows, &needed, bounds, t);
    let found = sweep_all(func, &flows, &sweep, needed, bounds, t);
    if func.values.len() <= KEEP_FOR_VALUES {
        t.flows = flows;
        t.sweep = sweep;
    } else {
        // Too large to keep: not held through the rest of the pass.
        *t = Tables::default();
    }
    found
}

/// The intervals the steps of `sweep` find.
fn sweep_all(
    func: &Function,
    flows: &Flows,
    sweep: &Sweep,
    needed: Vec<bool>,
    bounds: &ParamBounds,
    t: &mut Tables,
) -> Found {
    let n = func.values.len();
    let mut ranges = take_refilled(&mut t.ranges, n, Range::EMPTY);
    let lengths = func.signature.values().map(|(_, is_length)| is_length);
    for (&p, is_length) in func
        .params()
        .iter()
        .zip(lengths.chain(core::iter::repeat(false)))
    {
        ranges[p.index()] = if is_length {
            Range {
                lo: 0,
                hi: MAX_BUFFER_ITEMS as i64,
            }
        } else {
            Range::FULL
        };
    }
    if !sweep.cyclic {
        sweep.once(func, flows, bounds, &mut ranges);
        return Found {
            ranges,
            evaluated: needed,
        };
    }
    if !sweep.fixed_point(func, flows, bounds, &mut ranges, t) {
        // Widening bounds the growth, so this is only a guard: without
        // a fixed point no interval is trustworthy.
        return Found {
            ranges: vec![Range::FULL; n],
            evaluated: vec![true; n],
        };
    }
    narrow(func, &sweep.narrowing, flows, bounds, &mut ranges, t);
    Found {
        ranges,
        evaluated: needed,
    }
}

/// The arguments jumps pass to block parameters.
#[derive(Clone, Debug, Default)]
struct Flows {
    /// The arguments flowing into parameter `p`: `incoming[start[p]..start[p + 1]]`.
    start: Vec<u32>,
    incoming: Vec<Value>,
    /// For each incoming argument, the stride of a counting loop's step
    /// whose bound the parameter has (see [`flowed`]); none without bounds.
    strides: Vec<Option<(Value, Value)>>,
    /// For each incoming argument, the branch condition its edge is taken
    /// on (see [`implied_in`]), for the edges whose condition is computed
    /// from the argument.
    conds: Vec<Option<EdgeCond>>,
}

impl Flows {
    fn compute(func: &Function, order: &[Block], bounds: &ParamBounds, t: &mut Tables) -> Flows {
        let n = func.values.len();
        let Flows {
            start,
            incoming,
            strides,
            conds,
        } = &mut t.flows;
        let mut start = take_refilled(start, n + 1, 0);
        for &b in order {
            for_each_flow(func, b, |_, param, _, _| start[param.index() + 1] += 1);
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut incoming = take_refilled(incoming, start[n] as usize, Value(0));
        let mut strides = take_refilled(strides, start[n] as usize, None);
        let mut conds = take_refilled(conds, start[n] as usize, None);
        let fill = &mut t.fill;
        fill.clone_from(&start);
        // Edge conditions are kept for the arguments the condition is
        // computed from (`tree`: it says nothing of others): on the edges
        // back into a loop, where widening would lose what the loop test
        // bounds, and on the others (a rotated loop's way in is taken only
        // when its test holds for the first values).
        // (Made at a block's first argument: most edges pass none.)
        let tree = &mut t.tree;
        for &b in order {
            let mut tree_made = false;
            for_each_flow(func, b, |arg, param, (to, k), cond| {
                if let (Some((c, _)), false) = (cond, tree_made) {
                    tree.clear();
                    condition_values(func, c, &mut |v| tree.push(v));
                    tree_made = true;
                }
                let slot = fill[param.index()] as usize;
                incoming[slot] = arg;
                conds[slot] = cond
                    .filter(|_| tree.contains(&arg))
                    .map(|(c, truth)| EdgeCond::new(c, truth, tree));
                // Only a parameter with bounds has a stride worth knowing
                // (and finding one is the dearer test).
                if bounds.of(param).next().is_some() {
                    strides[slot] =
                        stride(func, b, to, k).filter(|&(_, bound)| bounds.below(param, bound));
                }
                fill[param.index()] += 1;
            });
        }
        Flows {
            start,
            incoming,
            strides,
            conds,
        }
    }

    /// The slots of the arguments flowing into `param`.
    fn slots(&self, param: Value) -> core::ops::Range<usize> {
        self.start[param.index()] as usize..self.start[param.index() + 1] as usize
    }
}

/// Calls `f` on each operand whose interval [`transfer`] reads.
fn for_each_operand(kind: &InstKind, mut f: impl FnMut(Value)) {
    match *kind {
        InstKind::Unary(_, a) | InstKind::CheckByte(a) => f(a),
        InstKind::Binary(_, a, b) | InstKind::CheckIndex(_, a, b) => {
            f(a);
            f(b);
        }
        InstKind::Select(c, a, b) => {
            f(c);
            f(a);
            f(b);
        }
        _ => {}
    }
}

/// The steps of the sweep ([`Step::Eval`] and [`Step::Flow`]) in block
/// order, with what each reads, and the narrowing's steps.
#[derive(Clone, Debug, Default)]
struct Sweep {
    steps: Vec<Step>,
    /// Whether a jump goes back to a block at or before its own in the
    /// order (a loop). Without one, a single sweep in order finds every
    /// interval: each block's arguments all flow in before it is reached.
    cyclic: bool,
    /// The values step `i` reads are `reads[read_start[i]..read_start[i + 1]]`
    /// (an instruction reads its operands; a flow its argument, parameter,
    /// branch condition's values, stride values and the parameter's
    /// bounds); only for a cyclic sweep. Made in step order, as the steps
    /// are, they need no sorting.
    reads: Vec<Value>,
    read_start: Vec<u32>,
    /// The recomputations of [`narrow`] ([`Step::Join`] and [`Step::Eval`])
    /// in block order, a block's parameters before its results.
    narrowing: Vec<Step>,
}

impl Sweep {
    /// The steps for the `needed` values of the blocks in `order`; what
    /// only a repeated sweep reads (what each step reads, the narrowing's
    /// steps) is left out for an order known to be acyclic.
    fn build(
        func: &Function,
        order: Order<'_>,
        flows: &Flows,
        needed: &[bool],
        bounds: &ParamBounds,
        t: &mut Tables,
    ) -> Sweep {
        let Sweep {
            steps,
            reads,
            read_start,
            narrowing,
            ..
        } = &mut t.sweep;
        let fill = &mut t.fill;
        fill.clone_from(&flows.start);
        let room = func.insts.len() + flows.incoming.len();
        let mut steps = take_emptied(steps, room);
        let mut narrowing = take_emptied(narrowing, 0);
        let mut reads = take_emptied(reads, 0);
        let mut read_start = take_emptied(read_start, 0);
        let reached = &mut t.reached;
        if order.acyclic {
            reached.clear();
        } else {
            narrowing.reserve(room);
            reads.reserve(2 * room);
            read_start.reserve(room + 1);
            refill(reached, func.blocks.len(), false);
        }
        let repeats = !order.acyclic;
        let mut cyclic = false;
        for &b in order.blocks {
            if repeats {
                reached[b.index()] = true;
                for &p in func.block_params(b) {
                    if needed[p.index()] && !flows.slots(p).is_empty() {
                        narrowing.push(Step::Join(p));
                    }
                }
            }
            for &inst in &func.blocks[b.index()].insts {
                if let Some(r) = func.insts[inst.index()].result {
                    if needed[r.index()] {
                        steps.push(Step::Eval(inst, r));
                        if repeats {
                            read_start.push(reads.len() as u32);
                            let kind = &func.insts[inst.index()].kind;
                            for_each_operand(kind, |v| reads.push(v));
                            narrowing.push(Step::Eval(inst, r));
                        }
                    }
                }
            }
            for_each_flow(func, b, |arg, param, (to, _), _| {
                let at = fill[param.index()];
                fill[param.index()] += 1;
                cyclic |= repeats && reached[to.index()];
                if !needed[param.index()] {
                    return;
                }
                steps.push(Step::Flow(arg, param, at));
                if !repeats {
                    return;
                }
                read_start.push(reads.len() as u32);
                reads.extend([arg, param]);
                if let Some(cond) = flows.conds[at as usize] {
                    cond.reads(func, &mut |v| reads.push(v));
                }
                if let Some((s, m)) = flows.strides[at as usize] {
                    reads.extend([s, m]);
                }
                reads.extend(bounds.of(param));
            });
        }
        read_start.push(reads.len() as u32);
        Sweep {
            steps,
            cyclic,
            reads,
            read_start,
            narrowing,
        }
    }

    /// The values step `i` reads (of a cyclic sweep).
    fn reads_of(&self, i: usize) -> &[Value] {
        &self.reads[self.read_start[i] as usize..self.read_start[i + 1] as usize]
    }

    /// The one sweep an acyclic function needs: each parameter the union
    /// of its arguments (capped by its bounds), no widening, each result
    /// from its operands.
    fn once(&self, func: &Function, flows: &Flows, bounds: &ParamBounds, ranges: &mut [Range]) {
        for &step in &self.steps {
            match step {
                Step::Eval(inst, r) => {
                    ranges[r.index()] = transfer(&func.insts[inst.index()].kind, ranges);
                }
                Step::Flow(arg, param, slot) => {
                    let edge = Edge {
                        stride: flows.strides[slot as usize],
                        cond: flows.conds[slot as usize],
                    };
                    let incoming = flowed(func, ranges, arg, param, edge);
                    if !incoming.is_empty() {
                        let union = ranges[param.index()].union(incoming);
                        ranges[param.index()] = capped(union, param, bounds, ranges);
                    }
                }
                Step::Join(_) => {}
            }
        }
    }

    /// Sweeps until no interval changes; false if that takes more than
    /// [`MAX_ROUNDS`] rounds.
    ///
    /// A step is a function of the intervals it reads (and, for a flow,
    /// of its parameter's growth count, which matters only when the union
    /// grows), so a step none of whose inputs changed since it last ran
    /// is skipped: it would give the same interval again. The exception
    /// is a flow whose last run counted growth without changing the
    /// parameter (the cap took the growth back): running again would
    /// count again, so it runs. Skipping thus changes nothing but the
    /// work done, round by round.
    ///
    /// A clock tells which inputs changed: `tick` counts the changes,
    /// `changed_at` is the tick of each value's last change and `ran_at`
    /// the tick when each step last began ([`NEVER`] before its first
    /// run, or after a run that counted growth). A step whose inputs all
    /// changed at or before its tick is skipped. (Keeping a list of each
    /// value's readers instead, to mark them on a change, cost more to
    /// sort out than the comparisons it saved.)
    fn fixed_point(
        &self,
        func: &Function,
        flows: &Flows,
        bounds: &ParamBounds,
        ranges: &mut [Range],
        t: &mut Tables,
    ) -> bool {
        let growth = &mut t.growth;
        refill(growth, ranges.len(), 0);
        let changed_at = &mut t.changed_at;
        refill(changed_at, ranges.len(), 0);
        let ran_at = &mut t.ran_at;
        refill(ran_at, self.steps.len(), NEVER);
        let mut tick = 0u32;
        let mut changed = true;
        let mut rounds = 0;
        while changed {
            rounds += 1;
            if rounds > MAX_ROUNDS {
                return false;
            }
            changed = false;
            for (i, &step) in self.steps.iter().enumerate() {
                // The steps to run: those that never ran, whose inputs
                // changed since they last ran, or that counted growth
                // last time.
                let since = ran_at[i];
                let fresh = |v: &Value| changed_at[v.index()] > since;
                if since != NEVER && !self.reads_of(i).iter().any(fresh) {
                    continue;
                }
                ran_at[i] = tick;
                let (v, new) = match step {
                    Step::Eval(inst, r) => (r, transfer(&func.insts[inst.index()].kind, ranges)),
                    Step::Join(_) => continue,
                    Step::Flow(arg, param, slot) => {
                        let edge = Edge {
                            stride: flows.strides[slot as usize],
                            cond: flows.conds[slot as usize],
                        };
                        let (new, grew) = flow(func, ranges, growth, arg, param, edge, bounds);
                        if grew {
                            ran_at[i] = NEVER;
                        }
                        (param, new)
                    }
                };
                if ranges[v.index()] != new {
                    ranges[v.index()] = new;
                    tick += 1;
                    changed_at[v.index()] = tick;
                    changed = true;
                }
            }
        }
        true
    }
}

/// The interval of `param` after a jump passes it `arg` (with its
/// counting loop's `stride`): the union of the two, its growing bounds
/// taken as far as the edge's condition allows at once and to the end of
/// the range once the parameter has grown more than [`WIDEN_AFTER`] times,
/// then capped by its bounds; and whether this counted as growth. (Any
/// interval above the union is sound here: the sweeps go on until every
/// step gives what it holds.)
fn flow(
    func: &Function,
    ranges: &[Range],
    growth: &mut [u32],
    arg: Value,
    param: Value,
    edge: Edge,
    bounds: &ParamBounds,
) -> (Range, bool) {
    let old = ranges[param.index()];
    let incoming = flowed(func, ranges, arg, param, edge);
    if incoming.is_empty() {
        return (old, false);
    }
    let mut new = old.union(incoming);
    let grew = !old.is_empty() && old != new;
    if grew {
        // A bound that moves goes at once as far as the edge's condition
        // lets the argument go (a loop's test): the counter of `for i in
        // range(4)` is `[0, 3]` after one growth, not four.
        if let Some(cond) = edge.cond {
            let limit = implied_in(func, ranges, cond, arg, false);
            if !limit.is_empty() {
                if new.lo < old.lo && limit.lo > i64::MIN {
                    new.lo = new.lo.min(limit.lo);
                }
                if new.hi > old.hi && limit.hi < i64::MAX {
                    new.hi = new.hi.max(limit.hi);
                }
            }
        }
        growth[param.index()] += 1;
        if growth[param.index()] > WIDEN_AFTER {
            // Only the bound that keeps moving goes to the end of the
            // range (a count up from 0 stays non-negative).
            if new.lo < old.lo {
                new.lo = i64::MIN;
            }
            if new.hi > old.hi {
                new.hi = i64::MAX;
            }
        }
    }
    (capped(new, param, bounds, ranges), grew)
}

/// `r`, the interval of parameter `p`, below every bound `p` has.
fn capped(r: Range, p: Value, bounds: &ParamBounds, ranges: &[Range]) -> Range {
    let mut r = r;
    for n in bounds.of(p) {
        let top = ranges[n.index()].or_full().hi;
        r.hi = r.hi.min(top.saturating_sub(1));
    }
    r
}

/// Calls `f(arg, param, (target, k), cond)` for each argument the
/// terminator of `block` passes to a parameter (the `k`-th of `target`), in
/// order; `cond` is the branch condition and the answer that takes the
/// edge (none for a jump, or a branch with both edges to one block).
fn for_each_flow(
    func: &Function,
    block: Block,
    mut f: impl FnMut(Value, Value, (Block, usize), Option<(Value, bool)>),
) {
    let Some(term) = func.terminator(block) else {
        return;
    };
    let kind = &func.insts[term.index()].kind;
    let pool = &func.pool;
    let cond = match *kind {
        InstKind::Branch(c, [t, e]) if t.block(pool) != e.block(pool) => Some(c),
        _ => None,
    };
    for (s, dest) in kind.successors().enumerate() {
        let (to, args, params) = func.flows(dest);
        for (k, (&arg, &param)) in args.iter().zip(params).enumerate() {
            f(arg, param, (to, k), cond.map(|c| (c, s == 0)));
        }
    }
}

/// What an edge knows of the arguments it passes: a counting loop's
/// stride (see [`flowed`]) and the branch condition it is taken on.
#[derive(Clone, Copy)]
struct Edge {
    stride: Option<(Value, Value)>,
    cond: Option<EdgeCond>,
}

/// A branch condition an edge is taken on.
#[derive(Clone, Copy, Debug)]
struct EdgeCond {
    /// The condition.
    value: Value,
    /// The answer that takes the edge.
    truth: bool,
    /// Whether no `add`, `sub` or `mul` computes either operand of the
    /// comparison: then what it implies bounds only the operands
    /// themselves, and [`implied_in`] need not look further down (most
    /// loop tests, `i < n`).
    shallow: bool,
}

impl EdgeCond {
    /// The condition `value`, taken as `truth`; `tree` is what
    /// [`condition_values`] calls back with for it.
    fn new(value: Value, truth: bool, tree: &[Value]) -> EdgeCond {
        EdgeCond {
            value,
            truth,
            // The condition and its two operands, and nothing below.
            shallow: tree.len() <= 3,
        }
    }

    /// Calls `f` on the values whose intervals [`implied_in`] reads for
    /// this condition (some more for a deep one): for a shallow one just
    /// the operands of the comparison, found without walking the tree.
    fn reads(self, func: &Function, f: &mut impl FnMut(Value)) {
        match (self.shallow, def_kind(func, self.value)) {
            (true, Some(&InstKind::Binary(_, x, y))) => {
                f(x);
                f(y);
            }
            (true, _) => {}
            (false, _) => condition_values(func, self.value, f),
        }
    }
}

/// The interval an argument brings to `param`: its own, or for the step of
/// a counting loop whose counter is below `n` ([`stride`]) with a stride
/// `s` that is never negative, `[param.lo + s.lo, n.hi - 1]` (the step
/// cannot wrap: its value is below `n`).
///
/// Either way narrowed by what the edge's branch condition implies of the
/// argument ([`implied_in`]): the edge is taken only when it holds.
fn flowed(func: &Function, ranges: &[Range], arg: Value, param: Value, edge: Edge) -> Range {
    let r = strided(ranges, arg, param, edge.stride);
    match edge.cond {
        Some(cond) if !r.is_empty() => {
            let r = r.intersect(implied_in(func, ranges, cond, arg, true));
            if r.is_empty() {
                Range::EMPTY
            } else {
                r
            }
        }
        _ => r,
    }
}

/// [`flowed`] without the branch condition.
fn strided(ranges: &[Range], arg: Value, param: Value, stride: Option<(Value, Value)>) -> Range {
    let Some((s, n)) = stride else {
        return ranges[arg.index()];
    };
    let (p, s, n) = (ranges[param.index()], ranges[s.index()], ranges[n.index()]);
    if p.is_empty() || s.is_empty() || n.is_empty() || s.lo < 0 {
        return ranges[arg.index()];
    }
    let r = Range {
        lo: p.lo.saturating_add(s.lo),
        hi: n.hi.saturating_sub(1),
    };
    if r.is_empty() {
        ranges[arg.index()]
    } else {
        r
    }
}

/// How many operations below a branch condition [`implied_in`] looks through.
const IMPLIED_DEPTH: u32 = 3;

/// The interval `arg` lies in when the edge's branch condition `cond`
/// holds ([`Range::FULL`] when the condition says nothing of it; empty
/// when the intervals show the edge is never taken): within `arg`'s own
/// interval, or (`own` false) whatever it is, the bound the condition
/// alone sets. A comparison bounds its operands by each other's
/// intervals; a bound on `a + b` or `a - b` (checked: it did not
/// overflow, so it is exact) bounds `a` and `b` by the other's interval,
/// and a bound on `a * a` bounds `|a|` by the square root: up to
/// [`IMPLIED_DEPTH`] operations down (mandel's `zr * zr + zi * zi <= 4 <<
/// 24` gives `|zr| <= 8192` on the edge back into the loop).
fn implied_in(func: &Function, ranges: &[Range], cond: EdgeCond, arg: Value, own: bool) -> Range {
    let Some(InstKind::Binary(op, x, y)) = def_kind(func, cond.value) else {
        return Range::FULL;
    };
    let truth = cond.truth;
    let (rx, ry) = (ranges[x.index()], ranges[y.index()]);
    if rx.is_empty() || ry.is_empty() {
        // Not reached (yet): nothing flows on the edge.
        return Range::EMPTY;
    }
    let op = if truth { *op } else { negated(*op) };
    let below = |r: Range, margin: i64| Range {
        lo: i64::MIN,
        hi: r.hi.saturating_sub(margin),
    };
    let above = |r: Range, margin: i64| Range {
        lo: r.lo.saturating_add(margin),
        hi: i64::MAX,
    };
    let (bx, by) = match op {
        BinaryOp::Lt => (below(ry, 1), above(rx, 1)),
        BinaryOp::Le => (below(ry, 0), above(rx, 0)),
        BinaryOp::Gt => (above(ry, 1), below(rx, 1)),
        BinaryOp::Ge => (above(ry, 0), below(rx, 0)),
        BinaryOp::Eq => (ry, rx),
        _ => return Range::FULL,
    };
    let mut out = Range::FULL;
    if cond.shallow {
        // What `bound_through` does for an operand with nothing below it.
        for (v, bound) in [(*x, bx), (*y, by)] {
            if v == arg {
                let bound = match own {
                    true => bound.intersect(ranges[v.index()]),
                    false => bound,
                };
                out = out.intersect(bound);
            }
        }
        return out;
    }
    let arg = Arg { value: arg, own };
    bound_through(func, ranges, *x, bx, arg, IMPLIED_DEPTH, &mut out);
    bound_through(func, ranges, *y, by, arg, IMPLIED_DEPTH, &mut out);
    out
}

/// The value whose interval [`bound_through`] narrows, and whether within
/// its own interval (or to the bound the condition alone sets).
#[derive(Clone, Copy)]
struct Arg {
    value: Value,
    own: bool,
}

/// The comparison that is true exactly when `op` is false.
fn negated(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Ge,
        BinaryOp::Le => BinaryOp::Gt,
        BinaryOp::Gt => BinaryOp::Le,
        BinaryOp::Ge => BinaryOp::Lt,
        BinaryOp::Eq => BinaryOp::Ne,
        BinaryOp::Ne => BinaryOp::Eq,
        other => other,
    }
}

/// Given that `v` lies in `bound`, narrows `out` (the interval of `arg`)
/// if `v` is `arg` or, `depth` operations down, computes it.
fn bound_through(
    func: &Function,
    ranges: &[Range],
    v: Value,
    bound: Range,
    arg: Arg,
    depth: u32,
    out: &mut Range,
) {
    let bound = match v == arg.value && !arg.own {
        true => bound,
        false => bound.intersect(ranges[v.index()]),
    };
    if v == arg.value {
        *out = out.intersect(bound);
    }
    if depth == 0 {
        return;
    }
    let wide = |lo: i128, hi: i128| Range {
        lo: lo.clamp(i64::MIN.into(), i64::MAX.into()) as i64,
        hi: hi.clamp(i64::MIN.into(), i64::MAX.into()) as i64,
    };
    let (lo, hi) = (i128::from(bound.lo), i128::from(bound.hi));
    match def_kind(func, v) {
        Some(&InstKind::Binary(BinaryOp::Add, a, b)) => {
            let (ra, rb) = (ranges[a.index()], ranges[b.index()]);
            let [alo, ahi, blo, bhi] = [ra.lo, ra.hi, rb.lo, rb.hi].map(i128::from);
            let (ba, bb) = (wide(lo - bhi, hi - blo), wide(lo - ahi, hi - alo));
            bound_through(func, ranges, a, empty_if(bound, ba), arg, depth - 1, out);
            bound_through(func, ranges, b, empty_if(bound, bb), arg, depth - 1, out);
        }
        Some(&InstKind::Binary(BinaryOp::Sub, a, b)) => {
            let (ra, rb) = (ranges[a.index()], ranges[b.index()]);
            let [alo, ahi, blo, bhi] = [ra.lo, ra.hi, rb.lo, rb.hi].map(i128::from);
            let (ba, bb) = (wide(lo + blo, hi + bhi), wide(alo - hi, ahi - lo));
            bound_through(func, ranges, a, empty_if(bound, ba), arg, depth - 1, out);
            bound_through(func, ranges, b, empty_if(bound, bb), arg, depth - 1, out);
        }
        Some(&InstKind::Binary(BinaryOp::Mul, a, b)) if a == b => {
            let root = if bound.is_empty() || bound.hi < 0 {
                // A square is never negative: the edge is never taken.
                Range::EMPTY
            } else {
                let s = (bound.hi as u64).isqrt() as i64;
                Range { lo: -s, hi: s }
            };
            bound_through(func, ranges, a, root, arg, depth - 1, out);
        }
        _ => {}
    }
}

/// `derived`, or empty if `bound` is (an edge never taken bounds nothing
/// below it either). The operands' intervals must not be empty for
/// `derived` to mean anything: an operand not reached gives empty too.
fn empty_if(bound: Range, derived: Range) -> Range {
    if bound.is_empty() {
        Range::EMPTY
    } else {
        derived
    }
}

/// Calls `f` on the values [`implied_in`] reads for condition `c`.
fn condition_values(func: &Function, c: Value, f: &mut impl FnMut(Value)) {
    f(c);
    if let Some(&InstKind::Binary(_, x, y)) = def_kind(func, c) {
        operand_tree(func, x, IMPLIED_DEPTH, f);
        operand_tree(func, y, IMPLIED_DEPTH, f);
    }
}

/// `v` and, `depth` operations down, the operands [`bound_through`] reads.
fn operand_tree(func: &Function, v: Value, depth: u32, f: &mut impl FnMut(Value)) {
    f(v);
    if depth == 0 {
        return;
    }
    if let Some(&InstKind::Binary(BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul, a, b)) =
        def_kind(func, v)
    {
        operand_tree(func, a, depth - 1, f);
        if b != a {
            operand_tree(func, b, depth - 1, f);
        }
    }
}

/// Which values the intervals of the `wanted` values (for
/// [`Wanted::Decisions`], in the blocks of `order`) are computed from,
/// themselves included.
fn needed_values(
    func: &Function,
    order: &[Block],
    flows: &Flows,
    bounds: &ParamBounds,
    wanted: Wanted<'_>,
    t: &mut Tables,
) -> Vec<bool> {
    let mut needed = take_refilled(&mut t.evaluated, func.values.len(), false);
    let mut stack = take_emptied(&mut t.stack, 0);
    let mut need = |v: Value, stack: &mut Vec<Value>| {
        if !needed[v.index()] {
            needed[v.index()] = true;
            stack.push(v);
        }
    };
    if let Wanted::Only(values) = wanted {
        values.iter().for_each(|&v| need(v, &mut stack));
    }
    let decisions = matches!(wanted, Wanted::Decisions);
    for &b in order.iter().filter(|_| decisions) {
        for &inst in &func.blocks[b.index()].insts {
            let data = &func.insts[inst.index()];
            match data.kind {
                InstKind::Binary(op, ..) if op.is_comparison() => {
                    if let Some(r) = data.result {
                        need(r, &mut stack);
                    }
                }
                InstKind::Binary(
                    BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Shl,
                    a,
                    bv,
                ) => {
                    need(a, &mut stack);
                    need(bv, &mut stack);
                }
                InstKind::Branch(c, ..) | InstKind::Select(c, ..) => need(c, &mut stack),
                InstKind::CheckIndex(_, a, bv) => {
                    need(a, &mut stack);
                    need(bv, &mut stack);
                }
                InstKind::CheckByte(a) => need(a, &mut stack),
                InstKind::Binary(BinaryOp::FloorDiv | BinaryOp::Mod, a, _) => need(a, &mut stack),
                _ => {}
            }
        }
    }
    while let Some(v) = stack.pop() {
        match func.values[v.index()] {
            ValueDef::Param(..) => {
                let slots = flows.slots(v);
                for &arg in &flows.incoming[slots.clone()] {
                    need(arg, &mut stack);
                }
                for cond in flows.conds[slots.clone()].iter().flatten() {
                    need(cond.value, &mut stack);
                }
                for &(s, n) in flows.strides[slots].iter().flatten() {
                    need(s, &mut stack);
                    need(n, &mut stack);
                }
                for n in bounds.of(v) {
                    need(n, &mut stack);
                }
            }
            ValueDef::Result(inst) => match func.insts[inst.index()].kind {
                InstKind::Unary(_, a) | InstKind::CheckByte(a) => need(a, &mut stack),
                InstKind::Binary(_, a, b) | InstKind::CheckIndex(_, a, b) => {
                    need(a, &mut stack);
                    need(b, &mut stack);
                }
                InstKind::Select(c, a, b) => {
                    need(c, &mut stack);
                    need(a, &mut stack);
                    need(b, &mut stack);
                }
                _ => {}
            },
            ValueDef::Unused => {}
        }
    }
    t.stack = stack;
    needed
}

/// Rounds of narrowing after the widened fixed point.
const NARROW_ROUNDS: u32 = 2;

/// Narrowing: recomputes every parameter as the union of what its
/// arguments are now (rather than growing it), then every result. Each
/// round keeps the intervals sound and takes back what widening gave away
/// where a loop's values are bounded by something inside the loop (a mask,
/// a modulo). `steps` are the recomputations ([`Step::Join`] and
/// [`Step::Eval`]) in block order, a block's parameters before its results.
///
/// Both recomputations depend only on their inputs, and at the fixed point
/// every result already is what its operands give: a step whose inputs
/// have not changed since it last ran (or, for a result, since the fixed
/// point) is skipped, since it would give the same interval.
fn narrow(
    func: &Function,
    steps: &[Step],
    flows: &Flows,
    bounds: &ParamBounds,
    ranges: &mut [Range],
    t: &mut Tables,
) {
    // `tick` counts the changes; `changed_at` is the tick of each value's
    // last change, `ran_at` the tick when each step last ran (0 for the
    // fixed point, [`NEVER`] for a parameter not recomputed yet).
    let mut tick = 0u32;
    let changed_at = &mut t.changed_at;
    refill(changed_at, ranges.len(), 0);
    let ran_at = &mut t.ran_at;
    ran_at.clear();
    ran_at.extend(
        steps
            .iter()
            .map(|s| if let Step::Join(_) = s { NEVER } else { 0 }),
    );
    for _ in 0..NARROW_ROUNDS {
        for (&step, ran) in steps.iter().zip(ran_at.iter_mut()) {
            let since = *ran;
            let fresh = |v: &Value| since == NEVER || changed_at[v.index()] > since;
            let (v, new) = match step {
                Step::Join(p) => {
                    let slots = flows.slots(p);
                    let args = &flows.incoming[slots.clone()];
                    let strides = &flows.strides[slots.clone()];
                    let conds = &flows.conds[slots];
                    if !args.iter().any(fresh) && !fresh(&p) {
                        // Without a branch condition, the arguments and the
                        // parameter itself decide. With one, the join is
                        // skipped only if nothing else it reads changed
                        // either (the condition's values, the strides, the
                        // bounds): it would give what it gave.
                        let reads_fresh = || {
                            let mut any = false;
                            for &cond in conds.iter().flatten() {
                                cond.reads(func, &mut |v| any |= fresh(&v));
                            }
                            any || strides.iter().flatten().any(|(s, n)| fresh(s) || fresh(n))
                                || bounds.of(p).any(|n| fresh(&n))
                        };
                        if conds.iter().all(Option::is_none) || !reads_fresh() {
                            continue;
                        }
                    }
                    let union = args
                        .iter()
                        .zip(strides.iter().zip(conds))
                        .map(|(&a, (&stride, &cond))| {
                            flowed(func, ranges, a, p, Edge { stride, cond }).or_full()
                        })
                        .reduce(Range::union);
                    let Some(union) = union else {
                        continue;
                    };
                    (p, capped(union, p, bounds, ranges))
                }
                Step::Eval(inst, r) => {
                    let kind = &func.insts[inst.index()].kind;
                    let stale = match kind {
                        InstKind::Unary(_, a) | InstKind::CheckByte(a) => fresh(a),
                        InstKind::Binary(_, a, b) | InstKind::CheckIndex(_, a, b) => {
                            fresh(a) || fresh(b)
                        }
                        InstKind::Select(c, a, b) => fresh(c) || fresh(a) || fresh(b),
                        _ => false,
                    };
                    if !stale {
                        continue;
                    }
                    (r, transfer(kind, ranges))
                }
                Step::Flow(..) => continue,
            };
            *ran = tick;
            if ranges[v.index()] != new {
                ranges[v.index()] = new;
                tick += 1;
                changed_at[v.index()] = tick;
            }
        }
    }
}

/// The interval of an instruction's result from its operands' intervals.
fn transfer(kind: &InstKind, ranges: &[Range]) -> Range {
    let get = |v: &Value| ranges[v.index()].or_full();
    match kind {
        InstKind::Const(c) => Range::exactly(*c),
        InstKind::Unary(op, a) => {
            let a = get(a);
            match op {
                UnaryOp::Neg => Range::from_wide(-(a.hi as i128), -(a.lo as i128)),
                UnaryOp::BitNot => Range {
                    lo: !a.hi,
                    hi: !a.lo,
                },
                UnaryOp::Abs if a.non_negative() => a,
                UnaryOp::Abs => {
                    let top = (a.lo as i128).abs().max((a.hi as i128).abs());
                    Range::from_wide(if a.hi < 0 { -(a.hi as i128) } else { 0 }, top)
                }
            }
        }
        InstKind::Binary(op @ (BinaryOp::Mul | BinaryOp::MulWrap), a, b) if a == b => {
            square(*op, get(a))
        }
        InstKind::Binary(op, a, b) => binary(*op, get(a), get(b)),
        InstKind::Select(c, x, y) => match get(c) {
            Range { lo: 0, hi: 0 } => get(y),
            c if c.lo > 0 || c.hi < 0 => get(x),
            _ => get(x).union(get(y)),
        },
        InstKind::Load(BufKind::Bytes | BufKind::ByteArray, ..) => Range { lo: 0, hi: 255 },
        // A check's result is its operand where the check passed, a
        // negative one counted from the end when the check does that.
        InstKind::CheckIndex(check, i, n) => {
            let (i, n) = (get(i), get(n));
            let index = match check.from_end && i.lo < 0 {
                true => {
                    // `i + n` cannot overflow for a negative `i`.
                    let negative = Range {
                        lo: i.lo,
                        hi: i.hi.min(-1),
                    };
                    let counted = binary(BinaryOp::Add, negative, n);
                    match i.hi < 0 {
                        true => counted,
                        false => counted.union(Range { lo: 0, hi: i.hi }),
                    }
                }
                false => i,
            };
            index.intersect(Range {
                lo: 0,
                hi: n.hi.saturating_sub(1),
            })
        }
        InstKind::CheckByte(v) => get(v).intersect(Range { lo: 0, hi: 255 }),
        _ => Range::FULL,
    }
}

/// The interval of `a * a` (`op` checked or `.wrap`) for `a` in `r`: never
/// negative, which [`binary`] cannot know of two operands that are one.
fn square(op: BinaryOp, r: Range) -> Range {
    let (lo, hi) = (i128::from(r.lo), i128::from(r.hi));
    let top = (lo * lo).max(hi * hi);
    let bottom = if lo <= 0 && 0 <= hi {
        0
    } else {
        (lo * lo).min(hi * hi)
    };
    let max = i128::from(i64::MAX);
    match op {
        // Every value traps: none comes out.
        BinaryOp::Mul if bottom > max => Range::EMPTY,
        BinaryOp::Mul => Range::from_wide(bottom, top.min(max)),
        _ if top <= max => Range::from_wide(bottom, top),
        _ => binary(op, r, r),
    }
}

/// The answer of comparison `op` on every pair of values in `a` and `b`,
/// if it is the same for all.
fn decided(op: BinaryOp, a: Range, b: Range) -> Option<bool> {
    // Each answer is worked out only for the comparisons that ask it.
    let lt = || {
        if a.hi < b.lo {
            Some(true)
        } else if a.lo >= b.hi {
            Some(false)
        } else {
            None
        }
    };
    let gt = || {
        if a.lo > b.hi {
            Some(true)
        } else if a.hi <= b.lo {
            Some(false)
        } else {
            None
        }
    };
    let eq = || {
        if a.lo == a.hi && b.lo == b.hi && a.lo == b.lo {
            Some(true)
        } else if a.hi < b.lo || b.hi < a.lo {
            Some(false)
        } else {
            None
        }
    };
    let unsigned = || a.non_negative() && b.non_negative();
    match op {
        BinaryOp::Lt => lt(),
        BinaryOp::Ge => lt().map(|x| !x),
        BinaryOp::Gt => gt(),
        BinaryOp::Le => gt().map(|x| !x),
        BinaryOp::Eq => eq(),
        BinaryOp::Ne => eq().map(|x| !x),
        BinaryOp::Ult if unsigned() => lt(),
        BinaryOp::Ugt if unsigned() => gt(),
        _ => None,
    }
}

/// The exact bounds of `a op b` over the intervals, where that is simple;
/// `None` when not.
#[inline]
fn exact_bounds(op: BinaryOp, a: Range, b: Range) -> Option<(i128, i128)> {
    let (al, ah, bl, bh) = (a.lo as i128, a.hi as i128, b.lo as i128, b.hi as i128);
    Some(match op {
        BinaryOp::Add | BinaryOp::AddWrap => (al + bl, ah + bh),
        BinaryOp::Sub | BinaryOp::SubWrap => (al - bh, ah - bl),
        BinaryOp::Mul | BinaryOp::MulWrap => {
            let corners = [al * bl, al * bh, ah * bl, ah * bh];
            (*corners.iter().min()?, *corners.iter().max()?)
        }
        BinaryOp::Shl | BinaryOp::ShlWrap if b.lo >= 0 && b.hi <= 63 => {
            let (lo, hi) = (al << b.lo.min(63), ah << b.lo.min(63));
            let (lo2, hi2) = (al << b.hi, ah << b.hi);
            (lo.min(lo2), hi.max(hi2))
        }
        _ => return None,
    })
}

fn binary(op: BinaryOp, a: Range, b: Range) -> Range {
    // The arithmetic [`exact_bounds`] knows, tested first so that the
    // other operations skip it.
    if matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Shl
            | BinaryOp::AddWrap
            | BinaryOp::SubWrap
            | BinaryOp::MulWrap
            | BinaryOp::ShlWrap
    ) {
        let Some((lo, hi)) = exact_bounds(op, a, b) else {
            return Range::FULL;
        };
        return match op {
            // A checked result that would leave the range traps instead:
            // the result is what lies inside.
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Shl => {
                let (lo, hi) = (lo.max(i64::MIN as i128), hi.min(i64::MAX as i128));
                if lo > hi {
                    Range::EMPTY
                } else {
                    Range::from_wide(lo, hi)
                }
            }
            _ => Range::from_wide(lo, hi),
        };
    }
    let bits = |r: Range| 64 - (r.hi as u64).leading_zeros();
    match op {
        BinaryOp::And if a.non_negative() && b.non_negative() => Range {
            lo: 0,
            hi: a.hi.min(b.hi),
        },
        BinaryOp::And if a.non_negative() => Range { lo: 0, hi: a.hi },
        BinaryOp::And if b.non_negative() => Range { lo: 0, hi: b.hi },
        BinaryOp::Or | BinaryOp::Xor if a.non_negative() && b.non_negative() => {
            let width = bits(a).max(bits(b));
            Range {
                lo: 0,
                hi: if width >= 63 {
                    i64::MAX
                } else {
                    (1i64 << width) - 1
                },
            }
        }
        BinaryOp::Shr if b.lo >= 0 => {
            let (small, big) = (b.lo.min(63) as u32, b.hi.clamp(0, 63) as u32);
            Range {
                lo: (a.lo >> small).min(a.lo >> big),
                hi: (a.hi >> small).max(a.hi >> big),
            }
        }
        BinaryOp::Mod if b.lo > 0 => Range {
            lo: 0,
            hi: b.hi - 1,
        },
        BinaryOp::FloorDiv if b.lo > 0 => Range {
            lo: a.lo.div_euclid(b.lo).min(a.lo.div_euclid(b.hi)),
            hi: a.hi.div_euclid(b.lo).max(a.hi.div_euclid(b.hi)),
        },
        _ if op.is_comparison() => match decided(op, a, b) {
            Some(answer) => Range::exactly(i64::from(answer)),
            None => Range { lo: 0, hi: 1 },
        },
        _ => Range::FULL,
    }
}

/// The interval of every value [`analyze`] evaluates, with the bounds
/// of block parameters that branch conditions give.
pub fn intervals(func: &Function) -> Vec<Range> {
    intervals_in(func, &mut Cfg::default())
}

/// [`intervals`] with the control-flow analyses `cfg` has of `func`.
pub fn intervals_in(func: &Function, cfg: &mut Cfg) -> Vec<Range> {
    let mut t = Tables::default();
    CheckFacts::compute(func, cfg, &mut t)
        .intervals(func, Wanted::Decisions, &mut t)
        .ranges
}

/// The intervals [`intervals_in`] gives `values`, evaluating only them and
/// what they are computed from ([`Range::EMPTY`] for every other value):
/// cheaper when a pass needs a few. An interval depends on nothing else
/// (see [`analyze`]), so these come out the same.
///
/// When `kept` holds intervals for all of `values`, those serve instead
/// and nothing is evaluated (see [`Kept`]).
pub fn intervals_of<'k>(
    func: &Function,
    cfg: &mut Cfg,
    kept: &'k Kept,
    values: &[Value],
) -> Cow<'k, [Range]> {
    match kept.covering(values) {
        Some(ranges) => Cow::Borrowed(ranges),
        None => {
            let mut t = Tables::default();
            Cow::Owned(
                CheckFacts::compute(func, cfg, &mut t)
                    .intervals(func, Wanted::Only(values), &mut t)
                    .ranges,
            )
        }
    }
}

/// The intervals the last round of [`run_keeping`] found, kept for the
/// passes right after it ([`super::strength`], [`super::if_convert`]),
/// which would otherwise run the analysis again for a few values.
///
/// An interval holds every value its value takes, in every run of the
/// function: it stays true while each value is computed at its place as
/// it was (its instruction may change, not what it gives there), however
/// the rest changes. Checks dropped since, or branches made jumps, can
/// only have made a new analysis find less. So the intervals serve the
/// passes that rewrite instructions in place (`ranges` itself,
/// `strength`); a pass that moves a computation where it runs more often
/// (speculation: `licm`, `if_convert`) ends them, as the pipeline
/// arranges (`keeps_intervals` in `opt`). Values made after the analysis
/// have none, but for the sums `ranges` itself adds for indexes counted
/// from the end.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    ranges: Vec<Range>,
    /// Which entries of `ranges` are the analysis's answers.
    evaluated: Vec<bool>,
}

impl Kept {
    /// Drops the intervals.
    pub fn forget(&mut self) {
        self.ranges.clear();
        self.evaluated.clear();
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The kept intervals, if the analysis evaluated all of `values`.
    fn covering(&self, values: &[Value]) -> Option<&[Range]> {
        let all = !values.is_empty()
            && values
                .iter()
                .all(|v| self.evaluated.get(v.index()).copied().unwrap_or(false));
        all.then_some(&self.ranges[..])
    }

    /// Adds the interval of `v = add.wrap i, n`, a value made after them.
    fn add(&mut self, v: Value, i: Value, n: Value) {
        if self.ranges.len() == v.index() {
            let (i, n) = (self.ranges[i.index()], self.ranges[n.index()]);
            self.ranges.push(binary(BinaryOp::AddWrap, i, n));
            self.evaluated.push(true);
        }
    }

    /// Keeps the intervals `found`, giving the tables of the ones before
    /// to `t` for the next analysis (unless they are too large to keep).
    fn keep(&mut self, found: Found, t: &mut Tables) {
        let ranges = core::mem::replace(&mut self.ranges, found.ranges);
        let evaluated = core::mem::replace(&mut self.evaluated, found.evaluated);
        // By capacity, not length: intervals that [`Kept::forget`] emptied
        // still hold their whole buffer.
        if ranges.capacity() <= KEEP_FOR_VALUES {
            t.ranges = ranges;
            t.evaluated = evaluated;
        }
    }
}

/// What dropping checks needs beyond the intervals: predecessors, the
/// dominator tree and the bounds of block parameters, computed only for
/// functions with checks (they serve nothing else).
struct CheckFacts<'a> {
    cfg: Option<(&'a Predecessors, &'a DomTree)>,
    bounds: ParamBounds,
    /// The reachable blocks in reverse postorder, the analysis's order.
    order: Order<'a>,
}

impl<'a> CheckFacts<'a> {
    /// The facts of `func`, the bounds found in the tables of `t` (to be
    /// given back, [`CheckFacts::give_back`]).
    fn compute(func: &Function, cfg: &'a mut Cfg, t: &mut Tables) -> CheckFacts<'a> {
        let acyclic = !cfg.has_cycle(func);
        let mut bounds = core::mem::take(&mut t.bounds);
        if !has_checks(func) && !has_checked_arithmetic_and_branches(func) {
            bounds.clear();
            return CheckFacts {
                cfg: None,
                bounds,
                order: Order {
                    blocks: cfg.rpo(func),
                    acyclic,
                },
            };
        }
        let (preds, dom) = cfg.get(func);
        bounds.compute_with(func, dom, preds, &mut t.facts);
        CheckFacts {
            cfg: Some((preds, dom)),
            bounds,
            order: Order {
                blocks: dom.rpo(),
                acyclic,
            },
        }
    }

    /// [`analyze`] with these bounds.
    fn intervals(&self, func: &Function, wanted: Wanted<'_>, t: &mut Tables) -> Found {
        analyze_in_order(func, self.order, &self.bounds, wanted, t)
    }

    /// Gives the tables of the bounds back to `t`, for the next facts.
    fn give_back(self, t: &mut Tables) {
        t.bounds = self.bounds;
    }
}

/// Whether a checked `add`, `sub` or `mul` is left in the blocks of the
/// layout, and a branch (whose condition may prove it cannot overflow
/// where it is: without a branch or a check no fact is ever in force, and
/// the bounds of parameters come from branches too).
fn has_checked_arithmetic_and_branches(func: &Function) -> bool {
    let (mut arithmetic, mut branches) = (false, false);
    for b in &func.layout {
        let insts = &func.blocks[b.index()].insts;
        branches |= insts
            .last()
            .is_some_and(|i| matches!(func.insts[i.index()].kind, InstKind::Branch(..)));
        arithmetic |= insts.iter().any(|i| {
            matches!(
                func.insts[i.index()].kind,
                InstKind::Binary(BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul, ..)
            )
        });
        if arithmetic && branches {
            return true;
        }
    }
    false
}

/// Whether an index or byte check is left in the blocks of the layout.
fn has_checks(func: &Function) -> bool {
    func.layout.iter().any(|b| {
        func.blocks[b.index()].insts.iter().any(|i| {
            matches!(
                func.insts[i.index()].kind,
                InstKind::CheckIndex(..) | InstKind::CheckByte(..)
            )
        })
    })
}

/// Replaces checked arithmetic that cannot overflow by its `.wrap` form,
/// comparisons the intervals decide by constants, selects and branches on
/// decided conditions by their outcome, and drops index and byte checks
/// that cannot fire; whether anything changed.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func`; forgets
/// them when a branch becomes a jump.
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_keeping(func, cfg, &mut Kept::default(), &mut Tables::default())
}

/// [`run_in`], leaving the intervals of its last round in `kept`, with
/// the tables `t` of an earlier run to fill again.
pub fn run_keeping(func: &mut Function, cfg: &mut Cfg, kept: &mut Kept, t: &mut Tables) -> bool {
    // Each round's wrapped arithmetic, out of the tables while it is
    // listed.
    let mut first_wraps = take_emptied(&mut t.wraps, 0);
    let facts = CheckFacts::compute(func, cfg, t);
    let first = run_once(func, &facts, kept, t, &mut first_wraps);
    facts.give_back(t);
    if first.branches_changed {
        cfg.forget();
    }
    let mut changed = first.changed;
    // Selects decided in the first round (a step's sign, a range loop's
    // direction) and branches it removed can reveal a counting loop's
    // shape to the second; only worth it where index checks are left.
    // The first round's wrapped arithmetic waits until after the second:
    // a `.wrap` form's interval is all values wherever the operands'
    // intervals (widened, in a loop) allow an overflow, where the checked
    // form's leaves out what would trap (`p * p` stays non-negative).
    if (first.selects || first.branches_changed) && has_checks(func) {
        let mut second_wraps = take_emptied(&mut t.later_wraps, 0);
        let facts = CheckFacts::compute(func, cfg, t);
        let second = run_once(func, &facts, kept, t, &mut second_wraps);
        facts.give_back(t);
        if second.branches_changed {
            cfg.forget();
        }
        changed |= second.changed | wrap(func, &second_wraps);
        t.later_wraps = second_wraps;
    }
    changed |= wrap(func, &first_wraps);
    t.wraps = first_wraps;
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// Turns the checked arithmetic `insts` into its `.wrap` forms; whether
/// there was any.
fn wrap(func: &mut Function, insts: &[Inst]) -> bool {
    for &inst in insts {
        if let InstKind::Binary(op, a, b) = func.insts[inst.index()].kind {
            let wrap = op.wrapping().unwrap_or(op);
            func.insts[inst.index()].kind = InstKind::Binary(wrap, a, b);
        }
    }
    !insts.is_empty()
}

/// What a round of [`run`] did.
struct Round {
    /// Whether it changed anything.
    changed: bool,
    /// Whether it turned a branch into a jump (the only change it makes
    /// to the control flow).
    branches_changed: bool,
    /// Whether it replaced a select by one of its operands.
    selects: bool,
}

/// The instructions a round removes (decided selects, needless checks)
/// and what each result stands for instead; the tables are filled on the
/// first removal (most rounds of most functions have none).
struct Removed {
    /// The values and instructions of the function, to size the tables.
    sizes: (usize, usize),
    /// What each value stands for (itself unless removed).
    subst: Vec<Value>,
    /// Whether each instruction goes.
    dropped: Vec<bool>,
    /// Whether anything was removed (the tables are filled).
    any: bool,
}

impl Removed {
    /// Nothing removed from `func` yet, the tables to be taken from `t`.
    fn new(func: &Function, t: &mut Tables) -> Removed {
        Removed {
            sizes: (func.values.len(), func.insts.len()),
            subst: core::mem::take(&mut t.subst),
            dropped: core::mem::take(&mut t.dropped),
            any: false,
        }
    }

    /// Removes `inst`, whose `result` (if any) stands for `by` instead.
    fn remove(&mut self, inst: Inst, result: Option<Value>, by: Value) {
        if !self.any {
            let (values, insts) = self.sizes;
            self.subst.clear();
            self.subst.extend((0..values as u32).map(Value));
            refill(&mut self.dropped, insts, false);
            self.any = true;
        }
        if let Some(r) = result {
            self.subst[r.index()] = by;
        }
        self.dropped[inst.index()] = true;
    }

    /// Whether anything was removed.
    fn any(&self) -> bool {
        self.any
    }

    /// Gives the tables back to `t`.
    fn give_back(self, t: &mut Tables) {
        t.subst = self.subst;
        t.dropped = self.dropped;
    }
}

/// One round of [`run`], with the facts of `func` as it is; leaves the
/// intervals it found in `kept`, and lists in `wraps` (empty) the checked
/// arithmetic it proved cannot overflow, to turn into `.wrap` forms
/// ([`wrap`]; not counted in [`Round::changed`]).
fn run_once(
    func: &mut Function,
    facts: &CheckFacts<'_>,
    kept: &mut Kept,
    t: &mut Tables,
    wraps: &mut Vec<Inst>,
) -> Round {
    let found = facts.intervals(func, Wanted::Decisions, t);
    let ranges = &found.ranges;
    let mut removed = Removed::new(func, t);
    let mut changed = false;
    let mut branches_changed = false;
    let mut selects = false;
    // Checks counting from the end an index always negative.
    let mut negative = take_emptied(&mut t.negative, 0);
    let truth = |c: Value| match ranges[c.index()] {
        Range { lo: 0, hi: 0 } => Some(false),
        r if !r.is_empty() && (r.lo > 0 || r.hi < 0) => Some(true),
        _ => None,
    };
    for i in 0..func.layout.len() {
        let b = func.layout[i];
        let insts = &func.blocks[b.index()].insts;
        for &inst in insts {
            let data = &func.insts[inst.index()];
            if let (InstKind::Select(c, x, y), Some(r)) = (&data.kind, data.result) {
                if let Some(t) = truth(*c) {
                    removed.remove(inst, Some(r), if t { *x } else { *y });
                    selects = true;
                }
                continue;
            }
            let data = &mut func.insts[inst.index()];
            match data.kind {
                // An index never negative needs no counting from the end
                // (the result's interval stays the same).
                InstKind::CheckIndex(ref mut check, i, _)
                    if check.from_end && ranges[i.index()].within(0, i64::MAX) =>
                {
                    check.from_end = false;
                    changed = true;
                }
                InstKind::CheckIndex(check, i, _)
                    if check.from_end && ranges[i.index()].within(i64::MIN, -1) =>
                {
                    negative.push((b, inst));
                }
                InstKind::Branch(c, [then_dest, else_dest]) => {
                    if let Some(t) = truth(c) {
                        let (taken, dropped) = match t {
                            true => (then_dest, else_dest),
                            false => (else_dest, then_dest),
                        };
                        data.kind = InstKind::Jump(taken);
                        dropped.free(&mut func.pool);
                        changed = true;
                        branches_changed = true;
                    }
                }
                InstKind::Binary(op, a, bv) => {
                    let (ra, rb) = (ranges[a.index()], ranges[bv.index()]);
                    if ra.is_empty() || rb.is_empty() {
                        continue;
                    }
                    if op.is_comparison() {
                        if let Some(answer) = decided(op, ra, rb) {
                            data.kind = InstKind::Const(i64::from(answer));
                            changed = true;
                        }
                        continue;
                    }
                    if op.wrapping().is_none() {
                        continue;
                    }
                    if exact_bounds(op, ra, rb).is_some_and(|(lo, hi)| Range::fits(lo, hi)) {
                        wraps.push(inst);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((preds, dom)) = facts.cfg {
        drop_checks(
            func,
            dom,
            preds,
            &facts.bounds,
            ranges,
            &mut removed,
            wraps,
            (&mut t.in_force, &mut t.path),
        );
    }
    kept.keep(found, t);
    if removed.any() {
        let Removed { subst, dropped, .. } = &mut removed;
        crate::ir::subst::replace_uses(func, subst);
        for &b in &func.layout {
            func.blocks[b.index()].insts.retain(|i| !dropped[i.index()]);
        }
        changed = true;
    }
    removed.give_back(t);
    if !negative.is_empty() {
        count_from_end(func, &negative, kept, &mut t.marked, &mut t.blocks);
        changed = true;
    }
    t.negative = negative;
    Round {
        changed,
        branches_changed,
        selects,
    }
}

/// Makes each check of `checks` (in layout order, with their blocks), which
/// count from the end an index that is always negative, a plain check of
/// `add.wrap i, n` placed before it; the sum's interval goes into `kept`.
/// `marked` and `blocks` are its tables.
fn count_from_end(
    func: &mut Function,
    checks: &[(Block, Inst)],
    kept: &mut Kept,
    marked: &mut Vec<bool>,
    blocks: &mut Vec<Block>,
) {
    refill(marked, func.insts.len(), false);
    for &(_, inst) in checks {
        marked[inst.index()] = true;
    }
    blocks.clear();
    blocks.extend(checks.iter().map(|&(b, _)| b));
    blocks.dedup();
    for &block in blocks.iter() {
        let old = core::mem::take(&mut func.blocks[block.index()].insts);
        let mut insts = InstList::with_capacity(old.len() + 1);
        for inst in old {
            let kind = &func.insts[inst.index()].kind;
            if let (true, &InstKind::CheckIndex(check, i, n)) = (marked[inst.index()], kind) {
                let sum = func.create_inst(InstKind::Binary(BinaryOp::AddWrap, i, n));
                func.set_line(sum, func.line(inst));
                let v = func.result(sum);
                kept.add(v, i, n);
                let check = IndexCheck {
                    from_end: false,
                    ..check
                };
                func.insts[inst.index()].kind = InstKind::CheckIndex(check, v, n);
                insts.push(sum);
            }
            insts.push(inst);
        }
        func.blocks[block.index()].insts = insts;
    }
}

/// Drops the index and byte checks that cannot fire, walking the dominator
/// tree with the order facts of the blocks above: the entry facts of the
/// blocks on the way down and the checks passed on the way (`i < n` and
/// `0 <= i` hold after `check_index i, n`). Lists in `wrapped` the checked
/// arithmetic those facts prove cannot overflow (fib's `n - 1` after
/// `if n < 2: return n`). Walks in the tables `facts` (the facts in
/// force) and `stack` (for each block on the walk's path, how many of
/// them it added).
#[allow(clippy::too_many_arguments)]
fn drop_checks(
    func: &Function,
    dom: &DomTree,
    preds: &Predecessors,
    bounds: &ParamBounds,
    ranges: &[Range],
    removed: &mut Removed,
    wrapped: &mut Vec<Inst>,
    (facts, stack): (&mut InForce, &mut Vec<(Block, usize, Mark)>),
) {
    facts.reset(func.values.len(), func.blocks.len());
    stack.clear();
    let Some(&entry) = dom.rpo().first() else {
        return;
    };
    stack.push((entry, 0, facts.mark()));
    enter(func, preds, bounds, ranges, entry, facts, removed, wrapped);
    while let Some(top) = stack.last_mut() {
        let (block, next, mark) = *top;
        match dom.children(block).get(next) {
            Some(&child) => {
                top.1 += 1;
                stack.push((child, 0, facts.mark()));
                enter(func, preds, bounds, ranges, child, facts, removed, wrapped);
            }
            None => {
                facts.undo(mark);
                stack.pop();
            }
        }
    }
}

/// The order facts in force on a walk down the dominator tree and the
/// values known non-negative there, found by value: a long function's
/// walk holds thousands (every loop's exit fact stays in force below it),
/// and a search through all of them for each instruction was quadratic.
/// Facts come and go in stack order, each remembering the fact before it
/// on the same value and what it and those before it say of that value
/// (so that a question about a value's interval does not walk its facts
/// either).
#[derive(Clone, Debug, Default)]
struct InForce {
    /// The facts in force, in the order they were added.
    facts: Vec<Linked>,
    /// For each value, the latest fact whose `lo` it is, and whose `hi`.
    latest: Vec<(u32, u32)>,
    /// Whether each value is known non-negative, and the values set so
    /// (in order, to unset them on the way up).
    non_negative: Vec<bool>,
    set: Vec<Value>,
}

/// A fact in force, with its links to the facts before it.
#[derive(Clone, Copy, Debug)]
struct Linked {
    /// The fact.
    fact: Fact,
    /// The fact before it with the same `lo`, and with the same `hi`
    /// ([`NEVER`] if none).
    before: (u32, u32),
    /// What it and the facts before it with the same `hi` say of that
    /// `hi` ([`Said::floor`], [`Said::above`]), and what it and those
    /// with the same `lo` say of that `lo` ([`Said::ceiling`]).
    said: Said,
}

/// What facts with one value as `hi` (`floor`, `above`) or as `lo`
/// (`ceiling`) say of it through the intervals of the values they compare
/// it with (`lo` and `hi` below; a fact whose other value's interval is
/// empty says nothing). Bounds saturate at the ends of the range.
#[derive(Clone, Copy, Debug)]
struct Said {
    /// The greatest least value of `lo`, plus one for a strict fact: the
    /// least value `hi` can have (`i64::MIN` if no fact says one).
    floor: i64,
    /// The greatest least value of `lo`, minus one for a fact that is not
    /// strict: every value up to it lies below `hi` (`None` if no fact
    /// says one).
    above: Option<i64>,
    /// The least greatest value of `hi`, minus one for a strict fact: the
    /// greatest value `lo` can have (`i64::MAX` if no fact says one).
    ceiling: i64,
}

impl Said {
    /// What no fact says.
    const NOTHING: Said = Said {
        floor: i64::MIN,
        above: None,
        ceiling: i64::MAX,
    };
}

/// How many facts and non-negative values were in force.
#[derive(Clone, Copy, Debug)]
struct Mark(usize, usize);

impl InForce {
    /// No facts yet about `values` values, with room for as many as there
    /// are `blocks` (each entry fact is one).
    fn reset(&mut self, values: usize, blocks: usize) {
        empty_with_room(&mut self.facts, blocks);
        refill(&mut self.latest, values, (NEVER, NEVER));
        refill(&mut self.non_negative, values, false);
        self.set.clear();
    }

    fn mark(&self) -> Mark {
        Mark(self.facts.len(), self.set.len())
    }

    /// What fact `at` and those before it on its chain say, or nothing
    /// for [`NEVER`].
    fn said_at(&self, at: u32) -> Said {
        match at {
            NEVER => Said::NOTHING,
            at => self.facts[at as usize].said,
        }
    }

    /// Adds `fact`, given the intervals of the values.
    fn push(&mut self, fact: Fact, ranges: &[Range]) {
        let at = self.facts.len() as u32;
        let before = (
            self.latest[fact.lo.index()].0,
            self.latest[fact.hi.index()].1,
        );
        let (of_lo, of_hi) = (self.said_at(before.0), self.said_at(before.1));
        let (lo, hi) = (ranges[fact.lo.index()], ranges[fact.hi.index()]);
        let strict = i64::from(fact.strict);
        let mut said = Said {
            ceiling: of_lo.ceiling,
            ..of_hi
        };
        if !lo.is_empty() {
            said.floor = said.floor.max(lo.lo.saturating_add(strict));
            said.above = said.above.max(Some(lo.lo.saturating_sub(1 - strict)));
        }
        if !hi.is_empty() {
            said.ceiling = said.ceiling.min(hi.hi.saturating_sub(strict));
        }
        self.latest[fact.lo.index()].0 = at;
        self.latest[fact.hi.index()].1 = at;
        self.facts.push(Linked { fact, before, said });
    }

    fn set_non_negative(&mut self, v: Value) {
        if !self.non_negative[v.index()] {
            self.non_negative[v.index()] = true;
            self.set.push(v);
        }
    }

    fn is_non_negative(&self, v: Value) -> bool {
        self.non_negative[v.index()]
    }

    /// Takes back what was added since `mark`, latest first.
    fn undo(&mut self, mark: Mark) {
        while self.facts.len() > mark.0 {
            let Linked { fact, before, .. } = self.facts.pop().expect("above the mark");
            self.latest[fact.lo.index()].0 = before.0;
            self.latest[fact.hi.index()].1 = before.1;
        }
        for v in self.set.drain(mark.1..) {
            self.non_negative[v.index()] = false;
        }
    }

    /// What the facts in force say of `v`: [`Said::floor`] and
    /// [`Said::above`] of those with `v` as `hi`, [`Said::ceiling`] of
    /// those with `v` as `lo`.
    fn said(&self, v: Value) -> Said {
        let (lo, hi) = self.latest[v.index()];
        Said {
            ceiling: self.said_at(lo).ceiling,
            ..self.said_at(hi)
        }
    }

    /// Whether `i < n` is a fact in force. It would be on both values'
    /// chains: walking them side by side stops at the end of the shorter.
    fn has_strict(&self, i: Value, n: Value) -> bool {
        let is = |f: Fact| f.lo == i && f.hi == n && f.strict;
        let (mut by_lo, mut by_hi) = (self.linked(i, |(lo, _)| lo), self.linked(n, |(_, hi)| hi));
        loop {
            let (a, b) = (by_lo.next(), by_hi.next());
            if a.is_some_and(is) || b.is_some_and(is) {
                return true;
            }
            if a.is_none() || b.is_none() {
                return false;
            }
        }
    }

    /// The facts in force on one side of `v`, latest first: `side` picks
    /// that side's link out of [`InForce::latest`] and [`Linked::before`].
    fn linked(
        &self,
        v: Value,
        side: impl Fn((u32, u32)) -> u32 + Copy + 'static,
    ) -> impl Iterator<Item = Fact> + '_ {
        let first = side(self.latest[v.index()]);
        core::iter::successors((first != NEVER).then_some(first), move |&at| {
            let next = side(self.facts[at as usize].before);
            (next != NEVER).then_some(next)
        })
        .map(|at| self.facts[at as usize].fact)
    }
}

/// Adds the facts of entering `block` and of its checks, and notes the
/// checks they make needless.
#[allow(clippy::too_many_arguments)]
fn enter(
    func: &Function,
    preds: &Predecessors,
    bounds: &ParamBounds,
    ranges: &[Range],
    block: Block,
    facts: &mut InForce,
    removed: &mut Removed,
    wrapped: &mut Vec<Inst>,
) {
    if let Some(fact) = entry_fact(func, preds, block) {
        facts.push(fact, ranges);
    }
    let range = |v: Value| ranges[v.index()];
    // Whether every value of `i` lies below the least value of `v` (less
    // one when `strict`); nothing is known of a value not reached.
    let under = |i: Value, v: Value, margin: bool| {
        let r = range(v);
        !r.is_empty() && range(i).within(i64::MIN, r.lo.saturating_sub(i64::from(margin)))
    };
    // The interval of `v` narrowed by the facts in force that compare it
    // with a value of known interval.
    let narrowed = |v: Value, facts: &InForce| {
        let mut r = range(v).or_full();
        let said = facts.said(v);
        r.lo = r.lo.max(said.floor);
        r.hi = r.hi.min(said.ceiling);
        r
    };
    for &inst in &func.blocks[block.index()].insts {
        match func.insts[inst.index()].kind {
            InstKind::Binary(op @ (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul), a, b)
                if !facts.facts.is_empty() =>
            {
                let (ra, rb) = (narrowed(a, facts), narrowed(b, facts));
                // The `.wrap` form's interval, over the operands' intervals
                // everywhere, may be wider than the checked one's (which
                // leaves out what would trap), and later rounds read it:
                // only by a little, at the ends of the range (fib's `n - 1`
                // goes from [MIN, MAX - 1] to all values, where `p * p`
                // would lose `p * p >= 4`).
                let fits = !ra.is_empty()
                    && !rb.is_empty()
                    && exact_bounds(op, ra, rb).is_some_and(|(lo, hi)| Range::fits(lo, hi));
                if !fits {
                    continue;
                }
                let wrap = op.wrapping().unwrap_or(op);
                let (ga, gb) = (range(a), range(b));
                let close = |x: i64, y: i64| x.abs_diff(y) <= 1 << 16;
                let (checked, wrapping) = (binary(op, ga, gb), binary(wrap, ga, gb));
                let alike = ga.is_empty()
                    || gb.is_empty()
                    || (close(checked.lo, wrapping.lo) && close(checked.hi, wrapping.hi));
                if alike {
                    wrapped.push(inst);
                }
            }
            InstKind::CheckIndex(check, i, n) => {
                let i = resolve(func, ranges, i);
                // Below `n` by the intervals, a parameter's bound, an
                // earlier check, or a fact that puts `n` above all of `i`.
                let below = under(i, n, true)
                    || bounds.below(i, n)
                    || facts.has_strict(i, n)
                    || facts
                        .said(n)
                        .above
                        .is_some_and(|top| range(i).within(i64::MIN, top));
                // Not negative, the index is the result, counted from the
                // end or not.
                let non_negative = range(i).within(0, i64::MAX) || facts.is_non_negative(i);
                let result = func.insts[inst.index()].result;
                if below && non_negative {
                    removed.remove(inst, result, i);
                    continue;
                }
                // Past the check, `i < n` (counted from the end or not),
                // and the result lies in `0..n`.
                let fact = |lo| Fact {
                    lo,
                    hi: n,
                    strict: true,
                };
                facts.push(fact(i), ranges);
                if !check.from_end || non_negative {
                    facts.set_non_negative(i);
                } else if let Some(r) = result {
                    facts.push(fact(r), ranges);
                    facts.set_non_negative(r);
                }
            }
            InstKind::CheckByte(v) if range(resolve(func, ranges, v)).within(0, 255) => {
                removed.remove(inst, func.insts[inst.index()].result, v);
            }
            _ => {}
        }
    }
}

/// The value `v` is, seen through checks whose result is their operand
/// (all but those counting a negative index from the end; [`run_once`]
/// has made plain those whose index is never negative) and selects whose
/// condition the intervals decide.
fn resolve(func: &Function, ranges: &[Range], v: Value) -> Value {
    let mut v = v;
    for _ in 0..8 {
        let ValueDef::Result(inst) = func.values[v.index()] else {
            break;
        };
        v = match func.insts[inst.index()].kind {
            InstKind::CheckIndex(
                IndexCheck {
                    from_end: false, ..
                },
                x,
                _,
            )
            | InstKind::CheckByte(x) => x,
            InstKind::Select(c, x, y) => match ranges[c.index()] {
                Range { lo: 0, hi: 0 } => y,
                r if !r.is_empty() && (r.lo > 0 || r.hi < 0) => x,
                _ => break,
            },
            _ => break,
        };
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops;
    use crate::test_fixtures::{parse, RngStar};

    fn sample_range(rng: &mut RngStar) -> Range {
        let edges = [
            i64::MIN,
            -1 << 40,
            -65,
            -1,
            0,
            1,
            2,
            63,
            64,
            255,
            1 << 32,
            1 << 62,
            i64::MAX,
        ];
        let pick = |rng: &mut RngStar| match rng.next_u64() % 3 {
            0 => edges[(rng.next_u64() % edges.len() as u64) as usize],
            1 => (rng.next_u64() % 200) as i64 - 100,
            _ => rng.next_u64() as i64 >> (rng.next_u64() % 64),
        };
        let (a, b) = (pick(rng), pick(rng));
        Range {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    fn sample_in(rng: &mut RngStar, r: Range) -> i64 {
        let width = (r.hi as i128 - r.lo as i128) as u128 + 1;
        match rng.next_u64() % 4 {
            0 => r.lo,
            1 => r.hi,
            _ => (r.lo as i128 + (rng.next_u64() as u128 % width) as i128) as i64,
        }
    }

    /// Every concrete result of an operation on values inside the input
    /// intervals lies inside the computed interval.
    #[test]
    fn transfer_functions_are_sound() {
        let mut rng = RngStar::new(0x1234_5678_9ABC_DEF1);
        for _ in 0..20_000 {
            let (ra, rb) = (sample_range(&mut rng), sample_range(&mut rng));
            for op in BinaryOp::ALL {
                let out = binary(op, ra, rb);
                for _ in 0..4 {
                    let (a, b) = (sample_in(&mut rng, ra), sample_in(&mut rng, rb));
                    if let Ok(v) = ops::binary(op, a, b) {
                        assert!(
                            out.lo <= v && v <= out.hi,
                            "{op:?} {a} {b} = {v} outside {out:?} from {ra:?} {rb:?}"
                        );
                    }
                }
            }
            for op in UnaryOp::ALL {
                let out = transfer(&InstKind::Unary(op, Value(0)), &[ra]);
                let a = sample_in(&mut rng, ra);
                if let Ok(v) = ops::unary(op, a) {
                    assert!(
                        out.lo <= v && v <= out.hi,
                        "{op:?} {a} = {v} outside {out:?}"
                    );
                }
            }
        }
    }

    /// A square's interval holds every square of a value in the operand's
    /// interval, checked (where it does not trap) and wrapping.
    #[test]
    fn squares_are_sound() {
        let mut rng = RngStar::new(0x5157_A4E5_0F00_0001);
        for _ in 0..20_000 {
            let r = sample_range(&mut rng);
            for op in [BinaryOp::Mul, BinaryOp::MulWrap] {
                let out = square(op, r);
                for _ in 0..4 {
                    let a = sample_in(&mut rng, r);
                    if let Ok(v) = ops::binary(op, a, a) {
                        assert!(
                            out.lo <= v && v <= out.hi,
                            "{op:?} {a}² = {v} outside {out:?} from {r:?}"
                        );
                    }
                }
            }
        }
    }

    /// What a branch condition implies of the values it is computed from
    /// holds of every sample that takes the edge: random intervals for the
    /// parameters, the others' from the transfer functions, concrete values
    /// drawn from the parameters' intervals and run through the operations
    /// (those that trap skipped), and the condition's answer decides which
    /// edge's implications must hold. A condition on values no `add`,
    /// `sub` or `mul` computes (`v12`, `v13`) is looked at only down to
    /// its operands, and that finds what the full look finds.
    #[test]
    fn implied_intervals_hold_on_the_edge() {
        let func = &parse(
            "function f {
             block0(v0, v1, v2):
                 v3 = mul v0, v0
                 v4 = mul v1, v1
                 v5 = add v3, v4
                 v6 = sub v5, v2
                 v7 = le v5, v2
                 v8 = lt v6, v0
                 v9 = gt v2, v5
                 v10 = ge v6, v1
                 v11 = eq v5, v2
                 v12 = lt v0, v2
                 v13 = ge v1, v0
                 ret v7
             }",
        )
        .functions[0];
        let mut rng = RngStar::new(0x1EDE_0F00_BA11_0002);
        let mut checked = 0;
        for _ in 0..4_000 {
            let mut ranges = vec![Range::EMPTY; func.values.len()];
            for r in &mut ranges[..3] {
                *r = sample_range(&mut rng);
            }
            for &i in &func.blocks[0].insts {
                if let Some(r) = func.insts[i.index()].result {
                    ranges[r.index()] = transfer(&func.insts[i.index()].kind, &ranges);
                }
            }
            for _ in 0..16 {
                let mut values = [0i64; 14];
                for v in 0..3 {
                    values[v] = sample_in(&mut rng, ranges[v]);
                }
                let ran = func.blocks[0].insts.iter().all(|&i| {
                    let data = &func.insts[i.index()];
                    let (InstKind::Binary(op, a, b), Some(r)) = (&data.kind, data.result) else {
                        return true;
                    };
                    match ops::binary(*op, values[a.index()], values[b.index()]) {
                        Ok(x) => {
                            values[r.index()] = x;
                            true
                        }
                        Err(_) => false,
                    }
                });
                if !ran {
                    continue;
                }
                for c in 7..14 {
                    let truth = values[c] != 0;
                    let mut tree = Vec::new();
                    condition_values(func, Value(c as u32), &mut |v| tree.push(v));
                    let cond = EdgeCond::new(Value(c as u32), truth, &tree);
                    assert_eq!(cond.shallow, c >= 12, "v{c}");
                    let deep = EdgeCond {
                        shallow: false,
                        ..cond
                    };
                    for v in 0..7 {
                        let within = implied_in(func, &ranges, cond, Value(v as u32), true);
                        let looked = implied_in(func, &ranges, deep, Value(v as u32), true);
                        assert_eq!(within, looked, "v{c} for v{v}");
                        let alone = implied_in(func, &ranges, cond, Value(v as u32), false);
                        let looked = implied_in(func, &ranges, deep, Value(v as u32), false);
                        assert_eq!(alone, looked, "v{c} for v{v}, alone");
                        assert!(
                            within.lo <= values[v] && values[v] <= within.hi,
                            "v{c} is {truth}: v{v} = {} outside {within:?}; {values:?} {ranges:?}",
                            values[v]
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000, "only {checked} samples ran");
    }

    /// What [`InForce`] keeps of the facts in force on each value is what
    /// a walk through all of them finds, over random pushes and undos.
    #[test]
    fn facts_in_force_say_what_a_walk_finds() {
        let mut rng = RngStar::new(0x0FAC_75A1_D000_0003);
        for _ in 0..200 {
            let ranges: Vec<Range> = (0..6)
                .map(|_| match rng.next_u64() % 4 {
                    0 => Range::EMPTY,
                    _ => sample_range(&mut rng),
                })
                .collect();
            let mut facts = InForce::default();
            facts.reset(ranges.len(), 4);
            let mut marks = Vec::new();
            for _ in 0..60 {
                if rng.next_u64() % 4 == 0 {
                    if let Some(mark) = marks.pop() {
                        facts.undo(mark);
                    }
                    continue;
                }
                if rng.next_u64() % 3 == 0 {
                    marks.push(facts.mark());
                }
                let value = |rng: &mut RngStar| Value((rng.next_u64() % 6) as u32);
                let fact = Fact {
                    lo: value(&mut rng),
                    hi: value(&mut rng),
                    strict: rng.next_u64() % 2 == 0,
                };
                facts.push(fact, &ranges);
                let all: Vec<Fact> = facts.facts.iter().map(|l| l.fact).collect();
                for v in (0..6).map(Value) {
                    let mut want = Said::NOTHING;
                    for f in &all {
                        let (lo, hi) = (ranges[f.lo.index()], ranges[f.hi.index()]);
                        let strict = i64::from(f.strict);
                        if f.hi == v && !lo.is_empty() {
                            want.floor = want.floor.max(lo.lo.saturating_add(strict));
                            want.above = want.above.max(Some(lo.lo.saturating_sub(1 - strict)));
                        }
                        if f.lo == v && !hi.is_empty() {
                            want.ceiling = want.ceiling.min(hi.hi.saturating_sub(strict));
                        }
                    }
                    let said = facts.said(v);
                    assert_eq!(
                        (said.floor, said.above, said.ceiling),
                        (want.floor, want.above, want.ceiling)
                    );
                    for n in (0..6).map(Value) {
                        let strict = all.iter().any(|f| f.lo == v && f.hi == n && f.strict);
                        assert_eq!(facts.has_strict(v, n), strict);
                    }
                }
            }
        }
    }

    /// Whenever the pass would drop a check, the checked operation indeed
    /// cannot overflow for any values in the intervals (sampled).
    #[test]
    fn dropped_checks_never_fire() {
        let mut rng = RngStar::new(0xDEAD_BEEF_CAFE_F00D);
        for _ in 0..20_000 {
            let (ra, rb) = (sample_range(&mut rng), sample_range(&mut rng));
            for op in [BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Shl] {
                let safe = exact_bounds(op, ra, rb).is_some_and(|(lo, hi)| Range::fits(lo, hi));
                if !safe {
                    continue;
                }
                for _ in 0..8 {
                    let (a, b) = (sample_in(&mut rng, ra), sample_in(&mut rng, rb));
                    assert!(
                        ops::binary(op, a, b).is_ok(),
                        "{op:?} {a} {b} traps but {ra:?} {rb:?} said safe"
                    );
                }
            }
        }
    }

    /// Runs `func` of `text` on the interpreter for each bytes argument and
    /// the given integer, as text (result or exception with message).
    fn outcomes(module: &crate::ir::Module, inputs: &[(&[u8], i64)]) -> Vec<alloc::string::String> {
        use crate::call::{Arg, NoHost};
        use crate::interp::Interpreter;
        let mut interp = Interpreter::new(module);
        inputs
            .iter()
            .map(|(bytes, k)| {
                let mut args = [Arg::Bytes(bytes), Arg::Int(*k)];
                match interp.call(crate::ir::FuncId(0), &mut args, &mut NoHost) {
                    Ok(v) => alloc::format!("{v:?}"),
                    Err(e) => alloc::format!("{e}"),
                }
            })
            .collect()
    }

    /// Runs the pass on `text`; returns how many checks are left, after
    /// checking that every input gives the same outcome before and after.
    fn checks_left(text: &str) -> usize {
        let before = parse(text);
        let mut after = before.clone();
        run(&mut after.functions[0]);
        crate::ir::verify::verify(&after).unwrap();
        let inputs: [(&[u8], i64); 7] = [
            (b"", 0),
            (b"a", 0),
            (b"abc", 1),
            (b"hello", -1),
            (b"hello", 5),
            (b"\xff\x00\x10", -4),
            (b"xyzw", 3),
        ];
        assert_eq!(
            outcomes(&before, &inputs),
            outcomes(&after, &inputs),
            "{}",
            after
        );
        after.functions[0]
            .insts
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                matches!(d.kind, InstKind::CheckIndex(..) | InstKind::CheckByte(..))
                    && after.functions[0].layout.iter().any(|b| {
                        after.functions[0].blocks[b.index()]
                            .insts
                            .contains(&Inst::new(*i))
                    })
            })
            .count()
    }

    /// `for i in range(len(x)): s += x[i]`, rotated: the index is below the
    /// length in the body, and never negative.
    #[test]
    fn a_counting_loop_over_a_buffer_needs_no_check() {
        let text = "function sum(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 0
    v4 = const 1
    v5 = lt v3, v1
    br v5, block1(v3, v3), block2(v3)
block1(v6, v7):
    v11 = check_index.bytes.from_end v6, v1
    v12 = load.bytes v0, v11
    v13 = add v7, v12
    v14 = add.wrap v6, v4
    v15 = lt v14, v1
    br v15, block1(v14, v13), block2(v13)
block2(v16):
    ret v16
}
";
        assert_eq!(checks_left(text), 0);
        // The same loop running one step too far keeps its check.
        let too_far = text
            .replace("v15 = lt v14, v1", "v15 = le v14, v1")
            .replace("v5 = lt v3, v1", "v5 = le v3, v1");
        assert_eq!(checks_left(&too_far), 1);
    }

    #[test]
    fn a_counter_grows_to_its_loop_test_at_once() {
        // `for i in range(100): if i * i >= n: break`: the counter is in
        // [0, 99] (widening it to the end of the range lost its lower
        // bound through the wrapping `+ 1`), so `i * i` cannot overflow.
        let text = "function f {
block0(v0):
    v1 = const 100
    v3 = const 0
    v6 = const 1
    jump block1(v3)
block1(v2):
    v4 = mul v2, v2
    v5 = ge v4, v0
    br v5, block3, block2
block2:
    v7 = add.wrap v2, v6
    v8 = lt v7, v1
    br v8, block1(v7), block3
block3:
    ret v2
}
";
        let mut module = parse(text);
        assert!(run(&mut module.functions[0]));
        let after = alloc::string::ToString::to_string(&module);
        assert!(after.contains("v4 = mul.wrap v2, v2"), "{after}");
        let ranges = analyze(&module.functions[0], &ParamBounds::default());
        assert_eq!((ranges[2].lo, ranges[2].hi), (0, 99));
    }

    /// Five ways into one block, passing 1 to 5: without a loop one sweep
    /// in order joins them exactly (no widening), and `p < 6` is decided.
    #[test]
    fn a_join_of_many_edges_outside_loops_is_exact() {
        let mut text = alloc::string::String::from("function f {\nblock0(v0):\n");
        for k in 1..=5 {
            text += &alloc::format!("    v{k} = const {k}\n");
        }
        text += "    v6 = const 6\n    jump block1\n";
        for k in 1..=4 {
            text += &alloc::format!(
                "block{k}:\n    v{c} = eq v0, v{k}\n    br v{c}, block9(v{k}), block{next}\n",
                c = 10 + k,
                next = k + 1
            );
        }
        text +=
            "block5:\n    jump block9(v5)\nblock9(v20):\n    v21 = lt v20, v6\n    ret v21\n}\n";
        let mut module = parse(&text);
        run(&mut module.functions[0]);
        let after = alloc::string::ToString::to_string(&module);
        assert!(after.contains("v21 = const 1"), "{after}");
    }

    /// `x[k & 3]`, `x[-1 - (k & 3)]` and `x[k]`, each counting a negative
    /// index from the end: the first index is never negative (a plain
    /// check), the second always (`add.wrap` of the length, then a plain
    /// check), the third may be either and keeps its check as it is.
    #[test]
    fn an_index_is_counted_from_the_end_only_where_it_may_be_negative() {
        let text = "function f(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 3
    v4 = const -1
    v5 = and v2, v3
    v6 = check_index.bytes.from_end v5, v1
    v7 = load.bytes v0, v6
    v8 = sub v4, v5
    v9 = check_index.bytes.from_end v8, v1
    v10 = load.bytes v0, v9
    v11 = check_index.bytes.from_end v2, v1
    v12 = load.bytes v0, v11
    v13 = add v7, v10
    v14 = add v13, v12
    ret v14
}
";
        assert_eq!(checks_left(text), 3);
        let mut module = parse(text);
        run(&mut module.functions[0]);
        let after = alloc::string::ToString::to_string(&module);
        for line in [
            "v6 = check_index.bytes v5, v1",
            "v15 = add.wrap v8, v1\n    v9 = check_index.bytes v15, v1",
            "v11 = check_index.bytes.from_end v2, v1",
        ] {
            assert!(after.contains(line), "{line}\n{after}");
        }
    }

    /// `if len(x) >= 4: return x[3]`; and `x[k]` with an unknown `k`, twice:
    /// the second check is dominated by the first.
    #[test]
    fn a_length_test_and_an_earlier_check_prove_an_index() {
        let text = "function f(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 4
    v4 = const 3
    v5 = ge v1, v3
    br v5, block1, block2
block1:
    v6 = check_index.bytes v4, v1
    v7 = load.bytes v0, v6
    ret v7
block2:
    v8 = check_index.bytes v2, v1
    v9 = load.bytes v0, v8
    v10 = check_index.bytes v2, v1
    v11 = load.bytes v0, v10
    v12 = add v9, v11
    ret v12
}
";
        assert_eq!(checks_left(text), 1);
        // Without the test, index 3 needs its check.
        assert_eq!(
            checks_left(&text.replace("v5 = ge v1, v3", "v5 = ge v2, v3")),
            2
        );
    }

    /// A byte proven by a mask needs no check; a wider mask does.
    #[test]
    fn a_masked_value_is_a_byte() {
        let text = "function f(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 255
    v4 = and v2, v3
    v5 = check_byte v4
    ret v5
}
";
        assert_eq!(checks_left(text), 0);
        assert_eq!(checks_left(&text.replace("const 255", "const 511")), 1);
    }

    /// `for j in range(k, len(x), 3)` as the lowering makes it (the step
    /// is tested through the distance left): the counter stays in range.
    #[test]
    fn a_strided_loop_over_a_buffer_needs_no_check() {
        let text = "function f(bytes, int) -> int {
block0(v0, v1, v2):
    v3 = const 3
    v4 = const 0
    v16 = const 7
    v5 = and v2, v16
    v6 = lt v5, v1
    br v6, block1(v5, v4), block2(v4)
block1(v7, v8):
    v9 = check_index.bytes v7, v1
    v10 = load.bytes v0, v9
    v11 = add v8, v10
    v12 = sub.wrap v1, v7
    v13 = ugt v12, v3
    v14 = add.wrap v7, v3
    br v13, block1(v14, v11), block2(v11)
block2(v15):
    ret v15
}
";
        assert_eq!(checks_left(text), 0);
        // Tested against another bound, the step proves nothing.
        assert_eq!(
            checks_left(&text.replace("v12 = sub.wrap v1, v7", "v12 = sub.wrap v2, v7")),
            1
        );
    }

    /// The intervals `ranges` keeps are its analysis's answers, and only
    /// for the values it evaluated: a value it did not need, one made
    /// later, or any after `forget`, makes a pass compute its own.
    #[test]
    fn kept_intervals_cover_only_what_the_analysis_evaluated() {
        let mut module = parse(
            "function f(int) -> int {
block0(v0):
    v1 = const 255
    v2 = and v0, v1
    v3 = const 10
    v4 = floordiv v2, v3
    v5 = mul v0, v4
    ret v5
}
",
        );
        let func = &mut module.functions[0];
        let mut kept = Kept::default();
        run_keeping(func, &mut Cfg::default(), &mut kept, &mut Tables::default());
        let none = Kept::default();
        let fresh = intervals_of(func, &mut Cfg::default(), &none, &[Value(2)]);
        let covered = kept.covering(&[Value(2), Value(0)]).expect("evaluated");
        assert_eq!(covered[2], Range { lo: 0, hi: 255 });
        assert_eq!(covered[2], fresh[2]);
        // The product's operands are needed; a result nothing decides by,
        // or a value made after, is not.
        assert!(kept.covering(&[Value(4)]).is_some());
        assert!(kept.covering(&[Value(5)]).is_none());
        assert!(kept.covering(&[Value(2), Value(6)]).is_none());
        assert!(kept.covering(&[]).is_none());
        kept.forget();
        assert!(kept.covering(&[Value(2)]).is_none());
    }
}
