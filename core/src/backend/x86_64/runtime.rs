//! Code every module carries once: the entry trampoline that the Rust
//! caller enters through, the unwinder trap stubs jump to, and runtime
//! helpers too long to inline at every use (`pow`). Also the trap table:
//! what each trap code a stub stores means.

use super::abi::{CTX, DEPTH, DEPTH_OFFSET, SAVED_RSP_OFFSET, SCRATCH, SCRATCH2, TRAP_CODE_OFFSET};
use super::encoder::{Alu, Assembler, Label, Shift};
use super::regs::{Cond, Mem, Reg, Scale};
use crate::trap::{msg, Exception, Trap};
use alloc::borrow::Cow;
use alloc::vec::Vec;

/// The exceptions a module's trap codes stand for: code `n` is entry
/// `n - 1` (0 means "no trap").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrapTable {
    entries: Vec<(Trap, Cow<'static, str>)>,
}

impl TrapTable {
    /// The code for `trap` with `message`, adding it if new.
    pub fn code(&mut self, trap: Trap, message: Cow<'static, str>) -> u32 {
        let found = self
            .entries
            .iter()
            .position(|(t, m)| *t == trap && *m == message);
        let index = found.unwrap_or_else(|| {
            self.entries.push((trap, message));
            self.entries.len() - 1
        });
        index as u32 + 1
    }

    /// The code for an exception.
    pub fn code_of(&mut self, e: &Exception) -> u32 {
        self.code(e.trap, e.message.clone())
    }

