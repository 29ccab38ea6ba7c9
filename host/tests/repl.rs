//! `minijit repl`: a session from a pipe (rustyline reads plain lines when
//! stdin is not a terminal) and one typed in a pseudo-terminal.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_minijit");

/// Runs `minijit repl` with `input` on its stdin; (stdout, stderr, status).
fn piped(input: &str) -> (String, String, Option<i32>) {
    piped_bytes(input.as_bytes())
}

/// [`piped`] for input that need not be UTF-8.
fn piped_bytes(input: &[u8]) -> (String, String, Option<i32>) {
    let mut child = Command::new(BIN)
        .arg("repl")
        .env("HOME", scratch_dir("piped-home"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minijit runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("minijit-repl-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The value of a result line `VALUE   (TIME)`.
fn value(line: &str) -> &str {
    let (value, time) = line.split_once("   (").unwrap_or((line, ""));
    assert!(time.ends_with(')'), "no time in {line:?}");
    value
}

/// Runs a session from `input` that ends well: the values it shows
/// (every line of stdout is one) and the lines of its errors.
fn values_and_errors(input: &str) -> (Vec<String>, Vec<String>) {
    let (out, err, status) = piped(input);
    assert_eq!(status, Some(0), "{err}");
    let values = out.lines().map(|l| value(l).to_string()).collect();
    (values, err.lines().map(String::from).collect())
}

const SESSION: &str = "\
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

fib(20)
:ir fib
:asm fib
def fib(n):
    return n * 2

fib(20)
1 // 0
def half(n):
    return n * 0.5

fib(2 +)
print(1, 2)
N = 7
fib(N)
:list
";

#[test]
fn a_piped_session() {
    let (out, err, status) = piped(SESSION);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // Values in order, each with its time.
    assert_eq!(value(lines[0]), "6765", "{out}");
    // `:ir fib`: the function's optimized IR.
    assert!(lines[1].starts_with("function fib"), "{out}");
    // `:asm fib`: its machine code under its name.
    let asm = lines.iter().position(|l| *l == "fib:").expect(&out);
    assert!(lines[asm + 1].contains(':'), "{out}");
    let results: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains("   ("))
        .map(|l| value(l))
        .collect();
    // The redefined fib doubles; N is a module constant.
    assert_eq!(results, ["6765", "40", "14"], "{out}");
    // print(1, 2) writes its line and shows no value (None).
    assert!(lines.contains(&"1 2"), "{out}");
    // The rejected `half` is not in the program; the new fib replaced the old.
    let listing = &out[out.find("def fib(n):\n    return n * 2").expect(&out)..];
    assert!(!out.contains("half"), "{out}");
    assert!(listing.contains("N = 7"), "{out}");
    assert_eq!(out.matches("def fib").count(), 1, "{out}");

    // Errors: the trap, and compile errors against the typed text with its
    // own line numbers (line 2 of the block, line 1 of the expression).
    let want = "\
ZeroDivisionError: integer division or modulo by zero
<stdin>:2:16: error: floats are not supported (only 64-bit integers)
    return n * 0.5
               ^^^
<stdin>:1:8: error: expected an expression
fib(2 +)
       ^
";
    assert_eq!(err, want);
}

#[test]
fn statements_commands_and_files() {
    let dir = scratch_dir("files");
    let file = dir.join("tri.py");
    std::fs::write(
        &file,
        "# triangles\nK = 3\n\ndef tri(n):\n    t = 0\n    for i in range(n + 1):\n        t += i\n    return t * K\n",
    )
    .unwrap();
    let input = format!(
        "for i in range(3):\n    print(i, i * i)\n\n:load {}\ntri(4)\n:time tri(10)\nnope(1)\n:help\ndef g(x):\n    return x\n\ndef h():\n    return g(1)\n\ndef g():\n    return 0\n\nh()\n:quit\nh()\n",
        file.display()
    );
    let (out, err, status) = piped(&input);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..3], ["0 0", "1 1", "2 4"], "{out}");
    assert!(lines[3].starts_with("2 definitions loaded"), "{out}");
    assert_eq!(value(lines[4]), "30", "{out}");
    assert!(
        lines[5].starts_with("165   (min ") && lines[5].contains("median"),
        "{out}"
    );
    assert!(out.contains(":time EXPR"), "{out}");
    // The g that would break h was refused; h still calls the old g once
    // (and nothing runs after :quit).
    assert_eq!(
        out.lines().filter(|l| l.starts_with("1   (")).count(),
        1,
        "{out}"
    );
    assert!(
        err.contains("NameError: name 'nope' is not defined"),
        "{err}"
    );
    assert!(err.contains("in the definition of `h`"), "{err}");
    assert!(
        err.contains("`g` takes 0 arguments but 1 was given"),
        "{err}"
    );
}

/// Reads what the child writes, in chunks, on a thread.
fn reader(mut from: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits until the output seen so far (after `*from`) contains `want`;
/// moves `*from` past it.
fn expect(rx: &mpsc::Receiver<Vec<u8>>, seen: &mut String, from: &mut usize, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(i) = seen[*from..].find(want) {
            *from += i + want.len();
            return;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            Err(_) => panic!("waited for {want:?}; the terminal showed:\n{seen}"),
        }
    }
}

#[test]
fn a_session_typed_in_a_terminal() {
    let script_ok = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !script_ok {
        eprintln!("skipped: util-linux `script` is not installed (no pseudo-terminal)");
        return;
    }
    let home = scratch_dir("tty-home");
    let mut child = Command::new("script")
        .args(["-qfec", &format!("{BIN} repl"), "/dev/null"])
        .env("HOME", &home)
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut keys = child.stdin.take().unwrap();
    let rx = reader(child.stdout.take().unwrap());
    let (mut seen, mut from) = (String::new(), 0);
    let typed = |keys: &mut std::process::ChildStdin, text: &str| {
        keys.write_all(text.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    // The banner and the prompt show before anything is typed.
    expect(&rx, &mut seen, &mut from, ":help for help");
    expect(&rx, &mut seen, &mut from, ">>> ");
    typed(&mut keys, "def sq(x):\r");
    expect(&rx, &mut seen, &mut from, "... ");
    typed(&mut keys, "    return x * x\r");
    expect(&rx, &mut seen, &mut from, "... ");
    typed(&mut keys, "\r");
    expect(&rx, &mut seen, &mut from, ">>> ");
    // Line editing: a typo erased with backspace.
    typed(&mut keys, "sq(13\x7f2)\r");
    expect(&rx, &mut seen, &mut from, "144   (");
    expect(&rx, &mut seen, &mut from, ">>> ");
    // Ctrl-C cancels the line; the session goes on.
    typed(&mut keys, "sq(99\x03");
    expect(&rx, &mut seen, &mut from, "KeyboardInterrupt");
    expect(&rx, &mut seen, &mut from, ">>> ");
    // History: the up arrow brings back `sq(12)`.
    typed(&mut keys, "\x1b[A\r");
    expect(&rx, &mut seen, &mut from, "144   (");
    expect(&rx, &mut seen, &mut from, ">>> ");
    // Ctrl-D ends the session.
    typed(&mut keys, "\x04");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the session did not end at Ctrl-D:\n{seen}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}:\n{seen}");
    assert!(!seen.contains("9801"), "{seen}");
    // The history was kept in ~/.minijit_history.
    let history = std::fs::read_to_string(home.join(".minijit_history")).unwrap_or_default();
    assert!(history.contains("sq(12)"), "{history:?}");
}

#[test]
fn fix_defines_a_specialized_function() {
    let input = "\
def powmod(b, e, m):
    r = 1
    b = b % m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r

:fix powmod m=1000003 as powmod_m
powmod_m(3, 1000001)
powmod(3, 1000001, 1000003)
:fix powmod m=0 as pz
pz(3, 4)
:fix powmod x=3 as q
:fix powmod m=5 as powmod
:fix powmod
:list
def powmod(b):
    return b

powmod_m(2, 10)
";
    let (out, err, status) = piped(input);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(value(lines[0]), "666669", "{out}");
    assert_eq!(value(lines[1]), "666669", "{out}");
    assert!(
        out.contains(":fix powmod m=1000003 as powmod_m\n:fix powmod m=0 as pz\n"),
        "{out}"
    );
    assert!(value(lines.last().unwrap()) == "1024", "{out}");
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(
        errors,
        [
            "ZeroDivisionError: integer modulo by zero",
            ":fix powmod x=3 as q: `powmod` has no parameter `x` (its parameters: b, e, m)",
            "`powmod` is already defined; choose another name",
            "usage: :fix FUNCTION NAME=VALUE ... as NEW_NAME",
            ":fix powmod m=1000003 as powmod_m: `powmod` has no parameter `m` (its parameters: b) (so the definition was not taken)",
        ],
        "{err}"
    );
}

#[test]
fn fix_works_beside_functions_that_loop_over_buffers() {
    // A `for v in data` loop reads without a check (its test keeps the
    // index in bounds); the session's program with a fix once went
    // through the verifier for IR from outside, which refused it.
    let input = "\
def total(data: bytes) -> int:
    s = 0
    for v in data:
        s += v
    return s

def scale(n, k):
    return n * k

:fix scale k=3 as triple
triple(5)
def weighted(xs: list[int]) -> int:
    t = 0
    for i, v in enumerate(xs):
        t += i * v
    return t

triple(7)
";
    let (out, err, status) = piped(input);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(err, "", "{out}");
    let values: Vec<&str> = out.lines().map(value).collect();
    assert_eq!(values, ["15", "21"], "{out}");
}

#[test]
fn constants_assigned_again_keep_pythons_order() {
    // As Python runs a module or a session: M is computed from the N of
    // its time (6, not 30), `N = N + 1` and `N += 1` rebind N, a file's
    // docstrings are skipped, and a file defining a function twice is
    // refused, as `minijit run` refuses it; the hidden function is no
    // name to use.
    let dir = scratch_dir("constants");
    let file = dir.join("consts.py");
    std::fs::write(
        &file,
        "\"\"\"A module docstring\nwith a line at column 0\n\"\"\"\n\
         N = 2\nM = N * 3\nN = 10\n\"another string\"\ndef f():\n    return M * 100 + N\n",
    )
    .unwrap();
    let twice = dir.join("twice.py");
    std::fs::write(
        &twice,
        "def g(n):\n    return 1\n\ndef g(n):\n    return 2\n",
    )
    .unwrap();
    let input = format!(
        ":load {}\nf()\nN = N + 1\nN += 1\nN * 1000 + M\n:load {}\ng(0)\n:fix f as __repl__\n__repl__()\n\
         if 1:\n    N = 3\n\nN\ndefault = 1\ndefault = default + 1\ndefault += 2  # a comment\ndefault\nimport os\nzz\nTrue += 1\nabs += 1\nq += 1\n",
        file.display(),
        twice.display()
    );
    let (out, err, status) = piped(&input);
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out.lines().skip(1).map(value).collect();
    // (`default` is a constant, though its name begins with `def`; the
    // `if` block sets N, as Python's session does.)
    assert_eq!(values, ["610", "12006", "3", "4"], "{out}");
    let errors: Vec<&str> = err.lines().collect();
    assert!(
        errors[0].ends_with("twice.py:4: error: function `g` is defined twice"),
        "{err}"
    );
    assert!(errors[1] == "NameError: name 'g' is not defined", "{err}");
    for want in [
        "NameError: name '__repl__' is not defined",
        // A statement outside the language is named as `run` names it...
        "<stdin>:1:1: error: import is not supported\nimport os\n",
        // ...but a bare name is still an expression (a name nothing
        // defines is Python's NameError), and a keyword no name.
        "NameError: name 'zz' is not defined\n",
        // An augmented assignment is a statement: its error is the
        // statement form's (the expression form's was "unexpected token").
        "<stdin>:1:1: error: only names and buffer items can be assigned to\nTrue += 1",
        "<stdin>:1:1: error: `abs` shadows a builtin function\nabs += 1",
    ] {
        assert!(err.contains(want), "no {want:?} in\n{err}");
    }
    // `q += 1` reads a name never defined, as Python's session does.
    assert!(
        err.ends_with("NameError: name 'q' is not defined\n"),
        "{err}"
    );
}

#[test]
fn a_line_of_statements_shows_each_value_and_stops_at_an_error() {
    // As Python's session: `a; b` shows the value of each, in order, and
    // the first exception ends the line; `if c: a; b` is one statement.
    let (out, err, status) = piped(
        "def f(x):\n    print(x * 10)\n    return x\n\n\
         f(1); f(2)\nf(3); 1 // 0; f(4)\nif 0: f(5); f(6)\nf(7);\n",
    );
    assert_eq!(status, Some(0), "{err}");
    // (Printed lines, and values with their times.)
    let lines: Vec<&str> = out
        .lines()
        .map(|l| l.split_once("   (").map_or(l, |(v, _)| v))
        .collect();
    assert_eq!(lines, ["10", "1", "20", "2", "30", "3", "70", "7"], "{out}");
    assert_eq!(
        err, "ZeroDivisionError: integer division or modulo by zero\n",
        "{out}"
    );
    // Definitions among them are taken one by one, as Python runs them:
    // `N += 1; f(N)` sets N, then calls f with it; after an exception,
    // nothing more is defined.
    let (out, err, _) = piped(
        "def f(x):\n    return x * 10\n\n\
         N = 1; M = N + 1\nN += 1; f(N)\nM\nq = 5; 1 // 0; r = 6\nq\nr\n",
    );
    let values: Vec<&str> = out.lines().map(value).collect();
    assert_eq!(values, ["20", "2", "5"], "{out}\n{err}");
    assert!(
        err.starts_with("ZeroDivisionError: integer division or modulo by zero\n")
            && err.contains("NameError: name 'r' is not defined"),
        "{err}"
    );
    // A syntax error anywhere in the line refuses all of it before any
    // statement runs, as Python does; it is placed in the line as typed.
    let (out, err, _) = piped("abs(8); abs(9 +)\nN = 1; M = (1 +)\nN\n:time 1; 2 +\n");
    assert_eq!(out, "", "{err}");
    assert!(
        err.starts_with("<stdin>:1:16: error: expected an expression\nabs(8); abs(9 +)\n"),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:1:16: error: expected an expression\nN = 1; M = (1 +)\n"),
        "{err}"
    );
    assert!(
        err.contains("NameError: name 'N' is not defined\n<stdin>:1:7: error: expected an expression\n1; 2 +\n"),
        "{err}"
    );
}

#[test]
fn a_function_may_use_a_name_defined_after_it() {
    // As in Python, a `def` is taken though a name it uses is not defined
    // yet (mutual recursion typed one function at a time): calling it
    // before then is Python's NameError for that name, and it is compiled
    // once the name is defined. One whose name turns out to be something
    // it cannot call is dropped with its error shown.
    let (out, err, status) = piped(
        "def ev(n):\n    if n == 0:\n        return 1\n    return od(n - 1)\n\n\
         def f(n):\n    return ev(n) * 10\n\n\
         ev(3)\nf(3)\n\
         def od(n):\n    if n == 0:\n        return 0\n    return ev(n - 1)\n\n\
         ev(10)\nod(10)\nf(7)\n\
         def h(x):\n    return qq(x) + rr(x)\n\n\
         def qq(x):\n    return x\n\n\
         h(1)\nrr = 3\nh(1)\n:list\n",
    );
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("   ("))
        .map(value)
        .collect();
    assert_eq!(values, ["1", "0", "0"], "{out}\n{err}");
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(
        errors[..5],
        [
            "NameError: name 'od' is not defined",
            "NameError: name 'od' is not defined",
            "NameError: name 'rr' is not defined",
            "in the definition of `h`, entered earlier:",
            "<h>:2:20: error: `rr` is an integer, not a function",
        ],
        "{err}"
    );
    // The listing keeps the order typed: ev and f, which waited, before od.
    let defs: Vec<&str> = out.lines().filter(|l| l.starts_with("def ")).collect();
    assert_eq!(
        defs,
        ["def ev(n):", "def f(n):", "def od(n):", "def qq(x):"],
        "{out}"
    );
}

#[test]
fn a_statement_goes_on_inside_brackets() {
    // As in Python's session: a line that stops inside brackets (a `def`
    // header, a call, a constant) goes on at the next, and an expression
    // split so still shows its value.
    let (out, err, status) = piped(
        "def f(a,\n      b):\n    return (a +\n\n            b)\n\n\
         f(10,\n  20)\nN = (1 +\n 2)\nN * f(1, 1)\n",
    );
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out.lines().map(value).collect();
    assert_eq!(values, ["30", "6"], "{out}\n{err}");
    assert_eq!(err, "", "{out}");
}

#[test]
fn waiting_functions_name_what_is_missing_and_blocks_hold_several_definitions() {
    // A cycle of functions that wait names the name none of them defines
    // (not each other); a `:fix`'s name is no name a definition can wait
    // for; two definitions typed in one block are each their own, so one
    // can be defined again alone; a `\` continues a line...
    let (out, err, status) = piped(
        "def a(n):\n    return b(n)\n\n\
         def b(n):\n    if n > 0:\n        return a(n - 1)\n    return c(n)\n\n\
         def c(n):\n    return d(n) + 1\n\na(2)\n\
         def d(n):\n    return 40\n\na(2)\n\
         def powmod(x, e, m):\n    return x * e % m\n\n:fix powmod m=5 as pm\n\
         def t():\n    return pm(2, 3)\n\n\
         def p():\n    return q()\ndef q():\n    return 5\n\n\
         def p():\n    return 6\n\nq() * 10 + \\\n p()\n\
         def ev(n):\n    return od(n)\n\ndef h(n):\n    return ev(n)\n\n\
         def ev(n):\n    if n:\n        return h(n - 1)\n    return 0\n\nh(3) + 7\n\
         x = 1  # a comment that ends in:\nx * 100\nN = 1\nN += 1;\nN * 1000\n\
         def w2():\n    return pm3(2, 3)\n\n:fix powmod m=7 as pm3\n",
    );
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out.lines().map(value).collect();
    // ...; ev typed again closes a cycle with h, which waited for it; a
    // comment ending in `:` opens no block; `N += 1;` sets N.
    assert_eq!(values, ["41", "56", "7", "100", "2000"], "{out}\n{err}");
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(errors[0], "NameError: name 'd' is not defined", "{err}");
    assert_eq!(
        errors[1], "<stdin>:2:12: error: name `pm` is not defined",
        "{err}"
    );
    // One that waited for a name a `:fix` then takes goes, said so.
    assert_eq!(
        errors[4],
        "`w2` waited for `pm3`, which a definition cannot call (it is a :fix): `w2` was dropped",
        "{err}"
    );
    assert_eq!(errors.len(), 5, "{err}");
}

/// A line that is not UTF-8 is a SyntaxError, alone or in a block (which
/// goes with it), and the session goes on, as Python's does.
#[test]
fn a_line_that_is_not_utf8_is_refused_and_the_session_goes_on() {
    let (out, err, status) = piped_bytes(
        b"def f():\n    return 1\n\n\xff\nf()\nif 1:\n    x = 2\n    \xfe\n\nf() + 1\n",
    );
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out.lines().map(value).collect();
    assert_eq!(values, ["1", "2"], "{out}\n{err}");
    let told = "SyntaxError: (unicode error) the line is not valid UTF-8";
    assert_eq!(err.lines().collect::<Vec<_>>(), [told, told], "{err}");
}

/// Statements typed at the prompt run at module level, as in Python's
/// session: a name a block assigns (`for`, `while`, `if`, or a line of
/// simple statements) is the session's from then on, also when the block
/// stops with an exception after assigning it; a name read before
/// anything assigns it is a NameError. (Each value checked with CPython.)
#[test]
fn blocks_assign_the_sessions_names() {
    let (values, errors) = values_and_errors(
        "total = 0\nfor i in range(10):\n    total += i\n\ntotal * 100 + i\n\
         def f(q):\n    return q + total\n\nf(1)\n\
         n = 1\nwhile n < 100:\n    n = n * 3\n    assert n < 50, 'big'\n\nn\n\
         for k in range(3): s += k\nk\ns\n\
         a, b = 1, 2\nif a < b: a, b = b, a\na * 10 + b\n\
         for j in range(2): low = -9223372036854775807 - j\nlow\n\
         for j in range(0): never = 1\nnever\n\
         :time for t in range(3): total = t\n",
    );
    assert_eq!(
        values,
        ["4509", "46", "81", "0", "21", "-9223372036854775808"],
        "{errors:?}"
    );
    assert_eq!(
        errors,
        [
            "AssertionError: big",
            "NameError: name 's' is not defined",
            "NameError: name 's' is not defined",
            "NameError: name 'never' is not defined",
            "`total` is a constant of the session: `:time` runs statements apart from it, so they may not assign it",
        ],
        "{values:?}"
    );
}

/// `break` and `continue` typed alone are statements: their error is the
/// statement's, as Python's; in a loop they work.
#[test]
fn break_and_continue_outside_a_loop_say_so() {
    let (values, errors) = values_and_errors(
        "break\ncontinue\ns = 0\nfor i in range(5):\n    if i == 3: break\n    if i == 1: continue\n    s = s * 10 + i + 1\n\ns\n",
    );
    assert_eq!(values, ["13"], "{errors:?}");
    assert_eq!(
        errors,
        [
            "<stdin>:1:1: error: 'break' outside loop",
            "break",
            "^^^^^",
            "<stdin>:1:1: error: 'continue' not properly in loop",
            "continue",
            "^^^^^^^^",
        ],
        "{values:?}"
    );
}

/// Constants on one line (`A = 1; B = 2`) in a file or a block are each
/// their own definition, as typed one by one: each can be set again.
#[test]
fn constants_on_one_line_of_a_file_or_block_are_each_their_own() {
    let dir = scratch_dir("one-line");
    let file = dir.join("ab.py");
    std::fs::write(&file, "A = 1; B = 2\n").unwrap();
    let input = format!(
        ":load {}\nB += 5\nA * 10 + B\ndef f():\n    return C * D\nC = 3; D = 4;\n\nD += 1\nf()\n",
        file.display()
    );
    let (out, err, status) = piped(&input);
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out.lines().skip(1).map(value).collect();
    assert_eq!(values, ["17", "15"], "{out}\n{err}");
    assert_eq!(err, "", "{out}");
}

/// An assignment typed at the prompt computes its value as Python's
/// session does, when typed: it may call the session's functions, an
/// error is placed in the text as typed, a name nothing defines is a
/// NameError, and an exception leaves the name as it was.
#[test]
fn an_assignment_computes_its_value_when_typed() {
    let (out, err, status) = piped(
        "def f(x):\n    return x * 2\n\nM = f(2)\nN = 1\nN += f(M)\nM * 100 + N\n\
         N += zz\nN += (1 +)\nN = 2 ** 64\nN\n:list\n",
    );
    assert_eq!(status, Some(0), "{err}");
    let values: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("   ("))
        .map(value)
        .collect();
    assert_eq!(values, ["409", "9"], "{out}\n{err}");
    // N set again takes the place of its old value (nothing was computed
    // from it); so does a loop's variable.
    assert!(out.contains("\nM = 4\nN = 9\n"), "{out}");
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(
        errors,
        [
            "NameError: name 'zz' is not defined",
            "<stdin>:1:10: error: expected an expression",
            "N += (1 +)",
            "         ^",
            "OverflowError: integer result does not fit in 64 bits",
        ],
        "{err}"
    );
}

