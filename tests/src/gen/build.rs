//! Building a random program tree (see the [parent module](super) for what
//! programs contain and why they are valid).

use super::ast::{Expr, Function, Program, Stmt, WhileForm};
use super::{Rng, EDGE_VALUES};
use minijit::ir::{BinaryOp, UnaryOp};
use minijit::ops;

const BINARY: [&str; 11] = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"];
const COMPARE: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];

/// Most iterations the loops around any statement may multiply to.
const MAX_ITERATIONS: i64 = 64;

/// A function that others may call.
#[derive(Clone, Debug)]
struct Callee {
    name: String,
    arity: usize,
    /// Recursive through its first parameter, which must be small unless
    /// the caller means to go deep.
    recursive: bool,
    /// Has loops, deep recursion or expensive callees: not called in loops.
    expensive: bool,
}

/// Builds a whole program and the calls to make on it.
pub(super) fn program(rng: &mut Rng) -> (Program, Vec<(String, Vec<i64>)>) {
    let constants = constants(rng);
    let names: Vec<String> = constants.iter().map(|(n, _, _)| n.clone()).collect();
    let mut callees: Vec<Callee> = Vec::new();
    let mut functions = Vec::new();

    // Recursive functions first: they may call each other, so their
    // signatures are fixed before any body is built.
    let recursive = rng.weighted(&[45, 40, 15]);
    for r in 0..recursive {
        callees.push(Callee {
            name: format!("r{r}"),
            arity: 1 + rng.below(4),
            recursive: true,
            expensive: false,
        });
    }
    for r in 0..recursive {
        let f = recursive_function(rng, &names, &callees[..recursive], r);
        functions.push(f);
    }
    let normal = 1 + rng.below(4);
    for f in 0..normal {
        let arity = *rng.pick(&[0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8]);
        let (function, expensive) = normal_function(rng, &names, &callees, format!("f{f}"), arity);
        functions.push(function);
        callees.push(Callee {
            name: format!("f{f}"),
            arity,
            recursive: false,
            expensive,
        });
    }
    // Functions may be defined in any order.
    if rng.chance(30) {
        for i in (1..functions.len()).rev() {
            functions.swap(i, rng.below(i + 1));
        }
    }

    let mut calls = Vec::new();
    for c in &callees {
        let n = if c.recursive {
            1 + rng.below(2)
        } else {
            2 + rng.below(2)
        };
        for _ in 0..n {
            let mut args: Vec<i64> = (0..c.arity).map(|_| argument(rng)).collect();
            if c.recursive {
                args[0] = depth_argument(rng, true);
            }
            calls.push((c.name.clone(), args));
        }
    }
    let program = Program {
        constants,
        functions,
        full_parens: rng.chance(30),
        indent: pick_str(rng, &["    ", "    ", "    ", "  ", "\t"]),
        compact: rng.chance(30),
        continued_lines: rng.chance(15),
    };
    (program, calls)
}

/// A random value: mostly edge values, some small, some anything.
fn value(rng: &mut Rng) -> i64 {
    match rng.weighted(&[35, 55, 10]) {
        0 => *rng.pick(&EDGE_VALUES),
        1 => rng.range(-20, 20),
        _ => {
            let v = (rng.next_u64() >> rng.below(64)) as i64;
            if rng.chance(50) {
                v.wrapping_neg()
            } else {
                v
            }
        }
    }
}

fn argument(rng: &mut Rng) -> i64 {
    if rng.chance(60) {
        rng.range(-5, 12)
    } else {
        value(rng)
    }
}

/// The depth argument of a recursive call: small, or (where allowed) deep
/// enough to land around the recursion limit.
fn depth_argument(rng: &mut Rng, deep_allowed: bool) -> i64 {
    if deep_allowed && rng.chance(12) {
        match rng.below(4) {
            0 => rng.range(990, 1010),
            1 => rng.range(1990, 2010),
            2 => *rng.pick(&[i64::MAX, 5000, 100_000]),
            _ => *rng.pick(&[i64::MIN, -1, 0]),
        }
    } else {
        rng.range(-2, 12)
    }
}

