//! Registers, condition codes and memory operands of x86-64.
//!
//! These are plain values: nothing here encodes bytes. The numbering follows
//! the hardware (`Reg::hw`, `Cond as u8`) so that the encoder can put them
//! straight into opcode, ModRM and SIB fields.

use core::fmt;

/// A 64-bit general-purpose register, numbered as the hardware numbers it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[repr(u8)]
#[allow(missing_docs)] // the variant names are the registers' names
pub enum Reg {
    Rax = 0,
    Rcx,
    Rdx,
    Rbx,
    Rsp,
    Rbp,
    Rsi,
    Rdi,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
}

impl Reg {
    /// All sixteen registers in hardware order, so `Reg::ALL[r.hw() as usize] == r`.
    pub const ALL: [Reg; 16] = [
        Reg::Rax,
        Reg::Rcx,
        Reg::Rdx,
        Reg::Rbx,
        Reg::Rsp,
        Reg::Rbp,
        Reg::Rsi,
        Reg::Rdi,
        Reg::R8,
        Reg::R9,
        Reg::R10,
        Reg::R11,
        Reg::R12,
        Reg::R13,
        Reg::R14,
        Reg::R15,
    ];

    /// The register with hardware number `i`, or `None` if `i > 15`.
    ///
    /// # Examples
    /// ```
    /// use minijit::backend::x86_64::regs::Reg;
    /// assert_eq!(Reg::from_index(9), Some(Reg::R9));
    /// assert_eq!(Reg::from_index(16), None);
    /// ```
    pub fn from_index(i: u8) -> Option<Reg> {
        Reg::ALL.get(usize::from(i)).copied()
    }

    /// The hardware number, 0 to 15.
    pub fn hw(self) -> u8 {
        self as u8
    }

    /// The low three bits of the hardware number: what goes in a ModRM, SIB
    /// or opcode field. The fourth bit goes in a REX prefix.
    pub(crate) fn low3(self) -> u8 {
        self.hw() & 7
    }

    /// Whether the register is r8 to r15, which need a REX bit.
    pub(crate) fn is_extended(self) -> bool {
        self.hw() >= 8
    }

    /// The 64-bit name in Intel syntax: `"rax"`, `"r8"`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 16] = [
            "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
            "r12", "r13", "r14", "r15",
        ];
        NAMES[usize::from(self.hw())]
    }

    /// The name of the low byte: `"al"`, `"sil"`, `"r8b"`. (The legacy high
    /// bytes `ah`..`bh` are never used: they cannot be mixed with REX.)
    pub fn name8(self) -> &'static str {
        const NAMES: [&str; 16] = [
            "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b",
            "r12b", "r13b", "r14b", "r15b",
        ];
        NAMES[usize::from(self.hw())]
    }
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A condition on the flags, numbered as the `cc` field of `jcc`, `setcc`
/// and `cmovcc`.
///
/// Signed comparisons are `L`, `Ge`, `Le`, `G`; unsigned ones are `B`, `Ae`,
/// `Be`, `A`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(u8)]
#[allow(missing_docs)] // the variant names are the Intel mnemonic suffixes
pub enum Cond {
    O = 0,
    No,
    B,
    Ae,
    E,
    Ne,
    Be,
    A,
    S,
    Ns,
    P,
    Np,
    L,
    Ge,
    Le,
    G,
}

impl Cond {
    /// All sixteen conditions in encoding order.
    pub const ALL: [Cond; 16] = [
        Cond::O,
        Cond::No,
        Cond::B,
        Cond::Ae,
        Cond::E,
        Cond::Ne,
        Cond::Be,
        Cond::A,
        Cond::S,
        Cond::Ns,
        Cond::P,
        Cond::Np,
        Cond::L,
        Cond::Ge,
        Cond::Le,
        Cond::G,
    ];

    /// The opposite condition: true exactly when `self` is false.
    ///
    /// # Examples
    /// ```
    /// use minijit::backend::x86_64::regs::Cond;
    /// assert_eq!(Cond::L.invert(), Cond::Ge);
    /// assert_eq!(Cond::Ge.invert(), Cond::L);
    /// ```
    pub fn invert(self) -> Cond {
        // The encoding pairs each condition with its negation in the low bit.
        Cond::ALL[usize::from(self as u8 ^ 1)]
    }

    /// The mnemonic suffix: `"e"` as in `je`, `sete`, `cmove`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 16] = [
            "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
        ];
        NAMES[usize::from(self as u8)]
    }
}

impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The factor an index register is multiplied by in a memory operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)] // S1 is ×1, S2 is ×2, ...
pub enum Scale {
    S1,
    S2,
    S4,
    S8,
}

impl Scale {
    /// The SIB `scale` field: log2 of the factor.
    pub(crate) fn bits(self) -> u8 {
        match self {
            Scale::S1 => 0,
            Scale::S2 => 1,
            Scale::S4 => 2,
            Scale::S8 => 3,
        }
    }

    /// The factor: 1, 2, 4 or 8.
    pub fn factor(self) -> u8 {
        1 << self.bits()
    }
}

/// A memory operand `[base + index*scale + disp]`.
///
/// Every register may be the base. Every register except `rsp` may be the
/// index: the SIB encoding uses index number 4 to mean "no index", so
/// `[.. + rsp*s]` has no encoding. [`Mem::new`] refuses such an operand; one
/// built by hand with `index: Some((Reg::Rsp, _))` is reported by
/// [`Assembler::finish`](super::encoder::Assembler::finish) as
/// [`EncodeError::RspIndex`](super::encoder::EncodeError::RspIndex).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Mem {
    /// The base register.
    pub base: Reg,
    /// The optional index register and its scale.
    pub index: Option<(Reg, Scale)>,
    /// The signed displacement added to the address.
    pub disp: i32,
}

impl Mem {
    /// `[base + index*scale + disp]`, or `None` when `index` is `rsp`, which
    /// cannot be encoded.
    pub fn new(base: Reg, index: Option<(Reg, Scale)>, disp: i32) -> Option<Mem> {
        match index {
            Some((Reg::Rsp, _)) => None,
            _ => Some(Mem { base, index, disp }),
        }
    }

    /// `[base + disp]`.
    pub fn base_disp(base: Reg, disp: i32) -> Mem {
        Mem {
            base,
            index: None,
            disp,
        }
    }

    /// `[base + index*scale + disp]`.
    ///
    /// This does not check `index`: an `rsp` index makes the instruction
    /// that uses it fail at [`Assembler::finish`](super::encoder::Assembler::finish)
    /// (use [`Mem::new`] to find out early).
    pub fn base_index(base: Reg, index: Reg, scale: Scale, disp: i32) -> Mem {
        Mem {
            base,
            index: Some((index, scale)),
            disp,
        }
    }

    /// Whether the operand can be encoded (its index is not `rsp`).
    pub fn is_valid(&self) -> bool {
        !matches!(self.index, Some((Reg::Rsp, _)))
    }
}

impl fmt::Display for Mem {
    /// Intel syntax without a size: `[rbp+rax*8-16]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}", self.base)?;
        if let Some((index, scale)) = self.index {
            write!(f, "+{}*{}", index, scale.factor())?;
        }
        if self.disp != 0 {
            // Widen first: `-i32::MIN` overflows.
            let disp = i64::from(self.disp);
            let sign = if disp < 0 { '-' } else { '+' };
            write!(f, "{}{}", sign, disp.abs())?;
        }
        f.write_str("]")
    }
}
