//! Greedy shrinking of a failing generated program: try smaller variants
//! and keep each one for which the failure persists.
//!
//! Edits, smallest program first: keep one call; drop calls, functions and
//! constants; delete statements; replace a compound statement by one of its
//! blocks; replace an expression by one of its operands, `0` or `1`; make
//! call arguments 0 and buffers shorter or zero. Each edit is judged by the caller's predicate (which
//! compiles and runs the candidate), so an edit that makes the program
//! invalid is simply refused.

use crate::gen::ast::{Expr, Program, Stmt};
use crate::gen::{Arg, Generated};

/// Shrinks `g` while `fails` holds, trying at most `budget` candidates.
pub fn shrink(
    g: &Generated,
    budget: usize,
    mut fails: impl FnMut(&Generated) -> bool,
) -> Generated {
    let mut best = Generated::new(g.program.clone(), g.calls.clone());
    let tries = std::cell::Cell::new(0);
    let mut attempt = |candidate: Generated, best: &mut Generated| -> bool {
        if tries.get() >= budget {
            return false;
        }
        tries.set(tries.get() + 1);
        if fails(&candidate) {
            *best = candidate;
            true
        } else {
            false
        }
    };
    loop {
        let before = (best.source.len(), best.calls.len());
        // Calls: one alone, then drop one at a time.
        if best.calls.len() > 1 {
            for i in 0..best.calls.len() {
                let candidate = Generated::new(best.program.clone(), vec![best.calls[i].clone()]);
                if attempt(candidate, &mut best) {
                    break;
                }
            }
        }
        let mut i = 0;
        while best.calls.len() > 1 && i < best.calls.len() {
            let mut calls = best.calls.clone();
            calls.remove(i);
            if !attempt(Generated::new(best.program.clone(), calls), &mut best) {
                i += 1;
            }
        }
        // Functions and constants.
        let mut i = 0;
        while i < best.program.functions.len() {
            let mut p = best.program.clone();
            p.functions.remove(i);
            if !attempt(Generated::new(p, best.calls.clone()), &mut best) {
                i += 1;
            }
        }
        let mut i = 0;
        while i < best.program.constants.len() {
            let mut p = best.program.clone();
            p.constants.remove(i);
            if !attempt(Generated::new(p, best.calls.clone()), &mut best) {
                i += 1;
            }
        }
        // Statements: delete, or replace by one of their blocks.
        let mut k = 0;
        while k < count_stmts(&best.program) {
            let mut changed = false;
            for edit in 0..4 {
                let mut p = best.program.clone();
                if edit_stmt(&mut p, k, edit)
                    && attempt(Generated::new(p, best.calls.clone()), &mut best)
                {
                    changed = true;
                    break;
                }
            }
            if !changed {
                k += 1;
            }
        }
        // Expressions: an operand, 0 or 1 in their place.
        let mut k = 0;
        while k < count_exprs(&best.program) {
            let mut changed = false;
            for edit in 0..6 {
                let mut p = best.program.clone();
                if edit_expr(&mut p, k, edit)
                    && attempt(Generated::new(p, best.calls.clone()), &mut best)
                {
                    changed = true;
                    break;
                }
            }
            if !changed {
                k += 1;
            }
        }
        // Arguments of the calls.
        for c in 0..best.calls.len() {
            for a in 0..best.calls[c].1.len() {
                for smaller in smaller_args(&best.calls[c].1[a]) {
                    let mut calls = best.calls.clone();
                    calls[c].1[a] = smaller;
                    if attempt(Generated::new(best.program.clone(), calls), &mut best) {
                        break;
                    }
                }
            }
        }
        if (best.source.len(), best.calls.len()) == before || tries.get() >= budget {
            return best;
        }
    }
}

/// Simpler arguments to try in place of `arg`: 0 for an integer; a
/// buffer without its second half or its last item, or of zeros.
fn smaller_args(arg: &Arg) -> Vec<Arg> {
    fn cut<T: Clone + Default + PartialEq>(items: &[T]) -> Vec<Vec<T>> {
        let mut out = Vec::new();
        if !items.is_empty() {
            out.push(items[..items.len() / 2].to_vec());
            out.push(items[..items.len() - 1].to_vec());
        }
        if items.iter().any(|x| *x != T::default()) {
            out.push(vec![T::default(); items.len()]);
        }
        out.dedup();
        out
    }
    match arg {
        Arg::Int(0) => vec![],
        Arg::Int(_) => vec![Arg::Int(0)],
        Arg::Bytes(b) => cut(b).into_iter().map(Arg::Bytes).collect(),
        Arg::ByteArray(b) => cut(b).into_iter().map(Arg::ByteArray).collect(),
        Arg::List(l) => cut(l).into_iter().map(Arg::List).collect(),
    }
}

