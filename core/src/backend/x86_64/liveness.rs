//! Linear order, positions and live intervals.
//!
//! Needs: a verified function. Gives: the code order of its reachable
//! blocks (reverse postorder, so every definition comes before its uses and
//! loop bodies follow their headers), their predecessors, a position for
//! every block boundary and instruction, and for every value the ranges of
//! positions where it must be kept (its interval, with holes where it is
//! dead; a value live in more than `WALK_LIMIT` blocks gets the whole
//! span of its life instead, without holes).
//!
//! An instruction at position `p` reads its operands at `p` and writes its
//! result at `p + 1`, so an operand's last use and the result can share a
//! register. The one exception: a check counting a negative index from
//! the end compares its result with the length, so it reads the length at
//! `p + 1`. A value's interval has a hole wherever it is dead between
//! two of its ranges, and another value may take its register there.
//!
//! Everything here is sized by the function, never by the instruction, and
//! [`Layout`] and [`Liveness`] keep their buffers from one function to the
//! next: after the first function of a module they rarely allocate.

use crate::ir::{Block, Function, InstKind, Value};
use crate::reuse::{refill, reserve_total};
use alloc::vec::Vec;

/// The code order of blocks and the position of everything in it.
#[derive(Default)]
pub struct Layout {
    /// Reachable blocks in code order; the entry first.
    pub order: Vec<Block>,
    /// Per block: the position where its parameters are defined
    /// (`u32::MAX` for unreachable blocks).
    pub block_start: Vec<u32>,
    /// Per block: one past the position of its terminator.
    pub block_end: Vec<u32>,
    /// Per instruction: its position (`u32::MAX` if unreachable).
    pub inst_pos: Vec<u32>,
    /// Predecessors among the reachable blocks, each once per edge: those
    /// of block `b` are `preds[pred_start[b]..pred_start[b + 1]]`.
    pred_start: Vec<u32>,
    preds: Vec<Block>,
    /// Per reachable block: its successors in terminator order (at most
    /// two) and how many; what other blocks hold is left from earlier
    /// functions. Read once from the IR, for the search and the
    /// predecessors.
    succs: Vec<([Block; 2], u32)>,
    /// The depth-first search's stack, kept for its capacity (8 bytes a
    /// frame: as deep as the function is long, for a chain of blocks).
    stack: Vec<(Block, u32)>,
}

impl Layout {
    /// Orders and numbers the reachable blocks of `func`.
    pub fn compute(func: &Function) -> Layout {
        let mut layout = Layout::default();
        layout.recompute(func);
        layout
    }

    /// Makes room for functions of up to `insts` instructions and `blocks`
    /// blocks.
    pub fn reserve(&mut self, insts: usize, blocks: usize) {
        reserve_total(&mut self.order, blocks);
        reserve_total(&mut self.block_start, blocks);
        reserve_total(&mut self.block_end, blocks);
        reserve_total(&mut self.inst_pos, insts);
        reserve_total(&mut self.pred_start, blocks + 1);
        reserve_total(&mut self.preds, 2 * blocks);
        reserve_total(&mut self.succs, blocks);
        reserve_total(&mut self.stack, blocks);
    }

    /// [`Layout::compute`] into this layout's buffers.
    // A stage: out of line (see the backend module doc).
    #[inline(never)]
    pub fn recompute(&mut self, func: &Function) {
        // `block_start` serves the search as its membership and visited
        // marks before it gets the positions.
        self.reverse_postorder(func);
        refill(&mut self.block_start, func.blocks.len(), u32::MAX);
        refill(&mut self.block_end, func.blocks.len(), u32::MAX);
        refill(&mut self.inst_pos, func.insts.len(), u32::MAX);
        let mut pos = 0u32;
        for &b in &self.order {
            self.block_start[b.index()] = pos;
            pos += 2;
            for &inst in &func.blocks[b.index()].insts {
                self.inst_pos[inst.index()] = pos;
                pos += 2;
            }
            self.block_end[b.index()] = pos - 1;
        }
        self.predecessors(func);
    }

