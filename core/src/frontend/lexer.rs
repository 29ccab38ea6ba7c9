//! Source text to tokens.
//!
//! Needs: UTF-8 source text (the caller has already refused anything else).
//! Gives: [`Token`]s with byte spans, in Python's shape: a `Newline` ends
//! every logical line, `Indent` / `Dedent` bracket every block, and the list
//! always ends with `Eof`. Tokens are plain data: a name is its span of
//! the source, an integer arrives as its value, and a string literal is
//! checked here but decoded only on request ([`string_value`]), as the
//! subset keeps few of them. Everything Python would tokenize is
//! recognised, including what the subset refuses (`@`, `:=`, `[`, ...), so
//! that the parser can name the construct. The lexer itself refuses what
//! Python's tokenizer would, the literals the subset has no value for
//! (floats, complex numbers, integers beyond `i64`, bytes, f-strings), and
//! non-ASCII identifiers (Python would NFKC-normalize them).

use super::strings::{self, Discard};
use super::MAX_BLOCK_DEPTH;
use crate::error::{CompileError, Span};
use crate::reuse::take_emptied;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A token and its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier that is not a keyword (soft keywords such as `match`
    /// are names); the token's span is its text.
    Name,
    /// An integer literal that fits in an `i64`.
    Int(i64),
    /// A valid string literal; [`string_value`] decodes it.
    Str,
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

    /// The keyword `word` is, if any; `rest` is the source from the
    /// word's start on (read eight bytes at a time when it has them).
    #[inline]
    fn lookup(word: &[u8], rest: &[u8]) -> Option<Keyword> {
        // Keywords are 2 to 8 bytes long.
        if !(2..=8).contains(&word.len()) {
            return None;
        }
        let code = match rest.first_chunk::<8>() {
            // The word's bytes, and zeros for those after it.
            Some(&eight) => u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * word.len())),
            None => pack(word),
        };
        let (keyword_code, keyword) = KEYWORD_TABLE[keyword_slot(code)];
        (keyword_code == code).then_some(keyword)
    }
}

/// The slot of packed word `code` in [`KEYWORD_TABLE`]: multiplicative
/// hashing, with a multiplier chosen so that no two keywords share a slot
/// (the table's construction checks it).
const fn keyword_slot(code: u64) -> usize {
    (code.wrapping_mul(0xb57c_8e05_e3c9_b0e1) >> 58) as usize
}

/// A word of at most 8 bytes as one integer, zero-padded (neither names
/// nor keywords contain NUL), so that a name is compared with a keyword in
/// one instruction.
const fn pack(word: &[u8]) -> u64 {
    let mut code = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        code |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    code
}

/// [`KEYWORDS`] packed, each in its [`keyword_slot`] (a perfect hash: one
/// probe decides whether a word is a keyword). A free slot holds code 0,
/// which no word of 2 bytes or more packs to.
static KEYWORD_TABLE: [(u64, Keyword); 64] = {
    let mut table = [(0, Keyword::False); 64];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let code = pack(KEYWORDS[i].0.as_bytes());
        let slot = keyword_slot(code);
        assert!(table[slot].0 == 0, "two keywords share a slot");
        table[slot] = (code, KEYWORDS[i].1);
        i += 1;
    }
    table
};

/// The operator or delimiter that `rest` starts with, and its length: the
/// longest that matches, as in Python (`**=` before `**` before `*`).
fn operator(rest: &[u8]) -> Option<(TokenKind, usize)> {
    use TokenKind as T;
    let at = |i: usize| rest.get(i).copied().unwrap_or(0);
    let first = at(0);
    // `op`, or `op_eq` when `=` follows.
    let or_eq = |op, op_eq| if at(1) == b'=' { (op_eq, 2) } else { (op, 1) };
    // A doubled character (`**`, `//`, `<<`, `>>`), or its `=` form.
    let doubled = |op, op_eq| if at(2) == b'=' { (op_eq, 3) } else { (op, 2) };
    let twice = at(1) == first;
    Some(match first {
        b'+' => or_eq(T::Plus, T::PlusEq),
        b'-' if at(1) == b'>' => (T::Arrow, 2),
        b'-' => or_eq(T::Minus, T::MinusEq),
        b'*' if twice => doubled(T::DoubleStar, T::DoubleStarEq),
        b'*' => or_eq(T::Star, T::StarEq),
        b'/' if twice => doubled(T::DoubleSlash, T::DoubleSlashEq),
        b'/' => or_eq(T::Slash, T::SlashEq),
        b'<' if twice => doubled(T::LShift, T::LShiftEq),
        b'<' => or_eq(T::Lt, T::Le),
        b'>' if twice => doubled(T::RShift, T::RShiftEq),
        b'>' => or_eq(T::Gt, T::Ge),
        b'=' => or_eq(T::Assign, T::EqEq),
        b'!' if at(1) == b'=' => (T::NotEq, 2),
        b':' => or_eq(T::Colon, T::Walrus),
        b'%' => or_eq(T::Percent, T::PercentEq),
        b'@' => or_eq(T::At, T::AtEq),
        b'&' => or_eq(T::Amp, T::AmpEq),
        b'|' => or_eq(T::Pipe, T::PipeEq),
        b'^' => or_eq(T::Caret, T::CaretEq),
        b'.' if twice && at(2) == b'.' => (T::Ellipsis, 3),
        b'.' => (T::Dot, 1),
        b'~' => (T::Tilde, 1),
        b'(' => (T::LParen, 1),
        b')' => (T::RParen, 1),
        b'[' => (T::LBracket, 1),
        b']' => (T::RBracket, 1),
        b'{' => (T::LBrace, 1),
        b'}' => (T::RBrace, 1),
        b',' => (T::Comma, 1),
        b';' => (T::Semicolon, 1),
        _ => return None,
    })
}

/// The offset of the first `\n` or `\r` in `bytes`, if any: eight bytes at
/// a time, as comments are most of the bytes of some modules.
fn line_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero where the word has the byte sought; the
    // lowest flagged byte of `(x - ONES) & !x & HIGHS` is the first zero
    // one (a borrow can flag only bytes after it).
    let zeros = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut at = 0;
    while let Some(&eight) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(eight);
        let found =
            zeros(word ^ (ONES * u64::from(b'\n'))) | zeros(word ^ (ONES * u64::from(b'\r')));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map(|i| at + i)
}

/// How many spaces `bytes` starts with: eight bytes at a time, as every
/// line of a block starts with a few.
fn leading_spaces(bytes: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut at = 0;
    while let Some(&eight) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        // Zero in the bytes that are spaces: the lowest other one is the
        // first that is not.
        let others = u64::from_le_bytes(eight) ^ SPACES;
        if others != 0 {
            return at + others.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&b| b != b' ').unwrap_or(rest.len())
}

