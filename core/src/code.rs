//! Laying compiled code into memory the caller provides, and calling it.
//!
//! minijit never maps memory. The caller:
//! 1. asks [`Program::code_size`] and gets writable memory of that size,
//!    aligned to [`CODE_ALIGN`], at the address the code will run at;
//! 2. calls [`Program::write_code`], which checks the memory and copies the
//!    position-independent code into it;
//! 3. makes the memory executable (and no longer writable) itself:
//!    `mprotect` on a host, page-table flags in a kernel;
//! 4. calls [`Written::executable`] to say so, and then [`Code::call`].
//!
//! ```no_run
//! # fn map_writable(_: usize) -> &'static mut [u8] { unimplemented!() }
//! # fn make_executable(_: &[u8]) {}
//! let program = minijit::compile("def sq(x):\n    return x * x\n", &Default::default()).unwrap();
//! let pages: &mut [u8] = map_writable(program.code_size());
//! let address = pages.as_ptr() as usize;
//! let written = program.write_code(pages, address).unwrap();
//! make_executable(unsafe { core::slice::from_raw_parts(address as *const u8, program.code_size()) });
//! // SAFETY: the memory at `address` now holds the code and is executable.
//! let code = unsafe { written.executable() };
//! let sq = program.function("sq").unwrap();
//! // SAFETY: this thread has the default 128 KiB of stack to spare.
//! let result = unsafe { code.call(sq, &[7], &minijit::Limits::default()) };
//! assert_eq!(result, Ok(49));
//! ```

use crate::backend::x86_64::abi::Context;
use crate::backend::x86_64::{runtime::TrapTable, MachineCode};
use crate::interp::CallError;
use crate::ir;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Alignment the code memory must have (and the run address).
pub const CODE_ALIGN: usize = 16;

/// Stack the trampoline itself uses, besides the functions' frames.
const TRAMPOLINE_STACK: usize = 256;

/// A compiled program: machine code and its entry points, not yet in
/// executable memory.
pub struct Program {
    code: MachineCode,
    functions: Vec<(String, usize)>,
    ir: ir::Module,
}

/// A function of a [`Program`], ready to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuncRef {
    /// Index of the function in the program.
    pub index: usize,
    /// Offset of its entry in the code.
    pub offset: usize,
    /// How many arguments it takes.
    pub arity: usize,
}

/// Why code could not be written into the caller's memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The memory is smaller than [`Program::code_size`].
    TooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes given.
        given: usize,
    },
    /// The memory or the run address is not aligned to [`CODE_ALIGN`].
    Misaligned,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooSmall { needed, given } => {
                write!(
                    f,
                    "code needs {needed} bytes but the memory given has {given}"
                )
            }
            LoadError::Misaligned => {
                write!(f, "code memory must be aligned to {CODE_ALIGN} bytes")
            }
        }
    }
}

/// Bounds on what one call may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of calls; the entry call is depth 1 (default 1000).
    pub recursion_limit: u32,
    /// Fuel budget (loop iterations and calls), if the program was
    /// compiled with [`crate::Options::fuel`]; `None` is unlimited.
    pub fuel: Option<u64>,
    /// Stack the call may use, in bytes (default 128 KiB). Recursion that
    /// would need more raises RecursionError before the limit is reached.
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

impl Program {
    pub(crate) fn new(ir: ir::Module, code: MachineCode) -> Program {
        let functions = ir
            .functions
            .iter()
            .zip(&code.entries)
            .map(|(f, &offset)| (f.name.clone(), offset))
            .collect();
        Program {
            code,
            functions,
            ir,
        }
    }

    /// Bytes of memory the code needs.
    pub fn code_size(&self) -> usize {
        self.code.bytes.len()
    }

    /// The code itself (for disassembly; run it through [`Program::write_code`]).
    pub fn bytes(&self) -> &[u8] {
        &self.code.bytes
    }

    /// The IR the code was compiled from.
    pub fn ir(&self) -> &ir::Module {
        &self.ir
    }

    /// The function called `name`.
    pub fn function(&self, name: &str) -> Option<FuncRef> {
        let index = self.functions.iter().position(|(n, _)| n == name)?;
        Some(FuncRef {
            index,
            offset: self.functions[index].1,
            arity: self.ir.functions[index].params().len(),
        })
    }

    /// Every function: name and entry offset, in source order.
    pub fn functions(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.functions.iter().map(|(n, o)| (n.as_str(), *o))
    }

