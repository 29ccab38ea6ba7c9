//! Functions, blocks and modules.

use super::{
    Block, BlockCall, FuncId, HostDecl, HostId, Inst, InstData, InstKind, InstList, ParamKind,
    Signature, Value, ValueList, ValueListPool,
};
use alloc::string::String;
use alloc::vec::Vec;

/// A whole program: functions that may call each other by [`FuncId`], and
/// the host functions they may call by [`HostId`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    /// The functions; a [`FuncId`] indexes this.
    pub functions: Vec<Function>,
    /// The host functions the embedder declared; a [`HostId`] indexes this.
    pub hosts: Vec<HostDecl>,
}

impl Module {
    /// The function called `name`, if any.
    pub fn function_id(&self, name: &str) -> Option<FuncId> {
        self.functions
            .iter()
            .position(|f| f.name == name)
            .map(FuncId::new)
    }

    /// The function with id `id`.
    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.index()]
    }

    /// The host function called `name`, if one is declared.
    pub fn host_id(&self, name: &str) -> Option<HostId> {
        self.hosts
            .iter()
            .position(|h| h.name == name)
            .map(HostId::new)
    }
}

/// Where a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueDef {
    /// The `index`-th parameter of `block`.
    Param(Block, u32),
    /// The result of `inst`.
    Result(Inst),
    /// A slot no definition refers to (left by the text parser for numbers
    /// that were skipped, or by passes that removed the definition).
    Unused,
}

/// A basic block: parameters, then instructions ending in a terminator.
/// (No `PartialEq`: its parameters are a handle.)
#[derive(Clone, Debug, Default)]
pub struct BlockData {
    /// Parameters, bound by the arguments of each jump to this block: a
    /// list in the function's pool ([`Function::block_params`]; most
    /// blocks have none, and an empty list takes no room). (Two in place,
    /// as the instructions are, made a block 48 bytes, and the walks at
    /// 100,000 lines missed the caches more, not less: measured.)
    pub params: ValueList,
    /// Instructions in order; the last is the terminator. The first four
    /// are held in place (see [`InstList`]).
    pub insts: InstList,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<BlockData>() == 32);

/// A function: blocks in a layout order, the first being the entry, whose
/// parameters are the function's parameters.
///
/// Two functions are equal when their tables are, comparing lists by
/// their values: whatever garbage their pools hold.
#[derive(Clone, Debug, Default)]
pub struct Function {
    /// The name it is called by.
    pub name: String,
    /// Its parameters and what it returns; the entry block's parameters
    /// follow it (see [`Signature`]).
    pub signature: Signature,
    /// Block data; a [`Block`] indexes this.
    pub blocks: Vec<BlockData>,
    /// Instruction data; an [`Inst`] indexes this.
    pub insts: Vec<InstData>,
    /// Value definitions; a [`Value`] indexes this.
    pub values: Vec<ValueDef>,
    /// The order of blocks; `layout[0]` is the entry block. Blocks not in
    /// the layout are dead and ignored.
    pub layout: Vec<Block>,
    /// The source line of each instruction, by [`Inst`], for debuggers; 0
    /// (or no entry: the table may be shorter than `insts`, and is empty
    /// unless the lowering was asked for lines) means unknown. The text
    /// format does not show it.
    pub lines: Vec<u32>,
    /// The lists of values the blocks and instructions hold: parameters,
    /// arguments, targets (see [`ValueListPool`]).
    pub pool: ValueListPool,
}

impl PartialEq for Function {
    fn eq(&self, other: &Function) -> bool {
        let blocks = |a: &BlockData, b: &BlockData| {
            a.insts == b.insts && self.pool.try_get(a.params) == other.pool.try_get(b.params)
        };
        let insts = |a: &InstData, b: &InstData| {
            a.result == b.result && a.kind.same_as(&self.pool, &b.kind, &other.pool)
        };
        self.name == other.name
            && self.signature == other.signature
            && self.values == other.values
            && self.layout == other.layout
            && self.lines == other.lines
            && self.blocks.len() == other.blocks.len()
            && self.insts.len() == other.insts.len()
            && self
                .blocks
                .iter()
                .zip(&other.blocks)
                .all(|(a, b)| blocks(a, b))
            && self
                .insts
                .iter()
                .zip(&other.insts)
                .all(|(a, b)| insts(a, b))
    }
}

impl Eq for Function {}

impl Function {
    /// An empty function called `name` (no blocks yet). Its signature
    /// grows an integer parameter with each parameter added to the entry
    /// block; set [`Function::signature`] for buffers or `None`.
    pub fn new(name: impl Into<String>) -> Function {
        Function {
            name: name.into(),
            ..Function::default()
        }
    }

    /// The entry block (the first in the layout).
    pub fn entry(&self) -> Block {
        self.layout[0]
    }

    /// The function's parameters: the entry block's parameters (none if
    /// the function has no entry block).
    pub fn params(&self) -> &[Value] {
        self.layout
            .first()
            .and_then(|b| self.blocks.get(b.index()))
            .map_or(&[], |b| self.pool.get(b.params))
    }

