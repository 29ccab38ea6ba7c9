//! The abstract syntax tree of the accepted subset. Every node carries the
//! [`Span`] of the source text it came from; names are [`Symbol`]s of the
//! module's [`Names`]. Statements and expressions live in the module's
//! [`Tree`] and refer to each other by index.

pub use super::names::{Names, Symbol};
use crate::error::Span;
use crate::ir::ParamKind;
use crate::reuse::empty_with_room;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;
use core::ops::Index;

/// A source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// Functions and constants in source order (docstrings are dropped).
    pub items: Vec<Item>,
    /// The text of every name in `items`.
    pub names: Names,
    /// The statements and expressions of `items`.
    pub tree: Tree,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    pub params: List<Ident>,
    /// What each parameter receives, by its annotation: an integer, or a
    /// buffer for `bytes`, `bytearray`, `list[int]` (as long as `params`).
    pub kinds: List<ParamKind>,
    /// The body (docstrings dropped; never empty in valid source, but a body
    /// of only a docstring becomes empty).
    pub body: List<Stmt>,
    /// The `def` line, from `def` to the colon.
    pub span: Span,
    /// How many nodes the body has.
    pub size: BodySize,
}

/// How many statements and expressions a function body has, nested ones
/// included: a measure of the IR it lowers to, for sizing tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BodySize {
    /// Statements.
    pub stmts: usize,
    /// Expression nodes.
    pub exprs: usize,
    /// Places where its expressions may branch: each operand of an `and` /
    /// `or`, each operator of a comparison, each conditional expression
    /// (about the blocks they lower to).
    pub branches: usize,
}

/// `NAME = expr` at module level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstantDef {
    /// The constant's name.
    pub name: Ident,
    /// Its value, evaluated at compile time.
    pub value: ExprId,
    /// The whole statement.
    pub span: Span,
}

/// The nodes of a module's syntax tree, in one table per kind: an
/// expression is an [`ExprId`], the children of a node that has several
/// are a [`List`] of consecutive entries of a table. Index a `Tree` with
/// either to read the node or the entries.
///
/// One table per kind instead of a box per node: parsing allocates a few
/// growing vectors instead of one block per node, and the later stages
/// walk compact tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// Every expression, children before their parents.
    exprs: Vec<Expr>,
    /// The operands of `and` / `or` chains, the arguments of calls and
    /// the targets of assignments.
    expr_lists: Vec<ExprId>,
    /// The operators and right operands of comparison chains.
    comparisons: Vec<(CmpOp, ExprId)>,
    /// The operators and right operands of arithmetic chains.
    arithmetic: Vec<(BinOp, ExprId)>,
    /// Statements, each block's statements consecutive.
    stmts: Vec<Stmt>,
    /// Parameters and loop variables.
    idents: Vec<Ident>,
    /// What each parameter receives.
    kinds: Vec<ParamKind>,
    /// How many branch points the expressions have ([`BodySize::branches`]).
    branches: usize,
}

/// An expression: an index into its [`Tree`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExprId(u32);

/// Consecutive entries of one of the tables of a [`Tree`]: the statements
/// of a block, the arguments of a call, ...
pub struct List<T> {
    start: u32,
    len: u32,
    of: PhantomData<fn() -> T>,
}

impl<T> List<T> {
    /// No entries.
    pub const EMPTY: List<T> = List {
        start: 0,
        len: 0,
        of: PhantomData,
    };

    /// How many entries there are.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

// Written out because deriving them would require `T` to have them too.
impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for List<T> {}

impl<T> PartialEq for List<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.len) == (other.start, other.len)
    }
}

impl<T> Eq for List<T> {}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "List({}..{})", self.start, self.start + self.len)
    }
}

/// Appends `items` to `table` and returns where they are.
fn append<T>(table: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> List<T> {
    let start = table.len();
    table.extend(items);
    List {
        start: index(start),
        len: index(table.len() - start),
        of: PhantomData,
    }
}

/// A table index as stored in the tree.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 nodes")
}

impl Tree {
    /// An empty tree with room for about `nodes` expressions, statements
    /// and list entries.
    pub fn with_capacity(nodes: usize) -> Tree {
        Tree {
            exprs: Vec::with_capacity(nodes),
            expr_lists: Vec::with_capacity(nodes / 4),
            comparisons: Vec::with_capacity(nodes / 8),
            arithmetic: Vec::with_capacity(nodes / 4),
            stmts: Vec::with_capacity(nodes / 4),
            idents: Vec::with_capacity(nodes / 4),
            kinds: Vec::new(),
            branches: 0,
        }
    }

