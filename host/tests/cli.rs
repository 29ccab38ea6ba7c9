//! The `minijit` binary as a user runs it: output, exit status, messages.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn minijit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minijit"))
        .args(args)
        .output()
        .expect("the minijit binary runs")
}

/// Writes `contents` to a fresh file named `name` and returns its path.
fn source_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minijit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const FIB: &str = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\ndef div(a, b):\n    return a // b\n";

#[test]
fn run_prints_the_result() {
    let file = source_file("fib.py", FIB.as_bytes());
    for extra in [&[][..], &["--interp"][..]] {
        let mut args = vec!["run"];
        args.extend_from_slice(extra);
        args.extend([file.to_str().unwrap(), "fib", "20"]);
        let out = minijit(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), "6765\n");
    }
    let out = minijit(&["run", file.to_str().unwrap(), "div", "-7", "2"]);
    assert_eq!(stdout(&out), "-4\n");
}

#[test]
fn a_trap_prints_the_exception_and_exits_1() {
    let file = source_file("div.py", FIB.as_bytes());
    let out = minijit(&["run", file.to_str().unwrap(), "div", "1", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ZeroDivisionError: integer division or modulo by zero\n"
    );
    assert_eq!(stdout(&out), "");
}

/// An assert's message is written as Python writes it, line breaks at its
/// end included, with or without `--print-args`.
#[test]
fn an_assert_message_keeps_its_line_breaks() {
    let file = source_file(
        "assert_lines.py",
        b"def f(a):\n    assert a, \"a\\n\\n\"\n    return 1\n\ndef g(a):\n    assert a, \"\\n\"\n    return 1\n",
    );
    let path = file.to_str().unwrap();
    for extra in [&[][..], &["--print-args"][..], &["--interp"][..]] {
        for (func, want) in [
            ("f", "AssertionError: a\n\n\n"),
            ("g", "AssertionError: \n\n"),
        ] {
            let mut args = vec!["run"];
            args.extend_from_slice(extra);
            args.extend([path, func, "0"]);
            let out = minijit(&args);
            assert_eq!(out.status.code(), Some(1), "{extra:?} {func}");
            assert_eq!(stderr(&out), want, "{extra:?} {func}");
            assert_eq!(stdout(&out), "", "{extra:?} {func}");
        }
    }
}

#[test]
fn recursion_and_fuel_limits_are_settable() {
    let file = source_file("deep.py", b"def down(n):\n    if n == 0:\n        return 0\n    return down(n - 1)\n\ndef spin():\n    while True:\n        pass\n");
    let path = file.to_str().unwrap();
    let out = minijit(&["run", path, "down", "999"]);
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
    let out = minijit(&["run", path, "down", "1000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("RecursionError: "),
        "{}",
        stderr(&out)
    );
    let out = minijit(&["run", "--recursion-limit", "5000", path, "down", "4000"]);
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
    let out = minijit(&["run", "--fuel", "1000", path, "spin"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("FuelExhausted: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_compile_error_is_located_and_exits_2() {
    let file = source_file("half.py", b"def f(n):\n    return n * 0.5\n");
    let out = minijit(&["run", file.to_str().unwrap(), "f", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let want = format!(
        "{}:2:16: error: floats are not supported (only 64-bit integers)\n    return n * 0.5\n               ^^^\n",
        file.display()
    );
    assert_eq!(stderr(&out), want);
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let file = source_file("args.py", FIB.as_bytes());
    let path = file.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["run", path, "fib", "x"], "expected a decimal integer"),
        (&["run", path, "fib", "1.5"], "expected a decimal integer"),
        (
            &["run", path, "fib", "9223372036854775808"],
            "outside the 64-bit range",
        ),
        (&["run", path, "fib"], "takes 1 argument but 0 were given"),
        (
            &["run", path, "fib", "1", "2"],
            "takes 1 argument but 2 were given",
        ),
        (&["run", path, "nope"], "no function `nope`"),
        (&["run", "/nonexistent/file.py", "f"], "cannot read"),
    ];
    for (args, want) in cases {
        let out = minijit(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
    let out = minijit(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    let out = minijit(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn hostile_files_get_located_errors() {
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "latin1.py",
            b"def f():\n    return 1 # caf\xe9\n",
            // Located and shown as other errors are, the bad byte as U+FFFD.
            ":2:19: error: source is not valid UTF-8\n    return 1 # caf\u{fffd}\n                  ^",
        ),
        ("nul.py", b"def f():\n    return \x001\n", ":2:12: error:"),
        ("empty.py", b"", ""),
        (
            "tabs.py",
            b"def f():\n\tif 1:\n\t\treturn 1\n        return 2\n",
            ": error: inconsistent use of tabs and spaces",
        ),
    ];
    for (name, contents, want) in cases {
        let file = source_file(name, contents);
        let out = minijit(&["run", file.to_str().unwrap(), "f"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{name}");
    }
}

#[test]
fn ir_prints_the_functions() {
    let file = source_file("ir.py", FIB.as_bytes());
    let out = minijit(&["ir", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    // The command line's host function first, as every command declares it.
    assert!(
        text.starts_with("host print(...) -> none\n\nfunction fib {\nblock0(v0):\n"),
        "{text}"
    );
    assert!(text.contains("call fib("), "{text}");
    assert!(text.contains("function div {"), "{text}");
}

#[test]
fn ir_after_each_pass_names_the_passes() {
    let file = source_file("passes.py", FIB.as_bytes());
    let out = minijit(&["ir", "--passes", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for pass in minijit::opt::PASSES {
        assert!(
            text.contains(&format!("; after {pass}\n")),
            "{pass} missing:\n{text}"
        );
    }
    let optimized = stdout(&minijit(&["ir", "--opt", file.to_str().unwrap()]));
    assert!(
        text.ends_with(&format!("{optimized}\n")),
        "the last dump is the optimized IR"
    );
}

#[test]
fn no_arguments_runs_the_demo_and_help_explains() {
    let out = minijit(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().count() <= 80, "{text}");
    // The JIT compiled the sample and its machine code is shown.
    assert!(text.contains("bytes of machine code at 0x"), "{text}");
    assert!(text.contains("--- optimized IR of sum_squares"), "{text}");
    assert!(text.contains("--- machine code of sum_squares"), "{text}");
    assert!(text.contains(" imul "), "{text}");
    // Each call gives one answer in both columns, JIT and interpreter.
    for (call, answer) in [
        ("fib(27)", "196418"),
        ("sum_squares(3000000)", "8999995500000500000"),
        ("div(-7, 2)", "-4"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(call))
            .unwrap_or_else(|| panic!("no {call} line:\n{text}"));
        let words: Vec<&str> = line[call.len()..].split_whitespace().collect();
        assert_eq!(words[0], answer, "JIT column: {line}");
        assert_eq!(words[3], answer, "interpreter column: {line}");
        assert!(line.contains("same answer"), "{line}");
    }
    // Traps are caught and the process goes on.
    assert!(text.contains("div(1, 0) -> ZeroDivisionError"), "{text}");
    assert!(
        text.contains("sum_squares(4000000) -> OverflowError"),
        "{text}"
    );
    assert!(text.contains("fib(20) = 6765"), "{text}");
    let out = minijit(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("run"));
}

const BUFFERS: &str = "\
def fill(b: bytearray, v: int) -> None:
    for i in range(len(b)):
        b[i] = v + i
    print(len(b), v)

def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s

def first(data: bytes) -> int:
    return data[0]
";

#[test]
fn buffers_print_and_none_as_the_contract_says() {
    let file = source_file("buffers.py", BUFFERS.as_bytes());
    let path = file.to_str().unwrap();
    for extra in [&[][..], &["--interp"][..]] {
        let run = |args: &[&str]| {
            let mut all = vec!["run", "--print-args"];
            all.extend_from_slice(extra);
            all.push(path);
            all.extend_from_slice(args);
            minijit(&all)
        };
        // print's line, then None, then the final bytearray.
        let out = run(&["fill", "bytearray(3)", "65"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), "3 65\nNone\nbytearray(b'ABC')\n");
        // A trap part-way keeps the writes made before it.
        let out = run(&["fill", "bytearray(3)", "254"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out), "ValueError: byte must be in range(0, 256)\n");
        assert_eq!(stdout(&out), "bytearray(b'\\xfe\\xff\\x00')\n");
        let out = run(&["total", "[1, -2, 3] * 2"]);
        assert_eq!(stdout(&out), "4\n[1, -2, 3, 1, -2, 3]\n");
        let out = run(&["first", "b''"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out), "IndexError: index out of range\n");
    }
    let data = source_file("data.bin", b"\x07rest");
    let out = minijit(&["run", path, "first", &format!("@{}", data.display())]);
    assert_eq!(stdout(&out), "7\n");
}

#[test]
fn an_argument_of_the_wrong_kind_is_a_usage_error() {
    let file = source_file("kinds.py", BUFFERS.as_bytes());
    let path = file.to_str().unwrap();
    for (args, want) in [
        (&["total", "5"][..], "list"),
        (&["first", "[1, 2]"][..], "bytes"),
        (&["fill", "bytearray(2)", "b'x'"][..], "integer"),
        (
            &["fill", "bytearray(2)"][..],
            "takes 2 arguments but 1 was given",
        ),
        (&["total", "[1] * 99999999999999"][..], "too large"),
        (&["first", "@/nonexistent/file"][..], "cannot read"),
    ] {
        let mut all = vec!["run", path];
        all.extend_from_slice(args);
        let out = minijit(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[test]
fn bench_takes_a_directory_of_benchmark_programs() {
    let dir = std::env::temp_dir().join(format!("minijit-cli-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("b_sq.py"),
        "# bench: sq 7\ndef sq(x):\n    return x * x\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a_inc.py"),
        "# bench: inc 41\ndef inc(x):\n    return x + 1\n",
    )
    .unwrap();
    // A script beside the programs, without a `# bench:` line.
    std::fs::write(dir.join("compare.py"), "import sys\n").unwrap();
    let d = dir.to_str().unwrap();
    let out = minijit(&["bench", "--rounds", "1", "--no-interp", "--no-cpython", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    // stderr is a pipe here, not a terminal: no progress lines.
    assert_eq!(stderr(&out), "");
    let rows: Vec<String> = stdout(&out)
        .lines()
        .skip(2)
        .map(|l| l.split('|').nth(1).unwrap_or("").trim().to_string())
        .collect();
    assert_eq!(rows, ["a_inc.py", "b_sq.py"]);
    // What a benchmark prints is not taken for CPython's answer.
    std::fs::write(
        dir.join("c_loud.py"),
        "# bench: loud 3\ndef loud(n):\n    print(7, 12345)\n    return n\n",
    )
    .unwrap();
    let c = dir.join("c_loud.py");
    let out = minijit(&["bench", "--rounds", "1", "--no-interp", c.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let row = stdout(&out)
        .lines()
        .find(|l| l.contains("c_loud.py"))
        .unwrap_or("")
        .to_string();
    let cpython_secs: f64 = row
        .split('|')
        .nth(6)
        .unwrap_or("")
        .trim()
        .parse()
        .unwrap_or(-1.0);
    assert!((0.0..1.0).contains(&cpython_secs), "{row}");
    // Broken or wrong `# bench:` lines say what is wrong.
    for (text, want) in [
        ("# bench: inc 'x\n", "a quote that is never closed"),
        ("# bench:\n", "names no function"),
        ("# bench: nope 1\n", "no function `nope` is defined"),
        ("# bench: inc(1)\n", "write `# bench: FUNC ARG...`"),
        (
            "# bench: inc 1 2\n",
            "`inc` takes 1 argument but 2 were given",
        ),
        ("# bench: boom 1\n", "the call failed: ZeroDivisionError"),
    ] {
        let program =
            format!("{text}def inc(x):\n    return x + 1\n\ndef boom(x):\n    return x // 0\n");
        std::fs::write(&c, program).unwrap();
        let out = minijit(&[
            "bench",
            "--rounds",
            "1",
            "--no-interp",
            "--no-cpython",
            c.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(stderr(&out).contains(want), "{text}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{text}: no table without a row");
    }
    std::fs::remove_file(&c).unwrap();
    std::fs::remove_file(dir.join("a_inc.py")).unwrap();
    std::fs::remove_file(dir.join("b_sq.py")).unwrap();
    let out = minijit(&["bench", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no .py file with a `# bench:` line"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs minijit with `args`, its stdout and stderr as given.
fn minijit_with(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minijit"))
        .args(args)
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .expect("the minijit binary runs")
}

/// A pipe whose reading end is already closed: writing to it fails with
/// EPIPE.
fn broken_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

#[test]
fn a_closed_or_broken_stderr_keeps_the_exit_status() {
    let file = source_file("quiet.py", FIB.as_bytes());
    let half = source_file("quiet_half.py", b"def f(n):\n    return n * 0.5\n");
    let path = file.to_str().unwrap();
    let cases: [(&[&str], i32); 5] = [
        (&["run", path, "div", "1", "0"], 1),
        (&["run", "--print-args", path, "div", "1", "0"], 1),
        (&["run", "--interp", path, "div", "1", "0"], 1),
        (&["run", path, "nope"], 2),
        (&["run", half.to_str().unwrap(), "f", "1"], 2),
    ];
    for (args, status) in cases {
        // A pipe nobody reads any more.
        let out = minijit_with(args, Stdio::piped(), broken_pipe());
        assert_eq!(out.status.code(), Some(status), "{args:?}, broken stderr");
        // No stderr at all (`2>&-`).
        let mut closed = vec![
            "-c",
            "exec \"$0\" \"$@\" 2>&-",
            env!("CARGO_BIN_EXE_minijit"),
        ];
        closed.extend_from_slice(args);
        let out = Command::new("sh").args(&closed).output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}, closed stderr");
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[test]
fn a_broken_stdout_is_not_a_panic() {
    let file = source_file("loud.py", b"def f(n: int) -> None:\n    for i in range(n):\n        print(i)\n\ndef div(a, b):\n    return a // b\n");
    let path = file.to_str().unwrap();
    // As `minijit run ... | head -c0`: the program prints far more than a
    // pipe holds.
    let out = minijit_with(&["run", path, "f", "100000"], broken_pipe(), Stdio::piped());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let out = minijit_with(
        &["run", path, "div", "1", "0"],
        broken_pipe(),
        Stdio::piped(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ZeroDivisionError: integer division or modulo by zero\n"
    );
    // Both closed: the demo and a trap still end as they should.
    let out = minijit_with(&[], broken_pipe(), broken_pipe());
    assert_eq!(out.status.code(), Some(0));
    let out = minijit_with(
        &["run", path, "div", "1", "0"],
        broken_pipe(),
        broken_pipe(),
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_full_disk_on_stdout_is_an_error() {
    let file = source_file("seven.py", b"def f():\n    return 7\n");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = minijit_with(
        &["run", file.to_str().unwrap(), "f"],
        Stdio::from(full),
        Stdio::piped(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot write the output"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_endless_file_is_refused_at_a_bound() {
    // Without a bound these would read until memory runs out.
    let out = minijit(&["ir", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("larger than 256 MiB"),
        "{}",
        stderr(&out)
    );
    let file = source_file("len.py", b"def f(b: bytes):\n    return len(b)\n");
    let out = minijit(&["run", file.to_str().unwrap(), "f", "@/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("larger than 1 GiB"),
        "{}",
        stderr(&out)
    );
    let out = minijit(&["run", file.to_str().unwrap(), "f", "bytes()"]);
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
}

#[test]
fn the_interpreter_stops_a_call_whose_frames_outgrow_the_memory() {
    let file = source_file("endless.py", b"def f(n):\n    return f(n + 1) + 1\n");
    // 100 MiB of address space: far less than a billion frames need.
    let out = minijit_in_address_space(
        100 << 10,
        &[
            "run",
            "--interp",
            "--recursion-limit",
            "1000000000",
            file.to_str().unwrap(),
            "f",
            "0",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("interpreter's frames"),
        "{}",
        stderr(&out)
    );
}

/// minijit run under `ulimit -v` (address space in KiB), so that a huge
/// stack cannot be had whatever the machine's overcommit rules.
fn minijit_in_address_space(kib: u32, args: &[&str]) -> Output {
    let script = format!("ulimit -v {kib} && exec \"$0\" \"$@\"");
    Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_minijit")])
        .args(args)
        .output()
        .expect("sh runs")
}

#[test]
fn a_recursion_limit_beyond_the_memory_is_a_usage_error_naming_the_largest() {
    let file = source_file("huge_limit.py", FIB.as_bytes());
    let path = file.to_str().unwrap();
    let out = minijit_in_address_space(
        1 << 20,
        &["run", "--recursion-limit", "1000000000", path, "fib", "10"],
    );
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.starts_with(
            "minijit: error: --recursion-limit 1000000000 is too large for the memory available"
        ),
        "{text}"
    );
    let largest: u32 = text
        .trim_end()
        .rsplit(' ')
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no largest limit in {text}"));
    assert!((1000..1_000_000_000).contains(&largest), "{text}");
    // The limit it names is accepted.
    let out = minijit_in_address_space(
        1 << 20,
        &[
            "run",
            "--recursion-limit",
            &largest.to_string(),
            path,
            "fib",
            "10",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "55\n");
    // The interpreter keeps its frames on the heap: no stack to refuse.
    let out = minijit_in_address_space(
        1 << 20,
        &[
            "run",
            "--interp",
            "--recursion-limit",
            "1000000000",
            path,
            "fib",
            "10",
        ],
    );
    assert_eq!(stdout(&out), "55\n", "{}", stderr(&out));
}

#[test]
fn a_compile_error_in_a_long_line_shows_a_window_of_it() {
    // An assert message of 600 KB of tabs and two-byte characters, then a
    // float: the caret must stay under it.
    let line = format!("    assert n, \"{}\" + 0.5 # ü", "é\t".repeat(200_000));
    let file = source_file("long_line.py", format!("def f(n):\n{line}\n").as_bytes());
    let out = minijit(&["run", file.to_str().unwrap(), "f", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.len() < 1000, "{} bytes of diagnostic", text.len());
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with(":2:400020: error: floats are not supported (only 64-bit integers)"),
        "{header}"
    );
    let (shown, caret) = (lines.next().unwrap(), lines.next().unwrap());
    assert!(
        shown.starts_with("...") && shown.ends_with("\" + 0.5 # ü"),
        "{shown}"
    );
    // The caret line has a tab under each tab, so the caret's column in
    // characters is the error's.
    let at = caret.find('^').unwrap();
    assert_eq!(shown.chars().nth(at), Some('0'), "{shown}\n{caret}");
    assert_eq!(&caret[at..], "^^^");
}

#[test]
fn bench_shows_progress_on_a_terminal_only() {
    let dir = std::env::temp_dir().join(format!("minijit-cli-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sq.py");
    std::fs::write(&file, "# bench: sq 7\ndef sq(x):\n    return x * x\n").unwrap();
    let args = [
        "bench",
        "--rounds",
        "1",
        "--no-cpython",
        file.to_str().unwrap(),
    ];
    let piped = minijit(&args);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert_eq!(stderr(&piped), "");
    // util-linux `script` runs the command on a pseudo-terminal.
    let on_terminal = |command: &str| {
        Command::new("script")
            .args(["-qec", command, "/dev/null"])
            .stdin(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    if on_terminal("true").is_none() {
        eprintln!("note: skipped the terminal half, util-linux script cannot be run");
        return;
    }
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_minijit"))
        .chain(args)
        .map(|a| format!("'{a}'"))
        .collect();
    let out = on_terminal(&quoted.join(" ")).expect("bench runs on a terminal");
    let text = stdout(&out);
    for stage in ["compiling", "machine code (1 run)", "interpreter"] {
        assert!(
            text.contains(&format!("bench: sq.py: {stage}...")),
            "{text:?}"
        );
    }
    // Each status line is blanked out before the row (the first with the
    // table's header) is printed.
    assert!(text.contains("\r| bench | "), "{text:?}");
    assert!(text.contains("\n| sq.py | "), "{text:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn perf_map_names_every_compiled_function() {
    let file = source_file("perf.py", FIB.as_bytes());
    let child = Command::new(env!("CARGO_BIN_EXE_minijit"))
        .args(["run", "--perf-map", file.to_str().unwrap(), "fib", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let map_path = format!("/tmp/perf-{}.map", child.id());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "6765\n");
    let map = std::fs::read_to_string(&map_path).expect("the map file is written");
    std::fs::remove_file(&map_path).unwrap();

    // The code as the command line compiles it.
    let options = minijit::Options {
        hosts: vec![minijit::HostDecl::print()],
        ..Default::default()
    };
    let program = minijit::compile(FIB, &options).unwrap();
    let mut entries: Vec<(&str, usize)> = program.functions().collect();
    entries.sort_by_key(|e| e.1);
    let mut want_names = vec!["minijit::runtime".to_string()];
    want_names.extend(entries.iter().map(|(name, _)| format!("minijit::{name}")));

    // perf's format: START SIZE NAME, hexadecimal, in one contiguous range
    // as long as the code; each function starts at its entry.
    let lines: Vec<(usize, usize, &str)> = map
        .lines()
        .map(|line| {
            let mut words = line.splitn(3, ' ');
            let mut hex = || usize::from_str_radix(words.next().unwrap_or(""), 16);
            let (start, size) = (hex(), hex());
            match (start, size, words.next()) {
                (Ok(start), Ok(size), Some(name)) if size > 0 => (start, size, name),
                _ => panic!("not a perf map line: {line:?}"),
            }
        })
        .collect();
    let names: Vec<&str> = lines.iter().map(|l| l.2).collect();
    assert_eq!(names, want_names, "{map}");
    let base = lines[0].0;
    assert!(base > 0 && base.is_multiple_of(4096), "{map}");
    let mut at = base;
    for (&(start, size, _), i) in lines.iter().zip(0..) {
        assert_eq!(start, at, "{map}");
        if i > 0 {
            assert_eq!(start - base, entries[i - 1].1, "{map}");
        }
        at += size;
    }
    assert_eq!(at - base, program.code_size(), "{map}");
    // Only machine code has a map.
    let out = minijit(&[
        "run",
        "--perf-map",
        "--interp",
        file.to_str().unwrap(),
        "fib",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

const POWMOD: &str = "def powmod(b, e, m):\n    r = 1\n    b = b % m\n    while e > 0:\n        if e & 1:\n            r = r * b % m\n        b = b * b % m\n        e >>= 1\n    return r\n\ndef total(data: bytes, k):\n    t = 0\n    for x in data:\n        t += x % k\n    return t\n";

#[test]
fn fix_specializes_run_ir_and_asm() {
    let file = source_file("powmod.py", POWMOD.as_bytes());
    let path = file.to_str().unwrap();
    for extra in [&[][..], &["--interp"][..]] {
        let mut args = vec!["run", "--fix", "m=1000003"];
        args.extend_from_slice(extra);
        args.extend([path, "powmod", "3", "1000001"]);
        let out = minijit(&args);
        assert_eq!(stdout(&out), "666669\n", "{}", stderr(&out));
    }
    let out = minijit(&["run", "--fix", "m=0", "--fix", "e=3", path, "powmod", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "ZeroDivisionError: integer modulo by zero\n");
    let out = minijit(&["run", "--fix", "k=7", path, "total", "b'abc'"]);
    // 97 % 7 + 98 % 7 + 99 % 7 = 6 + 0 + 1.
    assert_eq!(stdout(&out), "7\n");
    let out = minijit(&["ir", "--fix", "m=1000003", path, "powmod"]);
    let ir = stdout(&out);
    assert!(ir.contains("function powmod {\nblock0(v0, v1):"), "{ir}");
    assert!(ir.contains("umulhi") && !ir.contains(" mod "), "{ir}");
    let out = minijit(&["asm", "--fix", "m=7", path, "powmod"]);
    assert!(stdout(&out).starts_with("powmod:\n"), "{}", stderr(&out));
}

#[test]
fn bad_fixes_are_usage_errors() {
    let file = source_file("powmod.py", POWMOD.as_bytes());
    let path = file.to_str().unwrap();
    let cases: [(&[&str], &str); 10] = [
        (
            &["run", "--fix", "x=1", path, "powmod", "1", "2"],
            "`powmod` has no parameter `x` (its parameters: b, e, m)",
        ),
        (
            &["run", "--fix", "m", path, "powmod", "1", "2"],
            "--fix takes NAME=VALUE, got `m`",
        ),
        (
            &["run", "--fix", "m=1e3", path, "powmod", "1", "2"],
            "--fix m: expected a decimal integer",
        ),
        (
            &[
                "run",
                "--fix",
                "m=9223372036854775808",
                path,
                "powmod",
                "1",
                "2",
            ],
            "outside the 64-bit range",
        ),
        (
            &[
                "run", "--fix", "m=1", "--fix", "m=2", path, "powmod", "1", "2",
            ],
            "parameter `m` of `powmod` is fixed twice",
        ),
        (
            &["run", "--fix", "data=1", path, "total", "7"],
            "parameter `data` of `total` is a bytes buffer: only integer parameters can be fixed",
        ),
        (
            &["run", "--fix", "m=5", path, "powmod", "1"],
            "`powmod` takes 2 arguments besides the fixed ones but 1 was given",
        ),
        (
            &["ir", "--fix", "m=5", path],
            "--fix needs the function to specialize",
        ),
        (
            &["asm", "--fix", "m=5", path],
            "--fix needs the function to specialize",
        ),
        (
            &["ir", "--passes", path, "powmod"],
            "--passes shows every function",
        ),
    ];
    for (args, message) in cases {
        let out = minijit(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    let out = minijit(&["run", "--fix", "m=5", path, "nope"]);
    assert_eq!(
        stderr(&out),
        format!("minijit: error: no function `nope` in {path}\n")
    );
}

#[test]
fn ir_and_asm_take_print_as_run_does() {
    let file = source_file("prints.py", b"def f(n):\n    print(n, -n)\n    return n\n");
    let path = file.to_str().unwrap();
    for args in [
        &["ir", path][..],
        &["ir", "--opt", path],
        &["ir", "--passes", path],
        &["ir", "--fix", "n=3", path, "f"],
        &["asm", path, "f"],
        &["asm", path],
    ] {
        let out = minijit(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = minijit(&["run", path, "f", "5"]);
    assert_eq!(stdout(&out), "5 -5\n5\n");
}
