//! Control-flow order and dominators.
//!
//! Needs: a [`Function`] (any, even malformed). Gives: the blocks reachable
//! from the entry and their reverse postorder, predecessor lists, and the
//! dominator tree ([`DomTree`]), computed with semi-dominators and nearest
//! common ancestors (Lengauer and Tarjan's semi-dominators, Georgiadis's
//! "SNCA" way to the immediate dominators); and [`Cfg`], which keeps the
//! predecessors and the dominator tree of a function from one optimizer
//! pass to the next while its control flow does not change.
//!
//! Only blocks in the layout take part: a jump to a block that is out of
//! range or not in the layout is skipped here (the verifier reports it), so
//! these functions never panic.

use super::{Block, Function};
use crate::reuse::{empty_with_room, refill};
use alloc::vec::Vec;

/// Marks blocks that have no reverse-postorder number (unreachable ones).
const UNREACHABLE: u32 = u32::MAX;

/// Fills `in_layout` with whether each block (by index) is in the layout.
fn layout_membership(func: &Function, in_layout: &mut Vec<bool>) {
    refill(in_layout, func.blocks.len(), false);
    for block in &func.layout {
        if let Some(slot) = in_layout.get_mut(block.index()) {
            *slot = true;
        }
    }
}

/// The targets of `block`'s terminator that are blocks of the layout, in
/// terminator order (one entry per edge): at most two, the first `len`
/// of the array.
fn checked_successors(func: &Function, in_layout: &[bool], block: Block) -> ([Block; 2], usize) {
    let mut succs = [Block(0); 2];
    let mut len = 0;
    let Some(data) = func.blocks.get(block.index()) else {
        return (succs, 0);
    };
    let Some(last) = data.insts.last().and_then(|i| func.insts.get(i.index())) else {
        return (succs, 0);
    };
    for dest in last.kind.successors() {
        let target = dest.block(&func.pool);
        if in_layout.get(target.index()).copied().unwrap_or(false) {
            succs[len] = target;
            len += 1;
        }
    }
    (succs, len)
}

/// The edges of a function's layout, gathered once for the walks below
/// (the predecessor count, their placement, the depth-first search), which
/// would each otherwise look up every terminator again.
#[derive(Clone, Debug, Default)]
struct Edges {
    /// The targets of each block's terminator that are blocks of the
    /// layout, as [`checked_successors`] gives them (the first `.1`); none
    /// for blocks out of the layout.
    succs: Vec<([Block; 2], u8)>,
    /// The blocks of the layout, each once (a malformed layout may repeat
    /// one), in layout order.
    blocks: Vec<Block>,
    /// Working tables: whether each block is in the layout, and whether
    /// the walk over the layout has met it.
    in_layout: Vec<bool>,
    seen: Vec<bool>,
}

impl Edges {
    fn compute(func: &Function) -> Edges {
        let mut edges = Edges::default();
        edges.recompute(func);
        edges
    }

    /// The edges of `func`, in the tables of the last computation.
    fn recompute(&mut self, func: &Function) {
        layout_membership(func, &mut self.in_layout);
        refill(&mut self.succs, func.blocks.len(), ([Block(0); 2], 0));
        refill(&mut self.seen, func.blocks.len(), false);
        self.blocks.clear();
        self.blocks.reserve(func.layout.len());
        for &block in &func.layout {
            match self.seen.get_mut(block.index()) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            let (targets, len) = checked_successors(func, &self.in_layout, block);
            self.succs[block.index()] = (targets, len as u8);
            self.blocks.push(block);
        }
    }

    /// The successors of `block` in the layout, in terminator order.
    fn of(&self, block: Block) -> &[Block] {
        let (targets, len) = &self.succs[block.index()];
        &targets[..usize::from(*len)]
    }
}

/// The blocks reachable from the entry block, in reverse postorder: every
/// block comes before its successors except along back edges. The search
/// visits a branch's targets last first, so that the first target comes
/// first in the order (for straight-line code, the order of the text).
///
/// Empty when the function has no blocks or its entry is out of range.
pub fn reverse_postorder(func: &Function) -> Vec<Block> {
    depth_first(func, &Edges::compute(func)).rpo
}

/// Whether a path from the entry reaches each block (by index): one walk
/// over the successors, for a pass that needs no more of the control flow
/// (a [`DomTree`] knows it too: [`DomTree::is_reachable`]).
pub fn reachable_blocks(func: &Function) -> Vec<bool> {
    let mut walk = ReachWalk::default();
    walk.recompute(func);
    walk.state
        .into_iter()
        .map(|s| s == ReachWalk::REACHED)
        .collect()
}

/// The walk of [`reachable_blocks`], in tables kept for the next one.
#[derive(Clone, Debug, Default)]
struct ReachWalk {
    /// Each block's state: outside the layout (never entered), in it and
    /// not reached yet, or reached.
    state: Vec<u8>,
    /// The blocks reached whose successors are still to be seen.
    work: Vec<Block>,
}

