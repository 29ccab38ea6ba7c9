//! Python exceptions for what a compile or a call reports: a trap becomes
//! the built-in exception of its name with minijit's message (CPython's
//! where CPython raises the same exception), fuel exhaustion the package's
//! own `minijit.FuelExhausted`.

use minijit::{CallError, Exception, Trap};
use pyo3::exceptions::{
    PyAssertionError, PyException, PyIndexError, PyOverflowError, PyRecursionError, PyRuntimeError,
    PyTypeError, PyUnboundLocalError, PyValueError, PyZeroDivisionError,
};
use pyo3::PyErr;

pyo3::create_exception!(
    minijit,
    FuelExhausted,
    PyException,
    "A jitted call ran out of its fuel budget (`@minijit.jit(fuel=N)`): it \
     counted N loop iterations and calls. CPython has no such exception."
);

pyo3::create_exception!(
    minijit,
    CompileFailure,
    PyException,
    "Raised by `_minijit.compile`: args are (message, start, end), the span in \
     bytes of the source text. The package turns it into `minijit.CompileError`."
);

/// The Python exception for a trap.
pub fn trap_to_py(exception: Exception) -> PyErr {
    let mut message = exception.message.into_owned();
    if exception.trap == Trap::ZeroDivisionError
        && message == "integer modulo by zero"
        && crate::python_before(11)
    {
        // CPython 3.10 and older say so for `%` too.
        message = "integer division or modulo by zero".to_string();
    }
    // A bare `assert` raises AssertionError() without arguments, as CPython;
    // `assert e, ""` raises AssertionError('').
    if exception.bare {
        return PyAssertionError::new_err(());
    }
    if message.is_empty() && exception.trap != Trap::AssertionError {
        return new_err(exception.trap, exception.trap.default_message().to_string());
    }
    new_err(exception.trap, message)
}

fn new_err(trap: Trap, message: String) -> PyErr {
    match trap {
        Trap::OverflowError => PyOverflowError::new_err(message),
        Trap::ZeroDivisionError => PyZeroDivisionError::new_err(message),
        Trap::ValueError => PyValueError::new_err(message),
        Trap::AssertionError => PyAssertionError::new_err(message),
        Trap::UnboundLocalError => PyUnboundLocalError::new_err(message),
        Trap::RecursionError => PyRecursionError::new_err(message),
        Trap::FuelExhausted => FuelExhausted::new_err(message),
        Trap::IndexError => PyIndexError::new_err(message),
    }
}

/// The Python exception for a call that did not return a value. The
/// argument checks before the call make every error but a trap a bug of
/// this module; they still raise rather than crash.
pub fn call_error_to_py(error: CallError) -> PyErr {
    match error {
        CallError::Trap(exception) => trap_to_py(exception),
        e @ (CallError::WrongArgCount { .. }
        | CallError::WrongArgKind { .. }
        | CallError::BufferTooLarge { .. }) => PyTypeError::new_err(e.to_string()),
        e => PyRuntimeError::new_err(e.to_string()),
    }
}
