//! Python arguments as compiled code takes them, and back.
//!
//! Needs: each argument and the kind of its parameter (from the compiled
//! function's signature).
//! Gives: an `int` (or `bool`, or anything with `__index__`) as an `i64`;
//! a buffer of bytes or of 64-bit integers, pinned, as the memory itself
//! (no copy); a `list` for a `list[int]` parameter as a copy of its items,
//! written back after the call. The errors name the function and the
//! parameter, as CPython's argument errors do.

use crate::buffer::{Items, Pinned};
use minijit::{Arg, BufKind, ParamKind};
use pyo3::exceptions::{PyBufferError, PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyList};

/// Which argument, for messages: `f() argument 'x'`.
pub struct Named<'a> {
    /// The function as CPython names it in argument errors.
    pub function: &'a str,
    /// The parameter.
    pub param: &'a str,
}

impl Named<'_> {
    fn prefix(&self) -> String {
        format!("{}() argument '{}'", self.function, self.param)
    }
}

/// One argument, converted for the duration of a call.
pub enum Value<'py> {
    /// An integer.
    Int(i64),
    /// A buffer's own memory, pinned; `kind` is the parameter's.
    Buffer { pinned: Pinned, kind: BufKind },
    /// A copy of a `list`'s items, written back after the call where
    /// they differ from `entry`, the items as the call found them.
    List {
        list: Bound<'py, PyList>,
        items: Vec<i64>,
        entry: Vec<i64>,
    },
}

/// Converts `obj` for a parameter of kind `kind`.
///
/// # Errors
/// TypeError for an argument of the wrong type, OverflowError for an
/// integer outside 64 bits.
pub fn convert<'py>(
    obj: &Bound<'py, PyAny>,
    kind: ParamKind,
    name: &Named,
) -> PyResult<Value<'py>> {
    match kind {
        ParamKind::Int => int(obj, name).map(Value::Int),
        ParamKind::Buffer(BufKind::List) => {
            if let Ok(list) = obj.cast::<PyList>() {
                plain_item_access(list, name)?;
                return list_items(list, name).map(|items| Value::List {
                    list: list.clone(),
                    entry: items.clone(),
                    items,
                });
            }
            buffer(obj, BufKind::List, name)
        }
        ParamKind::Buffer(kind) => buffer(obj, kind, name),
    }
}

/// An integer argument (`int`, `bool`, or any object with `__index__`).
pub fn int(obj: &Bound<'_, PyAny>, name: &Named) -> PyResult<i64> {
    obj.extract::<i64>().map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(obj.py()) {
            PyOverflowError::new_err(format!(
                "{} does not fit in 64 bits (minijit's integers are from -2**63 to 2**63 - 1)",
                name.prefix()
            ))
        } else if obj.cast::<PyInt>().is_err() && e.is_instance_of::<PyTypeError>(obj.py()) {
            PyTypeError::new_err(format!(
                "{} must be int, not {}",
                name.prefix(),
                type_name(obj)
            ))
        } else {
            e
        }
    })
}

/// Refuses a `list` subclass that changes how items are read, written or
/// counted: compiled code reads and writes the items themselves, as the
/// subclass's methods would not.
fn plain_item_access(list: &Bound<'_, PyList>, name: &Named) -> PyResult<()> {
    if list.is_exact_instance_of::<PyList>() {
        return Ok(());
    }
    let py = list.py();
    let base = py.get_type::<PyList>();
    let subclass = list.get_type();
    for method in ["__getitem__", "__setitem__", "__len__", "__iter__"] {
        if !subclass.getattr(method)?.is(&base.getattr(method)?) {
            return Err(PyTypeError::new_err(format!(
                "{} is a list subclass with its own {method}: compiled code reads and writes the items directly, so it would bypass it",
                name.prefix()
            )));
        }
    }
    Ok(())
}

/// The items of a list for a `list[int]` parameter.
fn list_items(list: &Bound<'_, PyList>, name: &Named) -> PyResult<Vec<i64>> {
    let mut items = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let value = item.extract::<i64>().map_err(|e| {
            if e.is_instance_of::<PyOverflowError>(list.py()) {
                PyOverflowError::new_err(format!(
                    "{} item {i} does not fit in 64 bits (minijit's integers are from -2**63 to 2**63 - 1)",
                    name.prefix()
                ))
            } else {
                PyTypeError::new_err(format!(
                    "{} item {i} must be int, not {}",
                    name.prefix(),
                    type_name(&item)
                ))
            }
        })?;
        items.push(value);
    }
    Ok(items)
}

