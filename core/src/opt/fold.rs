//! Constant folding and propagation, with algebraic simplification.
//!
//! Needs: a verified function. Keeps: every result and exception. An
//! instruction becomes a `const` only when it is known to give that value
//! without trapping; an instruction that would trap stays where it is.
//!
//! The analysis is sparse conditional constant propagation (Wegman and
//! Zadeck): starting from the entry, it follows only the branch edges that
//! can be taken given what is known so far, so a block parameter that gets
//! one constant on every edge that can run is that constant, even around a
//! loop. Operations are evaluated only through [`crate::ops`], the same
//! functions the interpreter runs. Then, in one walk over the blocks that
//! can run, each after the blocks that dominate it:
//!
//! - an instruction known to give `c` becomes `const c` in its own slot (it
//!   keeps its result value); a block parameter known to be `c` gets a new
//!   `const c` at the start of its block, which replaces it;
//! - identities exact under Python's rules replace an instruction by one of
//!   its operands (`x + 0`, `x * 1`, `x // 1`, `x >> 0`, `select c, x, x`,
//!   ...), and the instruction goes (none of them can trap);
//! - a `br` on a known condition becomes a `jump`, and blocks that can no
//!   longer run leave the layout.
//!
//! A round of analysis and rewriting repeats when the rewriting found a
//! constant the analysis did not know (an identity on operands that became
//! the same value, like `(x + 0) - x`), whose consequences the next round
//! propagates; at most [`MAX_ROUNDS`] rounds.

use crate::ir::dom::Cfg;
use crate::ir::subst::{make_identity, resolve};
use crate::ir::{BinaryOp, Block, BlockCall, Function, Inst, InstKind, UnaryOp, Value, ValueDef};
use crate::ops;
use crate::reuse::{empty_with_room, refill, KEEP_FOR_VALUES};
use alloc::vec::Vec;

/// Rounds of analysis and rewriting at most; one or two are the rule.
pub const MAX_ROUNDS: usize = 4;

/// [`run`] for the optimizer's pipeline: forgets the control-flow
/// analyses `cfg` has of `func` when it changes anything (a branch may
/// have become a jump, a block may have left the layout).
pub fn run_in(func: &mut Function, cfg: &mut Cfg, tables: &mut Tables) -> bool {
    if !may_fold(func, cfg) {
        return false;
    }
    let changed = run_with(func, tables);
    if changed {
        cfg.forget();
    }
    changed
}

/// Folds constants and simplifies `func`; returns whether it changed.
pub fn run(func: &mut Function) -> bool {
    run_with(func, &mut Tables::default())
}

/// [`run`] with the tables of an earlier run to fill again.
fn run_with(func: &mut Function, tables: &mut Tables) -> bool {
    let mut changed = false;
    for _ in 0..MAX_ROUNDS {
        analyze(func, tables);
        let outcome = rewrite(func, tables);
        changed |= outcome.changed;
        if !outcome.new_facts {
            break;
        }
    }
    if func.values.len() > KEEP_FOR_VALUES {
        *tables = Tables::default();
    }
    changed
}

/// Whether [`run`] could change `func`: false only when it certainly
/// would not, found in one walk without the analysis's tables.
///
/// The analysis knows a value is constant only for a `const`, for an
/// operation whose simplification (from its operands' constants and
/// whether two operands are one value) gives something, for a `select`
/// on a known condition or of equal constants, and for a parameter that
/// a constant flows into. Without any of these, and without a block out
/// of reach (which leaves the layout), it would only learn that every
/// `const` is its constant: the rewriting finds nothing to replace, no
/// branch to decide and no block to drop.
fn may_fold(func: &Function, cfg: &mut Cfg) -> bool {
    let known = |v: Value| func.const_value(v);
    let passes_constant =
        |dest: BlockCall| dest.args(&func.pool).iter().any(|&a| known(a).is_some());
    func.layout.iter().any(|b| {
        func.blocks[b.index()]
            .insts
            .iter()
            .any(|inst| match func.insts[inst.index()].kind {
                InstKind::Unary(op, a) => {
                    simplify_unary(op, a, known(a), def_kind(func, a)).is_some()
                }
                InstKind::Binary(op, a, b) => {
                    simplify_binary(op, a, b, known(a), known(b)).is_some()
                }
                InstKind::Select(c, a, b) => {
                    known(c).is_some() || a == b || known(a).is_some_and(|x| known(b) == Some(x))
                }
                InstKind::Jump(dest) => passes_constant(dest),
                InstKind::Branch(c, [t, e]) => {
                    known(c).is_some()
                        || t.same_as(e, &func.pool)
                        || passes_constant(t)
                        || passes_constant(e)
                }
                _ => false,
            })
    }) || cfg.rpo(func).len() != func.layout.len()
}

