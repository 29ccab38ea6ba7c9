//! `minijit repl`: an interactive session, as Python's REPL.
//!
//! Definitions (`def`s and module-level constants such as `N = 10`) are
//! kept as an ordered list of (name, text); the program is their
//! concatenation. A new `def` replaces the old definition of its name; a
//! constant assigned again is added after the rest (so what was computed
//! from its old value keeps it, as in Python). Either is taken only if
//! the whole program still compiles, except that a new function using a
//! name not defined yet waits for it (`Session::waiting`). Any other input
//! is run: the program plus a hidden function `__repl__` that returns the
//! expression (or runs the statements) is compiled, loaded, called, and
//! dropped again. Statements that assign names, an assignment typed alone
//! too, run at module level, as in Python's session
//! ([`minijit::frontend::session`]): each name they assigned is then set
//! as a constant, with the value they computed (`x = fib(20)` is `x =
//! 6765` in the program). Compile errors are shown against
//! the text as typed.

use crate::repl_fix::{self, FixDef};
use crate::Failure;
use host::{diagnostic, disasm, jit};
use minijit::frontend::session;
use minijit::{
    Arg, CallError, CompileError, Compiler, Exception, FuncRef, HostDecl, Limits, Options, Program,
    Span,
};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

const HELP: &str = "\
Type Python definitions and expressions; a line ending in `:` starts a block,
which ends at an empty line. Redefining a function replaces its old definition;
an assignment computes its value when typed, as in Python (`x = fib(20)`,
`N += 1`), and sets the constant from then on; so does a block (`for`, `while`,
`if`) for each name it assigns; a new function may call one defined after it
(it is compiled in once that exists).
  :ir NAME     the optimized IR of a function (all of them without NAME)
  :asm NAME    its machine code, disassembled (all of it without NAME)
  :time EXPR   run EXPR a few times; the fastest and the median time
  :fix F P=V ... as G
               G is F compiled again with its parameters P fixed to the
               integers V; call G with F's other parameters, in order
               (e.g. `:fix powmod m=1000003 as powmod_m`, then `powmod_m(3, 5)`)
  :load FILE   add the definitions of a file
  :list        the program: every definition, in order
  :help        this text
  :quit        end the session (so does Ctrl-D; Ctrl-C cancels a line)";

/// The name of the hidden function that holds what is run.
const HIDDEN: &str = "__repl__";
/// The file name debuggers show for the session's code (its lines are
/// those of the generated source: the definitions, then the expression).
const REPL_SOURCE: &str = "<repl>";

/// Stack a call's thread gets beyond what the code may use (as `jit`).
const AROUND_THE_CODE: usize = 256 << 10;

/// Timing with `:time` stops after this long or [`MAX_RUNS`] runs...
const TIME_BUDGET: Duration = Duration::from_millis(500);
const MAX_RUNS: usize = 1000;
/// ...but not before this many runs.
const MIN_RUNS: usize = 3;