fn int(rng: &mut Rng, v: i64) -> Expr {
    let radix = if rng.chance(85) {
        10
    } else {
        *rng.pick(&[16, 8, 2, -10, -16])
    };
    Expr::Int(v, radix)
}

/// Module constants: literals and expressions of earlier constants that do
/// not trap (a trapping constant is a compile error).
fn constants(rng: &mut Rng) -> Vec<(String, Expr, bool)> {
    let mut out: Vec<(String, Expr, bool)> = Vec::new();
    let mut values: Vec<(String, i64)> = Vec::new();
    for k in 0..rng.weighted(&[30, 30, 25, 15]) {
        // Now and then a constant is assigned twice; functions see the last.
        let name = if k > 0 && rng.chance(10) {
            values[rng.below(values.len())].0.clone()
        } else {
            format!("K{k}")
        };
        let mut e = const_expr(rng, &values, 2);
        let v = match eval_const(&e, &values) {
            Some(v) => v,
            None => {
                let v = value(rng);
                e = int(rng, v);
                v
            }
        };
        values.retain(|(n, _)| *n != name);
        values.push((name.clone(), v));
        out.push((name, e, rng.chance(15)));
    }
    out
}

fn const_expr(rng: &mut Rng, known: &[(String, i64)], depth: usize) -> Expr {
    if depth == 0 || rng.chance(30) {
        return if !known.is_empty() && rng.chance(40) {
            Expr::name(&rng.pick(known).0)
        } else {
            let v = value(rng);
            int(rng, v)
        };
    }
    let d = depth - 1;
    match rng.below(4) {
        0 => Expr::Unary(
            pick_str(rng, &["-", "+", "~", "not "]),
            Box::new(const_expr(rng, known, d)),
        ),
        1 => Expr::Compare(
            Box::new(const_expr(rng, known, d)),
            vec![(*rng.pick(&COMPARE), const_expr(rng, known, d))],
        ),
        _ => Expr::Binary(
            Box::new(const_expr(rng, known, d)),
            pick_str(rng, &BINARY),
            Box::new(const_expr(rng, known, d)),
        ),
    }
}

fn binary_op(op: &str) -> BinaryOp {
    match op {
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "*" => BinaryOp::Mul,
        "//" => BinaryOp::FloorDiv,
        "%" => BinaryOp::Mod,
        "**" => BinaryOp::Pow,
        "<<" => BinaryOp::Shl,
        ">>" => BinaryOp::Shr,
        "&" => BinaryOp::And,
        "|" => BinaryOp::Or,
        "^" => BinaryOp::Xor,
        "<" => BinaryOp::Lt,
        "<=" => BinaryOp::Le,
        ">" => BinaryOp::Gt,
        ">=" => BinaryOp::Ge,
        "==" => BinaryOp::Eq,
        _ => BinaryOp::Ne,
    }
}

/// The value of a constant expression, or `None` if it traps.
fn eval_const(e: &Expr, known: &[(String, i64)]) -> Option<i64> {
    match e {
        Expr::Int(v, _) => Some(*v),
        Expr::Name(n) => known.iter().rev().find(|(k, _)| k == n).map(|(_, v)| *v),
        Expr::Unary(op, a) => {
            let a = eval_const(a, known)?;
            match *op {
                "-" => ops::unary(UnaryOp::Neg, a).ok(),
                "~" => ops::unary(UnaryOp::BitNot, a).ok(),
                "not " => Some((a == 0) as i64),
                _ => Some(a),
            }
        }
        Expr::Binary(a, op, b) => {
            let (a, b) = (eval_const(a, known)?, eval_const(b, known)?);
            ops::binary(binary_op(op), a, b).ok()
        }
        Expr::Compare(a, rest) if rest.len() == 1 => {
            let (a, b) = (eval_const(a, known)?, eval_const(&rest[0].1, known)?);
            ops::binary(binary_op(rest[0].0), a, b).ok()
        }
        _ => None,
    }
}

