//! Strength reduction: floor division and modulo by a constant become
//! shifts, masks and a multiplication, keeping Python's floor semantics.
//!
//! Needs: a verified function (divisors as `const` instructions). Keeps:
//! every result; a division by a positive constant other than 1 can never
//! trap, so nothing that could trap is replaced.
//!
//! For `d = 2^k`: `a // d` is `a >> k` (an arithmetic shift floors) and
//! `a % d` is `a & (d - 1)` (Python's remainder takes the divisor's sign).
//! For other `d > 1`, with `s = a >> 63` (0, or -1 for negative `a`):
//! `a // d == s ^ ((s ^ a) /u d)`, since for negative `a`, `s ^ a = -a - 1`
//! and flooring a negative quotient is one less than truncating its
//! negation. The unsigned division of a value below 2^63 is
//! `umulhi(x, M) >> sh` with `sh = floor(log2 d)` and
//! `M = ceil(2^(64 + sh) / d)`: then `M*d - 2^(64+sh) < d <= 2^(sh+1)`,
//! the error bound that makes the product exact for 63-bit `x`. The
//! remainder is `a - q * d`, which cannot overflow. Where the intervals of
//! [`super::ranges`] show `a >= 0`, the sign steps are left out.

use super::ranges::{intervals_of, Kept};
use crate::ir::dom::Cfg;
use crate::ir::{BinaryOp, Block, Function, Inst, InstKind, InstList, Value};
use crate::reuse::KEEP_FOR_VALUES;
use alloc::vec::Vec;

/// Rewrites divisions and remainders by constants; whether any changed.
pub fn run(func: &mut Function) -> bool {
    run_in(func, &mut Cfg::default())
}

/// [`run`] with the control-flow analyses `cfg` has of `func` (the
/// control flow stays as it is).
pub fn run_in(func: &mut Function, cfg: &mut Cfg) -> bool {
    run_kept(func, cfg, &Kept::default())
}

/// [`run_in`], with the intervals `kept` from the pass before where they
/// cover the dividends. Each division's result is computed where it was,
/// so what was known of every value stays true for the passes after.
pub fn run_kept(func: &mut Function, cfg: &mut Cfg, kept: &Kept) -> bool {
    run_with(func, cfg, kept, &mut Tables::default())
}

/// The pass's tables, kept from one function to the next
/// ([`super::Analyses`]) to be filled again rather than allocated (their
/// contents mean nothing between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// The divisions by constants above 1: their blocks, operations,
    /// dividends and divisors.
    divisions: Vec<(Block, BinaryOp, Value, i64)>,
    /// The dividends of those that need a multiplication.
    dividends: Vec<Value>,
    /// Whether each value is known never negative (empty when no
    /// dividend asked).
    non_negative: Vec<bool>,
    /// A block's instructions as they are rebuilt.
    rebuilt: InstList,
    made: Made,
}

/// [`run_kept`] with the tables `t` of an earlier run to fill again.
pub fn run_with(func: &mut Function, cfg: &mut Cfg, kept: &Kept, t: &mut Tables) -> bool {
    let changed = reduce_all(func, cfg, kept, t);
    if func.values.len() > KEEP_FOR_VALUES {
        // Too large to keep: not held through the passes after.
        *t = Tables::default();
    }
    changed
}