    /// The predecessors of `block` among the reachable blocks, once per
    /// edge (a branch with both targets the same is there twice).
    pub fn preds(&self, block: Block) -> &[Block] {
        let start = self.pred_start[block.index()] as usize;
        &self.preds[start..self.pred_start[block.index() + 1] as usize]
    }

    /// Fills `preds` from the successors of the reachable blocks: a
    /// counting sort by successor.
    fn predecessors(&mut self, func: &Function) {
        let nb = func.blocks.len();
        let Layout {
            order,
            pred_start,
            preds,
            succs,
            ..
        } = self;
        refill(pred_start, nb + 1, 0);
        for &b in order.iter() {
            let (out, len) = &succs[b.index()];
            for s in &out[..*len as usize] {
                pred_start[s.index() + 1] += 1;
            }
        }
        for i in 0..nb {
            pred_start[i + 1] += pred_start[i];
        }
        refill(preds, pred_start[nb] as usize, func.entry());
        // Fill each block's range from its end, then its start is right.
        for &b in order.iter() {
            let (out, len) = &succs[b.index()];
            for s in &out[..*len as usize] {
                let i = &mut pred_start[s.index() + 1];
                *i -= 1;
                preds[*i as usize] = b;
            }
        }
        // `pred_start[s + 1]` now holds s's start; shift the table down.
        pred_start.remove(0);
        pred_start.push(preds.len() as u32);
    }
}

/// Marks, in [`Layout::block_start`] during the search, a block of the
/// layout not yet visited.
const UNVISITED: u32 = 1;

/// The successors of `block`, in terminator order (at most two), and how
/// many.
fn successors(func: &Function, block: Block) -> ([Block; 2], u32) {
    let mut out = [block; 2];
    let mut len = 0;
    for (slot, s) in out.iter_mut().zip(func.successors(block)) {
        *slot = s;
        len += 1;
    }
    (out, len)
}

impl Layout {
    /// Puts in `order` the blocks reachable from the entry in reverse
    /// postorder, visiting a branch's targets last first so that the first
    /// target comes first: the same order as
    /// [`crate::ir::dom::reverse_postorder`], computed with one stack.
    /// Fills `succs` for the blocks it reaches.
    fn reverse_postorder(&mut self, func: &Function) {
        let nb = func.blocks.len();
        self.order.clear();
        if self.succs.len() < nb {
            self.succs.resize(nb, ([Block(0); 2], 0));
        }
        let Some(&entry) = func.layout.first().filter(|e| e.index() < nb) else {
            return;
        };
        // Blocks of the layout are UNVISITED until the search reaches them;
        // others (and visited ones) are 0.
        let marks = &mut self.block_start;
        refill(marks, nb, 0);
        for b in &func.layout {
            if let Some(mark) = marks.get_mut(b.index()) {
                *mark = UNVISITED;
            }
        }
        // The postorder, reversed at the end. Each frame of the stack: a
        // block and how many of its successors are still to look at (from
        // the last).
        let (order, stack, succs) = (&mut self.order, &mut self.stack, &mut self.succs);
        stack.clear();
        marks[entry.index()] = 0;
        succs[entry.index()] = successors(func, entry);
        stack.push((entry, succs[entry.index()].1));
        while let Some((block, pending)) = stack.last_mut() {
            if *pending == 0 {
                order.push(*block);
                stack.pop();
                continue;
            }
            *pending -= 1;
            let next = succs[block.index()].0[*pending as usize];
            if marks.get(next.index()) == Some(&UNVISITED) {
                marks[next.index()] = 0;
                succs[next.index()] = successors(func, next);
                stack.push((next, succs[next.index()].1));
            }
        }
        order.reverse();
    }
}

/// A value's live interval: the ranges of positions where it must be kept
/// (both ends inclusive), from its definition to its last use or the end
/// of the last block it is live out of. Between ranges are holes, where
/// the value is dead and its register may hold another value (a loop
/// variable's old value dies in one arm of an `if` while its new value is
/// made there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// The value.
    pub value: Value,
    /// Where it is defined: the start of its first range.
    pub start: u32,
    /// The end of its last range.
    pub end: u32,
    /// Its ranges are `ranges[first..first + count]` of the table they
    /// were computed into, in order, disjoint and not touching.
    pub first: u32,
    /// How many ranges.
    pub count: u32,
}

