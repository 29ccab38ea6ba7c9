//! Boots the bare-metal demo kernel under QEMU (software emulation, no KVM)
//! and checks what it printed on its serial port: every call's result
//! equals the reference interpreter's (computed here, on the host), every
//! exception kind is raised and survived, the buffers and host functions
//! part prints exactly what the interpreter computes (results, exceptions,
//! final buffer contents, `print` calls), both W^X faults are recovered,
//! and the kernel ends QEMU with its success code.
//!
//! The kernel is booted once; each test reads the same output. The launcher
//! binary and its boot images are built by cargo before this test runs (an
//! artifact dev-dependency), so a cold build never counts against the
//! time-out.

#[allow(dead_code)]
#[path = "../../kernel/os/src/programs.rs"]
mod programs;

use host::args::bytes_repr;
use minijit::interp::Interpreter;
use minijit::{compile_to_ir, Arg, Exception, HostDecl, HostId, Options, Returns, Trap};
use programs::{
    BufferDemo, Call, Demo, Input, Step, BENCHMARKS, BUFFERS, PACKETS, RUNT, TRAPS, TRAP_KINDS,
};
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
    expected.extend(
        expected_buffer_part()
            .lines
            .into_iter()
            .filter(|l| is_call_line(l)),
    );
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

/// What the buffers and host functions part must print, computed on the
/// host: its lines (without the `-- name: code size` lines), and the
/// arguments of every `print` call the interpreter saw.
struct BufferPart {
    lines: Vec<String>,
    prints: Vec<Vec<i64>>,
}

/// The interpreter's run of the kernel's buffer programs, printed as
/// `kernel/os/src/buffers.rs` prints them (see `programs::Step`).
fn expected_buffer_part() -> BufferPart {
    let mut part = BufferPart {
        lines: Vec::new(),
        prints: Vec::new(),
    };
    for demo in BUFFERS {
        for step in demo.steps {
            match step {
                Step::EveryPacket(func) => {
                    let mut accepted = Vec::new();
                    for (index, packet) in PACKETS.iter().enumerate() {
                        let inputs = [Input::Packet(index)];
                        let outcome = interpret_buffer_call(demo, func, &inputs);
                        let line = format!("{}  # {}", outcome.line, packet.note);
                        if line.contains(") = 1  # ") {
                            accepted.push(index.to_string());
                        }
                        part.lines.push(line);
                    }
                    part.lines.push(format!(
                        "{} of {} packets accepted: {}",
                        accepted.len(),
                        PACKETS.len(),
                        accepted.join(", ")
                    ));
                }
                Step::Call(call) => {
                    for input in call.args {
                        match input {
                            Input::ByteArray(name, bytes) => part
                                .lines
                                .push(format!("{name} was {}", bytes_repr(true, bytes))),
                            Input::Zeros(name, n) => {
                                part.lines.push(format!("{name} was [0] * {n}"))
                            }
                            Input::Int(_) | Input::Packet(_) => {}
                        }
                    }
                    let outcome = interpret_buffer_call(demo, call.func, call.args);
                    part.lines.extend(
                        outcome
                            .prints
                            .iter()
                            .map(|args| format!("print: {}", join(args, " "))),
                    );
                    part.prints.extend(outcome.prints);
                    part.lines.push(outcome.line);
                    part.lines.extend(outcome.after);
                }
            }
        }
    }
    part
}

/// One interpreted call: its line, its `print` calls and the lines showing
/// its writable buffers afterwards.
struct BufferOutcome {
    line: String,
    prints: Vec<Vec<i64>>,
    after: Vec<String>,
}

