//! IR text → parser and verifier (never panic); verified modules print and
//! parse back, and go through the optimizer and the backend. See
//! `minijit_tests::fuzz::ir_text`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    minijit_tests::fuzz::ir_text(data);
});
