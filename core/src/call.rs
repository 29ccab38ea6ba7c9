//! What a call takes and what can go wrong with it, the same for the
//! reference interpreter and for compiled code: the arguments ([`Arg`]),
//! the bounds on what a call may do ([`Limits`]), the embedder's host
//! functions ([`Host`]) and the errors ([`CallError`]).

use crate::ir::{BufKind, HostId, ParamKind};
use crate::trap::{msg, Exception, Trap};
use alloc::format;
use alloc::string::String;
use core::fmt;

/// One argument of a call. Buffers are borrowed for the call: the program
/// reads them and writes its changes into them (writes made before a trap
/// stay, as in Python).
#[derive(Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    /// An integer, for an integer parameter.
    Int(i64),
    /// Read-only bytes, for a `bytes` parameter.
    Bytes(&'a [u8]),
    /// Writable bytes, for a `bytearray` parameter.
    ByteArray(&'a mut [u8]),
    /// Writable 64-bit integers, for a `list[int]` parameter.
    List(&'a mut [i64]),
}

impl Arg<'_> {
    /// The kind of parameter this argument is for.
    pub fn kind(&self) -> ParamKind {
        match self {
            Arg::Int(_) => ParamKind::Int,
            Arg::Bytes(_) => ParamKind::Buffer(BufKind::Bytes),
            Arg::ByteArray(_) => ParamKind::Buffer(BufKind::ByteArray),
            Arg::List(_) => ParamKind::Buffer(BufKind::List),
        }
    }

    /// The length of a buffer in items (0 for an integer).
    pub fn len(&self) -> usize {
        match self {
            Arg::Int(_) => 0,
            Arg::Bytes(b) => b.len(),
            Arg::ByteArray(b) => b.len(),
            Arg::List(l) => l.len(),
        }
    }

    /// Whether this is an empty buffer (or an integer).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

/// Integer arguments, for functions of integers only.
///
/// ```
/// let mut args = minijit::ints(&[3, 4]);
/// assert_eq!(args.len(), 2);
/// ```
pub fn ints<'a>(values: &[i64]) -> alloc::vec::Vec<Arg<'a>> {
    values.iter().map(|&v| Arg::Int(v)).collect()
}

/// The most items a buffer argument may have: an index must fit in an
/// `i64`, and a `list` must fit in the address space in bytes.
pub const MAX_BUFFER_ITEMS: usize = (isize::MAX as usize) / 8;

/// Checks `args` against a signature's parameters `params`: the count, the
/// kind of each and the size of each buffer.
///
/// # Errors
/// [`CallError::WrongArgCount`], [`CallError::WrongArgKind`] or
/// [`CallError::BufferTooLarge`].
pub fn check_args(params: &[ParamKind], args: &[Arg<'_>]) -> Result<(), CallError> {
    if args.len() != params.len() {
        return Err(CallError::WrongArgCount {
            expected: params.len(),
            got: args.len(),
        });
    }
    for (index, (arg, &expected)) in args.iter().zip(params).enumerate() {
        if arg.kind() != expected {
            return Err(CallError::WrongArgKind {
                index,
                expected,
                got: arg.kind(),
            });
        }
        if arg.len() > MAX_BUFFER_ITEMS {
            return Err(CallError::BufferTooLarge { index });
        }
    }
    Ok(())
}

/// Bounds on what one call may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of calls; the entry call is depth 1 (default 1000).
    pub recursion_limit: u32,
    /// Fuel budget (loop iterations and calls); `None` is unlimited. A
    /// budget needs code compiled with [`crate::Options::fuel`]: compiled
    /// code without fuel instructions refuses it
    /// ([`CallError::FuelNotCompiled`]).
    pub fuel: Option<u64>,
    /// Stack the call may use, in bytes (default 128 KiB); compiled code
    /// raises RecursionError rather than go beyond it. The entry call's own
    /// share (about 1 KiB, and 8 bytes per argument value) counts too: a
    /// budget smaller than that is a RecursionError before the call. The
    /// interpreter keeps its frames on the heap and does not use it.
    pub stack_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            recursion_limit: 1000,
            fuel: None,
            stack_bytes: 128 << 10,
        }
    }
}