impl Interval {
    /// An interval of one range (no holes), its ranges at `first` of a
    /// table.
    pub fn whole(value: Value, start: u32, end: u32, first: u32) -> Interval {
        Interval {
            value,
            start,
            end,
            first,
            count: 1,
        }
    }

    /// Its ranges in `table`.
    pub fn ranges<'t>(&self, table: &'t [(u32, u32)]) -> &'t [(u32, u32)] {
        &table[self.first as usize..][..self.count as usize]
    }
}

/// Whether two sorted lists of disjoint ranges share a position.
///
/// The ranges one list has wholly before the other's next range are
/// passed in one binary search rather than one by one: a value live
/// across a long `elif` chain has a range per arm, and every short
/// interval after it was compared with all of them.
pub fn overlap(a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    let (mut a, mut b) = (a, b);
    while let (Some(&(s1, e1)), Some(&(s2, e2))) = (a.first(), b.first()) {
        if e1 < s2 {
            a = &a[a.partition_point(|&(_, e)| e < s2)..];
        } else if e2 < s1 {
            b = &b[b.partition_point(|&(_, e)| e < s1)..];
        } else {
            return true;
        }
    }
    false
}

/// In [`Liveness`]'s lists of uses, the end of a list.
const NO_USE: u32 = u32::MAX;

/// The most blocks the walk back from a value's uses visits for its exact
/// ranges. A value live in more (say, computed at the top of a long
/// function of loops and read at its end) gets one range over its whole
/// span instead ([`Retreats`]): walking every such value through every
/// block made a function of thousands of them quadratic, and a hole in so
/// long a life is rarely worth a register.
const WALK_LIMIT: usize = 128;

/// The edges that go back in code order (to a loop's header), for the
/// span of a value's life without its holes: every position from its
/// definition to its last use, and on through the end of each such edge's
/// source whose target lies after the definition and within the span (a
/// value read in a loop is live around it). Made when a value first needs
/// it.
#[derive(Default)]
struct Retreats {
    /// Whether these are the current function's.
    made: bool,
    /// (the target's start, the source's end), by target.
    edges: Vec<(u32, u32)>,
    /// The greatest source end over each run of 2^k edges from each
    /// index: level k at `levels[k]..`.
    max: Vec<u32>,
    levels: Vec<usize>,
}

impl Retreats {
    fn make(&mut self, layout: &Layout) {
        self.made = true;
        self.edges.clear();
        for &b in &layout.order {
            let start = layout.block_start[b.index()];
            for &p in layout.preds(b) {
                if layout.block_start[p.index()] >= start {
                    self.edges.push((start, layout.block_end[p.index()]));
                }
            }
        }
        self.index();
    }

    /// Sorts the edges and makes the table of their greatest ends.
    fn index(&mut self) {
        self.edges.sort_unstable();
        // A sparse table of maxima: level k + 1 from two runs of level k.
        let n = self.edges.len();
        self.max.clear();
        self.max.extend(self.edges.iter().map(|e| e.1));
        self.levels.clear();
        self.levels.push(0);
        let mut run = 1;
        while 2 * run <= n {
            let below = *self.levels.last().expect("level 0");
            self.levels.push(self.max.len());
            for i in 0..=n - 2 * run {
                let m = self.max[below + i].max(self.max[below + i + run]);
                self.max.push(m);
            }
            run *= 2;
        }
    }

    /// The greatest source end of edges `lo..hi` (some).
    fn max_end(&self, lo: usize, hi: usize) -> u32 {
        let k = (hi - lo).ilog2() as usize;
        let level = self.levels[k];
        self.max[level + lo].max(self.max[level + hi - (1 << k)])
    }

