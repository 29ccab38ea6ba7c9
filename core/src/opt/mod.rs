//! The optimizer: passes over the IR, each in its own module with one
//! entry point `run(&mut Function) -> bool` (or `&mut Module` for passes
//! across functions) saying whether it changed anything, and a doc comment
//! saying what it needs and what it keeps.
//!
//! No pass may change a result or an exception: the interpreter on the
//! unoptimized IR stays the oracle, and the tests hold every pass to it.

pub mod dce;
pub mod dead_params;
pub mod facts;
pub mod fold;
pub mod gvn;
pub mod inline;
pub mod licm;
pub mod loops;
pub mod ranges;
pub mod simplify_cfg;
pub mod strength;

use crate::ir::Module;

/// The passes, in order, by name (for dumps and tests).
pub const PASSES: [&str; 11] = [
    "inline",
    "fold",
    "simplify_cfg",
    "gvn",
    "licm",
    "ranges",
    "strength",
    "dce",
    "dead_params",
    "simplify_cfg",
    "dce",
];

/// Runs the pass called `name` on every function; whether it changed
/// anything, or `None` for an unknown name.
pub fn run_pass(module: &mut Module, name: &str) -> Option<bool> {
    let pass: fn(&mut crate::ir::Function) -> bool = match name {
        "inline" => return Some(inline::run(module)),
        "gvn" => gvn::run,
        "licm" => licm::run,
        "dead_params" => dead_params::run,
        "strength" => strength::run,
        "ranges" => ranges::run,
        "fold" => fold::run,
        "dce" => dce::run,
        "simplify_cfg" => simplify_cfg::run,
        _ => return None,
    };
    Some(
        module
            .functions
            .iter_mut()
            .fold(false, |changed, f| pass(f) | changed),
    )
}

/// Optimizes `module` in place: the pipeline, one line per pass.
pub fn optimize(module: &mut Module) {
    for pass in PASSES {
        run_pass(module, pass);
    }
}
