//! Semantic checks on the AST: names, arity, module constants, what each
//! value is (an integer, a buffer, or the `None` of a call).
//!
//! Needs: a parsed [`ast::Module`] and the host functions the embedder
//! declared. Gives: [`Checked`], the facts the lowering needs (module
//! constants with their final values, each function's locals and
//! signature), or the first [`CompileError`]. After this pass every name
//! read is a local or a constant, every call names a function, builtin or
//! host function with the right number of arguments of the right kinds,
//! every expression statement is a call, buffers appear only where a buffer
//! is taken (`len`, items, `for`, arguments for buffer parameters), and a
//! call that returns `None` only as a statement (`check::body` checks bodies).
//!
//! A function returns `None` when it has no `return e` at all. Whether one
//! that returns a value can reach its end is decided by the lowering, which
//! builds the control flow that question is about.

mod body;

use super::ast::{self, ExprId, ExprKind, Item, Names, Stmt, StmtKind, Symbol, Tree};
use super::builtin::Builtin;
use super::lexer::{self, TokenKind};
use crate::error::{printable, CompileError, Span};
use crate::ir::{BinaryOp, BufKind, HostArity, HostDecl, ParamKind, Returns, Signature, UnaryOp};
use crate::ops;
use crate::reuse::{empty_with_room, refill};
use crate::trap::Exception;
use alloc::format;
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

/// What the checker learned about a module.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// What each module-level name is, indexed by [`Symbol::index`]: module
    /// constants with their last assigned values (what functions see),
    /// functions, builtins.
    pub globals: Vec<Global>,
    /// One entry per function, in source order (the order of `FuncId`s).
    pub functions: Vec<FunctionInfo>,
}

/// What a name means at module level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Global {
    /// Nothing (it may still be a local of some function).
    Unbound,
    /// A builtin function.
    Builtin(Builtin),
    /// The module's `index`-th function (its `FuncId`), taking `arity`
    /// arguments.
    Function {
        /// Its place in source order among the module's functions.
        index: usize,
        /// How many parameters it has.
        arity: usize,
    },
    /// A module constant and its value.
    Constant(i64),
    /// The embedder's host function `hosts[i]`.
    Host(usize),
}

/// What the checker learned about one function.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    /// The function's name.
    pub name: Symbol,
    /// Its local variables: the parameters first, in order, then every
    /// other name the body assigns, in order of first assignment.
    pub locals: Vec<Symbol>,
    /// How many of `locals` are parameters.
    pub arity: usize,
    /// What each parameter receives (by its annotation) and what the
    /// function returns (`None` when it has no `return e`).
    pub signature: Signature,
}

/// Each name's index among the locals of the function at hand: a table as
/// long as the module's names, filled for one function at a time, so that
/// resolving a name never searches the locals (a function of 10,000 locals
/// would otherwise cost 10,000² steps).
#[derive(Clone, Debug, Default)]
pub struct LocalTable {
    index: Vec<u32>,
}

/// In a [`LocalTable`]: not a local of the function at hand.
const NOT_LOCAL: u32 = u32::MAX;

impl LocalTable {
    /// A table of no locals, for `names` names.
    pub fn new(names: &Names) -> LocalTable {
        LocalTable {
            index: vec![NOT_LOCAL; names.len()],
        }
    }

    /// Makes this a table of no locals for `names` names, in its own
    /// buffer if it has room.
    pub fn reset(&mut self, names: &Names) {
        refill(&mut self.index, names.len(), NOT_LOCAL);
    }

    /// Makes `locals` the locals at hand (the table must hold none).
    pub fn enter(&mut self, locals: &[Symbol]) {
        for (i, local) in locals.iter().enumerate() {
            self.index[local.index()] = i as u32;
        }
    }

    /// Makes `name` the local at `index`.
    fn insert(&mut self, name: Symbol, index: usize) {
        self.index[name.index()] = index as u32;
    }

    /// Forgets `locals`, leaving a table of no locals.
    pub fn leave(&mut self, locals: &[Symbol]) {
        for local in locals {
            self.index[local.index()] = NOT_LOCAL;
        }
    }

