//! Arithmetic, comparisons and selects: each IR operation as a short fixed
//! sequence of x86-64 instructions on the allocated locations, overflow and
//! division checks jumping to the function's trap stubs.

use super::Emitter;
use crate::backend::x86_64::abi::{SCRATCH, SCRATCH2};
use crate::backend::x86_64::encoder::{Alu, Label, Shift};
use crate::backend::x86_64::moves::{emit_move, Src};
use crate::backend::x86_64::plan;
use crate::backend::x86_64::regs::{Cond, Mem, Reg, Scale};
use crate::ir::{BinaryOp, UnaryOp, Value};
use crate::ops;
use crate::trap::{msg, Exception, Trap};

/// The condition under which `op` holds.
pub(super) fn cond_of(op: BinaryOp) -> Cond {
    match op {
        BinaryOp::Eq => Cond::E,
        BinaryOp::Ne => Cond::Ne,
        BinaryOp::Lt => Cond::L,
        BinaryOp::Le => Cond::Le,
        BinaryOp::Gt => Cond::G,
        BinaryOp::Ge => Cond::Ge,
        BinaryOp::Ult => Cond::B,
        _ => Cond::A,
    }
}

/// The condition for the same comparison with its operands swapped.
pub(super) fn swapped(cond: Cond) -> Cond {
    match cond {
        Cond::L => Cond::G,
        Cond::G => Cond::L,
        Cond::Le => Cond::Ge,
        Cond::Ge => Cond::Le,
        Cond::B => Cond::A,
        Cond::A => Cond::B,
        Cond::Be => Cond::Ae,
        Cond::Ae => Cond::Be,
        other => other,
    }
}

impl Emitter<'_, '_> {
    /// Computes a result known at compile time: stores it, or jumps to
    /// the trap it raises.
    pub(super) fn folded(&mut self, r: Value, value: Result<i64, Exception>) {
        match value {
            Ok(v) => {
                if let Some(d) = self.dst(r) {
                    emit_move(self.asm, d, Src::Imm(v));
                }
            }
            Err(e) => {
                let stub = self.trap_stub(e.trap, &e.message);
                self.asm.jmp(stub);
            }
        }
    }

    pub(super) fn unary(&mut self, op: UnaryOp, r: Value, a: Value) {
        if let Src::Imm(x) = self.src(a) {
            return self.folded(r, ops::unary(op, x));
        }
        match op {
            UnaryOp::Neg | UnaryOp::BitNot => {
                let work = self.work_reg(r, &[]);
                self.load_into(work, a);
                if op == UnaryOp::Neg {
                    self.asm.neg(work);
                    let stub = self.overflow_stub();
                    self.asm.jcc(Cond::O, stub);
                } else {
                    self.asm.not(work);
                }
                self.store(r, work);
            }
            UnaryOp::Abs => {
                // Negate in the result's register (keeping `a` where it
                // can be read back), then take `a` when -a is negative.
                let (work, keep) = match self.dest_reg(r) {
                    Some(d) if self.src(a) == Src::Reg(d) => {
                        self.asm.mov_rr(SCRATCH, d);
                        (d, Src::Reg(SCRATCH))
                    }
                    d => {
                        let work = d.unwrap_or(SCRATCH);
                        self.load_into(work, a);
                        (work, self.src(a))
                    }
                };
                self.asm.neg(work);
                let stub = self.overflow_stub();
                self.asm.jcc(Cond::O, stub);
                match keep {
                    Src::Reg(ra) => self.asm.cmov_rr(Cond::S, work, ra),
                    Src::Mem(m) => self.asm.cmov_rm(Cond::S, work, m),
                    Src::Imm(_) => unreachable!("constants are folded above"),
                }
                self.store(r, work);
            }
        }
    }

