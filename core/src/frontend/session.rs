//! Statements typed at a session's prompt, run as Python runs them at
//! module level: a name they assign becomes the session's (a constant of
//! the program from then on), not a local lost when they end.
//!
//! Both prompts (minijit repl and the kernel's) run what is typed as the
//! body of a hidden function compiled with the program, where an
//! assignment makes a local. [`module_level`] rewrites the statements so
//! that each name they assign reaches the session through a `list[int]`
//! buffer the prompt passes as [`GLOBALS`]: the value of name `k` is item
//! `2k`, and item `2k + 1` becomes 1 once a statement has assigned it.
//! - Each assignment is followed by a copy of what it assigned into the
//!   buffer, and the variable of a `for` is copied at the start of each
//!   step; so what was assigned before an exception stays, as in Python.
//! - A name that is already a constant starts as the constant's value: a
//!   function the hidden one calls first ([`READER`]) copies it in, since
//!   the local of that name hides the constant in the hidden function.
//! - A name read before anything assigns it is an `UnboundLocalError`
//!   there, where Python's module says `NameError`
//!   ([`ModuleLevel::name_error`]).
//!
//! The prompt then sets each name the buffer says was assigned as a
//! constant (`N = value`, [`constant`]), in the place of its old
//! definition where nothing computed from that one needs it
//! ([`replaces`]).
//!
//! Also here, for both prompts:
//! - a name nothing defines that the statements read is a local nothing
//!   assigns, so that it raises only where it is reached, as in Python;
//! - what the statements call, directly or through others ([`calls`]):
//!   a function reads the constants as they were when it was compiled, so
//!   statements that assign one it reads are refused before they run
//!   ([`ModuleLevel::stale_read`]);
//! - the checks Python makes of a whole line before it runs any of it: a
//!   syntax error ([`syntax_error`]), a `return` ([`returns`]); and the
//!   prompt's own names, which are nobody's ([`own_name`]).

use super::ast::{self, Item};
use super::check::assigned_names;
use super::lexer::{
    is_augmented_op, tokenize, top_level_statements, Keyword, Token, TokenKind as T,
};
use super::parser::parse;
use crate::error::{CompileError, Span};
use crate::trap::{Exception, Trap};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The hidden function's `list[int]` parameter through which the
/// statements reach the session's names.
pub const GLOBALS: &str = "__globals__";

/// The function that copies the constants the statements assign into
/// [`GLOBALS`] before they run.
pub const READER: &str = "__session_values__";

/// A piece of the rewritten statements: text as typed (at byte `at` of
/// what was given to [`module_level`]), or text added around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Typed text.
    Typed {
        /// Where it stands in the statements given.
        at: usize,
        /// The text.
        text: &'a str,
    },
    /// Added text.
    Added(String),
}

/// Statements rewritten to run at module level ([`module_level`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleLevel<'a> {
    /// The names the statements assign, in the order first assigned.
    pub names: Vec<&'a str>,
    /// Which of them are constants of the session already.
    pub constants: Vec<bool>,
    /// The definition of [`READER`], to put in the program before the
    /// hidden function (empty when no constant is assigned).
    pub reader: String,
    /// The hidden function's body, every line indented by four spaces.
    pub body: Vec<Piece<'a>>,
    /// Whether the statements are one simple statement (whatever it calls
    /// runs before it assigns).
    single: bool,
    /// The names they read that nothing defines.
    unknown: Vec<&'a str>,
}

impl<'a> ModuleLevel<'a> {
    /// The items of the [`GLOBALS`] buffer to pass (all zero).
    pub fn slots(&self) -> usize {
        2 * self.names.len()
    }

    /// The hidden function called `name`: its header and its body.
    pub fn function(&self, name: &str) -> String {
        let mut text = format!("def {name}({GLOBALS}: list[int]):\n");
        for piece in &self.body {
            match piece {
                Piece::Typed { text: t, .. } => text.push_str(t),
                Piece::Added(t) => text.push_str(t),
            }
        }
        text
    }

    /// The names the statements assigned and their values, from the
    /// buffer they ran with (whether they returned or stopped with an
    /// exception), in the order first assigned.
    pub fn assigned(&self, globals: &[i64]) -> Vec<(&'a str, i64)> {
        let set = |k: usize| globals.get(2 * k + 1) == Some(&1);
        (self.names.iter().enumerate())
            .filter(|&(k, _)| set(k))
            .map(|(k, &name)| (name, globals[2 * k]))
            .collect()
    }

    /// What Python's module says (`NameError: name 'x' is not defined`)
    /// where the hidden function raised `e`, an `UnboundLocalError` for a
    /// name the statements assign but had not assigned yet (and the
    /// session did not define): at module level, Python looks such a
    /// name up among the module's. Not when a function the statements
    /// call (`calls`) has a local of that name: the exception may be its.
    pub fn name_error(&self, e: &Exception, calls: &Calls) -> Option<String> {
        if e.trap != Trap::UnboundLocalError {
            return None;
        }
        let new = |&(&name, &constant): &(&&str, &bool)| !constant && quoted(&e.message, name);
        let assigned = self
            .names
            .iter()
            .zip(&self.constants)
            .find(new)
            .map(|n| *n.0);
        let unknown = || {
            self.unknown
                .iter()
                .find(|&&n| quoted(&e.message, n))
                .copied()
        };
        let name = assigned.or_else(unknown)?;
        let theirs = calls.0.iter().any(|f| f.locals.iter().any(|l| l == name));
        (!theirs).then(|| format!("NameError: name '{name}' is not defined"))
    }

