//! Parsing the text form.
//!
//! The parser reads one token ahead and never recurses, so no input can
//! exhaust the stack; entity numbers are bounded (see [`MAX_NUMBER`]) so no
//! input can make it allocate huge tables. Undefined values, blocks and
//! functions are errors here; everything else the text can express (wrong
//! argument counts, dominance, misplaced terminators, results on
//! instructions that have none) is left to the verifier.

use crate::error::{CompileError, Span};
use crate::ir::{
    Access, BinaryOp, Block, BlockCall, BlockData, BufKind, FuncId, Function, HostArity, HostDecl,
    HostId, IndexCheck, Inst, InstData, InstKind, Module, ParamKind, Returns, Signature, UnaryOp,
    Value, ValueDef,
};
use crate::trap::Trap;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The largest value or block number the parser accepts (`v1000000`).
pub const MAX_NUMBER: u32 = 1_000_000;

/// Table entries (values and blocks, over all functions) a module may use
/// beyond one per byte of text. Printed IR needs fewer entries than bytes,
/// except for gaps left by removed definitions; this allowance covers those
/// while keeping many functions with large numbers from using gigabytes.
const TABLE_ALLOWANCE: usize = 4_000_000;

/// Parses a module in the text form (see [`crate::ir::text`]).
///
/// Value and block numbers are kept (`v7` is `Value(7)`); numbers that never
/// appear become [`ValueDef::Unused`] values and empty blocks outside the
/// layout. Instructions are numbered in text order.
///
/// # Errors
/// The first syntax error, or the first use of an undefined value, block or
/// function, with the span of the offending text.
pub fn parse_module(text: &str) -> Result<Module, CompileError> {
    let mut parser = Parser {
        src: text,
        lexer: Lexer { src: text, pos: 0 },
        tok: Token {
            kind: Tok::Newline,
            span: Span::default(),
        },
        table_budget: TABLE_ALLOWANCE.saturating_add(text.len()),
    };
    parser.advance()?;
    let mut module = Module::default();
    let mut names = BTreeMap::new();
    let mut calls = Vec::new();
    loop {
        parser.skip_newlines()?;
        if parser.tok.kind == Tok::Eof {
            break;
        }
        if parser.tok.kind == Tok::Ident && parser.text() == "host" {
            let decl = parser.host_decl()?;
            if module.host_id(&decl.name).is_some() {
                return Err(parser.error(format!("host function `{}` declared twice", decl.name)));
            }
            module.hosts.push(decl);
            continue;
        }
        let id = FuncId(module.functions.len() as u32);
        let func = parser.function(id, &mut names, &mut calls)?;
        module.functions.push(func);
    }
    // Calls are resolved last because a call may name a function defined
    // further down.
    for call in calls {
        let inst = &mut module.functions[call.func.index()].insts[call.inst.index()];
        match &mut inst.kind {
            InstKind::CallHost(target, _) => {
                let Some(host) = module.hosts.iter().position(|h| h.name == call.name) else {
                    return Err(CompileError::new(
                        call.span,
                        format!("unknown host function `{}`", call.name),
                    ));
                };
                *target = HostId::new(host);
            }
            InstKind::Call(target, _) => {
                let Some(&callee) = names.get(call.name) else {
                    return Err(CompileError::new(
                        call.span,
                        format!("unknown function `{}`", call.name),
                    ));
                };
                *target = callee;
            }
            _ => {}
        }
    }
    Ok(module)
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// A name, mnemonic or entity (`fib`, `add.wrap`, `v3`, `block2`).
    Ident,
    /// An integer, possibly negative; its text is the token's span.
    Int,
    /// A string literal, already unescaped.
    Str(String),
    Punct(char),
    Newline,
    Eof,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Tok,
    span: Span,
}

struct Lexer<'a> {
    src: &'a str,
    /// Always on a character boundary.
    pos: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

