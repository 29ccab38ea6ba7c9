//! Lowering: checked AST to SSA IR.
//!
//! Needs: an AST that [`super::check`] accepted, its [`Checked`] facts, the
//! host declarations it was checked against, and [`LowerOptions`] (whether
//! to count fuel, and where the source's lines start if debuggers are to
//! see lines). Gives: one IR function per `def`, in SSA form with block parameters,
//! with its signature (a buffer parameter is two entry values, its address
//! and length) and the module's host declarations; or a [`CompileError`]
//! when a function that returns a value can also reach its end. A function
//! returning `None` returns 0 wherever it ends (no caller reads it).
//!
//! Buffer items: an index is checked (`check_index`, which counts a
//! negative one from the end unless it is a literal) before the `load` /
//! `store`; a byte stored into a
//! `bytearray` is checked (`check_byte`) after its index is evaluated and
//! before the index is checked, as CPython does. `for v in b` steps a
//! hidden counter below the length and loads without a check.
//!
//! SSA is built directly while walking the structured AST. Each local has
//! two variable slots: its value and a flag saying whether it is bound. Both
//! live in a slot map whose writes are logged (module `slots`): an edge is a
//! position in that log, and where control flow meets, a merge gets a block
//! parameter only for the slots whose incoming values differ (of those
//! written since its earliest edge). Two placeholder values stand for
//! "unbound" (zero) and "bound" (one) and become constants only where they
//! are used, so a local that is assigned before every read costs nothing,
//! and only reads on a path where the local might be unbound check the flag
//! and raise UnboundLocalError.
//!
//! Loops are rotated: the condition is tested before entering and again in
//! a latch at the bottom (the `while` condition is lowered twice), so each
//! iteration takes one conditional branch. The body's first block gets
//! parameters for the slots the body assigns. A `for` loop steps a hidden
//! counter without ever overflowing, as Python's `range` never does; over a
//! range of constants it is entered without the first test, and a range of
//! one item is no loop at all. An `if` without `else` branches straight to
//! the join when false, and one whose body is only `break` or `continue`
//! straight to where that goes when true.

use super::ast::{
    self, BodySize, BoolOp, ExprId, ExprKind, List, Stmt, StmtKind, Symbol, Tree, UnOp,
};
use super::builtin::Builtin;
use super::check::{self, Checked, FunctionInfo, Global, LocalTable, Scope};
use crate::error::CompileError;
use crate::ir::{
    self, Access, BinaryOp, Block, BlockCall, BufKind, FuncId, Function, HostDecl, HostId,
    IndexCheck, Inst, InstKind, ParamKind, Returns, UnaryOp, Value, ValueListPool,
};
use crate::trap::{msg, Trap};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use slots::{Mark, Slots};

mod slots;

/// What the embedder chose that changes the lowered IR.
#[derive(Clone, Copy, Debug, Default)]
pub struct LowerOptions<'a> {
    /// Emit a `fuel` instruction at each function entry and loop header,
    /// so that a run with a fuel budget stops instead of running forever.
    pub fuel: bool,
    /// The byte offset where each source line starts ([`line_starts`]),
    /// to give each instruction the line of the statement or condition it
    /// comes from ([`Function::lines`]); empty, no lines are kept.
    pub line_starts: &'a [u32],
}

/// The byte offset where each line of `source` starts, in order.
pub fn line_starts(source: &str) -> Vec<u32> {
    let mut starts = Vec::new();
    fill_line_starts(source, &mut starts);
    starts
}

/// [`line_starts`] into `starts` (emptied first, its buffer kept).
pub fn fill_line_starts(source: &str, starts: &mut Vec<u32>) {
    let breaks = source.match_indices('\n').map(|(i, _)| i as u32 + 1);
    starts.clear();
    starts.extend(core::iter::once(0).chain(breaks));
}

/// Lowers every function of a module that [`super::check::check`]
/// accepted with the host functions `hosts`.
///
/// # Errors
/// A function whose end can be reached (it would return `None`).
pub fn lower(
    module: &ast::Module,
    checked: &Checked,
    hosts: &[HostDecl],
    options: LowerOptions<'_>,
) -> Result<ir::Module, CompileError> {
    Scratch::default().lower(module, checked, hosts, options)
}

/// The lowering's tables and working vectors, kept from one module to the
/// next so that after the first they rarely allocate (the IR they make
/// is the caller's): what a [`crate::Compiler`] holds for this stage.
#[derive(Default)]
pub struct Scratch {
    locals: LocalTable,
    /// Handed from one function to the next, and on to the next module.
    buffers: Buffers,
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scratch").finish_non_exhaustive()
    }
}

impl Scratch {
    /// [`lower`] with these tables.
    ///
    /// # Errors
    /// As [`lower`].
    pub fn lower(
        &mut self,
        module: &ast::Module,
        checked: &Checked,
        hosts: &[HostDecl],
        options: LowerOptions<'_>,
    ) -> Result<ir::Module, CompileError> {
        lower_in(self, module, checked, hosts, options)
    }
}

/// [`lower`] with the tables of `scratch`.
fn lower_in(
    scratch: &mut Scratch,
    module: &ast::Module,
    checked: &Checked,
    hosts: &[HostDecl],
    options: LowerOptions<'_>,
) -> Result<ir::Module, CompileError> {
    let defs = module.items.iter().filter_map(|item| match item {
        ast::Item::Function(f) => Some(f),
        ast::Item::Constant(_) => None,
    });
    let mut out = ir::Module {
        functions: Vec::with_capacity(checked.functions.len()),
        hosts: hosts.to_vec(),
    };
    let locals = &mut scratch.locals;
    locals.reset(&module.names);
    for (def, info) in defs.zip(&checked.functions) {
        locals.enter(&info.locals);
        let scope = Scope {
            names: &module.names,
            tree: &module.tree,
            globals: &checked.globals,
            functions: &checked.functions,
            hosts,
            locals,
            params: &info.signature.params,
        };
        let mut lowerer = Lowerer::new(info, scope, &mut scratch.buffers, options.fuel);
        lowerer.line_starts = options.line_starts;
        let lowered = lowerer.lower_function(def);
        locals.leave(&info.locals);
        out.functions.push(lowered?);
    }
    Ok(out)
}

/// Placeholder for "unbound" / "false": a zero constant, made on use.
const ZERO: Value = Value(u32::MAX);
/// Placeholder for "bound" / "true": a one constant, made on use.
const ONE: Value = Value(u32::MAX - 1);

/// The most operations an `and`/`or` chain computes between two branches
/// that Python might have skipped (comparisons and the `and`s and `or`s
/// of them): a short chain is cheaper without its branches, a long one
/// still stops early.
const SPECULATED: u32 = 8;

/// The slots of lists a function is lowered with room for before its
/// pool grows: enough for most (the benchmark programs' take 10 to 160).
const LIST_ROOM: usize = 256;

/// The most comparisons a chain (`a < b < c ...`) may have to be computed
/// whole as a value, or as an operand of such a chain of `and`/`or`.
const CHAIN_COMPARISONS: usize = 4;

/// A control-flow edge whose target and arguments are filled in later,
/// with the state of the slots on that path.
struct Edge {
    from: EdgeFrom,
    mark: Mark,
}

/// Where a condition goes: the edges taken when it is true, and when it
/// is false.
type Outcomes = (Vec<Edge>, Vec<Edge>);

enum EdgeFrom {
    /// Target `which` (0 or 1) of a branch already emitted.
    Branch(Inst, usize),
    /// The end of a block left open: the merge either continues in it (when
    /// it is the only way in) or ends it with a jump.
    Open(Block),
}

/// Edges out of a loop body being lowered.
struct Loop {
    /// To the latch, where the next iteration is tested.
    continues: Vec<Edge>,
    /// To the code after the loop.
    breaks: Vec<Edge>,
}

