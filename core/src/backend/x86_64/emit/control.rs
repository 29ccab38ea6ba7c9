//! Control flow: calls between compiled functions, jumps and branches with
//! the moves their edges need (in line, or in a stub for a branch edge).

use super::Emitter;
use crate::backend::x86_64::abi::{ARG_REGS, RET};
use crate::backend::x86_64::moves::{emit_move, emit_parallel, Dst, Src};
use crate::backend::x86_64::regs::{Mem, Reg};
use crate::ir::{Block, BlockCall, Value};
use alloc::vec::Vec;

impl<'a> Emitter<'a, '_> {
    pub(super) fn call(&mut self, r: Value, callee: usize, args: &[Value]) {
        for (i, &a) in args.iter().enumerate().skip(ARG_REGS.len()) {
            let slot = Mem::base_disp(Reg::Rsp, 8 * (i - ARG_REGS.len()) as i32);
            let src = self.src(a);
            emit_move(self.asm, Dst::Mem(slot), src);
        }
        let mut moves = core::mem::take(&mut self.moves);
        moves.extend(
            args.iter()
                .zip(ARG_REGS)
                .map(|(&a, reg)| (Dst::Reg(reg), self.src(a))),
        );
        self.parallel_moves(moves);
        self.asm.call_label(self.labels.functions[callee]);
        self.store(r, RET);
    }

    /// Emits `moves` (taken from [`Self::moves`]) in parallel and gives
    /// the buffer back, empty.
    pub(super) fn parallel_moves(&mut self, mut moves: Vec<(Dst, Src)>) {
        emit_parallel(self.asm, &mut moves);
        self.moves = moves;
    }

    /// The moves of an edge: each argument into its parameter, leaving out
    /// those already in place.
    pub(super) fn edge_move_list(&self, dest: BlockCall) -> impl Iterator<Item = (Dst, Src)> + '_ {
        let (_, args, params) = self.func.flows(dest);
        args.iter()
            .zip(params)
            .filter_map(|(&arg, &param)| Some((self.dst(param)?, self.src(arg))))
            .filter(|(dst, src)| !dst.is_same_as(*src))
    }

    /// Whether taking the edge needs any move.
    pub(super) fn has_edge_moves(&self, dest: BlockCall) -> bool {
        self.edge_move_list(dest).next().is_some()
    }

    /// Emits the moves of an edge.
    pub(super) fn edge_moves(&mut self, dest: BlockCall) {
        let mut moves = core::mem::take(&mut self.moves);
        moves.extend(self.edge_move_list(dest));
        self.parallel_moves(moves);
    }

    /// Whether a jump to `block` goes back (to a loop header).
    pub(super) fn is_backward(&self, block: Block) -> bool {
        let start = |b: Block| self.layout.block_start[b.index()];
        self.current
            .is_some_and(|current| start(block) <= start(current))
    }

    pub(super) fn jump(&mut self, dest: BlockCall, next: Option<Block>) {
        self.edge_moves(dest);
        let block = dest.block(&self.func.pool);
        if next != Some(block) {
            self.asm.jmp(self.block_label(block));
        }
    }

    pub(super) fn branch(&mut self, c: Value, t: BlockCall, e: BlockCall, next: Option<Block>) {
        let cond = match self.condition(c) {
            Ok(cond) => cond,
            Err(truth) => return self.jump(if truth { t } else { e }, next),
        };
        let (t_has_moves, e_has_moves) = (self.has_edge_moves(t), self.has_edge_moves(e));
        let pool = &self.func.pool;
        let (t_block, e_block) = (t.block(pool), e.block(pool));
        let (t_label, e_label) = (self.block_label(t_block), self.block_label(e_block));
        match (t_has_moves, e_has_moves) {
            (false, false) if next == Some(t_block) => self.asm.jcc(cond.invert(), e_label),
            (false, _) => {
                self.asm.jcc(cond, t_label);
                self.jump(e, next);
            }
            (true, false) => {
                self.asm.jcc(cond.invert(), e_label);
                self.jump(t, next);
            }
            (true, true) => {
                // One edge's moves go out of line. Keep a loop's back edge
                // inline (it runs every iteration) and move the exit out.
                let (inline, stubbed, stub_cond) = if self.is_backward(t_block) {
                    (t, e, cond.invert())
                } else {
                    (e, t, cond)
                };
                let stub = self.asm.new_label();
                self.edge_stubs.push((stub, stubbed));
                self.asm.jcc(stub_cond, stub);
                self.jump(inline, next);
            }
        }
    }
}
