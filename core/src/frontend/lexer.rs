//! Source text to tokens.
//!
//! Needs: UTF-8 source text (the caller has already refused anything else).
//! Gives: [`Token`]s with byte spans, in Python's shape: a `Newline` ends
//! every logical line, `Indent` / `Dedent` bracket every block, and the list
//! always ends with `Eof`. Literals arrive decoded (`Int` holds the value,
//! `Str` the string after escapes). Everything Python would tokenize is
//! recognised, including what the subset refuses (floats, `@`, `:=`, ...),
//! so that the refusal can name the construct; the lexer itself refuses
//! only what Python's tokenizer would, plus floats, complex numbers, bytes
//! and f-strings.

use super::strings;
use super::MAX_BLOCK_DEPTH;
use crate::error::{CompileError, Span};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A token and its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is: byte offsets of its text. `Indent` and `Dedent` are
    /// empty spans at the first token of their line; the final `Newline`
    /// (when the source does not end with one), the final `Dedent`s and
    /// `Eof` are empty spans at the end of the source.
    pub span: Span,
}

/// Token kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier that is not a keyword (soft keywords such as `match`
    /// are names).
    Name(String),
    /// An integer literal that fits in an `i64`.
    Int(i64),
    /// A string literal, prefix and quotes removed, escapes decoded.
    Str(String),
    /// A reserved word.
    Keyword(Keyword),
    /// The end of a logical line.
    Newline,
    /// The start of a more indented block.
    Indent,
    /// The end of an indented block.
    Dedent,
    /// The end of the input.
    Eof,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `**`
    DoubleStar,
    /// `/`
    Slash,
    /// `//`
    DoubleSlash,
    /// `%`
    Percent,
    /// `@`
    At,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    Amp,
    /// `|`
    Pipe,
    /// `^`
    Caret,
    /// `~`
    Tilde,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `;`
    Semicolon,
    /// `.`
    Dot,
    /// `...`
    Ellipsis,
    /// `=`
    Assign,
    /// `->`
    Arrow,
    /// `:=`
    Walrus,
    /// `+=`
    PlusEq,
    /// `-=`
    MinusEq,
    /// `*=`
    StarEq,
    /// `/=`
    SlashEq,
    /// `//=`
    DoubleSlashEq,
    /// `%=`
    PercentEq,
    /// `**=`
    DoubleStarEq,
    /// `@=`
    AtEq,
    /// `<<=`
    LShiftEq,
    /// `>>=`
    RShiftEq,
    /// `&=`
    AmpEq,
    /// `|=`
    PipeEq,
    /// `^=`
    CaretEq,
}

/// Python's reserved words (the hard keywords of Python 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is the keyword of the same name
pub enum Keyword {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

const KEYWORDS: &[(&str, Keyword)] = &[
    ("False", Keyword::False),
    ("None", Keyword::None),
    ("True", Keyword::True),
    ("and", Keyword::And),
    ("as", Keyword::As),
    ("assert", Keyword::Assert),
    ("async", Keyword::Async),
    ("await", Keyword::Await),
    ("break", Keyword::Break),
    ("class", Keyword::Class),
    ("continue", Keyword::Continue),
    ("def", Keyword::Def),
    ("del", Keyword::Del),
    ("elif", Keyword::Elif),
    ("else", Keyword::Else),
    ("except", Keyword::Except),
    ("finally", Keyword::Finally),
    ("for", Keyword::For),
    ("from", Keyword::From),
    ("global", Keyword::Global),
    ("if", Keyword::If),
    ("import", Keyword::Import),
    ("in", Keyword::In),
    ("is", Keyword::Is),
    ("lambda", Keyword::Lambda),
    ("nonlocal", Keyword::Nonlocal),
    ("not", Keyword::Not),
    ("or", Keyword::Or),
    ("pass", Keyword::Pass),
    ("raise", Keyword::Raise),
    ("return", Keyword::Return),
    ("try", Keyword::Try),
    ("while", Keyword::While),
    ("with", Keyword::With),
    ("yield", Keyword::Yield),
];

impl Keyword {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        KEYWORDS
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(s, _)| s)
    }

    fn lookup(word: &str) -> Option<Keyword> {
        KEYWORDS.iter().find(|(s, _)| *s == word).map(|(_, k)| *k)
    }
}