    /// Why the statements cannot run at module level, if a function they
    /// call (`calls`) reads a name they assign as the session's constant:
    /// a function sees a constant as it was when compiled, so it would
    /// not see what the statements assign while they run (Python's
    /// function would).
    pub fn stale_read(&self, calls: &Calls) -> Option<String> {
        if self.single {
            return None;
        }
        calls.0.iter().find_map(|f| {
            let name = self.names.iter().find(|&&n| f.reads(n))?;
            Some(format!(
                "error: `{}` reads the constant `{name}`, which these statements assign: a \
                 function sees a constant as it was when compiled, not what the statements \
                 assign while they run; assign `{name}` on a line of its own first (nothing \
                 was run)",
                f.name
            ))
        })
    }
}

/// The functions of the session's program that statements call, directly
/// or through others ([`calls`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calls(Vec<Called>);

/// A function statements call ([`Calls`]): its name, its locals
/// (parameters included) and the names its text uses.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Called {
    name: String,
    locals: Vec<String>,
    uses: Vec<String>,
}

impl Called {
    /// Whether the function reads `name` as a module constant: uses it,
    /// and has no local of that name (an assignment anywhere in it makes
    /// one, as in Python).
    fn reads(&self, name: &str) -> bool {
        self.uses.iter().any(|u| u == name) && !self.locals.iter().any(|l| l == name)
    }
}

/// The functions of `program` (the session's definitions, which compile)
/// that the statements `text` call, directly or through others.
pub fn calls(text: &str, program: &str) -> Calls {
    let mut functions: Vec<(Called, Vec<String>)> = Vec::new();
    for (_, part) in top_level_statements(program) {
        let Ok(module) = tokenize(part).and_then(|tokens| parse(part, &tokens)) else {
            continue;
        };
        let Some(Item::Function(f)) = module.items.first() else {
            continue;
        };
        let text_of = |s: super::names::Symbol| String::from(module.names.text(s));
        let mut locals: Vec<String> = module.tree[f.params]
            .iter()
            .map(|p| text_of(p.name))
            .collect();
        assigned_names(&module.tree, &module.tree[f.body], &mut |ident| {
            locals.push(text_of(ident.name));
        });
        let (uses, called) = names_used(part);
        let called_fn = Called {
            name: text_of(f.name.name),
            locals,
            uses,
        };
        functions.push((called_fn, called));
    }
    // From what the statements call, through what each function calls.
    let (_, mut work) = names_used(text);
    let mut reached: Vec<Called> = Vec::new();
    while let Some(name) = work.pop() {
        if reached.iter().any(|f| f.name == name) {
            continue;
        }
        if let Some((f, called)) = functions.iter().find(|(f, _)| f.name == name) {
            work.extend(called.iter().cloned());
            reached.push(f.clone());
        }
    }
    Calls(reached)
}

/// The names `text` uses, and those of them it calls.
fn names_used(text: &str) -> (Vec<String>, Vec<String>) {
    let Ok(tokens) = tokenize(text) else {
        return (Vec::new(), Vec::new());
    };
    let (mut uses, mut called) = (Vec::new(), Vec::new());
    for (name, is_called) in name_tokens(text, &tokens) {
        if is_called {
            called.push(String::from(name));
        }
        uses.push(String::from(name));
    }
    (uses, called)
}

/// The names among `tokens` (of `text`), in order, each with whether it
/// is called (a name before `(`).
fn name_tokens<'s, 't>(
    text: &'s str,
    tokens: &'t [Token],
) -> impl Iterator<Item = (&'s str, bool)> + 't
where
    's: 't,
{
    let names = tokens.iter().enumerate().filter(|(_, t)| t.kind == T::Name);
    names.map(move |(i, t)| {
        let called = tokens.get(i + 1).is_some_and(|n| n.kind == T::LParen);
        (&text[t.span.start as usize..t.span.end as usize], called)
    })
}

/// Whether statements typed at a prompt have a `return` outside a `def`:
/// Python refuses one outside a function, though the hidden function they
/// run in would take it. (With a `def` among them, the compiler says that
/// nested functions are not supported.)
pub fn returns(text: &str) -> bool {
    let has = |tokens: &[Token], k: Keyword| tokens.iter().any(|t| t.kind == T::Keyword(k));
    tokenize(text).is_ok_and(|tokens| has(&tokens, Keyword::Return) && !has(&tokens, Keyword::Def))
}

/// Whether `text` begins with a keyword that begins only statements
/// (`import os`, `global q`, `break`): its error is the one the statement
/// form gives (`'break' outside loop`), not "expected an expression".
pub fn starts_statement(text: &str) -> bool {
    use Keyword as K;
    let first = tokenize(text)
        .ok()
        .and_then(|tokens| tokens.first().map(|t| t.kind));
    matches!(
        first,
        Some(T::Keyword(
            K::Import
                | K::From
                | K::Global
                | K::Nonlocal
                | K::Class
                | K::Del
                | K::Raise
                | K::With
                | K::Try
                | K::Async
                | K::Break
                | K::Continue
        ))
    )
}

/// The first of the session's own names ([`GLOBALS`], [`READER`] and the
/// prompt's `hidden` function) that `text` uses as a name: nobody's to
/// use (Python's session would find it undefined).
pub fn own_name<'n>(text: &str, hidden: &'n str) -> Option<&'n str> {
    let (uses, _) = names_used(text);
    [hidden, GLOBALS, READER]
        .into_iter()
        .find(|own| uses.iter().any(|u| u == own))
}