/// Python's tab stops, for the first of the two indentation measures.
const TAB_SIZE: usize = 8;

/// What a byte can start, for the lexer's dispatch: one table lookup per
/// token instead of a chain of tests.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// Space, tab or form feed: skipped between tokens.
    Blank,
    /// `#`: a comment, to the end of the line.
    Hash,
    /// `\n` or `\r`.
    LineEnd,
    /// `\\`: a line continuation.
    Backslash,
    /// A letter or `_`: a name, a keyword or a string prefix.
    NameStart,
    /// A decimal digit: a number.
    Digit,
    /// `'` or `"`: a string.
    Quote,
    /// A bracket, opening or closing: an operator that also changes the
    /// nesting.
    Bracket,
    /// Anything else: an operator, `.`, a non-ASCII byte or an invalid
    /// character.
    Other,
}

const fn byte_class(b: u8) -> ByteClass {
    match b {
        b' ' | b'\t' | b'\x0c' => ByteClass::Blank,
        b'#' => ByteClass::Hash,
        b'\n' | b'\r' => ByteClass::LineEnd,
        b'\\' => ByteClass::Backslash,
        b'a'..=b'z' | b'A'..=b'Z' | b'_' => ByteClass::NameStart,
        b'0'..=b'9' => ByteClass::Digit,
        b'\'' | b'"' => ByteClass::Quote,
        b'(' | b')' | b'[' | b']' | b'{' | b'}' => ByteClass::Bracket,
        _ => ByteClass::Other,
    }
}

/// [`byte_class`] of every byte.
static BYTE_CLASSES: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = byte_class(i as u8);
        i += 1;
    }
    table
};

/// Whether each byte can continue a name: ASCII letters, digits and `_`.
static NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = (i as u8).is_ascii_alphanumeric() || i == b'_' as usize;
        i += 1;
    }
    table
};

/// Splits `source` into tokens.
///
/// # Errors
/// Whatever Python's tokenizer refuses (bad indentation, unterminated
/// strings, malformed numbers, unmatched brackets, invalid characters), and
/// literals outside the subset: floats, complex numbers, integers beyond
/// `i64::MAX`, bytes, f-strings and t-strings.
pub fn tokenize(source: &str) -> Result<Vec<Token>, CompileError> {
    let mut scratch = Scratch::default();
    scratch.tokenize(source)?;
    Ok(scratch.tokens)
}

/// The lexer's buffers (the tokens, the open blocks and brackets), kept
/// from one source to the next so that after the first they rarely
/// allocate: what a [`crate::Compiler`] holds for this stage.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    tokens: Vec<Token>,
    indents: Vec<Indentation>,
    brackets: Vec<(u8, usize)>,
}

impl Scratch {
    /// [`tokenize`] in these buffers: the tokens stay here until the next
    /// call.
    ///
    /// # Errors
    /// As [`tokenize`].
    pub fn tokenize(&mut self, source: &str) -> Result<&[Token], CompileError> {
        // `contains` searches a word at a time; the position is wanted only
        // for the error.
        if source.as_bytes().contains(&0) {
            let at = source.bytes().position(|b| b == 0).unwrap_or(0);
            return Err(error(at, at + 1, "source contains a NUL byte"));
        }
        if u32::try_from(source.len()).is_err() {
            return Err(error(0, 0, "source is too large (the limit is 4 GiB)"));
        }
        let mut lexer = Lexer::new(source, self);
        // Python ignores a UTF-8 byte order mark at the start of a file.
        if source.starts_with('\u{FEFF}') {
            lexer.pos = '\u{FEFF}'.len_utf8();
        }
        let lexed = lexer.run();
        // The buffers go back whatever the answer.
        self.tokens = lexer.tokens;
        self.indents = lexer.indents;
        self.brackets = lexer.brackets;
        match lexed {
            Ok(()) => Ok(&self.tokens),
            Err(e) => Err(widen_to_chars(e, source)),
        }
    }
}

/// The simple statements of one line of source joined by `;`, as a
/// session (Python's, or a REPL's) runs them one by one: the text between
/// the `;` tokens outside brackets (a `;` in a string or a comment is
/// none). The whole line as one statement when it has no such `;`, when
/// it begins a compound statement (`if c: a; b` is one `if`), or when it
/// does not tokenize (the compiler then says why).
pub fn simple_statements(line: &str) -> Vec<&str> {
    let whole = alloc::vec![line];
    let Ok(tokens) = tokenize(line) else {
        return whole;
    };
    if begins_compound(&tokens) || tokens.iter().any(|t| t.kind == TokenKind::Indent) {
        return whole;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Semicolon) {
        parts.push(&line[start..t.span.start as usize]);
        start = t.span.end as usize;
    }
    if parts.is_empty() {
        return whole;
    }
    // A `;` at the end only ends the last statement.
    let rest = &line[start..];
    let only_comment = rest.trim_start().starts_with('#');
    if !rest.trim().is_empty() && !only_comment {
        parts.push(rest);
    }
    parts
}

/// The top-level statements of `source` (a definition with its body, a
/// constant), each with its offset: each starts at the beginning of the
/// line of its first token and runs to the next one's, so the blank and
/// comment lines after it are its own; what comes before the first is
/// left out. Simple statements on one line (`A = 1; B = 2`) are each their
/// own, the first running to the next one's first token (so it may end
/// in `; ` rather than a newline). Source that does not tokenize (the
/// compiler then says why) is split at the lines that begin in column 0
/// with neither a blank nor a comment, so that its errors still point
/// into one statement.
pub fn top_level_statements(source: &str) -> Vec<(usize, &str)> {
    let mut starts = Vec::new();
    let Ok(tokens) = tokenize(source) else {
        let mut at = 0;
        for line in source.split_inclusive('\n') {
            if line.starts_with(|c: char| !c.is_whitespace() && c != '#') {
                starts.push(at);
            }
            at += line.len();
        }
        return pieces(source, &starts);
    };
    let mut depth = 0usize;
    let mut at_line_start = true;
    // Whether the top-level line at hand is simple statements, and the
    // next token starts one of them (after a `;`).
    let mut simple = false;
    let mut after_semicolon = false;
    let mut brackets = 0usize;
    for t in &tokens {
        match t.kind {
            TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => brackets += 1,
            TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                brackets = brackets.saturating_sub(1);
            }
            _ => {}
        }
        match t.kind {
            TokenKind::Indent => depth += 1,
            TokenKind::Dedent => depth = depth.saturating_sub(1),
            TokenKind::Newline => {
                at_line_start = true;
                after_semicolon = false;
            }
            TokenKind::Eof => {}
            TokenKind::Semicolon => after_semicolon = simple && brackets == 0,
            _ => {
                if at_line_start && depth == 0 {
                    let at = t.span.start as usize;
                    starts.push(source[..at].rfind(['\n', '\r']).map_or(0, |nl| nl + 1));
                    simple = !starts_compound(t.kind);
                } else if after_semicolon && depth == 0 {
                    starts.push(t.span.start as usize);
                }
                at_line_start = false;
                after_semicolon = false;
            }
        }
    }
    pieces(source, &starts)
}