struct Lowerer<'a> {
    info: &'a FunctionInfo,
    /// Its locals by name in `scope.locals`.
    scope: Scope<'a>,
    /// The module's statements and expressions (`scope.tree`).
    tree: &'a Tree,
    /// Whether to emit `fuel` instructions ([`LowerOptions::fuel`]).
    fuel: bool,
    /// [`LowerOptions::line_starts`].
    line_starts: &'a [u32],
    /// The source line of what is being lowered (0 when lines are not
    /// kept), given to each instruction emitted.
    line: u32,
    func: Function,
    /// The block being filled; `None` after `return`, `break`, ... (code
    /// that follows is unreachable and not lowered).
    cur: Option<Block>,
    /// Working vectors, kept from one function to the next (borrowed, as
    /// moving them in and out cost more than the lowering of a small
    /// function's body).
    buf: &'a mut Buffers,
}

/// The lowering's working vectors, handed from one function to the next
/// so that their buffers are allocated once per module.
#[derive(Default)]
struct Buffers {
    /// Slot values on the current path: `2 * i` is local `i`'s value,
    /// `2 * i + 1` its bound flag; hidden slots (loop counters, expression
    /// results) follow.
    slots: Slots,
    loops: Vec<Loop>,
    /// A merge's slots written since its earliest edge, the positions of
    /// its edges, latest first (and the edges in that order), the values
    /// a slot has on them, and those of the slots that get a parameter (a
    /// row per parameter, each row by edge).
    written: Vec<usize>,
    ats: Vec<u32>,
    by_age: Vec<usize>,
    values: Vec<Value>,
    rows: Vec<Value>,
    /// The values of a simultaneous assignment, before any is assigned.
    assigned: Vec<Value>,
    /// The arguments of the calls and jumps being lowered, innermost
    /// last: a call's own are on top while it is made (its arguments'
    /// calls and branches come and go above them).
    call_args: Vec<Value>,
    /// Edge lists already merged, reused for new ones.
    spare_edges: Vec<Vec<Edge>>,
    /// Slot lists of loops already lowered, reused for new ones (a loop
    /// holds its own while its body, and the loops in it, are lowered).
    spare_slot_lists: Vec<Vec<usize>>,
    /// The slots that get a parameter in the merge being made.
    merge_params: Vec<usize>,
    /// Whether each local is listed in the loop parameters being made
    /// (all false between uses).
    listed: Vec<bool>,
    /// One `const` per distinct value of the function being lowered, made
    /// on first use and placed at the start of the entry block when the
    /// function is done (so it dominates every use): by value here, and
    /// in `constant_insts` in the order they were made.
    constants: Constants,
    constant_insts: Vec<Inst>,
}

impl<'a> Lowerer<'a> {
    fn new(info: &'a FunctionInfo, scope: Scope<'a>, buffers: &'a mut Buffers, fuel: bool) -> Self {
        buffers.slots.clear();
        buffers.loops.clear();
        buffers.assigned.clear();
        buffers.call_args.clear();
        buffers.constants.clear();
        buffers.constant_insts.clear();
        Lowerer {
            info,
            scope,
            tree: scope.tree,
            fuel,
            line_starts: &[],
            line: 0,
            func: Function::new(scope.names.text(info.name)),
            cur: None,
            buf: buffers,
        }
    }

    /// Lowers the function; returns it (or why not).
    fn lower_function(mut self, def: &ast::FunctionDef) -> Result<Function, CompileError> {
        // Sizing the tables from the tree saves growing them step by step
        // (about an instruction per statement and per expression node, as
        // reading a name makes none, which leaves room for the branches of
        // expressions; a block per statement and per branch point of an
        // expression; more would be memory a long function never uses).
        let body = &self.tree[def.body];
        let BodySize {
            stmts,
            exprs,
            branches,
        } = def.size;
        let values = self.info.arity + stmts + exprs;
        let blocks = stmts + branches + 1;
        // A branch point of an expression adds jumps, which define no
        // value (a statement's own are in its count).
        self.func.insts = Vec::with_capacity(values + branches);
        self.func.values = Vec::with_capacity(values);
        self.func.blocks = Vec::with_capacity(blocks);
        self.func.layout = Vec::with_capacity(blocks);
        // The lists grow in one array; made once for most functions, it
        // is fitted to them when the function is done.
        self.func.pool = ValueListPool::with_capacity(LIST_ROOM);
        // About a write per slot and per statement (an assignment, or a
        // merge's parameter), and as many to restore slots after an arm.
        let slots = 2 * self.info.locals.len() + 8;
        self.buf.slots.reserve(slots, 2 * (slots + stmts));
        // Until a statement says otherwise (the entry, an empty body's
        // return), the code is the `def` line's.
        self.set_line_at(def.span.start);
        let entry = self.func.create_block();
        self.cur = Some(entry);
        self.func.signature = self.info.signature.clone();
        for &kind in &self.info.signature.params {
            let first = self.func.push_block_param(entry);
            let second = match kind {
                ParamKind::Int => ONE,
                ParamKind::Buffer(_) => self.func.push_block_param(entry),
            };
            self.buf.slots.push(first);
            self.buf.slots.push(second);
        }
        for _ in self.info.arity..self.info.locals.len() {
            self.buf.slots.push(ZERO);
            self.buf.slots.push(ZERO);
        }
        self.emit_fuel();
        self.lower_block(body);
        if self.cur.is_some() {
            if self.info.signature.returns == Returns::None {
                self.return_none();
            } else {
                let error = CompileError::new(
                    def.span,
                    format!(
                        "function `{}` can reach its end without `return`, but returns a value elsewhere (every path must return a value, or none)",
                        self.scope.names.text(self.info.name)
                    ),
                );
                return Err(error);
            }
        }
        // The constants go first: the entry's instructions move up to make
        // room (a plain copy: `splice` costs more for so few).
        let constants = &self.buf.constant_insts;
        let entry_insts = &mut self.func.blocks[entry.index()].insts;
        let (k, n) = (constants.len(), entry_insts.len());
        entry_insts.resize(n + k, Inst(0));
        entry_insts.copy_within(0..n, k);
        entry_insts[..k].copy_from_slice(constants);
        // The function is kept, the room to grow is not.
        self.func.fit_lists();
        Ok(self.func)
    }

    // ---- emitting ----

    /// An empty edge list (from the pool).
    fn edge_list(&mut self) -> Vec<Edge> {
        self.buf.spare_edges.pop().unwrap_or_default()
    }

    /// [`Lowerer::merge`] for an edge list, which goes back to the pool.
    fn merge_list(&mut self, mut edges: Vec<Edge>) {
        self.merge(&mut edges[..]);
        edges.clear();
        self.buf.spare_edges.push(edges);
    }

    fn block(&self) -> Block {
        self.cur.expect("lowering into a reachable block")
    }

    fn emit(&mut self, kind: InstKind) -> Inst {
        let block = self.block();
        self.func.append_inst_at(block, kind, self.line)
    }

    /// Makes what is emitted next come from the line of byte `offset`
    /// (if lines are kept).
    fn set_line_at(&mut self, offset: u32) {
        if !self.line_starts.is_empty() {
            self.line = self.line_starts.partition_point(|&start| start <= offset) as u32;
        }
    }

    fn emit_value(&mut self, kind: InstKind) -> Value {
        let inst = self.emit(kind);
        self.func.result(inst)
    }

    fn emit_const(&mut self, value: i64) -> Value {
        let slot = self.buf.constants.find(value);
        if let Some(v) = self.buf.constants.get(slot) {
            return v;
        }
        let inst = self.func.create_inst(InstKind::Const(value));
        self.buf.constant_insts.push(inst);
        let v = self.func.result(inst);
        self.buf.constants.insert(slot, value, v);
        v
    }

    fn emit_binary(&mut self, op: BinaryOp, a: Value, b: Value) -> Value {
        let (a, b) = (self.materialize(a), self.materialize(b));
        self.emit_value(InstKind::Binary(op, a, b))
    }

    /// `return` in a function that returns `None`: a value no caller reads.
    fn return_none(&mut self) {
        let zero = self.emit_const(0);
        self.emit(InstKind::Return(zero));
        self.cur = None;
    }

