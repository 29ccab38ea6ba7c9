//! Machine-code backends: one submodule per target architecture.
pub mod x86_64;