    /// Empties the tree, keeping its tables, with room for about `nodes`
    /// expressions, statements and list entries (as
    /// [`Tree::with_capacity`]).
    pub fn clear_with_room(&mut self, nodes: usize) {
        empty_with_room(&mut self.exprs, nodes);
        empty_with_room(&mut self.expr_lists, nodes / 4);
        empty_with_room(&mut self.comparisons, nodes / 8);
        empty_with_room(&mut self.arithmetic, nodes / 4);
        empty_with_room(&mut self.stmts, nodes / 4);
        empty_with_room(&mut self.idents, nodes / 4);
        self.kinds.clear();
        self.branches = 0;
    }

    /// Adds an expression.
    pub fn push_expr(&mut self, expr: Expr) -> ExprId {
        self.exprs.push(expr);
        ExprId(index(self.exprs.len() - 1))
    }

    /// An expression, to change (the parser widens a parenthesized
    /// expression's span to its parentheses).
    pub fn expr_mut(&mut self, id: ExprId) -> &mut Expr {
        &mut self.exprs[id.0 as usize]
    }

    /// Adds a list of expressions (operands or arguments).
    pub fn push_exprs(&mut self, exprs: impl IntoIterator<Item = ExprId>) -> List<ExprId> {
        append(&mut self.expr_lists, exprs)
    }

    /// Adds the rest of a comparison chain.
    pub fn push_comparisons(
        &mut self,
        comparisons: impl IntoIterator<Item = (CmpOp, ExprId)>,
    ) -> List<(CmpOp, ExprId)> {
        append(&mut self.comparisons, comparisons)
    }

    /// Adds the rest of an arithmetic chain.
    pub fn push_arithmetic(
        &mut self,
        operations: impl IntoIterator<Item = (BinOp, ExprId)>,
    ) -> List<(BinOp, ExprId)> {
        append(&mut self.arithmetic, operations)
    }

    /// Adds a block's statements.
    pub fn push_stmts(&mut self, stmts: impl IntoIterator<Item = Stmt>) -> List<Stmt> {
        append(&mut self.stmts, stmts)
    }

    /// How many parameters the tree has so far: where the parameters
    /// added next start ([`Tree::params_from`]).
    pub fn param_count(&self) -> usize {
        self.idents.len()
    }

    /// Adds a parameter: its name and what it receives.
    pub fn push_param(&mut self, name: Ident, kind: ParamKind) {
        self.idents.push(name);
        self.kinds.push(kind);
    }

    /// The names and the kinds of the parameters added since there were
    /// `start` ([`Tree::param_count`]).
    pub fn params_from(&self, start: usize) -> (List<Ident>, List<ParamKind>) {
        let len = index(self.idents.len().saturating_sub(start));
        let start = index(start);
        let names = List {
            start,
            len,
            of: PhantomData,
        };
        let kinds = List {
            start,
            len,
            of: PhantomData,
        };
        (names, kinds)
    }

    /// The `elif` in `else_body`, the `else` block of an `if`: the `If`
    /// that block holds when it is the whole block (as the parser nests
    /// `elif`, and as `else:` then `if` alone means the same), with the
    /// statement's span, condition, body and own `else`. The stages after
    /// the parser walk an `if`/`elif` chain with this as a loop, so that a
    /// chain of any length costs no native stack:
    ///
    /// ```text
    /// let (mut cond, mut then_body, mut else_body) = (cond, then_body, else_body);
    /// loop {
    ///     /* the arm `cond`, `then_body` */
    ///     match tree.elif(else_body) {
    ///         Some((_, c, t, e)) => (cond, then_body, else_body) = (c, t, e),
    ///         None => break,
    ///     }
    /// }
    /// /* the final `else_body` */
    /// ```
    pub fn elif(&self, else_body: List<Stmt>) -> Option<(Span, ExprId, List<Stmt>, List<Stmt>)> {
        match &self[else_body] {
            [Stmt {
                kind:
                    StmtKind::If {
                        cond,
                        then_body,
                        else_body,
                    },
                span,
            }] => Some((*span, *cond, *then_body, *else_body)),
            _ => None,
        }
    }

    /// Counts `n` more branch points ([`BodySize::branches`]).
    pub fn add_branches(&mut self, n: usize) {
        self.branches += n;
    }

    /// How many statements, expressions and branch points the tree has so
    /// far.
    pub fn size(&self) -> BodySize {
        BodySize {
            stmts: self.stmts.len(),
            exprs: self.exprs.len(),
            branches: self.branches,
        }
    }
}

