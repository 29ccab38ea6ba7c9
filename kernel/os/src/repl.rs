//! The interactive mode (`cargo run -p kernel -- --interactive`): after the
//! demo, a prompt on the serial port. Definitions typed there accumulate
//! into one program; a line `name(1, 2)` compiles it, maps the code, calls
//! the function, prints the answer and unmaps the code again.

use crate::demo::CALL_STACK_BYTES;
use crate::{jit, print, println, serial};
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use minijit::{CallError, CompileError, Limits, Options, Span};

const HELP: &str = "\
type Python definitions (a block ends at an empty line), then call them:
>>> def sq(x):
...     return x * x
...
>>> sq(12)
144
:list shows the program, :clear forgets it, :quit or Ctrl-D ends QEMU (so does Ctrl-A X);
calls run with a fuel budget, so an endless loop ends with FuelExhausted.";

/// Fuel for each call: enough for real work, and an end to endless loops.
const FUEL: u64 = 50_000_000;

/// Whether the input has ended (Ctrl-D on an empty line): every read after
/// it ends at once, so a block being typed ends and the prompt quits.
static ENDED: AtomicBool = AtomicBool::new(false);

/// Reads a line, echoing what is typed; `None` at end of input (Ctrl-D).
fn read_line(prompt: &str) -> Option<String> {
    if ENDED.load(Ordering::Relaxed) {
        return None;
    }
    print!("{prompt}");
    let mut line = String::new();
    loop {
        match serial::read_byte() {
            b'\r' | b'\n' => {
                println!();
                return Some(line);
            }
            0x04 if line.is_empty() => {
                println!();
                ENDED.store(true, Ordering::Relaxed);
                return None;
            }
            0x08 | 0x7f if line.pop().is_some() => print!("\x08 \x08"),
            byte @ (b' '..=b'~' | b'\t') => {
                line.push(byte as char);
                print!("{}", byte as char);
            }
            _ => {}
        }
    }
}

/// `name(1, -2)` as (name, args), if `line` is a call with literal args.
fn parse_call(line: &str) -> Option<(&str, Vec<i64>)> {
    let (name, rest) = line.trim().split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let args = inner
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| a.replace('_', "").parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    Some((name, args))
}

/// Runs the prompt until `:quit` or the end of input.
pub fn run() {
    println!("{HELP}");
    let mut program = String::new();
    loop {
        let Some(line) = read_line(">>> ") else {
            return;
        };
        match line.trim() {
            "" => continue,
            ":quit" => return,
            ":clear" => program.clear(),
            ":list" => print!("{program}"),
            ":help" => println!("{HELP}"),
            _ => match parse_call(&line) {
                Some((name, args)) => call(&program, name, &args),
                None => define(&mut program, line),
            },
        }
    }
}

/// Reads the rest of a block starting with `first` and adds it to
/// `program` if the whole still compiles.
fn define(program: &mut String, first: String) {
    let mut block = first;
    block.push('\n');
    if block.trim_end().ends_with(':') {
        while let Some(line) = read_line("... ") {
            if line.trim().is_empty() {
                break;
            }
            block.push_str(&line);
            block.push('\n');
        }
    }
    let candidate = alloc::format!("{program}{block}");
    match minijit::compile(
        &candidate,
        &Options {
            fuel: true,
            ..Options::default()
        },
    ) {
        Ok(_) => *program = candidate,
        Err(e) => println!("{}", in_block(&e, program.len(), &block)),
    }
}

/// A compile error of the program with `block` added at `offset`, shown
/// with the lines of the block as typed (`<input>:2:5` is the second line
/// of this definition, as Python's REPL counts), unless it lies in what
/// was defined before.
fn in_block(e: &CompileError, offset: usize, block: &str) -> String {
    match (e.span.start as usize).checked_sub(offset) {
        Some(start) => {
            let end = (e.span.end as usize).saturating_sub(offset).max(start);
            let local = CompileError::new(Span::new(start, end), e.message.clone());
            local.render("<input>", block)
        }
        None => alloc::format!("<input>: error: {} (in an earlier definition)", e.message),
    }
}

fn call(source: &str, name: &str, args: &[i64]) {
    let compiled = match minijit::compile(
        source,
        &Options {
            fuel: true,
            ..Options::default()
        },
    ) {
        Ok(p) => p,
        Err(e) => return println!("{}", e.render("<input>", source)),
    };
    let Some(func) = compiled.function(name) else {
        return println!("NameError: name '{name}' is not defined");
    };
    let loaded = match jit::load(&compiled) {
        Ok(loaded) => loaded,
        Err(e) => return println!("cannot load the code: {e}"),
    };
    let limits = Limits {
        recursion_limit: 1000,
        fuel: Some(FUEL),
        stack_bytes: CALL_STACK_BYTES,
    };
    // SAFETY: as for the demo's calls, CALL_STACK_BYTES are free below.
    match unsafe { loaded.call_ints(func, args, &limits) } {
        Ok(value) => println!("{value}"),
        // As Python says it.
        Err(CallError::WrongArgCount { expected, got }) => println!(
            "TypeError: {name}() takes {expected} positional argument{} but {got} {} given",
            if expected == 1 { "" } else { "s" },
            if got == 1 { "was" } else { "were" }
        ),
        Err(e) => println!("{e}"),
    }
}
