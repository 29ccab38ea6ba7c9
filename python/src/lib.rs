//! `minijit._minijit`: the native part of the `minijit` Python package.
//!
//! The decorator itself is Python (`minijit/__init__.py`): it finds a
//! function's source, the jitted functions it calls and the module
//! constants it reads, and puts them together as one program. This module
//! compiles that program ([`program::compile`]), maps its code (W^X, with
//! the `host` crate's loader), and calls it ([`function::JitState`]):
//!
//! | module | concern |
//! |---|---|
//! | `program` | compiling, mapping, disassembly and IR of a program |
//! | `function` | the jitted function: first-call compile, binding, the call |
//! | `front` | the object the decorator returns: vectorcall for integer calls |
//! | `args` | Python values as call arguments, and lists written back |
//! | `buffer` | the buffer protocol (pinned memory, no copy) |
//! | `stack` | the stack a call may give compiled code |
//! | `errors` | traps as Python's built-in exceptions |

mod args;
mod buffer;
mod errors;
mod front;
mod function;
mod print;
mod program;
mod stack;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use std::sync::atomic::{AtomicU8, Ordering};

/// The minor version of the CPython 3 the module runs in (set at init).
static PYTHON_MINOR: AtomicU8 = AtomicU8::new(u8::MAX);

/// Whether the interpreter is older than CPython 3.`minor` (the stable
/// ABI is the same; some behaviours are not).
fn python_before(minor: u8) -> bool {
    PYTHON_MINOR.load(Ordering::Relaxed) < minor
}

/// The front type (`minijit.JitFunction`), made at initialisation.
static FRONT_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn front_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    FRONT_TYPE
        .get_or_try_init(py, || front::make_type(py).map(Bound::unbind))
        .map(|t| t.bind(py))
}

/// The callable `@minijit.jit` returns for a `JitState`.
#[pyfunction]
fn make_front(state: &Bound<'_, function::JitState>) -> PyResult<Py<PyAny>> {
    front::new_front(front_type(state.py())?, state).map(Bound::unbind)
}

/// The `JitState` behind a jitted function (or the state itself), or None.
#[pyfunction]
fn state_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, function::JitState>>> {
    Ok(front::target_of(front_type(obj.py())?, obj))
}

#[pymodule]
fn _minijit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    PYTHON_MINOR.store(py.version_info().minor, Ordering::Relaxed);
    m.add_class::<program::Program>()?;
    m.add_class::<function::JitState>()?;
    m.add("JitFunction", front_type(py)?)?;
    m.add_function(wrap_pyfunction!(make_front, m)?)?;
    m.add_function(wrap_pyfunction!(state_of, m)?)?;
    m.add_function(wrap_pyfunction!(program::compile, m)?)?;
    m.add("FuelExhausted", py.get_type::<errors::FuelExhausted>())?;
    m.add("CompileFailure", py.get_type::<errors::CompileFailure>())?;
    Ok(())
}