    /// The end of the span of a value defined at `def` and last read at
    /// `end`: `end`, extended through every edge back to a target after
    /// `def` and at or before the end so far.
    fn span_end(&self, def: u32, mut end: u32) -> u32 {
        let lo = self.edges.partition_point(|e| e.0 <= def);
        loop {
            let hi = self.edges.partition_point(|e| e.0 <= end);
            if hi <= lo {
                return end;
            }
            let furthest = self.max_end(lo, hi);
            if furthest <= end {
                return end;
            }
            end = furthest;
        }
    }
}

/// What the value at hand does in a block, for the walk back from its
/// uses. A field holds one more than the value's number where it is true
/// of that value, so nothing is cleared between values.
#[derive(Clone, Copy, Default)]
struct Marks {
    /// Live on entry.
    live_in: u32,
    /// Live on exit.
    live_out: u32,
    /// Read here.
    used: u32,
    /// The position of the last read here (where `used` is the value's).
    last_use: u32,
}

/// Live intervals, and the buffers that compute them (kept from one
/// function to the next).
#[derive(Default)]
pub struct Liveness {
    /// The intervals of the last function computed, and their ranges.
    intervals: Vec<Interval>,
    ranges: Vec<(u32, u32)>,
    /// Per value: the block that defines it, and the end of its range
    /// there if it is used nowhere else (its last use there, or its
    /// definition).
    def: Vec<(Block, u32)>,
    /// Uses of wanted values outside the block that defines them, in code
    /// order, as (block, position, the index here of the value's use
    /// before, or [`NO_USE`]): each value's make a list back from its last,
    /// `last_outside[v]`. (Uses in the defining block do not matter for a
    /// value used elsewhere too: it is live out of that block.)
    outside: Vec<(Block, u32, u32)>,
    last_outside: Vec<u32>,
    /// Per block, what the value at hand does there.
    marks: Vec<Marks>,
    /// The blocks the value at hand touches, and its ranges before sorting.
    touched: Vec<Block>,
    pieces: Vec<(u32, u32)>,
    /// The walk's work list.
    stack: Vec<Block>,
    /// For the values whose walk would go too far.
    retreats: Retreats,
}

impl Liveness {
    /// Makes room for functions of up to `values` values and `blocks`
    /// blocks.
    pub fn reserve(&mut self, values: usize, blocks: usize) {
        reserve_total(&mut self.intervals, values);
        reserve_total(&mut self.ranges, values);
        reserve_total(&mut self.def, values);
        reserve_total(&mut self.last_outside, values);
        reserve_total(&mut self.marks, blocks);
        reserve_total(&mut self.touched, blocks);
        reserve_total(&mut self.pieces, blocks);
        reserve_total(&mut self.stack, blocks);
    }

