//! `JitState`: everything behind a function `@minijit.jit` decorated (the
//! decorator returns a [`crate::front`] that calls integer functions
//! directly and hands everything else to this). Its first call (or
//! `compile()`) asks the package's Python side for a compiled program;
//! every call then binds the arguments, converts them, releases the GIL,
//! runs the compiled code on the calling thread's own stack, and converts
//! the result or the exception.
//!
//! Needs: the original function, a compile hook (Python:
//! `hook(state) -> Program`), the names of its parameters.
//! Gives: a callable whose answers are the compiled code's.

use crate::args::{self, Named, Value};
use crate::errors::call_error_to_py;
use crate::print::Print;
use crate::program::Program;
use crate::stack;
use minijit::ir::{self, InstKind};
use minijit::{Arg, FuncRef, Limits, ParamKind, Returns};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};
use std::sync::OnceLock;

/// What a compiled function needs on every call.
struct Compiled {
    program: Py<Program>,
    func: FuncRef,
    params: Vec<ParamKind>,
    /// Whether every parameter is an integer (the fast path).
    ints_only: bool,
    /// Whether the function has no loops and calls nothing: it finishes
    /// in nanoseconds, less than releasing the GIL would cost, so it keeps
    /// the GIL as a C builtin does.
    brief: bool,
    returns: Returns,
    /// Stack for `recursion_limit` frames of the program's largest
    /// function: with this much, RecursionError comes exactly at the limit.
    stack_needed: usize,
}

/// A Python function compiled to machine code on its first call, and the
/// options of its calls.
#[pyclass(frozen, dict, weakref, module = "minijit")]
pub struct JitState {
    py_func: Py<PyAny>,
    compile_hook: Py<PyAny>,
    /// The `def` name: the function's name in the compiled program.
    name: String,
    /// The name CPython uses in argument errors (the qualified name).
    display_name: String,
    params: Vec<String>,
    recursion_limit: u32,
    fuel: Option<u64>,
    compiled: OnceLock<Compiled>,
}

#[pymethods]
impl JitState {
    #[new]
    #[pyo3(signature = (py_func, compile_hook, name, display_name, params, recursion_limit=1000, fuel=None))]
    fn new(
        py_func: Py<PyAny>,
        compile_hook: Py<PyAny>,
        name: String,
        display_name: String,
        params: Vec<String>,
        recursion_limit: u32,
        fuel: Option<u64>,
    ) -> PyResult<JitState> {
        if recursion_limit == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "recursion_limit must be at least 1",
            ));
        }
        Ok(JitState {
            py_func,
            compile_hook,
            name,
            display_name,
            params,
            recursion_limit,
            fuel,
            compiled: OnceLock::new(),
        })
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(
        slf: &Bound<'_, Self>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let this = slf.get();
        let py = slf.py();
        let compiled = this.compiled(slf)?;
        let n = args.len();
        if n <= MAX_FAST_INTS && kwargs.is_none_or(|k| k.is_empty()) {
            let mut items = [std::ptr::null_mut(); MAX_FAST_INTS];
            for (i, item) in items.iter_mut().enumerate().take(n) {
                // SAFETY: `args` is a live tuple of `n` items; each is
                // borrowed from it for the call.
                *item = unsafe { ffi::PyTuple_GetItem(args.as_ptr(), i as ffi::Py_ssize_t) };
            }
            if let Some(outcome) = this.call_ints_fast(py, &items[..n]) {
                return outcome;
            }
        }
        let mut values = this.bind_and_convert(compiled, args, kwargs)?;
        let outcome = {
            let mut call_args = args::as_args(&mut values, &this.params, &this.display_name)?;
            this.run(py, compiled, &mut call_args)
        };
        args::write_back(&values)?;
        drop(values);
        result(py, outcome)
    }

    /// Compiles now if not compiled yet (what `eager=True` does).
    fn compile(slf: &Bound<'_, Self>) -> PyResult<()> {
        slf.get().compiled(slf).map(|_| ())
    }

    /// The original Python function.
    #[getter]
    fn py_func(&self, py: Python<'_>) -> Py<PyAny> {
        self.py_func.clone_ref(py)
    }

    /// The compiled program (this function and the jitted functions it
    /// calls), or None before the first call.
    #[getter]
    fn program(&self, py: Python<'_>) -> Option<Py<Program>> {
        self.compiled.get().map(|c| c.program.clone_ref(py))
    }

    #[getter]
    fn recursion_limit(&self) -> u32 {
        self.recursion_limit
    }

    #[getter]
    fn fuel(&self) -> Option<u64> {
        self.fuel
    }

    /// The parameter kinds of the compiled function (`int`, `bytes`,
    /// `bytearray`, `list[int]`) and its result (`int` or `None`), or None
    /// before the first call.
    #[getter]
    fn signature(&self) -> Option<(Vec<&'static str>, &'static str)> {
        self.compiled.get().map(|c| {
            let params = c.params.iter().map(|p| p.name()).collect();
            let returns = match c.returns {
                Returns::Int => "int",
                Returns::None => "None",
            };
            (params, returns)
        })
    }

    fn __repr__(&self) -> String {
        format!("<minijit.jit function {}>", self.display_name)
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.py_func)?;
        visit.call(&self.compile_hook)?;
        if let Some(compiled) = self.compiled.get() {
            visit.call(&compiled.program)?;
        }
        Ok(())
    }
}

