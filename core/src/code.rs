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
//! let mut args = [minijit::Arg::Int(7)];
//! let result = unsafe { code.call(sq, &mut args, &Default::default(), &mut minijit::NoHost) };
//! assert_eq!(result, Ok(Some(49)));
//! ```

use crate::backend::x86_64::abi::{Context, STACK_LIMIT_SLACK};
use crate::backend::x86_64::{runtime::TrapTable, MachineCode};
use crate::call::{check_args, recursion_error, Arg, CallError, Host, Limits};
use crate::debug_info::DebugInfo;
use crate::ir::{self, HostId, ParamKind, Returns, Signature};
use crate::trap::{Exception, Trap};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::sync::atomic::{AtomicUsize, Ordering};

/// Alignment the code memory must have (and the run address).
pub const CODE_ALIGN: usize = 16;

/// Stack used above the compiled functions' frames: the part of
/// [`Code::call`]'s own frame above the local it measures the stack from
/// (generous: debug builds have large frames) and the trampoline's pushes.
/// Stack arguments come on top.
const TRAMPOLINE_STACK: usize = 1024;

/// The trap code the host-call bridge stores when a host function raised;
/// the exception itself waits in [`HostState`].
const HOST_TRAP: u64 = u64::MAX;

/// Numbers given to programs, so that a [`FuncRef`] names its own.
static NEXT_PROGRAM: AtomicUsize = AtomicUsize::new(1);

/// A compiled program: machine code and what calls need (entry points,
/// signatures, the trap table), not yet in executable memory. The IR it was
/// compiled from is kept only when asked for ([`crate::Options::keep_ir`]):
/// a program holds little more than its code.
pub struct Program {
    id: usize,
    /// The code, position-independent.
    bytes: Vec<u8>,
    /// Offset of the entry trampoline in `bytes`.
    trampoline: usize,
    /// What the trap codes mean.
    traps: TrapTable,
    /// The largest stack frame of any function, in bytes.
    max_frame: usize,
    /// Each function's entry; their names and parameter kinds are
    /// consecutive in `names` and `params` (a table of a few bytes per
    /// function, rather than an allocation per name and signature).
    functions: Vec<Entry>,
    names: String,
    params: Vec<ParamKind>,
    fuel: bool,
    ir: Option<ir::Module>,
    /// Kept only when asked for ([`crate::Options::debug_info`]).
    debug: Option<alloc::boxed::Box<DebugInfo>>,
}

/// A function of a program: where its code, name and parameters end.
struct Entry {
    offset: u32,
    name_end: u32,
    params_end: u32,
    returns: Returns,
}

/// A function of a [`Program`], ready to call through that program's
/// [`Code`]. It can only be had from [`Program::function`], and a call
/// through another program's code is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncRef {
    program: usize,
    index: u32,
}

impl FuncRef {
    /// The function's index in its program (and in [`Program::ir`]).
    pub fn index(self) -> usize {
        self.index as usize
    }
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

impl Program {
    /// The program of `code`, compiled from `ir`, which it keeps if
    /// `keep_ir`.
    pub(crate) fn new(ir: ir::Module, code: MachineCode, keep_ir: bool) -> Program {
        let mut functions: Vec<Entry> = Vec::with_capacity(ir.functions.len());
        let mut names = String::with_capacity(ir.functions.iter().map(|f| f.name.len()).sum());
        let mut params =
            Vec::with_capacity(ir.functions.iter().map(|f| f.signature.params.len()).sum());
        for (f, &offset) in ir.functions.iter().zip(&code.entries) {
            names.push_str(&f.name);
            params.extend_from_slice(&f.signature.params);
            // Code, names and parameters are far below 4 GiB (the IR's
            // own indexes are u32).
            functions.push(Entry {
                offset: offset as u32,
                name_end: names.len() as u32,
                params_end: params.len() as u32,
                returns: f.signature.returns,
            });
        }
        let MachineCode {
            mut bytes,
            trampoline,
            traps,
            max_frame,
            fuel,
            debug,
            ..
        } = code;
        bytes.shrink_to_fit();
        Program {
            id: NEXT_PROGRAM.fetch_add(1, Ordering::Relaxed),
            bytes,
            trampoline,
            traps,
            max_frame,
            functions,
            names,
            params,
            fuel,
            ir: keep_ir.then_some(ir),
            debug: debug.map(alloc::boxed::Box::new),
        }
    }

    /// Bytes of memory the code needs.
    pub fn code_size(&self) -> usize {
        self.bytes.len()
    }

