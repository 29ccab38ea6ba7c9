//! minijit: a small JIT compiler for a subset of Python over 64-bit integers.
//!
//! The crate is `#![no_std]` + `alloc` and never maps memory: it turns source
//! text into an SSA IR, runs that IR in a reference interpreter, optimizes
//! it, and writes position-independent x86-64 code into memory the caller
//! provides. The caller makes that memory executable (`mprotect`, or its own
//! page tables) and calls through [`Code::call`]; a Python exception comes
//! back as `Err`, never as a crash.
//!
//! The pipeline, one stage per module:
//!
//! ```text
//! source ──lexer──▶ tokens ──parser──▶ AST ──check──▶ resolved AST ──lower──▶ IR
//!    ──opt──▶ IR ──backend (layout, plan, regalloc, emit)──▶ bytes ──code──▶ caller's pages
//! ```
//!
//! [`compile_to_ir`] runs the front end; [`interp`] runs its output, and is
//! the oracle every other stage is tested against:
//!
//! ```
//! let src = "def sq(x):\n    return x * x\n";
//! let module = minijit::compile_to_ir(src, &minijit::Options::default()).unwrap();
//! let sq = module.function_id("sq").unwrap();
//! let mut interp = minijit::interp::Interpreter::new(&module);
//! assert_eq!(interp.call_ints(sq, &[7]), Ok(49));
//! ```
//!
//! [`compile`] goes all the way to machine code; [`code`] shows how to lay it
//! into memory and call it:
//!
//! ```no_run
//! # fn writable_pages(_: usize) -> &'static mut [u8] { unimplemented!() }
//! # fn make_executable(_: usize, _: usize) {}
//! let program = minijit::compile("def sq(x):\n    return x * x\n", &Default::default())?;
//! let memory = writable_pages(program.code_size()); // 16-byte aligned
//! let address = memory.as_ptr() as usize;
//! let written = program.write_code(memory, address)?;
//! make_executable(address, program.code_size()); // mprotect or page tables
//! // SAFETY: the memory at `address` holds the code and is now executable.
//! let code = unsafe { written.executable() };
//! let sq = program.function("sq").unwrap();
//! // SAFETY: this thread has the default stack budget (128 KiB) to spare.
//! let mut args = [minijit::Arg::Int(7)];
//! let limits = minijit::Limits::default();
//! assert_eq!(unsafe { code.call(sq, &mut args, &limits, &mut minijit::NoHost) }, Ok(Some(49)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`compile_specialized`] compiles one function again with some of its
//! integer arguments fixed to values known only at run time, and the
//! optimizer folds them in ([`specialize`]).
//!
//! Each of these runs a new [`Compiler`], a compile context: every stage's
//! working tables (the tokens, the syntax tree, the checker's and the
//! lowering's tables, the optimizer's analyses, the backend's assembler
//! and per-function tables). A program that compiles many small programs
//! one after the other (packet filters, policies, the lines of a prompt)
//! keeps one and calls its methods of the same names: after the first
//! compile, the stages fill their tables again instead of allocating them,
//! and the answer is the same, byte for byte.
#![no_std]
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod backend;
pub mod call;
pub mod code;
mod compiler;
pub mod debug_info;
pub mod error;
pub mod frontend;
pub mod interp;
pub mod ir;
pub mod ops;
pub mod opt;
mod reuse;
pub mod specialize;
#[cfg(test)]
pub(crate) mod test_fixtures;
pub mod trap;

pub use call::{ints, Arg, CallError, Host, Limits, NoHost};
pub use code::{Code, FuncRef, LoadError, Program, Written, CODE_ALIGN};
pub use compiler::{Compiler, Observer, Stage};
pub use debug_info::DebugInfo;
pub use error::{CompileError, Span};
pub use ir::{BufKind, HostDecl, HostId, ParamKind, Returns, Signature};
pub use trap::{Exception, Trap};

/// Options that change what the compiler accepts and emits.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Emit `fuel` instructions (one at each function entry and loop header),
    /// so that a run with a fuel budget stops with
    /// [`Trap::FuelExhausted`] instead of running forever.
    pub fuel: bool,
    /// The host functions programs may call, in [`HostId`] order (the
    /// command line declares [`HostDecl::print`]).
    pub hosts: alloc::vec::Vec<HostDecl>,
    /// Keep the optimized IR in the [`Program`] ([`Program::ir`]), for
    /// listings, an interpreter beside the code, or tests. Off, a program
    /// keeps only what calls need: its code, entry points, signatures and
    /// trap messages.
    pub keep_ir: bool,
    /// Keep what debuggers and profilers need to name the code: each
    /// function's code range, its source lines and its frame layout
    /// ([`Program::debug_info`]). The machine code is the same either way.
    pub debug_info: bool,
}

