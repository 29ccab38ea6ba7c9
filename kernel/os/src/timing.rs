//! Time: the TSC counts cycles from kernel entry on; the PIT, whose input
//! clock is 1.193182 MHz on every PC (and in QEMU), tells how fast it runs.
//! Under QEMU's software emulation neither CPUID leaf 0x15 nor 0x16 is
//! there, so the PIT is the one clock the kernel can trust everywhere.
//!
//! The host may pause the emulated CPU at any moment (for tens of
//! milliseconds on a busy machine), so the calibration never times a wait:
//! it reads the TSC and PIT channel 2's counter together, twice, and keeps
//! a pair only if nothing paused the CPU between its two halves.

use x86_64::instructions::port::Port;

/// The PIT's input clock, in Hz.
const PIT_HZ: u64 = 1_193_182;
/// PIT ticks between the two readings: 20 ms.
const WINDOW: u16 = (PIT_HZ / 50) as u16;
/// Largest TSC gap inside one reading: far more than three port accesses
/// take under emulation, far less than a pause of the CPU.
const MAX_GAP: u64 = 200_000;

/// The time-stamp counter.
pub fn rdtsc() -> u64 {
    // SAFETY: RDTSC exists on every x86-64 CPU and has no side effects.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// PIT channel 2: the speaker channel, whose output is readable at port
/// 0x61 and which nothing else in the kernel uses.
struct Channel2 {
    gate: Port<u8>,
    command: Port<u8>,
    data: Port<u8>,
}

impl Channel2 {
    fn new() -> Channel2 {
        Channel2 {
            gate: Port::new(0x61),
            command: Port::new(0x43),
            data: Port::new(0x42),
        }
    }

    /// Starts counting down from 0xFFFF (55 ms) in mode 0, whose output
    /// goes high when the count passes zero.
    fn start(&mut self) {
        // SAFETY: these ports are the PIT and its gate on every PC; the
        // speaker stays off (bit 1 of port 0x61 cleared).
        unsafe {
            let gate = (self.gate.read() & !0x02) | 0x01;
            self.gate.write(gate);
            self.command.write(0b1011_0000); // channel 2, lo/hi byte, mode 0
            self.data.write(0xFF);
            self.data.write(0xFF);
        }
    }

    fn count(&mut self) -> u16 {
        // SAFETY: a latch command followed by two reads of the latched
        // count; no other state changes.
        unsafe {
            self.command.write(0b1000_0000); // latch channel 2
            let low = self.data.read();
            let high = self.data.read();
            u16::from_le_bytes([low, high])
        }
    }

    fn passed_zero(&mut self) -> bool {
        // SAFETY: reading port 0x61 has no side effects.
        unsafe { self.gate.read() & 0x20 != 0 }
    }

    /// (TSC, PIT count) read together, or `None` if the CPU was paused
    /// between them.
    fn sample(&mut self) -> Option<(u64, u16)> {
        let before = rdtsc();
        let count = self.count();
        let after = rdtsc();
        (after - before < MAX_GAP).then_some((before, count))
    }
}

/// TSC ticks per millisecond: the median of three measurements.
pub fn tsc_per_ms() -> u64 {
    let mut rates = [0; 3];
    for rate in &mut rates {
        *rate = measure();
    }
    rates.sort_unstable();
    rates[1]
}

/// TSC ticks per millisecond over about 20 ms of PIT channel 2.
fn measure() -> u64 {
    let mut pit = Channel2::new();
    loop {
        pit.start();
        let Some((tsc0, count0)) = pit.sample() else {
            continue;
        };
        let (tsc1, count1) = loop {
            match pit.sample() {
                Some((tsc, count)) if count0.wrapping_sub(count) >= WINDOW => break (tsc, count),
                _ => core::hint::spin_loop(),
            }
        };
        // A pause longer than the countdown wraps the count: try again.
        if pit.passed_zero() {
            continue;
        }
        let ticks = u64::from(count0.wrapping_sub(count1));
        return (tsc1 - tsc0) * PIT_HZ / (ticks * 1000);
    }
}
