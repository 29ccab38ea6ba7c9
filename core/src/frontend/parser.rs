//! Tokens to AST.
//!
//! Needs: the token list from [`super::lexer::tokenize`] (ending in `Eof`)
//! and the source it came from (to quote tokens in messages). Gives: an
//! [`Module`] of functions and constants, docstrings dropped, `True` /
//! `False` folded to integers, `elif` nested as an `If` in `else_body`.
//!
//! A recursive descent parser. Everything Python would parse but the subset
//! does not have is refused here by name, at the offending token. Nesting
//! is bounded while parsing, so that neither this parser nor the later
//! stages (which all recurse over the tree) can run out of stack: an
//! expression tree deeper than [`super::MAX_EXPR_DEPTH`], more than 200
//! parentheses open at once (CPython's limit) and blocks deeper than
//! [`super::MAX_BLOCK_DEPTH`] are compile errors.
//!
//! Spans: an expression covers its source text, a parenthesized one
//! including its parentheses; a compound statement covers its header line
//! (keyword to colon), a simple statement the whole statement.

mod blocks;
mod expr;
mod stmt;

use super::ast::{
    BodySize, ConstantDef, ExprId, ExprKind, FunctionDef, Ident, Item, Module, Names, Stmt,
    StmtKind, Tree,
};
use super::lexer::{Keyword, Token, TokenKind};
use crate::error::{CompileError, Span};
use crate::ir::{BufKind, ParamKind};
use crate::reuse::take_emptied;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Parses a module.
///
/// # Errors
/// Syntax errors, constructs outside the subset (each named in the
/// message), and nesting beyond the depth limits.
pub fn parse(source: &str, tokens: &[Token]) -> Result<Module, CompileError> {
    let mut scratch = Scratch::default();
    scratch.parse(source, tokens)?;
    Ok(scratch.module)
}

/// The parser's tables (the syntax tree's, the names') and working
/// vectors, kept from one module to the next so that after the first they
/// rarely allocate: what a [`crate::Compiler`] holds for this stage.
#[derive(Clone, Debug)]
pub struct Scratch {
    /// The module last parsed (after an error, only its tables).
    module: Module,
    stacks: expr::Stacks,
    open_stmts: Vec<Stmt>,
    open_branches: Vec<blocks::Branch>,
    sides: Vec<ExprId>,
    open_blocks: Vec<blocks::Open>,
}

/// A module of nothing, with no tables (it allocates nothing).
fn empty_module() -> Module {
    Module {
        items: Vec::new(),
        names: Names::empty(),
        tree: Tree::default(),
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            module: empty_module(),
            stacks: expr::Stacks::default(),
            open_stmts: Vec::new(),
            open_branches: Vec::new(),
            sides: Vec::new(),
            open_blocks: Vec::new(),
        }
    }
}

impl Scratch {
    /// [`parse`] in these tables: the module stays here until the next
    /// call.
    ///
    /// # Errors
    /// As [`parse`].
    pub fn parse(&mut self, source: &str, tokens: &[Token]) -> Result<&Module, CompileError> {
        let mut parser = Parser::new(source, tokens, self);
        let parsed = parser.module();
        // The tables go back whatever the answer.
        self.module = Module {
            items: parser.items,
            names: parser.names,
            tree: parser.tree,
        };
        self.stacks = parser.stacks;
        self.open_stmts = parser.open_stmts;
        self.open_branches = parser.open_branches;
        self.sides = parser.sides;
        self.open_blocks = parser.open_blocks;
        match parsed {
            Ok(()) => Ok(&self.module),
            Err(e) => Err(*e),
        }
    }
}

/// The parser's results: the error is boxed, so that a result is a word
/// or two returned in registers (the parser's many small functions each
/// return one, and errors are rare).
type PResult<T> = Result<T, Box<CompileError>>;

/// Returned for reads past the end, so that a token list without a final
/// `Eof` cannot make the parser index out of bounds.
static EOF: TokenKind = TokenKind::Eof;

/// The room the parser's working vectors start with: the open blocks, the
/// operators pending in an expression, ... of nearly every module.
const SCRATCH: usize = 16;

const MODULE_LEVEL: &str =
    "only function definitions and constant assignments are allowed at module level";

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// End of the last token consumed, for the spans of what was parsed.
    prev_end: u32,
    /// Blocks currently open; a function body is depth 1.
    block_depth: usize,
    loop_depth: usize,
    /// The module's functions and constants parsed so far.
    items: Vec<Item>,
    /// Every name read so far, interned.
    names: Names,
    /// The statements and expressions parsed so far.
    tree: Tree,
    /// The expression parser's stacks, kept for their buffers.
    stacks: expr::Stacks,
    /// The statements of the blocks still open, innermost block's last (a
    /// block's statements move to the tree when it closes).
    open_stmts: Vec<Stmt>,
    /// The arms of the `if` statements still open, innermost last.
    open_branches: Vec<blocks::Branch>,
    /// The expressions of the sides of the assignment being parsed.
    sides: Vec<ExprId>,
    /// The blocks open in the function being parsed, innermost last.
    open_blocks: Vec<blocks::Open>,
}

