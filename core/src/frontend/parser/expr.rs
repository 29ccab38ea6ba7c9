//! Expressions, by Python's precedence (loosest first): `x if c else y`,
//! `or`, `and`, `not`, comparisons, `|`, `^`, `&`, shifts, `+ -`,
//! `* // %`, unary `- + ~`, `**`, calls and atoms.
//!
//! Every parse function returns the node with its depth, counted in tree
//! levels with parentheses as a level of their own; a node deeper than
//! [`MAX_EXPR_DEPTH`] is refused as it is built. The binary operators are
//! parsed with an explicit operator stack rather than one function per
//! level, which keeps the recursion per nesting level short.

use super::{PResult, Parser};
use crate::error::{CompileError, Span};
use crate::frontend::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, Ident, UnOp};
use crate::frontend::lexer::{Keyword, TokenKind};
use crate::frontend::MAX_EXPR_DEPTH;
use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

pub(super) const TRUE_DIVISION: &str = "true division `/` is not supported (use `//`)";
pub(super) const MATMUL: &str = "matrix multiplication `@` is not supported";
const STRINGS: &str = "strings are not supported (only docstrings and assert messages)";
const TUPLES: &str = "tuples are not supported";
const COMPREHENSIONS: &str = "comprehensions and generator expressions are not supported";

/// A parsed expression and the depth of its tree.
type Node = (Expr, usize);

fn too_deep(span: Span) -> CompileError {
    let message = format!("expression is nested too deeply (more than {MAX_EXPR_DEPTH} levels)");
    CompileError::new(span, message)
}

/// Wraps `kind` in a node one level above its deepest child.
fn node(kind: ExprKind, span: Span, child_depth: usize) -> PResult<Node> {
    let depth = child_depth + 1;
    if depth > MAX_EXPR_DEPTH {
        return Err(too_deep(span));
    }
    Ok((Expr { kind, span }, depth))
}

