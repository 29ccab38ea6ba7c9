//! Function bodies: names, calls, loops, and what each value is.
//!
//! Needs: the [`Scope`] of a function whose locals and signature are known,
//! with every function's signature (for calls). Gives: `Ok(())`, or the
//! first error.
//!
//! Every value of the language is an integer; a buffer parameter is not a
//! value, and neither is the `None` of a call to a function that returns
//! nothing. So each expression is checked for the place it is used in
//! ([`Use`]): the name of a buffer is accepted only where a buffer is taken
//! (`len(b)`, `b[i]`, `for v in b`, an argument for a buffer parameter of
//! the same kind), and a call that returns `None` only as a statement.
//! Anywhere else the error says what the buffer or the `None` was used
//! for.

use super::{source_name, Global, Scope};
use crate::error::{CompileError, Span};
use crate::frontend::ast::{self, ExprId, ExprKind, Ident, Stmt, StmtKind, Symbol};
use crate::frontend::builtin::Builtin;
use crate::ir::{BufKind, ParamKind, Returns};
use alloc::format;
use alloc::string::String;

/// Checks the body of a function that returns `returns`.
///
/// # Errors
/// The first problem found, located at the offending construct.
pub(super) fn check_body(
    scope: Scope<'_>,
    returns: Returns,
    body: &[Stmt],
) -> Result<(), CompileError> {
    BodyChecker {
        scope,
        returns,
        loop_depth: 0,
    }
    .check_block(body)
}

/// Where an expression's value goes: an integer is needed everywhere but
/// in a call statement, which drops it (and so may be `None`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    /// A call statement.
    Statement,
    /// The value of an assignment to a local.
    Assign,
    /// `return e`.
    Return,
    /// An operand of arithmetic (`+`, `-x`, `x += e`, ...).
    Operand,
    /// An operand of a comparison.
    Compare,
    /// A truth value (`if`, `while`, `assert`, `not`, `and`, `or`).
    Truth,
    /// An item's index.
    Index,
    /// A value stored into an item.
    Stored,
    /// An argument of `range`.
    Range,
    /// Argument `index` (from 0) of module function `callee`, an integer
    /// parameter.
    Argument(Symbol, usize),
    /// An argument of a builtin.
    BuiltinArgument(Symbol),
    /// An argument of a host function.
    HostArgument(Symbol),
}

/// Walks a function body checking names, calls, loops, statements and
/// the uses of buffers and `None`.
struct BodyChecker<'a> {
    scope: Scope<'a>,
    returns: Returns,
    loop_depth: usize,
}

