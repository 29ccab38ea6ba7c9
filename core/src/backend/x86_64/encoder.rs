//! The x86-64 instruction encoder: REX, ModRM, SIB, immediates, labels and
//! branch relaxation.
//!
//! Needs: registers and memory operands from [`super::regs`]. Produces: the
//! bytes of position-independent machine code ([`Assembled`]), with every
//! `jmp`/`jcc` to a label in its shortest form that reaches.
//!
//! The [`Assembler`] records instructions one method call at a time. Bytes
//! that are known at once go into a buffer; the few things whose size depends
//! on where labels end up (branches to labels and alignment padding) are kept
//! as a list of *items* at offsets in that buffer. [`Assembler::finish`] lays
//! the items out (starting every branch short and lengthening the ones that
//! do not reach until nothing changes) and then writes the final bytes.
//!
//! Misuse (a label bound twice, a branch to a label never bound, an operand
//! that cannot be encoded) never panics: the first such error is remembered
//! and returned by [`Assembler::finish`].
//!
//! Every instruction has 64-bit operands unless its name says otherwise.
//!
//! # Examples
//! ```
//! use minijit::backend::x86_64::encoder::{Alu, Assembler};
//! use minijit::backend::x86_64::regs::{Cond, Reg};
//!
//! // rax = sum of 1..=rdi
//! let mut asm = Assembler::new();
//! let top = asm.new_label();
//! let done = asm.new_label();
//! asm.mov_ri(Reg::Rax, 0);
//! asm.bind(top);
//! asm.test_rr(Reg::Rdi, Reg::Rdi);
//! asm.jcc(Cond::E, done);
//! asm.alu_rr(Alu::Add, Reg::Rax, Reg::Rdi);
//! asm.alu_ri(Alu::Sub, Reg::Rdi, 1);
//! asm.jmp(top);
//! asm.bind(done);
//! asm.ret();
//! let code = asm.finish().unwrap();
//! assert_eq!(code.label_offset(done), Some(code.bytes.len() - 1));
//! ```

use crate::reuse::{empty_with_room, refill};
use alloc::vec::Vec;
use core::fmt;

use super::regs::{Cond, Mem, Reg, Scale};

/// A position in the code, made by [`Assembler::new_label`] and placed by
/// [`Assembler::bind`]. Its number is its index in the assembler that made it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Label(pub u32);

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}", self.0)
    }
}

/// The two-operand integer operations that share the "group 1" encodings
/// (`00`..`3F` and `80`/`81`/`83 /digit`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)] // the variants are the mnemonics
pub enum Alu {
    Add,
    Or,
    And,
    Sub,
    Xor,
    Cmp,
}

impl Alu {
    /// The opcode extension (`/digit`); also the row of the one-byte opcode
    /// table that holds the register forms.
    fn digit(self) -> u8 {
        match self {
            Alu::Add => 0,
            Alu::Or => 1,
            Alu::And => 4,
            Alu::Sub => 5,
            Alu::Xor => 6,
            Alu::Cmp => 7,
        }
    }
}

/// Shifts by an immediate or by `cl`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shift {
    /// Shift left.
    Shl,
    /// Logical (unsigned) shift right.
    Shr,
    /// Arithmetic (signed) shift right.
    Sar,
}

impl Shift {
    fn digit(self) -> u8 {
        match self {
            Shift::Shl => 4,
            Shift::Shr => 5,
            Shift::Sar => 7,
        }
    }
}

/// Why [`Assembler::finish`] could not produce code. Each is a mistake of the
/// code generator, not of the program being compiled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EncodeError {
    /// A branch or call targets a label that was never bound.
    UnboundLabel(Label),
    /// [`Assembler::bind`] was called twice for the same label.
    LabelBoundTwice(Label),
    /// A label that this assembler did not make was bound.
    UnknownLabel(Label),
    /// A memory operand used `rsp` as its index register, which has no
    /// encoding. `position` is [`Assembler::position`] at that instruction.
    RspIndex {
        /// Where the instruction would have started.
        position: usize,
    },
    /// [`Assembler::align`] was given a boundary that is not a power of two.
    BadAlignment(usize),
    /// The code is too large for a 32-bit displacement to span it, or the
    /// assembler ran out of label numbers.
    TooLarge,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::UnboundLabel(l) => write!(f, "branch to label {l}, which is never bound"),
            EncodeError::LabelBoundTwice(l) => write!(f, "label {l} is bound twice"),
            EncodeError::UnknownLabel(l) => {
                write!(f, "label {l} was not made by this assembler")
            }
            EncodeError::RspIndex { position } => write!(
                f,
                "memory operand at offset {position} uses rsp as an index register, which cannot be encoded"
            ),
            EncodeError::BadAlignment(b) => {
                write!(f, "alignment {b} is not a power of two")
            }
            EncodeError::TooLarge => f.write_str("code too large to encode"),
        }
    }
}

/// Finished machine code.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Assembled {
    /// The instructions, position-independent: they may be copied anywhere
    /// (to an address aligned as strictly as the largest
    /// [`Assembler::align`] boundary, if alignment matters).
    pub bytes: Vec<u8>,
    /// Per label: its offset, or [`UNBOUND`] (the code is shorter than
    /// `u32::MAX` bytes, see [`Assembler::finish`]).
    label_offsets: Vec<u32>,
}

/// In [`Assembled`]'s table, a label that was never bound.
const UNBOUND: u32 = u32::MAX;

impl Assembled {
    /// The offset in [`Assembled::bytes`] that `label` was bound to, or
    /// `None` if it was never bound (or not made by this assembler).
    pub fn label_offset(&self, label: Label) -> Option<usize> {
        let index = usize::try_from(label.0).ok()?;
        match *self.label_offsets.get(index)? {
            UNBOUND => None,
            offset => Some(offset as usize),
        }
    }
}

