//! The object `@minijit.jit` returns: a small type of its own in front of
//! the [`JitState`], because it can be called through vectorcall (no
//! argument tuple, none of pyo3's call machinery) where a pyo3 class is
//! called through `tp_call`. That halves the cost of a call from Python.
//!
//! Needs: a `JitState` to stand in front of.
//! Gives: a callable whose integer calls are converted and run here; any
//! other call (keywords, buffers, the first call, an argument that is not
//! a 64-bit integer) goes to the `JitState`, which does it all. Getting,
//! setting and deleting attributes go to the `JitState` too, so the
//! front has its `py_func`, `program`, `compile()`, `__wrapped__`, ...;
//! only `__reduce__` and `__reduce_ex__` are the front's own (pickled and
//! copied by reference, as a function), and it takes weak references.
//!
//! The type is made with `PyType_FromSpec` from the limited API. Vectorcall
//! for such a type (the `__vectorcalloffset__` member) is used where the
//! interpreter exports `PyObject_Vectorcall` to forward calls (3.11 on);
//! before, the same type is called through `tp_call`.

use crate::function::JitState;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::ffi::{c_int, c_uint, c_ulong, c_void};
use std::ptr;

/// One front: the object header, the vectorcall entry CPython calls
/// through, and a strong reference to the `JitState`.
#[repr(C)]
struct Front {
    ob_base: ffi::PyObject,
    vectorcall: Option<ffi::vectorcallfunc>,
    target: *mut ffi::PyObject,
    /// The weak references to the front (`weakref.ref(f)`, as for a
    /// function).
    weak: *mut ffi::PyObject,
}

/// CPython's `PyObject_Vectorcall`.
type Vectorcall = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    usize,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// `PyObject_Vectorcall`, if the interpreter exports it: CPython 3.11 on
/// (in 3.9 and 3.10 it is an inline function of the headers, and naming
/// it here would make the module fail to load). Without it the front is
/// called through `tp_call` only.
fn py_vectorcall() -> Option<Vectorcall> {
    static FOUND: std::sync::OnceLock<Option<Vectorcall>> = std::sync::OnceLock::new();
    *FOUND.get_or_init(|| {
        // SAFETY: dlsym with a NUL-terminated name; a symbol of that name
        // in CPython is the function of that signature.
        unsafe {
            let symbol = libc::dlsym(libc::RTLD_DEFAULT, c"PyObject_Vectorcall".as_ptr());
            (!symbol.is_null()).then(|| std::mem::transmute::<*mut c_void, Vectorcall>(symbol))
        }
    })
}

const HAVE_VECTORCALL: c_ulong = 1 << 11;
const ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

/// Calls through vectorcall.
unsafe extern "C" fn vectorcall(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with a live `Front`, attached, and with
    // `nargs` positional arguments at `args`.
    unsafe {
        let target = (*callable.cast::<Front>()).target;
        if target.is_null() {
            return cleared();
        }
        let nargs = nargsf & !ARGUMENTS_OFFSET;
        if kwnames.is_null() || ffi::PyTuple_Size(kwnames) == 0 {
            let items = if nargs == 0 {
                &[][..]
            } else {
                std::slice::from_raw_parts(args, nargs)
            };
            if let Some(result) = fast(target, items) {
                return result;
            }
        }
        match py_vectorcall() {
            Some(forward) => forward(target, args, nargsf, kwnames),
            // Never: the type has no vectorcall without it.
            None => cleared(),
        }
    }
}

/// Calls through `tp_call` (Python before 3.11, and `PyObject_Call`).
unsafe extern "C" fn call(
    callable: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls this with a live `Front`, a tuple and a dict or
    // null, attached.
    unsafe {
        let target = (*callable.cast::<Front>()).target;
        if target.is_null() {
            return cleared();
        }
        if kwargs.is_null() || ffi::PyDict_Size(kwargs) == 0 {
            let n = ffi::PyTuple_Size(args).max(0) as usize;
            let mut items = [ptr::null_mut(); 8];
            if n <= items.len() {
                for (i, item) in items.iter_mut().enumerate().take(n) {
                    *item = ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t);
                }
                if let Some(result) = fast(target, &items[..n]) {
                    return result;
                }
            }
        }
        ffi::PyObject_Call(target, args, kwargs)
    }
}

