//! Inlining: replaces calls to small functions that cannot recurse with a
//! copy of their bodies.
//!
//! Needs: a verified module. Keeps: every result and exception, and the
//! exact point where RecursionError is raised: an inlined call still takes
//! a frame (`frame_enter` where the call was) and gives it back
//! (`frame_exit` where the callee returned), as the interpreter counts.
//!
//! Callees are inlined into their callers bottom-up (a callee's own small
//! callees first), so one pass reaches through chains of small functions.
//! A function that can reach itself through calls is never inlined into
//! another, a caller stops growing at [`MAX_FUNCTION_INSTS`], and the
//! module at half as large again (or [`MIN_GROWTH_BUDGET`] more).
//!
//! A small function that calls itself (and no other function that calls
//! it back) is unrolled once instead: each of its calls to itself becomes
//! a copy of its body, whose own calls stay calls. Fibonacci's calls that
//! only return their argument, half of them, take no call then.
//!
//! Where one copy's frame ends and the next one's begins with no call
//! between (`f(x) + g(y)`, both inlined), the two frames are one: the
//! second `frame_enter` could not fail where the first did not.

use crate::ir::dom::Cfg;
use crate::ir::{Block, BlockCall, FuncId, Function, InstKind, Module, ParamKind, Value, ValueDef};
use crate::reuse::{empty_with_room, refill};
use alloc::vec::Vec;
use smallvec::SmallVec;

/// Callees with at most this many instructions are inlined.
pub const MAX_CALLEE_INSTS: usize = 60;

/// A function calling itself is unrolled once if it has at most this many
/// instructions and [`MAX_UNROLLED_SITES`] calls to itself (each call
/// copies the body: three times the code for two sites).
pub const MAX_UNROLLED_INSTS: usize = 40;

/// See [`MAX_UNROLLED_INSTS`].
pub const MAX_UNROLLED_SITES: usize = 2;

/// Inlining stops when a caller reaches this many instructions.
pub const MAX_FUNCTION_INSTS: usize = 2000;

/// Inlining adds at most this many instructions to a module, or half as
/// many as the module has if that is more (GCC's unit growth is 40%).
/// Without a bound on the whole, a long chain of small functions, each
/// inlined into the one before it, grows by the callee limit for every
/// function: 3,333 functions of seven instructions became 200,000
/// instructions, and compiling them took five times as long.
pub const MIN_GROWTH_BUDGET: usize = 2000;

/// Inlines small non-recursive callees everywhere; whether anything changed.
pub fn run(module: &mut Module) -> bool {
    run_with(module, &mut Tables::default())
}

/// The inliner's tables, kept from one module to the next so that after
/// the first it rarely allocates for them (their contents mean nothing
/// between runs).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// The functions each function calls.
    callees: Vec<Vec<FuncId>>,
    inlinable: Vec<bool>,
    called: Vec<bool>,
    grown: Vec<bool>,
    graph: CallGraph,
    search: GraphSearch,
    map: CopyMap,
    /// The predecessors of the blocks of a function whose frames are
    /// joined, and the `frame_exit` of each.
    cfg: Cfg,
    exits: Vec<usize>,
}

