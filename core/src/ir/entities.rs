//! Typed `u32` indices for IR entities. Each prints as its text-format name.

use core::fmt;

macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The entity with index `index`.
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("IR entity index fits in u32"))
            }

            /// This entity's index, for indexing tables.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    };
}

entity!(
    /// An SSA value: a block parameter or an instruction's result. Prints as `v3`.
    Value,
    "v"
);
entity!(
    /// A basic block. Prints as `block0`.
    Block,
    "block"
);
entity!(
    /// An instruction. Prints as `inst7` (instructions have no name in the
    /// text form; this is for debugging).
    Inst,
    "inst"
);
entity!(
    /// A function of a module, by index. Prints as `fn2`; the text form uses
    /// the function's name instead.
    FuncId,
    "fn"
);
entity!(
    /// A host function the embedder declared, by index. Prints as `host1`;
    /// the text form uses its name instead.
    HostId,
    "host"
);