fn count_stmts(p: &Program) -> usize {
    fn count(stmts: &[Stmt]) -> usize {
        stmts
            .iter()
            .map(|s| 1 + s.blocks().into_iter().map(|b| count(b)).sum::<usize>())
            .sum()
    }
    p.functions.iter().map(|f| count(&f.body)).sum()
}

/// Finds the `k`-th statement (pre-order) and applies edit `edit` to it:
/// 0 deletes it, 1.. replaces it by its block number `edit - 1`.
fn edit_stmt(p: &mut Program, k: usize, edit: usize) -> bool {
    fn walk(stmts: &mut Vec<Stmt>, k: &mut usize, edit: usize) -> Option<bool> {
        let mut i = 0;
        while i < stmts.len() {
            if *k == 0 {
                if edit == 0 {
                    stmts.remove(i);
                    return Some(true);
                }
                let mut s = stmts[i].clone();
                let mut inner = s.blocks_mut();
                if edit > inner.len() {
                    return Some(false);
                }
                let block = std::mem::take(inner[edit - 1]);
                stmts.splice(i..=i, block);
                return Some(true);
            }
            *k -= 1;
            for b in stmts[i].blocks_mut() {
                if let Some(done) = walk(b, k, edit) {
                    return Some(done);
                }
            }
            i += 1;
        }
        None
    }
    let mut k = k;
    for f in &mut p.functions {
        if let Some(done) = walk(&mut f.body, &mut k, edit) {
            return done;
        }
    }
    false
}

fn count_exprs(p: &Program) -> usize {
    fn count(e: &Expr) -> usize {
        1 + e.children().into_iter().map(count).sum::<usize>()
    }
    fn count_block(stmts: &[Stmt]) -> usize {
        stmts
            .iter()
            .map(|s| {
                s.exprs().into_iter().map(count).sum::<usize>()
                    + s.blocks()
                        .into_iter()
                        .map(|b| count_block(b))
                        .sum::<usize>()
            })
            .sum()
    }
    p.constants.iter().map(|(_, e, _)| count(e)).sum::<usize>()
        + p.functions
            .iter()
            .map(|f| count_block(&f.body))
            .sum::<usize>()
}

/// Finds the `k`-th expression (pre-order, constants first) and applies
/// edit `edit`: 0–2 replace it by an operand, 3 by `0`, 4 by `1`, 5 makes
/// a literal half its size.
fn edit_expr(p: &mut Program, k: usize, edit: usize) -> bool {
    fn walk(e: &mut Expr, k: &mut usize, edit: usize) -> Option<bool> {
        if *k == 0 {
            let replacement = match edit {
                0..=2 => e.children().get(edit).map(|c| (*c).clone()),
                3 => Some(Expr::int(0)),
                // Never 0 -> 1 (0 -> 1 -> 0 would not end).
                4 if !matches!(e, Expr::Int(0 | 1, _)) => Some(Expr::int(1)),
                4 => None,
                _ => match e {
                    Expr::Int(v, _) if v.unsigned_abs() > 1 => Some(Expr::int(*v / 2)),
                    _ => None,
                },
            };
            return Some(match replacement {
                Some(r) if r != *e => {
                    *e = r;
                    true
                }
                _ => false,
            });
        }
        *k -= 1;
        for c in e.children_mut() {
            if let Some(done) = walk(c, k, edit) {
                return Some(done);
            }
        }
        None
    }
    fn walk_block(stmts: &mut [Stmt], k: &mut usize, edit: usize) -> Option<bool> {
        for s in stmts.iter_mut() {
            for e in s.exprs_mut() {
                if let Some(done) = walk(e, k, edit) {
                    return Some(done);
                }
            }
            for b in s.blocks_mut() {
                if let Some(done) = walk_block(b, k, edit) {
                    return Some(done);
                }
            }
        }
        None
    }
    let mut k = k;
    for (_, e, _) in &mut p.constants {
        if let Some(done) = walk(e, &mut k, edit) {
            return done;
        }
    }
    for f in &mut p.functions {
        if let Some(done) = walk_block(&mut f.body, &mut k, edit) {
            return done;
        }
    }
    false
}
