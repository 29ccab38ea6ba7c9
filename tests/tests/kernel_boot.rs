//! Boots the bare-metal demo kernel under QEMU (software emulation, no KVM)
//! and checks what it printed on its serial port: every call's result
//! equals the reference interpreter's (computed here, on the host), every
//! exception kind is raised and survived, both W^X faults are recovered,
//! and the kernel ends QEMU with its success code.
//!
//! The kernel is booted once; each test reads the same output. The launcher
//! binary and its boot images are built by cargo before this test runs (an
//! artifact dev-dependency), so a cold build never counts against the
//! time-out.

#[allow(dead_code)]
#[path = "../../kernel/os/src/programs.rs"]
mod programs;

use minijit::interp::Interpreter;
use minijit::{compile_to_ir, Options};
use programs::{Call, Demo, BENCHMARKS, TRAPS, TRAP_KINDS};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The launcher binary (package `kernel`), built by cargo.
const LAUNCHER: &str = env!("CARGO_BIN_FILE_KERNEL");

/// Kill QEMU after this long; a boot takes a few seconds under TCG.
const TIMEOUT_SECS: &str = "60";

struct Boot {
    /// The kernel's serial output, one entry per line.
    lines: Vec<String>,
    /// The launcher's own messages.
    stderr: String,
    success: bool,
    took: Duration,
}

/// Fails, saying why, when QEMU is missing: CI installs it, so a missing
/// QEMU is a broken set-up, not a reason to skip.
fn require_qemu() {
    let qemu = std::env::var("QEMU").unwrap_or_else(|_| "qemu-system-x86_64".into());
    if Command::new(&qemu).arg("--version").output().is_err() {
        panic!(
            "{qemu} not found: the kernel boot test needs QEMU \
             (Debian: apt-get install qemu-system-x86; .ci/run installs it)"
        );
    }
}

fn boot() -> &'static Boot {
    static BOOT: OnceLock<Boot> = OnceLock::new();
    BOOT.get_or_init(|| {
        require_qemu();
        let started = Instant::now();
        let output = Command::new(LAUNCHER)
            .args(["--timeout", TIMEOUT_SECS])
            .output()
            .unwrap_or_else(|e| panic!("cannot run the launcher {LAUNCHER}: {e}"));
        let took = started.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let boot = Boot {
            lines: stdout.lines().map(str::to_string).collect(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            success: output.status.success(),
            took,
        };
        eprintln!("kernel boot took {took:?}; launcher said:\n{}", boot.stderr);
        boot
    })
}

fn show_output(boot: &Boot) -> String {
    format!(
        "--- kernel output ---\n{}\n--- launcher ---\n{}",
        boot.lines.join("\n"),
        boot.stderr
    )
}