/// What a function body may see and do while it is being built.
struct Body<'a> {
    rng: &'a mut Rng,
    callees: &'a [Callee],
    constants: &'a [String],
    /// Locals a statement may assign: `x0..`, maybe a shadowed constant.
    slots: Vec<String>,
    /// Parameters that may be reassigned (not a recursion's depth).
    params: Vec<String>,
    /// Names that are bound here on most paths.
    bound: Vec<String>,
    /// Names assigned somewhere in the function so far.
    assigned: Vec<String>,
    /// How many more reads of a name that may be unbound (any slot) this
    /// function may make: UnboundLocalError ends the call, so it is rare.
    unbound_reads: usize,
    /// Names read that no statement assigns yet (fixed at the end).
    read_unassigned: Vec<String>,
    /// The loops around the current statement: does each allow `break`?
    loops: Vec<bool>,
    /// The loop variables around the current statement.
    loop_vars: Vec<String>,
    loops_made: usize,
    /// Product of the bounds of the loops around the current statement.
    iterations: i64,
    /// Expressions may call functions (not in recursive bodies).
    calls_allowed: bool,
    expensive: bool,
}

impl Body<'_> {
    fn leaf(&mut self) -> Expr {
        match self.rng.weighted(&[60, 2, 10, 28]) {
            0 if !self.bound.is_empty() => Expr::name(&self.rng.pick(&self.bound).clone()),
            1 if !self.slots.is_empty() && self.unbound_reads > 0 => {
                self.unbound_reads -= 1;
                let name = self.rng.pick(&self.slots).clone();
                if !self.assigned.contains(&name) && !self.read_unassigned.contains(&name) {
                    self.read_unassigned.push(name.clone());
                }
                Expr::Name(name)
            }
            2 if !self.constants.is_empty() => {
                let name = self.rng.pick(self.constants).clone();
                if self.slots.contains(&name) {
                    // A shadowed constant is a local here.
                    if !self.assigned.contains(&name) && !self.read_unassigned.contains(&name) {
                        self.read_unassigned.push(name.clone());
                    }
                }
                Expr::Name(name)
            }
            _ => {
                let v = value(self.rng);
                int(self.rng, v)
            }
        }
    }

    /// A small exponent or shift count, or any expression.
    fn count(&mut self, depth: usize) -> Expr {
        if self.rng.chance(65) {
            let v = if self.rng.chance(70) {
                self.rng.range(0, 8)
            } else {
                self.rng.range(-2, 70)
            };
            int(self.rng, v)
        } else {
            self.expr(depth)
        }
    }

    fn expr(&mut self, depth: usize) -> Expr {
        if depth == 0 || self.rng.chance(22) {
            return self.leaf();
        }
        let d = depth - 1;
        match self.rng.weighted(&[34, 10, 8, 6, 10, 12, 10]) {
            0 => {
                let op = *self.rng.pick(&BINARY);
                let left = self.expr(d);
                let right = if matches!(op, "**" | "<<" | ">>") {
                    self.count(d)
                } else {
                    self.expr(d)
                };
                Expr::Binary(Box::new(left), op, Box::new(right))
            }
            1 => {
                let first = self.expr(d);
                let n = self.rng.weighted(&[60, 30, 10]) + 1;
                let rest = (0..n)
                    .map(|_| (*self.rng.pick(&COMPARE), self.expr(d)))
                    .collect();
                Expr::Compare(Box::new(first), rest)
            }
            2 => {
                let op = *self.rng.pick(&["and", "or"]);
                let n = 2 + self.rng.below(2);
                Expr::BoolOp(op, (0..n).map(|_| self.expr(d)).collect())
            }
            3 => Expr::IfExp(
                Box::new(self.expr(d)),
                Box::new(self.expr(d)),
                Box::new(self.expr(d)),
            ),
            4 => {
                let op = *self.rng.pick(&["-", "+", "~", "not "]);
                Expr::Unary(op, Box::new(self.expr(d)))
            }
            5 => self.builtin(d),
            _ => self.call(d).unwrap_or_else(|| self.leaf()),
        }
    }

    fn builtin(&mut self, d: usize) -> Expr {
        let f = *self
            .rng
            .pick(&["abs", "int", "bool", "min", "max", "min", "max"]);
        let n = if matches!(f, "min" | "max") {
            2 + self.rng.weighted(&[50, 25, 10, 10, 5])
        } else {
            1
        };
        Expr::Call(f.into(), (0..n).map(|_| self.expr(d)).collect())
    }

    /// A call of a module function, if one may be called here.
    fn call(&mut self, d: usize) -> Option<Expr> {
        if !self.calls_allowed {
            return None;
        }
        let in_loop = self.iterations > 1;
        let choices: Vec<Callee> = self
            .callees
            .iter()
            .filter(|c| !(in_loop && c.expensive))
            .cloned()
            .collect();
        if choices.is_empty() {
            return None;
        }
        let callee = self.rng.pick(&choices).clone();
        let mut args: Vec<Expr> = (0..callee.arity).map(|_| self.expr(d.min(1))).collect();
        if callee.recursive {
            args[0] = self.depth_expr(d);
        }
        if callee.expensive {
            self.expensive = true;
        }
        Some(Expr::Call(callee.name, args))
    }

    /// The depth argument of a call to a recursive function.
    fn depth_expr(&mut self, d: usize) -> Expr {
        let deep = self.iterations == 1 && self.rng.chance(30);
        match self.rng.below(3) {
            0 if !deep => {
                // `e & 15` or `e % 13` is in 0..15 whatever `e` is.
                let (op, m) = *self.rng.pick(&[("&", 15), ("%", 13), ("&", 7)]);
                let e = self.expr(d.min(1));
                Expr::Binary(Box::new(e), op, Box::new(Expr::int(m)))
            }
            _ => {
                let v = depth_argument(self.rng, deep);
                if v.unsigned_abs() > 100 {
                    self.expensive = true;
                }
                int(self.rng, v)
            }
        }
    }

    /// A name to assign: a slot mostly, sometimes a parameter or the
    /// variable of an enclosing `for`.
    fn target(&mut self) -> String {
        let name = match self.rng.weighted(&[85, 10, 5]) {
            1 if !self.params.is_empty() => self.rng.pick(&self.params).clone(),
            2 if !self.loop_vars.is_empty() => self.rng.pick(&self.loop_vars).clone(),
            _ => self.rng.pick(&self.slots).clone(),
        };
        self.assign(&name);
        name
    }

    fn assign(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
        if !self.bound.iter().any(|n| n == name) {
            self.bound.push(name.to_string());
        }
    }

    fn block(&mut self, budget: usize) -> Vec<Stmt> {
        let n = 1 + self.rng.weighted(&[40, 35, 25]);
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.stmt(budget));
            if matches!(
                out.last(),
                Some(Stmt::Return(_) | Stmt::Break | Stmt::Continue)
            ) && self.rng.chance(70)
            {
                break;
            }
        }
        out
    }

    /// A block in its own scope: names it binds stay bound afterwards only
    /// sometimes (they may be unbound on the other path).
    fn nested_block(&mut self, budget: usize) -> Vec<Stmt> {
        let saved = self.bound.clone();
        let block = self.block(budget);
        let inner = std::mem::replace(&mut self.bound, saved);
        for name in inner {
            if !self.bound.contains(&name) && self.rng.chance(20) {
                self.bound.push(name);
            }
        }
        block
    }

    fn stmt(&mut self, budget: usize) -> Stmt {
        let in_loop = !self.loops.is_empty();
        let weights = [
            18,
            6,
            10,
            if budget > 0 { 10 } else { 0 },
            if budget > 0 { 5 } else { 0 },
            if budget > 0 { 6 } else { 0 },
            3,
            3,
            4,
            if in_loop { 7 } else { 0 },
            1,
        ];
        match self.rng.weighted(&weights) {
            0 => {
                let value = self.expr(3);
                let target = self.target();
                Stmt::Assign {
                    targets: vec![target],
                    values: vec![value],
                    annotate: self.rng.chance(10),
                }
            }
            1 => {
                let width = 2 + self.rng.below(3);
                let values = (0..width).map(|_| self.expr(2)).collect();
                let mut targets: Vec<String> = Vec::new();
                while targets.len() < width {
                    let t = self.target();
                    if !targets.contains(&t) || self.rng.chance(5) {
                        targets.push(t);
                    }
                }
                Stmt::Assign {
                    targets,
                    values,
                    annotate: false,
                }
            }
            2 => {
                let op = *self.rng.pick(&BINARY);
                let e = if matches!(op, "**" | "<<" | ">>") {
                    self.count(2)
                } else {
                    self.expr(2)
                };
                let mut candidates: Vec<String> = self
                    .bound
                    .iter()
                    .filter(|n| self.slots.contains(n) || self.params.contains(n))
                    .cloned()
                    .collect();
                if candidates.is_empty() || self.rng.chance(5) {
                    candidates = self.slots.clone();
                }
                let t = self.rng.pick(&candidates).clone();
                if !self.assigned.contains(&t) && !self.read_unassigned.contains(&t) {
                    self.read_unassigned.push(t.clone());
                }
                self.assign(&t);
                Stmt::AugAssign(t, op, e)
            }
            3 => self.if_stmt(budget - 1, false),
            4 => self.while_stmt(budget - 1),
            5 => self.for_stmt(budget - 1),
            6 => {
                let e = self.expr(2);
                let message = self
                    .rng
                    .chance(50)
                    .then(|| format!("check {}", self.rng.below(1000)));
                Stmt::Assert(e, message)
            }
            7 => {
                let call = self.call(2).unwrap_or_else(|| self.builtin(1));
                Stmt::ExprCall(call)
            }
            8 => {
                if self.rng.chance(80) {
                    let c = self.expr(2);
                    let r = Stmt::Return(self.expr(2));
                    Stmt::If {
                        arms: vec![(c, vec![r])],
                        orelse: None,
                    }
                } else {
                    Stmt::Return(self.expr(2))
                }
            }
            9 => {
                let word = if *self.loops.last().unwrap_or(&false) && self.rng.chance(55) {
                    Stmt::Break
                } else {
                    Stmt::Continue
                };
                if self.rng.chance(85) {
                    let c = self.expr(1);
                    Stmt::If {
                        arms: vec![(c, vec![word])],
                        orelse: None,
                    }
                } else {
                    word
                }
            }
            _ => Stmt::Pass,
        }
    }

    /// `if`/`elif`/`else`; with `returns`, every arm ends in a return.
    fn if_stmt(&mut self, budget: usize, returns: bool) -> Stmt {
        let n = 1 + self.rng.weighted(&[55, 25, 12, 8]);
        let mut arms = Vec::new();
        for _ in 0..n {
            let c = self.expr(2);
            let mut body = self.nested_block(budget);
            if returns {
                body.push(Stmt::Return(self.expr(3)));
            }
            arms.push((c, body));
        }
        let orelse = if returns || self.rng.chance(50) {
            let mut body = self.nested_block(budget);
            if returns {
                body.push(Stmt::Return(self.expr(3)));
            }
            Some(body)
        } else {
            None
        };
        Stmt::If { arms, orelse }
    }

    fn loop_bound(&mut self) -> i64 {
        let most = (MAX_ITERATIONS / self.iterations).max(1);
        self.rng.range(0, most.min(6))
    }

    fn loop_body(&mut self, budget: usize, bound: i64, breakable: bool) -> Vec<Stmt> {
        let saved = self.iterations;
        self.iterations *= bound.max(1);
        self.loops.push(breakable);
        let body = self.nested_block(budget);
        self.loops.pop();
        self.iterations = saved;
        body
    }

    fn while_stmt(&mut self, budget: usize) -> Stmt {
        self.expensive = true;
        let counter = format!("w{}", self.loops_made);
        self.loops_made += 1;
        let bound = self.loop_bound();
        let form = *self.rng.pick(&[
            WhileForm::Counted,
            WhileForm::Counted,
            WhileForm::TrueBreak,
            WhileForm::OneBreak,
        ]);
        self.assign(&counter);
        let cond = self.rng.chance(30).then(|| self.expr(2));
        let body = self.loop_body(budget, bound, true);
        Stmt::While {
            counter,
            bound,
            form,
            cond,
            body,
        }
    }

    /// `while True:` whose only way out is a `return` (the function's end).
    fn forever_returning(&mut self, budget: usize) -> Stmt {
        self.expensive = true;
        let counter = format!("w{}", self.loops_made);
        self.loops_made += 1;
        let bound = self.loop_bound();
        self.assign(&counter);
        let body = self.loop_body(budget, bound + 1, false);
        let ret = self.expr(3);
        Stmt::While {
            counter,
            bound,
            form: WhileForm::TrueReturn,
            cond: Some(ret),
            body,
        }
    }

    fn range_args(&mut self) -> (Vec<Expr>, i64) {
        let small = |b: &mut Body<'_>, lo: i64, hi: i64| -> Expr {
            if b.rng.chance(80) {
                let v = b.rng.range(lo, hi);
                int(b.rng, v)
            } else {
                // Any expression, folded into 0..6.
                let e = b.expr(1);
                let (op, m) = *b.rng.pick(&[("%", 7), ("&", 7)]);
                Expr::Binary(Box::new(e), op, Box::new(Expr::int(m)))
            }
        };
        let most = MAX_ITERATIONS / self.iterations;
        if most >= 5 && self.rng.chance(10) {
            // Near the 64-bit edges, where the counter's last step overflows.
            let (start, stop, step) = *self.rng.pick(&[
                (i64::MAX - 3, i64::MAX, 1),
                (i64::MAX - 4, i64::MAX, 2),
                (i64::MAX - 5, i64::MAX, 3),
                (i64::MIN + 3, i64::MIN, -1),
                (i64::MIN + 4, i64::MIN, -2),
                (i64::MIN, i64::MAX, 1 << 62),
                (i64::MIN, i64::MAX, i64::MAX),
                (i64::MAX, i64::MIN, -(1 << 62)),
                (i64::MAX, i64::MIN, i64::MIN),
                (0, i64::MAX, 1 << 62),
                (i64::MIN, 0, (1 << 62) + 1),
                (i64::MAX - 1, i64::MIN + 1, i64::MIN),
            ]);
            let args = vec![Expr::int(start), Expr::int(stop), Expr::int(step)];
            return (args, 5);
        }
        match self.rng.weighted(&[25, 30, 45]) {
            0 => (vec![small(self, -2, 6)], 6),
            1 => {
                let a = small(self, -4, 4);
                (vec![a, small(self, -3, 6)], 10)
            }
            _ => {
                let a = small(self, -6, 6);
                let b = small(self, -6, 6);
                let step = match self.rng.weighted(&[75, 5, 20]) {
                    0 => {
                        let s = *self.rng.pick(&[1, 2, 3, -1, -2, -3, 4, -5]);
                        int(self.rng, s)
                    }
                    1 => Expr::int(0),
                    // Anything: zero raises ValueError, a huge step runs
                    // once.
                    _ => self.expr(2),
                };
                (vec![a, b, step], 12)
            }
        }
    }

    fn for_stmt(&mut self, budget: usize) -> Stmt {
        self.expensive = true;
        let var = format!("i{}", self.loops_made);
        self.loops_made += 1;
        let (args, most) = self.range_args();
        // Keep nested iterations bounded whatever the range gives.
        let most = most.min(MAX_ITERATIONS / self.iterations).max(1);
        let args = if most < 6 && args.len() == 1 {
            vec![Expr::int(most)]
        } else {
            args
        };
        self.assign(&var);
        self.loop_vars.push(var.clone());
        let body = self.loop_body(budget, most, true);
        self.loop_vars.pop();
        if self.rng.chance(70) {
            // Often unbound after the loop (when the range is empty).
            self.bound.retain(|n| *n != var);
        }
        Stmt::For { var, args, body }
    }
}

