//! The plan: the instruction selection decisions made before register
//! allocation.
//!
//! Needs: a verified function and its [`Layout`]. Gives: a [`Plan`]: which
//! values need no register (constants become immediates, comparisons used
//! only by the next branch or select become flags, a bounds or byte check
//! of a constant is that constant), which registers each instruction
//! clobbers (calls and host calls: every caller-saved one), register hints
//! and affinities, and aliases: a bounds or byte check's result is its
//! operand, read through [`Plan::alias`].
//!
//! The instruction forms themselves are chosen in [`super::emit`]; this
//! module only states what the allocator must know about them.

use super::abi::{RegSet, ARG_REGS, CALLER_SAVED, RET};
use super::liveness::Layout;
use super::regalloc::{Constraints, Loc};
use super::regs::Reg;
use super::tables::{BitSet, MaybeValue};
use crate::ir::{BinaryOp, Function, IndexCheck, InstKind, Value};
use crate::reuse::{refill, reserve_total};
use alloc::vec::Vec;

/// What the allocator and the emitter need to know about a function.
///
/// A plan keeps its buffers when [`Plan::recompute`]d for the next function.
#[derive(Default)]
pub struct Plan {
    /// The values whose location is decided without the allocator (`Imm`,
    /// or `None` for values never read and for fused comparisons), in the
    /// table of locations given to [`Plan::recompute`].
    pub fixed: BitSet,
    /// The instructions that are comparisons folded into the instruction
    /// after them.
    pub fused: BitSet,
    /// The results of instructions whose only reader does their work
    /// ([`Plan::masked`], [`Plan::shifted_low`]), sorted by value: few
    /// values are, so a list instead of a table by value.
    folds: Vec<(Value, Fold)>,
    /// Per value: the value it is the same as (a check's result is its
    /// operand), never itself an alias. Liveness reads an alias's uses as
    /// uses of that value, and the alias takes its location.
    pub alias: Vec<MaybeValue>,
    /// Allocator constraints.
    pub constraints: Constraints,
    /// Whether the function calls other functions.
    pub makes_calls: bool,
    /// Whether the function calls the `pow` runtime helper.
    pub calls_helper: bool,
    /// The most arguments any call passes on the stack.
    pub max_stack_args: u32,
    /// The most arguments any host call passes (all in memory, at the
    /// bottom of the frame, where stack arguments go too).
    pub max_host_args: u32,
    /// Per value: how many instructions read it, counted up to 255 (only
    /// none and one matter).
    uses: Vec<u8>,
    /// `(value, partner)` for [`Constraints::affinity`], in the order found.
    pairs: Vec<(Value, Value)>,
}

/// What an instruction's only reader does in its place.
#[derive(Clone, Copy, Debug)]
enum Fold {
    /// See [`Plan::masked`].
    Masked(Value, i32),
    /// See [`Plan::shifted_low`].
    ShiftedLow(Value, u8),
}

/// The constant that `v`, a value the plan fixes at an immediate, stands
/// for: a `const`'s, or a bounds or byte check's operand's (the check's
/// result is its operand, perhaps itself a check of a constant).
pub fn immediate(func: &Function, mut v: Value) -> Option<i64> {
    loop {
        let crate::ir::ValueDef::Result(inst) = func.values.get(v.index())? else {
            return None;
        };
        match func.insts[inst.index()].kind {
            InstKind::Const(c) => return Some(c),
            InstKind::CheckIndex(
                IndexCheck {
                    from_end: false, ..
                },
                x,
                _,
            )
            | InstKind::CheckByte(x) => v = x,
            _ => return None,
        }
    }
}

/// For `op a, b` an `==` or `!=` of zero with the result of `and x, m`
/// (`m` a 32-bit constant, `x` not a constant) made by `before`, the
/// instruction just before the comparison: that result, `x` and `m`.
fn mask_tested(
    func: &Function,
    op: BinaryOp,
    a: Value,
    b: Value,
    before: Option<crate::ir::Inst>,
) -> Option<(Value, Value, i32)> {
    if !matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
        return None;
    }
    let masked = match (func.const_value(a), func.const_value(b)) {
        (_, Some(0)) => a,
        (Some(0), _) => b,
        _ => return None,
    };
    let before = before?;
    let InstKind::Binary(BinaryOp::And, p, q) = func.insts[before.index()].kind else {
        return None;
    };
    if func.insts[before.index()].result != Some(masked) {
        return None;
    }
    let (x, mask) = masking(func, p, q)?;
    Some((masked, x, mask))
}

