//! Blocks: the body of a function and the compound statements in it
//! (`if` / `elif` / `else`, `while`, `for`).
//!
//! Parsed with an explicit stack of open blocks rather than by recursion,
//! so that nesting costs heap, never native stack. Each open block is one
//! level and their count is kept under [`MAX_BLOCK_DEPTH`]. An `elif` is
//! an `If` inside the previous `else` in the tree, but adds no level: the
//! stages after the parser walk an `if`/`elif` chain as a loop
//! ([`crate::frontend::ast::Tree::elif`]), so a chain of any length is one
//! level, as it is in the source.
//!
//! The statements of the open blocks wait on one stack in the parser,
//! innermost block's last, and move to the tree as a block closes; the arms
//! of open `if` statements wait on another.

use super::{PResult, Parser};
use crate::error::{CompileError, Span};
use crate::frontend::ast::{BodySize, ExprId, ExprKind, FunctionDef, Ident, List, Stmt, StmtKind};
use crate::frontend::lexer::{Keyword, TokenKind};
use crate::frontend::MAX_BLOCK_DEPTH;
use crate::ir::ParamKind;
use alloc::format;
use alloc::vec::Vec;

/// An `if` or `elif` arm: condition, body, header span.
pub(super) type Branch = (ExprId, List<Stmt>, Span);

/// A compound statement whose block is being parsed.
#[derive(Clone, Debug)]
pub(super) struct Open {
    kind: OpenKind,
    /// Where the block's statements start on the parser's stack of open
    /// statements (set when the block opens).
    first_stmt: usize,
    /// Whether the block is indented (it ends at a dedent) rather than on
    /// the header's line.
    indented: bool,
    /// The header's keyword, where a too-deep block is reported.
    keyword: Span,
}

/// The arms of an `if` before the block being parsed are those on the
/// parser's stack of open arms from `first_branch` up.
#[derive(Clone, Debug)]
enum OpenKind {
    Function {
        name: Ident,
        params: List<Ident>,
        kinds: List<ParamKind>,
        span: Span,
    },
    /// The body of the last arm is the block.
    If {
        first_branch: usize,
        cond: ExprId,
        span: Span,
    },
    /// The block is the `else` body.
    Else {
        first_branch: usize,
    },
    While {
        cond: ExprId,
        span: Span,
    },
    For {
        var: Ident,
        start: Option<ExprId>,
        stop: ExprId,
        step: Option<ExprId>,
        span: Span,
    },
    ForEach {
        index: Option<Ident>,
        var: Ident,
        buffer: Ident,
        span: Span,
    },
}

impl Open {
    fn new(kind: OpenKind, keyword: Span) -> Open {
        Open {
            kind,
            first_stmt: 0,
            indented: false,
            keyword,
        }
    }

    fn is_loop(&self) -> bool {
        matches!(
            self.kind,
            OpenKind::While { .. } | OpenKind::For { .. } | OpenKind::ForEach { .. }
        )
    }
}

/// What a finished block turns into.
enum Closed {
    /// The statement continues with another block (`elif`, `else`).
    Continue(Open),
    Stmt(Stmt),
    Function(FunctionDef),
}