/// Runs the session until `:quit` or the end of input.
pub fn run() -> Result<(), Failure> {
    let mut editor = DefaultEditor::new()
        .map_err(|e| Failure::usage(format!("cannot start the line editor: {e}")))?;
    let terminal = std::io::stdin().is_terminal();
    let history = terminal.then(history_file).flatten();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    if terminal {
        outln!(
            "minijit {} (Python over 64-bit integers, compiled to x86-64). :help for help.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let mut session = Session::default();
    loop {
        let line = match editor.readline(">>> ") {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                errln!("KeyboardInterrupt");
                continue;
            }
            Err(ReadlineError::Eof) => break,
            // A line that is not UTF-8 is refused and the session goes
            // on, as in Python's (the line was read through its end).
            Err(e) if is_not_utf8(&e) => {
                errln!("SyntaxError: {NOT_UTF8}");
                continue;
            }
            Err(e) => {
                // The session's input is unusable (not UTF-8, a broken
                // terminal): a failure, not an end.
                if let Some(path) = &history {
                    let _ = editor.save_history(path);
                }
                return Err(Failure::usage(format!("cannot read input: {e}")));
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line.as_str());
        let mut text = line;
        let mut ended = false;
        let command = text.trim_start().starts_with(':');
        // Inside brackets or a triple-quoted string the statement goes on
        // (`def f(a,` then `      b):`), and a header ending in `:` starts
        // a block, which ends at an empty line, as in Python's session.
        let mut block = false;
        loop {
            let open = !command && minijit::frontend::lexer::is_unclosed(&text);
            block |= !open && !command && minijit::frontend::lexer::opens_block(&text);
            if !open && !block {
                break;
            }
            match editor.readline("... ") {
                Ok(more) if block && !open && more.trim().is_empty() => break,
                Ok(more) => {
                    let _ = editor.add_history_entry(more.as_str());
                    text.push('\n');
                    text.push_str(&more);
                }
                Err(ReadlineError::Interrupted) => {
                    errln!("KeyboardInterrupt");
                    text.clear();
                    break;
                }
                // The statement it was part of goes with it.
                Err(e) if is_not_utf8(&e) => {
                    errln!("SyntaxError: {NOT_UTF8}");
                    text.clear();
                    break;
                }
                Err(_) => {
                    ended = true;
                    break;
                }
            }
        }
        if !text.is_empty() {
            text.push('\n');
            if session.enter(&text) == Flow::Quit {
                break;
            }
        }
        if ended {
            break;
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    Ok(())
}

/// What a line of input that is not UTF-8 is told.
const NOT_UTF8: &str = "(unicode error) the line is not valid UTF-8";

/// Whether reading a line failed because it is not UTF-8 (it was still
/// read through its end, so the next line can be read).
fn is_not_utf8(e: &ReadlineError) -> bool {
    matches!(e, ReadlineError::Io(e) if e.kind() == std::io::ErrorKind::InvalidData)
}

/// `~/.minijit_history`, if there is a home directory.
fn history_file() -> Option<std::path::PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(std::path::Path::new(&home).join(".minijit_history"))
}

#[derive(PartialEq)]
enum Flow {
    Go,
    Quit,
}

/// What the session has defined.
#[derive(Default)]
struct Session {
    /// (name, text ending in a newline), in the order first defined.
    defs: Vec<(String, String)>,
    /// Functions of new names, typed before a name they use was defined
    /// (`def ev(n): ... od(n - 1)`, then `def od(n): ...`), as (name,
    /// text, the name they wait for): Python takes such a `def` at once
    /// and looks the name up only when the call runs. Each is taken into
    /// `defs` as soon as the program compiles with it; a call of it before
    /// that is Python's NameError for the name it waits for.
    waiting: Vec<(String, String, String)>,
    /// The program compiled with its IR, for `:ir` and `:asm`.
    compiled: Option<Program>,
    /// The `:fix`es, in the order made.
    fixes: Vec<FixDef>,
    /// The compile context every line compiles through (each line
    /// compiles the whole program again); in a cell, as the search for
    /// what a definition waits for compiles while it reads the session.
    compiler: RefCell<Compiler>,
}

fn options() -> Options {
    Options {
        hosts: vec![HostDecl::print()],
        keep_ir: true,
        // For a REPL run under gdb (see `register_with_debuggers`).
        debug_info: true,
        ..Options::default()
    }
}

/// Where a piece of a generated source came from.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    /// The text being entered (typed, or a file being loaded).
    Entered,
    /// The session's definition at this index.
    Def(usize),
}

/// A source put together from pieces, which remembers where each piece
/// came from so that an error can be shown where it was written.
#[derive(Default)]
struct Source {
    text: String,
    /// (offset in `text`, length, origin, offset in the origin's text).
    pieces: Vec<(usize, usize, Origin, usize)>,
}

impl Source {
    fn push(&mut self, text: &str, origin: Origin, at: usize) {
        self.pieces.push((self.text.len(), text.len(), origin, at));
        self.text.push_str(text);
    }

    /// Generated text (the hidden function's lines), from nowhere.
    fn push_hidden(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Where `offset` of the text was written: the last piece that starts
    /// at or before it (an offset in generated text after a piece counts as
    /// that piece's end).
    fn origin(&self, offset: usize) -> Option<(Origin, usize)> {
        let &(start, len, origin, at) = self.pieces.iter().rev().find(|p| p.0 <= offset)?;
        Some((origin, at + (offset - start).min(len)))
    }
}

/// Whether `c` may be part of a name.
fn in_name(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The length of the name `s` starts with (0: none, as for a digit).
fn name_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(i, c)| !in_name(c) || (i == 0 && c.is_ascii_digit()))
        .map_or(s.len(), |(i, _)| i)
}

/// A name defined by `text` (`def NAME(...)` or `NAME = ...` at the start
/// of the line), or `None` if it is something to run.
fn defined_name(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_prefix("def") {
        let rest_trimmed = rest.trim_start();
        if rest_trimmed.len() < rest.len() {
            let n = name_len(rest_trimmed);
            return (n > 0).then(|| &rest_trimmed[..n]);
        }
    }
    let n = name_len(text);
    if n == 0 || ["print", "assert", "return", "pass"].contains(&&text[..n]) {
        return None;
    }
    let rest = text[n..].trim_start();
    // `N = ...` or `N: int = ...`, not `N == ...`.
    let rest = match rest.strip_prefix(':') {
        Some(annotated) => &annotated[annotated.find('=')?..],
        None => rest,
    };
    (rest.starts_with('=') && !rest.starts_with("==")).then_some(&text[..n])
}

/// The name a compile error says nothing defines
/// ([`CompileError::is_not_defined`]), as written at its place in `text`.
fn undefined_name<'a>(e: &CompileError, text: &'a str) -> Option<&'a str> {
    let span = e.span.start as usize..e.span.end as usize;
    e.is_not_defined().then(|| text.get(span)).flatten()
}

/// Whether a definition's text is a `def` (not a constant such as
/// `default = 1`).
fn is_function(text: &str) -> bool {
    text.strip_prefix("def")
        .is_some_and(|rest| rest.starts_with([' ', '\t']))
}

/// The name `NAME op= EXPR` on one line assigns.
fn augmented(text: &str) -> Option<&str> {
    minijit::frontend::lexer::augmented_name(text)
}

/// Whether a top-level chunk of a file is a string literal (a docstring,
/// which Python ignores there).
fn is_docstring(chunk: &str) -> bool {
    let text = chunk.trim_start_matches(['r', 'R', 'u', 'U']);
    text.starts_with(['"', '\''])
}