/// [`run`] with the tables of `tables`.
pub fn run_with(module: &mut Module, tables: &mut Tables) -> bool {
    let n = module.functions.len();
    let Tables {
        callees,
        inlinable,
        called,
        grown,
        graph,
        search,
        map,
        cfg,
        exits,
    } = tables;
    callees.truncate(n);
    callees.resize_with(n, Vec::new);
    for (calls, f) in callees.iter_mut().zip(&module.functions) {
        calls_in(f, calls);
    }
    graph.compute(callees, search);
    let CallGraph {
        bottom_up,
        recursive,
        in_cycle,
    } = graph;
    // Whether each function may be inlined, decided once it is final
    // (bottom-up, after its own callees went into it). Until then it is
    // false, which is right: a callee not final yet is in its caller's
    // own cycle of calls, so recursive.
    refill(inlinable, n, false);
    // Whether some function calls each (the others need no decision).
    refill(called, n, false);
    for c in callees.iter().flatten() {
        if let Some(called) = called.get_mut(c.index()) {
            *called = true;
        }
    }
    refill(grown, n, false);
    let mut budget = module
        .functions
        .iter()
        .map(size)
        .sum::<usize>()
        .div_ceil(2)
        .max(MIN_GROWTH_BUDGET);
    for &caller in bottom_up.iter() {
        let wanted = |callee: FuncId| {
            callee.index() != caller && inlinable.get(callee.index()).copied().unwrap_or(false)
        };
        // Most functions call nothing that can be inlined: the call
        // graph tells without a look at their code.
        if callees[caller].iter().any(|&c| wanted(c)) {
            reserve_for_sites(&mut module.functions, caller, wanted);
        }
        while let Some((block, pos, callee)) = find_site(&module.functions[caller], wanted) {
            let before = size(&module.functions[caller]);
            let body = &module.functions[callee.index()];
            let grows = growth(body);
            if before + size(body) > MAX_FUNCTION_INSTS || grows > budget {
                break;
            }
            let (into, body) = caller_and_callee(&mut module.functions, caller, callee.index());
            inline_call(into, block, pos, body, map);
            debug_assert_eq!(size(into), before + grows);
            budget -= grows;
            grown[caller] = true;
        }
        if recursive[caller] && !in_cycle[caller] {
            let added = unroll(
                &mut module.functions[caller],
                FuncId::new(caller),
                budget,
                map,
            );
            budget -= added;
            grown[caller] |= added > 0;
        }
        let f = &module.functions[caller];
        inlinable[caller] = called[caller]
            && !recursive[caller]
            && size(f) <= MAX_CALLEE_INSTS
            && (!entry_is_target(f) || f.signature.params.iter().all(|&p| p == ParamKind::Int));
    }
    for (f, _) in module
        .functions
        .iter_mut()
        .zip(grown.iter())
        .filter(|(_, &g)| g)
    {
        join_frames(f, cfg, exits);
    }
    grown.contains(&true)
}

/// Joins the frame a block's every predecessor leaves (`frame_exit`, then
/// a jump to it) with the one the block enters (`frame_enter`) when no
/// call comes between: the depth never drops between them, and the
/// `frame_enter` could not have failed (the one that began the frame just
/// left checked the same depth). A call in between would see the depth.
/// `cfg` and `exits` are tables to fill (what they hold is forgotten).
fn join_frames(f: &mut Function, cfg: &mut Cfg, exits: &mut Vec<usize>) {
    // Only instructions other than jumps go: the control flow stays.
    cfg.forget();
    let preds = cfg.predecessors(f);
    for i in 0..f.layout.len() {
        let b = f.layout[i];
        let Some(enter) = leading_frame_enter(f, b) else {
            continue;
        };
        let from = preds.of(b);
        exits.clear();
        let every = from.iter().all(|&p| {
            let exit = (p != b).then(|| trailing_frame_exit(f, p, b)).flatten();
            exits.extend(exit);
            exit.is_some()
        });
        if !every || exits.is_empty() {
            continue;
        }
        f.blocks[b.index()].insts.remove(enter);
        for (&p, &at) in from.iter().zip(exits.iter()) {
            f.blocks[p.index()].insts.remove(at);
        }
    }
}

/// Whether `kind` may see or change the frame depth.
fn touches_frames(kind: &InstKind) -> bool {
    matches!(
        kind,
        InstKind::Call(..) | InstKind::CallHost(..) | InstKind::FrameEnter | InstKind::FrameExit
    )
}

/// Where in `b` a `frame_enter` comes before anything that touches frames.
fn leading_frame_enter(f: &Function, b: Block) -> Option<usize> {
    let insts = &f.blocks[b.index()].insts;
    let at = insts
        .iter()
        .position(|i| touches_frames(&f.insts[i.index()].kind))?;
    matches!(f.insts[insts[at].index()].kind, InstKind::FrameEnter).then_some(at)
}

