//! The syntax tree of generated programs, and its source text.
//!
//! Generated programs are kept as trees (not text) so that the shrinker can
//! delete statements and replace sub-expressions; [`Program::source`]
//! renders them. Rendering follows Python's precedence: a program renders
//! either with parentheses around every compound operand, or with only the
//! parentheses Python's grammar needs, so that the front end's precedence
//! and associativity are tested against CPython's.

use std::fmt::Write;

/// An expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// An integer literal, in a radix (10, 16, 8 or 2; `_` separators when
    /// the radix is negative, e.g. -10 for `1_000`).
    Int(i64, i8),
    /// A local, parameter or module constant.
    Name(String),
    /// `-a`, `+a`, `~a`, `not a`.
    Unary(&'static str, Box<Expr>),
    /// `a op b` for the arithmetic and bitwise operators.
    Binary(Box<Expr>, &'static str, Box<Expr>),
    /// `a < b <= c ...`: the first operand and the (operator, operand) pairs.
    Compare(Box<Expr>, Vec<(&'static str, Expr)>),
    /// `a and b and ...` / `a or b or ...` (two or more operands).
    BoolOp(&'static str, Vec<Expr>),
    /// `body if cond else orelse`.
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A call of a builtin, a module function or `print` (a buffer
    /// argument is a [`Expr::Name`]).
    Call(String, Vec<Expr>),
    /// `len(x)` of a buffer parameter.
    Len(String),
    /// `x[i]`: an item of a buffer parameter.
    Item(String, Box<Expr>),
}

/// The kind of a parameter, as its annotation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An integer (annotated `int` or not at all).
    Int,
    /// `bytes`: read-only.
    Bytes,
    /// `bytearray`: writable, items 0..255.
    ByteArray,
    /// `list[int]`: writable, 64-bit items.
    List,
}

impl Kind {
    /// The annotation that declares a buffer of this kind.
    pub fn annotation(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
            Kind::List => "list[int]",
        }
    }

    /// Whether items may be assigned.
    pub fn writable(self) -> bool {
        matches!(self, Kind::ByteArray | Kind::List)
    }
}

/// A target of an assignment that may assign buffer items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A local or parameter.
    Name(String),
    /// `x[i]` of a writable buffer parameter.
    Item(String, Expr),
}

/// A statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    /// `a = e`, `x: int = e` (when `annotate`), or `a, b = e1, e2`.
    Assign {
        /// Names assigned, left to right.
        targets: Vec<String>,
        /// One value per target.
        values: Vec<Expr>,
        /// Write `: int` (single targets only).
        annotate: bool,
    },
    /// `x op= e`.
    AugAssign(String, &'static str, Expr),
    /// `t = e` or `t1, t2 = e1, e2` where some target is a buffer item.
    ItemAssign {
        /// Assigned left to right after all the values.
        targets: Vec<Target>,
        /// One value per target.
        values: Vec<Expr>,
    },
    /// `x[i] op= e`.
    AugItem(String, Expr, &'static str, Expr),
    /// `if c: ... elif c: ... else: ...`.
    If {
        /// The `if` and `elif` conditions with their blocks.
        arms: Vec<(Expr, Vec<Stmt>)>,
        /// The `else` block, if any.
        orelse: Option<Vec<Stmt>>,
    },
    /// A bounded `while` loop: `counter` counts iterations up to `bound`.
    While {
        /// The counter, assigned 0 before the loop and only incremented.
        counter: String,
        /// Iterations at most.
        bound: i64,
        /// The loop's shape.
        form: WhileForm,
        /// An extra condition (`and`-ed to the bound check, or a `break`).
        cond: Option<Expr>,
        /// The body after the counter's increment.
        body: Vec<Stmt>,
    },
    /// `for var in range(args):` with one to three arguments.
    For {
        /// The loop variable.
        var: String,
        /// The arguments of `range`.
        args: Vec<Expr>,
        /// The body.
        body: Vec<Stmt>,
    },
    /// `for var in x:` or `for index, var in enumerate(x):` over a buffer.
    ForEach {
        /// The enumerate index, if any.
        index: Option<String>,
        /// The item variable.
        var: String,
        /// The buffer parameter.
        buffer: String,
        /// The body.
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
    /// A bare `return` (in a function that returns None).
    ReturnNone,
    /// `assert e` or `assert e, "message"`.
    Assert(Expr, Option<String>),
    /// A call whose value is dropped.
    ExprCall(Expr),
}

/// How a bounded `while` loop is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhileForm {
    /// `while counter < bound [and cond]:` then `counter += 1`.
    Counted,
    /// `while True:` then `counter += 1`, `if counter > bound [or not cond]: break`.
    TrueBreak,
    /// `while 1:` as `TrueBreak`.
    OneBreak,
    /// `while True:` then `counter += 1`, `if counter > bound: return
    /// cond` (here `cond` is the value returned, and the body has no
    /// `break` at this level: the loop ends the function).
    TrueReturn,
}

/// A function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// Parameter names.
    pub params: Vec<String>,
    /// The kind of each parameter (buffers are always annotated).
    pub kinds: Vec<Kind>,
    /// Returns None (no `return e`; ends by its end or a bare `return`).
    pub returns_none: bool,
    /// The body.
    pub body: Vec<Stmt>,
    /// Write `: int` on parameters and `-> int`.
    pub annotate: bool,
    /// Start with a docstring.
    pub docstring: bool,
}

/// A whole generated module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// Module constants in order: name, expression (which does not trap),
    /// annotated or not.
    pub constants: Vec<(String, Expr, bool)>,
    /// The functions in source order.
    pub functions: Vec<Function>,
    /// Parenthesize every compound operand (else only where needed).
    pub full_parens: bool,
    /// One level of indentation.
    pub indent: &'static str,
    /// Write a single simple statement of an `if` on the `if` line, and
    /// join consecutive assignments with `;`, where possible.
    pub compact: bool,
    /// Break long lines (implicit continuation in brackets, `\` elsewhere).
    pub continued_lines: bool,
}

/// Python's precedence levels, lowest first.
const P_IFEXP: u8 = 1;
const P_OR: u8 = 2;
const P_AND: u8 = 3;
const P_NOT: u8 = 4;
const P_CMP: u8 = 5;
const P_UNARY: u8 = 12;
const P_POW: u8 = 13;
const P_ATOM: u8 = 14;

fn binary_precedence(op: &str) -> u8 {
    match op {
        "|" => 6,
        "^" => 7,
        "&" => 8,
        "<<" | ">>" => 9,
        "+" | "-" => 10,
        "*" | "//" | "%" => 11,
        "**" => P_POW,
        _ => unreachable!("unknown operator {op}"),
    }
}

impl Expr {
    /// A decimal literal.
    pub fn int(v: i64) -> Expr {
        Expr::Int(v, 10)
    }

    /// A name.
    pub fn name(n: &str) -> Expr {
        Expr::Name(n.to_string())
    }

    fn precedence(&self, style: Style) -> u8 {
        match self {
            // In checked form these are helper calls.
            Expr::Int(v, _) if *v < 0 && *v != i64::MIN && !style.checked => P_UNARY,
            Expr::Unary("-" | "~", _) | Expr::Binary(..) if style.checked => P_ATOM,
            Expr::Int(..) | Expr::Name(_) | Expr::Call(..) | Expr::Len(_) | Expr::Item(..) => {
                P_ATOM
            }
            Expr::Unary("not ", _) => P_NOT,
            Expr::Unary(..) => P_UNARY,
            Expr::Binary(_, op, _) => binary_precedence(op),
            Expr::Compare(..) => P_CMP,
            Expr::BoolOp("and", _) => P_AND,
            Expr::BoolOp(..) => P_OR,
            Expr::IfExp(..) => P_IFEXP,
        }
    }

    /// The direct sub-expressions.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Int(..) | Expr::Name(_) | Expr::Len(_) => vec![],
            Expr::Unary(_, a) | Expr::Item(_, a) => vec![a],
            Expr::Binary(a, _, b) => vec![a, b],
            Expr::Compare(a, rest) => std::iter::once(&**a)
                .chain(rest.iter().map(|(_, e)| e))
                .collect(),
            Expr::BoolOp(_, xs) | Expr::Call(_, xs) => xs.iter().collect(),
            Expr::IfExp(a, c, b) => vec![a, c, b],
        }
    }

    /// The direct sub-expressions, mutably.
    pub fn children_mut(&mut self) -> Vec<&mut Expr> {
        match self {
            Expr::Int(..) | Expr::Name(_) | Expr::Len(_) => vec![],
            Expr::Unary(_, a) | Expr::Item(_, a) => vec![a],
            Expr::Binary(a, _, b) => vec![a, b],
            Expr::Compare(a, rest) => std::iter::once(&mut **a)
                .chain(rest.iter_mut().map(|(_, e)| e))
                .collect(),
            Expr::BoolOp(_, xs) | Expr::Call(_, xs) => xs.iter_mut().collect(),
            Expr::IfExp(a, c, b) => vec![a, c, b],
        }
    }

    fn write(&self, out: &mut String, style: Style) {
        match self {
            Expr::Int(i64::MIN, _) if style.checked => {
                out.push_str("_mj_sub(_mj_neg(9223372036854775807), 1)");
            }
            Expr::Int(v, radix) if style.checked && *v < 0 => {
                out.push_str("_mj_neg(");
                write_int(out, v.wrapping_neg(), *radix);
                out.push(')');
            }
            Expr::Int(v, radix) => write_int(out, *v, *radix),
            Expr::Name(n) => out.push_str(n),
            Expr::Len(x) => {
                let _ = write!(out, "len({x})");
            }
            Expr::Item(x, i) => {
                out.push_str(x);
                out.push('[');
                i.write(out, style);
                out.push(']');
            }
            Expr::Unary(op, a) if style.checked && matches!(*op, "-" | "~") => {
                out.push_str(checked_helper(op, true));
                out.push('(');
                a.write(out, style);
                out.push(')');
            }
            Expr::Unary(op, a) => {
                out.push_str(op);
                let need = if *op == "not " { P_NOT } else { P_UNARY };
                self.operand(out, a, need, style);
            }
            Expr::Binary(a, op, b) if style.checked => {
                out.push_str(checked_helper(op, false));
                out.push('(');
                a.write(out, style);
                out.push_str(", ");
                b.write(out, style);
                out.push(')');
            }
            Expr::Binary(a, op, b) => {
                let p = binary_precedence(op);
                // `**` binds right to left, and its left operand must be a
                // primary (`-2 ** 2` is `-(2 ** 2)`); its right operand may
                // be a unary expression (`2 ** -1`).
                let (left, right) = if *op == "**" {
                    (P_ATOM, P_UNARY)
                } else {
                    (p, p + 1)
                };
                self.operand(out, a, left, style);
                let _ = write!(out, " {op} ");
                self.operand(out, b, right, style);
            }
            Expr::Compare(a, rest) => {
                self.operand(out, a, P_CMP + 1, style);
                for (op, e) in rest {
                    let _ = write!(out, " {op} ");
                    self.operand(out, e, P_CMP + 1, style);
                }
            }
            Expr::BoolOp(op, xs) => {
                let p = self.precedence(style);
                for (i, e) in xs.iter().enumerate() {
                    if i > 0 {
                        let _ = write!(out, " {op} ");
                    }
                    self.operand(out, e, if i == 0 { p } else { p + 1 }, style);
                }
            }
            Expr::IfExp(body, cond, orelse) => {
                self.operand(out, body, P_OR, style);
                out.push_str(" if ");
                self.operand(out, cond, P_OR, style);
                out.push_str(" else ");
                self.operand(out, orelse, P_IFEXP, style);
            }
            Expr::Call(f, args) => {
                if style.checked && f == "abs" {
                    out.push_str("_mj_abs");
                } else {
                    out.push_str(f);
                }
                out.push('(');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    a.write(out, style);
                }
                out.push(')');
            }
        }
    }

    /// Writes an operand that needs at least precedence `need`.
    fn operand(&self, out: &mut String, e: &Expr, need: u8, style: Style) {
        let p = e.precedence(style);
        if p < need || (style.full_parens && p != P_ATOM) {
            out.push('(');
            e.write(out, style);
            out.push(')');
        } else {
            e.write(out, style);
        }
    }

    /// The expression as source text.
    pub fn source(&self, full_parens: bool) -> String {
        let mut s = String::new();
        self.write(
            &mut s,
            Style {
                full_parens,
                checked: false,
            },
        );
        s
    }
}

