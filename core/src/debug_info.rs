//! What debuggers and profilers need to name and unwind compiled code.
//!
//! Needs: nothing but the backend, which fills it in while it emits when
//! [`crate::Options::debug_info`] asks. Gives: a [`DebugInfo`] kept by the
//! [`crate::Program`] ([`crate::Program::debug_info`]): for each piece of
//! code (every function, and the runtime's trampoline and helpers) its byte
//! range, its source lines by code offset, and its frame layout by code
//! offset, as the DWARF call-frame rules describe a frame. The embedder
//! turns these into whatever its debugger reads (the host builds an ELF
//! object with DWARF for GDB's JIT interface); this crate writes no
//! debugging format itself.
//!
//! Offsets are from the start of the code ([`crate::Program::bytes`]), so
//! the same table serves wherever the code is loaded. Registers are given
//! by their DWARF numbers in the x86-64 System V psABI (rbx 3, rbp 6, r15
//! 15 ...).

use alloc::string::String;
use alloc::vec::Vec;

/// Debugging facts about a program's code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugInfo {
    /// Every piece of code, in address order; together they cover the
    /// code but for alignment padding.
    pub ranges: Vec<CodeRange>,
}

/// What a piece of code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    /// A compiled function: its index in the program (as
    /// [`crate::FuncRef::index`]).
    Function(u32),
    /// Code of the runtime that every program carries (the entry
    /// trampoline and the unwinder it holds, or a helper such as `pow`).
    Runtime,
}

/// One piece of code: a function or a part of the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRange {
    /// The function's name, or the runtime part's (`trampoline`, `pow`).
    pub name: String,
    /// What it is.
    pub kind: RangeKind,
    /// Offset of its first byte.
    pub start: u32,
    /// Offset one past its last byte.
    pub end: u32,
    /// Source lines: from each row's offset to the next row's (or `end`),
    /// the code comes from `line` (1-based; 0 for code of no one line, such
    /// as the stubs that raise). Offsets increase; a row appears only where
    /// the line changes. Empty for the runtime.
    pub lines: Vec<LineRow>,
    /// The frame: from each row's offset to the next row's (or `end`), the
    /// canonical frame address and the saved registers are as the row
    /// says. The first row is at `start`.
    pub frame: Vec<FrameRow>,
    /// The callee-saved registers the code pushes, in push order (DWARF
    /// numbers); [`FrameRow::pushed`] counts how many are on the stack.
    pub saved: Vec<u16>,
}

/// From `offset` on, the code comes from source line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRow {
    /// Code offset (from the start of the whole code).
    pub offset: u32,
    /// The source line, 1-based; 0 when unknown.
    pub line: u32,
}

/// From `offset` on, the frame is as described.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameRow {
    /// Code offset (from the start of the whole code).
    pub offset: u32,
    /// How to find the canonical frame address (the stack pointer before
    /// the call that entered this code): the return address is just below
    /// it, at CFA - 8.
    pub cfa: Cfa,
    /// How many of [`CodeRange::saved`] are on the stack: the `i`-th
    /// pushed lies at CFA - 16 - 8 i.
    pub pushed: u8,
}

/// Where the canonical frame address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cfa {
    /// At the stack pointer plus this many bytes.
    Rsp(u32),
    /// At the 8 bytes stored at register `base` plus `offset`, plus `add`
    /// (the trampoline, whose frame has a size known only at run time,
    /// stores its stack pointer in the context that a register holds).
    Stored {
        /// DWARF number of the register holding the address.
        base: u16,
        /// Where the stored stack pointer is, from that register.
        offset: i32,
        /// Bytes from the stored stack pointer up to the frame address.
        add: u32,
    },
}

/// The DWARF number (x86-64 System V psABI) of a register by its hardware
/// number (rax 0, rcx 1, ... r15 15): the two orders differ for the first
/// eight.
pub(crate) fn dwarf_register(hw: u8) -> u16 {
    const LOW_EIGHT: [u16; 8] = [0, 2, 1, 3, 7, 6, 4, 5];
    match LOW_EIGHT.get(hw as usize) {
        Some(&n) => n,
        None => u16::from(hw),
    }
}

#[cfg(test)]
mod tests {
    use super::dwarf_register;

    #[test]
    fn dwarf_numbers_follow_the_psabi() {
        // rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r15
        let hw = [0, 1, 2, 3, 4, 5, 6, 7, 8, 15];
        let dwarf = [0, 2, 1, 3, 7, 6, 4, 5, 8, 15];
        assert_eq!(hw.map(dwarf_register), dwarf);
    }
}