    pub(super) fn binary(&mut self, op: BinaryOp, r: Value, a: Value, b: Value) {
        // The planned `(x << k) & 0xFFFF_FFFF`, before the shift's missing
        // location reads as a constant.
        if op == BinaryOp::And {
            let planned = self
                .plan
                .shifted_low(a)
                .or_else(|| self.plan.shifted_low(b));
            if let Some((x, k)) = planned {
                return self.shl_low(r, x, k);
            }
        }
        if let (Src::Imm(x), Src::Imm(y)) = (self.src(a), self.src(b)) {
            return self.folded(r, ops::binary(op, x, y));
        }
        match op {
            BinaryOp::Add => self.alu(Alu::Add, r, a, b, true, true),
            BinaryOp::Sub => self.alu(Alu::Sub, r, a, b, true, false),
            BinaryOp::And => self.and(r, a, b),
            BinaryOp::Or => self.alu(Alu::Or, r, a, b, false, true),
            BinaryOp::Xor => self.alu(Alu::Xor, r, a, b, false, true),
            BinaryOp::AddWrap => self.add_wrap(r, a, b, false),
            BinaryOp::SubWrap => self.add_wrap(r, a, b, true),
            BinaryOp::Mul => self.mul(r, a, b, true),
            BinaryOp::MulWrap => self.mul(r, a, b, false),
            BinaryOp::FloorDiv | BinaryOp::Mod => self.divide(op, r, a, b),
            BinaryOp::UMulHi => {
                // `mul` takes one factor in rax and leaves the high half in
                // rdx; the other factor goes to r11 first, as rax may hold it.
                self.load_into(SCRATCH, b);
                self.load_into(Reg::Rax, a);
                self.asm.mul(SCRATCH);
                self.store(r, Reg::Rdx);
            }
            BinaryOp::Pow => self.pow(r, a, b),
            BinaryOp::Shl => self.shl(r, a, b),
            BinaryOp::ShlWrap => self.shl_wrap(r, a, b),
            BinaryOp::Shr => self.shr(r, a, b),
            _ => {
                let cond = self.compare(op, a, b);
                let work = self.dest_reg(r).unwrap_or(SCRATCH);
                self.asm.setcc(cond, work);
                self.asm.movzx_r8(work, work);
                self.store(r, work);
            }
        }
    }

    /// Applies `op` with `b` as its right operand to `work`.
    pub(super) fn alu_with(&mut self, op: Alu, work: Reg, b: Value) {
        match self.src(b) {
            Src::Reg(rb) => self.asm.alu_rr(op, work, rb),
            Src::Mem(m) => self.asm.alu_rm(op, work, m),
            Src::Imm(i) => match i32::try_from(i) {
                Ok(small) => self.asm.alu_ri(op, work, small),
                Err(_) => {
                    self.asm.mov_ri(SCRATCH2, i);
                    self.asm.alu_rr(op, work, SCRATCH2);
                }
            },
        }
    }

    /// `a & b`; a mask of the low 32 bits is a zero-extending 32-bit move
    /// (no 64-bit constant to load).
    pub(super) fn and(&mut self, r: Value, a: Value, b: Value) {
        let masked = match (self.src(a), self.src(b)) {
            (_, Src::Imm(0xFFFF_FFFF)) => a,
            (Src::Imm(0xFFFF_FFFF), _) => b,
            _ => return self.alu(Alu::And, r, a, b, false, true),
        };
        let work = self.work_reg(r, &[]);
        match self.src(masked) {
            Src::Reg(ra) => self.asm.mov_rr32(work, ra),
            _ => {
                self.load_into(work, masked);
                self.asm.mov_rr32(work, work);
            }
        }
        self.store(r, work);
    }

    /// `(x << k) & 0xFFFF_FFFF` as a 32-bit shift, which zero-extends.
    fn shl_low(&mut self, r: Value, x: Value, k: u8) {
        let work = self.work_reg(r, &[]);
        match self.src(x) {
            Src::Reg(rx) => self.asm.mov_rr32(work, rx),
            _ => self.load_into(work, x),
        }
        self.asm.shift_ri32(Shift::Shl, work, k);
        self.store(r, work);
    }

    pub(super) fn alu(
        &mut self,
        op: Alu,
        r: Value,
        a: Value,
        b: Value,
        checked: bool,
        commutes: bool,
    ) {
        let (mut a, mut b) = (a, b);
        let d = self.dest_reg(r);
        if commutes
            && (matches!(self.src(a), Src::Imm(_)) || d.is_some_and(|d| self.src(b) == Src::Reg(d)))
        {
            core::mem::swap(&mut a, &mut b);
        }
        let work = self.work_reg(r, &[b]);
        self.load_into(work, a);
        self.alu_with(op, work, b);
        if checked {
            let stub = self.overflow_stub();
            self.asm.jcc(Cond::O, stub);
        }
        self.store(r, work);
    }