/// The tables of the analysis and the rewriting, kept from one round or
/// function to the next ([`super::Analyses`]) to be filled again rather
/// than allocated: most functions are small, and making a dozen tables
/// for one costs more than filling them.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// What is known of each value.
    lattice: Vec<Lattice>,
    /// Whether each block can run.
    executable: Vec<bool>,
    /// Whether each block has had its first visit. A block can be
    /// executable and not yet visited; its instructions are evaluated only
    /// from its first visit on, so that it is visited after its dominators.
    visited: Vec<bool>,
    /// The block each instruction of the layout is in.
    owner: Vec<Option<Block>>,
    /// The instructions of the layout reading each value:
    /// `users[user_start[v]..user_start[v + 1]]`. An instruction reading a
    /// value several times is listed that many times, next to each other.
    users: Vec<Inst>,
    user_start: Vec<u32>,
    /// The clock just after each value's last change (0 if none yet).
    changed_at: Vec<u32>,
    blocks_to_visit: Vec<Block>,
    values_changed: Vec<Value>,
    /// The blocks that can run in the order of their first visits. A
    /// block is first visited after the visit of a predecessor that made
    /// it executable, which was after that predecessor's own first visit,
    /// and so on back to the entry: its dominators, being on that path,
    /// come before it.
    order: Vec<Block>,
    /// The clock when each edge (`2 * block + which`) was last taken, or
    /// [`NOT_TAKEN`].
    taken_at: Vec<u32>,
    /// Whether something each instruction reads has changed since its
    /// last visit began (true before its first): visiting an instruction
    /// that is not stale changes nothing.
    stale: Vec<bool>,
    /// The rewriting's substitution and new instruction list of a block.
    subst: Vec<Value>,
    insts: Vec<Inst>,
}

impl Tables {
    /// Frees the tables only the analysis reads (what the rewriting needs
    /// stays): a large function's are not worth holding through it.
    fn free_analysis_only(&mut self) {
        let Tables {
            lattice: _,
            executable: _,
            user_start: _,
            order: _,
            subst: _,
            insts: _,
            visited,
            owner,
            users,
            changed_at,
            blocks_to_visit,
            values_changed,
            taken_at,
            stale,
        } = self;
        *visited = Vec::new();
        *owner = Vec::new();
        *users = Vec::new();
        *changed_at = Vec::new();
        *blocks_to_visit = Vec::new();
        *values_changed = Vec::new();
        *taken_at = Vec::new();
        *stale = Vec::new();
    }
}

/// What is known of a value: nothing yet (`Top`: no execution has given
/// it a value so far), one constant on every execution, or nothing useful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lattice {
    Top,
    Const(i64),
    Bottom,
}

impl Lattice {
    fn meet(self, other: Lattice) -> Lattice {
        match (self, other) {
            (Lattice::Top, x) | (x, Lattice::Top) => x,
            (Lattice::Const(a), Lattice::Const(b)) if a == b => self,
            _ => Lattice::Bottom,
        }
    }

    fn constant(self) -> Option<i64> {
        match self {
            Lattice::Const(c) => Some(c),
            _ => None,
        }
    }
}

