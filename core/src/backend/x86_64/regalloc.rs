//! Register allocation by linear scan over live intervals.
//!
//! Needs: the intervals of [`super::liveness`], the registers each
//! instruction clobbers and register hints from [`super::isel`]. Gives: a
//! [`Loc`] for every value: a register for its whole life, or, under
//! pressure, a stack slot (the interval that ends last is the one spilled).
//!
//! An interval that lives across an instruction never gets a register that
//! instruction clobbers; so values live across calls end up in callee-saved
//! registers (or slots), and values live across a division stay out of rax
//! and rdx. Hints steer values into the registers they are wanted in (call
//! arguments, return values, the register of the block argument a parameter
//! receives) so that moves disappear.

use super::abi::{RegSet, ALLOCATABLE, CALLEE_SAVED};
use super::liveness::Interval;
use super::regs::Reg;
use crate::ir::Value;
use alloc::vec::Vec;

/// Where a value lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// Nowhere: the value is never read (or folded into its user).
    None,
    /// In a register for its whole life.
    Reg(Reg),
    /// In stack slot `n` of the frame.
    Stack(u32),
    /// A constant, materialized where it is used.
    Imm(i64),
}

/// The allocator's input besides the intervals.
#[derive(Default)]
pub struct Constraints {
    /// `(position, registers)` for every instruction that clobbers
    /// registers, sorted by position.
    pub clobbers: Vec<(u32, RegSet)>,
    /// Per value: a register it would like.
    pub hints: Vec<Option<Reg>>,
    /// Per value: values it would like to share a register with (block
    /// arguments and the parameters they bind).
    pub affinity: Affinity,
}

/// For every value, the values it would like to share a register with, in
/// the order the pairs were given: all the lists in one shared table.
#[derive(Default)]
pub struct Affinity {
    /// `partners[first[v]..first[v + 1]]` are the partners of value `v`.
    first: Vec<u32>,
    partners: Vec<Value>,
}

impl Affinity {
    /// The affinities of `n` values, from pairs `(v, partner)`.
    pub fn from_pairs(n: usize, pairs: &[(Value, Value)]) -> Affinity {
        let mut affinity = Affinity::default();
        affinity.rebuild(n, pairs);
        affinity
    }