/// A statement that [`top_level_statements`] gave, as text of its own:
/// ending in a newline (one cut at a `;` ends there instead of in `; `).
pub fn on_its_own_line(part: &str) -> String {
    if part.ends_with('\n') {
        return String::from(part);
    }
    let cut = part.trim_end();
    let cut = cut.strip_suffix(';').unwrap_or(cut).trim_end();
    format!("{cut}\n")
}

/// Whether a line whose first token is `first` is a compound statement
/// (whose simple statements after the `:` are its body's).
fn starts_compound(first: TokenKind) -> bool {
    use Keyword as K;
    matches!(
        first,
        TokenKind::Keyword(
            K::Def
                | K::If
                | K::Elif
                | K::Else
                | K::For
                | K::While
                | K::Class
                | K::With
                | K::Try
                | K::Except
                | K::Finally
                | K::Async
        ) | TokenKind::At
    )
}

/// `source` cut at `starts` (from the first), with their offsets.
fn pieces<'s>(source: &'s str, starts: &[usize]) -> Vec<(usize, &'s str)> {
    let ends = starts.iter().skip(1).copied().chain([source.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| (start, &source[start..end]))
        .collect()
}

/// Whether `text` is one logical line (`f(1,` then `  2)` is one): a
/// session may show its value as an expression's. Text that does not
/// tokenize counts by its physical lines.
pub fn is_one_logical_line(text: &str) -> bool {
    tokenize(text).map_or(!text.trim_end().contains('\n'), |tokens| {
        let lines = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Newline)
            .count();
        lines <= 1 && !tokens.iter().any(|t| t.kind == TokenKind::Indent)
    })
}

/// The name `NAME op= EXPR` (one simple statement, with a value)
/// assigns: a session runs it at module level to set its constant again,
/// as Python's session does, and a name nothing defines is Python's
/// NameError there. `None` for anything else.
pub fn augmented_name(statement: &str) -> Option<&str> {
    use TokenKind as T;
    let tokens = tokenize(statement).ok()?;
    let [name, op, ..] = tokens.as_slice() else {
        return None;
    };
    let lines = tokens.iter().filter(|t| t.kind == T::Newline).count();
    let one = lines <= 1 && !tokens.iter().any(|t| t.kind == T::Semicolon);
    if name.kind != T::Name || !is_augmented_op(op.kind) || !one {
        return None;
    }
    // The value ends with its last token (a comment after it is left out).
    let last = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, T::Newline | T::Eof | T::Dedent | T::Indent))?;
    if last.span.start < op.span.end {
        // No value: the statement's own error is the compiler's to show.
        return None;
    }
    statement.get(name.span.start as usize..name.span.end as usize)
}

/// Whether `statement` (one simple statement) is an augmented assignment
/// (`x += 1`, `True += 1`, `a[i] |= m`): it has one of the operators
/// `+=`, `-=`, ... (so does a block with one inside it).
pub fn is_augmented_assignment(statement: &str) -> bool {
    tokenize(statement).is_ok_and(|tokens| tokens.iter().any(|t| is_augmented_op(t.kind)))
}

/// Whether `text` opens a block: its last token is a `:` (a comment after
/// it does not count, nor a `:` inside one).
pub fn opens_block(text: &str) -> bool {
    tokenize(text).is_ok_and(|tokens| {
        let last = tokens.iter().rev().find(|t| {
            !matches!(
                t.kind,
                TokenKind::Newline | TokenKind::Eof | TokenKind::Dedent
            )
        });
        last.is_some_and(|t| t.kind == TokenKind::Colon)
    })
}

/// Whether `text` begins with a keyword that begins a compound statement
/// (`if`, `for`, `while`, `def`, ...): it is no expression, even on one line.
pub fn starts_compound_statement(text: &str) -> bool {
    tokenize(text).is_ok_and(|tokens| begins_compound(&tokens))
}

/// Whether the first token begins a compound statement.
fn begins_compound(tokens: &[Token]) -> bool {
    matches!(
        tokens.first().map(|t| t.kind),
        Some(TokenKind::Keyword(
            Keyword::If
                | Keyword::While
                | Keyword::For
                | Keyword::Def
                | Keyword::Class
                | Keyword::With
                | Keyword::Try
                | Keyword::Async
        ))
    )
}

pub(crate) fn is_augmented_op(kind: TokenKind) -> bool {
    use TokenKind as T;
    matches!(
        kind,
        T::PlusEq
            | T::MinusEq
            | T::StarEq
            | T::SlashEq
            | T::DoubleSlashEq
            | T::PercentEq
            | T::DoubleStarEq
            | T::AtEq
            | T::LShiftEq
            | T::RShiftEq
            | T::AmpEq
            | T::PipeEq
            | T::CaretEq
    )
}

/// Whether `text` stops inside a bracket or a triple-quoted string, or
/// right after a `\\` that continues the line: a session reads more lines
/// before it runs it, as Python's does.
pub fn is_unclosed(text: &str) -> bool {
    tokenize(text).is_err_and(|e| {
        e.message.ends_with("was never closed")
            || e.message == "unterminated triple-quoted string literal"
            || e.message == "unexpected end of file after line continuation character"
    })
}

/// The value of the string literal token at `span` (as
/// [`tokenize`] found it: prefix, quotes and escapes included), decoded.
/// A span without a quote decodes to the empty string.
///
/// # Errors
/// A `\N{...}` escape: the lexer accepts it, as its value is needed only
/// here (for an assert message), not for a docstring. A token that
/// [`tokenize`] accepted has no other error.
pub fn string_value(source: &str, span: Span) -> Result<String, CompileError> {
    let start = span.start as usize;
    let prefix = source.as_bytes().get(start..).unwrap_or_default();
    let Some(prefix_len) = prefix.iter().position(|&b| b == b'\'' || b == b'"') else {
        return Ok(String::new());
    };
    let raw = prefix[..prefix_len]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(&b'r'));
    let mut value = String::new();
    strings::scan(source, start, start + prefix_len, raw, &mut value)
        .map(|_| value)
        .map_err(|e| widen_to_chars(e, source))
}