    /// `add.wrap` / `sub.wrap`: `lea` when everything is in registers.
    pub(super) fn add_wrap(&mut self, r: Value, a: Value, b: Value, subtract: bool) {
        if let (Some(d), Src::Reg(ra)) = (self.dest_reg(r), self.src(a)) {
            let mem = match self.src(b) {
                Src::Reg(rb) if !subtract => Some(Mem::base_index(ra, rb, Scale::S1, 0)),
                Src::Imm(i) => {
                    let disp = if subtract { i.checked_neg() } else { Some(i) };
                    disp.and_then(|x| i32::try_from(x).ok())
                        .map(|x| Mem::base_disp(ra, x))
                }
                _ => None,
            };
            if let Some(mem) = mem {
                self.asm.lea(d, mem);
                return;
            }
        }
        let op = if subtract { Alu::Sub } else { Alu::Add };
        self.alu(op, r, a, b, false, !subtract);
    }

    pub(super) fn mul(&mut self, r: Value, a: Value, b: Value, checked: bool) {
        let (a, b) = match self.src(a) {
            Src::Imm(_) => (b, a),
            _ => (a, b),
        };
        // `x * 3`, `x * 5` and `x * 9` unchecked as `lea d, [x + x*k]`:
        // one cycle where `imul` takes three (collatz's `3 * x + 1`
        // once if-converted).
        if let (false, Some(d), Src::Reg(ra), Src::Imm(k)) =
            (checked, self.dest_reg(r), self.src(a), self.src(b))
        {
            let scale = match k {
                3 => Some(Scale::S2),
                5 => Some(Scale::S4),
                9 => Some(Scale::S8),
                _ => None,
            };
            if let Some(scale) = scale {
                self.asm.lea(d, Mem::base_index(ra, ra, scale, 0));
                return;
            }
        }
        // `x * 2` as `x + x`: one cycle where `imul` takes three, and the
        // same overflow flag (mandel's `2 * zr * zi`).
        if let (Src::Reg(ra), Src::Imm(2)) = (self.src(a), self.src(b)) {
            let work = self.work_reg(r, &[]);
            if work != ra {
                self.asm.mov_rr(work, ra);
            }
            self.asm.alu_rr(Alu::Add, work, work);
            if checked {
                let stub = self.overflow_stub();
                self.asm.jcc(Cond::O, stub);
            }
            self.store(r, work);
            return;
        }
        let work = self.work_reg(r, &[b]);
        match (self.src(a), self.src(b)) {
            (Src::Reg(ra), Src::Imm(k)) if i32::try_from(k).is_ok() => {
                self.asm.imul_rri(work, ra, k as i32);
            }
            _ => {
                self.load_into(work, a);
                match self.src(b) {
                    Src::Reg(rb) => self.asm.imul_rr(work, rb),
                    Src::Mem(m) => self.asm.imul_rm(work, m),
                    Src::Imm(k) => {
                        self.asm.mov_ri(SCRATCH2, k);
                        self.asm.imul_rr(work, SCRATCH2);
                    }
                }
            }
        }
        if checked {
            let stub = self.overflow_stub();
            self.asm.jcc(Cond::O, stub);
        }
        self.store(r, work);
    }