/// What an instruction always gives, whatever its unknown operands are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Simplified {
    /// This constant.
    Const(i64),
    /// The value of this operand.
    Copy(Value),
}

/// `op a, b` without trapping, from which operands are the same value and
/// which are known constants (`ka`, `kb`); `None` if nothing is known.
/// Every rule holds for all values of the unknown operand, including
/// whether the operation traps (it never does when a rule applies).
fn simplify_binary(
    op: BinaryOp,
    a: Value,
    b: Value,
    ka: Option<i64>,
    kb: Option<i64>,
) -> Option<Simplified> {
    use BinaryOp::*;
    use Simplified::{Const, Copy};
    if let (Some(x), Some(y)) = (ka, kb) {
        // If this traps, no rule below may apply either (they never trap).
        return ops::binary(op, x, y).ok().map(Const);
    }
    if a == b {
        match op {
            Sub | SubWrap | Xor | Ne | Lt | Gt | Ult | Ugt => return Some(Const(0)),
            Eq | Le | Ge => return Some(Const(1)),
            And | Or => return Some(Copy(a)),
            _ => {}
        }
    }
    // The rules with a known right operand; a commutative operation with
    // a known left operand is the same with its operands swapped.
    let (x, c) = match (ka, kb) {
        (_, Some(c)) => (a, c),
        (Some(c), _) if op.is_commutative() => (b, c),
        (Some(c), _) => {
            return match (op, c) {
                // Nothing is above the largest unsigned value, or below 0.
                (Ult, -1) | (Ugt, 0) => Some(Const(0)),
                _ => None,
            };
        }
        (None, None) => return None,
    };
    match (op, c) {
        (Add | AddWrap | Sub | SubWrap | Or | Xor | Shl | Shr, 0) => Some(Copy(x)),
        (Mul | MulWrap | FloorDiv | Pow, 1) | (And, -1) => Some(Copy(x)),
        (Mul | MulWrap | And, 0) | (Mod, 1 | -1) | (Ult, 0) | (Ugt, -1) => Some(Const(0)),
        (Or, -1) => Some(Const(-1)),
        (Pow, 0) => Some(Const(1)),
        _ => None,
    }
}

/// `op a` without trapping, knowing the constant `ka` of `a` and the
/// instruction `inner` that defines `a`, if any.
fn simplify_unary(
    op: UnaryOp,
    a: Value,
    ka: Option<i64>,
    inner: Option<&InstKind>,
) -> Option<Simplified> {
    if let Some(x) = ka {
        return ops::unary(op, x).ok().map(Simplified::Const);
    }
    match (op, inner) {
        // `~~x` is `x`; `-(-x)` is `x` once the inner negation has not
        // trapped (it stays and still traps for the minimum).
        (UnaryOp::BitNot | UnaryOp::Neg, Some(&InstKind::Unary(op2, x))) if op2 == op => {
            Some(Simplified::Copy(x))
        }
        // `abs(abs(x))` is the inner `abs(x)` (which traps for the minimum).
        (UnaryOp::Abs, Some(&InstKind::Unary(UnaryOp::Abs, _))) => Some(Simplified::Copy(a)),
        _ => None,
    }
}

/// Calls `f` on each value whose lattice evaluating `kind` reads: its
/// operands, and for a unary operation that [`simplify_unary`] makes a
/// copy of its operand's operand (`-(-x)` is `x`), that value too, so
/// that it is evaluated again when that value changes.
fn for_each_read(func: &Function, kind: &InstKind, mut f: impl FnMut(Value)) {
    kind.for_each_arg(&func.pool, &mut f);
    if let &InstKind::Unary(op, a) = kind {
        if let Some(Simplified::Copy(x)) = simplify_unary(op, a, None, def_kind(func, a)) {
            if x != a {
                f(x);
            }
        }
    }
}

/// The instruction that defines `v`, if an instruction does.
pub fn def_kind(func: &Function, v: Value) -> Option<&InstKind> {
    match func.values.get(v.index())? {
        ValueDef::Result(inst) => func.insts.get(inst.index()).map(|d| &d.kind),
        _ => None,
    }
}