    fn emit_fuel(&mut self) {
        if self.fuel {
            self.emit(InstKind::Fuel);
        }
    }

    fn emit_trap(&mut self, trap: Trap, message: Option<String>) {
        self.emit(InstKind::trap(trap, message));
        self.cur = None;
    }

    /// Turns a placeholder into a real constant, made once at the top of the
    /// entry block (which dominates every use).
    #[inline]
    fn materialize(&mut self, value: Value) -> Value {
        if value != ZERO && value != ONE {
            return value;
        }
        self.materialize_placeholder(value)
    }

    fn materialize_placeholder(&mut self, value: Value) -> Value {
        match value {
            ZERO => self.emit_const(0),
            ONE => self.emit_const(1),
            _ => value,
        }
    }

    /// Ends the current block with a jump to a known block.
    fn jump(&mut self, block: Block, params: &[usize]) {
        let dest = self.call_at(block, params, self.buf.slots.mark());
        self.emit(InstKind::Jump(dest));
        self.cur = None;
    }

    /// Leaves the current block for a block made later by
    /// [`Lowerer::merge`].
    fn jump_pending(&mut self) -> Edge {
        let block = self.block();
        self.cur = None;
        Edge {
            from: EdgeFrom::Open(block),
            mark: self.buf.slots.mark(),
        }
    }

    /// Ends the current block with `br cond, pending_then, pending_else`
    /// (targets that take no room until they are patched).
    fn branch_pending(&mut self, cond: Value) -> (Edge, Edge) {
        let pending = [BlockCall::PENDING; 2];
        let inst = self.emit(InstKind::Branch(cond, pending));
        self.cur = None;
        let mark = self.buf.slots.mark();
        (
            Edge {
                from: EdgeFrom::Branch(inst, 0),
                mark,
            },
            Edge {
                from: EdgeFrom::Branch(inst, 1),
                mark,
            },
        )
    }

    /// A call of `block` passing the values slots `params` had at `mark`.
    fn call_at(&mut self, block: Block, params: &[usize], mark: Mark) -> BlockCall {
        let base = self.buf.call_args.len();
        for &s in params {
            let value = self.buf.slots.value_at(s, mark.at);
            let value = self.materialize(value);
            self.buf.call_args.push(value);
        }
        self.finish_block_call(block, base)
    }

    /// A call of `block` passing `call_args[base..]`, which it takes off.
    fn finish_block_call(&mut self, block: Block, base: usize) -> BlockCall {
        let dest = self.func.make_call(block, &self.buf.call_args[base..]);
        self.buf.call_args.truncate(base);
        dest
    }

    /// Makes the block where `edges` meet: a parameter for every slot whose
    /// incoming values differ, the edges patched to pass them. Continues
    /// lowering there. With no edges the code that follows is unreachable.
    fn merge(&mut self, mut edges: impl AsMut<[Edge]>) {
        let edges = edges.as_mut();
        let Some(width) = edges.iter().map(|e| e.mark.width).min() else {
            self.cur = None;
            return;
        };
        if let [edge] = edges {
            // One way in: the slots as they were on it. An open block goes
            // on; an edge of a branch gets a block without parameters.
            let block = match edge.from {
                EdgeFrom::Open(block) => block,
                EdgeFrom::Branch(..) => {
                    let block = self.func.create_block();
                    let dest = self.func.make_call(block, &[]);
                    self.patch(edge, dest);
                    block
                }
            };
            let mark = Mark { width, ..edge.mark };
            self.buf.slots.restore(mark, &mut self.buf.written);
            self.cur = Some(block);
            return;
        }
        let block = self.func.create_block();
        // Only a slot written since the earliest edge can differ between
        // the edges: its value on each, read back latest edge first.
        let mut by_age = core::mem::take(&mut self.buf.by_age);
        by_age.clear();
        by_age.extend(0..edges.len());
        by_age.sort_unstable_by_key(|&e| core::cmp::Reverse(edges[e].mark.at));
        let mut ats = core::mem::take(&mut self.buf.ats);
        ats.clear();
        ats.extend(by_age.iter().map(|&e| edges[e].mark.at));
        let earliest = *ats.last().expect("two edges or more");
        let width = width as usize;
        self.buf.slots.resize_as_at(width, earliest);
        let mut written = core::mem::take(&mut self.buf.written);
        self.buf.slots.written_since(earliest, width, &mut written);
        let mut params = core::mem::take(&mut self.buf.merge_params);
        params.clear();
        let mut rows = core::mem::take(&mut self.buf.rows);
        rows.clear();
        let mut values = core::mem::take(&mut self.buf.values);
        for &s in &written {
            self.buf.slots.values_at(s, &ats, &mut values);
            let first = values[0];
            if values.iter().all(|&v| v == first) {
                self.buf.slots.set(s, first);
                continue;
            }
            params.push(s);
            let row = rows.len();
            rows.resize(row + edges.len(), first);
            for (&e, &v) in by_age.iter().zip(&values) {
                rows[row + e] = v;
            }
        }
        for &s in &params {
            let param = self.func.push_block_param(block);
            self.buf.slots.set(s, param);
        }
        for (e, edge) in edges.iter().enumerate() {
            let base = self.buf.call_args.len();
            for p in 0..params.len() {
                let value = self.materialize(rows[p * edges.len() + e]);
                self.buf.call_args.push(value);
            }
            let dest = self.finish_block_call(block, base);
            self.patch(edge, dest);
        }
        self.buf.by_age = by_age;
        self.buf.ats = ats;
        self.buf.written = written;
        self.buf.merge_params = params;
        self.buf.values = values;
        self.buf.rows = rows;
        self.cur = Some(block);
    }

    fn patch(&mut self, edge: &Edge, dest: BlockCall) {
        match edge.from {
            EdgeFrom::Branch(inst, which) => {
                let kind = &mut self.func.insts[inst.index()].kind;
                if let Some(target) = kind.successors_mut().nth(which) {
                    *target = dest;
                }
            }
            EdgeFrom::Open(block) => {
                self.func
                    .append_inst_at(block, InstKind::Jump(dest), self.line);
            }
        }
    }

    /// Creates a block with one parameter per slot in `params`, in that
    /// order (the slots are not set to them: see
    /// [`Lowerer::enter_block_with_params`]).
    fn block_with_params(&mut self, params: &[usize]) -> Block {
        let block = self.func.create_block();
        for _ in params {
            self.func.push_block_param(block);
        }
        block
    }

    /// Continues lowering in `block`, made by [`Lowerer::block_with_params`]
    /// for `params`: each of those slots holds its parameter there.
    fn enter_block_with_params(&mut self, block: Block, params: &[usize]) {
        self.cur = Some(block);
        for (i, &s) in params.iter().enumerate() {
            let param = self.func.block_params(block)[i];
            self.buf.slots.set(s, param);
        }
    }

    /// Slots a loop body may change: the value and (where the local may
    /// be unbound at the loop entry) the flag of every local it assigns.
    /// The list is from the pool; give it back to `spare_slot_lists`.
    fn loop_params(&mut self, body: &[Stmt], extra: Option<usize>) -> Vec<usize> {
        let mut params = self.buf.spare_slot_lists.pop().unwrap_or_default();
        params.clear();
        params.extend(extra);
        // A mark per local rather than a search of `params`, which made a
        // body assigning k locals cost k² steps.
        let mut listed = core::mem::take(&mut self.buf.listed);
        if listed.len() < self.info.locals.len() {
            listed.resize(self.info.locals.len(), false);
        }
        let this = &*self;
        check::assigned_names(this.tree, body, &mut |name| {
            let Some(local) = this.local_index(name.name) else {
                return;
            };
            if core::mem::replace(&mut listed[local], true) {
                return;
            }
            let (value, flag) = (2 * local, 2 * local + 1);
            params.push(value);
            if this.buf.slots.get(flag) != ONE {
                params.push(flag);
            }
        });
        for &slot in &params {
            if let Some(mark) = listed.get_mut(slot / 2) {
                *mark = false;
            }
        }
        self.buf.listed = listed;
        params
    }

