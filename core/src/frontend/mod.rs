//! The front end: source text to checked AST to SSA IR.
//!
//! | stage | needs | gives |
//! |---|---|---|
//! | [`lexer`] | UTF-8 source | tokens with spans, INDENT/DEDENT/NEWLINE |
//! | [`parser`] | tokens | [`ast::Module`], constructs outside the subset refused by name |
//! | [`check`] | AST, host declarations | names resolved, constants evaluated, arity, buffers and `None` checked, signatures |
//! | [`lower`] | checked AST, host declarations, [`lower::LowerOptions`] | an [`crate::ir::Module`] in SSA form; value functions that can reach their end refused |
//!
//! Names are interned by the parser ([`names`]): later stages see symbols.
//! The builtin functions are an enum ([`builtin::Builtin`]) that the checker
//! binds and the lowering matches on.

pub mod ast;
pub mod builtin;
pub mod check;
pub mod lexer;
pub mod lower;
pub mod names;
pub mod parser;
pub mod session;
mod strings;

/// Deepest nesting of expressions (in AST levels) the front end accepts.
/// Every stage after the parser recurses over expressions, so this bounds
/// their stack use (about 256 KiB at the limit, release build). The
/// language asks for at least 100 levels of nesting, and one level of
/// the source can be several of the tree (`-(x * 2)` is two, `abs(-x * 2)`
/// three): five each are allowed.
pub const MAX_EXPR_DEPTH: usize = 500;

/// Deepest nesting of blocks (indentation levels) the front end accepts.
pub const MAX_BLOCK_DEPTH: usize = 150;