    /// Replaces the affinities with those of `n` values from `pairs`,
    /// keeping the buffers.
    pub fn rebuild(&mut self, n: usize, pairs: &[(Value, Value)]) {
        let Affinity { first, partners } = self;
        first.clear();
        partners.clear();
        if pairs.is_empty() {
            return;
        }
        // A stable counting sort by value: count each value's partners in
        // `first[v + 1]`, turn the counts into starts, place the partners
        // (advancing `first[v]` to v's end, which is v + 1's start), then
        // shift the starts back into place.
        first.resize(n + 1, 0);
        for (v, _) in pairs {
            first[v.index() + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        partners.resize(pairs.len(), Value(0));
        for &(v, partner) in pairs {
            partners[first[v.index()] as usize] = partner;
            first[v.index()] += 1;
        }
        first.copy_within(0..n, 1);
        first[0] = 0;
    }

    /// Makes room for `values` values and as many pairs.
    pub fn reserve(&mut self, values: usize) {
        self.first.reserve(values + 1);
        self.partners.reserve(values);
    }

    /// The partners of `v`, in the order given.
    pub fn of(&self, v: Value) -> &[Value] {
        match (self.first.get(v.index()), self.first.get(v.index() + 1)) {
            (Some(&start), Some(&end)) => &self.partners[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The result of allocation.
pub struct Allocation {
    /// Per value.
    pub locs: Vec<Loc>,
    /// Number of stack slots used.
    pub slots: u32,
    /// Callee-saved registers handed out (the prologue saves them).
    pub callee_saved: RegSet,
}

/// Allocates registers for `intervals` (sorted by start). Values with no
/// interval keep the location already in `locs`.
pub fn allocate(
    intervals: &[Interval],
    constraints: &Constraints,
    mut locs: Vec<Loc>,
) -> Allocation {
    // The intervals holding a register at the current start; never more
    // than there are registers.
    let mut active: Vec<(Interval, Reg)> = Vec::with_capacity(ALLOCATABLE.len() + 1);
    let mut in_use = RegSet::EMPTY;
    // The earliest end among the active intervals: nothing expires before.
    let mut first_end = u32::MAX;
    // Clobbers at or before the current start, which no later interval
    // (starting no earlier) can contain.
    let mut clobbers_passed = 0;
    // Per slot: the end of the last interval that used it.
    let mut slot_busy_until: Vec<Option<u32>> = Vec::new();
    // Every register handed out stays someone's to the end (a spilled
    // interval's register goes to the interval that displaced it), so
    // these are the registers of the final locations.
    let mut handed_out = RegSet::EMPTY;
    for &iv in intervals {
        if first_end < iv.start {
            // Drop the expired intervals, gathering what the rest hold.
            in_use = RegSet::EMPTY;
            first_end = u32::MAX;
            active.retain(|(a, r)| {
                let live = a.end >= iv.start;
                if live {
                    in_use.insert(*r);
                    first_end = first_end.min(a.end);
                }
                live
            });
        }
        let clobbers = &constraints.clobbers;
        while clobbers
            .get(clobbers_passed)
            .is_some_and(|(p, _)| *p <= iv.start)
        {
            clobbers_passed += 1;
        }
        let forbidden = forbidden_inside(&iv, &clobbers[clobbers_passed..]);
        let blocked = forbidden.union(in_use);
        let free = |r: &Reg| !blocked.contains(*r);
        let reg = match constraints.hints[iv.value.index()] {
            Some(hint) if free(&hint) => Some(hint),
            _ => partner_regs(iv.value, constraints, &locs)
                .find(free)
                .or_else(|| ALLOCATABLE.iter().copied().find(free)),
        };
        if let Some(reg) = reg {
            locs[iv.value.index()] = Loc::Reg(reg);
            active.push((iv, reg));
            in_use.insert(reg);
            first_end = first_end.min(iv.end);
            handed_out.insert(reg);
            continue;
        }
        // Spill whichever interval ends last, of those whose register this
        // one could use.
        let victim = active
            .iter()
            .enumerate()
            .filter(|(_, (_, r))| !forbidden.contains(*r))
            .max_by_key(|(_, (a, _))| a.end)
            .map(|(i, _)| i);
        let spilled = match victim {
            Some(i) if active[i].0.end > iv.end => {
                let (victim, reg) = active.swap_remove(i);
                locs[iv.value.index()] = Loc::Reg(reg);
                active.push((iv, reg));
                // The victim ended after `iv`, so `iv` may end first now.
                first_end = first_end.min(iv.end);
                victim
            }
            _ => iv,
        };
        let slot = take_slot(&mut slot_busy_until, spilled.start, spilled.end);
        locs[spilled.value.index()] = Loc::Stack(slot);
    }
    Allocation {
        locs,
        slots: slot_busy_until.len() as u32,
        callee_saved: handed_out.intersection(RegSet::of(&CALLEE_SAVED)),
    }
}

/// Registers clobbered by an instruction strictly inside the interval (an
/// operand's last use or the result's definition may share them), given
/// the clobbers after its start.
fn forbidden_inside(iv: &Interval, clobbers: &[(u32, RegSet)]) -> RegSet {
    clobbers
        .iter()
        .take_while(|(p, _)| *p < iv.end)
        .fold(RegSet::EMPTY, |acc, (_, set)| acc.union(*set))
}

/// The registers of the values `value` has affinity with, in order (the
/// registers it would like after its hint).
fn partner_regs<'a>(
    value: Value,
    constraints: &'a Constraints,
    locs: &'a [Loc],
) -> impl Iterator<Item = Reg> + 'a {
    constraints
        .affinity
        .of(value)
        .iter()
        .filter_map(move |other| match locs[other.index()] {
            Loc::Reg(r) => Some(r),
            _ => None,
        })
}

/// A stack slot free over `[start, end]`, reusing one whose last user ended
/// before `start`.
fn take_slot(busy_until: &mut Vec<Option<u32>>, start: u32, end: u32) -> u32 {
    let slot = busy_until
        .iter()
        .position(|b| !matches!(b, Some(until) if *until >= start))
        .unwrap_or_else(|| {
            busy_until.push(None);
            busy_until.len() - 1
        });
    busy_until[slot] = Some(end);
    slot as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn iv(v: usize, start: u32, end: u32) -> Interval {
        Interval {
            value: Value::new(v),
            start,
            end,
        }
    }

    fn constraints(n: usize, clobbers: Vec<(u32, RegSet)>) -> Constraints {
        Constraints {
            clobbers,
            hints: vec![None; n],
            affinity: Affinity::default(),
        }
    }

    #[test]
    fn disjoint_intervals_share_a_register() {
        let ivs = [iv(0, 0, 4), iv(1, 5, 9)];
        let a = allocate(&ivs, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_eq!(a.locs[0], a.locs[1]);
        assert_eq!(a.slots, 0);
    }

    #[test]
    fn a_last_use_and_a_definition_at_one_instruction_may_share() {
        // v0 dies at the instruction at 4; v1 is its result at 5.
        let ivs = [iv(0, 0, 4), iv(1, 5, 8)];
        let a = allocate(&ivs, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_eq!(a.locs[0], a.locs[1]);
    }

    #[test]
    fn values_live_across_a_call_avoid_caller_saved_registers() {
        let clobber = RegSet::of(&super::super::abi::CALLER_SAVED);
        let ivs = [iv(0, 0, 20), iv(1, 1, 10)];
        let a = allocate(
            &ivs,
            &constraints(2, vec![(10, clobber)]),
            vec![Loc::None; 2],
        );
        let Loc::Reg(r0) = a.locs[0] else { panic!() };
        assert!(CALLEE_SAVED.contains(&r0));
        assert!(a.callee_saved.contains(r0));
        // v1 dies at the call: any register will do, so a caller-saved one.
        let Loc::Reg(r1) = a.locs[1] else { panic!() };
        assert!(!CALLEE_SAVED.contains(&r1));
    }

    #[test]
    fn pressure_spills_the_interval_that_ends_last() {
        let n = ALLOCATABLE.len() + 2;
        let mut ivs: Vec<Interval> = (0..n).map(|v| iv(v, v as u32, 100 + v as u32)).collect();
        ivs[0].end = 1000;
        let a = allocate(&ivs, &constraints(n, vec![]), vec![Loc::None; n]);
        assert!(matches!(a.locs[0], Loc::Stack(_)), "{:?}", a.locs[0]);
        assert!(matches!(a.locs[n - 1], Loc::Stack(_)));
        assert_ne!(
            a.locs[0],
            a.locs[n - 1],
            "overlapping spills need two slots"
        );
        assert_eq!(a.slots, 2);
        let regs = a.locs.iter().filter(|l| matches!(l, Loc::Reg(_))).count();
        assert_eq!(regs, ALLOCATABLE.len());
    }

    #[test]
    fn affinity_lists_keep_the_order_given() {
        let v = Value::new;
        let pairs = [(v(2), v(0)), (v(0), v(2)), (v(2), v(1)), (v(3), v(2))];
        let a = Affinity::from_pairs(5, &pairs);
        assert_eq!(a.of(v(0)), &[v(2)]);
        assert_eq!(a.of(v(1)), &[]);
        assert_eq!(a.of(v(2)), &[v(0), v(1)]);
        assert_eq!(a.of(v(3)), &[v(2)]);
        assert_eq!(a.of(v(4)), &[]);
        assert_eq!(Affinity::default().of(v(7)), &[]);
    }

    #[test]
    fn hints_are_followed_when_free() {
        let mut c = constraints(2, vec![]);
        c.hints[0] = Some(Reg::Rdi);
        c.hints[1] = Some(Reg::Rdi);
        let ivs = [iv(0, 0, 10), iv(1, 2, 12)];
        let a = allocate(&ivs, &c, vec![Loc::None; 2]);
        assert_eq!(a.locs[0], Loc::Reg(Reg::Rdi));
        assert_ne!(a.locs[1], Loc::Reg(Reg::Rdi));
    }
}