/// Where in `p`, which only jumps to `to`, a `frame_exit` comes after
/// everything else that touches frames.
fn trailing_frame_exit(f: &Function, p: Block, to: Block) -> Option<usize> {
    let insts = &f.blocks[p.index()].insts;
    let (&last, body) = insts.split_last()?;
    match &f.insts[last.index()].kind {
        InstKind::Jump(dest) if dest.block(&f.pool) == to => {}
        _ => return None,
    }
    let at = body
        .iter()
        .rposition(|i| touches_frames(&f.insts[i.index()].kind))?;
    matches!(f.insts[body[at].index()].kind, InstKind::FrameExit).then_some(at)
}

/// Unrolls `f`, function `me`, once if it is small enough (see
/// [`MAX_UNROLLED_INSTS`]) and the copies fit in `budget`: every call to
/// itself becomes a copy of its body as it was. Returns the instructions
/// added.
fn unroll(f: &mut Function, me: FuncId, budget: usize, map: &mut CopyMap) -> usize {
    // Beyond MAX_UNROLLED_SITES the function is not unrolled.
    let mut sites: SmallVec<[(Block, usize); MAX_UNROLLED_SITES]> = SmallVec::new();
    for &b in &f.layout {
        for (pos, &inst) in f.blocks[b.index()].insts.iter().enumerate() {
            if matches!(f.insts[inst.index()].kind, InstKind::Call(callee, _) if callee == me) {
                sites.push((b, pos));
            }
        }
    }
    let grows = growth(f) * sites.len();
    let buffers_in_entry =
        entry_is_target(f) && f.signature.params.iter().any(|&p| p != ParamKind::Int);
    if sites.len() > MAX_UNROLLED_SITES
        || size(f) > MAX_UNROLLED_INSTS
        || grows > budget
        || buffers_in_entry
    {
        return 0;
    }
    let body = f.clone();
    // Room for every copy at once (as much as inline_call asks for each),
    // so that the tables grow once.
    let copies = sites.len();
    f.insts.reserve((body.insts.len() * 2 + 2) * copies);
    f.values.reserve(body.values.len() * copies);
    f.blocks.reserve((body.blocks.len() + 1) * copies);
    f.layout.reserve((body.layout.len() + 1) * copies);
    // Last first: a site's block keeps what comes before the call, so the
    // sites before it stay where they were.
    for &(block, pos) in sites.iter().rev() {
        inline_call(f, block, pos, &body, map);
    }
    grows
}

/// Makes room in `functions[caller]` for copies of the callees of its
/// calls that satisfy `wanted` (as much as [`inline_call`] asks for each),
/// so that its tables grow once instead of once per call inlined.
fn reserve_for_sites(functions: &mut [Function], caller: usize, wanted: impl Fn(FuncId) -> bool) {
    let f = &functions[caller];
    let (mut insts, mut values, mut blocks) = (0, 0, 0);
    for &b in &f.layout {
        for &inst in &f.blocks[b.index()].insts {
            if let InstKind::Call(callee, _) = f.insts[inst.index()].kind {
                if wanted(callee) {
                    let body = &functions[callee.index()];
                    insts += body.insts.len() * 2 + 2;
                    values += body.values.len();
                    blocks += body.blocks.len() + 1;
                }
            }
        }
    }
    let f = &mut functions[caller];
    f.insts.reserve(insts);
    f.values.reserve(values);
    f.blocks.reserve(blocks);
    f.layout.reserve(blocks);
}

/// Function `caller`, to change, and function `callee`, to read (two
/// different functions).
fn caller_and_callee(
    functions: &mut [Function],
    caller: usize,
    callee: usize,
) -> (&mut Function, &Function) {
    if caller < callee {
        let (low, high) = functions.split_at_mut(callee);
        (&mut low[caller], &high[0])
    } else {
        let (low, high) = functions.split_at_mut(caller);
        (&mut high[0], &low[callee])
    }
}

