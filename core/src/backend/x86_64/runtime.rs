//! Code every module carries once: the entry trampoline that the Rust
//! caller enters through, the unwinder trap stubs jump to, and runtime
//! helpers too long to inline at every use (`pow`). Also the trap table:
//! what each trap code a stub stores means. With a [`DebugRecorder`], the
//! trampoline's and the helpers' ranges and frames are recorded too, so
//! that a debugger can unwind through them into the Rust caller.

use super::abi::{CTX, DEPTH, DEPTH_OFFSET, SAVED_RSP_OFFSET, SCRATCH, SCRATCH2, TRAP_CODE_OFFSET};
use super::debug::DebugRecorder;
use super::encoder::{Alu, Assembler, Label, Shift};
use super::regs::{Cond, Mem, Reg, Scale};
use crate::debug_info::{dwarf_register, Cfa, RangeKind};
use crate::trap::{msg, Exception, Trap};
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// The exceptions a module's trap codes stand for: code `n` is entry
/// `n - 1` (0 means "no trap"). The messages are kept end to end in one
/// string, so that a loaded program's table costs a few bytes per trap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrapTable {
    /// Each entry's exception, whether it is raised without arguments
    /// ([`Exception::bare`]) and where its message ends in `text`.
    entries: Vec<(Trap, bool, u32)>,
    text: String,
    /// While the table is built, once it has [`LINEAR_ENTRIES`]: the
    /// entries by exception, open addressing (a code per slot, 0 for none;
    /// a power of two, at most half full), so that finding one costs a
    /// hash and a compare of its message with the text already kept,
    /// however many there are (a function of 10,000 asserts has as many
    /// messages).
    index: Vec<u32>,
}

impl TrapTable {
    /// The code for `trap` with `message`, adding it if new.
    pub fn code(&mut self, trap: Trap, message: &str) -> u32 {
        self.code_with(trap, false, message)
    }

    /// The code for [`Exception::without_message`]`(trap)`: a trap
    /// instruction's without a message.
    pub fn code_without_message(&mut self, trap: Trap) -> u32 {
        let e = Exception::without_message(trap);
        self.code_with(trap, e.bare, &e.message)
    }

