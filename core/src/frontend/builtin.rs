//! The builtin functions: their names and how many arguments each takes.
//!
//! The checker binds these names before any `def`. A module function or
//! constant may take the name of one (but `range` and `enumerate`, which
//! `for` loops name), as in Python; a local, parameter or host function may
//! not. The checker's
//! constant evaluator and the lowering `match` on [`Builtin`] for what a
//! call means.

/// A builtin function of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `abs(x)`.
    Abs,
    /// `min(a, b, ...)`: two or more integers.
    Min,
    /// `max(a, b, ...)`: two or more integers.
    Max,
    /// `int()` or `int(x)`.
    Int,
    /// `bool()` or `bool(x)`.
    Bool,
    /// `range(...)`, only as the iterable of a `for`.
    Range,
    /// `len(buffer)`.
    Len,
    /// `enumerate(buffer)`, only as the iterable of a `for`.
    Enumerate,
}

impl Builtin {
    /// Every builtin.
    pub const ALL: [Builtin; 8] = [
        Builtin::Abs,
        Builtin::Min,
        Builtin::Max,
        Builtin::Int,
        Builtin::Bool,
        Builtin::Range,
        Builtin::Len,
        Builtin::Enumerate,
    ];

    /// The name a program calls it by, e.g. `"len"`.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Abs => "abs",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Int => "int",
            Builtin::Bool => "bool",
            Builtin::Range => "range",
            Builtin::Len => "len",
            Builtin::Enumerate => "enumerate",
        }
    }

    /// The fewest and the most arguments it takes (`usize::MAX`: no
    /// limit).
    pub fn arity(self) -> (usize, usize) {
        match self {
            Builtin::Abs | Builtin::Len | Builtin::Enumerate => (1, 1),
            Builtin::Min | Builtin::Max => (2, usize::MAX),
            Builtin::Int | Builtin::Bool => (0, 1),
            Builtin::Range => (1, 3),
        }
    }

    /// Whether a module function or constant may take its name, as in
    /// Python (calls then go to the module's): all but `range` and
    /// `enumerate`, which `for` loops name.
    pub fn can_be_shadowed(self) -> bool {
        !matches!(self, Builtin::Range | Builtin::Enumerate)
    }

    /// The builtin called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Builtin;

    #[test]
    fn names_round_trip() {
        for builtin in Builtin::ALL {
            assert_eq!(Builtin::from_name(builtin.name()), Some(builtin));
        }
        assert_eq!(Builtin::from_name("print"), None);
    }
}
