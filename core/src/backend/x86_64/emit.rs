//! Emission: instruction selection with the allocation in hand, frames,
//! edge moves and trap stubs, for one function.
//!
//! Needs: the [`Plan`], the [`Allocation`] and the labels of every function
//! and of the runtime; a [`DebugRecorder`] if debuggers are to see the
//! code. Gives: the function's code in the module's assembler, and its
//! frame size (for the stack budget); the recorder learns where each
//! source line's code starts and where the frame changes (the code is the
//! same with or without it).
//!
//! Frame, from the stack pointer up: outgoing stack arguments (and host
//! call arguments, which share the area), spill slots,
//! padding to keep calls 16-byte aligned, the callee-saved registers this
//! function uses, the return address, incoming stack arguments.
//!
//! Every instruction is emitted as a short fixed sequence; a trapping check
//! is a conditional jump to a stub at the end of the function that stores
//! the trap code in the context and unwinds to the trampoline. This module
//! is the driver (blocks in code order, each instruction to its emitter,
//! the stubs at the end); the frame and prologue are in `frame`,
//! arithmetic, comparisons and selects in `arith`, calls and the moves of
//! jumps and branches in `control`, buffer access and host calls in
//! `memory`.

use super::abi::{CTX, DEPTH, FUEL_OFFSET, RET, SCRATCH};
use super::debug::DebugRecorder;
use super::encoder::{Alu, Assembler, Label};
use super::liveness::Layout;
use super::moves::{emit_move, Dst, Src};
use super::plan::{self, Plan};
use super::regalloc::{Allocation, Loc};
use super::regs::{Cond, Mem, Reg};
use super::runtime::{emit_trap_exit, Runtime, TrapTable};
use crate::ir::{BinaryOp, Block, BlockCall, Function, HostDecl, Inst, InstKind, UnaryOp, Value};
use crate::reuse::reserve_total;
use crate::trap::{msg, Trap};
use alloc::vec::Vec;

mod arith;
mod control;
mod frame;
mod memory;

use frame::Frame;

/// Labels and tables shared by all functions of the module.
pub struct ModuleLabels<'a> {
    /// Entry label per function.
    pub functions: &'a [Label],
    /// The runtime's labels.
    pub runtime: &'a Runtime,
    /// The host functions the module declares, by [`crate::ir::HostId`].
    pub hosts: &'a [HostDecl],
}

/// A function with the decisions made about it before emission.
pub struct Prepared<'a> {
    /// The function.
    pub func: &'a Function,
    /// Its block order and positions.
    pub layout: &'a Layout,
    /// Selection decisions.
    pub plan: &'a Plan,
    /// Where each value lives.
    pub alloc: &'a Allocation,
}

/// Buffers the emitter reuses from one function to the next.
#[derive(Default)]
pub struct Buffers {
    trap_stubs: Vec<(u32, Label)>,
    stub_of: Vec<u32>,
    moves: Vec<(Dst, Src)>,
    /// The module's codes for the traps of most functions, once known.
    known: KnownCodes,
}

/// The trap codes of RecursionError and OverflowError with their usual
/// messages, once the module's trap table has them: nearly every function
/// has a stub for each, and finding a code in the table (by its message)
/// costs more than the rest of making the stub.
#[derive(Clone, Copy, Default)]
struct KnownCodes {
    /// RecursionError's (the entry's checks and every `frame_enter`).
    recursion: Option<u32>,
    /// OverflowError's (checked arithmetic).
    overflow: Option<u32>,
}

impl Buffers {
    /// Forgets what belongs to the module before (the trap codes it
    /// knew), for the next module, with room for what most functions
    /// need.
    pub fn start_module(&mut self) {
        self.known = KnownCodes::default();
        reserve_total(&mut self.trap_stubs, 8);
        reserve_total(&mut self.moves, 16);
    }
}

