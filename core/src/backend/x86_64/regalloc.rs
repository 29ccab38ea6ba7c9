//! Register allocation by linear scan over live intervals.
//!
//! Needs: the intervals of [`super::liveness`], the registers each
//! instruction clobbers and register hints from [`super::plan`]. Gives: a
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
use super::liveness::{overlap, Interval};
use super::regs::Reg;
use super::tables::MaybeValue;
use crate::ir::Value;
use alloc::vec::Vec;

/// Where a value lives.
///
/// Eight bytes, in a table by value: a constant wider than 32 bits is not
/// here but in the IR ([`super::plan::immediate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// Nowhere: the value is never read (or folded into its user).
    None,
    /// In a register for its whole life.
    Reg(Reg),
    /// In stack slot `n` of the frame.
    Stack(u32),
    /// A constant that fits in 32 bits (most do), materialized where it is
    /// used.
    Imm(i32),
    /// A wider constant, materialized where it is used.
    Imm64,
}

const _: () = assert!(core::mem::size_of::<Loc>() == 8);

impl Loc {
    /// The location of the constant `c`.
    pub fn imm(c: i64) -> Loc {
        i32::try_from(c).map_or(Loc::Imm64, Loc::Imm)
    }
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
    /// Per value: the operand whose register its instruction would write in
    /// place (x86's two-operand forms: `add a, b` leaves `a + b` in `a`'s
    /// register), if any.
    pub tied: Vec<MaybeValue>,
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

/// The allocator's buffers, kept from one function to the next so that
/// after the first they rarely allocate.
#[derive(Default)]
pub struct Allocator {
    /// The intervals holding a register that have not ended at the current
    /// start (some may be in a hole there).
    held: Vec<(Interval, Reg)>,
    /// The stack slots, and until when each is taken.
    slots: SpillSlots,
}

/// [`Allocator::allocate`] with buffers of its own.
pub fn allocate(
    intervals: &[Interval],
    ranges: &[(u32, u32)],
    constraints: &Constraints,
    locs: Vec<Loc>,
) -> Allocation {
    Allocator::default().allocate(intervals, ranges, constraints, locs)
}

/// Whether `a`, an interval holding a register that has not ended at the
/// start of `iv`, is live somewhere `iv` is (`live`, its ranges).
fn live_together(a: &Interval, iv: &Interval, live: &[(u32, u32)], ranges: &[(u32, u32)]) -> bool {
    // One range each, both started by now and not ended: they overlap;
    // otherwise compare the ranges.
    (a.count == 1 && iv.count == 1) || overlap(a.ranges(ranges), live)
}

impl Allocator {
    /// Allocates registers for `intervals` (sorted by start; their ranges
    /// in `ranges`). Values with no interval keep the location already in
    /// `locs`.
    ///
    /// Two values may share a register when their ranges do not overlap:
    /// one may live in the other's hole.
    // A stage: out of line (see the backend module doc).
    #[inline(never)]
    pub fn allocate(
        &mut self,
        intervals: &[Interval],
        ranges: &[(u32, u32)],
        constraints: &Constraints,
        mut locs: Vec<Loc>,
    ) -> Allocation {
        let Allocator { held, slots } = self;
        held.clear();
        held.reserve(ALLOCATABLE.len() + 1);
        slots.clear();
        // The earliest end among the held intervals: nothing expires before.
        let mut first_end = u32::MAX;
        // Every register handed out stays someone's to the end (a spilled
        // interval's register goes to the interval that displaced it), so
        // these are the registers of the final locations.
        let mut handed_out = RegSet::EMPTY;
        // The clobbers at or before the current start, which no interval
        // from here on can be live across (the intervals come by start).
        let mut clobbers = &constraints.clobbers[..];
        for &iv in intervals {
            let passed = clobbers.iter().take_while(|(p, _)| *p <= iv.start).count();
            clobbers = &clobbers[passed..];
            if first_end < iv.start {
                first_end = u32::MAX;
                held.retain(|(a, _)| {
                    let live = a.end >= iv.start;
                    if live {
                        first_end = first_end.min(a.end);
                    }
                    live
                });
            }
            let live = iv.ranges(ranges);
            let forbidden = forbidden_inside(live, clobbers);
            // The registers held by intervals live somewhere `iv` is.
            let mut in_use = RegSet::EMPTY;
            for (a, r) in held.iter() {
                if live_together(a, &iv, live, ranges) {
                    in_use.insert(*r);
                }
            }
            let blocked = forbidden.union(in_use);
            let free = |r: &Reg| !blocked.contains(*r);
            // The wanted register, then a partner's, the tied operand's, a
            // partner's partner's (the loop variable a new value will be
            // passed back to, through the parameter of the join between), then
            // any.
            let tied = constraints.tied.get(iv.value.index()).and_then(|t| t.get());
            let reg = match constraints.hints[iv.value.index()] {
                Some(hint) if free(&hint) => Some(hint),
                _ => partner_regs(iv.value, constraints, &locs)
                    .find(free)
                    .or_else(|| tied.and_then(|t| reg_of(locs[t.index()])).filter(free))
                    .or_else(|| second_partner_regs(iv.value, constraints, &locs).find(free))
                    .or_else(|| ALLOCATABLE.iter().copied().find(free)),
            };
            if let Some(reg) = reg {
                locs[iv.value.index()] = Loc::Reg(reg);
                held.push((iv, reg));
                first_end = first_end.min(iv.end);
                handed_out.insert(reg);
                continue;
            }
            // Spill whichever interval ends last, of those alone in the way of
            // a register this one could use: how many intervals live where
            // `iv` is hold each register, and the last one seen (counted only
            // here: most intervals find a register).
            let mut holders = [0u8; 16];
            let mut holder = [0usize; 16];
            for (i, (a, r)) in held.iter().enumerate() {
                if live_together(a, &iv, live, ranges) {
                    holders[r.hw() as usize] += 1;
                    holder[r.hw() as usize] = i;
                }
            }
            let victim = ALLOCATABLE
                .iter()
                .filter(|r| !forbidden.contains(**r) && holders[r.hw() as usize] == 1)
                .map(|r| holder[r.hw() as usize])
                .max_by_key(|&i| held[i].0.end);
            let spilled = match victim {
                Some(i) if held[i].0.end > iv.end => {
                    let (victim, reg) = held.swap_remove(i);
                    locs[iv.value.index()] = Loc::Reg(reg);
                    held.push((iv, reg));
                    // The victim ended after `iv`, so `iv` may end first now.
                    first_end = first_end.min(iv.end);
                    victim
                }
                _ => iv,
            };
            let slot = slots.take(spilled.start, spilled.end);
            locs[spilled.value.index()] = Loc::Stack(slot);
        }
        Allocation {
            locs,
            slots: slots.len,
            callee_saved: handed_out.intersection(RegSet::of(&CALLEE_SAVED)),
        }
    }
}

/// Registers clobbered by an instruction strictly inside one of the ranges
/// `live` (an operand's last use or the result's definition may share
/// them); `clobbers` sorted by position, none before the first range.
fn forbidden_inside(live: &[(u32, u32)], mut clobbers: &[(u32, RegSet)]) -> RegSet {
    let mut set = RegSet::EMPTY;
    for (k, &(start, end)) in live.iter().enumerate() {
        // The first range starts where the clobbers do; a later one
        // (after a hole) is searched for.
        if k > 0 {
            clobbers = &clobbers[clobbers.partition_point(|(p, _)| *p <= start)..];
        }
        let inside = clobbers.iter().take_while(|(p, _)| *p < end).count();
        for (_, regs) in &clobbers[..inside] {
            set = set.union(*regs);
        }
        clobbers = &clobbers[inside..];
    }
    set
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

/// The registers of the partners of `value`'s partners, in order.
fn second_partner_regs<'a>(
    value: Value,
    constraints: &'a Constraints,
    locs: &'a [Loc],
) -> impl Iterator<Item = Reg> + 'a {
    let affinity = &constraints.affinity;
    affinity
        .of(value)
        .iter()
        .flat_map(move |&p| affinity.of(p).iter())
        .filter_map(move |other| reg_of(locs[other.index()]))
}

