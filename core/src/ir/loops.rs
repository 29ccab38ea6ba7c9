//! Natural loops, from the dominator tree ([`super::dom`]): the analysis
//! [`crate::opt::licm`] needs, beside the other control-flow analyses.
//!
//! Needs: a function, its [`DomTree`] and predecessor lists (any function;
//! unreachable blocks are never part of a loop). Gives: one [`Loop`] per
//! block that is the target of a back edge, inner loops after the loops
//! that contain them.
//!
//! A back edge is an edge whose target (the header) dominates its source
//! (a latch). The loop of a header is the header and every block that
//! reaches a latch without passing through the header; all back edges into
//! one header make one loop. Irreducible cycles (entered at several blocks,
//! none of which dominates the others) have no back edge and no loop.

use crate::ir::dom::{DomTree, Predecessors};
use crate::ir::{Block, Function};
use crate::reuse::refill;
use alloc::vec::Vec;

/// A natural loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loop {
    /// The block every iteration starts at; it dominates the whole loop.
    pub header: Block,
    /// The blocks of the loop in reverse postorder, the header first (so a
    /// block comes after the blocks that dominate it).
    pub blocks: Vec<Block>,
    /// The innermost loop containing this one, by index in the list
    /// [`find_loops`] returns (always an earlier one).
    pub parent: Option<usize>,
}

/// The natural loops of `func`, ordered by the reverse-postorder position
/// of their headers: a loop comes before the loops nested in it, so walking
/// the result backwards visits inner loops first.
pub fn find_loops(func: &Function, dom: &DomTree, preds: &Predecessors) -> Vec<Loop> {
    let mut loops = Vec::new();
    find_loops_into(func, dom, preds, &mut LoopTables::default(), &mut loops);
    loops
}

/// The tables of [`find_loops_into`], kept from one function to the next
/// (their contents mean nothing between runs), with the block lists of
/// loops found before, to be filled again.
#[derive(Clone, Debug, Default)]
pub struct LoopTables {
    rpo_number: Vec<u32>,
    member: Vec<u32>,
    innermost: Vec<Option<usize>>,
    work: Vec<Block>,
    spare: Vec<Vec<Block>>,
}

/// [`find_loops`] into `loops` (whatever it held), with the tables of
/// `tables`: the block lists of the loops `loops` held serve the new
/// ones.
pub fn find_loops_into(
    func: &Function,
    dom: &DomTree,
    preds: &Predecessors,
    tables: &mut LoopTables,
    loops: &mut Vec<Loop>,
) {
    let LoopTables {
        rpo_number,
        member,
        innermost,
        work,
        spare,
    } = tables;
    spare.extend(loops.drain(..).map(|lp| lp.blocks));
    let rpo = dom.rpo();
    // Most functions have no loop: no tables for them.
    let back_edge = |header: Block| preds.of(header).iter().any(|&p| dom.dominates(header, p));
    if !rpo.iter().any(|&b| back_edge(b)) {
        return;
    }
    refill(rpo_number, func.blocks.len(), u32::MAX);
    for (i, b) in rpo.iter().enumerate() {
        rpo_number[b.index()] = i as u32;
    }
    // `member[b] == stamp` marks the blocks of the loop being collected.
    refill(member, func.blocks.len(), 0);
    // The innermost loop found so far that contains each block: natural
    // loops are disjoint or nested, and a loop comes after the loops
    // around it, so the last one to claim a block is the innermost.
    refill(innermost, func.blocks.len(), None);
    work.clear();
    for &header in rpo {
        let stamp = loops.len() as u32 + 1;
        for &pred in preds.of(header) {
            if dom.dominates(header, pred) {
                work.push(pred);
            }
        }
        if work.is_empty() {
            continue;
        }
        let mut blocks = spare.pop().unwrap_or_default();
        blocks.clear();
        member[header.index()] = stamp;
        blocks.push(header);
        while let Some(b) = work.pop() {
            if member[b.index()] == stamp || !dom.is_reachable(b) {
                continue;
            }
            member[b.index()] = stamp;
            blocks.push(b);
            work.extend(preds.of(b));
        }
        blocks.sort_unstable_by_key(|b| rpo_number[b.index()]);
        let parent = innermost[header.index()];
        for b in &blocks {
            innermost[b.index()] = Some(loops.len());
        }
        loops.push(Loop {
            header,
            blocks,
            parent,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{parse_one, NESTED_LOOPS};
    use alloc::vec;

    /// Header, blocks and parent of each loop.
    fn loops_of(text: &str) -> Vec<(u32, Vec<u32>, Option<usize>)> {
        let func = parse_one(text);
        let dom = DomTree::compute(&func);
        find_loops(&func, &dom, &Predecessors::compute(&func))
            .into_iter()
            .map(|l| (l.header.0, l.blocks.iter().map(|b| b.0).collect(), l.parent))
            .collect()
    }

    #[test]
    fn nested_loops_outer_first() {
        let loops = loops_of(NESTED_LOOPS);
        assert_eq!(
            loops,
            [(1, vec![1, 2, 3, 4], None), (2, vec![2, 3], Some(0))]
        );
    }

    #[test]
    fn self_loop_and_two_latches() {
        let loops = loops_of(
            "function f {
block0(v0):
    br v0, block1, block2
block1:
    br v0, block1, block3
block2:
    br v0, block3, block2
block3:
    ret v0
}
",
        );
        assert_eq!(loops, [(1, vec![1], None), (2, vec![2], None)]);
        let loops = loops_of(
            "function f {
block0(v0):
    jump block1
block1:
    br v0, block2, block3
block2:
    jump block1
block3:
    br v0, block1, block4
block4:
    ret v0
}
",
        );
        assert_eq!(loops, [(1, vec![1, 2, 3], None)]);
    }

    #[test]
    fn irreducible_cycle_is_no_loop() {
        let loops = loops_of(
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
        assert_eq!(loops, []);
    }
}
