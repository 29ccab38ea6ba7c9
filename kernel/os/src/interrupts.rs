//! The IDT: faults that the demo provokes on purpose (page fault, general
//! protection fault, invalid opcode) return to the armed recovery point;
//! any other fault, and every double fault, prints what happened and ends
//! the run with the failure code. Hardware interrupts stay disabled: the
//! kernel polls the serial port and the PIT, so it needs none.

use crate::qemu::{self, Verdict};
use crate::recovery::{self, Fault};
use crate::{gdt, serial};
use spin::Lazy;
use x86_64::registers::control::Cr2;
use x86_64::structures::idt::{InterruptDescriptorTable, InterruptStackFrame, PageFaultErrorCode};
use x86_64::VirtAddr;

static IDT: Lazy<InterruptDescriptorTable> = Lazy::new(|| {
    let mut idt = InterruptDescriptorTable::new();
    idt.page_fault.set_handler_fn(page_fault);
    idt.general_protection_fault
        .set_handler_fn(general_protection_fault);
    idt.invalid_opcode.set_handler_fn(invalid_opcode);
    idt.breakpoint.set_handler_fn(breakpoint);
    // SAFETY: the IST index names the double-fault stack that gdt::init
    // puts in the TSS, which no other handler uses.
    unsafe {
        idt.double_fault
            .set_handler_fn(double_fault)
            .set_stack_index(gdt::DOUBLE_FAULT_IST_INDEX);
    }
    idt
});

/// Loads the IDT. Call after [`gdt::init`].
pub fn init() {
    IDT.load();
}

/// Resumes at the armed recovery point, or reports the fault and fails.
fn recover_or_fail(frame: &mut InterruptStackFrame, fault: Fault) {
    match recovery::take(fault) {
        Some((rip, rsp)) => {
            // SAFETY: (rip, rsp) is the recovery point minijit_probe_call
            // saved on this stack, which is still live: the probe runs
            // below it. `iretq` restores the rest of the frame unchanged.
            unsafe {
                frame.as_mut().update(|f| {
                    f.instruction_pointer = VirtAddr::new(rip);
                    f.stack_pointer = VirtAddr::new(rsp);
                });
            }
        }
        None => {
            serial::print_emergency(format_args!(
                "unexpected fault: {} at rip {:#x}, error code {:#x}, address {:x?}\n",
                fault.kind, fault.rip, fault.error_code, fault.address
            ));
            qemu::exit(Verdict::Failure);
        }
    }
}

extern "x86-interrupt" fn page_fault(mut frame: InterruptStackFrame, code: PageFaultErrorCode) {
    let fault = Fault {
        kind: "page fault",
        rip: frame.instruction_pointer.as_u64(),
        error_code: code.bits(),
        address: Some(Cr2::read_raw()),
    };
    recover_or_fail(&mut frame, fault);
}

extern "x86-interrupt" fn general_protection_fault(mut frame: InterruptStackFrame, code: u64) {
    let fault = Fault {
        kind: "general protection fault",
        rip: frame.instruction_pointer.as_u64(),
        error_code: code,
        address: None,
    };
    recover_or_fail(&mut frame, fault);
}

extern "x86-interrupt" fn invalid_opcode(mut frame: InterruptStackFrame) {
    let fault = Fault {
        kind: "invalid opcode",
        rip: frame.instruction_pointer.as_u64(),
        error_code: 0,
        address: None,
    };
    recover_or_fail(&mut frame, fault);
}

extern "x86-interrupt" fn breakpoint(frame: InterruptStackFrame) {
    serial::print_emergency(format_args!(
        "breakpoint at {:#x}\n",
        frame.instruction_pointer.as_u64()
    ));
}

extern "x86-interrupt" fn double_fault(frame: InterruptStackFrame, _code: u64) -> ! {
    serial::print_emergency(format_args!(
        "double fault at rip {:#x}, rsp {:#x}\n",
        frame.instruction_pointer.as_u64(),
        frame.stack_pointer.as_u64()
    ));
    qemu::exit(Verdict::Failure)
}