    /// The interval of every value defined in reachable code whose location
    /// the allocator decides (`wanted(v)`), ordered by start (then by value),
    /// and the table of their ranges. A use of `v` counts as a use of
    /// `same(v)` (an alias of another value keeps that value alive instead
    /// of itself).
    ///
    /// A value is live in a block from its start (or its definition, in the
    /// defining block) to its last use there, or to the block's end where it
    /// is live out. A value used only in the block that defines it (most
    /// are) has one range, found on the way. For the others, the blocks they
    /// are live in are found by walking backwards from each use in another
    /// block to the defining block: the work is the size of the value's live
    /// range in blocks, so a long function with few values live across each
    /// block costs little more than its length (any control flow, loops
    /// irreducible or not). A walk that passes `WALK_LIMIT` blocks stops,
    /// and the value gets one range over its span (see `Retreats`), so that
    /// many values live across many blocks cost no more than their number.
    // A stage: out of line (see the backend module doc).
    #[inline(never)]
    pub fn compute(
        &mut self,
        func: &Function,
        layout: &Layout,
        wanted: impl Fn(Value) -> bool,
        same: impl Fn(Value) -> Value,
    ) -> (&[Interval], &[(u32, u32)]) {
        let n = func.values.len();
        // Forward over the code: the intervals, in the order of their
        // starts, each value's defining block and last use there, and its
        // uses elsewhere. Definitions dominate their uses, so a value's
        // defining block is known at each of its uses.
        self.intervals.clear();
        self.outside.clear();
        refill(&mut self.last_outside, n, NO_USE);
        refill(&mut self.def, n, (func.entry(), 0));
        for &b in &layout.order {
            let bs = layout.block_start[b.index()];
            let first_param = self.intervals.len();
            for &p in func.block_params(b) {
                self.def[p.index()] = (b, bs);
                if wanted(p) {
                    self.intervals.push(Interval::whole(p, bs, bs, 0));
                }
            }
            // Parameters share a start; the value breaks the tie.
            self.intervals[first_param..].sort_unstable_by_key(|iv| iv.value);
            for &inst in &func.blocks[b.index()].insts {
                let pos = layout.inst_pos[inst.index()];
                let data = &func.insts[inst.index()];
                let late = match data.kind {
                    InstKind::CheckIndex(check, _, n) if check.from_end => Some(n),
                    _ => None,
                };
                data.kind.for_each_arg(&func.pool, |a| {
                    let at = if late == Some(a) { pos + 1 } else { pos };
                    let a = same(a);
                    if wanted(a) {
                        match &mut self.def[a.index()] {
                            (def, end) if *def == b => *end = at,
                            _ => {
                                let last = &mut self.last_outside[a.index()];
                                self.outside.push((b, at, *last));
                                *last = self.outside.len() as u32 - 1;
                            }
                        }
                    }
                });
                if let Some(r) = data.result {
                    self.def[r.index()] = (b, pos + 1);
                    if wanted(r) {
                        self.intervals.push(Interval::whole(r, pos + 1, pos + 1, 0));
                    }
                }
            }
        }
        refill(&mut self.marks, func.blocks.len(), Marks::default());
        self.ranges.clear();
        self.retreats.made = false;
        for i in 0..self.intervals.len() {
            let iv = self.intervals[i];
            let v = iv.value.index();
            if self.last_outside[v] == NO_USE {
                // Used only where it is defined: one range, to its last use
                // (set in place, as in `ranges_of`).
                let end = self.def[v].1;
                self.ranges.push((iv.start, end));
                let first = self.ranges.len() as u32 - 1;
                let iv = &mut self.intervals[i];
                (iv.end, iv.first) = (end, first);
            } else {
                self.ranges_of(i, layout);
            }
        }
        (&self.intervals, &self.ranges)
    }