    /// The code for an exception, adding it if new.
    fn code_with(&mut self, trap: Trap, bare: bool, message: &str) -> u32 {
        // A few entries (most modules have under ten) are searched in
        // order: cheaper than hashing the message.
        if self.entries.len() < LINEAR_ENTRIES {
            let known = (1..=self.entries.len() as u32)
                .find(|&code| self.entry(code) == Some((trap, bare, message)));
            return known.unwrap_or_else(|| self.push(trap, bare, message));
        }
        if 2 * (self.entries.len() + 1) > self.index.len() {
            self.grow_index();
        }
        let mask = self.index.len() - 1;
        let mut slot = slot_of(trap, message) & mask;
        loop {
            match self.index[slot] {
                0 => {
                    let code = self.push(trap, bare, message);
                    self.index[slot] = code;
                    return code;
                }
                code if self.entry(code) == Some((trap, bare, message)) => return code,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Adds an entry; its code.
    fn push(&mut self, trap: Trap, bare: bool, message: &str) -> u32 {
        self.text.push_str(message);
        self.entries.push((trap, bare, self.text.len() as u32));
        self.entries.len() as u32
    }

    /// The exception, whether it is bare, and the message of entry `code`.
    fn entry(&self, code: u32) -> Option<(Trap, bool, &str)> {
        let index = usize::try_from(code.checked_sub(1)?).ok()?;
        let &(trap, bare, end) = self.entries.get(index)?;
        let start = index.checked_sub(1).map_or(0, |i| self.entries[i].2);
        Some((trap, bare, self.text.get(start as usize..end as usize)?))
    }

    /// Makes the index at least twice as large as the entries with one
    /// more (a power of two) and places every entry again.
    fn grow_index(&mut self) {
        let size = (2 * (self.entries.len() + 1)).next_power_of_two();
        self.index.clear();
        self.index.resize(size, 0);
        for code in 1..=self.entries.len() as u32 {
            let Some((trap, _, message)) = self.entry(code) else {
                continue;
            };
            let mut slot = slot_of(trap, message) & (size - 1);
            while self.index[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.index[slot] = code;
        }
    }

    /// The code for an exception.
    pub fn code_of(&mut self, e: &Exception) -> u32 {
        self.code_with(e.trap, e.bare, &e.message)
    }

    /// Bytes of message text the table holds.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The table built, as [`TrapTable::finish`] leaves it, in buffers of
    /// its own; this one is emptied, its buffers kept for the next module.
    pub fn take_finished(&mut self) -> TrapTable {
        let finished = TrapTable {
            entries: self.entries.clone(),
            text: self.text.clone(),
            index: Vec::new(),
        };
        self.clear();
        finished
    }

    /// Forgets every entry, keeping the buffers.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.text.clear();
        self.index.clear();
    }

    /// Drops what only building the table needs.
    pub fn finish(&mut self) {
        self.index = Vec::new();
        self.entries.shrink_to_fit();
        self.text.shrink_to_fit();
    }

    /// The exception code `code` stands for.
    pub fn exception(&self, code: u64) -> Option<Exception> {
        let (trap, bare, message) = self.entry(u32::try_from(code).ok()?)?;
        Some(Exception {
            trap,
            message: Cow::Owned(String::from(message)),
            bare,
        })
    }
}

/// Entries of a [`TrapTable`] searched in order, before it keeps an index.
const LINEAR_ENTRIES: usize = 16;

/// Where the index of a [`TrapTable`] starts looking for an exception
/// (FNV-1a over its kind and message).
fn slot_of(trap: Trap, message: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in core::iter::once(trap as u8).chain(message.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h as usize
}

/// Labels of the shared code.
pub struct Runtime {
    /// `extern "sysv64" fn(ctx, entry, args, stack_args) -> i64`.
    pub trampoline: Label,
    /// Jumped to (with the trap code already stored) to abandon the call.
    pub unwind: Label,
    /// `pow`: base in r10, exponent in r11, result in r11; clobbers rax.
    pub pow: Label,
}

fn ctx(offset: i32) -> Mem {
    Mem::base_disp(CTX, offset)
}

/// Stores `code` as the call's trap and unwinds.
pub fn emit_trap_exit(asm: &mut Assembler, code: u32, unwind: Label) {
    asm.mov_mi(ctx(TRAP_CODE_OFFSET), code as i32);
    asm.jmp(unwind);
}

/// Emits the shared code at the start of a module.
// A stage: out of line (see the backend module doc).
#[inline(never)]
pub fn emit_runtime(
    asm: &mut Assembler,
    traps: &mut TrapTable,
    mut debug: Option<&mut DebugRecorder>,
) -> Runtime {
    let rt = Runtime {
        trampoline: asm.new_label(),
        unwind: asm.new_label(),
        pow: asm.new_label(),
    };
    emit_trampoline(asm, &rt, debug.as_deref_mut());
    emit_pow(asm, &rt, traps, debug);
    rt
}

/// The trampoline: saves the caller's callee-saved registers, installs the
/// context, copies stack arguments, loads register arguments and calls the
/// function. The unwinder restores the saved stack pointer and leaves
/// through the same exit, so a trap returns to the Rust caller normally.
fn emit_trampoline(asm: &mut Assembler, rt: &Runtime, mut debug: Option<&mut DebugRecorder>) {
    let saved = [Reg::Rbp, Reg::Rbx, Reg::R12, Reg::R13, Reg::R14, Reg::R15];
    if let Some(d) = debug.as_deref_mut() {
        // Its start is bound below, before any code.
        d.begin("trampoline", RangeKind::Runtime, rt.trampoline, &saved);
    }
    let mut note = |asm: &mut Assembler, cfa: Cfa, pushed: usize| {
        if let Some(d) = debug.as_deref_mut() {
            d.frame(asm, cfa, pushed as u8);
        }
    };
    // Once the stack pointer is in the context, the frame (whose size
    // depends on the stack arguments) is found from there: above it are
    // the alignment slot, the six pushes and the return address.
    let stored = Cfa::Stored {
        base: dwarf_register(CTX.hw()),
        offset: SAVED_RSP_OFFSET,
        add: 8 * (saved.len() as u32 + 2),
    };
    asm.align(16);
    asm.bind(rt.trampoline);
    for (pushed, r) in (1..).zip(saved) {
        asm.push(r);
        note(asm, Cfa::Rsp(8 + 8 * pushed as u32), pushed);
    }
    // Entry rsp is 8 mod 16; six pushes keep it so; realign for the call.
    asm.alu_ri(Alu::Sub, Reg::Rsp, 8);
    note(asm, Cfa::Rsp(8 * (saved.len() as u32 + 2)), saved.len());
    asm.mov_rr(CTX, Reg::Rdi);
    asm.mov_rm(DEPTH, ctx(DEPTH_OFFSET));
    asm.mov_mr(ctx(SAVED_RSP_OFFSET), Reg::Rsp);
    note(asm, stored, saved.len());
    asm.mov_rr(SCRATCH, Reg::Rsi);
    asm.mov_rr(SCRATCH2, Reg::Rdx);
    // Reserve an even number of stack slots for the stack arguments.
    asm.lea(Reg::Rax, Mem::base_disp(Reg::Rcx, 1));
    asm.alu_ri(Alu::And, Reg::Rax, -2);
    asm.shift_ri(Shift::Shl, Reg::Rax, 3);
    asm.alu_rr(Alu::Sub, Reg::Rsp, Reg::Rax);
    let (copy, copied) = (asm.new_label(), asm.new_label());
    asm.mov_ri(Reg::Rax, 0);
    asm.bind(copy);
    asm.alu_rr(Alu::Cmp, Reg::Rax, Reg::Rcx);
    asm.jcc(Cond::Ae, copied);
    asm.mov_rm(Reg::Rdx, Mem::base_index(SCRATCH2, Reg::Rax, Scale::S8, 48));
    asm.mov_mr(Mem::base_index(Reg::Rsp, Reg::Rax, Scale::S8, 0), Reg::Rdx);
    asm.alu_ri(Alu::Add, Reg::Rax, 1);
    asm.jmp(copy);
    asm.bind(copied);
    for (i, r) in super::abi::ARG_REGS.iter().enumerate() {
        asm.mov_rm(*r, Mem::base_disp(SCRATCH2, 8 * i as i32));
    }
    asm.call_r(SCRATCH);
    asm.mov_rm(Reg::Rsp, ctx(SAVED_RSP_OFFSET));
    let exit = asm.new_label();
    asm.bind(exit);
    note(asm, Cfa::Rsp(8 * (saved.len() as u32 + 2)), saved.len());
    asm.alu_ri(Alu::Add, Reg::Rsp, 8);
    note(asm, Cfa::Rsp(8 * (saved.len() as u32 + 1)), saved.len());
    for (left, r) in (0..saved.len()).rev().zip(saved.iter().rev()) {
        asm.pop(*r);
        note(asm, Cfa::Rsp(8 + 8 * left as u32), left);
    }
    asm.ret();
    // The unwinder comes from anywhere below with the stack pointer
    // unknown; the context still has it.
    asm.bind(rt.unwind);
    note(asm, stored, saved.len());
    asm.mov_rm(Reg::Rsp, ctx(SAVED_RSP_OFFSET));
    asm.jmp(exit);
    if let Some(d) = debug {
        d.end(asm);
    }
}

/// `r11 = r10 ** r11` by repeated squaring, trapping like Python.
fn emit_pow(
    asm: &mut Assembler,
    rt: &Runtime,
    traps: &mut TrapTable,
    mut debug: Option<&mut DebugRecorder>,
) {
    let (base, exp, acc) = (SCRATCH2, SCRATCH, Reg::Rax);
    let [top, skip, done, negative, zero_base, overflow] = [(); 6].map(|_| asm.new_label());
    asm.align(16);
    asm.bind(rt.pow);
    // A leaf that pushes nothing: its frame is the call's throughout.
    if let Some(d) = debug.as_deref_mut() {
        d.begin("pow", RangeKind::Runtime, rt.pow, &[]);
    }
    asm.test_rr(exp, exp);
    asm.jcc(Cond::S, negative);
    asm.mov_ri(acc, 1);
    asm.bind(top);
    asm.test_ri(exp, 1);
    asm.jcc(Cond::E, skip);
    asm.imul_rr(acc, base);
    asm.jcc(Cond::O, overflow);
    asm.bind(skip);
    asm.shift_ri(Shift::Shr, exp, 1);
    asm.jcc(Cond::E, done);
    asm.imul_rr(base, base);
    asm.jcc(Cond::O, overflow);
    asm.jmp(top);
    asm.bind(done);
    asm.mov_rr(exp, acc);
    asm.ret();
    asm.bind(negative);
    asm.test_rr(base, base);
    asm.jcc(Cond::E, zero_base);
    let code = traps.code(Trap::ValueError, msg::NEGATIVE_POWER);
    emit_trap_exit(asm, code, rt.unwind);
    asm.bind(zero_base);
    let code = traps.code(Trap::ZeroDivisionError, msg::ZERO_NEGATIVE_POWER);
    emit_trap_exit(asm, code, rt.unwind);
    asm.bind(overflow);
    let code = traps.code(Trap::OverflowError, msg::OVERFLOW);
    emit_trap_exit(asm, code, rt.unwind);
    if let Some(d) = debug {
        d.end(asm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// Codes are given in order of first sight, the same exception always
    /// gets its code back, and each code stands for its exception: past
    /// the few entries searched in order, through every growth of the
    /// index.
    #[test]
    fn each_exception_has_one_code() {
        let mut table = TrapTable::default();
        let messages: Vec<String> = (0..1000).map(|i| format!("a is {i}")).collect();
        for round in 0..2 {
            for (i, m) in messages.iter().enumerate() {
                let trap = [Trap::AssertionError, Trap::ValueError][i % 2];
                assert_eq!(table.code(trap, m), i as u32 + 1, "round {round}");
            }
        }
        // The same text under another exception is another entry.
        assert_eq!(table.code(Trap::IndexError, "a is 0"), 1001);
        assert_eq!(table.code(Trap::AssertionError, ""), 1002);
        assert_eq!(table.code(Trap::AssertionError, ""), 1002);
        // A bare assert's exception is another than `assert e, ""`'s.
        assert_eq!(table.code_without_message(Trap::AssertionError), 1003);
        assert_eq!(table.code_without_message(Trap::AssertionError), 1003);
        assert_eq!(table.code(Trap::AssertionError, ""), 1002);
        table.finish();
        assert!(!table.exception(1002).unwrap().bare);
        assert_eq!(
            table.exception(1003),
            Some(Exception::without_message(Trap::AssertionError))
        );
        assert!(table.exception(1003).unwrap().bare);
        for (i, m) in messages.iter().enumerate() {
            let e = table.exception(i as u64 + 1).unwrap();
            assert_eq!(e.trap, [Trap::AssertionError, Trap::ValueError][i % 2]);
            assert_eq!(e.message, m.as_str());
        }
        assert_eq!(table.exception(0), None);
        assert_eq!(table.exception(1004), None);
    }
}
