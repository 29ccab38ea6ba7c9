//! Emission of buffer access and host calls.
//!
//! Needs: the [`Emitter`] with the allocation in hand; from instruction
//! selection, a check's result placed with its operand when it could be
//! (or fixed to the constant it checks), and, for host calls, the caller-
//! saved registers clobbered, the frame's outgoing area sized for the
//! largest one and the frame counted as making calls. Gives:
//! - `load`/`store`: one instruction on `[base + index*size]`
//!   (`movzx r32, byte [..]`, `mov r, [..]`, `mov byte [..], r8`,
//!   `mov [..], r`, or their immediate forms); a constant index becomes a
//!   displacement; operands in stack slots come through r10 (the base) and
//!   r11 (the index, or the value).
//! - `check_index`: `cmp index, len; jae IndexError` (an unsigned compare
//!   also catches negative indexes); `check_byte`: `cmp v, 255; ja
//!   ValueError`. Each moves its operand into its result only when the
//!   allocator put them apart. A `check_index.from_end` first computes its
//!   result, `index + len` in place of a negative index (`lea`, `test`,
//!   `cmov`), in the result's register, which liveness keeps apart from
//!   the length's.
//! - `call_host`: the arguments stored at the bottom of the frame, then
//!   `bridge(r15, id, rsp, count)` called through the context (no host
//!   address is ever in the code), then a test of the context's trap code
//!   (the bridge stores it when the host function raised) that unwinds.

use super::{ctx, Emitter};
use crate::backend::x86_64::abi::{
    ARG_REGS, CTX, HOST_BRIDGE_OFFSET, RET, SCRATCH, SCRATCH2, TRAP_CODE_OFFSET,
};
use crate::backend::x86_64::encoder::{Alu, Label};
use crate::backend::x86_64::moves::{emit_move, Dst, Src};
use crate::backend::x86_64::regs::{Cond, Mem, Reg, Scale};
use crate::ir::{BinaryOp, BufKind, HostId, IndexCheck, Returns, Value};
use crate::trap::{msg, Trap};

impl Emitter<'_, '_> {
    /// The memory operand of item `index` of the buffer at `base`. Uses
    /// r10 for a base that is not in a register and r11 for an index that
    /// is neither in a register nor a displacement.
    fn item(&mut self, kind: BufKind, base: Value, index: Value) -> Mem {
        let base = match self.src(base) {
            Src::Reg(r) => r,
            _ => {
                self.load_into(SCRATCH2, base);
                SCRATCH2
            }
        };
        let (size, scale) = match kind {
            BufKind::List => (8, Scale::S8),
            BufKind::Bytes | BufKind::ByteArray => (1, Scale::S1),
        };
        let index = match self.src(index) {
            Src::Imm(k) => {
                if let Some(disp) = k.checked_mul(size).and_then(|d| i32::try_from(d).ok()) {
                    return Mem::base_disp(base, disp);
                }
                self.asm.mov_ri(SCRATCH, k);
                SCRATCH
            }
            Src::Reg(r) => r,
            Src::Mem(m) => {
                self.asm.mov_rm(SCRATCH, m);
                SCRATCH
            }
        };
        Mem::base_index(base, index, scale, 0)
    }

    /// `r = load.kind base, index`.
    pub(super) fn load(&mut self, r: Value, kind: BufKind, base: Value, index: Value) {
        let item = self.item(kind, base, index);
        // The address is read before the result is written, so the result
        // may share a register with the base or the index.
        let work = self.dest_reg(r).unwrap_or(SCRATCH);
        match kind {
            BufKind::List => self.asm.mov_rm(work, item),
            BufKind::Bytes | BufKind::ByteArray => self.asm.movzx_rm8(work, item),
        }
        self.store(r, work);
    }

    /// `store.kind base, index, v`.
    pub(super) fn store_item(&mut self, kind: BufKind, base: Value, index: Value, v: Value) {
        let mut item = self.item(kind, base, index);
        let byte = kind != BufKind::List;
        let value = match self.src(v) {
            Src::Reg(r) => r,
            Src::Imm(k) if byte => {
                // A checked byte; an unchecked one keeps its low byte.
                self.asm.mov_m8i(item, k as u8);
                return;
            }
            Src::Imm(k) if i32::try_from(k).is_ok() => {
                self.asm.mov_mi(item, k as i32);
                return;
            }
            src => {
                // The value needs r11; if the index holds it, fold the
                // address into r10 first.
                if matches!(item.index, Some((SCRATCH, _))) {
                    self.asm.lea(SCRATCH2, item);
                    item = Mem::base_disp(SCRATCH2, 0);
                }
                emit_move(self.asm, Dst::Reg(SCRATCH), src);
                SCRATCH
            }
        };
        if byte {
            self.asm.mov_m8r(item, value);
        } else {
            self.asm.mov_mr(item, value);
        }
    }

