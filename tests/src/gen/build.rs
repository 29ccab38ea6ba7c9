//! Building a random program tree (see the [parent module](super) for what
//! programs contain and why they are valid).

use super::ast::{Expr, Function, Kind, Program, Stmt};
use super::body::{body, Body};
use super::{Arg, Call, Features, Rng, EDGE_VALUES};
use minijit::ir::{BinaryOp, UnaryOp};
use minijit::ops;

pub(super) const BINARY: [&str; 11] = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"];
pub(super) const COMPARE: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];

/// Most iterations the loops around any statement may multiply to.
pub(super) const MAX_ITERATIONS: i64 = 64;

/// A function that others may call.
#[derive(Clone, Debug)]
pub(super) struct Callee {
    pub(super) name: String,
    pub(super) arity: usize,
    /// The kind of each parameter.
    pub(super) kinds: Vec<Kind>,
    /// Returns None: callable as a statement only.
    pub(super) returns_none: bool,
    /// Recursive through its first parameter, which must be small unless
    /// the caller means to go deep.
    pub(super) recursive: bool,
    /// Has loops, deep recursion or expensive callees: not called in loops.
    pub(super) expensive: bool,
}

/// Builds a whole program and the calls to make on it.
pub(super) fn program(rng: &mut Rng, features: Features) -> (Program, Vec<Call>) {
    let constants = constants(rng);
    let names: Vec<String> = constants.iter().map(|(n, _, _)| n.clone()).collect();
    let mut callees: Vec<Callee> = Vec::new();
    let mut functions = Vec::new();

    // Recursive functions first: they may call each other, so their
    // signatures are fixed before any body is built.
    let recursive = rng.weighted(&[45, 40, 15]);
    for r in 0..recursive {
        let arity = 1 + rng.below(4);
        let mut kinds = vec![Kind::Int; arity];
        if features.buffers {
            // The depth stays an integer; buffers go down the recursion.
            for kind in &mut kinds[1..] {
                if rng.chance(35) {
                    *kind = *rng.pick(&[Kind::Bytes, Kind::ByteArray, Kind::List]);
                }
            }
        }
        callees.push(Callee {
            name: format!("r{r}"),
            arity,
            kinds,
            returns_none: false,
            recursive: true,
            expensive: false,
        });
    }
    for r in 0..recursive {
        let f = recursive_function(rng, &names, &callees[..recursive], r, features);
        functions.push(f);
    }
    let normal = 1 + rng.below(4);
    for f in 0..normal {
        let arity = *rng.pick(&[0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8]);
        let (kinds, returns_none) = if features.buffers {
            (param_kinds(rng, arity, &callees), rng.chance(25))
        } else {
            (vec![Kind::Int; arity], false)
        };
        let signature = Callee {
            name: format!("f{f}"),
            arity,
            kinds,
            returns_none,
            recursive: false,
            expensive: false,
        };
        let (function, expensive) = normal_function(rng, &names, &callees, &signature, features);
        functions.push(function);
        callees.push(Callee {
            expensive,
            ..signature
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
            let mut args: Vec<Arg> = c
                .kinds
                .iter()
                .map(|&kind| match kind {
                    Kind::Int => Arg::Int(argument(rng)),
                    kind => buffer_argument(rng, kind),
                })
                .collect();
            if c.recursive {
                args[0] = Arg::Int(depth_argument(rng, true));
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
pub(super) fn value(rng: &mut Rng) -> i64 {
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

/// The kinds of a new function's parameters: integers about half the
/// time, and buffers, often of a kind an earlier function takes (so that
/// buffers get passed on).
fn param_kinds(rng: &mut Rng, arity: usize, earlier: &[Callee]) -> Vec<Kind> {
    let passed: Vec<Kind> = earlier
        .iter()
        .flat_map(|c| c.kinds.iter().copied())
        .filter(|&k| k != Kind::Int)
        .collect();
    (0..arity)
        .map(|_| match rng.weighted(&[50, 25, 25]) {
            0 => Kind::Int,
            1 if !passed.is_empty() => *rng.pick(&passed),
            _ => *rng.pick(&[Kind::Bytes, Kind::ByteArray, Kind::List]),
        })
        .collect()
}

/// Bytes worth storing: the edges of 0..255, ASCII, anything (never a
/// space, so that ` | ` and ` -> ` cannot appear in a `# call:` line).
fn byte(rng: &mut Rng) -> u8 {
    match rng.weighted(&[50, 20, 30]) {
        0 => *rng.pick(&[0, 1, 2, 3, 7, 10, 127, 128, 200, 254, 255]),
        1 => *rng.pick(b"az09'\"\\|"),
        _ => match rng.below(256) as u8 {
            b' ' => b'!',
            b => b,
        },
    }
}

/// A buffer of `kind` for a call: 0 to 12 items, sometimes empty.
pub(super) fn buffer_argument(rng: &mut Rng, kind: Kind) -> Arg {
    let len = match rng.weighted(&[12, 58, 30]) {
        0 => 0,
        1 => rng.below(6) + 1,
        _ => rng.below(6) + 7,
    };
    let zeros = rng.chance(10);
    match kind {
        Kind::List => Arg::List(
            (0..len)
                .map(|_| if zeros { 0 } else { argument(rng) })
                .collect(),
        ),
        _ => {
            let data: Vec<u8> = (0..len)
                .map(|_| if zeros { 0 } else { byte(rng) })
                .collect();
            if kind == Kind::Bytes {
                Arg::Bytes(data)
            } else {
                Arg::ByteArray(data)
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
pub(super) fn depth_argument(rng: &mut Rng, deep_allowed: bool) -> i64 {
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

pub(super) fn int(rng: &mut Rng, v: i64) -> Expr {
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
    me: &Callee,
    features: Features,
) -> (Function, bool) {
    let params: Vec<String> = (0..me.arity).map(|i| format!("p{i}")).collect();
    let ints: Vec<String> = params
        .iter()
        .zip(&me.kinds)
        .filter(|(_, &k)| k == Kind::Int)
        .map(|(p, _)| p.clone())
        .collect();
    let buffers: Vec<(String, Kind)> = params
        .iter()
        .zip(&me.kinds)
        .filter(|(_, &k)| k != Kind::Int)
        .map(|(p, &k)| (p.clone(), k))
        .collect();
    let mut slots: Vec<String> = (0..2 + rng.below(4) + 4 * usize::from(rng.chance(15)))
        .map(|k| format!("x{k}"))
        .collect();
    if !constants.is_empty() && rng.chance(8) {
        // A local that shadows a module constant, in this function only.
        slots.push(rng.pick(constants).clone());
    }
    let (annotate, docstring) = (rng.chance(20), rng.chance(10));
    let mut b = body(rng, callees, constants, slots.clone(), ints.clone(), ints);
    b.buffers = buffers;
    b.features = features;
    b.returns_none = me.returns_none;
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
    if me.returns_none {
        // Off the end, or a bare `return` (with dead code after it).
        match b.rng.below(3) {
            0 => {}
            1 => stmts.push(Stmt::ReturnNone),
            _ => {
                stmts.push(Stmt::ReturnNone);
                let dead = b.stmt(0);
                stmts.push(dead);
            }
        }
    } else {
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
    }
    assign_read_names(&mut b, &mut stmts);
    let expensive = b.expensive;
    let function = Function {
        name: me.name.clone(),
        params,
        kinds: me.kinds.clone(),
        returns_none: me.returns_none,
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
fn recursive_function(
    rng: &mut Rng,
    constants: &[String],
    recs: &[Callee],
    r: usize,
    features: Features,
) -> Function {
    let me = &recs[r];
    let mut params = vec!["n".to_string()];
    params.extend((1..me.arity).map(|i| format!("a{i}")));
    let of_kind = |int: bool| -> Vec<String> {
        params
            .iter()
            .zip(&me.kinds)
            .filter(|(_, &k)| (k == Kind::Int) == int)
            .map(|(p, _)| p.clone())
            .collect()
    };
    let ints = of_kind(true);
    let buffers: Vec<(String, Kind)> = of_kind(false)
        .into_iter()
        .map(|p| {
            let i = params.iter().position(|q| *q == p).expect("a parameter");
            (p, me.kinds[i])
        })
        .collect();
    let slots = vec!["x0".to_string(), "x1".to_string()];
    let annotate = rng.chance(20);
    let mut b = body(rng, &[], constants, slots, ints[1..].to_vec(), ints);
    b.buffers = buffers;
    b.features = features;
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
    // A function whose buffers this one can pass (itself at least).
    let have = |k: &Kind| *k == Kind::Int || b.buffers.iter().any(|(_, mine)| mine == k);
    let targets: Vec<Callee> = recs
        .iter()
        .filter(|c| c.kinds.iter().all(have))
        .cloned()
        .collect();
    let target = b.rng.pick(&targets).clone();
    let step = if b.rng.chance(80) { 1 } else { 2 };
    let mut args = vec![Expr::Binary(n(), "-", Box::new(Expr::int(step)))];
    for &kind in &target.kinds[1..] {
        args.push(match kind {
            Kind::Int => b.expr(1),
            kind => {
                let same: Vec<String> = b
                    .buffers
                    .iter()
                    .filter(|(_, k)| *k == kind)
                    .map(|(x, _)| x.clone())
                    .collect();
                Expr::Name(b.rng.pick(&same).clone())
            }
        });
    }
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
        kinds: me.kinds.clone(),
        params,
        returns_none: false,
        body: stmts,
        annotate,
        docstring: false,
    }
}

pub(super) fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len())]
}