/// The register of a location, if it is one.
fn reg_of(loc: Loc) -> Option<Reg> {
    match loc {
        Loc::Reg(r) => Some(r),
        _ => None,
    }
}

/// The stack slots of spilled values, each taken until the end of the
/// last interval given it. The lowest slot free over an interval is found
/// in a tree of the earliest such end in each run of slots, so that
/// thousands of values spilled at once (all live across a long function)
/// do not each search thousands of slots.
#[derive(Default)]
struct SpillSlots {
    /// A complete binary tree: the leaves `tree[cap..]` are the slots
    /// (`u32::MAX` for those not made yet), each inner node `i` the least
    /// of `2 * i` and `2 * i + 1`.
    tree: Vec<u32>,
    /// How many leaves there is room for (a power of two).
    cap: u32,
    /// How many slots are made.
    len: u32,
}

impl SpillSlots {
    /// A slot free over `[start, end]` (the lowest whose last user ended
    /// before `start`, or a new one), now taken until `end`.
    fn take(&mut self, start: u32, end: u32) -> u32 {
        let slot = match self.tree.get(1) {
            Some(&earliest) if earliest < start => {
                let mut i = 1;
                while i < self.cap as usize {
                    i = if self.tree[2 * i] < start {
                        2 * i
                    } else {
                        2 * i + 1
                    };
                }
                i as u32 - self.cap
            }
            _ => {
                if self.len == self.cap {
                    self.grow();
                }
                self.len += 1;
                self.len - 1
            }
        };
        let mut i = (self.cap + slot) as usize;
        self.tree[i] = end;
        while i > 1 {
            i /= 2;
            self.tree[i] = self.tree[2 * i].min(self.tree[2 * i + 1]);
        }
        slot
    }

    /// Frees every slot, keeping the room made for them.
    fn clear(&mut self) {
        if self.len > 0 {
            self.tree.fill(u32::MAX);
            self.len = 0;
        }
    }