fn body<'a>(
    rng: &'a mut Rng,
    callees: &'a [Callee],
    constants: &'a [String],
    slots: Vec<String>,
    params: Vec<String>,
    bound: Vec<String>,
) -> Body<'a> {
    let unbound_reads = usize::from(rng.chance(15));
    Body {
        rng,
        callees,
        constants,
        slots,
        params,
        bound,
        assigned: Vec::new(),
        unbound_reads,
        read_unassigned: Vec::new(),
        loops: Vec::new(),
        loop_vars: Vec::new(),
        loops_made: 0,
        iterations: 1,
        calls_allowed: true,
        expensive: false,
    }
}

/// Assigns, somewhere in the body, every name that is read but assigned
/// nowhere: in Python a name is local if any statement assigns it.
fn assign_read_names(b: &mut Body<'_>, stmts: &mut Vec<Stmt>) {
    let missing: Vec<String> = b
        .read_unassigned
        .iter()
        .filter(|n| !b.assigned.contains(n))
        .cloned()
        .collect();
    for name in missing {
        // Only parameters and literals here: the names being fixed must not
        // gain new unassigned reads.
        let safe = |b: &mut Body<'_>| match b.params.first() {
            Some(p) if b.rng.chance(50) => Expr::Name(p.clone()),
            _ => {
                let v = value(b.rng);
                int(b.rng, v)
            }
        };
        let value = safe(b);
        let assign = Stmt::Assign {
            targets: vec![name.clone()],
            values: vec![value],
            annotate: false,
        };
        let stmt = if b.rng.chance(50) {
            Stmt::If {
                arms: vec![(safe(b), vec![assign])],
                orelse: None,
            }
        } else {
            assign
        };
        // Anywhere, the dead code after the final return included.
        let at = b.rng.below(stmts.len() + 1);
        stmts.insert(at, stmt);
        b.assigned.push(name);
    }
}