impl Session {
    /// Handles one line or block (ending in a newline).
    fn enter(&mut self, text: &str) -> Flow {
        let trimmed = text.trim();
        if let Some(command) = trimmed.strip_prefix(':') {
            let (name, arg) = command
                .split_once(char::is_whitespace)
                .map_or((command, ""), |(n, a)| (n, a.trim()));
            return self.command(name, arg);
        }
        if text.starts_with([' ', '\t']) {
            errln!("IndentationError: unexpected indent");
            return Flow::Go;
        }
        // `N = 1; M = N + 1` or `N += 1; f(N)`: each statement on its own,
        // as Python's session runs them, until one fails.
        let parts = minijit::frontend::lexer::simple_statements(text);
        if parts.len() > 1 && self.refuses_syntax(text) {
            return Flow::Go;
        }
        let defines = |p: &str| defined_name(p).is_some() || augmented(p).is_some();
        if parts.len() > 1 && parts.iter().any(|p| defines(p.trim())) {
            for part in parts {
                let part = part.trim();
                // Where the part stands in the line, for its errors.
                let at = part.as_ptr() as usize - text.as_ptr() as usize;
                if !self.statement(&format!("{part}\n"), Some((text, at))) {
                    break;
                }
            }
            return Flow::Go;
        }
        // One statement, without a `;` that ends it (`N += 1;`).
        match parts.as_slice() {
            [only] if only.len() < text.trim_end().len() => {
                self.statement(&format!("{}\n", only.trim()), None);
            }
            _ => {
                self.statement(text, None);
            }
        }
        Flow::Go
    }

    /// Handles a definition or anything else to run, `text` or a statement
    /// `text` that stands at a byte of the line `part_of` (where its errors
    /// are shown); whether it was taken or ran without an error or an
    /// exception.
    fn statement(&mut self, text: &str, part_of: Option<(&str, usize)>) -> bool {
        let (entered, at) = part_of.unwrap_or((text, 0));
        match defined_name(text) {
            Some(HIDDEN) => errln!("`{HIDDEN}` is the session's own name; choose another"),
            Some(name) => {
                // A constant typed alone is assigned as Python's session
                // assigns it: its value computed now (it may call the
                // session's functions), then set as a constant.
                let parts = minijit::frontend::lexer::top_level_statements(text);
                if parts.len() == 1 && !is_function(text) {
                    return self.evaluate_one(text, 1, (entered, at));
                }
                // Definitions typed in one block are each their own (so one
                // can be defined again alone), taken in turn as Python runs
                // them: one that uses a name defined after it waits for it.
                // A syntax error anywhere refuses the whole block first.
                let named = parts
                    .iter()
                    .map(|&(part_at, part)| {
                        let text = minijit::frontend::lexer::on_its_own_line(part);
                        Some((defined_name(part)?.to_string(), text, at + part_at))
                    })
                    .collect::<Option<Vec<_>>>()
                    .filter(|named| named.len() > 1);
                let Some(named) = named else {
                    let new = vec![(name.to_string(), text.to_string(), at)];
                    return self.define(new, "<stdin>", entered);
                };
                let parsed = minijit::frontend::lexer::tokenize(text)
                    .and_then(|tokens| minijit::frontend::parser::parse(text, &tokens));
                if let Err(e) = parsed {
                    let span = Span::new(at + e.span.start as usize, at + e.span.end as usize);
                    let placed = CompileError::new(span, e.message);
                    out_err(&diagnostic::render(&placed, "<stdin>", entered));
                    return false;
                }
                let mut all = true;
                for def in named {
                    all &= self.define(vec![def], "<stdin>", entered);
                }
                return all;
            }
            None if session::returns(text) => {
                errln!("SyntaxError: 'return' outside function")
            }
            None => match augmented(text) {
                // `N += 1` rebinds the session's constant, as in Python.
                Some(name) if self.is_constant(name) => {
                    return self.evaluate_one(text, 1, (entered, at));
                }
                // Python reads the name first, at module level: a name
                // never defined is a NameError (the hidden function the
                // line would run in would call it an unbound local).
                Some(name) if self.is_unknown(name) => {
                    errln!("NameError: name '{name}' is not defined")
                }
                _ if part_of.is_some() => return self.evaluate_one(text, 1, (entered, at)),
                _ => return self.evaluate(text, 1),
            },
        }
        false
    }

    fn command(&mut self, name: &str, arg: &str) -> Flow {
        match name {
            "quit" | "q" | "exit" | "help" | "list" if !arg.is_empty() => {
                errln!("`:{name}` takes nothing after it (got `{arg}`)")
            }
            "quit" | "q" | "exit" => return Flow::Quit,
            "help" => outln!("{HELP}"),
            "list" => self.list(),
            "ir" => self.show_ir(arg),
            "asm" => self.show_asm(arg),
            "time" if arg.is_empty() => errln!("`:time` needs an expression: :time EXPR"),
            "time" => {
                self.evaluate(&format!("{arg}\n"), 0);
            }
            "load" if arg.is_empty() => errln!("`:load` needs a file: :load FILE"),
            "load" => self.load(arg),
            "fix" => self.fix(arg),
            _ => errln!(
                "unknown command `:{name}{}{arg}` (:help lists them)",
                if arg.is_empty() { "" } else { " " }
            ),
        }
        Flow::Go
    }

    /// Whether `name` is a name (not a keyword) that nothing defines: not
    /// the session (a definition or a fix), a builtin or a host function.
    fn is_unknown(&self, name: &str) -> bool {
        let keyword = minijit::frontend::lexer::tokenize(name).map_or(true, |t| {
            t[0].kind != minijit::frontend::lexer::TokenKind::Name
        });
        !keyword
            && !self.defs.iter().any(|(n, _)| n == name)
            && !self.waiting.iter().any(|(n, _, _)| n == name)
            && !self.fixes.iter().any(|f| f.name == name)
            && minijit::frontend::builtin::Builtin::from_name(name).is_none()
            && !options().hosts.iter().any(|h| h.name == name)
    }

    /// Whether `name` is one of the session's constants.
    fn is_constant(&self, name: &str) -> bool {
        self.defs
            .iter()
            .any(|(n, text)| n == name && !is_function(text))
    }