    /// Moves a check's operand into its result, unless they share a place
    /// (or the result is unused, or the constant it checks).
    fn check_result(&mut self, r: Option<Value>, v: Value) {
        if let Some(d) = r.and_then(|r| self.dst(r)) {
            let from = self.src(v);
            emit_move(self.asm, d, from);
        }
    }

    /// `r = check_index.kind.access index, len`: IndexError unless
    /// `index <u len`, which also refuses negative indexes.
    pub(super) fn check_index(
        &mut self,
        r: Option<Value>,
        check: IndexCheck,
        index: Value,
        len: Value,
    ) {
        let stub = self.trap_stub(Trap::IndexError, check.message());
        if check.from_end {
            return self.check_from_end(r, stub, index, len);
        }
        match (self.src(index), self.src(len)) {
            (Src::Imm(i), Src::Imm(n)) => {
                if i as u64 >= n as u64 {
                    self.asm.jmp(stub);
                }
            }
            _ => {
                let inside = self.compare(BinaryOp::Ult, index, len);
                self.asm.jcc(inside.invert(), stub);
            }
        }
        self.check_result(r, index);
    }

    /// `r = check_index.kind.access.from_end index, len`: `index + len`
    /// replaces a negative index (`lea`, `test`, `cmov`), then the check as
    /// above. The result is computed in its own register (r11 if it has
    /// none), with r10 for `index + len` when the index is there already.
    fn check_from_end(&mut self, r: Option<Value>, stub: Label, index: Value, len: Value) {
        let work = match r {
            Some(r) => self.work_reg(r, &[len]),
            None => SCRATCH,
        };
        let i = match self.src(index) {
            Src::Reg(i) => i,
            _ => {
                self.load_into(work, index);
                work
            }
        };
        // `i + len` where the result goes, unless `i` is there.
        let sum = if i == work { SCRATCH2 } else { work };
        match self.src(len) {
            Src::Reg(n) => self.asm.lea(sum, Mem::base_index(i, n, Scale::S1, 0)),
            Src::Imm(n) if i32::try_from(n).is_ok() => {
                self.asm.lea(sum, Mem::base_disp(i, n as i32));
            }
            src => {
                emit_move(self.asm, Dst::Reg(sum), src);
                self.asm.alu_rr(Alu::Add, sum, i);
            }
        }
        self.asm.test_rr(i, i);
        if sum == work {
            self.asm.cmov_rr(Cond::Ge, work, i);
        } else {
            self.asm.cmov_rr(Cond::L, work, sum);
        }
        self.alu_with(Alu::Cmp, work, len);
        self.asm.jcc(Cond::Ae, stub);
        if let Some(r) = r {
            self.store(r, work);
        }
    }

    /// `r = check_byte v`: ValueError unless `v <=u 255`.
    pub(super) fn check_byte(&mut self, r: Option<Value>, v: Value) {
        let stub = self.trap_stub(Trap::ValueError, msg::BYTE_RANGE);
        match self.src(v) {
            Src::Imm(k) => {
                if !(0..=255).contains(&k) {
                    self.asm.jmp(stub);
                }
            }
            Src::Reg(reg) => {
                self.asm.alu_ri(Alu::Cmp, reg, 255);
                self.asm.jcc(Cond::A, stub);
            }
            Src::Mem(m) => {
                self.asm.alu_mi(Alu::Cmp, m, 255);
                self.asm.jcc(Cond::A, stub);
            }
        }
        self.check_result(r, v);
    }

    /// `r = call_host id(args)`: through the bridge whose address is in
    /// the context, with the arguments at the bottom of the frame.
    pub(super) fn call_host(&mut self, r: Option<Value>, id: HostId, args: &[Value]) {
        for (i, &a) in args.iter().enumerate() {
            let slot = Mem::base_disp(Reg::Rsp, 8 * i as i32);
            let src = self.src(a);
            emit_move(self.asm, Dst::Mem(slot), src);
        }
        let [ctx_arg, id_arg, args_arg, count_arg, ..] = ARG_REGS;
        self.asm.mov_rr(ctx_arg, CTX);
        self.asm.mov_ri(id_arg, i64::from(id.0));
        self.asm.mov_rr(args_arg, Reg::Rsp);
        self.asm.mov_ri(count_arg, args.len() as i64);
        self.asm.call_m(ctx(HOST_BRIDGE_OFFSET));
        // The bridge stored the trap code if the host function raised.
        self.asm.alu_mi(Alu::Cmp, ctx(TRAP_CODE_OFFSET), 0);
        self.asm.jcc(Cond::Ne, self.labels.runtime.unwind);
        let Some(r) = r else { return };
        let returns = self.labels.hosts.get(id.index()).map(|h| h.returns);
        if returns == Some(Returns::None) {
            // What the interpreter gives for it (no program reads it).
            if let Some(d) = self.dst(r) {
                emit_move(self.asm, d, Src::Imm(0));
            }
        } else {
            self.store(r, RET);
        }
    }
}