/// The definition that sets the constant `name` to `value` (`N = 5\n`),
/// as a session takes it after statements assigned it (the least value
/// has no literal of its own).
pub fn constant(name: &str, value: i64) -> String {
    match value {
        i64::MIN => format!("{name} = -9223372036854775807 - 1\n"),
        _ => format!("{name} = {value}\n"),
    }
}

/// What a prompt says when [`module_level`] cannot follow the assignment
/// to `name`.
pub fn unfollowed(name: &str) -> String {
    format!(
        "error: the assignment to `{name}` is written in a form the prompt cannot run at module \
         level (write `{name} = ...`); nothing was run"
    )
}

/// Where the constant `name`, set again by `definition`, may take the
/// place of its last definition among `defs` (the program's texts, in
/// order) rather than go after the rest: that definition's index, if
/// `definition` is a plain value (as [`constant`] makes it, so it reads
/// nothing) and no constant after the old one uses the name (so no value
/// computed from the old one has to keep it). Then a session that sets a
/// constant again and again keeps one definition of it.
pub fn replaces<'d>(
    name: &str,
    definition: &str,
    defs: impl DoubleEndedIterator<Item = &'d str>,
) -> Option<usize> {
    let value = definition
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(" = "))
        .and_then(|value| value.strip_suffix('\n'));
    let plain = value
        .and_then(|value| value.parse::<i64>().ok())
        .is_some_and(|value| constant(name, value) == definition)
        || constant(name, i64::MIN) == definition;
    if !plain {
        return None;
    }
    let defs: Vec<&str> = defs.collect();
    let old = defs.iter().rposition(|d| {
        let (uses, _) = names_used(d);
        let assigns = d.trim_start().strip_prefix(name).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('=') && !rest.starts_with("==") || rest.starts_with(':')
        });
        assigns && uses.first().is_some_and(|first| first == name)
    })?;
    // (Functions read a constant's last value wherever they stand.)
    let used_after = defs[old + 1..]
        .iter()
        .filter(|d| !d.trim_start().starts_with("def "))
        .any(|d| names_used(d).0.iter().any(|u| u == name));
    (!used_after).then_some(old)
}

/// Whether `message` names `name` in single quotes.
fn quoted(message: &str, name: &str) -> bool {
    message
        .match_indices(name)
        .any(|(i, _)| message[..i].ends_with('\'') && message[i + name.len()..].starts_with('\''))
}