impl ReachWalk {
    const OUTSIDE: u8 = 0;
    const UNSEEN: u8 = 1;
    const REACHED: u8 = 2;

    /// Walks `func` from its entry.
    fn recompute(&mut self, func: &Function) {
        let ReachWalk { state, work } = self;
        refill(state, func.blocks.len(), Self::OUTSIDE);
        for b in &func.layout {
            if let Some(s) = state.get_mut(b.index()) {
                *s = Self::UNSEEN;
            }
        }
        // Each block goes on the list at most once.
        empty_with_room(work, func.layout.len());
        let reach = |b: Block, state: &mut [u8], work: &mut Vec<Block>| {
            if let Some(s @ &mut Self::UNSEEN) = state.get_mut(b.index()) {
                *s = Self::REACHED;
                work.push(b);
            }
        };
        if let Some(&entry) = func.layout.first() {
            reach(entry, state, work);
        }
        while let Some(b) = work.pop() {
            let last = func.blocks[b.index()].insts.last();
            if let Some(data) = last.and_then(|i| func.insts.get(i.index())) {
                for dest in data.kind.successors() {
                    reach(dest.block(&func.pool), state, work);
                }
            }
        }
    }

    /// Whether the last walk reached `block`.
    fn reached(&self, block: Block) -> bool {
        self.state.get(block.index()) == Some(&Self::REACHED)
    }
}

/// One depth-first search from the entry over the blocks of the layout,
/// in the order [`reverse_postorder`] describes.
#[derive(Clone, Debug, Default)]
struct DepthFirst {
    /// The reachable blocks in reverse postorder.
    rpo: Vec<Block>,
    /// The reachable blocks in preorder (the order they were first reached).
    preorder: Vec<Block>,
    /// The parent of each block of `preorder` in the search's spanning
    /// tree, by preorder number (the entry's is itself).
    parent: Vec<u32>,
    /// The preorder number of each block (by index), or [`UNREACHABLE`].
    pre: Vec<u32>,
    /// The search's stack: each frame holds a block, its preorder number,
    /// and how many of its successors (from the front) it has still to
    /// visit.
    stack: Vec<(Block, u32, usize)>,
    /// Whether each block (by index) has been left for good (its
    /// postorder place taken): an edge to a block reached but not left
    /// goes back up the search's path, closing a cycle.
    left: Vec<bool>,
    /// Whether the reachable blocks have a cycle (an edge back up the
    /// path, a block's jump to itself included).
    cyclic: bool,
}

fn depth_first(func: &Function, edges: &Edges) -> DepthFirst {
    let mut search = DepthFirst::default();
    search.recompute(func, edges);
    search
}

impl DepthFirst {
    /// The search over `func`, in the tables of the last one.
    fn recompute(&mut self, func: &Function, edges: &Edges) {
        let DepthFirst {
            rpo: postorder,
            preorder,
            parent,
            pre,
            stack,
            left,
            cyclic,
        } = self;
        postorder.clear();
        preorder.clear();
        parent.clear();
        pre.clear();
        stack.clear();
        *cyclic = false;
        let Some(&entry) = func.layout.first() else {
            return;
        };
        if entry.index() >= func.blocks.len() {
            return;
        }
        // A block is visited once it has a preorder number.
        pre.resize(func.blocks.len(), UNREACHABLE);
        refill(left, func.blocks.len(), false);
        postorder.reserve(func.layout.len());
        preorder.reserve(func.layout.len());
        parent.reserve(func.layout.len());
        pre[entry.index()] = 0;
        preorder.push(entry);
        parent.push(0);
        stack.push((entry, 0, edges.of(entry).len()));
        while let Some((block, number, pending)) = stack.last_mut() {
            if *pending > 0 {
                *pending -= 1;
                let next = edges.of(*block)[*pending];
                if pre[next.index()] == UNREACHABLE {
                    let up = *number;
                    let next_number = preorder.len() as u32;
                    pre[next.index()] = next_number;
                    preorder.push(next);
                    parent.push(up);
                    stack.push((next, next_number, edges.of(next).len()));
                } else if !left[next.index()] {
                    *cyclic = true;
                }
            } else {
                left[block.index()] = true;
                postorder.push(*block);
                stack.pop();
            }
        }
        postorder.reverse();
    }
}

/// The predecessors of every block, indexed by block: one entry per edge
/// from a block of the layout, so a block appears twice in a list when both
/// targets of its branch are the same block. Unreachable blocks of the
/// layout count as predecessors too.
pub fn predecessors(func: &Function) -> Vec<Vec<Block>> {
    let table = Predecessors::compute(func);
    (0..func.blocks.len())
        .map(|b| table.of(Block::new(b)).to_vec())
        .collect()
}