    /// The definitions, a blank line after each block; then the functions
    /// that wait, each under a comment naming what it waits for; then the
    /// fixes.
    fn list(&self) {
        let waiting = self
            .waiting
            .iter()
            .map(|(_, text, missing)| (text, Some(missing)));
        for (text, missing) in self
            .defs
            .iter()
            .map(|(_, text)| (text, None))
            .chain(waiting)
        {
            if let Some(missing) = missing {
                outln!("# waits for `{missing}`");
            }
            out!("{text}");
            if text.trim_end().contains('\n') {
                outln!();
            }
        }
        for fix in &self.fixes {
            outln!("{}", fix.command());
        }
    }

    /// `:fix F P=V ... as G`: adds (or replaces) the specialization `G`
    /// if the program compiles with it.
    fn fix(&mut self, arg: &str) {
        let fix = match FixDef::parse(arg) {
            Ok(fix) => fix,
            Err(e) => return errln!("{e}"),
        };
        if fix.name == HIDDEN {
            return errln!("`{HIDDEN}` is the session's own name; choose another");
        }
        let waits = self.waiting.iter().any(|(n, _, _)| *n == fix.name);
        if waits || self.defs.iter().any(|(n, _)| *n == fix.name) {
            return errln!("`{}` is already defined; choose another name", fix.name);
        }
        let mut fixes = self.fixes.clone();
        fixes.retain(|f| f.name != fix.name);
        fixes.push(fix);
        let defs = self.defs_text();
        match repl_fix::compile(
            &mut self.compiler.borrow_mut(),
            &defs,
            &defs,
            &fixes,
            &options(),
        ) {
            Ok(program) => {
                self.fixes = fixes;
                self.compiled = Some(program);
                // A function that waited for this name would wait for
                // ever: no definition can call a `:fix`.
                let name = &self.fixes[self.fixes.len() - 1].name;
                for (waiting, _, _) in self.waiting.iter().filter(|w| w.2 == *name) {
                    errln!(
                        "`{waiting}` waited for `{name}`, which a definition cannot call (it is a :fix): `{waiting}` was dropped"
                    );
                }
                let fixed = |w: &(String, String, String)| w.2 == *name;
                self.waiting.retain(|w| !fixed(w));
            }
            Err(repl_fix::Failed::Fix(e)) => errln!("{e}"),
            Err(repl_fix::Failed::Source(e)) => errln!("{}", e.message),
        }
    }

    /// The definitions, one after the other: the program without fixes.
    fn defs_text(&self) -> String {
        concat(&self.defs)
    }

    fn show_ir(&self, name: &str) {
        let Some(module) = self.compiled.as_ref().and_then(Program::ir) else {
            return errln!("nothing is defined yet");
        };
        if name.is_empty() {
            return out!("{module}");
        }
        match module.functions.iter().find(|f| f.name == name) {
            Some(f) => outln!("{f}"),
            None => errln!("NameError: no function `{name}` is defined"),
        }
    }

    fn show_asm(&self, name: &str) {
        let Some(program) = &self.compiled else {
            return errln!("nothing is defined yet");
        };
        if name.is_empty() {
            return out!("{}", disasm::disassemble(program, None));
        }
        if program.function(name).is_none() {
            return errln!("NameError: no function `{name}` is defined");
        }
        out!("{}", disasm::disassemble(program, Some(name)));
    }

    /// Adds the definitions of a file, all or none.
    fn load(&mut self, path: &str) {
        let limit = host::files::MAX_SOURCE_BYTES;
        let source = match host::files::read_capped(Path::new(path), limit).map(String::from_utf8) {
            Ok(Ok(source)) => source,
            Ok(Err(_)) => return errln!("cannot read {path}: not valid UTF-8"),
            Err(e) => return errln!("cannot read {path}: {e}"),
        };
        let mut new = Vec::new();
        for (at, chunk) in minijit::frontend::lexer::top_level_statements(&source) {
            if is_docstring(chunk) {
                continue;
            }
            match defined_name(chunk) {
                Some(name) => {
                    let text = minijit::frontend::lexer::on_its_own_line(chunk);
                    new.push((name.to_string(), text, at));
                }
                None => {
                    let (line, _) = minijit::error::line_col(&source, at);
                    return errln!(
                        "{path}:{line}: error: only definitions (`def` and `NAME = ...`) can be loaded"
                    );
                }
            }
        }
        // As `minijit run` refuses it: all or none.
        for (i, (name, text, at)) in new.iter().enumerate() {
            if is_function(text) && new[..i].iter().any(|(n, t, _)| n == name && is_function(t)) {
                let (line, _) = minijit::error::line_col(&source, *at);
                return errln!("{path}:{line}: error: function `{name}` is defined twice");
            }
        }
        let n = new.len();
        if self.define(new, path, &source) {
            outln!(
                "{n} definition{} loaded from {path}",
                if n == 1 { "" } else { "s" }
            );
        }
    }