/// The statements `text` (one line, or a block such as `for i in
/// range(3):\n    s += i\n`) rewritten to run at module level, if they
/// assign a name (`x = ...`, `x op= ...`, `a, b = ...`, `x: int = ...` or
/// `for x in ...`, anywhere in them), or are a block (`if`, `for`,
/// `while`) that reads a name nothing defines; `is_constant` tells the
/// session's constants, `is_unknown` the names nothing in the session
/// defines. `Ok(None)` if they are neither (they run as they are) or do
/// not tokenize (the compiler says why).
///
/// A name nothing defines that the statements read (not call) is a
/// Python `NameError` only where it is reached, as in Python, not a
/// compile error of the whole: it is made a local of the hidden function
/// that nothing assigns, so reading it raises there
/// ([`ModuleLevel::name_error`] names it as Python does).
///
/// # Errors
/// The name of an assignment written in a form the rewriting does not
/// follow (which the parser takes, so that running the statements as
/// they are would lose it without a word).
pub fn module_level(
    text: &str,
    is_constant: impl Fn(&str) -> bool,
    is_unknown: impl Fn(&str) -> bool,
) -> Result<Option<ModuleLevel<'_>>, String> {
    let Ok(tokens) = tokenize(text) else {
        return Ok(None);
    };
    let mut walk = Walk {
        text,
        tokens: &tokens,
        names: Vec::new(),
        inserts: Vec::new(),
        statements: 0,
    };
    walk.statements();
    if let Some(missed) = parsed_names(text)
        .into_iter()
        .find(|n| !walk.names.contains(&n.as_str()))
    {
        return Err(missed);
    }
    // The names read (not called) that nothing defines.
    let mut unknown: Vec<&str> = Vec::new();
    for (name, called) in name_tokens(text, &tokens) {
        if !called && is_unknown(name) && !walk.names.contains(&name) && !unknown.contains(&name) {
            unknown.push(name);
        }
    }
    let block = matches!(
        tokens.first().map(|t| t.kind),
        Some(T::Keyword(Keyword::If | Keyword::For | Keyword::While))
    );
    if walk.names.is_empty() && !(block && !unknown.is_empty()) {
        return Ok(None);
    }
    let Walk {
        names,
        inserts,
        statements,
        ..
    } = walk;
    let constants: Vec<bool> = names.iter().map(|n| is_constant(n)).collect();
    let mut reader = String::new();
    let mut preamble = String::new();
    for (k, name) in names.iter().enumerate().filter(|&(k, _)| constants[k]) {
        if reader.is_empty() {
            reader = format!("def {READER}({GLOBALS}: list[int]):\n");
            preamble = format!("{READER}({GLOBALS})\n");
        }
        reader.push_str(&format!("    {GLOBALS}[{}] = {name}\n", 2 * k));
        preamble.push_str(&format!("{name} = {GLOBALS}[{}]\n", 2 * k));
    }
    for name in &unknown {
        preamble.push_str(&format!("if 0:\n    {name} = 0\n"));
    }
    // The typed text between the insertions (sorted by place; those at
    // one place stay in the order made).
    let mut inserts = inserts;
    inserts.sort_by_key(|&(at, _)| at);
    let mut pieces = Vec::new();
    if !preamble.is_empty() {
        pieces.push(Piece::Added(preamble));
    }
    let mut from = 0;
    for (at, added) in inserts {
        if at > from {
            pieces.push(Piece::Typed {
                at: from,
                text: &text[from..at],
            });
            from = at;
        }
        pieces.push(Piece::Added(added));
    }
    if from < text.len() {
        pieces.push(Piece::Typed {
            at: from,
            text: &text[from..],
        });
    }
    Ok(Some(ModuleLevel {
        names,
        constants,
        reader,
        body: indented(pieces),
        single: statements == 1,
        unknown,
    }))
}

/// The names the parser finds assigned in the statements `text` (none if
/// they do not parse as a function's body: the compiler then says why).
fn parsed_names(text: &str) -> Vec<String> {
    let Ok(module) = parsed(text) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    if let Some(Item::Function(f)) = module.items.first() {
        assigned_names(&module.tree, &module.tree[f.body], &mut |ident| {
            names.push(String::from(module.names.text(ident.name)));
        });
    }
    names
}

/// The syntax error of a line of simple statements typed at a prompt
/// (`a; b`), placed in it, if it has one: a session refuses the whole
/// line before it runs any of them, as Python does.
pub fn syntax_error(line: &str) -> Option<CompileError> {
    parsed(line).err()
}

/// The statements `text` parsed as the body of a function; an error is
/// placed in `text`.
fn parsed(text: &str) -> Result<ast::Module, CompileError> {
    let pieces = indented(alloc::vec![Piece::Typed { at: 0, text }]);
    let mut source = String::from("def f():\n");
    // (offset in `source`, length, offset in `text`) of each typed piece.
    let mut typed = Vec::new();
    for piece in &pieces {
        match piece {
            Piece::Typed { at, text } => {
                typed.push((source.len(), text.len(), *at));
                source.push_str(text);
            }
            Piece::Added(text) => source.push_str(text),
        }
    }
    let place = |offset: u32| {
        let offset = offset as usize;
        let piece = typed.iter().rev().find(|p| p.0 <= offset);
        piece.map_or(0, |&(from, len, at)| at + (offset - from).min(len))
    };
    tokenize(&source)
        .and_then(|tokens| parse(&source, &tokens))
        .map_err(|e| {
            let start = place(e.span.start);
            let end = place(e.span.end).max(start);
            CompileError::new(Span::new(start, end), e.message)
        })
}

/// `pieces` with four spaces at the start of each line (and a newline at
/// the end), as a function's body.
fn indented(pieces: Vec<Piece<'_>>) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut line_start = true;
    let mut added = String::new();
    for piece in pieces {
        match piece {
            Piece::Added(text) => {
                for part in text.split_inclusive('\n') {
                    if line_start {
                        added.push_str("    ");
                    }
                    added.push_str(part);
                    line_start = part.ends_with('\n');
                }
            }
            Piece::Typed { at, text } => {
                let mut offset = at;
                for part in text.split_inclusive('\n') {
                    if line_start {
                        added.push_str("    ");
                    }
                    if !added.is_empty() {
                        out.push(Piece::Added(core::mem::take(&mut added)));
                    }
                    out.push(Piece::Typed {
                        at: offset,
                        text: part,
                    });
                    offset += part.len();
                    line_start = part.ends_with('\n');
                }
            }
        }
    }
    if !line_start {
        added.push('\n');
    }
    if !added.is_empty() {
        out.push(Piece::Added(added));
    }
    out
}

