//! Compile errors and source spans.

use alloc::string::String;
use core::fmt;

/// A half-open range of byte offsets into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span that covers both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// An error found while compiling: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The place in the source the error is about.
    pub span: Span,
    /// What is wrong, e.g. "floats are not supported (only 64-bit integers)".
    pub message: String,
}

impl CompileError {
    /// An error at `span` with `message`.
    pub fn new(span: Span, message: impl Into<String>) -> CompileError {
        CompileError {
            span,
            message: message.into(),
        }
    }

    /// The error for the name `name` at `span` that nothing defines.
    pub fn not_defined(span: Span, name: &str) -> CompileError {
        CompileError::new(span, alloc::format!("name `{name}` is not defined"))
    }

    /// Whether this error says that the name at its span is not defined
    /// (made by [`CompileError::not_defined`]): a session may hold back a
    /// definition for it, or say Python's NameError.
    pub fn is_not_defined(&self) -> bool {
        self.message.starts_with("name `") && self.message.ends_with("` is not defined")
    }

    /// 1-based line and column (in characters) of the error's start.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        line_col(source, self.span.start as usize)
    }

    /// Renders the diagnostic as `file:line:col: error: message`, then the
    /// source line and a caret line under the span.
    pub fn render(&self, file: &str, source: &str) -> String {
        use core::fmt::Write;
        let start = clamp_to_char(source, self.span.start as usize);
        let (line, col) = line_col(source, start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[line_start..]
            .find('\n')
            .map_or(source.len(), |i| line_start + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        let end = clamp_to_char(source, (self.span.end as usize).clamp(start, line_end));
        let mut out = String::new();
        let _ = writeln!(out, "{file}:{line}:{col}: error: {}", self.message);
        let _ = writeln!(out, "{}", printable(text));
        let mut caret = String::new();
        for c in source[line_start..start].chars() {
            caret.push(if c == '\t' { '\t' } else { ' ' });
        }
        let width = source[start..end.max(start)].chars().count().max(1);
        for _ in 0..width {
            caret.push('^');
        }
        let _ = writeln!(out, "{caret}");
        out
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// 1-based line and column (in characters) of byte offset `offset`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = clamp_to_char(source, offset);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn clamp_to_char(source: &str, mut offset: usize) -> usize {
    offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Source text as a diagnostic shows it: control characters (other than
/// tab) and the marks and overrides that reorder bidirectional text
/// (U+202E and the like, which a string or comment may hold) replaced by
/// U+FFFD, one for one, so that a diagnostic never writes raw control
/// bytes to a terminal nor shows the line in another order than the
/// compiler read it (and the caret stays under the same character).
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            let reorders = matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            );
            if (c.is_control() && c != '\t') || reorders {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

impl core::error::Error for CompileError {}