    /// Replaces or adds the definitions `new` (name, text, offset of the
    /// text in `entered`, which is shown as `file` in errors) if the whole
    /// program compiles with them; otherwise shows the error and keeps the
    /// old program. Whether they were taken.
    fn define(&mut self, new: Vec<(String, String, usize)>, file: &str, entered: &str) -> bool {
        let new_names: Vec<(String, String)> =
            new.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect();
        let mut defs = self.defs.clone();
        // Where each definition's text comes from: the session or `entered`.
        let mut from_entered: Vec<Option<usize>> = vec![None; defs.len()];
        // A constant assigned again is added after the rest, as Python
        // runs it: what was computed from the old value keeps it
        // (`N = 2`, `M = N * 3`, `N = 10` leave M at 6), unless nothing
        // was (then its value takes the old one's place); a `def`
        // replaces the old definition of its name.
        let constant = |text: &str| !is_function(text);
        for (name, text, at) in new {
            let replaced = defs
                .iter()
                .position(|(n, old)| *n == name && !(constant(&text) && constant(old)))
                .or_else(|| session::replaces(&name, &text, defs.iter().map(|d| d.1.as_str())));
            match replaced {
                Some(i) => {
                    defs[i].1 = text;
                    from_entered[i] = Some(at);
                }
                None => {
                    defs.push((name, text));
                    from_entered.push(Some(at));
                }
            }
        }
        let mut source = Source::default();
        for (i, (_, text)) in defs.iter().enumerate() {
            match from_entered[i] {
                Some(at) => source.push(text, Origin::Entered, at),
                None => source.push(text, Origin::Def(i), 0),
            }
        }
        let error = match self.take(defs.clone(), &source.text) {
            Ok(()) => {
                self.take_waiting();
                return true;
            }
            Err(repl_fix::Failed::Source(e)) => e,
            Err(repl_fix::Failed::Fix(e)) => {
                errln!("{e} (so the definition was not taken)");
                return false;
            }
        };
        // With the functions that wait, it may compile: they wait no more
        // (and stand where they were typed, before what is new).
        if !self.waiting.is_empty() {
            let (old, added) = defs.split_at(self.defs.len());
            // Less those typed again now.
            let retyped = |n: &String| new_names.iter().any(|(new, _)| new == n);
            let waiting = (self.waiting.iter())
                .filter(|(n, _, _)| !retyped(n))
                .map(|(n, t, _)| (n.clone(), t.clone()));
            let all: Vec<_> = old
                .iter()
                .cloned()
                .chain(waiting)
                .chain(added.iter().cloned())
                .collect();
            if self.take(all.clone(), &concat(&all)).is_ok() {
                self.waiting.clear();
                return true;
            }
        }
        // A function of a new name that uses a name nothing defines yet
        // waits for it, as Python takes such a `def` at once.
        let origin = source.origin(error.span.start as usize).map(|o| o.0);
        if let ([(name, text)], Some(Origin::Entered)) = (new_names.as_slice(), origin) {
            // Not a name the session, a builtin or a host function has
            // (a waiting function typed again waits in its place).
            let is_new = self.is_unknown(name) || self.waiting.iter().any(|(n, _, _)| n == name);
            let undefined = undefined_name(&error, &source.text).is_some();
            if is_new && undefined && is_function(text) {
                let old = &defs[..defs.len() - 1];
                // Not a `:fix`'s name: no definition can call one.
                let missing = self
                    .missing_name(old, name, text)
                    .filter(|m| m != name && !self.fixes.iter().any(|f| f.name == *m));
                if let Some(missing) = missing {
                    self.waiting.retain(|(n, _, _)| n != name);
                    self.waiting.push((name.clone(), text.clone(), missing));
                    return true;
                }
            }
        }
        self.show_error(&error, &source, file, entered, &defs);
        false
    }

    /// Takes `defs` (whose text is `text`) as the session's definitions if
    /// the program compiles with them (a definition replaces a fix of its
    /// name); else the reason.
    fn take(&mut self, defs: Vec<(String, String)>, text: &str) -> Result<(), repl_fix::Failed> {
        let mut fixes = self.fixes.clone();
        fixes.retain(|f| defs.iter().all(|(n, _)| *n != f.name));
        let program = repl_fix::compile(
            &mut self.compiler.borrow_mut(),
            text,
            text,
            &fixes,
            &options(),
        )?;
        self.waiting
            .retain(|(name, _, _)| defs.iter().all(|(n, _)| n != name));
        self.defs = defs;
        self.fixes = fixes;
        self.compiled = Some(program);
        Ok(())
    }

