//! Semantic checks on the AST: names, arity, module constants.
//!
//! Needs: a parsed [`ast::Module`]. Gives: [`Checked`], the facts the
//! lowering needs (module constants with their final values, each function's
//! locals), or the first [`CompileError`]. After this pass every name read
//! is a local or a constant, every call names a function or builtin with the
//! right number of arguments, and every expression statement is a call.
//!
//! Whether a function can reach its end is decided by the lowering, which
//! builds the control flow that question is about.

use super::ast::{self, ExprId, ExprKind, Item, Names, Stmt, StmtKind, Symbol, Tree};
use crate::error::{CompileError, Span};
use crate::ir::{BinaryOp, UnaryOp};
use crate::ops;
use crate::trap::Exception;
use alloc::format;
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

/// What the checker learned about a module.
#[derive(Debug, Default)]
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
    /// The builtin function `BUILTINS[i]`.
    Builtin(usize),
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
}

/// What the checker learned about one function.
#[derive(Debug)]
pub struct FunctionInfo {
    /// The function's name.
    pub name: Symbol,
    /// Its local variables: the parameters first, in order, then every
    /// other name the body assigns, in order of first assignment.
    pub locals: Vec<Symbol>,
    /// How many of `locals` are parameters.
    pub arity: usize,
}

impl FunctionInfo {
    /// The index of local `name` in [`FunctionInfo::locals`].
    pub fn local(&self, name: Symbol) -> Option<usize> {
        self.locals.iter().position(|&l| l == name)
    }
}

/// The builtin functions and how many arguments each takes (min, max).
pub const BUILTINS: [(&str, usize, usize); 6] = [
    ("abs", 1, 1),
    ("min", 2, usize::MAX),
    ("max", 2, usize::MAX),
    ("int", 0, 1),
    ("bool", 0, 1),
    ("range", 1, 3),
];

