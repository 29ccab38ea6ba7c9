//! Range facts: computes an interval for every value and drops overflow
//! checks that the intervals prove can never fire.
//!
//! Needs: a verified function. Keeps: every result and exception: only
//! `add`, `sub`, `mul` and `shl` whose result is proven to fit in 64 bits
//! (and, for `shl`, whose count is proven to lie in 0..=63) become their
//! `.wrap` forms, which compute the same value without the check.
//!
//! The analysis is an abstract interpretation over intervals: blocks in
//! reverse postorder, a block parameter taking the union of the intervals
//! its arguments have so far, repeated until nothing changes. A parameter
//! whose interval keeps growing is widened to the whole range after a few
//! rounds, so loops converge quickly; a few rounds of narrowing then take
//! back what widening lost where something inside the loop bounds the
//! values (`x & mask`, `x % d`). Branch conditions are not used to narrow
//! intervals (yet).

use crate::ir::{dom, BinaryOp, Block, Function, Inst, InstKind, UnaryOp, Value, ValueDef};
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
}

/// Rounds of growth a block parameter may have before it is widened.
const WIDEN_AFTER: u32 = 2;

/// Rounds after which the analysis gives up (it never needs that many).
const MAX_ROUNDS: u32 = 100;

/// A step that has not run yet.
const NEVER: u32 = u32::MAX;

/// One step of a round of the analysis, in the order of the sweep.
#[derive(Clone, Copy)]
enum Step {
    /// Evaluate instruction `inst`, whose result is `result`.
    Eval(Inst, Value),
    /// A jump passes `arg` to the block parameter `param`.
    Flow(Value, Value),
    /// Narrowing: the parameter becomes the union of all its arguments.
    Join(Value),
}

/// The interval of every value that can decide whether a checked `add`,
/// `sub`, `mul` or `shl` overflows ([`Range::EMPTY`] for the others and
/// for values not reached).
///
/// Only those values (the operands of the checked operations and,
/// transitively, what their intervals are computed from) are evaluated:
/// an interval depends on nothing else, so each comes out exactly as if
/// every value had been.
pub fn analyze(func: &Function) -> Vec<Range> {
    let order = dom::reverse_postorder(func);
    let n = func.values.len();
    // The arguments flowing into each parameter: `incoming[start[p]..start[p + 1]]`.
    let mut start = vec![0u32; n + 1];
    for &b in &order {
        for_each_flow(func, b, |_, param| start[param.index() + 1] += 1);
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut incoming = vec![Value(0); start[n] as usize];
    for &b in &order {
        for_each_flow(func, b, |arg, param| {
            incoming[fill[param.index()] as usize] = arg;
            fill[param.index()] += 1;
        });
    }
    let needed = needed_values(func, &order, &start, &incoming);

    // The sweep over the needed values, and the narrowing's.
    let mut steps = Vec::new();
    let mut narrowing = Vec::new();
    for &b in &order {
        for &p in &func.blocks[b.index()].params {
            if needed[p.index()] && start[p.index()] < start[p.index() + 1] {
                narrowing.push(Step::Join(p));
            }
        }
        for &inst in &func.blocks[b.index()].insts {
            if let Some(r) = func.insts[inst.index()].result {
                if needed[r.index()] {
                    steps.push(Step::Eval(inst, r));
                    narrowing.push(Step::Eval(inst, r));
                }
            }
        }
        for_each_flow(func, b, |arg, param| {
            if needed[param.index()] {
                steps.push(Step::Flow(arg, param));
            }
        });
    }

    let mut ranges = vec![Range::EMPTY; n];
    let mut growth = vec![0u32; n];
    for &p in func.params() {
        ranges[p.index()] = Range::FULL;
    }
    let mut changed = true;
    let mut rounds = 0;
    while changed {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            // Widening bounds the growth, so this is only a guard: without
            // a fixed point no interval is trustworthy.
            return vec![Range::FULL; n];
        }
        changed = false;
        for &step in &steps {
            match step {
                Step::Eval(inst, r) => {
                    let new = transfer(&func.insts[inst.index()].kind, &ranges);
                    if ranges[r.index()] != new {
                        ranges[r.index()] = new;
                        changed = true;
                    }
                }
                Step::Join(_) => {}
                Step::Flow(arg, param) => {
                    let incoming = ranges[arg.index()];
                    if incoming.is_empty() {
                        continue;
                    }
                    let old = ranges[param.index()];
                    let mut new = old.union(incoming);
                    if !old.is_empty() && old != new {
                        growth[param.index()] += 1;
                        if growth[param.index()] > WIDEN_AFTER {
                            new = Range::FULL;
                        }
                    }
                    if old != new {
                        ranges[param.index()] = new;
                        changed = true;
                    }
                }
            }
        }
    }
    narrow(func, &narrowing, &start, &incoming, &mut ranges);
    ranges
}