    /// The code itself (for disassembly; run it through [`Program::write_code`]).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The (optimized) IR the code was compiled from, if it was kept
    /// ([`crate::Options::keep_ir`]).
    pub fn ir(&self) -> Option<&ir::Module> {
        self.ir.as_ref()
    }

    /// Code ranges, source lines and frame layouts for debuggers and
    /// profilers, if they were asked for ([`crate::Options::debug_info`]).
    pub fn debug_info(&self) -> Option<&DebugInfo> {
        self.debug.as_deref()
    }

    /// The function called `name`.
    pub fn function(&self, name: &str) -> Option<FuncRef> {
        let index = (0..self.functions.len()).position(|i| self.name(i) == name)?;
        Some(FuncRef {
            program: self.id,
            index: index as u32,
        })
    }

    /// What `func` takes and returns; `None` for a function of another
    /// program.
    pub fn signature(&self, func: FuncRef) -> Option<Signature> {
        let (params, returns) = self.kinds(func)?;
        Some(Signature {
            params: params.to_vec(),
            returns,
        })
    }

    /// What `func` takes and returns, without making a [`Signature`].
    fn kinds(&self, func: FuncRef) -> Option<(&[ParamKind], Returns)> {
        if func.program != self.id {
            return None;
        }
        let entry = self.functions.get(func.index())?;
        Some((self.params_of(func.index()), entry.returns))
    }

    /// The parameter kinds of function `i`.
    fn params_of(&self, i: usize) -> &[ParamKind] {
        let start = i.checked_sub(1).map_or(0, |p| self.functions[p].params_end);
        &self.params[start as usize..self.functions[i].params_end as usize]
    }

    /// The name of function `i`.
    fn name(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.functions[p].name_end);
        &self.names[start as usize..self.functions[i].name_end as usize]
    }

    /// Every function: name and entry offset, in source order.
    pub fn functions(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        (0..self.functions.len()).map(|i| (self.name(i), self.functions[i].offset as usize))
    }

    /// Whether the code counts fuel (compiled with [`crate::Options::fuel`]).
    pub fn has_fuel(&self) -> bool {
        self.fuel
    }

    /// Stack that is always enough for a call that nests `recursion_limit`
    /// frames of the largest function (a call that is given less raises
    /// RecursionError when its stack runs out, never overruns it). Host
    /// functions need their own stack on top of this.
    pub fn stack_needed(&self, recursion_limit: u32) -> usize {
        let widest = (0..self.functions.len())
            .map(|i| self.params_of(i).iter().map(|p| p.width()).sum::<usize>());
        let stack_args = 8 * widest.max().unwrap_or(0);
        // `Code::call` reserves the trampoline's share and the stack
        // arguments, but the frames start below what it actually uses of
        // them (at most as much again); the slack folded into the limit
        // may go unused.
        2 * (TRAMPOLINE_STACK + stack_args)
            + STACK_LIMIT_SLACK as usize
            + (recursion_limit as usize).saturating_mul(self.max_frame)
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
        memory[..needed].copy_from_slice(&self.bytes);
        Ok(Written {
            program: self,
            run_address,
        })
    }

