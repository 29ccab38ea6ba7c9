//! String literals: finding where one ends and decoding its escapes.
//!
//! Needs: the source and the offset of the opening quote (after any prefix
//! the lexer has already read). Gives: the offset just past the closing
//! quote and, into a [`Sink`], the decoded value as Python would build it.
//! The lexer only needs the end (its sink is [`Discard`]); the value is
//! decoded when the parser asks for it.

use crate::error::{CompileError, Span};
use alloc::format;
use alloc::string::String;

/// Where the decoded text of a literal goes.
pub(super) trait Sink {
    /// Appends a character.
    fn push(&mut self, c: char);
    /// Appends text that stands for itself.
    fn push_str(&mut self, s: &str);
    /// Appends what the well-formed escape at `span` stands for, which a
    /// Rust string cannot hold or the subset cannot find: a `\N{NAME}`
    /// (there is no table of character names) or a lone surrogate.
    ///
    /// # Errors
    /// Where the value is needed, `why`.
    fn push_unsupported(&mut self, span: Span, why: &str) -> Result<(), CompileError>;
}

impl Sink for String {
    fn push(&mut self, c: char) {
        String::push(self, c);
    }

    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }

    fn push_unsupported(&mut self, span: Span, why: &str) -> Result<(), CompileError> {
        Err(CompileError::new(span, why))
    }
}

/// A sink that keeps nothing: scanning only checks the literal and finds
/// its end.
pub(super) struct Discard;

impl Sink for Discard {
    fn push(&mut self, _: char) {}

    fn push_str(&mut self, _: &str) {}

    /// Fine in a docstring: its value is never used.
    fn push_unsupported(&mut self, _: Span, _: &str) -> Result<(), CompileError> {
        Ok(())
    }
}

/// Scans the string literal whose prefix starts at `start` and whose
/// opening quote is at `quote_at`, decoding it into `value`; returns the
/// offset just past the closing quote. Raw strings keep their backslashes.
///
/// # Errors
/// An unterminated literal (reported at the prefix and opening quote), and
/// escapes that Python refuses or that the subset cannot represent.
pub(super) fn scan(
    src: &str,
    start: usize,
    quote_at: usize,
    raw: bool,
    value: &mut impl Sink,
) -> Result<usize, CompileError> {
    let bytes = src.as_bytes();
    let Some(&quote) = bytes.get(quote_at) else {
        return Err(CompileError::new(
            Span::new(start, quote_at),
            "expected a string literal",
        ));
    };
    let triple = bytes.get(quote_at + 1) == Some(&quote) && bytes.get(quote_at + 2) == Some(&quote);
    let quote_len = if triple { 3 } else { 1 };
    let body_start = quote_at + quote_len;
    let unterminated = || {
        let message = if triple {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        CompileError::new(Span::new(start, body_start), message)
    };
    // Bytes, not characters: the bytes that matter are ASCII, which never
    // occur inside a multi-byte character, and the text between them
    // (`run..pos`) goes to the value in one piece.
    let text = |from: usize, to: usize| src.get(from..to).unwrap_or_default();
    let mut pos = body_start;
    let mut run = body_start;
    loop {
        let Some(&b) = bytes.get(pos) else {
            return Err(unterminated());
        };
        match b {
            _ if b == quote => {
                if !triple {
                    value.push_str(text(run, pos));
                    return Ok(pos + 1);
                }
                if bytes.get(pos + 1) == Some(&quote) && bytes.get(pos + 2) == Some(&quote) {
                    value.push_str(text(run, pos));
                    return Ok(pos + 3);
                }
                pos += 1;
            }
            b'\n' | b'\r' if !triple => return Err(unterminated()),
            // Python reads source with universal newlines.
            b'\r' => {
                value.push_str(text(run, pos));
                value.push('\n');
                pos += 1;
                if bytes.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                run = pos;
            }
            b'\\' => {
                value.push_str(text(run, pos));
                let at = pos;
                let Some(next) = text(at + 1, src.len()).chars().next() else {
                    return Err(unterminated());
                };
                pos = at + 1 + next.len_utf8();
                if raw {
                    // The backslash stays, but still keeps the next
                    // character (a quote included) from ending the literal.
                    value.push('\\');
                    if next == '\r' {
                        if bytes.get(pos) == Some(&b'\n') {
                            pos += 1;
                        }
                        value.push('\n');
                    } else {
                        value.push(next);
                    }
                } else {
                    pos = escape(bytes, next, at, pos, value)?;
                }
                run = pos;
            }
            _ => pos += 1,
        }
    }
}

/// Decodes the escape whose backslash is at `at` and whose letter is
/// `letter`, reading any further digits from `pos` on; returns the offset
/// after the escape.
fn escape(
    bytes: &[u8],
    letter: char,
    at: usize,
    mut pos: usize,
    value: &mut impl Sink,
) -> Result<usize, CompileError> {
    let simple = match letter {
        '\n' => Some(None),
        '\r' => {
            if bytes.get(pos) == Some(&b'\n') {
                pos += 1;
            }
            Some(None)
        }
        '\\' | '\'' | '"' => Some(Some(letter)),
        'a' => Some(Some('\x07')),
        'b' => Some(Some('\x08')),
        'f' => Some(Some('\x0c')),
        'n' => Some(Some('\n')),
        'r' => Some(Some('\r')),
        't' => Some(Some('\t')),
        'v' => Some(Some('\x0b')),
        _ => None,
    };
    if let Some(decoded) = simple {
        if let Some(c) = decoded {
            value.push(c);
        }
        return Ok(pos);
    }
    match letter {
        '0'..='7' => {
            let mut code = letter.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match bytes.get(pos) {
                    Some(&d @ b'0'..=b'7') => {
                        code = code * 8 + u32::from(d - b'0');
                        pos += 1;
                    }
                    _ => break,
                }
            }
            // At most 0o777, always a valid scalar value.
            if let Some(c) = char::from_u32(code) {
                value.push(c);
            }
            Ok(pos)
        }
        'x' => hex_escape(bytes, 2, at, pos, value),
        'u' => hex_escape(bytes, 4, at, pos, value),
        'U' => hex_escape(bytes, 8, at, pos, value),
        'N' => named_escape(bytes, at, pos, value),
        // Python keeps an unknown escape as written (with a warning).
        _ => {
            value.push('\\');
            value.push(letter);
            Ok(pos)
        }
    }
}

