//! Time: the TSC counts cycles from kernel entry on; the PIT, whose input
//! clock is 1.193182 MHz on every PC (and in QEMU), tells how fast it runs.
//! Under QEMU's software emulation neither CPUID leaf 0x15 nor 0x16 is
//! there, so the PIT is the one clock the kernel can trust everywhere.

use x86_64::instructions::port::Port;

/// The PIT's input clock, in Hz.
const PIT_HZ: u64 = 1_193_182;

/// The time-stamp counter.
pub fn rdtsc() -> u64 {
    // SAFETY: RDTSC exists on every x86-64 CPU and has no side effects.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// TSC ticks per millisecond: the median of five 20 ms measurements, since
/// under emulation the host may pause the guest in the middle of one.
pub fn tsc_per_ms() -> u64 {
    let mut rates = [0; 5];
    for rate in &mut rates {
        *rate = measure(20);
    }
    rates.sort_unstable();
    rates[rates.len() / 2]
}

/// TSC ticks per millisecond over `ms` milliseconds of PIT channel 2 (the
/// speaker channel, whose output is readable at port 0x61 and which nothing
/// else in the kernel uses).
fn measure(ms: u64) -> u64 {
    let count = PIT_HZ * ms / 1000;
    assert!(count > 0 && count <= 0xFFFF, "PIT count fits in 16 bits");
    let mut control = Port::<u8>::new(0x61);
    let mut mode = Port::<u8>::new(0x43);
    let mut channel2 = Port::<u8>::new(0x42);
    // SAFETY: ports 0x42, 0x43 and 0x61 are the PIT and its gate on every
    // PC; channel 2 drives only the speaker, which stays off (bit 1).
    unsafe {
        let gate = (control.read() & !0x02) | 0x01;
        control.write(gate);
        // Channel 2, low byte then high byte, mode 0 (output goes high
        // when the count reaches zero), binary.
        mode.write(0b1011_0000);
        channel2.write(count as u8);
        channel2.write((count >> 8) as u8);
        let start = rdtsc();
        while control.read() & 0x20 == 0 {
            core::hint::spin_loop();
        }
        (rdtsc() - start) / ms
    }
}