    /// The exception code `code` stands for.
    pub fn exception(&self, code: u64) -> Option<Exception> {
        let index = usize::try_from(code.checked_sub(1)?).ok()?;
        let (trap, message) = self.entries.get(index)?;
        Some(Exception {
            trap: *trap,
            message: message.clone(),
        })
    }
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

/// The shared code as [`assemble_runtime`] assembles it at the start of a
/// module, whose trap table it begins with codes 1 to 3. It is the same for
/// every module, so modules start with this copy instead of assembling it
/// again; the test `prebuilt_runtime_is_the_assembled_runtime` checks that
/// it is up to date (and prints the new bytes when it is not).
const PREBUILT: [u8; 206] = [
    0x55, 0x53, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57, 0x48, 0x83, 0xec, 0x08, 0x49, 0x89,
    0xff, 0x4d, 0x8b, 0x37, 0x49, 0x89, 0x67, 0x10, 0x49, 0x89, 0xf3, 0x49, 0x89, 0xd2, 0x48, 0x8d,
    0x41, 0x01, 0x48, 0x83, 0xe0, 0xfe, 0x48, 0xc1, 0xe0, 0x03, 0x48, 0x29, 0xc4, 0xb8, 0x00, 0x00,
    0x00, 0x00, 0x48, 0x39, 0xc8, 0x73, 0x0f, 0x49, 0x8b, 0x54, 0xc2, 0x30, 0x48, 0x89, 0x14, 0xc4,
    0x48, 0x83, 0xc0, 0x01, 0xeb, 0xec, 0x49, 0x8b, 0x3a, 0x49, 0x8b, 0x72, 0x08, 0x49, 0x8b, 0x52,
    0x10, 0x49, 0x8b, 0x4a, 0x18, 0x4d, 0x8b, 0x42, 0x20, 0x4d, 0x8b, 0x4a, 0x28, 0x41, 0xff, 0xd3,
    0x49, 0x8b, 0x67, 0x10, 0x48, 0x83, 0xc4, 0x08, 0x41, 0x5f, 0x41, 0x5e, 0x41, 0x5d, 0x41, 0x5c,
    0x5b, 0x5d, 0xc3, 0x49, 0x8b, 0x67, 0x10, 0xeb, 0xeb, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
    0x4d, 0x85, 0xdb, 0x78, 0x26, 0xb8, 0x01, 0x00, 0x00, 0x00, 0x49, 0xf7, 0xc3, 0x01, 0x00, 0x00,
    0x00, 0x74, 0x06, 0x49, 0x0f, 0xaf, 0xc2, 0x70, 0x2b, 0x49, 0xc1, 0xeb, 0x01, 0x74, 0x08, 0x4d,
    0x0f, 0xaf, 0xd2, 0x70, 0x1f, 0xeb, 0xe3, 0x49, 0x89, 0xc3, 0xc3, 0x4d, 0x85, 0xd2, 0x74, 0x0a,
    0x49, 0xc7, 0x47, 0x18, 0x01, 0x00, 0x00, 0x00, 0xeb, 0xb9, 0x49, 0xc7, 0x47, 0x18, 0x02, 0x00,
    0x00, 0x00, 0xeb, 0xaf, 0x49, 0xc7, 0x47, 0x18, 0x03, 0x00, 0x00, 0x00, 0xeb, 0xa5,
];

/// Where the labels of [`Runtime`] are in [`PREBUILT`].
const PREBUILT_UNWIND: usize = 115;
const PREBUILT_POW: usize = 128;

/// Emits the shared code at the start of a module: a copy of the prebuilt
/// code when the assembler and the trap table are still empty (as they
/// are for [`super::compile`]), else assembled in place.
pub fn emit_runtime(asm: &mut Assembler, traps: &mut TrapTable) -> Runtime {
    if asm.position() != 0 || !traps.entries.is_empty() {
        return assemble_runtime(asm, traps);
    }
    let rt = Runtime {
        trampoline: asm.new_label(),
        unwind: asm.new_label(),
        pow: asm.new_label(),
    };
    asm.bind(rt.trampoline);
    asm.raw(&PREBUILT[..PREBUILT_UNWIND]);
    asm.bind(rt.unwind);
    asm.raw(&PREBUILT[PREBUILT_UNWIND..PREBUILT_POW]);
    asm.bind(rt.pow);
    asm.raw(&PREBUILT[PREBUILT_POW..]);
    for (trap, message) in POW_TRAPS {
        traps.code(trap, Cow::Borrowed(message));
    }
    rt
}

/// The traps `pow` raises, in the order it registers them.
const POW_TRAPS: [(Trap, &str); 3] = [
    (Trap::ValueError, msg::NEGATIVE_POWER),
    (Trap::ZeroDivisionError, msg::ZERO_NEGATIVE_POWER),
    (Trap::OverflowError, msg::OVERFLOW),
];

/// Assembles the shared code.
pub fn assemble_runtime(asm: &mut Assembler, traps: &mut TrapTable) -> Runtime {
    let rt = Runtime {
        trampoline: asm.new_label(),
        unwind: asm.new_label(),
        pow: asm.new_label(),
    };
    emit_trampoline(asm, &rt);
    emit_pow(asm, &rt, traps);
    rt
}

/// The trampoline: saves the caller's callee-saved registers, installs the
/// context, copies stack arguments, loads register arguments and calls the
/// function. The unwinder restores the saved stack pointer and leaves
/// through the same exit, so a trap returns to the Rust caller normally.
fn emit_trampoline(asm: &mut Assembler, rt: &Runtime) {
    let saved = [Reg::Rbp, Reg::Rbx, Reg::R12, Reg::R13, Reg::R14, Reg::R15];
    asm.align(16);
    asm.bind(rt.trampoline);
    for r in saved {
        asm.push(r);
    }
    // Entry rsp is 8 mod 16; six pushes keep it so; realign for the call.
    asm.alu_ri(Alu::Sub, Reg::Rsp, 8);
    asm.mov_rr(CTX, Reg::Rdi);
    asm.mov_rm(DEPTH, ctx(DEPTH_OFFSET));
    asm.mov_mr(ctx(SAVED_RSP_OFFSET), Reg::Rsp);
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
    asm.alu_ri(Alu::Add, Reg::Rsp, 8);
    for r in saved.iter().rev() {
        asm.pop(*r);
    }
    asm.ret();
    asm.bind(rt.unwind);
    asm.mov_rm(Reg::Rsp, ctx(SAVED_RSP_OFFSET));
    asm.jmp(exit);
}

/// `r11 = r10 ** r11` by repeated squaring, trapping like Python.
fn emit_pow(asm: &mut Assembler, rt: &Runtime, traps: &mut TrapTable) {
    let (base, exp, acc) = (SCRATCH2, SCRATCH, Reg::Rax);
    let [top, skip, done, negative, zero_base, overflow] = [(); 6].map(|_| asm.new_label());
    asm.align(16);
    asm.bind(rt.pow);
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
    let [(negative_trap, negative_msg), (zero_trap, zero_msg), (overflow_trap, overflow_msg)] =
        POW_TRAPS;
    asm.bind(negative);
    asm.test_rr(base, base);
    asm.jcc(Cond::E, zero_base);
    let code = traps.code(negative_trap, Cow::Borrowed(negative_msg));
    emit_trap_exit(asm, code, rt.unwind);
    asm.bind(zero_base);
    let code = traps.code(zero_trap, Cow::Borrowed(zero_msg));
    emit_trap_exit(asm, code, rt.unwind);
    asm.bind(overflow);
    let code = traps.code(overflow_trap, Cow::Borrowed(overflow_msg));
    emit_trap_exit(asm, code, rt.unwind);
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn prebuilt_runtime_is_the_assembled_runtime() {
        let mut asm = Assembler::new();
        let mut traps = TrapTable::default();
        let rt = assemble_runtime(&mut asm, &mut traps);
        let code = asm.finish().unwrap();
        let listing: String = code
            .bytes
            .chunks(16)
            .map(|row| {
                let row: alloc::vec::Vec<String> =
                    row.iter().map(|b| format!("0x{b:02x}")).collect();
                format!("    {},\n", row.join(", "))
            })
            .collect();
        assert_eq!(
            code.bytes[..],
            PREBUILT[..],
            "the runtime changed; PREBUILT is now [u8; {}] = [\n{listing}]",
            code.bytes.len()
        );
        assert_eq!(code.label_offset(rt.trampoline), Some(0));
        assert_eq!(code.label_offset(rt.unwind), Some(PREBUILT_UNWIND));
        assert_eq!(code.label_offset(rt.pow), Some(PREBUILT_POW));

        let mut copy = Assembler::new();
        let mut copy_traps = TrapTable::default();
        let copied = emit_runtime(&mut copy, &mut copy_traps);
        let copy_code = copy.finish().unwrap();
        assert_eq!(copy_code.bytes, code.bytes);
        assert_eq!(copy_traps, traps);
        for (a, b) in [
            (copied.trampoline, rt.trampoline),
            (copied.unwind, rt.unwind),
            (copied.pow, rt.pow),
        ] {
            assert_eq!(copy_code.label_offset(a), code.label_offset(b));
        }
    }
}
