//! Choices → a valid IR module by construction → the interpreter, the
//! interpreter on optimized IR and the JIT agree (with fuel and a small
//! recursion limit). See `minijit_tests::fuzz::ir_exec`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    minijit_tests::fuzz::ir_exec(data);
});
