//! Expressions, by Python's precedence (loosest first): `x if c else y`,
//! `or`, `and`, `not`, comparisons, `|`, `^`, `&`, shifts, `+ -`,
//! `* // %`, unary `- + ~`, `**`, calls and atoms.
//!
//! An operator-precedence parser with explicit stacks and no recursion, so
//! that the nesting of an expression costs heap, never native stack. The
//! operator stack holds every construct still waiting for operands, which
//! are exactly the ancestors of the current position in the tree: its
//! length bounds the nesting from below, and the parser refuses an
//! expression as soon as it passes [`MAX_PENDING`] (parentheses included).
//! Each node built is checked against [`MAX_EXPR_DEPTH`] with its actual
//! depth in the tree; parentheses make no node and add no depth.

use super::{PResult, Parser};
use crate::error::{CompileError, Span};
use crate::frontend::ast::{BinOp, BoolOp, CmpOp, Expr, ExprId, ExprKind, Ident, List, Tree, UnOp};
use crate::frontend::lexer::{Keyword, TokenKind};
use crate::frontend::MAX_EXPR_DEPTH;
use crate::reuse::empty_with_room;
use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

pub(super) const TRUE_DIVISION: &str = "true division `/` is not supported (use `//`)";
pub(super) const MATMUL: &str = "matrix multiplication `@` is not supported";
const STRINGS: &str = "strings are not supported (only docstrings and assert messages)";
const TUPLES: &str = "tuples are not supported";
const SLICES: &str = "slicing is not supported (only `b[i]`)";
const COMPREHENSIONS: &str = "comprehensions and generator expressions are not supported";

/// The most constructs (parentheses included) that may be open at once.
const MAX_PENDING: usize = 2 * MAX_EXPR_DEPTH;

/// The most parentheses that may be open at once (CPython's limit too).
const MAX_PARENS: usize = 200;

/// A parsed expression and the depth of its tree.
type Node = (ExprId, usize);

/// Binding strength of the pending constructs; an incoming operator
/// completes those on the stack that bind tighter than it.
const IF_ELSE: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const COMPARE: u8 = 5;
const UNARY: u8 = 12;
const POWER: u8 = 13;

fn too_deep(span: Span) -> Box<CompileError> {
    let message = format!("expression is nested too deeply (more than {MAX_EXPR_DEPTH} levels)");
    CompileError::new(span, message).into()
}

fn too_many_parens(span: Span) -> Box<CompileError> {
    let message = format!("expression is nested too deeply (more than {MAX_PARENS} parentheses)");
    CompileError::new(span, message).into()
}

/// Adds `kind` to the tree as a node one level above its deepest child.
fn node(tree: &mut Tree, kind: ExprKind, span: Span, child_depth: usize) -> PResult<Node> {
    let depth = child_depth + 1;
    if depth > MAX_EXPR_DEPTH {
        return Err(too_deep(span));
    }
    Ok((tree.push_expr(Expr { kind, span }), depth))
}

fn binary_op(kind: &TokenKind) -> Option<(BinOp, u8)> {
    Some(match kind {
        TokenKind::Pipe => (BinOp::BitOr, 6),
        TokenKind::Caret => (BinOp::BitXor, 7),
        TokenKind::Amp => (BinOp::BitAnd, 8),
        TokenKind::LShift => (BinOp::LShift, 9),
        TokenKind::RShift => (BinOp::RShift, 9),
        TokenKind::Plus => (BinOp::Add, 10),
        TokenKind::Minus => (BinOp::Sub, 10),
        TokenKind::Star => (BinOp::Mul, 11),
        TokenKind::DoubleSlash => (BinOp::FloorDiv, 11),
        TokenKind::Percent => (BinOp::Mod, 11),
        _ => return None,
    })
}

/// Whether `kind`, after an operand, ends the expression (what neither
/// continues it nor belongs to a group of it).
fn ends_operand(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Newline
            | TokenKind::Colon
            | TokenKind::Comma
            | TokenKind::RParen
            | TokenKind::Assign
            | TokenKind::Semicolon
            | TokenKind::Eof
    ) || super::stmt::augmented_op(kind).is_some()
}

/// Whether `kind` starts an operand that [`Parser::atom`] reads.
fn is_atom(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Int(_) | TokenKind::Name | TokenKind::Keyword(Keyword::True | Keyword::False)
    )
}

/// The binding strength of the operators [`Parser::plain_chain`] joins
/// operands with: the left-associative arithmetic ones and the
/// comparisons.
fn chain_strength(kind: &TokenKind) -> Option<u8> {
    match binary_op(kind) {
        Some((_, strength)) => Some(strength),
        None => compare_op(kind).map(|_| COMPARE),
    }
}

fn compare_op(kind: &TokenKind) -> Option<CmpOp> {
    Some(match kind {
        TokenKind::Lt => CmpOp::Lt,
        TokenKind::Le => CmpOp::Le,
        TokenKind::Gt => CmpOp::Gt,
        TokenKind::Ge => CmpOp::Ge,
        TokenKind::EqEq => CmpOp::Eq,
        TokenKind::NotEq => CmpOp::Ne,
        _ => return None,
    })
}

/// A construct still waiting for (some of) its operands.
#[derive(Clone, Debug)]
enum Pending {
    /// `(`, until its `)`.
    Paren(Span),
    /// `name(`, with the greatest depth of its arguments so far; the
    /// arguments are the operands from `first_arg` up.
    Call {
        name: Ident,
        first_arg: usize,
        depth: usize,
    },
    /// `name[`, until its `]`: the index is the operand on top.
    Item(Ident),
    /// A prefix operator and where it is written.
    Prefix(UnOp, Span),
    /// A chain of binary operators of one binding strength; its operators
    /// so far are those of [`Stacks::bin_ops`] from this index up.
    Binary(u8, usize),
    /// An `and` / `or` chain and how many operands it has so far.
    Bool(BoolOp, usize),
    /// A comparison chain; its operators so far are those of
    /// [`Stacks::cmp_ops`] from this index up.
    Compare(usize),
    /// `then if`, while the condition is parsed.
    IfCond,
    /// `then if cond else`, while the alternative is parsed.
    IfElse,
}