/// How to render: parentheses, and whether in checked form (see
/// [`Program::checked_source`]).
#[derive(Clone, Copy, Debug)]
struct Style {
    full_parens: bool,
    checked: bool,
}

/// The helper of `tests/checked_cpython.py` for an operator.
fn checked_helper(op: &str, unary: bool) -> &'static str {
    match op {
        "-" if unary => "_mj_neg",
        "~" => "_mj_invert",
        "+" => "_mj_add",
        "-" => "_mj_sub",
        "*" => "_mj_mul",
        "//" => "_mj_floordiv",
        "%" => "_mj_mod",
        "**" => "_mj_pow",
        "<<" => "_mj_lshift",
        ">>" => "_mj_rshift",
        "&" => "_mj_bitand",
        "|" => "_mj_bitor",
        "^" => "_mj_bitxor",
        _ => unreachable!("unknown operator {op}"),
    }
}

fn write_int(out: &mut String, v: i64, radix: i8) {
    if v == i64::MIN {
        out.push_str("(-9223372036854775807 - 1)");
        return;
    }
    if v < 0 {
        out.push('-');
    }
    let m = v.unsigned_abs();
    let digits = match radix.abs() {
        16 => format!("0x{m:x}"),
        8 => format!("0o{m:o}"),
        2 => format!("0b{m:b}"),
        _ => m.to_string(),
    };
    if radix < 0 && digits.len() > 4 {
        // Underscores between groups of three digits from the right (after
        // any radix prefix).
        let (prefix, body) = digits.split_at(if radix == -10 { 0 } else { 2 });
        out.push_str(prefix);
        for (i, c) in body.chars().enumerate() {
            if i > 0 && (body.len() - i) % 3 == 0 {
                out.push('_');
            }
            out.push(c);
        }
    } else {
        out.push_str(&digits);
    }
}

