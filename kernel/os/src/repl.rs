//! The interactive mode (`cargo run -p kernel -- --interactive`): after the
//! demo, a prompt on the serial port. Definitions typed there accumulate
//! into one program; a line `name(1, 2)` compiles it, maps the code, calls
//! the function, prints the answer and unmaps the code again. Any other
//! line that is not a definition (`sq(0x10) + N`) is run the same way, as
//! the body of a hidden function compiled with the program; statements
//! that assign names run at module level ([`minijit::frontend::session`]),
//! and each name they assigned is then added as a constant. A function
//! defined again replaces its old definition; a new one that uses a name
//! not defined yet waits for it ([`Waiting`]).

use crate::compiler::{self, compile};
use crate::demo::CALL_STACK_BYTES;
use crate::{allocator, call_stack, jit, print, println, serial};
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use minijit::frontend::lexer::{augmented_name, simple_statements};
use minijit::frontend::session;
use minijit::{Arg, CallError, CompileError, Exception, HostId, Limits, Program, Span};

const HELP: &str = "\
type Python definitions (a block ends at an empty line), then call them or
evaluate expressions with them:
>>> def sq(x):
...     return x * x
...
>>> sq(12)
144
>>> sq(0x10) + 1
257
:list shows the program, :clear forgets it, :quit or Ctrl-D ends QEMU (so does Ctrl-A X);
a function defined again replaces the old definition, a new one may call one
defined after it; an assignment (N = sq(4)), and a block (`for`, `while`,
`if`) for each name it assigns, sets a constant to the value computed, as at
Python's prompt; print(e, ...) writes a line;
calls run with a fuel budget, so an endless loop ends with FuelExhausted.";

/// Fuel for each call: enough for real work, and an end to endless loops.
const FUEL: u64 = 50_000_000;

/// The most bytes of source the program typed at the prompt may have. A
/// compile takes up to a few hundred bytes of heap per byte of source, in
/// the compile heap ([`allocator::in_workspace`]), which it may run out
/// (a `MemoryError`, and the session goes on); this bounds what the main
/// heap holds of the definitions.
const MAX_SOURCE: usize = 128 << 10;

/// The bytes a line at the prompt may always have, however large the
/// program: room for a call or a command such as `:clear`.
const COMMAND_ROOM: usize = 256;

/// The message for a definition or line that makes the program larger
/// than [`MAX_SOURCE`] (of which `used` are taken).
fn too_large(used: usize) -> String {
    alloc::format!(
        "error: too large: the program typed here may have {} KiB of source, of which {used} bytes are taken; nothing was added",
        MAX_SOURCE >> 10
    )
}

/// Runs `f` (a compile, and the call of what it made) in the compile heap,
/// and says so if that ran out or something in it panicked, naming
/// `what` ran (`this line`, `this definition`), with `then` (what that
/// means for the session) after; what `f` answered, if it came back.
///
/// # Safety
/// As for [`allocator::in_workspace`].
unsafe fn compiling<R: Copy>(what: &str, then: &str, f: impl FnOnce() -> R) -> Option<R> {
    // SAFETY: as the caller promised.
    match unsafe { quietly(f) } {
        Ok(answer) => Some(answer),
        Err(allocator::Interrupted::OutOfMemory) => {
            println!(
                "MemoryError: {what} needs more than the kernel's {} MiB compile heap{then}",
                allocator::workspace_size() >> 20
            );
            None
        }
        Err(allocator::Interrupted::Panicked) => {
            println!("error: {what} failed inside the kernel (said above){then}");
            None
        }
    }
}

/// [`compiling`] without a word: what `f` answered, or why not.
///
/// # Safety
/// As for [`allocator::in_workspace`].
unsafe fn quietly<R: Copy>(f: impl FnOnce() -> R) -> Result<R, allocator::Interrupted> {
    // SAFETY: as the caller promised; what the compile heap keeps is the
    // compile context's.
    let outcome = unsafe { allocator::in_workspace(compiler::keep, f) };
    if outcome.is_err() {
        // SAFETY: `f` is over, and with it the modules and the stack it
        // had loaded and mapped; the compile heap the context's blocks
        // were in is emptied.
        unsafe {
            jit::unmap_abandoned();
            call_stack::unmap_abandoned();
            compiler::abandon();
        }
    }
    outcome
}

/// Whether the input has ended (Ctrl-D on an empty line): every read after
/// it ends at once, so a block being typed ends and the prompt quits.
static ENDED: AtomicBool = AtomicBool::new(false);

/// Whether the last byte read was a `\r`: a `\n` right after it ends no
/// second line.
static AFTER_CR: AtomicBool = AtomicBool::new(false);

/// A line typed at the prompt.
struct Line {
    text: String,
    /// Whether more was typed than the line could take: the rest was read
    /// and dropped.
    cut: bool,
}