    /// Floor division and modulo with Python's signs. The divisor goes to
    /// r11 first, since the dividend's move into rax may overwrite it.
    pub(super) fn divide(&mut self, op: BinaryOp, r: Value, a: Value, b: Value) {
        let is_mod = op == BinaryOp::Mod;
        let zero_message = if is_mod {
            msg::MODULO_BY_ZERO
        } else {
            msg::DIVISION_BY_ZERO
        };
        let divisor = self.src(b);
        self.load_into(SCRATCH, b);
        self.load_into(Reg::Rax, a);
        let done = self.asm.new_label();
        if !matches!(divisor, Src::Imm(k) if k != 0) {
            let stub = self.trap_stub(Trap::ZeroDivisionError, zero_message);
            self.asm.test_rr(SCRATCH, SCRATCH);
            self.asm.jcc(Cond::E, stub);
        }
        if !matches!(divisor, Src::Imm(k) if k < 0) {
            // Non-negative operands below 2^32 (the common case) take a
            // 32-bit unsigned division, several times faster than `idiv`;
            // floor and truncation agree for them.
            let wide = self.asm.new_label();
            self.asm.mov_rr(Reg::Rdx, Reg::Rax);
            self.asm.alu_rr(Alu::Or, Reg::Rdx, SCRATCH);
            self.asm.shift_ri(Shift::Shr, Reg::Rdx, 32);
            self.asm.jcc(Cond::Ne, wide);
            // rdx is 0 already; setting it anew cuts the division loose
            // from the test above.
            self.asm.mov_ri(Reg::Rdx, 0);
            self.asm.div_r32(SCRATCH);
            self.asm.jmp(done);
            self.asm.bind(wide);
        }
        if !matches!(divisor, Src::Imm(k) if k != -1) {
            // idiv faults on MIN / -1; dividing by -1 needs no idiv anyway.
            let normal = self.asm.new_label();
            self.asm.alu_ri(Alu::Cmp, SCRATCH, -1);
            self.asm.jcc(Cond::Ne, normal);
            if is_mod {
                self.asm.mov_ri(Reg::Rdx, 0);
            } else {
                self.asm.neg(Reg::Rax);
                let stub = self.overflow_stub();
                self.asm.jcc(Cond::O, stub);
            }
            self.asm.jmp(done);
            self.asm.bind(normal);
        }
        self.asm.cqo();
        self.asm.idiv(SCRATCH);
        // Truncation rounds towards zero; Python floors: when the remainder
        // is non-zero and its sign differs from the divisor's, adjust.
        self.asm.test_rr(Reg::Rdx, Reg::Rdx);
        self.asm.jcc(Cond::E, done);
        if is_mod {
            self.asm.mov_rr(Reg::Rax, Reg::Rdx);
            self.asm.alu_rr(Alu::Xor, Reg::Rax, SCRATCH);
            self.asm.jcc(Cond::Ns, done);
            self.asm.alu_rr(Alu::Add, Reg::Rdx, SCRATCH);
        } else {
            self.asm.alu_rr(Alu::Xor, Reg::Rdx, SCRATCH);
            self.asm.jcc(Cond::Ns, done);
            self.asm.alu_ri(Alu::Sub, Reg::Rax, 1);
        }
        self.asm.bind(done);
        self.store(r, if is_mod { Reg::Rdx } else { Reg::Rax });
    }

    pub(super) fn pow(&mut self, r: Value, a: Value, b: Value) {
        let exponent = match self.src(b) {
            Src::Imm(k) => Some(k),
            _ => None,
        };
        if !plan::pow_inline(exponent) {
            self.load_into(SCRATCH2, a);
            self.load_into(SCRATCH, b);
            self.asm.call_label(self.labels.runtime.pow);
            return self.store(r, SCRATCH);
        }
        let k = exponent.unwrap_or(0);
        if k == 0 {
            return self.folded(r, Ok(1));
        }
        self.load_into(SCRATCH, a);
        let stub = self.overflow_stub();
        match k {
            2 | 4 => {
                for _ in 0..k / 2 {
                    self.asm.imul_rr(SCRATCH, SCRATCH);
                    self.asm.jcc(Cond::O, stub);
                }
            }
            3 => {
                self.asm.mov_rr(SCRATCH2, SCRATCH);
                for _ in 0..2 {
                    self.asm.imul_rr(SCRATCH, SCRATCH2);
                    self.asm.jcc(Cond::O, stub);
                }
            }
            _ => {}
        }
        self.store(r, SCRATCH);
    }

    pub(super) fn negative_shift_stub(&mut self) -> Label {
        self.trap_stub(Trap::ValueError, msg::NEGATIVE_SHIFT)
    }

