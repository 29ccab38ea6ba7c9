//! The x86-64 backend: registers and operands ([`regs`]).
pub mod regs;
