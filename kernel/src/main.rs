//! The launcher for the bare-metal demo. The kernel itself comes with the
//! kernel issue; until then this says so and fails.
fn main() {
    eprintln!("kernel: the bare-metal demo is not built yet; see README.md");
    std::process::exit(1);
}