/// Reads a line of at most `cap` bytes, echoing what is typed; `None` at
/// end of input (Ctrl-D).
fn read_line(prompt: &str, cap: usize) -> Option<Line> {
    if ENDED.load(Ordering::Relaxed) {
        return None;
    }
    print!("{prompt}");
    // Bytes, made text at the line's end: UTF-8 stays whole for the
    // compiler, which says where it is not allowed (`café = 1`: non-ASCII
    // names are not supported), rather than dropped (`caf`).
    let mut bytes: Vec<u8> = Vec::new();
    let mut cut = false;
    let mut first = true;
    loop {
        let byte = serial::read_byte();
        // A `\r\n` (a file with Windows line ends) is one line end.
        let after_cr = AFTER_CR.swap(byte == b'\r', Ordering::Relaxed);
        if core::mem::take(&mut first) && byte == b'\n' && after_cr {
            continue;
        }
        match byte {
            b'\r' | b'\n' => {
                println!();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                return Some(Line { text, cut });
            }
            0x04 if bytes.is_empty() && !cut => {
                println!();
                ENDED.store(true, Ordering::Relaxed);
                return None;
            }
            0x08 | 0x7f if !cut && !bytes.is_empty() => {
                // A whole character goes (a UTF-8 sequence's continuation
                // bytes with its first); only an ASCII one was echoed.
                let mut gone = bytes.pop();
                while gone.is_some_and(|b| (0x80..0xc0).contains(&b)) {
                    gone = bytes.pop();
                }
                if gone.is_some_and(|b| b.is_ascii()) {
                    print!("\x08 \x08");
                }
            }
            byte @ (b' '..=b'~' | b'\t' | 0x80..=0xff) => {
                // Echoed either way, as typed; kept only while it fits.
                cut |= bytes.len() >= cap;
                if !cut {
                    bytes.push(byte);
                }
                if byte.is_ascii() {
                    print!("{}", byte as char);
                }
            }
            _ => {}
        }
    }
}

/// Whether `name` is a builtin function or the host's `print`.
fn is_builtin(name: &str) -> bool {
    name == "print" || minijit::frontend::builtin::Builtin::from_name(name).is_some()
}

/// Whether `c` may be part of a name (an ASCII letter, digit or `_`).
fn in_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `line` starts a definition to add to the program as typed: a
/// `def`, a comment or a docstring. Anything else is run: a `for` block,
/// and an assignment (`N = 10`), which then adds the constant with the
/// value it computed, as Python's session assigns it.
fn is_definition(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("def ") || t.starts_with(['#', '"', '\''])
}

/// The constant a definition assigns (`N = 10`, `N: int = 10`).
fn assigned_name(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let name = t.find(|c| !in_name(c)).unwrap_or(t.len());
    let rest = t[name..].trim_start();
    let assigns = rest.starts_with(':') || (rest.starts_with('=') && !rest.starts_with("=="));
    (name > 0 && assigns).then(|| &t[..name])
}

/// `name(1, -2)` as (name, args), if `line` is a call with plain decimal
/// literals for args (anything else, `007`, `1_0`, `-9223372036854775808`
/// or `f(1,,2)`, goes through the compiler, which answers as Python does).
fn parse_call(line: &str) -> Option<(&str, Vec<i64>)> {
    let (name, rest) = line.trim().split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let name = name.trim();
    if name.is_empty()
        || !name.chars().all(in_name)
        || name.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if inner.trim().is_empty() {
        return Some((name, Vec::new()));
    }
    let args = inner
        .split(',')
        .map(|a| plain_int(a.trim()))
        .collect::<Option<Vec<i64>>>()?;
    Some((name, args))
}

/// `0`, `42` or `-42`: digits without a leading zero or `_`, in range
/// (the minus applies to a literal that fits, as in Python).
fn plain_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    let value: i64 = digits.parse().ok().filter(|_| plain)?;
    Some(if negative { -value } else { value })
}

/// What was defined at the prompt, in order: each definition's text, and
/// for a function its name. A function defined again replaces the old
/// definition where it stood, as Python's REPL rebinds the name (calls
/// look functions up when they run). Anything else is added after the
/// rest: a module constant assigned again keeps its earlier value for the
/// constants computed from it in between, as in Python.
#[derive(Default)]
struct Definitions(Vec<(Option<String>, String)>);

impl Definitions {
    /// The program: every definition's text, in order.
    fn text(&self) -> String {
        self.0.iter().map(|(_, text)| text.as_str()).collect()
    }

    fn len(&self) -> usize {
        self.0.iter().map(|(_, text)| text.len()).sum()
    }

    /// Whether the program has a module constant `name`.
    fn has_constant(&self, name: &str) -> bool {
        self.0
            .iter()
            .any(|(function, text)| function.is_none() && assigned_name(text) == Some(name))
    }

    /// Where a definition of `name` goes: the place of the old one, or a
    /// new place at the end.
    fn slot(&self, name: Option<&str>) -> usize {
        let same = |(old, _): &(Option<String>, String)| name.is_some() && old.as_deref() == name;
        self.0.iter().position(same).unwrap_or(self.0.len())
    }