fn interpret_buffer_call(demo: &BufferDemo, func: &str, inputs: &[Input]) -> BufferOutcome {
    let options = Options {
        hosts: vec![HostDecl::print(), HostDecl::new("ticks", 0, Returns::Int)],
        ..Options::default()
    };
    let module = compile_to_ir(demo.source, &options)
        .unwrap_or_else(|e| panic!("{}", e.render(demo.name, demo.source)));
    let id = module.function_id(func).expect("the function exists");
    let mut bytearrays: Vec<Vec<u8>> = Vec::new();
    let mut lists: Vec<Vec<i64>> = Vec::new();
    for input in inputs {
        match input {
            Input::ByteArray(_, bytes) => bytearrays.push(bytes.to_vec()),
            Input::Zeros(_, n) => lists.push(vec![0; *n]),
            Input::Int(_) | Input::Packet(_) => {}
        }
    }
    let mut prints = Vec::new();
    let mut tick = 0;
    let result = {
        let (mut b, mut l) = (bytearrays.iter_mut(), lists.iter_mut());
        let mut args: Vec<Arg> = inputs
            .iter()
            .map(|input| match input {
                Input::Int(v) => Arg::Int(*v),
                Input::Packet(i) => Arg::Bytes(PACKETS[*i].bytes),
                Input::ByteArray(..) => Arg::ByteArray(b.next().expect("one per input")),
                Input::Zeros(..) => Arg::List(l.next().expect("one per input")),
            })
            .collect();
        let mut host = |host: HostId, args: &[i64]| -> Result<i64, Exception> {
            match module.hosts[host.index()].name.as_str() {
                "print" => prints.push(args.to_vec()),
                "ticks" => tick += 1000,
                name => {
                    return Err(Exception::with_message(
                        Trap::ValueError,
                        format!("no host function {name}"),
                    ))
                }
            }
            Ok(tick)
        };
        Interpreter::new(&module).call(id, &mut args, &mut host)
    };
    let shown: Vec<String> = inputs
        .iter()
        .map(|input| match input {
            Input::Int(v) => v.to_string(),
            Input::Packet(i) => format!("packet {i}: {} bytes", PACKETS[*i].bytes.len()),
            Input::ByteArray(name, _) | Input::Zeros(name, _) => name.to_string(),
        })
        .collect();
    let text = format!("{func}({})", shown.join(", "));
    let line = match result {
        Ok(Some(value)) => format!("{text} = {value}"),
        Ok(None) => format!("{text} = None"),
        Err(e) => format!("{text} -> {e}"),
    };
    let (mut b, mut l) = (bytearrays.iter(), lists.iter());
    let after = inputs
        .iter()
        .filter_map(|input| match input {
            Input::ByteArray(name, _) => Some(format!(
                "{name} is {}",
                bytes_repr(true, b.next().expect("one per input"))
            )),
            Input::Zeros(name, _) => Some(format!(
                "{name} is {}",
                list_summary(l.next().expect("one per input"))
            )),
            Input::Int(_) | Input::Packet(_) => None,
        })
        .collect();
    BufferOutcome {
        line,
        prints,
        after,
    }
}

fn join(values: &[i64], separator: &str) -> String {
    let values: Vec<String> = values.iter().map(i64::to_string).collect();
    values.join(separator)
}

/// As `programs::Input::Zeros` describes: the first and last three items,
/// whether they ascend, and the FNV-1a hash of the items' bytes.
fn list_summary(items: &[i64]) -> String {
    let shown = if items.len() <= 6 {
        join(items, ", ")
    } else {
        format!(
            "{}, ..., {}",
            join(&items[..3], ", "),
            join(&items[items.len() - 3..], ", ")
        )
    };
    let ascending = if items.is_sorted() {
        "ascending"
    } else {
        "not ascending"
    };
    let hash = items
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, byte| {
            (h ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
        });
    format!(
        "[{shown}] ({} items, {ascending}, fnv-1a {hash:#018x})",
        items.len()
    )
}

/// The kernel's lines between `== buffers and host functions` and
/// `== faults`, without the `-- name: code size ...` lines.
fn buffer_section(boot: &Boot) -> Vec<&str> {
    let start = boot
        .lines
        .iter()
        .position(|l| l == "== buffers and host functions")
        .unwrap_or_else(|| panic!("no buffers section\n{}", show_output(boot)));
    boot.lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("== "))
        .filter(|l| !l.starts_with("-- "))
        .map(String::as_str)
        .collect()
}