/// A walk over the statements' tokens that finds the names they assign
/// and where to copy each into the buffer.
struct Walk<'t, 'a> {
    text: &'a str,
    tokens: &'t [Token],
    /// The names assigned, in the order first found.
    names: Vec<&'a str>,
    /// (byte of `text`, text to insert there).
    inserts: Vec<(usize, String)>,
    /// The statements found (a compound one's header counts as one).
    statements: usize,
}

impl<'a> Walk<'_, 'a> {
    /// The kind of token `i` (`Eof` past the end).
    fn kind(&self, i: usize) -> T {
        self.tokens.get(i).map_or(T::Eof, |t| t.kind)
    }

    /// The text of token `i`.
    fn word(&self, i: usize) -> &'a str {
        let span = self.tokens[i].span;
        &self.text[span.start as usize..span.end as usize]
    }

    /// The copies of the names at tokens `at` into the buffer, as one
    /// line of simple statements (the names numbered as first found).
    fn copies(&mut self, at: &[usize]) -> String {
        let mut copies = Vec::new();
        for &i in at {
            let name = self.word(i);
            let k = match self.names.iter().position(|&n| n == name) {
                Some(k) => k,
                None => {
                    self.names.push(name);
                    self.names.len() - 1
                }
            };
            copies.push(format!(
                "{GLOBALS}[{}] = {name}; {GLOBALS}[{}] = 1",
                2 * k,
                2 * k + 1
            ));
        }
        copies.join("; ")
    }

    /// Every statement, in order.
    fn statements(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            let kind = self.kind(i);
            if !matches!(
                kind,
                T::Eof | T::Newline | T::Indent | T::Dedent | T::Semicolon
            ) {
                self.statements += 1;
            }
            i = match kind {
                T::Eof => break,
                T::Newline | T::Indent | T::Dedent | T::Semicolon => i + 1,
                T::Keyword(Keyword::For) => self.for_header(i),
                T::Keyword(Keyword::If | Keyword::Elif | Keyword::Else | Keyword::While) => {
                    self.header_end(i) + 1
                }
                _ => self.simple_statement(i),
            };
        }
    }

    /// The token at which the header starting at token `i` ends: its `:`
    /// outside brackets (or the end of its line, if it has none).
    fn header_end(&self, i: usize) -> usize {
        let mut depth = 0u32;
        let mut j = i;
        loop {
            match self.kind(j) {
                T::Colon if depth == 0 => return j,
                T::Newline | T::Eof => return j,
                T::LParen | T::LBracket | T::LBrace => depth += 1,
                T::RParen | T::RBracket | T::RBrace => depth = depth.saturating_sub(1),
                _ => {}
            }
            j += 1;
        }
    }

    /// A `for` header at token `i`: its variable is copied at the start
    /// of its body. The token after the header.
    fn for_header(&mut self, i: usize) -> usize {
        let colon = self.header_end(i);
        let target = self.kind(i + 1) == T::Name && self.kind(i + 2) == T::Keyword(Keyword::In);
        if !target || self.kind(colon) != T::Colon {
            return colon + 1;
        }
        let copies = self.copies(&[i + 1]);
        let first = colon + 1;
        if self.kind(first) == T::Newline {
            // A body on the lines below: a line of its own before the
            // first, indented as that one is.
            let body = (first + 1..self.tokens.len())
                .find(|&j| !matches!(self.kind(j), T::Newline | T::Indent | T::Dedent));
            if let Some(body) = body.filter(|&j| self.kind(j) != T::Eof) {
                let start = self.tokens[body].span.start as usize;
                let line = self.text[..start].rfind('\n').map_or(0, |n| n + 1);
                let indent = &self.text[line..start];
                self.inserts.push((line, format!("{indent}{copies}\n")));
            }
        } else if self.kind(first) != T::Eof {
            let start = self.tokens[first].span.start as usize;
            self.inserts.push((start, format!("{copies}; ")));
        }
        first
    }

    /// A simple statement at token `i`: the names it assigns are copied
    /// after it. The token that ends it (`;`, the end of the line).
    fn simple_statement(&mut self, i: usize) -> usize {
        let mut depth = 0u32;
        let mut end = i;
        let mut assigns = Vec::new();
        loop {
            match self.kind(end) {
                T::Semicolon | T::Newline | T::Eof if depth == 0 => break,
                T::Assign if depth == 0 => assigns.push(end),
                T::LParen | T::LBracket | T::LBrace => depth += 1,
                T::RParen | T::RBracket | T::RBrace => depth = depth.saturating_sub(1),
                _ => {}
            }
            end += 1;
        }
        let mut targets = Vec::new();
        // `x += 1`, `x: int = 0`, also with the name in parentheses.
        let name = (i..end).find(|&k| self.kind(k) != T::LParen).unwrap_or(end);
        let opened = name - i;
        let after = (name + 1..name + 1 + opened)
            .find(|&k| self.kind(k) != T::RParen)
            .unwrap_or(name + 1 + opened);
        let next = self.kind(after);
        if self.kind(name) == T::Name
            && after - (name + 1) == opened
            && (is_augmented_op(next) || next == T::Colon)
        {
            targets.push(name);
        } else {
            // `a, b = ...`, `(a, b) = ...` (and `a = b = ...`): the bare
            // names before each `=`, in parentheses or not (not an item
            // such as `x[i]`).
            let mut from = i;
            for &assign in &assigns {
                for j in (from..assign).filter(|&j| self.kind(j) == T::Name) {
                    let mut before = j;
                    while before > from && self.kind(before - 1) == T::LParen {
                        before -= 1;
                    }
                    let mut after = j + 1;
                    while after < assign && self.kind(after) == T::RParen {
                        after += 1;
                    }
                    let first = before == from || self.kind(before - 1) == T::Comma;
                    let last = after == assign || self.kind(after) == T::Comma;
                    if first && last {
                        targets.push(j);
                    }
                }
                from = assign + 1;
            }
        }
        if !targets.is_empty() && end > i {
            let copies = self.copies(&targets);
            let last = self.tokens[end - 1].span.end as usize;
            self.inserts.push((last, format!("; {copies}")));
        }
        end.max(i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{Arg, NoHost};
    use crate::interp::Interpreter;
    use crate::test_fixtures::Rng;
    use alloc::string::ToString;
    use alloc::vec;

    /// The hidden function for `text` when `constants` are the session's.
    fn rewritten(text: &str, constants: &[&str]) -> Option<String> {
        let m = module_level(text, |n| constants.contains(&n), |_| false).unwrap()?;
        Some(format!("{}{}", m.reader, m.function("__run__")))
    }

    #[test]
    fn assignments_are_copied_into_the_buffer_after_each_statement() {
        assert_eq!(
            rewritten("for i in range(3):\n    s += i\n", &["s"]).unwrap(),
            "def __session_values__(__globals__: list[int]):\n\
             \x20   __globals__[2] = s\n\
             def __run__(__globals__: list[int]):\n\
             \x20   __session_values__(__globals__)\n\
             \x20   s = __globals__[2]\n\
             \x20   for i in range(3):\n\
             \x20       __globals__[0] = i; __globals__[1] = 1\n\
             \x20       s += i; __globals__[2] = s; __globals__[3] = 1\n"
        );
        assert_eq!(
            rewritten("for i in range(3): a, b = b, i  # note", &[]).unwrap(),
            "def __run__(__globals__: list[int]):\n\
             \x20   for i in range(3): __globals__[0] = i; __globals__[1] = 1; \
             a, b = b, i; __globals__[2] = a; __globals__[3] = 1; \
             __globals__[4] = b; __globals__[5] = 1  # note\n"
        );
        assert_eq!(
            rewritten("if n > 0:\n    x: int = n\nelse: x = -n\n", &[]).unwrap(),
            "def __run__(__globals__: list[int]):\n\
             \x20   if n > 0:\n\
             \x20       x: int = n; __globals__[0] = x; __globals__[1] = 1\n\
             \x20   else: x = -n; __globals__[0] = x; __globals__[1] = 1\n"
        );
    }

    #[test]
    fn statements_that_assign_no_name_are_left_alone() {
        for text in [
            "print(1)\n",
            "f(x == 1)\n",
            "for _ in\n",
            "while n < 3:\n    print(n)\n",
            "'unclosed\n",
        ] {
            assert_eq!(rewritten(text, &["n"]), None, "{text}");
        }
    }

    #[test]
    fn typed_pieces_keep_their_place() {
        let text = "while k < 9:\n    k = k * 2\n";
        let m = module_level(text, |n| n == "k", |_| false)
            .unwrap()
            .unwrap();
        for piece in &m.body {
            if let Piece::Typed { at, text: t } = piece {
                assert_eq!(&text[*at..*at + t.len()], *t);
            }
        }
        let typed: String = (m.body.iter())
            .filter_map(|p| match p {
                Piece::Typed { text, .. } => Some(*text),
                Piece::Added(_) => None,
            })
            .collect();
        assert_eq!(typed, text);
    }

    /// Runs the statements at module level with the constants given
    /// (name, value) through the interpreter: the session's names after
    /// them, or the exception with them.
    fn run(text: &str, constants: &[(&str, i64)]) -> (Vec<(String, i64)>, Option<String>) {
        let known = |n: &str| constants.iter().any(|c| c.0 == n);
        let m = module_level(text, known, |n| !known(n) && n.starts_with("un"))
            .unwrap()
            .unwrap();
        let mut source: String = constants
            .iter()
            .map(|(n, v)| format!("{n} = {v}\n"))
            .collect();
        source.push_str(&m.reader);
        source.push_str(&m.function("__run__"));
        let module = crate::compile_to_ir(&source, &crate::Options::default()).unwrap();
        let mut globals = vec![0; m.slots()];
        let mut args = [Arg::List(&mut globals)];
        let func = module.function_id("__run__").unwrap();
        let outcome = Interpreter::new(&module).call(func, &mut args, &mut NoHost);
        let exception = outcome.err().and_then(|e| e.exception().cloned());
        let calls = calls(text, &source);
        let exception =
            exception.map(|e| m.name_error(&e, &calls).unwrap_or_else(|| e.to_string()));
        let mut names: Vec<(String, i64)> = constants
            .iter()
            .map(|&(n, v)| (String::from(n), v))
            .collect();
        for (name, value) in m.assigned(&globals) {
            match names.iter_mut().find(|(n, _)| n == name) {
                Some(old) => old.1 = value,
                None => names.push((String::from(name), value)),
            }
        }
        (names, exception)
    }

    /// A function the statements call, directly or not, that reads a
    /// constant they assign is named (it would see the old value); one
    /// whose local has that name is not.
    #[test]
    fn a_function_that_would_read_an_old_value_is_named() {
        let program = "T = 1\ndef g():\n    return T\n\ndef h(x):\n    return g() + x\n\n\
                       def own(n):\n    T = n\n    return T\n";
        let stale = |text: &str| {
            let m = module_level(text, |n| n == "T", |_| false)
                .unwrap()
                .unwrap();
            m.stale_read(&calls(text, program))
        };
        let said = stale("for i in range(3):\n    T += 1\n    print(h(i))\n").unwrap();
        assert!(
            said.starts_with("error: `g` reads the constant `T`"),
            "{said}"
        );
        assert_eq!(stale("for i in range(3):\n    T += own(i)\n"), None);
        assert_eq!(stale("for i in range(3):\n    U = g() + i\n"), None);
        // One statement calls before it assigns: what it reads is current.
        assert_eq!(stale("T = h(2) + 1"), None);
        assert!(stale("T = 2; U = h(2)").is_some());
        // An UnboundLocalError a called function's own local may have
        // raised stays one.
        let m = module_level("for y in range(2): f(0)", |_| false, |_| false)
            .unwrap()
            .unwrap();
        let with_local = calls(
            "f(0)",
            "def f(n):\n    if n:\n        y = 1\n    return y\n",
        );
        let e =
            Exception::with_message(Trap::UnboundLocalError, "cannot access local variable 'y'");
        assert_eq!(m.name_error(&e, &with_local), None);
        assert!(m.name_error(&e, &Calls::default()).is_some());
    }

    #[test]
    fn returns_and_own_names_are_found_by_their_tokens() {
        assert!(returns("return 5") && returns("if 1: return 3"));
        assert!(returns(
            "for i in range(3):\n    if i:\n        return(i)\n"
        ));
        assert!(!returns("returned(5)") && !returns("return_value + 1"));
        assert!(!returns("if 1:\n    def h():\n        return 1\n"));
        assert_eq!(own_name("x = __globals__ + 1", "__h__"), Some(GLOBALS));
        assert_eq!(own_name("__h__()", "__h__"), Some("__h__"));
        assert_eq!(own_name("__globals__x + 1  # __globals__", "__h__"), None);
    }

    #[test]
    fn a_constant_set_again_replaces_its_last_definition_where_nothing_uses_it() {
        let defs = [
            "N = 1\n",
            "M = N * 3\n",
            "N = 2\n",
            "def f():\n    return N\n",
        ];
        assert_eq!(replaces("N", "N = 5\n", defs.iter().copied()), Some(2));
        // Something after it uses it: the old value stays for that.
        let defs = ["N = 1\n", "M = N * 3\n"];
        assert_eq!(replaces("N", "N = 5\n", defs.iter().copied()), None);
        // Not a plain value, or not defined before.
        assert_eq!(replaces("N", "N = M + 1\n", ["N = 1\n"].into_iter()), None);
        assert_eq!(replaces("N", "N = 5\n", ["NN = 1\n"].into_iter()), None);
        let least = constant("N", i64::MIN);
        assert_eq!(replaces("N", &least, ["N: int = 1\n"].into_iter()), Some(0));
    }

    #[test]
    fn a_syntax_error_is_placed_in_the_line() {
        assert_eq!(syntax_error("print(1); x = 2; f(x)"), None);
        assert_eq!(syntax_error("x = 1; x + 2"), None);
        let e = syntax_error("print(1); 1 +").unwrap();
        assert_eq!((e.span.start, e.span.end), (13, 13), "{e:?}");
        let e = syntax_error("f(1,\n  2) ; )").unwrap();
        assert_eq!(e.span.start, 12, "{e:?}");
    }

    /// A random block of statements over the names `a`..`d`, `depth`
    /// levels of blocks deep, indented by `indent`: every form of
    /// assignment the parser takes, in blocks and one-line suites, with
    /// values that stay small (nothing traps).
    fn random_block(rng: &mut Rng, depth: usize, indent: &str, out: &mut String) {
        const NAMES: [&str; 4] = ["a", "b", "c", "d"];
        for _ in 0..1 + rng.below(3) {
            let x = rng.pick(&NAMES);
            let y = rng.pick(&NAMES);
            let k = rng.below(5);
            let simple = match rng.below(8) {
                0 => format!("{x} = {y} + {k}"),
                1 => format!("({x}) = {y} ^ {k}"),
                2 => format!("{x}, {y} = {y}, {x} - {k}"),
                3 => format!("({x}, {y}) = {k}, {x}"),
                4 => format!("{x}, = {y} & 7,"),
                5 => format!("{x} {}= {k}", rng.pick(&["+", "-", "^", "|", "&"])),
                6 => format!("({x}) += {y} % 5"),
                _ => format!("{x}: int = {y} - {k}; {y} = {k}"),
            };
            let compound = depth > 0 && rng.chance(50);
            if !compound {
                out.push_str(&format!("{indent}{simple}\n"));
                continue;
            }
            let (v, k) = (rng.pick(&NAMES), rng.below(5));
            let header = match rng.below(3) {
                0 => format!("for {v} in range({k}):"),
                1 => format!("if {v} > {k}:"),
                _ => format!("while {v} < {k}:"),
            };
            if rng.chance(30) {
                let then = if header.starts_with("while") {
                    "; break"
                } else {
                    ""
                };
                out.push_str(&format!("{indent}{header} {simple}{then}\n"));
                continue;
            }
            out.push_str(&format!("{indent}{header}\n"));
            let inner = format!("{indent}    ");
            random_block(rng, depth - 1, &inner, out);
            if header.starts_with("while") {
                out.push_str(&format!("{inner}break\n"));
            } else if header.starts_with("if") && rng.chance(50) {
                out.push_str(&format!("{indent}else:\n"));
                random_block(rng, depth - 1, &inner, out);
            }
        }
    }

    /// Random blocks run at module level leave each name as the same
    /// statements leave the locals of a function that starts from the
    /// same values.
    #[test]
    fn random_blocks_assign_what_a_function_would() {
        let mut rng = Rng::new(0x5E55_1011);
        for _ in 0..300 {
            let mut text = String::new();
            random_block(&mut rng, 3, "", &mut text);
            let start = [("a", 1), ("b", -2), ("c", 3), ("d", 40)];
            let (names, e) = run(&text, &start);
            assert_eq!(e, None, "{text}");
            let mut source = String::from("def f(g: list[int]):\n");
            for (k, (name, _)) in start.iter().enumerate() {
                source.push_str(&format!("    {name} = g[{k}]\n"));
            }
            for line in text.lines() {
                source.push_str(&format!("    {line}\n"));
            }
            for (k, (name, _)) in start.iter().enumerate() {
                source.push_str(&format!("    g[{k}] = {name}\n"));
            }
            let module = crate::compile_to_ir(&source, &crate::Options::default()).unwrap();
            let mut values: Vec<i64> = start.iter().map(|s| s.1).collect();
            let func = module.function_id("f").unwrap();
            Interpreter::new(&module)
                .call(func, &mut [Arg::List(&mut values)], &mut NoHost)
                .unwrap();
            let want: Vec<(String, i64)> = (start.iter().zip(values))
                .map(|(s, v)| (String::from(s.0), v))
                .collect();
            assert_eq!(names, want, "{text}");
        }
    }

    /// What Python's module gives for the same statements (checked with
    /// CPython).
    #[test]
    fn statements_run_as_at_module_level() {
        let own = |v: &[(&str, i64)]| -> Vec<(String, i64)> {
            v.iter().map(|&(n, x)| (String::from(n), x)).collect()
        };
        assert_eq!(
            run("for i in range(5):\n    total += i\n", &[("total", 10)]),
            (own(&[("total", 20), ("i", 4)]), None)
        );
        assert_eq!(
            run("for i in range(0):\n    total += i\n", &[("total", 10)]),
            (own(&[("total", 10)]), None)
        );
        assert_eq!(
            run("a, b = b, a; c = a - b", &[("a", 1), ("b", 2)]),
            (own(&[("a", 2), ("b", 1), ("c", 1)]), None)
        );
        // Targets in parentheses.
        assert_eq!(
            run(
                "if 1:\n    (a, b) = 3, 4\n    (c) = 5\n    a, = 5,\n    ((b)) += 2; (c): int = 7\n",
                &[]
            ),
            (own(&[("a", 5), ("b", 6), ("c", 7)]), None)
        );
        // What was assigned before an exception stays.
        let (names, e) = run(
            "while n < 100:\n    n = n * 3\n    assert n < 50, 'big'\n",
            &[("n", 1)],
        );
        assert_eq!(names, own(&[("n", 81)]));
        assert_eq!(e.unwrap(), "AssertionError: big");
        // A name nothing defines raises only where it is read (here
        // `un...` names are those), after what was assigned before.
        assert_eq!(
            run(
                "if n > 5:\n    s = unknown_a\nelse:\n    s = 1\n",
                &[("n", 1)]
            ),
            (own(&[("n", 1), ("s", 1)]), None)
        );
        let (names, e) = run("for i in range(3):\n    x = i\n    y = unset_q\n", &[]);
        assert_eq!(names, own(&[("i", 0), ("x", 0)]));
        assert_eq!(e.unwrap(), "NameError: name 'unset_q' is not defined");
        // A name read before anything assigns it.
        let (names, e) = run("for i in range(2):\n    s += i\n", &[]);
        assert_eq!(names, own(&[("i", 0)]));
        assert_eq!(e.unwrap(), "NameError: name 's' is not defined");
    }
}