/// Longest first, so that the first match is the longest one.
const OPERATORS: &[(&str, TokenKind)] = &[
    ("**=", TokenKind::DoubleStarEq),
    ("//=", TokenKind::DoubleSlashEq),
    ("<<=", TokenKind::LShiftEq),
    (">>=", TokenKind::RShiftEq),
    ("...", TokenKind::Ellipsis),
    ("**", TokenKind::DoubleStar),
    ("//", TokenKind::DoubleSlash),
    ("<<", TokenKind::LShift),
    (">>", TokenKind::RShift),
    ("<=", TokenKind::Le),
    (">=", TokenKind::Ge),
    ("==", TokenKind::EqEq),
    ("!=", TokenKind::NotEq),
    ("->", TokenKind::Arrow),
    (":=", TokenKind::Walrus),
    ("+=", TokenKind::PlusEq),
    ("-=", TokenKind::MinusEq),
    ("*=", TokenKind::StarEq),
    ("/=", TokenKind::SlashEq),
    ("%=", TokenKind::PercentEq),
    ("@=", TokenKind::AtEq),
    ("&=", TokenKind::AmpEq),
    ("|=", TokenKind::PipeEq),
    ("^=", TokenKind::CaretEq),
    ("+", TokenKind::Plus),
    ("-", TokenKind::Minus),
    ("*", TokenKind::Star),
    ("/", TokenKind::Slash),
    ("%", TokenKind::Percent),
    ("@", TokenKind::At),
    ("&", TokenKind::Amp),
    ("|", TokenKind::Pipe),
    ("^", TokenKind::Caret),
    ("~", TokenKind::Tilde),
    ("<", TokenKind::Lt),
    (">", TokenKind::Gt),
    ("(", TokenKind::LParen),
    (")", TokenKind::RParen),
    ("[", TokenKind::LBracket),
    ("]", TokenKind::RBracket),
    ("{", TokenKind::LBrace),
    ("}", TokenKind::RBrace),
    (",", TokenKind::Comma),
    (":", TokenKind::Colon),
    (";", TokenKind::Semicolon),
    (".", TokenKind::Dot),
    ("=", TokenKind::Assign),
];

/// Python's tab stops, for the first of the two indentation measures.
const TAB_SIZE: usize = 8;

/// Splits `source` into tokens.
///
/// # Errors
/// Whatever Python's tokenizer refuses (bad indentation, unterminated
/// strings, malformed numbers, unmatched brackets, invalid characters), and
/// literals outside the subset: floats, complex numbers, integers beyond
/// `i64::MAX`, bytes, f-strings and t-strings.
pub fn tokenize(source: &str) -> Result<Vec<Token>, CompileError> {
    if let Some(at) = source.bytes().position(|b| b == 0) {
        return Err(error(at, at + 1, "source contains a NUL byte"));
    }
    if u32::try_from(source.len()).is_err() {
        return Err(error(0, 0, "source is too large (the limit is 4 GiB)"));
    }
    Lexer::new(source).run()
}

fn error(start: usize, end: usize, message: impl Into<String>) -> CompileError {
    CompileError::new(Span::new(start, end), message)
}