#[test]
fn the_buffer_part_prints_what_the_interpreter_computes() {
    let boot = boot();
    let expected = expected_buffer_part();
    let section = buffer_section(boot);
    assert_eq!(section, expected.lines, "{}", show_output(boot));
    // The parts the brief asks for, spelled out.
    let summary = format!("of {} packets accepted: ", PACKETS.len());
    assert!(section.iter().any(|l| l.contains(&summary)));
    let runt = format!(
        "ttl(packet {RUNT}: {} bytes) -> IndexError: index out of range",
        PACKETS[RUNT].bytes.len()
    );
    let raised = section
        .iter()
        .position(|l| *l == runt)
        .unwrap_or_else(|| panic!("no {runt:?}\n{}", show_output(boot)));
    assert!(section[raised + 1].starts_with("ttl(packet 0: 60 bytes) = "));
    assert!(section
        .iter()
        .any(|l| l.starts_with("a is [") && l.contains("ascending,")));
    let printed: Vec<Vec<i64>> = section
        .iter()
        .filter_map(|l| l.strip_prefix("print: "))
        .map(|l| {
            l.split(' ')
                .map(|v| v.parse().expect("an integer"))
                .collect()
        })
        .collect();
    assert!(!printed.is_empty());
    assert_eq!(printed, expected.prints);
}

