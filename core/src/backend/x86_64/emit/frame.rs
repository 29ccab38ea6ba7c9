//! The frame: its shape, the prologue (the recursion and stack checks, a
//! guard clause tested before anything is saved, callee-saved registers,
//! the frame itself, the parameters moved where the allocator wants them)
//! and the epilogue.

use super::arith::{cond_of, swapped};
use super::{ctx, Emitter};
use crate::backend::x86_64::abi::{
    RegSet, ARG_REGS, CALLEE_SAVED, DEPTH, RET, SCRATCH, STACK_LIMIT_OFFSET, STACK_LIMIT_SLACK,
};
use crate::backend::x86_64::encoder::Alu;
use crate::backend::x86_64::moves::{emit_move, Dst, Src};
use crate::backend::x86_64::plan::Plan;
use crate::backend::x86_64::regalloc::Allocation;
use crate::backend::x86_64::regs::{Cond, Mem, Reg};
use crate::ir::{BinaryOp, Block, Function, Inst, InstKind, Value};

/// The shape of a function's stack frame.
pub(super) struct Frame {
    /// Callee-saved registers pushed by the prologue.
    saved: RegSet,
    /// Bytes the prologue subtracts from rsp after the pushes.
    size: i32,
    /// Slots for outgoing stack arguments, at the bottom.
    out_args: u32,
}

impl Frame {
    pub(super) fn new(alloc: &Allocation, plan: &Plan) -> Frame {
        let saved = alloc.callee_saved;
        let out_args = plan.max_stack_args.max(plan.max_host_args);
        let mut size = 8 * (out_args + alloc.slots) as i32;
        // At entry rsp is 8 mod 16 (the return address); calls need 0 mod
        // 16. Leaf functions (runtime helpers do not care) need no padding.
        if plan.makes_calls && (8 + 8 * saved.len() as i32 + size) % 16 != 0 {
            size += 8;
        }
        Frame {
            saved,
            size,
            out_args,
        }
    }

    /// The callee-saved registers to save, in push order.
    pub(super) fn saved(&self) -> impl DoubleEndedIterator<Item = Reg> {
        // A copy of the set, so that the emitter can emit while it walks
        // the registers.
        let saved = self.saved;
        CALLEE_SAVED
            .iter()
            .copied()
            .filter(move |&r| saved.contains(r))
    }

    pub(super) fn slot(&self, n: u32) -> Mem {
        Mem::base_disp(Reg::Rsp, 8 * (self.out_args + n) as i32)
    }

    /// Where incoming argument `i` (7th or later) is.
    pub(super) fn incoming(&self, i: usize) -> Mem {
        let above = self.size + 8 * self.saved.len() as i32 + 8;
        Mem::base_disp(Reg::Rsp, above + 8 * (i as i32 - 6))
    }

    /// Bytes the function may use below its stack pointer at entry: the
    /// pushes, the frame, and the return address of a call it makes (a
    /// callee checks its own frame; a runtime helper uses nothing more).
    pub(super) fn below_entry(&self) -> i32 {
        8 * self.saved.len() as i32 + self.size + 8
    }

    /// The frame address (the stack pointer before the call) from the
    /// stack pointer, once the prologue is done.
    pub(super) fn full_cfa(&self) -> i32 {
        8 + 8 * self.saved.len() as i32 + self.size
    }

    /// Bytes of stack the function occupies while it runs, its return
    /// address included, plus room for a runtime helper's return address.
    pub(super) fn bytes(&self) -> u32 {
        (8 + 8 * self.saved.len() as i32 + self.size + 16) as u32
    }
}

/// A guard clause at the top of a function: the entry block holds only
/// constants and `op a, b` branched on, and when that is `when` the branch
/// goes to a block that holds only constants and `ret returned`.
struct Guard {
    op: BinaryOp,
    a: Value,
    b: Value,
    when: bool,
    returned: Value,
    /// The entry block's branch.
    branch: Inst,
    /// The block that returns.
    early: Block,
}

impl Guard {
    pub(super) fn of(func: &Function) -> Option<Guard> {
        // The instructions of `block` after its constants (none of which
        // makes code).
        let after_consts = |block: Block| -> &[Inst] {
            let insts = &func.blocks[block.index()].insts;
            let consts = insts
                .iter()
                .take_while(|i| matches!(func.insts[i.index()].kind, InstKind::Const(_)))
                .count();
            &insts[consts..]
        };
        let entry = func.entry();
        let &[compare, branch] = after_consts(entry) else {
            return None;
        };
        let InstKind::Binary(op, a, b) = func.insts[compare.index()].kind else {
            return None;
        };
        let InstKind::Branch(c, [then, otherwise]) = func.insts[branch.index()].kind else {
            return None;
        };
        if !op.is_comparison() || Some(c) != func.insts[compare.index()].result {
            return None;
        }
        [(true, then), (false, otherwise)]
            .into_iter()
            .find_map(|(when, dest)| {
                let early = dest.block(&func.pool);
                let plain = dest.args(&func.pool).is_empty()
                    && early != entry
                    && func.block_params(early).is_empty();
                let &[ret] = after_consts(early) else {
                    return None;
                };
                match &func.insts[ret.index()].kind {
                    InstKind::Return(v) if plain => Some(Guard {
                        op,
                        a,
                        b,
                        when,
                        returned: *v,
                        branch,
                        early,
                    }),
                    _ => None,
                }
            })
    }
}

