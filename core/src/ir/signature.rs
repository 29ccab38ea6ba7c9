//! What functions take and give: buffer and parameter kinds, signatures,
//! and the host functions an embedder declares.

use super::Access;
use crate::trap::msg;
use alloc::string::String;
use alloc::vec::Vec;

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
/// [`crate::Host`] with the declaration's [`HostId`](super::HostId).
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
