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
//! Everything here is sized by the function, never by the instruction: a
//! handful of allocations per function, however many blocks it has.

use crate::ir::{Block, Function, Value};
use alloc::vec;
use alloc::vec::Vec;

/// The code order of blocks and the position of everything in it.
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
}

impl Layout {
    /// Orders and numbers the reachable blocks of `func`.
    pub fn compute(func: &Function) -> Layout {
        let order = reverse_postorder(func);
        let mut block_start = vec![u32::MAX; func.blocks.len()];
        let mut block_end = vec![u32::MAX; func.blocks.len()];
        let mut inst_pos = vec![u32::MAX; func.insts.len()];
        let mut pos = 0u32;
        for &b in &order {
            block_start[b.index()] = pos;
            pos += 2;
            for &inst in &func.blocks[b.index()].insts {
                inst_pos[inst.index()] = pos;
                pos += 2;
            }
            block_end[b.index()] = pos - 1;
        }
        Layout {
            order,
            block_start,
            block_end,
            inst_pos,
        }
    }
}

/// The successors of `block` that are in the layout (`in_layout`), in
/// terminator order: at most two.
fn successors(func: &Function, in_layout: &[bool], block: Block) -> ([Block; 2], usize) {
    let mut out = [block; 2];
    let mut len = 0;
    for s in func.successors(block) {
        if in_layout.get(s.index()).copied().unwrap_or(false) {
            out[len] = s;
            len += 1;
        }
    }
    (out, len)
}