    /// The definitions of the program with `block` at `slot`, in order:
    /// each one's function name (`None` for `block` itself and for what
    /// defines no function) and text.
    fn with<'a>(
        &'a self,
        slot: usize,
        block: &'a str,
    ) -> impl Iterator<Item = (Option<&'a str>, &'a str)> {
        let part = |(name, text): &'a (Option<String>, String)| (name.as_deref(), text.as_str());
        let after = self.0.get(slot + 1..).unwrap_or_default();
        self.0[..slot]
            .iter()
            .map(part)
            .chain(core::iter::once((None, block)))
            .chain(after.iter().map(part))
    }
}

/// The function a definition defines (`def NAME(...)`), if it is one.
fn function_name(block: &str) -> Option<String> {
    let rest = block.trim_start().strip_prefix("def ")?.trim_start();
    let end = rest.find(|c| !in_name(c))?;
    (end > 0).then(|| String::from(&rest[..end]))
}

/// Functions of new names typed before a name they use was defined
/// (`def ev(n): ... od(n - 1)`, then `def od(n): ...`), as (name, text,
/// the name they wait for): Python takes such a `def` at once and looks
/// the name up only when the call runs. Each is added to the program as
/// soon as the program compiles with it; a call of it before that is
/// Python's NameError for the name it waits for.
#[derive(Default)]
struct Waiting(Vec<(String, String, String)>);

impl Waiting {
    /// The name a call of `name` would find undefined, if `name` waits:
    /// the name it waits for, or what that one waits for in turn.
    fn waits_for(&self, name: &str) -> Option<&str> {
        let mut missing = None;
        let mut at = name;
        // A chain of waiting functions is no longer than their number.
        for _ in 0..self.0.len() {
            match self.0.iter().find(|(n, _, _)| n == at) {
                Some((_, _, m)) => {
                    missing = Some(m.as_str());
                    at = m;
                }
                None => break,
            }
        }
        missing
    }

    /// The bytes of their texts.
    fn len(&self) -> usize {
        self.0.iter().map(|(_, text, _)| text.len()).sum()
    }

    /// Their texts, each under a comment naming what it waits for.
    fn text(&self) -> String {
        let text = |(_, text, missing): &(String, String, String)| {
            alloc::format!("# waits for `{missing}`\n{text}")
        };
        self.0.iter().map(text).collect()
    }
}

/// What a compile of the program with a new definition found.
#[derive(Clone, Copy)]
enum Check {
    Compiles,
    /// The definition uses a name nothing defines (at these bytes of the
    /// program).
    Undefined(usize, usize),
    /// Any other error (shown).
    Refused,
}

/// The span of the name the compile error `e` says nothing defines
/// ([`CompileError::is_not_defined`]).
fn undefined_span(e: &CompileError) -> Option<(usize, usize)> {
    let span = (e.span.start as usize, e.span.end as usize);
    e.is_not_defined().then_some(span)
}

/// Runs the prompt until `:quit` or the end of input.
pub fn run() {
    println!("{HELP}");
    let mut program = Definitions::default();
    let mut waiting = Waiting::default();
    loop {
        // A call or a command adds nothing to the program: only what a
        // definition adds is weighed (in `define`).
        let used = program.len() + waiting.len();
        let cap = MAX_SOURCE.saturating_sub(used).max(COMMAND_ROOM);
        let Some(Line { text: line, cut }) = read_line(">>> ", cap) else {
            return;
        };
        let line = if cut { None } else { complete(line, cap) };
        let Some(line) = line else {
            println!("{}", too_large(used));
            continue;
        };
        match line.trim() {
            "" => continue,
            ":quit" => return,
            ":clear" => {
                program.0.clear();
                waiting.0.clear();
            }
            ":list" => print!("{}{}", program.text(), waiting.text()),
            ":help" => println!("{HELP}"),
            _ if is_definition(&line) && simple_statements(&line).len() == 1 => {
                define(&mut program, &mut waiting, line)
            }
            // A block to run (`for`, `while`, `if`): read whole, then run.
            _ if minijit::frontend::lexer::opens_block(&line) => {
                let used = program.len() + waiting.len();
                match read_block(line, MAX_SOURCE.saturating_sub(used)) {
                    Some(block) => {
                        statement(&mut program, &mut waiting, &block, (&block, 0));
                    }
                    None => println!("{}", too_large(used)),
                }
            }
            // `a; b`: each in turn, as Python's session, until an error; a
            // syntax error anywhere refuses the whole line first.
            _ => {
                let parts = simple_statements(&line);
                if parts.len() > 1 && session::returns(&line) {
                    println!("SyntaxError: 'return' outside function");
                    continue;
                }
                if let Some(e) = session::syntax_error(&line).filter(|_| parts.len() > 1) {
                    println!("{}", e.render("<input>", &line));
                    continue;
                }
                for part in parts {
                    let part = part.trim();
                    // Where the part stands in the line, for its errors.
                    let at = part.as_ptr() as usize - line.as_ptr() as usize;
                    if !statement(&mut program, &mut waiting, part, (&line, at)) {
                        break;
                    }
                }
            }
        }
    }
}

