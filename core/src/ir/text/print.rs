//! Printing the text form. Printing never panics, even on malformed IR:
//! missing blocks and instructions print as comments, calls to function
//! ids outside the module print as `fn7`, and lists outside the pool as
//! `<no list>`.

use crate::ir::{
    BlockCall, Function, HostArity, Inst, InstKind, Module, Signature, ValueList, ValueListPool,
};
use core::fmt::{self, Write};

/// A function ready to print, with its module for the names of callees.
/// Made by [`Function::display`].
pub struct DisplayFunction<'a> {
    func: &'a Function,
    module: Option<&'a Module>,
}

/// One instruction ready to print (no indentation, no newline), as
/// `v3 = add v1, v2`. Made by [`Function::display_inst`].
pub struct DisplayInst<'a> {
    func: &'a Function,
    inst: Inst,
    module: Option<&'a Module>,
}

impl Function {
    /// The function in the text form. Calls name their callee as `module`
    /// names it; without a module (or for ids outside it) a callee prints as
    /// its id, e.g. `call fn2(v1)`, which the parser does not read back.
    pub fn display<'a>(&'a self, module: Option<&'a Module>) -> DisplayFunction<'a> {
        DisplayFunction { func: self, module }
    }

    /// The instruction `inst` of this function in the text form, for
    /// diagnostics; callees are named as in [`Function::display`].
    pub fn display_inst<'a>(&'a self, inst: Inst, module: Option<&'a Module>) -> DisplayInst<'a> {
        DisplayInst {
            func: self,
            inst,
            module,
        }
    }
}

impl fmt::Display for Module {
    /// The whole module: its host declarations, then its functions in
    /// order, separated by a blank line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for host in &self.hosts {
            write!(f, "host {}(", host.name)?;
            match host.arity {
                HostArity::Exactly(n) => {
                    for i in 0..n {
                        f.write_str(if i == 0 { "int" } else { ", int" })?;
                    }
                }
                HostArity::Any => f.write_str("...")?,
            }
            writeln!(f, ") -> {}", host.returns.name())?;
        }
        if !self.hosts.is_empty() && !self.functions.is_empty() {
            f.write_char('\n')?;
        }
        for (i, func) in self.functions.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            func.display(Some(self)).fmt(f)?;
        }
        Ok(())
    }
}

impl fmt::Display for Function {
    /// The function on its own; see [`Function::display`] for how calls
    /// print without the module.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display(None).fmt(f)
    }
}

impl fmt::Display for DisplayFunction<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let func = self.func;
        write!(f, "function {}", func.name)?;
        // The signature of integers only, returning one, goes without saying.
        if func.signature != Signature::ints(func.params().len()) {
            f.write_char('(')?;
            for (i, p) in func.signature.params.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(p.name())?;
            }
            write!(f, ") -> {}", func.signature.returns.name())?;
        }
        f.write_str(" {\n")?;
        for &block in &func.layout {
            write!(f, "{block}")?;
            let Some(data) = func.blocks.get(block.index()) else {
                writeln!(f, ":\n    ; {block} does not exist")?;
                continue;
            };
            if !matches!(func.pool.try_get(data.params), Some([])) {
                f.write_char('(')?;
                write_list(f, &func.pool, data.params)?;
                f.write_char(')')?;
            }
            f.write_str(":\n")?;
            for &inst in &data.insts {
                writeln!(f, "    {}", func.display_inst(inst, self.module))?;
            }
        }
        f.write_str("}\n")
    }
}

