//! The launcher of the bare-metal demo: `cargo run -p kernel` boots the
//! kernel image that `build.rs` made, under QEMU, streams the kernel's
//! serial output to stdout, and exits 0 exactly when the kernel reports
//! success through QEMU's `isa-debug-exit` device.
//!
//! ```text
//! cargo run -p kernel -- [--bios | --uefi] [--timeout SECS] [--interactive] [--compile-heap MIB]
//! ```

use std::io::{IsTerminal, Read, Write};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Disk images made by `build.rs` from the kernel built for
/// x86_64-unknown-none.
const BIOS_IMAGE: &str = env!("BIOS_IMAGE");
const UEFI_IMAGE: &str = env!("UEFI_IMAGE");

/// The value the kernel writes to port 0xf4 on success; QEMU exits with
/// `(value << 1) | 1`.
const KERNEL_SUCCESS: i32 = (0x10 << 1) | 1;

const USAGE: &str = "\
usage: cargo run -p kernel -- [OPTIONS]

Boots the minijit demo kernel in QEMU (software emulation, no KVM needed),
prints its serial output, and exits 0 when the kernel reports success.

options:
  --bios            boot with legacy BIOS (the default; the faster boot)
  --uefi            boot with UEFI firmware (OVMF)
  --timeout SECS    kill QEMU and fail after SECS seconds (default 60, none
                    when interactive)
  --interactive     after the demo, a prompt: define functions and call them
                    (Ctrl-A X quits QEMU, Ctrl-A C is its monitor); no time-out
  --compile-heap MIB
                    the heap the prompt compiles in, 1 to 64 MiB (default
                    32); a compile that needs more is a MemoryError
  --print-image     print the path of the disk image and exit
  -h, --help        this text

environment:
  QEMU              the QEMU binary (default qemu-system-x86_64)
  OVMF              the UEFI firmware (default /usr/share/ovmf/OVMF.fd)
";

struct Options {
    uefi: bool,
    interactive: bool,
    /// `None`: no time-out (the default when interactive).
    timeout: Option<Duration>,
    print_image: bool,
    /// `None`: the kernel's default.
    compile_heap_mib: Option<u32>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        uefi: false,
        interactive: false,
        timeout: None,
        print_image: false,
        compile_heap_mib: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bios" => options.uefi = false,
            "--uefi" => options.uefi = true,
            "--interactive" => options.interactive = true,
            "--print-image" => options.print_image = true,
            "--timeout" => {
                let secs = args.next().ok_or("--timeout needs a number of seconds")?;
                let secs: f64 = secs
                    .parse()
                    .map_err(|_| format!("--timeout: not a number of seconds: {secs}"))?;
                options.timeout = Some(Duration::from_secs_f64(secs));
            }
            "--compile-heap" => {
                let mib = args.next().ok_or("--compile-heap needs a size in MiB")?;
                let mib = mib.parse().ok().filter(|m| (1..=64).contains(m));
                let mib = mib.ok_or("--compile-heap: a size in MiB from 1 to 64")?;
                options.compile_heap_mib = Some(mib);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if options.timeout.is_none() && !options.interactive {
        options.timeout = Some(Duration::from_secs(60));
    }
    Ok(options)
}

fn qemu_command(options: &Options) -> Command {
    let qemu = std::env::var("QEMU").unwrap_or_else(|_| "qemu-system-x86_64".into());
    let image = if options.uefi { UEFI_IMAGE } else { BIOS_IMAGE };
    let mut command = Command::new(qemu);
    command
        // virtio: the firmware reads the image faster than through IDE.
        // snapshot: nothing writes the image, and other QEMUs may boot it
        // at the same time (the tests do).
        .arg("-drive")
        .arg(format!("format=raw,if=virtio,snapshot=on,file={image}"))
        .args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])
        // No network card: its option ROM only slows the firmware down.
        .args(["-nic", "none"])
        // A triple fault ends QEMU (with a status that is not success)
        // instead of rebooting into the demo again.
        .arg("-no-reboot");
    if options.uefi {
        let ovmf = std::env::var("OVMF").unwrap_or_else(|_| "/usr/share/ovmf/OVMF.fd".into());
        command.arg("-bios").arg(ovmf);
    }
    if let Some(mib) = options.compile_heap_mib {
        command.args([
            "-fw_cfg",
            &format!("name=opt/minijit/compile-heap,string={mib}"),
        ]);
    }
    if options.interactive {
        // The kernel reads its mode from fw_cfg and, after the demo, reads
        // lines from the serial port; Ctrl-A C switches to QEMU's monitor.
        // A terminal goes to QEMU as it is (QEMU puts it in raw mode, so
        // every key reaches the kernel at once); input from a pipe or a file
        // goes through the launcher, which holds it back until the prompt
        // is up (bytes sent while the kernel sets up its serial port are
        // lost) and ends it with Ctrl-D; its bytes all go to the kernel
        // (no monitor: a Ctrl-A in the data is the kernel's to read).
        let terminal = std::io::stdin().is_terminal();
        let serial = if terminal { "mon:stdio" } else { "stdio" };
        command.args(["-serial", serial, "-display", "none"]);
        command.args(["-fw_cfg", "name=opt/minijit/mode,string=interactive"]);
        if !terminal {
            command.stdin(Stdio::piped());
        }
    } else {
        command.args(["-serial", "stdio", "-display", "none"]);
        command.stdin(Stdio::null());
    }
    command
}