/// `first` and the lines after it while they stop inside a bracket or a
/// triple-quoted string (`def f(a,` goes on at `      b):`), as Python's
/// session reads them; `None` when they outgrow `cap` bytes.
fn complete(first: String, cap: usize) -> Option<String> {
    let mut text = first;
    while minijit::frontend::lexer::is_unclosed(&text) {
        let Some(more) = read_line("... ", cap.saturating_sub(text.len() + 1)) else {
            break;
        };
        if more.cut {
            return None;
        }
        text.push('\n');
        text.push_str(&more.text);
    }
    Some(text)
}

/// Takes one simple statement typed at the prompt (at byte `at` of the
/// line `typed`): a definition is added; anything else is run, and an
/// assignment (`N = f(3)`, `N += 1`) sets the constant to the value it
/// computed, as Python's session does. Whether it was taken, or ran
/// without an error or an exception.
fn statement(
    program: &mut Definitions,
    waiting: &mut Waiting,
    part: &str,
    typed: (&str, usize),
) -> bool {
    if let Some(name) = augmented_name(part) {
        // Python reads the name first: one nothing defines is a NameError
        // (the hidden function the line runs in would find a local unbound).
        let function = program.0.iter().any(|(n, _)| n.as_deref() == Some(name));
        let waits = waiting.0.iter().any(|(n, _, _)| n == name);
        if !program.has_constant(name) && !function && !waits && !is_builtin(name) {
            println!("NameError: name '{name}' is not defined");
            return false;
        }
    }
    if is_definition(part) {
        return add(program, waiting, alloc::format!("{part}\n"), typed);
    }
    // Python refuses a `return` outside a function, though the hidden
    // function would take it; the prompt's own names are nobody's.
    if session::returns(part) {
        println!("SyntaxError: 'return' outside function");
        return false;
    }
    if let Some(own) = session::own_name(part, HIDDEN) {
        println!("NameError: name '{own}' is not defined");
        return false;
    }
    let text = program.text();
    // Statements that assign a name run at module level, as Python's
    // session runs them: the names become the program's constants, also
    // those assigned before an exception.
    let is_unknown = |n: &str| {
        let function = program.0.iter().any(|(f, _)| f.as_deref() == Some(n));
        let waits = waiting.0.iter().any(|(w, _, _)| w == n);
        !program.has_constant(n) && !function && !waits && !is_builtin(n)
    };
    let is_constant = |n: &str| program.has_constant(n);
    let module_level = match session::module_level(part, is_constant, is_unknown) {
        Ok(m) => m,
        Err(name) => {
            println!("{}", session::unfollowed(&name));
            return false;
        }
    };
    if let Some(m) = module_level {
        let calls = session::calls(part, &text);
        if let Some(why) = m.stale_read(&calls) {
            println!("{why}");
            return false;
        }
        let mut globals = alloc::vec![0; m.slots()];
        let run = || run_module_level(&text, waiting, (&m, &calls), typed, &mut globals);
        // SAFETY: the statements run from borrowed text and keep nothing
        // but what they write into `globals`, made before; the answer is a
        // bool.
        let ran = unsafe { compiling("running this line", "", run) }.unwrap_or(false);
        for (name, value) in m.assigned(&globals) {
            let definition = session::constant(name, value);
            if !add(program, waiting, definition.clone(), (&definition, 0)) {
                return false;
            }
        }
        return ran;
    }
    let run = || run_line(&text, waiting, part, typed);
    // SAFETY: the line is run from borrowed text and keeps nothing; its
    // answer is a bool.
    unsafe { compiling("running this line", "", run) }.unwrap_or(false)
}

/// Runs one statement typed at the prompt and prints what it gives;
/// whether it ran without an error or an exception.
fn run_line(program: &str, waiting: &Waiting, line: &str, typed: (&str, usize)) -> bool {
    match parse_call(line) {
        // A builtin (`abs(-5)`) and the host's `print` are the compiler's
        // to call; a name nothing defines is Python's NameError.
        Some((name, args)) if !is_builtin(name) => call(program, waiting, name, &args),
        _ => evaluate(program, waiting, line, typed),
    }
}

/// `first` and, if it opens a block (ends in `:`), the lines of the block,
/// up to an empty line outside brackets; `None` (the rest read and
/// dropped) when they outgrow `room` bytes.
fn read_block(first: String, room: usize) -> Option<String> {
    let mut block = first;
    block.push('\n');
    let mut cut = false;
    if minijit::frontend::lexer::opens_block(&block) {
        while let Some(line) = read_line("... ", room.saturating_sub(block.len())) {
            let open = minijit::frontend::lexer::is_unclosed(&block);
            if line.text.trim().is_empty() && !line.cut && !open {
                break;
            }
            cut |= line.cut;
            if !cut {
                block.push_str(&line.text);
                block.push('\n');
            }
        }
    }
    (!cut && block.len() <= room).then_some(block)
}

