//! The host function jitted code may call: `print(e, ...)`, as the command
//! line declares it (minijit's language has no other output).
//!
//! Needs: a program compiled with [`minijit::HostDecl::print`] (the
//! decorator declares it unless the module defines a `print` of its own).
//! Gives: [`Print`], the [`minijit::Host`] a call runs with.

use minijit::{Exception, Host, HostId, Trap};
use pyo3::prelude::*;

/// Writes each `print(...)` of a call to `sys.stdout` as Python's `print`
/// writes integers: one space apart, then a newline (nothing when
/// `sys.stdout` is None, as in CPython). It takes the GIL for the write
/// (the call runs without it). A write that raises stops the call; the
/// exception is kept for the call to raise instead of a trap.
#[derive(Default)]
pub struct Print {
    pub failed: Option<PyErr>,
}

impl Host for Print {
    fn call(&mut self, _: HostId, values: &[i64]) -> Result<i64, Exception> {
        // Deep in compiled frames (a large `recursion_limit`), a `write`
        // could need more stack than is left.
        if !crate::stack::room_for_callback() {
            return Err(Exception::with_message(
                Trap::RecursionError,
                "maximum recursion depth exceeded: too little stack left for print",
            ));
        }
        let line: Vec<String> = values.iter().map(i64::to_string).collect();
        let mut line = line.join(" ");
        line.push('\n');
        let written = Python::attach(|py| -> PyResult<()> {
            let stdout = py.import("sys")?.getattr("stdout")?;
            if !stdout.is_none() {
                stdout.call_method1("write", (line,))?;
            }
            Ok(())
        });
        written.map(|()| 0).map_err(|e| {
            self.failed = Some(e);
            Exception::with_message(Trap::ValueError, "print failed")
        })
    }
}