    /// Takes every function that waits and now compiles: all at once if
    /// they can be (they may call each other), else one by one while any
    /// can be. One that still does not compile waits for the name it now
    /// finds undefined, or, when its error is another (the name it waited
    /// for was defined as something it cannot call), is dropped with that
    /// error shown.
    fn take_waiting(&mut self) {
        let with = |defs: &[(String, String)], more: &[(String, String, String)]| {
            let mut all = defs.to_vec();
            all.extend(more.iter().map(|(n, t, _)| (n.clone(), t.clone())));
            all
        };
        'progress: while !self.waiting.is_empty() {
            let all = with(&self.defs, &self.waiting);
            if self.take(all.clone(), &concat(&all)).is_ok() {
                return;
            }
            let mut i = 0;
            while i < self.waiting.len() {
                let all = with(&self.defs, &self.waiting[i..=i]);
                let mut source = Source::default();
                for (k, (_, text)) in all.iter().enumerate() {
                    source.push(text, Origin::Def(k), 0);
                }
                let error = match self.take(all.clone(), &source.text) {
                    Ok(()) => continue 'progress,
                    Err(repl_fix::Failed::Source(e)) => e,
                    Err(repl_fix::Failed::Fix(_)) => {
                        i += 1;
                        continue;
                    }
                };
                let own = source.origin(error.span.start as usize).map(|o| o.0)
                    == Some(Origin::Def(self.defs.len()));
                match undefined_name(&error, &source.text).filter(|_| own) {
                    Some(missing) => {
                        let (name, text, _) = &self.waiting[i];
                        let deeper = self.missing_name(&self.defs, name, text);
                        self.waiting[i].2 = deeper.unwrap_or_else(|| missing.to_string());
                        i += 1;
                    }
                    None => {
                        self.show_error(&error, &source, "<stdin>", "", &all);
                        self.waiting.remove(i);
                    }
                }
            }
            return;
        }
    }

    /// The name the function `name` (its text `text`), which does not
    /// compile with `defs`, waits for: the first name its text uses that
    /// neither `defs` nor another function that waits defines. (Another
    /// that waits is not what it waits for, or a cycle of them would name
    /// each other; what that one lacks shows as undefined in its own
    /// text, and it is left out to find the next.)
    fn missing_name(&self, defs: &[(String, String)], name: &str, text: &str) -> Option<String> {
        let mut others: Vec<&str> = self
            .waiting
            .iter()
            .filter(|(n, _, _)| n != name)
            .map(|(_, t, _)| t.as_str())
            .collect();
        loop {
            let mut source = Source::default();
            let texts = defs
                .iter()
                .map(|(_, t)| t.as_str())
                .chain(others.iter().copied());
            for (k, t) in texts.enumerate() {
                source.push(t, Origin::Def(k), 0);
            }
            let own = defs.len() + others.len();
            source.push(text, Origin::Def(own), 0);
            let compiled = repl_fix::compile(
                &mut self.compiler.borrow_mut(),
                &source.text,
                &source.text,
                &self.fixes,
                &options(),
            );
            let Err(repl_fix::Failed::Source(e)) = compiled else {
                return None;
            };
            match source.origin(e.span.start as usize).map(|o| o.0) {
                Some(Origin::Def(k)) if k == own => {
                    return undefined_name(&e, &source.text).map(String::from)
                }
                Some(Origin::Def(k)) if k >= defs.len() => {
                    others.remove(k - defs.len());
                }
                _ => return None,
            }
        }
    }

    /// The name a call of `name` would find undefined, if `name` is a
    /// function that waits: the name it waits for, or what that one
    /// waits for in turn.
    fn waits_for(&self, name: &str) -> Option<&str> {
        let mut missing = None;
        let mut at = name;
        // A chain of waiting functions is no longer than their number.
        for _ in 0..self.waiting.len() {
            match self.waiting.iter().find(|(n, _, _)| n == at) {
                Some((_, _, m)) => {
                    missing = Some(m.as_str());
                    at = m;
                }
                None => break,
            }
        }
        missing
    }

    /// Whether the line of simple statements `text` (`a; b`) has a syntax
    /// error (a `return` is one at module level), which it shows: Python
    /// refuses the whole line before it runs any of them.
    fn refuses_syntax(&self, text: &str) -> bool {
        if session::returns(text) {
            errln!("SyntaxError: 'return' outside function");
            return true;
        }
        let Some(e) = session::syntax_error(text) else {
            return false;
        };
        out_err(&diagnostic::render(&e, "<stdin>", text));
        true
    }

    /// Runs `text`: each simple statement of a line `a; b` in turn, as
    /// Python shows the value of each (and stops at the first error).
    fn evaluate(&mut self, text: &str, runs: usize) -> bool {
        let parts = minijit::frontend::lexer::simple_statements(text);
        if parts.len() > 1 && self.refuses_syntax(text) {
            return false;
        }
        if parts.len() > 1 {
            for part in parts {
                let part = part.trim();
                // Where the part stands in the line, for its errors.
                let at = part.as_ptr() as usize - text.as_ptr() as usize;
                if !self.evaluate_one(&format!("{part}\n"), runs, (text, at)) {
                    return false;
                }
            }
            return true;
        }
        self.evaluate_one(text, runs, (text, 0))
    }

    /// Runs `text` (an expression, or statements) as the body of the hidden
    /// function and prints its value and time; `runs` 0 times it over a few
    /// runs instead (`:time`). `text` stands at byte `at` of `line`, what
    /// was entered, where its errors are shown. Whether it ran without an
    /// error or an exception.
    fn evaluate_one(&mut self, text: &str, runs: usize, (line, at): (&str, usize)) -> bool {
        // The session's own names are nobody's to use.
        if let Some(own) = session::own_name(text, HIDDEN) {
            errln!("NameError: name '{own}' is not defined");
            return false;
        }
        // Statements that assign a name run at module level, as Python's
        // session runs them: the names become the session's constants.
        let known = (|n: &str| self.is_constant(n), |n: &str| self.is_unknown(n));
        let module_level = match session::module_level(text, known.0, known.1) {
            Ok(m) => m,
            Err(name) => {
                errln!("{}", session::unfollowed(&name));
                return false;
            }
        };
        if let Some(m) = module_level {
            if runs > 0 {
                return self.run_module_level(text, &m, (line, at));
            }
            // Timed, they run apart from the session, where an assignment
            // makes a local: a constant would not change, without a word.
            let mut constants = m.names.iter().zip(&m.constants);
            if let Some((name, _)) = constants.find(|&(_, &constant)| constant) {
                errln!(
                    "`{name}` is a constant of the session: `:time` runs statements apart from \
                     it, so they may not assign it"
                );
                return false;
            }
        }
        let single = minijit::frontend::lexer::is_one_logical_line(text);
        // As an expression whose value is returned (one line only), then as
        // statements (a call of a `None` function, `print(...)`, a loop).
        let mut first_error: Option<(CompileError, Source)> = None;
        let forms: &[bool] = if single { &[true, false] } else { &[false] };
        let defs = self.defs_text();
        for &returns in forms {
            let source = self.hidden(text, returns, at);
            match repl_fix::compile(
                &mut self.compiler.borrow_mut(),
                &defs,
                &source.text,
                &self.fixes,
                &options(),
            ) {
                Ok(compiled) => {
                    let outcome = run_hidden(&compiled, runs, None);
                    if let Err(Some(exception)) = &outcome {
                        errln!("{exception}");
                    }
                    return outcome.is_ok();
                }
                Err(repl_fix::Failed::Fix(e)) => {
                    errln!("{e}");
                    return false;
                }
                Err(repl_fix::Failed::Source(e)) => {
                    let at =
                        |e: &CompileError, s: &Source| s.origin(e.span.start as usize).map(|o| o.1);
                    let better = match &first_error {
                        None => true,
                        // The statement form's error counts only if it got
                        // further into the text, or the text begins with a
                        // statement's keyword (`import os`) or is an
                        // augmented assignment (`abs += 1`).
                        Some((f, fs)) => {
                            at(&e, &source) > at(f, fs)
                                || session::starts_statement(text)
                                || minijit::frontend::lexer::is_augmented_assignment(text)
                        }
                    };
                    if better {
                        first_error = Some((e, source));
                    }
                }
            }
        }
        if let Some((e, source)) = first_error {
            self.show_run_error(&e, &source, line);
        }
        false
    }

    /// Shows the compile error `e` of `source`, made to run what was
    /// entered (`line`): a name nothing defines, in what was entered, is
    /// Python's NameError when the line runs (for a function that waits,
    /// the name it waits for); any other error is shown where it was
    /// written.
    fn show_run_error(&self, e: &CompileError, source: &Source, line: &str) {
        let entered = source.origin(e.span.start as usize).map(|o| o.0);
        let named = undefined_name(e, &source.text).filter(|_| entered == Some(Origin::Entered));
        match named.map(|name| self.waits_for(name).unwrap_or(name)) {
            Some(missing) => errln!("NameError: name '{missing}' is not defined"),
            None => self.show_error(e, source, "<stdin>", line, &self.defs),
        }
    }

    /// The program with the hidden function around `text`, which stands at
    /// byte `at` of what was entered.
    fn hidden(&self, text: &str, returns: bool, at: usize) -> Source {
        let mut source = Source::default();
        for (i, (_, def)) in self.defs.iter().enumerate() {
            source.push(def, Origin::Def(i), 0);
        }
        source.push_hidden(&format!("def {HIDDEN}():\n"));
        if returns {
            source.push_hidden("    return ");
            source.push(text, Origin::Entered, at);
        } else {
            let mut offset = at;
            for line in text.split_inclusive('\n') {
                source.push_hidden("    ");
                source.push(line, Origin::Entered, offset);
                offset += line.len();
            }
        }
        source
    }

    /// Runs statements that assign names at module level (`text`, as `m`,
    /// at byte `at` of `line`, what was entered), then sets each name
    /// they assigned as a constant of the session, also when they stopped
    /// with an exception (as Python keeps what was assigned before it).
    /// Whether they ran without an error or an exception.
    fn run_module_level(
        &mut self,
        text: &str,
        m: &session::ModuleLevel<'_>,
        (line, at): (&str, usize),
    ) -> bool {
        // A `:fix` reads what the function it specializes reads: it stands
        // for a call of it here.
        let mut program = self.defs_text();
        for fix in &self.fixes {
            program.push_str(&format!(
                "def {}():\n    return {}()\n",
                fix.name, fix.general
            ));
        }
        let calls = session::calls(text, &program);
        if let Some(why) = m.stale_read(&calls) {
            errln!("{why}");
            return false;
        }
        let mut source = Source::default();
        for (i, (_, def)) in self.defs.iter().enumerate() {
            source.push(def, Origin::Def(i), 0);
        }
        source.push_hidden(&m.reader);
        source.push_hidden(&format!("def {HIDDEN}({}: list[int]):\n", session::GLOBALS));
        for piece in &m.body {
            match piece {
                session::Piece::Typed { at: from, text } => {
                    source.push(text, Origin::Entered, at + from)
                }
                session::Piece::Added(text) => source.push_hidden(text),
            }
        }
        let defs = self.defs_text();
        let compiled = match repl_fix::compile(
            &mut self.compiler.borrow_mut(),
            &defs,
            &source.text,
            &self.fixes,
            &options(),
        ) {
            Ok(compiled) => compiled,
            Err(repl_fix::Failed::Fix(e)) => {
                errln!("{e}");
                return false;
            }
            Err(repl_fix::Failed::Source(e)) => {
                self.show_run_error(&e, &source, line);
                return false;
            }
        };
        let mut globals = vec![0; m.slots()];
        let outcome = run_hidden(&compiled, 1, Some(&mut globals));
        if let Err(Some(exception)) = &outcome {
            match m.name_error(exception, &calls) {
                Some(told) => errln!("{told}"),
                None => errln!("{exception}"),
            }
        }
        let assigned: Vec<(String, String, usize)> = m
            .assigned(&globals)
            .into_iter()
            .map(|(name, value)| (name.to_string(), session::constant(name, value), 0))
            .collect();
        if !assigned.is_empty() && !self.define(assigned, "<stdin>", "") {
            return false;
        }
        outcome.is_ok()
    }

    /// Shows a compile error of `source` where it was written: in the
    /// entered text (as `file`, lines counted in it), or in an earlier
    /// definition.
    fn show_error(
        &self,
        e: &CompileError,
        source: &Source,
        file: &str,
        entered: &str,
        defs: &[(String, String)],
    ) {
        let start = e.span.start as usize;
        let len = (e.span.end as usize).saturating_sub(start);
        let (origin, local) = source
            .origin(start)
            .unwrap_or((Origin::Entered, entered.len()));
        let (name, text) = match origin {
            Origin::Entered => (file.to_string(), entered),
            Origin::Def(i) => {
                errln!("in the definition of `{}`, entered earlier:", defs[i].0);
                (format!("<{}>", defs[i].0), defs[i].1.as_str())
            }
        };
        let end = (local + len).min(text.len());
        let local_error = CompileError::new(Span::new(local, end), e.message.clone());
        out_err(&diagnostic::render(&local_error, &name, text));
    }
}

