//! Register roles and the runtime context: the conventions compiled code,
//! the entry trampoline and the Rust caller agree on.
//!
//! Compiled functions call each other with the System V convention
//! (arguments in rdi, rsi, rdx, rcx, r8, r9, then on the stack; result in
//! rax; rbx, rbp, r12–r15 preserved), so a debugger or a profiler sees
//! ordinary frames. On top of it:
//! - r15 always points at the [`Context`] of the running call; no compiled
//!   code writes it.
//! - r14 holds the number of frames the call may still push: each prologue
//!   takes one (RecursionError when none is left), each epilogue gives it
//!   back, so a call leaves it as it found it. A register rather than a
//!   context field, so that the bookkeeping of every call is two register
//!   operations instead of two memory round trips.
//! - r10 and r11 are never allocated: instruction selection uses them as
//!   scratch registers (and as the inputs and output of runtime helpers).

use super::regs::Reg;

/// The register holding the [`Context`] pointer.
pub const CTX: Reg = Reg::R15;
/// The register holding the frames left before RecursionError.
pub const DEPTH: Reg = Reg::R14;
/// Scratch registers, never allocated to values.
pub const SCRATCH: Reg = Reg::R11;
/// The second scratch register.
pub const SCRATCH2: Reg = Reg::R10;

/// Registers the allocator hands out, caller-saved first (they cost nothing
/// to use in a function that makes no calls).
pub const ALLOCATABLE: [Reg; 11] = [
    Reg::Rax,
    Reg::Rcx,
    Reg::Rdx,
    Reg::Rsi,
    Reg::Rdi,
    Reg::R8,
    Reg::R9,
    Reg::Rbx,
    Reg::Rbp,
    Reg::R12,
    Reg::R13,
];

/// Registers a call may change (System V caller-saved).
pub const CALLER_SAVED: [Reg; 9] = [
    Reg::Rax,
    Reg::Rcx,
    Reg::Rdx,
    Reg::Rsi,
    Reg::Rdi,
    Reg::R8,
    Reg::R9,
    Reg::R10,
    Reg::R11,
];

/// Registers a function must restore before returning, in push order.
pub const CALLEE_SAVED: [Reg; 6] = [Reg::Rbx, Reg::Rbp, Reg::R12, Reg::R13, Reg::R14, Reg::R15];

/// Argument registers, in order.
pub const ARG_REGS: [Reg; 6] = [Reg::Rdi, Reg::Rsi, Reg::Rdx, Reg::Rcx, Reg::R8, Reg::R9];

/// The register results are returned in.
pub const RET: Reg = Reg::Rax;

/// A set of registers as a bit mask indexed by [`Reg::hw`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegSet(pub u16);

impl RegSet {
    /// The empty set.
    pub const EMPTY: RegSet = RegSet(0);

    /// The set of `regs`.
    pub fn of(regs: &[Reg]) -> RegSet {
        RegSet(regs.iter().fold(0, |m, r| m | 1 << r.hw()))
    }

    /// Whether `reg` is in the set.
    pub fn contains(self, reg: Reg) -> bool {
        self.0 & (1 << reg.hw()) != 0
    }

    /// Adds `reg`.
    pub fn insert(&mut self, reg: Reg) {
        self.0 |= 1 << reg.hw();
    }

    /// The number of registers in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The registers in both sets.
    pub fn intersection(self, other: RegSet) -> RegSet {
        RegSet(self.0 & other.0)
    }

    /// The union of two sets.
    pub fn union(self, other: RegSet) -> RegSet {
        RegSet(self.0 | other.0)
    }
}

/// The state of one call of compiled code, shared by the trampoline, the
/// prologues, the trap stubs and the Rust caller. Compiled code addresses
/// its fields through [`CTX`] at the `*_OFFSET` constants below.
#[repr(C)]
#[derive(Debug, Default)]
pub struct Context {
    /// Frames the call may push (loaded into [`DEPTH`] by the trampoline).
    pub depth_left: u64,
    /// Fuel left; each `fuel` instruction takes one; taking from 0 raises
    /// FuelExhausted.
    pub fuel_left: u64,
    /// The trampoline's stack pointer, restored when a trap unwinds.
    pub saved_rsp: u64,
    /// 0 while running; the trap's code (an index into the module's trap
    /// table, plus one) once a trap stopped the call.
    pub trap_code: u64,
    /// The lowest address the call's stack may reach, plus
    /// [`STACK_LIMIT_SLACK`]: each prologue compares the stack pointer,
    /// less its frame beyond the slack, against it (RecursionError below
    /// it), so a frame is checked against its own size only.
    pub stack_limit: u64,
    /// The address of the host-call bridge, an `extern "sysv64" fn(ctx,
    /// host id, args, count) -> i64` that sets [`Context::trap_code`] when
    /// the host function raised.
    pub host_bridge: u64,
    /// The bridge's own state (opaque to compiled code).
    pub host_state: u64,
}

/// Offset of [`Context::depth_left`].
pub const DEPTH_OFFSET: i32 = 0;
/// Offset of [`Context::fuel_left`].
pub const FUEL_OFFSET: i32 = 8;
/// Offset of [`Context::saved_rsp`].
pub const SAVED_RSP_OFFSET: i32 = 16;
/// Offset of [`Context::trap_code`].
pub const TRAP_CODE_OFFSET: i32 = 24;
/// Offset of [`Context::stack_limit`].
pub const STACK_LIMIT_OFFSET: i32 = 32;
/// Offset of [`Context::host_bridge`].
pub const HOST_BRIDGE_OFFSET: i32 = 40;

/// Bytes of frame folded into [`Context::stack_limit`]: the limit is this
/// much above the lowest address a frame may reach, so that a prologue
/// whose frame (plus the return address of a call it makes) fits in it
/// compares the stack pointer itself (`cmp rsp, [r15+32]`), and only
/// larger frames compute their bottom first (`lea r11, [rsp-n]`).
pub const STACK_LIMIT_SLACK: i32 = 256;
