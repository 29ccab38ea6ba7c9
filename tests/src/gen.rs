//! A generator of random valid programs in the language, for differential
//! testing. Deterministic: the same seed gives the same program.
//!
//! Programs cover every statement and expression of LANGUAGE.md: module
//! constants, if/elif/else, bounded `while` loops (counted, `while True:` /
//! `while 1:` with a `break`, or ending in a `return`), `for` over every
//! form of `range` (negative steps, step expressions that may be 0, ranges
//! at the 64-bit edges), `break`/`continue` at any nesting, tuple
//! assignment of width 2–4, augmented assignment with every operator,
//! `assert` with and without a message, expression-statement calls,
//! chained comparisons, conditional expressions, `and`/`or`, every builtin,
//! calls between functions with up to 8 parameters, bounded (mutual)
//! recursion through a decreasing depth parameter, and now and then a
//! recursion deep enough to reach the limit. Values cluster around the
//! 64-bit edges so that every trap comes up.
//!
//! With [`Features::all`] (what [`program`] generates) programs also have
//! buffer parameters of every kind (`bytes`, `bytearray`, `list[int]`,
//! always annotated): `len(x)`, items `x[i]` whose index is sometimes
//! negative and sometimes outside the buffer on either side, item
//! assignment and `x[i] op= e` with every operator (bytearray stores of
//! values now and then outside 0..255), item targets in tuple assignment
//! (swaps, and mixes with names), `for v in x` and `for i, v in
//! enumerate(x)` (sometimes writing the buffer inside), `range(len(x))`,
//! calls passing buffers on to parameters of the same kind (the same
//! buffer twice when the caller has one of that kind: aliasing); functions
//! that return None (by their end or a bare `return`) called as
//! statements; and `print(...)` of 0 to 4 integers. Calls pass small
//! buffers (0 to 12 items, edge values, sometimes empty).
//! [`integer_program`] generates, for a seed, exactly the program of
//! integers only that [`program`] generated before buffers existed.
//!
//! Valid by construction: every path returns, every name read is assigned
//! somewhere in its function (not always before the read: that is an
//! UnboundLocalError both sides must agree on), and every loop is bounded
//! (a `while` has a counter, a `for` has small or edge-anchored bounds), so
//! a call runs at most a few thousand iterations. The program is a tree
//! ([`ast`]) so that the shrinker can cut it down; [`Generated::source`] is
//! its text.

pub mod ast;
mod body;
mod build;

use crate::rng::Rng;

/// Interesting 64-bit values: small numbers, shift counts around 63/64,
/// powers of two and their neighbours, square roots of the extremes, and
/// the extremes themselves.
pub const EDGE_VALUES: [i64; 40] = [
    0,
    1,
    -1,
    2,
    -2,
    3,
    -3,
    7,
    10,
    -13,
    31,
    32,
    62,
    63,
    64,
    65,
    -64,
    127,
    255,
    -256,
    1 << 31,
    (1 << 31) - 1,
    -(1 << 31),
    (1 << 32) - 1,
    1 << 32,
    3_037_000_499,
    3_037_000_500,
    -3_037_000_500,
    1 << 62,
    -(1 << 62),
    (1 << 62) - 1,
    i64::MAX / 2,
    i64::MIN / 2,
    i64::MAX / 3,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
    0x5555_5555_5555_5555,
    -0x0123_4567_89ab_cdef,
];

/// An argument of a call: an integer or a buffer's content (the kind is
/// the parameter's).
pub use host::args::Parsed as Arg;

/// A call to make: the function's name and its arguments.
pub type Call = (String, Vec<Arg>);

/// Integer arguments.
pub fn ints(args: &[i64]) -> Vec<Arg> {
    args.iter().map(|&v| Arg::Int(v)).collect()
}

/// An argument as a `# call:` line and the command line write it:
/// `-3`, `b'a\x00'`, `bytearray(b'')`, `bytearray(4)`, `[1, -2]`, `[7] * 3`.
pub fn arg_text(arg: &Arg) -> String {
    use host::args::{bytes_repr, list_repr};
    match arg {
        Arg::Int(v) => v.to_string(),
        Arg::Bytes(b) => bytes_repr(false, b),
        Arg::ByteArray(b) if !b.is_empty() && b.iter().all(|&x| x == 0) => {
            format!("bytearray({})", b.len())
        }
        Arg::ByteArray(b) => bytes_repr(true, b),
        Arg::List(l) if l.len() > 1 && l.iter().all(|&x| x == l[0]) => {
            format!("[{}] * {}", l[0], l.len())
        }
        Arg::List(l) => list_repr(l),
    }
}

/// `name(arg, ...)` as a `# call:` line writes it.
pub fn call_text((name, args): &Call) -> String {
    let args: Vec<String> = args.iter().map(arg_text).collect();
    format!("{name}({})", args.join(", "))
}

/// What generated programs may contain beyond integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features {
    /// Buffer parameters, functions returning None, `print`.
    pub buffers: bool,
}

impl Features {
    /// Everything the language has.
    pub fn all() -> Features {
        Features { buffers: true }
    }

    /// Integers only: the programs (and random draws) of the generator
    /// before buffers, so that fixed seeds keep their programs.
    pub fn integers() -> Features {
        Features { buffers: false }
    }
}

/// A generated program and the calls to make on it.
pub struct Generated {
    /// The program as a tree.
    pub program: ast::Program,
    /// Its source text.
    pub source: String,
    /// `(function, args)` to call.
    pub calls: Vec<Call>,
}

impl Generated {
    /// The program with `calls`: its source and tree.
    pub fn new(program: ast::Program, calls: Vec<Call>) -> Generated {
        Generated {
            source: program.source(),
            program,
            calls,
        }
    }

    /// A program given as text only (a test file): its tree is empty, so
    /// it cannot be shrunk or rendered in checked form.
    pub fn from_source(source: &str, calls: Vec<Call>) -> Generated {
        Generated {
            program: ast::Program::default(),
            source: source.to_string(),
            calls,
        }
    }

    /// The source followed by one `# call:` line per call: a test file.
    pub fn test_file(&self) -> String {
        let mut text = self.source.clone();
        text.push('\n');
        for call in &self.calls {
            text += &format!("# call: {}\n", call_text(call));
        }
        text
    }
}

/// Generates a program from `seed`, with every feature.
pub fn program(seed: u64) -> Generated {
    program_with(seed, Features::all())
}

/// Generates a program of integers only from `seed` (see [`Features::integers`]).
pub fn integer_program(seed: u64) -> Generated {
    program_with(seed, Features::integers())
}

/// Generates a program from `seed` with `features`.
pub fn program_with(seed: u64, features: Features) -> Generated {
    let mut rng = Rng::new(seed);
    let (program, calls) = build::program(&mut rng, features);
    Generated::new(program, calls)
}
