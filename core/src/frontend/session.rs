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
//! constant (`N = value`), as if typed.

use super::lexer::{is_augmented_op, tokenize, Keyword, Token, TokenKind as T};
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
    /// name up among the module's.
    pub fn name_error(&self, e: &Exception) -> Option<String> {
        if e.trap != Trap::UnboundLocalError {
            return None;
        }
        let new = |&(&name, &constant): &(&&str, &bool)| !constant && quoted(&e.message, name);
        let (name, _) = self.names.iter().zip(&self.constants).find(new)?;
        Some(format!("NameError: name '{name}' is not defined"))
    }
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

/// Whether `message` names `name` in single quotes.
fn quoted(message: &str, name: &str) -> bool {
    message
        .match_indices(name)
        .any(|(i, _)| message[..i].ends_with('\'') && message[i + name.len()..].starts_with('\''))
}

/// The statements `text` (one line, or a block such as `for i in
/// range(3):\n    s += i\n`) rewritten to run at module level, if they
/// assign a name (`x = ...`, `x op= ...`, `a, b = ...`, `x: int = ...` or
/// `for x in ...`, anywhere in them); `is_constant` tells the session's
/// constants. `None` if they assign nothing (they run as they are) or do
/// not tokenize (the compiler says why).
pub fn module_level(text: &str, is_constant: impl Fn(&str) -> bool) -> Option<ModuleLevel<'_>> {
    let tokens = tokenize(text).ok()?;
    let mut walk = Walk {
        text,
        tokens: &tokens,
        names: Vec::new(),
        inserts: Vec::new(),
    };
    walk.statements();
    if walk.names.is_empty() {
        return None;
    }
    let Walk { names, inserts, .. } = walk;
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
    Some(ModuleLevel {
        names,
        constants,
        reader,
        body: indented(pieces),
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
            i = match self.kind(i) {
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
        let named = self.kind(i) == T::Name;
        if named && (is_augmented_op(self.kind(i + 1)) || self.kind(i + 1) == T::Colon) {
            // `x += 1`, `x: int = 0`.
            targets.push(i);
        } else {
            // `a, b = ...` (and `a = b = ...`): the bare names before each
            // `=` (not an item such as `x[i]`).
            let mut from = i;
            for &assign in &assigns {
                for j in from..assign {
                    let before = j == from || self.kind(j - 1) == T::Comma;
                    let after = j + 1 == assign || self.kind(j + 1) == T::Comma;
                    if self.kind(j) == T::Name && before && after {
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
    use alloc::string::ToString;
    use alloc::vec;

    /// The hidden function for `text` when `constants` are the session's.
    fn rewritten(text: &str, constants: &[&str]) -> Option<String> {
        let m = module_level(text, |n| constants.contains(&n))?;
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
        let m = module_level(text, |n| n == "k").unwrap();
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
        let m = module_level(text, |n| constants.iter().any(|c| c.0 == n)).unwrap();
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
        let exception = exception.map(|e| m.name_error(&e).unwrap_or_else(|| e.to_string()));
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
        // What was assigned before an exception stays.
        let (names, e) = run(
            "while n < 100:\n    n = n * 3\n    assert n < 50, 'big'\n",
            &[("n", 1)],
        );
        assert_eq!(names, own(&[("n", 81)]));
        assert_eq!(e.unwrap(), "AssertionError: big");
        // A name read before anything assigns it.
        let (names, e) = run("for i in range(2):\n    s += i\n", &[]);
        assert_eq!(names, own(&[("i", 0)]));
        assert_eq!(e.unwrap(), "NameError: name 's' is not defined");
    }
}
