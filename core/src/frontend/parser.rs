//! Tokens to AST.
//!
//! Needs: the token list from [`super::lexer::tokenize`] (ending in `Eof`)
//! and the source it came from (to quote tokens in messages). Gives: an
//! [`ast::Module`] of functions and constants, docstrings dropped, `True` /
//! `False` folded to integers, `elif` nested as an `If` in `else_body`.
//!
//! A recursive descent parser. Everything Python would parse but the subset
//! does not have is refused here by name, at the offending token. Nesting
//! is bounded while parsing, so that neither this parser nor the later
//! stages (which all recurse over the tree) can run out of stack: an
//! expression tree deeper than [`super::MAX_EXPR_DEPTH`] (parentheses counted as a
//! level) and blocks deeper than [`MAX_BLOCK_DEPTH`] are compile errors.

mod expr;

use super::ast::{BinOp, Expr, ExprKind};
use super::ast::{ConstantDef, FunctionDef, Ident, Item, Module, Stmt, StmtKind};
use super::lexer::{Keyword, Token, TokenKind};
use super::MAX_BLOCK_DEPTH;
use crate::error::{CompileError, Span};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Parses a module.
///
/// # Errors
/// Syntax errors, constructs outside the subset (each named in the
/// message), and nesting beyond the depth limits.
pub fn parse(source: &str, tokens: &[Token]) -> Result<Module, CompileError> {
    Parser::new(source, tokens).module()
}

type PResult<T> = Result<T, CompileError>;

/// Returned for reads past the end, so that a token list without a final
/// `Eof` cannot make the parser index out of bounds.
static EOF: TokenKind = TokenKind::Eof;

const MODULE_LEVEL: &str =
    "only function definitions and constant assignments are allowed at module level";

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// End of the last token consumed, for the spans of what was parsed.
    prev_end: u32,
    /// Expression constructs currently open (parentheses, unary operators,
    /// calls, right operands of `**`, `else` arms): bounds the recursion
    /// before any node exists.
    expr_nesting: usize,
    /// Blocks currently open; a function body is depth 1.
    block_depth: usize,
    loop_depth: usize,
}

/// One side of an assignment: a single expression or a tuple of them
/// (`a, b` or `(a, b)`).
struct Side {
    exprs: Vec<Expr>,
    is_tuple: bool,
    span: Span,
}

