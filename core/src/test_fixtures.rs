//! What the unit tests share: reproducible random generators, IR text they
//! start from, and helpers that parse IR text and run it in the
//! interpreter.
//!
//! Every random test seeds its generator with a fixed constant, so that a
//! failure reproduces; the generators never change their sequence (that
//! would change which cases the tests cover).

use crate::call::CallError;
use crate::interp::Interpreter;
use crate::ir::text::parse_module;
use crate::ir::{FuncId, Function, Module};
use alloc::format;
use alloc::string::{String, ToString};

/// Marsaglia's xorshift64 (shifts 13, 7, 17): a tiny generator whose
/// sequence depends only on its seed. A zero seed gives only zeros.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator that starts from `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next state, which is also the output.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (which must not be empty).
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// xorshift64* (shifts 12, 25, 27, then a multiply): the generator the
/// range analysis' tests draw their samples from.
pub(crate) struct RngStar(u64);

impl RngStar {
    /// A generator that starts from `seed` (not zero).
    pub(crate) fn new(seed: u64) -> RngStar {
        RngStar(seed)
    }

    /// The next output (the state times a constant).
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// `fib` in the IR text format, as the format's description shows it (and
/// as the printer prints it).
pub(crate) const FIB: &str = "function fib {
block0(v0):
    v1 = const 2
    v2 = lt v0, v1
    br v2, block1, block2
block1:
    ret v0
block2:
    v3 = const 1
    v4 = sub v0, v3
    v5 = call fib(v4)
    v6 = const 2
    v7 = sub v0, v6
    v8 = call fib(v7)
    v9 = add v5, v8
    jump block3(v9)
block3(v10):
    ret v10
}
";

/// Two nested loops: block1 is the outer header, block2 the inner header,
/// block3 the inner body, block4 the outer latch, block5 the exit; block6
/// is unreachable and jumps into the inner loop.
pub(crate) const NESTED_LOOPS: &str = "function f {
block0(v0):
    jump block1
block1:
    br v0, block2, block5
block2:
    br v0, block3, block4
block3:
    jump block2
block4:
    jump block1
block5:
    ret v0
block6:
    jump block3
}
";

/// The module of IR text that must parse; panics with the parser's message
/// and the text otherwise.
pub(crate) fn parse(text: &str) -> Module {
    parse_module(text).unwrap_or_else(|e| panic!("{}: {text}", e.message))
}

/// The first function of IR text that must parse.
pub(crate) fn parse_one(text: &str) -> Function {
    parse(text).functions.remove(0)
}

/// A call's result as text: the value, or the error as displayed (an
/// exception with its message).
pub(crate) fn call_text(result: Result<i64, CallError>) -> String {
    match result {
        Ok(v) => v.to_string(),
        Err(e) => format!("{e}"),
    }
}

/// What calling function `f` of `module` with `args` in the interpreter
/// gives, as [`call_text`].
pub(crate) fn outcome(module: &Module, f: usize, args: &[i64]) -> String {
    call_text(Interpreter::new(module).call_ints(FuncId::new(f), args))
}