impl Parser<'_> {
    /// Parses the block of the function whose header (from `def` to the
    /// colon, `span`) has just been read.
    pub(super) fn function_body(
        &mut self,
        name: Ident,
        params: List<Ident>,
        kinds: List<ParamKind>,
        span: Span,
    ) -> PResult<FunctionDef> {
        let keyword = Span::new(span.start as usize, span.start as usize + 3);
        // The stack's buffer is kept in the parser from one function to
        // the next.
        let mut stack = core::mem::take(&mut self.open_blocks);
        stack.clear();
        let mut next = Some(Open::new(
            OpenKind::Function {
                name,
                params,
                kinds,
                span,
            },
            keyword,
        ));
        loop {
            if let Some(open) = next.take() {
                self.open_block(&mut stack, open)?;
            }
            let Some(top) = stack.last_mut() else {
                return Err(self.error_here("expected an indented block"));
            };
            if top.indented && !matches!(self.peek(), TokenKind::Dedent | TokenKind::Eof) {
                next = match self.peek() {
                    TokenKind::Keyword(Keyword::If) => Some(self.if_header()?),
                    TokenKind::Keyword(Keyword::While) => Some(self.while_header()?),
                    TokenKind::Keyword(Keyword::For) => Some(self.for_header()?),
                    _ => {
                        self.statement()?;
                        None
                    }
                };
                continue;
            }
            if top.indented {
                self.eat(&TokenKind::Dedent);
            }
            let Some(done) = stack.pop() else {
                return Err(self.error_here("expected an indented block"));
            };
            self.block_depth = self.block_depth.saturating_sub(1);
            if done.is_loop() {
                self.loop_depth = self.loop_depth.saturating_sub(1);
            }
            match self.close(done)? {
                Closed::Continue(open) => next = Some(open),
                Closed::Function(function) => {
                    self.open_blocks = stack;
                    return Ok(function);
                }
                Closed::Stmt(stmt) => match stack.last() {
                    Some(_) => self.open_stmts.push(stmt),
                    None => return Err(CompileError::new(stmt.span, "unexpected statement").into()),
                },
            }
        }
    }

    /// Starts the block after a header's colon: an indented block, or
    /// simple statements on the same line (read at once).
    fn open_block(&mut self, stack: &mut Vec<Open>, mut open: Open) -> PResult<()> {
        if self.block_depth + 1 > MAX_BLOCK_DEPTH {
            let message =
                format!("blocks are nested too deeply (more than {MAX_BLOCK_DEPTH} levels)");
            return Err(CompileError::new(open.keyword, message).into());
        }
        self.block_depth += 1;
        if open.is_loop() {
            self.loop_depth += 1;
        }
        open.first_stmt = self.open_stmts.len();
        if self.eat(&TokenKind::Newline) {
            if !self.eat(&TokenKind::Indent) {
                return Err(self.error_here("expected an indented block"));
            }
            open.indented = true;
        } else {
            self.simple_line()?;
        }
        stack.push(open);
        Ok(())
    }

    fn close(&mut self, done: Open) -> PResult<Closed> {
        let first_stmt = done.first_stmt.min(self.open_stmts.len());
        let body = self.tree.push_stmts(self.open_stmts.drain(first_stmt..));
        Ok(match done.kind {
            OpenKind::Function {
                name,
                params,
                kinds,
                span,
            } => Closed::Function(FunctionDef {
                name,
                params,
                kinds,
                body,
                span,
                size: BodySize::default(),
            }),
            OpenKind::While { cond, span } => {
                self.refuse_loop_else()?;
                Closed::Stmt(Stmt {
                    kind: StmtKind::While { cond, body },
                    span,
                })
            }
            OpenKind::For {
                var,
                start,
                stop,
                step,
                span,
            } => {
                self.refuse_loop_else()?;
                Closed::Stmt(Stmt {
                    kind: StmtKind::For {
                        var,
                        start,
                        stop,
                        step,
                        body,
                    },
                    span,
                })
            }
            OpenKind::ForEach {
                index,
                var,
                buffer,
                span,
            } => {
                self.refuse_loop_else()?;
                Closed::Stmt(Stmt {
                    kind: StmtKind::ForEach {
                        index,
                        var,
                        buffer,
                        body,
                    },
                    span,
                })
            }
            OpenKind::If {
                first_branch,
                cond,
                span,
            } => {
                self.open_branches.push((cond, body, span));
                if self.at_keyword(Keyword::Elif) {
                    let keyword = self.advance();
                    let cond = self.expression()?;
                    let colon = self.expect(&TokenKind::Colon, "':'")?;
                    let kind = OpenKind::If {
                        first_branch,
                        cond,
                        span: keyword.to(colon),
                    };
                    Closed::Continue(Open::new(kind, keyword))
                } else if self.at_keyword(Keyword::Else) {
                    let keyword = self.advance();
                    self.expect(&TokenKind::Colon, "':'")?;
                    let kind = OpenKind::Else { first_branch };
                    Closed::Continue(Open::new(kind, keyword))
                } else {
                    Closed::Stmt(self.nest_branches(first_branch, List::EMPTY)?)
                }
            }
            OpenKind::Else { first_branch } => {
                Closed::Stmt(self.nest_branches(first_branch, body)?)
            }
        })
    }

    /// `if a: A elif b: B else: C` is `If(a, A, [If(b, B, C)])`: the arms
    /// on the stack from `first_branch` up, nested from the last.
    fn nest_branches(&mut self, first_branch: usize, else_body: List<Stmt>) -> PResult<Stmt> {
        let mut else_body = else_body;
        let mut nested = None;
        while self.open_branches.len() > first_branch {
            let Some((cond, then_body, span)) = self.open_branches.pop() else {
                break;
            };
            if let Some(inner) = nested.take() {
                else_body = self.tree.push_stmts([inner]);
            }
            nested = Some(Stmt {
                kind: StmtKind::If {
                    cond,
                    then_body,
                    else_body,
                },
                span,
            });
        }
        nested.ok_or_else(|| self.error_here("expected an `if` statement"))
    }

    fn refuse_loop_else(&self) -> PResult<()> {
        if self.at_keyword(Keyword::Else) {
            return Err(self.error_here("`else` on a loop is not supported"));
        }
        Ok(())
    }

    fn if_header(&mut self) -> PResult<Open> {
        let keyword = self.advance();
        let cond = self.expression()?;
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let kind = OpenKind::If {
            first_branch: self.open_branches.len(),
            cond,
            span: keyword.to(colon),
        };
        Ok(Open::new(kind, keyword))
    }

    fn while_header(&mut self) -> PResult<Open> {
        let keyword = self.advance();
        let cond = self.expression()?;
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let kind = OpenKind::While {
            cond,
            span: keyword.to(colon),
        };
        Ok(Open::new(kind, keyword))
    }

    /// `for NAME in range(...):`, `for NAME in BUFFER:` or
    /// `for I, NAME in enumerate(BUFFER):` (whether `BUFFER` is one is for
    /// the checker to say).
    fn for_header(&mut self) -> PResult<Open> {
        let keyword = self.advance();
        let (index, var, targets) = self.for_targets()?;
        self.advance();
        if self.at(&TokenKind::Name)
            && matches!(self.peek_at(1), TokenKind::Colon | TokenKind::Newline)
            && !self.at_name("range")
        {
            let buffer = self.expect_name("a buffer")?;
            if index.is_some() {
                return Err(CompileError::new(
                    targets,
                    "the items of a buffer are integers: they cannot be unpacked (use `for i, v in enumerate(b)`)",
                ).into());
            }
            return self.for_each(keyword, None, var, buffer);
        }
        if self.at_name("enumerate") && self.peek_at(1) == &TokenKind::LParen {
            let start = self.span();
            let iter = self.expression()?;
            let iter = self.tree[iter];
            let buffer = match iter.kind {
                ExprKind::Call(_, args) => match self.tree[args] {
                    [arg] => match self.tree[arg].kind {
                        ExprKind::Name(name) => Some(Ident {
                            name,
                            span: self.tree[arg].span,
                        }),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            let Some(buffer) = buffer else {
                return Err(CompileError::new(
                    start.to(iter.span),
                    "only `enumerate(NAME)` of a buffer parameter is supported",
                )
                .into());
            };
            if index.is_none() {
                return Err(CompileError::new(
                    targets,
                    "`enumerate` gives pairs: write `for i, v in enumerate(...)`",
                )
                .into());
            }
            return self.for_each(keyword, index, var, buffer);
        }
        if index.is_some() {
            return Err(
                CompileError::new(targets, "a `for` loop variable must be a single name").into(),
            );
        }
        let only_range =
            "only `for` loops over `range(...)`, a buffer or `enumerate(BUFFER)` are supported";
        let is_range_call = self.at_name("range") && self.peek_at(1) == &TokenKind::LParen;
        if !is_range_call {
            return Err(self.error_here(only_range));
        }
        let iter = self.expression()?;
        let iter = self.tree[iter];
        let ExprKind::Call(_, args) = iter.kind else {
            return Err(CompileError::new(iter.span, only_range).into());
        };
        let mut args = self.tree[args].iter().copied();
        let (start, stop, step) = match (args.next(), args.next(), args.next(), args.len()) {
            (Some(stop), None, None, _) => (None, stop, None),
            (Some(start), Some(stop), step, 0) => (Some(start), stop, step),
            (None, ..) => {
                return Err(CompileError::new(
                    iter.span,
                    "range expected at least 1 argument, got 0",
                )
                .into())
            }
            (.., extra) => {
                let message = format!("range expected at most 3 arguments, got {}", 3 + extra);
                return Err(CompileError::new(iter.span, message).into());
            }
        };
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let kind = OpenKind::For {
            var,
            start,
            stop,
            step,
            span: keyword.to(colon),
        };
        Ok(Open::new(kind, keyword))
    }

    /// The target of a `for` loop, up to the `in`: one name, or two
    /// (`i, v` or `(i, v)`) for `enumerate`; their span.
    fn for_targets(&mut self) -> PResult<(Option<Ident>, Ident, Span)> {
        let start = self.span();
        let in_at = |p: &Self, k: usize| p.peek_at(k) == &TokenKind::Keyword(Keyword::In);
        let name_at = |p: &Self, k: usize| p.peek_at(k) == &TokenKind::Name;
        let comma_at = |p: &Self, k: usize| p.peek_at(k) == &TokenKind::Comma;
        if name_at(self, 0) && in_at(self, 1) {
            let var = self.expect_name("a loop variable")?;
            return Ok((None, var, start));
        }
        let parens = self.at(&TokenKind::LParen);
        let at = usize::from(parens);
        let close = !parens || self.peek_at(at + 3) == &TokenKind::RParen;
        if name_at(self, at)
            && comma_at(self, at + 1)
            && name_at(self, at + 2)
            && close
            && in_at(self, at + 3 + usize::from(parens))
        {
            self.eat(&TokenKind::LParen);
            let index = self.expect_name("a loop variable")?;
            self.advance();
            let var = self.expect_name("a loop variable")?;
            self.eat(&TokenKind::RParen);
            // `for i, i in ...` is allowed, as in Python: the item is
            // assigned last and wins.
            return Ok((Some(index), var, self.span_from(start)));
        }
        while !matches!(
            self.peek(),
            TokenKind::Keyword(Keyword::In) | TokenKind::Newline | TokenKind::Eof
        ) {
            self.advance();
        }
        Err(CompileError::new(
            self.span_from(start),
            "a `for` loop variable must be a single name",
        )
        .into())
    }

    /// The rest of a `for` header over a buffer, after its iterable.
    fn for_each(
        &mut self,
        keyword: Span,
        index: Option<Ident>,
        var: Ident,
        buffer: Ident,
    ) -> PResult<Open> {
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let kind = OpenKind::ForEach {
            index,
            var,
            buffer,
            span: keyword.to(colon),
        };
        Ok(Open::new(kind, keyword))
    }
}

#[cfg(test)]
mod tests {
    use super::super::stmt::tests::{body, body_err, wrap};
    use super::super::tests::parse_src;
    use crate::frontend::ast::{Item, Stmt, StmtKind};
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn if_elif_else() {
        assert_eq!(
            body("if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    x = 4\nreturn x"),
            "if a:\n  x = 1\nelse:\n  if b:\n    x = 2\n  else:\n    if c:\n      x = 3\n    else:\n      x = 4\nreturn x\n"
        );
        assert_eq!(
            body("if a: return 1\nelse: return 2"),
            "if a:\n  return 1\nelse:\n  return 2\n"
        );
        assert_eq!(
            body("if a: x = 1; y = 2\nreturn x"),
            "if a:\n  x = 1\n  y = 2\nreturn x\n"
        );
        assert_eq!(
            body("if a:\n    if b:\n        if c:\n            pass\nelse:\n    pass"),
            "if a:\n  if b:\n    if c:\n      pass\nelse:\n  pass\n"
        );
        assert_eq!(
            body("if a:\n    '''doc only'''\nreturn 1"),
            "if a:\nreturn 1\n"
        );
    }

    #[test]
    fn loops() {
        assert_eq!(
            body("while a < 10:\n    a += 1\n    if a == 5: break\n    continue"),
            "while (a < 10):\n  a += 1\n  if (a == 5):\n    break\n  continue\n"
        );
        assert_eq!(body("while 1: pass"), "while 1:\n  pass\n");
        assert_eq!(
            body("for i in range(a): pass\nfor i in range(1, a,): pass\nfor i in range(a, 0, -1):\n    b += i"),
            "for i in range(a):\n  pass\nfor i in range(1, a):\n  pass\nfor i in range(a, 0, (-1)):\n  b += i\n"
        );
        // `break` is allowed anywhere inside a loop's block, not after it.
        assert_eq!(
            body("for i in range(3):\n    if i:\n        while 1:\n            break\n        continue"),
            "for i in range(3):\n  if i:\n    while 1:\n      break\n    continue\n"
        );
        assert_eq!(
            body_err("while a:\n    pass\nbreak"),
            "4:5: 'break' outside loop"
        );
        assert_eq!(
            body("for v in a:\n    b += v\n    break\nfor i, v in enumerate(a): pass\nfor (i, v) in enumerate(a): pass"),
            "for v in a:\n  b += v\n  break\nfor i, v in enumerate(a):\n  pass\nfor i, v in enumerate(a):\n  pass\n"
        );
    }

    #[test]
    fn header_spans() {
        let src = wrap("if a  :\n    pass\nelif b: pass\nelse: pass\nwhile (a):\n    pass\nfor i in range(3): pass");
        let module = parse_src(&src).unwrap();
        let Some(Item::Function(f)) = module.items.first() else {
            panic!("not a function")
        };
        let text = |s: &Stmt| String::from(&src[s.span.start as usize..s.span.end as usize]);
        let body = &module.tree[f.body];
        let mut spans: Vec<String> = body.iter().map(text).collect();
        if let StmtKind::If { else_body, .. } = &body[0].kind {
            spans.push(text(&module.tree[*else_body][0]));
        }
        assert_eq!(
            spans,
            ["if a  :", "while (a):", "for i in range(3):", "elif b:"]
        );
    }

    #[test]
    fn block_errors() {
        let cases = [
            (
                "while a:\n    pass\nelse:\n    pass",
                "4:5: `else` on a loop is not supported",
            ),
            (
                "for i in range(3): pass\nelse: pass",
                "3:5: `else` on a loop is not supported",
            ),
            (
                "for i in [1, 2]: pass",
                "2:14: only `for` loops over `range(...)`, a buffer or `enumerate(BUFFER)` are supported",
            ),
            (
                "for i in a + 1: pass",
                "2:14: only `for` loops over `range(...)`, a buffer or `enumerate(BUFFER)` are supported",
            ),
            (
                "for i in range(3) + 1: pass",
                "2:14: only `for` loops over `range(...)`, a buffer or `enumerate(BUFFER)` are supported",
            ),
            (
                "for i in range: pass",
                "2:14: only `for` loops over `range(...)`, a buffer or `enumerate(BUFFER)` are supported",
            ),
            (
                "for i, v in a: pass",
                "2:9: the items of a buffer are integers: they cannot be unpacked (use `for i, v in enumerate(b)`)",
            ),
            (
                "for v in enumerate(a): pass",
                "2:9: `enumerate` gives pairs: write `for i, v in enumerate(...)`",
            ),
            (
                "for i, v in enumerate(a, 1): pass",
                "2:17: only `enumerate(NAME)` of a buffer parameter is supported",
            ),
            (
                "for i, v in enumerate(a[0]): pass",
                "2:17: only `enumerate(NAME)` of a buffer parameter is supported",
            ),
            (
                "for i, v, w in enumerate(a): pass",
                "2:9: a `for` loop variable must be a single name",
            ),
            (
                "for a[0] in range(3): pass",
                "2:9: a `for` loop variable must be a single name",
            ),
            (
                "for v in a:\n    pass\nelse:\n    pass",
                "4:5: `else` on a loop is not supported",
            ),
            (
                "for i, j in range(3): pass",
                "2:9: a `for` loop variable must be a single name",
            ),
            (
                "for (i) in range(3): pass",
                "2:9: a `for` loop variable must be a single name",
            ),
            (
                "for i in range(): pass",
                "2:14: range expected at least 1 argument, got 0",
            ),
            (
                "for i in range(1, 2, 3, 4): pass",
                "2:14: range expected at most 3 arguments, got 4",
            ),
            ("for i in range(3)\n    pass", "2:22: expected ':'"),
            ("if a = 1: pass", "2:10: expected ':' (use `==` to compare)"),
            ("if a\n    pass", "2:9: expected ':'"),
            ("if a:\npass", "3:5: expected an indented block"),
            (
                "if a:\n# comment\n\nreturn 1",
                "5:5: expected an indented block",
            ),
            (
                "if a: if b: pass",
                "2:11: `if` must start a line of its own",
            ),
            ("else: pass", "2:5: `else` without a matching `if`"),
            ("elif a: pass", "2:5: `elif` without a matching `if`"),
            ("if a:\n    pass\nelse a: pass", "4:10: expected ':'"),
            ("pass\n    pass", "3:9: unexpected indent"),
            ("if a:\n    pass\n        pass", "4:13: unexpected indent"),
            (
                "while a:\n    def g(): pass",
                "3:9: nested functions are not supported",
            ),
        ];
        for (src, expected) in cases {
            assert_eq!(body_err(src), expected, "{src}");
        }
    }

    #[test]
    fn an_elif_chain_is_one_level_however_long() {
        let chain = |elifs: usize| {
            let mut src = String::from("if a: pass\n");
            for _ in 0..elifs {
                src.push_str("elif a: pass\n");
            }
            src.push_str("else: pass\nreturn a");
            src
        };
        assert!(parse_src(&wrap(&chain(10 * crate::frontend::MAX_BLOCK_DEPTH))).is_ok());
        // Blocks nested in an arm count from the chain's own level.
        let deep = crate::frontend::MAX_BLOCK_DEPTH - 2;
        let mut src = chain(1_000);
        for level in 1..=deep {
            src.push_str(&format!("\n{}if a:", "    ".repeat(level - 1)));
        }
        src.push_str(&format!("\n{}pass", "    ".repeat(deep)));
        assert!(parse_src(&wrap(&src)).is_ok());
    }
}
