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

use crate::ir::{dom, Block, Function, Value, ValueDef};
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
        let order = dom::reverse_postorder(func);
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

/// A dense set of values.
#[derive(Clone, PartialEq, Eq)]
struct ValueSet(Vec<u64>);

impl ValueSet {
    fn new(n: usize) -> ValueSet {
        ValueSet(vec![0; n.div_ceil(64)])
    }
    fn insert(&mut self, v: Value) {
        self.0[v.index() / 64] |= 1 << (v.index() % 64);
    }
    fn contains(&self, v: Value) -> bool {
        self.0[v.index() / 64] & (1 << (v.index() % 64)) != 0
    }
    fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| Value::new(w * 64 + b))
        })
    }
}

/// The interval of every value defined in reachable code whose location
/// the allocator decides (`wanted[v]`), ordered by start.
pub fn intervals(func: &Function, layout: &Layout, wanted: &[bool]) -> Vec<Interval> {
    let n = func.values.len();
    let nb = func.blocks.len();
    // Per block: values read before being defined there, and values defined.
    let mut uses = vec![ValueSet::new(n); nb];
    let mut defs = vec![ValueSet::new(n); nb];
    for &b in &layout.order {
        let (u, d) = (&mut uses[b.index()], &mut defs[b.index()]);
        for &p in &func.blocks[b.index()].params {
            d.insert(p);
        }
        for &inst in &func.blocks[b.index()].insts {
            let data = &func.insts[inst.index()];
            data.kind.for_each_arg(|a| {
                if !d.contains(a) {
                    u.insert(a);
                }
            });
            if let Some(r) = data.result {
                d.insert(r);
            }
        }
    }
    // Backward dataflow to a fixed point, visiting blocks in postorder.
    let mut live_in = vec![ValueSet::new(n); nb];
    let mut changed = true;
    while changed {
        changed = false;
        for &b in layout.order.iter().rev() {
            let mut live = live_out(func, b, &live_in, n);
            for (w, word) in live.0.iter_mut().enumerate() {
                *word = (*word & !defs[b.index()].0[w]) | uses[b.index()].0[w];
            }
            if live != live_in[b.index()] {
                live_in[b.index()] = live;
                changed = true;
            }
        }
    }
    let mut start = vec![u32::MAX; n];
    let mut end = vec![0u32; n];
    for &b in &layout.order {
        let bs = layout.block_start[b.index()];
        for &p in &func.blocks[b.index()].params {
            start[p.index()] = bs;
            end[p.index()] = end[p.index()].max(bs);
        }
        for &inst in &func.blocks[b.index()].insts {
            let pos = layout.inst_pos[inst.index()];
            let data = &func.insts[inst.index()];
            data.kind
                .for_each_arg(|a| end[a.index()] = end[a.index()].max(pos));
            if let Some(r) = data.result {
                start[r.index()] = pos + 1;
                end[r.index()] = end[r.index()].max(pos + 1);
            }
        }
        for v in live_out(func, b, &live_in, n).iter() {
            end[v.index()] = end[v.index()].max(layout.block_end[b.index()]);
        }
        for v in live_in[b.index()].iter() {
            start[v.index()] = start[v.index()].min(bs);
        }
    }
    let mut out: Vec<Interval> = (0..n)
        .filter(|&v| wanted[v] && start[v] != u32::MAX && func.values[v] != ValueDef::Unused)
        .map(|v| Interval {
            value: Value::new(v),
            start: start[v],
            end: end[v].max(start[v]),
        })
        .collect();
    out.sort_by_key(|iv| (iv.start, iv.value));
    out
}

fn live_out(func: &Function, b: Block, live_in: &[ValueSet], n: usize) -> ValueSet {
    let mut live = ValueSet::new(n);
    for s in func.successors(b) {
        for (w, word) in live.0.iter_mut().enumerate() {
            *word |= live_in[s.index()].0[w];
        }
    }
    live
}