/// Whether some block of `f` jumps to its entry block (whose parameters
/// then take arguments from jumps, which buffer addresses may not).
pub(crate) fn entry_is_target(f: &Function) -> bool {
    let Some(&entry) = f.layout.first() else {
        return false;
    };
    f.layout
        .iter()
        .any(|&b| f.successors(b).any(|s| s == entry))
}

/// Instructions in the function's layout.
fn size(f: &Function) -> usize {
    f.layout
        .iter()
        .map(|b| f.blocks[b.index()].insts.len())
        .sum()
}

/// How many instructions inlining a call to `callee` adds to the caller:
/// its body, less the call, plus `frame_enter` and the jump into the copy,
/// plus a `frame_exit` before each return (which becomes a jump).
fn growth(callee: &Function) -> usize {
    let returns = callee
        .layout
        .iter()
        .filter(|&&b| {
            callee
                .terminator(b)
                .is_some_and(|t| matches!(callee.insts[t.index()].kind, InstKind::Return(_)))
        })
        .count();
    size(callee) + returns + 1
}

/// The functions `f` calls (with repeats), into `calls` (emptied first).
fn calls_in(f: &Function, calls: &mut Vec<FuncId>) {
    calls.clear();
    calls.extend(
        f.layout
            .iter()
            .flat_map(|b| &f.blocks[b.index()].insts)
            .filter_map(|i| match &f.insts[i.index()].kind {
                InstKind::Call(callee, _) => Some(*callee),
                _ => None,
            }),
    );
}

/// The tables of the search [`CallGraph::compute`] makes: each
/// function's number and lowest reachable number, whether it is on the
/// stack, the stack, and the search's frames.
#[derive(Clone, Debug, Default)]
struct GraphSearch {
    number: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    work: Vec<(usize, usize)>,
}

/// The call graph's order and cycles.
#[derive(Clone, Debug, Default)]
struct CallGraph {
    /// The functions, callees before their callers (a cycle's members in
    /// any order).
    bottom_up: Vec<usize>,
    /// Whether each function can reach itself through calls.
    recursive: Vec<bool>,
    /// Whether each function is in a cycle of calls with others.
    in_cycle: Vec<bool>,
}

