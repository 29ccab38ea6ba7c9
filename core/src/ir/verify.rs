//! The IR verifier (stub: to be written).

use super::Module;

/// Checks the module's invariants.
///
/// # Errors
/// The first broken invariant.
pub fn verify(module: &Module) -> Result<(), alloc::string::String> {
    let _ = module;
    Ok(())
}
