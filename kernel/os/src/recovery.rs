//! Recovery points: run code that is expected to fault, and come back.
//!
//! [`probe`] saves the callee-saved registers and the stack pointer, arms a
//! recovery point and calls the probe. If the probe faults, the fault
//! handler ([`crate::interrupts`]) finds the point armed, records the fault
//! and rewrites its interrupt stack frame so that `iretq` lands on
//! `minijit_probe_resume` with the saved stack pointer, which restores the
//! registers and makes `probe_call` return 1. Nothing is unwound: the probe's
//! frames are simply dropped, so probes must own nothing that needs `Drop`.
//!
//! [`catch_panic`] does the same for a panic: the panic handler calls
//! [`resume_after_panic`], which jumps to the point `catch_panic` armed.

use core::arch::global_asm;
use core::sync::atomic::{AtomicBool, Ordering};
use spin::Mutex;

/// Where to resume after a fault: filled in by `minijit_probe_call`.
#[repr(C)]
struct RecoveryPoint {
    saved_rsp: u64,
    resume: u64,
}

/// What the fault handler saw.
#[derive(Clone, Copy, Debug)]
pub struct Fault {
    /// The exception's name, e.g. "page fault".
    pub kind: &'static str,
    /// The instruction that faulted.
    pub rip: u64,
    /// The CPU's error code (0 when the exception has none).
    pub error_code: u64,
    /// CR2 for a page fault: the address that was accessed.
    pub address: Option<u64>,
}

static ARMED: AtomicBool = AtomicBool::new(false);
static mut POINT: RecoveryPoint = RecoveryPoint {
    saved_rsp: 0,
    resume: 0,
};
static LAST_FAULT: Mutex<Option<Fault>> = Mutex::new(None);

/// The recovery point of [`catch_panic`], armed while its closure runs.
static PANIC_ARMED: AtomicBool = AtomicBool::new(false);
static mut PANIC_POINT: RecoveryPoint = RecoveryPoint {
    saved_rsp: 0,
    resume: 0,
};

// minijit_probe_call(target: rdi, arg: rsi, point: rdx) -> rax (0 or 1).
// SysV: rbx, rbp, r12-r15 are callee-saved; after the six pushes the stack
// is 8 bytes off 16-byte alignment, hence the `sub rsp, 8` around the call.
global_asm!(
    ".global minijit_probe_call",
    "minijit_probe_call:",
    "push rbx",
    "push rbp",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "mov [rdx], rsp",
    "lea rax, [rip + minijit_probe_resume]",
    "mov [rdx + 8], rax",
    "mov rax, rdi",
    "mov rdi, rsi",
    "sub rsp, 8",
    "call rax",
    "add rsp, 8",
    "xor eax, eax",
    "jmp 2f",
    ".global minijit_probe_resume",
    "minijit_probe_resume:",
    "mov eax, 1",
    "2:",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbp",
    "pop rbx",
    "ret",
);

unsafe extern "sysv64" {
    fn minijit_probe_call(target: Probe, arg: usize, point: *mut RecoveryPoint) -> u64;
}

/// Code to probe: a function of one argument that may fault.
pub type Probe = unsafe extern "sysv64" fn(usize);

/// Calls `target(arg)`, expecting it may fault.
///
/// # Errors
/// The fault, if the probe faulted (page fault, general protection fault
/// or invalid opcode); the kernel then goes on as if the probe returned.
///
/// # Safety
/// `target` must be safe to call with `arg` up to the point where it
/// faults (which may be its first instruction, if it is not executable);
/// it must own nothing that needs dropping and hold no lock when it faults.
pub unsafe fn probe(target: Probe, arg: usize) -> Result<(), Fault> {
    *LAST_FAULT.lock() = None;
    ARMED.store(true, Ordering::SeqCst);
    // SAFETY: the caller vouches for `target`; POINT is only written here
    // and read by the fault handler while ARMED, on this one CPU.
    let faulted = unsafe { minijit_probe_call(target, arg, &raw mut POINT) };
    ARMED.store(false, Ordering::SeqCst);
    match (faulted, LAST_FAULT.lock().take()) {
        (0, _) => Ok(()),
        (_, Some(fault)) => Err(fault),
        (_, None) => unreachable!("resumed without a recorded fault"),
    }
}

/// Called by a fault handler: if a probe is running, records `fault` and
/// returns the (instruction pointer, stack pointer) to resume at; `None`
/// means the fault is unexpected.
pub fn take(fault: Fault) -> Option<(u64, u64)> {
    if !ARMED.swap(false, Ordering::SeqCst) {
        return None;
    }
    // The probe never holds this lock while its target runs.
    *LAST_FAULT.lock() = Some(fault);
    // SAFETY: ARMED was set, so minijit_probe_call has filled POINT.
    let point = unsafe { (&raw const POINT).read_volatile() };
    Some((point.resume, point.saved_rsp))
}

/// Runs `f`; a panic inside it comes back here as `Err(())` (after the
/// panic handler printed its message) instead of ending the kernel.
/// Nothing is unwound: `f`'s frames are dropped as they stand. Nested,
/// the outermost call is the one a panic returns to.
///
/// # Safety
/// What `f`'s frames own must need no `Drop` (see
/// [`crate::allocator::in_workspace`], which empties the heap they
/// allocate from), and a panic must not leave what `f` borrows broken
/// halfway through a change; the panic handler frees the serial port's
/// lock and resumes only when no heap or page-table lock is held.
pub unsafe fn catch_panic(f: &mut dyn FnMut()) -> Result<(), ()> {
    /// Calls the closure `arg` points to.
    unsafe extern "sysv64" fn run(arg: usize) {
        // SAFETY: `arg` is the `&mut &mut dyn FnMut()` made below, alive
        // for the whole call.
        let f = unsafe { &mut *(arg as *mut &mut dyn FnMut()) };
        f();
    }
    if PANIC_ARMED.swap(true, Ordering::SeqCst) {
        f();
        return Ok(());
    }
    let mut f = f;
    // SAFETY: `run` is safe to call with the address of `f`; PANIC_POINT
    // is written only here and read by `resume_after_panic` while
    // PANIC_ARMED, on this one CPU.
    let panicked = unsafe { minijit_probe_call(run, &raw mut f as usize, &raw mut PANIC_POINT) };
    PANIC_ARMED.store(false, Ordering::SeqCst);
    match panicked {
        0 => Ok(()),
        _ => Err(()),
    }
}

/// Whether a panic now would return to [`catch_panic`].
pub fn catching_panics() -> bool {
    PANIC_ARMED.load(Ordering::SeqCst)
}

/// Called by the panic handler: if [`catch_panic`] is running a closure,
/// returns to it (as if the closure had ended) and does not come back.
pub fn resume_after_panic() {
    if !PANIC_ARMED.swap(false, Ordering::SeqCst) {
        return;
    }
    // SAFETY: PANIC_ARMED was set, so minijit_probe_call has filled
    // PANIC_POINT with a stack pointer of a frame below this one (the
    // panic happened inside the call), which is still live.
    unsafe {
        let point = (&raw const PANIC_POINT).read_volatile();
        core::arch::asm!(
            "mov rsp, {rsp}",
            "jmp {rip}",
            rsp = in(reg) point.saved_rsp,
            rip = in(reg) point.resume,
            options(noreturn)
        );
    }
}