impl Pending {
    /// Groups and an unfinished `if` are never completed by an operator.
    fn strength(&self) -> u8 {
        match self {
            Pending::Paren(_) | Pending::Call { .. } | Pending::Item(_) | Pending::IfCond => 0,
            Pending::IfElse => IF_ELSE,
            Pending::Bool(BoolOp::Or, _) => OR,
            Pending::Bool(BoolOp::And, _) => AND,
            Pending::Prefix(UnOp::Not, _) => NOT,
            Pending::Compare(_) => COMPARE,
            Pending::Binary(strength, _) => *strength,
            Pending::Prefix(..) => UNARY,
        }
    }
}

/// The two stacks of the operator-precedence parse, and the operators of
/// the comparison chains on the operator stack.
#[derive(Clone, Debug, Default)]
pub(super) struct Stacks {
    ops: Vec<Pending>,
    operands: Vec<Node>,
    cmp_ops: Vec<CmpOp>,
    bin_ops: Vec<BinOp>,
}

impl Stacks {
    /// Empties the stacks, with room for `n` entries each.
    pub(super) fn clear_with_room(&mut self, n: usize) {
        empty_with_room(&mut self.ops, n);
        empty_with_room(&mut self.operands, n);
        empty_with_room(&mut self.cmp_ops, n);
        empty_with_room(&mut self.bin_ops, n);
    }

    /// Pushes a construct, refusing it when the constructs already open
    /// guarantee a tree deeper than the limit.
    fn push(&mut self, pending: Pending, at: Span) -> PResult<()> {
        if self.ops.len() + 1 >= MAX_PENDING {
            return Err(too_deep(at));
        }
        if matches!(pending, Pending::Paren(_)) {
            let open = self.ops.iter().filter(|p| matches!(p, Pending::Paren(_)));
            if open.count() >= MAX_PARENS {
                return Err(too_many_parens(at));
            }
        }
        self.ops.push(pending);
        Ok(())
    }

    fn pop_operand(&mut self) -> PResult<Node> {
        self.operands
            .pop()
            .ok_or_else(|| CompileError::new(Span::default(), "expected an expression").into())
    }

    /// Completes the constructs on top that bind more tightly than
    /// `strength` (or as tightly, for a left-associative operator).
    fn reduce_while(&mut self, tree: &mut Tree, strength: u8, left_assoc: bool) -> PResult<()> {
        while let Some(top) = self.ops.last() {
            let s = top.strength();
            if s == 0 || s < strength || (s == strength && !left_assoc) {
                break;
            }
            self.reduce_top(tree)?;
        }
        Ok(())
    }

    fn reduce_top(&mut self, tree: &mut Tree) -> PResult<()> {
        let Some(pending) = self.ops.pop() else {
            return Ok(());
        };
        let built = match pending {
            Pending::Prefix(op, span) => {
                let (operand, depth) = self.pop_operand()?;
                let span = span.to(tree[operand].span);
                node(tree, ExprKind::Unary(op, operand), span, depth)?
            }
            Pending::Binary(_, first_op) => {
                let ops = self.bin_ops.get(first_op..).unwrap_or_default();
                let at = self.operands.len().saturating_sub(ops.len() + 1);
                let (depth, span) = self.operands_from(tree, at)?;
                let first = self.operands[at].0;
                let rights = self.operands[at + 1..].iter().map(|&(e, _)| e);
                let rest = tree.push_arithmetic(ops.iter().copied().zip(rights));
                self.operands.truncate(at);
                self.bin_ops.truncate(first_op);
                node(tree, ExprKind::Binary(first, rest), span, depth)?
            }
            Pending::Bool(op, count) => {
                let at = self.operands.len().saturating_sub(count);
                let (depth, span) = self.operands_from(tree, at)?;
                let operands = tree.push_exprs(self.operands[at..].iter().map(|&(e, _)| e));
                tree.add_branches(operands.len());
                self.operands.truncate(at);
                node(tree, ExprKind::BoolOp(op, operands), span, depth)?
            }
            Pending::Compare(first_op) => {
                let ops = self.cmp_ops.get(first_op..).unwrap_or_default();
                let at = self.operands.len().saturating_sub(ops.len() + 1);
                let (depth, span) = self.operands_from(tree, at)?;
                let first = self.operands[at].0;
                let rights = self.operands[at + 1..].iter().map(|&(e, _)| e);
                let rest = tree.push_comparisons(ops.iter().copied().zip(rights));
                tree.add_branches(rest.len());
                self.operands.truncate(at);
                self.cmp_ops.truncate(first_op);
                node(tree, ExprKind::Compare(first, rest), span, depth)?
            }
            Pending::IfElse => {
                let (otherwise, od) = self.pop_operand()?;
                let (cond, cd) = self.pop_operand()?;
                let (then, td) = self.pop_operand()?;
                let span = tree[then].span.to(tree[otherwise].span);
                let kind = ExprKind::IfExp {
                    cond,
                    then,
                    otherwise,
                };
                tree.add_branches(1);
                node(tree, kind, span, td.max(cd).max(od))?
            }
            Pending::Paren(_) | Pending::Call { .. } | Pending::Item(_) | Pending::IfCond => {
                self.ops.push(pending);
                return Ok(());
            }
        };
        self.operands.push(built);
        Ok(())
    }

    /// Whether `not` may start an operand here: Python allows it only
    /// where a whole `not` expression fits, not after an arithmetic or
    /// comparison operator.
    fn allows_not(&self) -> bool {
        match self.ops.last() {
            None => true,
            Some(top) => top.strength() <= NOT,
        }
    }

    fn in_group(&self) -> bool {
        self.ops.iter().any(|p| {
            matches!(
                p,
                Pending::Paren(_) | Pending::Call { .. } | Pending::Item(_)
            )
        })
    }

    /// The innermost open group, if it is a subscript: its buffer.
    fn open_item(&self) -> Option<Ident> {
        let group = self.ops.iter().rev().find(|p| {
            matches!(
                p,
                Pending::Paren(_) | Pending::Call { .. } | Pending::Item(_)
            )
        });
        match group {
            Some(Pending::Item(buffer)) => Some(*buffer),
            _ => None,
        }
    }
}

impl Stacks {
    /// The greatest depth and the span of the operands from `at` up (at
    /// least one).
    fn operands_from(&self, tree: &Tree, at: usize) -> PResult<(usize, Span)> {
        let nodes = self.operands.get(at..).unwrap_or_default();
        let depth = nodes.iter().map(|(_, d)| *d).max().unwrap_or(0);
        match (nodes.first(), nodes.last()) {
            (Some(&(a, _)), Some(&(b, _))) => Ok((depth, tree[a].span.to(tree[b].span))),
            _ => Err(CompileError::new(Span::default(), "expected an expression").into()),
        }
    }
}

