//! The buffers and host functions part of the demo: the programs of
//! [`crate::programs::BUFFERS`] take `bytes`, `bytearray` and `list[int]`
//! arguments and call the kernel's host functions `print` (a line on the
//! serial port) and `ticks` (the TSC). Each call runs in compiled code and
//! then in the reference interpreter, each on fresh copies of its
//! arguments; the results, the exceptions, the buffers' final contents and
//! the host calls made (with their arguments) must agree. What is printed
//! is described at [`Step`].

use crate::demo::{Report, CALL_STACK_BYTES};
use crate::jit::Loaded;
use crate::programs::{BufferCall, BufferDemo, Input, Step, PACKETS};
use crate::{demo, println, timing};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use minijit::interp::Interpreter;
use minijit::{
    Arg, CallError, Exception, Host, HostDecl, HostId, Limits, Options, Program, Returns, Trap,
};

/// What a call returned: a value, `None`, or why not.
type Outcome = Result<Option<i64>, CallError>;

/// Runs every program of [`crate::programs::BUFFERS`].
pub fn run(demos: &[BufferDemo], report: &mut Report) {
    let options = Options {
        hosts: alloc::vec![HostDecl::print(), HostDecl::new("ticks", 0, Returns::Int)],
        // The interpreter runs the same optimized IR beside the code.
        keep_ir: true,
        ..Options::default()
    };
    for buffer_demo in demos {
        let Some(program) =
            demo::compile_with(buffer_demo.name, buffer_demo.source, &options, report)
        else {
            continue;
        };
        let Some(loaded) = demo::load(buffer_demo.name, &program, report) else {
            continue;
        };
        for step in buffer_demo.steps {
            match step {
                Step::EveryPacket(func) => every_packet(&program, &loaded, func, report),
                Step::Call(call) => one_call(&program, &loaded, call, report),
            }
        }
    }
}

/// `func(packet)` for every frame of [`PACKETS`], then the summary.
fn every_packet(program: &Program, loaded: &Loaded<'_>, func: &str, report: &mut Report) {
    let mut accepted = Vec::new();
    for (index, packet) in PACKETS.iter().enumerate() {
        let inputs = [Input::Packet(index)];
        let Some(got) = check_call(program, loaded, func, &inputs, Some(packet.note), report)
        else {
            return;
        };
        if got == Ok(Some(1)) {
            accepted.push(index.to_string());
        }
        if got != Ok(Some(i64::from(packet.accept))) {
            report.fail(format_args!(
                "packet {index} ({}) must be {}",
                packet.note,
                if packet.accept {
                    "accepted"
                } else {
                    "rejected"
                }
            ));
        }
    }
    println!(
        "{} of {} packets accepted: {}",
        accepted.len(),
        PACKETS.len(),
        accepted.join(", ")
    );
}

/// One call, which must raise `call.trap` or answer.
fn one_call(program: &Program, loaded: &Loaded<'_>, call: &BufferCall, report: &mut Report) {
    let Some(got) = check_call(program, loaded, call.func, call.args, None, report) else {
        return;
    };
    let raised = match &got {
        Err(CallError::Trap(e)) => Some(e.trap.name()),
        _ => None,
    };
    report.raised.extend(raised);
    if raised != call.trap || matches!(got, Err(ref e) if e.exception().is_none()) {
        report.fail(format_args!(
            "{}: expected {}",
            call.func,
            call.trap.unwrap_or("a value")
        ));
    }
}

/// Calls `func` with `inputs` in compiled code and prints what happened,
/// then in the interpreter, and checks that the two agree. `None` if there
/// is no such function.
fn check_call(
    program: &Program,
    loaded: &Loaded<'_>,
    func: &str,
    inputs: &[Input],
    note: Option<&str>,
    report: &mut Report,
) -> Option<Outcome> {
    let (Some(func_ref), Some(module)) = (program.function(func), program.ir()) else {
        report.fail(format_args!("no function {func}, or no IR kept"));
        return None;
    };
    let func_id = module.function_id(func)?;
    let shown: Vec<String> = inputs.iter().map(shown).collect();
    let text = format!("{func}({})", shown.join(", "));
    let note = note.map_or(String::new(), |n| format!("  # {n}"));
    for input in inputs {
        match input {
            Input::ByteArray(name, bytes) => println!("{name} was {}", bytearray_repr(bytes)),
            Input::Zeros(name, n) => println!("{name} was [0] * {n}"),
            Input::Int(_) | Input::Packet(_) => {}
        }
    }

    let hosts = &module.hosts;
    let mut compiled: Vec<Owned> = inputs.iter().map(Owned::new).collect();
    let mut compiled_host = KernelHost {
        decls: hosts,
        echo: true,
        calls: Vec::new(),
    };
    let limits = Limits {
        stack_bytes: CALL_STACK_BYTES,
        ..Limits::default()
    };
    let got = {
        let mut args = args(&mut compiled);
        // SAFETY: main.rs asks the bootloader for a 4 MiB kernel stack and
        // the demo runs near its top, so CALL_STACK_BYTES are free below,
        // and more for the host functions.
        unsafe { loaded.call(func_ref, &mut args, &limits, &mut compiled_host) }
    };
    match &got {
        Ok(Some(value)) => println!("{text} = {value}{note}"),
        Ok(None) => println!("{text} = None{note}"),
        Err(e) => println!("{text} -> {e}{note}"),
    }
    for (input, owned) in inputs.iter().zip(&compiled) {
        match (input, owned) {
            (Input::ByteArray(name, _), Owned::ByteArray(bytes)) => {
                println!("{name} is {}", bytearray_repr(bytes));
            }
            (Input::Zeros(name, _), Owned::List(items)) => {
                println!("{name} is {}", list_summary(items));
            }
            _ => {}
        }
    }

    let mut interpreted: Vec<Owned> = inputs.iter().map(Owned::new).collect();
    let mut interpreter_host = KernelHost {
        decls: hosts,
        echo: false,
        calls: Vec::new(),
    };
    let want =
        Interpreter::new(module).call(func_id, &mut args(&mut interpreted), &mut interpreter_host);
    if got != want {
        report.fail(format_args!("{text}: the interpreter says {want:?}"));
    }
    if compiled != interpreted {
        report.fail(format_args!(
            "{text}: the buffers differ from the interpreter's"
        ));
    }
    if compiled_host.calls != interpreter_host.calls {
        report.fail(format_args!(
            "{text}: host calls {:?}, the interpreter's {:?}",
            compiled_host.calls, interpreter_host.calls
        ));
    }
    Some(got)
}

