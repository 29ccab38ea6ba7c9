//! COM1, the kernel's only output: every demo line goes here, and QEMU
//! forwards it to the launcher's standard output (`-serial stdio`).

use core::fmt::{self, Write};
use spin::Mutex;
use uart_16550::backend::PioBackend;
use uart_16550::{Config, Uart16550};

/// The I/O port of COM1 on a PC.
const COM1: u16 = 0x3F8;

static PORT: Mutex<Option<Uart16550<PioBackend>>> = Mutex::new(None);

/// Sets up COM1. Until this runs, printing does nothing.
pub fn init() {
    // SAFETY: 0x3F8 is COM1 on a PC, and this module is the only code in
    // the kernel that touches those ports.
    let Ok(mut uart) = (unsafe { Uart16550::new_port(COM1) }) else {
        return;
    };
    // No loopback self-test: it costs boot time and QEMU's UART works.
    if uart.init(Config::default()).is_ok() {
        *PORT.lock() = Some(uart);
    }
}

struct Writer<'a>(&'a mut Uart16550<PioBackend>);

impl Write for Writer<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Plain `\n`: the launcher reads lines from a pipe, not a terminal.
        self.0.send_bytes_exact(s.as_bytes());
        Ok(())
    }
}

#[doc(hidden)]
pub fn _print(args: fmt::Arguments<'_>) {
    if let Some(uart) = PORT.lock().as_mut() {
        let _ = Writer(uart).write_fmt(args);
    }
}

/// Prints from a fault handler or the panic handler, which may have
/// interrupted code that holds the port's lock.
pub fn print_emergency(args: fmt::Arguments<'_>) {
    release_after_panic();
    _print(args);
}

/// Frees the port's lock from code that a fault or a panic interrupted
/// for good (the caller exits QEMU next, or resumes at a recovery point
/// below that code's frames). Its half-written line is lost.
pub fn release_after_panic() {
    // SAFETY: interrupts stay disabled and there is one CPU, so whoever
    // holds the lock is the code the handler interrupted, which never
    // resumes.
    unsafe { PORT.force_unlock() };
}

/// Prints to COM1.
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => ($crate::serial::_print(format_args!($($arg)*)));
}

/// Prints a line to COM1.
#[macro_export]
macro_rules! println {
    () => ($crate::print!("\n"));
    ($($arg:tt)*) => ($crate::print!("{}\n", format_args!($($arg)*)));
}

/// Waits for a byte from COM1 (polling: the kernel runs with interrupts
/// off).
pub fn read_byte() -> u8 {
    loop {
        if let Some(uart) = PORT.lock().as_mut() {
            if let Ok(byte) = uart.try_receive_byte() {
                return byte;
            }
        }
        core::hint::spin_loop();
    }
}