/// The predecessors of every block in one table (what [`predecessors`]
/// gives, without a list per block).
#[derive(Clone, Debug, Default)]
pub struct Predecessors {
    /// The predecessors of block `b` are `list[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    list: Vec<Block>,
}

impl Predecessors {
    /// The predecessors of each block of `func`, as [`predecessors`] lists
    /// them.
    pub fn compute(func: &Function) -> Predecessors {
        Predecessors::from_edges(func, &Edges::compute(func))
    }

    fn from_edges(func: &Function, edges: &Edges) -> Predecessors {
        let mut preds = Predecessors::default();
        preds.recompute(func, edges);
        preds
    }

    /// The predecessors of each block of `func`, in the tables of the last
    /// computation.
    fn recompute(&mut self, func: &Function, edges: &Edges) {
        let n = func.blocks.len();
        let Predecessors { start, list } = self;
        // Count each block's predecessors, then place them (a counting
        // sort): each list is filled from its end, taking the edges in
        // reverse layout order, which leaves it in layout order.
        refill(start, n + 1, 0);
        for &block in &edges.blocks {
            for &succ in edges.of(block) {
                start[succ.index() + 1] += 1;
            }
        }
        for b in 0..n {
            start[b + 1] += start[b];
        }
        refill(list, start[n] as usize, Block(0));
        for &block in edges.blocks.iter().rev() {
            for &succ in edges.of(block).iter().rev() {
                let end = &mut start[succ.index() + 1];
                *end -= 1;
                list[*end as usize] = block;
            }
        }
        // `start[b + 1]` now holds the start of b's list: shift the table
        // down.
        start.remove(0);
        start.push(list.len() as u32);
    }