/// A point in the final code, named by where it is in the fixed-byte buffer
/// and how many items (whose sizes are not yet known) come before it.
///
/// Offsets and counts are `u32`, like everything recorded per label and per
/// item, to keep those tables small (a module of many functions has a
/// label per block and an item per branch); [`Assembler::finish`] refuses
/// code too large for them.
#[derive(Clone, Copy, Debug)]
struct Site {
    at: u32,
    items_before: u32,
}

#[derive(Clone, Copy, Debug)]
enum ItemKind {
    /// `jmp rel8` / `jmp rel32`.
    Jmp(Label),
    /// `jcc rel8` / `jcc rel32`.
    Jcc(Cond, Label),
    /// `call rel32`: fixed size, kept here only because its target is a label.
    Call(Label),
    /// `int3` padding up to a multiple of the boundary, `1 << shift`.
    Align(u8),
    /// `nop` padding (that may run) up to a multiple of the boundary,
    /// `1 << shift`.
    AlignNop(u8),
}

impl ItemKind {
    fn target(self) -> Option<Label> {
        match self {
            ItemKind::Jmp(l) | ItemKind::Jcc(_, l) | ItemKind::Call(l) => Some(l),
            ItemKind::Align(_) | ItemKind::AlignNop(_) => None,
        }
    }
}

