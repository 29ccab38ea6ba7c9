//! A compiled program in executable pages, as a Python object that owns
//! both: `_minijit.compile(source, fuel)` gives one, and every
//! [`crate::function::JitState`] compiled from it calls into it.
//!
//! Needs: source text in minijit's language (the decorator assembles it).
//! Gives: the code mapped by `host::jit` (written while read-write, then
//! read-execute, never both), its disassembly and its IR.

use crate::errors::CompileFailure;
use host::jit::Loaded;
use minijit::{Code, Compiler, HostDecl, Options};
use pyo3::exceptions::{PyKeyError, PyMemoryError};
use pyo3::prelude::*;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::sync::{Mutex, PoisonError};

/// A program and the pages its code runs in, kept together: the loaded
/// code borrows the program, so the program lives on the heap at a fixed
/// address and is freed only after the pages are unmapped.
struct Owned {
    /// Borrows `*program`; dropped by hand, first.
    loaded: ManuallyDrop<Loaded<'static>>,
    /// From `Box::into_raw`; freed in `Drop`.
    program: NonNull<minijit::Program>,
}

// SAFETY: `Owned` only ever hands out shared references to the program
// and its code, which are `Sync` (minijit's `Program` is immutable after
// compiling, and a call keeps its state in its own context); the pages are
// an `Mmap`, which is `Send` and `Sync`.
unsafe impl Send for Owned {}
// SAFETY: as above.
unsafe impl Sync for Owned {}

const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<minijit::Program>();
    shareable::<Loaded<'static>>();
};

impl Owned {
    fn load(program: minijit::Program) -> Result<Owned, String> {
        let program = NonNull::from(Box::leak(Box::new(program)));
        // SAFETY: the program stays at this address until `Drop`, which
        // drops the borrow (`loaded`) before freeing it.
        let borrowed: &'static minijit::Program = unsafe { program.as_ref() };
        match host::jit::load(borrowed) {
            Ok(loaded) => Ok(Owned {
                loaded: ManuallyDrop::new(loaded),
                program,
            }),
            Err(e) => {
                // SAFETY: nothing borrows the program any more.
                drop(unsafe { Box::from_raw(program.as_ptr()) });
                Err(e.0)
            }
        }
    }

    fn program(&self) -> &minijit::Program {
        // SAFETY: valid until `Drop`, and never borrowed mutably.
        unsafe { self.program.as_ref() }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: dropped once, here; nothing uses it afterwards.
        unsafe { ManuallyDrop::drop(&mut self.loaded) };
        // SAFETY: from `Box::into_raw` in `load`; its only borrow is gone.
        drop(unsafe { Box::from_raw(self.program.as_ptr()) });
    }
}

/// A compiled program: its functions, in executable memory.
#[pyclass(frozen, module = "minijit._minijit")]
pub struct Program {
    owned: Owned,
    source: String,
    /// Whether `print` was declared (for the front end's IR again).
    print: bool,
}

impl Program {
    /// The program as minijit has it (signatures, IR).
    pub fn program(&self) -> &minijit::Program {
        self.owned.program()
    }

    /// The executable code.
    pub fn code(&self) -> &Code<'static> {
        self.owned.loaded.code()
    }
}

#[pymethods]
impl Program {
    /// The source text it was compiled from.
    #[getter]
    fn source(&self) -> &str {
        &self.source
    }

    /// Bytes of machine code.
    #[getter]
    fn code_size(&self) -> usize {
        self.program().code_size()
    }

    /// The names of its functions, in source order.
    fn functions(&self) -> Vec<String> {
        self.program()
            .functions()
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// The disassembly (Intel syntax) of one function, or of all.
    #[pyo3(signature = (name=None))]
    fn disassemble(&self, name: Option<&str>) -> PyResult<String> {
        if let Some(name) = name {
            if self.program().function(name).is_none() {
                return Err(PyKeyError::new_err(name.to_string()));
            }
        }
        Ok(host::disasm::disassemble(self.program(), name))
    }

    /// The SSA IR: after the optimizer (what the machine code is made
    /// from), or as the front end lowers it.
    #[pyo3(signature = (optimized=true))]
    fn ir(&self, optimized: bool) -> PyResult<String> {
        if let (true, Some(module)) = (optimized, self.program().ir()) {
            return Ok(module.to_string());
        }
        let options = options(self.program().has_fuel(), self.print);
        let module = with_compiler(|c| c.compile_to_ir(&self.source, &options))
            .map_err(|e| CompileFailure::new_err((e.message, e.span.start, e.span.end)))?;
        Ok(module.to_string())
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self.program().functions().map(|(n, _)| n).collect();
        format!(
            "<minijit program: {} ({} bytes of code)>",
            names.join(", "),
            self.program().code_size()
        )
    }
}

/// The options of a compile: the optimized IR is kept, for `ir()` and for
/// telling functions that run briefly from those that may run long; with
/// `print`, the host function `print(e, ...)` is declared.
fn options(fuel: bool, print: bool) -> Options {
    Options {
        fuel,
        keep_ir: true,
        hosts: if print {
            vec![HostDecl::print()]
        } else {
            Vec::new()
        },
        ..Options::default()
    }
}

/// Compile contexts kept from one compile to the next (a decorated
/// module compiles each function on its first call): a compiling thread
/// takes one, or makes one if none is free, and puts it back, so that
/// threads compile at once and the pool holds as many as ever compiled
/// together.
static COMPILERS: Mutex<Vec<Compiler>> = Mutex::new(Vec::new());

/// Runs `f` with a compile context from [`COMPILERS`].
fn with_compiler<T>(f: impl FnOnce(&mut Compiler) -> T) -> T {
    let pool = || COMPILERS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut compiler = pool().pop().unwrap_or_default();
    let out = f(&mut compiler);
    pool().push(compiler);
    out
}

/// Compiles `source` and maps its code. With `fuel`, the code counts loop
/// iterations and calls so that a call can be given a budget; with
/// `print`, the program may call `print(e, ...)`, which writes to
/// `sys.stdout` ([`crate::print`]).
///
/// Raises `CompileFailure(message, start, end)` (byte offsets into
/// `source`) for source outside the language.
#[pyfunction]
#[pyo3(signature = (source, fuel=false, print=false))]
pub fn compile(py: Python<'_>, source: String, fuel: bool, print: bool) -> PyResult<Program> {
    let options = options(fuel, print);
    let compiled = py.detach(|| with_compiler(|c| c.compile(&source, &options)));
    let program =
        compiled.map_err(|e| CompileFailure::new_err((e.message, e.span.start, e.span.end)))?;
    let owned = Owned::load(program).map_err(PyMemoryError::new_err)?;
    Ok(Program {
        owned,
        source,
        print,
    })
}