    /// The index of `name` among the locals at hand, if it is one.
    pub fn get(&self, name: Symbol) -> Option<usize> {
        match self.index.get(name.index()) {
            Some(&i) if i != NOT_LOCAL => Some(i as usize),
            _ => None,
        }
    }
}

/// Why a function the embedder names (a host function, a specialized
/// function) cannot have `name`: a keyword, or not a name at all; `None`
/// for a name a program can write.
pub(crate) fn name_problem(name: &str) -> Option<&'static str> {
    name_problem_in(&mut lexer::Scratch::default(), name)
}

/// [`name_problem`], lexing `name` in `lexer`'s buffers.
fn name_problem_in(lexer: &mut lexer::Scratch, name: &str) -> Option<&'static str> {
    let tokens = lexer.tokenize(name).unwrap_or_default();
    // The one token, the whole text: the lexer would skip a blank line,
    // a comment or a byte order mark before a name.
    let whole_name = matches!(
        tokens.first(),
        Some(t) if t.kind == TokenKind::Name
            && t.span.start == 0
            && t.span.end as usize == name.len()
    );
    (!whole_name).then_some("is not a name a program can call")
}

/// Refuses a host function whose name a program cannot call (a keyword,
/// a builtin's name, not a name at all) or that is declared twice.
fn check_host_names(hosts: &[HostDecl], scratch: &mut HostScratch) -> Result<(), CompileError> {
    let refuse = |name: &str, why: &str| {
        Err(CompileError::new(
            Span::default(),
            format!("host function `{}` {why}", printable(name)),
        ))
    };
    // The first declaration of a name declared before: in the order by
    // name (then place), the second of each run of one name, the earliest
    // of those. Sorting costs n log n for a long list of declarations.
    let order = &mut scratch.order;
    order.clear();
    order.extend(0..hosts.len());
    order.sort_unstable_by(|&a, &b| hosts[a].name.cmp(&hosts[b].name).then(a.cmp(&b)));
    let again = order
        .windows(2)
        .filter(|w| hosts[w[0]].name == hosts[w[1]].name)
        .map(|w| w[1])
        .min();
    for (i, host) in hosts.iter().enumerate() {
        let name = host.name.as_str();
        if Builtin::from_name(name).is_some() {
            return refuse(name, "has the name of a builtin");
        }
        if let Some(why) = name_problem_in(&mut scratch.lexer, name) {
            return refuse(name, why);
        }
        if again == Some(i) {
            return refuse(name, "is declared twice");
        }
    }
    Ok(())
}

/// What checking the host functions' names works in: their order by name,
/// and the lexer's buffers to lex each.
#[derive(Clone, Debug, Default)]
struct HostScratch {
    order: Vec<usize>,
    lexer: lexer::Scratch,
}

/// The checker's tables, kept from one module to the next so that after
/// the first they rarely allocate: what a [`crate::Compiler`] holds for
/// this stage.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// What the last module checked was found to be (its tables, after an
    /// error).
    checked: Checked,
    locals: LocalTable,
    hosts: HostScratch,
}

impl Scratch {
    /// [`check`] in these tables: what it learned stays here until the
    /// next call.
    ///
    /// # Errors
    /// As [`check`].
    pub fn check(
        &mut self,
        module: &ast::Module,
        hosts: &[HostDecl],
    ) -> Result<&Checked, CompileError> {
        check_in(self, module, hosts)?;
        Ok(&self.checked)
    }
}

/// Checks a module that may call the host functions `hosts`.
///
/// # Errors
/// The first problem found, located at the offending construct (a host
/// function declared twice, or with a builtin's name, at no place).
pub fn check(module: &ast::Module, hosts: &[HostDecl]) -> Result<Checked, CompileError> {
    let mut scratch = Scratch::default();
    check_in(&mut scratch, module, hosts)?;
    Ok(scratch.checked)
}

