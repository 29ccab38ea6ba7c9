//! A generator of random valid programs in the language, for differential
//! testing. Deterministic: the same seed gives the same program.
//!
//! Programs mix arithmetic on edge values (0, ±1, the 64-bit extremes,
//! shift counts around 63/64), every operator and builtin, branches,
//! bounded loops with `break`/`continue`, tuple assignment, calls and
//! bounded recursion, so that traps of every kind come up often.

use std::fmt::Write;

/// A small deterministic random source (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, 0 included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Interesting 64-bit values.
pub const EDGE_VALUES: [i64; 22] = [
    0,
    1,
    -1,
    2,
    -2,
    3,
    7,
    10,
    -13,
    31,
    62,
    63,
    64,
    65,
    255,
    1 << 31,
    (1 << 32) - 1,
    1 << 32,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
];

/// Writes `v` as a source expression (the minimum needs a subtraction).
pub fn literal(v: i64) -> String {
    if v == i64::MIN {
        "(-9223372036854775807 - 1)".to_string()
    } else if v < 0 {
        format!("({v})")
    } else {
        v.to_string()
    }
}

/// A generated program and the calls to make on it.
pub struct Generated {
    /// The source text.
    pub source: String,
    /// `(function, args)` to call.
    pub calls: Vec<(String, Vec<i64>)>,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    /// Locals that may be read (some may be unbound on some paths: that
    /// is an UnboundLocalError both sides must agree on).
    locals: Vec<String>,
    loop_depth: usize,
    /// Functions callable from the current one: name and arity.
    callable: Vec<(String, usize)>,
}

const BINARY: [&str; 11] = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"];
const COMPARE: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];