impl Stmt {
    /// Whether the statement fits on one line (no block).
    pub fn is_simple(&self) -> bool {
        !matches!(
            self,
            Stmt::If { .. } | Stmt::While { .. } | Stmt::For { .. } | Stmt::ForEach { .. }
        )
    }

    /// The statement's blocks.
    pub fn blocks(&self) -> Vec<&Vec<Stmt>> {
        match self {
            Stmt::If { arms, orelse } => arms.iter().map(|(_, b)| b).chain(orelse).collect(),
            Stmt::While { body, .. } | Stmt::For { body, .. } | Stmt::ForEach { body, .. } => {
                vec![body]
            }
            _ => vec![],
        }
    }

    /// The statement's own expressions (not those inside its blocks).
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            Stmt::Assign { values, .. } => values.iter().collect(),
            Stmt::AugAssign(_, _, e) | Stmt::Return(e) | Stmt::Assert(e, _) | Stmt::ExprCall(e) => {
                vec![e]
            }
            Stmt::If { arms, .. } => arms.iter().map(|(c, _)| c).collect(),
            Stmt::While { cond, .. } => cond.iter().collect(),
            Stmt::For { args, .. } => args.iter().collect(),
            Stmt::ItemAssign { targets, values } => targets
                .iter()
                .filter_map(|t| match t {
                    Target::Item(_, i) => Some(i),
                    Target::Name(_) => None,
                })
                .chain(values)
                .collect(),
            Stmt::AugItem(_, i, _, e) => vec![i, e],
            Stmt::Break | Stmt::Continue | Stmt::Pass | Stmt::ReturnNone | Stmt::ForEach { .. } => {
                vec![]
            }
        }
    }

    /// The statement's blocks, mutably (for the shrinker).
    pub fn blocks_mut(&mut self) -> Vec<&mut Vec<Stmt>> {
        match self {
            Stmt::If { arms, orelse } => arms
                .iter_mut()
                .map(|(_, b)| b)
                .chain(orelse.iter_mut())
                .collect(),
            Stmt::While { body, .. } | Stmt::For { body, .. } | Stmt::ForEach { body, .. } => {
                vec![body]
            }
            _ => vec![],
        }
    }

    /// The statement's own expressions (not those inside its blocks), mutably.
    pub fn exprs_mut(&mut self) -> Vec<&mut Expr> {
        match self {
            Stmt::Assign { values, .. } => values.iter_mut().collect(),
            Stmt::AugAssign(_, _, e) | Stmt::Return(e) | Stmt::Assert(e, _) | Stmt::ExprCall(e) => {
                vec![e]
            }
            Stmt::If { arms, .. } => arms.iter_mut().map(|(c, _)| c).collect(),
            Stmt::While { cond, .. } => cond.iter_mut().collect(),
            Stmt::For { args, .. } => args.iter_mut().collect(),
            Stmt::ItemAssign { targets, values } => targets
                .iter_mut()
                .filter_map(|t| match t {
                    Target::Item(_, i) => Some(i),
                    Target::Name(_) => None,
                })
                .chain(values.iter_mut())
                .collect(),
            Stmt::AugItem(_, i, _, e) => vec![i, e],
            Stmt::Break | Stmt::Continue | Stmt::Pass | Stmt::ReturnNone | Stmt::ForEach { .. } => {
                vec![]
            }
        }
    }
}

