//! Functions, blocks, instructions and modules.

use super::{Block, BlockCall, FuncId, HostId, Inst, InstList, Value, ValueList, ValueListPool};
use crate::trap::{msg, Trap};
use alloc::boxed::Box;
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

/// The kinds of buffer a parameter can receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BufKind {
    /// `bytes`: read-only bytes.
    Bytes,
    /// `bytearray`: writable bytes, each 0..=255.
    ByteArray,
    /// `list[int]`: writable 64-bit integers.
    List,
}

impl BufKind {
    /// Every kind.
    pub const ALL: [BufKind; 3] = [BufKind::Bytes, BufKind::ByteArray, BufKind::List];

    /// The name in the IR text and in signatures: `bytes`, `bytearray`,
    /// `list`.
    pub fn name(self) -> &'static str {
        match self {
            BufKind::Bytes => "bytes",
            BufKind::ByteArray => "bytearray",
            BufKind::List => "list",
        }
    }

    /// The kind called `name` in the IR text.
    pub fn from_name(name: &str) -> Option<BufKind> {
        BufKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether the program may write into it.
    pub fn writable(self) -> bool {
        !matches!(self, BufKind::Bytes)
    }

    /// Bytes per item (1 or 8).
    pub fn item_size(self) -> usize {
        match self {
            BufKind::List => 8,
            BufKind::Bytes | BufKind::ByteArray => 1,
        }
    }

    /// CPython's IndexError message for an index outside the buffer.
    pub fn index_message(self, access: Access) -> &'static str {
        match (self, access) {
            (BufKind::Bytes, _) => msg::BYTES_INDEX,
            (BufKind::ByteArray, _) => msg::BYTEARRAY_INDEX,
            (BufKind::List, Access::Load) => msg::LIST_INDEX,
            (BufKind::List, Access::Store) => msg::LIST_ASSIGN_INDEX,
        }
    }
}

/// Whether an index is checked for a read or a write (CPython words
/// `list` IndexErrors differently for the two).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// `x[i]`.
    Load,
    /// `x[i] = v`.
    Store,
}

/// What an index check knows of the buffer and the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IndexCheck {
    /// The buffer's kind, which CPython's message names.
    pub buf: BufKind,
    /// A read or a write, which CPython words differently for a `list`.
    pub access: Access,
    /// Whether a negative index counts from the end, as Python's does
    /// (`x[-1]` is the last item); without it the index is one already
    /// known not to be negative, or counted from the end already.
    pub from_end: bool,
}

impl IndexCheck {
    /// CPython's IndexError message for an index outside the buffer.
    pub fn message(self) -> &'static str {
        self.buf.index_message(self.access)
    }

    /// The `.kind[.store][.from_end]` of the instruction's text.
    pub fn suffix(self) -> (&'static str, &'static str, &'static str) {
        let store = match self.access {
            Access::Load => "",
            Access::Store => ".store",
        };
        let from_end = if self.from_end { ".from_end" } else { "" };
        (self.buf.name(), store, from_end)
    }
}

/// What a parameter receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// A 64-bit integer: one value.
    Int,
    /// A buffer: two values, its address and its length (in items).
    Buffer(BufKind),
}

impl ParamKind {
    /// How many IR values (entry-block parameters, call arguments) it takes.
    pub fn width(self) -> usize {
        match self {
            ParamKind::Int => 1,
            ParamKind::Buffer(_) => 2,
        }
    }

    /// The name in signatures: `int` or the buffer kind's.
    pub fn name(self) -> &'static str {
        match self {
            ParamKind::Int => "int",
            ParamKind::Buffer(k) => k.name(),
        }
    }

    /// The kind called `name` in a signature.
    pub fn from_name(name: &str) -> Option<ParamKind> {
        match name {
            "int" => Some(ParamKind::Int),
            _ => BufKind::from_name(name).map(ParamKind::Buffer),
        }
    }
}

/// Whether a function gives back an integer or `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Returns {
    /// An integer (`-> int`).
    #[default]
    Int,
    /// `None`: the function is called only as a statement; in the IR it
    /// returns a value that no caller reads.
    None,
}

