//! QEMU's firmware configuration device (`-fw_cfg name=...,string=...`):
//! the launcher's way to pass options to the kernel, since `bootloader`
//! passes no command line. Read through I/O ports 0x510 (selector) and
//! 0x511 (data); every multi-byte field of the file directory is big-endian.

use x86_64::instructions::port::Port;

const SELECTOR: u16 = 0x510;
const DATA: u16 = 0x511;
const SIGNATURE_KEY: u16 = 0x0000;
const FILE_DIRECTORY_KEY: u16 = 0x0019;
const NAME_LEN: usize = 56;

fn select(key: u16) {
    // SAFETY: port 0x510 is fw_cfg's selector on QEMU's PC machines;
    // elsewhere the write goes nowhere and the signature check fails.
    unsafe { Port::<u16>::new(SELECTOR).write(key) };
}

fn read(buffer: &mut [u8]) {
    let mut data = Port::<u8>::new(DATA);
    for byte in buffer {
        // SAFETY: reading fw_cfg's data port only advances its offset.
        *byte = unsafe { data.read() };
    }
}

fn read_be<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    read(&mut bytes);
    bytes
}

/// Copies the fw_cfg file `name` into `buffer`; the bytes copied, or
/// `None` when there is no such file (or no fw_cfg device).
pub fn file(name: &str, buffer: &mut [u8]) -> Option<usize> {
    select(SIGNATURE_KEY);
    if &read_be::<4>() != b"QEMU" {
        return None;
    }
    select(FILE_DIRECTORY_KEY);
    let count = u32::from_be_bytes(read_be());
    for _ in 0..count {
        let size = u32::from_be_bytes(read_be()) as usize;
        let key = u16::from_be_bytes(read_be());
        let _reserved: [u8; 2] = read_be();
        let entry: [u8; NAME_LEN] = read_be();
        let len = entry.iter().position(|&b| b == 0).unwrap_or(NAME_LEN);
        if &entry[..len] == name.as_bytes() {
            select(key);
            let n = size.min(buffer.len());
            read(&mut buffer[..n]);
            return Some(n);
        }
    }
    None
}
