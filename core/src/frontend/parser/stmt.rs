//! Simple statements: assignments, `return`, `assert`, `pass`, ..., and
//! the refusals of every statement outside the subset.

use super::{expr, PResult, Parser, MODULE_LEVEL};
use crate::error::{CompileError, Span};
use crate::frontend::ast::{BinOp, ExprId, ExprKind, List, Stmt, StmtKind};
use crate::frontend::lexer::{string_value, Keyword, TokenKind};
use alloc::format;
use alloc::string::String;
use core::ops::Range;

/// One side of an assignment: a single expression or a tuple of them
/// (`a, b` or `(a, b)`).
struct Side {
    /// Where its expressions are in the parser's `sides`.
    exprs: Range<usize>,
    is_tuple: bool,
    span: Span,
}

impl Side {
    fn len(&self) -> usize {
        self.exprs.len()
    }
}

impl Parser<'_> {
    /// A line of simple statements, or an error for what cannot start
    /// one; the statements go on the stack of open statements (docstrings
    /// add nothing). (Blocks read `if`, `while` and `for` themselves, so
    /// here those are at module level.)
    pub(super) fn statement(&mut self) -> PResult<()> {
        match self.peek() {
            TokenKind::Keyword(Keyword::If | Keyword::While | Keyword::For) => {
                return Err(self.error_here(MODULE_LEVEL))
            }
            TokenKind::Keyword(Keyword::Elif) => {
                return Err(self.error_here("`elif` without a matching `if`"))
            }
            TokenKind::Keyword(Keyword::Else) => {
                return Err(self.error_here("`else` without a matching `if`"))
            }
            TokenKind::Indent => return Err(self.error_here("unexpected indent")),
            TokenKind::Name if self.at_name("match") && self.is_match_statement() => {
                return Err(self.error_here("match statements are not supported"))
            }
            _ => self.simple_line()?,
        }
        Ok(())
    }

    /// `match` is a soft keyword: it starts a match statement only when its
    /// logical line ends with the `:` of a block.
    fn is_match_statement(&self) -> bool {
        if matches!(self.peek_at(1), TokenKind::Assign | TokenKind::Colon) {
            return false;
        }
        let rest = self.tokens.get(self.pos..).unwrap_or_default();
        let line_end = rest
            .iter()
            .position(|t| matches!(t.kind, TokenKind::Newline | TokenKind::Eof))
            .unwrap_or(rest.len());
        line_end > 1 && rest.get(line_end - 1).map(|t| &t.kind) == Some(&TokenKind::Colon)
    }

    /// Simple statements separated by `;`, up to the end of the line.
    pub(super) fn simple_line(&mut self) -> PResult<()> {
        loop {
            self.simple_statement()?;
            if !self.eat(&TokenKind::Semicolon) || self.at_statement_end() {
                break;
            }
        }
        match self.peek() {
            TokenKind::Newline => {
                self.advance();
                Ok(())
            }
            TokenKind::Eof => Ok(()),
            _ => Err(self.unexpected()),
        }
    }

    fn simple_statement(&mut self) -> PResult<()> {
        let start = self.span();
        let refuse = |p: &Self, message: &str| Err(p.error_here(message));
        let kind = match self.peek() {
            TokenKind::Keyword(keyword) => match keyword {
                Keyword::Pass => {
                    self.advance();
                    StmtKind::Pass
                }
                Keyword::Break | Keyword::Continue => {
                    if self.loop_depth == 0 {
                        return refuse(
                            self,
                            if *keyword == Keyword::Break {
                                "'break' outside loop"
                            } else {
                                "'continue' not properly in loop"
                            },
                        );
                    }
                    self.advance();
                    if *keyword == Keyword::Break {
                        StmtKind::Break
                    } else {
                        StmtKind::Continue
                    }
                }
                Keyword::Return => self.return_stmt()?,
                Keyword::Assert => self.assert_stmt()?,
                Keyword::Global => return refuse(self, "global is not supported"),
                Keyword::Nonlocal => return refuse(self, "nonlocal is not supported"),
                Keyword::Del => return refuse(self, "del is not supported"),
                Keyword::Import | Keyword::From => return refuse(self, "import is not supported"),
                Keyword::Class => return refuse(self, "classes are not supported"),
                Keyword::Def if self.block_depth > 0 => {
                    return refuse(self, "nested functions are not supported")
                }
                Keyword::Try | Keyword::Except | Keyword::Finally => {
                    return refuse(self, "try/except is not supported")
                }
                Keyword::Raise => return refuse(self, "raise is not supported"),
                Keyword::With => return refuse(self, "with is not supported"),
                Keyword::Async => return refuse(self, "async is not supported"),
                Keyword::If | Keyword::While | Keyword::For | Keyword::Def => {
                    let message = format!("`{}` must start a line of its own", keyword.as_str());
                    return Err(self.error_here(message));
                }
                _ => self.assignment_or_expression()?,
            },
            TokenKind::At => return refuse(self, "decorators are not supported"),
            TokenKind::Str | TokenKind::LParen if self.skip_docstring() => return Ok(()),
            TokenKind::Name if self.at_name("type") && self.peek_at(1) == &TokenKind::Name => {
                return refuse(self, "type aliases are not supported")
            }
            _ => self.assignment_or_expression()?,
        };
        let span = self.span_from(start);
        self.open_stmts.push(Stmt { kind, span });
        Ok(())
    }

    /// Skips a statement made only of string literals (a docstring), also
    /// in parentheses (`("doc")`: Python's `ast` has the same string).
    fn skip_docstring(&mut self) -> bool {
        let kind = |i: usize| self.tokens.get(i).map_or(&TokenKind::Eof, |t| &t.kind);
        let mut i = self.pos;
        let mut parens = 0;
        while kind(i) == &TokenKind::LParen {
            parens += 1;
            i += 1;
        }
        let first = i;
        while kind(i) == &TokenKind::Str {
            i += 1;
        }
        if i == first {
            return false;
        }
        while parens > 0 && kind(i) == &TokenKind::RParen {
            parens -= 1;
            i += 1;
        }
        let is_docstring = parens == 0 && super::ends_statement(kind(i));
        if is_docstring {
            while self.pos < i {
                self.advance();
            }
        }
        is_docstring
    }

    fn return_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        if self.at_statement_end() {
            return Ok(StmtKind::Return(None));
        }
        // `return None` is the bare `return` of a function that returns
        // None, as in Python (None is no value elsewhere).
        if self.at_keyword(Keyword::None) && super::ends_statement(self.peek_at(1)) {
            self.advance();
            return Ok(StmtKind::Return(None));
        }
        let value = self.expression()?;
        if self.at(&TokenKind::Comma) {
            return Err(self.error_here("tuples are not supported"));
        }
        Ok(StmtKind::Return(Some(value)))
    }

    fn assert_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        let cond = self.expression()?;
        let message = if self.eat(&TokenKind::Comma) {
            Some(self.assert_message()?)
        } else {
            None
        };
        Ok(StmtKind::Assert { cond, message })
    }

    /// Adjacent literals concatenated, optionally in parentheses.
    fn assert_message(&mut self) -> PResult<String> {
        let start = self.span();
        let mut parens = 0usize;
        while self.eat(&TokenKind::LParen) {
            parens += 1;
        }
        let mut message = String::new();
        let mut found = false;
        while self.at(&TokenKind::Str) {
            let value = string_value(self.source, self.span())?;
            if message.is_empty() {
                message = value;
            } else {
                message.push_str(&value);
            }
            found = true;
            self.advance();
        }
        while parens > 0 && self.eat(&TokenKind::RParen) {
            parens -= 1;
        }
        if found && parens == 0 && self.at_statement_end() {
            return Ok(message);
        }
        let end = match self.expression() {
            Ok(e) => self.tree[e].span,
            Err(_) => self.span(),
        };
        Err(CompileError::new(start.to(end), "an assert message must be a string literal").into())
    }

    fn assignment_or_expression(&mut self) -> PResult<StmtKind> {
        // Statements do not nest, so the sides of no other are pending.
        self.sides.clear();
        let lhs = self.side()?;
        match self.peek() {
            TokenKind::Assign => {
                let targets = self.assign_targets(&lhs)?;
                self.advance();
                let rhs = self.side()?;
                if self.at(&TokenKind::Assign) {
                    return Err(
                        self.error_here("chained assignment (`a = b = ...`) is not supported")
                    );
                }
                match (lhs.is_tuple, rhs.is_tuple) {
                    (false, true) => {
                        return Err(CompileError::new(rhs.span, "tuples are not supported").into())
                    }
                    (true, false) => {
                        let message = format!(
                            "cannot unpack a single value into {} names (write as many values as names)",
                            targets.len()
                        );
                        return Err(CompileError::new(rhs.span, message).into());
                    }
                    _ if rhs.len() != targets.len() => {
                        let message = format!(
                            "cannot unpack {} values into {} names",
                            rhs.len(),
                            targets.len()
                        );
                        return Err(CompileError::new(rhs.span, message).into());
                    }
                    _ => {}
                }
                let values = self.sides[rhs.exprs].iter().copied();
                Ok(StmtKind::Assign {
                    targets,
                    values: self.tree.push_exprs(values),
                })
            }
            TokenKind::Colon => {
                let single_name = match self.sides[lhs.exprs.clone()] {
                    [e] => matches!(self.tree[e].kind, ExprKind::Name(_)),
                    _ => false,
                };
                if lhs.is_tuple || !single_name {
                    self.assign_targets(&lhs)?;
                    return Err(
                        CompileError::new(lhs.span, "only a single name can be annotated").into(),
                    );
                }
                let targets = self.assign_targets(&lhs)?;
                self.advance();
                self.annotation()?;
                if !self.eat(&TokenKind::Assign) {
                    return Err(CompileError::new(
                        self.span_from(lhs.span),
                        "an annotated name needs a value (`x: int = ...`)",
                    )
                    .into());
                }
                let value = self.expression()?;
                if self.at(&TokenKind::Comma) {
                    return Err(self.error_here("tuples are not supported"));
                }
                Ok(StmtKind::Assign {
                    targets,
                    values: self.tree.push_exprs([value]),
                })
            }
            kind => {
                if let Some(op) = augmented_op(kind) {
                    let op = op.map_err(|message| self.error_here(message))?;
                    if lhs.is_tuple {
                        return Err(CompileError::new(
                            lhs.span,
                            "augmented assignment needs a single name or item",
                        )
                        .into());
                    }
                    let targets = self.assign_targets(&lhs)?;
                    let target = self.tree[targets].last().copied();
                    self.advance();
                    let value = self.expression()?;
                    if self.at(&TokenKind::Comma) {
                        return Err(self.error_here("tuples are not supported"));
                    }
                    return match target {
                        Some(target) => Ok(StmtKind::AugAssign { target, op, value }),
                        None => Err(CompileError::new(lhs.span, "expected a name").into()),
                    };
                }
                if lhs.is_tuple {
                    return Err(CompileError::new(lhs.span, "tuples are not supported").into());
                }
                match self.sides[lhs.exprs].last() {
                    Some(&e) => Ok(StmtKind::Expr(e)),
                    None => Err(self.expected("an expression")),
                }
            }
        }
    }

    /// One side of an assignment: `e`, `e1, e2, ...` (a trailing comma
    /// makes a tuple of one) or a parenthesized tuple `(e1, e2)`.
    fn side(&mut self) -> PResult<Side> {
        let start = self.span();
        let first = self.sides.len();
        if self.at(&TokenKind::LParen) && self.paren_tuple_ahead() {
            self.advance();
            while !self.at(&TokenKind::RParen) {
                let e = self.expression()?;
                self.sides.push(e);
                if !self.eat(&TokenKind::Comma) {
                    break;
                }
            }
            let close = self.expect(&TokenKind::RParen, "',' or ')'")?;
            return Ok(Side {
                exprs: first..self.sides.len(),
                is_tuple: true,
                span: start.to(close),
            });
        }
        let e = self.expression()?;
        self.sides.push(e);
        let mut is_tuple = false;
        while self.eat(&TokenKind::Comma) {
            is_tuple = true;
            let ends = self.at_statement_end()
                || matches!(self.peek(), TokenKind::Assign | TokenKind::Colon)
                || augmented_op(self.peek()).is_some();
            if ends {
                break;
            }
            let e = self.expression()?;
            self.sides.push(e);
        }
        Ok(Side {
            exprs: first..self.sides.len(),
            is_tuple,
            span: self.span_from(start),
        })
    }

    /// Whether the `(` here opens a tuple that is a whole assignment side:
    /// a comma at its top level, and after the `)` an `=` or the end of the
    /// statement. Any other parenthesized tuple is refused where it is
    /// parsed as an expression.
    fn paren_tuple_ahead(&self) -> bool {
        let mut depth = 0usize;
        let mut comma = false;
        let rest = self.tokens.get(self.pos..).unwrap_or_default();
        for (i, token) in rest.iter().enumerate() {
            match token.kind {
                TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => depth += 1,
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let after = rest.get(i + 1).map_or(&TokenKind::Eof, |t| &t.kind);
                        return comma
                            && matches!(
                                after,
                                TokenKind::Assign
                                    | TokenKind::Newline
                                    | TokenKind::Semicolon
                                    | TokenKind::Eof
                            );
                    }
                }
                TokenKind::Comma if depth == 1 => comma = true,
                TokenKind::Newline | TokenKind::Eof => return false,
                _ => {}
            }
        }
        false
    }
}