/// Reads the rest of a block starting with `first` and adds it to
/// `program` (or puts it in place of the function's old definition) if the
/// whole still compiles (and fits [`MAX_SOURCE`]), or to `waiting` if it is
/// a function of a new name that uses a name nothing defines yet.
fn define(program: &mut Definitions, waiting: &mut Waiting, first: String) {
    let used = program.len() + waiting.len();
    let Some(block) = read_block(first, MAX_SOURCE.saturating_sub(used)) else {
        return println!("{}", too_large(used));
    };
    // Definitions typed in one block are each their own, as if typed one
    // by one (a function among them can then be defined again alone).
    // A syntax error anywhere refuses the whole block, as Python's session
    // does, and is placed in it as typed.
    let syntax = || {
        let parsed = minijit::frontend::lexer::tokenize(&block)
            .and_then(|tokens| minijit::frontend::parser::parse(&block, &tokens).map(|_| ()));
        match parsed {
            Ok(()) => true,
            Err(e) => {
                println!("{}", e.render("<input>", &block));
                false
            }
        }
    };
    // SAFETY: the check keeps nothing; its answer is a bool.
    let checked = unsafe { compiling("reading this definition", "", syntax) };
    if checked != Some(true) {
        return;
    }
    for (at, part) in minijit::frontend::lexer::top_level_statements(&block) {
        let text = minijit::frontend::lexer::on_its_own_line(part);
        add(program, waiting, text, (&block, at));
    }
}

/// Adds the definition `block` to `program` (or puts it in place of the
/// function's old definition) if the whole still compiles, or to
/// `waiting` if it is a function of a new name that uses a name nothing
/// defines yet.
fn add(
    program: &mut Definitions,
    waiting: &mut Waiting,
    block: String,
    typed: (&str, usize),
) -> bool {
    let name = function_name(&block);
    if name.as_deref() == Some(HIDDEN) {
        println!("error: `{HIDDEN}` is the prompt's own name; choose another");
        return false;
    }
    // A constant set again to a value takes the old one's place if
    // nothing computed from it has to keep the old value.
    let again = assigned_name(&block)
        .filter(|_| name.is_none())
        .and_then(|n| session::replaces(n, &block, program.0.iter().map(|d| d.1.as_str())));
    let slot = again.unwrap_or_else(|| program.slot(name.as_deref()));
    let candidate: String = program.with(slot, &block).map(|(_, text)| text).collect();
    // A function of a new name may wait for a name it uses.
    let block_at = program.0[..slot]
        .iter()
        .map(|(_, t)| t.len())
        .sum::<usize>();
    let may_wait = name
        .as_deref()
        .is_some_and(|n| slot == program.0.len() && !is_builtin(n));
    let check = || match compile(&candidate) {
        Ok(_) => Check::Compiles,
        Err(e) => match undefined_span(&e) {
            Some((start, end))
                if may_wait && (block_at..block_at + block.len()).contains(&start) =>
            {
                Check::Undefined(start, end)
            }
            _ => {
                let parts = program.with(slot, &block);
                println!("{}", in_definition(&e, parts, slot, typed));
                Check::Refused
            }
        },
    };
    // SAFETY: the compile keeps nothing it makes; its answer is a `Check`.
    let then = "; the definition was not added";
    match unsafe { compiling("compiling this definition", then, check) } {
        Some(Check::Compiles) => {
            // It replaces a function of its name that waited.
            if let Some(defined) = name.as_deref().or(assigned_name(&block)) {
                waiting.0.retain(|(n, _, _)| n != defined);
            }
            if slot < program.0.len() {
                program.0[slot] = (name, block);
            } else {
                program.0.push((name, block));
            }
            take_waiting(program, waiting);
            true
        }
        Some(Check::Undefined(start, end)) => {
            let (Some(name), Some(missing)) = (name, candidate.get(start..end)) else {
                return false;
            };
            let missing = missing_name(program, waiting, &name, &block)
                .unwrap_or_else(|| String::from(missing));
            waiting.0.retain(|(n, _, _)| *n != name);
            waiting.0.push((name, block, missing));
            // With the functions that wait, it may compile (they call each
            // other): they wait no more.
            take_waiting(program, waiting);
            true
        }
        Some(Check::Refused) | None => false,
    }
}

/// The name the function `name` (its text `text`), which does not compile
/// with `program`, waits for: the first name its text uses that neither
/// the program nor another function that waits defines. (Another that
/// waits is not what it waits for, or a cycle of them would name each
/// other; what that one lacks shows as undefined in its own text, and it
/// is left out to find the next.)
fn missing_name(
    program: &Definitions,
    waiting: &Waiting,
    name: &str,
    text: &str,
) -> Option<String> {
    let mut others: Vec<&str> = waiting
        .0
        .iter()
        .filter(|(n, _, _)| n != name)
        .map(|(_, t, _)| t.as_str())
        .collect();
    loop {
        let mut all = program.text();
        let mut starts = Vec::new();
        for other in &others {
            starts.push(all.len());
            all.push_str(other);
        }
        let own = all.len();
        all.push_str(text);
        let check = || {
            compile(&all)
                .err()
                .map(|e| (e.span.start as usize, undefined_span(&e)))
        };
        // SAFETY: the compile keeps nothing; its answer is `Copy`.
        let (at, undefined) = unsafe { quietly(check) }.ok()??;
        if at >= own {
            let (start, end) = undefined?;
            return all.get(start..end).map(String::from);
        }
        let k = starts.iter().rposition(|&start| start <= at)?;
        others.remove(k);
    }
}

