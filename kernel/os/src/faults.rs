//! W^X, shown by faults: writing to a code page and executing a data page
//! both fault, the fault handler returns control to the kernel, and the
//! kernel goes on (and calls the compiled code again). Two more probes
//! show the general-protection and invalid-opcode handlers recovering.

use crate::demo::{self, Report};
use crate::jit::{self, EXECUTABLE, WRITABLE};
use crate::paging;
use crate::println;
use crate::programs::BENCHMARKS;
use crate::recovery::{self, Fault};
use x86_64::structures::idt::PageFaultErrorCode;

/// # Safety
/// `address` must be writable, or the write is meant to fault.
unsafe extern "sysv64" fn write_byte(address: usize) {
    // SAFETY: the caller's promise.
    unsafe { (address as *mut u8).write_volatile(0xCC) };
}

/// # Safety
/// `address` must be readable, or the read is meant to fault.
unsafe extern "sysv64" fn read_word(address: usize) {
    // SAFETY: the caller's promise.
    unsafe { (address as *const u64).read_volatile() };
}

/// # Safety
/// Raises an invalid-opcode fault: call only under [`recovery::probe`].
unsafe extern "sysv64" fn undefined_instruction(_: usize) {
    // SAFETY: the caller expects the fault.
    unsafe { core::arch::asm!("ud2") };
}

/// `mov eax, 42; ret`
const RETURN_42: [u8; 6] = [0xB8, 42, 0, 0, 0, 0xC3];

/// Runs every probe; each must fault the way its comment says.
pub fn run(report: &mut Report) {
    write_to_code_page(report);
    execute_data_page(report);
    // SAFETY: read_word and undefined_instruction are sysv64 functions
    // that own nothing and hold no lock.
    let gp = unsafe { recovery::probe(read_word, 0x8000_0000_0000) };
    expect_fault(
        "read of a non-canonical address",
        gp,
        "general protection fault",
        0,
        report,
    );
    let ud = unsafe { recovery::probe(undefined_instruction, 0) };
    expect_fault("ud2", ud, "invalid opcode", 0, report);
}

fn write_to_code_page(report: &mut Report) {
    let demo = &BENCHMARKS[0];
    let Some(program) = demo::compile(demo, report) else {
        return;
    };
    let Some(loaded) = demo::load(demo.name, &program, report) else {
        return;
    };
    let address = loaded.base.as_u64();
    // SAFETY: write_byte is a sysv64 function that owns nothing.
    let result = unsafe { recovery::probe(write_byte, address as usize) };
    let bits = PageFaultErrorCode::PROTECTION_VIOLATION | PageFaultErrorCode::CAUSED_BY_WRITE;
    expect_fault(
        &alloc::format!("write to code page {address:#x}"),
        result,
        "page fault",
        bits.bits(),
        report,
    );
    // The code is unharmed and still runs.
    for call in demo.calls {
        demo::call_and_check(demo, &program, &loaded, call, report);
    }
}

fn execute_data_page(report: &mut Report) {
    let page = jit::reserve(1);
    if let Err(e) = paging::map(page, 1, WRITABLE) {
        report.fail(format_args!("cannot map a data page: {e}"));
        return;
    }
    // SAFETY: the page was just mapped writable and is ours alone.
    unsafe {
        core::ptr::copy_nonoverlapping(RETURN_42.as_ptr(), page.as_mut_ptr(), RETURN_42.len());
    }
    // SAFETY: the page holds `mov eax, 42; ret`, a sysv64 function that
    // ignores its argument; calling it is meant to fault because the page
    // is not executable.
    let result = unsafe {
        let target: recovery::Probe = core::mem::transmute(page.as_u64());
        recovery::probe(target, 0)
    };
    let bits = PageFaultErrorCode::PROTECTION_VIOLATION | PageFaultErrorCode::INSTRUCTION_FETCH;
    expect_fault(
        &alloc::format!("execute data page {:#x}", page.as_u64()),
        result,
        "page fault",
        bits.bits(),
        report,
    );
    // The same bytes run once the page is remapped read-only + executable.
    // SAFETY: no reference into the page is live.
    unsafe { paging::protect(page, 1, EXECUTABLE) };
    // SAFETY: the page now holds executable `mov eax, 42; ret`.
    let function: extern "sysv64" fn() -> u32 = unsafe { core::mem::transmute(page.as_u64()) };
    let value = function();
    println!("the same page remapped R+X returns {value}");
    if value != 42 {
        report.fail(format_args!("the remapped page returned {value}, not 42"));
    }
    // SAFETY: nothing uses the page any more.
    unsafe { paging::unmap(page, 1) };
}

/// Prints a recovered fault; fails unless it is of `kind` with at least
/// the error-code bits `bits`.
fn expect_fault(what: &str, result: Result<(), Fault>, kind: &str, bits: u64, report: &mut Report) {
    match result {
        Ok(()) => report.fail(format_args!("{what}: did not fault")),
        Err(fault) => {
            let address = fault.address.map(|a| alloc::format!(", address {a:#x}"));
            println!(
                "fault recovered: {what}: {} at rip {:#x}, error code {:#x}{}",
                fault.kind,
                fault.rip,
                fault.error_code,
                address.unwrap_or_default()
            );
            if fault.kind != kind || fault.error_code & bits != bits {
                report.fail(format_args!(
                    "{what}: expected a {kind} with error bits {bits:#x}"
                ));
            }
        }
    }
}