    pub(super) fn shl(&mut self, r: Value, a: Value, b: Value) {
        let overflow = self.overflow_stub();
        match self.src(b) {
            Src::Imm(k) if k < 0 => {
                let negative = self.negative_shift_stub();
                self.asm.jmp(negative);
            }
            Src::Imm(k) if k >= 64 => {
                self.load_into(SCRATCH, a);
                self.asm.test_rr(SCRATCH, SCRATCH);
                self.asm.jcc(Cond::Ne, overflow);
                self.store(r, SCRATCH);
            }
            Src::Imm(k) => {
                // No bits are lost exactly when the top k+1 bits of `a` are
                // all equal: `a >> (63 - k)` is then 0 or -1.
                self.load_into(SCRATCH2, a);
                self.asm.shift_ri(Shift::Sar, SCRATCH2, (63 - k) as u8);
                self.asm.alu_ri(Alu::Add, SCRATCH2, 1);
                self.asm.alu_ri(Alu::Cmp, SCRATCH2, 1);
                self.asm.jcc(Cond::A, overflow);
                let work = self.work_reg(r, &[]);
                self.load_into(work, a);
                self.asm.shift_ri(Shift::Shl, work, k as u8);
                self.store(r, work);
            }
            _ => {
                let (big, done) = (self.asm.new_label(), self.asm.new_label());
                let negative = self.negative_shift_stub();
                self.load_into(SCRATCH2, b);
                self.load_into(SCRATCH, a);
                self.asm.test_rr(SCRATCH2, SCRATCH2);
                self.asm.jcc(Cond::S, negative);
                self.asm.alu_ri(Alu::Cmp, SCRATCH2, 63);
                self.asm.jcc(Cond::A, big);
                self.asm.mov_rr(Reg::Rcx, SCRATCH2);
                self.asm.mov_rr(SCRATCH2, SCRATCH);
                self.asm.shift_cl(Shift::Shl, SCRATCH);
                self.asm.mov_rr(Reg::Rax, SCRATCH);
                self.asm.shift_cl(Shift::Sar, Reg::Rax);
                self.asm.alu_rr(Alu::Cmp, Reg::Rax, SCRATCH2);
                self.asm.jcc(Cond::Ne, overflow);
                self.asm.jmp(done);
                self.asm.bind(big);
                // Only zero survives a shift by 64 or more.
                self.asm.test_rr(SCRATCH, SCRATCH);
                self.asm.jcc(Cond::Ne, overflow);
                self.asm.bind(done);
                self.store(r, SCRATCH);
            }
        }
    }

    /// `shl.wrap`: the hardware masks the count to 0..63, as the op does.
    pub(super) fn shl_wrap(&mut self, r: Value, a: Value, b: Value) {
        match self.src(b) {
            Src::Imm(k) => {
                let work = self.work_reg(r, &[]);
                self.load_into(work, a);
                self.asm.shift_ri(Shift::Shl, work, (k & 63) as u8);
                self.store(r, work);
            }
            _ => {
                self.load_into(SCRATCH, a);
                self.load_into(Reg::Rcx, b);
                self.asm.shift_cl(Shift::Shl, SCRATCH);
                self.store(r, SCRATCH);
            }
        }
    }

    pub(super) fn shr(&mut self, r: Value, a: Value, b: Value) {
        match self.src(b) {
            Src::Imm(k) if k < 0 => {
                let negative = self.negative_shift_stub();
                self.asm.jmp(negative);
            }
            Src::Imm(k) => {
                let work = self.work_reg(r, &[]);
                self.load_into(work, a);
                self.asm.shift_ri(Shift::Sar, work, k.min(63) as u8);
                self.store(r, work);
            }
            _ => {
                let negative = self.negative_shift_stub();
                self.load_into(SCRATCH2, b);
                self.load_into(SCRATCH, a);
                self.asm.test_rr(SCRATCH2, SCRATCH2);
                self.asm.jcc(Cond::S, negative);
                // Counts of 64 or more shift like 63: all sign bits.
                self.asm.mov_ri(Reg::Rcx, 63);
                self.asm.alu_rr(Alu::Cmp, SCRATCH2, Reg::Rcx);
                self.asm.cmov_rr(Cond::Be, Reg::Rcx, SCRATCH2);
                self.asm.shift_cl(Shift::Sar, SCRATCH);
                self.store(r, SCRATCH);
            }
        }
    }

