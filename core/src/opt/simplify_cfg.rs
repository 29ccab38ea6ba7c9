//! Control-flow cleanup: fewer blocks, fewer edges, fewer block parameters.
//!
//! Needs: a verified function. Keeps: every instruction that runs and its
//! order (no instruction is added, removed or moved to a path where it did
//! not run), so every result and exception; the entry block stays first.
//!
//! In order:
//! 1. blocks no path from the entry reaches leave the layout;
//! 2. a `br` whose two edges are the same becomes a `jump`;
//! 3. an edge to an empty block that only jumps on (a block whose
//!    parameters nothing else reads) goes straight to where it leads,
//!    through any chain of such blocks to its end (each chain's end is
//!    found once), unless that would give a `br` the same target twice
//!    (then it goes as far as it can, a few blocks at most);
//! 4. a block parameter that gets the same value on every edge (or itself,
//!    around a loop) is replaced by that value: SSA's "trivial phi", which
//!    is dominated by that value's definition; repeated, since one removal
//!    can make another parameter trivial;
//! 5. a block that ends with `jump B` where `B` has no other predecessor
//!    takes `B`'s instructions, its parameters becoming the jump's
//!    arguments, and `B` leaves the layout.

use super::dce::drop_unreachable_blocks_in;
use crate::ir::dom::Cfg;
use crate::ir::subst::{make_identity, replace_uses, resolve};
use crate::ir::{Block, BlockCall, Function, Inst, InstKind, Value, ValueDef};
use crate::reuse::{refill, KEEP_FOR_VALUES};
use alloc::vec::Vec;

/// The most empty blocks one edge is threaded through one at a time (when
/// the chain's end would be the other target of its branch, or the chain
/// runs into a cycle of empty blocks, which could go on forever).
const MAX_THREAD_HOPS: usize = 8;

/// [`run`] with the control-flow analyses `cfg` has of `func` (whose
/// dominator tree, if computed, tells the reachable blocks); forgets them
/// when it changes anything.
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_with(func, cfg, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// How many times the instructions of the layout read each value.
    uses: Vec<u32>,
    /// Whether each block is a forwarder: empty, jumping on, its
    /// parameters read only by its own jump.
    forwarder: Vec<bool>,
    finals: Finals,
    /// The arguments of the edge being threaded, and of its next hop.
    args: Vec<Value>,
    onward_args: Vec<Value>,
    incoming: IncomingEdges,
    /// Per parameter, the value it gets besides itself
    /// ([`has_trivial_param`]).
    only: Vec<Value>,
    /// What each value stands for ([`remove_trivial_params`],
    /// [`merge_blocks`]).
    subst: Vec<Value>,
    /// Whether each value is a parameter that goes.
    removed: Vec<bool>,
    /// How many edges lead to each block.
    preds: Vec<u32>,
    /// Whether each block went into its predecessor.
    merged: Vec<bool>,
}