impl fmt::Display for DisplayInst<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(data) = self.func.insts.get(self.inst.index()) else {
            return write!(f, "; {} does not exist", self.inst);
        };
        if let Some(result) = data.result {
            write!(f, "{result} = ")?;
        }
        let pool = &self.func.pool;
        match &data.kind {
            InstKind::Const(n) => write!(f, "const {n}"),
            InstKind::Unary(op, a) => write!(f, "{} {a}", op.name()),
            InstKind::Binary(op, a, b) => write!(f, "{} {a}, {b}", op.name()),
            InstKind::Select(c, a, b) => write!(f, "select {c}, {a}, {b}"),
            InstKind::Call(callee, args) => {
                let name = self
                    .module
                    .and_then(|m| m.functions.get(callee.index()))
                    .map(|func| func.name.as_str());
                match name {
                    Some(name) => write!(f, "call {name}(")?,
                    None => write!(f, "call {callee}(")?,
                }
                write_list(f, pool, *args)?;
                f.write_char(')')
            }
            InstKind::CallHost(id, args) => {
                let name = self
                    .module
                    .and_then(|m| m.hosts.get(id.index()))
                    .map(|h| h.name.as_str());
                match name {
                    Some(name) => write!(f, "call_host {name}(")?,
                    None => write!(f, "call_host {id}(")?,
                }
                write_list(f, pool, *args)?;
                f.write_char(')')
            }
            InstKind::Load(kind, b, i) => write!(f, "load.{} {b}, {i}", kind.name()),
            InstKind::Store(kind, b, i, v) => write!(f, "store.{} {b}, {i}, {v}", kind.name()),
            InstKind::CheckIndex(check, i, n) => {
                let (kind, store, from_end) = check.suffix();
                write!(f, "check_index.{kind}{store}{from_end} {i}, {n}")
            }
            InstKind::CheckByte(v) => write!(f, "check_byte {v}"),
            InstKind::Fuel => f.write_str("fuel"),
            InstKind::FrameEnter => f.write_str("frame_enter"),
            InstKind::FrameExit => f.write_str("frame_exit"),
            InstKind::Jump(dest) => {
                f.write_str("jump ")?;
                write_block_call(f, pool, *dest)
            }
            InstKind::Branch(c, [then_dest, else_dest]) => {
                write!(f, "br {c}, ")?;
                write_block_call(f, pool, *then_dest)?;
                f.write_str(", ")?;
                write_block_call(f, pool, *else_dest)
            }
            InstKind::Return(v) => write!(f, "ret {v}"),
            InstKind::Trap(trap, message) => {
                write!(f, "trap {trap}")?;
                match message {
                    Some(message) => {
                        f.write_char(' ')?;
                        write_quoted(f, message)
                    }
                    None => Ok(()),
                }
            }
        }
    }
}

/// The values of `list`, separated by commas.
fn write_list(f: &mut fmt::Formatter<'_>, pool: &ValueListPool, list: ValueList) -> fmt::Result {
    let Some(values) = pool.try_get(list) else {
        return f.write_str("<no list>");
    };
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{value}")?;
    }
    Ok(())
}

/// `block3(v1, v2)`, or `block3` without arguments.
fn write_block_call(
    f: &mut fmt::Formatter<'_>,
    pool: &ValueListPool,
    dest: BlockCall,
) -> fmt::Result {
    let Some((block, args)) = dest.try_get(pool) else {
        return f.write_str("<no list>");
    };
    write!(f, "{block}")?;
    if !args.is_empty() {
        f.write_char('(')?;
        for (i, value) in args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{value}")?;
        }
        f.write_char(')')?;
    }
    Ok(())
}