/// A line the kernel prints for a call that returned: `fib(20) = 6765`.
fn is_result_line(line: &str) -> bool {
    let starts_with_name = line
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_with_name && line.contains('(') && line.contains(") = ")
}

/// What the output stream tells the rest of the launcher.
struct Signals {
    /// When the first call result went by.
    first_result: mpsc::Sender<Instant>,
    /// That the kernel's prompt (`>>> `) is up.
    prompt: mpsc::Sender<()>,
}

/// Copies QEMU's output to stdout as it comes, byte by byte (a prompt and
/// what is typed show at once), without the serial port's carriage
/// returns; watches the lines for the first call result and the prompt.
fn stream(child: &mut Child, signals: Signals) -> std::thread::JoinHandle<()> {
    let mut output = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        let (mut seen_result, mut seen_prompt) = (false, false);
        let mut line: Vec<u8> = Vec::new();
        let mut buf = [0u8; 4096];
        let stdout = std::io::stdout();
        loop {
            let n = match output.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let chunk: Vec<u8> = buf[..n].iter().copied().filter(|&b| b != b'\r').collect();
            for &b in &chunk {
                if b == b'\n' {
                    let text = String::from_utf8_lossy(&line);
                    if !seen_result && is_result_line(&text) {
                        seen_result = true;
                        let _ = signals.first_result.send(Instant::now());
                    }
                    line.clear();
                } else {
                    line.push(b);
                }
            }
            // The prompt is up when `>>> ` is all there is of the last
            // line: the kernel waits (the help's `>>> sq(12)` goes on).
            if !seen_prompt && line.as_slice() == b">>> " {
                seen_prompt = true;
                let _ = signals.prompt.send(());
            }
            let mut out = stdout.lock();
            if out.write_all(&chunk).and_then(|()| out.flush()).is_err() {
                break;
            }
        }
    })
}

/// Sends the launcher's input to QEMU once the prompt is up, then Ctrl-D
/// (after a newline ending any last line) to end the session.
fn forward_input(child: &mut Child, prompt: mpsc::Receiver<()>) {
    let Some(mut to_qemu) = child.stdin.take() else {
        return;
    };
    std::thread::spawn(move || {
        if prompt.recv().is_err() {
            return;
        }
        let mut input = std::io::stdin().lock();
        let mut buf = [0u8; 4096];
        loop {
            match input.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to_qemu
                        .write_all(&buf[..n])
                        .and_then(|()| to_qemu.flush())
                        .is_err()
                    {
                        return;
                    }
                }
            }
        }
        let _ = to_qemu.write_all(b"\n\x04");
        let _ = to_qemu.flush();
    });
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            if message.is_empty() {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("kernel: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if options.print_image {
        println!("{}", if options.uefi { UEFI_IMAGE } else { BIOS_IMAGE });
        return ExitCode::SUCCESS;
    }
    let mut command = qemu_command(&options);
    command.stdout(Stdio::piped());
    let started = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!(
                "kernel: cannot start {:?}: {e}\n\
                 kernel: install QEMU (Debian: apt-get install qemu-system-x86{}) or set QEMU",
                command.get_program(),
                if options.uefi { " ovmf" } else { "" }
            );
            return ExitCode::from(2);
        }
    };
    let (first_result_tx, first_result) = mpsc::channel();
    let (prompt_tx, prompt) = mpsc::channel();
    let signals = Signals {
        first_result: first_result_tx,
        prompt: prompt_tx,
    };
    let streamer = stream(&mut child, signals);
    forward_input(&mut child, prompt);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if options.timeout.is_some_and(|t| started.elapsed() > t) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                eprintln!("kernel: waiting for QEMU: {e}");
                let _ = child.kill();
                break None;
            }
        }
    };
    let _ = streamer.join();
    let total = started.elapsed();
    if let Ok(at) = first_result.try_recv() {
        eprintln!(
            "kernel: QEMU wall clock: first result {} ms after QEMU started; QEMU ran {} ms",
            (at - started).as_millis(),
            total.as_millis()
        );
    }
    match status.map(|s| s.code()) {
        Some(Some(KERNEL_SUCCESS)) => {
            eprintln!("kernel: the kernel reported success");
            ExitCode::SUCCESS
        }
        Some(code) => {
            eprintln!("kernel: the kernel did not report success (QEMU exit status {code:?})");
            ExitCode::FAILURE
        }
        None => {
            eprintln!(
                "kernel: timed out after {:.1} s; QEMU killed",
                started.elapsed().as_secs_f64()
            );
            ExitCode::FAILURE
        }
    }
}