impl Index<ExprId> for Tree {
    type Output = Expr;

    fn index(&self, id: ExprId) -> &Expr {
        &self.exprs[id.0 as usize]
    }
}

/// The entries of a list, from the table that holds lists of `T`.
macro_rules! index_lists {
    ($($item:ty => $table:ident),* $(,)?) => {$(
        impl Index<List<$item>> for Tree {
            type Output = [$item];

            fn index(&self, list: List<$item>) -> &[$item] {
                let start = list.start as usize;
                &self.$table[start..start + list.len as usize]
            }
        }
    )*};
}

index_lists! {
    ExprId => expr_lists,
    (CmpOp, ExprId) => comparisons,
    (BinOp, ExprId) => arithmetic,
    Stmt => stmts,
    Ident => idents,
    ParamKind => kinds,
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
        /// The targets, left to right: each a [`ExprKind::Name`] or an
        /// [`ExprKind::Item`] (assigned, its index evaluated, in this order
        /// after every value).
        targets: List<ExprId>,
        /// The values, evaluated left to right before any is assigned.
        values: List<ExprId>,
    },
    /// `x op= e` or `b[i] op= e`.
    AugAssign {
        /// What is updated: a [`ExprKind::Name`] or an [`ExprKind::Item`].
        target: ExprId,
        /// The operation (`+=` is `BinOp::Add`).
        op: BinOp,
        /// The right-hand side.
        value: ExprId,
    },
    /// `if cond: then_body else: else_body`; `elif` is an `If` alone in
    /// `else_body`.
    If {
        /// The condition.
        cond: ExprId,
        /// Runs when the condition is true.
        then_body: List<Stmt>,
        /// Runs otherwise (empty when there is no `else`).
        else_body: List<Stmt>,
    },
    /// `while cond: body`.
    While {
        /// Tested before each iteration.
        cond: ExprId,
        /// The loop body.
        body: List<Stmt>,
    },
    /// `for var in range(...): body`.
    For {
        /// The loop variable.
        var: Ident,
        /// `range(stop)` has only `stop`; `range(start, stop[, step])`.
        start: Option<ExprId>,
        /// The bound (exclusive).
        stop: ExprId,
        /// The step; `None` means 1.
        step: Option<ExprId>,
        /// The loop body.
        body: List<Stmt>,
    },
    /// `for var in b:` or `for index, var in enumerate(b):` over a buffer.
    ForEach {
        /// The index variable of `enumerate`.
        index: Option<Ident>,
        /// The item variable.
        var: Ident,
        /// The buffer iterated over (the checker makes sure it is one).
        buffer: Ident,
        /// The loop body.
        body: List<Stmt>,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return e`, or a bare `return` (`None`).
    Return(Option<ExprId>),
    /// `assert cond` or `assert cond, "message"`.
    Assert {
        /// The asserted condition.
        cond: ExprId,
        /// The message (a string literal, escapes decoded).
        message: Option<String>,
    },
    /// An expression evaluated for its effect (the checker requires a call).
    Expr(ExprId),
}

/// An expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The expressions of the subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// An integer literal; `True` and `False` are `Int(1)` and `Int(0)`.
    Int(i64),
    /// A name: a local, a parameter or a module constant.
    Name(Symbol),
    /// `-a`, `+a`, `~a`, `not a`.
    Unary(UnOp, ExprId),
    /// `a + b - c ...` and the other arithmetic and bitwise operators: the
    /// first operand, then each operator with its right operand (one or
    /// more), applied left to right. Operators of one precedence level
    /// written in a row make one node, so a sum of 10,000 terms is one
    /// level deep, not 10,000 (`**` groups to the right: one operator per
    /// node).
    Binary(ExprId, List<(BinOp, ExprId)>),
    /// `a and b and ...` / `a or b or ...` (two or more operands).
    BoolOp(BoolOp, List<ExprId>),
    /// `a < b <= c ...`: the first operand, then each operator with its
    /// right operand (one or more).
    Compare(ExprId, List<(CmpOp, ExprId)>),
    /// `f(args)`: a module function, a builtin or a host function.
    Call(Ident, List<ExprId>),
    /// `b[i]`: an item of a buffer (the checker makes sure `b` is one).
    Item(Ident, ExprId),
    /// `then if cond else otherwise`.
    IfExp {
        /// The condition (evaluated first).
        cond: ExprId,
        /// The value when true.
        then: ExprId,
        /// The value when false.
        otherwise: ExprId,
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