/// The recommended `nop` of each length from 1 to 9 bytes.
const NOPS: [&[u8]; 9] = [
    &[0x90],
    &[0x66, 0x90],
    &[0x0F, 0x1F, 0x00],
    &[0x0F, 0x1F, 0x40, 0x00],
    &[0x0F, 0x1F, 0x44, 0x00, 0x00],
    &[0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00],
    &[0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00],
    &[0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    &[0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/// Something placed between the fixed bytes `code[..at]` and `code[at..]`.
#[derive(Clone, Copy, Debug)]
struct Item {
    at: u32,
    kind: ItemKind,
    /// The size in bytes: for branches, 2 while short and the rel32 size
    /// once [`Assembler::finish`] lengthens them; for alignment, the
    /// padding as of the last layout pass.
    size: u8,
}

// An item per branch, call and alignment: a module of many functions has
// tens of thousands.
const _: () = assert!(core::mem::size_of::<Item>() == 16);

impl Item {
    /// Whether this is a `jmp` or `jcc`, whose size relaxation chooses.
    fn is_branch(&self) -> bool {
        matches!(self.kind, ItemKind::Jmp(_) | ItemKind::Jcc(..))
    }

    /// Its size in a layout where the items before it take `before`
    /// bytes: alignment pads from its place in the code, anything else
    /// has its recorded size.
    fn laid_out_size(&self, before: usize) -> usize {
        match self.kind {
            ItemKind::Align(shift) | ItemKind::AlignNop(shift) => {
                padding_to_shift(self.at as usize + before, shift)
            }
            _ => usize::from(self.size),
        }
    }

    /// The size of the long form of a branch.
    fn long_size(&self) -> u8 {
        match self.kind {
            ItemKind::Jcc(..) => JCC_NEAR as u8,
            _ => JMP_NEAR as u8,
        }
    }
}

const JMP_SHORT: usize = 2;
const JMP_NEAR: usize = 5;
const JCC_NEAR: usize = 6;
const CALL_NEAR: usize = 5;

fn padding(offset: usize, boundary: usize) -> usize {
    offset.wrapping_neg() & (boundary - 1)
}

/// The padding to a multiple of `1 << shift` (an alignment item's boundary).
fn padding_to_shift(offset: usize, shift: u8) -> usize {
    padding(offset, 1 << shift)
}

fn fits_i8(value: i64) -> bool {
    i8::try_from(value).is_ok()
}

/// Where everything ends up given the current item sizes: `before[i]` is
/// the total size of items `0..i` (one more entry than there are items).
/// One layout pass of [`Assembler::finish`] refills it in place.
#[derive(Clone, Debug, Default)]
struct Layout {
    before: Vec<u32>,
}

impl Layout {
    /// Recomputes `before` from the branches' current sizes, and the
    /// alignment padding; returns the size of all items. (The table is
    /// exact while that fits a `u32`; [`Assembler::finish`] refuses the
    /// code otherwise.)
    fn compute(&mut self, items: &[Item]) -> usize {
        let mut total = 0usize;
        for (item, before) in items.iter().zip(&mut self.before) {
            *before = total as u32;
            total += item.laid_out_size(total);
        }
        self.before[items.len()] = total as u32;
        total
    }

    /// Brings `before` up to date after the items `changed` (in
    /// increasing order) grew, and only they; returns the size of all
    /// items. The same table as [`Layout::compute`] makes, for less: a
    /// relaxation pass after the first lengthens few branches, and their
    /// growth stops moving anything at the next alignment that absorbs it.
    ///
    /// From each changed item, the walk goes on while the new totals
    /// differ from the old: where they agree again, every item up to the
    /// next changed one is where it was (an item's size depends only on
    /// the items before it and its own place in the fixed bytes).
    fn update(&mut self, items: &[Item], changed: &[u32]) -> usize {
        let n = items.len();
        let mut pending = changed.iter().map(|&c| c as usize).peekable();
        while let Some(start) = pending.next() {
            // Nothing before `start` moved.
            let mut i = start;
            let mut total = self.before[i] as usize;
            while i < n {
                total += items[i].laid_out_size(total);
                i += 1;
                if self.before[i] as usize == total {
                    break;
                }
                self.before[i] = total as u32;
            }
            // The changed items walked over are laid out.
            while pending.next_if(|&c| c < i).is_some() {}
        }
        self.before[n] as usize
    }

    /// The total size of items `0..i`.
    fn before(&self, i: usize) -> usize {
        self.before[i] as usize
    }

    fn offset(&self, site: Site) -> usize {
        site.at as usize + self.before(site.items_before as usize)
    }
}

/// A branch that was short in the last layout pass, as the next pass
/// checks it: its displacement is `fixed` plus the size of the items
/// between it and its target, all read from the [`Layout`].
#[derive(Clone, Copy, Debug)]
struct ShortBranch {
    /// The branch's item number.
    item: u32,
    /// The number of items before its target (its `Site::items_before`).
    target_items: u32,
    /// The displacement less the items' part: the target's place in the
    /// fixed bytes less the branch's end there (short). The items between
    /// add to a forward displacement and take from a backward one, so
    /// this is at most as far from zero as a displacement that fits in an
    /// i8 (give or take the branch's own two bytes).
    fixed: i32,
}

/// [`Assembler::finish_into`] keeps its table of short branches for the
/// next code only up to this many (a module of a few hundred functions).
const KEEP_SHORT_BRANCHES: usize = 1 << 12;

impl ShortBranch {
    /// Whether the branch whose displacement less the items' part is
    /// `fixed` (see [`ShortBranch::fixed`]) reaches its target in its short
    /// form, in `layout`.
    fn fits(item: u32, target_items: u32, fixed: i64, layout: &Layout) -> bool {
        let items = displacement(
            layout.before(target_items as usize),
            layout.before(item as usize),
        );
        fits_i8(fixed + items)
    }
}

/// Records x86-64 instructions and turns them into bytes.
///
/// See the [module documentation](self) for how labels and errors work.
#[derive(Clone, Debug, Default)]
pub struct Assembler {
    /// Every byte whose value is known when its instruction is recorded.
    code: Vec<u8>,
    /// Branches, calls and alignment, in program order.
    items: Vec<Item>,
    /// Where each label is bound, indexed by label number.
    labels: Vec<Option<Site>>,
    /// The first misuse, returned by `finish`.
    error: Option<EncodeError>,
    /// The size of all items so far with every branch short: what
    /// `position` adds to the fixed bytes.
    items_short_size: usize,
    /// The last instruction, if it was `mov dst, src` between registers
    /// and nothing (no label either) came after it: `(bytes, items, dst,
    /// src)` as they were just after it.
    last_move: Option<(usize, usize, Reg, Reg)>,
    /// The tables of [`Assembler::finish`]: the layout, and the short
    /// branches (kept for the next code, see [`Assembler::finish_into`];
    /// the short branches only up to `KEEP_SHORT_BRANCHES`).
    layout: Layout,
    short: Vec<ShortBranch>,
    /// The branches the last relaxation pass lengthened, by item number
    /// in increasing order (kept as `short` is).
    lengthened: Vec<u32>,
}

impl Assembler {
    /// An empty assembler.
    pub fn new() -> Assembler {
        Assembler::default()
    }

    /// An empty assembler with room for about `bytes` bytes of code,
    /// `branches` branches and calls and `labels` labels before it needs
    /// to grow.
    pub fn with_capacity(bytes: usize, branches: usize, labels: usize) -> Assembler {
        Assembler {
            code: Vec::with_capacity(bytes),
            items: Vec::with_capacity(branches),
            labels: Vec::with_capacity(labels),
            ..Assembler::default()
        }
    }

    /// Forgets everything recorded (as a new assembler has nothing),
    /// keeping the buffers, with room as [`Assembler::with_capacity`] makes.
    pub fn clear_with_room(&mut self, bytes: usize, branches: usize, labels: usize) {
        empty_with_room(&mut self.code, bytes);
        empty_with_room(&mut self.items, branches);
        empty_with_room(&mut self.labels, labels);
        self.error = None;
        self.items_short_size = 0;
        self.last_move = None;
    }

    fn fail(&mut self, error: EncodeError) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// The offset the next instruction would have if every branch recorded
    /// so far stayed short.
    ///
    /// This is exact for code with no `jmp`/`jcc` to labels, and otherwise a
    /// lower bound on the final offset (branches only ever grow, and
    /// alignment padding only rounds up). Use [`Assembled::label_offset`] for
    /// final offsets.
    pub fn position(&self) -> usize {
        self.code.len() + self.items_short_size
    }

    /// A new, unbound label.
    pub fn new_label(&mut self) -> Label {
        match u32::try_from(self.labels.len()) {
            Ok(id) => {
                self.labels.push(None);
                Label(id)
            }
            Err(_) => {
                self.fail(EncodeError::TooLarge);
                Label(u32::MAX)
            }
        }
    }

    /// `count` new, unbound labels with consecutive numbers; returns the
    /// first (the others are `Label(first.0 + 1)` and so on). Cheaper than
    /// keeping a list of `count` labels made one by one.
    pub fn new_labels(&mut self, count: usize) -> Label {
        let first = self.labels.len();
        match u32::try_from(first + count) {
            Ok(_) => {
                self.labels.resize(first + count, None);
                Label(first as u32)
            }
            Err(_) => {
                self.fail(EncodeError::TooLarge);
                Label(u32::MAX)
            }
        }
    }

    /// Places `label` at the current position: the next instruction recorded
    /// starts there.
    ///
    /// Binding a label twice, or one that [`Assembler::new_label`] did not
    /// make, is reported by [`Assembler::finish`].
    pub fn bind(&mut self, label: Label) {
        // Code may come here from elsewhere: the registers may differ.
        self.last_move = None;
        self.bind_in_line(label);
    }

    /// Binds `label` where only the code just before reaches it (by
    /// falling through): what that code left in registers still holds.
    pub fn bind_in_line(&mut self, label: Label) {
        // Wrapped only in code `finish` refuses (the buffers only grow).
        let site = Site {
            at: self.code.len() as u32,
            items_before: self.items.len() as u32,
        };
        match usize::try_from(label.0)
            .ok()
            .and_then(|i| self.labels.get_mut(i))
        {
            Some(slot @ None) => *slot = Some(site),
            Some(Some(_)) => self.fail(EncodeError::LabelBoundTwice(label)),
            None => self.fail(EncodeError::UnknownLabel(label)),
        }
    }

    fn push_item(&mut self, kind: ItemKind) {
        let size = match kind {
            ItemKind::Jmp(_) | ItemKind::Jcc(..) => JMP_SHORT,
            ItemKind::Call(_) => CALL_NEAR,
            ItemKind::Align(shift) | ItemKind::AlignNop(shift) => {
                padding_to_shift(self.position(), shift)
            }
        };
        self.items_short_size += size;
        self.items.push(Item {
            // Wrapped only in code `finish` refuses (the buffer only grows).
            at: self.code.len() as u32,
            kind,
            // Padding may exceed a byte; it is recomputed in every pass.
            size: size.min(255) as u8,
        });
    }

    // ----- Prefixes, ModRM, SIB, immediates -----

    /// Emits a REX prefix if any of its bits is needed, or if `force` (which
    /// makes byte registers 4..7 mean spl/bpl/sil/dil instead of ah..bh).
    fn rex(&mut self, w: bool, r: bool, x: bool, b: bool, force: bool) {
        let bits = (u8::from(w) << 3) | (u8::from(r) << 2) | (u8::from(x) << 1) | u8::from(b);
        if bits != 0 || force {
            self.code.push(0x40 | bits);
        }
    }

    /// The opcode bytes. Opcodes are one or two bytes; those are pushed
    /// one by one, since copying a slice of unknown length calls `memcpy`,
    /// which costs more than the instruction's other bytes together.
    fn opcode(&mut self, opcode: &[u8]) {
        match *opcode {
            [a] => self.code.push(a),
            [a, b] => {
                self.code.push(a);
                self.code.push(b);
            }
            _ => self.code.extend_from_slice(opcode),
        }
    }

    fn modrm(&mut self, mode: u8, reg: u8, rm: u8) {
        self.code.push((mode << 6) | ((reg & 7) << 3) | (rm & 7));
    }

    fn imm8(&mut self, imm: i8) {
        self.code.extend_from_slice(&imm.to_le_bytes());
    }

    fn imm32(&mut self, imm: i32) {
        self.code.extend_from_slice(&imm.to_le_bytes());
    }

    /// `[REX] opcode ModRM` with register `rm` in the r/m field. `reg` is
    /// either a register number or the opcode extension of a `/digit` form.
    fn op_reg(&mut self, w: bool, opcode: &[u8], reg: u8, rm: Reg) {
        self.rex(w, reg >= 8, false, rm.is_extended(), false);
        self.opcode(opcode);
        self.modrm(0b11, reg, rm.low3());
    }

    /// [`Self::op_reg`] where `rm` is a byte register.
    fn op_reg8(&mut self, opcode: &[u8], reg: u8, rm: Reg) {
        // Without a REX prefix, byte registers 4..7 are ah, ch, dh, bh.
        let force = (4..8).contains(&rm.hw());
        self.rex(false, reg >= 8, false, rm.is_extended(), force);
        self.opcode(opcode);
        self.modrm(0b11, reg, rm.low3());
    }

    /// `[REX] opcode ModRM [SIB] [disp]` with a memory operand. Returns
    /// `false`, having emitted nothing, if the operand cannot be encoded;
    /// the caller then must not emit the rest of the instruction either.
    fn op_mem(&mut self, w: bool, opcode: &[u8], reg: u8, mem: Mem) -> bool {
        self.op_mem_rex(w, false, opcode, reg, mem)
    }

    /// [`Self::op_mem`] where `reg` is a byte register: registers 4..7
    /// get a REX prefix, so that they mean spl/bpl/sil/dil, not ah..bh.
    fn op_mem8(&mut self, opcode: &[u8], reg: Reg, mem: Mem) -> bool {
        let force = (4..8).contains(&reg.hw());
        self.op_mem_rex(false, force, opcode, reg.hw(), mem)
    }

    /// [`Self::op_mem`] with a REX prefix even when no bit needs one, if
    /// `force`.
    fn op_mem_rex(&mut self, w: bool, force: bool, opcode: &[u8], reg: u8, mem: Mem) -> bool {
        let (index, scale) = match mem.index {
            Some((Reg::Rsp, _)) => {
                self.fail(EncodeError::RspIndex {
                    position: self.position(),
                });
                return false;
            }
            Some((index, scale)) => (Some(index), scale),
            None => (None, Scale::S1),
        };
        let base = mem.base;
        let x = index.is_some_and(Reg::is_extended);
        self.rex(w, reg >= 8, x, base.is_extended(), force);
        self.opcode(opcode);

        // mod=00 with base 101 means "no base, disp32" (RIP-relative without
        // a SIB), so rbp and r13 always need a displacement, even of zero.
        let disp = mem.disp;
        let (mode, disp_len) = if disp == 0 && base.low3() != 5 {
            (0b00, 0)
        } else if fits_i8(i64::from(disp)) {
            (0b01, 1)
        } else {
            (0b10, 4)
        };
        // r/m 100 means "a SIB byte follows", so rsp and r12 can only be a
        // base through a SIB byte (whose index 100 means "no index").
        if index.is_some() || base.low3() == 4 {
            self.modrm(mode, reg, 0b100);
            let index_bits = index.map_or(0b100, Reg::low3);
            self.code
                .push((scale.bits() << 6) | (index_bits << 3) | base.low3());
        } else {
            self.modrm(mode, reg, base.low3());
        }
        // Whole arrays, whose copies are plain stores.
        match disp_len {
            0 => {}
            1 => self.code.push(disp as u8),
            _ => self.code.extend_from_slice(&disp.to_le_bytes()),
        }
        true
    }

    /// `opcode /digit` with an immediate that is `ib` if it fits in an i8
    /// (using `opcode8`) and `id` otherwise (using `opcode32`).
    fn op_reg_imm(&mut self, opcode8: u8, opcode32: u8, reg: u8, rm: Reg, imm: i32) {
        match i8::try_from(imm) {
            Ok(imm8) => {
                self.op_reg(true, &[opcode8], reg, rm);
                self.imm8(imm8);
            }
            Err(_) => {
                self.op_reg(true, &[opcode32], reg, rm);
                self.imm32(imm);
            }
        }
    }

    // ----- Moves -----

    /// `mov dst, src` (`89 /r`).
    /// `mov dst, src`; nothing when it would copy back what the
    /// instruction just before copied (`mov a, b; mov b, a`: `b` holds `a`
    /// already), which happens where a value's register meets the register
    /// its next use wants.
    pub fn mov_rr(&mut self, dst: Reg, src: Reg) {
        let here = (self.code.len(), self.items.len());
        if self.last_move == Some((here.0, here.1, src, dst)) {
            return;
        }
        self.op_reg(true, &[0x89], src.hw(), dst);
        self.last_move = Some((self.code.len(), self.items.len(), dst, src));
    }

    /// `mov dst32, src32` (`89 /r` without REX.W): the low 32 bits of `src`,
    /// zero-extended to all 64 bits of `dst` (a mask with `0xFFFF_FFFF`).
    pub fn mov_rr32(&mut self, dst: Reg, src: Reg) {
        self.op_reg(false, &[0x89], src.hw(), dst);
    }

    /// Sets `dst` to `imm` in the shortest form that leaves the flags alone:
    /// `mov r32, imm32` (zero-extends) for `0..=u32::MAX`, `mov r/m64, imm32`
    /// (sign-extends) for other values that fit in an i32, and
    /// `movabs r64, imm64` for the rest.
    pub fn mov_ri(&mut self, dst: Reg, imm: i64) {
        if let Ok(imm) = u32::try_from(imm) {
            self.rex(false, false, false, dst.is_extended(), false);
            self.code.push(0xB8 + dst.low3());
            self.code.extend_from_slice(&imm.to_le_bytes());
        } else if let Ok(imm) = i32::try_from(imm) {
            self.op_reg(true, &[0xC7], 0, dst);
            self.imm32(imm);
        } else {
            self.rex(true, false, false, dst.is_extended(), false);
            self.code.push(0xB8 + dst.low3());
            self.code.extend_from_slice(&imm.to_le_bytes());
        }
    }

    /// `mov dst, qword [src]`: a load.
    pub fn mov_rm(&mut self, dst: Reg, src: Mem) {
        self.op_mem(true, &[0x8B], dst.hw(), src);
    }

    /// `mov qword [dst], src`: a store.
    pub fn mov_mr(&mut self, dst: Mem, src: Reg) {
        self.op_mem(true, &[0x89], src.hw(), dst);
    }

    /// `mov qword [dst], imm`: stores `imm` sign-extended to 64 bits.
    pub fn mov_mi(&mut self, dst: Mem, imm: i32) {
        if self.op_mem(true, &[0xC7], 0, dst) {
            self.imm32(imm);
        }
    }

    /// `lea dst, [src]`: computes the address without touching memory or
    /// flags.
    pub fn lea(&mut self, dst: Reg, src: Mem) {
        self.op_mem(true, &[0x8D], dst.hw(), src);
    }

    /// `movzx dst32, src8`: the low byte of `src`, zero-extended to all 64
    /// bits of `dst` (writing a 32-bit register clears the upper half).
    pub fn movzx_r8(&mut self, dst: Reg, src: Reg) {
        self.op_reg8(&[0x0F, 0xB6], dst.hw(), src);
    }

    /// `movzx dst32, byte [src]`: a byte load, zero-extended to all 64 bits
    /// of `dst`.
    pub fn movzx_rm8(&mut self, dst: Reg, src: Mem) {
        self.op_mem(false, &[0x0F, 0xB6], dst.hw(), src);
    }

    /// `mov byte [dst], src8`: stores the low byte of `src` (any of the
    /// sixteen registers; spl..dil get the REX prefix they need).
    pub fn mov_m8r(&mut self, dst: Mem, src: Reg) {
        self.op_mem8(&[0x88], src, dst);
    }

    /// `mov byte [dst], imm8`.
    pub fn mov_m8i(&mut self, dst: Mem, imm: u8) {
        if self.op_mem(false, &[0xC6], 0, dst) {
            self.code.push(imm);
        }
    }

    /// `cmov<cond> dst, src`.
    pub fn cmov_rr(&mut self, cond: Cond, dst: Reg, src: Reg) {
        self.op_reg(true, &[0x0F, 0x40 + cond as u8], dst.hw(), src);
    }

    /// `cmov<cond> dst, qword [src]`. The load happens whether or not the
    /// condition holds, so `src` must be readable either way.
    pub fn cmov_rm(&mut self, cond: Cond, dst: Reg, src: Mem) {
        self.op_mem(true, &[0x0F, 0x40 + cond as u8], dst.hw(), src);
    }

    /// `xchg a, b` (`87 /r`, never the one-byte `90+r` form).
    pub fn xchg_rr(&mut self, a: Reg, b: Reg) {
        self.op_reg(true, &[0x87], b.hw(), a);
    }

    /// `push r`.
    pub fn push(&mut self, r: Reg) {
        self.rex(false, false, false, r.is_extended(), false);
        self.code.push(0x50 + r.low3());
    }

    /// `pop r`.
    pub fn pop(&mut self, r: Reg) {
        self.rex(false, false, false, r.is_extended(), false);
        self.code.push(0x58 + r.low3());
    }

    // ----- Arithmetic -----

    /// `op dst, src` (`add`, `or`, `and`, `sub`, `xor`, `cmp`).
    pub fn alu_rr(&mut self, op: Alu, dst: Reg, src: Reg) {
        self.op_reg(true, &[op.digit() * 8 + 1], src.hw(), dst);
    }

    /// `op dst, imm` with `imm` sign-extended: `83 /n ib` when it fits in
    /// an i8, `81 /n id` otherwise.
    pub fn alu_ri(&mut self, op: Alu, dst: Reg, imm: i32) {
        self.op_reg_imm(0x83, 0x81, op.digit(), dst, imm);
    }

    /// `op dst, qword [src]`.
    pub fn alu_rm(&mut self, op: Alu, dst: Reg, src: Mem) {
        self.op_mem(true, &[op.digit() * 8 + 3], dst.hw(), src);
    }

    /// `op qword [dst], src`.
    pub fn alu_mr(&mut self, op: Alu, dst: Mem, src: Reg) {
        self.op_mem(true, &[op.digit() * 8 + 1], src.hw(), dst);
    }

    /// `op qword [dst], imm` with `imm` sign-extended: `83 /n ib` when it
    /// fits in an i8, `81 /n id` otherwise.
    pub fn alu_mi(&mut self, op: Alu, dst: Mem, imm: i32) {
        match i8::try_from(imm) {
            Ok(imm8) => {
                if self.op_mem(true, &[0x83], op.digit(), dst) {
                    self.imm8(imm8);
                }
            }
            Err(_) => {
                if self.op_mem(true, &[0x81], op.digit(), dst) {
                    self.imm32(imm);
                }
            }
        }
    }

    /// `test a, b`: sets the flags from `a & b`.
    pub fn test_rr(&mut self, a: Reg, b: Reg) {
        self.op_reg(true, &[0x85], b.hw(), a);
    }

    /// `test a, imm` (`F7 /0 id`, imm sign-extended).
    pub fn test_ri(&mut self, a: Reg, imm: i32) {
        self.op_reg(true, &[0xF7], 0, a);
        self.imm32(imm);
    }

    /// `test qword [a], imm` (`F7 /0 id`, imm sign-extended).
    pub fn test_mi(&mut self, a: Mem, imm: i32) {
        if self.op_mem(true, &[0xF7], 0, a) {
            self.imm32(imm);
        }
    }

    /// `imul dst, src`: the low 64 bits of the signed product.
    pub fn imul_rr(&mut self, dst: Reg, src: Reg) {
        self.op_reg(true, &[0x0F, 0xAF], dst.hw(), src);
    }

    /// `imul dst, qword [src]`.
    pub fn imul_rm(&mut self, dst: Reg, src: Mem) {
        self.op_mem(true, &[0x0F, 0xAF], dst.hw(), src);
    }

    /// `imul dst, src, imm`: `6B ib` when `imm` fits in an i8, `69 id`
    /// otherwise.
    pub fn imul_rri(&mut self, dst: Reg, src: Reg, imm: i32) {
        self.op_reg_imm(0x6B, 0x69, dst.hw(), src, imm);
    }

    /// `neg r`.
    pub fn neg(&mut self, r: Reg) {
        self.op_reg(true, &[0xF7], 3, r);
    }

    /// `not r`.
    pub fn not(&mut self, r: Reg) {
        self.op_reg(true, &[0xF7], 2, r);
    }

    /// `op r, imm` (`C1 /n ib`). The hardware masks the count to 0..63;
    /// `imm` is encoded as given.
    pub fn shift_ri(&mut self, op: Shift, r: Reg, imm: u8) {
        self.op_reg(true, &[0xC1], op.digit(), r);
        self.code.push(imm);
    }

    /// `op r32, imm8` (`C1 /n` without REX.W): shifts the low 32 bits and
    /// zero-extends the result to all 64 bits of `r`.
    pub fn shift_ri32(&mut self, op: Shift, r: Reg, imm: u8) {
        self.op_reg(false, &[0xC1], op.digit(), r);
        self.code.push(imm);
    }

    /// `op r, cl` (`D3 /n`).
    pub fn shift_cl(&mut self, op: Shift, r: Reg) {
        self.op_reg(true, &[0xD3], op.digit(), r);
    }

    /// `cqo`: sign-extends rax into rdx:rax, ready for `idiv`.
    pub fn cqo(&mut self) {
        self.code.extend_from_slice(&[0x48, 0x99]);
    }

    /// `idiv r`: divides rdx:rax by `r`; quotient in rax, remainder in rdx.
    pub fn idiv(&mut self, r: Reg) {
        self.op_reg(true, &[0xF7], 7, r);
    }

    /// `mul r`: unsigned rdx:rax = rax * r.
    pub fn mul(&mut self, r: Reg) {
        self.op_reg(true, &[0xF7], 4, r);
    }

    /// `div r32`: unsigned divide of edx:eax by the low half of `r`;
    /// quotient in eax, remainder in edx, both zero-extended. Much faster
    /// than a 64-bit `idiv` on most processors.
    pub fn div_r32(&mut self, r: Reg) {
        self.op_reg(false, &[0xF7], 6, r);
    }

    /// `set<cond> r8`: the low byte of `r` becomes 1 or 0; the other bytes
    /// are unchanged.
    pub fn setcc(&mut self, cond: Cond, r: Reg) {
        self.op_reg8(&[0x0F, 0x90 + cond as u8], 0, r);
    }

    // ----- Control flow -----

    /// `ret`.
    pub fn ret(&mut self) {
        self.code.push(0xC3);
    }

    /// `int3`: a breakpoint trap.
    pub fn int3(&mut self) {
        self.code.push(0xCC);
    }

    /// `ud2`: an invalid-opcode trap.
    pub fn ud2(&mut self) {
        self.code.extend_from_slice(&[0x0F, 0x0B]);
    }

    /// `call target` (`E8 rel32`, always; calls are never relaxed).
    pub fn call_label(&mut self, target: Label) {
        self.push_item(ItemKind::Call(target));
    }

    /// `call r`: an indirect call through a register.
    pub fn call_r(&mut self, r: Reg) {
        self.op_reg(false, &[0xFF], 2, r);
    }

    /// `call qword [m]`: an indirect call through memory (the host bridge's
    /// address in the context, so no address is in the code).
    pub fn call_m(&mut self, m: Mem) {
        self.op_mem(false, &[0xFF], 2, m);
    }

    /// `jmp r`: an indirect jump through a register.
    pub fn jmp_r(&mut self, r: Reg) {
        self.op_reg(false, &[0xFF], 4, r);
    }

    /// `jmp target`: `EB rel8` if the displacement fits, else `E9 rel32`
    /// (decided by [`Assembler::finish`]).
    pub fn jmp(&mut self, target: Label) {
        self.push_item(ItemKind::Jmp(target));
    }

    /// `j<cond> target`: `7x rel8` if the displacement fits, else
    /// `0F 8x rel32` (decided by [`Assembler::finish`]).
    pub fn jcc(&mut self, cond: Cond, target: Label) {
        self.push_item(ItemKind::Jcc(cond, target));
    }

    /// Pads with `nop`s (which may run: for code that is fallen into, such
    /// as a loop's first block) so that the next instruction starts at a
    /// multiple of `boundary` bytes from the start of the code.
    ///
    /// A `boundary` that is not a power of two is reported by
    /// [`Assembler::finish`].
    pub fn align_with_nops(&mut self, boundary: usize) {
        if !boundary.is_power_of_two() {
            self.fail(EncodeError::BadAlignment(boundary));
        } else if boundary > 1 {
            self.push_item(ItemKind::AlignNop(boundary.trailing_zeros() as u8));
        }
    }

    /// Pads with `int3` so that the next instruction starts at a multiple of
    /// `boundary` bytes from the start of the code: for code reached only by
    /// jumps and calls (functions).
    ///
    /// A `boundary` that is not a power of two is reported by
    /// [`Assembler::finish`].
    pub fn align(&mut self, boundary: usize) {
        if !boundary.is_power_of_two() {
            self.fail(EncodeError::BadAlignment(boundary));
        } else if boundary > 1 {
            self.push_item(ItemKind::Align(boundary.trailing_zeros() as u8));
        }
    }

    // ----- Finishing -----

    /// Chooses the size of every branch, then writes the final bytes.
    ///
    /// Branches start short; each pass lengthens every short branch whose
    /// displacement does not fit in an i8, and recomputes alignment padding.
    /// Since branches only grow, this ends after at most one pass per
    /// branch. (A branch once made long stays long, so when alignment
    /// padding between a branch and its target shrinks in a later pass,
    /// the branch may end up long though short would have reached.)
    ///
    /// # Errors
    /// The first misuse recorded while assembling (see [`EncodeError`]);
    /// otherwise [`EncodeError::UnboundLabel`] for the first branch or call,
    /// in program order, whose target was never bound, and
    /// [`EncodeError::TooLarge`] if the code is `u32::MAX` bytes or longer
    /// or a displacement does not fit in 32 bits.
    pub fn finish(mut self) -> Result<Assembled, EncodeError> {
        let mut done = Assembled::default();
        self.finish_into(&mut done)?;
        Ok(done)
    }

    /// [`Assembler::finish`] into `done`, whose table of labels is filled
    /// again, and whose bytes become a new vector of their exact size;
    /// this assembler keeps its buffers for the next code (after
    /// [`Assembler::clear_with_room`]), where `finish` frees them.
    ///
    /// # Errors
    /// As [`Assembler::finish`]; `done` then holds nothing of use.
    // A stage: out of line (see the backend module doc).
    #[inline(never)]
    pub fn finish_into(&mut self, done: &mut Assembled) -> Result<(), EncodeError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        self.check_targets()?;
        // The offsets and counts recorded as `u32` are exact (the buffers
        // only grow, so none wrapped).
        let fits = |n: usize| n < UNBOUND as usize;
        if !fits(self.code.len()) || !fits(self.items.len()) {
            return Err(EncodeError::TooLarge);
        }
        let items_size = self.relax();
        if !fits(self.code.len() + items_size) {
            return Err(EncodeError::TooLarge);
        }
        let layout = &self.layout;
        let label_offsets = &mut done.label_offsets;
        label_offsets.clear();
        label_offsets.extend(
            self.labels
                .iter()
                .map(|site| site.map_or(UNBOUND, |site| layout.offset(site) as u32)),
        );
        done.bytes = self.write(label_offsets)?;
        Ok(())
    }

    /// Fails on the first item, in program order, whose target label is
    /// not bound, so that the passes after this cannot fail on a label.
    fn check_targets(&self) -> Result<(), EncodeError> {
        for item in &self.items {
            if let Some(label) = item.kind.target() {
                self.site(label).ok_or(EncodeError::UnboundLabel(label))?;
            }
        }
        Ok(())
    }

    /// Where `label` is bound, if it is.
    fn site(&self, label: Label) -> Option<Site> {
        bound_site(&self.labels, label)
    }

    /// Lengthens branches until every short one reaches its target, in
    /// `self.layout`; returns the size of all items.
    ///
    /// Each pass lays the code out with the sizes of the pass before and
    /// lengthens every short branch that does not reach; only the branches
    /// still short are looked at again. The first pass looks each target
    /// up and keeps, for the branches that stay short, what their
    /// displacement needs besides the layout ([`ShortBranch`]), so that a
    /// later pass checks a branch with two reads of the layout. The first
    /// layout is made whole; each after it is the one before brought up
    /// to date for the branches lengthened since ([`Layout::update`]).
    fn relax(&mut self) -> usize {
        let layout = &mut self.layout;
        refill(&mut layout.before, self.items.len() + 1, 0);
        let (items, labels) = (&mut self.items, &self.labels);
        let mut items_size = layout.compute(items);
        let (short, lengthened) = (&mut self.short, &mut self.lengthened);
        empty_with_room(short, items.iter().filter(|i| i.is_branch()).count());
        lengthened.clear();
        for (i, item) in items.iter_mut().enumerate() {
            if !item.is_branch() {
                continue;
            }
            // Bound: `finish` checked every target.
            let Some(target) = item.kind.target().and_then(|l| bound_site(labels, l)) else {
                continue;
            };
            let fixed = displacement(target.at as usize, item.at as usize + JMP_SHORT);
            if ShortBranch::fits(i as u32, target.items_before, fixed, layout) {
                short.push(ShortBranch {
                    item: i as u32,
                    target_items: target.items_before,
                    // Exact: see the field.
                    fixed: fixed as i32,
                });
            } else {
                item.size = item.long_size();
                lengthened.push(i as u32);
            }
        }
        while !lengthened.is_empty() {
            items_size = layout.update(items, lengthened);
            lengthened.clear();
            short.retain(|b| {
                let fits = ShortBranch::fits(b.item, b.target_items, i64::from(b.fixed), layout);
                if !fits {
                    let item = &mut items[b.item as usize];
                    item.size = item.long_size();
                    lengthened.push(b.item);
                }
                fits
            });
        }
        // Done with: a large table is freed before the code is written,
        // which needs room of its own, so that the records (12 bytes a
        // branch, 4 a lengthened one) do not raise the peak of a large
        // module.
        if short.capacity() > KEEP_SHORT_BRANCHES {
            *short = Vec::new();
        }
        if lengthened.capacity() > KEEP_SHORT_BRANCHES {
            *lengthened = Vec::new();
        }
        items_size
    }

    /// The final bytes, in a vector of their exact size: the fixed bytes
    /// with every item written in between, as `self.layout` places them.
    ///
    /// The vector is written from start to end, never zeroed first: item
    /// by item, the fixed bytes before it, then the item. Branches and
    /// calls find their targets in `label_offsets`, the final offset of
    /// every label.
    fn write(&self, label_offsets: &[u32]) -> Result<Vec<u8>, EncodeError> {
        let layout = &self.layout;
        let mut code = Vec::with_capacity(self.code.len() + layout.before(self.items.len()));
        let mut copied = 0;
        for (i, item) in self.items.iter().enumerate() {
            let at = item.at as usize;
            code.extend_from_slice(&self.code[copied..at]);
            copied = at;
            let size = layout.before(i + 1) - layout.before(i);
            let short = size == JMP_SHORT;
            let (opcode, label) = match item.kind {
                ItemKind::Align(_) => {
                    code.resize(code.len() + size, 0xCC);
                    continue;
                }
                ItemKind::AlignNop(_) => {
                    let mut left = size;
                    while left > 0 {
                        let nop = NOPS[left.min(NOPS.len()) - 1];
                        code.extend_from_slice(nop);
                        left -= nop.len();
                    }
                    continue;
                }
                ItemKind::Jmp(l) if short => (0xEB, l),
                ItemKind::Jcc(cond, l) if short => (0x70 + cond as u8, l),
                ItemKind::Jmp(l) => (0xE9, l),
                ItemKind::Call(l) => (0xE8, l),
                ItemKind::Jcc(cond, l) => {
                    code.push(0x0F);
                    (0x80 + cond as u8, l)
                }
            };
            code.push(opcode);
            // Bound: `finish` checked every target.
            let target = label_offsets[label.0 as usize] as usize;
            let end = code.len() + if short { 1 } else { 4 };
            let disp = displacement(target, end);
            if short {
                // `relax` made sure it fits.
                code.push(disp as u8);
            } else {
                let disp = i32::try_from(disp).map_err(|_| EncodeError::TooLarge)?;
                code.extend_from_slice(&disp.to_le_bytes());
            }
        }
        code.extend_from_slice(&self.code[copied..]);
        Ok(code)
    }
}

/// Where `label` is bound in an assembler's table of labels, if it is.
fn bound_site(labels: &[Option<Site>], label: Label) -> Option<Site> {
    labels
        .get(usize::try_from(label.0).ok()?)
        .copied()
        .flatten()
}

/// `target - from` as a signed number (both are far below `i64::MAX`: they
/// are offsets into a `Vec`).
fn displacement(target: usize, from: usize) -> i64 {
    target as i64 - from as i64
}

#[cfg(test)]
#[path = "encoder_tests.rs"]
mod tests;