/// The blocks reachable from the entry in reverse postorder, visiting a
/// branch's targets last first so that the first target comes first:
/// the same order as [`crate::ir::dom::reverse_postorder`], computed with
/// one stack instead of a list of successors per block.
fn reverse_postorder(func: &Function) -> Vec<Block> {
    let nb = func.blocks.len();
    let Some(&entry) = func.layout.first().filter(|e| e.index() < nb) else {
        return Vec::new();
    };
    let mut in_layout = vec![false; nb];
    for b in &func.layout {
        if let Some(slot) = in_layout.get_mut(b.index()) {
            *slot = true;
        }
    }
    // `in_layout` doubles as "not yet visited": a block is cleared when the
    // search first reaches it.
    let mut postorder = Vec::with_capacity(func.layout.len());
    // Each frame: a block, its successors, how many are still to visit.
    let mut stack: Vec<(Block, [Block; 2], usize)> = Vec::with_capacity(func.layout.len());
    let (succs, len) = successors(func, &in_layout, entry);
    in_layout[entry.index()] = false;
    stack.push((entry, succs, len));
    while let Some((block, succs, pending)) = stack.last_mut() {
        if *pending == 0 {
            postorder.push(*block);
            stack.pop();
            continue;
        }
        *pending -= 1;
        let next = succs[*pending];
        if in_layout[next.index()] {
            // Successors are taken before `next` is marked visited, as the
            // membership test must still see it.
            let (succs, len) = successors(func, &in_layout, next);
            in_layout[next.index()] = false;
            stack.push((next, succs, len));
        }
    }
    postorder.reverse();
    postorder
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
struct BlockSets {
    /// `u64` words per set.
    words: usize,
    bits: Vec<u64>,
}

impl BlockSets {
    fn new(blocks: usize, values: usize) -> BlockSets {
        let words = values.div_ceil(64);
        BlockSets {
            words,
            bits: vec![0; blocks * words],
        }
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

fn contains(set: &[u64], v: Value) -> bool {
    set[v.index() / 64] & (1 << (v.index() % 64)) != 0
}

/// Calls `f` with the number of every bit set in `word`, lowest first.
fn for_each_bit(mut word: u64, mut f: impl FnMut(usize)) {
    while word != 0 {
        f(word.trailing_zeros() as usize);
        word &= word - 1;
    }
}

/// The interval of every value defined in reachable code whose location
/// the allocator decides (`wanted(v)`), ordered by start (then by value).
///
/// A value's interval starts at its definition: in a verified function the
/// definition dominates every block the value is live in, and dominators
/// come first in the code order. It ends at its last use or at the end of
/// the last block (in code order) it is live out of; which blocks those
/// are is a backward dataflow problem over bit sets.
pub fn intervals(
    func: &Function,
    layout: &Layout,
    wanted: impl Fn(Value) -> bool,
) -> Vec<Interval> {
    let n = func.values.len();
    let nb = func.blocks.len();
    // Forward over the code: where each value is defined and last used
    // within its blocks, and per block the values it reads before defining
    // them (uses) and those it defines (defs).
    let mut start = vec![u32::MAX; n];
    let mut end = vec![0u32; n];
    let mut uses = BlockSets::new(nb, n);
    let mut defs = BlockSets::new(nb, n);
    for &b in &layout.order {
        let (u, d) = (uses.of_mut(b), defs.of_mut(b));
        let bs = layout.block_start[b.index()];
        for &p in &func.blocks[b.index()].params {
            insert(d, p);
            start[p.index()] = bs;
            end[p.index()] = bs;
        }
        for &inst in &func.blocks[b.index()].insts {
            let pos = layout.inst_pos[inst.index()];
            let data = &func.insts[inst.index()];
            data.kind.for_each_arg(|a| {
                if !contains(d, a) {
                    insert(u, a);
                }
                end[a.index()] = end[a.index()].max(pos);
            });
            if let Some(r) = data.result {
                insert(d, r);
                start[r.index()] = pos + 1;
                end[r.index()] = end[r.index()].max(pos + 1);
            }
        }
    }
    // Successors of each block in code order, and whether any edge goes
    // back (without loops, one pass in postorder reaches the fixed point).
    let mut has_back_edge = false;
    let successors: Vec<([Block; 2], usize)> = layout
        .order
        .iter()
        .map(|&b| {
            let mut out = ([b; 2], 0);
            for s in func.successors(b) {
                has_back_edge |= layout.block_start[s.index()] <= layout.block_start[b.index()];
                out.0[out.1] = s;
                out.1 += 1;
            }
            out
        })
        .collect();
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
    let mut live_in = BlockSets::new(nb, n);
    loop {
        let mut changed = false;
        for (place, &b) in layout.order.iter().enumerate().rev() {
            for w in 0..live_in.words {
                let new = (live_out(&live_in, place, w) & !defs.of(b)[w]) | uses.of(b)[w];
                let word = &mut live_in.of_mut(b)[w];
                changed |= new != *word;
                *word = new;
            }
        }
        if !changed || !has_back_edge {
            break;
        }
    }
    // A value live out of a block lives to the block's end.
    for (place, &b) in layout.order.iter().enumerate() {
        let be = layout.block_end[b.index()];
        for w in 0..live_in.words {
            for_each_bit(live_out(&live_in, place, w), |bit| {
                let v = w * 64 + bit;
                end[v] = end[v].max(be);
            });
        }
    }
    // The intervals in code order, which is the order of their starts.
    let mut intervals = Vec::with_capacity(n);
    let mut push = |v: Value| {
        if wanted(v) {
            intervals.push(Interval {
                value: v,
                start: start[v.index()],
                end: end[v.index()],
            });
        }
    };
    for &b in &layout.order {
        let params = &func.blocks[b.index()].params;
        if params.windows(2).all(|w| w[0] < w[1]) {
            params.iter().for_each(|&p| push(p));
        } else {
            // Parameters share a start; the value breaks the tie.
            let mut sorted = params.clone();
            sorted.sort_unstable();
            sorted.into_iter().for_each(&mut push);
        }
        for &inst in &func.blocks[b.index()].insts {
            if let Some(r) = func.insts[inst.index()].result {
                push(r);
            }
        }
    }
    intervals
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
        ];
        for source in sources {
            let program = crate::compile(source, &crate::Options::default()).unwrap();
            for func in &program.ir().functions {
                assert_eq!(reverse_postorder(func), dom::reverse_postorder(func));
            }
        }
    }
}