/// The texts of `defs`, one after the other.
fn concat(defs: &[(String, String)]) -> String {
    defs.iter().map(|(_, text)| text.as_str()).collect()
}

fn out_err(text: &str) {
    errln!("{}", text.trim_end_matches('\n'));
}

/// Loads the compiled hidden function and calls it (with the buffer
/// `globals`, if it takes one): prints its value (none for `None`) and
/// time, or any error but an exception, which it gives back (`Err(None)`
/// for the others, already shown); with `runs` 0, times it.
fn run_hidden(
    program: &Program,
    runs: usize,
    globals: Option<&mut [i64]>,
) -> Result<(), Option<Exception>> {
    let Some(func) = program.function(HIDDEN) else {
        errln!("internal error: the hidden function is missing");
        return Err(None);
    };
    let mut loaded = match jit::load(program) {
        Ok(loaded) => loaded,
        Err(e) => {
            errln!("cannot load the code: {e}");
            return Err(None);
        }
    };
    if let Err(e) = loaded.register_with_debuggers(program, REPL_SOURCE) {
        errln!("cannot describe the code to debuggers: {e}");
    }
    let limits = jit::with_full_stack(program, &Limits::default());
    let timing = runs == 0;
    let (result, times) = timed_calls(&loaded, func, &limits, timing, globals);
    match result {
        Ok(value) if timing => {
            let mut sorted = times.clone();
            sorted.sort();
            let shown = value.map_or_else(String::new, |v| format!("{v}   "));
            outln!(
                "{shown}(min {}, median {} over {} runs)",
                duration(sorted[0]),
                duration(sorted[sorted.len() / 2]),
                sorted.len()
            );
        }
        Ok(Some(value)) => outln!("{value}   ({})", duration(times[0])),
        Ok(None) => {}
        Err(CallError::Trap(exception)) => return Err(Some(exception)),
        Err(other) => {
            errln!("{other}");
            return Err(None);
        }
    }
    Ok(())
}