    /// The parameters of `block`.
    #[inline]
    pub fn block_params(&self, block: Block) -> &[Value] {
        self.pool.get(self.blocks[block.index()].params)
    }

    /// The values of `list`, a list of this function (a call's arguments).
    #[inline]
    pub fn args(&self, list: ValueList) -> &[Value] {
        self.pool.get(list)
    }

    /// A new list of `values` in this function's pool.
    pub fn make_list(&mut self, values: &[Value]) -> ValueList {
        self.pool.alloc(values)
    }

    /// A new call of `block` with `args`, in this function's pool.
    pub fn make_call(&mut self, block: Block, args: &[Value]) -> BlockCall {
        BlockCall::new(block, args, &mut self.pool)
    }

    /// Creates a block and appends it to the layout.
    pub fn create_block(&mut self) -> Block {
        let block = Block::new(self.blocks.len());
        self.blocks.push(BlockData::default());
        self.layout.push(block);
        block
    }

    /// Adds a parameter to `block` and returns it. A parameter of the entry
    /// block also adds an integer parameter to the signature.
    pub fn append_block_param(&mut self, block: Block) -> Value {
        if self.layout.first() == Some(&block) {
            self.signature.params.push(ParamKind::Int);
        }
        self.push_block_param(block)
    }

    /// Adds a parameter to `block` and returns it, leaving the signature
    /// as it is (for a builder that sets the signature itself).
    pub fn push_block_param(&mut self, block: Block) -> Value {
        let params = &mut self.blocks[block.index()].params;
        let value = Value::new(self.values.len());
        let position = self.pool.len(*params) as u32;
        self.values.push(ValueDef::Param(block, position));
        self.pool.push(params, value);
        value
    }

    /// Creates an instruction (and its result value, if its kind has one)
    /// without placing it in a block.
    #[inline]
    pub fn create_inst(&mut self, kind: InstKind) -> Inst {
        let inst = Inst::new(self.insts.len());
        let result = kind.has_result().then(|| {
            let value = Value::new(self.values.len());
            self.values.push(ValueDef::Result(inst));
            value
        });
        self.insts.push(InstData { kind, result });
        inst
    }

    /// Creates an instruction and appends it to `block`; returns it.
    #[inline]
    pub fn append_inst(&mut self, block: Block, kind: InstKind) -> Inst {
        let inst = self.create_inst(kind);
        self.blocks[block.index()].insts.push(inst);
        inst
    }

    /// [`Function::append_inst`], then [`Function::set_line`]: creates an
    /// instruction from source line `line` (0: unknown) at the end of
    /// `block`.
    #[inline]
    pub fn append_inst_at(&mut self, block: Block, kind: InstKind, line: u32) -> Inst {
        let inst = self.append_inst(block, kind);
        self.set_line(inst, line);
        inst
    }

    /// The source line of `inst`, or 0 if unknown.
    pub fn line(&self, inst: Inst) -> u32 {
        self.lines.get(inst.index()).copied().unwrap_or(0)
    }

    /// Records that `inst` comes from source line `line` (0: unknown). A
    /// function whose instructions are all of unknown lines keeps no table.
    #[inline]
    pub fn set_line(&mut self, inst: Inst, line: u32) {
        let i = inst.index();
        if line == 0 && i >= self.lines.len() {
            return;
        }
        if i >= self.lines.len() {
            self.lines.resize(i + 1, 0);
        }
        self.lines[i] = line;
    }

    /// The result of `inst`.
    ///
    /// # Panics
    /// If the instruction has no result (a terminator or `fuel`).
    pub fn result(&self, inst: Inst) -> Value {
        self.insts[inst.index()]
            .result
            .expect("instruction has a result")
    }

    /// The data of `block`.
    pub fn block(&self, block: Block) -> &BlockData {
        &self.blocks[block.index()]
    }

    /// The kind of `inst`.
    pub fn kind(&self, inst: Inst) -> &InstKind {
        &self.insts[inst.index()].kind
    }

    /// The constant of `v`, if a `const` instruction defines it.
    pub fn const_value(&self, v: Value) -> Option<i64> {
        match self.values.get(v.index())? {
            ValueDef::Result(inst) => match self.insts.get(inst.index())?.kind {
                InstKind::Const(c) => Some(c),
                _ => None,
            },
            _ => None,
        }
    }

    /// The terminator of `block`, if it has instructions and the last one is
    /// a terminator.
    pub fn terminator(&self, block: Block) -> Option<Inst> {
        let last = *self.blocks[block.index()].insts.last()?;
        self.insts[last.index()]
            .kind
            .is_terminator()
            .then_some(last)
    }