/// Calls `f(arg, param)` for each argument the terminator of `block`
/// passes to a parameter, in order.
fn for_each_flow(func: &Function, block: Block, mut f: impl FnMut(Value, Value)) {
    let Some(term) = func.terminator(block) else {
        return;
    };
    for dest in func.insts[term.index()].kind.successors() {
        let params = &func.blocks[dest.block.index()].params;
        for (&arg, &param) in dest.args.iter().zip(params) {
            f(arg, param);
        }
    }
}

/// Which values the intervals of the operands of checked `add`, `sub`,
/// `mul` and `shl` (in the blocks of `order`) are computed from,
/// themselves included.
fn needed_values(func: &Function, order: &[Block], start: &[u32], incoming: &[Value]) -> Vec<bool> {
    let mut needed = vec![false; func.values.len()];
    let mut stack = Vec::new();
    let mut need = |v: Value, stack: &mut Vec<Value>| {
        if !needed[v.index()] {
            needed[v.index()] = true;
            stack.push(v);
        }
    };
    for &b in order {
        for &inst in &func.blocks[b.index()].insts {
            if let InstKind::Binary(
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Shl,
                a,
                bv,
            ) = func.insts[inst.index()].kind
            {
                need(a, &mut stack);
                need(bv, &mut stack);
            }
        }
    }
    while let Some(v) = stack.pop() {
        match func.values[v.index()] {
            ValueDef::Param(..) => {
                let args = &incoming[start[v.index()] as usize..start[v.index() + 1] as usize];
                for &arg in args {
                    need(arg, &mut stack);
                }
            }
            ValueDef::Result(inst) => match func.insts[inst.index()].kind {
                InstKind::Unary(_, a) => need(a, &mut stack),
                InstKind::Binary(_, a, b) | InstKind::Select(_, a, b) => {
                    need(a, &mut stack);
                    need(b, &mut stack);
                }
                _ => {}
            },
            ValueDef::Unused => {}
        }
    }
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
    start: &[u32],
    incoming: &[Value],
    ranges: &mut [Range],
) {
    // `tick` counts the changes; `changed_at` is the tick of each value's
    // last change, `ran_at` the tick when each step last ran (0 for the
    // fixed point, [`NEVER`] for a parameter not recomputed yet).
    let mut tick = 0u32;
    let mut changed_at = vec![0u32; ranges.len()];
    let mut ran_at: Vec<u32> = steps
        .iter()
        .map(|s| if let Step::Join(_) = s { NEVER } else { 0 })
        .collect();
    for _ in 0..NARROW_ROUNDS {
        for (&step, ran) in steps.iter().zip(&mut ran_at) {
            let since = *ran;
            let fresh = |v: &Value| since == NEVER || changed_at[v.index()] > since;
            let (v, new) = match step {
                Step::Join(p) => {
                    let args = &incoming[start[p.index()] as usize..start[p.index() + 1] as usize];
                    if !args.iter().any(fresh) {
                        continue;
                    }
                    let union = args
                        .iter()
                        .map(|a| ranges[a.index()].or_full())
                        .reduce(Range::union);
                    let Some(union) = union else {
                        continue;
                    };
                    (p, union)
                }
                Step::Eval(inst, r) => {
                    let kind = &func.insts[inst.index()].kind;
                    let stale = match kind {
                        InstKind::Unary(_, a) => fresh(a),
                        InstKind::Binary(_, a, b) | InstKind::Select(_, a, b) => {
                            fresh(a) || fresh(b)
                        }
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
        InstKind::Binary(op, a, b) => binary(*op, get(a), get(b)),
        InstKind::Select(_, x, y) => get(x).union(get(y)),
        _ => Range::FULL,
    }
}

/// The exact bounds of `a op b` over the intervals, where that is simple;
/// `None` when not.
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
    if let Some((lo, hi)) = exact_bounds(op, a, b) {
        return Range::from_wide(lo, hi);
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
        _ if op.is_comparison() => Range { lo: 0, hi: 1 },
        _ => Range::FULL,
    }
}

/// Replaces checked arithmetic that cannot overflow by its `.wrap` form;
/// whether anything changed.
pub fn run(func: &mut Function) -> bool {
    let ranges = analyze(func);
    let mut changed = false;
    for b in func.layout.clone() {
        for &inst in &func.blocks[b.index()].insts {
            let InstKind::Binary(op, a, bv) = func.insts[inst.index()].kind else {
                continue;
            };
            let wrap = match op {
                BinaryOp::Add => BinaryOp::AddWrap,
                BinaryOp::Sub => BinaryOp::SubWrap,
                BinaryOp::Mul => BinaryOp::MulWrap,
                BinaryOp::Shl => BinaryOp::ShlWrap,
                _ => continue,
            };
            let (ra, rb) = (ranges[a.index()], ranges[bv.index()]);
            if ra.is_empty() || rb.is_empty() {
                continue;
            }
            if exact_bounds(op, ra, rb).is_some_and(|(lo, hi)| Range::fits(lo, hi)) {
                func.insts[inst.index()].kind = InstKind::Binary(wrap, a, bv);
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops;

    /// xorshift64*, for reproducible samples.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn sample_range(state: &mut u64) -> Range {
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
        let pick = |s: &mut u64| match next(s) % 3 {
            0 => edges[(next(s) % edges.len() as u64) as usize],
            1 => (next(s) % 200) as i64 - 100,
            _ => next(s) as i64 >> (next(s) % 64),
        };
        let (a, b) = (pick(state), pick(state));
        Range {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    fn sample_in(state: &mut u64, r: Range) -> i64 {
        let width = (r.hi as i128 - r.lo as i128) as u128 + 1;
        match next(state) % 4 {
            0 => r.lo,
            1 => r.hi,
            _ => (r.lo as i128 + (next(state) as u128 % width) as i128) as i64,
        }
    }

    /// Every concrete result of an operation on values inside the input
    /// intervals lies inside the computed interval.
    #[test]
    fn transfer_functions_are_sound() {
        let mut state = 0x1234_5678_9ABC_DEF1;
        for _ in 0..20_000 {
            let (ra, rb) = (sample_range(&mut state), sample_range(&mut state));
            for op in BinaryOp::ALL {
                let out = binary(op, ra, rb);
                for _ in 0..4 {
                    let (a, b) = (sample_in(&mut state, ra), sample_in(&mut state, rb));
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
                let a = sample_in(&mut state, ra);
                if let Ok(v) = ops::unary(op, a) {
                    assert!(
                        out.lo <= v && v <= out.hi,
                        "{op:?} {a} = {v} outside {out:?}"
                    );
                }
            }
        }
    }

    /// Whenever the pass would drop a check, the checked operation indeed
    /// cannot overflow for any values in the intervals (sampled).
    #[test]
    fn dropped_checks_never_fire() {
        let mut state = 0xDEAD_BEEF_CAFE_F00D;
        for _ in 0..20_000 {
            let (ra, rb) = (sample_range(&mut state), sample_range(&mut state));
            for op in [BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Shl] {
                let safe = exact_bounds(op, ra, rb).is_some_and(|(lo, hi)| Range::fits(lo, hi));
                if !safe {
                    continue;
                }
                for _ in 0..8 {
                    let (a, b) = (sample_in(&mut state, ra), sample_in(&mut state, rb));
                    assert!(
                        ops::binary(op, a, b).is_ok(),
                        "{op:?} {a} {b} traps but {ra:?} {rb:?} said safe"
                    );
                }
            }
        }
    }
}
