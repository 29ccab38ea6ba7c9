//! Building function bodies: expressions and statements (see the
//! [parent module](super) for what they contain and why they are valid).

use super::ast::{Expr, Kind, Stmt, Target, WhileForm};
use super::build::{depth_argument, int, value, Callee, BINARY, COMPARE, MAX_ITERATIONS};
use super::{Features, Rng};

/// What a function body may see and do while it is being built.
pub(super) struct Body<'a> {
    pub(super) rng: &'a mut Rng,
    pub(super) callees: &'a [Callee],
    pub(super) constants: &'a [String],
    /// Locals a statement may assign: `x0..`, maybe a shadowed constant.
    pub(super) slots: Vec<String>,
    /// Parameters that may be reassigned (not a recursion's depth).
    pub(super) params: Vec<String>,
    /// Names that are bound here on most paths.
    pub(super) bound: Vec<String>,
    /// Names assigned somewhere in the function so far.
    pub(super) assigned: Vec<String>,
    /// How many more reads of a name that may be unbound (any slot) this
    /// function may make: UnboundLocalError ends the call, so it is rare.
    pub(super) unbound_reads: usize,
    /// Names read that no statement assigns yet (fixed at the end).
    pub(super) read_unassigned: Vec<String>,
    /// The loops around the current statement: does each allow `break`?
    pub(super) loops: Vec<bool>,
    /// The loop variables around the current statement.
    pub(super) loop_vars: Vec<String>,
    pub(super) loops_made: usize,
    /// Product of the bounds of the loops around the current statement.
    pub(super) iterations: i64,
    /// Expressions may call functions (not in recursive bodies).
    pub(super) calls_allowed: bool,
    pub(super) expensive: bool,
    /// The buffer parameters and their kinds (never assigned or read as
    /// values: only through `len`, items, loops and calls).
    pub(super) buffers: Vec<(String, Kind)>,
    pub(super) features: Features,
    /// The function returns None: bare `return`s only.
    pub(super) returns_none: bool,
    /// `for` variables walking a buffer's indexes (`for i in
    /// range(len(x))` and the like), with the buffer.
    pub(super) walks: Vec<(String, String)>,
    /// The buffer whose indexes the `range` just made walks.
    walking: Option<String>,
}