/// Definitions typed in one block are taken in turn, as Python runs them:
/// one that uses a name nothing defines yet waits for it while the others
/// are taken; a syntax error anywhere refuses the whole block.
#[test]
fn a_block_of_definitions_is_taken_in_turn() {
    let (values, errors) = values_and_errors(
        "def a():\n    return b() + 1\ndef c():\n    return 1\n\nc()\na()\n\
         def b():\n    return 40\n\na()\n\
         def x1():\n    return 1\ndef x2():\n    return 1 +\n\nx1()\n",
    );
    assert_eq!(values, ["1", "41"], "{errors:?}");
    assert_eq!(
        errors,
        [
            "NameError: name 'b' is not defined",
            "<stdin>:4:15: error: expected an expression",
            "    return 1 +",
            "              ^",
            "NameError: name 'x1' is not defined",
        ],
        "{values:?}"
    );
}

/// A block that assigns a constant which a function it calls reads is
/// refused before it runs: the function would see the constant's old
/// value. One assignment that calls it first is fine, and a function's
/// own local of that name reads nothing; an UnboundLocalError raised in a
/// called function stays one. A `return` anywhere is Python's
/// SyntaxError.
#[test]
fn a_block_is_refused_where_a_function_would_read_an_old_value() {
    let (values, errors) = values_and_errors(
        "T = 1\ndef g():\n    return T\n\ndef own(T):\n    return T * 2\n\n\
         for i in range(3):\n    T += 1\n    print(g())\n\nT\n\
         T = g() + 10\nT\nfor i in range(2): T += own(i)\nT\n\
         def f(n):\n    if n:\n        y = 1\n    return y\n\nfor y in range(2): print(f(0))\n\
         if 1: return 3\n",
    );
    assert_eq!(values, ["1", "11", "13"], "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("error: `g` reads the constant `T`, which these statements assign"),
        "{errors:?}"
    );
    assert_eq!(
        errors[1..],
        [
            "UnboundLocalError: cannot access local variable 'y' where it is not associated with a value",
            "SyntaxError: 'return' outside function",
        ],
        "{errors:?}"
    );
}