impl CallGraph {
    /// Tarjan's strongly connected components, without recursion: a
    /// function is recursive when its component has more than one member
    /// or it calls itself, and components come out callees first. Linear in
    /// the calls (asking "does f reach f" per function walked the graph
    /// once per function: 10,000 functions in a chain took 50 ms).
    /// The graph of `callees` (in this graph's tables, refilled), with
    /// the tables of `search`.
    fn compute(&mut self, callees: &[Vec<FuncId>], search: &mut GraphSearch) {
        const NEW: u32 = u32::MAX;
        let n = callees.len();
        let GraphSearch {
            number,
            low,
            on_stack,
            stack,
            work,
        } = search;
        refill(number, n, NEW);
        refill(low, n, 0);
        refill(on_stack, n, false);
        stack.clear();
        let graph = self;
        empty_with_room(&mut graph.bottom_up, n);
        refill(&mut graph.recursive, n, false);
        refill(&mut graph.in_cycle, n, false);
        let mut count = 0u32;
        // The search: each frame a function and how many of its calls it
        // has followed.
        work.clear();
        for root in 0..n {
            if number[root] != NEW {
                continue;
            }
            work.push((root, 0));
            while let Some(&mut (f, ref mut next)) = work.last_mut() {
                // A frame is pushed just before its function is numbered.
                if number[f] == NEW {
                    number[f] = count;
                    low[f] = count;
                    count += 1;
                    stack.push(f);
                    on_stack[f] = true;
                }
                if let Some(callee) = callees[f].get(*next) {
                    *next += 1;
                    let c = callee.index();
                    if c >= n {
                        continue;
                    }
                    graph.recursive[f] |= c == f;
                    if number[c] == NEW {
                        work.push((c, 0));
                    } else if on_stack[c] {
                        low[f] = low[f].min(number[c]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(caller, _)) = work.last() {
                    low[caller] = low[caller].min(low[f]);
                }
                if low[f] == number[f] {
                    let first = stack.iter().rposition(|&g| g == f).unwrap_or(0);
                    let cycle = stack.len() - first > 1;
                    for g in stack.drain(first..) {
                        on_stack[g] = false;
                        graph.recursive[g] |= cycle;
                        graph.in_cycle[g] = cycle;
                        graph.bottom_up.push(g);
                    }
                }
            }
        }
    }
}

/// The first call in `f` whose callee satisfies `wanted`: block, position.
fn find_site(f: &Function, wanted: impl Fn(FuncId) -> bool) -> Option<(Block, usize, FuncId)> {
    for &b in &f.layout {
        for (pos, &inst) in f.blocks[b.index()].insts.iter().enumerate() {
            if let InstKind::Call(callee, _) = f.insts[inst.index()].kind {
                if wanted(callee) {
                    return Some((b, pos, callee));
                }
            }
        }
    }
    None
}

/// Replaces the call at `block[pos]` of `caller` with a copy of `callee`:
/// the block ends with `frame_enter` and a jump into the copy; each `ret v`
/// of the copy becomes `frame_exit` and a jump to a new block holding the
/// rest of the original block, whose parameter is the call's old result.
/// `map` holds the tables of the copy (their contents mean nothing
/// between calls).
fn inline_call(
    caller: &mut Function,
    block: Block,
    pos: usize,
    callee: &Function,
    map: &mut CopyMap,
) {
    let call = caller.blocks[block.index()].insts[pos];
    let data = &mut caller.insts[call.index()];
    let (args, result) = match (&mut data.kind, data.result) {
        // The call leaves the block: its arguments move to the copy.
        (InstKind::Call(_, args), Some(result)) => (core::mem::take(args), result),
        _ => return,
    };
    // The copy keeps the callee's lines (a debugger shows the line that
    // runs); what stands for the call itself keeps the call's.
    let call_line = caller.line(call);
    // Room for the copy (returns take two instructions), so that the
    // tables grow once.
    caller.insts.reserve(callee.insts.len() * 2 + 2);
    caller.values.reserve(callee.values.len());
    caller.blocks.reserve(callee.blocks.len() + 1);
    caller.layout.reserve(callee.layout.len() + 1);
    let first_new = caller.layout.len();
    // The rest of the block moves to a continuation that receives the
    // result; every use of the result stays valid.
    let cont = caller.create_block();
    let rest = caller.blocks[block.index()]
        .insts
        .drain(pos + 1..)
        .collect();
    caller.blocks[block.index()].insts.pop();
    caller.insts[call.index()].result = None;
    caller.blocks[cont.index()].insts = rest;
    caller
        .pool
        .push(&mut caller.blocks[cont.index()].params, result);
    caller.values[result.index()] = ValueDef::Param(cont, 0);

    // Copy the callee: blocks and parameters first, then instructions (so
    // every block exists before a jump names it, and every value before
    // the arguments are mapped).
    // The entry's parameters are the call's arguments, unless the callee
    // jumps back to its entry (then they are parameters of the copy).
    let CopyMap { blocks, values } = map;
    refill(blocks, callee.blocks.len(), Block(u32::MAX));
    refill(values, callee.values.len(), Value(u32::MAX));
    let substitute = !entry_is_target(callee);
    for &b in &callee.layout {
        let nb = caller.create_block();
        blocks[b.index()] = nb;
        if substitute && b == callee.entry() {
            for (&p, &a) in callee.block_params(b).iter().zip(caller.args(args)) {
                values[p.index()] = a;
            }
            continue;
        }
        for &p in callee.block_params(b) {
            values[p.index()] = caller.append_block_param(nb);
        }
    }
    // The copied instructions are the ones made from here on; their
    // targets are mapped as they are made (a return's jump already names
    // the continuation), their arguments once every value has its copy.
    let copied = caller.insts.len();
    for &b in &callee.layout {
        let nb = blocks[b.index()];
        let insts = &callee.blocks[b.index()].insts;
        // Room for the copy at once (a return takes two instructions):
        // a list longer than its room in place grows once.
        let returns = insts
            .last()
            .is_some_and(|&i| matches!(callee.insts[i.index()].kind, InstKind::Return(_)));
        caller.blocks[nb.index()]
            .insts
            .reserve(insts.len() + usize::from(returns));
        for &i in insts {
            let data = &callee.insts[i.index()];
            let line = callee.line(i);
            match &data.kind {
                InstKind::Return(v) => {
                    caller.append_inst_at(nb, InstKind::FrameExit, line);
                    let jump = InstKind::Jump(caller.make_call(cont, &[*v]));
                    caller.append_inst_at(nb, jump, line);
                }
                kind => {
                    // The copy's lists are its own, in the caller's pool.
                    let mut kind = kind.clone();
                    kind.for_each_list_mut(|l| *l = caller.pool.alloc(callee.pool.get(*l)));
                    for dest in kind.successors_mut() {
                        let to = blocks[dest.block(&caller.pool).index()];
                        dest.set_block(to, &mut caller.pool);
                    }
                    let ni = caller.append_inst_at(nb, kind, line);
                    if let (Some(old), Some(new)) = (data.result, caller.insts[ni.index()].result) {
                        values[old.index()] = new;
                    }
                }
            }
        }
    }
    for data in &mut caller.insts[copied..] {
        data.kind
            .for_each_arg_mut(&mut caller.pool, |v| *v = values[v.index()]);
    }
    caller.append_inst_at(block, InstKind::FrameEnter, call_line);
    let entry_block = blocks[callee.entry().index()];
    let entry = match substitute {
        true => caller.make_call(entry_block, &[]),
        false => BlockCall::with_list(entry_block, args, &mut caller.pool),
    };
    caller.pool.free(args);
    caller.append_inst_at(block, InstKind::Jump(entry), call_line);

    // Lay the copy and the continuation out right after the call's block:
    // the continuation, made first, goes last, and the new blocks move up
    // before the blocks after the call's.
    caller.layout[first_new..].rotate_left(1);
    let at = caller
        .layout
        .iter()
        .position(|&b| b == block)
        .map_or(first_new, |i| i + 1);
    let copies = caller.layout.len() - first_new;
    caller.layout[at..].rotate_right(copies);
}

/// Where [`inline_call`] keeps its tables from one call to the next: the
/// copy of each block and of each value of the callee.
#[derive(Clone, Debug, Default)]
struct CopyMap {
    blocks: Vec<Block>,
    values: Vec<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    /// A module of `n` functions, each calling the next.
    fn chain(n: usize) -> Module {
        let mut source = String::new();
        for i in 0..n - 1 {
            source += &format!(
                "def f{i}(x):\n    y = f{}(x + 1)\n    return y * 2 - x\n",
                i + 1
            );
        }
        source += &format!("def f{}(x):\n    return x\n", n - 1);
        crate::compile_to_ir(&source, &crate::Options::default()).unwrap()
    }

    fn module_size(module: &Module) -> usize {
        module.functions.iter().map(size).sum()
    }

    #[test]
    fn a_small_chain_is_inlined_whole() {
        let mut module = chain(4);
        assert!(run(&mut module));
        let mut calls = Vec::new();
        let calls: usize = module
            .functions
            .iter()
            .map(|f| {
                calls_in(f, &mut calls);
                calls.len()
            })
            .sum();
        assert_eq!(calls, 0, "{module}");
    }

    #[test]
    fn a_long_chain_grows_at_most_by_half_its_size() {
        let mut module = chain(2000);
        let before = module_size(&module);
        assert!(before / 2 > MIN_GROWTH_BUDGET);
        assert!(run(&mut module));
        let after = module_size(&module);
        assert!(after <= before + before.div_ceil(2), "{before} -> {after}");
        // The budget was spent, not left unused: the chain's end inlined.
        assert!(after > before + before / 4, "{before} -> {after}");
    }
}