    // ---- statements ----

    fn lower_block(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            if self.cur.is_none() {
                return;
            }
            self.lower_stmt(stmt);
        }
    }

    fn lower_stmt(&mut self, stmt: &Stmt) {
        self.set_line_at(stmt.span.start);
        let tree = self.tree;
        match &stmt.kind {
            StmtKind::Assign { targets, values } => {
                let first = self.buf.assigned.len();
                for &value in &tree[*values] {
                    let v = self.lower_expr(value);
                    self.buf.assigned.push(v);
                }
                // Left to right, each item's index evaluated as its turn
                // comes (it may read what the targets before it assigned).
                for (i, &target) in tree[*targets].iter().enumerate() {
                    let value = self.buf.assigned[first + i];
                    match tree[target].kind {
                        ExprKind::Name(name) => self.assign(name, value),
                        ExprKind::Item(buffer, index) => self.store_item(buffer.name, index, value),
                        // The parser accepts no other target.
                        _ => {}
                    }
                }
                self.buf.assigned.truncate(first);
            }
            StmtKind::AugAssign { target, op, value } => match tree[*target].kind {
                ExprKind::Item(buffer, index) => {
                    self.update_item(buffer.name, index, check::binary_op(*op), *value)
                }
                ExprKind::Name(name) => {
                    let old = self.read_local(name);
                    let rhs = self.lower_expr(*value);
                    let new = self.emit_binary(check::binary_op(*op), old, rhs);
                    self.assign(name, new);
                }
                // The parser accepts no other target.
                _ => {}
            },
            StmtKind::If {
                cond,
                then_body,
                else_body,
            } => self.lower_if(*cond, *then_body, *else_body),
            StmtKind::While { cond, body } => self.lower_while(*cond, &tree[*body]),
            StmtKind::For {
                var,
                start,
                stop,
                step,
                body,
            } => self.lower_for(var, *start, *stop, *step, &tree[*body]),
            StmtKind::ForEach {
                index,
                var,
                buffer,
                body,
            } => self.lower_for_each(index.map(|i| i.name), var.name, buffer.name, &tree[*body]),
            StmtKind::Break | StmtKind::Continue => {
                let edge = self.jump_pending();
                if let Some(exits) = self.loop_exits(&stmt.kind) {
                    exits.push(edge);
                }
            }
            StmtKind::Pass => {}
            StmtKind::Return(Some(e)) => {
                let v = self.lower_expr(*e);
                self.emit(InstKind::Return(v));
                self.cur = None;
            }
            StmtKind::Return(None) => self.return_none(),
            StmtKind::Assert { cond, message } => {
                let message = message.clone();
                match self.scope.const_truth(*cond) {
                    Some(true) => {}
                    Some(false) => self.emit_trap(Trap::AssertionError, message),
                    None => {
                        let (ok, fail) = self.lower_cond(*cond);
                        self.merge_list(fail);
                        self.emit_trap(Trap::AssertionError, message);
                        self.merge_list(ok);
                    }
                }
            }
            StmtKind::Expr(e) => {
                self.lower_expr(*e);
            }
        }
    }

    /// An `if` and its `elif` arms, walked as a loop ([`ast::Tree::elif`]):
    /// every arm's way out, and the way past the last test, meet in one
    /// block where the statement ends (a chain of `elif`s nested as `if`s
    /// in `else`s would make one join per arm, which the optimizer would
    /// then have to thread).
    fn lower_if(&mut self, cond: ExprId, then_body: List<Stmt>, else_body: List<Stmt>) {
        let tree = self.tree;
        let (mut cond, mut then_body, mut else_body) = (cond, then_body, else_body);
        let mut ends = self.edge_list();
        loop {
            let rest = match self.scope.const_truth(cond) {
                Some(true) => {
                    self.lower_block(&tree[then_body]);
                    break;
                }
                Some(false) => else_body,
                None => {
                    let (to_then, mut to_else) = self.lower_cond(cond);
                    if let Some(to_then) = self.leave_loop(&tree[then_body], to_then) {
                        self.merge_list(to_then);
                        self.lower_block(&tree[then_body]);
                        if self.cur.is_some() {
                            ends.push(self.jump_pending());
                        }
                    }
                    if tree[else_body].is_empty() {
                        // No `else`: the false edges go straight to the
                        // join, with no block between to forward them.
                        ends.append(&mut to_else);
                        self.buf.spare_edges.push(to_else);
                        self.cur = None;
                        break;
                    }
                    self.merge_list(to_else);
                    else_body
                }
            };
            match tree.elif(rest) {
                // The `elif`, as the statement the `else` holds.
                Some((span, c, t, e)) if self.cur.is_some() => {
                    self.set_line_at(span.start);
                    (cond, then_body, else_body) = (c, t, e);
                }
                Some(_) => break,
                None => {
                    self.lower_block(&tree[rest]);
                    break;
                }
            }
        }
        if self.cur.is_some() {
            ends.push(self.jump_pending());
        }
        self.merge_list(ends);
    }

    /// For a `then` body that is only `break` or `continue`, sends the
    /// edges taken into it (`to_then`) straight to where it goes, with no
    /// block between; otherwise gives them back.
    fn leave_loop(&mut self, then_body: &[Stmt], mut to_then: Vec<Edge>) -> Option<Vec<Edge>> {
        let [only] = then_body else {
            return Some(to_then);
        };
        let Some(exits) = self.loop_exits(&only.kind) else {
            return Some(to_then);
        };
        exits.append(&mut to_then);
        self.buf.spare_edges.push(to_then);
        None
    }

    /// The edges of the innermost loop that a `break` or a `continue`
    /// (`leave`) joins; `None` for another statement.
    fn loop_exits(&mut self, leave: &StmtKind) -> Option<&mut Vec<Edge>> {
        let l = self.buf.loops.last_mut()?;
        match leave {
            StmtKind::Break => Some(&mut l.breaks),
            StmtKind::Continue => Some(&mut l.continues),
            _ => None,
        }
    }

    fn lower_while(&mut self, cond: ExprId, body: &[Stmt]) {
        let forever = self.scope.const_truth(cond) == Some(true);
        // The latch tests the condition again at the bottom: on the
        // `while` line, not the body's last.
        let at = self.tree[cond].span.start;
        let test = |l: &mut Self| {
            l.set_line_at(at);
            (!forever).then(|| l.lower_cond(cond))
        };
        let first = test(self);
        self.lower_loop(first, None, body, |_| {}, test);
    }

    /// Lowers `cond` for its truth alone (the condition of `if`, `while`,
    /// `assert` or `x if cond else y`), as control flow: `and`, `or`,
    /// `not` and comparison chains branch as they go instead of making a
    /// value that is then tested (the same operands evaluated in the same
    /// order, stopping at the same one). Returns the edges taken when it is
    /// true, and when it is false.
    fn lower_cond(&mut self, cond: ExprId) -> Outcomes {
        let tree = self.tree;
        match &tree[cond].kind {
            ExprKind::BoolOp(op, operands) => {
                let (mut when_true, mut when_false) = (self.edge_list(), self.edge_list());
                let (last, init) = tree[*operands]
                    .split_last()
                    .expect("a bool op has operands");
                for &operand in init {
                    let (t, f) = self.lower_cond(operand);
                    // `and` stops at the first false operand, `or` at the
                    // first true one; the others go on to the next.
                    let (go_on, mut stop) = match op {
                        BoolOp::And => (t, f),
                        BoolOp::Or => (f, t),
                    };
                    let stopped = match op {
                        BoolOp::And => &mut when_false,
                        BoolOp::Or => &mut when_true,
                    };
                    stopped.append(&mut stop);
                    self.buf.spare_edges.push(stop);
                    self.merge_list(go_on);
                }
                let (mut t, mut f) = self.lower_cond(*last);
                when_true.append(&mut t);
                when_false.append(&mut f);
                self.buf.spare_edges.extend([t, f]);
                (when_true, when_false)
            }
            ExprKind::Unary(ast::UnOp::Not, a) => {
                let (t, f) = self.lower_cond(*a);
                (f, t)
            }
            ExprKind::Compare(first, rest) if rest.len() > 1 => {
                let mut when_false = self.edge_list();
                let mut left = self.lower_expr(*first);
                let (last, init) = tree[*rest].split_last().expect("a comparison");
                for &(op, right) in init {
                    let right = self.lower_expr(right);
                    let t = self.emit_binary(check::compare_op(op), left, right);
                    let (go_on, stop) = self.branch_pending(t);
                    when_false.push(stop);
                    self.merge([go_on]);
                    left = right;
                }
                let right = self.lower_expr(last.1);
                let t = self.emit_binary(check::compare_op(last.0), left, right);
                let (t, mut f) = self.branch_outcomes(t);
                when_false.append(&mut f);
                self.buf.spare_edges.push(f);
                (t, when_false)
            }
            _ => {
                let v = self.lower_expr(cond);
                self.branch_outcomes(v)
            }
        }
    }

    /// Ends the current block with a branch on `v`: the edge taken when it
    /// is true, and when false, each in a list.
    fn branch_outcomes(&mut self, v: Value) -> Outcomes {
        let (t, f) = self.branch_pending(v);
        let (mut when_true, mut when_false) = (self.edge_list(), self.edge_list());
        when_true.push(t);
        when_false.push(f);
        (when_true, when_false)
    }

    /// Patches every edge of `edges` to jump to `block`, passing the slots
    /// `params` as its parameters.
    fn connect(&mut self, mut edges: Vec<Edge>, block: Block, params: &[usize]) {
        for edge in edges.iter() {
            let dest = self.call_at(block, params, edge.mark);
            self.patch(edge, dest);
        }
        edges.clear();
        self.buf.spare_edges.push(edges);
    }

    fn lower_for(
        &mut self,
        var: &ast::Ident,
        start: Option<ExprId>,
        stop: ExprId,
        step: Option<ExprId>,
        body: &[Stmt],
    ) {
        let start = match start {
            Some(e) => self.lower_expr(e),
            None => ZERO,
        };
        let stop = self.lower_expr(stop);
        let step = match step {
            None => Step::Const(1),
            // A constant has no effects to keep: no calls, no traps.
            Some(e) => match self.scope.eval(e) {
                Ok(k) => Step::Const(k),
                Err(_) => Step::Dynamic(self.lower_expr(e)),
            },
        };
        let first = match step {
            Step::Const(0) => {
                return self.emit_trap(Trap::ValueError, Some(msg::RANGE_STEP_ZERO.into()))
            }
            Step::Const(k) => {
                // Constant bounds that give at least one iteration (the
                // common `range(4)`) enter the loop with no test.
                // A single iteration is no loop at all.
                let (from, to) = (self.constant(start), self.constant(stop));
                if let (Some(from), Some(to)) = (from, to) {
                    let span = i128::from(to) - i128::from(from);
                    let trips = match k > 0 {
                        true => (span + i128::from(k) - 1).div_euclid(i128::from(k)),
                        false => (-span - i128::from(k) - 1).div_euclid(-i128::from(k)),
                    };
                    match trips {
                        1 => return self.lower_once(var, start, body),
                        2.. => return self.lower_range_loop(None, var, start, stop, step, body),
                        _ => {}
                    }
                }
                let op = if k > 0 { BinaryOp::Lt } else { BinaryOp::Gt };
                self.emit_binary(op, start, stop)
            }
            Step::Dynamic(step) => {
                let is_zero = self.emit_binary(BinaryOp::Eq, step, ZERO);
                let (fail, ok) = self.branch_pending(is_zero);
                self.merge([fail]);
                self.emit_trap(Trap::ValueError, Some(msg::RANGE_STEP_ZERO.into()));
                self.merge([ok]);
                let negative = self.emit_binary(BinaryOp::Lt, step, ZERO);
                let down = self.emit_binary(BinaryOp::Gt, start, stop);
                let up = self.emit_binary(BinaryOp::Lt, start, stop);
                self.emit_value(InstKind::Select(negative, down, up))
            }
        };
        self.lower_range_loop(Some(first), var, start, stop, step, body);
    }

    /// The loop of `for var in range(start, stop, step)`, entered when
    /// `first` is true (always without it).
    fn lower_range_loop(
        &mut self,
        first: Option<Value>,
        var: &ast::Ident,
        start: Value,
        stop: Value,
        step: Step,
        body: &[Stmt],
    ) {
        let counter = self.buf.slots.push(start);
        let var = var.name;
        let head = |l: &mut Self| {
            let index = l.buf.slots.get(counter);
            l.assign(var, index);
        };
        // (The edges' slots include the counter.)
        let first = first.map(|v| self.branch_outcomes(v));
        self.lower_loop(first, Some(counter), body, head, |l| {
            let i = l.buf.slots.get(counter);
            let (more, next) = l.step_counter(i, stop, step);
            l.buf.slots.set(counter, next);
            Some(l.branch_outcomes(more))
        });
        self.buf.slots.truncate(counter);
    }

    /// The body of a `for` loop that runs once, with `var` set to `value`:
    /// a `break` or `continue` in it goes to the code after it.
    fn lower_once(&mut self, var: &ast::Ident, value: Value, body: &[Stmt]) {
        let value = self.materialize(value);
        self.assign(var.name, value);
        let (continues, breaks) = (self.edge_list(), self.edge_list());
        self.buf.loops.push(Loop { continues, breaks });
        self.lower_block(body);
        let mut l = self.buf.loops.pop().expect("loop pushed above");
        l.continues.append(&mut l.breaks);
        self.buf.spare_edges.push(l.breaks);
        if l.continues.is_empty() {
            // No `break` or `continue`: the code after goes on in place.
            self.buf.spare_edges.push(l.continues);
            return;
        }
        if self.cur.is_some() {
            l.continues.push(self.jump_pending());
        }
        self.merge_list(l.continues);
    }

    /// The constant `v` is, if it is one (a placeholder or a `const`).
    fn constant(&self, v: Value) -> Option<i64> {
        match v {
            ZERO => Some(0),
            ONE => Some(1),
            _ => self.func.const_value(v),
        }
    }

    /// `for var in buffer` / `for index, var in enumerate(buffer)`: a
    /// hidden counter from 0 while below the length (fixed for the call),
    /// each iteration reading the item at that moment. The counter is in
    /// range by construction, so the load needs no check.
    fn lower_for_each(
        &mut self,
        index: Option<Symbol>,
        var: Symbol,
        buffer: Symbol,
        body: &[Stmt],
    ) {
        let (kind, address, len) = self.buffer(buffer);
        let first = self.emit_binary(BinaryOp::Lt, ZERO, len);
        let counter = self.buf.slots.push(ZERO);
        let head = |l: &mut Self| {
            let k = l.buf.slots.get(counter);
            let k = l.materialize(k);
            if let Some(index) = index {
                l.assign(index, k);
            }
            let item = l.emit_value(InstKind::Load(kind, address, k));
            l.assign(var, item);
        };
        let first = self.branch_outcomes(first);
        self.lower_loop(Some(first), Some(counter), body, head, |l| {
            let k = l.buf.slots.get(counter);
            let (more, next) = l.step_counter(k, len, Step::Const(1));
            l.buf.slots.set(counter, next);
            Some(l.branch_outcomes(more))
        });
        self.buf.slots.truncate(counter);
    }

    /// A loop in rotated form: `first` decides whether the body runs at
    /// all (`None`: it does); the latch, where the body's end and every
    /// `continue` meet, runs `latch` to decide whether it runs again. A `for`
    /// loop also names its counter slot, and `head` assigns its variables at
    /// the top of each iteration. The body's block takes parameters for the
    /// slots the loop changes.
    fn lower_loop(
        &mut self,
        first: Option<Outcomes>,
        counter: Option<usize>,
        body: &[Stmt],
        head: impl FnOnce(&mut Self),
        mut latch: impl FnMut(&mut Self) -> Option<Outcomes>,
    ) {
        let mut exits = self.edge_list();
        let mut entries = None;
        if let Some((more, mut done)) = first {
            exits.append(&mut done);
            self.buf.spare_edges.push(done);
            if more.len() > 1 {
                // The ways in may disagree on a slot the body does not
                // assign: `while c and (1 or x)` reads `x`, and so knows it
                // bound, on one way only. A pre-header merges them first,
                // so the body starts from slots true on every way in.
                self.merge_list(more);
            } else {
                entries = Some(more);
            }
        }
        let params = self.loop_params(body, counter);
        let body_block = self.block_with_params(&params);
        match entries {
            Some(more) => self.connect(more, body_block, &params),
            None => self.jump(body_block, &params),
        }
        self.enter_block_with_params(body_block, &params);
        self.emit_fuel();
        head(self);
        let (continues, breaks) = (self.edge_list(), self.edge_list());
        self.buf.loops.push(Loop { continues, breaks });
        self.lower_block(body);
        if self.cur.is_some() {
            let edge = self.jump_pending();
            if let Some(l) = self.buf.loops.last_mut() {
                l.continues.push(edge);
            }
        }
        let mut l = self.buf.loops.pop().expect("loop pushed above");
        exits.append(&mut l.breaks);
        self.buf.spare_edges.push(l.breaks);
        self.merge_list(l.continues);
        if self.cur.is_some() {
            match latch(self) {
                Some((more, mut done)) => {
                    self.connect(more, body_block, &params);
                    exits.append(&mut done);
                    self.buf.spare_edges.push(done);
                }
                None => self.jump(body_block, &params),
            }
        }
        self.buf.spare_slot_lists.push(params);
        if let Some(counter) = counter {
            // The counter is dead once the loop is done: no parameter.
            for exit in &mut exits {
                exit.mark.width = exit.mark.width.min(counter as u32);
            }
        }
        self.merge_list(exits);
    }

    /// In a `for` latch: whether another iteration follows counter `i`, and
    /// the next counter. Never overflows: the distance left to `stop` is
    /// compared (unsigned) with the step before stepping.
    fn step_counter(&mut self, i: Value, stop: Value, step: Step) -> (Value, Value) {
        match step {
            Step::Const(1) => {
                // i < stop <= MAX, so i + 1 cannot wrap.
                let one = self.emit_const(1);
                let next = self.emit_binary(BinaryOp::AddWrap, i, one);
                (self.emit_binary(BinaryOp::Lt, next, stop), next)
            }
            Step::Const(-1) => {
                let one = self.emit_const(1);
                let next = self.emit_binary(BinaryOp::SubWrap, i, one);
                (self.emit_binary(BinaryOp::Gt, next, stop), next)
            }
            Step::Const(k) => {
                let left = if k > 0 {
                    self.emit_binary(BinaryOp::SubWrap, stop, i)
                } else {
                    self.emit_binary(BinaryOp::SubWrap, i, stop)
                };
                let magnitude = self.emit_const(k.wrapping_abs());
                let step = self.emit_const(k);
                // The next counter first: the comparison then sits right
                // before the branch that reads it (and fuses with it).
                let next = self.emit_binary(BinaryOp::AddWrap, i, step);
                (self.emit_binary(BinaryOp::Ugt, left, magnitude), next)
            }
            Step::Dynamic(step) => {
                let negative = self.emit_binary(BinaryOp::Lt, step, ZERO);
                let up_left = self.emit_binary(BinaryOp::SubWrap, stop, i);
                let down_left = self.emit_binary(BinaryOp::SubWrap, i, stop);
                let left = self.emit_value(InstKind::Select(negative, down_left, up_left));
                let minus_step = self.emit_binary(BinaryOp::SubWrap, ZERO, step);
                let magnitude = self.emit_value(InstKind::Select(negative, minus_step, step));
                let next = self.emit_binary(BinaryOp::AddWrap, i, step);
                (self.emit_binary(BinaryOp::Ugt, left, magnitude), next)
            }
        }
    }

    // ---- locals ----

    /// The index of `name` among the locals, if it is one.
    fn local_index(&self, name: Symbol) -> Option<usize> {
        self.scope.locals.get(name)
    }

    fn local(&self, name: Symbol) -> usize {
        self.local_index(name)
            .expect("the checker resolved every local")
    }

    fn assign(&mut self, name: Symbol, value: Value) {
        let local = self.local(name);
        self.buf.slots.set(2 * local, value);
        self.buf.slots.set(2 * local + 1, ONE);
    }

    /// Reads a local, raising UnboundLocalError on paths where it may not
    /// have been assigned.
    fn read_local(&mut self, name: Symbol) -> Value {
        let local = self.local(name);
        let flag = self.buf.slots.get(2 * local + 1);
        if flag != ONE {
            let flag = self.materialize(flag);
            let (ok, fail) = self.branch_pending(flag);
            self.merge([fail]);
            self.emit_trap(
                Trap::UnboundLocalError,
                Some(format!(
                    "cannot access local variable '{}' where it is not associated with a value",
                    self.scope.names.text(name)
                )),
            );
            self.merge([ok]);
            self.buf.slots.set(2 * local + 1, ONE);
        }
        let value = self.buf.slots.get(2 * local);
        self.materialize(value)
    }

    // ---- buffers ----

    /// A buffer parameter's kind, address and length. A buffer's two slots
    /// hold its address and length: buffers are never assigned, so those
    /// never change (and never become block parameters).
    fn buffer(&self, name: Symbol) -> (BufKind, Value, Value) {
        let local = self.local(name);
        let kind = match self.info.signature.params.get(local) {
            Some(ParamKind::Buffer(kind)) => *kind,
            // The checker accepts only buffers here.
            _ => BufKind::List,
        };
        (
            kind,
            self.buf.slots.get(2 * local),
            self.buf.slots.get(2 * local + 1),
        )
    }

    /// The address and length of `arg` if it names a buffer parameter.
    fn buffer_argument(&self, arg: ExprId) -> Option<(Value, Value)> {
        let ExprKind::Name(name) = self.tree[arg].kind else {
            return None;
        };
        let local = self.local_index(name)?;
        match self.info.signature.params.get(local) {
            Some(ParamKind::Buffer(_)) => Some((
                self.buf.slots.get(2 * local),
                self.buf.slots.get(2 * local + 1),
            )),
            _ => None,
        }
    }

    /// Index `i` (the value of `expr`) into a buffer of `len` items,
    /// counted from the end when negative, checked to lie inside it.
    fn checked_index(
        &mut self,
        kind: BufKind,
        access: Access,
        expr: ExprId,
        i: Value,
        len: Value,
    ) -> Value {
        let from_end = match self.tree[expr].kind {
            ExprKind::Int(_) => Some(false),
            ExprKind::Unary(UnOp::Neg, operand) => match self.tree[operand].kind {
                ExprKind::Int(k) => Some(k != 0),
                _ => None,
            },
            _ => None,
        };
        let (index, from_end) = match from_end {
            Some(false) => (i, false),
            Some(true) => (self.emit_binary(BinaryOp::AddWrap, i, len), false),
            None => (i, true),
        };
        let check = IndexCheck {
            buf: kind,
            access,
            from_end,
        };
        self.emit_value(InstKind::CheckIndex(check, index, len))
    }

    /// `buffer[index]`.
    fn load_item(&mut self, buffer: Symbol, index: ExprId) -> Value {
        let (kind, address, len) = self.buffer(buffer);
        let i = self.lower_expr(index);
        let i = self.checked_index(kind, Access::Load, index, i, len);
        self.emit_value(InstKind::Load(kind, address, i))
    }

    /// `buffer[index] = value`, the value already evaluated: then the
    /// index, then (as CPython's store does) the byte range before the
    /// index range.
    fn store_item(&mut self, buffer: Symbol, index: ExprId, value: Value) {
        let (kind, address, len) = self.buffer(buffer);
        let i = self.lower_expr(index);
        let value = self.stored_value(kind, value);
        let i = self.checked_index(kind, Access::Store, index, i, len);
        self.emit(InstKind::Store(kind, address, i, value));
    }

    /// `buffer[index] op= value`: the item is read (its index checked as a
    /// read, as CPython does) before `value` is evaluated, and written back
    /// at the same index.
    fn update_item(&mut self, buffer: Symbol, index: ExprId, op: BinaryOp, value: ExprId) {
        let (kind, address, len) = self.buffer(buffer);
        let i = self.lower_expr(index);
        let i = self.checked_index(kind, Access::Load, index, i, len);
        let old = self.emit_value(InstKind::Load(kind, address, i));
        let rhs = self.lower_expr(value);
        let new = self.emit_binary(op, old, rhs);
        let new = self.stored_value(kind, new);
        self.emit(InstKind::Store(kind, address, i, new));
    }

    /// A value about to be stored into a buffer of `kind`: a byte is
    /// checked to lie in 0..=255.
    fn stored_value(&mut self, kind: BufKind, value: Value) -> Value {
        let value = self.materialize(value);
        match kind {
            BufKind::ByteArray => self.emit_value(InstKind::CheckByte(value)),
            BufKind::Bytes | BufKind::List => value,
        }
    }

    // ---- expressions ----

    fn lower_expr(&mut self, expr: ExprId) -> Value {
        let tree = self.tree;
        match &tree[expr].kind {
            ExprKind::Int(v) => self.emit_const(*v),
            ExprKind::Name(name) => {
                if self.local_index(*name).is_some() {
                    self.read_local(*name)
                } else {
                    let value = match self.scope.global(*name) {
                        Global::Constant(v) => v,
                        _ => 0,
                    };
                    self.emit_const(value)
                }
            }
            ExprKind::Unary(op, operand) => {
                if let (UnOp::Neg, ExprKind::Int(v)) = (op, &tree[*operand].kind) {
                    // A negative literal: fold it, as it is what was written
                    // (literals are at most MAX, so this cannot overflow).
                    return self.emit_const(-v);
                }
                let v = self.lower_expr(*operand);
                match op {
                    UnOp::Pos => v,
                    UnOp::Neg => self.emit_value(InstKind::Unary(UnaryOp::Neg, v)),
                    UnOp::Invert => self.emit_value(InstKind::Unary(UnaryOp::BitNot, v)),
                    UnOp::Not => self.emit_binary(BinaryOp::Eq, v, ZERO),
                }
            }
            ExprKind::Binary(first, rest) => {
                let mut left = self.lower_expr(*first);
                for &(op, right) in &tree[*rest] {
                    let right = self.lower_expr(right);
                    left = self.emit_binary(check::binary_op(op), left, right);
                }
                left
            }
            ExprKind::BoolOp(op, operands) => self.lower_bool_op(*op, &tree[*operands]),
            ExprKind::Compare(first, rest) => self.lower_compare(*first, &tree[*rest]),
            ExprKind::Call(name, args) => self.lower_call(name, &tree[*args]),
            ExprKind::Item(buffer, index) => self.load_item(buffer.name, *index),
            ExprKind::IfExp {
                cond,
                then,
                otherwise,
            } => {
                let result = self.push_result_slot();
                let (to_then, to_else) = self.lower_cond(*cond);
                let mut ends = self.edge_list();
                for (edges, e) in [(to_then, then), (to_else, otherwise)] {
                    self.merge_list(edges);
                    let v = self.lower_expr(*e);
                    self.buf.slots.set(result, v);
                    ends.push(self.jump_pending());
                }
                self.merge_list(ends);
                self.pop_result_slot(result)
            }
        }
    }

    /// A hidden slot that carries an expression's value into a merge.
    fn push_result_slot(&mut self) -> usize {
        self.buf.slots.push(ZERO)
    }

    fn pop_result_slot(&mut self, slot: usize) -> Value {
        let v = self.buf.slots.get(slot);
        self.buf.slots.truncate(slot);
        self.materialize(v)
    }

    /// `a and b and c`: the first false operand, else the last; `or` the
    /// first true one. Later operands are evaluated only when needed, but
    /// for truth values (comparisons) of operands that are there to read
    /// (see [`Lowerer::speculation_cost`]): `a < b and c < d` is an `and`
    /// of two comparisons, no branch. At most [`SPECULATED`] operations run
    /// between branches that Python would have skipped.
    fn lower_bool_op(&mut self, op: BoolOp, operands: &[ExprId]) -> Value {
        let result = self.push_result_slot();
        let mut done = self.edge_list();
        let (first, rest) = operands.split_first().expect("a bool op has operands");
        let mut v = self.lower_expr(*first);
        let mut truth = self.is_truth(*first);
        let mut speculated = 0;
        for &operand in rest {
            let cost = self.speculation_cost(operand);
            if let Some(cost) = cost.filter(|&c| truth && speculated + c <= SPECULATED) {
                let w = self.lower_expr(operand);
                let op = match op {
                    BoolOp::And => BinaryOp::And,
                    BoolOp::Or => BinaryOp::Or,
                };
                v = self.emit_binary(op, v, w);
                speculated += cost;
                continue;
            }
            self.buf.slots.set(result, v);
            let (if_true, if_false) = self.branch_pending(v);
            let (go_on, stop) = match op {
                BoolOp::And => (if_true, if_false),
                BoolOp::Or => (if_false, if_true),
            };
            done.push(stop);
            self.merge([go_on]);
            v = self.lower_expr(operand);
            (truth, speculated) = (self.is_truth(operand), 0);
        }
        self.buf.slots.set(result, v);
        done.push(self.jump_pending());
        self.merge_list(done);
        self.pop_result_slot(result)
    }

    /// What evaluating `expr` where Python might not costs, in operations,
    /// if it is a truth value (0 or 1) that can be computed anywhere
    /// without a trace: a comparison chain, `not` or `and`/`or` of such,
    /// over integer literals, constants and locals known to be bound
    /// here. `None` for anything else.
    fn speculation_cost(&self, expr: ExprId) -> Option<u32> {
        let tree = self.tree;
        match &tree[expr].kind {
            ExprKind::Compare(first, rest) => {
                let rest = &tree[*rest];
                let plain = self.plain_operand(*first)
                    && rest.len() <= CHAIN_COMPARISONS
                    && rest.iter().all(|&(_, e)| self.plain_operand(e));
                plain.then(|| 2 * rest.len() as u32 - 1)
            }
            ExprKind::Unary(UnOp::Not, a) if self.plain_operand(*a) => Some(1),
            ExprKind::Unary(UnOp::Not, a) => self.speculation_cost(*a).map(|c| c + 1),
            ExprKind::BoolOp(_, operands) => tree[*operands]
                .iter()
                .try_fold(0, |sum, &e| Some(sum + self.speculation_cost(e)? + 1))
                .map(|c| c - 1),
            _ => None,
        }
    }

    /// Whether `expr` is 0 or 1: a comparison, `not`, or `and`/`or` of
    /// such.
    fn is_truth(&self, expr: ExprId) -> bool {
        match &self.tree[expr].kind {
            ExprKind::Compare(..) | ExprKind::Unary(UnOp::Not, _) => true,
            ExprKind::BoolOp(_, operands) => self.tree[*operands].iter().all(|&e| self.is_truth(e)),
            _ => false,
        }
    }

    /// Whether `expr` is read without a trace: an integer literal, a
    /// constant, or a local bound on every way here.
    fn plain_operand(&self, expr: ExprId) -> bool {
        match &self.tree[expr].kind {
            ExprKind::Int(_) => true,
            ExprKind::Unary(UnOp::Neg, e) => matches!(self.tree[*e].kind, ExprKind::Int(_)),
            ExprKind::Name(name) => match self.local_index(*name) {
                Some(local) => self.buf.slots.get(2 * local + 1) == ONE,
                None => matches!(self.scope.global(*name), Global::Constant(_)),
            },
            _ => false,
        }
    }

    /// `a < b < c`: each operand evaluated once, stopping at the first false
    /// comparison; or, when the operands after the second are there to
    /// read, every comparison and an `and` of them.
    fn lower_compare(&mut self, first: ExprId, rest: &[(ast::CmpOp, ExprId)]) -> Value {
        let mut left = self.lower_expr(first);
        if let [(op, right)] = rest {
            let right = self.lower_expr(*right);
            return self.emit_binary(check::compare_op(*op), left, right);
        }
        if rest.len() <= CHAIN_COMPARISONS && rest[1..].iter().all(|&(_, e)| self.plain_operand(e))
        {
            let mut all = None;
            for &(op, right) in rest {
                let right = self.lower_expr(right);
                let t = self.emit_binary(check::compare_op(op), left, right);
                all = Some(all.map_or(t, |a| self.emit_binary(BinaryOp::And, a, t)));
                left = right;
            }
            return all.expect("a chain of comparisons");
        }
        let result = self.push_result_slot();
        let mut done = self.edge_list();
        for (i, &(op, right)) in rest.iter().enumerate() {
            let right = self.lower_expr(right);
            let t = self.emit_binary(check::compare_op(op), left, right);
            self.buf.slots.set(result, t);
            if i + 1 == rest.len() {
                done.push(self.jump_pending());
            } else {
                let (go_on, stop) = self.branch_pending(t);
                done.push(stop);
                self.merge([go_on]);
                left = right;
            }
        }
        self.merge_list(done);
        self.pop_result_slot(result)
    }

    fn lower_call(&mut self, name: &ast::Ident, args: &[ExprId]) -> Value {
        let global = self.scope.global(name.name);
        if let (Global::Builtin(Builtin::Len), [arg]) = (global, args) {
            return match self.buffer_argument(*arg) {
                Some((_, len)) => len,
                // The checker accepts only a buffer.
                None => self.emit_const(0),
            };
        }
        // A buffer is two values, its address and its length.
        let base = self.buf.call_args.len();
        for &arg in args {
            match self.buffer_argument(arg) {
                Some((address, len)) => self.buf.call_args.extend([address, len]),
                None => {
                    let v = self.lower_expr(arg);
                    self.buf.call_args.push(v);
                }
            }
        }
        let result = self.finish_call(global, base);
        self.buf.call_args.truncate(base);
        result
    }

    /// The call of `global` with the arguments `call_args[base..]`.
    fn finish_call(&mut self, global: Global, base: usize) -> Value {
        let args = &self.buf.call_args[base..];
        let builtin = match global {
            Global::Function { index, .. } => {
                let args = self.func.make_list(args);
                return self.emit_value(InstKind::Call(FuncId::new(index), args));
            }
            Global::Host(i) => {
                let args = self.func.make_list(args);
                return self.emit_value(InstKind::CallHost(HostId::new(i), args));
            }
            Global::Builtin(builtin) => builtin,
            // The checker accepts only functions and builtins.
            _ => return self.emit_const(0),
        };
        match (builtin, args) {
            (Builtin::Abs, &[a]) => self.emit_value(InstKind::Unary(UnaryOp::Abs, a)),
            (Builtin::Int, &[a]) => a,
            (Builtin::Bool, &[a]) => self.emit_binary(BinaryOp::Ne, a, ZERO),
            (Builtin::Int | Builtin::Bool, []) => self.emit_const(0),
            (Builtin::Min | Builtin::Max, &[first, ..]) => {
                // Python keeps the first of equal candidates; for integers
                // any equal one is the same value.
                let better = if builtin == Builtin::Min {
                    BinaryOp::Lt
                } else {
                    BinaryOp::Gt
                };
                let mut best = first;
                for k in base + 1..self.buf.call_args.len() {
                    let x = self.buf.call_args[k];
                    let c = self.emit_binary(better, x, best);
                    best = self.emit_value(InstKind::Select(c, x, best));
                }
                best
            }
            // The checker accepts only the builtins above.
            _ => self.emit_const(0),
        }
    }
}

