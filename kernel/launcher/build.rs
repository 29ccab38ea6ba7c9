//! Makes the boot images: the kernel arrives as an artifact dependency
//! (built for x86_64-unknown-none), and `bootloader` wraps it in a BIOS and
//! a UEFI disk image whose paths the launcher gets at compile time.

use bootloader::{BiosBoot, BootConfig, UefiBoot};
use std::path::PathBuf;

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let kernel = PathBuf::from(
        std::env::var_os("CARGO_BIN_FILE_MINIJIT_OS").expect("the kernel artifact dependency"),
    );
    let mut config = BootConfig::default();
    // The bootloader's log on the frame buffer costs seconds under software
    // emulation, and on the serial port it would mix with the kernel's
    // lines; the kernel reports for itself.
    config.frame_buffer_logging = false;
    config.serial_logging = false;

    let bios = out_dir.join("minijit-bios.img");
    BiosBoot::new(&kernel)
        .set_boot_config(&config)
        .create_disk_image(&bios)
        .expect("making the BIOS image");
    let uefi = out_dir.join("minijit-uefi.img");
    UefiBoot::new(&kernel)
        .set_boot_config(&config)
        .create_disk_image(&uefi)
        .expect("making the UEFI image");

    println!("cargo:rustc-env=BIOS_IMAGE={}", bios.display());
    println!("cargo:rustc-env=UEFI_IMAGE={}", uefi.display());
}