impl Returns {
    /// `int` or `none`, as signatures print it.
    pub fn name(self) -> &'static str {
        match self {
            Returns::Int => "int",
            Returns::None => "none",
        }
    }
}

/// What a function takes and gives: its parameters in source order and
/// what it returns.
///
/// The entry block has one parameter per integer and two per buffer (the
/// address, then the length), in this order; calls pass arguments the same
/// way. A buffer's address is read only by `load`, `store` and calls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Signature {
    /// The parameters.
    pub params: Vec<ParamKind>,
    /// What it returns.
    pub returns: Returns,
}

impl Signature {
    /// A signature of `n` integer parameters returning an integer.
    pub fn ints(n: usize) -> Signature {
        Signature {
            params: alloc::vec![ParamKind::Int; n],
            returns: Returns::Int,
        }
    }

    /// How many IR values the parameters take.
    pub fn width(&self) -> usize {
        self.params.iter().map(|p| p.width()).sum()
    }

    /// For each entry value (or call argument) in order: the parameter it
    /// belongs to and whether it is a buffer's length (the second value).
    pub fn values(&self) -> impl Iterator<Item = (ParamKind, bool)> + '_ {
        self.params.iter().flat_map(|&p| {
            let second = matches!(p, ParamKind::Buffer(_)).then_some((p, true));
            core::iter::once((p, false)).chain(second)
        })
    }
}

/// How many arguments a host function takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HostArity {
    /// Exactly this many integers.
    Exactly(u32),
    /// Any number of integers (`print`).
    Any,
}

impl HostArity {
    /// Whether a call with `n` arguments fits.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            HostArity::Exactly(k) => k as usize == n,
            HostArity::Any => true,
        }
    }
}

/// A host function as the embedder declares it before compiling: the
/// program calls it by name, and the call goes to the embedder's
/// [`crate::Host`] with the declaration's [`HostId`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostDecl {
    /// The name programs call it by.
    pub name: String,
    /// How many integer arguments it takes.
    pub arity: HostArity,
    /// Whether it returns an integer or nothing.
    pub returns: Returns,
}

impl HostDecl {
    /// A host function `name` taking `params` integers.
    pub fn new(name: impl Into<String>, params: u32, returns: Returns) -> HostDecl {
        HostDecl {
            name: name.into(),
            arity: HostArity::Exactly(params),
            returns,
        }
    }

    /// The command line's `print(e, ...)`: any number of integers, nothing
    /// returned.
    pub fn print() -> HostDecl {
        HostDecl {
            name: String::from("print"),
            arity: HostArity::Any,
            returns: Returns::None,
        }
    }
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

/// One-operand operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-a`; OverflowError for the minimum.
    Neg,
    /// `~a`; never traps.
    BitNot,
    /// `abs(a)`; OverflowError for the minimum.
    Abs,
}

/// Two-operand operations. Unless marked otherwise they follow Python's
/// rules exactly (see [`crate::ops`]) and trap where Python would raise or
/// where the result leaves the 64-bit range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `a + b`, checked.
    Add,
    /// `a - b`, checked.
    Sub,
    /// `a * b`, checked.
    Mul,
    /// `a // b`: floor division; ZeroDivisionError, OverflowError for MIN // -1.
    FloorDiv,
    /// `a % b`: the remainder takes the sign of `b`; ZeroDivisionError.
    Mod,
    /// `a ** b`: checked; negative exponents trap.
    Pow,
    /// `a << b`: checked; ValueError for a negative count.
    Shl,
    /// `a >> b`: arithmetic; ValueError for a negative count; counts of 64
    /// or more give 0 or -1.
    Shr,
    /// `a & b`.
    And,
    /// `a | b`.
    Or,
    /// `a ^ b`.
    Xor,
    /// `a == b`, giving 1 or 0.
    Eq,
    /// `a != b`.
    Ne,
    /// `a < b` (signed).
    Lt,
    /// `a <= b` (signed).
    Le,
    /// `a > b` (signed).
    Gt,
    /// `a >= b` (signed).
    Ge,
    /// `a < b` comparing the bit patterns as unsigned integers.
    Ult,
    /// `a > b` comparing the bit patterns as unsigned integers.
    Ugt,
    /// `a + b` modulo 2^64 (never traps; used where the lowering knows why).
    AddWrap,
    /// `a - b` modulo 2^64 (never traps).
    SubWrap,
    /// `a * b` modulo 2^64 (never traps; for products known to fit).
    MulWrap,
    /// The high 64 bits of the 128-bit product of `a` and `b` taken as
    /// unsigned integers (never traps; division by constants uses it).
    UMulHi,
    /// `a << (b mod 64)`, bits shifted out lost (never traps; for shifts
    /// known to keep every bit).
    ShlWrap,
}