/// [`run_in`] with the tables `t` of an earlier run to fill again.
pub fn run_with(func: &mut Function, cfg: &mut Cfg, t: &mut Tables) -> bool {
    // A function of one block has no edges (nothing jumps to the entry):
    // nothing to simplify, and no tables to fill to find that out.
    if func.layout.len() == 1 {
        return false;
    }
    let mut changed = drop_unreachable_blocks_in(func, cfg);
    changed |= merge_identical_edges(func);
    if thread_empty_blocks(func, t) {
        cfg.forget();
        drop_unreachable_blocks_in(func, cfg);
        changed = true;
    }
    changed |= remove_trivial_params(func, t);
    changed |= merge_blocks(func, t);
    if changed {
        cfg.forget();
    }
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// Simplifies the control flow of `func`; returns whether it changed.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// The terminator of `block`, which a verified function has.
fn terminator(func: &Function, block: Block) -> Inst {
    *func.blocks[block.index()]
        .insts
        .last()
        .expect("a verified block ends with a terminator")
}

/// Turns every `br c, B(args), B(args)` into `jump B(args)`.
fn merge_identical_edges(func: &mut Function) -> bool {
    let mut changed = false;
    for i in 0..func.layout.len() {
        let term = terminator(func, func.layout[i]);
        let kind = &mut func.insts[term.index()].kind;
        if let InstKind::Branch(_, [t, e]) = *kind {
            if t.same_as(e, &func.pool) {
                *kind = InstKind::Jump(t);
                e.free(&mut func.pool);
                changed = true;
            }
        }
    }
    changed
}

/// Redirects edges that reach an empty forwarding block to its target.
fn thread_empty_blocks(func: &mut Function, t: &mut Tables) -> bool {
    let entry = func.entry();
    // Empty blocks that jump on elsewhere (the candidates), first: most
    // functions have none, and then nothing else needs computing.
    let jumps_on = |b: Block| {
        let data = &func.blocks[b.index()];
        if b == entry || data.insts.len() != 1 {
            return None;
        }
        match func.insts[data.insts[0].index()].kind {
            InstKind::Jump(dest) if dest.block(&func.pool) != b => Some(dest),
            _ => None,
        }
    };
    if !func.layout.iter().any(|&b| jumps_on(b).is_some()) {
        return false;
    }
    let Tables {
        uses,
        forwarder,
        finals,
        args,
        onward_args,
        ..
    } = t;
    refill(uses, func.values.len(), 0);
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            func.insts[inst.index()]
                .kind
                .for_each_arg(&func.pool, |v| uses[v.index()] += 1);
        }
    }
    // Empty blocks whose parameters are read only by their own jump, so
    // that no other block loses a definition that dominated it.
    refill(forwarder, func.blocks.len(), false);
    for &b in &func.layout {
        let Some(dest) = jumps_on(b) else {
            continue;
        };
        let args = dest.args(&func.pool);
        let own_uses = |p: Value| args.iter().filter(|&&a| a == p).count() as u32;
        forwarder[b.index()] = func
            .block_params(b)
            .iter()
            .all(|&p| uses[p.index()] == own_uses(p));
    }
    if !forwarder.iter().any(|&f| f) {
        return false;
    }
    let mut changed = false;
    finals.reset(func.blocks.len());
    for i in 0..func.layout.len() {
        let term = terminator(func, func.layout[i]);
        let edges = func.insts[term.index()].kind.successors().count();
        for which in 0..edges {
            let kind = &func.insts[term.index()].kind;
            let Some(dest) = kind.successors().nth(which) else {
                continue;
            };
            let pool = &func.pool;
            let dest_block = dest.block(pool);
            if onward_target(func, term, which, dest_block, forwarder).is_none() {
                continue;
            }
            // Straight to where the chain of forwarders ends, when that
            // keeps the branch's targets apart.
            if let Some((block, through)) = finals.of(func, forwarder, dest_block) {
                let others = kind
                    .successors()
                    .enumerate()
                    .any(|(k, d)| k != which && d.block(pool) == block);
                if block != dest_block && !others {
                    let params = func.block_params(dest_block);
                    args.clear();
                    args.extend(through.iter().map(|&a| passed(params, dest.args(pool), a)));
                    let kind = &mut func.insts[term.index()].kind;
                    if let Some(dest) = kind.successors_mut().nth(which) {
                        dest.rewrite(block, args, &mut func.pool);
                        changed = true;
                    }
                    continue;
                }
            }
            // Otherwise hop by hop, stopping before the other target.
            let mut block = dest_block;
            args.clear();
            args.extend_from_slice(dest.args(pool));
            let mut hops = 0;
            while hops < MAX_THREAD_HOPS {
                let Some(onward) = onward_target(func, term, which, block, forwarder) else {
                    break;
                };
                // Through the forwarder: its parameters are the edge's
                // arguments.
                let params = func.block_params(block);
                onward_args.clear();
                let onward_passed = onward.args(pool).iter().map(|&a| passed(params, args, a));
                onward_args.extend(onward_passed);
                core::mem::swap(args, onward_args);
                block = onward.block(pool);
                hops += 1;
            }
            if hops > 0 {
                let kind = &mut func.insts[term.index()].kind;
                if let Some(dest) = kind.successors_mut().nth(which) {
                    // One argument list per edge, however many hops.
                    dest.rewrite(block, args, &mut func.pool);
                    changed = true;
                }
            }
        }
    }
    changed
}

