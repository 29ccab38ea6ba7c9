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

/// What the passes over one function leave for the next ones: its
/// control-flow analyses (a pass forgets them if it changes the control
/// flow), the intervals `ranges` found, while they still serve
/// (`keeps_intervals`), and which passes would find nothing to do
/// (`settled`); and, for the next function, the tables of every function
/// pass, to be filled again rather than allocated.
#[derive(Clone, Debug, Default)]
pub struct Analyses {
    cfg: Cfg,
    intervals: ranges::Kept,
    /// The passes that finish their work in one run ([`settles`]) and
    /// have run since the function last changed: a second run would
    /// change nothing, so it is left out.
    settled: Settled,
    /// The passes' own tables (their contents mean nothing between runs).
    fold: fold::Tables,
    gvn: gvn::Tables,
    ranges: ranges::Tables,
    dce: dce::Tables,
    licm: licm::Tables,
    simplify_cfg: simplify_cfg::Tables,
    dead_params: dead_params::Tables,
    carried: carried::Tables,
    strength: strength::Tables,
    if_convert: if_convert::Tables,
}

impl Analyses {
    /// Drops everything (the next function is at hand, or a pass across
    /// functions changed them); the tables stay for the next computation.
    pub fn forget(&mut self) {
        self.cfg.forget();
        self.intervals.forget();
        self.settled = Settled::default();
    }
}

/// A set of the passes that [`settles`] names, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Settled(u8);

