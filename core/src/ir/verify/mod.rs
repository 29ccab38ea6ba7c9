//! The IR verifier: checks the invariants every stage must keep.
//!
//! Needs: any [`Module`], even one built wrong by hand (it never panics).
//! Gives: `Ok(())`, or the first broken invariant with the function it is in.
//!
//! Checked, for each function: names are unique; every list a block or an
//! instruction holds lies in the function's pool, and every target names
//! a block; the layout is non-empty and
//! lists existing blocks once each; the entry block has one parameter per
//! value of the signature (one per integer, two per buffer: its address,
//! then its length); every block of the layout is non-empty, ends with a
//! terminator and has none before; an instruction is in at most one block;
//! the `values` table agrees with the block parameters and the instruction
//! results; an instruction has a result exactly when its kind produces one;
//! jumps go to blocks of the layout other than the entry, with one argument
//! per parameter; calls go to existing functions with one argument per
//! value of the callee's signature; host calls go to declared host
//! functions with a number of arguments their arity accepts; and every
//! value used is defined, by a definition that dominates the use when the
//! use is reachable (block parameters are defined at the start of their
//! block, branch arguments are used at its end). Blocks outside the layout
//! are dead and not checked.
//!
//! Buffers (the rules are in `buffers.rs`): a buffer's address is the entry
//! parameter at the address position of a buffer parameter, and it is not
//! an integer the program may compute with. Only `load` and `store` of the
//! buffer's kind read it, as their buffer operand, and calls pass it on to
//! a parameter of the same kind, followed by the length paired with it; so
//! a length can never be forged, and every function's lengths are the true
//! lengths of the buffers its caller was given. Nothing else reads an
//! address (not arithmetic, comparisons, `select`, checks, host calls,
//! returns or jump arguments), the buffer operand of a `load` or `store`
//! is always such an address, and there is no `store.bytes`.
//!
//! Two modes, for IR from two kinds of source:
//! - [`verify`], for IR of the front end and the optimizer: the index of a
//!   `load` or `store` may be any integer, and the value of a
//!   `store.bytearray` any integer. The front end puts a `check_index`
//!   before every access and a `check_byte` before every byte store, and
//!   the optimizer may remove those it proves needless, which the verifier
//!   cannot prove again.
//! - [`verify_checked`], for IR from outside ([`crate::compile_ir`]):
//!   besides, every index of a `load` or `store` is the result of a
//!   `check_index` of its kind and access (`check_index.list` for
//!   `load.list`, `check_index.list.store` for `store.list`) whose length
//!   operand is the length paired with the accessed buffer's address,
//!   every `check_index` compares with a buffer's length (against another
//!   bound, compiled code and the interpreter could disagree), and every
//!   value a `store.bytearray` writes is the result of a `check_byte`. As definitions dominate their uses, such a check has
//!   passed before the access runs, and lengths cannot be forged: IR that
//!   this mode accepts reads and writes only inside the buffers it was
//!   given, and writes only bytes into a `bytearray`.

mod buffers;

use super::dom::DomTree;
use super::{
    Block, Function, HostArity, Inst, InstKind, Module, ParamKind, Signature, Value, ValueDef,
};
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// A broken invariant: the function it is in and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The name of the function.
    pub function: String,
    /// What is wrong, starting with the block when there is one, e.g.
    /// "block2: `v5 = call fib(v4, v4)`: fib takes 1 argument, not 2".
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in function {}: {}", self.function, self.message)
    }
}

impl core::error::Error for VerifyError {}

/// Checks the module's invariants (see the [module docs](self)), letting
/// `load` and `store` take indices that no `check_index` checked, as the
/// optimizer may leave them where it proved the check needless.
///
/// # Errors
/// The first broken invariant found.
pub fn verify(module: &Module) -> Result<(), VerifyError> {
    verify_in(module, Mode::Plain)
}

/// Checks the module's invariants as [`verify`] does, and also that every
/// buffer access is checked (see the [module docs](self)): for IR from
/// outside, which must be memory-safe without the optimizer's proofs.
///
/// # Errors
/// The first broken invariant found.
pub fn verify_checked(module: &Module) -> Result<(), VerifyError> {
    verify_in(module, Mode::Checked)
}

/// How much the verifier asks of buffer accesses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Indices and stored bytes may be unchecked ([`verify`]).
    Plain,
    /// Every index and stored byte comes from its check ([`verify_checked`]).
    Checked,
}

fn verify_in(module: &Module, mode: Mode) -> Result<(), VerifyError> {
    let mut names = BTreeSet::new();
    for func in &module.functions {
        if !names.insert(func.name.as_str()) {
            return Err(VerifyError {
                function: func.name.clone(),
                message: "another function has the same name".into(),
            });
        }
    }
    for func in &module.functions {
        let checker = Checker {
            module,
            func,
            mode,
            def_site: vec![None; func.values.len()],
            owner: vec![None; func.insts.len()],
            in_layout: vec![false; func.blocks.len()],
        };
        checker.check().map_err(|message| VerifyError {
            function: func.name.clone(),
            message,
        })?;
    }
    Ok(())
}

