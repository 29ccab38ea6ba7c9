//! GDB sees jitted code: `gdb -batch` runs `minijit run` on a recursive
//! function that calls `print`, stops in the command line's `print`
//! callback, and the backtrace names the jitted frames with their file
//! and line and goes on through the trampoline into the Rust that called
//! the code. Needs `gdb` on the PATH: without it the test fails on CI
//! (`CI=true`) and is skipped elsewhere.

use std::process::Command;

/// The program: `print` is called from line 3, in the innermost of a few
/// recursive frames that are at line 5 (every other call a real one: the
/// optimizer unrolls the recursion once).
const COUNTDOWN: &str = "\
def countdown(n):
    if n == 0:
        print(n)
        return 0
    return countdown(n - 1) + 1
";

fn gdb_available() -> bool {
    Command::new("gdb")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn backtrace_names_jitted_frames_and_unwinds_into_rust() {
    if !gdb_available() {
        let on_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!on_ci, "gdb is not installed; CI must install it (.ci/run)");
        eprintln!("note: gdb is not installed; skipping the GDB JIT interface test");
        return;
    }
    let dir = std::env::temp_dir().join(format!("minijit-gdb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("countdown.py"), COUNTDOWN).unwrap();
    let out = Command::new("gdb")
        .current_dir(&dir)
        .args(["-batch", "-nx"])
        // The breakpoint is pending until the binary is running; answer
        // its question, and take no other input.
        .args(["-ex", "set breakpoint pending on"])
        .args(["-ex", "break minijit::print_host"])
        .args(["-ex", "run"])
        .args(["-ex", "bt"])
        .args(["-ex", "kill"])
        .arg("--args")
        .arg(env!("CARGO_BIN_EXE_minijit"))
        .args(["run", "countdown.py", "countdown", "5"])
        .output()
        .expect("gdb runs");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    let frames: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    let report = format!(
        "backtrace:\n{}\n--- gdb stdout ---\n{text}\n--- gdb stderr ---\n{}",
        frames.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let position = |pattern: &str| frames.iter().position(|f| f.contains(pattern));
    let innermost = position("in countdown () at countdown.py:3")
        .unwrap_or_else(|| panic!("no jitted frame at the print call\n{report}"));
    let callers: Vec<usize> = (0..frames.len())
        .filter(|&i| frames[i].contains("in countdown () at countdown.py:5"))
        .collect();
    assert!(callers.len() >= 2, "several recursive callers\n{report}");
    assert!(callers.iter().all(|&i| i > innermost), "{report}");
    let trampoline =
        position("minijit::trampoline").unwrap_or_else(|| panic!("no trampoline frame\n{report}"));
    let rust_caller = position("minijit::code::Code::call")
        .unwrap_or_else(|| panic!("the unwinding stopped at the jitted code\n{report}"));
    assert!(
        callers.iter().all(|&i| i < trampoline) && trampoline < rust_caller,
        "{report}"
    );
}
