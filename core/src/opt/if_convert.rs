//! If-conversion: a branch between two short arms that meet again becomes
//! straight-line code computing both arms and `select`s choosing between
//! them, so that a branch the processor cannot predict (collatz's
//! `x % 2 == 0`) costs a conditional move instead of a misprediction.
//!
//! Needs: a verified function, after [`super::strength`] (divisions by
//! constants are shifts and masks by then). Keeps: every result and
//! exception. Gives: for each diamond `br c, A, B` whose arms `A` and `B`
//! have no parameters, no other predecessor, at most `MAX_ARM`
//! instructions and jump to the same block `J`, and for each triangle,
//! where one of the branch's edges goes to `J` itself (`if v > m: m = v`,
//! or the second comparison of `a < b < c` as a value) and nothing in the
//! arm can trap:
//! - the arms' instructions, computed one after the other before the join,
//!   and a `select c, a, b` for each argument of `J` that differs;
//! - an arm may hold only instructions that never trap (pure operations,
//!   `.wrap` arithmetic, a shift right by a constant count), and checked
//!   `add`, `sub` and `mul` by constants of one value `x` defined outside
//!   the arms, each possibly of the result of another. Those trap only
//!   for `x` outside an interval; unless [`super::ranges`] proves `x`
//!   inside it, a guard (one comparison, or an unsigned one for both
//!   ends) chooses between the converted code, where the checked
//!   operations become `.wrap` ones, and the original branch, which stays
//!   for the values that may trap on the arm taken. The guard is a branch
//!   that goes the same way for every value the program sees in practice.
//!
//! Keeps the layout of the original blocks; the new ones go at its end.

use super::ranges::{intervals_of, Kept, Range};
use crate::ir::dom::Cfg;
use crate::ir::{BinaryOp, Block, Function, Inst, InstKind, UnaryOp, Value, ValueDef};
use crate::reuse::{refill, KEEP_FOR_VALUES};
use alloc::borrow::Cow;
use alloc::vec::Vec;
use smallvec::SmallVec;

/// The most instructions (besides its jump) an arm may have: both arms are
/// computed every time, so only short ones pay for their branch.
const MAX_ARM: usize = 4;

/// Converts the diamonds of `func` it can; whether it changed anything.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func`; forgets
/// them when it changes anything.
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_kept(func, cfg, &Kept::default())
}