/// The two widths of a line's indentation (tabs to the next multiple of 8,
/// and tabs as one column): Python calls the indentation ambiguous when the
/// two measures order lines differently.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Indentation {
    col: usize,
    alt_col: usize,
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    /// The indentation of each open block; the first entry is column 0.
    indents: Vec<Indentation>,
    /// Open brackets and their offsets, for implicit line joining and for
    /// pointing at the one that is never closed.
    brackets: Vec<(u8, usize)>,
    /// Measured at the start of a logical line but applied only at its
    /// first token, so that blank and comment-only lines never indent.
    pending_indent: Option<(Indentation, usize)>,
    line_has_tokens: bool,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            tokens: Vec::new(),
            indents: alloc::vec![Indentation { col: 0, alt_col: 0 }],
            brackets: Vec::new(),
            pending_indent: None,
            line_has_tokens: false,
        }
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos.saturating_add(ahead)).copied()
    }

    fn run(mut self) -> Result<Vec<Token>, CompileError> {
        self.begin_line();
        while let Some(b) = self.peek_byte(0) {
            match b {
                b' ' | b'\t' | b'\x0c' => self.pos += 1,
                b'#' => {
                    while !matches!(self.peek_byte(0), None | Some(b'\n' | b'\r')) {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    let start = self.pos;
                    self.skip_newline();
                    if self.brackets.is_empty() {
                        if self.line_has_tokens {
                            self.push_raw(TokenKind::Newline, start, self.pos);
                            self.line_has_tokens = false;
                        }
                        self.begin_line();
                    }
                }
                b'\\' => {
                    let start = self.pos;
                    self.pos += 1;
                    match self.peek_byte(0) {
                        Some(b'\n' | b'\r') => self.skip_newline(),
                        None => {
                            return Err(error(
                                start,
                                self.pos,
                                "unexpected end of file after line continuation character",
                            ))
                        }
                        Some(_) => {
                            return Err(error(
                                start,
                                self.pos,
                                "unexpected character after line continuation character",
                            ))
                        }
                    }
                }
                _ => self.token()?,
            }
        }
        if let Some(&(open, at)) = self.brackets.last() {
            let message = format!("'{}' was never closed", char::from(open));
            return Err(error(at, at + 1, message));
        }
        let end = self.src.len();
        if self.line_has_tokens {
            self.push_raw(TokenKind::Newline, end, end);
        }
        for _ in 1..self.indents.len() {
            self.push_raw(TokenKind::Dedent, end, end);
        }
        self.push_raw(TokenKind::Eof, end, end);
        Ok(self.tokens)
    }

    /// Consumes `\n`, `\r\n` or `\r`.
    fn skip_newline(&mut self) {
        if self.peek_byte(0) == Some(b'\r') {
            self.pos += 1;
            if self.peek_byte(0) == Some(b'\n') {
                self.pos += 1;
            }
        } else {
            self.pos += 1;
        }
    }

    fn begin_line(&mut self) {
        let start = self.pos;
        let mut ind = Indentation { col: 0, alt_col: 0 };
        loop {
            match self.peek_byte(0) {
                Some(b' ') => {
                    ind.col = ind.col.saturating_add(1);
                    ind.alt_col = ind.alt_col.saturating_add(1);
                }
                Some(b'\t') => {
                    ind.col = (ind.col / TAB_SIZE)
                        .saturating_add(1)
                        .saturating_mul(TAB_SIZE);
                    ind.alt_col = ind.alt_col.saturating_add(1);
                }
                // As in CPython, a form feed restarts the count.
                Some(b'\x0c') => ind = Indentation { col: 0, alt_col: 0 },
                _ => break,
            }
            self.pos += 1;
        }
        self.pending_indent = Some((ind, start));
    }

    /// Applies the pending indentation of this line at its first token.
    fn apply_indent(
        &mut self,
        ind: Indentation,
        line_start: usize,
        at: usize,
    ) -> Result<(), CompileError> {
        let inconsistent = || {
            error(
                line_start,
                at,
                "inconsistent use of tabs and spaces in indentation",
            )
        };
        let top = self
            .indents
            .last()
            .copied()
            .unwrap_or(Indentation { col: 0, alt_col: 0 });
        if ind.col == top.col {
            if ind.alt_col != top.alt_col {
                return Err(inconsistent());
            }
        } else if ind.col > top.col {
            if ind.alt_col <= top.alt_col {
                return Err(inconsistent());
            }
            if self.indents.len() > MAX_BLOCK_DEPTH {
                let message =
                    format!("blocks are nested too deeply (more than {MAX_BLOCK_DEPTH} levels)");
                return Err(error(line_start, at, message));
            }
            self.indents.push(ind);
            self.push_raw(TokenKind::Indent, at, at);
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|t| ind.col < t.col) {
                self.indents.pop();
                self.push_raw(TokenKind::Dedent, at, at);
            }
            let top = self
                .indents
                .last()
                .copied()
                .unwrap_or(Indentation { col: 0, alt_col: 0 });
            if ind.col != top.col {
                return Err(error(
                    line_start,
                    at,
                    "unindent does not match any outer indentation level",
                ));
            }
            if ind.alt_col != top.alt_col {
                return Err(inconsistent());
            }
        }
        Ok(())
    }

    fn push_raw(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }

    /// Pushes a real token, first applying the line's indentation.
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) -> Result<(), CompileError> {
        if let Some((ind, line_start)) = self.pending_indent.take() {
            self.apply_indent(ind, line_start, start)?;
        }
        self.line_has_tokens = true;
        self.push_raw(kind, start, end);
        Ok(())
    }

    fn token(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        let Some(b) = self.peek_byte(0) else {
            return Ok(());
        };
        if b.is_ascii_alphabetic() || b == b'_' {
            return self.name_or_prefixed_string();
        }
        if b.is_ascii_digit()
            || (b == b'.' && self.peek_byte(1).is_some_and(|c| c.is_ascii_digit()))
        {
            let (value, end) = scan_number(self.bytes, start)?;
            self.pos = end;
            return self.push(TokenKind::Int(value), start, end);
        }
        if b == b'\'' || b == b'"' {
            return self.string(start, start, false);
        }
        if b >= 0x80 {
            return Err(self.non_ascii_error(start));
        }
        let rest = self.bytes.get(start..).unwrap_or_default();
        if let Some((text, kind)) = OPERATORS
            .iter()
            .find(|(text, _)| rest.starts_with(text.as_bytes()))
        {
            let end = start + text.len();
            self.bracket(b, start)?;
            self.pos = end;
            return self.push(kind.clone(), start, end);
        }
        let message = if b == b'!' {
            String::from("invalid syntax: `!` alone is not an operator (use `not` or `!=`)")
        } else if b.is_ascii_control() {
            format!("invalid control character U+{b:04X}")
        } else {
            format!("invalid character '{}'", char::from(b))
        };
        Err(error(start, start + 1, message))
    }

    /// Tracks bracket nesting for implicit line joining.
    fn bracket(&mut self, b: u8, at: usize) -> Result<(), CompileError> {
        match b {
            b'(' | b'[' | b'{' => self.brackets.push((b, at)),
            b')' | b']' | b'}' => {
                let close = char::from(b);
                match self.brackets.pop() {
                    None => return Err(error(at, at + 1, format!("unmatched '{close}'"))),
                    Some((open, _))
                        if !matches!((open, b), (b'(', b')') | (b'[', b']') | (b'{', b'}')) =>
                    {
                        let open = char::from(open);
                        let message = format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'");
                        return Err(error(at, at + 1, message));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn non_ascii_error(&self, at: usize) -> CompileError {
        let c = self
            .src
            .get(at..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}');
        let end = at + c.len_utf8();
        if c.is_alphabetic() {
            // Python would NFKC-normalize such names; without Unicode tables
            // two spellings could silently be one name or two.
            error(at, end, "non-ASCII identifiers are not supported")
        } else if c.is_control() || c.is_whitespace() {
            error(
                at,
                end,
                format!("invalid non-printable character U+{:04X}", u32::from(c)),
            )
        } else {
            error(
                at,
                end,
                format!("invalid character '{c}' (U+{:04X})", u32::from(c)),
            )
        }
    }

    fn name_or_prefixed_string(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        let mut end = start;
        while self
            .bytes
            .get(end)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
        {
            end += 1;
        }
        let word = self.src.get(start..end).unwrap_or_default();
        if matches!(self.bytes.get(end), Some(b'\'' | b'"')) {
            if let Some(prefix) = StringPrefix::parse(word) {
                return match prefix {
                    StringPrefix::Plain { raw } => self.string(start, end, raw),
                    StringPrefix::Refused(message) => {
                        // Span the whole literal when its end can be found.
                        let lit_end =
                            strings::scan(self.src, start, end, true).map_or(end + 1, |(_, e)| e);
                        Err(error(start, lit_end, message))
                    }
                };
            }
        }
        if self.bytes.get(end).is_some_and(|&c| c >= 0x80) {
            let err = self.non_ascii_error(end);
            if err.message.starts_with("non-ASCII") {
                return Err(CompileError::new(
                    Span::new(start, err.span.end as usize),
                    err.message,
                ));
            }
        }
        self.pos = end;
        let kind = match Keyword::lookup(word) {
            Some(k) => TokenKind::Keyword(k),
            None => TokenKind::Name(String::from(word)),
        };
        self.push(kind, start, end)
    }

    fn string(&mut self, start: usize, quote_at: usize, raw: bool) -> Result<(), CompileError> {
        let (value, end) = strings::scan(self.src, start, quote_at, raw)?;
        self.pos = end;
        self.push(TokenKind::Str(value), start, end)
    }
}

enum StringPrefix {
    Plain { raw: bool },
    Refused(&'static str),
}

impl StringPrefix {
    /// Python's string prefixes, in any case and order; `None` when `word`
    /// is not one (it is then a name followed by a string).
    fn parse(word: &str) -> Option<StringPrefix> {
        if word.len() > 2 {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let has = |c: char| lower.contains(c);
        match lower.as_str() {
            "r" | "u" => Some(StringPrefix::Plain { raw: has('r') }),
            "b" | "br" | "rb" => Some(StringPrefix::Refused("bytes literals are not supported")),
            "f" | "fr" | "rf" => Some(StringPrefix::Refused("f-strings are not supported")),
            "t" | "tr" | "rt" => Some(StringPrefix::Refused("template strings are not supported")),
            _ => None,
        }
    }
}

/// Scans a numeric literal starting at `start` and returns its value and
/// end. Validation follows Python 3's tokenizer before any value is
/// computed, so a float is called a float even when its digits overflow.
fn scan_number(bytes: &[u8], start: usize) -> Result<(i64, usize), CompileError> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    if at(start) == b'0' {
        let radix = match at(start + 1) {
            b'x' | b'X' => Some((16, "hexadecimal")),
            b'o' | b'O' => Some((8, "octal")),
            b'b' | b'B' => Some((2, "binary")),
            _ => None,
        };
        if let Some((radix, name)) = radix {
            let digits_start = start + 2;
            // `_` may follow the prefix: `0x_ff` is valid Python.
            let end = match scan_digits(bytes, digits_start, radix, true) {
                Ok(end) => end,
                Err(bad) => return Err(invalid_digit(bytes, start, bad, name)),
            };
            if is_name_byte(at(end)) {
                return Err(invalid_digit(bytes, start, end, name));
            }
            return integer_value(bytes, start, digits_start, end, radix);
        }
    }
    let invalid = || error(start, start + 1, "invalid decimal literal");
    let mut pos = start;
    let mut is_float = false;
    if at(pos) != b'.' {
        pos = scan_digits(bytes, pos, 10, false)
            .map_err(|bad| invalid_digit(bytes, start, bad, "decimal"))?;
    }
    let int_end = pos;
    if at(pos) == b'.' {
        is_float = true;
        pos += 1;
        if at(pos).is_ascii_digit() {
            pos = scan_digits(bytes, pos, 10, false)
                .map_err(|bad| invalid_digit(bytes, start, bad, "decimal"))?;
        }
    }
    if matches!(at(pos), b'e' | b'E') {
        let mut exp = pos + 1;
        if matches!(at(exp), b'+' | b'-') {
            exp += 1;
        }
        if !at(exp).is_ascii_digit() {
            return Err(error(start, exp + 1, "invalid decimal literal"));
        }
        pos = scan_digits(bytes, exp, 10, false)
            .map_err(|bad| invalid_digit(bytes, start, bad, "decimal"))?;
        is_float = true;
    }
    let complex = matches!(at(pos), b'j' | b'J');
    if complex {
        pos += 1;
    }
    if is_name_byte(at(pos)) {
        return Err(error(start, pos + 1, "invalid decimal literal"));
    }
    if complex {
        return Err(error(start, pos, "complex numbers are not supported"));
    }
    if is_float {
        return Err(error(
            start,
            pos,
            "floats are not supported (only 64-bit integers)",
        ));
    }
    let digits = bytes.get(start..int_end).ok_or_else(invalid)?;
    if digits.first() == Some(&b'0') && digits.iter().any(|&d| matches!(d, b'1'..=b'9')) {
        return Err(error(
            start,
            int_end,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        ));
    }
    integer_value(bytes, start, start, int_end, 10)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn digit_value(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// Scans digits of `radix` with single `_` separators between them (and,
/// when `lead_underscore`, right after a base prefix). Returns the end, or
/// the offset of the byte that breaks the rules (no digit at all, or an `_`
/// not followed by a digit).
fn scan_digits(
    bytes: &[u8],
    mut pos: usize,
    radix: u32,
    lead_underscore: bool,
) -> Result<usize, usize> {
    let mut count = 0usize;
    loop {
        let underscore = bytes.get(pos) == Some(&b'_') && (count > 0 || lead_underscore);
        if underscore {
            pos += 1;
        }
        match bytes.get(pos).copied().and_then(digit_value) {
            Some(d) if d < radix => {
                pos += 1;
                count += 1;
            }
            _ if underscore || count == 0 => return Err(pos),
            _ => return Ok(pos),
        }
    }
}

/// The error for a literal broken at `bad`: Python names a decimal digit
/// that its base does not allow, and otherwise calls the literal invalid.
fn invalid_digit(bytes: &[u8], start: usize, bad: usize, name: &str) -> CompileError {
    match bytes.get(bad) {
        Some(&d) if d.is_ascii_digit() && name != "decimal" => {
            let message = format!("invalid digit '{}' in {name} literal", char::from(d));
            error(bad, bad + 1, message)
        }
        _ => {
            let mut end = bad.max(start + 1);
            while bytes.get(end).is_some_and(|&b| is_name_byte(b)) {
                end += 1;
            }
            error(start, end, format!("invalid {name} literal"))
        }
    }
}

fn integer_value(
    bytes: &[u8],
    start: usize,
    from: usize,
    end: usize,
    radix: u32,
) -> Result<(i64, usize), CompileError> {
    let too_large = || {
        let message = format!("integer literal is too large (the limit is {})", i64::MAX);
        error(start, end, message)
    };
    let mut value: i64 = 0;
    for &b in bytes.get(from..end).unwrap_or_default() {
        if let Some(d) = digit_value(b) {
            value = value
                .checked_mul(i64::from(radix))
                .and_then(|v| v.checked_add(i64::from(d)))
                .ok_or_else(too_large)?;
        }
    }
    Ok((value, end))
}