    /// Gives interval `i` its ranges, appended to the table, for a value
    /// used outside the block that defines it: the blocks it is used in
    /// and, walking back from each of those, the blocks it is live in and
    /// out of (the defining block among them: it is live out there).
    ///
    /// The interval's fields are set in place: an interval returned whole
    /// and copied in was read back before its parts were written.
    fn ranges_of(&mut self, i: usize, layout: &Layout) {
        let Liveness {
            intervals,
            ranges,
            def,
            outside,
            last_outside,
            marks,
            touched,
            pieces,
            stack,
            retreats,
            ..
        } = self;
        let iv = &mut intervals[i];
        let v = iv.value;
        let mark = v.index() as u32 + 1;
        let (def, def_end) = def[v.index()];
        touched.clear();
        touched.push(def);
        // Live in every block using it (none is the defining one), and
        // back from there through predecessors (live out of each) up to
        // the definition.
        stack.clear();
        let mut at = last_outside[v.index()];
        while let Some(&(b, pos, before)) = outside.get(at as usize) {
            // From the last use back: the first seen in a block is the
            // last there.
            let m = &mut marks[b.index()];
            if m.used != mark {
                m.used = mark;
                m.live_in = mark;
                m.last_use = pos;
                touched.push(b);
                stack.push(b);
            }
            at = before;
        }
        while let Some(b) = stack.pop() {
            for &p in layout.preds(b) {
                let m = &mut marks[p.index()];
                m.live_out = mark;
                if p != def && m.live_in != mark {
                    m.live_in = mark;
                    stack.push(p);
                    if m.used != mark {
                        touched.push(p);
                    }
                }
            }
            if touched.len() > WALK_LIMIT {
                // Too far to walk: one range over the whole span.
                if !retreats.made {
                    retreats.make(layout);
                }
                let last = outside[last_outside[v.index()] as usize].1;
                let end = retreats.span_end(iv.start, last.max(def_end));
                ranges.push((iv.start, end));
                (iv.end, iv.first) = (end, ranges.len() as u32 - 1);
                return;
            }
        }
        // One range per block, in code order, touching ones joined. A
        // value live in a good share of the blocks (a loop's variable in a
        // small function, a function's parameter through a long chain of
        // branches) takes them in code order from a walk over all, in time
        // linear in the blocks; fewer are sorted.
        pieces.clear();
        let walk = touched.len() > 8 && touched.len() * 4 > layout.order.len();
        if walk {
            touched.clear();
            touched.extend(layout.order.iter().copied().filter(|&b| {
                let m = &marks[b.index()];
                b == def || m.used == mark || m.live_in == mark
            }));
        }
        for &b in touched.iter() {
            let start = if b == def {
                iv.start
            } else {
                layout.block_start[b.index()]
            };
            let m = &marks[b.index()];
            let end = if m.live_out == mark {
                layout.block_end[b.index()]
            } else if m.used == mark {
                m.last_use
            } else {
                start
            };
            pieces.push((start, end));
        }
        if !walk {
            pieces.sort_unstable();
        }
        let first = ranges.len();
        for &(s, e) in pieces.iter() {
            let joins = ranges.len() > first;
            match ranges.last_mut() {
                Some(last) if joins && last.1 + 1 >= s => last.1 = last.1.max(e),
                _ => ranges.push((s, e)),
            }
        }
        iv.end = ranges.last().map_or(iv.start, |r| r.1);
        (iv.first, iv.count) = (first as u32, (ranges.len() - first) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::dom;

    #[test]
    fn a_span_goes_around_every_loop_it_reaches() {
        let mut r = Retreats {
            edges: alloc::vec![(60, 90), (10, 50), (20, 30), (70, 200)],
            ..Retreats::default()
        };
        r.index();
        assert_eq!(r.span_end(5, 25), 50, "the loop from 10 contains a use");
        assert_eq!(
            r.span_end(15, 25),
            30,
            "the loop from 10 holds the definition"
        );
        assert_eq!(
            r.span_end(5, 65),
            200,
            "the loop from 60 reaches the one from 70"
        );
        assert_eq!(r.span_end(100, 150), 150);
        // Against the closure computed edge by edge.
        let mut rng = crate::test_fixtures::Rng::new(11);
        for _ in 0..200 {
            let n = (rng.next_u64() % 40) as usize;
            r.edges.clear();
            for _ in 0..n {
                let h = (rng.next_u64() % 1000) as u32;
                r.edges.push((h, h + (rng.next_u64() % 300) as u32));
            }
            r.index();
            let def = (rng.next_u64() % 1000) as u32;
            let end = def + (rng.next_u64() % 200) as u32;
            let mut want = end;
            while let Some(l) = r
                .edges
                .iter()
                .filter(|&&(h, l)| def < h && h <= want && l > want)
                .map(|e| e.1)
                .max()
            {
                want = l;
            }
            assert_eq!(r.span_end(def, end), want, "{:?} {def} {end}", r.edges);
        }
    }

    #[test]
    fn code_order_is_the_reverse_postorder_of_the_ir() {
        let sources = [
            "def f(n):\n    t = 0\n    for i in range(n):\n        if i % 3 == 0:\n            t += i\n        elif i % 5:\n            continue\n        else:\n            break\n    return t\n",
            "def g(a, b):\n    while a != b:\n        if a > b:\n            a -= b\n        else:\n            b -= a\n    return a\n",
            "def h(x):\n    return x and x - 1 or x + 1\n",
            "def k(n):\n    t = 0\n    while True:\n        for i in range(n):\n            while i > 3:\n                i -= 2\n            t += i\n        n -= 1\n        if n < 0:\n            break\n    return t\n",
        ];
        for source in sources {
            let mut module = crate::compile_to_ir(source, &crate::Options::default()).unwrap();
            crate::opt::optimize(&mut module);
            for func in &module.functions {
                assert_eq!(Layout::compute(func).order, dom::reverse_postorder(func));
            }
        }
    }
}