/// [`run_with`], leaving the tables as they are.
fn reduce_all(func: &mut Function, cfg: &mut Cfg, kept: &Kept, t: &mut Tables) -> bool {
    let Tables {
        divisions,
        dividends,
        non_negative,
        rebuilt,
        made,
    } = t;
    // The divisions by constants above 1, and the dividends of those that
    // need a multiplication: whether these are never negative (then they
    // need no sign correction) is asked of the intervals, which are worth
    // computing only when there are some.
    divisions.clear();
    dividends.clear();
    for &block in &func.layout {
        for &inst in &func.blocks[block.index()].insts {
            if let InstKind::Binary(op @ (BinaryOp::FloorDiv | BinaryOp::Mod), a, b) =
                func.insts[inst.index()].kind
            {
                if let Some(d) = func.const_value(b).filter(|&d| d > 1) {
                    divisions.push((block, op, a, d));
                    if d & (d - 1) != 0 {
                        dividends.push(a);
                    }
                }
            }
        }
    }
    if divisions.is_empty() {
        return false;
    }
    non_negative.clear();
    if !dividends.is_empty() {
        let intervals = intervals_of(func, cfg, kept, dividends);
        non_negative.extend(intervals.iter().map(|r| !r.is_empty() && r.lo >= 0));
    }
    // Room for the new instructions, if the tables lack it: growing one at
    // a time doubles them, which can leave them nearly twice the
    // function's size until the backend is done. A block makes each
    // constant once ([`Made`]), so the constants are counted once per run
    // of divisions by one divisor in a block. Counted per division, the
    // room asked for was often more than a table had spare, and the table
    // was copied for nothing (10,000 divisions by 7 in a block make about
    // 40,000 instructions; room for 70,000 was asked for).
    let steps: usize = divisions
        .iter()
        .map(|&(_, op, a, d)| new_insts(op, d, known_non_negative(non_negative, a)).0)
        .sum();
    let runs = 1 + divisions
        .windows(2)
        .filter(|w| (w[0].0, w[0].3) != (w[1].0, w[1].3))
        .count();
    let new = steps + MAX_CONSTANTS * runs;
    func.insts.reserve_exact(new);
    func.values.reserve_exact(new);
    let mut changed = false;
    // Each block's instructions are rebuilt once, with the new ones in
    // place (inserting them one division at a time moved the rest of the
    // block each time: 50,000 divisions in a block took 160 ms).
    for i in 0..func.layout.len() {
        let b = func.layout[i];
        let old = core::mem::take(&mut func.blocks[b.index()].insts);
        rebuilt.clear();
        rebuilt.reserve(old.len());
        made.constants.clear();
        made.quotients.clear();
        for &inst in &old {
            changed |= reduce(func, inst, non_negative, rebuilt, made);
            rebuilt.push(inst);
        }
        if rebuilt.len() == old.len() {
            func.blocks[b.index()].insts = old;
        } else {
            func.blocks[b.index()].insts = core::mem::replace(rebuilt, old);
        }
    }
    changed
}

/// Rewrites `inst` if it divides by a suitable constant, pushing the
/// instructions it now needs before it onto `before`; whether it did.
/// What was `made` earlier in the block serves again.
fn reduce(
    func: &mut Function,
    inst: Inst,
    non_negative: &[bool],
    before: &mut InstList,
    made: &mut Made,
) -> bool {
    let InstKind::Binary(op @ (BinaryOp::FloorDiv | BinaryOp::Mod), a, b) =
        func.insts[inst.index()].kind
    else {
        return false;
    };
    let Some(d) = func.const_value(b).filter(|&d| d > 1) else {
        return false;
    };
    let line = func.line(inst);
    let start = before.len();
    let mut new = Emit {
        func,
        insts: before,
        made,
        line,
    };
    let last = if d & (d - 1) == 0 {
        let k = d.trailing_zeros() as i64;
        match op {
            BinaryOp::FloorDiv => InstKind::Binary(BinaryOp::Shr, a, new.constant(k)),
            _ => InstKind::Binary(BinaryOp::And, a, new.constant(d - 1)),
        }
    } else {
        // The last step of the quotient, from what the block has already
        // when `a // d` or `a % d` came before (`n % 10` then `n //= 10`).
        let at = match new.made.quotient(a, d) {
            Some(at) => at,
            None => {
                let last = quotient(&mut new, a, d, known_non_negative(non_negative, a));
                push_recent(
                    &mut new.made.quotients,
                    Quotient {
                        a,
                        d,
                        last,
                        value: None,
                    },
                )
            }
        };
        let Quotient { last, value, .. } = new.made.quotients[at].clone();
        match op {
            BinaryOp::FloorDiv => {
                // This division's result is the quotient from now on.
                new.made.quotients[at].value = Some(new.func.result(inst));
                last
            }
            _ => {
                let q = value.unwrap_or_else(|| new.value(last));
                let product = new.binary(BinaryOp::MulWrap, q, d);
                InstKind::Binary(BinaryOp::SubWrap, a, product)
            }
        }
    };
    debug_assert!({
        let (steps, constants) = new_insts(op, d, known_non_negative(non_negative, a));
        new.insts.len() - start <= steps + constants
    });
    func.insts[inst.index()].kind = last;
    true
}

