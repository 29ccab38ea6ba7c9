//! Emission: instruction selection with the allocation in hand, frames,
//! edge moves and trap stubs, for one function.
//!
//! Needs: the [`Plan`], the [`Allocation`] and the labels of every function
//! and of the runtime. Gives: the function's code in the module's
//! assembler, and its frame size (for the stack budget).
//!
//! Frame, from the stack pointer up: outgoing stack arguments (and host
//! call arguments, which share the area), spill slots,
//! padding to keep calls 16-byte aligned, the callee-saved registers this
//! function uses, the return address, incoming stack arguments.
//!
//! Every instruction is emitted as a short fixed sequence; a trapping check
//! is a conditional jump to a stub at the end of the function that stores
//! the trap code in the context and unwinds to the trampoline. Buffer
//! access and host calls are in [`memory`].

use super::abi::{
    RegSet, ARG_REGS, CALLEE_SAVED, CTX, DEPTH, FUEL_OFFSET, RET, SCRATCH, SCRATCH2,
    STACK_LIMIT_OFFSET, STACK_LIMIT_SLACK,
};
use super::encoder::{Alu, Assembler, Label, Shift};
use super::isel::{self, Plan};
use super::liveness::Layout;
use super::moves::{emit_move, emit_parallel, Dst, Src};
use super::regalloc::{Allocation, Loc};
use super::regs::{Cond, Mem, Reg};
use super::runtime::{emit_trap_exit, Runtime, TrapTable};
use crate::ir::{BinaryOp, Block, BlockCall, Function, HostDecl, Inst, InstKind, UnaryOp, Value};
use crate::ops;
use crate::trap::{msg, Exception, Trap};
use alloc::borrow::Cow;
use alloc::vec::Vec;

mod memory;

/// The shape of a function's stack frame.
struct Frame {
    /// Callee-saved registers pushed by the prologue.
    saved: RegSet,
    /// Bytes the prologue subtracts from rsp after the pushes.
    size: i32,
    /// Slots for outgoing stack arguments, at the bottom.
    out_args: u32,
}

impl Frame {
    fn new(alloc: &Allocation, plan: &Plan) -> Frame {
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
    fn saved(&self) -> impl DoubleEndedIterator<Item = Reg> + '_ {
        CALLEE_SAVED
            .iter()
            .copied()
            .filter(|&r| self.saved.contains(r))
    }

    fn slot(&self, n: u32) -> Mem {
        Mem::base_disp(Reg::Rsp, 8 * (self.out_args + n) as i32)
    }

    /// Where incoming argument `i` (7th or later) is.
    fn incoming(&self, i: usize) -> Mem {
        let above = self.size + 8 * self.saved.len() as i32 + 8;
        Mem::base_disp(Reg::Rsp, above + 8 * (i as i32 - 6))
    }

    /// Bytes the function may use below its stack pointer at entry: the
    /// pushes, the frame, and the return address of a call it makes (a
    /// callee checks its own frame; a runtime helper uses nothing more).
    fn below_entry(&self) -> i32 {
        8 * self.saved.len() as i32 + self.size + 8
    }

    /// Bytes of stack the function occupies while it runs, its return
    /// address included, plus room for a runtime helper's return address.
    fn bytes(&self) -> u32 {
        (8 + 8 * self.saved.len() as i32 + self.size + 16) as u32
    }
}

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
pub struct Buffers {
    trap_stubs: Vec<(u32, Label)>,
    stub_of: Vec<u32>,
    moves: Vec<(Dst, Src)>,
}