impl BodyChecker<'_> {
    fn check_block(&mut self, stmts: &[Stmt]) -> Result<(), CompileError> {
        stmts.iter().try_for_each(|s| self.check_stmt(s))
    }

    fn check_stmt(&mut self, stmt: &Stmt) -> Result<(), CompileError> {
        let tree = self.scope.tree;
        match &stmt.kind {
            StmtKind::Assign { targets, values } => {
                for (&target, &value) in tree[*targets].iter().zip(&tree[*values]) {
                    let is_item = matches!(tree[target].kind, ExprKind::Item(..));
                    self.check_expr(value, if is_item { Use::Stored } else { Use::Assign })?;
                }
                tree[*targets]
                    .iter()
                    .try_for_each(|&target| self.check_target(target))
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.check_target(*target)?;
                self.check_expr(*value, Use::Operand)
            }
            StmtKind::If {
                cond,
                then_body,
                else_body,
            } => {
                // An `elif` chain as a loop ([`ast::Tree::elif`]).
                let (mut cond, mut then_body, mut else_body) = (*cond, *then_body, *else_body);
                loop {
                    self.check_expr(cond, Use::Truth)?;
                    self.check_block(&tree[then_body])?;
                    match tree.elif(else_body) {
                        Some((_, c, t, e)) => (cond, then_body, else_body) = (c, t, e),
                        None => break,
                    }
                }
                self.check_block(&tree[else_body])
            }
            StmtKind::While { cond, body } => {
                self.check_expr(*cond, Use::Truth)?;
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
                    self.check_expr(e, Use::Range)?;
                }
                self.check_loop(*body)
            }
            StmtKind::ForEach { buffer, body, .. } => {
                if self.scope.buffer_kind(buffer.name).is_none() {
                    return Err(self.not_iterable(buffer));
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
            StmtKind::Return(Some(e)) => self.check_expr(*e, Use::Return),
            StmtKind::Return(None) if self.returns == Returns::Int => Err(CompileError::new(
                stmt.span,
                "a `return` of None (bare, or `return None`) in a function that returns a value elsewhere (every path must return a value, or none)",
            )),
            StmtKind::Return(None) => Ok(()),
            StmtKind::Assert { cond, .. } => self.check_expr(*cond, Use::Truth),
            StmtKind::Expr(e) => {
                let expr = &tree[*e];
                if !matches!(expr.kind, ExprKind::Call(..)) {
                    return Err(CompileError::new(
                        expr.span,
                        "an expression statement must be a call (its value would be lost)",
                    ));
                }
                self.check_expr(*e, Use::Statement)
            }
        }
    }

    fn check_loop(&mut self, body: ast::List<Stmt>) -> Result<(), CompileError> {
        self.loop_depth += 1;
        let result = self.check_block(&self.scope.tree[body]);
        self.loop_depth -= 1;
        result
    }

    /// An assignment target: a name (which the checker of locals has seen
    /// is not a buffer), or an item of a writable buffer.
    fn check_target(&self, target: ExprId) -> Result<(), CompileError> {
        let expr = &self.scope.tree[target];
        let ExprKind::Item(buffer, index) = expr.kind else {
            return Ok(());
        };
        match self.scope.buffer_kind(buffer.name) {
            None => Err(self.scope.not_indexable(&buffer)),
            Some(BufKind::Bytes) => Err(CompileError::new(
                expr.span,
                format!(
                    "`{}` is a `bytes` parameter, which is read-only: its items cannot be assigned (use `bytearray`)",
                    self.scope.names.text(buffer.name)
                ),
            )),
            Some(_) => self.check_expr(index, Use::Index),
        }
    }

    fn check_expr(&self, expr: ExprId, used: Use) -> Result<(), CompileError> {
        let scope = &self.scope;
        let expr = &scope.tree[expr];
        match &expr.kind {
            ExprKind::Int(_) => Ok(()),
            ExprKind::Name(name) => match scope.locals.get(*name) {
                Some(i) => match scope.params.get(i) {
                    Some(ParamKind::Buffer(kind)) => {
                        Err(self.buffer_misused(*name, *kind, expr.span, used))
                    }
                    _ => Ok(()),
                },
                None if matches!(scope.global(*name), Global::Constant(_)) => Ok(()),
                None => Err(scope.bad_name(*name, expr.span)),
            },
            ExprKind::Unary(op, a) => {
                let used = if *op == ast::UnOp::Not {
                    Use::Truth
                } else {
                    Use::Operand
                };
                self.check_expr(*a, used)
            }
            ExprKind::Binary(first, rest) => {
                self.check_expr(*first, Use::Operand)?;
                scope.tree[*rest]
                    .iter()
                    .try_for_each(|&(_, e)| self.check_expr(e, Use::Operand))
            }
            ExprKind::BoolOp(_, operands) => scope.tree[*operands]
                .iter()
                .try_for_each(|&e| self.check_expr(e, Use::Truth)),
            ExprKind::Compare(first, rest) => {
                self.check_expr(*first, Use::Compare)?;
                scope.tree[*rest]
                    .iter()
                    .try_for_each(|&(_, e)| self.check_expr(e, Use::Compare))
            }
            ExprKind::Call(name, args) => self.check_call(name, &scope.tree[*args], used),
            ExprKind::Item(buffer, index) => {
                if scope.buffer_kind(buffer.name).is_none() {
                    return Err(scope.not_indexable(buffer));
                }
                self.check_expr(*index, Use::Index)
            }
            ExprKind::IfExp {
                cond,
                then,
                otherwise,
            } => {
                self.check_expr(*cond, Use::Truth)?;
                self.check_expr(*then, used)?;
                self.check_expr(*otherwise, used)
            }
        }
    }

    fn check_call(&self, name: &Ident, args: &[ExprId], used: Use) -> Result<(), CompileError> {
        let scope = &self.scope;
        scope.check_call(name, args.len())?;
        let returns = match scope.global(name.name) {
            Global::Function { index, .. } => {
                let Some(callee) = scope.functions.get(index) else {
                    return Ok(());
                };
                let params = &callee.signature.params;
                for (i, (&arg, &param)) in args.iter().zip(params).enumerate() {
                    match param {
                        ParamKind::Int => self.check_expr(arg, Use::Argument(name.name, i))?,
                        ParamKind::Buffer(kind) => {
                            self.check_buffer_argument(arg, kind, name, i)?
                        }
                    }
                }
                callee.signature.returns
            }
            Global::Builtin(Builtin::Len) => {
                for &arg in args {
                    if !scope.is_buffer_name(arg) {
                        self.check_expr(arg, Use::BuiltinArgument(name.name))?;
                        return Err(scope.len_of_int(arg));
                    }
                }
                Returns::Int
            }
            Global::Builtin(_) => {
                for &arg in args {
                    self.check_expr(arg, Use::BuiltinArgument(name.name))?;
                }
                Returns::Int
            }
            Global::Host(i) => {
                for &arg in args {
                    self.check_expr(arg, Use::HostArgument(name.name))?;
                }
                scope.hosts.get(i).map_or(Returns::Int, |h| h.returns)
            }
            Global::Constant(_) | Global::Unbound => Returns::Int,
        };
        if returns == Returns::None && used != Use::Statement {
            let text = scope.names.text(name.name);
            return Err(CompileError::new(
                name.span,
                format!("`{text}` returns None: it can only be called as a statement"),
            ));
        }
        Ok(())
    }

    /// Argument `index` of `callee`, for a parameter of kind `kind`: the
    /// name of a buffer parameter of that kind.
    fn check_buffer_argument(
        &self,
        arg: ExprId,
        kind: BufKind,
        callee: &Ident,
        index: usize,
    ) -> Result<(), CompileError> {
        let scope = &self.scope;
        let expr = &scope.tree[arg];
        let found = match expr.kind {
            ExprKind::Name(name) => match scope.buffer_kind(name) {
                Some(found) if found == kind => return Ok(()),
                Some(found) => format!("a `{}`", source_name(found)),
                None if scope.is_local(name)
                    || matches!(scope.global(name), Global::Constant(_)) =>
                {
                    String::from("an integer")
                }
                None => return Err(scope.bad_name(name, expr.span)),
            },
            _ => {
                self.check_expr(arg, Use::Argument(callee.name, index))?;
                String::from("an integer")
            }
        };
        Err(CompileError::new(
            expr.span,
            format!(
                "`{}` takes a `{}` as argument {}, not {found}",
                scope.names.text(callee.name),
                source_name(kind),
                index + 1
            ),
        ))
    }

    /// The error for `for v in name` where `name` is not a buffer.
    fn not_iterable(&self, name: &Ident) -> CompileError {
        let scope = &self.scope;
        let text = scope.names.text(name.name);
        if scope.is_local(name.name) || matches!(scope.global(name.name), Global::Constant(_)) {
            CompileError::new(
                name.span,
                format!(
                    "`{text}` is an integer, not a buffer: only `range(...)`, a buffer parameter and `enumerate(BUFFER)` can be iterated over"
                ),
            )
        } else {
            scope.bad_name(name.name, name.span)
        }
    }

    /// The error for buffer `name` used where an integer is needed.
    fn buffer_misused(&self, name: Symbol, kind: BufKind, span: Span, used: Use) -> CompileError {
        let names = self.scope.names;
        let text = names.text(name);
        let what = match used {
            Use::Statement | Use::Assign => {
                String::from("a buffer cannot be assigned to a variable")
            }
            Use::Return => String::from("a buffer cannot be returned"),
            Use::Operand => String::from("arithmetic on a buffer is not supported"),
            Use::Compare => String::from("comparing a buffer is not supported"),
            Use::Truth => {
                format!("the truth value of a buffer is not supported (test `len({text})`)")
            }
            Use::Index => String::from("a buffer cannot be an index"),
            Use::Stored => String::from("a buffer cannot be stored as an item"),
            Use::Range => String::from("range() takes integers, not buffers"),
            Use::Argument(callee, index) => format!(
                "`{}` takes an integer as argument {}, not a buffer",
                names.text(callee),
                index + 1
            ),
            Use::BuiltinArgument(callee) => format!(
                "{}() takes integers, not buffers (only `len` takes a buffer)",
                names.text(callee)
            ),
            Use::HostArgument(callee) => format!(
                "host function `{}` takes integers, not buffers",
                names.text(callee)
            ),
        };
        CompileError::new(
            span,
            format!("{what}: `{text}` is a `{}` parameter", source_name(kind)),
        )
    }
}