/// Binding strength of the left-associative binary operators.
fn binary_op(kind: &TokenKind) -> Option<(BinOp, u8)> {
    Some(match kind {
        TokenKind::Pipe => (BinOp::BitOr, 1),
        TokenKind::Caret => (BinOp::BitXor, 2),
        TokenKind::Amp => (BinOp::BitAnd, 3),
        TokenKind::LShift => (BinOp::LShift, 4),
        TokenKind::RShift => (BinOp::RShift, 4),
        TokenKind::Plus => (BinOp::Add, 5),
        TokenKind::Minus => (BinOp::Sub, 5),
        TokenKind::Star => (BinOp::Mul, 6),
        TokenKind::DoubleSlash => (BinOp::FloorDiv, 6),
        TokenKind::Percent => (BinOp::Mod, 6),
        _ => return None,
    })
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

impl Parser<'_> {
    /// Parses one expression (no tuples).
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        Ok(self.if_expr()?.0)
    }

    /// Opens a nested construct at the current token, refusing it when the
    /// nesting is already at the limit; pair with [`Parser::leave`].
    fn enter(&mut self) -> PResult<()> {
        if self.expr_nesting >= MAX_EXPR_DEPTH {
            return Err(too_deep(self.span()));
        }
        self.expr_nesting += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.expr_nesting = self.expr_nesting.saturating_sub(1);
    }

    fn if_expr(&mut self) -> PResult<Node> {
        let then = self.or_expr()?;
        if !self.at_keyword(Keyword::If) {
            return Ok(then);
        }
        self.advance();
        let cond = self.or_expr()?;
        self.expect(&TokenKind::Keyword(Keyword::Else), "'else'")?;
        self.enter()?;
        let otherwise = self.if_expr();
        self.leave();
        let otherwise = otherwise?;
        let depth = then.1.max(cond.1).max(otherwise.1);
        let span = then.0.span.to(otherwise.0.span);
        let kind = ExprKind::IfExp {
            cond: Box::new(cond.0),
            then: Box::new(then.0),
            otherwise: Box::new(otherwise.0),
        };
        node(kind, span, depth)
    }

    fn or_expr(&mut self) -> PResult<Node> {
        self.bool_chain(Keyword::Or)
    }

    /// `a or b or ...` over `and` chains, or `a and b and ...` over `not`
    /// expressions: one node for the whole chain.
    fn bool_chain(&mut self, keyword: Keyword) -> PResult<Node> {
        let operand = |p: &mut Self| match keyword {
            Keyword::Or => p.bool_chain(Keyword::And),
            _ => p.not_expr(),
        };
        let first = operand(self)?;
        if !self.at_keyword(keyword) {
            return Ok(first);
        }
        let mut depth = first.1;
        let mut operands = alloc::vec![first.0];
        while self.at_keyword(keyword) {
            self.advance();
            let (e, d) = operand(self)?;
            depth = depth.max(d);
            operands.push(e);
        }
        let span = match (operands.first(), operands.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => self.span(),
        };
        let op = match keyword {
            Keyword::Or => BoolOp::Or,
            _ => BoolOp::And,
        };
        node(ExprKind::BoolOp(op, operands), span, depth)
    }

    fn not_expr(&mut self) -> PResult<Node> {
        if !self.at_keyword(Keyword::Not) {
            return self.comparison();
        }
        let keyword = self.advance();
        self.enter()?;
        let operand = self.not_expr();
        self.leave();
        let (operand, depth) = operand?;
        let span = keyword.to(operand.span);
        node(ExprKind::Unary(UnOp::Not, Box::new(operand)), span, depth)
    }

    fn comparison(&mut self) -> PResult<Node> {
        let first = self.binary()?;
        let mut depth = first.1;
        let mut rest = Vec::new();
        loop {
            let Some(op) = compare_op(self.peek()) else {
                if let Some(err) = self.named_refusal() {
                    if !matches!(self.peek(), TokenKind::Walrus | TokenKind::Indent) {
                        return Err(err);
                    }
                }
                break;
            };
            self.advance();
            let (e, d) = self.binary()?;
            depth = depth.max(d);
            rest.push((op, e));
        }
        let Some((_, last)) = rest.last() else {
            return Ok(first);
        };
        let span = first.0.span.to(last.span);
        node(ExprKind::Compare(Box::new(first.0), rest), span, depth)
    }

    /// The left-associative binary operators, by precedence climbing over
    /// an explicit stack: operators wait on the stack while a tighter one
    /// follows.
    fn binary(&mut self) -> PResult<Node> {
        let first = self.unary()?;
        if binary_op(self.peek()).is_none() && !self.at_refused_binary() {
            return Ok(first);
        }
        let mut operands = alloc::vec![first];
        let mut ops: Vec<(BinOp, u8)> = Vec::new();
        loop {
            if self.at_refused_binary() {
                let message = if self.at(&TokenKind::Slash) {
                    TRUE_DIVISION
                } else {
                    MATMUL
                };
                return Err(self.error_here(message));
            }
            let Some((op, prec)) = binary_op(self.peek()) else {
                break;
            };
            self.advance();
            while ops.last().is_some_and(|&(_, top)| top >= prec) {
                reduce(&mut operands, &mut ops)?;
            }
            ops.push((op, prec));
            operands.push(self.unary()?);
        }
        while !ops.is_empty() {
            reduce(&mut operands, &mut ops)?;
        }
        operands
            .pop()
            .ok_or_else(|| self.error_here("expected an expression"))
    }

    fn at_refused_binary(&self) -> bool {
        matches!(self.peek(), TokenKind::Slash | TokenKind::At)
    }

    fn unary(&mut self) -> PResult<Node> {
        let op = match self.peek() {
            TokenKind::Minus => UnOp::Neg,
            TokenKind::Plus => UnOp::Pos,
            TokenKind::Tilde => UnOp::Invert,
            _ => return self.power(),
        };
        let start = self.advance();
        self.enter()?;
        let operand = self.unary();
        self.leave();
        let (operand, depth) = operand?;
        let span = start.to(operand.span);
        node(ExprKind::Unary(op, Box::new(operand)), span, depth)
    }

    /// `a ** b`: binds tighter than a unary operator on its left, and its
    /// right operand is itself a unary expression (`2 ** -1`, and
    /// `2 ** 3 ** 2` groups to the right).
    fn power(&mut self) -> PResult<Node> {
        let base = self.primary()?;
        if !self.at(&TokenKind::DoubleStar) {
            return Ok(base);
        }
        self.advance();
        self.enter()?;
        let exponent = self.unary();
        self.leave();
        let exponent = exponent?;
        let span = base.0.span.to(exponent.0.span);
        let depth = base.1.max(exponent.1);
        let kind = ExprKind::Binary(BinOp::Pow, Box::new(base.0), Box::new(exponent.0));
        node(kind, span, depth)
    }

    /// An atom and the trailers Python allows after it, all refused except
    /// a call on a plain name (which [`Parser::atom`] has already taken).
    fn primary(&mut self) -> PResult<Node> {
        let atom = self.atom()?;
        let message = match self.peek() {
            TokenKind::LParen => "only a function name can be called",
            TokenKind::LBracket => "subscripts are not supported",
            TokenKind::Dot => "attribute access is not supported",
            _ => return Ok(atom),
        };
        let mut span = atom.0.span.to(self.advance());
        if message.starts_with("attribute") && matches!(self.peek(), TokenKind::Name(_)) {
            span = span.to(self.span());
        }
        Err(CompileError::new(span, message))
    }

    fn atom(&mut self) -> PResult<Node> {
        let message = match self.peek() {
            TokenKind::Name(name) => {
                let span = self.advance();
                let ident = Ident {
                    name: name.clone(),
                    span,
                };
                if self.at(&TokenKind::LParen) {
                    return self.call(ident);
                }
                if self.at(&TokenKind::Walrus) {
                    return Err(self.unexpected());
                }
                return node(ExprKind::Name(ident.name), span, 0);
            }
            TokenKind::Int(value) => return self.literal(*value),
            TokenKind::Keyword(Keyword::True) => return self.literal(1),
            TokenKind::Keyword(Keyword::False) => return self.literal(0),
            TokenKind::LParen => return self.parenthesized(),
            TokenKind::Keyword(Keyword::None) => "None is not supported",
            TokenKind::Str(_) => STRINGS,
            TokenKind::LBracket => "lists are not supported",
            TokenKind::LBrace => "dicts and sets are not supported",
            TokenKind::Ellipsis => "the ellipsis `...` is not supported",
            TokenKind::Keyword(Keyword::Lambda) => "lambda is not supported",
            TokenKind::Keyword(Keyword::Yield) => "yield is not supported",
            TokenKind::Keyword(Keyword::Await) => "await is not supported",
            TokenKind::Star | TokenKind::DoubleStar => "starred expressions are not supported",
            _ => return Err(self.expected("an expression")),
        };
        Err(self.error_here(message))
    }

    fn literal(&mut self, value: i64) -> PResult<Node> {
        let span = self.advance();
        node(ExprKind::Int(value), span, 0)
    }

    /// `(e)`: the inner expression with its span widened to the
    /// parentheses, one level deeper than the inner expression.
    fn parenthesized(&mut self) -> PResult<Node> {
        let open = self.advance();
        if self.at(&TokenKind::RParen) {
            let close = self.advance();
            return Err(CompileError::new(open.to(close), TUPLES));
        }
        self.enter()?;
        let inner = self.if_expr();
        self.leave();
        let (inner, depth) = inner?;
        match self.peek() {
            TokenKind::RParen => {}
            TokenKind::Comma => {
                return Err(CompileError::new(open.to(self.span()), TUPLES));
            }
            TokenKind::Keyword(Keyword::For) => return Err(self.error_here(COMPREHENSIONS)),
            _ => return Err(self.expected("')'")),
        }
        let close = self.advance();
        node(inner.kind, open.to(close), depth)
    }

    /// `name(args)`: positional arguments only, trailing comma allowed.
    fn call(&mut self, name: Ident) -> PResult<Node> {
        self.enter()?;
        let result = self.call_args();
        self.leave();
        let (args, depth) = result?;
        let span = name.span.to(Span {
            start: self.prev_end,
            end: self.prev_end,
        });
        node(ExprKind::Call(name, args), span, depth)
    }

    /// The parenthesized argument list; returns the arguments and their
    /// greatest depth.
    fn call_args(&mut self) -> PResult<(Vec<Expr>, usize)> {
        self.advance();
        let mut args = Vec::new();
        let mut depth = 0;
        while !self.at(&TokenKind::RParen) {
            match (self.peek(), self.peek_at(1)) {
                (TokenKind::Star | TokenKind::DoubleStar, _) => {
                    return Err(self
                        .error_here("argument unpacking (`*args`, `**kwargs`) is not supported"))
                }
                (TokenKind::Name(_), TokenKind::Assign) => {
                    let span = self.span().to(self.span_at(self.pos + 1));
                    return Err(CompileError::new(
                        span,
                        "keyword arguments are not supported",
                    ));
                }
                _ => {}
            }
            let (arg, d) = self.if_expr()?;
            if self.at_keyword(Keyword::For) {
                return Err(self.error_here(COMPREHENSIONS));
            }
            depth = depth.max(d);
            args.push(arg);
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        self.expect(&TokenKind::RParen, "',' or ')'")?;
        Ok((args, depth))
    }
}

/// Pops the top operator and its two operands and pushes their node.
fn reduce(operands: &mut Vec<Node>, ops: &mut Vec<(BinOp, u8)>) -> PResult<()> {
    let (Some((op, _)), Some((rhs, rd)), Some((lhs, ld))) =
        (ops.pop(), operands.pop(), operands.pop())
    else {
        return Ok(());
    };
    let span = lhs.span.to(rhs.span);
    let kind = ExprKind::Binary(op, Box::new(lhs), Box::new(rhs));
    operands.push(node(kind, span, ld.max(rd))?);
    Ok(())
}