/// A string literal the parser reads back as `text`. Control characters are
/// escaped so that a message can never break the line structure or write
/// raw control bytes to a terminal.
fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '"' => f.write_str("\\\"")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            c if c.is_control() => write!(f, "\\u{{{:02x}}}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

#[cfg(test)]
mod tests {
    use crate::ir::{
        BinaryOp, Block, FuncId, Function, Inst, InstKind, Module, UnaryOp, Value, ValueList,
    };
    use crate::test_fixtures::FIB;
    use crate::trap::Trap;
    use alloc::string::ToString;
    use alloc::vec;

    /// The `fib` of the format description, built with the builder methods.
    fn fib() -> Function {
        let mut func = Function::new("fib");
        let entry = func.create_block();
        let small = func.create_block();
        let big = func.create_block();
        let join = func.create_block();
        let n = func.append_block_param(entry);
        let two = func.append_inst(entry, InstKind::Const(2));
        let two = func.result(two);
        let cond = func.append_inst(entry, InstKind::Binary(BinaryOp::Lt, n, two));
        let cond = func.result(cond);
        let targets = [func.make_call(small, &[]), func.make_call(big, &[])];
        func.append_inst(entry, InstKind::Branch(cond, targets));
        func.append_inst(small, InstKind::Return(n));
        let one = func.append_inst(big, InstKind::Const(1));
        let one = func.result(one);
        let a = func.append_inst(big, InstKind::Binary(BinaryOp::Sub, n, one));
        let a = func.result(a);
        let args = func.make_list(&[a]);
        let fa = func.append_inst(big, InstKind::Call(FuncId(0), args));
        let fa = func.result(fa);
        let two = func.append_inst(big, InstKind::Const(2));
        let two = func.result(two);
        let b = func.append_inst(big, InstKind::Binary(BinaryOp::Sub, n, two));
        let b = func.result(b);
        let args = func.make_list(&[b]);
        let fb = func.append_inst(big, InstKind::Call(FuncId(0), args));
        let fb = func.result(fb);
        let sum = func.append_inst(big, InstKind::Binary(BinaryOp::Add, fa, fb));
        let sum = func.result(sum);
        // The join parameter is created after the other values, so it is v10.
        let result = func.append_block_param(join);
        let dest = func.make_call(join, &[sum]);
        func.append_inst(big, InstKind::Jump(dest));
        func.append_inst(join, InstKind::Return(result));
        func
    }

    #[test]
    fn prints_fib() {
        let module = Module {
            functions: vec![fib()],
            hosts: vec![],
        };
        assert_eq!(module.to_string(), FIB);
        // The builder numbered instructions in layout order, so parsing
        // gives back the very same module.
        assert_eq!(crate::ir::text::parse_module(FIB), Ok(module));
    }

    #[test]
    fn function_alone_names_callees_by_id() {
        let text = fib().to_string();
        assert!(text.contains("v5 = call fn0(v4)\n"), "{text}");
    }

    #[test]
    fn prints_every_other_kind() {
        let mut func = Function::new("main");
        let entry = func.create_block();
        func.append_inst(entry, InstKind::Fuel);
        let c = func.append_inst(entry, InstKind::Const(i64::MIN));
        let c = func.result(c);
        let s = func.append_inst(entry, InstKind::Select(c, c, c));
        let s = func.result(s);
        let n = func.append_inst(entry, InstKind::Unary(UnaryOp::BitNot, s));
        let n = func.result(n);
        func.append_inst(entry, InstKind::Binary(BinaryOp::AddWrap, c, n));
        func.append_inst(entry, InstKind::Call(FuncId(5), ValueList::EMPTY));
        func.append_inst(
            entry,
            InstKind::trap(
                Trap::AssertionError,
                Some("a \"b\"\\\n\t\r\u{1}\u{7f}é".into()),
            ),
        );
        func.append_inst(entry, InstKind::Trap(Trap::ValueError, None));
        let module = Module {
            functions: vec![func.clone(), Function::new("empty")],
            hosts: vec![],
        };
        assert_eq!(
            module.to_string(),
            "function main {
block0:
    fuel
    v0 = const -9223372036854775808
    v1 = select v0, v0, v0
    v2 = bnot v1
    v3 = add.wrap v0, v2
    v4 = call fn5()
    trap AssertionError \"a \\\"b\\\"\\\\\\n\\t\\r\\u{01}\\u{7f}é\"
    trap ValueError
}

function empty {
}
"
        );
    }

    #[test]
    fn malformed_ir_prints_without_panicking() {
        let mut func = Function::new("bad");
        let entry = func.create_block();
        func.blocks[0].insts.push(Inst(9));
        func.layout.push(Block(4));
        func.append_inst(entry, InstKind::Return(Value(77)));
        assert_eq!(
            func.to_string(),
            "function bad {
block0:
    ; inst9 does not exist
    ret v77
block4:
    ; block4 does not exist
}
"
        );
    }
}