/// The sparse conditional constant propagation.
struct Analysis<'a> {
    func: &'a Function,
    t: Tables,
    /// How many times a lattice value has been lowered so far: a clock
    /// telling which block arguments changed since an edge was last taken.
    clock: u32,
}

/// An edge that has never been taken.
const NOT_TAKEN: u32 = u32::MAX;

/// Fills the tables `t` with what is known of `func`; the rewriting then
/// reads `lattice`, `executable`, `user_start` and `order`.
fn analyze(func: &Function, t: &mut Tables) {
    let n = func.values.len();
    let blocks = func.blocks.len();
    // In a function of one block, each instruction is evaluated after
    // those it reads (they come before it), so no value changes once its
    // readers have seen it: no readers to look up, no second visits.
    let one_block = func.layout.len() == 1;
    if one_block {
        refill(&mut t.user_start, n + 1, 0);
    } else {
        users_of(func, t);
    }
    refill(&mut t.lattice, n, Lattice::Top);
    refill(&mut t.executable, blocks, false);
    refill(&mut t.visited, blocks, false);
    // A block is visited first once; a value changes at most twice.
    empty_with_room(&mut t.blocks_to_visit, blocks);
    empty_with_room(&mut t.values_changed, n);
    empty_with_room(&mut t.order, blocks);
    refill(&mut t.changed_at, n, 0);
    refill(&mut t.taken_at, 2 * blocks, NOT_TAKEN);
    refill(&mut t.stale, func.insts.len(), true);
    // The tables move into the analysis, one step closer to its loops.
    let mut analysis = Analysis {
        func,
        t: core::mem::take(t),
        clock: 0,
    };
    analysis.solve(!one_block);
    *t = analysis.t;
    if n > KEEP_FOR_VALUES {
        t.free_analysis_only();
    }
}

/// Fills `owner`, `users` and `user_start` of `t` for the layout of `func`.
fn users_of(func: &Function, t: &mut Tables) {
    let Tables {
        owner,
        users,
        user_start,
        changed_at: fill,
        ..
    } = t;
    let n = func.values.len();
    refill(owner, func.insts.len(), None);
    refill(user_start, n + 1, 0);
    // Slices, for the loops below to index without going through the
    // vectors each time.
    let (owner, user_start) = (&mut owner[..], &mut user_start[..]);
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            owner[inst.index()] = Some(b);
            for_each_read(func, &func.insts[inst.index()].kind, |v| {
                user_start[v.index() + 1] += 1
            });
        }
    }
    for v in 0..n {
        user_start[v + 1] += user_start[v];
    }
    // A counting sort, with the fill cursors in `changed_at` for now.
    fill.clear();
    fill.extend_from_slice(user_start);
    refill(users, user_start[n] as usize, Inst(0));
    let (users, fill) = (&mut users[..], &mut fill[..]);
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            for_each_read(func, &func.insts[inst.index()].kind, |v| {
                users[fill[v.index()] as usize] = inst;
                fill[v.index()] += 1;
            });
        }
    }
}