/// The most integer arguments the fast path takes (on the stack).
const MAX_FAST_INTS: usize = 8;

/// The Python value of a call's outcome.
fn result(py: Python<'_>, outcome: PyResult<Option<i64>>) -> PyResult<Py<PyAny>> {
    match outcome? {
        Some(v) => Ok(v.into_pyobject(py)?.into_any().unbind()),
        None => Ok(py.None()),
    }
}

impl JitState {
    /// Runs the compiled function with the GIL released; its result, or
    /// the exception it raised (a trap, or what a `print` raised).
    fn run(
        &self,
        py: Python<'_>,
        compiled: &Compiled,
        args: &mut [Arg<'_>],
    ) -> PyResult<Option<i64>> {
        let limits = Limits {
            recursion_limit: self.recursion_limit,
            fuel: self.fuel,
            stack_bytes: compiled.stack_needed.min(stack::available()),
        };
        let code = compiled.program.get().code();
        let func = compiled.func;
        let mut print = Print::default();
        // SAFETY: `stack::available` measured that this thread has
        // `limits.stack_bytes` to spare below here (the margin it keeps
        // covers `Code::call` itself; a `print` runs Python's write on the
        // same stack only where `stack::room_for_callback` allows).
        let mut call = || unsafe { code.call(func, args, &limits, &mut print) };
        let outcome = if compiled.brief {
            call()
        } else {
            py.detach(call)
        };
        match print.failed {
            Some(e) => Err(e),
            None => outcome.map_err(call_error_to_py),
        }
    }

    /// The fast path, without allocation (the front calls it with
    /// CPython's vectorcall arguments): `None` unless the function is
    /// compiled, takes only integers and gets that many, each a 64-bit
    /// `int`. Anything else takes the full path, which also words the
    /// errors.
    pub fn call_ints_fast(
        &self,
        py: Python<'_>,
        args: &[*mut ffi::PyObject],
    ) -> Option<PyResult<Py<PyAny>>> {
        let compiled = self.compiled.get()?;
        let n = args.len();
        if !compiled.ints_only || n != self.params.len() || n > MAX_FAST_INTS {
            return None;
        }
        let mut ints = [0i64; MAX_FAST_INTS];
        // CPython 3.9 converts anything with `__int__` (a float, with a
        // DeprecationWarning): only integers and `__index__` there.
        let index_only = crate::python_before(10);
        for (slot, &item) in ints.iter_mut().zip(args) {
            // SAFETY: the caller passes live objects.
            if index_only && unsafe { ffi::PyIndex_Check(item) } == 0 {
                return None;
            }
            // SAFETY: as above.
            let value = unsafe { ffi::PyLong_AsLongLong(item) };
            if value == -1 && PyErr::occurred(py) {
                // Not a 64-bit integer: the full path says why. (Cleared,
                // not taken: a taken error dropped here would wait in
                // pyo3's pool, see `front::fast`.)
                // SAFETY: attached.
                unsafe { ffi::PyErr_Clear() };
                return None;
            }
            *slot = value;
        }
        let mut call_args: [Arg<'_>; MAX_FAST_INTS] = std::array::from_fn(|i| Arg::Int(ints[i]));
        Some(result(py, self.run(py, compiled, &mut call_args[..n])))
    }

    /// The compiled function, compiling it first if needed. Two threads
    /// that both make a first call may both compile; one result is kept.
    fn compiled(&self, slf: &Bound<'_, Self>) -> PyResult<&Compiled> {
        if let Some(compiled) = self.compiled.get() {
            return Ok(compiled);
        }
        let program = self.compile_hook.bind(slf.py()).call1((slf,))?;
        let program = program.cast_into::<Program>()?;
        let compiled = {
            let inner = program.get().program();
            let func = inner.function(&self.name).ok_or_else(|| {
                PyRuntimeError::new_err(format!(
                    "the compiled program has no function `{}`",
                    self.name
                ))
            })?;
            let signature = inner.signature(func).expect("the program's own function");
            Compiled {
                func,
                params: signature.params.clone(),
                ints_only: signature.params.iter().all(|&p| p == ParamKind::Int),
                brief: inner
                    .ir()
                    .is_some_and(|m| runs_briefly(&m.functions[func.index()])),
                returns: signature.returns,
                stack_needed: inner.stack_needed(self.recursion_limit),
                program: program.unbind(),
            }
        };
        if compiled.params.len() != self.params.len() {
            return Err(PyRuntimeError::new_err(format!(
                "{}() has {} parameters but its compiled code takes {}",
                self.display_name,
                self.params.len(),
                compiled.params.len()
            )));
        }
        let _ = self.compiled.set(compiled);
        Ok(self.compiled.get().expect("set just now"))
    }

    /// Binds positional and keyword arguments to the parameters as CPython
    /// does for a function without defaults, and converts each.
    fn bind_and_convert<'py>(
        &self,
        compiled: &Compiled,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Vec<Value<'py>>> {
        let n = self.params.len();
        let convert = |i: usize, obj: &Bound<'py, PyAny>| {
            let name = Named {
                function: &self.display_name,
                param: &self.params[i],
            };
            args::convert(obj, compiled.params[i], &name)
        };
        let given = args.len();
        let no_keywords = kwargs.is_none_or(|k| k.is_empty());
        if given == n && no_keywords {
            return args
                .iter()
                .enumerate()
                .map(|(i, a)| convert(i, &a))
                .collect();
        }
        if given > n {
            return Err(self.too_many(given));
        }
        let mut bound: Vec<Option<Bound<'py, PyAny>>> = args.iter().map(Some).collect();
        bound.resize(n, None);
        if let Some(kwargs) = kwargs {
            for (key, value) in kwargs.iter() {
                let key = key.cast_into::<PyString>()?;
                let key = key.to_cow()?;
                let Some(i) = self.params.iter().position(|p| *p == key) else {
                    return Err(PyTypeError::new_err(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        self.display_name
                    )));
                };
                if bound[i].is_some() {
                    return Err(PyTypeError::new_err(format!(
                        "{}() got multiple values for argument '{key}'",
                        self.display_name
                    )));
                }
                bound[i] = Some(value);
            }
        }
        let missing: Vec<&str> = (0..n)
            .filter(|&i| bound[i].is_none())
            .map(|i| self.params[i].as_str())
            .collect();
        if !missing.is_empty() {
            return Err(self.missing(&missing));
        }
        bound
            .iter()
            .enumerate()
            .map(|(i, a)| convert(i, a.as_ref().expect("bound")))
            .collect()
    }

    /// CPython's TypeError for too many positional arguments.
    fn too_many(&self, given: usize) -> PyErr {
        let n = self.params.len();
        let s = if n == 1 { "" } else { "s" };
        let was = if given == 1 { "was" } else { "were" };
        PyTypeError::new_err(format!(
            "{}() takes {n} positional argument{s} but {given} {was} given",
            self.display_name
        ))
    }

    /// CPython's TypeError for missing arguments: `'a'`, `'a' and 'b'`,
    /// `'a', 'b', and 'c'`.
    fn missing(&self, names: &[&str]) -> PyErr {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let s = if names.len() == 1 { "" } else { "s" };
        PyTypeError::new_err(format!(
            "{}() missing {} required positional argument{s}: {list}",
            self.display_name,
            names.len()
        ))
    }
}

/// Whether `f` calls nothing and has no loop (its blocks form no cycle).
fn runs_briefly(f: &ir::Function) -> bool {
    let calls = f
        .insts
        .iter()
        .any(|i| matches!(i.kind, InstKind::Call(..) | InstKind::CallHost(..)));
    if calls || f.layout.is_empty() {
        return false;
    }
    // Depth-first: a successor still on the path closes a cycle.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; f.blocks.len()];
    let mut path = vec![(f.entry(), 0usize)];
    state[f.entry().index()] = ON_PATH;
    while let Some((block, next)) = path.last_mut() {
        let block = *block;
        match f.successors(block).nth(*next) {
            Some(succ) => {
                *next += 1;
                match state[succ.index()] {
                    ON_PATH => return false,
                    NEW => {
                        state[succ.index()] = ON_PATH;
                        path.push((succ, 0));
                    }
                    _ => {}
                }
            }
            None => {
                state[block.index()] = DONE;
                path.pop();
            }
        }
    }
    true
}