impl Body<'_> {
    pub(super) fn leaf(&mut self) -> Expr {
        let reads = if self.buffers.is_empty() { 0 } else { 10 };
        match self.rng.weighted(&[60, 2, 10, 28, reads]) {
            0 if !self.bound.is_empty() => Expr::name(&self.rng.pick(&self.bound).clone()),
            4 => self.buffer_read(0),
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
    pub(super) fn count(&mut self, depth: usize) -> Expr {
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

    pub(super) fn expr(&mut self, depth: usize) -> Expr {
        if depth == 0 || self.rng.chance(22) {
            return self.leaf();
        }
        let d = depth - 1;
        let reads = if self.buffers.is_empty() { 0 } else { 8 };
        match self.rng.weighted(&[34, 10, 8, 6, 10, 12, 10, reads]) {
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
            6 => self.call(d, false).unwrap_or_else(|| self.leaf()),
            _ => self.buffer_read(d),
        }
    }

    /// `len(x)` or `x[i]` of a buffer parameter (there is one).
    pub(super) fn buffer_read(&mut self, d: usize) -> Expr {
        let (x, _) = self.rng.pick(&self.buffers).clone();
        if self.rng.chance(20) {
            Expr::Len(x)
        } else {
            let i = self.index(&x, d);
            Expr::Item(x, Box::new(i))
        }
    }

    /// An index into buffer `x`: mostly inside it (from either end),
    /// sometimes just outside on either side, sometimes anything.
    pub(super) fn index(&mut self, x: &str, d: usize) -> Expr {
        let len = || Box::new(Expr::Len(x.to_string()));
        let walks: Vec<String> = self
            .walks
            .iter()
            .filter(|(_, b)| b == x)
            .map(|(i, _)| i.clone())
            .collect();
        if !walks.is_empty() && self.rng.chance(50) {
            // The loop's own index, or one step off (out of the buffer at
            // one end), or the same item from the end.
            let i = || Box::new(Expr::name(&walks[0]));
            return match self.rng.weighted(&[50, 15, 15, 10, 10]) {
                0 => Expr::name(&walks[0]),
                1 => Expr::Binary(i(), "+", Box::new(Expr::int(1))),
                2 => Expr::Binary(i(), "-", Box::new(Expr::int(1))),
                3 => Expr::Binary(Box::new(Expr::int(-1)), "-", i()),
                _ => Expr::Unary("~", i()),
            };
        }
        // `e % max(len(x), 1)`: in the buffer unless it is empty.
        let inside = |b: &mut Body<'_>| {
            let e = b.expr(d.min(1));
            let m = Expr::Call("max".into(), vec![Expr::Len(x.to_string()), Expr::int(1)]);
            Expr::Binary(Box::new(e), "%", Box::new(m))
        };
        match self.rng.weighted(&[40, 12, 15, 8, 20, 5]) {
            0 => inside(self),
            1 => {
                let v = self.rng.range(-4, 5);
                int(self.rng, v)
            }
            2 if !self.loop_vars.is_empty() => Expr::name(&self.rng.pick(&self.loop_vars).clone()),
            2 => {
                let v = self.rng.range(0, 3);
                int(self.rng, v)
            }
            3 => match self.rng.below(5) {
                0 => Expr::Binary(len(), "-", Box::new(Expr::int(1))),
                1 => Expr::Binary(len(), "-", Box::new(Expr::int(2))),
                2 => Expr::Unary("-", len()),
                3 => Expr::Len(x.to_string()),
                _ => Expr::Binary(
                    Box::new(Expr::Unary("-", len())),
                    "-",
                    Box::new(Expr::int(1)),
                ),
            },
            4 => {
                // From the end: -1 - (e % max(len(x), 1)).
                let e = inside(self);
                Expr::Binary(Box::new(Expr::int(-1)), "-", Box::new(e))
            }
            _ => self.expr(d),
        }
    }

    pub(super) fn builtin(&mut self, d: usize) -> Expr {
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

    /// A call of a module function, if one may be called here (one that
    /// returns None only as a `statement`; buffers passed are this
    /// function's, of the same kind).
    pub(super) fn call(&mut self, d: usize, statement: bool) -> Option<Expr> {
        if !self.calls_allowed {
            return None;
        }
        let in_loop = self.iterations > 1;
        let buffers = &self.buffers;
        let choices: Vec<Callee> = self
            .callees
            .iter()
            .filter(|c| !(in_loop && c.expensive))
            .filter(|c| statement || !c.returns_none)
            .filter(|c| {
                c.kinds
                    .iter()
                    .all(|&k| k == Kind::Int || buffers.iter().any(|(_, b)| *b == k))
            })
            .cloned()
            .collect();
        if choices.is_empty() {
            return None;
        }
        let callee = self.rng.pick(&choices).clone();
        let mut args: Vec<Expr> = callee
            .kinds
            .iter()
            .map(|&kind| match kind {
                Kind::Int => self.expr(d.min(1)),
                // The same buffer twice when there is one of the kind.
                kind => {
                    let same: Vec<String> = self
                        .buffers
                        .iter()
                        .filter(|(_, k)| *k == kind)
                        .map(|(x, _)| x.clone())
                        .collect();
                    Expr::Name(self.rng.pick(&same).clone())
                }
            })
            .collect();
        if callee.recursive {
            args[0] = self.depth_expr(d);
        }
        if callee.expensive {
            self.expensive = true;
        }
        Some(Expr::Call(callee.name, args))
    }

    /// The depth argument of a call to a recursive function.
    pub(super) fn depth_expr(&mut self, d: usize) -> Expr {
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
    pub(super) fn target(&mut self) -> String {
        let name = match self.rng.weighted(&[85, 10, 5]) {
            1 if !self.params.is_empty() => self.rng.pick(&self.params).clone(),
            2 if !self.loop_vars.is_empty() => self.rng.pick(&self.loop_vars).clone(),
            _ => self.rng.pick(&self.slots).clone(),
        };
        self.assign(&name);
        name
    }

    pub(super) fn assign(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
        if !self.bound.iter().any(|n| n == name) {
            self.bound.push(name.to_string());
        }
    }

    pub(super) fn block(&mut self, budget: usize) -> Vec<Stmt> {
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
    pub(super) fn nested_block(&mut self, budget: usize) -> Vec<Stmt> {
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

    pub(super) fn stmt(&mut self, budget: usize) -> Stmt {
        let in_loop = !self.loops.is_empty();
        let writable = self.buffers.iter().any(|(_, k)| k.writable());
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
            if writable { 9 } else { 0 },
            if writable { 6 } else { 0 },
            if budget > 0 && !self.buffers.is_empty() && self.iterations * 12 <= MAX_ITERATIONS {
                5
            } else {
                0
            },
            if self.features.buffers && self.calls_allowed {
                3
            } else {
                0
            },
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
                let call = self.call(2, true).unwrap_or_else(|| self.builtin(1));
                Stmt::ExprCall(call)
            }
            8 if self.returns_none => {
                if self.rng.chance(80) {
                    let c = self.expr(2);
                    Stmt::If {
                        arms: vec![(c, vec![Stmt::ReturnNone])],
                        orelse: None,
                    }
                } else {
                    Stmt::ReturnNone
                }
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
            10 => Stmt::Pass,
            11 => self.item_assign(),
            12 => {
                let (x, kind) = self.writable_buffer();
                let i = self.index(&x, 1);
                // Mostly operators that keep a byte a byte, for bytearrays.
                let op = if kind == Kind::ByteArray && self.rng.chance(50) {
                    *self.rng.pick(&["&", "|", "^", ">>", "//", "%"])
                } else {
                    *self.rng.pick(&BINARY)
                };
                let e = if matches!(op, "**" | "<<" | ">>") {
                    self.count(1)
                } else {
                    self.expr(2)
                };
                Stmt::AugItem(x, i, op, e)
            }
            13 => self.for_each(budget - 1),
            _ => {
                let n = self.rng.weighted(&[10, 40, 25, 15, 10]);
                let args = (0..n).map(|_| self.expr(2)).collect();
                Stmt::ExprCall(Expr::Call("print".into(), args))
            }
        }
    }

    /// A writable buffer parameter (there is one).
    fn writable_buffer(&mut self) -> (String, Kind) {
        let writable: Vec<(String, Kind)> = self
            .buffers
            .iter()
            .filter(|(_, k)| k.writable())
            .cloned()
            .collect();
        self.rng.pick(&writable).clone()
    }

    /// A value to store into a buffer of `kind`: for a bytearray mostly a
    /// byte, sometimes anything (ValueError).
    fn stored_value(&mut self, kind: Kind, d: usize) -> Expr {
        if kind != Kind::ByteArray {
            return self.expr(d);
        }
        match self.rng.weighted(&[45, 25, 15, 15]) {
            0 => Expr::Binary(Box::new(self.expr(d)), "&", Box::new(Expr::int(255))),
            1 => {
                let v = *self.rng.pick(&[0, 1, 2, 65, 127, 128, 200, 254, 255]);
                int(self.rng, v)
            }
            2 => {
                let v = *self.rng.pick(&[-1, 256, 300, -256, 1 << 40, i64::MIN]);
                int(self.rng, v)
            }
            _ => self.expr(d),
        }
    }

    /// `x[i] = v`, a swap of two items (of one buffer or two), or a tuple
    /// assignment mixing items and names.
    fn item_assign(&mut self) -> Stmt {
        let (x, kind) = self.writable_buffer();
        match self.rng.weighted(&[45, 25, 30]) {
            0 => {
                let v = self.stored_value(kind, 3);
                let i = self.index(&x, 1);
                Stmt::ItemAssign {
                    targets: vec![Target::Item(x, i)],
                    values: vec![v],
                }
            }
            1 => {
                let (y, _) = self.writable_buffer();
                let (i, j) = (self.index(&x, 1), self.index(&y, 1));
                Stmt::ItemAssign {
                    targets: vec![
                        Target::Item(x.clone(), i.clone()),
                        Target::Item(y.clone(), j.clone()),
                    ],
                    values: vec![Expr::Item(y, Box::new(j)), Expr::Item(x, Box::new(i))],
                }
            }
            _ => {
                let width = 2 + self.rng.below(2);
                let items: Vec<bool> = (0..width).map(|k| k == 0 || self.rng.chance(40)).collect();
                let mut values = Vec::new();
                let mut buffers = Vec::new();
                for &item in &items {
                    let (y, kind) = if item {
                        self.writable_buffer()
                    } else {
                        (String::new(), Kind::Int)
                    };
                    values.push(self.stored_value(kind, 2));
                    buffers.push(y);
                }
                let mut targets = Vec::new();
                for (item, y) in items.into_iter().zip(buffers) {
                    targets.push(if item {
                        let i = self.index(&y, 1);
                        Target::Item(y, i)
                    } else {
                        Target::Name(self.target())
                    });
                }
                if self.rng.chance(50) {
                    targets.reverse();
                    values.reverse();
                }
                Stmt::ItemAssign { targets, values }
            }
        }
    }

    /// `for v in x:` or `for i, v in enumerate(x):`, at most 12 steps (the
    /// longest buffer a call passes); the body writes the buffer sometimes.
    fn for_each(&mut self, budget: usize) -> Stmt {
        self.expensive = true;
        let n = self.loops_made;
        self.loops_made += 1;
        let (buffer, kind) = self.rng.pick(&self.buffers).clone();
        let var = format!("v{n}");
        let index = self.rng.chance(50).then(|| format!("i{n}"));
        self.assign(&var);
        self.loop_vars.push(var.clone());
        if let Some(i) = &index {
            self.assign(i);
            self.loop_vars.push(i.clone());
            self.walks.push((i.clone(), buffer.clone()));
        }
        let mut body = self.loop_body(budget, 12, true);
        if index.is_some() {
            self.walks.pop();
        }
        if kind.writable() && self.rng.chance(50) {
            // A write into the buffer being walked.
            let at = match &index {
                Some(i) if self.rng.chance(70) => Expr::name(i),
                _ => self.index(&buffer, 1),
            };
            let v = self.stored_value(kind, 2);
            let store = if self.rng.chance(70) {
                Stmt::ItemAssign {
                    targets: vec![Target::Item(buffer.clone(), at)],
                    values: vec![v],
                }
            } else {
                let op = *self.rng.pick(&["+", "-", "^", "|", "&"]);
                Stmt::AugItem(buffer.clone(), at, op, v)
            };
            let pos = self.rng.below(body.len() + 1);
            body.insert(pos, store);
        }
        self.loop_vars
            .retain(|v| Some(v) != index.as_ref() && *v != var);
        if self.rng.chance(70) {
            // Unbound after the loop when the buffer is empty.
            self.bound
                .retain(|n| *n != var && Some(n) != index.as_ref());
        }
        Stmt::ForEach {
            index,
            var,
            buffer,
            body,
        }
    }

    /// `if`/`elif`/`else`; with `returns`, every arm ends in a return.
    pub(super) fn if_stmt(&mut self, budget: usize, returns: bool) -> Stmt {
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

    pub(super) fn loop_bound(&mut self) -> i64 {
        let most = (MAX_ITERATIONS / self.iterations).max(1);
        self.rng.range(0, most.min(6))
    }

    pub(super) fn loop_body(&mut self, budget: usize, bound: i64, breakable: bool) -> Vec<Stmt> {
        let saved = self.iterations;
        self.iterations *= bound.max(1);
        self.loops.push(breakable);
        let body = self.nested_block(budget);
        self.loops.pop();
        self.iterations = saved;
        body
    }

    pub(super) fn while_stmt(&mut self, budget: usize) -> Stmt {
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
    pub(super) fn forever_returning(&mut self, budget: usize) -> Stmt {
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

    pub(super) fn range_args(&mut self) -> (Vec<Expr>, i64) {
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
        if !self.buffers.is_empty() && most >= 13 && self.rng.chance(25) {
            // Over a buffer's indexes (now and then one too many).
            let (x, _) = self.rng.pick(&self.buffers).clone();
            let len = || Expr::Len(x.clone());
            let plus = |k: i64| {
                let op = if k < 0 { "-" } else { "+" };
                Expr::Binary(Box::new(len()), op, Box::new(Expr::int(k.abs())))
            };
            let args = match self.rng.weighted(&[40, 12, 12, 10, 14, 12]) {
                0 => vec![len()],
                1 => vec![plus(-1)],
                2 => vec![Expr::int(1), len()],
                3 => vec![plus(1)],
                4 => vec![plus(-1), Expr::int(-1), Expr::int(-1)],
                _ => vec![Expr::Unary("-", Box::new(len())), Expr::int(0)],
            };
            self.walking = Some(x);
            return (args, 13);
        }
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

    pub(super) fn for_stmt(&mut self, budget: usize) -> Stmt {
        self.expensive = true;
        let var = format!("i{}", self.loops_made);
        self.loops_made += 1;
        let (args, most) = self.range_args();
        let walking = self.walking.take();
        // Keep nested iterations bounded whatever the range gives.
        let most = most.min(MAX_ITERATIONS / self.iterations).max(1);
        let args = if most < 6 && args.len() == 1 {
            vec![Expr::int(most)]
        } else {
            args
        };
        self.assign(&var);
        self.loop_vars.push(var.clone());
        if let Some(x) = &walking {
            self.walks.push((var.clone(), x.clone()));
        }
        let body = self.loop_body(budget, most, true);
        if walking.is_some() {
            self.walks.pop();
        }
        self.loop_vars.pop();
        if self.rng.chance(70) {
            // Often unbound after the loop (when the range is empty).
            self.bound.retain(|n| *n != var);
        }
        Stmt::For { var, args, body }
    }
}

pub(super) fn body<'a>(
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
        buffers: Vec::new(),
        features: Features::integers(),
        returns_none: false,
        walks: Vec::new(),
        walking: None,
    }
}
