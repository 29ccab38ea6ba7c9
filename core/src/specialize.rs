//! Specialization: a function compiled again with some of its integer
//! arguments fixed, so that values known only at run time (a modulus, a
//! table size, a port number) become constants the optimizer folds.
//!
//! Needs: a verified module (from the front end, or already optimized) and
//! the function to specialize. Gives: a new module whose function
//! [`Specialized::func`] takes only the parameters left free, holding
//! exactly what it calls, optimized again by [`crate::opt::optimize`].
//! Keeps: every result, exception, `print` and buffer write of the general
//! function called with the fixed values, and the depth at which
//! RecursionError comes (a specialized copy is called where the general
//! function was, one frame for one frame).
//!
//! A fixed argument that a function passes on unchanged to a callee fixes
//! that callee's parameter too: the callee is copied and specialized the
//! same way, once per callee and choice of fixed values, so that recursion
//! (`f(n - 1, m)` inside `f`) calls the specialized copy. Past
//! [`MAX_COPIES`] copies a call keeps going to the general function.

use crate::error::printable;
use crate::ir::subst::{identity_subst, replace_uses};
use crate::ir::{Block, FuncId, Function, InstKind, Module, ParamKind, Value, ValueDef};
use crate::opt::inline::entry_is_target;
use alloc::collections::btree_map::Entry;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// At most this many specialized copies of functions are made for one
/// specialization (the function asked for included).
pub const MAX_COPIES: usize = 64;

/// A fixed value for some of a function's parameters, one entry per
/// parameter in order: `Some(value)` fixes it, `None` leaves it free.
pub type Fixed = [Option<i64>];

/// Why a specialization was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecializeError {
    /// No function of the module has this id.
    UnknownFunction(FuncId),
    /// The fixed values do not have one entry per parameter.
    WrongCount {
        /// The function's name.
        function: String,
        /// How many parameters it has.
        params: usize,
        /// How many entries were given.
        given: usize,
    },
    /// A buffer parameter was given a value: only integers can be fixed.
    BufferParam {
        /// The function's name.
        function: String,
        /// The parameter's position (0 for the first).
        index: usize,
        /// What the parameter receives.
        kind: ParamKind,
    },
    /// The function [`specialize_into`] would replace does not have the
    /// specialized function's signature.
    SignatureMismatch {
        /// Its name.
        function: String,
    },
    /// [`crate::compile_specializing`]: no function of the source has
    /// this name.
    NoFunctionNamed(String),
    /// [`crate::compile_specializing`]: the specialized function cannot
    /// have this name.
    BadName {
        /// The name.
        name: String,
        /// Why not, e.g. "is the name of a host function".
        why: &'static str,
    },
}

impl fmt::Display for SpecializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecializeError::UnknownFunction(id) => write!(f, "no function {id} in the module"),
            SpecializeError::WrongCount {
                function,
                params,
                given,
            } => write!(
                f,
                "`{function}` has {params} parameter{} but {given} fixed value{} given",
                if *params == 1 { "" } else { "s" },
                if *given == 1 { " was" } else { "s were" }
            ),
            SpecializeError::BufferParam {
                function,
                index,
                kind,
            } => write!(
                f,
                "parameter {} of `{function}` is a {} buffer: only integer parameters can be fixed",
                index + 1,
                kind.name()
            ),
            SpecializeError::SignatureMismatch { function } => write!(
                f,
                "`{function}` does not take the parameters left free, or gives another kind of result"
            ),
            SpecializeError::NoFunctionNamed(name) => {
                write!(f, "no function `{}` in the source", printable(name))
            }
            SpecializeError::BadName { name, why } => {
                write!(f, "the specialized function's name `{}` {why}", printable(name))
            }
        }
    }
}

impl core::error::Error for SpecializeError {}

/// A specialized function and the module that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Specialized {
    /// The functions the specialized one needs, optimized; the specialized
    /// function is called by the general one's name, its copies of callees
    /// `callee.N`, and the general function itself, if still called (past
    /// [`MAX_COPIES`], or with other arguments), `name.general` (a name
    /// the module already has gets `.2`, `.3`, ... added).
    pub module: Module,
    /// The specialized function: the general one's parameters without the
    /// fixed ones, in order.
    pub func: FuncId,
    /// How many specialized copies were made (the function asked for
    /// included).
    pub copies: usize,
}

/// Specializes `func` of `module` on the values `fixed` gives (one entry
/// per parameter), copying callees that receive a fixed value unchanged,
/// and optimizes the result.
///
/// # Errors
/// [`SpecializeError`] for an unknown function, a wrong number of entries
/// or a value for a buffer parameter.
pub fn specialize(
    module: &Module,
    func: FuncId,
    fixed: &Fixed,
) -> Result<Specialized, SpecializeError> {
    specialize_with(module, func, fixed, &mut crate::opt::Scratch::default())
}