/// Emits a function at `entry`; returns its frame size in bytes.
// A stage: out of line (see the backend module doc).
#[inline(never)]
pub fn emit_function(
    asm: &mut Assembler,
    prepared: &Prepared<'_>,
    labels: &ModuleLabels<'_>,
    entry: Label,
    traps: &mut TrapTable,
    buffers: &mut Buffers,
    debug: Option<&mut DebugRecorder>,
) -> u32 {
    let Prepared {
        func,
        layout,
        plan,
        alloc,
    } = *prepared;
    let frame = Frame::new(alloc, plan);
    let first_block_label = asm.new_labels(func.blocks.len());
    let mut e = Emitter {
        asm,
        func,
        plan,
        locs: &alloc.locs,
        frame,
        labels,
        traps,
        first_block_label,
        trap_stubs: core::mem::take(&mut buffers.trap_stubs),
        stub_of: core::mem::take(&mut buffers.stub_of),
        known: buffers.known,
        overflow: None,
        guarded: None,
        guard_block: None,
        edge_stubs: Vec::new(),
        moves: core::mem::take(&mut buffers.moves),
        pending_cmp: None,
        layout,
        current: None,
        debug,
        line: 0,
        stub_lines: Vec::new(),
    };
    e.asm.align(16);
    e.asm.bind(entry);
    // The entry (guard and prologue) counts as the function's first line.
    // Without debug info there are no lines to look for.
    if e.debug.is_some() {
        let first_line = layout.order.iter().find_map(|&b| {
            let insts = &func.blocks[b.index()].insts;
            insts.iter().map(|&i| func.line(i)).find(|&l| l != 0)
        });
        e.note_line(first_line.unwrap_or(0));
    }
    e.prologue();
    // A guard clause's early block, if the guard before the prologue is
    // the only way to it, needs no code of its own.
    let skipped = e
        .guard_block
        .filter(|&early| layout.preds(early).len() == 1);
    let emitted = |b: &&Block| Some(**b) != skipped;
    let mut blocks = layout.order.iter().filter(emitted).peekable();
    let mut previous: Option<Block> = None;
    while let Some(&b) = blocks.next() {
        let next = blocks.peek().map(|&&b| b);
        if is_loop_head(layout, b) {
            // A loop's first block on a 16-byte boundary: its instructions
            // are fetched and decoded together each iteration.
            e.asm.align_with_nops(16);
        }
        // Reached only by falling through from the block before (a plain
        // jump, or the entry's branch the guard decided), or not at all.
        let in_line = match (layout.preds(b), previous) {
            ([], _) => true,
            (&[only], Some(p)) if only == p => {
                let last = func.blocks[p.index()].insts.last();
                last.is_some_and(|&i| match &func.insts[i.index()].kind {
                    InstKind::Jump(dest) => dest.block(&func.pool) == b,
                    InstKind::Branch(..) => e.guarded.is_some_and(|(g, _)| g == i),
                    _ => false,
                })
            }
            _ => false,
        };
        if in_line {
            e.asm.bind_in_line(e.block_label(b));
        } else {
            e.asm.bind(e.block_label(b));
        }
        previous = Some(b);
        e.current = Some(b);
        for &inst in &func.blocks[b.index()].insts {
            e.emit_inst(inst, next);
        }
    }
    e.emit_stubs();
    if let Some(d) = e.debug.as_deref_mut() {
        d.end(e.asm);
    }
    // All are empty again (emit_stubs drains the stubs).
    buffers.trap_stubs = e.trap_stubs;
    buffers.stub_of = e.stub_of;
    buffers.moves = e.moves;
    buffers.known = e.known;
    e.frame.bytes()
}

/// Whether a later block (or the block itself) jumps back to `block`, in
/// code order: whether it is the first block of a loop.
fn is_loop_head(layout: &Layout, block: Block) -> bool {
    let start = |b: Block| layout.block_start[b.index()];
    layout
        .preds(block)
        .iter()
        .any(|&p| start(block) <= start(p))
}

/// A branch edge whose moves go out of line: the stub's label and the
/// edge (the stub does its moves, then jumps to the target).
type EdgeStub = (Label, BlockCall);

struct Emitter<'a, 'l> {
    asm: &'a mut Assembler,
    func: &'a Function,
    plan: &'a Plan,
    locs: &'a [Loc],
    frame: Frame,
    labels: &'a ModuleLabels<'l>,
    traps: &'a mut TrapTable,
    /// The label of block 0; block `b`'s is `b` after it.
    first_block_label: Label,
    /// Per trap code used here: its stub.
    trap_stubs: Vec<(u32, Label)>,
    /// By trap code: one more than the index of its stub in `trap_stubs`,
    /// or 0 (so that a function of many distinct traps finds each stub
    /// without a search).
    stub_of: Vec<u32>,
    /// The codes of the common traps, kept from one function to the next.
    known: KnownCodes,
    /// The OverflowError stub, once made (most arithmetic jumps to it).
    overflow: Option<Label>,
    /// The entry block's branch that guard already took, and which way the
    /// code after the prologue goes (a jump).
    guarded: Option<(Inst, bool)>,
    /// The block the guard returns from.
    guard_block: Option<Block>,
    /// Branch edges whose moves go out of line.
    edge_stubs: Vec<EdgeStub>,
    /// A buffer for parallel moves, reused (empty between uses).
    moves: Vec<(Dst, Src)>,
    /// A fused comparison waiting for the branch or select that uses it.
    pending_cmp: Option<(BinaryOp, Value, Value)>,
    /// The code order and positions.
    layout: &'a Layout,
    /// The block being emitted.
    current: Option<Block>,
    /// Where debugging facts go, if anywhere.
    debug: Option<&'a mut DebugRecorder>,
    /// With a recorder: the source line of the code being emitted, and per
    /// trap stub (as `trap_stubs`) the line of the first code that jumps
    /// to it, which a debugger stopped in the stub shows.
    line: u32,
    stub_lines: Vec<u32>,
}

