//! The SSA intermediate representation.
//!
//! A [`Module`] holds [`Function`]s; a function holds blocks with parameters
//! (instead of phi nodes) and instructions, all addressed by `u32` index
//! newtypes ([`Value`], [`Block`], [`Inst`], [`FuncId`]) that print as their
//! text names (`v3`, `block0`); the lists of values among them (a call's
//! arguments, a jump's, a block's parameters) are `u32` handles into one
//! pool per function ([`value_list`]). The text form ([`text`]) prints and
//! parses back; [`verify`] checks the invariants every stage must keep.

pub mod dom;
mod entities;
mod function;
mod inst;
mod inst_list;
pub mod loops;
mod signature;
pub mod subst;
pub mod text;
pub mod value_list;
pub mod verify;

pub use entities::{Block, FuncId, HostId, Inst, Value};
pub use function::{BlockData, Function, Module, ValueDef};
pub use inst::{Access, BinaryOp, IndexCheck, InstData, InstKind, UnaryOp};
pub use inst_list::InstList;
pub use signature::{BufKind, HostArity, HostDecl, ParamKind, Returns, Signature};
pub use value_list::{BlockCall, ValueList, ValueListPool};
