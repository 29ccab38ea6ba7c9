//! Executable memory for compiled programs: pages from `mmap`, written
//! while read-write, switched to read-execute before the first call, never
//! writable and executable at once, unmapped on drop. Optionally described
//! to GDB ([`Loaded::register_with_debuggers`]) until then.

use crate::debug_object::{self, BuildError};
use crate::gdb_jit::{self, Registration};
use memmap2::{Mmap, MmapMut};
use minijit::{Arg, CallError, Code, FuncRef, Host, Limits, Program};

/// A program's code in executable pages.
pub struct Loaded<'p> {
    /// GDB's symbol file for the pages, if registered; declared before
    /// them so that GDB forgets the code before the pages are unmapped.
    debugger: Option<Registration>,
    code: Code<'p>,
    pages: Mmap,
}

/// Why code could not be loaded.
#[derive(Debug)]
pub struct LoadFailure(pub String);

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Maps pages for `program`, writes its code, and makes them executable.
pub fn load(program: &Program) -> Result<Loaded<'_>, LoadFailure> {
    let size = program.code_size().max(1);
    let mut pages = MmapMut::map_anon(size)
        .map_err(|e| LoadFailure(format!("cannot map {size} bytes: {e}")))?;
    let address = pages.as_ptr() as usize;
    let written = program
        .write_code(&mut pages[..], address)
        .map_err(|e| LoadFailure(e.to_string()))?;
    let pages = pages
        .make_exec()
        .map_err(|e| LoadFailure(format!("cannot make code executable: {e}")))?;
    debug_assert_eq!(pages.as_ptr() as usize, address);
    // SAFETY: the pages hold the bytes just written and are now mapped
    // read + execute; they live as long as the returned value.
    let code = unsafe { written.executable() };
    Ok(Loaded {
        debugger: None,
        code,
        pages,
    })
}

impl<'p> Loaded<'p> {
    /// The code, to call on a thread of the caller's choosing (see
    /// [`Code::call`] for the stack it must have to spare).
    pub fn code(&self) -> &Code<'p> {
        &self.code
    }

    /// The address the code starts at: offset 0 of [`Program::bytes`]
    /// (for symbol maps such as perf's).
    pub fn address(&self) -> usize {
        self.pages.as_ptr() as usize
    }

    /// Tells GDB (through its JIT interface, whether or not a debugger is
    /// attached now) the names, source lines and frame layouts of the
    /// code, so that backtraces through it show `fib at f.py:4`; the code
    /// is unregistered when this is dropped. `source_file` is the name
    /// the lines are shown under (the path given on the command line).
    ///
    /// # Errors
    /// A program compiled without [`minijit::Options::debug_info`].
    pub fn register_with_debuggers(
        &mut self,
        program: &Program,
        source_file: &str,
    ) -> Result<(), BuildError> {
        let file = debug_object::build(program, self.address() as u64, source_file)?;
        self.debugger = Some(gdb_jit::register(file));
        Ok(())
    }

    /// Calls a function of integers that returns an integer, with no host
    /// functions (a shorthand for tests; a `None` function gives 0).
    pub fn call_ints(
        &self,
        func: FuncRef,
        args: &[i64],
        limits: &Limits,
    ) -> Result<i64, CallError> {
        let mut args = minijit::ints(args);
        self.call(func, &mut args, limits, &mut minijit::NoHost)
            .map(|v| v.unwrap_or(0))
    }

    /// Calls `func` on a fresh thread whose stack holds `limits.stack_bytes`
    /// for the code plus room for Rust (and the host functions) around the
    /// call; `Ok(None)` for a function that returns `None`.
    pub fn call(
        &self,
        func: FuncRef,
        args: &mut [Arg<'_>],
        limits: &Limits,
        host: &mut (dyn Host + Send),
    ) -> Result<Option<i64>, CallError> {
        let stack = thread_stack(limits.stack_bytes);
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(stack)
                .spawn_scoped(scope, || {
                    // SAFETY: this thread was created with more stack than
                    // `limits.stack_bytes` plus what Rust uses around it.
                    unsafe { self.code.call(func, args, limits, host) }
                })
                .map_err(|e| CallError::NotRun(format!("cannot start a thread: {e}")))?
                .join()
                .map_err(|_| CallError::NotRun("a host function panicked".into()))?
        })
    }
}

/// `limits` with enough stack for `program` to reach the recursion limit,
/// so that RecursionError comes exactly at the limit.
pub fn with_full_stack(program: &Program, limits: &Limits) -> Limits {
    Limits {
        stack_bytes: program.stack_needed(limits.recursion_limit),
        ..limits.clone()
    }
}

/// Stack a call's thread has beyond `Limits::stack_bytes`: room for Rust
/// and the host functions around the compiled code.
const AROUND_THE_CODE: usize = 256 << 10;

/// The stack [`Loaded::call`] asks for its thread when the code may use
/// `stack_bytes`.
fn thread_stack(stack_bytes: usize) -> usize {
    stack_bytes.saturating_add(AROUND_THE_CODE)
}

/// Whether [`Loaded::call`] can start its thread for a call that may use
/// `stack_bytes` of stack, now: the system may refuse to map the stack of
/// a huge recursion limit (`RLIMIT_AS`, overcommit rules, address space).
pub fn can_start_call(stack_bytes: usize) -> bool {
    std::thread::Builder::new()
        .stack_size(thread_stack(stack_bytes))
        .spawn(|| {})
        .is_ok_and(|thread| thread.join().is_ok())
}

/// The largest `stack_bytes`, up to `stack_bytes`, for which
/// [`can_start_call`] holds now, found by trying to within 1% (a few dozen
/// thread starts at most); 0 if none does.
pub fn largest_call_stack(stack_bytes: usize) -> usize {
    if can_start_call(stack_bytes) {
        return stack_bytes;
    }
    // `fits` can start a call, `fails` cannot.
    let (mut fits, mut fails) = (0, stack_bytes);
    while fails - fits > (fits / 100).max(4096) {
        let mid = fits + (fails - fits) / 2;
        if can_start_call(mid) {
            fits = mid;
        } else {
            fails = mid;
        }
    }
    fits
}