/// Calls `func` (with the buffer `globals` if given, else no arguments)
/// on one thread with the stack `limits` asks for: once, or (`repeat`)
/// until [`TIME_BUDGET`] is spent; the result of the last call and the
/// time of each.
fn timed_calls(
    loaded: &jit::Loaded<'_>,
    func: FuncRef,
    limits: &Limits,
    repeat: bool,
    mut globals: Option<&mut [i64]>,
) -> (Result<Option<i64>, CallError>, Vec<Duration>) {
    let stack = limits.stack_bytes.saturating_add(AROUND_THE_CODE);
    let body = move || {
        let mut host = crate::print_host;
        let mut times = Vec::new();
        let started = Instant::now();
        loop {
            let t = Instant::now();
            // SAFETY: this thread was made with `limits.stack_bytes` of stack
            // plus room for Rust and `print` around the call.
            let mut args: Vec<Arg<'_>> =
                globals.as_deref_mut().map(Arg::List).into_iter().collect();
            let result = unsafe { loaded.code().call(func, &mut args, limits, &mut host) };
            times.push(t.elapsed());
            let more = repeat
                && result.is_ok()
                && times.len() < MAX_RUNS
                && (times.len() < MIN_RUNS || started.elapsed() < TIME_BUDGET);
            if !more {
                return (result, times);
            }
        }
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .stack_size(stack)
            .spawn_scoped(scope, body)
        {
            Ok(thread) => thread.join().unwrap_or_else(|_| {
                (
                    Err(CallError::NotRun("a host function panicked".into())),
                    vec![Duration::ZERO],
                )
            }),
            Err(e) => (
                Err(CallError::NotRun(format!("cannot start a thread: {e}"))),
                vec![Duration::ZERO],
            ),
        }
    })
}

/// A duration as a person reads it: µs, ms or s.
fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-6 {
        format!("{} ns", d.as_nanos())
    } else if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.3} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_told_from_what_is_run() {
        assert_eq!(defined_name("def fib(n):\n"), Some("fib"));
        assert_eq!(defined_name("def  f (n):\n"), Some("f"));
        assert_eq!(defined_name("N = 10\n"), Some("N"));
        assert_eq!(defined_name("N: int = 10\n"), Some("N"));
        assert_eq!(defined_name("N == 10\n"), None);
        assert_eq!(defined_name("fib(20)\n"), None);
        assert_eq!(defined_name("define(1)\n"), None);
        assert_eq!(defined_name("print(1, 2)\n"), None);
        assert_eq!(defined_name("for i in range(3):\n    print(i)\n"), None);
    }

    #[test]
    fn a_file_splits_into_its_definitions() {
        let file = "# comment\n\nN = 3\n\ndef f(x):\n    # inside\n    return x\n\n# between\ndef g():\n    return 1\n";
        let chunks = minijit::frontend::lexer::top_level_statements(file);
        let names: Vec<_> = chunks.iter().map(|(_, c)| defined_name(c)).collect();
        assert_eq!(names, [Some("N"), Some("f"), Some("g")]);
        for (at, c) in chunks {
            assert_eq!(&file[at..at + c.len()], c);
        }
    }

    #[test]
    fn an_offset_maps_back_to_its_piece() {
        let mut s = Source::default();
        s.push("def f():\n    return 1\n", Origin::Def(0), 0);
        s.push_hidden("def __repl__():\n    return ");
        s.push("f(1 +)\n", Origin::Entered, 0);
        let at = s.text.find("+)").unwrap();
        assert!(matches!(s.origin(at), Some((Origin::Entered, 4))));
        assert!(matches!(s.origin(3), Some((Origin::Def(0), 3))));
    }
}