impl<'a> Parser<'a> {
    fn new(source: &'a str, tokens: &'a [Token]) -> Parser<'a> {
        Parser {
            source,
            tokens,
            pos: 0,
            prev_end: 0,
            expr_nesting: 0,
            block_depth: 0,
            loop_depth: 0,
        }
    }

    // ---- token access -------------------------------------------------

    fn peek(&self) -> &'a TokenKind {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &'a TokenKind {
        let tokens: &'a [Token] = self.tokens;
        tokens
            .get(self.pos.saturating_add(ahead))
            .map_or(&EOF, |t| &t.kind)
    }

    fn span(&self) -> Span {
        self.span_at(self.pos)
    }

    fn span_at(&self, index: usize) -> Span {
        match self.tokens.get(index) {
            Some(t) => t.span,
            None => Span::new(self.source.len(), self.source.len()),
        }
    }

    /// Consumes the current token and returns its span.
    fn advance(&mut self) -> Span {
        let span = self.span();
        if self.pos < self.tokens.len() {
            self.pos += 1;
            self.prev_end = span.end;
        }
        span
    }

    fn at(&self, kind: &TokenKind) -> bool {
        self.peek() == kind
    }

    fn at_keyword(&self, keyword: Keyword) -> bool {
        self.at(&TokenKind::Keyword(keyword))
    }

    fn eat(&mut self, kind: &TokenKind) -> bool {
        let found = self.at(kind);
        if found {
            self.advance();
        }
        found
    }

    fn expect(&mut self, kind: &TokenKind, what: &str) -> PResult<Span> {
        if self.at(kind) {
            Ok(self.advance())
        } else {
            Err(self.expected(what))
        }
    }

    fn expect_name(&mut self, what: &str) -> PResult<Ident> {
        match self.peek() {
            TokenKind::Name(name) => {
                let span = self.advance();
                Ok(Ident {
                    name: name.clone(),
                    span,
                })
            }
            _ => Err(self.expected(what)),
        }
    }

    /// From `start` to the end of the last token consumed.
    fn span_from(&self, start: Span) -> Span {
        Span {
            start: start.start,
            end: self.prev_end.max(start.end),
        }
    }

    fn at_statement_end(&self) -> bool {
        matches!(
            self.peek(),
            TokenKind::Newline | TokenKind::Semicolon | TokenKind::Eof
        )
    }

    // ---- errors ---------------------------------------------------------

    fn error_here(&self, message: impl Into<String>) -> CompileError {
        CompileError::new(self.span(), message)
    }

    /// The current token quoted for a message.
    fn describe(&self) -> String {
        match self.peek() {
            TokenKind::Newline => String::from("end of line"),
            TokenKind::Eof => String::from("end of file"),
            TokenKind::Indent => String::from("indent"),
            TokenKind::Dedent => String::from("dedent"),
            _ => {
                let span = self.span();
                let text = self
                    .source
                    .get(span.start as usize..span.end as usize)
                    .unwrap_or("?");
                let mut short: String = text.chars().take(20).collect();
                if short.len() < text.len() {
                    short.push_str("...");
                }
                format!("'{short}'")
            }
        }
    }

    /// Some tokens deserve their own message wherever they turn up.
    fn named_refusal(&self) -> Option<CompileError> {
        let message = match self.peek() {
            TokenKind::Walrus => "the walrus operator `:=` is not supported",
            TokenKind::Indent => "unexpected indent",
            TokenKind::Keyword(Keyword::Is) => "`is` is not supported (use `==`)",
            TokenKind::Keyword(Keyword::In) => "`in` is not supported",
            TokenKind::Keyword(Keyword::Not)
                if self.peek_at(1) == &TokenKind::Keyword(Keyword::In) =>
            {
                "`not in` is not supported"
            }
            _ => return None,
        };
        Some(self.error_here(message))
    }

    /// "expected ...", unless the token found has a message of its own.
    fn expected(&self, what: &str) -> CompileError {
        if let Some(err) = self.named_refusal() {
            return err;
        }
        if what == "':'" && self.at(&TokenKind::Assign) {
            return self.error_here("expected ':' (use `==` to compare)");
        }
        self.error_here(format!("expected {what}"))
    }

    fn unexpected(&self) -> CompileError {
        if let Some(err) = self.named_refusal() {
            return err;
        }
        self.error_here(format!("unexpected token {}", self.describe()))
    }

    // ---- module level ---------------------------------------------------

    fn module(mut self) -> PResult<Module> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Eof => break,
                TokenKind::Newline => {
                    self.advance();
                }
                TokenKind::Keyword(Keyword::Def) => {
                    items.push(Item::Function(self.function()?));
                }
                _ => {
                    let mut stmts = Vec::new();
                    self.statement(&mut stmts)?;
                    for stmt in stmts {
                        items.push(Item::Constant(module_constant(stmt)?));
                    }
                }
            }
        }
        Ok(Module { items })
    }

    fn function(&mut self) -> PResult<FunctionDef> {
        let def = self.advance();
        let name = self.expect_name("a function name")?;
        self.expect(&TokenKind::LParen, "'('")?;
        let mut params: Vec<Ident> = Vec::new();
        loop {
            match self.peek() {
                TokenKind::RParen => break,
                TokenKind::Name(_) => {}
                TokenKind::Star => {
                    return Err(
                        self.error_here("`*args` and keyword-only parameters are not supported")
                    )
                }
                TokenKind::DoubleStar => return Err(self.error_here("`**kwargs` is not supported")),
                TokenKind::Slash => {
                    return Err(
                        self.error_here("positional-only parameters (`/`) are not supported")
                    )
                }
                _ => return Err(self.expected("a parameter name")),
            }
            let param = self.expect_name("a parameter name")?;
            if params.iter().any(|p| p.name == param.name) {
                let message = format!("duplicate argument '{}' in function definition", param.name);
                return Err(CompileError::new(param.span, message));
            }
            params.push(param);
            if self.eat(&TokenKind::Colon) {
                self.annotation()?;
            }
            if self.at(&TokenKind::Assign) {
                return Err(self.error_here("default parameter values are not supported"));
            }
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        self.expect(&TokenKind::RParen, "',' or ')'")?;
        if self.eat(&TokenKind::Arrow) {
            self.annotation()?;
        }
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let body = self.suite()?;
        Ok(FunctionDef {
            name,
            params,
            body,
            span: def.to(colon),
        })
    }

    /// Accepts `int` or `bool`; annotations change nothing, so they leave
    /// no trace in the tree.
    fn annotation(&mut self) -> PResult<()> {
        let is_end = |kind: &TokenKind| {
            matches!(
                kind,
                TokenKind::Comma
                    | TokenKind::RParen
                    | TokenKind::Assign
                    | TokenKind::Colon
                    | TokenKind::Newline
                    | TokenKind::Semicolon
                    | TokenKind::Eof
            )
        };
        if let TokenKind::Name(name) = self.peek() {
            if (name == "int" || name == "bool") && is_end(self.peek_at(1)) {
                self.advance();
                return Ok(());
            }
        }
        if is_end(self.peek()) {
            return Err(self.expected("an annotation"));
        }
        // Span the whole annotation, up to where it ends at bracket depth 0.
        let start = self.span();
        let mut end = start;
        let mut depth = 0usize;
        let mut i = self.pos;
        loop {
            let kind = self.tokens.get(i).map_or(&TokenKind::Eof, |t| &t.kind);
            match kind {
                TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => depth += 1,
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace if depth > 0 => {
                    depth -= 1
                }
                TokenKind::Newline | TokenKind::Eof => break,
                k if depth == 0 && is_end(k) => break,
                _ => {}
            }
            end = self.span_at(i);
            i += 1;
        }
        Err(CompileError::new(
            start.to(end),
            "only `int` and `bool` annotations are supported",
        ))
    }

    // ---- statements -----------------------------------------------------

    /// The block after a `:`: an indented block, or simple statements on the
    /// same line.
    fn suite(&mut self) -> PResult<Vec<Stmt>> {
        if self.block_depth >= MAX_BLOCK_DEPTH {
            let message =
                format!("blocks are nested too deeply (more than {MAX_BLOCK_DEPTH} levels)");
            return Err(self.error_here(message));
        }
        self.block_depth += 1;
        let mut body = Vec::new();
        if self.eat(&TokenKind::Newline) {
            if !self.eat(&TokenKind::Indent) {
                return Err(self.error_here("expected an indented block"));
            }
            while !matches!(self.peek(), TokenKind::Dedent | TokenKind::Eof) {
                self.statement(&mut body)?;
            }
            self.eat(&TokenKind::Dedent);
        } else {
            self.simple_line(&mut body)?;
        }
        self.block_depth -= 1;
        Ok(body)
    }

    /// One statement, compound or a line of simple ones; docstrings add
    /// nothing to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let compound = matches!(
            self.peek(),
            TokenKind::Keyword(Keyword::If | Keyword::While | Keyword::For)
        );
        if compound && self.block_depth == 0 {
            return Err(self.error_here(MODULE_LEVEL));
        }
        match self.peek() {
            TokenKind::Keyword(Keyword::If) => out.push(self.if_stmt()?),
            TokenKind::Keyword(Keyword::While) => out.push(self.while_stmt()?),
            TokenKind::Keyword(Keyword::For) => out.push(self.for_stmt()?),
            TokenKind::Keyword(Keyword::Elif) => {
                return Err(self.error_here("`elif` without a matching `if`"))
            }
            TokenKind::Keyword(Keyword::Else) => {
                return Err(self.error_here("`else` without a matching `if`"))
            }
            TokenKind::Indent => return Err(self.error_here("unexpected indent")),
            TokenKind::Name(name) if name == "match" && self.is_match_statement() => {
                return Err(self.error_here("match statements are not supported"))
            }
            _ => self.simple_line(out)?,
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
    fn simple_line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.simple_statement(out)?;
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

    fn simple_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
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
            TokenKind::Str(_) if self.skip_docstring() => return Ok(()),
            TokenKind::Name(name)
                if name == "type" && matches!(self.peek_at(1), TokenKind::Name(_)) =>
            {
                return refuse(self, "type aliases are not supported")
            }
            _ => self.assignment_or_expression()?,
        };
        out.push(Stmt {
            kind,
            span: self.span_from(start),
        });
        Ok(())
    }

    /// Skips a statement made only of string literals (a docstring).
    fn skip_docstring(&mut self) -> bool {
        let mut i = self.pos;
        while matches!(self.tokens.get(i).map(|t| &t.kind), Some(TokenKind::Str(_))) {
            i += 1;
        }
        let end = self.tokens.get(i).map_or(&TokenKind::Eof, |t| &t.kind);
        let is_docstring = matches!(
            end,
            TokenKind::Newline | TokenKind::Semicolon | TokenKind::Eof
        );
        if is_docstring {
            while self.pos < i {
                self.advance();
            }
        }
        is_docstring
    }

    fn return_stmt(&mut self) -> PResult<StmtKind> {
        let keyword = self.advance();
        if self.at_statement_end() {
            return Err(CompileError::new(
                keyword,
                "a bare `return` would return None, which is not supported",
            ));
        }
        let value = self.expression()?;
        if self.at(&TokenKind::Comma) {
            return Err(self.error_here("tuples are not supported"));
        }
        Ok(StmtKind::Return(value))
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
        while let TokenKind::Str(part) = self.peek() {
            message.push_str(part);
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
            Ok(e) => e.span,
            Err(_) => self.span(),
        };
        Err(CompileError::new(
            start.to(end),
            "an assert message must be a string literal",
        ))
    }

    fn assignment_or_expression(&mut self) -> PResult<StmtKind> {
        let lhs = self.side()?;
        match self.peek() {
            TokenKind::Assign => {
                let targets = assign_targets(&lhs)?;
                self.advance();
                let rhs = self.side()?;
                if self.at(&TokenKind::Assign) {
                    return Err(
                        self.error_here("chained assignment (`a = b = ...`) is not supported")
                    );
                }
                match (lhs.is_tuple, rhs.is_tuple) {
                    (false, true) => {
                        return Err(CompileError::new(rhs.span, "tuples are not supported"))
                    }
                    (true, false) => {
                        let message = format!(
                            "cannot unpack a single value into {} names (write as many values as names)",
                            targets.len()
                        );
                        return Err(CompileError::new(rhs.span, message));
                    }
                    _ if rhs.exprs.len() != targets.len() => {
                        let message = format!(
                            "cannot unpack {} values into {} names",
                            rhs.exprs.len(),
                            targets.len()
                        );
                        return Err(CompileError::new(rhs.span, message));
                    }
                    _ => {}
                }
                Ok(StmtKind::Assign {
                    targets,
                    values: rhs.exprs,
                })
            }
            TokenKind::Colon => {
                if lhs.is_tuple {
                    return Err(CompileError::new(
                        lhs.span,
                        "only a single name can be annotated",
                    ));
                }
                let targets = assign_targets(&lhs)?;
                self.advance();
                self.annotation()?;
                if !self.eat(&TokenKind::Assign) {
                    return Err(CompileError::new(
                        self.span_from(lhs.span),
                        "an annotated name needs a value (`x: int = ...`)",
                    ));
                }
                let value = self.expression()?;
                if self.at(&TokenKind::Comma) {
                    return Err(self.error_here("tuples are not supported"));
                }
                Ok(StmtKind::Assign {
                    targets,
                    values: alloc::vec![value],
                })
            }
            kind => {
                if let Some(op) = augmented_op(kind) {
                    let op = op.map_err(|message| self.error_here(message))?;
                    if lhs.is_tuple {
                        return Err(CompileError::new(
                            lhs.span,
                            "augmented assignment needs a single name",
                        ));
                    }
                    let target = assign_targets(&lhs)?.pop();
                    self.advance();
                    let value = self.expression()?;
                    if self.at(&TokenKind::Comma) {
                        return Err(self.error_here("tuples are not supported"));
                    }
                    return match target {
                        Some(target) => Ok(StmtKind::AugAssign { target, op, value }),
                        None => Err(CompileError::new(lhs.span, "expected a name")),
                    };
                }
                if lhs.is_tuple {
                    return Err(CompileError::new(lhs.span, "tuples are not supported"));
                }
                let mut exprs = lhs.exprs;
                match exprs.pop() {
                    Some(e) => Ok(StmtKind::Expr(e)),
                    None => Err(self.expected("an expression")),
                }
            }
        }
    }

    /// One side of an assignment: `e`, `e1, e2, ...` (a trailing comma
    /// makes a tuple of one) or a parenthesized tuple `(e1, e2)`.
    fn side(&mut self) -> PResult<Side> {
        let start = self.span();
        if self.at(&TokenKind::LParen) && self.paren_tuple_ahead() {
            self.advance();
            let mut exprs = Vec::new();
            while !self.at(&TokenKind::RParen) {
                exprs.push(self.expression()?);
                if !self.eat(&TokenKind::Comma) {
                    break;
                }
            }
            let close = self.expect(&TokenKind::RParen, "',' or ')'")?;
            return Ok(Side {
                exprs,
                is_tuple: true,
                span: start.to(close),
            });
        }
        let first = self.expression()?;
        let mut exprs = alloc::vec![first];
        let mut is_tuple = false;
        while self.eat(&TokenKind::Comma) {
            is_tuple = true;
            let ends = self.at_statement_end()
                || matches!(self.peek(), TokenKind::Assign | TokenKind::Colon)
                || augmented_op(self.peek()).is_some();
            if ends {
                break;
            }
            exprs.push(self.expression()?);
        }
        Ok(Side {
            exprs,
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

    fn if_stmt(&mut self) -> PResult<Stmt> {
        // An `elif` chain is built iteratively: each `elif` is one more
        // level of nesting in the tree, so the chain counts against the
        // block depth limit.
        let base_depth = self.block_depth;
        let mut branches = Vec::new();
        loop {
            let keyword = self.advance();
            let cond = self.expression()?;
            let colon = self.expect(&TokenKind::Colon, "':'")?;
            let body = self.suite()?;
            branches.push((cond, body, keyword.to(colon)));
            if !self.at_keyword(Keyword::Elif) {
                break;
            }
            if self.block_depth + 1 >= MAX_BLOCK_DEPTH {
                let message = format!(
                    "too many `elif` branches (each nests one level; blocks are limited to {MAX_BLOCK_DEPTH} levels)"
                );
                return Err(self.error_here(message));
            }
            self.block_depth += 1;
        }
        let mut else_body = Vec::new();
        if self.at_keyword(Keyword::Else) {
            self.advance();
            self.expect(&TokenKind::Colon, "':'")?;
            else_body = self.suite()?;
        }
        self.block_depth = base_depth;
        while let Some((cond, then_body, span)) = branches.pop() {
            let stmt = Stmt {
                kind: StmtKind::If {
                    cond,
                    then_body,
                    else_body,
                },
                span,
            };
            else_body = alloc::vec![stmt];
        }
        else_body
            .pop()
            .ok_or_else(|| self.error_here("expected an `if` statement"))
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let keyword = self.advance();
        let cond = self.expression()?;
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let body = self.loop_body()?;
        Ok(Stmt {
            kind: StmtKind::While { cond, body },
            span: keyword.to(colon),
        })
    }

    fn loop_body(&mut self) -> PResult<Vec<Stmt>> {
        self.loop_depth += 1;
        let body = self.suite()?;
        self.loop_depth -= 1;
        if self.at_keyword(Keyword::Else) {
            return Err(self.error_here("`else` on a loop is not supported"));
        }
        Ok(body)
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let keyword = self.advance();
        let var = match self.peek() {
            TokenKind::Name(_) if self.peek_at(1) == &TokenKind::Keyword(Keyword::In) => {
                self.expect_name("a loop variable")?
            }
            _ => {
                let start = self.span();
                while !matches!(
                    self.peek(),
                    TokenKind::Keyword(Keyword::In) | TokenKind::Newline | TokenKind::Eof
                ) {
                    self.advance();
                }
                let span = self.span_from(start);
                return Err(CompileError::new(
                    span,
                    "a `for` loop variable must be a single name",
                ));
            }
        };
        self.advance();
        let only_range = "only `for NAME in range(...)` loops are supported";
        let is_range_call = matches!(self.peek(), TokenKind::Name(n) if n == "range")
            && self.peek_at(1) == &TokenKind::LParen;
        if !is_range_call {
            return Err(self.error_here(only_range));
        }
        let iter = self.expression()?;
        let ExprKind::Call(_, args) = iter.kind else {
            return Err(CompileError::new(iter.span, only_range));
        };
        let mut args = args.into_iter();
        let (start, stop, step) = match (args.next(), args.next(), args.next(), args.len()) {
            (Some(stop), None, None, _) => (None, stop, None),
            (Some(start), Some(stop), step, 0) => (Some(start), stop, step),
            (None, ..) => {
                return Err(CompileError::new(
                    iter.span,
                    "range expected at least 1 argument, got 0",
                ))
            }
            (.., extra) => {
                let message = format!("range expected at most 3 arguments, got {}", 3 + extra);
                return Err(CompileError::new(iter.span, message));
            }
        };
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let body = self.loop_body()?;
        Ok(Stmt {
            kind: StmtKind::For {
                var,
                start,
                stop,
                step,
                body,
            },
            span: keyword.to(colon),
        })
    }
}

/// The names of an assignment's left side; anything else is refused.
fn assign_targets(side: &Side) -> PResult<Vec<Ident>> {
    side.exprs
        .iter()
        .map(|e| match &e.kind {
            ExprKind::Name(name) => Ok(Ident {
                name: name.clone(),
                span: e.span,
            }),
            ExprKind::Call(..) => Err(CompileError::new(
                e.span,
                "cannot assign to a function call",
            )),
            _ => Err(CompileError::new(e.span, "only names can be assigned to")),
        })
        .collect()
}

/// The operator of an augmented assignment token (`Err` for the two the
/// subset refuses), or `None` for any other token.
fn augmented_op(kind: &TokenKind) -> Option<Result<BinOp, &'static str>> {
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

fn module_constant(stmt: Stmt) -> PResult<ConstantDef> {
    match stmt.kind {
        StmtKind::Assign {
            mut targets,
            mut values,
        } => {
            if targets.len() != 1 || values.len() != 1 {
                return Err(CompileError::new(
                    stmt.span,
                    "unpacking assignments are not supported at module level",
                ));
            }
            match (targets.pop(), values.pop()) {
                (Some(name), Some(value)) => Ok(ConstantDef {
                    name,
                    value,
                    span: stmt.span,
                }),
                _ => Err(CompileError::new(stmt.span, MODULE_LEVEL)),
            }
        }
        _ => Err(CompileError::new(stmt.span, MODULE_LEVEL)),
    }
}