/// Writes `text`, breaking it after every `, ` past column 40 (outside
/// string literals): inside brackets by a plain newline (implicit
/// continuation), elsewhere by `\` and a newline. Continuation lines are
/// indented anyhow, as Python allows.
fn continue_long_line(out: &mut String, text: &str) {
    let (mut depth, mut in_string, mut column) = (0i32, false, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        column += 1;
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => depth -= 1,
            ',' if !in_string && column > 40 && chars.peek() == Some(&' ') => {
                out.push_str(if depth > 0 { "\n" } else { " \\\n" });
                out.push_str("      ");
                column = 0;
            }
            _ => {}
        }
    }
}

struct Writer<'p> {
    program: &'p Program,
    style: Style,
    out: String,
}

impl Writer<'_> {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str(self.program.indent);
        }
        if self.program.continued_lines {
            continue_long_line(&mut self.out, text);
        } else {
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    fn expr(&self, e: &Expr) -> String {
        let mut s = String::new();
        e.write(&mut s, self.style);
        s
    }

    /// `x op= e`, or `x = _mj_op(x, e)` in checked form.
    fn augmented(&self, t: &str, op: &str, e: &Expr) -> String {
        if self.style.checked {
            format!("{t} = {}({t}, {})", checked_helper(op, false), self.expr(e))
        } else {
            format!("{t} {op}= {}", self.expr(e))
        }
    }

    fn simple(&self, s: &Stmt) -> String {
        match s {
            Stmt::Assign {
                targets,
                values,
                annotate,
            } => {
                let values: Vec<String> = values.iter().map(|v| self.expr(v)).collect();
                let colon = if *annotate && targets.len() == 1 {
                    ": int"
                } else {
                    ""
                };
                format!("{}{colon} = {}", targets.join(", "), values.join(", "))
            }
            Stmt::AugAssign(t, op, e) => self.augmented(t, op, e),
            Stmt::ItemAssign { targets, values } => {
                let targets: Vec<String> = targets
                    .iter()
                    .map(|t| match t {
                        Target::Name(n) => n.clone(),
                        Target::Item(x, i) => format!("{x}[{}]", self.expr(i)),
                    })
                    .collect();
                let values: Vec<String> = values.iter().map(|v| self.expr(v)).collect();
                format!("{} = {}", targets.join(", "), values.join(", "))
            }
            // Checked: `x` and `i` once, the item read (its IndexError),
            // then `e`, the checked operation, the store.
            Stmt::AugItem(x, i, op, e) if self.style.checked => format!(
                "{x}[_mj_k] = {}({x}[(_mj_k := {})], {})",
                checked_helper(op, false),
                self.expr(i),
                self.expr(e)
            ),
            Stmt::AugItem(x, i, op, e) => {
                format!("{x}[{}] {op}= {}", self.expr(i), self.expr(e))
            }
            Stmt::ReturnNone if self.style.checked => "return _mj_leave(None)".into(),
            Stmt::ReturnNone => "return".into(),
            Stmt::Break => "break".into(),
            Stmt::Continue => "continue".into(),
            Stmt::Pass => "pass".into(),
            Stmt::Return(e) if self.style.checked => format!("return _mj_leave({})", self.expr(e)),
            Stmt::Return(e) => format!("return {}", self.expr(e)),
            Stmt::Assert(e, None) => format!("assert {}", self.expr(e)),
            Stmt::Assert(e, Some(m)) => format!("assert {}, \"{m}\"", self.expr(e)),
            Stmt::ExprCall(e) => self.expr(e),
            Stmt::If { .. } | Stmt::While { .. } | Stmt::For { .. } | Stmt::ForEach { .. } => {
                unreachable!("compound statement")
            }
        }
    }

    fn block(&mut self, depth: usize, stmts: &[Stmt]) {
        if stmts.is_empty() {
            self.line(depth, "pass");
        }
        let mut i = 0;
        while i < stmts.len() {
            let s = &stmts[i];
            // Join a run of two simple statements with `;` now and then.
            if self.program.compact
                && s.is_simple()
                && i + 1 < stmts.len()
                && stmts[i + 1].is_simple()
                && i % 3 == 1
            {
                let text = format!("{}; {}", self.simple(s), self.simple(&stmts[i + 1]));
                self.line(depth, &text);
                i += 2;
                continue;
            }
            self.stmt(depth, s);
            i += 1;
        }
    }

    /// `head:` followed by the block, on one line when it is a single
    /// simple statement and the program is compact.
    fn suite(&mut self, depth: usize, head: &str, body: &[Stmt]) {
        if self.program.compact && body.len() == 1 && body[0].is_simple() {
            let text = format!("{head} {}", self.simple(&body[0]));
            self.line(depth, &text);
        } else {
            self.line(depth, head);
            self.block(depth + 1, body);
        }
    }

    fn stmt(&mut self, depth: usize, s: &Stmt) {
        match s {
            Stmt::If { arms, orelse } => {
                for (i, (c, body)) in arms.iter().enumerate() {
                    let word = if i == 0 { "if" } else { "elif" };
                    let head = format!("{word} {}:", self.expr(c));
                    self.suite(depth, &head, body);
                }
                if let Some(body) = orelse {
                    self.suite(depth, "else:", body);
                }
            }
            Stmt::While {
                counter,
                bound,
                form,
                cond,
                body,
            } => {
                self.line(depth, &format!("{counter} = 0"));
                let cond_expr = cond;
                let cond = cond.as_ref().map(|c| self.expr(c));
                match form {
                    WhileForm::Counted => {
                        let extra = cond.map(|c| format!(" and ({c})")).unwrap_or_default();
                        self.line(depth, &format!("while {counter} < {bound}{extra}:"));
                        let step = self.augmented(counter, "+", &Expr::int(1));
                        self.line(depth + 1, &step);
                    }
                    WhileForm::TrueReturn => {
                        self.line(depth, "while True:");
                        let step = self.augmented(counter, "+", &Expr::int(1));
                        self.line(depth + 1, &step);
                        let test = format!("if {counter} > {bound}:");
                        let value = cond_expr.clone().unwrap_or(Expr::int(0));
                        self.suite(depth + 1, &test, &[Stmt::Return(value)]);
                    }
                    WhileForm::TrueBreak | WhileForm::OneBreak => {
                        let head = if *form == WhileForm::TrueBreak {
                            "while True:"
                        } else {
                            "while 1:"
                        };
                        self.line(depth, head);
                        let step = self.augmented(counter, "+", &Expr::int(1));
                        self.line(depth + 1, &step);
                        let extra = cond.map(|c| format!(" or not ({c})")).unwrap_or_default();
                        let test = format!("if {counter} > {bound}{extra}:");
                        self.suite(depth + 1, &test, &[Stmt::Break]);
                    }
                }
                self.block(depth + 1, body);
            }
            Stmt::For { var, args, body } => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                let head = format!("for {var} in range({}):", args.join(", "));
                self.suite(depth, &head, body);
            }
            Stmt::ForEach {
                index,
                var,
                buffer,
                body,
            } => {
                let head = match index {
                    Some(i) => format!("for {i}, {var} in enumerate({buffer}):"),
                    None => format!("for {var} in {buffer}:"),
                };
                self.suite(depth, &head, body);
            }
            simple => {
                let text = self.simple(simple);
                self.line(depth, &text);
            }
        }
    }
}