/// What a `)` or `,` meant to the expression being parsed.
enum GroupEnd {
    /// It belongs to an enclosing construct: the expression ends here.
    NotOurs,
    /// It was consumed; the parse continues after an operand.
    Operand,
    /// A comma between arguments was consumed; an operand follows.
    NextArgument,
}

impl Parser<'_> {
    /// Parses one expression (no tuples).
    pub(super) fn expression(&mut self) -> PResult<ExprId> {
        if let Some(atom) = self.lone_atom() {
            return Ok(atom);
        }
        if is_atom(self.peek()) && chain_strength(self.peek_at(1)).is_some() {
            if let Some(chain) = self.plain_chain() {
                return Ok(chain);
            }
        }
        // The stacks are kept in the parser between expressions, so that
        // their buffers are allocated once per module (and used in place:
        // taking them out and back costs more than a short expression).
        let result = self.expression_with();
        self.stacks.ops.clear();
        self.stacks.operands.clear();
        self.stacks.cmp_ops.clear();
        self.stacks.bin_ops.clear();
        result
    }

    /// The most common expression, a name or a literal alone (followed by
    /// what ends an expression), read without the stacks; `None`, having
    /// read nothing, for anything else.
    fn lone_atom(&mut self) -> Option<ExprId> {
        if !ends_operand(self.peek_at(1)) {
            return None;
        }
        self.atom()
    }

    /// A name or a literal, read as an operand of its own (the caller has
    /// made sure that what follows neither calls nor indexes it); `None`,
    /// having read nothing, for anything else.
    #[inline(always)]
    fn atom(&mut self) -> Option<ExprId> {
        let kind = match self.peek() {
            TokenKind::Int(value) => ExprKind::Int(*value),
            TokenKind::Keyword(Keyword::True) => ExprKind::Int(1),
            TokenKind::Keyword(Keyword::False) => ExprKind::Int(0),
            TokenKind::Name => {
                let span = self.span();
                ExprKind::Name(self.ident(span).name)
            }
            _ => return None,
        };
        let span = self.advance();
        Some(self.tree.push_expr(Expr { kind, span }))
    }

    /// The next most common expressions, names and literals joined by
    /// operators of one strength (`i + 1`, `a - b + c`, `x < n`), followed
    /// by what ends an expression: read straight into one node, as the
    /// stacks would make it, without them. `None`, having read nothing,
    /// for anything else. (Out of line, so that the other expressions do
    /// not pay for its registers.)
    #[inline(never)]
    fn plain_chain(&mut self) -> Option<ExprId> {
        let rest = self.tokens.get(self.pos..).unwrap_or_default();
        let strength = chain_strength(&rest.get(1)?.kind)?;
        // The whole chain is looked over first, so that nothing is read
        // unless it is one: operand, then operator and operand, up to the
        // end of the expression.
        let mut ops = 0;
        let mut mixed = false;
        let mut pairs = rest.chunks_exact(2);
        loop {
            let [operand, next] = pairs.next()? else {
                return None;
            };
            if !is_atom(&operand.kind) {
                return None;
            }
            match chain_strength(&next.kind) {
                Some(s) => {
                    ops += 1;
                    mixed |= s != strength;
                }
                None if ends_operand(&next.kind) => break,
                None => return None,
            }
        }
        if mixed {
            return self.mixed_chain(ops);
        }
        let first = self.atom()?;
        let mut last = first;
        for _ in 0..ops {
            let op = *self.peek();
            self.advance();
            last = self.atom()?;
            self.stacks.operands.push((last, 0));
            if let Some((op, _)) = binary_op(&op) {
                self.stacks.bin_ops.push(op);
            } else if let Some(op) = compare_op(&op) {
                self.stacks.cmp_ops.push(op);
            }
        }
        let rights = self.stacks.operands.iter().map(|&(e, _)| e);
        let kind = if strength == COMPARE {
            let rest = self
                .tree
                .push_comparisons(self.stacks.cmp_ops.iter().copied().zip(rights));
            self.tree.add_branches(rest.len());
            ExprKind::Compare(first, rest)
        } else {
            let rest = self
                .tree
                .push_arithmetic(self.stacks.bin_ops.iter().copied().zip(rights));
            ExprKind::Binary(first, rest)
        };
        self.stacks.operands.clear();
        self.stacks.bin_ops.clear();
        self.stacks.cmp_ops.clear();
        let span = self.tree[first].span.to(self.tree[last].span);
        Some(self.tree.push_expr(Expr { kind, span }))
    }

    /// Takes the binary operator or comparison `kind` (at `at`) onto the
    /// stacks, completing what binds tighter first; false, with nothing
    /// done, for any other token. (`**` is not one: see
    /// [`Parser::expression_with`].) Always inlined into its two callers:
    /// as a call it cost 0.3–0.7% of a compile's instructions.
    #[inline(always)]
    fn chain_operator(&mut self, kind: TokenKind, at: Span) -> PResult<bool> {
        if let Some((op, strength)) = binary_op(&kind) {
            // A left-associative operator of the strength of the chain on
            // top continues it.
            self.stacks.reduce_while(&mut self.tree, strength, false)?;
            if !matches!(self.stacks.ops.last(), Some(&Pending::Binary(s, _)) if s == strength) {
                self.stacks
                    .push(Pending::Binary(strength, self.stacks.bin_ops.len()), at)?;
            }
            self.stacks.bin_ops.push(op);
        } else if let Some(op) = compare_op(&kind) {
            self.stacks.reduce_while(&mut self.tree, COMPARE, false)?;
            if !matches!(self.stacks.ops.last(), Some(Pending::Compare(_))) {
                self.stacks
                    .push(Pending::Compare(self.stacks.cmp_ops.len()), at)?;
            }
            self.stacks.cmp_ops.push(op);
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// [`Parser::plain_chain`] of operators of several strengths (`2 * i +
    /// 1`, `i + 1 < n`), whose `ops` operators the caller has looked over:
    /// the stacks' own reductions, in their order, without the rest of
    /// the general loop. (Operands alone nest no deeper than the few
    /// strengths, far below the depth limit: no reduction fails.)
    fn mixed_chain(&mut self, ops: usize) -> Option<ExprId> {
        let first = self.atom()?;
        self.stacks.operands.push((first, 1));
        for _ in 0..ops {
            let (kind, at) = (*self.peek(), self.span());
            if !self.chain_operator(kind, at).ok()? {
                return None;
            }
            self.advance();
            let operand = self.atom()?;
            self.stacks.operands.push((operand, 1));
        }
        self.stacks.reduce_while(&mut self.tree, 1, true).ok()?;
        let (expr, _) = self.stacks.operands.pop()?;
        Some(expr)
    }

    fn expression_with(&mut self) -> PResult<ExprId> {
        'operand: loop {
            if !self.operand()? {
                // `name(` was just opened: its first argument follows.
                continue 'operand;
            }
            loop {
                if self.at(&TokenKind::LBracket) {
                    self.open_item()?;
                    continue 'operand;
                }
                self.refuse_trailer()?;
                let kind = self.peek();
                let at = self.span();
                if !self.chain_operator(*kind, at)? {
                    match kind {
                        TokenKind::DoubleStar => {
                            // Right-associative, and tighter than a unary
                            // operator on its left: nothing is completed.
                            self.stacks
                                .push(Pending::Binary(POWER, self.stacks.bin_ops.len()), at)?;
                            self.stacks.bin_ops.push(BinOp::Pow);
                        }
                        TokenKind::Slash => return Err(self.error_here(TRUE_DIVISION)),
                        TokenKind::At => return Err(self.error_here(MATMUL)),
                        TokenKind::Keyword(Keyword::And) => self.bool_operator(BoolOp::And)?,
                        TokenKind::Keyword(Keyword::Or) => self.bool_operator(BoolOp::Or)?,
                        TokenKind::Keyword(Keyword::If) => {
                            self.stacks.reduce_while(&mut self.tree, IF_ELSE, false)?;
                            if matches!(self.stacks.ops.last(), Some(Pending::IfCond)) {
                                return Err(self.expected("'else'"));
                            }
                            self.stacks.push(Pending::IfCond, at)?;
                        }
                        TokenKind::Keyword(Keyword::Else) => {
                            self.stacks.reduce_while(&mut self.tree, IF_ELSE, false)?;
                            match self.stacks.ops.last_mut() {
                                Some(top @ Pending::IfCond) => *top = Pending::IfElse,
                                _ => break 'operand,
                            }
                        }
                        TokenKind::RParen => match self.close_group()? {
                            GroupEnd::NotOurs => break 'operand,
                            _ => continue,
                        },
                        TokenKind::RBracket => match self.close_item()? {
                            GroupEnd::NotOurs => break 'operand,
                            _ => continue,
                        },
                        TokenKind::Colon => match self.stacks.open_item() {
                            Some(buffer) => {
                                let span = buffer.span.to(self.span());
                                return Err(CompileError::new(span, SLICES).into());
                            }
                            None => break 'operand,
                        },
                        TokenKind::Comma => match self.comma()? {
                            GroupEnd::NotOurs => break 'operand,
                            GroupEnd::Operand => continue,
                            GroupEnd::NextArgument => continue 'operand,
                        },
                        TokenKind::Keyword(Keyword::For) if self.stacks.in_group() => {
                            return Err(self.error_here(COMPREHENSIONS))
                        }
                        _ => match self.named_refusal() {
                            Some(err) if !self.at(&TokenKind::Indent) => return Err(err),
                            _ => break 'operand,
                        },
                    }
                }
                self.advance();
                continue 'operand;
            }
        }
        self.stacks.reduce_while(&mut self.tree, 1, true)?;
        match self.stacks.ops.last() {
            None => {}
            Some(Pending::Paren(_)) => return Err(self.expected("')'")),
            Some(Pending::Call { .. }) => return Err(self.expected("',' or ')'")),
            Some(Pending::Item(_)) => return Err(self.expected("']'")),
            Some(_) => return Err(self.expected("'else'")),
        }
        match (self.stacks.operands.pop(), self.stacks.operands.is_empty()) {
            (Some((expr, _)), true) => Ok(expr),
            _ => Err(self.expected("an expression")),
        }
    }

    fn bool_operator(&mut self, op: BoolOp) -> PResult<()> {
        let strength = match op {
            BoolOp::Or => OR,
            BoolOp::And => AND,
        };
        self.stacks.reduce_while(&mut self.tree, strength, false)?;
        match self.stacks.ops.last_mut() {
            Some(Pending::Bool(top, count)) if *top == op => *count += 1,
            _ => self.stacks.push(Pending::Bool(op, 2), self.span())?,
        }
        Ok(())
    }

    /// Reads prefix operators and groups up to an atom and pushes the atom;
    /// returns `false` when it stopped instead at `name(` with the call
    /// open and its first argument to come.
    fn operand(&mut self) -> PResult<bool> {
        loop {
            let at = self.span();
            let prefix = match self.peek() {
                TokenKind::Minus => Some(UnOp::Neg),
                TokenKind::Plus => Some(UnOp::Pos),
                TokenKind::Tilde => Some(UnOp::Invert),
                TokenKind::Keyword(Keyword::Not) => {
                    if !self.stacks.allows_not() {
                        return Err(
                            self.error_here("`not` cannot follow this operator (add parentheses)")
                        );
                    }
                    Some(UnOp::Not)
                }
                _ => None,
            };
            if let Some(op) = prefix {
                self.stacks.push(Pending::Prefix(op, at), at)?;
                self.advance();
                continue;
            }
            let message = match self.peek() {
                TokenKind::LParen => {
                    if self.peek_at(1) == &TokenKind::RParen {
                        self.advance();
                        return Err(CompileError::new(at.to(self.span()), TUPLES).into());
                    }
                    self.stacks.push(Pending::Paren(at), at)?;
                    self.advance();
                    continue;
                }
                TokenKind::Name => {
                    self.advance();
                    let ident = self.ident(at);
                    if self.at(&TokenKind::LParen) {
                        return self.open_call(ident);
                    }
                    if self.at(&TokenKind::Walrus) {
                        return Err(self.unexpected());
                    }
                    let name = node(&mut self.tree, ExprKind::Name(ident.name), at, 0)?;
                    self.stacks.operands.push(name);
                    return Ok(true);
                }
                TokenKind::Int(value) => return self.literal(*value),
                TokenKind::Keyword(Keyword::True) => return self.literal(1),
                TokenKind::Keyword(Keyword::False) => return self.literal(0),
                TokenKind::Keyword(Keyword::None) => "None is not supported",
                TokenKind::Str => STRINGS,
                TokenKind::LBracket => "lists are not supported",
                TokenKind::LBrace => "dicts and sets are not supported",
                TokenKind::Ellipsis => "the ellipsis `...` is not supported",
                TokenKind::Keyword(Keyword::Lambda) => "lambda is not supported",
                TokenKind::Keyword(Keyword::Yield) => "yield is not supported",
                TokenKind::Keyword(Keyword::Await) => "await is not supported",
                TokenKind::Star | TokenKind::DoubleStar => "starred expressions are not supported",
                _ => return Err(self.expected("an expression")),
            };
            return Err(self.error_here(message));
        }
    }

    fn literal(&mut self, value: i64) -> PResult<bool> {
        let span = self.advance();
        self.stacks
            .operands
            .push(node(&mut self.tree, ExprKind::Int(value), span, 0)?);
        Ok(true)
    }

    /// `name(`: an empty call becomes an operand at once (`true`);
    /// otherwise the call waits on the stack for its arguments (`false`).
    fn open_call(&mut self, name: Ident) -> PResult<bool> {
        let open = self.advance();
        if self.at(&TokenKind::RParen) {
            // A leaf: it adds no level above anything still to come.
            let span = name.span.to(self.advance());
            let call = ExprKind::Call(name, List::EMPTY);
            self.stacks
                .operands
                .push(node(&mut self.tree, call, span, 0)?);
            return Ok(true);
        }
        let call = Pending::Call {
            name,
            first_arg: self.stacks.operands.len(),
            depth: 0,
        };
        self.stacks.push(call, open)?;
        self.argument_start()?;
        Ok(false)
    }

    /// Refuses keyword arguments and argument unpacking.
    fn argument_start(&self) -> PResult<()> {
        match (self.peek(), self.peek_at(1)) {
            (TokenKind::Star | TokenKind::DoubleStar, _) => {
                Err(self.error_here("argument unpacking (`*args`, `**kwargs`) is not supported"))
            }
            (TokenKind::Name, TokenKind::Assign) => {
                let span = self.span().to(self.span_at(self.pos + 1));
                Err(CompileError::new(span, "keyword arguments are not supported").into())
            }
            _ => Ok(()),
        }
    }

    /// Consumes the `)` of the call on top of the stack and pushes the call.
    fn finish_call(&mut self) -> PResult<()> {
        let close = self.advance();
        match self.stacks.ops.pop() {
            Some(Pending::Call {
                name,
                first_arg,
                depth,
            }) => {
                let span = name.span.to(close);
                let first_arg = first_arg.min(self.stacks.operands.len());
                let args = self.stacks.operands[first_arg..].iter().map(|&(e, _)| e);
                let args = self.tree.push_exprs(args);
                self.stacks.operands.truncate(first_arg);
                let call = node(&mut self.tree, ExprKind::Call(name, args), span, depth)?;
                self.stacks.operands.push(call);
                Ok(())
            }
            _ => Err(CompileError::new(close, "unexpected token ')'").into()),
        }
    }

    /// Counts the finished argument on top of the operand stack (where it
    /// stays) into the depth of the call on top of the operator stack.
    fn take_argument(st: &mut Stacks) -> PResult<()> {
        let Some(&(_, d)) = st.operands.last() else {
            return Err(CompileError::new(Span::default(), "expected an expression").into());
        };
        if let Some(Pending::Call { depth, .. }) = st.ops.last_mut() {
            *depth = (*depth).max(d);
        }
        Ok(())
    }

    fn close_group(&mut self) -> PResult<GroupEnd> {
        self.stacks.reduce_while(&mut self.tree, 1, true)?;
        match self.stacks.ops.last() {
            Some(Pending::Paren(open)) => {
                let open = *open;
                self.stacks.ops.pop();
                let close = self.advance();
                // Parentheses make no node, so they cost later stages
                // nothing: the group keeps its inner depth.
                let (inner, depth) = self.stacks.pop_operand()?;
                self.tree.expr_mut(inner).span = open.to(close);
                self.stacks.operands.push((inner, depth));
                Ok(GroupEnd::Operand)
            }
            Some(Pending::Call { .. }) => {
                Self::take_argument(&mut self.stacks)?;
                self.finish_call()?;
                Ok(GroupEnd::Operand)
            }
            Some(_) => Err(self.expected("'else'")),
            None => Ok(GroupEnd::NotOurs),
        }
    }

    fn comma(&mut self) -> PResult<GroupEnd> {
        self.stacks.reduce_while(&mut self.tree, 1, true)?;
        match self.stacks.ops.last() {
            Some(Pending::Call { .. }) => {
                Self::take_argument(&mut self.stacks)?;
                self.advance();
                if self.at(&TokenKind::RParen) {
                    self.finish_call()?;
                    return Ok(GroupEnd::Operand);
                }
                self.argument_start()?;
                Ok(GroupEnd::NextArgument)
            }
            Some(Pending::Paren(open)) => {
                Err(CompileError::new(open.to(self.span()), TUPLES).into())
            }
            Some(Pending::Item(buffer)) => {
                Err(CompileError::new(buffer.span.to(self.span()), TUPLES).into())
            }
            Some(_) => Err(self.expected("'else'")),
            None => Ok(GroupEnd::NotOurs),
        }
    }

    /// `[` after an operand: a subscript, allowed only on a name (a
    /// buffer, as the checker will make sure). Opens it; the index follows.
    fn open_item(&mut self) -> PResult<()> {
        let open = self.span();
        let base = self.stacks.operands.last().map(|&(e, _)| self.tree[e]);
        match base {
            Some(Expr {
                kind: ExprKind::Name(name),
                span,
            }) => {
                self.stacks.operands.pop();
                self.stacks
                    .push(Pending::Item(Ident { name, span }), open)?;
                self.advance();
                if self.at(&TokenKind::RBracket) {
                    return Err(self.expected("an index"));
                }
                if self.at(&TokenKind::Colon) {
                    // `x[:2]`, `x[:]`, `x[::2]`: a slice with no start.
                    let at = span.to(self.span());
                    return Err(CompileError::new(at, SLICES).into());
                }
                Ok(())
            }
            Some(Expr {
                kind: ExprKind::Item(..),
                span,
            }) => Err(CompileError::new(
                span.to(open),
                "the items of a buffer are integers: they cannot be indexed",
            )
            .into()),
            Some(Expr { span, .. }) => Err(CompileError::new(
                span.to(open),
                "only a buffer parameter can be indexed",
            )
            .into()),
            None => Err(self.expected("an expression")),
        }
    }

    /// `]`: completes the subscript on top of the stack, or ends the
    /// expression if none is open.
    fn close_item(&mut self) -> PResult<GroupEnd> {
        self.stacks.reduce_while(&mut self.tree, 1, true)?;
        match self.stacks.ops.last() {
            Some(&Pending::Item(buffer)) => {
                self.stacks.ops.pop();
                let close = self.advance();
                let (index, depth) = self.stacks.pop_operand()?;
                let span = buffer.span.to(close);
                let item = node(&mut self.tree, ExprKind::Item(buffer, index), span, depth)?;
                self.stacks.operands.push(item);
                Ok(GroupEnd::Operand)
            }
            Some(Pending::Paren(_)) => Err(self.expected("')'")),
            Some(Pending::Call { .. }) => Err(self.expected("',' or ')'")),
            Some(_) => Err(self.expected("'else'")),
            None => Ok(GroupEnd::NotOurs),
        }
    }

    /// After an operand, Python allows calls, subscripts and attributes;
    /// the subset allows only a call on a plain name, read with the name.
    fn refuse_trailer(&self) -> PResult<()> {
        let message = match self.peek() {
            TokenKind::LParen => "only a function name can be called",
            TokenKind::Dot => "attribute access is not supported",
            _ => return Ok(()),
        };
        let mut span = self.span();
        if let Some(&(operand, _)) = self.stacks.operands.last() {
            span = self.tree[operand].span.to(span);
        }
        if message.starts_with("attribute") && self.peek_at(1) == &TokenKind::Name {
            span = span.to(self.span_at(self.pos + 1));
        }
        Err(CompileError::new(span, message).into())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{err, err_text, expr_text, parse_src};
    use crate::frontend::ast::{ExprId, ExprKind, Item, Module};
    use alloc::string::String;

    /// The source `X = <src>`, its module and the value of `X`.
    fn value(src: &str) -> (String, Module, ExprId) {
        let full = alloc::format!("X = {src}\n");
        let module = parse_src(&full).unwrap_or_else(|e| panic!("{src:?}: {}", e.message));
        match module.items.first() {
            Some(Item::Constant(c)) => {
                let value = c.value;
                (full, module, value)
            }
            _ => panic!("{src:?}: not a constant"),
        }
    }

    fn show(src: &str) -> String {
        let (_, module, value) = value(src);
        expr_text(&module, value)
    }

    #[test]
    fn precedence_and_associativity_match_cpython() {
        // The right-hand sides were printed from CPython's own `ast`.
        let table = [
            ("1 + 2 * 3", "(1 + (2 * 3))"),
            ("1 - 2 - 3", "((1 - 2) - 3)"),
            ("2 ** 3 ** 2", "(2 ** (3 ** 2))"),
            ("-2 ** 2", "(-(2 ** 2))"),
            ("2 ** -1", "(2 ** (-1))"),
            ("-x ** -y ** z", "(-(x ** (-(y ** z))))"),
            ("~-+x", "(~(-(+x)))"),
            (
                "a | b ^ c & d << e + f * g",
                "(a | (b ^ (c & (d << (e + (f * g))))))",
            ),
            (
                "a * b + c << d & e ^ f | g",
                "((((((a * b) + c) << d) & e) ^ f) | g)",
            ),
            ("a // b % c * d", "(((a // b) % c) * d)"),
            (
                "a < b <= c > d >= e == f != g",
                "(a < b <= c > d >= e == f != g)",
            ),
            ("a < b + 1 == c", "(a < (b + 1) == c)"),
            ("not a == b", "(not (a == b))"),
            ("not not a", "(not (not a))"),
            ("a and b or c and d", "((a and b) or (c and d))"),
            ("a or b or c", "(a or b or c)"),
            ("a and not b and c", "(a and (not b) and c)"),
            ("a if b else c if d else e", "(a if b else (c if d else e))"),
            (
                "(a if b else c) if d else e",
                "((a if b else c) if d else e)",
            ),
            ("a or b if c and d else e", "((a or b) if (c and d) else e)"),
            ("f(1, g(2), h())", "f(1, g(2), h())"),
            ("f(x,)", "f(x)"),
            ("True + False", "(1 + 0)"),
            ("(((1)))", "1"),
            ("-(1 + 2)", "(-(1 + 2))"),
            ("x<<y>>z", "((x << y) >> z)"),
            ("a - -b", "(a - (-b))"),
            ("1 if x else -1", "(1 if x else (-1))"),
            ("not a < b and c", "((not (a < b)) and c)"),
            ("2 ** -1 * 3", "((2 ** (-1)) * 3)"),
            ("-a * b", "((-a) * b)"),
            ("a if not b else not c", "(a if (not b) else (not c))"),
            ("x ** y ** -z ** w", "(x ** (y ** (-(z ** w))))"),
            ("f(a if b else c, not d)", "f((a if b else c), (not d))"),
            ("-x[i] ** 2", "(-(x[i] ** 2))"),
            ("x[x[i] + 1] * y[-1]", "(x[(x[i] + 1)] * y[(-1)])"),
            ("(x)[0]", "x[0]"),
            ("f(x[0], len(x))", "f(x[0], len(x))"),
            ("(a or b) and c", "((a or b) and c)"),
            ("a < (b < c)", "(a < (b < c))"),
            ("- - - 1", "(-(-(-1)))"),
            ("1 + -2 ** -3 * 4", "(1 + ((-(2 ** (-3))) * 4))"),
            ("0x10 * 0o10 + 0b10", "((16 * 8) + 2)"),
            ("a if b else c and d or e", "(a if b else ((c and d) or e))"),
            (
                "(1 if a else 2) + 3 if b else 4",
                "(((1 if a else 2) + 3) if b else 4)",
            ),
        ];
        for (src, expected) in table {
            assert_eq!(show(src), expected, "{src}");
        }
        assert_eq!(show("f(\n  x,\n  # comment\n  y\n)"), "f(x, y)");
        assert_eq!(show("(1 +\n 2)"), "(1 + 2)");
    }

    #[test]
    fn plain_chains_read_as_the_stacks_read_them() {
        use super::super::{Parser, Scratch};
        use crate::frontend::lexer::tokenize;
        let cases = [
            "a + 1\n",
            "a - b + 3 - True\n",
            "i < n:",
            "0 <= i < n == m != False,",
            "f(x << 2 >> y)",
            "a * b // c % 4 = 5",
            "x | y | 1\n",
            "k + 1 -= 2",
            "a + b * c\n",
            "2 * i + 1 < n - 1 == m\n",
            "x | y ^ z & 1 << 2 + 3 * 4\n",
        ];
        for src in cases {
            let tokens = tokenize(src).unwrap_or_else(|e| panic!("{src:?}: {}", e.message));
            reads_as_the_stacks_read_it(src, &tokens);
        }
        // Anything else is left to the stacks, with nothing read.
        for src in [
            "a + f(1)\n",
            "a < b and c\n",
            "a ** 2\n",
            "a + b[0]\n",
            "a + -1\n",
            "a\n",
            "a + b if c else d\n",
            "a + (b)\n",
            "a + b c\n",
        ] {
            let tokens = tokenize(src).unwrap_or_else(|e| panic!("{src:?}: {}", e.message));
            let mut scratch = Scratch::default();
            let mut parser = Parser::new(src, &tokens, &mut scratch);
            assert_eq!(parser.plain_chain(), None, "{src:?}");
            assert_eq!((parser.pos, parser.names.len()), (0, 0), "{src:?}");
        }
    }

    /// `src` (after `f(` if it starts so: the chain is the call's
    /// argument) is a plain chain, and reading it as one gives what the
    /// expression stacks give: the same node, tree, names and position,
    /// with the stacks left empty.
    fn reads_as_the_stacks_read_it(src: &str, tokens: &[crate::frontend::lexer::Token]) {
        use super::super::{Parser, Scratch};
        let (mut fast, mut slow) = (Scratch::default(), Scratch::default());
        let mut fast = Parser::new(src, tokens, &mut fast);
        let mut slow = Parser::new(src, tokens, &mut slow);
        let skip = 2 * usize::from(src.starts_with("f("));
        (fast.pos, slow.pos) = (skip, skip);
        let chain = fast.plain_chain();
        let stacked = slow.expression_with();
        assert!(chain.is_some(), "{src:?}: not a plain chain");
        assert_eq!(chain, stacked.ok(), "{src:?}");
        assert_eq!(fast.tree, slow.tree, "{src:?}");
        assert_eq!(fast.names, slow.names, "{src:?}");
        assert_eq!(
            (fast.pos, fast.prev_end),
            (slow.pos, slow.prev_end),
            "{src:?}"
        );
        let stacks = &fast.stacks;
        assert!(
            stacks.ops.is_empty() && stacks.operands.is_empty(),
            "{src:?}"
        );
        assert!(
            stacks.bin_ops.is_empty() && stacks.cmp_ops.is_empty(),
            "{src:?}"
        );
    }

    #[test]
    fn random_plain_chains_read_as_the_stacks_read_them() {
        use crate::frontend::lexer::tokenize;
        use crate::test_fixtures::Rng;
        let atoms = ["a", "b", "0", "7", "True", "False"];
        let ops = [
            "+", "-", "*", "//", "%", "<<", ">>", "&", "|", "^", "<", "<=", ">", ">=", "==", "!=",
        ];
        let ends = ["\n", ":", ",", ")", "=", ";", "+= 1"];
        let mut rng = Rng::new(13);
        for _ in 0..2000 {
            let mut src = String::from(atoms[rng.below(atoms.len())]);
            for _ in 0..1 + rng.below(8) {
                src.push_str(&alloc::format!(
                    " {} {}",
                    ops[rng.below(ops.len())],
                    atoms[rng.below(atoms.len())]
                ));
            }
            let end = ends[rng.below(ends.len())];
            let src = match end {
                ")" => alloc::format!("f({src})"),
                _ => src + end,
            };
            let Ok(tokens) = tokenize(&src) else {
                continue;
            };
            reads_as_the_stacks_read_it(&src, &tokens);
        }
    }

    #[test]
    fn spans_cover_the_source_text() {
        let (src, module, e) = value("(a + b) * -f(1, 2) ** 2");
        let text = |e: ExprId| {
            let span = module.tree[e].span;
            &src[span.start as usize..span.end as usize]
        };
        assert_eq!(text(e), "(a + b) * -f(1, 2) ** 2");
        let ExprKind::Binary(lhs, rest) = module.tree[e].kind else {
            panic!("not a binary node")
        };
        let [(_, rhs)] = module.tree[rest] else {
            panic!("not one operator")
        };
        // A parenthesized expression spans its parentheses.
        assert_eq!(text(lhs), "(a + b)");
        assert_eq!(text(rhs), "-f(1, 2) ** 2");
        let ExprKind::Unary(_, power) = module.tree[rhs].kind else {
            panic!("not a unary node")
        };
        assert_eq!(text(power), "f(1, 2) ** 2");
        let spans = |src: &str| {
            let (full, module, e) = value(src);
            let span = module.tree[e].span;
            String::from(&full[span.start as usize..span.end as usize])
        };
        for src in [
            "a < b <= c",
            "a and b and c",
            "not a",
            "a if b else c",
            "f()",
            "f(x,)",
            "((x))",
            "True",
            "0x_ff",
        ] {
            assert_eq!(spans(src), src);
        }
    }

    #[test]
    fn refused_expressions_are_named() {
        let cases = [
            (
                "1 / 2",
                "1:7: true division `/` is not supported (use `//`)",
            ),
            ("a @ b", "1:7: matrix multiplication `@` is not supported"),
            ("None", "1:5: None is not supported"),
            (
                "'s' + 1",
                "1:5: strings are not supported (only docstrings and assert messages)",
            ),
            (
                "1 + \"s\"",
                "1:9: strings are not supported (only docstrings and assert messages)",
            ),
            ("[1, 2]", "1:5: lists are not supported"),
            ("{1: 2}", "1:5: dicts and sets are not supported"),
            ("{1}", "1:5: dicts and sets are not supported"),
            ("f(x)[0]", "1:5: only a buffer parameter can be indexed"),
            ("(a + b)[0]", "1:5: only a buffer parameter can be indexed"),
            (
                "x[0][1]",
                "1:5: the items of a buffer are integers: they cannot be indexed",
            ),
            ("x[1:2]", "1:5: slicing is not supported (only `b[i]`)"),
            ("x[a + 1:]", "1:5: slicing is not supported (only `b[i]`)"),
            ("x[:]", "1:5: slicing is not supported (only `b[i]`)"),
            ("x[:2]", "1:5: slicing is not supported (only `b[i]`)"),
            ("x[::2]", "1:5: slicing is not supported (only `b[i]`)"),
            ("x[]", "1:7: expected an index"),
            ("x[1, 2]", "1:5: tuples are not supported"),
            ("x[1", "1:6: '[' was never closed"),
            ("a.b", "1:5: attribute access is not supported"),
            ("1 .real", "1:5: attribute access is not supported"),
            ("f(1)(2)", "1:5: only a function name can be called"),
            ("(f)(1)", "1:5: only a function name can be called"),
            ("f(x=1)", "1:7: keyword arguments are not supported"),
            ("f(1, y=2)", "1:10: keyword arguments are not supported"),
            (
                "f(*a)",
                "1:7: argument unpacking (`*args`, `**kwargs`) is not supported",
            ),
            (
                "f(1, **a)",
                "1:10: argument unpacking (`*args`, `**kwargs`) is not supported",
            ),
            (
                "f(x for x in y)",
                "1:9: comprehensions and generator expressions are not supported",
            ),
            (
                "(x for x in y)",
                "1:8: comprehensions and generator expressions are not supported",
            ),
            ("f((1, 2))", "1:7: tuples are not supported"),
            ("()", "1:5: tuples are not supported"),
            ("lambda: 1", "1:5: lambda is not supported"),
            ("a is b", "1:7: `is` is not supported (use `==`)"),
            ("a is not b", "1:7: `is` is not supported (use `==`)"),
            ("a in b", "1:7: `in` is not supported"),
            ("a not in b", "1:7: `not in` is not supported"),
            (
                "f(x := 1)",
                "1:9: the walrus operator `:=` is not supported",
            ),
            ("(x := 1)", "1:8: the walrus operator `:=` is not supported"),
            ("...", "1:5: the ellipsis `...` is not supported"),
            ("*a", "1:5: starred expressions are not supported"),
            ("await x", "1:5: await is not supported"),
            ("(yield)", "1:6: yield is not supported"),
            (
                "1.5 * 2",
                "1:5: floats are not supported (only 64-bit integers)",
            ),
            (
                "-9223372036854775808",
                "1:6: integer literal is too large (the limit is 9223372036854775807)",
            ),
        ];
        for (src, expected) in cases {
            assert_eq!(err(&alloc::format!("X = {src}")), expected, "{src}");
        }
        assert_eq!(err_text("X = f(x=1)"), "x=");
        assert_eq!(err_text("X = a.b + 1"), "a.b");
        assert_eq!(err_text("X = f()[1]"), "f()[");
        assert_eq!(err_text("X = f((1, 2))"), "(1,");
        assert_eq!(err_text("X = 1 + ()"), "()");
    }

    #[test]
    fn syntax_errors_say_what_was_expected() {
        let cases = [
            ("1 +", "1:8: expected an expression"),
            ("(1 2)", "1:8: expected ')'"),
            ("f(1 2)", "1:9: expected ',' or ')'"),
            ("1 if 2", "1:11: expected 'else'"),
            ("1 if 2 if 3 else 4 else 5", "1:12: expected 'else'"),
            ("(1 if 2)", "1:12: expected 'else'"),
            (
                "a < not b",
                "1:9: `not` cannot follow this operator (add parentheses)",
            ),
            (
                "1 + not 2",
                "1:9: `not` cannot follow this operator (add parentheses)",
            ),
            (
                "- not 2",
                "1:7: `not` cannot follow this operator (add parentheses)",
            ),
            ("f(,)", "1:7: expected an expression"),
            ("f(1,,)", "1:9: expected an expression"),
            ("1 2", "1:7: unexpected token '2'"),
            ("a not b", "1:7: unexpected token 'not'"),
            ("import", "1:5: expected an expression"),
        ];
        for (src, expected) in cases {
            assert_eq!(err(&alloc::format!("X = {src}")), expected, "{src}");
        }
    }

    #[test]
    fn depth_is_counted_in_tree_levels_not_parentheses() {
        let depth = |src: &str| -> Result<(), String> {
            parse_src(&alloc::format!("X = {src}"))
                .map(|_| ())
                .map_err(|e| e.message)
        };
        let too_deep = Err(String::from(
            "expression is nested too deeply (more than 500 levels)",
        ));
        let repeat = |s: &str, n: usize| s.repeat(n);
        // Parentheses add no level, but only so many may be open at once
        // (as in CPython).
        assert_eq!(depth(&(repeat("(", 200) + "1" + &repeat(")", 200))), Ok(()));
        assert_eq!(
            depth(&(repeat("(", 201) + "1" + &repeat(")", 201))),
            Err(String::from(
                "expression is nested too deeply (more than 200 parentheses)"
            ))
        );
        // 100 nested groups of two levels each (the language asks for 100).
        assert_eq!(
            depth(&(repeat("-(", 100) + "1" + &repeat(" * 2)", 100))),
            Ok(())
        );
        // 100 nested groups each adding a level: 101 levels.
        assert_eq!(
            depth(&(repeat("(", 100) + "1" + &repeat(" + 1)", 100))),
            Ok(())
        );
        // A chain of one precedence level is one level, whatever its
        // length; `**` groups to the right, a level per operator.
        assert_eq!(
            depth(&(String::from("1") + &repeat(" - 1", 10_000))),
            Ok(())
        );
        assert_eq!(
            depth(&(String::from("1") + &repeat(" * 2 + 1", 10_000))),
            Ok(())
        );
        assert_eq!(depth(&(String::from("2") + &repeat(" ** 2", 499))), Ok(()));
        assert_eq!(
            depth(&(String::from("2") + &repeat(" ** 2", 500))),
            too_deep
        );
        // Flat chains are two levels, whatever their length.
        assert_eq!(depth(&(String::from("1") + &repeat(" < 1", 1000))), Ok(()));
        // Levels of different kinds add up.
        let mixed = repeat("-(", 66) + "not " + "1" + &repeat(" + 1", 66) + &repeat(")", 66);
        assert_eq!(depth(&mixed), Ok(()));
        let mixed =
            repeat("-(", 150) + "f(" + "1" + &repeat(" ** 1", 350) + ")" + &repeat(")", 150);
        assert_eq!(depth(&mixed), too_deep);
    }
}