impl Emitter<'_, '_> {
    /// Takes a frame from the depth counter and checks that this
    /// function's own frame fits above the stack limit (RecursionError
    /// either way), then pushes and reserves the frame.
    pub(super) fn prologue(&mut self) {
        let recursion = self.recursion_stub();
        self.asm.alu_ri(Alu::Sub, DEPTH, 1);
        self.asm.jcc(Cond::B, recursion);
        self.guard_exit();
        let beyond_slack = self.frame.below_entry() - STACK_LIMIT_SLACK;
        if beyond_slack <= 0 {
            self.asm.alu_rm(Alu::Cmp, Reg::Rsp, ctx(STACK_LIMIT_OFFSET));
        } else {
            self.asm
                .lea(SCRATCH, Mem::base_disp(Reg::Rsp, -beyond_slack));
            self.asm.alu_rm(Alu::Cmp, SCRATCH, ctx(STACK_LIMIT_OFFSET));
        }
        self.asm.jcc(Cond::B, recursion);
        if let Some(d) = self.debug.as_deref_mut() {
            d.saved(self.frame.saved());
        }
        let saved: usize = self.frame.saved().count();
        for (pushed, r) in (1..).zip(self.frame.saved()) {
            self.asm.push(r);
            self.note_frame(8 + 8 * pushed as i32, pushed);
        }
        if self.frame.size > 0 {
            self.asm.alu_ri(Alu::Sub, Reg::Rsp, self.frame.size);
            self.note_frame(self.frame.full_cfa(), saved);
        }
        let mut moves = core::mem::take(&mut self.moves);
        moves.extend(self.func.params().iter().enumerate().filter_map(|(i, &p)| {
            let from = match ARG_REGS.get(i) {
                Some(&r) => Src::Reg(r),
                None => Src::Mem(self.frame.incoming(i)),
            };
            Some((self.dst(p)?, from))
        }));
        self.parallel_moves(moves);
    }

    /// A guard clause (`if n < 2: return n`: the entry block compares
    /// parameters or constants and branches to a block that only returns
    /// one) is tested first, on the parameters where they arrive: the early
    /// return then needs no stack check, saved registers or frame, and
    /// comes right after the test (out of line, a taken branch to it made
    /// fib slower, not faster). The code after the prologue knows the way
    /// the test went.
    pub(super) fn guard_exit(&mut self) {
        let Some(guard) = Guard::of(self.func) else {
            return;
        };
        let arrives = |v: Value| -> Option<Src> {
            if let Some(k) = self.func.const_value(v) {
                return Some(Src::Imm(k));
            }
            let i = self.func.params().iter().position(|&p| p == v)?;
            ARG_REGS.get(i).map(|&r| Src::Reg(r))
        };
        let (Some(a), Some(b), Some(value)) =
            (arrives(guard.a), arrives(guard.b), arrives(guard.returned))
        else {
            return;
        };
        let cond = match (a, b) {
            (Src::Reg(ra), Src::Reg(rb)) => {
                self.asm.alu_rr(Alu::Cmp, ra, rb);
                cond_of(guard.op)
            }
            (Src::Reg(r), Src::Imm(k)) | (Src::Imm(k), Src::Reg(r)) => {
                let Ok(k) = i32::try_from(k) else { return };
                self.asm.alu_ri(Alu::Cmp, r, k);
                if matches!(a, Src::Reg(_)) {
                    cond_of(guard.op)
                } else {
                    swapped(cond_of(guard.op))
                }
            }
            _ => return,
        };
        // The early return falls through; the rest of the function is a
        // jump away.
        let rest = self.asm.new_label();
        self.asm
            .jcc(if guard.when { cond.invert() } else { cond }, rest);
        emit_move(self.asm, Dst::Reg(RET), value);
        self.asm.alu_ri(Alu::Add, DEPTH, 1);
        self.asm.ret();
        self.asm.bind(rest);
        self.guarded = Some((guard.branch, !guard.when));
        self.guard_block = Some(guard.early);
    }

    pub(super) fn epilogue(&mut self) {
        let saved: usize = self.frame.saved().count();
        self.asm.alu_ri(Alu::Add, DEPTH, 1);
        if self.frame.size > 0 {
            self.asm.alu_ri(Alu::Add, Reg::Rsp, self.frame.size);
            self.note_frame(8 + 8 * saved as i32, saved);
        }
        for (left, r) in (0..saved).rev().zip(self.frame.saved().rev()) {
            self.asm.pop(r);
            self.note_frame(8 + 8 * left as i32, left);
        }
        self.asm.ret();
        // Code after a return runs in the whole frame again.
        self.note_frame(self.frame.full_cfa(), saved);
    }
}