/// No boot needed: the filter accepts exactly the frames meant to pass, and
/// the runt frame really is too short for `ttl`.
#[test]
fn the_packet_filter_accepts_exactly_the_packets_meant_to_pass() {
    let lines = expected_buffer_part().lines;
    for (index, packet) in PACKETS.iter().enumerate() {
        let want = format!(
            "accept(packet {index}: {} bytes) = {}  # {}",
            packet.bytes.len(),
            i64::from(packet.accept),
            packet.note
        );
        assert!(lines.contains(&want), "no {want:?} in {lines:#?}");
    }
    assert!(PACKETS.iter().filter(|p| p.accept).count() >= 2);
    assert!(PACKETS.len() >= 8);
    assert!(PACKETS[RUNT].bytes.len() < 14 + 9);
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
    // Input from a pipe: the launcher holds it until the prompt is up (no
    // byte is lost while the kernel sets up its serial port), and its end
    // ends the session. A compile error is placed in the definition as
    // typed; a call with the wrong arguments is Python's TypeError; any
    // other expression is evaluated with the definitions; a function
    // defined again replaces its old definition, unless that breaks
    // another (the error is shown in that one); `print` writes a line.
    // A line that would make the program larger than 128 KiB of source is
    // refused, and the session goes on; a definition of 42 KB and one of
    // 28 KB that calls a function 5,588 times compile in the kernel's
    // compile heap (the second ran the kernel out of memory, a panic,
    // when the kernel compiled in its main heap).
    let long_line = format!("x = {}\n", ["1"; 40_000].join(" + "));
    let big_definition = format!(
        "def big(x):\n{}    return x\n\n",
        "    x = x + 1\n".repeat(3_000)
    );
    let many_calls = many_calls();
    // A chain as deep as the recursion limit allows (the prompt's frame
    // and 999 more) of a function with 100 locals runs (a 256 KiB call
    // stack gave out near 500), and so does one of 1,000 locals, on a
    // stack of its own (8 MB of frames: the kernel stack's 2 MiB gave out
    // first); one frame more raises.
    let deep = chain("deep", 100);
    let wide = chain("wide", 1000);
    let input = format!(
        "{many_calls}{deep}def sq(x):\n    return x * x\n\nsq(12)\n\
         def spin(n):\n    while 1:\n        n += 1\n    return n\n\n\
         spin(0)\nsq(3037000500)\n\
         def bad(x):\n    y = 1\n    return x +\n\nsq(1, 2)\nN = 0x10\nsq(sq(2)) - N // 2\nN += 1; sq(N)\nNS = sq(50) + N\nNS\nqq += 1\n\
         def tw(x):\n    return x * 3\n\ndef tw(x):\n    return x + 100\n\ntw(5)\n\
         def use(x):\n    return tw(x)\n\ndef tw(a, b):\n    return a\n\nuse(1)\n\
         def show(n):\n    print(n, -n, n * n)\n\nshow(7)\nprint(1, 2)\n\
         {long_line}{big_definition}big(1)\n\
         abs(-5)\nsq(007)\nsq(1,,2)\ndef crlf(x):\r\n    return x + 1\r\n\r\ncrlf(41)\r\n\
         café = 1\ndef __prompt__():\n    return 1\n\n1 + 2\n\
         def ev(n):\n    if n == 0:\n        return 1\n    return od(n - 1)\n\nev(3)\n\
         def od(n):\n    if n == 0:\n        return 0\n    return ev(n - 1)\n\n\
         ev(10) * 1000 + od(7) * 100 + 7\n\
         def fk(a,\n       b):\n    return a * b\n\nfk(6,\n   9)\n\
         def p1(x):\n    return x + 1\ndef p2(x):\n    return p1(x) * 2\n\np2(100)\n\
         def p1(x):\n    return x + 10\n\np2(100)\n\
         def ca(n):\n    return cb(n)\n\ndef cb(n):\n    if n > 0:\n        return ca(n - 1)\n    return cc(n)\n\n\
         def cc(n):\n    return cd(n) + 1\n\nca(2)\ndef cd(n):\n    return 4000\n\nca(2)\n\
         for i in range(3):\n    print(i * 111)\n\n\
         def s1(x):\n    return x\ndef s2(x):\n    return x +\n\ns1(4)\n\
         xk = 31337  # a comment that ends in:\nxk\nif 1: print(7 +)\n\
         def bf():\n    return 1\ndef bg():\n    return bf(1, 2)\n\nNA = 1; MA = (1 +)\nzzq + 1\n\
         sq(111); sq(112)\nsq(113); 1 // 0; sq(114)\nsq(115); sq(2 +)\n\
         tot = 100\nfor i in range(10):\n    tot += i\n\ntot * 10 + i\n\
         while tot < 1000:\n    tot = tot * 2\n    assert tot < 500, 'big'\n\ntot\n\
         for k in range(2): sk += k\n\
         def cd2():\n    return C2 * D2\nC2 = 3; D2 = 4\n\nD2 += 1\ncd2() + 7000\n\
         TK = 1\ndef gk():\n    return TK\n\nfor i in range(3):\n    TK += 1\n    print(gk())\n\n\
         if 1: return 3\nbreak\nfor i in range(2): __globals__ = i\n\
         if 0: print(nothing_defines_it)\nif 1: print(nothing_defines_it2)\n\
         RN = 1\nfor i in range(3): RN += 1\n\nRN += 1\n:list\nRX = 6; print(8888); return\n\
         :clear\n{wide}wide(999, 1)\n\
         def blen(a: bytes) -> int:\n    return len(a)\n\nblen(5)\ndef sq(x):\n    return x * x\n\nsq(-9)"
    );
    let (answers, stdout, success) = prompt_session(&[], &input);
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    let after_demo = stdout
        .split_once("minijit-os: all checks passed")
        .map_or("", |(_, rest)| rest);
    for want in [
        "144",
        "FuelExhausted: the call ran out of fuel",
        "OverflowError: integer result does not fit in 64 bits",
        "TypeError: sq() takes 1 positional argument but 2 were given",
        // big(1) and calls(1): 3,000 increments, and 5,588 times 44.
        "3001",
        "245872",
        // An expression, evaluated with the definitions.
        "8",
        // A constant set again with `+=`, then used on the same line; a
        // name nothing defines.
        "289",
        // An assignment computes its value when typed, calls included.
        "2517",
        "NameError: name 'qq' is not defined",
        // A function defined again: the new definition is called.
        "105",
        // A definition that would break another is refused: the old stays.
        "101",
        // print, in a function and at the prompt.
        "7 -7 49",
        "1 2",
        // The last line had no newline: the end of input ended it.
        "81",
        // deep(998, 1): 999 frames of 100 locals each below the prompt's
        // own, as in Python's session; wide(998, 1) of 1,000 locals, and
        // wide(999, 1) raises.
        "54895050",
        "998500500",
        "RecursionError: maximum recursion depth exceeded",
        // A buffer parameter given an integer.
        "TypeError: argument 1 must be bytes, not int",
        // A builtin called with literals is the compiler's to call.
        "5",
        // Lines ended by `\r\n`.
        "42",
        // The prompt's own function cannot be defined over; the session
        // goes on.
        "error: `__prompt__` is the prompt's own name; choose another",
        "3",
        // A function may call one defined after it: until then, a call is
        // Python's NameError for the missing name.
        "NameError: name 'od' is not defined",
        "1107",
        // A header and a call split inside brackets; two definitions typed
        // in one block, the first of them defined again alone.
        "54",
        "202",
        "220",
        // A cycle of waiting functions names what none of them defines.
        "NameError: name 'cd' is not defined",
        "4001",
        // A `for` block typed at the prompt runs.
        "111",
        "222",
        // A syntax error in a block refuses all of it.
        "NameError: name 's1' is not defined",
        // A comment ending in `:` opens no block.
        "31337",
        // A name nothing defines, in an expression: Python's NameError.
        "NameError: name 'zzq' is not defined",
        // `a; b`: each value in turn, until an exception.
        "12321",
        "12544",
        "12769",
        "ZeroDivisionError: integer division or modulo by zero",
        // Blocks assign the program's names, as Python's session does at
        // module level: also before an exception; a name read before
        // anything assigns it is a NameError.
        "1459",
        "AssertionError: big",
        "580",
        "NameError: name 'sk' is not defined",
        // Constants on one line of a block are each their own: one of
        // them can be set again.
        "7015",
    ] {
        assert!(answers.contains(&want), "no {want:?} in\n{stdout}");
    }
    let refused = answers
        .iter()
        .filter(|l| l.starts_with("error: too large: "))
        .count();
    assert_eq!(refused, 1, "the long line:\n{stdout}");
    assert!(
        !answers.contains(&"12996"),
        "sq(114) ran after the exception:\n{stdout}"
    );
    // A constant set again and again keeps one definition (nothing was
    // computed from its old values).
    assert!(
        after_demo.contains("\nRN = 5\n") && after_demo.matches("RN = ").count() == 2,
        "RN kept more than one definition:\n{stdout}"
    );
    assert!(
        !after_demo.contains("'nothing_defines_it'"),
        "a branch not taken raised:\n{stdout}"
    );
    // A `return` on a line of statements refuses all of it first.
    assert!(
        !answers.contains(&"8888"),
        "a line with a `return` ran:\n{stdout}"
    );
    // A syntax error in a later statement refuses the whole line first.
    assert!(
        !answers.contains(&"13225"),
        "sq(115) ran before the syntax error:\n{stdout}"
    );
    // Literals Python refuses are refused, not read by a quick path; a
    // name with a non-ASCII letter is named, not cut short.
    for want in [
        "error: leading zeros in decimal integer literals are not permitted",
        "<input>:1:6: error: expected an expression",
        // An error in a later statement of a line, placed in the line.
        "<input>:1:16: error: expected an expression\nsq(115); sq(2 +)\n",
        "error: non-ASCII identifiers are not supported",
        "<input>:4:15: error: expected an expression",
        // An error in the second definition of a block, and in a
        // definition after a `;`, placed in what was typed.
        "<input>:4:12: error: `bf` takes 0 arguments but 2 were given",
        "<input>:1:18: error: expected an expression\nNA = 1; MA = (1 +)\n",
        // A compound statement on one line: the statement's error.
        "<input>:1:16: error: expected an expression\nif 1: print(7 +)\n",
        // A block that assigns a constant a function it calls reads is
        // refused (the function would see the old value); a `return` is
        // refused as Python refuses it, and the prompt's own names are
        // nobody's.
        "error: `gk` reads the constant `TK`, which these statements assign",
        "SyntaxError: 'return' outside function",
        // A statement's keyword: the statement's error.
        "<input>:1:1: error: 'break' outside loop",
        "NameError: name '__globals__' is not defined",
        // A name nothing defines raises only where it is reached.
        "NameError: name 'nothing_defines_it2' is not defined",
    ] {
        assert!(after_demo.contains(want), "no {want:?} in\n{stdout}");
    }
    assert!(
        after_demo.contains("<input>:3:"),
        "the error is on line 3 of the definition:\n{stdout}"
    );
    assert!(
        after_demo.contains("<use>:2:12: error: `tw` takes 2 arguments but 1 was given"),
        "the error is placed in the definition it breaks:\n{stdout}"
    );
    // The first line typed arrived whole.
    assert!(after_demo.contains(">>> def sq(x):"), "{stdout}");
    assert!(success, "{stdout}");
}