/// [`check`], filling the tables of `scratch` (`scratch.checked` is the
/// answer once it succeeds).
fn check_in(
    scratch: &mut Scratch,
    module: &ast::Module,
    hosts: &[HostDecl],
) -> Result<(), CompileError> {
    let names = &module.names;
    let tree = &module.tree;
    let Checked { globals, functions } = &mut scratch.checked;
    refill(globals, names.len(), Global::Unbound);
    for builtin in Builtin::ALL {
        if let Some(symbol) = names.get(builtin.name()) {
            globals[symbol.index()] = Global::Builtin(builtin);
        }
    }
    check_host_names(hosts, &mut scratch.hosts)?;
    for (i, host) in hosts.iter().enumerate() {
        if let Some(symbol) = names.get(&host.name) {
            globals[symbol.index()] = Global::Host(i);
        }
    }
    let mut index = 0;
    // Holds no locals until the functions are checked: module constants
    // see none.
    let locals = &mut scratch.locals;
    locals.reset(names);
    for item in &module.items {
        if let Item::Function(f) = item {
            let name = &f.name;
            match globals[name.name.index()] {
                Global::Builtin(b) if !b.can_be_shadowed() => {
                    return Err(redefines_loop_builtin(names, name))
                }
                Global::Host(_) => return Err(takes_host_name(names, "function", name)),
                Global::Function { .. } => {
                    return Err(CompileError::new(
                        name.span,
                        format!("function `{}` is defined twice", names.text(name.name)),
                    ))
                }
                _ => {}
            }
            let arity = f.params.len();
            globals[name.name.index()] = Global::Function { index, arity };
            index += 1;
        }
    }
    for item in &module.items {
        if let Item::Constant(c) = item {
            let name = &c.name;
            match globals[name.name.index()] {
                Global::Function { .. } => {
                    return Err(CompileError::new(
                        name.span,
                        format!(
                            "`{}` is both a function and a constant",
                            names.text(name.name)
                        ),
                    ))
                }
                Global::Builtin(b) if !b.can_be_shadowed() => {
                    return Err(redefines_loop_builtin(names, name))
                }
                Global::Host(_) => return Err(takes_host_name(names, "constant", name)),
                _ => {}
            }
            let scope = Scope {
                names,
                tree,
                globals,
                functions: &[],
                hosts,
                locals,
                params: &[],
            };
            let value = match scope.eval(c.value) {
                Ok(v) => v,
                Err(ConstError::Trap(e, span)) => {
                    return Err(CompileError::new(
                        span,
                        format!("evaluating this constant raises {e}"),
                    ))
                }
                Err(ConstError::NotConstant(span)) => {
                    return Err(CompileError::new(
                        span,
                        "module-level constants cannot call functions",
                    ))
                }
                Err(ConstError::Invalid(e)) => return Err(e),
            };
            globals[name.name.index()] = Global::Constant(value);
        }
    }
    // The entries of the last module's functions are filled again.
    functions.truncate(index);
    functions.reserve_exact(index - functions.len());
    let defs = module.items.iter().filter_map(|item| match item {
        Item::Function(f) => Some(f),
        Item::Constant(_) => None,
    });
    for (i, f) in defs.enumerate() {
        if i == functions.len() {
            functions.push(FunctionInfo {
                name: f.name.name,
                locals: Vec::new(),
                arity: 0,
                signature: Signature::default(),
            });
        }
        function_info(names, tree, f, globals, locals, &mut functions[i])?;
    }
    let defs = module.items.iter().filter_map(|item| match item {
        Item::Function(f) => Some(f),
        Item::Constant(_) => None,
    });
    for (def, info) in defs.zip(functions.iter()) {
        locals.enter(&info.locals);
        let scope = Scope {
            names,
            tree,
            globals,
            functions,
            hosts,
            locals,
            params: &info.signature.params,
        };
        let checked = body::check_body(scope, info.signature.returns, &tree[def.body]);
        locals.leave(&info.locals);
        checked?;
    }
    Ok(())
}

fn takes_host_name(names: &Names, what: &str, name: &ast::Ident) -> CompileError {
    CompileError::new(
        name.span,
        format!(
            "{what} `{}` has the name of a host function",
            names.text(name.name)
        ),
    )
}

/// A module function or constant named `range` or `enumerate`, which
/// `for` loops name ([`Builtin::can_be_shadowed`]).
fn redefines_loop_builtin(names: &Names, name: &ast::Ident) -> CompileError {
    CompileError::new(
        name.span,
        format!(
            "`{}` is the builtin `for` loops use: it cannot be defined again",
            names.text(name.name)
        ),
    )
}