/// Emits all but the last step of `a // d` for a `d` above 1 and not a
/// power of two, by a multiplication by its inverse; returns the last.
fn quotient(new: &mut Emit<'_>, a: Value, d: i64, non_negative: bool) -> InstKind {
    let sh = 63 - d.leading_zeros() as i64;
    let magic = (1u128 << (64 + sh)).div_ceil(d as u128);
    if non_negative {
        // No sign to fold in: the quotient is the unsigned one.
        let m = new.constant(magic as u64 as i64);
        let high = new.value(InstKind::Binary(BinaryOp::UMulHi, a, m));
        return InstKind::Binary(BinaryOp::Shr, high, new.constant(sh));
    }
    let sign = new.binary(BinaryOp::Shr, a, 63);
    let folded = new.value(InstKind::Binary(BinaryOp::Xor, sign, a));
    let m = new.constant(magic as u64 as i64);
    let high = new.value(InstKind::Binary(BinaryOp::UMulHi, folded, m));
    let unsigned_q = new.binary(BinaryOp::Shr, high, sh);
    InstKind::Binary(BinaryOp::Xor, sign, unsigned_q)
}

/// Whether the intervals showed `a >= 0`.
fn known_non_negative(non_negative: &[bool], a: Value) -> bool {
    non_negative.get(a.index()).copied().unwrap_or(false)
}

/// How many instructions [`reduce`] adds before `a op d`, at most: the
/// steps that compute, and the constants they read (fewer when constants
/// made before serve again). The last step takes the division's place.
fn new_insts(op: BinaryOp, d: i64, non_negative: bool) -> (usize, usize) {
    match (d & (d - 1) == 0, non_negative, op) {
        // A shift or a mask by a constant.
        (true, _, _) => (0, 1),
        // The multiply-high and its shift: the multiplier, the shift.
        (false, true, BinaryOp::FloorDiv) => (1, 2),
        // ... and the remainder `a - q * d`: the divisor too.
        (false, true, _) => (3, 3),
        // The sign folded in and out: 63 too.
        (false, false, BinaryOp::FloorDiv) => (4, 3),
        (false, false, _) => (6, 4),
    }
}

/// The most constants one division makes ([`new_insts`]).
const MAX_CONSTANTS: usize = 4;

/// How many of the constants (and quotients) made last in a block
/// [`Made`] looks among for one to use again: divisors all different
/// would make a search of every one quadratic.
const RECENT: usize = 8;

/// What [`reduce`] made earlier in a block, to use again there: 10,000
/// divisions by 7 in a block need three constants, not 30,000.
#[derive(Clone, Debug, Default)]
struct Made {
    /// Constants and their values.
    constants: Vec<(i64, Value)>,
    /// The quotients made.
    quotients: Vec<Quotient>,
}

/// A quotient `a // d` made in the block.
#[derive(Clone, Debug)]
struct Quotient {
    a: Value,
    d: i64,
    /// The last step of computing it, whose operands are there.
    last: InstKind,
    /// The quotient itself once a division gave it (a remainder then
    /// needs no step of its own).
    value: Option<Value>,
}

/// Pushes `x` onto `list`, of which only the last [`RECENT`] entries are
/// looked at, dropping older ones now and then (a block of 10,000
/// divisions kept 10,000 quotients); the index of `x`.
fn push_recent<T>(list: &mut Vec<T>, x: T) -> usize {
    if list.len() >= 4 * RECENT {
        list.drain(..list.len() - RECENT);
    }
    list.push(x);
    list.len() - 1
}

impl Made {
    /// Where in `quotients` the quotient `a // d` is, if it was made.
    fn quotient(&self, a: Value, d: i64) -> Option<usize> {
        let recent = self.quotients.len().saturating_sub(RECENT);
        (recent..self.quotients.len())
            .find(|&i| self.quotients[i].a == a && self.quotients[i].d == d)
    }
}

/// Instructions to insert, created in the function and placed in order.
struct Emit<'f> {
    func: &'f mut Function,
    insts: &'f mut InstList,
    /// What was made before in the block.
    made: &'f mut Made,
    /// The source line of the division they replace.
    line: u32,
}