/// How a call's line shows an argument.
fn shown(input: &Input) -> String {
    match input {
        Input::Int(v) => v.to_string(),
        Input::Packet(i) => format!("packet {i}: {} bytes", PACKETS[*i].bytes.len()),
        Input::ByteArray(name, _) | Input::Zeros(name, _) => String::from(*name),
    }
}

/// An argument's memory, owned for one call (a packet stays where it is).
#[derive(PartialEq, Eq)]
enum Owned {
    Int(i64),
    Bytes(&'static [u8]),
    ByteArray(Vec<u8>),
    List(Vec<i64>),
}

impl Owned {
    fn new(input: &Input) -> Owned {
        match *input {
            Input::Int(v) => Owned::Int(v),
            Input::Packet(i) => Owned::Bytes(PACKETS[i].bytes),
            Input::ByteArray(_, bytes) => Owned::ByteArray(bytes.to_vec()),
            Input::Zeros(_, n) => Owned::List(alloc::vec![0; n]),
        }
    }
}

fn args(owned: &mut [Owned]) -> Vec<Arg<'_>> {
    owned
        .iter_mut()
        .map(|o| match o {
            Owned::Int(v) => Arg::Int(*v),
            Owned::Bytes(b) => Arg::Bytes(b),
            Owned::ByteArray(b) => Arg::ByteArray(b),
            Owned::List(l) => Arg::List(l),
        })
        .collect()
}

/// The kernel's host functions, recording every call made to them.
struct KernelHost<'p> {
    decls: &'p [HostDecl],
    /// Whether `print` writes its line (compiled code) or the call is
    /// only recorded (the interpreter, which runs second).
    echo: bool,
    /// Each call: the function and its arguments.
    calls: Vec<(HostId, Vec<i64>)>,
}

impl Host for KernelHost<'_> {
    fn call(&mut self, id: HostId, args: &[i64]) -> Result<i64, Exception> {
        self.calls.push((id, args.to_vec()));
        match self.decls.get(id.index()).map(|d| d.name.as_str()) {
            Some("print") => {
                if self.echo {
                    let values: Vec<String> = args.iter().map(i64::to_string).collect();
                    println!("print: {}", values.join(" "));
                }
                Ok(0)
            }
            Some("ticks") => Ok((timing::rdtsc() & i64::MAX as u64) as i64),
            _ => Err(Exception::with_message(
                Trap::ValueError,
                format!("no host function {id}"),
            )),
        }
    }
}

/// `data` as Python's `repr` shows a `bytearray`: `bytearray(b'a\x00')`
/// (quoted with `"` when it has a `'` and no `"`; a `'` is escaped either
/// way, as CPython up to 3.14 does).
fn bytearray_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("bytearray(b{quote}");
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\'' => out.push_str("\\'"),
            b'"' if quote == '"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
    out
}

/// A list's first and last three items, whether it ascends, and the
/// FNV-1a hash of its items' little-endian bytes.
fn list_summary(items: &[i64]) -> String {
    let show = |part: &[i64]| part.iter().map(i64::to_string).collect::<Vec<_>>();
    let shown = if items.len() <= 6 {
        show(items).join(", ")
    } else {
        format!(
            "{}, ..., {}",
            show(&items[..3]).join(", "),
            show(&items[items.len() - 3..]).join(", ")
        )
    };
    let ascending = if items.windows(2).all(|w| w[0] <= w[1]) {
        "ascending"
    } else {
        "not ascending"
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in items.iter().flat_map(|v| v.to_le_bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!(
        "[{shown}] ({} items, {ascending}, fnv-1a {hash:#018x})",
        items.len()
    )
}
