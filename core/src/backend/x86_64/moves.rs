//! Parallel moves: a set of moves that must behave as if every source were
//! read before any destination is written (block arguments into block
//! parameters, call arguments into argument registers).
//!
//! Moves are emitted in an order where no destination is written while
//! another move still needs its old value; cycles are broken by parking one
//! value in the second scratch register. Memory-to-memory moves and wide
//! immediates go through the first scratch register. Only `mov` is used, so
//! the flags survive (a fused comparison may sit before the moves).

use super::abi::{SCRATCH, SCRATCH2};
use super::encoder::Assembler;
use super::regs::{Mem, Reg};
use alloc::vec::Vec;

/// A place a value can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    /// A register.
    Reg(Reg),
    /// A stack location.
    Mem(Mem),
    /// A constant.
    Imm(i64),
}

/// A place a value can be written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dst {
    /// A register.
    Reg(Reg),
    /// A stack location.
    Mem(Mem),
}

impl Dst {
    /// Whether moving `src` here would change nothing.
    pub fn is_same_as(self, src: Src) -> bool {
        self.as_src() == src
    }

    fn as_src(self) -> Src {
        match self {
            Dst::Reg(r) => Src::Reg(r),
            Dst::Mem(m) => Src::Mem(m),
        }
    }
}

/// Emits one move (not parallel).
pub fn emit_move(asm: &mut Assembler, dst: Dst, src: Src) {
    match (dst, src) {
        (Dst::Reg(d), Src::Reg(s)) if d == s => {}
        (Dst::Reg(d), Src::Reg(s)) => asm.mov_rr(d, s),
        (Dst::Reg(d), Src::Mem(m)) => asm.mov_rm(d, m),
        (Dst::Reg(d), Src::Imm(i)) => asm.mov_ri(d, i),
        (Dst::Mem(m), Src::Reg(s)) => asm.mov_mr(m, s),
        (Dst::Mem(d), Src::Mem(s)) if d == s => {}
        (Dst::Mem(d), Src::Mem(s)) => {
            asm.mov_rm(SCRATCH, s);
            asm.mov_mr(d, SCRATCH);
        }
        (Dst::Mem(m), Src::Imm(i)) => match i32::try_from(i) {
            Ok(small) => asm.mov_mi(m, small),
            Err(_) => {
                asm.mov_ri(SCRATCH, i);
                asm.mov_mr(m, SCRATCH);
            }
        },
    }
}

/// Emits `moves` with parallel semantics, consuming them: `moves` is left
/// empty (and keeps its capacity, for the next caller). Destinations must
/// be distinct.
pub fn emit_parallel(asm: &mut Assembler, moves: &mut Vec<(Dst, Src)>) {
    moves.retain(|&(d, s)| d.as_src() != s);
    if let [(d, s)] = moves[..] {
        // The common case: nothing to order.
        emit_move(asm, d, s);
        moves.clear();
        return;
    }
    let pending = moves;
    while !pending.is_empty() {
        // A move whose destination no other pending move still reads.
        let ready = (0..pending.len()).find(|&i| {
            let dst = pending[i].0.as_src();
            pending
                .iter()
                .enumerate()
                .all(|(j, &(_, s))| j == i || s != dst)
        });
        match ready {
            Some(i) => {
                let (d, s) = pending.remove(i);
                emit_move(asm, d, s);
            }
            None => {
                // Only cycles remain: park one destination's old value.
                let parked = pending[0].0;
                emit_move(asm, Dst::Reg(SCRATCH2), parked.as_src());
                for m in pending.iter_mut() {
                    if m.1 == parked.as_src() {
                        m.1 = Src::Reg(SCRATCH2);
                    }
                }
            }
        }
    }
}