/// What `value`, read after a jump into a forwarder whose parameters are
/// `params`, is in terms of the jump's `args`: the argument a parameter
/// gets, or the value itself if it is no parameter.
fn passed(params: &[Value], args: &[Value], value: Value) -> Value {
    match params.iter().position(|&p| p == value) {
        Some(k) => args[k],
        None => value,
    }
}

/// Where each chain of forwarders ends, found once per forwarder: a long
/// chain (the merges of an `if`/`elif` chain of thousands of arms, each
/// an empty block passing its value on) is then skipped by every edge
/// into it in one step, not hop by hop.
#[derive(Clone, Debug, Default)]
struct Finals {
    /// Per block: whether its end is known, known not to be threaded (it
    /// leads into a cycle of forwarders), or not computed yet.
    state: Vec<FinalState>,
    /// The arguments of the ends, in terms of each forwarder's own
    /// parameters (and values from elsewhere).
    args: Vec<Value>,
    /// The forwarders of the chain being followed.
    path: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum FinalState {
    Unknown,
    OnPath,
    /// Leads into a cycle: left to the hop-by-hop threading.
    Cycle,
    /// The block the chain ends at, and its arguments: `args[start..start + len]`.
    Known(Block, u32, u32),
}

impl Finals {
    /// Nothing known yet of the `blocks` blocks.
    fn reset(&mut self, blocks: usize) {
        refill(&mut self.state, blocks, FinalState::Unknown);
        self.args.clear();
        self.path.clear();
    }

    /// The block the chain of forwarders from `start` (a forwarder) ends
    /// at, and the arguments it gets there in terms of `start`'s
    /// parameters; `None` if the chain runs into a cycle.
    fn of(
        &mut self,
        func: &Function,
        forwarder: &[bool],
        start: Block,
    ) -> Option<(Block, &[Value])> {
        let mut b = start;
        while forwarder[b.index()] && self.state[b.index()] == FinalState::Unknown {
            self.state[b.index()] = FinalState::OnPath;
            self.path.push(b);
            let InstKind::Jump(dest) = func.insts[terminator(func, b).index()].kind else {
                break;
            };
            b = dest.block(&func.pool);
        }
        let cycle = matches!(
            self.state[b.index()],
            FinalState::OnPath | FinalState::Cycle
        );
        // Back along the path: each forwarder's end is its successor's,
        // with the successor's parameters replaced by its own arguments.
        while let Some(p) = self.path.pop() {
            let InstKind::Jump(dest) = func.insts[terminator(func, p).index()].kind else {
                self.state[p.index()] = FinalState::Cycle;
                continue;
            };
            if cycle {
                self.state[p.index()] = FinalState::Cycle;
                continue;
            }
            let start = self.args.len() as u32;
            let (dest_block, dest_args) = (dest.block(&func.pool), dest.args(&func.pool));
            let (end, len) = match self.state[dest_block.index()] {
                FinalState::Known(end, at, len) => {
                    let params = func.block_params(dest_block);
                    for k in at..at + len {
                        let a = self.args[k as usize];
                        self.args.push(passed(params, dest_args, a));
                    }
                    (end, len)
                }
                _ => {
                    self.args.extend_from_slice(dest_args);
                    (dest_block, dest_args.len() as u32)
                }
            };
            self.state[p.index()] = FinalState::Known(end, start, len);
        }
        match self.state[start.index()] {
            FinalState::Known(end, at, len) => {
                Some((end, &self.args[at as usize..(at + len) as usize]))
            }
            _ => None,
        }
    }
}

/// Where an edge of `term` (its `which`-th) that now leads to `block`
/// goes once it skips `block`, if that is a forwarder and skipping it
/// keeps the branch's targets apart: the forwarder's own jump.
fn onward_target(
    func: &Function,
    term: Inst,
    which: usize,
    block: Block,
    forwarder: &[bool],
) -> Option<BlockCall> {
    if !forwarder[block.index()] {
        return None;
    }
    let InstKind::Jump(onward) = func.insts[terminator(func, block).index()].kind else {
        return None;
    };
    let onward_block = onward.block(&func.pool);
    let kind = &func.insts[term.index()].kind;
    let others = kind
        .successors()
        .enumerate()
        .filter(|&(k, _)| k != which)
        .any(|(_, d)| d.block(&func.pool) == onward_block);
    if onward_block == block || others {
        return None;
    }
    Some(onward)
}

/// The edges into each block: the terminator and which of its targets.
#[derive(Clone, Debug, Default)]
struct IncomingEdges {
    /// The edges into block `b` are `edges[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    edges: Vec<(Inst, usize)>,
    /// The counting sort's cursors.
    fill: Vec<u32>,
}

impl IncomingEdges {
    fn of(&self, block: Block) -> &[(Inst, usize)] {
        &self.edges[self.start[block.index()] as usize..self.start[block.index() + 1] as usize]
    }