/// A function `name(p0, ...)` that may call every callee given; also
/// returns whether calling it is expensive.
fn normal_function(
    rng: &mut Rng,
    constants: &[String],
    callees: &[Callee],
    name: String,
    arity: usize,
) -> (Function, bool) {
    let params: Vec<String> = (0..arity).map(|i| format!("p{i}")).collect();
    let mut slots: Vec<String> = (0..2 + rng.below(4) + 4 * usize::from(rng.chance(15)))
        .map(|k| format!("x{k}"))
        .collect();
    if !constants.is_empty() && rng.chance(8) {
        // A local that shadows a module constant, in this function only.
        slots.push(rng.pick(constants).clone());
    }
    let (annotate, docstring) = (rng.chance(20), rng.chance(10));
    let mut b = body(
        rng,
        callees,
        constants,
        slots.clone(),
        params.clone(),
        params.clone(),
    );
    let mut stmts = Vec::new();
    for slot in &slots {
        if b.rng.chance(70) {
            let e = b.expr(2);
            b.assign(slot);
            stmts.push(Stmt::Assign {
                targets: vec![slot.clone()],
                values: vec![e],
                annotate: b.rng.chance(5),
            });
        }
    }
    let budget = 1 + b.rng.weighted(&[25, 50, 25]);
    stmts.extend(b.block(budget));
    if b.rng.chance(40) {
        stmts.extend(b.block(budget));
    }
    match b.rng.weighted(&[72, 13, 8, 7]) {
        0 => stmts.push(Stmt::Return(b.expr(3))),
        1 => {
            let s = b.if_stmt(budget.min(1), true);
            stmts.push(s);
        }
        2 => {
            let s = b.forever_returning(budget.min(1));
            stmts.push(s);
        }
        _ => {
            stmts.push(Stmt::Return(b.expr(3)));
            // Dead code: its assignments still make locals.
            let dead = b.stmt(0);
            stmts.push(dead);
        }
    }
    assign_read_names(&mut b, &mut stmts);
    let expensive = b.expensive;
    let function = Function {
        name,
        params,
        body: stmts,
        annotate,
        docstring,
    };
    (function, expensive)
}

