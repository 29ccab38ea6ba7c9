//! The host side of minijit: executable memory from `mmap` for compiled
//! programs (W^X), and disassembly. The `minijit` binary is built on this,
//! and the integration tests use it to run compiled code.

pub mod disasm;
pub mod jit;