impl UnaryOp {
    /// Every unary operation.
    pub const ALL: [UnaryOp; 3] = [UnaryOp::Neg, UnaryOp::BitNot, UnaryOp::Abs];

    /// The text-format mnemonic.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Neg => "neg",
            UnaryOp::BitNot => "bnot",
            UnaryOp::Abs => "abs",
        }
    }
}

impl BinaryOp {
    /// The form of an overflow-checked operation that wraps instead
    /// (`add` → `add.wrap`, as for `sub`, `mul` and `shl`); `None` for the
    /// others.
    pub fn wrapping(self) -> Option<BinaryOp> {
        match self {
            BinaryOp::Add => Some(BinaryOp::AddWrap),
            BinaryOp::Sub => Some(BinaryOp::SubWrap),
            BinaryOp::Mul => Some(BinaryOp::MulWrap),
            BinaryOp::Shl => Some(BinaryOp::ShlWrap),
            _ => None,
        }
    }

    /// Every binary operation.
    pub const ALL: [BinaryOp; 24] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Pow,
        BinaryOp::Shl,
        BinaryOp::Shr,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::Ult,
        BinaryOp::Ugt,
        BinaryOp::AddWrap,
        BinaryOp::SubWrap,
        BinaryOp::MulWrap,
        BinaryOp::UMulHi,
        BinaryOp::ShlWrap,
    ];

    /// The text-format mnemonic.
    pub fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::FloorDiv => "floordiv",
            BinaryOp::Mod => "mod",
            BinaryOp::Pow => "pow",
            BinaryOp::Shl => "shl",
            BinaryOp::Shr => "shr",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Xor => "xor",
            BinaryOp::Eq => "eq",
            BinaryOp::Ne => "ne",
            BinaryOp::Lt => "lt",
            BinaryOp::Le => "le",
            BinaryOp::Gt => "gt",
            BinaryOp::Ge => "ge",
            BinaryOp::Ult => "ult",
            BinaryOp::Ugt => "ugt",
            BinaryOp::AddWrap => "add.wrap",
            BinaryOp::SubWrap => "sub.wrap",
            BinaryOp::MulWrap => "mul.wrap",
            BinaryOp::UMulHi => "umulhi",
            BinaryOp::ShlWrap => "shl.wrap",
        }
    }

    /// Whether the operation can trap for some operands.
    pub fn can_trap(self) -> bool {
        matches!(
            self,
            BinaryOp::Add
                | BinaryOp::Sub
                | BinaryOp::Mul
                | BinaryOp::FloorDiv
                | BinaryOp::Mod
                | BinaryOp::Pow
                | BinaryOp::Shl
                | BinaryOp::Shr
        )
    }

    /// Whether the operation is a comparison (its result is 0 or 1).
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq
                | BinaryOp::Ne
                | BinaryOp::Lt
                | BinaryOp::Le
                | BinaryOp::Gt
                | BinaryOp::Ge
                | BinaryOp::Ult
                | BinaryOp::Ugt
        )
    }

    /// Whether `a op b == b op a` for all operands.
    pub fn is_commutative(self) -> bool {
        matches!(
            self,
            BinaryOp::Add
                | BinaryOp::Mul
                | BinaryOp::And
                | BinaryOp::Or
                | BinaryOp::Xor
                | BinaryOp::Eq
                | BinaryOp::Ne
                | BinaryOp::AddWrap
                | BinaryOp::MulWrap
                | BinaryOp::UMulHi
        )
    }
}