fn shadows_builtin(names: &Names, name: &ast::Ident) -> CompileError {
    CompileError::new(
        name.span,
        format!("`{}` shadows a builtin function", names.text(name.name)),
    )
}

/// Collects a function's locals and signature into `info` (whatever it
/// held before); refuses locals that shadow a function, a builtin or a
/// host function, and assignments to a buffer parameter.
fn function_info(
    names: &Names,
    tree: &Tree,
    f: &ast::FunctionDef,
    globals: &[Global],
    table: &mut LocalTable,
    info: &mut FunctionInfo,
) -> Result<(), CompileError> {
    let locals = &mut info.locals;
    empty_with_room(locals, f.params.len() + 8);
    let kinds = &tree[f.kinds];
    let mut add = |ident: &ast::Ident| -> Result<(), CompileError> {
        match globals[ident.name.index()] {
            Global::Builtin(_) => return Err(shadows_builtin(names, ident)),
            Global::Host(_) => return Err(takes_host_name(names, "local variable", ident)),
            Global::Function { .. } => {
                return Err(CompileError::new(
                    ident.span,
                    format!(
                        "local variable `{}` shadows a function",
                        names.text(ident.name)
                    ),
                ))
            }
            _ => {}
        }
        match table.get(ident.name) {
            None => {
                table.insert(ident.name, locals.len());
                locals.push(ident.name);
            }
            Some(i) => {
                if let Some(ParamKind::Buffer(kind)) = kinds.get(i) {
                    let text = names.text(ident.name);
                    return Err(CompileError::new(
                        ident.span,
                        format!(
                            "`{text}` is a `{}` parameter: a buffer cannot be assigned to",
                            source_name(*kind)
                        ),
                    ));
                }
            }
        }
        Ok(())
    };
    for p in &tree[f.params] {
        add(p)?;
    }
    let arity = f.params.len();
    let mut result = Ok(());
    assigned_names(tree, &tree[f.body], &mut |t| {
        if result.is_ok() {
            result = add(t);
        }
    });
    table.leave(locals);
    result?;
    let returns = if returns_value(tree, &tree[f.body]) {
        Returns::Int
    } else {
        Returns::None
    };
    info.name = f.name.name;
    info.arity = arity;
    info.signature.params.clear();
    info.signature.params.extend_from_slice(kinds);
    info.signature.returns = returns;
    Ok(())
}

/// Whether a statement list has a `return e`, nested blocks included.
fn returns_value(tree: &Tree, stmts: &[Stmt]) -> bool {
    stmts.iter().any(|stmt| match &stmt.kind {
        StmtKind::Return(value) => value.is_some(),
        StmtKind::If {
            then_body,
            else_body,
            ..
        } => {
            // An `elif` chain as a loop ([`Tree::elif`]).
            let (mut then_body, mut else_body) = (*then_body, *else_body);
            loop {
                if returns_value(tree, &tree[then_body]) {
                    return true;
                }
                match tree.elif(else_body) {
                    Some((_, _, t, e)) => (then_body, else_body) = (t, e),
                    None => return returns_value(tree, &tree[else_body]),
                }
            }
        }
        StmtKind::While { body, .. }
        | StmtKind::For { body, .. }
        | StmtKind::ForEach { body, .. } => returns_value(tree, &tree[*body]),
        _ => false,
    })
}

/// A buffer kind as the source writes it: `bytes`, `bytearray`,
/// `list[int]`.
pub fn source_name(kind: BufKind) -> &'static str {
    match kind {
        BufKind::Bytes => "bytes",
        BufKind::ByteArray => "bytearray",
        BufKind::List => "list[int]",
    }
}