impl Settled {
    fn contains(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    fn insert(&mut self, bit: u8) {
        self.0 |= bit;
    }
}

/// The bit of the pass called `name` in [`Settled`] if one run of it
/// leaves nothing for a second run to do (it works to a fixed point):
/// `dce` removes everything unused at once and `simplify_cfg` repeats
/// its rewrites until none applies. A test holds them to it
/// (`settling_passes_find_nothing_the_second_time`).
fn settles(name: &str) -> Option<u8> {
    match name {
        "dce" => Some(1),
        "simplify_cfg" => Some(2),
        _ => None,
    }
}

/// A pass over one function, given the analyses of it that earlier
/// passes left.
type FunctionPass = fn(&mut Function, &mut Analyses) -> bool;

/// The pass called `name` if it works on one function at a time (every
/// pass but `inline`).
fn function_pass(name: &str) -> Option<FunctionPass> {
    Some(match name {
        "carried" => |f, a| carried::run_with(f, &mut a.carried),
        "gvn" => |f, a| gvn::run_with(f, &mut a.cfg, &mut a.gvn),
        "if_convert" => |f, a| if_convert::run_with(f, &mut a.cfg, &a.intervals, &mut a.if_convert),
        "licm" => |f, a| licm::run_with(f, &mut a.cfg, &mut a.licm),
        "dead_params" => |f, a| dead_params::run_with(f, &mut a.dead_params),
        "strength" => |f, a| strength::run_with(f, &mut a.cfg, &a.intervals, &mut a.strength),
        "ranges" => |f, a| ranges::run_keeping(f, &mut a.cfg, &mut a.intervals, &mut a.ranges),
        "fold" => |f, a| fold::run_in(f, &mut a.cfg, &mut a.fold),
        "dce" => |f, a| dce::run_with(f, &mut a.cfg, &mut a.dce),
        "simplify_cfg" => |f, a| simplify_cfg::run_with(f, &mut a.cfg, &mut a.simplify_cfg),
        _ => return None,
    })
}

/// Whether the intervals `ranges` leaves still hold after the pass called
/// `name` ([`ranges::Kept`]): it computes every value where it was
/// computed before. The pipeline drops them after any other pass.
fn keeps_intervals(name: &str) -> bool {
    matches!(name, "ranges" | "strength")
}

/// Runs the function pass called `name` (`pass`) on `func`, unless it
/// is settled there (it ran, and nothing changed since), then drops the
/// intervals unless they still hold, and the garbage of the function's
/// lists if it is more than they are (see [`Function::drop_list_garbage`]:
/// the analyses name blocks and values, not lists, and stay).
fn run_function_pass(
    name: &str,
    pass: FunctionPass,
    func: &mut Function,
    analyses: &mut Analyses,
) -> bool {
    let settles = settles(name);
    let settled = settles.is_some_and(|bit| analyses.settled.contains(bit));
    let changed = !settled && pass(func, analyses);
    if !keeps_intervals(name) {
        analyses.intervals.forget();
    }
    if changed {
        analyses.settled = Settled::default();
        func.drop_list_garbage();
    }
    if let Some(bit) = settles {
        analyses.settled.insert(bit);
    }
    changed
}

/// Runs the pass called `name` on every function, with fresh analyses;
/// whether it changed anything, or `None` for an unknown name.
pub fn run_pass(module: &mut Module, name: &str) -> Option<bool> {
    run_pass_with(module, name, &mut ModuleAnalyses::default())
}

/// What the passes leave for the next ones, function by function, when
/// they run one at a time over the whole module (to show the IR after
/// each, as the pipeline makes it).
#[derive(Clone, Debug, Default)]
pub struct ModuleAnalyses(Vec<Analyses>);

/// [`run_pass`] with the analyses the passes before left in `analyses`
/// (updated for the passes after): running [`PASSES`] in turn this way
/// gives what [`optimize`] gives.
pub fn run_pass_with(
    module: &mut Module,
    name: &str,
    analyses: &mut ModuleAnalyses,
) -> Option<bool> {
    if name == "inline" {
        analyses.0.iter_mut().for_each(Analyses::forget);
        return Some(run_inline(module, &mut inline::Tables::default()));
    }
    let pass = function_pass(name)?;
    analyses
        .0
        .resize_with(module.functions.len(), Analyses::default);
    let functions = module.functions.iter_mut().zip(&mut analyses.0);
    Some(functions.fold(false, |changed, (f, a)| {
        run_function_pass(name, pass, f, a) | changed
    }))
}

/// Optimizes `module` in place: the pipeline, one line per pass.
///
/// Between passes across functions (`inline`), each function goes through
/// the run of function passes on its own, one after the other (the
/// largest first: see `largest_first`), so that the analyses one pass
/// computes serve the next ones while they hold
/// ([`Analyses`]: the control flow's while it stays, the intervals of
/// `ranges` for `strength` and `if_convert`), and their tables serve the
/// next function. No function pass reads another function, so this is
/// the same as running each pass over every function in turn with the
/// analyses handed on ([`run_pass_with`]). After its last pass, a
/// function's lists are copied into a pool of their size
/// ([`Function::fit_lists`]): it keeps them through code generation.
pub fn optimize(module: &mut Module) {
    Scratch::default().optimize(module);
}

/// [`optimize`], calling `around(i, pass)` for each run of `PASSES[i]`
/// (over the module for `inline`, over one function for the others),
/// which must call `pass` once and give back its answer (whether it
/// changed anything): to time the passes as [`optimize`] runs them (the
/// last pass of a function with the fitting of its lists).
pub fn optimize_with(
    module: &mut Module,
    around: impl FnMut(usize, &mut dyn FnMut() -> bool) -> bool,
) {
    Scratch::default().optimize_with(module, around);
}

/// The optimizer's tables: the [`Analyses`] the function passes keep
/// (with the passes' own tables), the inliner's and
/// the pipeline's own, kept from one module to the next so that after the
/// first they rarely allocate: what a [`crate::Compiler`] holds for this
/// stage. A large function's tables are not kept (`KEEP_FOR_VALUES`).
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    analyses: Analyses,
    inline: inline::Tables,
    /// The functions in the order the function passes take them.
    order: Vec<usize>,
    /// The function passes of the run at hand.
    passes: Vec<(&'static str, FunctionPass)>,
}

impl Scratch {
    /// [`optimize`] with these tables.
    pub fn optimize(&mut self, module: &mut Module) {
        self.optimize_with(module, |_, pass| pass());
    }

    /// [`optimize_with`] with these tables.
    pub fn optimize_with(
        &mut self,
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
                // The one pass across functions.
                debug_assert_eq!(PASSES[first], "inline");
                let tables = &mut self.inline;
                around(first, &mut || run_inline(module, tables));
                first += 1;
                continue;
            }
            let passes = &mut self.passes;
            passes.clear();
            passes.extend(
                PASSES[first..first + run]
                    .iter()
                    .filter_map(|&n| Some((n, function_pass(n)?))),
            );
            largest_first(module, &mut self.order);
            let analyses = &mut self.analyses;
            let ends = first + run == PASSES.len();
            for &i in &self.order {
                let func = &mut module.functions[i];
                analyses.forget();
                for (k, &(name, pass)) in passes.iter().enumerate() {
                    let last = ends && k + 1 == passes.len();
                    around(first + k, &mut || {
                        let changed = run_function_pass(name, pass, func, analyses);
                        if last {
                            func.fit_lists();
                        }
                        changed
                    });
                }
            }
            first += run;
        }
    }
}

