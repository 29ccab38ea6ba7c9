//! Semantic checks (stub).
use super::ast;
use crate::error::CompileError;

/// Results of checking.
#[derive(Debug)]
pub struct Checked;

/// Checks a module.
///
/// # Errors
/// The first problem found.
pub fn check(module: &ast::Module) -> Result<Checked, CompileError> {
    let _ = module;
    Ok(Checked)
}