    /// The edges into each block of `func`.
    fn compute(&mut self, func: &Function) {
        let IncomingEdges { start, edges, fill } = self;
        let n = func.blocks.len();
        refill(start, n + 1, 0);
        for &b in &func.layout {
            let term = terminator(func, b);
            for dest in func.insts[term.index()].kind.successors() {
                start[dest.block(&func.pool).index() + 1] += 1;
            }
        }
        for b in 0..n {
            start[b + 1] += start[b];
        }
        fill.clone_from(start);
        refill(edges, start[n] as usize, (Inst(0), 0));
        for &b in &func.layout {
            let term = terminator(func, b);
            for (which, dest) in func.insts[term.index()].kind.successors().enumerate() {
                let to = dest.block(&func.pool).index();
                edges[fill[to] as usize] = (term, which);
                fill[to] += 1;
            }
        }
    }
}

/// The argument the `which`-th edge of `term` passes to parameter `k`.
fn edge_arg(func: &Function, (term, which): (Inst, usize), k: usize) -> Value {
    let dest = func.insts[term.index()].kind.successors().nth(which);
    dest.expect("an incoming edge").args(&func.pool)[k]
}

/// Replaces parameters that get one value on every edge by that value.
fn remove_trivial_params(func: &mut Function, t: &mut Tables) -> bool {
    let entry = func.entry();
    if !has_trivial_param(func, entry, &mut t.only) {
        return false;
    }
    let Tables {
        incoming,
        subst,
        removed,
        ..
    } = t;
    incoming.compute(func);
    make_identity(func, subst);
    refill(removed, func.values.len(), false);
    let mut any = false;
    loop {
        let mut progress = false;
        for &b in &func.layout {
            if b == entry {
                continue;
            }
            for (k, &p) in func.block_params(b).iter().enumerate() {
                if removed[p.index()] {
                    continue;
                }
                let mut same = None;
                let mut trivial = true;
                for &edge in incoming.of(b) {
                    let arg = resolve(subst, edge_arg(func, edge, k));
                    if arg == p || same == Some(arg) {
                        continue;
                    }
                    if same.is_some() {
                        trivial = false;
                        break;
                    }
                    same = Some(arg);
                }
                if let (true, Some(v)) = (trivial, same) {
                    subst[p.index()] = v;
                    removed[p.index()] = true;
                    progress = true;
                }
            }
        }
        if !progress {
            break;
        }
        any = true;
    }
    if !any {
        return false;
    }
    for i in 0..func.layout.len() {
        let b = func.layout[i];
        let params = func.blocks[b.index()].params;
        if !func.pool.get(params).iter().any(|p| removed[p.index()]) {
            continue;
        }
        for &(term, which) in incoming.of(b) {
            if let Some(dest) = func.insts[term.index()].kind.successors().nth(which) {
                dest.retain_args(params, &mut func.pool, |p| !removed[p.index()]);
            }
        }
        let mut kept = 0;
        func.pool.retain(params, |p| {
            if removed[p.index()] {
                func.values[p.index()] = ValueDef::Unused;
                false
            } else {
                func.values[p.index()] = ValueDef::Param(b, kept);
                kept += 1;
                true
            }
        });
    }
    replace_uses(func, subst);
    true
}

/// Whether some parameter of a block other than `entry` gets one value,
/// besides itself, on every edge into its block. The first round of
/// [`remove_trivial_params`] removes a parameter exactly when one does (a
/// removal in that round needs an earlier one or a parameter trivial as
/// the arguments are written), so without one it would only build its
/// tables to find nothing. `only` is its own table, filled on the first
/// argument.
fn has_trivial_param(func: &Function, entry: Block, only: &mut Vec<Value>) -> bool {
    // The value each parameter gets besides itself: none seen yet, one,
    // or more than one.
    const NONE: Value = Value(u32::MAX);
    const MANY: Value = Value(u32::MAX - 1);
    let mut filled = false;
    for &b in &func.layout {
        let term = terminator(func, b);
        for dest in func.insts[term.index()].kind.successors() {
            let (to, args) = dest.parts(&func.pool);
            if to == entry || args.is_empty() {
                continue;
            }
            let params = func.block_params(to);
            if !filled {
                refill(only, func.values.len(), NONE);
                filled = true;
            }
            for (&arg, &p) in args.iter().zip(params) {
                let seen = &mut only[p.index()];
                if arg != p && *seen != arg {
                    *seen = if *seen == NONE { arg } else { MANY };
                }
            }
        }
    }
    filled && only.iter().any(|&v| v != NONE && v != MANY)
}

/// Merges each block that is its predecessor's only `jump` target and has
/// no other predecessor into that predecessor.
fn merge_blocks(func: &mut Function, t: &mut Tables) -> bool {
    let entry = func.entry();
    let Tables {
        preds,
        subst,
        merged,
        ..
    } = t;
    refill(preds, func.blocks.len(), 0);
    for &b in &func.layout {
        for dest in func.insts[terminator(func, b).index()].kind.successors() {
            preds[dest.block(&func.pool).index()] += 1;
        }
    }
    // `subst` is made on the first merge.
    refill(merged, func.blocks.len(), false);
    let mut any = false;
    for i in 0..func.layout.len() {
        let a = func.layout[i];
        if merged[a.index()] {
            continue;
        }
        loop {
            let term = terminator(func, a);
            let InstKind::Jump(dest) = func.insts[term.index()].kind else {
                break;
            };
            let b = dest.block(&func.pool);
            if b == a || b == entry || preds[b.index()] != 1 {
                break;
            }
            if !any {
                make_identity(func, subst);
            }
            let params = core::mem::take(&mut func.blocks[b.index()].params);
            let args = dest.args(&func.pool);
            for (&p, &arg) in func.pool.get(params).iter().zip(args) {
                subst[p.index()] = resolve(subst, arg);
                func.values[p.index()] = ValueDef::Unused;
            }
            func.pool.free(params);
            let moved = core::mem::take(&mut func.blocks[b.index()].insts);
            let insts = &mut func.blocks[a.index()].insts;
            insts.pop();
            insts.extend(moved);
            merged[b.index()] = true;
            any = true;
        }
    }
    if any {
        func.layout.retain(|b| !merged[b.index()]);
        replace_uses(func, subst);
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interp::Interpreter;
    use crate::ir::verify::verify;
    use crate::ir::{FuncId, Module};
    use crate::opt::dce::drop_unreachable_blocks;
    use crate::test_fixtures::parse;
    use alloc::format;
    use alloc::string::{String, ToString};

    fn simplified(text: &str) -> Module {
        let before = parse(text);
        let mut after = before.clone();
        run(&mut after.functions[0]);
        assert_eq!(verify(&after), Ok(()), "{after}");
        for x in [-3, -1, 0, 1, 2, 5, 40] {
            assert_eq!(
                Interpreter::new(&before).call_ints(FuncId(0), &[x]),
                Interpreter::new(&after).call_ints(FuncId(0), &[x]),
                "x = {x}\n{after}"
            );
        }
        after
    }

    #[test]
    fn a_chain_of_jumps_becomes_one_block() {
        let text = "function f {
block0(v0):
    jump block1(v0)
block1(v1):
    v2 = add v1, v1
    jump block2(v2, v1)
block2(v3, v4):
    v5 = sub v3, v4
    ret v5
}
";
        let out = simplified(text).to_string();
        assert_eq!(
            out,
            "function f {\nblock0(v0):\n    v2 = add v0, v0\n    v5 = sub v2, v0\n    ret v5\n}\n"
        );
    }

    #[test]
    fn a_loop_invariant_parameter_goes() {
        // v2 is v0 on entry and itself around the loop.
        let text = "function f {
block0(v0):
    v1 = const 0
    jump block1(v0, v1)
block1(v2, v3):
    v4 = add.wrap v3, v2
    v5 = lt v4, v2
    br v5, block1(v2, v4), block2
block2:
    ret v4
}
";
        let out = simplified(text).to_string();
        assert!(out.contains("block1(v3):"), "{out}");
        assert!(out.contains("v4 = add.wrap v3, v0"), "{out}");
    }