/// A name nothing defines, read in a block, is a NameError only where it
/// is reached, as in Python: a branch not taken runs without it, and what
/// was assigned before it stays.
#[test]
fn an_undefined_name_in_a_block_raises_only_where_reached() {
    let (values, errors) = values_and_errors(
        "if 0:\n    s = undefined_thing\n\nc = 5\nif c > 100:\n    c = nope2\nelse:\n    c = 6\n\nc\n\
         for i in range(3):\n    x = i\n    y = undefined_q\n\ni * 10 + x + c\n\
         if 0: print(zzz)\nif 1: print(zzz)\n",
    );
    assert_eq!(values, ["6", "6"], "{errors:?}");
    assert_eq!(
        errors,
        [
            "NameError: name 'undefined_q' is not defined",
            "NameError: name 'zzz' is not defined",
        ],
        "{values:?}"
    );
}

/// A `:fix` reads what the function it specializes reads: a block that
/// assigns such a constant and calls the fix is refused too. A `return`
/// on a line of statements refuses the whole line before any of it runs.
#[test]
fn a_fix_counts_as_its_function_and_a_return_refuses_the_line() {
    let (values, errors) = values_and_errors(
        "T = 1\ndef f(a, b):\n    return a * 10 + b + T * 1000\n\n:fix f a=5 as g\n\
         for i in range(2): T = i + 7; x = g(1)\nT = 8; x = g(1)\nx\n\
         x = 6; print(8); return\nx\n",
    );
    assert_eq!(values, ["8051", "8051"], "{errors:?}");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("error: `f` reads the constant `T`"),
        "{errors:?}"
    );
    assert_eq!(errors[1], "SyntaxError: 'return' outside function");
}