    /// The blocks `block` can jump to, in terminator order (a block may
    /// appear twice when both branch targets are the same).
    #[inline]
    pub fn successors(&self, block: Block) -> impl Iterator<Item = Block> {
        let kind = self.terminator(block).map(|t| &self.insts[t.index()].kind);
        let (a, b) = match kind {
            Some(InstKind::Jump(dest)) => (Some(dest.block(&self.pool)), None),
            Some(InstKind::Branch(_, [t, e])) => {
                (Some(t.block(&self.pool)), Some(e.block(&self.pool)))
            }
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }

    /// The block `dest` goes to, the arguments it passes and the
    /// parameters they bind, in order (as slices, for the caller to zip).
    #[inline]
    pub fn flows(&self, dest: BlockCall) -> (Block, &[Value], &[Value]) {
        let (block, args) = dest.parts(&self.pool);
        let params = match args {
            [] => &[],
            _ => self.block_params(block),
        };
        (block, args, params)
    }

    /// Edge `k` out of `block` (its terminator's `k`-th target, with the
    /// arguments it passes), if there is one.
    pub fn edge(&self, block: Block, k: usize) -> Option<BlockCall> {
        let term = self.terminator(block)?;
        self.insts[term.index()].kind.successors().nth(k)
    }

    /// Copies the lists the blocks and instructions hold into a fresh
    /// pool, leaving the garbage behind (see [`ValueListPool`]): blocks
    /// first, then instructions, in the order of their tables. Handles
    /// change; the values do not.
    pub fn compact_lists(&mut self) {
        let old = &self.pool;
        let mut fresh = ValueListPool::with_capacity(old.slots().saturating_sub(old.garbage()));
        let mut copy = |list: &mut ValueList| *list = fresh.alloc(old.get(*list));
        for data in &mut self.blocks {
            copy(&mut data.params);
        }
        for data in &mut self.insts {
            data.kind.for_each_list_mut(&mut copy);
        }
        self.pool = fresh;
    }

    /// [`Function::compact_lists`] if the pool is more garbage than lists
    /// ([`ValueListPool::is_wasteful`]).
    pub fn drop_list_garbage(&mut self) {
        if self.pool.is_wasteful() {
            self.compact_lists();
        }
    }

    /// Gives back the pool's room to grow (and its garbage, if that is
    /// more than its lists: see [`Function::drop_list_garbage`]), for a
    /// function no pass will change again: it lives on through code
    /// generation, and in the program if the program keeps its IR. (Less
    /// garbage is cheaper kept than copied away: a few hundred bytes in a
    /// function of the benchmark programs.)
    pub fn fit_lists(&mut self) {
        if self.pool.is_wasteful() {
            self.compact_lists();
        } else {
            self.pool.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{parse_one, FIB};
    use alloc::string::ToString;

    /// `fib` with garbage in its pool: its jump retargeted there and back
    /// through lists that moved, and lists made and given up.
    fn fib_with_garbage() -> Function {
        let mut f = parse_one(FIB);
        for _ in 0..3 {
            let spare = f.make_list(&[Value(0), Value(1)]);
            f.make_list(&[Value(2)]);
            f.pool.free(spare);
        }
        let term = f.terminator(Block(2)).unwrap();
        let InstKind::Jump(mut dest) = f.insts[term.index()].kind else {
            panic!("block2 ends in a jump");
        };
        let (block, arg) = (dest.block(&f.pool), dest.args(&f.pool)[0]);
        dest.rewrite(block, &[arg, arg, arg], &mut f.pool);
        dest.rewrite(block, &[arg], &mut f.pool);
        f.insts[term.index()].kind = InstKind::Jump(dest);
        f
    }

    #[test]
    fn equality_looks_at_lists_not_at_the_pool() {
        let clean = parse_one(FIB);
        let messy = fib_with_garbage();
        assert!(messy.pool.garbage() > 0 && messy.pool.slots() > clean.pool.slots());
        assert_eq!(messy, clean);
        assert_eq!(messy.to_string(), clean.to_string());
        // A list that differs makes the functions differ.
        let mut other = messy.clone();
        let args = match other.insts[6].kind {
            InstKind::Call(_, args) => args,
            _ => panic!("inst6 is a call"),
        };
        other.pool.get_mut(args)[0] = Value(0);
        assert_ne!(other, clean);
        let mut other = messy.clone();
        other.pool.push(&mut other.blocks[3].params, Value(2));
        assert_ne!(other, clean);
    }

    #[test]
    fn compacting_keeps_the_lists_and_drops_the_garbage() {
        let clean = parse_one(FIB);
        let mut messy = fib_with_garbage();
        messy.compact_lists();
        assert_eq!(messy.pool.garbage(), 0);
        assert_eq!(messy.pool.slots(), clean.pool.slots());
        assert_eq!(messy, clean);
    }

    #[test]
    fn garbage_is_dropped_only_once_it_outweighs_the_lists() {
        let mut f = parse_one(FIB);
        let spare = f.make_list(&[Value(0); 600]);
        f.make_list(&[Value(0); 700]);
        f.pool.free(spare);
        let slots = f.pool.slots();
        f.drop_list_garbage();
        assert_eq!(f.pool.slots(), slots, "601 slots of garbage in 1,300 or so");
        let more = f.make_list(&[Value(0); 600]);
        f.make_list(&[Value(0)]);
        f.pool.free(more);
        f.drop_list_garbage();
        assert_eq!(f.pool.garbage(), 0);
        assert_eq!(f, parse_one(FIB));
    }
}