impl Gen<'_> {
    fn value(&mut self) -> i64 {
        if self.rng.chance(70) {
            *self.rng.pick(&EDGE_VALUES)
        } else {
            self.rng.below(41) as i64 - 20
        }
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.rng.chance(25) {
            return if !self.locals.is_empty() && self.rng.chance(65) {
                self.rng.pick(&self.locals).clone()
            } else {
                literal(self.value())
            };
        }
        let d = depth - 1;
        match self.rng.below(12) {
            0..=3 => {
                let op = *self.rng.pick(&BINARY);
                // Keep exponents and shift counts mostly small.
                let right = if matches!(op, "**" | "<<" | ">>") && self.rng.chance(60) {
                    (self.rng.below(70) as i64 - 3).to_string()
                } else {
                    self.expr(d)
                };
                format!("({} {op} {right})", self.expr(d))
            }
            4 => {
                let mut s = self.expr(d);
                for _ in 0..1 + self.rng.below(2) {
                    let op = *self.rng.pick(&COMPARE);
                    s = format!("{s} {op} {}", self.expr(d));
                }
                format!("({s})")
            }
            5 => {
                let op = *self.rng.pick(&["and", "or"]);
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            6 => format!(
                "({} if {} else {})",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            7 => {
                let op = *self.rng.pick(&["-", "+", "~", "not "]);
                format!("({op}{})", self.expr(d))
            }
            8 => {
                let f = *self.rng.pick(&["abs", "int", "bool"]);
                format!("{f}({})", self.expr(d))
            }
            9 => {
                let f = *self.rng.pick(&["min", "max"]);
                let n = 2 + self.rng.below(3);
                let args: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
                format!("{f}({})", args.join(", "))
            }
            _ => match self.callable.is_empty() {
                true => self.expr(d),
                false => {
                    let (name, arity) = self.rng.pick(&self.callable).clone();
                    let args: Vec<String> = (0..arity).map(|_| self.expr(d.min(2))).collect();
                    format!("{name}({})", args.join(", "))
                }
            },
        }
    }

    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}{text}", "    ".repeat(indent));
    }

    fn target(&mut self) -> String {
        let name = format!("x{}", self.rng.below(4));
        if !self.locals.contains(&name) {
            self.locals.push(name.clone());
        }
        name
    }

    fn block(&mut self, indent: usize, budget: usize) {
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            self.stmt(indent, budget);
        }
    }

    fn stmt(&mut self, indent: usize, budget: usize) {
        let choice = if budget == 0 {
            self.rng.below(4)
        } else {
            self.rng.below(11)
        };
        match choice {
            0 | 1 => {
                let e = self.expr(3);
                let t = self.target();
                self.line(indent, &format!("{t} = {e}"));
            }
            2 => {
                let op = *self.rng.pick(&BINARY);
                let e = self.expr(2);
                let t = self.target();
                self.line(indent, &format!("{t} {op}= {e}"));
            }
            3 => {
                let (e1, e2) = (self.expr(2), self.expr(2));
                let (t1, t2) = (self.target(), self.target());
                if t1 != t2 {
                    self.line(indent, &format!("{t1}, {t2} = {e1}, {e2}"));
                } else {
                    self.line(indent, &format!("{t1} = {e1}"));
                }
            }
            4 | 5 => {
                let c = self.expr(2);
                self.line(indent, &format!("if {c}:"));
                self.block(indent + 1, budget - 1);
                if self.rng.chance(60) {
                    self.line(indent, "else:");
                    self.block(indent + 1, budget - 1);
                }
            }
            6 => {
                // A bounded while loop with its own counter.
                let counter = format!("w{indent}");
                let bound = self.rng.below(6);
                self.line(indent, &format!("{counter} = 0"));
                self.line(indent, &format!("while {counter} < {bound}:"));
                self.line(indent + 1, &format!("{counter} += 1"));
                self.loop_body(indent + 1, budget - 1);
            }
            7 => {
                let var = format!("i{indent}");
                let (a, b) = (self.rng.below(9) as i64 - 4, self.rng.below(9) as i64 - 4);
                let step = *self.rng.pick(&[1i64, 2, -1, -3, 3]);
                self.line(indent, &format!("for {var} in range({a}, {b}, {step}):"));
                self.locals.push(var);
                self.loop_body(indent + 1, budget - 1);
            }
            8 => {
                let (c, m) = (self.expr(2), self.rng.below(1000));
                self.line(indent, &format!("assert {c}, \"check {m}\""));
            }
            9 if self.loop_depth > 0 => {
                let c = self.expr(1);
                let word = *self.rng.pick(&["break", "continue"]);
                self.line(indent, &format!("if {c}:"));
                self.line(indent + 1, word);
            }
            _ => {
                let e = self.expr(2);
                self.line(indent, &format!("if {e}:"));
                let r = self.expr(2);
                self.line(indent + 1, &format!("return {r}"));
            }
        }
    }

    fn loop_body(&mut self, indent: usize, budget: usize) {
        self.loop_depth += 1;
        self.block(indent, budget);
        self.loop_depth -= 1;
    }
}

/// Generates a program from `seed`.
pub fn program(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let mut callable: Vec<(String, usize)> = Vec::new();
    let functions = 1 + rng.below(3);
    for f in 0..functions {
        let arity = rng.below(4);
        let params: Vec<String> = (0..arity).map(|i| format!("p{i}")).collect();
        let name = format!("f{f}");
        let mut g = Gen {
            rng: &mut rng,
            out: String::new(),
            locals: params.clone(),
            loop_depth: 0,
            callable: callable.clone(),
        };
        g.line(0, &format!("def {name}({}):", params.join(", ")));
        // Most locals start bound; the others make UnboundLocalError paths.
        for k in 0..4 {
            if g.rng.chance(70) {
                let e = g.expr(2);
                g.line(1, &format!("x{k} = {e}"));
                g.locals.push(format!("x{k}"));
            }
        }
        g.block(1, 2);
        let r = g.expr(3);
        g.line(1, &format!("return {r}"));
        out += &g.out;
        out.push('\n');
        callable.push((name, arity));
    }
    // A bounded recursion that every program may call.
    out += "def rec(n):\n    if n <= 0:\n        return 1\n    return rec(n - 1) + n\n";
    let mut calls = Vec::new();
    for (name, arity) in &callable {
        for _ in 0..3 {
            let args = (0..*arity).map(|_| *rng.pick(&EDGE_VALUES)).collect();
            calls.push((name.clone(), args));
        }
    }
    calls.push(("rec".to_string(), vec![rng.below(1200) as i64]));
    Generated { source: out, calls }
}
