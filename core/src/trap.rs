//! Traps: the Python exceptions a running program can stop with.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// The exception a call stopped with, named after Python's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Trap {
    /// A result outside the 64-bit range.
    OverflowError = 1,
    /// `//` or `%` by zero, or `0 ** n` with `n < 0`.
    ZeroDivisionError = 2,
    /// A negative shift count or exponent, `range()` with step 0, or a
    /// byte outside 0..=255 stored into a `bytearray`.
    ValueError = 3,
    /// `assert` of a false value.
    AssertionError = 4,
    /// A local read on a path where it was never assigned.
    UnboundLocalError = 5,
    /// Calls nested deeper than the recursion limit.
    RecursionError = 6,
    /// The call ran out of its fuel budget (minijit's own exception).
    FuelExhausted = 7,
    /// A buffer index outside the buffer.
    IndexError = 8,
}

impl Trap {
    /// Every trap, in code order.
    pub const ALL: [Trap; 8] = [
        Trap::OverflowError,
        Trap::ZeroDivisionError,
        Trap::ValueError,
        Trap::AssertionError,
        Trap::UnboundLocalError,
        Trap::RecursionError,
        Trap::FuelExhausted,
        Trap::IndexError,
    ];

    /// The exception's Python name, e.g. `"ZeroDivisionError"`.
    pub fn name(self) -> &'static str {
        match self {
            Trap::OverflowError => "OverflowError",
            Trap::ZeroDivisionError => "ZeroDivisionError",
            Trap::ValueError => "ValueError",
            Trap::AssertionError => "AssertionError",
            Trap::UnboundLocalError => "UnboundLocalError",
            Trap::RecursionError => "RecursionError",
            Trap::FuelExhausted => "FuelExhausted",
            Trap::IndexError => "IndexError",
        }
    }

    /// The trap called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Trap> {
        Trap::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The trap with numeric code `code` (see the `repr`), if there is one.
    pub fn from_code(code: u8) -> Option<Trap> {
        Trap::ALL.into_iter().find(|t| *t as u8 == code)
    }

    /// The message a trap of this kind carries when nothing more precise is
    /// known.
    pub fn default_message(self) -> &'static str {
        match self {
            Trap::OverflowError => msg::OVERFLOW,
            Trap::ZeroDivisionError => msg::DIVISION_BY_ZERO,
            Trap::ValueError => "invalid value",
            Trap::AssertionError => "",
            Trap::UnboundLocalError => "local variable referenced before assignment",
            Trap::RecursionError => msg::RECURSION,
            Trap::FuelExhausted => msg::FUEL,
            Trap::IndexError => msg::LIST_INDEX,
        }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The messages traps carry, worded as CPython words them where CPython has
/// the same exception.
pub mod msg {
    /// Any result outside the 64-bit range.
    pub const OVERFLOW: &str = "integer result does not fit in 64 bits";
    /// `a // 0`.
    pub const DIVISION_BY_ZERO: &str = "integer division or modulo by zero";
    /// `a % 0`.
    pub const MODULO_BY_ZERO: &str = "integer modulo by zero";
    /// `0 ** n` with `n < 0`.
    pub const ZERO_NEGATIVE_POWER: &str = "0.0 cannot be raised to a negative power";
    /// `a ** n` with `n < 0` and `a != 0`.
    pub const NEGATIVE_POWER: &str =
        "negative exponent (the result would be a float, which is not supported)";
    /// `a << n` or `a >> n` with `n < 0`.
    pub const NEGATIVE_SHIFT: &str = "negative shift count";
    /// `range(a, b, 0)`.
    pub const RANGE_STEP_ZERO: &str = "range() arg 3 must not be zero";
    /// Calls nested deeper than the limit.
    pub const RECURSION: &str = "maximum recursion depth exceeded";
    /// The fuel budget ran out.
    pub const FUEL: &str = "the call ran out of fuel";
    /// A `bytes` index outside the buffer.
    pub const BYTES_INDEX: &str = "index out of range";
    /// A `bytearray` index outside the buffer.
    pub const BYTEARRAY_INDEX: &str = "bytearray index out of range";
    /// A `list` index outside the list, read.
    pub const LIST_INDEX: &str = "list index out of range";
    /// A `list` index outside the list, written.
    pub const LIST_ASSIGN_INDEX: &str = "list assignment index out of range";
    /// A value outside 0..=255 stored into a `bytearray`.
    pub const BYTE_RANGE: &str = "byte must be in range(0, 256)";
}

/// A trap with its message: what a call that stopped reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// Which exception.
    pub trap: Trap,
    /// Its message; may be empty (a bare `assert`, or `assert e, ""`).
    pub message: Cow<'static, str>,
    /// Raised without arguments: a bare `assert`, whose AssertionError
    /// CPython makes as `AssertionError()`, where `assert e, ""` makes
    /// `AssertionError('')`. Both print as `AssertionError`.
    pub bare: bool,
}

impl Exception {
    /// An exception of kind `trap` with a static message.
    pub const fn new(trap: Trap, message: &'static str) -> Exception {
        Exception {
            trap,
            message: Cow::Borrowed(message),
            bare: false,
        }
    }

    /// The exception a `trap` instruction without a message raises: the
    /// trap's default message, and no arguments for an AssertionError (a
    /// bare `assert`).
    pub fn without_message(trap: Trap) -> Exception {
        Exception {
            bare: trap == Trap::AssertionError,
            ..Exception::new(trap, trap.default_message())
        }
    }
}

impl Exception {
    /// An exception of kind `trap` with a message made at run time (a host
    /// function's).
    pub fn with_message(trap: Trap, message: impl Into<String>) -> Exception {
        Exception {
            trap,
            message: Cow::Owned(message.into()),
            bare: false,
        }
    }
}

impl From<Trap> for Exception {
    /// [`Exception::without_message`].
    fn from(trap: Trap) -> Exception {
        Exception::without_message(trap)
    }
}

impl fmt::Display for Exception {
    /// `Name: message`, or just `Name` when the message is empty, as Python
    /// prints an exception.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.trap.name())
        } else {
            write!(f, "{}: {}", self.trap.name(), self.message)
        }
    }
}

impl core::error::Error for Exception {}