/// [`run_in`], with the intervals `kept` from the passes before where
/// they cover the values guards test.
pub fn run_kept(func: &mut Function, cfg: &mut Cfg, kept: &Kept) -> bool {
    run_with(func, cfg, kept, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// The diamonds to convert, in layout order.
    candidates: Vec<Diamond>,
    /// The values their guards may test.
    tested: Vec<Value>,
    /// The affine chain of one arm's checked arithmetic
    /// ([`checked_interval`]).
    chain: Vec<Affine>,
    /// Whether each block leaves the layout.
    gone: Vec<bool>,
}

/// [`run_kept`] with the tables `t` of an earlier run to fill again.
pub fn run_with(func: &mut Function, cfg: &mut Cfg, kept: &Kept, t: &mut Tables) -> bool {
    let changed = convert_all(func, cfg, kept, t);
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// [`run_with`], leaving the tables as they are.
fn convert_all(func: &mut Function, cfg: &mut Cfg, kept: &Kept, t: &mut Tables) -> bool {
    let Tables {
        candidates,
        tested,
        chain,
        gone,
    } = t;
    candidates.clear();
    {
        let preds = cfg.predecessors(func);
        candidates.extend(
            func.layout
                .iter()
                .filter_map(|&b| find_diamond(func, b, |x| preds.of(x).len(), chain)),
        );
    }
    if candidates.is_empty() {
        return false;
    }
    // The intervals of the values guards may test, once, before any
    // conversion: such a value is never in an arm (an arm dominates no
    // other block), so converting leaves it, and what is known of it, as
    // it was.
    tested.clear();
    tested.extend(candidates.iter().filter_map(|d| d.needs.map(|(x, ..)| x)));
    let intervals = if tested.is_empty() {
        Cow::Borrowed(&[][..])
    } else {
        intervals_of(func, cfg, kept, tested)
    };
    refill(gone, func.blocks.len(), false);
    for diamond in candidates.iter() {
        let guard = match diamond.needs {
            Some((x, lo, hi)) => guard_for(x, intervals[x.index()], lo, hi),
            None => Guard::None,
        };
        convert(func, diamond, guard);
        if guard == Guard::None {
            for arm in diamond.arms.into_iter().flatten() {
                gone[arm.index()] = true;
            }
        }
    }
    func.layout
        .retain(|b| !gone.get(b.index()).is_some_and(|&g| g));
    cfg.forget();
    true
}

/// A branch whose two arms meet again.
#[derive(Clone, Debug)]
struct Diamond {
    /// The block ending in the branch.
    head: Block,
    /// The branch condition.
    cond: Value,
    /// The arm taken when `cond` holds, and the other; `None` for an edge
    /// of the branch that goes to the join itself.
    arms: [Option<Block>; 2],
    /// The block both arms jump to.
    join: Block,
    /// For arms with checked arithmetic: the value it is computed from,
    /// and the interval of that value for which none of it traps.
    needs: Option<(Value, i64, i64)>,
}

/// How the converted code is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guard {
    /// Always: nothing in the arms can trap.
    None,
    /// When `x <= hi` (`x >= lo` is proven).
    AtMost(Value, i64),
    /// When `x >= lo` (`x <= hi` is proven).
    AtLeast(Value, i64),
    /// When `lo <= x <= hi`.
    Between(Value, i64, i64),
}

/// The guard that keeps `x`, of interval `r`, within `lo..=hi`.
fn guard_for(x: Value, r: Range, lo: i64, hi: i64) -> Guard {
    let r = if r.is_empty() { Range::FULL } else { r };
    match (r.lo >= lo, r.hi <= hi) {
        (true, true) => Guard::None,
        (true, false) => Guard::AtMost(x, hi),
        (false, true) => Guard::AtLeast(x, lo),
        (false, false) => Guard::Between(x, lo, hi),
    }
}

/// The diamond `head` ends, if it is one that can be converted (`chain`
/// is [`checked_interval`]'s table).
fn find_diamond(
    func: &Function,
    head: Block,
    pred_count: impl Fn(Block) -> usize,
    chain: &mut Vec<Affine>,
) -> Option<Diamond> {
    let term = func.terminator(head)?;
    let InstKind::Branch(cond, [t, e]) = func.insts[term.index()].kind else {
        return None;
    };
    let (t_block, e_block) = (t.block(&func.pool), e.block(&func.pool));
    if t_block == e_block || t_block == head || e_block == head {
        return None;
    }
    let mut arms = [None, None];
    let mut join = None;
    for (side, call) in [t, e].into_iter().enumerate() {
        // An arm, or else the join itself (a join has a predecessor
        // besides this branch, or parameters, so it is never an arm).
        let block = call.block(&func.pool);
        let dest = match short_arm(func, block, &pred_count) {
            Some(dest) => {
                arms[side] = Some(block);
                dest
            }
            None => block,
        };
        if dest == head || join.is_some_and(|j| j != dest) {
            return None;
        }
        join = Some(dest);
    }
    if arms == [None, None] {
        return None;
    }
    let needs = checked_interval(func, arms, chain)?;
    if needs.is_some() && arms.contains(&None) {
        // A triangle saves one branch: not worth a guard's.
        return None;
    }
    Some(Diamond {
        head,
        cond,
        arms,
        join: join?,
        needs,
    })
}

/// Where the block `arm` (a branch's target) ends its arm, if it is one:
/// no parameters, no predecessor but the branch, at most [`MAX_ARM`]
/// instructions before a jump to another block.
fn short_arm(func: &Function, arm: Block, pred_count: impl Fn(Block) -> usize) -> Option<Block> {
    let data = &func.blocks[arm.index()];
    if pred_count(arm) != 1 || !func.pool.is_empty(data.params) {
        return None;
    }
    let (&last, body) = data.insts.split_last()?;
    let InstKind::Jump(dest) = func.insts[last.index()].kind else {
        return None;
    };
    let to = dest.block(&func.pool);
    (body.len() <= MAX_ARM && to != arm).then_some(to)
}

/// `v = a * x + b` for the value `x` the arms' checked arithmetic starts
/// from, exactly.
#[derive(Clone, Copy, Debug)]
struct Affine {
    value: Value,
    a: i128,
    b: i128,
}

/// Whether every instruction of the arms can be computed whatever the
/// branch would have chosen: `Some(None)` when none can trap,
/// `Some(Some((x, lo, hi)))` when the checked arithmetic traps only for
/// `x` outside `lo..=hi`, `None` when the arms cannot be converted.
/// `chain` is its table of an arm's results so far.
fn checked_interval(
    func: &Function,
    arms: [Option<Block>; 2],
    chain: &mut Vec<Affine>,
) -> Option<Option<(Value, i64, i64)>> {
    let mut x: Option<Value> = None;
    let (mut lo, mut hi) = (i64::MIN as i128, i64::MAX as i128);
    for arm in arms.into_iter().flatten() {
        let insts = &func.blocks[arm.index()].insts;
        chain.clear();
        for &inst in &insts[..insts.len() - 1] {
            let data = &func.insts[inst.index()];
            let kind = &data.kind;
            let (op, p, q) = match *kind {
                InstKind::Const(_) | InstKind::Select(..) => continue,
                InstKind::Unary(UnaryOp::BitNot, _) => continue,
                InstKind::Binary(BinaryOp::Shr, _, s) => {
                    if func.const_value(s).is_some_and(|k| k >= 0) {
                        continue;
                    }
                    return None;
                }
                InstKind::Binary(op, _, _) if !op.can_trap() => continue,
                InstKind::Binary(op @ (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul), p, q) => {
                    (op, p, q)
                }
                _ => return None,
            };
            // One operand constant, the other `x` or a result of the chain.
            let (v, k, v_first) = match (func.const_value(p), func.const_value(q)) {
                (None, Some(k)) => (p, k, true),
                (Some(k), None) => (q, k, false),
                _ => return None,
            };
            let f = match chain.iter().find(|c| c.value == v) {
                Some(f) => *f,
                None if x.is_none_or(|x| x == v) && !defined_in(func, v, arms) => {
                    x = Some(v);
                    Affine {
                        value: v,
                        a: 1,
                        b: 0,
                    }
                }
                None => return None,
            };
            let k = i128::from(k);
            let (a, b) = match op {
                BinaryOp::Add => (f.a, f.b + k),
                BinaryOp::Sub if v_first => (f.a, f.b - k),
                BinaryOp::Sub => (-f.a, k - f.b),
                _ => (f.a * k, f.b * k),
            };
            // `a * x + b` must fit for every `x` left in `lo..=hi`.
            let (lo2, hi2) = solve(a, b)?;
            (lo, hi) = (lo.max(lo2), hi.min(hi2));
            if lo > hi || a.abs() > (1 << 64) || b.abs() > (1 << 70) {
                return None;
            }
            chain.push(Affine {
                value: data.result?,
                a,
                b,
            });
        }
    }
    Some(x.map(|x| (x, lo as i64, hi as i64)))
}

/// The interval of `x` (as i128) for which `a * x + b` fits in 64 bits.
fn solve(a: i128, b: i128) -> Option<(i128, i128)> {
    let (min, max) = (i128::from(i64::MIN), i128::from(i64::MAX));
    if a == 0 {
        return (min..=max).contains(&b).then_some((min, max));
    }
    // min <= a*x + b <= max, divided by a (flipping for negative a).
    let (from, to) = if a > 0 {
        (min - b, max - b)
    } else {
        (b - max, b - min)
    };
    let d = a.abs();
    let lo = from.div_euclid(d) + i128::from(from.rem_euclid(d) != 0);
    let hi = to.div_euclid(d);
    Some((lo.max(min), hi.min(max)))
}

/// Whether `v` is a result of an instruction of one of `arms`.
fn defined_in(func: &Function, v: Value, arms: [Option<Block>; 2]) -> bool {
    match func.values[v.index()] {
        ValueDef::Result(i) => arms
            .iter()
            .flatten()
            .any(|a| func.blocks[a.index()].insts.contains(&i)),
        _ => false,
    }
}

/// Rewrites one diamond: the converted code in `head` itself when nothing
/// can trap, else in a new block the guard leads to, the original branch
/// in another for the rest.
fn convert(func: &mut Function, d: &Diamond, guard: Guard) {
    let head_term = func.terminator(d.head).expect("a diamond ends in a branch");
    // The branch leaves `head` (taken out below, or replaced by the
    // guard's branch at the end): its targets move rather than copy, a
    // `ret` holding its place meanwhile.
    let branch = &mut func.insts[head_term.index()].kind;
    let InstKind::Branch(_, targets) = core::mem::replace(branch, InstKind::Return(d.cond)) else {
        unreachable!("a diamond ends in a branch")
    };
    let fast = if guard == Guard::None {
        func.blocks[d.head.index()].insts.pop();
        d.head
    } else {
        func.create_block()
    };
    // The arms' instructions, copied in order, checked ones as `.wrap`
    // (short lists: in place, as the arms are short).
    let mut copies: SmallVec<[(Value, Value); 2 * MAX_ARM]> = SmallVec::new();
    let mut args: [SmallVec<[Value; 4]>; 2] = Default::default();
    for (side, &arm) in d.arms.iter().enumerate() {
        let Some(arm) = arm else {
            // An edge to the join: its own arguments.
            args[side] = SmallVec::from_slice(targets[side].args(&func.pool));
            continue;
        };
        let insts = func.blocks[arm.index()].insts.clone();
        let (&last, body) = insts.split_last().expect("an arm ends in a jump");
        for &inst in body {
            // An arm holds no lists: the clone shares none.
            let mut kind = func.insts[inst.index()].kind.clone();
            kind.for_each_arg_mut(&mut func.pool, |v| *v = renamed(&copies, *v));
            if let InstKind::Binary(op, ..) = &mut kind {
                *op = op.wrapping().unwrap_or(*op);
            }
            let copy = func.append_inst(fast, kind);
            if let (Some(old), Some(new)) = (
                func.insts[inst.index()].result,
                func.insts[copy.index()].result,
            ) {
                copies.push((old, new));
            }
        }
        if let InstKind::Jump(dest) = func.insts[last.index()].kind {
            let dest_args = dest.args(&func.pool);
            args[side] = dest_args.iter().map(|&v| renamed(&copies, v)).collect();
        }
    }
    let mut joined = args[0].clone();
    // Selects of a value the condition reads go last, so that the value
    // is dead at its select and the select may take its register.
    let mut compared: SmallVec<[Value; 3]> = SmallVec::new();
    if let Some(c) = defining(func, d.head, d.cond) {
        func.insts[c.index()]
            .kind
            .for_each_arg(&func.pool, |x| compared.push(x));
    }
    let mut order: SmallVec<[usize; 4]> = (0..joined.len()).collect();
    order.sort_by_key(|&i| compared.contains(&args[0][i]) || compared.contains(&args[1][i]));
    let cond_is_bool = is_bool(func, d.cond);
    for i in order {
        let (a, b) = (args[0][i], args[1][i]);
        // A truth value passed on where the other way computes one (`a <
        // b < c` or `p and q` as a value) is an `and` or an `or` of them.
        let both_bool = cond_is_bool && is_bool(func, a) && is_bool(func, b);
        let kind = match (a == b, a == d.cond, b == d.cond) {
            (true, ..) => continue,
            (_, _, true) if both_bool => InstKind::Binary(BinaryOp::And, d.cond, a),
            (_, true, _) if both_bool => InstKind::Binary(BinaryOp::Or, d.cond, b),
            // A comparison of its own for each select, right before it,
            // so that each is a compare and a conditional move.
            _ => InstKind::Select(copy_condition(func, d.head, d.cond, fast), a, b),
        };
        let s = func.append_inst(fast, kind);
        joined[i] = func.result(s);
    }
    let dest = func.make_call(d.join, &joined);
    func.append_inst(fast, InstKind::Jump(dest));
    if guard == Guard::None {
        // The arms are unreachable; the caller takes them out of the
        // layout. The branch's targets go with it.
        targets.iter().for_each(|t| t.free(&mut func.pool));
        return;
    }
    // The original branch, for values the guard turns away, in a block
    // of its own.
    let slow = func.create_block();
    let slow_cond = copy_condition(func, d.head, d.cond, slow);
    func.append_inst(slow, InstKind::Branch(slow_cond, targets));
    let ok = guard_value(func, d.head, head_term, guard);
    let targets = [func.make_call(fast, &[]), func.make_call(slow, &[])];
    func.insts[head_term.index()].kind = InstKind::Branch(ok, targets);
}

/// The new name of `v` among `copies`, or `v`.
fn renamed(copies: &[(Value, Value)], v: Value) -> Value {
    copies
        .iter()
        .find(|(old, _)| *old == v)
        .map_or(v, |&(_, new)| new)
}

/// The condition `cond` of `head`'s branch for use in `block`: a copy of
/// the comparison computing it (and of a masking `and` before that) when
/// they are in `head`, so that the backend can fuse them with the select or
/// branch right after; else `cond` itself.
fn copy_condition(func: &mut Function, head: Block, cond: Value, block: Block) -> Value {
    let Some(compare) = defining(func, head, cond) else {
        return cond;
    };
    let InstKind::Binary(op, a, b) = func.insts[compare.index()].kind else {
        return cond;
    };
    if !op.is_comparison() {
        return cond;
    }
    let mask = |func: &Function, v: Value| {
        let inst = defining(func, head, v)?;
        match func.insts[inst.index()].kind {
            InstKind::Binary(BinaryOp::And, p, q)
                if func.const_value(p).is_some() || func.const_value(q).is_some() =>
            {
                Some(func.insts[inst.index()].kind.clone())
            }
            _ => None,
        }
    };
    let (mut a, mut b) = (a, b);
    if let Some(kind) = mask(func, a) {
        let m = func.append_inst(block, kind);
        a = func.result(m);
    } else if let Some(kind) = mask(func, b) {
        let m = func.append_inst(block, kind);
        b = func.result(m);
    }
    let c = func.append_inst(block, InstKind::Binary(op, a, b));
    func.result(c)
}

/// Whether `v` is 0 or 1: a comparison's result or such a constant.
fn is_bool(func: &Function, v: Value) -> bool {
    match func.values[v.index()] {
        ValueDef::Result(i) => match func.insts[i.index()].kind {
            InstKind::Binary(op, ..) => op.is_comparison(),
            InstKind::Const(k) => k == 0 || k == 1,
            _ => false,
        },
        _ => false,
    }
}

/// The instruction of `block` that defines `v`, if one does.
fn defining(func: &Function, block: Block, v: Value) -> Option<Inst> {
    match func.values[v.index()] {
        ValueDef::Result(i) if func.blocks[block.index()].insts.contains(&i) => Some(i),
        _ => None,
    }
}

/// Adds the comparison of `guard` to `head` just before its terminator
/// `term`; returns its result.
fn guard_value(func: &mut Function, head: Block, term: Inst, guard: Guard) -> Value {
    let add = |func: &mut Function, kind: InstKind| {
        let inst = func.create_inst(kind);
        let insts = &mut func.blocks[head.index()].insts;
        let at = insts.iter().position(|&i| i == term).unwrap_or(insts.len());
        insts.insert(at, inst);
        func.result(inst)
    };
    match guard {
        Guard::AtMost(x, hi) => {
            let k = add(func, InstKind::Const(hi));
            add(func, InstKind::Binary(BinaryOp::Le, x, k))
        }
        Guard::AtLeast(x, lo) => {
            let k = add(func, InstKind::Const(lo));
            add(func, InstKind::Binary(BinaryOp::Ge, x, k))
        }
        Guard::Between(x, lo, hi) => {
            // lo <= x <= hi exactly when x - lo, as unsigned, is at most
            // hi - lo (less than 2^64 - 1: the interval is never all of i64
            // here, or there would be no guard).
            let base = add(func, InstKind::Const(lo));
            let off = add(func, InstKind::Binary(BinaryOp::SubWrap, x, base));
            let width = add(func, InstKind::Const(hi.wrapping_sub(lo).wrapping_add(1)));
            add(func, InstKind::Binary(BinaryOp::Ult, off, width))
        }
        Guard::None => unreachable!("no guard, no comparison"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_gives_the_interval_where_the_value_fits() {
        // 3x + 1 fits for x in [ceil((MIN - 1) / 3), floor((MAX - 1) / 3)]
        // (the chain also asks 3x alone to fit, which takes the low end
        // up by one).
        let (lo, hi) = solve(3, 1).unwrap();
        assert_eq!(lo, -3074457345618258603);
        assert_eq!(solve(3, 0).unwrap().0, -3074457345618258602);
        assert_eq!(hi, 3074457345618258602);
        let (min, max) = (i128::from(i64::MIN), i128::from(i64::MAX));
        assert!(3 * hi < max); // 3 * hi + 1 <= max
        assert!(3 * (hi + 1) + 1 > max);
        assert!(3 * lo + 1 >= min);
        assert!(3 * (lo - 1) + 1 < min);
        // 5 - x fits unless x < 5 - MAX.
        assert_eq!(
            solve(-1, 5).unwrap(),
            (5 - i128::from(i64::MAX), i128::from(i64::MAX))
        );
    }
}