/// Checks a module.
///
/// # Errors
/// The first problem found, located at the offending construct.
pub fn check(module: &ast::Module) -> Result<Checked, CompileError> {
    let names = &module.names;
    let tree = &module.tree;
    let mut globals = vec![Global::Unbound; names.len()];
    for (i, (builtin, _, _)) in BUILTINS.iter().enumerate() {
        if let Some(symbol) = names.get(builtin) {
            globals[symbol.index()] = Global::Builtin(i);
        }
    }
    let mut index = 0;
    for item in &module.items {
        if let Item::Function(f) = item {
            let name = &f.name;
            match globals[name.name.index()] {
                Global::Builtin(_) => return Err(shadows_builtin(names, name)),
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
                Global::Builtin(_) => return Err(shadows_builtin(names, name)),
                _ => {}
            }
            let scope = Scope {
                names,
                tree,
                globals: &globals,
                locals: &[],
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
    let mut functions = Vec::with_capacity(index);
    for item in &module.items {
        if let Item::Function(f) = item {
            let info = function_info(names, tree, f, &globals)?;
            let scope = Scope {
                names,
                tree,
                globals: &globals,
                locals: &info.locals,
            };
            let mut walker = BodyChecker {
                scope,
                loop_depth: 0,
            };
            walker.check_block(&tree[f.body])?;
            functions.push(info);
        }
    }
    Ok(Checked { globals, functions })
}

fn shadows_builtin(names: &Names, name: &ast::Ident) -> CompileError {
    CompileError::new(
        name.span,
        format!("`{}` shadows a builtin function", names.text(name.name)),
    )
}

/// Collects a function's locals and refuses ones that shadow a function or
/// a builtin.
fn function_info(
    names: &Names,
    tree: &Tree,
    f: &ast::FunctionDef,
    globals: &[Global],
) -> Result<FunctionInfo, CompileError> {
    let mut locals: Vec<Symbol> = Vec::with_capacity(f.params.len() + 8);
    let mut add = |ident: &ast::Ident| -> Result<(), CompileError> {
        match globals[ident.name.index()] {
            Global::Builtin(_) => return Err(shadows_builtin(names, ident)),
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
        if !locals.contains(&ident.name) {
            locals.push(ident.name);
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
    result?;
    Ok(FunctionInfo {
        name: f.name.name,
        locals,
        arity,
    })
}

/// Calls `visit` with every name a statement list assigns (targets,
/// augmented targets, `for` variables), in source order, nested blocks
/// included.
pub fn assigned_names(tree: &Tree, stmts: &[Stmt], visit: &mut impl FnMut(&ast::Ident)) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => tree[*targets].iter().for_each(&mut *visit),
            StmtKind::AugAssign { target, .. } => visit(target),
            StmtKind::If {
                then_body,
                else_body,
                ..
            } => {
                assigned_names(tree, &tree[*then_body], visit);
                assigned_names(tree, &tree[*else_body], visit);
            }
            StmtKind::While { body, .. } => assigned_names(tree, &tree[*body], visit),
            StmtKind::For { var, body, .. } => {
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
    /// The current function's locals (empty at module level).
    pub locals: &'a [Symbol],
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
            ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.eval(*a)?, self.eval(*b)?);
                ops::binary(binary_op(*op), a, b).map_err(trap)
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
            ExprKind::Call(name, args) => {
                self.check_call(name, args.len())
                    .map_err(ConstError::Invalid)?;
                let Global::Builtin(builtin) = self.global(name.name) else {
                    return Err(ConstError::NotConstant(name.span));
                };
                let mut values = Vec::with_capacity(args.len());
                for &a in &self.tree[*args] {
                    values.push(self.eval(a)?);
                }
                match (BUILTINS[builtin].0, values.as_slice()) {
                    ("abs", [a]) => ops::unary(UnaryOp::Abs, *a).map_err(trap),
                    ("int", [a]) => Ok(*a),
                    ("bool", [a]) => Ok((*a != 0) as i64),
                    ("int" | "bool", []) => Ok(0),
                    ("min", vs) => Ok(vs.iter().copied().min().unwrap_or(0)),
                    ("max", vs) => Ok(vs.iter().copied().max().unwrap_or(0)),
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
        self.locals.contains(&name)
    }

    /// The error for reading `name` where it is neither a local nor a
    /// constant.
    fn bad_name(&self, name: Symbol, span: Span) -> CompileError {
        let text = self.names.text(name);
        if let Global::Function { .. } | Global::Builtin(_) = self.global(name) {
            CompileError::new(
                span,
                format!("function `{text}` cannot be used as a value (only integers are values)"),
            )
        } else {
            CompileError::new(span, format!("name `{text}` is not defined"))
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
                let (_, min, max) = BUILTINS[builtin];
                if n == "range" {
                    return Err(CompileError::new(
                        name.span,
                        "range() can only be used in `for NAME in range(...)`",
                    ));
                }
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
            Global::Constant(_) => Err(self.not_a_function(name)),
            Global::Unbound if self.is_local(name.name) => Err(self.not_a_function(name)),
            Global::Unbound => Err(CompileError::new(
                name.span,
                format!("name `{n}` is not defined"),
            )),
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

/// Walks a function body checking names, calls, loops and statements.
struct BodyChecker<'a> {
    scope: Scope<'a>,
    loop_depth: usize,
}

impl BodyChecker<'_> {
    fn check_block(&mut self, stmts: &[Stmt]) -> Result<(), CompileError> {
        stmts.iter().try_for_each(|s| self.check_stmt(s))
    }

    fn check_stmt(&mut self, stmt: &Stmt) -> Result<(), CompileError> {
        match &stmt.kind {
            StmtKind::Assign { values, .. } => self.check_exprs(*values),
            StmtKind::AugAssign { value, .. } => self.check_expr(*value),
            StmtKind::If {
                cond,
                then_body,
                else_body,
            } => {
                let tree = self.scope.tree;
                self.check_expr(*cond)?;
                self.check_block(&tree[*then_body])?;
                self.check_block(&tree[*else_body])
            }
            StmtKind::While { cond, body } => {
                self.check_expr(*cond)?;
                self.check_loop(*body)
            }
            StmtKind::For {
                start,
                stop,
                step,
                body,
                ..
            } => {
                for e in [*start, Some(*stop), *step].into_iter().flatten() {
                    self.check_expr(e)?;
                }
                self.check_loop(*body)
            }
            StmtKind::Break | StmtKind::Continue if self.loop_depth == 0 => {
                let word = if stmt.kind == StmtKind::Break {
                    "break"
                } else {
                    "continue"
                };
                Err(CompileError::new(
                    stmt.span,
                    format!("`{word}` outside a loop"),
                ))
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
            StmtKind::Return(e) => self.check_expr(*e),
            StmtKind::Assert { cond, .. } => self.check_expr(*cond),
            StmtKind::Expr(e) => {
                let expr = &self.scope.tree[*e];
                if !matches!(expr.kind, ExprKind::Call(..)) {
                    return Err(CompileError::new(
                        expr.span,
                        "an expression statement must be a call (its value would be lost)",
                    ));
                }
                self.check_expr(*e)
            }
        }
    }

    fn check_loop(&mut self, body: ast::List<Stmt>) -> Result<(), CompileError> {
        self.loop_depth += 1;
        let result = self.check_block(&self.scope.tree[body]);
        self.loop_depth -= 1;
        result
    }

    fn check_exprs(&self, exprs: ast::List<ExprId>) -> Result<(), CompileError> {
        self.scope.tree[exprs]
            .iter()
            .try_for_each(|&e| self.check_expr(e))
    }

    fn check_expr(&self, expr: ExprId) -> Result<(), CompileError> {
        let expr = &self.scope.tree[expr];
        match &expr.kind {
            ExprKind::Int(_) => Ok(()),
            ExprKind::Name(name) => {
                if self.scope.is_local(*name)
                    || matches!(self.scope.global(*name), Global::Constant(_))
                {
                    Ok(())
                } else {
                    Err(self.scope.bad_name(*name, expr.span))
                }
            }
            ExprKind::Unary(_, a) => self.check_expr(*a),
            ExprKind::Binary(_, a, b) => {
                self.check_expr(*a)?;
                self.check_expr(*b)
            }
            ExprKind::BoolOp(_, operands) => self.check_exprs(*operands),
            ExprKind::Compare(first, rest) => {
                self.check_expr(*first)?;
                self.scope.tree[*rest]
                    .iter()
                    .try_for_each(|&(_, e)| self.check_expr(e))
            }
            ExprKind::Call(name, args) => {
                self.scope.check_call(name, args.len())?;
                self.check_exprs(*args)
            }
            ExprKind::IfExp {
                cond,
                then,
                otherwise,
            } => {
                self.check_expr(*cond)?;
                self.check_expr(*then)?;
                self.check_expr(*otherwise)
            }
        }
    }
}
