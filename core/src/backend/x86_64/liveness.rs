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
//! this compiler sees, costs few registers.
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

/// Live intervals, and the buffers that compute them (kept from one
/// function to the next).
#[derive(Default)]
pub struct Liveness {
    /// The intervals of the last function computed.
    intervals: Vec<Interval>,
    /// Per value: its last use so far, then the end of its interval.
    end: Vec<u32>,
    /// Per value: the block that defines it.
    def_block: Vec<Block>,
    /// Uses outside the defining block, as (value, using block), sorted
    /// by value before the walks.
    crossing: Vec<(Value, Block)>,
    /// Predecessors among the reachable blocks: those of block `b` are
    /// `preds[pred_start[b]..pred_start[b + 1]]`.
    pred_start: Vec<u32>,
    preds: Vec<Block>,
    /// Per block: one more than the value whose walk last reached it.
    seen: Vec<u32>,
    /// The walk's work list.
    stack: Vec<Block>,
}

impl Liveness {
    /// Makes room for functions of up to `values` values and `blocks`
    /// blocks.
    pub fn reserve(&mut self, values: usize, blocks: usize) {
        self.intervals.reserve(values);
        self.end.reserve(values);
        self.def_block.reserve(values);
        self.pred_start.reserve(blocks + 1);
        self.preds.reserve(2 * blocks);
        self.seen.reserve(blocks);
    }

    /// The interval of every value defined in reachable code whose location
    /// the allocator decides (`wanted(v)`), ordered by start (then by value).
    /// A use of `v` counts as a use of `same(v)` (an alias of another value
    /// keeps that value alive instead of itself).
    ///
    /// A value's interval starts at its definition: in a verified function
    /// the definition dominates every block the value is live in, and
    /// dominators come first in the code order. It ends at its last use or
    /// at the end of the last block (in code order) it is live out of.
    /// Those blocks are found value by value, walking backwards from each
    /// use in another block to the defining block: the work is the size of
    /// the value's live range in blocks, so a long function with few values
    /// live across each block costs little more than its length (any
    /// control flow, loops irreducible or not).
    pub fn compute(
        &mut self,
        func: &Function,
        layout: &Layout,
        wanted: impl Fn(Value) -> bool,
        same: impl Fn(Value) -> Value,
    ) -> &[Interval] {
        let n = func.values.len();
        // Forward over the code: the intervals, in the order of their
        // starts, each value's last use, its defining block, and the uses
        // outside that block.
        self.intervals.clear();
        self.crossing.clear();
        refill(&mut self.end, n, 0);
        refill(&mut self.def_block, n, func.entry());
        for &b in &layout.order {
            let bs = layout.block_start[b.index()];
            let first_param = self.intervals.len();
            for &p in &func.blocks[b.index()].params {
                self.end[p.index()] = bs;
                self.def_block[p.index()] = b;
                if wanted(p) {
                    self.intervals.push(Interval {
                        value: p,
                        start: bs,
                        end: bs,
                    });
                }
            }
            // Parameters share a start; the value breaks the tie.
            self.intervals[first_param..].sort_unstable_by_key(|iv| iv.value);
            for &inst in &func.blocks[b.index()].insts {
                let pos = layout.inst_pos[inst.index()];
                let data = &func.insts[inst.index()];
                data.kind.for_each_arg(|a| {
                    let a = same(a);
                    // Positions only grow along the walk: this use is the
                    // last so far. Definitions come before uses in this
                    // order, so the defining block is known.
                    self.end[a.index()] = pos;
                    if self.def_block[a.index()] != b && wanted(a) {
                        self.crossing.push((a, b));
                    }
                });
                if let Some(r) = data.result {
                    self.end[r.index()] = self.end[r.index()].max(pos + 1);
                    self.def_block[r.index()] = b;
                    if wanted(r) {
                        self.intervals.push(Interval {
                            value: r,
                            start: pos + 1,
                            end: pos + 1,
                        });
                    }
                }
            }
        }
        self.predecessors(func, layout);
        self.crossing.sort_unstable_by_key(|&(v, _)| v);
        self.extend_to_live_outs(layout);
        for iv in self.intervals.iter_mut() {
            iv.end = self.end[iv.value.index()];
        }
        &self.intervals
    }

    /// The predecessors of every block, among the reachable ones.
    fn predecessors(&mut self, func: &Function, layout: &Layout) {
        let nb = func.blocks.len();
        refill(&mut self.pred_start, nb + 1, 0);
        for &b in &layout.order {
            for s in func.successors(b) {
                self.pred_start[s.index() + 1] += 1;
            }
        }
        for i in 0..nb {
            self.pred_start[i + 1] += self.pred_start[i];
        }
        refill(&mut self.preds, self.pred_start[nb] as usize, func.entry());
        // Fill each block's range from its end, then its start is right.
        for &b in &layout.order {
            for s in func.successors(b) {
                let i = &mut self.pred_start[s.index() + 1];
                *i -= 1;
                self.preds[*i as usize] = b;
            }
        }
        // `pred_start[s + 1]` now holds s's start; shift the table down.
        self.pred_start.remove(0);
        self.pred_start.push(self.preds.len() as u32);
    }

    /// Extends each value's end to the end of every block it is live out
    /// of: from each block using it outside its definition's block (where it
    /// is live in), backwards through predecessors (where it is live out)
    /// up to the defining block.
    fn extend_to_live_outs(&mut self, layout: &Layout) {
        let Liveness {
            end,
            def_block,
            crossing,
            pred_start,
            preds,
            seen,
            stack,
            ..
        } = self;
        refill(seen, pred_start.len() - 1, 0);
        for &(v, used_in) in crossing.iter() {
            let stamp = v.index() as u32 + 1;
            if seen[used_in.index()] == stamp {
                continue;
            }
            seen[used_in.index()] = stamp;
            let def = def_block[v.index()];
            let mut last = end[v.index()];
            stack.clear();
            stack.push(used_in);
            while let Some(b) = stack.pop() {
                let range = pred_start[b.index()] as usize..pred_start[b.index() + 1] as usize;
                for &p in &preds[range] {
                    last = last.max(layout.block_end[p.index()]);
                    if p != def && seen[p.index()] != stamp {
                        seen[p.index()] = stamp;
                        stack.push(p);
                    }
                }
            }
            end[v.index()] = last;
        }
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
            let mut module = crate::compile_to_ir(source, &crate::Options::default()).unwrap();
            crate::opt::optimize(&mut module);
            for func in &module.functions {
                assert_eq!(Layout::compute(func).order, dom::reverse_postorder(func));
            }
        }
    }
}
