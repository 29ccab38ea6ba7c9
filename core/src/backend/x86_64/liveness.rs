//! Linear order, positions and live intervals.
//!
//! Needs: a verified function. Gives: the code order of its reachable
//! blocks (reverse postorder, so every definition comes before its uses and
//! loop bodies follow their headers), a position for every block boundary
//! and instruction, and for every value one interval `[start, end]` of
//! positions where it must be kept.
//!
//! An instruction at position `p` reads its operands at `p` and writes its
//! result at `p + 1`, so an operand's last use and the result can share a
//! register. Intervals have no holes: a value live anywhere in a loop is
//! kept for the whole of it, which is simple and, for the small functions
//! this compiler sees, cheap.
//!
//! Everything here is sized by the function, never by the instruction, and
//! [`Layout`] and [`Liveness`] keep their buffers from one function to the
//! next: after the first function of a module they rarely allocate.

use crate::ir::{Block, Function, Value};
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
    /// The depth-first search's stack, kept for its capacity.
    stack: Vec<(Block, [Block; 2], usize)>,
}

/// Empties `v` and fills it with `len` copies of `value`, keeping its
/// capacity.
pub(super) fn refill<T: Clone>(v: &mut Vec<T>, len: usize, value: T) {
    v.clear();
    v.resize(len, value);
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
        self.order.reserve(blocks);
        self.block_start.reserve(blocks);
        self.block_end.reserve(blocks);
        self.inst_pos.reserve(insts);
        self.stack.reserve(blocks);
    }

    /// [`Layout::compute`] into this layout's buffers.
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
    }
}

/// Marks, in [`Layout::block_start`] during the search, a block of the
/// layout not yet visited.
const UNVISITED: u32 = 1;

/// The successors of `block` that the search may still visit (marked
/// [`UNVISITED`] in `marks`), in terminator order: at most two.
fn successors(func: &Function, marks: &[u32], block: Block) -> ([Block; 2], usize) {
    let mut out = [block; 2];
    let mut len = 0;
    for s in func.successors(block) {
        if marks.get(s.index()) == Some(&UNVISITED) {
            out[len] = s;
            len += 1;
        }
    }
    (out, len)
}

impl Layout {
    /// Puts in `order` the blocks reachable from the entry in reverse
    /// postorder, visiting a branch's targets last first so that the first
    /// target comes first: the same order as
    /// [`crate::ir::dom::reverse_postorder`], computed with one stack
    /// instead of a list of successors per block.
    fn reverse_postorder(&mut self, func: &Function) {
        let nb = func.blocks.len();
        self.order.clear();
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
        // block, its successors, how many are still to visit.
        let (order, stack) = (&mut self.order, &mut self.stack);
        stack.clear();
        marks[entry.index()] = 0;
        let (succs, len) = successors(func, marks, entry);
        stack.push((entry, succs, len));
        while let Some((block, succs, pending)) = stack.last_mut() {
            if *pending == 0 {
                order.push(*block);
                stack.pop();
                continue;
            }
            *pending -= 1;
            let next = succs[*pending];
            // A successor may have been visited since its block's frame
            // was pushed.
            if marks[next.index()] == UNVISITED {
                marks[next.index()] = 0;
                let (succs, len) = successors(func, marks, next);
                stack.push((next, succs, len));
            }
        }
        order.reverse();
    }
}

/// A value's live interval: from its definition to its last use, both
/// inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// The value.
    pub value: Value,
    /// Where it is defined.
    pub start: u32,
    /// Its last use, or the end of the last block it is live out of.
    pub end: u32,
}

/// One set of values per block, as bits in a single allocation.
#[derive(Default)]
struct BlockSets {
    /// `u64` words per set.
    words: usize,
    bits: Vec<u64>,
}

impl BlockSets {
    /// Makes every set empty, room for `blocks` sets of `values` values.
    fn reset(&mut self, blocks: usize, values: usize) {
        self.words = values.div_ceil(64);
        refill(&mut self.bits, blocks * self.words, 0);
    }

    fn of(&self, b: Block) -> &[u64] {
        &self.bits[b.index() * self.words..][..self.words]
    }

    fn of_mut(&mut self, b: Block) -> &mut [u64] {
        &mut self.bits[b.index() * self.words..][..self.words]
    }
}

fn insert(set: &mut [u64], v: Value) {
    set[v.index() / 64] |= 1 << (v.index() % 64);
}

/// Calls `f` with the number of every bit set in `word`, lowest first.
fn for_each_bit(mut word: u64, mut f: impl FnMut(usize)) {
    while word != 0 {
        f(word.trailing_zeros() as usize);
        word &= word - 1;
    }
}

/// Live intervals, and the buffers that compute them (kept from one
/// function to the next).
#[derive(Default)]
pub struct Liveness {
    /// The intervals of the last function computed.
    intervals: Vec<Interval>,
    /// Per value: its last use so far.
    end: Vec<u32>,
    /// Per block: values read before being defined there, values defined
    /// there, values live on entry.
    uses: BlockSets,
    defs: BlockSets,
    live_in: BlockSets,
    /// Per block in code order: its successors.
    successors: Vec<([Block; 2], usize)>,
    /// The values whose intervals reach the last block they are live out of.
    extended: Vec<u64>,
}

impl Liveness {
    /// Makes room for functions of up to `values` values and `blocks`
    /// blocks.
    pub fn reserve(&mut self, values: usize, blocks: usize) {
        self.intervals.reserve(values);
        self.end.reserve(values);
        let words = values.div_ceil(64);
        for sets in [&mut self.uses, &mut self.defs, &mut self.live_in] {
            sets.bits.reserve(blocks * words);
        }
        self.successors.reserve(blocks);
        self.extended.reserve(words);
    }