/// Calls `visit` with every name a statement list assigns (targets,
/// augmented targets, `for` variables), in source order, nested blocks
/// included. Items of buffers are not names.
pub fn assigned_names(tree: &Tree, stmts: &[Stmt], visit: &mut impl FnMut(&ast::Ident)) {
    let visit_target = |target: ExprId, visit: &mut dyn FnMut(&ast::Ident)| {
        let e = &tree[target];
        if let ExprKind::Name(name) = e.kind {
            visit(&ast::Ident { name, span: e.span });
        }
    };
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => {
                for &target in &tree[*targets] {
                    visit_target(target, visit);
                }
            }
            StmtKind::AugAssign { target, .. } => visit_target(*target, visit),
            StmtKind::If {
                then_body,
                else_body,
                ..
            } => {
                // An `elif` chain as a loop ([`Tree::elif`]).
                let (mut then_body, mut else_body) = (*then_body, *else_body);
                loop {
                    assigned_names(tree, &tree[then_body], visit);
                    match tree.elif(else_body) {
                        Some((_, _, t, e)) => (then_body, else_body) = (t, e),
                        None => break,
                    }
                }
                assigned_names(tree, &tree[else_body], visit);
            }
            StmtKind::While { body, .. } => assigned_names(tree, &tree[*body], visit),
            StmtKind::For { var, body, .. } => {
                visit(var);
                assigned_names(tree, &tree[*body], visit);
            }
            StmtKind::ForEach {
                index, var, body, ..
            } => {
                if let Some(index) = index {
                    visit(index);
                }
                visit(var);
                assigned_names(tree, &tree[*body], visit);
            }
            _ => {}
        }
    }
}

/// The names visible in an expression: module constants, functions (for
/// calls) and the current function's locals.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The text of every symbol.
    pub names: &'a Names,
    /// The module's statements and expressions.
    pub tree: &'a Tree,
    /// What each name is at module level (see [`Checked::globals`]).
    pub globals: &'a [Global],
    /// The module's functions (empty while constants are evaluated).
    pub functions: &'a [FunctionInfo],
    /// The host functions.
    pub hosts: &'a [HostDecl],
    /// The current function's locals (none at module level).
    pub locals: &'a LocalTable,
    /// What each parameter (the first locals) receives.
    pub params: &'a [ParamKind],
}

/// Why an expression has no compile-time value.
#[derive(Debug)]
pub enum ConstError {
    /// It reads a local or calls a function (the span says where).
    NotConstant(Span),
    /// Evaluating it raises this exception (at this span).
    Trap(Exception, Span),
    /// It is invalid (unknown name, wrong arity, ...).
    Invalid(CompileError),
}