    /// Emits a comparison of `a` with `b`; returns the condition under
    /// which `op` holds. Uses only the scratch registers.
    pub(super) fn compare(&mut self, op: BinaryOp, a: Value, b: Value) -> Cond {
        // `(x & m) == 0` as `test x, m` (the `and` made no code).
        let tested = self.plan.masked(a).or_else(|| self.plan.masked(b));
        if let Some((x, mask)) = tested {
            self.test_mask(x, mask);
            return cond_of(op);
        }
        let (mut sa, mut sb, mut cond) = (self.src(a), self.src(b), cond_of(op));
        if matches!(sa, Src::Imm(_)) && !matches!(sb, Src::Imm(_)) {
            core::mem::swap(&mut sa, &mut sb);
            cond = swapped(cond);
        }
        let ra = match sa {
            Src::Reg(r) => r,
            Src::Mem(m) => match sb {
                Src::Reg(rb) => {
                    self.asm.alu_mr(Alu::Cmp, m, rb);
                    return cond;
                }
                Src::Imm(i) if i32::try_from(i).is_ok() => {
                    self.asm.alu_mi(Alu::Cmp, m, i as i32);
                    return cond;
                }
                _ => {
                    self.asm.mov_rm(SCRATCH2, m);
                    SCRATCH2
                }
            },
            Src::Imm(i) => {
                self.asm.mov_ri(SCRATCH2, i);
                SCRATCH2
            }
        };
        match sb {
            Src::Reg(rb) => self.asm.alu_rr(Alu::Cmp, ra, rb),
            Src::Mem(m) => self.asm.alu_rm(Alu::Cmp, ra, m),
            // Same flags as `cmp ra, 0` (CF and OF clear, SF and ZF from
            // `ra`), three bytes shorter.
            Src::Imm(0) => self.asm.test_rr(ra, ra),
            Src::Imm(i) => match i32::try_from(i) {
                Ok(small) => self.asm.alu_ri(Alu::Cmp, ra, small),
                Err(_) => {
                    self.asm.mov_ri(SCRATCH, i);
                    self.asm.alu_rr(Alu::Cmp, ra, SCRATCH);
                }
            },
        }
        cond
    }

    /// `test x, mask`: the flags of `x & mask`, without the result.
    fn test_mask(&mut self, x: Value, mask: i32) {
        match self.src(x) {
            Src::Reg(r) => self.asm.test_ri(r, mask),
            Src::Mem(m) => self.asm.test_mi(m, mask),
            Src::Imm(i) => {
                self.asm.mov_ri(SCRATCH2, i);
                self.asm.test_ri(SCRATCH2, mask);
            }
        }
    }

    /// Sets the flags for a branch or select on `c`; `None` when `c` is a
    /// constant (its truth is returned instead).
    pub(super) fn condition(&mut self, c: Value) -> Result<Cond, bool> {
        if let Some((op, a, b)) = self.pending_cmp.take() {
            return Ok(self.compare(op, a, b));
        }
        // `x & m` branched on, whose `and` made no code: `test x, m`.
        if let Some((x, mask)) = self.plan.masked(c) {
            self.test_mask(x, mask);
            return Ok(Cond::Ne);
        }
        match self.src(c) {
            Src::Imm(k) => Err(k != 0),
            Src::Reg(r) => {
                self.asm.test_rr(r, r);
                Ok(Cond::Ne)
            }
            Src::Mem(m) => {
                self.asm.alu_mi(Alu::Cmp, m, 0);
                Ok(Cond::Ne)
            }
        }
    }

    pub(super) fn select(&mut self, r: Value, c: Value, x: Value, y: Value) {
        let cond = match self.condition(c) {
            Ok(cond) => cond,
            Err(truth) => {
                let from = self.src(if truth { x } else { y });
                if let Some(d) = self.dst(r) {
                    emit_move(self.asm, d, from);
                }
                return;
            }
        };
        // The result's register holds `x` already: move `y` in when the
        // condition fails.
        if let Some(d) = self.dest_reg(r).filter(|&d| self.src(x) == Src::Reg(d)) {
            match self.src(y) {
                Src::Reg(ry) => self.asm.cmov_rr(cond.invert(), d, ry),
                Src::Mem(m) => self.asm.cmov_rm(cond.invert(), d, m),
                Src::Imm(i) => {
                    self.asm.mov_ri(SCRATCH2, i);
                    self.asm.cmov_rr(cond.invert(), d, SCRATCH2);
                }
            }
            return;
        }
        // Moves keep the flags the comparison just set.
        let work = self.work_reg(r, &[x]);
        self.load_into(work, y);
        match self.src(x) {
            Src::Reg(rx) => self.asm.cmov_rr(cond, work, rx),
            Src::Mem(m) => self.asm.cmov_rm(cond, work, m),
            Src::Imm(i) => {
                self.asm.mov_ri(SCRATCH2, i);
                self.asm.cmov_rr(cond, work, SCRATCH2);
            }
        }
        self.store(r, work);
    }
}
