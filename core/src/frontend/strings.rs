//! String literals: finding where one ends and decoding its escapes.
//!
//! Needs: the source and the offset of the opening quote (after any prefix
//! the lexer has already read). Gives: the decoded value, as Python would
//! build it, and the offset just past the closing quote.

use crate::error::{CompileError, Span};
use alloc::format;
use alloc::string::String;

/// Scans the string literal whose prefix starts at `start` and whose
/// opening quote is at `quote_at`. Raw strings keep their backslashes.
///
/// # Errors
/// An unterminated literal (reported at the prefix and opening quote), and
/// escapes that Python refuses or that the subset cannot represent.
pub(super) fn scan(
    src: &str,
    start: usize,
    quote_at: usize,
    raw: bool,
) -> Result<(String, usize), CompileError> {
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
    let body = src.get(body_start..).ok_or_else(unterminated)?;
    let mut value = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let here = body_start + i;
        match c {
            _ if c == char::from(quote) => {
                if !triple {
                    return Ok((value, here + 1));
                }
                if bytes.get(here + 1) == Some(&quote) && bytes.get(here + 2) == Some(&quote) {
                    return Ok((value, here + 3));
                }
                value.push(c);
            }
            '\n' | '\r' if !triple => return Err(unterminated()),
            // Python reads source with universal newlines.
            '\r' => {
                chars.next_if(|&(_, n)| n == '\n');
                value.push('\n');
            }
            '\\' => {
                let Some((_, next)) = chars.next() else {
                    return Err(unterminated());
                };
                if raw {
                    // The backslash stays, but still keeps the next
                    // character (a quote included) from ending the literal.
                    value.push('\\');
                    if next == '\r' {
                        chars.next_if(|&(_, n)| n == '\n');
                        value.push('\n');
                    } else {
                        value.push(next);
                    }
                } else {
                    escape(next, here, body_start, &mut chars, &mut value)?;
                }
            }
            _ => value.push(c),
        }
    }
    Err(unterminated())
}

type Chars<'a> = core::iter::Peekable<core::str::CharIndices<'a>>;

/// Decodes the escape whose backslash is at `at` and whose letter is
/// `letter`, reading any further digits from `chars` (whose offsets are
/// relative to `base`).
fn escape(
    letter: char,
    at: usize,
    base: usize,
    chars: &mut Chars<'_>,
    value: &mut String,
) -> Result<(), CompileError> {
    let simple = match letter {
        '\n' => Some(None),
        '\r' => {
            chars.next_if(|&(_, n)| n == '\n');
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
        value.extend(decoded);
        return Ok(());
    }
    match letter {
        '0'..='7' => {
            let mut code = letter.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match chars.next_if(|&(_, c)| c.is_digit(8)) {
                    Some((_, c)) => code = code * 8 + c.to_digit(8).unwrap_or(0),
                    None => break,
                }
            }
            // At most 0o777, always a valid scalar value.
            value.extend(char::from_u32(code));
            Ok(())
        }
        'x' => hex_escape(2, at, base, chars, value),
        'u' => hex_escape(4, at, base, chars, value),
        'U' => hex_escape(8, at, base, chars, value),
        'N' => {
            let end = chars.peek().map_or(at + 2, |&(i, _)| base + i);
            Err(CompileError::new(
                Span::new(at, end),
                "\\N{...} escapes are not supported",
            ))
        }
        // Python keeps an unknown escape as written (with a warning).
        _ => {
            value.push('\\');
            value.push(letter);
            Ok(())
        }
    }
}

fn hex_escape(
    width: usize,
    at: usize,
    base: usize,
    chars: &mut Chars<'_>,
    value: &mut String,
) -> Result<(), CompileError> {
    let mut code: u32 = 0;
    let mut end = at + 2;
    for _ in 0..width {
        match chars.next_if(|&(_, c)| c.is_ascii_hexdigit()) {
            Some((i, c)) => {
                code = (code << 4) | c.to_digit(16).unwrap_or(0);
                end = base + i + 1;
            }
            None => {
                let name = match width {
                    2 => "\\xXX",
                    4 => "\\uXXXX",
                    _ => "\\UXXXXXXXX",
                };
                return Err(CompileError::new(
                    Span::new(at, end),
                    format!("truncated {name} escape"),
                ));
            }
        }
    }
    match char::from_u32(code) {
        Some(c) => {
            value.push(c);
            Ok(())
        }
        None if (0xD800..0xE000).contains(&code) => Err(CompileError::new(
            Span::new(at, end),
            "lone surrogates are not supported in string literals",
        )),
        None => Err(CompileError::new(
            Span::new(at, end),
            "illegal Unicode character",
        )),
    }
}