impl Scope<'_> {
    /// Evaluates `expr` at compile time, with Python's semantics (including
    /// short-circuit evaluation).
    ///
    /// # Errors
    /// See [`ConstError`].
    pub fn eval(&self, expr: ExprId) -> Result<i64, ConstError> {
        let expr = &self.tree[expr];
        let trap = |e: Exception| ConstError::Trap(e, expr.span);
        match &expr.kind {
            ExprKind::Int(v) => Ok(*v),
            ExprKind::Name(name) => {
                if self.is_local(*name) {
                    return Err(ConstError::NotConstant(expr.span));
                }
                match self.global(*name) {
                    Global::Constant(v) => Ok(v),
                    _ => Err(ConstError::Invalid(self.bad_name(*name, expr.span))),
                }
            }
            ExprKind::Unary(op, a) => {
                let a = self.eval(*a)?;
                match op {
                    ast::UnOp::Neg => ops::unary(UnaryOp::Neg, a).map_err(trap),
                    ast::UnOp::Pos => Ok(a),
                    ast::UnOp::Invert => Ok(!a),
                    ast::UnOp::Not => Ok((a == 0) as i64),
                }
            }
            ExprKind::Binary(first, rest) => {
                let mut left = self.eval(*first)?;
                for &(op, right) in &self.tree[*rest] {
                    let right = self.eval(right)?;
                    left = ops::binary(binary_op(op), left, right).map_err(trap)?;
                }
                Ok(left)
            }
            ExprKind::BoolOp(op, operands) => {
                let mut value = 0;
                for &operand in &self.tree[*operands] {
                    value = self.eval(operand)?;
                    if (value != 0) == (*op == ast::BoolOp::Or) {
                        break;
                    }
                }
                Ok(value)
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(*first)?;
                for &(op, right) in &self.tree[*rest] {
                    let right = self.eval(right)?;
                    if ops::binary(compare_op(op), left, right).map_err(trap)? == 0 {
                        return Ok(0);
                    }
                    left = right;
                }
                Ok(1)
            }
            ExprKind::IfExp {
                cond,
                then,
                otherwise,
            } => {
                if self.eval(*cond)? != 0 {
                    self.eval(*then)
                } else {
                    self.eval(*otherwise)
                }
            }
            ExprKind::Item(buffer, _) => {
                if self.is_local(buffer.name) {
                    return Err(ConstError::NotConstant(expr.span));
                }
                Err(ConstError::Invalid(self.not_indexable(buffer)))
            }
            ExprKind::Call(name, args) => {
                self.check_call(name, args.len())
                    .map_err(ConstError::Invalid)?;
                let Global::Builtin(builtin) = self.global(name.name) else {
                    return Err(ConstError::NotConstant(name.span));
                };
                if builtin == Builtin::Len {
                    // Only a buffer has a length, and buffers are locals.
                    return match self.tree[*args] {
                        [arg] if self.is_buffer_name(arg) => {
                            Err(ConstError::NotConstant(expr.span))
                        }
                        [arg] => Err(ConstError::Invalid(self.len_of_int(arg))),
                        _ => Err(ConstError::NotConstant(expr.span)),
                    };
                }
                let mut values = Vec::with_capacity(args.len());
                for &a in &self.tree[*args] {
                    values.push(self.eval(a)?);
                }
                match (builtin, values.as_slice()) {
                    (Builtin::Abs, [a]) => ops::unary(UnaryOp::Abs, *a).map_err(trap),
                    (Builtin::Int, [a]) => Ok(*a),
                    (Builtin::Bool, [a]) => Ok((*a != 0) as i64),
                    (Builtin::Int | Builtin::Bool, []) => Ok(0),
                    (Builtin::Min, vs) => Ok(vs.iter().copied().min().unwrap_or(0)),
                    (Builtin::Max, vs) => Ok(vs.iter().copied().max().unwrap_or(0)),
                    _ => Err(ConstError::NotConstant(name.span)),
                }
            }
        }
    }

    /// Whether `expr` is a compile-time constant, and if so whether it is
    /// true. An expression that would trap is not constant (the trap happens
    /// when it runs).
    pub fn const_truth(&self, expr: ExprId) -> Option<bool> {
        self.eval(expr).ok().map(|v| v != 0)
    }

    /// What `name` is at module level.
    pub fn global(&self, name: Symbol) -> Global {
        self.globals
            .get(name.index())
            .copied()
            .unwrap_or(Global::Unbound)
    }

    fn is_local(&self, name: Symbol) -> bool {
        self.locals.get(name).is_some()
    }

    /// The kind of buffer `name` is, if it is a buffer parameter.
    pub fn buffer_kind(&self, name: Symbol) -> Option<BufKind> {
        let i = self.locals.get(name)?;
        match self.params.get(i) {
            Some(ParamKind::Buffer(kind)) => Some(*kind),
            _ => None,
        }
    }

    /// Whether `expr` is the name of a buffer parameter.
    fn is_buffer_name(&self, expr: ExprId) -> bool {
        match self.tree[expr].kind {
            ExprKind::Name(name) => self.buffer_kind(name).is_some(),
            _ => false,
        }
    }

    /// The error for `len(e)` where `e` is not a buffer.
    fn len_of_int(&self, arg: ExprId) -> CompileError {
        CompileError::new(
            self.tree[arg].span,
            "len() takes a buffer parameter (`bytes`, `bytearray` or `list[int]`), not an integer",
        )
    }

    /// The error for `name[...]` where `name` is not a buffer.
    fn not_indexable(&self, name: &ast::Ident) -> CompileError {
        let text = self.names.text(name.name);
        let message = match self.global(name.name) {
            _ if self.is_local(name.name) => {
                format!("`{text}` is an integer, not a buffer: it cannot be indexed")
            }
            Global::Constant(_) => {
                format!("`{text}` is an integer constant, not a buffer: it cannot be indexed")
            }
            Global::Function { .. } | Global::Builtin(_) | Global::Host(_) => {
                format!("function `{text}` cannot be indexed")
            }
            Global::Unbound => return CompileError::not_defined(name.span, text),
        };
        CompileError::new(name.span, message)
    }

    /// The error for reading `name` where it is neither a local nor a
    /// constant.
    fn bad_name(&self, name: Symbol, span: Span) -> CompileError {
        let text = self.names.text(name);
        if let Global::Function { .. } | Global::Builtin(_) | Global::Host(_) = self.global(name) {
            CompileError::new(
                span,
                format!("function `{text}` cannot be used as a value (only integers are values)"),
            )
        } else {
            CompileError::not_defined(span, text)
        }
    }

    /// Checks that `name` is callable with `argc` arguments.
    fn check_call(&self, name: &ast::Ident, argc: usize) -> Result<(), CompileError> {
        let n = self.names.text(name.name);
        match self.global(name.name) {
            Global::Function { arity, .. } => {
                if arity != argc {
                    return Err(CompileError::new(
                        name.span,
                        format!(
                            "`{n}` takes {arity} argument{} but {argc} {} given",
                            plural(arity),
                            if argc == 1 { "was" } else { "were" }
                        ),
                    ));
                }
                Ok(())
            }
            Global::Builtin(builtin) => {
                match builtin {
                    Builtin::Range => {
                        return Err(CompileError::new(
                            name.span,
                            "range() can only be used in `for NAME in range(...)`",
                        ))
                    }
                    Builtin::Enumerate => {
                        return Err(CompileError::new(
                            name.span,
                            "enumerate() can only be used in `for I, NAME in enumerate(BUFFER)`",
                        ))
                    }
                    _ => {}
                }
                let (min, max) = builtin.arity();
                if argc < min || argc > max {
                    let wanted = match (min, max) {
                        (1, 1) => "exactly 1 argument".to_string(),
                        (0, 1) => "at most 1 argument".to_string(),
                        _ => format!("at least {min} arguments (iterables are not supported)"),
                    };
                    return Err(CompileError::new(
                        name.span,
                        format!(
                            "{n}() takes {wanted} but {argc} {} given",
                            if argc == 1 { "was" } else { "were" }
                        ),
                    ));
                }
                Ok(())
            }
            Global::Host(i) => {
                let arity = self.hosts.get(i).map_or(HostArity::Any, |h| h.arity);
                match arity {
                    HostArity::Exactly(k) if k as usize != argc => Err(CompileError::new(
                        name.span,
                        format!(
                            "host function `{n}` takes {k} argument{} but {argc} {} given",
                            plural(k as usize),
                            if argc == 1 { "was" } else { "were" }
                        ),
                    )),
                    _ => Ok(()),
                }
            }
            Global::Constant(_) => Err(self.not_a_function(name)),
            Global::Unbound if self.buffer_kind(name.name).is_some() => Err(CompileError::new(
                name.span,
                format!("`{n}` is a buffer, not a function"),
            )),
            Global::Unbound if self.is_local(name.name) => Err(self.not_a_function(name)),
            Global::Unbound => Err(CompileError::not_defined(name.span, n)),
        }
    }

    fn not_a_function(&self, name: &ast::Ident) -> CompileError {
        CompileError::new(
            name.span,
            format!(
                "`{}` is an integer, not a function",
                self.names.text(name.name)
            ),
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The IR operation of an AST binary operator.
pub fn binary_op(op: ast::BinOp) -> BinaryOp {
    match op {
        ast::BinOp::Add => BinaryOp::Add,
        ast::BinOp::Sub => BinaryOp::Sub,
        ast::BinOp::Mul => BinaryOp::Mul,
        ast::BinOp::FloorDiv => BinaryOp::FloorDiv,
        ast::BinOp::Mod => BinaryOp::Mod,
        ast::BinOp::Pow => BinaryOp::Pow,
        ast::BinOp::LShift => BinaryOp::Shl,
        ast::BinOp::RShift => BinaryOp::Shr,
        ast::BinOp::BitAnd => BinaryOp::And,
        ast::BinOp::BitOr => BinaryOp::Or,
        ast::BinOp::BitXor => BinaryOp::Xor,
    }
}

/// The IR operation of an AST comparison operator.
pub fn compare_op(op: ast::CmpOp) -> BinaryOp {
    match op {
        ast::CmpOp::Lt => BinaryOp::Lt,
        ast::CmpOp::Le => BinaryOp::Le,
        ast::CmpOp::Gt => BinaryOp::Gt,
        ast::CmpOp::Ge => BinaryOp::Ge,
        ast::CmpOp::Eq => BinaryOp::Eq,
        ast::CmpOp::Ne => BinaryOp::Ne,
    }
}
