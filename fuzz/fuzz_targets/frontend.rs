//! Source text → `compile_to_ir` (never panics; accepted programs verify and
//! compile to machine code). See `minijit_tests::fuzz::frontend`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    minijit_tests::fuzz::frontend(data);
});
