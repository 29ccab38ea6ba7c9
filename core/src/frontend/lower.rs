//! Lowering to IR (stub).
use super::ast;
use super::check::Checked;
use crate::ir;
use crate::Options;

/// Lowers a checked module.
pub fn lower(module: &ast::Module, checked: &Checked, options: &Options) -> ir::Module {
    let _ = (module, checked, options);
    ir::Module::default()
}