impl Default for Buffers {
    fn default() -> Buffers {
        Buffers {
            trap_stubs: Vec::with_capacity(8),
            stub_of: Vec::new(),
            moves: Vec::with_capacity(16),
        }
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
    fn of(func: &Function) -> Option<Guard> {
        let only_consts_then = |block: Block| -> Option<&InstKind> {
            let insts = &func.blocks[block.index()].insts;
            let (last, init) = insts.split_last()?;
            init.iter()
                .all(|i| matches!(func.insts[i.index()].kind, InstKind::Const(_)))
                .then(|| &func.insts[last.index()].kind)
        };
        let entry = func.entry();
        let insts = &func.blocks[entry.index()].insts;
        let [.., compare, branch] = insts[..] else {
            return None;
        };
        let consts = &insts[..insts.len() - 2];
        if !consts
            .iter()
            .all(|i| matches!(func.insts[i.index()].kind, InstKind::Const(_)))
        {
            return None;
        }
        let InstKind::Binary(op, a, b) = func.insts[compare.index()].kind else {
            return None;
        };
        let InstKind::Branch(c, ref then, ref otherwise) = func.insts[branch.index()].kind else {
            return None;
        };
        if !op.is_comparison() || Some(c) != func.insts[compare.index()].result {
            return None;
        }
        [(true, then), (false, otherwise)]
            .into_iter()
            .find_map(|(when, dest)| {
                let early = dest.block;
                let plain = dest.args.is_empty()
                    && early != entry
                    && func.blocks[early.index()].params.is_empty();
                match only_consts_then(early)? {
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

/// How many edges lead to each block from the blocks of the code order.
fn ways_in(func: &Function, layout: &Layout) -> Vec<u32> {
    let mut count = alloc::vec![0u32; func.blocks.len()];
    for &b in &layout.order {
        for s in func.successors(b) {
            count[s.index()] += 1;
        }
    }
    count
}

/// Emits a function at `entry`; returns its frame size in bytes.
pub fn emit_function(
    asm: &mut Assembler,
    prepared: &Prepared<'_>,
    labels: &ModuleLabels<'_>,
    entry: Label,
    traps: &mut TrapTable,
    buffers: &mut Buffers,
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
        overflow: None,
        guarded: None,
        guard_block: None,
        edge_stubs: Vec::new(),
        moves: core::mem::take(&mut buffers.moves),
        pending_cmp: None,
        layout,
        current: None,
    };
    e.asm.align(16);
    e.asm.bind(entry);
    e.prologue();
    let loop_heads = loop_heads(func, layout);
    // A guard clause's early block, if the guard before the prologue is
    // the only way to it, needs no code of its own.
    let skipped = e.guard_block.filter(|&early| {
        let ways_in: usize = layout
            .order
            .iter()
            .map(|&b| func.successors(b).filter(|&s| s == early).count())
            .sum();
        ways_in == 1
    });
    let emitted = |b: &&Block| Some(**b) != skipped;
    let mut blocks = layout.order.iter().filter(emitted).peekable();
    let ways_in = ways_in(func, layout);
    let mut previous: Option<Block> = None;
    while let Some(&b) = blocks.next() {
        let next = blocks.peek().map(|&&b| b);
        if loop_heads[b.index()] {
            // A loop's first block on a 16-byte boundary: its instructions
            // are fetched and decoded together each iteration.
            e.asm.align_with_nops(16);
        }
        // Reached only by falling through from the block before (a plain
        // jump, or the entry's branch the guard decided), or not at all.
        let in_line = match (ways_in[b.index()], previous) {
            (0, _) => true,
            (1, Some(p)) => {
                let last = func.blocks[p.index()].insts.last();
                let falls = last.is_some_and(|&i| match &func.insts[i.index()].kind {
                    InstKind::Jump(dest) => dest.block == b,
                    InstKind::Branch(..) => e.guarded.is_some_and(|(g, _)| g == i),
                    _ => false,
                });
                falls && func.successors(p).any(|s| s == b)
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
    // All are empty again (emit_stubs drains the stubs).
    buffers.trap_stubs = e.trap_stubs;
    buffers.stub_of = e.stub_of;
    buffers.moves = e.moves;
    e.frame.bytes()
}

/// Per block: whether a later block (or the block itself) jumps back to
/// it, in code order: the first blocks of loops.
fn loop_heads(func: &Function, layout: &Layout) -> Vec<bool> {
    let start = |b: Block| layout.block_start[b.index()];
    let mut heads = alloc::vec![false; func.blocks.len()];
    for &b in &layout.order {
        for s in func.successors(b) {
            if start(s) <= start(b) {
                heads[s.index()] = true;
            }
        }
    }
    heads
}

/// A branch edge whose moves go out of line: the stub's label and the
/// edge (the stub does its moves, then jumps to the target).
type EdgeStub<'a> = (Label, &'a BlockCall);

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
    /// The OverflowError stub, once made (most arithmetic jumps to it).
    overflow: Option<Label>,
    /// The entry block's branch that guard already took, and which way the
    /// code after the prologue goes (a jump).
    guarded: Option<(Inst, bool)>,
    /// The block the guard returns from.
    guard_block: Option<Block>,
    /// Branch edges whose moves go out of line.
    edge_stubs: Vec<EdgeStub<'a>>,
    /// A buffer for parallel moves, reused (empty between uses).
    moves: Vec<(Dst, Src)>,
    /// A fused comparison waiting for the branch or select that uses it.
    pending_cmp: Option<(BinaryOp, Value, Value)>,
    /// The code order and positions.
    layout: &'a Layout,
    /// The block being emitted.
    current: Option<Block>,
}

fn ctx(offset: i32) -> Mem {
    Mem::base_disp(CTX, offset)
}

/// The condition under which `op` holds.
fn cond_of(op: BinaryOp) -> Cond {
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
fn swapped(cond: Cond) -> Cond {
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

impl<'a> Emitter<'a, '_> {
    fn block_label(&self, b: Block) -> Label {
        Label(self.first_block_label.0 + b.0)
    }

    // ---- operands ----

    fn src(&self, v: Value) -> Src {
        match self.locs[v.index()] {
            Loc::Reg(r) => Src::Reg(r),
            Loc::Stack(n) => Src::Mem(self.frame.slot(n)),
            Loc::Imm(i) => Src::Imm(i),
            // Only values no one reads have no location.
            Loc::None => Src::Imm(0),
        }
    }

    fn dst(&self, v: Value) -> Option<Dst> {
        match self.locs[v.index()] {
            Loc::Reg(r) => Some(Dst::Reg(r)),
            Loc::Stack(n) => Some(Dst::Mem(self.frame.slot(n))),
            Loc::Imm(_) | Loc::None => None,
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

    fn trap_stub(&mut self, trap: Trap, message: Cow<'static, str>) -> Label {
        let code = self.traps.code(trap, message);
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
        self.stub_of[slot] = self.trap_stubs.len() as u32;
        l
    }

    fn overflow_stub(&mut self) -> Label {
        match self.overflow {
            Some(stub) => stub,
            None => {
                let stub = self.trap_stub(Trap::OverflowError, Cow::Borrowed(msg::OVERFLOW));
                self.overflow = Some(stub);
                stub
            }
        }
    }

    // ---- prologue and epilogue ----

    /// Takes a frame from the depth counter and checks that this
    /// function's own frame fits above the stack limit (RecursionError
    /// either way), then pushes and reserves the frame.
    fn prologue(&mut self) {
        let recursion = self.trap_stub(Trap::RecursionError, Cow::Borrowed(msg::RECURSION));
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
        for r in self.frame.saved() {
            self.asm.push(r);
        }
        if self.frame.size > 0 {
            self.asm.alu_ri(Alu::Sub, Reg::Rsp, self.frame.size);
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
    fn guard_exit(&mut self) {
        let Some(guard) = Guard::of(self.func) else {
            return;
        };
        let arrives = |v: Value| -> Option<Src> {
            if let Some(k) = isel::constant(self.func, v) {
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

    fn epilogue(&mut self) {
        self.asm.alu_ri(Alu::Add, DEPTH, 1);
        if self.frame.size > 0 {
            self.asm.alu_ri(Alu::Add, Reg::Rsp, self.frame.size);
        }
        for r in self.frame.saved().rev() {
            self.asm.pop(r);
        }
        self.asm.ret();
    }

    fn emit_stubs(&mut self) {
        for (label, edge) in core::mem::take(&mut self.edge_stubs) {
            self.asm.bind(label);
            self.edge_moves(edge);
            self.asm.jmp(self.block_label(edge.block));
        }
        for &(code, label) in &self.trap_stubs {
            self.asm.bind(label);
            emit_trap_exit(self.asm, code, self.labels.runtime.unwind);
            self.stub_of[code as usize] = 0;
        }
        self.trap_stubs.clear();
    }

    // ---- instructions ----

    fn emit_inst(&mut self, inst: Inst, next: Option<Block>) {
        let func = self.func;
        let data = &func.insts[inst.index()];
        if self.plan.fused[inst.index()] {
            if let InstKind::Binary(op, a, b) = data.kind {
                self.pending_cmp = Some((op, a, b));
            }
            return;
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
            InstKind::Call(f, args) => self.call(self.func.result(inst), f.index(), args),
            InstKind::FrameEnter => {
                let stub = self.trap_stub(Trap::RecursionError, Cow::Borrowed(msg::RECURSION));
                self.asm.alu_ri(Alu::Sub, DEPTH, 1);
                self.asm.jcc(Cond::B, stub);
            }
            InstKind::FrameExit => self.asm.alu_ri(Alu::Add, DEPTH, 1),
            InstKind::Fuel => {
                let stub = self.trap_stub(Trap::FuelExhausted, Cow::Borrowed(msg::FUEL));
                self.asm.alu_mi(Alu::Sub, ctx(FUEL_OFFSET), 1);
                self.asm.jcc(Cond::B, stub);
            }
            InstKind::Return(v) => {
                self.load_into(RET, *v);
                self.epilogue();
            }
            InstKind::Trap(trap, message) => {
                let message = match message {
                    Some(m) => Cow::Owned(m.clone()),
                    None => Cow::Borrowed(trap.default_message()),
                };
                let stub = self.trap_stub(*trap, message);
                self.asm.jmp(stub);
            }
            InstKind::Jump(dest) => self.jump(dest, next),
            InstKind::Branch(_, t, e) if self.guarded.is_some_and(|(b, _)| b == inst) => {
                // Tested before the prologue: the way on is known here.
                self.pending_cmp = None;
                let way = self.guarded.is_some_and(|(_, when)| when);
                self.jump(if way { t } else { e }, next);
            }
            InstKind::Branch(c, t, e) => self.branch(*c, t, e, next),
            InstKind::CallHost(id, args) => self.call_host(data.result, *id, args),
            InstKind::Load(kind, base, index) => {
                if !unused {
                    self.load(self.func.result(inst), *kind, *base, *index);
                }
            }
            InstKind::Store(kind, base, index, v) => self.store_item(*kind, *base, *index, *v),
            InstKind::CheckIndex(kind, access, index, len) => {
                self.check_index(data.result, *kind, *access, *index, *len);
            }
            InstKind::CheckByte(v) => self.check_byte(data.result, *v),
        }
    }

    /// Computes a result known at compile time: stores it, or jumps to
    /// the trap it raises.
    fn folded(&mut self, r: Value, value: Result<i64, Exception>) {
        match value {
            Ok(v) => {
                if let Some(d) = self.dst(r) {
                    emit_move(self.asm, d, Src::Imm(v));
                }
            }
            Err(e) => {
                let stub = self.trap_stub(e.trap, e.message);
                self.asm.jmp(stub);
            }
        }
    }

    fn unary(&mut self, op: UnaryOp, r: Value, a: Value) {
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

    fn binary(&mut self, op: BinaryOp, r: Value, a: Value, b: Value) {
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
    fn alu_with(&mut self, op: Alu, work: Reg, b: Value) {
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
    fn and(&mut self, r: Value, a: Value, b: Value) {
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

    fn alu(&mut self, op: Alu, r: Value, a: Value, b: Value, checked: bool, commutes: bool) {
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
    fn add_wrap(&mut self, r: Value, a: Value, b: Value, subtract: bool) {
        if let (Some(d), Src::Reg(ra)) = (self.dest_reg(r), self.src(a)) {
            let mem = match self.src(b) {
                Src::Reg(rb) if !subtract => {
                    Some(Mem::base_index(ra, rb, super::regs::Scale::S1, 0))
                }
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

    fn mul(&mut self, r: Value, a: Value, b: Value, checked: bool) {
        let (a, b) = match self.src(a) {
            Src::Imm(_) => (b, a),
            _ => (a, b),
        };
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
    fn divide(&mut self, op: BinaryOp, r: Value, a: Value, b: Value) {
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
            let stub = self.trap_stub(Trap::ZeroDivisionError, Cow::Borrowed(zero_message));
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

    fn pow(&mut self, r: Value, a: Value, b: Value) {
        let exponent = match self.src(b) {
            Src::Imm(k) => Some(k),
            _ => None,
        };
        if !isel::pow_inline(exponent) {
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

    fn negative_shift_stub(&mut self) -> Label {
        self.trap_stub(Trap::ValueError, Cow::Borrowed(msg::NEGATIVE_SHIFT))
    }

    fn shl(&mut self, r: Value, a: Value, b: Value) {
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
    fn shl_wrap(&mut self, r: Value, a: Value, b: Value) {
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

    fn shr(&mut self, r: Value, a: Value, b: Value) {
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
    fn compare(&mut self, op: BinaryOp, a: Value, b: Value) -> Cond {
        // `(x & m) == 0` as `test x, m` (the `and` made no code).
        let tested = self.plan.masked[a.index()].or(self.plan.masked[b.index()]);
        if let Some((x, mask)) = tested {
            match self.src(x) {
                Src::Reg(r) => self.asm.test_ri(r, mask),
                Src::Mem(m) => self.asm.test_mi(m, mask),
                Src::Imm(i) => {
                    self.asm.mov_ri(SCRATCH2, i);
                    self.asm.test_ri(SCRATCH2, mask);
                }
            }
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

    /// Sets the flags for a branch or select on `c`; `None` when `c` is a
    /// constant (its truth is returned instead).
    fn condition(&mut self, c: Value) -> Result<Cond, bool> {
        if let Some((op, a, b)) = self.pending_cmp.take() {
            return Ok(self.compare(op, a, b));
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

    fn select(&mut self, r: Value, c: Value, x: Value, y: Value) {
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

    fn call(&mut self, r: Value, callee: usize, args: &[Value]) {
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

    // ---- control flow ----

    /// Emits `moves` (taken from [`Self::moves`]) in parallel and gives
    /// the buffer back, empty.
    fn parallel_moves(&mut self, mut moves: Vec<(Dst, Src)>) {
        emit_parallel(self.asm, &mut moves);
        self.moves = moves;
    }

    /// The moves of an edge: each argument into its parameter, leaving out
    /// those already in place.
    fn edge_move_list<'m>(&'m self, dest: &'m BlockCall) -> impl Iterator<Item = (Dst, Src)> + 'm {
        let params = &self.func.blocks[dest.block.index()].params;
        dest.args
            .iter()
            .zip(params)
            .filter_map(|(&arg, &param)| Some((self.dst(param)?, self.src(arg))))
            .filter(|(dst, src)| !dst.is_same_as(*src))
    }

    /// Whether taking the edge needs any move.
    fn has_edge_moves(&self, dest: &BlockCall) -> bool {
        self.edge_move_list(dest).next().is_some()
    }

    /// Emits the moves of an edge.
    fn edge_moves(&mut self, dest: &BlockCall) {
        let mut moves = core::mem::take(&mut self.moves);
        moves.extend(self.edge_move_list(dest));
        self.parallel_moves(moves);
    }

    /// Whether a jump to `block` goes back (to a loop header).
    fn is_backward(&self, block: Block) -> bool {
        let start = |b: Block| self.layout.block_start[b.index()];
        self.current
            .is_some_and(|current| start(block) <= start(current))
    }

    fn jump(&mut self, dest: &BlockCall, next: Option<Block>) {
        self.edge_moves(dest);
        if next != Some(dest.block) {
            self.asm.jmp(self.block_label(dest.block));
        }
    }

    fn branch(&mut self, c: Value, t: &'a BlockCall, e: &'a BlockCall, next: Option<Block>) {
        let cond = match self.condition(c) {
            Ok(cond) => cond,
            Err(truth) => return self.jump(if truth { t } else { e }, next),
        };
        let (t_has_moves, e_has_moves) = (self.has_edge_moves(t), self.has_edge_moves(e));
        let (t_label, e_label) = (self.block_label(t.block), self.block_label(e.block));
        match (t_has_moves, e_has_moves) {
            (false, false) if next == Some(t.block) => self.asm.jcc(cond.invert(), e_label),
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
                let (inline, stubbed, stub_cond) = if self.is_backward(t.block) {
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
