//! Running machine code compiled straight from IR (not from source), for the
//! `ir_exec` fuzz target: [`minijit::backend::x86_64::compile`] gives
//! [`MachineCode`] but no [`minijit::Program`] (whose constructor is
//! private to `core`), so this maps the code and enters its trampoline the
//! way `minijit::code::Code::call` does.

use memmap2::{Mmap, MmapMut};
use minijit::backend::x86_64::abi::Context;
use minijit::backend::x86_64::MachineCode;
use minijit::{CallError, Exception, Trap};

/// Stack the trampoline uses besides the frames (as in `core/src/code.rs`).
const TRAMPOLINE_STACK: usize = 256;

type Trampoline = unsafe extern "sysv64" fn(*mut Context, usize, *const i64, u64) -> i64;

/// Machine code in executable pages.
pub struct RawCode {
    code: MachineCode,
    pages: Mmap,
}

impl RawCode {
    /// Maps pages, copies the code, makes them executable (never writable
    /// and executable at once).
    ///
    /// # Errors
    /// If the pages cannot be mapped or protected.
    pub fn load(code: MachineCode) -> std::io::Result<RawCode> {
        let mut pages = MmapMut::map_anon(code.bytes.len().max(1))?;
        pages[..code.bytes.len()].copy_from_slice(&code.bytes);
        let pages = pages.make_exec()?;
        Ok(RawCode { code, pages })
    }

    /// Calls function number `func` with `args`, at most `recursion_limit`
    /// frames deep and with `fuel` (the code counts it only where the IR
    /// has `fuel` instructions).
    ///
    /// # Errors
    /// The exception the code stopped with; [`CallError::NoSuchFunction`]
    /// for a bad index. The arity is the caller's to get right.
    pub fn call(
        &self,
        func: usize,
        args: &[i64],
        recursion_limit: u32,
        fuel: u64,
    ) -> Result<i64, CallError> {
        let entry = *self
            .code
            .entries
            .get(func)
            .ok_or(CallError::NoSuchFunction)?;
        let frame = self.code.max_frame.max(1);
        let stack_bytes = TRAMPOLINE_STACK + 8 * args.len() + recursion_limit as usize * frame;
        let base = self.pages.as_ptr() as usize;
        let run = || {
            let mut context = Context {
                depth_left: u64::from(recursion_limit),
                fuel_left: fuel,
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
            // SAFETY: the pages hold the code `backend::x86_64::compile`
            // produced, mapped read + execute for as long as `self` lives;
            // the trampoline follows the sysv64 convention with these
            // arguments (see `core/src/code.rs`), and this thread has room
            // for `recursion_limit` of the code's largest frames.
            let result = unsafe {
                let trampoline =
                    std::mem::transmute::<usize, Trampoline>(base + self.code.trampoline);
                trampoline(&mut context, base + entry, args_ptr, stack_args)
            };
            match context.trap_code {
                0 => Ok(result),
                code => Err(CallError::Trap(
                    self.code
                        .traps
                        .exception(code)
                        .unwrap_or_else(|| Exception::new(Trap::ValueError, "unknown trap code")),
                )),
            }
        };
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(stack_bytes + (256 << 10))
                .spawn_scoped(scope, run)
                .map_err(|e| CallError::Malformed(format!("cannot start a thread: {e}")))?
                .join()
                .map_err(|_| CallError::Malformed("the call panicked".into()))?
        })
    }
}