    /// The predecessors of `block`, one per edge, in layout order (empty
    /// for blocks out of range).
    pub fn of(&self, block: Block) -> &[Block] {
        match (
            self.start.get(block.index()),
            self.start.get(block.index() + 1),
        ) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The dominator tree of a function's reachable blocks.
///
/// Block `a` dominates block `b` when every path from the entry to `b` goes
/// through `a`; the immediate dominator of `b` is its closest strict
/// dominator. Queries about unreachable or out-of-range blocks answer
/// `None` or `false`.
#[derive(Clone, Debug, Default)]
pub struct DomTree {
    /// Reachable blocks in reverse postorder.
    rpo: Vec<Block>,
    /// Position of each block in `rpo`, or [`UNREACHABLE`].
    rpo_number: Vec<u32>,
    /// Immediate dominator of each block; the entry points to itself, which
    /// stops the walks up the tree.
    idom: Vec<Option<Block>>,
    /// The blocks each block immediately dominates, in reverse postorder:
    /// those of `b` are `children[child_start[b]..child_start[b + 1]]`.
    children: Vec<Block>,
    child_start: Vec<u32>,
    /// Preorder and postorder numbers of each block in the dominator tree:
    /// `a` dominates `b` exactly when `b`'s interval nests in `a`'s, which
    /// answers `dominates` in constant time however deep the tree.
    interval: Vec<(u32, u32)>,
}

impl DomTree {
    /// Computes the dominator tree of `func`.
    pub fn compute(func: &Function) -> DomTree {
        DomTree::compute_from(func, &Predecessors::compute(func))
    }

    /// Computes the dominator tree of `func`, whose predecessors `preds`
    /// (from [`Predecessors::compute`]) the caller has already.
    pub fn compute_from(func: &Function, preds: &Predecessors) -> DomTree {
        DomTree::from_edges(func, &Edges::compute(func), preds)
    }

    fn from_edges(func: &Function, edges: &Edges, preds: &Predecessors) -> DomTree {
        let mut dom = DomTree::default();
        dom.recompute(func, edges, preds, &mut DomScratch::default());
        dom
    }

    /// The dominator tree of `func`, in the tables of the last computation
    /// (and with the working tables of `scratch`).
    fn recompute(
        &mut self,
        func: &Function,
        edges: &Edges,
        preds: &Predecessors,
        scratch: &mut DomScratch,
    ) {
        scratch.search.recompute(func, edges);
        self.recompute_after_search(func, preds, scratch);
    }

    /// [`DomTree::recompute`] with the depth-first search of `func` done
    /// already (in `scratch`); its order becomes the tree's.
    fn recompute_after_search(
        &mut self,
        func: &Function,
        preds: &Predecessors,
        scratch: &mut DomScratch,
    ) {
        immediate_dominators(
            func,
            &scratch.search,
            preds,
            &mut scratch.snca,
            &mut self.idom,
        );
        // The search's order becomes the tree's; the tree's old table
        // waits in the search for the next one.
        core::mem::swap(&mut self.rpo, &mut scratch.search.rpo);
        let n = func.blocks.len();
        refill(&mut self.rpo_number, n, UNREACHABLE);
        for (i, block) in self.rpo.iter().enumerate() {
            self.rpo_number[block.index()] = i as u32;
        }
        // A counting sort: `child_start[b]` counts up to the end of the
        // children of `b`, then down to their start as they are placed,
        // from the last in reverse postorder.
        let DomTree {
            rpo,
            idom,
            children,
            child_start,
            ..
        } = self;
        refill(child_start, n + 1, 0);
        for &block in rpo.iter().skip(1) {
            if let Some(parent) = idom[block.index()] {
                child_start[parent.index()] += 1;
            }
        }
        for b in 1..n {
            child_start[b] += child_start[b - 1];
        }
        let placed = rpo.len().saturating_sub(1);
        child_start[n] = placed as u32;
        refill(children, placed, Block(0));
        for &block in rpo.iter().skip(1).rev() {
            if let Some(parent) = idom[block.index()] {
                child_start[parent.index()] -= 1;
                children[child_start[parent.index()] as usize] = block;
            }
        }
        refill(&mut self.interval, n, (0, 0));
        let mut counter = 0;
        let stack = &mut scratch.stack;
        stack.clear();
        if let Some(&entry) = self.rpo.first() {
            stack.push((entry, 0));
        }
        while let Some((block, next_child)) = stack.last_mut() {
            counter += 1;
            match self.children(*block).get(*next_child) {
                Some(&child) => {
                    *next_child += 1;
                    self.interval[child.index()].0 = counter;
                    stack.push((child, 0));
                }
                None => {
                    self.interval[block.index()].1 = counter;
                    stack.pop();
                }
            }
        }
    }

    /// The reachable blocks in reverse postorder (the entry first).
    pub fn rpo(&self) -> &[Block] {
        &self.rpo
    }

    /// Whether `block` is reachable from the entry block.
    pub fn is_reachable(&self, block: Block) -> bool {
        self.rpo_number
            .get(block.index())
            .is_some_and(|&n| n != UNREACHABLE)
    }

    /// The immediate dominator of `block`: `None` for the entry block and for
    /// unreachable blocks.
    pub fn idom(&self, block: Block) -> Option<Block> {
        let parent = (*self.idom.get(block.index())?)?;
        (parent != block).then_some(parent)
    }

    /// The blocks `block` immediately dominates (its children in the tree),
    /// in reverse postorder; empty for unreachable blocks.
    pub fn children(&self, block: Block) -> &[Block] {
        match (
            self.child_start.get(block.index()),
            self.child_start.get(block.index() + 1),
        ) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Whether `a` dominates `b` (every block dominates itself). False when
    /// either block is unreachable.
    pub fn dominates(&self, a: Block, b: Block) -> bool {
        if !self.is_reachable(a) || !self.is_reachable(b) {
            return false;
        }
        let (a_pre, a_post) = self.interval[a.index()];
        let (b_pre, b_post) = self.interval[b.index()];
        a_pre <= b_pre && b_post <= a_post
    }
}

/// The working tables of a dominator tree's computation.
#[derive(Clone, Debug, Default)]
struct DomScratch {
    search: DepthFirst,
    snca: Snca,
    /// The stack of the walk that numbers the tree.
    stack: Vec<(Block, usize)>,
}

/// The control-flow analyses of one function, each computed on first use
/// and kept from one pass to the next while the control flow stays as it
/// was: the depth-first search (reverse postorder, reachability, whether
/// there is a cycle), the predecessors and the dominator tree. All depend
/// only on the layout and on the targets of the terminators. A pass that
/// changes either (adds or removes a block, an edge or a target) calls
/// [`Cfg::forget`].
///
/// A pass asks only for what it needs: the search alone is much cheaper
/// than the dominator tree, and a function without a cycle, or with
/// nothing for a pass to do, may never need the tree.
///
/// Forgotten analyses keep their tables, which the next computation fills
/// again: one `Cfg` serves every function of a module in turn (forgotten
/// between them) and allocates little after the first.
#[derive(Clone, Debug, Default)]
pub struct Cfg {
    /// Whether `edges` are those of the function at hand.
    has_edges: bool,
    /// Whether the depth-first search (in `scratch`, or its order in
    /// `dom` once that is known) is.
    searched: bool,
    /// Whether `preds` are.
    has_preds: bool,
    /// Whether `dom` is.
    known: bool,
    preds: Predecessors,
    dom: DomTree,
    edges: Edges,
    scratch: DomScratch,
    /// The tables of [`Cfg::reachable_now`]'s walk.
    walk: ReachWalk,
}

impl Cfg {
    /// The predecessors and dominator tree of `func`, which must be the
    /// function they were computed for, unchanged in its control flow
    /// since.
    pub fn get(&mut self, func: &Function) -> (&Predecessors, &DomTree) {
        if !self.known {
            self.search(func);
            self.find_predecessors(func);
            self.dom
                .recompute_after_search(func, &self.preds, &mut self.scratch);
            self.known = true;
        }
        debug_assert_eq!(
            self.dom.rpo(),
            reverse_postorder(func),
            "stale control-flow analyses"
        );
        (&self.preds, &self.dom)
    }

    /// The predecessors of each block of `func` (without the dominator
    /// tree, unless it is known already).
    pub fn predecessors(&mut self, func: &Function) -> &Predecessors {
        self.find_predecessors(func);
        &self.preds
    }

    /// The blocks of `func` reachable from the entry, in reverse
    /// postorder ([`reverse_postorder`]; the dominator tree's order).
    pub fn rpo(&mut self, func: &Function) -> &[Block] {
        if self.known {
            return self.dom.rpo();
        }
        self.search(func);
        &self.scratch.search.rpo
    }

    /// Whether a path from the entry reaches `block` (false for blocks out
    /// of range or out of the layout).
    pub fn reaches(&mut self, func: &Function, block: Block) -> bool {
        self.reachable(func)(block)
    }

    /// [`Cfg::reaches`] for any block, once the search is made.
    pub fn reachable(&mut self, func: &Function) -> impl Fn(Block) -> bool + '_ {
        self.search(func);
        let pre = &self.scratch.search.pre;
        move |block: Block| pre.get(block.index()).is_some_and(|&n| n != UNREACHABLE)
    }

    /// Whether a path from the entry reaches each block (false for blocks
    /// out of range or out of the layout): the search's answer if it is
    /// made, else that of one walk over the successors
    /// ([`reachable_blocks`]), which is cheaper than the search and is
    /// not kept.
    pub fn reachable_now(&mut self, func: &Function) -> impl Fn(Block) -> bool + '_ {
        let searched = self.searched;
        if !searched {
            self.walk.recompute(func);
        }
        let (pre, walk) = (&self.scratch.search.pre, &self.walk);
        move |block: Block| match searched {
            true => pre.get(block.index()).is_some_and(|&n| n != UNREACHABLE),
            false => walk.reached(block),
        }
    }

    /// Whether the depth-first search is made (so that [`Cfg::reaches`]
    /// and [`Cfg::rpo`] cost nothing more).
    pub fn is_searched(&self) -> bool {
        self.searched
    }

    /// Whether a cycle of the control flow runs through blocks reachable
    /// from the entry (without a cycle there are no loops).
    pub fn has_cycle(&mut self, func: &Function) -> bool {
        self.search(func);
        self.scratch.search.cyclic
    }

    /// The analyses, if they have been computed (and not forgotten).
    pub fn known(&self) -> Option<(&Predecessors, &DomTree)> {
        self.known.then_some((&self.preds, &self.dom))
    }

    /// Drops the analyses (the control flow changed, or the next function
    /// is at hand); their tables stay for the next computation.
    pub fn forget(&mut self) {
        self.has_edges = false;
        self.searched = false;
        self.has_preds = false;
        self.known = false;
    }

    fn find_edges(&mut self, func: &Function) {
        if !self.has_edges {
            self.edges.recompute(func);
            self.has_edges = true;
        }
    }

    fn search(&mut self, func: &Function) {
        if !self.searched {
            self.find_edges(func);
            self.scratch.search.recompute(func, &self.edges);
            self.searched = true;
        }
    }

    fn find_predecessors(&mut self, func: &Function) {
        if !self.has_preds {
            self.find_edges(func);
            self.preds.recompute(func, &self.edges);
            self.has_preds = true;
        }
    }
}

/// The immediate dominator of each block, by the semi-dominator and
/// nearest-common-ancestor algorithm ("SNCA", Georgiadis's refinement of
/// Lengauer and Tarjan): near-linear whatever the shape of the graph, where
/// the iterative fixpoint walked the tree once per predecessor (a block with
/// 10,000 predecessors deep in the tree, as a long `and` chain makes, cost
/// 10,000² steps). The entry is its own immediate dominator.
fn immediate_dominators(
    func: &Function,
    search: &DepthFirst,
    preds: &Predecessors,
    snca: &mut Snca,
    idom: &mut Vec<Option<Block>>,
) {
    refill(idom, func.blocks.len(), None);
    // The search's spanning tree, by preorder number: `vertex[i]` is the
    // block numbered `i`, `pre` the number of each block. (Any
    // depth-first spanning tree gives the same dominators.)
    let (vertex, pre) = (&search.preorder, &search.pre);
    // Semi-dominators, in reverse preorder, through a forest of processed
    // vertices with path compression (`ancestor`, `label`).
    let m = vertex.len();
    let Snca {
        semi,
        label,
        ancestor,
        path,
    } = snca;
    semi.clear();
    semi.extend(0..m as u32);
    label.clear();
    label.extend(0..m as u32);
    refill(ancestor, m, UNREACHABLE);
    for w in (1..m).rev() {
        for &p in preds.of(vertex[w]) {
            let v = pre[p.index()];
            if v == UNREACHABLE {
                continue;
            }
            let u = eval(v, ancestor, label, semi, path);
            semi[w] = semi[w].min(semi[u as usize]);
        }
        ancestor[w] = search.parent[w];
    }
    // The immediate dominator is the nearest ancestor of the tree parent
    // whose number is at most the semi-dominator's.
    // (In the buffer of `ancestor`, which has served.)
    let dom = ancestor;
    dom.copy_from_slice(&search.parent);
    for w in 1..m {
        let mut d = dom[w];
        while d > semi[w] {
            d = dom[d as usize];
        }
        dom[w] = d;
    }
    for (w, &b) in vertex.iter().enumerate() {
        idom[b.index()] = Some(vertex[dom[w] as usize]);
    }
}

/// The working tables of [`immediate_dominators`], by preorder number:
/// semi-dominators, the forest's labels and ancestors (the latter then
/// the dominators), and a path being compressed.
#[derive(Clone, Debug, Default)]
struct Snca {
    semi: Vec<u32>,
    label: Vec<u32>,
    ancestor: Vec<u32>,
    path: Vec<u32>,
}

/// The vertex of least semi-dominator on the forest path from `v` up to
/// (not including) its tree's root; `v` itself when it is a root. Compresses
/// the path on the way, without recursion (paths can be as long as the
/// function).
fn eval(v: u32, ancestor: &mut [u32], label: &mut [u32], semi: &[u32], path: &mut Vec<u32>) -> u32 {
    if ancestor[v as usize] == UNREACHABLE {
        return v;
    }
    // The vertices below the top two of the path, bottom up; each then
    // takes its ancestor's label and ancestor, top down.
    path.clear();
    let mut x = v;
    while ancestor[ancestor[x as usize] as usize] != UNREACHABLE {
        path.push(x);
        x = ancestor[x as usize];
    }
    for &y in path.iter().rev() {
        let a = ancestor[y as usize] as usize;
        if semi[label[a] as usize] < semi[label[y as usize] as usize] {
            label[y as usize] = label[a];
        }
        ancestor[y as usize] = ancestor[a];
    }
    label[v as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::InstKind;
    use crate::test_fixtures::{parse_one, Rng, NESTED_LOOPS};
    use alloc::string::String;

    fn b(i: u32) -> Block {
        Block(i)
    }

    const DIAMOND: &str = "function f {
block0(v0):
    br v0, block1, block2
block1:
    jump block3
block2:
    jump block3
block3:
    ret v0
}
";

    #[test]
    fn diamond() {
        let func = parse_one(DIAMOND);
        assert_eq!(reverse_postorder(&func), [b(0), b(1), b(2), b(3)]);
        let preds = predecessors(&func);
        assert_eq!(preds[3], [b(1), b(2)]);
        assert_eq!(preds[0], []);
        let dom = DomTree::compute(&func);
        assert_eq!(dom.idom(b(0)), None);
        assert_eq!(dom.idom(b(1)), Some(b(0)));
        assert_eq!(dom.idom(b(2)), Some(b(0)));
        assert_eq!(dom.idom(b(3)), Some(b(0)));
        assert!(dom.dominates(b(0), b(3)));
        assert!(dom.dominates(b(3), b(3)));
        assert!(!dom.dominates(b(1), b(3)));
        assert!(!dom.dominates(b(3), b(0)));
    }

    #[test]
    fn simple_loop() {
        let func = parse_one(
            "function f {
block0(v0):
    jump block1(v0)
block1(v1):
    br v1, block2, block3
block2:
    v2 = const 1
    v3 = sub v1, v2
    jump block1(v3)
block3:
    ret v1
}
",
        );
        assert_eq!(reverse_postorder(&func), [b(0), b(1), b(2), b(3)]);
        assert_eq!(predecessors(&func)[1], [b(0), b(2)]);
        let dom = DomTree::compute(&func);
        assert_eq!(dom.idom(b(1)), Some(b(0)));
        assert_eq!(dom.idom(b(2)), Some(b(1)));
        assert_eq!(dom.idom(b(3)), Some(b(1)));
        assert!(dom.dominates(b(1), b(2)));
        assert!(!dom.dominates(b(2), b(1)));
    }