/// Runs `inline` over `module` with the inliner's `tables`, then drops
/// the garbage of each function's list pool where it outweighs the lists
/// (inlining copies lists and drops the calls it replaced); whether it
/// changed anything.
fn run_inline(module: &mut Module, tables: &mut inline::Tables) -> bool {
    let changed = inline::run_with(module, tables);
    module
        .functions
        .iter_mut()
        .for_each(Function::drop_list_garbage);
    changed
}

/// The functions of `module` by index, the largest (in instructions)
/// first, into `order`: the tables the passes keep in [`Analyses`] are
/// then made at the size of the largest function and serve every one
/// after it, where in module order each larger function made them again.
/// No function pass reads another function, so the order changes nothing
/// else.
fn largest_first(module: &Module, order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..module.functions.len());
    // Unstable (it allocates nothing), with the index to break ties.
    order.sort_unstable_by_key(|&i| (core::cmp::Reverse(module.functions[i].insts.len()), i));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The benchmark programs.
    const BENCHES: [&str; 12] = [
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

    /// The pipeline run function by function, with the analyses kept
    /// between passes, gives exactly what running each pass over the
    /// whole module in turn (with the analyses handed on the same way)
    /// gives.
    #[test]
    fn optimize_is_the_passes_in_turn() {
        for source in BENCHES {
            let module = crate::compile_to_ir(source, &crate::Options::default()).unwrap();
            let mut pipeline = module.clone();
            optimize(&mut pipeline);
            let mut in_turn = module;
            let mut analyses = ModuleAnalyses::default();
            for pass in PASSES {
                run_pass_with(&mut in_turn, pass, &mut analyses);
            }
            assert_eq!(pipeline, in_turn, "{source}");
        }
    }

    /// Each pass that `settles` names, run again right after itself,
    /// changes nothing and says so; and every pass that says it changed
    /// nothing left the function as it was. The pipeline leaves out a
    /// settled pass on both counts. On the benchmark programs and on
    /// random IR, after every prefix of the pipeline.
    #[test]
    fn settling_passes_find_nothing_the_second_time() {
        use crate::opt::dce::random_ir;
        use crate::test_fixtures::Rng;
        let mut modules: Vec<Module> = BENCHES
            .iter()
            .map(|source| crate::compile_to_ir(source, &crate::Options::default()).unwrap())
            .collect();
        for seed in 1..300u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let functions = alloc::vec![random_ir::function(&mut rng), random_ir::helper()];
            modules.push(Module {
                functions,
                hosts: Vec::new(),
            });
        }
        let mut settling = 0;
        for mut module in modules {
            for pass in PASSES {
                let before = module.clone();
                let changed = run_pass(&mut module, pass).unwrap();
                assert!(
                    changed || before == module,
                    "{pass} changed\n{before}\n{module}"
                );
                if settles(pass).is_some() {
                    let once = module.clone();
                    assert_eq!(run_pass(&mut module, pass), Some(false), "{pass}\n{once}");
                    assert_eq!(module, once, "{pass}");
                    settling += 1;
                }
            }
        }
        assert!(settling > 1000);
    }

    /// The intervals `ranges` leaves reach `strength` and `if_convert`
    /// and no pass after one that may move a computation.
    #[test]
    fn intervals_last_only_through_passes_that_keep_values_in_place() {
        let source = include_str!("../../../bench/checksum.py");
        let mut module = crate::compile_to_ir(source, &crate::Options::default()).unwrap();
        let mut analyses = ModuleAnalyses::default();
        let kept = |a: &ModuleAnalyses| a.0.iter().filter(|a| !a.intervals.is_empty()).count();
        for pass in ["inline", "fold", "ranges"] {
            run_pass_with(&mut module, pass, &mut analyses);
        }
        let functions = module.functions.len();
        assert_eq!(kept(&analyses), functions);
        run_pass_with(&mut module, "strength", &mut analyses);
        assert_eq!(kept(&analyses), functions);
        run_pass_with(&mut module, "if_convert", &mut analyses);
        assert_eq!(kept(&analyses), 0);
        run_pass_with(&mut module, "ranges", &mut analyses);
        run_pass_with(&mut module, "licm", &mut analyses);
        assert_eq!(kept(&analyses), 0);
        for (pass, keeps) in [("ranges", true), ("strength", true), ("gvn", false)] {
            assert_eq!(keeps_intervals(pass), keeps, "{pass}");
        }
    }
}