/// Adds every function that waits and now compiles to the program: all at
/// once if they can be (they may call each other), else one by one while
/// any can be. One that still does not compile waits for the name it now
/// finds undefined, or, when its error is another (the name it waited for
/// was defined as something it cannot call), is dropped with that error
/// shown.
fn take_waiting(program: &mut Definitions, waiting: &mut Waiting) {
    'progress: while !waiting.0.is_empty() {
        let mut all = program.text();
        let at = all.len();
        all.extend(waiting.0.iter().map(|(_, text, _)| text.as_str()));
        // SAFETY: the compile keeps nothing it makes; its answer is a bool.
        if unsafe { quietly(|| compile(&all).is_ok()) } == Ok(true) {
            let taken = waiting.0.drain(..).map(|(n, text, _)| (Some(n), text));
            program.0.extend(taken);
            return;
        }
        let mut i = 0;
        while i < waiting.0.len() {
            let (name, text, _) = &waiting.0[i];
            let all = alloc::format!("{}{text}", program.text());
            let check = || match compile(&all) {
                Ok(_) => Check::Compiles,
                Err(e) => match undefined_span(&e) {
                    Some((start, end)) if start >= at => Check::Undefined(start, end),
                    _ => {
                        println!("{}", placed(&e, at, Some(name), text, false));
                        Check::Refused
                    }
                },
            };
            // SAFETY: the compile keeps nothing; its answer is a `Check`.
            match unsafe { quietly(check) } {
                Ok(Check::Compiles) => {
                    let (name, text, _) = waiting.0.remove(i);
                    program.0.push((Some(name), text));
                    continue 'progress;
                }
                Ok(Check::Undefined(start, end)) => {
                    let (name, text, _) = &waiting.0[i];
                    let missing = missing_name(program, waiting, name, text);
                    let missing = missing
                        .unwrap_or_else(|| String::from(all.get(start..end).unwrap_or_default()));
                    waiting.0[i].2 = missing;
                    i += 1;
                }
                Ok(Check::Refused) => {
                    waiting.0.remove(i);
                }
                // It cannot be compiled in the compile heap: it goes, said
                // once (it would wait for a name that is there).
                Err(why) => {
                    let (name, _, _) = waiting.0.remove(i);
                    match why {
                        allocator::Interrupted::OutOfMemory => println!(
                            "MemoryError: compiling `{name}`, which waited, needs more than the kernel's {} MiB compile heap; it was dropped",
                            allocator::workspace_size() >> 20
                        ),
                        allocator::Interrupted::Panicked => println!(
                            "error: compiling `{name}`, which waited, failed inside the kernel (said above); it was dropped"
                        ),
                    }
                }
            }
        }
        return;
    }
}

/// A compile error of the program made of `parts` (names and texts, the
/// one just typed at `typed`), shown with the lines of the definition it
/// lies in: `<input>:2:5` is the second line of the definition just typed,
/// as Python's REPL counts; `<g>:2:5` the second line of the earlier
/// definition of `g` that the new one breaks (a call to a function
/// defined again with other parameters).
fn in_definition<'a>(
    e: &CompileError,
    parts: impl Iterator<Item = (Option<&'a str>, &'a str)>,
    new: usize,
    (typed, at_typed): (&str, usize),
) -> String {
    let at = e.span.start as usize;
    let mut start = 0;
    let mut last = None;
    for (i, (name, text)) in parts.enumerate() {
        let end = start + text.len();
        // An error at the very end of the text just typed is its own (a
        // block that ends too soon).
        if at < end || (i == new && at == end) {
            last = Some((start, name, text, i == new));
            break;
        }
        last = Some((start, name, text, i == new));
        start = end;
    }
    match last {
        // In what was typed, where the new definition stands in it.
        Some((start, _, text, true)) => {
            let local = local_error(e, start, text.len());
            let shifted = Span::new(
                local.span.start as usize + at_typed,
                local.span.end as usize + at_typed,
            );
            CompileError::new(shifted, local.message).render("<input>", typed)
        }
        Some((start, name, text, false)) => placed(e, start, name, text, false),
        None => e.render("<input>", ""),
    }
}

/// The error `e` of a program, placed in the part of `len` bytes that
/// starts at `start` (clamped to it).
fn local_error(e: &CompileError, start: usize, len: usize) -> CompileError {
    let local_start = (e.span.start as usize).saturating_sub(start).min(len);
    let local_end = (e.span.end as usize)
        .saturating_sub(start)
        .clamp(local_start, len);
    CompileError::new(Span::new(local_start, local_end), e.message.clone())
}

