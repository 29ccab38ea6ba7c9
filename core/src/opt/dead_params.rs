//! Dead block parameters: removes parameters nothing needs, and the
//! arguments passed to them.
//!
//! Needs: a verified function. Keeps: everything observable (only values
//! no instruction, condition or return could ever read are dropped).
//!
//! A parameter is needed if an instruction reads it, a branch tests it or a
//! `ret` returns it, or if it is passed to a needed parameter. The lowering
//! passes every local to loop exits and merges whether or not it is read
//! afterwards; without this pass those values stay alive (and in registers)
//! through whole loops.

use crate::ir::dom::Cfg;
use crate::ir::{Block, Function, InstKind, Value, ValueDef};
use crate::reuse::{refill, KEEP_FOR_VALUES};
use alloc::vec::Vec;

/// [`run`] for the optimizer's pipeline: the control flow, and so the
/// analyses `cfg` has of `func`, stay as they are (only parameters and
/// arguments go).
pub fn run_in(func: &mut Function, _cfg: &mut Cfg) -> bool {
    run(func)
}

/// Removes dead block parameters of `func`; returns whether it changed.
pub fn run(func: &mut Function) -> bool {
    run_with(func, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// Whether each value is needed (or a parameter of the function).
    keep: Vec<bool>,
    /// The arguments flowing into each parameter:
    /// `feeds[start[p]..start[p + 1]]`.
    start: Vec<u32>,
    feeds: Vec<Value>,
    /// The counting sort's cursors.
    fill: Vec<u32>,
    /// The needed parameters whose arguments are still to be followed.
    work: Vec<Value>,
}

/// [`run`] with the tables `t` of an earlier run to fill again.
pub fn run_with(func: &mut Function, t: &mut Tables) -> bool {
    let changed = remove_dead(func, t);
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// [`run_with`], leaving the tables as they are.
fn remove_dead(func: &mut Function, t: &mut Tables) -> bool {
    // Only the parameters of blocks other than the entry may go: a
    // function without any (a single block, straight-line code, most
    // small functions) has nothing to look at.
    let entry = func.entry();
    let has_params = |&b: &Block| b != entry && !func.block_params(b).is_empty();
    if !func.layout.iter().any(has_params) {
        return false;
    }
    // Which parameters stay: the needed ones and the function's own.
    // Most often every parameter is read where it is (a merge's value
    // that the code after it uses): then none can go, and the arguments
    // need not be followed.
    let keep = &mut t.keep;
    read_directly(func, keep);
    for &p in func.block_params(entry) {
        keep[p.index()] = true;
    }
    let all_kept = |keep: &[bool]| {
        func.blocks
            .iter()
            .all(|data| func.pool.get(data.params).iter().all(|p| keep[p.index()]))
    };
    if all_kept(keep) {
        return false;
    }
    add_fed(func, t);
    let keep = &t.keep;
    if all_kept(keep) {
        return false;
    }
    for &b in &func.layout {
        let last = func.blocks[b.index()].insts.last().copied();
        if let Some(term) = last {
            for dest in func.insts[term.index()].kind.successors() {
                let params = func.blocks[dest.block(&func.pool).index()].params;
                dest.retain_args(params, &mut func.pool, |p| keep[p.index()]);
            }
        }
    }
    for (b, data) in func.blocks.iter().enumerate() {
        // A block that keeps all its parameters keeps their positions.
        if func.pool.get(data.params).iter().all(|p| keep[p.index()]) {
            continue;
        }
        let mut kept = 0;
        func.pool.retain(data.params, |p| {
            if keep[p.index()] {
                func.values[p.index()] = ValueDef::Param(Block::new(b), kept);
                kept += 1;
                true
            } else {
                func.values[p.index()] = ValueDef::Unused;
                false
            }
        });
    }
    true
}

/// Marks in `read` the values some instruction, condition or return
/// reads (not counting arguments passed to parameters).
fn read_directly(func: &Function, read: &mut Vec<bool>) {
    refill(read, func.values.len(), false);
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            match &func.insts[inst.index()].kind {
                InstKind::Jump(_) => {}
                InstKind::Branch(c, ..) => read[c.index()] = true,
                other => other.for_each_arg(&func.pool, |v| read[v.index()] = true),
            }
        }
    }
}

/// Adds to `t.keep` (what is read directly) the block arguments that
/// feed needed parameters, and those that feed them, and so on.
fn add_fed(func: &Function, t: &mut Tables) {
    let Tables {
        keep: needed,
        start,
        feeds,
        fill,
        work,
    } = t;
    // Which arguments flow into each parameter: `feeds[start[p]..start[p + 1]]`.
    let n = func.values.len();
    refill(start, n + 1, 0);
    let for_each_flow = |f: &mut dyn FnMut(Value, Value)| {
        for &b in &func.layout {
            let Some(&term) = func.blocks[b.index()].insts.last() else {
                continue;
            };
            for dest in func.insts[term.index()].kind.successors() {
                let (_, args, params) = func.flows(dest);
                for (&arg, &param) in args.iter().zip(params) {
                    f(arg, param);
                }
            }
        }
    };
    for_each_flow(&mut |_, param| start[param.index() + 1] += 1);
    for v in 0..n {
        start[v + 1] += start[v];
    }
    fill.clone_from(start);
    refill(feeds, start[n] as usize, Value(0));
    for_each_flow(&mut |arg, param| {
        feeds[fill[param.index()] as usize] = arg;
        fill[param.index()] += 1;
    });
    // Only a parameter has arguments to follow.
    work.clear();
    work.extend(
        (0..n)
            .filter(|&v| needed[v] && start[v] < start[v + 1])
            .map(Value::new),
    );
    while let Some(v) = work.pop() {
        for &arg in &feeds[start[v.index()] as usize..start[v.index() + 1] as usize] {
            if !needed[arg.index()] {
                needed[arg.index()] = true;
                work.push(arg);
            }
        }
    }
}