/// `\N{NAME}` at `at`, its `{` expected at `pos`: a name of letters,
/// digits, spaces and hyphens, as Unicode's are.
fn named_escape(
    bytes: &[u8],
    at: usize,
    pos: usize,
    value: &mut impl Sink,
) -> Result<usize, CompileError> {
    let name = bytes.get(pos + 1..).unwrap_or_default();
    let len = name
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
        .count();
    if bytes.get(pos) != Some(&b'{') || len == 0 || name.get(len) != Some(&b'}') {
        return Err(CompileError::new(
            Span::new(at, pos),
            "malformed \\N character escape",
        ));
    }
    let end = pos + 1 + len + 1;
    value.push_unsupported(
        Span::new(at, end),
        "\\N{...} escapes are not supported in assert messages",
    )?;
    Ok(end)
}

/// `\x`, `\u` or `\U` at `at`: `width` hex digits from `pos` on.
fn hex_escape(
    bytes: &[u8],
    width: usize,
    at: usize,
    mut pos: usize,
    value: &mut impl Sink,
) -> Result<usize, CompileError> {
    let mut code: u32 = 0;
    for _ in 0..width {
        match bytes.get(pos).and_then(|&d| char::from(d).to_digit(16)) {
            Some(digit) => {
                code = (code << 4) | digit;
                pos += 1;
            }
            None => {
                let name = match width {
                    2 => "\\xXX",
                    4 => "\\uXXXX",
                    _ => "\\UXXXXXXXX",
                };
                return Err(CompileError::new(
                    Span::new(at, pos),
                    format!("truncated {name} escape"),
                ));
            }
        }
    }
    match char::from_u32(code) {
        Some(c) => {
            value.push(c);
            Ok(pos)
        }
        None if (0xD800..0xE000).contains(&code) => {
            value.push_unsupported(
                Span::new(at, pos),
                "lone surrogates are not supported in assert messages",
            )?;
            Ok(pos)
        }
        None => Err(CompileError::new(
            Span::new(at, pos),
            "illegal Unicode character",
        )),
    }
}