/// The error `e` of a program in which the definition `text` (of function
/// `name`; the one just typed if `own`) starts at `start`, shown with the
/// definition's own lines.
fn placed(e: &CompileError, start: usize, name: Option<&str>, text: &str, own: bool) -> String {
    let local = local_error(e, start, text.len());
    match name {
        _ if own => local.render("<input>", text),
        Some(name) => alloc::format!(
            "in the definition of `{name}`, entered earlier:\n{}",
            local.render(&alloc::format!("<{name}>"), text)
        ),
        None => alloc::format!(
            "in a definition entered earlier:\n{}",
            local.render("<input>", text)
        ),
    }
}

/// The hidden function that [`evaluate`] runs what was typed in.
const HIDDEN: &str = "__prompt__";

/// The prompt's one host function, `print(e, ...)`: the integers one
/// space apart on a line of the serial port.
fn print_line(_: HostId, values: &[i64]) -> Result<i64, Exception> {
    for (i, v) in values.iter().enumerate() {
        print!("{}{v}", if i == 0 { "" } else { " " });
    }
    println!();
    Ok(0)
}

/// Evaluates `line` with the program's definitions, as Python's REPL does:
/// an expression (`sq(0x10) + 1`, `N * 2`) prints its value, a statement
/// (a call of a function that returns None) prints nothing. It runs as the
/// body of a hidden function, compiled with the program and called.
/// `line` stands at byte `at` of `whole`, the line typed, where its errors
/// are shown.
fn evaluate(program: &str, waiting: &Waiting, line: &str, (whole, at): (&str, usize)) -> bool {
    // Spaces in place of what comes before `line` in `whole`, so that an
    // error's offset after `head` is its place in `whole`.
    let pad = " ".repeat(at);
    let head = alloc::format!("{program}def {HIDDEN}():\n    return ");
    // As statements, each line goes into the hidden function's body.
    let statement_head = alloc::format!("{program}def {HIDDEN}():\n    {pad}");
    let body = line.replace('\n', "\n    ");
    let as_statement = || compile(&alloc::format!("{statement_head}{body}\n"));
    // An expression only if one logical line: a block is statements, and
    // so is `if c: f(x)` on one line.
    let one_line = minijit::frontend::lexer::is_one_logical_line(line)
        && !minijit::frontend::lexer::starts_compound_statement(line);
    let expression = match one_line {
        true => compile(&alloc::format!("{head}{pad}{line}\n")),
        false => as_statement(),
    };
    let compiled = match expression {
        Ok(p) => p,
        // Not an expression: as a statement, else the expression's error
        // (the statement's, for a block, an augmented assignment such as
        // `f += 1`, or a line that begins with a statement's keyword such
        // as `break`, which can be nothing else).
        Err(e) => {
            let error = match if one_line {
                as_statement()
            } else {
                Err(e.clone())
            } {
                Ok(p) => Ok(p),
                Err(s)
                    if !one_line
                        || minijit::frontend::lexer::is_augmented_assignment(line)
                        || session::starts_statement(line) =>
                {
                    // Offsets in `body` back to `line`: less the indent
                    // put after each line end before them.
                    let back = |o: u32| {
                        let local = (o as usize).saturating_sub(statement_head.len());
                        let ends = body.get(..local).map_or(0, |b| b.matches('\n').count());
                        (statement_head.len() - at) + local + at - 4 * ends
                    };
                    let span = Span::new(back(s.span.start), back(s.span.end));
                    Err((
                        CompileError::new(span, s.message),
                        statement_head.len() - at,
                    ))
                }
                Err(_) => Err((e, head.len())),
            };
            match error {
                Ok(p) => p,
                Err((e, head)) => {
                    // A call of a function that waits for a name: Python
                    // would find that name undefined when the call runs.
                    // Any other name nothing defines is Python's NameError
                    // when the line runs, too.
                    let named = undefined_span(&e).and_then(|(s, end)| {
                        let at = |i: usize| i.checked_sub(head);
                        whole.get(at(s)?..at(end)?)
                    });
                    match named.map(|name| waiting.waits_for(name).unwrap_or(name)) {
                        Some(missing) => println!("NameError: name '{missing}' is not defined"),
                        None => println!("{}", placed(&e, head, None, whole, true)),
                    }
                    return false;
                }
            }
        }
    };
    call_and_print(&compiled, waiting, HIDDEN, &mut [], None)
}