/// The embedder's side of host functions: a call of the program to the
/// host function `id` (declared as `module.hosts[id]`) with integer
/// arguments comes here. `Ok` is the result (ignored for a function
/// declared to return nothing); `Err` stops the call with that exception.
///
/// A closure `FnMut(HostId, &[i64]) -> Result<i64, Exception>` is a host.
///
/// A host function must not panic (unwind) when compiled code calls it:
/// a panic cannot unwind through compiled frames, so it aborts the
/// process. A host that may panic catches it (`std::panic::catch_unwind`)
/// and returns an `Err`, or runs the whole call where it can recover, as
/// the `minijit` command does (a thread per call, [`CallError::NotRun`]).
pub trait Host {
    /// Runs host function `id` with `args`.
    ///
    /// # Errors
    /// The exception the program's call raises.
    fn call(&mut self, id: HostId, args: &[i64]) -> Result<i64, Exception>;
}

impl<F: FnMut(HostId, &[i64]) -> Result<i64, Exception>> Host for F {
    fn call(&mut self, id: HostId, args: &[i64]) -> Result<i64, Exception> {
        self(id, args)
    }
}

/// A host with no functions, for programs that declare none: any call
/// raises.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHost;

impl Host for NoHost {
    fn call(&mut self, id: HostId, _: &[i64]) -> Result<i64, Exception> {
        Err(Exception::with_message(
            Trap::ValueError,
            format!("no host function {id} was given"),
        ))
    }
}

/// Why a call returned no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The function is not one of this program's.
    NoSuchFunction,
    /// The call passed a different number of arguments than the function
    /// has parameters.
    WrongArgCount {
        /// The function's parameter count.
        expected: usize,
        /// The number of arguments passed.
        got: usize,
    },
    /// An argument of the wrong kind (an integer for a buffer, a `bytes`
    /// for a `bytearray`, ...).
    WrongArgKind {
        /// Which argument, from 0.
        index: usize,
        /// What the parameter takes.
        expected: ParamKind,
        /// What was passed.
        got: ParamKind,
    },
    /// A buffer with more than [`MAX_BUFFER_ITEMS`] items.
    BufferTooLarge {
        /// Which argument, from 0.
        index: usize,
    },
    /// A fuel budget for code compiled without fuel instructions, which
    /// could not keep to it.
    FuelNotCompiled,
    /// The program stopped with a Python exception.
    Trap(Exception),
    /// The IR breaks an invariant the verifier checks; the message says
    /// which and where (the interpreter only).
    Malformed(String),
    /// The call could not be made: the interpreter's frames need more
    /// memory than it may take, or, for an embedder's own wrapper around
    /// a call, no thread for its stack or a host function's panic that
    /// it caught; the message says why.
    NotRun(String),
}

impl CallError {
    /// The exception, if the call stopped with one.
    pub fn exception(&self) -> Option<&Exception> {
        match self {
            CallError::Trap(e) => Some(e),
            _ => None,
        }
    }
}

impl core::error::Error for CallError {}

impl From<Exception> for CallError {
    fn from(e: Exception) -> CallError {
        CallError::Trap(e)
    }
}

impl fmt::Display for CallError {
    /// A trap prints as Python prints the exception (`Name: message`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::NoSuchFunction => f.write_str("no such function in this program"),
            CallError::WrongArgCount { expected, got } => {
                let s = if *expected == 1 { "" } else { "s" };
                let was = if *got == 1 { "was" } else { "were" };
                write!(f, "takes {expected} argument{s} but {got} {was} given")
            }
            CallError::WrongArgKind {
                index,
                expected,
                got,
            } => write!(
                f,
                "argument {} must be {}, not {}",
                index + 1,
                expected.name(),
                got.name()
            ),
            CallError::BufferTooLarge { index } => write!(
                f,
                "argument {} has more than {MAX_BUFFER_ITEMS} items",
                index + 1
            ),
            CallError::FuelNotCompiled => {
                f.write_str("a fuel budget needs code compiled with fuel (Options::fuel)")
            }
            CallError::Trap(e) => fmt::Display::fmt(e, f),
            CallError::Malformed(m) => write!(f, "malformed IR: {m}"),
            CallError::NotRun(m) => write!(f, "the call could not run: {m}"),
        }
    }
}

/// The RecursionError every limit check raises.
pub(crate) fn recursion_error() -> CallError {
    CallError::Trap(Exception::new(Trap::RecursionError, msg::RECURSION))
}