/// Compiles source text to verified IR: lex, parse, check, lower.
///
/// # Errors
/// Returns the first [`CompileError`] found; it carries the source span and a
/// message naming the problem.
pub fn compile_to_ir(source: &str, options: &Options) -> Result<ir::Module, CompileError> {
    Compiler::new().compile_to_ir(source, options)
}

/// Compiles source text to machine code: [`compile_to_ir`], the optimizer
/// ([`opt::optimize`]), then the x86-64 backend. See [`code`] for running the result.
///
/// # Errors
/// A [`CompileError`] for source outside the language.
pub fn compile(source: &str, options: &Options) -> Result<Program, CompileError> {
    Compiler::new().compile(source, options)
}

/// Compiles source text to machine code for the function `name` with some
/// of its integer parameters fixed ([`specialize`]): `fixed` has one entry
/// per parameter, `Some(value)` for a fixed one. The program's function
/// `name` takes the free parameters in order and answers exactly as the
/// general function does with the fixed values; the program holds only
/// what it calls.
///
/// ```
/// let src = "def powmod(b, e, m):\n    r = 1\n    while e > 0:\n        if e & 1:\n            r = r * b % m\n        b = b * b % m\n        e >>= 1\n    return r\n";
/// let fixed = [None, None, Some(1_000_003)];
/// let program = minijit::compile_specialized(src, &Default::default(), "powmod", &fixed)?;
/// let powmod = program.function("powmod").unwrap();
/// assert_eq!(program.signature(powmod).unwrap().params.len(), 2);
/// # Ok::<(), minijit::CompileError>(())
/// ```
///
/// # Errors
/// A [`CompileError`] for source outside the language; one with an empty
/// span for an unknown function, a wrong number of entries or a value for
/// a buffer parameter.
pub fn compile_specialized(
    source: &str,
    options: &Options,
    name: &str,
    fixed: &[Option<i64>],
) -> Result<Program, CompileError> {
    Compiler::new().compile_specialized(source, options, name, fixed)
}

/// One function added by [`compile_specializing`]: the source's function
/// `general` specialized on `fixed` (one entry per parameter), as the
/// function `name`; a function of that name in the source (a stub that
/// lets the source call it) is replaced by it.
#[derive(Clone, Copy, Debug)]
pub struct Specialization<'a> {
    /// The function specialized.
    pub general: &'a str,
    /// A value for each parameter fixed, `None` for those left free.
    pub fixed: &'a [Option<i64>],
    /// The specialized function's name.
    pub name: &'a str,
}

/// Why [`compile_specializing`] failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecializingError {
    /// The source is outside the language.
    Source(CompileError),
    /// Specialization `index` was refused (an unknown function, the wrong
    /// number of values, a buffer parameter fixed, a stub of another
    /// signature, a name no program can call).
    Specialize {
        /// Its position in the list given.
        index: usize,
        /// Why.
        error: specialize::SpecializeError,
    },
    /// The backend refused the result.
    Backend(CompileError),
}

impl core::fmt::Display for SpecializingError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SpecializingError::Source(e) | SpecializingError::Backend(e) => {
                core::fmt::Display::fmt(e, f)
            }
            SpecializingError::Specialize { index, error } => {
                write!(f, "specialization {}: {error}", index + 1)
            }
        }
    }
}

impl core::error::Error for SpecializingError {}