impl Emit<'_> {
    fn value(&mut self, kind: InstKind) -> Value {
        let inst = self.func.create_inst(kind);
        self.func.set_line(inst, self.line);
        self.insts.push(inst);
        self.func.result(inst)
    }

    fn constant(&mut self, c: i64) -> Value {
        let constants = &self.made.constants;
        let recent = constants.len().saturating_sub(RECENT);
        if let Some(&(_, v)) = constants[recent..].iter().find(|&&(k, _)| k == c) {
            return v;
        }
        let v = self.value(InstKind::Const(c));
        push_recent(&mut self.made.constants, (c, v));
        v
    }

    /// `op a, c` for a constant `c`.
    fn binary(&mut self, op: BinaryOp, a: Value, c: i64) -> Value {
        let c = self.constant(c);
        self.value(InstKind::Binary(op, a, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interp::Interpreter;
    use crate::ir::{FuncId, Module};
    use crate::ops;
    use crate::test_fixtures::Rng;
    use alloc::vec;

    /// `f(a) = a op d`, reduced.
    fn reduced(op: BinaryOp, d: i64) -> Module {
        let mut f = Function::new("f");
        let entry = f.create_block();
        let a = f.append_block_param(entry);
        let dv = f.append_inst(entry, InstKind::Const(d));
        let dv = f.result(dv);
        let r = f.append_inst(entry, InstKind::Binary(op, a, dv));
        let r = f.result(r);
        f.append_inst(entry, InstKind::Return(r));
        assert!(run(&mut f), "{op:?} by {d} is reduced");
        let module = Module {
            functions: vec![f],
            hosts: vec![],
        };
        crate::ir::verify::verify(&module).unwrap();
        module
    }

    #[test]
    fn reduced_division_and_modulo_agree_with_python() {
        let divisors = [
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            10,
            12,
            13,
            25,
            100,
            641,
            1000,
            4096,
            1 << 31,
            (1 << 32) + 1,
            3_i64.pow(39),
            1 << 62,
            i64::MAX - 1,
            i64::MAX,
        ];
        let mut dividends = vec![
            0,
            1,
            -1,
            2,
            -2,
            7,
            -7,
            12,
            -13,
            99,
            -100,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ];
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..300 {
            let x = rng.next_u64();
            dividends.push(x as i64);
            dividends.push((x >> (x % 60)) as i64);
            dividends.push(-((x >> (x % 60)) as i64));
        }
        for d in divisors {
            for op in [BinaryOp::FloorDiv, BinaryOp::Mod] {
                let module = reduced(op, d);
                let mut interp = Interpreter::new(&module);
                for &a in &dividends {
                    let want = ops::binary(op, a, d).unwrap();
                    assert_eq!(
                        interp.call_ints(FuncId::new(0), &[a]),
                        Ok(want),
                        "{a} {op:?} {d}"
                    );
                }
            }
        }
    }

    #[test]
    fn divisors_that_could_trap_are_left_alone() {
        for d in [0, 1, -1, -2, -7, i64::MIN] {
            let mut f = Function::new("f");
            let entry = f.create_block();
            let a = f.append_block_param(entry);
            let dv = f.append_inst(entry, InstKind::Const(d));
            let dv = f.result(dv);
            let r = f.append_inst(entry, InstKind::Binary(BinaryOp::FloorDiv, a, dv));
            let r = f.result(r);
            f.append_inst(entry, InstKind::Return(r));
            assert!(!run(&mut f), "{d}");
        }
    }

    /// A block of divisions by one divisor asks for room for its
    /// constants once: a table with that much spare is not copied.
    #[test]
    fn room_is_asked_for_the_constants_once() {
        let mut f = Function::new("f");
        let entry = f.create_block();
        let mut a = f.append_block_param(entry);
        let seven = f.append_inst(entry, InstKind::Const(7));
        let seven = f.result(seven);
        for _ in 0..1000 {
            let q = f.append_inst(entry, InstKind::Binary(BinaryOp::FloorDiv, a, seven));
            a = f.result(q);
        }
        f.append_inst(entry, InstKind::Return(a));
        // Four new steps per division (the sign, the sign folded in, the
        // multiply-high, the shift; the last step takes the division's
        // place) and three constants in all, not seven per division.
        let made = 4 * 1000 + 3;
        f.insts.reserve_exact(made + MAX_CONSTANTS);
        f.values.reserve_exact(made + MAX_CONSTANTS);
        let (insts, values) = (f.insts.capacity(), f.values.capacity());
        let before = f.insts.len();
        assert!(run(&mut f));
        assert_eq!(f.insts.len() - before, made);
        assert_eq!(f.insts.capacity(), insts, "the instructions were copied");
        assert_eq!(f.values.capacity(), values, "the values were copied");
    }
}