impl<'a> Parser<'a> {
    /// A parser of `tokens` in the tables of `scratch` (taken until the
    /// caller gives them back), emptied.
    fn new(source: &'a str, tokens: &'a [Token], scratch: &mut Scratch) -> Parser<'a> {
        let Module {
            mut items,
            mut names,
            mut tree,
        } = core::mem::replace(&mut scratch.module, empty_module());
        items.clear();
        // Small modules have a distinct name per 6 to 20 tokens (the
        // benchmark modules): room for one per 10 saves growing the
        // table step by step. Large ones can have very few, and grow
        // it from there when they have more.
        names.clear_with_room((tokens.len() / 10).min(256));
        // Fewer expressions than tokens.
        tree.clear_with_room(tokens.len());
        let mut stacks = core::mem::take(&mut scratch.stacks);
        stacks.clear_with_room(SCRATCH);
        Parser {
            source,
            tokens,
            pos: 0,
            prev_end: 0,
            block_depth: 0,
            loop_depth: 0,
            items,
            names,
            tree,
            stacks,
            // The working vectors start with room for what most modules
            // need, instead of growing from empty a step at a time.
            open_stmts: take_emptied(&mut scratch.open_stmts, 2 * SCRATCH),
            open_branches: take_emptied(&mut scratch.open_branches, SCRATCH),
            sides: take_emptied(&mut scratch.sides, SCRATCH),
            open_blocks: take_emptied(&mut scratch.open_blocks, SCRATCH),
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

    /// The source text of a token's span.
    fn text(&self, span: Span) -> &'a str {
        let source: &'a str = self.source;
        source
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    /// Whether the current token is the name `name`.
    fn at_name(&self, name: &str) -> bool {
        self.at(&TokenKind::Name) && self.text(self.span()) == name
    }

    fn expect_name(&mut self, what: &str) -> PResult<Ident> {
        if !self.at(&TokenKind::Name) {
            return Err(self.expected(what));
        }
        let span = self.advance();
        Ok(self.ident(span))
    }

    /// The name whose token is at `span`, interned.
    fn ident(&mut self, span: Span) -> Ident {
        Ident {
            name: self.names.intern(self.text(span)),
            span,
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
        ends_statement(self.peek())
    }

    // ---- errors ---------------------------------------------------------

    fn error_here(&self, message: impl Into<String>) -> Box<CompileError> {
        CompileError::new(self.span(), message).into()
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
    fn named_refusal(&self) -> Option<Box<CompileError>> {
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
    fn expected(&self, what: &str) -> Box<CompileError> {
        if let Some(err) = self.named_refusal() {
            return err;
        }
        if what == "':'" && self.at(&TokenKind::Assign) {
            return self.error_here("expected ':' (use `==` to compare)");
        }
        self.error_here(format!("expected {what}"))
    }

    fn unexpected(&self) -> Box<CompileError> {
        if let Some(err) = self.named_refusal() {
            return err;
        }
        self.error_here(format!("unexpected token {}", self.describe()))
    }

    // ---- module level ---------------------------------------------------

    /// Parses the whole module into `items`, `names` and `tree`.
    fn module(&mut self) -> PResult<()> {
        loop {
            match self.peek() {
                TokenKind::Eof => break,
                TokenKind::Newline => {
                    self.advance();
                }
                TokenKind::Keyword(Keyword::Def) => {
                    let function = self.function()?;
                    self.items.push(Item::Function(function));
                }
                _ => {
                    let start = self.open_stmts.len();
                    self.statement()?;
                    for stmt in self.open_stmts.drain(start..) {
                        let constant = module_constant(&self.tree, stmt)?;
                        self.items.push(Item::Constant(constant));
                    }
                }
            }
        }
        Ok(())
    }

    fn function(&mut self) -> PResult<FunctionDef> {
        let before = self.tree.size();
        let def = self.advance();
        let name = self.expect_name("a function name")?;
        self.expect(&TokenKind::LParen, "'('")?;
        // The parameters go straight to the tree.
        let first_param = self.tree.param_count();
        loop {
            match self.peek() {
                TokenKind::RParen => break,
                TokenKind::Name => {}
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
            let (before, _) = self.tree.params_from(first_param);
            if self.tree[before].iter().any(|p| p.name == param.name) {
                let message = format!(
                    "duplicate argument '{}' in function definition",
                    self.names.text(param.name)
                );
                return Err(CompileError::new(param.span, message).into());
            }
            let kind = if self.eat(&TokenKind::Colon) {
                self.parameter_annotation()?
            } else {
                ParamKind::Int
            };
            self.tree.push_param(param, kind);
            if self.at(&TokenKind::Assign) {
                return Err(self.error_here("default parameter values are not supported"));
            }
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        self.expect(&TokenKind::RParen, "',' or ')'")?;
        if self.eat(&TokenKind::Arrow) {
            self.return_annotation()?;
        }
        let colon = self.expect(&TokenKind::Colon, "':'")?;
        let (params, kinds) = self.tree.params_from(first_param);
        let mut function = self.function_body(name, params, kinds, def.to(colon))?;
        // The function's nodes are the ones added since it started.
        let after = self.tree.size();
        function.size = BodySize {
            stmts: after.stmts - before.stmts,
            exprs: after.exprs - before.exprs,
            branches: after.branches - before.branches,
        };
        Ok(function)
    }

    /// Accepts `int` or `bool` on a local or a constant; annotations
    /// change nothing, so they leave no trace in the tree.
    fn annotation(&mut self) -> PResult<()> {
        if self.at_int_annotation() {
            self.advance();
            return Ok(());
        }
        Err(self.annotation_error("only `int` and `bool` annotations are supported"))
    }

    /// A parameter's annotation: `int` or `bool` (an integer), `bytes`,
    /// `bytearray` or `list[int]` (a buffer).
    fn parameter_annotation(&mut self) -> PResult<ParamKind> {
        if self.at_int_annotation() {
            self.advance();
            return Ok(ParamKind::Int);
        }
        let buffer = if self.at_name("bytes") {
            Some((BufKind::Bytes, 1))
        } else if self.at_name("bytearray") {
            Some((BufKind::ByteArray, 1))
        } else if self.at_name("list")
            && self.peek_at(1) == &TokenKind::LBracket
            && self.peek_at(3) == &TokenKind::RBracket
            && self
                .tokens
                .get(self.pos + 2)
                .is_some_and(|t| t.kind == TokenKind::Name && self.text(t.span) == "int")
        {
            Some((BufKind::List, 4))
        } else {
            None
        };
        match buffer {
            Some((kind, tokens)) if is_annotation_end(self.peek_at(tokens)) => {
                for _ in 0..tokens {
                    self.advance();
                }
                Ok(ParamKind::Buffer(kind))
            }
            _ => Err(self.annotation_error(
                "only `int`, `bool`, `bytes`, `bytearray` and `list[int]` parameter annotations are supported",
            )),
        }
    }

    /// A return annotation: `int`, `bool` or `None` (they change nothing:
    /// the `return` statements decide what a function returns).
    fn return_annotation(&mut self) -> PResult<()> {
        if self.at_int_annotation()
            || (self.at_keyword(Keyword::None) && is_annotation_end(self.peek_at(1)))
        {
            self.advance();
            return Ok(());
        }
        Err(self.annotation_error("only `int`, `bool` and `None` return annotations are supported"))
    }

    /// Whether the annotation here is `int` or `bool`, alone.
    fn at_int_annotation(&self) -> bool {
        (self.at_name("int") || self.at_name("bool")) && is_annotation_end(self.peek_at(1))
    }

    /// `message` spanning the whole annotation that starts here, up to
    /// where it ends at bracket depth 0 ("expected an annotation" if there
    /// is none).
    fn annotation_error(&self, message: &str) -> Box<CompileError> {
        if is_annotation_end(self.peek()) {
            return self.expected("an annotation");
        }
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
                k if depth == 0 && is_annotation_end(k) => break,
                _ => {}
            }
            end = self.span_at(i);
            i += 1;
        }
        CompileError::new(start.to(end), message).into()
    }
}

/// Whether `kind` ends an annotation (at bracket depth 0).
/// Whether a token of `kind` ends a simple statement.
fn ends_statement(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Newline | TokenKind::Semicolon | TokenKind::Eof
    )
}

fn is_annotation_end(kind: &TokenKind) -> bool {
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
}

fn module_constant(tree: &Tree, stmt: Stmt) -> PResult<ConstantDef> {
    match stmt.kind {
        StmtKind::Assign { targets, values } => {
            if targets.len() != 1 || values.len() != 1 {
                return Err(CompileError::new(
                    stmt.span,
                    "unpacking assignments are not supported at module level",
                )
                .into());
            }
            match (tree[targets].first(), tree[values].first()) {
                (Some(&target), Some(&value)) => match tree[target].kind {
                    ExprKind::Name(name) => Ok(ConstantDef {
                        name: Ident {
                            name,
                            span: tree[target].span,
                        },
                        value,
                        span: stmt.span,
                    }),
                    _ => Err(CompileError::new(stmt.span, MODULE_LEVEL).into()),
                },
                _ => Err(CompileError::new(stmt.span, MODULE_LEVEL).into()),
            }
        }
        _ => Err(CompileError::new(stmt.span, MODULE_LEVEL).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::ast::{BinOp, BoolOp, CmpOp, ExprKind, List, UnOp};
    use crate::frontend::lexer::tokenize;
    use crate::frontend::{MAX_BLOCK_DEPTH, MAX_EXPR_DEPTH};
    use crate::test_fixtures::Rng;
    use alloc::string::ToString;

    pub(super) fn parse_src(src: &str) -> Result<Module, CompileError> {
        let tokens = tokenize(src)?;
        parse(src, &tokens)
    }

    /// The module as indented text, every expression fully parenthesized.
    pub(super) fn show(src: &str) -> String {
        match parse_src(src) {
            Ok(module) => module_text(&module),
            Err(e) => {
                let (line, col) = e.line_col(src);
                panic!("{src:?}: {line}:{col}: {}", e.message)
            }
        }
    }

    /// The error as `line:col: message`.
    pub(super) fn err(src: &str) -> String {
        match parse_src(src) {
            Ok(module) => panic!("{src:?} parsed: {}", module_text(&module)),
            Err(e) => {
                let (line, col) = e.line_col(src);
                format!("{line}:{col}: {}", e.message)
            }
        }
    }

    /// The source text an error spans.
    pub(super) fn err_text(src: &str) -> &str {
        let e = parse_src(src).expect_err("should fail");
        &src[e.span.start as usize..e.span.end as usize]
    }

    pub(super) fn module_text(module: &Module) -> String {
        let names = &module.names;
        let mut out = String::new();
        for item in &module.items {
            match item {
                Item::Function(f) => {
                    let params: Vec<&str> = module.tree[f.params]
                        .iter()
                        .map(|p| names.text(p.name))
                        .collect();
                    out.push_str(&format!(
                        "def {}({}):\n",
                        names.text(f.name.name),
                        params.join(", ")
                    ));
                    block_text(module, f.body, 1, &mut out);
                }
                Item::Constant(c) => {
                    out.push_str(&format!(
                        "{} = {}\n",
                        names.text(c.name.name),
                        expr_text(module, c.value)
                    ));
                }
            }
        }
        out
    }

    fn block_text(module: &Module, body: List<Stmt>, level: usize, out: &mut String) {
        for stmt in &module.tree[body] {
            stmt_text(module, stmt, level, out);
        }
    }

    fn stmt_text(module: &Module, stmt: &Stmt, level: usize, out: &mut String) {
        let (names, tree) = (&module.names, &module.tree);
        let indent = "  ".repeat(level);
        let line = match &stmt.kind {
            StmtKind::Assign { targets, values } => {
                let targets: Vec<String> = tree[*targets]
                    .iter()
                    .map(|&e| expr_text(module, e))
                    .collect();
                let values: Vec<String> = tree[*values]
                    .iter()
                    .map(|&e| expr_text(module, e))
                    .collect();
                format!("{} = {}", targets.join(", "), values.join(", "))
            }
            StmtKind::AugAssign { target, op, value } => {
                format!(
                    "{} {}= {}",
                    expr_text(module, *target),
                    binop_text(*op),
                    expr_text(module, *value)
                )
            }
            StmtKind::If {
                cond,
                then_body,
                else_body,
            } => {
                out.push_str(&format!("{indent}if {}:\n", expr_text(module, *cond)));
                block_text(module, *then_body, level + 1, out);
                if !else_body.is_empty() {
                    out.push_str(&format!("{indent}else:\n"));
                    block_text(module, *else_body, level + 1, out);
                }
                return;
            }
            StmtKind::While { cond, body } => {
                out.push_str(&format!("{indent}while {}:\n", expr_text(module, *cond)));
                block_text(module, *body, level + 1, out);
                return;
            }
            StmtKind::For {
                var,
                start,
                stop,
                step,
                body,
            } => {
                let args: Vec<String> = [*start, Some(*stop), *step]
                    .into_iter()
                    .flatten()
                    .map(|e| expr_text(module, e))
                    .collect();
                out.push_str(&format!(
                    "{indent}for {} in range({}):\n",
                    names.text(var.name),
                    args.join(", ")
                ));
                block_text(module, *body, level + 1, out);
                return;
            }
            StmtKind::ForEach {
                index,
                var,
                buffer,
                body,
            } => {
                let (buffer, var) = (names.text(buffer.name), names.text(var.name));
                match index {
                    Some(i) => out.push_str(&format!(
                        "{indent}for {}, {var} in enumerate({buffer}):\n",
                        names.text(i.name)
                    )),
                    None => out.push_str(&format!("{indent}for {var} in {buffer}:\n")),
                }
                block_text(module, *body, level + 1, out);
                return;
            }
            StmtKind::Break => "break".to_string(),
            StmtKind::Continue => "continue".to_string(),
            StmtKind::Pass => "pass".to_string(),
            StmtKind::Return(Some(e)) => format!("return {}", expr_text(module, *e)),
            StmtKind::Return(None) => "return".to_string(),
            StmtKind::Assert { cond, message } => match message {
                Some(m) => format!("assert {}, {m:?}", expr_text(module, *cond)),
                None => format!("assert {}", expr_text(module, *cond)),
            },
            StmtKind::Expr(e) => expr_text(module, *e),
        };
        out.push_str(&format!("{indent}{line}\n"));
    }

    pub(super) fn expr_text(module: &Module, e: ExprId) -> String {
        let (names, tree) = (&module.names, &module.tree);
        let text = |e: ExprId| expr_text(module, e);
        match &tree[e].kind {
            ExprKind::Int(v) => v.to_string(),
            ExprKind::Name(n) => String::from(names.text(*n)),
            ExprKind::Unary(op, a) => {
                let op = match op {
                    UnOp::Neg => "-",
                    UnOp::Pos => "+",
                    UnOp::Invert => "~",
                    UnOp::Not => "not ",
                };
                format!("({op}{})", text(*a))
            }
            ExprKind::Binary(first, rest) => {
                let mut s = text(*first);
                for &(op, e) in &tree[*rest] {
                    s = format!("({s} {} {})", binop_text(op), text(e));
                }
                s
            }
            ExprKind::BoolOp(op, operands) => {
                let sep = match op {
                    BoolOp::And => " and ",
                    BoolOp::Or => " or ",
                };
                let parts: Vec<String> = tree[*operands].iter().map(|&e| text(e)).collect();
                format!("({})", parts.join(sep))
            }
            ExprKind::Compare(first, rest) => {
                let mut s = format!("({}", text(*first));
                for &(op, e) in &tree[*rest] {
                    let op = match op {
                        CmpOp::Lt => "<",
                        CmpOp::Le => "<=",
                        CmpOp::Gt => ">",
                        CmpOp::Ge => ">=",
                        CmpOp::Eq => "==",
                        CmpOp::Ne => "!=",
                    };
                    s.push_str(&format!(" {op} {}", text(e)));
                }
                s + ")"
            }
            ExprKind::Call(name, args) => {
                let args: Vec<String> = tree[*args].iter().map(|&e| text(e)).collect();
                format!("{}({})", names.text(name.name), args.join(", "))
            }
            ExprKind::Item(buffer, index) => {
                format!("{}[{}]", names.text(buffer.name), text(*index))
            }
            ExprKind::IfExp {
                cond,
                then,
                otherwise,
            } => format!(
                "({} if {} else {})",
                text(*then),
                text(*cond),
                text(*otherwise)
            ),
        }
    }

    fn binop_text(op: BinOp) -> &'static str {
        match op {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }

    const FIB: &str = r#""""Fibonacci, two ways."""

LIMIT: int = 90
BASE = 0x10 - 0b1_0000

def fib(n: int) -> int:
    """Iterative."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

def fib_rec(n):
    if n < 2: return n
    return fib_rec(n - 1) + fib_rec(n - 2)

def main() -> bool:
    assert fib(10) == fib_rec(10) == 55, "fib " "mismatch"
    return True
"#;

    #[test]
    fn whole_program() {
        assert_eq!(
            show(FIB),
            "LIMIT = 90\n\
             BASE = (16 - 16)\n\
             def fib(n):\n  a, b = 0, 1\n  for _ in range(n):\n    a, b = b, (a + b)\n  return a\n\
             def fib_rec(n):\n  if (n < 2):\n    return n\n  return (fib_rec((n - 1)) + fib_rec((n - 2)))\n\
             def main():\n  assert (fib(10) == fib_rec(10) == 55), \"fib mismatch\"\n  return 1\n"
        );
    }

    #[test]
    fn item_spans() {
        let module = parse_src(FIB).unwrap();
        let text = |span: Span| &FIB[span.start as usize..span.end as usize];
        let spans: Vec<&str> = module
            .items
            .iter()
            .map(|item| match item {
                Item::Function(f) => text(f.span),
                Item::Constant(c) => text(c.span),
            })
            .collect();
        assert_eq!(
            spans,
            [
                "LIMIT: int = 90",
                "BASE = 0x10 - 0b1_0000",
                "def fib(n: int) -> int:",
                "def fib_rec(n):",
                "def main() -> bool:",
            ]
        );
        let Item::Function(fib) = &module.items[2] else {
            panic!("not a function")
        };
        assert_eq!(text(fib.name.span), "fib");
        assert_eq!(text(module.tree[fib.params][0].span), "n");
        let stmt_spans: Vec<&str> = module.tree[fib.body].iter().map(|s| text(s.span)).collect();
        assert_eq!(
            stmt_spans,
            ["a, b = 0, 1", "for _ in range(n):", "return a"]
        );
    }

    #[test]
    fn docstrings_are_dropped_anywhere() {
        let src = "'''module'''\nX = 1\n'a' 'b'\ndef f():\n    'doc'; 'more'\n    if X:\n        \"\"\"inner\"\"\"\n        return X\n    return 0\n'tail'";
        assert_eq!(
            show(src),
            "X = 1\ndef f():\n  if X:\n    return X\n  return 0\n"
        );
        assert_eq!(show("def f():\n    '''only a docstring'''\n"), "def f():\n");
        assert_eq!(show("def f(): 'doc'\n"), "def f():\n");
        let parenthesized =
            "('module')\ndef f():\n    ('doc')\n    ((\n    'a'\n    'b'))\n    return 1\n";
        assert_eq!(show(parenthesized), "def f():\n  return 1\n");
    }

    #[test]
    fn parenthesized_strings_that_are_not_docstrings() {
        assert!(err("def f():\n    ('a', 'b')\n").contains("strings are not supported"));
        assert!(err("def f():\n    (('a')\n").contains("'('"));
        assert!(err("def f():\n    ('a'))\n").contains("')'"));
        assert!(err("def f():\n    ()\n").contains("2:5"));
    }

    #[test]
    fn diagnostic_of_the_language_page() {
        let src = "def f(n):\n    '''Halves.'''\n    return n * 0.5\n";
        let e = parse_src(src).expect_err("a float");
        assert_eq!(
            e.render("fib.py", src),
            "fib.py:3:16: error: floats are not supported (only 64-bit integers)\n    return n * 0.5\n               ^^^\n"
        );
    }

    #[test]
    fn functions() {
        assert_eq!(
            show("def f(a, b: int, c: bool,) -> int:\n    return a\ndef g(): return 1\n"),
            "def f(a, b, c):\n  return a\ndef g():\n  return 1\n"
        );
        assert_eq!(
            show("def f(\n    a,\n    b,\n):\n    return a"),
            "def f(a, b):\n  return a\n"
        );
    }

    #[test]
    fn module_level_errors() {
        let only = "only function definitions and constant assignments are allowed at module level";
        for src in [
            "print(1)",
            "x += 1",
            "return 1",
            "pass",
            "if x:\n    pass",
            "while 1: pass",
            "for i in range(3): pass",
            "assert x",
        ] {
            assert_eq!(err(src), format!("1:1: {only}"), "{src}");
        }
        assert_eq!(err("X = 1\nY"), format!("2:1: {only}"));
        assert_eq!(
            err("a, b = 1, 2"),
            "1:1: unpacking assignments are not supported at module level"
        );
        assert_eq!(err("import os"), "1:1: import is not supported");
        assert_eq!(err("from os import path"), "1:1: import is not supported");
        assert_eq!(err("class A:\n    pass"), "1:1: classes are not supported");
        assert_eq!(
            err("@dec\ndef f():\n    return 1"),
            "1:1: decorators are not supported"
        );
        assert_eq!(
            err("async def f():\n    return 1"),
            "1:1: async is not supported"
        );
        assert_eq!(err("global x"), "1:1: global is not supported");
        assert_eq!(err("  x = 1"), "1:3: unexpected indent");
        assert_eq!(err("x = 1\n  y = 2"), "2:3: unexpected indent");
        assert_eq!(
            err("X = Y = 1"),
            "1:7: chained assignment (`a = b = ...`) is not supported"
        );
        assert_eq!(
            err("x: int"),
            "1:1: an annotated name needs a value (`x: int = ...`)"
        );
        assert_eq!(
            err("x: str = 1"),
            "1:4: only `int` and `bool` annotations are supported"
        );
        assert_eq!(err("x = 1 2"), "1:7: unexpected token '2'");
        assert_eq!(
            err("x = 1; def f(): pass"),
            "1:8: `def` must start a line of its own"
        );
    }

    #[test]
    fn function_errors() {
        assert_eq!(err("def f():\nreturn 1"), "2:1: expected an indented block");
        assert_eq!(err("def f():"), "1:9: expected an indented block");
        assert_eq!(err("def f():\n\n# c\n"), "4:1: expected an indented block");
        assert_eq!(
            err("def f(): pass\ndef g():\n    def h(): pass"),
            "3:5: nested functions are not supported"
        );
        assert_eq!(
            err("def f(x, y, x):"),
            "1:13: duplicate argument 'x' in function definition"
        );
        assert_eq!(
            err("def f(x=1):"),
            "1:8: default parameter values are not supported"
        );
        assert_eq!(
            err("def f(x: int = 1):"),
            "1:14: default parameter values are not supported"
        );
        assert_eq!(
            err("def f(*args):"),
            "1:7: `*args` and keyword-only parameters are not supported"
        );
        assert_eq!(
            err("def f(a, *, b):"),
            "1:10: `*args` and keyword-only parameters are not supported"
        );
        assert_eq!(err("def f(**kw):"), "1:7: `**kwargs` is not supported");
        assert_eq!(
            err("def f(a, /, b):"),
            "1:10: positional-only parameters (`/`) are not supported"
        );
        let annotations = "only `int`, `bool`, `bytes`, `bytearray` and `list[int]` parameter annotations are supported";
        assert_eq!(err("def f(x: str):"), format!("1:10: {annotations}"));
        assert_eq!(err_text("def f(x: list[str], y): pass"), "list[str]");
        assert_eq!(err_text("def f(x: list, y): pass"), "list");
        assert_eq!(
            err_text("def f(x: list[int] | None): pass"),
            "list[int] | None"
        );
        assert_eq!(err_text("def f(x: bytes[int]): pass"), "bytes[int]");
        assert_eq!(err_text("def f(x) -> bytes: pass"), "bytes");
        assert_eq!(
            err("def f(x) -> list[int]: pass"),
            "1:13: only `int`, `bool` and `None` return annotations are supported"
        );
        assert_eq!(err_text("def f(x: 'int'): pass"), "'int'");
        assert_eq!(err_text("def f(x: int | bool): pass"), "int | bool");
        assert_eq!(err("def f(x:):"), "1:9: expected an annotation");
        assert_eq!(err("def (x):"), "1:5: expected a function name");
        assert_eq!(err("def f x:"), "1:7: expected '('");
        assert_eq!(err("def f(x) return x"), "1:10: expected ':'");
        assert_eq!(err("def f(1):"), "1:7: expected a parameter name");
        assert_eq!(err("def f(x y):"), "1:9: expected ',' or ')'");
        assert_eq!(
            err("def f():\n    return 1\n  x = 2"),
            "3:3: unindent does not match any outer indentation level"
        );
    }

    #[test]
    fn parameter_annotations_give_kinds() {
        use crate::ir::{BufKind, ParamKind};
        let src = "def f(a: bytes, b: bytearray, c: list[int], d: int, e, g: bool) -> None:\n    pass\ndef h() -> int: return 1\ndef k() -> bool: return 1";
        let module = parse_src(src).unwrap();
        let Some(Item::Function(f)) = module.items.first() else {
            panic!("not a function")
        };
        assert_eq!(
            module.tree[f.kinds],
            [
                ParamKind::Buffer(BufKind::Bytes),
                ParamKind::Buffer(BufKind::ByteArray),
                ParamKind::Buffer(BufKind::List),
                ParamKind::Int,
                ParamKind::Int,
                ParamKind::Int,
            ]
        );
        assert_eq!(module.items.len(), 3);
    }

    #[test]
    fn parse_tolerates_a_token_list_without_eof() {
        let src = "def f(x):\n    return (x + 1)\n";
        let tokens = tokenize(src).unwrap();
        for k in 0..tokens.len() {
            let _ = parse(src, &tokens[..k]);
        }
        assert!(parse(src, &[]).unwrap().items.is_empty());
    }

    /// Runs `f` on a thread with a 1 MiB stack (half of a test thread's).
    pub(super) fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    /// A function whose body nests `levels` blocks opened by `header`.
    fn nested_blocks(header: &str, levels: usize) -> String {
        let mut src = String::from("def f(x):\n");
        for i in 1..=levels {
            src.push_str(&"    ".repeat(i));
            src.push_str(header);
            src.push('\n');
        }
        src.push_str(&"    ".repeat(levels + 1));
        src.push_str("return x\n");
        src
    }

    #[test]
    fn hostile_nesting_is_refused_without_overflow() {
        on_small_stack(|| {
            let n = 10_000;
            // Too many levels, or too many parentheses.
            let expr = "expression is nested too deeply (more than";
            let blocks = "blocks are nested too deeply (more than 150 levels)";
            let cases = [
                (format!("X = {}1{}", "(".repeat(n), ")".repeat(n)), expr),
                (format!("X = {}1", "not ".repeat(n)), expr),
                (format!("X = {}1", "-".repeat(n)), expr),
                (format!("X = {}1", "~+-".repeat(n)), expr),
                (format!("X = {}1{}", "(1 + ".repeat(n), ")".repeat(n)), expr),
                (
                    format!("X = {}1{}", "1 * (1 - ".repeat(n), ")".repeat(n)),
                    expr,
                ),
                (format!("X = 2{}", " ** 2".repeat(n)), expr),
                (format!("X = 2{}", " ** -2".repeat(n)), expr),
                (format!("X = {}1{}", "f(".repeat(n), ")".repeat(n)), expr),
                (format!("X = {}1{}", "x[".repeat(n), "]".repeat(n)), expr),
                (format!("X = {}1{}", "x[-".repeat(n), "]".repeat(n)), expr),
                (
                    format!("X = {}1{}", "f(1, -(".repeat(n), "))".repeat(n)),
                    expr,
                ),
                (format!("X = 1{}", " if 1 else 1".repeat(n)), expr),
                (
                    format!("X = {}1{}", "(1 if ".repeat(n), " else 1)".repeat(n)),
                    expr,
                ),
                (
                    format!("X = {}1{}", "(1 and ".repeat(n), ")".repeat(n)),
                    expr,
                ),
                (format!("X = {}1{}", "(1 < ".repeat(n), ")".repeat(n)), expr),
                (
                    format!("def f():\n    return {}1{}", "(".repeat(n), ")".repeat(n)),
                    expr,
                ),
                (nested_blocks("if x:", n), blocks),
                (nested_blocks("while x:", n), blocks),
                (nested_blocks("for i in range(x):", n), blocks),
            ];
            for (src, message) in cases {
                let e = parse_src(&src).expect_err("should fail");
                assert!(
                    e.message.starts_with(message),
                    "{}: {}",
                    &src[..40],
                    e.message
                );
            }
            // Deep but refused for other reasons; flat and long is fine.
            assert!(parse_src(&format!("X = {}", "[".repeat(n))).is_err());
            assert!(parse_src(&format!("X = {}", "(".repeat(n))).is_err());
            assert!(parse_src(&format!("X = 1{}", " and 1".repeat(100_000))).is_ok());
            assert!(parse_src(&format!("X = 1{}", " < 1".repeat(100_000))).is_ok());
            assert!(parse_src(&format!("X = 1{}", " + 1".repeat(100_000))).is_ok());
            assert!(parse_src(&format!("X = 1{}", " * 1 - 1".repeat(100_000))).is_ok());
            assert!(parse_src(&format!("X = f(1{})", ", 1".repeat(100_000))).is_ok());
            assert!(parse_src(&"def f():\n    x = 1\n".repeat(10_000)).is_ok());
        });
    }

    #[test]
    fn deep_but_legal_nesting_is_accepted() {
        on_small_stack(|| {
            // 100 levels, as the language requires.
            assert!(parse_src(&format!("X = {}1{}", "(".repeat(100), ")".repeat(100))).is_ok());
            assert!(parse_src(&nested_blocks("if x:", 100)).is_ok());
            // Up to the limits exactly, for every kind of nesting.
            let (d, b) = (MAX_EXPR_DEPTH, MAX_BLOCK_DEPTH);
            let at_limit = [
                format!("X = {}1{}", "(".repeat(200), ")".repeat(200)),
                format!("X = {}1{}", "f(".repeat(d - 1), ")".repeat(d - 1)),
                format!("X = {}{}", "f(".repeat(d), ")".repeat(d)),
                format!("X = {}1{}", "x[".repeat(d - 1), "]".repeat(d - 1)),
                format!("X = {}1", "-".repeat(d - 1)),
                format!("X = {}1", "not ".repeat(d - 1)),
                format!("X = 1{}", " + 1".repeat(d - 1)),
                format!("X = 2{}", " ** 2".repeat(d - 1)),
                format!("X = 1{}", " if 1 else 1".repeat(d - 1)),
                format!("X = {}1{}", "-(".repeat(200), ")".repeat(200)),
                format!(
                    "X = {}1{}",
                    "abs(".repeat(d / 2 - 1),
                    " * 2)".repeat(d / 2 - 1)
                ),
                nested_blocks("if x:", b - 1),
                nested_blocks("if x:", b - 2) + &"    ".repeat(b - 1) + "if x: pass\n",
            ];
            for src in &at_limit {
                if let Err(e) = parse_src(src) {
                    panic!("{}: {}", &src[..40], e.message);
                }
            }
            let over_limit = [
                format!("X = {}1{}", "(".repeat(d + 1), ")".repeat(d + 1)),
                format!("X = {}{}", "f(".repeat(d + 1), ")".repeat(d + 1)),
                format!("X = {}1", "-".repeat(d)),
                format!("X = {}1", "not ".repeat(d)),
                format!("X = {}1{}", "1 + (".repeat(d), ")".repeat(d)),
                format!("X = 2{}", " ** 2".repeat(d)),
                format!("X = 1{}", " if 1 else 1".repeat(d)),
                nested_blocks("if x:", b),
                nested_blocks("if x:", b - 1) + &"    ".repeat(b) + "if x: pass\n",
            ];
            for src in &over_limit {
                assert!(parse_src(src).is_err(), "{}", &src[..40]);
            }
        });
    }

    const FRAGMENTS: &[&str] = &[
        "def",
        " f",
        "g",
        "(",
        ")",
        ":",
        "\n",
        "    ",
        "\t",
        " ",
        "return",
        "1",
        "0x1f",
        "0b",
        "0o8",
        "9223372036854775808",
        "1.5",
        "1j",
        "_",
        "+",
        "-",
        "*",
        "**",
        "//",
        "/",
        "%",
        "<<",
        ">>",
        "&",
        "|",
        "^",
        "~",
        "<",
        "<=",
        "==",
        "!=",
        "!",
        "=",
        "+=",
        "/=",
        ":=",
        "->",
        ",",
        ";",
        ".",
        "...",
        "if",
        "elif",
        "else",
        "while",
        "for",
        "in",
        "range",
        "not",
        "and",
        "or",
        "is",
        "True",
        "None",
        "pass",
        "break",
        "continue",
        "assert",
        "lambda",
        "class",
        "import",
        "global",
        "x",
        "y",
        "'s'",
        "\"",
        "'''",
        "r'\\'",
        "'\\x4'",
        "f'",
        "#",
        "\\",
        "\\\n",
        "\r\n",
        "\r",
        "[",
        "]",
        "{",
        "}",
        "é",
        "€",
        "\x0c",
        "\x01",
        "match",
        "@",
        "$",
        ": int",
        "-> bool",
    ];

    fn check_span(src: &str, span: Span) {
        assert!(span.start <= span.end, "{src:?}: {span:?}");
        assert!(span.end as usize <= src.len(), "{src:?}: {span:?}");
        assert!(
            src.is_char_boundary(span.start as usize),
            "{src:?}: {span:?}"
        );
        assert!(src.is_char_boundary(span.end as usize), "{src:?}: {span:?}");
    }

    /// Tokenizes and parses, checking that every span is well formed and
    /// that an error renders.
    fn run_front(src: &str) {
        let result = tokenize(src).and_then(|tokens| {
            for token in &tokens {
                check_span(src, token.span);
            }
            parse(src, &tokens)
        });
        if let Err(e) = result {
            check_span(src, e.span);
            assert!(!e.message.is_empty());
            let _ = e.render("fuzz.py", src);
        }
    }

    fn run_front_reporting(src: &str) {
        let owned = src.to_string();
        if std::panic::catch_unwind(move || run_front(&owned)).is_err() {
            panic!("front end panicked on {src:?}");
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        // Token soups.
        for _ in 0..4000 {
            let mut src = String::new();
            for _ in 0..rng.below(60) {
                src.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            }
            run_front_reporting(&src);
        }
        // Byte soups.
        let alphabet = b"def x(1):\n\t 0_xob.e+-*/%<>=!&|^~()[]{},;'\"#\\\r@$?\x00\x0c\xc3\xa9";
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..rng.below(80))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            run_front_reporting(&String::from_utf8_lossy(&bytes));
        }
        // Mutations of a valid program.
        for _ in 0..4000 {
            let mut src: Vec<char> = FIB.chars().collect();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(src.len() + 1);
                match rng.below(3) {
                    0 if at < src.len() => {
                        let len = rng.below(8).min(src.len() - at);
                        src.drain(at..at + len);
                    }
                    1 => {
                        let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())];
                        for (i, c) in fragment.chars().enumerate() {
                            src.insert(at + i, c);
                        }
                    }
                    _ if at < src.len() => {
                        let other = rng.below(src.len());
                        src.swap(at, other);
                    }
                    _ => {}
                }
            }
            run_front_reporting(&src.into_iter().collect::<String>());
        }
    }
}
