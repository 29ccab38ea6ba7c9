//! The abstract syntax tree of the accepted subset. Every node carries the
//! [`Span`] of the source text it came from; names are [`Symbol`]s of the
//! module's [`Names`].

pub use super::names::{Names, Symbol};
use crate::error::Span;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// A source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// Functions and constants in source order (docstrings are dropped).
    pub items: Vec<Item>,
    /// The text of every name in `items`.
    pub names: Names,
}

/// A module-level definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// `def name(params): body`.
    Function(FunctionDef),
    /// `NAME = expr` (or `NAME: int = expr`).
    Constant(ConstantDef),
}

/// A name as written, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: Symbol,
    /// Where it is written.
    pub span: Span,
}

/// `def name(params): body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: Ident,
    /// Parameter names in order.
    pub params: Vec<Ident>,
    /// The body (docstrings dropped; never empty in valid source, but a body
    /// of only a docstring becomes empty).
    pub body: Vec<Stmt>,
    /// The `def` line, from `def` to the colon.
    pub span: Span,
}

/// `NAME = expr` at module level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstantDef {
    /// The constant's name.
    pub name: Ident,
    /// Its value, evaluated at compile time.
    pub value: Expr,
    /// The whole statement.
    pub span: Span,
}

/// A statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// The whole statement (for compound statements, the header line).
    pub span: Span,
}

/// The statements of the subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StmtKind {
    /// `x = e`, or `a, b = e1, e2` (simultaneous; `targets.len() ==
    /// values.len()`, checked by the parser).
    Assign {
        /// The names assigned, left to right.
        targets: Vec<Ident>,
        /// The values, evaluated left to right before any is assigned.
        values: Vec<Expr>,
    },
    /// `x op= e`.
    AugAssign {
        /// The name updated.
        target: Ident,
        /// The operation (`+=` is `BinOp::Add`).
        op: BinOp,
        /// The right-hand side.
        value: Expr,
    },
    /// `if cond: then_body else: else_body`; `elif` is an `If` alone in
    /// `else_body`.
    If {
        /// The condition.
        cond: Expr,
        /// Runs when the condition is true.
        then_body: Vec<Stmt>,
        /// Runs otherwise (empty when there is no `else`).
        else_body: Vec<Stmt>,
    },
    /// `while cond: body`.
    While {
        /// Tested before each iteration.
        cond: Expr,
        /// The loop body.
        body: Vec<Stmt>,
    },
    /// `for var in range(...): body`.
    For {
        /// The loop variable.
        var: Ident,
        /// `range(stop)` has only `stop`; `range(start, stop[, step])`.
        start: Option<Expr>,
        /// The bound (exclusive).
        stop: Expr,
        /// The step; `None` means 1.
        step: Option<Expr>,
        /// The loop body.
        body: Vec<Stmt>,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return e`.
    Return(Expr),
    /// `assert cond` or `assert cond, "message"`.
    Assert {
        /// The asserted condition.
        cond: Expr,
        /// The message (a string literal, escapes decoded).
        message: Option<String>,
    },
    /// An expression evaluated for its effect (the checker requires a call).
    Expr(Expr),
}

/// An expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The expressions of the subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// An integer literal; `True` and `False` are `Int(1)` and `Int(0)`.
    Int(i64),
    /// A name: a local, a parameter or a module constant.
    Name(Symbol),
    /// `-a`, `+a`, `~a`, `not a`.
    Unary(UnOp, Box<Expr>),
    /// `a + b` and the other arithmetic and bitwise operators.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a and b and ...` / `a or b or ...` (two or more operands).
    BoolOp(BoolOp, Vec<Expr>),
    /// `a < b <= c ...`: the first operand, then each operator with its
    /// right operand (one or more).
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `f(args)`: a module function or a builtin.
    Call(Ident, Vec<Expr>),
    /// `then if cond else otherwise`.
    IfExp {
        /// The condition (evaluated first).
        cond: Box<Expr>,
        /// The value when true.
        then: Box<Expr>,
        /// The value when false.
        otherwise: Box<Expr>,
    },
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-a`.
    Neg,
    /// `+a`.
    Pos,
    /// `~a`.
    Invert,
    /// `not a`.
    Not,
}

/// Binary arithmetic and bitwise operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`: the first false operand, or the last.
    And,
    /// `or`: the first true operand, or the last.
    Or,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}