/// What an instruction does. The last four are terminators: exactly one ends
/// every block, and none appears elsewhere.
// An explicit tag byte (the size stays 16 bytes): which kind an
// instruction is, the question every pass asks, is then one byte to load
// instead of a value to decode from the niche of an argument vector.
//
// No `PartialEq`: the lists are handles into the function's pool (see
// [`InstKind::same_as`]). A clone shares the lists of the original.
#[repr(u8)]
#[derive(Clone, Debug)]
pub enum InstKind {
    /// `v = const 42`.
    Const(i64),
    /// `v = neg v1`.
    Unary(UnaryOp, Value),
    /// `v = add v1, v2`.
    Binary(BinaryOp, Value, Value),
    /// `v = select c, a, b`: `a` if `c != 0`, else `b`. Never traps.
    Select(Value, Value, Value),
    /// `v = call f(v1, v2)`: calls a function of the module. Counts one frame
    /// against the recursion limit. A buffer argument is two values, its
    /// address and its length (see [`Signature`]). The result of a call to
    /// a function returning `None` is never read. The arguments are a list
    /// in the function's pool ([`Function::args`]).
    Call(FuncId, ValueList),
    /// `v = call_host print(v1, v2)`: calls a host function the embedder
    /// declared; it may raise any exception. The result of a host function
    /// returning nothing is 0 and never read.
    CallHost(HostId, ValueList),
    /// `v = load.list v0, v3`: item `v3` of the buffer at address `v0`.
    /// Never traps: the index must already be checked (a
    /// [`InstKind::CheckIndex`] result, until the optimizer proves the
    /// check needless). Bytes load as 0..=255.
    Load(BufKind, Value, Value),
    /// `store.bytearray v0, v3, v5`: writes `v5` as item `v3` of the
    /// buffer at address `v0`. Never traps: the index must be checked, and
    /// a byte must be checked to lie in 0..=255 ([`InstKind::CheckByte`]).
    Store(BufKind, Value, Value, Value),
    /// `v = check_index.list.store v3, v1`: IndexError, with CPython's
    /// message for the kind and access, unless `0 <= v3 < v1`; the result
    /// is `v3`. `v = check_index.list.from_end v3, v1` counts a negative
    /// `v3` from the end: IndexError unless `-v1 <= v3 < v1`, and the
    /// result is `v3 + v1` for a negative `v3`, else `v3`. Loads and
    /// stores take their index from here.
    CheckIndex(IndexCheck, Value, Value),
    /// `v = check_byte v5`: ValueError (`byte must be in range(0, 256)`)
    /// unless `0 <= v5 <= 255`; the result is `v5`.
    CheckByte(Value),
    /// `fuel`: spends one unit of the call's fuel budget (FuelExhausted when
    /// none is left). Emitted at function entries and loop headers when
    /// compiling with fuel.
    Fuel,
    /// `frame_enter`: counts one frame against the recursion limit
    /// (RecursionError when the limit is reached), as a call would. The
    /// inliner puts it where an inlined call was.
    FrameEnter,
    /// `frame_exit`: gives back the frame of a `frame_enter`, as a return
    /// would.
    FrameExit,
    /// `jump block1(v1)`. A target is a handle into the function's pool
    /// ([`BlockCall`]), one `u32`: a branch holds both in place.
    Jump(BlockCall),
    /// `br c, block1(v1), block2`: the targets `[then, else]`, the first
    /// if `c != 0`.
    Branch(Value, [BlockCall; 2]),
    /// `ret v`.
    Return(Value),
    /// `trap ZeroDivisionError` or `trap AssertionError "message"`: stops the
    /// call with the exception. Without a message, the trap's default message
    /// is used. The message is boxed (one pointer: a `String` in place
    /// would make every instruction larger, see [`InstData`]); build one
    /// with [`InstKind::trap`].
    Trap(Trap, Option<Box<String>>),
}

impl InstKind {
    /// `trap ValueError "message"`, or `trap ValueError` without one.
    pub fn trap(trap: Trap, message: Option<String>) -> InstKind {
        InstKind::Trap(trap, message.map(Box::new))
    }

    /// Whether this instruction ends a block.
    pub fn is_terminator(&self) -> bool {
        matches!(
            self,
            InstKind::Jump(_) | InstKind::Branch(..) | InstKind::Return(_) | InstKind::Trap(..)
        )
    }

