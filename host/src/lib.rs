//! The host side of minijit: executable memory from `mmap` for compiled
//! programs (W^X), disassembly, perf's symbol map, GDB's JIT interface
//! (symbol files with DWARF lines and frames for loaded code), the command line's
//! argument syntax and its diagnostics, and reading files with a bound on their size. The `minijit` binary is built on this,
//! and the integration tests use it to run compiled code.

pub mod args;
pub mod debug_object;
pub mod diagnostic;
pub mod disasm;
pub mod files;
pub mod fix;
pub mod gdb_jit;
pub mod jit;
pub mod perf_map;

/// The compiler allocates many small, short-lived tables per module;
/// mimalloc serves those about a quarter faster than the system allocator
/// (compile time of bench/mandel.py ~105 → ~80 µs on the development
/// machine). `core` itself is allocator-agnostic: a kernel brings its own.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

#[cfg(feature = "mimalloc")]
mod allocator;