/// A buffer for a `bytes`, `bytearray` or `list[int]` parameter.
fn buffer<'py>(obj: &Bound<'py, PyAny>, kind: BufKind, name: &Named) -> PyResult<Value<'py>> {
    let (wanted, items) = match kind {
        BufKind::Bytes => (
            "a bytes-like object (bytes, bytearray, memoryview, array('B'))",
            Items::Bytes,
        ),
        BufKind::ByteArray => (
            "a writable bytes-like object (bytearray, memoryview, array('B'))",
            Items::Bytes,
        ),
        BufKind::List => (
            "a list of ints or a writable buffer of 64-bit integers (array('q'))",
            Items::Int64,
        ),
    };
    let refuse = |what: String| {
        PyTypeError::new_err(format!("{} must be {wanted}, not {what}", name.prefix()))
    };
    // The exporter's BufferError (a strided memoryview is not
    // C-contiguous), with the argument named; any other error as it is.
    let named = |e: PyErr| {
        let py = obj.py();
        if !e.is_instance_of::<PyBufferError>(py) {
            return e;
        }
        let named = PyBufferError::new_err(format!("{}: {}", name.prefix(), e.value(py)));
        named.set_cause(py, Some(e));
        named
    };
    let Some(pinned) = Pinned::get(obj).map_err(named)? else {
        return Err(refuse(type_name(obj)));
    };
    if pinned.items() != Some(items) {
        return Err(refuse(format!(
            "{} with items of format '{}'",
            type_name(obj),
            pinned.format()
        )));
    }
    if kind != BufKind::Bytes && !pinned.writable() {
        return Err(refuse(format!("read-only {}", type_name(obj))));
    }
    // An empty buffer's address is never read (CPython gives an empty
    // `array('q')` a shared static byte, which need not be aligned).
    if items == Items::Int64
        && pinned.len_bytes() > 0
        && !(pinned.address() as usize).is_multiple_of(8)
    {
        return Err(refuse(format!("{} not aligned to 8 bytes", type_name(obj))));
    }
    Ok(Value::Buffer { pinned, kind })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// The arguments of a call, borrowing `values`.
///
/// # Errors
/// ValueError when two buffers share memory and one of them is writable:
/// compiled code would see one memory through two names, which Python
/// allows but minijit's calling interface (a `&mut` slice per writable
/// buffer) cannot express soundly.
pub fn as_args<'v>(
    values: &'v mut [Value<'_>],
    names: &[String],
    function: &str,
) -> PyResult<Vec<Arg<'v>>> {
    check_no_overlap(values, names, function)?;
    Ok(values
        .iter_mut()
        .map(|value| match value {
            Value::Int(v) => Arg::Int(*v),
            Value::List { items, .. } => Arg::List(items),
            // Empty: no memory to borrow (a slice's pointer must be
            // aligned and not null even with no items, which the
            // buffer's need not be).
            Value::Buffer { pinned, kind } if pinned.len_bytes() == 0 => match kind {
                BufKind::Bytes => Arg::Bytes(&[]),
                BufKind::ByteArray => Arg::ByteArray(&mut []),
                BufKind::List => Arg::List(&mut []),
            },
            Value::Buffer { pinned, kind } => {
                let address = pinned.address();
                // SAFETY: the buffer is pinned while `values` lives, which
                // outlives the returned arguments; it is C-contiguous with
                // these many items, aligned for them (checked in `buffer`),
                // writable when the parameter writes, and no other
                // argument overlaps a writable one (checked above).
                unsafe {
                    match kind {
                        BufKind::Bytes => {
                            Arg::Bytes(std::slice::from_raw_parts(address, pinned.len_bytes()))
                        }
                        BufKind::ByteArray => Arg::ByteArray(std::slice::from_raw_parts_mut(
                            address,
                            pinned.len_bytes(),
                        )),
                        BufKind::List => Arg::List(std::slice::from_raw_parts_mut(
                            address.cast::<i64>(),
                            pinned.item_count(),
                        )),
                    }
                }
            }
        })
        .collect())
}

fn check_no_overlap(values: &[Value<'_>], names: &[String], function: &str) -> PyResult<()> {
    // A list is copied for the call: one list for two parameters would be
    // two copies, and a write through one would not be seen through the
    // other (nor survive the write-back of the other).
    let lists: Vec<(usize, &Bound<'_, PyList>)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| match v {
            Value::List { list, .. } => Some((i, list)),
            _ => None,
        })
        .collect();
    for (n, &(i, a)) in lists.iter().enumerate() {
        if let Some(&(j, _)) = lists[n + 1..].iter().find(|(_, b)| b.is(a)) {
            return Err(PyValueError::new_err(format!(
                "{function}() arguments '{}' and '{}' are the same list: minijit copies a list's items for each `list[int]` parameter, and two copies of one list would not see each other's writes",
                names[i], names[j]
            )));
        }
    }
    let ranges: Vec<(usize, usize, bool, usize)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| match v {
            Value::Buffer { pinned, kind } if pinned.len_bytes() > 0 => {
                let start = pinned.address() as usize;
                Some((
                    start,
                    start + pinned.len_bytes(),
                    *kind != BufKind::Bytes,
                    i,
                ))
            }
            _ => None,
        })
        .collect();
    for (n, a) in ranges.iter().enumerate() {
        for b in &ranges[n + 1..] {
            if (a.2 || b.2) && a.0 < b.1 && b.0 < a.1 {
                return Err(shared(function, &names[a.3], &names[b.3]));
            }
        }
    }
    Ok(())
}

fn shared(function: &str, a: &str, b: &str) -> PyErr {
    PyValueError::new_err(format!(
        "{function}() arguments '{a}' and '{b}' share memory: minijit cannot pass the same buffer twice when the function may write it"
    ))
}

/// Writes the items of every `list` argument back into the list, as the
/// Python function would have changed it in place (also after a trap:
/// writes before it stay). Only the items the call changed are stored:
/// the others keep their objects, and what another thread stored in them
/// while the call ran.
pub fn write_back(values: &[Value<'_>]) -> PyResult<()> {
    for value in values {
        let Value::List { list, items, entry } = value else {
            continue;
        };
        // Another thread may have shrunk the list while the call ran.
        for (i, (&item, &was)) in items.iter().zip(entry).enumerate().take(list.len()) {
            if item != was {
                list.set_item(i, item)?;
            }
        }
    }
    Ok(())
}
