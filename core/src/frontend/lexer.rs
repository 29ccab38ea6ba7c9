//! Source text to tokens (stub: to be written).

use crate::error::{CompileError, Span};
use alloc::vec::Vec;

/// A token and its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Token kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// End of input.
    Eof,
}

/// Splits `source` into tokens.
///
/// # Errors
/// Malformed input.
pub fn tokenize(source: &str) -> Result<Vec<Token>, CompileError> {
    let _ = source;
    Err(CompileError::new(Span::default(), "lexer not written yet"))
}