/// The constants of the function being lowered, by value: a hash table
/// (open addressing, a power of two in size and at most half full).
#[derive(Default)]
struct Constants {
    /// Each slot's value and its `const`'s result; [`Constants::FREE`]
    /// marks a free slot.
    slots: Vec<(i64, Value)>,
    len: usize,
}

impl Constants {
    const FREE: Value = Value(u32::MAX);

    /// Consecutive values whose slots are neighbours (see
    /// [`Constants::hash`]); a table has at least this many slots.
    const RUN: u64 = 16;

    /// Forgets every constant, for the next function (a large table is
    /// let go rather than cleared, so that the small functions after a
    /// large one do not each clear it).
    fn clear(&mut self) {
        if self.len == 0 {
            return;
        }
        if self.slots.len() <= 256 {
            self.slots.fill((0, Self::FREE));
        } else {
            self.slots = Vec::new();
        }
        self.len = 0;
    }

    /// The slot holding `value`, or the free slot where it would go.
    fn find(&mut self, value: i64) -> usize {
        if self.slots.is_empty() {
            self.slots = alloc::vec![(0, Self::FREE); 32];
        }
        let mask = self.slots.len() - 1;
        let mut slot = Self::hash(value, mask);
        loop {
            match self.slots[slot] {
                (_, Self::FREE) => return slot,
                (k, _) if k == value => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The slot where the search for `value` starts. A run of
    /// [`Constants::RUN`] consecutive values starts in as many neighbouring
    /// slots: a program's many constants mostly come in runs (`& 1000`,
    /// `& 1001`, ...), and their lookups then share a few cache lines,
    /// where scattered slots missed the caches each time in a long
    /// function. The runs themselves are scattered by Fibonacci hashing
    /// (the high bits of the product mix every bit of the rest).
    fn hash(value: i64, mask: usize) -> usize {
        let v = value as u64;
        let run = ((v / Self::RUN).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize;
        (run * Self::RUN as usize + (v % Self::RUN) as usize) & mask
    }

    /// The `const` result in `slot`, if it holds one.
    fn get(&self, slot: usize) -> Option<Value> {
        match self.slots[slot].1 {
            Self::FREE => None,
            v => Some(v),
        }
    }

    /// Fills free slot `slot` (from [`Constants::find`]) with `value`.
    fn insert(&mut self, slot: usize, value: i64, result: Value) {
        self.slots[slot] = (value, result);
        self.len += 1;
        if 2 * self.len > self.slots.len() {
            let size = 2 * self.slots.len();
            let old = core::mem::replace(&mut self.slots, alloc::vec![(0, Self::FREE); size]);
            let mask = self.slots.len() - 1;
            for (k, v) in old.into_iter().filter(|&(_, v)| v != Self::FREE) {
                let mut slot = Self::hash(k, mask);
                while self.slots[slot].1 != Self::FREE {
                    slot = (slot + 1) & mask;
                }
                self.slots[slot] = (k, v);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Step {
    Const(i64),
    Dynamic(Value),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table gives back the result of every value put in it, and no
    /// other value finds one: runs of neighbours, values far apart, both
    /// ends of the range, and enough of them for the table to grow.
    #[test]
    fn constants_are_found_again_and_only_themselves() {
        let mut values: Vec<i64> = (-40..3000).collect();
        values.extend((1..500).map(|k| k * 4096));
        values.extend((1..500).map(|k: i64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64)));
        values.extend([i64::MIN, i64::MIN + 1, i64::MAX - 1, i64::MAX]);
        let mut table = Constants::default();
        for (k, &v) in values.iter().enumerate() {
            let slot = table.find(v);
            assert_eq!(table.get(slot), None, "{v} is new");
            table.insert(slot, v, Value(k as u32));
        }
        for (k, &v) in values.iter().enumerate() {
            let slot = table.find(v);
            assert_eq!(table.get(slot), Some(Value(k as u32)), "{v}");
        }
        for v in [3000, 3001, -41, 4095, 4097, i64::MIN + 2] {
            let slot = table.find(v);
            assert_eq!(table.get(slot), None, "{v} was never put");
        }
        assert!(2 * table.len <= table.slots.len());
    }
}