    #[test]
    fn a_parameter_read_elsewhere_keeps_its_empty_block() {
        // block2 is empty but block3 reads its parameter: not threaded.
        let text = "function f {
block0(v0):
    br v0, block1, block2(v0)
block1:
    v1 = const 7
    jump block2(v1)
block2(v2):
    jump block3
block3:
    ret v2
}
";
        simplified(text);
    }

    /// The merges of an `if`/`elif` chain: each arm jumps into a chain of
    /// empty blocks that pass the value on. However long the chain, every
    /// edge goes straight to its end, in one run.
    #[test]
    fn a_long_chain_of_forwarders_is_skipped_in_one_run() {
        let n = 40;
        let mut text = String::from("function f {\nblock0(v0):\n");
        // Arm k: `br v0 == k` to a block that jumps into forwarder k.
        for k in 0..n {
            let (c, t) = (1000 + 2 * k, 1001 + 2 * k);
            text += &format!(
                "    v{c} = const {k}\n    v{t} = eq v0, v{c}\n    br v{t}, block{}, block{}\n",
                100 + k,
                200 + k
            );
            text += &format!("block{}:\n    jump block{}(v{c})\n", 100 + k, 300 + k);
            text += &format!("block{}:\n", 200 + k);
        }
        text += &format!("    jump block{}(v0)\n", 300 + n - 1);
        for k in 0..n {
            text += &format!("block{}(v{}):\n", 300 + k, 2000 + k);
            text += &match k + 1 < n {
                true => format!("    jump block{}(v{})\n", 301 + k, 2000 + k),
                false => format!("    ret v{}\n", 2000 + k),
            };
        }
        text += "}\n";
        let mut module = parse(&text);
        let before = module.clone();
        let f = &mut module.functions[0];
        assert!(thread_empty_blocks(f, &mut Tables::default()));
        drop_unreachable_blocks(f);
        let last = Block(300 + n - 1);
        for &b in &f.layout {
            if let InstKind::Jump(dest) = f.insts[terminator(f, b).index()].kind {
                assert_eq!(dest.block(&f.pool), last, "{b}");
            }
        }
        assert_eq!(verify(&module), Ok(()));
        for x in [-1, 0, 5, 39, 40] {
            assert_eq!(
                Interpreter::new(&before).call_ints(FuncId(0), &[x]),
                Interpreter::new(&module).call_ints(FuncId(0), &[x]),
            );
        }
    }

    /// Empty blocks jumping around a cycle are no chain with an end: the
    /// pass ends (the edges into them are threaded hop by hop, as far as
    /// the limit), and the way out of the cycle still answers.
    #[test]
    fn a_cycle_of_forwarders_is_left_to_the_hop_limit() {
        let text = "function f {
block0(v0):
    br v0, block1(v0), block3
block1(v1):
    jump block2(v1)
block2(v2):
    jump block1(v2)
block3:
    ret v0
}
";
        let mut module = parse(text);
        run(&mut module.functions[0]);
        assert_eq!(verify(&module), Ok(()));
        assert_eq!(Interpreter::new(&module).call_ints(FuncId(0), &[0]), Ok(0));
    }
}