/// A recursive function `name(n, x)` with `locals` locals, and the call
/// `name(998, 1)`: a chain of 999 frames, below the prompt's own (which
/// counts as one, as in Python's session).
fn chain(name: &str, locals: usize) -> String {
    let assign: String = (0..locals)
        .map(|i| format!("    v{i} = x + {i}\n"))
        .collect();
    let sum = (0..locals)
        .map(|i| format!("v{i}"))
        .collect::<Vec<_>>()
        .join(" + ");
    format!(
        "def {name}(n, x):\n{assign}    if n == 0:\n        return {sum}\n    \
         return {name}(n - 1, x + 1) + {sum}\n\n{name}(998, 1)\n"
    )
}

/// A definition of a small function and one that calls it 5,588 times in
/// one expression (28 KB), and the call `calls(1)`.
fn many_calls() -> String {
    format!(
        "def g(x):\n    return x * 2 + x * 3 + x * 4 + x * 5 + x * 6 + x * 7 + x * 8 + x * 9\n\n\
         def calls(x):\n    return {}\n\ncalls(1)\n",
        ["g(x)"; 5588].join("+")
    )
}

/// Runs the launcher's prompt with `args` on `input` (from a pipe): the
/// lines after the prompt's help that are not prompts or echoed input,
/// the whole output, and whether the launcher reported success.
fn prompt_session(args: &[&str], input: &str) -> (Vec<String>, String, bool) {
    let mut child = Command::new(LAUNCHER)
        .args(["--interactive", "--timeout", TIMEOUT_SECS])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the launcher starts");
    // Written from a thread while the output is read: the kernel echoes
    // what it reads, and an echo nobody reads would stop the input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("the launcher ends");
    // A launcher that ended early (a kernel that failed) read only part
    // of the input: the output says why, and the assertions show it.
    let _ = writer.join().expect("the writer ends");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    // After the help, whose example shows an answer too.
    let after_help = stdout
        .split_once("an endless loop ends with FuelExhausted.\n")
        .map_or("", |(_, rest)| rest);
    let answers = after_help
        .lines()
        .filter(|l| !l.starts_with(">>>") && !l.starts_with("..."))
        .map(String::from)
        .collect();
    (answers, stdout, output.status.success())
}

