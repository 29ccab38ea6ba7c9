//! `minijit._minijit`: the native part of the `minijit` Python package.
//!
//! The decorator itself is Python (`minijit/__init__.py`): it finds a
//! function's source, the jitted functions it calls and the module
//! constants it reads, and puts them together as one program. This module
//! compiles that program ([`program::compile`]), maps its code (W^X, with
//! the `host` crate's loader), and calls it ([`function::JitFunction`]):
//!
//! | module | concern |
//! |---|---|
//! | `program` | compiling, mapping, disassembly and IR of a program |
//! | `function` | the jitted function: first-call compile, binding, the call |
//! | `args` | Python values as call arguments, and lists written back |
//! | `buffer` | the buffer protocol (pinned memory, no copy) |
//! | `stack` | the stack a call may give compiled code |
//! | `errors` | traps as Python's built-in exceptions |

mod args;
mod buffer;
mod errors;
mod function;
mod program;
mod stack;

use pyo3::prelude::*;

#[pymodule]
fn _minijit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<program::Program>()?;
    m.add_class::<function::JitFunction>()?;
    m.add_function(wrap_pyfunction!(program::compile, m)?)?;
    m.add("FuelExhausted", py.get_type::<errors::FuelExhausted>())?;
    m.add("CompileFailure", py.get_type::<errors::CompileFailure>())?;
    Ok(())
}