/// For the operands `a`, `b` of an `and`, one a 32-bit constant `m` and
/// the other `x` not a constant: `x` and `m` (what `test x, m` tests).
fn masking(func: &Function, a: Value, b: Value) -> Option<(Value, i32)> {
    let (x, mask) = match (func.const_value(a), func.const_value(b)) {
        (None, Some(m)) => (a, m),
        (Some(m), None) => (b, m),
        _ => return None,
    };
    Some((x, i32::try_from(mask).ok()?))
}

/// For `r = and a, b` (one of them a 32-bit constant `m`, the other `x`
/// not a constant) when `next`, the instruction after it, branches on
/// `r`: `x` and `m`.
fn branch_mask(
    func: &Function,
    r: Value,
    a: Value,
    b: Value,
    next: Option<&crate::ir::Inst>,
) -> Option<(Value, i32)> {
    match func.insts[next?.index()].kind {
        InstKind::Branch(c, ..) if c == r => masking(func, a, b),
        _ => None,
    }
}

/// For `op a, b` an `and` with `0xFFFF_FFFF` of the result of
/// `shl.wrap x, k` (`k` a constant in 0..32, `x` not a constant) made by
/// `before`, the instruction just before: that result, `x` and `k`.
fn low_shifted(
    func: &Function,
    op: BinaryOp,
    a: Value,
    b: Value,
    before: Option<crate::ir::Inst>,
) -> Option<(Value, Value, u8)> {
    if op != BinaryOp::And {
        return None;
    }
    let shifted = match (func.const_value(a), func.const_value(b)) {
        (None, Some(0xFFFF_FFFF)) => a,
        (Some(0xFFFF_FFFF), None) => b,
        _ => return None,
    };
    let before = before?;
    let InstKind::Binary(BinaryOp::ShlWrap, x, k) = func.insts[before.index()].kind else {
        return None;
    };
    if func.insts[before.index()].result != Some(shifted) || func.const_value(x).is_some() {
        return None;
    }
    let k = u8::try_from(func.const_value(k)?)
        .ok()
        .filter(|&k| k < 32)?;
    Some((shifted, x, k))
}

/// Whether `pow` with this exponent is expanded inline (small constants).
pub fn pow_inline(exponent: Option<i64>) -> bool {
    matches!(exponent, Some(0..=4))
}

impl Plan {
    /// Plans the function; the locations it decides go in `locs` (see
    /// [`Plan::recompute`]).
    pub fn compute(func: &Function, layout: &Layout, locs: &mut Vec<Loc>) -> Plan {
        let mut plan = Plan::default();
        plan.recompute(func, layout, locs);
        plan
    }

    /// For the result of `and x, m` (`m` a 32-bit constant) read only by
    /// the fused `== 0` or `!= 0` right after it, or only by the branch
    /// right after it, `(x, m)`: the comparison or the branch tests `test
    /// x, m` and the `and` needs no code (`x % 2 == 0` after strength
    /// reduction; `if e & 1:`).
    pub fn masked(&self, v: Value) -> Option<(Value, i32)> {
        match self.fold(v)? {
            Fold::Masked(x, m) => Some((x, m)),
            Fold::ShiftedLow(..) => None,
        }
    }

    /// For the result of `shl.wrap x, k` (`k` a constant below 32) read
    /// only by the `and` with `0xFFFF_FFFF` right after it, `(x, k)`: the
    /// `and` is a 32-bit move and a 32-bit shift (which zero-extends), and
    /// the `shl.wrap` needs no code. The 64-bit form would be a shift and a
    /// move of the low half in series: one step more on the chain of a
    /// 32-bit hash or generator.
    pub fn shifted_low(&self, v: Value) -> Option<(Value, u8)> {
        match self.fold(v)? {
            Fold::ShiftedLow(x, k) => Some((x, k)),
            Fold::Masked(..) => None,
        }
    }

    fn fold(&self, v: Value) -> Option<Fold> {
        let i = self.folds.binary_search_by_key(&v, |&(w, _)| w).ok()?;
        Some(self.folds[i].1)
    }

    /// The value `v` is the same as: its [`Plan::alias`], or itself.
    pub fn same(&self, v: Value) -> Value {
        self.alias[v.index()].get().unwrap_or(v)
    }

    /// Makes room for functions of up to `values` values and `insts`
    /// instructions. The affinity pairs are not reserved: only block
    /// arguments make them, and a long function may have none.
    pub fn reserve(&mut self, values: usize, insts: usize) {
        self.fixed.reserve(values);
        self.fused.reserve(insts);
        reserve_total(&mut self.alias, values);
        reserve_total(&mut self.constraints.hints, values);
        reserve_total(&mut self.constraints.tied, values);
        reserve_total(&mut self.constraints.clobbers, 8);
        reserve_total(&mut self.uses, values);
    }