/// The integer fast path of the `JitState` at `target`, or `None` to
/// take the full path.
///
/// # Safety
/// Attached; `target` is a live `JitState`, `args` live objects.
unsafe fn fast(
    target: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
) -> Option<*mut ffi::PyObject> {
    let outcome = std::panic::catch_unwind(|| {
        // SAFETY: as the caller promised.
        let py = unsafe { Python::assume_attached() };
        let jit = unsafe { Borrowed::from_ptr(py, target).cast_unchecked::<JitState>() };
        jit.get().call_ints_fast(py, args)
    });
    match outcome {
        Ok(None) => None,
        Ok(Some(Ok(value))) => Some(value.into_ptr()),
        Ok(Some(Err(e))) => {
            // Attached, but through pyo3 only inside `attach`: the
            // references `restore` drops (the exception's type, its
            // arguments) are released at once there, where outside they
            // would wait in pyo3's pool for the next `attach`, one per
            // call.
            Python::attach(|py| e.restore(py));
            Some(ptr::null_mut())
        }
        // Never expected; the full path then says what went wrong.
        Err(_) => None,
    }
}

/// The error for a front whose `JitState` the garbage collector took.
fn cleared() -> *mut ffi::PyObject {
    // SAFETY: attached (called from the call slots).
    let py = unsafe { Python::assume_attached() };
    pyo3::exceptions::PyReferenceError::new_err("the jitted function was cleared").restore(py);
    ptr::null_mut()
}

unsafe extern "C" fn getattro(
    obj: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: a live `Front`, attached; `name` is compared only if it is
    // a str (`type(f).__getattribute__(f, 5)` passes anything).
    unsafe {
        // Pickling and copying ask the front itself ([`reduce`]).
        if ffi::PyUnicode_Check(name) != 0 {
            for own in [c"__reduce__", c"__reduce_ex__"] {
                if ffi::PyUnicode_CompareWithASCIIString(name, own.as_ptr()) == 0 {
                    return ffi::PyObject_GenericGetAttr(obj, name);
                }
            }
        }
        let target = (*obj.cast::<Front>()).target;
        if target.is_null() {
            return cleared();
        }
        ffi::PyObject_GetAttr(target, name)
    }
}

unsafe extern "C" fn setattro(
    obj: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: a live `Front`, attached; a null value deletes.
    unsafe {
        let target = (*obj.cast::<Front>()).target;
        if target.is_null() {
            cleared();
            return -1;
        }
        ffi::PyObject_SetAttr(target, name, value)
    }
}

unsafe extern "C" fn repr(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: a live `Front`, attached.
    unsafe {
        let target = (*obj.cast::<Front>()).target;
        if target.is_null() {
            return cleared();
        }
        ffi::PyObject_Repr(target)
    }
}

unsafe extern "C" fn traverse(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: a live `Front`; `visit` is the collector's.
    unsafe {
        let target = (*obj.cast::<Front>()).target;
        if target.is_null() {
            return 0;
        }
        visit(target, arg)
    }
}

unsafe extern "C" fn clear(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: a live `Front`, attached; the reference is dropped once.
    unsafe {
        let front = obj.cast::<Front>();
        let target = std::mem::replace(&mut (*front).target, ptr::null_mut());
        if !target.is_null() {
            ffi::Py_DecRef(target);
        }
    }
    0
}

unsafe extern "C" fn dealloc(obj: *mut ffi::PyObject) {
    // SAFETY: the last reference is gone; the object came from the type's
    // allocator (GC-tracked), and a heap type's instance holds a
    // reference to its type.
    unsafe {
        ffi::PyObject_GC_UnTrack(obj.cast());
        if !(*obj.cast::<Front>()).weak.is_null() {
            ffi::PyObject_ClearWeakRefs(obj);
        }
        clear(obj);
        let tp = ffi::Py_TYPE(obj);
        ffi::PyObject_GC_Del(obj.cast());
        ffi::Py_DecRef(tp.cast());
    }
}

/// `__reduce__`: pickled (and copied) as a function is, by reference: its
/// qualified name, which pickle finds again in its `__module__`.
unsafe extern "C" fn reduce(obj: *mut ffi::PyObject, _: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: a live `Front`, attached.
    unsafe {
        let target = (*obj.cast::<Front>()).target;
        if target.is_null() {
            return cleared();
        }
        ffi::PyObject_GetAttrString(target, c"__qualname__".as_ptr())
    }
}