impl Program {
    /// The program's source text.
    pub fn source(&self) -> String {
        self.render(false)
    }

    /// The program as `tests/checked_cpython.py` rewrites it: every
    /// operation that can leave the 64-bit range a call of its checked
    /// helper (`a + b` is `_mj_add(a, b)`, `x -= e` is `x = _mj_sub(x, e)`,
    /// `-5` is `_mj_neg(5)`, `x[i] -= e` is
    /// `x[_mj_k] = _mj_sub(x[(_mj_k := i)], e)`), `_mj_enter()` first in
    /// every function, `return _mj_leave(e)`, a bare `return` as
    /// `return _mj_leave(None)`, and that same line last in a function that
    /// returns None (for falling off its end). Rendering it here saves CPython the `ast`
    /// round trip (three quarters of its time); the harness checks that
    /// both give the same tree when asked to (`"verify": true`).
    pub fn checked_source(&self) -> String {
        self.render(true)
    }

    fn render(&self, checked: bool) -> String {
        let mut w = Writer {
            program: self,
            style: Style {
                full_parens: self.full_parens,
                checked,
            },
            out: String::new(),
        };
        w.line(
            0,
            "\"\"\"A generated program (minijit differential testing).\"\"\"",
        );
        for (name, e, annotate) in &self.constants {
            let colon = if *annotate { ": int" } else { "" };
            let text = format!("{name}{colon} = {}", w.expr(e));
            w.line(0, &text);
        }
        for f in &self.functions {
            w.out.push('\n');
            let ret_note = match (f.annotate, f.returns_none) {
                (false, _) => "",
                (true, false) => " -> int",
                (true, true) => " -> None",
            };
            let params: Vec<String> = f
                .params
                .iter()
                .zip(&f.kinds)
                .map(|(p, kind)| match kind {
                    Kind::Int if !f.annotate => p.clone(),
                    kind => format!("{p}: {}", kind.annotation()),
                })
                .collect();
            w.line(
                0,
                &format!("def {}({}){ret_note}:", f.name, params.join(", ")),
            );
            if checked {
                w.line(1, "_mj_enter()");
            }
            if f.docstring {
                w.line(1, "\"\"\"Generated.\"\"\"");
                w.line(1, "# a comment");
            }
            w.block(1, &f.body);
            if checked && f.returns_none {
                // Falling off the end leaves the frame too.
                w.line(1, "return _mj_leave(None)");
            }
        }
        w.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bin(a: Expr, op: &'static str, b: Expr) -> Expr {
        Expr::Binary(Box::new(a), op, Box::new(b))
    }

    #[test]
    fn minimal_parentheses_follow_python() {
        let n = |v| Expr::int(v);
        let e = bin(bin(n(1), "-", n(2)), "-", bin(n(3), "-", n(4)));
        assert_eq!(e.source(false), "1 - 2 - (3 - 4)");
        let e = bin(bin(n(2), "**", n(3)), "**", bin(n(-1), "**", n(2)));
        assert_eq!(e.source(false), "(2 ** 3) ** (-1) ** 2");
        let e = bin(n(2), "**", n(-1));
        assert_eq!(e.source(false), "2 ** -1");
        let e = Expr::Unary("-", Box::new(bin(n(2), "**", n(2))));
        assert_eq!(e.source(false), "-2 ** 2");
        let c = Expr::Compare(Box::new(n(1)), vec![("<", n(2))]);
        let e = Expr::Compare(Box::new(c), vec![("==", n(1))]);
        assert_eq!(e.source(false), "(1 < 2) == 1");
        let e = Expr::Unary("not ", Box::new(e));
        assert_eq!(e.source(false), "not (1 < 2) == 1");
        assert_eq!(e.source(true), "not ((1 < 2) == 1)");
        let e = Expr::IfExp(
            Box::new(n(1)),
            Box::new(n(2)),
            Box::new(Expr::IfExp(Box::new(n(3)), Box::new(n(4)), Box::new(n(5)))),
        );
        assert_eq!(e.source(false), "1 if 2 else 3 if 4 else 5");
        assert_eq!(
            Expr::int(i64::MIN).source(false),
            "(-9223372036854775807 - 1)"
        );
    }

    #[test]
    fn literals_in_every_radix() {
        let s = |v, r| {
            let mut out = String::new();
            write_int(&mut out, v, r);
            out
        };
        assert_eq!(s(255, 16), "0xff");
        assert_eq!(s(-8, 8), "-0o10");
        assert_eq!(s(5, 2), "0b101");
        assert_eq!(s(1234567, -10), "1_234_567");
        assert_eq!(s(0xabcdef, -16), "0xabc_def");
        assert_eq!(s(12, -10), "12");
    }
}