impl Parser<'_> {
    /// The targets of an assignment's left side, names and items
    /// (`b[i]`); anything else is refused.
    fn assign_targets(&mut self, side: &Side) -> PResult<List<ExprId>> {
        let exprs = &self.sides[side.exprs.clone()];
        for &id in exprs {
            let e = &self.tree[id];
            match e.kind {
                ExprKind::Name(_) | ExprKind::Item(..) => {}
                ExprKind::Call(..) => {
                    return Err(
                        CompileError::new(e.span, "cannot assign to a function call").into(),
                    )
                }
                _ => {
                    return Err(CompileError::new(
                        e.span,
                        "only names and buffer items can be assigned to",
                    )
                    .into())
                }
            }
        }
        Ok(self.tree.push_exprs(exprs.iter().copied()))
    }
}

/// The operator of an augmented assignment token (`Err` for the two the
/// subset refuses), or `None` for any other token.
pub(super) fn augmented_op(kind: &TokenKind) -> Option<Result<BinOp, &'static str>> {
    Some(Ok(match kind {
        TokenKind::PlusEq => BinOp::Add,
        TokenKind::MinusEq => BinOp::Sub,
        TokenKind::StarEq => BinOp::Mul,
        TokenKind::DoubleSlashEq => BinOp::FloorDiv,
        TokenKind::PercentEq => BinOp::Mod,
        TokenKind::DoubleStarEq => BinOp::Pow,
        TokenKind::AmpEq => BinOp::BitAnd,
        TokenKind::PipeEq => BinOp::BitOr,
        TokenKind::CaretEq => BinOp::BitXor,
        TokenKind::LShiftEq => BinOp::LShift,
        TokenKind::RShiftEq => BinOp::RShift,
        TokenKind::SlashEq => return Some(Err(expr::TRUE_DIVISION)),
        TokenKind::AtEq => return Some(Err(expr::MATMUL)),
        _ => return None,
    }))
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::tests::{err, show};
    use alloc::format;
    use alloc::string::String;

    /// `src` as the body of `def f(a, b, c):`; in messages the body starts
    /// at line 2, column 5.
    pub(in crate::frontend::parser) fn wrap(src: &str) -> String {
        let mut full = String::from("def f(a, b, c):\n");
        for line in src.lines() {
            full.push_str("    ");
            full.push_str(line);
            full.push('\n');
        }
        full
    }

    /// The parsed body as text, one level of indentation removed.
    pub(in crate::frontend::parser) fn body(src: &str) -> String {
        let text = show(&wrap(src));
        let mut out = String::new();
        for line in text.lines().skip(1) {
            out.push_str(line.strip_prefix("  ").unwrap_or(line));
            out.push('\n');
        }
        out
    }

    pub(in crate::frontend::parser) fn body_err(src: &str) -> String {
        err(&wrap(src))
    }

    #[test]
    fn assignments() {
        let cases = [
            ("x = 1", "x = 1"),
            ("x: int = 1", "x = 1"),
            ("x: bool = True", "x = 1"),
            ("(x) = 1", "x = 1"),
            ("a, b = b, a", "a, b = b, a"),
            ("(a, b) = (1, 2)", "a, b = 1, 2"),
            ("a, b = (1, 2)", "a, b = 1, 2"),
            ("(a, b) = 1, 2", "a, b = 1, 2"),
            ("a, b, = 1, 2,", "a, b = 1, 2"),
            ("a, = 1,", "a = 1"),
            ("(a,) = (1,)", "a = 1"),
            ("a, b, c, x = 1, 2, 3, 4", "a, b, c, x = 1, 2, 3, 4"),
            ("(a, b) = (b + 1, (a))", "a, b = (b + 1), a"),
            ("x += 1", "x += 1"),
            ("x -= 1", "x -= 1"),
            ("x *= 1", "x *= 1"),
            ("x //= 1", "x //= 1"),
            ("x %= 1", "x %= 1"),
            ("x **= 1", "x **= 1"),
            ("x &= 1", "x &= 1"),
            ("x |= 1", "x |= 1"),
            ("x ^= 1", "x ^= 1"),
            ("x <<= 1", "x <<= 1"),
            ("x >>= 1 + 2", "x >>= (1 + 2)"),
            ("match = 1", "match = 1"),
            ("a[0] = 1", "a[0] = 1"),
            ("a[i], a[j] = a[j], a[i]", "a[i], a[j] = a[j], a[i]"),
            ("x, a[x] = 1, 2", "x, a[x] = 1, 2"),
            ("a[i - 1] += 1", "a[(i - 1)] += 1"),
            ("type = 2", "type = 2"),
        ];
        for (src, expected) in cases {
            assert_eq!(body(src), format!("{expected}\n"), "{src}");
        }
    }

    #[test]
    fn simple_statements() {
        assert_eq!(
            body("pass\nreturn a\ng(a, b)\nassert a\nassert a < b, 'a is ' \"small\"\nassert b, ('in' ' parens')\nreturn\nreturn;"),
            "pass\nreturn a\ng(a, b)\nassert a\nassert (a < b), \"a is small\"\nassert b, \"in parens\"\nreturn\nreturn\n"
        );
        assert_eq!(body("x = 1; y = 2;\nz = 3 ;"), "x = 1\ny = 2\nz = 3\n");
        assert_eq!(body("match(a)"), "match(a)\n");
        assert_eq!(body("assert a, 'tab\\there'"), "assert a, \"tab\\there\"\n");
    }

    #[test]
    fn statement_spans() {
        let src = wrap("x = 1 ;  y: int = a + 1\nreturn (x)");
        let module = super::super::tests::parse_src(&src).unwrap();
        let crate::frontend::ast::Item::Function(f) = &module.items[0] else {
            panic!("not a function")
        };
        let spans: alloc::vec::Vec<&str> = module.tree[f.body]
            .iter()
            .map(|s| &src[s.span.start as usize..s.span.end as usize])
            .collect();
        assert_eq!(spans, ["x = 1", "y: int = a + 1", "return (x)"]);
    }

    #[test]
    fn refused_statements_are_named() {
        let cases = [
            ("return 1, 2", "2:13: tuples are not supported"),
            ("x = 1, 2", "2:9: tuples are not supported"),
            ("1, 2", "2:5: tuples are not supported"),
            ("(1, 2)", "2:5: tuples are not supported"),
            (
                "a, b = 1, 2, 3",
                "2:12: cannot unpack 3 values into 2 names",
            ),
            ("(a, b) = (1,)", "2:14: cannot unpack 1 values into 2 names"),
            (
                "a, b = g()",
                "2:12: cannot unpack a single value into 2 names (write as many values as names)",
            ),
            (
                "a = b = 1",
                "2:11: chained assignment (`a = b = ...`) is not supported",
            ),
            ("g() = 1", "2:5: cannot assign to a function call"),
            (
                "1 = a",
                "2:5: only names and buffer items can be assigned to",
            ),
            (
                "a, 1 = 1, 2",
                "2:8: only names and buffer items can be assigned to",
            ),
            ("a.b = 1", "2:5: attribute access is not supported"),
            (
                "a[0][1] = 1",
                "2:5: the items of a buffer are integers: they cannot be indexed",
            ),
            ("a[0]: int = 1", "2:5: only a single name can be annotated"),
            ("a[0:1] = b", "2:5: slicing is not supported (only `b[i]`)"),
            (
                "x: int",
                "2:5: an annotated name needs a value (`x: int = ...`)",
            ),
            (
                "x: float = 1",
                "2:8: only `int` and `bool` annotations are supported",
            ),
            (
                "a, b: int = 1, 2",
                "2:5: only a single name can be annotated",
            ),
            ("x: int = 1, 2", "2:15: tuples are not supported"),
            (
                "x /= 2",
                "2:7: true division `/` is not supported (use `//`)",
            ),
            ("x @= 2", "2:7: matrix multiplication `@` is not supported"),
            (
                "a, b += 1",
                "2:5: augmented assignment needs a single name or item",
            ),
            ("x += 1, 2", "2:11: tuples are not supported"),
            ("x := 1", "2:7: the walrus operator `:=` is not supported"),
            ("break", "2:5: 'break' outside loop"),
            ("continue", "2:5: 'continue' not properly in loop"),
            ("global a", "2:5: global is not supported"),
            ("nonlocal a", "2:5: nonlocal is not supported"),
            ("del a", "2:5: del is not supported"),
            ("import os", "2:5: import is not supported"),
            ("from a import b", "2:5: import is not supported"),
            ("class A: pass", "2:5: classes are not supported"),
            ("def g(): pass", "2:5: nested functions are not supported"),
            (
                "try:\n    pass\nexcept:\n    pass",
                "2:5: try/except is not supported",
            ),
            ("raise E", "2:5: raise is not supported"),
            ("with a: pass", "2:5: with is not supported"),
            ("async with a: pass", "2:5: async is not supported"),
            ("@d\ndef g(): pass", "2:5: decorators are not supported"),
            ("yield a", "2:5: yield is not supported"),
            ("await a", "2:5: await is not supported"),
            ("lambda: 1", "2:5: lambda is not supported"),
            (
                "match a:\n    case 1: pass",
                "2:5: match statements are not supported",
            ),
            ("type X = int", "2:5: type aliases are not supported"),
            (
                "x = 1; if x: pass",
                "2:12: `if` must start a line of its own",
            ),
            ("pass pass", "2:10: unexpected token 'pass'"),
            ("print 'hi'", "2:11: unexpected token ''hi''"),
            ("assert", "2:11: expected an expression"),
            (
                "assert a, b",
                "2:15: an assert message must be a string literal",
            ),
            (
                "assert a, 'x' + 'y'",
                "2:15: an assert message must be a string literal",
            ),
            (
                "assert a, ('x') + 1",
                "2:15: an assert message must be a string literal",
            ),
            ("assert (a, 'msg')", "2:12: tuples are not supported"),
        ];
        for (src, expected) in cases {
            assert_eq!(body_err(src), expected, "{src}");
        }
    }
}