/// [`specialize`], the optimizer working in the tables of `optimizer`.
///
/// # Errors
/// As [`specialize`].
pub fn specialize_with(
    module: &Module,
    func: FuncId,
    fixed: &Fixed,
    optimizer: &mut crate::opt::Scratch,
) -> Result<Specialized, SpecializeError> {
    let mut specialized = specialize_unoptimized(module, func, fixed)?;
    optimizer.optimize(&mut specialized.module);
    // Inlining may leave functions nobody calls.
    let module = core::mem::take(&mut specialized.module);
    let (pruned, root) = keep_reachable(module, specialized.func);
    specialized.module = pruned;
    specialized.func = root;
    debug_assert!(crate::ir::verify::verify(&specialized.module).is_ok());
    Ok(specialized)
}

/// [`specialize`] without the optimizer: the fixed parameters replaced by
/// constants and the calls redirected, nothing folded yet.
///
/// # Errors
/// As [`specialize`].
pub fn specialize_unoptimized(
    module: &Module,
    func: FuncId,
    fixed: &Fixed,
) -> Result<Specialized, SpecializeError> {
    let (mut functions, root, count) = with_copies(module, func, fixed, "")?;
    let name = functions[func.index()].name.clone();
    functions[func.index()].name = format!("{name}.general");
    functions[root.index()].name = name;
    let whole = Module {
        functions,
        hosts: module.hosts.clone(),
    };
    let (mut module, func) = keep_reachable(whole, root);
    make_names_unique(&mut module.functions);
    Ok(Specialized {
        module,
        func,
        copies: count,
    })
}

/// Adds to `module`, unoptimized, the function `name`: `func` specialized
/// on `fixed`, with the copies of callees it calls (named `name.callee.N`).
/// A function already called `name` is replaced, and its callers then call
/// the specialized one: it must have the specialized signature (a stub,
/// say `def powmod_m(b, e): return powmod(b, e, 7)`, that lets source
/// call the specialized function). The caller runs the optimizer.
///
/// # Errors
/// As [`specialize`], and [`SpecializeError::SignatureMismatch`] when the
/// function it replaces takes or gives something else.
pub fn specialize_into(
    module: &mut Module,
    func: FuncId,
    fixed: &Fixed,
    name: &str,
) -> Result<FuncId, SpecializeError> {
    let n = module.functions.len();
    let (functions, root, _) = with_copies(module, func, fixed, &format!("{name}."))?;
    let replaced = module.function_id(name);
    if let Some(old) = replaced {
        if module.function(old).signature != functions[root.index()].signature {
            return Err(SpecializeError::SignatureMismatch {
                function: String::from(name),
            });
        }
    }
    // Where each copy goes: the root onto the function it replaces, if
    // any; the others appended in order.
    let mut new_id: Vec<FuncId> = Vec::with_capacity(functions.len() - n);
    let mut next = n;
    for copy in n..functions.len() {
        match replaced {
            Some(old) if copy == root.index() => new_id.push(old),
            _ => {
                new_id.push(FuncId::new(next));
                next += 1;
            }
        }
    }
    for (k, mut copy) in functions.into_iter().skip(n).enumerate() {
        renumber_calls(&mut copy, |callee| {
            callee.index().checked_sub(n).map(|k| new_id[k])
        });
        if n + k == root.index() {
            copy.name = String::from(name);
        }
        match new_id[k].index() {
            at if at < n => module.functions[at] = copy,
            _ => module.functions.push(copy),
        }
    }
    make_names_unique(&mut module.functions);
    Ok(new_id[root.index() - n])
}

/// Renames each function whose name an earlier one has (a copy's `f.1`
/// or `f.general` may be taken in IR from elsewhere; Python names have no
/// dots) by adding `.2`, `.3`, ... until it is unique.
fn make_names_unique(functions: &mut [Function]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for f in functions.iter_mut() {
        if seen.contains(&f.name) {
            let base = core::mem::take(&mut f.name);
            f.name = (2..)
                .map(|k| format!("{base}.{k}"))
                .find(|name| !seen.contains(name))
                .unwrap_or_default();
        }
        seen.insert(f.name.clone());
    }
}