/// The line the kernel must print for `call`: what the interpreter says.
fn expected_line(demo: &Demo, call: &Call) -> String {
    let module = compile_to_ir(
        demo.source,
        &Options {
            fuel: demo.fuel,
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{}", e.render(demo.name, demo.source)));
    let id = module.function_id(call.func).expect("the function exists");
    let result = Interpreter::new(&module)
        .with_recursion_limit(call.recursion_limit)
        .with_fuel(call.fuel)
        .call_ints(id, call.args);
    let args: Vec<String> = call.args.iter().map(i64::to_string).collect();
    let call_text = format!("{}({})", call.func, args.join(", "));
    match result {
        Ok(value) => format!("{call_text} = {value}"),
        Err(e) => format!("{call_text} -> {e}"),
    }
}

/// A call line: `f(1, 2) = 3` or `f(1, 0) -> ZeroDivisionError: ...`.
fn is_call_line(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && (line.contains(") = ") || line.contains(") -> "))
}

#[test]
fn the_kernel_boots_and_reports_success() {
    let boot = boot();
    assert!(boot.success, "the launcher failed\n{}", show_output(boot));
    assert!(
        boot.lines
            .iter()
            .any(|l| l == "minijit-os: all checks passed"),
        "{}",
        show_output(boot)
    );
    assert!(
        !boot.lines.iter().any(|l| l.starts_with("CHECK FAILED")),
        "{}",
        show_output(boot)
    );
}

#[test]
fn every_call_answers_what_the_interpreter_answers() {
    let boot = boot();
    let printed: Vec<&String> = boot.lines.iter().filter(|l| is_call_line(l)).collect();
    let mut expected: Vec<String> = BENCHMARKS
        .iter()
        .chain(TRAPS)
        .flat_map(|demo| demo.calls.iter().map(move |call| expected_line(demo, call)))
        .collect();
    // After the write to its code page, the first benchmark runs again.
    let again = &BENCHMARKS[0];
    expected.extend(again.calls.iter().map(|call| expected_line(again, call)));
    assert_eq!(
        printed,
        expected.iter().collect::<Vec<_>>(),
        "{}",
        show_output(boot)
    );
    assert!(expected.iter().any(|l| l == "fib(20) = 6765"));
}

#[test]
fn every_exception_kind_is_raised_and_the_code_still_runs() {
    let boot = boot();
    let calls: Vec<&String> = boot.lines.iter().filter(|l| is_call_line(l)).collect();
    for kind in TRAP_KINDS {
        let raised = calls
            .iter()
            .position(|l| l.contains(&format!(") -> {kind}")))
            .unwrap_or_else(|| panic!("no call raised {kind}\n{}", show_output(boot)));
        let next = calls.get(raised + 1).map(|l| l.as_str()).unwrap_or("");
        assert!(
            next.contains(") = "),
            "after {} the next call must return a value, not {next:?}\n{}",
            calls[raised],
            show_output(boot)
        );
    }
    assert!(calls
        .iter()
        .any(|l| l.starts_with("div(1, 0) -> ZeroDivisionError: ")));
}

#[test]
fn writing_code_and_executing_data_fault_and_the_kernel_recovers() {
    let boot = boot();
    let find = |prefix: &str| {
        boot.lines
            .iter()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting {prefix:?}\n{}", show_output(boot)))
    };
    let write = find("fault recovered: write to code page ");
    assert!(boot.lines[write].contains(": page fault at "));
    // The code whose page was written to still answers.
    assert!(
        is_call_line(&boot.lines[write + 1]),
        "{}",
        show_output(boot)
    );
    let execute = find("fault recovered: execute data page ");
    assert!(boot.lines[execute].contains(": page fault at "));
    assert_eq!(
        boot.lines[execute + 1],
        "the same page remapped R+X returns 42"
    );
    find("fault recovered: read of a non-canonical address: general protection fault");
    find("fault recovered: ud2: invalid opcode");
}

#[test]
fn boot_time_is_reported_by_kernel_and_launcher() {
    let boot = boot();
    let line = boot
        .lines
        .iter()
        .find(|l| l.starts_with("boot to first result: "))
        .unwrap_or_else(|| panic!("no boot time\n{}", show_output(boot)));
    assert!(line.contains(" ms from kernel entry"), "{line}");
    assert!(
        boot.stderr.contains("QEMU wall clock: first result "),
        "{}",
        boot.stderr
    );
    // Generous: the time-out is the real limit, this only catches a boot
    // that became an order of magnitude slower.
    assert!(boot.took < Duration::from_secs(45), "took {:?}", boot.took);
}

#[test]
fn the_interactive_mode_compiles_and_calls_what_is_typed() {
    require_qemu();
    // The leading empty lines may be eaten while the UART is set up.
    let input = "\n\ndef sq(x):\n    return x * x\n\nsq(12)\n\
                 def spin(n):\n    while 1:\n        n += 1\n    return n\n\n\
                 spin(0)\nsq(3037000500)\n:quit\n";
    let mut child = Command::new(LAUNCHER)
        .args(["--interactive", "--timeout", TIMEOUT_SECS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the launcher starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the launcher reads its input");
    let output = child.wait_with_output().expect("the launcher ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let after_demo = stdout
        .split_once("minijit-os: all checks passed")
        .map_or("", |(_, rest)| rest);
    let answers: Vec<&str> = after_demo
        .lines()
        .filter(|l| !l.starts_with(">>>") && !l.starts_with("..."))
        .collect();
    for want in [
        "144",
        "FuelExhausted: the call ran out of fuel",
        "OverflowError: integer result does not fit in 64 bits",
    ] {
        assert!(answers.contains(&want), "no {want:?} in\n{stdout}");
    }
    assert!(output.status.success(), "{stdout}");
}