fn inst_text(module: &Module, func: &Function, inst: Inst) -> String {
    format!("`{}`", func.display_inst(inst, Some(module)))
}

/// Where a value is defined: its block and position there, 0 for block
/// parameters and `i + 1` for the result of the block's `i`-th instruction.
type Site = (Block, usize);

struct Checker<'a> {
    module: &'a Module,
    func: &'a Function,
    mode: Mode,
    /// The definition site of each value whose definition is in the layout.
    def_site: Vec<Option<Site>>,
    /// The block each instruction was found in.
    owner: Vec<Option<Block>>,
    /// Whether each block is in the layout.
    in_layout: Vec<bool>,
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `(bytes, int) -> none`, as the text form writes a signature.
fn signature_text(signature: &Signature) -> String {
    let mut text = String::from("(");
    for (i, param) in signature.params.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(param.name());
    }
    text + ") -> " + signature.returns.name()
}

/// Whether a signature has buffer parameters.
fn has_buffers(signature: &Signature) -> bool {
    signature.params.iter().any(|&p| p != ParamKind::Int)
}

/// How many values a signature takes, and why when buffers make that more
/// than its parameters: "3 values (a buffer is an address and a length)".
fn width_text(signature: &Signature) -> String {
    let width = signature.width();
    if has_buffers(signature) {
        format!(
            "{} (a buffer is an address and a length)",
            plural(width, "value")
        )
    } else {
        plural(width, "argument")
    }
}

