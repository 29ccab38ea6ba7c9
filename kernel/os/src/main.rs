//! minijit-os: a bare-metal x86-64 kernel that JIT-compiles Python with
//! the same `core` crate as the host, maps the code with page tables it
//! controls, calls it, and survives whatever the code does.
//!
//! Booted by `bootloader` (see the launcher in `kernel/`); reports on COM1
//! and ends QEMU through the `isa-debug-exit` device.

#![no_std]
#![no_main]
#![feature(abi_x86_interrupt)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

mod allocator;
mod buffers;
mod call_stack;
mod compiler;
mod demo;
mod faults;
mod fw_cfg;
mod gdt;
mod interrupts;
mod jit;
mod memory;
mod paging;
mod programs;
mod qemu;
mod recovery;
mod repl;
mod serial;
mod timing;

use alloc::format;
use alloc::string::String;
use bootloader_api::config::{BootloaderConfig, Mapping};
use bootloader_api::{entry_point, BootInfo};
use qemu::Verdict;
use x86_64::VirtAddr;

/// The kernel stack holds the kernel's frames plus
/// [`demo::CALL_STACK_BYTES`] for compiled code.
const KERNEL_STACK_BYTES: u64 = 4 << 20;

const CONFIG: BootloaderConfig = {
    let mut config = BootloaderConfig::new_default();
    // All physical memory mapped at an offset: page tables and freed frames
    // are reached through it.
    config.mappings.physical_memory = Some(Mapping::Dynamic);
    config.kernel_stack_size = KERNEL_STACK_BYTES;
    config
};

entry_point!(kernel_main, config = &CONFIG);

fn kernel_main(boot_info: &'static mut BootInfo) -> ! {
    let entry_tsc = timing::rdtsc();
    serial::init();
    gdt::init();
    interrupts::init();
    if let Err(why) = init_memory(boot_info) {
        println!("minijit-os: {why}");
        qemu::exit(Verdict::Failure);
    }
    let compile_heap = match allocator::workspace_size() >> 20 {
        0 => String::new(),
        mib => format!("{mib} MiB compile heap, "),
    };
    println!(
        "minijit-os: booted; {} MiB usable, {} MiB heap, {compile_heap}{} KiB kernel stack, NXE and WP on",
        paging::usable_bytes() >> 20,
        allocator::HEAP_SIZE >> 20,
        KERNEL_STACK_BYTES >> 10
    );
    let verdict = run(entry_tsc);
    if interactive() {
        repl::run();
    }
    qemu::exit(verdict)
}

/// Whether the launcher asked for the prompt (`--interactive`).
fn interactive() -> bool {
    let mut mode = [0; 16];
    fw_cfg::file("opt/minijit/mode", &mut mode).is_some_and(|n| &mode[..n] == b"interactive")
}

/// The size of the compile heap in MiB: the launcher's `--compile-heap`
/// if it gave one the kernel can map, else the default.
fn workspace_mib() -> u64 {
    let mut text = [0; 8];
    let given = fw_cfg::file("opt/minijit/compile-heap", &mut text)
        .and_then(|n| core::str::from_utf8(&text[..n]).ok()?.parse::<u64>().ok());
    match given {
        Some(mib @ 1..=allocator::MAX_WORKSPACE_MIB) => mib,
        _ => allocator::DEFAULT_WORKSPACE_MIB,
    }
}

fn init_memory(boot_info: &'static mut BootInfo) -> Result<(), &'static str> {
    let offset = boot_info
        .physical_memory_offset
        .into_option()
        .ok_or("the bootloader did not map physical memory")?;
    let offset = VirtAddr::new(offset);
    // SAFETY: the bootloader mapped all physical memory at `offset` (as
    // CONFIG asks) and gives us its memory map, whose usable regions are
    // free; this runs once.
    unsafe {
        let frames = memory::Frames::new(&boot_info.memory_regions, offset);
        paging::init(offset, frames)?;
    }
    let region = paging::unused_region().ok_or("no free level-4 entry")?;
    // Only the prompt compiles in a heap of its own.
    let workspace = if interactive() { workspace_mib() } else { 0 };
    // SAFETY: the region is unmapped and used for nothing else; the heaps
    // take its first GiB, code the rest.
    unsafe { allocator::init(region, workspace) }.map_err(|_| "cannot map the heaps")?;
    jit::init(region + (1u64 << 30));
    Ok(())
}

fn run(entry_tsc: u64) -> Verdict {
    let mut report = demo::Report {
        failures: 0,
        first_result_tsc: None,
        raised: alloc::vec::Vec::new(),
        compiler: minijit::Compiler::new(),
    };
    println!("== benchmarks");
    for program in programs::BENCHMARKS {
        demo::run(program, &mut report);
    }
    // From here on the code window's page tables exist, so loading and
    // unloading modules must leave the count of frames in use unchanged.
    let frames_before = paging::frames_in_use();
    println!("== traps: each is followed by a call to the same code");
    for program in programs::TRAPS {
        demo::run(program, &mut report);
    }
    for kind in programs::TRAP_KINDS {
        if !report.raised.contains(&kind) {
            report.fail(format_args!("no call raised {kind}"));
        }
    }
    println!("== buffers and host functions");
    buffers::run(programs::BUFFERS, &mut report);
    println!("== faults");
    faults::run(&mut report);
    let frames_after = paging::frames_in_use();
    println!(
        "== frames in use: {frames_before} before the trap, buffer and probe programs, \
         {frames_after} after unmapping them"
    );
    if frames_after != frames_before {
        report.fail(format_args!("code or data frames were not freed"));
    }
    report_boot_time(entry_tsc, report.first_result_tsc);
    if report.failures == 0 {
        println!("minijit-os: all checks passed");
        Verdict::Success
    } else {
        println!("minijit-os: {} check(s) FAILED", report.failures);
        Verdict::Failure
    }
}

fn report_boot_time(entry_tsc: u64, first_result_tsc: Option<u64>) {
    let Some(first) = first_result_tsc else {
        return;
    };
    let per_ms = timing::tsc_per_ms().max(1);
    let micros = |ticks: u64| ticks * 1000 / per_ms;
    let to_first = micros(first - entry_tsc);
    println!(
        "boot to first result: {}.{:03} ms from kernel entry (TSC at {} MHz, calibrated against PIT channel 2)",
        to_first / 1000,
        to_first % 1000,
        per_ms / 1000
    );
    // The TSC starts at zero when the CPU resets, so its value at entry is
    // the time the firmware and the bootloader took.
    let before = micros(entry_tsc);
    println!(
        "firmware and bootloader before kernel entry: {}.{:03} ms (TSC since CPU reset)",
        before / 1000,
        before % 1000
    );
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // A panic while a line of the prompt runs goes back to the prompt,
    // unless it stopped the kernel's own bookkeeping halfway (a heap or the
    // page tables locked): then nothing can be trusted to go on.
    if recovery::catching_panics() && allocator::is_free() && paging::is_free() {
        serial::release_after_panic();
        // Running out of the compile heap is the caller's to report; any
        // other panic is said here (saying it later could need the heap).
        if !allocator::ran_out() {
            serial::print_emergency(format_args!("internal error, caught: {info}\n"));
        }
        recovery::resume_after_panic();
    }
    serial::print_emergency(format_args!("kernel panic: {info}\n"));
    qemu::exit(Verdict::Failure)
}