impl Lexer<'_> {
    fn peek_char(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// An error spanning from `start` to the current position.
    fn error(&self, start: usize, message: impl Into<String>) -> CompileError {
        CompileError::new(Span::new(start, self.pos), message)
    }

    fn eat_while(&mut self, pred: impl Fn(char) -> bool) {
        while self.peek_char().is_some_and(&pred) {
            self.bump();
        }
    }

    fn next_token(&mut self) -> Result<Token, CompileError> {
        loop {
            match self.peek_char() {
                Some(' ' | '\t' | '\r') => {
                    self.bump();
                }
                // The comment's newline stays: it still ends the line.
                Some(';') => self.eat_while(|c| c != '\n'),
                _ => break,
            }
        }
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Ok(Token {
                kind: Tok::Eof,
                span: Span::new(start, start),
            });
        };
        let kind = match c {
            '\n' => Tok::Newline,
            '(' | ')' | ',' | ':' | '=' | '{' | '}' => Tok::Punct(c),
            // `->` in signatures, `...` for a host function of any arity.
            '-' if self.peek_char() == Some('>') => {
                self.bump();
                Tok::Punct('>')
            }
            '.' if self.src[self.pos..].starts_with("..") => {
                self.pos += 2;
                Tok::Punct('.')
            }
            '"' => Tok::Str(self.string(start)?),
            c if is_ident_start(c) => {
                self.eat_while(is_ident_continue);
                Tok::Ident
            }
            c if c.is_ascii_digit()
                || (c == '-' && self.peek_char().is_some_and(|d| d.is_ascii_digit())) =>
            {
                self.eat_while(|d| d.is_ascii_digit());
                if self.peek_char().is_some_and(is_ident_continue) {
                    self.eat_while(is_ident_continue);
                    let text = &self.src[start..self.pos];
                    return Err(self.error(start, format!("invalid number `{text}`")));
                }
                Tok::Int
            }
            c => {
                let message = format!("unexpected character `{}`", c.escape_debug());
                return Err(self.error(start, message));
            }
        };
        Ok(Token {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// The rest of a string literal whose opening quote is at `start`.
    fn string(&mut self, start: usize) -> Result<String, CompileError> {
        let mut out = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                None | Some('\n') => return Err(self.error(start, "unterminated string")),
                Some('"') => return Ok(out),
                Some('\\') => out.push(self.escape(at)?),
                Some(c) => out.push(c),
            }
        }
    }

    /// The character of an escape whose backslash is at `start`.
    fn escape(&mut self, start: usize) -> Result<char, CompileError> {
        let c = match self.bump() {
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('\\') => '\\',
            Some('"') => '"',
            Some('u') if self.peek_char() == Some('{') => {
                self.bump();
                let digits_start = self.pos;
                self.eat_while(|c| c.is_ascii_hexdigit());
                let digits = &self.src[digits_start..self.pos];
                let closed = self.peek_char() == Some('}');
                if closed {
                    self.bump();
                }
                let c = (closed && (1..=6).contains(&digits.len()))
                    .then(|| u32::from_str_radix(digits, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                return c.ok_or_else(|| {
                    let expected = "expected \\u{...} with 1 to 6 hex digits of a character";
                    self.error(start, format!("invalid escape: {expected}"))
                });
            }
            Some('\n') | None => return Err(self.error(start, "unterminated string")),
            Some(c) => {
                let message = format!("unknown escape `\\{}`", c.escape_debug());
                return Err(self.error(start, message));
            }
        };
        Ok(c)
    }
}

/// How an identifier reads as an entity name like `v12` or `block3`.
#[derive(PartialEq, Eq)]
enum EntityName {
    Not,
    Number(u32),
    TooLarge,
}

fn entity_name(text: &str, prefix: &str) -> EntityName {
    let Some(digits) = text.strip_prefix(prefix) else {
        return EntityName::Not;
    };
    // Leading zeros are refused so that each entity has one spelling and
    // printing gives back the text that was parsed.
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return EntityName::Not;
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_NUMBER => EntityName::Number(n),
        _ => EntityName::TooLarge,
    }
}

/// A call whose callee is resolved once every function name is known.
struct PendingCall<'a> {
    func: FuncId,
    inst: Inst,
    name: &'a str,
    span: Span,
}

/// A use of a value or block, checked when the function is complete
/// because values and blocks may be used before their definition.
enum Ref {
    Value(Value),
    Block(Block),
}

/// A function being parsed.
struct FunctionState {
    func: Function,
    /// Whether the text gave the signature (otherwise: integers only).
    explicit_signature: bool,
    /// Whether each block's label has been seen.
    defined: Vec<bool>,
    /// The block instructions are added to.
    current: Option<Block>,
    refs: Vec<(Ref, Span)>,
    /// The values of the list being read.
    list: Vec<Value>,
}

