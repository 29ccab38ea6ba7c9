//! Instructions: the operators, what each instruction does
//! ([`InstKind`]) and its result ([`InstData`]).

use super::{BlockCall, BufKind, FuncId, HostId, Value, ValueList, ValueListPool};
use crate::trap::Trap;
use alloc::boxed::Box;
use alloc::string::String;

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
    /// address and its length (see [`Signature`](super::Signature)). The result of a call to
    /// a function returning `None` is never read. The arguments are a list
    /// in the function's pool ([`Function::args`](super::Function::args)).
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