    #[test]
    fn nested_loop() {
        // The unreachable block6 changes none of the answers.
        let func = parse_one(NESTED_LOOPS);
        let rpo = reverse_postorder(&func);
        assert_eq!(rpo, [b(0), b(1), b(2), b(3), b(4), b(5)]);
        let dom = DomTree::compute(&func);
        let idoms: Vec<_> = (0..6).map(|i| dom.idom(b(i))).collect();
        assert_eq!(
            idoms,
            [
                None,
                Some(b(0)),
                Some(b(1)),
                Some(b(2)),
                Some(b(2)),
                Some(b(1))
            ]
        );
        assert!(dom.dominates(b(1), b(4)));
        assert!(dom.dominates(b(2), b(3)));
        assert!(!dom.dominates(b(3), b(4)));
        assert_eq!(predecessors(&func)[2], [b(1), b(3)]);
    }

    #[test]
    fn unreachable_blocks() {
        let func = parse_one(
            "function f {
block0(v0):
    jump block2
block1:
    jump block2
block2:
    ret v0
block3:
    jump block3
}
",
        );
        assert_eq!(reverse_postorder(&func), [b(0), b(2)]);
        // Unreachable blocks still count as predecessors.
        assert_eq!(predecessors(&func)[2], [b(0), b(1)]);
        assert_eq!(predecessors(&func)[3], [b(3)]);
        let dom = DomTree::compute(&func);
        assert!(dom.is_reachable(b(2)));
        assert!(!dom.is_reachable(b(1)));
        assert!(!dom.is_reachable(b(3)));
        assert_eq!(dom.idom(b(2)), Some(b(0)));
        assert_eq!(dom.idom(b(1)), None);
        assert!(!dom.dominates(b(1), b(2)));
        assert!(!dom.dominates(b(3), b(3)));
        assert!(!dom.is_reachable(b(99)));
        assert!(!dom.dominates(b(99), b(0)));
    }

    #[test]
    fn same_target_twice_is_two_edges() {
        let func = parse_one(
            "function f {
block0(v0):
    br v0, block1, block1
block1:
    ret v0
}
",
        );
        assert_eq!(predecessors(&func)[1], [b(0), b(0)]);
        assert_eq!(DomTree::compute(&func).idom(b(1)), Some(b(0)));
    }

    #[test]
    fn irreducible_loop() {
        // block1 and block2 jump into each other; both are entered from block0.
        let func = parse_one(
            "function f {
block0(v0):
    br v0, block1, block2
block1:
    br v0, block2, block3
block2:
    br v0, block1, block3
block3:
    ret v0
}
",
        );
        let dom = DomTree::compute(&func);
        for i in 1..4 {
            assert_eq!(dom.idom(b(i)), Some(b(0)));
        }
    }

    #[test]
    fn deep_chain_and_children() {
        // Deep enough that recursion or walks up the tree per query would show.
        let mut text = String::from("function f {\nblock0(v0):\n    jump block1\n");
        let n = 20_000;
        for i in 1..n {
            text += &alloc::format!("block{i}:\n    br v0, block{}, block{n}\n", i + 1);
        }
        text += &alloc::format!("block{n}:\n    ret v0\n}}\n");
        let func = parse_one(&text);
        let dom = DomTree::compute(&func);
        assert_eq!(dom.rpo().len(), n as usize + 1);
        assert_eq!(dom.idom(b(n)), Some(b(1)));
        assert_eq!(dom.children(b(1)), [b(2), b(n)]);
        assert_eq!(dom.children(b(n - 1)), []);
        for i in 0..n {
            assert!(dom.dominates(b(0), b(i)) && dom.dominates(b(i), b(n - 1)));
        }
        assert!(!dom.dominates(b(2), b(n)));
    }

    /// Blocks reachable from `from` (itself included) when `removed` is
    /// taken out.
    fn reachable_without(func: &Function, from: Block, removed: Option<Block>) -> Vec<bool> {
        let mut seen = alloc::vec![false; func.blocks.len()];
        let mut stack = alloc::vec![from];
        while let Some(block) = stack.pop() {
            if Some(block) == removed || core::mem::replace(&mut seen[block.index()], true) {
                continue;
            }
            stack.extend(func.successors(block));
        }
        seen
    }

    /// A random function of 2 to 11 blocks (up to two edges each, so
    /// loops, unreachable blocks and irreducible graphs all occur): each
    /// block ends in a `ret` or a `jump` one time in `kinds` each, else in
    /// a `br`.
    fn random_graph(next: &mut impl FnMut(usize) -> u32, kinds: usize) -> Function {
        let n = 2 + next(10) as usize;
        let mut func = Function::new("f");
        for _ in 0..n {
            func.create_block();
        }
        let c = func.append_block_param(Block(0));
        for i in 0..n {
            let (first, second) = (next(n), next(n));
            let mut to = |target| func.make_call(Block(target), &[]);
            let kind = match next(kinds) {
                0 => InstKind::Return(c),
                1 => InstKind::Jump(to(first)),
                _ => InstKind::Branch(c, [to(first), to(second)]),
            };
            func.append_inst(Block(i as u32), kind);
        }
        func
    }

    #[test]
    fn agrees_with_the_definition_on_random_graphs() {
        let mut rng = Rng::new(0x1234_5678_9ABC_DEF1);
        let mut next = |n: usize| rng.below(n) as u32;
        // One `Cfg` for every graph, as the optimizer keeps one for every
        // function of a module: its tables, left from graphs of other
        // sizes, must give what fresh ones give.
        let mut cfg = Cfg::default();
        for _ in 0..500 {
            let func = random_graph(&mut next, 3);
            let n = func.blocks.len();
            let dom = DomTree::compute(&func);
            cfg.forget();
            assert!(cfg.known().is_none());
            let (kept_preds, kept_dom) = cfg.get(&func);
            assert_eq!(kept_dom.rpo(), dom.rpo());
            for (x, list) in predecessors(&func).iter().enumerate() {
                assert_eq!(kept_preds.of(b(x as u32)), list, "{x}\n{func}");
                assert_eq!(kept_dom.idom(b(x as u32)), dom.idom(b(x as u32)));
                for y in 0..n as u32 {
                    let (x, y) = (b(x as u32), b(y));
                    assert_eq!(kept_dom.dominates(x, y), dom.dominates(x, y));
                }
            }
            let reachable = reachable_without(&func, Block(0), None);
            assert_eq!(reachable_blocks(&func), reachable);
            for x in 0..n as u32 {
                let without = reachable_without(&func, Block(0), Some(b(x)));
                for y in 0..n as u32 {
                    let expected = reachable[y as usize] && (x == y || !without[y as usize]);
                    assert_eq!(dom.dominates(b(x), b(y)), expected, "{x} {y}\n{func}");
                }
                assert_eq!(dom.is_reachable(b(x)), reachable[x as usize]);
                // The idom is the strict dominator every other one dominates.
                if let Some(parent) = dom.idom(b(x)) {
                    assert!(parent != b(x) && dom.dominates(parent, b(x)));
                    for d in 0..n as u32 {
                        if d != x && dom.dominates(b(d), b(x)) {
                            assert!(dom.dominates(b(d), parent));
                        }
                    }
                } else {
                    assert!(x == 0 || !reachable[x as usize]);
                }
            }
        }
    }

    #[test]
    fn each_analysis_alone_agrees_with_the_definition() {
        // Whatever is asked first (each computes only what it needs), the
        // answers are those of the whole analyses and of the definitions.
        let mut rng = Rng::new(0x0BAD_5EED_1234_5678);
        let mut next = |n: usize| rng.below(n) as u32;
        let mut cfg = Cfg::default();
        for round in 0..600 {
            let func = random_graph(&mut next, 4);
            let n = func.blocks.len();
            let reachable = reachable_without(&func, Block(0), None);
            let cyclic = (0..n).any(|x| {
                reachable[x]
                    && func
                        .successors(b(x as u32))
                        .any(|y| reachable_without(&func, y, None)[x])
            });
            let rpo = reverse_postorder(&func);
            cfg.forget();
            for ask in [round % 4, (round + 1) % 4, (round + 2) % 4] {
                match ask {
                    0 => assert_eq!(cfg.has_cycle(&func), cyclic, "{func}"),
                    1 => assert_eq!(cfg.rpo(&func), rpo),
                    2 => {
                        for (x, &reached) in reachable.iter().enumerate() {
                            assert_eq!(cfg.reaches(&func, b(x as u32)), reached);
                        }
                    }
                    _ => {
                        let preds = cfg.predecessors(&func);
                        for (x, list) in predecessors(&func).iter().enumerate() {
                            assert_eq!(preds.of(b(x as u32)), list);
                        }
                    }
                }
            }
            assert_eq!(cfg.get(&func).1.rpo(), rpo);
            assert_eq!(cfg.rpo(&func), rpo);
            assert_eq!(cfg.has_cycle(&func), cyclic);
            assert!(!cfg.reaches(&func, b(n as u32 + 3)));
        }
    }

    #[test]
    fn malformed_cfg_does_not_panic() {
        let mut func = Function::new("f");
        assert!(reachable_blocks(&func).is_empty());
        assert!(reverse_postorder(&func).is_empty());
        assert!(DomTree::compute(&func).rpo().is_empty());
        let entry = func.create_block();
        let v = func.append_block_param(entry);
        let targets = [func.make_call(Block(7), &[]), func.make_call(entry, &[])];
        func.append_inst(entry, InstKind::Branch(v, targets));
        func.blocks[0].insts.push(crate::ir::Inst(40));
        func.layout.push(Block(12));
        func.layout.push(entry);
        assert_eq!(reverse_postorder(&func), [entry]);
        assert_eq!(reachable_blocks(&func), [true]);
        assert_eq!(predecessors(&func)[0], []);
        func.blocks[0].insts.pop();
        assert_eq!(predecessors(&func)[0], [entry]);
        let dom = DomTree::compute(&func);
        assert_eq!(dom.idom(entry), None);
        func.layout[0] = Block(9);
        assert!(reverse_postorder(&func).is_empty());
        assert_eq!(reachable_blocks(&func), [false]);
    }
}