/// The module's functions followed by the specialized copies (named
/// `prefix` + `callee.N`), and the copy of `func` with `fixed`; how many
/// copies there are.
fn with_copies(
    module: &Module,
    func: FuncId,
    fixed: &Fixed,
    prefix: &str,
) -> Result<(Vec<Function>, FuncId, usize), SpecializeError> {
    let general = module
        .functions
        .get(func.index())
        .ok_or(SpecializeError::UnknownFunction(func))?;
    let params = &general.signature.params;
    if params.len() != fixed.len() {
        return Err(SpecializeError::WrongCount {
            function: general.name.clone(),
            params: params.len(),
            given: fixed.len(),
        });
    }
    if let Some((index, &kind)) = params
        .iter()
        .enumerate()
        .find(|&(i, &k)| k != ParamKind::Int && fixed[i].is_some())
    {
        return Err(SpecializeError::BufferParam {
            function: general.name.clone(),
            index,
            kind,
        });
    }
    let mut copies = Copies {
        general: module,
        functions: module.functions.clone(),
        made: BTreeMap::new(),
        work: Vec::new(),
        prefix,
    };
    let root = copies
        .copy_of(func, fixed.to_vec())
        .expect("the first copy is under the cap");
    while let Some((copy, of, values)) = copies.work.pop() {
        let mut body = copies.specialized_body(of, &values);
        // The placeholder holds the copy's name.
        body.name = core::mem::take(&mut copies.functions[copy.index()].name);
        copies.functions[copy.index()] = body;
    }
    Ok((copies.functions, root, copies.made.len()))
}

/// The copies being made: the module's functions with the copies appended.
struct Copies<'m> {
    /// The module as given.
    general: &'m Module,
    /// Its functions, then one per copy (a placeholder until it is built).
    functions: Vec<Function>,
    /// Each copy by the function it copies and the values it fixes.
    made: BTreeMap<(FuncId, Vec<Option<i64>>), FuncId>,
    /// Copies still to build: the copy, the function it copies, the values.
    work: Vec<(FuncId, FuncId, Vec<Option<i64>>)>,
    /// What the copies' names start with.
    prefix: &'m str,
}

impl Copies<'_> {
    /// The copy of `of` with `fixed` (made on first request, built later),
    /// or `None` past [`MAX_COPIES`].
    fn copy_of(&mut self, of: FuncId, fixed: Vec<Option<i64>>) -> Option<FuncId> {
        let count = self.made.len();
        let entry = match self.made.entry((of, fixed)) {
            Entry::Occupied(made) => return Some(*made.get()),
            Entry::Vacant(_) if count >= MAX_COPIES => return None,
            Entry::Vacant(entry) => entry,
        };
        let copy = FuncId::new(self.functions.len());
        let name = format!("{}{}.{count}", self.prefix, self.general.function(of).name);
        self.functions.push(Function::new(name));
        self.work.push((copy, of, entry.key().1.clone()));
        entry.insert(copy);
        Some(copy)
    }

    /// Function `of` with the parameters `fixed` names replaced by
    /// constants, and its calls that pass those constants on redirected to
    /// copies of the callees.
    fn specialized_body(&mut self, of: FuncId, fixed: &Fixed) -> Function {
        let general = self.general.function(of);
        let (mut body, constants) = fix_params(general, fixed);
        for b in 0..body.layout.len() {
            let block = body.layout[b];
            for i in 0..body.blocks[block.index()].insts.len() {
                let inst = body.blocks[block.index()].insts[i];
                let InstKind::Call(callee, args) = body.insts[inst.index()].kind else {
                    continue;
                };
                let Some(callee_fixed) =
                    fixed_args(self.general, callee, body.args(args), &constants)
                else {
                    continue;
                };
                if let Some(copy) = self.copy_of(callee, callee_fixed) {
                    // The copy takes what is not fixed: the call drops the
                    // constants it passes to integers, in place.
                    let params = &self.general.function(callee).signature.params;
                    let mut kinds = params
                        .iter()
                        .flat_map(|&kind| core::iter::repeat_n(kind, kind.width()));
                    body.pool.retain(args, |v| {
                        kinds.next() != Some(ParamKind::Int) || !constants.contains_key(&v)
                    });
                    body.insts[inst.index()].kind = InstKind::Call(copy, args);
                }
            }
        }
        body
    }
}

/// For a call of `callee` with `args`: the values it receives that are
/// among `constants` (by parameter); `None` when it receives none.
fn fixed_args(
    module: &Module,
    callee: FuncId,
    args: &[Value],
    constants: &BTreeMap<Value, i64>,
) -> Option<Vec<Option<i64>>> {
    let signature = &module.functions.get(callee.index())?.signature;
    let mut fixed = Vec::with_capacity(signature.params.len());
    let mut at = 0;
    for &kind in &signature.params {
        let width = kind.width();
        let values = args.get(at..at + width)?;
        at += width;
        match (kind, constants.get(&values[0])) {
            (ParamKind::Int, Some(&c)) => fixed.push(Some(c)),
            _ => fixed.push(None),
        }
    }
    fixed.iter().any(Option::is_some).then_some(fixed)
}