impl Checker<'_> {
    fn check(mut self) -> Result<(), String> {
        self.check_lists()?;
        self.check_layout()?;
        self.check_entry()?;
        self.check_value_table()?;
        for &block in &self.func.layout {
            self.check_block(block)?;
        }
        self.check_uses()?;
        self.check_buffers()
    }

    fn inst_text(&self, inst: Inst) -> String {
        inst_text(self.module, self.func, inst)
    }

    /// Every handle reads a list of the pool (and a target at least its
    /// block), so that nothing after this reads outside it.
    fn check_lists(&self) -> Result<(), String> {
        let pool = &self.func.pool;
        for (index, data) in self.func.blocks.iter().enumerate() {
            if pool.try_get(data.params).is_none() {
                let block = Block::new(index);
                return Err(format!(
                    "{block}: its parameters are no list of the function"
                ));
            }
        }
        for (index, data) in self.func.insts.iter().enumerate() {
            let mut ok = true;
            data.kind.for_each_list(|l| ok &= pool.try_get(l).is_some());
            let mut dests = data.kind.successors();
            ok &= dests.all(|d| d.try_get(pool).is_some());
            if !ok {
                let inst = Inst::new(index);
                return Err(format!("{inst}: its lists are no lists of the function"));
            }
        }
        Ok(())
    }

    fn check_layout(&mut self) -> Result<(), String> {
        if self.func.layout.is_empty() {
            return Err("the function has no blocks".into());
        }
        for &block in &self.func.layout {
            match self.in_layout.get_mut(block.index()) {
                None => return Err(format!("the layout lists {block}, which does not exist")),
                Some(true) => return Err(format!("the layout lists {block} twice")),
                Some(s) => *s = true,
            }
        }
        Ok(())
    }

    /// The entry block takes what the signature says, in the same order.
    fn check_entry(&self) -> Result<(), String> {
        let func = self.func;
        // `check_layout` made sure the entry block exists.
        let entry = func.layout[0];
        let params = func.block_params(entry).len();
        let width = func.signature.width();
        if params != width {
            return Err(format!(
                "{entry}: the entry block has {}, but the signature {} takes {}",
                plural(params, "parameter"),
                signature_text(&func.signature),
                width_text(&func.signature)
            ));
        }
        Ok(())
    }

    /// Every definition recorded in `values` must be where it says.
    fn check_value_table(&self) -> Result<(), String> {
        let func = self.func;
        for (index, def) in func.values.iter().enumerate() {
            let value = Value(index as u32);
            match *def {
                ValueDef::Param(block, position) => {
                    let param = func
                        .blocks
                        .get(block.index())
                        .and_then(|b| func.pool.get(b.params).get(position as usize));
                    if param != Some(&value) {
                        return Err(format!(
                            "{value} is recorded as parameter {position} of {block}, which is not it"
                        ));
                    }
                }
                ValueDef::Result(inst) => {
                    let result = func.insts.get(inst.index()).and_then(|i| i.result);
                    if result != Some(value) {
                        return Err(format!(
                            "{value} is recorded as the result of {inst}, which does not define it"
                        ));
                    }
                }
                ValueDef::Unused => {}
            }
        }
        Ok(())
    }

    fn check_block(&mut self, block: Block) -> Result<(), String> {
        let func = self.func;
        // `check_layout` made sure the block exists.
        let data = &func.blocks[block.index()];
        for (position, &param) in func.pool.get(data.params).iter().enumerate() {
            if func.values.get(param.index()) != Some(&ValueDef::Param(block, position as u32)) {
                return Err(format!(
                    "{block}: parameter {param} is not recorded as parameter {position} of {block}"
                ));
            }
            self.def_site[param.index()] = Some((block, 0));
        }
        if data.insts.is_empty() {
            return Err(format!(
                "{block}: the block is empty (it needs a terminator)"
            ));
        }
        let last = data.insts.len() - 1;
        for (position, &inst) in data.insts.iter().enumerate() {
            let Some(inst_data) = func.insts.get(inst.index()) else {
                return Err(format!("{block}: {inst} does not exist"));
            };
            if let Some(other) = self.owner[inst.index()] {
                return Err(format!("{block}: {inst} is also in {other}"));
            }
            self.owner[inst.index()] = Some(block);
            let (module, func) = (self.module, self.func);
            let text = || inst_text(module, func, inst);
            let kind = &inst_data.kind;
            if kind.is_terminator() && position != last {
                return Err(format!(
                    "{block}: {} ends the block but is not its last instruction",
                    text()
                ));
            }
            if !kind.is_terminator() && position == last {
                return Err(format!(
                    "{block}: the block ends with {}, which is not a terminator",
                    text()
                ));
            }
            match (kind.has_result(), inst_data.result) {
                (true, None) => return Err(format!("{block}: {} has no result", text())),
                (false, Some(_)) => {
                    return Err(format!("{block}: {} cannot have a result", text()));
                }
                (true, Some(result)) => {
                    if func.values.get(result.index()) != Some(&ValueDef::Result(inst)) {
                        return Err(format!(
                            "{block}: {}: {result} is not recorded as its result",
                            text()
                        ));
                    }
                    self.def_site[result.index()] = Some((block, position + 1));
                }
                (false, None) => {}
            }
            self.check_targets(block, inst, kind)?;
        }
        Ok(())
    }

    /// Jump targets, callees and host functions exist and get the number of
    /// arguments they take.
    fn check_targets(&self, block: Block, inst: Inst, kind: &InstKind) -> Result<(), String> {
        let func = self.func;
        let fail = |what: String| Err(format!("{block}: {}: {what}", self.inst_text(inst)));
        for dest in kind.successors() {
            let target = dest.block(&func.pool);
            if !self.in_layout.get(target.index()).copied().unwrap_or(false) {
                let why = if target.index() < func.blocks.len() {
                    "is not in the layout"
                } else {
                    "does not exist"
                };
                return fail(format!("{target} {why}"));
            }
            if func.layout.first() == Some(&target) {
                return fail(format!("jumps to the entry block {target}"));
            }
            let params = func.block_params(target).len();
            let args = dest.args(&func.pool).len();
            if args != params {
                let takes = plural(params, "argument");
                return fail(format!("{target} takes {takes}, not {args}"));
            }
        }
        if let InstKind::Call(callee, args) = kind {
            let Some(callee_func) = self.module.functions.get(callee.index()) else {
                return fail(format!("{callee} does not exist"));
            };
            // The signature, not the callee's entry block: that block's own
            // check says when it does not match.
            let signature = &callee_func.signature;
            let args = func.args(*args).len();
            if args != signature.width() {
                let takes = width_text(signature);
                let name = &callee_func.name;
                let name = if has_buffers(signature) {
                    format!("{name}{}", signature_text(signature))
                } else {
                    name.clone()
                };
                return fail(format!("{name} takes {takes}, not {args}"));
            }
        }
        if let InstKind::CallHost(host, args) = kind {
            let Some(decl) = self.module.hosts.get(host.index()) else {
                return fail(format!("{host} is not declared"));
            };
            let args = func.args(*args).len();
            if let HostArity::Exactly(n) = decl.arity {
                if !decl.arity.accepts(args) {
                    let takes = plural(n as usize, "argument");
                    return fail(format!("{} takes {takes}, not {args}", decl.name));
                }
            }
        }
        Ok(())
    }

    /// Every use has a definition, which dominates it when it is reachable.
    fn check_uses(&self) -> Result<(), String> {
        let func = self.func;
        let dom = DomTree::compute(func);
        for &block in &func.layout {
            let reachable = dom.is_reachable(block);
            for (position, &inst) in func.blocks[block.index()].insts.iter().enumerate() {
                let mut error = None;
                func.insts[inst.index()]
                    .kind
                    .for_each_arg(&func.pool, |value| {
                        if error.is_some() {
                            return;
                        }
                        let site = self.def_site.get(value.index()).copied().flatten();
                        error = match site {
                            None => Some(match func.values.get(value.index()) {
                                Some(ValueDef::Unused) | None => format!("{value} is not defined"),
                                Some(_) => format!("{value} is defined outside the layout"),
                            }),
                            Some((def_block, def_position)) => {
                                let dominated = !reachable
                                    || if def_block == block {
                                        def_position <= position
                                    } else {
                                        dom.dominates(def_block, block)
                                    };
                                (!dominated).then(|| {
                                    format!(
                                        "{value} is used where its definition does not dominate"
                                    )
                                })
                            }
                        };
                    });
                if let Some(error) = error {
                    return Err(format!("{block}: {}: {error}", self.inst_text(inst)));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod buffer_tests;
#[cfg(test)]
mod tests;