/// The front type, made once at module initialisation.
pub fn make_type(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    let vectorcall = py.version_info() >= (3, 10) && py_vectorcall().is_some();
    // The spec and its slots must outlive the type: leaked, once.
    let member = |name: &'static std::ffi::CStr, offset: usize| ffi::PyMemberDef {
        name: name.as_ptr(),
        type_code: ffi::Py_T_PYSSIZET,
        offset: offset as ffi::Py_ssize_t,
        flags: ffi::Py_READONLY,
        doc: ptr::null(),
    };
    let mut members = vec![member(
        c"__weaklistoffset__",
        std::mem::offset_of!(Front, weak),
    )];
    if vectorcall {
        members.push(member(
            c"__vectorcalloffset__",
            std::mem::offset_of!(Front, vectorcall),
        ));
    }
    // SAFETY: all zeros ends the table.
    members.push(unsafe { std::mem::zeroed() });
    let members = Box::leak(members.into_boxed_slice());
    let methods = Box::leak(Box::new([
        ffi::PyMethodDef {
            ml_name: c"__reduce__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: reduce,
            },
            ml_flags: ffi::METH_NOARGS,
            ml_doc: ptr::null(),
        },
        // SAFETY: all zeros ends the table.
        unsafe { std::mem::zeroed() },
    ]));
    let mut slots = vec![
        slot(ffi::Py_tp_call, call as *mut c_void),
        slot(ffi::Py_tp_getattro, getattro as *mut c_void),
        slot(ffi::Py_tp_setattro, setattro as *mut c_void),
        slot(ffi::Py_tp_repr, repr as *mut c_void),
        slot(ffi::Py_tp_traverse, traverse as *mut c_void),
        slot(ffi::Py_tp_clear, clear as *mut c_void),
        slot(ffi::Py_tp_dealloc, dealloc as *mut c_void),
        slot(
            ffi::Py_tp_doc,
            c"A function compiled by @minijit.jit.".as_ptr() as *mut c_void,
        ),
    ];
    slots.push(slot(ffi::Py_tp_members, members.as_mut_ptr().cast()));
    slots.push(slot(ffi::Py_tp_methods, methods.as_mut_ptr().cast()));
    slots.push(slot(0, ptr::null_mut()));
    let mut flags = ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC;
    if vectorcall {
        flags |= HAVE_VECTORCALL;
    }
    let spec = Box::leak(Box::new(ffi::PyType_Spec {
        name: c"minijit.JitFunction".as_ptr(),
        basicsize: std::mem::size_of::<Front>() as c_int,
        itemsize: 0,
        flags: flags as c_uint,
        slots: Box::leak(slots.into_boxed_slice()).as_mut_ptr(),
    }));
    // SAFETY: the spec is complete and lives forever.
    unsafe {
        let tp = ffi::PyType_FromSpec(spec);
        Bound::from_owned_ptr_or_err(py, tp).map(|t| t.cast_into_unchecked::<PyType>())
    }
}

fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// A new front for `target`, of the type `make_type` made.
pub fn new_front<'py>(
    front_type: &Bound<'py, PyType>,
    target: &Bound<'py, JitState>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = front_type.py();
    // SAFETY: the type's own allocator (GC-aware) gives a zeroed object
    // of `basicsize` bytes, untracked until it returns; the fields are set
    // before anything can see it.
    unsafe {
        let tp = front_type.as_ptr().cast::<ffi::PyTypeObject>();
        let obj = ffi::PyType_GenericAlloc(tp, 0);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        let front = obj.cast::<Front>();
        (*front).vectorcall = Some(vectorcall);
        (*front).target = target.clone().into_ptr();
        (*front).weak = ptr::null_mut();
        Ok(Bound::from_owned_ptr(py, obj))
    }
}

/// The `JitState` behind `obj` (a front or a `JitState` itself).
pub fn target_of<'py>(
    front_type: &Bound<'py, PyType>,
    obj: &Bound<'py, PyAny>,
) -> Option<Bound<'py, JitState>> {
    if let Ok(jit) = obj.cast::<JitState>() {
        return Some(jit.clone());
    }
    if !obj.get_type().is(front_type) {
        return None;
    }
    // SAFETY: an object of the front type.
    let target = unsafe { (*obj.as_ptr().cast::<Front>()).target };
    if target.is_null() {
        return None;
    }
    // SAFETY: the front holds a strong reference to a `JitState`.
    Some(unsafe { Bound::from_borrowed_ptr(obj.py(), target).cast_into_unchecked() })
}