/// A copy of `general` whose fixed parameters are constants: the
/// signature loses them, and the constants are returned by value so that
/// calls passing them on can be found.
fn fix_params(general: &Function, fixed: &Fixed) -> (Function, BTreeMap<Value, i64>) {
    let mut f = general.clone();
    f.signature.params = general
        .signature
        .params
        .iter()
        .zip(fixed)
        .filter(|(_, v)| v.is_none())
        .map(|(&k, _)| k)
        .collect();
    // Each entry value with the constant it becomes, if any.
    let mut values: Vec<(Value, Option<i64>)> = Vec::new();
    let entry_params = f.params().to_vec();
    let mut at = 0;
    for (kind, value) in general.signature.params.iter().zip(fixed) {
        for k in 0..kind.width() {
            values.push((entry_params[at + k], *value));
        }
        at += kind.width();
    }
    let mut constants = BTreeMap::new();
    if entry_is_target(general) {
        // The old entry's parameters take arguments from loops too: a new
        // entry passes it the constants, and no call sees them as fixed.
        fix_through_new_entry(&mut f, &values);
        return (f, constants);
    }
    let entry = f.entry();
    let mut subst = identity_subst(&f);
    let mut kept = 0;
    let mut defs = Vec::new();
    for &(param, value) in &values {
        match value {
            Some(c) => {
                let def = f.create_inst(InstKind::Const(c));
                let result = f.result(def);
                subst[param.index()] = result;
                f.values[param.index()] = ValueDef::Unused;
                constants.insert(result, c);
                defs.push(def);
            }
            None => {
                f.values[param.index()] = ValueDef::Param(entry, kept);
                kept += 1;
            }
        }
    }
    let Function {
        blocks,
        values,
        pool,
        ..
    } = &mut f;
    let data = &mut blocks[entry.index()];
    pool.retain(data.params, |p| values[p.index()] != ValueDef::Unused);
    data.insts.insert_many(0, defs);
    replace_uses(&mut f, &mut subst);
    (f, constants)
}

/// Puts a new entry block first: its parameters are the free values, and
/// it jumps to the old entry with those and the constants.
fn fix_through_new_entry(f: &mut Function, values: &[(Value, Option<i64>)]) {
    let old_entry = f.entry();
    let entry = Block::new(f.blocks.len());
    f.blocks.push(Default::default());
    f.layout.insert(0, entry);
    let mut args = Vec::with_capacity(values.len());
    for &(_, value) in values {
        let arg = match value {
            Some(c) => {
                let def = f.append_inst(entry, InstKind::Const(c));
                f.result(def)
            }
            None => f.push_block_param(entry),
        };
        args.push(arg);
    }
    let dest = f.make_call(old_entry, &args);
    f.append_inst(entry, InstKind::Jump(dest));
}

/// The functions of `module` that `root` can reach through calls, `root`
/// first, with the calls renumbered; and `root`'s new id.
fn keep_reachable(mut module: Module, root: FuncId) -> (Module, FuncId) {
    let n = module.functions.len();
    let mut new_id: Vec<Option<FuncId>> = vec![None; n];
    let mut order = vec![root];
    new_id[root.index()] = Some(FuncId::new(0));
    let mut next = 0;
    while let Some(&f) = order.get(next) {
        next += 1;
        let func = module.function(f);
        for &b in &func.layout {
            for &i in &func.blocks[b.index()].insts {
                if let InstKind::Call(callee, _) = func.insts[i.index()].kind {
                    if callee.index() < n && new_id[callee.index()].is_none() {
                        new_id[callee.index()] = Some(FuncId::new(order.len()));
                        order.push(callee);
                    }
                }
            }
        }
    }
    let functions = order
        .iter()
        .map(|&f| {
            // Each function is kept once: moved out, not copied.
            let mut func = core::mem::take(&mut module.functions[f.index()]);
            renumber_calls(&mut func, |callee| {
                new_id.get(callee.index()).copied().flatten()
            });
            func
        })
        .collect();
    let pruned = Module {
        functions,
        hosts: module.hosts,
    };
    (pruned, FuncId::new(0))
}

/// Points each call of `func` at `new_id(callee)`, where that gives one.
fn renumber_calls(func: &mut Function, new_id: impl Fn(FuncId) -> Option<FuncId>) {
    for data in &mut func.insts {
        if let InstKind::Call(callee, _) = &mut data.kind {
            if let Some(id) = new_id(*callee) {
                *callee = id;
            }
        }
    }
}

#[cfg(test)]
mod tests;