/// Compiles `source` with the functions of `specializations` added (as
/// a REPL does for its `:fix` commands), then optimizes the whole. The IR
/// never leaves the compiler between the front end and the backend, so
/// the front end's own unchecked buffer accesses (a `for v in data` loop's
/// reads, in bounds by the loop's test) are trusted; IR from elsewhere goes
/// through [`compile_ir_optimized_with`], which checks every access.
///
/// # Errors
/// [`SpecializingError`].
pub fn compile_specializing(
    source: &str,
    options: &Options,
    specializations: &[Specialization<'_>],
) -> Result<Program, SpecializingError> {
    Compiler::new().compile_specializing(source, options, specializations)
}

/// [`compile_specialized`] for a module already through the front end
/// (from [`compile_to_ir`], unoptimized or not): what a program that
/// specializes at run time calls, having compiled its source once.
/// Of `options`, only [`Options::keep_ir`] and [`Options::debug_info`]
/// matter here: the front end has run.
///
/// # Safety
/// `module` must be what [`compile_to_ir`] gave (optimized or not since):
/// its buffer accesses without a `check_index` (a `for v in data` loop's
/// reads) are in bounds by the front end's construction, and they are
/// compiled as they are. IR from anywhere else goes through
/// [`compile_ir_optimized_with`], which verifies every access as checked
/// (after [`specialize::specialize_into`], which leaves it unoptimized,
/// to specialize it).
///
/// # Errors
/// A [`CompileError`] with an empty span for an unknown function, a wrong
/// number of entries or a value for a buffer parameter.
pub unsafe fn compile_specialized_ir(
    module: &ir::Module,
    options: &Options,
    name: &str,
    fixed: &[Option<i64>],
) -> Result<Program, CompileError> {
    // SAFETY: as the caller promised.
    unsafe { Compiler::new().compile_specialized_ir(module, options, name, fixed) }
}

/// The parameter names of the function `name` in source text, in order
/// (the IR keeps no names; `--fix NAME=VALUE` on the command line needs
/// them); `None` if no function has that name. Only lexes and parses.
///
/// # Errors
/// The first lexing or parsing [`CompileError`].
pub fn parameter_names(
    source: &str,
    name: &str,
) -> Result<Option<alloc::vec::Vec<alloc::string::String>>, CompileError> {
    let tokens = frontend::lexer::tokenize(source)?;
    let ast = frontend::parser::parse(source, &tokens)?;
    Ok(ast.items.iter().find_map(|item| match item {
        frontend::ast::Item::Function(def) if ast.names.text(def.name.name) == name => Some(
            ast.tree[def.params]
                .iter()
                .map(|p| alloc::string::String::from(ast.names.text(p.name)))
                .collect(),
        ),
        _ => None,
    }))
}

/// Compiles IR (from [`compile_to_ir`], the [text parser](ir::text) or a
/// generator of one's own) to machine code as it is: verified, then given
/// to the backend without optimizing.
///
/// The IR may come from anywhere, so it is verified in the checked mode
/// ([`ir::verify::verify_checked`]): besides every invariant of
/// [`ir::verify::verify`], each `load` and `store` must take its index
/// from a `check_index` of its kind and access against the length of the
/// same buffer, every `check_index` must compare with a buffer's length,
/// and each `store.bytearray` must take its byte from a `check_byte`.
/// Buffer addresses and lengths cannot be computed or forged in IR that
/// the verifier accepts, so a program this function accepts reads and
/// writes only inside the buffers it is called with, and calls only
/// declared host functions with arguments they accept.
///
/// Optimized IR may be refused: [`opt::optimize`] may remove checks it
/// proves needless, which this mode cannot prove again, and the IR then
/// passes only the plain verifier. [`compile_ir_optimized`] verifies first
/// and then optimizes, trusting the optimizer's proofs as [`compile`] does.
///
/// # Errors
/// A [`CompileError`] with an empty span whose message says which function
/// breaks which IR invariant.
pub fn compile_ir(module: ir::Module) -> Result<Program, CompileError> {
    Compiler::new().compile_ir(module)
}

/// [`compile_ir`] with the optimizer between the verifier and the
/// backend: the IR is verified in the checked mode as it comes, then
/// optimized (which may drop the checks it proves needless).
///
/// # Errors
/// As [`compile_ir`].
pub fn compile_ir_optimized(module: ir::Module) -> Result<Program, CompileError> {
    compile_ir_optimized_with(module, &Options::default())
}

/// [`compile_ir_optimized`] keeping the optimized IR in the program when
/// `options` asks for it ([`Options::keep_ir`]), and what debuggers need
/// with [`Options::debug_info`] (the other options belong to the front
/// end): for IR built from source and changed since, such
/// as a module [`specialize::specialize_into`] added to.
///
/// # Errors
/// As [`compile_ir`].
pub fn compile_ir_optimized_with(
    module: ir::Module,
    options: &Options,
) -> Result<Program, CompileError> {
    Compiler::new().compile_ir_optimized_with(module, options)
}

/// Compiles IR that passes the plain verifier ([`ir::verify::verify`]) but
/// may read or write buffers without a `check_index` (optimized IR, or a
/// test of the backend's instruction forms).
///
/// # Safety
/// Every `load` and `store` the code runs must address an item inside its
/// buffer (and every `store.bytearray` a byte), for every call made to it:
/// the machine code reads and writes the caller's memory without checking.
///
/// # Errors
/// A [`CompileError`] with an empty span for IR the plain verifier refuses.
pub unsafe fn compile_ir_unchecked(module: ir::Module) -> Result<Program, CompileError> {
    // SAFETY: as the caller promised.
    unsafe { Compiler::new().compile_ir_unchecked(module) }
}