    /// The trap table (for tools that decode trap codes).
    pub fn traps(&self) -> &TrapTable {
        &self.traps
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

/// What the host-call bridge needs during one call: the embedder's host
/// and room for the exception a host function raises.
struct HostState<'h> {
    host: &'h mut dyn Host,
    raised: Option<Exception>,
}

/// Compiled code calls host functions through this (its address is in the
/// [`Context`], so the code itself holds no host address): `args` points
/// at `count` integers. A host exception is kept in the [`HostState`] and
/// flagged with [`HOST_TRAP`]; the code then unwinds.
extern "sysv64" fn host_bridge(ctx: *mut Context, id: u64, args: *const i64, count: u64) -> i64 {
    // SAFETY: compiled code passes the context of the running call, whose
    // `host_state` points at the `HostState` `Code::call` keeps alive for
    // the call, and `count` integers it has just stored at `args`.
    let (ctx, state, args) = unsafe {
        let ctx = &mut *ctx;
        let state = &mut *(ctx.host_state as *mut HostState<'_>);
        (
            ctx,
            state,
            core::slice::from_raw_parts(args, count as usize),
        )
    };
    match state.host.call(HostId(id as u32), args) {
        Ok(value) => value,
        Err(e) => {
            state.raised = Some(e);
            ctx.trap_code = HOST_TRAP;
            0
        }
    }
}

impl Code<'_> {
    /// Calls `func` with `args`; `Ok(None)` for a function that returns
    /// `None`. Host functions the program calls go to `host`.
    ///
    /// # Errors
    /// [`CallError::NoSuchFunction`] for a function of another program;
    /// [`CallError::WrongArgCount`], [`CallError::WrongArgKind`] or
    /// [`CallError::BufferTooLarge`] for arguments that do not fit its
    /// signature; [`CallError::FuelNotCompiled`] for a fuel budget the code
    /// cannot count; [`CallError::Trap`] when the program raises. The code
    /// can be called again after a trap.
    ///
    /// # Safety
    /// The current thread must have `limits.stack_bytes` of stack to spare,
    /// plus what the host functions use.
    pub unsafe fn call(
        &self,
        func: FuncRef,
        args: &mut [Arg<'_>],
        limits: &Limits,
        host: &mut dyn Host,
    ) -> Result<Option<i64>, CallError> {
        let program = self.program;
        let (params, returns) = program.kinds(func).ok_or(CallError::NoSuchFunction)?;
        check_args(params, args)?;
        if limits.fuel.is_some() && !program.fuel {
            return Err(CallError::FuelNotCompiled);
        }
        // The trampoline reads six register arguments, then the rest from
        // the stack: a call of up to eight values needs no allocation.
        let width: usize = params.iter().map(|p| p.width()).sum();
        // The trampoline and the arguments it copies come out of the
        // budget before any prologue can check it: a budget too small for
        // them is refused here, as a compiled call refuses a frame.
        let reserve = TRAMPOLINE_STACK + 8 * width;
        if reserve > limits.stack_bytes {
            return Err(recursion_error());
        }
        let mut inline = [0i64; 8];
        let mut spilled: Vec<i64> = Vec::new();
        let values: &mut [i64] = if width <= inline.len() {
            &mut inline
        } else {
            spilled.resize(width, 0);
            &mut spilled
        };
        // `check_args` made the values exactly `width` long.
        let mut slots = values.iter_mut();
        for arg in args.iter_mut() {
            let (first, length) = match arg {
                Arg::Int(v) => (*v, None),
                Arg::Bytes(b) => (b.as_ptr() as i64, Some(b.len() as i64)),
                Arg::ByteArray(b) => (b.as_mut_ptr() as i64, Some(b.len() as i64)),
                Arg::List(l) => (l.as_mut_ptr() as i64, Some(l.len() as i64)),
            };
            for v in core::iter::once(first).chain(length) {
                if let Some(slot) = slots.next() {
                    *slot = v;
                }
            }
        }
        let mut state = HostState { host, raised: None };
        // The stack pointer here is a little above where the trampoline
        // will run; everything the call may use lies below it. The budget
        // left for compiled frames, below the trampoline and the stack
        // arguments, ends at `floor`; every prologue checks that its own
        // frame stays above it (the limit has the slack folded in).
        let here = &state as *const HostState<'_> as usize;
        let floor = here.saturating_sub(limits.stack_bytes - reserve);
        let mut context = Context {
            depth_left: u64::from(limits.recursion_limit),
            fuel_left: limits.fuel.unwrap_or(u64::MAX),
            saved_rsp: 0,
            trap_code: 0,
            stack_limit: floor.saturating_add(STACK_LIMIT_SLACK as usize) as u64,
            host_bridge: host_bridge as *const () as u64,
            host_state: &mut state as *mut HostState<'_> as u64,
        };
        let stack_args = width.saturating_sub(6) as u64;
        let entry = self.run_address + program.trampoline;
        let offset = program.functions[func.index()].offset as usize;
        // SAFETY: the caller of `executable` promised the trampoline is
        // there and executable; it follows the sysv64 convention. The
        // buffers' addresses and lengths come from live slices borrowed for
        // the call, and the code reads or writes them only inside their
        // lengths.
        let result = unsafe {
            let trampoline: Trampoline = core::mem::transmute::<usize, Trampoline>(entry);
            trampoline(
                &mut context,
                self.run_address + offset,
                values.as_ptr(),
                stack_args,
            )
        };
        match context.trap_code {
            0 => Ok((returns == Returns::Int).then_some(result)),
            HOST_TRAP => Err(CallError::Trap(state.raised.take().unwrap_or_else(|| {
                Exception::new(Trap::ValueError, "a host function failed")
            }))),
            code => Err(CallError::Trap(
                program
                    .traps
                    .exception(code)
                    .unwrap_or_else(|| Exception::new(Trap::ValueError, "unknown trap")),
            )),
        }
    }
}

impl core::error::Error for LoadError {}