    /// The stack a call needs so that `recursion_limit` frames fit.
    pub fn stack_needed(&self, recursion_limit: u32) -> usize {
        TRAMPOLINE_STACK
            + 8 * self
                .ir
                .functions
                .iter()
                .map(|f| f.params().len())
                .max()
                .unwrap_or(0)
            + recursion_limit as usize * self.code.max_frame
    }

    /// Copies the code into `memory`, which will run at `run_address`.
    ///
    /// # Errors
    /// [`LoadError`] if the memory is too small or either is misaligned;
    /// nothing is written then.
    pub fn write_code(
        &self,
        memory: &mut [u8],
        run_address: usize,
    ) -> Result<Written<'_>, LoadError> {
        let needed = self.code_size();
        if memory.len() < needed {
            return Err(LoadError::TooSmall {
                needed,
                given: memory.len(),
            });
        }
        if memory.as_ptr() as usize % CODE_ALIGN != 0 || run_address % CODE_ALIGN != 0 {
            return Err(LoadError::Misaligned);
        }
        memory[..needed].copy_from_slice(&self.code.bytes);
        Ok(Written {
            program: self,
            run_address,
        })
    }
}

/// Code written into the caller's memory, which is not yet executable.
pub struct Written<'p> {
    program: &'p Program,
    run_address: usize,
}

impl<'p> Written<'p> {
    /// Declares that the memory is now executable.
    ///
    /// # Safety
    /// The memory at the run address given to [`Program::write_code`] must
    /// hold exactly the bytes written there, be executable, and stay so
    /// while the returned [`Code`] is used.
    pub unsafe fn executable(self) -> Code<'p> {
        Code {
            program: self.program,
            run_address: self.run_address,
        }
    }
}

/// Code in executable memory, ready to call.
pub struct Code<'p> {
    program: &'p Program,
    run_address: usize,
}

type Trampoline = unsafe extern "sysv64" fn(*mut Context, usize, *const i64, u64) -> i64;

impl Code<'_> {
    /// Calls `func` with `args`.
    ///
    /// # Errors
    /// [`CallError::WrongArgCount`] / [`CallError::NoSuchFunction`] for a
    /// bad call; [`CallError::Trap`] when the program raises. The code can
    /// be called again after a trap.
    ///
    /// # Safety
    /// The current thread must have `limits.stack_bytes` of stack to spare.
    pub unsafe fn call(
        &self,
        func: FuncRef,
        args: &[i64],
        limits: &Limits,
    ) -> Result<i64, CallError> {
        let program = self.program;
        if program.function_offset(func.index) != Some(func.offset) {
            return Err(CallError::NoSuchFunction);
        }
        if args.len() != func.arity {
            return Err(CallError::WrongArgCount {
                expected: func.arity,
                got: args.len(),
            });
        }
        let frames = limits
            .stack_bytes
            .saturating_sub(TRAMPOLINE_STACK + 8 * args.len())
            / program.code.max_frame.max(1);
        let mut context = Context {
            depth_left: u64::from(limits.recursion_limit).min(frames as u64),
            fuel_left: limits.fuel.unwrap_or(u64::MAX),
            saved_rsp: 0,
            trap_code: 0,
        };
        let mut padded = [0i64; 6];
        let all: Vec<i64>;
        let args_ptr = if args.len() <= 6 {
            padded[..args.len()].copy_from_slice(args);
            padded.as_ptr()
        } else {
            all = args.to_vec();
            all.as_ptr()
        };
        let stack_args = args.len().saturating_sub(6) as u64;
        let entry = self.run_address + program.code.trampoline;
        // SAFETY: the caller of `executable` promised the trampoline is
        // there and executable; it follows the sysv64 convention.
        let result = unsafe {
            let trampoline: Trampoline = core::mem::transmute::<usize, Trampoline>(entry);
            trampoline(
                &mut context,
                self.run_address + func.offset,
                args_ptr,
                stack_args,
            )
        };
        match context.trap_code {
            0 => Ok(result),
            code => Err(CallError::Trap(
                program.code.traps.exception(code).unwrap_or_else(|| {
                    crate::trap::Exception::new(crate::trap::Trap::ValueError, "unknown trap")
                }),
            )),
        }
    }
}

impl Program {
    fn function_offset(&self, index: usize) -> Option<usize> {
        self.functions.get(index).map(|(_, o)| *o)
    }

    /// The trap table (for tools that decode trap codes).
    pub fn traps(&self) -> &TrapTable {
        &self.code.traps
    }
}

impl core::error::Error for LoadError {}