fn ctx(offset: i32) -> Mem {
    Mem::base_disp(CTX, offset)
}

impl<'a> Emitter<'a, '_> {
    fn block_label(&self, b: Block) -> Label {
        Label(self.first_block_label.0 + b.0)
    }

    /// Tells the debug recorder (if any) that the code from here on comes
    /// from source line `line`.
    fn note_line(&mut self, line: u32) {
        if let Some(d) = self.debug.as_deref_mut() {
            d.line(self.asm, line);
            self.line = line;
        }
    }

    /// Tells the debug recorder (if any) that from here on the frame
    /// address is `rsp + cfa` and `pushed` callee-saved registers are on
    /// the stack.
    fn note_frame(&mut self, cfa: i32, pushed: usize) {
        if let Some(d) = self.debug.as_deref_mut() {
            d.frame_rsp(self.asm, cfa, pushed);
        }
    }

    // ---- operands ----

    fn src(&self, v: Value) -> Src {
        match self.locs[v.index()] {
            Loc::Reg(r) => Src::Reg(r),
            Loc::Stack(n) => Src::Mem(self.frame.slot(n)),
            Loc::Imm(i) => Src::Imm(i64::from(i)),
            Loc::Imm64 => Src::Imm(self.wide_constant(v)),
            // Only values no one reads have no location.
            Loc::None => Src::Imm(0),
        }
    }

    /// The constant of a value at [`Loc::Imm64`]: looked up in the IR, out
    /// of line so that `src`, which most instructions call, stays small
    /// enough to be inlined.
    #[cold]
    #[inline(never)]
    fn wide_constant(&self, v: Value) -> i64 {
        plan::immediate(self.func, v).expect("a value at an immediate is a constant")
    }

    fn dst(&self, v: Value) -> Option<Dst> {
        match self.locs[v.index()] {
            Loc::Reg(r) => Some(Dst::Reg(r)),
            Loc::Stack(n) => Some(Dst::Mem(self.frame.slot(n))),
            Loc::Imm(_) | Loc::Imm64 | Loc::None => None,
        }
    }

    fn dest_reg(&self, v: Value) -> Option<Reg> {
        match self.locs[v.index()] {
            Loc::Reg(r) => Some(r),
            _ => None,
        }
    }

    /// Copies `v` into `reg`.
    fn load_into(&mut self, reg: Reg, v: Value) {
        let src = self.src(v);
        emit_move(self.asm, Dst::Reg(reg), src);
    }

    /// Stores `reg` as the value of `v`.
    fn store(&mut self, v: Value, reg: Reg) {
        if let Some(d) = self.dst(v) {
            emit_move(self.asm, d, Src::Reg(reg));
        }
    }

    /// A register to compute `result` in: its own, unless an operand that
    /// is still to be read lives there.
    fn work_reg(&self, result: Value, still_read: &[Value]) -> Reg {
        match self.dest_reg(result) {
            Some(d) if still_read.iter().all(|&v| self.src(v) != Src::Reg(d)) => d,
            _ => SCRATCH,
        }
    }

    fn trap_stub(&mut self, trap: Trap, message: &str) -> Label {
        let code = self.traps.code(trap, message);
        self.stub_of_code(code)
    }

    /// The stub for RecursionError (every function checks for it).
    fn recursion_stub(&mut self) -> Label {
        self.common_stub(|k| &mut k.recursion, Trap::RecursionError, msg::RECURSION)
    }

    /// The stub for `trap` with `message`, whose code the slot `known`
    /// picks out of [`KnownCodes`] keeps once the table has it.
    fn common_stub(
        &mut self,
        known: fn(&mut KnownCodes) -> &mut Option<u32>,
        trap: Trap,
        message: &'static str,
    ) -> Label {
        let traps = &mut self.traps;
        let code = *known(&mut self.known).get_or_insert_with(|| traps.code(trap, message));
        self.stub_of_code(code)
    }

    /// The stub that stores trap code `code`, made on first use.
    fn stub_of_code(&mut self, code: u32) -> Label {
        let slot = code as usize;
        if self.stub_of.len() <= slot {
            self.stub_of.resize(slot + 1, 0);
        }
        if let Some(&(_, l)) = self.stub_of[slot]
            .checked_sub(1)
            .map(|i| &self.trap_stubs[i as usize])
        {
            return l;
        }
        let l = self.asm.new_label();
        self.trap_stubs.push((code, l));
        if self.debug.is_some() {
            self.stub_lines.push(self.line);
        }
        self.stub_of[slot] = self.trap_stubs.len() as u32;
        l
    }

    fn overflow_stub(&mut self) -> Label {
        match self.overflow {
            Some(stub) => stub,
            None => {
                let stub =
                    self.common_stub(|k| &mut k.overflow, Trap::OverflowError, msg::OVERFLOW);
                self.overflow = Some(stub);
                stub
            }
        }
    }

    fn emit_stubs(&mut self) {
        // Edge moves belong to no one line.
        self.note_line(0);
        for (label, edge) in core::mem::take(&mut self.edge_stubs) {
            self.asm.bind(label);
            self.edge_moves(edge);
            self.asm.jmp(self.block_label(edge.block(&self.func.pool)));
        }
        for (i, &(code, label)) in self.trap_stubs.iter().enumerate() {
            self.asm.bind(label);
            if let Some(d) = self.debug.as_deref_mut() {
                d.line(self.asm, self.stub_lines[i]);
            }
            emit_trap_exit(self.asm, code, self.labels.runtime.unwind);
            self.stub_of[code as usize] = 0;
        }
        self.trap_stubs.clear();
        self.stub_lines.clear();
    }

    // ---- instructions ----

    fn emit_inst(&mut self, inst: Inst, next: Option<Block>) {
        let func = self.func;
        let data = &func.insts[inst.index()];
        if self.plan.fused.contains(inst.index()) {
            if let InstKind::Binary(op, a, b) = data.kind {
                self.pending_cmp = Some((op, a, b));
            }
            return;
        }
        if self.debug.is_some() {
            let line = func.line(inst);
            if line != 0 {
                self.note_line(line);
            }
        }
        // A pure result no one reads needs no code.
        let unused = data
            .result
            .is_some_and(|r| self.locs[r.index()] == Loc::None);
        match &data.kind {
            InstKind::Const(_) => {}
            InstKind::Unary(op, a) => {
                let r = self.func.result(inst);
                if !(unused && *op == UnaryOp::BitNot) {
                    self.unary(*op, r, *a);
                }
            }
            InstKind::Binary(op, a, b) => {
                let r = self.func.result(inst);
                if !unused || op.can_trap() {
                    self.binary(*op, r, *a, *b);
                }
            }
            InstKind::Select(c, x, y) => {
                if unused {
                    // Its fused comparison, if any, is dead with it.
                    self.pending_cmp = None;
                } else {
                    self.select(self.func.result(inst), *c, *x, *y);
                }
            }
            InstKind::Call(f, args) => {
                let args = self.func.args(*args);
                self.call(self.func.result(inst), f.index(), args);
            }
            InstKind::FrameEnter => {
                let stub = self.recursion_stub();
                self.asm.alu_ri(Alu::Sub, DEPTH, 1);
                self.asm.jcc(Cond::B, stub);
            }
            InstKind::FrameExit => self.asm.alu_ri(Alu::Add, DEPTH, 1),
            InstKind::Fuel => {
                let stub = self.trap_stub(Trap::FuelExhausted, msg::FUEL);
                self.asm.alu_mi(Alu::Sub, ctx(FUEL_OFFSET), 1);
                self.asm.jcc(Cond::B, stub);
            }
            InstKind::Return(v) => {
                self.load_into(RET, *v);
                self.epilogue();
            }
            InstKind::Trap(trap, message) => {
                let code = match message {
                    Some(m) => self.traps.code(*trap, m),
                    None => self.traps.code_without_message(*trap),
                };
                let stub = self.stub_of_code(code);
                self.asm.jmp(stub);
            }
            InstKind::Jump(dest) => self.jump(*dest, next),
            InstKind::Branch(_, targets) if self.guarded.is_some_and(|(b, _)| b == inst) => {
                // Tested before the prologue: the way on is known here.
                self.pending_cmp = None;
                let way = self.guarded.is_some_and(|(_, when)| when);
                self.jump(targets[usize::from(!way)], next);
            }
            InstKind::Branch(c, [t, e]) => self.branch(*c, *t, *e, next),
            InstKind::CallHost(id, args) => {
                let args = self.func.args(*args);
                self.call_host(data.result, *id, args);
            }
            InstKind::Load(kind, base, index) => {
                if !unused {
                    self.load(self.func.result(inst), *kind, *base, *index);
                }
            }
            InstKind::Store(kind, base, index, v) => self.store_item(*kind, *base, *index, *v),
            InstKind::CheckIndex(check, index, len) => {
                self.check_index(data.result, *check, *index, *len);
            }
            InstKind::CheckByte(v) => self.check_byte(data.result, *v),
        }
    }
}