struct Parser<'a> {
    src: &'a str,
    lexer: Lexer<'a>,
    /// The lookahead token.
    tok: Token,
    /// Table entries the module may still allocate.
    table_budget: usize,
}

impl<'a> Parser<'a> {
    fn advance(&mut self) -> Result<(), CompileError> {
        self.tok = self.lexer.next_token()?;
        Ok(())
    }

    fn text(&self) -> &'a str {
        &self.src[self.tok.span.start as usize..self.tok.span.end as usize]
    }

    fn error(&self, message: impl Into<String>) -> CompileError {
        CompileError::new(self.tok.span, message)
    }

    fn is_punct(&self, c: char) -> bool {
        self.tok.kind == Tok::Punct(c)
    }

    fn eat_punct(&mut self, c: char) -> Result<bool, CompileError> {
        let found = self.is_punct(c);
        if found {
            self.advance()?;
        }
        Ok(found)
    }

    fn expect_punct(&mut self, c: char) -> Result<(), CompileError> {
        if self.eat_punct(c)? {
            Ok(())
        } else {
            Err(self.error(format!("expected `{c}`")))
        }
    }

    fn skip_newlines(&mut self) -> Result<(), CompileError> {
        while self.tok.kind == Tok::Newline {
            self.advance()?;
        }
        Ok(())
    }

    fn expect_line_end(&mut self) -> Result<(), CompileError> {
        match self.tok.kind {
            Tok::Newline => self.advance(),
            Tok::Eof => Ok(()),
            _ => Err(self.error("expected end of line")),
        }
    }

    /// An identifier; `expected` describes it for the error.
    fn ident(&mut self, expected: &str) -> Result<(&'a str, Span), CompileError> {
        if self.tok.kind != Tok::Ident {
            return Err(self.error(format!("expected {expected}")));
        }
        let found = (self.text(), self.tok.span);
        self.advance()?;
        Ok(found)
    }

    fn entity(&mut self, prefix: &str, what: &str) -> Result<(u32, Span), CompileError> {
        let name = match self.tok.kind {
            Tok::Ident => entity_name(self.text(), prefix),
            _ => EntityName::Not,
        };
        match name {
            EntityName::Number(n) => {
                let span = self.tok.span;
                self.advance()?;
                Ok((n, span))
            }
            EntityName::TooLarge => Err(self.error(format!(
                "{what} number too large (the largest is {prefix}{MAX_NUMBER})"
            ))),
            EntityName::Not => Err(self.error(format!("expected a {what} like {prefix}3"))),
        }
    }

    fn value(&mut self) -> Result<(Value, Span), CompileError> {
        let (n, span) = self.entity("v", "value")?;
        Ok((Value(n), span))
    }

    fn block(&mut self) -> Result<(Block, Span), CompileError> {
        let (n, span) = self.entity("block", "block")?;
        Ok((Block(n), span))
    }

    /// Takes `entries` from the module's table budget.
    fn reserve(&mut self, entries: usize, span: Span) -> Result<(), CompileError> {
        match self.table_budget.checked_sub(entries) {
            Some(rest) => {
                self.table_budget = rest;
                Ok(())
            }
            None => Err(CompileError::new(
                span,
                "value and block numbers too large for the size of the text",
            )),
        }
    }

    fn function(
        &mut self,
        id: FuncId,
        names: &mut BTreeMap<&'a str, FuncId>,
        calls: &mut Vec<PendingCall<'a>>,
    ) -> Result<Function, CompileError> {
        if self.tok.kind != Tok::Ident || self.text() != "function" {
            return Err(self.error("expected `function`"));
        }
        self.advance()?;
        let (name, name_span) = self.ident("a function name")?;
        if names.insert(name, id).is_some() {
            return Err(CompileError::new(
                name_span,
                format!("function `{name}` defined twice"),
            ));
        }
        let signature = if self.is_punct('(') {
            Some(self.signature()?)
        } else {
            None
        };
        self.expect_punct('{')?;
        self.expect_line_end()?;
        let mut func = Function::new(name);
        let explicit_signature = signature.is_some();
        if let Some(signature) = signature {
            func.signature = signature;
        }
        let mut state = FunctionState {
            func,
            explicit_signature,
            defined: Vec::new(),
            current: None,
            refs: Vec::new(),
            list: Vec::new(),
        };
        loop {
            self.skip_newlines()?;
            match self.tok.kind {
                Tok::Punct('}') => {
                    self.advance()?;
                    self.expect_line_end()?;
                    break;
                }
                Tok::Eof => return Err(self.error("expected `}` to end the function")),
                Tok::Ident if entity_name(self.text(), "block") != EntityName::Not => {
                    self.block_label(&mut state)?;
                }
                _ => self.instruction(&mut state, id, calls)?,
            }
        }
        state.finish()
    }

    /// `(bytes, int) -> none`: the parameters' kinds and what it returns.
    fn signature(&mut self) -> Result<Signature, CompileError> {
        self.expect_punct('(')?;
        let params = self.param_kinds()?;
        let params = params.into_iter().map(|(kind, _)| kind).collect();
        Ok(Signature {
            params,
            returns: self.returns()?,
        })
    }

    /// `int, bytes)`: parameter kinds up to the closing parenthesis, with
    /// where each was written.
    fn param_kinds(&mut self) -> Result<Vec<(ParamKind, Span)>, CompileError> {
        let mut kinds = Vec::new();
        if self.eat_punct(')')? {
            return Ok(kinds);
        }
        loop {
            let (name, span) = self.ident("a parameter kind (int, bytes, bytearray, list)")?;
            let kind = ParamKind::from_name(name).ok_or_else(|| {
                CompileError::new(span, format!("unknown parameter kind `{name}`"))
            })?;
            kinds.push((kind, span));
            if !self.eat_punct(',')? {
                self.expect_punct(')')?;
                return Ok(kinds);
            }
        }
    }

    /// `-> int` or `-> none`.
    fn returns(&mut self) -> Result<Returns, CompileError> {
        self.expect_punct('>')?;
        let (name, span) = self.ident("`int` or `none`")?;
        match name {
            "int" => Ok(Returns::Int),
            "none" => Ok(Returns::None),
            _ => Err(CompileError::new(span, "expected `int` or `none`")),
        }
    }

    /// `host print(...) -> none` or `host ticks() -> int`.
    fn host_decl(&mut self) -> Result<HostDecl, CompileError> {
        self.advance()?;
        let (name, _) = self.ident("a host function name")?;
        self.expect_punct('(')?;
        let arity = if self.eat_punct('.')? {
            self.expect_punct(')')?;
            HostArity::Any
        } else {
            let kinds = self.param_kinds()?;
            if let Some(&(_, span)) = kinds.iter().find(|(k, _)| *k != ParamKind::Int) {
                return Err(CompileError::new(span, "host functions take integers"));
            }
            HostArity::Exactly(kinds.len() as u32)
        };
        let returns = self.returns()?;
        self.expect_line_end()?;
        Ok(HostDecl {
            name: String::from(name),
            arity,
            returns,
        })
    }

    /// `block2(v1, v2):`
    fn block_label(&mut self, state: &mut FunctionState) -> Result<(), CompileError> {
        let (block, span) = self.block()?;
        let index = block.index();
        if state.defined.get(index).copied().unwrap_or(false) {
            return Err(CompileError::new(span, format!("{block} defined twice")));
        }
        if index >= state.func.blocks.len() {
            self.reserve(index + 1 - state.func.blocks.len(), span)?;
            state.func.blocks.resize(index + 1, BlockData::default());
            state.defined.resize(index + 1, false);
        }
        state.defined[index] = true;
        state.func.layout.push(block);
        if self.eat_punct('(')? && !self.eat_punct(')')? {
            loop {
                let (param, span) = self.value()?;
                let func = &mut state.func;
                let position = func.pool.len(func.blocks[index].params) as u32;
                self.define_value(state, param, ValueDef::Param(block, position), span)?;
                let func = &mut state.func;
                func.pool.push(&mut func.blocks[index].params, param);
                if !self.eat_punct(',')? {
                    self.expect_punct(')')?;
                    break;
                }
            }
        }
        self.expect_punct(':')?;
        self.expect_line_end()?;
        state.current = Some(block);
        Ok(())
    }

    fn define_value(
        &mut self,
        state: &mut FunctionState,
        value: Value,
        def: ValueDef,
        span: Span,
    ) -> Result<(), CompileError> {
        let values = &mut state.func.values;
        let index = value.index();
        if index >= values.len() {
            self.reserve(index + 1 - values.len(), span)?;
            values.resize(index + 1, ValueDef::Unused);
        }
        if values[index] != ValueDef::Unused {
            return Err(CompileError::new(
                span,
                format!("value {value} defined twice"),
            ));
        }
        values[index] = def;
        Ok(())
    }

    /// A value read by an instruction.
    fn use_value(&mut self, state: &mut FunctionState) -> Result<Value, CompileError> {
        let (value, span) = self.value()?;
        state.refs.push((Ref::Value(value), span));
        Ok(value)
    }

    /// Values separated by commas up to `)`, into `state.list`; the `(`
    /// is already read.
    fn values(&mut self, state: &mut FunctionState) -> Result<(), CompileError> {
        state.list.clear();
        if self.eat_punct(')')? {
            return Ok(());
        }
        loop {
            let value = self.use_value(state)?;
            state.list.push(value);
            if !self.eat_punct(',')? {
                return self.expect_punct(')');
            }
        }
    }

    /// `block3` or `block3(v1, v2)`.
    fn block_call(&mut self, state: &mut FunctionState) -> Result<BlockCall, CompileError> {
        let (block, span) = self.block()?;
        state.refs.push((Ref::Block(block), span));
        state.list.clear();
        if self.eat_punct('(')? {
            self.values(state)?;
        }
        Ok(BlockCall::new(block, &state.list, &mut state.func.pool))
    }

    fn int(&mut self) -> Result<i64, CompileError> {
        if self.tok.kind != Tok::Int {
            return Err(self.error("expected an integer constant"));
        }
        let n = self
            .text()
            .parse::<i64>()
            .map_err(|_| self.error("constant out of range for a 64-bit integer"))?;
        self.advance()?;
        Ok(n)
    }

    fn instruction(
        &mut self,
        state: &mut FunctionState,
        func: FuncId,
        calls: &mut Vec<PendingCall<'a>>,
    ) -> Result<(), CompileError> {
        let Some(block) = state.current else {
            return Err(self.error("expected a block label like block0:"));
        };
        // The instruction is pushed once fully parsed; an error drops the
        // whole module, so its number can be handed out now.
        let inst = Inst(state.func.insts.len() as u32);
        let mut result = None;
        if self.tok.kind == Tok::Ident && entity_name(self.text(), "v") != EntityName::Not {
            let (value, span) = self.value()?;
            self.expect_punct('=')?;
            self.define_value(state, value, ValueDef::Result(inst), span)?;
            result = Some(value);
        }
        if self.tok.kind != Tok::Ident {
            return Err(self.error("expected an instruction"));
        }
        let (op, op_span) = (self.text(), self.tok.span);
        self.advance()?;
        let kind = match op {
            "const" => InstKind::Const(self.int()?),
            "select" => {
                let c = self.use_value(state)?;
                self.expect_punct(',')?;
                let a = self.use_value(state)?;
                self.expect_punct(',')?;
                let b = self.use_value(state)?;
                InstKind::Select(c, a, b)
            }
            "call" | "call_host" => {
                let (name, span) = self.ident("a function name")?;
                calls.push(PendingCall {
                    func,
                    inst,
                    name,
                    span,
                });
                self.expect_punct('(')?;
                // The callee is a placeholder until `parse_module` resolves it.
                self.values(state)?;
                let args = state.func.pool.alloc(&state.list);
                if op == "call" {
                    InstKind::Call(FuncId(u32::MAX), args)
                } else {
                    InstKind::CallHost(HostId(u32::MAX), args)
                }
            }
            "check_byte" => InstKind::CheckByte(self.use_value(state)?),
            "fuel" => InstKind::Fuel,
            "frame_enter" => InstKind::FrameEnter,
            "frame_exit" => InstKind::FrameExit,
            "jump" => InstKind::Jump(self.block_call(state)?),
            "br" => {
                let c = self.use_value(state)?;
                self.expect_punct(',')?;
                let then_dest = self.block_call(state)?;
                self.expect_punct(',')?;
                let else_dest = self.block_call(state)?;
                InstKind::Branch(c, [then_dest, else_dest])
            }
            "ret" => InstKind::Return(self.use_value(state)?),
            "trap" => {
                let (name, span) = self.ident("a trap name like ValueError")?;
                let trap = Trap::from_name(name)
                    .ok_or_else(|| CompileError::new(span, format!("unknown trap `{name}`")))?;
                let message = match &self.tok.kind {
                    Tok::Str(s) => {
                        let s = Box::new(s.clone());
                        self.advance()?;
                        Some(s)
                    }
                    _ => None,
                };
                InstKind::Trap(trap, message)
            }
            _ => {
                if let Some(op) = UnaryOp::ALL.into_iter().find(|u| u.name() == op) {
                    InstKind::Unary(op, self.use_value(state)?)
                } else if let Some(op) = BinaryOp::ALL.into_iter().find(|b| b.name() == op) {
                    let a = self.use_value(state)?;
                    self.expect_punct(',')?;
                    InstKind::Binary(op, a, self.use_value(state)?)
                } else if let Some(kind) = memory_op(op) {
                    let a = self.use_value(state)?;
                    self.expect_punct(',')?;
                    let b = self.use_value(state)?;
                    match kind {
                        MemoryOp::Load(k) => InstKind::Load(k, a, b),
                        MemoryOp::Check(check) => InstKind::CheckIndex(check, a, b),
                        MemoryOp::Store(k) => {
                            self.expect_punct(',')?;
                            InstKind::Store(k, a, b, self.use_value(state)?)
                        }
                    }
                } else {
                    return Err(CompileError::new(
                        op_span,
                        format!("unknown instruction `{op}`"),
                    ));
                }
            }
        };
        self.expect_line_end()?;
        state.func.insts.push(InstData { kind, result });
        state.func.blocks[block.index()].insts.push(inst);
        Ok(())
    }
}

