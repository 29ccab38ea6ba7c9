//! The x86-64 backend: registers and operands ([`regs`]) and the instruction
//! encoder ([`encoder`]).
pub mod encoder;
pub mod regs;