/// A compile that needs more than the compile heap is a MemoryError at the
/// prompt, not the end of the kernel: with a 2 MiB compile heap, the 28 KB
/// definition of [`many_calls`] and, twenty times, a line of 3,000 calls
/// run it out; the session goes on and answers, and the definition that
/// did not fit was not added. Without the compile heap, the first of them
/// ended the kernel with a panic.
#[test]
fn running_out_of_the_compile_heap_is_a_memory_error_and_the_prompt_goes_on() {
    require_qemu();
    let calls = format!("{}\n", ["g(1)"; 3000].join("+"));
    let input = format!(
        "def sq(x):\n    return x * x\n\nsq(12)\n{}sq(5)\n{}sq(6)\n",
        many_calls(),
        calls.repeat(20)
    );
    let (answers, stdout, success) = prompt_session(&["--compile-heap", "2"], &input);
    let memory_errors = answers
        .iter()
        .filter(|l| {
            l.starts_with("MemoryError: ")
                && l.contains(" needs more than the kernel's 2 MiB compile heap")
        })
        .count();
    assert_eq!(memory_errors, 21, "{stdout}");
    let want = ["144", "NameError: name 'calls' is not defined", "25", "36"];
    let got: Vec<&str> = answers
        .iter()
        .map(String::as_str)
        .filter(|l| want.contains(l))
        .collect();
    assert_eq!(got, want, "{stdout}");
    assert!(
        stdout.contains("2 MiB compile heap, "),
        "the boot line names the size:\n{stdout}"
    );
    assert!(success, "{stdout}");
}

/// The prompt in a terminal: run by tests/kernel_pty.py in a
/// pseudo-terminal, the prompt shows before anything is typed, typed keys
/// reach the kernel and are echoed, and Ctrl-D ends the session.
#[test]
fn the_interactive_mode_works_in_a_terminal() {
    require_qemu();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/kernel_pty.py");
    let output = Command::new("python3")
        .args([script, LAUNCHER])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("121"), "{stdout}");
}