/// Literal scanning works on bytes; an error that ends inside a multi-byte
/// character is widened to cover the whole character.
fn widen_to_chars(mut e: CompileError, source: &str) -> CompileError {
    let mut start = (e.span.start as usize).min(source.len());
    let mut end = (e.span.end as usize).clamp(start, source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    e.span = Span::new(start, end);
    e
}

fn error(start: usize, end: usize, message: impl Into<String>) -> CompileError {
    CompileError::new(Span::new(start, end), message)
}

/// The two widths of a line's indentation (tabs to the next multiple of 8,
/// and tabs as one column): Python calls the indentation ambiguous when the
/// two measures order lines differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// A lexer of `src` in the buffers of `scratch` (taken until the
    /// caller gives them back).
    fn new(src: &'a str, scratch: &mut Scratch) -> Lexer<'a> {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            // Dense code has a token per 2.0-2.5 bytes (a long sum, calls,
            // buffer accesses): one allocation for nearly every source, where
            // growing would copy the tokens read so far.
            tokens: take_emptied(&mut scratch.tokens, src.len() / 2 + 16),
            indents: {
                // Room for a few levels: growing from one would reallocate.
                let mut indents = take_emptied(&mut scratch.indents, 8);
                indents.push(Indentation { col: 0, alt_col: 0 });
                indents
            },
            brackets: take_emptied(&mut scratch.brackets, 0),
            pending_indent: None,
            line_has_tokens: false,
        }
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos.saturating_add(ahead)).copied()
    }

    fn run(&mut self) -> Result<(), CompileError> {
        self.begin_line()?;
        while let Some(&b) = self.bytes.get(self.pos) {
            match BYTE_CLASSES[usize::from(b)] {
                ByteClass::Blank => self.pos += 1,
                ByteClass::Hash => {
                    let rest = self.bytes.get(self.pos..).unwrap_or_default();
                    self.pos += line_end(rest).unwrap_or(rest.len());
                }
                ByteClass::LineEnd => {
                    let start = self.pos;
                    self.skip_newline();
                    if self.brackets.is_empty() {
                        if self.line_has_tokens {
                            self.push_raw(TokenKind::Newline, start, self.pos);
                            self.line_has_tokens = false;
                        }
                        self.begin_line()?;
                    }
                }
                ByteClass::Backslash => self.line_continuation()?,
                ByteClass::NameStart => self.name_or_prefixed_string()?,
                ByteClass::Digit => self.number()?,
                ByteClass::Quote => self.string(self.pos, self.pos, false)?,
                ByteClass::Bracket | ByteClass::Other => self.token(b)?,
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
        Ok(())
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

    /// Consumes a `\\` and the line end it escapes.
    fn line_continuation(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        self.pos += 1;
        let message = match self.peek_byte(0) {
            Some(b'\n' | b'\r') => {
                self.skip_newline();
                // A continuation must continue onto something: as in
                // CPython, the file may not end right after it.
                if self.pos < self.bytes.len() {
                    return Ok(());
                }
                self.pos = start + 1;
                "unexpected end of file after line continuation character"
            }
            None => "unexpected end of file after line continuation character",
            Some(_) => "unexpected character after line continuation character",
        };
        Err(error(start, self.pos, message))
    }

    fn begin_line(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        // The common case: spaces only, where both measures are the count.
        let rest = self.bytes.get(start..).unwrap_or_default();
        let spaces = leading_spaces(rest);
        if !matches!(rest.get(spaces), Some(b'\t' | b'\x0c' | b'\\')) {
            self.pos += spaces;
            let ind = Indentation {
                col: spaces,
                alt_col: spaces,
            };
            self.pending_indent = Some((ind, start));
            return Ok(());
        }
        let mut ind = Indentation { col: 0, alt_col: 0 };
        // CPython does not split indentation over physical lines: the
        // column of the first `\\` in the leading white space is the line's
        // indentation, and it stands for both measures (so tabs before it
        // count as 8 columns in each, which can make the next line's tabs
        // inconsistent).
        let mut continued_at = 0;
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
                Some(b'\\') => {
                    if continued_at == 0 {
                        continued_at = ind.col;
                    }
                    self.line_continuation()?;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if continued_at != 0 {
            ind = Indentation {
                col: continued_at,
                alt_col: continued_at,
            };
        }
        self.pending_indent = Some((ind, start));
        Ok(())
    }

    /// Applies the pending indentation of this line at its first token.
    fn apply_indent(
        &mut self,
        ind: Indentation,
        line_start: usize,
        at: usize,
    ) -> Result<(), CompileError> {
        // Indentation errors point at the statement whose indentation is
        // wrong, as the start of the line would say nothing.
        let inconsistent = || error(at, at, "inconsistent use of tabs and spaces in indentation");
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
                    at,
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

    #[inline]
    fn push_raw(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }

    /// Pushes a real token, first applying the line's indentation.
    #[inline(always)]
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) -> Result<(), CompileError> {
        if self.pending_indent.is_some() {
            self.indent_line(start)?;
        }
        self.line_has_tokens = true;
        self.push_raw(kind, start, end);
        Ok(())
    }

    /// Applies the pending indentation at the line's first token, at `at`
    /// (once per line, so kept out of [`Lexer::push`]).
    #[inline(never)]
    fn indent_line(&mut self, at: usize) -> Result<(), CompileError> {
        match self.pending_indent.take() {
            Some((ind, line_start)) => self.apply_indent(ind, line_start, at),
            None => Ok(()),
        }
    }

    /// A number (from a digit, or a `.` before one).
    fn number(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        let (value, end) = match plain_decimal(self.bytes, start) {
            Some(found) => found,
            None => scan_number(self.bytes, start)?,
        };
        self.pos = end;
        self.push(TokenKind::Int(value), start, end)
    }

    /// The token at byte `b`, which starts no name, number or string: an
    /// operator, a number from a `.`, or an error.
    fn token(&mut self, b: u8) -> Result<(), CompileError> {
        let start = self.pos;
        if b == b'.' && self.peek_byte(1).is_some_and(|c| c.is_ascii_digit()) {
            return self.number();
        }
        if b >= 0x80 {
            return Err(self.non_ascii_error(start));
        }
        if let Some((kind, len)) = operator(self.bytes.get(start..).unwrap_or_default()) {
            let end = start + len;
            if BYTE_CLASSES[usize::from(b)] == ByteClass::Bracket {
                self.bracket(b, start)?;
            }
            self.pos = end;
            return self.push(kind, start, end);
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
        } else if c.is_control() || c.is_whitespace() || is_invisible_format(c) {
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
        let rest = self.bytes.get(start..).unwrap_or_default();
        let len = rest.iter().position(|&c| !NAME_BYTES[usize::from(c)]);
        let end = start + len.unwrap_or(rest.len());
        // Name bytes are ASCII: the word is also text.
        let word = rest.get(..end - start).unwrap_or_default();
        if matches!(self.bytes.get(end), Some(b'\'' | b'"')) {
            let text = self.src.get(start..end).unwrap_or_default();
            if let Some(prefix) = StringPrefix::parse(text) {
                return match prefix {
                    StringPrefix::Plain { raw } => self.string(start, end, raw),
                    StringPrefix::Refused(message) => {
                        // Span the whole literal when its end can be found.
                        let lit_end = strings::scan(self.src, start, end, true, &mut Discard)
                            .unwrap_or(end + 1);
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
        let kind = match Keyword::lookup(word, rest) {
            Some(k) => TokenKind::Keyword(k),
            None => TokenKind::Name,
        };
        self.push(kind, start, end)
    }

    fn string(&mut self, start: usize, quote_at: usize, raw: bool) -> Result<(), CompileError> {
        // Checked here, decoded only if the parser asks ([`string_value`]).
        let end = strings::scan(self.src, start, quote_at, raw, &mut Discard)?;
        self.pos = end;
        self.push(TokenKind::Str, start, end)
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
/// The common case of [`scan_number`], its value and end: a decimal
/// integer of at most 18 digits without leading zero or `_`, followed by
/// nothing that would continue a number (so it cannot be anything else and
/// cannot overflow). `None` when the literal is not that simple.
fn plain_decimal(bytes: &[u8], start: usize) -> Option<(i64, usize)> {
    let rest = bytes.get(start..)?;
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    let simple = match rest.get(len) {
        None => true,
        Some(&next) => next != b'.' && !NAME_BYTES[usize::from(next)],
    };
    let leading_zero = len > 1 && rest[0] == b'0';
    if len == 0 || len > 18 || leading_zero || !simple {
        return None;
    }
    let value = rest[..len]
        .iter()
        .fold(0, |v: i64, &d| v * 10 + i64::from(d - b'0'));
    Some((value, start + len))
}

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

/// Whether `b` would continue a number into a name. A non-ASCII character
/// after a number is left to be reported on its own, as Python does.
fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[usize::from(b)]
}

/// The usual invisible format characters (soft hyphen, zero-width spaces
/// and joiners, word joiner, byte order mark), which a message should name
/// by code point only.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    /// Tokens as text: names, keywords and operators as written, integers
    /// by value, strings quoted after decoding, NL / IN / DE / EOF.
    fn show(src: &str) -> String {
        let tokens = tokenize(src).unwrap_or_else(|e| panic!("{src:?}: {}", e.message));
        let parts: Vec<String> = tokens
            .iter()
            .map(|t| match &t.kind {
                TokenKind::Int(v) => v.to_string(),
                TokenKind::Str => format!("{:?}", string_value(src, t.span).unwrap()),
                TokenKind::Keyword(k) => k.as_str().to_string(),
                TokenKind::Newline => "NL".to_string(),
                TokenKind::Indent => "IN".to_string(),
                TokenKind::Dedent => "DE".to_string(),
                TokenKind::Eof => "EOF".to_string(),
                _ => src[t.span.start as usize..t.span.end as usize].to_string(),
            })
            .collect();
        parts.join(" ")
    }

    /// The error as `line:col: message`.
    fn err(src: &str) -> String {
        match tokenize(src) {
            Ok(_) => panic!("{src:?} tokenized"),
            Err(e) => {
                let (line, col) = e.line_col(src);
                format!("{line}:{col}: {}", e.message)
            }
        }
    }

    /// The source text an error spans.
    fn err_text(src: &str) -> &str {
        let e = tokenize(src).expect_err("should fail");
        &src[e.span.start as usize..e.span.end as usize]
    }

    #[test]
    fn blocks_and_final_newline() {
        assert_eq!(
            show("def f(x):\n    return x + 1\n"),
            "def f ( x ) : NL IN return x + 1 NL DE EOF"
        );
        assert_eq!(show("x = 1"), "x = 1 NL EOF");
        assert_eq!(
            show("if a:\n  if b:\n    c\nd"),
            "if a : NL IN if b : NL IN c NL DE DE d NL EOF"
        );
        assert_eq!(show("if a:\n  b"), "if a : NL IN b NL DE EOF");
        assert_eq!(show(""), "EOF");
        assert_eq!(show("\u{FEFF}x = 1\n"), "x = 1 NL EOF");
        assert_eq!(
            err("x = 1\u{FEFF}"),
            "1:6: invalid non-printable character U+FEFF"
        );
        assert_eq!(
            err("x = 1\u{200B}"),
            "1:6: invalid non-printable character U+200B"
        );
        assert_eq!(
            err("x = 1é"),
            "1:6: non-ASCII identifiers are not supported"
        );
        assert_eq!(err("x = 0x1€"), "1:8: invalid character '€' (U+20AC)");
        assert_eq!(show("  \n\t\n# only a comment\n"), "EOF");
    }

    #[test]
    fn blank_and_comment_lines_make_no_tokens() {
        let src = "def f():\n\n    # comment\n  # badly indented comment\n\t\n    return 1  # trailing\n\n\n";
        assert_eq!(show(src), "def f ( ) : NL IN return 1 NL DE EOF");
    }

    #[test]
    fn line_joining() {
        assert_eq!(
            show("x = (1 +\n      # comment\n\n  2)\ny"),
            "x = ( 1 + 2 ) NL y NL EOF"
        );
        assert_eq!(show("x = 1 + \\\n        2\n"), "x = 1 + 2 NL EOF");
        assert_eq!(show("f(a,\n[b,\n{c}])\n"), "f ( a , [ b , { c } ] ) NL EOF");
        assert_eq!(
            show("if x:\n    y = 1 + \\\n2\n"),
            "if x : NL IN y = 1 + 2 NL DE EOF"
        );
    }

    #[test]
    fn line_endings() {
        let expected = "if x : NL IN y NL DE z NL EOF";
        assert_eq!(show("if x:\r\n  y\r\nz\r\n"), expected);
        assert_eq!(show("if x:\r  y\rz\r"), expected);
        assert_eq!(show("if x:\n  y\r\nz"), expected);
        assert_eq!(show("x = 1 + \\\r\n2"), "x = 1 + 2 NL EOF");
    }

    #[test]
    fn tabs_and_spaces() {
        assert_eq!(show("if x:\n\ty\n\tz\n"), "if x : NL IN y NL z NL DE EOF");
        assert_eq!(
            show("if x:\n  \ty\n  \tz\n"),
            "if x : NL IN y NL z NL DE EOF"
        );
        // A tab is 8 columns for one measure and 1 for the other.
        let inconsistent = "inconsistent use of tabs and spaces in indentation";
        // Errors point at the statement, past its indentation.
        assert_eq!(
            err("if x:\n\ty\n        z\n"),
            format!("3:9: {inconsistent}")
        );
        assert_eq!(
            err("if x:\n        y\n\tz\n"),
            format!("3:2: {inconsistent}")
        );
        assert_eq!(
            err("if x:\n    \ty\n\t\tz\n"),
            format!("3:3: {inconsistent}")
        );
        assert_eq!(
            err("if x:\n    y\n  z\n"),
            "3:3: unindent does not match any outer indentation level"
        );
        // A form feed restarts the indentation count.
        assert_eq!(show("x\n\x0cy\n"), "x NL y NL EOF");
        assert_eq!(show("x = 1\x0c+ 2\n"), "x = 1 + 2 NL EOF");
    }

    /// As in CPython, indentation is not split over physical lines: a `\`
    /// in the leading white space fixes the line's indentation at its
    /// column, for both measures.
    #[test]
    fn continuation_inside_indentation() {
        // The continued line's own white space does not count...
        assert_eq!(
            show("if x:\n  \\\ny\n  z\n"),
            "if x : NL IN y NL z NL DE EOF"
        );
        // ...unless the `\` is at column 0.
        assert_eq!(
            show("if x:\n\\\n  y\n  z\n"),
            "if x : NL IN y NL z NL DE EOF"
        );
        assert_eq!(show("if x:\n\\\n\\\n  y\n"), "if x : NL IN y NL DE EOF");
        // Tabs before the `\` count 8 columns in both measures, so the
        // next line indented by the same tabs is inconsistent.
        assert_eq!(
            err("if x:\n\t\\\ny\n\tz\n"),
            "4:2: inconsistent use of tabs and spaces in indentation"
        );
        assert_eq!(
            show("if x:\n\t\\\ny\n        z\n"),
            "if x : NL IN y NL z NL DE EOF"
        );
        assert_eq!(
            err("if x:\n  \\ y\n"),
            "2:3: unexpected character after line continuation character"
        );
        assert_eq!(
            err("if x:\n  \\\n"),
            "2:3: unexpected end of file after line continuation character"
        );
    }

    #[test]
    fn unexpected_indent_is_left_to_the_parser() {
        assert_eq!(show("  x\n"), "IN x NL DE EOF");
    }

    #[test]
    fn indent_spans_are_empty_at_the_first_token() {
        let tokens = tokenize("if x:\n    y\nz").unwrap();
        let indent = tokens.iter().find(|t| t.kind == TokenKind::Indent).unwrap();
        assert_eq!(indent.span, Span::new(10, 10));
        let dedent = tokens.iter().find(|t| t.kind == TokenKind::Dedent).unwrap();
        assert_eq!(dedent.span, Span::new(12, 12));
        let eof = tokens.last().unwrap();
        assert_eq!((eof.kind, eof.span), (TokenKind::Eof, Span::new(13, 13)));
    }

    fn nested_blocks(levels: usize) -> String {
        let mut src = String::new();
        for i in 0..levels {
            src.push_str(&" ".repeat(i));
            src.push_str("if x:\n");
        }
        src.push_str(&" ".repeat(levels));
        src.push_str("pass\n");
        src
    }

    #[test]
    fn indentation_depth_is_bounded() {
        assert!(tokenize(&nested_blocks(MAX_BLOCK_DEPTH)).is_ok());
        let src = nested_blocks(MAX_BLOCK_DEPTH + 1);
        assert_eq!(
            err(&src),
            format!(
                "{}:1: blocks are nested too deeply (more than 150 levels)",
                MAX_BLOCK_DEPTH + 2
            )
        );
        assert!(tokenize(&nested_blocks(20_000)).is_err());
    }

    #[test]
    fn line_ends_are_found_eight_bytes_at_a_time() {
        let cases: [&[u8]; 8] = [
            b"",
            b"abc",
            b"\n",
            b"# comment\nx",
            b"# a comment longer than eight bytes\r\nx",
            b"12345678\n",
            "# caf\u{e9} \u{2192} \u{1F600} and more text\n".as_bytes(),
            b"\x8a\x8d\x0a\x0d\xff\xfe\x0b\x0c\x0e\x09 \r",
        ];
        for bytes in cases {
            for start in 0..bytes.len().max(1) {
                let rest = bytes.get(start..).unwrap_or_default();
                let expected = rest.iter().position(|&c| c == b'\n' || c == b'\r');
                assert_eq!(line_end(rest), expected, "{rest:?}");
            }
        }
    }

    #[test]
    fn leading_spaces_are_counted_eight_bytes_at_a_time() {
        for line in [
            "",
            " ",
            "x",
            "    x = 1",
            "        ",
            "         \tx",
            "                 \n",
            "   \u{e9}",
        ] {
            for start in 0..line.len().max(1) {
                let rest = line.as_bytes().get(start..).unwrap_or_default();
                let expected = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
                assert_eq!(leading_spaces(rest), expected, "{rest:?}");
            }
        }
    }

    #[test]
    fn integers() {
        assert_eq!(
            show("0 00 0_0 7 123 1_000 0x_ff 0XFF 0o17 0O7 0o_7 0b1010 0B1 0b_1_0"),
            "0 0 0 7 123 1000 255 255 15 7 7 10 1 2 NL EOF"
        );
        assert_eq!(show("9223372036854775807"), "9223372036854775807 NL EOF");
        assert_eq!(show("0x7fff_ffff_ffff_ffff"), "9223372036854775807 NL EOF");
        assert_eq!(
            show("0b0000000000000000000000000000000000000000000000000000000000000000000001"),
            "1 NL EOF"
        );
        assert_eq!(show("1 .bit_length"), "1 . bit_length NL EOF");
        assert_eq!(show("x[1:2]"), "x [ 1 : 2 ] NL EOF");
    }

    #[test]
    fn integer_errors() {
        let zeros = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
        assert_eq!(err("x = 012"), format!("1:5: {zeros}"));
        assert_eq!(err("x = 0_1"), format!("1:5: {zeros}"));
        assert_eq!(err("1__0"), "1:1: invalid decimal literal");
        assert_eq!(err_text("1__0 + 1"), "1__0");
        assert_eq!(err("1_"), "1:1: invalid decimal literal");
        assert_eq!(err("1abc"), "1:1: invalid decimal literal");
        assert_eq!(err("1if x else 2"), "1:1: invalid decimal literal");
        assert_eq!(err("0x"), "1:1: invalid hexadecimal literal");
        assert_eq!(err("0x_"), "1:1: invalid hexadecimal literal");
        assert_eq!(err("0x__1"), "1:1: invalid hexadecimal literal");
        assert_eq!(err("0x1_"), "1:1: invalid hexadecimal literal");
        assert_eq!(err_text("0xfg"), "0xfg");
        assert_eq!(err("0o8"), "1:3: invalid digit '8' in octal literal");
        assert_eq!(err("0o17_9"), "1:6: invalid digit '9' in octal literal");
        assert_eq!(err("0b102"), "1:5: invalid digit '2' in binary literal");
        assert_eq!(err("0b"), "1:1: invalid binary literal");
        let too_large = "integer literal is too large (the limit is 9223372036854775807)";
        assert_eq!(err("x = 9223372036854775808"), format!("1:5: {too_large}"));
        assert_eq!(
            err_text("x = 9223372036854775808 + 1"),
            "9223372036854775808"
        );
        assert_eq!(err("-9223372036854775808"), format!("1:2: {too_large}"));
        assert_eq!(err("0x8000000000000000"), format!("1:1: {too_large}"));
        assert_eq!(
            err("99999999999999999999999999999"),
            format!("1:1: {too_large}")
        );
    }

    #[test]
    fn floats_and_complex_numbers_are_refused_whole() {
        let floats = "floats are not supported (only 64-bit integers)";
        for lit in [
            "1.5",
            "1.",
            ".5",
            "1e3",
            "1E-3",
            "1e+3",
            "1_0.5",
            "0.0",
            "00.5",
            "012.5",
            "012e1",
            "1.5e10",
            "1_000.000_1",
            "99999999999999999999.0",
        ] {
            let src = format!("x = {lit} + 1");
            assert_eq!(err(&src), format!("1:5: {floats}"), "{lit}");
            assert_eq!(err_text(&src), lit);
        }
        for lit in ["1j", "1.5j", "1J", ".5j", "012j", "1e3j"] {
            let src = format!("x = {lit}");
            assert_eq!(err(&src), "1:5: complex numbers are not supported", "{lit}");
            assert_eq!(err_text(&src), lit);
        }
        assert_eq!(err("1e"), "1:1: invalid decimal literal");
        assert_eq!(err("1e+"), "1:1: invalid decimal literal");
        assert_eq!(err("1._5"), "1:1: invalid decimal literal");
        assert_eq!(err("1.5_"), "1:1: invalid decimal literal");
    }

    #[test]
    fn strings() {
        assert_eq!(
            show("'a' \"b\" '''c\nd''' \"\"\"e'\"f\"\"\" ''"),
            r#""a" "b" "c\nd" "e'\"f" "" NL EOF"#
        );
        assert_eq!(show("'''a''b'''"), r#""a''b" NL EOF"#);
        assert_eq!(
            show(r#"r'\n' R"\d" u'x' U"y" rb"#),
            r#""\\n" "\\d" "x" "y" rb NL EOF"#
        );
        assert_eq!(show(r"r'\'' r'\\'"), r#""\\'" "\\\\" NL EOF"#);
        assert_eq!(
            show(r#"'\\ \' \" \n \t \r \0 \101 \x41 \u00e9 \U0001F600 \a\b\f\v \q \8'"#),
            r#""\\ ' \" \n \t \r \0 A A é 😀 \u{7}\u{8}\u{c}\u{b} \\q \\8" NL EOF"#
        );
        // A backslash-newline inside a literal joins the lines; a raw string
        // keeps both.
        assert_eq!(show("'a\\\nb'"), r#""ab" NL EOF"#);
        assert_eq!(show("r'a\\\nb'"), r#""a\\\nb" NL EOF"#);
        // Universal newlines inside triple-quoted strings.
        assert_eq!(show("'''a\r\nb\rc'''"), r#""a\nb\nc" NL EOF"#);
        // Control characters are fine inside strings and comments.
        assert_eq!(show("'\x01' # \x02"), r#""\u{1}" NL EOF"#);
        assert_eq!(show("x = 'é' # ü"), r#"x = "é" NL EOF"#);
        // Not prefixes: a name followed by a string.
        assert_eq!(show("ur'x'"), r#"ur "x" NL EOF"#);
    }

    #[test]
    fn string_errors() {
        assert_eq!(err("x = 'abc"), "1:5: unterminated string literal");
        assert_eq!(err("x = r'abc\\'"), "1:5: unterminated string literal");
        assert_eq!(err("x = 'abc\ny'"), "1:5: unterminated string literal");
        assert_eq!(
            err("x = '''abc\n\n"),
            "1:5: unterminated triple-quoted string literal"
        );
        assert_eq!(err("'\\"), "1:1: unterminated string literal");
        assert_eq!(err("x = f'{x}'"), "1:5: f-strings are not supported");
        assert_eq!(err_text("x = f'{x}' + 1"), "f'{x}'");
        assert_eq!(err("x = F'x"), "1:5: f-strings are not supported");
        assert_eq!(err("rf'x'"), "1:1: f-strings are not supported");
        assert_eq!(err("b'x'"), "1:1: bytes literals are not supported");
        assert_eq!(err("Rb'x'"), "1:1: bytes literals are not supported");
        assert_eq!(err("t'x'"), "1:1: template strings are not supported");
        assert_eq!(err("'ab\\x4'"), "1:4: truncated \\xXX escape");
        assert_eq!(err("'\\u12'"), "1:2: truncated \\uXXXX escape");
        // A lone surrogate is Python's too; only an assert message, whose
        // value is a Rust string, refuses it.
        assert!(tokenize("'\\ud800' '\\U0000dfff'").is_ok());
        assert_eq!(
            string_value("'\\ud800'", Span::new(0, 8)).map_err(|e| e.message),
            Err("lone surrogates are not supported in assert messages".into())
        );
        assert_eq!(err("'\\U00110000'"), "1:2: illegal Unicode character");
        // `\N{...}` is checked for its form only: its value is needed in
        // an assert message alone, where the parser refuses it.
        assert!(tokenize("'\\N{EN DASH}' '\\N{latin small letter a}'").is_ok());
        assert_eq!(
            string_value("'\\N{EN DASH}'", Span::new(0, 13)).map_err(|e| e.message),
            Err("\\N{...} escapes are not supported in assert messages".into())
        );
        for bad in ["'\\N'", "'\\N{}'", "'\\Nx'", "'\\N{DASH'", "'\\N{DASH\\}'"] {
            assert_eq!(err(bad), "1:2: malformed \\N character escape", "{bad}");
        }
    }

    #[test]
    fn operators() {
        let all =
            "+ - * ** / // % @ << >> & | ^ ~ < > <= >= == != ( ) [ ] { } , : ; . ... = -> := \
                   += -= *= /= //= %= **= @= <<= >>= &= |= ^=";
        assert_eq!(show(all), format!("{all} NL EOF"));
        assert_eq!(tokenize(all).unwrap().len(), all.split(' ').count() + 2);
        // Longest match first.
        assert_eq!(show("a**=b//c<<=d>>e"), "a **= b // c <<= d >> e NL EOF");
        assert_eq!(show("a<>b"), "a < > b NL EOF");
        assert_eq!(show("x=-1"), "x = - 1 NL EOF");
        assert_eq!(show("a...b..c"), "a ... b . . c NL EOF");
    }

    #[test]
    fn an_augmented_assignment_is_told_with_its_name() {
        for (line, want) in [
            ("N += 1", Some("N")),
            ("total //= f(2, 3)  # halve\n", Some("total")),
            ("x **= 2", Some("x")),
            ("N = 1", None),
            ("N += 1; M += 2", None),
            ("a[0] += 1", None),
            ("True += 1", None),
            ("N +=", None),
        ] {
            assert_eq!(augmented_name(line), want, "{line:?}");
        }
        assert!(is_augmented_assignment("True += 1") && is_augmented_assignment("a[0] |= 1"));
        assert!(is_one_logical_line("f(1,\n  2)\n") && is_one_logical_line("x"));
        assert_eq!(augmented_name("N += 1\nM = 2\n"), None);
        assert!(opens_block("def f(x):  # doc") && opens_block("for i in r:\n"));
        assert!(!opens_block("x = 1  # note:") && !opens_block("d = {1:"));
        assert!(starts_compound_statement("if 1: f(1 +)") && !starts_compound_statement("f(1)"));
        assert!(!is_one_logical_line("for i in r:\n    f(i)\n") && !is_one_logical_line("a\nb\n"));
        assert!(!is_augmented_assignment("a == 1") && !is_augmented_assignment("x = 1"));
    }

    #[test]
    fn top_level_statements_end_where_the_next_begins() {
        let src = "# lead\ndef f(x):\n    # inner\n    return g(x,\n1)\n\nN = (1 +\n2)\ndef g(a, b):\n    return a\n";
        let parts: Vec<&str> = top_level_statements(src).into_iter().map(|p| p.1).collect();
        assert_eq!(
            parts,
            [
                "def f(x):\n    # inner\n    return g(x,\n1)\n\n",
                "N = (1 +\n2)\n",
                "def g(a, b):\n    return a\n"
            ]
        );
        let broken = "def f(x):\n    return 'open\n\ndef g():\n    return 1\n";
        let parts: Vec<usize> = top_level_statements(broken)
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(parts, [0, 28]);
        assert!(top_level_statements("# only\n\n").is_empty());
        // Simple statements on one line are each their own; a compound
        // statement's are its body.
        let line = "A = 1; B = (2;\n) ;C = 3  # c\ndef h(): x = 1; return x\n";
        let parts: Vec<(usize, &str)> = top_level_statements(line);
        assert_eq!(
            parts,
            [
                (0, "A = 1; "),
                (7, "B = (2;\n) ;"),
                (18, "C = 3  # c\n"),
                (29, "def h(): x = 1; return x\n")
            ]
        );
        let own: Vec<String> = parts.iter().map(|p| on_its_own_line(p.1)).collect();
        assert_eq!(own[0], "A = 1\n");
        assert_eq!(own[1], "B = (2;\n)\n");
        assert_eq!(own[2], parts[2].1);
        for (text, open) in [
            ("f(1,", true),
            ("def f(a,\n      b", true),
            ("x = \"\"\"doc", true),
            ("x = 1 + \\", true),
            ("x = 1 + \\\n", true),
            ("f(1)", false),
            ("f(1))", false),
            ("x = 'open", false),
        ] {
            assert_eq!(is_unclosed(text), open, "{text:?}");
        }
    }

    #[test]
    fn simple_statements_split_at_semicolons_outside_strings_and_brackets() {
        assert_eq!(simple_statements("f(1); g(2)"), ["f(1)", " g(2)"]);
        assert_eq!(simple_statements("a; b;"), ["a", " b"]);
        assert_eq!(simple_statements("a; b  # c; d"), ["a", " b  # c; d"]);
        assert_eq!(simple_statements("a  # b; c"), ["a  # b; c"]);
        assert_eq!(simple_statements("assert x, 'a;b'"), ["assert x, 'a;b'"]);
        assert_eq!(simple_statements("if c: a; b"), ["if c: a; b"]);
        assert_eq!(simple_statements("f(1;"), ["f(1;"]);
    }

    #[test]
    fn keywords_and_soft_keywords() {
        let src = "True False None match case type _ print";
        let tokens = tokenize(src).unwrap();
        let kinds: Vec<TokenKind> = tokens.into_iter().map(|t| t.kind).collect();
        let name = |_: &str| TokenKind::Name;
        assert_eq!(show(src), "True False None match case type _ print NL EOF");
        assert_eq!(
            kinds,
            vec![
                TokenKind::Keyword(Keyword::True),
                TokenKind::Keyword(Keyword::False),
                TokenKind::Keyword(Keyword::None),
                name("match"),
                name("case"),
                name("type"),
                name("_"),
                name("print"),
                TokenKind::Newline,
                TokenKind::Eof,
            ]
        );
        for (word, keyword) in KEYWORDS {
            let w = word.as_bytes();
            assert_eq!(Keyword::lookup(w, w), Some(*keyword));
            let line = format!("{word} = x_long_name");
            assert_eq!(Keyword::lookup(w, line.as_bytes()), Some(*keyword));
            let longer = format!("{word}_");
            assert_eq!(Keyword::lookup(longer.as_bytes(), longer.as_bytes()), None);
            let prefixed = format!("x{word}");
            assert_eq!(
                Keyword::lookup(prefixed.as_bytes(), prefixed.as_bytes()),
                None
            );
            assert_eq!(keyword.as_str(), *word);
        }
        for word in ["xx", "matchy", "classic", "Falsehoo", "nonlocals"] {
            assert_eq!(Keyword::lookup(word.as_bytes(), word.as_bytes()), None);
        }
    }

    #[test]
    fn invalid_characters() {
        assert_eq!(err("x = $"), "1:5: invalid character '$'");
        assert_eq!(err("x ? y"), "1:3: invalid character '?'");
        assert_eq!(err("`x`"), "1:1: invalid character '`'");
        assert_eq!(
            err("if !x: pass"),
            "1:4: invalid syntax: `!` alone is not an operator (use `not` or `!=`)"
        );
        assert_eq!(err("x = 1\x01"), "1:6: invalid control character U+0001");
        assert_eq!(err("x\x0b"), "1:2: invalid control character U+000B");
        assert_eq!(err("x = 'a\0'"), "1:7: source contains a NUL byte");
        assert_eq!(err("# \0"), "1:3: source contains a NUL byte");
        assert_eq!(err("x = €"), "1:5: invalid character '€' (U+20AC)");
        assert_eq!(
            err("x = \u{a0}1"),
            "1:5: invalid non-printable character U+00A0"
        );
        assert_eq!(err("é = 1"), "1:1: non-ASCII identifiers are not supported");
        assert_eq!(err_text("abé = 1"), "abé");
        assert_eq!(
            err("x = \\ 1"),
            "1:5: unexpected character after line continuation character"
        );
        assert_eq!(
            err("x = 1 \\\n"),
            "1:7: unexpected end of file after line continuation character"
        );
        assert_eq!(
            err("x = \\"),
            "1:5: unexpected end of file after line continuation character"
        );
    }

    #[test]
    fn brackets() {
        assert_eq!(
            err("(]"),
            "1:2: closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(err("x)"), "1:2: unmatched ')'");
        assert_eq!(err("f(1,\n  [2,\n"), "2:3: '[' was never closed");
    }
}