    /// Whether this instruction produces a value.
    pub fn has_result(&self) -> bool {
        matches!(
            self,
            InstKind::Const(_)
                | InstKind::Unary(..)
                | InstKind::Binary(..)
                | InstKind::Select(..)
                | InstKind::Call(..)
                | InstKind::CallHost(..)
                | InstKind::Load(..)
                | InstKind::CheckIndex(..)
                | InstKind::CheckByte(..)
        )
    }

    /// Whether this instruction writes memory or calls out (so that no
    /// load may move across it).
    pub fn writes_memory(&self) -> bool {
        matches!(
            self,
            InstKind::Store(..) | InstKind::Call(..) | InstKind::CallHost(..)
        )
    }

    /// Calls `f` on every value this instruction reads, in operand order
    /// (branch arguments included); its lists are in `pool`.
    #[inline]
    pub fn for_each_arg(&self, pool: &ValueListPool, mut f: impl FnMut(Value)) {
        match self {
            InstKind::Const(_)
            | InstKind::Fuel
            | InstKind::FrameEnter
            | InstKind::FrameExit
            | InstKind::Trap(..) => {}
            InstKind::Unary(_, a) | InstKind::Return(a) | InstKind::CheckByte(a) => f(*a),
            InstKind::Binary(_, a, b) | InstKind::Load(_, a, b) | InstKind::CheckIndex(_, a, b) => {
                f(*a);
                f(*b);
            }
            InstKind::Store(_, a, b, c) => {
                f(*a);
                f(*b);
                f(*c);
            }
            InstKind::Select(c, a, b) => {
                f(*c);
                f(*a);
                f(*b);
            }
            InstKind::Call(_, args) | InstKind::CallHost(_, args) => {
                pool.get(*args).iter().copied().for_each(f)
            }
            InstKind::Jump(dest) => dest.args(pool).iter().copied().for_each(f),
            InstKind::Branch(c, [t, e]) => {
                f(*c);
                t.args(pool).iter().copied().for_each(&mut f);
                e.args(pool).iter().copied().for_each(f);
            }
        }
    }

    /// Calls `f` on a mutable reference to every value this instruction
    /// reads, in the same order as [`InstKind::for_each_arg`]; its lists
    /// are in `pool`.
    #[inline]
    pub fn for_each_arg_mut(&mut self, pool: &mut ValueListPool, mut f: impl FnMut(&mut Value)) {
        match self {
            InstKind::Const(_)
            | InstKind::Fuel
            | InstKind::FrameEnter
            | InstKind::FrameExit
            | InstKind::Trap(..) => {}
            InstKind::Unary(_, a) | InstKind::Return(a) | InstKind::CheckByte(a) => f(a),
            InstKind::Binary(_, a, b) | InstKind::Load(_, a, b) | InstKind::CheckIndex(_, a, b) => {
                f(a);
                f(b);
            }
            InstKind::Store(_, a, b, c) => {
                f(a);
                f(b);
                f(c);
            }
            InstKind::Select(c, a, b) => {
                f(c);
                f(a);
                f(b);
            }
            InstKind::Call(_, args) | InstKind::CallHost(_, args) => {
                pool.get_mut(*args).iter_mut().for_each(f)
            }
            InstKind::Jump(dest) => dest.args_mut(pool).iter_mut().for_each(f),
            InstKind::Branch(c, [t, e]) => {
                f(c);
                t.args_mut(pool).iter_mut().for_each(&mut f);
                e.args_mut(pool).iter_mut().for_each(f);
            }
        }
    }

    /// Calls `f` on each list this instruction holds: a call's arguments,
    /// a target's block and arguments ([`BlockCall::list`], for a target
    /// with arguments).
    pub fn for_each_list(&self, mut f: impl FnMut(ValueList)) {
        match self {
            InstKind::Call(_, args) | InstKind::CallHost(_, args) => f(*args),
            InstKind::Jump(dest) => dest.list().into_iter().for_each(f),
            InstKind::Branch(_, [t, e]) => t.list().into_iter().chain(e.list()).for_each(f),
            _ => {}
        }
    }