    /// Doubles the room for leaves.
    fn grow(&mut self) {
        let cap = (2 * self.cap).max(8);
        let mut tree = alloc::vec![u32::MAX; 2 * cap as usize];
        let leaves = self.tree.get(self.cap as usize..).unwrap_or_default();
        tree[cap as usize..cap as usize + leaves.len()].copy_from_slice(leaves);
        for i in (1..cap as usize).rev() {
            tree[i] = tree[2 * i].min(tree[2 * i + 1]);
        }
        (self.tree, self.cap) = (tree, cap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn a_spilled_value_takes_the_lowest_free_slot() {
        let mut rng = crate::test_fixtures::Rng::new(7);
        let mut slots = SpillSlots::default();
        // The same choice made by a search of every slot.
        let mut until: Vec<u32> = Vec::new();
        for _ in 0..3000 {
            let start = (rng.next_u64() % 500) as u32;
            let end = start + (rng.next_u64() % 100) as u32;
            let want = until.iter().position(|&u| u < start).unwrap_or(until.len());
            if want == until.len() {
                until.push(0);
            }
            until[want] = end;
            assert_eq!(slots.take(start, end), want as u32);
        }
        assert_eq!(slots.len as usize, until.len());
        assert!(until.len() > 8, "the slots grew past the first room");
    }

    /// Intervals of one range each, and their ranges table.
    fn whole(spans: &[(usize, u32, u32)]) -> (Vec<Interval>, Vec<(u32, u32)>) {
        let ivs = spans
            .iter()
            .enumerate()
            .map(|(i, &(v, start, end))| Interval::whole(Value::new(v), start, end, i as u32))
            .collect();
        (ivs, spans.iter().map(|&(_, s, e)| (s, e)).collect())
    }

    fn constraints(n: usize, clobbers: Vec<(u32, RegSet)>) -> Constraints {
        Constraints {
            clobbers,
            hints: vec![None; n],
            affinity: Affinity::default(),
            tied: vec![MaybeValue::NONE; n],
        }
    }

    #[test]
    fn disjoint_intervals_share_a_register() {
        let (ivs, ranges) = whole(&[(0, 0, 4), (1, 5, 9)]);
        let a = allocate(&ivs, &ranges, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_eq!(a.locs[0], a.locs[1]);
        assert_eq!(a.slots, 0);
    }

    #[test]
    fn a_last_use_and_a_definition_at_one_instruction_may_share() {
        // v0 dies at the instruction at 4; v1 is its result at 5.
        let (ivs, ranges) = whole(&[(0, 0, 4), (1, 5, 8)]);
        let a = allocate(&ivs, &ranges, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_eq!(a.locs[0], a.locs[1]);
    }

    #[test]
    fn values_live_across_a_call_avoid_caller_saved_registers() {
        let clobber = RegSet::of(&super::super::abi::CALLER_SAVED);
        let (ivs, ranges) = whole(&[(0, 0, 20), (1, 1, 10)]);
        let a = allocate(
            &ivs,
            &ranges,
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
        let spans: Vec<(usize, u32, u32)> = (0..n)
            .map(|v| (v, v as u32, if v == 0 { 1000 } else { 100 + v as u32 }))
            .collect();
        let (ivs, ranges) = whole(&spans);
        let a = allocate(&ivs, &ranges, &constraints(n, vec![]), vec![Loc::None; n]);
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
        let (ivs, ranges) = whole(&[(0, 0, 10), (1, 2, 12)]);
        let a = allocate(&ivs, &ranges, &c, vec![Loc::None; 2]);
        assert_eq!(a.locs[0], Loc::Reg(Reg::Rdi));
        assert_ne!(a.locs[1], Loc::Reg(Reg::Rdi));
    }

    #[test]
    fn a_value_may_live_in_another_ones_hole() {
        // v0 lives in [0, 10] and [30, 40]; v1 in [12, 28], its hole.
        let v = Value::new;
        let ranges = [(0, 10), (30, 40), (12, 28)];
        let ivs = [
            Interval {
                value: v(0),
                start: 0,
                end: 40,
                first: 0,
                count: 2,
            },
            Interval::whole(v(1), 12, 28, 2),
        ];
        let a = allocate(&ivs, &ranges, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_eq!(a.locs[0], a.locs[1]);
        // A clobber in the hole does not keep v0 out of a register.
        let clobber = RegSet::of(&super::super::abi::CALLER_SAVED);
        let a = allocate(
            &ivs[..1],
            &ranges,
            &constraints(1, vec![(20, clobber)]),
            vec![Loc::None; 1],
        );
        let Loc::Reg(r0) = a.locs[0] else { panic!() };
        assert!(!CALLEE_SAVED.contains(&r0), "{r0:?}");
        // Overlapping the second range, it must take another register.
        let ranges = [(0, 10), (30, 40), (12, 31)];
        let ivs = [ivs[0], Interval::whole(v(1), 12, 31, 2)];
        let a = allocate(&ivs, &ranges, &constraints(2, vec![]), vec![Loc::None; 2]);
        assert_ne!(a.locs[0], a.locs[1]);
    }
}
