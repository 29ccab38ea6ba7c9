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

use crate::ir::{Function, InstKind, Value, ValueDef};
use alloc::vec;
use alloc::vec::Vec;

/// Removes dead block parameters of `func`; returns whether it changed.
pub fn run(func: &mut Function) -> bool {
    let needed = needed_values(func);
    let entry = func.entry();
    // Per block: which parameters stay.
    let keep: Vec<Vec<bool>> = func
        .blocks
        .iter()
        .enumerate()
        .map(|(b, data)| {
            data.params
                .iter()
                .map(|p| b == entry.index() || needed[p.index()])
                .collect()
        })
        .collect();
    if keep.iter().all(|k| k.iter().all(|&x| x)) {
        return false;
    }
    for &b in &func.layout.clone() {
        let last = func.blocks[b.index()].insts.last().copied();
        if let Some(term) = last {
            for dest in func.insts[term.index()].kind.successors_mut() {
                let mask = &keep[dest.block.index()];
                let mut i = 0;
                dest.args.retain(|_| {
                    i += 1;
                    mask.get(i - 1).copied().unwrap_or(true)
                });
            }
        }
    }
    for (b, mask) in keep.iter().enumerate() {
        let params = core::mem::take(&mut func.blocks[b].params);
        let mut kept = Vec::new();
        for (p, &k) in params.iter().zip(mask) {
            if k {
                func.values[p.index()] =
                    ValueDef::Param(crate::ir::Block::new(b), kept.len() as u32);
                kept.push(*p);
            } else {
                func.values[p.index()] = ValueDef::Unused;
            }
        }
        func.blocks[b].params = kept;
    }
    true
}

/// Values some instruction, condition or return needs, with the block
/// arguments that feed needed parameters.
fn needed_values(func: &Function) -> Vec<bool> {
    let mut needed = vec![false; func.values.len()];
    let mut work: Vec<Value> = Vec::new();
    let need = |v: Value, needed: &mut Vec<bool>, work: &mut Vec<Value>| {
        if !needed[v.index()] {
            needed[v.index()] = true;
            work.push(v);
        }
    };
    // Which arguments flow into each parameter.
    let mut feeds: Vec<Vec<Value>> = vec![Vec::new(); func.values.len()];
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            match &func.insts[inst.index()].kind {
                InstKind::Jump(_) | InstKind::Branch(..) => {
                    let kind = &func.insts[inst.index()].kind;
                    if let InstKind::Branch(c, ..) = kind {
                        need(*c, &mut needed, &mut work);
                    }
                    for dest in kind.successors() {
                        let params = &func.blocks[dest.block.index()].params;
                        for (&arg, &param) in dest.args.iter().zip(params) {
                            feeds[param.index()].push(arg);
                        }
                    }
                }
                other => other.for_each_arg(|v| need(v, &mut needed, &mut work)),
            }
        }
    }
    while let Some(v) = work.pop() {
        for &arg in &feeds[v.index()] {
            need(arg, &mut needed, &mut work);
        }
    }
    needed
}
