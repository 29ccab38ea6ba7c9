//! Code generation. One target so far: [`x86_64`].
//!
//! The backend turns a verified [`crate::ir::Module`] into position-
//! independent machine code in a `Vec<u8>`, with the offsets of the
//! function entries and of the entry trampoline; [`crate::code`] lays it
//! into memory the caller provides and calls it.

pub mod x86_64;