    /// [`InstKind::for_each_list`], to replace each list by a copy (in
    /// another pool, or compacted).
    pub fn for_each_list_mut(&mut self, mut f: impl FnMut(&mut ValueList)) {
        match self {
            InstKind::Call(_, args) | InstKind::CallHost(_, args) => f(args),
            InstKind::Jump(dest) => dest.list_mut().into_iter().for_each(f),
            InstKind::Branch(_, [t, e]) => {
                t.list_mut().into_iter().for_each(&mut f);
                e.list_mut().into_iter().for_each(f);
            }
            _ => {}
        }
    }

    /// Whether this instruction, with its lists in `pool`, is the same as
    /// `other` with its lists in `other_pool`: the same kind, operands and
    /// list values, whatever the handles.
    pub fn same_as(
        &self,
        pool: &ValueListPool,
        other: &InstKind,
        other_pool: &ValueListPool,
    ) -> bool {
        use InstKind as K;
        let lists = |a: ValueList, b: ValueList| pool.try_get(a) == other_pool.try_get(b);
        let calls = |a: BlockCall, b: BlockCall| a.try_get(pool) == b.try_get(other_pool);
        match (self, other) {
            (K::Const(a), K::Const(b)) => a == b,
            (K::Unary(op, a), K::Unary(op2, a2)) => op == op2 && a == a2,
            (K::Binary(op, a, b), K::Binary(op2, a2, b2)) => op == op2 && a == a2 && b == b2,
            (K::Select(c, a, b), K::Select(c2, a2, b2)) => c == c2 && a == a2 && b == b2,
            (K::Call(f, args), K::Call(f2, args2)) => f == f2 && lists(*args, *args2),
            (K::CallHost(h, args), K::CallHost(h2, args2)) => h == h2 && lists(*args, *args2),
            (K::Load(k, b, i), K::Load(k2, b2, i2)) => k == k2 && b == b2 && i == i2,
            (K::Store(k, b, i, v), K::Store(k2, b2, i2, v2)) => {
                k == k2 && b == b2 && i == i2 && v == v2
            }
            (K::CheckIndex(c, i, n), K::CheckIndex(c2, i2, n2)) => c == c2 && i == i2 && n == n2,
            (K::CheckByte(v), K::CheckByte(v2)) => v == v2,
            (K::Fuel, K::Fuel) | (K::FrameEnter, K::FrameEnter) | (K::FrameExit, K::FrameExit) => {
                true
            }
            (K::Jump(d), K::Jump(d2)) => calls(*d, *d2),
            (K::Branch(c, [t, e]), K::Branch(c2, [t2, e2])) => {
                c == c2 && calls(*t, *t2) && calls(*e, *e2)
            }
            (K::Return(v), K::Return(v2)) => v == v2,
            (K::Trap(t, m), K::Trap(t2, m2)) => t == t2 && m == m2,
            _ => false,
        }
    }

    /// The jump targets of a terminator (none for other instructions).
    pub fn successors(&self) -> impl Iterator<Item = BlockCall> {
        let (a, b) = match *self {
            InstKind::Jump(dest) => (Some(dest), None),
            InstKind::Branch(_, [t, e]) => (Some(t), Some(e)),
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }

    /// The jump targets of a terminator, to replace.
    pub fn successors_mut(&mut self) -> impl Iterator<Item = &mut BlockCall> + '_ {
        let (a, b) = match self {
            InstKind::Jump(dest) => (Some(dest), None),
            InstKind::Branch(_, [t, e]) => (Some(t), Some(e)),
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }
}

/// An instruction and its result. (No `PartialEq`, as [`InstKind`].)
#[derive(Clone, Debug)]
pub struct InstData {
    /// What it does.
    pub kind: InstKind,
    /// The value it defines, if its kind produces one.
    pub result: Option<Value>,
}

// Instructions are most of the IR's memory and every pass walks them: a
// larger variant (an argument `Vec` instead of a [`ValueList`], a trap's
// message as a `String`, a target as a block and a list instead of one
// handle) would make them 32 bytes or more again. At 16 bytes an
// `InstKind` is also passed to `create_inst` in two registers: at 24 it
// went through memory, and the copy stalled on the caller's stores still
// in flight (7% of the wall-clock time of 10,000 lines of divisions).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<InstKind>() == 16);
#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<InstData>() == 24);

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