    /// [`Plan::compute`] into this plan's buffers. `locs` is refilled with
    /// a location per value: the one decided for the values in
    /// [`Plan::fixed`], `Loc::None` for the others (the allocator's to
    /// decide, in the same table).
    // A stage: out of line (see the backend module doc).
    #[inline(never)]
    pub fn recompute(&mut self, func: &Function, layout: &Layout, locs: &mut Vec<Loc>) {
        let n = func.values.len();
        let Plan {
            fixed,
            fused,
            folds,
            alias,
            constraints:
                Constraints {
                    clobbers,
                    hints,
                    affinity,
                    tied,
                },
            makes_calls,
            calls_helper,
            max_stack_args,
            max_host_args,
            uses,
            pairs,
        } = self;
        refill(uses, n, 0);
        for &b in &layout.order {
            for &inst in &func.blocks[b.index()].insts {
                func.insts[inst.index()].kind.for_each_arg(&func.pool, |a| {
                    uses[a.index()] = uses[a.index()].saturating_add(1)
                });
            }
        }
        refill(locs, n, Loc::None);
        fixed.refill(n);
        let mut fix = |v: Value, loc: Loc| {
            locs[v.index()] = loc;
            fixed.insert(v.index());
        };
        fused.refill(func.insts.len());
        folds.clear();
        refill(alias, n, MaybeValue::NONE);
        // Definitions come before uses in the layout order, so an operand's
        // alias is known by the time it is read.
        let resolve = |alias: &[MaybeValue], v: Value| alias[v.index()].get().unwrap_or(v);
        clobbers.clear();
        refill(hints, n, None);
        refill(tied, n, MaybeValue::NONE);
        // (value, partner) in the order found; both directions of every pair.
        pairs.clear();
        (*makes_calls, *calls_helper) = (false, false);
        (*max_stack_args, *max_host_args) = (0, 0);

        for (i, &p) in func.params().iter().enumerate() {
            hints[p.index()] = ARG_REGS.get(i).copied();
        }
        for &b in &layout.order {
            let insts = &func.blocks[b.index()].insts;
            for (k, &inst) in insts.iter().enumerate() {
                let data = &func.insts[inst.index()];
                let pos = layout.inst_pos[inst.index()];
                if let Some(r) = data.result {
                    if uses[r.index()] == 0 {
                        fix(r, Loc::None);
                    }
                }
                // The operand an x86 two-operand form overwrites: the first,
                // or of a commutative operation with a constant first, the
                // second (`3 * x` is `imul r, x, 3`).
                let operand = match &data.kind {
                    InstKind::Binary(op, a, b)
                        if op.is_commutative() && func.const_value(*a).is_some() =>
                    {
                        Some(*b)
                    }
                    InstKind::Binary(_, a, _) | InstKind::Unary(_, a) => Some(*a),
                    // Counted from the end in the index's register.
                    InstKind::CheckIndex(check, i, _) if check.from_end => Some(*i),
                    _ => None,
                };
                if let (Some(r), Some(a)) = (data.result, operand) {
                    tied[r.index()] = MaybeValue::some(resolve(alias, a));
                }
                match &data.kind {
                    InstKind::Const(c) => {
                        if let Some(r) = data.result {
                            fix(r, Loc::imm(*c));
                        }
                    }
                    InstKind::Binary(op, a, b2) if op.is_comparison() => {
                        let r = func.result(inst);
                        let next = insts.get(k + 1).map(|n| &func.insts[n.index()].kind);
                        let both_const =
                            func.const_value(*a).is_some() && func.const_value(*b2).is_some();
                        let feeds_next = match next {
                            Some(InstKind::Branch(c, ..)) => *c == r,
                            Some(InstKind::Select(c, x, y)) => *c == r && *x != r && *y != r,
                            _ => false,
                        };
                        if uses[r.index()] == 1 && feeds_next && !both_const {
                            fused.insert(inst.index());
                            fix(r, Loc::None);
                            let before = k.checked_sub(1).map(|p| insts[p]);
                            if let Some((m, x, mask)) = mask_tested(func, *op, *a, *b2, before) {
                                if uses[m.index()] == 1 {
                                    folds.push((m, Fold::Masked(resolve(alias, x), mask)));
                                    fix(m, Loc::None);
                                }
                            }
                        }
                    }
                    InstKind::Binary(BinaryOp::And, a, b2)
                        if let Some((x, mask)) =
                            branch_mask(func, func.result(inst), *a, *b2, insts.get(k + 1)) =>
                    {
                        // `if x & m:` as `test x, m`: the branch right
                        // after is the `and`'s only reader.
                        let r = func.result(inst);
                        if uses[r.index()] == 1 {
                            folds.push((r, Fold::Masked(resolve(alias, x), mask)));
                            fix(r, Loc::None);
                        }
                    }
                    InstKind::Binary(op, a, b2)
                        if let Some((s, x, k)) =
                            low_shifted(func, *op, *a, *b2, k.checked_sub(1).map(|p| insts[p])) =>
                    {
                        if uses[s.index()] == 1 {
                            let x = resolve(alias, x);
                            folds.push((s, Fold::ShiftedLow(x, k)));
                            fix(s, Loc::None);
                            tied[func.result(inst).index()] = MaybeValue::some(x);
                        }
                    }
                    InstKind::Binary(BinaryOp::UMulHi, ..) => {
                        clobbers.push((pos, RegSet::of(&[Reg::Rax, Reg::Rdx])));
                        hints[func.result(inst).index()] = Some(Reg::Rdx);
                    }
                    InstKind::Binary(BinaryOp::FloorDiv | BinaryOp::Mod, a, _) => {
                        clobbers.push((pos, RegSet::of(&[Reg::Rax, Reg::Rdx])));
                        hints[a.index()].get_or_insert(Reg::Rax);
                        let r = func.result(inst);
                        let out = if matches!(data.kind, InstKind::Binary(BinaryOp::Mod, ..)) {
                            Reg::Rdx
                        } else {
                            Reg::Rax
                        };
                        hints[r.index()] = Some(out);
                    }
                    InstKind::Binary(BinaryOp::Pow, _, e) if !pow_inline(func.const_value(*e)) => {
                        clobbers.push((pos, RegSet::of(&[Reg::Rax])));
                        *calls_helper = true;
                    }
                    InstKind::Binary(BinaryOp::Shl, _, s) if func.const_value(*s).is_none() => {
                        clobbers.push((pos, RegSet::of(&[Reg::Rcx, Reg::Rax])));
                    }
                    InstKind::Binary(BinaryOp::Shr | BinaryOp::ShlWrap, _, s)
                        if func.const_value(*s).is_none() =>
                    {
                        clobbers.push((pos, RegSet::of(&[Reg::Rcx])));
                    }
                    InstKind::Call(_, args) => {
                        let args = func.args(*args);
                        *makes_calls = true;
                        clobbers.push((pos, RegSet::of(&CALLER_SAVED)));
                        for (i, &a) in args.iter().enumerate() {
                            if let Some(&r) = ARG_REGS.get(i) {
                                hints[resolve(alias, a).index()].get_or_insert(r);
                            }
                        }
                        *max_stack_args =
                            (*max_stack_args).max(args.len().saturating_sub(6) as u32);
                        hints[func.result(inst).index()] = Some(RET);
                    }
                    InstKind::CallHost(_, args) => {
                        *makes_calls = true;
                        clobbers.push((pos, RegSet::of(&CALLER_SAVED)));
                        let args = func.args(*args).len();
                        *max_host_args = (*max_host_args).max(args as u32);
                        if let Some(r) = data.result {
                            hints[r.index()] = Some(RET);
                        }
                    }
                    // A check counting from the end computes its result.
                    InstKind::CheckIndex(
                        IndexCheck {
                            from_end: false, ..
                        },
                        v,
                        _,
                    )
                    | InstKind::CheckByte(v) => {
                        // The result is the operand (a constant stays one),
                        // so it needs no register or move of its own.
                        if let Some(r) = data.result {
                            match func.const_value(*v) {
                                Some(k) => fix(r, Loc::imm(k)),
                                None => {
                                    alias[r.index()] = MaybeValue::some(resolve(alias, *v));
                                    fix(r, Loc::None);
                                }
                            }
                        }
                    }
                    InstKind::Return(v) => {
                        hints[resolve(alias, *v).index()].get_or_insert(RET);
                    }
                    InstKind::Jump(_) | InstKind::Branch(..) => {
                        for dest in data.kind.successors() {
                            let (_, args, params) = func.flows(dest);
                            for (&arg, &param) in args.iter().zip(params) {
                                let arg = resolve(alias, arg);
                                pairs.push((arg, param));
                                pairs.push((param, arg));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // Parameters no one reads need no register either.
        for &b in &layout.order {
            for &p in func.block_params(b) {
                if uses[p.index()] == 0 {
                    fix(p, Loc::None);
                }
            }
        }
        // Each value is folded by its only reader: no value twice.
        folds.sort_unstable_by_key(|&(v, _)| v);
        clobbers.sort_by_key(|(p, _)| *p);
        affinity.rebuild(n, pairs);
    }
}