/// Recursive function `r`: its first parameter `n` is a depth that every
/// recursive call decreases, and it returns without recursing once
/// `n <= 0`. Its body has no loops and no other calls, so a call costs
/// about `n` frames.
fn recursive_function(rng: &mut Rng, constants: &[String], recs: &[Callee], r: usize) -> Function {
    let me = &recs[r];
    let mut params = vec!["n".to_string()];
    params.extend((1..me.arity).map(|i| format!("a{i}")));
    let slots = vec!["x0".to_string(), "x1".to_string()];
    let annotate = rng.chance(20);
    let mut b = body(
        rng,
        &[],
        constants,
        slots,
        params[1..].to_vec(),
        params.clone(),
    );
    b.calls_allowed = false;
    let mut stmts = Vec::new();
    for _ in 0..b.rng.below(3) {
        stmts.push(b.stmt(0));
    }
    let n = || Box::new(Expr::name("n"));
    let base = match b.rng.below(8) {
        0 => Expr::Compare(n(), vec![("<=", Expr::int(0))]),
        1 => Expr::Compare(n(), vec![("<", Expr::int(1))]),
        2 => Expr::Unary(
            "not ",
            Box::new(Expr::Compare(n(), vec![(">", Expr::int(0))])),
        ),
        3 => Expr::Compare(Box::new(Expr::int(0)), vec![(">=", Expr::name("n"))]),
        4..=6 => Expr::Compare(n(), vec![("<=", Expr::int(0))]),
        _ => Expr::BoolOp(
            "or",
            vec![Expr::Compare(n(), vec![("<=", Expr::int(0))]), b.expr(1)],
        ),
    };
    let value = b.expr(2);
    stmts.push(Stmt::If {
        arms: vec![(base, vec![Stmt::Return(value)])],
        orelse: None,
    });
    for _ in 0..b.rng.below(3) {
        stmts.push(b.stmt(0));
    }
    let target = b.rng.pick(recs).clone();
    let step = if b.rng.chance(80) { 1 } else { 2 };
    let mut args = vec![Expr::Binary(n(), "-", Box::new(Expr::int(step)))];
    args.extend((1..target.arity).map(|_| b.expr(1)));
    let call = Expr::Call(target.name, args);
    let other = b.expr(1);
    let result = match b.rng.below(5) {
        0 => call,
        1 => Expr::Binary(Box::new(call), pick_str(b.rng, &BINARY), Box::new(other)),
        2 => Expr::Binary(
            Box::new(other),
            pick_str(b.rng, &["+", "-", "^", "|", "&"]),
            Box::new(call),
        ),
        3 => Expr::IfExp(Box::new(call), Box::new(b.expr(1)), Box::new(other)),
        _ => Expr::Call("max".into(), vec![call, other]),
    };
    stmts.push(Stmt::Return(result));
    assign_read_names(&mut b, &mut stmts);
    Function {
        name: me.name.clone(),
        params,
        body: stmts,
        annotate,
        docstring: false,
    }
}

fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len())]
}