    /// The interval of every value defined in reachable code whose location
    /// the allocator decides (`wanted(v)`), ordered by start (then by value).
    /// A use of `v` counts as a use of `same(v)` (an alias of another value
    /// keeps that value alive instead of itself).
    ///
    /// A value's interval starts at its definition: in a verified function
    /// the definition dominates every block the value is live in, and
    /// dominators come first in the code order. It ends at its last use or
    /// at the end of the last block (in code order) it is live out of;
    /// which blocks those are is a backward dataflow problem over bit sets.
    pub fn compute(
        &mut self,
        func: &Function,
        layout: &Layout,
        wanted: impl Fn(Value) -> bool,
        same: impl Fn(Value) -> Value,
    ) -> &[Interval] {
        let Liveness {
            intervals,
            end,
            uses,
            defs,
            live_in,
            successors,
            extended,
        } = self;
        let n = func.values.len();
        let nb = func.blocks.len();
        // Forward over the code: the intervals, in the order of their
        // starts, each value's last use within its blocks, and per block the
        // values it reads before defining them (uses) and those it defines
        // (defs).
        intervals.clear();
        refill(end, n, 0);
        uses.reset(nb, n);
        defs.reset(nb, n);
        for &b in &layout.order {
            let (u, d) = (uses.of_mut(b), defs.of_mut(b));
            let bs = layout.block_start[b.index()];
            let first_param = intervals.len();
            for &p in &func.blocks[b.index()].params {
                insert(d, p);
                end[p.index()] = bs;
                if wanted(p) {
                    intervals.push(Interval {
                        value: p,
                        start: bs,
                        end: bs,
                    });
                }
            }
            // Parameters share a start; the value breaks the tie.
            intervals[first_param..].sort_unstable_by_key(|iv| iv.value);
            for &inst in &func.blocks[b.index()].insts {
                let pos = layout.inst_pos[inst.index()];
                let data = &func.insts[inst.index()];
                data.kind.for_each_arg(|a| {
                    let a = same(a);
                    // Read before defined here, unless defined here already
                    // (without a branch: these mispredict).
                    let (w, bit) = (a.index() / 64, 1 << (a.index() % 64));
                    u[w] |= bit & !d[w];
                    // Positions only grow along the walk: this use is the
                    // last so far.
                    end[a.index()] = pos;
                });
                if let Some(r) = data.result {
                    insert(d, r);
                    end[r.index()] = end[r.index()].max(pos + 1);
                    if wanted(r) {
                        intervals.push(Interval {
                            value: r,
                            start: pos + 1,
                            end: pos + 1,
                        });
                    }
                }
            }
        }
        // Successors of each block in code order, and whether any edge goes
        // back (without loops, one pass in postorder reaches the fixed point).
        let mut has_back_edge = false;
        successors.clear();
        successors.extend(layout.order.iter().map(|&b| {
            let mut out = ([b; 2], 0);
            for s in func.successors(b) {
                has_back_edge |= layout.block_start[s.index()] <= layout.block_start[b.index()];
                out.0[out.1] = s;
                out.1 += 1;
            }
            out
        }));
        // Word `w` of the live-out set of the block at `place`: the union of
        // its successors' live-in sets. (Computed a word at a time, straight
        // from the live-in sets, with no scratch set to clear and refill.)
        let live_out = |live_in: &BlockSets, place: usize, w: usize| {
            let (succs, count) = &successors[place];
            succs[..*count]
                .iter()
                .fold(0, |word, &s| word | live_in.of(s)[w])
        };
        // Backward dataflow to a fixed point, visiting blocks in postorder.
        live_in.reset(nb, n);
        loop {
            let mut changed = false;
            for (place, &b) in layout.order.iter().enumerate().rev() {
                for w in 0..live_in.words {
                    let new = (live_out(live_in, place, w) & !defs.of(b)[w]) | uses.of(b)[w];
                    let word = &mut live_in.of_mut(b)[w];
                    changed |= new != *word;
                    *word = new;
                }
            }
            if !changed || !has_back_edge {
                break;
            }
        }
        // A value live out of a block lives to the block's end. Only the
        // last such block in code order matters, so walk the blocks
        // backwards and extend each value once, at the first block found.
        refill(extended, live_in.words, 0);
        for (place, &b) in layout.order.iter().enumerate().rev() {
            let be = layout.block_end[b.index()];
            for (w, done) in extended.iter_mut().enumerate() {
                let new = live_out(live_in, place, w) & !*done;
                *done |= new;
                for_each_bit(new, |bit| {
                    let v = w * 64 + bit;
                    end[v] = end[v].max(be);
                });
            }
        }
        for iv in intervals.iter_mut() {
            iv.end = end[iv.value.index()];
        }
        &*intervals
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::dom;

    #[test]
    fn code_order_is_the_reverse_postorder_of_the_ir() {
        let sources = [
            "def f(n):\n    t = 0\n    for i in range(n):\n        if i % 3 == 0:\n            t += i\n        elif i % 5:\n            continue\n        else:\n            break\n    return t\n",
            "def g(a, b):\n    while a != b:\n        if a > b:\n            a -= b\n        else:\n            b -= a\n    return a\n",
            "def h(x):\n    return x and x - 1 or x + 1\n",
            "def k(n):\n    t = 0\n    while True:\n        for i in range(n):\n            while i > 3:\n                i -= 2\n            t += i\n        n -= 1\n        if n < 0:\n            break\n    return t\n",
        ];
        for source in sources {
            let program = crate::compile(source, &crate::Options::default()).unwrap();
            for func in &program.ir().functions {
                assert_eq!(Layout::compute(func).order, dom::reverse_postorder(func));
            }
        }
    }
}