/// Runs statements that assign names (`m`, typed at byte `at` of
/// `whole`) at module level with the program's definitions: the hidden
/// function writes what they assign into `globals`. Whether they ran
/// without an error or an exception.
fn run_module_level(
    program: &str,
    waiting: &Waiting,
    (m, calls): (&session::ModuleLevel<'_>, &session::Calls),
    (whole, at): (&str, usize),
    globals: &mut [i64],
) -> bool {
    let mut source = alloc::format!("{program}{}", m.reader);
    source.push_str(&alloc::format!(
        "def {HIDDEN}({}: list[int]):\n",
        session::GLOBALS
    ));
    // (offset in `source`, length, offset in `whole`) of each typed piece.
    let mut typed = Vec::new();
    for piece in &m.body {
        match piece {
            session::Piece::Typed { at: from, text } => {
                typed.push((source.len(), text.len(), at + from));
                source.push_str(text);
            }
            session::Piece::Added(text) => source.push_str(text),
        }
    }
    let compiled = match compile(&source) {
        Ok(compiled) => compiled,
        Err(e) => {
            // Placed in what was typed, or shown in the program.
            let start = e.span.start as usize;
            let piece = typed.iter().rev().find(|p| p.0 <= start);
            let Some(&(offset, len, from)) = piece.filter(|_| start >= program.len()) else {
                println!("{}", e.render("<input>", &source));
                return false;
            };
            let local = from + (start - offset).min(len);
            let end = (local + (e.span.end - e.span.start) as usize).min(whole.len());
            let named = e.is_not_defined().then(|| whole.get(local..end)).flatten();
            match named.map(|name| waiting.waits_for(name).unwrap_or(name)) {
                Some(missing) => println!("NameError: name '{missing}' is not defined"),
                None => {
                    let local = CompileError::new(Span::new(local, end), e.message);
                    println!("{}", local.render("<input>", whole));
                }
            }
            return false;
        }
    };
    let mut args = [Arg::List(globals)];
    call_and_print(&compiled, waiting, HIDDEN, &mut args, Some((m, calls)))
}

fn call(source: &str, waiting: &Waiting, name: &str, args: &[i64]) -> bool {
    match compile(source) {
        Ok(compiled) => call_and_print(&compiled, waiting, name, &mut minijit::ints(args), None),
        Err(e) => {
            println!("{}", e.render("<input>", source));
            false
        }
    }
}

/// Loads `compiled`, calls its function `name` with `args` and prints
/// what it gives (nothing for None, as Python's REPL), or its exception
/// (as Python's module says it, for statements run at `module_level`);
/// whether the call returned.
fn call_and_print(
    compiled: &Program,
    waiting: &Waiting,
    name: &str,
    args: &mut [Arg<'_>],
    module_level: Option<(&session::ModuleLevel<'_>, &session::Calls)>,
) -> bool {
    let Some(func) = compiled.function(name) else {
        let missing = waiting.waits_for(name).unwrap_or(name);
        println!("NameError: name '{missing}' is not defined");
        return false;
    };
    let loaded = match jit::load(compiled) {
        Ok(loaded) => loaded,
        Err(e) => {
            println!("cannot load the code: {e}");
            return false;
        }
    };
    // The language's 1,000 frames, on a stack of their own when the
    // kernel stack cannot spare that much (thousands of locals).
    // As in Python's session, the prompt counts as a frame: a call typed
    // there may nest 999 more (through the hidden function, which is that
    // frame, the call is one of the 1,000 already).
    let recursion_limit = if name == HIDDEN { 1000 } else { 999 };
    let needed = compiled.stack_needed(recursion_limit);
    let own_stack = call_stack::needs_own_stack(needed);
    let limits = Limits {
        recursion_limit,
        fuel: Some(FUEL),
        stack_bytes: if own_stack { needed } else { CALL_STACK_BYTES },
    };
    let mut host = print_line;
    let mut outcome = None;
    // SAFETY: `limits.stack_bytes` are free below: CALL_STACK_BYTES on the
    // kernel stack as for the demo's calls, or the call's own stack, which
    // has AROUND_THE_CODE more for the frames above the code.
    let mut call = || outcome = Some(unsafe { loaded.call(func, args, &limits, &mut host) });
    if !own_stack {
        call();
    } else if let Err(e) = call_stack::run_on_stack(needed + call_stack::AROUND_THE_CODE, &mut call)
    {
        println!("cannot map a stack for the call: {e}");
        return false;
    }
    let Some(outcome) = outcome else {
        return false;
    };
    match outcome {
        Ok(Some(value)) => println!("{value}"),
        Ok(None) => {}
        // As Python says it.
        Err(CallError::WrongArgCount { expected, got }) => {
            println!(
                "TypeError: {name}() takes {expected} positional argument{} but {got} {} given",
                if expected == 1 { "" } else { "s" },
                if got == 1 { "was" } else { "were" }
            );
            return false;
        }
        // A buffer parameter given an integer: Python's TypeError too.
        Err(e @ CallError::WrongArgKind { .. }) => {
            println!("TypeError: {e}");
            return false;
        }
        Err(e) => {
            let told = module_level
                .zip(e.exception())
                .and_then(|((m, calls), e)| m.name_error(e, calls));
            match told {
                Some(told) => println!("{told}"),
                None => println!("{e}"),
            }
            return false;
        }
    }
    true
}
