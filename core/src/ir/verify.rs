//! The IR verifier: checks the invariants every stage must keep.
//!
//! Needs: any [`Module`], even one built wrong by hand (it never panics).
//! Gives: `Ok(())`, or the first broken invariant with the function it is in.
//!
//! Checked, for each function: names are unique; the layout is non-empty and
//! lists existing blocks once each; every block of the layout is non-empty,
//! ends with a terminator and has none before; an instruction is in at most
//! one block; the `values` table agrees with the block parameters and the
//! instruction results; an instruction has a result exactly when its kind
//! produces one; jumps go to blocks of the layout other than the entry, with
//! one argument per parameter; calls go to existing functions with one
//! argument per parameter; and every value used is defined, by a definition
//! that dominates the use when the use is reachable (block parameters are
//! defined at the start of their block, branch arguments are used at its
//! end). Blocks outside the layout are dead and not checked.

use super::dom::DomTree;
use super::{Block, Function, Inst, InstKind, Module, Value, ValueDef};
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

/// Checks the module's invariants (see the [module docs](self)).
///
/// # Errors
/// The first broken invariant found.
pub fn verify(module: &Module) -> Result<(), VerifyError> {
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

impl Checker<'_> {
    fn check(mut self) -> Result<(), String> {
        self.check_layout()?;
        self.check_value_table()?;
        for &block in &self.func.layout {
            self.check_block(block)?;
        }
        self.check_uses()
    }

    fn inst_text(&self, inst: Inst) -> String {
        inst_text(self.module, self.func, inst)
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
                        .and_then(|b| b.params.get(position as usize));
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
        for (position, &param) in data.params.iter().enumerate() {
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

    /// Jump targets and callees exist and get one argument per parameter;
    /// host functions called are declared and take the arguments given.
    fn check_targets(&self, block: Block, inst: Inst, kind: &InstKind) -> Result<(), String> {
        let func = self.func;
        let fail = |what: String| Err(format!("{block}: {}: {what}", self.inst_text(inst)));
        for dest in kind.successors() {
            let target = dest.block;
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
            let params = func.blocks[target.index()].params.len();
            if dest.args.len() != params {
                let takes = plural(params, "argument");
                return fail(format!("{target} takes {takes}, not {}", dest.args.len()));
            }
        }
        if let InstKind::Call(callee, args) = kind {
            let Some(callee_func) = self.module.functions.get(callee.index()) else {
                return fail(format!("{callee} does not exist"));
            };
            // Not the callee's `params()`, which panics on a malformed
            // callee; that callee's own check reports its problem.
            let params = callee_func
                .layout
                .first()
                .and_then(|entry| callee_func.blocks.get(entry.index()))
                .map_or(0, |entry| entry.params.len());
            if args.len() != params {
                let takes = plural(params, "argument");
                let name = &callee_func.name;
                return fail(format!("{name} takes {takes}, not {}", args.len()));
            }
        }
        if let InstKind::CallHost(id, args) = kind {
            // Compiled code passes any id and count to the embedder's host;
            // only declared functions with fitting arguments get there.
            let Some(decl) = self.module.hosts.get(id.index()) else {
                return fail(format!("{id} is not declared"));
            };
            if !decl.arity.accepts(args.len()) {
                let name = &decl.name;
                return fail(format!(
                    "{name} does not take {}",
                    plural(args.len(), "argument")
                ));
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
                func.insts[inst.index()].kind.for_each_arg(|value| {
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
                                format!("{value} is used where its definition does not dominate")
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
mod tests {
    use super::*;
    use crate::ir::text::parse_module;
    use crate::ir::{BlockCall, FuncId, InstKind};
    use alloc::string::ToString;

    const FIB: &str = "function fib {
block0(v0):
    v1 = const 2
    v2 = lt v0, v1
    br v2, block1, block2
block1:
    ret v0
block2:
    v3 = const 1
    v4 = sub v0, v3
    v5 = call fib(v4)
    v6 = const 2
    v7 = sub v0, v6
    v8 = call fib(v7)
    v9 = add v5, v8
    jump block3(v9)
block3(v10):
    ret v10
}
";

    fn parse(text: &str) -> Module {
        parse_module(text).unwrap_or_else(|e| panic!("{}: {text}", e.message))
    }

    fn fib() -> Module {
        parse(FIB)
    }

    /// The verifier's complaint, as displayed.
    fn complaint(module: &Module) -> String {
        verify(module)
            .expect_err("the verifier accepted it")
            .to_string()
    }

    fn complaint_about(text: &str) -> String {
        complaint(&parse(text))
    }

    #[test]
    fn accepts_valid_ir() {
        assert_eq!(verify(&fib()), Ok(()));
        assert_eq!(verify(&Module::default()), Ok(()));
        let loops = "function count {
block0(v0):
    fuel
    v1 = const 0
    jump block1(v0, v1)
block1(v2, v3):
    fuel
    br v2, block2, block3
block2:
    v4 = const 1
    v5 = sub v2, v4
    v6 = add v3, v2
    jump block1(v5, v6)
block3:
    v7 = call helper(v3, v0)
    ret v7
}

function helper {
block0(v0, v1):
    v2 = select v0, v0, v1
    br v2, block1, block2
block1:
    trap AssertionError \"no\"
block2:
    ret v2
}
";
        assert_eq!(verify(&parse(loops)), Ok(()));
    }

    #[test]
    fn error_names_the_function_and_block() {
        let e = verify(&parse(&FIB.replace("call fib(v4)", "call fib(v4, v4)"))).unwrap_err();
        assert_eq!(e.function, "fib");
        assert_eq!(
            e.to_string(),
            "in function fib: block2: `v5 = call fib(v4, v4)`: fib takes 1 argument, not 2"
        );
    }

    #[test]
    fn rejects_duplicate_function_names() {
        let mut module = fib();
        module.functions.push(module.functions[0].clone());
        assert_eq!(
            complaint(&module),
            "in function fib: another function has the same name"
        );
    }

    #[test]
    fn rejects_a_function_without_blocks() {
        assert_eq!(
            complaint_about("function f {\n}\n"),
            "in function f: the function has no blocks"
        );
    }

    #[test]
    fn rejects_a_block_listed_twice() {
        let mut module = fib();
        module.functions[0].layout.push(Block(2));
        assert!(complaint(&module).ends_with("the layout lists block2 twice"));
    }

    #[test]
    fn rejects_a_missing_block_in_the_layout() {
        let mut module = fib();
        module.functions[0].layout.insert(1, Block(40));
        assert!(complaint(&module).ends_with("the layout lists block40, which does not exist"));
    }

    #[test]
    fn rejects_an_empty_block() {
        assert_eq!(
            complaint_about("function f {\nblock0:\n    jump block1\nblock1:\n}\n"),
            "in function f: block1: the block is empty (it needs a terminator)"
        );
    }

    #[test]
    fn rejects_a_block_without_terminator() {
        assert_eq!(
            complaint_about("function f {\nblock0:\n    v0 = const 1\n}\n"),
            "in function f: block0: the block ends with `v0 = const 1`, which is not a terminator"
        );
    }

    #[test]
    fn rejects_a_terminator_before_the_end() {
        assert_eq!(
            complaint_about("function f {\nblock0(v0):\n    ret v0\n    ret v0\n}\n"),
            "in function f: block0: `ret v0` ends the block but is not its last instruction"
        );
    }

    #[test]
    fn rejects_an_instruction_in_two_blocks() {
        let mut module = fib();
        let func = &mut module.functions[0];
        let first_of_block2 = func.blocks[2].insts[0];
        func.blocks[1].insts.insert(0, first_of_block2);
        assert!(complaint(&module).ends_with("block2: inst4 is also in block1"));
    }

    #[test]
    fn rejects_a_missing_instruction() {
        let mut module = fib();
        module.functions[0].blocks[1].insts.insert(0, Inst(99));
        assert!(complaint(&module).ends_with("block1: inst99 does not exist"));
    }

    #[test]
    fn rejects_value_table_entries_that_disagree() {
        let mut module = fib();
        module.functions[0].values[0] = ValueDef::Param(Block(0), 1);
        assert!(complaint(&module)
            .ends_with("v0 is recorded as parameter 1 of block0, which is not it"));
        let mut module = fib();
        module.functions[0].values[1] = ValueDef::Result(Inst(7));
        assert!(complaint(&module)
            .ends_with("v1 is recorded as the result of inst7, which does not define it"));
        let mut module = fib();
        module.functions[0].values[3] = ValueDef::Param(Block(9), 0);
        assert!(complaint(&module).contains("v3 is recorded as parameter 0 of block9"));
    }

    #[test]
    fn rejects_definitions_missing_from_the_value_table() {
        let mut module = fib();
        module.functions[0].values[0] = ValueDef::Unused;
        assert!(complaint(&module)
            .ends_with("block0: parameter v0 is not recorded as parameter 0 of block0"));
        let mut module = fib();
        module.functions[0].values[1] = ValueDef::Unused;
        assert!(complaint(&module)
            .ends_with("block0: `v1 = const 2`: v1 is not recorded as its result"));
    }

    #[test]
    fn rejects_a_missing_result() {
        assert_eq!(
            complaint_about("function f {\nblock0:\n    const 5\n    trap ValueError\n}\n"),
            "in function f: block0: `const 5` has no result"
        );
    }

    #[test]
    fn rejects_a_result_where_there_is_none() {
        assert!(
            complaint_about("function f {\nblock0(v0):\n    v1 = ret v0\n}\n")
                .ends_with("block0: `v1 = ret v0` cannot have a result")
        );
        assert!(
            complaint_about("function f {\nblock0(v0):\n    v1 = fuel\n    ret v0\n}\n")
                .ends_with("block0: `v1 = fuel` cannot have a result")
        );
    }

    #[test]
    fn rejects_a_jump_outside_the_layout() {
        let mut module = fib();
        module.functions[0].layout.pop();
        assert!(
            complaint(&module).ends_with("block2: `jump block3(v9)`: block3 is not in the layout")
        );
        let mut module = fib();
        let func = &mut module.functions[0];
        let jump = *func.blocks[2].insts.last().unwrap();
        func.insts[jump.index()].kind = InstKind::Jump(BlockCall {
            block: Block(30),
            args: Vec::new(),
        });
        assert!(complaint(&module).ends_with("`jump block30`: block30 does not exist"));
    }

    #[test]
    fn rejects_a_jump_to_the_entry_block() {
        assert_eq!(
            complaint_about(
                "function f {\nblock0:\n    jump block1\nblock1:\n    jump block0\n}\n"
            ),
            "in function f: block1: `jump block0`: jumps to the entry block block0"
        );
    }

    #[test]
    fn rejects_a_wrong_number_of_jump_arguments() {
        let text = FIB.replace("jump block3(v9)", "jump block3");
        assert!(complaint_about(&text)
            .ends_with("block2: `jump block3`: block3 takes 1 argument, not 0"));
        let text = FIB.replace("br v2, block1, block2", "br v2, block1(v0, v1), block2");
        assert!(complaint_about(&text).ends_with("block1 takes 0 arguments, not 2"));
    }

    #[test]
    fn rejects_a_call_to_a_missing_function() {
        let mut module = fib();
        let func = &mut module.functions[0];
        func.insts[6].kind = InstKind::Call(FuncId(5), alloc::vec![Value(4)]);
        assert!(complaint(&module).ends_with("`v5 = call fn5(v4)`: fn5 does not exist"));
    }

    #[test]
    fn rejects_host_calls_to_undeclared_functions_or_with_wrong_arity() {
        let text = "host one(int) -> int\nhost print(...) -> none\n\n\
                    function f {\nblock0(v0):\n    v1 = call_host one(v0, v0)\n    \
                    v2 = call_host print(v0, v0, v0)\n    ret v1\n}\n";
        assert!(complaint_about(text).ends_with("one does not take 2 arguments"));
        let fixed = text.replace("one(v0, v0)", "one(v0)");
        assert_eq!(verify(&parse(&fixed)), Ok(()));
        let mut module = parse(&fixed);
        module.hosts.truncate(1);
        assert!(complaint(&module).contains("is not declared"));
    }

    #[test]
    fn rejects_a_wrong_number_of_call_arguments() {
        let text = "function f {\nblock0:\n    v0 = call g()\n    ret v0\n}\n\n\
                    function g {\nblock0(v0, v1):\n    ret v0\n}\n";
        assert_eq!(
            complaint_about(text),
            "in function f: block0: `v0 = call g()`: g takes 2 arguments, not 0"
        );
        // A callee without blocks takes no arguments (and is reported itself).
        let text = "function f {\nblock0:\n    v0 = call g()\n    ret v0\n}\n\nfunction g {\n}\n";
        assert_eq!(
            complaint_about(text),
            "in function g: the function has no blocks"
        );
    }

    #[test]
    fn rejects_uses_of_undefined_values() {
        let mut module = fib();
        let func = &mut module.functions[0];
        func.insts[1].kind = InstKind::Binary(crate::ir::BinaryOp::Lt, Value(0), Value(40));
        assert!(complaint(&module).ends_with("block0: `v2 = lt v0, v40`: v40 is not defined"));
        let mut module = fib();
        let func = &mut module.functions[0];
        func.values.push(ValueDef::Unused);
        func.insts[1].kind = InstKind::Binary(crate::ir::BinaryOp::Lt, Value(0), Value(11));
        assert!(complaint(&module).ends_with("v11 is not defined"));
    }

    #[test]
    fn rejects_uses_of_values_defined_outside_the_layout() {
        let mut module = parse(
            "function f {\nblock0(v0):\n    jump block2\nblock1:\n    v1 = const 1\n    \
             jump block2\nblock2:\n    ret v0\n}\n",
        );
        let func = &mut module.functions[0];
        func.layout.remove(1);
        let ret = *func.blocks[2].insts.last().unwrap();
        func.insts[ret.index()].kind = InstKind::Return(Value(1));
        assert!(complaint(&module).ends_with("block2: `ret v1`: v1 is defined outside the layout"));
    }

    #[test]
    fn rejects_a_use_before_its_definition_in_the_block() {
        let text = "function f {\nblock0:\n    v1 = neg v0\n    v0 = const 1\n    ret v1\n}\n";
        assert_eq!(
            complaint_about(text),
            "in function f: block0: `v1 = neg v0`: v0 is used where its definition does not dominate"
        );
        let text = "function f {\nblock0:\n    v0 = neg v0\n    ret v0\n}\n";
        assert!(
            complaint_about(text).ends_with("v0 is used where its definition does not dominate")
        );
    }

    #[test]
    fn rejects_a_use_its_definition_does_not_dominate() {
        // v1 is defined on one side of a diamond and used at the join.
        let text = "function f {
block0(v0):
    br v0, block1, block2
block1:
    v1 = const 1
    jump block3
block2:
    jump block3
block3:
    ret v1
}
";
        assert!(complaint_about(text)
            .ends_with("block3: `ret v1`: v1 is used where its definition does not dominate"));
        // A branch argument defined in the loop body, used on entering the loop.
        let text = "function f {
block0(v0):
    jump block1(v2)
block1(v1):
    v2 = const 1
    br v0, block1(v2), block2
block2:
    ret v1
}
";
        assert!(complaint_about(text).ends_with(
            "block0: `jump block1(v2)`: v2 is used where its definition does not dominate"
        ));
    }

    #[test]
    fn accepts_any_defined_value_in_unreachable_blocks() {
        let text = "function f {
block0(v0):
    ret v0
block1:
    v2 = add v1, v0
    jump block2(v2)
block2(v3):
    v1 = const 1
    jump block1
}
";
        assert_eq!(verify(&parse(text)), Ok(()));
        // But a reachable use of a value defined in an unreachable block is wrong.
        let text = "function f {
block0(v0):
    ret v1
block1:
    v1 = const 1
    ret v1
}
";
        assert!(complaint_about(text)
            .ends_with("block0: `ret v1`: v1 is used where its definition does not dominate"));
    }

    /// A small deterministic generator (xorshift64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> u32 {
            (self.next() % n.max(1) as u64) as u32
        }
    }

    /// Breaks one random index of the function, sometimes out of range.
    fn corrupt(rng: &mut Rng, func: &mut Function) {
        let (nb, ni, nv) = (
            func.blocks.len() + 2,
            func.insts.len() + 2,
            func.values.len() + 2,
        );
        let block = Block(rng.below(nb));
        let inst = Inst(rng.below(ni));
        let value = Value(rng.below(nv));
        match rng.below(9) {
            0 => {
                if let Some(slot) = func.layout.get_mut(rng.below(nb) as usize) {
                    *slot = block;
                }
            }
            1 if !func.layout.is_empty() => {
                func.layout.remove(rng.below(func.layout.len()) as usize);
            }
            2 => func.layout.push(block),
            3 => {
                if let Some(data) = func.blocks.get_mut(block.index()) {
                    let at = rng.below(data.insts.len() + 1) as usize;
                    data.insts.insert(at, inst);
                }
            }
            4 => {
                if let Some(data) = func.blocks.get_mut(block.index()) {
                    data.params.push(value);
                }
            }
            5 => {
                if let Some(def) = func.values.get_mut(value.index()) {
                    *def = match rng.below(3) {
                        0 => ValueDef::Param(block, rng.below(3)),
                        1 => ValueDef::Result(inst),
                        _ => ValueDef::Unused,
                    };
                }
            }
            6 => {
                if let Some(data) = func.insts.get_mut(inst.index()) {
                    data.result = (rng.below(2) == 0).then_some(value);
                }
            }
            7 => {
                let target = rng.below(4) as usize;
                if let Some(data) = func.insts.get_mut(inst.index()) {
                    let mut k = 0;
                    data.kind.for_each_arg_mut(|v| {
                        if k == target {
                            *v = value;
                        }
                        k += 1;
                    });
                    if let Some(dest) = data.kind.successors_mut().next() {
                        if target == 0 {
                            dest.block = block;
                        }
                    }
                    if let InstKind::Call(callee, _) = &mut data.kind {
                        if target == 1 {
                            *callee = FuncId(rng.below(4));
                        }
                    }
                }
            }
            _ => match rng.below(3) {
                0 => func.values.truncate(rng.below(nv) as usize),
                1 => func.insts.truncate(rng.below(ni) as usize),
                _ => func.blocks.truncate(rng.below(nb) as usize),
            },
        }
    }

    #[test]
    fn corrupted_modules_never_panic() {
        let seeds = [
            parse(FIB),
            parse(&(FIB.to_string() + "\n" + &FIB.replace("fib", "g"))),
        ];
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut rejected = 0;
        for case in 0..4000 {
            let mut module = seeds[case % seeds.len()].clone();
            let count = module.functions.len();
            for _ in 0..1 + rng.below(4) {
                let which = rng.below(count) as usize;
                corrupt(&mut rng, &mut module.functions[which]);
            }
            if verify(&module).is_err() {
                rejected += 1;
            }
            let _ = module.to_string();
            for func in &module.functions {
                let dom = DomTree::compute(func);
                for b in 0..func.blocks.len() as u32 + 2 {
                    let _ = (dom.idom(Block(b)), dom.dominates(Block(0), Block(b)));
                }
                let _ = crate::ir::dom::predecessors(func);
            }
        }
        assert!(
            rejected > 3000,
            "only {rejected} corrupted modules rejected"
        );
    }
}