/// The buffer instructions, by mnemonic.
enum MemoryOp {
    Load(BufKind),
    Store(BufKind),
    Check(IndexCheck),
}

/// `load.bytes`, `store.list`, `check_index.list.store.from_end`, ...
fn memory_op(op: &str) -> Option<MemoryOp> {
    let mut parts = op.split('.');
    let (head, buf) = (parts.next()?, BufKind::from_name(parts.next()?)?);
    let mut flag = |name: &str| {
        let present = parts.clone().next() == Some(name);
        if present {
            parts.next();
        }
        present
    };
    let access = match flag("store") {
        true => Access::Store,
        false => Access::Load,
    };
    let from_end = flag("from_end");
    if parts.next().is_some() {
        return None;
    }
    match (head, access, from_end) {
        ("load", Access::Load, false) => Some(MemoryOp::Load(buf)),
        ("store", Access::Load, false) => Some(MemoryOp::Store(buf)),
        ("check_index", ..) => Some(MemoryOp::Check(IndexCheck {
            buf,
            access,
            from_end,
        })),
        _ => None,
    }
}

impl FunctionState {
    /// Checks the uses against the definitions, in text order; a function
    /// without a signature takes integers and returns one.
    fn finish(mut self) -> Result<Function, CompileError> {
        if !self.explicit_signature {
            self.func.signature = Signature::ints(self.func.params().len());
        }
        for (r, span) in &self.refs {
            match *r {
                Ref::Value(v) => {
                    let defined = self
                        .func
                        .values
                        .get(v.index())
                        .is_some_and(|d| *d != ValueDef::Unused);
                    if !defined {
                        return Err(CompileError::new(*span, format!("undefined value {v}")));
                    }
                }
                Ref::Block(b) => {
                    if !self.defined.get(b.index()).copied().unwrap_or(false) {
                        return Err(CompileError::new(*span, format!("undefined block {b}")));
                    }
                }
            }
        }
        Ok(self.func)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::line_col;

    /// The error for `text`, as `line:col: message`.
    fn error(text: &str) -> String {
        let e = parse_module(text).expect_err(text);
        let (line, col) = line_col(text, e.span.start as usize);
        format!("{line}:{col}: {}", e.message)
    }

    fn in_block(body: &str) -> String {
        error(&format!("function f {{\nblock0(v0):\n{body}\n}}\n"))
    }

    /// Checks each `(body, expected)`: the error for `body` placed in a block.
    fn check_in_block(cases: &[(&str, &str)]) {
        for (body, expected) in cases {
            assert_eq!(in_block(body), *expected, "{body}");
        }
    }

    #[test]
    fn reports_instruction_errors() {
        check_in_block(&[
            ("    foo v0", "3:5: unknown instruction `foo`"),
            ("    v1 = add v0", "3:16: expected `,`"),
            ("    v1 = add v0, 3", "3:18: expected a value like v3"),
            ("    v1 = 5", "3:10: expected an instruction"),
            ("    v1 = const x", "3:16: expected an integer constant"),
            ("    ret v0 v0", "3:12: expected end of line"),
            ("    v1 ret v0", "3:8: expected `=`"),
            ("    jump v0", "3:10: expected a block like block3"),
            ("    jump block1(v0", "3:19: expected `)`"),
            ("    trap FooError", "3:10: unknown trap `FooError`"),
            ("    trap 3", "3:10: expected a trap name like ValueError"),
            ("    v1 = call (v0)", "3:15: expected a function name"),
        ]);
    }

    #[test]
    fn reports_constant_range() {
        let out_of_range = "3:16: constant out of range for a 64-bit integer";
        check_in_block(&[
            ("    v1 = const 9223372036854775808", out_of_range),
            ("    v1 = const -9223372036854775809", out_of_range),
            ("    v1 = const 99999999999999999999999999", out_of_range),
            ("    v1 = const 12ab", "3:16: invalid number `12ab`"),
        ]);
    }

    #[test]
    fn reports_duplicates_and_undefined_names() {
        check_in_block(&[
            (
                "    v0 = const 1\n    ret v0",
                "3:5: value v0 defined twice",
            ),
            (
                "    ret v0\nblock1:\n    ret v0\nblock1:",
                "6:1: block1 defined twice",
            ),
            (
                "    v1 = add v0, v9\n    ret v1",
                "3:18: undefined value v9",
            ),
            ("    jump block4(v0)", "3:10: undefined block block4"),
            (
                "    v1 = call g(v0)\n    ret v1",
                "3:15: unknown function `g`",
            ),
        ]);
        assert_eq!(
            error("function f {\n}\n\nfunction f {\n}\n"),
            "4:10: function `f` defined twice"
        );
    }

    #[test]
    fn reports_structure_errors() {
        let cases = [
            ("fn f {\n}", "1:1: expected `function`"),
            ("function {\n}", "1:10: expected a function name"),
            ("function f\n}", "1:11: expected `{`"),
            (
                "function f {\nblock0:\n    fuel\n",
                "4:1: expected `}` to end the function",
            ),
            (
                "function f {\n    ret v0\n}",
                "2:5: expected a block label like block0:",
            ),
            (
                "function f {\nblock0(v0) :x\n}",
                "2:13: expected end of line",
            ),
            ("function f {\nblock0(v0 v1):\n}", "2:11: expected `)`"),
            (
                "function f {\n} function g {\n}",
                "2:3: expected end of line",
            ),
            (
                "function f {\nblock0:\n    # no\n}",
                "3:5: unexpected character `#`",
            ),
            (
                "function f {\nblock0(v0):\n    ret v0\nblock01:\n}",
                "4:1: unknown instruction `block01`",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(error(text), expected, "{text}");
        }
    }

    #[test]
    fn reports_string_errors() {
        let bad_u = "invalid escape: expected \\u{...} with 1 to 6 hex digits of a character";
        check_in_block(&[
            ("    trap ValueError \"abc\n", "3:21: unterminated string"),
            ("    trap ValueError \"a\\q\"", "3:23: unknown escape `\\q`"),
            (
                "    trap ValueError \"\\u{110000}\"",
                &format!("3:22: {bad_u}"),
            ),
            ("    trap ValueError \"\\u{41\"", &format!("3:22: {bad_u}")),
        ]);
        let text = "function f {\nblock0:\n    trap ValueError \"\\u{41}\\u{1F600}\"\n}";
        let module = parse_module(text).unwrap();
        let InstKind::Trap(Trap::ValueError, Some(message)) = &module.functions[0].insts[0].kind
        else {
            panic!("not a trap with a message: {module}");
        };
        assert_eq!(**message, "A\u{1F600}");
    }
}
