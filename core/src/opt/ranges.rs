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

use crate::ir::{dom, BinaryOp, Function, InstKind, UnaryOp, Value};
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

/// The interval of every value (`None` for values not reached).
pub fn analyze(func: &Function) -> Vec<Option<Range>> {
    let order = dom::reverse_postorder(func);
    let mut ranges: Vec<Option<Range>> = vec![None; func.values.len()];
    let mut growth = vec![0u32; func.values.len()];
    for &p in func.params() {
        ranges[p.index()] = Some(Range::FULL);
    }
    let mut changed = true;
    let mut rounds = 0;
    while changed {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            // Widening bounds the growth, so this is only a guard: without
            // a fixed point no interval is trustworthy.
            return vec![Some(Range::FULL); func.values.len()];
        }
        changed = false;
        for &b in &order {
            for &inst in &func.blocks[b.index()].insts {
                let data = &func.insts[inst.index()];
                if let Some(r) = data.result {
                    let new = transfer(&data.kind, &ranges);
                    if ranges[r.index()] != Some(new) {
                        ranges[r.index()] = Some(new);
                        changed = true;
                    }
                }
                for dest in data.kind.successors() {
                    let params = &func.blocks[dest.block.index()].params;
                    for (&arg, &param) in dest.args.iter().zip(params) {
                        let Some(incoming) = ranges[arg.index()] else {
                            continue;
                        };
                        let old = ranges[param.index()];
                        let mut new = old.map_or(incoming, |o| o.union(incoming));
                        if old.is_some_and(|o| o != new) {
                            growth[param.index()] += 1;
                            if growth[param.index()] > WIDEN_AFTER {
                                new = Range::FULL;
                            }
                        }
                        if old != Some(new) {
                            ranges[param.index()] = Some(new);
                            changed = true;
                        }
                    }
                }
            }
        }
    }
    narrow(func, &order, &mut ranges);
    ranges
}

/// Rounds of narrowing after the widened fixed point.
const NARROW_ROUNDS: u32 = 2;

/// Narrowing: recomputes every parameter as the union of what its
/// arguments are now (rather than growing it), then every result. Each
/// round keeps the intervals sound and takes back what widening gave away
/// where a loop's values are bounded by something inside the loop (a mask,
/// a modulo).
fn narrow(func: &Function, order: &[crate::ir::Block], ranges: &mut [Option<Range>]) {
    let mut incoming: Vec<Vec<Value>> = vec![Vec::new(); func.values.len()];
    for &b in order {
        if let Some(term) = func.terminator(b) {
            for dest in func.insts[term.index()].kind.successors() {
                let params = &func.blocks[dest.block.index()].params;
                for (&arg, &param) in dest.args.iter().zip(params) {
                    incoming[param.index()].push(arg);
                }
            }
        }
    }
    for _ in 0..NARROW_ROUNDS {
        for &b in order {
            for &p in &func.blocks[b.index()].params {
                let args = &incoming[p.index()];
                if args.is_empty() {
                    continue;
                }
                let union = args
                    .iter()
                    .map(|a| ranges[a.index()].unwrap_or(Range::FULL))
                    .reduce(Range::union);
                ranges[p.index()] = union;
            }
            for &inst in &func.blocks[b.index()].insts {
                let data = &func.insts[inst.index()];
                if let Some(r) = data.result {
                    ranges[r.index()] = Some(transfer(&data.kind, ranges));
                }
            }
        }
    }
}

/// The interval of an instruction's result from its operands' intervals.
fn transfer(kind: &InstKind, ranges: &[Option<Range>]) -> Range {
    let get = |v: &Value| ranges[v.index()].unwrap_or(Range::FULL);
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
        BinaryOp::Eq
        | BinaryOp::Ne
        | BinaryOp::Lt
        | BinaryOp::Le
        | BinaryOp::Gt
        | BinaryOp::Ge
        | BinaryOp::Ult
        | BinaryOp::Ugt => Range { lo: 0, hi: 1 },
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
            let (Some(ra), Some(rb)) = (ranges[a.index()], ranges[bv.index()]) else {
                continue;
            };
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
                let out = transfer(&InstKind::Unary(op, Value(0)), &[Some(ra)]);
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
