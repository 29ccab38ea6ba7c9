//! The optimizer: passes over the IR, each in its own module with one
//! entry point `run(&mut Function) -> bool` (or `&mut Module` for passes
//! across functions) saying whether it changed anything, and a doc comment
//! saying what it needs and what it keeps.
//!
//! No pass may change a result or an exception: the interpreter on the
//! unoptimized IR stays the oracle, and the tests hold every pass to it.

pub mod carried;
pub mod dce;
pub mod dead_params;
pub mod facts;
pub mod fold;
pub mod gvn;
pub mod if_convert;
pub mod inline;
pub mod licm;
pub mod ranges;
pub mod simplify_cfg;
pub mod strength;

use crate::ir::dom::Cfg;
use crate::ir::{Function, Module};
use alloc::vec::Vec;

/// The passes, in order, by name (for dumps and tests).
pub const PASSES: [&str; 13] = [
    "inline",
    "fold",
    "simplify_cfg",
    "gvn",
    "licm",
    "ranges",
    "strength",
    "if_convert",
    "carried",
    "dce",
    "dead_params",
    "simplify_cfg",
    "dce",
];

/// A pass over one function, given the control-flow analyses of it that
/// earlier passes left (it forgets them if it changes the control flow).
type FunctionPass = fn(&mut Function, &mut Cfg) -> bool;

/// The pass called `name` if it works on one function at a time (every
/// pass but `inline`).
fn function_pass(name: &str) -> Option<FunctionPass> {
    Some(match name {
        "carried" => carried::run_in,
        "gvn" => gvn::run_in,
        "if_convert" => if_convert::run_in,
        "licm" => licm::run_in,
        "dead_params" => dead_params::run_in,
        "strength" => strength::run_in,
        "ranges" => ranges::run_in,
        "fold" => fold::run_in,
        "dce" => dce::run_in,
        "simplify_cfg" => simplify_cfg::run_in,
        _ => return None,
    })
}

/// Runs the pass called `name` on every function; whether it changed
/// anything, or `None` for an unknown name.
pub fn run_pass(module: &mut Module, name: &str) -> Option<bool> {
    if name == "inline" {
        return Some(inline::run(module));
    }
    let pass = function_pass(name)?;
    let mut cfg = Cfg::default();
    Some(module.functions.iter_mut().fold(false, |changed, f| {
        cfg.forget();
        pass(f, &mut cfg) | changed
    }))
}

/// Optimizes `module` in place: the pipeline, one line per pass.
///
/// Between passes across functions (`inline`), each function goes through
/// the run of function passes on its own, one after the other, so that
/// the control-flow analyses one pass computes serve the next ones while
/// the control flow stays (and their tables serve the next function); no
/// function pass reads another function, so this is the same as running
/// each pass over every function in turn.
pub fn optimize(module: &mut Module) {
    optimize_with(module, |_, pass| pass());
}

/// [`optimize`], calling `around(i, pass)` for each run of `PASSES[i]`
/// (over the module for `inline`, over one function for the others),
/// which must call `pass` once and give back its answer (whether it
/// changed anything): to time the passes as [`optimize`] runs them.
pub fn optimize_with(
    module: &mut Module,
    mut around: impl FnMut(usize, &mut dyn FnMut() -> bool) -> bool,
) {
    let mut first = 0;
    while first < PASSES.len() {
        let run = PASSES[first..]
            .iter()
            .take_while(|&&name| function_pass(name).is_some())
            .count();
        if run == 0 {
            around(first, &mut || {
                run_pass(module, PASSES[first]).unwrap_or(false)
            });
            first += 1;
            continue;
        }
        let passes: Vec<FunctionPass> = PASSES[first..first + run]
            .iter()
            .filter_map(|&n| function_pass(n))
            .collect();
        let mut cfg = Cfg::default();
        for func in &mut module.functions {
            cfg.forget();
            for (k, pass) in passes.iter().enumerate() {
                around(first + k, &mut || pass(func, &mut cfg));
            }
        }
        first += run;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pipeline run function by function, with the control-flow
    /// analyses kept between passes, gives exactly what running each pass
    /// over the whole module in turn (with fresh analyses) gives.
    #[test]
    fn optimize_is_the_passes_in_turn() {
        let sources = [
            include_str!("../../../bench/checksum.py"),
            include_str!("../../../bench/collatz.py"),
            include_str!("../../../bench/fib.py"),
            include_str!("../../../bench/gcd.py"),
            include_str!("../../../bench/heapsort.py"),
            include_str!("../../../bench/histogram.py"),
            include_str!("../../../bench/mandel.py"),
            include_str!("../../../bench/primes.py"),
            include_str!("../../../bench/sieve.py"),
            include_str!("../../../bench/sum_loop.py"),
            include_str!("../../../bench/tak.py"),
            include_str!("../../../bench/xorshift.py"),
        ];
        for source in sources {
            let module = crate::compile_to_ir(source, &crate::Options::default()).unwrap();
            let mut pipeline = module.clone();
            optimize(&mut pipeline);
            let mut in_turn = module;
            for pass in PASSES {
                run_pass(&mut in_turn, pass);
            }
            assert_eq!(pipeline, in_turn, "{source}");
        }
    }
}