impl Analysis<'_> {
    /// Visits the blocks that can run and, if `revisit`, the readers of
    /// each value that changes (with the readers listed).
    fn solve(&mut self, revisit: bool) {
        let entry = self.func.entry();
        for &p in self.func.block_params(entry) {
            self.t.lattice[p.index()] = Lattice::Bottom;
        }
        self.t.executable[entry.index()] = true;
        self.t.blocks_to_visit.push(entry);
        let func = self.func;
        loop {
            if let Some(b) = self.t.blocks_to_visit.pop() {
                self.t.visited[b.index()] = true;
                self.t.order.push(b);
                for &inst in &func.blocks[b.index()].insts {
                    self.visit(b, inst);
                }
            } else if let Some(v) = self.t.values_changed.pop().filter(|_| revisit) {
                let start = self.t.user_start[v.index()] as usize;
                let end = self.t.user_start[v.index() + 1] as usize;
                for k in start..end {
                    let user = self.t.users[k];
                    // A block marked executable while going through these
                    // users (by an earlier one) is not visited yet: it
                    // will be, in full, after the blocks that reached it.
                    let Some(b) = self.t.owner[user.index()] else {
                        continue;
                    };
                    // A user that has seen the change (it was visited after
                    // it, or already for an earlier listing of the same
                    // user) is skipped. A jump's visit can change what it
                    // reads (a parameter of its target passed back to it):
                    // then it is stale again and the next listing of the
                    // same jump, if any, visits it again.
                    if self.t.visited[b.index()] && self.t.stale[user.index()] {
                        self.visit(b, user);
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Lowers what is known of `v` to its meet with `new`.
    fn lower(&mut self, v: Value, new: Lattice) {
        let old = self.t.lattice[v.index()];
        let met = old.meet(new);
        if met != old {
            self.t.lattice[v.index()] = met;
            self.clock += 1;
            self.t.changed_at[v.index()] = self.clock;
            self.t.values_changed.push(v);
            let users = self.t.user_start[v.index()]..self.t.user_start[v.index() + 1];
            for &user in &self.t.users[users.start as usize..users.end as usize] {
                self.t.stale[user.index()] = true;
            }
        }
    }

    fn known(&self, v: Value) -> Option<i64> {
        self.t.lattice[v.index()].constant()
    }

    /// (Re)evaluates `inst` of the executable block `block`.
    fn visit(&mut self, block: Block, inst: Inst) {
        self.t.stale[inst.index()] = false;
        let func = self.func;
        let data = &func.insts[inst.index()];
        let lat = |v: Value| self.t.lattice[v.index()];
        let new = match &data.kind {
            InstKind::Const(c) => Lattice::Const(*c),
            &InstKind::Unary(op, a) => {
                match simplify_unary(op, a, self.known(a), def_kind(func, a)) {
                    Some(Simplified::Const(c)) => Lattice::Const(c),
                    Some(Simplified::Copy(x)) => lat(x),
                    None if lat(a) == Lattice::Top => Lattice::Top,
                    None => Lattice::Bottom,
                }
            }
            &InstKind::Binary(op, a, b) => {
                match simplify_binary(op, a, b, self.known(a), self.known(b)) {
                    Some(Simplified::Const(c)) => Lattice::Const(c),
                    Some(Simplified::Copy(x)) => lat(x),
                    None if lat(a) == Lattice::Top || lat(b) == Lattice::Top => Lattice::Top,
                    None => Lattice::Bottom,
                }
            }
            &InstKind::Select(c, a, b) => match lat(c) {
                Lattice::Const(k) => lat(if k != 0 { a } else { b }),
                _ if a == b => lat(a),
                Lattice::Top => Lattice::Top,
                Lattice::Bottom => lat(a).meet(lat(b)),
            },
            InstKind::Call(..)
            | InstKind::CallHost(..)
            | InstKind::Load(..)
            | InstKind::CheckIndex(..)
            | InstKind::CheckByte(..) => Lattice::Bottom,
            InstKind::Jump(dest) => {
                self.take_edge(block, 0, *dest);
                return;
            }
            InstKind::Branch(c, [t, e]) => {
                let (t, e) = (*t, *e);
                // An unknown condition never occurs in a block that can run
                // (every value there has been evaluated); both edges are the
                // safe answer anyway.
                match lat(*c) {
                    Lattice::Const(0) => self.take_edge(block, 1, e),
                    Lattice::Const(_) => self.take_edge(block, 0, t),
                    _ => {
                        self.take_edge(block, 0, t);
                        self.take_edge(block, 1, e);
                    }
                }
                return;
            }
            InstKind::Fuel
            | InstKind::FrameEnter
            | InstKind::FrameExit
            | InstKind::Store(..)
            | InstKind::Return(_)
            | InstKind::Trap(..) => return,
        };
        if let Some(r) = data.result {
            self.lower(r, new);
        }
    }

    /// Marks the edge `dest`, the `which`-th out of `from`, as one that can
    /// run: its arguments flow into the target's parameters, and the
    /// target runs. An argument that has not changed since the edge was
    /// last taken is skipped: the parameter already took it in.
    fn take_edge(&mut self, from: Block, which: usize, dest: BlockCall) {
        let func = self.func;
        let edge = 2 * from.index() + which;
        let since = self.t.taken_at[edge];
        self.t.taken_at[edge] = self.clock;
        let (to, args, params) = func.flows(dest);
        for (&arg, &param) in args.iter().zip(params) {
            if since == NOT_TAKEN || self.t.changed_at[arg.index()] > since {
                self.lower(param, self.t.lattice[arg.index()]);
            }
        }
        if !self.t.executable[to.index()] {
            self.t.executable[to.index()] = true;
            self.t.blocks_to_visit.push(to);
        }
    }
}

/// What a rewrite did.
struct Rewritten {
    /// Whether the function changed.
    changed: bool,
    /// Whether it found constants the analysis did not know.
    new_facts: bool,
}

/// Applies the facts the analysis left in `t`.
fn rewrite(func: &mut Function, t: &mut Tables) -> Rewritten {
    let mut changed = false;
    let mut new_facts = false;
    let mut copies = false;
    // Made on the first substitution: until then every value stands for
    // itself, which `resolve` answers for values past the end.
    let Tables {
        lattice,
        executable,
        user_start,
        order,
        subst,
        insts,
        ..
    } = t;
    subst.clear();
    // Whether an instruction of the layout read `v`.
    let used = |v: Value| user_start[v.index()] < user_start[v.index() + 1];
    // The constant of `v`: known by the analysis or made one in this walk.
    let known = |func: &Function, v: Value| {
        lattice
            .get(v.index())
            .and_then(|l| l.constant())
            .or_else(|| func.const_value(v))
    };
    // Definitions come before the uses they dominate, so each
    // substitution is in place before its uses are rewritten.
    // The new instruction list of a block is built here, then copied
    // over the old one (whose buffer is kept).
    for &block in order.iter() {
        let mut old = core::mem::take(&mut func.blocks[block.index()].insts);
        insts.clear();
        for i in 0..func.block_params(block).len() {
            let p = func.block_params(block)[i];
            if let (Lattice::Const(c), true) = (lattice[p.index()], used(p)) {
                if subst.is_empty() {
                    make_identity(func, subst);
                }
                let inst = func.create_inst(InstKind::Const(c));
                insts.push(inst);
                subst[p.index()] = func.result(inst);
                changed = true;
            }
        }
        for &inst in &old {
            func.insts[inst.index()]
                .kind
                .for_each_arg_mut(&mut func.pool, |v| *v = resolve(subst, *v));
            let kind = &func.insts[inst.index()].kind;
            let outcome = match func.insts[inst.index()].result {
                Some(r) if !matches!(kind, InstKind::Const(_)) => {
                    match lattice[r.index()] {
                        // Only evaluations that did not trap make constants.
                        Lattice::Const(c) => Some(Simplified::Const(c)),
                        _ => {
                            let s = simplify(func, kind, known);
                            new_facts |= matches!(s, Some(Simplified::Const(_)));
                            s
                        }
                    }
                }
                _ => None,
            };
            match outcome {
                Some(Simplified::Const(c)) => {
                    func.insts[inst.index()].kind = InstKind::Const(c);
                    changed = true;
                }
                Some(Simplified::Copy(x)) => {
                    let r = func.result(inst);
                    if subst.is_empty() {
                        make_identity(func, subst);
                    }
                    subst[r.index()] = x;
                    func.values[r.index()] = ValueDef::Unused;
                    changed = true;
                    copies = true;
                    continue;
                }
                None => {}
            }
            if let InstKind::Branch(c, [t, e]) = func.insts[inst.index()].kind {
                let taken = match known(func, c) {
                    Some(k) => Some(if k != 0 { (t, e) } else { (e, t) }),
                    None if t.same_as(e, &func.pool) => Some((t, e)),
                    None => None,
                };
                if let Some((dest, dropped)) = taken {
                    func.insts[inst.index()].kind = InstKind::Jump(dest);
                    dropped.free(&mut func.pool);
                    changed = true;
                }
            }
            insts.push(inst);
        }
        old.clear();
        old.extend_from_slice(insts);
        func.blocks[block.index()].insts = old;
    }
    let before = func.layout.len();
    func.layout.retain(|b| executable[b.index()]);
    // The walk has replaced every use of a removed copy already: each
    // block came after the blocks that dominate it, so after the
    // definitions of the values it reads (a jump's arguments included).
    // Debug builds check that nothing is left to replace.
    debug_assert!(
        !copies || uses_settled(func, subst),
        "a use of a removed copy is left"
    );
    Rewritten {
        changed: changed | (func.layout.len() != before),
        new_facts,
    }
}

/// Whether no instruction of the layout reads a value that `subst`
/// replaces (what [`crate::ir::subst::replace_uses`] would find nothing
/// to do for).
fn uses_settled(func: &Function, subst: &mut [Value]) -> bool {
    let mut settled = true;
    for &b in &func.layout {
        for &inst in &func.blocks[b.index()].insts {
            func.insts[inst.index()]
                .kind
                .for_each_arg(&func.pool, |v| settled &= resolve(subst, v) == v);
        }
    }
    settled
}

/// The simplification of an instruction that the analysis did not find
/// constant: an identity on its (already substituted) operands.
fn simplify(
    func: &Function,
    kind: &InstKind,
    known: impl Fn(&Function, Value) -> Option<i64>,
) -> Option<Simplified> {
    match *kind {
        InstKind::Unary(op, a) => simplify_unary(op, a, known(func, a), def_kind(func, a)),
        InstKind::Binary(op, a, b) => simplify_binary(op, a, b, known(func, a), known(func, b)),
        InstKind::Select(c, a, b) => match known(func, c) {
            Some(k) => Some(Simplified::Copy(if k != 0 { a } else { b })),
            None if a == b => Some(Simplified::Copy(a)),
            None => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::verify::verify;
    use crate::test_fixtures::{outcome, parse};
    use alloc::string::{String, ToString};

    const EDGES: [i64; 12] = [
        0,
        1,
        -1,
        2,
        -2,
        7,
        63,
        64,
        i64::MAX,
        i64::MIN,
        i64::MAX - 1,
        i64::MIN + 1,
    ];

    /// Folds the one-parameter function `text`, checks it verifies and
    /// agrees with the original on edge values, and returns its text.
    fn fold_checked(text: &str) -> String {
        let before = parse(text);
        let mut after = before.clone();
        run(&mut after.functions[0]);
        assert_eq!(verify(&after), Ok(()), "{after}");
        for x in EDGES {
            assert_eq!(
                outcome(&before, 0, &[x]),
                outcome(&after, 0, &[x]),
                "x = {x}\n{after}"
            );
        }
        after.to_string()
    }

    #[test]
    fn may_fold_says_no_only_where_folding_changes_nothing() {
        use crate::ir::dom::Cfg;
        use crate::test_fixtures::Rng;
        let (mut skipped, mut folded) = (0, 0);
        for seed in 1..1500u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
            let mut f = crate::opt::dce::random_ir::function(&mut rng);
            if seed % 2 == 0 {
                // Without constants or an operand twice, so that both
                // answers are common.
                let p = f.block_params(Block(0))[1];
                for data in &mut f.insts {
                    match &mut data.kind {
                        InstKind::Const(_) => data.kind = InstKind::Unary(UnaryOp::BitNot, p),
                        InstKind::Binary(_, a, b) if a == b => *b = p,
                        _ => {}
                    }
                }
            }
            let before = f.clone();
            if may_fold(&f, &mut Cfg::default()) {
                folded += usize::from(run(&mut f));
                continue;
            }
            skipped += 1;
            assert!(!run(&mut f), "seed {seed}: folding changed\n{before}\n{f}");
            assert_eq!(f, before, "seed {seed}");
        }
        assert!(
            skipped > 100 && folded > 100,
            "{skipped} skipped, {folded} folded"
        );
    }

    #[test]
    fn every_binary_identity_is_exact() {
        // Every operation with every constant on each side, against the
        // unknown operand: the same results and the same traps.
        for op in BinaryOp::ALL {
            for c in EDGES {
                for text in [
                    alloc::format!(
                        "function f {{\nblock0(v0):\n    v1 = const {c}\n    v2 = {} v0, v1\n    ret v2\n}}\n",
                        op.name()
                    ),
                    alloc::format!(
                        "function f {{\nblock0(v0):\n    v1 = const {c}\n    v2 = {} v1, v0\n    ret v2\n}}\n",
                        op.name()
                    ),
                ] {
                    fold_checked(&text);
                }
            }
            let same = alloc::format!(
                "function f {{\nblock0(v0):\n    v1 = {} v0, v0\n    ret v1\n}}\n",
                op.name()
            );
            fold_checked(&same);
        }
    }

    #[test]
    fn unary_identities_are_exact() {
        for op in UnaryOp::ALL {
            let text = alloc::format!(
                "function f {{\nblock0(v0):\n    v1 = {0} v0\n    v2 = {0} v1\n    ret v2\n}}\n",
                op.name()
            );
            fold_checked(&text);
        }
    }

    #[test]
    fn a_look_through_follows_the_value_it_looks_at() {
        // `v8 = neg v7` is `v6` (`-(-v6)`), so it must be evaluated again
        // when `v6` changes, though it does not read `v6`: block3 is first
        // reached from block2 alone, with `v6` the minimum (and `v7`
        // trapping), and only then from block1 with 0. Found by the
        // differential test: `0 >> --x` raised ValueError for `x = 0`.
        let text = "function f {
block0(v0):
    v2 = const 0
    v5 = const -9223372036854775808
    br v0, block1, block2
block1:
    jump block3(v2)
block2:
    jump block3(v5)
block3(v6):
    v7 = neg v6
    v8 = neg v7
    v9 = shr v2, v8
    ret v9
}
";
        fold_checked(text);
    }

    #[test]
    fn a_trapping_constant_operation_stays() {
        let text = "function f {
block0(v0):
    v1 = const 1
    v2 = const 0
    v3 = floordiv v1, v2
    ret v3
}
";
        assert_eq!(fold_checked(text), text);
    }

    #[test]
    fn constants_flow_around_a_loop() {
        // v2 is 5 on entry and 5 around the loop: a constant.
        let text = "function f {
block0(v0):
    v1 = const 5
    v8 = const 15
    v9 = and v0, v8
    jump block1(v1, v9)
block1(v2, v3):
    v4 = const 1
    v5 = sub v3, v4
    v6 = gt v5, v4
    br v6, block1(v2, v5), block2
block2:
    v7 = mul v2, v2
    ret v7
}
";
        let out = fold_checked(text);
        assert!(out.contains("v7 = const 25"), "{out}");
    }

    #[test]
    fn blocks_are_rewritten_after_their_dominators() {
        // `v4` becomes unknown late (when the loop edge brings `v0`): then
        // block2 can run, and its branch on `v4` too. block4 must still be
        // rewritten after block2, where `v5` becomes a copy of `v4`.
        let text = "function f {
block0(v0):
    v1 = const 0
    v2 = const 3
    jump block1(v2)
block1(v3):
    v4 = mod v3, v2
    br v4, block2, block3
block2:
    v5 = xor v4, v1
    br v4, block4, block5
block3:
    v6 = eq v3, v0
    br v6, block6, block1(v0)
block4:
    ret v5
block5:
    ret v1
block6:
    ret v1
}
";
        let out = fold_checked(text);
        assert!(out.contains("ret v4"), "{out}");
    }
}
