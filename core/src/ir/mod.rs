//! The SSA intermediate representation.
//!
//! A [`Module`] holds [`Function`]s; a function holds blocks with parameters
//! (instead of phi nodes) and instructions, all addressed by `u32` index
//! newtypes ([`Value`], [`Block`], [`Inst`], [`FuncId`]) that print as their
//! text names (`v3`, `block0`). The text form ([`text`]) prints and parses
//! back; [`verify`] checks the invariants every stage must keep.

pub mod dom;
mod entities;
mod function;
mod inst_list;
pub mod loops;
pub mod subst;
pub mod text;
pub mod value_list;
pub mod verify;

pub use entities::{Block, FuncId, HostId, Inst, Value};
pub use function::{
    Access, BinaryOp, BlockCall, BlockData, BufKind, Function, HostArity, HostDecl, IndexCheck,
    InstData, InstKind, Module, ParamKind, Returns, Signature, UnaryOp, ValueDef, ValueList,
};
pub use inst_list::InstList;
